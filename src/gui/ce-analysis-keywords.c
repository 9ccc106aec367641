/* ce-analysis-keywords.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keywords: the words whose frequency sets the documents of the search
 * (with its filters) apart from the rest of the corpus, as a table and
 * as a bar chart of their log ratios.  Activating a word searches for it
 * within those documents.
 */

#define G_LOG_DOMAIN "ce-analysis"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ce-analysis-private.h"
#include "ce-keyness.h"

enum { VALUE_TARGET, VALUE_REFERENCE, VALUE_DOCS, VALUE_LL, VALUE_RATIO };
enum { COLUMN_WORD, COLUMN_TARGET, COLUMN_REFERENCE, COLUMN_DOCS, COLUMN_LL, COLUMN_RATIO };
enum { SHOW_MORE, SHOW_LESS };

#define DEFAULT_MIN 5
#define DEFAULT_CHART_TOP 20

struct _CeAnalysisKeywords
{
  GtkWidget        parent_instance;
  CeAnalysisPart   part;

  GtkWidget       *min_spin;
  GtkWidget       *stopwords_check;
  GtkWidget       *direction_dropdown;
  GtkWidget       *top_spin;
  GtkWidget       *export_button;
  GtkWidget       *search_button;
  CeChartWidget   *chart;

  /* Owned references */
  CePlot          *plot;
  GArray          *target_ids;     /* documents studied instead of the search */
  char            *target_label;
  CeKeywordResult *result;
  char            *result_query;   /* the search the result is for */
};

G_DEFINE_FINAL_TYPE (CeAnalysisKeywords, ce_analysis_keywords, GTK_TYPE_WIDGET)

typedef struct
{
  CeQuery            *target;
  GArray             *target_ids;
  guint               min_count;
  gboolean            stopwords;
  CeAnalysisProgress *progress;
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  g_clear_pointer (&request->target, ce_query_unref);
  g_clear_pointer (&request->target_ids, g_array_unref);
  g_clear_pointer (&request->progress, _ce_analysis_progress_unref);
  g_free (request);
}

static gpointer
keywords_func (CeCorpus      *corpus,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  Request *request = data;
  g_autoptr(GHashTable) stopwords = NULL;
  CeKeywordOptions options = { 0, };

  if (request->stopwords && (stopwords = _ce_analysis_load_stopwords (error)) == NULL)
    return NULL;

  options.min_count = request->min_count;
  options.stopwords = stopwords;
  options.sort = CE_KEYWORD_SORT_LL;
  options.progress = _ce_analysis_progress_cb;
  options.progress_data = request->progress;

  if (request->target_ids != NULL)
    return ce_keywords_compute_for_ids (corpus, request->target_ids, &options, cancellable, error);

  return ce_keywords_compute (corpus, request->target, NULL, &options, cancellable, error);
}

static gboolean
showing_less (CeAnalysisKeywords *self)
{
  return gtk_drop_down_get_selected (GTK_DROP_DOWN (self->direction_dropdown)) == SHOW_LESS;
}

/* The words shown, in the order of their effect size: the largest log
 * ratios first, or for the words less frequent here the smallest */
static GPtrArray *
shown_keywords (CeAnalysisKeywords *self)
{
  GPtrArray *shown = g_ptr_array_new ();
  gboolean less = showing_less (self);

  if (self->result == NULL)
    return shown;

  for (guint i = 0; i < self->result->keywords->len; i++)
    {
      CeKeyword *keyword = g_ptr_array_index (self->result->keywords, i);

      if (less ? keyword->log_ratio < 0 : keyword->log_ratio > 0)
        g_ptr_array_add (shown, keyword);
    }

  return shown;
}

static int
compare_ratio (gconstpointer a,
               gconstpointer b)
{
  const CeKeyword *ka = *(CeKeyword * const *)a;
  const CeKeyword *kb = *(CeKeyword * const *)b;
  double da = fabs (ka->log_ratio);
  double db = fabs (kb->log_ratio);

  if (da != db)
    return da > db ? -1 : 1;
  return g_strcmp0 (ka->word, kb->word);
}

