/* ce-corpus-duplicates-read.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-corpus"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-corpus-duplicates-private.h"

void
ce_copy_free (CeCopy *copy)
{
  if (copy == NULL)
    return;

  g_free (copy->title);
  g_free (copy->date);
  g_free (copy);
}

void
ce_corpus_set_unique_stories (CeCorpus *self,
                              gboolean  unique)
{
  g_return_if_fail (CE_IS_CORPUS (self));
  self->unique_stories = !!unique;
}

gboolean
ce_corpus_get_unique_stories (CeCorpus *self)
{
  g_return_val_if_fail (CE_IS_CORPUS (self), FALSE);
  return self->unique_stories;
}

/* A read-only connection leaves a corpus from before groups of copies
 * (schema version 2 or older) as it is, so its file has no `copies`
 * table.  The same table, empty, in the connection's temp schema lets
 * every statement that asks for copies (`copies:one`, counting each
 * story once) run: no copies are known, so every document is its own
 * story.  ce_corpus_knows_copies() says so to those who must tell the
 * user.  The temp schema lives and dies with the connection and never
 * touches the file. */
gboolean
_ce_corpus_prepare_older_copies (CeCorpus  *self,
                                 GError   **error)
{
  if (HAS_COPIES (self))
    return TRUE;

  return _ce_corpus_exec (self,
                          "CREATE TEMP TABLE IF NOT EXISTS copies ("
                          "  doc_id INTEGER PRIMARY KEY,"
                          "  group_id INTEGER NOT NULL,"
                          "  similarity REAL NOT NULL"
                          ")",
                          error);
}

/**
 * ce_corpus_knows_copies:
 *
 * Returns: whether every document of the corpus has been compared with
 *   the others, so that its groups of copies are complete.  %FALSE for a
 *   corpus from before groups of copies opened read-only, and for one
 *   whose grouping has not run to its end
 *   (ce_corpus_compute_fingerprints()); there, a story may be counted
 *   once per copy.
 */
gboolean
ce_corpus_knows_copies (CeCorpus *self)
{
  g_return_val_if_fail (CE_IS_CORPUS (self), FALSE);

  return HAS_COPIES (self) && ce_corpus_count_unfingerprinted (self) == 0;
}

const char *
_ce_corpus_unique_condition (CeCorpus *self)
{
  if (!self->unique_stories || !HAS_COPIES (self))
    return "1";

  return "NOT EXISTS (SELECT 1 FROM copies c"
         "  WHERE c.doc_id = documents.id AND c.group_id <> documents.id)";
}

const char *
_ce_corpus_group_size_sql (CeCorpus *self)
{
  if (!HAS_COPIES (self))
    return "0";

  return "(SELECT count(*) FROM copies g"
         "  WHERE g.group_id = (SELECT c.group_id FROM copies c WHERE c.doc_id = documents.id))";
}

/**
 * ce_corpus_find_copy:
 * @body_hash: a normalised body hash (ce_fingerprint_compute())
 *
 * Returns: the first document with this body, or 0
 */
gint64
ce_corpus_find_copy (CeCorpus  *self,
                     gint64     body_hash,
                     GError   **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (self), 0);

  stmt = _ce_copies_cached (self, STMT_SAME_BODY,
                            "SELECT id FROM documents WHERE body_hash = ? AND id <> ? LIMIT "
                            G_STRINGIFY (BUCKET_LIMIT),
                            error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, body_hash);
  sqlite3_bind_int64 (stmt, 2, 0);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    _ce_corpus_set_sql_error (self, error, _("Could not read copies"));
  sqlite3_reset (stmt);

  return id;
}

static CeCopy *
read_copy (sqlite3_stmt *stmt)
{
  CeCopy *copy = g_new0 (CeCopy, 1);

  copy->group_id = sqlite3_column_int64 (stmt, 0);
  copy->id = sqlite3_column_int64 (stmt, 1);
  copy->similarity = sqlite3_column_double (stmt, 2);
  copy->title = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  copy->date = g_strdup ((const char *)sqlite3_column_text (stmt, 4));

  return copy;
}

