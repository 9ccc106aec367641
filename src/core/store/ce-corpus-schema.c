/* ce-corpus-schema.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The schema of a corpus: creating it, checking that a file holds what
 * its version defines and nothing else, and the migrations from older
 * versions.
 */

#define G_LOG_DOMAIN "ce-corpus"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-corpus-private.h"

/* The schema of version 1.  Columns are added through migrations below,
 * never by editing this text once released: a new corpus is created at
 * version 1 and migrated like any other. */
static const char schema_v1[] =
  "CREATE TABLE properties ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT"
  ");"
  "CREATE TABLE sources ("
  "  id INTEGER PRIMARY KEY,"
  "  path TEXT NOT NULL,"
  "  format TEXT NOT NULL,"
  "  size INTEGER NOT NULL DEFAULT 0,"
  "  checksum TEXT,"
  "  imported TEXT NOT NULL"
  ");"
  "CREATE TABLE documents ("
  "  id INTEGER PRIMARY KEY,"
  "  source_id INTEGER REFERENCES sources (id),"
  "  ordinal INTEGER NOT NULL DEFAULT 0,"
  "  position REAL NOT NULL,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  place TEXT,"
  "  date TEXT,"
  "  author TEXT,"
  "  source TEXT,"
  "  section TEXT,"
  "  url TEXT,"
  "  words INTEGER NOT NULL DEFAULT 0,"
  "  line INTEGER NOT NULL DEFAULT 0,"
  "  offset INTEGER NOT NULL DEFAULT 0,"
  "  hash INTEGER NOT NULL UNIQUE,"
  "  body TEXT NOT NULL"
  ");"
  "CREATE INDEX documents_position ON documents (position);"
  "CREATE INDEX documents_date ON documents (date);"
  "CREATE INDEX documents_place ON documents (place);"
  "CREATE INDEX documents_source ON documents (source);"
  "CREATE TABLE meta ("
  "  doc_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  key TEXT NOT NULL,"
  "  value TEXT NOT NULL"
  ");"
  "CREATE INDEX meta_doc ON meta (doc_id);"
  "CREATE INDEX meta_key ON meta (key, value);"
  "CREATE TABLE corrections ("
  "  id INTEGER PRIMARY KEY,"
  "  source_checksum TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  offset INTEGER NOT NULL,"
  "  created TEXT NOT NULL"
  ");"
  "CREATE TABLE topics ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  color TEXT NOT NULL,"
  "  terms TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  enabled INTEGER NOT NULL DEFAULT 1"
  ");"
  "CREATE VIRTUAL TABLE fts USING fts5 ("
  "  title, body,"
  "  content='documents', content_rowid='id',"
  "  tokenize='unicode61 remove_diacritics 2'"
  ");";

/* Every object a version-1 corpus holds.  Anything else (a trigger or a
 * view planted in a file we were given) makes us refuse the file. */
static const char * const known_objects[] = {
  "properties", "sources", "documents", "meta", "corrections", "topics",
  "documents_position", "documents_date", "documents_place",
  "documents_source", "meta_doc", "meta_key",
  "fts", "fts_data", "fts_idx", "fts_docsize", "fts_config",
  NULL
};

/* Objects added by version 2 (ce-corpus-quoted.c) */
static const char * const known_objects_v2[] = {
  "documents_quoted",
  NULL
};

/* Version 3: fingerprints of documents and groups of copies
 * (ce-corpus-duplicates.c).  A corpus that already holds documents gets
 * their fingerprints from ce_corpus_compute_fingerprints(), which the
 * property marks as pending (its value: the last document done). */
static const char schema_v3[] =
  "ALTER TABLE documents ADD COLUMN body_hash INTEGER;"
  "CREATE INDEX documents_body_hash ON documents (body_hash);"
  "CREATE TABLE fingerprints ("
  "  doc_id INTEGER PRIMARY KEY,"
  "  shingles INTEGER NOT NULL,"
  "  signature BLOB"
  ");"
  "CREATE TABLE bands ("
  "  key INTEGER NOT NULL,"
  "  doc_id INTEGER NOT NULL,"
  "  PRIMARY KEY (key, doc_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE copies ("
  "  doc_id INTEGER PRIMARY KEY,"
  "  group_id INTEGER NOT NULL,"
  "  similarity REAL NOT NULL"
  ");"
  "CREATE INDEX copies_group ON copies (group_id);"
  "INSERT INTO properties (key, value)"
  "  SELECT 'fingerprints-pending', '0' WHERE EXISTS (SELECT 1 FROM documents);";

/* Objects added by version 3 (ce-corpus-duplicates.c) */
static const char * const known_objects_v3[] = {
  "documents_body_hash", "fingerprints", "bands", "copies", "copies_group",
  NULL
};

/* Version 4: per-document topic counts kept in the corpus
 * (ce-corpus-count-store.c), and what the aggregation of counts reads of
 * each document in one covering index, so that grouping them again does
 * not read the rows of the documents, bodies and all
 * (ce-corpus-doc-rows.c). */
static const char schema_v4[] =
  "CREATE TABLE count_cache ("
  "  key TEXT PRIMARY KEY,"
  "  max_id INTEGER NOT NULL,"
  "  change INTEGER NOT NULL,"
  "  counts BLOB NOT NULL"
  ");"
  "CREATE TABLE count_changes ("
  "  seq INTEGER PRIMARY KEY,"
  "  doc_id INTEGER NOT NULL"
  ");"
  "CREATE INDEX documents_rows ON documents"
  "  (position, id, date, words, place, source, section, author);";

