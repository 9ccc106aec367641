/* ce-corpus-duplicates-regroup.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-corpus"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-corpus-duplicates-private.h"

/**
 * ce_corpus_get_duplicate_threshold:
 *
 * Returns: the similarity from which two documents are copies of one
 *   story in this corpus
 */
double
ce_corpus_get_duplicate_threshold (CeCorpus *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  double threshold = CE_FINGERPRINT_DEFAULT_THRESHOLD;

  g_return_val_if_fail (CE_IS_CORPUS (self), threshold);

  if (self->duplicate_threshold > 0)
    return self->duplicate_threshold;

  stmt = _ce_corpus_prepare (self, "SELECT value FROM properties WHERE key = '" THRESHOLD_KEY "'", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *text = (const char *)sqlite3_column_text (stmt, 0);
      double value = text != NULL ? g_ascii_strtod (text, NULL) : 0;

      /* An untrusted file may hold anything here */
      if (value >= CE_FINGERPRINT_MIN_THRESHOLD && value <= 1.0)
        threshold = value;
    }

  self->duplicate_threshold = threshold;
  return threshold;
}

static gboolean
regroup_all (CeCorpus  *self,
             GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  double threshold = ce_corpus_get_duplicate_threshold (self);
  int rc;

  if (!_ce_corpus_exec (self, "DELETE FROM copies", error))
    return FALSE;

  stmt = _ce_corpus_prepare (self, "SELECT doc_id FROM fingerprints ORDER BY doc_id", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(Member) member = _ce_copies_load_member (self, sqlite3_column_int64 (stmt, 0), error);

      if (member == NULL || !_ce_copies_group_member (self, member, threshold, error))
        return FALSE;
    }

  if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not read copies"));
      return FALSE;
    }

  return TRUE;
}

/**
 * ce_corpus_set_duplicate_threshold:
 * @threshold: between %CE_FINGERPRINT_MIN_THRESHOLD and 1
 *
 * Keeps @threshold as the corpus setting and, when it changed, groups
 * the documents again (in the caller's transaction, or in one of its
 * own).
 */
