/* ce-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ce-contexts-view.h"
#include "ce-chart-view.h"
#include "ce-document-list.h"
#include "ce-facets-pane.h"
#include "ce-import-dialog.h"
#include "ce-importer.h"
#include "ce-gui-private.h"
#include "ce-query.h"
#include "ce-reader-view.h"
#include "ce-topics-panel.h"
#include "ce-topic.h"
#include "ce-window.h"

/* Steps of Ctrl+plus and Ctrl+minus */
#define ZOOM_STEP 1.1

struct _CeWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwHeaderBar         *header_bar;
  GtkButton            *back_button;
  GtkButton            *import_button;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkMenuButton        *menu_button;
  GtkToggleButton      *search_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *empty_page;
  GtkWidget            *recent_box;
  GtkListBox           *recent_list;
  AdwViewStack         *view_stack;
  AdwLeaflet           *leaflet;
  CeDocumentList       *document_list;
  CeReaderView         *reader;
  GMenu                *recent_menu;
  CeTopicsPanel        *topics_panel;
  CeContextsView       *contexts_view;
  CeChartView          *chart_view;
  GtkRevealer          *chart_filter_revealer;
  GtkLabel             *chart_filter_label;
  GtkToggleButton      *filters_button;
  AdwFlap              *facets_flap;
  CeFacetsPane         *facets_pane;
  GtkMenuButton        *query_help_button;
  GtkRevealer          *search_error_revealer;
  GtkLabel             *search_error_label;

  /* Owned references */
  GSettings            *settings;
  CeCorpus             *corpus;
  GtkFileChooserNative *chooser;
  guint                 compact_source;
  guint                 switcher_source;
};

