/* test-cli-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs `corpus-explorer chart` as a script would, with no display.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <string.h>

#include "ce-test-util.h"

#define TRADE "Trade=trade,tariff*"
#define CLIMATE "Climate=climate,storm*,cyclone*,flood*"

static char *tmp_dir;
static char *sample_corpus;

/* Every run starts in the test's folder */
#define run_cli(run, ...) ce_test_run_cli ((run), tmp_dir, __VA_ARGS__)

static char *
temp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static void
import_sample (void)
{
  g_autofree char *jsonl = ce_test_sample_path ("sample.jsonl");
  CeTestRun run = { 0 };

  if (g_file_test (sample_corpus, G_FILE_TEST_EXISTS))
    return;

  run_cli (&run, "import", "--into", sample_corpus, jsonl, NULL);
  g_assert_cmpint (run.status, ==, 0);
  ce_test_run_clear (&run);
}

static void
test_csv_equals_counts (void)
{
  static const char * const groupings[] = { "month", "place", "document", "quarter", "date" };
  static const char * const measures[] = { "mentions", "per10k", "docs", "share" };

  import_sample ();

  for (guint g = 0; g < G_N_ELEMENTS (groupings); g++)
    for (guint m = 0; m < G_N_ELEMENTS (measures); m++)
      {
        CeTestRun counts = { 0 };
        CeTestRun chart = { 0 };

        run_cli (&counts, "counts", sample_corpus, "--topic", TRADE, "--topic", CLIMATE,
                 "--by", groupings[g], "--measure", measures[m], "--csv", NULL);
        g_assert_cmpint (counts.status, ==, 0);

        run_cli (&chart, "chart", sample_corpus, "--topic", TRADE, "--topic", CLIMATE,
                 "--by", groupings[g], "--measure", measures[m], "--csv", "-", NULL);
        g_assert_cmpint (chart.status, ==, 0);

        g_assert_true (g_str_has_prefix (chart.out, "category,Trade,Climate\n"));
        g_assert_cmpuint (strlen (chart.out), >, 40);
        g_assert_cmpstr (chart.out, ==, counts.out);

        ce_test_run_clear (&counts);
        ce_test_run_clear (&chart);
      }

  /* Written to a file, the same text */
  {
    g_autofree char *path = temp_path ("chart.csv");
    g_autofree char *contents = NULL;
    CeTestRun counts = { 0 };
    CeTestRun chart = { 0 };

    run_cli (&counts, "counts", sample_corpus, "-t", TRADE, "--by", "place", "--top", "4", "--csv", NULL);
    run_cli (&chart, "chart", sample_corpus, "-t", TRADE, "--by", "place", "--top", "4", "--csv", path, NULL);
    g_assert_cmpint (chart.status, ==, 0);
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, counts.out);
    g_assert_nonnull (strstr (contents, "\nOther,"));
    ce_test_run_clear (&counts);
    ce_test_run_clear (&chart);
  }
}

static void
test_query (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  CeTestRun run = { 0 };

  import_sample ();

  /* Filters of the search language restrict the counts */
  run_cli (&run, "counts", sample_corpus, "-t", TRADE, "--by", "place", "--query", "place:geneva",
           "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)),
                                               "documents"), ==, 4);
  ce_test_run_clear (&run);

  /* A query with only an exclusion, and one with words and a date */
  run_cli (&run, "counts", sample_corpus, "-t", TRADE, "--by", "year", "--query", "-storm", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)),
                                               "documents"), <, 52);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)),
                                               "documents"), >, 20);
  ce_test_run_clear (&run);

  run_cli (&run, "chart", sample_corpus, "-t", TRADE, "--by", "month", "--query", "tariff date:2025",
           "--csv", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, "2024-"));
  g_assert_nonnull (strstr (run.out, "2025-"));
  ce_test_run_clear (&run);

  /* A query that does not parse is a usage error pointing at it */
  run_cli (&run, "chart", sample_corpus, "-t", TRADE, "--query", "\"unclosed", "--csv", "-", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "invalid query"));
  g_assert_nonnull (strstr (run.err, "^"));
  ce_test_run_clear (&run);
}

