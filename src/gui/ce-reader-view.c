/* ce-reader-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-reader-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ce-corrections.h"
#include "ce-counter.h"
#include "ce-dispersion-strip.h"
#include "ce-draft.h"
#include "ce-reader-view.h"
#include "ce-search.h"
#include "ce-topic.h"

/* Headings stand out by size as well as weight */
#define HEADING_SCALE 1.3

/* Documents remembered for Back and Forward */
#define HISTORY_MAX 100

/* The longest selection turned into a topic name */
#define TOPIC_NAME_MAX_CHARS 40

/* A range shown in a document just loaded is scrolled to on each frame
 * until its place holds this many frames, at most for MAX frames */
#define SCROLL_STABLE_FRAMES 2
#define SCROLL_MAX_FRAMES 30

/* One paragraph as shown: the buffer holds its text without the heading
 * mark, paragraphs one line break apart instead of a blank line. */
typedef struct
{
  gsize para_start;  /* body offset where the paragraph starts, mark included */
  gsize text_start;  /* body offset of the text shown */
  gsize text_len;    /* bytes shown */
  int   buf_start;   /* character offset in the buffer */
  int   buf_len;     /* characters shown */
} Segment;

/* A match in the buffer, in characters */
typedef struct
{
  int start;
  int end;
} Span;

struct _CeReaderView
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkStack          *stack;
  GtkWidget         *history_back_button;
  GtkWidget         *history_forward_button;
  GtkWidget         *previous_document_button;
  GtkWidget         *next_document_button;
  GtkWidget         *hits_box;
  GtkLabel          *hits_label;
  GtkScrolledWindow *scroller;
  GtkWidget         *clamp;
  GtkLabel          *title_label;
  GtkLabel          *meta_label;
  GtkTextView       *text_view;
  CeDispersionStrip *strip;

  /* Owned references */
  CeCorpus          *corpus;
  CeDocument        *document;
  CeQuery           *query;
  GPtrArray         *topics;        /* CeTopic shown */
  GPtrArray         *topic_tags;    /* GtkTextTag, one per topic */
  GArray            *segments;      /* Segment */
  GArray            *hits;          /* Span */
  GPtrArray         *mentions;      /* GArray of Span, one per topic */
  GArray            *history;       /* gint64 document ids */
  GMenu             *extra_menu;
  GMenu             *topics_menu;
  GtkWidget         *topics_popover;
  CeCorrectionUndo  *undo;
  AdwToast          *undo_toast;
  GtkTextTag        *body_tag;
  GtkTextTag        *heading_tag;
  GtkTextTag        *hit_tag;
  GtkTextTag        *current_tag;
  double             zoom;
  int                current_hit;
  guint              history_index;
  guint              index;
  guint              n_documents;
  guint              refresh_source;
  guint              scroll_tick;
  int                scroll_offset;    /* buffer offset to keep in view */
  guint              scroll_frames;
  guint              scroll_stable;
  double             scroll_value;
  guint              navigating : 1;
  guint              has_previous : 1;
};

G_DEFINE_FINAL_TYPE (CeReaderView, ce_reader_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_ZOOM,
  N_PROPS
};

enum {
  DOCUMENT_REQUESTED,
  MOVE_REQUESTED,
  SEARCH_REQUESTED,
  TOPICS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* "2024-03-01" reads as "1 March 2024", "2024-03" as "March 2024";
 * anything else is shown as stored. */
static char *
format_date (const char *iso)
{
  g_autoptr(GDateTime) date = NULL;
  int year = 0, month = 0, day = 0;
  int n;

  if (iso == NULL || *iso == 0)
    return NULL;

  n = sscanf (iso, "%4d-%2d-%2d", &year, &month, &day);
  if (n >= 2 && month >= 1 && month <= 12)
    {
      if (n == 3 && day >= 1 && day <= 31)
        date = g_date_time_new_local (year, month, day, 0, 0, 0);
      if (date != NULL && strlen (iso) == 10)
        return g_date_time_format (date, "%-e %B %Y");

      g_clear_pointer (&date, g_date_time_unref);
      date = g_date_time_new_local (year, month, 1, 0, 0, 0);
      if (date != NULL && strlen (iso) == 7)
        return g_date_time_format (date, "%B %Y");
    }

  return g_strdup (iso);
}

static char *
build_metadata (CeDocument *document,
                guint       index,
                guint       n_documents)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *fields[] = {
    ce_document_get_place (document),
    NULL,
    ce_document_get_source (document),
    ce_document_get_author (document),
  };
  guint words = ce_document_get_words (document);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (i == 1)
        {
          char *date = format_date (ce_document_get_date (document));

          if (date != NULL)
            g_ptr_array_add (parts, date);
        }
      else if (fields[i] != NULL && *fields[i] != 0)
        g_ptr_array_add (parts, g_strdup (fields[i]));
    }

  g_ptr_array_add (parts, g_strdup_printf (ngettext ("%'u word", "%'u words", words), words));

  if (n_documents > 0 && index < n_documents)
    /* Translators: position of the document in the list, "3 of 120" */
    g_ptr_array_add (parts, g_strdup_printf (_("%'u of %'u"), index + 1, n_documents));

  /* Each part wraps as a whole: "6 of 30" never breaks after "6" */
  for (guint i = 0; i < parts->len; i++)
    {
      g_auto(GStrv) words_of_part = g_strsplit (g_ptr_array_index (parts, i), " ", -1);

      g_free (g_ptr_array_index (parts, i));
      g_ptr_array_index (parts, i) = g_strjoinv ("\u00a0", words_of_part);
    }

  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **)parts->pdata);
}

static const char *
body_of (CeReaderView *self)
{
  const char *body = self->document ? ce_document_get_body (self->document) : NULL;

  return body != NULL ? body : "";
}

