/* ce-ngrams.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-ngrams"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-analysis-words.h"
#include "ce-corpus-tokens.h"
#include "ce-counter.h"
#include "ce-csv.h"
#include "ce-ngrams.h"
#include "ce-search.h"

#define PROGRESS_EVERY 256
/* The records of one pass of counting take at most this many bytes (and
 * as many again while they are sorted) */
#define PART_BYTES (128u << 20)
#define DIGIT_BITS 16
/* Segments and records between two looks at the cancellable */
#define CHECK_EVERY 1024
#define CHECK_RECORDS (1u << 19)
/* Records from which the work of one n is shared by two threads */
#define PARALLEL_MIN (1u << 18)

/* Counting sorts rather than hashes.  Words are numbered as they come
 * and the numbers of each document's tokens kept in one sequence, a
 * title or a body one segment of it: an n-gram does not cross from one
 * into the other.  For each n, every run of n words becomes a record of
 * one to three 64-bit words: the numbers of its words above the
 * document's ordinal.  A stable radix sort on the words' bits alone puts
 * equal n-grams together, their documents still in order, so one scan
 * gives each n-gram's count (the length of its run) and documents (the
 * changes of ordinal within it).  When the records would not fit in
 * PART_BYTES, the n-grams are split by a hash of their words into parts
 * counted one after the other.
 *
 * An n-gram is at most as frequent as the two (n - 1)-grams it holds, and
 * the threshold of what is kept (the minimum count, raised to the N-th
 * count found so far with a top N) only rises.  So from n = 3 on, records
 * are made only where both (n - 1)-grams were counted at least that often
 * (or were left uncounted as stop words only): what is left out could not
 * have been kept.  Whether a place is alive depends on the words alone,
 * so an n-gram has all its records or none.
 *
 * With many records the work of each n is shared by the calling thread
 * and a second one: each makes the records of half the segments (the
 * second's then moved after the first's), each sorts half the records
 * digit by digit (counting its half's values, then moving its records to
 * places worked out from both counts, the first half's before the
 * second's: the sort stays stable), and each finds the places alive in
 * half the segments. */

typedef struct
{
  guint32 start;   /* in the sequence */
  guint32 end;
  guint32 doc;     /* ordinal of the document */
} Segment;

/* An n-gram counted often enough to be a candidate */
typedef struct
{
  guint32 words[CE_NGRAM_MAX];
  guint8  n;
  guint   docs;
  gint64  count;
} Entry;

typedef struct
{
  const CeNgramOptions *options;
  CeWordTable          *words;
  GArray               *is_stop;   /* guint8, by number */
  GArray               *sequence;  /* guint32 numbers */
  GArray               *segments;  /* Segment */
  GCancellable         *cancellable;
  /* From n = 3 on: per place in @sequence, whether the (n - 1)-gram
   * starting there can be part of an n-gram counted often enough;
   * NULL: every place */
  guint8               *alive;
  gint64                last_doc;
  guint32               doc;       /* ordinal of @last_doc */
  guint                 done;
  guint                 total;
} Counting;

void
ce_ngram_free (CeNgram *ngram)
{
  if (ngram == NULL)
    return;

  g_free (ngram->text);
  g_free (ngram);
}

static gboolean
ngrams_cb (gint64         doc_id,
           int            column,
           const guint32 *numbers,
           guint          n_numbers,
           gpointer       user_data)
{
  Counting *counting = user_data;
  Segment segment;

  if (doc_id != counting->last_doc)
    {
      if (counting->last_doc != -1)
        counting->doc++;
      counting->last_doc = doc_id;
      if (g_cancellable_is_cancelled (counting->cancellable))
        return FALSE;
      if (counting->options->progress != NULL && ++counting->done % PROGRESS_EVERY == 0)
        counting->options->progress (counting->done, counting->total, counting->options->progress_data);
    }

  /* Words met for the first time: stop words or not */
  while (counting->is_stop->len < ce_word_table_size (counting->words))
    {
      guint8 stop = counting->options->stopwords != NULL &&
                    g_hash_table_contains (counting->options->stopwords,
                                           ce_word_table_get (counting->words, counting->is_stop->len));

      g_array_append_val (counting->is_stop, stop);
    }

  if (n_numbers == 0)
    return TRUE;

  segment.start = counting->sequence->len;
  segment.end = segment.start + n_numbers;
  segment.doc = counting->doc;
  g_array_append_val (counting->segments, segment);
  g_array_append_vals (counting->sequence, numbers, n_numbers);

  return TRUE;
}

