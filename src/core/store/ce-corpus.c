/* ce-corpus.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-corpus"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-corpus-private.h"

/* "CEXP": marks the file as a corpus, so a random SQLite file is refused */
#define CE_APPLICATION_ID 0x43455850

/* How long a statement waits for another connection's lock */
#define BUSY_TIMEOUT_MS 5000

G_DEFINE_FINAL_TYPE (CeCorpus, ce_corpus, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

G_DEFINE_QUARK (ce-corpus-error-quark, ce_corpus_error)

void
_ce_corpus_set_sql_error (CeCorpus    *self,
                          GError     **error,
                          const char  *what)
{
  int code = sqlite3_extended_errcode (self->db);

  if (code == SQLITE_INTERRUPT ||
      (self->cancellable != NULL && g_cancellable_is_cancelled (self->cancellable)))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                         _("Operation was cancelled"));
  else if (code == SQLITE_READONLY || (code & 0xff) == SQLITE_READONLY)
    g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_READ_ONLY,
                 _("%s: the corpus “%s” is read-only"), what, self->path);
  else if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
    g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_DAMAGED,
                 _("“%s” is damaged: %s"), self->path, sqlite3_errmsg (self->db));
  else
    g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_SQL,
                 "%s: %s", what, sqlite3_errmsg (self->db));
}

sqlite3 *
_ce_corpus_get_db (CeCorpus *self)
{
  g_return_val_if_fail (CE_IS_CORPUS (self), NULL);
  return self->db;
}

sqlite3_stmt *
_ce_corpus_prepare (CeCorpus    *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not prepare a query"));
      return NULL;
    }

  return stmt;
}

gboolean
_ce_corpus_exec (CeCorpus    *self,
                 const char  *sql,
                 GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not update the corpus"));
      return FALSE;
    }

  return TRUE;
}

void
_ce_corpus_changed (CeCorpus *self)
{
  self->generation++;
  g_signal_emit (self, signals[CHANGED], 0);
}

static int
progress_cb (void *user_data)
{
  CeCorpus *self = user_data;

  return g_cancellable_is_cancelled (self->cancellable);
}

gint64
_ce_corpus_query_int (CeCorpus   *self,
                      const char *sql,
                      gint64      fallback)
{
  sqlite3_stmt *stmt = NULL;
  gint64 ret = fallback;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    ret = sqlite3_column_int64 (stmt, 0);

  sqlite3_finalize (stmt);
  return ret;
}

