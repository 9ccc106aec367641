/* ce-topics-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-topics-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "ce-counter.h"
#include "ce-entities.h"
#include "ce-gui-private.h"
#include "ce-topics-panel.h"

/* How many suggestions a corpus without topics is offered */
#define N_SUGGESTIONS 5
#define SWATCH_SIZE   16

struct _CeTopicsPanel
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget           *scroller;
  GtkListBox          *topics_list;
  GtkWidget           *empty_label;
  AdwPreferencesGroup *suggestions_group;
  GtkSpinner          *suggestions_spinner;
  GtkListBox          *suggestions_list;

  /* Owned references */
  CeCorpus            *corpus;
  GPtrArray           *topics;        /* of CeTopic, in their order */
  GHashTable          *totals;        /* terms key -> Total */
  GPtrArray           *suggestions;   /* of CeEntity */
  GCancellable        *count_cancellable;
  GCancellable        *suggest_cancellable;
};

G_DEFINE_FINAL_TYPE (CeTopicsPanel, ce_topics_panel, GTK_TYPE_WIDGET)

enum {
  TOPICS_CHANGED,
  TOAST,
  SHOW_CONTEXTS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Mentions of one set of terms: topics with the same terms share it, so
 * a topic keeps its count when it is renamed, recoloured or restored. */
typedef struct
{
  guint64  mentions;
  guint    documents;
  char    *error;
} Total;

typedef struct
{
  char  *path;
  char  *key;
  GStrv  terms;
} CountRequest;

static void
total_free (gpointer data)
{
  Total *total = data;

  g_free (total->error);
  g_free (total);
}

static void
count_request_free (gpointer data)
{
  CountRequest *request = data;

  g_free (request->path);
  g_free (request->key);
  g_strfreev (request->terms);
  g_free (request);
}

static char *
topic_key (CeTopic *topic)
{
  return g_strjoinv ("\x1f", (char **)ce_topic_get_terms (topic));
}

static CeTopic *
find_topic (CeTopicsPanel *self,
            gint64         id,
            guint         *index)
{
  for (guint i = 0; self->topics != NULL && i < self->topics->len; i++)
    {
      CeTopic *topic = g_ptr_array_index (self->topics, i);

      if (ce_topic_get_id (topic) == id)
        {
          if (index != NULL)
            *index = i;
          return topic;
        }
    }

  return NULL;
}

/* The first colour of the palette no topic uses yet */
static const char *
next_color (CeTopicsPanel *self)
{
  guint n_topics = self->topics != NULL ? self->topics->len : 0;

  for (guint i = 0; i < ce_topic_palette_size (); i++)
    {
      const char *color = ce_topic_palette_get (i);
      gboolean used = FALSE;

      for (guint j = 0; j < n_topics && !used; j++)
        used = g_ascii_strcasecmp (ce_topic_get_color (g_ptr_array_index (self->topics, j)), color) == 0;

      if (!used)
        return color;
    }

  return ce_topic_palette_get (n_topics);
}

static void
show_toast (CeTopicsPanel *self,
            AdwToast      *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  g_signal_emit (self, signals[TOAST], 0, toast);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}

static void
show_error_toast (CeTopicsPanel *self,
                  const GError  *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 8);
  show_toast (self, toast);
}

static void
emit_changed (CeTopicsPanel *self)
{
  g_signal_emit (self, signals[TOPICS_CHANGED], 0);
}

/* Rows */

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
  g_autofree char *key = topic_key (topic);
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
      g_autofree char *mentions = g_strdup_printf (ngettext ("%'" G_GUINT64_FORMAT " mention",
                                                             "%'" G_GUINT64_FORMAT " mentions",
                                                             total->mentions),
                                                   total->mentions);
      g_autofree char *tooltip = g_strdup_printf (ngettext ("%s in %'u document",
                                                            "%s in %'u documents",
                                                            total->documents),
                                                  mentions, total->documents);

      gtk_label_set_text (GTK_LABEL (label), number);
      gtk_widget_set_tooltip_text (label, tooltip);
    }
}

