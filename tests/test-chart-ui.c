/* test-chart-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chart page of the window: counting in the background, clicking a
 * bar to list exactly the documents it counts, tooltips, the legend, the
 * table, export, and screenshots of every kind in light and dark.
 */

#include "config.h"

#include <string.h>

#include "ce-application.h"
#include "ce-chart-view.h"
#include "ce-chart-widget.h"
#include "ce-corpus.h"
#include "ce-document-list.h"
#include "ce-export-dialog.h"
#include "ce-topic.h"
#include "ce-window.h"
#include "ce-test-ui.h"

static CeApplication *app;
static char *tmp_dir;
static char *sample_corpus;

static gboolean
counted (gpointer data)
{
  return !ce_chart_view_is_counting (data) && ce_chart_view_get_table (data) != NULL;
}

static void
wait_for_count (CeChartView *view)
{
  g_assert_true (ce_test_ui_wait_until (counted, view, 20));
  g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (view), 2));
}

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
  g_assert_no_error (error);
  ce_test_store_end ();
}

static CeWindow *
open_window (const char *path,
             int         width,
             int         height)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CeWindow *window = ce_test_ui_new_window (app, width, height);

  g_assert_true (ce_test_ui_open_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (ce_test_ui_settle (window));

  return window;
}

static CeChartView *
show_chart (CeWindow *window)
{
  CeChartView *view = ce_test_ui_window_child (window, "chart_view");

  adw_view_stack_set_visible_child_name (ce_test_ui_window_child (window, "view_stack"), "chart");
  wait_for_count (view);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (view));
  g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (view), 2));

  return view;
}

static void
select_in (CeChartView *view,
           const char  *dropdown,
           guint        position)
{
  gtk_drop_down_set_selected (ce_test_ui_child (view, CE_TYPE_CHART_VIEW, dropdown), position);
  /* A new count starts from an idle callback */
  ce_test_ui_iterate ();
  wait_for_count (view);
}

/* Grouping positions in the view's drop-down */
enum { BY_AUTO, BY_DAY, BY_WEEK, BY_MONTH, BY_QUARTER, BY_YEAR, BY_DOCUMENT, BY_PLACE };

