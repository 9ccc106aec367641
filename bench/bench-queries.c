/* bench-queries.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times search and counting on a corpus file with plain SQL, so process
 * start-up does not hide the query cost:
 *
 *   bench-queries [--runs N] FILE.corpus QUERIES.tsv
 *
 * QUERIES.tsv holds NAME<TAB>FTS5-QUERY lines (gen-corpus --queries);
 * names starting with "topic:" are topics for the counting benchmarks.
 * Every measure runs once on its own ("first", the first time after
 * opening) and then N more times; the output is one TSV line per measure:
 *
 *   MEASURE<TAB>NAME<TAB>first_ms<TAB>p50_ms<TAB>p95_ms<TAB>runs<TAB>result
 *
 * The SQL is what the corpus file itself supports (FTS5 external content
 * over documents, unicode61 tokenizer); counting uses either an FTS5
 * auxiliary function registered here (instance counts per row) or the
 * fts5vocab "instance" table, and says which.
 *
 * On a corpus whose index keeps quoted mail text in a column of its own
 * (fts(title, body, quoted)), each search is also timed with the column
 * filter the application adds when quoted text is left out
 * ("count-scoped", "page-rank-scoped": {title body} : (query)), and each
 * topic counted in the new and the quoted text ("topic-aux-all":
 * {body quoted} : (terms)) beside the new text only ("topic-aux").
 */

#define G_LOG_DOMAIN "bench-queries"

#include <glib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-timing.h"

typedef BenchQuery Query;

typedef double (*Measure) (sqlite3 *db, gpointer data, char **result);

static int runs = 20;

static void
die (sqlite3    *db,
     const char *what)
{
  g_printerr ("bench-queries: %s: %s\n", what, db ? sqlite3_errmsg (db) : "");
  exit (1);
}

static sqlite3_stmt *
prepare (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    die (db, sql);
  return stmt;
}

/* A measure on the connection, for the shared timing loop */
typedef struct
{
  sqlite3  *db;
  Measure   func;
  gpointer  data;
} SqlMeasure;

static double
sql_measure (gpointer   data,
             char     **result)
{
  SqlMeasure *m = data;

  return m->func (m->db, m->data, result);
}

static void
run_measure (sqlite3     *db,
             const char  *measure,
             const char  *name,
             Measure      func,
             gpointer     data)
{
  SqlMeasure m = { db, func, data };

  bench_run_measure (measure, name, sql_measure, &m, runs);
}

