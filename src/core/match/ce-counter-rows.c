/* ce-counter-rows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the aggregation (ce-counter.c) needs of every document, kept in
 * memory with the connection so that a chart or a regrouping is a pass
 * over arrays instead of a read of every document's row: the id, the
 * words, the date (parsed once, as an index into the distinct dates) and,
 * once a grouping asked for them, the place, source, section or author
 * (as indexes into their distinct values).  About 20 bytes a document,
 * plus 4 for each field grouped by.
 *
 * Kept per connection like the counts (ce-corpus-count.c), one set for
 * each way of counting copies, and dropped when the corpus changes:
 * through this connection (its generation) or another one (SQLite's
 * data_version).
 */

#define G_LOG_DOMAIN "ce-counter"

#include "config.h"

#include <string.h>

#include "ce-counter-private.h"

#define ROWS_KEY "ce-counter-rows"

typedef struct
{
  guint64         generation;
  gint64          data_version;
  CeCounterRows  *sets[2];       /* every document; each story once */
} RowsState;

static void
rows_free (CeCounterRows *rows)
{
  if (rows == NULL)
    return;

  g_free (rows->ids);
  g_free (rows->words);
  g_free (rows->date_index);
  g_clear_pointer (&rows->dates, g_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (rows->values); i++)
    {
      g_free (rows->values[i]);
      g_clear_pointer (&rows->value_names[i], g_ptr_array_unref);
    }
  g_free (rows);
}

static void
rows_state_free (gpointer data)
{
  RowsState *state = data;

  for (guint i = 0; i < G_N_ELEMENTS (state->sets); i++)
    rows_free (state->sets[i]);
  g_free (state);
}

/* Building the base set: ids, words, dates */

typedef struct
{
  GArray     *ids;
  GArray     *words;
  GArray     *date_index;
  GArray     *dates;
  GHashTable *date_codes;   /* code -> index + 1 */
  char       *last_date;    /* the previous row's date text and its index */
  guint32     last_index;
  gint64      max_id;
} BaseBuilder;

static guint32
date_index_of (BaseBuilder *builder,
               const char  *date)
{
  guint32 code = _ce_counter_date_code (date);
  gpointer found;
  guint32 index;

  if (code == 0)
    return 0;

  found = g_hash_table_lookup (builder->date_codes, GUINT_TO_POINTER (code));
  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  index = builder->dates->len;
  g_array_append_val (builder->dates, code);
  g_hash_table_insert (builder->date_codes, GUINT_TO_POINTER (code), GUINT_TO_POINTER (index + 1));

  return index;
}

static void
add_base_row (gint64      id,
              const char *date,
              guint       words,
              const char *value,
              gpointer    user_data)
{
  BaseBuilder *builder = user_data;
  guint32 words32 = words;
  guint32 index;

  /* Neighbours in corpus order mostly share a date */
  if (date != NULL && builder->last_date != NULL && strcmp (date, builder->last_date) == 0)
    index = builder->last_index;
  else
    {
      index = date_index_of (builder, date);
      g_free (builder->last_date);
      builder->last_date = g_strdup (date);
      builder->last_index = index;
    }

  g_array_append_val (builder->ids, id);
  g_array_append_val (builder->words, words32);
  g_array_append_val (builder->date_index, index);
  builder->max_id = MAX (builder->max_id, id);
}

static CeCounterRows *
build_rows (CeCorpus  *corpus,
            GError   **error)
{
  BaseBuilder builder = { 0, };
  CeCounterRows *rows;
  guint32 none = 0;
  gboolean ok;

  builder.ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  builder.words = g_array_new (FALSE, FALSE, sizeof (guint32));
  builder.date_index = g_array_new (FALSE, FALSE, sizeof (guint32));
  builder.dates = g_array_new (FALSE, FALSE, sizeof (guint32));
  builder.date_codes = g_hash_table_new (NULL, NULL);
  /* Index 0: no date the aggregation can read */
  g_array_append_val (builder.dates, none);

  ok = ce_corpus_scan_doc_rows (corpus, CE_DOC_VALUE_NONE, add_base_row, &builder, error);

  g_hash_table_unref (builder.date_codes);
  g_free (builder.last_date);

  rows = g_new0 (CeCounterRows, 1);
  rows->n = builder.ids->len;
  rows->max_id = builder.max_id;
  rows->ids = (gint64 *)(void *)g_array_free (builder.ids, FALSE);
  rows->words = (guint32 *)(void *)g_array_free (builder.words, FALSE);
  rows->date_index = (guint32 *)(void *)g_array_free (builder.date_index, FALSE);
  rows->dates = builder.dates;

  if (!ok)
    {
      rows_free (rows);
      return NULL;
    }

  return rows;
}

/* A field grouped by, read on first use */

