/* test-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the corpus-explorer binary as a script would, with no display.
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "ce-test-util.h"

static char *tmp_dir;
static char *sample_corpus;

/* Every run starts in the test's folder */
#define run_cli(run, ...) ce_test_run_cli ((run), tmp_dir, __VA_ARGS__)

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n';

  return n;
}

static void
test_help_and_version (void)
{
  CeTestRun run = { 0 };

  run_cli (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Usage:"));
  for (const char * const *c = (const char * const[]) { "import", "docs", "show", "stats", NULL }; *c; c++)
    g_assert_nonnull (strstr (run.out, *c));
  ce_test_run_clear (&run);

  run_cli (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "corpus-explorer " PACKAGE_VERSION "\n");
  ce_test_run_clear (&run);

  run_cli (&run, "import", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--into"));
  g_assert_nonnull (strstr (run.out, "--split"));
  ce_test_run_clear (&run);

  run_cli (&run, "help", "stats", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--json"));
  ce_test_run_clear (&run);
}

static void
test_import_and_read (void)
{
  g_autofree char *jsonl = ce_test_sample_path ("sample.jsonl");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *stats;
  CeTestRun run = { 0 };
  gint64 documents;

  run_cli (&run, "import", "--json", "--into", sample_corpus, jsonl, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);
  documents = json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)),
                                          "documents_added");
  g_assert_cmpint (documents, >=, 40);
  ce_test_run_clear (&run);

  /* Again: nothing new, and still a success */
  run_cli (&run, "import", "--into", sample_corpus, jsonl, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Imported 0 documents from 1 file"));
  g_assert_nonnull (strstr (run.out, "duplicates skipped"));
  ce_test_run_clear (&run);

  /* The corpus first, as the other commands take it: the files go into
   * it, new or not, and it is not read as one of them */
  {
    g_autofree char *first = g_build_filename (tmp_dir, "first.corpus", NULL);

    for (guint i = 0; i < 2; i++)
      {
        run_cli (&run, "import", first, jsonl, NULL);
        g_assert_cmpint (run.status, ==, 0);
        g_assert_nonnull (strstr (run.out, i == 0 ? "Imported 52 documents from 1 file into"
                                                  : "Imported 0 documents from 1 file,"));
        g_assert_nonnull (strstr (run.out, "first.corpus"));
        g_assert_null (strstr (run.out, "file skipped"));
        g_assert_null (strstr (run.err, "Skipped"));
        ce_test_run_clear (&run);
      }
  }

  run_cli (&run, "docs", sample_corpus, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_lines (run.out), ==, documents);
  g_assert_true (g_str_has_prefix (run.out, "1\t"));
  ce_test_run_clear (&run);

  run_cli (&run, "stats", "--json", sample_corpus, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  stats = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (stats, "documents"), ==, documents);
  g_assert_cmpint (json_object_get_int_member (stats, "sources"), ==, 2);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (stats, "first_date"), "2024"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (stats, "top_places")), >=, 6);
  ce_test_run_clear (&run);

  run_cli (&run, "show", sample_corpus, "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\n\n"));
  ce_test_run_clear (&run);
}

static void
test_errors (void)
{
  g_autofree char *notes = g_build_filename (tmp_dir, "notes.txt", NULL);
  g_autofree char *missing = g_build_filename (tmp_dir, "missing.corpus", NULL);
  CeTestRun run = { 0 };

  g_assert_true (g_file_set_contents (notes, "Just some notes.\n", -1, NULL));

  /* Not a corpus: refused, named, untouched */
  run_cli (&run, "stats", notes, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "notes.txt"));
  ce_test_run_clear (&run);

  run_cli (&run, "docs", missing, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "missing.corpus"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  ce_test_run_clear (&run);

  run_cli (&run, "show", sample_corpus, "zero", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "not a document id"));
  ce_test_run_clear (&run);

  run_cli (&run, "show", sample_corpus, "99999", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "No document 99999"));
  ce_test_run_clear (&run);

  run_cli (&run, "import", "--format", "pdf", notes, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "pdf"));
  ce_test_run_clear (&run);

  run_cli (&run, "import", "--split", "regex:(", notes, NULL);
  g_assert_cmpint (run.status, ==, 2);
  ce_test_run_clear (&run);

  run_cli (&run, "docs", NULL);
  g_assert_cmpint (run.status, ==, 2);
  ce_test_run_clear (&run);

  /* Nothing importable at all is the one failing import */
  run_cli (&run, "import", "--into", missing, missing, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "Skipped"));
  ce_test_run_clear (&run);
}

