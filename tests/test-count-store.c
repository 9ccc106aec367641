/* test-count-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Per-document topic counts kept in the corpus: reopening counts no
 * more, and what they give equals counting every document, after
 * imports and corrections too.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "ce-corpus-tokens.h"
#include "ce-corrections.h"
#include "ce-counter.h"
#include "ce-test-sqlite.h"
#include "ce-test-util.h"
#include "ce-topic.h"

typedef CeTestCorpus Fixture;

/* Topics of every kind of term: words, a phrase, a prefix, a
 * case-sensitive word, overlapping terms */
static const char * const topic_terms[] = {
  "china, chinese, beijing, \"xi jinping\"",
  "trade*, tariff, \"trade war\"",
  "=AI, =EU, trump",
  "government",
  "the, of",
};

static void
run_sql (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static guint
import_dump (CeCorpus *corpus,
             guint     from,
             guint     to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = ce_test_split_shared_dump ();
  guint n = 0;

  if (drafts == NULL)
    return 0;

  g_assert_true (ce_corpus_begin (corpus, &error));
  for (guint i = from; i < MIN (to, drafts->len); i++, n++)
    ce_test_corpus_add (corpus, 0, g_ptr_array_index (drafts, i));
  g_assert_true (ce_corpus_commit (corpus, &error));
  g_assert_no_error (error);

  return n;
}

static CeCorpus *
open_reader (const char *path)
{
  g_autoptr(GError) error = NULL;
  CeCorpus *corpus = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, &error);

  g_assert_no_error (error);
  return corpus;
}

/* The counts of @terms on a new connection */
static GArray *
count_on_new_connection (const char *path,
                         const char *terms,
                         guint      *stored_hits)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeCorpus) corpus = open_reader (path);
  g_autoptr(CeTopic) topic = ce_test_topic_new ("t", terms);
  GArray *counts = ce_counter_count_documents (corpus, topic, NULL, &error);

  g_assert_no_error (error);
  if (stored_hits != NULL)
    *stored_hits = ce_counter_get_stored_hits (corpus);
  return counts;
}

/* Counting every document: nothing kept is read */
static GArray *
count_from_scratch (const char *path,
                    const char *terms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeCorpus) writer = ce_corpus_open (path, CE_CORPUS_OPEN_DEFAULT, &error);
  guint hits = 99;
  GArray *counts;

  g_assert_no_error (error);
  g_assert_true (ce_counter_clear_stored (writer, &error));
  g_assert_no_error (error);
  counts = count_on_new_connection (path, terms, &hits);
  g_assert_cmpuint (hits, ==, 0);

  return counts;
}

static void
assert_counts_equal (GArray *a,
                     GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      g_assert_cmpint (g_array_index (a, CeDocCount, i).doc_id, ==,
                       g_array_index (b, CeDocCount, i).doc_id);
      g_assert_cmpuint (g_array_index (a, CeDocCount, i).count, ==,
                        g_array_index (b, CeDocCount, i).count);
    }
}

/* Every topic: the kept counts, read on a new connection, are the
 * counts of every document; afterwards every topic's counts are kept */
static void
check_all_topics (const char *path,
                  gboolean    expect_stored)
{
  GArray *kept[G_N_ELEMENTS (topic_terms)];

  for (guint t = 0; t < G_N_ELEMENTS (topic_terms); t++)
    {
      g_autoptr(GArray) again = NULL;
      guint hits = 0;

      g_test_message ("topic %s", topic_terms[t]);
      kept[t] = count_on_new_connection (path, topic_terms[t], &hits);
      g_assert_cmpuint (hits, ==, expect_stored ? 1 : 0);
      g_assert_cmpuint (ce_counter_total (kept[t]), >, 0);

      /* What was counted then is kept */
      again = count_on_new_connection (path, topic_terms[t], &hits);
      g_assert_cmpuint (hits, ==, 1);
      assert_counts_equal (kept[t], again);
    }

  /* Counting every document again gives the same (this drops what is
   * kept of every topic) */
  for (guint t = 0; t < G_N_ELEMENTS (topic_terms); t++)
    {
      g_autoptr(GArray) scratch = count_from_scratch (path, topic_terms[t]);

      assert_counts_equal (kept[t], scratch);
    }

  for (guint t = 0; t < G_N_ELEMENTS (topic_terms); t++)
    {
      g_autoptr(GArray) again = NULL;
      guint hits = 0;

      g_array_unref (count_on_new_connection (path, topic_terms[t], &hits));
      again = count_on_new_connection (path, topic_terms[t], &hits);
      g_assert_cmpuint (hits, ==, 1);
      assert_counts_equal (kept[t], again);
      g_array_unref (kept[t]);
    }
}