/* Search: count */
static double
measure_count (sqlite3   *db,
               gpointer   data,
               char     **result)
{
  const Query *q = data;
  sqlite3_stmt *stmt = prepare (db, "SELECT count(*) FROM fts WHERE fts MATCH ?");
  double start = bench_now_ms (), elapsed;

  sqlite3_bind_text (stmt, 1, q->query, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    die (db, "count");
  elapsed = bench_now_ms () - start;
  *result = g_strdup_printf ("%lld documents", (long long)sqlite3_column_int64 (stmt, 0));
  sqlite3_finalize (stmt);
  return elapsed;
}

/* Search: first page of 50, ranked, with snippets.  Two forms of the same
 * result: ORDER BY bm25(...) makes SQLite compute every result column
 * (the snippet too) for every match before sorting; ORDER BY rank lets
 * FTS5 sort the matches itself and compute snippets for the 50 kept. */
static const char * const page_sql[] = {
  "SELECT rowid, snippet(fts, 1, '[', ']', '…', 12) FROM fts"
  " WHERE fts MATCH ? ORDER BY bm25(fts, 10.0, 1.0) LIMIT 50",
  "SELECT rowid, snippet(fts, 1, '[', ']', '…', 12) FROM fts"
  " WHERE fts MATCH ? AND rank MATCH 'bm25(10.0, 1.0)' ORDER BY rank LIMIT 50",
};

static double
measure_page_sql (sqlite3     *db,
                  const Query *q,
                  const char  *sql,
                  char       **result)
{
  sqlite3_stmt *stmt = prepare (db, sql);
  double start = bench_now_ms (), elapsed;
  gsize bytes = 0;
  int rows = 0, rc;

  sqlite3_bind_text (stmt, 1, q->query, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      bytes += sqlite3_column_bytes (stmt, 1);
      rows++;
    }
  if (rc != SQLITE_DONE)
    die (db, "first page");
  elapsed = bench_now_ms () - start;
  *result = g_strdup_printf ("%d rows, %" G_GSIZE_FORMAT " snippet bytes", rows, bytes);
  sqlite3_finalize (stmt);
  return elapsed;
}

static double
measure_page (sqlite3   *db,
              gpointer   data,
              char     **result)
{
  return measure_page_sql (db, data, page_sql[0], result);
}

static double
measure_page_rank (sqlite3   *db,
                   gpointer   data,
                   char     **result)
{
  return measure_page_sql (db, data, page_sql[1], result);
}

/* An FTS5 auxiliary function returning the number of phrase instances in
 * the current row: what a topic count needs per document. */
static void
inst_count_cb (const Fts5ExtensionApi  *api,
               Fts5Context             *fts,
               sqlite3_context         *ctx,
               int                      n_args,
               sqlite3_value          **args)
{
  int n = 0;

  if (api->xInstCount (fts, &n) != SQLITE_OK)
    {
      sqlite3_result_error (ctx, "xInstCount failed", -1);
      return;
    }
  sqlite3_result_int (ctx, n);
}

static void
register_inst_count (sqlite3 *db)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT fts5(?1)");
  fts5_api *api = NULL;

  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (api == NULL || api->iVersion < 2)
    die (db, "no fts5_api");
  if (api->xCreateFunction (api, "ce_bench_inst_count", NULL, inst_count_cb, NULL) != SQLITE_OK)
    die (db, "xCreateFunction");
}

typedef struct
{
  gint64  mentions;
  gint64  documents;
} Tally;

/* Per-row instance counts of one topic in @columns ("body", or "{body
 * quoted}"); fills counts[rowid] when given */
static Tally
topic_counts_in (sqlite3     *db,
                 const char  *columns,
                 const char  *query,
                 guint32     *counts,
                 gint64       max_rowid)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT rowid, ce_bench_inst_count(fts) FROM fts WHERE fts MATCH ?");
  g_autofree char *body_query = g_strdup_printf ("%s : (%s)", columns, query);
  Tally tally = { 0, 0 };
  int rc;

  sqlite3_bind_text (stmt, 1, body_query, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      int n = sqlite3_column_int (stmt, 1);

      tally.mentions += n;
      tally.documents++;
      if (counts != NULL && rowid >= 0 && rowid <= max_rowid)
        counts[rowid] = n;
    }
  if (rc != SQLITE_DONE)
    die (db, "topic counts");
  sqlite3_finalize (stmt);
  return tally;
}

/* Mentions are counted in the body only, as the topics engine does */
static Tally
topic_counts (sqlite3     *db,
              const char  *query,
              guint32     *counts,
              gint64       max_rowid)
{
  return topic_counts_in (db, "body", query, counts, max_rowid);
}

static double
measure_topic_aux_all (sqlite3   *db,
                       gpointer   data,
                       char     **result)
{
  const Query *q = data;
  double start = bench_now_ms (), elapsed;
  Tally tally = topic_counts_in (db, "{body quoted}", q->query, NULL, 0);

  elapsed = bench_now_ms () - start;
  *result = g_strdup_printf ("%" G_GINT64_FORMAT " mentions in %" G_GINT64_FORMAT " documents",
                             tally.mentions, tally.documents);
  return elapsed;
}

static double
measure_topic_aux (sqlite3   *db,
                   gpointer   data,
                   char     **result)
{
  const Query *q = data;
  double start = bench_now_ms (), elapsed;
  Tally tally = topic_counts (db, q->query, NULL, 0);

  elapsed = bench_now_ms () - start;
  *result = g_strdup_printf ("%" G_GINT64_FORMAT " mentions in %" G_GINT64_FORMAT " documents",
                             tally.mentions, tally.documents);
  return elapsed;
}

