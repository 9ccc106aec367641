/* ce-analysis-words.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-analysis-words"

#include "config.h"

#include <string.h>

#include "ce-analysis-words.h"

typedef struct
{
  guint32 start;   /* in @text */
  guint32 len;
  guint32 hash;
} Word;

/* Open addressing on the words' hashes: the slots hold a word's number
 * plus one, 0 for an empty slot; the texts live one after another, each
 * with its nul */
struct _CeWordTable
{
  GString *text;
  GArray  *words;   /* Word, by number */
  guint32 *slots;
  gsize    mask;    /* the number of slots, a power of two, minus one */
};

CeWordTable *
ce_word_table_new (void)
{
  CeWordTable *self = g_new0 (CeWordTable, 1);

  self->text = g_string_sized_new (4096);
  self->words = g_array_new (FALSE, FALSE, sizeof (Word));
  self->mask = 4096 - 1;
  self->slots = g_new0 (guint32, self->mask + 1);

  return self;
}

void
ce_word_table_free (CeWordTable *self)
{
  if (self == NULL)
    return;

  g_string_free (self->text, TRUE);
  g_array_unref (self->words);
  g_free (self->slots);
  g_free (self);
}

/* FNV-1a */
static inline guint32
hash_text (const char *text,
           gsize       len)
{
  guint32 hash = 2166136261u;

  for (gsize i = 0; i < len; i++)
    hash = (hash ^ (guchar)text[i]) * 16777619u;

  return hash;
}

static void
grow (CeWordTable *self)
{
  gsize mask = self->mask * 2 + 1;
  guint32 *slots = g_new0 (guint32, mask + 1);

  for (guint i = 0; i < self->words->len; i++)
    {
      gsize slot = g_array_index (self->words, Word, i).hash & mask;

      while (slots[slot] != 0)
        slot = (slot + 1) & mask;
      slots[slot] = i + 1;
    }

  g_free (self->slots);
  self->slots = slots;
  self->mask = mask;
}

/**
 * ce_word_table_add:
 * @text: a word, not necessarily nul-terminated
 * @len: its bytes
 *
 * Returns: the number of the word, new if it was not in the table
 */
guint32
ce_word_table_add (CeWordTable *self,
                   const char  *text,
                   gsize        len)
{
  guint32 hash = hash_text (text, len);
  gsize slot = hash & self->mask;
  const Word *words = (const Word *)(void *)self->words->data;
  Word word;

  while (self->slots[slot] != 0)
    {
      const Word *found = &words[self->slots[slot] - 1];

      if (found->hash == hash && found->len == len && memcmp (self->text->str + found->start, text, len) == 0)
        return self->slots[slot] - 1;
      slot = (slot + 1) & self->mask;
    }

  word.start = self->text->len;
  word.len = len;
  word.hash = hash;
  g_string_append_len (self->text, text, len);
  g_string_append_c (self->text, 0);
  g_array_append_val (self->words, word);
  self->slots[slot] = self->words->len;

  /* At most half full */
  if ((gsize)self->words->len * 2 > self->mask)
    grow (self);

  return self->words->len - 1;
}

guint32
ce_word_table_size (CeWordTable *self)
{
  return self->words->len;
}

/**
 * ce_word_table_get:
 *
 * Returns: the text of word @number, valid until the next word is added
 */
const char *
ce_word_table_get (CeWordTable *self,
                   guint32      number)
{
  g_return_val_if_fail (number < self->words->len, NULL);

  return self->text->str + g_array_index (self->words, Word, number).start;
}
