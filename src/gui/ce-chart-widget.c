/* ce-chart-widget.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws a CePlot with the chart layer inside snapshot, so the screen and
 * the exported files share one layout.  Hover explains what is under the
 * pointer; a click on a value asks for the documents it counts, and a
 * click on a legend entry hides or shows its topic.
 */

#define G_LOG_DOMAIN "ce-chart-widget"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "ce-chart-widget.h"

struct _CeChartWidget
{
  GtkWidget  parent_instance;

  /* Owned references */
  CePlot    *plot;
  char      *description;
  CeChartDescribeFunc describe_func;
  gpointer            describe_data;
  GDestroyNotify      describe_destroy;
};

G_DEFINE_FINAL_TYPE (CeChartWidget, ce_chart_widget, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PLOT,
  N_PROPS
};

enum {
  ACTIVATE_VALUE,
  ACTIVATE_ROW,
  SERIES_TOGGLED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
is_clickable (const CePlotHit *hit)
{
  switch (hit->kind)
    {
    case CE_PLOT_HIT_VALUE:
    case CE_PLOT_HIT_LEGEND:
    case CE_PLOT_HIT_MENTION:
    case CE_PLOT_HIT_DOCUMENT:
      return TRUE;
    case CE_PLOT_HIT_CATEGORY:
      return hit->category >= 0;
    case CE_PLOT_HIT_NONE:
    default:
      return FALSE;
    }
}

static gboolean
hit_test (CeChartWidget *self,
          double         x,
          double         y,
          CePlotHit     *hit)
{
  if (self->plot == NULL || ce_plot_get_model (self->plot) == NULL)
    return FALSE;

  return ce_plot_hit_test (self->plot, x, y, hit);
}

static char *
describe_value (CeChartModel *model,
                const char   *formatted,
                double        value)
{
  switch (ce_chart_model_get_measure (model))
    {
    case CE_CHART_MEASURE_MENTIONS:
      /* Translators: %s is a number */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s mention", "%s mentions",
                                           value == 1 ? 1 : 2), formatted);
    case CE_CHART_MEASURE_MENTIONS_PER_10K:
      return g_strdup_printf (_("%s mentions per 10,000 words"), formatted);
    case CE_CHART_MEASURE_DOCUMENTS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s document mentions it",
                                           "%s documents mention it", value == 1 ? 1 : 2),
                              formatted);
    case CE_CHART_MEASURE_SHARE:
    default:
      /* Translators: %s is a percentage */
      return g_strdup_printf (_("%s of the documents mention it"), formatted);
    }
}

/**
 * ce_chart_widget_describe:
 * @hit: what is under the pointer
 *
 * Returns: (transfer full) (nullable): Pango markup telling the exact
 *   value, its category and topic; what the tooltip shows
 */
