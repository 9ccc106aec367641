/* ce-cli-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the `counts` and `chart` commands share: the options that choose
 * topics, grouping, measure, search and top N, and the count they make.
 */

#define G_LOG_DOMAIN "ce-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ce-chart-count.h"
#include "ce-cli-private.h"
#include "ce-corpus-duplicates.h"
#include "ce-search.h"

void
_ce_cli_print_query_error (const char   *text,
                           const GError *error)
{
  guint column = ce_query_error_get_column (error);

  _ce_cli_error (_("invalid query: %s"), error->message);

  /* Point at the column under the query, when it is one line */
  if (column > 0 && strchr (text, '\n') == NULL && g_utf8_strlen (text, -1) < 200)
    g_printerr ("  %s\n  %*s^\n", text, (int)column - 1, "");
}

/**
 * _ce_cli_parse_nick:
 * @enum_type: a registered enumeration, such as %CE_TYPE_PLOT_KIND
 * @nick: what the user typed: a nick of @enum_type ("heatmap")
 * @value: (out): its value
 *
 * Returns: %TRUE when @nick names a value of @enum_type
 */
gboolean
_ce_cli_parse_nick (GType       enum_type,
                    const char *nick,
                    int        *value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  const GEnumValue *found = g_enum_get_value_by_nick (klass, nick);

  if (found == NULL)
    return FALSE;

  *value = found->value;
  return TRUE;
}

/**
 * _ce_cli_count_entries:
 * @options: where the parsed values go
 * @entries: (array): room for %_CE_CLI_N_COUNT_ENTRIES entries
 *
 * Fills @entries with --topic, --by, --measure, --query, --top, --sort
 * and --quoted.
 */
void
_ce_cli_count_entries (CeCliCountOptions *options,
                       GOptionEntry      *entries)
{
  const GOptionEntry template[_CE_CLI_N_COUNT_ENTRIES] = {
    { "topic", 't', 0, G_OPTION_ARG_STRING_ARRAY, &options->specs,
      N_("A stored topic, or NAME=TERM,TERM… (repeat for more; default: the enabled stored topics)"),
      N_("NAME[=TERMS]") },
    { "by", 'b', 0, G_OPTION_ARG_STRING, &options->by,
      N_("document, document-date, place, source, section, author, meta:KEY, day, week, month, quarter, year or date"),
      N_("GROUPING") },
    { "measure", 'm', 0, G_OPTION_ARG_STRING, &options->measure,
      N_("mentions, per10k, docs or share"), N_("MEASURE") },
    { "query", 'q', 0, G_OPTION_ARG_STRING, &options->query,
      N_("Count only in the documents matching this search (see “search --help”)"), N_("QUERY") },
    { "top", 0, 0, G_OPTION_ARG_INT, &options->top,
      N_("Keep the N largest categories and fold the rest into “Other”"), N_("N") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &options->sort,
      N_("value, or natural (time, corpus order, alphabetical)"), N_("ORDER") },
    { "quoted", 0, 0, G_OPTION_ARG_STRING, &options->quoted,
      N_("Count quoted mail text and signatures (include) or not (exclude); default: the corpus setting"),
      N_("include|exclude") },
    { "unique", 0, 0, G_OPTION_ARG_NONE, &options->unique,
      N_("Count each story once: leave out copies grouped with an earlier article (see “duplicates”)"),
      NULL },
  };

  memcpy (entries, template, sizeof template);
}

void
_ce_cli_count_options_clear (CeCliCountOptions *options)
{
  g_clear_pointer (&options->specs, g_strfreev);
  g_clear_pointer (&options->by, g_free);
  g_clear_pointer (&options->measure, g_free);
  g_clear_pointer (&options->query, g_free);
  g_clear_pointer (&options->sort, g_free);
  g_clear_pointer (&options->quoted, g_free);
}

