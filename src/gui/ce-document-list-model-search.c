/* ce-document-list-model-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-document-list-model"

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "ce-document-list-model-private.h"


/* A job goes to the worker and back to the callback; both hold it */
typedef struct
{
  CeDocumentListModel *self;
  CeQuery         *query;       /* NULL: no rows, facets of the whole corpus */
  CeDocumentOrder  order;
  gboolean         descending;
  gboolean         ranked;
  gboolean         want_ids;
  gboolean         want_facets;
  guint            serial;
  CountTable      *counts;      /* sort the rows by these mentions, or NULL */
  gboolean         count_descending;

  GArray          *ids;
  IdIndex         *id_index;    /* of ids */
  gint64           total;
  GPtrArray       *rows;        /* summaries of the first rows */
  GHashTable      *facets;
  gboolean         has_copies;
} SearchJob;
static void
search_job_clear (gpointer data)
{
  SearchJob *job = data;

  g_clear_object (&job->self);
  g_clear_pointer (&job->query, ce_query_unref);
  g_clear_pointer (&job->counts, _ce_count_table_unref);
  g_clear_pointer (&job->ids, g_array_unref);
  g_clear_pointer (&job->id_index, _ce_id_index_free);
  g_clear_pointer (&job->rows, g_ptr_array_unref);
  g_clear_pointer (&job->facets, g_hash_table_unref);
}

static void
search_job_unref (SearchJob *job)
{
  g_rc_box_release_full (job, search_job_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SearchJob, search_job_unref)

/* Searching */

/* The ids of the matches of @query in the order asked for */
static GArray *
search_ids (CeCorpus         *corpus,
            CeQuery          *query,
            CeDocumentOrder   order,
            gboolean          descending,
            gboolean          ranked,
            GError          **error)
{
  g_autoptr(GArray) matches = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GHashTable) set = NULL;
  GArray *ids;
  CeSort sort;

  if (ranked)
    return ce_search_ids (corpus, query, CE_SORT_RANK, FALSE, error);

  if (_ce_document_list_model_order_to_sort (order, &sort))
    return ce_search_ids (corpus, query, sort, descending, error);

  /* No search order for this column: the corpus in that order, keeping
   * the matches */
  matches = ce_search_ids (corpus, query, CE_SORT_ORDER, FALSE, error);
  if (matches == NULL)
    return NULL;
  all = ce_corpus_list_document_ids_sorted (corpus, order, descending, NULL, error);
  if (all == NULL)
    return NULL;

  set = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < matches->len; i++)
    g_hash_table_add (set, &g_array_index (matches, gint64, i));

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), matches->len);
  for (guint i = 0; i < all->len; i++)
    {
      if (g_hash_table_contains (set, &g_array_index (all, gint64, i)))
        g_array_append_val (ids, g_array_index (all, gint64, i));
    }

  return ids;
}

static gpointer
search_func (CeCorpus      *corpus,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  SearchJob *job = data;

  if (job->want_ids && job->query != NULL)
    {
      job->ids = search_ids (corpus, job->query, job->order, job->descending, job->ranked, error);
      if (job->ids == NULL)
        return NULL;
      if (job->counts != NULL)
        _ce_sort_by_counts (job->ids, job->counts, job->count_descending);
      job->id_index = _ce_id_index_new (job->ids);
      job->total = ce_corpus_count_documents (corpus);
      job->rows = ce_corpus_get_document_summaries (corpus, (const gint64 *)(gpointer)job->ids->data,
                                                    MIN (job->ids->len, CE_DOCUMENT_LIST_MODEL_FIRST_ROWS),
                                                    error);
      if (job->rows == NULL)
        return NULL;
    }

  if (job->want_facets)
    {
      job->facets = _ce_document_list_model_count_facets (corpus, job->query, &job->has_copies, error);
      if (job->facets == NULL)
        return NULL;
    }

  return job;
}

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SearchJob) job = user_data;
  CeDocumentListModel *self = job->self;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = ce_session_run_finish (CE_SESSION (object), result, &error) != NULL;

  /* A newer search took over */
  if (job->serial != self->search_serial ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->search_cancellable);

  if (!ok)
    {
      g_warning ("Could not search the corpus: %s", error->message);
      self->ids_pending = FALSE;
      self->facets_pending = FALSE;
      _ce_document_list_model_notify (self, PROP_LOADING);
      return;
    }

  if (job->want_ids && job->ids != NULL)
    {
      self->ids_pending = FALSE;
      self->custom_ids = FALSE;
      g_clear_pointer (&self->custom_source, g_array_unref);
      _ce_document_list_model_set_total (self, job->total);
      _ce_document_list_model_replace_ids (self, g_steal_pointer (&job->ids), g_steal_pointer (&job->id_index),
                                           job->query, job->rows);
    }

  if (job->want_facets && job->facets != NULL)
    {
      self->facets_pending = FALSE;
      g_clear_pointer (&self->facets, g_hash_table_unref);
      self->facets = g_steal_pointer (&job->facets);
      self->has_copies = job->has_copies;
      _ce_document_list_model_emit (self, FACETS_CHANGED);
    }

  _ce_document_list_model_notify (self, PROP_LOADING);
}

