/* ce-plot-heatmap.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Heat map (CE_PLOT_HEATMAP): a row per topic, a cell per category, with
 * a colour key right of the legend.
 */

#define G_LOG_DOMAIN "ce-plot"

#include "config.h"

#include "ce-plot-private.h"

#define KEY_BAR_WIDTH  96
#define KEY_BAR_HEIGHT 10

/* Colours ----------------------------------------------------------------- */

static CeColor
mix (const CeColor *a,
     const CeColor *b,
     double         t)
{
  CeColor c;

  c.red = a->red + (b->red - a->red) * t;
  c.green = a->green + (b->green - a->green) * t;
  c.blue = a->blue + (b->blue - a->blue) * t;
  c.alpha = 1;

  return c;
}

/* Viridis at nine evenly spaced stops. */
static CeColor
viridis (double t)
{
  static const guint8 stops[][3] = {
    { 0x44, 0x01, 0x54 }, { 0x47, 0x2d, 0x7b }, { 0x3b, 0x52, 0x8b },
    { 0x2c, 0x72, 0x8e }, { 0x21, 0x91, 0x8c }, { 0x28, 0xae, 0x80 },
    { 0x5e, 0xc9, 0x62 }, { 0xad, 0xdc, 0x30 }, { 0xfd, 0xe7, 0x25 },
  };
  CeColor a;
  CeColor b;
  double x;
  guint i;

  t = CLAMP (t, 0, 1);
  x = t * (G_N_ELEMENTS (stops) - 1);
  i = MIN ((guint)x, G_N_ELEMENTS (stops) - 2);

  a = (CeColor) { stops[i][0] / 255., stops[i][1] / 255., stops[i][2] / 255., 1 };
  b = (CeColor) { stops[i + 1][0] / 255., stops[i + 1][1] / 255., stops[i + 1][2] / 255., 1 };

  return mix (&a, &b, x - i);
}

static CeColor
heat_color (CePlotDraw    *d,
            const CeColor *series_color,
            double         t)
{
  if (d->self->ramp == CE_PLOT_RAMP_SEQUENTIAL || series_color == NULL)
    /* More is further from the background: yellow to purple on light,
     * the reverse on dark. */
    return viridis (d->dark ? t : 1 - t);

  return mix (&d->bg, series_color, 0.07 + 0.93 * t);
}

static double
heat_max (CePlotDraw *d)
{
  CePlotPlan *l = d->plan;
  double max = 0;

  for (guint k = 0; k < l->visible->len; k++)
    for (guint c = 0; c < l->n_categories; c++)
      {
        double v = ce_chart_model_get_value (d->model, g_array_index (l->visible, guint, k), c);

        if (!isnan (v))
          max = MAX (max, v);
      }

  return max;
}

/* Key: a gradient bar with its ends labelled ------------------------------- */

static double
heatmap_key_width (CePlotDraw *d)
{
  CePlotPlan *l = d->plan;
  g_autofree char *max_text = NULL;

  if (l->visible->len == 0 || l->n_categories == 0)
    return 0;

  l->heat_max = heat_max (d);
  max_text = ce_plot_format_value (d->self, l->heat_max);

  return _ce_plot_measure_text (d, FONT_TICK, "0", 0) + 6 + KEY_BAR_WIDTH + 6
         + _ce_plot_measure_text (d, FONT_TICK, max_text, 0) + 24;
}

