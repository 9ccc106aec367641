/* ce-analysis-cooccurrence.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Topic co-occurrence: for each pair of enabled topics, the documents
 * that mention both, with Jaccard or PMI, as a heat map (drawn by the
 * chart layer, exported like every chart) and as a table.  A cell or a
 * row lists the documents it counts on the Documents page.
 */

#define G_LOG_DOMAIN "ce-analysis"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ce-analysis-private.h"
#include "ce-cooccurrence.h"

enum { VALUE_BOTH, VALUE_A, VALUE_B, VALUE_JACCARD, VALUE_PMI };
enum { COLUMN_A, COLUMN_B, COLUMN_BOTH, COLUMN_DOCS_A, COLUMN_DOCS_B, COLUMN_JACCARD, COLUMN_PMI };
enum { MEASURE_JACCARD, MEASURE_PMI };

struct _CeAnalysisCooccurrence
{
  GtkWidget         parent_instance;
  CeAnalysisPart    part;

  GtkWidget        *measure_dropdown;
  GtkWidget        *export_button;
  CeChartWidget    *chart;

  /* Owned references */
  CePlot           *plot;
  GPtrArray        *topics;   /* the topics of the result */
  GPtrArray        *pairs;    /* of CeCooccurrence */
  guint             n_docs;
};

G_DEFINE_FINAL_TYPE (CeAnalysisCooccurrence, ce_analysis_cooccurrence, GTK_TYPE_WIDGET)

typedef struct
{
  GPtrArray *topics;
  GPtrArray *pairs;
  guint      n_docs;
} Result;

static void
result_free (gpointer data)
{
  Result *result = data;

  g_clear_pointer (&result->topics, g_ptr_array_unref);
  g_clear_pointer (&result->pairs, g_ptr_array_unref);
  g_free (result);
}

static gpointer
cooccurrence_func (CeCorpus      *corpus,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  GPtrArray *topics = data;
  Result *result;
  GPtrArray *pairs;
  guint n_docs = 0;

  pairs = ce_cooccurrence_compute (corpus, topics, &n_docs, cancellable, error);
  if (pairs == NULL)
    return NULL;

  result = g_new0 (Result, 1);
  result->topics = g_ptr_array_ref (topics);
  result->pairs = pairs;
  result->n_docs = n_docs;

  return result;
}

static gboolean
showing_pmi (CeAnalysisCooccurrence *self)
{
  return gtk_drop_down_get_selected (GTK_DROP_DOWN (self->measure_dropdown)) == MEASURE_PMI;
}

static CeCooccurrence *
find_pair (CeAnalysisCooccurrence *self,
           guint                   a,
           guint                   b)
{
  if (self->pairs == NULL || a == b)
    return NULL;

  for (guint i = 0; i < self->pairs->len; i++)
    {
      CeCooccurrence *pair = g_ptr_array_index (self->pairs, i);

      if ((pair->a == a && pair->b == b) || (pair->a == b && pair->b == a))
        return pair;
    }

  return NULL;
}

