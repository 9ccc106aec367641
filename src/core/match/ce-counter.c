/* ce-counter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-counter"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-counter-private.h"
#include "ce-date.h"

/* Gaps in a time axis are filled up to this many buckets */
#define MAX_FILLED_BUCKETS 5000

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

/* Groupings and measures: their names are the nicks of CE_TYPE_GROUP_BY
 * and CE_TYPE_MEASURE (see ce-counter.h) */

static const char *
enum_nick (GType type,
           int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *entry = g_enum_get_value (klass, value);

  /* Nicks live as long as the type, which is static */
  return entry != NULL ? entry->value_nick : NULL;
}

static gboolean
enum_from_nick (GType       type,
                const char *nick,
                int        *value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *entry = g_enum_get_value_by_nick (klass, nick);

  if (entry == NULL)
    return FALSE;

  *value = entry->value;
  return TRUE;
}

/**
 * ce_grouping_parse:
 * @text: "document", "document-date", "place", "source", "section",
 *   "author", "meta:KEY", "day", "week", "month", "quarter", "year" or
 *   "date" (a bucket chosen from the span of dates)
 * @meta_key: (out) (transfer full): the key of "meta:KEY", else %NULL
 */
gboolean
ce_grouping_parse (const char  *text,
                   CeGroupBy   *by,
                   char       **meta_key,
                   GError     **error)
{
  int value;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (by != NULL, FALSE);
  g_return_val_if_fail (meta_key != NULL, FALSE);

  *meta_key = NULL;

  if (g_str_has_prefix (text, "meta:"))
    {
      if (text[5] == 0)
        {
          g_set_error_literal (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_GROUPING,
                               _("“meta:” needs a metadata key, e.g. meta:tag"));
          return FALSE;
        }

      *by = CE_GROUP_META;
      *meta_key = g_strdup (text + 5);
      return TRUE;
    }

  /* "auto" is what older settings stored for "date" */
  if (g_str_equal (text, "auto"))
    {
      *by = CE_GROUP_DATE_AUTO;
      return TRUE;
    }

  if (enum_from_nick (CE_TYPE_GROUP_BY, text, &value) && value != CE_GROUP_META)
    {
      *by = value;
      return TRUE;
    }

  g_set_error (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_GROUPING,
               _("Unknown grouping “%s”; use document, document-date, place, source, "
                 "section, author, meta:KEY, day, week, month, quarter, year or date"),
               text);
  return FALSE;
}

const char *
ce_group_by_to_string (CeGroupBy by)
{
  return enum_nick (CE_TYPE_GROUP_BY, by);
}

gboolean
ce_measure_parse (const char  *text,
                  CeMeasure   *measure,
                  GError     **error)
{
  int value;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (measure != NULL, FALSE);

  if (enum_from_nick (CE_TYPE_MEASURE, text, &value))
    {
      *measure = value;
      return TRUE;
    }

  g_set_error (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_MEASURE,
               _("Unknown measure “%s”; use mentions, per10k, docs or share"), text);
  return FALSE;
}

const char *
ce_measure_to_string (CeMeasure measure)
{
  return enum_nick (CE_TYPE_MEASURE, measure);
}

const char *
ce_measure_get_units (CeMeasure measure)
{
  switch (measure)
    {
    case CE_MEASURE_MENTIONS:
      return "mentions";
    case CE_MEASURE_PER_10K:
      return "mentions per 10,000 words";
    case CE_MEASURE_DOCUMENTS:
      return "documents mentioning";
    case CE_MEASURE_SHARE:
      return "share of documents mentioning";
    default:
      return NULL;
    }
}

/**
 * ce_measure_get_title:
 * @measure: a measure
 *
 * The measure's name for a reader, translated and capitalised, as a chart's
 * value axis shows it.  ce_measure_get_units() is the untranslated name the
 * CLI's tables and JSON keep, so scripts do not depend on the locale.
 *
 * Returns: the title
 */
