/* test-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ce-session.h"
#include "ce-session-private.h"
#include "ce-test-util.h"
#include "ce-topics.h"

/* The sample corpus, imported once per test into a folder of its own */
typedef struct
{
  char      *dir;
  char      *path;
  CeSession *session;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *sample = ce_test_sample_path ("sample.jsonl");
  g_autoptr(GError) error = NULL;

  fixture->dir = ce_test_make_dir ("test-session");
  fixture->path = ce_test_import (fixture->dir, "sample", sample);
  fixture->session = ce_session_new ();
  g_assert_true (ce_session_open (fixture->session, fixture->path, CE_CORPUS_OPEN_DEFAULT, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  CeSession *session = fixture->session;
  gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  /* A task run in a thread lets go of the session once its thread is
   * done, which may be just after its callback ran */
  g_object_add_weak_pointer (G_OBJECT (session), (gpointer *)&session);
  g_object_unref (fixture->session);
  while (session != NULL && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_null (session);
  g_assert_true (ce_test_remove_tree (fixture->dir));
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Waiting for an async call in the default main context */
static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

/* Lets every completion queued for the main context run: a write that
 * waits in the writer thread comes after every write queued before it */
static gpointer
noop_func (CeCorpus      *corpus,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  return GINT_TO_POINTER (1);
}

static void
settle (CeSession *session)
{
  g_autoptr(GAsyncResult) result = NULL;

  ce_session_write_async (session, noop_func, NULL, NULL, NULL, NULL, store_result_cb, &result);
  wait_for (&result);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gint64
sample_documents (const char *path)
{
  g_autoptr(CeCorpus) corpus = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, NULL);

  g_assert_nonnull (corpus);
  return ce_corpus_count_documents (corpus);
}

/* Opening -------------------------------------------------------------- */

static void
test_open (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.corpus", NULL);
  g_autofree char *name = ce_session_dup_name (fixture->session);

  g_assert_true (ce_session_is_open (fixture->session));
  g_assert_cmpstr (ce_session_get_path (fixture->session), ==, fixture->path);
  g_assert_cmpstr (name, ==, "sample");
  g_assert_cmpuint (g_list_model_get_n_items (ce_session_get_topics (fixture->session)), ==, 0);

  /* A file that is not there leaves the corpus open before as it was */
  g_assert_false (ce_session_open (fixture->session, missing, CE_CORPUS_OPEN_DEFAULT, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "missing.corpus"));
  g_assert_cmpstr (ce_session_get_path (fixture->session), ==, fixture->path);

  ce_session_close (fixture->session);
  g_assert_false (ce_session_is_open (fixture->session));
  g_assert_null (ce_session_get_path (fixture->session));
}

/* The file of the writer's connection: which corpus the writes go to */
static gpointer
writer_path_func (CeCorpus      *corpus,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return g_strdup (ce_corpus_get_path (corpus));
}

static char *
writer_path (CeSession *session)
{
  g_autoptr(GError) error = NULL;
  char *path = ce_session_write (session, writer_path_func, NULL, NULL, &error);

  g_assert_no_error (error);
  return path;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_open_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *sample = ce_test_sample_path ("sample.jsonl");
  g_autofree char *other = ce_test_import (fixture->dir, "other", sample);
  g_autofree char *path = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CeTopic) topic = NULL;
  g_autoptr(CeCorpus) corpus = NULL;
  const char * const terms[] = { "harbour", NULL };
  CeTopic *listed;
  guint notified = 0;

  /* The other corpus has a topic of its own, which the open lists */
  corpus = ce_corpus_open (other, CE_CORPUS_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  topic = ce_topic_new ("Harbour", "#3584e4", terms);
  g_assert_true (ce_topics_save (corpus, topic, &error));
  g_assert_no_error (error);
  g_clear_object (&corpus);

  g_signal_connect (fixture->session, "notify::path", G_CALLBACK (count_notify_cb), &notified);

  ce_session_open_async (fixture->session, other, CE_CORPUS_OPEN_DEFAULT, NULL, store_result_cb, &result);
  /* Nothing changes until the file is open */
  g_assert_cmpstr (ce_session_get_path (fixture->session), ==, fixture->path);
  g_assert_cmpuint (notified, ==, 0);

  g_assert_true (ce_session_open_finish (fixture->session, wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ce_session_get_path (fixture->session), ==, other);
  g_assert_cmpuint (notified, ==, 1);

  /* Writes and reads go to the new corpus */
  path = writer_path (fixture->session);
  g_assert_cmpstr (path, ==, other);
  g_assert_cmpuint (g_list_model_get_n_items (ce_session_get_topics (fixture->session)), ==, 1);
  listed = g_list_model_get_item (ce_session_get_topics (fixture->session), 0);
  g_assert_cmpstr (ce_topic_get_name (listed), ==, "Harbour");
  g_object_unref (listed);

  g_signal_handlers_disconnect_by_func (fixture->session, count_notify_cb, &notified);
}

static void
test_open_async_error (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *notes = g_build_filename (fixture->dir, "notes.corpus", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.corpus", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (notes, "These are notes, not a corpus.\n", -1, NULL));

  /* The message names the file; the corpus open before stays open */
  ce_session_open_async (fixture->session, notes, CE_CORPUS_OPEN_DEFAULT, NULL, store_result_cb, &result);
  g_assert_false (ce_session_open_finish (fixture->session, wait_for (&result), &error));
  g_assert_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_NOT_A_CORPUS);
  g_assert_nonnull (strstr (error->message, "notes.corpus"));
  g_assert_cmpstr (ce_session_get_path (fixture->session), ==, fixture->path);
  g_clear_object (&result);
  g_clear_error (&error);

  ce_session_open_async (fixture->session, missing, CE_CORPUS_OPEN_DEFAULT, NULL, store_result_cb, &result);
  g_assert_false (ce_session_open_finish (fixture->session, wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "missing.corpus"));
  g_assert_cmpstr (ce_session_get_path (fixture->session), ==, fixture->path);

  path = writer_path (fixture->session);
  g_assert_cmpstr (path, ==, fixture->path);
}

static void
test_open_async_cancel (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *sample = ce_test_sample_path ("sample.jsonl");
  g_autofree char *first = ce_test_import (fixture->dir, "first", sample);
  g_autofree char *second = ce_test_import (fixture->dir, "second", sample);
  g_autofree char *path = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) first_result = NULL;
  g_autoptr(GAsyncResult) second_result = NULL;
  g_autoptr(GAsyncResult) gate_result = NULL;
  g_autoptr(GError) error = NULL;
  CeTestGate gate;

  /* A second open gives up the first: the last one asked for wins */
  ce_session_open_async (fixture->session, first, CE_CORPUS_OPEN_DEFAULT, cancellable,
                         store_result_cb, &first_result);
  g_cancellable_cancel (cancellable);
  ce_session_open_async (fixture->session, second, CE_CORPUS_OPEN_DEFAULT, NULL,
                         store_result_cb, &second_result);

  g_assert_false (ce_session_open_finish (fixture->session, wait_for (&first_result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (ce_session_open_finish (fixture->session, wait_for (&second_result), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ce_session_get_path (fixture->session), ==, second);
  path = writer_path (fixture->session);
  g_assert_cmpstr (path, ==, second);
  g_clear_pointer (&path, g_free);

  /* Cancelled after the writer opened the file, before the main context
   * heard of it: the file is closed again and nothing changes */
  g_clear_object (&first_result);
  g_clear_object (&cancellable);
  cancellable = g_cancellable_new ();
  ce_test_gate_init (&gate);
  ce_session_open_async (fixture->session, first, CE_CORPUS_OPEN_DEFAULT, cancellable,
                         store_result_cb, &first_result);
  ce_session_write_async (fixture->session, ce_test_gate_func, &gate, NULL, NULL, NULL,
                          store_result_cb, &gate_result);
  ce_test_gate_wait_started (&gate);
  g_cancellable_cancel (cancellable);
  ce_test_gate_release (&gate);

  g_assert_false (ce_session_open_finish (fixture->session, wait_for (&first_result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  wait_for (&gate_result);
  g_assert_cmpstr (ce_session_get_path (fixture->session), ==, second);
  path = writer_path (fixture->session);
  g_assert_cmpstr (path, ==, second);

  /* Closing gives up an open asked for before */
  g_clear_object (&first_result);
  ce_session_open_async (fixture->session, first, CE_CORPUS_OPEN_DEFAULT, NULL,
                         store_result_cb, &first_result);
  ce_session_close (fixture->session);
  g_assert_false (ce_session_open_finish (fixture->session, wait_for (&first_result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (ce_session_is_open (fixture->session));

  ce_test_gate_clear (&gate);
}

/* Reading in threads ---------------------------------------------------- */

/* Two jobs that hold their connections at the same time */
typedef struct
{
  GMutex  lock;
  GCond   cond;
  guint   started;
  guint   expected;
} Barrier;

static GQuark
mark_quark (void)
{
  return g_quark_from_static_string ("test-session-mark");
}

typedef struct
{
  gint64    documents;
  gboolean  reused;    /* the connection had been used by a job before */
  GThread  *thread;
} JobResult;

static gpointer
count_func (CeCorpus      *corpus,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Barrier *barrier = data;
  JobResult *result = g_new0 (JobResult, 1);

  if (barrier != NULL)
    {
      gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

      g_mutex_lock (&barrier->lock);
      barrier->started++;
      g_cond_broadcast (&barrier->cond);
      while (barrier->started < barrier->expected)
        if (!g_cond_wait_until (&barrier->cond, &barrier->lock, end))
          break;
      g_mutex_unlock (&barrier->lock);
    }

  result->reused = g_object_get_qdata (G_OBJECT (corpus), mark_quark ()) != NULL;
  g_object_set_qdata (G_OBJECT (corpus), mark_quark (), GINT_TO_POINTER (1));
  result->documents = ce_corpus_count_documents (corpus);
  result->thread = g_thread_self ();

  return result;
}

static void
test_pool_reuse (Fixture       *fixture,
                 gconstpointer  data)
{
  gint64 documents = sample_documents (fixture->path);
  GAsyncResult *results[2] = { NULL, NULL };
  Barrier barrier = { .expected = 2 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) threads = g_hash_table_new (NULL, NULL);

  g_assert_cmpint (documents, ==, 52);

  g_mutex_init (&barrier.lock);
  g_cond_init (&barrier.cond);

  /* Two jobs at once get two connections, both new */
  for (guint i = 0; i < 2; i++)
    ce_session_run_in_thread (fixture->session, count_func, &barrier, NULL, g_free,
                              NULL, store_result_cb, &results[i]);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree JobResult *result = ce_session_run_finish (fixture->session, wait_for (&results[i]), &error);

      g_assert_no_error (error);
      g_assert_cmpint (result->documents, ==, documents);
      g_assert_false (result->reused);
      g_hash_table_add (threads, result->thread);
      g_clear_object (&results[i]);
    }
  g_assert_cmpuint (barrier.started, ==, 2);
  g_assert_cmpuint (g_hash_table_size (threads), ==, 2);

  /* Afterwards every job, in whichever thread, is given one of them */
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autofree JobResult *job = NULL;

      ce_session_run_in_thread (fixture->session, count_func, NULL, NULL, g_free,
                                NULL, store_result_cb, &result);
      job = ce_session_run_finish (fixture->session, wait_for (&result), &error);
      g_assert_no_error (error);
      g_assert_true (job->reused);
      g_assert_cmpint (job->documents, ==, documents);
    }

  /* The synchronous way, in this thread, uses the same pool */
  {
    g_autofree JobResult *job = ce_session_run (fixture->session, count_func, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (job->reused);
    g_assert_true (job->thread == g_thread_self ());
  }

  g_mutex_clear (&barrier.lock);
  g_cond_clear (&barrier.cond);
}

static gpointer
wait_for_cancel_func (CeCorpus      *corpus,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  gint *calls = data;

  g_atomic_int_inc (calls);

  /* A job that takes until it is cancelled */
  while (!g_cancellable_is_cancelled (cancellable))
    g_usleep (1000);

  return g_strdup ("finished anyway");
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GCancellable) before = g_cancellable_new ();
  g_autoptr(GCancellable) during = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint calls = 0;

  /* Cancelled before it starts: the function never runs */
  g_cancellable_cancel (before);
  ce_session_run_in_thread (fixture->session, wait_for_cancel_func, &calls, NULL, g_free,
                            before, store_result_cb, &result);
  g_assert_null (ce_session_run_finish (fixture->session, wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_atomic_int_get (&calls), ==, 0);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Cancelled while it runs: its result is dropped */
  g_timeout_add (20, cancel_cb, during);
  ce_session_run_in_thread (fixture->session, wait_for_cancel_func, &calls, NULL, g_free,
                            during, store_result_cb, &result);
  g_assert_null (ce_session_run_finish (fixture->session, wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_atomic_int_get (&calls), ==, 1);
  g_clear_error (&error);
  g_clear_object (&result);

  /* The connection went back to the pool without the cancellable: the
   * next job reuses it and its statements run */
  {
    g_autofree JobResult *job = NULL;

    ce_session_run_in_thread (fixture->session, count_func, NULL, NULL, g_free,
                              NULL, store_result_cb, &result);
    job = ce_session_run_finish (fixture->session, wait_for (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpint (job->documents, ==, 52);
  }
}

static void
test_not_open (void)
{
  g_autoptr(CeSession) session = ce_session_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (ce_session_is_open (session));
  g_assert_null (ce_session_run (session, count_func, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
  g_clear_error (&error);

  ce_session_write_async (session, noop_func, NULL, NULL, NULL, NULL, store_result_cb, &result);
  g_assert_null (ce_session_write_finish (session, wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
}

/* Topics ----------------------------------------------------------------- */

static CeTopic *
add_topic (CeSession   *session,
           const char  *name,
           const char  *terms,
           guint        position,
           GError     **error)
{
  g_autoptr(CeTopic) topic = ce_test_topic_new (name, terms);
  g_autoptr(GAsyncResult) result = NULL;

  ce_topic_set_color (topic, ce_session_next_topic_color (session));
  ce_session_add_topic_async (session, topic, position, NULL, store_result_cb, &result);

  return ce_session_add_topic_finish (session, wait_for (&result), error);
}

static CeTopic *
topic_at (CeSession *session,
          guint      position)
{
  return g_list_model_get_item (ce_session_get_topics (session), position);
}

static char *
topic_names (GListModel *topics)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(CeTopic) topic = g_list_model_get_item (topics, i);

      g_string_append_printf (names, "%s%s%s", i > 0 ? "," : "", ce_topic_get_name (topic),
                              ce_topic_get_enabled (topic) ? "" : "(off)");
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static char *
stored_topic_names (const char *path)
{
  g_autoptr(CeCorpus) corpus = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, NULL);
  g_autoptr(GPtrArray) stored = ce_topics_list (corpus, NULL);
  g_autoptr(GListStore) store = g_list_store_new (CE_TYPE_TOPIC);

  g_assert_nonnull (stored);
  for (guint i = 0; i < stored->len; i++)
    g_list_store_append (store, g_ptr_array_index (stored, i));

  return topic_names (G_LIST_MODEL (store));
}

static void
count_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        guint      *count)
{
  (*count)++;
}

static void
test_topics (Fixture       *fixture,
             gconstpointer  data)
{
  CeSession *session = fixture->session;
  GListModel *topics = ce_session_get_topics (session);
  g_autoptr(CeTopic) storms = NULL;
  g_autoptr(CeTopic) ports = NULL;
  g_autoptr(CeTopic) fish = NULL;
  g_autoptr(CeTopic) clash = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CeSession) again = NULL;
  g_autofree char *names = NULL;
  g_autofree char *stored = NULL;
  guint changes = 0;

  g_signal_connect (topics, "items-changed", G_CALLBACK (count_items_changed_cb), &changes);

  storms = add_topic (session, "Storms", "storm*, gale", G_MAXUINT, &error);
  g_assert_no_error (error);
  ports = add_topic (session, "Ports", "harbour, port", G_MAXUINT, &error);
  g_assert_no_error (error);
  /* Placed first */
  fish = add_topic (session, "Fishing", "fish*, quota", 0, &error);
  g_assert_no_error (error);

  g_assert_cmpint (ce_topic_get_id (storms), >, 0);
  g_assert_cmpint (ce_topic_get_id (fish), >, ce_topic_get_id (ports));
  names = topic_names (topics);
  g_assert_cmpstr (names, ==, "Fishing,Storms,Ports");
  g_clear_pointer (&names, g_free);
  g_assert_cmpuint (changes, ==, 3);
  /* The model holds the topic it returned */
  g_assert_true (ce_session_find_topic (session, ce_topic_get_id (ports), NULL) == ports);

  /* A name taken (whatever its case) is refused and changes nothing */
  clash = add_topic (session, "storms", "rain", G_MAXUINT, &error);
  g_assert_null (clash);
  g_assert_error (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (topics), ==, 3);

  /* Reordering is one change of the items */
  changes = 0;
  g_assert_true (ce_session_move_topic (session, ports, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);
  names = topic_names (topics);
  g_assert_cmpstr (names, ==, "Ports,Fishing,Storms");
  g_clear_pointer (&names, g_free);

  /* Switching off changes the one item */
  changes = 0;
  g_assert_true (ce_session_set_topic_enabled (session, fish, FALSE, &error));
  g_assert_cmpuint (changes, ==, 1);
  g_assert_false (ce_topic_get_enabled (fish));
  g_assert_true (ce_session_set_topic_enabled (session, fish, FALSE, &error));
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (ce_session_set_topic_color (session, storms, "#123456", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpstr (ce_topic_get_color (storms), ==, "#123456");

  /* Workers get copies of the topics switched on */
  {
    g_autoptr(GPtrArray) enabled = ce_session_dup_enabled_topics (session);

    g_assert_cmpuint (enabled->len, ==, 2);
    g_assert_cmpstr (ce_topic_get_name (g_ptr_array_index (enabled, 0)), ==, "Ports");
    g_assert_cmpstr (ce_topic_get_name (g_ptr_array_index (enabled, 1)), ==, "Storms");
    g_assert_true (g_ptr_array_index (enabled, 1) != (gpointer)storms);
    g_assert_cmpint (ce_topic_get_id (g_ptr_array_index (enabled, 1)), ==, ce_topic_get_id (storms));
    g_assert_cmpstr (ce_topic_get_color (g_ptr_array_index (enabled, 1)), ==, "#123456");
  }

  /* Saving an edited copy shows in the model's topic */
  {
    g_autoptr(CeTopic) edited = ce_topic_copy (ports);
    g_autoptr(CeTopic) saved = NULL;
    g_autoptr(GAsyncResult) result = NULL;
    const char *terms[] = { "harbour", "port", "quay", NULL };

    ce_topic_set_name (edited, "Harbours");
    ce_topic_set_terms (edited, terms);
    ce_session_save_topic_async (session, edited, NULL, store_result_cb, &result);
    saved = ce_session_save_topic_finish (session, wait_for (&result), &error);
    g_assert_no_error (error);
    g_assert_true (saved == ports);
    g_assert_cmpstr (ce_topic_get_name (ports), ==, "Harbours");
    g_assert_cmpstr (ce_topic_get_terms (ports)[2], ==, "quay");
  }

  g_assert_true (ce_session_remove_topic (session, storms, &error));
  g_assert_no_error (error);
  names = topic_names (topics);
  g_assert_cmpstr (names, ==, "Harbours,Fishing(off)");
  g_clear_pointer (&names, g_free);

  /* Everything reached the corpus, in the model's order */
  stored = stored_topic_names (fixture->path);
  g_assert_cmpstr (stored, ==, "Harbours,Fishing(off)");

  /* and another session lists it again */
  again = ce_session_new ();
  g_assert_true (ce_session_open (again, fixture->path, CE_CORPUS_OPEN_READ_ONLY, &error));
  g_assert_no_error (error);
  names = topic_names (ce_session_get_topics (again));
  g_assert_cmpstr (names, ==, "Harbours,Fishing(off)");

  g_signal_handlers_disconnect_by_func (topics, count_items_changed_cb, &changes);
}

static void
test_next_color (Fixture       *fixture,
                 gconstpointer  data)
{
  CeSession *session = fixture->session;
  g_autoptr(CeTopic) first = NULL;
  g_autoptr(CeTopic) second = NULL;
  g_autoptr(CeTopic) third = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (ce_session_next_topic_color (session), ==, ce_topic_palette_get (0));

  first = add_topic (session, "One", "one", G_MAXUINT, &error);
  second = add_topic (session, "Two", "two", G_MAXUINT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ce_topic_get_color (first), ==, ce_topic_palette_get (0));
  g_assert_cmpstr (ce_topic_get_color (second), ==, ce_topic_palette_get (1));
  g_assert_cmpstr (ce_session_next_topic_color (session), ==, ce_topic_palette_get (2));

  /* The first colour nobody has, compared without regard to case */
  g_assert_true (ce_session_set_topic_color (session, first, "#ABCDEF", NULL));
  g_assert_cmpstr (ce_session_next_topic_color (session), ==, ce_topic_palette_get (0));
  {
    g_autofree char *upper = g_ascii_strup (ce_topic_palette_get (0), -1);

    g_assert_true (ce_session_set_topic_color (session, first, upper, NULL));
  }
  g_assert_cmpstr (ce_session_next_topic_color (session), ==, ce_topic_palette_get (2));

  /* A colour given back is taken again */
  g_assert_true (ce_session_remove_topic (session, second, NULL));
  g_assert_cmpstr (ce_session_next_topic_color (session), ==, ce_topic_palette_get (1));
  third = add_topic (session, "Three", "three", G_MAXUINT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ce_topic_get_color (third), ==, ce_topic_palette_get (1));

  /* The palette is the rule for every colour in it */
  {
    const char *used[16];
    guint n = ce_topic_palette_size ();

    g_assert_cmpuint (n, <, 16);
    for (guint i = 0; i < n; i++)
      used[i] = ce_topic_palette_get (i);
    g_assert_cmpstr (ce_topic_palette_next (used, n), ==, ce_topic_palette_get (n));
    g_assert_cmpstr (ce_topic_palette_next (used, n - 1), ==, ce_topic_palette_get (n - 1));
  }
}

static void
test_write_error (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CeSession) read_only = ce_session_new ();
  g_autoptr(CeTopic) topic = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;

  topic = add_topic (fixture->session, "Storms", "storm*", G_MAXUINT, &error);
  g_assert_no_error (error);
  g_clear_object (&topic);

  g_assert_true (ce_session_open (read_only, fixture->path, CE_CORPUS_OPEN_READ_ONLY, &error));
  g_assert_no_error (error);

  /* The store refuses; the caller hears why and the model is unchanged */
  topic = topic_at (read_only, 0);
  g_assert_false (ce_session_set_topic_enabled (read_only, topic, FALSE, &error));
  g_assert_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (ce_session_remove_topic (read_only, topic, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  names = topic_names (ce_session_get_topics (read_only));
  g_assert_cmpstr (names, ==, "Storms");

  /* Adding through a read-only corpus fails with a reason */
  {
    g_autoptr(CeTopic) added = add_topic (read_only, "Ports", "port", G_MAXUINT, &error);

    g_assert_null (added);
    g_assert_nonnull (error);
  }
}

static void
test_reload_topics (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CeCorpus) other = ce_corpus_open (fixture->path, CE_CORPUS_OPEN_DEFAULT, NULL);
  g_autoptr(CeTopic) topic = ce_test_topic_new ("Gales", "gale*");
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  guint changes = 0;

  /* Stored by another connection: the model shows it once listed again */
  g_assert_true (ce_topics_save (other, topic, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ce_session_get_topics (fixture->session)), ==, 0);

  g_signal_connect (ce_session_get_topics (fixture->session), "items-changed",
                    G_CALLBACK (count_items_changed_cb), &changes);
  ce_session_reload_topics (fixture->session);
  settle (fixture->session);
  g_assert_cmpuint (changes, ==, 1);
  names = topic_names (ce_session_get_topics (fixture->session));
  g_assert_cmpstr (names, ==, "Gales");
  g_signal_handlers_disconnect_by_func (ce_session_get_topics (fixture->session),
                                        count_items_changed_cb, &changes);
}

/* Writing and the corpus-changed signal --------------------------------- */

static void
count_signal_cb (gpointer  instance,
                 guint    *count)
{
  (*count)++;
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  guint *state = user_data;

  /* The views were told before the caller hears of it */
  state[1] = state[0];
  state[2] = 1;
  g_object_set_data_full (G_OBJECT (object), "result", g_object_ref (result), g_object_unref);
}

static void
test_corpus_changed (void)
{
  g_autofree char *dir = ce_test_make_dir ("test-session");
  g_autofree char *path = g_build_filename (dir, "new.corpus", NULL);
  g_autofree char *sample = ce_test_sample_path ("sample.jsonl");
  g_autoptr(CeSession) session = ce_session_new ();
  g_autoptr(CeImporter) importer = NULL;
  g_autoptr(CeImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree JobResult *job = NULL;
  guint state[3] = { 0, 0, 0 };
  g_autoptr(CeTopic) topic = NULL;

  g_assert_true (ce_session_open (session, path, CE_CORPUS_OPEN_CREATE, &error));
  g_assert_no_error (error);
  g_signal_connect (session, "corpus-changed", G_CALLBACK (count_signal_cb), &state[0]);

  /* A topic is not a change of the documents */
  topic = add_topic (session, "Storms", "storm*", G_MAXUINT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (state[0], ==, 0);

  importer = ce_importer_new (path, NULL);
  ce_importer_add_path (importer, sample);
  ce_session_import_async (session, importer, NULL, import_done_cb, state);
  while (state[2] == 0)
    g_main_context_iteration (NULL, TRUE);

  report = ce_session_import_finish (session, g_object_get_data (G_OBJECT (session), "result"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->documents_added, ==, 52);
  g_assert_cmpuint (state[0], ==, 1);
  g_assert_cmpuint (state[1], ==, 1);

  /* Readers see the new documents */
  job = ce_session_run (session, count_func, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (job->documents, ==, 52);

  g_object_set_data (G_OBJECT (session), "result", NULL);
  g_clear_object (&session);
  g_assert_true (ce_test_remove_tree (dir));
}

static void
store_thread_cb (GThread **thread)
{
  *thread = g_thread_self ();
}

/* A change of the documents as the store sees it: a transaction */
static gpointer
change_func (CeCorpus      *corpus,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  if (!ce_corpus_begin (corpus, error) || !ce_corpus_commit (corpus, error))
    return NULL;

  return corpus;
}

/* Callbacks and signals run in the session's context, even when that
 * context was free to be taken by the writer thread */
static void
thread_result_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GThread **thread = user_data;

  *thread = g_thread_self ();
}

static void
test_callback_thread (Fixture       *fixture,
                      gconstpointer  data)
{
  GThread *done_in = NULL;
  GThread *changed_in = NULL;

  g_signal_connect_swapped (fixture->session, "corpus-changed",
                            G_CALLBACK (store_thread_cb), &changed_in);
  ce_session_write_async (fixture->session, change_func, NULL, NULL, NULL, NULL,
                          thread_result_cb, &done_in);

  /* Nobody iterates the main context while the writer finishes */
  g_usleep (200 * 1000);
  g_assert_null (done_in);

  while (done_in == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (done_in == g_thread_self ());
  g_assert_true (changed_in == g_thread_self ());
}

/* The query --------------------------------------------------------------- */

static void
test_query (void)
{
  g_autoptr(CeSession) session = ce_session_new ();
  g_autoptr(CeQuery) storm = ce_query_parse ("storm place:oban", NULL);
  g_autoptr(CeQuery) same = ce_query_parse ("storm place:oban", NULL);
  g_autoptr(CeQuery) other = ce_query_parse ("gale", NULL);
  g_autoptr(CeQuery) got = NULL;
  guint notified = 0;

  g_signal_connect (session, "notify::query", G_CALLBACK (count_notify_cb), &notified);

  g_assert_null (ce_session_get_query (session));
  ce_session_set_query (session, storm);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (ce_session_get_query (session) == storm);

  /* The same query again tells nobody */
  ce_session_set_query (session, same);
  g_assert_cmpuint (notified, ==, 1);

  g_object_set (session, "query", other, NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_object_get (session, "query", &got, NULL);
  g_assert_cmpstr (ce_query_get_text (got), ==, "gale");

  ce_session_set_query (session, NULL);
  ce_session_set_query (session, NULL);
  g_assert_cmpuint (notified, ==, 3);
}

/* Views following the session ------------------------------------------- */

static void
count_view_cb (GObject *view)
{
  guint *count = g_object_get_data (view, "count");

  (*count)++;
}

static void
test_watch (void)
{
  static const CeSessionWatch watch = {
    .query_changed = G_CALLBACK (count_view_cb),
    .topics_changed = G_CALLBACK (count_view_cb),
  };
  g_autoptr(CeSession) session = ce_session_new ();
  g_autoptr(CeSession) other = ce_session_new ();
  g_autoptr(CeQuery) storm = ce_query_parse ("storm", NULL);
  g_autoptr(CeQuery) gale = ce_query_parse ("gale", NULL);
  GObject *view = g_object_new (G_TYPE_OBJECT, NULL);
  CeSession *slot = NULL;
  guint count = 0;

  g_object_set_data (view, "count", &count);

  /* Following a session holds it and hears of it; nothing is called
   * from the call itself */
  g_assert_true (ce_session_watch (&slot, session, view, &watch));
  g_assert_true (slot == session);
  g_assert_cmpuint (count, ==, 0);
  ce_session_set_query (session, storm);
  g_assert_cmpuint (count, ==, 1);
  g_assert_false (ce_session_watch (&slot, session, view, &watch));
  ce_session_set_query (session, gale);
  g_assert_cmpuint (count, ==, 2);

  /* Another session: the first is left alone */
  g_assert_true (ce_session_watch (&slot, other, view, &watch));
  g_assert_true (slot == other);
  ce_session_set_query (session, storm);
  g_assert_cmpuint (count, ==, 2);
  ce_session_set_query (other, storm);
  g_assert_cmpuint (count, ==, 3);

  /* None: nothing is heard any more and the reference is given back */
  g_assert_true (ce_session_watch (&slot, NULL, view, &watch));
  g_assert_null (slot);
  ce_session_set_query (other, gale);
  g_assert_cmpuint (count, ==, 3);

  /* A view gone before its session is not called */
  g_assert_true (ce_session_watch (&slot, session, view, &watch));
  g_object_unref (view);
  ce_session_set_query (session, gale);
  g_assert_cmpuint (count, ==, 3);
  g_clear_object (&slot);

  /* Unwatching clears the slot */
  view = g_object_new (G_TYPE_OBJECT, NULL);
  g_object_set_data (view, "count", &count);
  g_assert_true (ce_session_watch (&slot, session, view, &watch));
  ce_session_unwatch (&slot, view);
  g_assert_null (slot);
  ce_session_set_query (session, storm);
  g_assert_cmpuint (count, ==, 3);
  ce_session_unwatch (&slot, view);
  g_object_unref (view);
}

/* Memory given back when idle ------------------------------------------- */

static void
no_body_cb (const char *body,
            gpointer    user_data)
{
}

static gpointer
read_bodies_func (CeCorpus      *corpus,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  if (!ce_corpus_foreach_body (corpus, no_body_cb, NULL, error))
    return NULL;

  return GINT_TO_POINTER (1);
}

/* Runs the main context until the pool has given back at least @bytes
 * or @ms have passed; returns what it gave back then */
static gint64
released_after (CeSession *session,
                gint64     bytes,
                guint      ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (_ce_session_get_released (session) < bytes && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }

  return _ce_session_get_released (session);
}

static void
test_release_idle (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) gate_result = NULL;
  g_autoptr(GError) error = NULL;
  CeTestGate gate;
  gint64 released;

  _ce_session_set_release_delay (fixture->session, 50);
  g_assert_cmpint (_ce_session_get_released (fixture->session), ==, 0);

  /* A job reads every body, which fills its connection's cache; another
   * starts before the delay is over */
  ce_test_gate_init (&gate);
  ce_session_run_in_thread (fixture->session, read_bodies_func, NULL, NULL, NULL, NULL,
                            store_result_cb, &result);
  ce_session_run_in_thread (fixture->session, ce_test_gate_func, &gate, NULL, NULL, NULL,
                            store_result_cb, &gate_result);
  g_assert_true (ce_session_run_finish (fixture->session, wait_for (&result), &error));
  g_assert_no_error (error);
  ce_test_gate_wait_started (&gate);

  /* While it runs, nothing is given back, however long */
  g_assert_cmpint (released_after (fixture->session, 1, 400), ==, 0);

  /* Once the pool has been idle for the delay, the cache is given back:
   * the sample's bodies fill more than 64 kB of it */
  ce_test_gate_release (&gate);
  wait_for (&gate_result);
  released = released_after (fixture->session, 64 * 1024, 5000);
  g_assert_cmpint (released, >=, 64 * 1024);
  ce_test_gate_clear (&gate);

  /* Once: with nothing read since, nothing more is given back */
  g_assert_cmpint (released_after (fixture->session, released + 1, 300), ==, released);

  /* and the connections still read */
  g_clear_object (&result);
  ce_session_run_in_thread (fixture->session, read_bodies_func, NULL, NULL, NULL, NULL,
                            store_result_cb, &result);
  g_assert_true (ce_session_run_finish (fixture->session, wait_for (&result), &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/corpus-explorer/session/open", Fixture, NULL, fixture_set_up, test_open, fixture_tear_down);
  g_test_add ("/corpus-explorer/session/open-async", Fixture, NULL, fixture_set_up, test_open_async, fixture_tear_down);
  g_test_add ("/corpus-explorer/session/open-async-error", Fixture, NULL, fixture_set_up, test_open_async_error, fixture_tear_down);
  g_test_add ("/corpus-explorer/session/open-async-cancel", Fixture, NULL, fixture_set_up, test_open_async_cancel, fixture_tear_down);
  g_test_add ("/corpus-explorer/session/pool-reuse", Fixture, NULL, fixture_set_up, test_pool_reuse, fixture_tear_down);
  g_test_add ("/corpus-explorer/session/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add_func ("/corpus-explorer/session/not-open", test_not_open);
  g_test_add ("/corpus-explorer/session/topics", Fixture, NULL, fixture_set_up, test_topics, fixture_tear_down);
  g_test_add ("/corpus-explorer/session/next-color", Fixture, NULL, fixture_set_up, test_next_color, fixture_tear_down);
  g_test_add ("/corpus-explorer/session/write-error", Fixture, NULL, fixture_set_up, test_write_error, fixture_tear_down);
  g_test_add ("/corpus-explorer/session/reload-topics", Fixture, NULL, fixture_set_up, test_reload_topics, fixture_tear_down);
  g_test_add_func ("/corpus-explorer/session/corpus-changed", test_corpus_changed);
  g_test_add ("/corpus-explorer/session/callback-thread", Fixture, NULL, fixture_set_up, test_callback_thread, fixture_tear_down);
  g_test_add_func ("/corpus-explorer/session/query", test_query);
  g_test_add_func ("/corpus-explorer/session/watch", test_watch);
  g_test_add ("/corpus-explorer/session/release-idle", Fixture, NULL, fixture_set_up, test_release_idle, fixture_tear_down);

  return g_test_run ();
}
