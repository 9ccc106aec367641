/* ce-test-segmenter.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the segmenter's test programs share (test-segmenter,
 * test-segmenter-sample, test-segmenter-modes).
 */

#pragma once

#include <glib.h>

#include "ce-segmenter.h"
#include "ce-test-util.h"

G_BEGIN_DECLS

/* The real dump in the shared corpora, read once; skips the test and
 * returns FALSE when it is absent.  @text and @len may be NULL. */
gboolean   ce_test_segmenter_load_dump  (const char  **text,
                                         gsize        *len);
/* Splits @text, failing the test on an error */
GPtrArray *ce_test_segmenter_split      (const char   *text,
                                         gssize        len,
                                         CeSplitMode   mode,
                                         const char   *regex);
/* Splits the dump (loaded first) */
GPtrArray *ce_test_segmenter_split_dump (CeSplitMode   mode);

CeDraft   *ce_test_draft_at             (GPtrArray    *drafts,
                                         guint         i);
GStrv      ce_test_paragraphs_of        (const char   *body);
gboolean   ce_test_has_paragraph        (const char   *body,
                                         const char   *paragraph);
/* Appends @text wrapped greedily at @width columns, as fmt or textwrap do */
void       ce_test_wrap_paragraph       (GString      *out,
                                         const char   *text,
                                         guint         width);

G_END_DECLS
