/* ce-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-session"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-session-private.h"

/* A session is the open corpus and what every view of it shares.
 *
 * Connections.  One writable connection lives in one writer thread (an
 * exclusive thread pool of one), which runs the writes in the order
 * they were asked for: imports, splits and merges, topics.  Reading runs
 * in GLib's worker threads, each job on a read-only connection taken
 * from a small pool and given back afterwards (ce-session-pool.c), so a
 * connection is opened once and then reused.  No connection is used by two threads at
 * once, and the thread of the session's main context runs no statement.
 *
 * After a write that changed documents, #CeSession::corpus-changed is
 * emitted in the main context before the caller's callback runs. */

G_DEFINE_FINAL_TYPE (CeSession, ce_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_QUERY,
  PROP_TOPICS,
  N_PROPS
};

enum {
  CORPUS_CHANGED,
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef enum
{
  JOB_WRITE,
  JOB_OPEN,
  JOB_CLOSE,
  JOB_ADOPT,
  JOB_DROP,
  JOB_RELEASE,
} JobKind;

/* One job of the writer thread.  An async job has @task and completes in
 * the session's context; a synchronous one is waited for under @lock. */
typedef struct
{
  JobKind            kind;
  CeSession         *self;
  GTask             *task;
  CeSessionFunc      func;
  gpointer           data;
  GCancellable      *cancellable;
  GDestroyNotify     result_destroy;
  char              *path;
  CeCorpusOpenFlags  flags;
  guint              epoch;
  guint              closes;

  gpointer           result;
  GError            *error;
  gboolean           changed;
  gboolean           read_only;
  /* An asynchronous open: the connection opened, which the writer takes
   * (JOB_ADOPT) or closes (JOB_DROP) in a job of its own once the main
   * context knows whether the open still stands */
  CeCorpus          *corpus;
  gboolean           detached;   /* nobody waits: the writer frees it */

  GMutex             lock;
  GCond              cond;
  gboolean           done;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  if (job->result != NULL && job->result_destroy != NULL)
    job->result_destroy (job->result);
  g_clear_error (&job->error);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->task);
  g_clear_object (&job->corpus);
  g_free (job->path);
  g_mutex_clear (&job->lock);
  g_cond_clear (&job->cond);
  g_free (job);
}

static WriteJob *
write_job_new (CeSession    *self,
               JobKind       kind,
               GCancellable *cancellable)
{
  WriteJob *job = g_new0 (WriteJob, 1);

  job->kind = kind;
  job->self = self;
  job->epoch = self->epoch;
  job->closes = self->closes;
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  g_mutex_init (&job->lock);
  g_cond_init (&job->cond);

  return job;
}

void
_ce_session_set_not_open_error (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("No corpus is open"));
}

void
_ce_session_emit_error (CeSession    *self,
                        const GError *error)
{
  g_signal_emit (self, signals[ERROR], 0, error);
}

/* The writer thread ---------------------------------------------------- */

static void open_done (CeSession *self,
                       WriteJob  *job);

static gboolean
write_done_cb (gpointer user_data)
{
  WriteJob *job = user_data;
  CeSession *self = job->self;

  if (job->kind == JOB_OPEN)
    {
      open_done (self, job);
      write_job_free (job);
      return G_SOURCE_REMOVE;
    }

  /* The views read the new documents before the caller goes on */
  if (job->changed && job->epoch == self->epoch)
    g_signal_emit (self, signals[CORPUS_CHANGED], 0);

  if (job->error != NULL)
    g_task_return_error (job->task, g_steal_pointer (&job->error));
  else
    g_task_return_pointer (job->task, g_steal_pointer (&job->result), job->result_destroy);

  write_job_free (job);

  return G_SOURCE_REMOVE;
}

static void
writer_open (CeSession *self,
             WriteJob  *job)
{
  g_autoptr(CeCorpus) corpus = NULL;
  GPtrArray *topics;

  if (g_cancellable_set_error_if_cancelled (job->cancellable, &job->error))
    return;

  corpus = ce_corpus_open (job->path, job->flags, &job->error);
  if (corpus == NULL)
    return;

  ce_corpus_set_cancellable (corpus, job->cancellable);
  topics = _ce_session_list_topics_func (corpus, NULL, job->cancellable, &job->error);
  ce_corpus_set_cancellable (corpus, NULL);
  if (topics == NULL)
    return;

  job->read_only = ce_corpus_is_read_only (corpus);
  job->result = topics;
  job->result_destroy = (GDestroyNotify)g_ptr_array_unref;

  /* Only now that it can be used does it replace the corpus open
   * before; an asynchronous open leaves that to the main context, which
   * knows whether it was cancelled meanwhile */
  if (job->task != NULL)
    job->corpus = g_steal_pointer (&corpus);
  else
    g_set_object (&self->writer, corpus);
}

