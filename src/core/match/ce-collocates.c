/* ce-collocates.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-collocates"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

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
 * matches counts twice. */

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
  GHashTable               *near;       /* char * -> Near * */
  GString                  *scratch;
  GArray                   *ranges;     /* of the current document */
  GArray                   *in_match;   /* gboolean per token */
  guint64                   matches;
  guint64                   window_tokens;
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
  Near *near;

  g_string_truncate (collecting->scratch, 0);
  g_string_append_len (collecting->scratch, token->text, token->len);

  near = g_hash_table_lookup (collecting->near, collecting->scratch->str);
  if (near == NULL)
    {
      near = g_new0 (Near, 1);
      near->last_doc = -1;
      g_hash_table_insert (collecting->near, g_strdup (collecting->scratch->str), near);
    }

  near->count++;
  if (near->last_doc != doc_id)
    {
      near->last_doc = doc_id;
      near->docs++;
    }
  collecting->window_tokens++;
}

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
  GArray *ranges = collecting->ranges;
  guint t = 0;

  g_array_set_size (collecting->in_match, n_tokens);
  for (guint i = 0; i < n_tokens; i++)
    g_array_index (collecting->in_match, gboolean, i) = FALSE;

  /* Tokens inside a match; ranges and tokens are both in order */
  for (guint r = 0; r < ranges->len; r++)
    {
      const CeSearchRange *range = &g_array_index (ranges, CeSearchRange, r);

      while (t < n_tokens && tokens[t].end <= range->start)
        t++;
      for (guint k = t; k < n_tokens && tokens[k].start < range->end; k++)
        g_array_index (collecting->in_match, gboolean, k) = TRUE;
    }

  t = 0;
  for (guint r = 0; r < ranges->len; r++)
    {
      const CeSearchRange *range = &g_array_index (ranges, CeSearchRange, r);
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
          if (g_array_index (collecting->in_match, gboolean, k))
            continue;
          count_near (collecting, doc_id, &tokens[k]);
          seen++;
        }

      seen = 0;
      for (guint j = last + 1; j < n_tokens && seen < collecting->options->right; j++)
        {
          if (g_array_index (collecting->in_match, gboolean, j))
            continue;
          count_near (collecting, doc_id, &tokens[j]);
          seen++;
        }
    }

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

typedef GArray *(*RangesFunc) (CeCorpus  *corpus,
                               gpointer   node,
                               gint64     doc_id,
                               GError   **error);

static GArray *
query_ranges (CeCorpus  *corpus,
              gpointer   node,
              gint64     doc_id,
              GError   **error)
{
  return ce_search_instances (corpus, node, doc_id, error);
}

static GArray *
topic_ranges (CeCorpus  *corpus,
              gpointer   node,
              gint64     doc_id,
              GError   **error)
{
  return ce_counter_mentions (corpus, node, doc_id, error);
}

static CeCollocateResult *
collect (CeCorpus                  *corpus,
         GArray                    *ids,
         RangesFunc                 ranges_func,
         gpointer                   node,
         const CeCollocateOptions  *options,
         GCancellable              *cancellable,
         GError                   **error)
{
  g_autoptr(CeCollocateResult) result = g_new0 (CeCollocateResult, 1);
  g_autoptr(GHashTable) near = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GString) scratch = g_string_new (NULL);
  g_autoptr(GArray) in_match = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(CeVocabulary) vocabulary = NULL;
  Collecting collecting = { options, near, scratch, NULL, in_match, 0, 0 };
  guint columns = ce_corpus_word_columns (corpus, FALSE);
  GHashTableIter iter;
  gpointer key, value;
  double n;

  if ((vocabulary = ce_vocabulary_get (corpus, error)) == NULL)
    return NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(GArray) ranges = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (options->progress != NULL && i % PROGRESS_EVERY == 0)
        options->progress (i, ids->len, options->progress_data);

      if ((ranges = ranges_func (corpus, node, id, error)) == NULL)
        return NULL;
      if (ranges->len == 0)
        continue;

      result->docs++;
      collecting.ranges = ranges;
      if (!ce_corpus_tokenize (corpus, &id, 1, columns, window_cb, &collecting, error))
        return NULL;
    }

  result->matches = collecting.matches;
  result->window_tokens = collecting.window_tokens;
  result->corpus_tokens = ce_vocabulary_tokens (vocabulary, columns);
  n = result->corpus_tokens;

  result->collocates = g_ptr_array_new_with_free_func ((GDestroyNotify)ce_collocate_free);
  g_hash_table_iter_init (&iter, near);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Near *count = value;
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
    result = collect (corpus, ids, query_ranges, query, options, cancellable, &local);

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
      result = collect (corpus, ids, topic_ranges, topic, options, cancellable, &local);
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
