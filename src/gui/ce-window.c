/* ce-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ce-window-private.h"

G_DEFINE_FINAL_TYPE (CeWindow, ce_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_COUNT_QUOTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_ce_window_show_error (CeWindow     *self,
                       const char   *heading,
                       const GError *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
_ce_window_has_corpus (CeWindow *self)
{
  return ce_session_is_open (self->session);
}

/* "1,040 documents", or "12 of 1,040 documents" for a search; nothing
 * until the list has counted them */
void
_ce_window_update_subtitle (CeWindow *self)
{
  CeDocumentListModel *model = ce_document_list_get_model (self->document_list);
  g_autofree char *subtitle = NULL;
  g_autofree char *number = NULL;
  gint64 total;
  guint shown;

  total = ce_document_list_model_get_total (model);
  if (!_ce_window_has_corpus (self) || total < 0)
    {
      adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
      return;
    }

  shown = g_list_model_get_n_items (G_LIST_MODEL (model));

  number = g_strdup_printf ("%'" G_GINT64_FORMAT, total);
  if (ce_document_list_model_get_query (model) != NULL)
    /* Translators: search results, "12 of 1,040 documents"; %s is the
     * number of documents, written as the locale writes it */
    subtitle = g_strdup_printf (ngettext ("%'u of %s document",
                                          "%'u of %s documents", (gulong)total),
                                shown, number);
  else
    /* Translators: %s is a number, written as the locale writes it */
    subtitle = g_strdup_printf (ngettext ("%s document", "%s documents", (gulong)total),
                                number);

  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
}

static void
update_recent (CeWindow *self)
{
  g_auto(GStrv) paths = g_settings_get_strv (self->settings, "recent-corpora");
  g_autoptr(GMenu) items = g_menu_new ();
  GtkWidget *child;
  guint n_rows = 0;

  g_menu_remove_all (self->recent_menu);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (guint i = 0; paths[i] != NULL && i < _CE_RECENT_MAX; i++)
    {
      g_autofree char *base = g_path_get_basename (paths[i]);
      g_autofree char *dir = g_path_get_dirname (paths[i]);
      g_autofree char *where = _ce_path_for_display (dir);
      g_autoptr(GMenuItem) item = NULL;
      GtkWidget *row;

      if (g_str_has_suffix (base, CE_CORPUS_SUFFIX) && strlen (base) > strlen (CE_CORPUS_SUFFIX))
        base[strlen (base) - strlen (CE_CORPUS_SUFFIX)] = 0;

      item = g_menu_item_new (base, NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent", g_variant_new_string (paths[i]));
      g_menu_append_item (items, item);

      /* The empty state lists the most recent few */
      if (n_rows < 5)
        {
          row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), base);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_widget_set_tooltip_text (row, paths[i]);
          g_object_set_data_full (G_OBJECT (row), "path", g_strdup (paths[i]), g_free);
          gtk_list_box_append (self->recent_list, row);
          n_rows++;
        }
    }

  if (g_menu_model_get_n_items (G_MENU_MODEL (items)) > 0)
    {
      g_autoptr(GMenu) clear = g_menu_new ();

      g_menu_append (clear, _("_Clear List"), "win.clear-recent");
      g_menu_append_section (self->recent_menu, NULL, G_MENU_MODEL (items));
      g_menu_append_section (self->recent_menu, NULL, G_MENU_MODEL (clear));
    }
  else
    {
      /* An item whose action is disabled reads as "nothing here" */
      g_menu_append (self->recent_menu, _("No Recent Corpora"), "win.recent-none");
    }

  gtk_widget_set_visible (self->recent_box, n_rows > 0);
}

/* Reads the document @id in the reader, at its place in the list; a
 * document the list leaves out is read without a place in it */
static void
reader_load (CeWindow *self,
             gint64    id)
{
  CeDocumentListModel *model = ce_document_list_get_model (self->document_list);
  guint position = ce_document_list_model_find (model, id);

  if (position != GTK_INVALID_LIST_POSITION)
    ce_reader_view_load (self->reader, id, position, g_list_model_get_n_items (G_LIST_MODEL (model)));
  else
    ce_reader_view_load (self->reader, id, 0, 0);
}

