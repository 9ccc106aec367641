/* ce-keyness.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-keyness"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ce-analysis-words.h"
#include "ce-counter.h"
#include "ce-csv.h"
#include "ce-keyness.h"
#include "ce-search.h"
#include "ce-vocabulary.h"

/* Titles and bodies: a word searched is found in either, and in quoted
 * text when that counts */
#define COLUMNS(corpus) (ce_corpus_word_columns ((corpus), TRUE))
#define PROGRESS_EVERY 256

typedef struct
{
  gint64 count[2];
  guint  docs[2];
  gint64 last_doc[2];
} WordCount;

typedef struct
{
  CeWordTable    *table;
  GArray         *words;      /* WordCount, by number */
  guint64         tokens[2];
  int             side;
  guint           done;
  guint           total;
  GCancellable   *cancellable;
  CeProgressFunc  progress;
  gpointer        progress_data;
  gint64          last_doc;
} Counting;

void
ce_keyword_free (CeKeyword *keyword)
{
  if (keyword == NULL)
    return;

  g_free (keyword->word);
  g_free (keyword);
}

void
ce_keyword_result_free (CeKeywordResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->keywords, g_ptr_array_unref);
  g_free (result);
}

static gboolean
count_words_cb (gint64         doc_id,
                int            column,
                const guint32 *numbers,
                guint          n_numbers,
                gpointer       user_data)
{
  Counting *counting = user_data;
  int side = counting->side;
  WordCount *counts;

  if (doc_id != counting->last_doc)
    {
      counting->last_doc = doc_id;
      if (g_cancellable_is_cancelled (counting->cancellable))
        return FALSE;
      if (counting->progress != NULL && ++counting->done % PROGRESS_EVERY == 0)
        counting->progress (counting->done, counting->total, counting->progress_data);
    }

  /* Words met for the first time */
  while (counting->words->len < ce_word_table_size (counting->table))
    {
      WordCount fresh = { { 0, 0 }, { 0, 0 }, { -1, -1 } };

      g_array_append_val (counting->words, fresh);
    }

  counts = (WordCount *)(void *)counting->words->data;
  for (guint i = 0; i < n_numbers; i++)
    {
      WordCount *count = &counts[numbers[i]];

      count->count[side]++;
      if (count->last_doc[side] != doc_id)
        {
          count->last_doc[side] = doc_id;
          count->docs[side]++;
        }
    }
  counting->tokens[side] += n_numbers;

  return TRUE;
}

static gboolean
count_side (Counting     *counting,
            CeCorpus     *corpus,
            GArray       *ids,
            int           side,
            GError      **error)
{
  counting->side = side;
  counting->last_doc = -1;

  if (!ce_corpus_tokenize_words (corpus, (const gint64 *)(void *)ids->data, ids->len, COLUMNS (corpus),
                                 counting->table, count_words_cb, counting, error))
    return FALSE;

  return !g_cancellable_set_error_if_cancelled (counting->cancellable, error);
}

static int
compare_ll (gconstpointer a,
            gconstpointer b)
{
  const CeKeyword *ka = *(CeKeyword **)a;
  const CeKeyword *kb = *(CeKeyword **)b;
  gboolean pa = ka->log_ratio > 0;
  gboolean pb = kb->log_ratio > 0;

  /* Words the target uses more first, those it uses less after */
  if (pa != pb)
    return pa ? -1 : 1;
  if (ka->ll != kb->ll)
    return ka->ll > kb->ll ? -1 : 1;
  return strcmp (ka->word, kb->word);
}

static int
compare_ratio (gconstpointer a,
               gconstpointer b)
{
  const CeKeyword *ka = *(CeKeyword **)a;
  const CeKeyword *kb = *(CeKeyword **)b;

  if (ka->log_ratio != kb->log_ratio)
    return ka->log_ratio > kb->log_ratio ? -1 : 1;
  if (ka->ll != kb->ll)
    return ka->ll > kb->ll ? -1 : 1;
  return strcmp (ka->word, kb->word);
}

/**
 * ce_keywords_sort:
 * @keywords: (element-type CeKeyword): keywords
 *
 * Sorts by log-likelihood (the words used more in the target first, by
 * falling G², then those used less, by falling G²) or by log ratio
 * (highest first).
 */
void
ce_keywords_sort (GPtrArray     *keywords,
                  CeKeywordSort  sort)
{
  g_return_if_fail (keywords != NULL);

  g_ptr_array_sort (keywords, sort == CE_KEYWORD_SORT_RATIO ? compare_ratio : compare_ll);
}

typedef struct
{
  CeKeywordResult        *result;
  const CeKeywordOptions *options;
  CeWordTable            *table;
  GPtrArray              *candidates;
  guint                   columns;
} Testing;

