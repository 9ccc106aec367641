/* ce-grouping-bar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ce-session.h"

G_BEGIN_DECLS

#define CE_TYPE_GROUPING_BAR (ce_grouping_bar_get_type ())
G_DECLARE_FINAL_TYPE (CeGroupingBar, ce_grouping_bar, CE, GROUPING_BAR, GtkWidget)

/* Documents grouped in the first step of the background job; the next
 * steps grow while they are short (ce_grouping_bar_next_batch()) */
#define CE_GROUPING_BAR_BATCH 500

GtkWidget *ce_grouping_bar_new          (void);
void       ce_grouping_bar_set_session  (CeGroupingBar *self,
                                         CeSession     *session);
void       ce_grouping_bar_set_batch    (CeGroupingBar *self,
                                         guint          batch);
guint      ce_grouping_bar_next_batch   (guint          batch,
                                         gint64         usec);
gboolean   ce_grouping_bar_is_running   (CeGroupingBar *self);
double     ce_grouping_bar_get_fraction (CeGroupingBar *self);
void       ce_grouping_bar_cancel       (CeGroupingBar *self);
void       ce_grouping_bar_start        (CeGroupingBar *self);

G_END_DECLS
