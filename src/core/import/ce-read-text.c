/* ce-read-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-read-text"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-date.h"
#include "ce-fields.h"
#include "ce-line-reader.h"
#include "ce-reader.h"

/* Front matter longer than this is taken for ordinary text */
#define MAX_FRONT_MATTER_LINES 200

/* A first line up to this long, standing alone, is the title */
#define MAX_TITLE_LENGTH 120

/* Without blank lines, a line this long means the file is not hard
 * wrapped, so each line is a paragraph */
#define UNWRAPPED_LINE_LENGTH 200

typedef struct
{
  char     *text;     /* its lines, separated by '\n' */
  gboolean  heading;
  guint     n_lines;
} Paragraph;

typedef struct
{
  CeReadContext *ctx;
  CeDraft       *draft;

  GPtrArray     *paragraphs;  /* Paragraph */
  GString       *current;
  guint          current_lines;
  gboolean       seen_blank;  /* a blank line between two paragraphs */
  gsize          longest_line;

  char          *first_heading;
  gboolean       first_heading_leads;  /* nothing came before it */

  char          *list_key;    /* front matter key awaiting "- item" lines */
  GString       *list;
} TextRead;

static void
paragraph_free (Paragraph *paragraph)
{
  g_free (paragraph->text);
  g_free (paragraph);
}

static void
end_paragraph (TextRead *read)
{
  Paragraph *paragraph;

  if (read->current->len == 0)
    return;

  paragraph = g_new0 (Paragraph, 1);
  paragraph->text = g_strndup (read->current->str, read->current->len);
  paragraph->n_lines = read->current_lines;
  g_ptr_array_add (read->paragraphs, paragraph);

  g_string_truncate (read->current, 0);
  read->current_lines = 0;
}

static void
add_heading (TextRead   *read,
             const char *text)
{
  g_autofree char *clean = ce_fields_clean_line (text);
  Paragraph *paragraph;

  end_paragraph (read);
  if (clean == NULL)
    return;

  if (read->first_heading == NULL)
    {
      read->first_heading = g_strdup (clean);
      read->first_heading_leads = read->paragraphs->len == 0;
      if (read->first_heading_leads)
        return;
    }

  paragraph = g_new0 (Paragraph, 1);
  paragraph->text = g_steal_pointer (&clean);
  paragraph->heading = TRUE;
  paragraph->n_lines = 1;
  g_ptr_array_add (read->paragraphs, paragraph);
}

/* "## Heading ##" -> "Heading"; NULL when @line is no ATX heading */
static const char *
atx_heading (const char *line,
             gsize      *len)
{
  const char *p = line;
  const char *end;
  int level = 0;

  while (*p == ' ' && p - line < 3)
    p++;
  while (*p == '#')
    {
      p++;
      level++;
    }
  if (level == 0 || level > 6 || (*p != ' ' && *p != '\t' && *p != '\0'))
    return NULL;

  while (*p == ' ' || *p == '\t')
    p++;
  end = p + strlen (p);
  while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
    end--;
  while (end > p && end[-1] == '#')
    end--;

  *len = end - p;
  return p;
}

/* A line of only '=' or only '-' (at least three): a setext underline */
static gboolean
is_rule (const char *line,
         char        c)
{
  gsize n = 0;

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == c)
        n++;
      else if (*p != ' ' && *p != '\t')
        return FALSE;
    }

  return n >= 3;
}

static gboolean
is_list_item (const char *line)
{
  const char *p = line;

  while (*p == ' ' || *p == '\t')
    p++;
  if ((*p == '-' || *p == '*' || *p == '+') && (p[1] == ' ' || p[1] == '\t'))
    return TRUE;
  while (g_ascii_isdigit (*p))
    p++;
  return p > line && g_ascii_isdigit (p[-1]) && (*p == '.' || *p == ')') &&
         (p[1] == ' ' || p[1] == '\t');
}

