/* ce-search.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ce-corpus.h"
#include "ce-corpus-search.h"
#include "ce-query.h"

G_BEGIN_DECLS

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