static void
fill_buffer (CeReaderView *self,
             const char   *body)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter iter;
  gsize len;
  gsize pos = 0;

  gtk_text_buffer_set_text (buffer, "", 0);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  g_array_set_size (self->segments, 0);

  if (body == NULL)
    return;

  /* Paragraphs are separated by a blank line in the store; in the view
   * one line break each, spaced by pixels-below-lines.  Each keeps its
   * place in the body, so matches (body offsets) land on the right text. */
  len = strlen (body);
  while (pos < len)
    {
      const char *separator = strstr (body + pos, "\n\n");
      gsize end = separator != NULL ? (gsize)(separator - body) : len;
      gsize start = pos;
      gsize stop = end;

      pos = separator != NULL ? end + 2 : len;

      while (start < stop && g_ascii_isspace (body[start]))
        start++;
      while (stop > start && g_ascii_isspace (body[stop - 1]))
        stop--;

      if (start < stop)
        {
          Segment segment = { .para_start = start, .text_start = start };
          gboolean heading = g_str_has_prefix (body + start, CE_HEADING_MARK);
          g_autofree char *valid = NULL;
          const char *text;

          if (heading)
            segment.text_start += strlen (CE_HEADING_MARK);

          if (self->segments->len > 0)
            gtk_text_buffer_insert_with_tags (buffer, &iter, "\n", 1, self->body_tag, NULL);

          segment.text_len = stop - segment.text_start;
          segment.buf_start = gtk_text_iter_get_offset (&iter);

          text = body + segment.text_start;
          if (!g_utf8_validate (text, segment.text_len, NULL))
            text = valid = g_utf8_make_valid (text, segment.text_len);

          gtk_text_buffer_insert_with_tags (buffer, &iter, text, valid ? -1 : (int)segment.text_len,
                                            self->body_tag,
                                            heading ? self->heading_tag : NULL,
                                            NULL);
          segment.buf_len = gtk_text_iter_get_offset (&iter) - segment.buf_start;
          g_array_append_val (self->segments, segment);
        }
    }
}

/* The segment of the paragraph holding @offset in the body: the last one
 * that starts at or before it. */
static const Segment *
segment_for_body_offset (CeReaderView *self,
                         gsize         offset)
{
  guint lo = 0, hi = self->segments->len;

  if (hi == 0)
    return NULL;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (self->segments, Segment, mid).para_start <= offset)
        lo = mid;
      else
        hi = mid;
    }

  return &g_array_index (self->segments, Segment, lo);
}

static guint
segment_index_for_buffer_offset (CeReaderView *self,
                                 int           offset)
{
  guint lo = 0, hi = self->segments->len;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (self->segments, Segment, mid).buf_start <= offset)
        lo = mid;
      else
        hi = mid;
    }

  return lo;
}

static int
body_to_buffer (CeReaderView *self,
                gsize         offset)
{
  const Segment *segment = segment_for_body_offset (self, offset);
  const char *body = body_of (self);

  if (segment == NULL)
    return 0;

  /* Inside a heading mark, or before the first paragraph */
  if (offset <= segment->text_start)
    return segment->buf_start;

  /* In the blank line after the paragraph */
  if (offset >= segment->text_start + segment->text_len)
    return segment->buf_start + segment->buf_len;

  return segment->buf_start + g_utf8_strlen (body + segment->text_start, offset - segment->text_start);
}

static gsize
buffer_to_body (CeReaderView *self,
                int           offset)
{
  const Segment *segment;
  const char *text;

  if (self->segments->len == 0)
    return 0;

  segment = &g_array_index (self->segments, Segment, segment_index_for_buffer_offset (self, offset));
  text = body_of (self) + segment->text_start;

  if (offset <= segment->buf_start)
    return segment->text_start;
  if (offset >= segment->buf_start + segment->buf_len)
    return segment->text_start + segment->text_len;

  return segment->text_start + (g_utf8_offset_to_pointer (text, offset - segment->buf_start) - text);
}

static void
apply_zoom (CeReaderView *self)
{
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  g_object_set (self->body_tag, "scale", self->zoom, NULL);
  g_object_set (self->heading_tag, "scale", self->zoom * HEADING_SCALE, NULL);

  pango_attr_list_insert (attrs, pango_attr_scale_new (self->zoom));
  gtk_label_set_attributes (self->title_label, attrs);
}

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

static void
update_tag_colors (CeReaderView *self)
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

static void
show_toast (CeReaderView *self,
            AdwToast     *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}

static void
show_message (CeReaderView *self,
              const char   *message)
{
  show_toast (self, adw_toast_new (message));
}

static void
update_hits_ui (CeReaderView *self)
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

static void
update_strip (CeReaderView *self)
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

static void
apply_span (CeReaderView *self,
            GtkTextTag   *tag,
            const Span   *span)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, span->start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, span->end);
  gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
}

/* Marks what the search and the topics match, exactly as searching and
 * counting find it: the core gives body byte ranges. */
static void
update_highlights (CeReaderView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  Span current = { -1, -1 };
  gint64 id;

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

  if (self->document != NULL && self->corpus != NULL)
    {
      id = ce_document_get_id (self->document);

      if (self->query != NULL && !ce_query_is_empty (self->query))
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GArray) ranges = ce_search_instances (self->corpus, self->query, id, &error);

          if (ranges == NULL)
            g_debug ("No search highlights: %s", error->message);

          for (guint i = 0; ranges != NULL && i < ranges->len; i++)
            {
              const CeSearchRange *range = &g_array_index (ranges, CeSearchRange, i);
              Span span = { body_to_buffer (self, range->start), body_to_buffer (self, range->end) };

              if (span.end <= span.start)
                continue;
              apply_span (self, self->hit_tag, &span);
              if (span.start == current.start && span.end == current.end)
                self->current_hit = self->hits->len;
              g_array_append_val (self->hits, span);
            }
        }

      for (guint t = 0; t < self->topics->len; t++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GArray) found = ce_counter_mentions (self->corpus, g_ptr_array_index (self->topics, t),
                                                         id, &error);
          GArray *spans = g_array_new (FALSE, FALSE, sizeof (Span));

          if (found == NULL)
            g_debug ("No highlights for a topic: %s", error->message);

          for (guint i = 0; found != NULL && i < found->len; i++)
            {
              const CeMention *mention = &g_array_index (found, CeMention, i);
              Span span = { body_to_buffer (self, mention->start), body_to_buffer (self, mention->end) };

              if (span.end <= span.start)
                continue;
              apply_span (self, g_ptr_array_index (self->topic_tags, t), &span);
              g_array_append_val (spans, span);
            }

          g_ptr_array_add (self->mentions, spans);
        }
    }

  if (self->current_hit >= 0)
    apply_span (self, self->current_tag, &g_array_index (self->hits, Span, self->current_hit));

  update_hits_ui (self);
  update_strip (self);
}

