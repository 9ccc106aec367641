/* ce-contexts.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ce-corpus.h"
#include "ce-query.h"
#include "ce-topic.h"

G_BEGIN_DECLS

/* One line of a keyword-in-context listing: a match in the body of a
 * document with the text around it.
 *
 * @match is the text of the body from @body_start to @body_end (byte
 * offsets, end exclusive), with line breaks turned into spaces.  @left
 * and @right hold up to the requested number of characters before and
 * after it, cut at word boundaries, on one line, without heading marks;
 * @left keeps the space that separates it from the match and @right the
 * one after it, so left + match + right reads as the text does. */
typedef struct
{
  gint64  doc_id;
  char   *title;
  char   *date;        /* as stored; NULL when the document has none */
  char   *left;
  char   *match;
  char   *right;
  guint   body_start;
  guint   body_end;
} CeContext;

#define CE_TYPE_CONTEXT (ce_context_get_type ())

GType      ce_context_get_type      (void) G_GNUC_CONST;
CeContext *ce_context_copy          (const CeContext  *context);
void       ce_context_free          (CeContext        *context);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CeContext, ce_context_free)

GPtrArray *ce_contexts_for_query    (CeCorpus         *corpus,
                                     CeQuery          *query,
                                     guint             width_chars,
                                     guint             limit,
                                     guint            *total,
                                     GCancellable     *cancellable,
                                     GError          **error);
GPtrArray *ce_contexts_for_topic    (CeCorpus         *corpus,
                                     CeTopic          *topic,
                                     guint             width_chars,
                                     guint             limit,
                                     guint            *total,
                                     GCancellable     *cancellable,
                                     GError          **error);

/* The line for one match of a body already at hand */
CeContext *ce_context_new_for_range (gint64            doc_id,
                                     const char       *title,
                                     const char       *date,
                                     const char       *body,
                                     guint             start,
                                     guint             end,
                                     guint             width_chars);

G_END_DECLS
