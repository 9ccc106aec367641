/* test-topics-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ce-application.h"
#include "ce-contexts-view.h"
#include "ce-counter.h"
#include "ce-entities.h"
#include "ce-reader-view.h"
#include "ce-search.h"
#include "ce-stopwords.h"
#include "ce-topic-editor.h"
#include "ce-topics-panel.h"
#include "ce-window.h"
#include "ce-test-ui.h"

static CeApplication *app;
static char *tmp_dir;

/* The sample corpus, imported as the application imports it */
static char *
import_sample (const char *name)
{
  g_autofree char *jsonl = ce_test_sample_path ("sample.jsonl");
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(CeImportReport) report = ce_test_import_file (path, jsonl);

  g_assert_cmpuint (report->documents_added, ==, 52);

  return path;
}

/* Light, then dark */
static void
save_screenshots (GtkWidget  *widget,
                  const char *name)
{
  g_autofree char *light = g_strdup_printf ("%s-light.png", name);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", name);

  g_assert_true (ce_test_ui_wait_drawn ());
  ce_test_ui_screenshot (widget, light);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (ce_test_ui_wait_drawn ());
  ce_test_ui_screenshot (widget, dark);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  g_assert_true (ce_test_ui_wait_drawn ());
}

static CeWindow *
open_sample (const char *name)
{
  g_autofree char *path = import_sample (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CeWindow *window = ce_test_ui_new_window (app, 1280, 820);

  g_assert_true (ce_test_ui_open_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (ce_test_ui_settle (window));

  return window;
}

static CeCorpus *
own_connection (CeWindow *window)
{
  return ce_test_ui_open_corpus (window);
}

static guint64
count_terms (CeCorpus           *corpus,
             const char * const *terms,
             guint              *documents)
{
  g_autoptr(CeTopic) topic = ce_topic_new ("Check", NULL, terms);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) counts = NULL;

  ce_test_store_begin ();
  counts = ce_counter_count_documents (corpus, topic, NULL, &error);
  ce_test_store_end ();
  g_assert_no_error (error);
  if (documents != NULL)
    *documents = counts->len;
  return ce_counter_total (counts);
}

static GPtrArray *
stored_topics (CeWindow *window)
{
  g_autoptr(CeCorpus) corpus = own_connection (window);
  g_autoptr(GError) error = NULL;
  GPtrArray *topics;

  ce_test_store_begin ();
  topics = ce_topics_list (corpus, &error);
  ce_test_store_end ();
  g_assert_no_error (error);
  return topics;
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row; row = gtk_widget_get_next_sibling (row))
    n += GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_visible (row);

  return n;
}

static gboolean
has_five_suggestions (gpointer data)
{
  return ce_topics_panel_get_n_suggestions (data) == 5;
}

typedef struct
{
  CeTopicsPanel *panel;
  CeTopic       *topic;
} TotalWait;

static gboolean
total_known (gpointer data)
{
  TotalWait *wait = data;

  return ce_topics_panel_get_total (wait->panel, wait->topic, NULL, NULL);
}

static gboolean
preview_ready (gpointer data)
{
  return ce_topic_editor_get_preview (data, NULL, NULL);
}

static gboolean
window_gone (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if ((gpointer)toplevel == data)
        return FALSE;
    }

  return TRUE;
}

static void
on_changed_cb (CeTopicsPanel *panel,
               guint         *n_changes)
{
  (*n_changes)++;
}

static void
on_toast_cb (CeTopicsPanel  *panel,
             AdwToast       *toast,
             AdwToast      **out)
{
  g_set_object (out, toast);
}

static CeTopic *
panel_topic (CeTopicsPanel *panel,
             guint          index)
{
  g_autoptr(GPtrArray) topics = ce_topics_panel_get_topics (panel);

  g_assert_cmpuint (index, <, topics->len);
  return g_object_ref (g_ptr_array_index (topics, index));
}

