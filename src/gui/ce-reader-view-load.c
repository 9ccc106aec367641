/* ce-reader-view-load.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-reader-view"

#include "config.h"

#include <adwaita.h>

#include "ce-reader-view-private.h"

/* What the reader shows of a document is read in one job of the
 * session's workers: the document itself (when another one is asked
 * for), the byte ranges of the search's matches and of each enabled
 * topic's mentions, the neighbours in its mail thread and whether a
 * document comes before it.  The document shown stays until the job is
 * done; then all of it changes at once.  A new request cancels the job
 * running, and one that only refreshes a document being loaded loads it
 * with what is asked now. */
typedef struct
{
  gint64      id;
  gboolean    want_document;
  CeQuery    *query;
  GPtrArray  *topics;         /* copies of the topics highlighted */

  CeDocument *document;
  GArray     *ranges;         /* CeSearchRange; NULL without a search */
  GPtrArray  *mentions;       /* GArray of CeMention, one per topic */
  gint64      thread_previous;
  gint64      thread_next;
  gboolean    has_previous;
  GPtrArray  *diff;           /* CeDiffSentence against the earliest copy, or NULL */
} LoadJob;

static void
load_job_clear (gpointer data)
{
  LoadJob *job = data;

  g_clear_pointer (&job->query, ce_query_unref);
  g_clear_pointer (&job->topics, g_ptr_array_unref);
  g_clear_object (&job->document);
  g_clear_pointer (&job->ranges, g_array_unref);
  g_clear_pointer (&job->mentions, g_ptr_array_unref);
  g_clear_pointer (&job->diff, g_ptr_array_unref);
}

/* The worker and the result both hold the job */
static void
load_job_unref (gpointer data)
{
  g_rc_box_release_full (data, load_job_clear);
}

static gpointer
load_func (CeCorpus      *corpus,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  LoadJob *job = data;
  g_autoptr(GError) thread_error = NULL;

  if (job->want_document)
    {
      job->document = ce_corpus_get_document (corpus, job->id, error);
      if (job->document == NULL)
        return NULL;
    }

  if (job->query != NULL)
    {
      g_autoptr(GError) search_error = NULL;

      job->ranges = ce_search_instances (corpus, job->query, job->id, &search_error);
      if (job->ranges == NULL)
        g_debug ("No search highlights: %s", search_error->message);
    }

  job->mentions = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  for (guint t = 0; t < job->topics->len; t++)
    {
      g_autoptr(GError) count_error = NULL;
      GArray *found = ce_counter_mentions (corpus, g_ptr_array_index (job->topics, t), job->id, &count_error);

      if (found == NULL)
        {
          g_debug ("No highlights for a topic: %s", count_error->message);
          found = g_array_new (FALSE, FALSE, sizeof (CeMention));
        }
      g_ptr_array_add (job->mentions, found);
    }

  if (!ce_corpus_get_thread_neighbours (corpus, job->id, &job->thread_previous, &job->thread_next,
                                        &thread_error))
    g_warning ("Could not read the thread of document %" G_GINT64_FORMAT ": %s",
               job->id, thread_error->message);

  job->has_previous = ce_corpus_get_previous_document (corpus, job->id) > 0;

  /* What it changed against the earliest copy of its story */
  {
    g_autoptr(CeDocument) document = job->document != NULL ? g_object_ref (job->document)
                                                            : ce_corpus_get_document (corpus, job->id, NULL);
    g_autoptr(GError) diff_error = NULL;

    if (document != NULL)
      job->diff = _ce_reader_view_read_diff (corpus, document, &diff_error);
    if (diff_error != NULL)
      g_debug ("No differences from the earliest copy: %s", diff_error->message);
  }

  return g_rc_box_acquire (job);
}

static void
set_loading (CeReaderView *self,
             GCancellable *cancellable)
{
  gboolean was_loading = self->load_cancellable != NULL;

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = cancellable;

  if (was_loading != (cancellable != NULL))
    _ce_reader_view_notify_loading (self);
}

/* What the job read besides the document, at the offsets of the buffer
 * as it is now */
static void
apply_job (CeReaderView *self,
           LoadJob      *job)
{
  _ce_reader_view_set_thread (self, job->thread_previous, job->thread_next);
  self->has_previous = job->has_previous;

  _ce_reader_view_set_highlights (self, job->ranges, job->mentions);
  _ce_reader_view_update_actions (self);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CeReaderView) self = user_data;
  g_autoptr(GError) error = NULL;
  LoadJob *job;

  job = ce_session_run_finish (CE_SESSION (object), result, &error);
  if (job == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_loading (self, NULL);

  if (job == NULL)
    {
      /* The document asked for could not be read: say why */
      _ce_reader_view_show_message (self, error->message);
      if (self->load_document)
        {
          self->load_document = FALSE;
          ce_reader_view_set_document (self, NULL, 0, 0);
        }
      return;
    }

  if (job->want_document)
    {
      self->load_document = FALSE;
      _ce_reader_view_set_diff (self, job->id, g_steal_pointer (&job->diff));
      _ce_reader_view_show (self, job->document, self->load_index, self->load_n, self->load_push);
      apply_job (self, job);

      /* A range asked for before the document was read */
      if (self->range_id == job->id)
        {
          self->range_id = 0;
          ce_reader_view_show_range (self, self->range_start, self->range_end);
        }
    }
  else if (self->document != NULL && ce_document_get_id (self->document) == job->id)
    {
      /* The groups changed (an import, another similarity): the text is
       * laid out again only when what is marked in it changes */
      if (_ce_reader_view_set_diff (self, job->id, g_steal_pointer (&job->diff)))
        _ce_reader_view_fill_buffer (self, ce_document_get_body (self->document));
      apply_job (self, job);
    }

  load_job_unref (job);
}

