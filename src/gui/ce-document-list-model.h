/* ce-document-list-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ce-corpus.h"
#include "ce-query.h"
#include "ce-search.h"
#include "ce-session.h"
#include "ce-topic.h"

G_BEGIN_DECLS

/* The facets counted for every search, in the order the sidebar shows them */
#define CE_DOCUMENT_LIST_FACETS { "place", "source", "section", "author", "year", NULL }

#define CE_TYPE_DOCUMENT_LIST_MODEL (ce_document_list_model_get_type ())
G_DECLARE_FINAL_TYPE (CeDocumentListModel, ce_document_list_model, CE, DOCUMENT_LIST_MODEL, GObject)

CeDocumentListModel *ce_document_list_model_new           (void);
void                 ce_document_list_model_set_session   (CeDocumentListModel  *self,
                                                           CeSession            *session);
void                 ce_document_list_model_reset         (CeDocumentListModel  *self);
gboolean             ce_document_list_model_has_corpus    (CeDocumentListModel  *self);
gint64               ce_document_list_model_get_total     (CeDocumentListModel  *self);

/* Sorting */
void                 ce_document_list_model_get_order     (CeDocumentListModel  *self,
                                                           CeDocumentOrder      *order,
                                                           gboolean             *descending);
gboolean             ce_document_list_model_set_order     (CeDocumentListModel  *self,
                                                           CeDocumentOrder       order,
                                                           gboolean              descending,
                                                           GError              **error);
gboolean             ce_document_list_model_get_relevance (CeDocumentListModel  *self);
void                 ce_document_list_model_set_relevance (CeDocumentListModel  *self,
                                                           gboolean              relevance);
gboolean             ce_document_list_model_get_ranked    (CeDocumentListModel  *self);

/* Searching */
const char          *ce_document_list_model_get_search    (CeDocumentListModel  *self);
gboolean             ce_document_list_model_set_search    (CeDocumentListModel  *self,
                                                           const char           *text,
                                                           GError              **error);
gboolean             ce_document_list_model_add_filter    (CeDocumentListModel  *self,
                                                           const char           *field,
                                                           const char           *value);
void                 ce_document_list_model_remove_filter (CeDocumentListModel  *self,
                                                           const char           *field,
                                                           const char           *value);
void                 ce_document_list_model_set_date_range (CeDocumentListModel *self,
                                                           const char           *range);
const char          *ce_document_list_model_get_date_range (CeDocumentListModel *self);
gboolean             ce_document_list_model_has_filter    (CeDocumentListModel  *self,
                                                           const char           *field,
                                                           const char           *value);
void                 ce_document_list_model_clear_filters (CeDocumentListModel  *self);
guint                ce_document_list_model_get_n_filters (CeDocumentListModel  *self);
void                 ce_document_list_model_get_filter    (CeDocumentListModel  *self,
                                                           guint                 index,
                                                           const char          **field,
                                                           const char          **value);
CeQuery             *ce_document_list_model_get_query     (CeDocumentListModel  *self);
gboolean             ce_document_list_model_is_loading    (CeDocumentListModel  *self);
gboolean             ce_document_list_model_is_filling    (CeDocumentListModel  *self);
GPtrArray           *ce_document_list_model_get_facet     (CeDocumentListModel  *self,
                                                           const char           *field);
gboolean             ce_document_list_model_has_copies    (CeDocumentListModel  *self);
const char          *ce_document_list_model_get_snippet   (CeDocumentListModel  *self,
                                                           guint                 position);
gboolean             ce_document_list_model_has_snippets  (CeDocumentListModel  *self);

/* Mentions of topics per document, counted in a worker */
void                 ce_document_list_model_set_topics    (CeDocumentListModel  *self,
                                                           GPtrArray            *topics);
gboolean             ce_document_list_model_get_topic_count (CeDocumentListModel *self,
                                                           const char           *topic,
                                                           gint64                doc_id,
                                                           guint                *count);
gboolean             ce_document_list_model_is_counting   (CeDocumentListModel  *self);
const char          *ce_document_list_model_get_count_order (CeDocumentListModel *self,
                                                           gboolean             *descending);
gboolean             ce_document_list_model_set_count_order (CeDocumentListModel *self,
                                                           const char           *topic,
                                                           gboolean              descending,
                                                           GError              **error);

/* Rows */
gboolean             ce_document_list_model_reload        (CeDocumentListModel  *self,
                                                           GError              **error);
void                 ce_document_list_model_set_ids       (CeDocumentListModel  *self,
                                                           GArray               *ids);
gint64               ce_document_list_model_get_id        (CeDocumentListModel  *self,
                                                           guint                 position);
guint                ce_document_list_model_find          (CeDocumentListModel  *self,
                                                           gint64                id);

char                *ce_document_list_model_snippet_to_markup (const char        *snippet);

G_END_DECLS
