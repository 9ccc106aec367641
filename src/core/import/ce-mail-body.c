/* ce-mail-body.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-mail-body"

#include "config.h"

#include <string.h>

#include "ce-fields.h"
#include "ce-mail-body.h"

/* A line of the body once its quote marks are read */
typedef struct
{
  char            *text;    /* without quote marks or space-stuffing; owned */
  guint            depth;   /* '>' marks, then raised by forwarded blocks */
  CeMailBlockKind  kind;
  gboolean         starts;  /* begins a paragraph of its own */
  gboolean         ends;    /* and nothing joins after it */
} Line;

static void
line_clear (gpointer data)
{
  Line *line = data;

  g_free (line->text);
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* "> > text" and ">>text" are both two levels deep */
static guint
read_quote_marks (const char **text)
{
  const char *p = *text;
  guint depth = 0;

  for (;;)
    {
      if (*p == '>')
        {
          depth++;
          p++;
        }
      else if (*p == ' ' && p[1] == '>' && depth > 0)
        p++;
      else
        break;
    }

  *text = p;
  return depth;
}

/* The lines of @text with their quote depth; with @flowed, the soft line
 * breaks of RFC 3676 joined (only between lines of one depth). */
static GArray *
read_lines (const char *text,
            gboolean    flowed,
            gboolean    delete_space)
{
  g_auto(GStrv) raw = g_strsplit (text, "\n", -1);
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (Line));
  gboolean joining = FALSE;

  g_array_set_clear_func (lines, line_clear);

  for (guint i = 0; raw[i] != NULL; i++)
    {
      const char *p = raw[i];
      guint depth = read_quote_marks (&p);
      gsize len;
      gboolean soft;

      /* One space after the marks (or space-stuffing) is not text */
      if (*p == ' ')
        p++;
      len = strlen (p);
      if (len > 0 && p[len - 1] == '\r')
        len--;

      soft = flowed && len > 0 && p[len - 1] == ' ' && !(len == 3 && strncmp (p, "-- ", 3) == 0);
      if (soft && delete_space)
        len--;

      if (joining && lines->len > 0
          && g_array_index (lines, Line, lines->len - 1).depth == depth)
        {
          Line *last = &g_array_index (lines, Line, lines->len - 1);
          char *joined = g_strdup_printf ("%s%.*s", last->text, (int)len, p);

          g_free (last->text);
          last->text = joined;
        }
      else
        {
          Line line = { g_strndup (p, len), depth, CE_MAIL_BLOCK_TEXT, FALSE, FALSE };

          g_array_append_val (lines, line);
        }
      joining = soft;
    }

  return lines;
}

static gboolean
has_prefix_nocase (const char *text,
                   const char *prefix)
{
  return g_ascii_strncasecmp (text, prefix, strlen (prefix)) == 0;
}

/* "-----Original Message-----", "---------- Forwarded message ---------",
 * "Begin forwarded message:" and the like */
static gboolean
is_forward_marker (const char *text)
{
  g_autofree char *lower = NULL;
  const char *p = text;

  while (*p == ' ')
    p++;
  if (has_prefix_nocase (p, "Begin forwarded message:"))
    return TRUE;
  if (strncmp (p, "--", 2) != 0)
    return FALSE;

  lower = g_ascii_strdown (p, -1);
  return strstr (lower, "original message") != NULL
         || strstr (lower, "forwarded message") != NULL
         || strstr (lower, "message d'origine") != NULL
         || strstr (lower, "ursprüngliche nachricht") != NULL;
}

static gboolean
is_header_line (const char *text,
                const char *name)
{
  return has_prefix_nocase (text, name) && text[strlen (name)] == ':';
}

/* Outlook's reply header without a marker line: From, then Sent or Date,
 * To and Subject within the next few lines */