static void
update_totals (CeTopicsPanel *self)
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

  if (self == NULL || self->corpus == NULL || ce_topic_get_enabled (topic) == active)
    return;

  ce_topic_set_enabled (topic, active);
  if (!ce_topics_save (self->corpus, topic, &error))
    {
      ce_topic_set_enabled (topic, !active);
      gtk_switch_set_active (toggle, !active);
      show_error_toast (self, error);
      return;
    }

  emit_changed (self);
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

static void move_topic (CeTopicsPanel *self,
                        gint64         id,
                        guint          position);

static gboolean
pending_move_cb (gpointer user_data)
{
  PendingMove *move = user_data;

  move_topic (move->self, move->id, move->position);
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
  if (dragged == NULL || find_topic (CE_TOPICS_PANEL (panel), ce_topic_get_id (onto), &position) == NULL)
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

static GtkWidget *
topic_row_new (CeTopicsPanel *self,
               CeTopic       *topic,
               guint          index)
{
  g_autoptr(GMenuModel) menu = row_menu_new (topic, index, self->topics->len);
  g_autofree char *title = g_markup_escape_text (ce_topic_get_name (topic), -1);
  g_autofree char *terms = ce_topic_join_terms (ce_topic_get_terms (topic));
  g_autofree char *subtitle = g_markup_escape_text (terms, -1);
  g_autofree char *menu_tooltip = g_strdup_printf (_("Menu of “%s”"), ce_topic_get_name (topic));
  gint64 id = ce_topic_get_id (topic);
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
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, terms);
  g_object_set_data_full (G_OBJECT (row), "topic", g_object_ref (topic), g_object_unref);

  /* Each prefix goes before the ones added earlier: the handle comes first */
  handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  gtk_widget_add_css_class (handle, "dim-label");
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
  gtk_widget_set_tooltip_text (toggle, _("Show in Charts"));
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

  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect_object (drag, "prepare", G_CALLBACK (on_drag_prepare_cb), row, 0);
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), row, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drag));

  drop = gtk_drop_target_new (CE_TYPE_TOPIC, GDK_ACTION_MOVE);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop_cb), row, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drop));

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

/* Counting, one topic at a time so each row shows its number as soon
 * as it is known */

static void count_next (CeTopicsPanel *self);

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CountRequest *request = task_data;
  g_autoptr(CeCorpus) corpus = NULL;
  g_autoptr(CeTopic) topic = NULL;
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GError) error = NULL;
  Total *total;

  corpus = _ce_worker_open_corpus (task, request->path);
  if (corpus == NULL)
    return;

  topic = ce_topic_new ("count", NULL, (const char * const *)request->terms);
  ce_corpus_set_cancellable (corpus, cancellable);
  counts = ce_counter_count_documents (corpus, topic, NULL, &error);
  ce_corpus_set_cancellable (corpus, NULL);

  if (g_task_return_error_if_cancelled (task))
    return;

  total = g_new0 (Total, 1);
  if (counts == NULL)
    total->error = g_strdup (error->message);
  else
    {
      total->mentions = ce_counter_total (counts);
      total->documents = counts->len;
    }

  g_task_return_pointer (task, total, total_free);
}

static void
count_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CeTopicsPanel) self = user_data;
  CountRequest *request = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  Total *total;

  total = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->count_cancellable);

  if (total == NULL)
    {
      total = g_new0 (Total, 1);
      total->error = g_strdup (error->message);
    }

  g_hash_table_replace (self->totals, g_strdup (request->key), total);
  update_totals (self);
  count_next (self);
}

