/* ce-plot-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fonts and the texts around the data of every chart kind: title,
 * subtitle, legend, source line and the message shown instead of data.
 */

#define G_LOG_DOMAIN "ce-plot"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ce-plot-private.h"

static const struct
{
  double size;
  PangoWeight weight;
} font_roles[N_FONTS] = {
  [FONT_TITLE] = { 17, PANGO_WEIGHT_BOLD },
  [FONT_SUBTITLE] = { 13, PANGO_WEIGHT_NORMAL },
  [FONT_LEGEND] = { 12.5, PANGO_WEIGHT_NORMAL },
  [FONT_TICK] = { 11.5, PANGO_WEIGHT_NORMAL },
  [FONT_AXIS_TITLE] = { 12, PANGO_WEIGHT_NORMAL },
  [FONT_SOURCE] = { 11, PANGO_WEIGHT_NORMAL },
  [FONT_VALUE] = { 10.5, PANGO_WEIGHT_NORMAL },
  [FONT_MESSAGE] = { 16, PANGO_WEIGHT_NORMAL },
};

/* Legend geometry */
#define SWATCH        12
#define SWATCH_GAP    6
#define ENTRY_SPACING 20

/**
 * _ce_plot_draw_init:
 * @fg: (nullable): colour of text and lines; %NULL for the theme's
 *
 * Sets up @d for planning and painting on @cr: colours, fonts and the
 * padded box.
 */
void
_ce_plot_draw_init (CePlotDraw    *d,
                    CePlot        *self,
                    CeChartModel  *model,
                    cairo_t       *cr,
                    int            width,
                    int            height,
                    const CeColor *fg)
{
  d->self = self;
  d->plan = &self->plan;
  d->model = model;
  d->cr = cr;
  d->width = width;
  d->height = height;
  ce_plot_get_theme_colors (self, &d->fg, &d->bg);
  if (fg != NULL)
    {
      d->fg = *fg;
      /* On screen the background is the caller's; guess it from the
       * foreground, for heat map shades and label ink. */
      d->dark = luminance (fg) > 0.5;
      d->bg = d->dark ? (CeColor) { 0x24 / 255., 0x24 / 255., 0x24 / 255., 1 }
                      : (CeColor) { 1, 1, 1, 1 };
      if (self->has_screen_bg)
        d->bg = self->screen_bg;
    }
  else
    d->dark = self->theme == CE_PLOT_THEME_DARK;
  d->min_contrast = d->dark || self->high_contrast ? 3 : 0;

  d->percent = ce_chart_model_is_percent (model);
  d->integral = ce_chart_model_get_measure (model) == CE_CHART_MEASURE_MENTIONS
                || ce_chart_model_get_measure (model) == CE_CHART_MEASURE_DOCUMENTS;

  d->context = pango_cairo_create_context (cr);
  if (self->font_options != NULL)
    pango_cairo_context_set_font_options (d->context, self->font_options);

  for (guint i = 0; i < N_FONTS; i++)
    {
      g_autoptr(PangoLayout) probe = NULL;

      d->fonts[i] = pango_font_description_from_string (self->font_family);
      pango_font_description_set_family (d->fonts[i], self->font_family);
      pango_font_description_set_absolute_size (d->fonts[i], font_roles[i].size * PANGO_SCALE);
      pango_font_description_set_weight (d->fonts[i], font_roles[i].weight);

      probe = _ce_plot_make_layout (d, i, "Hg");
      _ce_plot_layout_size (probe, NULL, &d->line_height[i]);
    }

  d->pad = CLAMP (round (MIN (width, height) * 0.05), 12, 32);
  d->left = d->pad;
  d->right = width - d->pad;
  d->top = d->pad;
  d->bottom = height - d->pad;
}

void
_ce_plot_draw_clear (CePlotDraw *d)
{
  for (guint i = 0; i < N_FONTS; i++)
    g_clear_pointer (&d->fonts[i], pango_font_description_free);
  g_clear_object (&d->context);
}

PangoLayout *
_ce_plot_make_layout (CePlotDraw *d,
                      CePlotFont  role,
                      const char *text)
{
  PangoLayout *layout = pango_layout_new (d->context);

  pango_layout_set_font_description (layout, d->fonts[role]);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);

  return layout;
}

void
_ce_plot_layout_size (PangoLayout *layout,
                      double      *width,
                      double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = logical.width / (double)PANGO_SCALE;
  if (height != NULL)
    *height = logical.height / (double)PANGO_SCALE;
}

void
_ce_plot_show_layout (CePlotDraw    *d,
                      PangoLayout   *layout,
                      double         x,
                      double         y,
                      const CeColor *color,
                      double         alpha)
{
  cairo_move_to (d->cr, x, y);
  set_source (d->cr, color, alpha);
  pango_cairo_show_layout (d->cr, layout);
}

double
_ce_plot_measure_text (CePlotDraw *d,
                       CePlotFont  role,
                       const char *text,
                       double      max_width)
{
  g_autoptr(PangoLayout) layout = _ce_plot_make_layout (d, role, text);
  double width;

  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int)(max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  _ce_plot_layout_size (layout, &width, NULL);

  return width;
}

