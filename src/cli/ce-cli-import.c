/* ce-cli-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "ce-cli-private.h"
#include "ce-importer.h"

static gboolean
parse_split (const char       *text,
             CeImportOptions  *options)
{
  static const struct { const char *name; CeSplitMode mode; } modes[] = {
    { "auto", CE_SPLIT_AUTO },
    { "none", CE_SPLIT_NONE },
    { "dateline", CE_SPLIT_DATELINE },
    { "lines", CE_SPLIT_LINES },
    { "blank", CE_SPLIT_BLANK },
  };

  if (g_str_has_prefix (text, "regex:"))
    {
      g_autoptr(GRegex) regex = NULL;
      g_autoptr(GError) error = NULL;

      regex = g_regex_new (text + strlen ("regex:"), 0, 0, &error);
      if (regex == NULL)
        {
          _ce_cli_error (_("Invalid --split regular expression: %s"), error->message);
          return FALSE;
        }

      options->split = CE_SPLIT_REGEX;
      options->split_regex = g_strdup (text + strlen ("regex:"));
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      if (g_str_equal (modes[i].name, text))
        {
          options->split = modes[i].mode;
          return TRUE;
        }
    }

  _ce_cli_error (_("Unknown --split “%s”: use auto, none, dateline, lines, blank or regex:RE"), text);
  return FALSE;
}

static char *
default_corpus_path (char **paths)
{
  g_autofree char *base = NULL;

  /* Named after the first thing imported: news/ becomes news.corpus */
  base = g_path_get_basename (paths[0]);
  if (strrchr (base, '.') != NULL && strrchr (base, '.') != base)
    *strrchr (base, '.') = 0;
  if (base[0] == 0 || g_str_equal (base, "/") || g_str_equal (base, "."))
    {
      g_free (base);
      base = g_strdup ("corpus");
    }

  return g_strconcat (base, CE_CORPUS_SUFFIX, NULL);
}

static void
on_waiting_cb (CeImporter *importer,
               const char *message,
               gpointer    user_data)
{
  /* Interrupting leaves the corpus as it was: nothing is written yet */
  g_printerr ("corpus-explorer: %s (Ctrl+C to give up)\n", message);
}

static JsonNode *
string_array_node (GPtrArray *strings)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < strings->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (strings, i));

  json_node_take_array (node, array);
  return node;
}

