/* test-corpus.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ce-corpus.h"
#include "ce-test-util.h"

/* The tests open the corpus themselves: only the folder and path */
typedef CeTestCorpus Fixture;

static void
add_three (CeCorpus *corpus)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeDraft) a = ce_test_draft_new ("Harbour reopens", "PORT ELLEN", "2024-03-01", NULL,
                                            "The harbour reopened on Monday.\n\nFerries resumed.");
  g_autoptr(CeDraft) b = ce_test_draft_new ("Storm warning", "OBAN", "2024-03", NULL,
                                            "A storm is expected.");
  g_autoptr(CeDraft) c = ce_test_draft_new ("Café prices", NULL, NULL, NULL,
                                            "Prices at the café rose by 3%.");
  gint64 source;

  g_assert_true (ce_corpus_begin (corpus, &error));
  g_assert_no_error (error);
  source = ce_corpus_add_source (corpus, "/tmp/news.txt", "dump", 100, "abc", &error);
  g_assert_no_error (error);
  g_assert_cmpint (source, >, 0);

  ce_draft_add_meta (a, "tag", "ferries");
  g_assert_cmpint (ce_corpus_add_draft (corpus, source, a, &error), ==, CE_CORPUS_ADDED);
  g_assert_cmpint (ce_corpus_add_draft (corpus, source, b, &error), ==, CE_CORPUS_ADDED);
  g_assert_cmpint (ce_corpus_add_draft (corpus, source, c, &error), ==, CE_CORPUS_ADDED);
  /* The same title and body again is a duplicate */
  g_assert_cmpint (ce_corpus_add_draft (corpus, source, a, &error), ==, CE_CORPUS_DUPLICATE);
  g_assert_no_error (error);
  g_assert_true (ce_corpus_commit (corpus, &error));
  g_assert_no_error (error);
}

static void
test_create_and_read (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeCorpus) corpus = NULL;
  g_autoptr(CeDocument) doc = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(CeCorpusStats) stats = NULL;
  g_autofree char *name = NULL;

  corpus = ce_corpus_open (fixture->path, CE_CORPUS_OPEN_DEFAULT, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (corpus);
  g_clear_error (&error);

  corpus = ce_corpus_open (fixture->path, CE_CORPUS_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (corpus);
  g_assert_cmpint (ce_corpus_count_documents (corpus), ==, 0);

  name = ce_corpus_dup_name (corpus);
  g_assert_cmpstr (name, ==, "test");

  add_three (corpus);
  g_assert_cmpint (ce_corpus_count_documents (corpus), ==, 3);
  g_assert_cmpuint (ce_corpus_get_generation (corpus), ==, 1);

  ids = ce_corpus_list_document_ids (corpus, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 3);

  doc = ce_corpus_get_document (corpus, g_array_index (ids, gint64, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ce_document_get_title (doc), ==, "Harbour reopens");
  g_assert_cmpstr (ce_document_get_place (doc), ==, "PORT ELLEN");
  g_assert_cmpstr (ce_document_get_date (doc), ==, "2024-03-01");
  g_assert_cmpuint (ce_document_get_words (doc), ==, 7);
  g_assert_cmpstr (ce_document_get_body (doc), ==, "The harbour reopened on Monday.\n\nFerries resumed.");
  g_clear_object (&doc);

  doc = ce_corpus_get_document (corpus, g_array_index (ids, gint64, 2), &error);
  g_assert_no_error (error);
  g_assert_null (ce_document_get_place (doc));
  g_clear_object (&doc);

  doc = ce_corpus_get_document (corpus, 9999, &error);
  g_assert_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_NOT_FOUND);
  g_assert_null (doc);
  g_clear_error (&error);

  stats = ce_corpus_get_stats (corpus, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stats->documents, ==, 3);
  g_assert_cmpint (stats->sources, ==, 1);
  g_assert_cmpstr (stats->first_date, ==, "2024-03");
  g_assert_cmpstr (stats->last_date, ==, "2024-03-01");
  g_assert_cmpuint (stats->top_places->len, ==, 4);
}

static void
test_reopen_and_rollback (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeCorpus) corpus = NULL;
  g_autoptr(CeDraft) draft = ce_test_draft_new ("Late", NULL, NULL, NULL, "Never stored.");

  corpus = ce_corpus_open (fixture->path, CE_CORPUS_OPEN_CREATE, &error);
  g_assert_no_error (error);
  add_three (corpus);
  g_clear_object (&corpus);

  corpus = ce_corpus_open (fixture->path, CE_CORPUS_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ce_corpus_count_documents (corpus), ==, 3);

  g_assert_true (ce_corpus_begin (corpus, &error));
  g_assert_cmpint (ce_corpus_add_draft (corpus, 0, draft, &error), ==, CE_CORPUS_ADDED);
  g_assert_cmpint (ce_corpus_count_documents (corpus), ==, 4);
  ce_corpus_rollback (corpus);
  g_assert_cmpint (ce_corpus_count_documents (corpus), ==, 3);
  g_assert_false (ce_corpus_in_transaction (corpus));

  /* Read-only opening sees the same documents */
  g_clear_object (&corpus);
  corpus = ce_corpus_open (fixture->path, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ce_corpus_count_documents (corpus), ==, 3);
}