static void
writer_thread (gpointer data,
               gpointer user_data)
{
  WriteJob *job = data;
  CeSession *self = user_data;

  switch (job->kind)
    {
    case JOB_OPEN:
      writer_open (self, job);
      break;

    case JOB_CLOSE:
      g_clear_object (&self->writer);
      break;

    case JOB_ADOPT:
      g_set_object (&self->writer, job->corpus);
      g_clear_object (&job->corpus);
      break;

    case JOB_DROP:
      g_clear_object (&job->corpus);
      break;

    case JOB_RELEASE:
      if (self->writer != NULL)
        ce_corpus_release_memory (self->writer);
      _ce_session_trim_heap ();
      break;

    case JOB_WRITE:
    default:
      if (self->writer == NULL)
        _ce_session_set_not_open_error (&job->error);
      else if (!g_cancellable_set_error_if_cancelled (job->cancellable, &job->error))
        {
          guint64 generation = ce_corpus_get_generation (self->writer);

          ce_corpus_set_cancellable (self->writer, job->cancellable);
          job->result = job->func (self->writer, job->data, job->cancellable, &job->error);
          ce_corpus_set_cancellable (self->writer, NULL);
          job->changed = ce_corpus_get_generation (self->writer) != generation;

          if (job->result == NULL && job->error == NULL)
            {
              g_critical ("a session function failed without saying why");
              g_set_error_literal (&job->error, G_IO_ERROR, G_IO_ERROR_FAILED,
                                   _("Could not update the corpus"));
            }
        }
      break;
    }

  if (job->detached)
    {
      write_job_free (job);
      return;
    }

  /* Always through a source of the session's context: invoking it
   * directly would run the callback here whenever that context is idle */
  if (job->task != NULL)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, write_done_cb, job, NULL);
      g_source_set_static_name (source, "[ce-session] write done");
      g_source_attach (source, self->context);
      g_source_unref (source);
      return;
    }

  g_mutex_lock (&job->lock);
  job->done = TRUE;
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->lock);
}

/* Runs @job in the writer thread and waits for it */
static void
write_sync (CeSession *self,
            WriteJob  *job)
{
  g_thread_pool_push (self->writer_pool, job, NULL);

  g_mutex_lock (&job->lock);
  while (!job->done)
    g_cond_wait (&job->cond, &job->lock);
  g_mutex_unlock (&job->lock);
}

/* Hands @corpus to the writer thread, after the jobs queued before, to
 * become its connection (%JOB_ADOPT) or to be closed there (%JOB_DROP) */
static void
write_detached (CeSession *self,
                JobKind    kind,
                CeCorpus  *corpus)
{
  WriteJob *job = write_job_new (self, kind, NULL);

  job->corpus = corpus;
  job->detached = TRUE;
  g_thread_pool_push (self->writer_pool, job, NULL);
}