G_DEFINE_FINAL_TYPE (CeWindow, ce_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CORPUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_error (CeWindow     *self,
            const char   *heading,
            const GError *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_subtitle (CeWindow *self)
{
  CeDocumentListModel *model = ce_document_list_get_model (self->document_list);
  g_autofree char *subtitle = NULL;
  gint64 total;
  guint shown;

  if (self->corpus == NULL)
    {
      adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
      return;
    }

  total = ce_corpus_count_documents (self->corpus);
  shown = g_list_model_get_n_items (G_LIST_MODEL (model));

  if (ce_document_list_model_get_query (model) != NULL)
    /* Translators: search results, "12 of 1,040 documents" */
    subtitle = g_strdup_printf (ngettext ("%'u of %'" G_GINT64_FORMAT " document",
                                          "%'u of %'" G_GINT64_FORMAT " documents", total),
                                shown, total);
  else
    subtitle = g_strdup_printf (ngettext ("%'" G_GINT64_FORMAT " document",
                                          "%'" G_GINT64_FORMAT " documents", total),
                                total);

  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
}

static void
update_actions (CeWindow *self)
{
  gboolean has_corpus = self->corpus != NULL;
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  GtkWidget *visible = adw_leaflet_get_visible_child (self->leaflet);
  gboolean reading = has_corpus && folded && visible == GTK_WIDGET (self->reader);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", has_corpus);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", reading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-chart", has_corpus);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), reading);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), has_corpus);
  gtk_widget_set_visible (GTK_WIDGET (self->filters_button), has_corpus);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-filters", has_corpus);
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

/* The whole document @id, for the reader; a toast tells why not */
static CeDocument *
load_document (CeWindow *self,
               gint64    id)
{
  g_autoptr(GError) error = NULL;
  CeDocument *document = ce_corpus_get_document (self->corpus, id, &error);

  if (document == NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));

  return document;
}

/* Shows @document at @position of the list; a document the list leaves
 * out is read without a place in it */
static void
reader_set_document (CeWindow   *self,
                     CeDocument *document,
                     guint       position)
{
  CeDocumentListModel *model = ce_document_list_get_model (self->document_list);

  if (position != GTK_INVALID_LIST_POSITION)
    ce_reader_view_set_document (self->reader, document, position,
                                 g_list_model_get_n_items (G_LIST_MODEL (model)));
  else
    ce_reader_view_set_document (self->reader, document, 0, 0);
}

static void
show_document (CeWindow   *self,
               CeDocument *summary)
{
  g_autoptr(CeDocument) document = NULL;
  CeDocumentListModel *model = ce_document_list_get_model (self->document_list);
  guint position;

  if (summary == NULL || self->corpus == NULL)
    {
      ce_reader_view_set_document (self->reader, NULL, 0, 0);
      return;
    }

  /* List rows hold no body; the reader loads the whole document */
  document = load_document (self, ce_document_get_id (summary));
  if (document == NULL)
    {
      ce_reader_view_set_document (self->reader, NULL, 0, 0);
      return;
    }

  position = ce_document_list_model_find (model, ce_document_get_id (document));
  ce_reader_view_set_document (self->reader, document, position,
                               g_list_model_get_n_items (G_LIST_MODEL (model)));
}

/* Chart ------------------------------------------------------------------- */

/* Topics and the search, shared by every page ----------------------------- */

/* The enabled topics, in the panel's order, are the chart's series, the
 * reader's highlights and the topics the contexts offer */
static void
update_topics (CeWindow *self)
{
  g_autoptr(GPtrArray) enabled = ce_topics_panel_get_enabled_topics (self->topics_panel);

  ce_chart_view_set_topics (self->chart_view, enabled);
  ce_document_list_set_topics (self->document_list, enabled);
  ce_reader_view_set_topics (self->reader, enabled);
  ce_contexts_view_reload_topics (self->contexts_view);
}

/* The list's query, the search with its filters, restricts the chart
 * and the contexts and is what the reader highlights */
static void
update_query (CeWindow *self)
{
  CeDocumentListModel *model = ce_document_list_get_model (self->document_list);
  CeQuery *query = ce_document_list_model_get_query (model);

  ce_chart_view_set_query (self->chart_view, query);
  ce_reader_view_set_query (self->reader, query);
  ce_contexts_view_set_query (self->contexts_view, query);
  gtk_revealer_set_reveal_child (self->chart_filter_revealer, FALSE);
}

static void
update_pages (CeWindow *self)
{
  gtk_revealer_set_reveal_child (self->chart_filter_revealer, FALSE);
  ce_chart_view_set_corpus (self->chart_view, self->corpus);
  ce_reader_view_set_corpus (self->reader, self->corpus);
  ce_contexts_view_set_corpus (self->contexts_view, self->corpus);
  ce_topics_panel_set_corpus (self->topics_panel, self->corpus);
  update_topics (self);
  update_query (self);
}

static void
on_chart_show_documents_cb (CeWindow    *self,
                            GArray      *ids,
                            CeTopic     *topic,
                            const char  *category_label,
                            CeChartView *view)
{
  CeDocumentListModel *model = ce_document_list_get_model (self->document_list);
  g_autofree char *text = NULL;

  ce_document_list_model_set_ids (model, ids);

  if (topic != NULL)
    /* Translators: "Showing the 12 documents counted for China · 2024-05" */
    text = g_strdup_printf (ngettext ("Showing the %u document counted for %s · %s",
                                      "Showing the %u documents counted for %s · %s", ids->len),
                            ids->len, ce_topic_get_name (topic), category_label);
  else
    /* Translators: "Showing the 12 documents counted for 2024-05" */
    text = g_strdup_printf (ngettext ("Showing the %u document counted for %s",
                                      "Showing the %u documents counted for %s", ids->len),
                            ids->len, category_label);

  gtk_label_set_text (self->chart_filter_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->chart_filter_label), text);
  gtk_revealer_set_reveal_child (self->chart_filter_revealer, TRUE);

  adw_view_stack_set_visible_child_name (self->view_stack, "documents");
  if (ids->len > 0)
    ce_document_list_select (self->document_list, 0);
  ce_document_list_focus (self->document_list);
  update_subtitle (self);
}

static void
on_chart_filter_clear_cb (CeWindow  *self,
                          GtkButton *button)
{
  g_autoptr(GError) error = NULL;

  gtk_revealer_set_reveal_child (self->chart_filter_revealer, FALSE);
  if (!ce_document_list_model_reload (ce_document_list_get_model (self->document_list), &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  update_subtitle (self);
}

static void
on_chart_add_topic_cb (CeWindow    *self,
                       CeChartView *view)
{
  ce_topics_panel_add_topic (self->topics_panel);
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CeWindow *self = (CeWindow *)widget;

  if (self->corpus == NULL)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "chart");
  ce_chart_view_export (self->chart_view);
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

static void
set_corpus (CeWindow *self,
            CeCorpus *corpus)
{
  CeDocumentListModel *model = ce_document_list_get_model (self->document_list);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (self->corpus == corpus)
    return;

  if (self->corpus != NULL)
    g_signal_handlers_disconnect_by_func (self->corpus, ce_window_reload, self);
  g_set_object (&self->corpus, corpus);
  /* Imports through this connection show up at once */
  if (corpus != NULL)
    g_signal_connect_object (corpus, "changed", G_CALLBACK (ce_window_reload), self, G_CONNECT_SWAPPED);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  ce_reader_view_set_document (self->reader, NULL, 0, 0);

  if (!ce_document_list_model_set_corpus (model, corpus, &error))
    show_error (self, _("Could Not List the Documents"), error);

  if (corpus != NULL)
    {
      name = ce_corpus_dup_name (corpus);
      gtk_window_set_title (GTK_WINDOW (self), name);
      gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
      gtk_stack_set_visible_child_name (self->main_stack, "corpus");
      adw_leaflet_set_visible_child_name (self->leaflet, "list");

      /* Start reading at once; arrows then move through the list */
      if (g_list_model_get_n_items (G_LIST_MODEL (model)) > 0)
        ce_document_list_select (self->document_list, 0);
      ce_document_list_focus (self->document_list);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Corpus Explorer"));
      gtk_search_bar_set_key_capture_widget (self->search_bar, NULL);
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
    }

  update_pages (self);
  update_subtitle (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CORPUS]);
}

/* A window that shows a corpus keeps it; other corpora get windows of
 * their own. */
static CeWindow *
window_for_corpus (CeWindow *self)
{
  CeWindow *window;

  if (self->corpus == NULL)
    return self;

  window = ce_window_new (CE_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
open_files (CeWindow  *self,
            GFile    **files,
            guint      n_files)
{
  g_autoptr(GPtrArray) others = g_ptr_array_new ();

  for (guint i = 0; i < n_files; i++)
    {
      if (_ce_file_is_corpus (files[i]))
        ce_window_open (window_for_corpus (self), files[i]);
      else
        g_ptr_array_add (others, files[i]);
    }

  if (others->len > 0)
    ce_window_offer_import (self, (GFile **)others->pdata, others->len);
}

static void
open_response_cb (CeWindow             *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  g_assert (CE_IS_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);

  if (file != NULL)
    ce_window_open (window_for_corpus (self), file);
}

static void
import_response_cb (CeWindow             *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) array = NULL;

  g_assert (CE_IS_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);

  if (files == NULL || g_list_model_get_n_items (files) == 0)
    return;

  array = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    g_ptr_array_add (array, g_list_model_get_item (files, i));

  {
    g_autoptr(GFile) parent = g_file_get_parent (g_ptr_array_index (array, 0));
    g_autofree char *folder = parent ? g_file_get_path (parent) : NULL;

    if (folder != NULL)
      g_settings_set_string (self->settings, "last-import-folder", folder);
  }

  ce_window_import_files (self, (GFile **)array->pdata, array->len);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CeWindow *self = (CeWindow *)widget;
  g_autoptr(GtkFileFilter) corpora = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  g_assert (CE_IS_WINDOW (self));

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Open Corpus"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  gtk_file_filter_set_name (corpora, _("Corpora"));
  gtk_file_filter_add_pattern (corpora, "*" CE_CORPUS_SUFFIX);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), corpora);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);

  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (open_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CeWindow *self = (CeWindow *)widget;
  g_autofree char *folder = NULL;

  g_assert (CE_IS_WINDOW (self));

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Import Files"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Import"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);

  folder = g_settings_get_string (self->settings, "last-import-folder");
  if (folder != NULL && *folder != 0 && g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) dir = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), dir, NULL);
    }

  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (import_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CeWindow *self = (CeWindow *)widget;

  g_assert (CE_IS_WINDOW (self));

  if (self->corpus == NULL)
    return;

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CeWindow *self = (CeWindow *)widget;

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  ce_document_list_focus (self->document_list);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  CeWindow *self = (CeWindow *)widget;
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (param, NULL));

  ce_window_open (window_for_corpus (self), file);
}

