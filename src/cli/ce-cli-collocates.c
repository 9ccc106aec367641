/* ce-cli-collocates.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "ce-cli-private.h"
#include "ce-collocates.h"
#include "ce-match-enums.h"
#include "ce-stopwords.h"

typedef struct
{
  CeQuery            *query;
  const char         *topic_spec;
  CeCollocateOptions *options;
  guint               top;
  gboolean            csv;
  gboolean            json;
} CollocatesRun;

static JsonNode *
result_to_json (const CeCollocateResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "matches");
  json_builder_add_int_value (builder, result->matches);
  json_builder_set_member_name (builder, "docs");
  json_builder_add_int_value (builder, result->docs);
  json_builder_set_member_name (builder, "window_tokens");
  json_builder_add_int_value (builder, result->window_tokens);
  json_builder_set_member_name (builder, "corpus_tokens");
  json_builder_add_int_value (builder, result->corpus_tokens);
  json_builder_set_member_name (builder, "collocates");
  json_builder_begin_array (builder);

  for (guint i = 0; i < result->collocates->len; i++)
    {
      const CeCollocate *collocate = g_ptr_array_index (result->collocates, i);

      json_builder_begin_object (builder);
      _ce_cli_json_add_string (builder, "word", collocate->word);
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, collocate->count);
      json_builder_set_member_name (builder, "docs");
      json_builder_add_int_value (builder, collocate->docs);
      json_builder_set_member_name (builder, "corpus_count");
      json_builder_add_int_value (builder, collocate->corpus_count);
      json_builder_set_member_name (builder, "mi");
      json_builder_add_double_value (builder, collocate->mi);
      json_builder_set_member_name (builder, "log_likelihood");
      json_builder_add_double_value (builder, collocate->ll);
      json_builder_set_member_name (builder, "log_dice");
      json_builder_add_double_value (builder, collocate->log_dice);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static int
collocates_on_corpus (CeCorpus *corpus,
                      gpointer  data)
{
  CollocatesRun *run = data;
  g_autoptr(CeCollocateResult) result = NULL;
  g_autoptr(CeTopic) topic = NULL;
  g_autoptr(GError) error = NULL;

  if (run->topic_spec != NULL)
    {
      topic = _ce_cli_topic_from_spec (corpus, run->topic_spec, NULL, &error);
      if (topic == NULL)
        {
          _ce_cli_error ("%s", error->message);
          return CE_CLI_USAGE;
        }
      result = ce_collocates_for_topic (corpus, topic, run->options, NULL, &error);
    }
  else
    {
      result = ce_collocates_for_query (corpus, run->query, run->options, NULL, &error);
    }

  if (result == NULL)
    {
      _ce_cli_error ("%s", error->message);
      return CE_CLI_FAILED;
    }

  if (run->top > 0 && result->collocates->len > run->top)
    g_ptr_array_set_size (result->collocates, run->top);

  if (run->json)
    {
      g_autoptr(JsonNode) node = result_to_json (result);

      _ce_cli_print_json (node);
    }
  else if (run->csv)
    {
      g_autofree char *text = ce_collocates_to_csv (result);

      fputs (text, stdout);
    }
  else
    {
      for (guint i = 0; i < result->collocates->len; i++)
        {
          const CeCollocate *collocate = g_ptr_array_index (result->collocates, i);

          printf ("%s\t%" G_GINT64_FORMAT "\t%.2f\t%.2f\t%.2f\n", collocate->word, collocate->count,
                  collocate->mi, collocate->ll, collocate->log_dice);
        }
    }

  return CE_CLI_OK;
}

/**
 * _ce_cli_collocates:
 *
 * corpus-explorer collocates FILE.corpus (QUERY | --topic NAME)
 *   [--window N] [--left N] [--right N] [--min N] [--top N]
 *   [--sort ll|mi|logdice|freq] [--stopwords] [--csv|--json]
 */