static void
test_reopen (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GArray) first = NULL;
  g_autoptr(GArray) reordered = NULL;
  g_autoptr(GArray) nothing = NULL;
  g_autoptr(GArray) nothing_again = NULL;
  guint hits = 99;

  if (import_dump (fixture->corpus, 0, G_MAXUINT) == 0)
    {
      g_test_skip ("no shared corpus (CE_SHARED_DIR)");
      return;
    }

  /* Nothing kept yet: counted, then kept by a read-only connection */
  first = count_on_new_connection (fixture->path, "china, chinese, \"xi jinping\", washington", &hits);
  g_assert_cmpuint (hits, ==, 0);
  g_assert_cmpuint (ce_counter_total (first), >, 0);
  g_assert_cmpint (ce_test_sqlite_query_int (fixture->path, "SELECT count(*) FROM count_cache"), ==, 1);

  /* The order of the terms changes nothing */
  reordered = count_on_new_connection (fixture->path, "washington, \"xi jinping\", chinese, china", &hits);
  g_assert_cmpuint (hits, ==, 1);
  assert_counts_equal (first, reordered);

  /* A topic that matches nothing is kept too, and read back empty */
  nothing = count_on_new_connection (fixture->path, "zzyzxq", &hits);
  g_assert_cmpuint (hits, ==, 0);
  g_assert_cmpuint (nothing->len, ==, 0);
  nothing_again = count_on_new_connection (fixture->path, "zzyzxq", &hits);
  g_assert_cmpuint (hits, ==, 1);
  g_assert_cmpuint (nothing_again->len, ==, 0);

  check_all_topics (fixture->path, FALSE);
}

/* An import adds documents to a corpus with kept counts: only they are
 * counted, and the counts equal counting everything */
static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  if (import_dump (fixture->corpus, 0, 6) == 0)
    {
      g_test_skip ("no shared corpus (CE_SHARED_DIR)");
      return;
    }

  check_all_topics (fixture->path, FALSE);
  g_assert_cmpuint (import_dump (fixture->corpus, 6, G_MAXUINT), >, 0);
  check_all_topics (fixture->path, TRUE);
}

/* Split, merge and undo change documents the counts were kept for */
static void
test_corrections (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeCorrectionUndo) undo = NULL;
  g_autoptr(CeDocument) document = NULL;
  g_autoptr(GArray) ids = NULL;
  const char *body, *cut;
  gint64 target = 0, created;

  if (import_dump (fixture->corpus, 0, G_MAXUINT) == 0)
    {
      g_test_skip ("no shared corpus (CE_SHARED_DIR)");
      return;
    }
  check_all_topics (fixture->path, FALSE);

  /* Split a document that mentions China in both halves */
  ids = ce_corpus_list_document_ids (fixture->corpus, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ids->len && target == 0; i++)
    {
      g_autoptr(CeDocument) d = ce_corpus_get_document (fixture->corpus, g_array_index (ids, gint64, i), &error);
      const char *b = ce_document_get_body (d);
      const char *middle = strstr (b, "\n\n");

      if (middle != NULL && strstr (b, "China") != NULL && strstr (b, "China") < middle &&
          strstr (middle, "China") != NULL)
        target = g_array_index (ids, gint64, i);
    }
  g_assert_cmpint (target, >, 0);

  document = ce_corpus_get_document (fixture->corpus, target, &error);
  body = ce_document_get_body (document);
  cut = strstr (body, "\n\n") + 2;
  created = ce_corpus_split_document_full (fixture->corpus, target, cut - body, &undo, &error);
  g_assert_no_error (error);
  g_assert_cmpint (created, >, 0);
  check_all_topics (fixture->path, TRUE);

  /* Undo it */
  g_assert_true (ce_corpus_undo_correction (fixture->corpus, undo, &error));
  g_assert_no_error (error);
  check_all_topics (fixture->path, TRUE);

  /* Merge the second document into the first */
  g_assert_true (ce_corpus_merge_document (fixture->corpus, g_array_index (ids, gint64, 1), &error));
  g_assert_no_error (error);
  check_all_topics (fixture->path, TRUE);

  /* And an import after the corrections */
  g_assert_true (ce_corpus_begin (fixture->corpus, &error));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *title = g_strdup_printf ("Added %u", i);
      g_autoptr(CeDraft) draft =
        ce_test_draft_new (title, "BEIJING", "2026-02-01", "Wire",
                           "China and the EU: the trade war over tariffs goes on, "
                           "the government of China said; Trump spoke of AI.");

      ce_test_corpus_add (fixture->corpus, 0, draft);
    }
  g_assert_true (ce_corpus_commit (fixture->corpus, &error));
  check_all_topics (fixture->path, TRUE);
}

/* A file that cannot be written keeps nothing and still counts.  As
 * root the permissions do not apply, so the check runs as nobody. */
