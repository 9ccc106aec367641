/* ce-document-list-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ce-corpus.h"

G_BEGIN_DECLS

#define CE_TYPE_DOCUMENT_LIST_MODEL (ce_document_list_model_get_type ())
G_DECLARE_FINAL_TYPE (CeDocumentListModel, ce_document_list_model, CE, DOCUMENT_LIST_MODEL, GObject)

CeDocumentListModel *ce_document_list_model_new        (void);
CeCorpus            *ce_document_list_model_get_corpus (CeDocumentListModel  *self);
gboolean             ce_document_list_model_set_corpus (CeDocumentListModel  *self,
                                                        CeCorpus             *corpus,
                                                        GError              **error);
void                 ce_document_list_model_get_order  (CeDocumentListModel  *self,
                                                        CeDocumentOrder      *order,
                                                        gboolean             *descending);
gboolean             ce_document_list_model_set_order  (CeDocumentListModel  *self,
                                                        CeDocumentOrder       order,
                                                        gboolean              descending,
                                                        GError              **error);
const char          *ce_document_list_model_get_search (CeDocumentListModel  *self);
gboolean             ce_document_list_model_set_search (CeDocumentListModel  *self,
                                                        const char           *words,
                                                        GError              **error);
gboolean             ce_document_list_model_reload     (CeDocumentListModel  *self,
                                                        GError              **error);
void                 ce_document_list_model_set_ids    (CeDocumentListModel  *self,
                                                        GArray               *ids);
gint64               ce_document_list_model_get_id     (CeDocumentListModel  *self,
                                                        guint                 position);
guint                ce_document_list_model_find       (CeDocumentListModel  *self,
                                                        gint64                id);

G_END_DECLS