static void
update_chart (CeAnalysisKeywords *self)
{
  g_autoptr(GPtrArray) shown = shown_keywords (self);
  g_autoptr(CeChartModel) model = ce_chart_model_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *source = NULL;
  gboolean less = showing_less (self);
  guint top = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->top_spin));
  CeColor color;
  guint series;

  if (self->result == NULL || shown->len == 0)
    {
      ce_plot_set_model (self->plot, NULL);
      gtk_widget_set_sensitive (self->export_button, FALSE);
      gtk_widget_queue_draw (GTK_WIDGET (self->chart));
      return;
    }

  g_ptr_array_sort (shown, compare_ratio);

  /* Translators: the title of a chart of keywords; %s is the search */
  title = g_strdup_printf (_("Keywords of “%s”"), self->result_query);
  subtitle = g_strdup_printf (less
                              ? _("Words less frequent in %'u documents than in the other %'u, by log ratio")
                              : _("Words more frequent in %'u documents than in the other %'u, by log ratio"),
                              self->result->target_docs, self->result->reference_docs);
  if (self->part.session != NULL && ce_session_is_open (self->part.session))
    {
      g_autofree char *name = ce_session_dup_name (self->part.session);

      /* Translators: the source line of an exported chart */
      source = g_strdup_printf (_("Source: %s"), name);
    }

  ce_chart_model_set_title (model, title);
  ce_chart_model_set_subtitle (model, subtitle);
  ce_chart_model_set_source (model, source);
  ce_chart_model_set_y_title (model, _("Log ratio"));
  ce_chart_model_set_unit_label (model, _("log ratio"));

  ce_color_parse (&color, ce_topic_palette_get (less ? 1 : 0));
  series = ce_chart_model_add_series (model, less ? _("Less frequent here") : _("More frequent here"), &color);

  for (guint i = 0; i < shown->len && i < top; i++)
    {
      CeKeyword *keyword = g_ptr_array_index (shown, i);
      guint category = ce_chart_model_add_category (model, keyword->word);

      ce_chart_model_set_value (model, series, category, keyword->log_ratio);
    }

  ce_plot_set_model (self->plot, model);
  gtk_widget_set_sensitive (self->export_button, TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
}

static void
update_rows (CeAnalysisKeywords *self)
{
  g_autoptr(GPtrArray) shown = shown_keywords (self);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < shown->len; i++)
    {
      CeKeyword *keyword = g_ptr_array_index (shown, i);
      CeAnalysisRow *row = ce_analysis_row_new (keyword->word, NULL);

      ce_analysis_row_set_value (row, VALUE_TARGET, keyword->target_count);
      ce_analysis_row_set_value (row, VALUE_REFERENCE, keyword->reference_count);
      ce_analysis_row_set_value (row, VALUE_DOCS, keyword->target_docs);
      ce_analysis_row_set_value (row, VALUE_LL, keyword->ll);
      ce_analysis_row_set_value (row, VALUE_RATIO, keyword->log_ratio);
      g_ptr_array_add (rows, row);
    }

  g_list_store_splice (self->part.rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->part.rows)),
                       rows->pdata, rows->len);

  if (self->result == NULL)
    return;

  if (shown->len == 0)
    {
      g_autofree char *description =
        g_strdup_printf (showing_less (self)
                         ? _("No word is significantly less frequent in these documents than in the rest of the corpus (G² of at least %.1f, corrected for the %'u words tested). Try a lower minimum frequency or a larger search.")
                         : _("No word is significantly more frequent in these documents than in the rest of the corpus (G² of at least %.1f, corrected for the %'u words tested). Try a lower minimum frequency or a larger search."),
                         self->result->critical, self->result->words_tested);

      _ce_analysis_status_none (&self->part.status, _("No Keywords"), description);
    }
  else
    _ce_analysis_status_results (&self->part.status);

  update_chart (self);
}

static void
show_summary (CeAnalysisKeywords *self)
{
  g_autofree char *text = NULL;

  if (self->result != NULL)
    /* Translators: "12 documents against 40 · 1,234 words tested" */
    text = g_strdup_printf (_("%'u documents against %'u · %'u words tested"),
                            self->result->target_docs, self->result->reference_docs,
                            self->result->words_tested);

  gtk_label_set_text (self->part.summary_label, text != NULL ? text : "");
}

static void
keywords_done_cb (GObject      *object,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  g_autoptr(CeAnalysisKeywords) self = user_data;
  g_autoptr(GError) error = NULL;
  CeKeywordResult *result;

  result = ce_session_run_finish (CE_SESSION (object), res, &error);
  if (!_ce_analysis_schedule_finish (&self->part.schedule, error))
    return;

  g_clear_pointer (&self->result, ce_keyword_result_free);

  if (result == NULL)
    {
      g_list_store_remove_all (self->part.rows);
      _ce_analysis_status_error (&self->part.status, error->message);
      show_summary (self);
      update_chart (self);
      return;
    }

  self->result = result;
  show_summary (self);
  update_rows (self);
}

