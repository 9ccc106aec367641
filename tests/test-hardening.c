/* test-hardening.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hostile input and faults: each test reproduces one way the readers, the
 * store or the query language were once crashed, fooled or made to lose
 * data, and checks that it now gets a clear answer instead.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ce-importer.h"
#include "ce-reader.h"
#include "ce-test-util.h"
#include "ce-walk.h"

/* Mail */

/* A text/html part with no content once reached the HTML decoder as NULL
 * and killed the whole import (and the preview, in the window) */
static void
test_mail_empty_html (void)
{
  const char mbox[] =
    "From ann@example.org Tue Mar  5 10:00:00 2024\n"
    "From: ann@example.org\n"
    "Subject: Empty page\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/html; charset=utf-8\n"
    "\n"
    "From bob@example.org Tue Mar  5 11:00:00 2024\n"
    "From: bob@example.org\n"
    "Subject: Alternatives, both empty\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/alternative; boundary=\"b\"\n"
    "\n"
    "--b\n"
    "Content-Type: text/plain\n"
    "\n"
    "--b\n"
    "Content-Type: text/html\n"
    "\n"
    "--b--\n"
    "\n"
    "From cy@example.org Tue Mar  5 12:00:00 2024\n"
    "From: cy@example.org\n"
    "Subject: Still read\n"
    "\n"
    "The third message is read.\n";
  g_autoptr(CeTestRead) result = ce_test_read_data (ce_read_email, "empty.mbox", mbox, sizeof mbox - 1, NULL);
  gboolean found = FALSE;

  g_assert_no_error (result->error);
  for (guint i = 0; i < result->drafts->len; i++)
    if (g_strcmp0 (ce_test_read_draft_at (result, i)->title, "Still read") == 0)
      {
        g_assert_cmpstr (ce_test_read_draft_at (result, i)->body, ==, "The third message is read.");
        found = TRUE;
      }
  g_assert_true (found);
}

/* An empty body (no byte after the headers) tripped the undefined
 * behaviour sanitizer with a zero offset applied to NULL */
static void
test_mail_empty_body (void)
{
  const char plain[] = "From: ann@example.org\nSubject: Nothing\n\n";
  const char html[] = "From: ann@example.org\nSubject: Nothing\nContent-Type: text/html\n\n";
  g_autoptr(CeTestRead) plain_result = ce_test_read_data (ce_read_email, "plain.eml", plain, -1, NULL);
  g_autoptr(CeTestRead) html_result = ce_test_read_data (ce_read_email, "html.eml", html, -1, NULL);

  g_assert_no_error (plain_result->error);
  g_assert_no_error (html_result->error);
  for (guint i = 0; i < plain_result->drafts->len; i++)
    g_assert_cmpstr (ce_test_read_draft_at (plain_result, i)->body, ==, "");
  for (guint i = 0; i < html_result->drafts->len; i++)
    g_assert_cmpstr (ce_test_read_draft_at (html_result, i)->body, ==, "");
}

/* CSV */

/* A quoted field over two lines that closes badly is read again line by
 * line; when the line read again opens a quote that the end of the file
 * leaves open, the reader went on with the freed line (a heap
 * use-after-free, and a lost record in a release build) */
static void
test_csv_replayed_quote (void)
{
  const char data[] =
    "id,text\n"
    "1,\"first\n"
    "2,\"second\"x\n";
  const char data_end[] =
    "id,text\n"
    "1,\"first\n"
    "2,\"second\n";
  g_autoptr(CeTestRead) result = ce_test_read_data (ce_read_csv, "replay.csv", data, -1, NULL);
  g_autoptr(CeTestRead) at_end = ce_test_read_data (ce_read_csv, "end.csv", data_end, -1, NULL);

  g_assert_no_error (result->error);
  g_assert_cmpuint (result->drafts->len, ==, 2);
  g_assert_cmpstr (ce_test_read_draft_at (result, 0)->body, ==, "first");
  g_assert_cmpuint (ce_test_read_draft_at (result, 0)->line, ==, 2);
  g_assert_cmpuint (ce_test_read_draft_at (result, 1)->line, ==, 3);
  g_assert_true (g_str_has_prefix (ce_test_read_draft_at (result, 1)->body, "second"));
  g_assert_cmpuint (result->warnings->len, >=, 1);
  g_assert_true (g_str_has_prefix (result->warnings->pdata[0], "replay.csv:2: unbalanced quote"));

  g_assert_no_error (at_end->error);
  g_assert_cmpuint (at_end->drafts->len, ==, 2);
  g_assert_cmpstr (ce_test_read_draft_at (at_end, 0)->body, ==, "first");
  g_assert_cmpstr (ce_test_read_draft_at (at_end, 1)->body, ==, "second");
  g_assert_cmpuint (ce_test_read_draft_at (at_end, 1)->line, ==, 3);
  g_assert_cmpuint (at_end->warnings->len, ==, 2);
  g_assert_true (g_str_has_prefix (at_end->warnings->pdata[0], "end.csv:2: unbalanced quote"));
  g_assert_true (g_str_has_prefix (at_end->warnings->pdata[1], "end.csv:3: unbalanced quote"));
}

