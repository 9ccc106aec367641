/* ce-session-pool.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-session"

#include "config.h"

#include <glib/gi18n-lib.h>
#ifdef HAVE_MALLOC_TRIM
#include <malloc.h>
#endif

#include "ce-session-private.h"

/* Reading: GLib's worker threads, each job on a read-only connection
 * taken from a small pool and given back afterwards, so a connection is
 * opened once and then reused.  No connection is used by two threads at
 * once. */

/* Idle read-only connections kept for the next job */
#define POOL_SIZE 3

/* What a job in a reading thread needs besides its task */
typedef struct
{
  CeSessionFunc   func;
  gpointer        data;
  GDestroyNotify  data_destroy;
  GDestroyNotify  result_destroy;
} RunJob;

static void
run_job_free (gpointer user_data)
{
  RunJob *job = user_data;

  if (job->data_destroy != NULL && job->data != NULL)
    job->data_destroy (job->data);
  g_free (job);
}

/* When the memory is released: -1 never, else the monotonic time */
static void
set_release_time (CeSession *self,
                  gint64     when)
{
  if (self->release_source != NULL)
    g_source_set_ready_time (self->release_source, when);
}

/* A job gave its connection back (or could not open one): when it was
 * the last, the memory is released once the delay has passed without a
 * new one */
static void
pool_done_locked (CeSession *self)
{
  g_assert (self->busy > 0);

  if (--self->busy == 0)
    set_release_time (self, g_get_monotonic_time () + (gint64)self->release_delay_ms * 1000);
}

static void
pool_done (CeSession *self)
{
  g_mutex_lock (&self->pool_lock);
  pool_done_locked (self);
  g_mutex_unlock (&self->pool_lock);
}

static CeCorpus *
pool_take (CeSession  *self,
           guint      *epoch,
           GError    **error)
{
  g_autofree char *path = NULL;
  CeCorpus *corpus = NULL;

  g_mutex_lock (&self->pool_lock);
  *epoch = self->pool_epoch;
  path = g_strdup (self->pool_path);
  if (self->idle->len > 0)
    corpus = g_ptr_array_steal_index_fast (self->idle, self->idle->len - 1);
  /* One opened below counts from now, as one taken does */
  if (corpus != NULL || path != NULL)
    self->busy++;
  set_release_time (self, -1);
  g_mutex_unlock (&self->pool_lock);

  if (corpus != NULL)
    return corpus;

  if (path == NULL)
    {
      _ce_session_set_not_open_error (error);
      return NULL;
    }

  corpus = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, error);
  if (corpus == NULL)
    pool_done (self);

  return corpus;
}

static void
pool_give (CeSession *self,
           CeCorpus  *corpus,
           guint      epoch)
{
  ce_corpus_set_cancellable (corpus, NULL);

  g_mutex_lock (&self->pool_lock);
  if (epoch == self->pool_epoch && self->idle->len < POOL_SIZE)
    {
      g_ptr_array_add (self->idle, corpus);
      corpus = NULL;
    }
  pool_done_locked (self);
  g_mutex_unlock (&self->pool_lock);

  g_clear_object (&corpus);
}

/* Gives back what the threads' heaps hold freed (glibc keeps it for the
 * next allocation, per thread) */
void
_ce_session_trim_heap (void)
{
#ifdef HAVE_MALLOC_TRIM
  malloc_trim (0);
#endif
}

/* Memory: the connections' page caches fill as they read (at 1 GB,
 * 17 MB after scrolling the list once) and the threads' heaps keep
 * what they freed.  When no job has run for CE_SESSION_RELEASE_DELAY_MS,
 * the idle connections and the writable one give back their unused pages
 * and the heap is trimmed; the next job reads its pages again from the
 * system's file cache. */
static gboolean
release_cb (gpointer user_data)
{
  CeSession *self = user_data;
  gint64 released = 0;

  g_mutex_lock (&self->pool_lock);
  set_release_time (self, -1);
  /* A job taken meanwhile sets the time again when it is given back */
  if (self->busy > 0)
    {
      g_mutex_unlock (&self->pool_lock);
      return G_SOURCE_CONTINUE;
    }
  /* Idle connections belong to no thread while the lock is held */
  for (guint i = 0; i < self->idle->len; i++)
    released += ce_corpus_release_memory (g_ptr_array_index (self->idle, i));
  self->released += released;
  g_mutex_unlock (&self->pool_lock);

  g_debug ("Idle: the pool's connections gave back %" G_GINT64_FORMAT " bytes", released);

  /* The heap is trimmed there, after the writer's cache */
  _ce_session_release_writer (self);

  return G_SOURCE_CONTINUE;
}

/* Dispatched when its ready time comes, which the pool sets */
static gboolean
release_source_dispatch (GSource     *source,
                         GSourceFunc  callback,
                         gpointer     user_data)
{
  return callback (user_data);
}

