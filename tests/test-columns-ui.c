/* test-columns-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ce-application.h"
#include "ce-contexts-view.h"
#include "ce-counter.h"
#include "ce-document-list.h"
#include "ce-reader-view.h"
#include "ce-search.h"
#include "ce-topics-panel.h"
#include "ce-window.h"
#include "ce-test-ui.h"

#define N_FIXED_COLUMNS 5

static CeApplication *app;
static char *tmp_dir;
static char *corpus_path;

static CeCorpus *
open_corpus (void)
{
  g_autoptr(GError) error = NULL;
  CeCorpus *corpus;

  CE_TEST_STORE (corpus = ce_corpus_open (corpus_path, CE_CORPUS_OPEN_READ_ONLY, &error));
  g_assert_no_error (error);
  return corpus;
}

static gboolean
not_loading (gpointer data)
{
  return !ce_document_list_model_is_loading (data);
}

static gboolean
search_listed (gpointer data)
{
  return !ce_document_list_model_is_loading (data) &&
         g_strcmp0 (ce_document_list_model_get_search (data), "tariff*") == 0 &&
         ce_document_list_model_get_ranked (data);
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
  list = ce_test_ui_window_child (window, "document_list");
  g_assert_true (ce_test_ui_wait_until (not_loading, ce_document_list_get_model (list), 10));
  g_assert_true (ce_test_ui_settle (window));

  return window;
}

static GtkColumnViewColumn *
find_column (GtkColumnView *view,
             const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = N_FIXED_COLUMNS; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }

  return NULL;
}

/* The expected counts, from a connection of the test's own */
static GHashTable *
expected_counts (CeCorpus *corpus,
                 CeTopic  *topic)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) counts = NULL;
  GHashTable *table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  CE_TEST_STORE (counts = ce_counter_count_documents (corpus, topic, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < counts->len; i++)
    {
      const CeDocCount *count = &g_array_index (counts, CeDocCount, i);

      g_hash_table_insert (table, g_memdup2 (&count->doc_id, sizeof count->doc_id),
                           GUINT_TO_POINTER (count->count));
    }

  return table;
}

static guint
expected_count (GHashTable *table,
                gint64      doc_id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (table, &doc_id));
}

typedef struct
{
  CeDocumentList *list;
  const char     *topics[3];   /* NULL-terminated: the columns wanted */
} ColumnsWait;

/* The list has exactly the topic columns wanted, and their counts */
static gboolean
columns_ready (gpointer data)
{
  ColumnsWait *wait = data;
  GtkColumnView *view = ce_test_ui_child (wait->list, CE_TYPE_DOCUMENT_LIST, "column_view");
  CeDocumentListModel *model = ce_document_list_get_model (wait->list);
  guint n = 0;

  while (wait->topics[n] != NULL)
    n++;

  if (g_list_model_get_n_items (gtk_column_view_get_columns (view)) != N_FIXED_COLUMNS + n)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkColumnViewColumn) column =
        g_list_model_get_item (gtk_column_view_get_columns (view), N_FIXED_COLUMNS + i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), wait->topics[i]) != 0 ||
          !ce_document_list_model_get_topic_count (model, wait->topics[i], 0, NULL))
        return FALSE;
    }

  return !ce_document_list_model_is_counting (model) && !ce_document_list_model_is_loading (model);
}

static void
collect_labels (GtkWidget  *widget,
                const char *css_class,
                GPtrArray  *labels)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css_class))
    g_ptr_array_add (labels, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, css_class, labels);
}

static GtkWidget *
first_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = first_label (child);

      if (label != NULL)
        return label;
    }

  return NULL;
}

/* Checks the count cells of the rows drawn against @expected (topic
 * name -> GHashTable of counts).  Rows are told apart by their titles,
 * which are unique in the sample.  Returns the rows checked. */
