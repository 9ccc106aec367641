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

/* A slot of the table: a word's first eight bytes, its length and part
 * of its hash, and its number plus one (0: an empty slot).  Most words
 * are found, or told apart, without reading anything else. */
typedef struct
{
  guint64 head;
  guint32 tag;      /* length (up to 255) in the high byte, hash below */
  guint32 number;   /* plus one */
} Slot;

/* A word of up to 16 bytes met lately: its bytes as head_of() and
 * tail_of() give them, its tag and number plus one (0: none) */
typedef struct
{
  guint64 head;
  guint64 tail;
  guint32 tag;
  guint32 number;
} Recent;

/* Entries of the cache of words met lately, by hash: the frequent words
 * that most tokens are stay in it, in 128 KB, and are found without the
 * table, which at tens of thousands of words no longer fits the cache
 * of a core */
#define RECENT_SIZE 4096
#define RECENT_MASK (RECENT_SIZE - 1)

/* Open addressing on the words' hashes; the texts live one after
 * another, each with its nul */
struct _CeWordTable
{
  GString *text;
  GArray  *words;   /* Word, by number */
  Slot    *slots;
  gsize    mask;    /* the number of slots, a power of two, minus one */
  Recent  *recent;  /* RECENT_SIZE */
};

CeWordTable *
ce_word_table_new (void)
{
  CeWordTable *self = g_new0 (CeWordTable, 1);

  self->text = g_string_sized_new (4096);
  self->words = g_array_new (FALSE, FALSE, sizeof (Word));
  self->mask = 4096 - 1;
  self->slots = g_new0 (Slot, self->mask + 1);
  self->recent = g_new0 (Recent, RECENT_SIZE);

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
  g_free (self->recent);
  g_free (self);
}

/* Up to eight bytes of @text as a number that, with @len, tells them
 * apart: two loads that may overlap rather than a copy of a variable
 * length (a call); exactly the eight bytes when @len is 8 */
static inline guint64
load_short (const char *text,
            gsize       len)
{
  const guchar *bytes = (const guchar *)text;

  if (len >= 4)
    {
      guint32 low, high;

      memcpy (&low, bytes, 4);
      memcpy (&high, bytes + len - 4, 4);
      return low | ((guint64)high << 32);
    }
  if (len > 0)
    return bytes[0] | ((guint64)bytes[len / 2] << 8) | ((guint64)bytes[len - 1] << 16);

  return 0;
}

static inline guint64
mix (guint64 hash,
     guint64 block)
{
  hash = (hash ^ block) * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  return hash ^ (hash >> 32);
}

/* Eight bytes at a time: a multiply and a shift per block, the length
 * mixed in, so that a word costs a few instructions rather than one
 * multiply per byte.  @head is load_short() of the first eight bytes. */
static inline guint32
hash_text (const char *text,
           gsize       len,
           guint64     head)
{
  guint64 hash = mix (len * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15), head);
  gsize i = 8;

  for (; i + 8 <= len; i += 8)
    {
      guint64 block;

      memcpy (&block, text + i, 8);
      hash = mix (hash, block);
    }
  if (i < len)
    hash = mix (hash, load_short (text + i, len - i));
  hash *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);

  return (guint32)(hash >> 32);
}

static inline guint64
head_of (const char *text,
         gsize       len)
{
  return load_short (text, MIN (len, sizeof (guint64)));
}

static inline guint32
tag_of (guint32 hash,
        gsize   len)
{
  return ((guint32)MIN (len, 255) << 24) | (hash & 0xffffff);
}

static void
grow (CeWordTable *self)
{
  gsize mask = self->mask * 2 + 1;
  Slot *slots = g_new0 (Slot, mask + 1);

  for (gsize i = 0; i <= self->mask; i++)
    {
      const Slot *old = &self->slots[i];
      gsize slot;

      if (old->number == 0)
        continue;

      slot = g_array_index (self->words, Word, old->number - 1).hash & mask;
      while (slots[slot].number != 0)
        slot = (slot + 1) & mask;
      slots[slot] = *old;
    }

  g_free (self->slots);
  self->slots = slots;
  self->mask = mask;
}