typedef struct
{
  CeCounterRows *rows;
  guint32       *values;
  GPtrArray     *names;        /* index 0: no value */
  GHashTable    *raw;          /* the text as stored -> index + 1 */
  GHashTable    *stripped;     /* the value, stripped -> index + 1 */
  gint64        *id_to_doc;    /* document + 1, by id */
} ValueBuilder;

static void
add_value_row (gint64      id,
               const char *date,
               guint       words,
               const char *value,
               gpointer    user_data)
{
  ValueBuilder *builder = user_data;
  gpointer found;
  guint32 index = 0;
  gint64 doc;

  /* A document the base set does not know (the corpus changed between
   * the two reads) keeps no value; the next aggregation reads both again */
  if (id < 0 || id > builder->rows->max_id || (doc = builder->id_to_doc[id]) == 0)
    return;

  if (value != NULL && value[0] != 0)
    {
      found = g_hash_table_lookup (builder->raw, value);
      if (found != NULL)
        index = GPOINTER_TO_UINT (found) - 1;
      else
        {
          g_autofree char *copy = g_strstrip (g_strdup (value));

          if (copy[0] != 0)
            {
              found = g_hash_table_lookup (builder->stripped, copy);
              if (found != NULL)
                index = GPOINTER_TO_UINT (found) - 1;
              else
                {
                  index = builder->names->len;
                  g_ptr_array_add (builder->names, g_strdup (copy));
                  g_hash_table_insert (builder->stripped, g_steal_pointer (&copy),
                                       GUINT_TO_POINTER (index + 1));
                }
            }
          g_hash_table_insert (builder->raw, g_strdup (value), GUINT_TO_POINTER (index + 1));
        }
    }

  builder->values[doc - 1] = index;
}

static gboolean
load_values (CeCorpus       *corpus,
             CeCounterRows  *rows,
             CeDocValue      value,
             GError        **error)
{
  ValueBuilder builder = { rows, NULL, NULL, NULL, NULL, NULL };
  guint slot = value - 1;
  gboolean ok;

  builder.values = g_new0 (guint32, MAX (rows->n, 1));
  builder.names = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (builder.names, NULL);
  builder.raw = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  builder.stripped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  builder.id_to_doc = g_new0 (gint64, rows->max_id + 1);
  for (guint i = 0; i < rows->n; i++)
    if (rows->ids[i] >= 0)
      builder.id_to_doc[rows->ids[i]] = i + 1;

  ok = ce_corpus_scan_doc_rows (corpus, value, add_value_row, &builder, error);

  g_hash_table_unref (builder.raw);
  g_hash_table_unref (builder.stripped);
  g_free (builder.id_to_doc);

  if (!ok)
    {
      g_free (builder.values);
      g_ptr_array_unref (builder.names);
      return FALSE;
    }

  rows->values[slot] = builder.values;
  rows->value_names[slot] = builder.names;
  return TRUE;
}

/**
 * _ce_counter_rows_get:
 * @value: a field the caller groups by, or %CE_DOC_VALUE_NONE
 *
 * The documents counted on this connection (each story once when it
 * counts unique stories), in corpus order, as the aggregation reads them;
 * with @value's values when one is given.  Read from the corpus the first
 * time and again only after the corpus changed.
 *
 * Returns: (transfer none): the rows, valid until the next call on this
 *   connection; %NULL with @error set
 */
const CeCounterRows *
_ce_counter_rows_get (CeCorpus    *corpus,
                      CeDocValue   value,
                      GError     **error)
{
  RowsState *state = g_object_get_data (G_OBJECT (corpus), ROWS_KEY);
  guint64 generation = ce_corpus_get_generation (corpus);
  gint64 data_version = ce_corpus_get_data_version (corpus);
  guint set = ce_corpus_get_unique_stories (corpus) ? 1 : 0;
  CeCounterRows *rows;

  if (state == NULL)
    {
      state = g_new0 (RowsState, 1);
      state->generation = generation;
      state->data_version = data_version;
      g_object_set_data_full (G_OBJECT (corpus), ROWS_KEY, state, rows_state_free);
    }

  if (state->generation != generation || state->data_version != data_version || data_version < 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (state->sets); i++)
        g_clear_pointer (&state->sets[i], rows_free);
      state->generation = generation;
      state->data_version = data_version;
    }

  if (state->sets[set] == NULL && (state->sets[set] = build_rows (corpus, error)) == NULL)
    return NULL;
  rows = state->sets[set];

  if (value != CE_DOC_VALUE_NONE && rows->values[value - 1] == NULL &&
      !load_values (corpus, rows, value, error))
    return NULL;

  return rows;
}

/**
 * _ce_counter_rows_drop:
 *
 * Forgets the rows kept with @corpus (tests compare with a fresh read)
 */
void
_ce_counter_rows_drop (CeCorpus *corpus)
{
  g_object_set_data (G_OBJECT (corpus), ROWS_KEY, NULL);
}
