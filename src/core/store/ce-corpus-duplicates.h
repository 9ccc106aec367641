/* ce-corpus-duplicates.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ce-corpus.h"
#include "ce-fingerprint.h"

G_BEGIN_DECLS

/* Copies of one story, kept with the corpus.
 *
 * Every document has a fingerprint (ce-fingerprint.h): its normalised
 * body hash, and a MinHash signature whose band keys are indexed, so a
 * new document finds its candidate copies in constant time.  Documents
 * whose signatures agree on at least the corpus threshold are one
 * group; a group's representative is its earliest document by date
 * (dated before undated), then by corpus order, and each member keeps
 * its similarity to the representative.  A document in no group is its
 * own story.  Imports, splits and merges keep the groups up to date; a
 * corpus made before fingerprints existed gets them from
 * ce_corpus_compute_fingerprints(). */

typedef struct
{
  gint64  id;
  gint64  group_id;      /* the representative's document id */
  double  similarity;    /* to the representative; 1 for it */
  char   *title;
  char   *date;
} CeCopy;

void       ce_copy_free                        (CeCopy         *copy);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CeCopy, ce_copy_free)

double     ce_corpus_get_duplicate_threshold   (CeCorpus       *self);
gboolean   ce_corpus_set_duplicate_threshold   (CeCorpus       *self,
                                                double          threshold,
                                                GError        **error);

/* Counting on this connection takes each story once: documents that are
 * copies of another (not their group's representative) are left out of
 * the documents counted by ce_counter_aggregate() */
void       ce_corpus_set_unique_stories        (CeCorpus       *self,
                                                gboolean        unique);
gboolean   ce_corpus_get_unique_stories        (CeCorpus       *self);

/* Whether the groups are complete: %FALSE for an older corpus read as
 * it is, or one still being grouped (every document then counts as its
 * own story until it is grouped) */
gboolean   ce_corpus_knows_copies              (CeCorpus       *self);
/* Documents that still lack a fingerprint (a corpus from before them) */
gint64     ce_corpus_count_unfingerprinted     (CeCorpus       *self);
/* Fingerprints and groups up to @batch of them in one transaction;
 * call until @remaining is 0.  Each step is kept, so the work resumes
 * where it stopped. */
/* Documents a step takes at most (`duplicates`; the window's largest
 * step): a step's band rows are written as one sorted batch, and at
 * 1 GB 16,000 rows touch nearly as many pages of the index as 128,000;
 * a step holds its documents' bodies (about 19 MB) */
#define CE_CORPUS_FINGERPRINT_BATCH 4000
gboolean   ce_corpus_compute_fingerprints      (CeCorpus       *self,
                                                guint           batch,
                                                gint64         *remaining,
                                                GError        **error);

/* The document whose normalised body equals @body_hash, or 0 */
gint64     ce_corpus_find_copy                 (CeCorpus       *self,
                                                gint64          body_hash,
                                                GError        **error);

/* The group of @doc_id, representative first, then corpus order; empty
 * when the document has no copies */
GPtrArray *ce_corpus_get_copies                (CeCorpus       *self,
                                                gint64          doc_id,
                                                GError        **error);
guint      ce_corpus_count_copy_groups         (CeCorpus       *self);
/* Whether any group of copies is known; cheap whatever the corpus's size */
gboolean   ce_corpus_has_copy_groups           (CeCorpus       *self);
/* Documents with an id above @after_id that belong to a group */
guint      ce_corpus_count_grouped_after       (CeCorpus       *self,
                                                gint64          after_id);
gint64     ce_corpus_get_last_document_id      (CeCorpus       *self);

/* Calls @func once per group, in corpus order of representatives, with
 * the members (CeCopy, representative first) */
typedef gboolean (*CeCopyGroupFunc) (GPtrArray *members,
                                     gpointer   user_data);
gboolean   ce_corpus_foreach_copy_group        (CeCorpus       *self,
                                                CeCopyGroupFunc func,
                                                gpointer        user_data,
                                                GError        **error);

G_END_DECLS
