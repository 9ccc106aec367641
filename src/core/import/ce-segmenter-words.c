/* ce-segmenter-words.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-segmenter"

#include "config.h"

#include <math.h>
#include <string.h>

#include "ce-segmenter-private.h"
#include "ce-text.h"

/* The words of a paragraph as 32-bit hashes, sorted into the lists that
 * the change of subject compares (see ce-segmenter-subject.c). */

/* Hash sets of 32-bit word hashes; 0 marks an empty slot */
void
_ce_segmenter_hash_set_clear (HashSet *set)
{
  if (set->count > 0)
    memset (set->slots, 0, set->size * sizeof (guint32));
  set->count = 0;
}

gboolean
_ce_segmenter_hash_set_contains (const HashSet *set,
                                 guint32        h)
{
  guint mask = set->size - 1;

  if (set->size == 0)
    return FALSE;

  for (guint i = h & mask; set->slots[i] != 0; i = (i + 1) & mask)
    if (set->slots[i] == h)
      return TRUE;

  return FALSE;
}

void
_ce_segmenter_hash_set_add (HashSet *set,
                            guint32  h)
{
  guint mask;
  guint i;

  if ((set->count + 1) * 2 > set->size)
    {
      guint32 *old = set->slots;
      guint old_size = set->size;

      set->size = MAX (64, old_size * 2);
      set->slots = g_new0 (guint32, set->size);
      set->count = 0;
      for (guint k = 0; k < old_size; k++)
        if (old[k] != 0)
          _ce_segmenter_hash_set_add (set, old[k]);
      g_free (old);
    }

  mask = set->size - 1;
  for (i = h & mask; set->slots[i] != 0; i = (i + 1) & mask)
    if (set->slots[i] == h)
      return;

  set->slots[i] = h;
  set->count++;
}

void
_ce_segmenter_hash_set_free (HashSet *set)
{
  g_free (set->slots);
  set->slots = NULL;
  set->size = set->count = 0;
}

#define FNV_OFFSET 2166136261u
#define FNV_PRIME  16777619u

static guint32
word_hash (const char *word,
           gsize       len)
{
  guint32 h = FNV_OFFSET;

  for (gsize i = 0; i < len; i++)
    {
      h ^= (guchar) word[i];
      h *= FNV_PRIME;
    }

  return h != 0 ? h : 1;
}

/* Bytes of words, for the tokenizer's fast path */
enum
{
  WORD_NONE,
  WORD_ASCII,  /* lower-case letter, figure, apostrophe, hyphen */
  WORD_UPPER,
  WORD_OTHER,  /* not ASCII: is_word_byte () decides */
};

static guint8 word_table[256];
static char lower_table[256];

