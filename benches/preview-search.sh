#!/usr/bin/env bash
# The preview with search on: how long from a save to the edited page being served,
# when saves come one second apart, and when the search index has caught up.
#
#   benches/preview-search.sh SITE [SAVES]     # e.g. a corpus of 1,000 plans
#
# Starts `planpub serve` on SITE, then SAVES times (default 10), one second apart,
# appends a new word to the first plan's text and polls that plan's page until it
# holds the word (every 5 ms). Prints the save-to-page times (median, max) and the
# build and index-update times serve printed. Restores the plan's text at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
site="$1"; saves="${2:-10}"
planpub="${PLANPUB:-${CARGO_TARGET_DIR:-target}/release/planpub}"
[ -x "$planpub" ] || cargo build --release --locked --bin planpub
plan="$(ls -d "$site"/content/plans/*/ | sed -n '1p')"; plan="${plan%/}"
id="$(basename "$plan")"
cp "$plan/index.md" /tmp/preview-search-orig.md
log="$(mktemp)"
"$planpub" serve --root "$site" --port 0 >"$log" 2>&1 &
serve=$!
cleanup() { kill "$serve" 2>/dev/null || true; cp /tmp/preview-search-orig.md "$plan/index.md"; }
trap cleanup EXIT
for _ in $(seq 1200); do grep -q '^serving' "$log" && break; sleep 0.5; done
url="$(sed -n 's/^serving \(http[^ ]*\).*/\1/p' "$log" | head -1)"
[ -n "$url" ] || { echo "serve did not start:"; cat "$log"; exit 1; }
page="${url%/}/plans/$id/index.html"
sleep 3
times=()
for i in $(seq "$saves"); do
  word="预览计时词$i"
  t0="$(date +%s%N)"
  printf '\n%s。\n' "$word" >>"$plan/index.md"
  until curl -fs "$page" | grep -q "$word"; do sleep 0.005; done
  t1="$(date +%s%N)"
  times+=("$(( (t1 - t0) / 1000000 ))")
  rest=$(( 1000 - (t1 - t0) / 1000000 ))
  [ "$rest" -gt 0 ] && sleep "$(awk -v r="$rest" 'BEGIN { print r / 1000 }')"
done
sleep 5
sorted="$(printf '%s\n' "${times[@]}" | sort -n)"
echo "saves: $saves, one second apart, on $(ls "$site/content/plans" | wc -l) plans"
echo "save → page served, ms: $(echo "$sorted" | tr '\n' ' ')"
echo "median $(echo "$sorted" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }') ms, max $(echo "$sorted" | tail -1) ms"
echo "serve's own lines (build of the edited pages, then the index on its own thread):"
grep -E '^(built|search index updated)' "$log" | tail -"$(( saves * 2 + 1 ))"