/* JSON */

/* The depth guard counts brackets as json-glib's scanner sees them: a
 * quote inside a comment once hid 100,000 brackets from it, and json-glib
 * recursed until the stack overflowed */
static void
test_json_comment_depth (void)
{
  const char * const hiders[] = { "/* \" */", "/ \" /", "' \" '" };

  for (guint h = 0; h < G_N_ELEMENTS (hiders); h++)
    {
      g_autoptr(GString) deep = g_string_new ("{\"text\": \"x\", ");
      g_autoptr(CeTestRead) json = NULL;
      g_autoptr(CeTestRead) jsonl = NULL;

      g_string_append_printf (deep, "%s \"n\": ", hiders[h]);
      for (guint i = 0; i < 100000; i++)
        g_string_append_c (deep, '[');
      for (guint i = 0; i < 100000; i++)
        g_string_append_c (deep, ']');
      g_string_append (deep, "}\n{\"text\": \"Shallow.\"}\n");

      json = ce_test_read_data (ce_read_json, "deep.json", deep->str, deep->len, NULL);
      g_assert_error (json->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_cmpstr (json->error->message, ==, "deep.json:1: nested more than 200 levels deep");

      jsonl = ce_test_read_data (ce_read_jsonl, "deep.jsonl", deep->str, deep->len, NULL);
      g_assert_no_error (jsonl->error);
      g_assert_cmpuint (jsonl->warnings->len, ==, 1);
      g_assert_cmpstr (jsonl->warnings->pdata[0], ==,
                       "deep.jsonl:1: nested more than 200 levels deep; skipped");
      g_assert_cmpuint (jsonl->drafts->len, ==, 1);
      g_assert_cmpstr (ce_test_read_draft_at (jsonl, 0)->body, ==, "Shallow.");
    }
}

/* A broken array is salvaged object by object; the salvage reads comments
 * the same way, so brackets inside one never start a record */
static void
test_json_salvage_comment (void)
{
  g_autoptr(GString) data = g_string_new ("[{\"text\": \"One.\"}, / {\"text\": ");

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (data, '[');
  g_string_append (data, " / {\"text\": \"Two.\"}, broken");
  {
    g_autoptr(CeTestRead) result = ce_test_read_data (ce_read_json, "salvage.json", data->str, data->len, NULL);

    g_assert_no_error (result->error);
    g_assert_cmpuint (result->drafts->len, ==, 2);
    g_assert_cmpstr (ce_test_read_draft_at (result, 0)->body, ==, "One.");
    g_assert_cmpstr (ce_test_read_draft_at (result, 1)->body, ==, "Two.");
  }
}

/* Folders */

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
make_link (const char *dir,
           const char *name,
           const char *target)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (symlink (target, path), ==, 0);
}

/* d/up -> .. made the walk endless (1.5 GB and growing), and self -> .
 * read one file 41 times */
