#!/usr/bin/env python3
# fallback-load.py
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds a corpus file from gen-corpus JSON Lines with plain SQL, for when
# the binary has no `import` subcommand yet: the search and counting
# benchmarks then still run, on a file with the application's own schema
# (read from src/core/ce-corpus.c).  Its timing is NOT an import figure.
#
#   fallback-load.py SOURCE_ROOT CORPUS.jsonl OUT.corpus

import hashlib
import json
import os
import re
import sqlite3
import sys


def app_schema(source_root):
    path = os.path.join(source_root, 'src', 'core', 'ce-corpus.c')
    with open(path, encoding='utf-8') as f:
        text = f.read()
    m = re.search(r'static const char schema_v1\[\] =(.*?);\n', text, re.S)
    if not m:
        sys.exit(f'fallback-load: no schema_v1 in {path}')
    return ''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1)))


def main():
    if len(sys.argv) != 4:
        sys.exit('usage: fallback-load.py SOURCE_ROOT CORPUS.jsonl OUT.corpus')
    source_root, jsonl, out = sys.argv[1:]
    for suffix in ('', '-wal', '-shm'):
        if os.path.exists(out + suffix):
            os.remove(out + suffix)

    db = sqlite3.connect(out, isolation_level=None)
    db.execute('PRAGMA journal_mode = WAL')
    db.execute('PRAGMA cache_size = -16384')
    # executescript() commits first, so the schema goes in before BEGIN
    db.executescript(app_schema(source_root))
    db.execute('BEGIN')
    db.execute("INSERT INTO sources (id, path, format, size, imported)"
               " VALUES (1, ?, 'jsonl', ?, datetime('now'))",
               (jsonl, os.path.getsize(jsonl)))

    rows = []
    with open(jsonl, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            d = json.loads(line)
            body = d['text']
            digest = hashlib.sha256((d['title'] + '\0' + body).encode()).digest()
            hash64 = int.from_bytes(digest[:8], 'little', signed=True)
            rows.append((n, n, float(n), d['title'], d.get('place'), d.get('date'),
                         d.get('source'), d.get('section'),
                         len(re.findall(r'\w+', body)), hash64, body))
            if len(rows) == 1000:
                insert(db, rows)
                rows = []
    insert(db, rows)
    db.execute("INSERT INTO fts (fts) VALUES ('rebuild')")
    db.execute('COMMIT')
    db.execute('PRAGMA wal_checkpoint(TRUNCATE)')
    db.close()


def insert(db, rows):
    db.executemany('INSERT INTO documents (id, ordinal, position, title, place, date,'
                   ' source, section, words, hash, body, source_id)'
                   ' VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)', rows)


if __name__ == '__main__':
    main()
