/* test-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "ce-chart-count.h"
#include "ce-chart-export.h"
#include "ce-chart-model.h"
#include "ce-plot.h"
#include "ce-topic.h"

/* Reproducible text: one installed family, whatever fontconfig prefers. */
#define TEST_FONT "DejaVu Sans"
#define WIDTH 640
#define HEIGHT 400

static char *output_dir;

/* Fixtures --------------------------------------------------------------- */

static guint32 lcg_state;

static double
lcg_next (void)
{
  lcg_state = lcg_state * 1664525u + 1013904223u;
  return (lcg_state >> 8) / (double)(1 << 24);
}

static guint32
julian (int year,
        int month,
        int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return g_date_get_julian (&date);
}

static CeChartModel *
places_model (void)
{
  static const char *places[] = { "Beijing", "Moscow", "Washington", "Brussels",
                                  "London", "Geneva", "Tokyo" };
  static const double values[3][7] = {
    { 412, 35, 188, 64, 71, 22, 143 },
    { 28, 367, 154, 97, 83, 41, 19 },
    { 96, 44, 131, 176, 58, 212, 87 },
  };
  CeChartModel *model = ce_chart_model_new ();

  ce_chart_model_set_title (model, "Who is mentioned where");
  ce_chart_model_set_subtitle (model, "Mentions of each topic by dateline, 2022–2023");
  ce_chart_model_set_source (model, "Source: Corpus Explorer · 2,481 news articles");
  ce_chart_model_set_x_title (model, "Place (dateline)");
  ce_chart_model_set_measure (model, CE_CHART_MEASURE_MENTIONS);

  ce_chart_model_add_series (model, "China", NULL);
  ce_chart_model_add_series (model, "Russia", NULL);
  ce_chart_model_add_series (model, "Climate", NULL);

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
static CeChartModel *
months_model (void)
{
  CeChartModel *model = ce_chart_model_new ();

  ce_chart_model_set_title (model, "Mentions over time");
  ce_chart_model_set_subtitle (model, "Per 10,000 words, by month");
  ce_chart_model_set_source (model, "Source: Corpus Explorer · 2,481 news articles");
  ce_chart_model_set_measure (model, CE_CHART_MEASURE_MENTIONS_PER_10K);

  ce_chart_model_add_series (model, "China", NULL);
  ce_chart_model_add_series (model, "Russia", NULL);
  ce_chart_model_add_series (model, "Climate", NULL);

  for (int i = 0; i < 24; i++)
    {
      int year = 2022 + i / 12;
      int month = 1 + i % 12;
      g_autofree char *label = g_strdup_printf ("%d-%02d", year, month);
      guint c;

      if (year == 2023 && month == 3)
        continue;

      c = ce_chart_model_add_category (model, label);
      ce_chart_model_set_category_dates (model, c, julian (year, month, 1),
                                         month == 12 ? julian (year + 1, 1, 1)
                                                     : julian (year, month + 1, 1));
      ce_chart_model_set_value (model, 0, c, 12 + 5 * sin (i / 3.0) + i * 0.3);
      ce_chart_model_set_value (model, 1, c, i < 2 ? 3 : 9 + 14 * exp (-(i - 4) * (i - 4) / 18.0));
      ce_chart_model_set_value (model, 2, c, 6 + 3 * cos (i / 2.0));
      if (year == 2022 && (month == 8 || month == 9))
        ce_chart_model_set_value (model, 0, c, NAN);
    }

  return model;
}

static CeChartModel *
dispersion_model (void)
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
  CeChartModel *model = ce_chart_model_new ();

  lcg_state = 7;
  ce_chart_model_set_title (model, "Where in each article the topics come up");
  ce_chart_model_set_source (model, "Source: Corpus Explorer · 8 articles, March 2023");

  ce_chart_model_add_series (model, "China", NULL);
  ce_chart_model_add_series (model, "Russia", NULL);
  ce_chart_model_add_series (model, "Climate", NULL);

  for (guint r = 0; r < G_N_ELEMENTS (titles); r++)
    {
      double length = 400 + 1200 * lcg_next ();
      guint row = ce_chart_model_add_document (model, titles[r], length);

      for (guint s = 0; s < 3; s++)
        {
          guint n = (guint)(lcg_next () * 9);

          for (guint i = 0; i < n; i++)
            ce_chart_model_add_mention (model, row, s, length * lcg_next ());
        }
    }

  return model;
}

static CePlot *
test_plot (CeChartModel *model,
           CePlotKind    kind,
           CePlotTheme   theme)
{
  CePlot *plot = ce_plot_new (model, kind);

  ce_plot_set_font_family (plot, TEST_FONT);
  ce_plot_set_theme (plot, theme);

  return plot;
}

/* Reference images ------------------------------------------------------- */

static cairo_surface_t *
load_png_bytes (GBytes *bytes)
{
  g_autofree char *path = g_build_filename (output_dir, "load.png", NULL);
  cairo_surface_t *surface;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), NULL));
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);

  return surface;
}

