/* ce-topics-panel-rows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-topics-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "ce-topics-panel-private.h"

/* Rows */

#define SWATCH_SIZE   16

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const char *color = user_data;
  double radius = MIN (width, height) / 4.0;
  GdkRGBA rgba;

  if (!gdk_rgba_parse (&rgba, color))
    return;

  cairo_new_sub_path (cr);
  cairo_arc (cr, width - radius, radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, width - radius, height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, radius, height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, radius, radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);

  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_fill_preserve (cr);

  /* A hairline keeps pale colours visible on a pale row */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.15);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static GtkWidget *
swatch_new (const char *color)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), SWATCH_SIZE);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), SWATCH_SIZE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch, g_strdup (color), g_free);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);

  return area;
}

static void
update_row_total (CeTopicsPanel *self,
                  GtkWidget     *row)
{
  CeTopic *topic = g_object_get_data (G_OBJECT (row), "topic");
  GtkWidget *label = g_object_get_data (G_OBJECT (row), "count-label");
  GtkWidget *spinner = g_object_get_data (G_OBJECT (row), "count-spinner");
  GtkWidget *warning = g_object_get_data (G_OBJECT (row), "count-warning");
  g_autofree char *key = _ce_topics_panel_topic_key (topic);
  Total *total = g_hash_table_lookup (self->totals, key);

  gtk_widget_set_visible (spinner, total == NULL);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), total == NULL);
  gtk_widget_set_visible (label, total != NULL && total->error == NULL);
  gtk_widget_set_visible (warning, total != NULL && total->error != NULL);

  if (total == NULL)
    return;

  if (total->error != NULL)
    {
      gtk_widget_set_tooltip_text (warning, total->error);
    }
  else
    {
      g_autofree char *number = g_strdup_printf ("%'" G_GUINT64_FORMAT, total->mentions);
      /* Translators: %s is a number, written as the locale writes it */
      g_autofree char *mentions = g_strdup_printf (ngettext ("%s mention", "%s mentions",
                                                             (gulong)total->mentions),
                                                   number);
      g_autofree char *tooltip = g_strdup_printf (ngettext ("%s in %'u document",
                                                            "%s in %'u documents",
                                                            total->documents),
                                                  mentions, total->documents);

      gtk_label_set_text (GTK_LABEL (label), number);
      gtk_widget_set_tooltip_text (label, tooltip);
    }
}

void
_ce_topics_panel_update_totals (CeTopicsPanel *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->topics_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (g_object_get_data (G_OBJECT (row), "topic") != NULL)
        update_row_total (self, row);
    }
}

static void
on_enabled_cb (GtkSwitch  *toggle,
               GParamSpec *pspec,
               GtkWidget  *row)
{
  CeTopicsPanel *self = CE_TOPICS_PANEL (gtk_widget_get_ancestor (row, CE_TYPE_TOPICS_PANEL));
  CeTopic *topic = g_object_get_data (G_OBJECT (row), "topic");
  gboolean active = gtk_switch_get_active (toggle);
  g_autoptr(GError) error = NULL;

  if (self == NULL || self->session == NULL || ce_topic_get_enabled (topic) == active)
    return;

  if (!ce_session_set_topic_enabled (self->session, topic, active, &error))
    {
      gtk_switch_set_active (toggle, !active);
      _ce_topics_panel_show_error_toast (self, error);
      return;
    }

  _ce_topics_panel_emit_changed (self);
}

