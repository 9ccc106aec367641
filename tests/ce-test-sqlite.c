/* ce-test-sqlite.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ce-test-sqlite.h"

/**
 * ce_test_sqlite_open_sound:
 * @path: a corpus file
 *
 * Returns: (transfer full): a connection to @path, whose pages and
 *   full-text index were found sound
 */
sqlite3 *
ce_test_sqlite_open_sound (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  /* The index agrees with the documents, row for row */
  if (sqlite3_exec (db, "INSERT INTO fts (fts, rank) VALUES ('integrity-check', 1)",
                    NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: the FTS5 integrity check failed: %s", path, message);

  return db;
}

void
ce_test_sqlite_assert_sound (const char *path)
{
  sqlite3_close (ce_test_sqlite_open_sound (path));
}

gint64
ce_test_sqlite_query_int (const char *path,
                          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

void
ce_test_sqlite_create_empty (const char *path,
                             const char *encoding)
{
  g_autofree char *pragma = g_strdup_printf ("PRAGMA encoding = '%s'", encoding);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, pragma, NULL, NULL, NULL), ==, SQLITE_OK);
  /* The encoding is written with the first page: a table made and
   * dropped leaves the file with it and an empty schema */
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); DROP TABLE t", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA encoding", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, encoding);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}