static void
test_empty_state (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "no-topics.corpus", NULL);
  CeWindow *window;
  CeChartView *view;
  GtkStack *stack;

  import_sample (path);
  window = open_window (path, 1100, 720);
  view = ce_test_ui_window_child (window, "chart_view");
  adw_view_stack_set_visible_child_name (ce_test_ui_window_child (window, "view_stack"), "chart");
  g_assert_true (ce_test_ui_settle (window));

  stack = ce_test_ui_child (view, CE_TYPE_CHART_VIEW, "stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_false (ce_chart_view_is_counting (view));
  g_assert_cmpstr (adw_status_page_get_description (ce_test_ui_child (view, CE_TYPE_CHART_VIEW,
                                                                      "empty_page")),
                   ==, "Add a topic to compare how often it is mentioned");
  ce_test_ui_screenshot (GTK_WIDGET (window), "chart-empty.png");

  /* A topic arrives from the topics panel: the chart counts it */
  {
    g_autoptr(GPtrArray) topics = g_ptr_array_new_with_free_func (g_object_unref);

    g_ptr_array_add (topics, ce_topic_new ("Trade", "#0072b2", (const char *[]) { "trade", NULL }));
    ce_chart_view_set_topics (view, topics);
    wait_for_count (view);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "chart");
    g_assert_cmpuint (ce_chart_model_get_n_series (ce_chart_view_get_model (view)), ==, 1);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
find_bar (CeChartView *view,
          guint       *series,
          guint       *category,
          guint        min_documents)
{
  CeCountTable *table = ce_chart_view_get_table (view);
  CePlot *plot = ce_chart_view_get_plot (view);

  for (guint c = 0; c < ce_count_table_get_n_categories (table); c++)
    for (guint s = 0; s < ce_count_table_get_n_topics (table); s++)
      {
        g_autoptr(GArray) ids = ce_count_table_dup_documents (table, c, s);
        cairo_rectangle_t rect;

        if (ids->len >= min_documents && ce_plot_get_bar_rect (plot, s, c, &rect) &&
            rect.height > 8 && rect.width > 4)
          {
            *series = s;
            *category = c;
            return TRUE;
          }
      }

  return FALSE;
}

static void
test_click_bar (void)
{
  CeWindow *window = open_window (sample_corpus, 1280, 800);
  CeChartView *view = show_chart (window);
  CeChartWidget *chart = CE_CHART_WIDGET (ce_chart_view_get_chart_widget (view));
  CeDocumentList *list = ce_test_ui_window_child (window, "document_list");
  CeDocumentListModel *model = ce_document_list_get_model (list);
  g_autoptr(GArray) expected = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *label = NULL;
  cairo_rectangle_t rect;
  CePlotHit hit;
  guint series = 0, category = 0;
  double x, y;

  select_in (view, "kind_dropdown", CE_PLOT_BARS);
  select_in (view, "grouping_dropdown", BY_PLACE);
  g_assert_cmpint (ce_count_table_get_group_by (ce_chart_view_get_table (view)), ==, CE_GROUP_PLACE);
  g_assert_cmpuint (ce_chart_model_get_n_series (ce_chart_view_get_model (view)), ==, 2);

  /* A bar counting several documents, hit in its centre */
  g_assert_true (find_bar (view, &series, &category, 2));
  g_assert_true (ce_plot_get_bar_rect (ce_chart_view_get_plot (view), series, category, &rect));
  x = rect.x + rect.width / 2;
  y = rect.y + rect.height / 2;

  /* Hover explains it exactly */
  g_assert_true (ce_plot_hit_test (ce_chart_view_get_plot (view), x, y, &hit));
  g_assert_cmpint (hit.kind, ==, CE_PLOT_HIT_VALUE);
  g_assert_cmpint (hit.series, ==, series);
  g_assert_cmpint (hit.category, ==, category);
  markup = ce_chart_widget_describe (chart, &hit);
  g_assert_nonnull (strstr (markup, ce_count_table_get_topic_name (ce_chart_view_get_table (view), series)));
  g_assert_nonnull (strstr (markup, ce_count_table_get_category_label (ce_chart_view_get_table (view), category)));
  {
    g_autofree char *value = g_strdup_printf ("%.0f mention",
                                              ce_count_table_get_value (ce_chart_view_get_table (view),
                                                                        category, series));
    g_assert_nonnull (strstr (markup, value));
  }

  /* The click lists exactly the documents the bar counts */
  expected = ce_count_table_dup_documents (ce_chart_view_get_table (view), category, series);
  g_assert_true (ce_chart_widget_click (chart, x, y));
  g_assert_true (ce_test_ui_settle (window));

  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ce_test_ui_window_child (window, "view_stack")),
                   ==, "documents");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (ce_document_list_model_get_id (model, i), ==, g_array_index (expected, gint64, i));

  label = g_strdup_printf ("Showing the %u documents counted for %s · %s", expected->len,
                           ce_count_table_get_topic_name (ce_chart_view_get_table (view), series),
                           ce_count_table_get_category_label (ce_chart_view_get_table (view), category));
  g_assert_cmpstr (gtk_label_get_text (ce_test_ui_window_child (window, "chart_filter_label")),
                   ==, label);
  g_assert_true (gtk_revealer_get_reveal_child (ce_test_ui_window_child (window,
                                                                         "chart_filter_revealer")));
  g_assert_true (ce_test_ui_settle (window));
  ce_test_ui_screenshot (GTK_WIDGET (window), "chart-bar-documents.png");

  /* Show All brings every document back */
  {
    GtkRevealer *revealer = ce_test_ui_window_child (window, "chart_filter_revealer");
    GtkWidget *box = gtk_revealer_get_child (revealer);
    GtkWidget *button = gtk_widget_get_last_child (box);

    g_assert_true (GTK_IS_BUTTON (button));
    g_signal_emit_by_name (button, "clicked");
    g_assert_true (ce_test_ui_wait_n_items (model, 52));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 52);
    g_assert_false (gtk_revealer_get_reveal_child (revealer));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_legend_and_table (void)
{
  CeWindow *window = open_window (sample_corpus, 1280, 800);
  CeChartView *view = show_chart (window);
  CeChartWidget *chart = CE_CHART_WIDGET (ce_chart_view_get_chart_widget (view));
  CePlot *plot = ce_chart_view_get_plot (view);
  CeChartModel *model;
  GtkColumnView *table = ce_test_ui_child (view, CE_TYPE_CHART_VIEW, "table");
  GdkContentFormats *formats;
  CePlotHit hit = { 0 };
  gboolean found = FALSE;

  select_in (view, "grouping_dropdown", BY_QUARTER);
  model = ce_chart_view_get_model (view);

  /* Find the second legend entry and click it */
  for (int y = 0; y < 140 && !found; y += 2)
    for (int x = 0; x < 400 && !found; x += 2)
      found = ce_plot_hit_test (plot, x, y, &hit) && hit.kind == CE_PLOT_HIT_LEGEND && hit.series == 1;
  g_assert_true (found);
  g_assert_true (ce_chart_widget_click (chart, hit.area.x + 2, hit.area.y + hit.area.height / 2));
  g_assert_false (ce_chart_model_get_series_visible (model, 1));
  g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (chart), 2));

  /* The hidden topic stays hidden in a new count */
  select_in (view, "measure_dropdown", 1);
  model = ce_chart_view_get_model (view);
  g_assert_cmpint (ce_chart_model_get_measure (model), ==, CE_CHART_MEASURE_MENTIONS_PER_10K);
  g_assert_false (ce_chart_model_get_series_visible (model, 1));
  g_assert_true (ce_chart_widget_click (chart, hit.area.x + 2, hit.area.y + hit.area.height / 2));
  g_assert_true (ce_chart_model_get_series_visible (model, 1));

  /* The table shows the numbers: a category column and one per topic */
  gtk_toggle_button_set_active (ce_test_ui_child (view, CE_TYPE_CHART_VIEW, "table_button"), TRUE);
  g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (table), 2));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (table)));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (table)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (table))), ==,
                    ce_chart_model_get_n_categories (model));
  ce_test_ui_screenshot (GTK_WIDGET (window), "chart-table.png");

  /* Copy as CSV puts the chart's CSV on the clipboard */
  g_signal_emit_by_name (ce_test_ui_child (view, CE_TYPE_CHART_VIEW, "copy_button"), "clicked");
  formats = gdk_clipboard_get_formats (gtk_widget_get_clipboard (GTK_WIDGET (view)));
  g_assert_true (gdk_content_formats_contain_gtype (formats, G_TYPE_STRING));

  gtk_toggle_button_set_active (ce_test_ui_child (view, CE_TYPE_CHART_VIEW, "table_button"), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_settings_and_query (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  CeWindow *window = open_window (sample_corpus, 1280, 800);
  CeChartView *view = show_chart (window);
  GtkSearchEntry *entry = ce_test_ui_window_child (window, "search_entry");
  guint all;

  select_in (view, "kind_dropdown", CE_PLOT_LINES);
  select_in (view, "grouping_dropdown", BY_MONTH);
  select_in (view, "measure_dropdown", 2);
  g_assert_cmpstr (g_settings_get_string (settings, "chart-kind"), ==, "lines");
  g_assert_cmpstr (g_settings_get_string (settings, "chart-grouping"), ==, "month");
  g_assert_cmpstr (g_settings_get_string (settings, "chart-measure"), ==, "docs");
  g_assert_cmpint (ce_plot_get_kind (ce_chart_view_get_plot (view)), ==, CE_PLOT_LINES);
  /* Months are periods: lines get a time axis */
  g_assert_true (ce_chart_model_has_dates (ce_chart_view_get_model (view)));

  all = ce_count_table_get_n_documents (ce_chart_view_get_table (view));
  g_assert_cmpuint (all, ==, 52);

  /* The search restricts the count, filters included */
  gtk_search_bar_set_search_mode (ce_test_ui_window_child (window, "search_bar"), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entry), "place:geneva");
  g_signal_emit_by_name (entry, "search-changed");
  wait_for_count (view);
  g_assert_cmpuint (ce_count_table_get_n_documents (ce_chart_view_get_table (view)), ==, 4);
  g_assert_nonnull (strstr (ce_chart_model_get_subtitle (ce_chart_view_get_model (view)), "place:geneva"));

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_signal_emit_by_name (entry, "search-changed");
  wait_for_count (view);
  g_assert_cmpuint (ce_count_table_get_n_documents (ce_chart_view_get_table (view)), ==, all);

  gtk_window_destroy (GTK_WINDOW (window));

  /* A new window starts with the choices made */
  window = open_window (sample_corpus, 1280, 800);
  view = show_chart (window);
  g_assert_cmpint (ce_plot_get_kind (ce_chart_view_get_plot (view)), ==, CE_PLOT_LINES);
  g_assert_cmpint (ce_count_table_get_group_by (ce_chart_view_get_table (view)), ==, CE_GROUP_MONTH);
  g_assert_cmpint (ce_count_table_get_measure (ce_chart_view_get_table (view)), ==, CE_MEASURE_DOCUMENTS);
  gtk_window_destroy (GTK_WINDOW (window));

  g_settings_reset (settings, "chart-kind");
  g_settings_reset (settings, "chart-grouping");
  g_settings_reset (settings, "chart-measure");
}

