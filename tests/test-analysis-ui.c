/* test-analysis-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Analysis page on the sample corpus: each view computes what the
 * core computes for the same search, and what a click on a row or a
 * cell asks of the window happens (a search, filtered contexts, a topic,
 * a list of documents).  Screenshots of each view, light and dark.
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "ce-analysis-view.h"
#include "ce-chart-widget.h"
#include "ce-collocates.h"
#include "ce-contexts-view.h"
#include "ce-cooccurrence.h"
#include "ce-corpus.h"
#include "ce-document-list.h"
#include "ce-document-list-model.h"
#include "ce-export-dialog.h"
#include "ce-keyness.h"
#include "ce-ngrams.h"
#include "ce-session.h"
#include "ce-stopwords.h"
#include "ce-topics.h"
#include "ce-window.h"
#include "ce-test-ui.h"

static CeApplication *app;
static char *tmp_dir;
static char *sample_corpus;

static void
import_sample (const char *path)
{
  g_autofree char *jsonl = ce_test_sample_path ("sample.jsonl");
  g_autoptr(CeImportReport) report = ce_test_import_file (path, jsonl);

  g_assert_cmpuint (report->documents_added, ==, 52);
}

static void
add_topic (const char          *path,
           const char          *name,
           const char          *color,
           const char * const  *terms)
{
  g_autoptr(CeCorpus) corpus = NULL;
  g_autoptr(CeTopic) topic = ce_topic_new (name, color, terms);
  g_autoptr(GError) error = NULL;

  ce_test_store_begin ();
  corpus = ce_corpus_open (path, CE_CORPUS_OPEN_DEFAULT, NULL);
  g_assert_nonnull (corpus);
  g_assert_true (ce_topics_save (corpus, topic, &error));
  ce_test_store_end ();
  g_assert_no_error (error);
}

static CeWindow *
open_window (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (sample_corpus);
  g_autoptr(GError) error = NULL;
  CeWindow *window = ce_test_ui_new_window (app, 1280, 800);

  g_assert_true (ce_test_ui_open_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (ce_test_ui_settle (window));

  return window;
}

static CeAnalysisView *
analysis_view (CeWindow *window)
{
  return ce_test_ui_window_child (window, "analysis_view");
}

typedef struct
{
  CeAnalysisView *view;
  const char     *name;
} Waiting;

static gboolean
view_ready (gpointer data)
{
  Waiting *waiting = data;

  return !ce_analysis_view_is_busy (waiting->view, waiting->name);
}

/* Shows the page and the view @name, and waits for its results */
static CeAnalysisView *
show_view (CeWindow   *window,
           const char *name)
{
  CeAnalysisView *view = analysis_view (window);
  Waiting waiting = { view, name };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "analysis"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ce_test_ui_window_child (window, "view_stack")),
                   ==, "analysis");
  ce_analysis_view_show (view, name);
  g_assert_cmpstr (ce_analysis_view_get_shown (view), ==, name);
  g_assert_true (ce_test_ui_wait_until (view_ready, &waiting, 30));
  g_assert_true (ce_test_ui_settle (window));

  return view;
}

static void
wait_view (CeAnalysisView *view,
           const char     *name)
{
  Waiting waiting = { view, name };

  g_assert_true (ce_test_ui_wait_until (view_ready, &waiting, 30));
  g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (view), 2));
}

static void
search (CeWindow   *window,
        const char *text)
{
  g_assert_true (ce_test_ui_search (window, text));
}

static CeAnalysisRow *
row_at (GtkColumnView *table,
        guint          position)
{
  return g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (table)), position);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
screenshots (CeWindow   *window,
             const char *name)
{
  for (guint dark = 0; dark < 2; dark++)
    {
      g_autofree char *file = g_strdup_printf ("analysis-%s-%s.png", name, dark ? "dark" : "light");

      ce_test_ui_set_dark (dark);
      ce_test_ui_screenshot (GTK_WIDGET (window), file);
    }
  ce_test_ui_set_dark (FALSE);
}