static guint
check_cells (CeDocumentList *list,
             GHashTable     *expected)
{
  GtkColumnView *view = ce_test_ui_child (list, CE_TYPE_DOCUMENT_LIST, "column_view");
  CeDocumentListModel *model = ce_document_list_get_model (list);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GtkWidget *list_view = NULL;
  guint n_rows = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(CeDocument) document = g_list_model_get_item (G_LIST_MODEL (model), i);
      gint64 id = ce_document_get_id (document);

      g_assert_false (g_hash_table_contains (ids, ce_document_get_title (document)));
      g_hash_table_insert (ids, g_strdup (ce_document_get_title (document)), g_memdup2 (&id, sizeof id));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view)); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      list_view = child;
  g_assert_nonnull (list_view);

  for (GtkWidget *row = gtk_widget_get_first_child (list_view); row; row = gtk_widget_get_next_sibling (row))
    {
      g_autoptr(GPtrArray) counts = g_ptr_array_new ();
      GtkWidget *title = first_label (row);
      const gint64 *id;

      if (title == NULL || !gtk_widget_get_mapped (row))
        continue;
      id = g_hash_table_lookup (ids, gtk_label_get_label (GTK_LABEL (title)));
      g_assert_nonnull (id);

      collect_labels (row, "topic-count", counts);
      g_assert_cmpuint (counts->len, ==, g_hash_table_size (expected));
      for (guint i = 0; i < counts->len; i++)
        {
          GtkLabel *label = g_ptr_array_index (counts, i);
          const char *topic = g_object_get_data (G_OBJECT (label), "ce-topic");
          GHashTable *table = g_hash_table_lookup (expected, topic);
          guint count;
          g_autofree char *text = NULL;

          g_assert_nonnull (table);
          count = expected_count (table, *id);
          text = count > 0 ? g_strdup_printf ("%'u", count) : g_strdup ("");
          g_assert_cmpstr (gtk_label_get_label (label), ==, text);
        }
      n_rows++;
    }

  return n_rows;
}

static guint
row_count (CeDocumentListModel *model,
           GHashTable          *table,
           guint                position)
{
  return expected_count (table, ce_document_list_model_get_id (model, position));
}

/* Rows sorted by @table's counts, those without mentions last, ties
 * in corpus order */
static void
check_sorted (CeDocumentListModel *model,
              GHashTable          *table,
              GArray              *corpus_order,
              gboolean             descending)
{
  g_autoptr(GHashTable) rank = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  g_assert_cmpuint (n, ==, corpus_order->len);
  for (guint i = 0; i < corpus_order->len; i++)
    g_hash_table_insert (rank, &g_array_index (corpus_order, gint64, i), GUINT_TO_POINTER (i));

  for (guint i = 1; i < n; i++)
    {
      guint before = row_count (model, table, i - 1);
      guint here = row_count (model, table, i);
      gint64 id_before = ce_document_list_model_get_id (model, i - 1);
      gint64 id_here = ce_document_list_model_get_id (model, i);

      if (here == 0)
        {
          if (before == 0)
            g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (rank, &id_before)), <,
                              GPOINTER_TO_UINT (g_hash_table_lookup (rank, &id_here)));
          continue;
        }

      g_assert_cmpuint (before, !=, 0);
      if (descending)
        g_assert_cmpuint (before, >=, here);
      else
        g_assert_cmpuint (before, <=, here);
      if (before == here)
        g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (rank, &id_before)), <,
                          GPOINTER_TO_UINT (g_hash_table_lookup (rank, &id_here)));
    }
}

