/* ce-corpus-recover.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A stretch of a table that could not be read: the rows whose ids are
 * above @after and at most @upto (%G_MAXINT64: to the end) are lost */
typedef struct
{
  const char *table;   /* "documents", "sources", "meta", "topics", "corrections" */
  gint64      after;
  gint64      upto;
} CeRecoveryGap;

/* What ce_corpus_recover() copied into the new corpus and what it lost */
typedef struct
{
  gint64     documents;       /* copied whole, text checked against its hash */
  GArray    *lost_documents;  /* gint64: ids the damaged corpus held but could not give back whole */
  gint64     sources;
  gint64     meta;
  gint64     topics;
  gint64     corrections;
  GPtrArray *gaps;            /* CeRecoveryGap *, in the order found */
  GPtrArray *lost_from;       /* char *: the files the lost documents were imported from,
                               * as far as the documents around them tell */
} CeRecovery;

void        ce_recovery_free  (CeRecovery    *recovery);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CeRecovery, ce_recovery_free)

CeRecovery *ce_corpus_recover (const char    *damaged_path,
                               const char    *new_path,
                               GCancellable  *cancellable,
                               GError       **error);

G_END_DECLS