int
_ce_cli_import (int    argc,
                char **argv)
{
  g_autoptr(CeImporter) importer = NULL;
  g_autoptr(CeSession) session = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CeImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *into = NULL;
  g_autofree char *format = NULL;
  g_autofree char *split = NULL;
  g_autofree char *text_field = NULL;
  g_autofree char *date_field = NULL;
  g_autofree char *title_field = NULL;
  g_autofree char *tokenizer = NULL;
  g_autofree char *diacritics = NULL;
  g_auto(GStrv) paths = NULL;
  guint first = 0;
  gboolean json = FALSE;
  gboolean keep_duplicates = FALSE;
  gboolean no_near_copies = FALSE;
  double threshold = 0;
  CeImportOptions options = { 0 };
  int exit_code;
  const GOptionEntry entries[] = {
    { "into", 'o', 0, G_OPTION_ARG_FILENAME, &into, N_("The corpus to import into (created when missing)"), "FILE.corpus" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("auto, dump, text, jsonl, json, csv, email or html"), "FORMAT" },
    { "split", 's', 0, G_OPTION_ARG_STRING, &split, N_("How to split dumps: auto, none, dateline, lines, blank or regex:RE"), "MODE" },
    { "text-field", 0, 0, G_OPTION_ARG_STRING, &text_field, N_("The field that holds the text (JSON, CSV)"), "FIELD" },
    { "title-field", 0, 0, G_OPTION_ARG_STRING, &title_field, N_("The field that holds the title (JSON, CSV)"), "FIELD" },
    { "date-field", 0, 0, G_OPTION_ARG_STRING, &date_field, N_("The field that holds the date (JSON, CSV)"), "FIELD" },
    { "tokenizer", 't', 0, G_OPTION_ARG_STRING, &tokenizer, N_("For a new corpus: auto, default or cjk (Chinese, Japanese and Korean as pairs of characters)"), "NAME" },
    { "diacritics", 0, 0, G_OPTION_ARG_STRING, &diacritics, N_("For a new corpus: remove (café matches cafe, the default) or keep accents"), "MODE" },
    { "keep-duplicates", 0, 0, G_OPTION_ARG_NONE, &keep_duplicates, N_("Keep exact copies of stored articles (grouped with them) instead of leaving them out"), NULL },
    { "no-near-copies", 0, 0, G_OPTION_ARG_NONE, &no_near_copies, N_("Find exact copies only: quicker, but these articles are never grouped as near copies"), NULL },
    { "threshold", 0, 0, G_OPTION_ARG_DOUBLE, &threshold, N_("Similarity from which articles are copies of one story (0.3 to 1; kept as the corpus setting; default 0.5)"), "T" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the report as JSON"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("PATH…") },
    { NULL }
  };

  if (!_ce_cli_parse ("import", entries, &argc, &argv, 0, 0, &exit_code))
    return exit_code;

  if (paths == NULL || paths[0] == NULL)
    {
      _ce_cli_error (_("Nothing to import: name at least one file or folder"));
      return CE_CLI_USAGE;
    }

  if (format != NULL)
    {
      options.format = ce_format_from_string (format);
      if (options.format == CE_FORMAT_UNKNOWN)
        {
          _ce_cli_error (_("Unknown --format “%s”: use auto, dump, text, jsonl, json, csv, email or html"),
                         format);
          return CE_CLI_USAGE;
        }
    }

  if (split != NULL && !parse_split (split, &options))
    return CE_CLI_USAGE;

  if (tokenizer != NULL && !ce_tokenizer_from_string (tokenizer, &options.tokenizer))
    {
      _ce_cli_error (_("Unknown --tokenizer “%s”: use auto, default or cjk"), tokenizer);
      ce_import_options_clear (&options);
      return CE_CLI_USAGE;
    }

  if (diacritics != NULL && (!ce_diacritics_from_string (diacritics, &options.diacritics) ||
                             options.diacritics == CE_DIACRITICS_AUTO))
    {
      _ce_cli_error (_("Unknown --diacritics “%s”: use remove or keep"), diacritics);
      ce_import_options_clear (&options);
      return CE_CLI_USAGE;
    }

  if (threshold != 0 && !(threshold >= CE_FINGERPRINT_MIN_THRESHOLD && threshold <= 1))
    {
      _ce_cli_error (_("--threshold must be between 0.3 and 1"));
      return CE_CLI_USAGE;
    }

  options.keep_duplicates = keep_duplicates;
  options.no_near_copies = no_near_copies;
  options.duplicate_threshold = threshold;
  options.text_field = g_steal_pointer (&text_field);
  options.title_field = g_steal_pointer (&title_field);
  options.date_field = g_steal_pointer (&date_field);

  /* `import news.corpus FILE…`: the corpus first, as every other command
   * takes it, is where the files go and not one of them */
  if (into == NULL && paths[1] != NULL && g_str_has_suffix (paths[0], CE_CORPUS_SUFFIX))
    {
      into = g_strdup (paths[0]);
      first = 1;
    }

  if (into == NULL)
    into = default_corpus_path (paths);

  importer = ce_importer_new (into, &options);
  ce_import_options_clear (&options);
  for (guint i = first; paths[i] != NULL; i++)
    ce_importer_add_path (importer, paths[i]);

  /* Emitted in the thread that stores: printing from there is fine */
  g_signal_connect (importer, "waiting", G_CALLBACK (on_waiting_cb), NULL);
  if (!g_file_test (into, G_FILE_TEST_EXISTS))
    {
      /* A new corpus is built beside its path and moved there whole */
      report = ce_importer_run (importer, NULL, &error);
    }
  else
    {
      /* The session's writer stores what the importer reads */
      if (!(session = _ce_cli_open_session (into, CE_CORPUS_OPEN_CREATE)))
        return CE_CLI_FAILED;
      ce_session_import_async (session, importer, NULL, _ce_cli_store_result_cb, &result);
      report = ce_session_import_finish (session, _ce_cli_wait (&result), &error);
    }
  if (report == NULL)
    {
      _ce_cli_error ("%s", error->message);
      return CE_CLI_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "corpus");
      json_builder_add_string_value (builder, into);
      json_builder_set_member_name (builder, "files_read");
      json_builder_add_int_value (builder, report->files_read);
      json_builder_set_member_name (builder, "documents_added");
      json_builder_add_int_value (builder, report->documents_added);
      json_builder_set_member_name (builder, "duplicates");
      json_builder_add_int_value (builder, report->duplicates);
      json_builder_set_member_name (builder, "copies");
      json_builder_add_int_value (builder, report->copies);
      json_builder_set_member_name (builder, "copies_of");
      json_builder_add_value (builder, string_array_node (report->copies_of));
      json_builder_set_member_name (builder, "grouped");
      json_builder_add_int_value (builder, report->grouped);
      json_builder_set_member_name (builder, "repairs");
      json_builder_add_int_value (builder, report->repairs);
      json_builder_set_member_name (builder, "tokenizer");
      json_builder_add_string_value (builder, ce_tokenizer_to_string (report->tokenizer));
      json_builder_set_member_name (builder, "skipped");
      json_builder_add_value (builder, string_array_node (report->skipped));
      json_builder_set_member_name (builder, "warnings");
      json_builder_add_value (builder, string_array_node (report->warnings));
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      _ce_cli_print_json (root);
    }
  else
    {
      g_autofree char *summary = ce_import_report_summary (report);

      printf ("%s into %s\n", summary, into);
      if (report->tokenizer == CE_TOKENIZER_CJK)
        printf ("%s\n", _("Chinese, Japanese and Korean text is indexed as pairs of characters "
                           "(tokenizer cjk)"));
      for (guint i = 0; i < report->copies_of->len; i++)
        printf (_("Left out %s\n"), (const char *)g_ptr_array_index (report->copies_of, i));
      for (guint i = 0; i < report->skipped->len; i++)
        printf (_("Skipped %s\n"), (const char *)g_ptr_array_index (report->skipped, i));
      for (guint i = 0; i < report->warnings->len; i++)
        printf (_("Warning %s\n"), (const char *)g_ptr_array_index (report->warnings, i));
    }

  /* Only a run that could import nothing at all is a failure */
  if (report->documents_added == 0 && report->duplicates == 0 && report->copies == 0)
    return CE_CLI_FAILED;

  return CE_CLI_OK;
}

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