static void
test_read_only_file (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (fixture->path);

  if (import_dump (fixture->corpus, 0, G_MAXUINT) == 0)
    {
      g_test_skip ("no shared corpus (CE_SHARED_DIR)");
      return;
    }
  g_clear_object (&fixture->corpus);
  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  g_setenv ("CE_COUNT_STORE_CORPUS", fixture->path, TRUE);
  g_test_trap_subprocess ("/corpus-explorer/count-store/read-only-file/subprocess", 0,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
  g_assert_cmpint (g_chmod (fixture->path, 0644), ==, 0);
  g_assert_cmpint (ce_test_sqlite_query_int (fixture->path, "SELECT count(*) FROM count_cache"), ==, 0);
}

static void
test_read_only_file_subprocess (void)
{
  const char *path = g_getenv ("CE_COUNT_STORE_CORPUS");
  g_autoptr(GArray) counts = NULL;
  guint hits = 99;

  if (!g_test_subprocess ())
    return;

  if (geteuid () == 0)
    {
      g_assert_cmpint (setgid (65534), ==, 0);
      g_assert_cmpint (setuid (65534), ==, 0);
    }
  g_assert_cmpint (access (path, W_OK), !=, 0);

  counts = count_on_new_connection (path, topic_terms[0], &hits);
  g_assert_cmpuint (hits, ==, 0);
  g_assert_cmpuint (ce_counter_total (counts), >, 0);
  g_clear_pointer (&counts, g_array_unref);
  counts = count_on_new_connection (path, topic_terms[0], &hits);
  g_assert_cmpuint (hits, ==, 0);
  g_assert_cmpuint (ce_counter_total (counts), >, 0);
}

/* A corpus of schema version 3 is read as it is, and migrated by a
 * writer to keep counts */
static void
test_migrate (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeCorpus) corpus = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  guint hits = 99;

  if (import_dump (fixture->corpus, 0, G_MAXUINT) == 0)
    {
      g_test_skip ("no shared corpus (CE_SHARED_DIR)");
      return;
    }
  g_clear_object (&fixture->corpus);

  /* What version 3 wrote */
  run_sql (fixture->path,
           "DROP TABLE count_cache; DROP TABLE count_changes; DROP INDEX documents_rows;"
           "PRAGMA user_version = 3;");

  /* A reader counts without keeping anything, and changes nothing */
  before = count_on_new_connection (fixture->path, "tariff, tariffs", &hits);
  g_assert_cmpuint (hits, ==, 0);
  g_assert_cmpint (ce_test_sqlite_query_int (fixture->path, "PRAGMA user_version"), ==, 3);
  g_assert_cmpint (ce_test_sqlite_query_int (fixture->path,
                              "SELECT count(*) FROM sqlite_schema WHERE name = 'count_cache'"), ==, 0);

  /* A writer migrates it */
  corpus = ce_corpus_open (fixture->path, CE_CORPUS_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_clear_object (&corpus);
  g_assert_cmpint (ce_test_sqlite_query_int (fixture->path, "PRAGMA user_version"), ==, 4);
  g_assert_cmpint (ce_test_sqlite_query_int (fixture->path,
                              "SELECT count(*) FROM sqlite_schema"
                              " WHERE name IN ('count_cache', 'count_changes', 'documents_rows')"), ==, 3);

  after = count_on_new_connection (fixture->path, "tariff, tariffs", &hits);
  g_assert_cmpuint (hits, ==, 0);
  assert_counts_equal (before, after);
  g_assert_cmpuint (ce_counter_total (after), >, 0);
  check_all_topics (fixture->path, FALSE);
}

/* Stored counts that do not decode are counted again */
static void
test_damaged_entry (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GArray) good = NULL;
  g_autoptr(GArray) again = NULL;
  guint hits = 99;

  if (import_dump (fixture->corpus, 0, G_MAXUINT) == 0)
    {
      g_test_skip ("no shared corpus (CE_SHARED_DIR)");
      return;
    }

  good = count_on_new_connection (fixture->path, topic_terms[0], &hits);
  run_sql (fixture->path, "UPDATE count_cache SET counts = x'ff'");
  again = count_on_new_connection (fixture->path, topic_terms[0], &hits);
  g_assert_cmpuint (hits, ==, 0);
  assert_counts_equal (good, again);
  g_clear_pointer (&again, g_array_unref);

  /* Ids beyond the largest counted are refused too */
  run_sql (fixture->path, "UPDATE count_cache SET max_id = 1");
  again = count_on_new_connection (fixture->path, topic_terms[0], &hits);
  g_assert_cmpuint (hits, ==, 0);
  assert_counts_equal (good, again);
}

