#!/bin/bash
# run.sh
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The benchmark suite: bench/run.sh BUILDDIR [SIZE…]
#
# For each size (default 100M and 1G; BENCH_SIZES="10M" for a quick run)
# it generates a news-like corpus (cached in bench/out/), then measures
# import, the raw FTS5 reference load, search and counting latency and
# the GUI's first frame, and writes the figures into bench/RESULTS.md
# between the "results" markers.  Nothing here is part of `make check`.
#
# The same articles as a mailbox with quoted replies (gen-mail.py) give
# the timings of the quoted-text column filter.
#
# Environment: BENCH_SIZES, BENCH_SEED (1), BENCH_RUNS (20 timed runs per
# query), BENCH_SKIP_REFERENCE=1, BENCH_SKIP_GUI=1, BENCH_SKIP_MAIL=1,
# BENCH_SKIP_COPIES=1 (the import with and without near-copy detection),
# BENCH_ONLY=copies (that import alone), BENCH_JSONL=FILE (a JSON Lines
# file of the one size asked for, instead of generating it), BENCH_LOCK=FILE
# (each import of the copies block under `flock FILE`),
# BENCH_NO_RESULTS=1 (leave RESULTS.md alone), BENCH_SKIP_ANALYSIS=1 (no
# bench/run-analysis.sh after the sizes).

set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=$here/out
bin=$out/bin

if [ $# -lt 1 ]; then
  echo "usage: bench/run.sh BUILDDIR [SIZE…]" >&2
  exit 2
fi
builddir=$(cd "$1" && pwd)
shift

if [ $# -gt 0 ]; then
  sizes=("$@")
else
  read -r -a sizes <<< "${BENCH_SIZES:-100M 1G}"
fi
seed=${BENCH_SEED:-1}
runs=${BENCH_RUNS:-20}
app=$builddir/src/corpus-explorer
core_bench=$builddir/bench/bench-core

for tool in /usr/bin/time sqlite3 cc pkg-config gio; do
  if ! command -v "$tool" > /dev/null; then
    echo "run.sh: $tool is missing (Debian packages: time, sqlite3, gcc, pkg-config)" >&2
    exit 1
  fi
done

mkdir -p "$bin"

log() { printf '== %s\n' "$*" >&2; }

# Seconds since the epoch, with nanoseconds
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# Rebuild a helper program when its source (or the timing loop it shares
# with bench-core, bench-timing.h) changed; the corpus generator has a
# script of its own, gen-corpus-build.sh
build_tool() {
  local name=$1 libs=$2 extra=${3:-}
  if [ ! -x "$bin/$name" ] || [ "$here/$name.c" -nt "$bin/$name" ] ||
     [ "$here/bench-timing.h" -nt "$bin/$name" ]; then
    # shellcheck disable=SC2086
    cc -O2 -g -Wall -Wextra -Wno-unused-parameter -o "$bin/$name" "$here/$name.c" \
      $(pkg-config --cflags --libs $libs) $extra
  fi
}
build_tool bench-queries "glib-2.0 sqlite3"

# The corpus cache is keyed by size, seed and the generator's source
gen_key=$("$here/gen-corpus-build.sh" "$bin")

# A subcommand's --help names it in the usage line; an unknown word falls
# through to the GUI's option parser, whose usage line does not.
has_subcommand() {
  [ -x "$app" ] && "$app" "$1" --help 2>&1 | sed -n 2p | grep -q " $1\( \|$\)"
}

# Reads "Maximum resident set size (kbytes)" from a `time -v` report
max_rss_kb() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; }

file_bytes() {
  local total=0 f
  for f in "$@"; do
    [ -f "$f" ] && total=$((total + $(stat -c %s "$f")))
  done
  echo "$total"
}

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
rate() { awk -v b="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.1f", b / 1e6 / s; else print "n/a" }'; }

# Results go to $out/results-SIZE.tsv as KEY<TAB>VALUE lines
put() { printf '%s\t%s\n' "$1" "$2" >> "$results"; }

percentiles() {
  # stdin: one number per line -> "p50 p95"
  sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "n/a n/a"; exit }
    r50 = int(0.50 * NR + 0.999999); r95 = int(0.95 * NR + 0.999999);
    printf "%.1f %.1f\n", v[r50], v[r95] }'
}