/* Listing every document, without a search: the ids in the order asked
 * for, how many there are, and the summaries of the first rows, so that
 * the list shows them at once.  In corpus order, the first HEAD_IDS ids
 * come first in a job of their own, and the rest of the list follows
 * (1.3 million ids take a worker about half a second to list);
 * CE_LIST_HEAD in the environment sets another size (the tests: 10). */
#define HEAD_IDS 2000

static guint
head_ids (void)
{
  const char *env = g_getenv ("CE_LIST_HEAD");

  if (env != NULL && *env != 0)
    return MAX (g_ascii_strtoull (env, NULL, 10), 1);

  return HEAD_IDS;
}

typedef struct
{
  CeDocumentListModel *self;
  CeDocumentOrder      order;
  gboolean             descending;
  CountTable          *counts;
  gboolean             count_descending;
  guint                serial;
  guint                head;      /* only the first this many ids, and the total */

  GArray              *ids;
  IdIndex             *id_index;
  gint64               total;
  GPtrArray           *rows;
} ListJob;

static void
list_job_clear (gpointer data)
{
  ListJob *job = data;

  g_clear_object (&job->self);
  g_clear_pointer (&job->counts, _ce_count_table_unref);
  g_clear_pointer (&job->ids, g_array_unref);
  g_clear_pointer (&job->id_index, _ce_id_index_free);
  g_clear_pointer (&job->rows, g_ptr_array_unref);
}

static void
list_job_unref (gpointer data)
{
  g_rc_box_release_full (data, list_job_clear);
}

static gpointer
list_func (CeCorpus      *corpus,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  ListJob *job = data;

  if (job->head)
    {
      job->ids = ce_corpus_list_document_ids_head (corpus, job->descending, job->head, error);
      if (job->ids == NULL)
        return NULL;
      job->total = job->ids->len < job->head ? job->ids->len : ce_corpus_count_documents (corpus);
    }
  else
    {
      job->ids = ce_corpus_list_document_ids_sorted (corpus, job->order, job->descending, NULL, error);
      if (job->ids == NULL)
        return NULL;
      _ce_sort_by_counts (job->ids, job->counts, job->count_descending);
      job->total = job->ids->len;
    }
  job->id_index = _ce_id_index_new (job->ids);

  job->rows = ce_corpus_get_document_summaries (corpus, (const gint64 *)(gpointer)job->ids->data,
                                                MIN (job->ids->len, CE_DOCUMENT_LIST_MODEL_FIRST_ROWS),
                                                error);
  if (job->rows == NULL)
    return NULL;

  return job;
}

static void start_listing (CeDocumentListModel *self,
                           gboolean             head);

static void
list_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ListJob *job = user_data;
  CeDocumentListModel *self = job->self;
  g_autoptr(GError) error = NULL;

  if (ce_session_run_finish (CE_SESSION (object), result, &error) == NULL &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      list_job_unref (job);
      return;
    }

  if (job->serial == self->list_serial)
    {
      g_clear_object (&self->list_cancellable);

      if (error != NULL)
        g_warning ("Could not list the documents: %s", error->message);
      else if (!job->head && !self->custom_ids &&
               _ce_document_list_model_extend_ids (self, job->ids, job->id_index))
        {
          /* The rest of the list after its head: the rows shown stay */
          g_steal_pointer (&job->ids);
          g_steal_pointer (&job->id_index);
          _ce_document_list_model_set_total (self, job->total);
        }
      else
        {
          gboolean more = job->head && job->total > job->ids->len;

          self->custom_ids = FALSE;
          g_clear_pointer (&self->custom_source, g_array_unref);
          _ce_document_list_model_set_total (self, job->total);
          _ce_document_list_model_replace_ids (self, g_steal_pointer (&job->ids), g_steal_pointer (&job->id_index),
                                               NULL, job->rows);
          if (more)
            {
              start_listing (self, FALSE);
              list_job_unref (job);
              return;
            }
        }

      /* Before the notification, so loading does not end in between */
      _ce_document_list_model_count_waiting_facets (self);
      _ce_document_list_model_notify (self, PROP_LOADING);
    }

  list_job_unref (job);
}

