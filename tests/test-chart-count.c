/* test-chart-count.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bridge from count tables to chart models: the chart shows exactly
 * the numbers the counter computed.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ce-chart-count.h"
#include "ce-chart-export.h"
#include "ce-test-chart.h"
#include "ce-test-util.h"

#define N_DOCUMENTS 40

static char *tmp_dir;
static CeCorpus *corpus;
static GPtrArray *topics;

static const char * const places[] = { "OBAN", "GENEVA", "LISBON", "HALIFAX" };

static void
build_corpus (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "bridge.corpus", NULL);
  gint64 source;

  corpus = ce_corpus_open (path, CE_CORPUS_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (ce_corpus_begin (corpus, &error));
  source = ce_corpus_add_source (corpus, "/tmp/bridge.txt", "text", 1, "x", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_DOCUMENTS; i++)
    {
      g_autoptr(CeDraft) draft = ce_draft_new ();
      g_autoptr(GString) body = g_string_new (NULL);

      draft->title = g_strdup_printf ("Report %u", i);
      /* Every seventh document has no place, every ninth no date */
      if (i % 7 != 6)
        draft->place = g_strdup (places[i % G_N_ELEMENTS (places)]);
      if (i % 9 != 8)
        draft->date = g_strdup_printf ("2024-%02u-%02u", 1 + i % 12, 1 + (i * 5) % 28);

      g_string_append (body, "The harbour opened early and the boats went out. ");
      for (guint k = 0; k < i % 4; k++)
        g_string_append (body, "A storm warning was issued for the coast. ");
      g_string_append (body, "Traders met at the quay to talk about prices.\n\n");
      for (guint k = 0; k < i % 3; k++)
        g_string_append (body, "The trade deal was signed after long talks on trade. ");
      g_string_append (body, "Nothing else happened that day.");
      draft->body = g_string_free (g_steal_pointer (&body), FALSE);

      ce_test_corpus_add (corpus, source, draft);
    }

  g_assert_true (ce_corpus_commit (corpus, &error));
  g_assert_no_error (error);

  topics = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (topics, ce_topic_new ("Storms", "#0072b2", (const char *[]) { "storm*", NULL }));
  g_ptr_array_add (topics, ce_topic_new ("Trade", "#e69f00", (const char *[]) { "trade", "traders", NULL }));
}

static CeCountTable *
count (CeGroupBy       by,
       CeMeasure       measure,
       guint           top_n,
       CeCategorySort  sort)
{
  g_autoptr(GError) error = NULL;
  CeGrouping grouping = { by, NULL };
  CeCountTable *table;

  table = ce_counter_aggregate (corpus, topics, &grouping, measure, NULL, NULL, top_n, sort, &error);
  g_assert_no_error (error);
  g_assert_nonnull (table);

  return table;
}

static void
assert_same_numbers (CeCountTable *table,
                     CeChartModel *model)
{
  g_assert_cmpuint (ce_chart_model_get_n_series (model), ==, ce_count_table_get_n_topics (table));
  g_assert_cmpuint (ce_chart_model_get_n_categories (model), ==, ce_count_table_get_n_categories (table));

  for (guint t = 0; t < ce_count_table_get_n_topics (table); t++)
    {
      g_autofree char *color = NULL;
      CeColor c;

      g_assert_cmpstr (ce_chart_model_get_series_name (model, t), ==, ce_count_table_get_topic_name (table, t));
      ce_chart_model_get_series_color (model, t, &c);
      color = ce_color_to_string (&c);
      g_assert_cmpstr (color, ==, ce_count_table_get_topic_color (table, t));
    }

  for (guint c = 0; c < ce_count_table_get_n_categories (table); c++)
    {
      g_assert_cmpstr (ce_chart_model_get_category_label (model, c), ==,
                       ce_count_table_get_category_label (table, c));
      for (guint t = 0; t < ce_count_table_get_n_topics (table); t++)
        g_assert_cmpfloat (ce_chart_model_get_value (model, t, c), ==,
                           ce_count_table_get_value (table, c, t));
    }
}

