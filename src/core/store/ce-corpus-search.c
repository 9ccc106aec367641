/* ce-corpus-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-search"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "ce-corpus-count.h"
#include "ce-corpus-private.h"
#include "ce-corpus-rank-private.h"
#include "ce-corpus-search.h"
#include "ce-text.h"

/* Searches run a compiled query (a CeCorpusMatch, see ce-query.c)
 * against the corpus.  Counts, facets and ranking read
 *
 *   FROM fts CROSS JOIN documents ON documents.id = fts.rowid
 *   WHERE fts MATCH ?fts AND <filters>
 *
 * (FROM fts alone without filters, FROM documents alone without a
 * full-text part).  CROSS JOIN keeps FTS5 in the outer loop: otherwise
 * SQLite may walk documents and ask FTS5 about each row in turn.  Other
 * orders are described at append_ids_select().
 *
 * A page sorts ids only, so bm25 is computed once per matching row and
 * nothing else is; the metadata, rank and snippet of the rows shown are
 * read afterwards.
 *
 * With filters (place, date, source, ...) and words, joining each
 * match of a common word to its document reads every matching
 * document's row, body and all.  Instead the documents the filters
 * keep are read first, on their own, where SQLite walks an index or a
 * covering index and reads no row, into a set of ids (FilterSet, kept
 * per connection while the corpus does not change); the full-text part
 * then runs on its own with ce_in_ids(rowid, :ids) as its only other
 * condition.  The results are the same documents by construction.
 *
 * Ranking computes bm25 for every match it ranks, about a microsecond
 * each: for a word in most of a million documents, far more than a
 * search may take.  So a search ranks every match when there are at
 * most CE_SEARCH_RANK_LIMIT of them (reading the first that many and
 * one more tells), and otherwise only a bounded set of candidates: the
 * first CE_SEARCH_RANK_LIMIT matches by id (the order of import) and up
 * to as many with the words in the title (which the title's weight puts
 * first), each with its exact bm25 score; every other match follows
 * them, by id.  The set of matches and the count are always complete
 * (see rank_matches()). */

#define has_filters _ce_corpus_search_has_filters
#define get_filter_set _ce_corpus_search_filter_set
#define append_ids_select _ce_corpus_search_append_ids

#define INSTALLED_KEY "ce-search-installed"
#define ID_BITS_TYPE "ce-id-bits"
#define FILTERS_KEY "ce-search-filters"
/* Filter sets kept per connection, the last used first */
#define MAX_FILTER_SETS 4

/* The documents a query's filters keep, one bit per id */
struct _CeFilterSet
{
  gint64   min_id;        /* 1 and 0 when it keeps nothing */
  gint64   max_id;
  guint8  *bits;          /* max_id / 8 + 1 bytes */
};
typedef CeFilterSet FilterSet;

static void
filter_set_free (gpointer data)
{
  FilterSet *set = data;

  g_free (set->bits);
  g_free (set);
}

static inline gboolean
filter_set_contains (const FilterSet *set,
                     gint64           id)
{
  return id >= 0 && id <= set->max_id && (set->bits[id >> 3] & (1u << (id & 7))) != 0;
}

void
ce_search_hit_free (CeSearchHit *hit)
{
  if (hit == NULL)
    return;

  g_free (hit->title);
  g_free (hit->place);
  g_free (hit->date);
  g_free (hit->source);
  g_free (hit->snippet);
  g_free (hit);
}

void
ce_search_facet_free (CeSearchFacet *facet)
{
  if (facet == NULL)
    return;

  g_free (facet->value);
  g_free (facet);
}

/* SQL functions */

static void
casefold_func (sqlite3_context  *context,
               int               n_args,
               sqlite3_value   **args)
{
  const char *text = (const char *)sqlite3_value_text (args[0]);
  gboolean ascii = TRUE;
  char *folded;

  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }

  /* Most metadata is ASCII: fold it without allocating twice */
  for (const char *p = text; *p != 0 && ascii; p++)
    ascii = (guchar)*p < 0x80;

  if (ascii)
    folded = g_strstrip (g_ascii_strdown (text, -1));
  else
    folded = ce_text_fold_value (text);

  sqlite3_result_text (context, folded, -1, g_free);
}

