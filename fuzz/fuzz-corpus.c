/* fuzz-corpus.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening any file as a corpus, and reading what it holds: a file that is
 * not a sound corpus is refused with an error, never a crash.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <unistd.h>

#include "ce-corpus.h"
#include "ce-query.h"
#include "ce-search.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *path;

static void
read_corpus (CeCorpus *corpus)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(CeCorpusStats) stats = NULL;
  g_autoptr(CeQuery) query = ce_query_parse ("a OR the* OR place:x", NULL);
  g_autoptr(GArray) hits = NULL;

  ce_corpus_count_documents (corpus);
  stats = ce_corpus_get_stats (corpus, 5, &error);
  g_clear_error (&error);

  ids = ce_corpus_list_document_ids (corpus, &error);
  g_clear_error (&error);
  for (guint i = 0; ids != NULL && i < ids->len && i < 8; i++)
    {
      CeDocument *document = ce_corpus_get_document (corpus, g_array_index (ids, gint64, i), &error);

      g_clear_error (&error);
      if (document != NULL)
        g_object_unref (document);
    }

  hits = ce_search_ids (corpus, query, CE_SORT_RANK, FALSE, &error);
  g_clear_error (&error);
  ce_corpus_check_integrity (corpus, &error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeCorpus) corpus = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;

  if (path == NULL)
    {
      g_autofree char *name = g_strdup_printf ("ce-fuzz-%d.corpus", (int)getpid ());

      path = g_build_filename (g_get_tmp_dir (), name, NULL);
    }
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  g_unlink (wal);
  g_unlink (shm);

  if (!g_file_set_contents (path, (const char *)data, size, NULL))
    return 0;

  corpus = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, &error);
  if ((corpus == NULL) == (error == NULL))
    __builtin_trap ();
  if (corpus != NULL)
    read_corpus (corpus);

  g_clear_object (&corpus);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  return 0;
}
