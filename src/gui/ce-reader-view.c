/* ce-reader-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-reader-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ce-reader-view-private.h"


G_DEFINE_FINAL_TYPE (CeReaderView, ce_reader_view, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
_ce_reader_view_emit_search_requested (CeReaderView *self,
                                       const char   *text)
{
  g_signal_emit (self, signals[SEARCH_REQUESTED], 0, text);
}

void
_ce_reader_view_emit_topics_changed (CeReaderView *self)
{
  g_signal_emit (self, signals[TOPICS_CHANGED], 0);
}

void
_ce_reader_view_show_toast (CeReaderView *self,
                            AdwToast     *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}

void
_ce_reader_view_show_message (CeReaderView *self,
                              const char   *message)
{
  _ce_reader_view_show_toast (self, adw_toast_new (message));
}


void
_ce_reader_view_update_actions (CeReaderView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  gboolean has_document = self->document != NULL;
  gboolean open = self->session != NULL && ce_session_is_open (self->session);
  /* A corpus that can only be read keeps its articles and topics as they
   * are (the window's banner says why) */
  gboolean writable = open && !ce_session_is_read_only (self->session);
  gboolean editable = has_document && writable;
  gboolean selection = has_document && gtk_text_buffer_get_has_selection (buffer);
  gboolean in_list = has_document && self->n_documents > 0 && self->index < self->n_documents;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.previous-document",
                                 in_list && self->index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.next-document",
                                 in_list && self->index + 1 < self->n_documents);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.previous-in-thread",
                                 has_document && self->thread_previous > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.next-in-thread",
                                 has_document && self->thread_next > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.search-selection", selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.add-to-topic", selection && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.new-topic-from-selection", selection && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.choose-topic", selection && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.copy-citation", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.split",
                                 editable && _ce_reader_view_cursor_paragraph (self) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.merge", editable && self->has_previous);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.undo-correction",
                                 self->undo != NULL && writable);
}

void
_ce_reader_view_notify_loading (CeReaderView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
_ce_reader_view_request_document (CeReaderView *self,
                                  gint64        id)
{
  g_signal_emit (self, signals[DOCUMENT_REQUESTED], 0, id);
}

static void
move_document_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  CeReaderView *self = CE_READER_VIEW (widget);

  g_signal_emit (self, signals[MOVE_REQUESTED], 0,
                 g_str_equal (action_name, "reader.next-document") ? 1 : -1);
}

static void
on_buffer_changed_cb (CeReaderView *self)
{
  _ce_reader_view_update_actions (self);
}

static void
on_mark_set_cb (CeReaderView  *self,
                GtkTextIter   *location,
                GtkTextMark   *mark,
                GtkTextBuffer *buffer)
{
  if (mark == gtk_text_buffer_get_insert (buffer))
    _ce_reader_view_update_actions (self);
}

/* A right click puts the cursor where it fell, unless it fell on the
 * selection: "Split Article Here" then means that paragraph. */
static void
on_context_pressed_cb (CeReaderView    *self,
                       int              n_press,
                       double           x,
                       double           y,
                       GtkGestureClick *gesture)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter iter, start, end;
  int bx, by;

  _ce_reader_view_rebuild_topics_menu (self);

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    return;

  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end) &&
      gtk_text_iter_in_range (&iter, &start, &end))
    return;

  gtk_text_buffer_place_cursor (buffer, &iter);
}

static gboolean
refresh_cb (gpointer user_data)
{
  CeReaderView *self = user_data;

  self->refresh_source = 0;
  _ce_reader_view_update_tag_colors (self);
  _ce_reader_view_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
on_topic_changed_cb (CeReaderView *self)
{
  /* A topic edited elsewhere: its highlights follow, once per burst */
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add (refresh_cb, self);
}

static void
on_dark_changed_cb (CeReaderView *self)
{
  _ce_reader_view_update_tag_colors (self);
  _ce_reader_view_update_diff_colors (self);
  _ce_reader_view_update_strip (self);
}

static void
ce_reader_view_dispose (GObject *object)
{
  CeReaderView *self = (CeReaderView *)object;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
  self->scroll_tick = 0;
  g_clear_pointer (&self->topics_popover, gtk_widget_unparent);

  _ce_reader_view_dismiss_undo_toast (self);
  g_clear_pointer (&self->undo, ce_correction_undo_free);

  for (guint i = 0; self->topics != NULL && i < self->topics->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->topics, i), self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CE_TYPE_READER_VIEW);

  g_clear_object (&self->document);
  ce_session_unwatch (&self->session, self);
  g_clear_pointer (&self->query, ce_query_unref);
  g_clear_object (&self->extra_menu);
  g_clear_object (&self->topics_menu);

  G_OBJECT_CLASS (ce_reader_view_parent_class)->dispose (object);
}