/* Scrolls so that the character at @offset sits in the middle of the
 * view.  The text view is not scrollable itself: it sits at full height
 * in the viewport, under the title. */
static void
scroll_to_offset (CeReaderView *self,
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

static void
select_span (CeReaderView *self,
             const Span   *span)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, span->start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, span->end);
  gtk_text_buffer_select_range (buffer, &start, &end);
  scroll_to_offset (self, span->start);
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  CeReaderView *self = CE_READER_VIEW (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double value;

  scroll_to_offset (self, self->scroll_offset);
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

static void
cancel_scroll (CeReaderView *self)
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
  scroll_to_offset (self, offset);

  self->scroll_offset = offset;
  self->scroll_frames = 0;
  self->scroll_stable = 0;
  self->scroll_value = -1;
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_tick_cb, NULL, NULL);
}

static void
update_history_actions (CeReaderView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.history-back",
                                 self->history->len > 0 && self->history_index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.history-forward",
                                 self->history_index + 1 < self->history->len);
}

static void
push_history (CeReaderView *self,
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

  update_history_actions (self);
}

static char *
selected_text (CeReaderView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return NULL;

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The selection on one line, without the punctuation around it:
 * "China," gives "China". */
static char *
selected_words (CeReaderView *self)
{
  g_autofree char *text = selected_text (self);
  g_autoptr(GString) words = NULL;
  gboolean space = FALSE;
  const char *p;

  if (text == NULL)
    return NULL;

  words = g_string_new (NULL);
  for (p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = words->len > 0;
          continue;
        }

      if (space)
        g_string_append_c (words, ' ');
      space = FALSE;
      g_string_append_unichar (words, c);
    }

  /* Trim what the tokenizer would drop at either end */
  while (words->len > 0)
    {
      const char *last = g_utf8_find_prev_char (words->str, words->str + words->len);
      gunichar c = g_utf8_get_char (last);

      if (g_unichar_isalnum (c))
        break;
      g_string_truncate (words, last - words->str);
    }
  while (words->len > 0 && !g_unichar_isalnum (g_utf8_get_char (words->str)))
    g_string_erase (words, 0, g_utf8_next_char (words->str) - words->str);

  if (words->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&words), FALSE);
}

static char *
without_quotes (const char *text)
{
  g_autoptr(GString) str = g_string_new (text);

  g_string_replace (str, "\"", "", 0);
  return g_string_free (g_steal_pointer (&str), FALSE);
}

/* A phrase is quoted, so topics and searches match it as a phrase */
static char *
term_for_words (const char *words)
{
  g_autofree char *bare = without_quotes (words);

  if (strchr (bare, ' ') != NULL)
    return g_strdup_printf ("\"%s\"", bare);

  return g_steal_pointer (&bare);
}

static guint
cursor_paragraph (CeReaderView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter iter;

  if (self->segments->len == 0)
    return 0;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  return segment_index_for_buffer_offset (self, gtk_text_iter_get_offset (&iter));
}

/* Whether the document has one before it in corpus order, to merge with */
static void
update_has_previous (CeReaderView *self)
{
  self->has_previous = self->document != NULL && self->corpus != NULL &&
                       ce_corpus_get_previous_document (self->corpus, ce_document_get_id (self->document)) > 0;
}

static void
update_actions (CeReaderView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  gboolean has_document = self->document != NULL;
  gboolean editable = has_document && self->corpus != NULL;
  gboolean selection = has_document && gtk_text_buffer_get_has_selection (buffer);
  gboolean in_list = has_document && self->n_documents > 0 && self->index < self->n_documents;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.previous-document",
                                 in_list && self->index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.next-document",
                                 in_list && self->index + 1 < self->n_documents);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.search-selection", selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.add-to-topic", selection && self->corpus != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.new-topic-from-selection", selection && self->corpus != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.choose-topic", selection && self->corpus != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.copy-citation", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.split",
                                 editable && cursor_paragraph (self) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.merge", editable && self->has_previous);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.undo-correction",
                                 self->undo != NULL && self->corpus != NULL);
}

static void
rebuild_topics_menu (CeReaderView *self)
{
  g_autoptr(GPtrArray) topics = NULL;
  g_autoptr(GMenu) existing = g_menu_new ();
  g_autoptr(GMenu) create = g_menu_new ();

  g_menu_remove_all (self->topics_menu);

  if (self->corpus != NULL)
    topics = ce_topics_list (self->corpus, NULL);

  for (guint i = 0; topics != NULL && i < topics->len; i++)
    {
      CeTopic *topic = g_ptr_array_index (topics, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (ce_topic_get_name (topic), NULL);

      g_menu_item_set_action_and_target_value (item, "reader.add-to-topic",
                                               g_variant_new_int64 (ce_topic_get_id (topic)));
      g_menu_append_item (existing, item);
    }

  g_menu_append (create, _("_New Topic from Selection"), "reader.new-topic-from-selection");

  if (g_menu_model_get_n_items (G_MENU_MODEL (existing)) > 0)
    g_menu_append_section (self->topics_menu, NULL, G_MENU_MODEL (existing));
  g_menu_append_section (self->topics_menu, NULL, G_MENU_MODEL (create));
}

static void
request_document (CeReaderView *self,
                  gint64        id)
{
  g_signal_emit (self, signals[DOCUMENT_REQUESTED], 0, id);
}

/* The toast belongs to the overlay; we only watch it */
static void
dismiss_undo_toast (CeReaderView *self)
{
  AdwToast *toast = self->undo_toast;

  if (toast == NULL)
    return;

  g_clear_weak_pointer (&self->undo_toast);
  adw_toast_dismiss (toast);
}

static void
undo_correction (CeReaderView *self)
{
  g_autoptr(CeCorrectionUndo) undo = g_steal_pointer (&self->undo);
  g_autoptr(GError) error = NULL;

  dismiss_undo_toast (self);

  if (undo == NULL || self->corpus == NULL)
    return;

  if (!ce_corpus_undo_correction (self->corpus, undo, &error))
    show_message (self, error->message);
  else
    request_document (self, ce_correction_undo_get_document (undo));

  update_actions (self);
}

static void
on_undo_clicked_cb (CeReaderView *self,
                    AdwToast     *toast)
{
  if (toast == self->undo_toast)
    undo_correction (self);
}

static void
on_undo_dismissed_cb (CeReaderView *self,
                      AdwToast     *toast)
{
  /* Once the toast is gone, so is the offer */
  if (toast == self->undo_toast)
    {
      g_clear_weak_pointer (&self->undo_toast);
      g_clear_pointer (&self->undo, ce_correction_undo_free);
      update_actions (self);
    }
}

static void
set_undo (CeReaderView     *self,
          CeCorrectionUndo *undo,
          const char       *message)
{
  AdwToast *toast;

  dismiss_undo_toast (self);
  g_clear_pointer (&self->undo, ce_correction_undo_free);
  self->undo = undo;

  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_dismissed_cb), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->undo_toast, toast);
  show_toast (self, toast);

  update_actions (self);
}

