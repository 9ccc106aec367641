/* ce-session-topics.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-session"

#include "config.h"

#include "ce-session-private.h"

/* The topics of the open corpus as a list model.  Every change goes to
 * the writer thread as a copy of the topic, so the objects in the model
 * belong to the main context alone, and the model changes only once the
 * store has taken the change (the name may be taken, the terms wrong).
 *
 * Adding and saving come in two forms: _async, and one that waits for
 * the writer (a topic is one small row; the calling thread runs no
 * statement).  Switching on or off, recolouring, moving and removing
 * wait for the writer and say why they failed. */

typedef enum
{
  TOPIC_SAVE,
  TOPIC_REMOVE,
  TOPIC_MOVE,
} TopicOp;

typedef struct
{
  TopicOp   op;
  CeTopic  *topic;     /* a copy, the writer thread's own */
  guint     position;  /* G_MAXUINT: where it is (or at the end) */
  guint     epoch;
} TopicJob;

static void
topic_job_free (gpointer data)
{
  TopicJob *job = data;

  g_clear_object (&job->topic);
  g_free (job);
}

static TopicJob *
topic_job_new (CeSession *self,
               TopicOp    op,
               CeTopic   *topic,
               guint      position)
{
  TopicJob *job = g_new0 (TopicJob, 1);

  job->op = op;
  job->topic = ce_topic_copy (topic);
  job->position = position;
  job->epoch = self->epoch;

  return job;
}

gpointer
_ce_session_list_topics_func (CeCorpus      *corpus,
                              gpointer       data,
                              GCancellable  *cancellable,
                              GError       **error)
{
  return ce_topics_list (corpus, error);
}

static gpointer
topic_write_func (CeCorpus      *corpus,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  TopicJob *job = data;

  switch (job->op)
    {
    case TOPIC_SAVE:
      if (!ce_topics_save (corpus, job->topic, error))
        return NULL;
      if (job->position != G_MAXUINT &&
          !ce_topics_move (corpus, job->topic, job->position, error))
        return NULL;
      break;

    case TOPIC_REMOVE:
      if (!ce_topics_remove (corpus, job->topic, error))
        return NULL;
      break;

    case TOPIC_MOVE:
    default:
      if (!ce_topics_move (corpus, job->topic, job->position, error))
        return NULL;
      break;
    }

  return g_object_ref (job->topic);
}

/* Positions follow the order of the model, as the store numbers them */
static void
renumber (CeSession *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->topics));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CeTopic) topic = g_list_model_get_item (G_LIST_MODEL (self->topics), i);

      ce_topic_set_position (topic, i);
    }
}

void
_ce_session_replace_topics (CeSession *self,
                            GPtrArray *topics)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->topics));

  g_list_store_splice (self->topics, 0, n_old,
                       topics != NULL ? topics->pdata : NULL,
                       topics != NULL ? topics->len : 0);
}

static void
reload_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CeSession *self = CE_SESSION (object);
  guint epoch = GPOINTER_TO_UINT (user_data);
  g_autoptr(GPtrArray) topics = NULL;
  g_autoptr(GError) error = NULL;

  topics = ce_session_write_finish (self, result, &error);
  if (epoch != self->epoch)
    return;

  if (topics == NULL)
    _ce_session_emit_error (self, error);
  else
    _ce_session_replace_topics (self, topics);
}

/**
 * ce_session_reload_topics:
 *
 * Lists the topics from the corpus again, after the writes queued before.
 */
void
ce_session_reload_topics (CeSession *self)
{
  g_return_if_fail (CE_IS_SESSION (self));

  if (self->path == NULL)
    return;

  ce_session_write_async (self, _ce_session_list_topics_func, NULL, NULL,
                          (GDestroyNotify)g_ptr_array_unref, NULL,
                          reload_done_cb, GUINT_TO_POINTER (self->epoch));
}

/* Runs @job in the writer thread and waits; the stored copy, or %NULL */
static CeTopic *
write_topic_sync (CeSession  *self,
                  TopicJob   *job,
                  GError    **error)
{
  CeTopic *stored = ce_session_write (self, topic_write_func, job, NULL, error);

  topic_job_free (job);
  return stored;
}

static void
add_to_model (CeSession *self,
              CeTopic   *stored,
              guint      position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->topics));

  g_list_store_insert (self->topics, MIN (position, n), stored);
  renumber (self);
}

