#!/usr/bin/env bash
# Builds the fuzz targets with clang and libFuzzer (AddressSanitizer and
# UndefinedBehaviorSanitizer on) and runs each for FUZZ_SECONDS, starting
# from its seeds.  Crashes land in BUILDDIR/crashes/TARGET/; the number of
# executions of each run is printed at the end.
#
#   fuzz/run.sh [BUILDDIR] [TARGET...]      (FUZZ_SECONDS=60 by default)
#
# FUZZ_TIMEOUT (20 s by default) is how long one input may run before it
# counts as a hang: raise it on a busy machine, where the sanitizers'
# full stack on every allocation (fast_unwind_on_malloc=0, which the
# leak suppressions need) makes the chart's font look-ups take seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

builddir=${1:-_build-fuzz}
shift || true
seconds=${FUZZ_SECONDS:-60}
timeout=${FUZZ_TIMEOUT:-20}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(text json jsonl csv email html query date corpus topic search chart)
fi

if [ ! -f "$builddir/build.ninja" ]; then
  CC=clang meson setup "$builddir" -Dfuzzing=true -Dui_tests=false \
    -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debugoptimized \
    -Dmain_thread_guard=disabled
fi
ninja -C "$builddir" $(printf 'fuzz/fuzz-%s ' "${targets[@]}")

export ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:strict_string_checks=1
export LSAN_OPTIONS=suppressions=$PWD/tools/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export G_SLICE=always-malloc

summary=()
status=0
for target in "${targets[@]}"; do
  corpus="$builddir/corpus/$target"
  crashes="$builddir/crashes/$target"
  mkdir -p "$corpus" "$crashes"
  # The seeds, and every input that once crashed the target
  while read -r seed; do
    [ -n "$seed" ] || continue
    if [ -d "$seed" ]; then cp -n "$seed"/* "$corpus"/ 2>/dev/null || true; else cp -n "$seed" "$corpus"/; fi
  done < "fuzz/seeds/$target.list"
  if [ -d "tests/fuzz-regressions/$target" ]; then
    cp -n "tests/fuzz-regressions/$target"/* "$corpus"/ 2>/dev/null || true
  fi

  log="$builddir/fuzz-$target.log"
  echo "fuzz-$target: $seconds s"
  if ! "$builddir/fuzz/fuzz-$target" -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=2048 \
      -max_len=65536 -artifact_prefix="$crashes/" "$corpus" > "$log" 2>&1; then
    status=1
    echo "fuzz-$target found a problem: see $log and $crashes/"
  fi
  runs=$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9]*' || echo "?")
  summary+=("fuzz-$target: $runs executions in $seconds s")
done

printf '%s\n' "${summary[@]}"
exit $status
