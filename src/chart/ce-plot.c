/* ce-plot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CePlot: the object, its settings, and the two phases of a draw (plan,
 * then paint) dispatched to the chart kind's CePlotKindOps.  Hit tests
 * read the plan of the last draw.
 */

#define G_LOG_DOMAIN "ce-plot"

#include "config.h"

#include <string.h>

#include "ce-plot-private.h"

G_DEFINE_FINAL_TYPE (CePlot, ce_plot, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_KIND,
  PROP_THEME,
  PROP_FONT_FAMILY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const CePlotKindOps *
kind_ops (CePlotKind kind)
{
  switch (kind)
    {
    case CE_PLOT_BARS:
    case CE_PLOT_STACKED:
      return &_ce_plot_bars_ops;
    case CE_PLOT_LINES:
      return &_ce_plot_lines_ops;
    case CE_PLOT_HEATMAP:
      return &_ce_plot_heatmap_ops;
    case CE_PLOT_DISPERSION:
      return &_ce_plot_dispersion_ops;
    default:
      g_return_val_if_reached (&_ce_plot_bars_ops);
    }
}

static void
plan_clear (CePlotPlan *plan)
{
  g_clear_pointer (&plan->visible, g_array_unref);
  g_clear_pointer (&plan->legend, g_array_unref);
  memset (plan, 0, sizeof *plan);
}

/* GObject --------------------------------------------------------------- */

static void
ce_plot_finalize (GObject *object)
{
  CePlot *self = (CePlot *)object;

  plan_clear (&self->plan);
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
      g_value_set_enum (value, self->kind);
      break;
    case PROP_THEME:
      g_value_set_enum (value, self->theme);
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
      ce_plot_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_THEME:
      ce_plot_set_theme (self, g_value_get_enum (value));
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
    g_param_spec_enum ("kind", NULL, NULL, CE_TYPE_PLOT_KIND, CE_PLOT_BARS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_THEME] =
    g_param_spec_enum ("theme", NULL, NULL, CE_TYPE_PLOT_THEME, CE_PLOT_THEME_LIGHT,
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
      self->plan.valid = FALSE;
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
      self->plan.valid = FALSE;
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

/**
 * ce_plot_set_high_contrast:
 *
 * In high contrast, every bar whose colour stands out from the
 * background by less than 3:1 gets an edge that does (on a dark
 * background this holds anyway).
 */
void
ce_plot_set_high_contrast (CePlot   *self,
                           gboolean  high_contrast)
{
  g_return_if_fail (CE_IS_PLOT (self));

  high_contrast = !!high_contrast;
  if (self->high_contrast != high_contrast)
    {
      self->high_contrast = high_contrast;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THEME]);
    }
}

/**
 * ce_plot_set_screen_background:
 * @background: (nullable): the colour behind the plot on screen, or
 *   %NULL to guess it from the foreground passed to ce_plot_draw()
 *
 * On screen the plot draws no background of its own; knowing the one
 * behind it keeps faint bars' edges and heat map ink exact.  Exports
 * use the theme's colours.
 */
void
ce_plot_set_screen_background (CePlot        *self,
                               const CeColor *background)
{
  g_return_if_fail (CE_IS_PLOT (self));

  self->has_screen_bg = background != NULL;
  if (background != NULL)
    self->screen_bg = *background;
}

gboolean
ce_plot_get_high_contrast (CePlot *self)
{
  g_return_val_if_fail (CE_IS_PLOT (self), FALSE);
  return self->high_contrast;
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
      self->plan.valid = FALSE;
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
  self->plan.valid = FALSE;
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

/* Drawing ------------------------------------------------------------------ */

/* Plans everything from the model and the size, leaving the data area
 * empty when there is nothing to show or no room for it. */
static void
plan (CePlotDraw *d)
{
  CePlotPlan *l = d->plan;
  const CePlotKindOps *ops = kind_ops (l->kind);
  double top;
  double bottom;
  double axis_bottom;

  _ce_plot_plan_frame (d, ops->key_width != NULL ? ops->key_width (d) : 0);
  if (l->empty)
    return;

  top = d->top + d->line_height[FONT_TICK] / 2;
  bottom = d->bottom - _ce_plot_x_title_room (d);

  /* Too small to show data (a thumbnail, a collapsed pane): draw only
   * what fitted above rather than a crushed plot. */
  if (d->right - d->left < 80 || bottom - top < 60)
    {
      l->empty = TRUE;
      return;
    }

  axis_bottom = ops->plan (d, top, bottom);

  /* Right under the axis labels, which may end above the bottom when
   * heat map or dispersion rows did not need all the height. */
  l->x_title_y = MIN (axis_bottom + 6, bottom + 8);
}

static void
paint (CePlotDraw *d)
{
  CePlotPlan *l = d->plan;
  const CePlotKindOps *ops = kind_ops (l->kind);

  _ce_plot_paint_header (d);
  if (ops->paint_key != NULL)
    ops->paint_key (d);
  _ce_plot_paint_legend (d);
  _ce_plot_paint_source (d);

  if (l->message != NULL)
    _ce_plot_paint_message (d);
  if (l->empty)
    return;

  ops->paint (d);
  _ce_plot_paint_x_title (d, l->x_title_y);
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
 * suits a light or a dark surface.  The plan is kept for hit testing.
 */
void
ce_plot_draw (CePlot        *self,
              cairo_t       *cr,
              int            width,
              int            height,
              const CeColor *fg)
{
  CePlotDraw d = { 0 };
  CePlotPlan *l;
  CeChartModel *model;
  g_autoptr(CeChartModel) empty_model = NULL;

  g_return_if_fail (CE_IS_PLOT (self));
  g_return_if_fail (cr != NULL);

  l = &self->plan;
  plan_clear (l);
  l->visible = g_array_new (FALSE, FALSE, sizeof (guint));
  l->legend = g_array_new (FALSE, FALSE, sizeof (CePlotLegendEntry));

  if (width <= 0 || height <= 0)
    return;

  model = self->model;
  if (model == NULL)
    model = empty_model = ce_chart_model_new ();

  l->width = width;
  l->height = height;
  l->kind = self->kind;
  l->generation = ce_chart_model_get_generation (model);
  l->n_categories = ce_chart_model_get_n_categories (model);
  l->n_rows = ce_chart_model_get_n_documents (model);
  l->label_step = 1;
  for (guint s = 0; s < ce_chart_model_get_n_series (model); s++)
    if (ce_chart_model_get_series_visible (model, s))
      g_array_append_val (l->visible, s);

  _ce_plot_draw_init (&d, self, model, cr, width, height, fg);

  cairo_save (cr);
  cairo_new_path (cr);
  plan (&d);
  paint (&d);
  cairo_restore (cr);

  _ce_plot_draw_clear (&d);

  l->valid = TRUE;
}

/* Hit testing ---------------------------------------------------------------- */

static gboolean
plan_current (CePlot *self)
{
  const CePlotPlan *l = &self->plan;

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

/**
 * ce_plot_hit_test:
 * @self: a plot
 * @x: pointer position, in the units of the last ce_plot_draw()
 * @y: pointer position
 * @hit: (out): what is there
 *
 * Answers from the plan of the last draw; after the model or kind
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
  CePlotPlan *l;

  g_return_val_if_fail (CE_IS_PLOT (self), FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  hit_init (hit);
  if (!plan_current (self))
    return FALSE;

  l = &self->plan;
  for (guint i = 0; i < l->legend->len; i++)
    {
      const CePlotLegendEntry *entry = &g_array_index (l->legend, CePlotLegendEntry, i);

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

  return kind_ops (l->kind)->hit_test (self, x, y, hit);
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
  const CePlotKindOps *ops;
  CePlotPlan *l;
  int visible_index = -1;

  g_return_val_if_fail (CE_IS_PLOT (self), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  if (!plan_current (self) || self->plan.empty)
    return FALSE;

  l = &self->plan;
  if (category >= l->n_categories || series >= ce_chart_model_get_n_series (self->model))
    return FALSE;

  for (guint k = 0; k < l->visible->len; k++)
    if (g_array_index (l->visible, guint, k) == series)
      visible_index = k;
  if (visible_index < 0)
    return FALSE;

  ops = kind_ops (l->kind);
  if (ops->value_rect == NULL)
    return FALSE;

  return ops->value_rect (self, series, category, visible_index,
                          ce_chart_model_get_value (self->model, series, category), rect);
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

  if (!self->plan.valid || self->plan.empty)
    return FALSE;

  *rect = self->plan.area;
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

  return MAX (self->plan.label_step, 1);
}

/**
 * ce_plot_format_value:
 * @self: a plot
 * @value: a value of its model
 *
 * Formats a value for a tooltip or a label as the locale writes numbers
 * (_ce_plot_localize_number()): whole numbers with thousands grouped, rates with up to three significant digits, shares as
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
    g_autofree char *localized = _ce_plot_localize_number (buffer);

    return percent ? g_strconcat (localized, "%", NULL) : g_steal_pointer (&localized);
  }
}
