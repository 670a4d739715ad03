#!/usr/bin/env bash
# Measures what docs/benchmark.md records. Run from the repository root: grader/benchmark/run.sh
#  1. grading the bounded-buffer reference end to end with ./gradelock (wall time, 5 runs);
#  2. the deadlocked faulty variant under the grader: wall time, and the deadlock test's time to verdict;
#  3. the same variant under plain Maven Surefire with the tests' JUnit @Timeout, for comparison.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

./gradelock --version >/dev/null   # builds the grader if needed, outside the measurements
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"

seconds() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.2f", (e - s) / 1e9 }'; }

echo "== 1. ./gradelock grade solutions/bounded-buffer (reference), 5 runs"
for run in 1 2 3 4 5; do
  start=$(date +%s%N)
  ./gradelock grade solutions/bounded-buffer --exercise bounded-buffer --json "$out/reference.json" >/dev/null
  end=$(date +%s%N)
  echo "run $run: $(seconds "$start" "$end") s wall, score $(grep -m1 '"score"' "$out/reference.json" | tr -dc 0-9)/$(grep -m1 '"max_score"' "$out/reference.json" | tr -dc 0-9)"
done

echo "== 2. ./gradelock grade solutions/bounded-buffer/faulty/lock-order-deadlock"
start=$(date +%s%N)
./gradelock grade solutions/bounded-buffer/faulty/lock-order-deadlock --exercise bounded-buffer --json "$out/deadlock.json" >/dev/null
end=$(date +%s%N)
echo "whole grading: $(seconds "$start" "$end") s wall"
python3 - "$out/deadlock.json" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
for test in result["exercises"][0]["tests"]:
    if test["verdict"] == "deadlock":
        print(f'{test["name"]}: deadlock verdict {test["duration_ms"]} ms after the test started (run {test["runs"]} of its runs)')
PY

echo "== 3. the same variant under plain Maven Surefire (JUnit @Timeout only)"
test_name="$(python3 -c 'import json,sys; print(next(e["test"] for e in json.load(open(sys.argv[1]))["expect"] if e["verdict"]=="deadlock"))' solutions/bounded-buffer/faulty/lock-order-deadlock/expected.json)"
start=$(date +%s%N)
./mvnw -q -B -pl solutions/bounded-buffer -am test -Dsolution.sources="$PWD/solutions/bounded-buffer/faulty/lock-order-deadlock" \
  -Dtest="${test_name/./#}" -Dsurefire.failIfNoSpecifiedTests=false >"$out/surefire.log" 2>&1 || true
end=$(date +%s%N)
echo "surefire: $(seconds "$start" "$end") s wall; what it says:"
grep -E 'Tests run:|TimeoutException|timed out|deadlock' "$out/surefire.log" | sort | uniq -c | head -8
