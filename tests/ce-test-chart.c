/* ce-test-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Models, plots and reference images shared by the chart test programs.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "ce-chart-export.h"
#include "ce-test-chart.h"
#include "ce-topic.h"

/* Reproducible text: one installed family, whatever fontconfig prefers. */
#define TEST_FONT "DejaVu Sans"

const char *
ce_test_chart_output_dir (void)
{
  static char *output_dir;

  if (output_dir == NULL)
    {
      output_dir = g_build_filename (g_test_get_dir (G_TEST_BUILT), "chart-output", NULL);
      g_mkdir_with_parents (output_dir, 0755);
    }

  return output_dir;
}

double
ce_test_chart_random (guint32 *state)
{
  *state = *state * 1664525u + 1013904223u;
  return (*state >> 8) / (double)(1 << 24);
}

guint32
ce_test_chart_julian (int year,
                      int month,
                      int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return g_date_get_julian (&date);
}

/* A model with the three topics the fixtures show */
static CeChartModel *
three_topics_model (const char *title,
                    const char *subtitle,
                    const char *source)
{
  CeChartModel *model = ce_chart_model_new ();

  ce_chart_model_set_title (model, title);
  if (subtitle != NULL)
    ce_chart_model_set_subtitle (model, subtitle);
  ce_chart_model_set_source (model, source);
  ce_chart_model_add_series (model, "China", NULL);
  ce_chart_model_add_series (model, "Russia", NULL);
  ce_chart_model_add_series (model, "Climate", NULL);

  return model;
}

CeChartModel *
ce_test_chart_places_model (void)
{
  static const char *places[] = { "Beijing", "Moscow", "Washington", "Brussels",
                                  "London", "Geneva", "Tokyo" };
  static const double values[3][7] = {
    { 412, 35, 188, 64, 71, 22, 143 },
    { 28, 367, 154, 97, 83, 41, 19 },
    { 96, 44, 131, 176, 58, 212, 87 },
  };
  CeChartModel *model = three_topics_model ("Who is mentioned where",
                                            "Mentions of each topic by dateline, 2022–2023",
                                            "Source: Corpus Explorer · 2,481 news articles");

  ce_chart_model_set_x_title (model, "Place (dateline)");
  ce_chart_model_set_measure (model, CE_CHART_MEASURE_MENTIONS);

  for (guint c = 0; c < G_N_ELEMENTS (places); c++)
    {
      ce_chart_model_add_category (model, places[c]);
      for (guint s = 0; s < 3; s++)
        ce_chart_model_set_value (model, s, c, values[s][c]);
    }

  return model;
}

/* Monthly buckets 2022-01 .. 2023-12, with March 2023 missing altogether and
 * China without data in August and September 2022. */
CeChartModel *
ce_test_chart_months_model (void)
{
  CeChartModel *model = three_topics_model ("Mentions over time", "Per 10,000 words, by month",
                                            "Source: Corpus Explorer · 2,481 news articles");

  ce_chart_model_set_measure (model, CE_CHART_MEASURE_MENTIONS_PER_10K);

  for (int i = 0; i < 24; i++)
    {
      int year = 2022 + i / 12;
      int month = 1 + i % 12;
      g_autofree char *label = g_strdup_printf ("%d-%02d", year, month);
      guint c;

      if (year == 2023 && month == 3)
        continue;

      c = ce_chart_model_add_category (model, label);
      ce_chart_model_set_category_dates (model, c, ce_test_chart_julian (year, month, 1),
                                         month == 12 ? ce_test_chart_julian (year + 1, 1, 1)
                                                     : ce_test_chart_julian (year, month + 1, 1));
      ce_chart_model_set_value (model, 0, c, 12 + 5 * sin (i / 3.0) + i * 0.3);
      ce_chart_model_set_value (model, 1, c, i < 2 ? 3 : 9 + 14 * exp (-(i - 4) * (i - 4) / 18.0));
      ce_chart_model_set_value (model, 2, c, 6 + 3 * cos (i / 2.0));
      if (year == 2022 && (month == 8 || month == 9))
        ce_chart_model_set_value (model, 0, c, NAN);
    }

  return model;
}

