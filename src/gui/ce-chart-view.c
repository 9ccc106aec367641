/* ce-chart-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chart page: choices of kind, grouping, measure, top N and order in
 * a toolbar, the chart, and a table of its numbers.  Counting runs in a
 * worker thread with its own connection; the page stays responsive and
 * shows progress when a count takes a while.
 */

#define G_LOG_DOMAIN "ce-chart-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "ce-chart-count.h"
#include "ce-chart-export.h"
#include "ce-chart-view.h"
#include "ce-chart-widget.h"
#include "ce-export-dialog.h"
#include "ce-gui-private.h"
#include "ce-search.h"

/* Counts quicker than this never show the progress overlay */
#define PROGRESS_DELAY_MS 200

static const struct {
  const char *name;
  CeGroupBy   by;
} groupings[] = {
  { "auto", CE_GROUP_DATE_AUTO },
  { "day", CE_GROUP_DAY },
  { "week", CE_GROUP_WEEK },
  { "month", CE_GROUP_MONTH },
  { "quarter", CE_GROUP_QUARTER },
  { "year", CE_GROUP_YEAR },
  { "document", CE_GROUP_DOCUMENT },
  { "place", CE_GROUP_PLACE },
  { "source", CE_GROUP_SOURCE },
  { "section", CE_GROUP_SECTION },
  { "author", CE_GROUP_AUTHOR },
};

static const CeMeasure measures[] = {
  CE_MEASURE_MENTIONS, CE_MEASURE_PER_10K, CE_MEASURE_DOCUMENTS, CE_MEASURE_SHARE,
};

/* Positions in sort_dropdown */
enum { SORT_VALUE, SORT_NATURAL };

struct _CeChartView
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkStack         *stack;
  AdwStatusPage    *empty_page;
  GtkDropDown      *kind_dropdown;
  GtkLabel         *grouping_label;
  GtkDropDown      *grouping_dropdown;
  GtkDropDown      *measure_dropdown;
  GtkLabel         *top_label;
  GtkSpinButton    *top_spin;
  GtkDropDown      *sort_dropdown;
  GtkToggleButton  *table_button;
  GtkPaned         *paned;
  GtkStack         *chart_stack;
  CeChartWidget    *chart;
  AdwStatusPage    *error_page;
  GtkWidget        *table_box;
  GtkLabel         *table_title;
  GtkButton        *copy_button;
  AdwButtonContent *copy_content;
  GtkColumnView    *table;
  GtkWidget        *progress_box;
  GtkSpinner       *spinner;

  /* Owned references */
  GSettings        *settings;
  CeSession        *session;
  GPtrArray        *topics;          /* CeTopic, enabled, in order */
  char             *query_text;
  CePlot           *plot;
  CeCountTable     *count_table;     /* what the chart shows */
  GPtrArray        *counted_topics;  /* the topics of count_table */
  GPtrArray        *counting_topics; /* the topics of the count running */
  GArray           *rows;            /* document id of each dispersion row */
  GHashTable       *hidden;          /* names of topics hidden in the legend */
  GtkStringList    *table_rows;
  GCancellable     *cancellable;

  guint             recount_source;
  guint             progress_source;
  guint             copied_source;
  gboolean          loading;
  gboolean          counting;
};

G_DEFINE_FINAL_TYPE (CeChartView, ce_chart_view, GTK_TYPE_WIDGET)

