/* ce-window-pages.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Chart and Analysis pages ask of the window: listing the
 * documents behind a bar or a pair of topics on the Documents page,
 * searching for a word, opening the contexts of a collocate, and the
 * keywords of the documents listed.
 */

#define G_LOG_DOMAIN "ce-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ce-window-private.h"

/* Lists @ids on the Documents page, saying what they are in @text */
static void
show_ids (CeWindow   *self,
          GArray     *ids,
          const char *label,
          const char *text)
{
  CeDocumentListModel *model = ce_document_list_get_model (self->document_list);

  ce_document_list_model_set_ids (model, ids);
  g_clear_pointer (&self->shown_ids, g_array_unref);
  g_free (self->shown_label);
  self->shown_ids = g_array_copy (ids);
  self->shown_label = g_strdup (label);

  gtk_label_set_text (self->chart_filter_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->chart_filter_label), text);
  gtk_revealer_set_reveal_child (self->chart_filter_revealer, TRUE);

  adw_view_stack_set_visible_child_name (self->view_stack, "documents");
  if (ids->len > 0)
    ce_document_list_select (self->document_list, 0);
  ce_document_list_focus (self->document_list);
  _ce_window_update_subtitle (self);
}

static void
on_chart_show_documents_cb (CeWindow    *self,
                            GArray      *ids,
                            CeTopic     *topic,
                            const char  *category_label,
                            CeChartView *view)
{
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;

  if (topic != NULL)
    /* Translators: "Showing the 12 documents counted for China · 2024-05" */
    text = g_strdup_printf (ngettext ("Showing the %u document counted for %s · %s",
                                      "Showing the %u documents counted for %s · %s", ids->len),
                            ids->len, ce_topic_get_name (topic), category_label);
  else
    /* Translators: "Showing the 12 documents counted for 2024-05" */
    text = g_strdup_printf (ngettext ("Showing the %u document counted for %s",
                                      "Showing the %u documents counted for %s", ids->len),
                            ids->len, category_label);

  if (topic != NULL)
    label = g_strdup_printf ("%s · %s", ce_topic_get_name (topic), category_label);
  show_ids (self, ids, label != NULL ? label : category_label, text);
}

/* The keywords of the documents listed for a chart's bar or a pair of
 * topics, on the Analysis page */
static void
on_chart_filter_keywords_cb (CeWindow  *self,
                             GtkButton *button)
{
  if (self->shown_ids == NULL)
    return;

  ce_analysis_view_show_keywords_for (self->analysis_view, self->shown_ids, self->shown_label);
  adw_view_stack_set_visible_child_name (self->view_stack, "analysis");
}

/* The Analysis page ------------------------------------------------------- */

/* A word or an n-gram, searched for within the current search */
static void
on_analysis_search_cb (CeWindow       *self,
                       const char     *words,
                       gboolean        within,
                       CeAnalysisView *view)
{
  const char *old = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *text = NULL;

  if (old[0] == 0 || !within)
    text = g_strdup (words);
  else if (strchr (old, ' ') != NULL)
    text = g_strdup_printf ("(%s) %s", old, words);
  else
    text = g_strdup_printf ("%s %s", old, words);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  adw_view_stack_set_visible_child_name (self->view_stack, "documents");
}

/* The contexts of the search or a topic that have @word nearby */
static void
on_analysis_contexts_cb (CeWindow       *self,
                         CeTopic        *topic,
                         const char     *word,
                         CeAnalysisView *view)
{
  if (topic != NULL)
    ce_contexts_view_show_topic (self->contexts_view, topic);
  else
    ce_contexts_view_show_search (self->contexts_view);
  ce_contexts_view_set_filter (self->contexts_view, word);
  adw_view_stack_set_visible_child_name (self->view_stack, "contexts");
}

static void
on_analysis_documents_cb (CeWindow       *self,
                          GArray         *ids,
                          const char     *label,
                          CeAnalysisView *view)
{
  g_autofree char *text = NULL;

  /* Translators: "Showing the 12 documents that mention China and Trade" */
  text = g_strdup_printf (ngettext ("Showing the %u document that mentions %s",
                                    "Showing the %u documents that mention %s", ids->len),
                          ids->len, label);
  show_ids (self, ids, label, text);
}

static void
on_analysis_message_cb (CeWindow       *self,
                        const char     *message,
                        CeAnalysisView *view)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
on_chart_filter_clear_cb (CeWindow  *self,
                          GtkButton *button)
{
  g_autoptr(GError) error = NULL;

  gtk_revealer_set_reveal_child (self->chart_filter_revealer, FALSE);
  if (!ce_document_list_model_reload (ce_document_list_get_model (self->document_list), &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  _ce_window_update_subtitle (self);
}

static void
on_chart_add_topic_cb (CeWindow    *self,
                       CeChartView *view)
{
  ce_topics_panel_add_topic (self->topics_panel);
}

/* The template callbacks above, bound by the window's class_init */
void
_ce_window_bind_page_callbacks (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_analysis_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_analysis_contexts_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_analysis_documents_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_analysis_message_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_chart_show_documents_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_chart_filter_clear_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_chart_filter_keywords_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_chart_add_topic_cb);
}
