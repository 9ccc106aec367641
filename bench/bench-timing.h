/* bench-timing.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the benchmark's timers share (bench-core times the application's
 * functions, bench-queries the raw SQL beside them): the query file, the
 * timing loop and the line each measure prints.  A header of static
 * functions, so that bench-queries still builds from its own source with
 * a plain compiler (bench/run.sh).
 */

#pragma once

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct
{
  char *name;
  char *query;
} BenchQuery;

/* One run of a measure: returns its time in ms, and sets *result to what
 * it found (documents, rows, mentions), printed beside the times */
typedef double (*BenchMeasure) (gpointer data, char **result);

static inline double
bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static inline int
bench_compare_doubles (gconstpointer a,
                       gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

/* Nearest-rank percentile of sorted values */
static inline double
bench_percentile (const double *sorted,
                  int           n,
                  double        p)
{
  int rank = (int)(p * n + 0.999999);

  return sorted[CLAMP (rank, 1, n) - 1];
}

/* Runs @func once on its own ("first", the first time after opening),
 * then @runs more times, and prints
 * MEASURE<TAB>NAME<TAB>first_ms<TAB>p50_ms<TAB>p95_ms<TAB>runs<TAB>result */
static inline void
bench_run_measure (const char   *measure,
                   const char   *name,
                   BenchMeasure  func,
                   gpointer      data,
                   int           runs)
{
  g_autofree double *times = g_new (double, runs);
  g_autofree char *result = NULL;
  double first;

  first = func (data, &result);
  for (int i = 0; i < runs; i++)
    {
      g_clear_pointer (&result, g_free);
      times[i] = func (data, &result);
    }

  qsort (times, runs, sizeof (double), bench_compare_doubles);
  g_print ("%s\t%s\t%.3f\t%.3f\t%.3f\t%d\t%s\n", measure, name, first,
           bench_percentile (times, runs, 0.50), bench_percentile (times, runs, 0.95), runs,
           result ? result : "");
  fflush (stdout);
}

/* NAME<TAB>QUERY lines (gen-corpus --queries); empty lines and lines
 * starting with '#' are left out.  Exits with a message naming the file
 * and line when one is not of that form. */
static inline GPtrArray *
bench_read_queries (const char *program,
                    const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *queries = g_ptr_array_new ();

  if (!g_file_get_contents (path, &contents, NULL, &error))
    {
      g_printerr ("%s: %s\n", program, error->message);
      exit (1);
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *tab = strchr (lines[i], '\t');
      BenchQuery *q;

      if (lines[i][0] == 0 || lines[i][0] == '#')
        continue;
      if (tab == NULL)
        {
          g_printerr ("%s: %s:%u: expected NAME<TAB>QUERY\n", program, path, i + 1);
          exit (1);
        }

      q = g_new0 (BenchQuery, 1);
      q->name = g_strndup (lines[i], tab - lines[i]);
      q->query = g_strdup (tab + 1);
      g_ptr_array_add (queries, q);
    }

  return queries;
}
