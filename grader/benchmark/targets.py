#!/usr/bin/env python3
"""Times what issue 13 sets targets for, and prints a table (docs/benchmark.md records it).

Run from the repository root, on a quiet machine, with nothing else grading:

    grader/benchmark/targets.py                      # every target, a class of 200
    grader/benchmark/targets.py --only 2,3           # some targets
    grader/benchmark/targets.py --students 20 --only 1

  1. a class of N students generated from solutions/ (seeded: per exercise the reference or an alternative, or a
     faulty variant, about half faulty), graded by ./gradelock batch with its defaults; then a sample of them graded
     alone, to check that every score is the same;
  2. an exercise whose every test hangs: the stub with every body a spin that ignores interrupts (bounded-buffer), or
     a sleep whose interrupt is swallowed in a loop (event-consumer);
  3. ./gradelock grade solutions, the whole course, correct;
  4. ./gradelock validate with its defaults;
  5. ./mvnw verify in a clean clone of the committed tree.
"""
import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGETS = {1: 30 * 60, 2: 20, 3: 10, 4: 15 * 60, 5: 6 * 60}


def run(args, **kwargs):
    start = time.monotonic()
    completed = subprocess.run(args, cwd=kwargs.pop("cwd", ROOT), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kwargs)
    return time.monotonic() - start, completed


def exercise_ids():
    return sorted(p.name for p in (ROOT / "solutions").iterdir() if (p / "exercise.json").is_file())


def subfolders(path):
    return sorted(p for p in path.iterdir() if p.is_dir()) if path.is_dir() else []


def generate_class(folder, students, seed):
    """One folder per student; each exercise is a correct variant or a faulty one, chosen by a seeded coin."""
    rng = random.Random(seed)
    chosen = {}
    for n in range(1, students + 1):
        student = folder / f"student-{n:03d}"
        picks = {}
        for exercise in exercise_ids():
            solution = ROOT / "solutions" / exercise
            faulty = subfolders(solution / "faulty")
            if faulty and rng.random() < 0.5:
                source = rng.choice(faulty)
            else:
                source = rng.choice([solution / "src" / "main" / "java"] + subfolders(solution / "alternatives"))
            picks[exercise] = str(source.relative_to(ROOT))
            for java in source.rglob("*.java"):
                target = student / exercise / java.relative_to(source)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(java, target)
        chosen[student.name] = picks
    return chosen


def hanging_submission(folder, exercise, body):
    """The exercise's stub with every `throw new UnsupportedOperationException(...)` replaced by a body that never ends."""
    stub = ROOT / "exercises" / exercise / "src" / "main" / "java"
    for java in stub.rglob("*.java"):
        target = folder / java.relative_to(stub)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = re.sub(r"throw new UnsupportedOperationException\((?:\s|.)*?\);", body, java.read_text())
        target.write_text(text)
    return folder


SPIN = "for (;;) { Thread.interrupted(); Thread.onSpinWait(); }"
SWALLOW = "for (;;) { try { Thread.sleep(1_000); } catch (InterruptedException swallowed) { } }"


def scores(result_file):
    result = json.loads(Path(result_file).read_text())
    return {e["id"]: (e["score"], e["max_score"], [(t["name"], t["verdict"]) for t in e["tests"]]) for e in result["exercises"]}


