/* ce-cli-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ce-corpus.h"
#include "ce-counter.h"
#include "ce-session.h"

G_BEGIN_DECLS

/* Exit codes shared by every subcommand */
#define CE_CLI_OK      0
#define CE_CLI_FAILED  1
#define CE_CLI_USAGE   2

typedef struct
{
  const char *name;
  const char *parameters;  /* shown after the name in --help */
  const char *summary;
  int       (*run) (int argc, char **argv);
  const char *description; /* shown after the options in --help */
} CeCliCommand;

/* Parses @entries for subcommand @command, printing usage errors;
 * returns FALSE when the caller should exit with *exit_code. */
gboolean  _ce_cli_parse           (const char         *command,
                                   const GOptionEntry *entries,
                                   int                *argc,
                                   char             ***argv,
                                   int                 min_args,
                                   int                 max_args,
                                   int                *exit_code);
/* What a subcommand does with a connection; returns the exit code */
typedef int (*CeCliCorpusFunc) (CeCorpus *corpus,
                                gpointer  data);

CeSession *_ce_cli_open_session   (const char         *path,
                                   CeCorpusOpenFlags   flags);
int       _ce_cli_run             (CeSession          *session,
                                   CeCliCorpusFunc     func,
                                   gpointer            data);
int       _ce_cli_run_on_corpus   (const char         *path,
                                   CeCliCorpusFunc     func,
                                   gpointer            data);
void      _ce_cli_store_result_cb (GObject            *object,
                                   GAsyncResult       *result,
                                   gpointer            user_data);
GAsyncResult *_ce_cli_wait        (GAsyncResult      **result);
void      _ce_cli_print_json      (JsonNode           *node);
/* Adds member @name with @value, or null when @value is %NULL */
void      _ce_cli_json_add_string (JsonBuilder        *builder,
                                   const char         *name,
                                   const char         *value);
void      _ce_cli_error           (const char         *format,
                                   ...) G_GNUC_PRINTF (1, 2);

/* Options shared by `counts` and `chart` */
typedef struct
{
  char **specs;
  char  *by;
  char  *measure;
  char  *query;
  char  *sort;
  char  *quoted;
  gboolean unique;
  int    top;
} CeCliCountOptions;

#define _CE_CLI_N_COUNT_ENTRIES 8

void          _ce_cli_count_entries       (CeCliCountOptions  *options,
                                           GOptionEntry       *entries);
void          _ce_cli_count_options_clear (CeCliCountOptions  *options);
/* What `counts` and `chart` do with the counts; returns the exit code */
typedef int (*CeCliCountedFunc) (CeCorpus     *corpus,
                                 GPtrArray    *topics,
                                 CeCountTable *table,
                                 gpointer      data);

int           _ce_cli_count               (CeCliCountOptions  *options,
                                           const char         *path,
                                           CeCliCountedFunc    func,
                                           gpointer            data);
void          _ce_cli_print_query_error   (const char         *text,
                                           const GError       *error);
/* "NAME" is a stored topic; "NAME=TERM,TERM…" defines one on the spot,
 * in a colour none of the topics @before (nullable) has */
CeTopic      *_ce_cli_topic_from_spec     (CeCorpus           *corpus,
                                           const char         *spec,
                                           GPtrArray          *before,
                                           GError            **error);
GPtrArray    *_ce_cli_collect_topics      (CeCorpus           *corpus,
                                           const char         *path,
                                           char              **specs,
                                           int                *exit_code);
gboolean      _ce_cli_parse_nick          (GType               enum_type,
                                           const char         *nick,
                                           int                *value);
/* --quoted include|exclude: checks @name (%NULL: the corpus setting)
 * and, with a corpus, applies it to it */
void          _ce_cli_warn_unknown_copies (CeCorpus           *corpus);
gboolean      _ce_cli_apply_quoted        (const char         *name,
                                           CeCorpus           *corpus);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CeCliCountOptions, _ce_cli_count_options_clear)

int       _ce_cli_import       (int argc, char **argv);
int       _ce_cli_docs         (int argc, char **argv);
int       _ce_cli_show         (int argc, char **argv);
int       _ce_cli_stats        (int argc, char **argv);
int       _ce_cli_recover      (int argc, char **argv);
int       _ce_cli_topics       (int argc, char **argv);
int       _ce_cli_counts       (int argc, char **argv);
int       _ce_cli_search       (int argc, char **argv);
int       _ce_cli_chart        (int argc, char **argv);
int       _ce_cli_contexts     (int argc, char **argv);
int       _ce_cli_collocates   (int argc, char **argv);
int       _ce_cli_ngrams       (int argc, char **argv);
int       _ce_cli_cooccurrence (int argc, char **argv);
int       _ce_cli_keywords     (int argc, char **argv);
int       _ce_cli_duplicates   (int argc, char **argv);

G_END_DECLS