static gboolean
is_outlook_header (GArray *lines,
                   guint   i)
{
  Line *first = &g_array_index (lines, Line, i);
  gboolean sent = FALSE, subject = FALSE;

  if (!is_header_line (first->text, "From"))
    return FALSE;
  /* Not the first thing in the message: that would be headers the
   * sender pasted on purpose, not a reply's quoted original */
  if (i == 0)
    return FALSE;

  for (guint j = i + 1; j < lines->len && j <= i + 6; j++)
    {
      Line *line = &g_array_index (lines, Line, j);

      if (line->depth != first->depth)
        break;
      if (is_header_line (line->text, "Sent") || is_header_line (line->text, "Date"))
        sent = TRUE;
      else if (is_header_line (line->text, "Subject"))
        subject = TRUE;
    }

  return sent && subject;
}

/* "On Tue, 5 Jan 2021, Ben Mord wrote:", "Ben Mord <ben@…> writes:" */
static const char * const attribution_endings[] = {
  "wrote:", "writes:", "a écrit :", "a écrit:", "schrieb:",
};

static gboolean
is_attribution (const char *text)
{
  gsize len = strlen (text);

  while (len > 0 && g_ascii_isspace (text[len - 1]))
    len--;

  for (guint i = 0; i < G_N_ELEMENTS (attribution_endings); i++)
    {
      gsize n = strlen (attribution_endings[i]);

      if (len >= n && strncmp (text + len - n, attribution_endings[i], n) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The next line after @i that is not blank, or -1 */
static int
next_text_line (GArray *lines,
                guint   i)
{
  for (guint j = i + 1; j < lines->len; j++)
    if (!is_blank (g_array_index (lines, Line, j).text))
      return j;
  return -1;
}

static void
mark_structure (GArray *lines)
{
  gboolean in_signature = FALSE;
  gboolean in_headers = FALSE;

  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = &g_array_index (lines, Line, i);
      int next;

      /* The header lines under a marker are not a second header */
      if (is_blank (line->text))
        in_headers = FALSE;

      /* A forwarded or quoted original: it and all after it, one deeper */
      if (is_forward_marker (line->text) || (!in_headers && is_outlook_header (lines, i)))
        {
          guint base = line->depth;

          for (guint j = i; j < lines->len; j++)
            {
              Line *after = &g_array_index (lines, Line, j);

              if (after->depth >= base)
                after->depth++;
            }
          line->starts = TRUE;
          in_headers = TRUE;
          in_signature = FALSE;
          continue;
        }

      /* The attribution belongs to the quote it introduces, one or two
       * lines ("On Tue, 5 Jan 2021 at 10:00, Ben Mord <ben@\nexample.org>
       * wrote:") */
      next = next_text_line (lines, i);
      if (is_attribution (line->text) && next >= 0
          && g_array_index (lines, Line, next).depth > line->depth)
        {
          guint depth = g_array_index (lines, Line, next).depth;

          if (i > 0)
            {
              Line *before = &g_array_index (lines, Line, i - 1);

              if (before->depth == line->depth && has_prefix_nocase (before->text, "On ")
                  && !is_blank (before->text))
                {
                  before->depth = depth;
                  before->starts = TRUE;
                  line->starts = FALSE;
                }
              else
                line->starts = TRUE;
            }
          else
            line->starts = TRUE;
          line->depth = depth;
          line->ends = TRUE;
          in_signature = FALSE;
          continue;
        }

      /* "-- ", or "--" where a client trimmed the space */
      if (line->depth == 0 && (strcmp (line->text, "-- ") == 0 || strcmp (line->text, "--") == 0))
        {
          in_signature = TRUE;
          line->kind = CE_MAIL_BLOCK_SIGNATURE;
          continue;
        }

      /* A signature ends where quoted text begins (top-posted replies) */
      if (line->depth > 0)
        in_signature = FALSE;
      if (in_signature)
        line->kind = CE_MAIL_BLOCK_SIGNATURE;
    }
}

/* The words of one paragraph as one clean line */
static void
append_paragraph (GString    *out,
                  GString    *paragraph,
                  guint       depth)
{
  g_autofree char *clean = ce_fields_clean_line (paragraph->str);

  g_string_truncate (paragraph, 0);
  if (clean == NULL)
    return;

  if (out->len > 0)
    g_string_append (out, "\n\n");
  for (guint d = 0; d < depth; d++)
    g_string_append_c (out, '>');
  if (depth > 0)
    g_string_append_c (out, ' ');
  g_string_append (out, clean);
}

char *
ce_mail_body_structure (const char *text,
                        gboolean    flowed,
                        gboolean    delete_space)
{
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GString) out = NULL;
  g_autoptr(GString) paragraph = NULL;
  gboolean structured = FALSE;
  gboolean has_blank = FALSE;
  gboolean seen_text = FALSE;
  guint depth = 0;
  CeMailBlockKind kind = CE_MAIL_BLOCK_TEXT;

  if (text == NULL)
    return NULL;

  {
    g_autoptr(GString) unix_text = g_string_new (text);

    g_string_replace (unix_text, "\r\n", "\n", 0);
    lines = read_lines (unix_text->str, flowed, delete_space);
  }
  mark_structure (lines);

  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = &g_array_index (lines, Line, i);

      if (line->depth > 0 || line->kind != CE_MAIL_BLOCK_TEXT)
        structured = TRUE;
    }

  /* Plain new text: exactly as every other text field is read */
  if (!structured)
    {
      g_autoptr(GString) plain = g_string_new (NULL);

      for (guint i = 0; i < lines->len; i++)
        {
          g_string_append (plain, g_array_index (lines, Line, i).text);
          g_string_append_c (plain, '\n');
        }
      return ce_fields_normalize_text (plain->str);
    }

  /* Hard-wrapped text has blank lines between its paragraphs; text
   * without any has a paragraph a line (as ce_fields_normalize_text()) */
  for (guint i = 0; i < lines->len && !has_blank; i++)
    {
      Line *line = &g_array_index (lines, Line, i);

      if (is_blank (line->text))
        has_blank = seen_text;
      else
        seen_text = TRUE;
    }

  out = g_string_new (NULL);
  paragraph = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = &g_array_index (lines, Line, i);
      gboolean blank = is_blank (line->text);

      if (line->kind == CE_MAIL_BLOCK_SIGNATURE)
        {
          if (kind != CE_MAIL_BLOCK_SIGNATURE)
            {
              append_paragraph (out, paragraph, depth);
              if (out->len > 0)
                g_string_append (out, "\n\n");
              g_string_append (out, "-- ");
              kind = CE_MAIL_BLOCK_SIGNATURE;
              depth = 0;
              /* A signature starts at its separator line (mark_structure),
               * which the mark replaces */
              continue;
            }
          if (!blank)
            {
              g_autofree char *clean = ce_fields_clean_line (line->text);

              g_string_append_c (out, '\n');
              g_string_append (out, clean);
            }
          continue;
        }

      if (kind == CE_MAIL_BLOCK_SIGNATURE)
        kind = CE_MAIL_BLOCK_TEXT;

      if (blank)
        {
          append_paragraph (out, paragraph, depth);
          continue;
        }

      if (line->depth != depth || line->starts)
        {
          append_paragraph (out, paragraph, depth);
          depth = line->depth;
        }

      if (paragraph->len > 0)
        {
          /* Hard-wrapped new text joins into paragraphs; quoted text is
           * always hard-wrapped by the quoting */
          if (has_blank || depth > 0)
            g_string_append_c (paragraph, ' ');
          else
            append_paragraph (out, paragraph, depth);
        }
      g_string_append (paragraph, line->text);
      if (line->ends)
        append_paragraph (out, paragraph, depth);
    }
  append_paragraph (out, paragraph, depth);

  /* A signature mark with nothing after it says nothing */
  if (strcmp (out->str, "-- ") == 0 || g_str_has_suffix (out->str, "\n\n-- "))
    g_string_truncate (out, out->len - 3);
  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);

  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}