static gboolean
add_term_cb (const char   *term,
             const gint64 *docs,
             const gint64 *counts,
             gpointer      user_data)
{
  GString *out = user_data;

  g_string_append (out, term);
  for (guint c = 0; c < CE_CORPUS_N_COLUMNS; c++)
    g_string_append_printf (out, " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, docs[c], counts[c]);
  g_string_append_c (out, '\n');
  return TRUE;
}

/* The vocabulary read by a new read-only connection, one line a word */
static char *
vocabulary_on_new_connection (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeCorpus) corpus = open_reader (path);
  GString *out = g_string_new (NULL);

  g_assert_true (ce_corpus_foreach_term (corpus, add_term_cb, out, &error));
  g_assert_no_error (error);
  return g_string_free (out, FALSE);
}

/* The vocabulary read from the index, nothing kept being read */
static char *
vocabulary_from_index (const char *path)
{
  run_sql (path, "DELETE FROM count_cache WHERE key = 'ce-vocabulary-1'");
  return vocabulary_on_new_connection (path);
}

#define KEPT_VOCABULARY "SELECT count(*) FROM count_cache WHERE key = 'ce-vocabulary-1'"

/* The vocabulary is kept in the corpus and read from there until a
 * document is added or changed */
static void
test_vocabulary (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autofree char *in_two = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *imported = NULL;
  g_autofree char *imported_index = NULL;
  g_autofree char *merged = NULL;
  g_autofree char *merged_index = NULL;

  if (import_dump (fixture->corpus, 0, 6) == 0)
    {
      g_test_skip ("no shared corpus (CE_SHARED_DIR)");
      return;
    }

  /* Read from the index, then kept by a read-only connection */
  g_assert_cmpint (ce_test_sqlite_query_int (fixture->path, KEPT_VOCABULARY), ==, 0);
  first = vocabulary_on_new_connection (fixture->path);
  g_assert_nonnull (strstr (first, "\nthe "));
  g_assert_cmpint (ce_test_sqlite_query_int (fixture->path, KEPT_VOCABULARY), ==, 1);
  again = vocabulary_on_new_connection (fixture->path);
  g_assert_cmpstr (again, ==, first);

  /* Read on two connections, by ranges of terms: the same */
  g_setenv ("CE_WORDS_PARALLEL_MIN", "1", TRUE);
  in_two = vocabulary_from_index (fixture->path);
  g_unsetenv ("CE_WORDS_PARALLEL_MIN");
  g_assert_cmpstr (in_two, ==, first);

  /* What is kept is what is read: one word "x" in one title */
  run_sql (fixture->path, "UPDATE count_cache SET counts = x'0178010100000000'"
                          " WHERE key = 'ce-vocabulary-1'");
  forged = vocabulary_on_new_connection (fixture->path);
  g_assert_cmpstr (forged, ==, "x 1 1 0 0 0 0\n");

  /* Kept bytes that do not decode: read from the index again */
  run_sql (fixture->path, "UPDATE count_cache SET counts = x'ff' WHERE key = 'ce-vocabulary-1'");
  damaged = vocabulary_on_new_connection (fixture->path);
  g_assert_cmpstr (damaged, ==, first);

  /* An import: read again, as the index gives it */
  g_assert_cmpuint (import_dump (fixture->corpus, 6, G_MAXUINT), >, 0);
  imported = vocabulary_on_new_connection (fixture->path);
  g_assert_cmpstr (imported, !=, first);
  imported_index = vocabulary_from_index (fixture->path);
  g_assert_cmpstr (imported, ==, imported_index);

  /* A correction changes a document: read again */
  ids = ce_corpus_list_document_ids (fixture->corpus, &error);
  g_assert_no_error (error);
  g_assert_true (ce_corpus_merge_document (fixture->corpus, g_array_index (ids, gint64, 1), &error));
  g_assert_no_error (error);
  merged = vocabulary_on_new_connection (fixture->path);
  merged_index = vocabulary_from_index (fixture->path);
  g_assert_cmpstr (merged, ==, merged_index);
  g_assert_cmpstr (merged, !=, imported);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/corpus-explorer/count-store/reopen", Fixture, NULL,
              ce_test_corpus_set_up, test_reopen, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/count-store/import", Fixture, NULL,
              ce_test_corpus_set_up, test_import, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/count-store/corrections", Fixture, NULL,
              ce_test_corpus_set_up, test_corrections, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/count-store/read-only-file", Fixture, NULL,
              ce_test_corpus_set_up, test_read_only_file, ce_test_corpus_tear_down);
  g_test_add_func ("/corpus-explorer/count-store/read-only-file/subprocess",
                   test_read_only_file_subprocess);
  g_test_add ("/corpus-explorer/count-store/migrate", Fixture, NULL,
              ce_test_corpus_set_up, test_migrate, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/count-store/vocabulary", Fixture, NULL,
              ce_test_corpus_set_up, test_vocabulary, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/count-store/damaged-entry", Fixture, NULL,
              ce_test_corpus_set_up, test_damaged_entry, ce_test_corpus_tear_down);

  return g_test_run ();
}
