/* ce-line-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-line-reader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-decode.h"
#include "ce-line-reader.h"

#define CHUNK_SIZE (256 * 1024)

typedef enum
{
  ENCODING_UNKNOWN,  /* nothing read yet */
  ENCODING_BYTES,    /* UTF-8, or 8-bit text decoded line by line */
  ENCODING_UTF16LE,
  ENCODING_UTF16BE,
} Encoding;

struct _CeLineReader
{
  GInputStream  *stream;
  CeReadContext *ctx;

  /* buf[start, end) is read but not yet returned (UTF-16 already decoded);
   * there is no '\n' in buf[start, scan).  One byte more than size is
   * allocated so that a last line without "\n" can be NUL-terminated. */
  char          *buf;
  gsize          size;
  gsize          start;
  gsize          scan;
  gsize          end;
  gboolean       eof;

  Encoding       encoding;
  guchar        *raw;       /* UTF-16 bytes not yet decoded */
  gsize          raw_len;
  gsize          raw_size;
  GString       *decoded;

  GString       *repaired;  /* the current line, decoded as Windows-1252 */
  gboolean       warned;

  guint          line_number;
  guint64        offset;
  guint64        next_offset;
  gboolean       skipping;  /* in a line too long to keep */
};

CeLineReader *
ce_line_reader_new (GInputStream  *stream,
                    CeReadContext *ctx)
{
  CeLineReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self = g_new0 (CeLineReader, 1);
  self->stream = g_object_ref (stream);
  self->ctx = ctx;
  self->size = CHUNK_SIZE;
  self->buf = g_malloc (self->size + 1);

  return self;
}

void
ce_line_reader_free (CeLineReader *self)
{
  if (self == NULL)
    return;

  g_object_unref (self->stream);
  g_free (self->buf);
  g_free (self->raw);
  if (self->decoded != NULL)
    g_string_free (self->decoded, TRUE);
  if (self->repaired != NULL)
    g_string_free (self->repaired, TRUE);
  g_free (self);
}

static GCancellable *
get_cancellable (CeLineReader *self)
{
  return self->ctx != NULL ? self->ctx->cancellable : NULL;
}

/* Makes room for at least @needed more bytes after end.  Pending bytes
 * move to the front first, so the buffer grows only for lines longer
 * than it, and then doubles: copying stays linear in the line length. */
static void
reserve (CeLineReader *self,
         gsize         needed)
{
  if (self->start > 0)
    {
      memmove (self->buf, self->buf + self->start, self->end - self->start);
      self->end -= self->start;
      self->scan -= self->start;
      self->start = 0;
    }

  if (self->size - self->end < needed)
    {
      gsize size = self->size;

      while (size - self->end < needed)
        size *= 2;
      self->buf = g_realloc (self->buf, size + 1);
      self->size = size;
    }
}

static gboolean
fill_utf16 (CeLineReader  *self,
            GError       **error)
{
  gboolean at_end = FALSE;
  gssize n;
  gsize used;

  if (self->raw_size - self->raw_len < CHUNK_SIZE)
    {
      self->raw_size = self->raw_len + CHUNK_SIZE;
      self->raw = g_realloc (self->raw, self->raw_size);
    }

  n = g_input_stream_read (self->stream, self->raw + self->raw_len, CHUNK_SIZE,
                           get_cancellable (self), error);
  if (n < 0)
    return FALSE;
  if (n == 0)
    at_end = TRUE;
  self->raw_len += n;

  if (self->decoded == NULL)
    self->decoded = g_string_sized_new (CHUNK_SIZE * 3 / 2);
  g_string_truncate (self->decoded, 0);

  used = ce_decode_append_utf16 (self->decoded, self->raw, self->raw_len,
                                 self->encoding == ENCODING_UTF16BE, at_end,
                                 self->ctx != NULL ? &self->ctx->repairs : NULL);
  memmove (self->raw, self->raw + used, self->raw_len - used);
  self->raw_len -= used;

  reserve (self, self->decoded->len);
  memcpy (self->buf + self->end, self->decoded->str, self->decoded->len);
  self->end += self->decoded->len;
  self->eof = at_end;

  return TRUE;
}