static guint
bits_for (guint64 values)
{
  guint bits = 1;

  while (bits < 64 && (G_GUINT64_CONSTANT (1) << bits) < values)
    bits++;

  return bits;
}

/* The layout of the records for one n: bit i of a record is bit i % 64
 * of its word i / 64 */
typedef struct
{
  guint n;
  guint word_bits;
  guint doc_bits;
  guint stride;      /* 64-bit words per record */
  guint parts;
} Layout;

static inline void
set_bits (guint64 *record,
          guint    offset,
          guint64  value,
          guint    width)
{
  guint word = offset / 64, shift = offset % 64;

  record[word] |= value << shift;
  if (shift + width > 64)
    record[word + 1] |= value >> (64 - shift);
}

static inline guint64
get_bits (const guint64 *record,
          guint          offset,
          guint          width,
          guint          stride)
{
  guint word = offset / 64, shift = offset % 64;
  guint64 value = record[word] >> shift;

  if (shift + width > 64 && word + 1 < stride)
    value |= record[word + 1] << (64 - shift);

  return value & ((G_GUINT64_CONSTANT (1) << width) - 1);
}

static inline guint64
words_hash (const guint32 *words,
            guint          n)
{
  guint64 hash = n;

  for (guint k = 0; k < n; k++)
    {
      hash = (hash ^ words[k]) * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
      hash ^= hash >> 29;
    }

  return hash;
}

static inline guint
part_of (const guint32 *words,
         guint          n,
         guint          parts)
{
  if (parts == 1)
    return 0;

  return (guint)(((words_hash (words, n) >> 32) * parts) >> 32);
}

/* Work on many records is shared with a second thread from this many
 * records on; CE_NGRAMS_PARALLEL_MIN sets it (the tests use 1) */
static gsize
parallel_min (void)
{
  static gsize value = 0;

  if (g_once_init_enter (&value))
    {
      const char *env = g_getenv ("CE_NGRAMS_PARALLEL_MIN");
      gsize min = PARALLEL_MIN;

      if (env != NULL && *env != 0)
        min = MAX (g_ascii_strtoull (env, NULL, 10), 1);
      g_once_init_leave (&value, min);
    }

  return value;
}

/* Runs @func on @first in the calling thread and on @second in another */
static void
run_in_two (GThreadFunc func,
            gpointer    first,
            gpointer    second)
{
  GThread *thread = g_thread_new ("ce-ngrams", func, second);

  func (first);
  g_thread_join (thread);
}

/* The first segment of the second half of the words */
static guint
middle_segment (Counting *counting)
{
  guint32 half = counting->sequence->len / 2;
  guint low = 0, high = counting->segments->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (g_array_index (counting->segments, Segment, mid).start < half)
        low = mid + 1;
      else
        high = mid;
    }

  return low;
}

/* Making the records of segments @first to @last - 1 */
typedef struct
{
  Counting     *counting;
  const Layout *layout;
  guint         part;
  guint64      *records;
  gsize        *sizes;
  guint         first;
  guint         last;
  gsize         made;
} Making;

/* Writes the records of part @part into @records and returns how many;
 * with @records NULL, counts those of every part into @sizes instead */
