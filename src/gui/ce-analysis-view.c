/* ce-analysis-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Analysis page: keywords, collocates, n-grams and topic
 * co-occurrence, one view at a time, chosen by a row of buttons.  What a
 * view asks of the window (a search, the contexts of a word, a list of
 * documents) goes out as the page's signals.
 */

#define G_LOG_DOMAIN "ce-analysis"

#include "config.h"

#include <glib/gi18n.h>

#include "ce-analysis-private.h"

struct _CeAnalysisView
{
  GtkWidget               parent_instance;

  GtkStack               *stack;
  GtkWidget              *buttons[4];
  CeAnalysisKeywords     *keywords;
  CeAnalysisCollocates   *collocates;
  CeAnalysisNgrams       *ngrams;
  CeAnalysisCooccurrence *cooccurrence;
};

G_DEFINE_FINAL_TYPE (CeAnalysisView, ce_analysis_view, GTK_TYPE_WIDGET)

enum {
  SEARCH_REQUESTED,
  SHOW_CONTEXTS,
  SHOW_DOCUMENTS,
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const names[] = { "keywords", "collocates", "ngrams", "cooccurrence" };

static CeAnalysisView *
page_of (GtkWidget *child)
{
  GtkWidget *page = gtk_widget_get_ancestor (child, CE_TYPE_ANALYSIS_VIEW);

  return page != NULL ? CE_ANALYSIS_VIEW (page) : NULL;
}

void
_ce_analysis_view_request_search (GtkWidget  *child,
                                  const char *text,
                                  gboolean    within)
{
  CeAnalysisView *self = page_of (child);

  if (self != NULL)
    g_signal_emit (self, signals[SEARCH_REQUESTED], 0, text, within);
}

void
_ce_analysis_view_request_contexts (GtkWidget  *child,
                                    CeTopic    *topic,
                                    const char *word)
{
  CeAnalysisView *self = page_of (child);

  if (self != NULL)
    g_signal_emit (self, signals[SHOW_CONTEXTS], 0, topic, word);
}

void
_ce_analysis_view_request_documents (GtkWidget  *child,
                                     GArray     *ids,
                                     const char *label)
{
  CeAnalysisView *self = page_of (child);

  if (self != NULL)
    g_signal_emit (self, signals[SHOW_DOCUMENTS], 0, ids, label);
}

void
_ce_analysis_view_message (GtkWidget  *child,
                           const char *message)
{
  CeAnalysisView *self = page_of (child);

  if (self != NULL)
    g_signal_emit (self, signals[MESSAGE], 0, message);
}

static void
on_button_toggled_cb (CeAnalysisView  *self,
                      GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (self->buttons[i] == GTK_WIDGET (button))
      gtk_stack_set_visible_child_name (self->stack, names[i]);
}

static void
ce_analysis_view_dispose (GObject *object)
{
  CeAnalysisView *self = (CeAnalysisView *)object;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ce_analysis_view_parent_class)->dispose (object);
}

static void
ce_analysis_view_class_init (CeAnalysisViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ce_analysis_view_dispose;

  /**
   * CeAnalysisView::search-requested:
   * @words: words to search for
   * @within: whether within the current search, or instead of it
   */
  signals[SEARCH_REQUESTED] =
    g_signal_new ("search-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
  /**
   * CeAnalysisView::show-contexts:
   * @topic: (nullable): the topic whose mentions to list, or %NULL for
   *   the matches of the search
   * @word: the word to find around them
   */
  signals[SHOW_CONTEXTS] =
    g_signal_new ("show-contexts", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, CE_TYPE_TOPIC, G_TYPE_STRING);
  /**
   * CeAnalysisView::show-documents:
   * @ids: (element-type gint64): the documents to list
   * @label: what they are
   */
  signals[SHOW_DOCUMENTS] =
    g_signal_new ("show-documents", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_ARRAY, G_TYPE_STRING);
  /**
   * CeAnalysisView::message:
   * @text: a short message for a toast
   */
  signals[MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "analysisview");
}

static void
ce_analysis_view_init (CeAnalysisView *self)
{
  /* Every mnemonic of the page is unique, those of the views too */
  const char *labels[] = { N_("_Keywords"), N_("C_ollocates"), N_("N-_grams"), N_("Co-occ_urrence") };
  const char *tooltips[] = {
    N_("Words that set the documents of the search apart from the rest"),
    N_("Words found near the matches of the search or the mentions of a topic"),
    N_("Runs of two to five words, and the documents they occur in"),
    N_("How often topics are mentioned in the same documents"),
  };
  GtkWidget *switcher;
  GtkWidget *bar;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  bar = gtk_center_box_new ();
  gtk_widget_add_css_class (bar, "analysis-switcher");
  gtk_widget_set_margin_top (bar, 6);
  switcher = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (switcher, "linked");
  gtk_accessible_update_property (GTK_ACCESSIBLE (switcher), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Analysis"), -1);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      self->buttons[i] = gtk_toggle_button_new_with_mnemonic (_(labels[i]));
      gtk_widget_set_name (self->buttons[i], names[i]);
      gtk_widget_set_tooltip_text (self->buttons[i], _(tooltips[i]));
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (self->buttons[i]), GTK_TOGGLE_BUTTON (self->buttons[0]));
      g_signal_connect_object (self->buttons[i], "toggled", G_CALLBACK (on_button_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (switcher), self->buttons[i]);
    }
  gtk_center_box_set_center_widget (GTK_CENTER_BOX (bar), switcher);
  gtk_widget_set_parent (bar, GTK_WIDGET (self));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  self->keywords = g_object_new (CE_TYPE_ANALYSIS_KEYWORDS, NULL);
  self->collocates = g_object_new (CE_TYPE_ANALYSIS_COLLOCATES, NULL);
  self->ngrams = g_object_new (CE_TYPE_ANALYSIS_NGRAMS, NULL);
  self->cooccurrence = g_object_new (CE_TYPE_ANALYSIS_COOCCURRENCE, NULL);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->keywords), names[0]);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->collocates), names[1]);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->ngrams), names[2]);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->cooccurrence), names[3]);
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->buttons[0]), TRUE);
}

