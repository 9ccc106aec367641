/* ce-corpus-read.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-corpus"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "ce-corpus-private.h"
#include "ce-mail-marks.h"

/* Reading a corpus: documents, their ids in the orders the list shows,
 * summaries and statistics. */

gint64
ce_corpus_count_documents (CeCorpus *self)
{
  g_return_val_if_fail (CE_IS_CORPUS (self), 0);
  return _ce_corpus_query_int (self, "SELECT count(*) FROM documents", 0);
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

/* A row of "SELECT id, position, title, place, date, author, source,
 * section, url, words[, body]"; the strings stay the statement's */
static void
read_fields (sqlite3_stmt     *stmt,
             gboolean          with_body,
             CeDocumentFields *fields)
{
  *fields = (CeDocumentFields) {
    .id = sqlite3_column_int64 (stmt, 0),
    .position = sqlite3_column_double (stmt, 1),
    .title = (const char *)sqlite3_column_text (stmt, 2),
    .place = (const char *)sqlite3_column_text (stmt, 3),
    .date = (const char *)sqlite3_column_text (stmt, 4),
    .author = (const char *)sqlite3_column_text (stmt, 5),
    .source = (const char *)sqlite3_column_text (stmt, 6),
    .section = (const char *)sqlite3_column_text (stmt, 7),
    .url = (const char *)sqlite3_column_text (stmt, 8),
    .words = sqlite3_column_int (stmt, 9),
    .body = with_body ? (const char *)sqlite3_column_text (stmt, 10) : NULL,
  };
}

CeDocument *
ce_corpus_get_document (CeCorpus  *self,
                        gint64     id,
                        GError   **error)
{
  sqlite3_stmt *stmt;
  CeDocument *document = NULL;

  g_return_val_if_fail (CE_IS_CORPUS (self), NULL);

  stmt = _ce_corpus_prepare (self,
                             "SELECT id, position, title, place, date, author, source,"
                             "       section, url, words, body"
                             "  FROM documents WHERE id = ?",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      {
        CeDocumentFields fields;

        read_fields (stmt, TRUE, &fields);
        document = ce_document_new (&fields);
      }
      break;

    case SQLITE_DONE:
      g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_NOT_FOUND,
                   _("No document %" PRId64 " in “%s”"), id, self->path);
      break;

    default:
      _ce_corpus_set_sql_error (self, error, _("Could not read a document"));
      break;
    }

  sqlite3_finalize (stmt);
  return document;
}

/* Steps @stmt, which selects document ids, and finalizes it */
static GArray *
collect_ids (CeCorpus      *self,
             sqlite3_stmt  *stmt,
             GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not list the documents"));
      sqlite3_finalize (stmt);
      return NULL;
    }

  sqlite3_finalize (stmt);
  return g_steal_pointer (&ids);
}

/**
 * ce_corpus_list_document_ids:
 *
 * Returns: (transfer full): the ids of every document, in corpus order
 */
GArray *
ce_corpus_list_document_ids (CeCorpus  *self,
                             GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CE_IS_CORPUS (self), NULL);

  stmt = _ce_corpus_prepare (self, "SELECT id FROM documents ORDER BY position", error);
  if (stmt == NULL)
    return NULL;

  return collect_ids (self, stmt, error);
}

/* Turns what was typed into an FTS5 query: every word becomes a quoted
 * string (so no character of it is FTS5 syntax) and the strings are
 * AND-ed.  Returns NULL when nothing searchable was typed. */
static char *
words_to_match (const char *words)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) match = NULL;

  if (words == NULL)
    return NULL;

  parts = g_strsplit_set (words, " \t\n\r", -1);
  match = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (ce_text_count_words (parts[i], -1) == 0)
        continue;

      if (match->len > 0)
        g_string_append_c (match, ' ');

      g_string_append_c (match, '"');
      for (const char *p = parts[i]; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (match, '"');
          g_string_append_c (match, *p);
        }
      g_string_append_c (match, '"');
    }

  if (match->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&match), FALSE);
}

