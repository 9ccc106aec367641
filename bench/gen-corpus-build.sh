#!/bin/bash
# gen-corpus-build.sh
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds the corpus generator (gen-corpus*.c, gen-corpus-private.h) into
# BINDIR when one of its files changed, and prints the key that the
# corpora it makes are cached under: the first 8 hex digits of a SHA-1
# over all of its files, so any change to the generator makes new ones.
#
#   gen_key=$(bench/gen-corpus-build.sh BINDIR)

set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
bindir=${1:?usage: bench/gen-corpus-build.sh BINDIR}
sources=("$here"/gen-corpus*.c)
files=("${sources[@]}" "$here"/gen-corpus*.h)

mkdir -p "$bindir"
stale=0
[ -x "$bindir/gen-corpus" ] || stale=1
for f in "${files[@]}"; do
  [ "$f" -nt "$bindir/gen-corpus" ] && stale=1
done
if [ $stale = 1 ]; then
  # shellcheck disable=SC2046
  cc -O2 -g -Wall -Wextra -Wno-unused-parameter -o "$bindir/gen-corpus" "${sources[@]}" \
    $(pkg-config --cflags --libs glib-2.0) -lm >&2
fi

cat "${files[@]}" | sha1sum | cut -c1-8