const char *
ce_measure_get_title (CeMeasure measure)
{
  switch (measure)
    {
    case CE_MEASURE_MENTIONS:
      /* Translators: the value axis of a chart */
      return _("Mentions");
    case CE_MEASURE_PER_10K:
      /* Translators: the value axis of a chart */
      return _("Mentions per 10,000 words");
    case CE_MEASURE_DOCUMENTS:
      /* Translators: the value axis of a chart */
      return _("Documents mentioning");
    case CE_MEASURE_SHARE:
      /* Translators: the value axis of a chart */
      return _("Share of documents mentioning");
    default:
      return NULL;
    }
}

/* Aggregation */

typedef CeCorpusDocRow DocRow;

typedef struct
{
  int year;
  int month;  /* 0 when the date is only a year */
  int day;    /* 0 when the date has no day */
} DateParts;

static gboolean
read_number (const char *s,
             guint       digits,
             int        *value)
{
  int n = 0;

  for (guint i = 0; i < digits; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      n = n * 10 + (s[i] - '0');
    }

  *value = n;
  return TRUE;
}

/* "2024", "2024-05", "2024-05-17" and "2024-05-17T…" */
static gboolean
parse_date (const char *s,
            DateParts  *date)
{
  memset (date, 0, sizeof *date);

  if (s == NULL || !read_number (s, 4, &date->year) || date->year < 1)
    return FALSE;
  if (s[4] == 0)
    return TRUE;
  if (s[4] != '-' || !read_number (s + 5, 2, &date->month) || date->month < 1 || date->month > 12)
    return FALSE;
  if (s[7] == 0)
    return TRUE;
  if (s[7] != '-' || !read_number (s + 8, 2, &date->day) ||
      !g_date_valid_dmy (date->day, date->month, date->year))
    {
      date->day = 0;
      return FALSE;
    }

  return s[10] == 0 || s[10] == 'T' || s[10] == ' ';
}

guint32
_ce_counter_date_code (const char *date)
{
  DateParts parts;

  if (!parse_date (date, &parts) || parts.year >= (1 << 22))
    return 0;

  return (guint32)parts.year << 9 | (guint32)parts.month << 5 | (guint32)parts.day;
}

static DateParts
date_parts_of (guint32 code)
{
  DateParts date = { (int)(code >> 9), (int)((code >> 5) & 15), (int)(code & 31) };

  return date;
}

/**
 * ce_group_by_date_bucket:
 * @bucket: (out): the date bucket of @by
 *
 * Returns: whether @by groups by a date bucket (day to year), whose keys
 *   ce_date_bucket_key() makes and ce_date_bucket_range() reads back
 */
gboolean
ce_group_by_date_bucket (CeGroupBy     by,
                         CeDateBucket *bucket)
{
  switch (by)
    {
    case CE_GROUP_DAY:     *bucket = CE_DATE_BUCKET_DAY;     return TRUE;
    case CE_GROUP_WEEK:    *bucket = CE_DATE_BUCKET_WEEK;    return TRUE;
    case CE_GROUP_MONTH:   *bucket = CE_DATE_BUCKET_MONTH;   return TRUE;
    case CE_GROUP_QUARTER: *bucket = CE_DATE_BUCKET_QUARTER; return TRUE;
    case CE_GROUP_YEAR:    *bucket = CE_DATE_BUCKET_YEAR;    return TRUE;
    case CE_GROUP_DOCUMENT:
    case CE_GROUP_DOCUMENT_BY_DATE:
    case CE_GROUP_PLACE:
    case CE_GROUP_SOURCE:
    case CE_GROUP_SECTION:
    case CE_GROUP_AUTHOR:
    case CE_GROUP_META:
    case CE_GROUP_DATE_AUTO:
    default:
      return FALSE;
    }
}

static CeDateBucket
date_bucket_of (CeGroupBy by)
{
  CeDateBucket bucket = CE_DATE_BUCKET_YEAR;

  if (!ce_group_by_date_bucket (by, &bucket))
    g_return_val_if_reached (CE_DATE_BUCKET_YEAR);
  return bucket;
}

