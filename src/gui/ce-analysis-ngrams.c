/* ce-analysis-ngrams.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * N-grams: the most frequent runs of two to five words in the documents
 * of the search (or the whole corpus), with the documents they occur in.
 * An n-gram becomes a term of a new or an existing topic in one action,
 * so that the chart can follow it.
 */

#define G_LOG_DOMAIN "ce-analysis"

#include "config.h"

#include <glib/gi18n.h>

#include "ce-analysis-private.h"
#include "ce-ngrams.h"

enum { VALUE_COUNT, VALUE_DOCS };
enum { COLUMN_TEXT, COLUMN_COUNT, COLUMN_DOCS };

#define DEFAULT_N 2
#define DEFAULT_MIN 2
#define TOP 500
#define TOPIC_NAME_MAX_CHARS 40

struct _CeAnalysisNgrams
{
  GtkWidget         parent_instance;
  CeAnalysisPart    part;

  GtkWidget        *n_spin;
  GtkWidget        *min_spin;
  GtkWidget        *stopwords_check;
  GtkWidget        *topic_button;

  /* Owned references */
  GMenu            *topics_menu;
};

G_DEFINE_FINAL_TYPE (CeAnalysisNgrams, ce_analysis_ngrams, GTK_TYPE_WIDGET)

typedef struct
{
  CeQuery            *query;
  CeNgramOptions      options;
  gboolean            stopwords;
  CeAnalysisProgress *progress;
} Request;

typedef struct
{
  GPtrArray *ngrams;
  guint      n_docs;
} Result;

static void
request_free (gpointer data)
{
  Request *request = data;

  g_clear_pointer (&request->query, ce_query_unref);
  g_clear_pointer (&request->progress, _ce_analysis_progress_unref);
  g_free (request);
}

static void
result_free (gpointer data)
{
  Result *result = data;

  g_clear_pointer (&result->ngrams, g_ptr_array_unref);
  g_free (result);
}

static gpointer
ngrams_func (CeCorpus      *corpus,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Request *request = data;
  g_autoptr(GHashTable) stopwords = NULL;
  CeNgramOptions options = request->options;
  Result *result;
  GPtrArray *ngrams;
  guint n_docs = 0;

  if (request->stopwords && (stopwords = _ce_analysis_load_stopwords (error)) == NULL)
    return NULL;

  options.stopwords = stopwords;
  options.progress = _ce_analysis_progress_cb;
  options.progress_data = request->progress;

  ngrams = ce_ngrams_compute (corpus, request->query, &options, &n_docs, cancellable, error);
  if (ngrams == NULL)
    return NULL;

  result = g_new0 (Result, 1);
  result->ngrams = ngrams;
  result->n_docs = n_docs;

  return result;
}

/* An n-gram selected can become a topic's term, unless the corpus can
 * only be read (its topics cannot be saved); the tooltip says which */
static void
update_topic_button (CeAnalysisNgrams *self)
{
  gboolean read_only = self->part.session != NULL && ce_session_is_read_only (self->part.session);

  gtk_widget_set_sensitive (self->topic_button,
                            !read_only && _ce_analysis_table_get_selected (self->part.table) != NULL);
  gtk_widget_set_tooltip_text (self->topic_button,
                               read_only
                               ? _("This Corpus Is Read-Only: Topics Cannot Be Added or Changed")
                               : _("Make the n-gram selected a term of a new topic, or of one you have, to chart it"));
}

static void
on_selection_changed_cb (CeAnalysisNgrams *self)
{
  update_topic_button (self);
}

