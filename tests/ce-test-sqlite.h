/* ce-test-sqlite.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks of a corpus file through SQLite itself, below the store: only
 * for the test programs built with store_test_dep (tests/meson.build).
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Opens the corpus at @path for writing, as the program would after a
 * crash (SQLite recovers the write-ahead log), and fails the test unless
 * PRAGMA integrity_check says "ok" and FTS5's integrity-check finds the
 * index in agreement with the documents.  The connection is the
 * caller's to close. */
sqlite3 *ce_test_sqlite_open_sound   (const char *path);
/* The same, closing the connection */
void     ce_test_sqlite_assert_sound (const char *path);
/* The first column of the first row of @sql on the file at @path, read
 * with a connection of its own that writes nothing */
gint64   ce_test_sqlite_query_int    (const char *path,
                                      const char *sql);
/* Makes an SQLite file at @path with nothing in it but its text
 * encoding ("UTF-16le", "UTF-16be"): opened as a corpus for writing, it
 * is given the schema, and keeps that encoding */
void     ce_test_sqlite_create_empty (const char *path,
                                      const char *encoding);

G_END_DECLS