/* A date lacking the bucket's precision gets a category of its own,
 * labelled with what is known ("2024-05" among days), so no document is
 * dropped; it sorts among them by its text. */
static char *
date_bucket (CeGroupBy        by,
             const DateParts *date)
{
  return ce_date_bucket_key (date_bucket_of (by), date->year, date->month, date->day);
}

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

static gboolean
is_date_grouping (CeGroupBy by)
{
  return by == CE_GROUP_DAY || by == CE_GROUP_WEEK || by == CE_GROUP_MONTH ||
         by == CE_GROUP_QUARTER || by == CE_GROUP_YEAR;
}

/* About 10 to 60 buckets whatever the span; days and weeks only when
 * most dated documents have a day. */
static CeGroupBy
choose_date_bucket (const guint32 *dates,
                    guint          n)
{
  GDate first, last;
  guint dated = 0;
  guint with_day = 0;
  guint32 lowest = G_MAXUINT32, highest = 0;
  gint span;

  /* Codes sort as their dates do */
  for (guint i = 0; i < n; i++)
    {
      if (dates[i] == 0)
        continue;

      dated++;
      if ((dates[i] & 31) > 0)
        with_day++;
      lowest = MIN (lowest, dates[i]);
      highest = MAX (highest, dates[i]);
    }

  if (dated == 0)
    return CE_GROUP_YEAR;

  {
    DateParts a = date_parts_of (lowest), b = date_parts_of (highest);

    g_date_clear (&first, 1);
    g_date_clear (&last, 1);
    g_date_set_dmy (&first, MAX (a.day, 1), MAX (a.month, 1), a.year);
    g_date_set_dmy (&last, MAX (b.day, 1), MAX (b.month, 1), b.year);
  }

  span = g_date_days_between (&first, &last);

  if (with_day * 2 >= dated && span <= 62)
    return CE_GROUP_DAY;
  if (with_day * 2 >= dated && span <= 366)
    return CE_GROUP_WEEK;
  if (span <= 5 * 366)
    return CE_GROUP_MONTH;
  if (span <= 15 * 366)
    return CE_GROUP_QUARTER;
  return CE_GROUP_YEAR;
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

/* A time axis shows empty buckets too, so lines over time are honest */
static void
fill_date_gaps (GHashTable *categories,
                CeGroupBy   by)
{
  GHashTableIter iter;
  Category *category;
  GDate first, last, day;
  guint added = 0;

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);

  g_hash_table_iter_init (&iter, categories);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&category))
    {
      if (category->kind != CE_CATEGORY_VALUE || !ce_date_bucket_range (date_bucket_of (by), category->key, &day, NULL))
        continue;

      if (!g_date_valid (&first) || g_date_compare (&day, &first) < 0)
        first = day;
      if (!g_date_valid (&last) || g_date_compare (&day, &last) > 0)
        last = day;
    }

  if (!g_date_valid (&first))
    return;

  for (day = first; g_date_compare (&day, &last) <= 0 && added < MAX_FILLED_BUCKETS; )
    {
      DateParts date = { g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day) };
      g_autofree char *key = date_bucket (by, &date);

      if (!g_hash_table_contains (categories, key))
        {
          category = _ce_counter_category_new (key, key, CE_CATEGORY_VALUE);
          category->sort_key = g_strdup (key);
          g_hash_table_insert (categories, category->key, category);
          added++;
        }

      switch (by)
        {
        case CE_GROUP_DAY:     g_date_add_days (&day, 1); break;
        case CE_GROUP_WEEK:    g_date_add_days (&day, 7); break;
        case CE_GROUP_MONTH:   g_date_add_months (&day, 1); break;
        case CE_GROUP_QUARTER: g_date_add_months (&day, 3); break;
        case CE_GROUP_YEAR:    g_date_add_years (&day, 1); break;
        case CE_GROUP_DOCUMENT:
        case CE_GROUP_DOCUMENT_BY_DATE:
        case CE_GROUP_PLACE:
        case CE_GROUP_SOURCE:
        case CE_GROUP_SECTION:
        case CE_GROUP_AUTHOR:
        case CE_GROUP_META:
        case CE_GROUP_DATE_AUTO:
        default:
          g_return_if_reached ();
        }
    }
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

  category->mentions = g_new0 (guint64, n);
  category->mentioning = g_new0 (guint, n);
  category->words = 0;

  for (guint i = 0; i < category->docs->len; i++)
    {
      guint doc = g_array_index (category->docs, guint, i);

      category->words += words[doc];
      for (guint t = 0; t < n; t++)
        {
          guint count = table->counts[doc * n + t];

          category->mentions[t] += count;
          if (count > 0)
            category->mentioning[t]++;
        }
    }

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