static void
count_next (CeTopicsPanel *self)
{
  g_autoptr(GTask) task = NULL;
  CountRequest *request = NULL;

  if (self->count_cancellable != NULL || self->corpus == NULL)
    return;

  for (guint i = 0; i < self->topics->len && request == NULL; i++)
    {
      CeTopic *topic = g_ptr_array_index (self->topics, i);
      g_autofree char *key = topic_key (topic);

      if (g_hash_table_contains (self->totals, key))
        continue;

      request = g_new0 (CountRequest, 1);
      request->path = g_strdup (ce_corpus_get_path (self->corpus));
      request->key = g_steal_pointer (&key);
      request->terms = g_strdupv ((char **)ce_topic_get_terms (topic));
    }

  if (request == NULL)
    return;

  self->count_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->count_cancellable, count_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, count_next);
  g_task_set_task_data (task, request, count_request_free);
  g_task_run_in_thread (task, count_thread);
}

static void
cancel_counting (CeTopicsPanel *self)
{
  g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
}

static void
focus_topic_row (CeTopicsPanel *self,
                 gint64         id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->topics_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      CeTopic *topic = g_object_get_data (G_OBJECT (row), "topic");

      if (topic != NULL && ce_topic_get_id (topic) == id)
        {
          gtk_widget_grab_focus (row);
          return;
        }
    }
}

/* Lists the stored topics again; @focus_id, when not 0, is the topic
 * whose row gets the keyboard focus. */
static void
reload_topics (CeTopicsPanel *self,
               gint64         focus_id)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  g_clear_pointer (&self->topics, g_ptr_array_unref);

  if (self->corpus != NULL)
    self->topics = ce_topics_list (self->corpus, &error);
  if (self->topics == NULL)
    self->topics = g_ptr_array_new_with_free_func (g_object_unref);
  if (error != NULL)
    show_error_toast (self, error);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->topics_list))) != NULL)
    gtk_list_box_remove (self->topics_list, child);

  for (guint i = 0; i < self->topics->len; i++)
    gtk_list_box_append (self->topics_list, topic_row_new (self, g_ptr_array_index (self->topics, i), i));

  /* An empty boxed list would show as a bare line */
  gtk_widget_set_visible (GTK_WIDGET (self->topics_list), self->topics->len > 0);
  gtk_widget_set_visible (self->empty_label, self->topics->len == 0);

  if (focus_id != 0)
    focus_topic_row (self, focus_id);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "topics.add", self->corpus != NULL);

  count_next (self);
}

static void
move_topic (CeTopicsPanel *self,
            gint64         id,
            guint          position)
{
  g_autoptr(GError) error = NULL;
  CeTopic *topic;
  guint index;

  if (self->corpus == NULL || (topic = find_topic (self, id, &index)) == NULL || index == position)
    return;

  if (!ce_topics_move (self->corpus, topic, position, &error))
    show_error_toast (self, error);

  reload_topics (self, id);
  emit_changed (self);
}

/* Suggestions */

static void rebuild_suggestions (CeTopicsPanel *self);

static void
suggest_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(CeCorpus) corpus = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *entities;

  corpus = _ce_worker_open_corpus (task, path);
  if (corpus == NULL)
    return;

  ce_corpus_set_cancellable (corpus, cancellable);
  entities = ce_entities_suggest (corpus, N_SUGGESTIONS, &error);
  ce_corpus_set_cancellable (corpus, NULL);

  if (g_task_return_error_if_cancelled (task))
    {
      g_clear_pointer (&entities, g_ptr_array_unref);
      return;
    }

  if (entities == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, entities, (GDestroyNotify)g_ptr_array_unref);
}

static void
suggest_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CeTopicsPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *entities;

  entities = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->suggest_cancellable);
  gtk_spinner_set_spinning (self->suggestions_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_spinner), FALSE);

  /* Suggestions are a help, not a feature to report failures about */
  if (entities == NULL)
    {
      g_debug ("No suggestions: %s", error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->suggestions_group), FALSE);
      return;
    }

  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  self->suggestions = entities;
  rebuild_suggestions (self);
}

