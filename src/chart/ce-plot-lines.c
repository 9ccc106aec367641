/* ce-plot-lines.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lines (CE_PLOT_LINES): on a time axis when every category is a dated
 * period, otherwise on the category axis the bars use.
 */

#define G_LOG_DOMAIN "ce-plot"

#include "config.h"

#include "ce-plot-private.h"

/* Time axis ------------------------------------------------------------- */

static const CePlotTimeStep time_steps[] = {
  { 0, 1 }, { 0, 2 }, { 0, 7 }, { 0, 14 },
  { 1, 0 }, { 2, 0 }, { 3, 0 }, { 6, 0 },
  { 12, 0 }, { 24, 0 }, { 60, 0 }, { 120, 0 }, { 240, 0 }, { 600, 0 }, { 1200, 0 },
};

static double
day_to_x (const CePlotPlan *l,
          double            day)
{
  double span = l->t1 - l->t0;

  if (!(span > 0))
    span = 1;

  return l->area.x + (day - l->t0) / span * l->area.width;
}

static double
point_x (CeChartModel     *model,
         const CePlotPlan *l,
         guint             category)
{
  guint32 start;
  guint32 end;

  if (l->time_axis && ce_chart_model_get_category_dates (model, category, &start, &end))
    return day_to_x (l, (start + (double)end) / 2);

  return category_center_x (l, category);
}

/* The first tick at or after @t0 for a step, on a calendar boundary. */
static void
time_first_tick (const CePlotTimeStep *step,
                 guint32               t0,
                 GDate                *date)
{
  g_date_clear (date, 1);
  g_date_set_julian (date, t0);

  if (step->months == 0)
    {
      if (step->days == 7 || step->days == 14)
        {
          /* Weeks start on Monday. */
          guint weekday = g_date_get_weekday (date);

          if (weekday != G_DATE_MONDAY)
            g_date_add_days (date, 8 - weekday);
        }
      return;
    }

  if (g_date_get_day (date) != 1)
    {
      g_date_set_day (date, 1);
      g_date_add_months (date, 1);
    }

  /* Align to multiples of the step: quarters start in Jan/Apr/Jul/Oct,
   * five-year steps on years divisible by five. */
  if (step->months < 12)
    {
      while ((g_date_get_month (date) - 1) % step->months != 0)
        g_date_add_months (date, 1);
    }
  else
    {
      guint years = step->months / 12;

      while (g_date_get_month (date) != G_DATE_JANUARY)
        g_date_add_months (date, 1);
      while (g_date_get_year (date) % years != 0)
        g_date_add_years (date, 1);
    }
}

static void
time_advance (const CePlotTimeStep *step,
              GDate                *date)
{
  if (step->months > 0)
    g_date_add_months (date, step->months);
  else
    g_date_add_days (date, step->days);
}

static guint
time_count_ticks (const CePlotTimeStep *step,
                  guint32               t0,
                  guint32               t1)
{
  GDate date;
  guint n = 0;

  time_first_tick (step, t0, &date);
  while (g_date_get_julian (&date) <= t1 && n < 10000)
    {
      n++;
      time_advance (step, &date);
    }

  return n;
}

static char *
time_label (const CePlotTimeStep *step,
            const GDate          *date,
            gboolean              first)
{
  char text[64];
  gboolean new_year = g_date_get_month (date) == G_DATE_JANUARY && g_date_get_day (date) <= step->days + 1;

  if (step->months >= 12)
    g_date_strftime (text, sizeof text, "%Y", date);
  else if (step->months > 0)
    g_date_strftime (text, sizeof text,
                     first || g_date_get_month (date) == G_DATE_JANUARY ? "%b\n%Y" : "%b",
                     date);
  else
    g_date_strftime (text, sizeof text,
                     first || new_year ? "%e %b\n%Y" : "%e %b",
                     date);

  return g_strdup (g_strstrip (text));
}