static void
refresh (CeAnalysisKeywords *self)
{
  Request *request;

  if (!_ce_analysis_schedule_start (&self->part.schedule))
    return;

  gtk_widget_set_visible (self->search_button, self->target_ids != NULL);

  if (self->part.session == NULL || !ce_session_is_open (self->part.session) ||
      (self->target_ids == NULL && (self->part.query == NULL || ce_query_is_empty (self->part.query))))
    {
      g_clear_pointer (&self->result, ce_keyword_result_free);
      g_list_store_remove_all (self->part.rows);
      show_summary (self);
      update_chart (self);
      _ce_analysis_status_empty (&self->part.status, NULL);
      return;
    }

  request = g_new0 (Request, 1);
  g_free (self->result_query);
  if (self->target_ids != NULL)
    {
      request->target_ids = g_array_ref (self->target_ids);
      self->result_query = g_strdup (self->target_label);
    }
  else
    {
      request->target = ce_query_ref (self->part.query);
      self->result_query = g_strdup (ce_query_get_text (self->part.query));
    }
  request->min_count = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->min_spin));
  request->stopwords = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->stopwords_check));
  request->progress = _ce_analysis_progress_new ();

  _ce_analysis_part_run (&self->part, GTK_WIDGET (self), keywords_func, request, request_free,
                         (GDestroyNotify)ce_keyword_result_free, request->progress, keywords_done_cb);
}

static void
queue_refresh (CeAnalysisKeywords *self)
{
  _ce_analysis_schedule_queue (&self->part.schedule);
}

static void
on_query_changed_cb (CeAnalysisKeywords *self)
{
  if (!_ce_analysis_take_query (&self->part.query, self->part.session))
    return;

  /* A new search is what to study now */
  g_clear_pointer (&self->target_ids, g_array_unref);
  g_clear_pointer (&self->target_label, g_free);
  queue_refresh (self);
}

static void
on_search_clicked_cb (CeAnalysisKeywords *self)
{
  g_clear_pointer (&self->target_ids, g_array_unref);
  g_clear_pointer (&self->target_label, g_free);
  queue_refresh (self);
}

static void
on_direction_changed_cb (CeAnalysisKeywords *self)
{
  update_rows (self);
  _ce_analysis_table_sort_by (self->part.table, showing_less (self) ? COLUMN_RATIO : COLUMN_LL,
                              showing_less (self) ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING);
}

static void
search_word (CeAnalysisKeywords *self,
             const char         *word)
{
  /* Documents given by their ids are not a search to narrow: the word
   * is searched for in the whole corpus */
  if (word != NULL)
    _ce_analysis_view_request_search (GTK_WIDGET (self), word, self->target_ids == NULL);
}

static void
on_activate_cb (CeAnalysisKeywords *self,
                guint               position,
                GtkColumnView      *view)
{
  g_autoptr(CeAnalysisRow) row = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)), position);

  if (row != NULL)
    search_word (self, ce_analysis_row_get_text (row, 0));
}

static void
on_chart_activate_cb (CeAnalysisKeywords *self,
                      int                 series,
                      guint               category,
                      CeChartWidget      *chart)
{
  CeChartModel *model = ce_plot_get_model (self->plot);

  if (model != NULL && category < ce_chart_model_get_n_categories (model))
    search_word (self, ce_chart_model_get_category_label (model, category));
}

static char *
describe_cb (CeChartWidget   *chart,
             const CePlotHit *hit,
             gpointer         user_data)
{
  CeAnalysisKeywords *self = user_data;
  CeChartModel *model = ce_plot_get_model (self->plot);
  const char *word;

  if (model == NULL || self->result == NULL || hit->category < 0 ||
      (guint)hit->category >= ce_chart_model_get_n_categories (model))
    return NULL;

  word = ce_chart_model_get_category_label (model, hit->category);
  for (guint i = 0; i < self->result->keywords->len; i++)
    {
      CeKeyword *keyword = g_ptr_array_index (self->result->keywords, i);
      g_autofree char *escaped = NULL;

      if (g_strcmp0 (keyword->word, word) != 0)
        continue;

      escaped = g_markup_escape_text (word, -1);
      return g_strdup_printf (_("<b>%s</b>\nlog ratio %+.2f · G² %.1f\n%'.0f here, %'.0f in the rest\n<small>Click to search for it in these documents</small>"),
                              escaped, keyword->log_ratio, keyword->ll,
                              (double)keyword->target_count, (double)keyword->reference_count);
    }

  return NULL;
}

