/* ce-mail-marks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-mail-marks"

#include "config.h"

#include <string.h>

#include "ce-mail-marks.h"

CeMailBlockKind
ce_mail_paragraph_kind (const char *paragraph,
                        gsize       len,
                        guint      *depth,
                        gsize      *content_offset)
{
  gsize n = 0;

  if (depth != NULL)
    *depth = 0;
  if (content_offset != NULL)
    *content_offset = 0;

  if (len >= 4 && strncmp (paragraph, CE_MAIL_SIGNATURE_MARK, 4) == 0)
    {
      if (content_offset != NULL)
        *content_offset = 4;
      return CE_MAIL_BLOCK_SIGNATURE;
    }

  while (n < len && paragraph[n] == '>')
    n++;
  if (n == 0 || n >= len || paragraph[n] != ' ')
    return CE_MAIL_BLOCK_TEXT;

  if (depth != NULL)
    *depth = n;
  if (content_offset != NULL)
    *content_offset = n + 1;
  return CE_MAIL_BLOCK_QUOTE;
}

/* The paragraph of @body at *@pos (paragraphs are separated by "\n\n"),
 * and *@pos moved past it */
static CeMailBlockKind
next_paragraph (const char  *body,
                gsize        len,
                gsize       *pos,
                gsize       *start,
                gsize       *end)
{
  const char *separator;

  *start = *pos;
  separator = g_strstr_len (body + *pos, len - *pos, "\n\n");
  *end = separator != NULL ? (gsize)(separator - body) : len;
  *pos = separator != NULL ? *end + 2 : len;

  return ce_mail_paragraph_kind (body + *start, *end - *start, NULL, NULL);
}

gboolean
ce_mail_body_has_quotes (const char *body,
                         gsize       len)
{
  gsize pos = 0, start, end;

  if (body == NULL)
    return FALSE;

  /* Cheap for the usual body: no '>' or "-- " at a paragraph start */
  while (pos < len)
    if (next_paragraph (body, len, &pos, &start, &end) != CE_MAIL_BLOCK_TEXT)
      return TRUE;

  return FALSE;
}

char *
ce_mail_body_mask (const char *body,
                   gsize       len,
                   gboolean    quoted)
{
  char *masked;
  gsize pos = 0, start, end;

  if (body == NULL)
    return NULL;

  masked = g_strndup (body, len);
  while (pos < len)
    {
      CeMailBlockKind kind = next_paragraph (body, len, &pos, &start, &end);
      gboolean is_quoted = kind != CE_MAIL_BLOCK_TEXT;

      if (is_quoted != quoted)
        memset (masked + start, ' ', end - start);
    }

  return masked;
}
