/* ce-corpus-recover.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Recovering what can still be read of a damaged corpus into a new one.
 *
 * The damaged file is opened read-only (immutable when no write-ahead
 * log lies beside it: not even a lock is taken), so it stays exactly as
 * it was.  Each table is read in id order; a read that fails on a damaged
 * page is started again after the damage: the first id past it is found
 * by seeking further and further ahead, then back by halves, so only the
 * rows on unreadable pages are lost.  A document is kept only when its
 * title and body still give the hash stored beside them, so a body whose
 * overflow pages were overwritten is lost rather than copied wrong.
 *
 * The new corpus is made like any other, with the tokenizer and settings
 * of the damaged one, and filled in one transaction: documents with their
 * ids and places in corpus order, their index, metadata and fingerprints
 * (computed again), sources, topics and corrections.  The ids the damaged
 * corpus held (its documents, its index and its fingerprints all list
 * them) that were not copied are reported as lost.
 */

#define G_LOG_DOMAIN "ce-corpus"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ce-corpus-duplicates-private.h"
#include "ce-corpus-private.h"
#include "ce-corpus-recover.h"

typedef struct
{
  sqlite3      *db;          /* the damaged corpus, read-only */
  const char   *path;
  CeCorpus     *target;
  CeRecovery   *recovery;
  GCancellable *cancellable;
  GHashTable   *sources;     /* ids of the sources copied */
  GHashTable   *expected;    /* ids of every document the damaged corpus names */
  GTree        *doc_sources; /* id of each document copied -> its source id (0: none) */
  sqlite3_stmt *insert_doc;
  sqlite3_stmt *insert_fts;
  sqlite3_stmt *insert_meta;
  sqlite3_stmt *insert_row;  /* of the table being copied */
  char         *tokenizer;
  char         *threshold;
  char         *count_quoted;
} Recover;

typedef gboolean (*RowFunc) (Recover       *self,
                             sqlite3_stmt  *row,
                             GError       **error);

void
ce_recovery_free (CeRecovery *recovery)
{
  if (recovery == NULL)
    return;

  g_clear_pointer (&recovery->lost_documents, g_array_unref);
  g_clear_pointer (&recovery->gaps, g_ptr_array_unref);
  g_clear_pointer (&recovery->lost_from, g_ptr_array_unref);
  g_free (recovery);
}

static gint64 *
id_new (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static gboolean
cancelled (Recover  *self,
           GError  **error)
{
  return g_cancellable_set_error_if_cancelled (self->cancellable, error);
}

/* Whether @rc, the result of a step, is the damage of the file rather
 * than a failure of ours */
static gboolean
is_damage (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_INTERRUPT:
    case SQLITE_NOMEM:
    case SQLITE_MISUSE:
      return FALSE;
    default:
      return TRUE;
    }
}

static void
set_read_error (Recover  *self,
                int       rc,
                GError  **error)
{
  if ((rc & 0xff) == SQLITE_INTERRUPT || g_cancellable_is_cancelled (self->cancellable))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Operation was cancelled"));
  else
    g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_SQL,
                 _("Could not read “%s”: %s"), self->path, sqlite3_errstr (rc));
}

/* Whether the first row with an id above @after can be read whole (or
 * there is none): the read can go on from there */
static gboolean
readable_after (sqlite3_stmt *stmt,
                gint64        after)
{
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, after);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* The smallest id from which the read can go on past the damage that
 * stopped it after @after; FALSE when nothing further can be read */
static gboolean
skip_damage (sqlite3_stmt *stmt,
             gint64        after,
             gint64       *resume)
{
  gint64 failed = after;
  gint64 good = 0;
  gboolean found = FALSE;

  for (guint64 step = 1; !found && failed < G_MAXINT64; step *= 2)
    {
      gint64 x = (guint64)G_MAXINT64 - (guint64)after > step ? (gint64)(after + step) : G_MAXINT64;

      if (readable_after (stmt, x))
        {
          good = x;
          found = TRUE;
        }
      else
        failed = x;
    }

  if (!found)
    return FALSE;

  while (good - failed > 1)
    {
      gint64 mid = failed + (good - failed) / 2;

      if (readable_after (stmt, mid))
        good = mid;
      else
        failed = mid;
    }

  *resume = good;
  return TRUE;
}

