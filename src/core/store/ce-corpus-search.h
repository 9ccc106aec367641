/* ce-corpus-search.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ce-corpus.h"
#include "ce-store-enums.h"

G_BEGIN_DECLS

/* Matches a search ranks in full; beyond, a bounded set of candidates
 * (ce-corpus-search.c) */
#define CE_SEARCH_RANK_LIMIT 5000

/* Marks around each match in CeSearchHit.snippet */
#define CE_SEARCH_MATCH_START "\x01"
#define CE_SEARCH_MATCH_END   "\x02"

typedef enum
{
  CE_SORT_RANK,    /* best match first; corpus order without words to rank */
  CE_SORT_DATE,    /* oldest first; undated last */
  CE_SORT_ORDER,   /* corpus order */
  CE_SORT_PLACE,   /* A to Z; no place last */
  CE_SORT_LENGTH,  /* shortest first */
  CE_SORT_TITLE,   /* A to Z */
} CeSort;

typedef struct
{
  gint64  id;
  char   *title;
  char   *place;
  char   *date;
  char   *source;
  guint   words;
  double  rank;     /* bm25 with the title weighted 10:1; lower is better; 0 without words */
  char   *snippet;  /* body text around the matches, marked with CE_SEARCH_MATCH_* */
} CeSearchHit;

/* A match in a document's text: byte offsets, end exclusive */
typedef struct
{
  guint start;
  guint end;
} CeSearchRange;

typedef struct
{
  char   *value;
  gint64  count;
} CeSearchFacet;

void        ce_search_hit_free        (CeSearchHit    *hit);
void        ce_search_facet_free      (CeSearchFacet  *facet);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CeSearchHit, ce_search_hit_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CeSearchFacet, ce_search_facet_free)

/* A compiled query, as the store runs it (ce-search.c makes one from a
 * CeQuery) */
typedef struct
{
  const char *fts;        /* FTS5 expression every match satisfies, or NULL */
  const char *highlight;  /* FTS5 expression of what is highlighted, or NULL */
  const char *where;      /* conditions from ce-corpus-where.h, or NULL */
  GPtrArray  *params;     /* the strings bound to the ?s of @where */
} CeCorpusMatch;

gboolean    ce_search_install          (CeCorpus             *corpus,
                                        GError              **error);
void        ce_corpus_search_set_rank_limit (CeCorpus        *corpus,
                                             guint            limit);
gint64      ce_corpus_search_count     (CeCorpus             *corpus,
                                        const CeCorpusMatch  *match,
                                        GError              **error);
GArray     *ce_corpus_search_ids       (CeCorpus             *corpus,
                                        const CeCorpusMatch  *match,
                                        CeSort                sort,
                                        gboolean              descending,
                                        GError              **error);
GPtrArray  *ce_corpus_search_page      (CeCorpus             *corpus,
                                        const CeCorpusMatch  *match,
                                        CeSort                sort,
                                        gboolean              descending,
                                        guint                 offset,
                                        guint                 limit,
                                        GError              **error);
GArray     *ce_corpus_search_instances (CeCorpus             *corpus,
                                        const char           *highlight,
                                        gint64                doc_id,
                                        int                   column,
                                        GError              **error);
GPtrArray  *ce_corpus_search_facet     (CeCorpus             *corpus,
                                        const CeCorpusMatch  *match,
                                        const char           *field,
                                        guint                 limit,
                                        GError              **error);

G_END_DECLS
