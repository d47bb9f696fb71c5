#!/usr/bin/env bash
# Whole-build benchmark: planpub on sites of 1,000, 10,000 and 30,000 plans, against
# Hugo building the same plan texts as plain Markdown pages with minimal templates.
# docs/performance.md explains the figures. Each size is measured on two corpora:
#
#   generated  synthetic plans from examples/gen-corpus (short invented texts), in
#              $WORK/corpus-N, with a Hugo copy made here in $WORK/hugo-N;
#   seeds      the five real seed plans and the municipal outline copied over a
#              synthetic region tree by replicate_seeds.py (long real texts, about
#              N plans: it rounds to whole districts), in $WORK/seeds-N/site, with
#              the Hugo copy it writes in $WORK/seeds-N/hugo.
#
#   benches/whole-build.sh                      # all three sizes, both corpora, 3 runs each
#   benches/whole-build.sh --sizes "1000" --runs 1 --corpus seeds
#   benches/whole-build.sh --search-sizes "1000 10000"
#   benches/whole-build.sh --planpub /path/to/planpub   # time that binary, don't build planpub
#   WORK=/somewhere/else benches/whole-build.sh # where corpora and outputs go
#   SEEDS=/path/to/replicate_seeds.py benches/whole-build.sh
#
# Corpora are made once and reused: a corpus folder holding .generated is kept (delete
# it to make it again, e.g. after the seed plans change), but its themes/default is
# replaced by this checkout's before it is timed. The seeds corpus is made from this
# checkout's content/, themes/ and site.yaml; SEEDS defaults to
# ../shared/bench/replicate_seeds.py beside this checkout.
#
# The build with the search index runs at the sizes --search-sizes names (default all
# three, 1,000 to 30,000, which planpub's own sharded index fits in). Pagefind, the
# index before it, held its whole index in memory, about 1.8 GiB per 1,000 generated
# plans and 3.4 GiB for the seeds corpus at 1,000: to time a Pagefind build pass
# --search-sizes "1000" (10,000 needs ~18 GiB generated, ~33 GiB seeds).
#
# For each corpus and size it reports, as the median of alternating runs (planpub
# without its search index, i.e. site.yaml with `search: false`, planpub with it, Hugo;
# each run starts from an empty output folder): wall time, plans per second, peak RSS
# (GNU time's "maximum resident set size") and the output's size, then planpub/Hugo as
# ratios; the plans column counts the corpus's plan bundles. On the generated corpus at
# 10,000 plans it also times the preview (`planpub serve`) after a save to one plan's
# text and to one indicator value: the build time serve prints, and the time from the
# save to that line (which includes the 80 ms that joins a burst of save events into
# one build).
#
# Builds planpub with cargo (honouring CARGO_TARGET_DIR) unless --planpub is given; the
# generator, examples/gen-corpus, is built when a generated corpus has to be made.
# Installs Debian's hugo and time packages when missing (as root, or with sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"

sizes="1000 10000 30000"
search_sizes="1000 10000 30000"
corpus_choice="both"
runs=3
planpub=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --search-sizes) search_sizes="$2"; shift 2 ;;
    --corpus) corpus_choice="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --planpub) planpub="$(realpath "$2")"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
case "$corpus_choice" in
  generated|seeds) corpora="$corpus_choice" ;;
  both) corpora="generated seeds" ;;
  *) echo "--corpus takes generated, seeds or both, not: $corpus_choice" >&2; exit 2 ;;
esac
seeds="${SEEDS:-$repo/../shared/bench/replicate_seeds.py}"
if [[ " $corpora " == *" seeds "* ]] && [ ! -f "$seeds" ]; then
  echo "the seeds corpus needs replicate_seeds.py: not found at $seeds (set SEEDS)" >&2; exit 2
fi
work="${WORK:-$repo/target/bench}"
mkdir -p "$work"
results="$work/results.md"
: >"$results"
rm -f "$work"/plain-seconds-*
say() { echo "$*" | tee -a "$results"; }

