/* ce-read-dump.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-read-dump"

#include "config.h"

#include "ce-line-reader.h"
#include "ce-reader.h"
#include "ce-segmenter.h"

typedef struct
{
  CeReadContext *ctx;
  gboolean       stopped;
} DumpState;

static void
emit_cb (CeDraft  *draft,
         gpointer  user_data)
{
  DumpState *state = user_data;

  if (state->stopped)
    {
      ce_draft_free (draft);
      return;
    }

  if (!state->ctx->emit (state->ctx, draft, state->ctx->emit_data))
    state->stopped = TRUE;
}

/**
 * ce_read_dump:
 *
 * Reads a raw text dump line by line and lets the segmenter split it
 * into articles; memory stays bounded by one article.
 */
gboolean
ce_read_dump (CeReadContext  *ctx,
              GInputStream   *stream,
              GError        **error)
{
  g_autoptr(CeLineReader) reader = NULL;
  g_autoptr(CeSegmenter) segmenter = NULL;
  g_autoptr(GError) local_error = NULL;
  DumpState state = { ctx, FALSE };
  const char *line;
  gsize len;

  g_return_val_if_fail (ctx != NULL, FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);

  segmenter = ce_segmenter_new (ctx->options ? ctx->options->split : CE_SPLIT_AUTO,
                                ctx->options ? ctx->options->split_regex : NULL,
                                emit_cb, &state, error);
  if (segmenter == NULL)
    return FALSE;

  reader = ce_line_reader_new (stream, ctx);

  while (!state.stopped &&
         (line = ce_line_reader_next (reader, &len, &local_error)) != NULL)
    {
      ce_segmenter_add_line (segmenter, line, len,
                             ce_line_reader_get_line_number (reader),
                             ce_line_reader_get_offset (reader));

      if ((ce_line_reader_get_line_number (reader) & 0xfff) == 0 &&
          g_cancellable_is_cancelled (ctx->cancellable))
        state.stopped = TRUE;
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!state.stopped)
    ce_segmenter_finish (segmenter);

  return TRUE;
}
