/* test-i18n-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window in German: labels come from po/de.po (compiled by meson into
 * the build folder's po/de/LC_MESSAGES), numbers and month names follow
 * the de_DE.UTF-8 locale.  Skipped when the machine lacks that locale
 * (`make deps` generates it).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "ce-application.h"
#include "ce-document-list.h"
#include "ce-export-dialog.h"
#include "ce-reader-view.h"
#include "ce-topic.h"
#include "ce-topic-editor.h"
#include "ce-topics-panel.h"
#include "ce-window.h"
#include "ce-test-ui.h"

#define LOCALE "de_DE.UTF-8"
#define LONG_WORDS 1500

static CeApplication *app;
static char *tmp_dir;
static char *corpus_path;

/* English labels of the window that must not be left on screen */
static const char * const english[] = {
  "Documents", "Chart", "Contexts", "Search documents", "Search Documents",
  "No Corpus Open", "Recent Corpora", "Title", "Place", "Date", "Source",
  "Words", "Relevance", "Corpus Order", "Select a Document", "Topics",
  "Suggested Topics", "No Topics to Compare", "Nothing to Show Yet",
  "Main Menu", "Show Filters", "Import Files…", "Document Menu",
};

/* Widget walking: the test looks widgets up by type and text rather than
 * by template child, so it does not depend on how the pages are built. */

typedef gboolean (*WidgetMatch) (GtkWidget *widget,
                                 gpointer   data);

static GtkWidget *
find_widget (GtkWidget   *root,
             WidgetMatch  match,
             gpointer     data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_type (GtkWidget *widget,
         gpointer   data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static gpointer
find_by_type (gpointer root,
              GType    type)
{
  GtkWidget *found = find_widget (GTK_WIDGET (root), is_type, GSIZE_TO_POINTER (type));

  g_assert_nonnull (found);
  return found;
}

static gboolean
is_label_with_text (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
is_status_page_titled (GtkWidget *widget,
                       gpointer   data)
{
  return ADW_IS_STATUS_PAGE (widget) &&
         g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), data) == 0;
}

static gboolean
is_button_labelled (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
has_menu_model (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) != NULL;
}

/* Matches a mapped widget that still shows one of the English labels */
static gboolean
find_english (GtkWidget *widget,
              gpointer   data)
{
  const char *texts[2] = { NULL, NULL };

  if (!gtk_widget_get_mapped (widget))
    return FALSE;

  if (GTK_IS_LABEL (widget))
    texts[0] = gtk_label_get_text (GTK_LABEL (widget));
  else if (ADW_IS_STATUS_PAGE (widget))
    texts[0] = adw_status_page_get_title (ADW_STATUS_PAGE (widget));
  texts[1] = gtk_widget_get_tooltip_text (widget);

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    for (guint i = 0; texts[t] != NULL && i < G_N_ELEMENTS (english); i++)
      if (g_str_equal (texts[t], english[i]))
        {
          g_test_message ("untranslated %s: “%s”", G_OBJECT_TYPE_NAME (widget), texts[t]);
          return TRUE;
        }

  return FALSE;
}

static void
assert_no_english (CeWindow *window)
{
  g_assert_null (find_widget (GTK_WIDGET (window), find_english, NULL));
}

static void
collect_menu_labels (GMenuModel *model,
                     GPtrArray  *labels)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);
      char *label = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        g_ptr_array_add (labels, label);

      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);

          collect_menu_labels (link, labels);
        }
    }
}

static gboolean
strv_has (GPtrArray  *strings,
          const char *string)
{
  for (guint i = 0; i < strings->len; i++)
    if (g_str_equal (g_ptr_array_index (strings, i), string))
      return TRUE;

  return FALSE;
}

static gboolean
is_row_subtitled (GtkWidget *widget,
                  gpointer   data)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), data) == 0;
}

/* The toplevel of @type other than @besides, or %NULL */
static GtkWindow *
find_toplevel (GType      type,
               GtkWindow *besides)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (toplevel != besides && G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        return toplevel;
    }

  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *subtitle;
} RowWait;

