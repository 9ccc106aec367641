/* test-importer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include "ce-corpus.h"
#include "ce-importer.h"
#include "ce-test-sqlite.h"
#include "ce-test-util.h"

static char *
sample_path (const char *name)
{
  return g_build_filename (CE_TEST_SOURCE_DIR, "data", "sample", name, NULL);
}

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("ce-importer-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static CeImportReport *
import_paths (const char  *corpus,
              const char **paths)
{
  g_autoptr(CeImporter) importer = ce_importer_new (corpus, NULL);
  g_autoptr(GError) error = NULL;
  CeImportReport *report;

  for (guint i = 0; paths[i] != NULL; i++)
    ce_importer_add_path (importer, paths[i]);

  report = ce_importer_run (importer, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);

  return report;
}

static GPtrArray *
load_documents (const char *corpus_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeCorpus) corpus = ce_corpus_open (corpus_path, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_autoptr(GArray) ids = NULL;
  GPtrArray *docs = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  ids = ce_corpus_list_document_ids (corpus, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < ids->len; i++)
    {
      CeDocument *doc = ce_corpus_get_document (corpus, g_array_index (ids, gint64, i), &error);
      g_assert_no_error (error);
      g_ptr_array_add (docs, doc);
    }

  return docs;
}

static void
test_shared_dump (void)
{
  g_autofree char *dump = ce_test_shared_dump_path ();
  g_autofree char *dir = NULL;
  g_autofree char *corpus = NULL;
  g_autoptr(CeImportReport) first = NULL;
  g_autoptr(CeImportReport) second = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  const char *paths[] = { dump, NULL };
  CeDocument *doc;

  if (dump == NULL)
    {
      g_test_skip ("the shared corpus is not next to this checkout");
      return;
    }

  dir = make_tmp_dir ();
  corpus = g_build_filename (dir, "dump.corpus", NULL);

  first = import_paths (corpus, paths);
  g_assert_cmpuint (first->files_read, ==, 1);
  g_assert_cmpuint (first->documents_added, >=, 9);
  g_assert_cmpuint (first->duplicates, ==, 0);
  g_assert_cmpuint (first->skipped->len, ==, 0);

  docs = load_documents (corpus);
  g_assert_cmpuint (docs->len, ==, first->documents_added);

  /* In order, each starting where the original starts */
  doc = g_ptr_array_index (docs, 0);
  g_assert_cmpstr (ce_document_get_place (doc), ==, "LONDON");
  g_assert_true (g_str_has_prefix (ce_document_get_body (doc),
                                   "The U.K.’s data protection watchdog has opened a formal "
                                   "investigation into Elon Musk’s companies X and xAI"));
  doc = g_ptr_array_index (docs, 1);
  g_assert_null (ce_document_get_place (doc));
  g_assert_true (g_str_has_prefix (ce_document_get_body (doc),
                                   "Millions of people are forming emotional bonds"));
  doc = g_ptr_array_index (docs, 2);
  g_assert_cmpstr (ce_document_get_place (doc), ==, "SHANGHAI");

  /* Importing it twice adds nothing */
  second = import_paths (corpus, paths);
  g_assert_cmpuint (second->documents_added, ==, 0);
  g_assert_cmpuint (second->duplicates, ==, first->documents_added);

  ce_test_remove_tree (dir);
}

/* Lowercased word tokens of @text */
static GPtrArray *
word_tokens (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  while (*p)
    {
      const char *start;

      while (*p && !g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p && g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > start)
        g_ptr_array_add (words, g_utf8_strdown (start, p - start));
    }

  return words;
}

