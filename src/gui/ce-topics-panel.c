/* ce-topics-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-topics-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "ce-topics-panel-private.h"

G_DEFINE_FINAL_TYPE (CeTopicsPanel, ce_topics_panel, GTK_TYPE_WIDGET)

enum {
  TOPICS_CHANGED,
  TOAST,
  SHOW_CONTEXTS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
total_free (gpointer data)
{
  Total *total = data;

  g_free (total->key);
  g_free (total->error);
  g_free (total);
}

static void
count_request_free (gpointer data)
{
  CountRequest *request = data;

  g_free (request->key);
  g_strfreev (request->terms);
  g_free (request);
}

char *
_ce_topics_panel_topic_key (CeTopic *topic)
{
  return g_strjoinv ("\x1f", (char **)ce_topic_get_terms (topic));
}

CeTopic *
_ce_topics_panel_find_topic (CeTopicsPanel *self,
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

void
_ce_topics_panel_show_error_toast (CeTopicsPanel *self,
                                   const GError  *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 8);
  show_toast (self, toast);
}

void
_ce_topics_panel_emit_changed (CeTopicsPanel *self)
{
  g_signal_emit (self, signals[TOPICS_CHANGED], 0);
}

/* Counting, one topic at a time so each row shows its number as soon
 * as it is known */

static void count_next (CeTopicsPanel *self);

static gpointer
count_func (CeCorpus      *corpus,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  CountRequest *request = data;
  g_autoptr(CeTopic) topic = NULL;
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GError) count_error = NULL;
  Total *total;

  topic = ce_topic_new ("count", NULL, (const char * const *)request->terms);
  counts = ce_counter_count_documents (corpus, topic, NULL, &count_error);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* A count that fails is shown on its row, not as a failed job */
  total = g_new0 (Total, 1);
  total->key = g_strdup (request->key);
  if (counts == NULL)
    total->error = g_strdup (count_error->message);
  else
    {
      total->mentions = ce_counter_total (counts);
      total->documents = counts->len;
    }

  return total;
}

static void
count_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CeTopicsPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  Total *total;

  total = ce_session_run_finish (CE_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->count_cancellable);

  if (total == NULL)
    {
      /* The key went with the job; the next count tries again */
      _ce_topics_panel_show_error_toast (self, error);
      return;
    }

  g_hash_table_replace (self->totals, g_strdup (total->key), total);
  _ce_topics_panel_update_totals (self);
  count_next (self);
}

static void
count_next (CeTopicsPanel *self)
{
  CountRequest *request = NULL;

  if (self->count_cancellable != NULL || self->session == NULL || !ce_session_is_open (self->session))
    return;

  for (guint i = 0; i < self->topics->len && request == NULL; i++)
    {
      CeTopic *topic = g_ptr_array_index (self->topics, i);
      g_autofree char *key = _ce_topics_panel_topic_key (topic);

      if (g_hash_table_contains (self->totals, key))
        continue;

      request = g_new0 (CountRequest, 1);
      request->key = g_steal_pointer (&key);
      request->terms = g_strdupv ((char **)ce_topic_get_terms (topic));
    }

  if (request == NULL)
    return;

  self->count_cancellable = g_cancellable_new ();
  ce_session_run_in_thread (self->session, count_func, request, count_request_free, total_free,
                            self->count_cancellable, count_done_cb, g_object_ref (self));
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

/* Whether the topics of the corpus shown can be changed: not those of a
 * corpus that can only be read */
gboolean
_ce_topics_panel_is_writable (CeTopicsPanel *self)
{
  return self->session != NULL && ce_session_is_open (self->session) &&
         !ce_session_is_read_only (self->session);
}

/* A corpus that can only be read keeps its topics: adding, editing,
 * moving and deleting them are off from the start, and the button says
 * why (each row's switch, handle and menu do too,
 * _ce_topics_panel_topic_row_new()). */
static void
update_writable (CeTopicsPanel *self)
{
  gboolean open = self->session != NULL && ce_session_is_open (self->session);
  gboolean writable = _ce_topics_panel_is_writable (self);
  static const char * const actions[] = {
    "topics.add", "topics.edit", "topics.move-up", "topics.move-down",
    "topics.delete", "topics.add-suggestion",
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], writable);
  gtk_widget_set_tooltip_text (self->add_button,
                               open && !writable
                               ? _("This Corpus Is Read-Only: Topics Cannot Be Added or Changed")
                               : _("Add a Topic"));
}

