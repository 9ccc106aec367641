/* test-preferences-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Preferences window: every row changes its setting and follows it;
 * the stop words are edited, saved where keywords and suggestions read
 * them, and reset; the import sheet offers the tokenizer and accents of a
 * new corpus, starting from the preferences, and the corpus is made so.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ce-application.h"
#include "ce-corpus.h"
#include "ce-import-dialog.h"
#include "ce-preferences-window.h"
#include "ce-search.h"
#include "ce-stopwords.h"
#include "ce-test-ui.h"

static char *config_home;

/* The preferences row titled @title (mnemonic underscores left out), or
 * the widget named @title, anywhere under @widget */
static GtkWidget *
find_widget (GtkWidget  *widget,
             const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget))
    {
      g_autofree char *plain = NULL;
      const char *row_title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
      g_auto(GStrv) parts = g_strsplit (row_title != NULL ? row_title : "", "_", -1);

      plain = g_strjoinv ("", parts);
      if (g_str_equal (plain, title))
        return widget;
    }
  if (g_strcmp0 (gtk_widget_get_name (widget), title) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find (GtkWidget  *widget,
      const char *title)
{
  GtkWidget *found = find_widget (widget, title);

  if (found == NULL)
    g_error ("no “%s” in the window", title);
  return found;
}

/* The first widget of @type under @widget that passes @check (or any) */
static GtkWidget *
find_type (GtkWidget  *widget,
           GType       type,
           const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (label == NULL || (GTK_IS_BUTTON (widget) &&
                         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWindow *
find_window (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (window), title) == 0 &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static gboolean
editor_is_open (gpointer data)
{
  return find_window ("Stop Words") != NULL;
}

static gboolean
editor_is_closed (gpointer data)
{
  return find_window ("Stop Words") == NULL;
}

static const char *
subtitle_of (GtkWidget *row)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static void
test_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *window = _ce_preferences_window_new (settings);
  GtkWidget *spin;
  g_autofree char *value = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 640, 1100);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  ce_test_ui_screenshot (window, "preferences.png");

  /* How new corpora are indexed */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find (window, "Tokenizer"))), ==, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find (window, "Tokenizer")), 2);
  value = g_settings_get_string (settings, "new-corpus-tokenizer");
  g_assert_cmpstr (value, ==, "cjk");
  g_clear_pointer (&value, g_free);
  g_settings_set_string (settings, "new-corpus-tokenizer", "default");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find (window, "Tokenizer"))), ==, 1);

  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find (window, "Accents"))), ==, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find (window, "Accents")), 1);
  value = g_settings_get_string (settings, "new-corpus-diacritics");
  g_assert_cmpstr (value, ==, "keep");
  g_clear_pointer (&value, g_free);

  /* The chart's kind and measure */
  adw_combo_row_set_selected (ADW_COMBO_ROW (find (window, "Kind")), 2);
  value = g_settings_get_string (settings, "chart-kind");
  g_assert_cmpstr (value, ==, "lines");
  g_clear_pointer (&value, g_free);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find (window, "Measure")), 1);
  value = g_settings_get_string (settings, "chart-measure");
  g_assert_cmpstr (value, ==, "per10k");
  g_clear_pointer (&value, g_free);
  g_settings_set_string (settings, "chart-kind", "heatmap");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find (window, "Kind"))), ==, 3);

  /* The reader's text size, in percent */
  spin = find_type (find (window, "Text Size"), GTK_TYPE_SPIN_BUTTON, NULL);
  g_assert_nonnull (spin);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 150);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "reader-zoom"), 1.5, 0.001);
  g_settings_set_double (settings, "reader-zoom", 0.8);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), 80, 0.001);

  g_settings_reset (settings, "new-corpus-tokenizer");
  g_settings_reset (settings, "new-corpus-diacritics");
  g_settings_reset (settings, "chart-kind");
  g_settings_reset (settings, "chart-measure");
  g_settings_reset (settings, "reader-zoom");
  gtk_window_destroy (GTK_WINDOW (window));
  ce_test_ui_iterate ();
}

