/* ce-plot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-plot"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "ce-plot.h"

#define SQRT1_2 0.70710678118654752440

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
} FontRole;

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

typedef struct
{
  guint             series;
  cairo_rectangle_t rect;
} LegendEntry;

typedef enum
{
  LABELS_NONE,
  LABELS_HORIZONTAL,
  LABELS_ROTATED,
} LabelMode;

/* Where everything went in the last draw: hit testing and bar rectangles
 * are answered from this, so they always agree with what is on screen. */
typedef struct
{
  gboolean          valid;
  gboolean          empty;
  int               width;
  int               height;
  guint64           generation;
  CePlotKind        kind;

  cairo_rectangle_t area;
  GArray           *visible;  /* guint: indices of the visible series */
  GArray           *legend;   /* LegendEntry */

  /* Value axis (bars, stacked, lines) */
  double            y_min;
  double            y_max;

  /* Category axis: n_bins == n_categories unless categories had to be
   * aggregated to keep bars at least one pixel wide. */
  guint             n_categories;
  guint             n_bins;
  double            slot;      /* width of one bin */
  double            group;     /* width of the bars of one bin */
  double            bar;       /* width of one bar */
  double            bar_gap;
  guint             label_step;
  LabelMode         label_mode;

  /* Time axis (lines) */
  gboolean          time_axis;
  double            t0;
  double            t1;

  /* Heat map rows and dispersion rows */
  double            row_height;
  guint             n_rows;
  guint             n_row_bins;
} Layout;

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

  Layout layout;
};

G_DEFINE_FINAL_TYPE (CePlot, ce_plot, G_TYPE_OBJECT)

/* What one call to ce_plot_draw() needs around. */
typedef struct
{
  CePlot       *self;
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
  gboolean      percent;
  gboolean      integral; /* counts: no tick step below 1 */
  double        pad;
  double        left;
  double        right;
  double        top;
  double        bottom;
} Draw;

static void
layout_clear (Layout *layout)
{
  g_clear_pointer (&layout->visible, g_array_unref);
  g_clear_pointer (&layout->legend, g_array_unref);
  memset (layout, 0, sizeof *layout);
}

static void
set_source (cairo_t       *cr,
            const CeColor *color,
            double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static double
luminance (const CeColor *color)
{
  return 0.2126 * color->red + 0.7152 * color->green + 0.0722 * color->blue;
}

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

static PangoLayout *
make_layout (Draw       *d,
             FontRole    role,
             const char *text)
{
  PangoLayout *layout = pango_layout_new (d->context);

  pango_layout_set_font_description (layout, d->fonts[role]);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);

  return layout;
}

