/* ce-counter-docs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-counter"

#include "config.h"

#include "ce-counter-private.h"

/* The documents of a table, in corpus order (CeCounterDocs) */

void
_ce_counter_docs_clear (CeCounterDocs *docs)
{
  g_clear_pointer (&docs->ids, g_free);
  g_clear_pointer (&docs->words, g_free);
  g_clear_pointer (&docs->dates, g_free);
  g_clear_pointer (&docs->values, g_free);
  g_clear_pointer (&docs->rows, g_array_unref);
}

static void
docs_alloc (CeCounterDocs *docs,
            guint          n)
{
  docs->n = n;
  docs->ids = g_new (gint64, MAX (n, 1));
  docs->words = g_new (guint32, MAX (n, 1));
  docs->dates = g_new (guint32, MAX (n, 1));
}

/* Document groupings: every row with its label */
gboolean
_ce_counter_docs_read_labelled (CeCorpus       *corpus,
                                const char     *filter_fts,
                                GArray         *filter_ids,
                                CeCounterDocs  *docs,
                                GError        **error)
{
  docs->rows = g_array_new (FALSE, TRUE, sizeof (CeCorpusDocRow));
  g_array_set_clear_func (docs->rows, ce_corpus_doc_row_clear);
  if (!ce_corpus_load_doc_rows (corpus, CE_DOC_VALUE_NONE, TRUE, filter_fts, filter_ids,
                                docs->rows, error))
    return FALSE;

  docs_alloc (docs, docs->rows->len);
  for (guint i = 0; i < docs->n; i++)
    {
      CeCorpusDocRow *row = &g_array_index (docs->rows, CeCorpusDocRow, i);

      docs->ids[i] = row->id;
      docs->words[i] = row->words;
      docs->dates[i] = _ce_counter_date_code (row->date);
      docs->max_id = MAX (docs->max_id, row->id);
    }

  return TRUE;
}

/* Every other grouping: the kept rows, restricted by the filters */
gboolean
_ce_counter_docs_select (CeCorpus       *corpus,
                         CeDocValue      value,
                         const char     *filter_fts,
                         GArray         *filter_ids,
                         CeCounterDocs  *docs,
                         GError        **error)
{
  const CeCounterRows *rows;
  g_autofree guint8 *wanted = NULL;
  guint8 need = 0;
  guint n = 0;

  rows = _ce_counter_rows_get (corpus, value, error);
  if (rows == NULL)
    return FALSE;

  if (filter_fts != NULL || filter_ids != NULL)
    wanted = g_new0 (guint8, rows->max_id + 1);

  if (filter_fts != NULL)
    {
      g_autoptr(GArray) matched = g_array_new (FALSE, FALSE, sizeof (gint64));

      if (!ce_corpus_match_doc_ids (corpus, filter_fts, matched, error))
        return FALSE;

      need |= 1;
      for (guint i = 0; i < matched->len; i++)
        {
          gint64 id = g_array_index (matched, gint64, i);

          if (id >= 0 && id <= rows->max_id)
            wanted[id] |= 1;
        }
    }

  if (filter_ids != NULL)
    {
      need |= 2;
      for (guint i = 0; i < filter_ids->len; i++)
        {
          gint64 id = g_array_index (filter_ids, gint64, i);

          if (id >= 0 && id <= rows->max_id)
            wanted[id] |= 2;
        }
    }

  if (wanted == NULL)
    n = rows->n;
  else
    for (guint i = 0; i < rows->n; i++)
      n += (wanted[rows->ids[i]] & need) == need;

  docs_alloc (docs, n);
  docs->max_id = rows->max_id;
  if (value != CE_DOC_VALUE_NONE)
    {
      docs->values = g_new (guint32, MAX (n, 1));
      docs->value_names = rows->value_names[value - 1];
    }

  for (guint i = 0, j = 0; i < rows->n; i++)
    {
      if (wanted != NULL && (wanted[rows->ids[i]] & need) != need)
        continue;

      docs->ids[j] = rows->ids[i];
      docs->words[j] = rows->words[i];
      docs->dates[j] = g_array_index (rows->dates, guint32, rows->date_index[i]);
      if (docs->values != NULL)
        docs->values[j] = rows->values[value - 1][i];
      j++;
    }

  return TRUE;
}