static void
show_document (CeWindow   *self,
               CeDocument *summary)
{
  if (summary == NULL || !_ce_window_has_corpus (self))
    {
      ce_reader_view_set_document (self->reader, NULL, 0, 0);
      return;
    }

  /* List rows hold no body; the reader loads the whole document */
  reader_load (self, ce_document_get_id (summary));
}

/* Chart ------------------------------------------------------------------- */

/* The search, shared by every page -------------------------------------- */

/* The list's query, the search with its filters, is the session's: the
 * chart, the reader and the contexts follow it */
static void
on_query_changed_cb (CeWindow *self)
{
  CeDocumentListModel *model = ce_document_list_get_model (self->document_list);

  ce_session_set_query (self->session, ce_document_list_model_get_query (model));
  gtk_revealer_set_reveal_child (self->chart_filter_revealer, FALSE);
}

/* The enabled topics of the session are the list's count columns */
static void
on_session_topics_cb (CeWindow *self)
{
  g_autoptr(GPtrArray) enabled = ce_session_dup_enabled_topics (self->session);

  ce_document_list_set_topics (self->document_list, enabled);
}

static void
update_pages (CeWindow *self)
{
  gtk_revealer_set_reveal_child (self->chart_filter_revealer, FALSE);
  on_session_topics_cb (self);
  on_query_changed_cb (self);
}

static gboolean
reveal_switcher_bar_cb (gpointer user_data)
{
  CeWindow *self = user_data;

  self->switcher_source = 0;
  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    adw_view_switcher_title_get_title_visible (self->switcher_title));

  return G_SOURCE_REMOVE;
}

/* With the chart a second page, a narrow window shows the page switcher
 * at the bottom.  The title changes while the header is being
 * allocated: reveal the bar before the next frame, not in this one. */
static void
on_title_visible_cb (CeWindow             *self,
                     GParamSpec           *pspec,
                     AdwViewSwitcherTitle *title)
{
  if (self->switcher_source == 0)
    self->switcher_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, reveal_switcher_bar_cb, self, NULL);
}

/* Whether the corpus has quoted mail text and counts it, read in a
 * worker when it opens and after it changed */
static gpointer
read_quoted_func (CeCorpus      *corpus,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  guint flags = 1;

  if (ce_corpus_has_quoted_text (corpus))
    flags |= 2;
  if (ce_corpus_get_count_quoted (corpus))
    flags |= 4;

  return GUINT_TO_POINTER (flags);
}

static void
read_quoted_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CeWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  guint flags;
  gboolean count_quoted;

  flags = GPOINTER_TO_UINT (ce_session_run_finish (CE_SESSION (object), result, &error));
  if (flags == 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the corpus's settings: %s", error->message);
      return;
    }

  g_clear_object (&self->quoted_cancellable);
  count_quoted = (flags & 4) != 0;
  self->has_quoted = (flags & 2) != 0;
  _ce_window_update_actions (self);

  if (self->count_quoted != count_quoted)
    {
      self->count_quoted = count_quoted;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT_QUOTED]);
    }
}

static void
read_quoted (CeWindow *self)
{
  if (self->quoted_cancellable != NULL)
    g_cancellable_cancel (self->quoted_cancellable);
  g_clear_object (&self->quoted_cancellable);

  if (!_ce_window_has_corpus (self))
    return;

  self->quoted_cancellable = g_cancellable_new ();
  ce_session_run_in_thread (self->session, read_quoted_func, NULL, NULL, NULL,
                            self->quoted_cancellable, read_quoted_cb, g_object_ref (self));
}

/* Shows the session's corpus, just opened (or none): its rows and the
 * count in the subtitle come from the list's workers, and the first row
 * is read once it is listed */
