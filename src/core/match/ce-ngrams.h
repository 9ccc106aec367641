/* ce-ngrams.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ce-association.h"
#include "ce-corpus.h"
#include "ce-query.h"

G_BEGIN_DECLS

/* N-grams: runs of n words (tokens of the index) in a title or a body,
 * as a phrase search finds them */

#define CE_NGRAM_MAX 5

typedef struct
{
  char   *text;   /* the tokens, one space apart */
  guint   n;
  gint64  count;
  guint   docs;
} CeNgram;

typedef struct
{
  guint           min_n;       /* 2 to CE_NGRAM_MAX */
  guint           max_n;
  guint           min_count;   /* 0 counts as 1 */
  guint           top;         /* 0 for all */
  GHashTable     *stopwords;   /* (nullable): n-grams of stop words only are left out */
  CeProgressFunc  progress;
  gpointer        progress_data;
} CeNgramOptions;

void       ce_ngram_free       (CeNgram              *ngram);
GPtrArray *ce_ngrams_compute   (CeCorpus             *corpus,
                                CeQuery              *query,
                                const CeNgramOptions *options,
                                guint                *n_docs,
                                GCancellable         *cancellable,
                                GError              **error);
char      *ce_ngrams_to_csv    (GPtrArray            *ngrams);

G_END_DECLS
