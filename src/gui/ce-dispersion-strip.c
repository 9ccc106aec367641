/* ce-dispersion-strip.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-dispersion-strip"

#include "config.h"

#include <math.h>

#include "ce-dispersion-strip.h"

/* Narrow enough to sit beside the text like a scrollbar */
#define STRIP_WIDTH 24
#define PADDING_Y 8
#define PADDING_X 5
#define TICK_HEIGHT 3.0
#define CURRENT_HEIGHT 6.0
/* How far from a tick a click still picks it, in pixels */
#define PICK_DISTANCE 6.0

struct _CeDispersionStrip
{
  GtkWidget parent_instance;

  /* Owned references */
  GArray *marks;     /* of CeDispersionMark */
  guint   n_lanes;
  int     current;
};

G_DEFINE_FINAL_TYPE (CeDispersionStrip, ce_dispersion_strip, GTK_TYPE_WIDGET)

enum {
  MARK_ACTIVATED,
  POSITION_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static double
track_height (CeDispersionStrip *self)
{
  return MAX (1, gtk_widget_get_height (GTK_WIDGET (self)) - 2 * PADDING_Y);
}

static double
mark_y (CeDispersionStrip      *self,
        const CeDispersionMark *mark)
{
  return PADDING_Y + CLAMP (mark->position, 0.0, 1.0) * track_height (self);
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_mark (CeDispersionStrip      *self,
           cairo_t                *cr,
           const CeDispersionMark *mark,
           double                  lane_width,
           double                  tick_height)
{
  double x = PADDING_X + mark->lane * lane_width;
  double y = mark_y (self, mark) - tick_height / 2;

  cairo_rectangle (cr, x, y, MAX (1, lane_width - (self->n_lanes > 1 ? 1.5 : 0)), tick_height);
  gdk_cairo_set_source_rgba (cr, &mark->color);
  cairo_fill (cr);
}

static void
ce_dispersion_strip_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  CeDispersionStrip *self = (CeDispersionStrip *)widget;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA fg;
  double lane_width;
  cairo_t *cr;

  g_assert (CE_IS_DISPERSION_STRIP (self));

  if (width <= 0 || height <= 0)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* The trough stands for the whole document */
  rounded_rectangle (cr, PADDING_X - 1, PADDING_Y - 3, width - 2 * (PADDING_X - 1),
                     height - 2 * (PADDING_Y - 3), 4);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.07);
  cairo_fill (cr);

  lane_width = (double)(width - 2 * PADDING_X) / MAX (1, self->n_lanes);

  /* Topic lanes first, search hits on top of them */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->marks->len; i++)
      {
        const CeDispersionMark *mark = &g_array_index (self->marks, CeDispersionMark, i);

        if ((mark->lane == 0) == (pass == 1) && (int)i != self->current)
          draw_mark (self, cr, mark, lane_width, TICK_HEIGHT);
      }

  /* The current hit stands out, outlined in the text colour */
  if (self->current >= 0 && (guint)self->current < self->marks->len)
    {
      const CeDispersionMark *mark = &g_array_index (self->marks, CeDispersionMark, self->current);
      double y = mark_y (self, mark);

      rounded_rectangle (cr, PADDING_X - 2, y - CURRENT_HEIGHT / 2 - 1,
                         width - 2 * (PADDING_X - 2), CURRENT_HEIGHT + 2, 2);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.85);
      cairo_fill (cr);
      rounded_rectangle (cr, PADDING_X - 1, y - CURRENT_HEIGHT / 2,
                         width - 2 * (PADDING_X - 1), CURRENT_HEIGHT, 1.5);
      gdk_cairo_set_source_rgba (cr, &mark->color);
      cairo_fill (cr);
    }

  cairo_destroy (cr);
}

static void
ce_dispersion_strip_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = STRIP_WIDTH;
  else
    *minimum = *natural = 2 * PADDING_Y + 16;
}

static void
on_released_cb (CeDispersionStrip *self,
                int                n_press,
                double             x,
                double             y,
                GtkGestureClick   *gesture)
{
  ce_dispersion_strip_activate_at (self, y);
}

static void
ce_dispersion_strip_finalize (GObject *object)
{
  CeDispersionStrip *self = (CeDispersionStrip *)object;

  g_clear_pointer (&self->marks, g_array_unref);

  G_OBJECT_CLASS (ce_dispersion_strip_parent_class)->finalize (object);
}

