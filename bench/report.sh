#!/bin/bash
# report.sh
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Turns the figures run.sh left in OUT (results-SIZE.tsv, queries-SIZE-*.tsv)
# into Markdown: report.sh OUT SIZE…   Only measured numbers are printed;
# anything missing says "not measured".

set -euo pipefail
export LC_ALL=C

out=$1
shift
here=$(cd "$(dirname "$0")" && pwd)

get() {
  awk -F'\t' -v k="$1" '$1 == k { v = $2 } END { print v }' "$results"
}

calc() { awk "BEGIN { $1 }"; }

or_nm() { if [ -n "$1" ]; then printf '%s' "$1"; else printf 'not measured'; fi; }

# Verdict for "value <= target" or ">=", empty when not measured
verdict() {
  local value=$1 op=$2 target=$3
  case $value in ''|n/a|not*) echo ""; return ;; esac
  calc "ok = ($value $op $target); print (ok ? \"meets\" : \"misses\")"
}

# Field of a queries TSV line: MEASURE NAME first p50 p95 runs result
q() {
  local file=$1 measure=$2 name=$3 field=$4
  [ -f "$file" ] || return 0
  awk -F'\t' -v m="$measure" -v n="$name" -v f="$field" '$1 == m && $2 == n { print $f }' "$file"
}

machine() {
  local model cores ram disk
  model=$(lscpu | awk -F': +' '/^Model name/ { print $2; exit }')
  cores=$(nproc)
  ram=$(free -g | awk '/^Mem:/ { print $2 " GiB" }')
  disk=$(df -h "$out" | awk 'NR == 2 { print $1 ", " $2 " (" $5 " used)" }')
  if [ -r /sys/block/vda/queue/rotational ]; then
    disk="$disk, virtio disk (rotational flag $(cat /sys/block/vda/queue/rotational))"
  fi
  echo "- Machine: $model, $cores cores, $ram RAM; disk $disk; $(uname -sr)"
  echo "- SQLite $(sqlite3 --version | cut -d' ' -f1), GLib $(pkg-config --modversion glib-2.0)"
  echo "- The machine is shared with other jobs: each size below gives the load average"
  echo "  when it started; wall times and p95s carry that noise."
}

echo
echo "### Machine"
echo
machine