static void
go_to_hit (CeReaderView *self,
           guint         index)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  if (index >= self->hits->len)
    return;

  /* The hit selected shows in a colour of its own, even unfocused */
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->current_tag, &start, &end);
  apply_span (self, self->current_tag, &g_array_index (self->hits, Span, index));

  self->current_hit = index;
  select_span (self, &g_array_index (self->hits, Span, index));
  ce_dispersion_strip_set_current (self->strip, index);
  update_hits_ui (self);
}

static void
step_hit (CeReaderView *self,
          int           direction)
{
  guint n = self->hits->len;

  if (n == 0)
    return;

  if (self->current_hit < 0)
    go_to_hit (self, direction > 0 ? 0 : n - 1);
  else
    go_to_hit (self, (self->current_hit + n + direction) % n);
}

static void
next_hit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  step_hit (CE_READER_VIEW (widget), 1);
}

static void
previous_hit_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  step_hit (CE_READER_VIEW (widget), -1);
}

static void
move_document_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  CeReaderView *self = CE_READER_VIEW (widget);

  g_signal_emit (self, signals[MOVE_REQUESTED], 0,
                 g_str_equal (action_name, "reader.next-document") ? 1 : -1);
}

static void
history_action (GtkWidget  *widget,
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
  request_document (self, g_array_index (self->history, gint64, self->history_index));
  self->navigating = FALSE;

  update_history_actions (self);
}

static void
search_selection_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  CeReaderView *self = CE_READER_VIEW (widget);
  g_autofree char *words = selected_words (self);
  g_autofree char *bare = NULL;
  g_autofree char *quoted = NULL;

  if (words == NULL)
    return;

  bare = without_quotes (words);
  quoted = g_strdup_printf ("\"%s\"", bare);
  g_signal_emit (self, signals[SEARCH_REQUESTED], 0, quoted);
}

static CeTopic *
find_topic (CeReaderView *self,
            gint64        id)
{
  g_autoptr(GPtrArray) topics = NULL;

  /* The topic shown is the one others hold: change that one */
  for (guint i = 0; i < self->topics->len; i++)
    if (ce_topic_get_id (g_ptr_array_index (self->topics, i)) == id)
      return g_object_ref (g_ptr_array_index (self->topics, i));

  topics = ce_topics_list (self->corpus, NULL);
  for (guint i = 0; topics != NULL && i < topics->len; i++)
    if (ce_topic_get_id (g_ptr_array_index (topics, i)) == id)
      return g_object_ref (g_ptr_array_index (topics, i));

  return NULL;
}

static void
add_to_topic_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CeReaderView *self = CE_READER_VIEW (widget);
  g_autofree char *words = selected_words (self);
  g_autofree char *term = NULL;
  g_autofree char *message = NULL;
  g_autoptr(CeTopicTerm) parsed = NULL;
  g_autoptr(CeTopic) topic = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) old_terms = NULL;
  g_auto(GStrv) terms = NULL;

  if (words == NULL || self->corpus == NULL)
    return;

  topic = find_topic (self, g_variant_get_int64 (param));
  if (topic == NULL)
    {
      show_message (self, _("The topic no longer exists"));
      return;
    }

  term = term_for_words (words);
  parsed = ce_topic_term_parse (term, &error);
  if (parsed == NULL)
    {
      show_message (self, error->message);
      return;
    }

  old_terms = g_strdupv ((char **)ce_topic_get_terms (topic));
  for (guint i = 0; old_terms != NULL && old_terms[i] != NULL; i++)
    if (g_utf8_collate (old_terms[i], term) == 0 || g_ascii_strcasecmp (old_terms[i], term) == 0)
      {
        message = g_strdup_printf (_("“%s” is already a term of %s"), words, ce_topic_get_name (topic));
        show_message (self, message);
        return;
      }

  builder = g_strv_builder_new ();
  if (old_terms != NULL)
    g_strv_builder_addv (builder, (const char **)old_terms);
  g_strv_builder_add (builder, term);
  terms = g_strv_builder_end (builder);

  ce_topic_set_terms (topic, (const char * const *)terms);
  if (!ce_topics_save (self->corpus, topic, &error))
    {
      ce_topic_set_terms (topic, (const char * const *)old_terms);
      show_message (self, error->message);
      return;
    }

  /* Translators: "Added “xi jinping” to China" */
  message = g_strdup_printf (_("Added “%s” to %s"), words, ce_topic_get_name (topic));
  show_message (self, message);

  update_highlights (self);
  g_signal_emit (self, signals[TOPICS_CHANGED], 0);
}

