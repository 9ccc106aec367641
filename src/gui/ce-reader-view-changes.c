/* ce-reader-view-changes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a copy of a story changed against the earliest copy, marked in
 * the text itself: the sentences it adds on a green wash, the sentences
 * it leaves out set in where they stood, struck through in red.  The
 * comparison is read with the document (ce-reader-view-load.c); the
 * #CeReaderView:mark-changes property (the copies panel's switch, kept
 * in the settings) shows the text as stored instead.
 */

#define G_LOG_DOMAIN "ce-reader-view"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ce-corpus-duplicates.h"
#include "ce-draft.h"
#include "ce-mail-marks.h"
#include "ce-reader-view-private.h"
#include "ce-sentence-diff.h"

void
_ce_reader_view_create_diff_tags (CeReaderView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  self->diff_added_tag = gtk_text_buffer_create_tag (buffer, CE_READER_ADDED_TAG, NULL);
  self->diff_removed_tag = gtk_text_buffer_create_tag (buffer, CE_READER_REMOVED_TAG,
                                                       "strikethrough", TRUE,
                                                       NULL);
  /* Under the search's and the topics' highlights, which stay readable
   * inside a sentence that was added */
  gtk_text_tag_set_priority (self->diff_added_tag, 0);
  gtk_text_tag_set_priority (self->diff_removed_tag, 0);
  _ce_reader_view_update_diff_colors (self);
}

void
_ce_reader_view_update_diff_colors (CeReaderView *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GdkRGBA green, red, wash, ink;

  if (self->diff_added_tag == NULL)
    return;

  /* libadwaita's success and error colours, as its own styles use them */
  gdk_rgba_parse (&green, dark ? "#26a269" : "#2ec27e");
  gdk_rgba_parse (&red, dark ? "#ff7b63" : "#c01c28");
  green.alpha = dark ? 0.30 : 0.22;
  wash = red;
  wash.alpha = dark ? 0.16 : 0.08;
  ink = red;
  ink.alpha = dark ? 0.95 : 0.9;

  g_object_set (self->diff_added_tag, "background-rgba", &green, NULL);
  g_object_set (self->diff_removed_tag,
                "background-rgba", &wash,
                "foreground-rgba", &ink,
                "strikethrough-rgba", &ink,
                NULL);
}

static gboolean
same_diff (GPtrArray *a,
           GPtrArray *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      const CeDiffSentence *x = g_ptr_array_index (a, i);
      const CeDiffSentence *y = g_ptr_array_index (b, i);

      if (x->kind != y->kind || x->start != y->start || x->end != y->end)
        return FALSE;
    }

  return TRUE;
}

/* Keeps @diff (transfer full; %NULL: nothing differs, or the document
 * is no copy) for document @id.  Returns whether the text shown must be
 * laid out again. */
gboolean
_ce_reader_view_set_diff (CeReaderView *self,
                          gint64        id,
                          GPtrArray    *diff)
{
  gboolean changed = id != self->diff_id || !same_diff (self->diff, diff);

  g_clear_pointer (&self->diff, g_ptr_array_unref);
  self->diff = diff;
  self->diff_id = id;

  return changed && self->mark_changes;
}

/* Where the next sentence the copy kept starts a paragraph, or none
 * comes: the removed sentences before it end a paragraph */
static gboolean
kept_opens_paragraph (GPtrArray *diff,
                      guint      from)
{
  for (guint k = from; k < diff->len; k++)
    {
      const CeDiffSentence *sentence = g_ptr_array_index (diff, k);

      if (sentence->kind != CE_DIFF_REMOVED)
        return sentence->opens_paragraph;
    }

  return TRUE;
}

/* A removed sentence as the text shows its paragraph's: without the
 * heading mark or the marks of quoted mail */
static const char *
shown_text (const CeDiffSentence *sentence)
{
  guint depth;
  gsize mark = 0;

  if (!sentence->opens_paragraph)
    return sentence->text;
  if (g_str_has_prefix (sentence->text, CE_HEADING_MARK))
    return sentence->text + strlen (CE_HEADING_MARK);
  if (ce_mail_paragraph_kind (sentence->text, strlen (sentence->text), &depth, &mark) == CE_MAIL_BLOCK_QUOTE)
    return sentence->text + mark;

  return sentence->text;
}