for size in "$@"; do
  results=$out/results-$size.tsv
  [ -f "$results" ] || continue
  dumpq=$out/queries-$size-dump.tsv
  jsonq=$out/queries-$size-jsonl.tsv
  mailq=$out/queries-$size-mail.tsv

  path=$(get import.path)
  docs=$(get import.documents)
  text=$(get import.text_bytes)
  dump_bytes=$(get dump_bytes)

  echo
  echo "### $size corpus"
  echo
  echo "Measured $(get date) at commit $(get commit), load average $(get load);" \
       "\`bench/run.sh BUILDDIR $size\` (BENCH_RUNS=$(r=$(get runs); echo "${r:-${BENCH_RUNS:-20}}"), seed ${BENCH_SEED:-1})."
  echo
  echo "Dump $(calc "printf \"%.1f\", $dump_bytes / 1e6") MB; $(or_nm "$docs") documents after import;" \
       "text in the corpus (titles + bodies) $( [ -n "$text" ] && calc "printf \"%.1f\", $text / 1e6" || echo '?') MB."
  for form in dump jsonl; do
    g=$(get "gen.$form")
    [ -n "$g" ] && echo "Generator ($form): ${g#gen-corpus: }."
  done
  if [ "$path" = fallback ]; then
    echo
    echo "**The binary had no \`import\` subcommand: the corpus was built by"
    echo "\`bench/fallback-load.py\` (plain SQL, the application's schema) from the JSONL form."
    echo "No import figure below comes from it.**"
  fi
  echo
  echo "Targets are the issue's, set for the 1 GB corpus on 2 cores."
  echo
  echo "| Measure | Target | Measured | |"
  echo "|---|---|---|---|"

  # Import
  secs=$(get import.seconds)
  if [ -n "$secs" ]; then
    in_bytes=$(get import.input_bytes)
    echo "| Import, dump (CLI, wall) | | $secs s; $(calc "printf \"%.1f\", $in_bytes / 1e6 / $secs") MB/s of input;" \
         "$(calc "printf \"%.0f\", $docs / $secs") documents/s; $(calc "printf \"%.1f\", $text / 1e6 / $secs") MB/s of text | |"
    rss=$(get import.rss_kb)
    rss_mb=$(calc "printf \"%.0f\", $rss / 1024")
    echo "| Import peak RSS | ≤ 300 MB | $rss_mb MB | $(verdict "$rss_mb" '<=' 300) |"
    cb=$(get import.corpus_bytes)
    ratio=$(calc "printf \"%.2f\", $cb / $text")
    echo "| Corpus file ÷ text | ≤ 2 | $ratio ($(calc "printf \"%.1f\", $cb / 1e6") MB) | $(verdict "$ratio" '<=' 2) |"
  else
    if [ "$path" = fallback ]; then
      why="no import subcommand in this build"
    else
      why=$(or_nm "$(get import.status)")
    fi
    echo "| Import, dump (CLI) | | not measured ($why) | |"
    echo "| Import peak RSS | ≤ 300 MB | not measured | |"
    echo "| Corpus file ÷ text | ≤ 2 | not measured | |"
  fi
  jsecs=$(get import-jsonl.seconds)
  if [ -n "$jsecs" ]; then
    jin=$(get import-jsonl.input_bytes)
    echo "| Import, JSONL (CLI, wall) | | $jsecs s; $(calc "printf \"%.1f\", $jin / 1e6 / $jsecs") MB/s of input;" \
         "peak RSS $(calc "printf \"%.0f\", $(get import-jsonl.rss_kb) / 1024") MB | |"
  fi

  # Reference
  best=""
  best_s=""
  for key in $(awk -F'\t' '$1 ~ /^ref\..*\.seconds$/ { print $1 }' "$results"); do
    s=$(get "$key")
    if [ -z "$best_s" ] || calc "exit !($s < $best_s)"; then
      best_s=$s
      best=${key#ref.}
      best=${best%.seconds}
    fi
  done
  if [ -n "$best" ] && [ -n "$text" ]; then
    ref_rate=$(calc "printf \"%.1f\", $text / 1e6 / $best_s")
    echo "| Raw FTS5 load, fastest settings | | $ref_rate MB/s of text ($best, $best_s s) | |"
    if [ -n "$secs" ]; then
      r=$(calc "printf \"%.2f\", $best_s / $secs")
      echo "| Import ÷ reference (throughput) | ≥ 0.9 | $r | $(verdict "$r" '>=' 0.9) |"
    else
      echo "| Import ÷ reference (throughput) | ≥ 0.9 | not measured (no import) | |"
    fi
  else
    echo "| Raw FTS5 load | | not measured | |"
  fi

  # Search: the core functions (bench-core), the raw SQL (bench-queries)
  # beside them.  Every query of the set as it is, with a place and with a date; each
  # run of a core measure is a query new to the connection.  The dump
  # has no dates: a date filter is measured on the JSON Lines corpus.
  names=""
  for base in rare common phrase or4 every; do names="$names $base $base+place $base+date"; done
  for name in $names; do
    case $name in *+date) src=$jsonq; of=" (JSON Lines corpus)" ;; *) src=$dumpq; of="" ;; esac
    p95=$(q "$src" core-count "$name" 5)
    s95=$(q "$src" count "$name" 5)
    if [ -n "$p95" ]; then
      raw=""
      [ -n "$s95" ] && raw="; raw SQL count(*) $(q "$src" count "$name" 4) / $s95 ms"
      echo "| Result count, $name$of (ce_search_count, p50 / p95) | ≤ 10 ms | $(q "$src" core-count "$name" 4) / $p95 ms; $(q "$src" core-count "$name" 7)$raw | $(verdict "$p95" '<=' 10) |"
      i95=$(q "$src" core-ids "$name" 5)
      echo "| Result list, $name$of (ce_search_ids ranked, the window's list and count, p50 / p95) | ≤ 10 ms | $(q "$src" core-ids "$name" 4) / $i95 ms | $(verdict "$i95" '<=' 10) |"
    elif [ -n "$s95" ]; then
      echo "| Result count, $name (raw SQL only, p50 / p95) | ≤ 10 ms | $(q "$src" count "$name" 4) / $s95 ms; $(q "$src" count "$name" 7) | |"
    else
      echo "| Result count, $name | ≤ 10 ms | not measured | |"
    fi
  done
  for name in $names; do
    case $name in *+date) src=$jsonq; of=" (JSON Lines corpus)" ;; *) src=$dumpq; of="" ;; esac
    p95=$(q "$src" core-page-new "$name" 5)
    r95=$(q "$src" page-rank "$name" 5)
    if [ -n "$p95" ]; then
      raw=""
      [ -n "$r95" ] && raw="; raw SQL ORDER BY rank $(q "$src" page-rank "$name" 4) / $r95 ms, ORDER BY bm25() $(q "$src" page "$name" 4) / $(or_nm "$(q "$src" page "$name" 5)") ms"
      echo "| First page of 50 with snippets, $name$of (ce_search_page alone, \`search --limit 50\`, p50 / p95) | ≤ 50 ms p95 | $(q "$src" core-page-new "$name" 4) / $p95 ms$raw | $(verdict "$p95" '<=' 50) |"
      a95=$(q "$src" core-page "$name" 5)
      echo "| The same page after the window's list (its snippets, p50 / p95) | ≤ 50 ms p95 | $(q "$src" core-page "$name" 4) / $a95 ms | $(verdict "$a95" '<=' 50) |"
    elif [ -n "$r95" ]; then
      echo "| First page, $name (raw SQL only, ORDER BY rank, p50 / p95) | ≤ 50 ms p95 | $(q "$src" page-rank "$name" 4) / $r95 ms | |"
    else
      echo "| First page, $name | ≤ 50 ms p95 | not measured | |"
    fi
  done

  # Counting: the core on the JSONL corpus (dated), the SQL approximation beside
  for topic in Economy China; do
    first=$(q "$jsonq" core-topic "topic:$topic" 3)
    if [ -n "$first" ]; then
      p95=$(q "$jsonq" core-topic "topic:$topic" 5)
      echo "| Four-term topic $topic counted, first time (ce_counter_count_documents) | ≤ 100 ms | $first ms; $(q "$jsonq" core-topic "topic:$topic" 7); raw SQL xInstCount p50 $(or_nm "$(q "$jsonq" topic-aux "topic:$topic" 4)") ms | $(verdict "$first" '<=' 100) |"
      echo "| Four-term topic $topic on a newly opened connection (p50 / p95) | ≤ 100 ms | $(q "$jsonq" core-topic "topic:$topic" 4) / $p95 ms | $(verdict "$p95" '<=' 100) |"
    fi
  done
  first=$(q "$jsonq" core-chart-month topics 3)
  if [ -n "$first" ]; then
    p95=$(q "$jsonq" core-chart-month topics 5)
    echo "| Five-topic chart by month on a newly opened connection, first (ce_counter_aggregate + ce_chart_count_build_model) | ≤ 100 ms | $first ms; $(q "$jsonq" core-chart-month topics 7); raw SQL approximation first $(or_nm "$(q "$jsonq" chart-month topics 3)") ms | $(verdict "$first" '<=' 100) |"
    echo "| Five-topic chart by month on a newly opened connection (p50 / p95) | ≤ 100 ms | $(q "$jsonq" core-chart-month topics 4) / $p95 ms | $(verdict "$p95" '<=' 100) |"
    p95=$(q "$jsonq" core-chart-warm topics 5)
    echo "| Five-topic chart by month, topics counted on the connection (p50 / p95) | ≤ 100 ms | $(q "$jsonq" core-chart-warm topics 4) / $p95 ms | $(verdict "$p95" '<=' 100) |"
    p95=$(q "$jsonq" core-regroup topics 5)
    echo "| Five topics regrouped by place (ce_counter_aggregate, p50 / p95) | ≤ 20 ms | $(q "$jsonq" core-regroup topics 4) / $p95 ms; $(q "$jsonq" core-regroup topics 7); raw SQL regroup $(or_nm "$(q "$jsonq" chart-regroup topics 4)") / $(or_nm "$(q "$jsonq" chart-regroup topics 5)") ms | $(verdict "$p95" '<=' 20) |"
  else
    echo "| Five-topic chart by month | ≤ 100 ms / ≤ 20 ms | not measured | |"
  fi
  c=$(get cli.counts.four-terms)
  if [ -n "$c" ]; then
    echo "| \`counts\` CLI, one four-term topic by year (with process start, p50 p95) | | $c ms | |"
    echo "| \`counts\` CLI, five topics by month (with process start, p50 p95) | | $(get cli.counts.five-by-month) ms | |"
  fi

  # CLI start
  for what in version help search-count; do
    c=$(get "cli.start.$what")
    if [ -n "$c" ]; then
      c95=${c#* }
      case $what in
        version) label='`--version`' ;;
        help) label='`--help`' ;;
        *) label='`search SAMPLE harbour --count`' ;;
      esac
      extra="; a GLib program doing nothing (\`gio version\`) $(get cli.start.gio-version | sed 's/ / \/ /') ms"
      if [ "$what" = version ] && [ -n "$(get cli.start.version-with-gtk)" ]; then
        extra="$extra; with GTK and libadwaita loaded, as before the window became a module, $(get cli.start.version-with-gtk | sed 's/ / \/ /') ms"
      fi
      echo "| CLI start, $label (wall, p50 / p95; load $(get cli.start.load)) | ≤ 50 ms | ${c% *} / $c95 ms$extra | $(verdict "$c95" '<=' 50) |"
    fi
  done

  # Near-copy detection: the same JSON Lines imported with and without it
  cw=$(get copies.with.seconds)
  cn=$(get copies.without.seconds)
  if [ -n "$cw" ] && [ -n "$cn" ]; then
    cost=$(calc "printf \"%.1f\", ($cw - $cn) / $cn * 100")
    ccw=$(get copies.with.cpu_seconds)
    ccn=$(get copies.without.cpu_seconds)
    cpu=
    judged=$cost
    if [ -n "$ccw" ] && [ -n "$ccn" ]; then
      ccost=$(calc "printf \"%.1f\", ($ccw - $ccn) / $ccn * 100")
      cpu="; CPU $ccw s vs $ccn s: $( [ "${ccost#-}" = "$ccost" ] && echo "+")$ccost %"
      # Judged by the larger of the two: wall time moves with the load
      judged=$(calc "printf \"%.1f\", ($cost > $ccost) ? $cost : $ccost")
    fi
    echo "| Import with near-copy detection vs \`--no-near-copies\` (same JSON Lines, back to back; wall, CPU, peak RSS; load $(get copies.with.load_before) / $(get copies.without.load)) | ≤ +15 % at 1 GB, RSS flat | $cw s vs $cn s: $( [ "${cost#-}" = "$cost" ] && echo "+")$cost %$cpu; $(calc "printf \"%.0f\", $(get copies.with.rss_kb) / 1024") MB vs $(calc "printf \"%.0f\", $(get copies.without.rss_kb) / 1024") MB; $(get copies.groups) groups of $(get copies.grouped) documents | $(verdict "$judged" '<=' 15) |"
  fi

  # GUI
  ff=$(get gui.first_frame_ms)
  echo "| GUI first frame | ≤ 1 s | $(or_nm "$ff") | $(verdict "$ff" '<=' 1000) |"
  # RSS after scrolling the whole list, against the same window on the
  # sample corpus: at once, and once the session has been idle (memory
  # given back, CE_SESSION_RELEASE_DELAY_MS)
  for when in scrolled idle; do
    srss=$(get gui.${when}_rss_kb)
    base=$(get gui.sample.${when}_rss_kb)
    label="GUI RSS after scrolling the list"
    if [ $when = idle ]; then label="$label, then 4 s idle"; fi
    case "$srss$base" in
      *not*|'') echo "| $label | ≤ sample corpus + 20 MB | $(or_nm "$srss") | |" ;;
      *) over=$(calc "printf \"%.0f\", ($srss - $base) / 1024")
         echo "| $label | ≤ sample corpus + 20 MB | $(calc "printf \"%.0f\", $srss / 1024") MB vs $(calc "printf \"%.0f\", $base / 1024") MB: $( [ "${over#-}" = "$over" ] && echo "+")$over MB | $(verdict "$over" '<=' 20) |" ;;
    esac
  done

  # Typing a search: the longest time between two frames
  tg=$(get gui.typing_max_gap_ms)
  sg=$(get gui.sample.typing_max_gap_ms)
  case "$tg" in
    ''|not*) echo "| Typing in the search entry: longest frame gap | ≤ 50 ms | $(or_nm "$tg") | |" ;;
    *) echo "| Typing in the search entry (\`china OR tariffs\`, a key every 120 ms): longest frame gap; frames over 50 ms of all (load $(get gui.typing_load)) | ≤ 50 ms | $tg ms; $(get gui.typing_slow_frames) of $(get gui.typing_frames) (sample corpus: $(or_nm "$sg") ms; $(get gui.sample.typing_slow_frames) of $(get gui.sample.typing_frames)) | $(verdict "$tg" '<=' 50) |" ;;
  esac

  # Details
  if grep -q '^ref\.' "$results"; then
    echo
    echo "Raw FTS5 load of the same documents from a staging table (\`INSERT INTO fts(rowid, title, body) SELECT …\`," \
         "tokenizer \`unicode61 remove_diacritics 2\`, one transaction, wall time of the sqlite3 process):"
    echo
    echo "| Settings | Seconds | MB/s of text | Peak RSS |"
    echo "|---|---|---|---|"
    for key in $(awk -F'\t' '$1 ~ /^ref\..*\.seconds$/ { print $1 }' "$results"); do
      name=${key#ref.}
      name=${name%.seconds}
      s=$(get "$key")
      echo "| $name | $s | $( [ -n "$text" ] && calc "printf \"%.1f\", $text / 1e6 / $s") | $(calc "printf \"%.0f\", $(get "ref.$name.rss_kb") / 1024") MB |"
    done
  fi

  for file in "$dumpq" "$jsonq" "$mailq"; do
    [ -f "$file" ] || continue
    echo
    echo "All timings on \`$(basename "${file%.tsv}" | sed 's/queries-//')\` (ms; core-*: bench-core, the application's functions; the rest: bench-queries, raw SQL; first = first run after opening):"
    echo
    echo "| Measure | Query | First | p50 | p95 | Runs | Result |"
    echo "|---|---|---|---|---|---|---|"
    awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7 }' "$file"
  done

  if grep -q '^cli\.search\.' "$results"; then
    echo
    echo "\`search\` CLI, wall time with process start-up (p50 p95, ms):"
    echo
    awk -F'\t' '$1 ~ /^cli\.search\./ { sub(/^cli\.search\./, "", $1); printf "- %s: %s\n", $1, $2 }' "$results"
  fi
done
