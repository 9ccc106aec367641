/* ce-cli-topics.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "ce-chart-count.h"
#include "ce-chart-export.h"
#include "ce-cli-private.h"
#include "ce-counter.h"
#include "ce-entities.h"
#include "ce-topic.h"

#define DEFAULT_SUGGESTIONS 30

static JsonNode *
terms_node (const char * const *terms)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; terms != NULL && terms[i] != NULL; i++)
    json_array_add_string_element (array, terms[i]);

  json_node_take_array (node, array);
  return node;
}

static int
topics_list (CeSession *session,
             gboolean   json)
{
  GListModel *topics = ce_session_get_topics (session);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);

  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(CeTopic) topic = g_list_model_get_item (topics, i);
      const char * const *terms = ce_topic_get_terms (topic);

      if (json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, ce_topic_get_name (topic));
          json_builder_set_member_name (builder, "color");
          json_builder_add_string_value (builder, ce_topic_get_color (topic));
          json_builder_set_member_name (builder, "enabled");
          json_builder_add_boolean_value (builder, ce_topic_get_enabled (topic));
          json_builder_set_member_name (builder, "terms");
          json_builder_add_value (builder, terms_node (terms));
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *joined = ce_topic_join_terms (terms);

          printf ("%s\t%s\t%s\t%s\n",
                  ce_topic_get_name (topic),
                  ce_topic_get_color (topic),
                  ce_topic_get_enabled (topic) ? "on" : "off",
                  joined);
        }
    }

  json_builder_end_array (builder);

  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      _ce_cli_print_json (root);
    }

  return CE_CLI_OK;
}

/* Each argument is a term, or several separated by commas */
static GStrv
collect_terms (char **args)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; args[i] != NULL; i++)
    {
      g_auto(GStrv) split = ce_topic_split_terms (args[i]);

      g_strv_builder_addv (builder, (const char **)split);
    }

  return g_strv_builder_end (builder);
}

typedef struct
{
  CeTopic *topic;
  GError  *error;
} TopicCheck;

static int
check_topic_on_corpus (CeCorpus *corpus,
                       gpointer  data)
{
  TopicCheck *check = data;

  return ce_counter_check_topic (corpus, check->topic, &check->error) ? CE_CLI_OK : CE_CLI_FAILED;
}

static int
topic_error_exit (const GError *error)
{
  _ce_cli_error ("%s", error->message);
  return g_error_matches (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_SQL) ||
         g_error_matches (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_READ_ONLY)
         ? CE_CLI_FAILED : CE_CLI_USAGE;
}

static int
topics_add (CeSession   *session,
            const char  *name,
            char       **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CeTopic) topic = NULL;
  g_autoptr(CeTopic) added = NULL;
  g_auto(GStrv) terms = collect_terms (args);
  TopicCheck check = { NULL, NULL };

  topic = ce_topic_new (name, ce_session_next_topic_color (session), (const char * const *)terms);

  /* The terms are checked against the corpus's index before storing */
  check.topic = topic;
  if (_ce_cli_run (session, check_topic_on_corpus, &check) != CE_CLI_OK)
    {
      g_autoptr(GError) check_error = g_steal_pointer (&check.error);

      return check_error != NULL ? topic_error_exit (check_error) : CE_CLI_FAILED;
    }

  ce_session_add_topic_async (session, topic, G_MAXUINT, NULL, _ce_cli_store_result_cb, &result);
  added = ce_session_add_topic_finish (session, _ce_cli_wait (&result), &error);
  if (added == NULL)
    return topic_error_exit (error);

  return CE_CLI_OK;
}

