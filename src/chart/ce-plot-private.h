/* ce-plot-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of CePlot share.  A draw has two phases: the plan
 * (CePlotPlan: margins, scales, bins, label placement and thinning, legend
 * entries) is computed from the model and the size first, then painted.
 * Hit testing and bar rectangles read the same plan, so they always agree
 * with what is on screen.  Each chart kind lives in a file of its own and
 * is reached through its CePlotKindOps.
 */

#pragma once

#include <math.h>
#include <pango/pangocairo.h>

#include "ce-plot.h"

G_BEGIN_DECLS

#define SQRT1_2 0.70710678118654752440

/* Secondary text, axis lines and grid lines are the foreground with less
 * alpha, so they follow any theme the caller draws on. */
#define ALPHA_SECONDARY 0.72
#define ALPHA_AXIS      0.45
#define ALPHA_GRID      0.11
#define ALPHA_HIDDEN    0.35

/* Text sizes in pixels (at scale 1), chosen to read well at 100 %. */
typedef enum
{
  FONT_TITLE,
  FONT_SUBTITLE,
  FONT_LEGEND,
  FONT_TICK,
  FONT_AXIS_TITLE,
  FONT_SOURCE,
  FONT_VALUE,
  FONT_MESSAGE,
  N_FONTS
} CePlotFont;

typedef enum
{
  LABELS_NONE,
  LABELS_HORIZONTAL,
  LABELS_ROTATED,
} CePlotLabelMode;

/* Category labels under an axis */
typedef struct
{
  CePlotLabelMode mode;
  guint           step;       /* every how many categories a label is shown */
  double          height;     /* room below the axis */
  double          max_length; /* ellipsizing width of one label */
  double          overhang;   /* how far rotated labels reach left of their anchor */
} CePlotLabelPlan;

/* Ticks of a value axis */
typedef struct
{
  guint  n;
  double first;
  double step;
  double label_width;
} CePlotTicks;

typedef struct
{
  guint months; /* 0 for steps in days */
  guint days;
} CePlotTimeStep;

/* Ticks of a time axis */
typedef struct
{
  CePlotTimeStep step;
  guint          n;
  double         label_height;
} CePlotTimePlan;

typedef struct
{
  guint             series;
  cairo_rectangle_t rect;
} CePlotLegendEntry;

/* Where everything goes, computed before anything is painted. */
typedef struct
{
  gboolean          valid;
  gboolean          empty;
  int               width;
  int               height;
  guint64           generation;
  CePlotKind        kind;

  /* Texts around the data */
  double            title_y;      /* NaN when there is no title */
  double            subtitle_y;   /* NaN when no subtitle is shown */
  double            legend_top;
  double            source_y;     /* NaN when there is no source line */
  const char       *message;      /* instead of data, or NULL */
  const char       *hint;
  double            x_title_y;

  cairo_rectangle_t area;
  GArray           *visible;  /* guint: indices of the visible series */
  GArray           *legend;   /* CePlotLegendEntry */

  /* Value axis (bars, stacked, lines) */
  double            y_min;
  double            y_max;
  CePlotTicks       ticks;

  /* Category axis: n_bins == n_categories unless categories had to be
   * aggregated to keep bars at least one pixel wide. */
  guint             n_categories;
  guint             n_bins;
  double            slot;      /* width of one bin */
  double            group;     /* width of the bars of one bin */
  double            bar;       /* width of one bar */
  double            bar_gap;
  CePlotLabelPlan   labels;
  guint             label_step;
  CePlotLabelMode   label_mode;
  gboolean          values;    /* values written on bars or heat map cells */

  /* Time axis (lines) */
  gboolean          time_axis;
  double            t0;
  double            t1;
  CePlotTimePlan    time;

  /* Heat map rows and dispersion rows */
  double            heat_max;
  double            row_height;
  guint             n_rows;
  guint             n_row_bins;
  gboolean          lanes;     /* dispersion: a lane per topic in each row */
  double            lane_height;
} CePlotPlan;

struct _CePlot
{
  GObject parent_instance;

  /* Owned references */
  CeChartModel *model;
  char *font_family;
  cairo_font_options_t *font_options;

  CePlotKind kind;
  CePlotTheme theme;
  CePlotRamp ramp;
  gboolean high_contrast;
  gboolean has_screen_bg;
  CeColor screen_bg;

  CePlotPlan plan;
};

/* What one call to ce_plot_draw() needs around, for planning and painting. */
typedef struct
{
  CePlot       *self;
  CePlotPlan   *plan;
  CeChartModel *model;
  cairo_t      *cr;
  PangoContext *context;
  PangoFontDescription *fonts[N_FONTS];
  double        line_height[N_FONTS];
  int           width;
  int           height;
  CeColor       fg;
  CeColor       bg;       /* a guess from fg on screen, exact in exports */
  gboolean      dark;
  /* Marks fainter than this against bg get an edge that is not (WCAG's
   * 3:1 for graphics, on dark and in high contrast); 0 for none */
  double        min_contrast;
  gboolean      percent;
  gboolean      integral; /* counts: no tick step below 1 */
  double        pad;
  double        left;
  double        right;
  double        top;      /* while planning, what is left for the data */
  double        bottom;
} CePlotDraw;

/* One chart kind. */
typedef struct
{
  /* Optional: room kept right of the legend for a colour key, and the key */
  double   (*key_width)  (CePlotDraw        *d);
  void     (*paint_key)  (CePlotDraw        *d);
  /* Fills the plan's data area, scales and labels between @top and
   * @bottom; returns where the labels under the data end. */
  double   (*plan)       (CePlotDraw        *d,
                          double             top,
                          double             bottom);
  void     (*paint)      (CePlotDraw        *d);
  gboolean (*hit_test)   (CePlot            *self,
                          double             x,
                          double             y,
                          CePlotHit         *hit);
  /* Optional: where the value of @series in @category was drawn */
  gboolean (*value_rect) (CePlot            *self,
                          guint              series,
                          guint              category,
                          guint              visible_index,
                          double             value,
                          cairo_rectangle_t *rect);
} CePlotKindOps;