static void
ce_reader_view_finalize (GObject *object)
{
  CeReaderView *self = (CeReaderView *)object;

  g_clear_pointer (&self->topics, g_ptr_array_unref);
  g_clear_pointer (&self->topic_tags, g_ptr_array_unref);
  g_clear_pointer (&self->segments, g_array_unref);
  g_clear_pointer (&self->hits, g_array_unref);
  g_clear_pointer (&self->mentions, g_ptr_array_unref);
  g_clear_pointer (&self->found_ranges, g_array_unref);
  g_clear_pointer (&self->found_mentions, g_ptr_array_unref);
  g_clear_pointer (&self->history, g_array_unref);
  g_clear_pointer (&self->diff, g_ptr_array_unref);

  G_OBJECT_CLASS (ce_reader_view_parent_class)->finalize (object);
}

static void
ce_reader_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CeReaderView *self = CE_READER_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_SHOW_QUOTED:
      g_value_set_boolean (value, self->show_quoted);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->load_cancellable != NULL);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    case PROP_MARK_CHANGES:
      g_value_set_boolean (value, self->mark_changes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ce_reader_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CeReaderView *self = CE_READER_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOW_QUOTED:
      ce_reader_view_set_show_quoted (self, g_value_get_boolean (value));
      break;

    case PROP_ZOOM:
      ce_reader_view_set_zoom (self, g_value_get_double (value));
      break;

    case PROP_MARK_CHANGES:
      ce_reader_view_set_mark_changes (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The dimmed colours of quotes follow the theme's text colour */
static void
ce_reader_view_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  CeReaderView *self = (CeReaderView *)widget;

  g_assert (CE_IS_READER_VIEW (self));

  GTK_WIDGET_CLASS (ce_reader_view_parent_class)->css_changed (widget, change);
  _ce_reader_view_update_mail_tag_colors (self);
}

static void
ce_reader_view_class_init (CeReaderViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ce_reader_view_dispose;
  object_class->finalize = ce_reader_view_finalize;
  object_class->get_property = ce_reader_view_get_property;
  object_class->set_property = ce_reader_view_set_property;

  widget_class->css_changed = ce_reader_view_css_changed;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CE_TYPE_DOCUMENT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* Quoted paragraphs of mail, shown (dimmed and indented) or folded
   * away as mail clients do */
  properties[PROP_SHOW_QUOTED] =
    g_param_spec_boolean ("show-quoted", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* A document, or what is shown of it, is being read in a worker */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, CE_READER_ZOOM_MIN, CE_READER_ZOOM_MAX, 1.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* A copy of a story shows what it changed against the earliest copy
   * in its text (ce-reader-view-changes.c) */
  properties[PROP_MARK_CHANGES] =
    g_param_spec_boolean ("mark-changes", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CeReaderView::document-requested:
   * @id: the document to show
   *
   * The reader wants another document shown: from Back and Forward, or
   * after a split or merge changed the one shown.
   */
  signals[DOCUMENT_REQUESTED] =
    g_signal_new ("document-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * CeReaderView::move-requested:
   * @offset: 1 for the next document in the list, -1 for the previous
   */
  signals[MOVE_REQUESTED] =
    g_signal_new ("move-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);

  /**
   * CeReaderView::search-requested:
   * @text: a query: the selection as a quoted phrase
   */
  signals[SEARCH_REQUESTED] =
    g_signal_new ("search-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * CeReaderView::topics-changed:
   *
   * A topic was created or given a term from the selection, and saved.
   */
  signals[TOPICS_CHANGED] =
    g_signal_new ("topics-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, APPLICATION_PATH "/ce-reader-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, stack);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, history_back_button);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, history_forward_button);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, previous_document_button);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, next_document_button);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, hits_box);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, thread_box);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, hits_label);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, scroller);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, clamp);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, title_label);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, copies_panel);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, text_view);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, strip);

  gtk_widget_class_install_action (widget_class, "reader.next-hit", NULL, _ce_reader_view_next_hit_action);
  gtk_widget_class_install_action (widget_class, "reader.previous-hit", NULL, _ce_reader_view_previous_hit_action);
  gtk_widget_class_install_action (widget_class, "reader.next-document", NULL, move_document_action);
  gtk_widget_class_install_action (widget_class, "reader.previous-document", NULL, move_document_action);
  gtk_widget_class_install_action (widget_class, "reader.previous-in-thread", NULL, _ce_reader_view_thread_action);
  gtk_widget_class_install_action (widget_class, "reader.next-in-thread", NULL, _ce_reader_view_thread_action);
  gtk_widget_class_install_action (widget_class, "reader.history-back", NULL, _ce_reader_view_history_action);
  gtk_widget_class_install_action (widget_class, "reader.history-forward", NULL, _ce_reader_view_history_action);
  gtk_widget_class_install_action (widget_class, "reader.search-selection", NULL, _ce_reader_view_search_selection_action);
  gtk_widget_class_install_action (widget_class, "reader.add-to-topic", "x", _ce_reader_view_add_to_topic_action);
  gtk_widget_class_install_action (widget_class, "reader.new-topic-from-selection", NULL, _ce_reader_view_new_topic_action);
  gtk_widget_class_install_action (widget_class, "reader.choose-topic", NULL, _ce_reader_view_choose_topic_action);
  gtk_widget_class_install_action (widget_class, "reader.copy-citation", NULL, _ce_reader_view_copy_citation_action);
  gtk_widget_class_install_action (widget_class, "reader.split", NULL, _ce_reader_view_split_action);
  gtk_widget_class_install_action (widget_class, "reader.merge", NULL, _ce_reader_view_merge_action);
  gtk_widget_class_install_action (widget_class, "reader.undo-correction", NULL, _ce_reader_view_undo_correction_action);
  gtk_widget_class_install_property_action (widget_class, "reader.show-quoted", "show-quoted");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "readerview");

  g_type_ensure (CE_TYPE_DISPERSION_STRIP);
  g_type_ensure (CE_TYPE_COPIES_PANEL);
}

