/* ce-corrections.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ce-corpus.h"

G_BEGIN_DECLS

/* Fixing the segmentation by hand.
 *
 * A split cuts a document at the start of one of its paragraphs; the
 * second part becomes a new document right after the first in corpus
 * order, with the same place, date, source and metadata, titled after
 * its first heading or sentence.  A merge appends a document to the one
 * before it in corpus order (a blank line between the two bodies); the
 * first keeps its title and metadata and gains the other's metadata.
 *
 * Each is one transaction that updates documents, the full-text index,
 * word counts and content hashes, then emits CeCorpus::changed.  When the
 * documents come from an imported file, the correction is recorded
 * against the file's checksum, so importing that file again makes the
 * same correction (see ce_corrections_apply()).
 *
 * Corrections are recorded in the corrections table as
 *   kind "split": offset = where the second part starts, counted as the
 *     source offset of the document's start plus the byte offset of the
 *     paragraph in its body (split-off documents keep this number as
 *     their own offset);
 *   kind "merge": offset = the offset of the document merged into the
 *     one before it. */

#define CE_CORRECTION_SPLIT "split"
#define CE_CORRECTION_MERGE "merge"

/* What one split or merge changed, enough to reverse it exactly */
typedef struct _CeCorrectionUndo CeCorrectionUndo;

gint64      ce_corpus_split_document       (CeCorpus          *corpus,
                                            gint64             doc_id,
                                            gsize              body_offset,
                                            GError           **error);
gboolean    ce_corpus_merge_document       (CeCorpus          *corpus,
                                            gint64             doc_id,
                                            GError           **error);

gint64      ce_corpus_split_document_full  (CeCorpus          *corpus,
                                            gint64             doc_id,
                                            gsize              body_offset,
                                            CeCorrectionUndo **undo,
                                            GError           **error);
gboolean    ce_corpus_merge_document_full  (CeCorpus          *corpus,
                                            gint64             doc_id,
                                            CeCorrectionUndo **undo,
                                            GError           **error);
gboolean    ce_corpus_undo_correction      (CeCorpus          *corpus,
                                            CeCorrectionUndo  *undo,
                                            GError           **error);

gint64      ce_corpus_get_previous_document (CeCorpus         *corpus,
                                            gint64             doc_id);
guint       ce_corpus_count_corrections    (CeCorpus          *corpus);

const char *ce_correction_undo_get_kind    (CeCorrectionUndo  *undo);
gint64      ce_correction_undo_get_document (CeCorrectionUndo *undo);
void        ce_correction_undo_free        (CeCorrectionUndo  *undo);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CeCorrectionUndo, ce_correction_undo_free)

/* Called by the importer inside its transaction, once the documents of
 * one file are stored: makes again the corrections recorded for a file
 * with this checksum, in the order they were first made, on the
 * documents this import added from it (source_id).  A part that is
 * already in the corpus is not added twice, so importing a corrected
 * file again adds nothing.  @delta is the change in the number of
 * documents. */
gboolean ce_corrections_apply (CeCorpus    *corpus,
                               gint64       source_id,
                               const char  *checksum,
                               int         *delta,
                               GError     **error);

G_END_DECLS
