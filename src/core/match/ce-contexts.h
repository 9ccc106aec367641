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
  guint   index;       /* the line's place in corpus order, from 0 */
} CeContext;

/* Orders of a concordance.  By a word left or right of the match (1L is
 * the word just before it, 2R the second after it), ties broken by the
 * words further out, as AntConc sorts; then by document (title) or by
 * date (undated last).  Every order ends in corpus order. */
typedef enum
{
  CE_CONTEXT_SORT_ORDER,  /*< nick=order >*/
  CE_CONTEXT_SORT_1L,     /*< nick=1l >*/
  CE_CONTEXT_SORT_2L,     /*< nick=2l >*/
  CE_CONTEXT_SORT_3L,     /*< nick=3l >*/
  CE_CONTEXT_SORT_1R,     /*< nick=1r >*/
  CE_CONTEXT_SORT_2R,     /*< nick=2r >*/
  CE_CONTEXT_SORT_3R,     /*< nick=3r >*/
  CE_CONTEXT_SORT_DOC,    /*< nick=doc >*/
  CE_CONTEXT_SORT_DATE,   /*< nick=date >*/
} CeContextSort;

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

void       ce_contexts_sort         (GPtrArray        *lines,
                                     CeContextSort     sort);
gboolean   ce_context_has_word      (const CeContext  *context,
                                     const char       *word);
GPtrArray *ce_contexts_filter       (GPtrArray        *lines,
                                     const char       *word);
char      *ce_contexts_to_csv       (GPtrArray        *lines);
char      *ce_contexts_to_text      (GPtrArray        *lines,
                                     guint             width_chars);
char      *ce_context_fold_word     (const char       *word,
                                     gssize            len);

G_END_DECLS