static void
heatmap_paint_key (CePlotDraw *d)
{
  CePlotPlan *l = d->plan;
  g_autofree char *max_text = NULL;
  g_autoptr(PangoLayout) zero = NULL;
  g_autoptr(PangoLayout) top = NULL;
  const CeColor *series_color = d->self->ramp == CE_PLOT_RAMP_SEQUENTIAL ? NULL : &d->fg;
  double y_center = l->legend_top + MAX (d->line_height[FONT_LEGEND], 14) / 2;
  double zw, zh, tw, th;
  double x;

  if (l->visible->len == 0 || l->n_categories == 0)
    return;

  max_text = ce_plot_format_value (d->self, l->heat_max);
  zero = _ce_plot_make_layout (d, FONT_TICK, "0");
  top = _ce_plot_make_layout (d, FONT_TICK, max_text);
  _ce_plot_layout_size (zero, &zw, &zh);
  _ce_plot_layout_size (top, &tw, &th);

  x = d->right - tw;
  _ce_plot_show_layout (d, top, x, y_center - th / 2, &d->fg, ALPHA_SECONDARY);
  x -= 6 + KEY_BAR_WIDTH;

  for (int i = 0; i < KEY_BAR_WIDTH; i++)
    {
      CeColor c = heat_color (d, series_color, (i + 0.5) / KEY_BAR_WIDTH);

      set_source (d->cr, &c, 1);
      cairo_rectangle (d->cr, x + i, snap (y_center - KEY_BAR_HEIGHT / 2.), 1, KEY_BAR_HEIGHT);
      cairo_fill (d->cr);
    }

  _ce_plot_show_layout (d, zero, x - 6 - zw, y_center - zh / 2, &d->fg, ALPHA_SECONDARY);
}

/* Plan -------------------------------------------------------------------- */

static void
heat_cell_rect (const CePlotPlan  *l,
                guint              bin,
                guint              row,
                cairo_rectangle_t *rect)
{
  double gap = (l->slot >= 6 && l->row_height >= 6) ? 1 : 0;
  double x0 = snap (l->area.x + bin * l->slot);
  double x1 = snap (l->area.x + (bin + 1) * l->slot);
  double y0 = snap (l->area.y + row * l->row_height);
  double y1 = snap (l->area.y + (row + 1) * l->row_height);

  if (x1 <= x0)
    x1 = x0 + 1;

  rect->x = x0;
  rect->y = y0;
  rect->width = x1 - x0 - gap;
  rect->height = y1 - y0 - gap;
}

/* Values in the cells only if every one fits, so none are silently missing. */
static gboolean
plan_values (CePlotDraw *d)
{
  CePlotPlan *l = d->plan;

  if (l->n_bins != l->n_categories || l->row_height < d->line_height[FONT_VALUE] + 6)
    return FALSE;

  for (guint k = 0; k < l->visible->len; k++)
    for (guint c = 0; c < l->n_categories; c++)
      {
        double v = ce_chart_model_get_value (d->model, g_array_index (l->visible, guint, k), c);
        g_autofree char *text = ce_plot_format_value (d->self, v);

        if (_ce_plot_measure_text (d, FONT_VALUE, text, 0) > l->slot - 8)
          return FALSE;
      }

  return TRUE;
}

static double
heatmap_plan (CePlotDraw *d,
              double      top,
              double      bottom)
{
  CePlotPlan *l = d->plan;
  double names = 0;
  double area_h;

  for (guint k = 0; k < l->visible->len; k++)
    {
      guint s = g_array_index (l->visible, guint, k);

      names = MAX (names, _ce_plot_measure_text (d, FONT_TICK, ce_chart_model_get_series_name (d->model, s),
                                                 (d->right - d->left) * 0.3));
    }

  l->area.x = d->left + names + 10;
  l->area.width = d->right - l->area.x;
  _ce_plot_plan_category_labels (d, l->area.width, l->n_categories, &l->labels);
  if (_ce_plot_keep_labels_inside (d, &l->labels, l->n_categories, &l->area))
    _ce_plot_plan_category_labels (d, l->area.width, l->n_categories, &l->labels);
  _ce_plot_use_label_plan (l);

  area_h = bottom - top - l->labels.height - 8;
  l->area.y = top;
  /* The rows share the height the chart is given, as bars do. */
  l->row_height = MAX (area_h / l->visible->len, 1);
  l->area.height = l->row_height * l->visible->len;

  l->n_bins = l->n_categories;
  if (l->area.width / l->n_categories < 1)
    l->n_bins = MAX (1, fit_count (l->area.width, 1));
  l->slot = l->area.width / l->n_bins;

  l->values = plan_values (d);

  return l->area.y + l->area.height + 8 + l->labels.height;
}

/* Paint ------------------------------------------------------------------- */