static void
test_topics (void)
{
  CeWindow *window = open_sample ("topics.corpus");
  AdwViewStack *stack = ce_test_ui_child (window, CE_TYPE_WINDOW, "view_stack");
  CeTopicsPanel *panel = ce_test_ui_child (window, CE_TYPE_WINDOW, "topics_panel");
  GtkListBox *suggestions_list = ce_test_ui_child (panel, CE_TYPE_TOPICS_PANEL, "suggestions_list");
  GtkListBox *topics_list = ce_test_ui_child (panel, CE_TYPE_TOPICS_PANEL, "topics_list");
  g_autoptr(CeCorpus) corpus = own_connection (window);
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GHashTable) stopwords = NULL;
  g_autoptr(GPtrArray) enabled = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(CeTopic) suggested = NULL;
  g_autoptr(CeTopic) trade = NULL;
  g_autoptr(AdwToast) toast = NULL;
  g_autoptr(GError) error = NULL;
  const char * const trade_terms[] = { "tariff*", "\"Lisbon accord\"", "steel", NULL };
  CeTopicEditor *editor;
  CeEntity *first;
  guint n_changes = 0;
  guint64 mentions = 0;
  guint documents = 0;
  guint expected_documents = 0;
  guint64 expected_mentions;

  g_signal_connect (panel, "topics-changed", G_CALLBACK (on_changed_cb), &n_changes);
  g_signal_connect (panel, "toast", G_CALLBACK (on_toast_cb), &toast);

  /* Names are looked for only once the panel is shown */
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (panel)));
  g_assert_false (gtk_widget_get_visible (ce_test_ui_child (panel, CE_TYPE_TOPICS_PANEL, "suggestions_group")));

  adw_view_stack_set_visible_child_name (stack, "chart");
  g_assert_true (ce_topics_panel_get_session (panel) == ce_window_get_session (window));

  /* A corpus without topics is offered the names it mentions most */
  g_assert_true (ce_test_ui_wait_until (has_five_suggestions, panel, 30));
  g_assert_cmpuint (n_rows (suggestions_list), ==, 5);
  g_assert_cmpuint (n_rows (topics_list), ==, 0);
  stopwords = ce_stopwords_load (NULL, &error);
  g_assert_no_error (error);
  CE_TEST_STORE (expected = ce_entities_suggest_full (corpus, 5, stopwords, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (expected->len, ==, 5);
  first = g_ptr_array_index (expected, 0);
  {
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (suggestions_list, 0);
    g_autofree char *subtitle = g_strdup_printf ("%u mentions", first->count);

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, first->name);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, subtitle);
  }
  save_screenshots (GTK_WIDGET (window), "topics-suggestions");

  /* One click makes a topic of it, in the first colour */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "topics.add-suggestion", "s", first->name));
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpuint (ce_topics_panel_get_n_suggestions (panel), ==, 4);
  g_assert_cmpuint (n_rows (suggestions_list), ==, 4);
  g_assert_cmpuint (n_rows (topics_list), ==, 1);
  suggested = panel_topic (panel, 0);
  g_assert_cmpstr (ce_topic_get_name (suggested), ==, first->name);
  g_assert_cmpstr (ce_topic_get_color (suggested), ==, ce_topic_palette_get (0));
  g_assert_true (g_strv_equal (ce_topic_get_terms (suggested), (const char * const *)first->terms));

  /* Its mentions are counted in the background, as the counter counts */
  {
    TotalWait wait = { panel, suggested };

    g_assert_true (ce_test_ui_wait_until (total_known, &wait, 30));
    g_assert_true (ce_topics_panel_get_total (panel, suggested, &mentions, &documents));
    g_assert_cmpuint (mentions, ==, count_terms (corpus, ce_topic_get_terms (suggested), &expected_documents));
    g_assert_cmpuint (documents, ==, expected_documents);
    g_assert_cmpuint (mentions, >, 0);
  }

  /* A new topic: the preview counts what is typed */
  editor = ce_topics_panel_add_topic (panel);
  g_assert_nonnull (editor);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (window));
  g_assert_false (gtk_widget_get_sensitive (ce_test_ui_child (editor, CE_TYPE_TOPIC_EDITOR, "save_button")));

  gtk_editable_set_text (ce_test_ui_child (editor, CE_TYPE_TOPIC_EDITOR, "name_row"), "Trade");
  ce_topic_editor_set_terms (editor, "tariff*\n\"Lisbon accord\", steel");
  g_assert_true (ce_test_ui_wait_until (preview_ready, editor, 30));
  g_assert_true (ce_topic_editor_get_preview (editor, &mentions, &documents));
  expected_mentions = count_terms (corpus, trade_terms, &expected_documents);
  g_assert_cmpuint (mentions, ==, expected_mentions);
  g_assert_cmpuint (documents, ==, expected_documents);
  g_assert_cmpuint (mentions, >, 10);
  g_assert_cmpuint (n_rows (ce_test_ui_child (editor, CE_TYPE_TOPIC_EDITOR, "examples_list")), ==, 3);
  {
    GtkLabel *label = ce_test_ui_child (editor, CE_TYPE_TOPIC_EDITOR, "preview_label");
    g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT " mentions", expected_mentions);

    g_assert_nonnull (strstr (gtk_label_get_text (label), number));
  }
  g_assert_true (gtk_widget_get_sensitive (ce_test_ui_child (editor, CE_TYPE_TOPIC_EDITOR, "save_button")));
  save_screenshots (GTK_WIDGET (editor), "topic-editor");

  /* A bad term is named, and stops Save */
  ce_topic_editor_set_terms (editor, "tariffs, \"storm surge");
  ce_test_ui_iterate ();
  {
    GtkLabel *label = ce_test_ui_child (editor, CE_TYPE_TOPIC_EDITOR, "preview_label");

    g_assert_nonnull (strstr (gtk_label_get_text (label), "storm surge"));
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "error"));
  }
  g_assert_false (gtk_widget_get_sensitive (ce_test_ui_child (editor, CE_TYPE_TOPIC_EDITOR, "save_button")));
  g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (editor), 2));
  ce_test_ui_screenshot (GTK_WIDGET (editor), "topic-editor-bad-term.png");

  /* Names are unique regardless of case */
  {
    g_autofree char *shouted = g_utf8_strup (first->name, -1);
    GtkWidget *name_error = ce_test_ui_child (editor, CE_TYPE_TOPIC_EDITOR, "name_error");

    ce_topic_editor_set_terms (editor, "tariff*\n\"Lisbon accord\", steel");
    gtk_editable_set_text (ce_test_ui_child (editor, CE_TYPE_TOPIC_EDITOR, "name_row"), shouted);
    ce_test_ui_iterate ();
    g_assert_true (gtk_widget_get_visible (name_error));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (name_error)), "already exists"));
    g_assert_false (gtk_widget_get_sensitive (ce_test_ui_child (editor, CE_TYPE_TOPIC_EDITOR, "save_button")));

    gtk_editable_set_text (ce_test_ui_child (editor, CE_TYPE_TOPIC_EDITOR, "name_row"), "Trade");
    ce_test_ui_iterate ();
    g_assert_false (gtk_widget_get_visible (name_error));
  }

  g_assert_true (ce_test_ui_wait_until (preview_ready, editor, 30));
  gtk_widget_activate (ce_test_ui_child (editor, CE_TYPE_TOPIC_EDITOR, "save_button"));
  g_assert_true (ce_test_ui_wait_until (window_gone, editor, 5));
  g_assert_cmpuint (n_changes, ==, 2);

  /* Stored after the first, in the next colour */
  stored = stored_topics (window);
  g_assert_cmpuint (stored->len, ==, 2);
  g_assert_cmpstr (ce_topic_get_name (g_ptr_array_index (stored, 1)), ==, "Trade");
  g_assert_cmpstr (ce_topic_get_color (g_ptr_array_index (stored, 1)), ==, ce_topic_palette_get (1));
  g_assert_true (g_strv_equal (ce_topic_get_terms (g_ptr_array_index (stored, 1)), trade_terms));
  g_clear_pointer (&stored, g_ptr_array_unref);
  trade = panel_topic (panel, 1);
  g_assert_cmpstr (ce_topic_get_name (trade), ==, "Trade");
  {
    TotalWait wait = { panel, trade };

    g_assert_true (ce_test_ui_wait_until (total_known, &wait, 30));
    g_assert_true (ce_topics_panel_get_total (panel, trade, &mentions, NULL));
    g_assert_cmpuint (mentions, ==, expected_mentions);
  }

  /* Switched off: saved, and left out of the enabled topics */
  {
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (topics_list, 0);
    GtkSwitch *toggle = g_object_get_data (G_OBJECT (row), "switch");

    g_assert_true (GTK_IS_SWITCH (toggle));
    gtk_switch_set_active (toggle, FALSE);
    g_assert_cmpuint (n_changes, ==, 3);
  }
  enabled = ce_topics_panel_get_enabled_topics (panel);
  g_assert_cmpuint (enabled->len, ==, 1);
  g_assert_cmpstr (ce_topic_get_name (g_ptr_array_index (enabled, 0)), ==, "Trade");
  stored = stored_topics (window);
  g_assert_false (ce_topic_get_enabled (g_ptr_array_index (stored, 0)));
  g_assert_true (ce_topic_get_enabled (g_ptr_array_index (stored, 1)));
  g_clear_pointer (&stored, g_ptr_array_unref);

  /* Moved up, as the row's menu and Alt+Up do */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "topics.move-up", "x", ce_topic_get_id (trade)));
  g_assert_cmpuint (n_changes, ==, 4);
  stored = stored_topics (window);
  g_assert_cmpstr (ce_topic_get_name (g_ptr_array_index (stored, 0)), ==, "Trade");
  g_assert_cmpstr (ce_topic_get_name (g_ptr_array_index (stored, 1)), ==, first->name);
  g_clear_pointer (&stored, g_ptr_array_unref);
  {
    g_autoptr(CeTopic) top = panel_topic (panel, 0);

    g_assert_cmpstr (ce_topic_get_name (top), ==, "Trade");
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (topics_list, 0))),
                     ==, "Trade");
    /* The moved row keeps the focus, for the next key press */
    g_assert_true (gtk_widget_has_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (topics_list, 0))));
  }
  /* Already at the top: nothing moves */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "topics.move-up", "x", ce_topic_get_id (trade)));
  g_assert_cmpuint (n_changes, ==, 4);

  g_assert_true (ce_test_ui_settle (window));
  save_screenshots (GTK_WIDGET (window), "topics-panel");

  /* Deleted, then back with Undo, in its place */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "topics.delete", "x", ce_topic_get_id (trade)));
  g_assert_cmpuint (n_changes, ==, 5);
  g_assert_cmpuint (n_rows (topics_list), ==, 1);
  stored = stored_topics (window);
  g_assert_cmpuint (stored->len, ==, 1);
  g_clear_pointer (&stored, g_ptr_array_unref);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");
  g_assert_nonnull (strstr (adw_toast_get_title (toast), "Trade"));
  g_assert_true (ce_test_ui_settle (window));
  ce_test_ui_screenshot (GTK_WIDGET (window), "topics-deleted-toast.png");

  g_signal_emit_by_name (toast, "button-clicked");
  g_assert_cmpuint (n_changes, ==, 6);
  stored = stored_topics (window);
  g_assert_cmpuint (stored->len, ==, 2);
  g_assert_cmpstr (ce_topic_get_name (g_ptr_array_index (stored, 0)), ==, "Trade");
  g_assert_cmpstr (ce_topic_get_color (g_ptr_array_index (stored, 0)), ==, ce_topic_palette_get (1));
  g_assert_true (g_strv_equal (ce_topic_get_terms (g_ptr_array_index (stored, 0)), trade_terms));
  g_assert_true (ce_topic_get_enabled (g_ptr_array_index (stored, 0)));
  g_clear_pointer (&stored, g_ptr_array_unref);
  g_assert_cmpuint (n_rows (topics_list), ==, 2);

  /* Dropping a dragged row onto another moves it there */
  {
    GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (topics_list, 1));
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (row);
    g_autoptr(CeTopic) top = panel_topic (panel, 0);
    GtkDropTarget *target = NULL;
    GValue value = G_VALUE_INIT;
    gboolean accepted = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_DROP_TARGET (controller))
          target = GTK_DROP_TARGET (controller);
      }
    g_assert_nonnull (target);

    g_value_init (&value, CE_TYPE_TOPIC);
    g_value_set_object (&value, top);
    g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
    g_value_unset (&value);
    g_assert_true (accepted);
    g_assert_true (ce_test_ui_settle (window));
    g_assert_cmpuint (n_changes, ==, 7);

    stored = stored_topics (window);
    g_assert_cmpstr (ce_topic_get_name (g_ptr_array_index (stored, 0)), ==, first->name);
    g_assert_cmpstr (ce_topic_get_name (g_ptr_array_index (stored, 1)), ==, "Trade");
    g_clear_pointer (&stored, g_ptr_array_unref);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "topics.move-down", "x", ce_topic_get_id (trade)));
    g_assert_cmpuint (n_changes, ==, 7);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "topics.move-up", "x", ce_topic_get_id (trade)));
    g_assert_cmpuint (n_changes, ==, 8);
  }

  /* Editing an existing topic keeps its place and its id */
  {
    g_autoptr(CeTopic) top = panel_topic (panel, 0);
    gint64 id = ce_topic_get_id (top);

    /* Activating the row opens it */
    g_signal_emit_by_name (topics_list, "row-activated", gtk_list_box_get_row_at_index (topics_list, 0));
    editor = NULL;
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels) && editor == NULL; i++)
        {
          g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

          if (CE_IS_TOPIC_EDITOR (toplevel))
            editor = CE_TOPIC_EDITOR (toplevel);
        }
    }
    g_assert_nonnull (editor);
    g_assert_true (ce_topic_editor_get_topic (editor) != NULL);
    g_assert_cmpint (ce_topic_get_id (ce_topic_editor_get_topic (editor)), ==, id);
    gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
    g_assert_cmpstr (gtk_editable_get_text (ce_test_ui_child (editor, CE_TYPE_TOPIC_EDITOR, "name_row")), ==, "Trade");
    gtk_editable_set_text (ce_test_ui_child (editor, CE_TYPE_TOPIC_EDITOR, "name_row"), "Trade war");
    ce_test_ui_iterate ();
    g_assert_true (ce_topic_editor_save (editor, &error));
    g_assert_no_error (error);
    g_assert_true (ce_test_ui_wait_until (window_gone, editor, 5));
    g_assert_cmpuint (n_changes, ==, 9);

    stored = stored_topics (window);
    g_assert_cmpuint (stored->len, ==, 2);
    g_assert_cmpstr (ce_topic_get_name (g_ptr_array_index (stored, 0)), ==, "Trade war");
    g_assert_cmpint (ce_topic_get_id (g_ptr_array_index (stored, 0)), ==, id);
    g_clear_pointer (&stored, g_ptr_array_unref);
  }

  g_signal_handlers_disconnect_by_func (panel, on_toast_cb, &toast);
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  CeContextsView *view;
  guint           total;
} LinesWait;

