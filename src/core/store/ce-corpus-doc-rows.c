/* ce-corpus-doc-rows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the aggregation of counts (ce-counter.c) reads of each document:
 * its position, date, words and the value it is grouped by, and the
 * values of a metadata key.
 */

#define G_LOG_DOMAIN "ce-corpus-count"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ce-corpus-count.h"
#include "ce-corpus-private.h"

/* Rows for the aggregation (ce-counter.c) */

void
ce_corpus_doc_row_clear (gpointer data)
{
  CeCorpusDocRow *row = data;

  g_free (row->date);
  g_free (row->label);
  g_free (row->value);
}

/**
 * ce_corpus_load_doc_rows:
 * @value: the field read into the rows' value
 * @labels: whether to read the rows' label (the title, or the start of
 *   the body)
 * @filter_fts: (nullable): an FTS5 expression the documents must match
 * @filter_ids: (nullable) (element-type gint64): the documents to read
 * @docs: (element-type CeCorpusDocRow): where the rows are added, in
 *   corpus order
 *
 * Returns: %FALSE with @error set when the documents could not be read
 */
gboolean
ce_corpus_load_doc_rows (CeCorpus    *corpus,
                         CeDocValue   value,
                         gboolean     labels,
                         const char  *filter_fts,
                         GArray      *filter_ids,
                         GArray      *docs,
                         GError     **error)
{
  g_autoptr(GHashTable) wanted = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *scoped = NULL;
  const char *value_column;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), FALSE);
  g_return_val_if_fail (docs != NULL, FALSE);

  switch (value)
    {
    case CE_DOC_VALUE_PLACE:   value_column = "place"; break;
    case CE_DOC_VALUE_SOURCE:  value_column = "source"; break;
    case CE_DOC_VALUE_SECTION: value_column = "section"; break;
    case CE_DOC_VALUE_AUTHOR:  value_column = "author"; break;
    case CE_DOC_VALUE_NONE:
    default:
      value_column = "NULL";
      break;
    }

  sql = g_strdup_printf ("SELECT id, position, date, words, %s, %s FROM documents"
                         " WHERE %s%s"
                         " ORDER BY position, id",
                         labels ? "CASE WHEN title != '' THEN title ELSE substr(body, 1, 200) END"
                                : "NULL",
                         value_column,
                         _ce_corpus_unique_condition (corpus),
                         filter_fts != NULL
                           ? " AND id IN (SELECT rowid FROM fts WHERE fts MATCH ?1)"
                           : "");

  stmt = _ce_corpus_prepare (corpus, sql, error);
  if (stmt == NULL)
    return FALSE;

  scoped = _ce_corpus_scope_fts (corpus, filter_fts);
  if (scoped != NULL)
    sqlite3_bind_text (stmt, 1, scoped, -1, SQLITE_STATIC);

  if (filter_ids != NULL)
    {
      wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < filter_ids->len; i++)
        g_hash_table_add (wanted, &g_array_index (filter_ids, gint64, i));
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CeCorpusDocRow row = { 0, };

      row.id = sqlite3_column_int64 (stmt, 0);
      if (wanted != NULL && !g_hash_table_contains (wanted, &row.id))
        continue;

      row.position = sqlite3_column_double (stmt, 1);
      row.date = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      row.words = MAX (sqlite3_column_int (stmt, 3), 0);
      row.label = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
      row.value = g_strdup ((const char *)sqlite3_column_text (stmt, 5));
      g_array_append_val (docs, row);
    }

  if (rc != SQLITE_DONE)
    {
      _ce_counter_set_query_error (corpus, error, filter_fts);
      return FALSE;
    }

  return TRUE;
}

static const char *
value_column_of (CeDocValue value)
{
  switch (value)
    {
    case CE_DOC_VALUE_PLACE:   return "place";
    case CE_DOC_VALUE_SOURCE:  return "source";
    case CE_DOC_VALUE_SECTION: return "section";
    case CE_DOC_VALUE_AUTHOR:  return "author";
    case CE_DOC_VALUE_NONE:
    default:
      return "NULL";
    }
}