char *
ce_chart_widget_describe (CeChartWidget   *self,
                          const CePlotHit *hit)
{
  CeChartModel *model;
  const char *series_name = NULL;
  g_autofree char *series_markup = NULL;

  g_return_val_if_fail (CE_IS_CHART_WIDGET (self), NULL);
  g_return_val_if_fail (hit != NULL, NULL);

  if (self->plot == NULL || (model = ce_plot_get_model (self->plot)) == NULL)
    return NULL;

  /* A chart of something else than topics' mentions says what it shows */
  if (self->describe_func != NULL && hit->kind == CE_PLOT_HIT_VALUE)
    return self->describe_func (self, hit, self->describe_data);

  if (hit->series >= 0 && (guint)hit->series < ce_chart_model_get_n_series (model))
    {
      series_name = ce_chart_model_get_series_name (model, hit->series);
      series_markup = g_markup_escape_text (series_name, -1);
    }

  switch (hit->kind)
    {
    case CE_PLOT_HIT_VALUE:
      {
        g_autofree char *formatted = NULL;
        g_autofree char *value = NULL;
        g_autofree char *category = NULL;

        if (series_markup == NULL || hit->category < 0 ||
            (guint)hit->category >= ce_chart_model_get_n_categories (model))
          return NULL;

        formatted = ce_plot_format_value (self->plot, hit->value);
        value = describe_value (model, formatted, hit->value);
        category = g_markup_escape_text (ce_chart_model_get_category_label (model, hit->category), -1);

        return g_strdup_printf ("<b>%s</b> · %s\n%s\n<small>%s</small>",
                                series_markup, category, value,
                                _("Click to list the documents"));
      }

    case CE_PLOT_HIT_LEGEND:
      if (series_markup == NULL)
        return NULL;
      return g_strdup_printf ("<b>%s</b>\n<small>%s</small>", series_markup,
                              ce_chart_model_get_series_visible (model, hit->series)
                              ? _("Click to hide this topic") : _("Click to show this topic"));

    case CE_PLOT_HIT_MENTION:
    case CE_PLOT_HIT_DOCUMENT:
      {
        g_autofree char *document = NULL;

        if (hit->row < 0 || (guint)hit->row >= ce_chart_model_get_n_documents (model))
          return NULL;

        document = g_markup_escape_text (ce_chart_model_get_document_label (model, hit->row), -1);
        if (hit->kind == CE_PLOT_HIT_MENTION && series_markup != NULL)
          {
            double length = ce_chart_model_get_document_length (model, hit->row);
            int percent = length > 0 ? (int)round (100 * hit->position / length) : 0;

            /* Translators: a mention of a topic, at a percentage of a document */
            return g_strdup_printf (_("<b>%s</b> in %s\nat %d%% of the text\n<small>%s</small>"),
                                    series_markup, document, percent,
                                    _("Click to list this document"));
          }

        return g_strdup_printf ("%s\n<small>%s</small>", document, _("Click to list this document"));
      }

    case CE_PLOT_HIT_CATEGORY:
      {
        g_autofree char *category = NULL;

        if (hit->category < 0 || (guint)hit->category >= ce_chart_model_get_n_categories (model))
          return NULL;

        category = g_markup_escape_text (ce_chart_model_get_category_label (model, hit->category), -1);
        return g_strdup_printf ("<b>%s</b>\n<small>%s</small>", category,
                                _("Click to list the documents that mention a topic"));
      }

    case CE_PLOT_HIT_NONE:
    default:
      return NULL;
    }
}

/**
 * ce_chart_widget_click:
 * @x: in widget coordinates
 * @y: in widget coordinates
 *
 * What a primary click at (@x, @y) does: a legend entry hides or shows
 * its topic ("series-toggled"), a bar, point or cell emits
 * "activate-value" (series, category), a category label emits
 * "activate-value" (-1, category), a dispersion row "activate-row".
 *
 * Returns: %TRUE when the click did something
 */
gboolean
ce_chart_widget_click (CeChartWidget *self,
                       double         x,
                       double         y)
{
  CePlotHit hit;
  CeChartModel *model;

  g_return_val_if_fail (CE_IS_CHART_WIDGET (self), FALSE);

  if (!hit_test (self, x, y, &hit) || !is_clickable (&hit))
    return FALSE;

  model = ce_plot_get_model (self->plot);

  switch (hit.kind)
    {
    case CE_PLOT_HIT_LEGEND:
      ce_chart_model_set_series_visible (model, hit.series,
                                         !ce_chart_model_get_series_visible (model, hit.series));
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_signal_emit (self, signals[SERIES_TOGGLED], 0, (guint)hit.series);
      return TRUE;

    case CE_PLOT_HIT_VALUE:
      g_signal_emit (self, signals[ACTIVATE_VALUE], 0, hit.series, (guint)hit.category);
      return TRUE;

    case CE_PLOT_HIT_CATEGORY:
      g_signal_emit (self, signals[ACTIVATE_VALUE], 0, -1, (guint)hit.category);
      return TRUE;

    case CE_PLOT_HIT_MENTION:
    case CE_PLOT_HIT_DOCUMENT:
      g_signal_emit (self, signals[ACTIVATE_ROW], 0, (guint)hit.row);
      return TRUE;

    case CE_PLOT_HIT_NONE:
    default:
      return FALSE;
    }
}