static void
collect_keys (GtkWidget  *widget,
              GHashTable *keys,
              guint      *n_controls)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)) &&
      strchr (gtk_label_get_label (GTK_LABEL (widget)), '_') != NULL)
    {
      guint keyval = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));

      if (keyval != GDK_KEY_VoidSymbol)
        {
          const char *other = g_hash_table_lookup (keys, GUINT_TO_POINTER (keyval));

          if (other != NULL)
            g_error ("“%s” and “%s” share a mnemonic", other, gtk_label_get_label (GTK_LABEL (widget)));
          g_hash_table_insert (keys, GUINT_TO_POINTER (keyval), (gpointer)gtk_label_get_label (GTK_LABEL (widget)));
        }
    }

  /* Every value to set is named by a label whose mnemonic reaches it */
  if (GTK_IS_SPIN_BUTTON (widget) || GTK_IS_DROP_DOWN (widget))
    {
      GList *labels = gtk_widget_list_mnemonic_labels (widget);

      g_assert_nonnull (labels);
      g_list_free (labels);
      (*n_controls)++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_keys (child, keys, n_controls);
}

/* Every mnemonic of the page is unique, those of its four views too */
static void
test_mnemonics (void)
{
  CeWindow *window = open_window ();
  g_autoptr(GHashTable) keys = g_hash_table_new (NULL, NULL);
  guint n_controls = 0;

  collect_keys (GTK_WIDGET (analysis_view (window)), keys, &n_controls);
  /* Four views, eleven values to set and the buttons */
  g_assert_cmpuint (n_controls, ==, 11);
  g_assert_cmpuint (g_hash_table_size (keys), >=, 4 + 11 + 6);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Without a search, the keywords say what to do */
static void
test_empty (void)
{
  CeWindow *window = open_window ();
  CeAnalysisView *view = show_view (window, "keywords");
  GtkColumnView *table = ce_analysis_view_get_table (view, "keywords");

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (table))), ==, 0);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (table)));
  screenshots (window, "keywords-empty");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_keywords (void)
{
  CeWindow *window = open_window ();
  CeSession *session = ce_window_get_session (window);
  CeAnalysisView *view;
  GtkColumnView *table;
  g_autoptr(CeCorpus) corpus = NULL;
  g_autoptr(CeQuery) query = NULL;
  g_autoptr(CeKeywordResult) expected = NULL;
  g_autoptr(CeAnalysisRow) first = NULL;
  g_autoptr(GError) error = NULL;
  CeKeywordOptions options = { 0, };
  CeKeyword *top;
  CeChartModel *model;
  CePlot *plot = NULL;
  const char *text;

  search (window, "tariff*");
  view = show_view (window, "keywords");
  table = ce_analysis_view_get_table (view, "keywords");

  /* What `corpus-explorer keywords --target Q` prints first: the
   * defaults are a minimum of 5 and no stop words, sorted by G² */
  CE_TEST_STORE (corpus = ce_corpus_open (sample_corpus, CE_CORPUS_OPEN_READ_ONLY, &error));
  g_assert_no_error (error);
  query = ce_query_parse (ce_query_get_text (ce_session_get_query (session)), &error);
  g_assert_no_error (error);
  options.min_count = 5;
  CE_TEST_STORE (expected = ce_keywords_compute (corpus, query, NULL, &options, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (expected->keywords->len, >, 0);
  top = g_ptr_array_index (expected->keywords, 0);
  g_assert_cmpfloat (top->log_ratio, >, 0);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (table))), >, 0);
  first = row_at (table, 0);
  g_assert_cmpstr (ce_analysis_row_get_text (first, 0), ==, top->word);
  g_assert_cmpfloat_with_epsilon (ce_analysis_row_get_value (first, 3), top->ll, 1e-9);
  g_assert_cmpfloat_with_epsilon (ce_analysis_row_get_value (first, 4), top->log_ratio, 1e-9);
  g_assert_cmpfloat (ce_analysis_row_get_value (first, 0), ==, top->target_count);

  /* The chart: the words with the largest log ratios, largest first */
  g_object_get (ce_analysis_view_get_chart (view, "keywords"), "plot", &plot, NULL);
  model = ce_plot_get_model (plot);
  g_assert_nonnull (model);
  g_assert_cmpuint (ce_chart_model_get_n_categories (model), >, 0);
  g_assert_cmpuint (ce_chart_model_get_n_categories (model), <=, 20);
  for (guint c = 1; c < ce_chart_model_get_n_categories (model); c++)
    g_assert_cmpfloat (ce_chart_model_get_value (model, 0, c - 1), >=, ce_chart_model_get_value (model, 0, c));
  g_clear_object (&plot);

  screenshots (window, "keywords");

  /* The chart exports like every chart: the export dialog, with its plot */
  {
    GtkWidget *button = ce_test_ui_find_named (GTK_WIDGET (view), "keywords-export");
    GListModel *toplevels = gtk_window_get_toplevels ();
    CeExportDialog *dialog = NULL;
    g_autofree char *name = NULL;

    g_assert_true (gtk_widget_get_sensitive (button));
    g_signal_emit_by_name (button, "clicked");
    g_assert_true (ce_test_ui_settle (window));
    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
      {
        g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

        if (CE_IS_EXPORT_DIALOG (toplevel) && gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window))
          dialog = CE_EXPORT_DIALOG (toplevel);
      }
    g_assert_nonnull (dialog);
    ce_export_dialog_set_format (dialog, CE_EXPORT_CSV);
    name = ce_export_dialog_suggest_name (dialog);
    g_assert_true (g_str_has_suffix (name, ".csv"));
    g_assert_nonnull (strstr (name, "Keywords"));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* Stop words left out: none of the rows is one */
  {
    GtkWidget *check = ce_test_ui_find_named (GTK_WIDGET (view), "keywords-stopwords");
    g_autoptr(GHashTable) stopwords = ce_stopwords_load (NULL, &error);
    GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (table));

    g_assert_no_error (error);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
    wait_view (view, "keywords");
    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(CeAnalysisRow) row = row_at (table, i);

        g_assert_false (g_hash_table_contains (stopwords, ce_analysis_row_get_text (row, 0)));
      }

    /* The list edited in Preferences: the view shown computes again at
     * once, one computed before but hidden when it is shown */
    {
      g_autoptr(CeAnalysisRow) top_row = row_at (table, 0);
      g_autofree char *word = g_strdup (ce_analysis_row_get_text (top_row, 0));
      g_autofree char *list = ce_stopwords_dup_text (NULL, &error);
      g_autofree char *longer = NULL;
      gboolean found = FALSE;

      g_assert_no_error (error);
      show_view (window, "ngrams");
      g_assert_false (ce_analysis_view_is_busy (view, "ngrams"));
      show_view (window, "keywords");

      longer = g_strconcat (list, "\n", word, "\n", NULL);
      g_assert_true (ce_stopwords_save (longer, &error));
      g_assert_no_error (error);
      g_assert_true (ce_analysis_view_is_busy (view, "keywords"));
      g_assert_true (ce_analysis_view_is_busy (view, "ngrams"));
      wait_view (view, "keywords");
      g_assert_cmpuint (g_list_model_get_n_items (rows), >, 0);
      for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
        {
          g_autoptr(CeAnalysisRow) row = row_at (table, i);

          g_assert_cmpstr (ce_analysis_row_get_text (row, 0), !=, word);
        }
      /* Hidden, it waits to be shown */
      g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (window), 3));
      g_assert_true (ce_analysis_view_is_busy (view, "ngrams"));

      /* Back to the shipped list: the word is back */
      g_assert_true (ce_stopwords_reset (&error));
      g_assert_no_error (error);
      wait_view (view, "keywords");
      for (guint i = 0; i < g_list_model_get_n_items (rows) && !found; i++)
        {
          g_autoptr(CeAnalysisRow) row = row_at (table, i);

          found = g_strcmp0 (ce_analysis_row_get_text (row, 0), word) == 0;
        }
      g_assert_true (found);
    }

    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
    wait_view (view, "keywords");
  }

  /* Activating the first word searches for it within the search */
  g_signal_emit_by_name (table, "activate", 0);
  g_assert_true (ce_test_ui_settle (window));
  text = gtk_editable_get_text (GTK_EDITABLE (ce_test_ui_window_child (window, "search_entry")));
  g_assert_cmpstr (text, ==, g_strdup_printf ("tariff* %s", top->word));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ce_test_ui_window_child (window, "view_stack")),
                   ==, "documents");

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
contexts_ready (gpointer data)
{
  return ce_contexts_view_get_counts (data, NULL, NULL);
}

