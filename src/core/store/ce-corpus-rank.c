/* ce-corpus-rank.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ranking a search (ce-corpus-search.c) that has more matches than the
 * rank limit: a bounded set of candidates, each with its exact score.
 *
 * ce_rank(fts, state): FTS5's bm25 with the title weighted 10:1, computed
 * exactly as FTS5's own bm25() computes it (same formula, same order of
 * operations, so the same doubles), but over the first n phrases of the
 * expression only, with the inverse document frequencies kept in @state
 * from one statement to the next.
 *
 * That is what ranking a bounded set of candidates needs
 * (ce-corpus-search.c): the candidates with the words in the title come
 * from the expression `(E) AND ({title} : (H))`, whose phrases after E's
 * must not count, and the IDF of E's phrases, which FTS5 computes by
 * reading each phrase's whole document list, is read once per search
 * rather than once per statement.
 */

#define G_LOG_DOMAIN "ce-search"

#include "config.h"

#include <math.h>
#include <string.h>

#include "ce-corpus-count.h"
#include "ce-corpus-private.h"
#include "ce-corpus-rank-private.h"
#include "ce-corpus-search.h"

#define RANK_LIMIT_KEY "ce-search-rank-limit"
#define IDF_KEY "ce-search-idf"
#define RANKING_KEY "ce-search-ranking"
/* Expressions whose statistics are kept per connection */
#define MAX_KEPT_IDF 8
/* Searches whose ranked candidates are kept per connection (at most
 * twice the rank limit each: 160 KB) */
#define MAX_KEPT_RANKINGS 4

/* What prepare_state() read for one expression: FTS5 reads each
 * phrase's whole document list for it, the largest part of ranking a
 * common word.  The window lists a query's matches, then reads its
 * pages; each of these ranks the same expression again.  Kept while
 * the corpus does not change, like the filter sets. */
typedef struct
{
  int      n_phrases;
  double   avgdl;
  double  *idf;
} KeptIdf;

static void
kept_idf_free (gpointer data)
{
  KeptIdf *kept = data;

  g_free (kept->idf);
  g_free (kept);
}

/* The column weights of the searches' ranking: title, body; other
 * columns (quoted text) weigh 1, as with bm25(fts, 10.0, 1.0) */
static const double weights[] = { 10.0, 1.0 };

void
_ce_rank_state_clear (CeRankState *state)
{
  g_clear_pointer (&state->idf, g_free);
  g_clear_pointer (&state->freq, g_free);
  state->ready = FALSE;
}

static int
count_cb (const Fts5ExtensionApi *api,
          Fts5Context            *fts,
          void                   *user_data)
{
  sqlite3_int64 *n = user_data;

  (*n)++;
  return SQLITE_OK;
}

/* What FTS5's bm25 reads once per statement (fts5Bm25GetData) */
static int
prepare_state (const Fts5ExtensionApi *api,
               Fts5Context            *fts,
               CeRankState            *state)
{
  sqlite3_int64 n_row = 0;
  sqlite3_int64 n_token = 0;
  int rc;

  if (state->n_phrases <= 0 || state->n_phrases > api->xPhraseCount (fts))
    state->n_phrases = api->xPhraseCount (fts);

  if ((rc = api->xRowCount (fts, &n_row)) != SQLITE_OK ||
      (rc = api->xColumnTotalSize (fts, -1, &n_token)) != SQLITE_OK)
    return rc;
  state->avgdl = (double)n_token / (double)n_row;

  state->idf = g_new0 (double, MAX (state->n_phrases, 1));
  state->freq = g_new0 (double, MAX (state->n_phrases, 1));
  for (int i = 0; i < state->n_phrases; i++)
    {
      sqlite3_int64 n_hit = 0;
      double idf;

      if ((rc = api->xQueryPhrase (fts, i, &n_hit, count_cb)) != SQLITE_OK)
        return rc;
      idf = log ((n_row - n_hit + 0.5) / (n_hit + 0.5));
      if (idf <= 0.0)
        idf = 1e-6;
      state->idf[i] = idf;
    }

  state->ready = TRUE;
  return SQLITE_OK;
}

