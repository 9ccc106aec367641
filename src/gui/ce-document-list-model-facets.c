/* ce-document-list-model-facets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-document-list-model"

#include "config.h"

#include "ce-corpus-duplicates.h"
#include "ce-document-list-model-private.h"

/* Values counted per facet; the sidebar shows the first few */
#define FACET_LIMIT 100

static const char * const facet_fields[] = CE_DOCUMENT_LIST_FACETS;

static GHashTable *
new_facet_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
}

/* Counts the values of every facet among the matches of @query (the
 * whole corpus when %NULL), and tells in @has_copies whether the corpus
 * has any group of copies (the "Copies" facet is pointless without);
 * runs in a worker, on its own connection.
 * Returns: (transfer full) (nullable): field -> GPtrArray of CeSearchFacet */
GHashTable *
_ce_document_list_model_count_facets (CeCorpus  *corpus,
                                      CeQuery   *query,
                                      gboolean  *has_copies,
                                      GError   **error)
{
  g_autoptr(CeQuery) facet_query = NULL;
  g_autoptr(GHashTable) facets = NULL;

  facet_query = query != NULL ? ce_query_ref (query) : ce_query_parse ("", NULL);
  facets = new_facet_table ();

  for (guint i = 0; facet_fields[i] != NULL; i++)
    {
      GPtrArray *values = ce_search_facet (corpus, facet_query, facet_fields[i], FACET_LIMIT, error);

      if (values == NULL)
        return NULL;
      g_hash_table_insert (facets, g_strdup (facet_fields[i]), values);
    }

  *has_copies = ce_corpus_has_copy_groups (corpus);

  return g_steal_pointer (&facets);
}

/**
 * ce_document_list_model_get_facet:
 * @field: one of %CE_DOCUMENT_LIST_FACETS
 *
 * Returns: (transfer none) (nullable) (element-type CeSearchFacet): the
 *   values of @field among the rows and their counts, most frequent
 *   first; %NULL until they are counted
 */
GPtrArray *
ce_document_list_model_get_facet (CeDocumentListModel *self,
                                  const char          *field)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if (self->facets == NULL)
    return NULL;

  return g_hash_table_lookup (self->facets, field);
}

/**
 * ce_document_list_model_has_copies:
 *
 * Returns: whether the corpus held any group of copies of one story
 *   when the facets were last counted; %FALSE until they are
 */
gboolean
ce_document_list_model_has_copies (CeDocumentListModel *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);

  return self->facets != NULL && self->has_copies;
}