need=()
command -v hugo >/dev/null || need+=(hugo)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: ${need[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# cargo reads a relative CARGO_TARGET_DIR from the folder it runs in, the repository.
target="${CARGO_TARGET_DIR:-target}"
[[ "$target" == /* ]] || target="$repo/$target"
if [ -z "$planpub" ]; then
  cargo build --release --locked --bin planpub --example gen-corpus
  planpub="$target/release/planpub"
fi
gen="$target/release/examples/gen-corpus"

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Runs a command under GNU time into $out; appends "seconds kib" to the file $1.
timed() {
  local into="$1"; shift
  local t="$work/time.txt"
  /usr/bin/time -f "%e %M" -o "$t" "$@" >"$work/stdout.txt" 2>"$work/stderr.txt" || {
    echo "failed: $*" >&2; cat "$work/stderr.txt" >&2; exit 1; }
  cat "$t" >>"$into"
}

# The same plan texts as a Hugo site: one page per plan, its title and body.
hugo_site() {
  local corpus="$1" site="$2"
  rm -rf "$site"; mkdir -p "$site/content/plans" "$site/layouts/_default"
  cat >"$site/config.toml" <<'EOF'
baseURL = "https://www.example.gov.cn/zwgk/ghjh/"
languageCode = "zh-CN"
title = "规划公开（合成测试数据）"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = false
EOF
  cat >"$site/layouts/_default/baseof.html" <<'EOF'
<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title><link rel="stylesheet" href="{{ "style.css" | relURL }}"></head>
<body><header><a href="{{ "" | relURL }}">{{ .Site.Title }}</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>
EOF
  cat >"$site/layouts/_default/single.html" <<'EOF'
{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}
EOF
  cat >"$site/layouts/_default/list.html" <<'EOF'
{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
EOF
  local dir
  for dir in "$corpus"/content/plans/*/; do
    local id; id="$(basename "$dir")"
    # planpub's front matter is replaced by Hugo's: the title alone.
    awk -v id="$id" '
      NR == 1 && /^---/ { front = 1; next }
      front && /^---/ { front = 0; print "---"; print "title: " title; print "slug: " id; print "---"; next }
      front && /^title:/ { title = substr($0, 8); next }
      !front { print }
    ' "$dir/index.md" >"$site/content/plans/$id.md"
  done
}

# Makes the corpus of $1 plans of kind $2 unless it is there; sets site (its planpub
# site folder) and hugo (its Hugo copy's folder). A kept corpus gets this checkout's
# themes/ again, so its templates always match the planpub being timed.
make_corpus() {
  local n="$1" kind="$2" made
  case "$kind" in
    generated)
      made="$work/corpus-$n"; site="$made"; hugo="$work/hugo-$n"
      if [ ! -f "$made/.generated" ]; then
        [ -x "$gen" ] || cargo build --release --locked --example gen-corpus
        rm -rf "$made"
        "$gen" --regions $(( n / 5 )) --plans-per-region 5 --out "$made"
        touch "$made/.generated"
      fi
      hugo_site "$site" "$hugo" ;;
    seeds)
      made="$work/seeds-$n"; site="$made/site"; hugo="$made/hugo"
      if [ ! -f "$made/.generated" ]; then
        python3 "$seeds" "$repo" "$made" "$n"
        touch "$made/.generated"
      fi ;;
  esac
  rm -rf "$site/themes/default"; cp -r "$repo/themes/default" "$site/themes/default"
}

say "# planpub whole-build benchmark"
say ""
say "$(date -u +%Y-%m-%d) · $(nproc) cores · $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) · $("$planpub" --version) · $(hugo version | cut -d' ' -f1-2) · median of $runs alternating runs"
say ""
say "Corpora: generated = examples/gen-corpus (synthetic texts); seeds = the real seed plans replicated by replicate_seeds.py."
say ""
say "| corpus | plans | pages | planpub, no search | with search | Hugo, plain pages | ratio no search / Hugo | ratio with search / Hugo | plans/s (no search) | peak RSS no search / with search / Hugo | output (with search) | cached build after one plan's text changed, no search (÷ clean) |"
say "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"

for kind in $corpora; do
  for n in $sizes; do
    make_corpus "$n" "$kind"
    plans="$(find "$site/content/plans" -mindepth 1 -maxdepth 1 -type d | wc -l)"
    # Without search: site.yaml with `search: false` (any search line of its own dropped);
    # with search: the same without that line, search being on by default.
    config="$(cat "$site/site.yaml")"
    base="$(grep -v '^search:' <<<"$config" || true)"
    out="$work/out-$kind-$n"
    rm -f "$work"/t-{plain,cached,search,hugo}.txt
    for _ in $(seq "$runs"); do
      printf '%s\nsearch: false\n' "$base" >"$site/site.yaml"
      rm -rf "$out"; timed "$work/t-plain.txt" "$planpub" build --no-cache --root "$site" --output "$out"
      pages="$(sed -n 's/^built \([0-9][0-9]*\) pages.*/\1/p' "$work/stdout.txt")"
      # The same build again after one plan's text changed: the pages that did not
      # change are taken from the last output (docs/performance.md, "Cached builds").
      plan_index="$(find "$site/content/plans" -mindepth 2 -maxdepth 2 -name index.md | sort | sed -n 1p)"
      cp "$plan_index" "$work/plan-index.bak"
      printf '\n一段新增的说明。\n' >>"$plan_index"
      timed "$work/t-cached.txt" "$planpub" build --root "$site" --output "$out"
      cp "$work/plan-index.bak" "$plan_index"
      if [[ " $search_sizes " == *" $n "* ]]; then
        printf '%s\n' "$base" >"$site/site.yaml"
        rm -rf "$out"; timed "$work/t-search.txt" "$planpub" build --no-cache --root "$site" --output "$out"
      fi
      rm -rf "$work/hugo-out"; timed "$work/t-hugo.txt" hugo --quiet --source "$hugo" --destination "$work/hugo-out"
    done
    printf '%s\n' "$config" >"$site/site.yaml"
    size="$(du -sb "$out" | awk '{ printf "%.0f MB", $1 / 1e6 }')"
    p_t="$(cut -d' ' -f1 "$work/t-plain.txt" | median)"; p_m="$(cut -d' ' -f2 "$work/t-plain.txt" | median)"
    c_t="$(cut -d' ' -f1 "$work/t-cached.txt" | median)"
    h_t="$(cut -d' ' -f1 "$work/t-hugo.txt" | median)"; h_m="$(cut -d' ' -f2 "$work/t-hugo.txt" | median)"
    if [ -s "$work/t-search.txt" ]; then
      s_t="$(cut -d' ' -f1 "$work/t-search.txt" | median)"; s_m="$(cut -d' ' -f2 "$work/t-search.txt" | median)"
    else
      s_t=""; s_m=""; size="$size (no search)"
    fi
    say "$(awk -v kind="$kind" -v n="$plans" -v pages="$pages" -v p="$p_t" -v s="$s_t" -v h="$h_t" -v pm="$p_m" -v sm="$s_m" -v hm="$h_m" -v size="$size" -v c="$c_t" 'BEGIN {
      st = (s == "") ? "not run" : sprintf("%.2f s", s); sr = (s == "") ? "—" : sprintf("%.2f×", s / h)
      smt = (sm == "") ? "—" : sprintf("%.0f", sm / 1024)
      printf "| %s | %d | %s | %.2f s | %s | %.2f s | %.2f× | %s | %.0f | %.0f / %s / %.0f MiB | %s | %.2f s (%.0f%%) |", kind, n, pages, p, st, h, p / h, sr, n / p, pm / 1024, smt, hm / 1024, size, c, 100 * c / p }')"
    echo "$p_t" >"$work/plain-seconds-$kind-$n"
  done
