/* ce-corpus-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "ce-corpus.h"

G_BEGIN_DECLS

/* The one connection of this CeCorpus, for the other files of the store.
 * SQL stays inside src/core/store. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

sqlite3  *_ce_corpus_get_db        (CeCorpus     *self);
sqlite3_stmt *_ce_corpus_prepare   (CeCorpus     *self,
                                    const char   *sql,
                                    GError      **error);
gboolean  _ce_corpus_exec          (CeCorpus     *self,
                                    const char   *sql,
                                    GError      **error);
void      _ce_corpus_set_sql_error (CeCorpus     *self,
                                    GError      **error,
                                    const char   *what);
void      _ce_corpus_changed       (CeCorpus     *self);
/* Watches every statement of @db for ce_corpus_set_guarded_thread() */
void      _ce_corpus_install_guard (sqlite3      *db);

/* ce-corpus-tokenizer.c: every connection registers the tokenizers; an
 * opened corpus must name one of them */
int       _ce_corpus_register_tokenizers (sqlite3  *db);
gboolean  _ce_corpus_check_tokenizer     (CeCorpus *self,
                                          GError  **error);

/* ce-corpus-snippet.c: snippets whose tokens may overlap */
void      _ce_corpus_snippet_func        (const Fts5ExtensionApi  *api,
                                          Fts5Context             *fts,
                                          sqlite3_context         *context,
                                          int                      n_args,
                                          sqlite3_value          **args);

/* Shared by ce-corpus.c (opening, schema, writing) and ce-corpus-read.c */

struct _CeCorpus
{
  GObject parent_instance;

  char         *path;
  sqlite3      *db;
  GCancellable *cancellable;
  guint64       generation;
  guint         read_only : 1;

  /* Owned references: statements kept prepared for bulk work */
  sqlite3_stmt *insert_doc;
  sqlite3_stmt *insert_fts;
  sqlite3_stmt *insert_meta;
  sqlite3_stmt *next_position;
  double        position;
  gint64        last_source_id;
  guint         ordinal;
};

/* ce-corpus.c */
gint64 _ce_corpus_query_int (CeCorpus   *self,
                             const char *sql,
                             gint64      fallback);

G_END_DECLS