/**
 * ce_corpus_list_document_ids_sorted:
 * @order: the column to sort by
 * @descending: whether to reverse @order (documents lacking the value
 *   stay last, ties stay in corpus order)
 * @words: (nullable): only documents whose title or body hold every one
 *   of these space-separated words, as the corpus tokenizer splits them
 *
 * Returns: (transfer full): the ids of the matching documents
 */
GArray *
ce_corpus_list_document_ids_sorted (CeCorpus         *self,
                                    CeDocumentOrder   order,
                                    gboolean          descending,
                                    const char       *words,
                                    GError          **error)
{
  g_autofree char *match = NULL;
  g_autofree char *sql = NULL;
  const char *dir = descending ? "DESC" : "ASC";
  const char *nulls = NULL;
  const char *key;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CE_IS_CORPUS (self), NULL);

  switch (order)
    {
    case CE_DOCUMENT_ORDER_TITLE:
      nulls = "title = ''";
      key = "title COLLATE NOCASE";
      break;
    case CE_DOCUMENT_ORDER_PLACE:
      nulls = "place IS NULL";
      key = "place COLLATE NOCASE";
      break;
    case CE_DOCUMENT_ORDER_DATE:
      nulls = "date IS NULL";
      key = "date";
      break;
    case CE_DOCUMENT_ORDER_SOURCE:
      nulls = "source IS NULL";
      key = "source COLLATE NOCASE";
      break;
    case CE_DOCUMENT_ORDER_WORDS:
      key = "words";
      break;
    case CE_DOCUMENT_ORDER_POSITION:
    default:
      key = NULL;
      break;
    }

  match = words_to_match (words);
  if (match != NULL)
    {
      char *scoped = _ce_corpus_scope_fts (self, match);

      g_free (match);
      match = scoped;
    }

  /* Documents lacking the value go last either way; ties keep corpus order */
  sql = g_strdup_printf ("SELECT id FROM documents%s ORDER BY %s%s%s %s%s",
                         match ? " WHERE id IN (SELECT rowid FROM fts WHERE fts MATCH ?)" : "",
                         nulls ? nulls : "", nulls ? ", " : "",
                         key ? key : "position", dir,
                         key ? ", position" : "");

  stmt = _ce_corpus_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  if (match != NULL)
    sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);

  return collect_ids (self, stmt, error);
}

/**
 * ce_corpus_list_document_ids_head:
 * @descending: from the end of the corpus order
 * @limit: how many ids at most
 *
 * The first @limit ids of ce_corpus_list_document_ids_sorted() in corpus
 * order, read from the position index without going through the rest:
 * what a list shows first of a large corpus.
 *
 * Returns: (transfer full): the ids
 */
GArray *
ce_corpus_list_document_ids_head (CeCorpus  *self,
                                  gboolean   descending,
                                  guint      limit,
                                  GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CE_IS_CORPUS (self), NULL);

  stmt = _ce_corpus_prepare (self, descending ? "SELECT id FROM documents ORDER BY position DESC LIMIT ?"
                                              : "SELECT id FROM documents ORDER BY position ASC LIMIT ?",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, limit);

  return collect_ids (self, stmt, error);
}

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

/**
 * ce_corpus_get_document_summaries:
 * @ids: documents to load
 * @n_ids: how many
 *
 * Loads documents for list rows: every field but the body, which stays
 * %NULL.  Ids that name no document are left out.
 *
 * Returns: (transfer full) (element-type CeDocument): the documents, in
 *   the order of @ids
 */