static void
test_stopwords (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *user_path = ce_stopwords_user_path ();
  g_autoptr(GHashTable) shipped = NULL;
  g_autoptr(GHashTable) words = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  GtkWidget *window = _ce_preferences_window_new (settings);
  GtkWidget *row;
  GtkWindow *editor;
  GtkTextView *view = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  /* The user's list lives in the test's own configuration folder */
  g_assert_true (g_str_has_prefix (user_path, config_home));
  g_assert_false (g_file_test (user_path, G_FILE_TEST_EXISTS));
  shipped = ce_stopwords_load (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_hash_table_contains (shipped, "the"));

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  row = find (window, "Word List");
  g_assert_nonnull (strstr (subtitle_of (row), "English list"));
  g_assert_false (gtk_widget_get_sensitive (find (window, "stopwords-reset")));

  /* Edit: the list in use is shown, and what is saved is what keywords
   * and suggestions read from then on */
  g_signal_emit_by_name (find (window, "stopwords-edit"), "clicked");
  g_assert_true (ce_test_ui_wait_until (editor_is_open, NULL, 5));
  editor = find_window ("Stop Words");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
  ce_test_ui_screenshot (GTK_WIDGET (editor), "preferences-stopwords.png");
  view = GTK_TEXT_VIEW (find_type (GTK_WIDGET (editor), GTK_TYPE_TEXT_VIEW, NULL));
  g_assert_nonnull (view);
  buffer = gtk_text_view_get_buffer (view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  words = ce_stopwords_parse (text, strlen (text));
  g_assert_cmpuint (g_hash_table_size (words), ==, g_hash_table_size (shipped));
  g_clear_pointer (&words, g_hash_table_unref);

  gtk_text_buffer_set_text (buffer, "# mine\nReuters\nmonday\nthe\n", -1);
  g_signal_emit_by_name (find_type (GTK_WIDGET (editor), GTK_TYPE_BUTTON, "_Cancel"), "clicked");
  g_assert_true (ce_test_ui_wait_until (editor_is_closed, NULL, 5));
  g_assert_false (g_file_test (user_path, G_FILE_TEST_EXISTS));

  g_signal_emit_by_name (find (window, "stopwords-edit"), "clicked");
  g_assert_true (ce_test_ui_wait_until (editor_is_open, NULL, 5));
  editor = find_window ("Stop Words");
  view = GTK_TEXT_VIEW (find_type (GTK_WIDGET (editor), GTK_TYPE_TEXT_VIEW, NULL));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "# mine\nReuters\nmonday\nthe\n", -1);
  g_signal_emit_by_name (find_type (GTK_WIDGET (editor), GTK_TYPE_BUTTON, "_Save"), "clicked");
  g_assert_true (ce_test_ui_wait_until (editor_is_closed, NULL, 5));

  g_assert_true (g_file_get_contents (user_path, &saved, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (saved, ==, "# mine\nReuters\nmonday\nthe\n");
  words = ce_stopwords_load (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (words), ==, 3);
  g_assert_true (g_hash_table_contains (words, "reuters"));
  g_assert_false (g_hash_table_contains (words, "and"));
  g_clear_pointer (&words, g_hash_table_unref);
  g_assert_nonnull (strstr (subtitle_of (row), "Your list of 3 words"));
  g_assert_true (gtk_widget_get_sensitive (find (window, "stopwords-reset")));
  ce_test_ui_screenshot (window, "preferences-stopwords-saved.png");

  /* Reset: the English list again */
  g_signal_emit_by_name (find (window, "stopwords-reset"), "clicked");
  g_assert_false (g_file_test (user_path, G_FILE_TEST_EXISTS));
  g_assert_nonnull (strstr (subtitle_of (row), "English list"));
  g_assert_false (gtk_widget_get_sensitive (find (window, "stopwords-reset")));

  gtk_window_destroy (GTK_WINDOW (window));
  ce_test_ui_iterate ();
}

typedef struct
{
  gboolean done;
  char    *error;
  guint    documents_added;
} Imported;

static void
on_imported_cb (CeImportDialog *dialog,
                const char     *path,
                CeImportReport *report,
                GError         *error,
                Imported       *imported)
{
  g_assert_true (CE_IS_IMPORT_DIALOG (dialog));
  g_assert_nonnull (path);
  /* One of the two, as the signal's types say */
  g_assert_true ((report == NULL) != (error == NULL));
  if (report != NULL)
    imported->documents_added = report->documents_added;

  imported->done = TRUE;
  if (error != NULL)
    imported->error = g_strdup (error->message);
}

static gboolean
is_imported (gpointer data)
{
  return ((Imported *)data)->done;
}

static void
test_import_sheet (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *dir = ce_test_make_dir ("test-preferences-ui");
  g_autofree char *source = g_build_filename (dir, "cafes.jsonl", NULL);
  g_autofree char *existing = g_build_filename (dir, "existing.corpus", NULL);
  g_autofree char *corpus_path = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (source);
  g_autoptr(CeCorpus) corpus = NULL;
  g_autoptr(GError) error = NULL;
  CeImportDialog *dialog;
  Imported imported = { 0 };

  g_assert_true (g_file_set_contents (source,
                                      "{\"title\": \"un café\", \"text\": \"le café de 北京 est ouvert.\"}\n"
                                      "{\"title\": \"a cafe\", \"text\": \"the cafe is open.\"}\n",
                                      -1, &error));

  /* The preferences are where the sheet starts */
  g_settings_set_string (settings, "new-corpus-tokenizer", "cjk");
  g_settings_set_string (settings, "new-corpus-diacritics", "keep");

  dialog = ce_import_dialog_new (NULL, &file, 1, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  g_assert_true (gtk_widget_get_visible (ce_test_ui_child (dialog, CE_TYPE_IMPORT_DIALOG, "tokenizer_row")));
  g_assert_true (gtk_widget_get_visible (ce_test_ui_child (dialog, CE_TYPE_IMPORT_DIALOG, "diacritics_row")));
  g_assert_cmpuint (adw_combo_row_get_selected (ce_test_ui_child (dialog, CE_TYPE_IMPORT_DIALOG, "tokenizer_row")), ==, 2);
  g_assert_cmpuint (adw_combo_row_get_selected (ce_test_ui_child (dialog, CE_TYPE_IMPORT_DIALOG, "diacritics_row")), ==, 1);
  g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (dialog), 2));
  ce_test_ui_screenshot (GTK_WIDGET (dialog), "import-new-corpus.png");

  corpus_path = g_strdup (ce_import_dialog_get_corpus_path (dialog));
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported_cb), &imported);
  ce_import_dialog_start (dialog);
  g_assert_true (ce_test_ui_wait_until (is_imported, &imported, 60));
  g_assert_null (imported.error);
  g_assert_cmpuint (imported.documents_added, ==, 2);

  corpus = ce_corpus_open (corpus_path, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ce_corpus_get_tokenizer (corpus), ==, CE_TOKENIZER_CJK);
  g_assert_cmpint (ce_corpus_get_diacritics (corpus), ==, CE_DIACRITICS_KEEP);
  g_assert_cmpuint (ce_corpus_count_documents (corpus), ==, 2);
  g_clear_object (&corpus);
  g_unlink (corpus_path);

  /* The sheet's own choice wins over the preferences, for this corpus */
  imported.done = FALSE;
  dialog = ce_import_dialog_new (NULL, &file, 1, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  adw_combo_row_set_selected (ce_test_ui_child (dialog, CE_TYPE_IMPORT_DIALOG, "tokenizer_row"), 1);
  adw_combo_row_set_selected (ce_test_ui_child (dialog, CE_TYPE_IMPORT_DIALOG, "diacritics_row"), 0);
  g_free (corpus_path);
  corpus_path = g_strdup (ce_import_dialog_get_corpus_path (dialog));
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported_cb), &imported);
  ce_import_dialog_start (dialog);
  g_assert_true (ce_test_ui_wait_until (is_imported, &imported, 60));
  g_assert_null (imported.error);
  corpus = ce_corpus_open (corpus_path, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ce_corpus_get_tokenizer (corpus), ==, CE_TOKENIZER_DEFAULT);
  g_assert_cmpint (ce_corpus_get_diacritics (corpus), ==, CE_DIACRITICS_REMOVE);
  g_clear_object (&corpus);

  /* Into a corpus that exists, there is nothing to choose */
  corpus = ce_corpus_open (existing, CE_CORPUS_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&corpus);
  dialog = ce_import_dialog_new (NULL, &file, 1, existing);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  g_assert_false (gtk_widget_get_visible (ce_test_ui_child (dialog, CE_TYPE_IMPORT_DIALOG, "tokenizer_row")));
  g_assert_false (gtk_widget_get_visible (ce_test_ui_child (dialog, CE_TYPE_IMPORT_DIALOG, "diacritics_row")));
  gtk_window_destroy (GTK_WINDOW (dialog));
  ce_test_ui_iterate ();

  g_settings_reset (settings, "new-corpus-tokenizer");
  g_settings_reset (settings, "new-corpus-diacritics");
  g_assert_true (ce_test_remove_tree (dir));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = ce_test_ui_init_data_home ();
  int status;

  /* Before GLib reads it: the stop words go to a folder of the test's */
  config_home = g_build_filename (dir, "config", NULL);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);

  if (!ce_test_ui_init (&argc, &argv))
    return g_test_run ();

  g_test_add_func ("/corpus-explorer/preferences/settings", test_settings);
  g_test_add_func ("/corpus-explorer/preferences/stopwords", test_stopwords);
  g_test_add_func ("/corpus-explorer/preferences/import-sheet", test_import_sheet);

  status = g_test_run ();
  ce_test_remove_tree (dir);
  g_free (config_home);
  return status;
}