static void
on_pressed_cb (CeChartWidget   *self,
               int              n_press,
               double           x,
               double           y,
               GtkGestureClick *gesture)
{
  if (n_press == 1 && ce_chart_widget_click (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
update_cursor (CeChartWidget *self,
               double         x,
               double         y)
{
  CePlotHit hit;
  gboolean clickable = hit_test (self, x, y, &hit) && is_clickable (&hit);

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), clickable ? "pointer" : NULL);
}

static void
on_motion_cb (CeChartWidget            *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *motion)
{
  update_cursor (self, x, y);
}

static void
on_leave_cb (CeChartWidget            *self,
             GtkEventControllerMotion *motion)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static gboolean
on_query_tooltip_cb (CeChartWidget *self,
                     int            x,
                     int            y,
                     gboolean       keyboard,
                     GtkTooltip    *tooltip)
{
  g_autofree char *markup = NULL;
  CePlotHit hit;

  if (keyboard || !hit_test (self, x, y, &hit))
    return FALSE;

  markup = ce_chart_widget_describe (self, &hit);
  if (markup == NULL)
    return FALSE;

  gtk_tooltip_set_markup (tooltip, markup);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
                              (int)floor (hit.area.x), (int)floor (hit.area.y),
                              MAX (1, (int)ceil (hit.area.width)),
                              MAX (1, (int)ceil (hit.area.height)) });
  return TRUE;
}

