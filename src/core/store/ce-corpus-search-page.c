/* ce-corpus-search-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page of search results: the ids in the order asked for (ranked
 * through ce-corpus-rank.c), then each hit's metadata and a snippet
 * that marks what the query looks for.
 */

#define G_LOG_DOMAIN "ce-search"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "ce-corpus-private.h"
#include "ce-corpus-rank-private.h"
#include "ce-corpus-search.h"

#define BM25_SQL "bm25(fts, 10.0, 1.0)"
/* Characters of the body shown for a hit without a snippet */
#define LEAD_CHARS 240
/* Hits of a page whose snippets are read by seeking each id */
#define SEEK_HITS_MAX 500

#define prepare _ce_corpus_search_prepare
#define fail _ce_corpus_search_fail
#define has_filters _ce_corpus_search_has_filters
#define get_filter_set _ce_corpus_search_filter_set
#define append_ids_select _ce_corpus_search_append_ids

/* Snippets are one line: paragraph breaks become spaces */
static char *
flatten (const char *text)
{
  char *copy = g_strdup (text != NULL ? text : "");

  for (char *p = copy; *p != 0; p++)
    {
      if (*p == '\n' || *p == '\r' || *p == '\t')
        *p = ' ';
    }

  return copy;
}

/* The start of the body, cut at a word boundary, for hits that have no
 * words to show in context */
static char *
lead_snippet (const char *body)
{
  g_autofree char *text = flatten (body);
  glong len = g_utf8_strlen (text, -1);
  char *end;

  if (len < LEAD_CHARS)
    return g_steal_pointer (&text);

  end = g_utf8_offset_to_pointer (text, LEAD_CHARS);
  *end = 0;
  if ((end = strrchr (text, ' ')) != NULL && end > text)
    *end = 0;

  return g_strconcat (g_strchomp (text), "…", NULL);
}

static gboolean
fill_metadata (CeCorpus      *corpus,
               sqlite3_stmt  *stmt,
               CeSearchHit   *hit,
               GError       **error)
{
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, hit->id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        {
          g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_NOT_FOUND,
                       _("Document %" PRId64 " vanished during the search"), hit->id);
          return FALSE;
        }
      _ce_corpus_set_sql_error (corpus, error, _("Could not read a search result"));
      return FALSE;
    }

  hit->title = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  hit->place = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  hit->date = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  hit->source = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  hit->words = sqlite3_column_int (stmt, 4);
  hit->snippet = lead_snippet ((const char *)sqlite3_column_text (stmt, 5));

  return TRUE;
}

/* Runs @what (an FTS5 auxiliary function call) for the hits of a page
 * in one pass over the matches of @fts.  ce_in_set() keeps other rows
 * out before @what is computed.  Used for bm25(), whose inverse
 * document frequencies FTS5 reads once per statement, and for the
 * snippets of a long page (see snippet_hits()). */
static gboolean
scan_hits (CeCorpus    *corpus,
           const char  *what,
           const char  *fts,
           GHashTable  *by_id,
           gboolean     rank,
           GError     **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *scoped = _ce_corpus_scope_fts (corpus, fts);
  sqlite3_stmt *stmt;
  int rc;

  sql = g_strdup_printf ("SELECT fts.rowid, %s FROM fts"
                         " WHERE fts MATCH ? AND ce_in_set(fts.rowid, ?)", what);
  stmt = _ce_corpus_prepare (corpus, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, scoped, -1, SQLITE_TRANSIENT);
  sqlite3_bind_pointer (stmt, 2, by_id, ID_SET_TYPE, NULL);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      CeSearchHit *hit = g_hash_table_lookup (by_id, &id);

      if (hit == NULL)
        continue;

      if (rank)
        {
          hit->rank = sqlite3_column_double (stmt, 1);
        }
      else
        {
          g_free (hit->snippet);
          hit->snippet = flatten ((const char *)sqlite3_column_text (stmt, 1));
        }
    }

  if (rc != SQLITE_DONE)
    return fail (corpus, stmt, error);

  sqlite3_finalize (stmt);
  return TRUE;
}

static int
compare_hit_ids (gconstpointer a,
                 gconstpointer b)
{
  const CeSearchHit *ha = *(const CeSearchHit * const *)a;
  const CeSearchHit *hb = *(const CeSearchHit * const *)b;

  return (ha->id > hb->id) - (ha->id < hb->id);
}

/* The snippets of the hits of a page: what @highlight matches in each
 * hit, one hit at a time.  FTS5 seeks each id in the document lists
 * (`rowid = ?`) rather than walking every match of a common word to
 * reach the page's few; a snippet depends on its own row only, so it is
 * the same either way.  Ids in increasing order read the index
 * forwards.  A hit that @highlight does not match keeps its lead.
 *
 * Each seek costs about what walking a few hundred matches does, so a
 * page of more than SEEK_HITS_MAX hits is read in one pass over the
 * matches instead (the same snippets). */