done

for kind in $corpora; do
  if [ -f "$work/plain-seconds-$kind-10000" ] && [ -f "$work/plain-seconds-$kind-30000" ]; then
    say ""
    say "Growth on the $kind corpus, 30,000 / 10,000 plans, no search: $(awk -v a="$(cat "$work/plain-seconds-$kind-30000")" -v b="$(cat "$work/plain-seconds-$kind-10000")" 'BEGIN { printf "%.2f×", a / b }') (linear would be 3×)"
  fi
done

# The preview at 10,000 plans of the generated corpus: a save to one plan's text, then
# to one target value.
# Without the search index: the preview keeps the whole site and Pagefind's index in
# memory, which at this size is more than the machine has (see docs/performance.md).
corpus="$work/corpus-10000"
if [[ " $corpora " == *" generated "* ]] && [[ " $sizes " == *" 10000 "* ]] && [ -d "$corpus" ]; then
  config="$(cat "$corpus/site.yaml")"
  printf '%s\nsearch: false\n' "$config" >"$corpus/site.yaml"
  log="$work/serve.log"
  "$planpub" serve --root "$corpus" --port 0 >"$log" 2>&1 &
  serve=$!
  trap 'kill $serve 2>/dev/null || true' EXIT
  for _ in $(seq 600); do grep -q '^serving' "$log" && break; sleep 0.5; done
  grep -q '^serving' "$log" || { echo "serve did not start:"; cat "$log"; exit 1; }
  plan="$(ls -d "$corpus"/content/plans/*/ | sed -n '1p')"
  # Waits for the next "built" line after the save; prints "save-to-line-ms build-ms".
  save_and_wait() {
    local before; before="$(grep -c '^built' "$log")"
    local t0; t0="$(date +%s%N)"
    "$@"
    while [ "$(grep -c '^built' "$log")" -le "$before" ]; do sleep 0.005; done
    local t1; t1="$(date +%s%N)"
    local ms; ms="$(grep '^built' "$log" | tail -1 | sed -n 's/.* in \([0-9]*\) ms.*/\1/p')"
    # Let the search index catch up before the next save.
    sleep 3
    echo "$(( (t1 - t0) / 1000000 )) $ms"
  }
  : >"$work/s-text.txt"; : >"$work/s-value.txt"
  for i in $(seq "$runs"); do
    save_and_wait sh -c "printf '\n基准测试段落%s。\n' $i >>'$plan/index.md'" >>"$work/s-text.txt"
    # One target value: the first "value: N" of the table, N+1.
    save_and_wait sed -i "0,/value: \([0-9][0-9]*\)/s//value: 1\1/" "$plan/indicators.md" >>"$work/s-value.txt"
  done
  kill "$serve"; wait "$serve" 2>/dev/null || true
  trap - EXIT
  printf '%s\n' "$config" >"$corpus/site.yaml"
  say ""
  say "Preview at 10,000 plans (\`planpub serve\`, search off), median of $runs saves:"
  say ""
  say "| save | build, as serve prints it | from the save to that line |"
  say "|---|---:|---:|"
  say "| one plan's text | $(cut -d' ' -f2 "$work/s-text.txt" | median) ms | $(cut -d' ' -f1 "$work/s-text.txt" | median) ms |"
  say "| one indicator value | $(cut -d' ' -f2 "$work/s-value.txt" | median) ms | $(cut -d' ' -f1 "$work/s-value.txt" | median) ms |"
fi
echo
echo "results: $results"
