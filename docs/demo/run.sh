#!/usr/bin/env bash
# Runs the seeds' comparison (docs/demo/SeedComparison.java) with a JDK 21+; docs/concepts.md records its output.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../../grader/bin/find-jdk.sh
. "$root/grader/bin/find-jdk.sh"
if ! jdk="$(find_jdk)"; then
  echo "demo: $no_jdk_message" >&2
  exit 2
fi
exec "$jdk/bin/java" "$root/docs/demo/SeedComparison.java"