static void
update_chart (CeAnalysisCooccurrence *self)
{
  g_autoptr(CeChartModel) model = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *source = NULL;
  gboolean pmi = showing_pmi (self);

  if (self->pairs == NULL || self->topics == NULL || self->topics->len < 2)
    {
      ce_plot_set_model (self->plot, NULL);
      gtk_widget_set_sensitive (self->export_button, FALSE);
      return;
    }

  model = ce_chart_model_new ();
  ce_chart_model_set_title (model, _("Topics Mentioned Together"));
  subtitle = g_strdup_printf (pmi
                              ? _("PMI of the documents mentioning both topics, among %'u documents")
                              : _("Jaccard: the documents mentioning both topics over those mentioning either, among %'u documents"),
                              self->n_docs);
  ce_chart_model_set_subtitle (model, subtitle);
  if (self->part.session != NULL && ce_session_is_open (self->part.session))
    {
      g_autofree char *name = ce_session_dup_name (self->part.session);

      source = g_strdup_printf (_("Source: %s"), name);
    }
  ce_chart_model_set_source (model, source);
  /* Plain numbers, as in the table */
  ce_chart_model_set_measure (model, CE_CHART_MEASURE_MENTIONS);
  ce_chart_model_set_unit_label (model, pmi ? _("PMI") : _("Jaccard"));
  ce_chart_model_set_y_title (model, pmi ? _("PMI") : _("Jaccard"));

  for (guint i = 0; i < self->topics->len; i++)
    {
      CeTopic *topic = g_ptr_array_index (self->topics, i);
      CeColor color;

      ce_color_parse (&color, ce_topic_get_color (topic));
      ce_chart_model_add_series (model, ce_topic_get_name (topic), &color);
      ce_chart_model_add_category (model, ce_topic_get_name (topic));
    }

  for (guint s = 0; s < self->topics->len; s++)
    for (guint c = 0; c < self->topics->len; c++)
      {
        CeCooccurrence *pair = find_pair (self, s, c);
        double value = NAN;

        /* A topic with itself says nothing: no value on the diagonal */
        if (pair != NULL)
          value = pmi ? pair->pmi : pair->jaccard;
        ce_chart_model_set_value (model, s, c, value);
      }

  ce_plot_set_model (self->plot, model);
  gtk_widget_set_sensitive (self->export_button, TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
}

static void
show_documents (CeAnalysisCooccurrence *self,
                CeCooccurrence         *pair)
{
  g_autofree char *label = NULL;

  if (pair == NULL || self->topics == NULL)
    return;

  /* Translators: what the documents listed are: "China and Trade" */
  label = g_strdup_printf (_("%s and %s"),
                           ce_topic_get_name (g_ptr_array_index (self->topics, pair->a)),
                           ce_topic_get_name (g_ptr_array_index (self->topics, pair->b)));
  _ce_analysis_view_request_documents (GTK_WIDGET (self), pair->both, label);
}

static void
cooccurrence_done_cb (GObject      *object,
                      GAsyncResult *res,
                      gpointer      user_data)
{
  g_autoptr(CeAnalysisCooccurrence) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *summary = NULL;
  Result *result;

  result = ce_session_run_finish (CE_SESSION (object), res, &error);
  if (!_ce_analysis_schedule_finish (&self->part.schedule, error))
    return;

  g_clear_pointer (&self->pairs, g_ptr_array_unref);
  g_clear_pointer (&self->topics, g_ptr_array_unref);

  if (result == NULL)
    {
      g_list_store_remove_all (self->part.rows);
      gtk_label_set_text (self->part.summary_label, "");
      update_chart (self);
      _ce_analysis_status_error (&self->part.status, error->message);
      return;
    }

  self->pairs = g_steal_pointer (&result->pairs);
  self->topics = g_steal_pointer (&result->topics);
  self->n_docs = result->n_docs;
  result_free (result);

  rows = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->pairs->len; i++)
    {
      CeCooccurrence *pair = g_ptr_array_index (self->pairs, i);
      CeAnalysisRow *row = ce_analysis_row_new (ce_topic_get_name (g_ptr_array_index (self->topics, pair->a)),
                                                ce_topic_get_name (g_ptr_array_index (self->topics, pair->b)));

      ce_analysis_row_set_value (row, VALUE_BOTH, pair->docs_both);
      ce_analysis_row_set_value (row, VALUE_A, pair->docs_a);
      ce_analysis_row_set_value (row, VALUE_B, pair->docs_b);
      ce_analysis_row_set_value (row, VALUE_JACCARD, pair->jaccard);
      ce_analysis_row_set_value (row, VALUE_PMI, pair->pmi);
      ce_analysis_row_set_data (row, GUINT_TO_POINTER (i), NULL);
      g_ptr_array_add (rows, row);
    }
  g_list_store_splice (self->part.rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->part.rows)),
                       rows->pdata, rows->len);

  summary = g_strdup_printf (ngettext ("%'u topic in %'u document", "%'u topics in %'u documents", self->n_docs),
                             self->topics->len, self->n_docs);
  gtk_label_set_text (self->part.summary_label, summary);

  update_chart (self);
  _ce_analysis_status_results (&self->part.status);
}