static void
test_values (void)
{
  static const CeGroupBy groupings[] = {
    CE_GROUP_DOCUMENT, CE_GROUP_PLACE, CE_GROUP_DAY, CE_GROUP_WEEK,
    CE_GROUP_MONTH, CE_GROUP_QUARTER, CE_GROUP_YEAR, CE_GROUP_DATE_AUTO,
  };
  static const CeMeasure measures[] = {
    CE_MEASURE_MENTIONS, CE_MEASURE_PER_10K, CE_MEASURE_DOCUMENTS, CE_MEASURE_SHARE,
  };
  static const CeChartMeasure chart_measures[] = {
    CE_CHART_MEASURE_MENTIONS, CE_CHART_MEASURE_MENTIONS_PER_10K,
    CE_CHART_MEASURE_DOCUMENTS, CE_CHART_MEASURE_SHARE,
  };
  static const char * const y_titles[] = {
    "Mentions", "Mentions per 10,000 words", "Documents mentioning", "Share of documents mentioning",
  };

  for (guint g = 0; g < G_N_ELEMENTS (groupings); g++)
    for (guint m = 0; m < G_N_ELEMENTS (measures); m++)
      {
        g_autoptr(CeCountTable) table = count (groupings[g], measures[m], 0, CE_CATEGORY_SORT_VALUE);
        g_autoptr(CeChartModel) model = ce_chart_model_new_from_count_table (table, "T", "S", "Src");
        double sum = 0;

        assert_same_numbers (table, model);
        g_assert_cmpint (ce_chart_model_get_measure (model), ==, chart_measures[m]);
        g_assert_cmpstr (ce_chart_model_get_y_title (model), ==, y_titles[m]);
        g_assert_cmpstr (ce_chart_model_get_unit_label (model), ==, ce_count_table_get_units (table));
        g_assert_cmpstr (ce_chart_model_get_x_title (model), ==,
                         ce_chart_group_by_title (ce_count_table_get_group_by (table)));
        g_assert_cmpstr (ce_chart_model_get_title (model), ==, "T");
        g_assert_cmpstr (ce_chart_model_get_subtitle (model), ==, "S");
        g_assert_cmpstr (ce_chart_model_get_source (model), ==, "Src");
        g_assert_true (ce_chart_model_is_percent (model) == (measures[m] == CE_MEASURE_SHARE));

        /* Not a table of zeros: the test would pass for nothing */
        for (guint c = 0; c < ce_chart_model_get_n_categories (model); c++)
          sum += ce_chart_model_get_value (model, 1, c);
        g_assert_cmpfloat (sum, >, 0);

        /* Dates: every period of a date grouping, and nothing else */
        for (guint c = 0; c < ce_count_table_get_n_categories (table); c++)
          {
            gboolean dated = ce_chart_model_get_category_dates (model, c, NULL, NULL);
            CeGroupBy by = ce_count_table_get_group_by (table);
            gboolean is_date = by >= CE_GROUP_DAY && by <= CE_GROUP_YEAR;

            g_assert_true (dated == (is_date && ce_count_table_get_category_kind (table, c) == CE_CATEGORY_VALUE));
          }
      }
}

static void
test_dates_sorted_in_time (void)
{
  g_autoptr(CeCountTable) table = count (CE_GROUP_MONTH, CE_MEASURE_MENTIONS, 0, CE_CATEGORY_SORT_NATURAL);
  g_autoptr(CeChartModel) model = ce_chart_model_new_from_count_table (table, NULL, NULL, NULL);
  guint32 previous_end = 0;

  /* Undated documents make a "(none)" category at the end */
  g_assert_cmpint (ce_count_table_get_category_kind (table, ce_count_table_get_n_categories (table) - 1), ==,
                   CE_CATEGORY_NONE);
  g_assert_false (ce_chart_model_has_dates (model));

  for (guint c = 0; c + 1 < ce_chart_model_get_n_categories (model); c++)
    {
      guint32 start, end;

      g_assert_true (ce_chart_model_get_category_dates (model, c, &start, &end));
      g_assert_cmpuint (start, ==, ce_test_chart_julian (2024, c + 1, 1));
      g_assert_cmpuint (end, ==, c < 11 ? ce_test_chart_julian (2024, c + 2, 1) : ce_test_chart_julian (2025, 1, 1));
      g_assert_cmpuint (start, >=, previous_end);
      previous_end = end;
    }
}

static guint32
julian_of (const char *date)
{
  guint year, month, day;

  g_assert_cmpint (sscanf (date, "%u-%u-%u", &year, &month, &day), ==, 3);
  return ce_test_chart_julian (year, month, day);
}