static GMenuModel *
row_menu_new (CeTopic *topic,
              guint    index,
              guint    n_topics)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) first = g_menu_new ();
  g_autoptr(GMenu) moves = g_menu_new ();
  g_autoptr(GMenu) last = g_menu_new ();
  gint64 id = ce_topic_get_id (topic);
  struct {
    GMenu      *section;
    const char *label;
    const char *action;
    gboolean    shown;
  } items[] = {
    { first, N_("_Edit…"), "topics.edit", TRUE },
    { first, N_("Show _Contexts"), "topics.show-contexts", TRUE },
    { moves, N_("Move _Up"), "topics.move-up", index > 0 },
    { moves, N_("Move _Down"), "topics.move-down", index + 1 < n_topics },
    { last, N_("_Delete"), "topics.delete", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (!items[i].shown)
        continue;

      item = g_menu_item_new (_(items[i].label), NULL);
      g_menu_item_set_action_and_target_value (item, items[i].action, g_variant_new_int64 (id));
      g_menu_append_item (items[i].section, item);
    }

  g_menu_append_section (menu, NULL, G_MENU_MODEL (first));
  if (g_menu_model_get_n_items (G_MENU_MODEL (moves)) > 0)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (moves));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (last));

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource *source,
                    double         x,
                    double         y,
                    GtkWidget     *row)
{
  CeTopic *topic = g_object_get_data (G_OBJECT (row), "topic");

  g_object_set_data (G_OBJECT (row), "drag-x", GINT_TO_POINTER ((int)x));
  g_object_set_data (G_OBJECT (row), "drag-y", GINT_TO_POINTER ((int)y));

  return gdk_content_provider_new_typed (CE_TYPE_TOPIC, topic);
}

static void
on_drag_begin_cb (GtkDragSource *source,
                  GdkDrag       *drag,
                  GtkWidget     *row)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, paintable,
                            GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "drag-x")),
                            GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "drag-y")));
}

typedef struct
{
  CeTopicsPanel *self;
  gint64         id;
  guint          position;
} PendingMove;

static gboolean
pending_move_cb (gpointer user_data)
{
  PendingMove *move = user_data;

  _ce_topics_panel_move_topic (move->self, move->id, move->position);
  g_object_unref (move->self);
  g_free (move);

  return G_SOURCE_REMOVE;
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            GtkWidget     *row)
{
  GtkWidget *panel = gtk_widget_get_ancestor (row, CE_TYPE_TOPICS_PANEL);
  CeTopic *onto = g_object_get_data (G_OBJECT (row), "topic");
  CeTopic *dragged;
  PendingMove *move;
  guint position;

  if (panel == NULL || !G_VALUE_HOLDS (value, CE_TYPE_TOPIC))
    return FALSE;

  dragged = g_value_get_object (value);
  if (dragged == NULL || _ce_topics_panel_find_topic (CE_TOPICS_PANEL (panel), ce_topic_get_id (onto), &position) == NULL)
    return FALSE;

  /* The rows are rebuilt after the move: not inside their own handler */
  move = g_new0 (PendingMove, 1);
  move->self = g_object_ref (CE_TOPICS_PANEL (panel));
  move->id = ce_topic_get_id (dragged);
  move->position = position;
  g_idle_add (pending_move_cb, move);

  return TRUE;
}

static void
add_row_shortcut (GtkEventController *controller,
                  guint               keyval,
                  GdkModifierType     modifiers,
                  const char         *action,
                  gint64              id)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                            gtk_named_action_new (action));

  gtk_shortcut_set_arguments (shortcut, g_variant_new_int64 (id));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
}

/* What a row shows of its topic but the switch */
static char *
row_signature (CeTopic *topic,
               guint    index,
               guint    n_topics)
{
  g_autofree char *terms = ce_topic_join_terms (ce_topic_get_terms (topic));

  return g_strdup_printf ("%s\x1f%s\x1f%s\x1f%u\x1f%u", ce_topic_get_name (topic),
                          ce_topic_get_color (topic), terms, index, n_topics);
}

/* A topic switched on or off keeps its row, and with it the focus */
gboolean
_ce_topics_panel_sync_row (CeTopicsPanel *self,
                           guint          index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->topics_list, index);
  g_autofree char *signature = NULL;
  CeTopic *topic;

  if (row == NULL || index >= self->topics->len)
    return FALSE;

  topic = g_ptr_array_index (self->topics, index);
  signature = row_signature (topic, index, self->topics->len);
  if (g_object_get_data (G_OBJECT (row), "topic") != (gpointer)topic ||
      g_strcmp0 (signature, g_object_get_data (G_OBJECT (row), "signature")) != 0)
    return FALSE;

  gtk_switch_set_active (g_object_get_data (G_OBJECT (row), "switch"), ce_topic_get_enabled (topic));
  return TRUE;
}