void
_ce_window_show_corpus (CeWindow *self)
{
  CeDocumentListModel *model = ce_document_list_get_model (self->document_list);
  gboolean had_quoted = self->count_quoted;
  g_autofree char *name = NULL;

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  ce_reader_view_clear (self->reader);

  self->has_quoted = FALSE;
  self->count_quoted = FALSE;
  ce_document_list_model_reset (model);

  if (_ce_window_has_corpus (self))
    {
      name = ce_session_dup_name (self->session);
      gtk_window_set_title (GTK_WINDOW (self), name);
      gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
      gtk_stack_set_visible_child_name (self->main_stack, "corpus");
      adw_leaflet_set_visible_child_name (self->leaflet, "list");

      /* Start reading at once; arrows then move through the list */
      self->select_first = TRUE;
      ce_document_list_focus (self->document_list);
    }
  else
    {
      self->select_first = FALSE;
      gtk_window_set_title (GTK_WINDOW (self), _("Corpus Explorer"));
      gtk_search_bar_set_key_capture_widget (self->search_bar, NULL);
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
    }

  read_quoted (self);
  update_pages (self);
  _ce_window_update_subtitle (self);
  _ce_window_update_actions (self);
  if (had_quoted)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT_QUOTED]);
}

static void
on_recent_row_activated_cb (CeWindow      *self,
                            GtkListBoxRow *row,
                            GtkListBox    *list)
{
  const char *path = g_object_get_data (G_OBJECT (row), "path");
  g_autoptr(GFile) file = NULL;

  if (path == NULL)
    return;

  file = g_file_new_for_path (path);
  ce_window_open (_ce_window_for_corpus (self), file);
}

static gboolean
apply_compact_cb (gpointer user_data)
{
  CeWindow *self = user_data;

  self->compact_source = 0;
  ce_document_list_set_compact (self->document_list, adw_leaflet_get_folded (self->leaflet));

  return G_SOURCE_REMOVE;
}

static void
on_leaflet_folded_cb (CeWindow   *self,
                      GParamSpec *pspec,
                      AdwLeaflet *leaflet)
{
  /* The leaflet folds while it is being allocated; columns change
   * before the next frame instead of in the middle of this one. */
  if (self->compact_source == 0)
    self->compact_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_compact_cb, self, NULL);

  _ce_window_update_actions (self);
}

static void
on_document_selected_cb (CeWindow       *self,
                         CeDocument     *document,
                         CeDocumentList *list)
{
  show_document (self, document);
}

static void
on_document_activated_cb (CeWindow       *self,
                          CeDocument     *document,
                          CeDocumentList *list)
{
  CeDocument *shown = ce_reader_view_get_document (self->reader);

  if (shown == NULL || ce_document_get_id (shown) != ce_document_get_id (document))
    show_document (self, document);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "reader");
}

static void
on_model_items_changed_cb (CeWindow   *self,
                           guint       position,
                           guint       removed,
                           guint       added,
                           GListModel *model)
{
  CeDocument *shown = ce_reader_view_get_document (self->reader);
  GtkSelectionModel *selection = ce_document_list_get_selection (self->document_list);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);

  _ce_window_update_subtitle (self);

  /* The rows of a corpus just opened arrive: read the first */
  if (self->select_first && g_list_model_get_n_items (model) > 0)
    {
      self->select_first = FALSE;
      if (gtk_bitset_is_empty (selected))
        ce_document_list_select (self->document_list, 0);
      return;
    }

  if (shown == NULL || !gtk_bitset_is_empty (selected))
    return;

  /* A new result set keeps the document being read selected, or lets
   * it go when the document is no longer listed. */
  position = ce_document_list_model_find (CE_DOCUMENT_LIST_MODEL (model), ce_document_get_id (shown));
  if (position != GTK_INVALID_LIST_POSITION)
    ce_document_list_select (self->document_list, position);
  else
    ce_reader_view_set_document (self->reader, NULL, 0, 0);
}