enum {
  SHOW_DOCUMENTS,
  ADD_TOPIC,
  COUNTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Counting in a worker ------------------------------------------------------ */

typedef struct
{
  char           *path;
  GPtrArray      *topics;      /* private copies: GObjects stay in one thread */
  CeGroupBy       by;
  CeMeasure       measure;
  guint           top_n;
  CeCategorySort  sort;
  char           *query_text;
  gboolean        dispersion;
} CountRequest;

typedef struct
{
  CeCountTable *table;
  CeChartModel *model;
  GArray       *rows;
} CountResult;

static void
count_request_free (CountRequest *request)
{
  g_ptr_array_unref (request->topics);
  g_free (request->query_text);
  g_free (request);
}

static void
count_result_free (CountResult *result)
{
  g_clear_pointer (&result->table, ce_count_table_unref);
  g_clear_object (&result->model);
  g_clear_pointer (&result->rows, g_array_unref);
  g_free (result);
}

static gpointer
count_func (CeCorpus      *corpus,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  CountRequest *request = data;
  g_autoptr(CeQuery) query = NULL;
  g_autoptr(GArray) filter_ids = NULL;
  CeChartCountOptions options = { 0 };
  const char *filter_fts = NULL;
  CeGrouping grouping = { request->by, NULL };
  CountResult *result;

  /* The window hands over a query it parsed; one that no longer parses
   * restricts nothing rather than hiding the chart. */
  if (request->query_text != NULL)
    query = ce_query_parse (request->query_text, NULL);

  if (query != NULL && !ce_query_is_empty (query))
    {
      filter_fts = ce_query_get_fts (query);
      if (ce_query_has_filters (query) &&
          (filter_ids = ce_search_ids (corpus, query, CE_SORT_ORDER, FALSE, error)) == NULL)
        return NULL;
    }

  result = g_new0 (CountResult, 1);
  result->table = ce_counter_aggregate (corpus, request->topics, &grouping, request->measure,
                                        filter_fts, filter_ids, request->top_n, request->sort,
                                        error);
  if (result->table == NULL)
    {
      count_result_free (result);
      return NULL;
    }

  options.query = query != NULL && !ce_query_is_empty (query) ? request->query_text : NULL;
  options.dispersion = request->dispersion;
  result->model = ce_chart_count_build_model (corpus, request->topics, result->table, &options,
                                              &result->rows, error);
  if (result->model == NULL)
    {
      count_result_free (result);
      return NULL;
    }

  return result;
}

/* Helpers ------------------------------------------------------------------- */

static CePlotKind
get_kind (CeChartView *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);

  /* The menu lists the kinds in the order of CePlotKind */
  return selected <= CE_PLOT_DISPERSION ? (CePlotKind)selected : CE_PLOT_BARS;
}

static CeGroupBy
get_group_by (CeChartView *self)
{
  guint selected = gtk_drop_down_get_selected (self->grouping_dropdown);

  return selected < G_N_ELEMENTS (groupings) ? groupings[selected].by : CE_GROUP_DATE_AUTO;
}

static gboolean
is_date_grouping (CeGroupBy by)
{
  return by == CE_GROUP_DATE_AUTO || by == CE_GROUP_DAY || by == CE_GROUP_WEEK ||
         by == CE_GROUP_MONTH || by == CE_GROUP_QUARTER || by == CE_GROUP_YEAR;
}

static void
show_progress (CeChartView *self,
               gboolean     shown)
{
  gtk_widget_set_visible (self->progress_box, shown);
  gtk_spinner_set_spinning (self->spinner, shown);
}

static gboolean
progress_timeout_cb (gpointer user_data)
{
  CeChartView *self = user_data;

  self->progress_source = 0;
  show_progress (self, TRUE);

  return G_SOURCE_REMOVE;
}

static void
stop_counting (CeChartView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  show_progress (self, FALSE);
  self->counting = FALSE;
}

static char *
format_exact (CeChartModel *model,
              double        value)
{
  if (isnan (value))
    return g_strdup ("–");

  switch (ce_chart_model_get_measure (model))
    {
    case CE_CHART_MEASURE_MENTIONS_PER_10K:
      return g_strdup_printf ("%'.2f", value);
    case CE_CHART_MEASURE_SHARE:
      return g_strdup_printf ("%'.1f%%", value * 100);
    case CE_CHART_MEASURE_MENTIONS:
    case CE_CHART_MEASURE_DOCUMENTS:
    default:
      return g_strdup_printf ("%'.0f", value);
    }
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  int series = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "series"));
  GtkWidget *label = gtk_label_new (NULL);

  if (series >= 0)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
    }

  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CeChartView              *self)
{
  int series = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "series"));
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  CeChartModel *model = ce_plot_get_model (self->plot);
  guint position = gtk_list_item_get_position (item);

  if (model == NULL || position >= ce_chart_model_get_n_categories (model))
    {
      gtk_label_set_text (label, "");
      return;
    }

  if (series < 0)
    {
      const char *text = ce_chart_model_get_category_label (model, position);

      gtk_label_set_text (label, text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), text);
    }
  else
    {
      g_autofree char *text = format_exact (model, ce_chart_model_get_value (model, series, position));

      gtk_label_set_text (label, text);
    }
}