# Runs a command RUNS times, prints "p50 p95" of the wall time in ms
time_runs() {
  local i t0 t1
  for ((i = 0; i < runs; i++)); do
    t0=$(date +%s%N)
    "$@" > /dev/null 2>&1 || true
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000)) | awk '{ printf "%.3f\n", $1 / 1000 }'
  done | percentiles
}

import_corpus() {
  # import_corpus KEY SOURCE CORPUS: times the CLI import end to end
  local key=$1 source=$2 corpus=$3 t0 t1 status=0
  rm -f "$corpus" "$corpus-wal" "$corpus-shm"
  log "import $source"
  t0=$(now)
  /usr/bin/time -v -o "$out/$key.time" "$app" import --into "$corpus" "$source" \
    > "$out/$key.log" 2>&1 || status=$?
  t1=$(now)
  if [ $status -ne 0 ]; then
    log "import failed ($status), see $out/$key.log"
    put "$key.status" "failed ($status)"
    return 1
  fi
  put "$key.seconds" "$(elapsed "$t0" "$t1")"
  put "$key.rss_kb" "$(max_rss_kb "$out/$key.time")"
  put "$key.input_bytes" "$(du -sb "$source" | cut -f1)"
  put "$key.corpus_bytes" "$(file_bytes "$corpus" "$corpus-wal")"
  put "$key.documents" "$(sqlite3 "$corpus" 'SELECT count(*) FROM documents')"
  put "$key.text_bytes" "$(sqlite3 "$corpus" \
    'SELECT sum(length(CAST(title AS BLOB)) + length(CAST(body AS BLOB))) FROM documents')"
  put "$key.status" "ok"
}

# --- Near-copy detection -------------------------------------------------
# What finding near copies costs the import: the size's JSON Lines
# imported twice in a row into a new corpus, with the signatures, band
# look-ups and grouping (the default) and with exact copies only
# (--no-near-copies, the same import function), so both runs see the same
# load and a warm page cache; each starts after `sync`, the first corpus
# deleted (while its pages were still written back, one second import
# took 113 s of wall for 82 s of CPU).  Wall time, CPU time (user + system) and
# peak RSS of each; the load average before and after.
# BENCH_SKIP_COPIES=1 leaves it out; BENCH_LOCK=FILE runs each import
# under `flock FILE` so that it never overlaps another benchmark.
cpu_seconds() {
  awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$1"
}

copies_cost() {
  local source=$1 with=$out/news-$size-copies.corpus without=$out/news-$size-exact.corpus
  local key t0 t1 target lock=()
  "$app" import --help 2>&1 | grep -q -- --no-near-copies || return 0
  [ -n "${BENCH_LOCK:-}" ] && lock=(flock "$BENCH_LOCK")
  put copies.source "$(basename "$source") ($(du -sb "$source" | cut -f1) bytes)"
  for key in copies.with copies.without; do
    target=$([ $key = copies.with ] && echo "$with" || echo "$without")
    rm -f "$target" "$target-wal" "$target-shm"
    log "import $source ($key)"
    sync
    put "$key.load_before" "$(cut -d' ' -f1-3 /proc/loadavg)"
    t0=$(now)
    # shellcheck disable=SC2046
    "${lock[@]}" /usr/bin/time -v -o "$out/$key.time" "$app" import --into "$target" \
      $([ $key = copies.without ] && echo --no-near-copies) "$source" > "$out/$key.log" 2>&1 || return 0
    t1=$(now)
    put "$key.seconds" "$(elapsed "$t0" "$t1")"
    put "$key.cpu_seconds" "$(cpu_seconds "$out/$key.time")"
    put "$key.rss_kb" "$(max_rss_kb "$out/$key.time")"
    put "$key.load" "$(cut -d' ' -f1-3 /proc/loadavg)"
    log "$key: $(get_put "$key.seconds") s wall, $(get_put "$key.cpu_seconds") s CPU," \
        "$(get_put "$key.rss_kb") kB peak RSS, load $(get_put "$key.load")"
    # The first corpus goes before the second import, so that writing
    # back its pages does not slow the second one down
    if [ $key = copies.with ]; then
      put copies.documents "$(sqlite3 "$with" 'SELECT count(*) FROM documents')"
      put copies.grouped "$(sqlite3 "$with" 'SELECT count(*) FROM copies')"
      put copies.groups "$(sqlite3 "$with" 'SELECT count(DISTINCT group_id) FROM copies')"
    fi
    rm -f "$target" "$target-wal" "$target-shm"
  done
}