extern const CePlotKindOps _ce_plot_bars_ops;
extern const CePlotKindOps _ce_plot_lines_ops;
extern const CePlotKindOps _ce_plot_heatmap_ops;
extern const CePlotKindOps _ce_plot_dispersion_ops;

/* Small helpers ------------------------------------------------------------ */

static inline void
set_source (cairo_t       *cr,
            const CeColor *color,
            double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static inline double
luminance (const CeColor *color)
{
  return 0.2126 * color->red + 0.7152 * color->green + 0.0722 * color->blue;
}

static inline gboolean
text_is_set (const char *text)
{
  return text != NULL && text[0] != '\0';
}

static inline double
snap (double v)
{
  return round (v);
}

/* How many whole things of @size fit in @room; 0 for no room at all. */
static inline guint
fit_count (double room,
           double size)
{
  double n = floor (room / size);

  if (!(n >= 1))
    return 0;

  return (guint)MIN (n, G_MAXINT);
}

static inline gboolean
in_rect (const cairo_rectangle_t *r,
         double                   x,
         double                   y)
{
  return x >= r->x && x < r->x + r->width && y >= r->y && y < r->y + r->height;
}

static inline double
value_to_y (const CePlotPlan *l,
            double            value)
{
  double span = l->y_max - l->y_min;

  if (!(span > 0))
    span = 1;

  return l->area.y + l->area.height * (l->y_max - value) / span;
}

static inline guint
bin_start (const CePlotPlan *l,
           guint             bin)
{
  return (guint)((guint64)bin * l->n_categories / l->n_bins);
}

static inline double
category_center_x (const CePlotPlan *l,
                   guint             category)
{
  return l->area.x + (category + 0.5) * l->area.width / MAX (l->n_categories, 1);
}

static inline void
set_value_hit (CePlotHit               *hit,
               guint                    series,
               guint                    category,
               double                   value,
               const cairo_rectangle_t *area)
{
  hit->kind = CE_PLOT_HIT_VALUE;
  hit->series = series;
  hit->category = category;
  hit->value = value;
  hit->area = *area;
}

/* Text (ce-plot-text.c) ---------------------------------------------------- */

void         _ce_plot_draw_init             (CePlotDraw             *d,
                                             CePlot                 *self,
                                             CeChartModel           *model,
                                             cairo_t                *cr,
                                             int                     width,
                                             int                     height,
                                             const CeColor          *fg);
void         _ce_plot_draw_clear            (CePlotDraw             *d);
PangoLayout *_ce_plot_make_layout           (CePlotDraw             *d,
                                             CePlotFont              role,
                                             const char             *text);
void         _ce_plot_layout_size           (PangoLayout            *layout,
                                             double                 *width,
                                             double                 *height);
void         _ce_plot_show_layout           (CePlotDraw             *d,
                                             PangoLayout            *layout,
                                             double                  x,
                                             double                  y,
                                             const CeColor          *color,
                                             double                  alpha);
double       _ce_plot_measure_text          (CePlotDraw             *d,
                                             CePlotFont              role,
                                             const char             *text,
                                             double                  max_width);
void         _ce_plot_plan_frame            (CePlotDraw             *d,
                                             double                  key_width);
void         _ce_plot_paint_header          (CePlotDraw             *d);
void         _ce_plot_paint_legend          (CePlotDraw             *d);
void         _ce_plot_paint_source          (CePlotDraw             *d);
void         _ce_plot_paint_message         (CePlotDraw             *d);

/* Axes (ce-plot-axes.c) ---------------------------------------------------- */

guint        _ce_plot_nice_label_step       (double                  rough);
char        *_ce_plot_localize_number       (const char             *ascii);
void         _ce_plot_plan_category_labels  (CePlotDraw             *d,
                                             double                  area_width,
                                             guint                   n,
                                             CePlotLabelPlan        *plan);
gboolean     _ce_plot_keep_labels_inside    (CePlotDraw             *d,
                                             const CePlotLabelPlan  *plan,
                                             guint                   n_categories,
                                             cairo_rectangle_t      *area);
void         _ce_plot_use_label_plan        (CePlotPlan             *l);
void         _ce_plot_paint_category_labels (CePlotDraw             *d,
                                             double                  y);
void         _ce_plot_compute_ticks         (CePlotDraw             *d,
                                             double                  min,
                                             double                  max,
                                             double                  area_height,
                                             CePlotTicks            *ticks);
void         _ce_plot_data_range            (CePlotDraw             *d,
                                             double                 *min,
                                             double                 *max);
void         _ce_plot_plan_category_axis    (CePlotDraw             *d,
                                             double                  top,
                                             double                  bottom);
void         _ce_plot_paint_value_grid      (CePlotDraw             *d);
void         _ce_plot_paint_baseline        (CePlotDraw             *d);
double       _ce_plot_y_title_room          (CePlotDraw             *d);
void         _ce_plot_paint_y_title         (CePlotDraw             *d,
                                             double                  x);
double       _ce_plot_x_title_room          (CePlotDraw             *d);
void         _ce_plot_paint_x_title         (CePlotDraw             *d,
                                             double                  y);
double       _ce_plot_bin_value             (CeChartModel           *model,
                                             const CePlotPlan       *l,
                                             guint                   bin,
                                             guint                   series,
                                             guint                  *category);
guint        _ce_plot_bin_of_category       (const CePlotPlan       *l,
                                             guint                   category);

G_END_DECLS