static void
add_gap (Recover    *self,
         const char *table,
         gint64      after,
         gint64      upto)
{
  CeRecoveryGap *gap;

  if (self->recovery == NULL)
    return;

  gap = g_new0 (CeRecoveryGap, 1);
  gap->table = table;
  gap->after = after;
  gap->upto = upto;
  g_ptr_array_add (self->recovery->gaps, gap);
}

/* Up to this many ids of a damaged stretch are looked up one by one */
#define MAX_LOOKUPS 100000

/* Looks up the rows with ids in (@after, @upto] one by one: a seek past
 * an id lands on the page that would hold it, so a row just after a
 * damaged page is out of reach of the read in order but not of a look-up
 * by its own id.  The ids whose look-up fails are reported as gaps. */
static gboolean
look_up_stretch (Recover       *self,
                 const char    *table,
                 sqlite3_stmt  *lookup,
                 gboolean       report,
                 RowFunc        func,
                 gint64         after,
                 gint64         upto,
                 GError       **error)
{
  gint64 failed_from = 0;
  gboolean failing = FALSE;

  if (upto == G_MAXINT64 || upto - after > MAX_LOOKUPS)
    {
      if (report)
        add_gap (self, table, after, upto);
      return TRUE;
    }

  for (gint64 id = after + 1; id <= upto; id++)
    {
      int rc;

      if (cancelled (self, error))
        return FALSE;

      sqlite3_reset (lookup);
      sqlite3_bind_int64 (lookup, 1, id);
      rc = sqlite3_step (lookup);
      if (rc == SQLITE_ROW && !func (self, lookup, error))
        return FALSE;
      sqlite3_reset (lookup);

      if (rc != SQLITE_ROW && rc != SQLITE_DONE && !is_damage (rc))
        {
          set_read_error (self, rc, error);
          return FALSE;
        }

      if (rc != SQLITE_ROW && rc != SQLITE_DONE && !failing)
        {
          failing = TRUE;
          failed_from = id - 1;
        }
      else if ((rc == SQLITE_ROW || rc == SQLITE_DONE) && failing)
        {
          failing = FALSE;
          if (report)
            add_gap (self, table, failed_from, id - 1);
        }
    }

  if (failing && report)
    add_gap (self, table, failed_from, upto);

  return TRUE;
}

/* Calls @func on every row of @table that can be read, in id order:
 * column 0 the id, then @columns.  Damaged stretches are skipped and,
 * when @report, listed as gaps. */
static gboolean
scan_table (Recover     *self,
            const char  *table,
            const char  *columns,
            gboolean     report,
            RowFunc      func,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) lookup = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *lookup_sql = NULL;
  gint64 after = G_MININT64;
  int rc;

  sql = g_strdup_printf ("SELECT rowid, %s FROM \"%s\" WHERE rowid > ?1 ORDER BY rowid", columns, table);
  lookup_sql = g_strdup_printf ("SELECT rowid, %s FROM \"%s\" WHERE rowid = ?1", columns, table);
  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (self->db, lookup_sql, -1, &lookup, NULL);
  if (rc != SQLITE_OK)
    {
      /* The pages that describe the table are gone, or it is not there */
      if (report && is_damage (rc))
        add_gap (self, table, G_MININT64, G_MAXINT64);
      return is_damage (rc) ? TRUE : (set_read_error (self, rc, error), FALSE);
    }

  for (;;)
    {
      gint64 resume;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, after);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          after = sqlite3_column_int64 (stmt, 0);
          if (cancelled (self, error) || !func (self, stmt, error))
            return FALSE;
        }

      if (rc == SQLITE_DONE)
        return TRUE;

      if (!is_damage (rc))
        {
          set_read_error (self, rc, error);
          return FALSE;
        }

      if (!skip_damage (stmt, after, &resume))
        resume = G_MAXINT64;

      g_debug ("%s: %s unreadable in order after %" G_GINT64_FORMAT " up to %" G_GINT64_FORMAT,
               self->path, table, after, resume);
      if (!look_up_stretch (self, table, lookup, report, func, after, resume, error))
        return FALSE;
      if (resume == G_MAXINT64)
        return TRUE;
      after = resume;
    }
}