GtkWidget *
ce_analysis_view_new (void)
{
  return g_object_new (CE_TYPE_ANALYSIS_VIEW, NULL);
}

/**
 * ce_analysis_view_set_session:
 * @session: (nullable): the session whose corpus, search and topics the
 *   views follow
 */
void
ce_analysis_view_set_session (CeAnalysisView *self,
                              CeSession      *session)
{
  g_return_if_fail (CE_IS_ANALYSIS_VIEW (self));

  _ce_analysis_keywords_set_session (self->keywords, session);
  _ce_analysis_collocates_set_session (self->collocates, session);
  _ce_analysis_ngrams_set_session (self->ngrams, session);
  _ce_analysis_cooccurrence_set_session (self->cooccurrence, session);
}

static int
index_of (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (names[i], name) == 0)
      return i;

  return -1;
}

/**
 * ce_analysis_view_show:
 * @name: "keywords", "collocates", "ngrams" or "cooccurrence"
 */
void
ce_analysis_view_show (CeAnalysisView *self,
                       const char     *name)
{
  int i;

  g_return_if_fail (CE_IS_ANALYSIS_VIEW (self));

  if ((i = index_of (name)) >= 0)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->buttons[i]), TRUE);
}

const char *
ce_analysis_view_get_shown (CeAnalysisView *self)
{
  g_return_val_if_fail (CE_IS_ANALYSIS_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * ce_analysis_view_is_busy:
 *
 * Returns: whether the view @name is computing, or will when shown
 */
gboolean
ce_analysis_view_is_busy (CeAnalysisView *self,
                          const char     *name)
{
  g_return_val_if_fail (CE_IS_ANALYSIS_VIEW (self), FALSE);

  switch (index_of (name))
    {
    case 0: return _ce_analysis_keywords_is_busy (self->keywords);
    case 1: return _ce_analysis_collocates_is_busy (self->collocates);
    case 2: return _ce_analysis_ngrams_is_busy (self->ngrams);
    case 3: return _ce_analysis_cooccurrence_is_busy (self->cooccurrence);
    default: return FALSE;
    }
}

/**
 * ce_analysis_view_get_table:
 *
 * Returns: (transfer none) (nullable): the table of the view @name; its
 *   model holds CeAnalysisRow in the order shown
 */
GtkColumnView *
ce_analysis_view_get_table (CeAnalysisView *self,
                            const char     *name)
{
  g_return_val_if_fail (CE_IS_ANALYSIS_VIEW (self), NULL);

  switch (index_of (name))
    {
    case 0: return _ce_analysis_keywords_get_table (self->keywords);
    case 1: return _ce_analysis_collocates_get_table (self->collocates);
    case 2: return _ce_analysis_ngrams_get_table (self->ngrams);
    case 3: return _ce_analysis_cooccurrence_get_table (self->cooccurrence);
    default: return NULL;
    }
}

/**
 * ce_analysis_view_get_chart:
 *
 * Returns: (transfer none) (nullable): the CeChartWidget of the view
 *   @name, for those that draw one
 */
GtkWidget *
ce_analysis_view_get_chart (CeAnalysisView *self,
                            const char     *name)
{
  g_return_val_if_fail (CE_IS_ANALYSIS_VIEW (self), NULL);

  switch (index_of (name))
    {
    case 0: return GTK_WIDGET (_ce_analysis_keywords_get_chart (self->keywords));
    case 3: return GTK_WIDGET (_ce_analysis_cooccurrence_get_chart (self->cooccurrence));
    default: return NULL;
    }
}

/**
 * ce_analysis_view_show_keywords_for:
 * @ids: (element-type gint64): documents, each once: those of a chart's
 *   bar, or of a pair of topics
 * @label: what they are
 *
 * Shows the keywords of @ids against the rest of the corpus, until the
 * search changes.
 */
void
ce_analysis_view_show_keywords_for (CeAnalysisView *self,
                                    GArray         *ids,
                                    const char     *label)
{
  g_return_if_fail (CE_IS_ANALYSIS_VIEW (self));
  g_return_if_fail (ids != NULL);

  _ce_analysis_keywords_set_target (self->keywords, ids, label);
  ce_analysis_view_show (self, "keywords");
}
