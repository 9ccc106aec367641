/* ce-vocabulary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-vocabulary"

#include "config.h"

#include <string.h>

#include "ce-vocabulary.h"

#define DATA_KEY "ce-vocabulary"

struct _CeVocabulary
{
  gatomicrefcount  ref_count;
  guint64          generation;
  GHashTable      *words;      /* char * -> CeVocabularyEntry, one allocation each */
  guint64          tokens[CE_CORPUS_N_COLUMNS];
};

CeVocabulary *
ce_vocabulary_ref (CeVocabulary *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ce_vocabulary_unref (CeVocabulary *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_hash_table_unref (self->words);
  g_free (self);
}

/* Each word and its counts live in one block: the key is the text after
 * the entry */
static gboolean
add_term_cb (const char   *term,
             const gint64 *docs,
             const gint64 *counts,
             gpointer      user_data)
{
  CeVocabulary *self = user_data;
  gsize len = strlen (term);
  CeVocabularyEntry *entry = g_malloc (sizeof (CeVocabularyEntry) + len + 1);
  char *key = (char *)(entry + 1);

  memcpy (key, term, len + 1);
  for (guint c = 0; c < CE_CORPUS_N_COLUMNS; c++)
    {
      entry->docs[c] = docs[c];
      entry->count[c] = counts[c];
      self->tokens[c] += counts[c];
    }
  g_hash_table_insert (self->words, key, entry);

  return TRUE;
}

/**
 * ce_vocabulary_get:
 *
 * Reads the vocabulary of @corpus, or returns the one read before when
 * the corpus has not changed since.
 *
 * Returns: (transfer full): the vocabulary, or %NULL with @error set
 */
CeVocabulary *
ce_vocabulary_get (CeCorpus  *corpus,
                   GError   **error)
{
  CeVocabulary *self;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);

  self = g_object_get_data (G_OBJECT (corpus), DATA_KEY);
  if (self != NULL && self->generation == ce_corpus_get_generation (corpus))
    return ce_vocabulary_ref (self);

  self = g_new0 (CeVocabulary, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->generation = ce_corpus_get_generation (corpus);
  self->words = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  if (!ce_corpus_foreach_term (corpus, add_term_cb, self, error))
    {
      ce_vocabulary_unref (self);
      return NULL;
    }

  g_object_set_data_full (G_OBJECT (corpus), DATA_KEY, ce_vocabulary_ref (self),
                          (GDestroyNotify)ce_vocabulary_unref);
  return self;
}

const CeVocabularyEntry *
ce_vocabulary_lookup (CeVocabulary *self,
                      const char   *word)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_hash_table_lookup (self->words, word);
}

guint64
ce_vocabulary_tokens (CeVocabulary *self,
                      guint         columns)
{
  guint64 total = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint c = 0; c < CE_CORPUS_N_COLUMNS; c++)
    {
      if (columns & (1u << c))
        total += self->tokens[c];
    }

  return total;
}

guint
ce_vocabulary_size (CeVocabulary *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->words);
}

gint64
ce_vocabulary_entry_count (const CeVocabularyEntry *entry,
                           guint                    columns)
{
  gint64 total = 0;

  if (entry == NULL)
    return 0;

  for (guint c = 0; c < CE_CORPUS_N_COLUMNS; c++)
    {
      if (columns & (1u << c))
        total += entry->count[c];
    }

  return total;
}

/**
 * ce_vocabulary_foreach:
 *
 * Calls @func for every word, in no particular order.
 */
void
ce_vocabulary_foreach (CeVocabulary     *self,
                       CeVocabularyFunc  func,
                       gpointer          user_data)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (self != NULL);
  g_return_if_fail (func != NULL);

  g_hash_table_iter_init (&iter, self->words);
  while (g_hash_table_iter_next (&iter, &key, &value))
    func (key, value, user_data);
}