/* Counts the facets that waited for the listing, unless a search that
 * counts them already runs */
void
_ce_document_list_model_count_waiting_facets (CeDocumentListModel *self)
{
  if (self->facets_pending && self->search_cancellable == NULL && self->list_cancellable == NULL)
    _ce_document_list_model_refresh (self, FALSE, TRUE, NULL);
}

/* Stops listing the documents: a search or rows given took over */
void
_ce_document_list_model_cancel_listing (CeDocumentListModel *self)
{
  if (self->list_cancellable == NULL)
    return;

  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  self->list_serial++;
}

static void
start_listing (CeDocumentListModel *self,
               gboolean             head)
{
  CountTable *counts = _ce_document_list_model_lookup_count_table (self, self->count_topic);
  ListJob *job;

  job = g_rc_box_new0 (ListJob);
  job->self = g_object_ref (self);
  job->order = self->order;
  job->descending = self->descending;
  job->counts = counts != NULL ? _ce_count_table_ref (counts) : NULL;
  job->count_descending = self->count_descending;
  job->serial = ++self->list_serial;
  /* In corpus order, the head first; any other order needs every row */
  job->head = head && job->order == CE_DOCUMENT_ORDER_POSITION && job->counts == NULL ? head_ids () : 0;

  self->list_cancellable = g_cancellable_new ();
  ce_session_run_in_thread (self->session, list_func, g_rc_box_acquire (job), list_job_unref,
                            NULL, self->list_cancellable, list_done_cb, job);
}

/* Lists the rows again (@ids) and counts the facets again (@facets),
 * each in a worker; the rows listed stay until the new ones arrive.
 * Without a search, listing the documents and counting the facets of
 * the whole corpus are two jobs, so the rows do not wait for facets. */
gboolean
_ce_document_list_model_refresh (CeDocumentListModel  *self,
                                 gboolean              ids,
                                 gboolean              facets,
                                 GError              **error)
{
  gboolean was_loading = ce_document_list_model_is_loading (self);
  SearchJob *job;

  if (!self->open || self->session == NULL)
    return TRUE;

  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->search_serial++;
  _ce_document_list_model_cancel_listing (self);

  self->ids_pending |= !!ids;
  self->facets_pending |= !!facets;

  if (self->query == NULL && self->ids_pending)
    {
      self->ids_pending = FALSE;
      start_listing (self, TRUE);
    }

  /* The facets of the whole corpus are counted once it is listed
   * (list_done_cb()): on two cores, counting them beside the listing
   * delayed the first rows of a large corpus */
  if (self->ids_pending || (self->facets_pending && self->list_cancellable == NULL))
    {
      job = g_rc_box_new0 (SearchJob);
      job->self = g_object_ref (self);
      job->query = self->query != NULL ? ce_query_ref (self->query) : NULL;
      job->order = self->order;
      job->descending = self->descending;
      job->ranked = ce_document_list_model_get_ranked (self);
      job->want_ids = self->ids_pending;
      job->want_facets = self->facets_pending;
      job->serial = self->search_serial;
      if (_ce_document_list_model_lookup_count_table (self, self->count_topic) != NULL)
        {
          job->counts = _ce_count_table_ref (_ce_document_list_model_lookup_count_table (self, self->count_topic));
          job->count_descending = self->count_descending;
        }

      self->search_cancellable = g_cancellable_new ();
      ce_session_run_in_thread (self->session, search_func, g_rc_box_acquire (job),
                                (GDestroyNotify)search_job_unref, NULL,
                                self->search_cancellable, search_done_cb, job);
    }

  if (was_loading != ce_document_list_model_is_loading (self))
    _ce_document_list_model_notify (self, PROP_LOADING);

  return TRUE;
}
