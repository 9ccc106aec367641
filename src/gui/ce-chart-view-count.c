/* ce-chart-view-count.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Counting runs in a session worker with its own connection; the page
 * stays responsive and shows progress when a count takes a while.
 */

#define G_LOG_DOMAIN "ce-chart-view"

#include "config.h"

#include <glib/gi18n.h>

#include "ce-chart-count.h"
#include "ce-chart-view-private.h"
#include "ce-search.h"

/* Counts quicker than this never show the progress overlay */
#define PROGRESS_DELAY_MS 200

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
  gboolean        unique;      /* each story once (ce_corpus_set_unique_stories()) */
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
  g_autofree char *subtitle = NULL;
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
  /* As `counts --unique`; the connection goes back to the pool as it came */
  ce_corpus_set_unique_stories (corpus, request->unique);
  result->table = ce_counter_aggregate (corpus, request->topics, &grouping, request->measure,
                                        filter_fts, filter_ids, request->top_n, request->sort,
                                        error);
  ce_corpus_set_unique_stories (corpus, FALSE);
  if (result->table == NULL)
    {
      count_result_free (result);
      return NULL;
    }

  options.query = query != NULL && !ce_query_is_empty (query) ? request->query_text : NULL;
  options.dispersion = request->dispersion;
  if (request->unique)
    {
      g_autofree char *counted = ce_chart_count_make_subtitle (result->table, options.query);

      /* Translators: the chart's subtitle, when each story is counted once */
      subtitle = g_strdup_printf (_("%s · each story once"), counted);
      options.subtitle = subtitle;
    }
  result->model = ce_chart_count_build_model (corpus, request->topics, result->table, &options,
                                              &result->rows, error);
  if (result->model == NULL)
    {
      count_result_free (result);
      return NULL;
    }

  return result;
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

void
_ce_chart_view_stop_counting (CeChartView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  show_progress (self, FALSE);
  self->counting = FALSE;
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

  ce_plot_set_kind (self->plot, _ce_chart_view_get_kind (self));
  ce_plot_set_model (self->plot, model);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));

  gtk_stack_set_visible_child_name (self->chart_stack, "chart");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.export", TRUE);
  _ce_chart_view_update_table (self);
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
      _ce_chart_view_emit_counted (self);
      return;
    }

  g_clear_pointer (&self->counted_topics, g_ptr_array_unref);
  self->counted_topics = g_steal_pointer (&topics);
  apply_result (self, result);
  count_result_free (result);

  _ce_chart_view_emit_counted (self);
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
  CeGroupBy by = _ce_chart_view_get_group_by (self);
  CePlotKind kind = _ce_chart_view_get_kind (self);

  _ce_chart_view_stop_counting (self);

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
  request->measure = _ce_chart_view_get_measure (self);
  request->sort = _ce_chart_view_get_sort (self);
  request->query_text = g_strdup (self->query_text);
  request->dispersion = kind == CE_PLOT_DISPERSION;
  request->unique = gtk_toggle_button_get_active (self->unique_button);

  /* A dispersion strip has a row per document; a time axis shows every period */
  request->by = request->dispersion ? CE_GROUP_DOCUMENT : by;
  request->top_n = _ce_chart_view_is_date_grouping (request->by) ? 0 : gtk_spin_button_get_value_as_int (self->top_spin);

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
void
_ce_chart_view_queue_recount (CeChartView *self)
{
  if (self->loading)
    return;

  self->counting = self->session != NULL && ce_session_is_open (self->session) && has_topics (self);
  if (self->recount_source == 0)
    self->recount_source = g_idle_add_full (G_PRIORITY_DEFAULT, recount_idle_cb, self, NULL);
}