/* Lists the stored topics again; @focus_id, when not 0, is the topic
 * whose row gets the keyboard focus. */
void
_ce_topics_panel_reload_topics (CeTopicsPanel *self,
                                gint64         focus_id)
{
  GListModel *model = self->session != NULL ? ce_session_get_topics (self->session) : NULL;
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;
  GtkWidget *child;

  g_clear_pointer (&self->topics, g_ptr_array_unref);
  self->topics = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->topics, g_list_model_get_item (model, i));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->topics_list))) != NULL)
    gtk_list_box_remove (self->topics_list, child);

  /* The rows are made for the actions as they will be */
  update_writable (self);

  for (guint i = 0; i < self->topics->len; i++)
    gtk_list_box_append (self->topics_list, _ce_topics_panel_topic_row_new (self, g_ptr_array_index (self->topics, i), i));

  /* An empty boxed list would show as a bare line */
  gtk_widget_set_visible (GTK_WIDGET (self->topics_list), self->topics->len > 0);
  gtk_widget_set_visible (self->empty_label, self->topics->len == 0);

  if (focus_id != 0)
    focus_topic_row (self, focus_id);

  count_next (self);
}

void
_ce_topics_panel_move_topic (CeTopicsPanel *self,
                             gint64         id,
                             guint          position)
{
  g_autoptr(GError) error = NULL;
  CeTopic *topic;
  guint index;

  if (self->session == NULL || (topic = _ce_topics_panel_find_topic (self, id, &index)) == NULL ||
      index == position)
    return;

  if (!ce_session_move_topic (self->session, topic, position, &error))
    {
      _ce_topics_panel_show_error_toast (self, error);
      return;
    }

  focus_topic_row (self, id);
  _ce_topics_panel_emit_changed (self);
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
  CeTopic *topic = _ce_topics_panel_find_topic (self, g_variant_get_int64 (param), NULL);

  if (topic != NULL)
    ce_topics_panel_edit_topic (self, topic);
}

static void
show_contexts_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  CeTopicsPanel *self = CE_TOPICS_PANEL (widget);
  CeTopic *topic = _ce_topics_panel_find_topic (self, g_variant_get_int64 (param), NULL);

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

  if (_ce_topics_panel_find_topic (self, id, &index) == NULL)
    return;

  if (g_str_equal (action_name, "topics.move-up") && index > 0)
    _ce_topics_panel_move_topic (self, id, index - 1);
  else if (g_str_equal (action_name, "topics.move-down") && index + 1 < self->topics->len)
    _ce_topics_panel_move_topic (self, id, index + 1);
}

static void
on_undo_cb (CeTopicsPanel *self,
            AdwToast      *toast)
{
  const char *path = g_object_get_data (G_OBJECT (toast), "path");
  CeTopic *topic = g_object_get_data (G_OBJECT (toast), "topic");
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toast), "position"));
  g_autoptr(CeTopic) restored = NULL;
  g_autoptr(GError) error = NULL;

  /* The corpus shown is another one now, or the undo was done */
  if (self->session == NULL || g_strcmp0 (path, ce_session_get_path (self->session)) != 0 ||
      topic == NULL || g_object_get_data (G_OBJECT (toast), "undone") != NULL)
    return;

  restored = ce_session_add_topic (self->session, topic, position, &error);
  if (restored == NULL)
    {
      _ce_topics_panel_show_error_toast (self, error);
      return;
    }
  /* Once only */
  g_object_set_data (G_OBJECT (toast), "undone", GINT_TO_POINTER (TRUE));

  focus_topic_row (self, ce_topic_get_id (restored));
  _ce_topics_panel_emit_changed (self);
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

  if (self->session == NULL || _ce_topics_panel_find_topic (self, g_variant_get_int64 (param), &index) == NULL)
    return;

  topic = g_object_ref (g_ptr_array_index (self->topics, index));
  if (!ce_session_remove_topic (self->session, topic, &error))
    {
      _ce_topics_panel_show_error_toast (self, error);
      return;
    }

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
  /* What the undo adds again: a copy, stored anew */
  {
    CeTopic *copy = ce_topic_copy (topic);

    ce_topic_set_id (copy, 0);
    g_object_set_data_full (G_OBJECT (toast), "topic", copy, g_object_unref);
  }
  g_object_set_data_full (G_OBJECT (toast), "path", g_strdup (ce_session_get_path (self->session)), g_free);
  g_object_set_data (G_OBJECT (toast), "position", GUINT_TO_POINTER (index));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_cb), self, G_CONNECT_SWAPPED);
  show_toast (self, toast);

  _ce_topics_panel_emit_changed (self);
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
  focus_topic_row (self, ce_topic_get_id (topic));
  _ce_topics_panel_emit_changed (self);
}

