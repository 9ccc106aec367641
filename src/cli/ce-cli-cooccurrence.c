/* ce-cli-cooccurrence.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "ce-cli-private.h"
#include "ce-cooccurrence.h"

typedef struct
{
  const char  *path;
  char       **specs;
  gboolean     csv;
  gboolean     json;
} CooccurrenceRun;

static int
cooccurrence_on_corpus (CeCorpus *corpus,
                        gpointer  data)
{
  CooccurrenceRun *run = data;
  g_autoptr(GPtrArray) topics = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GError) error = NULL;
  int exit_code = CE_CLI_OK;
  guint n_docs = 0;

  if ((topics = _ce_cli_collect_topics (corpus, run->path, run->specs, &exit_code)) == NULL)
    return exit_code;
  if (topics->len < 2)
    {
      _ce_cli_error (_("Co-occurrence needs two topics or more"));
      return CE_CLI_USAGE;
    }

  pairs = ce_cooccurrence_compute (corpus, topics, &n_docs, NULL, &error);
  if (pairs == NULL)
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
      json_builder_set_member_name (builder, "pairs");
      json_builder_begin_array (builder);
      for (guint i = 0; i < pairs->len; i++)
        {
          const CeCooccurrence *pair = g_ptr_array_index (pairs, i);

          json_builder_begin_object (builder);
          _ce_cli_json_add_string (builder, "topic_a", ce_topic_get_name (g_ptr_array_index (topics, pair->a)));
          _ce_cli_json_add_string (builder, "topic_b", ce_topic_get_name (g_ptr_array_index (topics, pair->b)));
          json_builder_set_member_name (builder, "docs_a");
          json_builder_add_int_value (builder, pair->docs_a);
          json_builder_set_member_name (builder, "docs_b");
          json_builder_add_int_value (builder, pair->docs_b);
          json_builder_set_member_name (builder, "docs_both");
          json_builder_add_int_value (builder, pair->docs_both);
          json_builder_set_member_name (builder, "jaccard");
          json_builder_add_double_value (builder, pair->jaccard);
          json_builder_set_member_name (builder, "pmi");
          if (isnan (pair->pmi))
            json_builder_add_null_value (builder);
          else
            json_builder_add_double_value (builder, pair->pmi);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      _ce_cli_print_json (node);
    }
  else if (run->csv)
    {
      g_autofree char *text = ce_cooccurrence_to_csv (pairs, topics);

      fputs (text, stdout);
    }
  else
    {
      for (guint i = 0; i < pairs->len; i++)
        {
          const CeCooccurrence *pair = g_ptr_array_index (pairs, i);

          printf ("%s\t%s\t%u\t%.3f\t%.2f\n",
                  ce_topic_get_name (g_ptr_array_index (topics, pair->a)),
                  ce_topic_get_name (g_ptr_array_index (topics, pair->b)),
                  pair->docs_both, pair->jaccard, pair->pmi);
        }
    }

  return CE_CLI_OK;
}

/**
 * _ce_cli_cooccurrence:
 *
 * corpus-explorer cooccurrence FILE.corpus [--topic NAME[=TERMS]]…
 *   [--csv|--json]
 */
int
_ce_cli_cooccurrence (int    argc,
                      char **argv)
{
  g_auto(GStrv) specs = NULL;
  gboolean csv = FALSE;
  gboolean json = FALSE;
  int exit_code = CE_CLI_OK;
  CooccurrenceRun run = { 0, };
  const GOptionEntry entries[] = {
    { "topic", 't', 0, G_OPTION_ARG_STRING_ARRAY, &specs,
      N_("A stored topic, or NAME=TERM,TERM… (repeat for more; default: the enabled stored topics)"),
      N_("NAME[=TERMS]") },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV with a header"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!_ce_cli_parse ("cooccurrence", entries, &argc, &argv, 1, 1, &exit_code))
    return exit_code;
  if (csv && json)
    {
      _ce_cli_error (_("Give --csv or --json, not both"));
      return CE_CLI_USAGE;
    }

  run.path = argv[1];
  run.specs = specs;
  run.csv = csv;
  run.json = json;

  return _ce_cli_run_on_corpus (argv[1], cooccurrence_on_corpus, &run);
}