static guint
count_swatches (GtkWidget *widget)
{
  guint n = gtk_widget_has_css_class (widget, "topic-swatch") && gtk_widget_get_mapped (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_swatches (child);

  return n;
}

static void
save_screenshots (GtkWidget  *widget,
                  const char *name)
{
  g_autofree char *light = g_strdup_printf ("%s-light.png", name);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", name);
  AdwStyleManager *style = adw_style_manager_get_default ();

  g_assert_true (ce_test_ui_wait_drawn ());
  ce_test_ui_screenshot (widget, light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (ce_test_ui_wait_drawn ());
  ce_test_ui_screenshot (widget, dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  g_assert_true (ce_test_ui_wait_drawn ());
}

/* Adds a document that mentions steel 11 times in its body, in one import */
static gpointer
add_steel_func (CeCorpus      *corpus,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **out_error)
{
  g_autoptr(CeDraft) draft =
    ce_test_draft_new ("Steel mills restart as tariffs bite", NULL, "2025-12-01", NULL,
                       "Steel mills restarted on Monday. Steel prices rose, steel exports fell and "
                       "steel imports stalled under the new tariffs.\n\n"
                       "Buyers of steel said steel plate and steel coil cost more; makers of steel "
                       "tubes and steel wire agreed. Steel unions and steel traders met.");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  gint64 source;

  ce_test_store_begin ();
  g_assert_true (ce_corpus_begin (corpus, &error));
  g_assert_no_error (error);
  source = ce_corpus_add_source (corpus, "/tmp/steel.txt", "text", 1, "steel", &error);
  g_assert_no_error (error);
  ce_test_corpus_add (corpus, source, draft);
  g_assert_true (ce_corpus_commit (corpus, &error));
  g_assert_no_error (error);

  ids = ce_corpus_list_document_ids (corpus, &error);
  ce_test_store_end ();
  g_assert_no_error (error);
  *(gint64 *)data = g_array_index (ids, gint64, ids->len - 1);

  return data;
}

/* The way the window writes: through its session's writer */
static gint64
add_steel_document (CeSession *session)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_nonnull (ce_session_write (session, add_steel_func, &id, NULL, &error));
  g_assert_no_error (error);

  return id;
}

typedef struct
{
  CeDocumentListModel *model;
  gint64               id;
} FirstRow;

static gboolean
first_row_is (gpointer data)
{
  FirstRow *first = data;

  return !ce_document_list_model_is_loading (first->model) &&
         !ce_document_list_model_is_counting (first->model) &&
         ce_document_list_model_get_id (first->model, 0) == first->id;
}

static void
test_topic_columns (void)
{
  const char * const trade_terms[] = { "trade", "tariff*", NULL };
  const char * const steel_terms[] = { "steel", NULL };
  g_autoptr(CeTopic) trade = ce_topic_new ("Trade", ce_topic_palette_get (0), trade_terms);
  g_autoptr(CeTopic) steel = ce_topic_new ("Steel", ce_topic_palette_get (1), steel_terms);
  g_autoptr(CeCorpus) corpus = open_corpus ();
  g_autoptr(CeQuery) query = ce_query_parse ("tariff*", NULL);
  g_autoptr(GArray) matches = NULL;
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify)g_hash_table_unref);
  g_autoptr(GArray) corpus_order = NULL;
  g_autoptr(GError) error = NULL;
  CeWindow *window = open_window (1500, 900);
  CeDocumentList *list = ce_test_ui_window_child (window, "document_list");
  CeDocumentListModel *model = ce_document_list_get_model (list);
  GtkColumnView *view = ce_test_ui_child (list, CE_TYPE_DOCUMENT_LIST, "column_view");
  GtkLabel *sort_label = ce_test_ui_child (list, CE_TYPE_DOCUMENT_LIST, "sort_label");
  ColumnsWait wait = { list, { "Trade", "Steel", NULL } };
  GHashTable *trade_counts;
  GtkColumnViewColumn *column;
  gboolean descending;
  gint64 added_id;
  guint added_count;
  guint max_count = 0;
  guint min_count = G_MAXUINT;

  /* No topics, no columns */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (view)), ==, N_FIXED_COLUMNS);

  /* From here on, the topics the session holds */
  {
    CeTopic *added = ce_session_add_topic (ce_window_get_session (window), trade, G_MAXUINT, &error);

    g_assert_no_error (error);
    g_object_unref (trade);
    trade = added;
    added = ce_session_add_topic (ce_window_get_session (window), steel, G_MAXUINT, &error);
    g_assert_no_error (error);
    g_object_unref (steel);
    steel = added;
  }
  g_assert_true (ce_test_ui_wait_until (columns_ready, &wait, 20));

  g_hash_table_insert (expected, "Trade", expected_counts (corpus, trade));
  g_hash_table_insert (expected, "Steel", expected_counts (corpus, steel));
  trade_counts = g_hash_table_lookup (expected, "Trade");
  g_assert_cmpuint (g_hash_table_size (trade_counts), >, 3);
  g_assert_cmpuint (g_hash_table_size (trade_counts), <, 52);

  /* Every row's counts are the counter's, in the model and in the cells */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      gint64 id = ce_document_list_model_get_id (model, i);
      const char *names[] = { "Trade", "Steel" };

      for (guint t = 0; t < G_N_ELEMENTS (names); t++)
        {
          guint count = G_MAXUINT;

          g_assert_true (ce_document_list_model_get_topic_count (model, names[t], id, &count));
          g_assert_cmpuint (count, ==, expected_count (g_hash_table_lookup (expected, names[t]), id));
        }
    }
  g_assert_true (ce_test_ui_settle (window));
  g_assert_cmpuint (check_cells (list, expected), >=, 8);

  save_screenshots (GTK_WIDGET (window), "columns");

  /* A phone's width keeps room for titles; the columns come back with
   * their colours */
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 800);
  g_assert_true (ce_test_ui_settle (window));
  g_assert_false (gtk_column_view_column_get_visible (find_column (view, "Trade")));
  ce_test_ui_screenshot (GTK_WIDGET (window), "columns-narrow.png");
  gtk_window_set_default_size (GTK_WINDOW (window), 1500, 900);
  g_assert_true (ce_test_ui_settle (window));
  g_assert_true (gtk_column_view_column_get_visible (find_column (view, "Trade")));
  g_assert_cmpuint (count_swatches (GTK_WIDGET (view)), ==, 2);

  /* A click on the header sorts by the counts, the most first: the
   * click asks the column view for the column, ascending */
  CE_TEST_STORE (corpus_order = ce_corpus_list_document_ids_sorted (corpus, CE_DOCUMENT_ORDER_POSITION, FALSE, NULL, &error));
  g_assert_no_error (error);
  column = find_column (view, "Trade");
  g_assert_nonnull (column);
  gtk_column_view_sort_by_column (view, column, GTK_SORT_ASCENDING);
  g_assert_true (ce_test_ui_wait_until (not_loading, model, 10));
  g_assert_cmpstr (ce_document_list_model_get_count_order (model, &descending), ==, "Trade");
  g_assert_true (descending);
  g_assert_cmpstr (gtk_label_get_label (sort_label), ==, "Trade");

  for (guint i = 0; i < corpus_order->len; i++)
    {
      guint count = expected_count (trade_counts, g_array_index (corpus_order, gint64, i));

      max_count = MAX (max_count, count);
      if (count > 0)
        min_count = MIN (min_count, count);
    }
  g_assert_cmpuint (max_count, >, min_count);
  g_assert_cmpuint (row_count (model, trade_counts, 0), ==, max_count);
  check_sorted (model, trade_counts, corpus_order, TRUE);
  g_assert_true (ce_test_ui_settle (window));
  g_assert_cmpuint (check_cells (list, expected), >=, 8);
  save_screenshots (GTK_WIDGET (list), "columns-sorted");

  /* The next click turns the order round; no mention stays last */
  gtk_column_view_sort_by_column (view, column, GTK_SORT_ASCENDING);
  g_assert_true (ce_test_ui_wait_until (not_loading, model, 10));
  g_assert_cmpstr (ce_document_list_model_get_count_order (model, &descending), ==, "Trade");
  g_assert_false (descending);
  g_assert_cmpuint (row_count (model, trade_counts, 0), ==, min_count);
  g_assert_cmpuint (row_count (model, trade_counts, corpus_order->len - 1), ==, 0);
  check_sorted (model, trade_counts, corpus_order, FALSE);

  /* The sort menu offers the topics too */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "list.sort", "s", "topic:Steel"));
  g_assert_true (ce_test_ui_wait_until (not_loading, model, 10));
  g_assert_cmpstr (ce_document_list_model_get_count_order (model, &descending), ==, "Steel");
  g_assert_true (descending);
  check_sorted (model, g_hash_table_lookup (expected, "Steel"), corpus_order, TRUE);

  /* Other columns end the order by counts */
  ce_document_list_sort_by (list, CE_DOCUMENT_ORDER_WORDS, FALSE);
  g_assert_true (ce_test_ui_wait_until (not_loading, model, 10));
  g_assert_null (ce_document_list_model_get_count_order (model, NULL));

  /* Back to Trade, then disabling it takes its column away and puts
   * the rows back in corpus order */
  gtk_column_view_sort_by_column (view, column, GTK_SORT_ASCENDING);
  g_assert_true (ce_test_ui_wait_until (not_loading, model, 10));
  g_assert_cmpstr (ce_document_list_model_get_count_order (model, NULL), ==, "Trade");
  g_assert_true (ce_session_set_topic_enabled (ce_window_get_session (window), trade, FALSE, &error));
  g_assert_no_error (error);
  wait.topics[0] = "Steel";
  wait.topics[1] = NULL;
  g_assert_true (ce_test_ui_wait_until (columns_ready, &wait, 20));
  g_assert_null (find_column (view, "Trade"));
  g_assert_nonnull (find_column (view, "Steel"));
  g_assert_null (ce_document_list_model_get_count_order (model, NULL));
  g_assert_false (ce_document_list_model_get_topic_count (model, "Trade", 0, NULL));
  for (guint i = 0; i < corpus_order->len; i++)
    g_assert_cmpint (ce_document_list_model_get_id (model, i), ==, g_array_index (corpus_order, gint64, i));
  g_assert_cmpstr (gtk_label_get_label (sort_label), ==, "Corpus Order");
  g_hash_table_remove (expected, "Trade");
  g_assert_true (ce_test_ui_settle (window));
  g_assert_cmpuint (check_cells (list, expected), >=, 8);

  /* The matches of a search, sorted by a topic; the sort menu says so */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  gtk_editable_set_text (GTK_EDITABLE (ce_test_ui_window_child (window, "search_entry")), "tariff*");
  CE_TEST_STORE (matches = ce_search_ids (corpus, query, CE_SORT_ORDER, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (ce_test_ui_wait_until (search_listed, model, 10));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, matches->len);
  g_assert_true (ce_document_list_model_get_ranked (model));
  gtk_column_view_sort_by_column (view, find_column (view, "Steel"), GTK_SORT_ASCENDING);
  g_assert_true (ce_test_ui_wait_until (not_loading, model, 10));
  g_assert_false (ce_document_list_model_get_ranked (model));
  g_assert_cmpstr (ce_document_list_model_get_count_order (model, NULL), ==, "Steel");
  check_sorted (model, g_hash_table_lookup (expected, "Steel"), matches, TRUE);
  g_assert_cmpuint (row_count (model, g_hash_table_lookup (expected, "Steel"), 0), >, 0);
  g_assert_true (ce_test_ui_settle (window));
  g_assert_cmpuint (check_cells (list, expected), >=, 4);
  {
    GtkMenuButton *button = ce_test_ui_child (list, CE_TYPE_DOCUMENT_LIST, "sort_button");
    GtkPopover *popover;

    gtk_menu_button_popup (button);
    g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (button), 2));
    popover = gtk_menu_button_get_popover (button);
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));
    ce_test_ui_screenshot (GTK_WIDGET (popover), "columns-sort-menu.png");
    gtk_menu_button_popdown (button);
  }

  /* A document added through the window's session is counted, and
   * sorted by its mentions */
  added_id = add_steel_document (ce_window_get_session (window));
  g_assert_true (ce_test_ui_wait_until (first_row_is, &(FirstRow) { model, added_id }, 20));
  g_assert_true (ce_document_list_model_get_topic_count (model, "Steel", added_id, &added_count));
  g_assert_cmpuint (added_count, ==, 11);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, matches->len + 1);
  g_assert_true (ce_test_ui_settle (window));
  g_hash_table_insert (g_hash_table_lookup (expected, "Steel"), g_memdup2 (&added_id, sizeof added_id),
                       GUINT_TO_POINTER (11));
  g_assert_cmpuint (check_cells (list, expected), >=, 4);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Where the selection's start is drawn, in the reader's scroller */