static void
clear_recent_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CeWindow *self = (CeWindow *)widget;

  g_settings_reset (self->settings, "recent-corpora");
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CeWindow *self = (CeWindow *)widget;
  double zoom = ce_reader_view_get_zoom (self->reader);

  if (g_str_equal (action_name, "win.zoom-in"))
    zoom *= ZOOM_STEP;
  else if (g_str_equal (action_name, "win.zoom-out"))
    zoom /= ZOOM_STEP;
  else
    zoom = 1.0;

  ce_reader_view_set_zoom (self->reader, zoom);
}

/* Search and filters */

/* Shows a query's syntax error under the entry and underlines where it
 * is; the rows of the last valid query stay listed. */
static void
show_search_error (CeWindow     *self,
                   const GError *error)
{
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (self->search_entry));
  g_autoptr(PangoAttrList) attrs = NULL;
  g_autofree char *message = NULL;
  const char *typed;
  const char *start;
  const char *end;
  guint column;

  if (error == NULL)
    {
      gtk_revealer_set_reveal_child (self->search_error_revealer, FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->search_entry), NULL);
      if (GTK_IS_TEXT (text))
        gtk_text_set_attributes (GTK_TEXT (text), NULL);
      return;
    }

  /* "unclosed quote at column 12" reads as a sentence */
  message = g_strdup (error->message);
  message[0] = g_ascii_toupper (message[0]);
  gtk_label_set_label (self->search_error_label, message);
  gtk_revealer_set_reveal_child (self->search_error_revealer, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->search_entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->search_entry), message);

  /* Columns count from the first character that is not a space */
  typed = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  column = ce_query_error_get_column (error);
  if (!GTK_IS_TEXT (text) || column == 0 || *typed == 0)
    return;

  start = typed;
  while (*start != 0 && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  for (guint i = 1; i < column && *start != 0; i++)
    start = g_utf8_next_char (start);
  if (*start == 0)
    start = g_utf8_find_prev_char (typed, start);
  end = g_utf8_next_char (start);
  while (*end != 0 && !g_unichar_isspace (g_utf8_get_char (end)))
    end = g_utf8_next_char (end);

  attrs = pango_attr_list_new ();
  {
    PangoAttribute *underline = pango_attr_underline_new (PANGO_UNDERLINE_ERROR);

    underline->start_index = start - typed;
    underline->end_index = end - typed;
    pango_attr_list_insert (attrs, underline);
  }
  gtk_text_set_attributes (GTK_TEXT (text), attrs);
}