static gboolean
create_schema (CeCorpus  *self,
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

static gboolean
check_schema (CeCorpus  *self,
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
            (self->schema_version >= 3 && g_strv_contains (known_objects_v3, name))))
        {
          g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_DAMAGED,
                       _("“%s” holds an unexpected %s “%s”; it was not opened"),
                       self->path, type ? type : "object", name ? name : "");
          ok = FALSE;
        }
    }

  sqlite3_finalize (stmt);

  for (guint v = 1; ok && v <= MIN (self->schema_version, 3); v++)
    {
      const char * const *objects = v == 1 ? known_objects
                                  : v == 2 ? known_objects_v2
                                  : known_objects_v3;

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

/* Migrations from version N to N + 1 go here, each in its own
 * transaction; version 1 is the first released schema.  A read-only
 * connection cannot migrate: it reads the file at its own version. */
static gboolean
migrate (CeCorpus  *self,
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

  g_assert (self->schema_version == CE_CORPUS_SCHEMA_VERSION);
  return TRUE;
}

/* Settings that write nothing: safe on a file not yet checked */
static gboolean
configure_connection (CeCorpus  *self,
                      GError   **error)
{
  /* A corpus is untrusted input: no extensions, no writes to the schema
   * through SQL, and no functions with side effects called from it. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_limit (self->db, SQLITE_LIMIT_ATTACHED, 0);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  _ce_corpus_install_guard (self->db);

  if (_ce_corpus_register_tokenizers (self->db) != SQLITE_OK)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not prepare the corpus tokenizers"));
      return FALSE;
    }

  return _ce_corpus_exec (self, "PRAGMA foreign_keys = ON;"
                                "PRAGMA cache_size = -16384;"
                                "PRAGMA temp_store = MEMORY;", error);
}

/* Write-ahead logging, once the file is known to be a sound corpus: the
 * switch writes to the file */
static gboolean
configure_journal (CeCorpus  *self,
                   GError   **error)
{
  if (self->read_only)
    return TRUE;

  return _ce_corpus_exec (self, "PRAGMA journal_mode = WAL;"
                                "PRAGMA synchronous = NORMAL;", error);
}

/* Triggers and views run code on reads and writes: refused before
 * anything is written, whatever the version */
static gboolean
check_no_code (CeCorpus  *self,
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

/* Opens self->path with @flags, as a URI when @immutable (a file on
 * read-only media, where not even the shared-memory file of the
 * write-ahead log can be made) */
static int
open_database (CeCorpus *self,
               int       flags,
               gboolean  immutable)
{
  g_autofree char *absolute = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *name = NULL;

  g_clear_pointer (&self->db, sqlite3_close_v2);

  if (!immutable)
    return sqlite3_open_v2 (self->path, &self->db, flags, NULL);

  absolute = g_canonicalize_filename (self->path, NULL);
  uri = g_filename_to_uri (absolute, NULL, NULL);
  if (uri == NULL)
    return SQLITE_CANTOPEN;
  name = g_strconcat (uri, "?immutable=1", NULL);

  return sqlite3_open_v2 (name, &self->db, flags | SQLITE_OPEN_URI, NULL);
}

/* Whether the last failure came from a file that cannot be written */
static gboolean
failed_as_read_only (CeCorpus *self)
{
  int code = sqlite3_extended_errcode (self->db) & 0xff;

  return code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_PERM;
}

static void
ce_corpus_finalize (GObject *object)
{
  CeCorpus *self = (CeCorpus *)object;

  g_clear_pointer (&self->insert_doc, sqlite3_finalize);
  g_clear_pointer (&self->insert_fts, sqlite3_finalize);
  g_clear_pointer (&self->insert_meta, sqlite3_finalize);
  g_clear_pointer (&self->next_position, sqlite3_finalize);
  g_clear_pointer (&self->find_hash, sqlite3_finalize);
  for (guint i = 0; i < G_N_ELEMENTS (self->duplicate_stmts); i++)
    g_clear_pointer (&self->duplicate_stmts[i], sqlite3_finalize);

  if (self->db != NULL)
    {
      if (sqlite3_get_autocommit (self->db) == 0)
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (ce_corpus_parent_class)->finalize (object);
}

static void
ce_corpus_class_init (CeCorpusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ce_corpus_finalize;

  /**
   * CeCorpus::changed:
   *
   * Emitted after documents were added, removed or changed through
   * this connection.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ce_corpus_init (CeCorpus *self)
{
}

/**
 * ce_corpus_open:
 * @path: the `.corpus` file
 * @flags: whether to create it, or to open it read-only
 * @error: the reason it could not be opened
 *
 * Opens a corpus.  A file that is not a corpus, that was written by a
 * newer version, or whose schema is not what this version expects is
 * refused and left untouched.
 *
 * Returns: (transfer full): the corpus, or %NULL
 */
CeCorpus *
ce_corpus_open (const char         *path,
                CeCorpusOpenFlags   flags,
                GError            **error)
{
  g_autoptr(CeCorpus) self = NULL;
  gboolean exists;
  gint64 app_id;
  gint64 version;
  int open_flags;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  exists = g_file_test (path, G_FILE_TEST_EXISTS);

  if (!exists && !(flags & CE_CORPUS_OPEN_CREATE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("No corpus at “%s”"), path);
      return NULL;
    }

  if (exists && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder, not a corpus"), path);
      return NULL;
    }

  self = g_object_new (CE_TYPE_CORPUS, NULL);
  self->path = g_strdup (path);
  self->read_only = !!(flags & CE_CORPUS_OPEN_READ_ONLY);

  open_flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  if (self->read_only)
    open_flags |= SQLITE_OPEN_READONLY;
  else
    open_flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

  rc = open_database (self, open_flags, FALSE);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not open “%s”: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  /* Reading the header tells a SQLite file from anything else */
  app_id = _ce_corpus_query_int (self, "PRAGMA application_id", -1);

  /* A corpus in write-ahead-log mode cannot even be read where its
   * "-wal" and "-shm" files cannot be made (read-only media or folder):
   * what only reads opens it read-only, then as immutable */
  if (app_id == -1 && exists && failed_as_read_only (self) && !(flags & CE_CORPUS_OPEN_CREATE))
    {
      self->read_only = TRUE;
      open_flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_READONLY;
      if (open_database (self, open_flags, FALSE) == SQLITE_OK)
        app_id = _ce_corpus_query_int (self, "PRAGMA application_id", -1);
      if (app_id == -1 && open_database (self, open_flags, TRUE) == SQLITE_OK)
        app_id = _ce_corpus_query_int (self, "PRAGMA application_id", -1);
    }

  if (app_id == -1 && exists && failed_as_read_only (self))
    {
      g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_READ_ONLY,
                   _("“%s” cannot be written (it or its folder is read-only): %s"),
                   path, sqlite3_errmsg (self->db));
      return NULL;
    }

  if (app_id == -1)
    {
      g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_NOT_A_CORPUS,
                   _("“%s” is not a corpus file: %s"), path, sqlite3_errmsg (self->db));
      return NULL;
    }

  /* A file opened for writing that turns out write-protected is read */
  if (!self->read_only && sqlite3_db_readonly (self->db, "main") == 1)
    {
      if (flags & CE_CORPUS_OPEN_CREATE)
        {
          g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_READ_ONLY,
                       _("“%s” cannot be written (it or its folder is read-only)"), path);
          return NULL;
        }
      self->read_only = TRUE;
    }

  if (app_id == 0 && _ce_corpus_query_int (self, "SELECT count(*) FROM sqlite_schema", -1) == 0)
    {
      if (self->read_only)
        {
          g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_NOT_A_CORPUS,
                       _("“%s” is empty"), path);
          return NULL;
        }

      if (!configure_connection (self, error) || !configure_journal (self, error) ||
          !create_schema (self, error) || !migrate (self, 1, error))
        return NULL;

      return g_steal_pointer (&self);
    }

  if (app_id != CE_APPLICATION_ID)
    {
      g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_NOT_A_CORPUS,
                   _("“%s” is an SQLite database, but not a corpus"), path);
      return NULL;
    }

  version = _ce_corpus_query_int (self, "PRAGMA user_version", 0);
  if (version > CE_CORPUS_SCHEMA_VERSION)
    {
      g_autofree char *found = g_strdup_printf ("%" G_GINT64_FORMAT, version);

      g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_NEWER_VERSION,
                   _("“%s” was written by a newer version of Corpus Explorer "
                     "(corpus format %s, this version reads up to %d); "
                     "it was not changed"),
                   path, found, CE_CORPUS_SCHEMA_VERSION);
      return NULL;
    }

  if (version < 1)
    {
      g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_DAMAGED,
                   _("“%s” has no corpus format version; it was not opened"), path);
      return NULL;
    }

  /* Nothing is written before the file is known to be sound: a refused
   * file stays as it was, journal mode included */
  self->schema_version = version;
  if (!configure_connection (self, error) ||
      !check_no_code (self, error) ||
      (version == CE_CORPUS_SCHEMA_VERSION && !check_schema (self, error)) ||
      !configure_journal (self, error) ||
      !migrate (self, version, error) ||
      !check_schema (self, error) ||
      !_ce_corpus_check_tokenizer (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
ce_corpus_get_path (CeCorpus *self)
{
  g_return_val_if_fail (CE_IS_CORPUS (self), NULL);
  return self->path;
}

/**
 * ce_corpus_dup_name:
 *
 * Returns: the name to show: the file name without `.corpus`
 */
char *
ce_corpus_dup_name (CeCorpus *self)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (CE_IS_CORPUS (self), NULL);

  base = g_path_get_basename (self->path);
  if (g_str_has_suffix (base, CE_CORPUS_SUFFIX) && strlen (base) > strlen (CE_CORPUS_SUFFIX))
    base[strlen (base) - strlen (CE_CORPUS_SUFFIX)] = 0;

  return g_steal_pointer (&base);
}

/**
 * ce_corpus_get_generation:
 *
 * Returns: a number that changes whenever the documents change through
 *   this connection; caches compare it to know they are stale
 */
guint64
ce_corpus_get_generation (CeCorpus *self)
{
  g_return_val_if_fail (CE_IS_CORPUS (self), 0);
  return self->generation;
}

void
ce_corpus_set_cancellable (CeCorpus     *self,
                           GCancellable *cancellable)
{
  g_return_if_fail (CE_IS_CORPUS (self));

  g_set_object (&self->cancellable, cancellable);

  if (cancellable != NULL)
    sqlite3_progress_handler (self->db, 1000, progress_cb, self);
  else
    sqlite3_progress_handler (self->db, 0, NULL, NULL);
}

/* A read-only connection may start a transaction, and only fail at its
 * first write: refused at the start instead */
static gboolean
refuse_read_only (CeCorpus  *self,
                  GError   **error)
{
  if (!self->read_only)
    return FALSE;

  g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_READ_ONLY,
               _("%s: the corpus “%s” is read-only"), _("Could not start writing"), self->path);
  return TRUE;
}

