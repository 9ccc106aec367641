/* ce-reader-view-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-reader-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ce-mail-marks.h"
#include "ce-reader-view-private.h"

/* Headings stand out by size as well as weight */
#define HEADING_SCALE 1.3
/* A signature is set a little smaller, as mail clients do */
#define SIGNATURE_SCALE 0.9
/* Each level of quoting is indented this much more */
#define QUOTE_INDENT 22

/* "2024-03-01" reads as "1 March 2024", "2024-03" as "March 2024";
 * anything else is shown as stored. */
char *
_ce_reader_view_format_date (const char *iso)
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
        /* Translators: a day in the reader, in g_date_time_format()'s
         * terms: "5 March 2024"; German writes "%-e. %B %Y" */
        return g_date_time_format (date, _("%-e %B %Y"));

      g_clear_pointer (&date, g_date_time_unref);
      date = g_date_time_new_local (year, month, 1, 0, 0, 0);
      if (date != NULL && strlen (iso) == 7)
        /* Translators: a month in the reader, in g_date_time_format()'s
         * terms: "March 2024" */
        return g_date_time_format (date, _("%B %Y"));
    }

  return g_strdup (iso);
}

char *
_ce_reader_view_build_metadata (CeDocument *document,
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
          char *date = _ce_reader_view_format_date (ce_document_get_date (document));

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

/* Lines of removed sentences, between paragraphs */
static void
insert_removed_line (CeReaderView  *self,
                     GtkTextIter   *iter,
                     const char    *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  if (gtk_text_buffer_get_char_count (buffer) > 0)
    gtk_text_buffer_insert_with_tags (buffer, iter, "\n", 1, self->body_tag, NULL);
  gtk_text_buffer_insert_with_tags (buffer, iter, text, -1, self->body_tag, self->diff_removed_tag, NULL);
}

/* Removed sentences set into a paragraph, after a space; @tag (the
 * paragraph's, or %NULL) too */
static void
insert_removed_inline (CeReaderView *self,
                       GtkTextIter  *iter,
                       const char   *text,
                       GtkTextTag   *tag)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  int start = gtk_text_iter_get_offset (iter);
  GtkTextIter first;

  gtk_text_buffer_insert_with_tags (buffer, iter, " ", 1, self->body_tag, NULL);
  gtk_text_buffer_insert_with_tags (buffer, iter, text, -1, self->body_tag, self->diff_removed_tag, NULL);
  if (tag != NULL)
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &first, start);
      gtk_text_buffer_apply_tag (buffer, tag, &first, iter);
    }
}

/* Inserts body[@from, @to) of a paragraph as a segment */
static void
insert_piece (CeReaderView *self,
              GtkTextIter  *iter,
              const char   *body,
              gsize         para_start,
              gsize         from,
              gsize         to,
              gboolean      continued,
              GtkTextTag   *tag)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  Segment segment = { .para_start = continued ? from : para_start, .text_start = from,
                      .text_len = to - from, .continued = continued };
  g_autofree char *valid = NULL;
  const char *text = body + from;

  segment.buf_start = gtk_text_iter_get_offset (iter);
  if (!g_utf8_validate (text, segment.text_len, NULL))
    text = valid = g_utf8_make_valid (text, segment.text_len);

  gtk_text_buffer_insert_with_tags (buffer, iter, text, valid ? -1 : (int)segment.text_len,
                                    self->body_tag, tag, NULL);
  segment.buf_len = gtk_text_iter_get_offset (iter) - segment.buf_start;
  g_array_append_val (self->segments, segment);
}

void
_ce_reader_view_fill_buffer (CeReaderView *self,
                             const char   *body)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autoptr(GArray) insertions = NULL;
  GtkTextIter iter;
  guint next = 0;
  gsize len;
  gsize pos = 0;

  gtk_text_buffer_set_text (buffer, "", 0);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  g_array_set_size (self->segments, 0);

  if (body == NULL)
    return;

  /* What the earliest copy has and this one lacks, when asked for */
  insertions = _ce_reader_view_diff_insertions (self);
