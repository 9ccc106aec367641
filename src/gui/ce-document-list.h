/* ce-document-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ce-document-list-model.h"

G_BEGIN_DECLS

#define CE_TYPE_DOCUMENT_LIST (ce_document_list_get_type ())
G_DECLARE_FINAL_TYPE (CeDocumentList, ce_document_list, CE, DOCUMENT_LIST, GtkWidget)

GtkWidget           *ce_document_list_new           (void);
CeDocumentListModel *ce_document_list_get_model     (CeDocumentList *self);
GtkSelectionModel   *ce_document_list_get_selection (CeDocumentList *self);
void                 ce_document_list_select        (CeDocumentList *self,
                                                     guint           position);
guint                ce_document_list_get_selected  (CeDocumentList *self);
void                 ce_document_list_focus         (CeDocumentList *self);
void                 ce_document_list_sort_by       (CeDocumentList *self,
                                                     CeDocumentOrder order,
                                                     gboolean        descending);
void                 ce_document_list_sort_by_relevance (CeDocumentList *self);
void                 ce_document_list_set_compact   (CeDocumentList *self,
                                                     gboolean        compact);
void                 ce_document_list_set_topics    (CeDocumentList *self,
                                                     GPtrArray      *topics);

G_END_DECLS