static void
rank_func (const Fts5ExtensionApi  *api,
           Fts5Context             *fts,
           sqlite3_context         *context,
           int                      n_args,
           sqlite3_value          **args)
{
  const double k1 = 1.2;
  const double b = 0.75;
  CeRankState *state;
  double score = 0.0;
  double d;
  int n_inst = 0;
  int n_tok = 0;
  int rc = SQLITE_OK;

  state = n_args == 1 ? sqlite3_value_pointer (args[0], CE_RANK_STATE_TYPE) : NULL;
  if (state == NULL)
    {
      sqlite3_result_error (context, "ce_rank() takes the state its caller bound", -1);
      return;
    }

  if (!state->ready && (rc = prepare_state (api, fts, state)) != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  for (int i = 0; i < state->n_phrases; i++)
    state->freq[i] = 0.0;

  rc = api->xInstCount (fts, &n_inst);
  for (int i = 0; rc == SQLITE_OK && i < n_inst; i++)
    {
      int phrase, column, offset;

      rc = api->xInst (fts, i, &phrase, &column, &offset);
      if (rc == SQLITE_OK && phrase < state->n_phrases)
        state->freq[phrase] += column < (int)G_N_ELEMENTS (weights) ? weights[column] : 1.0;
    }

  if (rc == SQLITE_OK)
    rc = api->xColumnSize (fts, -1, &n_tok);
  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }
  d = (double)n_tok;

  for (int i = 0; i < state->n_phrases; i++)
    score += state->idf[i] * ((state->freq[i] * (k1 + 1.0)) /
                              (state->freq[i] + k1 * (1 - b + b * d / state->avgdl)));

  sqlite3_result_double (context, -1.0 * score);
}

gboolean
_ce_corpus_rank_install (fts5_api *api)
{
  return api->xCreateFunction (api, "ce_rank", NULL, rank_func, NULL) == SQLITE_OK;
}

/* Ranking a bounded set of candidates */

/**
 * ce_corpus_search_set_rank_limit:
 * @limit: matches ranked at most (and candidates of each kind beyond
 *   it); 0 for CE_SEARCH_RANK_LIMIT
 *
 * Changes how many matches the searches of this connection rank, for
 * tests and measurements.
 */
void
ce_corpus_search_set_rank_limit (CeCorpus *corpus,
                                 guint     limit)
{
  g_return_if_fail (CE_IS_CORPUS (corpus));

  g_object_set_data (G_OBJECT (corpus), RANK_LIMIT_KEY, GUINT_TO_POINTER (limit));
}

guint
_ce_corpus_rank_limit (CeCorpus *corpus)
{
  guint limit = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (corpus), RANK_LIMIT_KEY));

  return limit > 0 ? limit : CE_SEARCH_RANK_LIMIT;
}

/* Adds to @ranked, with their ce_rank() scores, at most @limit matches
 * of @expression (scoped) by id that @seen does not hold yet; sets
 * *@n_rows to the rows read */
static gboolean
collect_ranked (CeCorpus     *corpus,
                const char   *expression,
                CeFilterSet  *set,
                CeRankState  *state,
                guint         limit,
                GArray       *ranked,
                GHashTable   *seen,
                guint        *n_rows,
                GError      **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  /* Named parameters only: :rank comes before the others */
  sql = g_strdup_printf ("SELECT fts.rowid, ce_rank(fts, :rank) FROM fts WHERE fts MATCH :expression%s"
                         " LIMIT %u",
                         set != NULL ? CE_IN_SET_SQL ("fts.rowid") : "", limit);
  stmt = _ce_corpus_search_prepare (corpus, sql, NULL, set, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":expression"), expression, -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_pointer (stmt, sqlite3_bind_parameter_index (stmt, ":rank"), state,
                        CE_RANK_STATE_TYPE, NULL);

  *n_rows = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CeRanked row = { sqlite3_column_int64 (stmt, 0), sqlite3_column_double (stmt, 1) };

      (*n_rows)++;
      if (seen != NULL && !g_hash_table_add (seen, g_memdup2 (&row.id, sizeof row.id)))
        continue;
      g_array_append_val (ranked, row);
    }

  if (rc != SQLITE_DONE)
    return _ce_corpus_search_fail (corpus, stmt, error);

  sqlite3_finalize (stmt);
  return TRUE;
}

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const CeRanked *ra = a, *rb = b;

  if (ra->score != rb->score)
    return ra->score < rb->score ? -1 : 1;
  return (ra->id > rb->id) - (ra->id < rb->id);
}