gboolean
ce_corpus_begin (CeCorpus  *self,
                 GError   **error)
{
  g_return_val_if_fail (CE_IS_CORPUS (self), FALSE);
  g_return_val_if_fail (!ce_corpus_in_transaction (self), FALSE);

  if (refuse_read_only (self, error))
    return FALSE;

  if (!_ce_corpus_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  self->position = 0;
  return TRUE;
}

/**
 * ce_corpus_try_begin:
 *
 * Like ce_corpus_begin(), but fails at once with %CE_CORPUS_ERROR_BUSY
 * while another connection writes (another import), so that the caller
 * can say so and wait, or give up.
 */
gboolean
ce_corpus_try_begin (CeCorpus  *self,
                     GError   **error)
{
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (self), FALSE);
  g_return_val_if_fail (!ce_corpus_in_transaction (self), FALSE);

  if (refuse_read_only (self, error))
    return FALSE;

  sqlite3_busy_timeout (self->db, 0);
  rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if ((rc & 0xff) == SQLITE_BUSY)
    {
      g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_BUSY,
                   _("Another import is running into “%s”"), self->path);
      return FALSE;
    }
  if (rc != SQLITE_OK)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not start writing"));
      return FALSE;
    }

  self->position = 0;
  return TRUE;
}

/**
 * ce_corpus_is_read_only:
 *
 * Returns: whether the corpus was opened read-only, asked for or because
 *   the file or its folder cannot be written
 */
