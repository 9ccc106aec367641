/* ce-corpus-tokens.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ce-corpus.h"

G_BEGIN_DECLS

/* The words of the corpus as its full-text index holds them.
 *
 * Keywords, collocates and n-grams count tokens, and a token is what the
 * corpus tokenizer makes of the text (case and accents folded away): the
 * same tokens the index stores, so a word counted here, searched, finds
 * exactly the documents it was counted in. */

#define CE_CORPUS_COLUMN_TITLE 0
#define CE_CORPUS_COLUMN_BODY  1
#define CE_CORPUS_N_COLUMNS    2

/* One token of a column's text */
typedef struct
{
  const char *text;   /* the token as indexed; not nul-terminated */
  guint       len;    /* bytes of @text */
  guint       start;  /* byte offset of the original word in the column */
  guint       end;    /* exclusive */
} CeCorpusToken;

/* Called once per document and column with every token in order, and the
 * column's text (@text_len bytes).  Returns %FALSE to stop. */
typedef gboolean (*CeCorpusTokensFunc) (gint64               doc_id,
                                        int                  column,
                                        const char          *text,
                                        gsize                text_len,
                                        const CeCorpusToken *tokens,
                                        guint                n_tokens,
                                        gpointer             user_data);

gboolean ce_corpus_tokenize (CeCorpus            *corpus,
                             const gint64        *ids,
                             guint                n_ids,
                             guint                columns,
                             CeCorpusTokensFunc   func,
                             gpointer             user_data,
                             GError             **error);

/* Called once per word of the index's vocabulary, in the order of the
 * index (by bytes), with in how many documents each column holds it and
 * how often.  Returns %FALSE to stop. */
typedef gboolean (*CeCorpusTermFunc) (const char   *term,
                                      const gint64 *docs,
                                      const gint64 *counts,
                                      gpointer      user_data);

gboolean ce_corpus_foreach_term (CeCorpus          *corpus,
                                 CeCorpusTermFunc   func,
                                 gpointer           user_data,
                                 GError           **error);

G_END_DECLS
