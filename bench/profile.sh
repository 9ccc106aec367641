#!/bin/bash
# profile.sh
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Profiles the import of a generated dump with `perf record` and prints the
# top hotspots, by symbol and by shared object:
#
#   bench/profile.sh BUILDDIR [SIZE]      (SIZE defaults to 10M)
#
# The dump comes from bench/out/ (run.sh generates it); the report goes to
# stdout and to bench/out/profile-import-SIZE.txt.

set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
out=$here/out
builddir=$(cd "${1:?usage: bench/profile.sh BUILDDIR [SIZE]}" && pwd)
size=${2:-10M}
app=$builddir/src/corpus-explorer
seed=${BENCH_SEED:-1}

command -v perf > /dev/null || { echo "profile.sh: perf is missing (Debian package linux-perf)" >&2; exit 1; }

gen_key=$("$here/gen-corpus-build.sh" "$out/bin")
dump=$out/news-$size-s$seed-$gen_key.txt
if [ ! -s "$dump" ]; then
  BENCH_NO_RESULTS=1 BENCH_SKIP_REFERENCE=1 BENCH_SKIP_GUI=1 BENCH_RUNS=1 \
    "$here/run.sh" "$builddir" "$size" > /dev/null
fi

corpus=$out/profile-$size.corpus
rm -f "$corpus" "$corpus-wal" "$corpus-shm"
# cpu-clock works in virtual machines without hardware counters
perf record -q -e cpu-clock -F 2000 -g -o "$out/perf-import-$size.data" -- \
  "$app" import --into "$corpus" "$dump" > /dev/null 2>&1

{
  echo "Import of $(basename "$dump") ($(du -h "$dump" | cut -f1)), perf cpu-clock samples, self time:"
  echo
  echo "By symbol:"
  perf report -i "$out/perf-import-$size.data" --stdio --no-children --sort dso,symbol \
    --percent-limit 0.7 2> /dev/null | grep -E '^ +[0-9]' | head -30
  echo
  echo "By shared object:"
  perf report -i "$out/perf-import-$size.data" --stdio --no-children --sort dso \
    2> /dev/null | grep -E '^ +[0-9]' | head -10
  echo
  echo "By thread:"
  perf report -i "$out/perf-import-$size.data" --stdio --no-children --sort comm \
    2> /dev/null | grep -E '^ +[0-9]' | head -5
} | tee "$out/profile-import-$size.txt"

rm -f "$corpus" "$corpus-wal" "$corpus-shm"