static void
test_walk_loops (void)
{
  g_autofree char *dir = ce_test_make_dir ("ce-walk");
  g_autofree char *sub = g_build_filename (dir, "d", NULL);
  g_autofree char *corpus_path = g_build_filename (dir, "loops.corpus", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify)ce_walk_file_free);
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(CeImportReport) report = NULL;
  const char *paths[] = { dir, sub };

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  write_file (dir, "a.txt", "The first file of the folder.\n");
  write_file (sub, "b.txt", "The second file, one folder down.\n");
  make_link (sub, "up", "..");
  make_link (dir, "self", ".");
  make_link (dir, "again.txt", "a.txt");

  /* Both paths given, one inside the other: still each file once */
  g_assert_true (ce_walk_collect (paths, G_N_ELEMENTS (paths), files, skipped, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < skipped->len; i++)
    g_test_message ("skipped: %s", (char *)skipped->pdata[i]);
  g_assert_cmpuint (files->len, ==, 2);
  g_assert_true (g_str_has_suffix (((CeWalkFile *)files->pdata[0])->path, "/a.txt"));
  g_assert_true (g_str_has_suffix (((CeWalkFile *)files->pdata[1])->path, "/d/b.txt"));
  g_assert_cmpuint (skipped->len, ==, 3);
  g_assert_true (g_str_has_suffix (skipped->pdata[0], "/d/up: a link to a folder already read; skipped"));
  g_assert_true (g_str_has_suffix (skipped->pdata[1], "/self: a link to a folder already read; skipped"));
  g_assert_true (g_str_has_suffix (skipped->pdata[2], "/d: a folder already read; skipped"));

  report = ce_test_import_file (corpus_path, dir);
  g_assert_cmpuint (report->documents_added, ==, 2);
  g_assert_cmpuint (report->duplicates, ==, 0);

  g_assert_true (ce_test_remove_tree (dir));
}

/* Collecting the files took no cancellable: Cancel did nothing until the
 * (endless) walk ended */
static void
test_walk_cancel (void)
{
  g_autofree char *dir = ce_test_make_dir ("ce-walk");
  g_autofree char *corpus_path = g_build_filename (dir, "cancel.corpus", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify)ce_walk_file_free);
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CeImporter) importer = ce_importer_new (corpus_path, NULL);
  g_autoptr(CeImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { dir };

  write_file (dir, "a.txt", "Some text.\n");
  g_cancellable_cancel (cancellable);

  g_assert_false (ce_walk_collect (paths, 1, files, skipped, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  ce_importer_add_path (importer, dir);
  report = ce_importer_run (importer, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_assert_true (ce_test_remove_tree (dir));
}

/* Corpus files */

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static char *
sample_corpus (const char *dir)
{
  g_autofree char *sample = ce_test_sample_path ("sample.jsonl");

  return ce_test_import (dir, "sample", sample);
}

static gint64
count_documents (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeCorpus) corpus = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, &error);

  g_assert_no_error (error);
  return ce_corpus_count_documents (corpus);
}

/* The journal mode used to be switched to WAL before the schema was
 * checked: a refused file in rollback-journal mode was changed */
static void
test_refused_untouched (void)
{
  g_autofree char *dir = ce_test_make_dir ("ce-hardening");
  g_autofree char *path = sample_corpus (dir);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CeCorpus) corpus = NULL;

  exec_sql (path, "PRAGMA journal_mode = DELETE;"
                  "CREATE TRIGGER planted AFTER INSERT ON sources BEGIN SELECT 1; END;");
  before = ce_test_file_checksum (path);

  corpus = ce_corpus_open (path, CE_CORPUS_OPEN_DEFAULT, &error);
  g_assert_null (corpus);
  g_assert_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "trigger “planted”"));
  g_clear_error (&error);

  corpus = ce_corpus_open (path, CE_CORPUS_OPEN_CREATE, &error);
  g_assert_null (corpus);
  g_assert_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_DAMAGED);

  after = ce_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_assert_true (ce_test_remove_tree (dir));
}

/* After an import the .corpus file alone holds every document: nothing is
 * left only in the -wal file */