/* The reader's keys work wherever the focus is in the window */
static void
add_shortcuts (CeReaderView *self)
{
  static const struct
  {
    const char *trigger;
    const char *action;
  } shortcuts[] = {
    { "F3", "reader.next-hit" },
    { "<Shift>F3", "reader.previous-hit" },
    { "<Alt>Down", "reader.next-document" },
    { "<Control>Page_Down", "reader.next-document" },
    { "<Alt>Up", "reader.previous-document" },
    { "<Control>Page_Up", "reader.previous-document" },
    { "<Alt>Page_Up", "reader.previous-in-thread" },
    { "<Alt>Page_Down", "reader.next-in-thread" },
    { "<Alt>Left", "reader.history-back" },
    { "<Alt>Right", "reader.history-forward" },
    { "<Control><Shift>f", "reader.search-selection" },
    { "<Control><Shift>t", "reader.choose-topic" },
    { "<Control><Shift>c", "reader.copy-citation" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_GLOBAL);

  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string (shortcuts[i].trigger),
                                                            gtk_named_action_new (shortcuts[i].action)));

  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
build_extra_menu (CeReaderView *self)
{
  g_autoptr(GMenu) selection = g_menu_new ();
  g_autoptr(GMenu) segmentation = g_menu_new ();
  g_autoptr(GMenu) view = g_menu_new ();

  self->topics_menu = g_menu_new ();
  _ce_reader_view_rebuild_topics_menu (self);

  g_menu_append (selection, _("_Search for Selection"), "reader.search-selection");
  g_menu_append_submenu (selection, _("Add Selection to _Topic"), G_MENU_MODEL (self->topics_menu));
  g_menu_append (selection, _("Copy with _Citation"), "reader.copy-citation");
  g_menu_append (segmentation, _("Split Article _Here"), "reader.split");
  g_menu_append (segmentation, _("_Merge with Previous Article"), "reader.merge");
  g_menu_append (view, _("Show _Quoted Text"), "reader.show-quoted");

  self->extra_menu = g_menu_new ();
  g_menu_append_section (self->extra_menu, NULL, G_MENU_MODEL (selection));
  g_menu_append_section (self->extra_menu, NULL, G_MENU_MODEL (segmentation));
  g_menu_append_section (self->extra_menu, NULL, G_MENU_MODEL (view));
  gtk_text_view_set_extra_menu (self->text_view, G_MENU_MODEL (self->extra_menu));
}