typedef struct
{
  CeContextsView *view;
  guint           all_lines;
} FilterWait;

static gboolean
contexts_filtered (gpointer data)
{
  FilterWait *wait = data;
  guint n_lines;

  return ce_contexts_view_get_counts (wait->view, &n_lines, NULL) && n_lines < wait->all_lines;
}

static gboolean
has_word (const char *text,
          const char *word)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);

  return strstr (folded, word) != NULL;
}

static void
test_collocates (void)
{
  CeWindow *window = open_window ();
  CeSession *session = ce_window_get_session (window);
  CeContextsView *contexts = ce_test_ui_window_child (window, "contexts_view");
  CeAnalysisView *view;
  GtkColumnView *table;
  g_autoptr(CeCorpus) corpus = NULL;
  g_autoptr(CeQuery) query = NULL;
  g_autoptr(CeCollocateResult) expected = NULL;
  g_autoptr(CeAnalysisRow) first = NULL;
  g_autoptr(GError) error = NULL;
  CeCollocateOptions options = { 0, };
  CeCollocate *top;
  guint n_lines = 0;
  guint all_lines = 0;
  const char *word;

  search (window, "trade");
  view = show_view (window, "collocates");
  table = ce_analysis_view_get_table (view, "collocates");

  CE_TEST_STORE (corpus = ce_corpus_open (sample_corpus, CE_CORPUS_OPEN_READ_ONLY, &error));
  g_assert_no_error (error);
  query = ce_query_parse (ce_query_get_text (ce_session_get_query (session)), &error);
  g_assert_no_error (error);
  options.left = options.right = 5;
  options.min_count = 3;
  CE_TEST_STORE (expected = ce_collocates_for_query (corpus, query, &options, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (expected->collocates->len, >, 0);
  top = g_ptr_array_index (expected->collocates, 0);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (table))),
                    ==, expected->collocates->len);
  first = row_at (table, 0);
  word = ce_analysis_row_get_text (first, 0);
  g_assert_cmpstr (word, ==, top->word);
  g_assert_cmpfloat (ce_analysis_row_get_value (first, 0), ==, top->count);
  g_assert_cmpfloat_with_epsilon (ce_analysis_row_get_value (first, 5), top->log_dice, 1e-9);

  screenshots (window, "collocates");

  /* A window of nothing on either side finds nothing */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (ce_test_ui_find_named (GTK_WIDGET (view), "collocates-left")), 0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (ce_test_ui_find_named (GTK_WIDGET (view), "collocates-right")), 0);
  wait_view (view, "collocates");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (table))), ==, 0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (ce_test_ui_find_named (GTK_WIDGET (view), "collocates-left")), 5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (ce_test_ui_find_named (GTK_WIDGET (view), "collocates-right")), 5);
  wait_view (view, "collocates");
  g_clear_object (&first);
  first = row_at (table, 0);
  g_assert_cmpstr (ce_analysis_row_get_text (first, 0), ==, top->word);

  /* Around the mentions of a topic instead: what the core gives for it */
  {
    GtkDropDown *source = GTK_DROP_DOWN (ce_test_ui_find_named (GTK_WIDGET (view), "collocates-source"));
    CeTopic *trade = g_list_model_get_item (ce_session_get_topics (session), 0);
    g_autoptr(CeCollocateResult) for_topic = NULL;
    g_autoptr(CeAnalysisRow) row = NULL;

    g_assert_cmpstr (ce_topic_get_name (trade), ==, "Trade");
    CE_TEST_STORE (for_topic = ce_collocates_for_topic (corpus, trade, &options, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (for_topic->matches, >, expected->matches);
    gtk_drop_down_set_selected (source, 1);
    wait_view (view, "collocates");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (table))),
                      ==, for_topic->collocates->len);
    row = row_at (table, 0);
    g_assert_cmpstr (ce_analysis_row_get_text (row, 0), ==,
                     ((CeCollocate *)g_ptr_array_index (for_topic->collocates, 0))->word);
    gtk_drop_down_set_selected (source, 0);
    wait_view (view, "collocates");
    g_object_unref (trade);
  }

  /* Every line of the search, then only those with the collocate nearby */
  ce_contexts_view_set_filter (contexts, NULL);
  adw_view_stack_set_visible_child_name (ce_test_ui_window_child (window, "view_stack"), "contexts");
  g_assert_true (ce_test_ui_settle (window));
  g_assert_true (ce_test_ui_wait_until (contexts_ready, contexts, 20));
  ce_contexts_view_get_counts (contexts, NULL, &all_lines);
  show_view (window, "collocates");

  g_signal_emit_by_name (table, "activate", 0);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ce_test_ui_window_child (window, "view_stack")),
                   ==, "contexts");
  /* The filter entry reports its text after a pause of its own: wait
   * for the lines to be filtered */
  g_assert_true (ce_test_ui_wait_until (contexts_filtered, &(FilterWait) { contexts, all_lines }, 20));
  g_assert_true (ce_contexts_view_get_counts (contexts, &n_lines, NULL));
  g_assert_cmpuint (n_lines, >, 0);
  g_assert_cmpuint (n_lines, <, all_lines);
  for (guint i = 0; i < n_lines; i++)
    {
      const CeContext *line = ce_contexts_view_get_line (contexts, i);

      g_assert_true (has_word (line->left, top->word) || has_word (line->right, top->word));
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_ngrams (void)
{
  CeWindow *window = open_window ();
  CeSession *session = ce_window_get_session (window);
  GListModel *topics = ce_session_get_topics (session);
  guint n_topics = g_list_model_get_n_items (topics);
  CeAnalysisView *view;
  GtkColumnView *table;
  g_autoptr(CeCorpus) corpus = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GHashTable) stopwords = NULL;
  g_autoptr(CeAnalysisRow) first = NULL;
  g_autoptr(CeTopic) made = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *term = NULL;
  CeNgramOptions options = { 0, };
  CeNgram *top;
  guint n_docs = 0;

  view = show_view (window, "ngrams");
  table = ce_analysis_view_get_table (view, "ngrams");

  /* The whole corpus, pairs of words, stop-word-only pairs left out */
  CE_TEST_STORE (corpus = ce_corpus_open (sample_corpus, CE_CORPUS_OPEN_READ_ONLY, &error));
  g_assert_no_error (error);
  stopwords = ce_stopwords_load (NULL, &error);
  g_assert_no_error (error);
  options.min_n = options.max_n = 2;
  options.min_count = 2;
  options.top = 500;
  options.stopwords = stopwords;
  CE_TEST_STORE (expected = ce_ngrams_compute (corpus, NULL, &options, &n_docs, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_docs, ==, 52);
  g_assert_cmpuint (expected->len, >, 0);
  top = g_ptr_array_index (expected, 0);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (table))), ==, expected->len);
  first = row_at (table, 0);
  g_assert_cmpfloat (ce_analysis_row_get_value (first, 0), ==, top->count);
  g_assert_cmpfloat (ce_analysis_row_get_value (first, 1), ==, top->docs);

  screenshots (window, "ngrams");

  /* Three words */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (ce_test_ui_find_named (GTK_WIDGET (view), "ngrams-n")), 3);
  wait_view (view, "ngrams");
  g_clear_object (&first);
  first = row_at (table, 0);
  g_assert_nonnull (first);
  {
    g_auto(GStrv) words = g_strsplit (ce_analysis_row_get_text (first, 0), " ", -1);

    g_assert_cmpuint (g_strv_length (words), ==, 3);
  }

  /* The n-gram selected becomes the term of a new topic */
  g_assert_false (gtk_widget_get_sensitive (ce_test_ui_find_named (GTK_WIDGET (view), "ngrams-topic")));
  gtk_selection_model_select_item (gtk_column_view_get_model (table), 0, TRUE);
  g_assert_true (gtk_widget_get_sensitive (ce_test_ui_find_named (GTK_WIDGET (view), "ngrams-topic")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (table), "ngrams.new-topic", NULL));
  g_assert_true (ce_test_ui_wait_n_items (topics, n_topics + 1));
  g_assert_cmpuint (g_list_model_get_n_items (topics), ==, n_topics + 1);
  made = g_list_model_get_item (topics, n_topics);
  term = g_strdup_printf ("\"%s\"", ce_analysis_row_get_text (first, 0));
  g_assert_cmpstr (ce_topic_get_terms (made)[0], ==, term);
  g_assert_null (ce_topic_get_terms (made)[1]);
  g_assert_cmpstr (ce_topic_get_name (made), ==, ce_analysis_row_get_text (first, 0));

  /* … or a term of one there is: the n-gram of the second row */
  {
    g_autoptr(CeAnalysisRow) second = row_at (table, 1);
    g_autofree char *term2 = g_strdup_printf ("\"%s\"", ce_analysis_row_get_text (second, 0));
    CeTopic *changed;

    gtk_selection_model_select_item (gtk_column_view_get_model (table), 1, TRUE);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (table), "ngrams.add-to-topic", "x",
                                               ce_topic_get_id (made)));
    g_assert_true (ce_test_ui_wait_writes (window));
    changed = ce_session_find_topic (session, ce_topic_get_id (made), NULL);
    g_assert_nonnull (changed);
    g_assert_cmpstr (ce_topic_get_terms (changed)[0], ==, term);
    g_assert_cmpstr (ce_topic_get_terms (changed)[1], ==, term2);
  }

  /* Take it away again, so the other cases see the two topics */
  g_assert_true (ce_session_remove_topic (session, ce_session_find_topic (session, ce_topic_get_id (made), NULL),
                                          &error));
  g_assert_no_error (error);
  g_assert_true (ce_test_ui_wait_writes (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_cooccurrence (void)
{
  CeWindow *window = open_window ();
  CeSession *session = ce_window_get_session (window);
  CeDocumentList *list = ce_test_ui_window_child (window, "document_list");
  CeAnalysisView *view;
  GtkColumnView *table;
  CeChartWidget *chart;
  g_autoptr(CeCorpus) corpus = NULL;
  g_autoptr(GPtrArray) topics = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CePlot) plot = NULL;
  g_autoptr(CeAnalysisRow) row = NULL;
  CeCooccurrence *pair;
  CeDocumentListModel *model;
  cairo_rectangle_t rect;
  guint n_docs = 0;

  view = show_view (window, "cooccurrence");
  table = ce_analysis_view_get_table (view, "cooccurrence");
  chart = CE_CHART_WIDGET (ce_analysis_view_get_chart (view, "cooccurrence"));

  topics = ce_session_dup_enabled_topics (session);
  g_assert_cmpuint (topics->len, ==, 3);
  CE_TEST_STORE (corpus = ce_corpus_open (sample_corpus, CE_CORPUS_OPEN_READ_ONLY, &error));
  g_assert_no_error (error);
  CE_TEST_STORE (pairs = ce_cooccurrence_compute (corpus, topics, &n_docs, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pairs->len, ==, 3);

  /* The pair mentioned together most often is first */
  pair = g_ptr_array_index (pairs, 0);
  for (guint i = 1; i < pairs->len; i++)
    if (((CeCooccurrence *)g_ptr_array_index (pairs, i))->jaccard > pair->jaccard)
      pair = g_ptr_array_index (pairs, i);
  g_assert_cmpuint (pair->docs_both, >, 0);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (table))), ==, 3);
  row = row_at (table, 0);
  g_assert_cmpstr (ce_analysis_row_get_text (row, 0), ==, ce_topic_get_name (g_ptr_array_index (topics, pair->a)));
  g_assert_cmpstr (ce_analysis_row_get_text (row, 1), ==, ce_topic_get_name (g_ptr_array_index (topics, pair->b)));
  g_assert_cmpfloat (ce_analysis_row_get_value (row, 0), ==, pair->docs_both);
  g_assert_cmpfloat_with_epsilon (ce_analysis_row_get_value (row, 3), pair->jaccard, 1e-12);

  /* The heat map: both off-diagonal cells hold Jaccard, the diagonal nothing */
  g_object_get (chart, "plot", &plot, NULL);
  g_assert_cmpfloat_with_epsilon (ce_chart_model_get_value (ce_plot_get_model (plot), pair->a, pair->b),
                                  pair->jaccard, 1e-12);
  g_assert_cmpfloat_with_epsilon (ce_chart_model_get_value (ce_plot_get_model (plot), pair->b, pair->a),
                                  pair->jaccard, 1e-12);
  g_assert_true (isnan (ce_chart_model_get_value (ce_plot_get_model (plot), 0, 0)));

  screenshots (window, "cooccurrence");

  /* PMI instead */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ce_test_ui_find_named (GTK_WIDGET (view), "cooccurrence-measure")), 1);
  g_assert_true (ce_test_ui_settle (window));
  g_assert_cmpfloat_with_epsilon (ce_chart_model_get_value (ce_plot_get_model (plot), pair->a, pair->b),
                                  pair->pmi, 1e-12);
  screenshots (window, "cooccurrence-pmi");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ce_test_ui_find_named (GTK_WIDGET (view), "cooccurrence-measure")), 0);
  g_assert_true (ce_test_ui_settle (window));

  /* A click on the cell lists exactly the documents it counts */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (chart));
  g_assert_true (ce_plot_get_bar_rect (plot, pair->b, pair->a, &rect));
  g_assert_true (ce_chart_widget_click (chart, rect.x + rect.width / 2, rect.y + rect.height / 2));
  g_assert_true (ce_test_ui_settle (window));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ce_test_ui_window_child (window, "view_stack")),
                   ==, "documents");
  model = ce_document_list_get_model (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, pair->docs_both);
  for (guint i = 0; i < pair->both->len; i++)
    g_assert_cmpuint (ce_document_list_model_find (model, g_array_index (pair->both, gint64, i)),
                      !=, GTK_INVALID_LIST_POSITION);

  /* The keywords of these documents, from the bar above the list */
  {
    GtkWidget *revealer = ce_test_ui_window_child (window, "chart_filter_revealer");
    GtkWidget *button = find_button (revealer, "_Keywords");
    g_autoptr(CeKeywordResult) expected = NULL;
    g_autoptr(CeAnalysisRow) first = NULL;
    GtkColumnView *keywords = ce_analysis_view_get_table (view, "keywords");
    CeKeywordOptions options = { .min_count = 5 };

    g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (ce_test_ui_window_child (window, "view_stack")),
                     ==, "analysis");
    g_assert_cmpstr (ce_analysis_view_get_shown (view), ==, "keywords");
    wait_view (view, "keywords");

    CE_TEST_STORE (expected = ce_keywords_compute_for_ids (corpus, pair->both, &options, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (expected->target_docs, ==, pair->docs_both);
    g_assert_cmpuint (expected->keywords->len, >, 0);
    first = row_at (keywords, 0);
    g_assert_nonnull (first);
    g_assert_cmpstr (ce_analysis_row_get_text (first, 0), ==,
                     ((CeKeyword *)g_ptr_array_index (expected->keywords, 0))->word);
    g_assert_true (gtk_widget_get_visible (ce_test_ui_find_named (GTK_WIDGET (view), "keywords-search")));
    screenshots (window, "keywords-of-documents");
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  tmp_dir = ce_test_ui_init_data_home ();
  /* Before GLib reads it: the stop words are saved in a folder of the test's */
  {
    g_autofree char *config_home = g_build_filename (tmp_dir, "config", NULL);

    g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  }
  if (!ce_test_ui_init (&argc, &argv))
    return g_test_run ();
  app = ce_test_ui_new_application ();

  sample_corpus = g_build_filename (tmp_dir, "sample.corpus", NULL);
  import_sample (sample_corpus);
  add_topic (sample_corpus, "Trade", "#0072b2", (const char *[]) { "trade", "tariff*", NULL });
  add_topic (sample_corpus, "Climate", "#e69f00",
             (const char *[]) { "climate", "storm*", "cyclone*", "flood*", NULL });
  add_topic (sample_corpus, "Ports", "#009e73",
             (const char *[]) { "port", "ports", "harbour", "shipping", NULL });

  g_test_add_func ("/corpus-explorer/analysis-ui/mnemonics", test_mnemonics);
  g_test_add_func ("/corpus-explorer/analysis-ui/empty", test_empty);
  g_test_add_func ("/corpus-explorer/analysis-ui/keywords", test_keywords);
  g_test_add_func ("/corpus-explorer/analysis-ui/collocates", test_collocates);
  g_test_add_func ("/corpus-explorer/analysis-ui/ngrams", test_ngrams);
  g_test_add_func ("/corpus-explorer/analysis-ui/cooccurrence", test_cooccurrence);

  ret = g_test_run ();

  g_clear_object (&app);
  ce_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (sample_corpus);

  return ret;
}