static gpointer
make_records_thread (gpointer data)
{
  Making *making = data;
  Counting *counting = making->counting;
  const Layout *layout = making->layout;
  const guint32 *sequence = (const guint32 *)(void *)counting->sequence->data;
  const guint8 *is_stop = (const guint8 *)(void *)counting->is_stop->data;
  gboolean stop_filter = counting->options->stopwords != NULL;
  const guint8 *alive = counting->alive;
  guint64 *records = making->records;
  guint n = layout->n;
  gsize made = 0;

  for (guint s = making->first; s < making->last; s++)
    {
      const Segment *segment = &g_array_index (counting->segments, Segment, s);

      /* The caller sees the cancellation */
      if (s % CHECK_EVERY == 0 && g_cancellable_is_cancelled (counting->cancellable))
        break;

      for (guint32 i = segment->start; i + n <= segment->end; i++)
        {
          const guint32 *words = &sequence[i];
          guint64 *record;

          if (alive != NULL && !(alive[i] && alive[i + 1]))
            continue;
          if (stop_filter)
            {
              gboolean all_stop = TRUE;

              for (guint k = 0; k < n && all_stop; k++)
                all_stop = is_stop[words[k]];
              if (all_stop)
                continue;
            }
          if (records == NULL)
            {
              making->sizes[part_of (words, n, layout->parts)]++;
              continue;
            }
          if (part_of (words, n, layout->parts) != making->part)
            continue;

          record = &records[made * layout->stride];
          for (guint w = 0; w < layout->stride; w++)
            record[w] = 0;
          set_bits (record, 0, segment->doc, layout->doc_bits);
          for (guint k = 0; k < n; k++)
            set_bits (record, layout->doc_bits + k * layout->word_bits, words[k], layout->word_bits);
          made++;
        }
    }

  making->made = made;
  return NULL;
}

/* Writes the records of part @part into @records and returns how many;
 * with @records NULL, counts those of every part into @sizes instead.
 * With @scratch (as large as @records) and @most records at most, the
 * second half of the words is done by a second thread, its records
 * written into @scratch and then moved after the first half's. */
static gsize
make_records (Counting      *counting,
              const Layout  *layout,
              guint          part,
              guint64       *records,
              guint64       *scratch,
              gsize         *sizes,
              gsize          most)
{
  Making making[2] = {
    { counting, layout, part, records, sizes, 0, counting->segments->len, 0 },
    { counting, layout, part, scratch, NULL, 0, counting->segments->len, 0 },
  };
  g_autofree gsize *more = NULL;

  if (most < parallel_min () || counting->segments->len < 2 || (records != NULL && scratch == NULL))
    {
      make_records_thread (&making[0]);
      return making[0].made;
    }

  making[0].last = making[1].first = middle_segment (counting);
  if (records == NULL)
    making[1].sizes = more = g_new0 (gsize, layout->parts);
  run_in_two (make_records_thread, &making[0], &making[1]);

  if (records == NULL)
    {
      for (guint p = 0; p < layout->parts; p++)
        sizes[p] += more[p];
      return 0;
    }

  memcpy (&records[making[0].made * layout->stride], scratch,
          making[1].made * layout->stride * sizeof (guint64));
  return making[0].made + making[1].made;
}

/* One half of the records in one pass of the sort: the histogram of a
 * digit, or the records moved to their places */
typedef struct
{
  const guint64 *from;
  guint64       *to;          /* NULL: the histogram only */
  gsize          begin;
  gsize          end;
  guint          stride;
  guint          at;          /* the digit's first bit */
  guint          width;
  gsize         *digit;       /* 1 << width: counts, or where the next record of each value goes */
  GCancellable  *cancellable;
} Pass;

static gpointer
pass_thread (gpointer data)
{
  const Pass *pass = data;
  /* Locals, restrict: the stores into @to and @digit cannot change
   * them, so they stay in registers (reading them through @pass made
   * the one-thread sort 15 % slower) */
  const guint64 *restrict records = pass->from;
  guint64 *restrict to = pass->to;
  gsize *restrict digit = pass->digit;
  const guint stride = pass->stride;
  const guint at = pass->at;
  const guint width = pass->width;

  for (gsize block = pass->begin; block < pass->end; block += CHECK_RECORDS)
    {
      gsize end = MIN (pass->end, block + CHECK_RECORDS);

      /* The caller sees the cancellation */
      if (g_cancellable_is_cancelled (pass->cancellable))
        break;

      if (to == NULL)
        {
          for (gsize i = block; i < end; i++)
            digit[get_bits (&records[i * stride], at, width, stride)]++;
        }
      else
        {
          for (gsize i = block; i < end; i++)
            {
              const guint64 *from = &records[i * stride];
              gsize place = digit[get_bits (from, at, width, stride)]++;

              for (guint w = 0; w < stride; w++)
                to[place * stride + w] = from[w];
            }
        }
    }

  return NULL;
}

