/* ce-copies-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ce-session.h"

G_BEGIN_DECLS

#define CE_TYPE_COPIES_PANEL (ce_copies_panel_get_type ())
G_DECLARE_FINAL_TYPE (CeCopiesPanel, ce_copies_panel, CE, COPIES_PANEL, GtkWidget)

GtkWidget *ce_copies_panel_new             (void);
void       ce_copies_panel_set_session     (CeCopiesPanel *self,
                                            CeSession     *session);
void       ce_copies_panel_set_document_id (CeCopiesPanel *self,
                                            gint64         id);
gboolean   ce_copies_panel_is_loading      (CeCopiesPanel *self);
GArray    *ce_copies_panel_dup_linked_ids  (CeCopiesPanel *self);
void       ce_copies_panel_get_changes     (CeCopiesPanel *self,
                                            guint         *added,
                                            guint         *removed);
void       ce_copies_panel_activate_link   (CeCopiesPanel *self,
                                            guint          index);

G_END_DECLS