static gboolean
lines_ready (gpointer data)
{
  LinesWait *wait = data;
  guint total = 0;

  return ce_contexts_view_get_counts (wait->view, NULL, &total) && total == wait->total;
}

static gboolean
lines_listed (gpointer data)
{
  return ce_contexts_view_get_counts (data, NULL, NULL);
}

static void
test_contexts (void)
{
  CeWindow *window = open_sample ("contexts.corpus");
  AdwViewStack *stack = ce_test_ui_child (window, CE_TYPE_WINDOW, "view_stack");
  CeTopicsPanel *panel = ce_test_ui_child (window, CE_TYPE_WINDOW, "topics_panel");
  CeContextsView *view = ce_test_ui_child (window, CE_TYPE_WINDOW, "contexts_view");
  GtkEditable *entry = ce_test_ui_child (window, CE_TYPE_WINDOW, "search_entry");
  GtkDropDown *dropdown = ce_test_ui_child (view, CE_TYPE_CONTEXTS_VIEW, "source_dropdown");
  GtkStack *view_pages = ce_test_ui_child (view, CE_TYPE_CONTEXTS_VIEW, "stack");
  CeReaderView *reader = ce_test_ui_child (window, CE_TYPE_WINDOW, "reader");
  g_autoptr(CeCorpus) corpus = own_connection (window);
  const char * const storm_terms[] = { "cyclone", "typhoon", "\"storm surge\"", "flood*", NULL };
  g_autoptr(CeTopic) storms = ce_topic_new ("Storms", NULL, storm_terms);
  g_autoptr(CeTopic) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) search = ce_query_parse ("tariffs OR \"fishing quotas\"", &error);
  const CeContext *line;
  LinesWait wait;
  guint n_lines = 0;
  guint total = 0;
  gint64 doc_id;

  g_assert_no_error (error);

  /* Nothing searched yet */
  adw_view_stack_set_visible_child_name (stack, "contexts");
  g_assert_true (ce_test_ui_settle (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view_pages), ==, "empty");
  ce_test_ui_screenshot (GTK_WIDGET (window), "contexts-empty.png");

  /* The window's search: one line per match the search finds */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  gtk_editable_set_text (entry, "tariffs OR \"fishing quotas\"");
  wait.view = view;
  wait.total = ce_test_count_instances (corpus, search);
  g_assert_cmpuint (wait.total, >, 10);
  g_assert_cmpuint (wait.total, <, CE_CONTEXTS_VIEW_MAX_LINES);
  g_assert_true (ce_test_ui_wait_until (lines_ready, &wait, 30));
  g_assert_true (ce_contexts_view_get_counts (view, &n_lines, &total));
  g_assert_cmpuint (n_lines, ==, wait.total);
  g_assert_cmpuint (total, ==, wait.total);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view_pages), ==, "lines");
  for (guint i = 0; i < n_lines; i++)
    {
      line = ce_contexts_view_get_line (view, i);
      g_assert_true (g_ascii_strcasecmp (line->match, "tariffs") == 0 ||
                     g_ascii_strcasecmp (line->match, "fishing quotas") == 0);
    }
  {
    GtkLabel *summary = ce_test_ui_child (view, CE_TYPE_CONTEXTS_VIEW, "summary_label");
    g_autofree char *text = g_strdup_printf ("%u matches", wait.total);

    g_assert_cmpstr (gtk_label_get_text (summary), ==, text);
  }
  save_screenshots (GTK_WIDGET (window), "contexts-search");

  /* A search without a match */
  gtk_editable_set_text (entry, "zeppelin");
  wait.total = 0;
  g_assert_true (ce_test_ui_search (window, "zeppelin"));
  g_assert_true (ce_test_ui_wait_until (lines_ready, &wait, 30));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view_pages), ==, "no-matches");

  /* A topic: one line per mention the counter counts */
  stored = ce_session_add_topic (ce_window_get_session (window), storms, G_MAXUINT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "topics.show-contexts", "x",
                                             ce_topic_get_id (stored)));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "contexts");
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 1);
  wait.total = count_terms (corpus, storm_terms, NULL);
  g_assert_cmpuint (wait.total, >, 10);
  g_assert_true (ce_test_ui_wait_until (lines_ready, &wait, 30));
  g_assert_true (ce_contexts_view_get_counts (view, &n_lines, NULL));
  g_assert_cmpuint (n_lines, ==, wait.total);
  save_screenshots (GTK_WIDGET (window), "contexts-topic");

  /* Sorted by the first word right, then filtered by a word nearby: the
   * lines the core sorts and keeps, in its order */
  for (guint step = 0; step < 2; step++)
    {
      g_autoptr(GPtrArray) expected = NULL;

      CE_TEST_STORE (expected = ce_contexts_for_topic (corpus, storms, 80, 0, NULL, NULL, &error));

      g_assert_no_error (error);
      if (step == 0)
        ce_contexts_view_set_sort (view, CE_CONTEXT_SORT_1R);
      else
        {
          GPtrArray *kept = ce_contexts_filter (expected, "the");

          g_ptr_array_unref (expected);
          expected = kept;
          ce_contexts_view_set_filter (view, "The");
          g_assert_true (ce_test_ui_settle (window));
        }
      ce_contexts_sort (expected, CE_CONTEXT_SORT_1R);
      g_assert_cmpuint (expected->len, >, 3);

      /* The filter entry reports its text after a pause of its own */
      g_assert_true (ce_test_ui_wait_until (lines_ready, &(LinesWait) { .view = view, .total = expected->len }, 30));
      g_assert_true (ce_contexts_view_get_counts (view, &n_lines, &total));
      g_assert_cmpuint (n_lines, ==, expected->len);
      g_assert_cmpuint (total, ==, expected->len);
      for (guint i = 0; i < n_lines; i++)
        {
          const CeContext *want = g_ptr_array_index (expected, i);

          line = ce_contexts_view_get_line (view, i);
          g_assert_cmpint (line->doc_id, ==, want->doc_id);
          g_assert_cmpuint (line->body_start, ==, want->body_start);
        }
    }
  save_screenshots (GTK_WIDGET (window), "contexts-sorted");
  ce_contexts_view_set_filter (view, NULL);
  ce_contexts_view_set_sort (view, CE_CONTEXT_SORT_ORDER);
  g_assert_true (ce_test_ui_wait_until (lines_ready, &wait, 30));

  /* Narrow: the pages still fit */
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 720);
  g_assert_true (ce_test_ui_settle (window));
  ce_test_ui_screenshot (GTK_WIDGET (window), "contexts-narrow.png");
  adw_view_stack_set_visible_child_name (stack, "chart");
  g_assert_true (ce_test_ui_settle (window));
  ce_test_ui_screenshot (GTK_WIDGET (window), "topics-narrow.png");
  adw_view_stack_set_visible_child_name (stack, "contexts");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 820);
  g_assert_true (ce_test_ui_settle (window));

  /* Activating a line reads its document */
  line = ce_contexts_view_get_line (view, 3);
  doc_id = line->doc_id;
  g_signal_emit_by_name (ce_test_ui_child (view, CE_TYPE_CONTEXTS_VIEW, "column_view"), "activate", 3);
  g_assert_true (ce_test_ui_settle (window));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "documents");
  g_assert_nonnull (ce_reader_view_get_document (reader));
  g_assert_cmpint (ce_document_get_id (ce_reader_view_get_document (reader)), ==, doc_id);

  /* Back to the search, which the list left as it was */
  adw_view_stack_set_visible_child_name (stack, "contexts");
  ce_contexts_view_show_search (view);
  g_assert_true (ce_test_ui_wait_until (lines_listed, view, 30));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view_pages), ==, "no-matches");

  gtk_window_destroy (GTK_WINDOW (window));
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

  g_test_add_func ("/corpus-explorer/topics-ui/topics", test_topics);
  g_test_add_func ("/corpus-explorer/topics-ui/contexts", test_contexts);

  ret = g_test_run ();

  g_clear_object (&app);
  ce_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