GtkWidget *
_ce_topics_panel_topic_row_new (CeTopicsPanel *self,
                                CeTopic       *topic,
                                guint          index)
{
  g_autoptr(GMenuModel) menu = row_menu_new (topic, index, self->topics->len);
  g_autofree char *title = g_markup_escape_text (ce_topic_get_name (topic), -1);
  g_autofree char *terms = ce_topic_join_terms (ce_topic_get_terms (topic));
  g_autofree char *subtitle = g_markup_escape_text (terms, -1);
  g_autofree char *menu_tooltip = g_strdup_printf (_("Menu of “%s”"), ce_topic_get_name (topic));
  gint64 id = ce_topic_get_id (topic);
  gboolean writable = _ce_topics_panel_is_writable (self);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *handle;
  GtkWidget *label;
  GtkWidget *spinner;
  GtkWidget *warning;
  GtkWidget *toggle;
  GtkWidget *button;
  GtkDragSource *drag;
  GtkDropTarget *drop;
  GtkEventController *shortcuts;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  /* Activating a row opens its editor: not on a corpus that can only be read */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), writable);
  gtk_widget_set_tooltip_text (row, terms);
  g_object_set_data_full (G_OBJECT (row), "topic", g_object_ref (topic), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "signature", row_signature (topic, index, self->topics->len), g_free);

  /* Each prefix goes before the ones added earlier: the handle comes first */
  handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  gtk_widget_add_css_class (handle, "dim-label");
  gtk_widget_set_visible (handle, writable);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), swatch_new (ce_topic_get_color (topic)));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), handle);

  spinner = gtk_spinner_new ();
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (spinner, _("Counting mentions…"));
  label = gtk_label_new (NULL);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "dim-label");
  warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (warning, "warning");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spinner);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), warning);
  g_object_set_data (G_OBJECT (row), "count-spinner", spinner);
  g_object_set_data (G_OBJECT (row), "count-label", label);
  g_object_set_data (G_OBJECT (row), "count-warning", warning);

  toggle = gtk_switch_new ();
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle), ce_topic_get_enabled (topic));
  /* Whether a topic is shown is kept in the corpus */
  gtk_widget_set_sensitive (toggle, writable);
  gtk_widget_set_tooltip_text (toggle,
                               writable
                               ? _("Show in Charts")
                               : _("This Corpus Is Read-Only: Topics Cannot Be Added or Changed"));
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (on_enabled_cb), row, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  g_object_set_data (G_OBJECT (row), "switch", toggle);

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, menu_tooltip);
  gtk_widget_add_css_class (button, "flat");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  /* Rows are dragged to a new order only where the order can be kept */
  if (writable)
    {
      drag = gtk_drag_source_new ();
      gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
      g_signal_connect_object (drag, "prepare", G_CALLBACK (on_drag_prepare_cb), row, 0);
      g_signal_connect_object (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), row, 0);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drag));

      drop = gtk_drop_target_new (CE_TYPE_TOPIC, GDK_ACTION_MOVE);
      g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop_cb), row, 0);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drop));
    }

  /* The keyboard way to what dragging and the menu do */
  shortcuts = gtk_shortcut_controller_new ();
  add_row_shortcut (shortcuts, GDK_KEY_Up, GDK_ALT_MASK, "topics.move-up", id);
  add_row_shortcut (shortcuts, GDK_KEY_Down, GDK_ALT_MASK, "topics.move-down", id);
  add_row_shortcut (shortcuts, GDK_KEY_Delete, 0, "topics.delete", id);
  add_row_shortcut (shortcuts, GDK_KEY_KP_Delete, 0, "topics.delete", id);
  gtk_widget_add_controller (row, shortcuts);

  update_row_total (self, row);

  return row;
}
