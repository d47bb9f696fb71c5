#!/usr/bin/env bash
# Gate: the built site published under a sub-path of a real nginx, as docs/deploy.md
# tells a server's operator to do. The `location` block is taken from docs/deploy.md
# itself (only its folder is changed), so the document and the test cannot drift apart.
# Then .ci/portable.mjs crawls the served site in Chromium.
#
#   bash .ci/nginx.sh [output]
#
# Needs nginx (Debian's package) and what .ci/portable.mjs needs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
site="$(cd "${1:-output}" && pwd)"
command -v nginx >/dev/null || { echo "nginx: not installed; install Debian's nginx package" >&2; exit 2; }

# The path the site lives under, from base_url in site.yaml.
base="$(sed -n 's/^base_url:[[:space:]]*["'\'']\{0,1\}[a-z]*:\/\/[^/]*\(\/[^"'\'' #]*\).*/\1/p' site.yaml | head -1)"
base="${base:-/}"
case "$base" in */) ;; *) base="$base/" ;; esac

block="$(awk '/^```nginx$/ { inside = 1; next } /^```$/ { inside = 0 } inside' "$here/../docs/deploy.md")"
[ -n "$block" ] || { echo "nginx: no \`\`\`nginx block in docs/deploy.md" >&2; exit 2; }
grep -q "location $base " <<<"$block" || {
  echo "nginx: docs/deploy.md's block is not for $base (base_url in site.yaml)" >&2; exit 1; }

work="$(mktemp -d)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
# nginx's workers may run as another user: the copy must be readable by everyone.
chmod 755 "$work"
mkdir -p "$work/www$base" "$work/tmp"
cp -R "$site/." "$work/www$base"
chmod -R a+rX "$work/www"
block="$(sed "s#^\([[:space:]]*alias\)[[:space:]].*;#\1 $work/www$base;#" <<<"$block")"

port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
cat >"$work/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log;
events {}
http {
    include /etc/nginx/mime.types;
    # Debian 12's mime.types lacks it; docs/deploy.md asks the operator to add it.
    types { text/csv csv; }
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path $work/tmp/body;
    proxy_temp_path $work/tmp/proxy;
    fastcgi_temp_path $work/tmp/fastcgi;
    uwsgi_temp_path $work/tmp/uwsgi;
    scgi_temp_path $work/tmp/scgi;
    server {
        listen 127.0.0.1:$port;
$block
    }
}
EOF
nginx -t -p "$work" -c "$work/nginx.conf" -e "$work/error.log" 2>&1 | sed 's/^/nginx: /'
nginx -p "$work" -c "$work/nginx.conf" -e "$work/error.log" &
pid=$!
for _ in $(seq 50); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port$base" 2>/dev/null && break
  sleep 0.1
done
echo "nginx: $(nginx -v 2>&1 | sed 's/.*: //') serving $site at http://127.0.0.1:$port$base"
status=0
node "$here/portable.mjs" --url "http://127.0.0.1:$port$base" || status=$?
if [ "$status" -ne 0 ] && grep -q '\[error\]' "$work/error.log"; then
  echo "nginx: its error log:"; grep '\[error\]' "$work/error.log" | head -20 | sed 's/^/  /'
fi
exit "$status"
