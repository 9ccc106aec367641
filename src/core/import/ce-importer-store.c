/* ce-importer-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-importer"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ce-corrections.h"
#include "ce-importer-private.h"

/* Storing what the reader thread queued: a source, then its drafts,
 * each stored, skipped as a duplicate or left out as a copy, and the
 * report of it. */

/* Once a file's documents are stored, the splits and merges made by
 * hand to an earlier import of the same file are made again. */
static void
apply_corrections (CeCorpus        *corpus,
                   gint64           source_id,
                   const char      *checksum,
                   CeImportReport  *report,
                   GError         **error)
{
  int delta = 0;

  if (source_id > 0 && ce_corrections_apply (corpus, source_id, checksum, &delta, error))
    report->documents_added = (guint)MAX (0, (int)report->documents_added + delta);
}

/* "PATH:LINE: “TITLE” is a copy of #ID “TITLE”", for the report */
static void
report_copy (CeCorpus        *corpus,
             CeImportReport  *report,
             const char      *path,
             const CeDraft   *draft,
             gint64           copy_of)
{
  g_autoptr(CeDocument) kept = ce_corpus_get_document (corpus, copy_of, NULL);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, copy_of);
  g_autofree char *where = NULL;

  if (draft->line > 0)
    where = g_strdup_printf ("%s:%u", path, draft->line);
  else
    where = g_strdup (path);

  g_ptr_array_add (report->copies_of,
                   /* Translators: in the import report; the first %s is a
                    * file and line, then the title of the copy left out,
                    * the number and the title of the document kept */
                   g_strdup_printf (_("%s: “%s” is a copy of #%s “%s”"),
                                    where, draft->title != NULL ? draft->title : "", id,
                                    kept != NULL ? ce_document_get_title (kept) : ""));
}

/* Stores one item of the queue: a source, or a draft of the last
 * source; sets @error when the corpus cannot be written */
void
_ce_importer_store_item (CeImporter          *self,
                         CeCorpus            *corpus,
                         CeImportStore       *store,
                         const CeImportItem  *item,
                         CeImportReport      *report,
                         GError             **error)
{
  if (item->kind == ITEM_SOURCE)
    {
      g_autoptr(GError) local_error = NULL;

      apply_corrections (corpus, store->source_id, store->source_checksum, report, &local_error);
      g_free (store->source_checksum);
      store->source_checksum = g_strdup (item->checksum);
      g_free (store->source_path);
      store->source_path = g_strdup (item->path);
      if (local_error == NULL)
        store->source_id = ce_corpus_add_source (corpus, item->path,
                                                 ce_format_to_string (item->format),
                                                 item->size, item->checksum, &local_error);
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
    }
  else if (item->kind == ITEM_DRAFT)
    {
      CeCorpusAddFlags flags = self->options.keep_duplicates ? CE_CORPUS_ADD_DEFAULT
                                                             : CE_CORPUS_ADD_SKIP_COPIES;
      gint64 copy_of = 0;

      switch (ce_corpus_add_draft_full (corpus, store->source_id, item->draft, flags,
                                        &copy_of, error))
        {
        case CE_CORPUS_ADDED:
          report->documents_added++;
          _ce_importer_set_progress (self, G_MAXUINT64, 1);
          break;

        case CE_CORPUS_DUPLICATE:
          report->duplicates++;
          break;

        case CE_CORPUS_COPY:
          report->copies++;
          report_copy (corpus, report, store->source_path, item->draft, copy_of);
          break;

        case CE_CORPUS_FAILED:
        default:
          break;
        }
    }
}

/* Once every item is stored: the corrections of the last source */
void
_ce_importer_store_finish (CeCorpus        *corpus,
                           CeImportStore   *store,
                           CeImportReport  *report,
                           GError         **error)
{
  apply_corrections (corpus, store->source_id, store->source_checksum, report, error);
}

void
_ce_import_store_clear (CeImportStore *store)
{
  g_clear_pointer (&store->source_checksum, g_free);
  g_clear_pointer (&store->source_path, g_free);
}
