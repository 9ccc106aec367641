/* ce-cli-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ce-corpus.h"

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
gboolean  _ce_cli_parse        (const char         *command,
                                const GOptionEntry *entries,
                                int                *argc,
                                char             ***argv,
                                int                 min_args,
                                int                 max_args,
                                int                *exit_code);
CeCorpus *_ce_cli_open_corpus  (const char         *path,
                                CeCorpusOpenFlags   flags);
void      _ce_cli_print_json   (JsonNode           *node);
void      _ce_cli_error        (const char         *format,
                                ...) G_GNUC_PRINTF (1, 2);

int       _ce_cli_import       (int argc, char **argv);
int       _ce_cli_docs         (int argc, char **argv);
int       _ce_cli_show         (int argc, char **argv);
int       _ce_cli_stats        (int argc, char **argv);
int       _ce_cli_topics       (int argc, char **argv);
int       _ce_cli_counts       (int argc, char **argv);
int       _ce_cli_search       (int argc, char **argv);

G_END_DECLS