static gboolean
table_exists (Recover    *self,
              const char *name)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* Text of column @i that is valid UTF-8 without a NUL, or NULL */
static const char *
column_text (sqlite3_stmt *stmt,
             int           i,
             gboolean     *valid)
{
  const char *text;
  int len;

  if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
    return NULL;

  text = (const char *)sqlite3_column_text (stmt, i);
  len = sqlite3_column_bytes (stmt, i);
  if (text == NULL || !g_utf8_validate (text, len, NULL))
    {
      *valid = FALSE;
      return NULL;
    }

  return text;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           i,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, i);
}

static gboolean
step_insert (Recover       *self,
             sqlite3_stmt  *stmt,
             const char    *what,
             GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (self->target, error, what);
      return FALSE;
    }

  return TRUE;
}

static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* Properties: the settings the new corpus takes over */
static gboolean
property_row (Recover       *self,
              sqlite3_stmt  *row,
              GError       **error)
{
  gboolean valid = TRUE;
  const char *key = column_text (row, 1, &valid);
  const char *value = column_text (row, 2, &valid);

  if (!valid || key == NULL || value == NULL)
    return TRUE;

  if (g_str_equal (key, "tokenizer"))
    set_string (&self->tokenizer, value);
  else if (g_str_equal (key, THRESHOLD_KEY))
    set_string (&self->threshold, value);
  else if (g_str_equal (key, "count-quoted"))
    set_string (&self->count_quoted, value);

  return TRUE;
}

static gboolean
source_row (Recover       *self,
            sqlite3_stmt  *row,
            GError       **error)
{
  gboolean valid = TRUE;
  gint64 id = sqlite3_column_int64 (row, 0);
  const char *path = column_text (row, 1, &valid);
  const char *format = column_text (row, 2, &valid);
  const char *checksum = column_text (row, 4, &valid);
  const char *imported = column_text (row, 5, &valid);

  if (!valid || path == NULL || format == NULL || imported == NULL)
    return TRUE;

  sqlite3_bind_int64 (self->insert_row, 1, id);
  bind_text (self->insert_row, 2, path);
  bind_text (self->insert_row, 3, format);
  sqlite3_bind_int64 (self->insert_row, 4, sqlite3_column_int64 (row, 3));
  bind_text (self->insert_row, 5, checksum);
  bind_text (self->insert_row, 6, imported);
  if (!step_insert (self, self->insert_row, _("Could not record the source"), error))
    return FALSE;

  if (sqlite3_changes (_ce_corpus_get_db (self->target)) > 0)
    {
      g_hash_table_add (self->sources, id_new (id));
      self->recovery->sources++;
    }

  return TRUE;
}

/* Documents: (id,) source_id, ordinal, position, title, place, date,
 * author, source, section, url, line, offset, hash, body */
#define DOCUMENT_COLUMNS "source_id, ordinal, position, title, place, date, author, " \
                         "source, section, url, line, offset, hash, body"

