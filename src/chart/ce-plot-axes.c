/* ce-plot-axes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Axes shared by the chart kinds: category labels (horizontal, thinned or
 * rotated), the value axis with its ticks and grid, the axis titles, and
 * the bins that aggregate categories when there are more than pixels.
 */

#define G_LOG_DOMAIN "ce-plot"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-plot-private.h"

/* Bins ------------------------------------------------------------------- */

guint
_ce_plot_bin_of_category (const CePlotPlan *l,
                          guint             category)
{
  guint bin = (guint)((guint64)category * l->n_bins / l->n_categories);

  while (bin + 1 < l->n_bins && bin_start (l, bin + 1) <= category)
    bin++;
  while (bin > 0 && bin_start (l, bin) > category)
    bin--;

  return bin;
}

/* The value a bin shows for one series: its largest, so peaks survive
 * aggregation.  @category is set to the category that holds it. */
double
_ce_plot_bin_value (CeChartModel     *model,
                    const CePlotPlan *l,
                    guint             bin,
                    guint             series,
                    guint            *category)
{
  guint start = bin_start (l, bin);
  guint end = bin + 1 < l->n_bins ? bin_start (l, bin + 1) : l->n_categories;
  double best = NAN;

  *category = start;
  for (guint c = start; c < end; c++)
    {
      double v = ce_chart_model_get_value (model, series, c);

      if (!isnan (v) && (isnan (best) || v > best))
        {
          best = v;
          *category = c;
        }
    }

  return best;
}

/* Category labels ------------------------------------------------------- */

/* Label steps also go 1-2-5, so the labels that stay are round positions. */
guint
_ce_plot_nice_label_step (double rough)
{
  static const guint steps[] = { 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500,
                                 1000, 2000, 2500, 5000, 10000, 20000, 50000,
                                 100000 };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] >= rough)
      return steps[i];

  if (!(rough < 1e6))
    return 1000000;

  return (guint)ceil (rough);
}

static double
widest_word (CePlotDraw *d,
             const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  double widest = 0;

  for (guint i = 0; words[i] != NULL; i++)
    widest = MAX (widest, _ce_plot_measure_text (d, FONT_TICK, words[i], 0));

  return widest;
}

void
_ce_plot_plan_category_labels (CePlotDraw      *d,
                               double           area_width,
                               guint            n,
                               CePlotLabelPlan *plan)
{
  double slot = area_width / MAX (n, 1);
  double line_h = d->line_height[FONT_TICK];
  guint sample_step = MAX (1, n / 60);
  double typical = 0;
  guint step_h;
  guint step_r;

  memset (plan, 0, sizeof *plan);
  plan->mode = LABELS_HORIZONTAL;
  plan->step = 1;

  if (n == 0)
    {
      plan->mode = LABELS_NONE;
      return;
    }

  /* Wide slots: every label horizontal, wrapped on two lines if need be. */
  if (slot >= 36)
    {
      gboolean fits = TRUE;
      double height = 0;

      for (guint i = 0; i < n && fits; i++)
        {
          const char *label = ce_chart_model_get_category_label (d->model, i);
          g_autoptr(PangoLayout) layout = _ce_plot_make_layout (d, FONT_TICK, label);
          double h;

          pango_layout_set_width (layout, (int)((slot - 6) * PANGO_SCALE));
          pango_layout_set_height (layout, -2);
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
          pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
          _ce_plot_layout_size (layout, NULL, &h);
          height = MAX (height, h);

          if (pango_layout_is_ellipsized (layout) || widest_word (d, label) > slot - 6)
            fits = FALSE;
        }

      if (fits)
        {
          plan->max_length = slot - 6;
          plan->height = height + 6;
          return;
        }
    }

  /* Otherwise compare thinned horizontal labels with rotated ones, judging
   * from a sample so that 3,000 categories cost no more than 60. */
  for (guint i = 0; i < n; i += sample_step)
    typical = MAX (typical, _ce_plot_measure_text (d, FONT_TICK,
                                                   ce_chart_model_get_category_label (d->model, i),
                                                   160));

  step_h = _ce_plot_nice_label_step ((typical + 14) / slot);
  step_r = _ce_plot_nice_label_step (line_h * 1.5 / slot);

  /* Every bar named is worth tilting the labels for; only when tilted
   * labels must be thinned too do short horizontal ones win. */
  if (step_h <= 1 || (step_r > 1 && ((step_h <= 2 * step_r && typical <= 90) || typical <= 40)))
    {
      plan->mode = LABELS_HORIZONTAL;
      plan->step = step_h;
      plan->max_length = step_h * slot - 10;
      plan->height = line_h + 6;
      return;
    }

  plan->mode = LABELS_ROTATED;
  plan->step = step_r;
  plan->max_length = MIN (160, d->height * 0.24);
  {
    double longest = 0;

    for (guint i = 0; i < n; i += plan->step)
      {
        longest = MAX (longest, _ce_plot_measure_text (d, FONT_TICK,
                                                       ce_chart_model_get_category_label (d->model, i),
                                                       plan->max_length));
        /* Enough of a sample to size the margin; the rest get ellipsized. */
        if (i / plan->step > 200)
          break;
      }

    plan->height = (longest + line_h) * SQRT1_2 + 8;
    plan->overhang = (longest + line_h) * SQRT1_2;
  }
}