static gboolean
row_shown (gpointer data)
{
  RowWait *wait = data;

  return find_widget (wait->root, is_row_subtitled, (gpointer)wait->subtitle) != NULL;
}

static gboolean
not_loading (gpointer data)
{
  return !ce_document_list_model_is_loading (data);
}

/* "1.500" for 1500: the German grouping, built without the locale */
static char *
german_number (guint n)
{
  if (n < 1000)
    return g_strdup_printf ("%u", n);
  return g_strdup_printf ("%u.%03u", n / 1000, n % 1000);
}

static CeWindow *
open_window (int width,
             int height)
{
  g_autoptr(GFile) file = g_file_new_for_path (corpus_path);
  g_autoptr(GError) error = NULL;
  CeWindow *window = ce_test_ui_new_window (app, width, height);
  CeDocumentList *list;

  g_assert_true (ce_test_ui_open_file (window, file, &error));
  g_assert_no_error (error);
  list = find_by_type (window, CE_TYPE_DOCUMENT_LIST);
  g_assert_true (ce_test_ui_wait_until (not_loading, ce_document_list_get_model (list), 10));
  g_assert_true (ce_test_ui_settle (window));

  return window;
}

static void
test_catalogue (void)
{
  /* The catalogue of the build folder is found, and holds the plurals */
  g_assert_cmpstr (_("Documents"), ==, "Dokumente");
  g_assert_cmpstr (ngettext ("%'u word", "%'u words", 1), ==, "%'u Wort");
  g_assert_cmpstr (ngettext ("%'u word", "%'u words", 2), ==, "%'u Wörter");
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "_Cancel"), ==, "_Abbrechen");
}