static void
init_word_tables (void)
{
  for (int c = 0; c < 256; c++)
    {
      lower_table[c] = (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
      if (c >= 0x80)
        word_table[c] = WORD_OTHER;
      else if (c >= 'A' && c <= 'Z')
        word_table[c] = WORD_UPPER;
      else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' || c == '-')
        word_table[c] = WORD_ASCII;
      else
        word_table[c] = WORD_NONE;
    }
}

/* Function words, and words every news article uses whatever its subject */
static const char *stop_words[] = {
  "a", "about", "above", "after", "again", "against", "all", "also", "am",
  "an", "and", "any", "are", "as", "at", "be", "because", "been", "before",
  "being", "below", "between", "both", "but", "by", "can", "could", "did",
  "do", "does", "doing", "down", "during", "each", "few", "first", "for",
  "from", "further", "had", "has", "have", "having", "he", "her", "here",
  "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into",
  "is", "it", "its", "itself", "just", "last", "may", "me", "might", "month",
  "more", "most", "my", "myself", "new", "no", "nor", "not", "now", "of",
  "off", "on", "once", "one", "only", "or", "other", "our", "ours",
  "ourselves", "out", "over", "own", "per", "cent", "same", "said", "say",
  "says", "she", "should", "so", "some", "such", "than", "that", "the",
  "their", "theirs", "them", "themselves", "then", "there", "these", "they",
  "this", "those", "three", "through", "to", "told", "too", "two", "under",
  "until", "up", "very", "was", "we", "week", "were", "what", "when",
  "where", "which", "while", "who", "whom", "why", "will", "with", "would",
  "year", "years", "you", "your", "yours", "yourself",
};

static HashSet stop_set;
static guint32 hash_said;
static guint32 hash_says;
static guint32 hash_told;
static guint32 hash_the;

void
_ce_segmenter_init_stop_words (void)
{
  init_word_tables ();
  for (gsize i = 0; i < G_N_ELEMENTS (stop_words); i++)
    _ce_segmenter_hash_set_add (&stop_set, word_hash (stop_words[i], strlen (stop_words[i])));
  hash_said = word_hash ("said", 4);
  hash_says = word_hash ("says", 4);
  hash_told = word_hash ("told", 4);
  hash_the = word_hash ("the", 3);
}

/* Words a news lede does not start with: pronouns and connectives point
 * back to something said before. */
static const char *backward_words[] = {
  "also", "and", "besides", "but", "furthermore", "he", "hence", "her",
  "his", "however", "i", "instead", "it", "its", "likewise", "meanwhile",
  "moreover", "nevertheless", "or", "otherwise", "she", "so", "still",
  "such", "that", "their", "then", "therefore", "these", "they", "this",
  "those", "thus", "we", "yet", "you",
};

/* ... and phrases that do the same */
static const char *backward_phrases[] = {
  "As a result", "At the same time", "By contrast", "Even so", "For example",
  "For instance", "In addition", "In contrast", "In response", "In return",
  "In turn", "On the other hand",
};

gboolean
_ce_segmenter_has_lede_shape (const char *text,
                              gsize       len)
{
  gsize e = 0;

  if (len == 0 || !g_unichar_isupper (g_utf8_get_char (text)))
    return FALSE;

  while (e < len && text[e] != ' ' && text[e] != ',')
    e++;
  if (ce_text_word_in_list (text, e, backward_words, G_N_ELEMENTS (backward_words), TRUE))
    return FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (backward_phrases); i++)
    {
      gsize n = strlen (backward_phrases[i]);

      if (len > n && memcmp (text, backward_phrases[i], n) == 0 && (text[n] == ',' || text[n] == ' '))
        return FALSE;
    }

  return TRUE;
}

/* Whether the character at p belongs to a word, and its length: letters,
 * figures, apostrophes and hyphens.  Of the non-ASCII characters, the
 * punctuation block U+2000-U+206F (dashes, quotes, ellipsis) is not part
 * of a word, except ’; everything else is taken for a letter, which is
 * right for the scripts news is written in and avoids decoding. */
static inline gboolean
is_word_byte (const char *p,
              const char *end,
              gsize      *n)
{
  guchar c = *p;

  if (c < 0x80)
    {
      *n = 1;
      return (_ce_segmenter_ascii_class[c] & (C_LOWER | C_UPPER | C_DIGIT)) != 0 || c == '\'' || c == '-';
    }

  if (c >= 0xF0)
    *n = 4;
  else if (c >= 0xE0)
    *n = 3;
  else if (c >= 0xC0)
    *n = 2;
  else
    *n = 1;
  if ((gsize) (end - p) < *n)
    *n = end - p;

  if (c == 0xE2 && *n == 3 && ((guchar) p[1] == 0x80 || (guchar) p[1] == 0x81))
    return (guchar) p[1] == 0x80 && (guchar) p[2] == 0x99;

  return c >= 0xC0;
}

static inline void
push_hash (HashList *list,
           guint32   h)
{
  if (list->n < SUBJECT_MAX_HASHES)
    list->v[list->n++] = h;
}

/* A run of two or more capitalised words is a name ("Rosa Ilunga", "the
 * Digital Markets Authority"; a leading "The" or "In" is not part of it).
 * A capitalised word on its own inside a sentence is a short reference
 * ("Ilunga", "the Authority") or a one-word name. */
static void
flush_name (WordLists *w)
{
  guint first = w->run_first_stop ? 1 : 0;

  if (w->run_len >= first + 2)
    {
      for (guint i = first; i < w->run_len; i++)
        push_hash (w->parts, w->run[i]);
      push_hash (w->names, w->run[w->run_len - 1]);
    }
  else
    {
      for (guint i = 0; i < w->run_len; i++)
        if (w->run_inside[i])
          push_hash (w->caps, w->run[i]);
    }
  w->run_len = 0;
}

