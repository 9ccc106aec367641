/* test-keyboard-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The whole job with the keyboard alone, as a user who cannot or will not
 * use a pointer does it: import the sample through the file chooser, search,
 * open a document, step through its hits, add a topic, show the chart,
 * change its grouping and export it as PNG.  Keys are real X key events
 * (ce-test-keys.c), so focus, mnemonics and shortcuts are what is tested.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ce-application.h"
#include "ce-chart-view.h"
#include "ce-chart-widget.h"
#include "ce-document-list.h"
#include "ce-document-list-model.h"
#include "ce-export-dialog.h"
#include "ce-import-dialog.h"
#include "ce-reader-view.h"
#include "ce-topic-editor.h"
#include "ce-topics-panel.h"
#include "ce-window.h"
#include "ce-test-keys.h"
#include "ce-test-ui.h"

static CeApplication *app;
static char *tmp_dir;

/* The visible toplevel of @type other than @except, if there is one */
static GtkWindow *
find_window (GType      type,
             GtkWindow *except)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (window != except && G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_mapped (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

typedef struct
{
  GType type;
  GtkWindow *except;
  GtkWindow *found;
} WindowWait;

static gboolean
window_shown (gpointer data)
{
  WindowWait *wait = data;

  wait->found = find_window (wait->type, wait->except);
  return wait->found != NULL;
}

static GtkWindow *
wait_for_window (GType      type,
                 GtkWindow *except)
{
  WindowWait wait = { type, except, NULL };

  g_assert_true (ce_test_ui_wait_until (window_shown, &wait, 20));
  g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (wait.found), 2));
  return wait.found;
}

static gboolean
window_gone (gpointer data)
{
  WindowWait *wait = data;

  return find_window (wait->type, wait->except) == NULL;
}

static void
wait_for_window_gone (GType      type,
                      GtkWindow *except)
{
  WindowWait wait = { type, except, NULL };

  g_assert_true (ce_test_ui_wait_until (window_gone, &wait, 60));
}

static gboolean
widget_sensitive (gpointer data)
{
  return gtk_widget_is_sensitive (data);
}

typedef struct
{
  CeWindow *window;
  guint n_documents;
} ListWait;

static gboolean
list_has (gpointer data)
{
  ListWait *wait = data;
  CeDocumentList *list = ce_test_ui_window_child (wait->window, "document_list");
  GListModel *model = G_LIST_MODEL (ce_document_list_get_model (list));
  GtkStack *main_stack = ce_test_ui_window_child (wait->window, "main_stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (main_stack), "corpus") == 0 &&
         g_list_model_get_n_items (model) == wait->n_documents &&
         !ce_document_list_model_is_loading (CE_DOCUMENT_LIST_MODEL (model));
}

typedef struct
{
  CeReaderView *reader;
  int           hit;
} HitWait;

static gboolean
hit_is (gpointer data)
{
  HitWait *wait = data;

  return ce_reader_view_get_current_hit (wait->reader) == wait->hit;
}

typedef struct
{
  GtkDropDown *drop_down;
  guint        before;
} SelectedWait;

static gboolean
selected_moved (gpointer data)
{
  SelectedWait *wait = data;

  return gtk_drop_down_get_selected (wait->drop_down) != wait->before;
}

static gboolean
list_narrowed (gpointer data)
{
  ListWait *wait = data;
  CeDocumentList *list = ce_test_ui_window_child (wait->window, "document_list");
  GListModel *model = G_LIST_MODEL (ce_document_list_get_model (list));
  guint n = g_list_model_get_n_items (model);

  return n > 0 && n < wait->n_documents &&
         !ce_document_list_model_is_loading (CE_DOCUMENT_LIST_MODEL (model));
}

static gboolean
reader_has_hits (gpointer data)
{
  CeReaderView *reader = data;

  return ce_reader_view_get_document (reader) != NULL && ce_reader_view_get_n_hits (reader) > 1;
}

static gboolean
has_topic (gpointer data)
{
  g_autoptr(GPtrArray) topics = ce_topics_panel_get_topics (data);

  for (guint i = 0; topics != NULL && i < topics->len; i++)
    if (g_strcmp0 (ce_topic_get_name (g_ptr_array_index (topics, i)), "Ferries") == 0)
      return TRUE;

  return FALSE;
}

static gboolean
counted (gpointer data)
{
  return !ce_chart_view_is_counting (data) && ce_chart_view_get_table (data) != NULL;
}

static gboolean
file_written (gpointer data)
{
  GStatBuf st;

  return g_stat (data, &st) == 0 && st.st_size > 1000;
}

static void
assert_focus_visible (GtkWindow *window)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  g_assert_nonnull (focus);
  g_assert_true (gtk_window_get_focus_visible (window));
}

