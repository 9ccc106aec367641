/* ce-contexts-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-contexts-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ce-analysis-schedule.h"
#include "ce-contexts-view-private.h"
#include "ce-contexts-view.h"
#include "ce-gui-private.h"

/* Characters of context on each side; the columns cut them to fit */
#define CONTEXT_WIDTH 80
/* Typing in the search entry settles before the lines are listed again */
#define REFRESH_DELAY_MS 200


struct _CeContextsView
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkDropDown    *source_dropdown;
  GtkStringList  *sources;
  GtkDropDown    *sort_dropdown;
  GtkSearchEntry *filter_entry;
  GtkMenuButton  *export_button;
  GtkLabel       *summary_label;
  GtkSpinner     *spinner;
  GtkStack       *stack;
  AdwStatusPage  *empty_page;
  AdwStatusPage  *no_matches_page;
  AdwStatusPage  *error_page;
  GtkSpinner     *loading_spinner;
  GtkColumnView  *column_view;

  /* Owned references */
  CeSession      *session;
  CeQuery        *query;
  GPtrArray      *topics;       /* of CeTopic, the dropdown's rows after the first */
  GListStore     *lines;
  GtkFileChooserNative *chooser;
  char           *export_format;
  CeAnalysisSchedule schedule;

  gboolean        ready;
  guint           total;
  guint           match_chars;
};

G_DEFINE_FINAL_TYPE (CeContextsView, ce_contexts_view, GTK_TYPE_WIDGET)

enum {
  DOCUMENT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  CeQuery       *query;
  CeTopic       *topic;
  char          *filter;
  CeContextSort  sort;
} LinesRequest;

typedef struct
{
  GPtrArray *lines;
  guint      total;
  gboolean   for_topic;
  gboolean   filtered;
} LinesResult;

static void
lines_request_free (gpointer data)
{
  LinesRequest *request = data;

  g_free (request->filter);
  g_clear_pointer (&request->query, ce_query_unref);
  g_clear_object (&request->topic);
  g_free (request);
}

static void
lines_result_free (gpointer data)
{
  LinesResult *result = data;

  g_clear_pointer (&result->lines, g_ptr_array_unref);
  g_free (result);
}

static CeTopic *
selected_topic (CeContextsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->source_dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > self->topics->len)
    return NULL;

  return g_ptr_array_index (self->topics, selected - 1);
}

static void
set_busy (CeContextsView *self,
          gboolean        busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_spinner_set_spinning (self->loading_spinner, busy);
}

static void
clear_lines (CeContextsView *self)
{
  g_list_store_remove_all (self->lines);
  self->ready = FALSE;
  self->total = 0;
}

static void
show_summary (CeContextsView *self,
              gboolean        topic)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->lines));
  g_autofree char *text = NULL;

  if (shown < self->total)
    /* Translators: "Showing 2,000 of 12,345 matches" */
    text = g_strdup_printf (topic ? ngettext ("Showing %'u of %'u mention", "Showing %'u of %'u mentions", self->total)
                                  : ngettext ("Showing %'u of %'u match", "Showing %'u of %'u matches", self->total),
                            shown, self->total);
  else
    text = g_strdup_printf (topic ? ngettext ("%'u mention", "%'u mentions", self->total)
                                  : ngettext ("%'u match", "%'u matches", self->total),
                            self->total);

  gtk_label_set_text (self->summary_label, text);
}