/* Shows what was stored in the model's topic of that id, if it is there */
static CeTopic *
save_to_model (CeSession *self,
               CeTopic   *stored)
{
  CeTopic *shown;
  guint position;

  shown = ce_session_find_topic (self, ce_topic_get_id (stored), &position);
  if (shown == NULL)
    return NULL;

  ce_topic_set_name (shown, ce_topic_get_name (stored));
  ce_topic_set_color (shown, ce_topic_get_color (stored));
  ce_topic_set_terms (shown, ce_topic_get_terms (stored));
  ce_topic_set_enabled (shown, ce_topic_get_enabled (stored));
  g_list_model_items_changed (G_LIST_MODEL (self->topics), position, 1, 1);

  return shown;
}

/**
 * ce_session_get_topics:
 *
 * Returns: (transfer none): the topics, a #GListModel of #CeTopic in
 *   their order
 */
GListModel *
ce_session_get_topics (CeSession *self)
{
  g_return_val_if_fail (CE_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->topics);
}

/**
 * ce_session_find_topic:
 * @position: (out) (optional): where it is in the model
 *
 * Returns: (transfer none) (nullable): the topic stored as @id
 */
CeTopic *
ce_session_find_topic (CeSession *self,
                       gint64     id,
                       guint     *position)
{
  guint n;

  g_return_val_if_fail (CE_IS_SESSION (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->topics));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CeTopic) topic = g_list_model_get_item (G_LIST_MODEL (self->topics), i);

      if (ce_topic_get_id (topic) == id)
        {
          if (position != NULL)
            *position = i;
          /* The model keeps its reference */
          return topic;
        }
    }

  return NULL;
}

/**
 * ce_session_dup_enabled_topics:
 *
 * Copies of the topics switched on, in order: the series of a chart,
 * the highlights of the reader, what a worker thread may read while the
 * user edits the originals.
 *
 * Returns: (transfer full) (element-type CeTopic): the copies
 */
GPtrArray *
ce_session_dup_enabled_topics (CeSession *self)
{
  GPtrArray *enabled;
  guint n;

  g_return_val_if_fail (CE_IS_SESSION (self), NULL);

  enabled = g_ptr_array_new_with_free_func (g_object_unref);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->topics));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CeTopic) topic = g_list_model_get_item (G_LIST_MODEL (self->topics), i);

      if (ce_topic_get_enabled (topic))
        g_ptr_array_add (enabled, ce_topic_copy (topic));
    }

  return enabled;
}

/**
 * ce_session_next_topic_color:
 *
 * Returns: the colour a new topic gets: the first of the palette that
 *   no topic has (see ce_topic_palette_next())
 */
const char *
ce_session_next_topic_color (CeSession *self)
{
  g_autoptr(GPtrArray) colors = g_ptr_array_new ();
  guint n;

  g_return_val_if_fail (CE_IS_SESSION (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->topics));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CeTopic) topic = g_list_model_get_item (G_LIST_MODEL (self->topics), i);

      /* The model keeps the topic, and with it the string */
      g_ptr_array_add (colors, (gpointer)ce_topic_get_color (topic));
    }

  return ce_topic_palette_next ((const char * const *)colors->pdata, colors->len);
}

/* Adding ------------------------------------------------------------------ */