/* The single-word terms of a topic query, folded as the tokenizer does;
 * phrases cannot be counted through the vocabulary table. */
static GPtrArray *
topic_words (const char *query,
             guint      *n_phrases)
{
  g_auto(GStrv) terms = g_strsplit (query, " OR ", -1);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  *n_phrases = 0;
  for (guint i = 0; terms[i] != NULL; i++)
    {
      g_strstrip (terms[i]);
      if (strchr (terms[i], '"') != NULL || strchr (terms[i], ' ') != NULL)
        (*n_phrases)++;
      else
        g_ptr_array_add (words, g_utf8_casefold (terms[i], -1));
    }

  return words;
}

static double
measure_topic_vocab (sqlite3   *db,
                     gpointer   data,
                     char     **result)
{
  const Query *q = data;
  guint n_phrases;
  g_autoptr(GPtrArray) words = topic_words (q->query, &n_phrases);
  g_autoptr(GString) sql = g_string_new ("SELECT count(*), count(DISTINCT doc) FROM temp.ce_bench_vocab WHERE col = 'body' AND term IN (");
  sqlite3_stmt *stmt;
  double start, elapsed;

  for (guint i = 0; i < words->len; i++)
    g_string_append (sql, i == 0 ? "?" : ", ?");
  g_string_append (sql, ")");

  start = bench_now_ms ();
  stmt = prepare (db, sql->str);
  for (guint i = 0; i < words->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (words, i), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    die (db, "vocab counts");
  elapsed = bench_now_ms () - start;
  *result = g_strdup_printf ("%lld mentions in %lld documents%s",
                             (long long)sqlite3_column_int64 (stmt, 0),
                             (long long)sqlite3_column_int64 (stmt, 1),
                             n_phrases > 0 ? " (phrases left out)" : "");
  sqlite3_finalize (stmt);
  return elapsed;
}

/* Five topics by month: per-document counts through the auxiliary
 * function, then the months from the covering index on documents(date) */
typedef struct
{
  GPtrArray *topics;   /* Query* */
  gint64     max_rowid;
  guint32  **counts;   /* [topic][rowid], kept for regrouping */
} Chart;

static double
measure_chart_month (sqlite3   *db,
                     gpointer   data,
                     char     **result)
{
  Chart *chart = data;
  guint n = chart->topics->len;
  sqlite3_stmt *stmt;
  double start = bench_now_ms (), elapsed;
  g_autofree gint64 *bucket = g_new0 (gint64, n);
  char month[8] = "";
  guint n_months = 0;
  gint64 total = 0;
  int rc;

  for (guint t = 0; t < n; t++)
    {
      const Query *q = g_ptr_array_index (chart->topics, t);

      memset (chart->counts[t], 0, sizeof (guint32) * (chart->max_rowid + 1));
      topic_counts (db, q->query, chart->counts[t], chart->max_rowid);
    }

  stmt = prepare (db, "SELECT id, date FROM documents WHERE date IS NOT NULL ORDER BY date");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *date = (const char *)sqlite3_column_text (stmt, 1);

      if (strncmp (month, date, 7) != 0)
        {
          g_strlcpy (month, date, sizeof month);
          n_months++;
          memset (bucket, 0, sizeof (gint64) * n);
        }
      if (id >= 0 && id <= chart->max_rowid)
        for (guint t = 0; t < n; t++)
          {
            bucket[t] += chart->counts[t][id];
            total += chart->counts[t][id];
          }
    }
  if (rc != SQLITE_DONE)
    die (db, "chart by month");
  sqlite3_finalize (stmt);
  elapsed = bench_now_ms () - start;
  *result = g_strdup_printf ("%u months, %" G_GINT64_FORMAT " mentions", n_months, total);
  return elapsed;
}

/* Regrouping the cached per-document counts by place: only the covering
 * index on documents(place) is read */