/* ce_in_set(id, set): whether @id is in the GHashTable of gint64 that
 * the caller bound with sqlite3_bind_pointer(); SQL text cannot forge
 * such a pointer. */
static void
in_set_func (sqlite3_context  *context,
             int               n_args,
             sqlite3_value   **args)
{
  GHashTable *set = sqlite3_value_pointer (args[1], ID_SET_TYPE);
  gint64 id = sqlite3_value_int64 (args[0]);

  sqlite3_result_int (context, set != NULL && g_hash_table_contains (set, &id));
}

/* ce_in_ids(id, set): whether @id is in the FilterSet the caller
 * bound with sqlite3_bind_pointer() */
static void
in_ids_func (sqlite3_context  *context,
             int               n_args,
             sqlite3_value   **args)
{
  FilterSet *set = sqlite3_value_pointer (args[1], ID_BITS_TYPE);

  sqlite3_result_int (context, set != NULL && filter_set_contains (set, sqlite3_value_int64 (args[0])));
}

/* ce_scope(fts): the user's FTS5 expression limited to what this
 * connection counts (see _ce_corpus_scope_fts()), for the conditions of
 * ce-corpus-where.c, which are written before the corpus is known */
static void
scope_func (sqlite3_context  *context,
            int               n_args,
            sqlite3_value   **args)
{
  CeCorpus *corpus = sqlite3_user_data (context);
  const char *fts = (const char *)sqlite3_value_text (args[0]);

  if (fts == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, _ce_corpus_scope_fts (corpus, fts), -1, g_free);
}

/* ce_instances(fts, column): the byte ranges of every phrase instance
 * FTS5 reports in the title (0) or the body (1) of the current row, as a
 * blob of CeSearchRange, sorted, overlaps merged
 * (_ce_corpus_fts_ranges()). */
static void
instances_func (const Fts5ExtensionApi  *api,
                Fts5Context             *fts,
                sqlite3_context         *context,
                int                      n_args,
                sqlite3_value          **args)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (CeSearchRange));
  int column;
  int rc;

  if (n_args != 1)
    {
      sqlite3_result_error (context, "ce_instances() takes a column number", -1);
      return;
    }

  column = sqlite3_value_int (args[0]);
  if (column != CE_FTS_TITLE && column != CE_FTS_BODY)
    {
      sqlite3_result_error (context, "ce_instances() reads the title or the body", -1);
      return;
    }

  if ((rc = _ce_corpus_fts_ranges (api, fts, column, ranges)) != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  if (ranges->len == 0)
    sqlite3_result_zeroblob (context, 0);
  else
    sqlite3_result_blob (context, ranges->data, ranges->len * sizeof (CeSearchRange),
                         SQLITE_TRANSIENT);
}

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  fts5_api *api = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_pointer (stmt, 1, (void *)&api, "fts5_api_ptr", NULL);
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  return api;
}

/**
 * ce_search_install:
 *
 * Registers on the connection of @corpus the functions that the
 * conditions of ce-corpus-where.c and the searches use.  Every search
 * calls it.
 * Registering twice does nothing.
 */