static void
refresh (CeAnalysisCooccurrence *self)
{
  g_autoptr(GPtrArray) topics = NULL;

  if (!_ce_analysis_schedule_start (&self->part.schedule))
    return;

  if (self->part.session != NULL && ce_session_is_open (self->part.session))
    topics = ce_session_dup_enabled_topics (self->part.session);

  if (topics == NULL || topics->len < 2)
    {
      g_clear_pointer (&self->pairs, g_ptr_array_unref);
      g_clear_pointer (&self->topics, g_ptr_array_unref);
      g_list_store_remove_all (self->part.rows);
      gtk_label_set_text (self->part.summary_label, "");
      update_chart (self);
      _ce_analysis_status_empty (&self->part.status, NULL);
      return;
    }

  _ce_analysis_part_run (&self->part, GTK_WIDGET (self), cooccurrence_func, g_steal_pointer (&topics),
                         (GDestroyNotify)g_ptr_array_unref, result_free, NULL, cooccurrence_done_cb);
}

static void
queue_refresh (CeAnalysisCooccurrence *self)
{
  _ce_analysis_schedule_queue (&self->part.schedule);
}

static void
on_measure_changed_cb (CeAnalysisCooccurrence *self)
{
  update_chart (self);
  _ce_analysis_table_sort_by (self->part.table, showing_pmi (self) ? COLUMN_PMI : COLUMN_JACCARD,
                              GTK_SORT_DESCENDING);
}

static void
on_activate_cb (CeAnalysisCooccurrence *self,
                guint                   position,
                GtkColumnView          *view)
{
  g_autoptr(CeAnalysisRow) row = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)), position);
  guint index;

  if (row == NULL || self->pairs == NULL)
    return;

  index = GPOINTER_TO_UINT (ce_analysis_row_get_data (row));
  if (index < self->pairs->len)
    show_documents (self, g_ptr_array_index (self->pairs, index));
}

static void
on_chart_activate_cb (CeAnalysisCooccurrence *self,
                      int                     series,
                      guint                   category,
                      CeChartWidget          *chart)
{
  if (series >= 0)
    show_documents (self, find_pair (self, series, category));
}

static char *
describe_cb (CeChartWidget   *chart,
             const CePlotHit *hit,
             gpointer         user_data)
{
  CeAnalysisCooccurrence *self = user_data;
  CeCooccurrence *pair;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (hit->series < 0 || hit->category < 0 || self->topics == NULL ||
      (pair = find_pair (self, hit->series, hit->category)) == NULL)
    return NULL;

  a = g_markup_escape_text (ce_topic_get_name (g_ptr_array_index (self->topics, pair->a)), -1);
  b = g_markup_escape_text (ce_topic_get_name (g_ptr_array_index (self->topics, pair->b)), -1);

  return g_strdup_printf (_("<b>%s</b> and <b>%s</b>\n%'u documents mention both (%'u and %'u each)\nJaccard %.2f · PMI %.2f\n<small>Click to list these documents</small>"),
                          a, b, pair->docs_both, pair->docs_a, pair->docs_b, pair->jaccard,
                          isnan (pair->pmi) ? 0.0 : pair->pmi);
}

static void
on_export_clicked_cb (CeAnalysisCooccurrence *self)
{
  _ce_analysis_export_plot (GTK_WIDGET (self), self->plot);
}

static void
ce_analysis_cooccurrence_dispose (GObject *object)
{
  CeAnalysisCooccurrence *self = (CeAnalysisCooccurrence *)object;

  _ce_analysis_part_dispose (&self->part, GTK_WIDGET (self));
  g_clear_pointer (&self->pairs, g_ptr_array_unref);
  g_clear_pointer (&self->topics, g_ptr_array_unref);
  g_clear_object (&self->plot);

  G_OBJECT_CLASS (ce_analysis_cooccurrence_parent_class)->dispose (object);
}

