/* ce-reader-view-highlights.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-reader-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ce-reader-view-private.h"

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

/* Search hits look like GNOME's find highlights; topics are underlined
 * in their colour over a light wash of it. */
static void
search_color (GdkRGBA *color)
{
  gdk_rgba_parse (color, is_dark () ? "#f6d32d" : "#e5a50a");
}

static void
topic_color (CeTopic *topic,
             GdkRGBA *color)
{
  const char *spec = ce_topic_get_color (topic);

  if (spec == NULL || !gdk_rgba_parse (color, spec))
    gdk_rgba_parse (color, "#9a9996");
}

void
_ce_reader_view_update_tag_colors (CeReaderView *self)
{
  gboolean dark = is_dark ();
  GdkRGBA hit = { 0.97, 0.83, 0.18, dark ? 0.9 : 0.75 };
  GdkRGBA ink = { 0, 0, 0, 0.87 };

  /* On a dark background the yellow stays bright, with dark text on it */
  GdkRGBA current = { 1.0, 0.47, 0.0, dark ? 0.95 : 0.85 };

  g_object_set (self->hit_tag,
                "background-rgba", &hit,
                "foreground-rgba", dark ? &ink : NULL,
                NULL);
  g_object_set (self->current_tag,
                "background-rgba", &current,
                "foreground-rgba", &ink,
                NULL);

  for (guint i = 0; i < self->topic_tags->len; i++)
    {
      GdkRGBA color, wash;

      topic_color (g_ptr_array_index (self->topics, i), &color);
      wash = color;
      wash.alpha = dark ? 0.28 : 0.20;
      g_object_set (g_ptr_array_index (self->topic_tags, i),
                    "background-rgba", &wash,
                    "underline", PANGO_UNDERLINE_SINGLE,
                    "underline-rgba", &color,
                    NULL);
    }
}

void
_ce_reader_view_update_hits_ui (CeReaderView *self)
{
  g_autofree char *text = NULL;
  gboolean searching = self->query != NULL && !ce_query_is_empty (self->query);
  guint n = self->hits->len;

  gtk_widget_set_visible (self->hits_box, searching && self->document != NULL);

  if (n == 0)
    text = g_strdup (_("No matches"));
  else if (self->current_hit < 0)
    text = g_strdup_printf (ngettext ("%'u match", "%'u matches", n), n);
  else
    /* Translators: the match selected in the document, "Hit 3 of 17" */
    text = g_strdup_printf (_("Hit %'u of %'u"), self->current_hit + 1, n);

  gtk_label_set_text (self->hits_label, text);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.next-hit", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.previous-hit", n > 0);
}

static double
relative_position (CeReaderView *self,
                   int           offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  int n = gtk_text_buffer_get_char_count (buffer);

  return n > 0 ? (double)offset / n : 0;
}

void
_ce_reader_view_update_strip (CeReaderView *self)
{
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (CeDispersionMark));
  gboolean searching = self->query != NULL && !ce_query_is_empty (self->query);
  guint first_lane = searching ? 1 : 0;
  GdkRGBA hit_color;

  search_color (&hit_color);

  for (guint i = 0; i < self->hits->len; i++)
    {
      CeDispersionMark mark = { relative_position (self, g_array_index (self->hits, Span, i).start), 0, hit_color };
      g_array_append_val (marks, mark);
    }

  for (guint t = 0; t < self->mentions->len; t++)
    {
      GArray *spans = g_ptr_array_index (self->mentions, t);
      CeDispersionMark mark = { 0, first_lane + t, { 0 } };

      topic_color (g_ptr_array_index (self->topics, t), &mark.color);
      for (guint i = 0; i < spans->len; i++)
        {
          mark.position = relative_position (self, g_array_index (spans, Span, i).start);
          g_array_append_val (marks, mark);
        }
    }

  ce_dispersion_strip_set_marks (self->strip, (CeDispersionMark *)(gpointer)marks->data, marks->len,
                                 first_lane + self->mentions->len);
  ce_dispersion_strip_set_current (self->strip, self->current_hit);
  gtk_widget_set_visible (GTK_WIDGET (self->strip),
                          self->document != NULL && (searching || self->topics->len > 0));
}

void
_ce_reader_view_apply_span (CeReaderView *self,
                            GtkTextTag   *tag,
                            const Span   *span)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, span->start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, span->end);
  gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
}

/* Keeps what a worker read of the document shown, byte ranges of its
 * body (@ranges: CeSearchRange, or %NULL without a search; @mentions:
 * a GArray of CeMention per topic, or %NULL), and marks it */
void
_ce_reader_view_set_highlights (CeReaderView *self,
                                GArray       *ranges,
                                GPtrArray    *mentions)
{
  if (ranges != NULL)
    g_array_ref (ranges);
  g_clear_pointer (&self->found_ranges, g_array_unref);
  self->found_ranges = ranges;

  if (mentions != NULL)
    g_ptr_array_ref (mentions);
  g_clear_pointer (&self->found_mentions, g_ptr_array_unref);
  self->found_mentions = mentions;

  _ce_reader_view_paint_highlights (self);
}

/* Marks what the search and the topics match, exactly as searching and
 * counting find it, at the offsets of the buffer as it is now */