static void
test_screenshots (void)
{
  static const char * const kinds[] = { "bars", "stacked", "lines", "heatmap", "dispersion" };
  static const guint groupings[] = { BY_PLACE, BY_QUARTER, BY_AUTO, BY_PLACE, BY_DOCUMENT };
  CeWindow *window = open_window (sample_corpus, 1280, 800);
  CeChartView *view = show_chart (window);

  for (guint dark = 0; dark < 2; dark++)
    {
      ce_test_ui_set_dark (dark);

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autofree char *name = g_strdup_printf ("chart-%s-%s.png", kinds[k], dark ? "dark" : "light");
          CeChartModel *model;

          select_in (view, "grouping_dropdown", groupings[k]);
          select_in (view, "kind_dropdown", k);
          model = ce_chart_view_get_model (view);
          g_assert_cmpint (ce_plot_get_kind (ce_chart_view_get_plot (view)), ==, k);
          if (k == CE_PLOT_DISPERSION)
            g_assert_cmpuint (ce_chart_model_get_n_documents (model), >, 0);
          g_assert_true (ce_test_ui_settle (window));
          ce_test_ui_screenshot (GTK_WIDGET (window), name);
        }
    }

  ce_test_ui_set_dark (FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static CeExportDialog *
find_export_dialog (CeWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (CE_IS_EXPORT_DIALOG (toplevel) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window))
        return CE_EXPORT_DIALOG (toplevel);
    }

  return NULL;
}

