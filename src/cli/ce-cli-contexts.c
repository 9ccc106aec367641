/* ce-cli-contexts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "ce-cli-private.h"
#include "ce-contexts.h"
#include "ce-match-enums.h"
#include "ce-topics.h"

static JsonNode *
lines_to_json (GPtrArray *lines,
               guint      total)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, total);
  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);

  for (guint i = 0; i < lines->len; i++)
    {
      const CeContext *line = g_ptr_array_index (lines, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "doc_id");
      json_builder_add_int_value (builder, line->doc_id);
      _ce_cli_json_add_string (builder, "date", line->date);
      _ce_cli_json_add_string (builder, "title", line->title);
      _ce_cli_json_add_string (builder, "left", line->left);
      _ce_cli_json_add_string (builder, "match", line->match);
      _ce_cli_json_add_string (builder, "right", line->right);
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, line->body_start);
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, line->body_end);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

typedef struct
{
  CeQuery       *query;
  const char    *topic_spec;
  const char    *filter;
  guint          width;
  guint          limit;
  CeContextSort  sort;
  gboolean       csv;
  gboolean       json;
} ContextsRun;

static int
contexts_on_corpus (CeCorpus *corpus,
                    gpointer  data)
{
  ContextsRun *run = data;
  g_autoptr(CeTopic) topic = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint total = 0;

  if (run->topic_spec != NULL)
    {
      topic = _ce_cli_topic_from_spec (corpus, run->topic_spec, NULL, &error);
      if (topic == NULL)
        {
          _ce_cli_error ("%s", error->message);
          return CE_CLI_USAGE;
        }
      lines = ce_contexts_for_topic (corpus, topic, run->width, 0, &total, NULL, &error);
    }
  else
    {
      lines = ce_contexts_for_query (corpus, run->query, run->width, 0, &total, NULL, &error);
    }

  if (lines == NULL)
    {
      _ce_cli_error ("%s", error->message);
      return CE_CLI_FAILED;
    }

  if (run->filter != NULL)
    {
      GPtrArray *kept = ce_contexts_filter (lines, run->filter);

      g_ptr_array_unref (lines);
      lines = kept;
    }

  ce_contexts_sort (lines, run->sort);
  if (run->limit > 0 && lines->len > run->limit)
    g_ptr_array_set_size (lines, run->limit);

  if (run->json)
    {
      g_autoptr(JsonNode) node = lines_to_json (lines, total);

      _ce_cli_print_json (node);
    }
  else
    {
      g_autofree char *text = run->csv ? ce_contexts_to_csv (lines)
                                       : ce_contexts_to_text (lines, run->width);

      fputs (text, stdout);
    }

  return CE_CLI_OK;
}

/**
 * _ce_cli_contexts:
 *
 * corpus-explorer contexts FILE.corpus (QUERY | --topic NAME) [--width N]
 *   [--sort order|1L|2L|3L|1R|2R|3R|doc|date] [--filter WORD] [--limit N]
 *   [--csv|--json]
 *
 * Prints a concordance: every match of the search or mention of the
 * topic with the text around it, the matches aligned.
 */
int
_ce_cli_contexts (int    argc,
                  char **argv)
{
  g_autoptr(CeQuery) query = NULL;
  g_autoptr(GError) error = NULL;
  ContextsRun run = { 0, };
  g_autofree char *topic_spec = NULL;
  g_autofree char *sort_name = NULL;
  g_autofree char *filter = NULL;
  gboolean csv = FALSE;
  gboolean json = FALSE;
  int width = 40;
  int limit = 0;
  int sort = CE_CONTEXT_SORT_ORDER;
  int exit_code = CE_CLI_OK;
  const GOptionEntry entries[] = {
    { "topic", 't', 0, G_OPTION_ARG_STRING, &topic_spec,
      N_("The mentions of a stored topic, or of NAME=TERM,TERM…, instead of a search"), N_("NAME[=TERMS]") },
    { "width", 'w', 0, G_OPTION_ARG_INT, &width, N_("Characters of context on each side (default 40)"), "N" },
    { "sort", 's', 0, G_OPTION_ARG_STRING, &sort_name,
      N_("order (default), 1L, 2L, 3L (words left of the match), 1R, 2R, 3R (right), doc or date"),
      N_("ORDER") },
    { "filter", 'f', 0, G_OPTION_ARG_STRING, &filter,
      N_("Keep only the lines with this word in their context"), N_("WORD") },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("Print at most N lines (default all)"), "N" },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV with a header"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!_ce_cli_parse ("contexts", entries, &argc, &argv, 1, 3, &exit_code))
    return exit_code;

  /* A query that starts with "-" follows "--", which GOption leaves */
  if (argc == 4 && g_str_equal (argv[2], "--"))
    {
      argv[2] = argv[3];
      argc = 3;
    }

  if ((topic_spec == NULL) != (argc == 3) || argc > 3)
    {
      _ce_cli_error (_("“contexts” takes FILE.corpus and either a QUERY or --topic NAME"));
      return CE_CLI_USAGE;
    }

  if (width < 0 || width > 1000 || limit < 0)
    {
      _ce_cli_error (_("--width takes 0 to 1000 characters and --limit a number of 0 or more"));
      return CE_CLI_USAGE;
    }

  if (csv && json)
    {
      _ce_cli_error (_("Give --csv or --json, not both"));
      return CE_CLI_USAGE;
    }

  if (sort_name != NULL)
    {
      g_autofree char *nick = g_ascii_strdown (sort_name, -1);

      if (!_ce_cli_parse_nick (CE_TYPE_CONTEXT_SORT, nick, &sort))
        {
          _ce_cli_error (_("unknown sort “%s”: use order, 1L, 2L, 3L, 1R, 2R, 3R, doc or date"),
                         sort_name);
          return CE_CLI_USAGE;
        }
    }

  if (topic_spec == NULL && (query = ce_query_parse (argv[2], &error)) == NULL)
    {
      _ce_cli_print_query_error (argv[2], error);
      return CE_CLI_USAGE;
    }

  run.query = query;
  run.topic_spec = topic_spec;
  run.width = width;
  run.sort = sort;
  run.filter = filter;
  run.limit = limit;
  run.csv = csv;
  run.json = json;

  return _ce_cli_run_on_corpus (argv[1], contexts_on_corpus, &run);
}

