/* ce-entities.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ce-corpus.h"

G_BEGIN_DECLS

/* A name worth a topic: a person, place or organisation written with
 * capitals, or an acronym.  @terms are ready to use as topic terms: the
 * full name first, then the aliases merged into it ("Keir Starmer",
 * "Starmer"); an acronym that is also a lower-case word gets a
 * case-sensitive term ("=US"). */
typedef struct
{
  char     *name;
  guint     count;     /* occurrences, aliases included */
  GStrv     terms;
  gboolean  acronym;
  gboolean  estimated; /* @count scaled up from a sample of the documents */
} CeEntity;

void       ce_entity_free      (CeEntity  *entity);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CeEntity, ce_entity_free)

GPtrArray *ce_entities_suggest (CeCorpus  *corpus,
                                guint      limit,
                                GError   **error);
/* @stopwords (nullable): names to leave out, in lower case (a set from
 * ce_stopwords_load()) */
GPtrArray *ce_entities_suggest_full (CeCorpus   *corpus,
                                     guint       limit,
                                     GHashTable *stopwords,
                                     GError    **error);
GPtrArray *ce_entities_suggest_sample (CeCorpus   *corpus,
                                       guint       limit,
                                       GHashTable *stopwords,
                                       guint       max_documents,
                                       GError    **error);

G_END_DECLS