static void
test_sample_forms_agree (void)
{
  g_autofree char *dump = sample_path ("sample-dump.txt");
  g_autofree char *jsonl = sample_path ("sample.jsonl");
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *a = g_build_filename (dir, "a.corpus", NULL);
  g_autofree char *b = g_build_filename (dir, "b.corpus", NULL);
  g_autoptr(CeImportReport) report_a = NULL;
  g_autoptr(CeImportReport) report_b = NULL;
  g_autoptr(GPtrArray) docs_a = NULL;
  g_autoptr(GPtrArray) docs_b = NULL;
  const char *paths_a[] = { dump, NULL };
  const char *paths_b[] = { jsonl, NULL };

  report_a = import_paths (a, paths_a);
  report_b = import_paths (b, paths_b);
  g_assert_cmpuint (report_b->documents_added, >=, 40);
  g_assert_cmpuint (report_a->documents_added, ==, report_b->documents_added);

  docs_a = load_documents (a);
  docs_b = load_documents (b);

  for (guint i = 0; i < docs_a->len; i++)
    {
      CeDocument *da = g_ptr_array_index (docs_a, i);
      CeDocument *db = g_ptr_array_index (docs_b, i);
      g_autoptr(GPtrArray) wa = word_tokens (ce_document_get_body (da));
      g_autoptr(GPtrArray) wb = word_tokens (ce_document_get_body (db));

      /* Both readers move the dateline into the place field */
      g_assert_cmpstr (ce_document_get_place (da), ==, ce_document_get_place (db));
      g_assert_cmpuint (wa->len, ==, wb->len);
      for (guint j = 0; j < wa->len; j++)
        g_assert_cmpstr (g_ptr_array_index (wa, j), ==, g_ptr_array_index (wb, j));
    }

  ce_test_remove_tree (dir);
}

/* A dump of @n generated articles, each unique */
static char *
write_generated_dump (const char *dir,
                      guint       n)
{
  static const char * const places[] = { "LONDON", "NAIROBI", "LISBON", "MANILA" };
  static const char * const words[] = {
    "harbour", "council", "tariff", "storm", "election", "minister", "talks",
    "budget", "ferry", "quota", "report", "market", "court", "river", "vote",
  };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  char *path = g_build_filename (dir, "generated.txt", NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) para = g_string_new (NULL);
      guint col = 0;

      g_string_append_printf (para, "%s — Report %u begins here and", places[i % 4], i);
      for (guint w = 0; w < 120; w++)
        {
          g_string_append_c (para, ' ');
          g_string_append (para, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
        }
      g_string_append (para, ".");

      /* Hard-wrap at 80 columns, no blank lines */
      for (const char *p = para->str; *p; )
        {
          const char *space = strchr (p, ' ');
          gsize len = space ? (gsize)(space - p) : strlen (p);

          if (col > 0 && col + 1 + len > 80)
            {
              g_string_append_c (text, '\n');
              col = 0;
            }
          else if (col > 0)
            {
              g_string_append_c (text, ' ');
              col++;
            }
          g_string_append_len (text, p, len);
          col += len;
          p += len;
          while (*p == ' ')
            p++;
        }
      g_string_append_c (text, '\n');
    }

  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  return path;
}

static gint64
count_documents (const char *corpus_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeCorpus) corpus = ce_corpus_open (corpus_path, CE_CORPUS_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  return ce_corpus_count_documents (corpus);
}

static char *
kill_test_dir (pid_t parent)
{
  g_autofree char *name = g_strdup_printf ("ce-kill-%d", (int)parent);

  return g_build_filename (g_get_tmp_dir (), name, NULL);
}

static gpointer
kill_when_busy (gpointer data)
{
  CeImporter *importer = data;

  for (;;)
    {
      guint documents = 0;

      ce_importer_get_progress (importer, NULL, NULL, &documents);
      if (documents >= 200)
        raise (SIGKILL);
      g_usleep (200);
    }

  return NULL;
}

static void
test_kill_mid_import (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = kill_test_dir (getppid ());
      g_autofree char *corpus = g_build_filename (dir, "k.corpus", NULL);
      g_autofree char *dump = g_build_filename (dir, "generated.txt", NULL);
      g_autoptr(CeImporter) importer = ce_importer_new (corpus, NULL);

      ce_importer_add_path (importer, dump);
      g_thread_new ("killer", kill_when_busy, importer);
      ce_importer_run (importer, NULL, NULL);
      /* Not reached: the import is far longer than 200 documents */
      g_assert_not_reached ();
    }
  else
    {
      g_autofree char *dir = kill_test_dir (getpid ());
      g_autofree char *corpus = g_build_filename (dir, "k.corpus", NULL);
      g_autofree char *dump = NULL;
      g_autoptr(CeImportReport) report = NULL;
      g_autofree char *small = NULL;
      const char *paths[2] = { NULL, NULL };

      g_mkdir_with_parents (dir, 0700);

      /* A corpus with something in it already */
      small = g_build_filename (dir, "small.txt", NULL);
      g_assert_true (g_file_set_contents (small,
                                          "OBAN — The ferry to Mull was cancelled again on Friday.\n",
                                          -1, NULL));
      paths[0] = small;
      report = import_paths (corpus, paths);
      g_assert_cmpuint (report->documents_added, ==, 1);

      dump = write_generated_dump (dir, 20000);

      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_failed ();

      /* Exactly as before the killed import */
      g_assert_cmpint (count_documents (corpus), ==, 1);
      ce_test_sqlite_assert_sound (corpus);

      ce_test_remove_tree (dir);
    }
}

