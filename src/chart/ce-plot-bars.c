/* ce-plot-bars.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bars side by side (CE_PLOT_BARS) and stacked (CE_PLOT_STACKED).
 */

#define G_LOG_DOMAIN "ce-plot"

#include "config.h"

#include "ce-plot-private.h"

/* Geometry ---------------------------------------------------------------- */

/* The category of a bin whose stack is the highest. */
static guint
bin_stack_category (CeChartModel     *model,
                    const CePlotPlan *l,
                    guint             bin)
{
  guint start = bin_start (l, bin);
  guint end = bin + 1 < l->n_bins ? bin_start (l, bin + 1) : l->n_categories;
  guint best = start;
  double best_total = -G_MAXDOUBLE;

  for (guint c = start; c < end; c++)
    {
      double total = ce_chart_model_get_category_total (model, c);

      if (total > best_total)
        {
          best_total = total;
          best = c;
        }
    }

  return best;
}

static void
bar_x_range (const CePlotPlan *l,
             guint             bin,
             guint             visible_index,
             double           *x0,
             double           *x1)
{
  double group_x = l->area.x + bin * l->slot + (l->slot - l->group) / 2;
  double bx;
  double bw = l->bar;

  if (l->kind == CE_PLOT_STACKED)
    bx = group_x;
  else
    bx = group_x + visible_index * (l->bar + l->bar_gap);

  *x0 = snap (bx);
  *x1 = snap (bx + bw);
  if (*x1 <= *x0)
    *x1 = *x0 + 1;
}

static void
bar_rect (const CePlotPlan  *l,
          guint              bin,
          guint              visible_index,
          double             from,
          double             to,
          gboolean           at_least_one_pixel,
          cairo_rectangle_t *rect)
{
  double x0;
  double x1;
  double y0 = snap (value_to_y (l, MAX (from, to)));
  double y1 = snap (value_to_y (l, MIN (from, to)));

  bar_x_range (l, bin, visible_index, &x0, &x1);

  /* A small count must not vanish next to a large one. */
  if (at_least_one_pixel && y1 - y0 < 1 && to != from)
    {
      if (to > from)
        y0 = y1 - 1;
      else
        y1 = y0 + 1;
    }

  rect->x = x0;
  rect->y = y0;
  rect->width = x1 - x0;
  rect->height = y1 - y0;
}

/* The segments of the stacked bar in @bin, bottom up from the zero line
 * on either side; painting and hit-testing both walk them with
 * stack_next(), so they agree on where each one is. */
typedef struct
{
  guint  bin;
  guint  category;
  guint  k;     /* the next visible series */
  double pos;   /* the stack's height above zero so far */
  double neg;   /* and below */
} Stack;

/* The next segment: its series, value and rectangle; FALSE after the last */
static gboolean
stack_next (CeChartModel      *model,
            const CePlotPlan  *l,
            Stack             *stack,
            gboolean           at_least_one_pixel,
            guint             *series,
            double            *value,
            cairo_rectangle_t *rect)
{
  while (stack->k < l->visible->len)
    {
      guint s = g_array_index (l->visible, guint, stack->k++);
      double v = ce_chart_model_get_value (model, s, stack->category);
      double from;

      if (isnan (v) || v == 0)
        continue;

      from = v > 0 ? stack->pos : stack->neg;
      bar_rect (l, stack->bin, 0, from, from + v, at_least_one_pixel, rect);
      if (v > 0)
        stack->pos += v;
      else
        stack->neg += v;

      *series = s;
      *value = v;
      return TRUE;
    }

  return FALSE;
}

/* Plan -------------------------------------------------------------------- */

static void
plan_bar_geometry (CePlotPlan *l)
{
  guint n_vis = l->visible->len;
  gboolean stacked = l->kind == CE_PLOT_STACKED;
  guint bars_per_group = stacked ? 1 : n_vis;
  double per_category = l->area.width / MAX (l->n_categories, 1);
  double max_bar = 56;

  l->n_bins = l->n_categories;
  if (per_category < bars_per_group + 1)
    {
      /* Too many categories for a bar each: columns of 2 px bars and a
       * 1 px gap, each showing the largest value of the categories it
       * covers, read more clearly than a smear of hairlines. */
      double column = bars_per_group * 2 + 1;

      l->n_bins = MAX (1, MIN (l->n_categories, fit_count (l->area.width, column)));
      l->slot = l->area.width / l->n_bins;
      l->bar_gap = 0;
      l->bar = MIN (2, (l->slot - 1) / bars_per_group);
      l->group = l->bar * bars_per_group;
      return;
    }

  l->slot = l->area.width / MAX (l->n_bins, 1);

  if (l->slot >= 12)
    l->group = l->slot * (bars_per_group > 1 ? 0.78 : 0.66);
  else if (l->slot >= 3)
    l->group = l->slot - 1;
  else
    l->group = l->slot;

  l->bar_gap = (l->group / bars_per_group >= 8 && bars_per_group > 1) ? 2 : 0;
  l->bar = (l->group - l->bar_gap * (bars_per_group - 1)) / bars_per_group;

  /* One category or a handful should not turn into slabs. */
  if (l->bar > max_bar)
    {
      l->bar = max_bar;
      l->group = bars_per_group * max_bar + (bars_per_group - 1) * l->bar_gap;
    }
}

