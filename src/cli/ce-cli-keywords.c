/* ce-cli-keywords.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "ce-cli-private.h"
#include "ce-keyness.h"
#include "ce-match-enums.h"
#include "ce-stopwords.h"

static JsonNode *
result_to_json (const CeKeywordResult *result,
                guint                  n)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "target_docs");
  json_builder_add_int_value (builder, result->target_docs);
  json_builder_set_member_name (builder, "target_tokens");
  json_builder_add_int_value (builder, result->target_tokens);
  json_builder_set_member_name (builder, "reference_docs");
  json_builder_add_int_value (builder, result->reference_docs);
  json_builder_set_member_name (builder, "reference_tokens");
  json_builder_add_int_value (builder, result->reference_tokens);
  json_builder_set_member_name (builder, "words_tested");
  json_builder_add_int_value (builder, result->words_tested);
  json_builder_set_member_name (builder, "critical_ll");
  json_builder_add_double_value (builder, result->critical);
  json_builder_set_member_name (builder, "keywords");
  json_builder_begin_array (builder);

  for (guint i = 0; i < n; i++)
    {
      const CeKeyword *keyword = g_ptr_array_index (result->keywords, i);

      json_builder_begin_object (builder);
      _ce_cli_json_add_string (builder, "word", keyword->word);
      json_builder_set_member_name (builder, "target_count");
      json_builder_add_int_value (builder, keyword->target_count);
      json_builder_set_member_name (builder, "reference_count");
      json_builder_add_int_value (builder, keyword->reference_count);
      json_builder_set_member_name (builder, "target_docs");
      json_builder_add_int_value (builder, keyword->target_docs);
      json_builder_set_member_name (builder, "log_likelihood");
      json_builder_add_double_value (builder, keyword->ll);
      json_builder_set_member_name (builder, "log_ratio");
      json_builder_add_double_value (builder, keyword->log_ratio);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

typedef struct
{
  CeQuery          *target;
  CeQuery          *reference;
  CeKeywordOptions *options;
  guint             top;
  gboolean          csv;
  gboolean          json;
} KeywordsRun;

static int
keywords_on_corpus (CeCorpus *corpus,
                    gpointer  data)
{
  KeywordsRun *run = data;
  g_autoptr(CeKeywordResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  result = ce_keywords_compute (corpus, run->target, run->reference, run->options, NULL, &error);
  if (result == NULL)
    {
      _ce_cli_error ("%s", error->message);
      return CE_CLI_FAILED;
    }

  n = result->keywords->len;
  if (run->top > 0)
    n = MIN (n, run->top);
  g_ptr_array_set_size (result->keywords, n);

  if (run->json)
    {
      g_autoptr(JsonNode) node = result_to_json (result, n);

      _ce_cli_print_json (node);
    }
  else if (run->csv)
    {
      g_autofree char *text = ce_keywords_to_csv (result);

      fputs (text, stdout);
    }
  else
    {
      for (guint i = 0; i < n; i++)
        {
          const CeKeyword *keyword = g_ptr_array_index (result->keywords, i);

          printf ("%s\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%.2f\t%+.2f\n", keyword->word,
                  keyword->target_count, keyword->reference_count, keyword->ll, keyword->log_ratio);
        }
    }

  return CE_CLI_OK;
}

/**
 * _ce_cli_keywords:
 *
 * corpus-explorer keywords FILE.corpus --target QUERY [--reference QUERY]
 *   [--min N] [--top N] [--sort ll|ratio] [--stopwords[=FILE]]
 *   [--csv|--json]
 */
int
_ce_cli_keywords (int    argc,
                  char **argv)
{
  g_autoptr(CeQuery) target = NULL;
  g_autoptr(CeQuery) reference = NULL;
  g_autoptr(GHashTable) stopwords = NULL;
  KeywordsRun run = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *target_text = NULL;
  g_autofree char *reference_text = NULL;
  g_autofree char *sort_name = NULL;
  g_autofree char *stopword_file = NULL;
  gboolean use_stopwords = FALSE;
  gboolean csv = FALSE;
  gboolean json = FALSE;
  int min_count = 5;
  int top = 0;
  int sort = CE_KEYWORD_SORT_LL;
  int exit_code = CE_CLI_OK;
  CeKeywordOptions options = { 0, };
  const GOptionEntry entries[] = {
    { "target", 't', 0, G_OPTION_ARG_STRING, &target_text,
      N_("The documents studied: a search with its filters (required)"), N_("QUERY") },
    { "reference", 'r', 0, G_OPTION_ARG_STRING, &reference_text,
      N_("The documents compared with (default: the rest of the corpus)"), N_("QUERY") },
    { "min", 'm', 0, G_OPTION_ARG_INT, &min_count,
      N_("Leave out words seen fewer than N times in both together (default 5)"), "N" },
    { "top", 'n', 0, G_OPTION_ARG_INT, &top, N_("Print the first N words only"), "N" },
    { "sort", 's', 0, G_OPTION_ARG_STRING, &sort_name,
      N_("ll (log-likelihood, the default) or ratio (log ratio)"), N_("ORDER") },
    { "stopwords", 0, 0, G_OPTION_ARG_NONE, &use_stopwords,
      N_("Leave out stop words (the user’s list, else the English one)"), NULL },
    { "stopword-file", 0, 0, G_OPTION_ARG_FILENAME, &stopword_file,
      N_("Leave out the words listed in FILE, one a line"), N_("FILE") },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV with a header"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!_ce_cli_parse ("keywords", entries, &argc, &argv, 1, 1, &exit_code))
    return exit_code;

  if (target_text == NULL)
    {
      _ce_cli_error (_("“keywords” needs --target QUERY"));
      return CE_CLI_USAGE;
    }
  if (min_count < 0 || top < 0)
    {
      _ce_cli_error (_("--min and --top take a number of 0 or more"));
      return CE_CLI_USAGE;
    }
  if (csv && json)
    {
      _ce_cli_error (_("Give --csv or --json, not both"));
      return CE_CLI_USAGE;
    }
  if (sort_name != NULL && !_ce_cli_parse_nick (CE_TYPE_KEYWORD_SORT, sort_name, &sort))
    {
      _ce_cli_error (_("unknown sort “%s”: use ll or ratio"), sort_name);
      return CE_CLI_USAGE;
    }

  if ((target = ce_query_parse (target_text, &error)) == NULL)
    {
      _ce_cli_print_query_error (target_text, error);
      return CE_CLI_USAGE;
    }
  if (reference_text != NULL && (reference = ce_query_parse (reference_text, &error)) == NULL)
    {
      _ce_cli_print_query_error (reference_text, error);
      return CE_CLI_USAGE;
    }

  if (use_stopwords || stopword_file != NULL)
    {
      stopwords = ce_stopwords_load (stopword_file, &error);
      if (stopwords == NULL)
        {
          _ce_cli_error ("%s", error->message);
          return CE_CLI_FAILED;
        }
    }

  options.min_count = min_count;
  options.stopwords = stopwords;
  options.sort = sort;
  run.target = target;
  run.reference = reference;
  run.options = &options;
  run.top = top;
  run.csv = csv;
  run.json = json;

  return _ce_cli_run_on_corpus (argv[1], keywords_on_corpus, &run);
}