/* sort_records() by two threads, each with half the records: per digit,
 * each counts its half's values, then moves its records, those of the
 * first half of a value before those of the second */
static guint64 *
sort_records_in_two (guint64       *records,
                     guint64       *scratch,
                     gsize          count,
                     const Layout  *layout,
                     GCancellable  *cancellable)
{
  guint key_bits = layout->n * layout->word_bits;
  guint n_digits = (key_bits + DIGIT_BITS - 1) / DIGIT_BITS;
  g_autofree gsize *digits = g_new (gsize, (gsize)2 << DIGIT_BITS);

  for (guint d = 0; d < n_digits; d++)
    {
      guint offset = d * DIGIT_BITS;
      guint width = MIN (DIGIT_BITS, key_bits - offset);
      Pass pass[2] = {
        { records, NULL, 0, count / 2, layout->stride, layout->doc_bits + offset, width, digits, cancellable },
        { records, NULL, count / 2, count, layout->stride, layout->doc_bits + offset, width,
          digits + ((gsize)1 << DIGIT_BITS), cancellable },
      };
      gsize sum = 0;
      guint64 *swap;

      memset (digits, 0, ((gsize)2 << DIGIT_BITS) * sizeof (gsize));
      run_in_two (pass_thread, &pass[0], &pass[1]);
      if (g_cancellable_is_cancelled (cancellable))
        return NULL;

      /* All records agree on these bits: nothing to move */
      {
        gsize value = get_bits (records, pass[0].at, width, layout->stride);

        if (pass[0].digit[value] + pass[1].digit[value] == count)
          continue;
      }

      for (guint v = 0; v < (1u << width); v++)
        {
          gsize first = pass[0].digit[v], second = pass[1].digit[v];

          pass[0].digit[v] = sum;
          pass[1].digit[v] = sum + first;
          sum += first + second;
        }
      pass[0].to = pass[1].to = scratch;
      run_in_two (pass_thread, &pass[0], &pass[1]);
      if (g_cancellable_is_cancelled (cancellable))
        return NULL;

      swap = records;
      records = scratch;
      scratch = swap;
    }

  return records;
}

/* Sorts the records on their words' bits, stably: equal n-grams end up
 * together, in the order of their documents.  Returns the sorted array
 * (@records or @scratch), or NULL when cancelled. */
static guint64 *
sort_records (guint64       *records,
              guint64       *scratch,
              gsize          count,
              const Layout  *layout,
              GCancellable  *cancellable)
{
  guint key_bits = layout->n * layout->word_bits;
  guint n_digits = (key_bits + DIGIT_BITS - 1) / DIGIT_BITS;
  g_autofree gsize *counts = NULL;
  guint stride = layout->stride;

  if (count >= parallel_min () && count >= 2)
    return sort_records_in_two (records, scratch, count, layout, cancellable);

  counts = g_new0 (gsize, (gsize)n_digits << DIGIT_BITS);

  /* Every digit's histogram in one read */
  for (gsize i = 0; i < count; i++)
    {
      const guint64 *record = &records[i * stride];

      if (i % CHECK_RECORDS == 0 && g_cancellable_is_cancelled (cancellable))
        return NULL;

      for (guint d = 0; d < n_digits; d++)
        {
          guint offset = d * DIGIT_BITS;

          counts[((gsize)d << DIGIT_BITS) +
                 get_bits (record, layout->doc_bits + offset, MIN (DIGIT_BITS, key_bits - offset), stride)]++;
        }
    }

  for (guint d = 0; d < n_digits; d++)
    {
      guint offset = d * DIGIT_BITS;
      guint width = MIN (DIGIT_BITS, key_bits - offset);
      guint at = layout->doc_bits + offset;
      gsize *digit = &counts[(gsize)d << DIGIT_BITS];
      gsize sum = 0;
      guint64 *swap;

      if (g_cancellable_is_cancelled (cancellable))
        return NULL;

      /* All records agree on these bits: nothing to move */
      if (digit[get_bits (records, at, width, stride)] == count)
        continue;

      for (guint v = 0; v < (1u << width); v++)
        {
          gsize c = digit[v];

          digit[v] = sum;
          sum += c;
        }

      /* The records moved as one of sort_records_in_two()'s halves
       * moves its own */
      {
        Pass pass = { records, scratch, 0, count, stride, at, width, digit, cancellable };

        pass_thread (&pass);
        if (g_cancellable_is_cancelled (cancellable))
          return NULL;
      }

      swap = records;
      records = scratch;
      scratch = swap;
    }

  return records;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = a;
  const Entry *eb = b;

  if (ea->count != eb->count)
    return ea->count > eb->count ? -1 : 1;
  if (ea->docs != eb->docs)
    return ea->docs > eb->docs ? -1 : 1;
  if (ea->n != eb->n)
    return ea->n > eb->n ? -1 : 1;
  return 0;
}

