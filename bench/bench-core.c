/* bench-core.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times search and counting through the application's own core
 * functions, the ones the window and the command line call, without
 * process start-up:
 *
 *   bench-core [--runs N] [--only search|topics] FILE.corpus QUERIES.tsv
 *
 * QUERIES.tsv is the file bench-queries reads (gen-corpus --queries).
 * Beside its queries, a word in every document ("every": the) is
 * searched for, and each query again with a place and with a date
 * filter ("NAME+place", "NAME+date"), as the search entry's filters
 * add them;
 * the output has the same form, one TSV line per measure:
 *
 *   MEASURE<TAB>NAME<TAB>first_ms<TAB>p50_ms<TAB>p95_ms<TAB>runs<TAB>result
 *
 * Measures, all on read-only connections as the session opens them:
 *
 *   core-open          ce_corpus_open(), what every command and window pays
 *   core-count         ce_search_count(): `search --count`
 *   core-ids           ce_search_ids() ranked: the window's result list
 *                      (its length is the count the window shows)
 *   core-page-new      ce_search_page() ranked, first 50 with snippets,
 *                      alone: `search --limit 50`
 *   core-page          the same page after ce_search_ids() (not timed):
 *                      the window's snippets, once its list is shown
 *
 * Each search measure runs as a query new to the connection: what the
 * connection kept from the run before (filter sets, document
 * frequencies, ranked candidates) is dropped first
 * (ce_corpus_forget_kept()).
 *   core-topic         ce_counter_count_documents() on a newly opened
 *                      connection each run: a topic counted when a corpus
 *                      is opened or a command runs; "first" counts every
 *                      document (nothing kept in the corpus), the runs
 *                      after it read the counts the first one kept
 *   core-topic-warm    the same again on one connection
 *   core-chart-month   five topics by month, ce_counter_aggregate() and
 *                      ce_chart_count_build_model(), on a newly opened
 *                      connection each run: `counts`, `chart`, the chart
 *                      view on opening
 *   core-chart-warm    the same again on one connection (topics counted)
 *   core-regroup       the counted topics regrouped by place on that
 *                      connection
 *
 * "first" is the first run of a measure after the program started.
 * Each result ends with the median CPU time of the process over the
 * timed runs ("CPU p50"), what the work cost on a shared machine.
 */

#define G_LOG_DOMAIN "bench-core"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-timing.h"
#include "ce-chart-count.h"
#include "ce-corpus.h"
#include "ce-counter.h"
#include "ce-search.h"
#include "ce-topic.h"

static int runs = 20;
static const char *corpus_path;

/* What is added to each query for the filtered variants: the most
 * frequent place and one year of the generated corpus */
#define PLACE_FILTER "place:london"
#define DATE_FILTER "date:2020"
#define EVERY_QUERY "the"

