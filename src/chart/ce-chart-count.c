/* ce-chart-count.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-chart-count"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-chart-count.h"

G_STATIC_ASSERT ((int)CE_CHART_SORT_NATURAL == (int)CE_CATEGORY_SORT_NATURAL);
G_STATIC_ASSERT ((int)CE_CHART_SORT_VALUE == (int)CE_CATEGORY_SORT_VALUE);

CeChartMeasure
ce_chart_measure_from_count (CeMeasure measure)
{
  switch (measure)
    {
    case CE_MEASURE_PER_10K:
      return CE_CHART_MEASURE_MENTIONS_PER_10K;
    case CE_MEASURE_DOCUMENTS:
      return CE_CHART_MEASURE_DOCUMENTS;
    case CE_MEASURE_SHARE:
      return CE_CHART_MEASURE_SHARE;
    case CE_MEASURE_MENTIONS:
    default:
      return CE_CHART_MEASURE_MENTIONS;
    }
}

/**
 * ce_chart_group_by_title:
 *
 * Returns: the x-axis title for categories grouped by @by
 */
const char *
ce_chart_group_by_title (CeGroupBy by)
{
  switch (by)
    {
    case CE_GROUP_DOCUMENT:
    case CE_GROUP_DOCUMENT_BY_DATE:
      return _("Document");
    case CE_GROUP_PLACE:
      return _("Place");
    case CE_GROUP_SOURCE:
      return _("Source");
    case CE_GROUP_SECTION:
      return _("Section");
    case CE_GROUP_AUTHOR:
      return _("Author");
    case CE_GROUP_META:
      return _("Metadata");
    case CE_GROUP_DAY:
      return _("Day");
    case CE_GROUP_WEEK:
      return _("Week");
    case CE_GROUP_MONTH:
      return _("Month");
    case CE_GROUP_QUARTER:
      return _("Quarter");
    case CE_GROUP_YEAR:
      return _("Year");
    case CE_GROUP_DATE_AUTO:
    default:
      return _("Date");
    }
}

/**
 * ce_chart_model_new_from_count_table:
 * @table: counts of topics by category
 * @title: (nullable): the chart's title
 * @subtitle: (nullable): a line under the title
 * @source_line: (nullable): the source note under the chart
 *
 * A chart of @table: one series per topic (its name and colour), one
 * category per category of @table, in the same order (so category i of
 * the chart is category i of the table, and a bar's documents are
 * ce_count_table_dup_documents (table, i, series)), and the table's
 * values of its measure.  Categories of a date grouping get their periods,
 * which gives lines a time axis when every category is dated.
 *
 * Returns: (transfer full): a new model
 */
CeChartModel *
ce_chart_model_new_from_count_table (CeCountTable *table,
                                     const char   *title,
                                     const char   *subtitle,
                                     const char   *source_line)
{
  g_autoptr(CeChartModel) model = NULL;
  CeMeasure measure;
  CeGroupBy by;
  guint n_topics;

  g_return_val_if_fail (table != NULL, NULL);

  model = ce_chart_model_new ();
  measure = ce_count_table_get_measure (table);
  by = ce_count_table_get_group_by (table);
  n_topics = ce_count_table_get_n_topics (table);

  ce_chart_model_set_title (model, title);
  ce_chart_model_set_subtitle (model, subtitle);
  ce_chart_model_set_source (model, source_line);
  ce_chart_model_set_measure (model, ce_chart_measure_from_count (measure));
  ce_chart_model_set_unit_label (model, ce_count_table_get_units (table));
  ce_chart_model_set_y_title (model, ce_measure_get_title (measure));
  ce_chart_model_set_x_title (model, ce_chart_group_by_title (by));

  for (guint t = 0; t < n_topics; t++)
    {
      CeColor color;
      gboolean has_color = ce_color_parse (&color, ce_count_table_get_topic_color (table, t));

      ce_chart_model_add_series (model, ce_count_table_get_topic_name (table, t),
                                 has_color ? &color : NULL);
    }

  for (guint c = 0; c < ce_count_table_get_n_categories (table); c++)
    {
      CeCategoryKind kind = ce_count_table_get_category_kind (table, c);
      const char *key = ce_count_table_get_category_key (table, c);
      CeDateBucket bucket;
      GDate first, after;
      guint index;

      /* Sort keys only matter to ce_chart_model_sort(); the table's order
       * is already the one asked for, and kept as the insertion order. */
      index = ce_chart_model_add_category (model, ce_count_table_get_category_label (table, c));
      g_assert (index == c);

      /* The counter made the keys; core reads their periods back */
      if (kind == CE_CATEGORY_VALUE && ce_group_by_date_bucket (by, &bucket) &&
          ce_date_bucket_range (bucket, key, &first, &after))
        ce_chart_model_set_category_dates (model, index,
                                           g_date_get_julian (&first), g_date_get_julian (&after));

      for (guint t = 0; t < n_topics; t++)
        ce_chart_model_set_value (model, t, index, ce_count_table_get_value (table, c, t));
    }

  return g_steal_pointer (&model);
}