static gboolean
snippet_hits (CeCorpus    *corpus,
              const char  *highlight,
              GPtrArray   *hits,
              GHashTable  *by_id,
              GError     **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *scoped = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  sqlite3_stmt *stmt;

  if (hits->len > SEEK_HITS_MAX)
    return scan_hits (corpus, _ce_corpus_snippet_sql (corpus), highlight, by_id, FALSE, error);

  scoped = _ce_corpus_scope_fts (corpus, highlight);
  sorted = g_ptr_array_copy (hits, NULL, NULL);

  /* The copy takes the free function too: the hits stay @hits' */
  g_ptr_array_set_free_func (sorted, NULL);
  g_ptr_array_sort (sorted, compare_hit_ids);

  sql = g_strdup_printf ("SELECT %s FROM fts WHERE fts MATCH ? AND fts.rowid = ?",
                         _ce_corpus_snippet_sql (corpus));
  stmt = _ce_corpus_prepare (corpus, sql, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < sorted->len; i++)
    {
      CeSearchHit *hit = g_ptr_array_index (sorted, i);
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, scoped, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, hit->id);

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          g_free (hit->snippet);
          hit->snippet = flatten ((const char *)sqlite3_column_text (stmt, 0));
        }
      else if (rc != SQLITE_DONE)
        {
          return fail (corpus, stmt, error);
        }
    }

  sqlite3_finalize (stmt);
  return TRUE;
}

/**
 * ce_corpus_search_page:
 * @offset: hits to skip
 * @limit: hits to return at most; 0 for all
 *
 * Returns: (transfer full) (element-type CeSearchHit): one page of hits
 */
GPtrArray *
ce_corpus_search_page (CeCorpus             *corpus,
                       const CeCorpusMatch  *match,
                       CeSort                sort,
                       gboolean              descending,
                       guint                 offset,
                       guint                 limit,
                       GError              **error)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify)ce_search_hit_free);
  g_autoptr(GHashTable) by_id = NULL;
  const char *fts;
  const char *highlight;
  CeFilterSet *set = NULL;
  sqlite3_stmt *stmt;
  gboolean scored;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);
  g_return_val_if_fail (match != NULL, NULL);

  fts = match->fts;
  highlight = match->highlight;

  if (has_filters (match) && (set = get_filter_set (corpus, match, error)) == NULL)
    return NULL;

  if (fts != NULL && sort == CE_SORT_RANK)
    {
      /* The matches beyond the candidates only when the page reaches
       * past them */
      gboolean want_rest = limit == 0 || (guint64)offset + limit > _ce_corpus_rank_limit (corpus);
      g_autoptr(GArray) ranked = _ce_corpus_rank_matches (corpus, match, set, descending, want_rest, error);

      if (ranked == NULL)
        return NULL;

      scored = TRUE;
      for (guint i = offset; i < ranked->len && (limit == 0 || i - offset < limit); i++)
        {
          const CeRanked *row = &g_array_index (ranked, CeRanked, i);
          CeSearchHit *hit = g_new0 (CeSearchHit, 1);

          hit->id = row->id;
          hit->rank = row->score;
          scored = scored && !isnan (row->score);
          g_ptr_array_add (hits, hit);
        }
    }
  else
    {
      scored = FALSE;
      append_ids_select (corpus, sql, params, match, set, sort, descending);
      /* Numbers in the text: :ids is the last parameter */
      if (limit > 0)
        g_string_append_printf (sql, " LIMIT %u OFFSET %u", limit, offset);
      else
        g_string_append_printf (sql, " LIMIT -1 OFFSET %u", offset);

      stmt = prepare (corpus, sql->str, params, set, error);
      if (stmt == NULL)
        return NULL;

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          CeSearchHit *hit = g_new0 (CeSearchHit, 1);

          hit->id = sqlite3_column_int64 (stmt, 0);
          g_ptr_array_add (hits, hit);
        }

      if (rc != SQLITE_DONE)
        {
          fail (corpus, stmt, error);
          return NULL;
        }
      sqlite3_finalize (stmt);
    }

  if (hits->len == 0)
    return g_steal_pointer (&hits);

  stmt = _ce_corpus_prepare (corpus,
                             "SELECT title, place, date, source, words, substr(body, 1, "
                             G_STRINGIFY (LEAD_CHARS) " + 1)"
                             "  FROM documents WHERE id = ?",
                             error);
  if (stmt == NULL)
    return NULL;

  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; ok && i < hits->len; i++)
    {
      CeSearchHit *hit = g_ptr_array_index (hits, i);

      ok = fill_metadata (corpus, stmt, hit, error);
      g_hash_table_insert (by_id, &hit->id, hit);
    }
  sqlite3_finalize (stmt);

  if (ok && fts != NULL && !scored)
    ok = scan_hits (corpus, BM25_SQL, fts, by_id, TRUE, error);

  /* Snippets mark everything the query looks for, which may be more
   * than the part FTS5 could match on its own */
  if (ok && highlight != NULL)
    ok = snippet_hits (corpus, highlight, hits, by_id, error);

  return ok ? g_steal_pointer (&hits) : NULL;
}