static void
compare_with_reference (CePlot     *plot,
                        const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strdup_printf ("chart-%s.png", name);
  g_autofree char *actual = g_build_filename (output_dir, file, NULL);
  g_autofree char *reference = g_build_filename (CE_TEST_SOURCE_DIR, "tests", "reference", file, NULL);
  cairo_surface_t *a;
  cairo_surface_t *b;
  guint64 total_diff = 0;
  guint64 big_diffs = 0;
  int w, h;
  double mean;
  double big_share;

  g_assert_true (ce_chart_export_png (plot, actual, WIDTH, HEIGHT, 1, FALSE, &error));
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

/* Model ------------------------------------------------------------------ */

static void
test_model_basics (void)
{
  g_autoptr(CeChartModel) model = ce_chart_model_new ();
  CeColor color;
  CeColor expected;
  guint64 generation;

  g_assert_cmpuint (ce_chart_model_add_series (model, "China", NULL), ==, 0);
  g_assert_cmpuint (ce_chart_model_add_category (model, "Beijing"), ==, 0);
  g_assert_cmpuint (ce_chart_model_add_category (model, "Tokyo"), ==, 1);
  g_assert_cmpuint (ce_chart_model_add_series (model, "Russia", NULL), ==, 1);

  /* New cells are "no data", also for series added after categories. */
  g_assert_true (isnan (ce_chart_model_get_value (model, 0, 1)));
  g_assert_true (isnan (ce_chart_model_get_value (model, 1, 0)));

  ce_chart_model_get_series_color (model, 1, &color);
  g_assert_true (ce_color_parse (&expected, ce_topic_palette_get (1)));
  g_assert_cmpfloat (color.red, ==, expected.red);
  g_assert_cmpfloat (color.blue, ==, expected.blue);

  generation = ce_chart_model_get_generation (model);
  ce_chart_model_set_value (model, 0, 0, 5);
  ce_chart_model_set_value (model, 1, 0, 7);
  ce_chart_model_set_value (model, 1, 1, INFINITY);
  g_assert_cmpuint (ce_chart_model_get_generation (model), >, generation);
  g_assert_true (isnan (ce_chart_model_get_value (model, 1, 1)));
  g_assert_cmpfloat (ce_chart_model_get_category_total (model, 0), ==, 12);

  ce_chart_model_set_series_visible (model, 1, FALSE);
  g_assert_cmpfloat (ce_chart_model_get_category_total (model, 0), ==, 5);
  g_assert_cmpuint (ce_chart_model_get_n_visible_series (model), ==, 1);

  g_assert_cmpstr (ce_chart_model_get_y_title (model), ==, "Mentions");
  ce_chart_model_set_measure (model, CE_CHART_MEASURE_SHARE);
  g_assert_true (ce_chart_model_is_percent (model));
  ce_chart_model_set_y_title (model, "Share");
  g_assert_cmpstr (ce_chart_model_get_y_title (model), ==, "Share");

  /* Dispersion rows */
  g_assert_cmpuint (ce_chart_model_add_document (model, "doc", 100), ==, 0);
  ce_chart_model_add_mention (model, 0, 1, 10);
  ce_chart_model_add_mention (model, 0, 1, 90);
  ce_chart_model_add_mention (model, 0, 1, NAN);
  {
    guint n;
    const double *positions = ce_chart_model_get_mentions (model, 0, 1, &n);

    g_assert_cmpuint (n, ==, 2);
    g_assert_cmpfloat (positions[1], ==, 90);
    g_assert_null (ce_chart_model_get_mentions (model, 0, 0, &n));
    g_assert_cmpuint (n, ==, 0);
  }
}

/* Layout ----------------------------------------------------------------- */

static void
test_nice_ticks (void)
{
  double first;
  double step;
  guint n;

  n = ce_plot_nice_ticks (0, 87, 6, &first, &step);
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpfloat (first, ==, 0);
  g_assert_cmpfloat (step, ==, 20);

  n = ce_plot_nice_ticks (0, 412, 8, &first, &step);
  g_assert_cmpfloat (step, ==, 100);
  g_assert_cmpuint (n, ==, 6);

  n = ce_plot_nice_ticks (0, 0.37, 6, &first, &step);
  g_assert_cmpfloat_with_epsilon (step, 0.1, 1e-12);
  g_assert_cmpuint (n, ==, 5);

  n = ce_plot_nice_ticks (-3, 7, 7, &first, &step);
  g_assert_cmpfloat (first, ==, -4);
  g_assert_cmpfloat (step, ==, 2);
  g_assert_cmpuint (n, ==, 7);

  /* One tick fewer allowed: the next step up. */
  n = ce_plot_nice_ticks (-3, 7, 6, &first, &step);
  g_assert_cmpfloat (first, ==, -5);
  g_assert_cmpfloat (step, ==, 5);
  g_assert_cmpuint (n, ==, 4);

  /* Nothing to show still makes an axis. */
  n = ce_plot_nice_ticks (0, 0, 5, &first, &step);
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpfloat (first, ==, 0);
  g_assert_cmpfloat (first + (n - 1) * step, >=, 1);

  n = ce_plot_nice_ticks (0, NAN, 5, &first, &step);
  g_assert_cmpuint (n, >=, 2);

  /* Every step is 1, 2 or 5 times a power of ten and ticks cover the range. */
  for (double max = 0.013; max < 1e7; max *= 1.37)
    for (guint ticks = 2; ticks <= 10; ticks++)
      {
        double mantissa;

        n = ce_plot_nice_ticks (0, max, ticks, &first, &step);
        g_assert_cmpuint (n, <=, ticks);
        g_assert_cmpfloat (first + (n - 1) * step, >=, max * (1 - 1e-9));
        mantissa = step / pow (10, floor (log10 (step) + 1e-9));
        g_assert_true (fabs (mantissa - 1) < 1e-6 || fabs (mantissa - 2) < 1e-6
                       || fabs (mantissa - 5) < 1e-6);
      }
}

/* The nicks are the names the CLI and the settings use */
static void
test_enum_nicks (void)
{
  static const char * const kinds[] = { "bars", "stacked", "lines", "heatmap", "dispersion" };
  g_autoptr(GEnumClass) kind_class = g_type_class_ref (CE_TYPE_PLOT_KIND);
  g_autoptr(GEnumClass) sort_class = g_type_class_ref (CE_TYPE_CHART_SORT);
  g_autoptr(CePlot) plot = ce_plot_new (NULL, CE_PLOT_HEATMAP);
  CePlotKind kind;

  g_assert_cmpuint (kind_class->n_values, ==, G_N_ELEMENTS (kinds));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_assert_cmpint (g_enum_get_value_by_nick (kind_class, kinds[i])->value, ==, CE_PLOT_BARS + i);

  g_assert_cmpuint (sort_class->n_values, ==, 2);
  g_assert_cmpint (g_enum_get_value_by_nick (sort_class, "value")->value, ==, CE_CATEGORY_SORT_VALUE);
  g_assert_cmpint (g_enum_get_value_by_nick (sort_class, "natural")->value, ==, CE_CATEGORY_SORT_NATURAL);
  g_assert_null (g_enum_get_value_by_nick (sort_class, "label"));

  /* Properties are typed with them */
  g_object_get (plot, "kind", &kind, NULL);
  g_assert_cmpint (kind, ==, CE_PLOT_HEATMAP);
  g_assert_true (G_PARAM_SPEC_VALUE_TYPE (g_object_class_find_property (G_OBJECT_GET_CLASS (plot), "kind"))
                 == CE_TYPE_PLOT_KIND);
}

static void
test_format_tick (void)
{
  static const struct
  {
    double value;
    double step;
    gboolean percent;
    const char *text;
  } cases[] = {
    { 0, 20, FALSE, "0" },
    { 0, 5000, FALSE, "0" },
    { 9000, 1000, FALSE, "9,000" },
    { 2500, 500, FALSE, "2,500" },
    { 20000, 5000, FALSE, "20k" },
    { 25000, 5000, FALSE, "25k" },
    { 1500000, 500000, FALSE, "1.5M" },
    { 0.5, 0.5, FALSE, "0.5" },
    { 0.2, 0.1, TRUE, "20%" },
    { 0.025, 0.005, TRUE, "2.5%" },
    { -4, 2, FALSE, "-4" },
    { 1e-17, 0.1, FALSE, "0" },
    { 0.3, 0.1, FALSE, "0.3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = ce_plot_format_tick (cases[i].value, cases[i].step, cases[i].percent);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* Numbers on axes and in tooltips are written as the user's locale writes
 * them: German groups thousands with "." and uses "," as decimal point. */
static void
test_format_locale (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autoptr(CePlot) plot = ce_plot_new (NULL, CE_PLOT_BARS);
  g_autofree char *tick = NULL;
  g_autofree char *small = NULL;
  g_autofree char *value = NULL;

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("the de_DE.UTF-8 locale is not installed");
      return;
    }

  tick = ce_plot_format_tick (9000, 1000, FALSE);
  small = ce_plot_format_tick (0.025, 0.005, TRUE);
  value = ce_plot_format_value (plot, 12345.25);
  setlocale (LC_NUMERIC, saved);

  g_assert_cmpstr (tick, ==, "9.000");
  g_assert_cmpstr (small, ==, "2,5%");
  g_assert_cmpstr (value, ==, "12.345");

  /* Back in the C locale, the labels the reference images show */
  g_clear_pointer (&tick, g_free);
  tick = ce_plot_format_tick (1500000, 500000, FALSE);
  g_assert_cmpstr (tick, ==, "1.5M");
}

/* The chart in words, for screen readers */
static void
test_describe (void)
{
  g_autoptr(CeChartModel) model = places_model ();
  g_autoptr(CePlot) plot = ce_plot_new (model, CE_PLOT_BARS);
  g_autoptr(CeChartModel) empty = ce_chart_model_new ();
  g_autofree char *text = NULL;
  g_autofree char *hidden = NULL;
  g_autofree char *nothing = NULL;

  ce_chart_model_set_y_title (model, "Mentions");
  text = ce_plot_describe (plot);
  g_assert_cmpstr (text, ==,
                   "Bar chart: Who is mentioned where. Mentions by Place (dateline) in 7 categories, "
                   "for China, Russia, Climate. Largest: China in Beijing, 412; "
                   "Russia in Moscow, 367; Climate in Geneva, 212.");

  /* A hidden topic is neither named nor among the largest */
  ce_chart_model_set_series_visible (model, 0, FALSE);
  ce_plot_set_kind (plot, CE_PLOT_HEATMAP);
  hidden = ce_plot_describe (plot);
  g_assert_true (g_str_has_prefix (hidden, "Heat map: Who is mentioned where."));
  g_assert_null (strstr (hidden, "China"));
  g_assert_nonnull (strstr (hidden, "Largest: Russia in Moscow, 367; Climate in Geneva, 212; "
                                    "Climate in Brussels, 176."));

  ce_plot_set_model (plot, empty);
  nothing = ce_plot_describe (plot);
  g_assert_cmpstr (nothing, ==, "Heat map. No data.");
}

/* Rendering ------------------------------------------------------------ */

static void
render_kind (CePlotKind   kind,
             CePlotTheme  theme,
             const char  *name)
{
  g_autoptr(CeChartModel) model = NULL;
  g_autoptr(CePlot) plot = NULL;

  if (kind == CE_PLOT_LINES)
    model = months_model ();
  else if (kind == CE_PLOT_DISPERSION)
    model = dispersion_model ();
  else
    model = places_model ();

  if (kind == CE_PLOT_STACKED)
    ce_chart_model_set_title (model, "All mentions by place");

  plot = test_plot (model, kind, theme);
  if (kind == CE_PLOT_HEATMAP && theme == CE_PLOT_THEME_DARK)
    ce_plot_set_heatmap_ramp (plot, CE_PLOT_RAMP_SEQUENTIAL);

  compare_with_reference (plot, name);
}

static void test_render_bars_light (void) { render_kind (CE_PLOT_BARS, CE_PLOT_THEME_LIGHT, "bars-light"); }
static void test_render_bars_dark (void) { render_kind (CE_PLOT_BARS, CE_PLOT_THEME_DARK, "bars-dark"); }
static void test_render_stacked_light (void) { render_kind (CE_PLOT_STACKED, CE_PLOT_THEME_LIGHT, "stacked-light"); }
static void test_render_stacked_dark (void) { render_kind (CE_PLOT_STACKED, CE_PLOT_THEME_DARK, "stacked-dark"); }
static void test_render_lines_light (void) { render_kind (CE_PLOT_LINES, CE_PLOT_THEME_LIGHT, "lines-light"); }
static void test_render_lines_dark (void) { render_kind (CE_PLOT_LINES, CE_PLOT_THEME_DARK, "lines-dark"); }
static void test_render_heatmap_light (void) { render_kind (CE_PLOT_HEATMAP, CE_PLOT_THEME_LIGHT, "heatmap-light"); }
static void test_render_heatmap_dark (void) { render_kind (CE_PLOT_HEATMAP, CE_PLOT_THEME_DARK, "heatmap-dark"); }
static void test_render_dispersion_light (void) { render_kind (CE_PLOT_DISPERSION, CE_PLOT_THEME_LIGHT, "dispersion-light"); }
static void test_render_dispersion_dark (void) { render_kind (CE_PLOT_DISPERSION, CE_PLOT_THEME_DARK, "dispersion-dark"); }

static void
test_render_empty (void)
{
  g_autoptr(CeChartModel) model = ce_chart_model_new ();
  g_autoptr(CePlot) plot = test_plot (model, CE_PLOT_BARS, CE_PLOT_THEME_LIGHT);
  g_autoptr(CeChartModel) no_categories = ce_chart_model_new ();
  g_autoptr(CePlot) plot2 = NULL;
  cairo_rectangle_t rect;
  CePlotHit hit;

  ce_chart_model_set_title (model, "Mentions by place");
  compare_with_reference (plot, "empty-topics");

  ce_chart_model_set_title (no_categories, "Mentions by place");
  ce_chart_model_add_series (no_categories, "China", NULL);
  plot2 = test_plot (no_categories, CE_PLOT_LINES, CE_PLOT_THEME_LIGHT);
  compare_with_reference (plot2, "empty-selection");

  /* Empty charts have nothing to click but the legend. */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
    cairo_t *cr = cairo_create (surface);

    ce_plot_draw (plot2, cr, WIDTH, HEIGHT, NULL);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
  g_assert_false (ce_plot_get_bar_rect (plot2, 0, 0, &rect));
  g_assert_false (ce_plot_hit_test (plot2, WIDTH / 2., HEIGHT / 2., &hit));
  g_assert_cmpint (hit.kind, ==, CE_PLOT_HIT_NONE);
}

static void
test_render_single (void)
{
  g_autoptr(CeChartModel) model = ce_chart_model_new ();
  g_autoptr(CePlot) plot = NULL;

  ce_chart_model_set_title (model, "Climate in Geneva");
  ce_chart_model_set_source (model, "Source: Corpus Explorer · 212 news articles");
  ce_chart_model_set_measure (model, CE_CHART_MEASURE_SHARE);
  ce_chart_model_add_series (model, "Climate", NULL);
  ce_chart_model_add_category (model, "Geneva");
  ce_chart_model_set_value (model, 0, 0, 0.3726);

  plot = test_plot (model, CE_PLOT_BARS, CE_PLOT_THEME_LIGHT);
  compare_with_reference (plot, "single");
}

/* A long, ragged category axis, as a grouping by document gives. */
static CeChartModel *
many_categories_model (guint n)
{
  CeChartModel *model = ce_chart_model_new ();

  lcg_state = 11;
  ce_chart_model_set_title (model, "Mentions per document");
  ce_chart_model_set_source (model, "Source: Corpus Explorer");
  ce_chart_model_add_series (model, "China", NULL);
  ce_chart_model_add_series (model, "Russia", NULL);

  for (guint c = 0; c < n; c++)
    {
      g_autofree char *label = g_strdup_printf ("Article %u about something long", c + 1);

      ce_chart_model_add_category (model, label);
      ce_chart_model_set_value (model, 0, c, floor (lcg_next () * lcg_next () * 40));
      ce_chart_model_set_value (model, 1, c, floor (lcg_next () * 12));
    }

  return model;
}

static void
test_many_categories (void)
{
  g_autoptr(CeChartModel) model = many_categories_model (3000);
  g_autoptr(CePlot) plot = test_plot (model, CE_PLOT_BARS, CE_PLOT_THEME_LIGHT);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (output_dir, "chart-3000.png", NULL);
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_rectangle_t area;
  cairo_rectangle_t rect;
  guint step;
  CePlotKind kinds[] = { CE_PLOT_BARS, CE_PLOT_STACKED, CE_PLOT_LINES, CE_PLOT_HEATMAP };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      ce_plot_set_kind (plot, kinds[k]);

      /* No bound on the time: a sanitizer build or a busy machine must not
       * fail a test of what is drawn (speed targets belong to make bench) */
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
      cr = cairo_create (surface);
      ce_plot_draw (plot, cr, WIDTH, HEIGHT, NULL);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      g_assert_true (ce_chart_export_png (plot, path, WIDTH, HEIGHT, 1, FALSE, &error));
      g_assert_no_error (error);

      /* Labels thinned to fit: no more than one per ~14 pixels. */
      g_assert_true (ce_plot_get_plot_area (plot, &area));
      step = ce_plot_get_label_step (plot);
      g_assert_cmpuint (step, >, 1);
      g_assert_cmpfloat (3000. / step, <=, area.width / 14);
      g_assert_cmpfloat (3000. / step, >=, 3);

      /* Every value still has a mark of at least one pixel. */
      if (kinds[k] != CE_PLOT_LINES)
        {
          g_assert_true (ce_plot_get_bar_rect (plot, 0, 2999, &rect));
          g_assert_cmpfloat (rect.width, >=, 1);
          g_assert_cmpfloat (rect.x + rect.width, <=, area.x + area.width + 0.5);
        }
    }

  {
    g_autofree char *look = g_build_filename (output_dir, "chart-3000-bars.png", NULL);

    ce_plot_set_kind (plot, CE_PLOT_BARS);
    g_assert_true (ce_chart_export_png (plot, look, WIDTH, HEIGHT, 1, FALSE, &error));
  }
}

/* Crowded but not aggregated: rotated labels. */
static void
test_rotated_labels (void)
{
  g_autoptr(CeChartModel) model = many_categories_model (40);
  g_autoptr(CePlot) plot = test_plot (model, CE_PLOT_STACKED, CE_PLOT_THEME_LIGHT);

  ce_chart_model_set_title (model, "Mentions in the first 40 articles");
  compare_with_reference (plot, "rotated");
}

static cairo_surface_t *
draw_to_surface (CePlot *plot)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  CeColor fg;
  CeColor bg;

  ce_plot_get_theme_colors (plot, &fg, &bg);
  cairo_set_source_rgb (cr, bg.red, bg.green, bg.blue);
  cairo_paint (cr);
  ce_plot_draw (plot, cr, WIDTH, HEIGHT, &fg);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* Twelve place names on a chart of ordinary width: each bar keeps its name
 * (tilted if need be), and a heat map's rows take the height given. */
static void
test_label_and_row_room (void)
{
  static const char *places[] = { "HALIFAX", "PORT AREN", "MANILA", "KESSEL BAY",
                                  "GENEVA", "SINGAPORE", "BRUSSELS", "LISBON",
                                  "LUXEMBOURG", "NAIROBI", "WASHINGTON", "(none)" };
  g_autoptr(CeChartModel) model = ce_chart_model_new ();
  g_autoptr(CePlot) plot = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_rectangle_t area;
  CeColor fg = { 0, 0, 0, 1 };

  ce_chart_model_set_title (model, "Places");
  ce_chart_model_add_series (model, "Storm", NULL);
  ce_chart_model_add_series (model, "Ferry", NULL);
  ce_chart_model_add_series (model, "Harbour", NULL);
  for (guint c = 0; c < G_N_ELEMENTS (places); c++)
    {
      ce_chart_model_add_category (model, places[c]);
      for (guint s = 0; s < 3; s++)
        ce_chart_model_set_value (model, s, c, (c * 7 + s * 3) % 10);
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 900, 600);
  cr = cairo_create (surface);

  plot = ce_plot_new (model, CE_PLOT_BARS);
  ce_plot_draw (plot, cr, 900, 600, &fg);
  g_assert_cmpuint (ce_plot_get_label_step (plot), ==, 1);

  ce_plot_set_kind (plot, CE_PLOT_HEATMAP);
  ce_plot_draw (plot, cr, 900, 600, &fg);
  g_assert_cmpuint (ce_plot_get_label_step (plot), ==, 1);
  g_assert_true (ce_plot_get_plot_area (plot, &area));
  /* Three rows share what the title, legend, labels and source leave */
  g_assert_cmpfloat (area.height, >, 600 * 0.5);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_hit_bars (void)
{
  g_autoptr(CeChartModel) model = places_model ();
  g_autoptr(CePlot) plot = test_plot (model, CE_PLOT_BARS, CE_PLOT_THEME_LIGHT);
  cairo_surface_t *surface;
  cairo_rectangle_t rect;
  cairo_rectangle_t other;
  CePlotHit hit;

  /* Nothing drawn yet: nothing to hit. */
  g_assert_false (ce_plot_get_bar_rect (plot, 1, 3, &rect));
  g_assert_false (ce_plot_hit_test (plot, 100, 100, &hit));

  surface = draw_to_surface (plot);

  /* Russia in Brussels (97 mentions). */
  g_assert_true (ce_plot_get_bar_rect (plot, 1, 3, &rect));
  g_assert_cmpfloat (rect.width, >, 4);
  g_assert_cmpfloat (rect.height, >, 10);
  g_assert_true (ce_plot_hit_test (plot, rect.x + rect.width / 2, rect.y + rect.height / 2, &hit));
  g_assert_cmpint (hit.kind, ==, CE_PLOT_HIT_VALUE);
  g_assert_cmpint (hit.series, ==, 1);
  g_assert_cmpint (hit.category, ==, 3);
  g_assert_cmpfloat (hit.value, ==, 97);

  /* The bar really is there, in Russia's colour. */
  {
    const guint8 *data = cairo_image_surface_get_data (surface);
    int stride = cairo_image_surface_get_stride (surface);
    int x = (int)(rect.x + rect.width / 2);
    int y = (int)(rect.y + rect.height / 2);
    guint32 pixel = *(const guint32 *)(gconstpointer)(data + y * stride + x * 4);
    CeColor color;

    ce_chart_model_get_series_color (model, 1, &color);
    g_assert_cmpint ((pixel >> 16) & 0xff, ==, (int)round (color.red * 255));
    g_assert_cmpint ((pixel >> 8) & 0xff, ==, (int)round (color.green * 255));
    g_assert_cmpint (pixel & 0xff, ==, (int)round (color.blue * 255));
  }

  /* Heights follow values: Russia in Moscow (367) is taller than in Brussels. */
  g_assert_true (ce_plot_get_bar_rect (plot, 1, 1, &other));
  g_assert_cmpfloat_with_epsilon (other.height / rect.height, 367. / 97, 0.05);
  g_assert_cmpfloat (other.y + other.height, ==, rect.y + rect.height);

  /* Above the bar: the category, no value. */
  g_assert_true (ce_plot_hit_test (plot, rect.x + rect.width / 2, rect.y - 20, &hit));
  g_assert_cmpint (hit.kind, ==, CE_PLOT_HIT_CATEGORY);
  g_assert_cmpint (hit.category, ==, 3);
  g_assert_cmpint (hit.series, ==, -1);

  /* Far outside: nothing. */
  g_assert_false (ce_plot_hit_test (plot, 2, HEIGHT - 2, &hit));

  /* Hidden series: no bar, legend entry still there, greyed. */
  ce_chart_model_set_series_visible (model, 1, FALSE);
  g_assert_false (ce_plot_get_bar_rect (plot, 1, 3, &rect)); /* stale until drawn */
  cairo_surface_destroy (surface);
  surface = draw_to_surface (plot);
  g_assert_false (ce_plot_get_bar_rect (plot, 1, 3, &rect));
  g_assert_true (ce_plot_get_bar_rect (plot, 2, 3, &rect));
  g_assert_true (ce_plot_hit_test (plot, rect.x + rect.width / 2, rect.y + rect.height - 2, &hit));
  g_assert_cmpint (hit.series, ==, 2);
  g_assert_cmpfloat (hit.value, ==, 176);

  cairo_surface_destroy (surface);
}

static void
test_hit_legend (void)
{
  g_autoptr(CeChartModel) model = places_model ();
  g_autoptr(CePlot) plot = test_plot (model, CE_PLOT_BARS, CE_PLOT_THEME_LIGHT);
  cairo_surface_t *surface = draw_to_surface (plot);
  gint found[3] = { 0, 0, 0 };
  CePlotHit hit;

  /* Sweep the top of the chart: each legend entry is hit somewhere. */
  for (int y = 0; y < HEIGHT / 3; y += 2)
    for (int x = 0; x < WIDTH; x += 3)
      if (ce_plot_hit_test (plot, x, y, &hit) && hit.kind == CE_PLOT_HIT_LEGEND)
        {
          g_assert_cmpint (hit.legend_entry, >=, 0);
          g_assert_cmpint (hit.legend_entry, <, 3);
          found[hit.legend_entry]++;
        }

  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (found[i], >, 0);

  cairo_surface_destroy (surface);
}

static void
test_hit_stacked_heatmap (void)
{
  g_autoptr(CeChartModel) model = places_model ();
  g_autoptr(CePlot) plot = test_plot (model, CE_PLOT_STACKED, CE_PLOT_THEME_LIGHT);
  cairo_surface_t *surface = draw_to_surface (plot);
  cairo_rectangle_t rect;
  cairo_rectangle_t below;
  CePlotHit hit;

  /* Climate in Washington sits on China and Russia there. */
  g_assert_true (ce_plot_get_bar_rect (plot, 2, 2, &rect));
  g_assert_true (ce_plot_get_bar_rect (plot, 1, 2, &below));
  g_assert_cmpfloat (fabs (rect.y + rect.height - below.y), <=, 1);
  g_assert_true (ce_plot_hit_test (plot, rect.x + rect.width / 2, rect.y + rect.height / 2, &hit));
  g_assert_cmpint (hit.kind, ==, CE_PLOT_HIT_VALUE);
  g_assert_cmpint (hit.series, ==, 2);
  g_assert_cmpint (hit.category, ==, 2);
  g_assert_cmpfloat (hit.value, ==, 131);
  cairo_surface_destroy (surface);

  ce_plot_set_kind (plot, CE_PLOT_HEATMAP);
  g_assert_false (ce_plot_get_bar_rect (plot, 0, 6, &rect));
  surface = draw_to_surface (plot);
  g_assert_true (ce_plot_get_bar_rect (plot, 0, 6, &rect));
  g_assert_true (ce_plot_hit_test (plot, rect.x + rect.width / 2, rect.y + rect.height / 2, &hit));
  g_assert_cmpint (hit.series, ==, 0);
  g_assert_cmpint (hit.category, ==, 6);
  g_assert_cmpfloat (hit.value, ==, 143);
  cairo_surface_destroy (surface);
}

static void
test_hit_dispersion (void)
{
  g_autoptr(CeChartModel) model = ce_chart_model_new ();
  g_autoptr(CePlot) plot = test_plot (model, CE_PLOT_DISPERSION, CE_PLOT_THEME_LIGHT);
  cairo_surface_t *surface;
  cairo_rectangle_t area;
  CePlotHit hit;
  double row_h;
  double x;

  ce_chart_model_add_series (model, "China", NULL);
  ce_chart_model_add_series (model, "Russia", NULL);
  ce_chart_model_add_document (model, "first", 1000);
  ce_chart_model_add_document (model, "second", 200);
  ce_chart_model_add_mention (model, 1, 1, 50);
  ce_chart_model_add_mention (model, 1, 0, 150);

  surface = draw_to_surface (plot);
  g_assert_true (ce_plot_get_plot_area (plot, &area));
  row_h = area.height / 2;

  /* Russia's mention, a quarter into the second document. */
  x = area.x + area.width * 0.25;
  g_assert_true (ce_plot_hit_test (plot, x + 1, area.y + row_h * 1.5, &hit));
  g_assert_cmpint (hit.kind, ==, CE_PLOT_HIT_MENTION);
  g_assert_cmpint (hit.row, ==, 1);
  g_assert_cmpint (hit.series, ==, 1);
  g_assert_cmpint (hit.mention, ==, 0);
  g_assert_cmpfloat (hit.position, ==, 50);

  /* Away from ticks: the document. */
  g_assert_true (ce_plot_hit_test (plot, area.x + area.width * 0.5, area.y + row_h * 0.5, &hit));
  g_assert_cmpint (hit.kind, ==, CE_PLOT_HIT_DOCUMENT);
  g_assert_cmpint (hit.row, ==, 0);

  cairo_surface_destroy (surface);
}

/* Lines: NaN and a missing month break the line, points stay. */
static gboolean
column_has_color (cairo_surface_t         *surface,
                  const cairo_rectangle_t *area,
                  int                      x,
                  const CeColor           *color)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int r = (int)round (color->red * 255);
  int g = (int)round (color->green * 255);
  int b = (int)round (color->blue * 255);

  for (int y = (int)area->y; y < (int)(area->y + area->height); y++)
    {
      guint32 pixel = *(const guint32 *)(gconstpointer)(data + y * stride + x * 4);

      if (ABS ((int)((pixel >> 16) & 0xff) - r) < 24
          && ABS ((int)((pixel >> 8) & 0xff) - g) < 24
          && ABS ((int)(pixel & 0xff) - b) < 24)
        return TRUE;
    }

  return FALSE;
}

static void
test_lines_gaps (void)
{
  g_autoptr(CeChartModel) model = months_model ();
  g_autoptr(CePlot) plot = test_plot (model, CE_PLOT_LINES, CE_PLOT_THEME_LIGHT);
  cairo_surface_t *surface;
  cairo_rectangle_t area;
  cairo_rectangle_t jul, aug, oct, nov, feb23, apr23;
  CeColor china;
  CeColor climate;
  CePlotHit hit;
  int x;

  /* Only China left, so no other line can cross the columns checked. */
  ce_chart_model_set_series_visible (model, 1, FALSE);
  ce_chart_model_set_series_visible (model, 2, FALSE);
  ce_chart_model_get_series_color (model, 0, &china);
  ce_chart_model_get_series_color (model, 2, &climate);

  surface = draw_to_surface (plot);
  g_assert_true (ce_plot_get_plot_area (plot, &area));

  /* Categories: 0 = 2022-01 ... 6 = 2022-07, 7/8 = Aug/Sep (NaN), 9 = Oct, 10 = Nov. */
  g_assert_true (ce_plot_get_bar_rect (plot, 0, 6, &jul));
  g_assert_false (ce_plot_get_bar_rect (plot, 0, 7, &aug));
  g_assert_true (ce_plot_get_bar_rect (plot, 0, 9, &oct));
  g_assert_true (ce_plot_get_bar_rect (plot, 0, 10, &nov));

  /* Real time axis: months are evenly spaced by date, and the missing
   * March 2023 leaves a two-month step. */
  g_assert_true (ce_plot_get_bar_rect (plot, 0, 13, &feb23));
  g_assert_true (ce_plot_get_bar_rect (plot, 0, 14, &apr23));
  {
    double feb_mid = (julian (2023, 2, 1) + julian (2023, 3, 1)) / 2.;
    double apr_mid = (julian (2023, 4, 1) + julian (2023, 5, 1)) / 2.;
    double oct_mid = (julian (2022, 10, 1) + julian (2022, 11, 1)) / 2.;
    double nov_mid = (julian (2022, 11, 1) + julian (2022, 12, 1)) / 2.;

    g_assert_cmpfloat_with_epsilon ((apr23.x - feb23.x) / (nov.x - oct.x),
                                    (apr_mid - feb_mid) / (nov_mid - oct_mid), 0.05);
  }

  /* A line between October and November... */
  x = (int)((oct.x + nov.x) / 2 + 4);
  g_assert_true (column_has_color (surface, &area, x, &china));
  /* ...none across the NaN months... */
  x = (int)((jul.x + oct.x) / 2 + 4);
  g_assert_false (column_has_color (surface, &area, x, &china));
  /* ...nor across the missing March 2023. */
  x = (int)((feb23.x + apr23.x) / 2 + 4);
  g_assert_false (column_has_color (surface, &area, x, &china));
  /* And the other series is really hidden. */
  g_assert_false (column_has_color (surface, &area, (int)(oct.x + 4), &climate));

  /* Points are hit. */
  g_assert_true (ce_plot_hit_test (plot, oct.x + 4, oct.y + 4, &hit));
  g_assert_cmpint (hit.kind, ==, CE_PLOT_HIT_VALUE);
  g_assert_cmpint (hit.category, ==, 9);
  g_assert_cmpint (hit.series, ==, 0);

  cairo_surface_destroy (surface);
}

/* Export ------------------------------------------------------------------ */

static void
test_csv (void)
{
  g_autoptr(CeChartModel) model = ce_chart_model_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = g_build_filename (output_dir, "chart.csv", NULL);
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
    g_autofree char *bad = g_build_filename (output_dir, "missing", "chart.csv", NULL);

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
  g_autoptr(CeChartModel) model = places_model ();
  g_autoptr(CePlot) plot = test_plot (model, CE_PLOT_BARS, CE_PLOT_THEME_LIGHT);
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = g_build_filename (output_dir, "chart-bars.svg", NULL);
  g_autofree char *pdf = g_build_filename (output_dir, "chart-bars.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  xmlDocPtr doc;
  xmlNodePtr root;

  g_assert_true (ce_chart_export_svg (plot, svg, WIDTH, HEIGHT, FALSE, &error));
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

  g_assert_true (ce_chart_export_pdf (plot, pdf, WIDTH, HEIGHT, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 5000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* A complete file: the trailer is there (the body holds binary streams). */
  g_assert_nonnull (g_strstr_len (contents + length - 16, 16, "%%EOF"));

  g_assert_false (ce_chart_export_pdf (plot, "/nonexistent-dir/chart.pdf", WIDTH, HEIGHT, FALSE, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "chart.pdf"));
}

static void
test_png_scale_and_bytes (void)
{
  g_autoptr(CeChartModel) model = places_model ();
  g_autoptr(CePlot) plot = test_plot (model, CE_PLOT_BARS, CE_PLOT_THEME_LIGHT);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) clear = NULL;
  cairo_surface_t *surface;
  cairo_rectangle_t rect;
  cairo_rectangle_t after;
  const guint8 *data;
  gsize size;

  surface = draw_to_surface (plot);
  cairo_surface_destroy (surface);
  g_assert_true (ce_plot_get_bar_rect (plot, 0, 0, &rect));

  bytes = ce_chart_render_png_bytes (plot, 300, 200, 2, FALSE, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);
  g_assert_cmpuint (size, >, 8);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);

  surface = load_png_bytes (bytes);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 600);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 400);
  /* Opaque white corner. */
  g_assert_cmphex (*(guint32 *)(gpointer)cairo_image_surface_get_data (surface), ==, 0xffffffff);
  cairo_surface_destroy (surface);

  clear = ce_chart_render_png_bytes (plot, 300, 200, 1, TRUE, &error);
  g_assert_no_error (error);
  surface = load_png_bytes (clear);
  g_assert_cmphex (*(guint32 *)(gpointer)cairo_image_surface_get_data (surface), ==, 0);
  cairo_surface_destroy (surface);

  /* Exporting at another size leaves the on-screen layout alone. */
  g_assert_true (ce_plot_get_bar_rect (plot, 0, 0, &after));
  g_assert_cmpfloat (after.x, ==, rect.x);
  g_assert_cmpfloat (after.height, ==, rect.height);

  g_assert_null (ce_chart_render_png_bytes (plot, 0, 200, 1, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

/* Odd input never crashes and still draws something sane. */
static void
test_odd_input (void)
{
  g_autoptr(CeChartModel) model = ce_chart_model_new ();
  CePlotKind kinds[] = { CE_PLOT_BARS, CE_PLOT_STACKED, CE_PLOT_LINES, CE_PLOT_HEATMAP, CE_PLOT_DISPERSION };
  g_autoptr(CePlot) plot = test_plot (model, CE_PLOT_BARS, CE_PLOT_THEME_LIGHT);
  g_autoptr(CePlot) no_model = test_plot (NULL, CE_PLOT_BARS, CE_PLOT_THEME_DARK);
  cairo_surface_t *surface;

  ce_chart_model_set_title (model, "A title so long that it has to be wrapped and then cut short "
                            "because nobody wants to read three lines of heading above a chart");
  ce_chart_model_add_series (model, "", NULL);
  ce_chart_model_add_series (model, "Negative", NULL);
  ce_chart_model_add_category (model, "");
  ce_chart_model_add_category (model, "A category label that goes on and on and on");
  ce_chart_model_set_value (model, 0, 0, -5);
  ce_chart_model_set_value (model, 1, 1, 1e12);
  ce_chart_model_add_document (model, "empty", 0);
  ce_chart_model_add_mention (model, 0, 1, -7);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (int size = 1; size <= 1000; size *= 10)
      {
        ce_plot_set_kind (plot, kinds[k]);
        surface = draw_to_surface (plot);
        cairo_surface_destroy (surface);

        surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
        {
          cairo_t *cr = cairo_create (surface);

          ce_plot_draw (plot, cr, size, size, NULL);
          ce_plot_draw (no_model, cr, size, size, NULL);
          cairo_destroy (cr);
        }
        cairo_surface_destroy (surface);
      }
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);

  output_dir = g_build_filename (g_test_get_dir (G_TEST_BUILT), "chart-output", NULL);
  g_mkdir_with_parents (output_dir, 0755);

  g_test_add_func ("/corpus-explorer/chart/model/basics", test_model_basics);
  g_test_add_func ("/corpus-explorer/chart/layout/nice-ticks", test_nice_ticks);
  g_test_add_func ("/corpus-explorer/chart/layout/format-tick", test_format_tick);
  g_test_add_func ("/corpus-explorer/chart/layout/format-locale", test_format_locale);
  g_test_add_func ("/corpus-explorer/chart/describe", test_describe);
  g_test_add_func ("/corpus-explorer/chart/enums/nicks", test_enum_nicks);
  g_test_add_func ("/corpus-explorer/chart/render/bars-light", test_render_bars_light);
  g_test_add_func ("/corpus-explorer/chart/render/bars-dark", test_render_bars_dark);
  g_test_add_func ("/corpus-explorer/chart/render/stacked-light", test_render_stacked_light);
  g_test_add_func ("/corpus-explorer/chart/render/stacked-dark", test_render_stacked_dark);
  g_test_add_func ("/corpus-explorer/chart/render/lines-light", test_render_lines_light);
  g_test_add_func ("/corpus-explorer/chart/render/lines-dark", test_render_lines_dark);
  g_test_add_func ("/corpus-explorer/chart/render/heatmap-light", test_render_heatmap_light);
  g_test_add_func ("/corpus-explorer/chart/render/heatmap-dark", test_render_heatmap_dark);
  g_test_add_func ("/corpus-explorer/chart/render/dispersion-light", test_render_dispersion_light);
  g_test_add_func ("/corpus-explorer/chart/render/dispersion-dark", test_render_dispersion_dark);
  g_test_add_func ("/corpus-explorer/chart/render/empty", test_render_empty);
  g_test_add_func ("/corpus-explorer/chart/render/single", test_render_single);
  g_test_add_func ("/corpus-explorer/chart/render/rotated", test_rotated_labels);
  g_test_add_func ("/corpus-explorer/chart/render/many-categories", test_many_categories);
  g_test_add_func ("/corpus-explorer/chart/render/odd-input", test_odd_input);
  g_test_add_func ("/corpus-explorer/chart/layout/label-and-row-room", test_label_and_row_room);
  g_test_add_func ("/corpus-explorer/chart/hit/bars", test_hit_bars);
  g_test_add_func ("/corpus-explorer/chart/hit/legend", test_hit_legend);
  g_test_add_func ("/corpus-explorer/chart/hit/stacked-heatmap", test_hit_stacked_heatmap);
  g_test_add_func ("/corpus-explorer/chart/hit/dispersion", test_hit_dispersion);
  g_test_add_func ("/corpus-explorer/chart/lines/gaps", test_lines_gaps);
  g_test_add_func ("/corpus-explorer/chart/export/csv", test_csv);
  g_test_add_func ("/corpus-explorer/chart/export/csv-dispersion", test_csv_dispersion);
  g_test_add_func ("/corpus-explorer/chart/export/svg-pdf", test_vector_exports);
  g_test_add_func ("/corpus-explorer/chart/export/png", test_png_scale_and_bytes);

  result = g_test_run ();
  g_free (output_dir);

  return result;
}
