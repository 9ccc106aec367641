/* ce-document-list-model-rows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-document-list-model"

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "ce-document-list-model-private.h"


/* Rows are built on demand; this many stay cached, enough for a few
 * screens of scrolling back and forth. */
#define CACHE_SIZE 512
/* A miss loads this many neighbouring rows in one query */
#define BATCH_BEFORE 16
#define BATCH_AFTER 64

typedef struct
{
  GList       link;
  gint64      id;
  CeDocument *document;
} CacheEntry;

void
_ce_document_list_model_cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_clear_object (&entry->document);
  g_free (entry);
}

void
_ce_document_list_model_clear_cache (CeDocumentListModel *self)
{
  /* A fetch running reads rows no longer listed */
  if (self->rows_cancellable != NULL)
    g_cancellable_cancel (self->rows_cancellable);
  g_clear_object (&self->rows_cancellable);
  self->rows_wanted = GTK_INVALID_LIST_POSITION;
  self->rows_cache_serial++;
  if (self->placeholders != NULL)
    g_hash_table_remove_all (self->placeholders);
  g_hash_table_remove_all (self->cache);
  g_queue_init (&self->lru);
}

static CeDocument *
cache_lookup (CeDocumentListModel *self,
              gint64               id)
{
  CacheEntry *entry = g_hash_table_lookup (self->cache, &id);

  if (entry == NULL)
    return NULL;

  g_queue_unlink (&self->lru, &entry->link);
  g_queue_push_head_link (&self->lru, &entry->link);

  return entry->document;
}

static void
cache_insert (CeDocumentListModel *self,
              CeDocument          *document)
{
  CacheEntry *entry;
  gint64 id = ce_document_get_id (document);

  if (cache_lookup (self, id) != NULL)
    return;

  entry = g_new0 (CacheEntry, 1);
  entry->id = id;
  entry->document = g_object_ref (document);
  entry->link.data = entry;
  g_queue_push_head_link (&self->lru, &entry->link);
  g_hash_table_insert (self->cache, &entry->id, entry);

  while (self->lru.length > CACHE_SIZE)
    {
      GList *oldest = g_queue_pop_tail_link (&self->lru);
      CacheEntry *old = oldest->data;

      g_hash_table_remove (self->cache, &old->id);
    }
}

/* Summaries of rows are read in a worker.  A row asked for before its
 * summary is known is a placeholder with its id and no title; when the
 * summaries arrive, ::rows-filling and one items-changed over the rows
 * handed out as placeholders replace them.  One fetch runs at a time;
 * the last row asked for meanwhile is fetched next. */
typedef struct
{
  CeDocumentListModel *self;
  GArray              *ids;
  guint                first;    /* the position of ids[0] */
  guint                serial;
} RowsJob;

static void
rows_job_clear (gpointer data)
{
  RowsJob *job = data;

  g_clear_object (&job->self);
  g_clear_pointer (&job->ids, g_array_unref);
}

static void
rows_job_unref (gpointer data)
{
  g_rc_box_release_full (data, rows_job_clear);
}

static gpointer
rows_func (CeCorpus      *corpus,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  RowsJob *job = data;

  return ce_corpus_get_document_summaries (corpus, (const gint64 *)(gpointer)job->ids->data,
                                           job->ids->len, error);
}

void
_ce_document_list_model_cache_rows (CeDocumentListModel *self,
                                    GPtrArray           *documents)
{
  /* Oldest first, so the first rows end up most recently used */
  for (guint i = documents->len; i > 0; i--)
    cache_insert (self, g_ptr_array_index (documents, i - 1));
}

static void start_rows (CeDocumentListModel *self,
                        guint                position);

static void
rows_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  RowsJob *job = user_data;
  CeDocumentListModel *self = job->self;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  guint first = G_MAXUINT;
  guint last = 0;
  guint wanted;

  documents = ce_session_run_finish (CE_SESSION (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      job->serial != self->rows_cache_serial)
    {
      rows_job_unref (job);
      return;
    }

  g_clear_object (&self->rows_cancellable);

  if (documents == NULL)
    g_warning ("Could not load documents: %s", error->message);
  else
    _ce_document_list_model_cache_rows (self, documents);

  /* A row removed behind our back, or one that could not be read,
   * still needs an item until the next reload: an empty one */
  for (guint i = 0; i < job->ids->len; i++)
    {
      gint64 id = g_array_index (job->ids, gint64, i);
      guint position = job->first + i;

      if (cache_lookup (self, id) == NULL)
        {
          CeDocumentFields fields = { .id = id, .title = "" };
          g_autoptr(CeDocument) missing = ce_document_new (&fields);

          cache_insert (self, missing);
        }

      if (position < self->ids->len && g_array_index (self->ids, gint64, position) == id &&
          g_hash_table_remove (self->placeholders, &id))
        {
          first = MIN (first, position);
          last = MAX (last, position + 1);
        }
    }

  if (first < last)
    {
      _ce_document_list_model_emit_rows_filling (self, first, last - first);
      g_list_model_items_changed (G_LIST_MODEL (self), first, last - first, last - first);
    }

  wanted = self->rows_wanted;
  self->rows_wanted = GTK_INVALID_LIST_POSITION;
  if (wanted != GTK_INVALID_LIST_POSITION && wanted < self->ids->len &&
      cache_lookup (self, g_array_index (self->ids, gint64, wanted)) == NULL)
    start_rows (self, wanted);

  rows_job_unref (job);
}

/* Fetches the rows around @position that are not cached yet */
static void
start_rows (CeDocumentListModel *self,
            guint                position)
{
  guint first = position > BATCH_BEFORE ? position - BATCH_BEFORE : 0;
  guint last = MIN (self->ids->len, position + BATCH_AFTER);
  RowsJob *job;

  if (self->rows_cancellable != NULL)
    {
      self->rows_wanted = position;
      return;
    }

  /* The rows before the first one missing are cached */
  while (first < position && cache_lookup (self, g_array_index (self->ids, gint64, first)) != NULL)
    first++;

  job = g_rc_box_new0 (RowsJob);
  job->self = g_object_ref (self);
  job->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), last - first);
  g_array_append_vals (job->ids, &g_array_index (self->ids, gint64, first), last - first);
  job->first = first;
  job->serial = self->rows_cache_serial;

  self->rows_cancellable = g_cancellable_new ();
  ce_session_run_in_thread (self->session, rows_func, g_rc_box_acquire (job), rows_job_unref,
                            (GDestroyNotify)g_ptr_array_unref, self->rows_cancellable,
                            rows_done_cb, job);
}

/* The row at @position: the cached summary, or a placeholder while the
 * rows around it are fetched */
CeDocument *
_ce_document_list_model_get_row (CeDocumentListModel *self,
                                 guint                position)
{
  CeDocumentFields fields = { .title = "" };
  CeDocument *document;
  gint64 id;

  if (self->ids == NULL || position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  document = cache_lookup (self, id);
  if (document != NULL)
    return g_object_ref (document);

  fields.id = id;
  if (self->session != NULL && ce_session_is_open (self->session))
    {
      g_hash_table_add (self->placeholders, g_memdup2 (&id, sizeof id));
      start_rows (self, position);
    }

  return ce_document_new (&fields);
}

/**
 * ce_document_list_model_is_filling:
 *
 * Returns: whether rows listed are placeholders whose summaries are
 *   being read
 */
gboolean
ce_document_list_model_is_filling (CeDocumentListModel *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);
  return self->rows_cancellable != NULL;
}
