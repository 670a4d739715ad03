#!/usr/bin/env bash
# Prints a Markdown table of the public tests' results, a row per exercise, from Surefire's reports.
set -euo pipefail
cd "$(dirname "$0")/.."

count() { # the value of attribute $1 in the <testsuite> element of report $2
  grep -m 1 -o "<testsuite [^>]*" "$2" | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*" || echo 0
}

echo "## Public tests"
echo
echo "| exercise | passed | failed | skipped |"
echo "|---|---:|---:|---:|"
for pom in */pom.xml; do
  exercise="${pom%/pom.xml}"
  tests=0 failed=0 skipped=0 reports=0
  for report in "$exercise"/target/surefire-reports/TEST-*.xml; do
    [ -f "$report" ] || continue
    reports=$((reports + 1))
    tests=$((tests + $(count tests "$report")))
    failed=$((failed + $(count failures "$report") + $(count errors "$report")))
    skipped=$((skipped + $(count skipped "$report")))
  done
  if [ "$reports" -eq 0 ]; then
    echo "| $exercise | not run: it did not compile, or an earlier step failed | | |"
  else
    echo "| $exercise | $((tests - failed - skipped)) | $failed | $skipped |"
  fi
done
