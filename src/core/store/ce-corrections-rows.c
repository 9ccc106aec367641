/* ce-corrections-rows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-corrections"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "ce-corrections-private.h"

/* Documents as rows that the corrections read, rewrite, insert and
 * delete, keeping the full-text index and the corrections table in step,
 * each inside the transaction of one correction. */

void
_ce_corrections_row_free (Row *row)
{
  if (row == NULL)
    return;

  g_free (row->title);
  g_free (row->place);
  g_free (row->date);
  g_free (row->author);
  g_free (row->source);
  g_free (row->section);
  g_free (row->url);
  g_free (row->body);
  g_clear_pointer (&row->meta, g_ptr_array_unref);
  g_free (row);
}

char *
_ce_corrections_dup_column (sqlite3_stmt *stmt,
                            int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text != NULL && *text != 0)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

/* Steps @stmt to its end and finalizes it.  A clash in the UNIQUE hash
 * index means the result would repeat a stored document. */
gboolean
_ce_corrections_run (CeCorpus      *corpus,
                     sqlite3_stmt  *stmt,
                     const char    *what,
                     GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;

  if (rc != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (_ce_corpus_get_db (corpus)) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                     _("%s: the result would repeat a document already in “%s”"),
                     what, ce_corpus_get_path (corpus));
      else
        _ce_corpus_set_sql_error (corpus, error, what);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  sqlite3_finalize (stmt);
  return TRUE;
}

Row *
_ce_corrections_row_load (CeCorpus  *corpus,
                          gint64     id,
                          GError   **error)
{
  g_autoptr(Row) row = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _ce_corpus_prepare (corpus,
                             "SELECT id, source_id, ordinal, position, title, place, date,"
                             "       author, source, section, url, line, offset, body"
                             "  FROM documents WHERE id = ?",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_NOT_FOUND,
                     _("No document %" PRId64 " in “%s”"), id, ce_corpus_get_path (corpus));
      else
        _ce_corpus_set_sql_error (corpus, error, _("Could not read a document"));
      sqlite3_finalize (stmt);
      return NULL;
    }

  row = g_new0 (Row, 1);
  row->id = sqlite3_column_int64 (stmt, 0);
  row->source_id = sqlite3_column_int64 (stmt, 1);
  row->ordinal = sqlite3_column_int64 (stmt, 2);
  row->position = sqlite3_column_double (stmt, 3);
  row->title = _ce_corrections_dup_column (stmt, 4);
  row->place = _ce_corrections_dup_column (stmt, 5);
  row->date = _ce_corrections_dup_column (stmt, 6);
  row->author = _ce_corrections_dup_column (stmt, 7);
  row->source = _ce_corrections_dup_column (stmt, 8);
  row->section = _ce_corrections_dup_column (stmt, 9);
  row->url = _ce_corrections_dup_column (stmt, 10);
  row->line = sqlite3_column_int64 (stmt, 11);
  row->offset = sqlite3_column_int64 (stmt, 12);
  row->body = _ce_corrections_dup_column (stmt, 13);
  sqlite3_finalize (stmt);

  if (row->title == NULL)
    row->title = g_strdup ("");
  if (row->body == NULL)
    row->body = g_strdup ("");

  stmt = _ce_corpus_prepare (corpus, "SELECT key, value FROM meta WHERE doc_id = ? ORDER BY rowid", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  row->meta = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (row->meta, _ce_corrections_dup_column (stmt, 0));
      g_ptr_array_add (row->meta, _ce_corrections_dup_column (stmt, 1));
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (corpus, error, _("Could not read a document"));
      return NULL;
    }

  return g_steal_pointer (&row);
}

/* Gives @row a new title, body and offset, with its word count, hash
 * and index entry to match. */
gboolean
_ce_corrections_row_rewrite (CeCorpus    *corpus,
                             Row         *row,
                             const char  *title,
                             const char  *body,
                             gint64       offset,
                             GError     **error)
{
  g_autofree char *new_title = g_strdup (title);
  g_autofree char *new_body = g_strdup (body);
  sqlite3_stmt *stmt;

  if (!_ce_corpus_fts_change (corpus, TRUE, row->id, row->title, row->body, error))
    return FALSE;

  stmt = _ce_corpus_prepare (corpus,
                             "UPDATE documents SET title = ?, body = ?, words = ?, hash = ?, offset = ?"
                             " WHERE id = ?",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, new_title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, new_body, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, ce_text_count_words (new_body, -1));
  sqlite3_bind_int64 (stmt, 4, ce_text_content_hash (new_title, new_body));
  sqlite3_bind_int64 (stmt, 5, offset);
  sqlite3_bind_int64 (stmt, 6, row->id);
  if (!_ce_corrections_run (corpus, stmt, _("Could not update a document"), error))
    return FALSE;

  if (!_ce_corpus_fts_change (corpus, FALSE, row->id, new_title, new_body, error) ||
      !_ce_corpus_fingerprint_update (corpus, row->id, new_body, TRUE, FALSE, error))
    return FALSE;

  g_free (row->title);
  row->title = g_steal_pointer (&new_title);
  g_free (row->body);
  row->body = g_steal_pointer (&new_body);
  row->offset = offset;

  return TRUE;
}

