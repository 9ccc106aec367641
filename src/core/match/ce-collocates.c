/* ce-collocates.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-collocates"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ce-analysis-words.h"
#include "ce-collocates.h"
#include "ce-counter.h"
#include "ce-csv.h"
#include "ce-search.h"
#include "ce-vocabulary.h"

/* For each document with matches: the matches as byte ranges in the
 * body (ce_search_instances(), ce_counter_mentions(): what the reader
 * highlights), the tokens of the body, and for each match the words of
 * its window: up to @left tokens before its first token and @right after
 * its last, leaving out tokens inside any match.  A word near two
 * matches counts twice.  A search's matches and the tokens of their
 * windows are read in one pass over the documents it matches
 * (ce_corpus_tokenize_matches(), on two threads when they are many); a
 * topic's document by document. */

#define PROGRESS_EVERY 64

typedef struct
{
  gint64 count;
  guint  docs;
  gint64 last_doc;
} Near;

typedef struct
{
  const CeCollocateOptions *options;
  CeWordTable              *words;
  GArray                   *near;       /* Near, by word number */
  GArray                   *ranges;     /* of the current document */
  GArray                   *in_match;   /* gboolean per token */
  guint64                   matches;
  guint64                   window_tokens;
  guint                     docs;       /* with a match */
  GCancellable             *cancellable;
  CeProgressFunc            progress;
  gpointer                  progress_data;
  guint                     done;
  guint                     total;
} Collecting;

void
ce_collocate_free (CeCollocate *collocate)
{
  if (collocate == NULL)
    return;

  g_free (collocate->word);
  g_free (collocate);
}

void
ce_collocate_result_free (CeCollocateResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->collocates, g_ptr_array_unref);
  g_free (result);
}

static void
count_near (Collecting          *collecting,
            gint64               doc_id,
            const CeCorpusToken *token)
{
  guint32 number = ce_word_table_add (collecting->words, token->text, token->len);
  Near *near;

  if (number >= collecting->near->len)
    {
      Near fresh = { 0, 0, -1 };

      g_array_append_val (collecting->near, fresh);
    }
  near = &g_array_index (collecting->near, Near, number);

  near->count++;
  if (near->last_doc != doc_id)
    {
      near->last_doc = doc_id;
      near->docs++;
    }
  collecting->window_tokens++;
}

/* Counts the words of the windows of one document's matches */
static void
count_windows (Collecting          *collecting,
               gint64               doc_id,
               const CeCorpusToken *tokens,
               guint                n_tokens,
               const CeSearchRange *ranges,
               guint                n_ranges)
{
  gboolean *in_match;
  guint t = 0;

  if (n_tokens == 0)
    return;

  g_array_set_size (collecting->in_match, n_tokens);
  in_match = (gboolean *)(void *)collecting->in_match->data;
  memset (in_match, 0, n_tokens * sizeof (gboolean));

  /* Tokens inside a match; ranges and tokens are both in order */
  for (guint r = 0; r < n_ranges; r++)
    {
      const CeSearchRange *range = &ranges[r];

      while (t < n_tokens && tokens[t].end <= range->start)
        t++;
      for (guint k = t; k < n_tokens && tokens[k].start < range->end; k++)
        in_match[k] = TRUE;
    }

  t = 0;
  for (guint r = 0; r < n_ranges; r++)
    {
      const CeSearchRange *range = &ranges[r];
      guint first, last, seen;
      gint k;

      while (t < n_tokens && tokens[t].end <= range->start)
        t++;
      if (t >= n_tokens || tokens[t].start >= range->end)
        continue;

      first = t;
      last = t;
      while (last + 1 < n_tokens && tokens[last + 1].start < range->end)
        last++;
      collecting->matches++;

      seen = 0;
      for (k = (gint)first - 1; k >= 0 && seen < collecting->options->left; k--)
        {
          if (in_match[k])
            continue;
          count_near (collecting, doc_id, &tokens[k]);
          seen++;
        }

      seen = 0;
      for (guint j = last + 1; j < n_tokens && seen < collecting->options->right; j++)
        {
          if (in_match[j])
            continue;
          count_near (collecting, doc_id, &tokens[j]);
          seen++;
        }
    }
}

/* The topics' way: the mentions of one document, then its tokens */
static gboolean
window_cb (gint64               doc_id,
           int                  column,
           const char          *text,
           gsize                text_len,
           const CeCorpusToken *tokens,
           guint                n_tokens,
           gpointer             user_data)
{
  Collecting *collecting = user_data;

  count_windows (collecting, doc_id, tokens, n_tokens,
                 (const CeSearchRange *)(void *)collecting->ranges->data, collecting->ranges->len);
  return TRUE;
}

