/* ce-corpus-staged.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE   /* renameat2 */
#define G_LOG_DOMAIN "ce-corpus"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

#include "ce-corpus-private.h"

/* A new corpus built in a hidden file beside its place and renamed into
 * place once complete.  Nothing else opens the hidden file, so it needs
 * no write-ahead log: every page is written once, to the file, instead
 * of to the log and then again to the file, and nothing is synced until
 * the end.  A crash or a failed import leaves no corpus at the path
 * (the old state); a published one is whole. */

/**
 * ce_corpus_create_staged:
 * @path: where the new corpus goes; nothing may be there
 *
 * Creates an empty corpus in a hidden file beside @path, for one
 * writer.  ce_corpus_publish() moves it to @path; unreferenced before
 * that, the file is removed.
 *
 * Returns: (transfer full): the corpus, or %NULL with @error set
 *   (%G_IO_ERROR_EXISTS when @path exists)
 */
CeCorpus *
ce_corpus_create_staged (const char  *path,
                         GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *hidden = NULL;
  CeCorpus *corpus;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("“%s” already exists"), path);
      return NULL;
    }

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  do
    {
      g_autofree char *name = g_strdup_printf (".%s.%08x.partial", base, g_random_int ());

      g_free (hidden);
      hidden = g_build_filename (dir, name, NULL);
    }
  while (g_file_test (hidden, G_FILE_TEST_EXISTS));

  corpus = ce_corpus_open (hidden, CE_CORPUS_OPEN_CREATE | CE_CORPUS_OPEN_STAGED, error);
  if (corpus == NULL)
    {
      g_unlink (hidden);
      return NULL;
    }

  corpus->staged_target = g_strdup (path);
  return corpus;
}

/* Its full-text index.  FTS5 writes the terms it buffers (64 MB, the
 * 'hashsize' of ce-corpus-schema.c) as a new segment of the index, and
 * by default merges every four segments of a level into one of the
 * next as it goes: a segment is written again at each level it rises
 * to, and at 5 GB most of the index was written three times.  While a
 * staged corpus takes its documents nothing is merged; the index is
 * then merged once, into a single segment, before the transaction
 * commits (what 'optimize' does, in cancellable steps, freeing the
 * pages it has read of the old segments as it goes and filling them
 * again).  Each term is written
 * twice at any size, and the new corpus's searches read one segment. */

/* FTS5's own defaults, which the corpus keeps once loaded */
#define FTS_AUTOMERGE   4
#define FTS_CRISISMERGE 16
/* As many segments as FTS5 keeps before it must merge (FTS5_MAX_SEGMENT
 * is 2,000): 120 GB of index in segments of 64 MB of terms */
#define FTS_CRISISMERGE_LOADING 1999
/* Pages one step of the final merge writes (8 MB of 4 KB pages): a
 * cancel waits for one step at most */
#define FTS_MERGE_STEP_PAGES 2000

gboolean
_ce_corpus_staged_load_begin (CeCorpus  *self,
                              GError   **error)
{
  g_autofree char *sql = NULL;

  if (!self->staged || self->staged_loading)
    return TRUE;

  sql = g_strdup_printf ("INSERT INTO fts (fts, rank) VALUES ('automerge', 0);"
                         "INSERT INTO fts (fts, rank) VALUES ('crisismerge', %d);",
                         FTS_CRISISMERGE_LOADING);
  if (!_ce_corpus_exec (self, sql, error))
    return FALSE;

  self->staged_loading = TRUE;
  return TRUE;
}

/**
 * ce_corpus_merge_index:
 *
 * Merges the full-text index of a corpus made by
 * ce_corpus_create_staged(), which merges nothing while its documents
 * are added, into one segment, and sets back the merging of later
 * writes.  ce_corpus_commit() does it when it was not done before;
 * done first, inside the transaction, the corpus's cancellable can
 * stop it (a minute or more at 5 GB).  Does nothing for any other
 * corpus, or once done.
 *
 * Returns: %FALSE with @error set when the index could not be written
 *   or the merge was cancelled; the transaction is then to be rolled
 *   back
 */