# The last value put for KEY in this size's results
get_put() { awk -F'\t' -v k="$1" '$1 == k { v = $2 } END { print v }' "$results"; }
# -------------------------------------------------------------------------

# The raw FTS5 load of the documents an import produced, with several
# settings; each variant starts from a copy of the same staging database.
reference_variants=(
  "stored-defaults|"
  "stored-hash64M|INSERT INTO fts(fts, rank) VALUES('hashsize', 67108864);"
  "external-defaults|"
  "external-hash64M|INSERT INTO fts(fts, rank) VALUES('hashsize', 67108864);"
  "external-hash64M-app-pragmas|PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384; INSERT INTO fts(fts, rank) VALUES('hashsize', 67108864);"
  "external-hash64M-small-cache-unsafe|PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -1000; INSERT INTO fts(fts, rank) VALUES('hashsize', 67108864);"
)

reference_load() {
  local corpus=$1 size=$2 staging=$out/ref-$2-staging.db db=$out/ref-$2-work.db
  local variant name setup table t0 t1
  rm -f "$staging"
  log "reference: staging $(basename "$corpus")"
  sqlite3 "$staging" <<EOF
ATTACH '$corpus' AS src;
CREATE TABLE staging (id INTEGER PRIMARY KEY, title TEXT, body TEXT);
INSERT INTO staging SELECT id, title, body FROM src.documents;
DETACH src;
EOF
  for variant in "${reference_variants[@]}"; do
    name=${variant%%|*}
    setup=${variant#*|}
    case $name in
      stored-*) table="CREATE VIRTUAL TABLE fts USING fts5 (title, body, tokenize='unicode61 remove_diacritics 2');" ;;
      *) table="CREATE VIRTUAL TABLE fts USING fts5 (title, body, content='staging', content_rowid='id', tokenize='unicode61 remove_diacritics 2');" ;;
    esac
    rm -f "$db" "$db-wal" "$db-shm"
    cp "$staging" "$db"
    sync "$db"
    log "reference: $name"
    t0=$(now)
    /usr/bin/time -v -o "$out/ref-$size-$name.time" sqlite3 "$db" <<EOF > /dev/null
$table
$setup
BEGIN;
INSERT INTO fts (rowid, title, body) SELECT id, title, body FROM staging;
COMMIT;
EOF
    t1=$(now)
    put "ref.$name.seconds" "$(elapsed "$t0" "$t1")"
    put "ref.$name.rss_kb" "$(max_rss_kb "$out/ref-$size-$name.time")"
    rm -f "$db" "$db-wal" "$db-shm"
  done
  rm -f "$staging"
}

# CLI timings include process start-up; the SQL path above does not
cli_search() {
  local corpus=$1 name query p
  while IFS=$'\t' read -r name query; do
    case $name in topic:*|'') continue ;; esac
    p=$(time_runs "$app" search "$corpus" "$query" --count)
    put "cli.search.$name.count" "$p"
    p=$(time_runs "$app" search "$corpus" "$query" --limit 50 --json)
    put "cli.search.$name.page" "$p"
  done < "$queries"
}