static void
consider (Testing    *testing,
          const char *word,
          gint64      a,
          gint64      b,
          guint       docs)
{
  CeKeyword *keyword;

  if ((guint64)(a + b) < MAX (testing->options->min_count, 1))
    return;
  if (testing->options->stopwords != NULL && g_hash_table_contains (testing->options->stopwords, word))
    return;

  keyword = g_new0 (CeKeyword, 1);
  keyword->word = g_strdup (word);
  keyword->target_count = a;
  keyword->reference_count = b;
  keyword->target_docs = docs;
  keyword->ll = ce_log_likelihood_2 (a, b, testing->result->target_tokens,
                                     testing->result->reference_tokens);
  keyword->log_ratio = ce_log_ratio (a, b, testing->result->target_tokens,
                                     testing->result->reference_tokens);
  keyword->p_value = ce_chi2_p_value (keyword->ll);
  g_ptr_array_add (testing->candidates, keyword);
}

static void
consider_reference_only_cb (const char              *word,
                            const CeVocabularyEntry *entry,
                            gpointer                 user_data)
{
  Testing *testing = user_data;

  if (ce_word_table_lookup (testing->table, word, strlen (word)) < 0)
    consider (testing, word, 0, ce_vocabulary_entry_count (entry, testing->columns), 0);
}

/* The documents are known: count them, then test every word */
static CeKeywordResult *
compute (CeCorpus                *corpus,
         GArray                  *target_ids,
         GArray                  *reference_ids,
         const CeKeywordOptions  *options,
         GCancellable            *cancellable,
         GError                 **error)
{
  g_autoptr(CeKeywordResult) result = g_new0 (CeKeywordResult, 1);
  g_autoptr(CeWordTable) table = ce_word_table_new ();
  g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (WordCount));
  g_autoptr(CeVocabulary) vocabulary = NULL;
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func ((GDestroyNotify)ce_keyword_free);
  Counting counting = { 0, };
  Testing testing = { 0, };
  double alpha;

  if (reference_ids == NULL && (vocabulary = ce_vocabulary_get (corpus, error)) == NULL)
    return NULL;

  testing.columns = COLUMNS (corpus);
  counting.table = table;
  counting.words = words;
  counting.cancellable = cancellable;
  counting.progress = options->progress;
  counting.progress_data = options->progress_data;
  counting.total = target_ids->len + (reference_ids != NULL ? reference_ids->len : 0);

  if (!count_side (&counting, corpus, target_ids, 0, error))
    return NULL;
  if (reference_ids != NULL && !count_side (&counting, corpus, reference_ids, 1, error))
    return NULL;

  result->target_docs = target_ids->len;
  result->target_tokens = counting.tokens[0];
  if (reference_ids != NULL)
    {
      result->reference_docs = reference_ids->len;
      result->reference_tokens = counting.tokens[1];
    }
  else
    {
      gint64 n_docs = ce_corpus_count_documents (corpus);

      result->reference_docs = n_docs > target_ids->len ? (guint)(n_docs - target_ids->len) : 0;
      result->reference_tokens = ce_vocabulary_tokens (vocabulary, testing.columns) - counting.tokens[0];
    }

  if (result->target_tokens == 0 || result->reference_tokens == 0)
    {
      g_set_error (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_QUERY,
                   result->target_tokens == 0 ? _("The target holds no words")
                                              : _("The reference holds no words: the target is the whole corpus"));
      return NULL;
    }

  testing.result = result;
  testing.options = options;
  testing.table = table;
  testing.candidates = candidates;

  if (reference_ids != NULL)
    {
      for (guint32 w = 0; w < words->len; w++)
        {
          const WordCount *count = &g_array_index (words, WordCount, w);

          consider (&testing, ce_word_table_get (table, w), count->count[0], count->count[1], count->docs[0]);
        }
    }
  else
    {
      /* The rest of the corpus: every word of the index less the target's */
      for (guint32 w = 0; w < words->len; w++)
        {
          const WordCount *count = &g_array_index (words, WordCount, w);
          const char *key = ce_word_table_get (table, w);
          gint64 all = ce_vocabulary_entry_count (ce_vocabulary_lookup (vocabulary, key), testing.columns);

          consider (&testing, key, count->count[0], MAX (all - count->count[0], 0), count->docs[0]);
        }

      /* Words only the reference has */
      ce_vocabulary_foreach (vocabulary, consider_reference_only_cb, &testing);
    }

  result->words_tested = candidates->len;
  alpha = options->alpha > 0 ? options->alpha : 0.05;
  result->critical = ce_chi2_critical (alpha / MAX (candidates->len, 1));

  result->keywords = g_ptr_array_new_with_free_func ((GDestroyNotify)ce_keyword_free);
  for (guint i = 0; i < candidates->len; i++)
    {
      CeKeyword *keyword = g_ptr_array_index (candidates, i);

      if (keyword->ll >= result->critical)
        g_ptr_array_add (result->keywords, g_steal_pointer (&candidates->pdata[i]));
    }
  ce_keywords_sort (result->keywords, options->sort);

  if (options->progress != NULL)
    options->progress (counting.total, counting.total, options->progress_data);

  return g_steal_pointer (&result);
}

