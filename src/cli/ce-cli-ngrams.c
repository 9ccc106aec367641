/* ce-cli-ngrams.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "ce-cli-private.h"
#include "ce-ngrams.h"
#include "ce-stopwords.h"

typedef struct
{
  CeQuery        *query;
  CeNgramOptions *options;
  gboolean        csv;
  gboolean        json;
} NgramsRun;

static int
ngrams_on_corpus (CeCorpus *corpus,
                  gpointer  data)
{
  NgramsRun *run = data;
  g_autoptr(GPtrArray) ngrams = NULL;
  g_autoptr(GError) error = NULL;
  guint n_docs = 0;

  ngrams = ce_ngrams_compute (corpus, run->query, run->options, &n_docs, NULL, &error);
  if (ngrams == NULL)
    {
      _ce_cli_error ("%s", error->message);
      return CE_CLI_FAILED;
    }

  if (run->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "docs");
      json_builder_add_int_value (builder, n_docs);
      json_builder_set_member_name (builder, "ngrams");
      json_builder_begin_array (builder);
      for (guint i = 0; i < ngrams->len; i++)
        {
          const CeNgram *ngram = g_ptr_array_index (ngrams, i);

          json_builder_begin_object (builder);
          _ce_cli_json_add_string (builder, "ngram", ngram->text);
          json_builder_set_member_name (builder, "n");
          json_builder_add_int_value (builder, ngram->n);
          json_builder_set_member_name (builder, "count");
          json_builder_add_int_value (builder, ngram->count);
          json_builder_set_member_name (builder, "docs");
          json_builder_add_int_value (builder, ngram->docs);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      _ce_cli_print_json (node);
    }
  else if (run->csv)
    {
      g_autofree char *text = ce_ngrams_to_csv (ngrams);

      fputs (text, stdout);
    }
  else
    {
      for (guint i = 0; i < ngrams->len; i++)
        {
          const CeNgram *ngram = g_ptr_array_index (ngrams, i);

          printf ("%s\t%" G_GINT64_FORMAT "\t%u\n", ngram->text, ngram->count, ngram->docs);
        }
    }

  return CE_CLI_OK;
}

/* "3" or "2..4" */
static gboolean
parse_range (const char *text,
             guint      *min_n,
             guint      *max_n)
{
  const char *dots = strstr (text, "..");
  guint64 a, b;

  if (dots == NULL)
    {
      if (!g_ascii_string_to_unsigned (text, 10, 2, CE_NGRAM_MAX, &a, NULL))
        return FALSE;
      *min_n = *max_n = a;
      return TRUE;
    }

  {
    g_autofree char *first = g_strndup (text, dots - text);

    if (!g_ascii_string_to_unsigned (first, 10, 2, CE_NGRAM_MAX, &a, NULL) ||
        !g_ascii_string_to_unsigned (dots + 2, 10, 2, CE_NGRAM_MAX, &b, NULL) || a > b)
      return FALSE;
  }

  *min_n = a;
  *max_n = b;
  return TRUE;
}

/**
 * _ce_cli_ngrams:
 *
 * corpus-explorer ngrams FILE.corpus [--query Q] [--n N|A..B] [--top N]
 *   [--min N] [--csv|--json]
 */
int
_ce_cli_ngrams (int    argc,
                char **argv)
{
  g_autoptr(CeQuery) query = NULL;
  g_autoptr(GHashTable) stopwords = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query_text = NULL;
  g_autofree char *range = NULL;
  gboolean all = FALSE;
  gboolean csv = FALSE;
  gboolean json = FALSE;
  int top = 50;
  int min_count = 2;
  int exit_code = CE_CLI_OK;
  CeNgramOptions options = { 0, };
  NgramsRun run = { 0, };
  const GOptionEntry entries[] = {
    { "query", 'q', 0, G_OPTION_ARG_STRING, &query_text,
      N_("Read only the documents matching this search"), N_("QUERY") },
    { "n", 0, 0, G_OPTION_ARG_STRING, &range, N_("Words per n-gram: 2 to 5, or a range such as 2..4 (default 2..3)"), N_("N") },
    { "top", 'n', 0, G_OPTION_ARG_INT, &top, N_("Print the N most frequent (default 50, 0 for all)"), "N" },
    { "min", 'm', 0, G_OPTION_ARG_INT, &min_count, N_("Leave out n-grams seen fewer than N times (default 2)"), "N" },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Keep n-grams made of stop words only"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV with a header"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!_ce_cli_parse ("ngrams", entries, &argc, &argv, 1, 1, &exit_code))
    return exit_code;

  options.min_n = 2;
  options.max_n = 3;
  if (range != NULL && !parse_range (range, &options.min_n, &options.max_n))
    {
      _ce_cli_error (_("--n takes 2 to %d, or a range such as 2..4"), CE_NGRAM_MAX);
      return CE_CLI_USAGE;
    }
  if (top < 0 || min_count < 0)
    {
      _ce_cli_error (_("--min and --top take a number of 0 or more"));
      return CE_CLI_USAGE;
    }
  if (csv && json)
    {
      _ce_cli_error (_("Give --csv or --json, not both"));
      return CE_CLI_USAGE;
    }
  if (query_text != NULL && (query = ce_query_parse (query_text, &error)) == NULL)
    {
      _ce_cli_print_query_error (query_text, error);
      return CE_CLI_USAGE;
    }
  if (!all && (stopwords = ce_stopwords_load (NULL, &error)) == NULL)
    {
      _ce_cli_error ("%s", error->message);
      return CE_CLI_FAILED;
    }

  options.top = top;
  options.min_count = min_count;
  options.stopwords = stopwords;
  run.query = query;
  run.options = &options;
  run.csv = csv;
  run.json = json;

  return _ce_cli_run_on_corpus (argv[1], ngrams_on_corpus, &run);
}
