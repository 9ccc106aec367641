/* ce-window-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ce-window-private.h"

/* Search and filters */

/* Shows a query's syntax error under the entry and underlines where it
 * is; the rows of the last valid query stay listed. */
static void
show_search_error (CeWindow     *self,
                   const GError *error)
{
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (self->search_entry));
  g_autoptr(PangoAttrList) attrs = NULL;
  g_autofree char *message = NULL;
  const char *typed;
  const char *start;
  const char *end;
  guint column;

  if (error == NULL)
    {
      gtk_revealer_set_reveal_child (self->search_error_revealer, FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->search_entry), NULL);
      if (GTK_IS_TEXT (text))
        gtk_text_set_attributes (GTK_TEXT (text), NULL);
      return;
    }

  /* "unclosed quote at column 12" reads as a sentence */
  message = g_strdup (error->message);
  message[0] = g_ascii_toupper (message[0]);
  gtk_label_set_label (self->search_error_label, message);
  gtk_revealer_set_reveal_child (self->search_error_revealer, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->search_entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->search_entry), message);

  /* Columns count from the first character that is not a space */
  typed = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  column = ce_query_error_get_column (error);
  if (!GTK_IS_TEXT (text) || column == 0 || *typed == 0)
    return;

  start = typed;
  while (*start != 0 && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  for (guint i = 1; i < column && *start != 0; i++)
    start = g_utf8_next_char (start);
  if (*start == 0)
    start = g_utf8_find_prev_char (typed, start);
  end = g_utf8_next_char (start);
  while (*end != 0 && !g_unichar_isspace (g_utf8_get_char (end)))
    end = g_utf8_next_char (end);

  attrs = pango_attr_list_new ();
  {
    PangoAttribute *underline = pango_attr_underline_new (PANGO_UNDERLINE_ERROR);

    underline->start_index = start - typed;
    underline->end_index = end - typed;
    pango_attr_list_insert (attrs, underline);
  }
  gtk_text_set_attributes (GTK_TEXT (text), attrs);
}

static void
on_search_changed_cb (CeWindow       *self,
                      GtkSearchEntry *entry)
{
  CeDocumentListModel *model = ce_document_list_get_model (self->document_list);
  g_autoptr(GError) error = NULL;

  if (!_ce_window_has_corpus (self))
    return;

  if (!ce_document_list_model_set_search (model, gtk_editable_get_text (GTK_EDITABLE (entry)), &error))
    {
      if (g_error_matches (error, CE_QUERY_ERROR, CE_QUERY_ERROR_SYNTAX) ||
          g_error_matches (error, CE_QUERY_ERROR, CE_QUERY_ERROR_TOO_COMPLEX))
        show_search_error (self, error);
      else
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  show_search_error (self, NULL);
  _ce_window_update_subtitle (self);
}

void
_ce_window_setup_search (CeWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkPopover *help;

  ce_facets_pane_set_model (self->facets_pane, ce_document_list_get_model (self->document_list));

  builder = gtk_builder_new_from_resource (APPLICATION_PATH "/ce-query-help.ui");
  help = GTK_POPOVER (gtk_builder_get_object (builder, "query_help_popover"));
  gtk_menu_button_set_popover (self->query_help_button, GTK_WIDGET (help));
}

static void
on_search_activate_cb (CeWindow       *self,
                       GtkSearchEntry *entry)
{
  CeDocumentListModel *model = ce_document_list_get_model (self->document_list);

  if (g_list_model_get_n_items (G_LIST_MODEL (model)) == 0)
    return;

  ce_document_list_select (self->document_list, 0);
  ce_document_list_focus (self->document_list);
}

static void
on_search_stop_cb (CeWindow       *self,
                   GtkSearchEntry *entry)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

void
_ce_window_on_search_mode_cb (CeWindow   *self,
                              GParamSpec *pspec,
                              GtkSearchBar *search_bar)
{
  /* Closing the bar brings back every document */
  if (!gtk_search_bar_get_search_mode (search_bar))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      if (_ce_window_has_corpus (self))
        ce_document_list_focus (self->document_list);
    }
}

void
_ce_window_class_search_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);
}