cli_counts() {
  local corpus=$1 name query args=() terms p first=
  while IFS=$'\t' read -r name query; do
    case $name in topic:*) ;; *) continue ;; esac
    terms=$(printf '%s' "$query" | sed 's/ OR /,/g')
    args+=(--topic "${name#topic:}=$terms")
    if [ -z "$first" ] && [ "${name#topic:}" = "Economy" ]; then
      first=1
      p=$(time_runs "$app" counts "$corpus" --topic "${name#topic:}=$terms" --by year)
      put "cli.counts.four-terms" "$p"
    fi
  done < "$queries"
  p=$(time_runs "$app" counts "$corpus" "${args[@]}" --by month)
  put "cli.counts.five-by-month" "$p"
}

# Start-up of the command line: --version, --help and a count on the
# sample corpus (52 documents), wall time with process start
cli_start() {
  local sample=$out/sample.corpus p
  if [ ! -s "$sample" ] || [ "$root/data/sample/sample.jsonl" -nt "$sample" ]; then
    rm -f "$sample" "$sample-wal" "$sample-shm"
    "$app" import --into "$sample" "$root/data/sample/sample.jsonl" > /dev/null 2>&1 || return 0
  fi
  put cli.start.load "$(cut -d' ' -f1-3 /proc/loadavg)"
  p=$(time_runs "$app" --version)
  put cli.start.version "$p"
  p=$(time_runs "$app" --help)
  put cli.start.help "$p"
  p=$(time_runs "$app" search "$sample" harbour --count)
  put cli.start.search-count "$p"
  # The references: a GLib program that does nothing, and the program
  # with GTK and libadwaita loaded as it did before the window became a
  # module of its own
  p=$(time_runs gio version)
  put cli.start.gio-version "$p"
  p=$(time_runs env LD_PRELOAD="libgtk-4.so.1 libadwaita-1.so.0" "$app" --version)
  put cli.start.version-with-gtk "$p"
}

gui_first_frame() {
  local corpus=$1 key=$2 output frame rss idle
  if ! command -v xvfb-run > /dev/null; then
    put "$key.first_frame_ms" "not measured (no xvfb-run)"
    return
  fi
  log "GUI first frame: $(basename "$corpus")"
  output=$(CE_BENCH=scroll GSETTINGS_BACKEND=memory \
           GSETTINGS_SCHEMA_DIR="$builddir/data" GTK_A11Y=none \
           xvfb-run -a -s "-screen 0 1600x1200x24" \
           /usr/bin/time -v -o "$out/$key.time" timeout 600 "$app" "$corpus" 2>&1) || true
  frame=$(printf '%s\n' "$output" | awk '/^first-frame-ms [0-9.]+/ { print $2; exit }')
  rss=$(printf '%s\n' "$output" | awk '/^rss-kb [0-9]+/ { print $2; exit }')
  idle=$(printf '%s\n' "$output" | awk '/^idle-rss-kb [0-9]+/ { print $2; exit }')
  put "$key.first_frame_ms" "${frame:-not measured (the app printed no first-frame-ms)}"
  put "$key.scrolled_rss_kb" "${rss:-not measured (the app printed no rss-kb)}"
  put "$key.idle_rss_kb" "${idle:-not measured (the app printed no idle-rss-kb)}"
  if [ -n "$frame" ]; then
    put "$key.peak_rss_kb" "$(max_rss_kb "$out/$key.time")"
  fi
}

# gui_typing CORPUS KEY: frames while a search is typed into the entry
# of a window on CORPUS (CE_BENCH=typing, src/gui/ce-bench.c)
gui_typing() {
  local corpus=$1 key=$2 output gap
  command -v xvfb-run > /dev/null || return 0
  log "GUI typing: $(basename "$corpus")"
  output=$(CE_BENCH=typing GSETTINGS_BACKEND=memory \
           GSETTINGS_SCHEMA_DIR="$builddir/data" GTK_A11Y=none \
           xvfb-run -a -s "-screen 0 1600x1200x24" \
           timeout 600 "$app" "$corpus" 2>&1) || true
  gap=$(printf '%s\n' "$output" | awk '/^typing-max-frame-gap-ms [0-9.]+/ { print $2; exit }')
  put "$key.typing_max_gap_ms" "${gap:-not measured (the app printed no typing-max-frame-gap-ms)}"
  put "$key.typing_frames" "$(printf '%s\n' "$output" | awk '/^typing-frames [0-9]+/ { print $2; exit }')"
  put "$key.typing_slow_frames" "$(printf '%s\n' "$output" | awk '/^typing-frames-over-50-ms [0-9]+/ { print $2; exit }')"
  put "$key.typing_load" "$(cut -d' ' -f1 /proc/loadavg)"
}

