/* ce-contexts-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ce-contexts.h"
#include "ce-corpus.h"
#include "ce-query.h"
#include "ce-session.h"
#include "ce-topic.h"

G_BEGIN_DECLS

/* Lines shown at most; the summary gives the full number */
#define CE_CONTEXTS_VIEW_MAX_LINES 2000

#define CE_TYPE_CONTEXTS_VIEW (ce_contexts_view_get_type ())
G_DECLARE_FINAL_TYPE (CeContextsView, ce_contexts_view, CE, CONTEXTS_VIEW, GtkWidget)

GtkWidget       *ce_contexts_view_new            (void);
void             ce_contexts_view_set_session    (CeContextsView *self,
                                                  CeSession      *session);
void             ce_contexts_view_set_query      (CeContextsView *self,
                                                  CeQuery        *query);
void             ce_contexts_view_reload_topics  (CeContextsView *self);
void             ce_contexts_view_show_search    (CeContextsView *self);
void             ce_contexts_view_show_topic     (CeContextsView *self,
                                                  CeTopic        *topic);
void             ce_contexts_view_set_filter     (CeContextsView *self,
                                                  const char     *word);
void             ce_contexts_view_set_sort       (CeContextsView *self,
                                                  CeContextSort   sort);
gboolean         ce_contexts_view_get_counts     (CeContextsView *self,
                                                  guint          *n_lines,
                                                  guint          *total);
const CeContext *ce_contexts_view_get_line       (CeContextsView *self,
                                                  guint           position);

G_END_DECLS
