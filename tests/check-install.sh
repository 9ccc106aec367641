#!/bin/sh
# TAP: `meson install` gives a working application.  It installs the build
# into a temporary folder, compiles the schemas as a package's
# post-install step would, and runs the installed binary from there: the
# command line (import, search, a headless chart) and, with a display, the
# application itself, which must find its own schema and icons.
set -u
build="$1"
prefix="$2"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
root="$tmp/root"
share="$root$prefix/share"
bin="$root$prefix/bin/corpus-explorer"
app_id=io.github.corpusexplorer.CorpusExplorer

n=0
fail=0
check () {
  # check DESCRIPTION COMMAND...
  d=$1; shift
  n=$((n + 1))
  if "$@" > "$tmp/out" 2>&1; then echo "ok $n - $d"; else
    echo "not ok $n - $d"; sed 's/^/# /' "$tmp/out" | head -20; fail=1; fi
}

check "meson install" env DESTDIR="$root" meson install -C "$build" --no-rebuild --quiet
for f in "bin/corpus-explorer" \
         "share/applications/$app_id.desktop" \
         "share/metainfo/$app_id.metainfo.xml" \
         "share/mime/packages/$app_id.xml" \
         "share/glib-2.0/schemas/$app_id.gschema.xml" \
         "share/icons/hicolor/scalable/apps/$app_id.svg" \
         "share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" \
         "share/man/man1/corpus-explorer.1" \
         "share/corpus-explorer/sample/sample.jsonl"; do
  check "installs $f" test -e "$root$prefix/$f"
done
check "installs the window's module" \
  sh -c "ls '$root$prefix'/lib*/corpus-explorer/libcorpus-explorer-gui.so '$root$prefix'/lib/*/corpus-explorer/libcorpus-explorer-gui.so 2>/dev/null | grep -q ."
check "schemas compile" glib-compile-schemas --strict "$share/glib-2.0/schemas"

check "--version" sh -c "'$bin' --version | grep -q '^corpus-explorer [0-9]'"
check "import the installed sample corpus" \
  "$bin" import --into "$tmp/s.corpus" "$share/corpus-explorer/sample/sample.jsonl"
check "search it" sh -c "test \"\$('$bin' search '$tmp/s.corpus' harbour --count)\" -gt 0"
check "chart it without a display" env -u DISPLAY -u WAYLAND_DISPLAY \
  "$bin" chart "$tmp/s.corpus" --topic 'Trade=trade,tariff*' --by place --png "$tmp/c.png"
check "the chart is a PNG" sh -c "head -c 8 '$tmp/c.png' | od -c | grep -q 'P   N   G'"

# The application, from the installed tree, with no hint where its schema is
if [ -n "${DISPLAY:-}" ]; then
  n=$((n + 1))
  env -u GSETTINGS_SCHEMA_DIR XDG_DATA_DIRS=/usr/share \
    timeout 8 "$bin" "$tmp/s.corpus" > "$tmp/gui" 2>&1
  status=$?
  # 124: still running when timeout ended it, which is what an app does
  if [ $status = 124 ] && ! grep -qi "schema\|critical" "$tmp/gui"; then
    echo "ok $n - the installed application starts and finds its schema"
  else
    echo "not ok $n - the installed application exited with $status"; sed 's/^/# /' "$tmp/gui" | head; fail=1
  fi
fi

echo "1..$n"
exit $fail