/* A corpus just opened turned out to have no documents to read */
static void
on_model_loading_cb (CeWindow            *self,
                     GParamSpec          *pspec,
                     CeDocumentListModel *model)
{
  if (self->select_first && !ce_document_list_model_is_loading (model) &&
      g_list_model_get_n_items (G_LIST_MODEL (model)) == 0)
    {
      self->select_first = FALSE;
      ce_reader_view_set_document (self->reader, NULL, 0, 0);
    }
}

static void
on_settings_changed_cb (CeWindow   *self,
                        const char *key,
                        GSettings  *settings)
{
  if (g_str_equal (key, "recent-corpora"))
    update_recent (self);
}

static gboolean
on_drop_cb (CeWindow      *self,
            const GValue  *value,
            double         x,
            double         y,
            GtkDropTarget *target)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  GSList *list;

  gtk_widget_remove_css_class (GTK_WIDGET (self->toast_overlay), "drop-highlight");

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  list = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  g_slist_free (list);

  if (files->len == 0)
    return FALSE;

  _ce_window_open_files (self, (GFile **)files->pdata, files->len);
  return TRUE;
}

static GdkDragAction
on_drop_enter_cb (CeWindow      *self,
                  double         x,
                  double         y,
                  GtkDropTarget *target)
{
  gtk_widget_add_css_class (GTK_WIDGET (self->toast_overlay), "drop-highlight");
  return GDK_ACTION_COPY;
}

static void
on_drop_leave_cb (CeWindow      *self,
                  GtkDropTarget *target)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->toast_overlay), "drop-highlight");
}

/* Pages beside the documents: topics with the chart, and contexts */

static void
on_show_contexts_cb (CeWindow      *self,
                     CeTopic       *topic,
                     CeTopicsPanel *panel)
{
  ce_contexts_view_show_topic (self->contexts_view, topic);
  adw_view_stack_set_visible_child_name (self->view_stack, "contexts");
}

static void
on_context_activated_cb (CeWindow       *self,
                         gint64          doc_id,
                         guint           start,
                         guint           end,
                         CeContextsView *view)
{
  ce_window_show_document (self, doc_id);

  /* The line's match, selected and in view once the document is read */
  ce_reader_view_show_range_of (self->reader, doc_id, start, end);
}