static void
test_keyboard_only (void)
{
  g_autofree char *sample = ce_test_sample_path ("sample.jsonl");
  g_autofree char *png = g_build_filename (tmp_dir, "ferries-by-month.png", NULL);
  CeWindow *window;
  GtkWindow *dialog;
  CeDocumentList *list;
  CeReaderView *reader;
  CeChartView *chart_view;
  GtkDropDown *grouping;
  AdwViewStack *pages;
  ListWait wait;
  guint grouping_before;
  int hit_before;

  if (!ce_test_keys_available ())
    {
      g_test_skip ("key presses need an X11 display with XTEST");
      return;
    }

  window = ce_test_ui_new_window (app, 1400, 900);
  list = ce_test_ui_window_child (window, "document_list");
  reader = ce_test_ui_window_child (window, "reader");
  chart_view = ce_test_ui_window_child (window, "chart_view");
  pages = ce_test_ui_window_child (window, "view_stack");
  grouping = ce_test_ui_child (chart_view, CE_TYPE_CHART_VIEW, "grouping_dropdown");
  ce_test_keys_focus (GTK_WINDOW (window));

  /* Import: Ctrl+I, the file's path typed into the chooser's location,
   * then the import sheet's Import by its mnemonic */
  ce_test_keys_press (GTK_WINDOW (window), "<Control>i");
  dialog = wait_for_window (GTK_TYPE_FILE_CHOOSER_DIALOG, GTK_WINDOW (window));
  ce_test_keys_press (dialog, "<Control>l");
  ce_test_keys_type (dialog, sample);
  g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (dialog), 2));
  ce_test_keys_press (dialog, "Return");
  wait_for_window_gone (GTK_TYPE_FILE_CHOOSER_DIALOG, GTK_WINDOW (window));

  dialog = wait_for_window (CE_TYPE_IMPORT_DIALOG, GTK_WINDOW (window));
  g_assert_true (ce_test_ui_wait_until (widget_sensitive,
                                        ce_test_ui_child (dialog, CE_TYPE_IMPORT_DIALOG, "import_button"),
                                        30));
  ce_test_keys_press (dialog, "<Alt>i");
  wait_for_window_gone (CE_TYPE_IMPORT_DIALOG, GTK_WINDOW (window));

  wait.window = window;
  wait.n_documents = 52;
  g_assert_true (ce_test_ui_wait_until (list_has, &wait, 60));

  /* Search: Ctrl+F, type, Enter opens the first result (which has four
   * hits of "storm") */
  ce_test_keys_press (GTK_WINDOW (window), "<Control>f");
  ce_test_keys_type (GTK_WINDOW (window), "storm");
  g_assert_true (ce_test_ui_wait_until (list_narrowed, &wait, 20));
  ce_test_keys_press (GTK_WINDOW (window), "Return");
  g_assert_cmpuint (ce_document_list_get_selected (list), ==, 0);
  g_assert_true (ce_test_ui_wait_until (reader_has_hits, reader, 20));
  assert_focus_visible (GTK_WINDOW (window));

  /* Step through the hits: F3 forward, Shift+F3 back */
  hit_before = ce_reader_view_get_current_hit (reader);
  ce_test_keys_press (GTK_WINDOW (window), "F3");
  g_assert_true (ce_test_ui_wait_until (hit_is, &(HitWait) { reader, hit_before + 1 }, 10));
  g_assert_cmpint (ce_reader_view_get_current_hit (reader), ==, hit_before + 1);
  ce_test_keys_press (GTK_WINDOW (window), "F3");
  g_assert_true (ce_test_ui_wait_until (hit_is, &(HitWait) { reader, hit_before + 2 }, 10));
  g_assert_cmpint (ce_reader_view_get_current_hit (reader), ==, hit_before + 2);
  ce_test_keys_press (GTK_WINDOW (window), "<Shift>F3");
  g_assert_true (ce_test_ui_wait_until (hit_is, &(HitWait) { reader, hit_before + 1 }, 10));
  g_assert_cmpint (ce_reader_view_get_current_hit (reader), ==, hit_before + 1);

  /* Alt+2 shows the chart; Alt+A adds a topic in the editor: its name,
   * Enter to the terms, Ctrl+Enter saves */
  ce_test_keys_press (GTK_WINDOW (window), "<Alt>2");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (pages), ==, "chart");
  ce_test_keys_press (GTK_WINDOW (window), "<Alt>a");
  dialog = wait_for_window (CE_TYPE_TOPIC_EDITOR, GTK_WINDOW (window));
  ce_test_keys_type (dialog, "Ferries\n");
  ce_test_keys_type (dialog, "ferry, ferries");
  g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (dialog), 2));
  ce_test_ui_screenshot (GTK_WIDGET (dialog), "keyboard-topic-editor.png");
  ce_test_keys_press (dialog, "<Control>Return");
  wait_for_window_gone (CE_TYPE_TOPIC_EDITOR, GTK_WINDOW (window));
  g_assert_true (ce_test_ui_wait_until (has_topic, ce_test_ui_window_child (window, "topics_panel"), 20));
  g_assert_true (ce_test_ui_wait_until (counted, chart_view, 30));

  /* Grouping: Alt+B focuses the drop-down, Space opens it, Down and
   * Enter pick the next grouping */
  grouping_before = gtk_drop_down_get_selected (grouping);
  ce_test_keys_press (GTK_WINDOW (window), "<Alt>b");
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (grouping)) ||
                 gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)),
                                         GTK_WIDGET (grouping)));
  assert_focus_visible (GTK_WINDOW (window));
  ce_test_keys_press (GTK_WINDOW (window), "space");
  g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (window), 2));
  ce_test_keys_press (GTK_WINDOW (window), "Down");
  ce_test_keys_press (GTK_WINDOW (window), "Return");
  g_assert_true (ce_test_ui_wait_until (selected_moved, &(SelectedWait) { grouping, grouping_before }, 10));
  g_assert_cmpuint (gtk_drop_down_get_selected (grouping), !=, grouping_before);
  g_assert_true (ce_test_ui_wait_until (counted, chart_view, 30));
  ce_test_ui_screenshot (GTK_WIDGET (window), "keyboard-chart.png");

  /* A screen reader hears what is plotted and the largest value */
  {
    CeChartWidget *chart = CE_CHART_WIDGET (ce_chart_view_get_chart_widget (chart_view));
    const char *description = ce_chart_widget_get_description (chart);

    g_assert_nonnull (description);
    g_assert_true (g_str_has_prefix (description, "Bar chart: Ferries. Mentions by "));
    g_assert_nonnull (strstr (description, "Largest: Ferries in "));
  }

  /* Export: Ctrl+E, Save… by its mnemonic, a path typed as the name */
  ce_test_keys_press (GTK_WINDOW (window), "<Control>e");
  dialog = wait_for_window (CE_TYPE_EXPORT_DIALOG, GTK_WINDOW (window));
  ce_test_keys_press (dialog, "<Alt>s");
  {
    GtkWindow *chooser = wait_for_window (GTK_TYPE_FILE_CHOOSER_DIALOG, GTK_WINDOW (window));

    ce_test_keys_press (chooser, "<Control>a");
    ce_test_keys_type (chooser, png);
    ce_test_keys_press (chooser, "Return");
  }
  g_assert_true (ce_test_ui_wait_until (file_written, png, 30));
  {
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
    g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  ce_test_ui_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  tmp_dir = ce_test_ui_init_data_home ();
  if (!ce_test_ui_init (&argc, &argv))
    return g_test_run ();
  app = ce_test_ui_new_application ();

  g_test_add_func ("/corpus-explorer/keyboard-ui/whole-job", test_keyboard_only);

  ret = g_test_run ();

  g_clear_object (&app);
  ce_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