static void
on_search_changed_cb (CeWindow       *self,
                      GtkSearchEntry *entry)
{
  CeDocumentListModel *model = ce_document_list_get_model (self->document_list);
  g_autoptr(GError) error = NULL;

  if (self->corpus == NULL)
    return;

  if (!ce_document_list_model_set_search (model, gtk_editable_get_text (GTK_EDITABLE (entry)), &error))
    {
      if (g_error_matches (error, CE_QUERY_ERROR, CE_QUERY_ERROR_SYNTAX) ||
          g_error_matches (error, CE_QUERY_ERROR, CE_QUERY_ERROR_TOO_COMPLEX))
        show_search_error (self, error);
      else
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  show_search_error (self, NULL);
  update_subtitle (self);
}

static void
toggle_filters_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  CeWindow *self = (CeWindow *)widget;

  adw_flap_set_reveal_flap (self->facets_flap, !adw_flap_get_reveal_flap (self->facets_flap));
}

static void
setup_search (CeWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkPopover *help;

  ce_facets_pane_set_model (self->facets_pane, ce_document_list_get_model (self->document_list));

  builder = gtk_builder_new_from_resource (APPLICATION_PATH "/ce-query-help.ui");
  help = GTK_POPOVER (gtk_builder_get_object (builder, "query_help_popover"));
  gtk_menu_button_set_popover (self->query_help_button, GTK_WIDGET (help));
}