/* The documents of a table, in corpus order: arrays of the kept rows
 * (ce-counter-rows.c), or rows read with their labels for the document
 * groupings */
typedef struct
{
  guint      n;
  gint64     max_id;
  gint64    *ids;
  guint32   *words;
  guint32   *dates;        /* _ce_counter_date_code() */
  guint32   *values;       /* value groupings: indexes into value_names */
  GPtrArray *value_names;  /* borrowed from the kept rows */
  GArray    *rows;         /* of DocRow, document groupings only */
} Docs;

static void
docs_clear (Docs *docs)
{
  g_clear_pointer (&docs->ids, g_free);
  g_clear_pointer (&docs->words, g_free);
  g_clear_pointer (&docs->dates, g_free);
  g_clear_pointer (&docs->values, g_free);
  g_clear_pointer (&docs->rows, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Docs, docs_clear)

static void
docs_alloc (Docs  *docs,
            guint  n)
{
  docs->n = n;
  docs->ids = g_new (gint64, MAX (n, 1));
  docs->words = g_new (guint32, MAX (n, 1));
  docs->dates = g_new (guint32, MAX (n, 1));
}

/* Document groupings: every row with its label */
static gboolean
read_docs_with_labels (CeCorpus    *corpus,
                       const char  *filter_fts,
                       GArray      *filter_ids,
                       Docs        *docs,
                       GError     **error)
{
  docs->rows = g_array_new (FALSE, TRUE, sizeof (DocRow));
  g_array_set_clear_func (docs->rows, ce_corpus_doc_row_clear);
  if (!ce_corpus_load_doc_rows (corpus, CE_DOC_VALUE_NONE, TRUE, filter_fts, filter_ids,
                                docs->rows, error))
    return FALSE;

  docs_alloc (docs, docs->rows->len);
  for (guint i = 0; i < docs->n; i++)
    {
      DocRow *row = &g_array_index (docs->rows, DocRow, i);

      docs->ids[i] = row->id;
      docs->words[i] = row->words;
      docs->dates[i] = _ce_counter_date_code (row->date);
      docs->max_id = MAX (docs->max_id, row->id);
    }

  return TRUE;
}

/* Every other grouping: the kept rows, restricted by the filters */
static gboolean
select_docs (CeCorpus    *corpus,
             CeDocValue   value,
             const char  *filter_fts,
             GArray      *filter_ids,
             Docs        *docs,
             GError     **error)
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
  g_auto(Docs) docs = { 0, };
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
    ok = read_docs_with_labels (corpus, filter_fts, filter_ids, &docs, error);
  else
    ok = select_docs (corpus, doc_value_of (by), filter_fts, filter_ids, &docs, error);
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

      counts = ce_counter_count_documents (corpus, g_ptr_array_index (topics, t), filter_fts, error);
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
    by = choose_date_bucket (docs.dates, docs.n);
  table->group_by = by;

  if (by == CE_GROUP_META && (meta = ce_corpus_load_meta_values (corpus, grouping->meta_key, error)) == NULL)
    return NULL;

  categories = g_hash_table_new (g_str_hash, g_str_equal);
  if (docs.value_names != NULL)
    by_value = g_new0 (Category *, docs.value_names->len);
  if (is_date_grouping (by))
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
                DateParts date = date_parts_of (code);
                g_autofree char *key = date_bucket (by, &date);

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

  if (is_date_grouping (by))
    fill_date_gaps (categories, by);

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