static gpointer
lines_func (CeCorpus      *corpus,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  LinesRequest *request = data;
  LinesResult *result;
  GPtrArray *lines;
  guint total = 0;
  /* Sorting or filtering needs every line before the first are shown */
  gboolean all = request->sort != CE_CONTEXT_SORT_ORDER || request->filter != NULL;
  guint limit = all ? 0 : CE_CONTEXTS_VIEW_MAX_LINES;

  if (request->topic != NULL)
    lines = ce_contexts_for_topic (corpus, request->topic, CONTEXT_WIDTH, limit,
                                   &total, cancellable, error);
  else
    lines = ce_contexts_for_query (corpus, request->query, CONTEXT_WIDTH, limit,
                                   &total, cancellable, error);

  if (lines == NULL)
    return NULL;

  if (request->filter != NULL)
    {
      GPtrArray *kept = ce_contexts_filter (lines, request->filter);

      g_ptr_array_unref (lines);
      lines = kept;
      total = lines->len;
    }
  ce_contexts_sort (lines, request->sort);
  if (lines->len > CE_CONTEXTS_VIEW_MAX_LINES)
    g_ptr_array_set_size (lines, CE_CONTEXTS_VIEW_MAX_LINES);

  result = g_new0 (LinesResult, 1);
  result->lines = lines;
  result->total = total;
  result->for_topic = request->topic != NULL;
  result->filtered = request->filter != NULL;

  return result;
}

static void
lines_done_cb (GObject      *object,
               GAsyncResult *res,
               gpointer      user_data)
{
  g_autoptr(CeContextsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  LinesResult *result;
  gboolean for_topic;
  gboolean filtered;
  guint match_chars = 4;

  result = ce_session_run_finish (CE_SESSION (object), res, &error);
  if (!_ce_analysis_schedule_finish (&self->schedule, error))
    return;

  set_busy (self, FALSE);

  if (result == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_label_set_text (self->summary_label, "");
      return;
    }

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < result->lines->len; i++)
    {
      CeContextItem *item = _ce_context_item_new (g_steal_pointer (&g_ptr_array_index (result->lines, i)));

      match_chars = MAX (match_chars, (guint)g_utf8_strlen (item->line->match, -1));
      g_ptr_array_add (items, item);
    }
  g_ptr_array_set_size (result->lines, 0);

  /* Every match gets the room of the longest, so they line up */
  self->match_chars = MIN (match_chars, _CE_CONTEXTS_MAX_MATCH_CHARS);
  self->total = result->total;
  self->ready = TRUE;
  g_list_store_splice (self->lines, 0, g_list_model_get_n_items (G_LIST_MODEL (self->lines)),
                       items->pdata, items->len);
  for_topic = result->for_topic;
  filtered = result->filtered;
  lines_result_free (result);

  show_summary (self, for_topic);

  if (items->len > 0)
    gtk_stack_set_visible_child_name (self->stack, "lines");
  else
    {
      adw_status_page_set_description (self->no_matches_page,
                                       filtered
                                         ? _("No line has this word around the match")
                                         : for_topic
                                         ? _("No document mentions this topic")
                                         : _("No document holds the words searched for"));
      gtk_stack_set_visible_child_name (self->stack, "no-matches");
    }
}

/* Lists the lines for the search or the topic chosen, unless the view
 * is not on screen: then when it next is. */
static void
refresh (CeContextsView *self)
{
  LinesRequest *request;
  CeTopic *topic;

  if (!_ce_analysis_schedule_start (&self->schedule))
    return;

  topic = selected_topic (self);

  if (self->session == NULL || !ce_session_is_open (self->session) ||
      (topic == NULL && (self->query == NULL || ce_query_is_empty (self->query))))
    {
      set_busy (self, FALSE);
      clear_lines (self);
      gtk_label_set_text (self->summary_label, "");
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  request = g_new0 (LinesRequest, 1);
  if (topic != NULL)
    request->topic = ce_topic_copy (topic);
  else
    request->query = ce_query_ref (self->query);
  request->sort = gtk_drop_down_get_selected (self->sort_dropdown);
  if (request->sort > CE_CONTEXT_SORT_DATE)
    request->sort = CE_CONTEXT_SORT_ORDER;
  {
    g_autofree char *filter = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->filter_entry))));

    if (filter[0] != 0)
      request->filter = g_steal_pointer (&filter);
  }

  self->ready = FALSE;
  set_busy (self, TRUE);
  /* Old lines stay until the new ones come, unless they were of nothing */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->lines)) == 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");

  ce_session_run_in_thread (self->session, lines_func, request, lines_request_free, lines_result_free,
                            _ce_analysis_schedule_run (&self->schedule), lines_done_cb, g_object_ref (self));
}