/* A search's way: every document's matches and tokens in one pass */
static gboolean
match_cb (gint64               doc_id,
          const CeCorpusToken *tokens,
          guint                n_tokens,
          const CeSearchRange *ranges,
          guint                n_ranges,
          gpointer             user_data)
{
  Collecting *collecting = user_data;

  if (g_cancellable_is_cancelled (collecting->cancellable))
    return FALSE;
  if (collecting->progress != NULL && collecting->done % PROGRESS_EVERY == 0)
    collecting->progress (collecting->done, collecting->total, collecting->progress_data);
  collecting->done++;
  collecting->docs++;

  count_windows (collecting, doc_id, tokens, n_tokens, ranges, n_ranges);
  return TRUE;
}

static int
compare_collocates (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const CeCollocate *ca = *(CeCollocate **)a;
  const CeCollocate *cb = *(CeCollocate **)b;
  CeCollocateSort sort = GPOINTER_TO_INT (user_data);
  double va, vb;

  switch (sort)
    {
    case CE_COLLOCATE_SORT_MI:
      va = ca->mi, vb = cb->mi;
      break;
    case CE_COLLOCATE_SORT_LOGDICE:
      va = ca->log_dice, vb = cb->log_dice;
      break;
    case CE_COLLOCATE_SORT_FREQ:
      va = ca->count, vb = cb->count;
      break;
    case CE_COLLOCATE_SORT_LL:
    default:
      va = ca->ll, vb = cb->ll;
      break;
    }

  if (va != vb)
    return va > vb ? -1 : 1;
  if (ca->count != cb->count)
    return ca->count > cb->count ? -1 : 1;
  return strcmp (ca->word, cb->word);
}

/**
 * ce_collocates_sort:
 * @collocates: (element-type CeCollocate): collocates
 *
 * Sorts by the measure asked for, highest first; ties by frequency, then
 * alphabetically.
 */
void
ce_collocates_sort (GPtrArray       *collocates,
                    CeCollocateSort  sort)
{
  g_return_if_fail (collocates != NULL);

  g_ptr_array_sort_with_data (collocates, compare_collocates, GINT_TO_POINTER (sort));
}

/* A topic's mentions come from ce_counter_mentions(), document by
 * document */
static gboolean
collect_topic (Collecting    *collecting,
               CeCorpus      *corpus,
               GArray        *ids,
               CeTopic       *topic,
               guint          columns,
               GError       **error)
{
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(GArray) ranges = NULL;

      if (g_cancellable_set_error_if_cancelled (collecting->cancellable, error))
        return FALSE;
      if (collecting->progress != NULL && i % PROGRESS_EVERY == 0)
        collecting->progress (i, ids->len, collecting->progress_data);

      if ((ranges = ce_counter_mentions (corpus, topic, id, error)) == NULL)
        return FALSE;
      if (ranges->len == 0)
        continue;

      collecting->docs++;
      collecting->ranges = ranges;
      if (!ce_corpus_tokenize (corpus, &id, 1, columns, window_cb, collecting, error))
        return FALSE;
    }

  return TRUE;
}