static void
check_svg (const char *path)
{
  xmlDocPtr doc = xmlReadFile (path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlNodePtr root;

  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  g_assert_nonnull (root);
  g_assert_cmpstr ((const char *)root->name, ==, "svg");
  xmlFreeDoc (doc);
}

static void
check_pdf (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpuint (length, >, 6);
  g_assert_cmpmem (contents + length - 6, 6, "%%EOF\n", 6);
}

static void
check_png (const char *path,
           guint       width,
           guint       height)
{
  g_autofree guchar *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, (char **)&contents, &length, NULL));
  g_assert_cmpuint (length, >, 33);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  /* IHDR: big-endian width and height */
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *)(gpointer)(contents + 16)), ==, width);
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *)(gpointer)(contents + 20)), ==, height);
}

static void
test_images (void)
{
  static const char * const kinds[] = { "bars", "stacked", "lines", "heatmap", "dispersion" };
  CeTestRun run = { 0 };

  import_sample ();

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *png = g_strdup_printf ("%s/%s.png", tmp_dir, kinds[k]);
      g_autofree char *svg = g_strdup_printf ("%s/%s.svg", tmp_dir, kinds[k]);
      g_autofree char *pdf = g_strdup_printf ("%s/%s.pdf", tmp_dir, kinds[k]);
      const char *by = k == 2 ? "month" : k == 4 ? "document" : "place";

      run_cli (&run, "chart", sample_corpus, "-t", TRADE, "-t", CLIMATE, "--by", by, "--kind", kinds[k],
               "--width", "900", "--height", "600", "--scale", "2", "--png", png, NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.err, ==, "");
      check_png (png, 1800, 1200);
      ce_test_run_clear (&run);

      run_cli (&run, "chart", sample_corpus, "-t", TRADE, "-t", CLIMATE, "--by", by, "--kind", kinds[k],
               "--title", "Ports & <Storms>", "--svg", svg, NULL);
      g_assert_cmpint (run.status, ==, 0);
      check_svg (svg);
      ce_test_run_clear (&run);

      run_cli (&run, "chart", sample_corpus, "-t", TRADE, "-t", CLIMATE, "--by", by, "--kind", kinds[k],
               "--transparent", "--pdf", pdf, NULL);
      g_assert_cmpint (run.status, ==, 0);
      check_pdf (pdf);
      ce_test_run_clear (&run);
    }
}

static void
test_errors (void)
{
  g_autofree char *png = temp_path ("never.png");
  CeTestRun run = { 0 };

  import_sample ();

  run_cli (&run, "chart", sample_corpus, "-t", TRADE, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--png"));
  ce_test_run_clear (&run);

  run_cli (&run, "chart", sample_corpus, "-t", TRADE, "--png", png, "--svg", png, NULL);
  g_assert_cmpint (run.status, ==, 2);
  ce_test_run_clear (&run);

  run_cli (&run, "chart", sample_corpus, "-t", TRADE, "--kind", "pie", "--png", png, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "pie"));
  ce_test_run_clear (&run);

  run_cli (&run, "chart", sample_corpus, "-t", TRADE, "--scale", "5", "--png", png, NULL);
  g_assert_cmpint (run.status, ==, 2);
  ce_test_run_clear (&run);

  run_cli (&run, "chart", sample_corpus, "-t", TRADE, "--width", "0", "--png", png, NULL);
  g_assert_cmpint (run.status, ==, 2);
  ce_test_run_clear (&run);

  run_cli (&run, "chart", sample_corpus, "-t", "Bad=\"open", "--png", png, NULL);
  g_assert_cmpint (run.status, ==, 2);
  ce_test_run_clear (&run);

  /* No stored topics and none given */
  run_cli (&run, "chart", sample_corpus, "--png", png, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "no enabled topics"));
  ce_test_run_clear (&run);

  run_cli (&run, "chart", "missing.corpus", "-t", TRADE, "--png", png, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "missing.corpus"));
  ce_test_run_clear (&run);

  /* A folder that does not exist: the error names the file */
  run_cli (&run, "chart", sample_corpus, "-t", TRADE, "--png", "no/such/dir/out.png", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "out.png"));
  ce_test_run_clear (&run);

  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));

  run_cli (&run, "chart", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  for (const char * const *option = (const char * const[]) { "--kind", "--png", "--svg", "--pdf", "--csv",
                                                             "--scale", "--query", "--top", NULL };
       *option != NULL; option++)
    g_assert_nonnull (strstr (run.out, *option));
  ce_test_run_clear (&run);
}

