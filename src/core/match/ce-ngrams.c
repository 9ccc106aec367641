/* ce-ngrams.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-ngrams"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-corpus-tokens.h"
#include "ce-counter.h"
#include "ce-csv.h"
#include "ce-ngrams.h"
#include "ce-search.h"

#define PROGRESS_EVERY 256

/* Words are numbered as they come; an n-gram is the numbers of its
 * words, so counting never copies text */
typedef struct
{
  guint32 words[CE_NGRAM_MAX];
  guint8  n;
} Key;

typedef struct
{
  Key    key;
  guint  hash;
  guint  docs;
  gint64 count;
  gint64 last_doc;
} Entry;

/* The n-grams counted: entries in one array, found through open
 * addressing on their hash, so that counting allocates nothing per
 * n-gram and frees everything at once */
typedef struct
{
  GArray  *entries;    /* of Entry */
  guint32 *slots;      /* entry index + 1, or 0 for an empty slot */
  gsize    mask;       /* the number of slots, a power of two, minus one */
} Table;

typedef struct
{
  const CeNgramOptions *options;
  GHashTable           *numbers;   /* Word * -> number + 1 */
  GPtrArray            *words;     /* number -> char * */
  GArray               *is_stop;   /* number -> gboolean */
  Table                 table;
  GArray               *sequence;  /* the numbers of a column's tokens */
  GCancellable         *cancellable;
  gint64                last_doc;
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

static guint
key_hash (const Key *key)
{
  guint64 hash = key->n;

  for (guint i = 0; i < key->n; i++)
    {
      hash = (hash ^ key->words[i]) * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
      hash ^= hash >> 29;
    }

  return (guint)(hash ^ (hash >> 32));
}

static gboolean
key_equal (const Key *ka,
           const Key *kb)
{
  return ka->n == kb->n && memcmp (ka->words, kb->words, ka->n * sizeof (guint32)) == 0;
}

static void
table_init (Table *table)
{
  table->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  table->mask = 1024 - 1;
  table->slots = g_new0 (guint32, table->mask + 1);
}

static void
table_clear (Table *table)
{
  g_clear_pointer (&table->entries, g_array_unref);
  g_clear_pointer (&table->slots, g_free);
}

static void
table_grow (Table *table)
{
  gsize mask = table->mask * 2 + 1;
  guint32 *slots = g_new0 (guint32, mask + 1);

  for (guint i = 0; i < table->entries->len; i++)
    {
      gsize slot = g_array_index (table->entries, Entry, i).hash & mask;

      while (slots[slot] != 0)
        slot = (slot + 1) & mask;
      slots[slot] = i + 1;
    }

  g_free (table->slots);
  table->slots = slots;
  table->mask = mask;
}

/* The entry of @key, made if it is new */
static Entry *
table_lookup (Table     *table,
              const Key *key)
{
  guint hash = key_hash (key);
  gsize slot = hash & table->mask;
  Entry *entry;

  while (table->slots[slot] != 0)
    {
      entry = &g_array_index (table->entries, Entry, table->slots[slot] - 1);
      if (entry->hash == hash && key_equal (&entry->key, key))
        return entry;
      slot = (slot + 1) & table->mask;
    }

  g_array_set_size (table->entries, table->entries->len + 1);
  entry = &g_array_index (table->entries, Entry, table->entries->len - 1);
  entry->key = *key;
  entry->hash = hash;
  entry->docs = 0;
  entry->count = 0;
  entry->last_doc = -1;
  table->slots[slot] = table->entries->len;

  /* At most half full */
  if ((gsize)table->entries->len * 2 > table->mask)
    {
      table_grow (table);
      entry = &g_array_index (table->entries, Entry, table->entries->len - 1);
    }

  return entry;
}

/* A word's text in a token, without its end: the key of the numbers */
typedef struct
{
  const char *text;
  gsize       len;
} Word;

static guint
word_hash (gconstpointer data)
{
  const Word *word = data;
  guint hash = 5381;

  for (gsize i = 0; i < word->len; i++)
    hash = hash * 33 + (guchar)word->text[i];

  return hash;
}

static gboolean
word_equal (gconstpointer a,
            gconstpointer b)
{
  const Word *wa = a;
  const Word *wb = b;

  return wa->len == wb->len && memcmp (wa->text, wb->text, wa->len) == 0;
}

static guint32
number_word (Counting            *counting,
             const CeCorpusToken *token)
{
  Word key = { token->text, token->len };
  gpointer found;
  guint32 number;
  gboolean stop;
  Word *word;
  char *text;

  found = g_hash_table_lookup (counting->numbers, &key);
  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  number = counting->words->len;
  text = g_strndup (token->text, token->len);
  g_ptr_array_add (counting->words, text);
  word = g_new (Word, 1);
  word->text = text;
  word->len = token->len;
  g_hash_table_insert (counting->numbers, word, GUINT_TO_POINTER (number + 1));
  stop = counting->options->stopwords != NULL &&
         g_hash_table_contains (counting->options->stopwords, text);
  g_array_append_val (counting->is_stop, stop);

  return number;
}

static gboolean
ngrams_cb (gint64               doc_id,
           int                  column,
           const char          *text,
           gsize                text_len,
           const CeCorpusToken *tokens,
           guint                n_tokens,
           gpointer             user_data)
{
  Counting *counting = user_data;
  const guint32 *sequence;

  if (doc_id != counting->last_doc)
    {
      counting->last_doc = doc_id;
      if (g_cancellable_is_cancelled (counting->cancellable))
        return FALSE;
      if (counting->options->progress != NULL && ++counting->done % PROGRESS_EVERY == 0)
        counting->options->progress (counting->done, counting->total, counting->options->progress_data);
    }

  g_array_set_size (counting->sequence, n_tokens);
  for (guint i = 0; i < n_tokens; i++)
    g_array_index (counting->sequence, guint32, i) = number_word (counting, &tokens[i]);
  sequence = (const guint32 *)(void *)counting->sequence->data;

  for (guint n = counting->options->min_n; n <= counting->options->max_n; n++)
    {
      for (guint i = 0; i + n <= n_tokens; i++)
        {
          Key key = { { 0, }, n };
          gboolean all_stop = counting->options->stopwords != NULL;
          Entry *entry;

          for (guint k = 0; k < n; k++)
            {
              key.words[k] = sequence[i + k];
              all_stop = all_stop && g_array_index (counting->is_stop, gboolean, key.words[k]);
            }
          if (all_stop)
            continue;

          entry = table_lookup (&counting->table, &key);

          entry->count++;
          if (entry->last_doc != doc_id)
            {
              entry->last_doc = doc_id;
              entry->docs++;
            }
        }
    }

  return TRUE;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = *(Entry **)a;
  const Entry *eb = *(Entry **)b;

  if (ea->count != eb->count)
    return ea->count > eb->count ? -1 : 1;
  if (ea->docs != eb->docs)
    return ea->docs > eb->docs ? -1 : 1;
  if (ea->key.n != eb->key.n)
    return ea->key.n > eb->key.n ? -1 : 1;
  return 0;
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
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (word_hash, word_equal, g_free, NULL);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) is_stop = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GArray) sequence = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GPtrArray) sorted = NULL;
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
  counting.numbers = numbers;
  counting.words = words;
  counting.is_stop = is_stop;
  table_init (&counting.table);
  counting.sequence = sequence;
  counting.cancellable = cancellable;
  counting.last_doc = -1;
  counting.total = ids != NULL ? ids->len : 0;

  ok = ids != NULL &&
       ce_corpus_tokenize (corpus, (const gint64 *)(void *)ids->data, ids->len,
                           ce_corpus_word_columns (corpus, TRUE), ngrams_cb, &counting, &local);

  ce_corpus_set_cancellable (corpus, NULL);

  if (g_cancellable_is_cancelled (cancellable) || !ok)
    table_clear (&counting.table);

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
  sorted = g_ptr_array_new ();
  for (guint i = 0; i < counting.table.entries->len; i++)
    {
      Entry *entry = &g_array_index (counting.table.entries, Entry, i);

      if ((guint64)entry->count >= MAX (options->min_count, 1))
        g_ptr_array_add (sorted, entry);
    }
  g_ptr_array_sort (sorted, compare_entries);

  ngrams = g_ptr_array_new_with_free_func ((GDestroyNotify)ce_ngram_free);
  for (guint i = 0; i < sorted->len; i++)
    {
      Entry *entry = g_ptr_array_index (sorted, i);
      GString *text = g_string_new (NULL);
      CeNgram *ngram = g_new0 (CeNgram, 1);

      /* Ties at the cut are spelt out too, so the order does not depend
       * on the hash table's */
      if (options->top > 0 && ngrams->len >= options->top &&
          compare_entries (&g_ptr_array_index (sorted, i), &g_ptr_array_index (sorted, i - 1)) != 0)
        {
          g_string_free (text, TRUE);
          g_free (ngram);
          break;
        }

      for (guint k = 0; k < entry->key.n; k++)
        {
          if (k > 0)
            g_string_append_c (text, ' ');
          g_string_append (text, g_ptr_array_index (words, entry->key.words[k]));
        }
      ngram->text = g_string_free (text, FALSE);
      ngram->n = entry->key.n;
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

  g_clear_pointer (&sorted, g_ptr_array_unref);
  table_clear (&counting.table);

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