gboolean
ce_search_install (CeCorpus  *corpus,
                   GError   **error)
{
  sqlite3 *db;
  fts5_api *api;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), FALSE);

  if (g_object_get_data (G_OBJECT (corpus), INSTALLED_KEY) != NULL)
    return TRUE;

  db = _ce_corpus_get_db (corpus);

  if (sqlite3_create_function (db, "ce_casefold", 1,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                               NULL, casefold_func, NULL, NULL) != SQLITE_OK)
    {
      _ce_corpus_set_sql_error (corpus, error, _("Could not prepare searching"));
      return FALSE;
    }

  if (sqlite3_create_function (db, "ce_in_set", 2, SQLITE_UTF8 | SQLITE_INNOCUOUS,
                               NULL, in_set_func, NULL, NULL) != SQLITE_OK)
    {
      _ce_corpus_set_sql_error (corpus, error, _("Could not prepare searching"));
      return FALSE;
    }

  if (sqlite3_create_function (db, "ce_in_ids", 2, SQLITE_UTF8 | SQLITE_INNOCUOUS,
                               NULL, in_ids_func, NULL, NULL) != SQLITE_OK)
    {
      _ce_corpus_set_sql_error (corpus, error, _("Could not prepare searching"));
      return FALSE;
    }

  if (sqlite3_create_function (db, "ce_scope", 1, SQLITE_UTF8 | SQLITE_INNOCUOUS,
                               corpus, scope_func, NULL, NULL) != SQLITE_OK)
    {
      _ce_corpus_set_sql_error (corpus, error, _("Could not prepare searching"));
      return FALSE;
    }

  api = get_fts5_api (db);
  if (api == NULL || api->iVersion < 2 ||
      api->xCreateFunction (api, "ce_instances", NULL, instances_func, NULL) != SQLITE_OK ||
      !_ce_corpus_rank_install (api) ||
      !_ce_corpus_quoted_install (api))
    {
      g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_SQL,
                   _("Could not prepare searching: this SQLite has no usable FTS5"));
      return FALSE;
    }

  g_object_set_data (G_OBJECT (corpus), INSTALLED_KEY, GINT_TO_POINTER (TRUE));
  return TRUE;
}

/* Statements */

gboolean
_ce_corpus_search_has_filters (const CeCorpusMatch *match)
{
  return match->where != NULL && match->where[0] != 0;
}

/* Adds the conditions of @match that are not in match->fts, with their
 * parameters, AND-ed with what @where holds */
static void
append_filters (const CeCorpusMatch *match,
                GString             *where,
                GPtrArray           *params)
{
  if (!has_filters (match))
    return;

  if (where->len > 0)
    g_string_append (where, " AND ");
  g_string_append (where, match->where);

  for (guint i = 0; match->params != NULL && i < match->params->len; i++)
    g_ptr_array_add (params, g_strdup (g_ptr_array_index (match->params, i)));
}

static void
append_from (CeCorpus            *corpus,
             GString             *sql,
             GPtrArray           *params,
             const CeCorpusMatch *match)
{
  g_autoptr(GString) where = g_string_new (NULL);
  const char *fts = match->fts;

  if (fts != NULL)
    {
      g_string_append (sql, " FROM fts CROSS JOIN documents ON documents.id = fts.rowid"
                            " WHERE fts MATCH ?");
      g_ptr_array_add (params, _ce_corpus_scope_fts (corpus, fts));
    }
  else
    {
      g_string_append (sql, " FROM documents");
    }

  append_filters (match, where, params);
  if (where->len > 0)
    g_string_append_printf (sql, fts != NULL ? " AND %s" : " WHERE %s", where->str);
}

/* The filters of @match alone: the documents they keep, read once per
 * connection while the corpus does not change (a count, the list and
 * its facets ask for the same filters in turn) */

char *
_ce_corpus_search_filter_key (const CeCorpusMatch *match)
{
  GString *key = g_string_new (match->where);

  for (guint i = 0; match->params != NULL && i < match->params->len; i++)
    {
      g_string_append_c (key, '\x1f');
      g_string_append (key, g_ptr_array_index (match->params, i));
    }

  return g_string_free (key, FALSE);
}

#define prepare _ce_corpus_search_prepare
#define fail _ce_corpus_search_fail