static void
ce_reader_view_init (CeReaderView *self)
{
  GtkTextBuffer *buffer;
  GtkGesture *context;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->copies_panel, "open-document",
                           G_CALLBACK (_ce_reader_view_request_document), self, G_CONNECT_SWAPPED);
  /* The panel's switch is where the marks are turned on and off */
  g_object_bind_property (self, "mark-changes", self->copies_panel, "mark-changes",
                          G_BINDING_BIDIRECTIONAL);

  self->zoom = 1.0;
  self->current_hit = -1;
  self->topics = g_ptr_array_new_with_free_func (g_object_unref);
  self->topic_tags = g_ptr_array_new ();
  self->segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  self->hits = g_array_new (FALSE, FALSE, sizeof (Span));
  self->mentions = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  self->history = g_array_new (FALSE, FALSE, sizeof (gint64));

  buffer = gtk_text_view_get_buffer (self->text_view);
  self->body_tag = gtk_text_buffer_create_tag (buffer, "body", NULL);
  self->heading_tag = gtk_text_buffer_create_tag (buffer, "heading",
                                                  "weight", PANGO_WEIGHT_BOLD,
                                                  "pixels-above-lines", 10,
                                                  NULL);
  self->hit_tag = gtk_text_buffer_create_tag (buffer, CE_READER_HIT_TAG, NULL);
  self->current_tag = gtk_text_buffer_create_tag (buffer, "current-hit", NULL);
  self->show_quoted = TRUE;
  self->mark_changes = TRUE;
  _ce_reader_view_create_mail_tags (self);
  _ce_reader_view_create_diff_tags (self);
  _ce_reader_view_apply_zoom (self);
  _ce_reader_view_update_tag_colors (self);

  g_signal_connect_object (buffer, "notify::has-selection", G_CALLBACK (on_buffer_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "mark-set", G_CALLBACK (on_mark_set_cb), self, G_CONNECT_SWAPPED);

  context = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (context), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (context), GTK_PHASE_CAPTURE);
  g_signal_connect_object (context, "pressed", G_CALLBACK (on_context_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (context));

  g_signal_connect_object (self->strip, "mark-activated", G_CALLBACK (_ce_reader_view_on_strip_mark_activated_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->strip, "position-activated", G_CALLBACK (_ce_reader_view_on_strip_position_activated_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);

  /* Shown while the first document is read, instead of saying there
   * is none */
  gtk_stack_add_named (self->stack, gtk_box_new (GTK_ORIENTATION_VERTICAL, 0), "blank");

  build_extra_menu (self);
  add_shortcuts (self);
  _ce_reader_view_update_actions (self);
  _ce_reader_view_update_history_actions (self);
  _ce_reader_view_update_hits_ui (self);
}

GtkWidget *
ce_reader_view_new (void)
{
  return g_object_new (CE_TYPE_READER_VIEW, NULL);
}

/**
 * ce_reader_view_get_document:
 *
 * Returns: (transfer none) (nullable): the document shown
 */
CeDocument *
ce_reader_view_get_document (CeReaderView *self)
{
  g_return_val_if_fail (CE_IS_READER_VIEW (self), NULL);
  return self->document;
}

/* Shows @document, read with its body, without its highlights, which
 * the caller sets next */
void
_ce_reader_view_show (CeReaderView *self,
                      CeDocument   *document,
                      guint         index,
                      guint         n_documents,
                      gboolean      push_history)
{
  g_autofree char *meta = NULL;
  GtkAdjustment *vadjustment;
  const char *title;
  gboolean same;

  same = document != NULL && self->document != NULL &&
         ce_document_get_id (document) == ce_document_get_id (self->document);
  if (!same)
    _ce_reader_view_cancel_scroll (self);

  g_set_object (&self->document, document);
  self->index = index;
  self->n_documents = n_documents;

  if (document == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->meta_label, "");
      ce_copies_panel_set_document_id (self->copies_panel, 0);
      _ce_reader_view_fill_buffer (self, NULL);
      _ce_reader_view_set_highlights (self, NULL, NULL);
      self->has_previous = FALSE;
      _ce_reader_view_set_thread (self, 0, 0);
      _ce_reader_view_update_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
      return;
    }

  title = ce_document_get_title (document);
  if (title == NULL || *title == 0)
    title = _("Untitled Document");

  meta = _ce_reader_view_build_metadata (document, index, n_documents);

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->meta_label, meta);
  ce_copies_panel_set_document_id (self->copies_panel, ce_document_get_id (document));
  _ce_reader_view_fill_buffer (self, ce_document_get_body (document));
  /* The same document shown again keeps the hit it was on */
  if (!same)
    _ce_reader_view_set_highlights (self, NULL, NULL);

  /* The same document shown again (after a change) keeps its place */
  vadjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  if (!same)
    gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_lower (vadjustment));

  if (push_history)
    _ce_reader_view_push_history (self, ce_document_get_id (document));
  _ce_reader_view_update_actions (self);

  gtk_stack_set_visible_child_name (self->stack, "document");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/**
 * ce_reader_view_set_document:
 * @document: (nullable): a document loaded with its body, or %NULL for
 *   the "Select a Document" state
 * @index: its position in the list
 * @n_documents: how many documents the list holds (0 to leave out
 *   "n of N", and when @document is not in the list)
 *
 * Shows @document at once; its highlights follow from a worker.  A
 * document being read with ce_reader_view_load() is no longer shown.
 */
