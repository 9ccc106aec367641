/* ce-corpus-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "ce-corpus.h"

G_BEGIN_DECLS

/* The one connection of this CeCorpus, for the other core modules.
 * SQL stays inside src/core. */
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