static void
layout_size (PangoLayout *layout,
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

static void
show_layout (Draw          *d,
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

static gboolean
text_is_set (const char *text)
{
  return text != NULL && text[0] != '\0';
}

static double
measure_text (Draw       *d,
              FontRole    role,
              const char *text,
              double      max_width)
{
  g_autoptr(PangoLayout) layout = make_layout (d, role, text);
  double width;

  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int)(max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  layout_size (layout, &width, NULL);

  return width;
}

static double
snap (double v)
{
  return round (v);
}

/* How many whole things of @size fit in @room; 0 for no room at all. */
static guint
fit_count (double room,
           double size)
{
  double n = floor (room / size);

  if (!(n >= 1))
    return 0;

  return (guint)MIN (n, G_MAXINT);
}

/* Secondary text, axis lines and grid lines are the foreground with less
 * alpha, so they follow any theme the caller draws on. */
#define ALPHA_SECONDARY 0.72
#define ALPHA_AXIS      0.45
#define ALPHA_GRID      0.11
#define ALPHA_HIDDEN    0.35

enum {
  PROP_0,
  PROP_MODEL,
  PROP_KIND,
  PROP_THEME,
  PROP_FONT_FAMILY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Value axis ------------------------------------------------------------ */

static double
value_to_y (const Layout *l,
            double        value)
{
  double span = l->y_max - l->y_min;

  if (!(span > 0))
    span = 1;

  return l->area.y + l->area.height * (l->y_max - value) / span;
}

static guint
bin_start (const Layout *l,
           guint         bin)
{
  return (guint)((guint64)bin * l->n_categories / l->n_bins);
}

static guint
bin_of_category (const Layout *l,
                 guint         category)
{
  guint bin = (guint)((guint64)category * l->n_bins / l->n_categories);

  while (bin + 1 < l->n_bins && bin_start (l, bin + 1) <= category)
    bin++;
  while (bin > 0 && bin_start (l, bin) > category)
    bin--;

  return bin;
}

static double
category_center_x (const Layout *l,
                   guint         category)
{
  return l->area.x + (category + 0.5) * l->area.width / MAX (l->n_categories, 1);
}

/* The value a bin shows for one series: its largest, so peaks survive
 * aggregation.  @category is set to the category that holds it. */
static double
bin_value (CeChartModel *model,
           const Layout *l,
           guint         bin,
           guint         series,
           guint        *category)
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

/* The category of a bin whose stack is the highest. */
static guint
bin_stack_category (CeChartModel *model,
                    const Layout *l,
                    guint         bin)
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
bar_x_range (const Layout *l,
             guint         bin,
             guint         visible_index,
             double       *x0,
             double       *x1)
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
bar_rect (const Layout      *l,
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
 * on either side; drawing and hit-testing both walk them with
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
            const Layout      *l,
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

/* Time axis ------------------------------------------------------------- */

static double
day_to_x (const Layout *l,
          double        day)
{
  double span = l->t1 - l->t0;

  if (!(span > 0))
    span = 1;

  return l->area.x + (day - l->t0) / span * l->area.width;
}

static double
point_x (CeChartModel *model,
         const Layout *l,
         guint         category)
{
  guint32 start;
  guint32 end;

  if (l->time_axis && ce_chart_model_get_category_dates (model, category, &start, &end))
    return day_to_x (l, (start + (double)end) / 2);

  return category_center_x (l, category);
}

typedef struct
{
  guint months; /* 0 for steps in days */
  guint days;
} TimeStep;

static const TimeStep time_steps[] = {
  { 0, 1 }, { 0, 2 }, { 0, 7 }, { 0, 14 },
  { 1, 0 }, { 2, 0 }, { 3, 0 }, { 6, 0 },
  { 12, 0 }, { 24, 0 }, { 60, 0 }, { 120, 0 }, { 240, 0 }, { 600, 0 }, { 1200, 0 },
};

/* The first tick at or after @t0 for a step, on a calendar boundary. */
static void
time_first_tick (const TimeStep *step,
                 guint32         t0,
                 GDate          *date)
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
time_advance (const TimeStep *step,
              GDate          *date)
{
  if (step->months > 0)
    g_date_add_months (date, step->months);
  else
    g_date_add_days (date, step->days);
}

static guint
time_count_ticks (const TimeStep *step,
                  guint32         t0,
                  guint32         t1)
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
time_label (const TimeStep *step,
            const GDate    *date,
            gboolean        first)
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

/* Text blocks ----------------------------------------------------------- */

static void
draw_header (Draw *d)
{
  const char *title = ce_chart_model_get_title (d->model);
  const char *subtitle = ce_chart_model_get_subtitle (d->model);
  double width = d->right - d->left;
  /* Small charts keep their room for the data: one line of title, and a
   * subtitle only when there is space. */
  int max_lines = d->height < 360 ? -1 : -2;
  double h;

  if (d->height < 260)
    subtitle = NULL;

  if (text_is_set (title))
    {
      g_autoptr(PangoLayout) layout = make_layout (d, FONT_TITLE, title);

      pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
      pango_layout_set_height (layout, max_lines);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      layout_size (layout, NULL, &h);
      show_layout (d, layout, d->left, d->top, &d->fg, 1);
      d->top += h + 3;
    }

  if (text_is_set (subtitle))
    {
      g_autoptr(PangoLayout) layout = make_layout (d, FONT_SUBTITLE, subtitle);

      pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
      pango_layout_set_height (layout, max_lines);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      layout_size (layout, NULL, &h);
      show_layout (d, layout, d->left, d->top, &d->fg, ALPHA_SECONDARY);
      d->top += h;
    }

  if (text_is_set (title) || text_is_set (subtitle))
    d->top += 12;
}

static void
draw_source (Draw *d)
{
  const char *source = ce_chart_model_get_source (d->model);
  g_autoptr(PangoLayout) layout = NULL;
  double h;

  if (!text_is_set (source))
    return;

  layout = make_layout (d, FONT_SOURCE, source);
  pango_layout_set_width (layout, (int)((d->right - d->left) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  layout_size (layout, NULL, &h);
  show_layout (d, layout, d->left, d->bottom - h, &d->fg, ALPHA_SECONDARY);
  d->bottom -= h + 10;
}

/* A gradient bar with its ends labelled, for heat maps. */
static double
heatmap_scale_width (Draw   *d,
                     double  max_value)
{
  g_autofree char *max_text = ce_plot_format_value (d->self, max_value);

  return measure_text (d, FONT_TICK, "0", 0) + 6 + 96 + 6
         + measure_text (d, FONT_TICK, max_text, 0);
}

static CeColor heat_color (Draw *d, const CeColor *series_color, double t);

static void
draw_heatmap_scale (Draw          *d,
                    double         x_right,
                    double         y_center,
                    double         max_value,
                    const CeColor *series_color)
{
  g_autofree char *max_text = ce_plot_format_value (d->self, max_value);
  g_autoptr(PangoLayout) zero = make_layout (d, FONT_TICK, "0");
  g_autoptr(PangoLayout) top = make_layout (d, FONT_TICK, max_text);
  double zw, zh, tw, th;
  double x;
  const double bar_w = 96;
  const double bar_h = 10;

  layout_size (zero, &zw, &zh);
  layout_size (top, &tw, &th);

  x = x_right - tw;
  show_layout (d, top, x, y_center - th / 2, &d->fg, ALPHA_SECONDARY);
  x -= 6 + bar_w;

  for (int i = 0; i < (int)bar_w; i++)
    {
      CeColor c = heat_color (d, series_color, (i + 0.5) / bar_w);

      set_source (d->cr, &c, 1);
      cairo_rectangle (d->cr, x + i, snap (y_center - bar_h / 2), 1, bar_h);
      cairo_fill (d->cr);
    }

  show_layout (d, zero, x - 6 - zw, y_center - zh / 2, &d->fg, ALPHA_SECONDARY);
}

static void
draw_legend (Draw   *d,
             double  reserve_right)
{
  CePlot *self = d->self;
  guint n = ce_chart_model_get_n_series (d->model);
  double x = d->left;
  double y = d->top;
  double line_h = MAX (d->line_height[FONT_LEGEND], 14);
  double limit = d->right - reserve_right;
  const double swatch = 12;
  const double gap = 6;
  const double spacing = 20;
  double max_name = MAX (80, (d->right - d->left) * 0.4);

  if (n == 0)
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) layout = make_layout (d, FONT_LEGEND, ce_chart_model_get_series_name (d->model, i));
      gboolean visible = ce_chart_model_get_series_visible (d->model, i);
      LegendEntry entry;
      CeColor color;
      double tw, th;
      double entry_w;

      pango_layout_set_width (layout, (int)(max_name * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      layout_size (layout, &tw, &th);
      entry_w = swatch + gap + tw;

      if (x > d->left && x + entry_w > limit)
        {
          x = d->left;
          y += line_h + 6;
        }

      ce_chart_model_get_series_color (d->model, i, &color);
      cairo_new_path (d->cr);
      if (visible)
        {
          double sy = snap (y + (line_h - swatch) / 2);

          set_source (d->cr, &color, 1);
          cairo_arc (d->cr, x + 2, sy + 2, 2, G_PI, 1.5 * G_PI);
          cairo_arc (d->cr, x + swatch - 2, sy + 2, 2, 1.5 * G_PI, 2 * G_PI);
          cairo_arc (d->cr, x + swatch - 2, sy + swatch - 2, 2, 0, 0.5 * G_PI);
          cairo_arc (d->cr, x + 2, sy + swatch - 2, 2, 0.5 * G_PI, G_PI);
          cairo_close_path (d->cr);
          cairo_fill (d->cr);
        }
      else
        {
          /* Hidden topics keep their place, drawn as an empty grey box. */
          set_source (d->cr, &d->fg, ALPHA_HIDDEN);
          cairo_set_line_width (d->cr, 1);
          cairo_rectangle (d->cr, x + 0.5, snap (y + (line_h - swatch) / 2) + 0.5,
                           swatch - 1, swatch - 1);
          cairo_stroke (d->cr);
        }

      show_layout (d, layout, x + swatch + gap, y + (line_h - th) / 2, &d->fg,
                   visible ? 1 : ALPHA_HIDDEN + 0.1);

      entry.series = i;
      entry.rect = (cairo_rectangle_t) { x - 3, y - 3, entry_w + 6, line_h + 6 };
      g_array_append_val (self->layout.legend, entry);

      x += entry_w + spacing;
    }

  d->top = y + line_h + 14;
}

static void
draw_message (Draw       *d,
              const char *message,
              const char *hint)
{
  g_autoptr(PangoLayout) main_layout = make_layout (d, FONT_MESSAGE, message);
  g_autoptr(PangoLayout) hint_layout = NULL;
  double width = d->right - d->left;
  double mh, hh = 0;
  double y;

  pango_layout_set_width (main_layout, (int)(width * PANGO_SCALE));
  pango_layout_set_alignment (main_layout, PANGO_ALIGN_CENTER);
  layout_size (main_layout, NULL, &mh);

  if (text_is_set (hint))
    {
      hint_layout = make_layout (d, FONT_SUBTITLE, hint);
      pango_layout_set_width (hint_layout, (int)(width * PANGO_SCALE));
      pango_layout_set_alignment (hint_layout, PANGO_ALIGN_CENTER);
      layout_size (hint_layout, NULL, &hh);
      hh += 6;
    }

  y = d->top + (d->bottom - d->top - mh - hh) / 2;
  y = MAX (y, d->top);
  show_layout (d, main_layout, d->left, y, &d->fg, ALPHA_SECONDARY);
  if (hint_layout != NULL)
    show_layout (d, hint_layout, d->left, y + mh + 6, &d->fg, ALPHA_SECONDARY * 0.8);
}

/* Category labels ------------------------------------------------------- */

typedef struct
{
  LabelMode mode;
  guint     step;
  double    height;     /* room below the axis */
  double    max_length; /* ellipsizing width of one label */
  double    overhang;   /* how far rotated labels reach left of their anchor */
} LabelPlan;

/* Label steps also go 1-2-5, so the labels that stay are round positions. */
static guint
nice_label_step (double rough)
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
widest_word (Draw       *d,
             const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  double widest = 0;

  for (guint i = 0; words[i] != NULL; i++)
    widest = MAX (widest, measure_text (d, FONT_TICK, words[i], 0));

  return widest;
}

static void
plan_category_labels (Draw      *d,
                      double     area_width,
                      guint      n,
                      LabelPlan *plan)
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
          g_autoptr(PangoLayout) layout = make_layout (d, FONT_TICK, label);
          double h;

          pango_layout_set_width (layout, (int)((slot - 6) * PANGO_SCALE));
          pango_layout_set_height (layout, -2);
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
          pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
          layout_size (layout, NULL, &h);
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
    typical = MAX (typical, measure_text (d, FONT_TICK,
                                          ce_chart_model_get_category_label (d->model, i),
                                          160));

  step_h = nice_label_step ((typical + 14) / slot);
  step_r = nice_label_step (line_h * 1.5 / slot);

  if (step_h <= 1 || (step_h <= 2 * step_r && typical <= 90) || typical <= 40)
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
        longest = MAX (longest, measure_text (d, FONT_TICK,
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
static gboolean
keep_rotated_labels_inside (Draw              *d,
                            const LabelPlan   *plan,
                            guint              n_categories,
                            cairo_rectangle_t *area)
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

static void
draw_category_labels (Draw            *d,
                      const LabelPlan *plan,
                      double           y)
{
  Layout *l = &d->self->layout;

  if (plan->mode == LABELS_NONE)
    return;

  for (guint i = 0; i < l->n_categories; i += plan->step)
    {
      const char *label = ce_chart_model_get_category_label (d->model, i);
      g_autoptr(PangoLayout) layout = make_layout (d, FONT_TICK, label);
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
          layout_size (layout, &tw, &th);
          /* A centred layout of set width centres its lines inside it. */
          x = cx - plan->max_length / 2;
          x = CLAMP (x, d->pad - (plan->max_length - tw) / 2,
                     d->width - d->pad - plan->max_length + (plan->max_length - tw) / 2);
          show_layout (d, layout, x, y, &d->fg, ALPHA_SECONDARY);
        }
      else
        {
          pango_layout_set_width (layout, -1);
          layout_size (layout, &tw, &th);
          if (tw > plan->max_length)
            {
              pango_layout_set_width (layout, (int)(plan->max_length * PANGO_SCALE));
              layout_size (layout, &tw, &th);
            }

          cairo_save (d->cr);
          cairo_translate (d->cr, cx, y + th * 0.36);
          cairo_rotate (d->cr, -G_PI / 4);
          show_layout (d, layout, -tw - 2, -th / 2, &d->fg, ALPHA_SECONDARY);
          cairo_restore (d->cr);
        }
    }

  l->label_step = plan->step;
  l->label_mode = plan->mode;
}

/* Value axis drawing ---------------------------------------------------- */

typedef struct
{
  guint  n;
  double first;
  double step;
  double label_width;
} Ticks;

static void
compute_ticks (Draw   *d,
               double  min,
               double  max,
               double  area_height,
               Ticks  *ticks)
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

      ticks->label_width = MAX (ticks->label_width, measure_text (d, FONT_TICK, text, 0));
    }
}

static void
draw_value_grid (Draw        *d,
                 const Ticks *ticks)
{
  Layout *l = &d->self->layout;

  cairo_set_line_width (d->cr, 1);

  for (guint i = 0; i < ticks->n; i++)
    {
      double v = ticks->first + i * ticks->step;
      g_autofree char *text = ce_plot_format_tick (v, ticks->step, d->percent);
      g_autoptr(PangoLayout) layout = make_layout (d, FONT_TICK, text);
      double y = snap (value_to_y (l, v)) + 0.5;
      double tw, th;

      if (fabs (v) > ticks->step * 1e-6)
        {
          set_source (d->cr, &d->fg, ALPHA_GRID);
          cairo_move_to (d->cr, l->area.x, y);
          cairo_line_to (d->cr, l->area.x + l->area.width, y);
          cairo_stroke (d->cr);
        }

      layout_size (layout, &tw, &th);
      show_layout (d, layout, l->area.x - 8 - tw, y - th / 2, &d->fg, ALPHA_SECONDARY);
    }
}

static void
draw_baseline (Draw *d)
{
  Layout *l = &d->self->layout;
  double y = snap (value_to_y (l, MAX (l->y_min, 0))) + 0.5;

  set_source (d->cr, &d->fg, ALPHA_AXIS);
  cairo_set_line_width (d->cr, 1);
  cairo_move_to (d->cr, l->area.x, y);
  cairo_line_to (d->cr, l->area.x + l->area.width, y);
  cairo_stroke (d->cr);
}

static void
draw_y_title (Draw   *d,
              double  x)
{
  Layout *l = &d->self->layout;
  const char *title = ce_chart_model_get_y_title (d->model);
  g_autoptr(PangoLayout) layout = NULL;
  double tw, th;

  if (!text_is_set (title))
    return;

  layout = make_layout (d, FONT_AXIS_TITLE, title);
  layout_size (layout, &tw, &th);

  /* A stub like "S…" says nothing; leave the title out instead. */
  if (tw > l->area.height * 1.6)
    return;

  pango_layout_set_width (layout, (int)(l->area.height * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  layout_size (layout, &tw, &th);

  cairo_save (d->cr);
  cairo_translate (d->cr, x, l->area.y + l->area.height / 2 + tw / 2);
  cairo_rotate (d->cr, -G_PI / 2);
  show_layout (d, layout, 0, 0, &d->fg, ALPHA_SECONDARY);
  cairo_restore (d->cr);
}

static double
y_title_room (Draw *d)
{
  if (!text_is_set (ce_chart_model_get_y_title (d->model)))
    return 0;

  return d->line_height[FONT_AXIS_TITLE] + 10;
}

static double
draw_x_title (Draw   *d,
              double  y)
{
  const char *title = ce_chart_model_get_x_title (d->model);
  Layout *l = &d->self->layout;
  g_autoptr(PangoLayout) layout = NULL;
  double tw, th;

  if (d->self->kind == CE_PLOT_DISPERSION && !text_is_set (title))
    title = _("Position in document");

  if (!text_is_set (title))
    return 0;

  layout = make_layout (d, FONT_AXIS_TITLE, title);
  pango_layout_set_width (layout, (int)((d->right - d->left) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  layout_size (layout, &tw, &th);

  if (l->area.width > 0)
    {
      double x = l->area.x + (l->area.width - tw) / 2;

      x = CLAMP (x, d->left, d->right - tw);
      show_layout (d, layout, x, y, &d->fg, ALPHA_SECONDARY);
    }

  return th + 8;
}

static double
x_title_room (Draw *d)
{
  const char *title = ce_chart_model_get_x_title (d->model);

  if (text_is_set (title) || d->self->kind == CE_PLOT_DISPERSION)
    return d->line_height[FONT_AXIS_TITLE] + 8;

  return 0;
}

/* Bars and stacked bars -------------------------------------------------- */

static void
data_range (Draw   *d,
            double *min,
            double *max)
{
  Layout *l = &d->self->layout;
  gboolean stacked = d->self->kind == CE_PLOT_STACKED;

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

static void
plan_bar_geometry (Draw *d)
{
  Layout *l = &d->self->layout;
  guint n_vis = l->visible->len;
  gboolean stacked = d->self->kind == CE_PLOT_STACKED;
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

static void
draw_bars (Draw *d)
{
  Layout *l = &d->self->layout;
  gboolean stacked = d->self->kind == CE_PLOT_STACKED;
  gboolean rounded;
  guint total_bars = l->n_bins * (stacked ? 1 : l->visible->len);
  gboolean values = FALSE;
  double value_h = d->line_height[FONT_VALUE];

  rounded = l->bar >= 10;

  /* Values over the bars, when few enough that they help. */
  if (total_bars <= 24 && l->n_bins == l->n_categories)
    {
      values = TRUE;
      for (guint c = 0; c < l->n_categories && values; c++)
        for (guint k = 0; k < l->visible->len && values; k++)
          {
            guint s = g_array_index (l->visible, guint, k);
            double v = stacked ? ce_chart_model_get_category_total (d->model, c)
                               : ce_chart_model_get_value (d->model, s, c);
            g_autofree char *text = ce_plot_format_value (d->self, v);

            if (measure_text (d, FONT_VALUE, text, 0) > (stacked ? l->group : l->bar + l->bar_gap) + 2)
              values = FALSE;
          }
    }

  for (guint bin = 0; bin < l->n_bins; bin++)
    {
      if (stacked)
        {
          Stack stack = { bin, bin_stack_category (d->model, l, bin), 0, 0, 0 };
          cairo_rectangle_t r = { 0 };
          guint s;
          double v;

          while (stack_next (d->model, l, &stack, FALSE, &s, &v, &r))
            {
              CeColor color;

              ce_chart_model_get_series_color (d->model, s, &color);
              set_source (d->cr, &color, 1);
              cairo_rectangle (d->cr, r.x, r.y, r.width, r.height);
              cairo_fill (d->cr);
            }

          if (values && stack.pos > 0)
            {
              g_autofree char *text = ce_plot_format_value (d->self, stack.pos);
              g_autoptr(PangoLayout) layout = make_layout (d, FONT_VALUE, text);
              double tw;

              bar_rect (l, bin, 0, 0, stack.pos, TRUE, &r);
              layout_size (layout, &tw, NULL);
              show_layout (d, layout, r.x + (r.width - tw) / 2, r.y - value_h - 2,
                           &d->fg, ALPHA_SECONDARY);
            }
          continue;
        }

      for (guint k = 0; k < l->visible->len; k++)
        {
          guint s = g_array_index (l->visible, guint, k);
          guint c;
          double v = bin_value (d->model, l, bin, s, &c);
          cairo_rectangle_t r;
          CeColor color;

          if (isnan (v))
            continue;

          bar_rect (l, bin, k, 0, v, TRUE, &r);
          ce_chart_model_get_series_color (d->model, s, &color);
          set_source (d->cr, &color, 1);

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
          cairo_fill (d->cr);

          if (values)
            {
              g_autofree char *text = ce_plot_format_value (d->self, v);
              g_autoptr(PangoLayout) layout = make_layout (d, FONT_VALUE, text);
              double tw;

              layout_size (layout, &tw, NULL);
              show_layout (d, layout, r.x + (r.width - tw) / 2,
                           v >= 0 ? r.y - value_h - 2 : r.y + r.height + 2,
                           &d->fg, ALPHA_SECONDARY);
            }
        }
    }
}

/* Lines ------------------------------------------------------------------ */

static gboolean
period_follows (CeChartModel *model,
                const Layout *l,
                guint         previous,
                guint         category)
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
draw_lines (Draw *d)
{
  Layout *l = &d->self->layout;
  double spacing = l->area.width / MAX (l->n_categories, 1);
  gboolean markers = spacing >= 7;
  gboolean dense = spacing < 1;
  Column column = { 0 };

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
      gboolean pen_down = FALSE;
      guint previous = 0;
      CeColor color;

      ce_chart_model_get_series_color (d->model, s, &color);
      set_source (d->cr, &color, 1);
      cairo_set_line_width (d->cr, l->n_categories > 400 ? 1.25 : 2);
      cairo_new_path (d->cr);

      /* With more points than pixels, each pixel column is drawn as its
       * lowest and highest point: the same picture, a fraction of the
       * path to stroke. */
      column.active = FALSE;

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

      /* Points: every one when there is room, otherwise those standing
       * alone between gaps, which no line would show. */
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

  cairo_restore (d->cr);
}

typedef struct
{
  TimeStep step;
  guint    n;
  double   label_height;
} TimePlan;

static void
plan_time_axis (Draw     *d,
                double    area_width,
                TimePlan *plan)
{
  Layout *l = &d->self->layout;
  double label_w = measure_text (d, FONT_TICK, "Sep 2000", 0) + 18;
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

static void
draw_time_axis (Draw           *d,
                const TimePlan *plan,
                double          y)
{
  Layout *l = &d->self->layout;
  GDate date;
  gboolean first = TRUE;

  time_first_tick (&plan->step, (guint32)l->t0, &date);
  while (g_date_get_julian (&date) <= (guint32)l->t1)
    {
      double x = snap (day_to_x (l, g_date_get_julian (&date))) + 0.5;
      g_autofree char *text = time_label (&plan->step, &date, first);
      g_autoptr(PangoLayout) layout = make_layout (d, FONT_TICK, text);
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
      layout_size (layout, &tw, &th);
      show_layout (d, layout, CLAMP (x - tw / 2, d->pad, d->width - d->pad - tw), y,
                   &d->fg, ALPHA_SECONDARY);

      first = FALSE;
      time_advance (&plan->step, &date);
    }
}

/* Heat map --------------------------------------------------------------- */

static CeColor
heat_color (Draw          *d,
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
heat_max (Draw *d)
{
  Layout *l = &d->self->layout;
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

static void
heat_cell_rect (const Layout      *l,
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

static void
draw_heatmap (Draw   *d,
              double  max)
{
  Layout *l = &d->self->layout;
  gboolean labels = TRUE;
  double value_h = d->line_height[FONT_VALUE];

  if (l->n_bins != l->n_categories || l->row_height < value_h + 6)
    labels = FALSE;

  /* Value labels only if every one fits, so none are silently missing. */
  for (guint k = 0; k < l->visible->len && labels; k++)
    for (guint c = 0; c < l->n_categories && labels; c++)
      {
        double v = ce_chart_model_get_value (d->model, g_array_index (l->visible, guint, k), c);
        g_autofree char *text = ce_plot_format_value (d->self, v);

        if (measure_text (d, FONT_VALUE, text, 0) > l->slot - 8)
          labels = FALSE;
      }

  for (guint k = 0; k < l->visible->len; k++)
    {
      guint s = g_array_index (l->visible, guint, k);
      CeColor series_color;
      g_autoptr(PangoLayout) name = make_layout (d, FONT_TICK, ce_chart_model_get_series_name (d->model, s));
      double tw, th;
      double label_room = l->area.x - d->left - 10;

      ce_chart_model_get_series_color (d->model, s, &series_color);

      pango_layout_set_width (name, (int)(label_room * PANGO_SCALE));
      pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment (name, PANGO_ALIGN_RIGHT);
      layout_size (name, &tw, &th);
      if (l->row_height >= th * 0.8)
        show_layout (d, name, l->area.x - 10 - label_room,
                     l->area.y + (k + 0.5) * l->row_height - th / 2, &d->fg, ALPHA_SECONDARY);

      for (guint bin = 0; bin < l->n_bins; bin++)
        {
          guint c;
          double v = bin_value (d->model, l, bin, s, &c);
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

          cell = heat_color (d, &series_color, max > 0 ? v / max : 0);
          set_source (d->cr, &cell, 1);
          cairo_rectangle (d->cr, r.x, r.y, r.width, r.height);
          cairo_fill (d->cr);

          if (labels)
            {
              g_autofree char *text = ce_plot_format_value (d->self, v);
              g_autoptr(PangoLayout) layout = make_layout (d, FONT_VALUE, text);
              CeColor ink;
              double vw, vh;

              /* Dark ink on light cells, light ink on dark ones. */
              if (luminance (&cell) > 0.5)
                ink = (CeColor) { 0.1, 0.1, 0.1, 1 };
              else
                ink = (CeColor) { 1, 1, 1, 1 };

              layout_size (layout, &vw, &vh);
              show_layout (d, layout, r.x + (r.width - vw) / 2, r.y + (r.height - vh) / 2, &ink, 0.92);
            }
        }
    }
}

/* Dispersion -------------------------------------------------------------- */

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
row_bin_start (const Layout *l,
               guint         bin)
{
  return (guint)((guint64)bin * l->n_rows / l->n_row_bins);
}

static void
draw_dispersion (Draw *d)
{
  Layout *l = &d->self->layout;
  guint n_vis = l->visible->len;
  double lane_h;
  gboolean lanes;
  guint label_step;
  double line_h = d->line_height[FONT_TICK];

  lanes = n_vis > 1 && l->row_height * 0.8 / n_vis >= 4;
  lane_h = lanes ? l->row_height * 0.8 / n_vis : MAX (1, l->row_height * 0.8);
  label_step = nice_label_step (line_h * 1.05 / l->row_height);

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

      if (b % label_step == 0)
        {
          g_autoptr(PangoLayout) layout = make_layout (d, FONT_TICK,
                                                       ce_chart_model_get_document_label (d->model, start));
          double room = l->area.x - d->left - 10;
          double th;

          pango_layout_set_width (layout, (int)(room * PANGO_SCALE));
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
          pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
          layout_size (layout, NULL, &th);
          show_layout (d, layout, d->left, row_y + l->row_height / 2 - th / 2,
                       &d->fg, ALPHA_SECONDARY);
        }

      for (guint row = start; row < end; row++)
        {
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

              top = lanes ? row_y + l->row_height * 0.1 + k * lane_h
                          : row_y + (l->row_height - lane_h) / 2;

              ce_chart_model_get_series_color (d->model, s, &color);
              set_source (d->cr, &color, lanes || n_vis == 1 ? 1 : 0.8);
              for (guint i = 0; i < n; i++)
                {
                  double x = l->area.x + CLAMP (positions[i] / extent, 0, 1) * l->area.width;

                  /* Whole pixels keep hairline ticks sharp. */
                  cairo_rectangle (d->cr, snap (x - 1), snap (top), 2,
                                   MAX (1, snap (top + lane_h) - snap (top)));
                }
              cairo_fill (d->cr);
            }
        }
    }

  l->label_step = label_step;
}

static void
draw_position_axis (Draw   *d,
                    double  y)
{
  Layout *l = &d->self->layout;

  for (guint i = 0; i <= 4; i++)
    {
      double x = snap (l->area.x + i * l->area.width / 4) + 0.5;
      g_autofree char *text = ce_plot_format_tick (i / 4., 0.25, TRUE);
      g_autoptr(PangoLayout) layout = make_layout (d, FONT_TICK, text);
      double tw;

      set_source (d->cr, &d->fg, ALPHA_GRID);
      cairo_set_line_width (d->cr, 1);
      cairo_move_to (d->cr, x, l->area.y);
      cairo_line_to (d->cr, x, l->area.y + l->area.height + 4);
      cairo_stroke (d->cr);

      layout_size (layout, &tw, NULL);
      show_layout (d, layout, x - tw / 2, y, &d->fg, ALPHA_SECONDARY);
    }
}

/* Putting it together ------------------------------------------------------ */

static void
draw_chart (Draw *d)
{
  CePlot *self = d->self;
  Layout *l = &self->layout;
  double top;
  double bottom;
  double x_title_h;
  CePlotKind kind = self->kind;
  double heat_max_value = 0;
  double scale_w = 0;
  double axis_bottom;

  draw_header (d);

  if (kind == CE_PLOT_HEATMAP && l->visible->len > 0 && l->n_categories > 0)
    {
      heat_max_value = heat_max (d);
      scale_w = heatmap_scale_width (d, heat_max_value) + 24;
    }

  if (kind == CE_PLOT_HEATMAP && scale_w > 0)
    {
      guint first_visible = g_array_index (l->visible, guint, 0);
      CeColor color;
      double legend_top = d->top;
      double line_h = MAX (d->line_height[FONT_LEGEND], 14);

      ce_chart_model_get_series_color (d->model, first_visible, &color);
      draw_legend (d, scale_w);
      draw_heatmap_scale (d, d->right, legend_top + line_h / 2, heat_max_value,
                          self->ramp == CE_PLOT_RAMP_SEQUENTIAL ? NULL : &d->fg);
    }
  else
    draw_legend (d, 0);

  draw_source (d);

  if (ce_chart_model_get_n_series (d->model) == 0)
    {
      l->empty = TRUE;
      draw_message (d, _("No topics yet"), _("Add a topic to count its mentions."));
      return;
    }

  if (l->visible->len == 0)
    {
      l->empty = TRUE;
      draw_message (d, _("Every topic is hidden"), _("Click a topic in the legend to show it."));
      return;
    }

  if ((kind == CE_PLOT_DISPERSION && l->n_rows == 0)
      || (kind != CE_PLOT_DISPERSION && l->n_categories == 0))
    {
      l->empty = TRUE;
      draw_message (d, _("Nothing to count in this selection"),
                    _("Widen the selection or choose another grouping."));
      return;
    }

  x_title_h = x_title_room (d);
  top = d->top + d->line_height[FONT_TICK] / 2;
  bottom = d->bottom - x_title_h;

  /* Too small to show data (a thumbnail, a collapsed pane): draw only
   * what fitted above rather than a crushed plot. */
  if (d->right - d->left < 80 || bottom - top < 60)
    {
      l->empty = TRUE;
      return;
    }

  if (kind == CE_PLOT_BARS || kind == CE_PLOT_STACKED
      || (kind == CE_PLOT_LINES && !l->time_axis))
    {
      LabelPlan plan = { 0 };
      Ticks ticks;
      double min, max;
      double area_h = bottom - top - 40;

      data_range (d, &min, &max);
      for (guint pass = 0; pass < 3; pass++)
        {
          compute_ticks (d, min, max, area_h, &ticks);
          l->area.x = d->left + y_title_room (d) + ticks.label_width + 8;
          l->area.width = d->right - l->area.x;
          plan_category_labels (d, l->area.width, l->n_categories, &plan);

          keep_rotated_labels_inside (d, &plan, l->n_categories, &l->area);
          area_h = bottom - top - plan.height - 4;
        }

      l->area.y = top;
      l->area.height = MAX (area_h, 20);
      l->y_min = ticks.first;
      l->y_max = ticks.first + (ticks.n - 1) * ticks.step;

      if (kind == CE_PLOT_LINES)
        {
          l->n_bins = l->n_categories;
          l->slot = l->area.width / l->n_categories;
        }
      else
        plan_bar_geometry (d);

      draw_value_grid (d, &ticks);
      if (kind == CE_PLOT_LINES)
        draw_lines (d);
      else
        draw_bars (d);
      draw_baseline (d);
      draw_category_labels (d, &plan, l->area.y + l->area.height + 8);
      draw_y_title (d, d->left);
      axis_bottom = l->area.y + l->area.height + 8 + plan.height;
    }
  else if (kind == CE_PLOT_LINES)
    {
      TimePlan plan;
      Ticks ticks;
      double min, max;
      double area_h = bottom - top - 40;

      data_range (d, &min, &max);
      for (guint pass = 0; pass < 2; pass++)
        {
          compute_ticks (d, min, max, area_h, &ticks);
          l->area.x = d->left + y_title_room (d) + ticks.label_width + 8;
          l->area.width = d->right - l->area.x;
          plan_time_axis (d, l->area.width, &plan);
          area_h = bottom - top - plan.label_height - 8;
        }

      l->area.y = top;
      l->area.height = MAX (area_h, 20);
      l->y_min = ticks.first;
      l->y_max = ticks.first + (ticks.n - 1) * ticks.step;
      l->n_bins = l->n_categories;
      l->slot = l->area.width / l->n_categories;

      draw_value_grid (d, &ticks);
      draw_time_axis (d, &plan, l->area.y + l->area.height + 8);
      draw_baseline (d);
      draw_lines (d);
      draw_y_title (d, d->left);
      axis_bottom = l->area.y + l->area.height + 8 + plan.label_height;
    }
  else if (kind == CE_PLOT_HEATMAP)
    {
      LabelPlan plan = { 0 };
      double names = 0;
      double area_h;

      for (guint k = 0; k < l->visible->len; k++)
        names = MAX (names, measure_text (d, FONT_TICK,
                                          ce_chart_model_get_series_name (d->model, g_array_index (l->visible, guint, k)),
                                          (d->right - d->left) * 0.3));

      l->area.x = d->left + names + 10;
      l->area.width = d->right - l->area.x;
      plan_category_labels (d, l->area.width, l->n_categories, &plan);
      if (keep_rotated_labels_inside (d, &plan, l->n_categories, &l->area))
        plan_category_labels (d, l->area.width, l->n_categories, &plan);

      area_h = bottom - top - plan.height - 8;
      l->area.y = top;
      l->row_height = MIN (area_h / l->visible->len, 64);
      l->row_height = MAX (l->row_height, 1);
      l->area.height = l->row_height * l->visible->len;

      l->n_bins = l->n_categories;
      if (l->area.width / l->n_categories < 1)
        l->n_bins = MAX (1, fit_count (l->area.width, 1));
      l->slot = l->area.width / l->n_bins;

      draw_heatmap (d, heat_max_value);
      draw_category_labels (d, &plan, l->area.y + l->area.height + 8);
      axis_bottom = l->area.y + l->area.height + 8 + plan.height;
    }
  else if (kind == CE_PLOT_DISPERSION)
    {
      double names = 0;
      double area_h;
      guint sample_step = MAX (1, l->n_rows / 100);

      for (guint r = 0; r < l->n_rows; r += sample_step)
        names = MAX (names, measure_text (d, FONT_TICK,
                                          ce_chart_model_get_document_label (d->model, r),
                                          (d->right - d->left) * 0.3));

      l->area.x = d->left + names + 10;
      /* Room for the "100%" label centred on the right edge. */
      l->area.width = d->right - l->area.x - measure_text (d, FONT_TICK, "100%", 0) / 2;
      l->area.y = top - d->line_height[FONT_TICK] / 2;
      area_h = bottom - l->area.y - d->line_height[FONT_TICK] - 10;

      l->n_row_bins = l->n_rows;
      if (area_h / l->n_rows < 1)
        l->n_row_bins = MAX (1, fit_count (area_h, 1));
      /* Rows tall enough for a lane per topic, no taller. */
      l->row_height = MIN (area_h / l->n_row_bins, MAX (26, 9 * l->visible->len + 6));
      l->area.height = l->row_height * l->n_row_bins;

      draw_dispersion (d);
      draw_position_axis (d, l->area.y + l->area.height + 8);
      axis_bottom = l->area.y + l->area.height + 8 + d->line_height[FONT_TICK];
    }
  else
    return;

  /* Right under the axis labels, which may end above the bottom when
   * heat map or dispersion rows did not need all the height. */
  draw_x_title (d, MIN (axis_bottom + 6, bottom + 8));
}

/* GObject --------------------------------------------------------------- */

static void
ce_plot_finalize (GObject *object)
{
  CePlot *self = (CePlot *)object;

  layout_clear (&self->layout);
  g_clear_object (&self->model);
  g_clear_pointer (&self->font_family, g_free);
  g_clear_pointer (&self->font_options, cairo_font_options_destroy);

  G_OBJECT_CLASS (ce_plot_parent_class)->finalize (object);
}

static void
ce_plot_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  CePlot *self = CE_PLOT (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_THEME:
      g_value_set_int (value, self->theme);
      break;
    case PROP_FONT_FAMILY:
      g_value_set_string (value, self->font_family);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ce_plot_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  CePlot *self = CE_PLOT (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      ce_plot_set_model (self, g_value_get_object (value));
      break;
    case PROP_KIND:
      ce_plot_set_kind (self, g_value_get_int (value));
      break;
    case PROP_THEME:
      ce_plot_set_theme (self, g_value_get_int (value));
      break;
    case PROP_FONT_FAMILY:
      ce_plot_set_font_family (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ce_plot_class_init (CePlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ce_plot_finalize;
  object_class->get_property = ce_plot_get_property;
  object_class->set_property = ce_plot_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, CE_TYPE_CHART_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, CE_PLOT_BARS, CE_PLOT_DISPERSION, CE_PLOT_BARS,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_THEME] =
    g_param_spec_int ("theme", NULL, NULL, CE_PLOT_THEME_LIGHT, CE_PLOT_THEME_DARK,
                      CE_PLOT_THEME_LIGHT,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FONT_FAMILY] =
    g_param_spec_string ("font-family", NULL, NULL, CE_PLOT_DEFAULT_FONT_FAMILY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ce_plot_init (CePlot *self)
{
  self->font_family = g_strdup (CE_PLOT_DEFAULT_FONT_FAMILY);
  self->kind = CE_PLOT_BARS;
  self->theme = CE_PLOT_THEME_LIGHT;
  self->ramp = CE_PLOT_RAMP_PER_SERIES;
}

/* Public API -------------------------------------------------------------- */

/**
 * ce_plot_new:
 * @model: (nullable): the data
 * @kind: how to draw it
 *
 * Returns: (transfer full): a new plot
 */
CePlot *
ce_plot_new (CeChartModel *model,
             CePlotKind    kind)
{
  g_return_val_if_fail (model == NULL || CE_IS_CHART_MODEL (model), NULL);

  return g_object_new (CE_TYPE_PLOT, "model", model, "kind", kind, NULL);
}

void
ce_plot_set_model (CePlot       *self,
                   CeChartModel *model)
{
  g_return_if_fail (CE_IS_PLOT (self));
  g_return_if_fail (model == NULL || CE_IS_CHART_MODEL (model));

  if (g_set_object (&self->model, model))
    {
      self->layout.valid = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
    }
}

/**
 * ce_plot_get_model:
 * @self: a plot
 *
 * Returns: (transfer none) (nullable): the model
 */
CeChartModel *
ce_plot_get_model (CePlot *self)
{
  g_return_val_if_fail (CE_IS_PLOT (self), NULL);
  return self->model;
}

void
ce_plot_set_kind (CePlot     *self,
                  CePlotKind  kind)
{
  g_return_if_fail (CE_IS_PLOT (self));
  g_return_if_fail (kind <= CE_PLOT_DISPERSION);

  if (self->kind != kind)
    {
      self->kind = kind;
      self->layout.valid = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }
}

CePlotKind
ce_plot_get_kind (CePlot *self)
{
  g_return_val_if_fail (CE_IS_PLOT (self), CE_PLOT_BARS);
  return self->kind;
}

void
ce_plot_set_theme (CePlot      *self,
                   CePlotTheme  theme)
{
  g_return_if_fail (CE_IS_PLOT (self));
  g_return_if_fail (theme <= CE_PLOT_THEME_DARK);

  if (self->theme != theme)
    {
      self->theme = theme;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THEME]);
    }
}

CePlotTheme
ce_plot_get_theme (CePlot *self)
{
  g_return_val_if_fail (CE_IS_PLOT (self), CE_PLOT_THEME_LIGHT);
  return self->theme;
}

/**
 * ce_plot_get_theme_colors:
 * @self: a plot
 * @foreground: (out) (optional): text and line colour of the theme
 * @background: (out) (optional): background colour of the theme
 *
 * The colours exports use; on screen the caller passes its own foreground.
 */
void
ce_plot_get_theme_colors (CePlot  *self,
                          CeColor *foreground,
                          CeColor *background)
{
  g_return_if_fail (CE_IS_PLOT (self));

  if (self->theme == CE_PLOT_THEME_DARK)
    {
      if (foreground != NULL)
        *foreground = (CeColor) { 1, 1, 1, 1 };
      if (background != NULL)
        *background = (CeColor) { 0x24 / 255., 0x24 / 255., 0x24 / 255., 1 };
    }
  else
    {
      if (foreground != NULL)
        *foreground = (CeColor) { 0x1c / 255., 0x1c / 255., 0x1e / 255., 1 };
      if (background != NULL)
        *background = (CeColor) { 1, 1, 1, 1 };
    }
}

void
ce_plot_set_font_family (CePlot     *self,
                         const char *family)
{
  g_return_if_fail (CE_IS_PLOT (self));

  if (family == NULL || family[0] == '\0')
    family = CE_PLOT_DEFAULT_FONT_FAMILY;

  if (g_strcmp0 (self->font_family, family) != 0)
    {
      g_free (self->font_family);
      self->font_family = g_strdup (family);
      self->layout.valid = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FONT_FAMILY]);
    }
}

const char *
ce_plot_get_font_family (CePlot *self)
{
  g_return_val_if_fail (CE_IS_PLOT (self), NULL);
  return self->font_family;
}

/**
 * ce_plot_set_font_options:
 * @self: a plot
 * @options: (nullable): font options for text, or %NULL to use the target's
 *
 * Exports fix hinting here, so that a file looks the same whatever the
 * desktop's font settings are.
 */
void
ce_plot_set_font_options (CePlot                     *self,
                          const cairo_font_options_t *options)
{
  g_return_if_fail (CE_IS_PLOT (self));

  g_clear_pointer (&self->font_options, cairo_font_options_destroy);
  if (options != NULL)
    self->font_options = cairo_font_options_copy (options);
  self->layout.valid = FALSE;
}

/**
 * ce_plot_get_font_options:
 * @self: a plot
 *
 * Returns: (transfer none) (nullable): the font options set
 */
const cairo_font_options_t *
ce_plot_get_font_options (CePlot *self)
{
  g_return_val_if_fail (CE_IS_PLOT (self), NULL);
  return self->font_options;
}

void
ce_plot_set_heatmap_ramp (CePlot     *self,
                          CePlotRamp  ramp)
{
  g_return_if_fail (CE_IS_PLOT (self));
  g_return_if_fail (ramp <= CE_PLOT_RAMP_SEQUENTIAL);

  self->ramp = ramp;
}

CePlotRamp
ce_plot_get_heatmap_ramp (CePlot *self)
{
  g_return_val_if_fail (CE_IS_PLOT (self), CE_PLOT_RAMP_PER_SERIES);
  return self->ramp;
}

/**
 * ce_plot_draw:
 * @self: a plot
 * @cr: where to draw; the background is the caller's
 * @width: width in user units
 * @height: height in user units
 * @fg: (nullable): colour of text and lines; %NULL for the theme's
 *
 * Draws the chart.  Grid and axis colours derive from @fg, so the same call
 * suits a light or a dark surface.  The layout is kept for hit testing.
 */
void
ce_plot_draw (CePlot        *self,
              cairo_t       *cr,
              int            width,
              int            height,
              const CeColor *fg)
{
  Draw d = { 0 };
  Layout *l;
  CeChartModel *model;
  g_autoptr(CeChartModel) empty_model = NULL;

  g_return_if_fail (CE_IS_PLOT (self));
  g_return_if_fail (cr != NULL);

  l = &self->layout;
  layout_clear (l);
  l->visible = g_array_new (FALSE, FALSE, sizeof (guint));
  l->legend = g_array_new (FALSE, FALSE, sizeof (LegendEntry));

  if (width <= 0 || height <= 0)
    return;

  model = self->model;
  if (model == NULL)
    model = empty_model = ce_chart_model_new ();

  d.self = self;
  d.model = model;
  d.cr = cr;
  d.width = width;
  d.height = height;
  ce_plot_get_theme_colors (self, &d.fg, &d.bg);
  if (fg != NULL)
    {
      d.fg = *fg;
      /* On screen the background is the caller's; guess it from the
       * foreground, for heat map shades and label ink. */
      d.dark = luminance (fg) > 0.5;
      d.bg = d.dark ? (CeColor) { 0x24 / 255., 0x24 / 255., 0x24 / 255., 1 }
                    : (CeColor) { 1, 1, 1, 1 };
    }
  else
    d.dark = self->theme == CE_PLOT_THEME_DARK;

  d.percent = ce_chart_model_is_percent (model);
  d.integral = ce_chart_model_get_measure (model) == CE_CHART_MEASURE_MENTIONS
               || ce_chart_model_get_measure (model) == CE_CHART_MEASURE_DOCUMENTS;

  l->width = width;
  l->height = height;
  l->kind = self->kind;
  l->generation = ce_chart_model_get_generation (model);
  l->n_categories = ce_chart_model_get_n_categories (model);
  l->n_rows = ce_chart_model_get_n_documents (model);
  l->time_axis = self->kind == CE_PLOT_LINES && ce_chart_model_has_dates (model);
  l->label_step = 1;
  for (guint s = 0; s < ce_chart_model_get_n_series (model); s++)
    if (ce_chart_model_get_series_visible (model, s))
      g_array_append_val (l->visible, s);

  if (l->time_axis)
    {
      l->t0 = G_MAXDOUBLE;
      l->t1 = 0;
      for (guint c = 0; c < l->n_categories; c++)
        {
          guint32 start, end;

          ce_chart_model_get_category_dates (model, c, &start, &end);
          l->t0 = MIN (l->t0, start);
          l->t1 = MAX (l->t1, end);
        }
    }

  d.context = pango_cairo_create_context (cr);
  if (self->font_options != NULL)
    pango_cairo_context_set_font_options (d.context, self->font_options);

  for (guint i = 0; i < N_FONTS; i++)
    {
      g_autoptr(PangoLayout) probe = NULL;

      d.fonts[i] = pango_font_description_from_string (self->font_family);
      pango_font_description_set_family (d.fonts[i], self->font_family);
      pango_font_description_set_absolute_size (d.fonts[i], font_roles[i].size * PANGO_SCALE);
      pango_font_description_set_weight (d.fonts[i], font_roles[i].weight);

      probe = make_layout (&d, i, "Hg");
      layout_size (probe, NULL, &d.line_height[i]);
    }

  d.pad = CLAMP (round (MIN (width, height) * 0.05), 12, 32);
  d.left = d.pad;
  d.right = width - d.pad;
  d.top = d.pad;
  d.bottom = height - d.pad;

  cairo_save (cr);
  cairo_new_path (cr);
  draw_chart (&d);
  cairo_restore (cr);

  for (guint i = 0; i < N_FONTS; i++)
    pango_font_description_free (d.fonts[i]);
  g_object_unref (d.context);

  l->valid = TRUE;
}

static gboolean
layout_current (CePlot *self)
{
  const Layout *l = &self->layout;

  return l->valid
         && self->model != NULL
         && l->kind == self->kind
         && l->generation == ce_chart_model_get_generation (self->model);
}

static void
hit_init (CePlotHit *hit)
{
  hit->kind = CE_PLOT_HIT_NONE;
  hit->series = -1;
  hit->category = -1;
  hit->row = -1;
  hit->mention = -1;
  hit->legend_entry = -1;
  hit->position = NAN;
  hit->value = NAN;
  hit->area = (cairo_rectangle_t) { 0, 0, 0, 0 };
}

static void
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

/* The whole slot of @bin, standing for @category */
static void
set_bin_hit (CePlotHit    *hit,
             const Layout *l,
             guint         bin,
             guint         category)
{
  hit->kind = CE_PLOT_HIT_CATEGORY;
  hit->category = category;
  hit->area = (cairo_rectangle_t) { l->area.x + bin * l->slot, l->area.y, l->slot, l->area.height };
}

static gboolean
in_rect (const cairo_rectangle_t *r,
         double                   x,
         double                   y)
{
  return x >= r->x && x < r->x + r->width && y >= r->y && y < r->y + r->height;
}

static gboolean
hit_bars (CePlot    *self,
          double     x,
          double     y,
          CePlotHit *hit)
{
  Layout *l = &self->layout;
  guint bin;

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
      double v = bin_value (self->model, l, bin, s, &c);
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
hit_lines (CePlot    *self,
           double     x,
           double     y,
           CePlotHit *hit)
{
  Layout *l = &self->layout;
  double best = 10 * 10;
  int best_category = -1;
  double best_dx = G_MAXDOUBLE;

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
hit_heatmap (CePlot    *self,
             double     x,
             double     y,
             CePlotHit *hit)
{
  Layout *l = &self->layout;
  guint bin;
  guint row;
  guint s;
  guint c;
  double v;
  cairo_rectangle_t r;

  if (!in_rect (&l->area, x, y))
    return FALSE;

  bin = MIN ((guint)((x - l->area.x) / l->slot), l->n_bins - 1);
  row = MIN ((guint)((y - l->area.y) / l->row_height), l->visible->len - 1);
  s = g_array_index (l->visible, guint, row);
  v = bin_value (self->model, l, bin, s, &c);

  heat_cell_rect (l, bin, row, &r);
  set_value_hit (hit, s, c, v, &r);

  return TRUE;
}

static gboolean
hit_dispersion (CePlot    *self,
                double     x,
                double     y,
                CePlotHit *hit)
{
  Layout *l = &self->layout;
  guint bin;
  guint start;
  guint end;
  double best = 3.5;

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

/**
 * ce_plot_hit_test:
 * @self: a plot
 * @x: pointer position, in the units of the last ce_plot_draw()
 * @y: pointer position
 * @hit: (out): what is there
 *
 * Answers from the layout of the last draw; after the model or kind
 * changed, nothing is hit until the next draw.
 *
 * Returns: %TRUE when something was hit
 */
gboolean
ce_plot_hit_test (CePlot    *self,
                  double     x,
                  double     y,
                  CePlotHit *hit)
{
  Layout *l;

  g_return_val_if_fail (CE_IS_PLOT (self), FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  hit_init (hit);
  if (!layout_current (self))
    return FALSE;

  l = &self->layout;
  for (guint i = 0; i < l->legend->len; i++)
    {
      const LegendEntry *entry = &g_array_index (l->legend, LegendEntry, i);

      if (in_rect (&entry->rect, x, y))
        {
          hit->kind = CE_PLOT_HIT_LEGEND;
          hit->legend_entry = entry->series;
          hit->series = entry->series;
          hit->area = entry->rect;
          return TRUE;
        }
    }

  if (l->empty || l->visible->len == 0)
    return FALSE;

  switch (l->kind)
    {
    case CE_PLOT_BARS:
    case CE_PLOT_STACKED:
      return l->n_bins > 0 && hit_bars (self, x, y, hit);
    case CE_PLOT_LINES:
      return l->n_categories > 0 && hit_lines (self, x, y, hit);
    case CE_PLOT_HEATMAP:
      return l->n_bins > 0 && hit_heatmap (self, x, y, hit);
    case CE_PLOT_DISPERSION:
      return l->n_row_bins > 0 && hit_dispersion (self, x, y, hit);
    default:
      return FALSE;
    }
}

/**
 * ce_plot_get_bar_rect:
 * @self: a plot
 * @series: a series index
 * @category: a category index
 * @rect: (out): where its bar (segment, point or cell) was drawn
 *
 * For bars the rectangle is the bar; when categories were aggregated it
 * spans the aggregated column with the height of this category's value.
 * For lines it is a small square around the point, for heat maps the cell.
 *
 * Returns: %TRUE if the last draw showed that value
 */
gboolean
ce_plot_get_bar_rect (CePlot            *self,
                      guint              series,
                      guint              category,
                      cairo_rectangle_t *rect)
{
  Layout *l;
  int visible_index = -1;
  double v;

  g_return_val_if_fail (CE_IS_PLOT (self), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  if (!layout_current (self) || self->layout.empty)
    return FALSE;

  l = &self->layout;
  if (category >= l->n_categories || series >= ce_chart_model_get_n_series (self->model))
    return FALSE;

  for (guint k = 0; k < l->visible->len; k++)
    if (g_array_index (l->visible, guint, k) == series)
      visible_index = k;
  if (visible_index < 0)
    return FALSE;

  v = ce_chart_model_get_value (self->model, series, category);
  if (isnan (v) && l->kind != CE_PLOT_HEATMAP)
    return FALSE;

  switch (l->kind)
    {
    case CE_PLOT_BARS:
      bar_rect (l, bin_of_category (l, category), visible_index, 0, v, TRUE, rect);
      return TRUE;

    case CE_PLOT_STACKED:
      {
        double pos = 0;
        double neg = 0;

        for (guint k = 0; k < (guint)visible_index; k++)
          {
            double below = ce_chart_model_get_value (self->model, g_array_index (l->visible, guint, k), category);

            if (isnan (below))
              continue;
            if (below > 0)
              pos += below;
            else
              neg += below;
          }

        bar_rect (l, bin_of_category (l, category), 0, v > 0 ? pos : neg,
                  (v > 0 ? pos : neg) + v, TRUE, rect);
        return TRUE;
      }

    case CE_PLOT_LINES:
      {
        double x = point_x (self->model, l, category);
        double y = value_to_y (l, v);

        *rect = (cairo_rectangle_t) { x - 4, y - 4, 8, 8 };
        return TRUE;
      }

    case CE_PLOT_HEATMAP:
      heat_cell_rect (l, bin_of_category (l, category), visible_index, rect);
      return TRUE;

    case CE_PLOT_DISPERSION:
    default:
      return FALSE;
    }
}

/**
 * ce_plot_get_plot_area:
 * @self: a plot
 * @rect: (out): the data area of the last draw
 *
 * Returns: %TRUE if the last draw showed data
 */
gboolean
ce_plot_get_plot_area (CePlot            *self,
                       cairo_rectangle_t *rect)
{
  g_return_val_if_fail (CE_IS_PLOT (self), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  if (!self->layout.valid || self->layout.empty)
    return FALSE;

  *rect = self->layout.area;
  return TRUE;
}

/**
 * ce_plot_get_label_step:
 * @self: a plot
 *
 * Returns: in the last draw, every how many categories (or dispersion rows)
 *   a label was shown
 */
guint
ce_plot_get_label_step (CePlot *self)
{
  g_return_val_if_fail (CE_IS_PLOT (self), 1);

  return MAX (self->layout.label_step, 1);
}

/**
 * ce_plot_format_value:
 * @self: a plot
 * @value: a value of its model
 *
 * Formats a value for a tooltip or a label: whole numbers with thousands
 * grouped, rates with up to three significant digits, shares as
 * percentages, "–" for no data.
 *
 * Returns: (transfer full): the text
 */
char *
ce_plot_format_value (CePlot *self,
                      double  value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  gboolean percent;
  const char *format;
  double magnitude;

  g_return_val_if_fail (CE_IS_PLOT (self), NULL);

  if (isnan (value))
    return g_strdup ("–");

  percent = self->model != NULL && ce_chart_model_is_percent (self->model);
  if (percent)
    value *= 100;

  magnitude = fabs (value);
  if (value == floor (value) && magnitude < 1e15)
    format = "%.0f";
  else if (magnitude >= 100)
    format = "%.0f";
  else if (magnitude >= 10)
    format = "%.1f";
  else
    format = "%.2f";

  g_ascii_formatd (buffer, sizeof buffer, format, value);

  /* "2.50" reads as more precise than it is. */
  if (strchr (buffer, '.') != NULL)
    {
      char *end = buffer + strlen (buffer) - 1;

      while (*end == '0')
        *end-- = '\0';
      if (*end == '.')
        *end = '\0';
    }

  {
    char *grouped;
    GString *out = g_string_new (NULL);
    const char *p = buffer;
    const char *dot;
    gsize int_len;

    if (*p == '-')
      g_string_append_c (out, *p++);
    dot = strchr (p, '.');
    int_len = dot != NULL ? (gsize)(dot - p) : strlen (p);
    for (gsize i = 0; i < int_len; i++)
      {
        if (i > 0 && (int_len - i) % 3 == 0)
          g_string_append_c (out, ',');
        g_string_append_c (out, p[i]);
      }
    if (dot != NULL)
      g_string_append (out, dot);
    if (percent)
      g_string_append_c (out, '%');

    grouped = g_string_free (out, FALSE);
    return grouped;
  }
}