# bench_queries CORPUS FORM: core functions and raw SQL on one corpus
bench_queries() {
  local corpus=$1 form=$2 tsv=$out/queries-$size-$2.tsv
  : > "$tsv"
  if [ -x "$core_bench" ]; then
    log "queries (core functions) on the $form corpus"
    "$core_bench" --runs "$runs" "$corpus" "$queries" >> "$tsv"
  else
    log "no $core_bench: build the project first"
  fi
  log "queries (SQL) on the $form corpus"
  "$bin/bench-queries" --runs "$runs" "$corpus" "$queries" >> "$tsv"
}

run_size() {
  local size=$1 base dump jsonl mbox corpus jcorpus mcorpus
  base=$out/news-$size-s$seed-$gen_key
  mbox=$base.mbox
  mcorpus=$out/news-$size-mail.corpus
  dump=$base.txt
  jsonl=$base.jsonl
  corpus=$out/news-$size.corpus
  jcorpus=$out/news-$size-jsonl.corpus
  results=$out/results-$size.tsv
  : > "$results"
  queries=$out/queries-s$seed.tsv
  "$bin/gen-corpus" --seed "$seed" --queries > "$queries"

  put size "$size"
  put date "$(date -u '+%Y-%m-%d %H:%M UTC')"
  put load "$(cut -d' ' -f1-3 /proc/loadavg)"
  put runs "$runs"
  put commit "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"

  # BENCH_JSONL: a JSON Lines file made before (the same generator) for
  # the one size asked for
  if [ -n "${BENCH_JSONL:-}" ]; then
    jsonl=$BENCH_JSONL
    put gen.jsonl "given: $jsonl"
  fi
  if [ "${BENCH_ONLY:-}" = copies ]; then
    if [ ! -s "$jsonl" ]; then
      log "generate $size jsonl"
      "$bin/gen-corpus" --size "$size" --seed "$seed" --form jsonl --out "$jsonl.part" 2> "$jsonl.log"
      mv "$jsonl.part" "$jsonl"
    fi
    copies_cost "$jsonl"
    return
  fi

  for form in dump jsonl; do
    local file=$base.$([ $form = dump ] && echo txt || echo jsonl)
    [ $form = jsonl ] && [ -n "${BENCH_JSONL:-}" ] && continue
    if [ ! -s "$file" ]; then
      log "generate $size $form"
      "$bin/gen-corpus" --size "$size" --seed "$seed" --form $form --out "$file.part" \
        2> "$out/gen-$size-$form.log"
      mv "$file.part" "$file"
      cp "$out/gen-$size-$form.log" "$file.log"
    fi
    if [ -s "$file.log" ]; then
      put "gen.$form" "$(cat "$file.log")"
    fi
  done
  put dump_bytes "$(file_bytes "$dump")"
  put jsonl_bytes "$(file_bytes "$jsonl")"

  if has_subcommand import; then
    put import.path "cli"
    import_corpus import "$dump" "$corpus" || true
    import_corpus import-jsonl "$jsonl" "$jcorpus" || true
  else
    # No import yet: build the files with the bench's SQL loader so the
    # query benchmarks still run; no import figure comes from this.
    put import.path "fallback"
    log "no import subcommand: fallback loader"
    python3 "$here/fallback-load.py" "$root" "$jsonl" "$jcorpus"
    cp "$jcorpus" "$corpus"
    put import.documents "$(sqlite3 "$corpus" 'SELECT count(*) FROM documents')"
    put import.text_bytes "$(sqlite3 "$corpus" \
      'SELECT sum(length(CAST(title AS BLOB)) + length(CAST(body AS BLOB))) FROM documents')"
    put import-jsonl.documents "$(sqlite3 "$jcorpus" 'SELECT count(*) FROM documents')"
  fi

  if [ "${BENCH_SKIP_COPIES:-0}" != 1 ] && has_subcommand import; then
    copies_cost "$jsonl"
  fi

  if [ "${BENCH_SKIP_MAIL:-0}" != 1 ] && [ -s "$jsonl" ] && has_subcommand import; then
    if [ ! -s "$mbox" ] || [ "$here/gen-mail.py" -nt "$mbox" ]; then
      log "generate $size mail"
      python3 "$here/gen-mail.py" "$jsonl" "$mbox.part"
      mv "$mbox.part" "$mbox"
    fi
    import_corpus import-mail "$mbox" "$mcorpus" || true
  fi

  if [ -s "$corpus" ] && [ "${BENCH_SKIP_REFERENCE:-0}" != 1 ]; then
    reference_load "$corpus" "$size"
  fi

  # The application's functions first (bench-core), then the raw SQL
  # reference (bench-queries) on the same file, into one table
  if [ -s "$corpus" ]; then
    bench_queries "$corpus" dump
  fi
  if [ -s "$jcorpus" ]; then
    bench_queries "$jcorpus" jsonl
  fi
  if [ -s "$mcorpus" ] && [ "${BENCH_SKIP_MAIL:-0}" != 1 ]; then
    bench_queries "$mcorpus" mail
  fi

  log "CLI start"
  cli_start

  if [ -s "$corpus" ] && has_subcommand search; then
    log "search CLI"
    cli_search "$corpus"
  fi
  if [ -s "$jcorpus" ] && has_subcommand counts; then
    log "counts CLI"
    cli_counts "$jcorpus"
  fi

  if [ -s "$corpus" ] && [ "${BENCH_SKIP_GUI:-0}" != 1 ] && [ "$(sqlite3 "$corpus" 'PRAGMA application_id')" != 0 ]; then
    gui_first_frame "$corpus" gui
    gui_typing "$corpus" gui
    # The same window on the 52-document sample corpus: the target is
    # this RSS + 20 MB whatever the corpus's size
    local sample=$out/gui-sample-$size.corpus
    rm -f "$sample" "$sample-wal" "$sample-shm"
    if "$app" import -o "$sample" "$root/data/sample/sample.jsonl" > /dev/null 2>&1; then
      gui_first_frame "$sample" gui.sample
      gui_typing "$sample" gui.sample
    fi
    rm -f "$sample" "$sample-wal" "$sample-shm"
  else
    put gui.first_frame_ms "not measured"
  fi
}