/* Looks at the first bytes for a byte order mark */
static void
sniff_encoding (CeLineReader *self)
{
  const guchar *b = (const guchar *)self->buf;
  gsize len = self->end;

  self->encoding = ENCODING_BYTES;

  if (len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
    {
      self->start = self->scan = 3;
      self->next_offset = 3;
    }
  else if (len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
    {
      self->encoding = b[0] == 0xFF ? ENCODING_UTF16LE : ENCODING_UTF16BE;
      self->raw_size = len - 2 + CHUNK_SIZE;
      self->raw = g_malloc (self->raw_size);
      memcpy (self->raw, b + 2, len - 2);
      self->raw_len = len - 2;
      self->start = self->scan = self->end = 0;
      self->next_offset = 2;
    }
}

static gboolean
fill (CeLineReader  *self,
      GError       **error)
{
  if (self->encoding == ENCODING_UTF16LE || self->encoding == ENCODING_UTF16BE)
    return fill_utf16 (self, error);

  reserve (self, CHUNK_SIZE / 2);

  do
    {
      gssize n = g_input_stream_read (self->stream, self->buf + self->end,
                                      self->size - self->end,
                                      get_cancellable (self), error);
      if (n < 0)
        return FALSE;
      if (n == 0)
        self->eof = TRUE;
      self->end += n;
    }
  /* A byte order mark needs its first bytes together */
  while (self->encoding == ENCODING_UNKNOWN && !self->eof && self->end < 4);

  if (self->encoding == ENCODING_UNKNOWN)
    {
      sniff_encoding (self);
      if (self->encoding != ENCODING_BYTES)
        {
          /* The bytes read so far wait in raw; reading on at the end of
           * the stream just returns nothing and flushes them */
          self->eof = FALSE;
          return fill_utf16 (self, error);
        }
    }

  return TRUE;
}

/* UTF-16 code units in UTF-8 text: one per character, two above U+FFFF */
static guint64
count_utf16_units (const char *text,
                   gsize       len)
{
  guint64 units = 0;

  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar)text[i];

      if ((c & 0xC0) != 0x80)
        units++;
      if (c >= 0xF0)
        units++;
    }

  return units;
}

/* Drops buf[start, @upto) of a line being skipped */
static void
skip_bytes (CeLineReader *self,
            gsize         upto)
{
  if (self->encoding == ENCODING_BYTES)
    self->next_offset += upto - self->start;
  else
    self->next_offset += 2 * count_utf16_units (self->buf + self->start, upto - self->start);
  self->start = self->scan = upto;
}

/* The line being skipped has ended */
static void
end_skip (CeLineReader *self)
{
  g_autofree char *limit = g_format_size (CE_MAX_DOCUMENT_BYTES);

  self->skipping = FALSE;
  self->line_number++;
  if (self->ctx != NULL)
    ce_read_context_warn (self->ctx, self->line_number,
                          _("the line is longer than %s, more than one document may hold; skipped"),
                          limit);
}

const char *
ce_line_reader_next (CeLineReader  *self,
                     gsize         *len,
                     GError       **error)
{
  gsize line_end;
  gsize consumed;
  char *line;
  gsize n;

  g_return_val_if_fail (self != NULL, NULL);

  if (len != NULL)
    *len = 0;

  for (;;)
    {
      char *newline = memchr (self->buf + self->scan, '\n', self->end - self->scan);

      /* The whole of a line too long may have come in one read */
      if (newline != NULL && !self->skipping &&
          (gsize)(newline - self->buf) - self->start > CE_MAX_DOCUMENT_BYTES)
        self->skipping = TRUE;
      if (newline != NULL && self->skipping)
        {
          skip_bytes (self, newline + 1 - self->buf);
          end_skip (self);
          continue;
        }
      if (newline != NULL)
        {
          line_end = newline - self->buf;
          consumed = line_end + 1;
          break;
        }
      self->scan = self->end;

      if (self->eof)
        {
          if (self->end - self->start > CE_MAX_DOCUMENT_BYTES)
            self->skipping = TRUE;
          if (self->skipping)
            {
              skip_bytes (self, self->end);
              end_skip (self);
            }
          if (self->start == self->end)
            return NULL;
          line_end = consumed = self->end;
          break;
        }

      /* A line too long to keep: what is read of it is dropped, so the
       * buffer never grows past the limit */
      if (self->skipping || self->end - self->start > CE_MAX_DOCUMENT_BYTES)
        {
          self->skipping = TRUE;
          skip_bytes (self, self->end);
        }

      if (!fill (self, error))
        return NULL;
    }

  line = self->buf + self->start;
  n = line_end - self->start;

  self->offset = self->next_offset;
  if (self->encoding == ENCODING_BYTES)
    self->next_offset += consumed - self->start;
  else
    self->next_offset += 2 * count_utf16_units (line, consumed - self->start);

  self->start = self->scan = consumed;
  self->line_number++;

  if (n > 0 && line[n - 1] == '\r')
    n--;
  line[n] = '\0';

  if (!g_utf8_validate_len (line, n, NULL))
    {
      guint repairs;

      if (self->repaired == NULL)
        self->repaired = g_string_sized_new (n * 2 + 1);
      g_string_truncate (self->repaired, 0);
      repairs = ce_decode_append_fallback (self->repaired, line, n);

      if (self->ctx != NULL)
        {
          self->ctx->repairs += repairs;
          if (!self->warned)
            ce_read_context_warn (self->ctx, self->line_number,
                                  _("not valid UTF-8, read as Windows-1252 (Latin-1)"));
        }
      self->warned = TRUE;

      line = self->repaired->str;
      n = self->repaired->len;
    }

  if (len != NULL)
    *len = n;

  return line;
}

guint
ce_line_reader_get_line_number (CeLineReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->line_number;
}

guint64
ce_line_reader_get_offset (CeLineReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->offset;
}
