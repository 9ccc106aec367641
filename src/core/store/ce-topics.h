/* ce-topics.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ce-corpus.h"
#include "ce-topic.h"

G_BEGIN_DECLS

/* Topics stored in a corpus, in their order.  Terms are stored in the
 * topics table as a JSON array of strings. */
GPtrArray          *ce_topics_list        (CeCorpus            *corpus,
                                           GError             **error);
CeTopic            *ce_topics_find        (CeCorpus            *corpus,
                                           const char          *name,
                                           GError             **error);
gboolean            ce_topics_save        (CeCorpus            *corpus,
                                           CeTopic             *topic,
                                           GError             **error);
gboolean            ce_topics_remove      (CeCorpus            *corpus,
                                           CeTopic             *topic,
                                           GError             **error);
gboolean            ce_topics_reorder     (CeCorpus            *corpus,
                                           GPtrArray           *topics,
                                           GError             **error);
gboolean            ce_topics_move        (CeCorpus            *corpus,
                                           CeTopic             *topic,
                                           guint                position,
                                           GError             **error);

G_END_DECLS
