/* bench-analysis.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times the analysis functions of the core on a corpus, as the Analysis
 * page's workers call them: bench-analysis [--runs N] [--only KEY,…] FILE.corpus
 *
 * - keywords of every tenth document (a 10% target) against the rest;
 * - collocates (window 5 left and right) of the word whose frequency in
 *   the bodies is nearest 40,000;
 * - n-grams (2 words, and 2 to 5) over the documents of the word held by
 *   nearest 10,000 documents (the whole corpus when it is smaller);
 * - co-occurrence of 5 one-word topics, once they are counted.
 *
 * The first run of each is reported apart ("cold": the vocabulary and
 * the topics' counts are read or made then); the others give the median.
 * Output: KEY<TAB>VALUE lines, milliseconds unless the key says; KEY.ms
 * is the wall-clock time, KEY.cpu_ms the CPU time of the process (the
 * same on an idle machine, less on a busy one).  --only KEY,… measures
 * those only (keywords, collocates, ngrams2, ngrams2to5, cooccurrence).
 */

#include "config.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "ce-collocates.h"
#include "ce-cooccurrence.h"
#include "ce-corpus.h"
#include "ce-keyness.h"
#include "ce-ngrams.h"
#include "ce-stopwords.h"
#include "ce-topic.h"
#include "ce-vocabulary.h"

typedef gboolean (*RunFunc) (CeCorpus *corpus,
                             gpointer  data,
                             GError  **error);

static int runs = 5;
static char *only = NULL;

/* Milliseconds of CPU this process has used: on a busy machine, what the
 * work itself cost */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

static gboolean
wanted (const char *key)
{
  g_auto(GStrv) keys = NULL;

  if (only == NULL)
    return TRUE;

  keys = g_strsplit (only, ",", -1);
  return g_strv_contains ((const char * const *)keys, key);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return x < y ? -1 : x > y;
}

/* Prints KEY.cold_ms and KEY.ms (the median of the other runs), and
 * KEY.cpu_ms, the median CPU time of the same runs */
static void
measure (const char *key,
         CeCorpus   *corpus,
         RunFunc     func,
         gpointer    data)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  if (!wanted (key))
    return;

  for (int i = 0; i <= runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms ();
      double ms, cpu;

      if (!func (corpus, data, &error))
        {
          printf ("%s.error\t%s\n", key, error->message);
          return;
        }
      ms = (g_get_monotonic_time () - start) / 1000.0;
      cpu = cpu_ms () - cpu_start;

      if (i == 0)
        {
          printf ("%s.cold_ms\t%.1f\n", key, ms);
        }
      else
        {
          g_array_append_val (times, ms);
          g_array_append_val (cpu_times, cpu);
        }
    }

  g_array_sort (times, compare_double);
  g_array_sort (cpu_times, compare_double);
  printf ("%s.ms\t%.1f\n", key, g_array_index (times, double, times->len / 2));
  printf ("%s.cpu_ms\t%.1f\n", key, g_array_index (cpu_times, double, cpu_times->len / 2));
  fflush (stdout);
}

/* Keywords ----------------------------------------------------------------- */

typedef struct
{
  GArray     *ids;
  GHashTable *stopwords;
  guint       found;
} KeywordsRun;

static gboolean
keywords_run (CeCorpus  *corpus,
              gpointer   data,
              GError   **error)
{
  KeywordsRun *run = data;
  CeKeywordOptions options = { .min_count = 5, .stopwords = run->stopwords };
  g_autoptr(CeKeywordResult) result = ce_keywords_compute_for_ids (corpus, run->ids, &options, NULL, error);

  if (result != NULL)
    run->found = result->keywords->len;

  return result != NULL;
}

/* Words nearest a frequency ------------------------------------------------ */

typedef struct
{
  gboolean docs;      /* by documents rather than occurrences */
  gint64   want;
  gint64   best;
  char    *word;
  guint    columns;
} Nearest;

static void
nearest_cb (const char              *word,
            const CeVocabularyEntry *entry,
            gpointer                 user_data)
{
  Nearest *nearest = user_data;
  gint64 value = nearest->docs ? entry->docs[CE_CORPUS_COLUMN_BODY] : ce_vocabulary_entry_count (entry, nearest->columns);

  /* Words of letters only: a number or a name with digits is no topic */
  for (const char *p = word; *p != 0; p = g_utf8_next_char (p))
    if (!g_unichar_isalpha (g_utf8_get_char (p)))
      return;

  if (nearest->word == NULL || llabs (value - nearest->want) < llabs (nearest->best - nearest->want))
    {
      g_free (nearest->word);
      nearest->word = g_strdup (word);
      nearest->best = value;
    }
}

static char *
word_nearest (CeVocabulary *vocabulary,
              gboolean      docs,
              gint64        want,
              gint64       *found)
{
  Nearest nearest = { docs, want, 0, NULL, 1 << CE_CORPUS_COLUMN_BODY };

  ce_vocabulary_foreach (vocabulary, nearest_cb, &nearest);
  *found = nearest.best;

  return nearest.word;
}

/* Collocates --------------------------------------------------------------- */

typedef struct
{
  CeQuery *query;
  guint64  matches;
  guint    found;
} CollocatesRun;

static gboolean
collocates_run (CeCorpus  *corpus,
                gpointer   data,
                GError   **error)
{
  CollocatesRun *run = data;
  CeCollocateOptions options = { .left = 5, .right = 5, .min_count = 3 };
  g_autoptr(CeCollocateResult) result = ce_collocates_for_query (corpus, run->query, &options, NULL, error);

  if (result != NULL)
    {
      run->matches = result->matches;
      run->found = result->collocates->len;
    }

  return result != NULL;
}