static void
add_column (CeChartView *self,
            const char  *title,
            int          series)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_object_set_data (G_OBJECT (factory), "series", GINT_TO_POINTER (series));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cell_cb), self, 0);

  column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, series < 0);
  if (series >= 0)
    gtk_column_view_column_set_fixed_width (column, 140);
  gtk_column_view_append_column (self->table, column);
}

static void
update_table (CeChartView *self)
{
  CeChartModel *model = ce_plot_get_model (self->plot);
  GListModel *columns = gtk_column_view_get_columns (self->table);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  const char *x_title;
  guint n_old;

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->table, column);
    }

  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->table_rows));
  if (model == NULL)
    {
      gtk_string_list_splice (self->table_rows, 0, n_old, NULL);
      return;
    }

  x_title = ce_chart_model_get_x_title (model);
  add_column (self, x_title != NULL && x_title[0] != 0 ? x_title : _("Document"), -1);
  for (guint s = 0; s < ce_chart_model_get_n_series (model); s++)
    add_column (self, ce_chart_model_get_series_name (model, s), s);

  for (guint c = 0; c < ce_chart_model_get_n_categories (model); c++)
    g_ptr_array_add (labels, (gpointer)ce_chart_model_get_category_label (model, c));
  g_ptr_array_add (labels, NULL);

  gtk_string_list_splice (self->table_rows, 0, n_old, (const char * const *)labels->pdata);
  gtk_label_set_text (self->table_title, ce_chart_model_get_subtitle (model));
}

static void
apply_result (CeChartView *self,
              CountResult *result)
{
  CeChartModel *model = result->model;

  for (guint s = 0; s < ce_chart_model_get_n_series (model); s++)
    {
      if (g_hash_table_contains (self->hidden, ce_chart_model_get_series_name (model, s)))
        ce_chart_model_set_series_visible (model, s, FALSE);
    }

  g_clear_pointer (&self->count_table, ce_count_table_unref);
  self->count_table = ce_count_table_ref (result->table);
  g_clear_pointer (&self->rows, g_array_unref);
  if (result->rows != NULL)
    self->rows = g_array_ref (result->rows);

  ce_plot_set_kind (self->plot, get_kind (self));
  ce_plot_set_model (self->plot, model);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));

  gtk_stack_set_visible_child_name (self->chart_stack, "chart");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.export", TRUE);
  update_table (self);
}

static void
count_done_cb (GObject      *object,
               GAsyncResult *async_result,
               gpointer      user_data)
{
  g_autoptr(CeChartView) self = user_data;
  g_autoptr(GPtrArray) topics = NULL;
  g_autoptr(GError) error = NULL;
  CountResult *result;

  result = ce_session_run_finish (CE_SESSION (object), async_result, &error);

  /* A newer count replaced this one */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  topics = g_steal_pointer (&self->counting_topics);

  g_clear_handle_id (&self->progress_source, g_source_remove);
  show_progress (self, FALSE);
  g_clear_object (&self->cancellable);
  self->counting = FALSE;

  if (result == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->chart_stack, "error");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.export", FALSE);
      g_signal_emit (self, signals[COUNTED], 0);
      return;
    }

  g_clear_pointer (&self->counted_topics, g_ptr_array_unref);
  self->counted_topics = g_steal_pointer (&topics);
  apply_result (self, result);
  count_result_free (result);

  g_signal_emit (self, signals[COUNTED], 0);
}

static gboolean
has_topics (CeChartView *self)
{
  return self->topics != NULL && self->topics->len > 0;
}

static void
start_count (CeChartView *self)
{
  CountRequest *request;
  CeGroupBy by = get_group_by (self);
  CePlotKind kind = get_kind (self);

  stop_counting (self);

  if (self->session == NULL || !ce_session_is_open (self->session) || !has_topics (self))
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.export", FALSE);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "chart");

  request = g_new0 (CountRequest, 1);
  request->topics = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->topics->len; i++)
    g_ptr_array_add (request->topics, ce_topic_copy (g_ptr_array_index (self->topics, i)));
  request->measure = measures[MIN (gtk_drop_down_get_selected (self->measure_dropdown),
                                   G_N_ELEMENTS (measures) - 1)];
  request->sort = gtk_drop_down_get_selected (self->sort_dropdown) == SORT_NATURAL
                  ? CE_CATEGORY_SORT_NATURAL : CE_CATEGORY_SORT_VALUE;
  request->query_text = g_strdup (self->query_text);
  request->dispersion = kind == CE_PLOT_DISPERSION;

  /* A dispersion strip has a row per document; a time axis shows every period */
  request->by = request->dispersion ? CE_GROUP_DOCUMENT : by;
  request->top_n = is_date_grouping (request->by) ? 0 : gtk_spin_button_get_value_as_int (self->top_spin);

  self->cancellable = g_cancellable_new ();
  self->counting = TRUE;

  /* The topics the result belongs to, as the legend shows them */
  g_clear_pointer (&self->counting_topics, g_ptr_array_unref);
  self->counting_topics = g_ptr_array_ref (self->topics);
  ce_session_run_in_thread (self->session, count_func, request, (GDestroyNotify)count_request_free,
                            (GDestroyNotify)count_result_free, self->cancellable,
                            count_done_cb, g_object_ref (self));

  self->progress_source = g_timeout_add (PROGRESS_DELAY_MS, progress_timeout_cb, self);
}