static gpointer
remove_func (CeCorpus      *corpus,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(CeTopic) topic = ce_topics_find (corpus, data, error);

  if (topic == NULL || !ce_topics_remove (corpus, topic, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static int
topics_remove (CeSession  *session,
               const char *name)
{
  g_autoptr(GError) error = NULL;

  /* Through the session's writer, by name as the store looks it up */
  if (ce_session_write (session, remove_func, (gpointer)name, NULL, &error) == NULL)
    {
      _ce_cli_error ("%s", error->message);
      return CE_CLI_FAILED;
    }

  return CE_CLI_OK;
}

typedef struct
{
  guint    limit;
  gboolean json;
} SuggestRun;

static int
suggest_on_corpus (CeCorpus *corpus,
                   gpointer  data)
{
  SuggestRun *run = data;
  gboolean json = run->json;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entities = ce_entities_suggest (corpus, run->limit, &error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (entities == NULL)
    {
      _ce_cli_error ("%s", error->message);
      return CE_CLI_FAILED;
    }

  json_builder_begin_array (builder);

  for (guint i = 0; i < entities->len; i++)
    {
      CeEntity *entity = g_ptr_array_index (entities, i);

      if (json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, entity->name);
          json_builder_set_member_name (builder, "count");
          json_builder_add_int_value (builder, entity->count);
          json_builder_set_member_name (builder, "acronym");
          json_builder_add_boolean_value (builder, entity->acronym);
          json_builder_set_member_name (builder, "terms");
          json_builder_add_value (builder, terms_node ((const char * const *)entity->terms));
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *joined = ce_topic_join_terms ((const char * const *)entity->terms);

          printf ("%u\t%s\t%s\n", entity->count, entity->name, joined);
        }
    }

  json_builder_end_array (builder);

  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      _ce_cli_print_json (root);
    }

  return CE_CLI_OK;
}

/**
 * _ce_cli_topics:
 *
 * `corpus-explorer topics FILE.corpus list|add NAME TERM…|remove NAME|suggest`
 */
int
_ce_cli_topics (int    argc,
                char **argv)
{
  g_autoptr(CeSession) session = NULL;
  gboolean json = FALSE;
  int limit = DEFAULT_SUGGESTIONS;
  const char *action;
  int exit_code;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON (list, suggest)"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("How many names to suggest (default 30)"), N_("N") },
    { NULL }
  };

  if (!_ce_cli_parse ("topics", entries, &argc, &argv, 2, -1, &exit_code))
    return exit_code;

  action = argv[2];

  if (g_str_equal (action, "list") || g_str_equal (action, "suggest"))
    {
      if (argc != 3)
        {
          _ce_cli_error (_("“topics %s” takes no more arguments"), action);
          return CE_CLI_USAGE;
        }
      if (limit <= 0)
        {
          _ce_cli_error (_("--limit must be a positive number"));
          return CE_CLI_USAGE;
        }

      if (!(session = _ce_cli_open_session (argv[1], CE_CORPUS_OPEN_READ_ONLY)))
        return CE_CLI_FAILED;

      if (g_str_equal (action, "list"))
        return topics_list (session, json);

      {
        SuggestRun run = { limit, json };

        return _ce_cli_run (session, suggest_on_corpus, &run);
      }
    }

  if (g_str_equal (action, "add"))
    {
      if (argc < 5)
        {
          _ce_cli_error (_("“topics add” takes a name and at least one term"));
          return CE_CLI_USAGE;
        }

      if (!(session = _ce_cli_open_session (argv[1], CE_CORPUS_OPEN_DEFAULT)))
        return CE_CLI_FAILED;
      return topics_add (session, argv[3], argv + 4);
    }

  if (g_str_equal (action, "remove"))
    {
      if (argc != 4)
        {
          _ce_cli_error (_("“topics remove” takes the name of a topic"));
          return CE_CLI_USAGE;
        }

      if (!(session = _ce_cli_open_session (argv[1], CE_CORPUS_OPEN_DEFAULT)))
        return CE_CLI_FAILED;
      return topics_remove (session, argv[3]);
    }

  _ce_cli_error (_("Unknown action “%s”: use list, add, remove or suggest"), action);
  return CE_CLI_USAGE;
}

/* counts */

static char *
format_value (double    value,
              CeMeasure measure)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  switch (measure)
    {
    case CE_MEASURE_MENTIONS:
    case CE_MEASURE_DOCUMENTS:
      return g_strdup_printf ("%.0f", value);

    case CE_MEASURE_PER_10K:
      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.2f", value));

    case CE_MEASURE_SHARE:
    default:
      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.4f", value));
    }
}

/* The chart's CSV writer: `counts --csv` and `chart --csv` print the
 * same text for the same counts, numbers unrounded */
static void
print_csv (CeCountTable *table)
{
  g_autoptr(CeChartModel) model = ce_chart_model_new_from_count_table (table, NULL, NULL, NULL);
  g_autofree char *text = ce_chart_export_csv_to_string (model);

  fputs (text, stdout);
}

static const char *
kind_to_string (CeCategoryKind kind)
{
  switch (kind)
    {
    case CE_CATEGORY_NONE:  return "none";
    case CE_CATEGORY_OTHER: return "other";
    case CE_CATEGORY_VALUE:
    default:                return "value";
    }
}

