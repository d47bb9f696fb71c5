#!/usr/bin/env bash
# Gate: builds tests/fixtures/xss (XSS payloads in every kind of content) with the
# release binary, once with raw_html: sanitise (the default) and once with escape, and
# opens every page of each in headless Chromium (.ci/xss.mjs): no script may run.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for mode in sanitise escape; do
  site="$work/$mode"
  mkdir -p "$site/themes"
  cp -r tests/fixtures/xss/. "$site/"
  cp -r themes/default "$site/themes/"
  sed -i "s/^description:/raw_html: $mode\ndescription:/" "$site/site.yaml"
  grep -q "^raw_html: $mode" "$site/site.yaml"
  ./target/release/planpub build --root "$site" >/dev/null
  echo "raw_html: $mode"
  node .ci/xss.mjs "$site/output" || status=1
done
exit $status