static gboolean
selection_in_view (CeReaderView *reader)
{
  GtkTextView *text_view = ce_test_ui_child (reader, CE_TYPE_READER_VIEW, "text_view");
  GtkWidget *scroller = ce_test_ui_child (reader, CE_TYPE_READER_VIEW, "scroller");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  graphene_point_t point;
  GtkTextIter start, end;
  GdkRectangle rect;
  int x, y;

  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return FALSE;

  gtk_text_view_get_iter_location (text_view, &start, &rect);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y, &x, &y);
  if (!gtk_widget_compute_point (GTK_WIDGET (text_view), scroller, &GRAPHENE_POINT_INIT (x, y), &point))
    return FALSE;

  return point.y >= 0 && point.y + rect.height <= gtk_widget_get_height (scroller);
}

static void
check_range_shown (CeWindow   *window,
                   gint64      doc_id,
                   const char *body,
                   guint       start,
                   guint       end)
{
  CeReaderView *reader = ce_test_ui_window_child (window, "reader");
  CeContextsView *contexts = ce_test_ui_window_child (window, "contexts_view");
  GtkTextBuffer *buffer = ce_reader_view_get_buffer (reader);
  g_autofree char *expected = g_strndup (body + start, end - start);
  g_autofree char *selected = NULL;
  GtkTextIter first, last;

  g_signal_emit_by_name (contexts, "document-activated", doc_id, start, end);
  g_assert_true (ce_test_ui_settle (window));

  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ce_test_ui_window_child (window, "view_stack")),
                   ==, "documents");
  g_assert_nonnull (ce_reader_view_get_document (reader));
  g_assert_cmpint (ce_document_get_id (ce_reader_view_get_document (reader)), ==, doc_id);

  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &first, &last));
  g_assert_cmpuint (ce_reader_view_get_body_offset (reader, &first), ==, start);
  g_assert_cmpuint (ce_reader_view_get_body_offset (reader, &last), ==, end);
  selected = gtk_text_buffer_get_text (buffer, &first, &last, FALSE);
  g_assert_cmpstr (selected, ==, expected);
  g_assert_true (selection_in_view (reader));
}

