/* ce-draft.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ce-fingerprint.h"

G_BEGIN_DECLS

/* A document as a reader produced it, before it is stored.
 *
 * body is clean text: paragraphs separated by one blank line ("\n\n"),
 * no hard wraps inside a paragraph; a heading is a paragraph of its own
 * that starts with CE_HEADING_MARK.
 *
 * date is ISO 8601, possibly partial ("2024", "2024-05", "2024-05-17"),
 * or NULL.  Every string is valid UTF-8 or NULL.
 */
#define CE_HEADING_MARK "# "

typedef struct
{
  char   *title;
  char   *place;
  char   *date;
  char   *author;
  char   *source;     /* publication, feed or sender; not the file */
  char   *section;
  char   *url;
  char   *body;
  GPtrArray *meta;    /* alternating key, value (owned strings) */

  /* Where it came from, for messages and manual corrections */
  guint   line;       /* 1-based line of the first line in the source file */
  guint64 offset;     /* byte offset of the start in the source file */

  /* Set by ce_draft_prepare(), so a reader thread can do this work
   * instead of the thread that stores the draft */
  gboolean prepared;
  guint    words;
  gint64   hash;
  /* Set by the importer's reader thread; computed when stored if NULL */
  CeFingerprint *fingerprint;
} CeDraft;

CeDraft *ce_draft_new      (void);
void     ce_draft_free     (CeDraft    *draft);
void     ce_draft_add_meta (CeDraft    *draft,
                            const char *key,
                            const char *value);
void     ce_draft_prepare       (CeDraft *draft);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CeDraft, ce_draft_free)

G_END_DECLS