/* Values over the bars, when few enough that they help and all fit. */
static gboolean
plan_values (CePlotDraw *d)
{
  CePlotPlan *l = d->plan;
  gboolean stacked = l->kind == CE_PLOT_STACKED;
  guint total_bars = l->n_bins * (stacked ? 1 : l->visible->len);

  if (total_bars > 24 || l->n_bins != l->n_categories)
    return FALSE;

  for (guint c = 0; c < l->n_categories; c++)
    for (guint k = 0; k < l->visible->len; k++)
      {
        guint s = g_array_index (l->visible, guint, k);
        double v = stacked ? ce_chart_model_get_category_total (d->model, c)
                           : ce_chart_model_get_value (d->model, s, c);
        g_autofree char *text = ce_plot_format_value (d->self, v);
        double room = stacked ? l->group : l->bar + l->bar_gap;

        if (_ce_plot_measure_text (d, FONT_VALUE, text, 0) > room + 2)
          return FALSE;
      }

  return TRUE;
}

static double
bars_plan (CePlotDraw *d,
           double      top,
           double      bottom)
{
  CePlotPlan *l = d->plan;

  _ce_plot_plan_category_axis (d, top, bottom);
  plan_bar_geometry (l);
  l->values = plan_values (d);

  return l->area.y + l->area.height + 8 + l->labels.height;
}

/* Paint ------------------------------------------------------------------- */

static void
paint_value (CePlotDraw              *d,
             double                   value,
             const cairo_rectangle_t *r)
{
  g_autofree char *text = ce_plot_format_value (d->self, value);
  g_autoptr(PangoLayout) layout = _ce_plot_make_layout (d, FONT_VALUE, text);
  double value_h = d->line_height[FONT_VALUE];
  double tw;

  _ce_plot_layout_size (layout, &tw, NULL);
  _ce_plot_show_layout (d, layout, r->x + (r->width - tw) / 2,
                        value >= 0 ? r->y - value_h - 2 : r->y + r->height + 2,
                        &d->fg, ALPHA_SECONDARY);
}

/* Fills the current path with @color; a colour too faint against the
 * background keeps its fill and gets an edge inside the path that is not */
static void
fill_bar (CePlotDraw    *d,
          const CeColor *color)
{
  CeColor edge = *color;

  set_source (d->cr, color, 1);
  if (d->min_contrast <= 0 || ce_color_contrast (color, &d->bg) >= d->min_contrast)
    {
      cairo_fill (d->cr);
      return;
    }

  cairo_fill_preserve (d->cr);
  /* With a margin, so that the edge's smoothed pixels keep the ratio too;
   * two pixels wide, inside the bar */
  ce_color_ensure_contrast (&edge, &d->bg, &d->fg, d->min_contrast * 1.5);
  cairo_save (d->cr);
  cairo_clip_preserve (d->cr);
  set_source (d->cr, &edge, 1);
  cairo_set_line_width (d->cr, 4);
  cairo_stroke (d->cr);
  cairo_restore (d->cr);
}

static void
paint_stack (CePlotDraw *d,
             guint       bin)
{
  CePlotPlan *l = d->plan;
  Stack stack = { bin, bin_stack_category (d->model, l, bin), 0, 0, 0 };
  cairo_rectangle_t r = { 0 };
  guint s;
  double v;

  while (stack_next (d->model, l, &stack, FALSE, &s, &v, &r))
    {
      CeColor color;

      ce_chart_model_get_series_color (d->model, s, &color);
      cairo_rectangle (d->cr, r.x, r.y, r.width, r.height);
      fill_bar (d, &color);
    }

  if (l->values && stack.pos > 0)
    {
      bar_rect (l, bin, 0, 0, stack.pos, TRUE, &r);
      paint_value (d, stack.pos, &r);
    }
}

