/* ce-topics-panel-suggestions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-topics-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "ce-stopwords.h"
#include "ce-topics-panel-private.h"

static void rebuild_suggestions (CeTopicsPanel *self);

/* Suggestions */

/* How many suggestions a corpus without topics is offered */
#define N_SUGGESTIONS 5

/* Names are looked for in this many documents at most, spread across the
 * corpus: a second or two of a worker's time whatever the corpus's size
 * (reading every body of a 1 GB corpus took 80 s of a core) */
#define SUGGESTION_SAMPLE 3000

static gpointer
suggest_func (CeCorpus      *corpus,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GHashTable) stopwords = NULL;
  g_autoptr(GError) local = NULL;

  /* The user's stop words leave names out; a list that cannot be read
   * leaves nothing out */
  stopwords = ce_stopwords_load (NULL, &local);
  if (stopwords == NULL)
    g_debug ("%s", local->message);

  return ce_entities_suggest_sample (corpus, N_SUGGESTIONS, stopwords, SUGGESTION_SAMPLE, error);
}

static void
suggest_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CeTopicsPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *entities;

  entities = ce_session_run_finish (CE_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->suggest_cancellable);
  gtk_spinner_set_spinning (self->suggestions_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_spinner), FALSE);

  /* Suggestions are a help, not a feature to report failures about */
  if (entities == NULL)
    {
      g_debug ("No suggestions: %s", error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->suggestions_group), FALSE);
      return;
    }

  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  self->suggestions = entities;
  rebuild_suggestions (self);
}

/* Names are looked for once the panel is shown: a corpus opens on its
 * list, and the worker's second or two would be taken from the first
 * frame (the Chart page may never be opened) */
void
_ce_topics_panel_map_suggestions (CeTopicsPanel *self)
{
  if (self->suggest_on_map)
    _ce_topics_panel_start_suggestions (self);
}

void
_ce_topics_panel_start_suggestions (CeTopicsPanel *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->suggest_on_map = TRUE;
      return;
    }

  self->suggest_on_map = FALSE;
  self->suggest_cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_group), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_spinner), TRUE);
  gtk_spinner_set_spinning (self->suggestions_spinner, TRUE);

  ce_session_run_in_thread (self->session, suggest_func, NULL, NULL, (GDestroyNotify)g_ptr_array_unref,
                            self->suggest_cancellable, suggest_done_cb, g_object_ref (self));
}

void
_ce_topics_panel_clear_suggestions (CeTopicsPanel *self)
{
  GtkWidget *child;

  g_cancellable_cancel (self->suggest_cancellable);
  g_clear_object (&self->suggest_cancellable);
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  self->suggest_on_map = FALSE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->suggestions_list))) != NULL)
    gtk_list_box_remove (self->suggestions_list, child);

  gtk_spinner_set_spinning (self->suggestions_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_group), FALSE);
}

/* An estimate keeps two significant digits: 178,388 is shown as 180,000 */
static guint
round_estimate (guint count)
{
  guint scale = 1;

  while (count / scale >= 100)
    scale *= 10;

  return (count + scale / 2) / scale * scale;
}

static GtkWidget *
suggestion_row_new (CeEntity *entity)
{
  g_autofree char *title = g_markup_escape_text (entity->name, -1);
  g_autofree char *subtitle = NULL;
  g_autofree char *terms = ce_topic_join_terms ((const char * const *)entity->terms);
  g_autofree char *tooltip = g_strdup_printf (_("Terms: %s"), terms);
  g_autofree char *button_tooltip = g_strdup_printf (_("Add “%s” as a Topic"), entity->name);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  if (entity->estimated)
    {
      guint rounded = round_estimate (entity->count);

      /* TRANSLATORS: an estimate from a sample of the documents */
      subtitle = g_strdup_printf (ngettext ("About %'u mention", "About %'u mentions", rounded), rounded);
    }
  else
    {
      subtitle = g_strdup_printf (ngettext ("%'u mention", "%'u mentions", entity->count), entity->count);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (row, tooltip);

  button = gtk_button_new_with_label (_("Add"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, button_tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "topics.add-suggestion");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (entity->name));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);

  return row;
}

static void
rebuild_suggestions (CeTopicsPanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->suggestions_list))) != NULL)
    gtk_list_box_remove (self->suggestions_list, child);

  for (guint i = 0; self->suggestions != NULL && i < self->suggestions->len; i++)
    gtk_list_box_append (self->suggestions_list, suggestion_row_new (g_ptr_array_index (self->suggestions, i)));

  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_group),
                          self->suggestions != NULL && self->suggestions->len > 0);
}

void
_ce_topics_panel_add_suggestion_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  CeTopicsPanel *self = CE_TOPICS_PANEL (widget);
  const char *name = g_variant_get_string (param, NULL);
  g_autoptr(CeTopic) topic = NULL;
  g_autoptr(CeTopic) added = NULL;
  g_autoptr(GError) error = NULL;

  if (self->session == NULL || self->suggestions == NULL)
    return;

  for (guint i = 0; i < self->suggestions->len; i++)
    {
      CeEntity *entity = g_ptr_array_index (self->suggestions, i);

      if (!g_str_equal (entity->name, name))
        continue;

      topic = ce_topic_new (entity->name, ce_session_next_topic_color (self->session),
                            (const char * const *)entity->terms);
      added = ce_session_add_topic (self->session, topic, G_MAXUINT, &error);
      if (added == NULL)
        {
          _ce_topics_panel_show_error_toast (self, error);
          return;
        }

      g_ptr_array_remove_index (self->suggestions, i);
      rebuild_suggestions (self);
      _ce_topics_panel_reload_topics (self, ce_topic_get_id (added));
      _ce_topics_panel_emit_changed (self);
      return;
    }
}

void
_ce_topics_panel_hide_suggestions_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *param)
{
  _ce_topics_panel_clear_suggestions (CE_TOPICS_PANEL (widget));
}

/**
 * ce_topics_panel_get_n_suggestions:
 *
 * Returns: how many suggested topics are offered
 */
guint
ce_topics_panel_get_n_suggestions (CeTopicsPanel *self)
{
  g_return_val_if_fail (CE_IS_TOPICS_PANEL (self), 0);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->suggestions_group)) || self->suggestions == NULL)
    return 0;

  return self->suggestions->len;
}
