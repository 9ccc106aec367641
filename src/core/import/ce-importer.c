/* ce-importer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-importer"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ce-corpus.h"
#include "ce-importer-private.h"
#include "ce-walk.h"

/* The importer: its object and progress, and the import's transaction,
 * in which one thread reads (ce-importer-read.c) while this one stores
 * (ce-importer-store.c).  ce-importer-private.h lists the parts. */

G_DEFINE_FINAL_TYPE (CeImporter, ce_importer, G_TYPE_OBJECT)

enum {
  WAITING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_WAITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* How often a waiting import tries again for the corpus */
#define WAIT_STEP_US (100 * 1000)

static void
copy_options (CeImportOptions       *dest,
              const CeImportOptions *src)
{
  dest->format = src->format;
  dest->split = src->split;
  dest->split_regex = g_strdup (src->split_regex);
  dest->text_field = g_strdup (src->text_field);
  dest->title_field = g_strdup (src->title_field);
  dest->date_field = g_strdup (src->date_field);
  dest->tokenizer = src->tokenizer;
  dest->diacritics = src->diacritics;
  dest->keep_duplicates = src->keep_duplicates;
  dest->duplicate_threshold = src->duplicate_threshold;
  dest->no_near_copies = src->no_near_copies;
}

void
_ce_importer_set_progress (CeImporter *self,
                           guint64     bytes_done,
                           int         new_documents)
{
  g_mutex_lock (&self->progress_lock);
  if (bytes_done != G_MAXUINT64)
    self->bytes_done = MIN (bytes_done, self->bytes_total);
  self->documents += new_documents;
  g_mutex_unlock (&self->progress_lock);
}

static void
ce_importer_finalize (GObject *object)
{
  CeImporter *self = (CeImporter *)object;

  g_clear_pointer (&self->corpus_path, g_free);
  g_clear_pointer (&self->paths, g_ptr_array_unref);
  ce_import_options_clear (&self->options);
  g_mutex_clear (&self->progress_lock);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (ce_importer_parent_class)->finalize (object);
}

static void
ce_importer_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CeImporter *self = CE_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_WAITING:
      g_value_set_boolean (value, ce_importer_is_waiting (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ce_importer_class_init (CeImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ce_importer_finalize;
  object_class->get_property = ce_importer_get_property;

  /**
   * CeImporter:waiting:
   *
   * Whether the import waits for another import into the same corpus
   * to finish (ce_importer_is_waiting()).  It changes in the thread that
   * runs the import; its notification is emitted in the main context of
   * the thread that made the importer, so a window can follow it
   * without polling.
   */
  properties[PROP_WAITING] =
    g_param_spec_boolean ("waiting", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CeImporter::waiting:
   * @message: what the import waits for, to show
   *
   * Emitted, in the thread that runs the import, when another import is
   * writing into the same corpus: this one waits for it to finish, until
   * it is cancelled.
   */
  signals[WAITING] =
    g_signal_new ("waiting",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ce_importer_init (CeImporter *self)
{
  g_mutex_init (&self->progress_lock);
  self->paths = g_ptr_array_new_with_free_func (g_free);
  self->context = g_main_context_ref_thread_default ();
}

/**
 * ce_importer_new:
 * @corpus_path: the corpus to import into; created when missing
 * @options: (nullable): format and splitting options
 */
CeImporter *
ce_importer_new (const char            *corpus_path,
                 const CeImportOptions *options)
{
  CeImporter *self;

  g_return_val_if_fail (corpus_path != NULL, NULL);

  self = g_object_new (CE_TYPE_IMPORTER, NULL);
  self->corpus_path = g_strdup (corpus_path);
  if (options != NULL)
    copy_options (&self->options, options);

  return self;
}

/**
 * ce_importer_add_path:
 * @path: a file, or a folder read recursively
 */
void
ce_importer_add_path (CeImporter *self,
                      const char *path)
{
  g_return_if_fail (CE_IS_IMPORTER (self));
  g_return_if_fail (path != NULL);

  g_ptr_array_add (self->paths, g_strdup (path));
}

/**
 * ce_importer_get_progress:
 *
 * Safe to call from any thread while the import runs.
 */
void
ce_importer_get_progress (CeImporter *self,
                          guint64    *bytes_done,
                          guint64    *bytes_total,
                          guint      *documents)
{
  g_return_if_fail (CE_IS_IMPORTER (self));

  g_mutex_lock (&self->progress_lock);
  if (bytes_done)
    *bytes_done = self->bytes_done;
  if (bytes_total)
    *bytes_total = self->bytes_total;
  if (documents)
    *documents = self->documents;
  g_mutex_unlock (&self->progress_lock);
}

/**
 * ce_importer_is_waiting:
 *
 * Safe to call from any thread while the import runs.
 *
 * Returns: whether the import waits for another import into the same
 *   corpus to finish (#CeImporter::waiting said so); it has written
 *   nothing yet.  #CeImporter:waiting notifies changes.
 */
gboolean
ce_importer_is_waiting (CeImporter *self)
{
  gboolean waiting;

  g_return_val_if_fail (CE_IS_IMPORTER (self), FALSE);

  g_mutex_lock (&self->progress_lock);
  waiting = self->waiting;
  g_mutex_unlock (&self->progress_lock);

  return waiting;
}

static void
forward_cancel_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
notify_waiting_cb (gpointer data)
{
  g_autoptr(CeImporter) self = g_weak_ref_get (data);

  if (self != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING]);

  return G_SOURCE_REMOVE;
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
set_waiting (CeImporter *self,
             gboolean    waiting)
{
  g_autoptr(GSource) source = NULL;
  gboolean changed;
  GWeakRef *ref;

  g_mutex_lock (&self->progress_lock);
  changed = self->waiting != waiting;
  self->waiting = waiting;
  g_mutex_unlock (&self->progress_lock);

  if (!changed)
    return;

  /* Always through the importer's main context, never from this thread:
   * a handler may touch widgets.  A weak reference: a context that never
   * runs again (a command that imports and exits) keeps no importer. */
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, notify_waiting_cb, ref, weak_ref_free);
  g_source_set_static_name (source, "[ce] importer waiting");
  g_source_attach (source, self->context);
}

/* Starts the transaction of the import, waiting while another import
 * writes into the same corpus */
static gboolean
begin_waiting (CeImporter    *self,
               CeCorpus      *corpus,
               GCancellable  *cancellable,
               GError       **error)
{
  gboolean announced = FALSE;

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;

      if (ce_corpus_try_begin (corpus, &local_error))
        {
          set_waiting (self, FALSE);
          return TRUE;
        }

      if (!g_error_matches (local_error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_BUSY))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (!announced)
        {
          g_autofree char *message =
            g_strdup_printf (_("Another import is running into “%s”; waiting for it to finish"),
                             self->corpus_path);

          g_signal_emit (self, signals[WAITING], 0, message);
          announced = TRUE;
        }

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          set_waiting (self, FALSE);
          return FALSE;
        }
      set_waiting (self, TRUE);
      g_usleep (WAIT_STEP_US);
    }
}

/**
 * ce_importer_run:
 * @cancellable: (nullable): cancels the import; the corpus is then left
 *   exactly as it was
 *
 * Imports every path into the corpus in one transaction, reading in one
 * thread while this one stores.  Files that cannot be read are listed
 * in the report; the import fails only when the corpus cannot be
 * written, or when it is cancelled.
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
CeImportReport *
ce_importer_run (CeImporter    *self,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(CeCorpus) corpus = NULL;

  g_return_val_if_fail (CE_IS_IMPORTER (self), NULL);

  /* A new corpus is built beside its path and moved there when whole */
  if (!g_file_test (self->corpus_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(CeImportReport) report = NULL;
      g_autoptr(GError) local_error = NULL;

      /* When it cannot be made (a read-only folder), opening the path
       * says why */
      corpus = ce_corpus_create_staged (self->corpus_path, NULL);
      if (corpus != NULL)
        {
          report = ce_importer_run_into (self, corpus, cancellable, error);
          if (report == NULL)
            return NULL;
          if (ce_corpus_publish (corpus, &local_error))
            return g_steal_pointer (&report);
          g_clear_object (&corpus);

          /* Another import made it meanwhile: this one goes into it */
          if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
        }
    }

  corpus = ce_corpus_open (self->corpus_path, CE_CORPUS_OPEN_CREATE, error);
  if (corpus == NULL)
    return NULL;

  return ce_importer_run_into (self, corpus, cancellable, error);
}

/**
 * ce_importer_run_into:
 * @corpus: a writable connection to the importer's corpus, used only by
 *   the calling thread while this runs
 * @cancellable: (nullable): cancels the import; the corpus is then left
 *   exactly as it was
 *
 * Like ce_importer_run(), through a connection the caller already has
 * (the session's writer).
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
CeImportReport *
ce_importer_run_into (CeImporter    *self,
                      CeCorpus      *corpus,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(CeImportReport) report = _ce_import_report_new ();
  g_autoptr(GCancellable) own_cancellable = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) local_error = NULL;
  GThread *thread;
  gint64 last_before = 0;
  guint64 total = 0;
  gulong cancelled_id = 0;
  CeImportJob job = { 0 };
  CeImportChoice choice = { 0 };
  CeImportStore store = { 0 };
  CeImportItem *item;

  g_return_val_if_fail (CE_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);

  files = g_ptr_array_new_with_free_func ((GDestroyNotify)ce_walk_file_free);
  if (!ce_walk_collect ((const char **)self->paths->pdata, self->paths->len, files,
                        report->skipped, cancellable, error))
    return NULL;

  for (guint i = 0; i < files->len; i++)
    total += ((CeWalkFile *)g_ptr_array_index (files, i))->size;

  g_mutex_lock (&self->progress_lock);
  self->bytes_total = total;
  self->bytes_done = 0;
  self->documents = 0;
  g_mutex_unlock (&self->progress_lock);

  if (!begin_waiting (self, corpus, cancellable, error))
    return NULL;

  /* Adding to a damaged file could only damage it further */
  if (!ce_corpus_check_integrity (corpus, error) ||
      !_ce_import_choice_prepare (corpus, &self->options, &choice, error))
    {
      ce_corpus_rollback (corpus);
      return NULL;
    }

  /* A new threshold groups what is stored again, in this transaction */
  if (self->options.duplicate_threshold > 0 &&
      !ce_corpus_set_duplicate_threshold (corpus, self->options.duplicate_threshold, error))
    {
      ce_corpus_rollback (corpus);
      return NULL;
    }
  last_before = ce_corpus_get_last_document_id (corpus);

  /* A cancellable of our own stops the reader when storing fails */
  own_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (forward_cancel_cb),
                                          g_object_ref (own_cancellable), g_object_unref);
  ce_corpus_set_cancellable (corpus, own_cancellable);

  job.self = self;
  job.files = files;
  job.cancellable = own_cancellable;
  job.report = report;
  _ce_import_queue_init (&job.queue);

  thread = g_thread_new ("ce-import-reader", _ce_importer_read_thread, &job);

  while ((item = _ce_import_choice_next_item (&job, &choice, corpus, &local_error))->kind != ITEM_END)
    {
      if (local_error != NULL)
        {
          _ce_import_item_free (item);
          continue;
        }

      _ce_importer_store_item (self, corpus, &store, item, report, &local_error);

      if (local_error != NULL)
        {
          g_cancellable_cancel (own_cancellable);
          _ce_import_queue_abort (&job.queue);
        }

      _ce_import_item_free (item);
    }
  _ce_import_item_free (item);

  if (local_error == NULL && !g_cancellable_is_cancelled (own_cancellable))
    _ce_importer_store_finish (corpus, &store, report, &local_error);

  /* A new corpus's index, merged once at the end, while a cancel can
   * still stop it; stopped, it is said so below */
  if (local_error == NULL && !g_cancellable_is_cancelled (own_cancellable) &&
      !ce_corpus_merge_index (corpus, &local_error) &&
      g_cancellable_is_cancelled (own_cancellable))
    g_clear_error (&local_error);

  g_thread_join (thread);
  g_cancellable_disconnect (cancellable, cancelled_id);
  _ce_import_queue_clear (&job.queue);
  _ce_import_choice_clear (&choice);
  _ce_import_store_clear (&store);

  if (local_error == NULL && g_cancellable_is_cancelled (own_cancellable))
    g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                         _("The import was cancelled; the corpus was not changed"));

  if (local_error != NULL)
    {
      ce_corpus_rollback (corpus);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  report->grouped = ce_corpus_count_grouped_after (corpus, last_before);

  ce_corpus_set_cancellable (corpus, NULL);
  if (!ce_corpus_commit (corpus, error))
    return NULL;

  /* The .corpus file alone holds everything once the import says so */
  if (!ce_corpus_checkpoint (corpus, error))
    return NULL;

  _ce_importer_set_progress (self, total, 0);
  report->tokenizer = ce_corpus_get_tokenizer (corpus);

  return g_steal_pointer (&report);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CeImporter *self = source_object;
  CeImportReport *report;
  GError *error = NULL;

  report = ce_importer_run (self, cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify)ce_import_report_free);
}

void
ce_importer_run_async (CeImporter          *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CE_IS_IMPORTER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ce_importer_run_async);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, run_in_thread);
}

CeImportReport *
ce_importer_run_finish (CeImporter    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (CE_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