static void
add_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CeSession *self = CE_SESSION (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(CeTopic) stored = NULL;
  GError *error = NULL;
  TopicJob *job = g_task_get_task_data (G_TASK (result));

  stored = ce_session_write_finish (self, result, &error);
  if (stored == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (job->epoch == self->epoch)
    add_to_model (self, stored, job->position);

  g_task_return_pointer (task, g_steal_pointer (&stored), g_object_unref);
}

/**
 * ce_session_add_topic_async:
 * @topic: a new topic (its id 0); it is copied
 * @position: where it goes among the others; G_MAXUINT for the end
 *
 * Stores a copy of @topic in the corpus and then adds it to the model.
 * The store refuses a name another topic has, or terms that are wrong.
 */
void
ce_session_add_topic_async (CeSession           *self,
                            CeTopic             *topic,
                            guint                position,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  TopicJob *job;

  g_return_if_fail (CE_IS_SESSION (self));
  g_return_if_fail (CE_IS_TOPIC (topic));
  g_return_if_fail (ce_topic_get_id (topic) == 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ce_session_add_topic_async);

  job = topic_job_new (self, TOPIC_SAVE, topic, position);
  ce_session_write_async (self, topic_write_func, job, topic_job_free, g_object_unref,
                          cancellable, add_done_cb, task);
}

/**
 * ce_session_add_topic_finish:
 *
 * Returns: (transfer full): the topic as the model holds it, with its id
 */
CeTopic *
ce_session_add_topic_finish (CeSession     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Saving ----------------------------------------------------------------- */

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CeSession *self = CE_SESSION (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(CeTopic) stored = NULL;
  GError *error = NULL;
  TopicJob *job = g_task_get_task_data (G_TASK (result));
  CeTopic *shown = NULL;

  stored = ce_session_write_finish (self, result, &error);
  if (stored == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (job->epoch == self->epoch)
    shown = save_to_model (self, stored);

  g_task_return_pointer (task, g_object_ref (shown != NULL ? shown : stored), g_object_unref);
}

/**
 * ce_session_save_topic_async:
 * @topic: a topic of the model, or an edited copy of one (same id)
 *
 * Stores name, colour, terms and whether it is switched on, then shows
 * them in the model's topic of that id.
 */
void
ce_session_save_topic_async (CeSession           *self,
                             CeTopic             *topic,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  TopicJob *job;

  g_return_if_fail (CE_IS_SESSION (self));
  g_return_if_fail (CE_IS_TOPIC (topic));
  g_return_if_fail (ce_topic_get_id (topic) != 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ce_session_save_topic_async);

  job = topic_job_new (self, TOPIC_SAVE, topic, G_MAXUINT);
  ce_session_write_async (self, topic_write_func, job, topic_job_free, g_object_unref,
                          cancellable, save_done_cb, task);
}

/**
 * ce_session_save_topic_finish:
 *
 * Returns: (transfer full): the topic as the model holds it
 */
CeTopic *
ce_session_save_topic_finish (CeSession     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Changes that wait for the writer ------------------------------------------ */

/**
 * ce_session_add_topic:
 * @topic: a new topic (its id 0); it is copied
 * @position: where it goes among the others; G_MAXUINT for the end
 *
 * Like ce_session_add_topic_async(), waiting for the writer.
 *
 * Returns: (transfer full): the topic as the model holds it, or %NULL
 *   with @error set
 */
CeTopic *
ce_session_add_topic (CeSession  *self,
                      CeTopic    *topic,
                      guint       position,
                      GError    **error)
{
  CeTopic *stored;

  g_return_val_if_fail (CE_IS_SESSION (self), NULL);
  g_return_val_if_fail (CE_IS_TOPIC (topic), NULL);
  g_return_val_if_fail (ce_topic_get_id (topic) == 0, NULL);

  stored = write_topic_sync (self, topic_job_new (self, TOPIC_SAVE, topic, position), error);
  if (stored != NULL)
    add_to_model (self, stored, position);

  return stored;
}

/**
 * ce_session_save_topic:
 * @topic: a topic of the model, or an edited copy of one (same id)
 *
 * Like ce_session_save_topic_async(), waiting for the writer.
 *
 * Returns: (transfer full): the topic as the model holds it, or %NULL
 *   with @error set
 */
CeTopic *
ce_session_save_topic (CeSession  *self,
                       CeTopic    *topic,
                       GError    **error)
{
  g_autoptr(CeTopic) stored = NULL;
  CeTopic *shown;

  g_return_val_if_fail (CE_IS_SESSION (self), NULL);
  g_return_val_if_fail (CE_IS_TOPIC (topic), NULL);
  g_return_val_if_fail (ce_topic_get_id (topic) != 0, NULL);

  stored = write_topic_sync (self, topic_job_new (self, TOPIC_SAVE, topic, G_MAXUINT), error);
  if (stored == NULL)
    return NULL;

  shown = save_to_model (self, stored);
  return g_object_ref (shown != NULL ? shown : stored);
}

/**
 * ce_session_remove_topic:
 * @topic: a topic of the model
 *
 * Removes @topic from the corpus, then from the model.
 */
gboolean
ce_session_remove_topic (CeSession  *self,
                         CeTopic    *topic,
                         GError    **error)
{
  g_autoptr(CeTopic) stored = NULL;
  gint64 id;
  guint position;

  g_return_val_if_fail (CE_IS_SESSION (self), FALSE);
  g_return_val_if_fail (CE_IS_TOPIC (topic), FALSE);

  /* The store forgets the id of a topic it removes */
  id = ce_topic_get_id (topic);
  stored = write_topic_sync (self, topic_job_new (self, TOPIC_REMOVE, topic, G_MAXUINT), error);
  if (stored == NULL)
    return FALSE;

  if (ce_session_find_topic (self, id, &position) != NULL)
    {
      g_list_store_remove (self->topics, position);
      renumber (self);
    }

  return TRUE;
}

/**
 * ce_session_move_topic:
 * @topic: a topic of the model
 * @position: its new place among the topics
 *
 * Moves @topic in the corpus, then in the model (one change of the
 * items).
 */
gboolean
ce_session_move_topic (CeSession  *self,
                       CeTopic    *topic,
                       guint       position,
                       GError    **error)
{
  g_autoptr(GPtrArray) range = NULL;
  g_autoptr(CeTopic) stored = NULL;
  guint from, first, last, n;

  g_return_val_if_fail (CE_IS_SESSION (self), FALSE);
  g_return_val_if_fail (CE_IS_TOPIC (topic), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->topics));
  if (ce_session_find_topic (self, ce_topic_get_id (topic), &from) == NULL || n == 0)
    return TRUE;

  position = MIN (position, n - 1);
  if (position == from)
    return TRUE;

  stored = write_topic_sync (self, topic_job_new (self, TOPIC_MOVE, topic, position), error);
  if (stored == NULL)
    return FALSE;

  /* The items between the two places, in their new order, replace the
   * old ones in one splice */
  first = MIN (from, position);
  last = MAX (from, position);
  range = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = first; i <= last; i++)
    g_ptr_array_add (range, g_list_model_get_item (G_LIST_MODEL (self->topics), i));

  {
    gpointer moved = g_ptr_array_steal_index (range, from - first);

    g_ptr_array_insert (range, position - first, moved);
  }

  g_list_store_splice (self->topics, first, range->len, range->pdata, range->len);
  renumber (self);

  return TRUE;
}

/* Stores @copy, an edited copy of @topic, a topic of the model */
static gboolean
save_changed_copy (CeSession  *self,
                   CeTopic    *topic,
                   CeTopic    *copy,
                   GError    **error)
{
  g_autoptr(CeTopic) shown = NULL;

  if (ce_session_find_topic (self, ce_topic_get_id (topic), NULL) != topic)
    return TRUE;

  shown = ce_session_save_topic (self, copy, error);
  return shown != NULL;
}

/**
 * ce_session_set_topic_enabled:
 * @topic: a topic of the model
 *
 * Switches @topic on or off, in the corpus and then in the model.
 */
gboolean
ce_session_set_topic_enabled (CeSession  *self,
                              CeTopic    *topic,
                              gboolean    enabled,
                              GError    **error)
{
  g_autoptr(CeTopic) copy = NULL;

  g_return_val_if_fail (CE_IS_SESSION (self), FALSE);
  g_return_val_if_fail (CE_IS_TOPIC (topic), FALSE);

  if (ce_topic_get_enabled (topic) == !!enabled)
    return TRUE;

  copy = ce_topic_copy (topic);
  ce_topic_set_enabled (copy, enabled);

  return save_changed_copy (self, topic, copy, error);
}

/**
 * ce_session_set_topic_color:
 * @topic: a topic of the model
 * @color: "#rrggbb"
 *
 * Gives @topic another colour, in the corpus and then in the model.
 */
gboolean
ce_session_set_topic_color (CeSession   *self,
                            CeTopic     *topic,
                            const char  *color,
                            GError     **error)
{
  g_autoptr(CeTopic) copy = NULL;

  g_return_val_if_fail (CE_IS_SESSION (self), FALSE);
  g_return_val_if_fail (CE_IS_TOPIC (topic), FALSE);
  g_return_val_if_fail (ce_topic_color_is_valid (color), FALSE);

  if (g_ascii_strcasecmp (ce_topic_get_color (topic), color) == 0)
    return TRUE;

  copy = ce_topic_copy (topic);
  ce_topic_set_color (copy, color);

  return save_changed_copy (self, topic, copy, error);
}