static void
paint_cell_value (CePlotDraw              *d,
                  double                   v,
                  const CeColor           *cell,
                  const cairo_rectangle_t *r)
{
  g_autofree char *text = ce_plot_format_value (d->self, v);
  g_autoptr(PangoLayout) layout = _ce_plot_make_layout (d, FONT_VALUE, text);
  CeColor ink;
  double vw, vh;

  /* Dark ink on light cells, light ink on dark ones. */
  if (luminance (cell) > 0.5)
    ink = (CeColor) { 0.1, 0.1, 0.1, 1 };
  else
    ink = (CeColor) { 1, 1, 1, 1 };

  _ce_plot_layout_size (layout, &vw, &vh);
  _ce_plot_show_layout (d, layout, r->x + (r->width - vw) / 2, r->y + (r->height - vh) / 2,
                        &ink, 0.92);
}

static void
paint_row (CePlotDraw *d,
           guint       k)
{
  CePlotPlan *l = d->plan;
  guint s = g_array_index (l->visible, guint, k);
  g_autoptr(PangoLayout) name = _ce_plot_make_layout (d, FONT_TICK,
                                                      ce_chart_model_get_series_name (d->model, s));
  double label_room = l->area.x - d->left - 10;
  CeColor series_color;
  double tw, th;

  ce_chart_model_get_series_color (d->model, s, &series_color);

  pango_layout_set_width (name, (int)(label_room * PANGO_SCALE));
  pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (name, PANGO_ALIGN_RIGHT);
  _ce_plot_layout_size (name, &tw, &th);
  if (l->row_height >= th * 0.8)
    _ce_plot_show_layout (d, name, l->area.x - 10 - label_room,
                          l->area.y + (k + 0.5) * l->row_height - th / 2, &d->fg, ALPHA_SECONDARY);

  for (guint bin = 0; bin < l->n_bins; bin++)
    {
      guint c;
      double v = _ce_plot_bin_value (d->model, l, bin, s, &c);
      cairo_rectangle_t r;
      CeColor cell;

      heat_cell_rect (l, bin, k, &r);

      if (isnan (v))
        {
          set_source (d->cr, &d->fg, 0.04);
          cairo_rectangle (d->cr, r.x, r.y, r.width, r.height);
          cairo_fill (d->cr);
          continue;
        }

      cell = heat_color (d, &series_color, l->heat_max > 0 ? v / l->heat_max : 0);
      set_source (d->cr, &cell, 1);
      cairo_rectangle (d->cr, r.x, r.y, r.width, r.height);
      cairo_fill (d->cr);

      if (l->values)
        paint_cell_value (d, v, &cell, &r);
    }
}

static void
heatmap_paint (CePlotDraw *d)
{
  CePlotPlan *l = d->plan;

  for (guint k = 0; k < l->visible->len; k++)
    paint_row (d, k);

  _ce_plot_paint_category_labels (d, l->area.y + l->area.height + 8);
}

/* Hit testing --------------------------------------------------------------- */

static gboolean
heatmap_hit_test (CePlot    *self,
                  double     x,
                  double     y,
                  CePlotHit *hit)
{
  CePlotPlan *l = &self->plan;
  guint bin;
  guint row;
  guint s;
  guint c;
  double v;
  cairo_rectangle_t r;

  if (l->n_bins == 0 || !in_rect (&l->area, x, y))
    return FALSE;

  bin = MIN ((guint)((x - l->area.x) / l->slot), l->n_bins - 1);
  row = MIN ((guint)((y - l->area.y) / l->row_height), l->visible->len - 1);
  s = g_array_index (l->visible, guint, row);
  v = _ce_plot_bin_value (self->model, l, bin, s, &c);

  heat_cell_rect (l, bin, row, &r);
  set_value_hit (hit, s, c, v, &r);

  return TRUE;
}

static gboolean
heatmap_value_rect (CePlot            *self,
                    guint              series,
                    guint              category,
                    guint              visible_index,
                    double             v,
                    cairo_rectangle_t *rect)
{
  guint bin = _ce_plot_bin_of_category (&self->plan, category);

  /* An empty cell is drawn too */
  heat_cell_rect (&self->plan, bin, visible_index, rect);
  return TRUE;
}

const CePlotKindOps _ce_plot_heatmap_ops = {
  .key_width = heatmap_key_width,
  .paint_key = heatmap_paint_key,
  .plan = heatmap_plan,
  .paint = heatmap_paint,
  .hit_test = heatmap_hit_test,
  .value_rect = heatmap_value_rect,
};