static gboolean
is_blank (const char *line)
{
  for (const char *p = line; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static void
add_body_line (TextRead   *read,
               const char *line,
               gsize       len)
{
  const char *heading;
  gsize heading_len;

  if (is_blank (line))
    {
      if (read->current->len > 0 || read->paragraphs->len > 0)
        read->seen_blank = TRUE;
      end_paragraph (read);
      return;
    }

  read->longest_line = MAX (read->longest_line, len);

  heading = atx_heading (line, &heading_len);
  if (heading != NULL)
    {
      g_autofree char *text = g_strndup (heading, heading_len);

      add_heading (read, text);
      return;
    }

  if (is_rule (line, '=') || is_rule (line, '-'))
    {
      if (read->current_lines == 1)
        {
          g_autofree char *text = g_strdup (read->current->str);

          g_string_truncate (read->current, 0);
          read->current_lines = 0;
          add_heading (read, text);
        }
      else
        end_paragraph (read);
      return;
    }

  if (is_list_item (line))
    end_paragraph (read);

  if (read->current->len > 0)
    g_string_append_c (read->current, '\n');
  g_string_append_len (read->current, line, len);
  read->current_lines++;
}

static char *
unquote (const char *value)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (value));
  gsize len = strlen (trimmed);

  if (len >= 2 && ((trimmed[0] == '"' && trimmed[len - 1] == '"') ||
                   (trimmed[0] == '\'' && trimmed[len - 1] == '\'')))
    return g_strndup (trimmed + 1, len - 2);

  return g_steal_pointer (&trimmed);
}

/* "[a, b, "c"]" -> "a, b, c" */
static char *
flatten_list (const char *value)
{
  g_autofree char *inner = g_strndup (value + 1, strlen (value) - 2);
  g_auto(GStrv) items = g_strsplit (inner, ",", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autofree char *item = unquote (items[i]);

      if (*item == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, item);
    }

  return g_string_free (out, FALSE);
}

static void
set_front_matter (TextRead   *read,
                  const char *key,
                  const char *raw_value,
                  guint       line)
{
  CeDraft *draft = read->draft;
  g_autofree char *value = unquote (raw_value);
  g_autofree char *lower = g_ascii_strdown (key, -1);
  char **slot = NULL;
  CeFieldRole role;

  if (value[0] == '[' && value[strlen (value) - 1] == ']')
    {
      char *flat = flatten_list (value);

      g_free (value);
      value = flat;
    }

  if (*value == '\0')
    return;

  if (strcmp (lower, "tags") == 0 || strcmp (lower, "keywords") == 0 ||
      strcmp (lower, "categories") == 0)
    {
      ce_draft_add_meta (draft, lower, value);
      return;
    }

  role = ce_fields_role (key, NULL, NULL);
  switch (role)
    {
    case CE_FIELD_TITLE:
      slot = &draft->title;
      break;
    case CE_FIELD_AUTHOR:
      slot = &draft->author;
      break;
    case CE_FIELD_SOURCE:
      slot = &draft->source;
      break;
    case CE_FIELD_SECTION:
      slot = &draft->section;
      break;
    case CE_FIELD_URL:
      slot = &draft->url;
      break;
    case CE_FIELD_PLACE:
      slot = &draft->place;
      break;
    case CE_FIELD_DATE:
    case CE_FIELD_YEAR:
      if (draft->date == NULL)
        {
          draft->date = ce_date_parse (value);
          if (draft->date != NULL)
            return;
          ce_read_context_warn (read->ctx, line, _("\"%s\" is not a date I can read"), value);
        }
      break;
    case CE_FIELD_TEXT:
    case CE_FIELD_META:
    default:
      break;
    }

  if (slot != NULL && *slot == NULL)
    *slot = ce_fields_clean_line (value);
  else
    ce_draft_add_meta (draft, key, value);
}

static void
end_front_matter_list (TextRead *read,
                       guint     line)
{
  if (read->list_key != NULL && read->list->len > 0)
    set_front_matter (read, read->list_key, read->list->str, line);
  g_clear_pointer (&read->list_key, g_free);
  g_string_truncate (read->list, 0);
}