/**
 * ce_corpus_scan_doc_rows:
 * @value: the field handed to @func as its value
 * @func: called for each document counted (each story once when the
 *   connection counts unique stories), in corpus order, without
 *   copying anything
 *
 * What ce_corpus_load_doc_rows() reads, without a label and without an
 * allocation per document, from the covering index `documents_rows`: for
 * a cache of the whole corpus in memory (ce-counter-rows.c).
 *
 * Returns: %FALSE with @error set when the documents could not be read
 */
gboolean
ce_corpus_scan_doc_rows (CeCorpus            *corpus,
                         CeDocValue           value,
                         CeCorpusDocRowFunc   func,
                         gpointer             user_data,
                         GError             **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  sql = g_strdup_printf ("SELECT id, date, words, %s FROM documents"
                         " WHERE %s ORDER BY position, id",
                         value_column_of (value), _ce_corpus_unique_condition (corpus));

  stmt = _ce_corpus_prepare (corpus, sql, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (sqlite3_column_int64 (stmt, 0),
          (const char *)sqlite3_column_text (stmt, 1),
          MAX (sqlite3_column_int (stmt, 2), 0),
          (const char *)sqlite3_column_text (stmt, 3),
          user_data);

  if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (corpus, error, _("Could not read the documents"));
      return FALSE;
    }

  return TRUE;
}

/**
 * ce_corpus_match_doc_ids:
 * @fts: an FTS5 expression (scoped to the text counted, as every
 *   expression of the store is)
 * @ids: (element-type gint64): where the ids of the documents matching
 *   @fts are added, in no particular order
 *
 * Returns: %FALSE with @error set when @fts is not valid
 */
gboolean
ce_corpus_match_doc_ids (CeCorpus    *corpus,
                         const char  *fts,
                         GArray      *ids,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *scoped = NULL;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), FALSE);
  g_return_val_if_fail (fts != NULL, FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  stmt = _ce_corpus_prepare (corpus, "SELECT rowid FROM fts WHERE fts MATCH ?1", error);
  if (stmt == NULL)
    return FALSE;

  scoped = _ce_corpus_scope_fts (corpus, fts);
  sqlite3_bind_text (stmt, 1, scoped, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    {
      _ce_counter_set_query_error (corpus, error, fts);
      return FALSE;
    }

  return TRUE;
}

/**
 * ce_corpus_get_data_version:
 *
 * Returns: SQLite's `data_version` of the connection: it moves whenever
 *   another connection committed a change.  With ce_corpus_get_generation()
 *   (changes made through this connection) it tells a cache of this
 *   connection whether the corpus may have changed; -1 when unknown
 */
gint64
ce_corpus_get_data_version (CeCorpus *corpus)
{
  g_return_val_if_fail (CE_IS_CORPUS (corpus), -1);

  return _ce_corpus_query_int (corpus, "PRAGMA data_version", -1);
}

/**
 * ce_corpus_load_meta_values:
 * @key: a metadata key
 *
 * Returns: (transfer full): a table from document id (gint64 *) to the
 *   GPtrArray of its values for @key, stripped, each once, in the order
 *   stored; %NULL with @error set when the metadata could not be read
 */
GHashTable *
ce_corpus_load_meta_values (CeCorpus    *corpus,
                            const char  *key,
                            GError     **error)
{
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = _ce_corpus_prepare (corpus,
                             "SELECT doc_id, value FROM meta WHERE key = ?1 ORDER BY rowid",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);

  values = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                  (GDestroyNotify)g_ptr_array_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *text = (const char *)sqlite3_column_text (stmt, 1);
      g_autofree char *value = text != NULL ? g_strstrip (g_strdup (text)) : NULL;
      GPtrArray *list;

      if (value == NULL || value[0] == 0)
        continue;

      list = g_hash_table_lookup (values, &id);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (values, g_memdup2 (&id, sizeof id), list);
        }

      /* A value given twice still puts the document in it once */
      if (!g_ptr_array_find_with_equal_func (list, value, g_str_equal, NULL))
        g_ptr_array_add (list, g_steal_pointer (&value));
    }

  if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (corpus, error, _("Could not read metadata"));
      return NULL;
    }

  return g_steal_pointer (&values);
}
