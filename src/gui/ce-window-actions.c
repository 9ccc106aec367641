/* ce-window-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ce-window-private.h"

/* Steps of Ctrl+plus and Ctrl+minus */
#define ZOOM_STEP 1.1

void
_ce_window_update_actions (CeWindow *self)
{
  gboolean has_corpus = _ce_window_has_corpus (self);
  /* While another corpus opens, the one before is not shown */
  gboolean shown = has_corpus && self->open_task == NULL;
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  GtkWidget *visible = adw_leaflet_get_visible_child (self->leaflet);
  gboolean reading = has_corpus && folded && visible == GTK_WIDGET (self->reader);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", reading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-chart", has_corpus);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), reading);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), shown);
  gtk_widget_set_visible (GTK_WIDGET (self->filters_button), shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-filters", shown);
  /* Hidden from the menu where there is nothing quoted to count; the
   * choice is kept in the corpus, so a read-only one keeps its own */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.count-quoted",
                                 has_corpus && self->has_quoted &&
                                 !ce_session_is_read_only (self->session));
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CeWindow *self = (CeWindow *)widget;

  if (!_ce_window_has_corpus (self))
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "chart");
  ce_chart_view_export (self->chart_view);
}

/* A window that shows a corpus keeps it; other corpora get windows of
 * their own. */
CeWindow *
_ce_window_for_corpus (CeWindow *self)
{
  CeWindow *window;

  if (!_ce_window_has_corpus (self))
    return self;

  window = ce_window_new (CE_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

void
_ce_window_open_files (CeWindow  *self,
                       GFile    **files,
                       guint      n_files)
{
  g_autoptr(GPtrArray) others = g_ptr_array_new ();

  for (guint i = 0; i < n_files; i++)
    {
      if (_ce_file_is_corpus (files[i]))
        ce_window_open (_ce_window_for_corpus (self), files[i]);
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
    ce_window_open (_ce_window_for_corpus (self), file);
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

  if (!_ce_window_has_corpus (self))
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

  ce_window_open (_ce_window_for_corpus (self), file);
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

static void
toggle_filters_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  CeWindow *self = (CeWindow *)widget;

  adw_flap_set_reveal_flap (self->facets_flap, !adw_flap_get_reveal_flap (self->facets_flap));
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CeWindow *self = (CeWindow *)widget;
  const char *name = g_variant_get_string (param, NULL);

  g_assert (CE_IS_WINDOW (self));

  /* Only the pages of an open corpus, and only the ones that exist */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "corpus") != 0 ||
      adw_view_stack_get_child_by_name (self->view_stack, name) == NULL)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

void
_ce_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-chart", NULL, export_chart_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-chart", NULL);

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
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_property_action (widget_class, "win.count-quoted", "count-quoted");

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
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-page", "s", "documents");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-page", "s", "chart");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-page", "s", "contexts");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-page", "s", "analysis");
}