void
_ce_reader_view_paint_highlights (CeReaderView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GArray *ranges = self->found_ranges;
  GtkTextIter start, end;
  Span current = { -1, -1 };

  /* A refresh (a topic edited) keeps the hit the user is on */
  if (self->current_hit >= 0 && (guint)self->current_hit < self->hits->len)
    current = g_array_index (self->hits, Span, self->current_hit);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->hit_tag, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->current_tag, &start, &end);
  for (guint i = 0; i < self->topic_tags->len; i++)
    gtk_text_buffer_remove_tag (buffer, g_ptr_array_index (self->topic_tags, i), &start, &end);

  g_array_set_size (self->hits, 0);
  g_ptr_array_set_size (self->mentions, 0);
  self->current_hit = -1;

  if (self->document != NULL)
    {
      for (guint i = 0; ranges != NULL && i < ranges->len; i++)
        {
          const CeSearchRange *range = &g_array_index (ranges, CeSearchRange, i);
          Span span = { _ce_reader_view_body_to_buffer (self, range->start), _ce_reader_view_body_to_buffer (self, range->end) };

          if (span.end <= span.start)
            continue;
          _ce_reader_view_apply_span (self, self->hit_tag, &span);
          if (span.start == current.start && span.end == current.end)
            self->current_hit = self->hits->len;
          g_array_append_val (self->hits, span);
        }

      /* Mentions read for as many topics as are highlighted now */
      for (guint t = 0; self->found_mentions != NULL && t < self->found_mentions->len && t < self->topics->len; t++)
        {
          GArray *found = g_ptr_array_index (self->found_mentions, t);
          GArray *spans = g_array_new (FALSE, FALSE, sizeof (Span));

          for (guint i = 0; i < found->len; i++)
            {
              const CeMention *mention = &g_array_index (found, CeMention, i);
              Span span = { _ce_reader_view_body_to_buffer (self, mention->start), _ce_reader_view_body_to_buffer (self, mention->end) };

              if (span.end <= span.start)
                continue;
              _ce_reader_view_apply_span (self, g_ptr_array_index (self->topic_tags, t), &span);
              g_array_append_val (spans, span);
            }

          g_ptr_array_add (self->mentions, spans);
        }
    }

  if (self->current_hit >= 0)
    _ce_reader_view_apply_span (self, self->current_tag, &g_array_index (self->hits, Span, self->current_hit));

  _ce_reader_view_update_hits_ui (self);
  _ce_reader_view_update_strip (self);
}

void
_ce_reader_view_go_to_hit (CeReaderView *self,
                           guint         index)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  if (index >= self->hits->len)
    return;

  /* The hit selected shows in a colour of its own, even unfocused */
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->current_tag, &start, &end);
  _ce_reader_view_apply_span (self, self->current_tag, &g_array_index (self->hits, Span, index));

  self->current_hit = index;
  _ce_reader_view_select_span (self, &g_array_index (self->hits, Span, index));
  ce_dispersion_strip_set_current (self->strip, index);
  _ce_reader_view_update_hits_ui (self);
}

static void
step_hit (CeReaderView *self,
          int           direction)
{
  guint n = self->hits->len;

  if (n == 0)
    return;

  if (self->current_hit < 0)
    _ce_reader_view_go_to_hit (self, direction > 0 ? 0 : n - 1);
  else
    _ce_reader_view_go_to_hit (self, (self->current_hit + n + direction) % n);
}

void
_ce_reader_view_next_hit_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  step_hit (CE_READER_VIEW (widget), 1);
}

void
_ce_reader_view_previous_hit_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  step_hit (CE_READER_VIEW (widget), -1);
}

void
_ce_reader_view_on_strip_mark_activated_cb (CeReaderView      *self,
                                            guint              index,
                                            CeDispersionStrip *strip)
{
  if (index < self->hits->len)
    {
      _ce_reader_view_go_to_hit (self, index);
      return;
    }

  index -= self->hits->len;
  for (guint t = 0; t < self->mentions->len; t++)
    {
      GArray *spans = g_ptr_array_index (self->mentions, t);

      if (index < spans->len)
        {
          _ce_reader_view_select_span (self, &g_array_index (spans, Span, index));
          return;
        }
      index -= spans->len;
    }
}

void
_ce_reader_view_on_strip_position_activated_cb (CeReaderView      *self,
                                                double             position,
                                                CeDispersionStrip *strip)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  _ce_reader_view_scroll_to_offset (self, position * gtk_text_buffer_get_char_count (buffer));
}

/**
 * ce_reader_view_get_n_hits:
 *
 * Returns: how many matches of the search the document shown has
 */
guint
ce_reader_view_get_n_hits (CeReaderView *self)
{
  g_return_val_if_fail (CE_IS_READER_VIEW (self), 0);
  return self->hits->len;
}

/**
 * ce_reader_view_get_current_hit:
 *
 * Returns: the match selected with F3 or a click, or -1
 */
int
ce_reader_view_get_current_hit (CeReaderView *self)
{
  g_return_val_if_fail (CE_IS_READER_VIEW (self), -1);
  return self->current_hit;
}

/**
 * ce_reader_view_go_to_hit:
 *
 * Selects a match of the search and scrolls it into view.
 */
void
ce_reader_view_go_to_hit (CeReaderView *self,
                          guint         index)
{
  g_return_if_fail (CE_IS_READER_VIEW (self));
  _ce_reader_view_go_to_hit (self, index);
}

/**
 * ce_reader_view_get_n_mentions:
 * @topic: the index of a topic given to ce_reader_view_set_topics()
 *
 * Returns: how many mentions of the topic are highlighted
 */
guint
ce_reader_view_get_n_mentions (CeReaderView *self,
                               guint         topic)
{
  g_return_val_if_fail (CE_IS_READER_VIEW (self), 0);

  if (topic >= self->mentions->len)
    return 0;

  return ((GArray *)g_ptr_array_index (self->mentions, topic))->len;
}