static void
start_job (CeReaderView *self,
           gint64        id,
           gboolean      want_document)
{
  LoadJob *job;

  job = g_rc_box_new0 (LoadJob);
  job->id = id;
  job->want_document = want_document;
  if (self->query != NULL && !ce_query_is_empty (self->query))
    job->query = ce_query_ref (self->query);
  job->topics = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->topics->len; i++)
    g_ptr_array_add (job->topics, ce_topic_copy (g_ptr_array_index (self->topics, i)));

  set_loading (self, g_cancellable_new ());
  ce_session_run_in_thread (self->session, load_func, job, load_job_unref, load_job_unref,
                            self->load_cancellable, load_done_cb, g_object_ref (self));
}

/* Reads again what is shown of the document (its highlights, thread and
 * neighbours): the search, the topics or the corpus changed */
void
_ce_reader_view_refresh (CeReaderView *self)
{
  if (self->session == NULL || !ce_session_is_open (self->session))
    {
      set_loading (self, NULL);
      self->load_document = FALSE;
      _ce_reader_view_set_highlights (self, NULL, NULL);
      return;
    }

  if (self->load_document)
    start_job (self, self->load_id, TRUE);
  else if (self->document != NULL)
    start_job (self, ce_document_get_id (self->document), FALSE);
  else
    _ce_reader_view_set_highlights (self, NULL, NULL);
}

/* Stops reading what was asked for: another document is shown */
void
_ce_reader_view_cancel_load (CeReaderView *self)
{
  self->load_document = FALSE;
  self->range_id = 0;
  set_loading (self, NULL);
}

/**
 * ce_reader_view_load:
 * @id: a document of the session's corpus
 * @index: its position in the list
 * @n_documents: how many documents the list holds (0 to leave out
 *   "n of N", and when the document is not in the list)
 *
 * Reads the document in a worker of the session and shows it with its
 * highlights; the document shown before stays until then.  One that
 * cannot be read is reported in a toast.
 */
void
ce_reader_view_load (CeReaderView *self,
                     gint64        id,
                     guint         index,
                     guint         n_documents)
{
  g_return_if_fail (CE_IS_READER_VIEW (self));

  if (self->session == NULL || !ce_session_is_open (self->session))
    return;

  if (self->range_id != id)
    self->range_id = 0;

  self->load_id = id;
  self->load_index = index;
  self->load_n = n_documents;
  /* Back and Forward ask for documents that stay out of the history */
  self->load_push = !self->navigating;
  self->load_document = TRUE;

  /* Nothing is said about an empty reader while the first one loads */
  if (self->document == NULL)
    gtk_stack_set_visible_child_name (self->stack, "blank");

  start_job (self, id, TRUE);
}

/**
 * ce_reader_view_clear:
 *
 * Shows no document and says nothing about it: another corpus opens,
 * and its first document is about to be read.
 */
void
ce_reader_view_clear (CeReaderView *self)
{
  g_return_if_fail (CE_IS_READER_VIEW (self));

  _ce_reader_view_cancel_load (self);
  _ce_reader_view_show (self, NULL, 0, 0, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "blank");
}

/**
 * ce_reader_view_is_loading:
 *
 * Returns: whether a document, or what is shown of it, is being read
 */
gboolean
ce_reader_view_is_loading (CeReaderView *self)
{
  g_return_val_if_fail (CE_IS_READER_VIEW (self), FALSE);
  return self->load_cancellable != NULL;
}

/**
 * ce_reader_view_show_range_of:
 * @id: the document the range is in
 * @start: a byte offset in its body
 * @end: where the range ends, exclusive
 *
 * Like ce_reader_view_show_range(), for a document that may still be
 * loading: the range is shown once it is.
 */
void
ce_reader_view_show_range_of (CeReaderView *self,
                              gint64        id,
                              gsize         start,
                              gsize         end)
{
  g_return_if_fail (CE_IS_READER_VIEW (self));

  if (!self->load_document && self->document != NULL && ce_document_get_id (self->document) == id)
    {
      ce_reader_view_show_range (self, start, end);
      return;
    }

  self->range_id = id;
  self->range_start = start;
  self->range_end = end;
}
