#!/usr/bin/env bash
# Runs the Gradescope bundle as Gradescope's default container would (768 MB, half a CPU) on a submission whose every
# method sleeps and swallows interrupts (the slowest honest case), and prints how long it took, the most memory it
# used and whether anything was killed for memory. Needs root (it makes a cgroup) and cgroup v1 or v2.
#
#   grader/benchmark/gradescope-container.sh [MEMORY_MB]     # from the repository's root; default 768
set -euo pipefail
cd "$(dirname "$0")/../.."
memory_mb="${1:-768}"
work="$(mktemp -d /tmp/gradelock-gradescope-XXXXXX)"
trap 'rm -rf "$work"' EXIT

./gradelock package gradescope --out "$work/autograder.zip" --course . >/dev/null
mkdir -p "$work/root/submission"
(cd "$work/root" && unzip -q ../autograder.zip -d source && cp source/run_autograder .)
python3 - "$work/root/submission" <<'EOF'
import sys
from pathlib import Path
sys.path.insert(0, "grader/benchmark")
import targets
for exercise in targets.exercise_ids():
    targets.hanging_submission(Path(sys.argv[1]) / exercise, exercise, targets.SWALLOW)
EOF

group="gradelock-gradescope-$$"
if [ -d /sys/fs/cgroup/memory ]; then # cgroup v1
  memory=/sys/fs/cgroup/memory/$group cpu=/sys/fs/cgroup/cpu/$group
  mkdir -p "$memory" "$cpu"
  echo "${memory_mb}M" > "$memory/memory.limit_in_bytes"
  echo 100000 > "$cpu/cpu.cfs_period_us"; echo 50000 > "$cpu/cpu.cfs_quota_us"
  join="$memory/cgroup.procs $cpu/cgroup.procs"
  peak() { cat "$memory/memory.max_usage_in_bytes"; }
  kills() { awk '/oom_kill /{print $2}' "$memory/memory.oom_control"; }
  cleanup_group() { rmdir "$memory" "$cpu"; }
else # cgroup v2
  memory=/sys/fs/cgroup/$group
  mkdir -p "$memory"
  echo "${memory_mb}M" > "$memory/memory.max"; echo "50000 100000" > "$memory/cpu.max"
  join="$memory/cgroup.procs"
  peak() { cat "$memory/memory.peak"; }
  kills() { awk '/oom_kill /{print $2}' "$memory/memory.events"; }
  cleanup_group() { rmdir "$memory"; }
fi

start=$SECONDS
bash -c "for procs in $join; do echo \$\$ > \$procs; done; AUTOGRADER_ROOT='$work/root' exec bash '$work/root/run_autograder'" >/dev/null 2>&1
seconds=$((SECONDS - start))
echo "run_autograder: ${seconds} s in ${memory_mb} MB and half a CPU; most memory used: $(( $(peak) / 1048576 )) MB; killed for memory: $(kills)"
tail -n 1 "$work/root/results/gradelock.log"
python3 - "$work/root/results/results.json" <<'EOF'
import json, sys, collections
result = json.load(open(sys.argv[1]))
print("results.json:", result["score"], "points;", collections.Counter(t["tags"][-1] for t in result["tests"] if t.get("tags")))
EOF
# a grader killed for memory leaves its test JVMs behind (a real container ends with them)
for pid in $(cat "$memory/cgroup.procs"); do kill -9 "$pid" 2>/dev/null || true; done
sleep 1
cleanup_group