gboolean
ce_corpus_set_duplicate_threshold (CeCorpus  *self,
                                   double     threshold,
                                   GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  gboolean own = FALSE;
  gboolean ok;

  g_return_val_if_fail (CE_IS_CORPUS (self), FALSE);

  if (!(threshold >= CE_FINGERPRINT_MIN_THRESHOLD && threshold <= 1.0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The similarity threshold must be between %.1f and 1"),
                   CE_FINGERPRINT_MIN_THRESHOLD);
      return FALSE;
    }

  if (threshold == ce_corpus_get_duplicate_threshold (self))
    return TRUE;

  if (!ce_corpus_in_transaction (self))
    {
      if (!_ce_corpus_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      _ce_corpus_drop_band_filter (self);
      own = TRUE;
    }

  stmt = _ce_corpus_prepare (self, "INSERT OR REPLACE INTO properties (key, value)"
                                   " VALUES ('" THRESHOLD_KEY "', ?)", error);
  ok = stmt != NULL;
  if (ok)
    {
      g_ascii_dtostr (text, sizeof text, threshold);
      sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
      ok = _ce_copies_step_done (self, stmt, error);
    }

  if (ok)
    {
      self->duplicate_threshold = threshold;
      ok = regroup_all (self, error);
    }

  if (!ok)
    self->duplicate_threshold = 0;

  if (own)
    {
      if (ok)
        ok = _ce_copies_flush_bands (self, error) && _ce_corpus_exec (self, "COMMIT", error);
      if (!ok)
        _ce_corpus_exec (self, "ROLLBACK", NULL);
      _ce_corpus_drop_band_filter (self);
      if (ok)
        _ce_corpus_changed (self);
    }

  return ok;
}

/* Documents after the last one done that still lack a fingerprint (those
 * imported since have theirs) */
#define COUNT_LEFT_SQL(cursor) \
  "SELECT count(*) FROM documents d WHERE d.id > " cursor \
  " AND NOT EXISTS (SELECT 1 FROM fingerprints f WHERE f.doc_id = d.id)"

/**
 * ce_corpus_count_unfingerprinted:
 *
 * Returns: how many documents have no fingerprint yet: 0 unless the
 *   corpus was made before fingerprints existed and
 *   ce_corpus_compute_fingerprints() has not finished
 */
gint64
ce_corpus_count_unfingerprinted (CeCorpus *self)
{
  g_return_val_if_fail (CE_IS_CORPUS (self), 0);

  if (!HAS_COPIES (self) ||
      _ce_corpus_query_int (self, "SELECT count(*) FROM properties WHERE key = '" PENDING_KEY "'", 0) == 0)
    return 0;

  return _ce_corpus_query_int (self, COUNT_LEFT_SQL ("(SELECT CAST(value AS INTEGER) FROM properties"
                                                     " WHERE key = '" PENDING_KEY "')"),
                               0);
}

/**
 * ce_corpus_compute_fingerprints:
 * @batch: how many documents to do in this step
 * @remaining: (out) (optional): documents left after this step
 *
 * Computes the fingerprints of up to @batch documents that lack one, in
 * corpus id order, and groups them; one transaction, so an interrupted
 * run keeps what it finished.  The band keys stored stay in memory from
 * one step to the next on the connection while nobody else writes.  Cancellable through
 * ce_corpus_set_cancellable().  The corpus counts as changed (its
 * generation moves on) once, when the last step is done, so views read
 * the groups again then rather than after every step.
 */
gboolean
ce_corpus_compute_fingerprints (CeCorpus  *self,
                                guint      batch,
                                gint64    *remaining,
                                GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  gint64 cursor;
  gint64 version;
  gint64 left = 0;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (self), FALSE);
  g_return_val_if_fail (!ce_corpus_in_transaction (self), FALSE);

  if (remaining != NULL)
    *remaining = 0;

  cursor = _ce_corpus_query_int (self,
                                 "SELECT CAST(value AS INTEGER) FROM properties"
                                 " WHERE key = '" PENDING_KEY "'",
                                 -1);
  if (cursor < 0)
    return TRUE;

  stmt = _ce_corpus_prepare (self,
                             "SELECT id, body FROM documents d WHERE id > ?"
                             "   AND NOT EXISTS (SELECT 1 FROM fingerprints f WHERE f.doc_id = d.id)"
                             " ORDER BY id LIMIT ?",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, cursor);
  sqlite3_bind_int (stmt, 2, MAX (batch, 1));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (bodies, g_strdup ((const char *)sqlite3_column_text (stmt, 1)));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not read the corpus"));
      return FALSE;
    }

  if (!_ce_corpus_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  /* What the last step kept in memory (the band keys, how many are
   * left) stays true unless another connection wrote since */
  version = _ce_corpus_query_int (self, "PRAGMA data_version", -1);
  if (self->band_filter == NULL || version != self->band_filter_version)
    _ce_corpus_drop_band_filter (self);
  if (version != self->fingerprints_left_version)
    self->fingerprints_left = 0;

  /* Every document left is looked up: the filter is worth its reading
   * of the table at once, whatever share of the corpus this step does */
  self->band_filter_wanted = TRUE;
  for (guint i = 0; ok && i < ids->len; i++)
    {
      const char *body = g_ptr_array_index (bodies, i);

      ok = _ce_corpus_fingerprint_update (self, g_array_index (ids, gint64, i),
                                          body != NULL ? body : "", FALSE, TRUE, error);
    }
  self->band_filter_wanted = FALSE;

  if (ok)
    {
      g_autofree char *sql = NULL;
      g_autofree char *count_sql = NULL;

      if (ids->len > 0)
        cursor = g_array_index (ids, gint64, ids->len - 1);
      /* Fewer than asked for: none is left after them.  Otherwise the
       * last step's figure less these (counting reads every document
       * left, which would make the whole run quadratic), counted again
       * when unknown or when it would end a run that found a full batch */
      if (ids->len < MAX (batch, 1))
        left = 0;
      else if (self->fingerprints_left > (gint64)ids->len)
        left = self->fingerprints_left - ids->len;
      else
        {
          count_sql = g_strdup_printf (COUNT_LEFT_SQL ("%" G_GINT64_FORMAT), cursor);
          left = _ce_corpus_query_int (self, count_sql, -1);
        }

      if (left == 0)
        sql = g_strdup ("DELETE FROM properties WHERE key = '" PENDING_KEY "'");
      else
        sql = g_strdup_printf ("UPDATE properties SET value = '%" G_GINT64_FORMAT "'"
                               " WHERE key = '" PENDING_KEY "'",
                               cursor);
      ok = left >= 0 && _ce_corpus_exec (self, sql, error) &&
           _ce_copies_flush_bands (self, error) && _ce_corpus_exec (self, "COMMIT", error);
      if (left < 0)
        _ce_corpus_set_sql_error (self, error, _("Could not read the corpus"));
    }

  if (!ok)
    {
      _ce_corpus_exec (self, "ROLLBACK", NULL);
      _ce_corpus_drop_band_filter (self);
      return FALSE;
    }

  /* Kept for the next step (what this connection commits does not move
   * its data_version); the last step frees the band keys */
  self->fingerprints_left = left;
  self->fingerprints_left_version = _ce_corpus_query_int (self, "PRAGMA data_version", -1);
  if (left == 0)
    {
      _ce_corpus_drop_band_filter (self);
      _ce_corpus_changed (self);
    }
  else
    self->band_filter_version = self->fingerprints_left_version;

  if (remaining != NULL)
    *remaining = left;

  return TRUE;
}