static void
ce_analysis_cooccurrence_class_init (CeAnalysisCooccurrenceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ce_analysis_cooccurrence_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
ce_analysis_cooccurrence_init (CeAnalysisCooccurrence *self)
{
  static const char * const measures[] = { N_("Jaccard"), N_("PMI"), NULL };
  GtkWidget *toolbar;
  GtkWidget *scrolled;
  GtkWidget *paned;
  GtkWidget *stack;

  _ce_analysis_schedule_init (&self->part.schedule, GTK_WIDGET (self), _CE_ANALYSIS_DELAY_MS,
                              (CeAnalysisRefreshFunc)refresh);

  toolbar = _ce_analysis_toolbar_new ();
  self->measure_dropdown = _ce_analysis_add_labeled (toolbar, _("_Value"),
                                                     _ce_analysis_drop_down_new_translated ("cooccurrence-measure", measures));
  gtk_widget_set_tooltip_text (self->measure_dropdown,
                               _("Jaccard: the documents mentioning both over those mentioning either; PMI: how much more often they meet than by chance, in bits"));
  self->part.summary_label = _ce_analysis_add_summary (toolbar);
  self->export_button = _ce_analysis_add_export_button (toolbar, _("E_xport Heat Map…"), "cooccurrence-export",
                                                        G_CALLBACK (on_export_clicked_cb), self);
  _ce_analysis_toolbar_attach (GTK_WIDGET (self), toolbar);

  self->plot = ce_plot_new (NULL, CE_PLOT_HEATMAP);
  ce_plot_set_heatmap_ramp (self->plot, CE_PLOT_RAMP_SEQUENTIAL);
  self->chart = CE_CHART_WIDGET (ce_chart_widget_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->chart), 360, 240);
  gtk_widget_set_hexpand (GTK_WIDGET (self->chart), TRUE);
  ce_chart_widget_set_plot (self->chart, self->plot);
  ce_chart_widget_set_describe_func (self->chart, describe_cb, self, NULL);
  g_signal_connect_object (self->chart, "activate-value", G_CALLBACK (on_chart_activate_cb), self,
                           G_CONNECT_SWAPPED);

  self->part.rows = g_list_store_new (CE_TYPE_ANALYSIS_ROW);
  self->part.table = _ce_analysis_table_new (self->part.rows, _("Pairs of topics"), &scrolled);
  _ce_analysis_table_add_text (self->part.table, _("Topic"), 0, TRUE);
  _ce_analysis_table_add_text (self->part.table, _("With"), 1, TRUE);
  _ce_analysis_table_add_number (self->part.table, _("Both"), VALUE_BOTH, 0);
  _ce_analysis_table_add_number (self->part.table, _("First"), VALUE_A, 0);
  _ce_analysis_table_add_number (self->part.table, _("Second"), VALUE_B, 0);
  _ce_analysis_table_add_number (self->part.table, _("Jaccard"), VALUE_JACCARD, 2);
  _ce_analysis_table_add_number (self->part.table, _("PMI"), VALUE_PMI, 12);
  _ce_analysis_table_sort_by (self->part.table, COLUMN_JACCARD, GTK_SORT_DESCENDING);
  g_signal_connect_object (self->part.table, "activate", G_CALLBACK (on_activate_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->part.table),
                               _("Both: documents mentioning both topics; First, Second: each of them. Activate a pair to list its documents."));

  paned = _ce_analysis_paned_new (GTK_WIDGET (self->chart), scrolled);

  stack = _ce_analysis_status_init (&self->part.status, paned, "x-office-presentation-symbolic",
                                    _("Two Topics Needed"),
                                    _("Turn on at least two topics on the Chart page to see how often they are mentioned in the same documents."));
  gtk_widget_set_parent (stack, GTK_WIDGET (self));

  g_signal_connect_object (self->measure_dropdown, "notify::selected", G_CALLBACK (on_measure_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

void
_ce_analysis_cooccurrence_set_session (CeAnalysisCooccurrence *self,
                                       CeSession              *session)
{
  static const CeSessionWatch watch = {
    .path_changed = G_CALLBACK (queue_refresh),
    .corpus_changed = G_CALLBACK (queue_refresh),
    .topics_changed = G_CALLBACK (queue_refresh),
  };

  g_return_if_fail (CE_IS_ANALYSIS_COOCCURRENCE (self));

  _ce_analysis_part_set_session (&self->part, GTK_WIDGET (self), session, &watch);
  queue_refresh (self);
}

gboolean
_ce_analysis_cooccurrence_is_busy (CeAnalysisCooccurrence *self)
{
  return _ce_analysis_schedule_is_busy (&self->part.schedule);
}

GtkColumnView *
_ce_analysis_cooccurrence_get_table (CeAnalysisCooccurrence *self)
{
  return self->part.table;
}

CeChartWidget *
_ce_analysis_cooccurrence_get_chart (CeAnalysisCooccurrence *self)
{
  return self->chart;
}