/**
 * ce_chart_count_make_title:
 *
 * Returns: (transfer full): a title naming the topics of @table:
 *   "Trade, Climate and Storms"
 */
char *
ce_chart_count_make_title (CeCountTable *table)
{
  guint n;

  g_return_val_if_fail (table != NULL, NULL);

  n = ce_count_table_get_n_topics (table);
  switch (n)
    {
    case 0:
      return g_strdup (_("No topics"));
    case 1:
      return g_strdup (ce_count_table_get_topic_name (table, 0));
    case 2:
      /* Translators: a chart title naming two topics */
      return g_strdup_printf (_("%s and %s"),
                              ce_count_table_get_topic_name (table, 0),
                              ce_count_table_get_topic_name (table, 1));
    default:
      {
        g_autoptr(GString) title = g_string_new (ce_count_table_get_topic_name (table, 0));
        guint shown = MIN (n, 4);

        for (guint t = 1; t + 1 < shown; t++)
          g_string_append_printf (title, ", %s", ce_count_table_get_topic_name (table, t));

        if (shown < n)
          /* Translators: the end of a chart title: "A, B, C and 3 more" */
          g_string_append_printf (title, _(", %s and %u more"),
                                  ce_count_table_get_topic_name (table, shown - 1), n - shown);
        else
          /* Translators: the last topic of a chart title: "A, B and C" */
          g_string_append_printf (title, _(" and %s"), ce_count_table_get_topic_name (table, n - 1));

        return g_string_free (g_steal_pointer (&title), FALSE);
      }
    }
}

/**
 * ce_chart_count_make_subtitle:
 * @query: (nullable): the search the counts are restricted to
 *
 * Returns: (transfer full): what is counted, how it is grouped and over
 *   how many documents: "Mentions per 10,000 words by month · 52 documents"
 */
char *
ce_chart_count_make_subtitle (CeCountTable *table,
                              const char   *query)
{
  g_autofree char *units = NULL;
  g_autofree char *group = NULL;
  g_autofree char *stripped = NULL;
  g_autoptr(GString) text = NULL;
  guint n_documents;

  g_return_val_if_fail (table != NULL, NULL);

  units = g_strdup (ce_measure_get_title (ce_count_table_get_measure (table)));
  group = g_utf8_strdown (ce_chart_group_by_title (ce_count_table_get_group_by (table)), -1);
  n_documents = ce_count_table_get_n_documents (table);

  text = g_string_new (NULL);
  /* Translators: "Mentions by month" */
  g_string_append_printf (text, _("%s by %s"), units, group);
  g_string_append (text, " · ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u document", "%u documents", n_documents),
                          n_documents);

  stripped = query != NULL ? g_strstrip (g_strdup (query)) : NULL;
  if (stripped != NULL && stripped[0] != 0)
    {
      g_string_append (text, " · ");
      /* Translators: the search a chart is restricted to */
      g_string_append_printf (text, _("matching “%s”"), stripped);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
is_document_grouping (CeGroupBy by)
{
  return by == CE_GROUP_DOCUMENT || by == CE_GROUP_DOCUMENT_BY_DATE;
}

/**
 * ce_chart_model_add_dispersion:
 * @self: a model made from @table
 * @corpus: the corpus @table counts
 * @topics: (element-type CeTopic): the topics of @table, in its order
 * @table: counts
 * @max_rows: at most this many rows; 0 for no limit
 * @error: return location for an error
 *
 * Adds a dispersion row for each document of @table that mentions a
 * topic, in the order of the table's categories, with a tick for each
 * mention at its relative position in the body (start byte / body
 * length, from 0 to 1).  Documents folded into "Other" by a top N are
 * left out: the top N are the rows.  The x-axis title becomes the
 * position in the document.
 *
 * Returns: (transfer full) (element-type gint64): the document id of each
 *   row, or %NULL on error
 */
GArray *
ce_chart_model_add_dispersion (CeChartModel  *self,
                               CeCorpus      *corpus,
                               GPtrArray     *topics,
                               CeCountTable  *table,
                               guint          max_rows,
                               GError       **error)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GHashTable) seen = NULL;
  gboolean by_document;

  g_return_val_if_fail (CE_IS_CHART_MODEL (self), NULL);
  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);
  g_return_val_if_fail (topics != NULL, NULL);
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (topics->len == ce_count_table_get_n_topics (table), NULL);
  g_return_val_if_fail (topics->len == ce_chart_model_get_n_series (self), NULL);

  rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  by_document = is_document_grouping (ce_count_table_get_group_by (table));

  ce_chart_model_set_x_title (self, NULL);

  for (guint c = 0; c < ce_count_table_get_n_categories (table); c++)
    {
      g_autoptr(GArray) ids = NULL;
      gboolean single;

      if (ce_count_table_get_category_kind (table, c) == CE_CATEGORY_OTHER)
        continue;

      ids = ce_count_table_dup_documents (table, c, -1);
      single = by_document && ce_count_table_get_category_kind (table, c) == CE_CATEGORY_VALUE;

      for (guint i = 0; i < ids->len; i++)
        {
          gint64 *id = &g_array_index (ids, gint64, i);
          g_autoptr(CeDocument) document = NULL;
          g_autofree char *fallback = NULL;
          const char *label;
          const char *body;
          double length;
          guint row;

          if (max_rows > 0 && rows->len >= max_rows)
            return g_steal_pointer (&rows);

          if (g_hash_table_contains (seen, id))
            continue;
          g_hash_table_add (seen, g_memdup2 (id, sizeof *id));

          document = ce_corpus_get_document (corpus, *id, error);
          if (document == NULL)
            return NULL;

          body = ce_document_get_body (document);
          length = body != NULL ? strlen (body) : 0;

          /* A category of its own already has the label the table uses */
          if (single)
            label = ce_count_table_get_category_label (table, c);
          else if (ce_document_get_title (document) != NULL && ce_document_get_title (document)[0] != 0)
            label = ce_document_get_title (document);
          else
            {
              g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, *id);

              /* Translators: a document without a title, by its number */
              label = fallback = g_strdup_printf (_("Document %s"), number);
            }

          row = ce_chart_model_add_document (self, label, 1.0);
          g_array_append_val (rows, *id);

          for (guint t = 0; t < topics->len; t++)
            {
              g_autoptr(GArray) mentions = NULL;

              mentions = ce_counter_mentions (corpus, g_ptr_array_index (topics, t), *id, error);
              if (mentions == NULL)
                return NULL;

              for (guint m = 0; m < mentions->len && length > 0; m++)
                ce_chart_model_add_mention (self, row, t,
                                            g_array_index (mentions, CeMention, m).start / length);
            }
        }
    }

  return g_steal_pointer (&rows);
}