static void
start_suggestions (CeTopicsPanel *self)
{
  g_autoptr(GTask) task = NULL;

  self->suggest_cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_group), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_spinner), TRUE);
  gtk_spinner_set_spinning (self->suggestions_spinner, TRUE);

  task = g_task_new (NULL, self->suggest_cancellable, suggest_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_suggestions);
  g_task_set_task_data (task, g_strdup (ce_corpus_get_path (self->corpus)), g_free);
  g_task_run_in_thread (task, suggest_thread);
}

static void
clear_suggestions (CeTopicsPanel *self)
{
  GtkWidget *child;

  g_cancellable_cancel (self->suggest_cancellable);
  g_clear_object (&self->suggest_cancellable);
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->suggestions_list))) != NULL)
    gtk_list_box_remove (self->suggestions_list, child);

  gtk_spinner_set_spinning (self->suggestions_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_group), FALSE);
}

static GtkWidget *
suggestion_row_new (CeEntity *entity)
{
  g_autofree char *title = g_markup_escape_text (entity->name, -1);
  g_autofree char *subtitle = g_strdup_printf (ngettext ("%'u mention", "%'u mentions", entity->count),
                                               entity->count);
  g_autofree char *terms = ce_topic_join_terms ((const char * const *)entity->terms);
  g_autofree char *tooltip = g_strdup_printf (_("Terms: %s"), terms);
  g_autofree char *button_tooltip = g_strdup_printf (_("Add “%s” as a Topic"), entity->name);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (row, tooltip);

  button = gtk_button_new_with_label (_("Add"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, button_tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "topics.add-suggestion");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (entity->name));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);

  return row;
}

static void
rebuild_suggestions (CeTopicsPanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->suggestions_list))) != NULL)
    gtk_list_box_remove (self->suggestions_list, child);

  for (guint i = 0; self->suggestions != NULL && i < self->suggestions->len; i++)
    gtk_list_box_append (self->suggestions_list, suggestion_row_new (g_ptr_array_index (self->suggestions, i)));

  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_group),
                          self->suggestions != NULL && self->suggestions->len > 0);
}

/* Actions */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  ce_topics_panel_add_topic (CE_TOPICS_PANEL (widget));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CeTopicsPanel *self = CE_TOPICS_PANEL (widget);
  CeTopic *topic = find_topic (self, g_variant_get_int64 (param), NULL);

  if (topic != NULL)
    ce_topics_panel_edit_topic (self, topic);
}

static void
show_contexts_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  CeTopicsPanel *self = CE_TOPICS_PANEL (widget);
  CeTopic *topic = find_topic (self, g_variant_get_int64 (param), NULL);

  if (topic != NULL)
    g_signal_emit (self, signals[SHOW_CONTEXTS], 0, topic);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CeTopicsPanel *self = CE_TOPICS_PANEL (widget);
  gint64 id = g_variant_get_int64 (param);
  guint index;

  if (find_topic (self, id, &index) == NULL)
    return;

  if (g_str_equal (action_name, "topics.move-up") && index > 0)
    move_topic (self, id, index - 1);
  else if (g_str_equal (action_name, "topics.move-down") && index + 1 < self->topics->len)
    move_topic (self, id, index + 1);
}