/* Rotated labels reach left of their category: narrows @area so the
 * first one stays inside the left margin.  Returns TRUE when it moved. */
gboolean
_ce_plot_keep_labels_inside (CePlotDraw            *d,
                             const CePlotLabelPlan *plan,
                             guint                  n_categories,
                             cairo_rectangle_t     *area)
{
  double first_x;
  double need;

  if (plan->mode != LABELS_ROTATED)
    return FALSE;

  first_x = area->x + area->width / n_categories / 2;
  need = d->left + plan->overhang - first_x;
  if (need <= 0)
    return FALSE;

  area->x += need;
  area->width -= need;
  return TRUE;
}

/* The plan's labels are the ones hit tests and the view report */
void
_ce_plot_use_label_plan (CePlotPlan *l)
{
  if (l->labels.mode == LABELS_NONE)
    return;

  l->label_step = l->labels.step;
  l->label_mode = l->labels.mode;
}

void
_ce_plot_paint_category_labels (CePlotDraw *d,
                                double      y)
{
  CePlotPlan *l = d->plan;
  const CePlotLabelPlan *plan = &l->labels;

  if (plan->mode == LABELS_NONE)
    return;

  for (guint i = 0; i < l->n_categories; i += plan->step)
    {
      const char *label = ce_chart_model_get_category_label (d->model, i);
      g_autoptr(PangoLayout) layout = _ce_plot_make_layout (d, FONT_TICK, label);
      double cx = category_center_x (l, i);
      double tw, th;

      if (plan->step > 1)
        {
          /* Tick marks show which category a thinned label belongs to. */
          set_source (d->cr, &d->fg, ALPHA_AXIS);
          cairo_set_line_width (d->cr, 1);
          cairo_move_to (d->cr, snap (cx) + 0.5, y - 6);
          cairo_line_to (d->cr, snap (cx) + 0.5, y - 2);
          cairo_stroke (d->cr);
        }

      pango_layout_set_width (layout, (int)(plan->max_length * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);

      if (plan->mode == LABELS_HORIZONTAL)
        {
          double x;

          if (plan->step == 1)
            {
              pango_layout_set_height (layout, -2);
              pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
            }
          pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
          _ce_plot_layout_size (layout, &tw, &th);
          /* A centred layout of set width centres its lines inside it. */
          x = cx - plan->max_length / 2;
          x = CLAMP (x, d->pad - (plan->max_length - tw) / 2,
                     d->width - d->pad - plan->max_length + (plan->max_length - tw) / 2);
          _ce_plot_show_layout (d, layout, x, y, &d->fg, ALPHA_SECONDARY);
        }
      else
        {
          pango_layout_set_width (layout, -1);
          _ce_plot_layout_size (layout, &tw, &th);
          if (tw > plan->max_length)
            {
              pango_layout_set_width (layout, (int)(plan->max_length * PANGO_SCALE));
              _ce_plot_layout_size (layout, &tw, &th);
            }

          cairo_save (d->cr);
          cairo_translate (d->cr, cx, y + th * 0.36);
          cairo_rotate (d->cr, -G_PI / 4);
          _ce_plot_show_layout (d, layout, -tw - 2, -th / 2, &d->fg, ALPHA_SECONDARY);
          cairo_restore (d->cr);
        }
    }
}

/* Value axis -------------------------------------------------------------- */

void
_ce_plot_compute_ticks (CePlotDraw  *d,
                        double       min,
                        double       max,
                        double       area_height,
                        CePlotTicks *ticks)
{
  /* A gridline every 36 px or more, and never more than eight: more only
   * add ink. */
  guint max_ticks = CLAMP (fit_count (area_height, 36) + 1, 2, 8);

  ticks->n = ce_plot_nice_ticks (min, max, max_ticks, &ticks->first, &ticks->step);

  if (d->integral && ticks->step < 1)
    {
      /* Counts are whole numbers: no tick at 2.5 mentions. */
      double hi = ticks->first + (ticks->n - 1) * ticks->step;

      ticks->step = 1;
      ticks->first = floor (ticks->first);
      ticks->n = (guint)(ceil (hi) - ticks->first) + 1;
      if (ticks->n < 2)
        ticks->n = 2;
    }

  ticks->label_width = 0;
  for (guint i = 0; i < ticks->n; i++)
    {
      g_autofree char *text = ce_plot_format_tick (ticks->first + i * ticks->step,
                                                   ticks->step, d->percent);

      ticks->label_width = MAX (ticks->label_width, _ce_plot_measure_text (d, FONT_TICK, text, 0));
    }
}

/* The smallest and largest values over the visible series, and 0; stacks
 * add up for stacked bars. */
void
_ce_plot_data_range (CePlotDraw *d,
                     double     *min,
                     double     *max)
{
  CePlotPlan *l = d->plan;
  gboolean stacked = l->kind == CE_PLOT_STACKED;

  *min = 0;
  *max = 0;

  for (guint c = 0; c < l->n_categories; c++)
    {
      double pos = 0;
      double neg = 0;

      for (guint k = 0; k < l->visible->len; k++)
        {
          guint s = g_array_index (l->visible, guint, k);
          double v = ce_chart_model_get_value (d->model, s, c);

          if (isnan (v))
            continue;

          if (stacked)
            {
              if (v > 0)
                pos += v;
              else
                neg += v;
            }
          else
            {
              *max = MAX (*max, v);
              *min = MIN (*min, v);
            }
        }

      if (stacked)
        {
          *max = MAX (*max, pos);
          *min = MIN (*min, neg);
        }
    }
}

/**
 * _ce_plot_plan_category_axis:
 *
 * Plans a value axis on the left and category labels below, for bars and
 * for lines without a time axis: the tick labels' width decides where the
 * data starts, which decides how much room the category labels have, which
 * decides the data's height, which decides the ticks; three passes settle
 * it.
 */
void
_ce_plot_plan_category_axis (CePlotDraw *d,
                             double      top,
                             double      bottom)
{
  CePlotPlan *l = d->plan;
  CePlotTicks ticks;
  double min, max;
  double area_h = bottom - top - 40;

  _ce_plot_data_range (d, &min, &max);
  for (guint pass = 0; pass < 3; pass++)
    {
      _ce_plot_compute_ticks (d, min, max, area_h, &ticks);
      l->area.x = d->left + _ce_plot_y_title_room (d) + ticks.label_width + 8;
      l->area.width = d->right - l->area.x;
      _ce_plot_plan_category_labels (d, l->area.width, l->n_categories, &l->labels);

      _ce_plot_keep_labels_inside (d, &l->labels, l->n_categories, &l->area);
      area_h = bottom - top - l->labels.height - 4;
    }

  l->area.y = top;
  l->area.height = MAX (area_h, 20);
  l->ticks = ticks;
  l->y_min = ticks.first;
  l->y_max = ticks.first + (ticks.n - 1) * ticks.step;
  _ce_plot_use_label_plan (l);
}

void
_ce_plot_paint_value_grid (CePlotDraw *d)
{
  CePlotPlan *l = d->plan;
  const CePlotTicks *ticks = &l->ticks;

  cairo_set_line_width (d->cr, 1);

  for (guint i = 0; i < ticks->n; i++)
    {
      double v = ticks->first + i * ticks->step;
      g_autofree char *text = ce_plot_format_tick (v, ticks->step, d->percent);
      g_autoptr(PangoLayout) layout = _ce_plot_make_layout (d, FONT_TICK, text);
      double y = snap (value_to_y (l, v)) + 0.5;
      double tw, th;

      if (fabs (v) > ticks->step * 1e-6)
        {
          set_source (d->cr, &d->fg, ALPHA_GRID);
          cairo_move_to (d->cr, l->area.x, y);
          cairo_line_to (d->cr, l->area.x + l->area.width, y);
          cairo_stroke (d->cr);
        }

      _ce_plot_layout_size (layout, &tw, &th);
      _ce_plot_show_layout (d, layout, l->area.x - 8 - tw, y - th / 2, &d->fg, ALPHA_SECONDARY);
    }
}

void
_ce_plot_paint_baseline (CePlotDraw *d)
{
  CePlotPlan *l = d->plan;
  double y = snap (value_to_y (l, MAX (l->y_min, 0))) + 0.5;

  set_source (d->cr, &d->fg, ALPHA_AXIS);
  cairo_set_line_width (d->cr, 1);
  cairo_move_to (d->cr, l->area.x, y);
  cairo_line_to (d->cr, l->area.x + l->area.width, y);
  cairo_stroke (d->cr);
}

/* Axis titles ------------------------------------------------------------- */

double
_ce_plot_y_title_room (CePlotDraw *d)
{
  if (!text_is_set (ce_chart_model_get_y_title (d->model)))
    return 0;

  return d->line_height[FONT_AXIS_TITLE] + 10;
}

void
_ce_plot_paint_y_title (CePlotDraw *d,
                        double      x)
{
  CePlotPlan *l = d->plan;
  const char *title = ce_chart_model_get_y_title (d->model);
  g_autoptr(PangoLayout) layout = NULL;
  double tw, th;

  if (!text_is_set (title))
    return;

  layout = _ce_plot_make_layout (d, FONT_AXIS_TITLE, title);
  _ce_plot_layout_size (layout, &tw, &th);

  /* A stub like "S…" says nothing; leave the title out instead. */
  if (tw > l->area.height * 1.6)
    return;

  pango_layout_set_width (layout, (int)(l->area.height * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  _ce_plot_layout_size (layout, &tw, &th);

  cairo_save (d->cr);
  cairo_translate (d->cr, x, l->area.y + l->area.height / 2 + tw / 2);
  cairo_rotate (d->cr, -G_PI / 2);
  _ce_plot_show_layout (d, layout, 0, 0, &d->fg, ALPHA_SECONDARY);
  cairo_restore (d->cr);
}

static const char *
x_title (CePlotDraw *d)
{
  const char *title = ce_chart_model_get_x_title (d->model);

  if (d->plan->kind == CE_PLOT_DISPERSION && !text_is_set (title))
    return _("Position in document");

  return title;
}

double
_ce_plot_x_title_room (CePlotDraw *d)
{
  if (text_is_set (x_title (d)))
    return d->line_height[FONT_AXIS_TITLE] + 8;

  return 0;
}

void
_ce_plot_paint_x_title (CePlotDraw *d,
                        double      y)
{
  const char *title = x_title (d);
  CePlotPlan *l = d->plan;
  g_autoptr(PangoLayout) layout = NULL;
  double tw, th;

  if (!text_is_set (title) || !(l->area.width > 0))
    return;

  layout = _ce_plot_make_layout (d, FONT_AXIS_TITLE, title);
  pango_layout_set_width (layout, (int)((d->right - d->left) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  _ce_plot_layout_size (layout, &tw, &th);

  {
    double x = l->area.x + (l->area.width - tw) / 2;

    x = CLAMP (x, d->left, d->right - tw);
    _ce_plot_show_layout (d, layout, x, y, &d->fg, ALPHA_SECONDARY);
  }
}