static void
on_topics_items_changed_cb (CeTopicsPanel *self,
                            guint          position,
                            guint          removed,
                            guint          added,
                            GListModel    *topics)
{
  /* The same topic in its place: the switch follows */
  if (removed == 1 && added == 1 && _ce_topics_panel_sync_row (self, position))
    return;

  _ce_topics_panel_reload_topics (self, 0);
}

static void
on_corpus_changed_cb (CeTopicsPanel *self,
                      CeSession     *session)
{
  /* New documents: every count is out of date */
  cancel_counting (self);
  g_hash_table_remove_all (self->totals);
  _ce_topics_panel_update_totals (self);
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

  ce_session_unwatch (&self->session, self);
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
  gtk_widget_class_bind_template_child (widget_class, CeTopicsPanel, add_button);
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
  gtk_widget_class_install_action (widget_class, "topics.add-suggestion", "s", _ce_topics_panel_add_suggestion_action);
  gtk_widget_class_install_action (widget_class, "topics.hide-suggestions", NULL, _ce_topics_panel_hide_suggestions_action);

  gtk_widget_class_set_css_name (widget_class, "topicspanel");
}

static void
ce_topics_panel_init (CeTopicsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->topics = g_ptr_array_new_with_free_func (g_object_unref);
  self->totals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, total_free);

  gtk_widget_set_visible (GTK_WIDGET (self->topics_list), FALSE);
  update_writable (self);

  g_signal_connect (self, "map", G_CALLBACK (_ce_topics_panel_map_suggestions), NULL);
}

GtkWidget *
ce_topics_panel_new (void)
{
  return g_object_new (CE_TYPE_TOPICS_PANEL, NULL);
}

/**
 * ce_topics_panel_get_session:
 *
 * Returns: (transfer none) (nullable): the session whose topics are shown
 */
CeSession *
ce_topics_panel_get_session (CeTopicsPanel *self)
{
  g_return_val_if_fail (CE_IS_TOPICS_PANEL (self), NULL);
  return self->session;
}

/* Another corpus is open: its topics, counted afresh, or suggestions
 * when it has none */
static void
on_path_changed_cb (CeTopicsPanel *self,
                    GParamSpec    *pspec,
                    CeSession     *session)
{
  cancel_counting (self);
  _ce_topics_panel_clear_suggestions (self);
  g_hash_table_remove_all (self->totals);

  _ce_topics_panel_reload_topics (self, 0);

  /* Suggestions are offered to be added: not to a read-only corpus */
  if (ce_session_is_open (session) && !ce_session_is_read_only (session) && self->topics->len == 0)
    _ce_topics_panel_start_suggestions (self);

  _ce_topics_panel_emit_changed (self);
}

/**
 * ce_topics_panel_set_session:
 * @session: (nullable): the session whose topics to show and change
 *
 * Shows the topics of @session's corpus, whichever it opens, and counts
 * their mentions in the background.  A corpus without topics is offered
 * suggestions.
 */
void
ce_topics_panel_set_session (CeTopicsPanel *self,
                             CeSession     *session)
{
  static const CeSessionWatch watch = {
    .path_changed = G_CALLBACK (on_path_changed_cb),
    .corpus_changed = G_CALLBACK (on_corpus_changed_cb),
    .topics_changed = G_CALLBACK (on_topics_items_changed_cb),
  };

  g_return_if_fail (CE_IS_TOPICS_PANEL (self));
  g_return_if_fail (session == NULL || CE_IS_SESSION (session));

  if (!ce_session_watch (&self->session, session, self, &watch))
    return;

  if (session != NULL)
    {
      on_path_changed_cb (self, NULL, session);
    }
  else
    {
      cancel_counting (self);
      _ce_topics_panel_clear_suggestions (self);
      _ce_topics_panel_reload_topics (self, 0);
    }
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

  key = _ce_topics_panel_topic_key (topic);
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

  if (self->session == NULL || !ce_session_is_open (self->session) ||
      ce_session_is_read_only (self->session))
    return NULL;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  editor = ce_topic_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->session, topic);
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

  if (self->session == NULL || !ce_session_is_open (self->session))
    return NULL;

  topic = ce_topic_new ("", ce_session_next_topic_color (self->session), NULL);
  return ce_topics_panel_edit_topic (self, topic);
}
