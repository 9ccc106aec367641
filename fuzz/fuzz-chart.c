/* fuzz-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chart layout on any data: the input picks a kind, a theme, a size
 * (down to a few pixels), series, categories with labels of any length and
 * script, dates, values (zero, fractions, huge, missing) and dispersion
 * rows; the chart is drawn headless, hit-tested, described and written as
 * CSV.  What comes back must be in range and valid UTF-8.
 */

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <stdint.h>
#include <string.h>

#include "ce-chart-export.h"
#include "ce-chart-model.h"
#include "ce-plot.h"

int LLVMFuzzerInitialize   (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Fontconfig reads its configuration and matches each new font (every
 * size and weight of the plot, each fallback for another script) on
 * first use: tens of seconds under the sanitizers on a busy machine,
 * which libFuzzer counted as a timeout of the first input (the empty
 * one).  libFuzzer calls this once, before it times any input: every
 * kind of chart in both themes is drawn, and text in a few scripts laid
 * out.  The replay's main() does not need it. */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 8, 8);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  int width, height;

  for (guint kind = 0; kind < 5; kind++)
    for (guint flags = 0; flags <= 16; flags += 16)
      {
        const uint8_t input[] = { flags, kind, 1, 1, 0, 2, 0, 2 };

        LLVMFuzzerTestOneInput (input, sizeof input);
      }

  pango_layout_set_text (layout, "Warm up \u6696 \u0645 \u0939 \u05d0 \u0e01 \u3042 \ud55c", -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return 0;
}

typedef struct
{
  const uint8_t *data;
  size_t         size;
} Input;

static guint
take_byte (Input *in)
{
  guint b;

  if (in->size == 0)
    return 0;
  b = in->data[0];
  in->data++;
  in->size--;
  return b;
}

static guint
take_u16 (Input *in)
{
  return take_byte (in) | take_byte (in) << 8;
}

static guint32
take_u32 (Input *in)
{
  return take_u16 (in) | (guint32)take_u16 (in) << 16;
}

/* A label: up to 255 bytes of the input, made valid UTF-8 */
static char *
take_label (Input *in)
{
  guint want = take_byte (in);
  guint len = MIN (want, in->size);
  char *label = g_utf8_make_valid ((const char *)in->data, len);

  in->data += len;
  in->size -= len;
  return label;
}

/* A value as counting makes them: whole counts, fractions, per-10k
 * rates, some huge, some missing */
static double
take_value (Input *in)
{
  switch (take_byte (in) % 6)
    {
    case 0:
      return NAN;
    case 1:
      return 0;
    case 2:
      return take_u16 (in);
    case 3:
      return take_u32 (in) / 4294967295.0;
    case 4:
      return take_u32 (in) * 1e6;
    default:
      return ldexp (take_u16 (in), (int)(take_byte (in) % 1000));
    }
}

static void
check_utf8 (const char *text)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    __builtin_trap ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  Input in = { data, size };
  g_autoptr(CeChartModel) model = ce_chart_model_new ();
  g_autoptr(CePlot) plot = NULL;
  g_autofree char *description = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *source = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  CeColor fg = { 0.1, 0.1, 0.1, 1 };
  guint flags = take_byte (&in);
  CePlotKind kind = take_byte (&in) % 5;
  guint n_series = take_byte (&in) % 7;
  guint n_categories = take_byte (&in);
  int width = 1 + take_u16 (&in) % 1600;
  int height = 1 + take_u16 (&in) % 1200;
  guint n_series_made;
  guint n_categories_made;

  /* Keep one run quick: the area drawn is bounded */
  if ((gint64)width * height > 1200 * 900)
    height = 1200 * 900 / width;
  if (flags & 1)
    n_categories = n_categories % 24;

  ce_chart_model_set_measure (model, take_byte (&in) % 4);
  title = take_label (&in);
  subtitle = take_label (&in);
  source = take_label (&in);
  ce_chart_model_set_title (model, title);
  if (flags & 2)
    ce_chart_model_set_subtitle (model, subtitle);
  if (flags & 4)
    ce_chart_model_set_source (model, source);

  for (guint s = 0; s < n_series; s++)
    {
      g_autofree char *name = take_label (&in);
      CeColor color = { take_byte (&in) / 255.0, take_byte (&in) / 255.0, take_byte (&in) / 255.0, 1 };

      ce_chart_model_add_series (model, name, &color);
      if (take_byte (&in) == 0)
        ce_chart_model_set_series_visible (model, s, FALSE);
    }

  for (guint c = 0; c < n_categories; c++)
    {
      g_autofree char *label = take_label (&in);
      guint index = ce_chart_model_add_category (model, label);

      if (flags & 8)
        {
          guint32 start = 1 + take_u32 (&in) % 3000000;

          ce_chart_model_set_category_dates (model, index, start, start + 1 + take_u16 (&in));
        }
      for (guint s = 0; s < n_series; s++)
        ce_chart_model_set_value (model, s, index, take_value (&in));
    }

  if (kind == CE_PLOT_DISPERSION)
    {
      guint n_rows = take_byte (&in) % 40;

      for (guint r = 0; r < n_rows; r++)
        {
          g_autofree char *label = take_label (&in);
          double length = take_u32 (&in) % 2000000;
          guint row = ce_chart_model_add_document (model, label, length);
          guint n_mentions = take_byte (&in) % 50;

          for (guint m = 0; m < n_mentions && n_series > 0; m++)
            ce_chart_model_add_mention (model, row, take_byte (&in) % n_series,
                                        length > 0 ? fmod (take_u32 (&in), length) : 0);
        }
    }

  n_series_made = ce_chart_model_get_n_series (model);
  n_categories_made = ce_chart_model_get_n_categories (model);

  plot = ce_plot_new (model, kind);
  ce_plot_set_theme (plot, flags & 16 ? CE_PLOT_THEME_DARK : CE_PLOT_THEME_LIGHT);
  ce_plot_set_high_contrast (plot, (flags & 32) != 0);
  ce_plot_set_heatmap_ramp (plot, flags & 64 ? CE_PLOT_RAMP_SEQUENTIAL : CE_PLOT_RAMP_PER_SERIES);

  /* The plot lays out and draws for width × height, on a surface of at
   * most 64 × 64 pixels: what falls outside is clipped by cairo, so every
   * line of the layout runs while cairo fills a few thousand pixels
   * instead of up to a million each time (a big surface made most of the
   * run allocation, page faults and the sanitizer's quarantine). */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MIN (width, 64), MIN (height, 64));
  cr = cairo_create (surface);
  ce_plot_draw (plot, cr, width, height, &fg);
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    __builtin_trap ();
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  /* Hit tests agree with the model they answer from */
  for (guint i = 0; i < 8; i++)
    {
      CePlotHit hit;
      double x = (double)(take_u16 (&in) % (guint)(width + 20)) - 10;
      double y = (double)(take_u16 (&in) % (guint)(height + 20)) - 10;

      if (ce_plot_hit_test (plot, x, y, &hit))
        {
          if (hit.series >= (int)n_series_made || hit.category >= (int)n_categories_made ||
              hit.legend_entry >= (int)n_series_made ||
              hit.row >= (int)ce_chart_model_get_n_documents (model))
            __builtin_trap ();
        }
    }
  for (guint s = 0; s < n_series_made; s++)
    for (guint c = 0; c < n_categories_made && c < 50; c++)
      {
        cairo_rectangle_t rect;

        if (ce_plot_get_bar_rect (plot, s, c, &rect) &&
            (isnan (rect.x) || isnan (rect.y) || rect.width < 0 || rect.height < 0))
          __builtin_trap ();
      }

  description = ce_plot_describe (plot);
  check_utf8 (description);
  csv = ce_chart_export_csv_to_string (model);
  check_utf8 (csv);

  return 0;
}
