#!/bin/sh
# TAP: no file below a layer includes the headers of a layer above it.
#
#   src/core/base    GLib/GIO only
#   src/core/store   the only place that sees SQLite
#   src/core/import  over base and store
#   src/core/match   over base and store
#   src/core/session over base, store, import and match
#   src/chart        Cairo and Pango, over core
#   src/cli, gui     on top
#
# A -private.h header is included only from its own folder.  Tests may
# include ce-corpus-private.h where they must read the file below the
# store API (the allow-list below); nothing else.
root="${CE_SOURCE_DIR:-$(dirname "$0")/..}"
src="$root/src"
n=0
fail=0

report () {
  # report HITS DESCRIPTION
  n=$((n + 1))
  if [ -n "$1" ]; then
    echo "not ok $n - $2: $(echo "$1" | tr '\n' ' ')"
    fail=1
  else
    echo "ok $n - $2"
  fi
}

check () {
  # check DIR REGEX WHAT
  report "$(grep -rlE "$2" "$src/$1" 2>/dev/null)" "src/$1 does not include $3"
}

# The headers of a core folder, as an alternation for grep -E: its own
# .h files and the enum header meson generates for it
headers_of () {
  names=$(cd "$src/core/$1" && ls *.h 2>/dev/null)
  names="$names ce-$1-enums.h"
  echo $names | sed 's/\./\\./g; s/ /|/g'
}

includes_of () {
  printf '#include *"(%s)"' "$(headers_of "$1")"
}

echo "1..18"

# Today's rules: no GTK below src/gui, no Cairo or Pango in core
check core '#include *<(gtk|gdk|adwaita)' 'GTK'
check core '#include *<(cairo|pango)' 'Cairo or Pango'
check chart '#include *<(gtk|gdk|adwaita)' 'GTK'
check cli '#include *<(gtk|gdk|adwaita)' 'GTK'

# SQLite only in the store
report "$(grep -rlE '#include *<sqlite3\.h>' "$src" | grep -v "^$src/core/store/")" \
  'sqlite3.h is included only in src/core/store'
report "$(grep -rlw 'sqlite3[a-z0-9_]*' "$src" --include='*.c' --include='*.h' | grep -v "^$src/core/store/")" \
  'no SQLite type or call outside src/core/store'

# Dependency order inside core: base <- store <- import, match <- session
check core/base "$(includes_of store)" 'store headers'
check core/base "$(includes_of import)|$(includes_of match)" 'import or match headers'
check core/store "$(includes_of import)" 'import headers'
check core/store "$(includes_of match)" 'match headers'
check core/import "$(includes_of match)" 'match headers'
check core/match "$(includes_of import)" 'import headers'

# The session sits above the other four
for folder in base store import match; do
  check core/$folder "$(includes_of session)" 'session headers'
done

# Private headers stay in their folder
hits=""
for header in $(cd "$src" && find . -name '*-private.h'); do
  folder=$(dirname "$header")
  name=$(basename "$header")
  users=$(grep -rlE "#include *\"$name\"" "$src" | grep -v "^$src/${folder#./}/[^/]*$")
  hits="$hits${users:+$users }"
done
report "$(echo $hits)" 'no -private.h is included from outside its folder'

# Tests: only the allow-list reaches below the store API
allowed='test-corrections.c test-session.c'
hits=$(grep -lE '#include *"[a-z-]*-private\.h"' "$root"/tests/*.c 2>/dev/null |
       grep -vE "/($(echo $allowed | sed 's/ /|/g'))\$")
report "$hits" "tests include private headers only in: $allowed"

exit $fail
