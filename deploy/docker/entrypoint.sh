#!/usr/bin/env bash
# The container image's entry point, installed as /opt/gradelock/bin/gradelock: runs the grader from the jars in
# ../lib on the image's JDK, with the arguments it was given (gradelock --version, grade ..., batch ..., merge ...).
# Unlike ./gradelock at the course's root it never builds anything: the image holds the built grader.
# GRADELOCK_JAVA_HOME, then JAVA_HOME (the base image sets it), then the java on PATH choose the JDK.
set -euo pipefail

home="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
lib="$home/lib"

java_home="${GRADELOCK_JAVA_HOME:-${JAVA_HOME:-}}"
if [ -n "$java_home" ]; then
  java="$java_home/bin/java"
else
  java="$(command -v java || true)"
fi
# Exit status 2, as for a usage error: retrying the same pod cannot help, and a Job's podFailurePolicy says so.
if [ -z "$java" ] || [ ! -x "$java" ]; then
  echo "gradelock: found no java (looked at GRADELOCK_JAVA_HOME, JAVA_HOME and PATH); set JAVA_HOME to a JDK 21 or newer" >&2
  exit 2
fi
if [ ! -x "$(dirname "$java")/javac" ]; then
  echo "gradelock: $java is not part of a JDK (no javac beside it), and the grader compiles submissions; use a JDK 21 or newer" >&2
  exit 2
fi
if ! compgen -G "$lib/*.jar" >/dev/null; then
  echo "gradelock: no grader jars in $lib; the image was built wrong (see deploy/docker/Dockerfile)" >&2
  exit 2
fi

# The same JVM options as ./gradelock: the grader's own JVM is short-lived and mostly waits for its test JVMs.
exec "$java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$lib/*" gradelock.cli.Gradelock "$@"
