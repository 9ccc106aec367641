/* ce-topics-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ce-session.h"
#include "ce-topic.h"
#include "ce-topic-editor.h"

G_BEGIN_DECLS

#define CE_TYPE_TOPICS_PANEL (ce_topics_panel_get_type ())
G_DECLARE_FINAL_TYPE (CeTopicsPanel, ce_topics_panel, CE, TOPICS_PANEL, GtkWidget)

GtkWidget     *ce_topics_panel_new                (void);
CeSession     *ce_topics_panel_get_session        (CeTopicsPanel *self);
void           ce_topics_panel_set_session        (CeTopicsPanel *self,
                                                   CeSession     *session);
GPtrArray     *ce_topics_panel_get_topics         (CeTopicsPanel *self);
GPtrArray     *ce_topics_panel_get_enabled_topics (CeTopicsPanel *self);
gboolean       ce_topics_panel_get_total          (CeTopicsPanel *self,
                                                   CeTopic       *topic,
                                                   guint64       *mentions,
                                                   guint         *documents);
guint          ce_topics_panel_get_n_suggestions  (CeTopicsPanel *self);
CeTopicEditor *ce_topics_panel_add_topic          (CeTopicsPanel *self);
CeTopicEditor *ce_topics_panel_edit_topic         (CeTopicsPanel *self,
                                                   CeTopic       *topic);

G_END_DECLS