static double
time_chart (const char *corpus,
            const char *option,
            const char *out)
{
  gint64 start = g_get_monotonic_time ();
  CeTestRun run = { 0 };

  run_cli (&run, "chart", corpus, "-t", "Harbour=harbour", "-t", "Storm=storm*", "--by", "place",
           "--top", "0", option, out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  ce_test_run_clear (&run);

  return (g_get_monotonic_time () - start) / 1e6;
}

static void
test_many_categories (void)
{
  g_autofree char *jsonl = temp_path ("places.jsonl");
  g_autofree char *corpus = temp_path ("places.corpus");
  g_autofree char *png = temp_path ("places.png");
  g_autofree char *svg = temp_path ("places.svg");
  g_autofree char *pdf = temp_path ("places.pdf");
  g_autofree char *csv = temp_path ("places.csv");
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  double seconds;
  CeTestRun run = { 0 };

  /* 3,000 documents, each from a place of its own */
  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (text,
                            "{\"title\": \"Report %u\", \"place\": \"TOWN %04u\", \"date\": \"2024-%02u-01\", "
                            "\"text\": \"The harbour of town %u was busy.%s Boats came and went.\"}\n",
                            i, i, 1 + i % 12, i, i % 3 == 0 ? " A storm passed." : "");
  g_assert_true (g_file_set_contents (jsonl, text->str, text->len, NULL));

  run_cli (&run, "import", "--into", corpus, jsonl, NULL);
  g_assert_cmpint (run.status, ==, 0);
  ce_test_run_clear (&run);

  seconds = time_chart (corpus, "--csv", csv);
  g_test_message ("3,000 places as CSV: %.3f s", seconds);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "TOWN 2999,1,"));

  /* Counting and drawing 3,000 categories (6,000 bars); the times are
   * only reported: speed is measured by make bench, not asserted here */
  seconds = time_chart (corpus, "--png", png);
  g_test_message ("3,000 places as PNG: %.3f s", seconds);
  check_png (png, 1600, 1000);

  seconds = time_chart (corpus, "--svg", svg);
  g_test_message ("3,000 places as SVG: %.3f s", seconds);
  check_svg (svg);

  seconds = time_chart (corpus, "--pdf", pdf);
  g_test_message ("3,000 places as PDF: %.3f s", seconds);
  check_pdf (pdf);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = ce_test_make_dir ("ce-cli-chart");
  sample_corpus = g_build_filename (tmp_dir, "sample.corpus", NULL);

  g_test_add_func ("/corpus-explorer/cli-chart/csv-equals-counts", test_csv_equals_counts);
  g_test_add_func ("/corpus-explorer/cli-chart/query", test_query);
  g_test_add_func ("/corpus-explorer/cli-chart/images", test_images);
  g_test_add_func ("/corpus-explorer/cli-chart/errors", test_errors);
  g_test_add_func ("/corpus-explorer/cli-chart/many-categories", test_many_categories);

  ret = g_test_run ();

  ret |= !ce_test_remove_tree (tmp_dir);
  g_free (sample_corpus);

  return ret;
}