static void
on_search_activate_cb (CeWindow       *self,
                       GtkSearchEntry *entry)
{
  CeDocumentListModel *model = ce_document_list_get_model (self->document_list);

  if (g_list_model_get_n_items (G_LIST_MODEL (model)) == 0)
    return;

  ce_document_list_select (self->document_list, 0);
  ce_document_list_focus (self->document_list);
}

static void
on_search_stop_cb (CeWindow       *self,
                   GtkSearchEntry *entry)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
on_search_mode_cb (CeWindow   *self,
                   GParamSpec *pspec,
                   GtkSearchBar *search_bar)
{
  /* Closing the bar brings back every document */
  if (!gtk_search_bar_get_search_mode (search_bar))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      if (self->corpus != NULL)
        ce_document_list_focus (self->document_list);
    }
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
  ce_window_open (window_for_corpus (self), file);
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

  update_actions (self);
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

  update_subtitle (self);

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

  open_files (self, (GFile **)files->pdata, files->len);
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
on_topics_changed_cb (CeWindow      *self,
                      CeTopicsPanel *panel)
{
  update_topics (self);
}

/* The reader added a term to a topic: the panel lists it again, and
 * tells the others */
static void
on_reader_topics_changed_cb (CeWindow     *self,
                             CeReaderView *reader)
{
  ce_topics_panel_reload (self->topics_panel);
}

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
  CeDocument *shown;

  ce_window_show_document (self, doc_id);

  /* The line's match, selected and in view */
  shown = ce_reader_view_get_document (self->reader);
  if (shown != NULL && ce_document_get_id (shown) == doc_id)
    ce_reader_view_show_range (self->reader, start, end);
}

static void
setup_pages (CeWindow *self)
{
  g_signal_connect_object (ce_document_list_get_model (self->document_list), "query-changed",
                           G_CALLBACK (update_query), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->topics_panel, "topics-changed",
                           G_CALLBACK (on_topics_changed_cb), self, G_CONNECT_SWAPPED);
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
  g_autoptr(CeDocument) document = NULL;
  CeDocumentListModel *model = ce_document_list_get_model (self->document_list);
  guint position;

  if (self->corpus == NULL)
    return;

  document = load_document (self, id);
  if (document == NULL)
    return;

  position = ce_document_list_model_find (model, id);
  if (position != GTK_INVALID_LIST_POSITION && position != ce_document_list_get_selected (self->document_list))
    ce_document_list_select (self->document_list, position);

  reader_set_document (self, document, position);
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
  g_signal_connect_object (self->reader, "topics-changed", G_CALLBACK (on_reader_topics_changed_cb),
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
  gtk_widget_dispose_template (GTK_WIDGET (self), CE_TYPE_WINDOW);

  g_clear_object (&self->corpus);
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
    case PROP_CORPUS:
      g_value_set_object (value, self->corpus);
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

  properties[PROP_CORPUS] =
    g_param_spec_object ("corpus", NULL, NULL, CE_TYPE_CORPUS,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
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
  gtk_widget_class_bind_template_callback (widget_class, on_title_visible_cb);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, chart_view);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, chart_filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, chart_filter_label);
  gtk_widget_class_bind_template_callback (widget_class, on_chart_show_documents_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_chart_filter_clear_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_chart_add_topic_cb);
  gtk_widget_class_install_action (widget_class, "win.export-chart", NULL, export_chart_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-chart", NULL);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, filters_button);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, facets_flap);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, facets_pane);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, query_help_button);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, search_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, CeWindow, search_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_document_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_document_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.clear-recent", NULL, clear_recent_action);
  gtk_widget_class_install_action (widget_class, "win.recent-none", NULL, NULL);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-filters", NULL, toggle_filters_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "win.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-filters", NULL);

  g_type_ensure (CE_TYPE_DOCUMENT_LIST);
  g_type_ensure (CE_TYPE_READER_VIEW);
  g_type_ensure (CE_TYPE_TOPICS_PANEL);
  g_type_ensure (CE_TYPE_CONTEXTS_VIEW);
  g_type_ensure (CE_TYPE_CHART_VIEW);
  g_type_ensure (CE_TYPE_FACETS_PANE);
}

