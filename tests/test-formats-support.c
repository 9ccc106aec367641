/* test-formats-support.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Stand-ins for the importer's functions that the readers call, so that
 * the readers can be tested on their own. */

#include "config.h"

#include <string.h>

#include "ce-reader.h"

void
ce_read_context_warn (CeReadContext *ctx,
                      guint          line,
                      const char    *format,
                      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (ctx->warnings == NULL)
    ctx->warnings = g_ptr_array_new_with_free_func (g_free);

  if (line > 0)
    g_ptr_array_add (ctx->warnings, g_strdup_printf ("%s:%u: %s", ctx->path, line, message));
  else
    g_ptr_array_add (ctx->warnings, g_strdup_printf ("%s: %s", ctx->path, message));
}

static const char * const format_names[] = {
  "auto", "dump", "text", "jsonl", "json", "csv", "email", "html", "unknown",
};

const char *
ce_format_to_string (CeFormat format)
{
  if ((guint)format < G_N_ELEMENTS (format_names))
    return format_names[format];
  return "unknown";
}

CeFormat
ce_format_from_string (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_strcmp0 (name, format_names[i]) == 0)
      return (CeFormat)i;
  return CE_FORMAT_UNKNOWN;
}
