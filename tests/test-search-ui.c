/* test-search-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ce-application.h"
#include "ce-corpus.h"
#include "ce-document-list.h"
#include "ce-facets-pane.h"
#include "ce-query.h"
#include "ce-search.h"
#include "ce-window.h"
#include "ce-test-ui.h"

static CeApplication *app;
static char *tmp_dir;
static char *corpus_path;

/* The sample corpus, imported the way the app imports */
static void
import_sample (void)
{
  g_autofree char *jsonl = ce_test_sample_path ("sample.jsonl");
  g_autoptr(CeImportReport) report = NULL;

  corpus_path = g_build_filename (tmp_dir, "sample.corpus", NULL);
  report = ce_test_import_file (corpus_path, jsonl);
  g_assert_cmpuint (report->documents_added, ==, 52);
}

static CeCorpus *
open_corpus (void)
{
  g_autoptr(GError) error = NULL;
  CeCorpus *corpus;

  CE_TEST_STORE (corpus = ce_corpus_open (corpus_path, CE_CORPUS_OPEN_READ_ONLY, &error));
  g_assert_no_error (error);
  return corpus;
}

static gint64
count_matches (CeCorpus   *corpus,
               const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) query = ce_query_parse (text, &error);
  gint64 count;

  g_assert_no_error (error);
  CE_TEST_STORE (count = ce_search_count (corpus, query, &error));
  g_assert_no_error (error);
  return count;
}

typedef struct
{
  CeDocumentListModel *model;
  const char          *search;
  gint64               n_items;
} Expected;

/* The search asked for is done and lists @n_items rows */
static gboolean
search_done (gpointer data)
{
  Expected *expected = data;

  return !ce_document_list_model_is_loading (expected->model) &&
         g_strcmp0 (ce_document_list_model_get_search (expected->model), expected->search) == 0 &&
         g_list_model_get_n_items (G_LIST_MODEL (expected->model)) == expected->n_items;
}

static gboolean
not_loading (gpointer data)
{
  return !ce_document_list_model_is_loading (data);
}

static gboolean
first_snippet_ready (gpointer data)
{
  return ce_document_list_model_get_snippet (data, 0) != NULL;
}

static gboolean
revealed (gpointer data)
{
  return gtk_revealer_get_reveal_child (data);
}

static gboolean
not_revealed (gpointer data)
{
  return !gtk_revealer_get_reveal_child (data);
}

static void
collect_snippet_labels (GtkWidget *widget,
                        GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "snippet") &&
      gtk_widget_get_visible (widget))
    g_ptr_array_add (labels, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_snippet_labels (child, labels);
}

static GtkWidget *
find_chip (CeDocumentList *list,
           const char     *field)
{
  GtkWidget *chips = ce_test_ui_child (list, CE_TYPE_DOCUMENT_LIST, "chips_box");

  for (GtkWidget *child = gtk_widget_get_first_child (chips); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (g_strcmp0 (g_object_get_data (G_OBJECT (button), "filter-field"), field) == 0)
        return button;
    }

  return NULL;
}

static CeWindow *
open_sample (int width,
             int height)
{
  g_autoptr(GFile) file = g_file_new_for_path (corpus_path);
  g_autoptr(GError) error = NULL;
  CeWindow *window = ce_test_ui_new_window (app, width, height);
  CeDocumentList *list = ce_test_ui_window_child (window, "document_list");

  g_assert_true (ce_test_ui_open_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (ce_test_ui_wait_until (not_loading, ce_document_list_get_model (list), 10));
  g_assert_true (ce_test_ui_settle (window));

  return window;
}

static void
type_search (CeWindow   *window,
             const char *text)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  gtk_editable_set_text (GTK_EDITABLE (ce_test_ui_window_child (window, "search_entry")), text);
}