static void
setup_pages (CeWindow *self)
{
  /* Every page follows the session: its corpus, query and topics */
  ce_document_list_model_set_session (ce_document_list_get_model (self->document_list), self->session);
  ce_reader_view_set_session (self->reader, self->session);
  ce_topics_panel_set_session (self->topics_panel, self->session);
  ce_chart_view_set_session (self->chart_view, self->session);
  ce_contexts_view_set_session (self->contexts_view, self->session);
  ce_analysis_view_set_session (self->analysis_view, self->session);
  ce_grouping_bar_set_session (self->grouping_bar, self->session);
  ce_read_only_banner_set_session (self->read_only_banner, self->session);

  g_signal_connect_object (ce_document_list_get_model (self->document_list), "query-changed",
                           G_CALLBACK (on_query_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ce_session_get_topics (self->session), "items-changed",
                           G_CALLBACK (on_session_topics_cb), self, G_CONNECT_SWAPPED);
  /* Splits, merges and imports through the session show up at once */
  g_signal_connect_object (self->session, "corpus-changed",
                           G_CALLBACK (ce_window_reload), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->topics_panel, "show-contexts",
                           G_CALLBACK (on_show_contexts_cb), self, G_CONNECT_SWAPPED);
}

/* The reader: highlights of the search and of the enabled topics,
 * moving through the list and the history, and what its selection
 * actions ask of the window. */

static void
reader_show_id (CeWindow *self,
                gint64    id)
{
  CeDocumentListModel *model = ce_document_list_get_model (self->document_list);
  guint position;

  if (!_ce_window_has_corpus (self))
    return;

  /* Selecting the row reads the document */
  position = ce_document_list_model_find (model, id);
  if (position != GTK_INVALID_LIST_POSITION && position != ce_document_list_get_selected (self->document_list))
    ce_document_list_select (self->document_list, position);
  else
    reader_load (self, id);
}

static void
on_reader_document_requested_cb (CeWindow     *self,
                                 gint64        id,
                                 CeReaderView *reader)
{
  reader_show_id (self, id);
}

static void
on_reader_move_requested_cb (CeWindow     *self,
                             int           offset,
                             CeReaderView *reader)
{
  CeDocumentListModel *model = ce_document_list_get_model (self->document_list);
  CeDocument *shown = ce_reader_view_get_document (reader);
  guint position;
  gint64 target;

  if (shown == NULL)
    return;

  position = ce_document_list_model_find (model, ce_document_get_id (shown));
  if (position == GTK_INVALID_LIST_POSITION ||
      (offset < 0 && position == 0) ||
      position + offset >= g_list_model_get_n_items (G_LIST_MODEL (model)))
    return;

  target = ce_document_list_model_get_id (model, position + offset);
  reader_show_id (self, target);
}

static void
on_reader_search_requested_cb (CeWindow     *self,
                               const char   *text,
                               CeReaderView *reader)
{
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
}

static void
setup_reader (CeWindow *self)
{
  g_signal_connect_object (self->reader, "document-requested", G_CALLBACK (on_reader_document_requested_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "move-requested", G_CALLBACK (on_reader_move_requested_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "search-requested", G_CALLBACK (on_reader_search_requested_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
ce_window_constructed (GObject *object)
{
  CeWindow *self = (CeWindow *)object;

  G_OBJECT_CLASS (ce_window_parent_class)->constructed (object);

  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

static void
ce_window_dispose (GObject *object)
{
  CeWindow *self = (CeWindow *)object;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  g_clear_handle_id (&self->compact_source, g_source_remove);
  g_clear_handle_id (&self->switcher_source, g_source_remove);
  _ce_window_cancel_open (self);
  if (self->quoted_cancellable != NULL)
    g_cancellable_cancel (self->quoted_cancellable);
  g_clear_object (&self->quoted_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CE_TYPE_WINDOW);

  g_clear_pointer (&self->shown_ids, g_array_unref);
  g_clear_pointer (&self->shown_label, g_free);
  ce_session_unwatch (&self->session, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ce_window_parent_class)->dispose (object);
}

static void
ce_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CeWindow *self = CE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_COUNT_QUOTED:
      g_value_set_boolean (value, self->count_quoted);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gpointer
set_count_quoted_func (CeCorpus      *corpus,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  return ce_corpus_set_count_quoted (corpus, GPOINTER_TO_INT (data), error) ? corpus : NULL;
}

/* "Count Quoted Text": stored in the corpus by the session's writer; the
 * views count, search and highlight again on the session's
 * corpus-changed */
static void
set_count_quoted (CeWindow *self,
                  gboolean  count)
{
  g_autoptr(GError) error = NULL;

  if (!_ce_window_has_corpus (self) || !count == !self->count_quoted)
    return;

  if (ce_session_write (self->session, set_count_quoted_func, GINT_TO_POINTER (!!count), NULL, &error) == NULL)
    {
      _ce_window_show_error (self, _("Could Not Change the Setting"), error);
      return;
    }

  self->count_quoted = !!count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT_QUOTED]);
}

static void
ce_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CeWindow *self = CE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_COUNT_QUOTED:
      set_count_quoted (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ce_window_class_init (CeWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ce_window_constructed;
  object_class->dispose = ce_window_dispose;
  object_class->get_property = ce_window_get_property;
  object_class->set_property = ce_window_set_property;

  /* Whether quoted mail text and signatures count (the corpus setting) */
  properties[PROP_COUNT_QUOTED] =
    g_param_spec_boolean ("count-quoted", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, APPLICATION_PATH "/ce-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CeWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, opening_page);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, recent_box);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, document_list);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, reader);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, topics_panel);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, contexts_view);
  gtk_widget_class_bind_template_callback (widget_class, on_context_activated_cb);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, analysis_view);
  _ce_window_bind_page_callbacks (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, on_title_visible_cb);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, chart_view);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, chart_filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, chart_filter_label);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, filters_button);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, facets_flap);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, facets_pane);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, query_help_button);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, search_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, search_error_label);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, grouping_bar);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, read_only_banner);
  _ce_window_class_search_init (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_document_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_document_activated_cb);

  _ce_window_class_actions_init (widget_class);

  g_type_ensure (CE_TYPE_DOCUMENT_LIST);
  g_type_ensure (CE_TYPE_READER_VIEW);
  g_type_ensure (CE_TYPE_TOPICS_PANEL);
  g_type_ensure (CE_TYPE_CONTEXTS_VIEW);
  g_type_ensure (CE_TYPE_ANALYSIS_VIEW);
  g_type_ensure (CE_TYPE_CHART_VIEW);
  g_type_ensure (CE_TYPE_FACETS_PANE);
  g_type_ensure (CE_TYPE_GROUPING_BAR);
  g_type_ensure (CE_TYPE_READ_ONLY_BANNER);
}

