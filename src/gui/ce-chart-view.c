/* ce-chart-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chart page: choices of kind, grouping, measure, top N and order in
 * a toolbar, the chart, and a table of its numbers.  The parts are in
 * ce-chart-view-private.h.
 */

#define G_LOG_DOMAIN "ce-chart-view"

#include "config.h"

#include <glib/gi18n.h>

#include "ce-chart-view-private.h"
#include "ce-export-dialog.h"
#include "ce-gui-private.h"

G_DEFINE_FINAL_TYPE (CeChartView, ce_chart_view, GTK_TYPE_WIDGET)

enum {
  SHOW_DOCUMENTS,
  ADD_TOPIC,
  COUNTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_ce_chart_view_emit_counted (CeChartView *self)
{
  g_signal_emit (self, signals[COUNTED], 0);
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
  CePlotKind kind = _ce_chart_view_get_kind (self);
  gboolean was_dispersion = ce_plot_get_kind (self->plot) == CE_PLOT_DISPERSION;

  _ce_chart_view_update_sensitivity (self);
  _ce_chart_view_save_settings (self);

  if (self->loading)
    return;

  /* Dispersion rows need their own count; other kinds draw the same numbers */
  if (was_dispersion || kind == CE_PLOT_DISPERSION || self->count_table == NULL)
    _ce_chart_view_queue_recount (self);
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
  _ce_chart_view_set_natural_sort (self);
  self->loading = FALSE;

  _ce_chart_view_update_sensitivity (self);
  _ce_chart_view_save_settings (self);
  _ce_chart_view_queue_recount (self);
}

static void
on_control_changed_cb (CeChartView *self)
{
  if (self->loading)
    return;

  _ce_chart_view_save_settings (self);
  _ce_chart_view_queue_recount (self);
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
  _ce_chart_view_copy_csv (self, NULL);
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
  _ce_chart_view_queue_recount (self);
}

/* GObject ------------------------------------------------------------------- */

static void
ce_chart_view_dispose (GObject *object)
{
  CeChartView *self = (CeChartView *)object;

  _ce_chart_view_stop_counting (self);
  g_clear_handle_id (&self->recount_source, g_source_remove);
  g_clear_handle_id (&self->copied_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), CE_TYPE_CHART_VIEW);

  ce_session_unwatch (&self->session, self);
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
  gtk_widget_class_bind_template_child (widget_class, CeChartView, unique_button);
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
  gtk_widget_init_template (GTK_WIDGET (self));
  _ce_drop_down_take_mnemonic (self->grouping_dropdown);

  self->settings = g_settings_new (APPLICATION_ID);
  self->hidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->plot = ce_plot_new (NULL, CE_PLOT_BARS);
  ce_chart_widget_set_plot (self->chart, self->plot);

  _ce_chart_view_init_table (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.export", FALSE);
  _ce_chart_view_load_settings (self);
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
  _ce_chart_view_update_table (self);
  _ce_chart_view_queue_recount (self);
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
  static const CeSessionWatch watch = {
    .path_changed = G_CALLBACK (on_path_changed_cb),
    .query_changed = G_CALLBACK (on_query_changed_cb),
    .corpus_changed = G_CALLBACK (on_corpus_changed_cb),
    .topics_changed = G_CALLBACK (on_topics_changed_cb),
  };

  g_return_if_fail (CE_IS_CHART_VIEW (self));
  g_return_if_fail (session == NULL || CE_IS_SESSION (session));

  if (!ce_session_watch (&self->session, session, self, &watch))
    return;

  if (session != NULL)
    {
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

  _ce_chart_view_queue_recount (self);
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
  _ce_chart_view_queue_recount (self);
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
