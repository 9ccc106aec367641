#!/bin/sh
# tools/update-po.sh [BUILDDIR]
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Refreshes the translations after strings changed in the sources:
# regenerates po/corpus-explorer.pot with meson's i18n target (from the
# files listed in po/POTFILES.in) and merges it into every po/LL.po named
# in po/LINGUAS.  New strings come out untranslated and changed ones fuzzy
# (with the previous English as "#| msgid"); translate them, remove the
# fuzzy marks, and check that the statistics end with no untranslated or
# fuzzy message.  The .pot itself is not kept in git.

set -eu

builddir=${1:-_build}
cd "$(dirname "$0")/.."

if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir"
fi
ninja -C "$builddir" corpus-explorer-pot

for lang in $(sed -e 's/#.*//' po/LINGUAS); do
  msgmerge --quiet --update --backup=none --previous "po/$lang.po" po/corpus-explorer.pot
  printf '%s: ' "$lang"
  msgfmt --check --statistics -o /dev/null "po/$lang.po"
done