int
_ce_cli_collocates (int    argc,
                    char **argv)
{
  g_autoptr(CeQuery) query = NULL;
  g_autoptr(GHashTable) stopwords = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *topic_spec = NULL;
  g_autofree char *sort_name = NULL;
  gboolean use_stopwords = FALSE;
  gboolean csv = FALSE;
  gboolean json = FALSE;
  int window = 5;
  int left = -1;
  int right = -1;
  int min_count = 3;
  int top = 0;
  int sort = CE_COLLOCATE_SORT_LL;
  int exit_code = CE_CLI_OK;
  CeCollocateOptions options = { 0, };
  CollocatesRun run = { 0, };
  const GOptionEntry entries[] = {
    { "topic", 't', 0, G_OPTION_ARG_STRING, &topic_spec,
      N_("Around the mentions of a stored topic, or of NAME=TERM,TERM…, instead of a search"), N_("NAME[=TERMS]") },
    { "window", 'w', 0, G_OPTION_ARG_INT, &window, N_("Words on each side of a match (default 5)"), "N" },
    { "left", 0, 0, G_OPTION_ARG_INT, &left, N_("Words before a match (default: the window)"), "N" },
    { "right", 0, 0, G_OPTION_ARG_INT, &right, N_("Words after a match (default: the window)"), "N" },
    { "min", 'm', 0, G_OPTION_ARG_INT, &min_count, N_("Leave out words seen fewer than N times near a match (default 3)"), "N" },
    { "top", 'n', 0, G_OPTION_ARG_INT, &top, N_("Print the first N words only"), "N" },
    { "sort", 's', 0, G_OPTION_ARG_STRING, &sort_name,
      N_("ll (log-likelihood, the default), mi, logdice or freq"), N_("ORDER") },
    { "stopwords", 0, 0, G_OPTION_ARG_NONE, &use_stopwords,
      N_("Leave out stop words (the user’s list, else the English one)"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV with a header"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!_ce_cli_parse ("collocates", entries, &argc, &argv, 1, 3, &exit_code))
    return exit_code;

  if (argc == 4 && g_str_equal (argv[2], "--"))
    {
      argv[2] = argv[3];
      argc = 3;
    }

  if ((topic_spec == NULL) != (argc == 3) || argc > 3)
    {
      _ce_cli_error (_("“collocates” takes FILE.corpus and either a QUERY or --topic NAME"));
      return CE_CLI_USAGE;
    }
  if (window < 0 || window > 50 || left > 50 || right > 50 || min_count < 0 || top < 0)
    {
      _ce_cli_error (_("--window, --left and --right take 0 to 50 words; --min and --top a number of 0 or more"));
      return CE_CLI_USAGE;
    }
  if (csv && json)
    {
      _ce_cli_error (_("Give --csv or --json, not both"));
      return CE_CLI_USAGE;
    }
  if (sort_name != NULL && !_ce_cli_parse_nick (CE_TYPE_COLLOCATE_SORT, sort_name, &sort))
    {
      _ce_cli_error (_("unknown sort “%s”: use ll, mi, logdice or freq"), sort_name);
      return CE_CLI_USAGE;
    }
  if (topic_spec == NULL && (query = ce_query_parse (argv[2], &error)) == NULL)
    {
      _ce_cli_print_query_error (argv[2], error);
      return CE_CLI_USAGE;
    }
  if (use_stopwords && (stopwords = ce_stopwords_load (NULL, &error)) == NULL)
    {
      _ce_cli_error ("%s", error->message);
      return CE_CLI_FAILED;
    }

  options.left = left >= 0 ? left : window;
  options.right = right >= 0 ? right : window;
  options.min_count = min_count;
  options.stopwords = stopwords;
  options.sort = sort;
  run.query = query;
  run.topic_spec = topic_spec;
  run.options = &options;
  run.top = top;
  run.csv = csv;
  run.json = json;

  return _ce_cli_run_on_corpus (argv[1], collocates_on_corpus, &run);
}