static void
insertion_clear (gpointer data)
{
  g_free (((Insertion *)data)->text);
}

/* The runs of removed sentences, each at the end of the sentence the
 * copy kept before it (the start of the text when none), in order.  A
 * run that was whole paragraphs, where the copy has a paragraph end too,
 * is shown as lines of its own; any other is set into the paragraph. */
GArray *
_ce_reader_view_diff_insertions (CeReaderView *self)
{
  g_autoptr(GArray) insertions = NULL;
  Insertion *open = NULL;
  gboolean kept_before = FALSE;
  gsize cursor = 0;

  if (!self->mark_changes || self->diff == NULL || self->document == NULL ||
      self->diff_id != ce_document_get_id (self->document))
    return NULL;

  insertions = g_array_new (FALSE, TRUE, sizeof (Insertion));
  g_array_set_clear_func (insertions, insertion_clear);

  for (guint k = 0; k < self->diff->len; k++)
    {
      const CeDiffSentence *sentence = g_ptr_array_index (self->diff, k);
      char *text;

      if (sentence->kind != CE_DIFF_REMOVED)
        {
          cursor = sentence->end;
          kept_before = TRUE;
          open = NULL;
          continue;
        }

      if (open == NULL)
        {
          Insertion insertion = {
            .offset = cursor,
            .text = g_strdup (shown_text (sentence)),
            .own_line = sentence->opens_paragraph &&
                        (!kept_before || kept_opens_paragraph (self->diff, k + 1)),
          };

          g_array_append_val (insertions, insertion);
          open = &g_array_index (insertions, Insertion, insertions->len - 1);
          continue;
        }

      text = g_strconcat (open->text, open->own_line && sentence->opens_paragraph ? "\n" : " ",
                          shown_text (sentence), NULL);
      g_free (open->text);
      open->text = text;
    }

  return g_steal_pointer (&insertions);
}

/* Tags the sentences the copy adds, once the buffer is filled */
void
_ce_reader_view_mark_added (CeReaderView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->diff_added_tag, &start, &end);

  if (!self->mark_changes || self->diff == NULL || self->document == NULL ||
      self->diff_id != ce_document_get_id (self->document))
    return;

  for (guint k = 0; k < self->diff->len; k++)
    {
      const CeDiffSentence *sentence = g_ptr_array_index (self->diff, k);
      Span span;

      if (sentence->kind != CE_DIFF_ADDED)
        continue;

      span.start = _ce_reader_view_body_to_buffer (self, sentence->start);
      span.end = _ce_reader_view_body_to_buffer (self, sentence->end);
      if (span.end > span.start)
        _ce_reader_view_apply_span (self, self->diff_added_tag, &span);
    }
}

/* In a worker: what @document changed against the earliest copy of its
 * story; %NULL (without @error) when it is that copy, has none, or
 * changed no sentence */
GPtrArray *
_ce_reader_view_read_diff (CeCorpus    *corpus,
                           CeDocument  *document,
                           GError     **error)
{
  gint64 id = ce_document_get_id (document);
  g_autoptr(GPtrArray) copies = ce_corpus_get_copies (corpus, id, error);
  g_autoptr(CeDocument) first = NULL;
  g_autoptr(GPtrArray) diff = NULL;
  const CeCopy *representative;
  guint added, removed;

  if (copies == NULL || copies->len < 2)
    return NULL;

  representative = g_ptr_array_index (copies, 0);
  if (representative->id == id)
    return NULL;

  first = ce_corpus_get_document (corpus, representative->id, error);
  if (first == NULL)
    return NULL;

  diff = ce_sentence_diff (ce_document_get_body (first), ce_document_get_body (document));
  ce_sentence_diff_count (diff, &added, &removed);

  return added + removed > 0 ? g_steal_pointer (&diff) : NULL;
}