#define INSERTION(i) (&g_array_index (insertions, Insertion, (i)))
#define N_INSERTIONS (insertions != NULL ? insertions->len : 0)

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
          gboolean heading = g_str_has_prefix (body + start, CE_HEADING_MARK);
          GtkTextTag *mail_tag = NULL;
          CeMailBlockKind kind;
          gsize text_start = start;
          gsize piece;
          gboolean continued = FALSE;
          guint depth;
          gsize mark;
          int first_buf;

          /* Whole paragraphs removed before this one */
          for (; next < N_INSERTIONS && (INSERTION (next)->offset < start ||
                                        (INSERTION (next)->offset == start && INSERTION (next)->own_line));
               next++)
            insert_removed_line (self, &iter, INSERTION (next)->text);

          /* Quotes and signatures are shown without their marks */
          kind = ce_mail_paragraph_kind (body + start, stop - start, &depth, &mark);
          if (kind == CE_MAIL_BLOCK_QUOTE)
            mail_tag = self->quote_tags[MIN (depth, CE_READER_QUOTE_DEPTHS) - 1];
          else if (kind == CE_MAIL_BLOCK_SIGNATURE)
            mail_tag = self->signature_tag;

          /* Folded quotes are left out of the buffer; their offsets map
           * to the paragraph before them */
          if (kind == CE_MAIL_BLOCK_QUOTE && !self->show_quoted)
            continue;

          if (heading)
            text_start += strlen (CE_HEADING_MARK);
          else
            text_start += mark;

          if (gtk_text_buffer_get_char_count (buffer) > 0)
            gtk_text_buffer_insert_with_tags (buffer, &iter, "\n", 1, self->body_tag, NULL);
          first_buf = gtk_text_iter_get_offset (&iter);

          /* The paragraph, cut where removed sentences are set in */
          piece = text_start;
          for (;;)
            {
              Insertion *insertion = next < N_INSERTIONS ? INSERTION (next) : NULL;
              gboolean inline_here = insertion != NULL &&
                                     ((insertion->offset > piece && insertion->offset < stop) ||
                                      (insertion->offset == stop && !insertion->own_line));
              gsize cut = inline_here ? insertion->offset : stop;

              if (cut > piece)
                {
                  insert_piece (self, &iter, body, start, piece, cut, continued,
                                heading ? self->heading_tag : mail_tag);
                  continued = TRUE;
                }
              piece = cut;

              if (!inline_here)
                break;

              insert_removed_inline (self, &iter, insertion->text, heading ? self->heading_tag : mail_tag);
              next++;
            }

          if (kind == CE_MAIL_BLOCK_SIGNATURE)
            {
              GtkTextIter first, line_end;

              gtk_text_buffer_get_iter_at_offset (buffer, &first, first_buf);
              line_end = first;
              if (!gtk_text_iter_ends_line (&line_end))
                gtk_text_iter_forward_to_line_end (&line_end);
              gtk_text_buffer_apply_tag (buffer, self->signature_start_tag, &first, &line_end);
            }
        }
    }

  /* Whole paragraphs removed at the end */
  for (; next < N_INSERTIONS; next++)
    insert_removed_line (self, &iter, INSERTION (next)->text);
#undef INSERTION
#undef N_INSERTIONS

  _ce_reader_view_mark_added (self);
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