static void
ce_window_init (CeWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (on_search_mode_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (ce_document_list_get_model (self->document_list), "items-changed",
                           G_CALLBACK (on_model_items_changed_cb), self, G_CONNECT_SWAPPED);

  g_settings_bind (self->settings, "reader-zoom", self->reader, "zoom", G_SETTINGS_BIND_DEFAULT);
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
  setup_search (self);
  update_recent (self);
  update_actions (self);
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
 * ce_window_get_corpus:
 *
 * Returns: (transfer none) (nullable): the corpus shown
 */
CeCorpus *
ce_window_get_corpus (CeWindow *self)
{
  g_return_val_if_fail (CE_IS_WINDOW (self), NULL);
  return self->corpus;
}

/**
 * ce_window_open_corpus:
 * @file: a `.corpus` file
 * @error: why it could not be opened; the message names the file
 *
 * Opens @file and shows its documents in this window, replacing the
 * corpus shown before.  On failure the window is left as it was.
 */
gboolean
ce_window_open_corpus (CeWindow  *self,
                       GFile     *file,
                       GError   **error)
{
  g_autoptr(CeCorpus) corpus = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (CE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a local file; copy it to this computer to open it"), uri);
      return FALSE;
    }

  corpus = ce_corpus_open (path, CE_CORPUS_OPEN_DEFAULT, error);
  if (corpus == NULL)
    return FALSE;

  set_corpus (self, corpus);
  _ce_recent_add (self->settings, path);

  return TRUE;
}

/**
 * ce_window_open:
 * @file: a `.corpus` file
 *
 * Like ce_window_open_corpus(), but tells the user when @file cannot be
 * opened, and forgets a recent corpus that no longer exists.
 */
void
ce_window_open (CeWindow *self,
                GFile    *file)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (ce_window_open_corpus (self, file, &error))
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        _ce_recent_remove (self->settings, path);
    }

  show_error (self, _("Could Not Open the Corpus"), error);
}

/**
 * ce_window_offer_import:
 *
 * Opens the import dialog for @files: the user sees how they will be
 * split, and confirms there.
 */
void
ce_window_offer_import (CeWindow  *self,
                        GFile    **files,
                        guint      n_files)
{
  ce_window_import_files (self, files, n_files);
}

