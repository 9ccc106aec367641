/* ce-corpus-chunks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Documents read in chunks, by the calling thread alone or by two
 * threads, and handed on in order on the calling thread: what reading
 * words (ce-corpus-words.c) and the tokens around matches
 * (ce-corpus-matches.c) share.  With two workers, worker w reads chunks
 * w, w + 2, … on its own connection in one read transaction and queues
 * them; the caller takes chunk k from worker k % 2.  A worker stops at
 * the first chunk that failed or stopped, and so does the other.
 */

#define G_LOG_DOMAIN "ce-corpus"

#include "config.h"

#include "ce-corpus-private.h"

typedef struct
{
  const CeChunkFuncs *funcs;
  CeChunkWorker      *worker;
} ThreadData;

static gpointer
worker_thread (gpointer user_data)
{
  ThreadData *data = user_data;
  CeChunkWorker *worker = data->worker;
  gboolean began = _ce_corpus_begin_read (worker->corpus);
  gboolean going = TRUE;

  for (guint k = worker->first_chunk; k < worker->n_chunks; k += worker->step)
    {
      CeChunkHead *chunk = data->funcs->chunk_new ();

      if (going)
        going = data->funcs->read (worker, k, chunk);
      else
        chunk->stopped = TRUE;
      if (!going)
        g_atomic_int_set (worker->stop, 1);
      g_async_queue_push (worker->queue, chunk);
    }

  _ce_corpus_end_read (worker->corpus, began);
  return NULL;
}

static gboolean
read_alone (const CeChunkFuncs  *funcs,
            CeChunkWorker       *worker,
            guint                n_chunks,
            gpointer             user_data,
            GError             **error)
{
  gboolean began = _ce_corpus_begin_read (worker->corpus);
  gboolean ok = TRUE;

  for (guint k = 0; k < n_chunks; k++)
    {
      CeChunkHead *chunk = funcs->chunk_new ();
      gboolean read = funcs->read (worker, k, chunk);

      if (!read && chunk->error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&chunk->error));
          ok = FALSE;
        }
      /* What was read before a stop still counts */
      if (ok && !funcs->deliver (chunk, 0, user_data))
        read = FALSE;
      funcs->chunk_free (chunk);
      if (!read)
        break;
    }

  _ce_corpus_end_read (worker->corpus, began);
  return ok;
}

static gboolean
read_in_two (const CeChunkFuncs  *funcs,
             CeChunkWorker      **workers,
             guint                n_chunks,
             gpointer             user_data,
             GError             **error)
{
  ThreadData data[2];
  GThread *threads[2];
  gint stop = 0;
  gboolean going = TRUE;
  gboolean ok = TRUE;

  for (guint w = 0; w < 2; w++)
    {
      workers[w]->queue = g_async_queue_new ();
      workers[w]->first_chunk = w;
      workers[w]->step = 2;
      workers[w]->n_chunks = n_chunks;
      workers[w]->stop = &stop;
      data[w].funcs = funcs;
      data[w].worker = workers[w];
      threads[w] = g_thread_new (funcs->thread_name, worker_thread, &data[w]);
    }

  /* In order: chunk k comes from worker k % 2 */
  for (guint k = 0; k < n_chunks; k++)
    {
      CeChunkHead *chunk = g_async_queue_pop (workers[k % 2]->queue);

      if (going && chunk->error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&chunk->error));
          going = ok = FALSE;
        }
      if (going && !funcs->deliver (chunk, k % 2, user_data))
        going = FALSE;
      if (going && chunk->stopped)
        going = FALSE;
      if (!going)
        g_atomic_int_set (&stop, 1);
      funcs->chunk_free (chunk);
    }

  for (guint w = 0; w < 2; w++)
    {
      g_thread_join (threads[w]);
      g_clear_pointer (&workers[w]->queue, g_async_queue_unref);
      workers[w]->stop = NULL;
    }

  return ok;
}

/**
 * _ce_corpus_read_chunks:
 * @workers: (array fixed-size=2): one worker, or two (the second %NULL
 *   for one), each with its own connection
 * @n_chunks: chunks 0 to @n_chunks - 1 are read
 * @user_data: for @funcs->deliver
 *
 * Reads the chunks with @funcs->read and hands each to @funcs->deliver on
 * the calling thread, in order, until one fails, stops or is refused.
 *
 * Returns: %FALSE with @error set when a chunk failed; %TRUE otherwise,
 *   also when reading stopped
 */
gboolean
_ce_corpus_read_chunks (const CeChunkFuncs  *funcs,
                        CeChunkWorker      **workers,
                        guint                n_chunks,
                        gpointer             user_data,
                        GError             **error)
{
  if (workers[1] == NULL)
    return read_alone (funcs, workers[0], n_chunks, user_data, error);

  return read_in_two (funcs, workers, n_chunks, user_data, error);
}
