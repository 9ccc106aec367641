/* ce-document-list-model-index.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where each document is among the rows, for
 * ce_document_list_model_find(): built by the worker that lists the rows,
 * with them, so finding a row is a binary search on the main thread.
 */

#define G_LOG_DOMAIN "ce-document-list-model"

#include "config.h"

#include "ce-document-list-model-private.h"

static int
compare_positions (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const gint64 *ids = user_data;
  guint32 pa = *(const guint32 *)a;
  guint32 pb = *(const guint32 *)b;

  if (ids[pa] != ids[pb])
    return ids[pa] < ids[pb] ? -1 : 1;

  /* The same document twice: the first row is the one found */
  return pa < pb ? -1 : pa > pb;
}

/**
 * _ce_id_index_new:
 * @ids: (element-type gint64): the rows
 *
 * Ids that do not descend anywhere (the corpus order, as imported) are
 * searched as they are and cost nothing more; otherwise the index holds
 * the positions sorted by id, 4 bytes a row.
 *
 * Returns: (transfer full): the index of @ids
 */
IdIndex *
_ce_id_index_new (GArray *ids)
{
  const gint64 *values = (const gint64 *)(gpointer)ids->data;
  IdIndex *index = g_new0 (IdIndex, 1);
  guint i;

  g_return_val_if_fail (g_array_get_element_size (ids) == sizeof (gint64), index);

  for (i = 1; i < ids->len && values[i - 1] <= values[i]; i++)
    ;
  if (i >= ids->len)
    return index;

  index->order = g_new (guint32, ids->len);
  for (i = 0; i < ids->len; i++)
    index->order[i] = i;
  g_qsort_with_data (index->order, ids->len, sizeof (guint32), compare_positions, ids->data);

  return index;
}

void
_ce_id_index_free (IdIndex *index)
{
  if (index == NULL)
    return;

  g_free (index->order);
  g_free (index);
}

/* The first row of @ids holding @id, or GTK_INVALID_LIST_POSITION */
guint
_ce_id_index_find (const IdIndex *index,
                   GArray        *ids,
                   gint64         id)
{
  const gint64 *values = (const gint64 *)(gpointer)ids->data;
  guint low = 0;
  guint high = ids->len;
  guint position;

  /* The first place whose id is not below @id */
  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      guint row = index->order != NULL ? index->order[middle] : middle;

      if (values[row] < id)
        low = middle + 1;
      else
        high = middle;
    }

  if (low >= ids->len)
    return GTK_INVALID_LIST_POSITION;

  position = index->order != NULL ? index->order[low] : low;
  return values[position] == id ? position : GTK_INVALID_LIST_POSITION;
}