def pinned(result, picks):
    """What the course pins for each exercise: full marks for a correct variant; for a faulty one, the verdict of each
    test its expected.json names. Other tests of a faulty variant may go either way from run to run (a race, a
    deadlock that forms or not), alone as in a batch."""
    pins = {}
    for exercise, source in picks.items():
        score, maximum, verdicts = result[exercise]
        if "/faulty/" not in source:
            pins[exercise] = score == maximum
        else:
            named = {e["test"] for e in json.loads((ROOT / source / "expected.json").read_text())["expect"]}
            pins[exercise] = sorted((name, verdict) for name, verdict in verdicts if name in named)
    return pins


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--check", type=int, default=10, help="students graded alone again to compare (target 1)")
    parser.add_argument("--only", default="1,2,3,4,5")
    parser.add_argument("--keep", metavar="DIR", help="keep the generated class and its results in DIR (default: deleted)")
    args = parser.parse_args()
    only = {int(t) for t in args.only.split(",")}

    elapsed, built = run(["./gradelock", "--version"])  # builds the grader if needed, outside the measurements
    if built.returncode != 0:
        sys.exit("could not build the grader:\n" + built.stdout)
    cores = os.cpu_count()
    memory = int(next(l for l in open("/proc/meminfo") if l.startswith("MemTotal")).split()[1]) / 1048576
    print(f"machine: {cores} cores, {memory:.0f} GiB, {os.uname().sysname} {os.uname().release}; load before: {os.getloadavg()[0]:.2f}")
    rows = []
    work = Path(args.keep).resolve() if args.keep else Path(tempfile.mkdtemp(prefix="gradelock-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if 1 in only:
            chosen = generate_class(work / "class", args.students, args.seed)
            faulty = sum(1 for picks in chosen.values() for p in picks.values() if "/faulty/" in p)
            seconds, batch = run(["./gradelock", "batch", str(work / "class"), "--out", str(work / "out")])
            if batch.returncode != 0:
                sys.exit("batch failed:\n" + batch.stdout[-3000:])
            sample = random.Random(args.seed).sample(sorted(chosen), min(args.check, len(chosen)))
            differ, elsewhere = [], 0
            for student in sample:
                alone = work / f"alone-{student}.json"
                run(["./gradelock", "grade", str(work / "class" / student), "--json", str(alone)])
                batch_scores, alone_scores = scores(work / "out" / student / "result.json"), scores(alone)
                if pinned(batch_scores, chosen[student]) != pinned(alone_scores, chosen[student]):
                    differ.append(student)
                elsewhere += sum(1 for e in batch_scores if batch_scores[e] != alone_scores[e])
            rows.append((1, f"class of {args.students} (seed {args.seed}, {faulty} of {args.students * len(exercise_ids())} exercises faulty)",
                         seconds, f"{seconds / args.students:.1f} s a student; {len(sample) - len(differ)} of {len(sample)} graded alone"
                         f" got the same pinned verdicts" + (f" (differ: {', '.join(differ)})" if differ else "")
                         + f"; {elsewhere} exercise(s) differed in a test no expected.json pins"))
        if 2 in only:
            for exercise, body, what in (("bounded-buffer", SPIN, "spins ignoring interrupts"),
                                         ("event-consumer", SWALLOW, "swallows interrupts in a loop")):
                folder = hanging_submission(work / f"hangs-{exercise}", exercise, body)
                seconds, graded = run(["./gradelock", "grade", str(folder), "--exercise", exercise, "--json", str(work / "hang.json")])
                result = scores(work / "hang.json")[exercise]
                verdicts = {}
                for _, verdict in result[2]:
                    verdicts[verdict] = verdicts.get(verdict, 0) + 1
                rows.append((2, f"{exercise}: every method {what}", seconds,
                             f"{result[0]}/{result[1]}; " + ", ".join(f"{n} {v}" for v, n in sorted(verdicts.items()))))
        if 3 in only:
            times = []
            for _ in range(3):
                seconds, graded = run(["./gradelock", "grade", "solutions", "--json", str(work / "course.json")])
                times.append(seconds)
            total = sum(r[0] for r in scores(work / "course.json").values())
            rows.append((3, "./gradelock grade solutions, 3 runs", min(times), f"{total}/242; " + ", ".join(f"{t:.1f}" for t in times) + " s"))
        if 4 in only:
            seconds, validated = run(["./gradelock", "validate"])
            last = [l for l in validated.stdout.splitlines() if l.startswith("Validated")]
            rows.append((4, "./gradelock validate (defaults)", seconds, (last[-1] if last else "no summary") + f"; exit {validated.returncode}"))
        if 5 in only:
            clone = work / "clone"
            run(["git", "clone", "-q", str(ROOT), str(clone)])
            seconds, verified = run(["./mvnw", "-B", "-q", "verify"], cwd=clone)
            rows.append((5, "./mvnw verify, clean clone of HEAD", seconds, "BUILD SUCCESS" if verified.returncode == 0 else "FAILED"))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print(f"\n| target | what | at most | measured | |\n|---|---|---|---|---|")
    for target, what, seconds, note in rows:
        # target 1 is for a class of 200: a smaller class is held to the same time a student
        limit = TARGETS[target] * (args.students / 200 if target == 1 else 1)
        verdict = "met" if seconds <= limit else "missed"
        print(f"| {target} | {what} | {limit:.0f} s | {seconds:.1f} s ({verdict}) | {note} |")


if __name__ == "__main__":
    main()