static GSourceFuncs release_source_funcs = {
  .dispatch = release_source_dispatch,
};

void
_ce_session_pool_init (CeSession *self)
{
  self->release_delay_ms = CE_SESSION_RELEASE_DELAY_MS;
  self->release_source = g_source_new (&release_source_funcs, sizeof (GSource));
  g_source_set_callback (self->release_source, release_cb, self, NULL);
  g_source_set_static_name (self->release_source, "[ce-session] release memory");
  g_source_attach (self->release_source, self->context);
}

void
_ce_session_pool_clear (CeSession *self)
{
  if (self->release_source == NULL)
    return;

  g_source_destroy (self->release_source);
  g_clear_pointer (&self->release_source, g_source_unref);
}

void
_ce_session_set_release_delay (CeSession *self,
                               guint      delay_ms)
{
  g_mutex_lock (&self->pool_lock);
  self->release_delay_ms = delay_ms;
  g_mutex_unlock (&self->pool_lock);
}

gint64
_ce_session_get_released (CeSession *self)
{
  gint64 released;

  g_mutex_lock (&self->pool_lock);
  released = self->released;
  g_mutex_unlock (&self->pool_lock);

  return released;
}

void
_ce_session_pool_reset (CeSession  *self,
            const char *path)
{
  g_autoptr(GPtrArray) old = NULL;

  g_mutex_lock (&self->pool_lock);
  g_free (self->pool_path);
  self->pool_path = g_strdup (path);
  self->pool_epoch++;
  old = g_steal_pointer (&self->idle);
  self->idle = g_ptr_array_new_with_free_func (g_object_unref);
  g_mutex_unlock (&self->pool_lock);
}

/* Runs @func on a connection of the pool in the calling thread */
static gpointer
run_on_pool (CeSession      *self,
             CeSessionFunc   func,
             gpointer        data,
             GCancellable   *cancellable,
             GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  CeCorpus *corpus;
  gpointer result;
  guint epoch;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  corpus = pool_take (self, &epoch, error);
  if (corpus == NULL)
    return NULL;

  ce_corpus_set_cancellable (corpus, cancellable);
  result = func (corpus, data, cancellable, &local_error);
  pool_give (self, corpus, epoch);

  if (result == NULL && local_error == NULL)
    {
      g_critical ("a session function failed without saying why");
      g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not read the corpus"));
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return result;
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  CeSession *self = source_object;
  RunJob *job = task_data;
  GError *error = NULL;
  gpointer result;

  result = run_on_pool (self, job->func, job->data, cancellable, &error);

  if (result != NULL && g_cancellable_is_cancelled (cancellable))
    {
      if (job->result_destroy != NULL)
        job->result_destroy (result);
      result = NULL;
      g_cancellable_set_error_if_cancelled (cancellable, &error);
    }

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, job->result_destroy);
}

/**
 * ce_session_run_in_thread:
 * @func: the work, run in a worker thread
 * @data: (nullable): what @func gets
 * @data_destroy: (nullable): frees @data when the job is over
 * @result_destroy: (nullable): frees a result nobody took
 * @cancellable: (nullable): cancels the job; long statements are
 *   interrupted and the job ends with %G_IO_ERROR_CANCELLED
 * @callback: called in the session's main context
 *
 * The one way to read the corpus away from the main thread: @func gets
 * a read-only connection of the session's pool, opened when the pool has
 * none idle and given back afterwards.  Finish with
 * ce_session_run_finish().
 */
void
ce_session_run_in_thread (CeSession           *self,
                          CeSessionFunc        func,
                          gpointer             data,
                          GDestroyNotify       data_destroy,
                          GDestroyNotify       result_destroy,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunJob *job;

  g_return_if_fail (CE_IS_SESSION (self));
  g_return_if_fail (func != NULL);

  job = g_new0 (RunJob, 1);
  job->func = func;
  job->data = data;
  job->data_destroy = data_destroy;
  job->result_destroy = result_destroy;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ce_session_run_in_thread);
  g_task_set_task_data (task, job, run_job_free);
  g_task_run_in_thread (task, run_thread);
}

/**
 * ce_session_run_finish:
 *
 * Returns: (transfer full): what the function returned, or %NULL with
 *   @error set
 */
gpointer
ce_session_run_finish (CeSession     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (CE_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ce_session_run_in_thread, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ce_session_run:
 *
 * Runs @func on a read-only connection of the pool in the calling
 * thread and returns what it returns: for the command line, which has
 * nothing else to do meanwhile, and for threads of one's own.
 *
 * Returns: (transfer full): the result, or %NULL with @error set
 */
gpointer
ce_session_run (CeSession      *self,
                CeSessionFunc   func,
                gpointer        data,
                GCancellable   *cancellable,
                GError        **error)
{
  g_return_val_if_fail (CE_IS_SESSION (self), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  return run_on_pool (self, func, data, cancellable, error);
}