/* Fills the word lists of one paragraph, counts its sentences and its
 * words, and returns its PF_SAID, PF_LAST_SAID and PF_QUOTE flags. */
guint
_ce_segmenter_scan_words (WordLists  *w,
                          const char *text,
                          gsize       len,
                          guint      *sentences,
                          guint      *words)
{
  const char *s = text;
  const char *end = text + len;
  gboolean first_word = TRUE;
  gboolean after_the = FALSE;
  gboolean said_in_sentence = FALSE;
  gboolean spaced = FALSE;
  guint flags = 0;

  w->run_len = 0;

  while (s < end)
    {
      const char *gap = s;
      const char *word;
      gboolean sentence_mark = FALSE;
      gboolean full_stop = FALSE;
      gboolean initial;
      gboolean upper;
      gboolean name_like;
      guint n_upper = 0;
      gsize n;
      gsize step;
      guint32 h;
      gboolean stop;

      /* The gap before the next word */
      while (s < end && !is_word_byte (s, end, &step))
        {
          if (*s == '.' || *s == '!' || *s == '?')
            sentence_mark = full_stop = TRUE;
          else if (*s == '"' || (step == 3 && memcmp (s, "”", 3) == 0))
            {
              sentence_mark = TRUE;
              flags |= PF_QUOTE;
            }
          else if (step == 3 && memcmp (s, "“", 3) == 0)
            flags |= PF_QUOTE;
          else if (*s == ' ')
            spaced = TRUE;
          s += step;
        }
      if (s >= end)
        break;
      if (first_word || spaced)
        (*words)++;
      spaced = FALSE;

      /* As ce_text_next_sentence_end() tells them: "U.K. and" goes on */
      if (full_stop)
        {
          const char *space = memchr (gap, ' ', s - gap);
          CeSentenceEnd kind = space != NULL ? ce_text_sentence_end_kind (text, space - text) : CE_SENTENCE_END_NO;
          gsize rest = end - space - 1;

          full_stop = (kind == CE_SENTENCE_END_YES && ce_text_starts_sentence (space + 1, rest))
                      || (kind == CE_SENTENCE_END_INITIALS && ce_text_starts_with_opener (space + 1, rest));
        }

      if (w->run_len > 0 && (s - gap != 1 || *gap != ' '))
        flush_name (w);
      if (full_stop)
        said_in_sentence = FALSE;
      if (first_word || full_stop)
        (*sentences)++;
      initial = first_word || sentence_mark;
      first_word = FALSE;

      /* The word, hashed in lower case as it is read */
      word = s;
      upper = ((guchar) *s < 0x80) ? g_ascii_isupper (*s) : g_unichar_isupper (g_utf8_get_char (s));
      h = FNV_OFFSET;
      while (s < end)
        {
          guchar c = *s;
          guint8 k = word_table[c];

          if (k == WORD_ASCII || k == WORD_UPPER)
            {
              n_upper += k == WORD_UPPER;
              h = (h ^ (guchar) lower_table[c]) * FNV_PRIME;
              s++;
            }
          else if (k == WORD_OTHER && is_word_byte (s, end, &step))
            {
              gunichar u = g_utf8_get_char_validated (s, step);

              if (u < 0x110000 && g_unichar_isupper (u))
                {
                  char buf[6];
                  gint m = g_unichar_to_utf8 (g_unichar_tolower (u), buf);

                  n_upper++;
                  for (gint i = 0; i < m; i++)
                    h = (h ^ (guchar) buf[i]) * FNV_PRIME;
                }
              else
                for (gsize i = 0; i < step; i++)
                  h = (h ^ (guchar) s[i]) * FNV_PRIME;
              s += step;
            }
          else
            break;
        }
      n = s - word;

      /* "Ilunga’s" is "ilunga"; apostrophes and hyphens at the edges go.
       * These words are hashed again without them. */
      if (n >= 2 && (word[n - 1] == 's' || word[n - 1] == 'S' || word[n - 1] == '\''
                     || word[n - 1] == '-' || (guchar) word[n - 1] == 0x99))
        {
          gsize m = n;

          if (m >= 4 && memcmp (word + m - 4, "’", 3) == 0 && (word[m - 1] | 0x20) == 's')
            m -= 4;
          else if (m >= 2 && word[m - 2] == '\'' && (word[m - 1] | 0x20) == 's')
            m -= 2;
          while (m > 0 && (word[m - 1] == '\'' || word[m - 1] == '-'))
            m--;
          while (m >= 3 && memcmp (word + m - 3, "’", 3) == 0)
            m -= 3;
          if (m != n)
            {
              n = m;
              h = FNV_OFFSET;
              for (gsize i = 0; i < n; i++)
                h = (h ^ (guchar) lower_table[(guchar) word[i]]) * FNV_PRIME;
            }
        }
      if (n == 0)
        {
          after_the = FALSE;
          continue;
        }
      if (h == 0)
        h = 1;

      stop = _ce_segmenter_hash_set_contains (&stop_set, h);
      name_like = upper && n_upper == 1 && n >= 2 && !g_ascii_isupper (word[1]);

      if (h == hash_said || h == hash_says)
        {
          flags |= PF_SAID;
          said_in_sentence = TRUE;
        }
      else if (h == hash_told)
        flags |= PF_SAID;

      if (after_the && !upper)
        push_hash (w->anaphors, h);
      after_the = h == hash_the;

      if (name_like)
        {
          guint i = MIN (w->run_len, G_N_ELEMENTS (w->run) - 1);

          if (w->run_len == 0)
            w->run_first_stop = stop;
          w->run[i] = h;
          w->run_inside[i] = !initial;
          w->run_len = i + 1;
        }
      else
        {
          if (w->run_len > 0)
            flush_name (w);
          if (upper && !initial && n >= 2)
            push_hash (w->caps, h);
        }

      /* Content words, with the plural cut */
      if (n >= 3 && !stop && !g_ascii_isdigit (word[0]))
        {
          char last = word[n - 1] | 0x20;

          if (last == 's' && n > 3 && (word[n - 2] | 0x20) != 's')
            {
              gsize m = n - 1;

              /* "parties" is "party" */
              if (n > 4 && (word[n - 2] | 0x20) == 'e' && (word[n - 3] | 0x20) == 'i')
                m = n - 3;
              h = FNV_OFFSET;
              for (gsize i = 0; i < m; i++)
                h = (h ^ (guchar) lower_table[(guchar) word[i]]) * FNV_PRIME;
              if (m == n - 3)
                h = (h ^ 'y') * FNV_PRIME;
              if (h == 0)
                h = 1;
            }
          push_hash (w->content, h);
        }
    }

  if (w->run_len > 0)
    flush_name (w);
  if (said_in_sentence)
    flags |= PF_LAST_SAID;

  return flags;
}