/* Every dated category of a date grouping is the period that holds the
 * dates of its documents, and periods of one grouping have its length. */
static void
test_category_periods (void)
{
  static const CeGroupBy groupings[] = {
    CE_GROUP_DAY, CE_GROUP_WEEK, CE_GROUP_MONTH, CE_GROUP_QUARTER, CE_GROUP_YEAR,
  };

  for (guint g = 0; g < G_N_ELEMENTS (groupings); g++)
    {
      g_autoptr(CeCountTable) table = count (groupings[g], CE_MEASURE_DOCUMENTS, 0, CE_CATEGORY_SORT_NATURAL);
      g_autoptr(CeChartModel) model = ce_chart_model_new_from_count_table (table, NULL, NULL, NULL);
      guint dated = 0;

      for (guint c = 0; c < ce_count_table_get_n_categories (table); c++)
        {
          g_autoptr(GArray) ids = ce_count_table_dup_documents (table, c, -1);
          guint32 start, end;
          GDate first;

          if (ce_count_table_get_category_kind (table, c) != CE_CATEGORY_VALUE)
            {
              g_assert_false (ce_chart_model_get_category_dates (model, c, NULL, NULL));
              continue;
            }

          g_assert_true (ce_chart_model_get_category_dates (model, c, &start, &end));
          dated++;

          g_date_clear (&first, 1);
          g_date_set_julian (&first, start);
          switch (groupings[g])
            {
            case CE_GROUP_DAY:
              g_assert_cmpuint (end - start, ==, 1);
              break;
            case CE_GROUP_WEEK:
              /* ISO weeks start on Monday */
              g_assert_cmpuint (end - start, ==, 7);
              g_assert_cmpint (g_date_get_weekday (&first), ==, G_DATE_MONDAY);
              break;
            case CE_GROUP_MONTH:
              g_assert_cmpuint (g_date_get_day (&first), ==, 1);
              g_assert_cmpuint (end - start, >=, 28);
              g_assert_cmpuint (end - start, <=, 31);
              break;
            case CE_GROUP_QUARTER:
              g_assert_cmpuint (g_date_get_day (&first), ==, 1);
              g_assert_cmpuint ((g_date_get_month (&first) - 1) % 3, ==, 0);
              g_assert_cmpuint (end - start, >=, 89);
              g_assert_cmpuint (end - start, <=, 92);
              break;
            case CE_GROUP_YEAR:
              g_assert_cmpuint (start, ==, ce_test_chart_julian (g_date_get_year (&first), 1, 1));
              g_assert_cmpuint (end, ==, ce_test_chart_julian (g_date_get_year (&first) + 1, 1, 1));
              break;
            default:
              g_assert_not_reached ();
            }

          for (guint i = 0; i < ids->len; i++)
            {
              g_autoptr(GError) error = NULL;
              g_autoptr(CeDocument) document = ce_corpus_get_document (corpus, g_array_index (ids, gint64, i),
                                                                       &error);
              guint32 day;

              g_assert_no_error (error);
              day = julian_of (ce_document_get_date (document));
              g_assert_cmpuint (day, >=, start);
              g_assert_cmpuint (day, <, end);
            }
        }

      g_assert_cmpuint (dated, >, 0);
    }
}

