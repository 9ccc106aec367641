#!/usr/bin/env bash
# Builds the fuzz targets with clang and libFuzzer (AddressSanitizer and
# UndefinedBehaviorSanitizer on) and runs each, starting from its seeds
# and from what earlier runs in BUILDDIR kept.  Crashes land in
# BUILDDIR/crashes/TARGET/; the number of executions of each run is
# printed at the end and added to BUILDDIR/executions.tsv.
#
#   fuzz/run.sh [BUILDDIR] [TARGET...]
#
# FUZZ_SECONDS  how long each target runs (60 s by default)
# FUZZ_RUNS     stop each target after this many executions instead
# FUZZ_JOBS     how many targets run at once (1 by default)
# FUZZ_MAX_LEN  the largest input tried (16384 bytes by default)
# FUZZ_TIMEOUT  how long one input may run before it counts as a hang
#               (20 s by default; raise it on a busy machine)
#
# Each run has two passes.  The fuzzing pass takes stacks the fast way
# and leaves leaks alone: a full stack on every allocation (which the
# leak suppressions of system libraries need) made the targets several
# times slower.  The leak pass then runs every input the target kept
# (its corpus: each one reached code no other input did) once more, with
# full stacks and LeakSanitizer on, so a leak on any path the fuzzer
# found is still reported.
set -euo pipefail
cd "$(dirname "$0")/.."

builddir=${1:-_build-fuzz}
shift || true
seconds=${FUZZ_SECONDS:-60}
runs=${FUZZ_RUNS:-}
jobs=${FUZZ_JOBS:-1}
max_len=${FUZZ_MAX_LEN:-16384}
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

export LSAN_OPTIONS=suppressions=$PWD/tools/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export G_SLICE=always-malloc
fast_asan=detect_leaks=0:fast_unwind_on_malloc=1:strict_string_checks=1
leak_asan=detect_leaks=1:fast_unwind_on_malloc=0:strict_string_checks=1

# One target: the fuzzing pass, then the leak pass.  Prints one summary
# line; returns non-zero when either pass found something.
fuzz_one() {
  local target=$1
  local corpus="$builddir/corpus/$target"
  local crashes="$builddir/crashes/$target"
  local log="$builddir/fuzz-$target.log"
  local leaklog="$builddir/leaks-$target.log"
  local limit seed done_runs status=0

  mkdir -p "$corpus" "$crashes"
  # The seeds, and every input that once crashed the target
  while read -r seed; do
    [ -n "$seed" ] || continue
    if [ -d "$seed" ]; then cp -n "$seed"/* "$corpus"/ 2>/dev/null || true; else cp -n "$seed" "$corpus"/; fi
  done < "fuzz/seeds/$target.list"
  if [ -d "tests/fuzz-regressions/$target" ]; then
    cp -n "tests/fuzz-regressions/$target"/* "$corpus"/ 2>/dev/null || true
  fi

  if [ -n "$runs" ]; then limit=-runs=$runs; else limit=-max_total_time=$seconds; fi
  if ! ASAN_OPTIONS=$fast_asan "$builddir/fuzz/fuzz-$target" "$limit" -timeout="$timeout" \
      -rss_limit_mb=2048 -max_len="$max_len" -artifact_prefix="$crashes/" \
      "$corpus" > "$log" 2>&1; then
    status=1
  fi
  done_runs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | tail -n 1 || true)

  # -runs=0: every input of the corpus once, then exit (and LeakSanitizer
  # looks at what is left)
  if ! ASAN_OPTIONS=$leak_asan "$builddir/fuzz/fuzz-$target" -runs=0 -timeout="$timeout" \
      -rss_limit_mb=2048 -max_len="$max_len" -artifact_prefix="$crashes/" \
      "$corpus" > "$leaklog" 2>&1; then
    status=1
  fi

  if [ $status -ne 0 ]; then
    echo "fuzz-$target found a problem: see $log, $leaklog and $crashes/"
  fi
  echo "fuzz-$target: ${done_runs:-no completed run} (corpus of $(ls "$corpus" | wc -l) inputs replayed for leaks)"
  if [ -n "$done_runs" ]; then
    printf '%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$(git rev-parse --short HEAD 2>/dev/null || echo -)" \
      "$target" "$(echo "$done_runs" | grep -o '^Done [0-9]*' | grep -o '[0-9]*')" >> "$builddir/executions.tsv"
  fi
  return $status
}
export -f fuzz_one
export builddir seconds runs max_len timeout fast_asan leak_asan

status=0
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'fuzz_one {}' || status=1
if [ -f "$builddir/executions.tsv" ]; then
  echo "Executions so far in $builddir (every run, by target):"
  awk -F'\t' '{ n[$3] += $4 } END { for (t in n) printf "  fuzz-%s\t%d\n", t, n[t] }' \
    "$builddir/executions.tsv" | sort
fi
exit $status
