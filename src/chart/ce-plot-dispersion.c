/* ce-plot-dispersion.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dispersion (CE_PLOT_DISPERSION): a row per document, a tick per mention
 * at its position in the document.
 */

#define G_LOG_DOMAIN "ce-plot"

#include "config.h"

#include "ce-plot-private.h"

static double
document_extent (CeChartModel *model,
                 guint         row)
{
  double length = ce_chart_model_get_document_length (model, row);
  guint n_series = ce_chart_model_get_n_series (model);

  /* Unknown lengths fall back to the last mention seen. */
  for (guint s = 0; s < n_series; s++)
    {
      guint n;
      const double *positions = ce_chart_model_get_mentions (model, row, s, &n);

      for (guint i = 0; i < n; i++)
        length = MAX (length, positions[i]);
    }

  return length > 0 ? length : 1;
}

static guint
row_bin_start (const CePlotPlan *l,
               guint             bin)
{
  return (guint)((guint64)bin * l->n_rows / l->n_row_bins);
}

/* Plan -------------------------------------------------------------------- */

static double
dispersion_plan (CePlotDraw *d,
                 double      top,
                 double      bottom)
{
  CePlotPlan *l = d->plan;
  double line_h = d->line_height[FONT_TICK];
  guint n_vis = l->visible->len;
  double names = 0;
  double area_h;
  guint sample_step = MAX (1, l->n_rows / 100);

  for (guint r = 0; r < l->n_rows; r += sample_step)
    names = MAX (names, _ce_plot_measure_text (d, FONT_TICK,
                                               ce_chart_model_get_document_label (d->model, r),
                                               (d->right - d->left) * 0.3));

  l->area.x = d->left + names + 10;
  /* Room for the "100%" label centred on the right edge. */
  l->area.width = d->right - l->area.x - _ce_plot_measure_text (d, FONT_TICK, "100%", 0) / 2;
  l->area.y = top - line_h / 2;
  area_h = bottom - l->area.y - line_h - 10;

  l->n_row_bins = l->n_rows;
  if (area_h / l->n_rows < 1)
    l->n_row_bins = MAX (1, fit_count (area_h, 1));
  /* Rows tall enough for a lane per topic, no taller. */
  l->row_height = MIN (area_h / l->n_row_bins, MAX (26, 9 * n_vis + 6));
  l->area.height = l->row_height * l->n_row_bins;

  l->lanes = n_vis > 1 && l->row_height * 0.8 / n_vis >= 4;
  l->lane_height = l->lanes ? l->row_height * 0.8 / n_vis : MAX (1, l->row_height * 0.8);
  l->label_step = _ce_plot_nice_label_step (line_h * 1.05 / l->row_height);

  return l->area.y + l->area.height + 8 + line_h;
}

/* Paint ------------------------------------------------------------------- */