static void
on_export_clicked_cb (CeAnalysisKeywords *self)
{
  _ce_analysis_export_plot (GTK_WIDGET (self), self->plot);
}

static void
ce_analysis_keywords_dispose (GObject *object)
{
  CeAnalysisKeywords *self = (CeAnalysisKeywords *)object;

  _ce_analysis_part_dispose (&self->part, GTK_WIDGET (self));
  g_clear_pointer (&self->result, ce_keyword_result_free);
  g_clear_pointer (&self->result_query, g_free);
  g_clear_pointer (&self->target_ids, g_array_unref);
  g_clear_pointer (&self->target_label, g_free);
  g_clear_object (&self->plot);

  G_OBJECT_CLASS (ce_analysis_keywords_parent_class)->dispose (object);
}

static void
ce_analysis_keywords_class_init (CeAnalysisKeywordsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ce_analysis_keywords_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
ce_analysis_keywords_init (CeAnalysisKeywords *self)
{
  static const char * const directions[] = { N_("More Frequent Here"), N_("Less Frequent Here"), NULL };
  GtkWidget *toolbar;
  GtkWidget *scrolled;
  GtkWidget *paned;
  GtkWidget *chart_box;
  GtkWidget *stack;

  _ce_analysis_schedule_init (&self->part.schedule, GTK_WIDGET (self), _CE_ANALYSIS_DELAY_MS,
                              (CeAnalysisRefreshFunc)refresh);

  toolbar = _ce_analysis_toolbar_new ();
  self->direction_dropdown = _ce_analysis_add_labeled (toolbar, _("_Words"),
                                                       _ce_analysis_drop_down_new_translated ("keywords-direction", directions));
  gtk_widget_set_tooltip_text (self->direction_dropdown,
                               _("Words more frequent in the documents of the search than in the rest of the corpus, or less"));
  self->min_spin = _ce_analysis_add_labeled (toolbar, _("_Minimum frequency"),
                                             _ce_analysis_spin_new ("keywords-min", 1, 1000, DEFAULT_MIN));
  gtk_widget_set_tooltip_text (self->min_spin, _("Leave out words seen fewer times than this in the whole corpus"));
  self->stopwords_check = _ce_analysis_add_check (toolbar, _("Leave out _stop words"), "keywords-stopwords",
                                                 _("Leave out the, of, and and the like: the English list, or your own from Preferences"));

  self->search_button = gtk_button_new_with_mnemonic (_("_Follow the Search"));
  gtk_widget_set_name (self->search_button, "keywords-search");
  gtk_widget_set_margin_start (self->search_button, 12);
  gtk_widget_set_visible (self->search_button, FALSE);
  gtk_widget_set_tooltip_text (self->search_button,
                               _("Study the documents of the search again, rather than those of a chart's bar"));
  g_signal_connect_object (self->search_button, "clicked", G_CALLBACK (on_search_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (toolbar), self->search_button);

  self->part.summary_label = _ce_analysis_add_summary (toolbar);
  _ce_analysis_toolbar_attach (GTK_WIDGET (self), toolbar);

  /* The table */
  self->part.rows = g_list_store_new (CE_TYPE_ANALYSIS_ROW);
  self->part.table = _ce_analysis_table_new (self->part.rows, _("Keywords"), &scrolled);
  _ce_analysis_table_add_text (self->part.table, _("Word"), 0, TRUE);
  _ce_analysis_table_add_number (self->part.table, _("Here"), VALUE_TARGET, 0);
  _ce_analysis_table_add_number (self->part.table, _("Rest"), VALUE_REFERENCE, 0);
  _ce_analysis_table_add_number (self->part.table, _("Documents"), VALUE_DOCS, 0);
  _ce_analysis_table_add_number (self->part.table, _("G²"), VALUE_LL, 1);
  _ce_analysis_table_add_number (self->part.table, _("Log Ratio"), VALUE_RATIO, 12);
  _ce_analysis_table_sort_by (self->part.table, COLUMN_LL, GTK_SORT_DESCENDING);
  g_signal_connect_object (self->part.table, "activate", G_CALLBACK (on_activate_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->part.table),
                               _("Here: occurrences in the documents of the search; Rest: in the other documents; "
                                 "G²: log-likelihood, how surprising the difference is; "
                                 "Log Ratio: the size of the difference, +1 for twice as frequent. "
                                 "Activate a word to search for it in these documents."));

  /* The chart beside it */
  chart_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  {
    GtkWidget *bar = _ce_analysis_toolbar_new ();

    self->top_spin = _ce_analysis_add_labeled (bar, _("Words _charted"),
                                               _ce_analysis_spin_new ("keywords-chart-top", 5, 100, DEFAULT_CHART_TOP));
    gtk_widget_set_tooltip_text (self->top_spin, _("How many words the chart shows, those with the largest log ratio"));
    self->export_button = _ce_analysis_add_export_button (bar, _("_Export Chart…"), "keywords-export",
                                                          G_CALLBACK (on_export_clicked_cb), self);
    gtk_widget_set_hexpand (self->export_button, TRUE);
    gtk_widget_set_halign (self->export_button, GTK_ALIGN_END);
    gtk_box_append (GTK_BOX (chart_box), bar);
  }
  self->plot = ce_plot_new (NULL, CE_PLOT_BARS);
  self->chart = CE_CHART_WIDGET (ce_chart_widget_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->chart), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->chart), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->chart), 320, 240);
  ce_chart_widget_set_plot (self->chart, self->plot);
  ce_chart_widget_set_describe_func (self->chart, describe_cb, self, NULL);
  g_signal_connect_object (self->chart, "activate-value", G_CALLBACK (on_chart_activate_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (chart_box), GTK_WIDGET (self->chart));

  paned = _ce_analysis_paned_new (scrolled, chart_box);

  stack = _ce_analysis_status_init (&self->part.status, paned, "edit-find-symbolic",
                                    _("Search to Find Keywords"),
                                    _("Search the documents, or choose a filter in the sidebar of the Documents page: the words that set those documents apart from the rest of the corpus are listed here."));
  gtk_widget_set_parent (stack, GTK_WIDGET (self));

  g_signal_connect_object (self->direction_dropdown, "notify::selected",
                           G_CALLBACK (on_direction_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->min_spin, "value-changed", G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stopwords_check, "toggled", G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  _ce_analysis_follow_stopwords (self->stopwords_check, &self->part.schedule);
  g_signal_connect_object (self->top_spin, "value-changed", G_CALLBACK (update_chart), self, G_CONNECT_SWAPPED);
}

void
_ce_analysis_keywords_set_session (CeAnalysisKeywords *self,
                                   CeSession          *session)
{
  static const CeSessionWatch watch = {
    .path_changed = G_CALLBACK (queue_refresh),
    .query_changed = G_CALLBACK (on_query_changed_cb),
    .corpus_changed = G_CALLBACK (queue_refresh),
  };

  g_return_if_fail (CE_IS_ANALYSIS_KEYWORDS (self));

  _ce_analysis_part_set_session (&self->part, GTK_WIDGET (self), session, &watch);
  if (session != NULL)
    on_query_changed_cb (self);

  queue_refresh (self);
}

gboolean
_ce_analysis_keywords_is_busy (CeAnalysisKeywords *self)
{
  return _ce_analysis_schedule_is_busy (&self->part.schedule);
}

GtkColumnView *
_ce_analysis_keywords_get_table (CeAnalysisKeywords *self)
{
  return self->part.table;
}

CeChartWidget *
_ce_analysis_keywords_get_chart (CeAnalysisKeywords *self)
{
  return self->chart;
}

/**
 * _ce_analysis_keywords_set_target:
 * @ids: (element-type gint64): the documents to study, each once
 * @label: what they are, for the chart's title
 *
 * Studies @ids rather than the search, until the search changes.
 */
void
_ce_analysis_keywords_set_target (CeAnalysisKeywords *self,
                                  GArray             *ids,
                                  const char         *label)
{
  g_return_if_fail (CE_IS_ANALYSIS_KEYWORDS (self));
  g_return_if_fail (ids != NULL);

  g_clear_pointer (&self->target_ids, g_array_unref);
  g_free (self->target_label);
  self->target_ids = g_array_copy (ids);
  self->target_label = g_strdup (label);
  queue_refresh (self);
}
