/* ce-sentence-diff.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What differs between two copies of a story, sentence by sentence.
 *
 * Both texts are cut into sentences (paragraph by paragraph, at the
 * sentence ends of ce-text.h); two sentences are the same when their
 * normalised forms are (ce_fingerprint_normalise(): white space, case,
 * typographic quotes).  The result is the longest run of sentences the
 * two share, in order, with what the second adds and what it leaves
 * out of the first between them. */

typedef enum
{
  CE_DIFF_SAME,
  CE_DIFF_ADDED,     /* only in the second text */
  CE_DIFF_REMOVED,   /* only in the first text */
} CeDiffKind;

typedef struct
{
  CeDiffKind  kind;
  char       *text;   /* the sentence as written (in the second text when the same),
                       * its white space collapsed */
  /* Where it stands, in bytes, in the text it comes from: the second
   * for the same and added sentences, the first for removed ones */
  gsize       start;
  gsize       end;
  gboolean    opens_paragraph;   /* the first sentence of its paragraph there */
} CeDiffSentence;

/* More sentences than this on both sides are compared as sets, not in
 * order, so that the comparison's memory stays bounded */
#define CE_SENTENCE_DIFF_MAX_CELLS (4u * 1024 * 1024)

void       ce_diff_sentence_free     (CeDiffSentence *sentence);
GPtrArray *ce_text_split_sentences   (const char     *body);
GPtrArray *ce_sentence_diff          (const char     *first,
                                      const char     *second);
void       ce_sentence_diff_count    (GPtrArray      *diff,
                                      guint          *added,
                                      guint          *removed);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CeDiffSentence, ce_diff_sentence_free)

G_END_DECLS