static void
new_topic_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CeReaderView *self = CE_READER_VIEW (widget);
  g_autofree char *words = selected_words (self);
  g_autofree char *term = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  g_autoptr(CeTopicTerm) parsed = NULL;
  g_autoptr(CeTopic) topic = NULL;
  g_autoptr(GPtrArray) topics = NULL;
  g_autoptr(GError) error = NULL;
  const char *terms[2] = { NULL, NULL };

  if (words == NULL || self->corpus == NULL)
    return;

  term = term_for_words (words);
  parsed = ce_topic_term_parse (term, &error);
  if (parsed == NULL)
    {
      show_message (self, error->message);
      return;
    }

  /* Named after the selection, made unique as "Name 2", "Name 3"… */
  name = g_utf8_substring (words, 0, MIN (g_utf8_strlen (words, -1), TOPIC_NAME_MAX_CHARS));
  for (guint n = 2; n < 100; n++)
    {
      g_autoptr(CeTopic) existing = ce_topics_find (self->corpus, name, NULL);
      g_autofree char *base = NULL;

      if (existing == NULL)
        break;

      base = g_utf8_substring (words, 0, MIN (g_utf8_strlen (words, -1), TOPIC_NAME_MAX_CHARS));
      g_free (name);
      name = g_strdup_printf ("%s %u", base, n);
    }

  topics = ce_topics_list (self->corpus, NULL);
  terms[0] = term;
  topic = ce_topic_new (name, ce_topic_palette_get ((topics ? topics->len : 0) % ce_topic_palette_size ()),
                        terms);

  if (!ce_topics_save (self->corpus, topic, &error))
    {
      show_message (self, error->message);
      return;
    }

  /* Translators: a topic was made from the selected words */
  message = g_strdup_printf (_("New topic “%s”"), name);
  show_message (self, message);

  rebuild_topics_menu (self);
  g_signal_emit (self, signals[TOPICS_CHANGED], 0);
}

static void
choose_topic_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CeReaderView *self = CE_READER_VIEW (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  GdkRectangle rect;
  int x, y;

  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return;

  rebuild_topics_menu (self);

  if (self->topics_popover == NULL)
    {
      self->topics_popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (self->topics_menu));
      gtk_widget_set_parent (self->topics_popover, GTK_WIDGET (self->text_view));
    }

  /* Point at the selection, as a context menu would */
  gtk_text_view_get_iter_location (self->text_view, &start, &rect);
  gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y, &x, &y);
  rect.x = x;
  rect.y = y;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->topics_popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->topics_popover));
}

static void
copy_citation_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  CeReaderView *self = CE_READER_VIEW (widget);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = selected_text (self);
  g_autofree char *citation = NULL;
  g_autofree char *date = NULL;
  g_autofree char *result = NULL;
  const char *title;
  const char *place;
  const char *source;

  if (self->document == NULL)
    return;

  title = ce_document_get_title (self->document);
  place = ce_document_get_place (self->document);
  source = ce_document_get_source (self->document);
  date = format_date (ce_document_get_date (self->document));

  if (title != NULL && *title != 0)
    g_ptr_array_add (parts, g_strdup_printf ("“%s”", title));
  if (place != NULL && *place != 0)
    g_ptr_array_add (parts, g_strdup (place));
  if (date != NULL)
    g_ptr_array_add (parts, g_steal_pointer (&date));
  if (source != NULL && *source != 0)
    g_ptr_array_add (parts, g_strdup (source));
  g_ptr_array_add (parts, NULL);

  citation = g_strjoinv (", ", (char **)parts->pdata);

  if (text != NULL && *text != 0)
    result = g_strdup_printf ("%s\n\n%s", g_strstrip (text), citation);
  else
    result = g_steal_pointer (&citation);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), result);
}

static void
split_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  CeReaderView *self = CE_READER_VIEW (widget);
  g_autoptr(GError) error = NULL;
  CeCorrectionUndo *undo = NULL;
  const Segment *segment;
  guint paragraph;
  gint64 id;

  if (self->document == NULL || self->corpus == NULL)
    return;

  paragraph = cursor_paragraph (self);
  if (paragraph == 0)
    {
      show_message (self, _("Place the cursor in the paragraph that starts the new article"));
      return;
    }

  segment = &g_array_index (self->segments, Segment, paragraph);
  id = ce_document_get_id (self->document);

  if (ce_corpus_split_document_full (self->corpus, id, segment->para_start, &undo, &error) < 0)
    {
      show_message (self, error->message);
      return;
    }

  set_undo (self, undo, _("Article split"));
  request_document (self, id);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  CeReaderView *self = CE_READER_VIEW (widget);
  g_autoptr(GError) error = NULL;
  CeCorrectionUndo *undo = NULL;

  if (self->document == NULL || self->corpus == NULL)
    return;

  if (!ce_corpus_merge_document_full (self->corpus, ce_document_get_id (self->document), &undo, &error))
    {
      show_message (self, error->message);
      return;
    }

  set_undo (self, undo, _("Articles merged"));
  request_document (self, ce_correction_undo_get_document (undo));
}

static void
undo_correction_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  undo_correction (CE_READER_VIEW (widget));
}

static void
on_buffer_changed_cb (CeReaderView *self)
{
  update_actions (self);
}

static void
on_mark_set_cb (CeReaderView  *self,
                GtkTextIter   *location,
                GtkTextMark   *mark,
                GtkTextBuffer *buffer)
{
  if (mark == gtk_text_buffer_get_insert (buffer))
    update_actions (self);
}

/* A right click puts the cursor where it fell, unless it fell on the
 * selection: "Split Article Here" then means that paragraph. */
static void
on_context_pressed_cb (CeReaderView    *self,
                       int              n_press,
                       double           x,
                       double           y,
                       GtkGestureClick *gesture)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter iter, start, end;
  int bx, by;

  rebuild_topics_menu (self);

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    return;

  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end) &&
      gtk_text_iter_in_range (&iter, &start, &end))
    return;

  gtk_text_buffer_place_cursor (buffer, &iter);
}

static void
on_strip_mark_activated_cb (CeReaderView      *self,
                            guint              index,
                            CeDispersionStrip *strip)
{
  if (index < self->hits->len)
    {
      go_to_hit (self, index);
      return;
    }

  index -= self->hits->len;
  for (guint t = 0; t < self->mentions->len; t++)
    {
      GArray *spans = g_ptr_array_index (self->mentions, t);

      if (index < spans->len)
        {
          select_span (self, &g_array_index (spans, Span, index));
          return;
        }
      index -= spans->len;
    }
}

static void
on_strip_position_activated_cb (CeReaderView      *self,
                                double             position,
                                CeDispersionStrip *strip)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  scroll_to_offset (self, position * gtk_text_buffer_get_char_count (buffer));
}