GPtrArray *
ce_corpus_get_document_summaries (CeCorpus      *self,
                                  const gint64  *ids,
                                  guint          n_ids,
                                  GError       **error)
{
  /* Few enough placeholders for any SQLite build */
  enum { CHUNK = 200 };
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GHashTable) slot_of = NULL;
  GPtrArray *documents;

  g_return_val_if_fail (CE_IS_CORPUS (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  /* Rows come back in index order; slots put them back in the caller's */
  slots = g_ptr_array_new_full (n_ids, unref_if_set);
  g_ptr_array_set_size (slots, n_ids);
  slot_of = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < n_ids; i++)
    if (!g_hash_table_contains (slot_of, &ids[i]))
      g_hash_table_insert (slot_of, (gpointer)&ids[i], GUINT_TO_POINTER (i));

  for (guint start = 0; start < n_ids; start += CHUNK)
    {
      guint n = MIN (CHUNK, n_ids - start);
      g_autoptr(GString) sql = g_string_new ("SELECT id, position, title, place, date, author,"
                                             "       source, section, url, words, ");
      sqlite3_stmt *stmt;
      int rc;

      /* With the size of each one's group of copies, for the list's badge */
      g_string_append (sql, _ce_corpus_group_size_sql (self));
      g_string_append (sql, "  FROM documents WHERE id IN (");
      for (guint i = 0; i < n; i++)
        g_string_append (sql, i == 0 ? "?" : ",?");
      g_string_append_c (sql, ')');

      stmt = _ce_corpus_prepare (self, sql->str, error);
      if (stmt == NULL)
        return NULL;

      for (guint i = 0; i < n; i++)
        sqlite3_bind_int64 (stmt, i + 1, ids[start + i]);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          CeDocumentFields fields;
          gpointer slot;

          read_fields (stmt, FALSE, &fields);
          fields.copies = sqlite3_column_int (stmt, 10);

          if (g_hash_table_lookup_extended (slot_of, &fields.id, NULL, &slot) &&
              g_ptr_array_index (slots, GPOINTER_TO_UINT (slot)) == NULL)
            g_ptr_array_index (slots, GPOINTER_TO_UINT (slot)) = ce_document_new (&fields);
        }

      if (rc != SQLITE_DONE)
        {
          _ce_corpus_set_sql_error (self, error, _("Could not read the documents"));
          sqlite3_finalize (stmt);
          return NULL;
        }

      sqlite3_finalize (stmt);
    }

  documents = g_ptr_array_new_full (n_ids, g_object_unref);
  for (guint i = 0; i < n_ids; i++)
    if (g_ptr_array_index (slots, i) != NULL)
      g_ptr_array_add (documents, g_steal_pointer (&g_ptr_array_index (slots, i)));

  return documents;
}

void
ce_corpus_stats_free (CeCorpusStats *stats)
{
  if (stats == NULL)
    return;

  g_free (stats->first_date);
  g_free (stats->last_date);
  /* Alternating place and count: only the places are allocated */
  if (stats->top_places != NULL)
    {
      for (guint i = 0; i < stats->top_places->len; i += 2)
        g_free (g_ptr_array_index (stats->top_places, i));
      g_ptr_array_unref (stats->top_places);
    }
  g_free (stats);
}

/* Calls @func with the body in column 0 of @stmt's current row, the
 * quoted paragraphs (column 1, when not NULL) blanked */
static void
call_with_body (sqlite3_stmt     *stmt,
                CeCorpusBodyFunc  func,
                gpointer          user_data)
{
  const char *body = (const char *)sqlite3_column_text (stmt, 0);

  if (body == NULL)
    return;

  if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
    {
      g_autofree char *masked = ce_mail_body_mask (body, sqlite3_column_bytes (stmt, 0), FALSE);

      func (masked, user_data);
    }
  else
    {
      func (body, user_data);
    }
}

/**
 * ce_corpus_foreach_body:
 * @func: (scope call): called with each body, never %NULL
 *
 * When quoted text is left out (ce_corpus_excludes_quoted()), the quoted
 * paragraphs and the signature of a body are blanked by spaces.
 *
 * Returns: %FALSE with @error set when the documents could not be read
 */
gboolean
ce_corpus_foreach_body (CeCorpus          *self,
                        CeCorpusBodyFunc   func,
                        gpointer           user_data,
                        GError           **error)
{
  return ce_corpus_foreach_body_sample (self, 0, func, user_data, NULL, NULL, error);
}

/**
 * ce_corpus_foreach_body_sample:
 * @max_documents: how many documents to read at most, 0 for all
 * @func: (scope call): called with each body read, never %NULL
 * @n_read: (out) (optional): how many documents were read
 * @n_documents: (out) (optional): how many documents the corpus holds
 *   (counted only to sample them; when all were read, @n_read)
 *
 * ce_corpus_foreach_body() over at most @max_documents documents, taken
 * evenly across the corpus order (the first one and then every n-th), so
 * that what is learnt from them stands for the whole corpus whatever
 * its size.  A corpus with no more documents than that is read whole.
 *
 * Returns: %FALSE with @error set when the documents could not be read
 */
