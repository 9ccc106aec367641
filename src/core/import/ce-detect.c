/* ce-detect.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-detect"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ce-decode.h"
#include "ce-reader.h"

/* Records and lines looked at; the head is enough for a verdict */
#define MAX_CSV_RECORDS 20
#define MAX_LINES 2000

/* A dump: many lines, hardly a blank one, most of them filled up to
 * nearly the same wrap width */
#define DUMP_MIN_LINES 30
#define DUMP_MAX_BLANK_SHARE 0.10
#define DUMP_MIN_WRAP 40
#define DUMP_MAX_WRAP 160
#define DUMP_MIN_FULL_SHARE 0.6

static const struct
{
  const char *magic;
  gsize       len;
} binary_magics[] = {
  { "%PDF-", 5 },
  { "PK\x03\x04", 4 },
  { "\x1f\x8b", 2 },
  { "\x89PNG", 4 },
  { "GIF8", 4 },
  { "\xff\xd8\xff", 3 },
  { "{\\rtf", 5 },
  { "BZh", 3 },
  { "\xfd" "7zXZ", 5 },
  { "7z\xbc\xaf", 4 },
  { "SQLite format 3", 15 },
  { "\xd0\xcf\x11\xe0", 4 },
  { "\x7f" "ELF", 4 },
};

static const char * const mail_headers[] = {
  "from", "to", "subject", "date", "message-id", "received", "return-path",
  "mime-version", "content-type", "delivered-to", "reply-to", "cc", "x-mailer",
  "sender", "in-reply-to", "references", "content-transfer-encoding",
  "user-agent", "dkim-signature", "authentication-results", "list-id",
  "newsgroups", "path", "x-original-to",
};

/* Headers only mail has, unlike "Date:" or "Title:" in other files */
static const char * const telling_mail_headers[] = {
  "from", "subject", "received", "message-id", "return-path", "delivered-to",
  "mime-version",
};

static gboolean
is_binary (const char *data,
           gsize       len)
{
  gsize controls = 0;

  for (guint i = 0; i < G_N_ELEMENTS (binary_magics); i++)
    if (len >= binary_magics[i].len && memcmp (data, binary_magics[i].magic, binary_magics[i].len) == 0)
      return TRUE;

  if (memchr (data, '\0', len) != NULL)
    return TRUE;

  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar)data[i];

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7F)
        controls++;
    }

  return controls * 10 > len;
}

static gboolean
has_extension (const char         *path,
               const char * const *extensions)
{
  const char *dot;

  if (path == NULL)
    return FALSE;
  dot = strrchr (path, '.');
  if (dot == NULL || strchr (dot, '/') != NULL)
    return FALSE;

  for (guint i = 0; extensions[i] != NULL; i++)
    if (g_ascii_strcasecmp (dot + 1, extensions[i]) == 0)
      return TRUE;

  return FALSE;
}

/* The line starting at @p: its end, and where the next one starts */
static const char *
line_end (const char  *p,
          const char  *stop,
          const char **next)
{
  const char *newline = memchr (p, '\n', stop - p);
  const char *end = newline != NULL ? newline : stop;

  *next = newline != NULL ? newline + 1 : NULL;
  if (end > p && end[-1] == '\r')
    end--;
  return end;
}