gboolean
ce_corpus_is_read_only (CeCorpus *self)
{
  g_return_val_if_fail (CE_IS_CORPUS (self), TRUE);
  return self->read_only;
}

/**
 * ce_corpus_checkpoint:
 *
 * Copies what the write-ahead log holds into the corpus file and empties
 * the log, so that the `.corpus` file alone is complete (copied, mailed,
 * backed up).  Fails when the file cannot take it (a full disk); then the
 * data is still safe in the log beside it.  A reader that keeps the log
 * busy is no failure: the next writer completes the file.
 */
gboolean
ce_corpus_checkpoint (CeCorpus  *self,
                      GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (self), FALSE);

  if (self->read_only)
    return TRUE;

  stmt = _ce_corpus_prepare (self, "PRAGMA wal_checkpoint(TRUNCATE)", error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_SQL,
                   _("The corpus file “%s” could not be completed (%s): keep “%s-wal” "
                     "beside it, it holds the newest documents"),
                   self->path, sqlite3_errmsg (self->db), self->path);
      return FALSE;
    }

  if (sqlite3_column_int (stmt, 0) != 0)
    g_debug ("checkpoint of %s blocked by a reader", self->path);

  return TRUE;
}

/**
 * ce_corpus_check_integrity:
 *
 * Reads every page of the corpus (SQLite's quick check) before anything
 * is added to it: adding to a damaged file could only damage it further.
 *
 * Returns: %FALSE with %CE_CORPUS_ERROR_DAMAGED when the file is damaged
 */