static gboolean
document_row (Recover       *self,
              sqlite3_stmt  *row,
              GError       **error)
{
  g_auto(CeIndexedText) indexed = { 0, };
  g_autoptr(CeFingerprint) fingerprint = NULL;
  gboolean valid = TRUE;
  gint64 id = sqlite3_column_int64 (row, 0);
  gint64 source_id = sqlite3_column_int64 (row, 1);
  const char *fields[6];
  const char *title = column_text (row, 4, &valid);
  const char *body = column_text (row, 14, &valid);
  gint64 hash = sqlite3_column_int64 (row, 13);
  sqlite3_stmt *stmt = self->insert_doc;

  g_hash_table_add (self->expected, id_new (id));

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    fields[i] = column_text (row, 5 + i, &valid);

  /* What the hash no longer vouches for is lost, not copied wrong */
  if (!valid || title == NULL || body == NULL || ce_text_content_hash (title, body) != hash)
    return TRUE;

  fingerprint = ce_fingerprint_new (body);
  _ce_indexed_text_init (&indexed, body);

  sqlite3_bind_int64 (stmt, 1, id);
  if (g_hash_table_contains (self->sources, &source_id))
    sqlite3_bind_int64 (stmt, 2, source_id);
  else
    source_id = 0;
  sqlite3_bind_int64 (stmt, 3, sqlite3_column_int64 (row, 2));
  sqlite3_bind_double (stmt, 4, sqlite3_column_double (row, 3));
  bind_text (stmt, 5, title);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    bind_text (stmt, 6 + i, fields[i]);
  sqlite3_bind_int (stmt, 12, ce_text_count_words (body, -1));
  sqlite3_bind_int64 (stmt, 13, sqlite3_column_int64 (row, 11));
  sqlite3_bind_int64 (stmt, 14, sqlite3_column_int64 (row, 12));
  sqlite3_bind_int64 (stmt, 15, hash);
  bind_text (stmt, 16, body);
  if (indexed.has_quotes)
    sqlite3_bind_int (stmt, 17, 1);
  sqlite3_bind_int64 (stmt, 18, fingerprint->body_hash);
  if (!step_insert (self, stmt, _("Could not store a document"), error))
    return FALSE;

  /* A second row with the same hash is left out (it cannot be: the
   * damaged file's index forbade it) */
  if (sqlite3_changes (_ce_corpus_get_db (self->target)) == 0)
    return TRUE;

  sqlite3_bind_int64 (self->insert_fts, 1, id);
  _ce_indexed_text_bind (&indexed, self->insert_fts, 2, title);
  if (!step_insert (self, self->insert_fts, _("Could not index a document"), error) ||
      !_ce_corpus_fingerprint_add (self->target, id, fingerprint, TRUE, error))
    return FALSE;

  g_tree_insert (self->doc_sources, id_new (id), GINT_TO_POINTER ((int)MIN (source_id, G_MAXINT)));
  self->recovery->documents++;
  return TRUE;
}

/* fts_docsize and fingerprints name every document by its id */
static gboolean
expected_row (Recover       *self,
              sqlite3_stmt  *row,
              GError       **error)
{
  g_hash_table_add (self->expected, id_new (sqlite3_column_int64 (row, 0)));
  return TRUE;
}

static gboolean
meta_row (Recover       *self,
          sqlite3_stmt  *row,
          GError       **error)
{
  gboolean valid = TRUE;
  gint64 doc_id = sqlite3_column_int64 (row, 1);
  const char *key = column_text (row, 2, &valid);
  const char *value = column_text (row, 3, &valid);

  if (!valid || key == NULL || value == NULL || g_tree_lookup_node (self->doc_sources, &doc_id) == NULL)
    return TRUE;

  sqlite3_bind_int64 (self->insert_meta, 1, doc_id);
  bind_text (self->insert_meta, 2, key);
  bind_text (self->insert_meta, 3, value);
  if (!step_insert (self, self->insert_meta, _("Could not store metadata"), error))
    return FALSE;

  self->recovery->meta++;
  return TRUE;
}

static gboolean
topic_row (Recover       *self,
           sqlite3_stmt  *row,
           GError       **error)
{
  gboolean valid = TRUE;
  const char *name = column_text (row, 1, &valid);
  const char *color = column_text (row, 2, &valid);
  const char *terms = column_text (row, 3, &valid);

  if (!valid || name == NULL || color == NULL || terms == NULL)
    return TRUE;

  sqlite3_bind_int64 (self->insert_row, 1, sqlite3_column_int64 (row, 0));
  bind_text (self->insert_row, 2, name);
  bind_text (self->insert_row, 3, color);
  bind_text (self->insert_row, 4, terms);
  sqlite3_bind_int64 (self->insert_row, 5, sqlite3_column_int64 (row, 4));
  sqlite3_bind_int (self->insert_row, 6, sqlite3_column_int (row, 5) != 0);
  if (!step_insert (self, self->insert_row, _("Could not store a topic"), error))
    return FALSE;

  self->recovery->topics += sqlite3_changes (_ce_corpus_get_db (self->target));
  return TRUE;
}