static G_NORETURN void
die (const char   *what,
     const GError *error)
{
  g_printerr ("bench-core: %s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

/* The CPU time of each run beside its wall time: the machine is
 * shared, and CPU time is what the work cost.  The last of the runs
 * appends the median to its result, so it is printed with it. */
typedef struct
{
  BenchMeasure  func;
  gpointer      data;
  double       *cpu;
  int           n;
} CpuTimed;

static double
cpu_now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* CPU time a measure spent outside its timed part (set by the measure) */
static double untimed_cpu_ms;

static double
cpu_timed (gpointer   data,
           char     **result)
{
  CpuTimed *c = data;
  double start = cpu_now_ms ();
  double elapsed;

  untimed_cpu_ms = 0;
  elapsed = c->func (c->data, result);

  /* The first run is apart, as for the wall time */
  if (c->n > 0)
    c->cpu[c->n - 1] = cpu_now_ms () - start - untimed_cpu_ms;
  if (c->n == runs)
    {
      char *with_cpu;

      qsort (c->cpu, runs, sizeof (double), bench_compare_doubles);
      with_cpu = g_strdup_printf ("%s; CPU p50 %.3f ms", *result != NULL ? *result : "",
                                  bench_percentile (c->cpu, runs, 0.50));
      g_free (*result);
      *result = with_cpu;
    }
  c->n++;
  return elapsed;
}

static void
run_measure (const char   *measure,
             const char   *name,
             BenchMeasure  func,
             gpointer      data)
{
  g_autofree double *cpu = g_new0 (double, runs);
  CpuTimed c = { func, data, cpu, 0 };

  bench_run_measure (measure, name, cpu_timed, &c, runs);
}

static CeCorpus *
open_corpus (void)
{
  g_autoptr(GError) error = NULL;
  CeCorpus *corpus = ce_corpus_open (corpus_path, CE_CORPUS_OPEN_READ_ONLY, &error);

  if (corpus == NULL)
    die (corpus_path, error);
  return corpus;
}

/* Opening */

static double
measure_open (gpointer   data,
              char     **result)
{
  double start = bench_now_ms (), elapsed;
  g_autoptr(CeCorpus) corpus = open_corpus ();

  elapsed = bench_now_ms () - start;
  *result = g_strdup ("opened read-only");
  return elapsed;
}

/* Search */

typedef struct
{
  CeCorpus *corpus;
  CeQuery  *query;
} SearchData;

static double
measure_count (gpointer   data,
               char     **result)
{
  SearchData *s = data;
  g_autoptr(GError) error = NULL;
  double start, elapsed;
  gint64 count;

  ce_corpus_forget_kept (s->corpus);
  start = bench_now_ms ();
  count = ce_search_count (s->corpus, s->query, &error);

  elapsed = bench_now_ms () - start;
  if (count < 0)
    die ("ce_search_count", error);
  *result = g_strdup_printf ("%" G_GINT64_FORMAT " documents", count);
  return elapsed;
}

static double
measure_ids (gpointer   data,
             char     **result)
{
  SearchData *s = data;
  g_autoptr(GError) error = NULL;
  double start, elapsed;
  g_autoptr(GArray) ids = NULL;

  ce_corpus_forget_kept (s->corpus);
  start = bench_now_ms ();
  ids = ce_search_ids (s->corpus, s->query, CE_SORT_RANK, FALSE, &error);

  elapsed = bench_now_ms () - start;
  if (ids == NULL)
    die ("ce_search_ids", error);
  *result = g_strdup_printf ("%u documents", ids->len);
  return elapsed;
}

static double
page (SearchData  *s,
      gboolean     after_list,
      char       **result)
{
  g_autoptr(GError) error = NULL;
  double start, elapsed;
  g_autoptr(GPtrArray) page = NULL;
  gsize bytes = 0;

  ce_corpus_forget_kept (s->corpus);
  if (after_list)
    {
      double cpu = cpu_now_ms ();
      g_autoptr(GArray) ids = ce_search_ids (s->corpus, s->query, CE_SORT_RANK, FALSE, &error);

      if (ids == NULL)
        die ("ce_search_ids", error);
      untimed_cpu_ms = cpu_now_ms () - cpu;
    }
  start = bench_now_ms ();
  page = ce_search_page (s->corpus, s->query, CE_SORT_RANK, FALSE, 0, 50, &error);

  elapsed = bench_now_ms () - start;
  if (page == NULL)
    die ("ce_search_page", error);
  for (guint i = 0; i < page->len; i++)
    {
      CeSearchHit *hit = g_ptr_array_index (page, i);

      bytes += hit->snippet != NULL ? strlen (hit->snippet) : 0;
    }
  *result = g_strdup_printf ("%u rows, %" G_GSIZE_FORMAT " snippet bytes", page->len, bytes);
  return elapsed;
}

static double
measure_page_new (gpointer   data,
                  char     **result)
{
  return page (data, FALSE, result);
}

static double
measure_page (gpointer   data,
              char     **result)
{
  return page (data, TRUE, result);
}

/* Topics */

static CeTopic *
topic_from_query (const BenchQuery *q)
{
  g_auto(GStrv) terms = g_strsplit (q->query, " OR ", -1);

  for (guint i = 0; terms[i] != NULL; i++)
    g_strstrip (terms[i]);

  return ce_topic_new (q->name + strlen ("topic:"), "#3584e4", (const char * const *)terms);
}

typedef struct
{
  CeCorpus  *corpus;      /* NULL: a new connection per run */
  CeTopic   *topic;
  GPtrArray *topics;
} TopicData;

static double
measure_topic (gpointer   data,
               char     **result)
{
  TopicData *t = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CeCorpus) fresh = t->corpus == NULL ? open_corpus () : NULL;
  CeCorpus *corpus = t->corpus != NULL ? t->corpus : fresh;
  double start = bench_now_ms (), elapsed;
  g_autoptr(GArray) counts = ce_counter_count_documents (corpus, t->topic, NULL, &error);

  elapsed = bench_now_ms () - start;
  if (counts == NULL)
    die ("ce_counter_count_documents", error);
  *result = g_strdup_printf ("%" G_GUINT64_FORMAT " mentions in %u documents",
                             ce_counter_total (counts), counts->len);
  return elapsed;
}

static double
chart (TopicData  *t,
       CeCorpus   *corpus,
       CeGroupBy   by,
       gboolean    build_model,
       char      **result)
{
  g_autoptr(GError) error = NULL;
  CeGrouping grouping = { by, NULL };
  g_autoptr(CeCountTable) table = NULL;
  g_autoptr(CeChartModel) model = NULL;
  CeChartCountOptions options = { 0 };
  double start = bench_now_ms (), elapsed;
  double total = 0;

  table = ce_counter_aggregate (corpus, t->topics, &grouping, CE_MEASURE_MENTIONS, NULL, NULL,
                                0, CE_CATEGORY_SORT_NATURAL, &error);
  if (table == NULL)
    die ("ce_counter_aggregate", error);
  if (build_model &&
      (model = ce_chart_count_build_model (corpus, t->topics, table, &options, NULL, &error)) == NULL)
    die ("ce_chart_count_build_model", error);
  elapsed = bench_now_ms () - start;

  for (guint i = 0; i < ce_count_table_get_n_topics (table); i++)
    total += ce_count_table_get_total (table, i);
  *result = g_strdup_printf ("%u categories, %.0f mentions",
                             ce_count_table_get_n_categories (table), total);
  return elapsed;
}

static double
measure_chart_month (gpointer   data,
                     char     **result)
{
  TopicData *t = data;
  g_autoptr(CeCorpus) fresh = t->corpus == NULL ? open_corpus () : NULL;

  return chart (t, t->corpus != NULL ? t->corpus : fresh, CE_GROUP_MONTH, TRUE, result);
}

static double
measure_regroup (gpointer   data,
                 char     **result)
{
  TopicData *t = data;

  return chart (t, t->corpus, CE_GROUP_PLACE, FALSE, result);
}

static void
search_one (CeCorpus   *corpus,
            const char *name,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) query = ce_query_parse (text, &error);
  SearchData s = { corpus, query };

  if (query == NULL)
    die (text, error);
  run_measure ("core-count", name, measure_count, &s);
  run_measure ("core-ids", name, measure_ids, &s);
  run_measure ("core-page-new", name, measure_page_new, &s);
  run_measure ("core-page", name, measure_page, &s);
}

