#!/bin/sh
# TAP: the manual page renders without warnings and documents every command
# and every option that `corpus-explorer --help` and `COMMAND --help` list.
set -u
page="$1"
bin="${CE_BINARY:?}"

n=0
fail=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); echo "not ok $n - $1"; fail=1; }

warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
if [ -z "$warnings" ]; then ok "groff renders it without warnings"; else
  not_ok "groff warns:"; echo "$warnings" | sed 's/^/# /'; fi

text=$(MANWIDTH=100 man -l "$page" 2>/dev/null | col -b)
if echo "$text" | grep -q "corpus-explorer - import, search"; then ok "man -l renders it"; else
  not_ok "man -l renders nothing useful"; fi

commands=$("$bin" --help | sed -n '/^Commands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }')
[ -n "$commands" ] || not_ok "no commands in --help"
for c in $commands; do
  if echo "$text" | grep -qE "^ {2,}$c( |$)"; then ok "command $c documented"; else
    not_ok "command $c has no section"; fi
  for opt in $("$bin" "$c" --help | sed -n '/^Application Options:/,/^$/p' \
               | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u); do
    if echo "$text" | grep -q -- "$opt"; then ok "$c $opt documented"; else
      not_ok "$c $opt is not in the manual page"; fi
  done
done

echo "1..$n"
exit $fail