/* Header ------------------------------------------------------------------ */

static const char *
shown_subtitle (CePlotDraw *d)
{
  if (d->height < 260)
    return NULL;

  return ce_chart_model_get_subtitle (d->model);
}

/* Small charts keep their room for the data: one line of title, and a
 * subtitle only when there is space. */
static PangoLayout *
header_layout (CePlotDraw *d,
               CePlotFont  role,
               const char *text)
{
  PangoLayout *layout = _ce_plot_make_layout (d, role, text);

  pango_layout_set_width (layout, (int)((d->right - d->left) * PANGO_SCALE));
  pango_layout_set_height (layout, d->height < 360 ? -1 : -2);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);

  return layout;
}

static void
plan_header (CePlotDraw *d)
{
  CePlotPlan *l = d->plan;
  const char *title = ce_chart_model_get_title (d->model);
  const char *subtitle = shown_subtitle (d);
  double h;

  l->title_y = NAN;
  l->subtitle_y = NAN;

  if (text_is_set (title))
    {
      g_autoptr(PangoLayout) layout = header_layout (d, FONT_TITLE, title);

      _ce_plot_layout_size (layout, NULL, &h);
      l->title_y = d->top;
      d->top += h + 3;
    }

  if (text_is_set (subtitle))
    {
      g_autoptr(PangoLayout) layout = header_layout (d, FONT_SUBTITLE, subtitle);

      _ce_plot_layout_size (layout, NULL, &h);
      l->subtitle_y = d->top;
      d->top += h;
    }

  if (text_is_set (title) || text_is_set (subtitle))
    d->top += 12;
}

void
_ce_plot_paint_header (CePlotDraw *d)
{
  CePlotPlan *l = d->plan;

  if (!isnan (l->title_y))
    {
      g_autoptr(PangoLayout) layout = header_layout (d, FONT_TITLE,
                                                     ce_chart_model_get_title (d->model));

      _ce_plot_show_layout (d, layout, d->left, l->title_y, &d->fg, 1);
    }

  if (!isnan (l->subtitle_y))
    {
      g_autoptr(PangoLayout) layout = header_layout (d, FONT_SUBTITLE, shown_subtitle (d));

      _ce_plot_show_layout (d, layout, d->left, l->subtitle_y, &d->fg, ALPHA_SECONDARY);
    }
}

/* Source line --------------------------------------------------------------- */

static PangoLayout *
source_layout (CePlotDraw *d)
{
  PangoLayout *layout = _ce_plot_make_layout (d, FONT_SOURCE, ce_chart_model_get_source (d->model));

  pango_layout_set_width (layout, (int)((d->right - d->left) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);

  return layout;
}

static void
plan_source (CePlotDraw *d)
{
  g_autoptr(PangoLayout) layout = NULL;
  double h;

  d->plan->source_y = NAN;
  if (!text_is_set (ce_chart_model_get_source (d->model)))
    return;

  layout = source_layout (d);
  _ce_plot_layout_size (layout, NULL, &h);
  d->plan->source_y = d->bottom - h;
  d->bottom -= h + 10;
}

void
_ce_plot_paint_source (CePlotDraw *d)
{
  g_autoptr(PangoLayout) layout = NULL;

  if (isnan (d->plan->source_y))
    return;

  layout = source_layout (d);
  _ce_plot_show_layout (d, layout, d->left, d->plan->source_y, &d->fg, ALPHA_SECONDARY);
}

/* Legend ---------------------------------------------------------------------- */

static double
legend_line_height (CePlotDraw *d)
{
  return MAX (d->line_height[FONT_LEGEND], 14);
}

static PangoLayout *
legend_layout (CePlotDraw *d,
               guint       series)
{
  PangoLayout *layout = _ce_plot_make_layout (d, FONT_LEGEND,
                                              ce_chart_model_get_series_name (d->model, series));
  double max_name = MAX (80, (d->right - d->left) * 0.4);

  pango_layout_set_width (layout, (int)(max_name * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);

  return layout;
}

/* Entries flow in lines, leaving @reserve_right free on the first for a key */
static void
plan_legend (CePlotDraw *d,
             double      reserve_right)
{
  CePlotPlan *l = d->plan;
  guint n = ce_chart_model_get_n_series (d->model);
  double x = d->left;
  double y = d->top;
  double line_h = legend_line_height (d);
  double limit = d->right - reserve_right;

  l->legend_top = d->top;
  if (n == 0)
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) layout = legend_layout (d, i);
      CePlotLegendEntry entry;
      double tw;
      double entry_w;

      _ce_plot_layout_size (layout, &tw, NULL);
      entry_w = SWATCH + SWATCH_GAP + tw;

      if (x > d->left && x + entry_w > limit)
        {
          x = d->left;
          y += line_h + 6;
        }

      entry.series = i;
      entry.rect = (cairo_rectangle_t) { x - 3, y - 3, entry_w + 6, line_h + 6 };
      g_array_append_val (l->legend, entry);

      x += entry_w + ENTRY_SPACING;
    }

  d->top = y + line_h + 14;
}

