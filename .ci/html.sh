#!/usr/bin/env bash
# Gate: HTML conformance. The Nu Html Checker (vnu.jar from the vnu-jar npm package,
# installed into .ci/node_modules by `npm ci --prefix .ci`) checks every HTML file of
# the built site in one run of the JVM, and reports errors only (not warnings).
#
#   bash .ci/html.sh [output]
#
# Exits 1 if any file has an error, printing each grouped by message, with the file,
# line, column and the offending markup.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
site="${1:-output}"
jar="$here/node_modules/vnu-jar/build/dist/vnu.jar"
[ -d "$site" ] || { echo "html: $site does not exist; build the site first" >&2; exit 2; }
[ -f "$jar" ] || { echo "html: $jar missing; run: npm ci --prefix .ci" >&2; exit 2; }
command -v java >/dev/null || { echo "html: java not found; install default-jre-headless" >&2; exit 2; }

report="$(mktemp)"
trap 'rm -f "$report"' EXIT
start=$(date +%s)
count=$(find "$site" -type f \( -name '*.html' -o -name '*.htm' \) | wc -l)
# One JVM for the whole folder (a directory argument is walked recursively);
# --skip-non-html leaves CSS, SVG, CSV and JSON files alone.
status=0
java -Xss8m -jar "$jar" --skip-non-html --errors-only --format json --stdout "$site" >"$report" || status=$?
secs=$(( $(date +%s) - start ))

# vnu exits 1 when it found errors; anything else non-zero is a crash.
if [ "$status" -gt 1 ]; then
  cat "$report"
  echo "html: vnu.jar failed (exit $status)" >&2
  exit 2
fi

SITE="$(cd "$site" && pwd)" COUNT="$count" SECS="$secs" node - "$report" <<'JS'
const { readFileSync } = require('node:fs');
const { messages } = JSON.parse(readFileSync(process.argv[2], 'utf8') || '{"messages":[]}');
const site = process.env.SITE;
const rel = (url) => decodeURIComponent((url || '').replace(/^file:/, '')).replace(site + '/', '');
const errors = messages.filter((m) => m.type === 'error' || m.type === 'non-document-error' || m.subType === 'fatal');
const byMessage = new Map();
for (const m of errors) {
  if (!byMessage.has(m.message)) byMessage.set(m.message, []);
  byMessage.get(m.message).push(m);
}
for (const [message, list] of byMessage) {
  console.log(`\nERROR (${list.length}): ${message}`);
  list.sort((a, b) => rel(a.url).localeCompare(rel(b.url)) || (a.lastLine ?? 0) - (b.lastLine ?? 0));
  for (const m of list) {
    const pos = m.lastLine ? `:${m.lastLine}.${m.firstColumn ?? m.lastColumn}` : '';
    console.log(`  ${rel(m.url)}${pos}`);
    if (m.extract) console.log(`      ${m.extract.replace(/\s+/g, ' ').trim().slice(0, 160)}`);
  }
}
const files = new Set(errors.map((m) => m.url)).size;
console.log(`\nhtml: Nu Html Checker over ${process.env.COUNT} HTML file(s): ${errors.length} error(s) in ${files} file(s), ${byMessage.size} distinct message(s), ${process.env.SECS} s`);
process.exit(errors.length ? 1 : 0);
JS
