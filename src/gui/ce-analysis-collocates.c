/* ce-analysis-collocates.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Collocates: the words within a few words left and right of the matches
 * of the search, or of the mentions of a topic.  Activating one opens
 * the contexts of those matches that have it nearby.
 */

#define G_LOG_DOMAIN "ce-analysis"

#include "config.h"

#include <glib/gi18n.h>

#include "ce-analysis-private.h"
#include "ce-collocates.h"

enum { VALUE_COUNT, VALUE_CORPUS, VALUE_DOCS, VALUE_MI, VALUE_LL, VALUE_LOGDICE };
enum { COLUMN_WORD, COLUMN_COUNT, COLUMN_CORPUS, COLUMN_DOCS, COLUMN_MI, COLUMN_LL, COLUMN_LOGDICE };

#define DEFAULT_WINDOW 5
#define DEFAULT_MIN 3

struct _CeAnalysisCollocates
{
  GtkWidget          parent_instance;
  CeAnalysisPart     part;

  GtkWidget         *source_dropdown;
  GtkWidget         *left_spin;
  GtkWidget         *right_spin;
  GtkWidget         *measure_dropdown;
  GtkWidget         *min_spin;
  GtkWidget         *stopwords_check;

  /* Owned references */
  GPtrArray         *topics;        /* of CeTopic, the source rows after the first */
  CeTopic           *result_topic;  /* the topic of the rows shown, or NULL */
};

G_DEFINE_FINAL_TYPE (CeAnalysisCollocates, ce_analysis_collocates, GTK_TYPE_WIDGET)

typedef struct
{
  CeQuery            *query;
  CeTopic            *topic;
  CeCollocateOptions  options;
  gboolean            stopwords;
  CeAnalysisProgress *progress;
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  g_clear_pointer (&request->query, ce_query_unref);
  g_clear_object (&request->topic);
  g_clear_pointer (&request->progress, _ce_analysis_progress_unref);
  g_free (request);
}

static gpointer
collocates_func (CeCorpus      *corpus,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  Request *request = data;
  g_autoptr(GHashTable) stopwords = NULL;
  CeCollocateOptions options = request->options;

  if (request->stopwords && (stopwords = _ce_analysis_load_stopwords (error)) == NULL)
    return NULL;

  options.stopwords = stopwords;
  options.progress = _ce_analysis_progress_cb;
  options.progress_data = request->progress;

  if (request->topic != NULL)
    return ce_collocates_for_topic (corpus, request->topic, &options, cancellable, error);

  return ce_collocates_for_query (corpus, request->query, &options, cancellable, error);
}

static void
set_summary (CeAnalysisCollocates    *self,
             const CeCollocateResult *result)
{
  g_autofree char *text = NULL;

  if (result != NULL)
    /* Translators: "120 matches in 30 documents" */
    text = g_strdup_printf (ngettext ("%'u match in %'u documents", "%'u matches in %'u documents",
                                      (gulong)MIN (result->matches, G_MAXUINT)),
                            (guint)MIN (result->matches, G_MAXUINT), result->docs);

  gtk_label_set_text (self->part.summary_label, text != NULL ? text : "");
}

static void
collocates_done_cb (GObject      *object,
                    GAsyncResult *res,
                    gpointer      user_data)
{
  g_autoptr(CeAnalysisCollocates) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CeCollocateResult) result = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  result = ce_session_run_finish (CE_SESSION (object), res, &error);
  if (!_ce_analysis_schedule_finish (&self->part.schedule, error))
    return;

  if (result == NULL)
    {
      g_list_store_remove_all (self->part.rows);
      set_summary (self, NULL);
      _ce_analysis_status_error (&self->part.status, error->message);
      return;
    }

  rows = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < result->collocates->len; i++)
    {
      CeCollocate *collocate = g_ptr_array_index (result->collocates, i);
      CeAnalysisRow *row = ce_analysis_row_new (collocate->word, NULL);

      ce_analysis_row_set_value (row, VALUE_COUNT, collocate->count);
      ce_analysis_row_set_value (row, VALUE_CORPUS, collocate->corpus_count);
      ce_analysis_row_set_value (row, VALUE_DOCS, collocate->docs);
      ce_analysis_row_set_value (row, VALUE_MI, collocate->mi);
      ce_analysis_row_set_value (row, VALUE_LL, collocate->ll);
      ce_analysis_row_set_value (row, VALUE_LOGDICE, collocate->log_dice);
      g_ptr_array_add (rows, row);
    }
  g_list_store_splice (self->part.rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->part.rows)),
                       rows->pdata, rows->len);
  set_summary (self, result);

  if (rows->len > 0)
    _ce_analysis_status_results (&self->part.status);
  else if (result->matches == 0)
    _ce_analysis_status_none (&self->part.status, _("No Matches"),
                              self->result_topic != NULL
                              ? _("No document mentions this topic.")
                              : _("No document holds the words searched for."));
  else
    _ce_analysis_status_none (&self->part.status, _("No Collocates"),
                              _("No word occurs often enough near the matches. Try a wider window or a lower minimum frequency."));
}

