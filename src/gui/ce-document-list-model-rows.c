/* ce-document-list-model-rows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-document-list-model"

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "ce-document-list-model-private.h"


/* Rows are built on demand; this many stay cached, enough for a few
 * screens of scrolling back and forth. */
#define CACHE_SIZE 512
/* A miss loads this many neighbouring rows in one query */
#define BATCH_BEFORE 16
#define BATCH_AFTER 64

typedef struct
{
  GList       link;
  gint64      id;
  CeDocument *document;
} CacheEntry;

void
_ce_document_list_model_cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_clear_object (&entry->document);
  g_free (entry);
}

void
_ce_document_list_model_clear_cache (CeDocumentListModel *self)
{
  g_hash_table_remove_all (self->cache);
  g_queue_init (&self->lru);
}

static CeDocument *
cache_lookup (CeDocumentListModel *self,
              gint64               id)
{
  CacheEntry *entry = g_hash_table_lookup (self->cache, &id);

  if (entry == NULL)
    return NULL;

  g_queue_unlink (&self->lru, &entry->link);
  g_queue_push_head_link (&self->lru, &entry->link);

  return entry->document;
}

static void
cache_insert (CeDocumentListModel *self,
              CeDocument          *document)
{
  CacheEntry *entry;
  gint64 id = ce_document_get_id (document);

  if (cache_lookup (self, id) != NULL)
    return;

  entry = g_new0 (CacheEntry, 1);
  entry->id = id;
  entry->document = g_object_ref (document);
  entry->link.data = entry;
  g_queue_push_head_link (&self->lru, &entry->link);
  g_hash_table_insert (self->cache, &entry->id, entry);

  while (self->lru.length > CACHE_SIZE)
    {
      GList *oldest = g_queue_pop_tail_link (&self->lru);
      CacheEntry *old = oldest->data;

      g_hash_table_remove (self->cache, &old->id);
    }
}

/* Loads the rows around @position that are not cached yet */
static void
load_around (CeDocumentListModel *self,
             guint                position)
{
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  guint first = position > BATCH_BEFORE ? position - BATCH_BEFORE : 0;
  guint last = MIN (self->ids->len, position + BATCH_AFTER);

  for (guint i = first; i < last; i++)
    {
      gint64 id = g_array_index (self->ids, gint64, i);

      if (!g_hash_table_contains (self->cache, &id))
        g_array_append_val (wanted, id);
    }

  documents = ce_corpus_get_document_summaries (self->corpus,
                                                (const gint64 *)(gpointer)wanted->data,
                                                wanted->len, &error);
  if (documents == NULL)
    {
      g_warning ("Could not load documents: %s", error->message);
      return;
    }

  /* Oldest first, so the requested rows end up most recently used */
  for (guint i = documents->len; i > 0; i--)
    cache_insert (self, g_ptr_array_index (documents, i - 1));
}

/* The row at @position, loaded with its neighbours when not cached */
CeDocument *
_ce_document_list_model_get_row (CeDocumentListModel *self,
                                 guint                position)
{
  CeDocument *document;
  gint64 id;

  if (self->ids == NULL || position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  document = cache_lookup (self, id);

  if (document == NULL && self->corpus != NULL)
    {
      load_around (self, position);
      document = cache_lookup (self, id);
    }

  /* A row removed behind our back still needs an item until the next
   * reload; an empty one is the honest answer. */
  if (document == NULL)
    {
      CeDocumentFields fields = { .id = id, .title = "" };
      g_autoptr(CeDocument) missing = ce_document_new (&fields);

      cache_insert (self, missing);
      return g_steal_pointer (&missing);
    }

  return g_object_ref (document);
}