CeChartModel *
ce_test_chart_dispersion_model (void)
{
  static const char *titles[] = {
    "2023-03-14 Beijing: trade talks stall",
    "2023-03-15 Moscow: grain deal extended",
    "2023-03-17 Geneva: climate fund pledges",
    "2023-03-20 Washington: chip export rules",
    "2023-03-21 Brussels: sanctions package",
    "2023-03-24 Tokyo: summit communiqué",
    "2023-03-27 London: energy prices ease",
    "2023-03-30 Beijing: envoy visits Kyiv",
  };
  CeChartModel *model = three_topics_model ("Where in each article the topics come up", NULL,
                                            "Source: Corpus Explorer · 8 articles, March 2023");
  guint32 random = 7;

  for (guint r = 0; r < G_N_ELEMENTS (titles); r++)
    {
      double length = 400 + 1200 * ce_test_chart_random (&random);
      guint row = ce_chart_model_add_document (model, titles[r], length);

      for (guint s = 0; s < 3; s++)
        {
          guint n = (guint)(ce_test_chart_random (&random) * 9);

          for (guint i = 0; i < n; i++)
            ce_chart_model_add_mention (model, row, s, length * ce_test_chart_random (&random));
        }
    }

  return model;
}

CePlot *
ce_test_chart_plot (CeChartModel *model,
                    CePlotKind    kind,
                    CePlotTheme   theme)
{
  CePlot *plot = ce_plot_new (model, kind);

  ce_plot_set_font_family (plot, TEST_FONT);
  ce_plot_set_theme (plot, theme);

  return plot;
}

cairo_surface_t *
ce_test_chart_load_png_bytes (GBytes *bytes)
{
  g_autofree char *path = g_build_filename (ce_test_chart_output_dir (), "load.png", NULL);
  cairo_surface_t *surface;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), NULL));
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);

  return surface;
}

void
ce_test_chart_compare_reference (CePlot     *plot,
                                 const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strdup_printf ("chart-%s.png", name);
  g_autofree char *actual = g_build_filename (ce_test_chart_output_dir (), file, NULL);
  g_autofree char *reference = g_build_filename (CE_TEST_SOURCE_DIR, "tests", "reference", file, NULL);
  cairo_surface_t *a;
  cairo_surface_t *b;
  guint64 total_diff = 0;
  guint64 big_diffs = 0;
  int w, h;
  double mean;
  double big_share;

  g_assert_true (ce_chart_export_png (plot, actual, CE_TEST_CHART_WIDTH, CE_TEST_CHART_HEIGHT, 1, FALSE, &error));
  g_assert_no_error (error);

  if (g_strcmp0 (g_getenv ("CE_UPDATE_REFERENCES"), "1") == 0)
    {
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (actual, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (reference, contents, length, &error));
      g_test_message ("updated %s", reference);
      return;
    }

  if (!g_file_test (reference, G_FILE_TEST_EXISTS))
    {
      g_test_message ("missing reference %s; run with CE_UPDATE_REFERENCES=1", reference);
      g_test_fail ();
      return;
    }

  a = cairo_image_surface_create_from_png (actual);
  b = cairo_image_surface_create_from_png (reference);
  g_assert_cmpint (cairo_surface_status (a), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_surface_status (b), ==, CAIRO_STATUS_SUCCESS);

  w = cairo_image_surface_get_width (a);
  h = cairo_image_surface_get_height (a);
  g_assert_cmpint (w, ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (h, ==, cairo_image_surface_get_height (b));

  for (int y = 0; y < h; y++)
    {
      const guint8 *ra = cairo_image_surface_get_data (a) + y * cairo_image_surface_get_stride (a);
      const guint8 *rb = cairo_image_surface_get_data (b) + y * cairo_image_surface_get_stride (b);

      for (int x = 0; x < w * 4; x += 4)
        {
          int worst = 0;

          for (int ch = 0; ch < 4; ch++)
            {
              int diff = ABS ((int)ra[x + ch] - (int)rb[x + ch]);

              total_diff += diff;
              worst = MAX (worst, diff);
            }
          if (worst > 64)
            big_diffs++;
        }
    }

  mean = total_diff / (4.0 * w * h);
  big_share = big_diffs / (double)(w * h);
  g_test_message ("%s: mean difference %.3f, %.3f%% pixels differ by more than 64",
                  name, mean, big_share * 100);

  if (mean >= 2 || big_share >= 0.01)
    {
      g_test_message ("%s differs from %s; if the change is intended, run with "
                      "CE_UPDATE_REFERENCES=1", actual, reference);
      g_test_fail ();
    }

  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

cairo_surface_t *
ce_test_chart_draw (CePlot *plot)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, CE_TEST_CHART_WIDTH, CE_TEST_CHART_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  CeColor fg;
  CeColor bg;

  ce_plot_get_theme_colors (plot, &fg, &bg);
  cairo_set_source_rgb (cr, bg.red, bg.green, bg.blue);
  cairo_paint (cr);
  ce_plot_draw (plot, cr, CE_TEST_CHART_WIDTH, CE_TEST_CHART_HEIGHT, &fg);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}
