/* ce-plot.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "ce-chart-enums.h"
#include "ce-chart-model.h"
#include "ce-color.h"

G_BEGIN_DECLS

typedef enum
{
  CE_PLOT_BARS,
  CE_PLOT_STACKED,
  CE_PLOT_LINES,
  CE_PLOT_HEATMAP,
  CE_PLOT_DISPERSION,
} CePlotKind;

/* Colours for exports; on screen the caller passes its own foreground. */
typedef enum
{
  CE_PLOT_THEME_LIGHT,
  CE_PLOT_THEME_DARK,
} CePlotTheme;

typedef enum
{
  /* Each topic's row shades from the background to the topic's colour. */
  CE_PLOT_RAMP_PER_SERIES,
  /* One perceptually even ramp (viridis) for every cell. */
  CE_PLOT_RAMP_SEQUENTIAL,
} CePlotRamp;

typedef enum
{
  CE_PLOT_HIT_NONE,
  CE_PLOT_HIT_VALUE,    /* a bar, a stacked segment, a point or a heat map cell */
  CE_PLOT_HIT_LEGEND,   /* a legend entry */
  CE_PLOT_HIT_MENTION,  /* a dispersion tick */
  CE_PLOT_HIT_DOCUMENT, /* a dispersion row, away from any tick */
  CE_PLOT_HIT_CATEGORY, /* a category label or an empty slot */
} CePlotHitKind;

typedef struct
{
  CePlotHitKind     kind;
  int               series;       /* -1 when none */
  int               category;     /* -1 when none */
  int               row;          /* dispersion row, -1 when none */
  int               mention;      /* index in ce_chart_model_get_mentions(), -1 when none */
  int               legend_entry; /* series index of the legend entry, -1 when none */
  double            position;     /* dispersion: where the mention is, in document units */
  double            value;        /* NaN when none */
  cairo_rectangle_t area;         /* what was hit, for a tooltip's pointing rectangle */
} CePlotHit;

#define CE_PLOT_DEFAULT_FONT_FAMILY "Cantarell, DejaVu Sans, sans-serif"

#define CE_TYPE_PLOT (ce_plot_get_type ())

G_DECLARE_FINAL_TYPE (CePlot, ce_plot, CE, PLOT, GObject)

CePlot       *ce_plot_new                  (CeChartModel            *model,
                                            CePlotKind               kind);
void          ce_plot_set_model            (CePlot                  *self,
                                            CeChartModel            *model);
CeChartModel *ce_plot_get_model            (CePlot                  *self);
void          ce_plot_set_kind             (CePlot                  *self,
                                            CePlotKind               kind);
CePlotKind    ce_plot_get_kind             (CePlot                  *self);
void          ce_plot_set_theme            (CePlot                  *self,
                                            CePlotTheme              theme);
CePlotTheme   ce_plot_get_theme            (CePlot                  *self);
void          ce_plot_set_high_contrast    (CePlot                  *self,
                                            gboolean                 high_contrast);
gboolean      ce_plot_get_high_contrast    (CePlot                  *self);
void          ce_plot_set_screen_background (CePlot                 *self,
                                            const CeColor           *background);
void          ce_plot_get_theme_colors     (CePlot                  *self,
                                            CeColor                 *foreground,
                                            CeColor                 *background);
void          ce_plot_set_font_family      (CePlot                  *self,
                                            const char              *family);
const char   *ce_plot_get_font_family      (CePlot                  *self);
void          ce_plot_set_font_options     (CePlot                  *self,
                                            const cairo_font_options_t *options);
const cairo_font_options_t *
              ce_plot_get_font_options     (CePlot                  *self);
void          ce_plot_set_heatmap_ramp     (CePlot                  *self,
                                            CePlotRamp               ramp);
CePlotRamp    ce_plot_get_heatmap_ramp     (CePlot                  *self);

void          ce_plot_draw                 (CePlot                  *self,
                                            cairo_t                 *cr,
                                            int                      width,
                                            int                      height,
                                            const CeColor           *fg);

gboolean      ce_plot_hit_test             (CePlot                  *self,
                                            double                   x,
                                            double                   y,
                                            CePlotHit               *hit);
gboolean      ce_plot_get_bar_rect         (CePlot                  *self,
                                            guint                    series,
                                            guint                    category,
                                            cairo_rectangle_t       *rect);
gboolean      ce_plot_get_plot_area        (CePlot                  *self,
                                            cairo_rectangle_t       *rect);
guint         ce_plot_get_label_step       (CePlot                  *self);
char         *ce_plot_describe             (CePlot                  *self);
char         *ce_plot_format_value         (CePlot                  *self,
                                            double                   value);

/* Layout helpers, public so they can be tested on their own. */
guint         ce_plot_nice_ticks           (double                   min,
                                            double                   max,
                                            guint                    max_ticks,
                                            double                  *first,
                                            double                  *step);
char         *ce_plot_format_tick          (double                   value,
                                            double                   step,
                                            gboolean                 percent);

G_END_DECLS