static void
test_checkpoint (void)
{
  g_autofree char *dir = ce_test_make_dir ("ce-hardening");
  g_autofree char *path = sample_corpus (dir);
  g_autofree char *copy_dir = g_build_filename (dir, "copy", NULL);
  g_autofree char *copy = g_build_filename (copy_dir, "alone.corpus", NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpint (g_mkdir (copy_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (copy, contents, len, NULL));

  g_assert_cmpint (count_documents (copy), ==, 52);
  g_assert_cmpint (count_documents (copy), ==, count_documents (path));

  g_assert_true (ce_test_remove_tree (dir));
}

/* Read-only media or folder: everything that only reads works.  As root
 * the permissions do not apply, so the check runs as nobody. */
static void
test_read_only (void)
{
  g_autofree char *dir = ce_test_make_dir ("ce-hardening");
  g_autofree char *path = sample_corpus (dir);

  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  g_setenv ("CE_HARDENING_CORPUS", path, TRUE);
  g_test_trap_subprocess ("/corpus-explorer/hardening/store/read-only/subprocess", 0,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
  g_assert_true (ce_test_remove_tree (dir));
}

static void
test_read_only_subprocess (void)
{
  const char *path = g_getenv ("CE_HARDENING_CORPUS");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(CeCorpus) corpus = NULL;
  g_autoptr(CeCorpus) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  CeTestRun run = { 0 };

  if (!g_test_subprocess ())
    return;

  if (geteuid () == 0)
    {
      g_assert_cmpint (setgid (65534), ==, 0);
      g_assert_cmpint (setuid (65534), ==, 0);
    }
  g_assert_cmpint (access (dir, W_OK), !=, 0);

  reader = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (ce_corpus_is_read_only (reader));
  g_assert_cmpint (ce_corpus_count_documents (reader), ==, 52);
  ids = ce_test_search_ids (reader, "harbour OR market");
  g_assert_cmpuint (ids->len, >, 0);

  /* The window opens for writing (corrections): it reads instead */
  corpus = ce_corpus_open (path, CE_CORPUS_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (ce_corpus_is_read_only (corpus));
  g_assert_false (ce_corpus_begin (corpus, &error));
  g_assert_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_object (&corpus);

  /* An import says why it cannot write */
  corpus = ce_corpus_open (path, CE_CORPUS_OPEN_CREATE, &error);
  g_assert_null (corpus);
  g_assert_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_clear_error (&error);

  for (guint i = 0; i < 3; i++)
    {
      const char *command = (const char * const[]){ "stats", "docs", "search" }[i];

      if (i == 2)
        ce_test_run_cli (&run, "/", command, path, "harbour", NULL);
      else
        ce_test_run_cli (&run, "/", command, path, NULL);
      g_test_message ("%s: %s", command, run.err);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.err, ==, "");
      g_assert_cmpuint (strlen (run.out), >, 0);
      ce_test_run_clear (&run);
    }
}

/* A damaged corpus takes no import, and keeps what it has */
static void
test_damaged (void)
{
  g_autofree char *dir = ce_test_make_dir ("ce-hardening");
  g_autofree char *path = sample_corpus (dir);
  g_autofree char *source = ce_test_sample_path ("sample-dump.txt");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(CeImporter) importer = ce_importer_new (path, NULL);
  g_autoptr(CeImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  FILE *file;
  long size;

  /* Garbage over a page in the middle of the file */
  file = fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, 0, SEEK_END), ==, 0);
  size = ftell (file);
  g_assert_cmpint (size, >, 8 * 4096);
  g_assert_cmpint (fseek (file, (size / 4096 / 2) * 4096, SEEK_SET), ==, 0);
  for (guint i = 0; i < 4096; i++)
    fputc ((int)(i * 7 % 251), file);
  fclose (file);
  before = ce_test_file_checksum (path);

  ce_importer_add_path (importer, source);
  report = ce_importer_run (importer, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "is damaged"));
  g_assert_nonnull (strstr (error->message, "nothing was added"));

  after = ce_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);

  g_assert_true (ce_test_remove_tree (dir));
}

/* Disk full, made with a limit on the size of files: the import fails,
 * says so, and leaves the corpus as it was */
