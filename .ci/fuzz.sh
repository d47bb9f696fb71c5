#!/usr/bin/env bash
# Fuzzes planpub: every target in fuzz/ for SECONDS each (default 60), one after the
# other, each on a scratch copy of its seed corpus (fuzz/corpus/<target>/, which stays
# as committed). Exits non-zero when any target crashes, hangs or runs out of memory;
# the input that did it is in fuzz/artifacts/<target>/. docs/fuzzing.md has the rest.
#
#   bash .ci/fuzz.sh        # 60 s a target, for CI
#   bash .ci/fuzz.sh 600    # 10 minutes a target, by hand
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
case "$seconds" in
  '' | *[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;;
esac

# cargo fuzz passes nightly-only flags (the sanitizer, coverage instrumentation);
# this lets the stable toolchain, all a fresh machine has, accept them.
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

echo "== building the fuzz targets (fuzz/target)"
cargo fuzz build

failed=()
for target in $(cargo fuzz list); do
  # libFuzzer adds what it learns to the first corpus folder: a scratch copy keeps
  # the committed seeds small.
  scratch="fuzz/target/corpus/$target"
  rm -rf "$scratch"
  mkdir -p "$scratch"
  cp fuzz/corpus/"$target"/* "$scratch"/
  echo "== fuzz $target for ${seconds}s"
  # -timeout: one input taking 10 s is a hang; -rss_limit_mb: 2 GiB is a blow-up.
  if cargo fuzz run "$target" "$scratch" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1; then
    echo "-- $target: no crash ($(find "$scratch" -type f | wc -l) inputs in its corpus)"
  else
    echo "-- $target FAILED: see fuzz/artifacts/$target/"
    failed+=("$target")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing failed: ${failed[*]}"
  exit 1
fi
echo "fuzzing passed"