gboolean
ce_corpus_merge_index (CeCorpus  *self,
                       GError   **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (CE_IS_CORPUS (self), FALSE);

  if (!self->staged_loading)
    return TRUE;

  g_return_val_if_fail (ce_corpus_in_transaction (self), FALSE);

  /* 'optimize' in steps: one 'merge' with a negative number of pages
   * puts every segment on one level and merges them into one, writing
   * about that many pages; the next goes on with it.  A step that
   * changes fewer than two rows found nothing left to merge.  Between
   * steps the cancellable is looked at: one statement runs FTS5's own
   * short statements, which the progress handler never interrupts.
   * 'merge', unlike 'optimize', leaves the terms FTS5 still holds in
   * memory there (they would be written as a second segment at the
   * commit): a savepoint makes FTS5 write them first. */
  if (!_ce_corpus_exec (self, "SAVEPOINT ce_merge_index; RELEASE ce_merge_index;", error))
    return FALSE;

  for (;;)
    {
      sqlite3_int64 before;

      if (self->cancellable != NULL && g_cancellable_set_error_if_cancelled (self->cancellable, error))
        return FALSE;

      before = sqlite3_total_changes64 (self->db);
      if (!_ce_corpus_exec (self, "INSERT INTO fts (fts, rank) VALUES ('merge', -" G_STRINGIFY (FTS_MERGE_STEP_PAGES) ")", error))
        return FALSE;
      if (sqlite3_total_changes64 (self->db) - before < 2)
        break;
    }

  sql = g_strdup_printf ("INSERT INTO fts (fts, rank) VALUES ('automerge', %d);"
                         "INSERT INTO fts (fts, rank) VALUES ('crisismerge', %d);",
                         FTS_AUTOMERGE, FTS_CRISISMERGE);
  if (!_ce_corpus_exec (self, sql, error))
    return FALSE;

  self->staged_loading = FALSE;
  return TRUE;
}

static gboolean
sync_path (const char  *path,
           int          flags,
           GError     **error)
{
  int fd = g_open (path, flags | O_CLOEXEC, 0);
  int saved;

  if (fd < 0 || fsync (fd) != 0)
    {
      saved = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write “%s” to disk: %s"), path, g_strerror (saved));
      return FALSE;
    }

  close (fd);
  return TRUE;
}

/* Moves @from to @to unless something is there already */
static int
move_no_replace (const char *from,
                 const char *to)
{
#ifdef RENAME_NOREPLACE
  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return 0;
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
    return errno;
#endif

  /* A hard link fails when @to exists; some file systems have none */
  if (link (from, to) == 0)
    {
      g_unlink (from);
      return 0;
    }
  if (errno == EEXIST)
    return errno;
  if (g_file_test (to, G_FILE_TEST_EXISTS))
    return EEXIST;

  return g_rename (from, to) == 0 ? 0 : errno;
}

/**
 * ce_corpus_publish:
 *
 * Completes a corpus made by ce_corpus_create_staged(): writes it to
 * disk and moves it to its path, all or nothing.  The connection is
 * closed: open the corpus at its path to read or write it again.
 *
 * Returns: %FALSE with @error set when it could not be written or moved
 *   (%G_IO_ERROR_EXISTS when something was put at the path meanwhile);
 *   the hidden file is then removed when the corpus is unreferenced
 */
gboolean
ce_corpus_publish (CeCorpus  *self,
                   GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;
  int failure;

  g_return_val_if_fail (CE_IS_CORPUS (self), FALSE);
  g_return_val_if_fail (self->staged_target != NULL, FALSE);
  g_return_val_if_fail (!ce_corpus_in_transaction (self), FALSE);

  /* In write-ahead-log mode like any corpus, so that opening it later
   * writes nothing to it; the log is emptied and removed on closing */
  if (!_ce_corpus_exec (self, "PRAGMA journal_mode = WAL", error))
    return FALSE;

  _ce_corpus_close_connection (self);

  if (!sync_path (self->path, O_RDONLY, error))
    return FALSE;

  failure = move_no_replace (self->path, self->staged_target);
  if (failure != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (failure),
                   _("Could not move the new corpus to “%s”: %s"),
                   self->staged_target, g_strerror (failure));
      return FALSE;
    }

  /* The new name is on disk too; the corpus is in place either way */
  dir = g_path_get_dirname (self->staged_target);
  if (!sync_path (dir, O_RDONLY | O_DIRECTORY, &local_error))
    g_warning ("%s", local_error->message);

  g_free (self->path);
  self->path = g_steal_pointer (&self->staged_target);
  return TRUE;
}