static void
disk_full_child (void)
{
  const char *path = g_getenv ("CE_HARDENING_CORPUS");
  g_autoptr(CeImporter) importer = ce_importer_new (path, NULL);
  g_autoptr(CeImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  struct rlimit limit;
  struct stat st;

  g_assert_cmpint (stat (path, &st), ==, 0);
  limit.rlim_cur = limit.rlim_max = st.st_size + 64 * 1024;
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  ce_importer_add_path (importer, g_getenv ("CE_HARDENING_SOURCE"));
  report = ce_importer_run (importer, NULL, &error);
  g_assert_null (report);
  g_assert_nonnull (error);
  g_printerr ("import failed: %s\n", error->message);
}

static void
test_disk_full (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *big = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      disk_full_child ();
      return;
    }

  dir = ce_test_make_dir ("ce-hardening");
  path = sample_corpus (dir);
  big = g_build_filename (dir, "big.txt", NULL);

  /* About 1 MB of distinct documents */
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (text, "Report number %u on the harbour, the market and word%u.\n\n",
                            i, i * 7919);
  g_assert_true (g_file_set_contents (big, text->str, text->len, NULL));

  g_setenv ("CE_HARDENING_CORPUS", path, TRUE);
  g_setenv ("CE_HARDENING_SOURCE", big, TRUE);
  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*import failed: *");

  {
    g_autoptr(CeCorpus) corpus = ce_corpus_open (path, CE_CORPUS_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_cmpint (ce_corpus_count_documents (corpus), ==, 52);
    g_assert_true (ce_corpus_check_integrity (corpus, &error));
    g_assert_no_error (error);
  }

  g_assert_true (ce_test_remove_tree (dir));
}

/* Two imports into one corpus: the second waits, and says so, instead of
 * failing with "database is locked" after five seconds */
typedef struct
{
  CeImporter     *importer;
  CeImportReport *report;
  GError         *error;
  gint            waiting;
  char           *message;
} SecondImport;

static void
on_waiting_cb (CeImporter   *importer,
               const char   *message,
               SecondImport *second)
{
  second->message = g_strdup (message);
  g_atomic_int_set (&second->waiting, 1);
}

static gpointer
second_import_thread (gpointer data)
{
  SecondImport *second = data;

  second->report = ce_importer_run (second->importer, NULL, &second->error);
  return NULL;
}

static void
test_second_import_waits (void)
{
  g_autofree char *dir = ce_test_make_dir ("ce-hardening");
  g_autofree char *path = sample_corpus (dir);
  g_autofree char *source = g_build_filename (dir, "more.txt", NULL);
  g_autoptr(CeCorpus) first = NULL;
  g_autoptr(GError) error = NULL;
  SecondImport second = { 0 };
  GThread *thread;

  g_assert_true (g_file_set_contents (source, "A document the first import did not have.\n",
                                      -1, NULL));

  first = ce_corpus_open (path, CE_CORPUS_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (ce_corpus_begin (first, &error));

  second.importer = ce_importer_new (path, NULL);
  ce_importer_add_path (second.importer, source);
  g_signal_connect (second.importer, "waiting", G_CALLBACK (on_waiting_cb), &second);
  thread = g_thread_new ("second-import", second_import_thread, &second);

  /* Longer than the five seconds after which it used to give up */
  for (guint i = 0; i < 600 && !g_atomic_int_get (&second.waiting); i++)
    g_usleep (10 * 1000);
  g_assert_true (g_atomic_int_get (&second.waiting));
  g_usleep (6 * G_USEC_PER_SEC);
  g_assert_null (second.report);

  g_assert_true (ce_corpus_commit (first, &error));
  g_thread_join (thread);

  g_assert_no_error (second.error);
  g_assert_nonnull (second.report);
  g_assert_cmpuint (second.report->documents_added, ==, 1);
  g_assert_nonnull (strstr (second.message, "Another import is running into"));

  ce_import_report_free (second.report);
  g_object_unref (second.importer);
  g_free (second.message);
  g_clear_object (&first);
  g_assert_cmpint (count_documents (path), ==, 53);
  g_assert_true (ce_test_remove_tree (dir));
}

/* Huge input */

/* Words, with a space after each, up to @bytes */
static void
append_words (GString *text,
              gsize    bytes)
{
  gsize target = text->len + bytes;

  for (guint i = 0; text->len < target; i++)
    g_string_append_printf (text, "word%u ", i % 100000);
}

static gboolean
has_warning (CeImportReport *report,
             const char     *prefix,
             const char     *part)
{
  for (guint i = 0; i < report->warnings->len; i++)
    {
      const char *warning = g_ptr_array_index (report->warnings, i);
      const char *name = strrchr (warning, '/');

      g_test_message ("warning: %s", warning);
      if (name != NULL && g_str_has_prefix (name + 1, prefix) && strstr (warning, part) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* Writes @text as @name in @dir and imports it into @corpus, which keeps
 * the documents it had and gains the others */
static CeImportReport *
import_huge (const char *dir,
             const char *corpus,
             const char *name,
             GString    *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  gint64 before = count_documents (corpus);
  CeImportReport *report;

  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  report = ce_test_import_file (corpus, path);
  g_assert_cmpint (count_documents (corpus), ==, before + report->documents_added);
  return report;
}

/* A line longer than one document may hold (17 MB here, 50 MB when
 * probed) is skipped with a warning naming it, as it is read: JSON Lines
 * and CSV go on with the next line.  A JSON string that long skips its
 * record. */
static void
test_huge_line (void)
{
  g_autofree char *dir = ce_test_make_dir ("ce-hardening");
  g_autofree char *corpus = sample_corpus (dir);
  g_autoptr(GString) jsonl = g_string_new ("{\"text\": \"The first record is short.\"}\n{\"text\": \"");
  g_autoptr(GString) csv = g_string_new ("title,text\nOne,A short first row.\nTwo,\"");
  g_autoptr(GString) json = g_string_new ("[{\"text\": \"A short first object.\"},\n{\"text\": \"");
  g_autoptr(CeImportReport) jsonl_report = NULL;
  g_autoptr(CeImportReport) csv_report = NULL;
  g_autoptr(CeImportReport) json_report = NULL;

  append_words (jsonl, CE_MAX_DOCUMENT_BYTES + 1024 * 1024);
  g_string_append (jsonl, "\"}\n{\"text\": \"The third record is short too.\"}\n");
  jsonl_report = import_huge (dir, corpus, "huge.jsonl", jsonl);
  g_assert_cmpuint (jsonl_report->documents_added, ==, 2);
  g_assert_true (has_warning (jsonl_report, "huge.jsonl:2: ", "longer than 16.8\302\240MB"));

  append_words (csv, CE_MAX_DOCUMENT_BYTES + 1024 * 1024);
  g_string_append (csv, "\"\nThree,The third row.\n");
  csv_report = import_huge (dir, corpus, "huge.csv", csv);
  g_assert_cmpuint (csv_report->documents_added, ==, 2);
  g_assert_true (has_warning (csv_report, "huge.csv:3: ", "longer than 16.8\302\240MB"));

  append_words (json, CE_MAX_DOCUMENT_BYTES + 1024 * 1024);
  g_string_append (json, "\"},\n{\"text\": \"A short third object.\"}]\n");
  json_report = import_huge (dir, corpus, "huge.json", json);
  g_assert_cmpuint (json_report->documents_added, ==, 2);
  g_assert_true (has_warning (json_report, "huge.json:2: ", "is longer than the 16.8\302\240MB"));

  /* One object with a text that long: the file is refused, and says why */
  {
    g_autoptr(GString) one = g_string_new ("{\"title\": \"One\",\n \"text\": \"");
    g_autoptr(CeImportReport) report = NULL;

    append_words (one, CE_MAX_DOCUMENT_BYTES + 1024 * 1024);
    g_string_append (one, "\"}\n");
    report = import_huge (dir, corpus, "one.json", one);
    g_assert_cmpuint (report->documents_added, ==, 0);
    g_assert_cmpuint (report->skipped->len, ==, 1);
    g_test_message ("skipped: %s", (char *)report->skipped->pdata[0]);
    g_assert_nonnull (strstr (report->skipped->pdata[0], "one.json:2: a text of 17."));
    g_assert_nonnull (strstr (report->skipped->pdata[0], "is longer than the 16.8\302\240MB"));
  }

  {
    g_autoptr(CeCorpus) reader = ce_corpus_open (corpus, CE_CORPUS_OPEN_READ_ONLY, NULL);
    g_autoptr(GArray) third = ce_test_search_ids (reader, "\"third record is short\" OR \"third row\" OR \"short third object\"");

    g_assert_cmpuint (third->len, ==, 3);
    g_assert_true (ce_corpus_check_integrity (reader, NULL));
  }

  g_assert_true (ce_test_remove_tree (dir));
}

/* A JSON list is read record by record (a million records once took
 * 1.3 GB for 107 MB): every record arrives with its line, and a broken
 * record in the middle is skipped with the line of its error */
static void
test_json_list_streamed (void)
{
  g_autoptr(GString) list = g_string_new ("\n[\n");
  g_autoptr(CeTestRead) result = NULL;
  g_autoptr(CeTestRead) broken = NULL;
  g_autofree char *complete = NULL;
  /* Enough records that a reader holding the whole list would show; few
   * enough for the sanitizer build, where every allocation is traced */
  const guint n = 5000;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (list, "  {\"title\": \"Record %u\",\n   \"text\": \"Body of record %u.\"}%s\n",
                            i, i, i + 1 < n ? "," : "");
  g_string_append (list, "]\n");

  result = ce_test_read_data (ce_read_json, "list.json", list->str, list->len, NULL);
  g_assert_no_error (result->error);
  g_assert_cmpuint (result->warnings->len, ==, 0);
  g_assert_cmpuint (result->drafts->len, ==, n);
  for (guint i = 0; i < n; i += 499)
    {
      g_autofree char *body = g_strdup_printf ("Body of record %u.", i);

      g_assert_cmpstr (ce_test_read_draft_at (result, i)->body, ==, body);
      g_assert_cmpuint (ce_test_read_draft_at (result, i)->line, ==, 3 + 2 * i);
    }

  /* Record 100 loses the colon after "text": it alone is lost */
  {
    g_autofree char *bad = g_strdup_printf ("\"text\": \"Body of record %u.\"}", 100);
    char *at = strstr (list->str, bad);

    g_assert_nonnull (at);
    at[strlen ("\"text\"")] = ' ';
  }
  broken = ce_test_read_data (ce_read_json, "broken.json", list->str, list->len, NULL);
  g_assert_no_error (broken->error);
  g_assert_cmpuint (broken->warnings->len, ==, 1);
  g_test_message ("%s", (char *)broken->warnings->pdata[0]);
  g_assert_true (g_str_has_prefix (broken->warnings->pdata[0], "broken.json:204: "));
  complete = g_strdup_printf ("read the %u complete records before it", n - 1);
  g_assert_nonnull (strstr (broken->warnings->pdata[0], complete));
  g_assert_cmpuint (broken->drafts->len, ==, n - 1);
  g_assert_cmpstr (ce_test_read_draft_at (broken, 100)->body, ==, "Body of record 101.");
}

typedef struct
{
  guint  n;
  guint  first_line;
  guint  last_line;
  char  *last_body;
} Wrapped;

static gboolean
count_wrapped_cb (CeReadContext *ctx,
                  CeDraft       *draft,
                  gpointer       user_data)
{
  Wrapped *wrapped = user_data;

  if (wrapped->n++ == 0)
    wrapped->first_line = draft->line;
  wrapped->last_line = draft->line;
  g_free (wrapped->last_body);
  wrapped->last_body = g_strdup (draft->body);
  ce_draft_free (draft);

  return TRUE;
}

/* Reads @text as a .json file; *@peak is the most text json-glib was
 * handed at once, the size its tree grows from */
static Wrapped
read_wrapped (const char *text,
              gsize      *peak)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (text, strlen (text), NULL);
  g_autoptr(GError) error = NULL;
  CeImportOptions options = { 0 };
  CeReadContext ctx = { 0 };
  Wrapped wrapped = { 0 };

  ctx.path = "wrapped.json";
  ctx.options = &options;
  ctx.emit = count_wrapped_cb;
  ctx.emit_data = &wrapped;
  ctx.warnings = g_ptr_array_new_with_free_func (g_free);
  g_assert_true (ce_read_json (&ctx, stream, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < ctx.warnings->len; i++)
    g_test_message ("warning: %s", (char *)ctx.warnings->pdata[i]);
  g_assert_cmpuint (ctx.warnings->len, ==, 0);
  g_ptr_array_unref (ctx.warnings);
  *peak = ctx.parse_peak;

  return wrapped;
}

/* A list wrapped in an object is read record by record too, however the
 * object wraps it: json-glib never gets more than one record's text at
 * once (the whole file used to become one tree, memory growing with
 * it).  An object with text of its own stays one record. */
static void
test_json_wrapped_streamed (void)
{
  const struct {
    const char *before;
    const char *after;
  } shapes[] = {
    { "{\"articles\": [\n", "]}\n" },
    { "{\"data\": {\"items\": [\n", "]}}" },
    { "{\"meta\": {\"total\": 5000, \"tags\": [\"a\", \"b\"]}, \"ok\": true, \"n\": -1.5e3,\n"
      " \"response\": {\"status\": \"ok\", \"docs\": [\n", "]}, \"next\": null}\n" },
    /* No usual key: the only list of objects */
    { "  {\"version\": 2, \"entries_v2\": [\n", "], \"count\": 5000}  \n" },
  };
  /* Few enough for the sanitizer build, where every allocation is traced */
  const guint n = 5000;

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      g_autoptr(GString) text = g_string_new (shapes[s].before);
      g_autofree char *last = g_strdup_printf ("Body of record %u.", n - 1);
      guint list_line = 1;
      gsize peak = 0;
      Wrapped wrapped;

      for (const char *p = shapes[s].before; *p != '\0'; p++)
        list_line += *p == '\n';
      for (guint i = 0; i < n; i++)
        g_string_append_printf (text, "  {\"title\": \"Record %u\",\n   \"text\": \"Body of record %u.\"}%s\n",
                                i, i, i + 1 < n ? "," : "");
      g_string_append (text, shapes[s].after);

      wrapped = read_wrapped (text->str, &peak);
      g_test_message ("shape %u: %" G_GSIZE_FORMAT " bytes, at most %" G_GSIZE_FORMAT " parsed at once",
                      s, text->len, peak);
      g_assert_cmpuint (wrapped.n, ==, n);
      g_assert_cmpuint (wrapped.first_line, ==, list_line);
      g_assert_cmpuint (wrapped.last_line, ==, list_line + 2 * (n - 1));
      g_assert_cmpstr (wrapped.last_body, ==, last);
      /* One record is about 60 bytes; the file over 300 KB */
      g_assert_cmpuint (text->len, >, 300000);
      g_assert_cmpuint (peak, <, 100);
      g_free (wrapped.last_body);
    }

  /* A record with text of its own around a list: still one record,
   * parsed whole as before */
  {
    const char *record = "{\"text\": \"The wrapper is the record.\", \"items\": [{\"text\": \"Not one.\"}]}";
    gsize peak = 0;
    Wrapped wrapped = read_wrapped (record, &peak);

    g_assert_cmpuint (wrapped.n, ==, 1);
    g_assert_cmpstr (wrapped.last_body, ==, "The wrapper is the record.");
    g_assert_cmpuint (peak, ==, strlen (record));
    g_free (wrapped.last_body);
  }

  /* Something after the object: parsed whole, as json-glib reads it */
  {
    const char *trailing = "{\"articles\": [{\"text\": \"One.\"}]} {\"text\": \"Two.\"}";
    gsize peak = 0;
    Wrapped wrapped = read_wrapped (trailing, &peak);

    g_assert_cmpuint (peak, ==, strlen (trailing));
    g_free (wrapped.last_body);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus-explorer/hardening/mail/empty-html", test_mail_empty_html);
  g_test_add_func ("/corpus-explorer/hardening/mail/empty-body", test_mail_empty_body);
  g_test_add_func ("/corpus-explorer/hardening/csv/replayed-quote", test_csv_replayed_quote);
  g_test_add_func ("/corpus-explorer/hardening/json/comment-depth", test_json_comment_depth);
  g_test_add_func ("/corpus-explorer/hardening/json/salvage-comment", test_json_salvage_comment);
  g_test_add_func ("/corpus-explorer/hardening/walk/loops", test_walk_loops);
  g_test_add_func ("/corpus-explorer/hardening/walk/cancel", test_walk_cancel);
  g_test_add_func ("/corpus-explorer/hardening/store/refused-untouched", test_refused_untouched);
  g_test_add_func ("/corpus-explorer/hardening/store/checkpoint", test_checkpoint);
  g_test_add_func ("/corpus-explorer/hardening/store/read-only", test_read_only);
  g_test_add_func ("/corpus-explorer/hardening/store/read-only/subprocess", test_read_only_subprocess);
  g_test_add_func ("/corpus-explorer/hardening/store/damaged", test_damaged);
  g_test_add_func ("/corpus-explorer/hardening/store/disk-full", test_disk_full);
  g_test_add_func ("/corpus-explorer/hardening/store/second-import-waits", test_second_import_waits);
  g_test_add_func ("/corpus-explorer/hardening/huge/line", test_huge_line);
  g_test_add_func ("/corpus-explorer/hardening/huge/json-list", test_json_list_streamed);
  g_test_add_func ("/corpus-explorer/hardening/huge/json-wrapped", test_json_wrapped_streamed);

  return g_test_run ();
}
