#!/usr/bin/env bash
# The preview's value save: starts `planpub serve --timings` on SITE, raises the first
# target value of the site's fifth plan by one N times, WAIT seconds apart, and prints
# each build line serve writes with its stages; the file is put back at the end.
# docs/performance.md gives the figures.
#
#   benches/value-saves.sh SITE [WAIT] [N]     # defaults: 10 s, 4 saves
#   PLANPUB=/path/to/planpub benches/value-saves.sh SITE
set -euo pipefail
site=$(realpath "$1"); wait_s=${2:-10}; n=${3:-4}
bin=${PLANPUB:-$(dirname "$0")/../target/release/planpub}
plan=$(ls -d "$site"/content/plans/* | sed -n 5p)
out=$(mktemp -d)
cp "$plan/indicators.md" "$out/indicators.md"
"$bin" serve --root "$site" --port 0 --timings > "$out/stdout" 2> "$out/stderr" &
pid=$!
restore() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  cp "$out/indicators.md" "$plan/indicators.md"
}
trap restore EXIT
until grep -q serving "$out/stdout" "$out/stderr" 2>/dev/null; do sleep 1; done
sleep "$wait_s"
for _ in $(seq "$n"); do
  perl -0pi -e 's/(- \{year: \d+, value: )(\d+)/$1.($2+1)/e' "$plan/indicators.md"
  sleep "$wait_s"
done
grep VmRSS "/proc/$pid/status"
restore
trap - EXIT
cat "$out/stdout"
grep timings "$out/stderr"
rm -rf "$out"