static int
docs_on_corpus (CeCorpus *corpus,
                gpointer  data)
{
  gboolean json = *(gboolean *)data;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;

  if (!(ids = ce_corpus_list_document_ids (corpus, &error)))
    {
      _ce_cli_error ("%s", error->message);
      return CE_CLI_FAILED;
    }

  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CeDocument) doc = ce_corpus_get_document (corpus, g_array_index (ids, gint64, i), &error);
      g_autofree char *thread = NULL;

      if (doc == NULL)
        {
          _ce_cli_error ("%s", error->message);
          return CE_CLI_FAILED;
        }

      if (json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, ce_document_get_id (doc));
          _ce_cli_json_add_string (builder, "title", ce_document_get_title (doc));
          _ce_cli_json_add_string (builder, "place", ce_document_get_place (doc));
          _ce_cli_json_add_string (builder, "date", ce_document_get_date (doc));
          _ce_cli_json_add_string (builder, "source", ce_document_get_source (doc));
          json_builder_set_member_name (builder, "words");
          json_builder_add_int_value (builder, ce_document_get_words (doc));
          /* Mail only: the thread the message belongs to */
          if ((thread = ce_corpus_get_thread (corpus, ce_document_get_id (doc), &error)) != NULL)
            _ce_cli_json_add_string (builder, "thread", thread);
          else if (error != NULL)
            {
              _ce_cli_error ("%s", error->message);
              return CE_CLI_FAILED;
            }
          json_builder_end_object (builder);
        }
      else
        {
          printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%u\t%s\n",
                  ce_document_get_id (doc),
                  or_empty (ce_document_get_date (doc)),
                  or_empty (ce_document_get_place (doc)),
                  or_empty (ce_document_get_source (doc)),
                  ce_document_get_words (doc),
                  ce_document_get_title (doc));
        }
    }

  if (json)
    {
      g_autoptr(JsonNode) root = NULL;

      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      _ce_cli_print_json (root);
    }

  return CE_CLI_OK;
}

/* A command whose one option is --json, passed to @func */
static int
run_with_json_option (const char      *name,
                      int              argc,
                      char           **argv,
                      CeCliCorpusFunc  func)
{
  gboolean json = FALSE;
  int exit_code;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!_ce_cli_parse (name, entries, &argc, &argv, 1, 1, &exit_code))
    return exit_code;

  return _ce_cli_run_on_corpus (argv[1], func, &json);
}

int
_ce_cli_docs (int    argc,
              char **argv)
{
  return run_with_json_option ("docs", argc, argv, docs_on_corpus);
}

