/* ce-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-search"

#include "config.h"

#include <string.h>

#include "ce-search.h"

/* Searching with the search language: a CeQuery compiled into what the
 * store runs (store/ce-corpus-search.c). */

typedef struct
{
  CeCorpusMatch  match;
  GString       *where;
} Compiled;

static void
compile (Compiled *compiled,
         CeQuery  *query)
{
  compiled->where = g_string_new (NULL);
  compiled->match.params = g_ptr_array_new_with_free_func (g_free);
  compiled->match.fts = ce_query_get_fts (query);
  compiled->match.highlight = ce_query_get_highlight_fts (query);
  ce_query_append_sql (query, compiled->where, compiled->match.params);
  compiled->match.where = compiled->where->str;
}

static void
compiled_clear (Compiled *compiled)
{
  if (compiled->where != NULL)
    g_string_free (compiled->where, TRUE);
  g_clear_pointer (&compiled->match.params, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Compiled, compiled_clear)

/**
 * ce_search_parse_sort:
 * @name: rank, date, order, place, length or title
 *
 * Returns: %TRUE when @name is a sort, stored in @sort
 */
gboolean
ce_search_parse_sort (const char *name,
                      CeSort     *sort)
{
  g_autoptr(GEnumClass) klass = NULL;
  g_autofree char *lower = NULL;
  GEnumValue *value;

  g_return_val_if_fail (sort != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  /* The names are the nicks of CE_TYPE_SORT, in any case */
  klass = g_type_class_ref (CE_TYPE_SORT);
  lower = g_ascii_strdown (name, -1);
  value = g_enum_get_value_by_nick (klass, lower);
  if (value == NULL)
    return FALSE;

  *sort = value->value;
  return TRUE;
}

/**
 * ce_search_count:
 *
 * Returns: the number of documents matching @query, or -1 on error
 */
gint64
ce_search_count (CeCorpus  *corpus,
                 CeQuery   *query,
                 GError   **error)
{
  g_auto(Compiled) compiled = { 0 };

  g_return_val_if_fail (CE_IS_CORPUS (corpus), -1);
  g_return_val_if_fail (query != NULL, -1);

  compile (&compiled, query);
  return ce_corpus_search_count (corpus, &compiled.match, error);
}

/**
 * ce_search_ids:
 *
 * Returns: (transfer full) (element-type gint64): the ids of every
 *   document matching @query, in the order asked for
 */
GArray *
ce_search_ids (CeCorpus  *corpus,
               CeQuery   *query,
               CeSort     sort,
               gboolean   descending,
               GError   **error)
{
  g_auto(Compiled) compiled = { 0 };

  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  compile (&compiled, query);
  return ce_corpus_search_ids (corpus, &compiled.match, sort, descending, error);
}

/**
 * ce_search_page:
 * @offset: hits to skip
 * @limit: hits to return at most; 0 for all
 *
 * Returns: (transfer full) (element-type CeSearchHit): one page of hits
 */
GPtrArray *
ce_search_page (CeCorpus  *corpus,
                CeQuery   *query,
                CeSort     sort,
                gboolean   descending,
                guint      offset,
                guint      limit,
                GError   **error)
{
  g_auto(Compiled) compiled = { 0 };

  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  compile (&compiled, query);
  return ce_corpus_search_page (corpus, &compiled.match, sort, descending, offset, limit, error);
}

/**
 * ce_search_instances:
 * @doc_id: a document, usually one that matches @query
 *
 * Finds what @query matches in the body of a document: every word,
 * phrase and NEAR group it looks for (not those it excludes), by the
 * corpus tokenizer, as FTS5 matched them.  This is the one definition of
 * a match that highlighting uses.
 *
 * Returns: (transfer full) (element-type CeSearchRange): byte ranges in
 *   the body, sorted, with overlapping matches merged; empty when the
 *   query has no words or the document has no match
 */
GArray *
ce_search_instances (CeCorpus  *corpus,
                     CeQuery   *query,
                     gint64     doc_id,
                     GError   **error)
{
  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  return ce_corpus_search_instances (corpus, ce_query_get_highlight_fts (query), doc_id, 1, error);
}

/**
 * ce_search_title_instances:
 *
 * Like ce_search_instances(), in the title.
 */
GArray *
ce_search_title_instances (CeCorpus  *corpus,
                           CeQuery   *query,
                           gint64     doc_id,
                           GError   **error)
{
  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  return ce_corpus_search_instances (corpus, ce_query_get_highlight_fts (query), doc_id, 0, error);
}

/**
 * ce_search_facet:
 * @field: place, source, section, author, year or month
 * @limit: values to return at most; 0 for all
 *
 * Counts the documents matching @query by the value of @field; documents
 * without a value are not counted.
 *
 * Returns: (transfer full) (element-type CeSearchFacet): values, most
 *   frequent first, ties in alphabetical order
 */
GPtrArray *
ce_search_facet (CeCorpus    *corpus,
                 CeQuery     *query,
                 const char  *field,
                 guint        limit,
                 GError     **error)
{
  g_auto(Compiled) compiled = { 0 };

  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);

  compile (&compiled, query);
  return ce_corpus_search_facet (corpus, &compiled.match, field, limit, error);
}