static gboolean
is_blank (const char *p,
          const char *end)
{
  for (; p < end; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static gboolean
name_in (const char         *name,
         gsize               len,
         const char * const *names,
         gsize               n_names)
{
  for (gsize i = 0; i < n_names; i++)
    if (strlen (names[i]) == len && g_ascii_strncasecmp (name, names[i], len) == 0)
      return TRUE;
  return FALSE;
}

/* "Name: value": the length of the name, or 0 */
static gsize
header_name_length (const char *p,
                    const char *end)
{
  const char *q = p;

  while (q < end && (g_ascii_isalnum (*q) || *q == '-' || *q == '_'))
    q++;
  if (q == p || q >= end || *q != ':')
    return 0;
  return q - p;
}

static gboolean
looks_like_mail (const char *text,
                 const char *stop)
{
  const char *p = text;
  const char *next;
  const char *end;
  guint known = 0, telling = 0, lines = 0;

  end = line_end (p, stop, &next);
  if (end - p >= 5 && memcmp (p, "From ", 5) == 0)
    {
      /* An mbox: the "From " line, then a message's headers */
      const char *after;

      if (next == NULL)
        return FALSE;
      end = line_end (next, stop, &after);
      return header_name_length (next, end) > 0;
    }

  for (; p != NULL && p < stop; p = next)
    {
      gsize name_len;

      end = line_end (p, stop, &next);
      if (is_blank (p, end))
        break;
      if (*p == ' ' || *p == '\t')
        {
          if (lines == 0)
            return FALSE;
          continue;  /* a folded header goes on */
        }

      name_len = header_name_length (p, end);
      if (name_len == 0)
        return FALSE;
      lines++;
      if (name_in (p, name_len, mail_headers, G_N_ELEMENTS (mail_headers)))
        known++;
      if (name_in (p, name_len, telling_mail_headers, G_N_ELEMENTS (telling_mail_headers)))
        telling++;
    }

  return known >= 2 && telling >= 1;
}

/* Field counts of the first records, quotes minded, with @delimiter */
static guint
count_csv_records (const char *text,
                   const char *stop,
                   char        delimiter,
                   guint      *counts,
                   gboolean   *header_ok)
{
  guint n_records = 0;
  guint fields = 1;
  gboolean in_quotes = FALSE;
  gsize field_len = 0;
  guint field_words = 1;

  *header_ok = TRUE;

  for (const char *p = text; p < stop && n_records < MAX_CSV_RECORDS; p++)
    {
      char c = *p;

      if (c == '"')
        in_quotes = !in_quotes;
      else if (in_quotes)
        ;
      else if (c == delimiter || c == '\n')
        {
          /* A header names columns: short names of a few words */
          if (n_records == 0 && (field_len > 40 || field_words > 4))
            *header_ok = FALSE;
          field_len = 0;
          field_words = 1;

          if (c == '\n')
            {
              counts[n_records++] = fields;
              fields = 1;
            }
          else
            fields++;
          continue;
        }
      else if (c == ' ' && field_len > 0)
        field_words++;

      if (c != '\r' && c != ' ')
        field_len++;
    }

  return n_records;
}

static gboolean
looks_like_csv (const char *text,
                const char *stop)
{
  static const char delimiters[] = { ',', '\t', ';' };

  for (guint d = 0; d < G_N_ELEMENTS (delimiters); d++)
    {
      guint counts[MAX_CSV_RECORDS];
      gboolean header_ok;
      guint n = count_csv_records (text, stop, delimiters[d], counts, &header_ok);
      guint same = 0;

      if (n < 3 || !header_ok || counts[0] < 2)
        continue;

      for (guint i = 1; i < n; i++)
        if (counts[i] == counts[0])
          same++;

      if (same == n - 1)
        return TRUE;
    }

  return FALSE;
}

static int
compare_sizes (gconstpointer a,
               gconstpointer b)
{
  gsize x = *(const gsize *)a;
  gsize y = *(const gsize *)b;

  return x < y ? -1 : x > y;
}

/* Hard-wrapped lines, one after another, hardly a blank line between */
static gboolean
looks_like_dump (const char *text,
                 const char *stop)
{
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  guint blank = 0;
  gsize wrap;
  guint full = 0, longer = 0;
  const char *next;

  for (const char *p = text; p != NULL && p < stop && lengths->len < MAX_LINES; p = next)
    {
      const char *end = line_end (p, stop, &next);
      gsize chars;

      /* The head may cut the last line short */
      if (next == NULL && lengths->len > 0)
        break;

      if (is_blank (p, end))
        {
          blank++;
          continue;
        }

      chars = g_utf8_validate_len (p, end - p, NULL) ? (gsize)g_utf8_strlen (p, end - p) : (gsize)(end - p);
      g_array_append_val (lengths, chars);
    }

  if (lengths->len < DUMP_MIN_LINES || blank > lengths->len * DUMP_MAX_BLANK_SHARE)
    return FALSE;

  {
    g_autoptr(GArray) sorted = g_array_copy (lengths);

    g_array_sort (sorted, compare_sizes);
    wrap = g_array_index (sorted, gsize, sorted->len * 9 / 10);
  }

  if (wrap < DUMP_MIN_WRAP || wrap > DUMP_MAX_WRAP)
    return FALSE;

  for (guint i = 0; i < lengths->len; i++)
    {
      gsize len = g_array_index (lengths, gsize, i);

      if (len * 10 >= wrap * 7)
        full++;
      if (len > wrap + 10)
        longer++;
    }

  return full >= lengths->len * DUMP_MIN_FULL_SHARE && longer * 10 <= lengths->len;
}

static gboolean
starts_with_ci (const char *p,
                const char *stop,
                const char *prefix)
{
  gsize len = strlen (prefix);

  return (gsize)(stop - p) >= len && g_ascii_strncasecmp (p, prefix, len) == 0;
}

static gboolean
looks_like_html (const char *text,
                 const char *stop)
{
  static const char * const tags[] = {
    "<html", "<body", "<head", "<p>", "<div", "<article", "<h1", "<title", "<meta",
  };
  g_autofree char *lower = g_ascii_strdown (text, MIN (stop - text, 2048));

  if (*text != '<')
    return FALSE;
  if (g_str_has_prefix (lower, "<!doctype html") || g_str_has_prefix (lower, "<html"))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    if (strstr (lower, tags[i]) != NULL)
      return TRUE;

  return FALSE;
}

static CeFormat
detect_json (const char *text,
             const char *stop,
             const char *path)
{
  static const char * const jsonl_extensions[] = { "jsonl", "ndjson", "jsonlines", NULL };
  const char *next;
  const char *end = line_end (text, stop, &next);

  if (*text == '[')
    return CE_FORMAT_JSON;

  while (end > text && g_ascii_isspace (end[-1]))
    end--;

  if (next != NULL && end > text && end[-1] == '}')
    {
      /* Another object on the next line that is not blank */
      while (next < stop && g_ascii_isspace (*next))
        next++;
      if (next < stop && *next == '{')
        return CE_FORMAT_JSONL;
    }

  return has_extension (path, jsonl_extensions) ? CE_FORMAT_JSONL : CE_FORMAT_JSON;
}

CeFormat
ce_reader_detect_format (const char *path,
                         const char *head,
                         gsize       head_len)
{
  static const char * const jsonl_extensions[] = { "jsonl", "ndjson", "jsonlines", NULL };
  static const char * const json_extensions[] = { "json", NULL };
  static const char * const csv_extensions[] = { "csv", "tsv", NULL };
  static const char * const mail_extensions[] = { "eml", "mbox", "mbx", "msg", NULL };
  static const char * const html_extensions[] = { "html", "htm", "xhtml", NULL };
  const guchar *bytes = (const guchar *)head;
  g_autofree char *decoded = NULL;
  const char *text = head;
  const char *stop;

  if (head == NULL || head_len == 0)
    return CE_FORMAT_UNKNOWN;

  if (head_len >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
    {
      decoded = ce_decode_bytes (head, head_len, NULL, NULL);
      text = decoded;
      stop = decoded + strlen (decoded);
    }
  else
    {
      if (is_binary (head, head_len))
        return CE_FORMAT_UNKNOWN;
      stop = head + head_len;
      if (head_len >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        text += 3;
    }

  while (text < stop && g_ascii_isspace (*text))
    text++;
  if (text == stop)
    return CE_FORMAT_UNKNOWN;

  if (*text == '{' || *text == '[')
    return detect_json (text, stop, path);
  if (looks_like_html (text, stop))
    return CE_FORMAT_HTML;
  if (looks_like_mail (text, stop))
    return CE_FORMAT_EMAIL;
  if (looks_like_csv (text, stop))
    return CE_FORMAT_CSV;

  if (has_extension (path, jsonl_extensions))
    return CE_FORMAT_JSONL;
  if (has_extension (path, json_extensions))
    return CE_FORMAT_JSON;
  if (has_extension (path, csv_extensions))
    return CE_FORMAT_CSV;
  if (has_extension (path, mail_extensions))
    return CE_FORMAT_EMAIL;
  if (has_extension (path, html_extensions))
    return CE_FORMAT_HTML;
  if (starts_with_ci (text, stop, "---"))
    return CE_FORMAT_TEXT;  /* front matter */

  return looks_like_dump (text, stop) ? CE_FORMAT_DUMP : CE_FORMAT_TEXT;
}