static void
ngrams_done_cb (GObject      *object,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(CeAnalysisNgrams) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *summary = NULL;
  Result *result;

  result = ce_session_run_finish (CE_SESSION (object), res, &error);
  if (!_ce_analysis_schedule_finish (&self->part.schedule, error))
    return;

  if (result == NULL)
    {
      g_list_store_remove_all (self->part.rows);
      gtk_label_set_text (self->part.summary_label, "");
      _ce_analysis_status_error (&self->part.status, error->message);
      return;
    }

  rows = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < result->ngrams->len; i++)
    {
      CeNgram *ngram = g_ptr_array_index (result->ngrams, i);
      CeAnalysisRow *row = ce_analysis_row_new (ngram->text, NULL);

      ce_analysis_row_set_value (row, VALUE_COUNT, ngram->count);
      ce_analysis_row_set_value (row, VALUE_DOCS, ngram->docs);
      g_ptr_array_add (rows, row);
    }
  g_list_store_splice (self->part.rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->part.rows)),
                       rows->pdata, rows->len);

  /* Translators: "the 500 most frequent in 52 documents" */
  summary = g_strdup_printf (ngettext ("%'u n-gram in %'u document", "%'u n-grams in %'u documents", result->n_docs),
                             rows->len, result->n_docs);
  gtk_label_set_text (self->part.summary_label, summary);

  if (rows->len > 0)
    _ce_analysis_status_results (&self->part.status);
  else
    _ce_analysis_status_none (&self->part.status, _("No N-grams"),
                              _("No run of words occurs often enough here. Try a lower frequency, shorter n-grams or a larger search."));

  result_free (result);
  on_selection_changed_cb (self);
}

static void
refresh (CeAnalysisNgrams *self)
{
  Request *request;

  if (!_ce_analysis_schedule_start (&self->part.schedule))
    return;

  if (self->part.session == NULL || !ce_session_is_open (self->part.session))
    {
      g_list_store_remove_all (self->part.rows);
      gtk_label_set_text (self->part.summary_label, "");
      _ce_analysis_status_empty (&self->part.status, NULL);
      return;
    }

  request = g_new0 (Request, 1);
  /* Without a search, the whole corpus */
  if (self->part.query != NULL && !ce_query_is_empty (self->part.query))
    request->query = ce_query_ref (self->part.query);
  request->options.min_n = request->options.max_n = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->n_spin));
  request->options.min_count = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->min_spin));
  request->options.top = TOP;
  request->stopwords = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->stopwords_check));
  request->progress = _ce_analysis_progress_new ();

  _ce_analysis_part_run (&self->part, GTK_WIDGET (self), ngrams_func, request, request_free,
                         result_free, request->progress, ngrams_done_cb);
}

static void
queue_refresh (CeAnalysisNgrams *self)
{
  _ce_analysis_schedule_queue (&self->part.schedule);
}

static void
on_query_changed_cb (CeAnalysisNgrams *self)
{
  if (!_ce_analysis_take_query (&self->part.query, self->part.session))
    return;

  queue_refresh (self);
}