static void
test_empty_window (void)
{
  CeWindow *window = ce_test_ui_new_window (app, 900, 640);
  GtkWidget *menu_button;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (window), 2));

  /* The empty state and its buttons */
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_status_page_titled, (gpointer)"Kein Korpus geöffnet"));
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_button_labelled, (gpointer)"Dateien _importieren …"));
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_button_labelled, (gpointer)"Korpus _öffnen …"));

  /* The main menu */
  menu_button = find_widget (GTK_WIDGET (window), has_menu_model, NULL);
  g_assert_nonnull (menu_button);
  collect_menu_labels (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)), labels);
  g_assert_true (strv_has (labels, "_Neues Fenster"));
  g_assert_true (strv_has (labels, "_Einstellungen"));
  g_assert_true (strv_has (labels, "_Tastenkürzel"));
  g_assert_true (strv_has (labels, "_Info zu Corpus Explorer"));
  for (guint i = 0; i < labels->len; i++)
    g_assert_false (g_str_has_prefix (g_ptr_array_index (labels, i), "_About"));

  assert_no_english (window);
  ce_test_ui_screenshot (GTK_WIDGET (window), "i18n-de-empty.png");

  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button))), 2));
  ce_test_ui_screenshot (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button))),
                         "i18n-de-menu.png");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_pages (void)
{
  CeWindow *window = open_window (1280, 800);
  AdwViewStack *stack = find_by_type (window, ADW_TYPE_VIEW_STACK);
  GtkSearchEntry *entry = find_by_type (window, GTK_TYPE_SEARCH_ENTRY);
  GtkColumnView *column_view = find_by_type (find_by_type (window, CE_TYPE_DOCUMENT_LIST),
                                             GTK_TYPE_COLUMN_VIEW);
  GListModel *columns = gtk_column_view_get_columns (column_view);
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  g_autofree char *placeholder = NULL;
  const char *expected[][2] = {
    { "documents", "Dokumente" },
    { "chart", "Diagramm" },
    { "contexts", "Kontexte" },
  };

  /* The view switcher's pages */
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GtkWidget *child = adw_view_stack_get_child_by_name (stack, expected[i][0]);

      g_assert_nonnull (child);
      g_assert_cmpstr (adw_view_stack_page_get_title (adw_view_stack_get_page (stack, child)), ==,
                       expected[i][1]);
    }

  /* The search entry */
  g_object_get (entry, "placeholder-text", &placeholder, NULL);
  g_assert_cmpstr (placeholder, ==, "Dokumente durchsuchen");

  /* The list's column headers */
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_ptr_array_add (titles, (gpointer)gtk_column_view_column_get_title (column));
    }
  g_assert_true (strv_has (titles, "Titel"));
  g_assert_true (strv_has (titles, "Ort"));
  g_assert_true (strv_has (titles, "Datum"));
  g_assert_true (strv_has (titles, "Quelle"));
  g_assert_true (strv_has (titles, "Wörter"));

  /* The reader's empty state */
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_status_page_titled, (gpointer)"Dokument auswählen"));

  assert_no_english (window);
  ce_test_ui_screenshot (GTK_WIDGET (window), "i18n-de-documents.png");

  adw_view_stack_set_visible_child_name (stack, "chart");
  g_assert_true (ce_test_ui_settle (window));
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_status_page_titled,
                                 (gpointer)"Keine Themen zum Vergleichen"));
  assert_no_english (window);
  ce_test_ui_screenshot (GTK_WIDGET (window), "i18n-de-chart.png");

  adw_view_stack_set_visible_child_name (stack, "contexts");
  g_assert_true (ce_test_ui_settle (window));
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_status_page_titled, (gpointer)"Noch nichts anzuzeigen"));
  assert_no_english (window);
  ce_test_ui_screenshot (GTK_WIDGET (window), "i18n-de-contexts.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_numbers_and_dates (void)
{
  CeWindow *window = open_window (1280, 800);
  CeDocumentList *list = find_by_type (window, CE_TYPE_DOCUMENT_LIST);
  CeReaderView *reader = find_by_type (window, CE_TYPE_READER_VIEW);
  CeDocumentListModel *model = ce_document_list_get_model (list);
  g_autoptr(CeDocument) longest = NULL;
  g_autofree char *number = NULL;
  g_autofree char *words = NULL;
  g_autofree char *position = NULL;
  const char *metadata;
  guint n_documents;

  /* The long document comes first when the list is sorted by length */
  ce_document_list_sort_by (list, CE_DOCUMENT_ORDER_WORDS, TRUE);
  g_assert_true (ce_test_ui_wait_until (not_loading, model, 10));
  g_assert_true (ce_test_ui_settle (window));
  n_documents = g_list_model_get_n_items (G_LIST_MODEL (model));
  longest = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpuint (ce_document_get_words (longest), >=, 1000);
  number = german_number (ce_document_get_words (longest));

  /* The list's word count is grouped with a dot, its date written the
   * German way */
  g_assert_nonnull (find_widget (GTK_WIDGET (list), is_label_with_text, number));
  g_assert_nonnull (find_widget (GTK_WIDGET (list), is_label_with_text, (gpointer)"05.03.2024"));
  g_assert_null (find_widget (GTK_WIDGET (list), is_label_with_text, (gpointer)"2024-03-05"));

  /* The reader: "OBAN · 5. März 2024 · … · 1.500 Wörter · 1 von 53" */
  ce_document_list_select (list, 0);
  g_assert_true (ce_test_ui_settle (window));
  g_assert_true (ce_reader_view_get_document (reader) != NULL);
  metadata = ce_reader_view_get_metadata (reader);
  g_test_message ("reader metadata: %s", metadata);
  words = g_strdup_printf ("%s\u00a0Wörter", number);
  g_assert_nonnull (strstr (metadata, words));
  position = g_strdup_printf ("1\u00a0von\u00a0%u", n_documents);
  g_assert_nonnull (strstr (metadata, position));
  /* The month is named in German */
  g_assert_nonnull (strstr (metadata, "März\u00a02024"));
  g_assert_null (strstr (metadata, "March"));

  assert_no_english (window);
  ce_test_ui_screenshot (GTK_WIDGET (window), "i18n-de-reader.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_narrow (void)
{
  CeWindow *window = open_window (420, 760);
  AdwViewSwitcherTitle *title = find_by_type (window, ADW_TYPE_VIEW_SWITCHER_TITLE);
  const char *subtitle = adw_view_switcher_title_get_subtitle (title);

  /* The number of documents under the title ("%s documents", the
   * number formatted first): reported until the catalogue has it */
  g_assert_nonnull (strstr (subtitle, "53"));
  if (strstr (subtitle, "document") != NULL)
    g_test_message ("not translated: the window subtitle “%s”", subtitle);

  assert_no_english (window);
  ce_test_ui_screenshot (GTK_WIDGET (window), "i18n-de-narrow.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_dialogs (void)
{
  g_autofree char *jsonl = ce_test_sample_path ("sample.jsonl");
  g_autoptr(GFile) file = g_file_new_for_path (jsonl);
  CeWindow *window = open_window (1100, 760);
  GtkWindow *dialog;
  RowWait wait;

  /* Preferences */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  ce_test_ui_wait_toplevel (ADW_TYPE_PREFERENCES_WINDOW, GTK_WINDOW (window));
  dialog = find_toplevel (ADW_TYPE_PREFERENCES_WINDOW, GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_row_subtitled,
                                 (gpointer)"Helle oder dunkle Farben für alle Fenster"));
  ce_test_ui_screenshot (GTK_WIDGET (dialog), "i18n-de-preferences.png");
  gtk_window_destroy (dialog);

  /* Keyboard shortcuts, read from the template without showing them:
   * GTK 4.8's shortcuts window warns "GtkLabel … reported min width -3"
   * when it is shown, in any language, and warnings are fatal here */
  {
    g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (APPLICATION_PATH "/gtk/help-overlay.ui");
    g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
    GSList *objects = gtk_builder_get_objects (builder);

    for (GSList *l = objects; l != NULL; l = l->next)
      if (GTK_IS_SHORTCUTS_SHORTCUT (l->data) || GTK_IS_SHORTCUTS_GROUP (l->data))
        {
          char *text = NULL;

          g_object_get (l->data, "title", &text, NULL);
          g_ptr_array_add (titles, text);
        }
    g_slist_free (objects);

    g_assert_true (strv_has (titles, "Nächster Treffer"));
    g_assert_true (strv_has (titles, "Allgemein"));
    g_assert_true (strv_has (titles, "Tastenkürzel"));
    g_assert_false (strv_has (titles, "Next match"));
  }

  /* A new topic */
  g_assert_true (gtk_widget_activate_action (find_by_type (window, CE_TYPE_TOPICS_PANEL), "topics.add", NULL));
  ce_test_ui_wait_toplevel (CE_TYPE_TOPIC_EDITOR, GTK_WINDOW (window));
  dialog = find_toplevel (CE_TYPE_TOPIC_EDITOR, GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Neues Thema");
  ce_test_ui_screenshot (GTK_WIDGET (dialog), "i18n-de-topic-editor.png");
  gtk_window_destroy (dialog);

  /* The import dialog, with its preview */
  dialog = GTK_WINDOW (ce_window_import_files (window, &file, 1));
  g_assert_nonnull (dialog);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  wait.root = GTK_WIDGET (dialog);
  wait.subtitle = "JSON Lines · 52 Dokumente";
  g_assert_true (ce_test_ui_wait_until (row_shown, &wait, 20));
  g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (dialog), 2));
  ce_test_ui_screenshot (GTK_WIDGET (dialog), "i18n-de-import.png");
  gtk_window_destroy (dialog);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_row_titled (GtkWidget *widget,
               gpointer   data)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

/* Runs last: the other tests see the corpus without topics */
static void
test_chart_with_topics (void)
{
  g_autoptr(CeCorpus) corpus = NULL;
  g_autoptr(CeTopic) trade = ce_topic_new ("Handel", "#0072b2", (const char *[]) { "trade", "tariff*", NULL });
  g_autoptr(CeTopic) storms = ce_topic_new ("Stürme", "#e69f00", (const char *[]) { "storm*", "flood*", NULL });
  g_autoptr(GError) error = NULL;
  CeWindow *window;
  AdwViewStack *stack;
  GtkWindow *dialog;

  ce_test_store_begin ();
  corpus = ce_corpus_open (corpus_path, CE_CORPUS_OPEN_DEFAULT, NULL);
  g_assert_nonnull (corpus);
  g_assert_true (ce_topics_save (corpus, trade, &error));
  g_assert_no_error (error);
  g_assert_true (ce_topics_save (corpus, storms, &error));
  g_assert_no_error (error);
  ce_test_store_end ();
  g_clear_object (&corpus);

  window = open_window (1280, 800);
  stack = find_by_type (window, ADW_TYPE_VIEW_STACK);
  adw_view_stack_set_visible_child_name (stack, "chart");
  g_assert_true (ce_test_ui_settle (window));

  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_row_titled, (gpointer)"Handel"));
  assert_no_english (window);
  ce_test_ui_screenshot (GTK_WIDGET (window), "i18n-de-chart-topics.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-chart", NULL));
  ce_test_ui_wait_toplevel (CE_TYPE_EXPORT_DIALOG, GTK_WINDOW (window));
  dialog = find_toplevel (CE_TYPE_EXPORT_DIALOG, GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Diagramm exportieren");
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_row_titled, (gpointer)"_Breite"));
  ce_test_ui_screenshot (GTK_WIDGET (dialog), "i18n-de-export.png");
  gtk_window_destroy (dialog);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A JSON Lines file with one document of LONG_WORDS words */
static char *
write_long_document (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  char *path = g_build_filename (tmp_dir, "long.jsonl", NULL);
  static const char * const words[] = { "harbour", "ferry", "council", "island", "quay", "storm" };

  for (guint i = 0; i < LONG_WORDS; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? (i % 12 == 0 ? ".\\n\\n" : " ") : "",
                            words[i % G_N_ELEMENTS (words)]);
  line = g_strdup_printf ("{\"title\": \"A very long report on the harbours\", \"date\": \"2024-03-05\", "
                          "\"place\": \"OBAN\", \"source\": \"Island Herald\", \"text\": \"%s.\"}\n",
                          text->str);
  g_assert_true (g_file_set_contents (path, line, -1, &error));
  g_assert_no_error (error);

  return path;
}

static void
skip_without_locale (void)
{
  g_test_skip ("the " LOCALE " locale is not available (make deps generates it)");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *sample = NULL;
  g_autofree char *long_document = NULL;
  g_autofree char *catalogue = NULL;
  g_autoptr(CeImportReport) report = NULL;
  const char *locale_dir = g_getenv ("CE_LOCALE_DIR");
  int ret;

  /* Checked before GTK starts: it warns, fatally under GTest, about a
   * locale the C library does not have */
  if (setlocale (LC_ALL, LOCALE) == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/corpus-explorer/i18n-ui/locale", skip_without_locale);
      return g_test_run ();
    }
  g_setenv ("LC_ALL", LOCALE, TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);

  /* As main.c does, with the catalogue meson builds in the build folder */
  g_assert_nonnull (locale_dir);
  catalogue = g_build_filename (locale_dir, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (catalogue, G_FILE_TEST_EXISTS))
    g_error ("%s is missing: build the project first", catalogue);
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  tmp_dir = ce_test_ui_init_data_home ();
  if (!ce_test_ui_init (&argc, &argv))
    return g_test_run ();
  app = ce_test_ui_new_application ();

  sample = ce_test_sample_path ("sample.jsonl");
  corpus_path = ce_test_import (tmp_dir, "sample", sample);
  long_document = write_long_document ();
  report = ce_test_import_file (corpus_path, long_document);
  g_assert_cmpuint (report->documents_added, ==, 1);

  g_test_add_func ("/corpus-explorer/i18n-ui/catalogue", test_catalogue);
  g_test_add_func ("/corpus-explorer/i18n-ui/empty-window", test_empty_window);
  g_test_add_func ("/corpus-explorer/i18n-ui/pages", test_pages);
  g_test_add_func ("/corpus-explorer/i18n-ui/numbers-and-dates", test_numbers_and_dates);
  g_test_add_func ("/corpus-explorer/i18n-ui/narrow", test_narrow);
  g_test_add_func ("/corpus-explorer/i18n-ui/dialogs", test_dialogs);
  g_test_add_func ("/corpus-explorer/i18n-ui/chart-with-topics", test_chart_with_topics);

  ret = g_test_run ();

  g_clear_object (&app);
  ce_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (corpus_path);

  return ret;
}