static FilterSet *
read_filter_set (CeCorpus             *corpus,
                 const CeCorpusMatch  *match,
                 GError              **error)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) sql = g_string_new ("SELECT documents.id FROM documents");
  g_autoptr(GString) where = g_string_new (NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  FilterSet *set;
  sqlite3_stmt *stmt;
  gint64 max_id = 0;
  int rc;

  append_filters (match, where, params);
  g_string_append_printf (sql, " WHERE %s", where->str);

  stmt = prepare (corpus, sql->str, params, NULL, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (id < 0)
        continue;
      g_array_append_val (ids, id);
      max_id = MAX (max_id, id);
    }

  if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (corpus, error, _("Could not search the corpus"));
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);

  set = g_new0 (FilterSet, 1);
  set->min_id = ids->len > 0 ? G_MAXINT64 : 1;
  set->max_id = max_id;
  set->bits = g_new0 (guint8, max_id / 8 + 1);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      set->bits[id >> 3] |= 1u << (id & 7);
      set->min_id = MIN (set->min_id, id);
    }

  return set;
}

/* Returns: (transfer none): the filter set of @match, valid until the
 * next search on this connection; %NULL when @match has no filters or
 * on error (then @error is set) */
FilterSet *
_ce_corpus_search_filter_set (CeCorpus             *corpus,
                const CeCorpusMatch  *match,
                GError              **error)
{
  g_autofree char *key = NULL;
  FilterSet *set;

  if (!has_filters (match))
    return NULL;

  key = _ce_corpus_search_filter_key (match);
  set = _ce_corpus_kept_lookup (corpus, FILTERS_KEY, key);
  if (set != NULL)
    return set;

  set = read_filter_set (corpus, match, error);
  if (set == NULL)
    return NULL;

  return _ce_corpus_kept_insert (corpus, FILTERS_KEY, MAX_FILTER_SETS, key, set, filter_set_free);
}

/* The ids of the matches in the order asked for, other than ranking
 * words (rank_matches()).  @set holds what the filters of @match keep
 * (the statement tests it with ce_in_ids() and binds it as :ids), or is
 * %NULL when there are none.
 *
 * The orders come from documents, with the matches as an `IN` set that SQLite
 * builds once, walking the covering index of the order asked for where
 * there is one: SQLite has no statistics to know that a common word
 * matches most documents, and would read every matching document to
 * sort them.  Ties go by id, which every index holds. */
gboolean
_ce_corpus_search_append_ids (CeCorpus            *corpus,
                   GString             *sql,
                   GPtrArray           *params,
                   const CeCorpusMatch *match,
                   FilterSet           *set,
                   CeSort               sort,
                   gboolean             descending)
{
  const char *fts = match->fts;
  const char *dir = descending ? " DESC" : "";

  /* Ranking the matches of words is rank_matches()'s */
  g_return_val_if_fail (fts == NULL || sort != CE_SORT_RANK, FALSE);

  g_string_append (sql, "SELECT documents.id FROM documents");

  if (sort == CE_SORT_DATE)
    g_string_append (sql, " INDEXED BY documents_date");
  else if (sort == CE_SORT_PLACE)
    g_string_append (sql, " INDEXED BY documents_place");
  else if (sort == CE_SORT_ORDER || sort == CE_SORT_RANK)
    g_string_append (sql, " INDEXED BY documents_position");

  if (fts != NULL)
    {
      g_string_append (sql, " WHERE documents.id IN (SELECT rowid FROM fts WHERE fts MATCH ?");
      g_ptr_array_add (params, _ce_corpus_scope_fts (corpus, fts));
      g_string_append (sql, set != NULL ? CE_IN_SET_SQL ("rowid") ")" : ")");
    }
  else if (set != NULL)
    {
      g_string_append (sql, " WHERE ce_in_ids(documents.id, :ids)");
    }

  switch (sort)
    {
    case CE_SORT_DATE:
      g_string_append_printf (sql, " ORDER BY documents.date IS NULL, documents.date%s,"
                                   " documents.id", dir);
      break;

    case CE_SORT_PLACE:
      g_string_append_printf (sql, " ORDER BY documents.place IS NULL,"
                                   " documents.place COLLATE NOCASE%s, documents.id", dir);
      break;

    case CE_SORT_LENGTH:
      g_string_append_printf (sql, " ORDER BY documents.words%s, documents.id", dir);
      break;

    case CE_SORT_TITLE:
      g_string_append_printf (sql, " ORDER BY documents.title COLLATE NOCASE%s, documents.id", dir);
      break;

    case CE_SORT_RANK:
    case CE_SORT_ORDER:
    default:
      g_string_append_printf (sql, " ORDER BY documents.position%s", dir);
      break;
    }

  return FALSE;
}

