/* ce-vocabulary.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ce-corpus.h"
#include "ce-corpus-tokens.h"

G_BEGIN_DECLS

/* The words of a whole corpus, read from its index once per corpus
 * generation and kept with the CeCorpus: how many documents hold each
 * in the title and the body, and how often.  The store keeps them in the
 * corpus file too (ce_corpus_foreach_term()), so that a new connection
 * reads them in milliseconds while no document is added or changed. */

typedef struct _CeVocabulary CeVocabulary;

typedef struct
{
  gint64 docs[CE_CORPUS_N_COLUMNS];
  gint64 count[CE_CORPUS_N_COLUMNS];
} CeVocabularyEntry;

CeVocabulary            *ce_vocabulary_get    (CeCorpus      *corpus,
                                               GError       **error);
CeVocabulary            *ce_vocabulary_ref    (CeVocabulary  *self);
void                     ce_vocabulary_unref  (CeVocabulary  *self);
const CeVocabularyEntry *ce_vocabulary_lookup (CeVocabulary  *self,
                                               const char    *word);
/* Tokens of the corpus in the columns of the mask `1 << CE_CORPUS_COLUMN_*` */
guint64                  ce_vocabulary_tokens (CeVocabulary  *self,
                                               guint          columns);
guint                    ce_vocabulary_size   (CeVocabulary  *self);

typedef void (*CeVocabularyFunc) (const char              *word,
                                  const CeVocabularyEntry *entry,
                                  gpointer                 user_data);
void                     ce_vocabulary_foreach (CeVocabulary     *self,
                                                CeVocabularyFunc  func,
                                                gpointer          user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CeVocabulary, ce_vocabulary_unref)

/* Sums an entry over the columns of a mask */
gint64 ce_vocabulary_entry_count (const CeVocabularyEntry *entry,
                                  guint                    columns);

G_END_DECLS
