/* test-chart-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CSV, SVG, PDF and PNG exports of a chart.
 */

#include "config.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <locale.h>
#include <string.h>

#include "ce-chart-export.h"
#include "ce-chart-model.h"
#include "ce-plot.h"
#include "ce-test-chart.h"

/* Export ------------------------------------------------------------------ */

static void
test_csv (void)
{
  g_autoptr(CeChartModel) model = ce_chart_model_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = g_build_filename (ce_test_chart_output_dir (), "chart.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autofree char *old_locale = g_strdup (setlocale (LC_NUMERIC, NULL));
  const char *expected =
    "category,China,\"Trade, tariffs\",\"The \"\"West\"\"\"\n"
    "Beijing,412,0.1,1e+20\n"
    "\"Washington, D.C.\",,2.5,-3\n"
    "Zürich,0.30000000000000004,1234567.875,\n";

  ce_chart_model_add_series (model, "China", NULL);
  ce_chart_model_add_series (model, "Trade, tariffs", NULL);
  ce_chart_model_add_series (model, "Hidden", NULL);
  ce_chart_model_add_series (model, "The \"West\"", NULL);
  ce_chart_model_set_series_visible (model, 2, FALSE);

  ce_chart_model_add_category (model, "Beijing");
  ce_chart_model_add_category (model, "Washington, D.C.");
  ce_chart_model_add_category (model, "Zürich");

  ce_chart_model_set_value (model, 0, 0, 412);
  ce_chart_model_set_value (model, 1, 0, 0.1);
  ce_chart_model_set_value (model, 3, 0, 1e20);
  ce_chart_model_set_value (model, 1, 1, 2.5);
  ce_chart_model_set_value (model, 3, 1, -3);
  ce_chart_model_set_value (model, 0, 2, 0.1 + 0.2);
  ce_chart_model_set_value (model, 1, 2, 1234567.875);
  ce_chart_model_set_value (model, 2, 2, 99);

  /* A comma decimal locale must not leak into the file. */
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    setlocale (LC_NUMERIC, "fr_FR.UTF-8");

  text = ce_chart_export_csv_to_string (model);
  g_assert_cmpstr (text, ==, expected);

  g_assert_true (ce_chart_export_csv (model, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);

  stream = g_memory_output_stream_new_resizable ();
  g_assert_true (ce_chart_export_csv_to_stream (model, stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  g_assert_cmpmem (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                   g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)),
                   expected, strlen (expected));

  setlocale (LC_NUMERIC, old_locale);

  /* A directory that is not there: an error naming the file. */
  {
    g_autofree char *bad = g_build_filename (ce_test_chart_output_dir (), "missing", "chart.csv", NULL);

    g_assert_false (ce_chart_export_csv (model, bad, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "chart.csv"));
  }
}

static void
test_csv_dispersion (void)
{
  g_autoptr(CeChartModel) model = ce_chart_model_new ();
  g_autofree char *text = NULL;

  ce_chart_model_add_series (model, "China", NULL);
  ce_chart_model_add_document (model, "Talks, day 1", 120);
  ce_chart_model_add_mention (model, 0, 0, 7);
  ce_chart_model_add_mention (model, 0, 0, 99.5);

  text = ce_chart_export_csv_to_string (model);
  g_assert_cmpstr (text, ==,
                   "document,length,topic,position\n"
                   "\"Talks, day 1\",120,China,7\n"
                   "\"Talks, day 1\",120,China,99.5\n");
}

static void
test_vector_exports (void)
{
  g_autoptr(CeChartModel) model = ce_test_chart_places_model ();
  g_autoptr(CePlot) plot = ce_test_chart_plot (model, CE_PLOT_BARS, CE_PLOT_THEME_LIGHT);
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = g_build_filename (ce_test_chart_output_dir (), "chart-bars.svg", NULL);
  g_autofree char *pdf = g_build_filename (ce_test_chart_output_dir (), "chart-bars.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  xmlDocPtr doc;
  xmlNodePtr root;

  g_assert_true (ce_chart_export_svg (plot, svg, CE_TEST_CHART_WIDTH, CE_TEST_CHART_HEIGHT, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 5000);
  doc = xmlReadMemory (contents, (int)length, "chart.svg", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  g_assert_nonnull (root);
  g_assert_cmpstr ((const char *)root->name, ==, "svg");
  xmlFreeDoc (doc);
  g_clear_pointer (&contents, g_free);

  g_assert_true (ce_chart_export_pdf (plot, pdf, CE_TEST_CHART_WIDTH, CE_TEST_CHART_HEIGHT, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 5000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* A complete file: the trailer is there (the body holds binary streams). */
  g_assert_nonnull (g_strstr_len (contents + length - 16, 16, "%%EOF"));

  g_assert_false (ce_chart_export_pdf (plot, "/nonexistent-dir/chart.pdf", CE_TEST_CHART_WIDTH, CE_TEST_CHART_HEIGHT, FALSE, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "chart.pdf"));
}

static void
test_png_scale_and_bytes (void)
{
  g_autoptr(CeChartModel) model = ce_test_chart_places_model ();
  g_autoptr(CePlot) plot = ce_test_chart_plot (model, CE_PLOT_BARS, CE_PLOT_THEME_LIGHT);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) clear = NULL;
  cairo_surface_t *surface;
  cairo_rectangle_t rect;
  cairo_rectangle_t after;
  const guint8 *data;
  gsize size;

  surface = ce_test_chart_draw (plot);
  cairo_surface_destroy (surface);
  g_assert_true (ce_plot_get_bar_rect (plot, 0, 0, &rect));

  bytes = ce_chart_render_png_bytes (plot, 300, 200, 2, FALSE, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);
  g_assert_cmpuint (size, >, 8);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);

  surface = ce_test_chart_load_png_bytes (bytes);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 600);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 400);
  /* Opaque white corner. */
  g_assert_cmphex (*(guint32 *)(gpointer)cairo_image_surface_get_data (surface), ==, 0xffffffff);
  cairo_surface_destroy (surface);

  clear = ce_chart_render_png_bytes (plot, 300, 200, 1, TRUE, &error);
  g_assert_no_error (error);
  surface = ce_test_chart_load_png_bytes (clear);
  g_assert_cmphex (*(guint32 *)(gpointer)cairo_image_surface_get_data (surface), ==, 0);
  cairo_surface_destroy (surface);

  /* Exporting at another size leaves the on-screen layout alone. */
  g_assert_true (ce_plot_get_bar_rect (plot, 0, 0, &after));
  g_assert_cmpfloat (after.x, ==, rect.x);
  g_assert_cmpfloat (after.height, ==, rect.height);

  g_assert_null (ce_chart_render_png_bytes (plot, 0, 200, 1, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus-explorer/chart/export/csv", test_csv);
  g_test_add_func ("/corpus-explorer/chart/export/csv-dispersion", test_csv_dispersion);
  g_test_add_func ("/corpus-explorer/chart/export/svg-pdf", test_vector_exports);
  g_test_add_func ("/corpus-explorer/chart/export/png", test_png_scale_and_bytes);

  return g_test_run ();
}