void
_ce_plot_paint_legend (CePlotDraw *d)
{
  CePlotPlan *l = d->plan;
  double line_h = legend_line_height (d);

  for (guint i = 0; i < l->legend->len; i++)
    {
      const CePlotLegendEntry *entry = &g_array_index (l->legend, CePlotLegendEntry, i);
      g_autoptr(PangoLayout) layout = legend_layout (d, entry->series);
      gboolean visible = ce_chart_model_get_series_visible (d->model, entry->series);
      double x = entry->rect.x + 3;
      double y = entry->rect.y + 3;
      CeColor color;
      double th;

      _ce_plot_layout_size (layout, NULL, &th);

      ce_chart_model_get_series_color (d->model, entry->series, &color);
      cairo_new_path (d->cr);
      if (visible)
        {
          double sy = snap (y + (line_h - SWATCH) / 2);

          set_source (d->cr, &color, 1);
          cairo_arc (d->cr, x + 2, sy + 2, 2, G_PI, 1.5 * G_PI);
          cairo_arc (d->cr, x + SWATCH - 2, sy + 2, 2, 1.5 * G_PI, 2 * G_PI);
          cairo_arc (d->cr, x + SWATCH - 2, sy + SWATCH - 2, 2, 0, 0.5 * G_PI);
          cairo_arc (d->cr, x + 2, sy + SWATCH - 2, 2, 0.5 * G_PI, G_PI);
          cairo_close_path (d->cr);
          cairo_fill (d->cr);
        }
      else
        {
          /* Hidden topics keep their place, drawn as an empty grey box. */
          set_source (d->cr, &d->fg, ALPHA_HIDDEN);
          cairo_set_line_width (d->cr, 1);
          cairo_rectangle (d->cr, x + 0.5, snap (y + (line_h - SWATCH) / 2) + 0.5,
                           SWATCH - 1, SWATCH - 1);
          cairo_stroke (d->cr);
        }

      _ce_plot_show_layout (d, layout, x + SWATCH + SWATCH_GAP, y + (line_h - th) / 2, &d->fg,
                            visible ? 1 : ALPHA_HIDDEN + 0.1);
    }
}

/**
 * _ce_plot_plan_frame:
 * @key_width: room to keep right of the legend's first line
 *
 * Plans the header, the legend and the source line, leaving d->top and
 * d->bottom around what is left for the data, and chooses the message to
 * show instead of data when there is nothing to draw.
 */
void
_ce_plot_plan_frame (CePlotDraw *d,
                     double      key_width)
{
  CePlotPlan *l = d->plan;

  plan_header (d);
  plan_legend (d, key_width);
  plan_source (d);

  if (ce_chart_model_get_n_series (d->model) == 0)
    {
      l->message = _("No topics yet");
      l->hint = _("Add a topic to count its mentions.");
    }
  else if (l->visible->len == 0)
    {
      l->message = _("Every topic is hidden");
      l->hint = _("Click a topic in the legend to show it.");
    }
  else if ((l->kind == CE_PLOT_DISPERSION && l->n_rows == 0)
           || (l->kind != CE_PLOT_DISPERSION && l->n_categories == 0))
    {
      l->message = _("Nothing to count in this selection");
      l->hint = _("Widen the selection or choose another grouping.");
    }

  if (l->message != NULL)
    l->empty = TRUE;
}

/* Message ------------------------------------------------------------------- */

void
_ce_plot_paint_message (CePlotDraw *d)
{
  const char *hint = d->plan->hint;
  g_autoptr(PangoLayout) main_layout = _ce_plot_make_layout (d, FONT_MESSAGE, d->plan->message);
  g_autoptr(PangoLayout) hint_layout = NULL;
  double width = d->right - d->left;
  double mh, hh = 0;
  double y;

  pango_layout_set_width (main_layout, (int)(width * PANGO_SCALE));
  pango_layout_set_alignment (main_layout, PANGO_ALIGN_CENTER);
  _ce_plot_layout_size (main_layout, NULL, &mh);

  if (text_is_set (hint))
    {
      hint_layout = _ce_plot_make_layout (d, FONT_SUBTITLE, hint);
      pango_layout_set_width (hint_layout, (int)(width * PANGO_SCALE));
      pango_layout_set_alignment (hint_layout, PANGO_ALIGN_CENTER);
      _ce_plot_layout_size (hint_layout, NULL, &hh);
      hh += 6;
    }

  y = d->top + (d->bottom - d->top - mh - hh) / 2;
  y = MAX (y, d->top);
  _ce_plot_show_layout (d, main_layout, d->left, y, &d->fg, ALPHA_SECONDARY);
  if (hint_layout != NULL)
    _ce_plot_show_layout (d, hint_layout, d->left, y + mh + 6, &d->fg, ALPHA_SECONDARY * 0.8);
}