/* An interrupted statement reports an SQL error */
static void
report_cancelled (GCancellable  *cancellable,
                  GError       **error)
{
  if (g_cancellable_is_cancelled (cancellable) && error != NULL && *error != NULL &&
      !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (error);
      g_cancellable_set_error_if_cancelled (cancellable, error);
    }
}

/**
 * ce_keywords_compute:
 * @target: the documents studied: a search with its filters
 * @reference: (nullable): the documents compared with; %NULL for every
 *   document of the corpus that is not in the target
 * @options: minimum frequency, stop words, order, progress
 * @cancellable: (nullable): interrupts the work
 *
 * For every word of the target and the reference: its frequency in each,
 * log-likelihood G² (ce_log_likelihood_2()) and log ratio
 * (ce_log_ratio()).  A word is listed when G² passes the chi-square
 * critical value for @options->alpha divided by the number of words
 * tested (Bonferroni): those with at least @options->min_count
 * occurrences and not stop words.
 *
 * Returns: (transfer full): the result, or %NULL with @error set
 */
CeKeywordResult *
ce_keywords_compute (CeCorpus                *corpus,
                     CeQuery                 *target,
                     CeQuery                 *reference,
                     const CeKeywordOptions  *options,
                     GCancellable            *cancellable,
                     GError                 **error)
{
  g_autoptr(GArray) target_ids = NULL;
  g_autoptr(GArray) reference_ids = NULL;
  CeKeywordResult *result = NULL;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);
  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (ce_query_is_empty (target))
    {
      g_set_error (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_QUERY,
                   _("Keywords need a target: a search that picks some of the documents"));
      return NULL;
    }

  ce_corpus_set_cancellable (corpus, cancellable);

  if ((target_ids = ce_search_ids (corpus, target, CE_SORT_ORDER, FALSE, error)) != NULL &&
      (reference == NULL ||
       (reference_ids = ce_search_ids (corpus, reference, CE_SORT_ORDER, FALSE, error)) != NULL))
    result = compute (corpus, target_ids, reference_ids, options, cancellable, error);

  ce_corpus_set_cancellable (corpus, NULL);
  if (result == NULL)
    report_cancelled (cancellable, error);

  return result;
}

/**
 * ce_keywords_compute_for_ids:
 * @target_ids: (element-type gint64): the documents studied, each once
 *   (those a chart's bar counts)
 *
 * Like ce_keywords_compute(), against the rest of the corpus, for a set
 * of documents rather than a search.
 *
 * Returns: (transfer full): the result, or %NULL with @error set
 */
CeKeywordResult *
ce_keywords_compute_for_ids (CeCorpus                *corpus,
                             GArray                  *target_ids,
                             const CeKeywordOptions  *options,
                             GCancellable            *cancellable,
                             GError                 **error)
{
  CeKeywordResult *result;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);
  g_return_val_if_fail (target_ids != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (target_ids->len == 0)
    {
      g_set_error (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_QUERY,
                   _("Keywords need a target: a search that picks some of the documents"));
      return NULL;
    }

  ce_corpus_set_cancellable (corpus, cancellable);
  result = compute (corpus, target_ids, NULL, options, cancellable, error);
  ce_corpus_set_cancellable (corpus, NULL);
  if (result == NULL)
    report_cancelled (cancellable, error);

  return result;
}

/**
 * ce_keywords_to_csv:
 *
 * Returns: (transfer full): the keywords as CSV, one row per word, the
 *   word first: word, target_count, reference_count, target_docs,
 *   log_likelihood, log_ratio
 */
char *
ce_keywords_to_csv (const CeKeywordResult *result)
{
  GString *out = g_string_new ("word,target_count,reference_count,target_docs,log_likelihood,log_ratio\r\n");

  g_return_val_if_fail (result != NULL, NULL);

  for (guint i = 0; i < result->keywords->len; i++)
    {
      const CeKeyword *keyword = g_ptr_array_index (result->keywords, i);

      ce_csv_append_field (out, keyword->word);
      ce_csv_append_int (out, keyword->target_count);
      ce_csv_append_int (out, keyword->reference_count);
      ce_csv_append_int (out, keyword->target_docs);
      ce_csv_append_number (out, keyword->ll);
      ce_csv_append_number (out, keyword->log_ratio);
      ce_csv_end_row (out);
    }

  return g_string_free (out, FALSE);
}
