/* ce-cooccurrence.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ce-corpus.h"
#include "ce-topic.h"

G_BEGIN_DECLS

/* Topic co-occurrence: for each pair of topics, the documents that
 * mention both, as the charts count mentions */

typedef struct
{
  guint  a;           /* indexes into the topics given, a < b */
  guint  b;
  guint  docs_a;
  guint  docs_b;
  guint  docs_both;
  double jaccard;     /* both / either */
  double pmi;         /* log2 (N · both / (A · B)); NAN when none has both */
  GArray *both;       /* gint64: the documents, in id order */
} CeCooccurrence;

void       ce_cooccurrence_free     (CeCooccurrence *pair);
GPtrArray *ce_cooccurrence_compute  (CeCorpus       *corpus,
                                     GPtrArray      *topics,
                                     guint          *n_docs,
                                     GCancellable   *cancellable,
                                     GError        **error);
char      *ce_cooccurrence_to_csv   (GPtrArray      *pairs,
                                     GPtrArray      *topics);

G_END_DECLS