/* Binds @params in order, then @set as :ids when the statement has it */
sqlite3_stmt *
_ce_corpus_search_prepare (CeCorpus    *corpus,
         const char  *sql,
         GPtrArray   *params,
         FilterSet   *set,
         GError     **error)
{
  sqlite3_stmt *stmt;
  int index;

  if (!ce_search_install (corpus, error))
    return NULL;

  stmt = _ce_corpus_prepare (corpus, sql, error);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; params != NULL && i < params->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (params, i), -1, SQLITE_TRANSIENT);

  if (set != NULL && (index = sqlite3_bind_parameter_index (stmt, ":ids")) > 0)
    sqlite3_bind_pointer (stmt, index, set, ID_BITS_TYPE, NULL);
  if (set != NULL && (index = sqlite3_bind_parameter_index (stmt, ":ids_lo")) > 0)
    sqlite3_bind_int64 (stmt, index, set->min_id);
  if (set != NULL && (index = sqlite3_bind_parameter_index (stmt, ":ids_hi")) > 0)
    sqlite3_bind_int64 (stmt, index, set->max_id);

  return stmt;
}

gboolean
_ce_corpus_search_fail (CeCorpus      *corpus,
                        sqlite3_stmt  *stmt,
                        GError       **error)
{
  _ce_corpus_set_sql_error (corpus, error, _("Could not search the corpus"));
  sqlite3_finalize (stmt);
  return FALSE;
}

/**
 * ce_corpus_search_count:
 *
 * Returns: the number of documents matching @match, or -1 on error
 */
gint64
ce_corpus_search_count (CeCorpus             *corpus,
                        const CeCorpusMatch  *match,
                        GError              **error)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) sql = g_string_new ("SELECT count(*)");
  FilterSet *set = NULL;
  sqlite3_stmt *stmt;
  gint64 count;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), -1);
  g_return_val_if_fail (match != NULL, -1);

  /* FTS5 counts on its own, without the join; the documents the
   * filters keep were read apart */
  if (match->fts != NULL)
    {
      if (has_filters (match) && (set = get_filter_set (corpus, match, error)) == NULL)
        return -1;
      g_string_append (sql, " FROM fts WHERE fts MATCH ?");
      g_ptr_array_add (params, _ce_corpus_scope_fts (corpus, match->fts));
      if (set != NULL)
        g_string_append (sql, CE_IN_SET_SQL ("fts.rowid"));
    }
  else
    {
      append_from (corpus, sql, params, match);
    }

  stmt = prepare (corpus, sql->str, params, set, error);
  if (stmt == NULL)
    return -1;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      fail (corpus, stmt, error);
      return -1;
    }

  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

/**
 * ce_corpus_search_ids:
 *
 * Returns: (transfer full) (element-type gint64): the ids of every
 *   document matching @match, in the order asked for
 */
GArray *
ce_corpus_search_ids (CeCorpus             *corpus,
                      const CeCorpusMatch  *match,
                      CeSort                sort,
                      gboolean              descending,
                      GError              **error)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  FilterSet *set = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);
  g_return_val_if_fail (match != NULL, NULL);

  if (has_filters (match) && (set = get_filter_set (corpus, match, error)) == NULL)
    return NULL;

  if (match->fts != NULL && sort == CE_SORT_RANK)
    {
      g_autoptr(GArray) ranked = _ce_corpus_rank_matches (corpus, match, set, descending, TRUE, error);

      if (ranked == NULL)
        return NULL;
      g_array_set_size (ids, ranked->len);
      for (guint i = 0; i < ranked->len; i++)
        g_array_index (ids, gint64, i) = g_array_index (ranked, CeRanked, i).id;
      return g_steal_pointer (&ids);
    }

  append_ids_select (corpus, sql, params, match, set, sort, descending);

  stmt = prepare (corpus, sql->str, params, set, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    {
      fail (corpus, stmt, error);
      return NULL;
    }

  sqlite3_finalize (stmt);
  return g_steal_pointer (&ids);
}