static void
plan_time_ticks (CePlotDraw     *d,
                 double          area_width,
                 CePlotTimePlan *plan)
{
  CePlotPlan *l = d->plan;
  double label_w = _ce_plot_measure_text (d, FONT_TICK, "Sep 2000", 0) + 18;
  guint max_ticks = MAX (2, fit_count (area_width, label_w));

  plan->step = time_steps[G_N_ELEMENTS (time_steps) - 1];
  for (guint i = 0; i < G_N_ELEMENTS (time_steps); i++)
    {
      guint n = time_count_ticks (&time_steps[i], (guint32)l->t0, (guint32)l->t1);

      /* Day-level steps only make sense for buckets shorter than them. */
      if (n <= max_ticks && n >= 1)
        {
          plan->step = time_steps[i];
          break;
        }
    }

  plan->n = time_count_ticks (&plan->step, (guint32)l->t0, (guint32)l->t1);
  plan->label_height = plan->step.months >= 12 ? d->line_height[FONT_TICK] + 6
                                               : 2 * d->line_height[FONT_TICK] + 6;
}

/* Like _ce_plot_plan_category_axis(), with dates below: two passes settle
 * the width of the tick labels and the height of the dates. */
static void
plan_time_axis (CePlotDraw *d,
                double      top,
                double      bottom)
{
  CePlotPlan *l = d->plan;
  CePlotTicks ticks;
  double min, max;
  double area_h = bottom - top - 40;

  l->t0 = G_MAXDOUBLE;
  l->t1 = 0;
  for (guint c = 0; c < l->n_categories; c++)
    {
      guint32 start, end;

      ce_chart_model_get_category_dates (d->model, c, &start, &end);
      l->t0 = MIN (l->t0, start);
      l->t1 = MAX (l->t1, end);
    }

  _ce_plot_data_range (d, &min, &max);
  for (guint pass = 0; pass < 2; pass++)
    {
      _ce_plot_compute_ticks (d, min, max, area_h, &ticks);
      l->area.x = d->left + _ce_plot_y_title_room (d) + ticks.label_width + 8;
      l->area.width = d->right - l->area.x;
      plan_time_ticks (d, l->area.width, &l->time);
      area_h = bottom - top - l->time.label_height - 8;
    }

  l->area.y = top;
  l->area.height = MAX (area_h, 20);
  l->ticks = ticks;
  l->y_min = ticks.first;
  l->y_max = ticks.first + (ticks.n - 1) * ticks.step;
}

static double
lines_plan (CePlotDraw *d,
            double      top,
            double      bottom)
{
  CePlotPlan *l = d->plan;

  l->time_axis = ce_chart_model_has_dates (d->model);
  if (l->time_axis)
    plan_time_axis (d, top, bottom);
  else
    _ce_plot_plan_category_axis (d, top, bottom);

  l->n_bins = l->n_categories;
  l->slot = l->area.width / l->n_categories;

  return l->area.y + l->area.height + 8 + (l->time_axis ? l->time.label_height : l->labels.height);
}

/* Paint ------------------------------------------------------------------- */

static gboolean
period_follows (CeChartModel     *model,
                const CePlotPlan *l,
                guint             previous,
                guint             category)
{
  guint32 prev_start, prev_end, start, end;

  if (!l->time_axis)
    return TRUE;

  ce_chart_model_get_category_dates (model, previous, &prev_start, &prev_end);
  ce_chart_model_get_category_dates (model, category, &start, &end);

  /* A missing period between two buckets is a gap, like a NaN. */
  return start <= prev_end;
}

typedef struct
{
  gboolean active;
  double   column;
  double   y_min;
  double   y_max;
  double   y_first;
  double   x_last;
  double   y_last;
} Column;

static void
column_start (Column *column,
              double  x,
              double  y)
{
  column->active = TRUE;
  column->column = floor (x);
  column->y_min = column->y_max = column->y_first = y;
  column->x_last = x;
  column->y_last = y;
}

static void
column_flush (cairo_t *cr,
              Column  *column)
{
  if (!column->active)
    return;

  if (column->y_min != column->y_first || column->y_max != column->y_first
      || column->y_last != column->y_first)
    {
      cairo_line_to (cr, column->x_last, column->y_min);
      cairo_line_to (cr, column->x_last, column->y_max);
      cairo_line_to (cr, column->x_last, column->y_last);
    }

  column->active = FALSE;
}