static void
run_sql (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_refuses_foreign_files (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeCorpus) corpus = NULL;
  g_autofree char *text = g_build_filename (fixture->dir, "notes.corpus", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "other.corpus", NULL);
  g_autofree char *contents = NULL;
  gsize len;

  /* A text file is not a corpus, and is left as it was */
  g_assert_true (g_file_set_contents (text, "hello, world\n", -1, NULL));
  corpus = ce_corpus_open (text, CE_CORPUS_OPEN_CREATE, &error);
  g_assert_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_NOT_A_CORPUS);
  g_assert_nonnull (strstr (error->message, "notes.corpus"));
  g_assert_null (corpus);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (text, &contents, &len, NULL));
  g_assert_cmpstr (contents, ==, "hello, world\n");

  /* Somebody else's SQLite database */
  run_sql (other, "CREATE TABLE t (x);");
  corpus = ce_corpus_open (other, CE_CORPUS_OPEN_CREATE, &error);
  g_assert_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_NOT_A_CORPUS);
  g_clear_error (&error);

  /* A folder */
  corpus = ce_corpus_open (fixture->dir, CE_CORPUS_OPEN_CREATE, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);
  g_remove (text);
  g_remove (other);
}

static void
test_refuses_newer_and_tampered (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeCorpus) corpus = NULL;

  corpus = ce_corpus_open (fixture->path, CE_CORPUS_OPEN_CREATE, &error);
  g_assert_no_error (error);
  add_three (corpus);
  g_clear_object (&corpus);

  run_sql (fixture->path, "PRAGMA user_version = 99;");
  corpus = ce_corpus_open (fixture->path, CE_CORPUS_OPEN_DEFAULT, &error);
  g_assert_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_NEWER_VERSION);
  g_assert_nonnull (strstr (error->message, "newer version"));
  g_assert_null (corpus);
  g_clear_error (&error);

  /* Refusing it did not change it */
  run_sql (fixture->path, "PRAGMA user_version = " G_STRINGIFY (CE_CORPUS_SCHEMA_VERSION) ";");
  corpus = ce_corpus_open (fixture->path, CE_CORPUS_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ce_corpus_count_documents (corpus), ==, 3);
  g_clear_object (&corpus);

  /* A trigger planted in the file makes it untrusted */
  run_sql (fixture->path,
           "CREATE TRIGGER evil AFTER INSERT ON documents BEGIN DELETE FROM documents; END;");
  corpus = ce_corpus_open (fixture->path, CE_CORPUS_OPEN_DEFAULT, &error);
  g_assert_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "evil"));
  g_assert_null (corpus);
}

static void
test_count_words (void)
{
  g_assert_cmpuint (ce_text_count_words ("", -1), ==, 0);
  g_assert_cmpuint (ce_text_count_words ("one", -1), ==, 1);
  g_assert_cmpuint (ce_text_count_words ("U.K.’s data-protection watchdog", -1), ==, 6);
  g_assert_cmpuint (ce_text_count_words ("Zürich  café\n\n# Heading 2", -1), ==, 4);
  g_assert_cmpuint (ce_text_count_words ("abc def", 3), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/corpus-explorer/corpus/create-and-read", Fixture, NULL,
              ce_test_corpus_set_up_path, test_create_and_read, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/corpus/reopen-and-rollback", Fixture, NULL,
              ce_test_corpus_set_up_path, test_reopen_and_rollback, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/corpus/refuses-foreign-files", Fixture, NULL,
              ce_test_corpus_set_up_path, test_refuses_foreign_files, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/corpus/refuses-newer-and-tampered", Fixture, NULL,
              ce_test_corpus_set_up_path, test_refuses_newer_and_tampered, ce_test_corpus_tear_down);
  g_test_add_func ("/corpus-explorer/corpus/count-words", test_count_words);

  return g_test_run ();
}
