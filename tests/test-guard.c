/* test-guard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ce-corpus.h"
#include "ce-search.h"
#include "ce-test-util.h"

typedef CeTestCorpus Fixture;

static gpointer
count_in_thread (gpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CeCorpus) corpus = NULL;
  g_autoptr(CeQuery) query = NULL;

  /* One connection per thread; any warning here would abort the test */
  corpus = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  query = ce_query_parse ("harbour", &error);
  g_assert_no_error (error);

  return GINT_TO_POINTER ((int)ce_search_count (corpus, query, &error));
}

static void
test_main_thread (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GThread) thread = NULL;
  g_autoptr(CeDraft) draft = ce_test_draft_new ("Harbour reopens", "OBAN", "2024-03-01", NULL,
                                                "The harbour reopened on Monday.");

#ifndef CE_MAIN_THREAD_GUARD
  g_test_skip ("built without the main-thread guard");
  return;
#endif

  g_assert_true (ce_corpus_begin (fixture->corpus, &error));
  ce_test_corpus_add (fixture->corpus, 0, draft);
  g_assert_true (ce_corpus_commit (fixture->corpus, &error));
  g_assert_no_error (error);

  /* Unguarded: no warning (GTest makes an unexpected one fatal) */
  g_assert_cmpint (ce_corpus_count_documents (fixture->corpus), ==, 1);

  ce_corpus_set_guarded_thread (g_thread_self ());

  g_test_expect_message ("ce-corpus", G_LOG_LEVEL_WARNING,
                         "query on the main thread: SELECT count(*) FROM documents");
  g_assert_cmpint (ce_corpus_count_documents (fixture->corpus), ==, 1);
  g_test_assert_expected_messages ();

  /* Statements run through sqlite3_exec() are seen too */
  g_test_expect_message ("ce-corpus", G_LOG_LEVEL_WARNING, "query on the main thread: *BEGIN*");
  g_assert_true (ce_corpus_begin (fixture->corpus, &error));
  g_assert_no_error (error);
  g_test_assert_expected_messages ();
  g_test_expect_message ("ce-corpus", G_LOG_LEVEL_WARNING, "query on the main thread: *");
  ce_corpus_rollback (fixture->corpus);
  g_test_assert_expected_messages ();

  /* Another thread runs its statements without a warning */
  thread = g_thread_new ("guard-test", count_in_thread, fixture->path);
  g_assert_cmpint (GPOINTER_TO_INT (g_thread_join (g_steal_pointer (&thread))), ==, 1);

  ce_corpus_set_guarded_thread (NULL);
  g_assert_cmpint (ce_corpus_count_documents (fixture->corpus), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/corpus-explorer/guard/main-thread", Fixture, NULL,
              ce_test_corpus_set_up, test_main_thread, ce_test_corpus_tear_down);

  return g_test_run ();
}
