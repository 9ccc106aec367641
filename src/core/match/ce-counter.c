/* ce-counter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-counter"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-counter-private.h"

/**
 * ce_counter_total:
 * @counts: (element-type CeDocCount): from ce_counter_count_documents()
 *
 * Returns: the sum of the counts
 */
guint64
ce_counter_total (GArray *counts)
{
  guint64 total = 0;

  g_return_val_if_fail (counts != NULL, 0);

  for (guint i = 0; i < counts->len; i++)
    total += g_array_index (counts, CeDocCount, i).count;

  return total;
}

/* Aggregation */

typedef CeCorpusDocRow DocRow;

static CeDocValue
doc_value_of (CeGroupBy by)
{
  switch (by)
    {
    case CE_GROUP_PLACE:   return CE_DOC_VALUE_PLACE;
    case CE_GROUP_SOURCE:  return CE_DOC_VALUE_SOURCE;
    case CE_GROUP_SECTION: return CE_DOC_VALUE_SECTION;
    case CE_GROUP_AUTHOR:  return CE_DOC_VALUE_AUTHOR;
    case CE_GROUP_DOCUMENT:
    case CE_GROUP_DOCUMENT_BY_DATE:
    case CE_GROUP_META:
    case CE_GROUP_DAY:
    case CE_GROUP_WEEK:
    case CE_GROUP_MONTH:
    case CE_GROUP_QUARTER:
    case CE_GROUP_YEAR:
    case CE_GROUP_DATE_AUTO:
    default:
      return CE_DOC_VALUE_NONE;
    }
}

static char *
document_label (const DocRow *row,
                guint         index)
{
  g_autoptr(GString) label = NULL;
  const char *text = row->label;
  const char *end;
  guint chars = 0;

  if (text == NULL || text[0] == 0)
    return g_strdup_printf ("Document %u", index + 1);

  /* A title, or the opening words of the body cut at a word */
  label = g_string_new (NULL);
  for (end = text; *end != 0 && *end != '\n' && chars < 60; end = g_utf8_next_char (end))
    chars++;
  g_string_append_len (label, text, end - text);

  if (*end != 0 && *end != '\n')
    {
      char *space = strrchr (label->str, ' ');

      if (space != NULL && space - label->str > 20)
        g_string_truncate (label, space - label->str);
      g_string_append (label, "…");
    }

  return g_string_free (g_steal_pointer (&label), FALSE);
}

static Category *
lookup_category (GHashTable     *categories,
                 const char     *key,
                 const char     *label,
                 CeCategoryKind  kind)
{
  Category *category = g_hash_table_lookup (categories, key);

  if (category == NULL)
    {
      category = _ce_counter_category_new (key, label, kind);
      g_hash_table_insert (categories, category->key, category);
    }

  return category;
}

static void
add_doc (Category *category,
         guint     doc)
{
  /* Documents are added in order, so a repeat is always the last one */
  if (category->docs->len > 0 &&
      g_array_index (category->docs, guint, category->docs->len - 1) == doc)
    return;

  g_array_append_val (category->docs, doc);
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint ua = *(const guint *)a;
  guint ub = *(const guint *)b;

  return ua < ub ? -1 : ua > ub;
}

static void
compute_category (CeCountTable  *table,
                  Category      *category,
                  const guint32 *words)
{
  guint n = table->n_topics;
  const guint *docs = (const guint *)(gpointer)category->docs->data;
  const guint *restrict counts = table->counts;
  guint64 *restrict mentions;
  guint *restrict mentioning;
  guint64 total_words = 0;

  category->mentions = mentions = g_new0 (guint64, n);
  category->mentioning = mentioning = g_new0 (guint, n);

  /* Locals the compiler knows apart: a chart at 1 GB runs this over
   * every document twice (its category, and "all") */
  for (guint i = 0; i < category->docs->len; i++)
    {
      const guint *row = counts + (gsize)docs[i] * n;

      total_words += words[docs[i]];
      for (guint t = 0; t < n; t++)
        {
          mentions[t] += row[t];
          mentioning[t] += row[t] != 0;
        }
    }
  category->words = total_words;

  category->rank = 0;
  for (guint t = 0; t < n; t++)
    category->rank += _ce_counter_category_value (table, category, t, table->measure);
}

