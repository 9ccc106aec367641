/* ce-segmenter.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ce-draft.h"
#include "ce-reader.h"

G_BEGIN_DECLS

/* Splits a raw text dump into articles and turns hard-wrapped lines into
 * clean paragraphs.
 *
 * The segmenter is fed one line at a time and calls a function for every
 * article as soon as it is complete, so memory stays bounded by the
 * current article plus a short warm-up used to measure the wrap width
 * (CE_SEGMENTER_WARM_UP_LINES lines).  In CE_SPLIT_AUTO an article may
 * also end without a dateline, tag line or separator, where the subject
 * changes; to tell, the segmenter reads a few paragraphs ahead, or keeps
 * an article until the next dateline when the dump has them.
 *
 * Each draft gets title, place (the dateline as written, e.g. "LONDON"),
 * body, line and offset of its first line, and a "tag" meta entry for
 * every trailing "Tag - …" line.  Bodies follow ce-draft.h: paragraphs
 * separated by "\n\n", headings (all-capitals lines, also numbered ones
 * such as "1) STATE-SPONSORED HACKING") as paragraphs of their own that
 * start with CE_HEADING_MARK and keep their numbering.
 */
#define CE_SEGMENTER_WARM_UP_LINES 512

typedef struct _CeSegmenter CeSegmenter;

/* Called for every article; takes ownership of @draft. */
typedef void (*CeSegmenterFunc) (CeDraft  *draft,
                                 gpointer  user_data);

CeSegmenter *ce_segmenter_new        (CeSplitMode      mode,
                                      const char      *regex,
                                      CeSegmenterFunc  func,
                                      gpointer         user_data,
                                      GError         **error);
void         ce_segmenter_add_line   (CeSegmenter     *self,
                                      const char      *line,
                                      gsize            len,
                                      guint            line_number,
                                      guint64          offset);
void         ce_segmenter_finish     (CeSegmenter     *self);
void         ce_segmenter_free       (CeSegmenter     *self);

/* The wrap width in characters measured so far, or 0 when the text does
 * not look hard-wrapped (every line is then a paragraph of its own). */
guint        ce_segmenter_get_width  (CeSegmenter     *self);

char        *ce_segmenter_reflow     (const char      *text,
                                      gssize           len);
GPtrArray   *ce_segmenter_split_text (const char      *text,
                                      gssize           len,
                                      CeSplitMode      mode,
                                      const char      *regex,
                                      GError         **error);

gsize        ce_segmenter_parse_dateline (const char *text,
                                          gssize      len,
                                          char      **place);
/* Moves a dateline at the start of the body into the place */
void         ce_draft_take_dateline      (CeDraft    *draft);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CeSegmenter, ce_segmenter_free)

G_END_DECLS
