/* ce-corpus-second.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The second connection kept with a connection: read-only, opened the
 * first time work is split over two threads (reading words, collocates
 * and the vocabulary: ce-corpus-words.c and the files it serves;
 * counting a topic over the whole corpus: ce-corpus-count.c) and kept
 * as long as the first one, so the split costs one open per connection.  The first connection's
 * thread lends it to one other thread at a time and waits for it.
 */

#define G_LOG_DOMAIN "ce-corpus"

#include "config.h"

#include "ce-corpus-private.h"

#define SECOND_KEY "ce-corpus-second"

/**
 * _ce_corpus_peek_second:
 *
 * Returns: (transfer none) (nullable): the second connection, if one was
 *   opened
 */
CeCorpus *
_ce_corpus_peek_second (CeCorpus *self)
{
  return g_object_get_data (G_OBJECT (self), SECOND_KEY);
}

/**
 * _ce_corpus_open_second:
 *
 * The second connection, opened when first asked for, with the first
 * one's settings for quoted text and copies, so that it counts, reads and
 * matches as the first does.  %NULL when work cannot be split: one core,
 * or a corpus being built (a hidden new file that no other connection
 * should open).  The caller must not hold changes of its own that are
 * not committed: the second connection would not see them.
 *
 * Returns: (transfer none) (nullable): the second connection
 */
CeCorpus *
_ce_corpus_open_second (CeCorpus *self)
{
  g_autoptr(GError) error = NULL;
  CeCorpus *second;

  if (self->staged || g_get_num_processors () < 2)
    return NULL;

  second = _ce_corpus_peek_second (self);
  if (second == NULL)
    {
      second = ce_corpus_open (self->path, CE_CORPUS_OPEN_READ_ONLY, &error);
      if (second == NULL)
        {
          g_debug ("No second connection to %s: %s", self->path, error->message);
          return NULL;
        }
      g_object_set_data_full (G_OBJECT (self), SECOND_KEY, second, g_object_unref);
    }

  /* The settings may have changed since the last time */
  ce_corpus_set_quoted_mode (second, ce_corpus_get_quoted_mode (self));
  ce_corpus_set_unique_stories (second, ce_corpus_get_unique_stories (self));

  return second;
}
