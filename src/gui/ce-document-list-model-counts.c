/* ce-document-list-model-counts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-document-list-model"

#include "config.h"

#include <string.h>

#include "ce-document-list-model-private.h"

/* A job goes to the worker and back to the callback; both hold it */
typedef struct
{
  CeDocumentListModel *self;
  GPtrArray *topics;    /* CeTopic copies */
  GPtrArray *terms;     /* char *, as in TopicCounts */
  GPtrArray *tables;    /* CountTable, one per topic */
  guint      serial;
} CountJob;

static void
count_table_clear (gpointer data)
{
  CountTable *table = data;

  g_clear_pointer (&table->index, g_hash_table_unref);
  g_clear_pointer (&table->counts, g_array_unref);
}

/* Takes @counts, as ce_counter_count_documents() gives them */
static CountTable *
count_table_new (GArray *counts)
{
  CountTable *table = g_atomic_rc_box_new0 (CountTable);

  table->counts = counts;
  table->index = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < counts->len; i++)
    {
      CeDocCount *count = &g_array_index (counts, CeDocCount, i);

      g_hash_table_insert (table->index, &count->doc_id, count);
    }

  return table;
}

CountTable *
_ce_count_table_ref (CountTable *table)
{
  return g_atomic_rc_box_acquire (table);
}

void
_ce_count_table_unref (CountTable *table)
{
  g_atomic_rc_box_release_full (table, count_table_clear);
}

static guint
count_table_lookup (CountTable *table,
                    gint64      doc_id)
{
  CeDocCount *count = g_hash_table_lookup (table->index, &doc_id);

  return count != NULL ? count->count : 0;
}

static gboolean
count_table_equal (CountTable *a,
                   CountTable *b)
{
  return a != NULL && b != NULL && a->counts->len == b->counts->len &&
         memcmp (a->counts->data, b->counts->data, (gsize)a->counts->len * sizeof (CeDocCount)) == 0;
}

void
_ce_topic_counts_free (gpointer data)
{
  TopicCounts *counts = data;

  g_clear_object (&counts->topic);
  g_clear_pointer (&counts->terms, g_free);
  g_clear_pointer (&counts->table, _ce_count_table_unref);
  g_free (counts);
}

static void
count_job_clear (gpointer data)
{
  CountJob *job = data;

  g_clear_object (&job->self);
  g_clear_pointer (&job->topics, g_ptr_array_unref);
  g_clear_pointer (&job->terms, g_ptr_array_unref);
  g_clear_pointer (&job->tables, g_ptr_array_unref);
}