/* With a top N, only the n-grams at least as frequent as the N-th found
 * so far can be in it: the others are dropped as counting goes */
static void
prune (GArray *candidates,
       guint   top,
       gint64 *threshold)
{
  guint kept = 0;

  if (top == 0 || candidates->len < 2 * top + 4096)
    return;

  g_array_sort (candidates, compare_entries);
  *threshold = MAX (*threshold, g_array_index (candidates, Entry, top - 1).count);
  while (kept < candidates->len && g_array_index (candidates, Entry, kept).count >= *threshold)
    kept++;
  g_array_set_size (candidates, kept);
}

/* Scans the sorted records: a run of equal words is one n-gram */
static void
add_runs (const guint64  *records,
          gsize           count,
          const Layout   *layout,
          GArray         *candidates,
          gint64         *threshold,
          guint           top)
{
  guint stride = layout->stride;
  guint64 doc_mask = (G_GUINT64_CONSTANT (1) << layout->doc_bits) - 1;
  gsize i = 0;

  while (i < count)
    {
      const guint64 *first = &records[i * stride];
      gsize j = i + 1;
      guint docs = 1;
      guint64 doc = first[0] & doc_mask;

      for (; j < count; j++)
        {
          const guint64 *next = &records[j * stride];
          gboolean same = ((next[0] ^ first[0]) & ~doc_mask) == 0;

          for (guint w = 1; same && w < stride; w++)
            same = next[w] == first[w];
          if (!same)
            break;
          if ((next[0] & doc_mask) != doc)
            {
              doc = next[0] & doc_mask;
              docs++;
            }
        }

      if ((gint64)(j - i) >= *threshold)
        {
          Entry entry = { { 0, }, layout->n, docs, (gint64)(j - i) };

          for (guint k = 0; k < layout->n; k++)
            entry.words[k] = get_bits (first, layout->doc_bits + k * layout->word_bits,
                                       layout->word_bits, stride);
          g_array_append_val (candidates, entry);
          prune (candidates, top, threshold);
        }

      i = j;
    }
}

/* The n-grams of one n counted at least a threshold: an open-addressed
 * set of their words, with a bit per hash in front of it */
typedef struct
{
  guint32 *slots;     /* n words per slot; G_MAXUINT32 first: empty */
  guint64 *bits;      /* FILTER_BITS bits: whether an n-gram of that hash may be in */
  gsize    mask;
  guint    n;
} Frequent;

/* 32 KB: most places are told apart there */
#define FILTER_BITS 18

static inline gsize
filter_bit (guint64 hash)
{
  return (gsize)(hash >> (64 - FILTER_BITS));
}