static gboolean
recount_idle_cb (gpointer user_data)
{
  CeChartView *self = user_data;

  self->recount_source = 0;
  start_count (self);

  return G_SOURCE_REMOVE;
}

/* Several changes in a row (a new corpus and its topics) count once */
static void
queue_recount (CeChartView *self)
{
  if (self->loading)
    return;

  self->counting = self->session != NULL && ce_session_is_open (self->session) && has_topics (self);
  if (self->recount_source == 0)
    self->recount_source = g_idle_add_full (G_PRIORITY_DEFAULT, recount_idle_cb, self, NULL);
}

static void
update_sensitivity (CeChartView *self)
{
  gboolean dispersion = get_kind (self) == CE_PLOT_DISPERSION;
  gboolean dates = !dispersion && is_date_grouping (get_group_by (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->grouping_dropdown), !dispersion);
  gtk_widget_set_sensitive (GTK_WIDGET (self->grouping_label), !dispersion);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->grouping_dropdown),
                               dispersion ? _("A Dispersion Chart Has a Row for Each Document")
                                          : _("What the Categories Are"));

  gtk_widget_set_sensitive (GTK_WIDGET (self->top_spin), !dates);
  gtk_widget_set_sensitive (GTK_WIDGET (self->top_label), !dates);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->top_spin),
                               dates ? _("Every Period Is Shown")
                                     : dispersion ? _("Documents Shown, Those with the Most Mentions")
                                                  : _("Largest Categories Shown; the Rest Are Folded into “Other”"));
}

static void
save_settings (CeChartView *self)
{
  guint grouping = gtk_drop_down_get_selected (self->grouping_dropdown);
  guint measure = gtk_drop_down_get_selected (self->measure_dropdown);
  g_autoptr(GEnumClass) kinds = g_type_class_ref (CE_TYPE_PLOT_KIND);

  if (self->loading)
    return;

  g_settings_set_string (self->settings, "chart-kind", g_enum_get_value (kinds, get_kind (self))->value_nick);
  if (grouping < G_N_ELEMENTS (groupings))
    g_settings_set_string (self->settings, "chart-grouping", groupings[grouping].name);
  if (measure < G_N_ELEMENTS (measures))
    g_settings_set_string (self->settings, "chart-measure", ce_measure_to_string (measures[measure]));
  g_settings_set_int (self->settings, "chart-top-n", gtk_spin_button_get_value_as_int (self->top_spin));
}

static void
set_natural_sort (CeChartView *self)
{
  CeGroupBy by = get_group_by (self);

  /* Dates read best in time order; places and sources by size */
  gtk_drop_down_set_selected (self->sort_dropdown,
                              ce_chart_count_default_sort (by) == CE_CHART_SORT_NATURAL
                              ? SORT_NATURAL : SORT_VALUE);
}

static void
load_settings (CeChartView *self)
{
  g_autofree char *kind = g_settings_get_string (self->settings, "chart-kind");
  g_autofree char *grouping = g_settings_get_string (self->settings, "chart-grouping");
  g_autofree char *measure = g_settings_get_string (self->settings, "chart-measure");
  g_autoptr(GEnumClass) kinds = g_type_class_ref (CE_TYPE_PLOT_KIND);
  const GEnumValue *kind_value;
  CeMeasure parsed;

  self->loading = TRUE;

  kind_value = g_enum_get_value_by_nick (kinds, kind);
  if (kind_value != NULL)
    gtk_drop_down_set_selected (self->kind_dropdown, kind_value->value);

  for (guint i = 0; i < G_N_ELEMENTS (groupings); i++)
    if (g_str_equal (grouping, groupings[i].name))
      gtk_drop_down_set_selected (self->grouping_dropdown, i);

  if (ce_measure_parse (measure, &parsed, NULL))
    for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
      if (measures[i] == parsed)
        gtk_drop_down_set_selected (self->measure_dropdown, i);

  gtk_spin_button_set_value (self->top_spin, g_settings_get_int (self->settings, "chart-top-n"));
  set_natural_sort (self);

  self->loading = FALSE;
  update_sensitivity (self);
}

