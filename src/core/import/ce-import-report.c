/* ce-import-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-importer"

#include "config.h"

#include <string.h>

#include "ce-importer.h"
#include "ce-reader.h"

/* The small types of an import: format names, the warnings readers
 * report, the report of an import and its options. */

static const char * const format_names[] = {
  [CE_FORMAT_AUTO] = "auto",
  [CE_FORMAT_DUMP] = "dump",
  [CE_FORMAT_TEXT] = "text",
  [CE_FORMAT_JSONL] = "jsonl",
  [CE_FORMAT_JSON] = "json",
  [CE_FORMAT_CSV] = "csv",
  [CE_FORMAT_EMAIL] = "email",
  [CE_FORMAT_HTML] = "html",
  [CE_FORMAT_UNKNOWN] = "unknown",
};

const char *
ce_format_to_string (CeFormat format)
{
  if ((guint)format < G_N_ELEMENTS (format_names))
    return format_names[format];

  return "unknown";
}

/**
 * ce_format_from_string:
 *
 * Returns: the format named @name, or %CE_FORMAT_UNKNOWN
 */
CeFormat
ce_format_from_string (const char *name)
{
  if (name == NULL)
    return CE_FORMAT_UNKNOWN;

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    {
      if (g_ascii_strcasecmp (format_names[i], name) == 0)
        return (CeFormat)i;
    }

  return CE_FORMAT_UNKNOWN;
}

void
ce_read_context_warn (CeReadContext *ctx,
                      guint          line,
                      const char    *format,
                      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  g_return_if_fail (ctx != NULL);

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

void
ce_import_report_free (CeImportReport *report)
{
  if (report == NULL)
    return;

  g_clear_pointer (&report->skipped, g_ptr_array_unref);
  g_clear_pointer (&report->warnings, g_ptr_array_unref);
  g_free (report);
}

/**
 * ce_import_report_summary:
 *
 * Returns: one sentence for a toast or a terminal
 */
char *
ce_import_report_summary (const CeImportReport *report)
{
  GString *str = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  g_string_append_printf (str,
                          g_dngettext (GETTEXT_PACKAGE, "Imported %u document", "Imported %u documents",
                                       report->documents_added),
                          report->documents_added);
  g_string_append_printf (str,
                          g_dngettext (GETTEXT_PACKAGE, " from %u file", " from %u files",
                                       report->files_read),
                          report->files_read);

  if (report->duplicates > 0)
    g_string_append_printf (str,
                            g_dngettext (GETTEXT_PACKAGE, ", %u duplicate skipped",
                                         ", %u duplicates skipped", report->duplicates),
                            report->duplicates);

  if (report->skipped->len > 0)
    g_string_append_printf (str,
                            g_dngettext (GETTEXT_PACKAGE, ", %u file skipped",
                                         ", %u files skipped", report->skipped->len),
                            report->skipped->len);

  if (report->repairs > 0)
    g_string_append_printf (str,
                            g_dngettext (GETTEXT_PACKAGE, ", %u encoding repair",
                                         ", %u encoding repairs", report->repairs),
                            report->repairs);

  return g_string_free (str, FALSE);
}

void
ce_import_options_clear (CeImportOptions *options)
{
  g_clear_pointer (&options->split_regex, g_free);
  g_clear_pointer (&options->text_field, g_free);
  g_clear_pointer (&options->title_field, g_free);
  g_clear_pointer (&options->date_field, g_free);
}
