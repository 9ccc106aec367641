/* ce-import-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-importer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-importer-private.h"
#include "ce-reader.h"

/* The small types of an import: format names, the warnings readers
 * report, the report of an import and its options. */

/* The names of formats are the nicks of CE_TYPE_FORMAT */
const char *
ce_format_to_string (CeFormat format)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (CE_TYPE_FORMAT);
  GEnumValue *value = g_enum_get_value (klass, format);

  /* Nicks live as long as the type, which is static */
  return value != NULL ? value->value_nick : "unknown";
}

/**
 * ce_format_from_string:
 *
 * Returns: the format named @name, or %CE_FORMAT_UNKNOWN
 */
CeFormat
ce_format_from_string (const char *name)
{
  g_autoptr(GEnumClass) klass = NULL;
  g_autofree char *lower = NULL;
  GEnumValue *value;

  if (name == NULL)
    return CE_FORMAT_UNKNOWN;

  klass = g_type_class_ref (CE_TYPE_FORMAT);
  lower = g_ascii_strdown (name, -1);
  value = g_enum_get_value_by_nick (klass, lower);

  return value != NULL ? (CeFormat)value->value : CE_FORMAT_UNKNOWN;
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

G_DEFINE_BOXED_TYPE (CeImportReport, ce_import_report, ce_import_report_copy, ce_import_report_free)

CeImportReport *
_ce_import_report_new (void)
{
  CeImportReport *report = g_new0 (CeImportReport, 1);

  report->skipped = g_ptr_array_new_with_free_func (g_free);
  report->warnings = g_ptr_array_new_with_free_func (g_free);
  report->tokenizer = CE_TOKENIZER_DEFAULT;
  report->copies_of = g_ptr_array_new_with_free_func (g_free);

  return report;
}

static GPtrArray *
copy_strings (GPtrArray *strings)
{
  if (strings == NULL)
    return NULL;

  return g_ptr_array_copy (strings, (GCopyFunc)g_strdup, NULL);
}

/**
 * ce_import_report_copy:
 *
 * Returns: (transfer full): a copy of @report, its lists of messages
 *   copied too
 */
CeImportReport *
ce_import_report_copy (const CeImportReport *report)
{
  CeImportReport *copy;

  g_return_val_if_fail (report != NULL, NULL);

  copy = g_memdup2 (report, sizeof *report);
  copy->copies_of = copy_strings (report->copies_of);
  copy->skipped = copy_strings (report->skipped);
  copy->warnings = copy_strings (report->warnings);

  return copy;
}

void
ce_import_report_free (CeImportReport *report)
{
  if (report == NULL)
    return;

  g_clear_pointer (&report->skipped, g_ptr_array_unref);
  g_clear_pointer (&report->warnings, g_ptr_array_unref);
  g_clear_pointer (&report->copies_of, g_ptr_array_unref);
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
                          /* Translators: the summary of an import is this
                           * sentence and the parts that follow it, each
                           * translated on its own: " from N files",
                           * ", N duplicates skipped", ", N copies of stored
                           * articles skipped", ", N documents grouped with
                           * their copies", ", N files skipped",
                           * ", N encoding repairs" */
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

  if (report->copies > 0)
    g_string_append_printf (str,
                            g_dngettext (GETTEXT_PACKAGE, ", %u copy of a stored article skipped",
                                         ", %u copies of stored articles skipped", report->copies),
                            report->copies);

  if (report->grouped > 0)
    g_string_append_printf (str,
                            g_dngettext (GETTEXT_PACKAGE, ", %u document grouped with its copies",
                                         ", %u documents grouped with their copies", report->grouped),
                            report->grouped);

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