static void
show_report_details (CeWindow       *self,
                     CeImportReport *report)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *summary = ce_import_report_summary (report);
  GtkWidget *dialog;
  const guint max_lines = 40;
  guint shown = 0;

  g_string_append_printf (body, "%s.", summary);

  if (report->skipped->len > 0)
    {
      g_string_append_printf (body, "\n\n%s", _("Skipped:"));
      for (guint i = 0; i < report->skipped->len && shown < max_lines; i++, shown++)
        g_string_append_printf (body, "\n• %s", (const char *)g_ptr_array_index (report->skipped, i));
    }

  if (report->warnings->len > 0)
    {
      g_string_append_printf (body, "\n\n%s", _("Problems found while reading:"));
      for (guint i = 0; i < report->warnings->len && shown < max_lines; i++, shown++)
        g_string_append_printf (body, "\n• %s", (const char *)g_ptr_array_index (report->warnings, i));
    }

  if (report->skipped->len + report->warnings->len > shown)
    g_string_append_printf (body, "\n\n%s",
                            _("The full list is printed by “corpus-explorer import” on the command line."));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Import Report"), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_report_details_cb (CeWindow *self,
                      AdwToast *toast)
{
  CeImportReport *report = g_object_get_data (G_OBJECT (toast), "report");

  if (report != NULL)
    show_report_details (self, report);
}

static void
on_imported_cb (CeWindow       *self,
                const char     *corpus_path,
                CeImportReport *report,
                const GError   *error,
                CeImportDialog *dialog)
{
  g_autoptr(GError) open_error = NULL;
  g_autofree char *summary = NULL;
  AdwToast *toast;

  g_assert (CE_IS_WINDOW (self));

  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay,
                                     adw_toast_new (_("Import cancelled; nothing was changed")));
      else
        show_error (self, _("Could Not Import"), error);
      return;
    }

  if (self->corpus != NULL && g_str_equal (ce_corpus_get_path (self->corpus), corpus_path))
    {
      ce_window_reload (self);
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_path (corpus_path);

      if (!ce_window_open_corpus (self, file, &open_error))
        {
          show_error (self, _("Could Not Open the Corpus"), open_error);
          return;
        }
    }

  summary = ce_import_report_summary (report);
  toast = adw_toast_new (summary);
  adw_toast_set_timeout (toast, 8);
  if (report->skipped->len > 0 || report->warnings->len > 0 || report->repairs > 0)
    {
      CeImportReport *copy = g_new0 (CeImportReport, 1);

      /* The toast keeps what its Details button shows */
      *copy = *report;
      copy->skipped = g_ptr_array_ref (report->skipped);
      copy->warnings = g_ptr_array_ref (report->warnings);
      g_object_set_data_full (G_OBJECT (toast), "report", copy,
                              (GDestroyNotify)ce_import_report_free);
      adw_toast_set_button_label (toast, _("_Details"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_report_details_cb),
                               self, G_CONNECT_SWAPPED);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * ce_window_import_files:
 *
 * Opens the import dialog for @files, into the corpus shown or, when
 * there is none, into a new corpus.  The window shows the result.
 *
 * Returns: (transfer none) (nullable): the dialog
 */
CeImportDialog *
ce_window_import_files (CeWindow  *self,
                        GFile    **files,
                        guint      n_files)
{
  CeImportDialog *dialog;

  g_return_val_if_fail (CE_IS_WINDOW (self), NULL);
  g_return_val_if_fail (files != NULL || n_files == 0, NULL);

  if (n_files == 0)
    return NULL;

  dialog = ce_import_dialog_new (GTK_WINDOW (self), files, n_files,
                                 self->corpus ? ce_corpus_get_path (self->corpus) : NULL);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
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

  if (self->corpus == NULL)
    return;

  model = ce_document_list_get_model (self->document_list);
  if (!ce_document_list_model_reload (model, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));

  update_subtitle (self);
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
  CeDocumentListModel *model;
  CeDocument *shown;
  guint position;

  g_return_if_fail (CE_IS_WINDOW (self));

  if (self->corpus == NULL)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "documents");

  model = ce_document_list_get_model (self->document_list);
  position = ce_document_list_model_find (model, id);
  if (position != GTK_INVALID_LIST_POSITION)
    ce_document_list_select (self->document_list, position);

  shown = ce_reader_view_get_document (self->reader);
  if (shown == NULL || ce_document_get_id (shown) != id)
    {
      g_autoptr(CeDocument) document = load_document (self, id);

      if (document == NULL)
        return;

      reader_set_document (self, document, position);
    }

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "reader");
}