static gboolean
correction_row (Recover       *self,
                sqlite3_stmt  *row,
                GError       **error)
{
  gboolean valid = TRUE;
  const char *checksum = column_text (row, 1, &valid);
  const char *kind = column_text (row, 2, &valid);
  const char *created = column_text (row, 4, &valid);

  if (!valid || checksum == NULL || kind == NULL || created == NULL)
    return TRUE;

  sqlite3_bind_int64 (self->insert_row, 1, sqlite3_column_int64 (row, 0));
  bind_text (self->insert_row, 2, checksum);
  bind_text (self->insert_row, 3, kind);
  sqlite3_bind_int64 (self->insert_row, 4, sqlite3_column_int64 (row, 3));
  bind_text (self->insert_row, 5, created);
  if (!step_insert (self, self->insert_row, _("Could not store a correction"), error))
    return FALSE;

  self->recovery->corrections += sqlite3_changes (_ce_corpus_get_db (self->target));
  return TRUE;
}

/* Copies @table with @insert (its columns as @columns are read) */
static gboolean
copy_table (Recover     *self,
            const char  *table,
            const char  *columns,
            const char  *insert,
            RowFunc      func,
            GError     **error)
{
  gboolean ok;

  self->insert_row = _ce_corpus_prepare (self->target, insert, error);
  if (self->insert_row == NULL)
    return FALSE;

  ok = scan_table (self, table, columns, TRUE, func, error);
  g_clear_pointer (&self->insert_row, sqlite3_finalize);
  return ok;
}

/* Opens the damaged file so that nothing, not even a lock or a
 * shared-memory file, is written: immutable, unless a write-ahead log
 * beside it holds documents, which only a read-only connection reads */
static sqlite3 *
open_damaged (const char  *path,
              GError     **error)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *uri = g_filename_to_uri (absolute, NULL, NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;
  sqlite3 *db = NULL;
  gint64 app_id = -1;
  gint64 version = 0;

  for (guint attempt = 0; attempt < 2 && app_id == -1; attempt++)
    {
      gboolean immutable = attempt == 1 || g_stat (wal, &st) != 0 || st.st_size == 0;
      g_autofree char *name = g_strconcat (uri, immutable ? "?immutable=1" : "?mode=ro", NULL);
      sqlite3_stmt *stmt = NULL;

      g_clear_pointer (&db, sqlite3_close_v2);
      if (sqlite3_open_v2 (name, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
                           SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, NULL) != SQLITE_OK)
        continue;

      sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
      sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
      sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
      sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
      sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
      sqlite3_limit (db, SQLITE_LIMIT_ATTACHED, 0);
      _ce_corpus_install_guard (db);
      _ce_corpus_register_tokenizers (db);

      if (sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &stmt, NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW)
        app_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      if (immutable)
        break;
    }

  if (db == NULL || app_id == -1)
    {
      g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_NOT_A_CORPUS,
                   _("“%s” cannot be recovered: its first page, which says what the file is, "
                     "cannot be read (%s)"),
                   path, db != NULL ? sqlite3_errmsg (db) : _("not opened"));
      g_clear_pointer (&db, sqlite3_close_v2);
      return NULL;
    }

  if (app_id != CE_APPLICATION_ID)
    {
      g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_NOT_A_CORPUS,
                   _("“%s” is not a corpus file"), path);
      sqlite3_close_v2 (db);
      return NULL;
    }

  {
    sqlite3_stmt *stmt = NULL;

    if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step (stmt) == SQLITE_ROW)
      version = sqlite3_column_int64 (stmt, 0);
    sqlite3_finalize (stmt);
  }

  if (version > CE_CORPUS_SCHEMA_VERSION)
    {
      g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_NEWER_VERSION,
                   _("“%s” was written by a newer version of Corpus Explorer; "
                     "recover it with that version"), path);
      sqlite3_close_v2 (db);
      return NULL;
    }

  return db;
}

/* The tokenizer the damaged corpus names, for the new one */
static gboolean
take_tokenizer (Recover  *self,
                GError  **error)
{
  CeTokenizer tokenizer = CE_TOKENIZER_DEFAULT;
  CeDiacritics diacritics = CE_DIACRITICS_REMOVE;

  if (self->tokenizer != NULL && g_str_has_prefix (self->tokenizer, "ce_cjk "))
    tokenizer = CE_TOKENIZER_CJK;
  if (self->tokenizer != NULL && strstr (self->tokenizer, " remove_diacritics 0") != NULL)
    diacritics = CE_DIACRITICS_KEEP;

  if (tokenizer == CE_TOKENIZER_DEFAULT && diacritics == CE_DIACRITICS_REMOVE)
    return TRUE;

  return ce_corpus_set_tokenizer_full (self->target, tokenizer, diacritics, error);
}

