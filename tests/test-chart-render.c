/* test-chart-render.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every chart kind drawn in both themes and compared with the reference
 * images in tests/reference/, and drawing what is odd, empty or crowded.
 */

#include "config.h"

#include <math.h>

#include "ce-chart-export.h"
#include "ce-chart-model.h"
#include "ce-plot.h"
#include "ce-test-chart.h"

/* Rendering ------------------------------------------------------------ */

static void
render_kind (CePlotKind   kind,
             CePlotTheme  theme,
             const char  *name)
{
  g_autoptr(CeChartModel) model = NULL;
  g_autoptr(CePlot) plot = NULL;

  if (kind == CE_PLOT_LINES)
    model = ce_test_chart_months_model ();
  else if (kind == CE_PLOT_DISPERSION)
    model = ce_test_chart_dispersion_model ();
  else
    model = ce_test_chart_places_model ();

  if (kind == CE_PLOT_STACKED)
    ce_chart_model_set_title (model, "All mentions by place");

  plot = ce_test_chart_plot (model, kind, theme);
  if (kind == CE_PLOT_HEATMAP && theme == CE_PLOT_THEME_DARK)
    ce_plot_set_heatmap_ramp (plot, CE_PLOT_RAMP_SEQUENTIAL);

  ce_test_chart_compare_reference (plot, name);
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
  g_autoptr(CePlot) plot = ce_test_chart_plot (model, CE_PLOT_BARS, CE_PLOT_THEME_LIGHT);
  g_autoptr(CeChartModel) no_categories = ce_chart_model_new ();
  g_autoptr(CePlot) plot2 = NULL;
  cairo_rectangle_t rect;
  CePlotHit hit;

  ce_chart_model_set_title (model, "Mentions by place");
  ce_test_chart_compare_reference (plot, "empty-topics");

  ce_chart_model_set_title (no_categories, "Mentions by place");
  ce_chart_model_add_series (no_categories, "China", NULL);
  plot2 = ce_test_chart_plot (no_categories, CE_PLOT_LINES, CE_PLOT_THEME_LIGHT);
  ce_test_chart_compare_reference (plot2, "empty-selection");

  /* Empty charts have nothing to click but the legend. */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, CE_TEST_CHART_WIDTH, CE_TEST_CHART_HEIGHT);
    cairo_t *cr = cairo_create (surface);

    ce_plot_draw (plot2, cr, CE_TEST_CHART_WIDTH, CE_TEST_CHART_HEIGHT, NULL);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
  g_assert_false (ce_plot_get_bar_rect (plot2, 0, 0, &rect));
  g_assert_false (ce_plot_hit_test (plot2, CE_TEST_CHART_WIDTH / 2., CE_TEST_CHART_HEIGHT / 2., &hit));
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

  plot = ce_test_chart_plot (model, CE_PLOT_BARS, CE_PLOT_THEME_LIGHT);
  ce_test_chart_compare_reference (plot, "single");
}

/* A long, ragged category axis, as a grouping by document gives. */
static CeChartModel *
many_categories_model (guint n)
{
  CeChartModel *model = ce_chart_model_new ();
  guint32 random = 11;

  ce_chart_model_set_title (model, "Mentions per document");
  ce_chart_model_set_source (model, "Source: Corpus Explorer");
  ce_chart_model_add_series (model, "China", NULL);
  ce_chart_model_add_series (model, "Russia", NULL);

  for (guint c = 0; c < n; c++)
    {
      g_autofree char *label = g_strdup_printf ("Article %u about something long", c + 1);

      ce_chart_model_add_category (model, label);
      ce_chart_model_set_value (model, 0, c, floor (ce_test_chart_random (&random) * ce_test_chart_random (&random) * 40));
      ce_chart_model_set_value (model, 1, c, floor (ce_test_chart_random (&random) * 12));
    }

  return model;
}

static void
test_many_categories (void)
{
  g_autoptr(CeChartModel) model = many_categories_model (3000);
  g_autoptr(CePlot) plot = ce_test_chart_plot (model, CE_PLOT_BARS, CE_PLOT_THEME_LIGHT);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (ce_test_chart_output_dir (), "chart-3000.png", NULL);
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
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, CE_TEST_CHART_WIDTH, CE_TEST_CHART_HEIGHT);
      cr = cairo_create (surface);
      ce_plot_draw (plot, cr, CE_TEST_CHART_WIDTH, CE_TEST_CHART_HEIGHT, NULL);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      g_assert_true (ce_chart_export_png (plot, path, CE_TEST_CHART_WIDTH, CE_TEST_CHART_HEIGHT, 1, FALSE, &error));
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
    g_autofree char *look = g_build_filename (ce_test_chart_output_dir (), "chart-3000-bars.png", NULL);

    ce_plot_set_kind (plot, CE_PLOT_BARS);
    g_assert_true (ce_chart_export_png (plot, look, CE_TEST_CHART_WIDTH, CE_TEST_CHART_HEIGHT, 1, FALSE, &error));
  }
}

/* Crowded but not aggregated: rotated labels. */
static void
test_rotated_labels (void)
{
  g_autoptr(CeChartModel) model = many_categories_model (40);
  g_autoptr(CePlot) plot = ce_test_chart_plot (model, CE_PLOT_STACKED, CE_PLOT_THEME_LIGHT);

  ce_chart_model_set_title (model, "Mentions in the first 40 articles");
  ce_test_chart_compare_reference (plot, "rotated");
}

/* Odd input never crashes and still draws something sane. */
static void
test_odd_input (void)
{
  g_autoptr(CeChartModel) model = ce_chart_model_new ();
  CePlotKind kinds[] = { CE_PLOT_BARS, CE_PLOT_STACKED, CE_PLOT_LINES, CE_PLOT_HEATMAP, CE_PLOT_DISPERSION };
  g_autoptr(CePlot) plot = ce_test_chart_plot (model, CE_PLOT_BARS, CE_PLOT_THEME_LIGHT);
  g_autoptr(CePlot) no_model = ce_test_chart_plot (NULL, CE_PLOT_BARS, CE_PLOT_THEME_DARK);
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
        surface = ce_test_chart_draw (plot);
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
  g_test_init (&argc, &argv, NULL);

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

  return g_test_run ();
}