/* Adds @n documents to @corpus in a transaction of their own, each with
 * a word of its own and one they all share */
static void
add_documents (CeCorpus *corpus,
               guint     first,
               guint     n,
               gboolean  commit)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ce_corpus_begin (corpus, &error));
  g_assert_no_error (error);
  for (guint i = first; i < first + n; i++)
    {
      g_autoptr(CeDraft) draft = ce_draft_new ();

      draft->title = g_strdup_printf ("Report %u", i);
      draft->body = g_strdup_printf ("The harbour report number w%u says the ferry ran late.", i);
      g_assert_cmpint (ce_corpus_add_draft (corpus, 0, draft, &error), ==, CE_CORPUS_ADDED);
      g_assert_no_error (error);
    }

  if (commit)
    {
      g_assert_true (ce_corpus_commit (corpus, &error));
      g_assert_no_error (error);
    }
  else
    ce_corpus_rollback (corpus);
}

/* A new corpus's full-text index merges nothing while it is loaded and
 * is merged once as its transaction commits: published, it is a single
 * segment however often FTS5 wrote its terms (here once a transaction,
 * one of them rolled back), sound, and left to merge later writes as
 * FTS5 does by default */
static void
test_staged_index_merged (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "c.corpus", NULL);
  g_autoptr(CeCorpus) corpus = NULL;
  g_autoptr(GError) error = NULL;

  corpus = ce_corpus_create_staged (path, &error);
  g_assert_no_error (error);

  add_documents (corpus, 0, 20, FALSE);
  add_documents (corpus, 20, 20, TRUE);
  add_documents (corpus, 40, 20, TRUE);
  add_documents (corpus, 60, 20, TRUE);
  g_assert_true (ce_corpus_merge_index (corpus, &error));
  g_assert_true (ce_corpus_publish (corpus, &error));
  g_assert_no_error (error);
  g_clear_object (&corpus);

  ce_test_sqlite_assert_sound (path);
  g_assert_cmpint (ce_test_sqlite_query_int (path, "SELECT count (DISTINCT id >> 37) FROM fts_data"
                                                   " WHERE id >> 37 > 0"), ==, 1);
  g_assert_cmpint (ce_test_sqlite_query_int (path, "SELECT v FROM fts_config WHERE k = 'automerge'"), ==, 4);
  g_assert_cmpint (ce_test_sqlite_query_int (path, "SELECT v FROM fts_config WHERE k = 'crisismerge'"), ==, 16);
  g_assert_cmpint (ce_test_sqlite_query_int (path, "SELECT count (*) FROM fts WHERE fts MATCH 'ferry'"), ==, 60);
  g_assert_cmpint (ce_test_sqlite_query_int (path, "SELECT count (*) FROM fts WHERE fts MATCH 'w10'"), ==, 0);
  g_assert_cmpint (ce_test_sqlite_query_int (path, "SELECT rowid FROM fts WHERE fts MATCH 'w57'"), ==,
                   ce_test_sqlite_query_int (path, "SELECT id FROM documents WHERE title = 'Report 57'"));

  /* An import into it, through its write-ahead log, is indexed as before */
  corpus = ce_corpus_open (path, CE_CORPUS_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  add_documents (corpus, 80, 20, TRUE);
  g_clear_object (&corpus);
  ce_test_sqlite_assert_sound (path);
  g_assert_cmpint (ce_test_sqlite_query_int (path, "SELECT count (*) FROM fts WHERE fts MATCH 'ferry'"), ==, 80);

  ce_test_remove_tree (dir);
}

/* A cancel during that merge (the corpus's cancellable interrupts its
 * statements) fails it; the transaction rolled back, nothing is
 * published, and the next transaction is loaded and merged as before */