static int
compare_ranked_descending (gconstpointer a,
                           gconstpointer b)
{
  const CeRanked *ra = a, *rb = b;

  if (ra->score != rb->score)
    return ra->score > rb->score ? -1 : 1;
  return (ra->id > rb->id) - (ra->id < rb->id);
}

/* Fills @state with what an earlier search of @expression on this
 * connection read, when the corpus has not changed since */
static void
restore_idf (CeCorpus    *corpus,
             const char  *expression,
             CeRankState *state)
{
  KeptIdf *k = _ce_corpus_kept_lookup (corpus, IDF_KEY, expression);

  if (k == NULL)
    return;

  state->n_phrases = k->n_phrases;
  state->avgdl = k->avgdl;
  state->idf = g_memdup2 (k->idf, sizeof (double) * MAX (k->n_phrases, 1));
  state->freq = g_new0 (double, MAX (k->n_phrases, 1));
  state->ready = TRUE;
}

static void
keep_idf (CeCorpus          *corpus,
          const char        *expression,
          const CeRankState *state)
{
  KeptIdf *k;

  /* No match read nothing; unknown versions keep nothing */
  if (!state->ready || ce_corpus_get_data_version (corpus) < 0)
    return;

  k = g_new0 (KeptIdf, 1);
  k->n_phrases = state->n_phrases;
  k->avgdl = state->avgdl;
  k->idf = g_memdup2 (state->idf, sizeof (double) * MAX (state->n_phrases, 1));
  _ce_corpus_kept_insert (corpus, IDF_KEY, MAX_KEPT_IDF, expression, k, kept_idf_free);
}

/* What rank_candidates() found for one search: the window ranks a
 * query for its list, then for each page of snippets it shows as the
 * list scrolls; each of these would read the same candidates again. */
typedef struct
{
  GArray   *ranked;    /* CeRanked, sorted */
  gboolean  bounded;   /* more matches than the rank limit: the rest is not in it */
} KeptRanking;

static void
kept_ranking_free (gpointer data)
{
  KeptRanking *kept = data;

  g_array_unref (kept->ranked);
  g_free (kept);
}

/* Everything a ranking depends on besides the corpus, which the kept
 * values are checked against (generation and data version) */
static char *
ranking_key (CeCorpus            *corpus,
             const CeCorpusMatch *match,
             const char          *scoped,
             gboolean             descending)
{
  g_autofree char *filters = _ce_corpus_search_has_filters (match) ? _ce_corpus_search_filter_key (match)
                                                                    : NULL;

  return g_strdup_printf ("%s\x1e%s\x1e%s\x1e%u\x1e%c", scoped,
                          match->highlight != NULL ? match->highlight : "",
                          filters != NULL ? filters : "", _ce_corpus_rank_limit (corpus),
                          descending ? 'd' : 'a');
}

/* The matches of the words of @match that the filters keep, sorted as
 * _ce_corpus_rank_matches() returns them: all of them when there are
 * at most the rank limit L (*@bounded is then %FALSE), otherwise the
 * first L by id and up to L with the words in the title */
