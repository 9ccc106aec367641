/* ce-corpus.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-corpus"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ce-corpus-private.h"


G_DEFINE_FINAL_TYPE (CeCorpus, ce_corpus, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
  sqlite3_busy_timeout (self->db, _CE_CORPUS_BUSY_TIMEOUT_MS);
  _ce_corpus_install_guard (self->db);

  if (_ce_corpus_register_tokenizers (self->db) != SQLITE_OK)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not prepare the corpus tokenizers"));
      return FALSE;
    }

  /* Read-only connections (the session's pool) keep a small cache: the
   * system's file cache serves them as well, and a window holds up to
   * four of them however large the corpus */
  return _ce_corpus_exec (self, "PRAGMA foreign_keys = ON;"
                                "PRAGMA temp_store = MEMORY;", error) &&
         _ce_corpus_exec (self, self->read_only ? "PRAGMA cache_size = -4096;"
                                                : "PRAGMA cache_size = -16384;", error);
}

/* Write-ahead logging, once the file is known to be a sound corpus: the
 * switch writes to the file */
static gboolean
configure_journal (CeCorpus  *self,
                   GError   **error)
{
  if (self->read_only)
    return TRUE;

  /* A staged file is seen by no one before it is published, whole: a
   * journal in memory is enough to roll back, and nothing is synced
   * until then (ce-corpus-staged.c).  Without a log, a page the cache
   * lets go is written to the file, and again each time it changes
   * after: the two indexes on content hashes take their rows in random
   * order, 4 MB each at 1 GB, 20 MB at 5 GB.  At 1 GB with a fifth of
   * the 16 MB cache (the proportion of 5 GB), they were written 127
   * times over, half the corpus again; with 16 MB, 16 times (5 %).  An
   * 80 MB cache gives 5 GB the proportion of 1 GB with 16 MB. */
  if (self->staged)
    return _ce_corpus_exec (self, "PRAGMA journal_mode = MEMORY;"
                                  "PRAGMA synchronous = OFF;"
                                  "PRAGMA cache_size = -81920;", error);

  return _ce_corpus_exec (self, "PRAGMA journal_mode = WAL;"
                                "PRAGMA synchronous = NORMAL;", error);
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
  self->immutable = immutable;

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

/* Finalizes the statements kept and closes the file, rolling back what
 * was not committed */
void
_ce_corpus_close_connection (CeCorpus *self)
{
  g_clear_pointer (&self->insert_doc, sqlite3_finalize);
  g_clear_pointer (&self->insert_fts, sqlite3_finalize);
  g_clear_pointer (&self->insert_meta, sqlite3_finalize);
  g_clear_pointer (&self->next_position, sqlite3_finalize);
  g_clear_pointer (&self->find_hash, sqlite3_finalize);
  for (guint i = 0; i < G_N_ELEMENTS (self->duplicate_stmts); i++)
    g_clear_pointer (&self->duplicate_stmts[i], sqlite3_finalize);
  _ce_corpus_drop_band_filter (self);

  if (self->db != NULL)
    {
      if (sqlite3_get_autocommit (self->db) == 0)
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
}

static void
ce_corpus_finalize (GObject *object)
{
  CeCorpus *self = (CeCorpus *)object;

  _ce_corpus_close_connection (self);

  /* A staged file never published is dropped: the import failed */
  if (self->staged_target != NULL)
    g_unlink (self->path);
  g_clear_pointer (&self->staged_target, g_free);

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
  self->staged = !!(flags & CE_CORPUS_OPEN_STAGED);

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
          !_ce_corpus_create_schema (self, error) || !_ce_corpus_migrate (self, 1, error))
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
      !_ce_corpus_check_no_code (self, error) ||
      (version == CE_CORPUS_SCHEMA_VERSION && !_ce_corpus_check_schema (self, error)) ||
      !configure_journal (self, error) ||
      !_ce_corpus_migrate (self, version, error) ||
      !_ce_corpus_check_schema (self, error) ||
      !_ce_corpus_check_tokenizer (self, error) ||
      !_ce_corpus_prepare_older_copies (self, error))
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

  base = g_path_get_basename (self->staged_target != NULL ? self->staged_target : self->path);
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

/**
 * ce_corpus_release_memory:
 *
 * Gives back the pages this connection (and its second connection,
 * ce-corpus-second.c) holds in its page cache but does not use now; call it from the thread that uses @self,
 * between statements.  What is kept between searches (filter sets,
 * document frequencies, the vocabulary) stays: it is small and costly to
 * read again.
 *
 * Returns: the bytes given back
 */
gint64
ce_corpus_release_memory (CeCorpus *self)
{
  CeCorpus *helper;
  gint64 before;

  g_return_val_if_fail (CE_IS_CORPUS (self), 0);

  before = sqlite3_memory_used ();
  sqlite3_db_release_memory (self->db);

  helper = _ce_corpus_peek_second (self);
  if (helper != NULL)
    sqlite3_db_release_memory (helper->db);

  return MAX (0, before - sqlite3_memory_used ());
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
  _ce_corpus_drop_band_filter (self);
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
  sqlite3_busy_timeout (self->db, _CE_CORPUS_BUSY_TIMEOUT_MS);

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
  _ce_corpus_drop_band_filter (self);
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
        {
          g_auto(GStrv) lines = g_strsplit (row, "\n", -1);

          /* "*** in database main ***" heads SQLite's report: the pages are what matters */
          for (guint i = 0; lines[i] != NULL; i++)
            if (lines[i][0] != 0 && !g_str_has_prefix (lines[i], "*** "))
              g_string_append_printf (problems, "%s%s", n++ > 0 ? "; " : "", lines[i]);
          if (n == 0)
            g_string_append_printf (problems, "%s%s", n++ > 0 ? "; " : "", row);
        }
    }

  if (rc != SQLITE_DONE && n == 0)
    g_string_append (problems, sqlite3_errmsg (self->db));

  if (problems->len > 0)
    {
      g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_DAMAGED,
                   _("“%s” is damaged (%s); nothing was added to it. "
                     "What it still holds can be copied into a new corpus with "
                     "“corpus-explorer recover”"),
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

  if (!_ce_copies_flush_bands (self, error) ||
      !ce_corpus_merge_index (self, error) ||
      !_ce_corpus_exec (self, "COMMIT", error))
    {
      ce_corpus_rollback (self);
      return FALSE;
    }

  _ce_corpus_drop_band_filter (self);
  _ce_corpus_changed (self);
  return TRUE;
}

void
ce_corpus_rollback (CeCorpus *self)
{
  g_return_if_fail (CE_IS_CORPUS (self));

  if (ce_corpus_in_transaction (self))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);

  self->staged_loading = FALSE;
  self->position = 0;
  _ce_corpus_drop_band_filter (self);
}
