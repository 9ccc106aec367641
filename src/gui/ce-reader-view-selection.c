/* ce-reader-view-selection.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-reader-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ce-reader-view-private.h"

/* The longest selection turned into a topic name */
#define TOPIC_NAME_MAX_CHARS 40

static char *
selected_text (CeReaderView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return NULL;

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The selection on one line, without the punctuation around it:
 * "China," gives "China". */
static char *
selected_words (CeReaderView *self)
{
  g_autofree char *text = selected_text (self);
  g_autoptr(GString) words = NULL;
  gboolean space = FALSE;
  const char *p;

  if (text == NULL)
    return NULL;

  words = g_string_new (NULL);
  for (p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = words->len > 0;
          continue;
        }

      if (space)
        g_string_append_c (words, ' ');
      space = FALSE;
      g_string_append_unichar (words, c);
    }

  /* Trim what the tokenizer would drop at either end */
  while (words->len > 0)
    {
      const char *last = g_utf8_find_prev_char (words->str, words->str + words->len);
      gunichar c = g_utf8_get_char (last);

      if (g_unichar_isalnum (c))
        break;
      g_string_truncate (words, last - words->str);
    }
  while (words->len > 0 && !g_unichar_isalnum (g_utf8_get_char (words->str)))
    g_string_erase (words, 0, g_utf8_next_char (words->str) - words->str);

  if (words->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&words), FALSE);
}

static char *
without_quotes (const char *text)
{
  g_autoptr(GString) str = g_string_new (text);

  g_string_replace (str, "\"", "", 0);
  return g_string_free (g_steal_pointer (&str), FALSE);
}

/* A phrase is quoted, so topics and searches match it as a phrase */
static char *
term_for_words (const char *words)
{
  g_autofree char *bare = without_quotes (words);

  if (strchr (bare, ' ') != NULL)
    return g_strdup_printf ("\"%s\"", bare);

  return g_steal_pointer (&bare);
}

void
_ce_reader_view_rebuild_topics_menu (CeReaderView *self)
{
  GListModel *topics = self->session != NULL ? ce_session_get_topics (self->session) : NULL;
  g_autoptr(GMenu) existing = g_menu_new ();
  g_autoptr(GMenu) create = g_menu_new ();

  g_menu_remove_all (self->topics_menu);

  for (guint i = 0; topics != NULL && i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(CeTopic) topic = g_list_model_get_item (topics, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (ce_topic_get_name (topic), NULL);

      g_menu_item_set_action_and_target_value (item, "reader.add-to-topic",
                                               g_variant_new_int64 (ce_topic_get_id (topic)));
      g_menu_append_item (existing, item);
    }

  g_menu_append (create, _("_New Topic from Selection"), "reader.new-topic-from-selection");

  if (g_menu_model_get_n_items (G_MENU_MODEL (existing)) > 0)
    g_menu_append_section (self->topics_menu, NULL, G_MENU_MODEL (existing));
  g_menu_append_section (self->topics_menu, NULL, G_MENU_MODEL (create));
}

void
_ce_reader_view_search_selection_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *param)
{
  CeReaderView *self = CE_READER_VIEW (widget);
  g_autofree char *words = selected_words (self);
  g_autofree char *bare = NULL;
  g_autofree char *quoted = NULL;

  if (words == NULL)
    return;

  bare = without_quotes (words);
  quoted = g_strdup_printf ("\"%s\"", bare);
  _ce_reader_view_emit_search_requested (self, quoted);
}

/* A copy of the session's topic @id, to edit and save */
static CeTopic *
find_topic (CeReaderView *self,
            gint64        id)
{
  CeTopic *topic = ce_session_find_topic (self->session, id, NULL);

  return topic != NULL ? ce_topic_copy (topic) : NULL;
}

/* Whether a topic of the session has @name, compared as the store does */
static gboolean
has_topic_named (CeReaderView *self,
                 const char   *name)
{
  GListModel *topics = ce_session_get_topics (self->session);
  g_autofree char *folded = g_utf8_casefold (name, -1);

  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(CeTopic) topic = g_list_model_get_item (topics, i);
      g_autofree char *other = g_utf8_casefold (ce_topic_get_name (topic), -1);

      if (g_str_equal (folded, other))
        return TRUE;
    }

  return FALSE;
}

