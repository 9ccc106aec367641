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

G_END_DECLS
