/* ce-reader-view-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-reader-view"

#include "config.h"

#include "ce-reader-view-private.h"

/* Documents remembered for Back and Forward */
#define HISTORY_MAX 100

void
_ce_reader_view_update_history_actions (CeReaderView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.history-back",
                                 self->history->len > 0 && self->history_index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.history-forward",
                                 self->history_index + 1 < self->history->len);
}

void
_ce_reader_view_push_history (CeReaderView *self,
                              gint64        id)
{
  if (self->navigating)
    return;

  if (self->history->len > 0)
    {
      if (g_array_index (self->history, gint64, self->history_index) == id)
        return;
      g_array_set_size (self->history, self->history_index + 1);
    }

  g_array_append_val (self->history, id);
  if (self->history->len > HISTORY_MAX)
    g_array_remove_index (self->history, 0);
  self->history_index = self->history->len - 1;

  _ce_reader_view_update_history_actions (self);
}

void
_ce_reader_view_history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  CeReaderView *self = CE_READER_VIEW (widget);
  gboolean back = g_str_equal (action_name, "reader.history-back");

  if (back ? self->history_index == 0 : self->history_index + 1 >= self->history->len)
    return;

  self->history_index += back ? -1 : 1;

  /* The document shown for this request stays out of the history */
  self->navigating = TRUE;
  _ce_reader_view_request_document (self, g_array_index (self->history, gint64, self->history_index));
  self->navigating = FALSE;

  _ce_reader_view_update_history_actions (self);
}