static void
count_job_unref (CountJob *job)
{
  g_rc_box_release_full (job, count_job_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CountJob, count_job_unref)

/* The terms of @topic as one string; a change of terms means counting
 * again, a change of colour does not */
static char *
join_terms (CeTopic *topic)
{
  const char * const *terms = ce_topic_get_terms (topic);

  return terms != NULL ? g_strjoinv ("\x1f", (GStrv)terms) : g_strdup ("");
}

CountTable *
_ce_document_list_model_lookup_count_table (CeDocumentListModel *self,
                                            const char          *topic)
{
  TopicCounts *counts;

  if (topic == NULL)
    return NULL;

  counts = g_hash_table_lookup (self->topic_counts, topic);
  return counts != NULL ? counts->table : NULL;
}

typedef struct
{
  guint count;
  guint index;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const Ranked *ra = a;
  const Ranked *rb = b;
  gboolean descending = GPOINTER_TO_INT (user_data);

  if (ra->count != rb->count)
    return (ra->count < rb->count) == descending ? 1 : -1;

  /* Ties keep the order the rows came in: corpus order */
  return ra->index < rb->index ? -1 : ra->index > rb->index;
}

/* Sorts @ids by their mentions in @table, documents without mentions
 * last in either direction.  Only the documents with mentions are
 * sorted, usually a few of a large corpus; the rest keep their order. */
void
_ce_sort_by_counts (GArray     *ids,
                    CountTable *table,
                    gboolean    descending)
{
  g_autoptr(GArray) ranked = NULL;
  g_autofree guint8 *mentioned = NULL;
  g_autoptr(GArray) sorted = NULL;

  if (table == NULL || ids == NULL || ids->len == 0)
    return;

  ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  mentioned = g_malloc0 (ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      Ranked entry = { count_table_lookup (table, g_array_index (ids, gint64, i)), i };

      if (entry.count > 0)
        {
          g_array_append_val (ranked, entry);
          mentioned[i] = TRUE;
        }
    }

  g_array_sort_with_data (ranked, compare_ranked, GINT_TO_POINTER (!!descending));

  sorted = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
  for (guint i = 0; i < ranked->len; i++)
    g_array_append_val (sorted, g_array_index (ids, gint64, g_array_index (ranked, Ranked, i).index));
  for (guint i = 0; i < ids->len; i++)
    {
      if (!mentioned[i])
        g_array_append_val (sorted, g_array_index (ids, gint64, i));
    }

  memcpy (ids->data, sorted->data, (gsize)ids->len * sizeof (gint64));
}

static gpointer
count_func (CeCorpus      *corpus,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  CountJob *job = data;

  job->tables = g_ptr_array_new_with_free_func ((GDestroyNotify)_ce_count_table_unref);
  for (guint i = 0; i < job->topics->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      CeTopic *topic = g_ptr_array_index (job->topics, i);
      g_autoptr(GError) count_error = NULL;
      GArray *counts = ce_counter_count_documents (corpus, topic, NULL, &count_error);

      /* A topic with a term the index cannot take mentions nothing,
       * as the chart shows it; it is not counted again and again */
      if (counts == NULL)
        {
          g_debug ("Could not count “%s”: %s", ce_topic_get_name (topic), count_error->message);
          counts = g_array_new (FALSE, FALSE, sizeof (CeDocCount));
        }

      g_ptr_array_add (job->tables, count_table_new (counts));
    }

  return job;
}

static void
counts_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CountJob) job = user_data;
  CeDocumentListModel *self = job->self;
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gboolean resort = FALSE;

  if (ce_session_run_finish (CE_SESSION (object), result, &error) == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || job->serial != self->count_serial)
        return;
      g_warning ("Could not count the topics: %s", error->message);
    }

  /* A newer count took over */
  if (job->serial != self->count_serial)
    return;

  g_clear_object (&self->count_cancellable);

  for (guint i = 0; job->tables != NULL && i < job->tables->len; i++)
    {
      CeTopic *topic = g_ptr_array_index (job->topics, i);
      const char *name = ce_topic_get_name (topic);
      TopicCounts *counts = g_hash_table_lookup (self->topic_counts, name);

      if (counts == NULL || g_strcmp0 (counts->terms, g_ptr_array_index (job->terms, i)) != 0)
        continue;

      counts->stale = FALSE;
      if (count_table_equal (counts->table, g_ptr_array_index (job->tables, i)))
        continue;

      g_clear_pointer (&counts->table, _ce_count_table_unref);
      counts->table = _ce_count_table_ref (g_ptr_array_index (job->tables, i));
      g_ptr_array_add (changed, g_strdup (name));
      resort |= g_strcmp0 (name, self->count_topic) == 0;
    }

  if (resort && !_ce_document_list_model_reorder (self, &error))
    g_warning ("Could not sort the documents: %s", error->message);

  for (guint i = 0; i < changed->len; i++)
    _ce_document_list_model_emit_counts_changed (self, g_ptr_array_index (changed, i));
}

/* Counts the topics not counted yet, or counted before the corpus or
 * their terms changed, in a worker; a count running is cancelled, and
 * its topics are counted again with the others. */
static void
start_counting (CeDocumentListModel *self)
{
  GHashTableIter iter;
  gpointer value;
  CountJob *job;

  if (self->count_cancellable != NULL)
    g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  self->count_serial++;

  if (!self->open || self->session == NULL)
    return;

  job = g_rc_box_new0 (CountJob);
  job->self = g_object_ref (self);
  job->topics = g_ptr_array_new_with_free_func (g_object_unref);
  job->terms = g_ptr_array_new_with_free_func (g_free);

  g_hash_table_iter_init (&iter, self->topic_counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      TopicCounts *counts = value;

      if (!counts->stale)
        continue;
      g_ptr_array_add (job->topics, g_object_ref (counts->topic));
      g_ptr_array_add (job->terms, g_strdup (counts->terms));
    }

  if (job->topics->len == 0)
    {
      count_job_unref (job);
      return;
    }

  job->serial = self->count_serial;

  self->count_cancellable = g_cancellable_new ();
  ce_session_run_in_thread (self->session, count_func, g_rc_box_acquire (job),
                            (GDestroyNotify)count_job_unref, NULL,
                            self->count_cancellable, counts_done_cb, job);
}

/* Every topic is counted again: the corpus changed.  The counts known
 * stay shown until the new ones arrive. */
void
_ce_document_list_model_recount (CeDocumentListModel *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->topic_counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    ((TopicCounts *)value)->stale = TRUE;

  start_counting (self);
}

void
_ce_document_list_model_clear_count_order (CeDocumentListModel *self)
{
  g_clear_pointer (&self->count_topic, g_free);
  self->count_descending = FALSE;
}

/**
 * ce_document_list_model_set_topics:
 * @topics: (element-type CeTopic) (nullable): the topics whose mentions
 *   per document are wanted
 *
 * Counts the mentions of @topics in every document, in a worker, with
 * ce_counter_count_documents(); ::counts-changed tells when each topic
 * is counted.  Topics already counted with the same terms keep their
 * counts; they are counted again when the corpus changes.
 */
