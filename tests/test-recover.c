/* test-recover.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A corpus built from the sample data and the shared dump gets pages of
 * its file overwritten; `recover` must copy every document that was not
 * on a damaged page into a new corpus that opens and passes the integrity
 * checks, report the others as lost, and never change the damaged file.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "ce-corpus-recover.h"
#include "ce-corrections.h"
#include "ce-test-sqlite.h"
#include "ce-test-util.h"

typedef struct
{
  char *title;
  char *body;
} Doc;

static void
doc_free (Doc *doc)
{
  g_free (doc->title);
  g_free (doc->body);
  g_free (doc);
}

static sqlite3 *
open_raw (const char *path)
{
  g_autofree char *uri = g_strconcat ("file:", path, "?immutable=1", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), ==, SQLITE_OK);
  return db;
}

/* id -> Doc, of every document of an undamaged corpus */
static GHashTable *
read_documents (const char *path)
{
  GHashTable *docs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify)doc_free);
  sqlite3 *db = open_raw (path);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, title, body FROM documents", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Doc *doc = g_new0 (Doc, 1);
      gint64 id = sqlite3_column_int64 (stmt, 0);

      doc->title = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      doc->body = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      g_hash_table_insert (docs, g_memdup2 (&id, sizeof id), doc);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return docs;
}

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = open_raw (path);
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

/* Whether document @id of the damaged file can still be looked up and is
 * as it was: the documents recovery must give back */
static gboolean
still_whole (sqlite3    *db,
             gint64      id,
             const Doc  *doc)
{
  sqlite3_stmt *stmt = NULL;
  gboolean whole;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT title, body FROM documents WHERE id = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  whole = sqlite3_step (stmt) == SQLITE_ROW &&
          g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), doc->title) == 0 &&
          g_strcmp0 ((const char *)sqlite3_column_text (stmt, 1), doc->body) == 0;
  sqlite3_finalize (stmt);

  return whole;
}

static GArray *
page_numbers (const char *path,
              const char *sql)
{
  GArray *pages = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = open_raw (path);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 page = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (pages, page);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return pages;
}

/* Garbage over page @page (1-based) of @path */
static void
damage_page (const char *path,
             gint64      page,
             gint64      page_size)
{
  FILE *file = fopen (path, "r+b");

  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, (page - 1) * page_size, SEEK_SET), ==, 0);
  for (gint64 i = 0; i < page_size; i++)
    fputc ((int)((i * 7 + page) % 251), file);
  fclose (file);
}