static int
compare_natural (gconstpointer a,
                 gconstpointer b)
{
  const Category *ca = *(Category * const *)a;
  const Category *cb = *(Category * const *)b;
  int cmp;

  if (ca->sort_key != NULL && cb->sort_key != NULL)
    {
      if ((cmp = strcmp (ca->sort_key, cb->sort_key)) != 0)
        return cmp;
    }
  else if (ca->sort_key != NULL || cb->sort_key != NULL)
    return ca->sort_key == NULL ? 1 : -1;

  if (ca->order != cb->order)
    return ca->order < cb->order ? -1 : 1;

  return strcmp (ca->key, cb->key);
}

static int
compare_rank (gconstpointer a,
              gconstpointer b)
{
  const Category *ca = *(Category * const *)a;
  const Category *cb = *(Category * const *)b;

  if (ca->rank != cb->rank)
    return ca->rank > cb->rank ? -1 : 1;

  return compare_natural (a, b);
}

/* Folds the categories beyond the @top_n largest into "Other", whose
 * documents are the union of theirs, so its per-10k and share values
 * are recomputed from those documents rather than summed. */
static Category *
fold_tail (CeCountTable  *table,
           GPtrArray     *values,
           guint          top_n,
           guint          n_docs,
           const guint32 *words)
{
  g_autofree gboolean *seen = NULL;
  Category *other;

  if (top_n == 0 || values->len <= top_n)
    return NULL;

  g_ptr_array_sort (values, compare_rank);

  other = _ce_counter_category_new ("\x1fother", CE_CATEGORY_OTHER_LABEL, CE_CATEGORY_OTHER);
  seen = g_new0 (gboolean, MAX (n_docs, 1));

  while (values->len > top_n)
    {
      Category *folded = g_ptr_array_steal_index (values, values->len - 1);

      for (guint i = 0; i < folded->docs->len; i++)
        {
          guint doc = g_array_index (folded->docs, guint, i);

          if (!seen[doc])
            {
              seen[doc] = TRUE;
              g_array_append_val (other->docs, doc);
            }
        }

      _ce_counter_category_free (folded);
    }

  g_array_sort (other->docs, compare_uint);
  compute_category (table, other, words);

  return other;
}

static Category *
value_category (GHashTable *categories,
                const char *value)
{
  Category *category = lookup_category (categories, value, value, CE_CATEGORY_VALUE);

  if (category->sort_key == NULL)
    {
      g_autofree char *folded = g_utf8_casefold (value, -1);
      category->sort_key = g_utf8_collate_key (folded, -1);
    }

  return category;
}

/**
 * ce_counter_aggregate:
 * @topics: (element-type CeTopic): the series, in order
 * @grouping: the categories
 * @measure: what each value is
 * @filter_fts: (nullable): only documents matching this FTS5 expression
 * @filter_ids: (nullable) (element-type gint64): only these documents
 * @top_n: keep the @top_n largest categories and fold the rest into
 *   "Other"; 0 keeps all
 * @sort: the order of the categories; "(none)" and "Other" come last
 *
 * Counts every topic and groups the counts into a categories × topics
 * table.  Each document belongs to one category, so the mentions and
 * documents of the categories add up to the totals; only with
 * %CE_GROUP_META does a document with several values for the key (tags)
 * count under each of them.  Documents without a value go to "(none)".
 *
 * Returns: (transfer full): the table, or %NULL
 */
