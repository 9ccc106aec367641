/* ce-document-list-selection.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-document-list"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ce-document-list-private.h"

/* Selected rows kept across a new result set, at most */
#define KEEP_SELECTED 1000

void
_ce_document_list_on_rows_replacing_cb (CeDocumentList      *self,
                                        CeDocumentListModel *model)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_clear_pointer (&self->kept_ids, g_array_unref);
  if (gtk_bitset_is_empty (selected))
    return;

  self->kept_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more && self->kept_ids->len < KEEP_SELECTED;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      gint64 id = ce_document_list_model_get_id (self->model, position);

      g_array_append_val (self->kept_ids, id);
    }

  g_signal_handlers_block_by_func (self->selection, _ce_document_list_on_selection_changed_cb, self);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  g_signal_handlers_unblock_by_func (self->selection, _ce_document_list_on_selection_changed_cb, self);
}

/* Rows that fill in keep their places: what of them was selected is
 * selected again at the same positions, quietly */
void
_ce_document_list_on_rows_filling_cb (CeDocumentList      *self,
                                      guint                position,
                                      guint                n_rows,
                                      CeDocumentListModel *model)
{
  g_autoptr(GtkBitset) selected = NULL;

  selected = gtk_selection_model_get_selection_in_range (GTK_SELECTION_MODEL (self->selection),
                                                         position, n_rows);
  g_clear_pointer (&self->filled, gtk_bitset_unref);
  if (!gtk_bitset_is_empty (selected))
    self->filled = g_steal_pointer (&selected);
}

static void
restore_filled (CeDocumentList *self)
{
  g_autoptr(GtkBitset) filled = g_steal_pointer (&self->filled);

  if (filled == NULL)
    return;

  g_signal_handlers_block_by_func (self->selection, _ce_document_list_on_selection_changed_cb, self);
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), filled, filled);
  g_signal_handlers_unblock_by_func (self->selection, _ce_document_list_on_selection_changed_cb, self);
}

/* GTK 4.8 looks for the rows it shows among all the new rows, item by
 * item, when they are replaced under it; a list without rows adds the
 * new ones at no cost.  So the view lets go of the rows while they are
 * replaced, and the selection is put back by id. */
void
_ce_document_list_detach_view_cb (CeDocumentList      *self,
                                  CeDocumentListModel *model)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  self->refocus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view));
  gtk_column_view_set_model (self->column_view, NULL);
}

/* Selects again what was selected before the rows were replaced */
static void
restore_selection (CeDocumentList *self)
{
  g_autoptr(GArray) kept = g_steal_pointer (&self->kept_ids);
  g_autoptr(GHashTable) wanted = NULL;
  g_autoptr(GtkBitset) positions = gtk_bitset_new_empty ();
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  GtkListView *list_view;

  if (kept == NULL)
    return;

  wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < kept->len; i++)
    g_hash_table_add (wanted, &g_array_index (kept, gint64, i));

  for (guint i = 0; i < n_items && gtk_bitset_get_size (positions) < kept->len; i++)
    {
      gint64 id = ce_document_list_model_get_id (self->model, i);

      if (g_hash_table_contains (wanted, &id))
        gtk_bitset_add (positions, i);
    }

  if (gtk_bitset_is_empty (positions))
    {
      /* The rows read are gone */
      _ce_document_list_emit_document_selected (self, NULL);
      return;
    }

  g_signal_handlers_block_by_func (self->selection, _ce_document_list_on_selection_changed_cb, self);
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), positions, positions);
  g_signal_handlers_unblock_by_func (self->selection, _ce_document_list_on_selection_changed_cb, self);

  if (kept->len == 1)
    {
      guint position = gtk_bitset_get_minimum (positions);
      g_autoptr(CeDocument) document = g_list_model_get_item (G_LIST_MODEL (self->model), position);

      list_view = _ce_document_list_find_list_view (self);
      if (list_view != NULL)
        gtk_widget_activate_action (GTK_WIDGET (list_view), "list.scroll-to-item", "u", position);

      /* The reader shows where the document now is among the rows */
      _ce_document_list_emit_document_selected (self, document);
    }
}

void
_ce_document_list_on_items_changed_cb (CeDocumentList *self,
                                       guint           position,
                                       guint           removed,
                                       guint           added,
                                       GListModel     *model)
{
  if (gtk_column_view_get_model (self->column_view) == NULL)
    gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  restore_filled (self);
  restore_selection (self);
  if (self->refocus)
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  self->refocus = FALSE;
  _ce_document_list_update_page (self);
  _ce_document_list_update_results (self);
}

void
_ce_document_list_on_selection_changed_cb (CeDocumentList    *self,
                                           guint              position,
                                           guint              n_items,
                                           GtkSelectionModel *selection)
{
  g_autoptr(CeDocument) document = NULL;
  guint selected;

  /* With several rows selected the reader keeps what it shows */
  selected = ce_document_list_get_selected (self);
  if (selected != GTK_INVALID_LIST_POSITION)
    document = g_list_model_get_item (G_LIST_MODEL (self->model), selected);
  else if (!gtk_bitset_is_empty (gtk_selection_model_get_selection (selection)))
    return;

  _ce_document_list_emit_document_selected (self, document);
}

/**
 * ce_document_list_get_selection:
 *
 * Returns: (transfer none): the selection over the model
 */
GtkSelectionModel *
ce_document_list_get_selection (CeDocumentList *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST (self), NULL);
  return GTK_SELECTION_MODEL (self->selection);
}

/**
 * ce_document_list_get_selected:
 *
 * Returns: the position of the only selected row, or
 *   %GTK_INVALID_LIST_POSITION when none or several are selected
 */
guint
ce_document_list_get_selected (CeDocumentList *self)
{
  g_autoptr(GtkBitset) selected = NULL;

  g_return_val_if_fail (CE_IS_DOCUMENT_LIST (self), GTK_INVALID_LIST_POSITION);

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_get_size (selected) != 1)
    return GTK_INVALID_LIST_POSITION;

  return gtk_bitset_get_nth (selected, 0);
}

/**
 * ce_document_list_select:
 *
 * Selects only the row at @position and scrolls it into view.
 */
void
ce_document_list_select (CeDocumentList *self,
                         guint           position)
{
  GtkListView *list_view;

  g_return_if_fail (CE_IS_DOCUMENT_LIST (self));

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->model)))
    return;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);

  /* GTK 4.8 has no gtk_column_view_scroll_to(); its inner list view
   * has the action. */
  list_view = _ce_document_list_find_list_view (self);
  if (list_view != NULL)
    gtk_widget_activate_action (GTK_WIDGET (list_view), "list.scroll-to-item", "u", position);
}