/* @query or @topic gives the matches */
static CeCollocateResult *
collect (CeCorpus                  *corpus,
         GArray                    *ids,
         CeQuery                   *query,
         CeTopic                   *topic,
         const CeCollocateOptions  *options,
         GCancellable              *cancellable,
         GError                   **error)
{
  g_autoptr(CeCollocateResult) result = g_new0 (CeCollocateResult, 1);
  g_autoptr(CeWordTable) words = ce_word_table_new ();
  g_autoptr(GArray) near = g_array_new (FALSE, FALSE, sizeof (Near));
  g_autoptr(GArray) in_match = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(CeVocabulary) vocabulary = NULL;
  Collecting collecting = { options, words, near, NULL, in_match, 0, 0, 0, cancellable,
                            options->progress, options->progress_data, 0, ids->len };
  guint columns = ce_corpus_word_columns (corpus, FALSE);
  double n;

  if ((vocabulary = ce_vocabulary_get (corpus, error)) == NULL)
    return NULL;

  /* Only the tokens of the matches and of their windows come */
  if (query != NULL
      ? !ce_corpus_tokenize_matches (corpus, ce_query_get_highlight_fts (query),
                                     (const gint64 *)(void *)ids->data, ids->len, columns,
                                     options->left, options->right, match_cb, &collecting, error)
      : !collect_topic (&collecting, corpus, ids, topic, columns, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  result->docs = collecting.docs;
  result->matches = collecting.matches;
  result->window_tokens = collecting.window_tokens;
  result->corpus_tokens = ce_vocabulary_tokens (vocabulary, columns);
  n = result->corpus_tokens;

  result->collocates = g_ptr_array_new_with_free_func ((GDestroyNotify)ce_collocate_free);
  for (guint32 w = 0; w < near->len; w++)
    {
      const Near *count = &g_array_index (near, Near, w);
      const char *key = ce_word_table_get (words, w);
      CeCollocate *collocate;
      double o11 = count->count;
      double r1 = result->window_tokens;
      double c1;

      if ((guint64)count->count < MAX (options->min_count, 1))
        continue;
      if (options->stopwords != NULL && g_hash_table_contains (options->stopwords, key))
        continue;

      collocate = g_new0 (CeCollocate, 1);
      collocate->word = g_strdup (key);
      collocate->count = count->count;
      collocate->docs = count->docs;
      collocate->corpus_count = ce_vocabulary_entry_count (ce_vocabulary_lookup (vocabulary, key), columns);
      c1 = MAX ((double)collocate->corpus_count, o11);

      /* MI: log2 (O11 / E11), E11 = R1 · C1 / N with R1 the words in the
       * windows; LL: G² of the 2×2 table of window × word; logDice
       * (Rychlý 2008): 14 + log2 (2 O11 / (f(node) + f(word))) */
      collocate->mi = log2 (o11 * n / (r1 * c1));
      collocate->ll = ce_log_likelihood_22 (o11, r1 - o11, c1 - o11, n - r1 - c1 + o11);
      collocate->log_dice = 14 + log2 (2 * o11 / ((double)result->matches + c1));
      g_ptr_array_add (result->collocates, collocate);
    }

  ce_collocates_sort (result->collocates, options->sort);

  if (options->progress != NULL)
    options->progress (ids->len, ids->len, options->progress_data);

  return g_steal_pointer (&result);
}

static CeCollocateResult *
finish (CeCorpus           *corpus,
        CeCollocateResult  *result,
        GError             *local,
        GCancellable       *cancellable,
        GError            **error)
{
  ce_corpus_set_cancellable (corpus, NULL);

  if (result != NULL)
    return result;

  /* An interrupted statement reports an SQL error */
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (&local);
      g_cancellable_set_error_if_cancelled (cancellable, error);
    }
  else
    {
      g_propagate_error (error, local);
    }

  return NULL;
}

/**
 * ce_collocates_for_query:
 * @query: a search; its matches are the nodes
 *
 * Lists the words near the matches of @query in the bodies of the
 * documents it finds, with frequency, MI, log-likelihood and logDice.
 *
 * Returns: (transfer full): the result, or %NULL with @error set
 */
CeCollocateResult *
ce_collocates_for_query (CeCorpus                  *corpus,
                         CeQuery                   *query,
                         const CeCollocateOptions  *options,
                         GCancellable              *cancellable,
                         GError                   **error)
{
  g_autoptr(GArray) ids = NULL;
  CeCollocateResult *result = NULL;
  GError *local = NULL;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (ce_query_get_highlight_fts (query) == NULL)
    {
      g_set_error (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_QUERY,
                   _("Collocates need words to search for, not filters only"));
      return NULL;
    }

  ce_corpus_set_cancellable (corpus, cancellable);
  ids = ce_search_ids (corpus, query, CE_SORT_ORDER, FALSE, &local);
  if (ids != NULL)
    result = collect (corpus, ids, query, NULL, options, cancellable, &local);

  return finish (corpus, result, local, cancellable, error);
}

/**
 * ce_collocates_for_topic:
 * @topic: a topic; its mentions are the nodes
 *
 * Like ce_collocates_for_query(), around the mentions of @topic as the
 * charts count them.
 *
 * Returns: (transfer full): the result, or %NULL with @error set
 */
CeCollocateResult *
ce_collocates_for_topic (CeCorpus                  *corpus,
                         CeTopic                   *topic,
                         const CeCollocateOptions  *options,
                         GCancellable              *cancellable,
                         GError                   **error)
{
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GArray) ids = NULL;
  CeCollocateResult *result = NULL;
  GError *local = NULL;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);
  g_return_val_if_fail (CE_IS_TOPIC (topic), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  ce_corpus_set_cancellable (corpus, cancellable);
  counts = ce_counter_count_documents (corpus, topic, NULL, &local);
  if (counts != NULL)
    {
      ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), counts->len);
      for (guint i = 0; i < counts->len; i++)
        g_array_append_val (ids, g_array_index (counts, CeDocCount, i).doc_id);
      result = collect (corpus, ids, NULL, topic, options, cancellable, &local);
    }

  return finish (corpus, result, local, cancellable, error);
}

/**
 * ce_collocates_to_csv:
 *
 * Returns: (transfer full): word, count, docs, corpus_count, mi,
 *   log_likelihood, log_dice
 */
char *
ce_collocates_to_csv (const CeCollocateResult *result)
{
  GString *out = g_string_new ("word,count,docs,corpus_count,mi,log_likelihood,log_dice\r\n");

  g_return_val_if_fail (result != NULL, NULL);

  for (guint i = 0; i < result->collocates->len; i++)
    {
      const CeCollocate *collocate = g_ptr_array_index (result->collocates, i);

      ce_csv_append_field (out, collocate->word);
      ce_csv_append_int (out, collocate->count);
      ce_csv_append_int (out, collocate->docs);
      ce_csv_append_int (out, collocate->corpus_count);
      ce_csv_append_number (out, collocate->mi);
      ce_csv_append_number (out, collocate->ll);
      ce_csv_append_number (out, collocate->log_dice);
      ce_csv_end_row (out);
    }

  return g_string_free (out, FALSE);
}
