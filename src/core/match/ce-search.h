/* ce-search.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ce-corpus.h"
#include "ce-query.h"

G_BEGIN_DECLS

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

gboolean    ce_search_install         (CeCorpus       *corpus,
                                       GError        **error);
gboolean    ce_search_parse_sort      (const char     *name,
                                       CeSort         *sort);

gint64      ce_search_count           (CeCorpus       *corpus,
                                       CeQuery        *query,
                                       GError        **error);
GArray     *ce_search_ids             (CeCorpus       *corpus,
                                       CeQuery        *query,
                                       CeSort          sort,
                                       gboolean        descending,
                                       GError        **error);
GPtrArray  *ce_search_page            (CeCorpus       *corpus,
                                       CeQuery        *query,
                                       CeSort          sort,
                                       gboolean        descending,
                                       guint           offset,
                                       guint           limit,
                                       GError        **error);
GArray     *ce_search_instances       (CeCorpus       *corpus,
                                       CeQuery        *query,
                                       gint64          doc_id,
                                       GError        **error);
GArray     *ce_search_title_instances (CeCorpus       *corpus,
                                       CeQuery        *query,
                                       gint64          doc_id,
                                       GError        **error);
GPtrArray  *ce_search_facet           (CeCorpus       *corpus,
                                       CeQuery        *query,
                                       const char     *field,
                                       guint           limit,
                                       GError        **error);

G_END_DECLS
