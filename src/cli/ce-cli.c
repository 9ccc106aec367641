/* ce-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "ce-cli.h"
#include "ce-cli-private.h"

static const CeCliCommand commands[] = {
  { "import", "[OPTION…] PATH…", N_("Import files or folders into a corpus"), _ce_cli_import },
  { "docs", "FILE.corpus", N_("List the documents of a corpus in corpus order"), _ce_cli_docs },
  { "show", "FILE.corpus ID", N_("Print one document as clean text"), _ce_cli_show },
  { "stats", "FILE.corpus", N_("Summarise a corpus"), _ce_cli_stats },
  { "recover", "FILE.corpus [--output NEW.corpus]", N_("Copy what can still be read of a damaged corpus into a new one"), _ce_cli_recover,
    N_("The damaged file is only read, never changed.  Each document is copied\n"
       "when its title and body still match the hash stored with them; documents on\n"
       "damaged pages are lost, and so are other rows there (sources, metadata,\n"
       "topics, corrections).  The report lists the ids of the lost documents, the\n"
       "damaged stretches that were skipped, and the files the lost documents were\n"
       "imported from: importing those again into the new corpus brings them back,\n"
       "as the documents it already holds are skipped.  The new corpus passes\n"
       "SQLite's integrity check and the full-text index check before it is kept.") },
  { "topics", "FILE.corpus list|add NAME TERM…|remove NAME|suggest", N_("List, add, remove or suggest topics"), _ce_cli_topics },
  { "counts", "FILE.corpus", N_("Count topic mentions by document, place, date…"), _ce_cli_counts },
  { "chart", "FILE.corpus (--png|--svg|--pdf|--csv) OUT", N_("Draw a chart of topic mentions as PNG, SVG, PDF or CSV"), _ce_cli_chart },
  { "collocates", "FILE.corpus QUERY|--topic NAME", N_("List the words found near the matches of a search or a topic"), _ce_cli_collocates,
    N_("For each word within the window of a match: how often, MI (log2 of observed over\n"
       "expected, the expected from the words in all windows), log-likelihood G² of the\n"
       "window × word table (Dunning 1993) and logDice (Rychlý 2008). Text output: word,\n"
       "count, MI, G², logDice.") },
  { "cooccurrence", "FILE.corpus", N_("Count the documents that mention two topics together"), _ce_cli_cooccurrence,
    N_("For each pair of topics: the documents mentioning each and both, Jaccard (both\n"
       "over either) and PMI (log2 of N·both over A·B, N the documents of the corpus).") },
  { "contexts", "FILE.corpus QUERY|--topic NAME", N_("List every match with the text around it, sorted as asked"), _ce_cli_contexts },
  { "keywords", "FILE.corpus --target QUERY", N_("List the words that set a set of documents apart from the rest"), _ce_cli_keywords,
    N_("Each word's frequency in the target and the reference, log-likelihood G²\n"
       "(Dunning 1993; Rayson and Garside 2000) and log ratio (Hardie 2014). A word is\n"
       "listed when G² passes the chi-square critical value for p < 0.05 divided by\n"
       "the number of words tested (Bonferroni). Text output: word, target count,\n"
       "reference count, G², log ratio.") },
  { "ngrams", "FILE.corpus", N_("List the most frequent runs of 2 to 5 words"), _ce_cli_ngrams },
  { "duplicates", "FILE.corpus", N_("List the groups of copies of one story, with their similarity"), _ce_cli_duplicates,
    N_("Copies are grouped when they share at least the threshold of their\n"
       "4-word shingles (estimated by MinHash): 0.5 by default, which groups\n"
       "retitled, trimmed and lightly edited copies but not different stories\n"
       "on one subject.  Each group lists its representative first (the\n"
       "earliest by date, then by corpus order), then its other members with\n"
       "their similarity to it.  A corpus made by an older version gets its\n"
       "groups computed first, with progress on stderr.") },
  { "search", "FILE.corpus QUERY", N_("Search a corpus"), _ce_cli_search,
    N_("Query language:\n"
       "  storm ferry            both words (AND is implied)\n"
       "  \"harbour master\"       an exact phrase\n"
       "  storm OR gale          either word; OR binds tighter than the implied AND\n"
       "  storm -gale, NOT gale  leave out documents with gale\n"
       "  regulat*               words starting with regulat\n"
       "  NEAR(tariff quota, 5)  the words within 5 words of each other\n"
       "  (a OR b) c             parentheses group\n"
       "  title:storm  place:geneva  source:\"meridian wire\"  section:  author:\n"
       "  date:2024  date:2024-01..2024-06  date:>2020  date:<=2023-05\n"
       "Operators are written in capitals. A query that starts with - follows --.") },
};

static const CeCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (commands[i].name, name))
        return &commands[i];
    }

  return NULL;
}

static void
print_usage (FILE *out)
{
  fprintf (out,
           _("Usage:\n"
             "  corpus-explorer [FILE.corpus | FILE-TO-IMPORT…]   open the application\n"
             "  corpus-explorer COMMAND [OPTION…]                 work without a display\n"
             "\n"
             "Commands:\n"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-12s %s\n", commands[i].name, _(commands[i].summary));

  fprintf (out,
           _("\n"
             "Options:\n"
             "  -h, --help       Show this help\n"
             "  --version        Show the version\n"
             "\n"
             "Run “corpus-explorer COMMAND --help” for the options of a command.\n"));
}

/**
 * ce_cli_handles:
 *
 * Returns: %TRUE when the arguments ask for the command line rather than
 *   the application window
 */