guint
_ce_reader_view_segment_index_for_buffer_offset (CeReaderView *self,
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

int
_ce_reader_view_body_to_buffer (CeReaderView *self,
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

  segment = &g_array_index (self->segments, Segment, _ce_reader_view_segment_index_for_buffer_offset (self, offset));
  text = body_of (self) + segment->text_start;

  if (offset <= segment->buf_start)
    return segment->text_start;
  if (offset >= segment->buf_start + segment->buf_len)
    return segment->text_start + segment->text_len;

  return segment->text_start + (g_utf8_offset_to_pointer (text, offset - segment->buf_start) - text);
}

void
_ce_reader_view_apply_zoom (CeReaderView *self)
{
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  g_object_set (self->body_tag, "scale", self->zoom, NULL);
  g_object_set (self->heading_tag, "scale", self->zoom * HEADING_SCALE, NULL);
  g_object_set (self->signature_tag, "scale", self->zoom * SIGNATURE_SCALE, NULL);

  pango_attr_list_insert (attrs, pango_attr_scale_new (self->zoom));
  gtk_label_set_attributes (self->title_label, attrs);
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

  gtk_text_buffer_get_iter_at_offset (buffer, iter, _ce_reader_view_body_to_buffer (self, body_offset));
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

void
_ce_reader_view_create_mail_tags (CeReaderView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  for (guint i = 0; i < CE_READER_QUOTE_DEPTHS; i++)
    {
      g_autofree char *name = g_strdup_printf ("quote-%u", i + 1);

      self->quote_tags[i] = gtk_text_buffer_create_tag (buffer, name,
                                                        "left-margin", QUOTE_INDENT * (i + 1),
                                                        NULL);
    }
  /* The lines of a signature stay together, as the sender wrote them;
   * only its first line keeps it apart from the message */
  self->signature_tag = gtk_text_buffer_create_tag (buffer, "signature",
                                                    "pixels-below-lines", 2,
                                                    NULL);
  self->signature_start_tag = gtk_text_buffer_create_tag (buffer, "signature-start",
                                                          "pixels-above-lines", 12,
                                                          NULL);
  _ce_reader_view_update_mail_tag_colors (self);
}

/* Quoted text and the signature in the text colour, dimmed */
void
_ce_reader_view_update_mail_tag_colors (CeReaderView *self)
{
  GdkRGBA dim;

  if (self->signature_tag == NULL)
    return;

  /* The view's own colour: styles are computed from the top down, so the
   * text view's may not be up to date yet when this runs */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &dim);
  G_GNUC_END_IGNORE_DEPRECATIONS
  dim.alpha *= 0.62;

  for (guint i = 0; i < CE_READER_QUOTE_DEPTHS; i++)
    g_object_set (self->quote_tags[i], "foreground-rgba", &dim, NULL);
  g_object_set (self->signature_tag, "foreground-rgba", &dim, NULL);
}

/**
 * ce_reader_view_set_show_quoted:
 * @show: %FALSE to fold the quoted paragraphs of mail away
 */
void
ce_reader_view_set_show_quoted (CeReaderView *self,
                                gboolean      show)
{
  g_return_if_fail (CE_IS_READER_VIEW (self));

  show = !!show;
  if (self->show_quoted == show)
    return;

  self->show_quoted = show;
  if (self->document != NULL)
    {
      _ce_reader_view_fill_buffer (self, ce_document_get_body (self->document));
      _ce_reader_view_paint_highlights (self);
    }
  g_object_notify (G_OBJECT (self), "show-quoted");
}

gboolean
ce_reader_view_get_show_quoted (CeReaderView *self)
{
  g_return_val_if_fail (CE_IS_READER_VIEW (self), TRUE);
  return self->show_quoted;
}

/**
 * ce_reader_view_set_mark_changes:
 * @mark: %FALSE to show a copy's text as stored, without what it added
 *   to or left out of the earliest copy of its story marked
 */
void
ce_reader_view_set_mark_changes (CeReaderView *self,
                                 gboolean      mark)
{
  g_return_if_fail (CE_IS_READER_VIEW (self));

  mark = !!mark;
  if (self->mark_changes == mark)
    return;

  self->mark_changes = mark;
  if (self->document != NULL && self->diff != NULL)
    {
      _ce_reader_view_fill_buffer (self, ce_document_get_body (self->document));
      _ce_reader_view_paint_highlights (self);
    }
  g_object_notify (G_OBJECT (self), "mark-changes");
}

gboolean
ce_reader_view_get_mark_changes (CeReaderView *self)
{
  g_return_val_if_fail (CE_IS_READER_VIEW (self), TRUE);
  return self->mark_changes;
}
