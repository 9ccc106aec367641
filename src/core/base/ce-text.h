/* ce-text.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Words, sentence ends, titles and the content hash: one owner for each
 * rule, used by the segmenter, the store and the manual corrections. */

typedef enum
{
  CE_SENTENCE_END_NO,
  CE_SENTENCE_END_YES,
  CE_SENTENCE_END_INITIALS,  /* "U.K.", "p.m.": a sentence end only before
                              * a new sentence's usual first word */
} CeSentenceEnd;

guint          ce_text_count_words        (const char   *text,
                                           gssize        len);
gint64         ce_text_content_hash       (const char   *title,
                                           const char   *body);
char          *ce_text_fold_value         (const char   *value);

gboolean       ce_text_word_in_list       (const char   *word,
                                           gsize         len,
                                           const char  **list,
                                           gsize         n_list,
                                           gboolean      ignore_case);

/* Sentences, in text without line breaks */
gsize          ce_text_closers_before     (const char   *text,
                                           gsize         len);
gsize          ce_text_opening_quote_len  (const char   *text,
                                           gsize         len);
CeSentenceEnd  ce_text_sentence_end_kind  (const char   *text,
                                           gsize         len);
gboolean       ce_text_starts_sentence    (const char   *text,
                                           gsize         len);
gboolean       ce_text_starts_with_opener (const char   *text,
                                           gsize         len);
gsize          ce_text_next_sentence_end  (const char   *text,
                                           gsize         len,
                                           gsize         from);

/* Titles */
char          *ce_text_make_title         (const char   *text,
                                           gsize         len);
gboolean       ce_body_is_paragraph_start (const char   *body,
                                           gsize         offset);
char          *ce_body_make_title         (const char   *body);

G_END_DECLS