static void
test_staged_merge_cancelled (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "c.corpus", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CeCorpus) corpus = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  guint n_files = 0;

  corpus = ce_corpus_create_staged (path, &error);
  g_assert_no_error (error);

  g_assert_true (ce_corpus_begin (corpus, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(CeDraft) draft = ce_draft_new ();

      draft->title = g_strdup_printf ("Report %u", i);
      draft->body = g_strdup_printf ("Harbour w%u x%u y%u: the ferry ran late.", i, i * 7, i * 13);
      g_assert_cmpint (ce_corpus_add_draft (corpus, 0, draft, &error), ==, CE_CORPUS_ADDED);
      g_assert_no_error (error);
    }

  ce_corpus_set_cancellable (corpus, cancellable);
  g_cancellable_cancel (cancellable);
  g_assert_false (ce_corpus_merge_index (corpus, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  ce_corpus_rollback (corpus);
  ce_corpus_set_cancellable (corpus, NULL);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  add_documents (corpus, 0, 20, TRUE);
  g_assert_true (ce_corpus_publish (corpus, &error));
  g_assert_no_error (error);
  g_clear_object (&corpus);

  ce_test_sqlite_assert_sound (path);
  g_assert_cmpint (ce_test_sqlite_query_int (path, "SELECT count (*) FROM documents"), ==, 20);
  g_assert_cmpint (ce_test_sqlite_query_int (path, "SELECT count (DISTINCT id >> 37) FROM fts_data"
                                                   " WHERE id >> 37 > 0"), ==, 1);
  g_assert_cmpint (ce_test_sqlite_query_int (path, "SELECT count (*) FROM fts WHERE fts MATCH 'ferry'"), ==, 20);
  g_assert_cmpint (ce_test_sqlite_query_int (path, "SELECT count (*) FROM fts WHERE fts MATCH 'x13993'"), ==, 0);

  /* No hidden file left beside the published corpus */
  listing = g_dir_open (dir, 0, NULL);
  for (const char *name; (name = g_dir_read_name (listing)) != NULL; )
    {
      g_test_message ("in the folder: %s", name);
      n_files += g_str_has_prefix (name, ".");
    }
  g_assert_cmpuint (n_files, ==, 0);

  ce_test_remove_tree (dir);
}

static void
cancel_after_documents (CeImporter   *importer,
                        GCancellable *cancellable)
{
  for (;;)
    {
      guint documents = 0;

      ce_importer_get_progress (importer, NULL, NULL, &documents);
      if (documents >= 100)
        {
          g_cancellable_cancel (cancellable);
          return;
        }
      g_usleep (100);
    }
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **error = user_data;
  CeImportReport *report;

  report = ce_importer_run_finish (CE_IMPORTER (object), result, error);
  g_assert_null (report);
}

static void
test_cancel (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *corpus = g_build_filename (dir, "c.corpus", NULL);
  g_autofree char *dump = write_generated_dump (dir, 5000);
  g_autoptr(CeImporter) importer = ce_importer_new (corpus, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GMainContext *context = g_main_context_default ();

  ce_importer_add_path (importer, dump);
  ce_importer_run_async (importer, cancellable, import_done_cb, &error);
  cancel_after_documents (importer, cancellable);

  while (error == NULL)
    g_main_context_iteration (context, TRUE);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* A new corpus is made whole or not at all: nothing is left, not even
   * the hidden file it was built in */
  g_assert_false (g_file_test (corpus, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (listing)) != NULL)
      g_assert_false (name[0] == '.');
  }

  ce_test_remove_tree (dir);
}

typedef struct
{
  GThread        *main_thread;
  GPtrArray      *seen;        /* of "waiting" or "not waiting" */
  CeImportReport *report;
  GError         *error;
  gboolean        done;
} Waiting;

static void
on_waiting_notify_cb (CeImporter *importer,
                      GParamSpec *pspec,
                      Waiting    *waiting)
{
  gboolean value = FALSE;

  /* In the main context of the thread that made the importer, never in
   * the one that waits */
  g_assert_true (g_thread_self () == waiting->main_thread);
  g_object_get (importer, "waiting", &value, NULL);
  g_assert_cmpint (value, ==, ce_importer_is_waiting (importer));
  g_ptr_array_add (waiting->seen, g_strdup (value ? "waiting" : "not waiting"));
}

static void
waiting_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Waiting *waiting = user_data;

  waiting->report = ce_importer_run_finish (CE_IMPORTER (object), result, &waiting->error);
  waiting->done = TRUE;
}

/* An import into a corpus another connection is writing waits; the
 * window learns it from notify::waiting, in its own thread, when the
 * wait starts and when it ends, without asking again and again */
static void
test_waiting_notified (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *corpus_path = g_build_filename (dir, "w.corpus", NULL);
  g_autofree char *source = g_build_filename (dir, "more.txt", NULL);
  g_autoptr(CeCorpus) holder = NULL;
  g_autoptr(CeImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  Waiting waiting = { g_thread_self (), seen, NULL, NULL, FALSE };
  GMainContext *context = g_main_context_default ();
  gint64 deadline;

  g_assert_true (g_file_set_contents (source, "Arrivals\n\nThree ferries arrived before noon.\n", -1, NULL));
  holder = ce_corpus_open (corpus_path, CE_CORPUS_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (ce_corpus_begin (holder, &error));
  g_assert_no_error (error);

  importer = ce_importer_new (corpus_path, NULL);
  ce_importer_add_path (importer, source);
  g_signal_connect (importer, "notify::waiting", G_CALLBACK (on_waiting_notify_cb), &waiting);
  ce_importer_run_async (importer, NULL, waiting_done_cb, &waiting);

  /* Told once that it waits, and nothing more while it does */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (seen->len == 0 && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (context, FALSE))
        g_usleep (1000);
    }
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "waiting");
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (context, FALSE))
        g_usleep (1000);
    }
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_false (waiting.done);

  /* The other writer is done: told that it no longer waits, then done */
  g_assert_true (ce_corpus_commit (holder, &error));
  g_assert_no_error (error);
  while (!waiting.done)
    g_main_context_iteration (context, TRUE);
  while (g_main_context_iteration (context, FALSE))
    ;
  g_assert_no_error (waiting.error);
  g_assert_nonnull (waiting.report);
  g_assert_cmpuint (waiting.report->documents_added, ==, 1);
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (seen, 1), ==, "not waiting");
  g_assert_false (ce_importer_is_waiting (importer));

  ce_import_report_free (waiting.report);
  g_clear_object (&holder);
  ce_test_sqlite_assert_sound (corpus_path);
  ce_test_remove_tree (dir);
}

