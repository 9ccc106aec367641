/* fuzz-reader.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every reader target does with one input: read it from memory with
 * the options the first byte picks, check each draft as the importer
 * would, and free everything.
 */

#pragma once

#include <stdint.h>
#include <string.h>

#include "ce-reader.h"

typedef gboolean (*FuzzReadFunc) (CeReadContext  *ctx,
                                  GInputStream   *stream,
                                  GError        **error);

static gboolean
fuzz_emit_cb (CeReadContext *ctx,
              CeDraft       *draft,
              gpointer       user_data)
{
  guint *n = user_data;

  /* What every reader promises the store */
  if (draft->body == NULL || !g_utf8_validate (draft->body, -1, NULL))
    __builtin_trap ();
  if (draft->title != NULL && !g_utf8_validate (draft->title, -1, NULL))
    __builtin_trap ();

  (*n)++;
  ce_draft_free (draft);
  return TRUE;
}

static void
fuzz_read (FuzzReadFunc           func,
           const char            *path,
           const CeImportOptions *options,
           const uint8_t         *data,
           size_t                 size)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  CeReadContext ctx = { 0 };
  guint n = 0;
  gboolean ok;

  stream = g_memory_input_stream_new_from_data (g_memdup2 (data, size), size, g_free);
  ctx.path = path;
  ctx.options = options;
  ctx.emit = fuzz_emit_cb;
  ctx.emit_data = &n;
  ctx.warnings = g_ptr_array_new_with_free_func (g_free);

  ok = func (&ctx, stream, &error);
  /* Success and an error exclude each other */
  if (ok != (error == NULL))
    __builtin_trap ();

  g_ptr_array_unref (ctx.warnings);
}
