/* ce-document-list-model-pool.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-document-list-model"

#include "config.h"

#include "ce-document-list-model-private.h"

/* Read-only connections for the workers (searching, snippets and
 * counts), which run in other threads: one is taken for a job and
 * given back when it is done, so the next job need not open the corpus
 * again.  Only the fields pool_lock, pool_path and pool of the model
 * are used, and only here. */

/* Idle read-only connections kept for the next search */
#define POOL_SIZE 2

CeCorpus *
_ce_document_list_model_pool_take (CeDocumentListModel  *self,
                                   const char           *path,
                                   GError              **error)
{
  CeCorpus *corpus = NULL;

  g_mutex_lock (&self->pool_lock);
  if (g_strcmp0 (self->pool_path, path) == 0 && self->pool->len > 0)
    corpus = g_ptr_array_steal_index_fast (self->pool, self->pool->len - 1);
  g_mutex_unlock (&self->pool_lock);

  if (corpus == NULL)
    corpus = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, error);

  return corpus;
}

void
_ce_document_list_model_pool_give (CeDocumentListModel *self,
                                   const char          *path,
                                   CeCorpus            *corpus)
{
  ce_corpus_set_cancellable (corpus, NULL);

  g_mutex_lock (&self->pool_lock);
  if (g_strcmp0 (self->pool_path, path) == 0 && self->pool->len < POOL_SIZE)
    {
      g_ptr_array_add (self->pool, corpus);
      corpus = NULL;
    }
  g_mutex_unlock (&self->pool_lock);

  g_clear_object (&corpus);
}

void
_ce_document_list_model_pool_reset (CeDocumentListModel *self,
                                    const char          *path)
{
  g_autoptr(GPtrArray) old = NULL;

  g_mutex_lock (&self->pool_lock);
  g_free (self->pool_path);
  self->pool_path = g_strdup (path);
  old = g_steal_pointer (&self->pool);
  self->pool = g_ptr_array_new_with_free_func (g_object_unref);
  g_mutex_unlock (&self->pool_lock);
}
void
_ce_document_list_model_pool_init (CeDocumentListModel *self)
{
  g_mutex_init (&self->pool_lock);
  self->pool = g_ptr_array_new_with_free_func (g_object_unref);
}

void
_ce_document_list_model_pool_clear (CeDocumentListModel *self)
{
  g_clear_pointer (&self->pool, g_ptr_array_unref);
  g_clear_pointer (&self->pool_path, g_free);
  g_mutex_clear (&self->pool_lock);
}