/**
 * ce_corpus_search_instances:
 * @highlight: (nullable): the FTS5 expression of what is highlighted
 * @doc_id: a document, usually one that matches @highlight
 * @column: 0 for the title, 1 for the body
 *
 * Finds what @highlight matches in one column of a document, by the
 * corpus tokenizer, as FTS5 matched it.
 *
 * Returns: (transfer full) (element-type CeSearchRange): byte ranges,
 *   sorted, with overlapping matches merged; empty when @highlight is
 *   %NULL or the document has no match
 */
GArray *
ce_corpus_search_instances (CeCorpus    *corpus,
                            const char  *highlight,
                            gint64       doc_id,
                            int          column,
                            GError     **error)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (CeSearchRange));
  g_autofree char *scoped = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);

  if (highlight == NULL)
    return g_steal_pointer (&ranges);

  scoped = _ce_corpus_scope_fts (corpus, highlight);

  stmt = prepare (corpus,
                  "SELECT ce_instances(fts, ?) FROM fts WHERE fts MATCH ? AND rowid = ?",
                  NULL, NULL, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, column);
  sqlite3_bind_text (stmt, 2, scoped, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, doc_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const void *blob = sqlite3_column_blob (stmt, 0);
      int size = sqlite3_column_bytes (stmt, 0);

      if (blob != NULL && size > 0)
        g_array_append_vals (ranges, blob, size / sizeof (CeSearchRange));
    }
  else if (rc != SQLITE_DONE)
    {
      fail (corpus, stmt, error);
      return NULL;
    }

  sqlite3_finalize (stmt);
  return g_steal_pointer (&ranges);
}

/**
 * ce_corpus_search_facet:
 * @field: place, source, section, author, year or month
 * @limit: values to return at most; 0 for all
 *
 * Counts the documents matching @match by the value of @field; documents
 * without a value are not counted.
 *
 * Returns: (transfer full) (element-type CeSearchFacet): values, most
 *   frequent first, ties in alphabetical order
 */
GPtrArray *
ce_corpus_search_facet (CeCorpus             *corpus,
                        const CeCorpusMatch  *match,
                        const char           *field,
                        guint                 limit,
                        GError              **error)
{
  static const struct
  {
    const char *name;
    const char *sql;
  } facets[] = {
    { "place", "documents.place" },
    { "source", "documents.source" },
    { "section", "documents.section" },
    { "author", "documents.author" },
    { "year", "CASE WHEN length(documents.date) >= 4 THEN substr(documents.date, 1, 4) END" },
    { "month", "CASE WHEN length(documents.date) >= 7 THEN substr(documents.date, 1, 7) END" },
  };
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify)ce_search_facet_free);
  g_autoptr(GString) sql = g_string_new (NULL);
  const char *expression = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);
  g_return_val_if_fail (match != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (facets); i++)
    {
      if (g_str_equal (facets[i].name, field))
        expression = facets[i].sql;
    }

  if (expression == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Unknown facet “%s”: use place, source, section, author, year or month"),
                   field);
      return NULL;
    }

  g_string_append_printf (sql, "SELECT value, count(*) AS n FROM (SELECT %s AS value", expression);
  append_from (corpus, sql, params, match);
  g_string_append (sql, ") WHERE value IS NOT NULL AND value != ''"
                        " GROUP BY value ORDER BY n DESC, value LIMIT ?");
  g_ptr_array_add (params, limit > 0 ? g_strdup_printf ("%u", limit) : g_strdup ("-1"));

  stmt = prepare (corpus, sql->str, params, NULL, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CeSearchFacet *facet = g_new0 (CeSearchFacet, 1);

      facet->value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      facet->count = sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (values, facet);
    }

  if (rc != SQLITE_DONE)
    {
      fail (corpus, stmt, error);
      return NULL;
    }

  sqlite3_finalize (stmt);
  return g_steal_pointer (&values);
}