static void
on_undo_cb (CeTopicsPanel *self,
            AdwToast      *toast)
{
  CeCorpus *corpus = g_object_get_data (G_OBJECT (toast), "corpus");
  CeTopic *topic = g_object_get_data (G_OBJECT (toast), "topic");
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toast), "position"));
  g_autoptr(GError) error = NULL;

  /* The corpus shown is another one now */
  if (corpus == NULL || corpus != self->corpus || topic == NULL || ce_topic_get_id (topic) != 0)
    return;

  if (!ce_topics_save (corpus, topic, &error) ||
      !ce_topics_move (corpus, topic, position, &error))
    show_error_toast (self, error);

  reload_topics (self, ce_topic_get_id (topic));
  emit_changed (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CeTopicsPanel *self = CE_TOPICS_PANEL (widget);
  g_autoptr(CeTopic) topic = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;
  guint index;

  if (self->corpus == NULL || find_topic (self, g_variant_get_int64 (param), &index) == NULL)
    return;

  topic = g_object_ref (g_ptr_array_index (self->topics, index));
  if (!ce_topics_remove (self->corpus, topic, &error))
    {
      show_error_toast (self, error);
      return;
    }

  reload_topics (self, 0);

  /* The focus moves to the row that takes its place */
  if (self->topics->len > 0)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->topics_list,
                                                          MIN (index, self->topics->len - 1));
      if (row != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (row));
    }

  title = g_markup_printf_escaped (_("“%s” deleted"), ce_topic_get_name (topic));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "topic", g_object_ref (topic), g_object_unref);
  g_object_set_data_full (G_OBJECT (toast), "corpus", g_object_ref (self->corpus), g_object_unref);
  g_object_set_data (G_OBJECT (toast), "position", GUINT_TO_POINTER (index));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_cb), self, G_CONNECT_SWAPPED);
  show_toast (self, toast);

  emit_changed (self);
}

static void
add_suggestion_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  CeTopicsPanel *self = CE_TOPICS_PANEL (widget);
  const char *name = g_variant_get_string (param, NULL);
  g_autoptr(CeTopic) topic = NULL;
  g_autoptr(GError) error = NULL;

  if (self->corpus == NULL || self->suggestions == NULL)
    return;

  for (guint i = 0; i < self->suggestions->len; i++)
    {
      CeEntity *entity = g_ptr_array_index (self->suggestions, i);

      if (!g_str_equal (entity->name, name))
        continue;

      topic = ce_topic_new (entity->name, next_color (self), (const char * const *)entity->terms);
      if (!ce_topics_save (self->corpus, topic, &error))
        {
          show_error_toast (self, error);
          return;
        }

      g_ptr_array_remove_index (self->suggestions, i);
      rebuild_suggestions (self);
      reload_topics (self, ce_topic_get_id (topic));
      emit_changed (self);
      return;
    }
}

static void
hide_suggestions_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  clear_suggestions (CE_TOPICS_PANEL (widget));
}

static void
on_topic_row_activated_cb (CeTopicsPanel *self,
                           GtkListBoxRow *row,
                           GtkListBox    *list)
{
  CeTopic *topic = g_object_get_data (G_OBJECT (row), "topic");

  if (topic != NULL)
    ce_topics_panel_edit_topic (self, topic);
}

static void
on_editor_saved_cb (CeTopicsPanel *self,
                    CeTopic       *topic,
                    CeTopicEditor *editor)
{
  reload_topics (self, ce_topic_get_id (topic));
  emit_changed (self);
}

static void
on_corpus_changed_cb (CeTopicsPanel *self,
                      CeCorpus      *corpus)
{
  /* New documents: every count is out of date */
  cancel_counting (self);
  g_hash_table_remove_all (self->totals);
  update_totals (self);
  count_next (self);
}

static void
ce_topics_panel_dispose (GObject *object)
{
  CeTopicsPanel *self = (CeTopicsPanel *)object;

  cancel_counting (self);
  g_cancellable_cancel (self->suggest_cancellable);
  g_clear_object (&self->suggest_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), CE_TYPE_TOPICS_PANEL);

  g_clear_object (&self->corpus);
  g_clear_pointer (&self->topics, g_ptr_array_unref);
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  g_clear_pointer (&self->totals, g_hash_table_unref);

  G_OBJECT_CLASS (ce_topics_panel_parent_class)->dispose (object);
}