gboolean
_ce_cli_apply_quoted (const char *name,
                      CeCorpus   *corpus)
{
  CeQuotedMode mode;

  if (name == NULL)
    mode = CE_QUOTED_STORED;
  else if (g_str_equal (name, "include"))
    mode = CE_QUOTED_INCLUDE;
  else if (g_str_equal (name, "exclude"))
    mode = CE_QUOTED_EXCLUDE;
  else
    {
      _ce_cli_error (_("Unknown --quoted “%s”: use include or exclude"), name);
      return FALSE;
    }

  if (corpus == NULL)
    return TRUE;

  ce_corpus_set_quoted_mode (corpus, mode);
  if (mode == CE_QUOTED_EXCLUDE && !ce_corpus_can_leave_out_quoted (corpus))
    g_printerr (_("Warning: “%s” was written by an older version; quoted text is counted until "
                  "the corpus is opened for writing (by an import, or in the application)\n"),
                ce_corpus_get_path (corpus));

  return TRUE;
}

/* Counting each story once in a corpus whose copies are not (all)
 * grouped counts every article not yet compared as a story of its own:
 * said, so that nobody takes the numbers for what they are not */
void
_ce_cli_warn_unknown_copies (CeCorpus *corpus)
{
  if (ce_corpus_knows_copies (corpus))
    return;

  g_printerr (_("Warning: the copies in “%s” are not grouped yet, so articles not compared "
                "count as stories of their own; run “corpus-explorer duplicates” on it to "
                "group them\n"),
              ce_corpus_get_path (corpus));
}

/* "NAME" is a stored topic; "NAME=TERM,TERM…" defines one on the spot,
 * in a colour that none of the topics @before (which may be %NULL) has */
CeTopic *
_ce_cli_topic_from_spec (CeCorpus    *corpus,
                         const char  *spec,
                         GPtrArray   *before,
                         GError     **error)
{
  g_autoptr(GPtrArray) colors = g_ptr_array_new ();
  const char *equals = strchr (spec, '=');
  g_autofree char *name = NULL;
  g_auto(GStrv) terms = NULL;
  g_autoptr(CeTopic) topic = NULL;

  if (equals == NULL)
    return ce_topics_find (corpus, spec, error);

  name = g_strndup (spec, equals - spec);
  terms = ce_topic_split_terms (equals + 1);
  /* A topic given on the spot gets a colour the ones before it have not */
  for (guint i = 0; before != NULL && i < before->len; i++)
    g_ptr_array_add (colors, (gpointer)ce_topic_get_color (g_ptr_array_index (before, i)));
  topic = ce_topic_new (g_strstrip (name),
                        ce_topic_palette_next ((const char * const *)colors->pdata, colors->len),
                        (const char * const *)terms);

  if (!ce_topic_validate (topic, error))
    return NULL;

  return g_steal_pointer (&topic);
}

/* The topics of --topic, else the enabled stored topics; errors printed */
GPtrArray *
_ce_cli_collect_topics (CeCorpus    *corpus,
                        const char  *path,
                        char       **specs,
                        int         *exit_code)
{
  g_autoptr(GPtrArray) topics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  if (specs != NULL)
    {
      for (guint i = 0; specs[i] != NULL; i++)
        {
          CeTopic *topic = _ce_cli_topic_from_spec (corpus, specs[i], topics, &error);

          if (topic == NULL)
            {
              _ce_cli_error ("%s", error->message);
              *exit_code = CE_CLI_USAGE;
              return NULL;
            }
          g_ptr_array_add (topics, topic);
        }

      return g_steal_pointer (&topics);
    }

  {
    g_autoptr(GPtrArray) stored = ce_topics_list (corpus, &error);

    if (stored == NULL)
      {
        _ce_cli_error ("%s", error->message);
        *exit_code = CE_CLI_FAILED;
        return NULL;
      }

    for (guint i = 0; i < stored->len; i++)
      {
        if (ce_topic_get_enabled (g_ptr_array_index (stored, i)))
          g_ptr_array_add (topics, g_object_ref (g_ptr_array_index (stored, i)));
      }
  }

  if (topics->len == 0)
    {
      _ce_cli_error (_("“%s” has no enabled topics; give one with --topic NAME=TERM,TERM…"), path);
      *exit_code = CE_CLI_USAGE;
      return NULL;
    }

  return g_steal_pointer (&topics);
}