/* Mail: the thread in docs --json, and --quoted on search, counts and chart */
static void
test_mail (void)
{
  g_autofree char *mbox = g_build_filename (CE_TEST_SOURCE_DIR, "tests", "fixtures", "mail",
                                            "quoting.mbox", NULL);
  g_autofree char *corpus = g_build_filename (tmp_dir, "mail.corpus", NULL);
  g_autofree char *csv = g_build_filename (tmp_dir, "mail-chart.csv", NULL);
  g_autofree char *chart = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *docs;
  CeTestRun run = { 0 };

  run_cli (&run, "import", "--into", corpus, mbox, NULL);
  g_assert_cmpint (run.status, ==, 0);
  ce_test_run_clear (&run);

  run_cli (&run, "docs", corpus, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);
  docs = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (docs), ==, 6);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (docs, i), "thread"),
                     ==, "crew-root@example.org");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (docs, 5), "thread"),
                   ==, "keeper@example.org");
  ce_test_run_clear (&run);

  /* "Gazette" is only in a signature and a quote of it */
  run_cli (&run, "search", corpus, "gazette", "--count", NULL);
  g_assert_cmpstr (run.out, ==, "0\n");
  ce_test_run_clear (&run);
  run_cli (&run, "search", corpus, "gazette", "--count", "--quoted", "include", NULL);
  g_assert_cmpstr (run.out, ==, "2\n");
  ce_test_run_clear (&run);
  run_cli (&run, "search", corpus, "gazette", "--count", "--quoted", "exclude", NULL);
  g_assert_cmpstr (run.out, ==, "0\n");
  ce_test_run_clear (&run);

  run_cli (&run, "counts", corpus, "--topic", "Budget=budget", "--by", "source", "--csv",
           "--quoted", "include", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, ",2\n"));
  ce_test_run_clear (&run);
  run_cli (&run, "counts", corpus, "--topic", "Budget=budget", "--by", "source", "--csv",
           "--quoted", "exclude", NULL);
  g_assert_nonnull (strstr (run.out, ",1\n"));
  ce_test_run_clear (&run);

  run_cli (&run, "chart", corpus, "--topic", "Budget=budget", "--by", "source",
           "--quoted", "include", "--csv", csv, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (csv, &chart, NULL, NULL));
  g_assert_nonnull (strstr (chart, ",2"));
  ce_test_run_clear (&run);

  run_cli (&run, "search", corpus, "gazette", "--quoted", "sometimes", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "include or exclude"));
  ce_test_run_clear (&run);
}

/* search --unique lists one document per story, as copies:one does;
 * counts --unique counts the representatives only; importing the same
 * files again adds nothing */
static void
test_search_unique (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "copies", NULL);
  g_autofree char *corpus = g_build_filename (tmp_dir, "copies.corpus", NULL);
  const char *story = "Dock workers voted on Tuesday to end a two-week strike that closed the "
                      "port and left dozens of ships waiting at anchor outside the harbour wall. "
                      "The union said the new contract met its main demands on pay and hours.";
  CeTestRun run = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s/wire-%u.txt", dir, i);
      g_autofree char *text = g_strdup_printf ("Strike over, edition %u\n\n%s%s\n", i, story,
                                               i == 2 ? " Ships began to move on Wednesday." : "");

      g_assert_true (g_file_set_contents (name, text, -1, NULL));
    }

  run_cli (&run, "import", "--keep-duplicates", "--into", corpus, dir, NULL);
  g_assert_cmpint (run.status, ==, 0);
  ce_test_run_clear (&run);

  run_cli (&run, "search", corpus, "strike", "--count", NULL);
  g_assert_cmpstr (run.out, ==, "3\n");
  ce_test_run_clear (&run);

  run_cli (&run, "search", corpus, "strike", "--count", "--unique", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "1\n");
  ce_test_run_clear (&run);

  run_cli (&run, "search", corpus, "strike -copies:one", "--count", NULL);
  g_assert_cmpstr (run.out, ==, "2\n");
  ce_test_run_clear (&run);

  run_cli (&run, "search", corpus, "strike", "--unique", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_lines (run.out), ==, 1);
  g_assert_true (g_str_has_prefix (run.out, "1\t"));
  ce_test_run_clear (&run);

  /* Every copy counted: the three documents; each story once: the
   * representative's row only, with its own count */
  run_cli (&run, "counts", corpus, "--topic", "Port=port, ships", "--by", "document", "--csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_lines (run.out), ==, 4);
  ce_test_run_clear (&run);
  run_cli (&run, "counts", corpus, "--topic", "Port=port, ships", "--by", "document", "--csv",
           "--unique", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_lines (run.out), ==, 2);
  g_assert_nonnull (strstr (run.out, "edition 0"));
  g_assert_nonnull (strstr (run.out, ",2\n"));
  ce_test_run_clear (&run);

  run_cli (&run, "import", "--keep-duplicates", "--into", corpus, dir, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Imported 0 documents"));
  ce_test_run_clear (&run);
  run_cli (&run, "search", corpus, "strike", "--count", NULL);
  g_assert_cmpstr (run.out, ==, "3\n");
  ce_test_run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = ce_test_make_dir ("ce-cli");
  sample_corpus = g_build_filename (tmp_dir, "sample.corpus", NULL);

  g_test_add_func ("/corpus-explorer/cli/help-and-version", test_help_and_version);
  g_test_add_func ("/corpus-explorer/cli/import-and-read", test_import_and_read);
  g_test_add_func ("/corpus-explorer/cli/errors", test_errors);
  g_test_add_func ("/corpus-explorer/cli/mail", test_mail);
  g_test_add_func ("/corpus-explorer/cli/search-unique", test_search_unique);

  ret = g_test_run ();

  ret |= !ce_test_remove_tree (tmp_dir);

  return ret;
}