static void
frequent_init (Frequent     *frequent,
               const GArray *candidates,
               guint         n,
               gint64        threshold)
{
  gsize size = 0, capacity = 16;

  for (guint c = 0; c < candidates->len; c++)
    {
      const Entry *entry = &g_array_index (candidates, Entry, c);

      if (entry->n == n && entry->count >= threshold)
        size++;
    }
  while (capacity < 2 * size)
    capacity *= 2;

  frequent->n = n;
  frequent->mask = capacity - 1;
  frequent->slots = g_new (guint32, capacity * n);
  frequent->bits = g_new0 (guint64, (G_GUINT64_CONSTANT (1) << FILTER_BITS) / 64);
  for (gsize i = 0; i < capacity; i++)
    frequent->slots[i * n] = G_MAXUINT32;

  for (guint c = 0; c < candidates->len; c++)
    {
      const Entry *entry = &g_array_index (candidates, Entry, c);
      guint64 hash;
      gsize slot, bit;

      if (entry->n != n || entry->count < threshold)
        continue;

      hash = words_hash (entry->words, n);
      slot = (gsize)hash & frequent->mask;
      while (frequent->slots[slot * n] != G_MAXUINT32)
        slot = (slot + 1) & frequent->mask;
      memcpy (&frequent->slots[slot * n], entry->words, n * sizeof (guint32));
      bit = filter_bit (hash);
      frequent->bits[bit / 64] |= G_GUINT64_CONSTANT (1) << (bit % 64);
    }
}

static void
frequent_clear (Frequent *frequent)
{
  g_clear_pointer (&frequent->slots, g_free);
  g_clear_pointer (&frequent->bits, g_free);
}

static inline gboolean
frequent_contains (const Frequent *frequent,
                   const guint32  *words)
{
  guint n = frequent->n;
  guint64 hash = words_hash (words, n);
  gsize bit = filter_bit (hash);
  gsize slot;

  if (!(frequent->bits[bit / 64] & (G_GUINT64_CONSTANT (1) << (bit % 64))))
    return FALSE;

  slot = (gsize)hash & frequent->mask;
  while (frequent->slots[slot * n] != G_MAXUINT32)
    {
      if (memcmp (&frequent->slots[slot * n], words, n * sizeof (guint32)) == 0)
        return TRUE;
      slot = (slot + 1) & frequent->mask;
    }

  return FALSE;
}

/* Finding the places alive in segments @first to @last - 1 */
typedef struct
{
  Counting       *counting;
  const Frequent *frequent;
  guint8         *alive;
  guint           first;
  guint           last;
  gsize           next;
} Finding;

static gpointer
find_alive_thread (gpointer data)
{
  Finding *finding = data;
  Counting *counting = finding->counting;
  const guint32 *sequence = (const guint32 *)(void *)counting->sequence->data;
  const guint8 *is_stop = (const guint8 *)(void *)counting->is_stop->data;
  gboolean stop_filter = counting->options->stopwords != NULL;
  const guint8 *before = counting->alive;
  guint8 *alive = finding->alive;
  guint n = finding->frequent->n;
  gsize next = 0;

  for (guint s = finding->first; s < finding->last; s++)
    {
      const Segment *segment = &g_array_index (counting->segments, Segment, s);

      for (guint32 i = segment->start; i + n <= segment->end; i++)
        {
          const guint32 *words = &sequence[i];

          /* An n-gram holding an (n - 1)-gram below the threshold is
           * below it too */
          if (before != NULL && !(before[i] && before[i + 1]))
            continue;

          if (stop_filter)
            {
              gboolean all_stop = TRUE;

              for (guint k = 0; k < n && all_stop; k++)
                all_stop = is_stop[words[k]];
              alive[i] = all_stop;
            }
          if (!alive[i])
            alive[i] = frequent_contains (finding->frequent, words);
          if (alive[i] && i > segment->start && alive[i - 1])
            next++;
        }
    }

  finding->next = next;
  return NULL;
}

/* After counting @n: which places start an n-gram that may be part of
 * an (n + 1)-gram counted often enough (counting->alive, replaced), and
 * how many (n + 1)-grams are left to count.  Many places are shared with
 * a second thread, by segments. */
