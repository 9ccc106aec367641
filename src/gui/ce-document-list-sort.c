/* ce-document-list-sort.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-document-list"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ce-document-list-private.h"

/* The order of the rows: the sort menu, the column headers (see
 * ColumnSort) and the list's sort and descending properties */

/* The sorts of the sort menu; relevance only while searching for words */
static const struct {
  const char      *name;
  const char      *label;
  const char      *menu_label;
  CeDocumentOrder  order;
} sort_names[] = {
  { "relevance", N_("Relevance"), N_("_Relevance"), CE_DOCUMENT_ORDER_POSITION },
  { "order", N_("Corpus Order"), N_("_Corpus Order"), CE_DOCUMENT_ORDER_POSITION },
  { "date", N_("Date"), N_("_Date"), CE_DOCUMENT_ORDER_DATE },
  { "place", N_("Place"), N_("_Place"), CE_DOCUMENT_ORDER_PLACE },
  { "title", N_("Title"), N_("_Title"), CE_DOCUMENT_ORDER_TITLE },
  { "source", N_("Source"), N_("_Source"), CE_DOCUMENT_ORDER_SOURCE },
  { "words", N_("Length"), N_("_Length"), CE_DOCUMENT_ORDER_WORDS },
};

/* The name of the order, as the list.sort action knows it */
char *
_ce_document_list_current_sort (CeDocumentList *self)
{
  const char *topic = ce_document_list_model_get_count_order (self->model, NULL);
  CeDocumentOrder order;

  if (topic != NULL)
    return g_strconcat (TOPIC_SORT_PREFIX, topic, NULL);

  if (ce_document_list_model_get_ranked (self->model))
    return g_strdup ("relevance");

  ce_document_list_model_get_order (self->model, &order, NULL);
  for (guint i = 1; i < G_N_ELEMENTS (sort_names); i++)
    {
      if (sort_names[i].order == order)
        return g_strdup (sort_names[i].name);
    }

  return g_strdup ("order");
}

/* Shows the model's order in the column headers and the sort button */
void
_ce_document_list_update_sort (CeDocumentList *self)
{
  g_autofree char *name = _ce_document_list_current_sort (self);
  GtkColumnViewColumn *column = NULL;
  TopicColumn *topic_column;
  CeDocumentOrder order;
  const char *topic;
  gboolean descending;
  gboolean ranked;

  ce_document_list_model_get_order (self->model, &order, &descending);
  ranked = ce_document_list_model_get_ranked (self->model);
  topic = ce_document_list_model_get_count_order (self->model, NULL);

  if (topic != NULL)
    {
      ce_document_list_model_get_count_order (self->model, &descending);
      topic_column = _ce_document_list_find_topic_column (self, topic);
      if (topic_column != NULL)
        column = topic_column->column;
    }
  else if (!ranked)
    {
      for (guint i = 0; i < N_COLUMNS; i++)
        if (self->sorts[i].order == order)
          column = self->column_widgets[i];
    }

  self->syncing_header = TRUE;
  gtk_column_view_sort_by_column (self->column_view, column,
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  self->syncing_header = FALSE;

  if (topic != NULL)
    gtk_label_set_label (self->sort_label, topic);
  for (guint i = 0; topic == NULL && i < G_N_ELEMENTS (sort_names); i++)
    {
      if (g_str_equal (sort_names[i].name, name))
        gtk_label_set_label (self->sort_label, _(sort_names[i].label));
    }
  gtk_image_set_from_icon_name (self->sort_image,
                                descending && !ranked ? "view-sort-descending-symbolic"
                                                      : "view-sort-ascending-symbolic");

  gtk_menu_button_set_menu_model (self->sort_button,
                                  ce_document_list_model_get_query (self->model) != NULL &&
                                  ce_query_get_fts (ce_document_list_model_get_query (self->model)) != NULL
                                  ? G_MENU_MODEL (self->ranked_sort_menu)
                                  : G_MENU_MODEL (self->sort_menu));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.descending", !ranked);

  _ce_document_list_notify_sort (self);
}

void
_ce_document_list_set_sort (CeDocumentList *self,
                            const char     *name)
{
  g_autoptr(GError) error = NULL;
  CeDocumentOrder order;
  gboolean descending;

  ce_document_list_model_get_order (self->model, &order, &descending);

  if (g_strcmp0 (name, "relevance") == 0)
    {
      ce_document_list_model_set_relevance (self->model, TRUE);
    }
  else if (name != NULL && g_str_has_prefix (name, TOPIC_SORT_PREFIX))
    {
      const char *topic = name + strlen (TOPIC_SORT_PREFIX);

      /* From another order, the most mentions come first */
      if (g_strcmp0 (ce_document_list_model_get_count_order (self->model, NULL), topic) != 0)
        descending = TRUE;
      else
        ce_document_list_model_get_count_order (self->model, &descending);

      if (!ce_document_list_model_set_count_order (self->model, topic, descending, &error))
        g_warning ("Could not sort the documents: %s", error->message);
    }
  else
    {
      for (guint i = 1; i < G_N_ELEMENTS (sort_names); i++)
        {
          if (g_strcmp0 (sort_names[i].name, name) == 0 &&
              !ce_document_list_model_set_order (self->model, sort_names[i].order,
                                                 descending && !ce_document_list_model_get_ranked (self->model),
                                                 &error))
            g_warning ("Could not sort the documents: %s", error->message);
        }
    }

  _ce_document_list_update_sort (self);
}

void
_ce_document_list_set_descending (CeDocumentList *self,
                                  gboolean        descending)
{
  g_autoptr(GError) error = NULL;
  CeDocumentOrder order;
  const char *topic;

  if (ce_document_list_model_get_ranked (self->model))
    return;

  topic = ce_document_list_model_get_count_order (self->model, NULL);
  if (topic != NULL)
    {
      g_autofree char *name = g_strdup (topic);

      if (!ce_document_list_model_set_count_order (self->model, name, descending, &error))
        g_warning ("Could not sort the documents: %s", error->message);
      _ce_document_list_update_sort (self);
      return;
    }

  ce_document_list_model_get_order (self->model, &order, NULL);
  if (!ce_document_list_model_set_order (self->model, order, descending, &error))
    g_warning ("Could not sort the documents: %s", error->message);

  _ce_document_list_update_sort (self);
}

GtkOrdering
_ce_document_list_probe_sort_cb (gconstpointer a,
                                 gconstpointer b,
                                 gpointer      user_data)
{
  ColumnSort *sort = user_data;
  CeDocumentList *self = sort->self;

  if (!self->probing || a == b)
    return GTK_ORDERING_EQUAL;

  if (self->probed == NULL)
    self->probed = sort;

  return a == (gconstpointer)self->probe_a ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
}

void
_ce_document_list_on_sorter_changed_cb (CeDocumentList  *self,
                                        GtkSorterChange  change,
                                        GtkSorter       *sorter)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *topic = NULL;
  CeDocumentOrder order = CE_DOCUMENT_ORDER_POSITION;
  gboolean descending = FALSE;
  GtkOrdering result;
  gint64 selected_id = -1;
  guint selected;
  gboolean ok;

  g_assert (CE_IS_DOCUMENT_LIST (self));

  if (self->syncing_header)
    return;

  self->probing = TRUE;
  self->probed = NULL;
  result = gtk_sorter_compare (sorter, self->probe_a, self->probe_b);
  self->probing = FALSE;

  if (self->probed != NULL)
    {
      order = self->probed->order;
      topic = g_strdup (self->probed->topic);
      descending = result == GTK_ORDERING_LARGER;
    }

  /* A first click on a topic's header lists the most mentions first;
   * the next one turns the order round, as in other columns */
  if (topic != NULL &&
      g_strcmp0 (ce_document_list_model_get_count_order (self->model, NULL), topic) != 0)
    descending = TRUE;

  selected = ce_document_list_get_selected (self);
  if (selected != GTK_INVALID_LIST_POSITION)
    selected_id = ce_document_list_model_get_id (self->model, selected);

  if (topic != NULL)
    ok = ce_document_list_model_set_count_order (self->model, topic, descending, &error);
  else
    ok = ce_document_list_model_set_order (self->model, order, descending, &error);

  if (!ok)
    {
      g_warning ("Could not sort the documents: %s", error->message);
      _ce_document_list_update_sort (self);
      return;
    }

  _ce_document_list_update_sort (self);

  /* The document being read stays selected and in view */
  if (selected_id >= 0)
    {
      guint position = ce_document_list_model_find (self->model, selected_id);

      if (position != GTK_INVALID_LIST_POSITION)
        ce_document_list_select (self, position);
    }
}