static void
on_plot_notify_cb (CeChartWidget *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_dark_changed_cb (CeChartWidget  *self,
                    GParamSpec     *pspec,
                    AdwStyleManager *manager)
{
  if (self->plot != NULL)
    {
      ce_plot_set_theme (self->plot, adw_style_manager_get_dark (manager)
                         ? CE_PLOT_THEME_DARK : CE_PLOT_THEME_LIGHT);
      ce_plot_set_high_contrast (self->plot, adw_style_manager_get_high_contrast (manager));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* What is drawn, in words, for screen readers; every draw follows a
 * change of the model or the kind, so the description is checked there */
static void
update_description (CeChartWidget *self)
{
  g_autofree char *description = ce_plot_describe (self->plot);
  CeChartModel *model = ce_plot_get_model (self->plot);
  const char *title = model != NULL ? ce_chart_model_get_title (model) : NULL;

  if (g_strcmp0 (description, self->description) == 0)
    return;

  g_free (self->description);
  self->description = g_steal_pointer (&description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title != NULL && *title != '\0' ? title : _("Chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
}

/**
 * ce_chart_widget_get_description:
 *
 * Returns: (nullable): the accessible description of the chart last
 *   drawn: what is plotted and its largest values
 */
const char *
ce_chart_widget_get_description (CeChartWidget *self)
{
  g_return_val_if_fail (CE_IS_CHART_WIDGET (self), NULL);

  return self->description;
}

static void
ce_chart_widget_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  CeChartWidget *self = (CeChartWidget *)widget;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA rgba;
  CeColor fg;
  cairo_t *cr;

  g_assert (CE_IS_CHART_WIDGET (self));

  if (self->plot == NULL || width <= 0 || height <= 0)
    return;

  /* gtk_widget_get_color() is 4.10 */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &rgba);
  fg = (CeColor) { rgba.red, rgba.green, rgba.blue, rgba.alpha };
  /* The chart lies on the window's background */
  if (gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "window_bg_color", &rgba))
    ce_plot_set_screen_background (self->plot, &(CeColor) { rgba.red, rgba.green, rgba.blue, 1 });
  G_GNUC_END_IGNORE_DEPRECATIONS

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  ce_plot_draw (self->plot, cr, width, height, &fg);
  cairo_destroy (cr);

  update_description (self);
}

static void
ce_chart_widget_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (ce_chart_widget_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
ce_chart_widget_dispose (GObject *object)
{
  CeChartWidget *self = (CeChartWidget *)object;

  if (self->plot != NULL)
    g_signal_handlers_disconnect_by_func (self->plot, on_plot_notify_cb, self);
  g_clear_object (&self->plot);
  g_clear_pointer (&self->description, g_free);
  if (self->describe_destroy != NULL)
    self->describe_destroy (self->describe_data);
  self->describe_func = NULL;
  self->describe_destroy = NULL;

  G_OBJECT_CLASS (ce_chart_widget_parent_class)->dispose (object);
}

static void
ce_chart_widget_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CeChartWidget *self = CE_CHART_WIDGET (object);

  switch (prop_id)
    {
    case PROP_PLOT:
      g_value_set_object (value, self->plot);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ce_chart_widget_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CeChartWidget *self = CE_CHART_WIDGET (object);

  switch (prop_id)
    {
    case PROP_PLOT:
      ce_chart_widget_set_plot (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ce_chart_widget_class_init (CeChartWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ce_chart_widget_dispose;
  object_class->get_property = ce_chart_widget_get_property;
  object_class->set_property = ce_chart_widget_set_property;

  widget_class->snapshot = ce_chart_widget_snapshot;
  widget_class->css_changed = ce_chart_widget_css_changed;

  properties[PROP_PLOT] =
    g_param_spec_object ("plot", NULL, NULL, CE_TYPE_PLOT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CeChartWidget::activate-value:
   * @series: the topic's series, or -1 for a whole category
   * @category: the category
   */
  signals[ACTIVATE_VALUE] =
    g_signal_new ("activate-value", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_UINT);
  /**
   * CeChartWidget::activate-row:
   * @row: a dispersion row
   */
  signals[ACTIVATE_ROW] =
    g_signal_new ("activate-row", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[SERIES_TOGGLED] =
    g_signal_new ("series-toggled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ce_chart_widget_init (CeChartWidget *self)
{
  GtkGesture *click;
  GtkEventController *motion;

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion, "motion", G_CALLBACK (on_motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "enter", G_CALLBACK (on_motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (on_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
ce_chart_widget_new (void)
{
  return g_object_new (CE_TYPE_CHART_WIDGET, NULL);
}

/**
 * ce_chart_widget_set_plot:
 * @plot: (nullable): the plot to draw
 *
 * Draws @plot, following the style's dark or light theme.  The widget
 * redraws when the plot's properties change; after changing its model's
 * data, call gtk_widget_queue_draw().
 */
void
ce_chart_widget_set_plot (CeChartWidget *self,
                          CePlot        *plot)
{
  g_return_if_fail (CE_IS_CHART_WIDGET (self));
  g_return_if_fail (plot == NULL || CE_IS_PLOT (plot));

  if (self->plot == plot)
    return;

  if (self->plot != NULL)
    g_signal_handlers_disconnect_by_func (self->plot, on_plot_notify_cb, self);
  g_set_object (&self->plot, plot);

  if (plot != NULL)
    {
      g_signal_connect_object (plot, "notify", G_CALLBACK (on_plot_notify_cb), self, G_CONNECT_SWAPPED);
      on_dark_changed_cb (self, NULL, adw_style_manager_get_default ());
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLOT]);
}

/**
 * ce_chart_widget_set_describe_func:
 * @func: (nullable): what the tooltip of a value says, instead of its
 *   mentions of a topic
 *
 * For charts of other values than mentions (keywords, co-occurrence).
 */
void
ce_chart_widget_set_describe_func (CeChartWidget       *self,
                                   CeChartDescribeFunc  func,
                                   gpointer             user_data,
                                   GDestroyNotify       destroy)
{
  g_return_if_fail (CE_IS_CHART_WIDGET (self));

  if (self->describe_destroy != NULL)
    self->describe_destroy (self->describe_data);
  self->describe_func = func;
  self->describe_data = user_data;
  self->describe_destroy = destroy;
}