/* One function turns a count into a chart for the view and the CLI */
static void
test_build_model (void)
{
  g_autoptr(CeCountTable) table = count (CE_GROUP_DOCUMENT, CE_MEASURE_MENTIONS, 0, CE_CATEGORY_SORT_NATURAL);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(CeChartModel) model = ce_chart_count_build_model (corpus, topics, table, NULL, NULL, &error);

    g_assert_no_error (error);
    assert_same_numbers (table, model);
    g_assert_cmpstr (ce_chart_model_get_title (model), ==, "Storms and Trade");
    g_assert_cmpstr (ce_chart_model_get_subtitle (model), ==, "Mentions by document · 40 documents");
    g_assert_cmpstr (ce_chart_model_get_source (model), ==, "Source: bridge, counted with Corpus Explorer");
    g_assert_cmpuint (ce_chart_model_get_n_documents (model), ==, 0);
  }

  {
    CeChartCountOptions options = { .query = "harbour", .dispersion = TRUE, .max_rows = 5 };
    g_autoptr(GArray) rows = NULL;
    g_autoptr(CeChartModel) model = ce_chart_count_build_model (corpus, topics, table, &options, &rows, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (ce_chart_model_get_subtitle (model), ==,
                     "Mentions by document · 40 documents · matching “harbour”");
    g_assert_nonnull (rows);
    g_assert_cmpuint (rows->len, ==, 5);
    g_assert_cmpuint (ce_chart_model_get_n_documents (model), ==, 5);
  }

  {
    CeChartCountOptions options = { .title = "T", .subtitle = "S", .source = "Src", .query = "ignored" };
    g_autoptr(CeChartModel) model = ce_chart_count_build_model (corpus, topics, table, &options, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (ce_chart_model_get_title (model), ==, "T");
    g_assert_cmpstr (ce_chart_model_get_subtitle (model), ==, "S");
    g_assert_cmpstr (ce_chart_model_get_source (model), ==, "Src");
  }
}

static void
test_default_sort (void)
{
  g_assert_cmpint (ce_chart_count_default_sort (CE_GROUP_DOCUMENT), ==, CE_CHART_SORT_NATURAL);
  g_assert_cmpint (ce_chart_count_default_sort (CE_GROUP_DOCUMENT_BY_DATE), ==, CE_CHART_SORT_NATURAL);
  g_assert_cmpint (ce_chart_count_default_sort (CE_GROUP_WEEK), ==, CE_CHART_SORT_NATURAL);
  g_assert_cmpint (ce_chart_count_default_sort (CE_GROUP_DATE_AUTO), ==, CE_CHART_SORT_NATURAL);
  g_assert_cmpint (ce_chart_count_default_sort (CE_GROUP_PLACE), ==, CE_CHART_SORT_VALUE);
  g_assert_cmpint (ce_chart_count_default_sort (CE_GROUP_META), ==, CE_CHART_SORT_VALUE);
}

static void
test_top_n_and_other (void)
{
  g_autoptr(CeCountTable) table = count (CE_GROUP_DOCUMENT, CE_MEASURE_MENTIONS, 5, CE_CATEGORY_SORT_VALUE);
  g_autoptr(CeChartModel) model = ce_chart_model_new_from_count_table (table, NULL, NULL, NULL);
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  guint last = ce_count_table_get_n_categories (table) - 1;

  assert_same_numbers (table, model);
  g_assert_cmpint (ce_count_table_get_category_kind (table, last), ==, CE_CATEGORY_OTHER);
  g_assert_cmpstr (ce_chart_model_get_category_label (model, last), ==, "Other");

  /* The CSV of the chart has the table's rows, in order */
  csv = ce_chart_export_csv_to_string (model);
  g_assert_true (g_str_has_prefix (csv, "category,Storms,Trade\n"));
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, ce_count_table_get_n_categories (table) + 2);
}

