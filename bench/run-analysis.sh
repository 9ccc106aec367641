#!/bin/bash
# run-analysis.sh
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The analysis benchmark: bench/run-analysis.sh BUILDDIR [SIZE…]
#
# For each size (default: BENCH_SIZES, else 10M and 100M) it makes the
# JSONL corpus of bench/run.sh if it is not in bench/out/ yet, copies it
# (the benchmark stores the topics' counts), runs bench-analysis.c on the
# copy and writes the figures into bench/RESULTS.md between the
# "analysis" markers.  bench/run.sh calls it after its own sizes.
#
# Environment: BENCH_SIZES, BENCH_SEED (1), BENCH_ANALYSIS_RUNS (5),
# BENCH_NO_RESULTS=1 (leave RESULTS.md alone).

set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=$here/out
bin=$out/bin

if [ $# -lt 1 ]; then
  echo "usage: bench/run-analysis.sh BUILDDIR [SIZE…]" >&2
  exit 2
fi
builddir=$(cd "$1" && pwd)
shift

if [ $# -gt 0 ]; then
  sizes=("$@")
else
  read -r -a sizes <<< "${BENCH_SIZES:-10M 100M}"
fi
seed=${BENCH_SEED:-1}
runs=${BENCH_ANALYSIS_RUNS:-5}
app=$builddir/src/corpus-explorer

log() { printf '== %s\n' "$*" >&2; }

mkdir -p "$bin"
ninja -C "$builddir" src/corpus-explorer bench/bench-analysis > /dev/null
gen_key=$("$here/gen-corpus-build.sh" "$bin")

for size in "${sizes[@]}"; do
  jsonl=$out/news-$size-s$seed-$gen_key.jsonl
  jcorpus=$out/news-$size-jsonl.corpus
  copy=$out/analysis-$size.corpus
  results=$out/analysis-$size.tsv

  if [ ! -s "$jsonl" ]; then
    log "generate $size jsonl"
    "$bin/gen-corpus" --size "$size" --seed "$seed" --form jsonl --out "$jsonl.part" 2> "$jsonl.log"
    mv "$jsonl.part" "$jsonl"
  fi
  if [ ! -s "$jcorpus" ] || [ "$jsonl" -nt "$jcorpus" ]; then
    log "import $size jsonl"
    rm -f "$jcorpus" "$jcorpus-wal" "$jcorpus-shm"
    "$app" import --into "$jcorpus" "$jsonl" > "$out/analysis-import-$size.log" 2>&1
  fi

  rm -f "$copy" "$copy-wal" "$copy-shm"
  sqlite3 "$jcorpus" ".backup '$copy'"

  log "analysis $size"
  {
    printf 'size\t%s\n' "$size"
    printf 'date\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
    printf 'load\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
    printf 'commit\t%s\n' "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    printf 'corpus_bytes\t%s\n' "$(stat -c %s "$copy")"
    "$builddir/bench/bench-analysis" --runs "$runs" "$copy"
  } > "$results.part"
  mv "$results.part" "$results"
  rm -f "$copy" "$copy-wal" "$copy-shm"
done

[ "${BENCH_NO_RESULTS:-0}" = 1 ] && exit 0

# One section per size measured so far, smallest first
val() { awk -F'\t' -v k="$2" '$1 == k { print $2; exit }' "$1"; }
cell() {
  local f=$1 key=$2 warm cold cpu err
  err=$(val "$f" "$key.error")
  if [ -n "$err" ]; then echo "failed: $err"; return; fi
  warm=$(val "$f" "$key.ms"); cold=$(val "$f" "$key.cold_ms"); cpu=$(val "$f" "$key.cpu_ms")
  echo "${warm:-n/a} ms (first run ${cold:-n/a} ms; CPU ${cpu:-n/a} ms)"
}

report=$out/analysis.md
{
  echo
  echo "Measured by \`bench/run-analysis.sh BUILDDIR SIZE\` (\`bench/bench-analysis.c\`): the core"
  echo "functions the Analysis page's workers call, on the JSONL corpus of the size, in"
  echo "one process; the median of $runs runs after a first one, which is shown apart (it"
  echo "reads the index's vocabulary, or counts the topics), and the CPU time of the"
  echo "same runs, which is what the work cost when other work shares the machine. The"
  echo "targets are the issue's, for a 1 GB corpus."
  mapfile -t files < <(for f in "$out"/analysis-*.tsv; do
                          [ -f "$f" ] || continue
                          s=${f##*/analysis-}; s=${s%.tsv}
                          echo "$(echo "$s" | sed 's/[Kk]$/e3/; s/M$/e6/; s/G$/e9/') $f"
                        done | sort -g | cut -d' ' -f2-)
  for f in "${files[@]}"; do
    echo
    echo "#### $(val "$f" size) corpus"
    echo
    echo "Measured $(val "$f" date) at commit $(val "$f" commit), load average $(val "$f" load);" \
         "$(val "$f" documents) documents, vocabulary of $(val "$f" vocabulary.words) words" \
         "read in $(val "$f" vocabulary.cold_ms) ms."
    echo
    echo "| Measure | Target at 1 GB | Measured |"
    echo "| --- | --- | --- |"
    echo "| Keywords of $(val "$f" keywords.target_docs) documents (every tenth) against the rest, stop words left out | ≤ 1 s | $(cell "$f" keywords) |"
    echo "| Collocates (±5) of \"$(val "$f" collocates.word)\", $(val "$f" collocates.matches) matches | ≤ 500 ms for 40,000 matches | $(cell "$f" collocates) |"
    q=$(val "$f" ngrams.query)
    echo "| Bigrams over $(val "$f" ngrams.docs) documents (${q:+those with \"}${q:-the whole corpus}${q:+\"}) | ≤ 1 s for 10,000 documents | $(cell "$f" ngrams2) |"
    echo "| 2- to 5-grams over the same | | $(cell "$f" ngrams2to5) |"
    echo "| Co-occurrence of 5 one-word topics (first run: counting them) | ≤ 100 ms once counted | $(cell "$f" cooccurrence) |"
  done
} > "$report"

if ! grep -q '<!-- analysis:begin -->' "$here/RESULTS.md"; then
  printf '\n## Analysis\n\n<!-- analysis:begin -->\n<!-- analysis:end -->\n' >> "$here/RESULTS.md"
fi
awk -v f="$report" '
  /<!-- analysis:begin -->/ { print; while ((getline l < f) > 0) print l; skip = 1; next }
  /<!-- analysis:end -->/ { skip = 0 }
  !skip { print }' "$here/RESULTS.md" > "$out/RESULTS.md.analysis"
mv "$out/RESULTS.md.analysis" "$here/RESULTS.md"
log "wrote the analysis section of bench/RESULTS.md"