static gboolean
take_settings (Recover  *self,
               GError  **error)
{
  if (self->threshold != NULL)
    {
      double threshold = g_ascii_strtod (self->threshold, NULL);

      if (threshold >= CE_FINGERPRINT_MIN_THRESHOLD && threshold <= 1.0 &&
          !ce_corpus_set_duplicate_threshold (self->target, threshold, error))
        return FALSE;
    }

  if (self->count_quoted != NULL &&
      !ce_corpus_set_count_quoted (self->target, g_str_equal (self->count_quoted, "1"), error))
    return FALSE;

  return TRUE;
}

static gboolean
prepare_inserts (Recover  *self,
                 GError  **error)
{
  self->insert_doc =
    _ce_corpus_prepare (self->target,
                        "INSERT OR IGNORE INTO documents"
                        " (id, source_id, ordinal, position, title, place, date, author, source,"
                        "  section, url, words, line, offset, hash, body, quoted, body_hash)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        error);
  if (self->insert_doc != NULL)
    self->insert_fts =
      _ce_corpus_prepare (self->target,
                          "INSERT INTO fts (rowid, title, body, quoted) VALUES (?, ?, ?, ?)", error);
  if (self->insert_fts != NULL)
    self->insert_meta =
      _ce_corpus_prepare (self->target, "INSERT INTO meta (doc_id, key, value) VALUES (?, ?, ?)", error);

  return self->insert_meta != NULL;
}

static gboolean
copy_all (Recover  *self,
          GError  **error)
{
  if (!scan_table (self, "properties", "key, value", TRUE, property_row, error) ||
      !take_tokenizer (self, error) ||
      !prepare_inserts (self, error) ||
      !ce_corpus_begin (self->target, error) ||
      !take_settings (self, error) ||
      !copy_table (self, "sources", "path, format, size, checksum, imported",
                   "INSERT OR IGNORE INTO sources (id, path, format, size, checksum, imported)"
                   " VALUES (?, ?, ?, ?, ?, ?)", source_row, error) ||
      !scan_table (self, "documents", DOCUMENT_COLUMNS, TRUE, document_row, error) ||
      !scan_table (self, "fts_docsize", "id", FALSE, expected_row, error) ||
      (table_exists (self, "fingerprints") &&
       !scan_table (self, "fingerprints", "doc_id", FALSE, expected_row, error)) ||
      !scan_table (self, "meta", "doc_id, key, value", TRUE, meta_row, error) ||
      !copy_table (self, "topics", "name, color, terms, position, enabled",
                   "INSERT OR IGNORE INTO topics (id, name, color, terms, position, enabled)"
                   " VALUES (?, ?, ?, ?, ?, ?)", topic_row, error) ||
      !copy_table (self, "corrections", "source_checksum, kind, offset, created",
                   "INSERT OR IGNORE INTO corrections (id, source_checksum, kind, offset, created)"
                   " VALUES (?, ?, ?, ?, ?)", correction_row, error))
    return FALSE;

  return ce_corpus_commit (self->target, error) && ce_corpus_checkpoint (self->target, error);
}

/* The new corpus passes SQLite's integrity check and its index agrees
 * with its documents */
static gboolean
check_new (Recover  *self,
           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = _ce_corpus_prepare (self->target, "PRAGMA integrity_check(1)", error);

  if (stmt == NULL)
    return FALSE;

  if (sqlite3_step (stmt) != SQLITE_ROW ||
      g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "ok") != 0 ||
      !_ce_corpus_exec (self->target, "INSERT INTO fts (fts, rank) VALUES ('integrity-check', 1)", NULL))
    {
      g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_DAMAGED,
                   _("The recovered corpus “%s” failed its own check; it was removed"),
                   ce_corpus_get_path (self->target));
      return FALSE;
    }

  return TRUE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  gint64 x = *(const gint64 *)a;
  gint64 y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

static int
compare_id_values (gconstpointer a,
                   gconstpointer b)
{
  return compare_ids (a, b, NULL);
}

