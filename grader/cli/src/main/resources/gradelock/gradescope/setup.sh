#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image (Ubuntu): the grader needs a JDK 21
# or newer (a JDK, not a JRE: it compiles the submission).
set -euo pipefail
apt-get update
apt-get install -y --no-install-recommends openjdk-21-jdk-headless
# The bundle is a plain zip, which keeps no file modes.
chmod +x /autograder/source/run_autograder /autograder/source/find-jdk.sh
[ -f /autograder/run_autograder ] && chmod +x /autograder/run_autograder
exit 0