static void
refresh (CeAnalysisCollocates *self)
{
  Request *request;
  CeTopic *topic;

  if (!_ce_analysis_schedule_start (&self->part.schedule))
    return;

  topic = _ce_analysis_selected_topic (GTK_DROP_DOWN (self->source_dropdown), self->topics);
  g_clear_object (&self->result_topic);

  if (self->part.session == NULL || !ce_session_is_open (self->part.session) ||
      (topic == NULL && (self->part.query == NULL || ce_query_is_empty (self->part.query))))
    {
      g_list_store_remove_all (self->part.rows);
      set_summary (self, NULL);
      _ce_analysis_status_empty (&self->part.status, NULL);
      return;
    }

  request = g_new0 (Request, 1);
  if (topic != NULL)
    {
      request->topic = ce_topic_copy (topic);
      self->result_topic = g_object_ref (topic);
    }
  else
    request->query = ce_query_ref (self->part.query);
  request->options.left = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->left_spin));
  request->options.right = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->right_spin));
  request->options.min_count = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->min_spin));
  request->options.sort = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->measure_dropdown));
  request->stopwords = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->stopwords_check));
  request->progress = _ce_analysis_progress_new ();

  _ce_analysis_part_run (&self->part, GTK_WIDGET (self), collocates_func, request, request_free,
                         (GDestroyNotify)ce_collocate_result_free, request->progress, collocates_done_cb);
}

static void
queue_refresh (CeAnalysisCollocates *self)
{
  _ce_analysis_schedule_queue (&self->part.schedule);
}

static void
on_query_changed_cb (CeAnalysisCollocates *self)
{
  if (!_ce_analysis_take_query (&self->part.query, self->part.session))
    return;

  if (_ce_analysis_selected_topic (GTK_DROP_DOWN (self->source_dropdown), self->topics) == NULL)
    queue_refresh (self);
}

static void
on_topics_changed_cb (CeAnalysisCollocates *self)
{
  g_signal_handlers_block_by_func (self->source_dropdown, queue_refresh, self);
  _ce_analysis_list_topics (GTK_DROP_DOWN (self->source_dropdown), self->part.session, self->topics);
  g_signal_handlers_unblock_by_func (self->source_dropdown, queue_refresh, self);

  /* The topic's terms may have changed */
  if (self->result_topic != NULL)
    queue_refresh (self);
}

static void
on_measure_changed_cb (CeAnalysisCollocates *self)
{
  static const guint columns[] = { COLUMN_LL, COLUMN_MI, COLUMN_LOGDICE, COLUMN_COUNT };
  guint measure = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->measure_dropdown));

  /* Every collocate is listed whatever the measure: sorting is enough */
  if (measure < G_N_ELEMENTS (columns))
    _ce_analysis_table_sort_by (self->part.table, columns[measure], GTK_SORT_DESCENDING);
}

static void
on_activate_cb (CeAnalysisCollocates *self,
                guint                 position,
                GtkColumnView        *view)
{
  g_autoptr(CeAnalysisRow) row = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)), position);

  if (row != NULL)
    _ce_analysis_view_request_contexts (GTK_WIDGET (self), self->result_topic,
                                        ce_analysis_row_get_text (row, 0));
}

static void
ce_analysis_collocates_dispose (GObject *object)
{
  CeAnalysisCollocates *self = (CeAnalysisCollocates *)object;

  _ce_analysis_part_dispose (&self->part, GTK_WIDGET (self));
  g_clear_pointer (&self->topics, g_ptr_array_unref);
  g_clear_object (&self->result_topic);

  G_OBJECT_CLASS (ce_analysis_collocates_parent_class)->dispose (object);
}