static gboolean
id_is_free (CeCorpus *corpus,
            gint64    id)
{
  sqlite3_stmt *stmt = _ce_corpus_prepare (corpus, "SELECT 1 FROM documents WHERE id = ?", NULL);
  gboolean free_id;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  free_id = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);

  return free_id;
}

gboolean
_ce_corrections_meta_insert (CeCorpus    *corpus,
                             gint64       doc_id,
                             const char  *key,
                             const char  *value,
                             GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _ce_corpus_prepare (corpus, "INSERT INTO meta (doc_id, key, value) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, doc_id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, value, -1, SQLITE_STATIC);

  return _ce_corrections_run (corpus, stmt, _("Could not store metadata"), error);
}

/* Stores @row as a new document, under its own id when that is free. */
gboolean
_ce_corrections_row_insert (CeCorpus  *corpus,
                            Row       *row,
                            GError   **error)
{
  sqlite3_stmt *stmt;

  stmt = _ce_corpus_prepare (corpus,
                             "INSERT INTO documents"
                             " (id, source_id, ordinal, position, title, place, date, author,"
                             "  source, section, url, words, line, offset, hash, body)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;

  if (row->id > 0 && id_is_free (corpus, row->id))
    sqlite3_bind_int64 (stmt, 1, row->id);
  else
    sqlite3_bind_null (stmt, 1);
  if (row->source_id > 0)
    sqlite3_bind_int64 (stmt, 2, row->source_id);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, row->ordinal);
  sqlite3_bind_double (stmt, 4, row->position);
  sqlite3_bind_text (stmt, 5, row->title, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 6, row->place);
  bind_text_or_null (stmt, 7, row->date);
  bind_text_or_null (stmt, 8, row->author);
  bind_text_or_null (stmt, 9, row->source);
  bind_text_or_null (stmt, 10, row->section);
  bind_text_or_null (stmt, 11, row->url);
  sqlite3_bind_int (stmt, 12, ce_text_count_words (row->body, -1));
  sqlite3_bind_int64 (stmt, 13, row->line);
  sqlite3_bind_int64 (stmt, 14, row->offset);
  sqlite3_bind_int64 (stmt, 15, ce_text_content_hash (row->title, row->body));
  sqlite3_bind_text (stmt, 16, row->body, -1, SQLITE_STATIC);

  if (!_ce_corrections_run (corpus, stmt, _("Could not store a document"), error))
    return FALSE;

  row->id = sqlite3_last_insert_rowid (_ce_corpus_get_db (corpus));

  if (!_ce_corpus_fts_change (corpus, FALSE, row->id, row->title, row->body, error) ||
      !_ce_corpus_fingerprint_update (corpus, row->id, row->body, FALSE, FALSE, error))
    return FALSE;

  for (guint i = 0; row->meta != NULL && i + 1 < row->meta->len; i += 2)
    if (!_ce_corrections_meta_insert (corpus, row->id,
                      g_ptr_array_index (row->meta, i), g_ptr_array_index (row->meta, i + 1),
                      error))
      return FALSE;

  return TRUE;
}

gboolean
_ce_corrections_row_delete (CeCorpus  *corpus,
                            Row       *row,
                            GError   **error)
{
  sqlite3_stmt *stmt;

  if (!_ce_corpus_fingerprint_remove (corpus, row->id, error) ||
      !_ce_corpus_fts_change (corpus, TRUE, row->id, row->title, row->body, error))
    return FALSE;

  stmt = _ce_corpus_prepare (corpus, "DELETE FROM meta WHERE doc_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  if (!_ce_corrections_run (corpus, stmt, _("Could not remove a document"), error))
    return FALSE;

  stmt = _ce_corpus_prepare (corpus, "DELETE FROM documents WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);

  return _ce_corrections_run (corpus, stmt, _("Could not remove a document"), error);
}

/* Opens a transaction, or a savepoint inside the caller's (an import) */
gboolean
_ce_corrections_begin (CeCorpus  *corpus,
                       gboolean  *nested,
                       GError   **error)
{
  *nested = ce_corpus_in_transaction (corpus);

  /* Band rows written inside the savepoint would go with it if it is
   * rolled back: those of the documents before it are written first */
  if (*nested && !_ce_copies_flush_bands (corpus, error))
    return FALSE;

  if (!_ce_corpus_exec (corpus, *nested ? "SAVEPOINT ce_correction" : "BEGIN IMMEDIATE", error))
    return FALSE;

  /* Band keys kept in memory by a regrouping step may miss what another
   * connection wrote since */
  if (!*nested)
    _ce_corpus_drop_band_filter (corpus);
  return TRUE;
}

gboolean
_ce_corrections_finish (CeCorpus  *corpus,
                        gboolean   nested,
                        gboolean   ok,
                        GError   **error)
{
  sqlite3 *db = _ce_corpus_get_db (corpus);

  if (ok && _ce_corpus_exec (corpus, nested ? "RELEASE ce_correction" : "COMMIT", error))
    {
      /* An import announces its changes when it commits */
      if (!nested)
        _ce_corpus_changed (corpus);
      return TRUE;
    }

  if (nested)
    sqlite3_exec (db, "ROLLBACK TO ce_correction; RELEASE ce_correction", NULL, NULL, NULL);
  else if (sqlite3_get_autocommit (db) == 0)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);

  return FALSE;
}

static char *
source_checksum (CeCorpus *corpus,
                 gint64    source_id)
{
  sqlite3_stmt *stmt;
  char *checksum = NULL;

  if (source_id <= 0)
    return NULL;

  stmt = _ce_corpus_prepare (corpus, "SELECT checksum FROM sources WHERE id = ?", NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, source_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    checksum = _ce_corrections_dup_column (stmt, 0);
  sqlite3_finalize (stmt);

  if (checksum != NULL && *checksum == 0)
    g_clear_pointer (&checksum, g_free);

  return checksum;
}

/* How many documents of @source_id start at @offset, not counting @except */
static gint64
count_at_offset (CeCorpus *corpus,
                 gint64    source_id,
                 gint64    offset,
                 gint64    except)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;

  stmt = _ce_corpus_prepare (corpus,
                             "SELECT count(*) FROM documents"
                             " WHERE source_id = ? AND offset = ? AND id != ?",
                             NULL);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, offset);
  sqlite3_bind_int64 (stmt, 3, except);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

/* Records a correction against the file the document came from, when
 * the offset finds that document again unambiguously; returns its id,
 * 0 when there is nothing to record, or -1 on error. */
gint64
_ce_corrections_record (CeCorpus    *corpus,
                        gint64       source_id,
                        const char  *kind,
                        gint64       offset,
                        gint64       doc_id,
                        GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  g_autofree char *checksum = source_checksum (corpus, source_id);
  sqlite3_stmt *stmt;

  if (checksum == NULL || count_at_offset (corpus, source_id, offset, doc_id) != 0)
    return 0;

  stmt = _ce_corpus_prepare (corpus,
                             "INSERT INTO corrections (source_checksum, kind, offset, created)"
                             " VALUES (?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, checksum, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, offset);
  sqlite3_bind_text (stmt, 4, created, -1, SQLITE_STATIC);

  if (!_ce_corrections_run (corpus, stmt, _("Could not record the correction"), error))
    return -1;

  return sqlite3_last_insert_rowid (_ce_corpus_get_db (corpus));
}

gboolean
_ce_corrections_forget_correction (CeCorpus  *corpus,
                                   gint64     id,
                                   GError   **error)
{
  sqlite3_stmt *stmt;

  stmt = _ce_corpus_prepare (corpus, "DELETE FROM corrections WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  return _ce_corrections_run (corpus, stmt, _("Could not update the corrections"), error);
}

/* A position strictly between @position and the next document's */
gboolean
_ce_corrections_position_after (CeCorpus  *corpus,
                                double     position,
                                double    *result,
                                GError   **error)
{
  sqlite3_stmt *stmt;
  double next, middle;
  gboolean last;

  stmt = _ce_corpus_prepare (corpus, "SELECT min(position) FROM documents WHERE position > ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_double (stmt, 1, position);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _ce_corpus_set_sql_error (corpus, error, _("Could not read the corpus order"));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  last = sqlite3_column_type (stmt, 0) == SQLITE_NULL;
  next = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);

  if (last)
    {
      *result = position + 1;
      return TRUE;
    }

  middle = position + (next - position) / 2;
  if (!(middle > position && middle < next))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("No room is left in the corpus order after this document; "
                     "it cannot be split again here"));
      return FALSE;
    }

  *result = middle;
  return TRUE;
}

gint64
_ce_corrections_previous_id (CeCorpus *corpus,
                             double    position,
                             gint64    source_id)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  stmt = _ce_corpus_prepare (corpus,
                             source_id > 0
                             ? "SELECT id FROM documents WHERE position < ? AND source_id = ?"
                               " ORDER BY position DESC LIMIT 1"
                             : "SELECT id FROM documents WHERE position < ?"
                               " ORDER BY position DESC LIMIT 1",
                             NULL);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_double (stmt, 1, position);
  if (source_id > 0)
    sqlite3_bind_int64 (stmt, 2, source_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return id;
}

gboolean
_ce_corrections_hash_exists (CeCorpus *corpus,
                             gint64    hash,
                             gint64    except_a,
                             gint64    except_b)
{
  sqlite3_stmt *stmt;
  gboolean exists = FALSE;

  stmt = _ce_corpus_prepare (corpus, "SELECT 1 FROM documents WHERE hash = ? AND id != ? AND id != ?", NULL);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, hash);
  sqlite3_bind_int64 (stmt, 2, except_a);
  sqlite3_bind_int64 (stmt, 3, except_b);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);

  return exists;
}
