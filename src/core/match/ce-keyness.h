/* ce-keyness.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ce-association.h"
#include "ce-corpus.h"
#include "ce-query.h"

G_BEGIN_DECLS

/* Keywords: the words whose frequency sets a target set of documents
 * apart from a reference set.  A word is a token of the corpus index, in
 * titles and bodies; its frequency in a set is how often it occurs in the
 * set's documents. */

typedef enum
{
  CE_KEYWORD_SORT_LL,     /*< nick=ll >*/
  CE_KEYWORD_SORT_RATIO,  /*< nick=ratio >*/
} CeKeywordSort;

typedef struct
{
  char   *word;
  gint64  target_count;
  gint64  reference_count;
  guint   target_docs;     /* documents of the target that hold it */
  double  ll;              /* log-likelihood G² */
  double  log_ratio;       /* log2 of the ratio of relative frequencies */
  double  p_value;         /* of G², before the correction */
} CeKeyword;

typedef struct
{
  guint           min_count;   /* in target and reference together; 0 counts as 1 */
  GHashTable     *stopwords;   /* (nullable): words left out */
  CeKeywordSort   sort;
  double          alpha;       /* 0 for 0.05, divided by the words tested */
  CeProgressFunc  progress;
  gpointer        progress_data;
} CeKeywordOptions;

typedef struct
{
  GPtrArray *keywords;         /* CeKeyword: the significant words, in order */
  guint64    target_tokens;
  guint64    reference_tokens;
  guint      target_docs;
  guint      reference_docs;
  guint      words_tested;
  double     critical;         /* G² a word needs to be listed */
} CeKeywordResult;

void             ce_keyword_free          (CeKeyword              *keyword);
void             ce_keyword_result_free   (CeKeywordResult        *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CeKeywordResult, ce_keyword_result_free)

CeKeywordResult *ce_keywords_compute      (CeCorpus               *corpus,
                                           CeQuery                *target,
                                           CeQuery                *reference,
                                           const CeKeywordOptions *options,
                                           GCancellable           *cancellable,
                                           GError                **error);
CeKeywordResult *ce_keywords_compute_for_ids (CeCorpus               *corpus,
                                              GArray                 *target_ids,
                                              const CeKeywordOptions *options,
                                              GCancellable           *cancellable,
                                              GError                **error);
void             ce_keywords_sort         (GPtrArray              *keywords,
                                           CeKeywordSort           sort);
char            *ce_keywords_to_csv       (const CeKeywordResult  *result);

G_END_DECLS