static void
test_dispersion (void)
{
  g_autoptr(CeCountTable) table = count (CE_GROUP_DOCUMENT, CE_MEASURE_MENTIONS, 0, CE_CATEGORY_SORT_NATURAL);
  g_autoptr(CeChartModel) model = ce_chart_model_new_from_count_table (table, NULL, NULL, NULL);
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint expected_rows = 0;

  rows = ce_chart_model_add_dispersion (model, corpus, topics, table, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  g_assert_cmpuint (rows->len, ==, ce_chart_model_get_n_documents (model));
  g_assert_null (ce_chart_model_get_x_title (model));

  /* A row per document that mentions a topic, in corpus order */
  for (guint c = 0; c < ce_count_table_get_n_categories (table); c++)
    {
      g_autoptr(GArray) ids = ce_count_table_dup_documents (table, c, -1);

      if (ids->len > 0)
        {
          g_assert_cmpint (g_array_index (rows, gint64, expected_rows), ==, g_array_index (ids, gint64, 0));
          g_assert_cmpstr (ce_chart_model_get_document_label (model, expected_rows), ==,
                           ce_count_table_get_category_label (table, c));
          expected_rows++;
        }
    }
  g_assert_cmpuint (rows->len, ==, expected_rows);
  g_assert_cmpuint (rows->len, >, 10);

  /* Each tick is a mention at its start byte over the body's length */
  for (guint r = 0; r < rows->len; r++)
    {
      gint64 id = g_array_index (rows, gint64, r);
      g_autoptr(CeDocument) document = ce_corpus_get_document (corpus, id, &error);
      double length = strlen (ce_document_get_body (document));

      for (guint t = 0; t < topics->len; t++)
        {
          g_autoptr(GArray) mentions = ce_counter_mentions (corpus, g_ptr_array_index (topics, t), id, &error);
          const double *positions;
          guint n;

          g_assert_no_error (error);
          positions = ce_chart_model_get_mentions (model, r, t, &n);
          g_assert_cmpuint (n, ==, mentions->len);
          for (guint m = 0; m < n; m++)
            {
              g_assert_cmpfloat (positions[m], ==, g_array_index (mentions, CeMention, m).start / length);
              g_assert_cmpfloat (positions[m], >=, 0);
              g_assert_cmpfloat (positions[m], <, 1);
            }
        }
    }

  /* A limit keeps the first rows */
  {
    g_autoptr(CeChartModel) limited = ce_chart_model_new_from_count_table (table, NULL, NULL, NULL);
    g_autoptr(GArray) few = ce_chart_model_add_dispersion (limited, corpus, topics, table, 3, &error);

    g_assert_cmpuint (few->len, ==, 3);
    g_assert_cmpmem (few->data, 3 * sizeof (gint64), rows->data, 3 * sizeof (gint64));
  }

  /* With a top N, the documents folded into Other have no row */
  {
    g_autoptr(CeCountTable) top = count (CE_GROUP_DOCUMENT, CE_MEASURE_MENTIONS, 4, CE_CATEGORY_SORT_VALUE);
    g_autoptr(CeChartModel) top_model = ce_chart_model_new_from_count_table (top, NULL, NULL, NULL);
    g_autoptr(GArray) top_rows = ce_chart_model_add_dispersion (top_model, corpus, topics, top, 0, &error);

    g_assert_cmpuint (top_rows->len, ==, 4);
  }
}

static void
test_titles (void)
{
  g_autoptr(CeCountTable) table = count (CE_GROUP_MONTH, CE_MEASURE_PER_10K, 0, CE_CATEGORY_SORT_NATURAL);
  g_autofree char *title = ce_chart_count_make_title (table);
  g_autofree char *subtitle = ce_chart_count_make_subtitle (table, "  harbour  ");
  g_autofree char *plain = ce_chart_count_make_subtitle (table, NULL);

  g_assert_cmpstr (title, ==, "Storms and Trade");
  g_assert_cmpstr (subtitle, ==, "Mentions per 10,000 words by month · 40 documents · matching “harbour”");
  g_assert_cmpstr (plain, ==, "Mentions per 10,000 words by month · 40 documents");

  {
    g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(CeCountTable) wide = NULL;
    g_autofree char *wide_title = NULL;
    CeGrouping grouping = { CE_GROUP_YEAR, NULL };
    const char *names[] = { "A", "B", "C", "D", "E", "F" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      g_ptr_array_add (many, ce_topic_new (names[i], NULL, (const char *[]) { "harbour", NULL }));
    wide = ce_counter_aggregate (corpus, many, &grouping, CE_MEASURE_MENTIONS, NULL, NULL, 0,
                                 CE_CATEGORY_SORT_NATURAL, NULL);
    wide_title = ce_chart_count_make_title (wide);
    g_assert_cmpstr (wide_title, ==, "A, B, C, D and 2 more");
  }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = ce_test_make_dir ("ce-chart-count");
  build_corpus ();

  g_test_add_func ("/corpus-explorer/chart-count/values", test_values);
  g_test_add_func ("/corpus-explorer/chart-count/dates-sorted-in-time", test_dates_sorted_in_time);
  g_test_add_func ("/corpus-explorer/chart-count/category-periods", test_category_periods);
  g_test_add_func ("/corpus-explorer/chart-count/build-model", test_build_model);
  g_test_add_func ("/corpus-explorer/chart-count/default-sort", test_default_sort);
  g_test_add_func ("/corpus-explorer/chart-count/top-n-and-other", test_top_n_and_other);
  g_test_add_func ("/corpus-explorer/chart-count/dispersion", test_dispersion);
  g_test_add_func ("/corpus-explorer/chart-count/titles", test_titles);

  ret = g_test_run ();

  g_clear_object (&corpus);
  g_clear_pointer (&topics, g_ptr_array_unref);
  ret |= !ce_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