static void
assert_sound (const char *path)
{
  g_autoptr(CeCorpus) corpus = NULL;
  g_autoptr(GError) error = NULL;

  ce_test_sqlite_assert_sound (path);

  /* Opened as the program opens it, and checked as an import checks it */
  corpus = ce_corpus_open (path, CE_CORPUS_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (ce_corpus_check_integrity (corpus, &error));
  g_assert_no_error (error);
}

/* A corpus of the sample articles, the sample dump and the shared dump,
 * with a topic and a split */
static char *
build_corpus (const char *dir)
{
  g_autofree char *jsonl = ce_test_sample_path ("sample.jsonl");
  g_autofree char *dump = ce_test_sample_path ("sample-dump.txt");
  g_autofree char *shared = ce_test_shared_dump_path ();
  char *path = ce_test_import (dir, "news", jsonl);
  g_autoptr(CeImportReport) more = ce_test_import_file (path, dump);
  g_autoptr(CeImportReport) shared_report = shared ? ce_test_import_file (path, shared) : NULL;
  g_autoptr(CeCorpus) corpus = NULL;
  g_autoptr(CeTopic) topic = ce_test_topic_new ("Harbour", "harbour, port");
  g_autoptr(GError) error = NULL;
  g_autoptr(CeDocument) doc = NULL;
  const char *body;
  const char *paragraph;

  corpus = ce_corpus_open (path, CE_CORPUS_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (ce_topics_save (corpus, topic, &error));
  g_assert_no_error (error);

  /* Split the third document at its second paragraph */
  doc = ce_corpus_get_document (corpus, 3, &error);
  g_assert_no_error (error);
  body = ce_document_get_body (doc);
  paragraph = strstr (body, "\n\n");
  g_assert_nonnull (paragraph);
  g_assert_cmpint (ce_corpus_split_document (corpus, 3, paragraph + 2 - body, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (ce_corpus_checkpoint (corpus, &error));

  return path;
}

static void
test_damaged_pages (void)
{
  g_autofree char *dir = ce_test_make_dir ("ce-recover");
  g_autofree char *path = build_corpus (dir);
  g_autofree char *saved = g_build_filename (dir, "saved.corpus", NULL);
  g_autofree char *before = NULL;
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GHashTable) docs = read_documents (path);
  g_autoptr(GHashTable) lost = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) leaves = NULL;
  g_autoptr(GArray) overflow = NULL;
  g_autoptr(CeRecovery) recovery = NULL;
  g_autoptr(GError) error = NULL;
  gint64 page_size = query_int (path, "PRAGMA page_size");
  gint64 topics = query_int (path, "SELECT count(*) FROM topics");
  gint64 corrections = query_int (path, "SELECT count(*) FROM corrections");
  gint64 sources = query_int (path, "SELECT count(*) FROM sources");
  guint whole = 0;
  GHashTableIter iter;
  gpointer key, value;
  sqlite3 *db;

  g_assert_cmpuint (g_hash_table_size (docs), >, 60);
  g_assert_cmpint (topics, ==, 1);
  g_assert_cmpint (corrections, ==, 1);

  /* Two leaves of the documents table and one page of a long body */
  leaves = page_numbers (path, "SELECT pageno FROM dbstat WHERE name = 'documents' AND pagetype = 'leaf'"
                               " ORDER BY pageno");
  overflow = page_numbers (path, "SELECT pageno FROM dbstat WHERE name = 'documents' AND pagetype = 'overflow'"
                                 " ORDER BY pageno");
  g_assert_cmpuint (leaves->len, >=, 6);
  g_assert_cmpuint (overflow->len, >=, 2);
  damage_page (path, g_array_index (leaves, gint64, leaves->len / 3), page_size);
  damage_page (path, g_array_index (leaves, gint64, 2 * leaves->len / 3), page_size);
  damage_page (path, g_array_index (overflow, gint64, overflow->len / 2), page_size);
  before = ce_test_file_checksum (path);

  /* What can still be read whole, looked up one by one */
  db = open_raw (path);
  g_hash_table_iter_init (&iter, docs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (still_whole (db, *(gint64 *)key, value))
        whole++;
      else
        g_hash_table_add (lost, key);
    }
  sqlite3_close (db);
  g_test_message ("%u of %u documents are whole", whole, g_hash_table_size (docs));
  g_assert_cmpuint (g_hash_table_size (lost), >=, 2);
  g_assert_cmpuint (whole, >, g_hash_table_size (docs) / 2);

  recovery = ce_corpus_recover (path, saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (recovery);

  /* The damaged file was not touched, not even by a lock file */
  ce_test_assert_file_checksum (path, before);
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));

  /* Every document that was whole, as it was; the others reported */
  for (guint i = 0; i < recovery->gaps->len; i++)
    {
      CeRecoveryGap *gap = g_ptr_array_index (recovery->gaps, i);

      g_test_message ("gap in %s after %" G_GINT64_FORMAT " up to %" G_GINT64_FORMAT,
                      gap->table, gap->after, gap->upto);
    }
  for (guint i = 0; i < recovery->lost_documents->len; i++)
    g_test_message ("lost %" G_GINT64_FORMAT, g_array_index (recovery->lost_documents, gint64, i));
  g_hash_table_iter_init (&iter, lost);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_test_message ("not whole %" G_GINT64_FORMAT, *(gint64 *)key);
  g_assert_cmpint (recovery->documents, ==, whole);
  g_assert_cmpuint (recovery->lost_documents->len, ==, g_hash_table_size (lost));
  for (guint i = 0; i < recovery->lost_documents->len; i++)
    g_assert_true (g_hash_table_contains (lost, &g_array_index (recovery->lost_documents, gint64, i)));
  g_assert_cmpuint (recovery->gaps->len, >=, 2);
  g_assert_cmpuint (recovery->lost_from->len, >=, 1);
  g_assert_cmpint (recovery->sources, ==, sources);
  g_assert_cmpint (recovery->topics, ==, 1);
  g_assert_cmpint (recovery->corrections, ==, 1);

  assert_sound (saved);
  {
    g_autoptr(GHashTable) got = read_documents (saved);
    g_autoptr(CeCorpus) corpus = ce_corpus_open (saved, CE_CORPUS_OPEN_READ_ONLY, &error);
    g_autoptr(GArray) found = NULL;
    g_autoptr(GPtrArray) stored = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_hash_table_size (got), ==, whole);
    g_hash_table_iter_init (&iter, got);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        Doc *original = g_hash_table_lookup (docs, key);

        g_assert_nonnull (original);
        g_assert_false (g_hash_table_contains (lost, key));
        g_assert_cmpstr (((Doc *)value)->title, ==, original->title);
        g_assert_cmpstr (((Doc *)value)->body, ==, original->body);
      }

    /* Its index finds what it holds: each word of a title finds its document */
    g_hash_table_iter_init (&iter, got);
    for (guint n = 0; n < 10 && g_hash_table_iter_next (&iter, &key, &value); n++)
      {
        g_autofree char *phrase = g_strdup_printf ("\"%s\"", ((Doc *)value)->title);
        g_autoptr(GArray) ids = NULL;

        if (strchr (((Doc *)value)->title, '"') != NULL || *((Doc *)value)->title == 0)
          continue;
        ids = ce_test_search_ids (corpus, phrase);
        g_assert_true (ce_test_ids_contain (ids, *(gint64 *)key));
      }
    found = ce_test_search_ids (corpus, "harbour");
    g_assert_cmpuint (found->len, >, 0);

    stored = ce_topics_list (corpus, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (stored->len, ==, 1);
    g_assert_cmpint (ce_corpus_count_corrections (corpus), ==, 1);
  }

  /* Importing the files the report names again brings the lost back */
  for (guint i = 0; i < recovery->lost_from->len; i++)
    {
      g_autoptr(CeImportReport) report = ce_test_import_file (saved, g_ptr_array_index (recovery->lost_from, i));

      g_test_message ("imported again %s: %u added", (char *)g_ptr_array_index (recovery->lost_from, i),
                      report->documents_added);
    }
  {
    g_autoptr(GHashTable) got = read_documents (saved);
    guint back = 0;

    g_hash_table_iter_init (&iter, lost);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        Doc *original = g_hash_table_lookup (docs, key);
        GHashTableIter it;
        gpointer v;

        g_hash_table_iter_init (&it, got);
        while (g_hash_table_iter_next (&it, NULL, &v))
          if (g_str_equal (((Doc *)v)->title, original->title) && g_str_equal (((Doc *)v)->body, original->body))
            {
              back++;
              break;
            }
      }
    g_assert_cmpuint (back, ==, g_hash_table_size (lost));
  }
  assert_sound (saved);

  g_assert_true (ce_test_remove_tree (dir));
}