static gsize
find_alive (Counting     *counting,
            const GArray *candidates,
            guint         n,
            gint64        threshold,
            gsize         places)
{
  guint8 *alive = g_new0 (guint8, MAX (counting->sequence->len, 1));
  Frequent frequent;
  Finding finding[2] = {
    { counting, &frequent, alive, 0, counting->segments->len, 0 },
    { counting, &frequent, alive, 0, counting->segments->len, 0 },
  };

  frequent_init (&frequent, candidates, n, threshold);

  if (places >= parallel_min () && counting->segments->len >= 2)
    {
      finding[0].last = finding[1].first = middle_segment (counting);
      run_in_two (find_alive_thread, &finding[0], &finding[1]);
    }
  else
    find_alive_thread (&finding[0]);

  frequent_clear (&frequent);
  g_free (counting->alive);
  counting->alive = alive;

  return finding[0].next + finding[1].next;
}

/* Counts the n-grams of every n asked for; those frequent enough go
 * into @candidates.  Returns FALSE when cancelled. */
static gboolean
count_ngrams (Counting *counting,
              GArray   *candidates)
{
  const CeNgramOptions *options = counting->options;
  gint64 threshold = MAX (options->min_count, 1);
  guint32 n_words = ce_word_table_size (counting->words);

  g_autofree guint64 *records = NULL;
  g_autofree guint64 *scratch = NULL;
  g_autofree gsize *sizes = NULL;
  gsize allocated = 0;
  gsize alive_next = 0;

  for (guint n = options->min_n; n <= options->max_n; n++)
    {
      Layout layout = { n, bits_for (n_words), bits_for (counting->doc + 1), 0, 1 };
      /* At most one record per token, or per place left alive */
      gsize most = n > options->min_n ? alive_next : counting->sequence->len;
      gsize room;

      layout.stride = (layout.doc_bits + n * layout.word_bits + 63) / 64;
      g_assert (layout.stride <= 3);
      room = MAX (PART_BYTES / (layout.stride * sizeof (guint64)), 1);
      layout.parts = (guint)MAX ((most + room - 1) / room, 1);

      /* Parts hold about most / parts records: counted exactly first
       * when there are several */
      g_free (sizes);
      sizes = g_new0 (gsize, layout.parts);
      if (layout.parts == 1)
        sizes[0] = most;
      else
        make_records (counting, &layout, 0, NULL, NULL, sizes, most);

      for (guint part = 0; part < layout.parts; part++)
        {
          gsize made, size;
          guint64 *sorted;

          if (g_cancellable_is_cancelled (counting->cancellable))
            return FALSE;

          size = MAX (sizes[part], 1) * layout.stride * sizeof (guint64);
          if (size > allocated)
            {
              g_free (records);
              g_free (scratch);
              records = g_malloc (size);
              scratch = g_malloc (size);
              allocated = size;
            }
          made = make_records (counting, &layout, part, records, scratch, NULL, sizes[part]);
          if (g_cancellable_is_cancelled (counting->cancellable))
            return FALSE;

          if ((sorted = sort_records (records, scratch, made, &layout, counting->cancellable)) == NULL)
            return FALSE;
          add_runs (sorted, made, &layout, candidates, &threshold, options->top);
        }

      if (n < options->max_n)
        alive_next = find_alive (counting, candidates, n, threshold, most);
    }

  return TRUE;
}

static int
compare_ngrams (gconstpointer a,
                gconstpointer b)
{
  const CeNgram *na = *(CeNgram **)a;
  const CeNgram *nb = *(CeNgram **)b;

  if (na->count != nb->count)
    return na->count > nb->count ? -1 : 1;
  if (na->docs != nb->docs)
    return na->docs > nb->docs ? -1 : 1;
  if (na->n != nb->n)
    return na->n > nb->n ? -1 : 1;
  return strcmp (na->text, nb->text);
}

/**
 * ce_ngrams_compute:
 * @query: (nullable): the documents to read; %NULL for all
 * @n_docs: (out) (optional): how many documents were read
 *
 * Counts every run of @options->min_n to @options->max_n words in the
 * titles and bodies of the documents: how often and in how many
 * documents.  A run does not cross from a title into its body.
 *
 * Returns: (transfer full) (element-type CeNgram): the most frequent
 *   first (ties: more documents, longer, alphabetical), or %NULL with
 *   @error set
 */
