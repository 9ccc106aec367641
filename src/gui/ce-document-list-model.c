/* ce-document-list-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-document-list-model"

#include "config.h"

#include <gtk/gtk.h>

#include "ce-document-list-model.h"

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

struct _CeDocumentListModel
{
  GObject parent_instance;

  /* Owned references */
  CeCorpus        *corpus;
  GArray          *ids;
  GHashTable      *cache;   /* gint64 id -> CacheEntry (key inside the entry) */
  GQueue           lru;     /* most recently used first */
  char            *search;
  CeDocumentOrder  order;
  guint            descending : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CeDocumentListModel, ce_document_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_CORPUS,
  PROP_SEARCH,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_clear_object (&entry->document);
  g_free (entry);
}

static void
clear_cache (CeDocumentListModel *self)
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

static GType
ce_document_list_model_get_item_type (GListModel *model)
{
  return CE_TYPE_DOCUMENT;
}

static guint
ce_document_list_model_get_n_items (GListModel *model)
{
  CeDocumentListModel *self = (CeDocumentListModel *)model;

  return self->ids != NULL ? self->ids->len : 0;
}

static gpointer
ce_document_list_model_get_item (GListModel *model,
                                 guint       position)
{
  CeDocumentListModel *self = (CeDocumentListModel *)model;
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

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = ce_document_list_model_get_item_type;
  iface->get_n_items = ce_document_list_model_get_n_items;
  iface->get_item = ce_document_list_model_get_item;
}

/* Swaps in a new set of rows with a single items-changed */
static void
replace_ids (CeDocumentListModel *self,
             GArray              *ids)
{
  guint old_len = self->ids != NULL ? self->ids->len : 0;
  guint new_len = ids != NULL ? ids->len : 0;

  g_clear_pointer (&self->ids, g_array_unref);
  self->ids = ids;
  clear_cache (self);

  if (old_len != 0 || new_len != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, new_len);

  if (old_len != new_len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
ce_document_list_model_finalize (GObject *object)
{
  CeDocumentListModel *self = (CeDocumentListModel *)object;

  clear_cache (self);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_object (&self->corpus);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (ce_document_list_model_parent_class)->finalize (object);
}

static void
ce_document_list_model_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CeDocumentListModel *self = CE_DOCUMENT_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_CORPUS:
      g_value_set_object (value, self->corpus);
      break;

    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, g_list_model_get_n_items (G_LIST_MODEL (self)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ce_document_list_model_class_init (CeDocumentListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ce_document_list_model_finalize;
  object_class->get_property = ce_document_list_model_get_property;

  properties[PROP_CORPUS] =
    g_param_spec_object ("corpus", NULL, NULL, CE_TYPE_CORPUS,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ce_document_list_model_init (CeDocumentListModel *self)
{
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, cache_entry_free);
  g_queue_init (&self->lru);
  self->order = CE_DOCUMENT_ORDER_POSITION;
}

CeDocumentListModel *
ce_document_list_model_new (void)
{
  return g_object_new (CE_TYPE_DOCUMENT_LIST_MODEL, NULL);
}

/**
 * ce_document_list_model_get_corpus:
 *
 * Returns: (transfer none) (nullable): the corpus listed
 */
CeCorpus *
ce_document_list_model_get_corpus (CeDocumentListModel *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), NULL);
  return self->corpus;
}

/**
 * ce_document_list_model_set_corpus:
 * @corpus: (nullable): the corpus to list, or %NULL for no rows
 *
 * Lists every document of @corpus in the current order; the search
 * is cleared.
 */
gboolean
ce_document_list_model_set_corpus (CeDocumentListModel  *self,
                                   CeCorpus             *corpus,
                                   GError              **error)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);
  g_return_val_if_fail (!corpus || CE_IS_CORPUS (corpus), FALSE);

  if (g_set_object (&self->corpus, corpus))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CORPUS]);

  if (self->search != NULL)
    {
      g_clear_pointer (&self->search, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
    }

  if (corpus == NULL)
    {
      replace_ids (self, NULL);
      return TRUE;
    }

  return ce_document_list_model_reload (self, error);
}

void
ce_document_list_model_get_order (CeDocumentListModel *self,
                                  CeDocumentOrder     *order,
                                  gboolean            *descending)
{
  g_return_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self));

  if (order != NULL)
    *order = self->order;
  if (descending != NULL)
    *descending = self->descending;
}

/**
 * ce_document_list_model_set_order:
 *
 * Sorts the rows in SQL, so a large corpus is never loaded as a whole.
 */
gboolean
ce_document_list_model_set_order (CeDocumentListModel  *self,
                                  CeDocumentOrder       order,
                                  gboolean              descending,
                                  GError              **error)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);

  if (self->order == order && self->descending == !!descending)
    return TRUE;

  self->order = order;
  self->descending = !!descending;

  return ce_document_list_model_reload (self, error);
}

const char *
ce_document_list_model_get_search (CeDocumentListModel *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), NULL);
  return self->search;
}

/**
 * ce_document_list_model_set_search:
 * @words: (nullable): keep only documents holding all these words
 */
gboolean
ce_document_list_model_set_search (CeDocumentListModel  *self,
                                   const char           *words,
                                   GError              **error)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);

  stripped = g_strstrip (g_strdup (words ? words : ""));
  if (*stripped == 0)
    g_clear_pointer (&stripped, g_free);

  if (g_strcmp0 (stripped, self->search) == 0)
    return TRUE;

  g_free (self->search);
  self->search = g_steal_pointer (&stripped);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);

  return ce_document_list_model_reload (self, error);
}

/**
 * ce_document_list_model_reload:
 *
 * Lists the documents again, after the corpus changed.
 */
gboolean
ce_document_list_model_reload (CeDocumentListModel  *self,
                               GError              **error)
{
  GArray *ids;

  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);

  if (self->corpus == NULL)
    return TRUE;

  ids = ce_corpus_list_document_ids_sorted (self->corpus, self->order, self->descending,
                                            self->search, error);
  if (ids == NULL)
    return FALSE;

  replace_ids (self, ids);
  return TRUE;
}

/**
 * ce_document_list_model_set_ids:
 * @ids: (transfer none): the documents to list, in this order
 *
 * Lists exactly these documents, for example those a chart bar counts.
 */
void
ce_document_list_model_set_ids (CeDocumentListModel *self,
                                GArray              *ids)
{
  GArray *copy;

  g_return_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self));
  g_return_if_fail (ids != NULL);
  g_return_if_fail (g_array_get_element_size (ids) == sizeof (gint64));

  copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
  g_array_append_vals (copy, ids->data, ids->len);
  replace_ids (self, copy);
}

/**
 * ce_document_list_model_get_id:
 *
 * Returns: the id of the document at @position, or -1
 */
gint64
ce_document_list_model_get_id (CeDocumentListModel *self,
                               guint                position)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), -1);

  if (self->ids == NULL || position >= self->ids->len)
    return -1;

  return g_array_index (self->ids, gint64, position);
}

/**
 * ce_document_list_model_find:
 *
 * Returns: the position of document @id, or %GTK_INVALID_LIST_POSITION
 */
guint
ce_document_list_model_find (CeDocumentListModel *self,
                             gint64               id)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), GTK_INVALID_LIST_POSITION);

  for (guint i = 0; self->ids != NULL && i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;

  return GTK_INVALID_LIST_POSITION;
}