/* N-grams ------------------------------------------------------------------ */

typedef struct
{
  CeQuery    *query;
  guint       max_n;
  GHashTable *stopwords;
  guint       n_docs;
} NgramsRun;

static gboolean
ngrams_run (CeCorpus  *corpus,
            gpointer   data,
            GError   **error)
{
  NgramsRun *run = data;
  CeNgramOptions options = { .min_n = 2, .max_n = run->max_n, .min_count = 2, .top = 500,
                             .stopwords = run->stopwords };
  g_autoptr(GPtrArray) ngrams = ce_ngrams_compute (corpus, run->query, &options, &run->n_docs, NULL, error);

  return ngrams != NULL;
}

/* Co-occurrence ------------------------------------------------------------ */

static gboolean
cooccurrence_run (CeCorpus  *corpus,
                  gpointer   data,
                  GError   **error)
{
  g_autoptr(GPtrArray) pairs = ce_cooccurrence_compute (corpus, data, NULL, NULL, error);

  return pairs != NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE.corpus");
  g_autoptr(GError) error = NULL;
  g_autoptr(CeCorpus) corpus = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GHashTable) stopwords = NULL;
  g_autoptr(CeVocabulary) vocabulary = NULL;
  g_autoptr(GPtrArray) topics = NULL;
  g_autofree char *node = NULL;
  g_autofree char *selection = NULL;
  KeywordsRun keywords = { 0, };
  CollocatesRun collocates = { 0, };
  NgramsRun ngrams = { 0, };
  gint64 start;
  gint64 found = 0;
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Timed runs after the first (default 5)", "N" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Only these measures (keywords, collocates, ngrams2, ngrams2to5, cooccurrence)", "KEY,…" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || runs < 1)
    {
      fprintf (stderr, "usage: bench-analysis [--runs N] [--only KEY,…] FILE.corpus\n");
      return 2;
    }

  if ((corpus = ce_corpus_open (argv[1], CE_CORPUS_OPEN_DEFAULT, &error)) == NULL ||
      (all = ce_corpus_list_document_ids (corpus, &error)) == NULL ||
      (stopwords = ce_stopwords_load (NULL, &error)) == NULL)
    {
      fprintf (stderr, "bench-analysis: %s\n", error->message);
      return 1;
    }
  printf ("documents\t%u\n", all->len);

  /* The index's vocabulary, read once per corpus generation */
  start = g_get_monotonic_time ();
  if ((vocabulary = ce_vocabulary_get (corpus, &error)) == NULL)
    {
      fprintf (stderr, "bench-analysis: %s\n", error->message);
      return 1;
    }
  printf ("vocabulary.cold_ms\t%.1f\n", (g_get_monotonic_time () - start) / 1000.0);
  printf ("vocabulary.words\t%u\n", ce_vocabulary_size (vocabulary));

  /* Keywords of every tenth document against the rest, stop words left out */
  keywords.ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < all->len; i += 10)
    g_array_append_val (keywords.ids, g_array_index (all, gint64, i));
  keywords.stopwords = stopwords;
  printf ("keywords.target_docs\t%u\n", keywords.ids->len);
  measure ("keywords", corpus, keywords_run, &keywords);
  printf ("keywords.found\t%u\n", keywords.found);
  g_array_unref (keywords.ids);

  /* Collocates of a word with about 40,000 matches */
  node = word_nearest (vocabulary, FALSE, 40000, &found);
  collocates.query = ce_query_parse (node, &error);
  if (collocates.query != NULL)
    {
      printf ("collocates.word\t%s\n", node);
      measure ("collocates", corpus, collocates_run, &collocates);
      printf ("collocates.matches\t%" G_GUINT64_FORMAT "\n", collocates.matches);
      printf ("collocates.found\t%u\n", collocates.found);
      ce_query_unref (collocates.query);
    }

  /* N-grams over about 10,000 documents */
  if (all->len > 11000)
    {
      selection = word_nearest (vocabulary, TRUE, 10000, &found);
      ngrams.query = ce_query_parse (selection, &error);
      printf ("ngrams.query\t%s\n", selection);
    }
  else
    printf ("ngrams.query\t\n");
  ngrams.stopwords = stopwords;
  ngrams.max_n = 2;
  measure ("ngrams2", corpus, ngrams_run, &ngrams);
  printf ("ngrams.docs\t%u\n", ngrams.n_docs);
  ngrams.max_n = 5;
  measure ("ngrams2to5", corpus, ngrams_run, &ngrams);
  g_clear_pointer (&ngrams.query, ce_query_unref);

  /* Five one-word topics: held by about 1%, 3%, 10%, 20% and 40% of the
   * documents */
  topics = g_ptr_array_new_with_free_func (g_object_unref);
  {
    const double shares[] = { 0.01, 0.03, 0.10, 0.20, 0.40 };

    for (guint i = 0; i < G_N_ELEMENTS (shares); i++)
      {
        g_autofree char *word = word_nearest (vocabulary, TRUE, (gint64)(shares[i] * all->len), &found);
        const char *terms[] = { word, NULL };

        g_ptr_array_add (topics, ce_topic_new (word, "#0072b2", terms));
        printf ("cooccurrence.topic%u\t%s (%" G_GINT64_FORMAT " documents)\n", i + 1, word, found);
      }
  }
  measure ("cooccurrence", corpus, cooccurrence_run, topics);

  return 0;
}