static void
rebuild_topics_menu (CeAnalysisNgrams *self)
{
  GListModel *topics = self->part.session != NULL ? ce_session_get_topics (self->part.session) : NULL;
  g_autoptr(GMenu) create = g_menu_new ();
  g_autoptr(GMenu) existing = g_menu_new ();

  g_menu_remove_all (self->topics_menu);
  g_menu_append (create, _("_New Topic"), "ngrams.new-topic");
  g_menu_append_section (self->topics_menu, NULL, G_MENU_MODEL (create));

  for (guint i = 0; topics != NULL && i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(CeTopic) topic = g_list_model_get_item (topics, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (ce_topic_get_name (topic), NULL);

      g_menu_item_set_action_and_target_value (item, "ngrams.add-to-topic",
                                               g_variant_new_int64 (ce_topic_get_id (topic)));
      g_menu_append_item (existing, item);
    }
  if (g_menu_model_get_n_items (G_MENU_MODEL (existing)) > 0)
    g_menu_append_section (self->topics_menu, _("Add to"), G_MENU_MODEL (existing));
}

static char *
selected_term (CeAnalysisNgrams *self)
{
  CeAnalysisRow *row = _ce_analysis_table_get_selected (self->part.table);

  if (row == NULL)
    return NULL;

  /* A phrase: the words in this order, as the n-gram was counted */
  return g_strdup_printf ("\"%s\"", ce_analysis_row_get_text (row, 0));
}

static gboolean
has_topic_named (CeAnalysisNgrams *self,
                 const char       *name)
{
  GListModel *topics = ce_session_get_topics (self->part.session);

  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(CeTopic) topic = g_list_model_get_item (topics, i);

      if (g_utf8_collate (ce_topic_get_name (topic), name) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
new_topic_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CeAnalysisNgrams *self = CE_ANALYSIS_NGRAMS (widget);
  CeAnalysisRow *row = _ce_analysis_table_get_selected (self->part.table);
  g_autofree char *term = selected_term (self);
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  g_autoptr(CeTopic) topic = NULL;
  g_autoptr(CeTopic) added = NULL;
  g_autoptr(GError) error = NULL;
  const char *terms[2] = { NULL, NULL };

  if (term == NULL || self->part.session == NULL)
    return;

  /* Named after the n-gram, made unique as "Name 2", "Name 3"… */
  base = g_utf8_substring (ce_analysis_row_get_text (row, 0), 0,
                           MIN (g_utf8_strlen (ce_analysis_row_get_text (row, 0), -1), TOPIC_NAME_MAX_CHARS));
  name = g_strdup (base);
  for (guint n = 2; n < 100 && has_topic_named (self, name); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s %u", base, n);
    }

  terms[0] = term;
  topic = ce_topic_new (name, ce_session_next_topic_color (self->part.session), terms);
  added = ce_session_add_topic (self->part.session, topic, G_MAXUINT, &error);
  if (added == NULL)
    {
      _ce_analysis_view_message (widget, error->message);
      return;
    }

  /* Translators: a topic was made from an n-gram */
  message = g_strdup_printf (_("New topic “%s”: it is on the Chart page"), name);
  _ce_analysis_view_message (widget, message);
}

static void
add_to_topic_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CeAnalysisNgrams *self = CE_ANALYSIS_NGRAMS (widget);
  g_autofree char *term = selected_term (self);
  g_autofree char *message = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) terms = NULL;
  g_autoptr(CeTopic) copy = NULL;
  g_autoptr(CeTopic) saved = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *old_terms;
  CeTopic *topic;

  if (term == NULL || self->part.session == NULL)
    return;

  topic = ce_session_find_topic (self->part.session, g_variant_get_int64 (param), NULL);
  if (topic == NULL)
    {
      _ce_analysis_view_message (widget, _("The topic no longer exists"));
      return;
    }

  old_terms = ce_topic_get_terms (topic);
  for (guint i = 0; old_terms != NULL && old_terms[i] != NULL; i++)
    if (g_utf8_collate (old_terms[i], term) == 0)
      {
        message = g_strdup_printf (_("%s is already a term of %s"), term, ce_topic_get_name (topic));
        _ce_analysis_view_message (widget, message);
        return;
      }

  builder = g_strv_builder_new ();
  if (old_terms != NULL)
    g_strv_builder_addv (builder, (const char **)old_terms);
  g_strv_builder_add (builder, term);
  terms = g_strv_builder_end (builder);

  copy = ce_topic_copy (topic);
  ce_topic_set_terms (copy, (const char * const *)terms);
  saved = ce_session_save_topic (self->part.session, copy, &error);
  if (saved == NULL)
    {
      _ce_analysis_view_message (widget, error->message);
      return;
    }

  /* Translators: "Added “climate change” to Climate" */
  message = g_strdup_printf (_("Added %s to %s"), term, ce_topic_get_name (saved));
  _ce_analysis_view_message (widget, message);
}

static void
on_activate_cb (CeAnalysisNgrams *self,
                guint             position,
                GtkColumnView    *view)
{
  g_autoptr(CeAnalysisRow) row = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)), position);
  g_autofree char *phrase = NULL;

  if (row == NULL)
    return;

  phrase = g_strdup_printf ("\"%s\"", ce_analysis_row_get_text (row, 0));
  _ce_analysis_view_request_search (GTK_WIDGET (self), phrase, TRUE);
}

static void
ce_analysis_ngrams_dispose (GObject *object)
{
  CeAnalysisNgrams *self = (CeAnalysisNgrams *)object;

  _ce_analysis_part_dispose (&self->part, GTK_WIDGET (self));
  g_clear_object (&self->topics_menu);

  G_OBJECT_CLASS (ce_analysis_ngrams_parent_class)->dispose (object);
}