/**
 * ce_chart_count_default_sort:
 * @by: a grouping
 *
 * Returns: the order a chart of categories grouped by @by reads best in:
 *   dates in time and documents in corpus order, other values by size
 */
CeChartSort
ce_chart_count_default_sort (CeGroupBy by)
{
  switch (by)
    {
    case CE_GROUP_DOCUMENT:
    case CE_GROUP_DOCUMENT_BY_DATE:
    case CE_GROUP_DAY:
    case CE_GROUP_WEEK:
    case CE_GROUP_MONTH:
    case CE_GROUP_QUARTER:
    case CE_GROUP_YEAR:
    case CE_GROUP_DATE_AUTO:
      return CE_CHART_SORT_NATURAL;

    case CE_GROUP_PLACE:
    case CE_GROUP_SOURCE:
    case CE_GROUP_SECTION:
    case CE_GROUP_AUTHOR:
    case CE_GROUP_META:
    default:
      return CE_CHART_SORT_VALUE;
    }
}

/**
 * ce_chart_count_build_model:
 * @corpus: the corpus @table counts
 * @topics: (element-type CeTopic): the topics of @table, in its order
 * @table: counts
 * @options: (nullable): titles and what to add; %NULL for the defaults
 * @rows: (out) (optional) (transfer full) (element-type gint64): for a
 *   dispersion, the document id of each row
 * @error: return location for an error
 *
 * The one way from a count to a chart, for the chart view and the CLI
 * alike: a model of @table (see ce_chart_model_new_from_count_table())
 * with a title, a subtitle and a source line (the options' or the
 * defaults), and the dispersion rows when asked for.
 *
 * Returns: (transfer full): a new model, or %NULL on error
 */
CeChartModel *
ce_chart_count_build_model (CeCorpus                   *corpus,
                            GPtrArray                  *topics,
                            CeCountTable               *table,
                            const CeChartCountOptions  *options,
                            GArray                    **rows,
                            GError                    **error)
{
  static const CeChartCountOptions defaults = { 0 };
  g_autoptr(CeChartModel) model = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *source = NULL;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (rows == NULL || *rows == NULL, NULL);

  if (options == NULL)
    options = &defaults;

  if (options->title == NULL)
    title = ce_chart_count_make_title (table);
  if (options->subtitle == NULL)
    subtitle = ce_chart_count_make_subtitle (table, options->query);
  if (options->source == NULL)
    {
      g_autofree char *name = ce_corpus_dup_name (corpus);

      /* Translators: the source note under a chart; %s is the corpus */
      source = g_strdup_printf (_("Source: %s, counted with Corpus Explorer"), name);
    }

  model = ce_chart_model_new_from_count_table (table,
                                               title != NULL ? title : options->title,
                                               subtitle != NULL ? subtitle : options->subtitle,
                                               source != NULL ? source : options->source);

  if (options->dispersion)
    {
      g_autoptr(GArray) ids = NULL;

      g_return_val_if_fail (topics != NULL, NULL);

      ids = ce_chart_model_add_dispersion (model, corpus, topics, table, options->max_rows, error);
      if (ids == NULL)
        return NULL;
      if (rows != NULL)
        *rows = g_steal_pointer (&ids);
    }

  return g_steal_pointer (&model);
}
