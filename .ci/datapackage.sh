#!/usr/bin/env bash
# Gate: output/datapackage.json and every file it lists, validated by the Frictionless
# validator (the frictionless Python package, pinned in .ci/run, in .ci/venv): the
# package's metadata against the Data Package standard, and every CSV against its
# Table Schema (header, types, closed sets). Its self-test first: a copy of the open
# data with a word in the number column `year` of targets.csv must be refused, or the
# gate is blind and fails.
#
#   bash .ci/datapackage.sh [output]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
site="${1:-output}"
frictionless="${FRICTIONLESS:-$here/venv/bin/frictionless}"
[ -f "$site/datapackage.json" ] || { echo "datapackage: $site/datapackage.json missing; build the site first" >&2; exit 2; }
[ -x "$frictionless" ] || { echo "datapackage: $frictionless not found; run .ci/run's tools step" >&2; exit 2; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp "$site/datapackage.json" "$tmp/"
cp -r "$site/data" "$tmp/data"
# The first value row again, its year replaced by a word.
sed -n '2{s/,\(19\|20\)[0-9][0-9],/,year,/;p}' "$site/data/targets.csv" >> "$tmp/data/targets.csv"
if "$frictionless" validate "$tmp/datapackage.json" > "$tmp/self-test.txt" 2>&1; then
  echo "datapackage: self-test: a broken targets.csv was accepted; the gate is blind" >&2
  exit 1
fi
grep -q "type-error" "$tmp/self-test.txt" || { echo "datapackage: self-test: no type error reported" >&2; cat "$tmp/self-test.txt" >&2; exit 1; }
echo "datapackage: self-test passed (a word in a number column is refused)"

# The table the validator prints lists every resource; only what is not VALID is shown.
if "$frictionless" validate "$site/datapackage.json" > "$tmp/report.txt" 2>&1; then
  echo "datapackage: $site/datapackage.json and the $(grep -c ' VALID ' "$tmp/report.txt") resources it lists are valid"
else
  grep -v ' VALID ' "$tmp/report.txt" || true
  echo "datapackage: $site/datapackage.json is NOT valid"
  exit 1
fi