static gboolean
refresh_cb (gpointer user_data)
{
  CeReaderView *self = user_data;

  self->refresh_source = 0;
  update_tag_colors (self);
  update_highlights (self);

  return G_SOURCE_REMOVE;
}

static void
on_topic_changed_cb (CeReaderView *self)
{
  /* A topic edited elsewhere: its highlights follow, once per burst */
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add (refresh_cb, self);
}

static void
on_dark_changed_cb (CeReaderView *self)
{
  update_tag_colors (self);
  update_strip (self);
}

static void
ce_reader_view_dispose (GObject *object)
{
  CeReaderView *self = (CeReaderView *)object;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
  self->scroll_tick = 0;
  g_clear_pointer (&self->topics_popover, gtk_widget_unparent);

  dismiss_undo_toast (self);
  g_clear_pointer (&self->undo, ce_correction_undo_free);

  for (guint i = 0; self->topics != NULL && i < self->topics->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->topics, i), self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CE_TYPE_READER_VIEW);

  g_clear_object (&self->document);
  g_clear_object (&self->corpus);
  g_clear_pointer (&self->query, ce_query_unref);
  g_clear_object (&self->extra_menu);
  g_clear_object (&self->topics_menu);

  G_OBJECT_CLASS (ce_reader_view_parent_class)->dispose (object);
}

static void
ce_reader_view_finalize (GObject *object)
{
  CeReaderView *self = (CeReaderView *)object;

  g_clear_pointer (&self->topics, g_ptr_array_unref);
  g_clear_pointer (&self->topic_tags, g_ptr_array_unref);
  g_clear_pointer (&self->segments, g_array_unref);
  g_clear_pointer (&self->hits, g_array_unref);
  g_clear_pointer (&self->mentions, g_ptr_array_unref);
  g_clear_pointer (&self->history, g_array_unref);

  G_OBJECT_CLASS (ce_reader_view_parent_class)->finalize (object);
}

static void
ce_reader_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CeReaderView *self = CE_READER_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ce_reader_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CeReaderView *self = CE_READER_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      ce_reader_view_set_zoom (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ce_reader_view_class_init (CeReaderViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ce_reader_view_dispose;
  object_class->finalize = ce_reader_view_finalize;
  object_class->get_property = ce_reader_view_get_property;
  object_class->set_property = ce_reader_view_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CE_TYPE_DOCUMENT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, CE_READER_ZOOM_MIN, CE_READER_ZOOM_MAX, 1.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CeReaderView::document-requested:
   * @id: the document to show
   *
   * The reader wants another document shown: from Back and Forward, or
   * after a split or merge changed the one shown.
   */
  signals[DOCUMENT_REQUESTED] =
    g_signal_new ("document-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * CeReaderView::move-requested:
   * @offset: 1 for the next document in the list, -1 for the previous
   */
  signals[MOVE_REQUESTED] =
    g_signal_new ("move-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);

  /**
   * CeReaderView::search-requested:
   * @text: a query: the selection as a quoted phrase
   */
  signals[SEARCH_REQUESTED] =
    g_signal_new ("search-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * CeReaderView::topics-changed:
   *
   * A topic was created or given a term from the selection, and saved.
   */
  signals[TOPICS_CHANGED] =
    g_signal_new ("topics-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, APPLICATION_PATH "/ce-reader-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, stack);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, history_back_button);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, history_forward_button);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, previous_document_button);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, next_document_button);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, hits_box);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, hits_label);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, scroller);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, clamp);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, title_label);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, text_view);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, strip);

  gtk_widget_class_install_action (widget_class, "reader.next-hit", NULL, next_hit_action);
  gtk_widget_class_install_action (widget_class, "reader.previous-hit", NULL, previous_hit_action);
  gtk_widget_class_install_action (widget_class, "reader.next-document", NULL, move_document_action);
  gtk_widget_class_install_action (widget_class, "reader.previous-document", NULL, move_document_action);
  gtk_widget_class_install_action (widget_class, "reader.history-back", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "reader.history-forward", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "reader.search-selection", NULL, search_selection_action);
  gtk_widget_class_install_action (widget_class, "reader.add-to-topic", "x", add_to_topic_action);
  gtk_widget_class_install_action (widget_class, "reader.new-topic-from-selection", NULL, new_topic_action);
  gtk_widget_class_install_action (widget_class, "reader.choose-topic", NULL, choose_topic_action);
  gtk_widget_class_install_action (widget_class, "reader.copy-citation", NULL, copy_citation_action);
  gtk_widget_class_install_action (widget_class, "reader.split", NULL, split_action);
  gtk_widget_class_install_action (widget_class, "reader.merge", NULL, merge_action);
  gtk_widget_class_install_action (widget_class, "reader.undo-correction", NULL, undo_correction_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "readerview");

  g_type_ensure (CE_TYPE_DISPERSION_STRIP);
}

/* The reader's keys work wherever the focus is in the window */
static void
add_shortcuts (CeReaderView *self)
{
  static const struct
  {
    const char *trigger;
    const char *action;
  } shortcuts[] = {
    { "F3", "reader.next-hit" },
    { "<Shift>F3", "reader.previous-hit" },
    { "<Alt>Down", "reader.next-document" },
    { "<Control>Page_Down", "reader.next-document" },
    { "<Alt>Up", "reader.previous-document" },
    { "<Control>Page_Up", "reader.previous-document" },
    { "<Alt>Left", "reader.history-back" },
    { "<Alt>Right", "reader.history-forward" },
    { "<Control><Shift>f", "reader.search-selection" },
    { "<Control><Shift>t", "reader.choose-topic" },
    { "<Control><Shift>c", "reader.copy-citation" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_GLOBAL);

  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string (shortcuts[i].trigger),
                                                            gtk_named_action_new (shortcuts[i].action)));

  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