static void
test_progress_and_report (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *corpus = g_build_filename (dir, "p.corpus", NULL);
  g_autofree char *dump = write_generated_dump (dir, 300);
  g_autoptr(CeImporter) importer = ce_importer_new (corpus, NULL);
  g_autoptr(CeImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  guint64 done = 0, total = 0;
  guint documents = 0;
  GStatBuf st;

  ce_importer_add_path (importer, dump);
  report = ce_importer_run (importer, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (dump, &st), ==, 0);
  ce_importer_get_progress (importer, &done, &total, &documents);
  g_assert_cmpuint (total, ==, (guint64)st.st_size);
  g_assert_cmpuint (done, ==, total);
  g_assert_cmpuint (documents, ==, 300);
  g_assert_cmpuint (report->documents_added, ==, 300);

  summary = ce_import_report_summary (report);
  g_assert_cmpstr (summary, ==, "Imported 300 documents from 1 file");

  ce_test_remove_tree (dir);
}

static void
write_file (const char *dir,
            const char *name,
            const char *contents,
            gssize      len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, len, NULL));
}

static gboolean
has_entry (GPtrArray  *entries,
           const char *needle)
{
  for (guint i = 0; i < entries->len; i++)
    {
      if (strstr (g_ptr_array_index (entries, i), needle) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
import_mixed_folder (const char *dir)
{
  g_autofree char *corpus = g_build_filename (dir, "mixed.corpus", NULL);
  g_autofree char *folder = g_build_filename (dir, "in", NULL);
  g_autofree char *sub = g_build_filename (folder, "sub", NULL);
  g_autofree char *locked = g_build_filename (folder, "locked.txt", NULL);
  g_autoptr(CeImportReport) report = NULL;
  const char *paths[] = { folder, NULL };
  static const char binary[] = { 0x7f, 'E', 'L', 'F', 0, 1, 2, 3, 0, 0, 0, 9 };

  g_assert_cmpint (g_mkdir_with_parents (sub, 0755), ==, 0);
  write_file (folder, "a.jsonl",
              "{\"title\": \"Ferry strike ends\", \"date\": \"2024-05-02\", \"text\": \"Crews returned to work.\"}\n"
              "{\"title\": \"Bridge opens\", \"date\": \"2024-06-01\", \"text\": \"Traffic crossed at dawn.\"}\n",
              -1);
  write_file (sub, "b.txt", "Notes from the harbour\n\nThe harbour master spoke at noon.\n", -1);
  write_file (folder, "empty.txt", "", 0);
  write_file (folder, "program.bin", binary, sizeof binary);
  write_file (folder, ".hidden.txt", "Not imported.\n", -1);
  write_file (folder, "locked.txt", "Nobody can read this.\n", -1);
  g_assert_cmpint (g_chmod (locked, 0), ==, 0);

  report = import_paths (corpus, paths);

  g_assert_cmpuint (report->documents_added, ==, 3);
  g_assert_cmpuint (report->files_read, ==, 2);
  g_assert_cmpuint (report->skipped->len, ==, 3);
  g_assert_true (has_entry (report->skipped, "empty.txt: empty file"));
  g_assert_true (has_entry (report->skipped, "program.bin: binary data, not text"));
  g_assert_true (has_entry (report->skipped, "locked.txt: unreadable: "));
  g_assert_true (has_entry (report->skipped, "ermission denied"));

  /* The report is a boxed type (the import dialog's signal carries it),
   * and a copy outlives the import's own */
  {
    CeImportReport *copy = g_boxed_copy (CE_TYPE_IMPORT_REPORT, report);

    g_assert_cmpuint (copy->documents_added, ==, 3);
    g_assert_cmpuint (copy->files_read, ==, 2);
    g_assert_cmpuint (copy->skipped->len, ==, 3);
    g_assert_true (copy->skipped != report->skipped);
    g_assert_true (g_ptr_array_index (copy->skipped, 0) != g_ptr_array_index (report->skipped, 0));
    g_assert_cmpuint (copy->warnings->len, ==, report->warnings->len);
    g_clear_pointer (&report, ce_import_report_free);
    g_assert_true (has_entry (copy->skipped, "empty.txt: empty file"));
    g_assert_true (has_entry (copy->skipped, "program.bin: binary data, not text"));
    g_assert_nonnull (copy->copies_of);
    g_boxed_free (CE_TYPE_IMPORT_REPORT, copy);
  }
}

static void
test_mixed_folder (void)
{
  g_autofree char *dir = make_tmp_dir ();

  if (getuid () == 0)
    {
      /* Root reads every file; the check runs as "nobody" in a child */
      if (g_test_subprocess ())
        return;

      g_assert_cmpint (g_chmod (dir, 0777), ==, 0);
      g_setenv ("CE_MIXED_DIR", dir, TRUE);
      g_test_trap_subprocess ("/corpus-explorer/importer/mixed-folder/unprivileged", 0,
                              G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
    }
  else
    {
      import_mixed_folder (dir);
    }

  ce_test_remove_tree (dir);
}

static void
test_mixed_folder_unprivileged (void)
{
  if (!g_test_subprocess ())
    {
      g_test_skip ("runs from /corpus-explorer/importer/mixed-folder");
      return;
    }

  if (getuid () == 0)
    {
      g_assert_cmpint (setgid (65534), ==, 0);
      g_assert_cmpint (setuid (65534), ==, 0);
    }

  import_mixed_folder (g_getenv ("CE_MIXED_DIR"));
}

static void
test_preview (void)
{
  g_autofree char *dump = sample_path ("sample-dump.txt");
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  CeFormat format = CE_FORMAT_AUTO;
  guint total = 0;

  drafts = ce_importer_preview (dump, NULL, 3, NULL, &format, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (format, ==, CE_FORMAT_DUMP);
  g_assert_cmpuint (drafts->len, ==, 3);
  g_clear_pointer (&drafts, g_ptr_array_unref);

  /* Counting reads the whole file but still returns only the first few */
  drafts = ce_importer_preview (dump, NULL, 3, &total, &format, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 3);
  g_assert_cmpuint (total, >=, 40);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus-explorer/importer/shared-dump", test_shared_dump);
  g_test_add_func ("/corpus-explorer/importer/sample-forms-agree", test_sample_forms_agree);
  g_test_add_func ("/corpus-explorer/importer/kill-mid-import", test_kill_mid_import);
  g_test_add_func ("/corpus-explorer/importer/cancel", test_cancel);
  g_test_add_func ("/corpus-explorer/importer/staged-index-merged", test_staged_index_merged);
  g_test_add_func ("/corpus-explorer/importer/staged-merge-cancelled", test_staged_merge_cancelled);
  g_test_add_func ("/corpus-explorer/importer/waiting-notified", test_waiting_notified);
  g_test_add_func ("/corpus-explorer/importer/progress-and-report", test_progress_and_report);
  g_test_add_func ("/corpus-explorer/importer/mixed-folder", test_mixed_folder);
  g_test_add_func ("/corpus-explorer/importer/mixed-folder/unprivileged", test_mixed_folder_unprivileged);
  g_test_add_func ("/corpus-explorer/importer/preview", test_preview);

  return g_test_run ();
}