static void
show_documents (CeChartView *self,
                GArray      *ids,
                CeTopic     *topic,
                const char  *label)
{
  g_signal_emit (self, signals[SHOW_DOCUMENTS], 0, ids, topic, label);
}

static void
activate_category (CeChartView *self,
                   int          series,
                   guint        category)
{
  g_autoptr(GArray) ids = NULL;
  CeTopic *topic = NULL;

  if (self->count_table == NULL || category >= ce_count_table_get_n_categories (self->count_table) ||
      series >= (int)ce_count_table_get_n_topics (self->count_table))
    return;

  if (series >= 0 && self->counted_topics != NULL && (guint)series < self->counted_topics->len)
    topic = g_ptr_array_index (self->counted_topics, series);

  ids = ce_count_table_dup_documents (self->count_table, category, series);
  show_documents (self, ids, topic, ce_count_table_get_category_label (self->count_table, category));
}

static char *
model_to_csv (CeChartModel *model,
              GtkBitset    *only)
{
  g_autoptr(CeChartModel) subset = NULL;

  if (only == NULL)
    return ce_chart_export_csv_to_string (model);

  /* The selected rows, in a model of their own, so quoting and number
   * formats stay those of the export */
  subset = ce_chart_model_new ();
  ce_chart_model_set_measure (subset, ce_chart_model_get_measure (model));
  for (guint s = 0; s < ce_chart_model_get_n_series (model); s++)
    {
      CeColor color;

      ce_chart_model_get_series_color (model, s, &color);
      ce_chart_model_add_series (subset, ce_chart_model_get_series_name (model, s), &color);
      ce_chart_model_set_series_visible (subset, s, ce_chart_model_get_series_visible (model, s));
    }

  for (guint c = 0; c < ce_chart_model_get_n_categories (model); c++)
    {
      guint index;

      if (!gtk_bitset_contains (only, c))
        continue;

      index = ce_chart_model_add_category (subset, ce_chart_model_get_category_label (model, c));
      for (guint s = 0; s < ce_chart_model_get_n_series (model); s++)
        ce_chart_model_set_value (subset, s, index, ce_chart_model_get_value (model, s, c));
    }

  return ce_chart_export_csv_to_string (subset);
}

static gboolean
restore_copy_label_cb (gpointer user_data)
{
  CeChartView *self = user_data;

  self->copied_source = 0;
  adw_button_content_set_label (self->copy_content, _("_Copy as CSV"));
  adw_button_content_set_icon_name (self->copy_content, "edit-copy-symbolic");

  return G_SOURCE_REMOVE;
}

static void
copy_csv (CeChartView *self,
          GtkBitset   *only)
{
  CeChartModel *model = ce_plot_get_model (self->plot);
  g_autofree char *csv = NULL;

  if (model == NULL)
    return;

  csv = model_to_csv (model, only);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), csv);

  /* Say it worked where the user looks */
  adw_button_content_set_label (self->copy_content, _("Copied"));
  adw_button_content_set_icon_name (self->copy_content, "object-select-symbolic");
  g_clear_handle_id (&self->copied_source, g_source_remove);
  self->copied_source = g_timeout_add_seconds (2, restore_copy_label_cb, self);
}

/* Callbacks ----------------------------------------------------------------- */

static void
on_add_topic_clicked_cb (CeChartView *self,
                         GtkButton   *button)
{
  g_signal_emit (self, signals[ADD_TOPIC], 0);
}

static void
on_kind_changed_cb (CeChartView *self,
                    GParamSpec  *pspec,
                    GtkDropDown *dropdown)
{
  CePlotKind kind = get_kind (self);
  gboolean was_dispersion = ce_plot_get_kind (self->plot) == CE_PLOT_DISPERSION;

  update_sensitivity (self);
  save_settings (self);

  if (self->loading)
    return;

  /* Dispersion rows need their own count; other kinds draw the same numbers */
  if (was_dispersion || kind == CE_PLOT_DISPERSION || self->count_table == NULL)
    queue_recount (self);
  else
    ce_plot_set_kind (self->plot, kind);
}