void
ce_reader_view_set_document (CeReaderView *self,
                             CeDocument   *document,
                             guint         index,
                             guint         n_documents)
{
  g_return_if_fail (CE_IS_READER_VIEW (self));
  g_return_if_fail (!document || CE_IS_DOCUMENT (document));

  _ce_reader_view_cancel_load (self);
  _ce_reader_view_show (self, document, index, n_documents, TRUE);
  if (document != NULL)
    _ce_reader_view_refresh (self);
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");
}

double
ce_reader_view_get_zoom (CeReaderView *self)
{
  g_return_val_if_fail (CE_IS_READER_VIEW (self), 1.0);
  return self->zoom;
}

/**
 * ce_reader_view_set_zoom:
 * @zoom: text scale, 1.0 for the normal size
 */
void
ce_reader_view_set_zoom (CeReaderView *self,
                         double        zoom)
{
  g_return_if_fail (CE_IS_READER_VIEW (self));

  zoom = CLAMP (zoom, CE_READER_ZOOM_MIN, CE_READER_ZOOM_MAX);
  if (G_APPROX_VALUE (zoom, self->zoom, 0.001))
    return;

  self->zoom = zoom;
  _ce_reader_view_apply_zoom (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/**
 * ce_reader_view_get_buffer:
 *
 * Returns: (transfer none): the body text as shown
 */
GtkTextBuffer *
ce_reader_view_get_buffer (CeReaderView *self)
{
  g_return_val_if_fail (CE_IS_READER_VIEW (self), NULL);
  return gtk_text_view_get_buffer (self->text_view);
}

const char *
ce_reader_view_get_title (CeReaderView *self)
{
  g_return_val_if_fail (CE_IS_READER_VIEW (self), NULL);
  return gtk_label_get_text (self->title_label);
}

const char *
ce_reader_view_get_metadata (CeReaderView *self)
{
  g_return_val_if_fail (CE_IS_READER_VIEW (self), NULL);
  return gtk_label_get_text (self->meta_label);
}

/* Another corpus: history and undo belong to the one they were made in */
static void
on_session_path_cb (CeReaderView *self)
{
  g_array_set_size (self->history, 0);
  self->history_index = 0;
  _ce_reader_view_dismiss_undo_toast (self);
  g_clear_pointer (&self->undo, ce_correction_undo_free);

  if (self->document != NULL)
    _ce_reader_view_push_history (self, ce_document_get_id (self->document));

  _ce_reader_view_rebuild_topics_menu (self);
  _ce_reader_view_refresh (self);
  _ce_reader_view_update_actions (self);
  _ce_reader_view_update_history_actions (self);
}

static void
on_session_query_cb (CeReaderView *self)
{
  ce_reader_view_set_query (self, ce_session_get_query (self->session));
}

/* The enabled topics are highlighted; the menu offers every topic */
static void
on_session_topics_cb (CeReaderView *self)
{
  g_autoptr(GPtrArray) enabled = ce_session_dup_enabled_topics (self->session);

  ce_reader_view_set_topics (self, enabled);
}

/**
 * ce_reader_view_set_session:
 * @session: (nullable): the session whose search and topics to
 *   highlight, and where topics are added to
 */
void
ce_reader_view_set_session (CeReaderView *self,
                            CeSession    *session)
{
  static const CeSessionWatch watch = {
    .path_changed = G_CALLBACK (on_session_path_cb),
    .query_changed = G_CALLBACK (on_session_query_cb),
    /* Changed documents, or what counts, are highlighted again */
    .corpus_changed = G_CALLBACK (on_topic_changed_cb),
    .topics_changed = G_CALLBACK (on_session_topics_cb),
  };

  g_return_if_fail (CE_IS_READER_VIEW (self));
  g_return_if_fail (session == NULL || CE_IS_SESSION (session));

  if (!ce_session_watch (&self->session, session, self, &watch))
    return;
  ce_copies_panel_set_session (self->copies_panel, session);

  if (session == NULL)
    return;

  on_session_query_cb (self);
  on_session_topics_cb (self);
}

/**
 * ce_reader_view_get_query:
 *
 * Returns: (transfer none) (nullable): the search highlighted
 */
CeQuery *
ce_reader_view_get_query (CeReaderView *self)
{
  g_return_val_if_fail (CE_IS_READER_VIEW (self), NULL);
  return self->query;
}

/**
 * ce_reader_view_set_query:
 * @query: (nullable): the search whose matches are highlighted and
 *   stepped through with F3
 */
void
ce_reader_view_set_query (CeReaderView *self,
                          CeQuery      *query)
{
  g_return_if_fail (CE_IS_READER_VIEW (self));

  if (query == self->query)
    return;

  if (query != NULL)
    ce_query_ref (query);
  g_clear_pointer (&self->query, ce_query_unref);
  self->query = query;

  _ce_reader_view_refresh (self);
}

/**
 * ce_reader_view_set_topics:
 * @topics: (element-type CeTopic) (nullable): the topics whose mentions
 *   are highlighted, each in its colour: the enabled ones
 *
 * Edits to these topics (terms, colour) show at once.
 */
void
ce_reader_view_set_topics (CeReaderView *self,
                           GPtrArray    *topics)
{
  GtkTextBuffer *buffer;
  GtkTextTagTable *table;

  g_return_if_fail (CE_IS_READER_VIEW (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  table = gtk_text_buffer_get_tag_table (buffer);

  for (guint i = 0; i < self->topics->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->topics, i), self);
  for (guint i = 0; i < self->topic_tags->len; i++)
    gtk_text_tag_table_remove (table, g_ptr_array_index (self->topic_tags, i));
  g_ptr_array_set_size (self->topic_tags, 0);
  g_ptr_array_set_size (self->mentions, 0);
  g_ptr_array_set_size (self->topics, 0);

  for (guint i = 0; topics != NULL && i < topics->len; i++)
    {
      CeTopic *topic = g_ptr_array_index (topics, i);
      g_autofree char *name = NULL;
      GtkTextTag *tag;

      g_return_if_fail (CE_IS_TOPIC (topic));

      name = g_strdup_printf (CE_READER_TOPIC_TAG_PREFIX "%" G_GINT64_FORMAT, ce_topic_get_id (topic));
      if (gtk_text_tag_table_lookup (table, name) != NULL)
        continue;

      tag = gtk_text_buffer_create_tag (buffer, name, NULL);
      g_ptr_array_add (self->topic_tags, tag);
      g_ptr_array_add (self->topics, g_object_ref (topic));

      g_signal_connect_object (topic, "notify::terms", G_CALLBACK (on_topic_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (topic, "notify::color", G_CALLBACK (on_topic_changed_cb), self, G_CONNECT_SWAPPED);
    }

  /* Search hits show above topic highlights, the current one above all */
  gtk_text_tag_set_priority (self->hit_tag, gtk_text_tag_table_get_size (table) - 1);
  gtk_text_tag_set_priority (self->current_tag, gtk_text_tag_table_get_size (table) - 1);

  _ce_reader_view_update_tag_colors (self);
  _ce_reader_view_rebuild_topics_menu (self);
  _ce_reader_view_refresh (self);
}