static void
paint_row_label (CePlotDraw *d,
                 guint       row,
                 double      row_y)
{
  CePlotPlan *l = d->plan;
  g_autoptr(PangoLayout) layout = _ce_plot_make_layout (d, FONT_TICK,
                                                        ce_chart_model_get_document_label (d->model, row));
  double room = l->area.x - d->left - 10;
  double th;

  pango_layout_set_width (layout, (int)(room * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  _ce_plot_layout_size (layout, NULL, &th);
  _ce_plot_show_layout (d, layout, d->left, row_y + l->row_height / 2 - th / 2,
                        &d->fg, ALPHA_SECONDARY);
}

static void
paint_ticks (CePlotDraw *d,
             guint       row,
             double      row_y)
{
  CePlotPlan *l = d->plan;
  guint n_vis = l->visible->len;
  double extent = document_extent (d->model, row);

  for (guint k = 0; k < n_vis; k++)
    {
      guint s = g_array_index (l->visible, guint, k);
      guint n;
      const double *positions = ce_chart_model_get_mentions (d->model, row, s, &n);
      CeColor color;
      double top;

      if (n == 0)
        continue;

      top = l->lanes ? row_y + l->row_height * 0.1 + k * l->lane_height
                     : row_y + (l->row_height - l->lane_height) / 2;

      ce_chart_model_get_series_color (d->model, s, &color);
      set_source (d->cr, &color, l->lanes || n_vis == 1 ? 1 : 0.8);
      for (guint i = 0; i < n; i++)
        {
          double x = l->area.x + CLAMP (positions[i] / extent, 0, 1) * l->area.width;

          /* Whole pixels keep hairline ticks sharp. */
          cairo_rectangle (d->cr, snap (x - 1), snap (top), 2,
                           MAX (1, snap (top + l->lane_height) - snap (top)));
        }
      cairo_fill (d->cr);
    }
}

static void
paint_position_axis (CePlotDraw *d,
                     double      y)
{
  CePlotPlan *l = d->plan;

  for (guint i = 0; i <= 4; i++)
    {
      double x = snap (l->area.x + i * l->area.width / 4) + 0.5;
      g_autofree char *text = ce_plot_format_tick (i / 4., 0.25, TRUE);
      g_autoptr(PangoLayout) layout = _ce_plot_make_layout (d, FONT_TICK, text);
      double tw;

      set_source (d->cr, &d->fg, ALPHA_GRID);
      cairo_set_line_width (d->cr, 1);
      cairo_move_to (d->cr, x, l->area.y);
      cairo_line_to (d->cr, x, l->area.y + l->area.height + 4);
      cairo_stroke (d->cr);

      _ce_plot_layout_size (layout, &tw, NULL);
      _ce_plot_show_layout (d, layout, x - tw / 2, y, &d->fg, ALPHA_SECONDARY);
    }
}

static void
dispersion_paint (CePlotDraw *d)
{
  CePlotPlan *l = d->plan;

  /* Tracks: a faint band per row, one in two, to guide the eye. */
  for (guint b = 0; b < l->n_row_bins; b++)
    {
      double y0 = snap (l->area.y + b * l->row_height);
      double y1 = snap (l->area.y + (b + 1) * l->row_height);

      if (l->row_height >= 3 && b % 2 == 0)
        {
          set_source (d->cr, &d->fg, 0.045);
          cairo_rectangle (d->cr, l->area.x, y0, l->area.width, y1 - y0);
          cairo_fill (d->cr);
        }
    }

  for (guint b = 0; b < l->n_row_bins; b++)
    {
      guint start = row_bin_start (l, b);
      guint end = b + 1 < l->n_row_bins ? row_bin_start (l, b + 1) : l->n_rows;
      double row_y = l->area.y + b * l->row_height;

      if (b % l->label_step == 0)
        paint_row_label (d, start, row_y);

      for (guint row = start; row < end; row++)
        paint_ticks (d, row, row_y);
    }

  paint_position_axis (d, l->area.y + l->area.height + 8);
}

/* Hit testing --------------------------------------------------------------- */

static gboolean
dispersion_hit_test (CePlot    *self,
                     double     x,
                     double     y,
                     CePlotHit *hit)
{
  CePlotPlan *l = &self->plan;
  guint bin;
  guint start;
  guint end;
  double best = 3.5;

  if (l->n_row_bins == 0)
    return FALSE;

  if (x < l->area.x - 4 || x > l->area.x + l->area.width + 4
      || y < l->area.y || y >= l->area.y + l->area.height)
    return FALSE;

  bin = MIN ((guint)((y - l->area.y) / l->row_height), l->n_row_bins - 1);
  start = row_bin_start (l, bin);
  end = bin + 1 < l->n_row_bins ? row_bin_start (l, bin + 1) : l->n_rows;

  hit->kind = CE_PLOT_HIT_DOCUMENT;
  hit->row = start;
  hit->area = (cairo_rectangle_t) { l->area.x, l->area.y + bin * l->row_height,
                                    l->area.width, l->row_height };

  for (guint row = start; row < end; row++)
    {
      double extent = document_extent (self->model, row);

      for (guint k = 0; k < l->visible->len; k++)
        {
          guint s = g_array_index (l->visible, guint, k);
          guint n;
          const double *positions = ce_chart_model_get_mentions (self->model, row, s, &n);

          for (guint i = 0; i < n; i++)
            {
              double px = l->area.x + CLAMP (positions[i] / extent, 0, 1) * l->area.width;

              if (fabs (px - x) < best)
                {
                  best = fabs (px - x);
                  hit->kind = CE_PLOT_HIT_MENTION;
                  hit->row = row;
                  hit->series = s;
                  hit->mention = i;
                  hit->position = positions[i];
                  hit->value = positions[i] / extent;
                  hit->area = (cairo_rectangle_t) { px - 1, l->area.y + bin * l->row_height,
                                                    2, l->row_height };
                }
            }
        }
    }

  return TRUE;
}

const CePlotKindOps _ce_plot_dispersion_ops = {
  .plan = dispersion_plan,
  .paint = dispersion_paint,
  .hit_test = dispersion_hit_test,
};