/* The second eight bytes of a word of up to 16 (0 for a shorter one) */
static inline guint64
tail_of (const char *text,
         gsize       len)
{
  return len > sizeof (guint64) ? load_short (text + sizeof (guint64), len - sizeof (guint64)) : 0;
}

/* The slot of @text: where it is, or the empty one where it would go */
static inline gsize
find_slot (CeWordTable *self,
           const char  *text,
           gsize        len,
           guint32      hash,
           guint64      head)
{
  guint32 tag = tag_of (hash, len);
  gsize slot = hash & self->mask;
  const Slot *at;

  while ((at = &self->slots[slot])->number != 0)
    {
      if (at->tag == tag && at->head == head)
        {
          const Word *found;

          if (len <= sizeof head)
            return slot;

          /* The rest of a word of up to 16 bytes in one or two loads
           * rather than a call */
          found = &g_array_index (self->words, Word, at->number - 1);
          if (found->len == len &&
              (len <= 2 * sizeof head
                 ? tail_of (self->text->str + found->start, len) == tail_of (text, len)
                 : memcmp (self->text->str + found->start + sizeof head, text + sizeof head,
                           len - sizeof head) == 0))
            return slot;
        }
      slot = (slot + 1) & self->mask;
    }

  return slot;
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
  guint64 head = head_of (text, len);
  guint32 hash = hash_text (text, len, head);
  guint32 tag = tag_of (hash, len);
  guint64 tail = 0;
  Recent *recent = NULL;
  guint32 number;
  gsize slot;
  Word word;

  /* A word of up to 16 bytes seen lately is told by its entry alone */
  if (len <= 2 * sizeof (guint64))
    {
      tail = tail_of (text, len);
      recent = &self->recent[hash & RECENT_MASK];
      if (recent->tag == tag && recent->head == head && recent->tail == tail && recent->number != 0)
        return recent->number - 1;
    }

  slot = find_slot (self, text, len, hash, head);
  if (self->slots[slot].number == 0)
    {
      word.start = self->text->len;
      word.len = len;
      word.hash = hash;
      g_string_append_len (self->text, text, len);
      g_string_append_c (self->text, 0);
      g_array_append_val (self->words, word);
      self->slots[slot].head = head;
      self->slots[slot].tag = tag;
      self->slots[slot].number = self->words->len;
    }

  number = self->slots[slot].number;

  if (recent != NULL)
    {
      recent->head = head;
      recent->tail = tail;
      recent->tag = tag;
      recent->number = number;
    }

  /* At most half full (the slots move, the numbers stay) */
  if ((gsize)self->words->len * 2 > self->mask)
    grow (self);

  return number - 1;
}

/**
 * ce_word_table_prefetch:
 * @text: a word about to be added
 * @len: its bytes
 *
 * Starts reading the parts of the table that adding @text will look at,
 * so that a few words can be on their way at once.
 */
void
ce_word_table_prefetch (CeWordTable *self,
                        const char  *text,
                        gsize        len)
{
  guint32 hash = hash_text (text, len, head_of (text, len));

  if (len <= 2 * sizeof (guint64))
    __builtin_prefetch (&self->recent[hash & RECENT_MASK]);
  __builtin_prefetch (&self->slots[hash & self->mask]);
}

/**
 * ce_word_table_lookup:
 *
 * Returns: the number of @text, or -1 when it is not in the table
 */
gint64
ce_word_table_lookup (CeWordTable *self,
                      const char  *text,
                      gsize        len)
{
  guint64 head = head_of (text, len);
  gsize slot = find_slot (self, text, len, hash_text (text, len, head), head);

  return self->slots[slot].number != 0 ? (gint64)self->slots[slot].number - 1 : -1;
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
