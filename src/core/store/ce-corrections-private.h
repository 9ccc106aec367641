/* ce-corrections-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ce-corpus-private.h"
#include "ce-corrections.h"

G_BEGIN_DECLS

/* Shared by ce-corrections.c (split, merge, undo, replay) and
 * ce-corrections-rows.c (documents rows as corrections read and write
 * them) */

#define SEPARATOR "\n\n"
#define SEPARATOR_LEN 2

/* One row of documents with its metadata */
typedef struct
{
  gint64     id;
  gint64     source_id;   /* 0 when the document has no source */
  gint64     ordinal;
  double     position;
  char      *title;
  char      *place;
  char      *date;
  char      *author;
  char      *source;
  char      *section;
  char      *url;
  gint64     line;
  gint64     offset;
  char      *body;
  GPtrArray *meta;        /* alternating key, value */
} Row;

typedef struct
{
  char   *kind;
  gint64  offset;
} Recorded;

/* ce-corrections-rows.c */
void _ce_corrections_row_free (Row *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Row, _ce_corrections_row_free)
char *_ce_corrections_dup_column (sqlite3_stmt *stmt,
                                  int           column);
gboolean _ce_corrections_run (CeCorpus      *corpus,
                              sqlite3_stmt  *stmt,
                              const char    *what,
                              GError       **error);
Row *_ce_corrections_row_load (CeCorpus  *corpus,
                               gint64     id,
                               GError   **error);
gboolean _ce_corrections_row_rewrite (CeCorpus    *corpus,
                                      Row         *row,
                                      const char  *title,
                                      const char  *body,
                                      gint64       offset,
                                      GError     **error);
gboolean _ce_corrections_meta_insert (CeCorpus    *corpus,
                                      gint64       doc_id,
                                      const char  *key,
                                      const char  *value,
                                      GError     **error);
gboolean _ce_corrections_row_insert (CeCorpus  *corpus,
                                     Row       *row,
                                     GError   **error);
gboolean _ce_corrections_row_delete (CeCorpus  *corpus,
                                     Row       *row,
                                     GError   **error);
gboolean _ce_corrections_begin (CeCorpus  *corpus,
                                gboolean  *nested,
                                GError   **error);
gboolean _ce_corrections_finish (CeCorpus  *corpus,
                                 gboolean   nested,
                                 gboolean   ok,
                                 GError   **error);
gint64 _ce_corrections_record (CeCorpus    *corpus,
                               gint64       source_id,
                               const char  *kind,
                               gint64       offset,
                               gint64       doc_id,
                               GError     **error);
gboolean _ce_corrections_forget_correction (CeCorpus  *corpus,
                                            gint64     id,
                                            GError   **error);
gboolean _ce_corrections_position_after (CeCorpus  *corpus,
                                         double     position,
                                         double    *result,
                                         GError   **error);
gint64 _ce_corrections_previous_id (CeCorpus *corpus,
                                    double    position,
                                    gint64    source_id);
gboolean _ce_corrections_hash_exists (CeCorpus *corpus,
                                      gint64    hash,
                                      gint64    except_a,
                                      gint64    except_b);

G_END_DECLS