void
ce_document_list_model_set_topics (CeDocumentListModel *self,
                                   GPtrArray           *topics)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gboolean unsorted = FALSE;
  gboolean stale = FALSE;
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self));

  for (guint i = 0; topics != NULL && i < topics->len; i++)
    {
      CeTopic *topic = g_ptr_array_index (topics, i);
      const char *name = ce_topic_get_name (topic);
      g_autofree char *terms = join_terms (topic);
      TopicCounts *counts = g_hash_table_lookup (self->topic_counts, name);

      g_hash_table_add (wanted, (gpointer)name);
      if (counts != NULL && g_str_equal (counts->terms, terms))
        continue;

      if (counts == NULL)
        {
          counts = g_new0 (TopicCounts, 1);
          g_hash_table_insert (self->topic_counts, g_strdup (name), counts);
        }
      else
        {
          /* Mentions of other terms are not this topic's */
          g_clear_pointer (&counts->table, _ce_count_table_unref);
          g_ptr_array_add (changed, g_strdup (name));
        }

      g_clear_object (&counts->topic);
      counts->topic = ce_topic_new (name, ce_topic_get_color (topic), ce_topic_get_terms (topic));
      g_free (counts->terms);
      counts->terms = g_steal_pointer (&terms);
      counts->stale = TRUE;
      stale = TRUE;
    }

  g_hash_table_iter_init (&iter, self->topic_counts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (g_hash_table_contains (wanted, key))
        continue;

      /* Rows sorted by a topic gone go back to corpus order */
      if (g_strcmp0 (key, self->count_topic) == 0)
        {
          _ce_document_list_model_clear_count_order (self);
          unsorted = TRUE;
        }
      g_hash_table_iter_remove (&iter);
    }

  if (unsorted && !_ce_document_list_model_reorder (self, &error))
    g_warning ("Could not sort the documents: %s", error->message);

  if (stale)
    start_counting (self);

  for (guint i = 0; i < changed->len; i++)
    _ce_document_list_model_emit_counts_changed (self, g_ptr_array_index (changed, i));
}

/**
 * ce_document_list_model_get_topic_count:
 * @topic: the name of a topic given to ce_document_list_model_set_topics()
 * @count: (out) (optional): the mentions of @topic in document @doc_id
 *
 * Returns: whether @topic is counted; %FALSE until its counts arrive
 */
gboolean
ce_document_list_model_get_topic_count (CeDocumentListModel *self,
                                        const char          *topic,
                                        gint64               doc_id,
                                        guint               *count)
{
  CountTable *table;

  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);
  g_return_val_if_fail (topic != NULL, FALSE);

  table = _ce_document_list_model_lookup_count_table (self, topic);
  if (count != NULL)
    *count = table != NULL ? count_table_lookup (table, doc_id) : 0;

  return table != NULL;
}

/**
 * ce_document_list_model_is_counting:
 *
 * Returns: whether topics are being counted
 */
gboolean
ce_document_list_model_is_counting (CeDocumentListModel *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);
  return self->count_cancellable != NULL;
}

/**
 * ce_document_list_model_get_count_order:
 * @descending: (out) (optional): whether the most mentions come first
 *
 * Returns: (nullable): the topic whose mentions the rows are sorted by,
 *   or %NULL when they are in another order
 */
const char *
ce_document_list_model_get_count_order (CeDocumentListModel *self,
                                        gboolean            *descending)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), NULL);

  if (descending != NULL)
    *descending = self->count_topic != NULL && self->count_descending;

  return self->count_topic;
}

/**
 * ce_document_list_model_set_count_order:
 * @topic: the name of a topic given to ce_document_list_model_set_topics()
 * @descending: %TRUE for the most mentions first
 *
 * Sorts the rows by their mentions of @topic; documents without one
 * come last in either direction, and ties keep corpus order.  Rows
 * listed before @topic is counted are sorted when its counts arrive.
 * ce_document_list_model_set_order() and relevance end this order.
 *
 * Returns: %FALSE when @topic is not one of the topics counted
 */
gboolean
ce_document_list_model_set_count_order (CeDocumentListModel  *self,
                                        const char           *topic,
                                        gboolean              descending,
                                        GError              **error)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);
  g_return_val_if_fail (topic != NULL, FALSE);

  if (!g_hash_table_contains (self->topic_counts, topic))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "No topic “%s” to sort by", topic);
      return FALSE;
    }

  if (g_strcmp0 (self->count_topic, topic) == 0 && self->count_descending == !!descending)
    return TRUE;

  g_free (self->count_topic);
  self->count_topic = g_strdup (topic);
  self->count_descending = !!descending;

  /* The counts break ties in corpus order: the rows come in it */
  self->order = CE_DOCUMENT_ORDER_POSITION;
  self->descending = FALSE;
  if (self->relevance)
    {
      self->relevance = FALSE;
      _ce_document_list_model_notify (self, PROP_RELEVANCE);
    }

  return _ce_document_list_model_reorder (self, error);
}