static void
print_json (CeCountTable *table)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n_topics = ce_count_table_get_n_topics (table);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "grouping");
  json_builder_add_string_value (builder, ce_group_by_to_string (ce_count_table_get_group_by (table)));
  json_builder_set_member_name (builder, "measure");
  json_builder_add_string_value (builder, ce_measure_to_string (ce_count_table_get_measure (table)));
  json_builder_set_member_name (builder, "units");
  json_builder_add_string_value (builder, ce_count_table_get_units (table));
  json_builder_set_member_name (builder, "documents");
  json_builder_add_int_value (builder, ce_count_table_get_n_documents (table));

  json_builder_set_member_name (builder, "topics");
  json_builder_begin_array (builder);
  for (guint t = 0; t < n_topics; t++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, ce_count_table_get_topic_name (table, t));
      json_builder_set_member_name (builder, "color");
      json_builder_add_string_value (builder, ce_count_table_get_topic_color (table, t));
      json_builder_set_member_name (builder, "total");
      json_builder_add_double_value (builder, ce_count_table_get_total (table, t));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "categories");
  json_builder_begin_array (builder);
  for (guint c = 0; c < ce_count_table_get_n_categories (table); c++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, ce_count_table_get_category_label (table, c));
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, kind_to_string (ce_count_table_get_category_kind (table, c)));
      json_builder_set_member_name (builder, "documents");
      json_builder_add_int_value (builder, ce_count_table_get_category_size (table, c));
      json_builder_set_member_name (builder, "words");
      json_builder_add_int_value (builder, ce_count_table_get_category_words (table, c));
      json_builder_set_member_name (builder, "values");
      json_builder_begin_array (builder);
      for (guint t = 0; t < n_topics; t++)
        json_builder_add_double_value (builder, ce_count_table_get_value (table, c, t));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  _ce_cli_print_json (root);
}

static void
print_text (CeCountTable *table)
{
  guint n_topics = ce_count_table_get_n_topics (table);
  guint n_categories = ce_count_table_get_n_categories (table);
  CeMeasure measure = ce_count_table_get_measure (table);
  int width = strlen ("category");

  for (guint c = 0; c < n_categories; c++)
    width = MAX (width, (int)g_utf8_strlen (ce_count_table_get_category_label (table, c), -1));
  width = MIN (width, 48);

  printf ("%s (%s)\n", ce_count_table_get_units (table),
          ce_group_by_to_string (ce_count_table_get_group_by (table)));

  printf ("%-*s", width, "category");
  for (guint t = 0; t < n_topics; t++)
    printf ("  %12s", ce_count_table_get_topic_name (table, t));
  putchar ('\n');

  for (guint c = 0; c <= n_categories; c++)
    {
      const char *label = c < n_categories ? ce_count_table_get_category_label (table, c) : "total";
      g_autofree char *cut = g_utf8_substring (label, 0, MIN (g_utf8_strlen (label, -1), width));
      int pad = width - (int)g_utf8_strlen (cut, -1);

      printf ("%s%*s", cut, MAX (pad, 0), "");
      for (guint t = 0; t < n_topics; t++)
        {
          double value = c < n_categories ? ce_count_table_get_value (table, c, t)
                                          : ce_count_table_get_total (table, t);
          g_autofree char *text = format_value (value, measure);

          printf ("  %12s", text);
        }
      putchar ('\n');
    }
}

typedef enum
{
  COUNTS_TEXT,
  COUNTS_CSV,
  COUNTS_JSON,
} CountsFormat;

static int
print_counts (CeCorpus     *corpus,
              GPtrArray    *topics,
              CeCountTable *table,
              gpointer      data)
{
  switch (*(CountsFormat *)data)
    {
    case COUNTS_CSV:
      print_csv (table);
      break;

    case COUNTS_JSON:
      print_json (table);
      break;

    case COUNTS_TEXT:
    default:
      print_text (table);
      break;
    }

  return CE_CLI_OK;
}

/**
 * _ce_cli_counts:
 *
 * `corpus-explorer counts FILE.corpus --topic NAME[=TERM,TERM…]… --by …
 * --measure … [--query Q] [--top N] [--sort value|natural] [--json|--csv]`
 */
int
_ce_cli_counts (int    argc,
                char **argv)
{
  g_auto(CeCliCountOptions) options = { 0 };
  CountsFormat format;
  gboolean json = FALSE;
  gboolean csv = FALSE;
  int exit_code;
  GOptionEntry entries[_CE_CLI_N_COUNT_ENTRIES + 3] = {
    [_CE_CLI_N_COUNT_ENTRIES] =
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV"), NULL },
    { NULL }
  };

  _ce_cli_count_entries (&options, entries);

  if (!_ce_cli_parse ("counts", entries, &argc, &argv, 1, 1, &exit_code))
    return exit_code;

  if (json && csv)
    {
      _ce_cli_error (_("Choose either --json or --csv"));
      return CE_CLI_USAGE;
    }

  format = csv ? COUNTS_CSV : json ? COUNTS_JSON : COUNTS_TEXT;
  return _ce_cli_count (&options, argv[1], print_counts, &format);
}