static void
ce_analysis_collocates_class_init (CeAnalysisCollocatesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ce_analysis_collocates_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
ce_analysis_collocates_init (CeAnalysisCollocates *self)
{
  /* In the order of CeCollocateSort */
  static const char * const measures[] = { N_("G²"), N_("MI"), N_("logDice"), N_("Frequency"), NULL };
  GtkWidget *toolbar;
  GtkWidget *scrolled;
  GtkWidget *stack;

  _ce_analysis_schedule_init (&self->part.schedule, GTK_WIDGET (self), _CE_ANALYSIS_DELAY_MS,
                              (CeAnalysisRefreshFunc)refresh);
  self->topics = g_ptr_array_new_with_free_func (g_object_unref);


  toolbar = _ce_analysis_toolbar_new ();
  self->source_dropdown = _ce_analysis_add_labeled (toolbar, _("_Around"),
                                                    _ce_analysis_topic_drop_down_new ("collocates-source",
                                                                                      _("Search Results")));
  gtk_widget_set_tooltip_text (self->source_dropdown, _("The matches of the search, or the mentions of a topic"));
  self->left_spin = _ce_analysis_add_labeled (toolbar, _("_Left"),
                                              _ce_analysis_spin_new ("collocates-left", 0, 10, DEFAULT_WINDOW));
  gtk_widget_set_tooltip_text (self->left_spin, _("Words looked at before each match"));
  self->right_spin = _ce_analysis_add_labeled (toolbar, _("_Right"),
                                               _ce_analysis_spin_new ("collocates-right", 0, 10, DEFAULT_WINDOW));
  gtk_widget_set_tooltip_text (self->right_spin, _("Words looked at after each match"));
  self->measure_dropdown = _ce_analysis_add_labeled (toolbar, _("Sort _by"),
                                                     _ce_analysis_drop_down_new_translated ("collocates-measure", measures));
  gtk_widget_set_tooltip_text (self->measure_dropdown,
                               _("G²: how surprising the co-occurrence is; MI: how exclusive; logDice: a score that does not grow with the corpus; Frequency: how often"));
  self->min_spin = _ce_analysis_add_labeled (toolbar, _("Min_imum"),
                                             _ce_analysis_spin_new ("collocates-min", 1, 1000, DEFAULT_MIN));
  gtk_widget_set_tooltip_text (self->min_spin, _("Leave out words seen fewer times than this near the matches"));
  self->stopwords_check = _ce_analysis_add_check (toolbar, _("Skip stop wor_ds"), "collocates-stopwords",
                                                 _("Leave out the, of, and and the like"));

  self->part.summary_label = _ce_analysis_add_summary (toolbar);
  _ce_analysis_toolbar_attach (GTK_WIDGET (self), toolbar);

  self->part.rows = g_list_store_new (CE_TYPE_ANALYSIS_ROW);
  self->part.table = _ce_analysis_table_new (self->part.rows, _("Collocates"), &scrolled);
  _ce_analysis_table_add_text (self->part.table, _("Collocate"), 0, TRUE);
  _ce_analysis_table_add_number (self->part.table, _("Nearby"), VALUE_COUNT, 0);
  _ce_analysis_table_add_number (self->part.table, _("In Corpus"), VALUE_CORPUS, 0);
  _ce_analysis_table_add_number (self->part.table, _("Documents"), VALUE_DOCS, 0);
  _ce_analysis_table_add_number (self->part.table, _("MI"), VALUE_MI, 2);
  _ce_analysis_table_add_number (self->part.table, _("G²"), VALUE_LL, 1);
  _ce_analysis_table_add_number (self->part.table, _("logDice"), VALUE_LOGDICE, 2);
  _ce_analysis_table_sort_by (self->part.table, COLUMN_LL, GTK_SORT_DESCENDING);
  g_signal_connect_object (self->part.table, "activate", G_CALLBACK (on_activate_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->part.table),
                               _("Nearby: occurrences within the window of a match; activate a collocate to see the contexts that have it nearby"));

  stack = _ce_analysis_status_init (&self->part.status, scrolled, "edit-find-symbolic",
                                    _("Search to Find Collocates"),
                                    _("Search the documents, or choose a topic above, to see the words found near each match."));
  gtk_widget_set_parent (stack, GTK_WIDGET (self));

  g_signal_connect_object (self->source_dropdown, "notify::selected", G_CALLBACK (queue_refresh), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->left_spin, "value-changed", G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->right_spin, "value-changed", G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->min_spin, "value-changed", G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stopwords_check, "toggled", G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  _ce_analysis_follow_stopwords (self->stopwords_check, &self->part.schedule);
  g_signal_connect_object (self->measure_dropdown, "notify::selected", G_CALLBACK (on_measure_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

void
_ce_analysis_collocates_set_session (CeAnalysisCollocates *self,
                                     CeSession            *session)
{
  static const CeSessionWatch watch = {
    .path_changed = G_CALLBACK (queue_refresh),
    .query_changed = G_CALLBACK (on_query_changed_cb),
    .corpus_changed = G_CALLBACK (queue_refresh),
    .topics_changed = G_CALLBACK (on_topics_changed_cb),
  };

  g_return_if_fail (CE_IS_ANALYSIS_COLLOCATES (self));

  _ce_analysis_part_set_session (&self->part, GTK_WIDGET (self), session, &watch);
  if (session != NULL)
    on_query_changed_cb (self);

  on_topics_changed_cb (self);
  queue_refresh (self);
}

gboolean
_ce_analysis_collocates_is_busy (CeAnalysisCollocates *self)
{
  return _ce_analysis_schedule_is_busy (&self->part.schedule);
}

GtkColumnView *
_ce_analysis_collocates_get_table (CeAnalysisCollocates *self)
{
  return self->part.table;
}
