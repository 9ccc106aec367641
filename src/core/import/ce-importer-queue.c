/* ce-importer-queue.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-importer"

#include "config.h"

#include "ce-importer-private.h"

/* Drafts parsed ahead of the inserting thread; bounds memory while the
 * reader and SQLite work side by side on two cores.  Long documents are
 * bounded by their size: 256 of 16 MB would be 4 GB. */
#define QUEUE_LENGTH 256
#define QUEUE_BYTES (32 * 1024 * 1024)

void
_ce_import_item_free (CeImportItem *item)
{
  g_clear_pointer (&item->draft, ce_draft_free);
  g_free (item->path);
  g_free (item->checksum);
  g_free (item);
}

/* Returns FALSE when the consumer gave up: stop producing. */
gboolean
_ce_import_queue_push (CeImportQueue *queue,
                       CeImportItem  *item)
{
  gboolean ok;

  g_mutex_lock (&queue->lock);
  /* One item always gets in, however large */
  while (!queue->aborted && queue->items.length > 0 &&
         (queue->items.length >= QUEUE_LENGTH || queue->bytes + item->bytes > QUEUE_BYTES))
    g_cond_wait (&queue->cond, &queue->lock);
  /* The end always arrives, so the consumer stops waiting */
  ok = !queue->aborted || item->kind == ITEM_END;
  if (ok)
    {
      queue->bytes += item->bytes;
      g_queue_push_tail (&queue->items, item);
      g_cond_broadcast (&queue->cond);
    }
  g_mutex_unlock (&queue->lock);

  if (!ok)
    _ce_import_item_free (item);

  return ok;
}

CeImportItem *
_ce_import_queue_pop (CeImportQueue *queue)
{
  CeImportItem *item;

  g_mutex_lock (&queue->lock);
  while (queue->items.length == 0)
    g_cond_wait (&queue->cond, &queue->lock);
  item = g_queue_pop_head (&queue->items);
  queue->bytes -= item->bytes;
  g_cond_broadcast (&queue->cond);
  g_mutex_unlock (&queue->lock);

  return item;
}

void
_ce_import_queue_abort (CeImportQueue *queue)
{
  GList *l;

  g_mutex_lock (&queue->lock);
  queue->aborted = TRUE;
  /* Drop what waits, but not an end the producer already pushed: the
   * consumer still has to pop it */
  l = queue->items.head;
  while (l != NULL)
    {
      GList *next = l->next;
      CeImportItem *item = l->data;

      if (item->kind != ITEM_END)
        {
          queue->bytes -= item->bytes;
          _ce_import_item_free (item);
          g_queue_delete_link (&queue->items, l);
        }
      l = next;
    }
  g_cond_broadcast (&queue->cond);
  g_mutex_unlock (&queue->lock);
}

void
_ce_import_queue_init (CeImportQueue *queue)
{
  g_mutex_init (&queue->lock);
  g_cond_init (&queue->cond);
  g_queue_init (&queue->items);
}

/* Once both threads are done with it */
void
_ce_import_queue_clear (CeImportQueue *queue)
{
  g_queue_clear_full (&queue->items, (GDestroyNotify)_ce_import_item_free);
  g_mutex_clear (&queue->lock);
  g_cond_clear (&queue->cond);
}