static int
compare_hashes (gconstpointer a,
                gconstpointer b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/* Dot product of two sorted lists of hashes as word vectors, where a
 * word that is repeated in both counts min (n, m) times rather than n m:
 * the merge then needs no branches, which matters as it runs for every
 * pair of nearby paragraphs. */
double
_ce_segmenter_dot_hashes (const guint32 *a,
                          guint          na,
                          const guint32 *b,
                          guint          nb)
{
  guint i = 0;
  guint j = 0;
  guint dot = 0;

  while (i < na && j < nb)
    {
      guint32 x = a[i];
      guint32 y = b[j];

      dot += x == y;
      i += x <= y;
      j += y <= x;
    }

  return dot;
}

const guint32 *
_ce_segmenter_para_hashes (CeSegmenter *self,
                           const Para  *p)
{
  return &g_array_index (self->hashes, guint32, p->hashes);
}

void
_ce_segmenter_append_list (CeSegmenter *self,
                           HashList    *list,
                           guint16     *count)
{
  *count = list->n;
  g_array_append_vals (self->hashes, list->v, list->n);
  list->n = 0;
}

void
_ce_segmenter_sort_hashes (HashList *list)
{
  /* Paragraphs have a few dozen words: insertion sort beats qsort () */
  if (list->n > 64)
    {
      qsort (list->v, list->n, sizeof (guint32), compare_hashes);
      return;
    }

  for (guint i = 1; i < list->n; i++)
    {
      guint32 h = list->v[i];
      guint j = i;

      while (j > 0 && list->v[j - 1] > h)
        {
          list->v[j] = list->v[j - 1];
          j--;
        }
      list->v[j] = h;
    }
}

gboolean
_ce_segmenter_detects_subjects (CeSegmenter *self)
{
  return self->mode == CE_SPLIT_AUTO && !self->reflow_only;
}