static void
test_context_range (void)
{
  const char * const steel_terms[] = { "steel", NULL };
  g_autoptr(CeTopic) steel = ce_topic_new ("Steel", NULL, steel_terms);
  g_autoptr(CeCorpus) corpus = open_corpus ();
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GArray) mentions = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(CeDocument) document = NULL;
  g_autoptr(CeDocument) other = NULL;
  g_autoptr(GError) error = NULL;
  CeWindow *window = open_window (1400, 760);
  AdwViewStack *stack = ce_test_ui_window_child (window, "view_stack");
  const CeMention *mention;
  const CeDocCount *best = NULL;

  /* The document mentioning steel most, at its last mention: far down */
  ce_test_store_begin ();
  counts = ce_counter_count_documents (corpus, steel, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < counts->len; i++)
    if (best == NULL || g_array_index (counts, CeDocCount, i).count > best->count)
      best = &g_array_index (counts, CeDocCount, i);
  g_assert_nonnull (best);
  g_assert_cmpuint (best->count, >, 1);

  mentions = ce_counter_mentions (corpus, steel, best->doc_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mentions->len, ==, best->count);
  document = ce_corpus_get_document (corpus, best->doc_id, &error);
  g_assert_no_error (error);

  /* Another document is read first, from the contexts page */
  ids = ce_corpus_list_document_ids (corpus, &error);
  g_assert_no_error (error);
  other = ce_corpus_get_document (corpus, g_array_index (ids, gint64, 0) == best->doc_id
                                          ? g_array_index (ids, gint64, 1) : g_array_index (ids, gint64, 0),
                                  &error);
  ce_test_store_end ();
  g_assert_no_error (error);
  ce_window_show_document (window, ce_document_get_id (other));
  adw_view_stack_set_visible_child_name (stack, "contexts");
  g_assert_true (ce_test_ui_settle (window));

  mention = &g_array_index (mentions, CeMention, mentions->len - 1);
  check_range_shown (window, best->doc_id, ce_document_get_body (document), mention->start, mention->end);
  save_screenshots (GTK_WIDGET (window), "columns-context-range");

  /* Another line of the same document, from the contexts page again */
  adw_view_stack_set_visible_child_name (stack, "contexts");
  g_assert_true (ce_test_ui_settle (window));
  mention = &g_array_index (mentions, CeMention, 0);
  check_range_shown (window, best->doc_id, ce_document_get_body (document), mention->start, mention->end);

  /* A search hit activated becomes the current hit */
  g_assert_true (ce_test_ui_search (window, "steel"));
  mention = &g_array_index (mentions, CeMention, 1);
  check_range_shown (window, best->doc_id, ce_document_get_body (document), mention->start, mention->end);
  g_assert_cmpint (ce_reader_view_get_current_hit (ce_test_ui_window_child (window, "reader")), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *sample = NULL;
  int ret;

  tmp_dir = ce_test_ui_init_data_home ();
  if (!ce_test_ui_init (&argc, &argv))
    return g_test_run ();
  app = ce_test_ui_new_application ();

  sample = ce_test_sample_path ("sample.jsonl");
  corpus_path = ce_test_import (tmp_dir, "sample", sample);

  g_test_add_func ("/corpus-explorer/columns-ui/topic-columns", test_topic_columns);
  g_test_add_func ("/corpus-explorer/columns-ui/context-range", test_context_range);

  ret = g_test_run ();

  g_clear_object (&app);
  ce_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (corpus_path);

  return ret;
}