static void
test_markup (void)
{
  g_autofree char *markup = NULL;
  g_autofree char *plain = NULL;
  g_autoptr(GError) error = NULL;

  markup = ce_document_list_model_snippet_to_markup ("a <b> & \x01tariffs\x02 on \x01" "steel\x03 x");
  g_assert_cmpstr (markup, ==, "a &lt;b&gt; &amp; <b>tariffs</b> on <b>steel  x</b>");
  g_assert_true (pango_parse_markup (markup, -1, 0, NULL, &plain, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (plain, ==, "a <b> & tariffs on steel  x");

  g_free (markup);
  markup = ce_document_list_model_snippet_to_markup (NULL);
  g_assert_cmpstr (markup, ==, "");
}

static void
test_search_and_facets (void)
{
  g_autoptr(CeCorpus) corpus = open_corpus ();
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(CeQuery) query = NULL;
  g_autoptr(GArray) ranked = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *composed = NULL;
  g_autofree char *subtitle = NULL;
  CeWindow *window = open_sample (1400, 860);
  CeDocumentList *list = ce_test_ui_window_child (window, "document_list");
  CeFacetsPane *pane = ce_test_ui_window_child (window, "facets_pane");
  CeDocumentListModel *model = ce_document_list_get_model (list);
  AdwViewSwitcherTitle *title = ce_test_ui_window_child (window, "switcher_title");
  GtkRevealer *error_revealer = ce_test_ui_window_child (window, "search_error_revealer");
  GtkLabel *error_label = ce_test_ui_window_child (window, "search_error_label");
  GtkWidget *entry = ce_test_ui_window_child (window, "search_entry");
  const CeSearchFacet *top;
  Expected expected = { model, NULL, 52 };
  GtkWidget *row;
  GtkWidget *chip;
  guint n_rows = 0;
  gboolean bold = FALSE;
  int position;

  /* Without a search the whole corpus is counted */
  g_assert_null (ce_document_list_model_get_query (model));
  g_assert_cmpint (ce_facets_pane_get_count (pane, "source", "Meridian Wire"), >, 0);
  g_assert_true (adw_flap_get_reveal_flap (ce_test_ui_window_child (window, "facets_flap")));

  type_search (window, "tariff*");
  expected.search = "tariff*";
  expected.n_items = count_matches (corpus, "tariff*");
  g_assert_cmpint (expected.n_items, >, 3);
  g_assert_cmpint (expected.n_items, <, 52);
  g_assert_true (ce_test_ui_wait_until (search_done, &expected, 10));

  /* The effective query is shared, and ranked by relevance */
  g_assert_nonnull (ce_document_list_model_get_query (model));
  g_assert_cmpstr (ce_query_get_text (ce_document_list_model_get_query (model)), ==, "tariff*");
  g_assert_true (ce_document_list_model_get_ranked (model));
  query = ce_query_parse ("tariff*", &error);
  CE_TEST_STORE (ranked = ce_search_ids (corpus, query, CE_SORT_RANK, FALSE, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < ranked->len; i++)
    g_assert_cmpint (ce_document_list_model_get_id (model, i), ==, g_array_index (ranked, gint64, i));

  subtitle = g_strdup_printf ("%" G_GINT64_FORMAT " of 52 documents", expected.n_items);
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (title), ==, subtitle);

  /* Facet counts are those of the search */
  CE_TEST_STORE (places = ce_search_facet (corpus, query, "place", 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (places->len, >, 1);
  for (guint i = 0; i < places->len; i++)
    {
      const CeSearchFacet *facet = g_ptr_array_index (places, i);

      if (i < CE_FACETS_PANE_SHOWN)
        {
          g_assert_cmpint (ce_facets_pane_get_count (pane, "place", facet->value), ==, facet->count);
          n_rows++;
        }
      else
        {
          g_assert_cmpint (ce_facets_pane_get_count (pane, "place", facet->value), ==, -1);
        }
    }
  g_assert_cmpuint (n_rows, ==, MIN (places->len, CE_FACETS_PANE_SHOWN));

  /* Rows show where the words are, in bold */
  g_assert_true (ce_test_ui_wait_until (first_snippet_ready, model, 10));
  g_assert_nonnull (strstr (ce_document_list_model_get_snippet (model, 0), "<b>"));
  g_assert_true (ce_test_ui_settle (window));
  collect_snippet_labels (GTK_WIDGET (list), labels);
  g_assert_cmpuint (labels->len, >, 0);
  for (guint i = 0; i < labels->len; i++)
    bold |= strstr (gtk_label_get_label (g_ptr_array_index (labels, i)), "<b>") != NULL;
  g_assert_true (bold);

  /* A click on a place narrows the list to the composed query */
  top = g_ptr_array_index (places, 0);
  row = ce_facets_pane_find_row (pane, "place", top->value);
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  composed = g_strdup_printf ("(tariff*) place:\"%s\"", top->value);
  expected.n_items = count_matches (corpus, composed);
  g_assert_cmpint (expected.n_items, ==, top->count);
  g_assert_true (ce_test_ui_wait_until (search_done, &expected, 10));
  g_assert_cmpstr (ce_query_get_text (ce_document_list_model_get_query (model)), ==, composed);
  g_assert_true (ce_document_list_model_has_filter (model, "place", top->value));
  g_assert_cmpint (ce_facets_pane_get_count (pane, "place", top->value), ==, top->count);
  g_free (subtitle);
  subtitle = g_strdup_printf ("%" G_GINT64_FORMAT " of 52 documents", expected.n_items);
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (title), ==, subtitle);

  chip = find_chip (list, "place");
  g_assert_nonnull (chip);
  g_assert_true (gtk_widget_get_mapped (chip));

  g_assert_true (ce_test_ui_settle (window));
  ce_test_ui_screenshot (GTK_WIDGET (window), "search-light.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (ce_test_ui_wait_drawn ());
  ce_test_ui_screenshot (GTK_WIDGET (window), "search-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Its chip takes the filter away again */
  g_signal_emit_by_name (chip, "clicked");
  expected.n_items = count_matches (corpus, "tariff*");
  g_assert_true (ce_test_ui_wait_until (search_done, &expected, 10));
  g_assert_null (find_chip (list, "place"));
  g_assert_false (ce_document_list_model_has_filter (model, "place", top->value));

  /* A broken query says where, and the rows stay.  Text is typed into
   * the entry as keys would: setting it would empty it first. */
  position = 0;
  gtk_editable_insert_text (GTK_EDITABLE (entry), "\"unclosed ", -1, &position);
  g_assert_true (ce_test_ui_wait_until (revealed, error_revealer, 5));
  g_assert_cmpstr (gtk_label_get_label (error_label), ==, "Unclosed quote at column 1");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, expected.n_items);
  g_assert_cmpstr (ce_document_list_model_get_search (model), ==, "tariff*");

  /* Columns count in the text as typed, after leading spaces */
  gtk_editable_delete_text (GTK_EDITABLE (entry), 0, 10);
  g_assert_true (ce_test_ui_wait_until (not_revealed, error_revealer, 5));
  g_assert_false (gtk_revealer_get_reveal_child (error_revealer));
  position = 0;
  gtk_editable_insert_text (GTK_EDITABLE (entry), "  ", -1, &position);
  position = g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (entry)), -1);
  gtk_editable_insert_text (GTK_EDITABLE (entry), " NEAR(tariff", -1, &position);
  g_assert_true (ce_test_ui_wait_until (revealed, error_revealer, 5));
  g_assert_cmpstr (gtk_label_get_label (error_label), ==, "Missing ) for NEAR( at column 9");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, expected.n_items);
  g_assert_true (ce_test_ui_settle (window));
  ce_test_ui_screenshot (GTK_WIDGET (window), "search-error.png");

  gtk_editable_set_text (GTK_EDITABLE (entry), "tariff \"steel\"");
  expected.search = "tariff \"steel\"";
  expected.n_items = count_matches (corpus, "tariff \"steel\"");
  g_assert_true (ce_test_ui_wait_until (search_done, &expected, 10));
  g_assert_false (gtk_revealer_get_reveal_child (error_revealer));
  g_assert_false (gtk_widget_has_css_class (entry, "error"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
ids_equal (CeDocumentListModel *model,
           GArray              *ids)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (model)) != ids->len)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      if (ce_document_list_model_get_id (model, i) != g_array_index (ids, gint64, i))
        return FALSE;
    }

  return TRUE;
}

