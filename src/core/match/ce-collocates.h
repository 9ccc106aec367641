/* ce-collocates.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ce-association.h"
#include "ce-corpus.h"
#include "ce-query.h"
#include "ce-topic.h"

G_BEGIN_DECLS

/* Collocates: the words found within a few words of the matches of a
 * search or the mentions of a topic, in the body. */

typedef enum
{
  CE_COLLOCATE_SORT_LL,        /*< nick=ll >*/
  CE_COLLOCATE_SORT_MI,        /*< nick=mi >*/
  CE_COLLOCATE_SORT_LOGDICE,   /*< nick=logdice >*/
  CE_COLLOCATE_SORT_FREQ,      /*< nick=freq >*/
} CeCollocateSort;

typedef struct
{
  char   *word;
  gint64  count;          /* O11: occurrences within the windows */
  gint64  corpus_count;   /* the word in the bodies of the corpus */
  guint   docs;           /* documents where it is near a match */
  double  mi;
  double  ll;
  double  log_dice;
} CeCollocate;

typedef struct
{
  guint            left;       /* words before each match */
  guint            right;      /* words after it */
  guint            min_count;  /* 0 counts as 1 */
  GHashTable      *stopwords;  /* (nullable) */
  CeCollocateSort  sort;
  CeProgressFunc   progress;
  gpointer         progress_data;
} CeCollocateOptions;

typedef struct
{
  GPtrArray *collocates;     /* CeCollocate, in order */
  guint64    matches;        /* the node's frequency */
  guint64    window_tokens;  /* words in all the windows */
  guint64    corpus_tokens;  /* words in the bodies of the corpus */
  guint      docs;           /* documents with a match */
} CeCollocateResult;

void               ce_collocate_free          (CeCollocate              *collocate);
void               ce_collocate_result_free   (CeCollocateResult        *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CeCollocateResult, ce_collocate_result_free)

CeCollocateResult *ce_collocates_for_query    (CeCorpus                 *corpus,
                                               CeQuery                  *query,
                                               const CeCollocateOptions *options,
                                               GCancellable             *cancellable,
                                               GError                  **error);
CeCollocateResult *ce_collocates_for_topic    (CeCorpus                 *corpus,
                                               CeTopic                  *topic,
                                               const CeCollocateOptions *options,
                                               GCancellable             *cancellable,
                                               GError                  **error);
void               ce_collocates_sort         (GPtrArray                *collocates,
                                               CeCollocateSort           sort);
char              *ce_collocates_to_csv       (const CeCollocateResult  *result);

G_END_DECLS
