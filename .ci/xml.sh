#!/usr/bin/env bash
# Gate: the site's XML files, with xmllint (Debian's libxml2-utils), never reaching
# the network (--nonet):
#   output/sitemap.xml  valid against the sitemaps.org schema sitemap.xsd, as shipped
#                       in the sitemap npm package (.ci/node_modules/sitemap/schema/);
#   output/atom.xml     well-formed XML.
# A file that does not exist yet is reported as missing and skipped; one that exists
# and is invalid fails the gate.
#
#   bash .ci/xml.sh [output]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
site="${1:-output}"
xsd="$here/node_modules/sitemap/schema/sitemap.xsd"
[ -d "$site" ] || { echo "xml: $site does not exist; build the site first" >&2; exit 2; }
command -v xmllint >/dev/null || { echo "xml: xmllint not found; install libxml2-utils" >&2; exit 2; }
[ -f "$xsd" ] || { echo "xml: $xsd missing; run: npm ci --prefix .ci" >&2; exit 2; }

failed=0
if [ -f "$site/sitemap.xml" ]; then
  if xmllint --nonet --noout --schema "$xsd" "$site/sitemap.xml" 2>&1; then
    echo "xml: $site/sitemap.xml is valid against sitemaps.org sitemap.xsd"
  else
    echo "xml: $site/sitemap.xml is NOT valid against sitemaps.org sitemap.xsd"
    failed=1
  fi
else
  echo "xml: $site/sitemap.xml missing; skipped (not built yet)"
fi

if [ -f "$site/atom.xml" ]; then
  if xmllint --nonet --noout "$site/atom.xml" 2>&1; then
    echo "xml: $site/atom.xml is well-formed"
  else
    echo "xml: $site/atom.xml is NOT well-formed XML"
    failed=1
  fi
else
  echo "xml: $site/atom.xml missing; skipped (not built yet)"
fi
exit "$failed"
