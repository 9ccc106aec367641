/* ce-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-csv"

#include "config.h"

#include <string.h>

#include "ce-csv.h"

static void
separate (GString *out)
{
  if (out->len > 0 && out->str[out->len - 1] != '\n')
    g_string_append_c (out, ',');
}

void
ce_csv_append_field (GString    *out,
                     const char *text)
{
  g_return_if_fail (out != NULL);

  separate (out);
  if (text == NULL)
    return;

  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != 0; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Numbers are written in the C locale, with enough digits to read back */
void
ce_csv_append_number (GString *out,
                      double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  separate (out);
  g_ascii_formatd (buffer, sizeof buffer, "%.6g", value);
  g_string_append (out, buffer);
}

void
ce_csv_append_int (GString *out,
                   gint64   value)
{
  separate (out);
  g_string_append_printf (out, "%" G_GINT64_FORMAT, value);
}

void
ce_csv_end_row (GString *out)
{
  g_string_append (out, "\r\n");
}

void
ce_text_append_padded (GString    *out,
                       const char *text,
                       guint       width,
                       gboolean    right_align)
{
  glong n_chars = g_utf8_strlen (text != NULL ? text : "", -1);
  guint pad = n_chars < (glong)width ? width - (guint)n_chars : 0;

  if (right_align)
    for (guint i = 0; i < pad; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, text != NULL ? text : "");
  if (!right_align)
    for (guint i = 0; i < pad; i++)
      g_string_append_c (out, ' ');
}
