/* ce-corpus-matches-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ce-corpus-private.h"
#include "ce-corpus-tokens.h"

G_BEGIN_DECLS

/* ce-corpus-tokens.c, for ce_corpus_tokenize_matches() (ce-corpus-matches.c) */

/* Ids sorted for bsearch(): smallest first */
int      _ce_compare_ids            (const void    *a,
                                     const void    *b);

/* The phrase instances of one document in the body column */
typedef struct
{
  gint64 doc_id;
  guint  first;   /* the first pair of token positions */
  guint  n;       /* pairs */
} CeMatchPositions;

gboolean _ce_corpus_match_positions (CeCorpus      *corpus,
                                     const char    *scoped,
                                     const gint64  *ids,
                                     guint          n_ids,
                                     GArray        *docs,
                                     GArray        *pairs,
                                     GError       **error);

typedef struct _CeMatchReader CeMatchReader;

CeMatchReader *_ce_match_reader_new  (CeCorpus             *corpus,
                                      const char           *scoped,
                                      int                   column,
                                      guint                 after,
                                      GError              **error);
int            _ce_match_reader_read (CeMatchReader        *reader,
                                      gint64                id,
                                      const CeCorpusToken **tokens,
                                      guint                *n_tokens,
                                      const CeSearchRange **ranges,
                                      guint                *n_ranges,
                                      GError              **error);
void           _ce_match_reader_free (CeMatchReader        *reader);

G_END_DECLS