static void
on_grouping_changed_cb (CeChartView *self,
                        GParamSpec  *pspec,
                        GtkDropDown *dropdown)
{
  if (self->loading)
    return;

  self->loading = TRUE;
  set_natural_sort (self);
  self->loading = FALSE;

  update_sensitivity (self);
  save_settings (self);
  queue_recount (self);
}

static void
on_control_changed_cb (CeChartView *self)
{
  if (self->loading)
    return;

  save_settings (self);
  queue_recount (self);
}

static void
on_table_toggled_cb (CeChartView     *self,
                     GParamSpec      *pspec,
                     GtkToggleButton *button)
{
  gboolean active = gtk_toggle_button_get_active (button);

  gtk_widget_set_visible (self->table_box, active);
  if (active && gtk_paned_get_position (self->paned) <= 0)
    gtk_paned_set_position (self->paned, MAX (240, gtk_widget_get_height (GTK_WIDGET (self->paned)) * 3 / 5));
}

static void
on_activate_value_cb (CeChartView   *self,
                      int            series,
                      guint          category,
                      CeChartWidget *chart)
{
  activate_category (self, series, category);
}

static void
on_activate_row_cb (CeChartView   *self,
                    guint          row,
                    CeChartWidget *chart)
{
  CeChartModel *model = ce_plot_get_model (self->plot);
  g_autoptr(GArray) ids = NULL;

  if (self->rows == NULL || model == NULL || row >= self->rows->len ||
      row >= ce_chart_model_get_n_documents (model))
    return;

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (ids, g_array_index (self->rows, gint64, row));
  show_documents (self, ids, NULL, ce_chart_model_get_document_label (model, row));
}

static void
on_series_toggled_cb (CeChartView   *self,
                      guint          series,
                      CeChartWidget *chart)
{
  CeChartModel *model = ce_plot_get_model (self->plot);
  const char *name = ce_chart_model_get_series_name (model, series);

  if (ce_chart_model_get_series_visible (model, series))
    g_hash_table_remove (self->hidden, name);
  else
    g_hash_table_add (self->hidden, g_strdup (name));
}

static void
on_table_activate_cb (CeChartView   *self,
                      guint          position,
                      GtkColumnView *table)
{
  activate_category (self, -1, position);
}

static void
on_copy_clicked_cb (CeChartView *self,
                    GtkButton   *button)
{
  copy_csv (self, NULL);
}

static gboolean
on_table_copy_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  CeChartView *self = user_data;
  GtkSelectionModel *selection = gtk_column_view_get_model (self->table);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);

  copy_csv (self, gtk_bitset_is_empty (selected) ? NULL : selected);
  return TRUE;
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ce_chart_view_export (CE_CHART_VIEW (widget));
}

static void
on_corpus_changed_cb (CeChartView *self)
{
  queue_recount (self);
}

/* GObject ------------------------------------------------------------------- */

static void
ce_chart_view_dispose (GObject *object)
{
  CeChartView *self = (CeChartView *)object;

  stop_counting (self);
  g_clear_handle_id (&self->recount_source, g_source_remove);
  g_clear_handle_id (&self->copied_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), CE_TYPE_CHART_VIEW);

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (ce_session_get_topics (self->session), self);
    }
  g_clear_object (&self->session);
  g_clear_pointer (&self->counting_topics, g_ptr_array_unref);
  g_clear_pointer (&self->topics, g_ptr_array_unref);
  g_clear_pointer (&self->counted_topics, g_ptr_array_unref);
  g_clear_pointer (&self->count_table, ce_count_table_unref);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_object (&self->plot);
  g_clear_object (&self->table_rows);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ce_chart_view_parent_class)->dispose (object);
}

static void
ce_chart_view_finalize (GObject *object)
{
  CeChartView *self = (CeChartView *)object;

  g_free (self->query_text);
  g_hash_table_unref (self->hidden);

  G_OBJECT_CLASS (ce_chart_view_parent_class)->finalize (object);
}