build_extra_menu (CeReaderView *self)
{
  g_autoptr(GMenu) selection = g_menu_new ();
  g_autoptr(GMenu) segmentation = g_menu_new ();

  self->topics_menu = g_menu_new ();
  rebuild_topics_menu (self);

  g_menu_append (selection, _("_Search for Selection"), "reader.search-selection");
  g_menu_append_submenu (selection, _("Add Selection to _Topic"), G_MENU_MODEL (self->topics_menu));
  g_menu_append (selection, _("Copy with _Citation"), "reader.copy-citation");
  g_menu_append (segmentation, _("Split Article _Here"), "reader.split");
  g_menu_append (segmentation, _("_Merge with Previous Article"), "reader.merge");

  self->extra_menu = g_menu_new ();
  g_menu_append_section (self->extra_menu, NULL, G_MENU_MODEL (selection));
  g_menu_append_section (self->extra_menu, NULL, G_MENU_MODEL (segmentation));
  gtk_text_view_set_extra_menu (self->text_view, G_MENU_MODEL (self->extra_menu));
}

static void
ce_reader_view_init (CeReaderView *self)
{
  GtkTextBuffer *buffer;
  GtkGesture *context;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->zoom = 1.0;
  self->current_hit = -1;
  self->topics = g_ptr_array_new_with_free_func (g_object_unref);
  self->topic_tags = g_ptr_array_new ();
  self->segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  self->hits = g_array_new (FALSE, FALSE, sizeof (Span));
  self->mentions = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  self->history = g_array_new (FALSE, FALSE, sizeof (gint64));

  buffer = gtk_text_view_get_buffer (self->text_view);
  self->body_tag = gtk_text_buffer_create_tag (buffer, "body", NULL);
  self->heading_tag = gtk_text_buffer_create_tag (buffer, "heading",
                                                  "weight", PANGO_WEIGHT_BOLD,
                                                  "pixels-above-lines", 10,
                                                  NULL);
  self->hit_tag = gtk_text_buffer_create_tag (buffer, CE_READER_HIT_TAG, NULL);
  self->current_tag = gtk_text_buffer_create_tag (buffer, "current-hit", NULL);
  apply_zoom (self);
  update_tag_colors (self);

  g_signal_connect_object (buffer, "notify::has-selection", G_CALLBACK (on_buffer_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "mark-set", G_CALLBACK (on_mark_set_cb), self, G_CONNECT_SWAPPED);

  context = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (context), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (context), GTK_PHASE_CAPTURE);
  g_signal_connect_object (context, "pressed", G_CALLBACK (on_context_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (context));

  g_signal_connect_object (self->strip, "mark-activated", G_CALLBACK (on_strip_mark_activated_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->strip, "position-activated", G_CALLBACK (on_strip_position_activated_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);

  build_extra_menu (self);
  add_shortcuts (self);
  update_actions (self);
  update_history_actions (self);
  update_hits_ui (self);
}

GtkWidget *
ce_reader_view_new (void)
{
  return g_object_new (CE_TYPE_READER_VIEW, NULL);
}

/**
 * ce_reader_view_get_document:
 *
 * Returns: (transfer none) (nullable): the document shown
 */
CeDocument *
ce_reader_view_get_document (CeReaderView *self)
{
  g_return_val_if_fail (CE_IS_READER_VIEW (self), NULL);
  return self->document;
}

/**
 * ce_reader_view_set_document:
 * @document: (nullable): a document loaded with its body, or %NULL for
 *   the "Select a Document" state
 * @index: its position in the list
 * @n_documents: how many documents the list holds (0 to leave out
 *   "n of N", and when @document is not in the list)
 */
void
ce_reader_view_set_document (CeReaderView *self,
                             CeDocument   *document,
                             guint         index,
                             guint         n_documents)
{
  g_autofree char *meta = NULL;
  GtkAdjustment *vadjustment;
  const char *title;
  gboolean same;

  g_return_if_fail (CE_IS_READER_VIEW (self));
  g_return_if_fail (!document || CE_IS_DOCUMENT (document));

  same = document != NULL && self->document != NULL &&
         ce_document_get_id (document) == ce_document_get_id (self->document);
  if (!same)
    cancel_scroll (self);

  g_set_object (&self->document, document);
  self->index = index;
  self->n_documents = n_documents;

  if (document == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->meta_label, "");
      fill_buffer (self, NULL);
      update_highlights (self);
      update_has_previous (self);
      update_actions (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
      return;
    }

  title = ce_document_get_title (document);
  if (title == NULL || *title == 0)
    title = _("Untitled Document");

  meta = build_metadata (document, index, n_documents);

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->meta_label, meta);
  fill_buffer (self, ce_document_get_body (document));
  update_highlights (self);

  /* The same document shown again (after a change) keeps its place */
  vadjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  if (!same)
    gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_lower (vadjustment));

  push_history (self, ce_document_get_id (document));
  update_has_previous (self);
  update_actions (self);

  gtk_stack_set_visible_child_name (self->stack, "document");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

double
ce_reader_view_get_zoom (CeReaderView *self)
{
  g_return_val_if_fail (CE_IS_READER_VIEW (self), 1.0);
  return self->zoom;
}

/**
 * ce_reader_view_set_zoom:
 * @zoom: text scale, 1.0 for the normal size
 */
void
ce_reader_view_set_zoom (CeReaderView *self,
                         double        zoom)
{
  g_return_if_fail (CE_IS_READER_VIEW (self));

  zoom = CLAMP (zoom, CE_READER_ZOOM_MIN, CE_READER_ZOOM_MAX);
  if (G_APPROX_VALUE (zoom, self->zoom, 0.001))
    return;

  self->zoom = zoom;
  apply_zoom (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/**
 * ce_reader_view_get_buffer:
 *
 * Returns: (transfer none): the body text as shown
 */
GtkTextBuffer *
ce_reader_view_get_buffer (CeReaderView *self)
{
  g_return_val_if_fail (CE_IS_READER_VIEW (self), NULL);
  return gtk_text_view_get_buffer (self->text_view);
}

const char *
ce_reader_view_get_title (CeReaderView *self)
{
  g_return_val_if_fail (CE_IS_READER_VIEW (self), NULL);
  return gtk_label_get_text (self->title_label);
}

const char *
ce_reader_view_get_metadata (CeReaderView *self)
{
  g_return_val_if_fail (CE_IS_READER_VIEW (self), NULL);
  return gtk_label_get_text (self->meta_label);
}

/**
 * ce_reader_view_get_corpus:
 *
 * Returns: (transfer none) (nullable): the corpus the documents come from
 */
CeCorpus *
ce_reader_view_get_corpus (CeReaderView *self)
{
  g_return_val_if_fail (CE_IS_READER_VIEW (self), NULL);
  return self->corpus;
}

/**
 * ce_reader_view_set_corpus:
 * @corpus: (nullable): where the documents shown come from; highlights,
 *   topics and corrections need it
 */
void
ce_reader_view_set_corpus (CeReaderView *self,
                           CeCorpus     *corpus)
{
  g_return_if_fail (CE_IS_READER_VIEW (self));
  g_return_if_fail (!corpus || CE_IS_CORPUS (corpus));

  if (!g_set_object (&self->corpus, corpus))
    return;

  /* History and undo belong to the corpus they were made in */
  g_array_set_size (self->history, 0);
  self->history_index = 0;
  dismiss_undo_toast (self);
  g_clear_pointer (&self->undo, ce_correction_undo_free);

  if (self->document != NULL)
    push_history (self, ce_document_get_id (self->document));

  rebuild_topics_menu (self);
  update_highlights (self);
  update_has_previous (self);
  update_actions (self);
  update_history_actions (self);
}

/**
 * ce_reader_view_get_query:
 *
 * Returns: (transfer none) (nullable): the search highlighted
 */
CeQuery *
ce_reader_view_get_query (CeReaderView *self)
{
  g_return_val_if_fail (CE_IS_READER_VIEW (self), NULL);
  return self->query;
}

/**
 * ce_reader_view_set_query:
 * @query: (nullable): the search whose matches are highlighted and
 *   stepped through with F3
 */
void
ce_reader_view_set_query (CeReaderView *self,
                          CeQuery      *query)
{
  g_return_if_fail (CE_IS_READER_VIEW (self));

  if (query == self->query)
    return;

  if (query != NULL)
    ce_query_ref (query);
  g_clear_pointer (&self->query, ce_query_unref);
  self->query = query;

  update_highlights (self);
}

/**
 * ce_reader_view_set_topics:
 * @topics: (element-type CeTopic) (nullable): the topics whose mentions
 *   are highlighted, each in its colour: the enabled ones
 *
 * Edits to these topics (terms, colour) show at once.
 */
void
ce_reader_view_set_topics (CeReaderView *self,
                           GPtrArray    *topics)
{
  GtkTextBuffer *buffer;
  GtkTextTagTable *table;

  g_return_if_fail (CE_IS_READER_VIEW (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  table = gtk_text_buffer_get_tag_table (buffer);

  for (guint i = 0; i < self->topics->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->topics, i), self);
  for (guint i = 0; i < self->topic_tags->len; i++)
    gtk_text_tag_table_remove (table, g_ptr_array_index (self->topic_tags, i));
  g_ptr_array_set_size (self->topic_tags, 0);
  g_ptr_array_set_size (self->mentions, 0);
  g_ptr_array_set_size (self->topics, 0);

  for (guint i = 0; topics != NULL && i < topics->len; i++)
    {
      CeTopic *topic = g_ptr_array_index (topics, i);
      g_autofree char *name = NULL;
      GtkTextTag *tag;

      g_return_if_fail (CE_IS_TOPIC (topic));

      name = g_strdup_printf (CE_READER_TOPIC_TAG_PREFIX "%" G_GINT64_FORMAT, ce_topic_get_id (topic));
      if (gtk_text_tag_table_lookup (table, name) != NULL)
        continue;

      tag = gtk_text_buffer_create_tag (buffer, name, NULL);
      g_ptr_array_add (self->topic_tags, tag);
      g_ptr_array_add (self->topics, g_object_ref (topic));

      g_signal_connect_object (topic, "notify::terms", G_CALLBACK (on_topic_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (topic, "notify::color", G_CALLBACK (on_topic_changed_cb), self, G_CONNECT_SWAPPED);
    }

  /* Search hits show above topic highlights, the current one above all */
  gtk_text_tag_set_priority (self->hit_tag, gtk_text_tag_table_get_size (table) - 1);
  gtk_text_tag_set_priority (self->current_tag, gtk_text_tag_table_get_size (table) - 1);

  update_tag_colors (self);
  rebuild_topics_menu (self);
  update_highlights (self);
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
  go_to_hit (self, index);
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

/**
 * ce_reader_view_get_iter_at_body_offset:
 * @body_offset: a byte offset in the body of the document shown, as
 *   search and counting report them
 * @iter: (out): the same place in the buffer
 *
 * Headings are shown without their mark and paragraphs one line apart,
 * so the buffer and the body differ; this maps one onto the other.  An
 * offset in a heading mark or a blank line maps to the nearest text.
 *
 * Returns: %FALSE when no document is shown or @body_offset is beyond
 *   its body
 */
gboolean
ce_reader_view_get_iter_at_body_offset (CeReaderView *self,
                                        gsize         body_offset,
                                        GtkTextIter  *iter)
{
  GtkTextBuffer *buffer;

  g_return_val_if_fail (CE_IS_READER_VIEW (self), FALSE);
  g_return_val_if_fail (iter != NULL, FALSE);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_start_iter (buffer, iter);

  if (self->document == NULL || body_offset > strlen (body_of (self)))
    return FALSE;

  gtk_text_buffer_get_iter_at_offset (buffer, iter, body_to_buffer (self, body_offset));
  return TRUE;
}

/**
 * ce_reader_view_get_body_offset:
 * @iter: a place in the buffer
 *
 * Returns: the byte offset in the document's body of the text at @iter
 */
gsize
ce_reader_view_get_body_offset (CeReaderView      *self,
                                const GtkTextIter *iter)
{
  g_return_val_if_fail (CE_IS_READER_VIEW (self), 0);
  g_return_val_if_fail (iter != NULL, 0);

  return buffer_to_body (self, gtk_text_iter_get_offset (iter));
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
          go_to_hit (self, i);
          keep_in_view (self, span.start);
          return;
        }
    }

  /* Not a hit of the search: marked as one while it is selected */
  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &first, &last);
  gtk_text_buffer_remove_tag (buffer, self->current_tag, &first, &last);
  apply_span (self, self->current_tag, &span);
  self->current_hit = -1;
  ce_dispersion_strip_set_current (self->strip, -1);
  update_hits_ui (self);

  select_span (self, &span);
  keep_in_view (self, span.start);
}