typedef struct
{
  CeCliCountOptions *options;
  const char        *path;
  CeQuery           *query;
  CeGrouping         grouping;
  CeMeasure          measure;
  int                sort;
  CeCliCountedFunc   func;
  gpointer           data;
} CountRun;

static int
count_on_corpus (CeCorpus *corpus,
                 gpointer  data)
{
  CountRun *run = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) topics = NULL;
  g_autoptr(GArray) filter_ids = NULL;
  g_autoptr(CeCountTable) table = NULL;
  const char *filter_fts = NULL;
  int exit_code = CE_CLI_USAGE;

  _ce_cli_apply_quoted (run->options->quoted, corpus);
  ce_corpus_set_unique_stories (corpus, run->options->unique);
  if (run->options->unique)
    _ce_cli_warn_unknown_copies (corpus);

  if ((topics = _ce_cli_collect_topics (corpus, run->path, run->options->specs, &exit_code)) == NULL)
    return exit_code;

  if (run->query != NULL && !ce_query_is_empty (run->query))
    {
      filter_fts = ce_query_get_fts (run->query);
      if (ce_query_has_filters (run->query) &&
          (filter_ids = ce_search_ids (corpus, run->query, CE_SORT_ORDER, FALSE, &error)) == NULL)
        {
          _ce_cli_error ("%s", error->message);
          return CE_CLI_FAILED;
        }
    }

  table = ce_counter_aggregate (corpus, topics, &run->grouping, run->measure, filter_fts, filter_ids,
                                run->options->top, (CeCategorySort)run->sort, &error);
  if (table == NULL)
    {
      _ce_cli_error ("%s", error->message);
      return g_error_matches (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_QUERY) ||
             g_error_matches (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_TERM)
             ? CE_CLI_USAGE : CE_CLI_FAILED;
    }

  return run->func (corpus, topics, table, run->data);
}

/**
 * _ce_cli_count:
 * @options: the parsed count options
 * @path: the corpus file
 * @func: what to do with the counts, on the connection they came from
 *
 * Checks @options, opens the corpus read-only through a session and
 * counts.  Errors are printed.  A --query is read by the search
 * language, the same as `search` and the window's search bar: its
 * full-text part restricts the count, and its filters (place:, date: …)
 * become a list of documents.
 *
 * Returns: the exit code
 */
int
_ce_cli_count (CeCliCountOptions *options,
               const char        *path,
               CeCliCountedFunc   func,
               gpointer           data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) query = NULL;
  g_autofree char *meta_key = NULL;
  CountRun run = { options, path, NULL, { CE_GROUP_DOCUMENT, NULL }, CE_MEASURE_MENTIONS, 0, func, data };

  if (options->top < 0)
    {
      _ce_cli_error (_("--top must be 0 or more"));
      return CE_CLI_USAGE;
    }

  if (options->by != NULL && !ce_grouping_parse (options->by, &run.grouping.by, &meta_key, &error))
    {
      _ce_cli_error ("%s", error->message);
      return CE_CLI_USAGE;
    }
  run.grouping.meta_key = meta_key;

  if (options->measure != NULL && !ce_measure_parse (options->measure, &run.measure, &error))
    {
      _ce_cli_error ("%s", error->message);
      return CE_CLI_USAGE;
    }

  /* Dates read best in time order; other categories by size */
  if (options->sort == NULL)
    run.sort = ce_chart_count_default_sort (run.grouping.by);
  else if (!_ce_cli_parse_nick (CE_TYPE_CHART_SORT, options->sort, &run.sort))
    {
      _ce_cli_error (_("Unknown --sort “%s”: use value or natural"), options->sort);
      return CE_CLI_USAGE;
    }

  if (!_ce_cli_apply_quoted (options->quoted, NULL))
    return CE_CLI_USAGE;

  if (options->query != NULL)
    {
      query = ce_query_parse (options->query, &error);
      if (query == NULL)
        {
          _ce_cli_print_query_error (options->query, error);
          return CE_CLI_USAGE;
        }
    }
  run.query = query;

  return _ce_cli_run_on_corpus (path, count_on_corpus, &run);
}