static double
measure_chart_regroup (sqlite3   *db,
                       gpointer   data,
                       char     **result)
{
  Chart *chart = data;
  guint n = chart->topics->len;
  sqlite3_stmt *stmt;
  double start = bench_now_ms (), elapsed;
  g_autofree char *place = NULL;
  guint n_places = 0;
  gint64 total = 0;
  int rc;

  stmt = prepare (db, "SELECT id, place FROM documents WHERE place IS NOT NULL ORDER BY place");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *p = (const char *)sqlite3_column_text (stmt, 1);

      if (place == NULL || strcmp (place, p) != 0)
        {
          g_free (place);
          place = g_strdup (p);
          n_places++;
        }
      if (id >= 0 && id <= chart->max_rowid)
        for (guint t = 0; t < n; t++)
          total += chart->counts[t][id];
    }
  if (rc != SQLITE_DONE)
    die (db, "regroup by place");
  sqlite3_finalize (stmt);
  elapsed = bench_now_ms () - start;
  *result = g_strdup_printf ("%u places, %" G_GINT64_FORMAT " mentions", n_places, total);
  return elapsed;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GPtrArray) topics = g_ptr_array_new ();
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt;
  Chart chart = { 0 };
  gboolean quoted_column;
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Timed runs per measure (default 20)", "N" },
    { NULL }
  };

  context = g_option_context_new ("FILE.corpus QUERIES.tsv - time search and counting");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 3 || runs < 1)
    {
      g_printerr ("bench-queries: %s\n", error ? error->message : "usage: bench-queries [--runs N] FILE.corpus QUERIES.tsv");
      return 2;
    }

  queries = bench_read_queries ("bench-queries", argv[2]);

  if (sqlite3_open_v2 (argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    die (db, argv[1]);
  /* The application's page cache */
  sqlite3_exec (db, "PRAGMA cache_size = -16384", NULL, NULL, NULL);
  register_inst_count (db);
  if (sqlite3_exec (db, "CREATE VIRTUAL TABLE temp.ce_bench_vocab USING fts5vocab(main, 'fts', 'instance')",
                    NULL, NULL, NULL) != SQLITE_OK)
    die (db, "fts5vocab");

  stmt = prepare (db, "SELECT count(*) FROM pragma_table_info('fts') WHERE name = 'quoted'");
  quoted_column = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 1;
  sqlite3_finalize (stmt);

  for (guint i = 0; i < queries->len; i++)
    {
      Query *q = g_ptr_array_index (queries, i);

      if (g_str_has_prefix (q->name, "topic:"))
        {
          g_ptr_array_add (topics, q);
          continue;
        }

      run_measure (db, "count", q->name, measure_count, q);
      run_measure (db, "page", q->name, measure_page, q);
      run_measure (db, "page-rank", q->name, measure_page_rank, q);

      if (quoted_column)
        {
          g_autofree char *scoped = g_strdup_printf ("{title body} : (%s)", q->query);
          Query sq = { q->name, scoped };

          run_measure (db, "count-scoped", q->name, measure_count, &sq);
          run_measure (db, "page-rank-scoped", q->name, measure_page_rank, &sq);
        }
    }

  for (guint i = 0; i < topics->len; i++)
    {
      Query *q = g_ptr_array_index (topics, i);

      run_measure (db, "topic-aux", q->name, measure_topic_aux, q);
      run_measure (db, "topic-vocab", q->name, measure_topic_vocab, q);
      if (quoted_column)
        run_measure (db, "topic-aux-all", q->name, measure_topic_aux_all, q);
    }

  if (topics->len > 0)
    {
      stmt = prepare (db, "SELECT coalesce(max(id), 0) FROM documents");
      if (sqlite3_step (stmt) != SQLITE_ROW)
        die (db, "max(id)");
      chart.max_rowid = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);

      chart.topics = topics;
      chart.counts = g_new0 (guint32 *, topics->len);
      for (guint t = 0; t < topics->len; t++)
        chart.counts[t] = g_new0 (guint32, chart.max_rowid + 1);

      run_measure (db, "chart-month", "topics", measure_chart_month, &chart);
      run_measure (db, "chart-regroup", "topics", measure_chart_regroup, &chart);

      for (guint t = 0; t < topics->len; t++)
        g_free (chart.counts[t]);
      g_free (chart.counts);
    }

  sqlite3_close (db);
  return 0;
}