/* Garbage over a page in the middle of the file, wherever it falls: the
 * recovered corpus is sound and holds what could be read whole */
static void
test_middle_page (void)
{
  g_autofree char *dir = ce_test_make_dir ("ce-recover");
  g_autofree char *path = build_corpus (dir);
  g_autofree char *saved = g_build_filename (dir, "saved.corpus", NULL);
  g_autoptr(GHashTable) docs = read_documents (path);
  g_autoptr(CeRecovery) recovery = NULL;
  g_autoptr(GError) error = NULL;
  gint64 page_size = query_int (path, "PRAGMA page_size");
  gint64 pages = query_int (path, "PRAGMA page_count");
  guint whole = 0;
  GHashTableIter iter;
  gpointer key, value;
  sqlite3 *db;

  for (gint64 p = pages / 2 - 2; p <= pages / 2 + 2; p++)
    damage_page (path, p, page_size);

  db = open_raw (path);
  g_hash_table_iter_init (&iter, docs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    whole += still_whole (db, *(gint64 *)key, value);
  sqlite3_close (db);

  recovery = ce_corpus_recover (path, saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (recovery->documents, ==, whole);
  g_assert_cmpuint (recovery->documents + recovery->lost_documents->len, <=, g_hash_table_size (docs));
  assert_sound (saved);

  g_assert_true (ce_test_remove_tree (dir));
}

/* An undamaged corpus is copied whole; the new file is never one that exists */
static void
test_whole (void)
{
  g_autofree char *dir = ce_test_make_dir ("ce-recover");
  g_autofree char *path = build_corpus (dir);
  g_autofree char *saved = g_build_filename (dir, "saved.corpus", NULL);
  g_autoptr(CeRecovery) recovery = NULL;
  g_autoptr(CeRecovery) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 documents = query_int (path, "SELECT count(*) FROM documents");
  gint64 meta = query_int (path, "SELECT count(*) FROM meta");
  gint64 groups = query_int (path, "SELECT count(DISTINCT group_id) FROM copies");

  recovery = ce_corpus_recover (path, saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (recovery->documents, ==, documents);
  g_assert_cmpint (recovery->meta, ==, meta);
  g_assert_cmpuint (recovery->lost_documents->len, ==, 0);
  g_assert_cmpuint (recovery->gaps->len, ==, 0);
  assert_sound (saved);
  g_assert_cmpint (query_int (saved, "SELECT count(DISTINCT group_id) FROM copies"), ==, groups);
  g_assert_cmpint (query_int (saved, "SELECT count(*) FROM documents d JOIN fingerprints f ON f.doc_id = d.id"),
                   ==, documents);

  again = ce_corpus_recover (path, saved, NULL, &error);
  g_assert_null (again);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  again = ce_corpus_recover (path, path, NULL, &error);
  g_assert_null (again);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_cmpint (query_int (saved, "SELECT count(*) FROM documents"), ==, documents);

  g_assert_true (ce_test_remove_tree (dir));
}

/* The command line: an import into the damaged corpus is refused and
 * points to `recover`, which reports what it lost */
static void
test_cli (void)
{
  g_autofree char *dir = ce_test_make_dir ("ce-recover");
  g_autofree char *path = build_corpus (dir);
  g_autofree char *dump = ce_test_sample_path ("sample-dump.txt");
  g_autofree char *jsonl = ce_test_sample_path ("sample.jsonl");
  g_autofree char *recovered = g_build_filename (dir, "news-recovered.corpus", NULL);
  g_autofree char *before = NULL;
  g_autoptr(GArray) leaves = NULL;
  gint64 page_size = query_int (path, "PRAGMA page_size");
  CeTestRun run = { 0 };

  leaves = page_numbers (path, "SELECT pageno FROM dbstat WHERE name = 'documents' AND pagetype = 'leaf'"
                               " ORDER BY pageno");
  damage_page (path, g_array_index (leaves, gint64, 1), page_size);
  before = ce_test_file_checksum (path);

  ce_test_run_cli (&run, dir, "import", "--into", path, dump, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "is damaged"));
  g_assert_nonnull (strstr (run.err, "nothing was added"));
  g_assert_nonnull (strstr (run.err, "corpus-explorer recover"));
  ce_test_run_clear (&run);
  ce_test_assert_file_checksum (path, before);

  ce_test_run_cli (&run, dir, "recover", path, NULL);
  g_test_message ("%s%s", run.out, run.err);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Recovered into"));
  g_assert_nonnull (strstr (run.out, "Lost: "));
  g_assert_nonnull (strstr (run.out, "documents: rows after id"));
  g_assert_nonnull (strstr (run.out, jsonl));
  g_assert_true (g_file_test (recovered, G_FILE_TEST_IS_REGULAR));
  ce_test_run_clear (&run);
  assert_sound (recovered);

  /* Never over an existing file */
  ce_test_run_cli (&run, dir, "recover", path, "--output", recovered, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "already exists"));
  ce_test_run_clear (&run);

  /* Not a corpus */
  ce_test_run_cli (&run, dir, "recover", dump, "--output", "other.corpus", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "cannot be recovered"));
  ce_test_run_clear (&run);
  {
    g_autofree char *other = g_build_filename (dir, "other.corpus", NULL);

    g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  }

  ce_test_assert_file_checksum (path, before);
  g_assert_true (ce_test_remove_tree (dir));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus-explorer/recover/damaged-pages", test_damaged_pages);
  g_test_add_func ("/corpus-explorer/recover/middle-page", test_middle_page);
  g_test_add_func ("/corpus-explorer/recover/whole", test_whole);
  g_test_add_func ("/corpus-explorer/recover/cli", test_cli);

  return g_test_run ();
}
