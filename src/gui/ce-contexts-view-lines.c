/* ce-contexts-view-lines.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lines of the Contexts page: the rows of its column view and the
 * cells that show them.
 */

#define G_LOG_DOMAIN "ce-contexts-view"

#include "config.h"

#include <glib/gi18n.h>

#include "ce-contexts-view-private.h"

typedef enum
{
  COLUMN_LEFT,
  COLUMN_MATCH,
  COLUMN_RIGHT,
  COLUMN_DOCUMENT,
  COLUMN_DATE,
} Column;


G_DEFINE_FINAL_TYPE (CeContextItem, ce_context_item, G_TYPE_OBJECT)

static void
ce_context_item_finalize (GObject *object)
{
  CeContextItem *self = (CeContextItem *)object;

  g_clear_pointer (&self->line, ce_context_free);

  G_OBJECT_CLASS (ce_context_item_parent_class)->finalize (object);
}

static void
ce_context_item_class_init (CeContextItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ce_context_item_finalize;
}

static void
ce_context_item_init (CeContextItem *self)
{
}

/* Takes @line */
CeContextItem *
_ce_context_item_new (CeContext *line)
{
  CeContextItem *self = g_object_new (CE_TYPE_CONTEXT_ITEM, NULL);

  self->line = line;

  return self;
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  switch (column)
    {
    case COLUMN_LEFT:
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_START);
      break;

    case COLUMN_MATCH:
      {
        g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

        pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
        gtk_label_set_attributes (GTK_LABEL (label), attrs);
        gtk_label_set_xalign (GTK_LABEL (label), 0.0);
        gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      }
      break;

    case COLUMN_RIGHT:
    case COLUMN_DOCUMENT:
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      break;

    case COLUMN_DATE:
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "dim-label");
      break;

    default:
      g_assert_not_reached ();
    }

  if (column == COLUMN_DOCUMENT)
    gtk_widget_add_css_class (label, "dim-label");

  gtk_list_item_set_child (list_item, label);
}

static char *
strip_copy (const char *text)
{
  return g_strstrip (g_strdup (text));
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  CeContextItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const CeContext *line = item->line;
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;

  switch (column)
    {
    case COLUMN_LEFT:
      text = strip_copy (line->left);
      break;

    case COLUMN_MATCH:
      {
        const guint *match_chars = g_object_get_data (G_OBJECT (factory), "match-chars");

        /* Two characters more: width-chars counts in the regular weight */
        text = g_strdup (line->match);
        gtk_label_set_width_chars (GTK_LABEL (label), *match_chars + 2);
        gtk_label_set_max_width_chars (GTK_LABEL (label), _CE_CONTEXTS_MAX_MATCH_CHARS + 2);
      }
      break;

    case COLUMN_RIGHT:
      text = strip_copy (line->right);
      break;

    case COLUMN_DOCUMENT:
      text = g_strdup (line->title);
      tooltip = g_strdup (line->title);
      break;

    case COLUMN_DATE:
      text = g_strdup (line->date ? line->date : "");
      break;

    default:
      g_assert_not_reached ();
    }

  /* The whole line, for the cells that cut it */
  if (tooltip == NULL)
    tooltip = g_strconcat (line->left, line->match, line->right, NULL);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, tooltip);
}

static void
add_column (GtkColumnView *view,
            const guint   *match_chars,
            const char    *title,
            Column         column,
            gboolean       expand,
            int            fixed_width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_object_set_data (G_OBJECT (factory), "match-chars", (gpointer)match_chars);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (column));

  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (view_column, fixed_width);
  gtk_column_view_append_column (view, view_column);
  g_object_unref (view_column);
}

void
_ce_contexts_add_columns (GtkColumnView *view,
                          const guint   *match_chars)
{
  add_column (view, match_chars, _("Left Context"), COLUMN_LEFT, TRUE, -1);
  add_column (view, match_chars, _("Match"), COLUMN_MATCH, FALSE, -1);
  add_column (view, match_chars, _("Right Context"), COLUMN_RIGHT, TRUE, -1);
  add_column (view, match_chars, _("Document"), COLUMN_DOCUMENT, FALSE, 240);
  add_column (view, match_chars, _("Date"), COLUMN_DATE, FALSE, 110);
}
