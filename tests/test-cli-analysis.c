/* test-cli-analysis.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The concordance, keywords, collocates, n-grams and co-occurrence
 * commands on the sample corpus, run as a script would.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "ce-test-util.h"

static char *tmp_dir;
static char *sample_corpus;

#define run_cli(run, ...) ce_test_run_cli ((run), tmp_dir, __VA_ARGS__)

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static guint
count_rows (const char *csv)
{
  guint n = 0;

  for (const char *p = csv; (p = strstr (p, "\r\n")) != NULL; p += 2)
    n++;

  return n;
}

static void
setup_sample (void)
{
  g_autofree char *jsonl = ce_test_sample_path ("sample.jsonl");
  CeTestRun run = { 0 };

  run_cli (&run, "import", "--into", sample_corpus, jsonl, NULL);
  g_assert_cmpint (run.status, ==, 0);
  ce_test_run_clear (&run);
}

/* The documents of the lines of a `contexts --json`, in order */
static char *
line_docs (const char *json)
{
  g_autoptr(JsonNode) root = parse_json (json);
  JsonArray *lines = json_object_get_array_member (json_node_get_object (root), "lines");
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);

      g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "",
                              json_object_get_int_member (line, "doc_id"));
    }

  return g_string_free (out, FALSE);
}

static void
test_contexts (void)
{
  CeTestRun run = { 0 };
  g_autofree char *docs = NULL;

  /* In corpus order: 6 12 15 16 32 32 47.  By the first word right:
   * arrived (near, then shortly), barrier, had, of, with, zone */
  run_cli (&run, "contexts", sample_corpus, "\"storm surge\"", "--sort", "1R", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  docs = line_docs (run.out);
  g_assert_cmpstr (docs, ==, "15 32 47 16 32 6 12");
  ce_test_run_clear (&run);
  g_clear_pointer (&docs, g_free);

  run_cli (&run, "contexts", sample_corpus, "\"storm surge\"", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  docs = line_docs (run.out);
  g_assert_cmpstr (docs, ==, "6 12 15 16 32 32 47");
  ce_test_run_clear (&run);
  g_clear_pointer (&docs, g_free);

  /* By the first word left (a four times, the three times), then the
   * second: and, for, in, stop; area, where, where; then the third:
   * bay before houses */
  run_cli (&run, "contexts", sample_corpus, "\"storm surge\"", "--sort", "1l", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  docs = line_docs (run.out);
  g_assert_cmpstr (docs, ==, "32 47 12 6 15 32 16");
  ce_test_run_clear (&run);
  g_clear_pointer (&docs, g_free);

  run_cli (&run, "contexts", sample_corpus, "\"storm surge\"", "--filter", "Barrier", "--width", "25", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "      design study for a   storm surge   barrier and raised        [47]\n");
  ce_test_run_clear (&run);

  run_cli (&run, "contexts", sample_corpus, "\"storm surge\"", "--csv", "--limit", "2", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "doc_id,date,title,left,match,right,start,end\r\n6,"));
  g_assert_cmpuint (count_rows (run.out), ==, 3);
  ce_test_run_clear (&run);

  run_cli (&run, "contexts", sample_corpus, "storm", "--sort", "4L", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "4L"));
  ce_test_run_clear (&run);

  run_cli (&run, "contexts", sample_corpus, NULL);
  g_assert_cmpint (run.status, ==, 2);
  ce_test_run_clear (&run);
}

static void
test_keywords (void)
{
  CeTestRun run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *keywords;
  g_auto(GStrv) lines = NULL;

  run_cli (&run, "keywords", sample_corpus, "--target", "cyclone OR typhoon", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (object, "target_docs"), ==, 14);
  g_assert_cmpint (json_object_get_int_member (object, "reference_docs"), ==, 38);
  keywords = json_object_get_array_member (object, "keywords");
  g_assert_cmpuint (json_array_get_length (keywords), >, 5);
  /* The word the target was picked by leads: in 20 places, none outside */
  object = json_array_get_object_element (keywords, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "word"), ==, "cyclone");
  g_assert_cmpint (json_object_get_int_member (object, "target_count"), ==, 20);
  g_assert_cmpint (json_object_get_int_member (object, "reference_count"), ==, 0);
  ce_test_run_clear (&run);

  /* One row per word, the word first */
  run_cli (&run, "keywords", sample_corpus, "--target", "cyclone OR typhoon", "--top", "3",
           "--sort", "ratio", "--stopwords", "--csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[0], ==, "word,target_count,reference_count,target_docs,log_likelihood,log_ratio");
  g_assert_true (g_str_has_prefix (lines[1], "cyclone,20,0,"));
  ce_test_run_clear (&run);

  run_cli (&run, "keywords", sample_corpus, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--target"));
  ce_test_run_clear (&run);

  run_cli (&run, "keywords", sample_corpus, "--target", "date:1990", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "no words"));
  ce_test_run_clear (&run);
}

static void
test_collocates_ngrams_cooccurrence (void)
{
  CeTestRun run = { 0 };
  g_auto(GStrv) lines = NULL;

  /* "storm" is most often followed by "surge": 7 times */
  run_cli (&run, "collocates", sample_corpus, "storm", "--stopwords", "--top", "1", "--csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "word,count,docs,corpus_count,mi,log_likelihood,log_dice");
  g_assert_true (g_str_has_prefix (lines[1], "surge,7,"));
  g_clear_pointer (&lines, g_strfreev);
  ce_test_run_clear (&run);

  run_cli (&run, "collocates", sample_corpus, "--topic", "S=cyclone,typhoon", "--sort", "logdice",
           "--top", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "tavita\t9\t"));
  ce_test_run_clear (&run);

  run_cli (&run, "collocates", sample_corpus, "storm", "--window", "99", NULL);
  g_assert_cmpint (run.status, ==, 2);
  ce_test_run_clear (&run);

  run_cli (&run, "ngrams", sample_corpus, "--n", "3..4", "--top", "2", "--query", "storm", "--csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "ngram,n,count,docs\r\nin kessel bay,3,8,5\r\n"
                                "post tropical storm bexley,4,6,5\r\n");
  ce_test_run_clear (&run);

  run_cli (&run, "ngrams", sample_corpus, "--n", "6", NULL);
  g_assert_cmpint (run.status, ==, 2);
  ce_test_run_clear (&run);

  run_cli (&run, "cooccurrence", sample_corpus, "--topic", "Storm=cyclone,typhoon,storm",
           "--topic", "Money=budget,insurance", "--csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "topic_a,topic_b,docs_a,docs_b,docs_both,jaccard,pmi\r\n"
                                            "Storm,Money,"));
  g_assert_nonnull (strstr (run.out, ",7,0.333333,"));
  ce_test_run_clear (&run);

  run_cli (&run, "cooccurrence", sample_corpus, "--topic", "Storm=storm", NULL);
  g_assert_cmpint (run.status, ==, 2);
  ce_test_run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = ce_test_make_dir ("ce-cli-analysis");
  sample_corpus = g_build_filename (tmp_dir, "sample.corpus", NULL);
  setup_sample ();

  g_test_add_func ("/corpus-explorer/cli-analysis/contexts", test_contexts);
  g_test_add_func ("/corpus-explorer/cli-analysis/keywords", test_keywords);
  g_test_add_func ("/corpus-explorer/cli-analysis/collocates-ngrams-cooccurrence",
                   test_collocates_ngrams_cooccurrence);

  ret = g_test_run ();

  ret |= !ce_test_remove_tree (tmp_dir);

  return ret;
}
