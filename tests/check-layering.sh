#!/bin/sh
# TAP: no file below a layer includes the headers of a layer above it.
src="${CE_SOURCE_DIR:-$(dirname "$0")/..}/src"
n=0
fail=0
check () {
  n=$((n + 1))
  hits=$(grep -rlE "$2" "$src/$1" 2>/dev/null)
  if [ -n "$hits" ]; then
    echo "not ok $n - src/$1 includes $3: $hits"
    fail=1
  else
    echo "ok $n - src/$1 does not include $3"
  fi
}
echo "1..4"
check core '#include *<(gtk|gdk|adwaita)' 'GTK'
check core '#include *<(cairo|pango)' 'Cairo or Pango'
check chart '#include *<(gtk|gdk|adwaita)' 'GTK'
check cli '#include *<(gtk|gdk|adwaita)' 'GTK'
exit $fail