static void
queue_refresh (CeContextsView *self)
{
  self->ready = FALSE;
  _ce_analysis_schedule_queue (&self->schedule);
}

static void
on_line_activated_cb (CeContextsView *self,
                      guint           position,
                      GtkColumnView  *view)
{
  g_autoptr(CeContextItem) item = g_list_model_get_item (G_LIST_MODEL (self->lines), position);

  if (item == NULL)
    return;

  g_signal_emit (self, signals[DOCUMENT_ACTIVATED], 0,
                 item->line->doc_id, item->line->body_start, item->line->body_end);
}

static void
on_source_selected_cb (CeContextsView *self,
                       GParamSpec     *pspec,
                       GtkDropDown    *dropdown)
{
  /* A choice is worth showing at once, unlike a keystroke */
  clear_lines (self);
  refresh (self);
}

static void
on_sort_selected_cb (CeContextsView *self,
                     GParamSpec     *pspec,
                     GtkDropDown    *dropdown)
{
  refresh (self);
}

static void
on_filter_changed_cb (CeContextsView *self,
                      GtkSearchEntry *entry)
{
  /* The entry waits for typing to settle before it says so */
  refresh (self);
}

/* Export */

static char *
lines_text (CeContextsView *self,
            gboolean        csv)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CeContextItem) item = g_list_model_get_item (G_LIST_MODEL (self->lines), i);

      g_ptr_array_add (lines, item->line);
    }

  return csv ? ce_contexts_to_csv (lines) : ce_contexts_to_text (lines, CONTEXT_WIDTH);
}

