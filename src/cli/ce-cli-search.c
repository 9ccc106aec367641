/* ce-cli-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "ce-cli-private.h"
#include "ce-search.h"

/* One field of a tab-separated line: tabs and line breaks in the text
 * would break the columns */
static char *
dup_field (const char *text)
{
  char *copy = g_strdup (text != NULL ? text : "");

  for (char *p = copy; *p != 0; p++)
    {
      if ((guchar)*p < 0x20)
        *p = ' ';
    }

  return copy;
}

static JsonNode *
hits_to_json (GPtrArray *hits)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);

  for (guint i = 0; i < hits->len; i++)
    {
      CeSearchHit *hit = g_ptr_array_index (hits, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, hit->id);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, hit->title);
      _ce_cli_json_add_string (builder, "place", hit->place);
      _ce_cli_json_add_string (builder, "date", hit->date);
      _ce_cli_json_add_string (builder, "source", hit->source);
      json_builder_set_member_name (builder, "words");
      json_builder_add_int_value (builder, hit->words);
      json_builder_set_member_name (builder, "rank");
      json_builder_add_double_value (builder, hit->rank);
      json_builder_set_member_name (builder, "snippet");
      json_builder_add_string_value (builder, hit->snippet);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

typedef struct
{
  CeQuery  *query;
  gboolean  count_only;
  gboolean  json;
  gboolean  reverse;
  int       limit;
  int       offset;
  CeSort    sort;
  const char *quoted;
  gboolean  unique;
} SearchRun;

static int
search_on_corpus (CeCorpus *corpus,
                  gpointer  data)
{
  SearchRun *run = data;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  _ce_cli_apply_quoted (run->quoted, corpus);
  if (run->unique)
    _ce_cli_warn_unknown_copies (corpus);

  if (run->count_only)
    {
      gint64 count = ce_search_count (corpus, run->query, &error);

      if (count < 0)
        {
          _ce_cli_error ("%s", error->message);
          return CE_CLI_FAILED;
        }

      printf ("%" G_GINT64_FORMAT "\n", count);
      return CE_CLI_OK;
    }

  hits = ce_search_page (corpus, run->query, run->sort, run->reverse, run->offset, run->limit, &error);
  if (hits == NULL)
    {
      _ce_cli_error ("%s", error->message);
      return CE_CLI_FAILED;
    }

  if (run->json)
    {
      g_autoptr(JsonNode) node = hits_to_json (hits);

      _ce_cli_print_json (node);
      return CE_CLI_OK;
    }

  for (guint i = 0; i < hits->len; i++)
    {
      CeSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *date = dup_field (hit->date);
      g_autofree char *place = dup_field (hit->place);
      g_autofree char *title = dup_field (hit->title);

      printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\n", hit->id, date, place, title);
    }

  return CE_CLI_OK;
}

/**
 * _ce_cli_search:
 *
 * corpus-explorer search FILE.corpus QUERY [--count] [--limit N]
 *   [--offset N] [--sort rank|date|order|place|length|title] [--reverse]
 *   [--json] [--quoted include|exclude] [--unique]
 *
 * Prints one line per hit, "ID<TAB>DATE<TAB>PLACE<TAB>TITLE"; with
 * --count only the number of hits; with --json an array of hits whose
 * snippets mark matches with U+0001 and U+0002.  --unique lists one
 * document per story, as `copies:one` in the query does.
 */
int
_ce_cli_search (int    argc,
                char **argv)
{
  g_autoptr(CeQuery) query = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sort_name = NULL;
  g_autofree char *quoted = NULL;
  SearchRun run = { 0 };
  gboolean count_only = FALSE;
  gboolean json = FALSE;
  gboolean reverse = FALSE;
  gboolean unique = FALSE;
  int limit = 50;
  int offset = 0;
  int exit_code = CE_CLI_OK;
  CeSort sort = CE_SORT_RANK;
  const GOptionEntry entries[] = {
    { "count", 'c', 0, G_OPTION_ARG_NONE, &count_only, N_("Print the number of matching documents only"), NULL },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("Print at most N hits (default 50, 0 for all)"), "N" },
    { "offset", 0, 0, G_OPTION_ARG_INT, &offset, N_("Skip the first N hits"), "N" },
    { "sort", 's', 0, G_OPTION_ARG_STRING, &sort_name,
      N_("Order hits by rank (default), date, order, place, length or title"), "ORDER" },
    { "reverse", 'r', 0, G_OPTION_ARG_NONE, &reverse, N_("Reverse the order"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the hits as JSON, with snippets"), NULL },
    { "quoted", 0, 0, G_OPTION_ARG_STRING, &quoted,
      N_("Search quoted mail text and signatures too (include) or not (exclude); default: the corpus setting"),
      N_("include|exclude") },
    { "unique", 0, 0, G_OPTION_ARG_NONE, &unique,
      N_("One document per story: leave out the copies of an article, keep its earliest copy"), NULL },
    { NULL }
  };

  const char *positional[2] = { NULL, NULL };
  guint n_positional = 0;

  /* Up to three arguments: a query that starts with "-" follows "--",
   * which GOption leaves in place */
  if (!_ce_cli_parse ("search", entries, &argc, &argv, 2, 3, &exit_code))
    return exit_code;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--") && n_positional + (argc - i - 1) == 2)
        continue;
      if (n_positional == 2)
        {
          n_positional++;
          break;
        }
      positional[n_positional++] = argv[i];
    }

  if (n_positional != 2)
    {
      _ce_cli_error (_("“search” takes FILE.corpus QUERY; put “--” before a query that starts with “-”"));
      return CE_CLI_USAGE;
    }

  if (limit < 0 || offset < 0)
    {
      _ce_cli_error (_("--limit and --offset take a number of 0 or more"));
      return CE_CLI_USAGE;
    }

  if (sort_name != NULL && !ce_search_parse_sort (sort_name, &sort))
    {
      _ce_cli_error (_("unknown sort “%s”: use rank, date, order, place, length or title"), sort_name);
      return CE_CLI_USAGE;
    }

  if (!_ce_cli_apply_quoted (quoted, NULL))
    return CE_CLI_USAGE;

  query = ce_query_parse (positional[1], &error);
  if (query == NULL)
    {
      _ce_cli_print_query_error (positional[1], error);
      return CE_CLI_USAGE;
    }

  if (unique)
    {
      CeQuery *one_per_story = ce_query_new_one_per_story (query, &error);

      if (one_per_story == NULL)
        {
          _ce_cli_error ("%s", error->message);
          return CE_CLI_USAGE;
        }
      ce_query_unref (query);
      query = one_per_story;
    }

  run.query = query;
  run.count_only = count_only;
  run.json = json;
  run.reverse = reverse;
  run.limit = limit;
  run.offset = offset;
  run.sort = sort;
  run.quoted = quoted;
  run.unique = unique;

  return _ce_cli_run_on_corpus (positional[0], search_on_corpus, &run);
}
