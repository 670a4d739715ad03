#!/usr/bin/env bash
# Prints a Markdown table of the public tests' results, a row per exercise, from Surefire's reports: how many
# passed, failed and were skipped, and the numbers of the tests that failed ("3.1" is test 1 of task 3 in the
# exercise's README; Surefire's reports name each test by its display name, which begins with that number).
set -euo pipefail
cd "$(dirname "$0")/.."

count() { # the value of attribute $1 in the <testsuite> element of report $2
  grep -m 1 -o "<testsuite [^>]*" "$2" | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*" || echo 0
}

failed_numbers() { # the numbers of the tests that failed in report $1, one a line: a <failure> or <error> opens the <testcase>
  awk '
    pending != "" && /^[[:space:]]*<(failure|error)[[:space:]>]/ { print pending }
    { pending = "" }
    /<testcase / && !/\/>[[:space:]]*$/ && match($0, /name="[0-9]+\.[0-9]+ /) { pending = substr($0, RSTART + 6, RLENGTH - 7) }
  ' "$1"
}

echo "## Public tests"
echo
echo "| exercise | passed | failed | skipped | failed tests |"
echo "|---|---:|---:|---:|---|"
for pom in */pom.xml; do
  exercise="${pom%/pom.xml}"
  tests=0 failed=0 skipped=0 reports=0 numbers=""
  for report in "$exercise"/target/surefire-reports/TEST-*.xml; do
    [ -f "$report" ] || continue
    reports=$((reports + 1))
    tests=$((tests + $(count tests "$report")))
    failed=$((failed + $(count failures "$report") + $(count errors "$report")))
    skipped=$((skipped + $(count skipped "$report")))
    numbers+="$(failed_numbers "$report")"$'\n'
  done
  if [ "$reports" -eq 0 ]; then
    echo "| $exercise | not run: it did not compile, or an earlier step failed | | | |"
  else
    numbers="$(printf '%s' "$numbers" | grep . | sort -t . -k 1,1n -k 2,2n | paste -s -d , - | sed 's/,/, /g' || true)"
    echo "| $exercise | $((tests - failed - skipped)) | $failed | $skipped | $numbers |"
  fi
done