gboolean
ce_cli_handles (int    argc,
                char **argv)
{
  if (argc < 2)
    return FALSE;

  return find_command (argv[1]) != NULL ||
         g_str_equal (argv[1], "--help") ||
         g_str_equal (argv[1], "-h") ||
         g_str_equal (argv[1], "help") ||
         g_str_equal (argv[1], "--version");
}

int
ce_cli_run (int    argc,
            char **argv)
{
  const CeCliCommand *command;

  g_return_val_if_fail (argc >= 2, CE_CLI_USAGE);

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("corpus-explorer %s\n", PACKAGE_VERSION);
      return CE_CLI_OK;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_usage (stdout);
      return CE_CLI_OK;
    }

  if (g_str_equal (argv[1], "help"))
    {
      if (argc > 2 && (command = find_command (argv[2])) != NULL)
        {
          char *help_argv[] = { argv[0], argv[2], (char *)"--help", NULL };
          return command->run (3, help_argv);
        }

      print_usage (stdout);
      return CE_CLI_OK;
    }

  command = find_command (argv[1]);
  g_assert (command != NULL);

  /* The command sees itself as argv[0], so GOption's messages name it */
  return command->run (argc - 1, argv + 1);
}

gboolean
_ce_cli_parse (const char          *name,
               const GOptionEntry  *entries,
               int                 *argc,
               char              ***argv,
               int                  min_args,
               int                  max_args,
               int                 *exit_code)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameter = NULL;
  g_autofree char *prgname = NULL;
  const CeCliCommand *command = find_command (name);
  int n_args;

  g_assert (command != NULL);

  parameter = g_strdup_printf ("%s %s", command->name, command->parameters);
  context = g_option_context_new (parameter);
  g_option_context_set_summary (context, _(command->summary));
  if (command->description != NULL)
    g_option_context_set_description (context, _(command->description));
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  prgname = g_strdup (g_get_prgname ());
  g_set_prgname ("corpus-explorer");

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      _ce_cli_error ("%s", error->message);
      g_printerr (_("Run “corpus-explorer %s --help” for usage.\n"), command->name);
      *exit_code = CE_CLI_USAGE;
      return FALSE;
    }

  n_args = *argc - 1;
  if (n_args < min_args || (max_args >= 0 && n_args > max_args))
    {
      _ce_cli_error (_("“%s” takes %s"), command->name, command->parameters);
      g_printerr (_("Run “corpus-explorer %s --help” for usage.\n"), command->name);
      *exit_code = CE_CLI_USAGE;
      return FALSE;
    }

  return TRUE;
}

void
_ce_cli_error (const char *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("corpus-explorer: %s\n", message);
}

/**
 * _ce_cli_open_session:
 *
 * Opens @path in a session of its own, printing why not.
 *
 * Returns: (transfer full) (nullable): the session
 */
CeSession *
_ce_cli_open_session (const char        *path,
                      CeCorpusOpenFlags  flags)
{
  g_autoptr(CeSession) session = ce_session_new ();
  g_autoptr(GError) error = NULL;

  if (!ce_session_open (session, path, flags, &error))
    {
      _ce_cli_error ("%s", error->message);
      return NULL;
    }

  return g_steal_pointer (&session);
}

typedef struct
{
  CeCliCorpusFunc  func;
  gpointer         data;
} CliRun;

static gpointer
cli_run_func (CeCorpus      *corpus,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  CliRun *run = data;

  /* Exit codes start at 0; a session function returns a pointer that is
   * not NULL */
  return GINT_TO_POINTER (run->func (corpus, run->data) + 1);
}

/**
 * _ce_cli_run:
 *
 * Runs @func on a read-only connection of @session in this thread.
 *
 * Returns: the exit code @func returned, or %CE_CLI_FAILED
 */
int
_ce_cli_run (CeSession       *session,
             CeCliCorpusFunc  func,
             gpointer         data)
{
  g_autoptr(GError) error = NULL;
  CliRun run = { func, data };
  gpointer result;

  result = ce_session_run (session, cli_run_func, &run, NULL, &error);
  if (result == NULL)
    {
      _ce_cli_error ("%s", error->message);
      return CE_CLI_FAILED;
    }

  return GPOINTER_TO_INT (result) - 1;
}

/* For the few asynchronous calls of the command line: the callback keeps
 * the result, and _ce_cli_wait() runs the main context until it has */
void
_ce_cli_store_result_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

GAsyncResult *
_ce_cli_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

/**
 * _ce_cli_run_on_corpus:
 *
 * Opens @path read-only in a session and runs @func on it.
 *
 * Returns: the exit code
 */
int
_ce_cli_run_on_corpus (const char      *path,
                       CeCliCorpusFunc  func,
                       gpointer         data)
{
  g_autoptr(CeSession) session = _ce_cli_open_session (path, CE_CORPUS_OPEN_READ_ONLY);

  if (session == NULL)
    return CE_CLI_FAILED;

  return _ce_cli_run (session, func, data);
}

void
_ce_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

void
_ce_cli_json_add_string (JsonBuilder *builder,
                         const char  *name,
                         const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}