static void
export_response_cb (CeContextsView       *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  text = lines_text (self, g_strcmp0 (self->export_format, "csv") == 0);
  if (!g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  _("Could Not Export the Lines"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CeContextsView *self = CE_CONTEXTS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  gboolean csv = g_str_equal (format, "csv");

  if (self->chooser != NULL || !self->ready)
    return;

  g_free (self->export_format);
  self->export_format = g_strdup (format);

  self->chooser = gtk_file_chooser_native_new (csv ? _("Export Lines as CSV") : _("Export Lines as Text"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  /* Translators: the file name an export of contexts is offered under */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                     csv ? _("contexts.csv") : _("contexts.txt"));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (export_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
ce_contexts_view_dispose (GObject *object)
{
  CeContextsView *self = (CeContextsView *)object;
  GtkWidget *child;

  _ce_analysis_schedule_clear (&self->schedule);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->export_format, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), CE_TYPE_CONTEXTS_VIEW);
  /* The toolbar and the separator are not bound, so not unparented above */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  ce_session_unwatch (&self->session, self);
  g_clear_pointer (&self->query, ce_query_unref);
  g_clear_pointer (&self->topics, g_ptr_array_unref);
  g_clear_object (&self->lines);

  G_OBJECT_CLASS (ce_contexts_view_parent_class)->dispose (object);
}

static void
ce_contexts_view_class_init (CeContextsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ce_contexts_view_dispose;

  /**
   * CeContextsView::document-activated:
   * @doc_id: the document of the line
   * @start: where the match starts in its body, in bytes
   * @end: where it ends
   */
  signals[DOCUMENT_ACTIVATED] =
    g_signal_new ("document-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, APPLICATION_PATH "/ce-contexts-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CeContextsView, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CeContextsView, sources);
  gtk_widget_class_bind_template_child (widget_class, CeContextsView, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CeContextsView, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, CeContextsView, export_button);
  gtk_widget_class_bind_template_child (widget_class, CeContextsView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CeContextsView, spinner);
  gtk_widget_class_bind_template_child (widget_class, CeContextsView, stack);
  gtk_widget_class_bind_template_child (widget_class, CeContextsView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CeContextsView, no_matches_page);
  gtk_widget_class_bind_template_child (widget_class, CeContextsView, error_page);
  gtk_widget_class_bind_template_child (widget_class, CeContextsView, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CeContextsView, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_line_activated_cb);

  gtk_widget_class_install_action (widget_class, "contexts.export", "s", export_action);

  gtk_widget_class_set_css_name (widget_class, "contextsview");
}

static void
ce_contexts_view_init (CeContextsView *self)
{
  g_autoptr(GtkSingleSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  _ce_drop_down_take_mnemonic (self->source_dropdown);

  self->topics = g_ptr_array_new_with_free_func (g_object_unref);
  self->lines = g_list_store_new (CE_TYPE_CONTEXT_ITEM);
  self->match_chars = 8;
  _ce_analysis_schedule_init (&self->schedule, GTK_WIDGET (self), REFRESH_DELAY_MS,
                              (CeAnalysisRefreshFunc)refresh);

  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->lines)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  _ce_contexts_add_columns (self->column_view, &self->match_chars);

  g_signal_connect_object (self->source_dropdown, "notify::selected",
                           G_CALLBACK (on_source_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sort_dropdown, "notify::selected",
                           G_CALLBACK (on_sort_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_entry, "search-changed",
                           G_CALLBACK (on_filter_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
ce_contexts_view_new (void)
{
  return g_object_new (CE_TYPE_CONTEXTS_VIEW, NULL);
}

/* Another corpus: its topics, and the search until one is chosen */
static void
on_path_changed_cb (CeContextsView *self)
{
  g_clear_pointer (&self->query, ce_query_unref);
  clear_lines (self);

  /* Selecting the first row refreshes the view when it changes */
  g_signal_handlers_block_by_func (self->source_dropdown, on_source_selected_cb, self);
  ce_contexts_view_reload_topics (self);
  gtk_drop_down_set_selected (self->source_dropdown, 0);
  g_signal_handlers_unblock_by_func (self->source_dropdown, on_source_selected_cb, self);

  refresh (self);
}

static void
on_query_changed_cb (CeContextsView *self)
{
  ce_contexts_view_set_query (self, ce_session_get_query (self->session));
}

/**
 * ce_contexts_view_set_session:
 * @session: (nullable): the session whose corpus, search and topics to
 *   list matches of
 */
void
ce_contexts_view_set_session (CeContextsView *self,
                              CeSession      *session)
{
  static const CeSessionWatch watch = {
    .path_changed = G_CALLBACK (on_path_changed_cb),
    .query_changed = G_CALLBACK (on_query_changed_cb),
    /* New documents hold matches too */
    .corpus_changed = G_CALLBACK (queue_refresh),
    .topics_changed = G_CALLBACK (ce_contexts_view_reload_topics),
  };

  g_return_if_fail (CE_IS_CONTEXTS_VIEW (self));
  g_return_if_fail (session == NULL || CE_IS_SESSION (session));

  if (!ce_session_watch (&self->session, session, self, &watch))
    return;

  on_path_changed_cb (self);
  if (session != NULL)
    on_query_changed_cb (self);
}

/**
 * ce_contexts_view_set_query:
 * @query: (nullable): the search whose matches to list
 *
 * Lists the matches of @query when "Search Results" is chosen.
 */
void
ce_contexts_view_set_query (CeContextsView *self,
                            CeQuery        *query)
{
  g_return_if_fail (CE_IS_CONTEXTS_VIEW (self));

  if (self->query == query)
    return;
  if (self->query != NULL && query != NULL &&
      g_strcmp0 (ce_query_get_text (self->query), ce_query_get_text (query)) == 0)
    return;

  g_clear_pointer (&self->query, ce_query_unref);
  if (query != NULL)
    self->query = ce_query_ref (query);

  if (selected_topic (self) == NULL)
    queue_refresh (self);
}

/**
 * ce_contexts_view_reload_topics:
 *
 * Lists the session's topics again (the view does so when they change).
 * The topic chosen stays chosen while it exists, and its lines are
 * listed again.
 */
void
ce_contexts_view_reload_topics (CeContextsView *self)
{
  g_autoptr(GPtrArray) topics = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  CeTopic *was = NULL;
  gint64 was_id = 0;
  guint selected = 0;

  g_return_if_fail (CE_IS_CONTEXTS_VIEW (self));

  if ((was = selected_topic (self)) != NULL)
    was_id = ce_topic_get_id (was);

  topics = g_ptr_array_new_with_free_func (g_object_unref);
  if (self->session != NULL)
    {
      GListModel *model = ce_session_get_topics (self->session);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        g_ptr_array_add (topics, g_list_model_get_item (model, i));
    }

  for (guint i = 0; i < topics->len; i++)
    {
      CeTopic *topic = g_ptr_array_index (topics, i);

      g_strv_builder_add (builder, ce_topic_get_name (topic));
      if (was_id != 0 && ce_topic_get_id (topic) == was_id)
        selected = i + 1;
    }
  names = g_strv_builder_end (builder);

  g_signal_handlers_block_by_func (self->source_dropdown, on_source_selected_cb, self);
  g_clear_pointer (&self->topics, g_ptr_array_unref);
  self->topics = g_steal_pointer (&topics);
  gtk_string_list_splice (self->sources, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->sources)) - 1,
                          (const char * const *)names);
  gtk_drop_down_set_selected (self->source_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->source_dropdown, on_source_selected_cb, self);

  /* Its terms may have changed, or it is gone and the search is shown */
  if (was != NULL)
    {
      if (selected == 0)
        clear_lines (self);
      queue_refresh (self);
    }
}

/**
 * ce_contexts_view_show_search:
 *
 * Chooses the matches of the search.
 */
void
ce_contexts_view_show_search (CeContextsView *self)
{
  g_return_if_fail (CE_IS_CONTEXTS_VIEW (self));

  gtk_drop_down_set_selected (self->source_dropdown, 0);
}

/**
 * ce_contexts_view_show_topic:
 *
 * Chooses the mentions of @topic, a stored topic of the corpus.
 */
void
ce_contexts_view_show_topic (CeContextsView *self,
                             CeTopic        *topic)
{
  g_return_if_fail (CE_IS_CONTEXTS_VIEW (self));
  g_return_if_fail (CE_IS_TOPIC (topic));

  for (guint i = 0; i < self->topics->len; i++)
    {
      if (ce_topic_get_id (g_ptr_array_index (self->topics, i)) == ce_topic_get_id (topic))
        {
          gtk_drop_down_set_selected (self->source_dropdown, i + 1);
          return;
        }
    }
}

/**
 * ce_contexts_view_get_counts:
 * @n_lines: (out) (optional): lines listed
 * @total: (out) (optional): matches in all
 *
 * Returns: %TRUE when the lines of the current search or topic are
 *   listed
 */
gboolean
ce_contexts_view_get_counts (CeContextsView *self,
                             guint          *n_lines,
                             guint          *total)
{
  g_return_val_if_fail (CE_IS_CONTEXTS_VIEW (self), FALSE);

  if (n_lines != NULL)
    *n_lines = self->ready ? g_list_model_get_n_items (G_LIST_MODEL (self->lines)) : 0;
  if (total != NULL)
    *total = self->ready ? self->total : 0;

  return self->ready;
}

/**
 * ce_contexts_view_get_line:
 *
 * Returns: (transfer none) (nullable): the line at @position
 */
const CeContext *
ce_contexts_view_get_line (CeContextsView *self,
                           guint           position)
{
  g_autoptr(CeContextItem) item = NULL;

  g_return_val_if_fail (CE_IS_CONTEXTS_VIEW (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->lines), position);
  return item != NULL ? item->line : NULL;
}

/**
 * ce_contexts_view_set_filter:
 * @word: (nullable): a word to look for around the matches
 *
 * Lists only the lines with @word left or right of the match.
 */
void
ce_contexts_view_set_filter (CeContextsView *self,
                             const char     *word)
{
  g_return_if_fail (CE_IS_CONTEXTS_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), word != NULL ? word : "");
}

/**
 * ce_contexts_view_set_sort:
 *
 * Orders the lines by @sort.
 */
void
ce_contexts_view_set_sort (CeContextsView *self,
                           CeContextSort   sort)
{
  g_return_if_fail (CE_IS_CONTEXTS_VIEW (self));

  gtk_drop_down_set_selected (self->sort_dropdown, sort);
}
