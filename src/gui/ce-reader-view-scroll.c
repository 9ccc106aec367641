/* ce-reader-view-scroll.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-reader-view"

#include "config.h"

#include "ce-reader-view-private.h"

/* A range shown in a document just loaded is scrolled to on each frame
 * until its place holds this many frames, at most for MAX frames */
#define SCROLL_STABLE_FRAMES 2
#define SCROLL_MAX_FRAMES 30

/* Scrolls so that the character at @offset sits in the middle of the
 * view.  The text view is not scrollable itself: it sits at full height
 * in the viewport, under the title. */
void
_ce_reader_view_scroll_to_offset (CeReaderView *self,
                                  int           offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  graphene_point_t point;
  GdkRectangle rect;
  GtkTextIter iter;
  double value;
  int x, y;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  gtk_text_view_get_iter_location (self->text_view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y, &x, &y);

  if (!gtk_widget_compute_point (GTK_WIDGET (self->text_view), self->clamp,
                                 &GRAPHENE_POINT_INIT (x, y), &point))
    return;

  value = point.y + rect.height / 2.0 - gtk_adjustment_get_page_size (adjustment) / 2.0;
  value = CLAMP (value, gtk_adjustment_get_lower (adjustment),
                 gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
  gtk_adjustment_set_value (adjustment, value);
}

void
_ce_reader_view_select_span (CeReaderView *self,
                             const Span   *span)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, span->start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, span->end);
  gtk_text_buffer_select_range (buffer, &start, &end);
  _ce_reader_view_scroll_to_offset (self, span->start);
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  CeReaderView *self = CE_READER_VIEW (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double value;

  _ce_reader_view_scroll_to_offset (self, self->scroll_offset);
  value = gtk_adjustment_get_value (adjustment);

  if (value == self->scroll_value && self->scroll_frames > 0)
    self->scroll_stable++;
  else
    self->scroll_stable = 0;
  self->scroll_value = value;

  if (++self->scroll_frames < SCROLL_MAX_FRAMES && self->scroll_stable < SCROLL_STABLE_FRAMES)
    return G_SOURCE_CONTINUE;

  self->scroll_tick = 0;
  return G_SOURCE_REMOVE;
}

void
_ce_reader_view_cancel_scroll (CeReaderView *self)
{
  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
  self->scroll_tick = 0;
}

/* A document just loaded is laid out over the next frames, and the
 * place of @offset moves until then: scroll to it again on each frame
 * until it holds still. */
static void
keep_in_view (CeReaderView *self,
              int           offset)
{
  _ce_reader_view_scroll_to_offset (self, offset);

  self->scroll_offset = offset;
  self->scroll_frames = 0;
  self->scroll_stable = 0;
  self->scroll_value = -1;
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_tick_cb, NULL, NULL);
}


/**
 * ce_reader_view_show_range:
 * @start: a byte offset in the body of the document shown, as search
 *   and counting report a match
 * @end: where the range ends, exclusive
 *
 * Selects the text from @start to @end and scrolls it into view, also
 * in a document just shown.  The range is marked as the current hit,
 * and when a search hit is exactly there, it becomes the current one.
 */
void
ce_reader_view_show_range (CeReaderView *self,
                           gsize         start,
                           gsize         end)
{
  GtkTextBuffer *buffer;
  GtkTextIter start_iter, end_iter;
  GtkTextIter first, last;
  Span span;

  g_return_if_fail (CE_IS_READER_VIEW (self));

  if (start > end ||
      !ce_reader_view_get_iter_at_body_offset (self, start, &start_iter) ||
      !ce_reader_view_get_iter_at_body_offset (self, end, &end_iter))
    return;

  span.start = gtk_text_iter_get_offset (&start_iter);
  span.end = gtk_text_iter_get_offset (&end_iter);

  for (guint i = 0; i < self->hits->len; i++)
    {
      const Span *hit = &g_array_index (self->hits, Span, i);

      if (hit->start == span.start && hit->end == span.end)
        {
          _ce_reader_view_go_to_hit (self, i);
          keep_in_view (self, span.start);
          return;
        }
    }

  /* Not a hit of the search: marked as one while it is selected */
  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &first, &last);
  gtk_text_buffer_remove_tag (buffer, self->current_tag, &first, &last);
  _ce_reader_view_apply_span (self, self->current_tag, &span);
  self->current_hit = -1;
  ce_dispersion_strip_set_current (self->strip, -1);
  _ce_reader_view_update_hits_ui (self);

  _ce_reader_view_select_span (self, &span);
  keep_in_view (self, span.start);
}