static void
paint_bar_group (CePlotDraw *d,
                 guint       bin)
{
  CePlotPlan *l = d->plan;
  gboolean rounded = l->bar >= 10;

  for (guint k = 0; k < l->visible->len; k++)
    {
      guint s = g_array_index (l->visible, guint, k);
      guint c;
      double v = _ce_plot_bin_value (d->model, l, bin, s, &c);
      cairo_rectangle_t r;
      CeColor color;

      if (isnan (v))
        continue;

      bar_rect (l, bin, k, 0, v, TRUE, &r);
      ce_chart_model_get_series_color (d->model, s, &color);

      if (rounded && r.height > 3 && v > 0)
        {
          /* Slightly rounded tops; the base stays square on the axis. */
          double radius = 2.5;

          cairo_new_path (d->cr);
          cairo_move_to (d->cr, r.x, r.y + r.height);
          cairo_line_to (d->cr, r.x, r.y + radius);
          cairo_arc (d->cr, r.x + radius, r.y + radius, radius, G_PI, 1.5 * G_PI);
          cairo_arc (d->cr, r.x + r.width - radius, r.y + radius, radius, 1.5 * G_PI, 2 * G_PI);
          cairo_line_to (d->cr, r.x + r.width, r.y + r.height);
          cairo_close_path (d->cr);
        }
      else
        cairo_rectangle (d->cr, r.x, r.y, r.width, r.height);
      fill_bar (d, &color);

      if (l->values)
        paint_value (d, v, &r);
    }
}

static void
bars_paint (CePlotDraw *d)
{
  CePlotPlan *l = d->plan;

  _ce_plot_paint_value_grid (d);

  for (guint bin = 0; bin < l->n_bins; bin++)
    {
      if (l->kind == CE_PLOT_STACKED)
        paint_stack (d, bin);
      else
        paint_bar_group (d, bin);
    }

  _ce_plot_paint_baseline (d);
  _ce_plot_paint_category_labels (d, l->area.y + l->area.height + 8);
  _ce_plot_paint_y_title (d, d->left);
}

/* Hit testing --------------------------------------------------------------- */

/* The whole slot of @bin, standing for @category */
static void
set_bin_hit (CePlotHit        *hit,
             const CePlotPlan *l,
             guint             bin,
             guint             category)
{
  hit->kind = CE_PLOT_HIT_CATEGORY;
  hit->category = category;
  hit->area = (cairo_rectangle_t) { l->area.x + bin * l->slot, l->area.y, l->slot, l->area.height };
}

static gboolean
bars_hit_test (CePlot    *self,
               double     x,
               double     y,
               CePlotHit *hit)
{
  CePlotPlan *l = &self->plan;
  guint bin;

  if (l->n_bins == 0)
    return FALSE;

  if (x < l->area.x || x >= l->area.x + l->area.width
      || y < l->area.y - 4 || y > l->area.y + l->area.height + 4)
    return FALSE;

  bin = MIN ((guint)((x - l->area.x) / l->slot), l->n_bins - 1);

  if (l->kind == CE_PLOT_STACKED)
    {
      Stack stack = { bin, bin_stack_category (self->model, l, bin), 0, 0, 0 };
      cairo_rectangle_t r;
      guint s;
      double v;

      while (stack_next (self->model, l, &stack, TRUE, &s, &v, &r))
        {
          if (in_rect (&r, x, y))
            {
              set_value_hit (hit, s, stack.category, v, &r);
              return TRUE;
            }
        }

      set_bin_hit (hit, l, bin, stack.category);
      return TRUE;
    }

  for (guint k = 0; k < l->visible->len; k++)
    {
      guint s = g_array_index (l->visible, guint, k);
      guint c;
      double v = _ce_plot_bin_value (self->model, l, bin, s, &c);
      cairo_rectangle_t r;
      cairo_rectangle_t target;

      if (isnan (v))
        continue;

      bar_rect (l, bin, k, 0, v, TRUE, &r);

      /* Short bars are hard to hit: accept the pointer a little above. */
      target = r;
      if (target.height < 6)
        {
          target.y -= 6 - target.height;
          target.height = 6;
        }

      if (x >= target.x && x < target.x + target.width
          && y >= target.y && y < target.y + target.height)
        {
          set_value_hit (hit, s, c, v, &r);
          return TRUE;
        }
    }

  set_bin_hit (hit, l, bin, bin_start (l, bin));
  return TRUE;
}

static gboolean
bars_value_rect (CePlot            *self,
                 guint              series,
                 guint              category,
                 guint              visible_index,
                 double             v,
                 cairo_rectangle_t *rect)
{
  CePlotPlan *l = &self->plan;
  double pos = 0;
  double neg = 0;

  if (isnan (v))
    return FALSE;

  if (l->kind == CE_PLOT_BARS)
    {
      bar_rect (l, _ce_plot_bin_of_category (l, category), visible_index, 0, v, TRUE, rect);
      return TRUE;
    }

  for (guint k = 0; k < visible_index; k++)
    {
      guint s = g_array_index (l->visible, guint, k);
      double below = ce_chart_model_get_value (self->model, s, category);

      if (isnan (below))
        continue;
      if (below > 0)
        pos += below;
      else
        neg += below;
    }

  bar_rect (l, _ce_plot_bin_of_category (l, category), 0, v > 0 ? pos : neg,
            (v > 0 ? pos : neg) + v, TRUE, rect);
  return TRUE;
}

const CePlotKindOps _ce_plot_bars_ops = {
  .plan = bars_plan,
  .paint = bars_paint,
  .hit_test = bars_hit_test,
  .value_rect = bars_value_rect,
};