/* @path is open in the writer: the session shows it from now on */
static void
open_apply (CeSession  *self,
            const char *path,
            gboolean    read_only,
            GPtrArray  *topics)
{
  self->read_only = read_only;
  self->epoch++;
  g_free (self->path);
  self->path = g_strdup (path);
  _ce_session_pool_reset (self, path);
  _ce_session_replace_topics (self, topics);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

/* In the main context, after the writer opened (or failed to open) the
 * file of an asynchronous open */
static void
open_done (CeSession *self,
           WriteJob  *job)
{
  g_autoptr(GPtrArray) topics = NULL;

  /* Cancelled, or the session was closed since it was asked for */
  if (job->corpus != NULL &&
      (g_cancellable_is_cancelled (job->cancellable) || job->closes != self->closes))
    {
      write_detached (self, JOB_DROP, g_steal_pointer (&job->corpus));
      g_clear_error (&job->error);
      g_set_error_literal (&job->error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("Opening the corpus was cancelled"));
    }

  if (job->error != NULL)
    {
      g_task_return_error (job->task, g_steal_pointer (&job->error));
      return;
    }

  g_assert (job->corpus != NULL);

  topics = g_steal_pointer (&job->result);
  write_detached (self, JOB_ADOPT, g_steal_pointer (&job->corpus));
  open_apply (self, job->path, job->read_only, topics);
  g_task_return_boolean (job->task, TRUE);
}

/* The pool has been idle a while (ce-session-pool.c): the writable
 * connection gives back its cache too, in its thread, after whatever was
 * queued before */
void
_ce_session_release_writer (CeSession *self)
{
  WriteJob *job = write_job_new (self, JOB_RELEASE, NULL);

  job->detached = TRUE;
  g_thread_pool_push (self->writer_pool, job, NULL);
}

/* GObject -------------------------------------------------------------- */

static void
ce_session_dispose (GObject *object)
{
  CeSession *self = (CeSession *)object;

  _ce_session_pool_clear (self);

  /* The writable connection is closed in the thread that used it; the
   * pool finishes what was queued before it goes */
  if (self->writer_pool != NULL)
    {
      WriteJob *job = write_job_new (self, JOB_CLOSE, NULL);

      write_sync (self, job);
      write_job_free (job);
      g_thread_pool_free (g_steal_pointer (&self->writer_pool), FALSE, TRUE);
    }

  G_OBJECT_CLASS (ce_session_parent_class)->dispose (object);
}

static void
ce_session_finalize (GObject *object)
{
  CeSession *self = (CeSession *)object;

  g_clear_pointer (&self->idle, g_ptr_array_unref);
  g_clear_pointer (&self->pool_path, g_free);
  g_mutex_clear (&self->pool_lock);
  g_clear_object (&self->topics);
  g_clear_pointer (&self->query, ce_query_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (ce_session_parent_class)->finalize (object);
}

static void
ce_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CeSession *self = CE_SESSION (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_QUERY:
      g_value_set_boxed (value, self->query);
      break;

    case PROP_TOPICS:
      g_value_set_object (value, self->topics);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ce_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CeSession *self = CE_SESSION (object);

  switch (prop_id)
    {
    case PROP_QUERY:
      ce_session_set_query (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ce_session_class_init (CeSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ce_session_dispose;
  object_class->finalize = ce_session_finalize;
  object_class->get_property = ce_session_get_property;
  object_class->set_property = ce_session_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * CeSession:query: (nullable)
   *
   * The effective query, the search text with its filters, which every
   * view restricts itself to; %NULL for every document.
   */
  properties[PROP_QUERY] =
    g_param_spec_boxed ("query", NULL, NULL, CE_TYPE_QUERY,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TOPICS] =
    g_param_spec_object ("topics", NULL, NULL, G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CeSession::corpus-changed:
   *
   * Documents were added, split or merged through the session.  Emitted
   * in the session's main context, before the callback of the write.
   */
  signals[CORPUS_CHANGED] =
    g_signal_new ("corpus-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * CeSession::error:
   * @error: what went wrong
   *
   * Work the session did on its own account failed: the topics could
   * not be listed again (ce_session_reload_topics()).
   */
  signals[ERROR] =
    g_signal_new ("error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
ce_session_init (CeSession *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->topics = g_list_store_new (CE_TYPE_TOPIC);
  self->idle = g_ptr_array_new_with_free_func (g_object_unref);
  g_mutex_init (&self->pool_lock);
  _ce_session_pool_init (self);
  /* Exclusive: the one thread lives as long as the session */
  self->writer_pool = g_thread_pool_new (writer_thread, self, 1, TRUE, NULL);
}

/* Public API ------------------------------------------------------------- */

/**
 * ce_session_new:
 *
 * A session with no corpus open.  Its signals and callbacks run in the
 * thread-default main context of the caller.
 *
 * Returns: (transfer full): the session
 */
CeSession *
ce_session_new (void)
{
  return g_object_new (CE_TYPE_SESSION, NULL);
}

/**
 * ce_session_open:
 * @path: the corpus file
 * @flags: how to open it; with %CE_CORPUS_OPEN_READ_ONLY every write fails
 * @error: why not; the message names the file
 *
 * Opens @path in the writer thread, waiting for it, and lists its
 * topics.  On failure the corpus open before stays open.
 *
 * Returns: whether @path is now the session's corpus
 */
gboolean
ce_session_open (CeSession          *self,
                 const char         *path,
                 CeCorpusOpenFlags   flags,
                 GError            **error)
{
  g_autoptr(GPtrArray) topics = NULL;
  WriteJob *job;

  g_return_val_if_fail (CE_IS_SESSION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  job = write_job_new (self, JOB_OPEN, NULL);
  job->path = g_strdup (path);
  job->flags = flags;
  write_sync (self, job);

  if (job->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&job->error));
      write_job_free (job);
      return FALSE;
    }

  topics = g_steal_pointer (&job->result);
  open_apply (self, path, job->read_only, topics);
  write_job_free (job);

  return TRUE;
}

/**
 * ce_session_open_async:
 * @path: the corpus file
 * @flags: how to open it; with %CE_CORPUS_OPEN_READ_ONLY every write fails
 * @cancellable: (nullable): gives the open up: the file is closed again
 *   and the corpus open before stays open
 * @callback: called in the session's main context
 *
 * Like ce_session_open(), without waiting: the file is opened, checked
 * and if need be upgraded, and its topics listed, in the writer thread,
 * after the writes queued before.  When it succeeded the session has
 * changed #CeSession:path before @callback runs; until then the corpus
 * open before stays the session's.  Opens asked for one after the other
 * complete in that order, so the last one that succeeds wins; to give up
 * one, cancel it (it completes when the writer comes to it).  An open
 * asked for before ce_session_close() is given up as if cancelled.
 * Finish with ce_session_open_finish().
 */
void
ce_session_open_async (CeSession           *self,
                       const char          *path,
                       CeCorpusOpenFlags    flags,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  WriteJob *job;

  g_return_if_fail (CE_IS_SESSION (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  job = write_job_new (self, JOB_OPEN, cancellable);
  job->path = g_strdup (path);
  job->flags = flags;
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, ce_session_open_async);
  /* open_done() decides: a file taken is never reported cancelled */
  g_task_set_check_cancellable (job->task, FALSE);

  g_thread_pool_push (self->writer_pool, job, NULL);
}

/**
 * ce_session_open_finish:
 * @error: why not: %G_IO_ERROR_CANCELLED when it was cancelled, or the
 *   same errors as ce_session_open(), whose messages name the file
 *
 * Returns: whether the file is now the session's corpus
 */
gboolean
ce_session_open_finish (CeSession     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (CE_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ce_session_open_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ce_session_close:
 *
 * Closes the corpus, after the writes asked for before have run.  An
 * open under way (ce_session_open_async()) is given up.
 */
void
ce_session_close (CeSession *self)
{
  WriteJob *job;

  g_return_if_fail (CE_IS_SESSION (self));

  /* Opens asked for before are given up */
  self->closes++;

  if (self->path == NULL)
    return;

  job = write_job_new (self, JOB_CLOSE, NULL);
  write_sync (self, job);
  write_job_free (job);

  self->epoch++;
  self->read_only = FALSE;
  g_clear_pointer (&self->path, g_free);
  _ce_session_pool_reset (self, NULL);
  _ce_session_replace_topics (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

gboolean
ce_session_is_open (CeSession *self)
{
  g_return_val_if_fail (CE_IS_SESSION (self), FALSE);
  return self->path != NULL;
}

/**
 * ce_session_is_read_only:
 *
 * Returns: whether the open corpus can only be read: its file, its
 *   folder or the medium it is on cannot be written (or it was opened
 *   with %CE_CORPUS_OPEN_READ_ONLY).  Every write then fails; known
 *   when #CeSession:path notifies.
 */
gboolean
ce_session_is_read_only (CeSession *self)
{
  g_return_val_if_fail (CE_IS_SESSION (self), FALSE);
  return self->path != NULL && self->read_only;
}

/**
 * ce_session_get_path:
 *
 * Returns: (nullable): the file of the open corpus
 */
const char *
ce_session_get_path (CeSession *self)
{
  g_return_val_if_fail (CE_IS_SESSION (self), NULL);
  return self->path;
}

/**
 * ce_session_dup_name:
 *
 * Returns: (transfer full) (nullable): the corpus's file name without
 *   its folder and the .corpus suffix
 */
char *
ce_session_dup_name (CeSession *self)
{
  char *name;

  g_return_val_if_fail (CE_IS_SESSION (self), NULL);

  if (self->path == NULL)
    return NULL;

  name = g_path_get_basename (self->path);
  if (g_str_has_suffix (name, CE_CORPUS_SUFFIX) && strlen (name) > strlen (CE_CORPUS_SUFFIX))
    name[strlen (name) - strlen (CE_CORPUS_SUFFIX)] = 0;

  return name;
}

/**
 * ce_session_write_async:
 * @func: the change, run in the writer thread on the writable connection
 *
 * Queues a change of the corpus.  Changes run one at a time in the order
 * they were asked for.  When @func changed documents,
 * #CeSession::corpus-changed is emitted before @callback runs.
 */
void
ce_session_write_async (CeSession           *self,
                        CeSessionFunc        func,
                        gpointer             data,
                        GDestroyNotify       data_destroy,
                        GDestroyNotify       result_destroy,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  WriteJob *job;

  g_return_if_fail (CE_IS_SESSION (self));
  g_return_if_fail (func != NULL);

  job = write_job_new (self, JOB_WRITE, cancellable);
  job->func = func;
  job->data = data;
  job->result_destroy = result_destroy;
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, ce_session_write_async);
  /* A change that was made is reported, cancelled or not */
  g_task_set_check_cancellable (job->task, FALSE);
  /* The data goes with the task, which the main context frees */
  if (data_destroy != NULL)
    g_task_set_task_data (job->task, data, data_destroy);

  g_thread_pool_push (self->writer_pool, job, NULL);
}

/**
 * ce_session_write_finish:
 *
 * Returns: (transfer full): what the function returned, or %NULL with
 *   @error set
 */
gpointer
ce_session_write_finish (CeSession     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (CE_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ce_session_write:
 *
 * Like ce_session_write_async(), waiting for the change in the calling
 * thread, which must be the thread of the session's main context:
 * #CeSession::corpus-changed is emitted there before this returns.
 *
 * Returns: (transfer full): the result, or %NULL with @error set
 */
gpointer
ce_session_write (CeSession      *self,
                  CeSessionFunc   func,
                  gpointer        data,
                  GCancellable   *cancellable,
                  GError        **error)
{
  WriteJob *job;
  gpointer result;
  gboolean changed;

  g_return_val_if_fail (CE_IS_SESSION (self), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  job = write_job_new (self, JOB_WRITE, cancellable);
  job->func = func;
  job->data = data;
  write_sync (self, job);

  result = g_steal_pointer (&job->result);
  changed = job->changed;
  if (job->error != NULL)
    g_propagate_error (error, g_steal_pointer (&job->error));
  write_job_free (job);

  if (changed)
    g_signal_emit (self, signals[CORPUS_CHANGED], 0);

  return result;
}

static gpointer
import_func (CeCorpus      *corpus,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  return ce_importer_run_into (CE_IMPORTER (data), corpus, cancellable, error);
}

/**
 * ce_session_import_async:
 * @importer: the files to import, into the session's corpus
 *
 * Runs @importer in the writer thread through the writable connection;
 * ce_importer_get_progress() tells how far it got meanwhile.  The
 * session emits #CeSession::corpus-changed when documents were added.
 */
void
ce_session_import_async (CeSession           *self,
                         CeImporter          *importer,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (CE_IS_SESSION (self));
  g_return_if_fail (CE_IS_IMPORTER (importer));

  ce_session_write_async (self, import_func, g_object_ref (importer), g_object_unref,
                          (GDestroyNotify)ce_import_report_free,
                          cancellable, callback, user_data);
}

/**
 * ce_session_import_finish:
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
CeImportReport *
ce_session_import_finish (CeSession     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return ce_session_write_finish (self, result, error);
}

/**
 * ce_session_get_query:
 *
 * Returns: (transfer none) (nullable): the effective query
 */
CeQuery *
ce_session_get_query (CeSession *self)
{
  g_return_val_if_fail (CE_IS_SESSION (self), NULL);
  return self->query;
}

/**
 * ce_session_set_query:
 * @query: (nullable): the search with its filters, %NULL for none
 *
 * Notifies #CeSession:query when the text of the query is another
 * than before.
 */
void
ce_session_set_query (CeSession *self,
                      CeQuery   *query)
{
  gboolean same;

  g_return_if_fail (CE_IS_SESSION (self));

  if (self->query == query)
    return;

  same = self->query != NULL && query != NULL &&
         g_strcmp0 (ce_query_get_text (self->query), ce_query_get_text (query)) == 0;

  g_clear_pointer (&self->query, ce_query_unref);
  if (query != NULL)
    self->query = ce_query_ref (query);

  if (!same)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}
