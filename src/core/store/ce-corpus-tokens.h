/* ce-corpus-tokens.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ce-analysis-words.h"
#include "ce-corpus.h"
#include "ce-corpus-search.h"

G_BEGIN_DECLS

/* The words of the corpus as its full-text index holds them.
 *
 * Keywords, collocates and n-grams count tokens, and a token is what the
 * corpus tokenizer makes of the text (case and accents folded away): the
 * same tokens the index stores, so a word counted here, searched, finds
 * exactly the documents it was counted in. */

/* The columns of the index.  The body of a message holds its new text;
 * quoted text and signatures are indexed apart (ce-corpus-quoted.h).
 * Asked for together, body and quoted come as one column, the body as
 * stored, reported as CE_CORPUS_COLUMN_BODY. */
#define CE_CORPUS_COLUMN_TITLE  0
#define CE_CORPUS_COLUMN_BODY   1
#define CE_CORPUS_COLUMN_QUOTED 2
#define CE_CORPUS_N_COLUMNS     3

/* One token of a column's text */
typedef struct
{
  const char *text;   /* the token as indexed; not nul-terminated */
  guint       len;    /* bytes of @text */
  guint       start;  /* byte offset of the original word in the column */
  guint       end;    /* exclusive */
} CeCorpusToken;

/* Called once per document and column with every token in order, and the
 * column's text (@text_len bytes; for a body, the stored body with what
 * the column leaves out blanked, so offsets are offsets in the body).
 * Returns %FALSE to stop. */
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

/* Called once per document and column, in the order of the documents,
 * with the numbers of its tokens in the word table given.  Returns
 * %FALSE to stop. */
typedef gboolean (*CeCorpusWordsFunc) (gint64         doc_id,
                                       int            column,
                                       const guint32 *words,
                                       guint          n_words,
                                       gpointer       user_data);

/* ce-corpus-words.c */
gboolean ce_corpus_tokenize_words (CeCorpus           *corpus,
                                   const gint64       *ids,
                                   guint               n_ids,
                                   guint               columns,
                                   CeWordTable        *table,
                                   CeCorpusWordsFunc   func,
                                   gpointer            user_data,
                                   GError            **error);

/* ce-corpus-matches.c: called once per document with what a search
 * matched in its body (@ranges, as ce_search_instances() reports them)
 * and the tokens of the body near them, in order (those of the matches
 * and of the windows around them).  Returns %FALSE to stop. */
typedef gboolean (*CeCorpusMatchTokensFunc) (gint64               doc_id,
                                             const CeCorpusToken *tokens,
                                             guint                n_tokens,
                                             const CeSearchRange *ranges,
                                             guint                n_ranges,
                                             gpointer             user_data);

gboolean ce_corpus_tokenize_matches (CeCorpus                *corpus,
                                     const char              *highlight,
                                     const gint64            *ids,
                                     guint                    n_ids,
                                     guint                    columns,
                                     guint                    before,
                                     guint                    after,
                                     CeCorpusMatchTokensFunc  func,
                                     gpointer                 user_data,
                                     GError                 **error);

/* Called once per word of the index's vocabulary, in the order of the
 * index (by bytes), with in how many documents each column
 * (CE_CORPUS_COLUMN_*) holds it and how often.  Returns %FALSE to stop. */
typedef gboolean (*CeCorpusTermFunc) (const char   *term,
                                      const gint64 *docs,
                                      const gint64 *counts,
                                      gpointer      user_data);

/* The columns whose words searches and counts on this connection see:
 * the body, the quoted text unless it is left out, and the title when
 * @titles */
guint    ce_corpus_word_columns (CeCorpus          *corpus,
                                 gboolean           titles);

gboolean ce_corpus_foreach_term (CeCorpus          *corpus,
                                 CeCorpusTermFunc   func,
                                 gpointer           user_data,
                                 GError           **error);

G_END_DECLS