static void
ce_topics_panel_class_init (CeTopicsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ce_topics_panel_dispose;

  /**
   * CeTopicsPanel::topics-changed:
   *
   * Topics were added, edited, removed, reordered, switched on or off,
   * or another corpus is shown.
   */
  signals[TOPICS_CHANGED] =
    g_signal_new ("topics-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * CeTopicsPanel::toast:
   * @toast: the toast
   *
   * The panel shows @toast, in the nearest #AdwToastOverlay above it.
   */
  signals[TOAST] =
    g_signal_new ("toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  /**
   * CeTopicsPanel::show-contexts:
   * @topic: the topic
   *
   * The user asked to see the mentions of @topic in their contexts.
   */
  signals[SHOW_CONTEXTS] =
    g_signal_new ("show-contexts",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CE_TYPE_TOPIC);

  gtk_widget_class_set_template_from_resource (widget_class, APPLICATION_PATH "/ce-topics-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CeTopicsPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, CeTopicsPanel, topics_list);
  gtk_widget_class_bind_template_child (widget_class, CeTopicsPanel, empty_label);
  gtk_widget_class_bind_template_child (widget_class, CeTopicsPanel, suggestions_group);
  gtk_widget_class_bind_template_child (widget_class, CeTopicsPanel, suggestions_spinner);
  gtk_widget_class_bind_template_child (widget_class, CeTopicsPanel, suggestions_list);
  gtk_widget_class_bind_template_callback (widget_class, on_topic_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "topics.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "topics.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "topics.show-contexts", "x", show_contexts_action);
  gtk_widget_class_install_action (widget_class, "topics.move-up", "x", move_action);
  gtk_widget_class_install_action (widget_class, "topics.move-down", "x", move_action);
  gtk_widget_class_install_action (widget_class, "topics.delete", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "topics.add-suggestion", "s", add_suggestion_action);
  gtk_widget_class_install_action (widget_class, "topics.hide-suggestions", NULL, hide_suggestions_action);

  gtk_widget_class_set_css_name (widget_class, "topicspanel");
}

static void
ce_topics_panel_init (CeTopicsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->topics = g_ptr_array_new_with_free_func (g_object_unref);
  self->totals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, total_free);

  gtk_widget_set_visible (GTK_WIDGET (self->topics_list), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "topics.add", FALSE);
}

GtkWidget *
ce_topics_panel_new (void)
{
  return g_object_new (CE_TYPE_TOPICS_PANEL, NULL);
}

/**
 * ce_topics_panel_get_corpus:
 *
 * Returns: (transfer none) (nullable): the corpus whose topics are shown
 */
CeCorpus *
ce_topics_panel_get_corpus (CeTopicsPanel *self)
{
  g_return_val_if_fail (CE_IS_TOPICS_PANEL (self), NULL);
  return self->corpus;
}

/**
 * ce_topics_panel_set_corpus:
 * @corpus: (nullable): the corpus whose topics to show and store
 *
 * Lists the topics of @corpus and counts their mentions in the
 * background.  A corpus without topics is offered suggestions.
 */
void
ce_topics_panel_set_corpus (CeTopicsPanel *self,
                            CeCorpus      *corpus)
{
  g_return_if_fail (CE_IS_TOPICS_PANEL (self));
  g_return_if_fail (corpus == NULL || CE_IS_CORPUS (corpus));

  if (self->corpus == corpus)
    return;

  cancel_counting (self);
  clear_suggestions (self);
  g_hash_table_remove_all (self->totals);

  if (self->corpus != NULL)
    g_signal_handlers_disconnect_by_func (self->corpus, on_corpus_changed_cb, self);
  g_set_object (&self->corpus, corpus);
  if (corpus != NULL)
    g_signal_connect_object (corpus, "changed", G_CALLBACK (on_corpus_changed_cb), self, G_CONNECT_SWAPPED);

  reload_topics (self, 0);

  if (corpus != NULL && self->topics->len == 0)
    start_suggestions (self);

  emit_changed (self);
}

/**
 * ce_topics_panel_get_topics:
 *
 * Returns: (transfer full) (element-type CeTopic): every topic, in order
 */
GPtrArray *
ce_topics_panel_get_topics (CeTopicsPanel *self)
{
  GPtrArray *topics;

  g_return_val_if_fail (CE_IS_TOPICS_PANEL (self), NULL);

  topics = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->topics->len; i++)
    g_ptr_array_add (topics, g_object_ref (g_ptr_array_index (self->topics, i)));

  return topics;
}

/**
 * ce_topics_panel_get_enabled_topics:
 *
 * Returns: (transfer full) (element-type CeTopic): the topics switched
 *   on, in order
 */
GPtrArray *
ce_topics_panel_get_enabled_topics (CeTopicsPanel *self)
{
  GPtrArray *topics;

  g_return_val_if_fail (CE_IS_TOPICS_PANEL (self), NULL);

  topics = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->topics->len; i++)
    {
      CeTopic *topic = g_ptr_array_index (self->topics, i);

      if (ce_topic_get_enabled (topic))
        g_ptr_array_add (topics, g_object_ref (topic));
    }

  return topics;
}

