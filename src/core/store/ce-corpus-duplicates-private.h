/* ce-corpus-duplicates-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of copies share:
 *
 *   ce-corpus-duplicates.c          a document's fingerprint and group, kept in
 *                                   step as documents are added, changed, removed
 *   ce-corpus-duplicates-regroup.c  the threshold, grouping the whole corpus
 *                                   again, fingerprints of an older corpus
 *   ce-corpus-duplicates-read.c     the groups as the other layers read them
 *   ce-corpus-duplicates-filter.c   the band keys stored, in memory, so that a
 *                                   document looks up only those it may share
 *   ce-corpus-duplicates-defer.c    a new corpus's band rows written once, in
 *                                   key order, and its groups found from them
 */

#pragma once

#include "ce-corpus-duplicates.h"
#include "ce-corpus-private.h"

G_BEGIN_DECLS

/* Fingerprints, band keys and groups of copies (see the header).
 *
 *   fingerprints (doc_id, shingles, signature)  signature NULL: too short
 *   bands (key, doc_id)                         one row per band, indexed by key
 *   copies (doc_id, group_id, similarity)       members of groups of two or more
 *   documents.body_hash                         the normalised body's hash, indexed
 *
 * A band key shared by very many documents (a common phrase that wins a
 * bin in texts that are otherwise different) would make every new
 * document compare itself with all of them: at most BUCKET_LIMIT
 * documents are taken per key, which keeps the cost of a document
 * constant however large the corpus grows. */

#define BUCKET_LIMIT 16

/* A read-only connection reads an older corpus as it is: no copies */
#define HAS_COPIES(self) ((self)->schema_version >= 3)
#define THRESHOLD_KEY "duplicate-threshold"
#define PENDING_KEY "fingerprints-pending"

typedef struct
{
  gint64 key;
  gint64 doc_id;
} BandRow;

typedef struct
{
  gint64   id;
  gint64   body_hash;
  double   position;
  char    *date;
  gboolean has_signature;
  guint32  signature[CE_FINGERPRINT_SIZE];
} Member;


void           _ce_copies_member_free (Member        *member);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Member, _ce_copies_member_free)

enum {
  STMT_CANDIDATES,
  STMT_INSERT_BANDS,
  STMT_INSERT_FINGERPRINT,
  STMT_LOAD_MEMBER,
  STMT_GROUP_OF,
  STMT_MEMBERS,
  STMT_SAME_BODY,
  STMT_SET_COPY,
  STMT_BAND,
  STMT_FLUSH_BANDS,
  STMT_FLUSH_BAND,
};

G_STATIC_ASSERT (STMT_FLUSH_BAND < CE_CORPUS_DUPLICATE_STMTS);

sqlite3_stmt *_ce_copies_cached       (CeCorpus      *self,
                                       guint          which,
                                       const char    *sql,
                                       GError       **error);
gboolean      _ce_copies_step_done    (CeCorpus      *self,
                                       sqlite3_stmt  *stmt,
                                       GError       **error);
Member       *_ce_copies_load_member  (CeCorpus      *self,
                                       gint64         id,
                                       GError       **error);
gboolean      _ce_copies_group_member (CeCorpus      *self,
                                       const Member  *member,
                                       double         threshold,
                                       GError       **error);
double        _ce_copies_similarity   (const Member  *a,
                                       const Member  *b);
gboolean      _ce_copies_is_earlier   (const Member  *a,
                                       const Member  *b);
gboolean      _ce_copies_store_group  (CeCorpus      *self,
                                       GPtrArray     *members,
                                       const Member  *representative,
                                       GError       **error);

/* ce-corpus-duplicates-filter.c */
CeBandFilter *_ce_copies_band_filter     (CeCorpus            *self,
                                          GError             **error);
gboolean      _ce_band_filter_may_hold   (const CeBandFilter  *filter,
                                          gint64               key);
void          _ce_band_filter_find_pending (const CeBandFilter *filter,
                                            gint64              key,
                                            gint64              except,
                                            guint               limit,
                                            GHashTable         *ids);
gboolean      _ce_copies_store_bands     (CeCorpus            *self,
                                          gint64               doc_id,
                                          const gint64        *keys,
                                          gboolean             batched,
                                          GError             **error);
void          _ce_band_rows_sort         (BandRow             *rows,
                                          gsize                n);
gboolean      _ce_copies_insert_rows     (CeCorpus            *self,
                                          const BandRow       *rows,
                                          guint                n_rows,
                                          GError             **error);

/* ce-corpus-duplicates-defer.c */
gboolean      _ce_copies_deferring       (CeCorpus            *self,
                                          gint64               doc_id,
                                          gboolean             batched,
                                          gboolean            *defer,
                                          GError             **error);
gboolean      _ce_copies_defer_bands     (CeCorpus            *self,
                                          gint64               doc_id,
                                          const gint64        *keys,
                                          GError             **error);
gboolean      _ce_copies_settle          (CeCorpus            *self,
                                          GError             **error);
void          _ce_band_defer_free        (CeBandDefer         *defer);

G_END_DECLS