void
_ce_document_list_build_sort_menus (CeDocumentList *self)
{
  g_autoptr(GMenu) orders = g_menu_new ();
  g_autoptr(GMenu) ranked_orders = g_menu_new ();
  g_autoptr(GMenu) direction = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (sort_names); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(sort_names[i].menu_label), NULL);

      g_menu_item_set_action_and_target_value (item, "list.sort",
                                               g_variant_new_string (sort_names[i].name));
      g_menu_append_item (ranked_orders, item);
      if (i > 0)
        g_menu_append_item (orders, item);
    }

  g_menu_append (direction, _("_Descending"), "list.descending");

  /* Filled with the enabled topics; an empty section shows nothing */
  self->topics_sort_menu = g_menu_new ();

  self->sort_menu = g_menu_new ();
  g_menu_append_section (self->sort_menu, NULL, G_MENU_MODEL (orders));
  g_menu_append_section (self->sort_menu, _("Mentions"), G_MENU_MODEL (self->topics_sort_menu));
  g_menu_append_section (self->sort_menu, NULL, G_MENU_MODEL (direction));

  self->ranked_sort_menu = g_menu_new ();
  g_menu_append_section (self->ranked_sort_menu, NULL, G_MENU_MODEL (ranked_orders));
  g_menu_append_section (self->ranked_sort_menu, _("Mentions"), G_MENU_MODEL (self->topics_sort_menu));
  g_menu_append_section (self->ranked_sort_menu, NULL, G_MENU_MODEL (direction));
}

/**
 * ce_document_list_sort_by:
 *
 * Sorts as a click on a column header does, and shows it in the header.
 */
void
ce_document_list_sort_by (CeDocumentList  *self,
                          CeDocumentOrder  order,
                          gboolean         descending)
{
  GtkColumnViewColumn *column = NULL;

  g_return_if_fail (CE_IS_DOCUMENT_LIST (self));

  for (guint i = 0; i < N_COLUMNS; i++)
    if (self->sorts[i].order == order)
      column = self->column_widgets[i];

  /* NULL clears the sort indicator and falls back to corpus order */
  gtk_column_view_sort_by_column (self->column_view, column,
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

/**
 * ce_document_list_sort_by_relevance:
 *
 * Lists the best matches of a search first, as the sort menu does.
 */
void
ce_document_list_sort_by_relevance (CeDocumentList *self)
{
  g_return_if_fail (CE_IS_DOCUMENT_LIST (self));

  _ce_document_list_set_sort (self, "relevance");
}