static void
ce_dispersion_strip_class_init (CeDispersionStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ce_dispersion_strip_finalize;

  widget_class->snapshot = ce_dispersion_strip_snapshot;
  widget_class->measure = ce_dispersion_strip_measure;

  /**
   * CeDispersionStrip::mark-activated:
   * @index: the mark clicked
   */
  signals[MARK_ACTIVATED] =
    g_signal_new ("mark-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * CeDispersionStrip::position-activated:
   * @position: where the click fell, 0 at the start of the document and
   *   1 at its end; emitted when no mark is near
   */
  signals[POSITION_ACTIVATED] =
    g_signal_new ("position-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_DOUBLE);

  gtk_widget_class_set_css_name (widget_class, "dispersionstrip");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ce_dispersion_strip_init (CeDispersionStrip *self)
{
  GtkGesture *click;

  self->marks = g_array_new (FALSE, FALSE, sizeof (CeDispersionMark));
  self->n_lanes = 1;
  self->current = -1;

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "released", G_CALLBACK (on_released_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");
}

GtkWidget *
ce_dispersion_strip_new (void)
{
  return g_object_new (CE_TYPE_DISPERSION_STRIP, NULL);
}

/**
 * ce_dispersion_strip_set_marks:
 * @marks: (array length=n_marks): the ticks
 * @n_lanes: how many lanes the width is divided into
 *
 * Replaces the ticks; the current one is cleared.
 */
void
ce_dispersion_strip_set_marks (CeDispersionStrip      *self,
                               const CeDispersionMark *marks,
                               guint                   n_marks,
                               guint                   n_lanes)
{
  g_return_if_fail (CE_IS_DISPERSION_STRIP (self));
  g_return_if_fail (marks != NULL || n_marks == 0);

  g_array_set_size (self->marks, 0);
  if (n_marks > 0)
    g_array_append_vals (self->marks, marks, n_marks);

  self->n_lanes = MAX (1, n_lanes);
  for (guint i = 0; i < n_marks; i++)
    self->n_lanes = MAX (self->n_lanes, marks[i].lane + 1);

  self->current = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
ce_dispersion_strip_get_n_marks (CeDispersionStrip *self)
{
  g_return_val_if_fail (CE_IS_DISPERSION_STRIP (self), 0);
  return self->marks->len;
}

/**
 * ce_dispersion_strip_get_mark:
 *
 * Returns: (transfer none): the mark at @index
 */
const CeDispersionMark *
ce_dispersion_strip_get_mark (CeDispersionStrip *self,
                              guint              index)
{
  g_return_val_if_fail (CE_IS_DISPERSION_STRIP (self), NULL);
  g_return_val_if_fail (index < self->marks->len, NULL);

  return &g_array_index (self->marks, CeDispersionMark, index);
}

/**
 * ce_dispersion_strip_set_current:
 * @index: the mark to emphasise, or -1 for none
 */
void
ce_dispersion_strip_set_current (CeDispersionStrip *self,
                                 int                index)
{
  g_return_if_fail (CE_IS_DISPERSION_STRIP (self));

  if (index >= (int)self->marks->len)
    index = -1;

  if (index == self->current)
    return;

  self->current = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
ce_dispersion_strip_get_current (CeDispersionStrip *self)
{
  g_return_val_if_fail (CE_IS_DISPERSION_STRIP (self), -1);
  return self->current;
}

/**
 * ce_dispersion_strip_mark_at:
 * @y: a height in the widget
 *
 * Returns: the mark nearest to @y within a few pixels (a search hit
 *   when one is as near as a mention), or -1
 */
int
ce_dispersion_strip_mark_at (CeDispersionStrip *self,
                             double             y)
{
  double best_distance = PICK_DISTANCE + 0.5;
  int best = -1;

  g_return_val_if_fail (CE_IS_DISPERSION_STRIP (self), -1);

  for (guint i = 0; i < self->marks->len; i++)
    {
      const CeDispersionMark *mark = &g_array_index (self->marks, CeDispersionMark, i);
      double distance = fabs (mark_y (self, mark) - y) + (mark->lane == 0 ? 0 : 0.25);

      if (distance < best_distance)
        {
          best_distance = distance;
          best = i;
        }
    }

  return best;
}

/**
 * ce_dispersion_strip_activate_at:
 * @y: a height in the widget
 *
 * Does what a click at @y does: emits CeDispersionStrip::mark-activated
 * for a mark near it, or CeDispersionStrip::position-activated.
 */
void
ce_dispersion_strip_activate_at (CeDispersionStrip *self,
                                 double             y)
{
  int mark;

  g_return_if_fail (CE_IS_DISPERSION_STRIP (self));

  mark = ce_dispersion_strip_mark_at (self, y);
  if (mark >= 0)
    g_signal_emit (self, signals[MARK_ACTIVATED], 0, (guint)mark);
  else
    g_signal_emit (self, signals[POSITION_ACTIVATED], 0,
                   CLAMP ((y - PADDING_Y) / track_height (self), 0.0, 1.0));
}