typedef struct
{
  CeDocumentListModel *model;
  GArray              *ids;
} ExpectedIds;

static gboolean
ids_done (gpointer data)
{
  ExpectedIds *expected = data;

  return !ce_document_list_model_is_loading (expected->model) && ids_equal (expected->model, expected->ids);
}

static void
test_sort (void)
{
  g_autoptr(CeCorpus) corpus = open_corpus ();
  g_autoptr(CeQuery) query = ce_query_parse ("trade OR tariff*", NULL);
  g_autoptr(GArray) by_date = NULL;
  g_autoptr(GArray) by_rank = NULL;
  CeWindow *window = open_sample (1400, 860);
  CeDocumentList *list = ce_test_ui_window_child (window, "document_list");
  CeDocumentListModel *model = ce_document_list_get_model (list);
  Expected expected = { model, "trade OR tariff*", 0 };
  ExpectedIds expected_ids = { model, NULL };
  g_autofree char *previous = NULL;

  ce_test_store_begin ();
  by_date = ce_search_ids (corpus, query, CE_SORT_DATE, TRUE, NULL);
  by_rank = ce_search_ids (corpus, query, CE_SORT_RANK, FALSE, NULL);
  ce_test_store_end ();
  expected.n_items = by_rank->len;

  /* A sort picked before searching gives way to relevance */
  ce_document_list_sort_by (list, CE_DOCUMENT_ORDER_WORDS, FALSE);
  type_search (window, "trade OR tariff*");
  g_assert_true (ce_test_ui_wait_until (search_done, &expected, 10));
  g_assert_true (ce_document_list_model_get_ranked (model));
  g_assert_true (ids_equal (model, by_rank));
  g_assert_cmpstr (gtk_label_get_label (ce_test_ui_child (list, CE_TYPE_DOCUMENT_LIST, "sort_label")),
                   ==, "Relevance");

  /* Column headers sort the results */
  ce_document_list_sort_by (list, CE_DOCUMENT_ORDER_DATE, TRUE);
  g_assert_false (ce_document_list_model_get_ranked (model));
  expected_ids.ids = by_date;
  g_assert_true (ce_test_ui_wait_until (ids_done, &expected_ids, 10));
  g_assert_cmpstr (gtk_label_get_label (ce_test_ui_child (list, CE_TYPE_DOCUMENT_LIST, "sort_label")),
                   ==, "Date");

  /* Source has no search order of its own; the matches keep it */
  ce_document_list_sort_by (list, CE_DOCUMENT_ORDER_SOURCE, FALSE);
  g_assert_true (ce_test_ui_wait_until (not_loading, model, 10));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, by_rank->len);
  for (guint i = 0; i < by_rank->len; i++)
    {
      g_autoptr(CeDocument) document = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_nonnull (document);
      if (previous != NULL)
        g_assert_cmpint (g_ascii_strcasecmp (previous, ce_document_get_source (document)), <=, 0);
      g_free (previous);
      previous = g_strdup (ce_document_get_source (document));
    }

  /* Snippets of rows in an order that searching has not come from the
   * documents' text, with the same matches */
  g_assert_true (ce_test_ui_wait_until (first_snippet_ready, model, 10));
  g_assert_nonnull (strstr (ce_document_list_model_get_snippet (model, 0), "<b>"));
  g_assert_true (pango_parse_markup (ce_document_list_model_get_snippet (model, 0), -1, 0,
                                     NULL, NULL, NULL, NULL));

  /* And the sort menu brings relevance back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "list.sort", "s", "relevance"));
  expected_ids.ids = by_rank;
  g_assert_true (ce_test_ui_wait_until (ids_done, &expected_ids, 10));
  g_assert_true (ce_document_list_model_get_ranked (model));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_date_range (void)
{
  g_autoptr(CeCorpus) corpus = open_corpus ();
  CeWindow *window = open_sample (1400, 860);
  CeDocumentList *list = ce_test_ui_window_child (window, "document_list");
  CeFacetsPane *pane = ce_test_ui_window_child (window, "facets_pane");
  CeDocumentListModel *model = ce_document_list_get_model (list);
  GtkEditable *from = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (pane), CE_TYPE_FACETS_PANE, "from_entry"));
  GtkEditable *to = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (pane), CE_TYPE_FACETS_PANE, "to_entry"));
  GtkWidget *error_label = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (pane), CE_TYPE_FACETS_PANE, "date_error_label"));
  Expected expected = { model, NULL, 0 };
  GtkWidget *row;
  GtkWidget *chip;

  /* Dates are checked before they are used */
  gtk_editable_set_text (from, "2025");
  gtk_editable_set_text (to, "2024");
  g_signal_emit_by_name (to, "activate");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_null (ce_document_list_model_get_query (model));

  gtk_editable_set_text (from, "May 2024");
  g_signal_emit_by_name (from, "activate");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (from), "error"));
  g_assert_null (ce_document_list_model_get_query (model));

  gtk_editable_set_text (from, "2024-01");
  gtk_editable_set_text (to, "2024-06");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_signal_emit_by_name (to, "activate");
  g_assert_cmpstr (ce_document_list_model_get_date_range (model), ==, "2024-01..2024-06");
  expected.n_items = count_matches (corpus, "date:2024-01..2024-06");
  g_assert_cmpint (expected.n_items, >, 0);
  g_assert_cmpint (expected.n_items, <, 52);
  g_assert_true (ce_test_ui_wait_until (search_done, &expected, 10));

  /* Facets narrow within the range; a year is a filter of its own */
  row = ce_facets_pane_find_row (pane, "year", "2024");
  g_assert_nonnull (row);
  g_assert_cmpint (ce_facets_pane_get_count (pane, "year", "2024"), ==, expected.n_items);
  g_assert_cmpint (ce_facets_pane_get_count (pane, "year", "2025"), ==, -1);

  chip = find_chip (list, "date");
  g_assert_nonnull (chip);
  g_signal_emit_by_name (chip, "clicked");
  expected.n_items = 52;
  g_assert_true (ce_test_ui_wait_until (search_done, &expected, 10));
  g_assert_null (ce_document_list_model_get_query (model));
  /* The entries follow the chip */
  g_assert_cmpstr (gtk_editable_get_text (from), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (to), ==, "");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_narrow (void)
{
  CeWindow *window = open_sample (560, 760);
  AdwFlap *flap = ce_test_ui_window_child (window, "facets_flap");
  GtkWidget *button = ce_test_ui_window_child (window, "filters_button");

  g_assert_true (ce_test_ui_settle (window));

  /* The sidebar makes way for the list, and comes back on request */
  g_assert_true (adw_flap_get_folded (flap));
  g_assert_false (adw_flap_get_reveal_flap (flap));
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-filters", NULL));
  g_assert_true (adw_flap_get_reveal_flap (flap));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_assert_true (ce_test_ui_settle (window));
  ce_test_ui_screenshot (GTK_WIDGET (window), "search-narrow-filters.png");
  gtk_window_destroy (GTK_WINDOW (window));

  /* A medium window keeps the sidebar beside the list */
  window = open_sample (1000, 700);
  flap = ce_test_ui_window_child (window, "facets_flap");
  g_assert_true (ce_test_ui_settle (window));
  g_assert_false (adw_flap_get_folded (flap));
  g_assert_true (adw_flap_get_reveal_flap (flap));
  ce_test_ui_screenshot (GTK_WIDGET (window), "search-medium.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_query_help (void)
{
  CeWindow *window = open_sample (1100, 760);
  GtkMenuButton *button = ce_test_ui_window_child (window, "query_help_button");
  GtkPopover *popover;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  g_assert_true (ce_test_ui_settle (window));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (button)), ==, "Search Syntax");
  popover = gtk_menu_button_get_popover (button);
  g_assert_nonnull (popover);
  gtk_menu_button_popup (button);
  g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (popover), 2));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  ce_test_ui_screenshot (GTK_WIDGET (popover), "query-help.png");
  gtk_menu_button_popdown (button);

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

  import_sample ();

  g_test_add_func ("/corpus-explorer/search-ui/markup", test_markup);
  g_test_add_func ("/corpus-explorer/search-ui/search-and-facets", test_search_and_facets);
  g_test_add_func ("/corpus-explorer/search-ui/sort", test_sort);
  g_test_add_func ("/corpus-explorer/search-ui/date-range", test_date_range);
  g_test_add_func ("/corpus-explorer/search-ui/narrow", test_narrow);
  g_test_add_func ("/corpus-explorer/search-ui/query-help", test_query_help);

  ret = g_test_run ();

  g_clear_object (&app);
  ce_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (corpus_path);

  return ret;
}