static int
show_on_corpus (CeCorpus *corpus,
                gpointer  data)
{
  gint64 id = *(gint64 *)data;
  g_autoptr(CeDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  const char *place;
  const char *date;

  if (!(doc = ce_corpus_get_document (corpus, id, &error)))
    {
      _ce_cli_error ("%s", error->message);
      return CE_CLI_FAILED;
    }

  place = ce_document_get_place (doc);
  date = ce_document_get_date (doc);

  printf ("%s\n", ce_document_get_title (doc));
  if (place != NULL || date != NULL)
    printf ("%s%s%s\n", or_empty (place), place && date ? " · " : "", or_empty (date));
  printf ("\n%s\n", ce_document_get_body (doc));

  return CE_CLI_OK;
}

int
_ce_cli_show (int    argc,
              char **argv)
{
  char *end = NULL;
  gint64 id;
  int exit_code;

  if (!_ce_cli_parse ("show", NULL, &argc, &argv, 2, 2, &exit_code))
    return exit_code;

  id = g_ascii_strtoll (argv[2], &end, 10);
  if (end == argv[2] || *end != 0 || id <= 0)
    {
      _ce_cli_error (_("“%s” is not a document id"), argv[2]);
      return CE_CLI_USAGE;
    }

  return _ce_cli_run_on_corpus (argv[1], show_on_corpus, &id);
}

static int
stats_on_corpus (CeCorpus *corpus,
                 gpointer  data)
{
  gboolean json = *(gboolean *)data;
  g_autoptr(CeCorpusStats) stats = NULL;
  g_autoptr(GError) error = NULL;

  if (!(stats = ce_corpus_get_stats (corpus, 10, &error)))
    {
      _ce_cli_error ("%s", error->message);
      return CE_CLI_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "documents");
      json_builder_add_int_value (builder, stats->documents);
      json_builder_set_member_name (builder, "words");
      json_builder_add_int_value (builder, stats->words);
      json_builder_set_member_name (builder, "sources");
      json_builder_add_int_value (builder, stats->sources);
      _ce_cli_json_add_string (builder, "tokenizer",
                               ce_tokenizer_to_string (ce_corpus_get_tokenizer (corpus)));
      _ce_cli_json_add_string (builder, "diacritics",
                               ce_diacritics_to_string (ce_corpus_get_diacritics (corpus)));
      _ce_cli_json_add_string (builder, "first_date", stats->first_date);
      _ce_cli_json_add_string (builder, "last_date", stats->last_date);
      json_builder_set_member_name (builder, "top_places");
      json_builder_begin_array (builder);
      for (guint i = 0; i + 1 < stats->top_places->len; i += 2)
        {
          json_builder_begin_object (builder);
          _ce_cli_json_add_string (builder, "place", g_ptr_array_index (stats->top_places, i));
          json_builder_set_member_name (builder, "documents");
          json_builder_add_int_value (builder, GPOINTER_TO_INT (g_ptr_array_index (stats->top_places, i + 1)));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      _ce_cli_print_json (root);
      return CE_CLI_OK;
    }

  {
    g_autofree char *documents = g_strdup_printf ("%" G_GINT64_FORMAT, stats->documents);
    g_autofree char *words = g_strdup_printf ("%" G_GINT64_FORMAT, stats->words);
    g_autofree char *sources = g_strdup_printf ("%" G_GINT64_FORMAT, stats->sources);

    /* Translators: keep the values in one column */
    printf (_("Documents:  %s\n"), documents);
    printf (_("Words:      %s\n"), words);
    printf (_("Sources:    %s\n"), sources);
  }
  if (ce_corpus_get_diacritics (corpus) == CE_DIACRITICS_KEEP)
    /* Translators: the tokenizer's name, then how it treats accents */
    printf (_("Tokenizer:  %s, accents kept\n"), ce_tokenizer_to_string (ce_corpus_get_tokenizer (corpus)));
  else
    printf (_("Tokenizer:  %s\n"), ce_tokenizer_to_string (ce_corpus_get_tokenizer (corpus)));
  if (stats->first_date != NULL)
    printf (_("Dates:      %s to %s\n"), stats->first_date, stats->last_date);
  else
    printf (_("Dates:      none\n"));
  if (stats->top_places->len > 0)
    {
      printf (_("Top places:\n"));
      for (guint i = 0; i + 1 < stats->top_places->len; i += 2)
        printf ("  %-32s %d\n", (const char *)g_ptr_array_index (stats->top_places, i),
                GPOINTER_TO_INT (g_ptr_array_index (stats->top_places, i + 1)));
    }

  return CE_CLI_OK;
}

int
_ce_cli_stats (int    argc,
               char **argv)
{
  return run_with_json_option ("stats", argc, argv, stats_on_corpus);
}