static void
ce_chart_view_class_init (CeChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ce_chart_view_dispose;
  object_class->finalize = ce_chart_view_finalize;

  /**
   * CeChartView::show-documents:
   * @ids: (element-type gint64): the documents a value counts
   * @topic: (nullable): the topic counted, or %NULL for any topic
   * @category_label: the category's label (a document's title for a
   *   dispersion row)
   */
  signals[SHOW_DOCUMENTS] =
    g_signal_new ("show-documents", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_ARRAY, CE_TYPE_TOPIC, G_TYPE_STRING);
  /**
   * CeChartView::add-topic:
   *
   * The empty state's button: the user wants to define a topic.
   */
  signals[ADD_TOPIC] =
    g_signal_new ("add-topic", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * CeChartView::counted:
   *
   * A count finished: the chart and its table show it, or the error.
   */
  signals[COUNTED] =
    g_signal_new ("counted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, APPLICATION_PATH "/ce-chart-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CeChartView, stack);
  gtk_widget_class_bind_template_child (widget_class, CeChartView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CeChartView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CeChartView, grouping_label);
  gtk_widget_class_bind_template_child (widget_class, CeChartView, grouping_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CeChartView, measure_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CeChartView, top_label);
  gtk_widget_class_bind_template_child (widget_class, CeChartView, top_spin);
  gtk_widget_class_bind_template_child (widget_class, CeChartView, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CeChartView, table_button);
  gtk_widget_class_bind_template_child (widget_class, CeChartView, paned);
  gtk_widget_class_bind_template_child (widget_class, CeChartView, chart_stack);
  gtk_widget_class_bind_template_child (widget_class, CeChartView, chart);
  gtk_widget_class_bind_template_child (widget_class, CeChartView, error_page);
  gtk_widget_class_bind_template_child (widget_class, CeChartView, table_box);
  gtk_widget_class_bind_template_child (widget_class, CeChartView, table_title);
  gtk_widget_class_bind_template_child (widget_class, CeChartView, copy_button);
  gtk_widget_class_bind_template_child (widget_class, CeChartView, copy_content);
  gtk_widget_class_bind_template_child (widget_class, CeChartView, table);
  gtk_widget_class_bind_template_child (widget_class, CeChartView, progress_box);
  gtk_widget_class_bind_template_child (widget_class, CeChartView, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_add_topic_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_grouping_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_control_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_table_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_value_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_series_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_table_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_clicked_cb);

  gtk_widget_class_install_action (widget_class, "chart.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "chart.export", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "chartview");

  g_type_ensure (CE_TYPE_CHART_WIDGET);
}

static void
ce_chart_view_init (CeChartView *self)
{
  g_autoptr(GtkSelectionModel) selection = NULL;
  GtkEventController *shortcuts;
  GtkShortcut *shortcut;

  gtk_widget_init_template (GTK_WIDGET (self));
  _ce_drop_down_take_mnemonic (self->grouping_dropdown);

  self->settings = g_settings_new (APPLICATION_ID);
  self->hidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->plot = ce_plot_new (NULL, CE_PLOT_BARS);
  ce_chart_widget_set_plot (self->chart, self->plot);

  self->table_rows = gtk_string_list_new (NULL);
  selection = GTK_SELECTION_MODEL (gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->table_rows))));
  gtk_column_view_set_model (self->table, selection);

  /* Ctrl+C copies the selected rows */
  shortcuts = gtk_shortcut_controller_new ();
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_c, GDK_CONTROL_MASK),
                               gtk_callback_action_new (on_table_copy_cb, self, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self->table), shortcuts);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.export", FALSE);
  load_settings (self);
}

/* Public API ---------------------------------------------------------------- */

GtkWidget *
ce_chart_view_new (void)
{
  return g_object_new (CE_TYPE_CHART_VIEW, NULL);
}

/* Another corpus: nothing of the last one's chart stays */
static void
on_path_changed_cb (CeChartView *self)
{
  g_hash_table_remove_all (self->hidden);
  g_clear_pointer (&self->count_table, ce_count_table_unref);
  ce_plot_set_model (self->plot, NULL);
  update_table (self);
  queue_recount (self);
}

static void
on_query_changed_cb (CeChartView *self)
{
  ce_chart_view_set_query (self, ce_session_get_query (self->session));
}

/* The enabled topics of the session, in order, are the series */
static void
on_topics_changed_cb (CeChartView *self)
{
  g_autoptr(GPtrArray) enabled = ce_session_dup_enabled_topics (self->session);

  ce_chart_view_set_topics (self, enabled);
}