gboolean
ce_corpus_check_integrity (CeCorpus  *self,
                           GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  guint n = 0;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (self), FALSE);

  stmt = _ce_corpus_prepare (self, "PRAGMA quick_check(5)", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *row = (const char *)sqlite3_column_text (stmt, 0);

      if (row != NULL && strcmp (row, "ok") != 0)
        g_string_append_printf (problems, "%s%s", n++ > 0 ? "; " : "", row);
    }

  if (rc != SQLITE_DONE && n == 0)
    g_string_append (problems, sqlite3_errmsg (self->db));

  if (problems->len > 0)
    {
      g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_DAMAGED,
                   _("“%s” is damaged (%s); nothing was added to it. "
                     "Import into a new corpus instead; this one can still be read"),
                   self->path, problems->str);
      return FALSE;
    }

  return TRUE;
}

gboolean
ce_corpus_in_transaction (CeCorpus *self)
{
  g_return_val_if_fail (CE_IS_CORPUS (self), FALSE);
  return sqlite3_get_autocommit (self->db) == 0;
}

gboolean
ce_corpus_commit (CeCorpus  *self,
                  GError   **error)
{
  g_return_val_if_fail (CE_IS_CORPUS (self), FALSE);

  if (!_ce_corpus_exec (self, "COMMIT", error))
    {
      ce_corpus_rollback (self);
      return FALSE;
    }

  _ce_corpus_changed (self);
  return TRUE;
}

void
ce_corpus_rollback (CeCorpus *self)
{
  g_return_if_fail (CE_IS_CORPUS (self));

  if (ce_corpus_in_transaction (self))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);

  self->position = 0;
}

gint64
ce_corpus_add_source (CeCorpus    *self,
                      const char  *path,
                      const char  *format,
                      guint64      size,
                      const char  *checksum,
                      GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *iso = g_date_time_format_iso8601 (now);
  sqlite3_stmt *stmt;
  gint64 id = -1;

  g_return_val_if_fail (CE_IS_CORPUS (self), -1);
  g_return_val_if_fail (path != NULL, -1);
  g_return_val_if_fail (format != NULL, -1);

  stmt = _ce_corpus_prepare (self,
                             "INSERT INTO sources (path, format, size, checksum, imported)"
                             " VALUES (?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, format, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, size);
  sqlite3_bind_text (stmt, 4, checksum, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, iso, -1, SQLITE_STATIC);

  if (sqlite3_step (stmt) == SQLITE_DONE)
    id = sqlite3_last_insert_rowid (self->db);
  else
    _ce_corpus_set_sql_error (self, error, _("Could not record the source"));

  sqlite3_finalize (stmt);
  return id;
}

/* 64 bits of SHA-256 over title and body: compact in the UNIQUE index,
 * and a collision among a million documents is vanishingly rare. */
static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text != NULL && *text != 0)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, column);
}

