#!/bin/sh
# TAP: the CLI's output on the shared dump and the sample corpus equals the
# files in tests/golden/, recorded before the core was restructured.
#   check-golden.sh           compare (the test)
#   check-golden.sh --record  write the files anew (only for a deliberate change)
set -u
src="${CE_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}"
bin="${CE_BINARY:-$src/_build/src/corpus-explorer}"
shared="${CE_SHARED_DIR:-$src/../shared}"
golden="$src/tests/golden"
record=0
[ "${1:-}" = "--record" ] && record=1

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

n=0
fail=0
emit () {
  # emit NAME: compare $tmp/out.NAME with golden/NAME
  n=$((n + 1))
  if [ $record = 1 ]; then
    cp "$tmp/out.$1" "$golden/$1"
    echo "ok $n - $1 recorded"
  elif cmp -s "$tmp/out.$1" "$golden/$1"; then
    echo "ok $n - $1"
  else
    echo "not ok $n - $1 differs from tests/golden/$1"
    diff -u "$golden/$1" "$tmp/out.$1" | head -20 | sed 's/^/# /'
    fail=1
  fi
}

run_set () {
  # run_set PREFIX CORPUS QUERY DOC
  p=$1 c=$2 q=$3 d=$4
  "$bin" docs "$c" --json > "$tmp/out.$p-docs.json" 2>&1; emit "$p-docs.json"
  "$bin" show "$c" "$d" > "$tmp/out.$p-show.txt" 2>&1; emit "$p-show.txt"
  "$bin" search "$c" "$q" --count > "$tmp/out.$p-search-count.txt" 2>&1; emit "$p-search-count.txt"
  "$bin" search "$c" "$q" --json > "$tmp/out.$p-search.json" 2>&1; emit "$p-search.json"
  for by in document place source month; do
    "$bin" counts "$c" --topic 'China=china,chinese,beijing,"xi jinping"' \
      --topic 'US==US,america*,washington' --topic 'Data=data,"personal data",NEAR(data protection, 3)' \
      --by $by --measure mentions --csv > "$tmp/out.$p-counts-$by.csv" 2>&1
    emit "$p-counts-$by.csv"
  done
  "$bin" counts "$c" --topic 'China=china,chinese,beijing' --topic 'Trade=trade,tariff*' \
    --by document --measure per10k --csv > "$tmp/out.$p-counts-per10k.csv" 2>&1
  emit "$p-counts-per10k.csv"
  "$bin" chart "$c" --topic 'China=china,chinese,beijing' --topic 'Trade=trade,tariff*' \
    --by place --top 5 --csv "$tmp/out.$p-chart.csv" > /dev/null 2>&1
  emit "$p-chart.csv"
}

total=20
if [ ! -f "$shared/corpora/000_d9bdcb0313118baf.txt" ]; then
  total=10
fi
echo "1..$total"

"$bin" import --into "$tmp/sample.corpus" "$src/data/sample/sample.jsonl" > /dev/null 2>&1
run_set sample "$tmp/sample.corpus" 'harbour OR storm' 3

if [ $total = 20 ]; then
  "$bin" import --into "$tmp/dump.corpus" "$shared/corpora/000_d9bdcb0313118baf.txt" > /dev/null 2>&1
  run_set dump "$tmp/dump.corpus" 'data OR china' 2
fi
exit $fail
