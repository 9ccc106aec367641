/* test-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chart model, axes and numbers, the chart in words, hit testing
 * and the time axis of lines; test-chart-render compares images,
 * test-chart-export checks the files.
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "ce-chart-count.h"
#include "ce-chart-model.h"
#include "ce-plot.h"
#include "ce-test-chart.h"
#include "ce-topic.h"

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
  g_autoptr(CeChartModel) model = ce_test_chart_places_model ();
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

/* Hit testing ------------------------------------------------------------ */

static void
test_hit_bars (void)
{
  g_autoptr(CeChartModel) model = ce_test_chart_places_model ();
  g_autoptr(CePlot) plot = ce_test_chart_plot (model, CE_PLOT_BARS, CE_PLOT_THEME_LIGHT);
  cairo_surface_t *surface;
  cairo_rectangle_t rect;
  cairo_rectangle_t other;
  CePlotHit hit;

  /* Nothing drawn yet: nothing to hit. */
  g_assert_false (ce_plot_get_bar_rect (plot, 1, 3, &rect));
  g_assert_false (ce_plot_hit_test (plot, 100, 100, &hit));

  surface = ce_test_chart_draw (plot);

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
  g_assert_false (ce_plot_hit_test (plot, 2, CE_TEST_CHART_HEIGHT - 2, &hit));

  /* Hidden series: no bar, legend entry still there, greyed. */
  ce_chart_model_set_series_visible (model, 1, FALSE);
  g_assert_false (ce_plot_get_bar_rect (plot, 1, 3, &rect)); /* stale until drawn */
  cairo_surface_destroy (surface);
  surface = ce_test_chart_draw (plot);
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
  g_autoptr(CeChartModel) model = ce_test_chart_places_model ();
  g_autoptr(CePlot) plot = ce_test_chart_plot (model, CE_PLOT_BARS, CE_PLOT_THEME_LIGHT);
  cairo_surface_t *surface = ce_test_chart_draw (plot);
  gint found[3] = { 0, 0, 0 };
  CePlotHit hit;

  /* Sweep the top of the chart: each legend entry is hit somewhere. */
  for (int y = 0; y < CE_TEST_CHART_HEIGHT / 3; y += 2)
    for (int x = 0; x < CE_TEST_CHART_WIDTH; x += 3)
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
  g_autoptr(CeChartModel) model = ce_test_chart_places_model ();
  g_autoptr(CePlot) plot = ce_test_chart_plot (model, CE_PLOT_STACKED, CE_PLOT_THEME_LIGHT);
  cairo_surface_t *surface = ce_test_chart_draw (plot);
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
  surface = ce_test_chart_draw (plot);
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
  g_autoptr(CePlot) plot = ce_test_chart_plot (model, CE_PLOT_DISPERSION, CE_PLOT_THEME_LIGHT);
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

  surface = ce_test_chart_draw (plot);
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
  g_autoptr(CeChartModel) model = ce_test_chart_months_model ();
  g_autoptr(CePlot) plot = ce_test_chart_plot (model, CE_PLOT_LINES, CE_PLOT_THEME_LIGHT);
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

  surface = ce_test_chart_draw (plot);
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
    double feb_mid = (ce_test_chart_julian (2023, 2, 1) + ce_test_chart_julian (2023, 3, 1)) / 2.;
    double apr_mid = (ce_test_chart_julian (2023, 4, 1) + ce_test_chart_julian (2023, 5, 1)) / 2.;
    double oct_mid = (ce_test_chart_julian (2022, 10, 1) + ce_test_chart_julian (2022, 11, 1)) / 2.;
    double nov_mid = (ce_test_chart_julian (2022, 11, 1) + ce_test_chart_julian (2022, 12, 1)) / 2.;

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus-explorer/chart/model/basics", test_model_basics);
  g_test_add_func ("/corpus-explorer/chart/layout/nice-ticks", test_nice_ticks);
  g_test_add_func ("/corpus-explorer/chart/layout/format-tick", test_format_tick);
  g_test_add_func ("/corpus-explorer/chart/layout/format-locale", test_format_locale);
  g_test_add_func ("/corpus-explorer/chart/describe", test_describe);
  g_test_add_func ("/corpus-explorer/chart/enums/nicks", test_enum_nicks);
  g_test_add_func ("/corpus-explorer/chart/layout/label-and-row-room", test_label_and_row_room);
  g_test_add_func ("/corpus-explorer/chart/hit/bars", test_hit_bars);
  g_test_add_func ("/corpus-explorer/chart/hit/legend", test_hit_legend);
  g_test_add_func ("/corpus-explorer/chart/hit/stacked-heatmap", test_hit_stacked_heatmap);
  g_test_add_func ("/corpus-explorer/chart/hit/dispersion", test_hit_dispersion);
  g_test_add_func ("/corpus-explorer/chart/lines/gaps", test_lines_gaps);

  return g_test_run ();
}
