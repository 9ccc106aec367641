/* ce-corpus-kept.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a connection keeps from one statement to the next while the
 * corpus does not change: a search's filter set, a ranked expression's
 * statistics.  Each kind is a short list under its own name, the last
 * used first; an entry read before this connection (generation) or
 * another one (data_version) changed the corpus is dropped when next
 * looked at.
 */

#include "config.h"

#include "ce-corpus-count.h"
#include "ce-corpus-private.h"

/* Every kind's list, by name, in one table kept on the connection */
#define KEPT_KEY "ce-kept"

typedef struct
{
  char           *key;
  guint64         generation;
  gint64          data_version;
  gpointer        value;
  GDestroyNotify  destroy;
} Kept;

static void
kept_free (gpointer data)
{
  Kept *kept = data;

  if (kept->destroy != NULL)
    kept->destroy (kept->value);
  g_free (kept->key);
  g_free (kept);
}

/* Returns: (transfer none) (nullable): the value kept under @name and
 * @key, now the first of its list, or %NULL when there is none or the
 * corpus changed since */
gpointer
_ce_corpus_kept_lookup (CeCorpus   *self,
                        const char *name,
                        const char *key)
{
  GHashTable *lists = g_object_get_data (G_OBJECT (self), KEPT_KEY);
  GPtrArray *list = lists != NULL ? g_hash_table_lookup (lists, name) : NULL;
  guint64 generation;
  gint64 data_version;

  if (list == NULL || list->len == 0)
    return NULL;

  generation = ce_corpus_get_generation (self);
  data_version = ce_corpus_get_data_version (self);
  for (guint i = list->len; i > 0; i--)
    {
      Kept *kept = g_ptr_array_index (list, i - 1);

      /* Read before the corpus last changed: of no use any more */
      if (kept->generation != generation || kept->data_version != data_version || data_version < 0)
        {
          g_ptr_array_remove_index (list, i - 1);
          continue;
        }

      if (g_str_equal (kept->key, key))
        {
          g_ptr_array_insert (list, 0, g_ptr_array_steal_index (list, i - 1));
          return kept->value;
        }
    }

  return NULL;
}

/* Keeps @value under @name and @key, first of a list of at most @max,
 * in place of a value kept under the same key.
 *
 * Returns: (transfer none): @value, owned by the connection until it
 *   is dropped (at the latest when the corpus changes and it is looked
 *   at again, or at the @max + 1st value kept) */
gpointer
_ce_corpus_kept_insert (CeCorpus       *self,
                        const char     *name,
                        guint           max,
                        const char     *key,
                        gpointer        value,
                        GDestroyNotify  destroy)
{
  GHashTable *lists = g_object_get_data (G_OBJECT (self), KEPT_KEY);
  GPtrArray *list;
  Kept *kept;

  if (lists == NULL)
    {
      lists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
      g_object_set_data_full (G_OBJECT (self), KEPT_KEY, lists, (GDestroyNotify)g_hash_table_unref);
    }
  list = g_hash_table_lookup (lists, name);
  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func (kept_free);
      g_hash_table_insert (lists, g_strdup (name), list);
    }

  for (guint i = 0; i < list->len; i++)
    {
      if (g_str_equal (((Kept *)g_ptr_array_index (list, i))->key, key))
        {
          g_ptr_array_remove_index (list, i);
          break;
        }
    }

  kept = g_new0 (Kept, 1);
  kept->key = g_strdup (key);
  kept->generation = ce_corpus_get_generation (self);
  kept->data_version = ce_corpus_get_data_version (self);
  kept->value = value;
  kept->destroy = destroy;
  g_ptr_array_insert (list, 0, kept);
  if (list->len > max)
    g_ptr_array_set_size (list, max);

  return value;
}

/**
 * ce_corpus_forget_kept:
 *
 * Drops what this connection kept from earlier searches (filter sets,
 * document frequencies, ranked candidates): the next search reads
 * everything again, as a query never searched on this connection does.
 * The benchmark calls it to time new queries.
 */
void
ce_corpus_forget_kept (CeCorpus *self)
{
  g_return_if_fail (CE_IS_CORPUS (self));

  g_object_set_data (G_OBJECT (self), KEPT_KEY, NULL);
}