CeCountTable *
ce_counter_aggregate (CeCorpus          *corpus,
                      GPtrArray         *topics,
                      const CeGrouping  *grouping,
                      CeMeasure          measure,
                      const char        *filter_fts,
                      GArray            *filter_ids,
                      guint              top_n,
                      CeCategorySort     sort,
                      GError           **error)
{
  g_autoptr(CeCountTable) table = NULL;
  g_auto(CeCounterDocs) docs = { 0, };
  g_autofree guint32 *id_to_doc = NULL;
  g_autofree Category **by_value = NULL;
  g_autoptr(GHashTable) by_date = NULL;
  g_autoptr(GHashTable) meta = NULL;
  g_autoptr(GHashTable) categories = NULL;
  g_autoptr(GPtrArray) values = NULL;
  Category *none = NULL;
  Category *other;
  Category *last_date_category = NULL;
  guint32 last_date = 0;
  GHashTableIter iter;
  gpointer item;
  CeGroupBy by;
  gboolean ok;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);
  g_return_val_if_fail (topics != NULL, NULL);
  g_return_val_if_fail (grouping != NULL, NULL);

  if (filter_fts != NULL && filter_fts[0] == 0)
    filter_fts = NULL;

  by = grouping->by;
  if (by == CE_GROUP_META && (grouping->meta_key == NULL || grouping->meta_key[0] == 0))
    {
      g_set_error_literal (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_GROUPING,
                           _("Grouping by metadata needs a key"));
      return NULL;
    }
  if (ce_group_by_to_string (by) == NULL)
    {
      g_set_error (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_GROUPING,
                   _("Unknown grouping %d"), by);
      return NULL;
    }
  if (ce_measure_to_string (measure) == NULL)
    {
      g_set_error (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_MEASURE,
                   _("Unknown measure %d"), measure);
      return NULL;
    }

  table = g_new0 (CeCountTable, 1);
  g_atomic_ref_count_init (&table->ref_count);
  table->measure = measure;
  table->n_topics = topics->len;
  table->topic_names = g_ptr_array_new_with_free_func (g_free);
  table->topic_colors = g_ptr_array_new_with_free_func (g_free);
  table->categories = g_ptr_array_new_with_free_func (_ce_counter_category_free);

  for (guint t = 0; t < topics->len; t++)
    {
      CeTopic *topic = g_ptr_array_index (topics, t);

      g_return_val_if_fail (CE_IS_TOPIC (topic), NULL);
      g_ptr_array_add (table->topic_names, g_strdup (ce_topic_get_name (topic)));
      g_ptr_array_add (table->topic_colors, g_strdup (ce_topic_get_color (topic)));
    }

  if (by == CE_GROUP_DOCUMENT || by == CE_GROUP_DOCUMENT_BY_DATE)
    ok = _ce_counter_docs_read_labelled (corpus, filter_fts, filter_ids, &docs, error);
  else
    ok = _ce_counter_docs_select (corpus, doc_value_of (by), filter_fts, filter_ids, &docs, error);
  if (!ok)
    return NULL;

  table->doc_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), docs.n);
  g_array_append_vals (table->doc_ids, docs.ids, docs.n);

  id_to_doc = g_new0 (guint32, docs.max_id + 1);
  for (guint i = 0; i < docs.n; i++)
    if (docs.ids[i] >= 0)
      id_to_doc[docs.ids[i]] = i + 1;

  table->counts = g_new0 (guint, MAX (docs.n * topics->len, 1));
  for (guint t = 0; t < topics->len; t++)
    {
      g_autoptr(GArray) counts = NULL;

      counts = ce_counter_count_documents_shared (corpus, g_ptr_array_index (topics, t), filter_fts, error);
      if (counts == NULL)
        return NULL;

      for (guint i = 0; i < counts->len; i++)
        {
          CeDocCount *count = &g_array_index (counts, CeDocCount, i);
          guint doc;

          if (count->doc_id < 0 || count->doc_id > docs.max_id)
            continue;
          doc = id_to_doc[count->doc_id];
          if (doc > 0)
            table->counts[(doc - 1) * topics->len + t] = count->count;
        }
    }

  if (by == CE_GROUP_DATE_AUTO)
    by = _ce_counter_choose_date_bucket (docs.dates, docs.n);
  table->group_by = by;

  if (by == CE_GROUP_META && (meta = ce_corpus_load_meta_values (corpus, grouping->meta_key, error)) == NULL)
    return NULL;

  categories = g_hash_table_new (g_str_hash, g_str_equal);
  if (docs.value_names != NULL)
    by_value = g_new0 (Category *, docs.value_names->len);
  if (_ce_counter_is_date_grouping (by))
    by_date = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < docs.n; i++)
    {
      Category *category = NULL;

      switch (by)
        {
        case CE_GROUP_DOCUMENT:
        case CE_GROUP_DOCUMENT_BY_DATE:
          {
            DocRow *row = &g_array_index (docs.rows, DocRow, i);
            g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, row->id);
            g_autofree char *label = document_label (row, i);

            category = lookup_category (categories, key, label, CE_CATEGORY_VALUE);
            category->order = i;
            if (by == CE_GROUP_DOCUMENT_BY_DATE && row->date != NULL)
              category->sort_key = g_strdup (row->date);
            else if (by == CE_GROUP_DOCUMENT)
              category->sort_key = g_strdup ("");
          }
          break;

        case CE_GROUP_PLACE:
        case CE_GROUP_SOURCE:
        case CE_GROUP_SECTION:
        case CE_GROUP_AUTHOR:
          {
            guint32 value = docs.values[i];

            if (value != 0)
              {
                if (by_value[value] == NULL)
                  by_value[value] = value_category (categories, g_ptr_array_index (docs.value_names, value));
                category = by_value[value];
              }
          }
          break;

        case CE_GROUP_META:
          {
            GPtrArray *list = g_hash_table_lookup (meta, &docs.ids[i]);

            for (guint j = 0; list != NULL && j < list->len; j++)
              add_doc (value_category (categories, g_ptr_array_index (list, j)), i);
            if (list != NULL && list->len > 0)
              continue;
          }
          break;

        case CE_GROUP_DAY:
        case CE_GROUP_WEEK:
        case CE_GROUP_MONTH:
        case CE_GROUP_QUARTER:
        case CE_GROUP_YEAR:
          {
            guint32 code = docs.dates[i];

            if (code == 0)
              break;
            if (code == last_date && last_date_category != NULL)
              {
                category = last_date_category;
                break;
              }

            category = g_hash_table_lookup (by_date, GUINT_TO_POINTER (code));
            if (category == NULL)
              {
                CeCounterDateParts date = _ce_counter_date_parts (code);
                g_autofree char *key = _ce_counter_date_bucket_key (by, &date);

                category = lookup_category (categories, key, key, CE_CATEGORY_VALUE);
                if (category->sort_key == NULL)
                  category->sort_key = g_strdup (key);
                g_hash_table_insert (by_date, GUINT_TO_POINTER (code), category);
              }
            last_date = code;
            last_date_category = category;
          }
          break;

        case CE_GROUP_DATE_AUTO:
        default:
          g_assert_not_reached ();
        }

      if (category == NULL)
        {
          if (none == NULL)
            none = _ce_counter_category_new ("\x1fnone", CE_CATEGORY_NONE_LABEL, CE_CATEGORY_NONE);
          category = none;
        }

      add_doc (category, i);
    }

  if (_ce_counter_is_date_grouping (by))
    _ce_counter_fill_date_gaps (categories, by);

  values = g_ptr_array_new_full (g_hash_table_size (categories), _ce_counter_category_free);
  g_hash_table_iter_init (&iter, categories);
  while (g_hash_table_iter_next (&iter, NULL, &item))
    g_ptr_array_add (values, item);

  for (guint i = 0; i < values->len; i++)
    compute_category (table, g_ptr_array_index (values, i), docs.words);
  if (none != NULL)
    compute_category (table, none, docs.words);

  other = fold_tail (table, values, top_n, docs.n, docs.words);

  g_ptr_array_sort (values, sort == CE_CATEGORY_SORT_VALUE ? compare_rank : compare_natural);

  g_ptr_array_set_free_func (values, NULL);
  g_ptr_array_extend_and_steal (table->categories, g_steal_pointer (&values));
  if (none != NULL)
    g_ptr_array_add (table->categories, none);
  if (other != NULL)
    g_ptr_array_add (table->categories, other);

  table->all = _ce_counter_category_new ("\x1f" "all", "All", CE_CATEGORY_VALUE);
  g_array_set_size (table->all->docs, docs.n);
  for (guint i = 0; i < docs.n; i++)
    g_array_index (table->all->docs, guint, i) = i;
  compute_category (table, table->all, docs.words);

  return g_steal_pointer (&table);
}