/**
 * ce_chart_view_set_session:
 * @session: (nullable): the session whose corpus, query and topics to chart
 *
 * Counts the enabled topics of @session in its corpus, restricted by its
 * query, and again whenever one of them changes.
 */
void
ce_chart_view_set_session (CeChartView *self,
                           CeSession   *session)
{
  g_return_if_fail (CE_IS_CHART_VIEW (self));
  g_return_if_fail (session == NULL || CE_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (ce_session_get_topics (self->session), self);
    }
  g_set_object (&self->session, session);

  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::path", G_CALLBACK (on_path_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "corpus-changed", G_CALLBACK (on_corpus_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::query", G_CALLBACK (on_query_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (ce_session_get_topics (session), "items-changed",
                               G_CALLBACK (on_topics_changed_cb), self, G_CONNECT_SWAPPED);
      on_query_changed_cb (self);
      on_topics_changed_cb (self);
    }

  on_path_changed_cb (self);
}

/**
 * ce_chart_view_set_topics:
 * @topics: (nullable) (element-type CeTopic): the enabled topics, in order
 *
 * Sets the topics compared, one series each; call again after editing
 * one.  Without topics the view invites the user to add one.
 */
void
ce_chart_view_set_topics (CeChartView *self,
                          GPtrArray   *topics)
{
  g_return_if_fail (CE_IS_CHART_VIEW (self));

  g_clear_pointer (&self->topics, g_ptr_array_unref);
  self->topics = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; topics != NULL && i < topics->len; i++)
    g_ptr_array_add (self->topics, g_object_ref (g_ptr_array_index (topics, i)));

  queue_recount (self);
}

/**
 * ce_chart_view_set_query:
 * @query: (nullable): the current search
 *
 * Restricts the counts to the documents @query matches, as the list
 * shows them: its full-text part and its filters.
 */
void
ce_chart_view_set_query (CeChartView *self,
                         CeQuery     *query)
{
  const char *text = NULL;

  g_return_if_fail (CE_IS_CHART_VIEW (self));

  if (query != NULL && !ce_query_is_empty (query))
    text = ce_query_get_text (query);

  if (g_strcmp0 (text, self->query_text) == 0)
    return;

  g_free (self->query_text);
  self->query_text = g_strdup (text);
  queue_recount (self);
}

/**
 * ce_chart_view_is_counting:
 *
 * Returns: %TRUE while a count is queued or running
 */
gboolean
ce_chart_view_is_counting (CeChartView *self)
{
  g_return_val_if_fail (CE_IS_CHART_VIEW (self), FALSE);
  return self->counting;
}

/**
 * ce_chart_view_get_model:
 *
 * Returns: (transfer none) (nullable): the model of the chart shown
 */
CeChartModel *
ce_chart_view_get_model (CeChartView *self)
{
  g_return_val_if_fail (CE_IS_CHART_VIEW (self), NULL);
  return ce_plot_get_model (self->plot);
}

/**
 * ce_chart_view_get_plot:
 *
 * Returns: (transfer none): the plot drawn on screen
 */
CePlot *
ce_chart_view_get_plot (CeChartView *self)
{
  g_return_val_if_fail (CE_IS_CHART_VIEW (self), NULL);
  return self->plot;
}

/**
 * ce_chart_view_get_table:
 *
 * Returns: (transfer none) (nullable): the counts the chart shows;
 *   category i of the table is category i of the model
 */
CeCountTable *
ce_chart_view_get_table (CeChartView *self)
{
  g_return_val_if_fail (CE_IS_CHART_VIEW (self), NULL);
  return self->count_table;
}

/**
 * ce_chart_view_get_chart_widget:
 *
 * Returns: (transfer none): the #CeChartWidget
 */
GtkWidget *
ce_chart_view_get_chart_widget (CeChartView *self)
{
  g_return_val_if_fail (CE_IS_CHART_VIEW (self), NULL);
  return GTK_WIDGET (self->chart);
}

/**
 * ce_chart_view_export:
 *
 * Opens the export dialog for the chart shown.
 */
void
ce_chart_view_export (CeChartView *self)
{
  CeExportDialog *dialog;
  GtkRoot *root;

  g_return_if_fail (CE_IS_CHART_VIEW (self));

  if (ce_plot_get_model (self->plot) == NULL)
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = ce_export_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->plot);
  gtk_window_present (GTK_WINDOW (dialog));
}