gboolean
ce_corpus_foreach_body_sample (CeCorpus          *self,
                               guint              max_documents,
                               CeCorpusBodyFunc   func,
                               gpointer           user_data,
                               guint             *n_read,
                               gint64            *n_documents,
                               GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) ids = NULL;
  gboolean new_text_only;
  gint64 total = 0;
  guint read = 0;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (n_read != NULL)
    *n_read = 0;
  if (n_documents != NULL)
    *n_documents = 0;

  if (max_documents > 0)
    total = ce_corpus_count_documents (self);

  new_text_only = ce_corpus_excludes_quoted (self);

  if (max_documents == 0 || total <= max_documents)
    {
      stmt = _ce_corpus_prepare (self,
                                 new_text_only ? "SELECT body, quoted FROM documents ORDER BY position"
                                               : "SELECT body, NULL FROM documents ORDER BY position",
                                 error);
      if (stmt == NULL)
        return FALSE;

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          call_with_body (stmt, func, user_data);
          read++;
        }
    }
  else
    {
      gint64 n = 0;

      /* The ids in corpus order come from the position index alone; each
       * n-th row is then read by its id */
      ids = _ce_corpus_prepare (self, "SELECT id FROM documents ORDER BY position", error);
      stmt = _ce_corpus_prepare (self,
                                 new_text_only ? "SELECT body, quoted FROM documents WHERE id = ?"
                                               : "SELECT body, NULL FROM documents WHERE id = ?",
                                 error);
      if (ids == NULL || stmt == NULL)
        return FALSE;

      while (read < max_documents && (rc = sqlite3_step (ids)) == SQLITE_ROW)
        {
          gint64 row = n++;

          /* Row r is taken when r × max_documents reaches the next
           * multiple of total: max_documents rows, evenly spread, the
           * first among them */
          if ((row * max_documents) % total >= max_documents)
            continue;

          sqlite3_bind_int64 (stmt, 1, sqlite3_column_int64 (ids, 0));
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            {
              call_with_body (stmt, func, user_data);
              read++;
              rc = sqlite3_step (stmt);
            }
          sqlite3_reset (stmt);
          if (rc != SQLITE_DONE)
            break;
        }
      if (rc == SQLITE_ROW)
        rc = SQLITE_DONE;
    }

  if (n_read != NULL)
    *n_read = read;
  if (n_documents != NULL)
    *n_documents = max_documents == 0 || total <= max_documents ? read : total;

  if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not read the documents"));
      return FALSE;
    }

  return TRUE;
}

CeCorpusStats *
ce_corpus_get_stats (CeCorpus  *self,
                     guint      top_n,
                     GError   **error)
{
  g_autoptr(CeCorpusStats) stats = g_new0 (CeCorpusStats, 1);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CE_IS_CORPUS (self), NULL);

  stmt = _ce_corpus_prepare (self,
                             "SELECT count(*), coalesce(sum(words), 0),"
                             "       min(date), max(date),"
                             "       (SELECT count(*) FROM sources)"
                             "  FROM documents",
                             error);
  if (stmt == NULL)
    return NULL;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not read the corpus"));
      sqlite3_finalize (stmt);
      return NULL;
    }

  stats->documents = sqlite3_column_int64 (stmt, 0);
  stats->words = sqlite3_column_int64 (stmt, 1);
  stats->first_date = dup_column (stmt, 2);
  stats->last_date = dup_column (stmt, 3);
  stats->sources = sqlite3_column_int64 (stmt, 4);
  sqlite3_finalize (stmt);

  stmt = _ce_corpus_prepare (self,
                             "SELECT place, count(*) AS n FROM documents"
                             " WHERE place IS NOT NULL AND place != ''"
                             " GROUP BY place ORDER BY n DESC, place LIMIT ?",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, top_n);
  stats->top_places = g_ptr_array_new ();
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (stats->top_places, dup_column (stmt, 0));
      g_ptr_array_add (stats->top_places, GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
    }
  sqlite3_finalize (stmt);

  return g_steal_pointer (&stats);
}
