/* ce-decode.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-decode"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-decode.h"

#define REPLACEMENT 0xFFFD

/* Windows-1252 0x80..0x9F; 0 marks the bytes it leaves unassigned.
 * The rest of the range is Latin-1, i.e. the code point itself. */
static const gunichar cp1252_high[32] = {
  0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
  0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

static gunichar
cp1252_to_unichar (guchar byte)
{
  if (byte == 0)
    return REPLACEMENT;
  if (byte >= 0x80 && byte < 0xA0)
    return cp1252_high[byte - 0x80] ? cp1252_high[byte - 0x80] : REPLACEMENT;
  return byte;
}

guint
ce_decode_append_fallback (GString    *out,
                           const char *data,
                           gsize       len)
{
  const char *p = data;
  const char *stop = data + len;
  guint repairs = 0;

  g_return_val_if_fail (out != NULL, 0);
  g_return_val_if_fail (data != NULL || len == 0, 0);

  while (p < stop)
    {
      const char *valid_end;

      g_utf8_validate_len (p, stop - p, &valid_end);
      g_string_append_len (out, p, valid_end - p);
      p = valid_end;

      if (p < stop)
        {
          g_string_append_unichar (out, cp1252_to_unichar ((guchar)*p));
          repairs++;
          p++;
        }
    }

  return repairs;
}

static gunichar
read_unit (const guchar *data,
           gboolean      big_endian)
{
  if (big_endian)
    return ((gunichar)data[0] << 8) | data[1];
  return ((gunichar)data[1] << 8) | data[0];
}

gsize
ce_decode_append_utf16 (GString      *out,
                        const guchar *data,
                        gsize         len,
                        gboolean      big_endian,
                        gboolean      at_end,
                        guint        *repairs)
{
  guint bad = 0;
  gsize i = 0;

  g_return_val_if_fail (out != NULL, 0);
  g_return_val_if_fail (data != NULL || len == 0, 0);

  while (i + 1 < len)
    {
      gunichar unit = read_unit (data + i, big_endian);

      if (unit >= 0xD800 && unit < 0xDC00)
        {
          gunichar low;

          if (i + 3 >= len)
            {
              if (!at_end)
                break;
              g_string_append_unichar (out, REPLACEMENT);
              bad++;
              i += 2;
              continue;
            }

          low = read_unit (data + i + 2, big_endian);
          if (low >= 0xDC00 && low < 0xE000)
            {
              g_string_append_unichar (out, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
              i += 4;
            }
          else
            {
              g_string_append_unichar (out, REPLACEMENT);
              bad++;
              i += 2;
            }
          continue;
        }

      if ((unit >= 0xDC00 && unit < 0xE000) || unit == 0)
        {
          g_string_append_unichar (out, REPLACEMENT);
          bad++;
        }
      else if (unit < 0x80)
        g_string_append_c (out, (char)unit);
      else
        g_string_append_unichar (out, unit);
      i += 2;
    }

  if (at_end && i < len)
    {
      g_string_append_unichar (out, REPLACEMENT);
      bad++;
      i = len;
    }

  if (repairs != NULL)
    *repairs += bad;

  return i;
}

typedef enum
{
  CHARSET_OTHER,   /* for iconv */
  CHARSET_UTF8,    /* UTF-8 or ASCII: other bytes are errors */
  CHARSET_LATIN,   /* Latin-1 or Windows-1252: other bytes are as declared */
} CharsetKind;

/* Charsets the forgiving path reads at least as well as iconv would:
 * mislabelled UTF-8 is common in mail and on the web, and Windows-1252 is
 * what "Latin-1" and "ASCII" mean in practice. */
static CharsetKind
classify_charset (const char *charset)
{
  static const char * const utf8_names[] = {
    "utf8", "ascii", "usascii", "ansix3.41968", "us",
  };
  static const char * const latin_names[] = {
    "iso88591", "iso885911987", "latin1", "l1", "cp819", "ibm819",
    "windows1252", "cp1252", "xcp1252",
  };
  g_autoptr(GString) norm = g_string_new (NULL);

  for (const char *p = charset; *p != '\0'; p++)
    {
      if (*p == '-' || *p == '_' || *p == ' ')
        continue;
      g_string_append_c (norm, g_ascii_tolower (*p));
    }

  for (guint i = 0; i < G_N_ELEMENTS (utf8_names); i++)
    if (strcmp (norm->str, utf8_names[i]) == 0)
      return CHARSET_UTF8;
  for (guint i = 0; i < G_N_ELEMENTS (latin_names); i++)
    if (strcmp (norm->str, latin_names[i]) == 0)
      return CHARSET_LATIN;

  return CHARSET_OTHER;
}

static void
append_with_iconv (GString    *out,
                   GIConv      cd,
                   const char *data,
                   gsize       len,
                   guint      *repairs)
{
  char buffer[8192];
  char *inbuf = (char *)data;
  gsize inleft = len;
  char *outbuf;
  gsize outleft;

  while (inleft > 0)
    {
      gsize r;

      outbuf = buffer;
      outleft = sizeof buffer;
      r = g_iconv (cd, &inbuf, &inleft, &outbuf, &outleft);
      g_string_append_len (out, buffer, outbuf - buffer);

      if (r == (gsize)-1 && errno != E2BIG)
        {
          /* EILSEQ, or EINVAL for a sequence cut off at the end: skip one
           * byte and start afresh from a known state */
          g_string_append_unichar (out, REPLACEMENT);
          (*repairs)++;
          inbuf++;
          inleft--;
          g_iconv (cd, NULL, NULL, NULL, NULL);
        }
    }

  outbuf = buffer;
  outleft = sizeof buffer;
  g_iconv (cd, NULL, NULL, &outbuf, &outleft);
  g_string_append_len (out, buffer, outbuf - buffer);
}

char *
ce_decode_bytes (const char *data,
                 gsize       len,
                 const char *declared_charset,
                 guint      *repairs)
{
  const guchar *bytes = (const guchar *)data;
  GString *out;
  guint bad = 0;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  out = g_string_sized_new (len + 1);

  if (len >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
    {
      ce_decode_append_utf16 (out, bytes + 2, len - 2, bytes[0] == 0xFE, TRUE, &bad);
      /* The decoded text can only be invalid where NUL was replaced */
    }
  else if (len >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
    {
      bad += ce_decode_append_fallback (out, data + 3, len - 3);
    }
  else
    {
      CharsetKind kind = CHARSET_UTF8;
      GIConv cd = (GIConv)-1;

      if (declared_charset != NULL && *declared_charset != '\0')
        kind = classify_charset (declared_charset);
      if (kind == CHARSET_OTHER)
        cd = g_iconv_open ("UTF-8", declared_charset);

      if (cd != (GIConv)-1)
        {
          g_autoptr(GString) converted = g_string_sized_new (len + len / 2 + 1);

          append_with_iconv (converted, cd, data, len, &bad);
          g_iconv_close (cd);
          /* iconv passes NUL through; the fallback turns it into U+FFFD */
          bad += ce_decode_append_fallback (out, converted->str, converted->len);
        }
      else if (kind == CHARSET_LATIN)
        ce_decode_append_fallback (out, data, len);  /* as declared: no repair */
      else
        bad += ce_decode_append_fallback (out, data, len);
    }

  if (repairs != NULL)
    *repairs += bad;

  return g_string_free (out, FALSE);
}

GBytes *
ce_decode_read_all (GInputStream  *stream,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GByteArray) array = g_byte_array_new ();
  gsize chunk = 64 * 1024;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  for (;;)
    {
      gssize n;
      guint old_len = array->len;

      if ((gsize)G_MAXUINT - old_len < chunk)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                               _("The file is too large to read at once"));
          return NULL;
        }

      g_byte_array_set_size (array, old_len + chunk);
      n = g_input_stream_read (stream, array->data + old_len, chunk, cancellable, error);
      if (n < 0)
        return NULL;

      g_byte_array_set_size (array, old_len + n);
      if (n == 0)
        break;

      /* Bigger reads as the file proves big, so that copying stays linear */
      if (chunk < 16 * 1024 * 1024 && array->len >= chunk * 4)
        chunk *= 2;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&array));
}