for size in "${sizes[@]}"; do
  run_size "$size"
done

if [ "${BENCH_NO_RESULTS:-0}" != 1 ]; then
  # Every size measured so far, smallest first, so runs of different
  # sizes add up in one file
  mapfile -t all_sizes < <(for f in "$out"/results-*.tsv; do
                             [ -f "$f" ] || continue
                             s=${f##*/results-}
                             s=${s%.tsv}
                             echo "$s $(echo "$s" | sed 's/[Kk]$/e3/; s/M$/e6/; s/G$/e9/')"
                           done | sort -k2 -g | cut -d' ' -f1)
  "$here/report.sh" "$out" "${all_sizes[@]}" > "$out/results.md"
  # Replace the text between the markers, keep the notes around it
  awk -v f="$out/results.md" '
    /<!-- results:begin -->/ { print; while ((getline l < f) > 0) print l; skip = 1; next }
    /<!-- results:end -->/ { skip = 0 }
    !skip { print }' "$here/RESULTS.md" > "$out/RESULTS.md.new"
  mv "$out/RESULTS.md.new" "$here/RESULTS.md"
  log "wrote bench/RESULTS.md"
fi

if [ "${BENCH_SKIP_ANALYSIS:-0}" != 1 ]; then
  "$here/run-analysis.sh" "$builddir" "${sizes[@]}"
fi