static void
ce_analysis_ngrams_class_init (CeAnalysisNgramsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ce_analysis_ngrams_dispose;

  gtk_widget_class_install_action (widget_class, "ngrams.new-topic", NULL, new_topic_action);
  gtk_widget_class_install_action (widget_class, "ngrams.add-to-topic", "x", add_to_topic_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
ce_analysis_ngrams_init (CeAnalysisNgrams *self)
{
  GtkWidget *toolbar;
  GtkWidget *scrolled;
  GtkWidget *stack;

  _ce_analysis_schedule_init (&self->part.schedule, GTK_WIDGET (self), _CE_ANALYSIS_DELAY_MS,
                              (CeAnalysisRefreshFunc)refresh);

  toolbar = _ce_analysis_toolbar_new ();
  self->n_spin = _ce_analysis_add_labeled (toolbar, _("Lengt_h"),
                                           _ce_analysis_spin_new ("ngrams-n", 2, CE_NGRAM_MAX, DEFAULT_N));
  gtk_widget_set_tooltip_text (self->n_spin, _("How many words each n-gram has, 2 to 5"));
  self->min_spin = _ce_analysis_add_labeled (toolbar, _("Fre_quency at least"),
                                             _ce_analysis_spin_new ("ngrams-min", 1, 1000, DEFAULT_MIN));
  gtk_widget_set_tooltip_text (self->min_spin, _("Leave out n-grams seen fewer times than this"));
  self->stopwords_check = _ce_analysis_add_check (toolbar, _("Ski_p those of stop words only"), "ngrams-stopwords",
                                                 _("Leave out n-grams such as “of the” or “in a”, made of stop words only"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->stopwords_check), TRUE);

  self->part.summary_label = _ce_analysis_add_summary (toolbar);

  self->topics_menu = g_menu_new ();
  self->topic_button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->topic_button), _("Add to _Topic"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (self->topic_button), TRUE);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->topic_button), G_MENU_MODEL (self->topics_menu));
  gtk_widget_set_name (self->topic_button, "ngrams-topic");
  gtk_widget_set_tooltip_text (self->topic_button,
                               _("Make the n-gram selected a term of a new topic, or of one you have, to chart it"));
  gtk_widget_set_sensitive (self->topic_button, FALSE);
  gtk_box_append (GTK_BOX (toolbar), self->topic_button);
  _ce_analysis_toolbar_attach (GTK_WIDGET (self), toolbar);

  self->part.rows = g_list_store_new (CE_TYPE_ANALYSIS_ROW);
  self->part.table = _ce_analysis_table_new (self->part.rows, _("N-grams"), &scrolled);
  _ce_analysis_table_add_text (self->part.table, _("N-gram"), 0, TRUE);
  _ce_analysis_table_add_number (self->part.table, _("Occurrences"), VALUE_COUNT, 0);
  _ce_analysis_table_add_number (self->part.table, _("Documents"), VALUE_DOCS, 0);
  _ce_analysis_table_sort_by (self->part.table, COLUMN_COUNT, GTK_SORT_DESCENDING);
  g_signal_connect_object (self->part.table, "activate", G_CALLBACK (on_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_column_view_get_model (self->part.table), "selection-changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->part.table),
                               _("Activate an n-gram to search for it; Add to Topic charts it"));

  stack = _ce_analysis_status_init (&self->part.status, scrolled, "edit-find-symbolic",
                                    _("No Corpus Open"), _("Open a corpus to see its most frequent runs of words."));
  gtk_widget_set_parent (stack, GTK_WIDGET (self));

  g_signal_connect_object (self->n_spin, "value-changed", G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->min_spin, "value-changed", G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stopwords_check, "toggled", G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  _ce_analysis_follow_stopwords (self->stopwords_check, &self->part.schedule);

  rebuild_topics_menu (self);
}

static void
on_path_changed_cb (CeAnalysisNgrams *self)
{
  update_topic_button (self);
  queue_refresh (self);
}

void
_ce_analysis_ngrams_set_session (CeAnalysisNgrams *self,
                                 CeSession        *session)
{
  static const CeSessionWatch watch = {
    .path_changed = G_CALLBACK (on_path_changed_cb),
    .query_changed = G_CALLBACK (on_query_changed_cb),
    .corpus_changed = G_CALLBACK (queue_refresh),
    .topics_changed = G_CALLBACK (rebuild_topics_menu),
  };

  g_return_if_fail (CE_IS_ANALYSIS_NGRAMS (self));

  _ce_analysis_part_set_session (&self->part, GTK_WIDGET (self), session, &watch);
  if (session != NULL)
    on_query_changed_cb (self);

  rebuild_topics_menu (self);
  queue_refresh (self);
}

gboolean
_ce_analysis_ngrams_is_busy (CeAnalysisNgrams *self)
{
  return _ce_analysis_schedule_is_busy (&self->part.schedule);
}

GtkColumnView *
_ce_analysis_ngrams_get_table (CeAnalysisNgrams *self)
{
  return self->part.table;
}
