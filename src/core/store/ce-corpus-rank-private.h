/* ce-corpus-rank-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "ce-corpus.h"
#include "ce-corpus-search.h"

G_BEGIN_DECLS

#define CE_RANK_STATE_TYPE "ce-rank-state"
/* The pointer type of the set ce_in_set() tests (ce-corpus-search.c) */
#define ID_SET_TYPE "ce-id-set"

/* What ce_rank() keeps from one statement to the next of one search */
typedef struct
{
  int       n_phrases;   /* the phrases ranked: the first ones; 0 for all */
  gboolean  ready;
  double    avgdl;
  double   *idf;
  double   *freq;
} CeRankState;

/* A match as ranked: NAN for a match beyond the candidates */
typedef struct
{
  gint64 id;
  double score;
} CeRanked;

/* The documents a query's filters keep (ce-corpus-search.c) */
typedef struct _CeFilterSet CeFilterSet;

/* The condition "@column is one of the documents the filters keep", for
 * a statement prepared with _ce_corpus_search_prepare() and a set: the
 * set's bits, and the range of its ids, which FTS5 seeks to rather than
 * walk every match before it (a date filter on a corpus imported in date
 * order keeps a narrow range) */
#define CE_IN_SET_SQL(column) \
  " AND ce_in_ids(" column ", :ids) AND " column " BETWEEN :ids_lo AND :ids_hi"

void          _ce_rank_state_clear      (CeRankState  *state);
gboolean      _ce_corpus_rank_install   (fts5_api     *api);
guint         _ce_corpus_rank_limit     (CeCorpus     *corpus);
GArray       *_ce_corpus_rank_matches   (CeCorpus     *corpus,
                                         const CeCorpusMatch *match,
                                         CeFilterSet  *set,
                                         gboolean      descending,
                                         gboolean      want_rest,
                                         GError      **error);

sqlite3_stmt *_ce_corpus_search_prepare (CeCorpus     *corpus,
                                         const char   *sql,
                                         GPtrArray    *params,
                                         CeFilterSet  *set,
                                         GError      **error);
gboolean      _ce_corpus_search_fail    (CeCorpus     *corpus,
                                         sqlite3_stmt *stmt,
                                         GError      **error);
/* What ce-corpus-search-page.c shares with ce-corpus-search.c */
gboolean      _ce_corpus_search_has_filters (const CeCorpusMatch *match);
char         *_ce_corpus_search_filter_key  (const CeCorpusMatch *match);
CeFilterSet  *_ce_corpus_search_filter_set  (CeCorpus            *corpus,
                                             const CeCorpusMatch *match,
                                             GError             **error);
gboolean      _ce_corpus_search_append_ids  (CeCorpus            *corpus,
                                             GString             *sql,
                                             GPtrArray           *params,
                                             const CeCorpusMatch *match,
                                             CeFilterSet         *set,
                                             CeSort               sort,
                                             gboolean             descending);

G_END_DECLS