static void
paint_line (CePlotDraw *d,
            guint       s,
            gboolean    dense)
{
  CePlotPlan *l = d->plan;
  gboolean pen_down = FALSE;
  guint previous = 0;
  Column column = { 0 };

  cairo_set_line_width (d->cr, l->n_categories > 400 ? 1.25 : 2);
  cairo_new_path (d->cr);

  /* With more points than pixels, each pixel column is drawn as its
   * lowest and highest point: the same picture, a fraction of the
   * path to stroke. */
  for (guint c = 0; c < l->n_categories; c++)
    {
      double v = ce_chart_model_get_value (d->model, s, c);
      double x, y;

      if (isnan (v))
        {
          column_flush (d->cr, &column);
          pen_down = FALSE;
          continue;
        }

      x = point_x (d->model, l, c);
      y = value_to_y (l, v);
      if (pen_down && period_follows (d->model, l, previous, c))
        {
          if (dense && column.active && floor (x) == column.column)
            {
              column.y_min = MIN (column.y_min, y);
              column.y_max = MAX (column.y_max, y);
              column.x_last = x;
              column.y_last = y;
            }
          else
            {
              column_flush (d->cr, &column);
              cairo_line_to (d->cr, x, y);
              column_start (&column, x, y);
            }
        }
      else
        {
          column_flush (d->cr, &column);
          cairo_move_to (d->cr, x, y);
          column_start (&column, x, y);
        }

      pen_down = TRUE;
      previous = c;
    }
  column_flush (d->cr, &column);
  cairo_stroke (d->cr);
}

/* Points: every one when there is room, otherwise those standing alone
 * between gaps, which no line would show. */
static void
paint_points (CePlotDraw *d,
              guint       s,
              gboolean    markers)
{
  CePlotPlan *l = d->plan;

  for (guint c = 0; c < l->n_categories; c++)
    {
      double v = ce_chart_model_get_value (d->model, s, c);
      gboolean alone;

      if (isnan (v))
        continue;

      alone = (c == 0 || isnan (ce_chart_model_get_value (d->model, s, c - 1))
               || !period_follows (d->model, l, c - 1, c))
              && (c + 1 >= l->n_categories
                  || isnan (ce_chart_model_get_value (d->model, s, c + 1))
                  || !period_follows (d->model, l, c, c + 1));

      if (!markers && !alone)
        continue;

      cairo_new_path (d->cr);
      cairo_arc (d->cr, point_x (d->model, l, c), value_to_y (l, v),
                 markers ? 3.25 : 2.25, 0, 2 * G_PI);
      cairo_fill (d->cr);
    }
}