/* One "key: value" line, or a "- item" of a list */
static void
add_front_matter_line (TextRead   *read,
                       const char *line,
                       guint       line_number)
{
  const char *colon;
  const char *p = line;
  g_autofree char *key = NULL;

  while (*p == ' ' || *p == '\t')
    p++;

  if (read->list_key != NULL && *p == '-' && (p[1] == ' ' || p[1] == '\0'))
    {
      g_autofree char *item = unquote (p + 1);

      if (*item != '\0')
        {
          if (read->list->len > 0)
            g_string_append (read->list, ", ");
          g_string_append (read->list, item);
        }
      return;
    }

  end_front_matter_list (read, line_number);

  colon = strchr (line, ':');
  if (colon == NULL || *p == '#')
    return;

  key = g_strstrip (g_strndup (line, colon - line));
  if (*key == '\0')
    return;

  if (is_blank (colon + 1))
    read->list_key = g_steal_pointer (&key);
  else
    set_front_matter (read, key, colon + 1, line_number);
}

/* "2021-03-04-harbour_reopens.md" -> "harbour reopens" */
static char *
title_from_filename (const char *path)
{
  g_autofree char *raw_base = g_path_get_basename (path);
  /* File names need not be UTF-8 */
  g_autofree char *base = g_utf8_make_valid (raw_base, -1);
  g_autofree char *date = ce_date_from_filename (base);
  char *dot = strrchr (base, '.');
  char *p = base;

  if (dot != NULL && dot != base)
    *dot = '\0';

  if (date != NULL && g_str_has_prefix (base, date))
    p += strlen (date);
  else if (date != NULL && strlen (date) == 10 && strlen (base) >= 8 &&
           memcmp (base, date, 4) == 0 && g_ascii_isdigit (base[4]))
    p += 8;  /* "20210304" */
  while (*p == '-' || *p == '_' || *p == ' ' || *p == '.')
    p++;
  if (*p == '\0')
    p = base;

  for (char *q = p; *q != '\0'; q++)
    if (*q == '_' || *q == '-')
      *q = ' ';

  return ce_fields_clean_line (p);
}

/* Joins the paragraphs into the body.  Lines within a paragraph are hard
 * wraps and joined with spaces, unless the text has no blank lines at all
 * and long lines: then it was never wrapped and each line stands alone. */
static char *
build_body (TextRead *read,
            guint     skip)
{
  gboolean lines_are_paragraphs = !read->seen_blank && read->longest_line > UNWRAPPED_LINE_LENGTH;
  GString *body = g_string_new (NULL);

  for (guint i = skip; i < read->paragraphs->len; i++)
    {
      Paragraph *paragraph = read->paragraphs->pdata[i];
      g_auto(GStrv) lines = NULL;

      if (paragraph->heading)
        {
          if (body->len > 0)
            g_string_append (body, "\n\n");
          g_string_append (body, CE_HEADING_MARK);
          g_string_append (body, paragraph->text);
          continue;
        }

      lines = g_strsplit (paragraph->text, "\n", -1);
      for (guint j = 0; lines[j] != NULL; j++)
        {
          g_autofree char *line = g_strstrip (g_strdup (lines[j]));
          g_autofree char *clean = ce_fields_clean_line (line);

          if (clean == NULL)
            continue;
          if (body->len > 0)
            g_string_append (body, j == 0 || lines_are_paragraphs ? "\n\n" : " ");
          g_string_append (body, clean);
        }
    }

  return g_string_free (body, FALSE);
}

