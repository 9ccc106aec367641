/* ce-reader-view-corrections.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-reader-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ce-reader-view-private.h"

guint
_ce_reader_view_cursor_paragraph (CeReaderView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter iter;
  guint index;

  if (self->segments->len == 0)
    return 0;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  index = _ce_reader_view_segment_index_for_buffer_offset (self, gtk_text_iter_get_offset (&iter));

  /* A paragraph with removed sentences set in is several segments: the
   * first one starts it */
  while (index > 0 && g_array_index (self->segments, Segment, index).continued)
    index--;

  return index;
}

/* Splits, merges and their undoing are writes: they run in the session's
 * writer, which tells every view once the documents have changed.  The
 * reader waits for them (the main thread runs no statement). */
typedef struct
{
  gint64             id;
  gsize              offset;
  gboolean           merge;
  CeCorrectionUndo  *undo;
} CorrectionJob;

static gpointer
correct_func (CeCorpus      *corpus,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  CorrectionJob *job = data;

  if (job->merge)
    return ce_corpus_merge_document_full (corpus, job->id, &job->undo, error) ? job : NULL;

  return ce_corpus_split_document_full (corpus, job->id, job->offset, &job->undo, error) >= 0 ? job : NULL;
}

static gpointer
undo_func (CeCorpus      *corpus,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  return ce_corpus_undo_correction (corpus, data, error) ? data : NULL;
}

/* The toast belongs to the overlay; we only watch it */
void
_ce_reader_view_dismiss_undo_toast (CeReaderView *self)
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

  _ce_reader_view_dismiss_undo_toast (self);

  if (undo == NULL || self->session == NULL)
    return;

  if (ce_session_write (self->session, undo_func, undo, NULL, &error) == NULL)
    _ce_reader_view_show_message (self, error->message);
  else
    _ce_reader_view_request_document (self, ce_correction_undo_get_document (undo));

  _ce_reader_view_update_actions (self);
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
      _ce_reader_view_update_actions (self);
    }
}

static void
set_undo (CeReaderView     *self,
          CeCorrectionUndo *undo,
          const char       *message)
{
  AdwToast *toast;

  _ce_reader_view_dismiss_undo_toast (self);
  g_clear_pointer (&self->undo, ce_correction_undo_free);
  self->undo = undo;

  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_dismissed_cb), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->undo_toast, toast);
  _ce_reader_view_show_toast (self, toast);

  _ce_reader_view_update_actions (self);
}

void
_ce_reader_view_split_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  CeReaderView *self = CE_READER_VIEW (widget);
  g_autoptr(GError) error = NULL;
  CorrectionJob job = { 0 };
  const Segment *segment;
  guint paragraph;
  gint64 id;

  if (self->document == NULL || self->session == NULL)
    return;

  paragraph = _ce_reader_view_cursor_paragraph (self);
  if (paragraph == 0)
    {
      _ce_reader_view_show_message (self, _("Place the cursor in the paragraph that starts the new article"));
      return;
    }

  segment = &g_array_index (self->segments, Segment, paragraph);
  id = ce_document_get_id (self->document);

  job.id = id;
  job.offset = segment->para_start;
  if (ce_session_write (self->session, correct_func, &job, NULL, &error) == NULL)
    {
      _ce_reader_view_show_message (self, error->message);
      return;
    }

  set_undo (self, job.undo, _("Article split"));
  _ce_reader_view_request_document (self, id);
}

void
_ce_reader_view_merge_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  CeReaderView *self = CE_READER_VIEW (widget);
  g_autoptr(GError) error = NULL;
  CorrectionJob job = { 0 };

  if (self->document == NULL || self->session == NULL)
    return;

  job.id = ce_document_get_id (self->document);
  job.merge = TRUE;
  if (ce_session_write (self->session, correct_func, &job, NULL, &error) == NULL)
    {
      _ce_reader_view_show_message (self, error->message);
      return;
    }

  set_undo (self, job.undo, _("Articles merged"));
  _ce_reader_view_request_document (self, ce_correction_undo_get_document (job.undo));
}

void
_ce_reader_view_undo_correction_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  undo_correction (CE_READER_VIEW (widget));
}