/**
 * ce_topics_panel_get_total:
 * @mentions: (out) (optional): mentions of @topic in the corpus
 * @documents: (out) (optional): documents mentioning it
 *
 * Returns: %TRUE when the mentions of @topic's terms are counted
 */
gboolean
ce_topics_panel_get_total (CeTopicsPanel *self,
                           CeTopic       *topic,
                           guint64       *mentions,
                           guint         *documents)
{
  g_autofree char *key = NULL;
  Total *total;

  g_return_val_if_fail (CE_IS_TOPICS_PANEL (self), FALSE);
  g_return_val_if_fail (CE_IS_TOPIC (topic), FALSE);

  key = topic_key (topic);
  total = g_hash_table_lookup (self->totals, key);
  if (total == NULL || total->error != NULL)
    return FALSE;

  if (mentions != NULL)
    *mentions = total->mentions;
  if (documents != NULL)
    *documents = total->documents;

  return TRUE;
}

/**
 * ce_topics_panel_get_n_suggestions:
 *
 * Returns: how many suggested topics are offered
 */
guint
ce_topics_panel_get_n_suggestions (CeTopicsPanel *self)
{
  g_return_val_if_fail (CE_IS_TOPICS_PANEL (self), 0);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->suggestions_group)) || self->suggestions == NULL)
    return 0;

  return self->suggestions->len;
}

/**
 * ce_topics_panel_edit_topic:
 *
 * Opens the editor for @topic, a topic of the panel or a new one.
 *
 * Returns: (transfer none) (nullable): the editor, or %NULL without a
 *   corpus
 */
CeTopicEditor *
ce_topics_panel_edit_topic (CeTopicsPanel *self,
                            CeTopic       *topic)
{
  GtkRoot *root;
  CeTopicEditor *editor;

  g_return_val_if_fail (CE_IS_TOPICS_PANEL (self), NULL);
  g_return_val_if_fail (CE_IS_TOPIC (topic), NULL);

  if (self->corpus == NULL)
    return NULL;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  editor = ce_topic_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->corpus, topic);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));

  return editor;
}

/**
 * ce_topics_panel_add_topic:
 *
 * Opens the editor for a new topic in the next free colour.
 *
 * Returns: (transfer none) (nullable): the editor, or %NULL without a
 *   corpus
 */
CeTopicEditor *
ce_topics_panel_add_topic (CeTopicsPanel *self)
{
  g_autoptr(CeTopic) topic = NULL;

  g_return_val_if_fail (CE_IS_TOPICS_PANEL (self), NULL);

  if (self->corpus == NULL)
    return NULL;

  topic = ce_topic_new ("", next_color (self), NULL);
  return ce_topics_panel_edit_topic (self, topic);
}

/**
 * ce_topics_panel_reload:
 *
 * Lists the topics again after they were changed elsewhere (the reader
 * adds terms), and emits #CeTopicsPanel::topics-changed.
 */
void
ce_topics_panel_reload (CeTopicsPanel *self)
{
  g_return_if_fail (CE_IS_TOPICS_PANEL (self));

  reload_topics (self, 0);
  emit_changed (self);
}