static gboolean
has_export_dialog (gpointer window)
{
  return find_export_dialog (window) != NULL;
}

static void
test_export (void)
{
  CeWindow *window = open_window (sample_corpus, 1280, 800);
  CeChartView *view = show_chart (window);
  CeExportDialog *dialog;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GdkContentFormats *formats;
  g_autofree char *name = NULL;
  static const char * const suffixes[] = { "png", "svg", "pdf", "csv" };

  select_in (view, "kind_dropdown", CE_PLOT_BARS);
  select_in (view, "grouping_dropdown", BY_PLACE);

  /* Ctrl+E, through the window's action */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-chart", NULL));
  g_assert_true (ce_test_ui_wait_until (has_export_dialog, window, 10));
  dialog = find_export_dialog (window);
  g_assert_nonnull (dialog);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (dialog), 2));
  ce_test_ui_screenshot (GTK_WIDGET (dialog), "export-dialog.png");

  name = ce_export_dialog_suggest_name (dialog);
  g_assert_cmpstr (name, ==, "Trade and Climate.png");

  for (guint f = CE_EXPORT_PNG; f <= CE_EXPORT_CSV; f++)
    {
      g_autofree char *base = g_strdup_printf ("chart-export.%s", suffixes[f]);
      g_autofree char *path = ce_test_ui_screenshot_path (base);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *contents = NULL;
      gsize length;

      ce_export_dialog_set_format (dialog, f);
      g_assert_true (ce_export_dialog_save_to (dialog, file, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_test_message ("exported: %s", path);

      switch (f)
        {
        case CE_EXPORT_PNG:
          g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
          break;
        case CE_EXPORT_SVG:
          g_assert_nonnull (strstr (contents, "<svg"));
          break;
        case CE_EXPORT_PDF:
          g_assert_true (g_str_has_prefix (contents, "%PDF"));
          break;
        default:
          g_assert_true (g_str_has_prefix (contents, "category,Trade,Climate\n"));
          break;
        }
    }

  /* Remembered for the next export */
  {
    g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

    g_assert_cmpstr (g_settings_get_string (settings, "export-format"), ==, "csv");
    ce_export_dialog_set_format (dialog, CE_EXPORT_PNG);
  }

  /* Copy Image: a texture of the export's size on the clipboard */
  texture = ce_export_dialog_render_texture (dialog, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1600);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 1000);
  g_assert_true (ce_export_dialog_copy_image (dialog, &error));
  g_assert_no_error (error);
  formats = gdk_clipboard_get_formats (gtk_widget_get_clipboard (GTK_WIDGET (dialog)));
  g_assert_true (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE));

  gtk_window_destroy (GTK_WINDOW (dialog));
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

  sample_corpus = g_build_filename (tmp_dir, "sample.corpus", NULL);
  import_sample (sample_corpus);
  add_topic (sample_corpus, "Trade", "#0072b2", (const char *[]) { "trade", "tariff*", NULL });
  add_topic (sample_corpus, "Climate", "#e69f00",
             (const char *[]) { "climate", "storm*", "cyclone*", "flood*", NULL });

  g_test_add_func ("/corpus-explorer/chart-ui/empty-state", test_empty_state);
  g_test_add_func ("/corpus-explorer/chart-ui/click-bar", test_click_bar);
  g_test_add_func ("/corpus-explorer/chart-ui/legend-and-table", test_legend_and_table);
  g_test_add_func ("/corpus-explorer/chart-ui/settings-and-query", test_settings_and_query);
  g_test_add_func ("/corpus-explorer/chart-ui/screenshots", test_screenshots);
  g_test_add_func ("/corpus-explorer/chart-ui/export", test_export);

  ret = g_test_run ();

  g_clear_object (&app);
  ce_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (sample_corpus);

  return ret;
}