static gboolean
ensure_insert_statements (CeCorpus  *self,
                          GError   **error)
{
  if (self->insert_doc != NULL)
    return TRUE;

  self->insert_doc =
    _ce_corpus_prepare (self,
                        "INSERT OR IGNORE INTO documents"
                        " (source_id, ordinal, position, title, place, date, author,"
                        "  source, section, url, words, line, offset, hash, body, quoted, body_hash)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        error);
  if (self->insert_doc == NULL)
    return FALSE;

  self->insert_fts =
    _ce_corpus_prepare (self, "INSERT INTO fts (rowid, title, body, quoted) VALUES (?, ?, ?, ?)",
                        error);
  self->insert_meta = self->insert_fts == NULL ? NULL :
    _ce_corpus_prepare (self, "INSERT INTO meta (doc_id, key, value) VALUES (?, ?, ?)", error);
  self->next_position = self->insert_meta == NULL ? NULL :
    _ce_corpus_prepare (self, "SELECT coalesce(max(position), 0) FROM documents", error);

  if (self->next_position == NULL)
    {
      g_clear_pointer (&self->insert_doc, sqlite3_finalize);
      g_clear_pointer (&self->insert_fts, sqlite3_finalize);
      g_clear_pointer (&self->insert_meta, sqlite3_finalize);
      return FALSE;
    }

  return TRUE;
}

static gboolean
hash_is_stored (CeCorpus  *self,
                gint64     hash)
{
  gboolean found;

  if (self->find_hash == NULL)
    self->find_hash = _ce_corpus_prepare (self, "SELECT 1 FROM documents WHERE hash = ?", NULL);
  if (self->find_hash == NULL)
    return FALSE;

  sqlite3_reset (self->find_hash);
  sqlite3_bind_int64 (self->find_hash, 1, hash);
  found = sqlite3_step (self->find_hash) == SQLITE_ROW;
  sqlite3_reset (self->find_hash);

  return found;
}

/**
 * ce_corpus_add_draft:
 * @source_id: from ce_corpus_add_source()
 * @draft: the document
 *
 * Stores one document and indexes it.  Must be called inside
 * ce_corpus_begin() and ce_corpus_commit().  A document whose title and
 * body are already stored is skipped as a duplicate; a copy of a stored
 * body under another title is stored, in the group of its copies.
 */
CeCorpusAddResult
ce_corpus_add_draft (CeCorpus       *self,
                     gint64          source_id,
                     const CeDraft  *draft,
                     GError        **error)
{
  return ce_corpus_add_draft_full (self, source_id, draft, CE_CORPUS_ADD_DEFAULT, NULL, error);
}

/**
 * ce_corpus_add_draft_full:
 * @flags: %CE_CORPUS_ADD_SKIP_COPIES to leave out exact copies
 * @copy_of: (out) (optional): for %CE_CORPUS_COPY, the stored document
 *   with the same body
 *
 * Like ce_corpus_add_draft().  The document's fingerprint (the draft's,
 * or computed here) is stored and the document joins the group of its
 * copies.
 *
 * Returns: %CE_CORPUS_COPY when @flags skip copies and the normalised
 *   body is already stored under another title
 */
CeCorpusAddResult
ce_corpus_add_draft_full (CeCorpus          *self,
                          gint64             source_id,
                          const CeDraft     *draft,
                          CeCorpusAddFlags   flags,
                          gint64            *copy_of,
                          GError           **error)
{
  g_auto(CeIndexedText) indexed = { 0, };
  g_autoptr(CeFingerprint) own_fingerprint = NULL;
  const CeFingerprint *fingerprint;
  const char *title;
  gint64 hash;
  gint64 id;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (self), CE_CORPUS_FAILED);
  g_return_val_if_fail (draft != NULL, CE_CORPUS_FAILED);
  g_return_val_if_fail (draft->body != NULL, CE_CORPUS_FAILED);
  g_return_val_if_fail (ce_corpus_in_transaction (self), CE_CORPUS_FAILED);

  if (copy_of != NULL)
    *copy_of = 0;

  if (!ensure_insert_statements (self, error))
    return CE_CORPUS_FAILED;

  fingerprint = draft->fingerprint;
  if (fingerprint == NULL)
    fingerprint = own_fingerprint = ce_fingerprint_new (draft->body);

  hash = draft->prepared ? draft->hash : ce_text_content_hash (draft->title, draft->body);

  if (flags & CE_CORPUS_ADD_SKIP_COPIES)
    {
      g_autoptr(GError) local_error = NULL;
      gint64 kept = ce_corpus_find_copy (self, fingerprint->body_hash, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return CE_CORPUS_FAILED;
        }

      if (kept > 0)
        {
          /* The very same document is a re-import, not a copy */
          if (hash_is_stored (self, hash))
            return CE_CORPUS_DUPLICATE;
          if (copy_of != NULL)
            *copy_of = kept;
          return CE_CORPUS_COPY;
        }
    }

  if (self->position == 0)
    {
      sqlite3_reset (self->next_position);
      if (sqlite3_step (self->next_position) == SQLITE_ROW)
        self->position = sqlite3_column_double (self->next_position, 0);
      sqlite3_reset (self->next_position);
    }

  title = draft->title != NULL ? draft->title : "";

  if (source_id != self->last_source_id)
    {
      self->last_source_id = source_id;
      self->ordinal = 0;
    }

  sqlite3_reset (self->insert_doc);
  sqlite3_clear_bindings (self->insert_doc);
  if (source_id > 0)
    sqlite3_bind_int64 (self->insert_doc, 1, source_id);
  sqlite3_bind_int (self->insert_doc, 2, self->ordinal++);
  sqlite3_bind_double (self->insert_doc, 3, self->position + 1);
  sqlite3_bind_text (self->insert_doc, 4, title, -1, SQLITE_STATIC);
  bind_text_or_null (self->insert_doc, 5, draft->place);
  bind_text_or_null (self->insert_doc, 6, draft->date);
  bind_text_or_null (self->insert_doc, 7, draft->author);
  bind_text_or_null (self->insert_doc, 8, draft->source);
  bind_text_or_null (self->insert_doc, 9, draft->section);
  bind_text_or_null (self->insert_doc, 10, draft->url);
  sqlite3_bind_int (self->insert_doc, 11,
                    draft->prepared ? draft->words : ce_text_count_words (draft->body, -1));
  sqlite3_bind_int (self->insert_doc, 12, draft->line);
  sqlite3_bind_int64 (self->insert_doc, 13, draft->offset);
  sqlite3_bind_int64 (self->insert_doc, 14, hash);
  sqlite3_bind_text (self->insert_doc, 15, draft->body, -1, SQLITE_STATIC);
  _ce_indexed_text_init (&indexed, draft->body);
  if (indexed.has_quotes)
    sqlite3_bind_int (self->insert_doc, 16, 1);
  sqlite3_bind_int64 (self->insert_doc, 17, fingerprint->body_hash);

  rc = sqlite3_step (self->insert_doc);
  sqlite3_reset (self->insert_doc);
  if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not store a document"));
      return CE_CORPUS_FAILED;
    }

  if (sqlite3_changes (self->db) == 0)
    return CE_CORPUS_DUPLICATE;

  id = sqlite3_last_insert_rowid (self->db);
  self->position += 1;

  sqlite3_reset (self->insert_fts);
  sqlite3_bind_int64 (self->insert_fts, 1, id);
  _ce_indexed_text_bind (&indexed, self->insert_fts, 2, title);
  rc = sqlite3_step (self->insert_fts);
  sqlite3_reset (self->insert_fts);
  if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not index a document"));
      return CE_CORPUS_FAILED;
    }

  for (guint i = 0; draft->meta != NULL && i + 1 < draft->meta->len; i += 2)
    {
      sqlite3_reset (self->insert_meta);
      sqlite3_bind_int64 (self->insert_meta, 1, id);
      sqlite3_bind_text (self->insert_meta, 2, g_ptr_array_index (draft->meta, i), -1, SQLITE_STATIC);
      sqlite3_bind_text (self->insert_meta, 3, g_ptr_array_index (draft->meta, i + 1), -1, SQLITE_STATIC);
      rc = sqlite3_step (self->insert_meta);
      sqlite3_reset (self->insert_meta);
      if (rc != SQLITE_DONE)
        {
          _ce_corpus_set_sql_error (self, error, _("Could not store metadata"));
          return CE_CORPUS_FAILED;
        }
    }

  if (!_ce_corpus_fingerprint_add (self, id, fingerprint, error))
    return CE_CORPUS_FAILED;

  return CE_CORPUS_ADDED;
}