/* The query as it is, then with a place and with a date filter */
static void
search_all (CeCorpus   *corpus,
            const char *name,
            const char *text)
{
  g_autofree char *place_name = g_strconcat (name, "+place", NULL);
  g_autofree char *place = g_strdup_printf ("(%s) " PLACE_FILTER, text);
  g_autofree char *date_name = g_strconcat (name, "+date", NULL);
  g_autofree char *date = g_strdup_printf ("(%s) " DATE_FILTER, text);

  search_one (corpus, name, text);
  search_one (corpus, place_name, place);
  search_one (corpus, date_name, date);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GPtrArray) topics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CeCorpus) corpus = NULL;
  g_autofree char *only = NULL;
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Timed runs per measure (default 20)", "N" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Time only search or only topics", "search|topics" },
    { NULL }
  };

  context = g_option_context_new ("FILE.corpus QUERIES.tsv - time search and counting through the core");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 3 || runs < 1 ||
      (only != NULL && !g_str_equal (only, "search") && !g_str_equal (only, "topics")))
    {
      g_printerr ("bench-core: %s\n", error ? error->message : "usage: bench-core [--runs N] [--only search|topics] FILE.corpus QUERIES.tsv");
      return 2;
    }

  corpus_path = argv[1];
  queries = bench_read_queries ("bench-core", argv[2]);

  /* Opened once for writing: a corpus of an older schema is migrated
   * (readers read it as it is), and the counts kept in it are dropped,
   * so that the first count of each topic below counts every document */
  {
    g_autoptr(CeCorpus) writer = ce_corpus_open (corpus_path, CE_CORPUS_OPEN_DEFAULT, &error);

    if (writer == NULL || !ce_counter_clear_stored (writer, &error))
      die (corpus_path, error);
  }

  run_measure ("core-open", "corpus", measure_open, NULL);
  corpus = open_corpus ();

  for (guint i = 0; i < queries->len; i++)
    {
      BenchQuery *q = g_ptr_array_index (queries, i);

      if (g_str_has_prefix (q->name, "topic:"))
        {
          g_ptr_array_add (topics, topic_from_query (q));
          continue;
        }

      if (only != NULL && !g_str_equal (only, "search"))
        continue;
      search_all (corpus, q->name, q->query);
    }

  if (only == NULL || g_str_equal (only, "search"))
    search_all (corpus, "every", EVERY_QUERY);

  for (guint i = 0; only != NULL && !g_str_equal (only, "topics") && i < topics->len; )
    g_ptr_array_remove_index (topics, i);

  for (guint i = 0; i < topics->len; i++)
    {
      CeTopic *topic = g_ptr_array_index (topics, i);
      g_autofree char *name = g_strconcat ("topic:", ce_topic_get_name (topic), NULL);
      TopicData cold = { NULL, topic, NULL };
      TopicData warm = { corpus, topic, NULL };

      run_measure ("core-topic", name, measure_topic, &cold);
      run_measure ("core-topic-warm", name, measure_topic, &warm);
    }

  if (topics->len > 0)
    {
      TopicData cold = { NULL, NULL, topics };
      TopicData warm = { corpus, NULL, topics };

      run_measure ("core-chart-month", "topics", measure_chart_month, &cold);
      run_measure ("core-chart-warm", "topics", measure_chart_month, &warm);
      run_measure ("core-regroup", "topics", measure_regroup, &warm);
    }

  return 0;
}