/* Objects added by version 4 */
static const char * const known_objects_v4[] = {
  "count_cache", "count_changes", "documents_rows",
  NULL
};

gboolean
_ce_corpus_create_schema (CeCorpus  *self,
                          GError   **error)
{
  g_autoptr(GDateTime) date = g_date_time_new_now_utc ();
  g_autofree char *now = g_date_time_format_iso8601 (date);
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("BEGIN IMMEDIATE;"
                         "%s"
                         "INSERT INTO properties VALUES ('created', '%s');"
                         "INSERT INTO properties VALUES ('tokenizer', 'unicode61 remove_diacritics 2');"
                         /* Imports are bulk loads: a 64 MB term buffer flushes
                          * far fewer, larger segments (measured: a 1 GB load in
                          * 108 s instead of 160 s) */
                         "INSERT INTO fts (fts, rank) VALUES ('hashsize', 67108864);"
                         "PRAGMA application_id = %d;"
                         "PRAGMA user_version = 1;"
                         "COMMIT;",
                         schema_v1, now, CE_APPLICATION_ID);

  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not create the corpus"));
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

gboolean
_ce_corpus_check_schema (CeCorpus  *self,
                         GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT name, type FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not read the corpus"));
      return FALSE;
    }

  while (ok && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *)sqlite3_column_text (stmt, 0);
      const char *type = (const char *)sqlite3_column_text (stmt, 1);

      if (name == NULL || type == NULL ||
          g_str_equal (type, "trigger") || g_str_equal (type, "view") ||
          !(g_strv_contains (known_objects, name) ||
            (self->schema_version >= 2 && g_strv_contains (known_objects_v2, name)) ||
            (self->schema_version >= 3 && g_strv_contains (known_objects_v3, name)) ||
            (self->schema_version >= 4 && g_strv_contains (known_objects_v4, name))))
        {
          g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_DAMAGED,
                       _("“%s” holds an unexpected %s “%s”; it was not opened"),
                       self->path, type ? type : "object", name ? name : "");
          ok = FALSE;
        }
    }

  sqlite3_finalize (stmt);

  for (guint v = 1; ok && v <= MIN (self->schema_version, 4); v++)
    {
      const char * const *objects = v == 1 ? known_objects
                                  : v == 2 ? known_objects_v2
                                  : v == 3 ? known_objects_v3
                                  : known_objects_v4;

      for (guint i = 0; ok && objects[i] != NULL; i++)
        {
          g_autofree char *sql =
            g_strdup_printf ("SELECT count(*) FROM sqlite_schema WHERE name = '%s'",
                             objects[i]);

          if (_ce_corpus_query_int (self, sql, 0) != 1)
            {
              g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_DAMAGED,
                           _("“%s” is damaged: “%s” is missing"),
                           self->path, objects[i]);
              ok = FALSE;
            }
        }
    }

  return ok;
}

/* 2 -> 3: fingerprints and groups of copies, in one transaction */
static gboolean
migrate_duplicates (CeCorpus  *self,
                    GError   **error)
{
  g_autofree char *all = g_strdup_printf ("BEGIN IMMEDIATE; %s PRAGMA user_version = 3; COMMIT;",
                                          schema_v3);

  if (!_ce_corpus_exec (self, all, error))
    {
      _ce_corpus_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }

  self->schema_version = 3;
  return TRUE;
}

/* 3 -> 4: counts kept in the corpus, in one transaction */
static gboolean
migrate_counts (CeCorpus  *self,
                GError   **error)
{
  g_autofree char *all = g_strdup_printf ("BEGIN IMMEDIATE; %s PRAGMA user_version = 4; COMMIT;",
                                          schema_v4);

  if (!_ce_corpus_exec (self, all, error))
    {
      _ce_corpus_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }

  self->schema_version = 4;
  return TRUE;
}

/* Migrations from version N to N + 1 go here, each in its own
 * transaction; version 1 is the first released schema.  A read-only
 * connection cannot migrate: it reads the file at its own version. */
gboolean
_ce_corpus_migrate (CeCorpus  *self,
                    gint64     version,
                    GError   **error)
{
  self->schema_version = version;

  if (self->read_only)
    return TRUE;

  /* 1 -> 2: quoted text indexed apart */
  if (self->schema_version == 1 && !_ce_corpus_migrate_quoted (self, error))
    return FALSE;

  /* 2 -> 3: fingerprints and groups of copies */
  if (self->schema_version == 2 && !migrate_duplicates (self, error))
    return FALSE;

  /* 3 -> 4: counts kept in the corpus */
  if (self->schema_version == 3 && !migrate_counts (self, error))
    return FALSE;

  g_assert (self->schema_version == CE_CORPUS_SCHEMA_VERSION);
  return TRUE;
}

/* Triggers and views run code on reads and writes: refused before
 * anything is written, whatever the version */
gboolean
_ce_corpus_check_no_code (CeCorpus  *self,
                          GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT name, type FROM sqlite_schema WHERE type IN ('trigger', 'view')",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not read the corpus"));
      return FALSE;
    }

  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *)sqlite3_column_text (stmt, 0);
      const char *type = (const char *)sqlite3_column_text (stmt, 1);

      g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_DAMAGED,
                   _("“%s” holds an unexpected %s “%s”; it was not opened"),
                   self->path, type ? type : "object", name ? name : "");
      ok = FALSE;
    }

  sqlite3_finalize (stmt);
  return ok;
}
