/* ce-importer-tokenizer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-importer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-importer-private.h"

/* How much of a new corpus is read before its tokenizer is chosen */
#define SAMPLE_DOCUMENTS 32
#define SAMPLE_BYTES (256 * 1024)

gboolean
_ce_import_choice_prepare (CeCorpus               *corpus,
                           const CeImportOptions  *options,
                           CeImportChoice         *choice,
                           GError                **error)
{
  CeTokenizer current = ce_corpus_get_tokenizer (corpus);

  g_queue_init (&choice->held);
  choice->wanted = options->tokenizer;
  choice->diacritics = options->diacritics;
  choice->deciding = ce_corpus_count_documents (corpus) == 0;

  if (!choice->deciding && options->tokenizer != CE_TOKENIZER_AUTO &&
      options->tokenizer != current)
    {
      g_autofree char *name = ce_corpus_dup_name (corpus);

      g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_TOKENIZER_FIXED,
                   _("The corpus “%s” uses the “%s” tokenizer, not “%s”: a corpus keeps "
                     "the tokenizer it was created with; import into a new corpus instead"),
                   name, ce_tokenizer_to_string (current),
                   ce_tokenizer_to_string (options->tokenizer));
      return FALSE;
    }

  if (!choice->deciding && options->diacritics != CE_DIACRITICS_AUTO &&
      options->diacritics != ce_corpus_get_diacritics (corpus))
    {
      g_autofree char *name = ce_corpus_dup_name (corpus);

      g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_TOKENIZER_FIXED,
                   options->diacritics == CE_DIACRITICS_KEEP
                   ? _("The corpus “%s” removes accents from the words it indexes: a corpus "
                       "keeps the tokenizer it was created with; import into a new corpus instead")
                   : _("The corpus “%s” keeps the accents of the words it indexes: a corpus "
                       "keeps the tokenizer it was created with; import into a new corpus instead"),
                   name);
      return FALSE;
    }

  return TRUE;
}

/* The next item to store: the held ones first, once the tokenizer is
 * chosen */
CeImportItem *
_ce_import_choice_next_item (CeImportJob     *job,
                             CeImportChoice  *choice,
                             CeCorpus        *corpus,
                             GError         **error)
{
  while (choice->deciding)
    {
      CeImportItem *item = _ce_import_queue_pop (&job->queue);
      gboolean end = item->kind == ITEM_END;

      if (item->kind == ITEM_DRAFT)
        {
          ce_script_sample_add (&choice->sample, item->draft->title, -1);
          ce_script_sample_add (&choice->sample, item->draft->body, -1);
          ce_script_sample_end_document (&choice->sample);
          choice->sampled += strlen (item->draft->body);
        }
      g_queue_push_tail (&choice->held, item);

      if (end || choice->sample.documents >= SAMPLE_DOCUMENTS || choice->sampled >= SAMPLE_BYTES)
        {
          CeTokenizer tokenizer = choice->wanted;

          choice->deciding = FALSE;
          if (tokenizer == CE_TOKENIZER_AUTO)
            tokenizer = ce_script_sample_choose (&choice->sample);

          if (*error == NULL &&
              !ce_corpus_set_tokenizer_full (corpus, tokenizer, choice->diacritics, error))
            {
              g_cancellable_cancel (job->cancellable);
              _ce_import_queue_abort (&job->queue);
            }
        }
    }

  if (!g_queue_is_empty (&choice->held))
    return g_queue_pop_head (&choice->held);

  return _ce_import_queue_pop (&job->queue);
}

void
_ce_import_choice_clear (CeImportChoice *choice)
{
  g_queue_clear_full (&choice->held, (GDestroyNotify)_ce_import_item_free);
}