static GArray *
rank_candidates (CeCorpus             *corpus,
                 const CeCorpusMatch  *match,
                 const char           *scoped,
                 CeFilterSet          *set,
                 gboolean              descending,
                 gboolean             *bounded,
                 GError              **error)
{
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (CeRanked));
  g_autoptr(GHashTable) seen = NULL;
  CeRankState state = { 0, };
  guint limit = _ce_corpus_rank_limit (corpus);
  guint n_rows = 0;
  gboolean ok;

  restore_idf (corpus, scoped, &state);
  ok = collect_ranked (corpus, scoped, set, &state, limit + 1, ranked, NULL, &n_rows, error);
  if (ok)
    keep_idf (corpus, scoped, &state);
  *bounded = ok && n_rows > limit;
  if (*bounded)
    {
      g_autofree char *title = NULL;
      g_autoptr(GError) local = NULL;
      guint n_title = 0;

      g_array_set_size (ranked, limit);
      seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (guint i = 0; i < ranked->len; i++)
        g_hash_table_add (seen, g_memdup2 (&g_array_index (ranked, CeRanked, i).id, sizeof (gint64)));

      /* The phrases after the words' own do not count (ce_rank() ranks
       * the first state.n_phrases); an expression FTS5 refuses in the
       * title only means no candidates from the title */
      if (match->highlight != NULL)
        {
          title = g_strdup_printf ("(%s) AND ({title} : (%s))", scoped, match->highlight);
          if (!collect_ranked (corpus, title, set, &state, limit, ranked, seen, &n_title, &local))
            {
              /* A cancelled search is not a complete ranking: not kept,
               * nor shown */
              if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
                {
                  g_propagate_error (error, g_steal_pointer (&local));
                  ok = FALSE;
                }
              else
                g_debug ("no candidates from the title: %s", local->message);
            }
        }
    }

  _ce_rank_state_clear (&state);
  if (!ok)
    return NULL;

  g_array_sort (ranked, descending ? compare_ranked_descending : compare_ranked);
  return g_steal_pointer (&ranked);
}

/* Appends to @ranked, by id and unranked, every match of @scoped that
 * the filters keep and that is not in it already */
static gboolean
append_rest (CeCorpus     *corpus,
             const char   *scoped,
             CeFilterSet  *set,
             GArray       *ranked,
             GError      **error)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) rest = g_array_new (FALSE, FALSE, sizeof (CeRanked));
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < ranked->len; i++)
    g_hash_table_add (seen, &g_array_index (ranked, CeRanked, i).id);

  g_ptr_array_add (params, g_strdup (scoped));
  stmt = _ce_corpus_search_prepare (corpus,
                  set != NULL ? "SELECT rowid FROM fts WHERE fts MATCH ?" CE_IN_SET_SQL ("rowid")
                              : "SELECT rowid FROM fts WHERE fts MATCH ?",
                  params, set, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CeRanked row = { sqlite3_column_int64 (stmt, 0), NAN };

      if (!g_hash_table_contains (seen, &row.id))
        g_array_append_val (rest, row);
    }

  if (rc != SQLITE_DONE)
    return _ce_corpus_search_fail (corpus, stmt, error);
  sqlite3_finalize (stmt);

  /* Not appended to @ranked while reading: the keys of @seen point
   * into it */
  g_array_append_vals (ranked, rest->data, rest->len);
  return TRUE;
}

/* The matches of the words of @match that the filters keep, best first
 * (worst first when @descending; ties by id): all of them ranked when
 * there are at most the rank limit L, otherwise the first L by id and up
 * to L with the words in the title, ranked, then when @want_rest every
 * other match by id, unranked.  The ranked part is kept per connection
 * while the corpus does not change.
 *
 * Returns: (transfer full) (element-type CeRanked): the matches */
GArray *
_ce_corpus_rank_matches (CeCorpus             *corpus,
                         const CeCorpusMatch  *match,
                         CeFilterSet          *set,
                         gboolean              descending,
                         gboolean              want_rest,
                         GError              **error)
{
  g_autofree char *scoped = _ce_corpus_scope_fts (corpus, match->fts);
  g_autofree char *key = ranking_key (corpus, match, scoped, descending);
  g_autoptr(GArray) ranked = NULL;
  KeptRanking *kept = _ce_corpus_kept_lookup (corpus, RANKING_KEY, key);
  gboolean bounded;

  if (kept != NULL)
    {
      ranked = g_array_copy (kept->ranked);
      bounded = kept->bounded;
    }
  else
    {
      ranked = rank_candidates (corpus, match, scoped, set, descending, &bounded, error);
      if (ranked == NULL)
        return NULL;

      /* Unknown versions keep nothing */
      if (ce_corpus_get_data_version (corpus) >= 0)
        {
          kept = g_new0 (KeptRanking, 1);
          kept->ranked = g_array_copy (ranked);
          kept->bounded = bounded;
          _ce_corpus_kept_insert (corpus, RANKING_KEY, MAX_KEPT_RANKINGS, key, kept, kept_ranking_free);
        }
    }

  if (bounded && want_rest && !append_rest (corpus, scoped, set, ranked, error))
    return NULL;

  return g_steal_pointer (&ranked);
}