static void
paint_lines (CePlotDraw *d)
{
  CePlotPlan *l = d->plan;
  double spacing = l->area.width / MAX (l->n_categories, 1);
  gboolean markers = spacing >= 7;
  gboolean dense = spacing < 1;

  cairo_save (d->cr);
  cairo_rectangle (d->cr, l->area.x - 6, l->area.y - 6, l->area.width + 12, l->area.height + 12);
  cairo_clip (d->cr);
  /* Round joins cost a lot on thousands of zigzags, where bevels look
   * the same. */
  cairo_set_line_join (d->cr, dense ? CAIRO_LINE_JOIN_BEVEL : CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (d->cr, CAIRO_LINE_CAP_ROUND);

  for (guint k = 0; k < l->visible->len; k++)
    {
      guint s = g_array_index (l->visible, guint, k);
      CeColor color;

      ce_chart_model_get_series_color (d->model, s, &color);
      set_source (d->cr, &color, 1);
      paint_line (d, s, dense);
      paint_points (d, s, markers);
    }

  cairo_restore (d->cr);
}

static void
paint_time_axis (CePlotDraw *d,
                 double      y)
{
  CePlotPlan *l = d->plan;
  const CePlotTimePlan *plan = &l->time;
  GDate date;
  gboolean first = TRUE;

  time_first_tick (&plan->step, (guint32)l->t0, &date);
  while (g_date_get_julian (&date) <= (guint32)l->t1)
    {
      double x = snap (day_to_x (l, g_date_get_julian (&date))) + 0.5;
      g_autofree char *text = time_label (&plan->step, &date, first);
      g_autoptr(PangoLayout) layout = _ce_plot_make_layout (d, FONT_TICK, text);
      double tw, th;

      set_source (d->cr, &d->fg, ALPHA_GRID);
      cairo_set_line_width (d->cr, 1);
      cairo_move_to (d->cr, x, l->area.y);
      cairo_line_to (d->cr, x, l->area.y + l->area.height);
      cairo_stroke (d->cr);

      set_source (d->cr, &d->fg, ALPHA_AXIS);
      cairo_move_to (d->cr, x, l->area.y + l->area.height);
      cairo_line_to (d->cr, x, l->area.y + l->area.height + 4);
      cairo_stroke (d->cr);

      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      _ce_plot_layout_size (layout, &tw, &th);
      _ce_plot_show_layout (d, layout, CLAMP (x - tw / 2, d->pad, d->width - d->pad - tw), y,
                            &d->fg, ALPHA_SECONDARY);

      first = FALSE;
      time_advance (&plan->step, &date);
    }
}

static void
lines_paint (CePlotDraw *d)
{
  CePlotPlan *l = d->plan;

  _ce_plot_paint_value_grid (d);
  if (l->time_axis)
    {
      paint_time_axis (d, l->area.y + l->area.height + 8);
      _ce_plot_paint_baseline (d);
      paint_lines (d);
    }
  else
    {
      paint_lines (d);
      _ce_plot_paint_baseline (d);
      _ce_plot_paint_category_labels (d, l->area.y + l->area.height + 8);
    }
  _ce_plot_paint_y_title (d, d->left);
}

/* Hit testing --------------------------------------------------------------- */

static gboolean
lines_hit_test (CePlot    *self,
                double     x,
                double     y,
                CePlotHit *hit)
{
  CePlotPlan *l = &self->plan;
  double best = 10 * 10;
  int best_category = -1;
  double best_dx = G_MAXDOUBLE;

  if (l->n_categories == 0)
    return FALSE;

  if (x < l->area.x - 8 || x > l->area.x + l->area.width + 8
      || y < l->area.y - 8 || y > l->area.y + l->area.height + 8)
    return FALSE;

  for (guint c = 0; c < l->n_categories; c++)
    {
      double px = point_x (self->model, l, c);
      double dx = fabs (px - x);

      if (dx < best_dx)
        {
          best_dx = dx;
          best_category = c;
        }

      if (dx * dx > best)
        continue;

      for (guint k = 0; k < l->visible->len; k++)
        {
          guint s = g_array_index (l->visible, guint, k);
          double v = ce_chart_model_get_value (self->model, s, c);
          double py;
          double dist;

          if (isnan (v))
            continue;

          py = value_to_y (l, v);
          dist = dx * dx + (py - y) * (py - y);
          if (dist <= best)
            {
              best = dist;
              set_value_hit (hit, s, c, v, &(cairo_rectangle_t) { px - 4, py - 4, 8, 8 });
            }
        }
    }

  if (hit->kind == CE_PLOT_HIT_VALUE)
    return TRUE;

  if (best_category >= 0)
    {
      double px = point_x (self->model, l, best_category);

      hit->kind = CE_PLOT_HIT_CATEGORY;
      hit->category = best_category;
      hit->area = (cairo_rectangle_t) { px, l->area.y, 0, l->area.height };
      return TRUE;
    }

  return FALSE;
}

static gboolean
lines_value_rect (CePlot            *self,
                  guint              series,
                  guint              category,
                  guint              visible_index,
                  double             v,
                  cairo_rectangle_t *rect)
{
  double x;
  double y;

  if (isnan (v))
    return FALSE;

  x = point_x (self->model, &self->plan, category);
  y = value_to_y (&self->plan, v);
  *rect = (cairo_rectangle_t) { x - 4, y - 4, 8, 8 };
  return TRUE;
}

const CePlotKindOps _ce_plot_lines_ops = {
  .plan = lines_plan,
  .paint = lines_paint,
  .hit_test = lines_hit_test,
  .value_rect = lines_value_rect,
};