GPtrArray *
ce_ngrams_compute (CeCorpus              *corpus,
                   CeQuery               *query,
                   const CeNgramOptions  *options,
                   guint                 *n_docs,
                   GCancellable          *cancellable,
                   GError               **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(CeWordTable) words = ce_word_table_new ();
  g_autoptr(GArray) is_stop = g_array_new (FALSE, FALSE, sizeof (guint8));
  g_autoptr(GArray) sequence = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GPtrArray) ngrams = NULL;
  GError *local = NULL;
  Counting counting = { 0, };
  gboolean ok;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (options->min_n >= 1 && options->min_n <= options->max_n &&
                        options->max_n <= CE_NGRAM_MAX, NULL);

  ce_corpus_set_cancellable (corpus, cancellable);

  if (query != NULL && !ce_query_is_empty (query))
    ids = ce_search_ids (corpus, query, CE_SORT_ORDER, FALSE, &local);
  else
    ids = ce_corpus_list_document_ids (corpus, &local);

  counting.options = options;
  counting.words = words;
  counting.is_stop = is_stop;
  counting.sequence = sequence;
  counting.segments = segments;
  counting.cancellable = cancellable;
  counting.last_doc = -1;
  counting.total = ids != NULL ? ids->len : 0;

  ok = ids != NULL &&
       ce_corpus_tokenize_words (corpus, (const gint64 *)(void *)ids->data, ids->len,
                                 ce_corpus_word_columns (corpus, TRUE), words, ngrams_cb, &counting, &local);

  ce_corpus_set_cancellable (corpus, NULL);

  if (ok)
    ok = count_ngrams (&counting, candidates);
  g_clear_pointer (&counting.alive, g_free);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (&local);
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return NULL;
    }
  if (!ok)
    {
      g_propagate_error (error, local);
      return NULL;
    }

  /* Sort the numbers, then spell out the n-grams kept only */
  g_array_sort (candidates, compare_entries);

  ngrams = g_ptr_array_new_with_free_func ((GDestroyNotify)ce_ngram_free);
  for (guint i = 0; i < candidates->len; i++)
    {
      const Entry *entry = &g_array_index (candidates, Entry, i);
      GString *text;
      CeNgram *ngram;

      /* Ties at the cut are spelt out too, so the order does not depend
       * on the order of counting */
      if (options->top > 0 && ngrams->len >= options->top &&
          compare_entries (entry, entry - 1) != 0)
        break;

      text = g_string_new (NULL);
      for (guint k = 0; k < entry->n; k++)
        {
          if (k > 0)
            g_string_append_c (text, ' ');
          g_string_append (text, ce_word_table_get (words, entry->words[k]));
        }
      ngram = g_new0 (CeNgram, 1);
      ngram->text = g_string_free (text, FALSE);
      ngram->n = entry->n;
      ngram->count = entry->count;
      ngram->docs = entry->docs;
      g_ptr_array_add (ngrams, ngram);
    }

  g_ptr_array_sort (ngrams, compare_ngrams);
  if (options->top > 0 && ngrams->len > options->top)
    g_ptr_array_set_size (ngrams, options->top);

  if (options->progress != NULL)
    options->progress (counting.total, counting.total, options->progress_data);
  if (n_docs != NULL)
    *n_docs = counting.total;

  return g_steal_pointer (&ngrams);
}

/**
 * ce_ngrams_to_csv:
 *
 * Returns: (transfer full): ngram, n, count, docs
 */
char *
ce_ngrams_to_csv (GPtrArray *ngrams)
{
  GString *out = g_string_new ("ngram,n,count,docs\r\n");

  g_return_val_if_fail (ngrams != NULL, NULL);

  for (guint i = 0; i < ngrams->len; i++)
    {
      const CeNgram *ngram = g_ptr_array_index (ngrams, i);

      ce_csv_append_field (out, ngram->text);
      ce_csv_append_int (out, ngram->n);
      ce_csv_append_int (out, ngram->count);
      ce_csv_append_int (out, ngram->docs);
      ce_csv_end_row (out);
    }

  return g_string_free (out, FALSE);
}
