/* ce-reader-view-thread.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-reader-view"

#include "config.h"

#include "ce-reader-view-private.h"

/* The previous and next message of the thread of the mail shown.  The
 * buttons are shown for a message whose thread has other messages, and
 * the ends of the thread make them insensitive.  Both are read with the
 * document (ce-reader-view-load.c). */

/* @previous and @next as read with the document, 0 for none */
void
_ce_reader_view_set_thread (CeReaderView *self,
                            gint64        previous,
                            gint64        next)
{
  self->thread_previous = previous;
  self->thread_next = next;
  gtk_widget_set_visible (self->thread_box, previous > 0 || next > 0);
}

void
_ce_reader_view_thread_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  CeReaderView *self = CE_READER_VIEW (widget);
  gint64 id = g_str_equal (action_name, "reader.next-in-thread")
                ? self->thread_next : self->thread_previous;

  if (id > 0)
    _ce_reader_view_request_document (self, id);
}