static void
ce_window_init (CeWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  self->session = ce_session_new ();

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (_ce_window_on_search_mode_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (ce_document_list_get_model (self->document_list), "items-changed",
                           G_CALLBACK (on_model_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ce_document_list_get_model (self->document_list), "notify::loading",
                           G_CALLBACK (on_model_loading_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ce_document_list_get_model (self->document_list), "notify::total",
                           G_CALLBACK (_ce_window_update_subtitle), self, G_CONNECT_SWAPPED);

  g_settings_bind (self->settings, "reader-zoom", self->reader, "zoom", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "reader-mark-changes", self->reader, "mark-changes",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drop, "enter", G_CALLBACK (on_drop_enter_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drop, "leave", G_CALLBACK (on_drop_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.recent-none", FALSE);

  setup_pages (self);

  setup_reader (self);
  _ce_window_setup_search (self);
  update_recent (self);
  _ce_window_update_actions (self);
  ce_document_list_set_compact (self->document_list, adw_leaflet_get_folded (self->leaflet));
}

CeWindow *
ce_window_new (CeApplication *app)
{
  g_return_val_if_fail (!app || CE_IS_APPLICATION (app), NULL);

  return g_object_new (CE_TYPE_WINDOW,
                       "application", app,
                       NULL);
}

/**
 * ce_window_get_session:
 *
 * Returns: (transfer none): the session every page of the window follows
 */
CeSession *
ce_window_get_session (CeWindow *self)
{
  g_return_val_if_fail (CE_IS_WINDOW (self), NULL);
  return self->session;
}

/**
 * ce_window_reload:
 *
 * Lists the documents again, after another connection (an import in a
 * worker thread) changed the corpus.
 */
void
ce_window_reload (CeWindow *self)
{
  CeDocumentListModel *model;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CE_IS_WINDOW (self));

  if (!_ce_window_has_corpus (self))
    return;

  model = ce_document_list_get_model (self->document_list);
  if (!ce_document_list_model_reload (model, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));

  _ce_window_update_subtitle (self);
  /* An import may have brought the first quoted text */
  read_quoted (self);
}

/**
 * ce_window_show_document:
 * @id: a document of the corpus shown
 *
 * Shows the document in the reader on the Documents page, selected in
 * the list when the list holds it.
 */
void
ce_window_show_document (CeWindow *self,
                         gint64    id)
{
  CeDocument *shown;

  g_return_if_fail (CE_IS_WINDOW (self));

  if (!_ce_window_has_corpus (self))
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "documents");

  shown = ce_reader_view_get_document (self->reader);
  if (shown == NULL || ce_document_get_id (shown) != id)
    reader_show_id (self, id);
  else
    {
      CeDocumentListModel *model = ce_document_list_get_model (self->document_list);
      guint position = ce_document_list_model_find (model, id);

      if (position != GTK_INVALID_LIST_POSITION)
        ce_document_list_select (self->document_list, position);
    }

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "reader");
}