static void
add_source_path (Recover    *self,
                 GHashTable *seen,
                 gint64      source_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (source_id <= 0 || !g_hash_table_add (seen, id_new (source_id)))
    return;

  stmt = _ce_corpus_prepare (self->target, "SELECT path FROM sources WHERE id = ?", NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, source_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (self->recovery->lost_from,
                     g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
}

/* The lost documents, and the files they came from: the sources of the
 * documents copied just before and just after each of them */
static void
list_lost (Recover *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->expected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_tree_lookup_node (self->doc_sources, key) == NULL)
      g_array_append_val (self->recovery->lost_documents, *(gint64 *)key);
  g_array_sort (self->recovery->lost_documents, compare_id_values);

  for (guint i = 0; i < self->recovery->lost_documents->len; i++)
    {
      gint64 id = g_array_index (self->recovery->lost_documents, gint64, i);
      GTreeNode *before = g_tree_lower_bound (self->doc_sources, &id);
      GTreeNode *after = before;

      before = before != NULL ? g_tree_node_previous (before) : g_tree_node_last (self->doc_sources);
      if (before != NULL)
        add_source_path (self, seen, GPOINTER_TO_INT (g_tree_node_value (before)));
      if (after != NULL)
        add_source_path (self, seen, GPOINTER_TO_INT (g_tree_node_value (after)));
    }
}

static void
remove_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

/**
 * ce_corpus_recover:
 * @damaged_path: a corpus, possibly with damaged pages; never written
 * @new_path: where the new corpus goes; must not exist
 *
 * Copies what can be read of @damaged_path into a new corpus: documents
 * whose text is whole (with their ids, order, metadata and index),
 * sources, topics, corrections and settings.  On failure nothing is left
 * at @new_path.
 *
 * Returns: (transfer full): what was copied and what was lost, or %NULL
 */
CeRecovery *
ce_corpus_recover (const char    *damaged_path,
                   const char    *new_path,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(CeRecovery) recovery = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *damaged_abs = NULL;
  g_autofree char *new_abs = NULL;
  Recover self = { 0 };
  gboolean ok;

  g_return_val_if_fail (damaged_path != NULL, NULL);
  g_return_val_if_fail (new_path != NULL, NULL);

  if (!g_file_test (damaged_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No corpus at “%s”"), damaged_path);
      return NULL;
    }

  damaged_abs = g_canonicalize_filename (damaged_path, NULL);
  new_abs = g_canonicalize_filename (new_path, NULL);
  if (g_str_equal (damaged_abs, new_abs) || g_file_test (new_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” already exists; the recovered corpus goes into a new file"), new_path);
      return NULL;
    }

  self.path = damaged_path;
  self.cancellable = cancellable;
  self.db = open_damaged (damaged_path, error);
  if (self.db == NULL)
    return NULL;

  recovery = g_new0 (CeRecovery, 1);
  recovery->lost_documents = g_array_new (FALSE, FALSE, sizeof (gint64));
  recovery->gaps = g_ptr_array_new_with_free_func (g_free);
  recovery->lost_from = g_ptr_array_new_with_free_func (g_free);
  self.recovery = recovery;
  self.sources = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self.expected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self.doc_sources = g_tree_new_full (compare_ids, NULL, g_free, NULL);

  self.target = ce_corpus_open (new_path, CE_CORPUS_OPEN_CREATE, &local_error);
  ok = self.target != NULL;
  if (ok)
    {
      ce_corpus_set_cancellable (self.target, cancellable);
      ok = copy_all (&self, &local_error) && check_new (&self, &local_error);
      if (ok)
        list_lost (&self);
      else if (ce_corpus_in_transaction (self.target))
        ce_corpus_rollback (self.target);
    }

  g_clear_pointer (&self.insert_doc, sqlite3_finalize);
  g_clear_pointer (&self.insert_fts, sqlite3_finalize);
  g_clear_pointer (&self.insert_meta, sqlite3_finalize);
  g_clear_object (&self.target);
  sqlite3_close_v2 (self.db);
  g_hash_table_unref (self.sources);
  g_hash_table_unref (self.expected);
  g_tree_unref (self.doc_sources);
  g_free (self.tokenizer);
  g_free (self.threshold);
  g_free (self.count_quoted);

  if (!ok)
    {
      /* It did not exist before: whatever is there was made here */
      remove_files (new_path);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&recovery);
}
