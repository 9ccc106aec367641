/* ce-cooccurrence.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-cooccurrence"

#include "config.h"

#include <math.h>

#include "ce-cooccurrence.h"
#include "ce-counter.h"
#include "ce-csv.h"

void
ce_cooccurrence_free (CeCooccurrence *pair)
{
  if (pair == NULL)
    return;

  g_clear_pointer (&pair->both, g_array_unref);
  g_free (pair);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 ia = ((const CeDocCount *)a)->doc_id;
  gint64 ib = ((const CeDocCount *)b)->doc_id;

  return ia < ib ? -1 : ia > ib;
}

/**
 * ce_cooccurrence_compute:
 * @topics: (element-type CeTopic): the topics
 * @n_docs: (out) (optional): documents in the corpus, the N of PMI
 *
 * Counts the documents that mention each topic (ce_counter_count_documents(),
 * kept with the corpus once counted) and, for every pair, those that
 * mention both; Jaccard = both / (A + B − both), PMI = log2 (N · both /
 * (A · B)) with N the documents of the corpus.
 *
 * Returns: (transfer full) (element-type CeCooccurrence): one entry per
 *   pair, in the order of @topics, or %NULL with @error set
 */
GPtrArray *
ce_cooccurrence_compute (CeCorpus      *corpus,
                         GPtrArray     *topics,
                         guint         *n_docs,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func ((GDestroyNotify)ce_cooccurrence_free);
  g_autoptr(GPtrArray) counts = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  GError *local = NULL;
  gint64 n;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);
  g_return_val_if_fail (topics != NULL, NULL);

  ce_corpus_set_cancellable (corpus, cancellable);
  for (guint t = 0; t < topics->len && local == NULL; t++)
    {
      GArray *docs = ce_counter_count_documents (corpus, g_ptr_array_index (topics, t), NULL, &local);

      if (docs != NULL)
        {
          g_array_sort (docs, compare_ids);
          g_ptr_array_add (counts, docs);
        }
    }
  ce_corpus_set_cancellable (corpus, NULL);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (&local);
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return NULL;
    }
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }

  n = ce_corpus_count_documents (corpus);
  if (n_docs != NULL)
    *n_docs = (guint)MAX (n, 0);

  for (guint a = 0; a < topics->len; a++)
    {
      for (guint b = a + 1; b < topics->len; b++)
        {
          GArray *da = g_ptr_array_index (counts, a);
          GArray *db = g_ptr_array_index (counts, b);
          CeCooccurrence *pair = g_new0 (CeCooccurrence, 1);
          guint i = 0, j = 0;

          pair->a = a;
          pair->b = b;
          pair->docs_a = da->len;
          pair->docs_b = db->len;
          pair->both = g_array_new (FALSE, FALSE, sizeof (gint64));

          /* Counts come in id order: merge */
          while (i < da->len && j < db->len)
            {
              gint64 ia = g_array_index (da, CeDocCount, i).doc_id;
              gint64 ib = g_array_index (db, CeDocCount, j).doc_id;

              if (ia == ib)
                {
                  g_array_append_val (pair->both, ia);
                  i++, j++;
                }
              else if (ia < ib)
                i++;
              else
                j++;
            }

          pair->docs_both = pair->both->len;
          pair->jaccard = pair->docs_a + pair->docs_b > pair->docs_both
                            ? (double)pair->docs_both / (pair->docs_a + pair->docs_b - pair->docs_both)
                            : 0;
          pair->pmi = pair->docs_both > 0
                        ? log2 ((double)n * pair->docs_both / ((double)pair->docs_a * pair->docs_b))
                        : NAN;
          g_ptr_array_add (pairs, pair);
        }
    }

  return g_steal_pointer (&pairs);
}

/**
 * ce_cooccurrence_to_csv:
 *
 * Returns: (transfer full): topic_a, topic_b, docs_a, docs_b,
 *   docs_both, jaccard, pmi (empty when no document has both)
 */
char *
ce_cooccurrence_to_csv (GPtrArray *pairs,
                        GPtrArray *topics)
{
  GString *out = g_string_new ("topic_a,topic_b,docs_a,docs_b,docs_both,jaccard,pmi\r\n");

  for (guint i = 0; i < pairs->len; i++)
    {
      const CeCooccurrence *pair = g_ptr_array_index (pairs, i);

      ce_csv_append_field (out, ce_topic_get_name (g_ptr_array_index (topics, pair->a)));
      ce_csv_append_field (out, ce_topic_get_name (g_ptr_array_index (topics, pair->b)));
      ce_csv_append_int (out, pair->docs_a);
      ce_csv_append_int (out, pair->docs_b);
      ce_csv_append_int (out, pair->docs_both);
      ce_csv_append_number (out, pair->jaccard);
      if (isnan (pair->pmi))
        ce_csv_append_field (out, "");
      else
        ce_csv_append_number (out, pair->pmi);
      ce_csv_end_row (out);
    }

  return g_string_free (out, FALSE);
}