#define COPY_COLUMNS "c.group_id, c.doc_id, c.similarity, d.title, d.date"

/**
 * ce_corpus_get_copies:
 * @doc_id: a document
 *
 * Returns: (transfer full) (element-type CeCopy): its group,
 *   representative first, or an empty array
 */
GPtrArray *
ce_corpus_get_copies (CeCorpus  *self,
                      gint64     doc_id,
                      GError   **error)
{
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func ((GDestroyNotify)ce_copy_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (self), NULL);

  if (!HAS_COPIES (self))
    return g_steal_pointer (&copies);

  stmt = _ce_corpus_prepare (self,
                             "SELECT " COPY_COLUMNS
                             "  FROM copies c JOIN documents d ON d.id = c.doc_id"
                             " WHERE c.group_id = (SELECT group_id FROM copies WHERE doc_id = ?)"
                             " ORDER BY c.doc_id <> c.group_id, d.position",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, doc_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (copies, read_copy (stmt));

  if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not read copies"));
      return NULL;
    }

  return g_steal_pointer (&copies);
}

guint
ce_corpus_count_copy_groups (CeCorpus *self)
{
  g_return_val_if_fail (CE_IS_CORPUS (self), 0);

  if (!HAS_COPIES (self))
    return 0;
  return (guint)_ce_corpus_query_int (self, "SELECT count(DISTINCT group_id) FROM copies", 0);
}

gboolean
ce_corpus_has_copy_groups (CeCorpus *self)
{
  g_return_val_if_fail (CE_IS_CORPUS (self), FALSE);

  if (!HAS_COPIES (self))
    return FALSE;
  return _ce_corpus_query_int (self, "SELECT EXISTS (SELECT 1 FROM copies)", 0) > 0;
}

guint
ce_corpus_count_grouped_after (CeCorpus *self,
                               gint64    after_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint count = 0;

  g_return_val_if_fail (CE_IS_CORPUS (self), 0);

  if (!HAS_COPIES (self))
    return 0;
  /* The groups of a new corpus are found when something reads them;
   * should that fail, so does the commit */
  if (!_ce_copies_flush_bands (self, NULL))
    return 0;
  stmt = _ce_corpus_prepare (self, "SELECT count(*) FROM copies WHERE doc_id > ?", NULL);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, after_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);

  return count;
}

gint64
ce_corpus_get_last_document_id (CeCorpus *self)
{
  g_return_val_if_fail (CE_IS_CORPUS (self), 0);
  return _ce_corpus_query_int (self, "SELECT coalesce(max(id), 0) FROM documents", 0);
}

/**
 * ce_corpus_foreach_copy_group:
 * @func: called with each group; returns FALSE to stop
 *
 * Streams the groups, so memory stays flat whatever their number.
 */
gboolean
ce_corpus_foreach_copy_group (CeCorpus         *self,
                              CeCopyGroupFunc   func,
                              gpointer          user_data,
                              GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) members = NULL;
  gboolean go_on = TRUE;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!HAS_COPIES (self))
    return TRUE;

  stmt = _ce_corpus_prepare (self,
                             "SELECT " COPY_COLUMNS
                             "  FROM copies c JOIN documents d ON d.id = c.doc_id"
                             "  JOIN documents r ON r.id = c.group_id"
                             " ORDER BY r.position, c.group_id, c.doc_id <> c.group_id, d.position",
                             error);
  if (stmt == NULL)
    return FALSE;

  while (go_on && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CeCopy *copy = read_copy (stmt);

      if (members != NULL && members->len > 0 &&
          ((CeCopy *)g_ptr_array_index (members, 0))->group_id != copy->group_id)
        {
          go_on = func (members, user_data);
          g_clear_pointer (&members, g_ptr_array_unref);
        }

      if (members == NULL)
        members = g_ptr_array_new_with_free_func ((GDestroyNotify)ce_copy_free);
      g_ptr_array_add (members, copy);
    }

  if (go_on && rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not read copies"));
      return FALSE;
    }

  if (go_on && members != NULL && members->len > 0)
    func (members, user_data);

  return TRUE;
}