static gboolean
finish_document (TextRead  *read,
                 GError   **error)
{
  CeReadContext *ctx = read->ctx;
  CeDraft *draft = read->draft;
  guint skip = 0;

  end_paragraph (read);

  if (draft->title == NULL && read->first_heading != NULL)
    draft->title = g_strdup (read->first_heading);
  else if (read->first_heading != NULL && read->first_heading_leads &&
           g_strcmp0 (draft->title, read->first_heading) != 0)
    {
      /* The front matter named the title: the heading is a heading */
      Paragraph *paragraph = g_new0 (Paragraph, 1);

      paragraph->text = g_strdup (read->first_heading);
      paragraph->heading = TRUE;
      paragraph->n_lines = 1;
      g_ptr_array_insert (read->paragraphs, 0, paragraph);
    }

  if (draft->title == NULL && read->paragraphs->len > 0)
    {
      Paragraph *first = read->paragraphs->pdata[0];
      gboolean lines_are_paragraphs = !read->seen_blank &&
                                      read->longest_line > UNWRAPPED_LINE_LENGTH;
      const char *newline = strchr (first->text, '\n');
      gsize first_len = newline != NULL ? (gsize)(newline - first->text) : strlen (first->text);

      /* A short first line that stands alone, with text after it */
      if (!first->heading && first_len <= MAX_TITLE_LENGTH &&
          ((first->n_lines == 1 && read->paragraphs->len > 1) ||
           (lines_are_paragraphs && first->n_lines > 1)))
        {
          g_autofree char *line = g_strndup (first->text, first_len);

          draft->title = ce_fields_clean_line (line);
          if (first->n_lines == 1)
            skip = 1;
          else
            {
              char *rest = g_strdup (newline + 1);

              g_free (first->text);
              first->text = rest;
              first->n_lines--;
            }
        }
    }

  if (draft->title == NULL)
    draft->title = title_from_filename (ctx->path);

  if (draft->date == NULL)
    {
      g_autofree char *base = g_path_get_basename (ctx->path);

      draft->date = ce_date_from_filename (base);
    }

  draft->body = build_body (read, skip);
  if (*draft->body == '\0')
    {
      ce_read_context_warn (ctx, 0, _("no text"));
      return TRUE;
    }

  draft->line = 1;
  read->draft = NULL;
  if (!ctx->emit (ctx, draft, ctx->emit_data))
    return !g_cancellable_set_error_if_cancelled (ctx->cancellable, error);

  return TRUE;
}

gboolean
ce_read_text (CeReadContext  *ctx,
              GInputStream   *stream,
              GError        **error)
{
  g_autoptr(CeLineReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) held = NULL;  /* front matter lines, while unsure */
  TextRead read = { 0 };
  gboolean in_front_matter = FALSE;
  gboolean ok = TRUE;
  const char *line;
  gsize len;

  g_return_val_if_fail (ctx != NULL, FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);

  reader = ce_line_reader_new (stream, ctx);
  read.ctx = ctx;
  read.draft = ce_draft_new ();
  read.paragraphs = g_ptr_array_new_with_free_func ((GDestroyNotify)paragraph_free);
  read.current = g_string_new (NULL);
  read.list = g_string_new (NULL);

  while ((line = ce_line_reader_next (reader, &len, &local_error)) != NULL)
    {
      guint line_number = ce_line_reader_get_line_number (reader);

      if (line_number % 4096 == 0 &&
          g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
        {
          ok = FALSE;
          goto out;
        }

      if (line_number == 1 && strcmp (line, "---") == 0)
        {
          in_front_matter = TRUE;
          held = g_ptr_array_new_with_free_func (g_free);
          continue;
        }

      if (in_front_matter)
        {
          if (strcmp (line, "---") == 0 || strcmp (line, "...") == 0)
            {
              in_front_matter = FALSE;
              for (guint i = 0; i < held->len; i++)
                add_front_matter_line (&read, held->pdata[i], i + 2);
              end_front_matter_list (&read, line_number);
              g_clear_pointer (&held, g_ptr_array_unref);
              continue;
            }

          if (held->len < MAX_FRONT_MATTER_LINES && (strchr (line, ':') != NULL ||
                                                     is_blank (line) || line[0] == ' ' ||
                                                     line[0] == '-' || line[0] == '#'))
            {
              g_ptr_array_add (held, g_strndup (line, len));
              continue;
            }

          /* Not front matter after all: a rule, then text */
          in_front_matter = FALSE;
          for (guint i = 0; i < held->len; i++)
            add_body_line (&read, held->pdata[i], strlen (held->pdata[i]));
          g_clear_pointer (&held, g_ptr_array_unref);
        }

      add_body_line (&read, line, len);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      ok = FALSE;
      goto out;
    }

  if (held != NULL)
    for (guint i = 0; i < held->len; i++)
      add_body_line (&read, held->pdata[i], strlen (held->pdata[i]));

  ok = finish_document (&read, error);

out:
  g_clear_pointer (&read.draft, ce_draft_free);
  g_ptr_array_unref (read.paragraphs);
  g_string_free (read.current, TRUE);
  g_string_free (read.list, TRUE);
  g_free (read.first_heading);
  g_free (read.list_key);
  return ok;
}
