/* ce-topic-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ce-session.h"
#include "ce-topic.h"

G_BEGIN_DECLS

#define CE_TYPE_TOPIC_EDITOR (ce_topic_editor_get_type ())
G_DECLARE_FINAL_TYPE (CeTopicEditor, ce_topic_editor, CE, TOPIC_EDITOR, AdwWindow)

CeTopicEditor *ce_topic_editor_new         (GtkWindow     *parent,
                                            CeSession     *session,
                                            CeTopic       *topic);
CeTopic       *ce_topic_editor_get_topic   (CeTopicEditor *self);
void           ce_topic_editor_set_terms   (CeTopicEditor *self,
                                            const char    *text);
gboolean       ce_topic_editor_get_preview (CeTopicEditor *self,
                                            guint64       *mentions,
                                            guint         *documents);
gboolean       ce_topic_editor_save        (CeTopicEditor *self,
                                            GError       **error);

G_END_DECLS