void
_ce_reader_view_add_to_topic_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  CeReaderView *self = CE_READER_VIEW (widget);
  g_autofree char *words = selected_words (self);
  g_autofree char *term = NULL;
  g_autofree char *message = NULL;
  g_autoptr(CeTopicTerm) parsed = NULL;
  g_autoptr(CeTopic) topic = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) old_terms = NULL;
  g_auto(GStrv) terms = NULL;
  g_autoptr(CeTopic) saved = NULL;

  if (words == NULL || self->session == NULL)
    return;

  topic = find_topic (self, g_variant_get_int64 (param));
  if (topic == NULL)
    {
      _ce_reader_view_show_message (self, _("The topic no longer exists"));
      return;
    }

  term = term_for_words (words);
  parsed = ce_topic_term_parse (term, &error);
  if (parsed == NULL)
    {
      _ce_reader_view_show_message (self, error->message);
      return;
    }

  old_terms = g_strdupv ((char **)ce_topic_get_terms (topic));
  for (guint i = 0; old_terms != NULL && old_terms[i] != NULL; i++)
    if (g_utf8_collate (old_terms[i], term) == 0 || g_ascii_strcasecmp (old_terms[i], term) == 0)
      {
        message = g_strdup_printf (_("“%s” is already a term of %s"), words, ce_topic_get_name (topic));
        _ce_reader_view_show_message (self, message);
        return;
      }

  builder = g_strv_builder_new ();
  if (old_terms != NULL)
    g_strv_builder_addv (builder, (const char **)old_terms);
  g_strv_builder_add (builder, term);
  terms = g_strv_builder_end (builder);

  ce_topic_set_terms (topic, (const char * const *)terms);
  saved = ce_session_save_topic (self->session, topic, &error);
  if (saved == NULL)
    {
      _ce_reader_view_show_message (self, error->message);
      return;
    }

  /* Translators: "Added “xi jinping” to China" */
  message = g_strdup_printf (_("Added “%s” to %s"), words, ce_topic_get_name (topic));
  _ce_reader_view_show_message (self, message);

  _ce_reader_view_refresh (self);
  _ce_reader_view_emit_topics_changed (self);
}

void
_ce_reader_view_new_topic_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  CeReaderView *self = CE_READER_VIEW (widget);
  g_autofree char *words = selected_words (self);
  g_autofree char *term = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  g_autoptr(CeTopicTerm) parsed = NULL;
  g_autoptr(CeTopic) topic = NULL;
  g_autoptr(CeTopic) added = NULL;
  g_autoptr(GError) error = NULL;
  const char *terms[2] = { NULL, NULL };

  if (words == NULL || self->session == NULL)
    return;

  term = term_for_words (words);
  parsed = ce_topic_term_parse (term, &error);
  if (parsed == NULL)
    {
      _ce_reader_view_show_message (self, error->message);
      return;
    }

  /* Named after the selection, made unique as "Name 2", "Name 3"… */
  name = g_utf8_substring (words, 0, MIN (g_utf8_strlen (words, -1), TOPIC_NAME_MAX_CHARS));
  for (guint n = 2; n < 100; n++)
    {
      g_autofree char *base = NULL;

      if (!has_topic_named (self, name))
        break;

      base = g_utf8_substring (words, 0, MIN (g_utf8_strlen (words, -1), TOPIC_NAME_MAX_CHARS));
      g_free (name);
      name = g_strdup_printf ("%s %u", base, n);
    }

  terms[0] = term;
  topic = ce_topic_new (name, ce_session_next_topic_color (self->session), terms);

  added = ce_session_add_topic (self->session, topic, G_MAXUINT, &error);
  if (added == NULL)
    {
      _ce_reader_view_show_message (self, error->message);
      return;
    }

  /* Translators: a topic was made from the selected words */
  message = g_strdup_printf (_("New topic “%s”"), name);
  _ce_reader_view_show_message (self, message);

  _ce_reader_view_rebuild_topics_menu (self);
  _ce_reader_view_emit_topics_changed (self);
}

void
_ce_reader_view_choose_topic_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  CeReaderView *self = CE_READER_VIEW (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  GdkRectangle rect;
  int x, y;

  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return;

  _ce_reader_view_rebuild_topics_menu (self);

  if (self->topics_popover == NULL)
    {
      self->topics_popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (self->topics_menu));
      gtk_widget_set_parent (self->topics_popover, GTK_WIDGET (self->text_view));
    }

  /* Point at the selection, as a context menu would */
  gtk_text_view_get_iter_location (self->text_view, &start, &rect);
  gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y, &x, &y);
  rect.x = x;
  rect.y = y;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->topics_popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->topics_popover));
}

void
_ce_reader_view_copy_citation_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  CeReaderView *self = CE_READER_VIEW (widget);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = selected_text (self);
  g_autofree char *citation = NULL;
  g_autofree char *date = NULL;
  g_autofree char *result = NULL;
  const char *title;
  const char *place;
  const char *source;

  if (self->document == NULL)
    return;

  title = ce_document_get_title (self->document);
  place = ce_document_get_place (self->document);
  source = ce_document_get_source (self->document);
  date = _ce_reader_view_format_date (ce_document_get_date (self->document));

  if (title != NULL && *title != 0)
    g_ptr_array_add (parts, g_strdup_printf ("“%s”", title));
  if (place != NULL && *place != 0)
    g_ptr_array_add (parts, g_strdup (place));
  if (date != NULL)
    g_ptr_array_add (parts, g_steal_pointer (&date));
  if (source != NULL && *source != 0)
    g_ptr_array_add (parts, g_strdup (source));
  g_ptr_array_add (parts, NULL);

  citation = g_strjoinv (", ", (char **)parts->pdata);

  if (text != NULL && *text != 0)
    result = g_strdup_printf ("%s\n\n%s", g_strstrip (text), citation);
  else
    result = g_steal_pointer (&citation);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), result);
}
