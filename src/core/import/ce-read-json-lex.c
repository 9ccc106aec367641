/* ce-read-json-lex.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON as json-glib's scanner reads it, without a tree: the guards run
 * before it parses (nesting, strings too long to store) and the shape of
 * a list that can be read one record at a time.
 */

#define G_LOG_DOMAIN "ce-read-json"

#include "config.h"

#include <string.h>

#include "ce-read-json-private.h"

/* Reads the character at *@i (and an escaped one after it); returns it when
 * it is a bracket outside strings and comments, else 0.  Counts newlines
 * into @line. */
char
_ce_json_lex_step (CeJsonLexState *state,
                   const char   *text,
                   gsize         len,
                   gsize        *i,
                   guint        *line)
{
  char c = text[*i];

  if (c == '\n')
    (*line)++;

  switch (*state)
    {
    case CE_JSON_LEX_CODE:
      if (c == '"')
        *state = CE_JSON_LEX_STRING;
      else if (c == '\'')
        *state = CE_JSON_LEX_SQ_STRING;
      else if (c == '/')
        *state = CE_JSON_LEX_COMMENT;
      else if (c == '[' || c == '{' || c == ']' || c == '}')
        return c;
      break;

    case CE_JSON_LEX_STRING:
      if (c == '\\' && *i + 1 < len)
        {
          (*i)++;
          if (text[*i] == '\n')
            (*line)++;
        }
      else if (c == '"')
        *state = CE_JSON_LEX_CODE;
      break;

    case CE_JSON_LEX_SQ_STRING:
      if (c == '\'')
        *state = CE_JSON_LEX_CODE;
      break;

    case CE_JSON_LEX_COMMENT:
      if (c == '/')
        *state = CE_JSON_LEX_CODE;
      break;

    default:
      g_assert_not_reached ();
    }

  return 0;
}

/* The line where nesting first goes deeper than CE_JSON_MAX_DEPTH, or 0 */
guint
_ce_json_find_too_deep (const char *text,
                        gsize       len)
{
  CeJsonLexState state = CE_JSON_LEX_CODE;
  guint depth = 0;
  guint line = 1;

  for (gsize i = 0; i < len; i++)
    {
      char c = _ce_json_lex_step (&state, text, len, &i, &line);

      if (c == '[' || c == '{')
        {
          if (++depth > CE_JSON_MAX_DEPTH)
            return line;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return 0;
}

/* The bytes of UTF-8 the JSON escape at @text (a backslash) stands for,
 * and in *@raw how many bytes of @text it takes */
static gsize
escape_bytes (const char *text,
              gsize       len,
              gsize      *raw)
{
  guint code = 0;

  if (len < 2 || text[1] != 'u')
    {
      *raw = MIN (len, 2);
      return 1;
    }

  for (guint k = 2; k < 6 && k < len && g_ascii_isxdigit (text[k]); k++)
    code = code * 16 + g_ascii_xdigit_value (text[k]);
  *raw = MIN (len, 6);

  /* A surrogate pair is four bytes in all, two for each half */
  return code < 0x80 ? 1 : code < 0x800 ? 2 : (code >= 0xD800 && code < 0xE000) ? 2 : 3;
}

/* Whether a string of @text, once its escapes are read, is longer than
 * one document may hold; then *@line is where it starts and *@bytes its
 * length.  json-glib would hold such a string several times over (50 MB
 * took 270 MB) only for the record to be refused. */
gboolean
_ce_json_find_too_long_string (const char *text,
                               gsize       len,
                               guint      *line,
                               gsize      *bytes)
{
  CeJsonLexState state = CE_JSON_LEX_CODE;
  guint current = 1;

  for (gsize i = 0; i < len; i++)
    {
      guint start_line = current;
      gsize n = 0;
      gsize j;

      if (state != CE_JSON_LEX_CODE || text[i] != '"')
        {
          _ce_json_lex_step (&state, text, len, &i, &current);
          continue;
        }

      for (j = i + 1; j < len && text[j] != '"'; j++)
        {
          if (text[j] == '\\')
            {
              gsize raw;

              n += escape_bytes (text + j, len - j, &raw);
              for (gsize k = 1; k < raw; k++)
                current += text[j + k] == '\n';
              j += raw - 1;
            }
          else
            {
              current += text[j] == '\n';
              n++;
            }
        }

      if (n > CE_MAX_DOCUMENT_BYTES)
        {
          *line = start_line;
          *bytes = n;
          return TRUE;
        }
      i = j;
    }

  return FALSE;
}

/* Whether @text (which starts with '[') is one closed list of objects and
 * nothing else: "[{…}, {…}]".  Only such a list is read record by record;
 * anything else is parsed whole, for json-glib's own messages. */
gboolean
_ce_json_is_list_of_objects (const char *text,
                             gsize       len)
{
  CeJsonLexState state = CE_JSON_LEX_CODE;
  guint line = 1;
  int depth = 0;
  gboolean after_object = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c;

      if (depth == 0 && i > 0)
        {
          if (!g_ascii_isspace (text[i]))
            return FALSE;
          continue;
        }

      if (depth == 1 && state == CE_JSON_LEX_CODE)
        {
          if (g_ascii_isspace (text[i]))
            continue;
          if (text[i] == ',')
            {
              if (!after_object)
                return FALSE;
              after_object = FALSE;
              continue;
            }
          if (text[i] == ']')
            {
              if (!after_object)
                return FALSE;
              depth = 0;
              continue;
            }
          if (text[i] != '{' || after_object)
            return FALSE;
        }

      c = _ce_json_lex_step (&state, text, len, &i, &line);
      if (c == '[' || c == '{')
        depth++;
      else if (c == ']' || c == '}')
        {
          depth--;
          if (depth == 1)
            after_object = TRUE;
        }
    }

  return depth == 0;
}

/* json-glib says "<data>:LINE:COLUMN: Parse error: ..."; the line is ours
 * to give, the column worth keeping */
char *
_ce_json_describe_error (const GError *parse_error,
                         guint        *line)
{
  const char *message = parse_error->message;
  guint64 parsed_line = 0, column = 0;
  const char *p;
  char *end;

  if (!g_str_has_prefix (message, "<data>:"))
    return g_strdup (message);

  p = message + strlen ("<data>:");
  parsed_line = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ':')
    return g_strdup (message);
  p = end + 1;
  column = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ':')
    return g_strdup (message);
  p = end + 1;
  while (*p == ' ')
    p++;

  if (line != NULL)
    *line = (guint)parsed_line;

  return g_strdup_printf ("%s (column %" G_GUINT64_FORMAT ")", p, column);
}

static gsize
skip_space (const char *text,
            gsize       len,
            gsize       i)
{
  while (i < len && g_ascii_isspace (text[i]))
    i++;

  return i;
}

/* Past the "string" at text[@i], or 0 when it does not end */
static gsize
skip_string (const char *text,
             gsize       len,
             gsize       i)
{
  for (i++; i < len; i++)
    {
      if (text[i] == '\\')
        i++;
      else if (text[i] == '"')
        return i + 1;
    }

  return 0;
}

/* Past the list or object at text[@i], each bracket closed by its own
 * kind, or 0.  The depth guard has run: it is at most CE_JSON_MAX_DEPTH. */
static gsize
skip_nested (const char *text,
             gsize       len,
             gsize       i)
{
  CeJsonLexState state = CE_JSON_LEX_CODE;
  char open[CE_JSON_MAX_DEPTH + 1];
  guint line = 1;
  guint depth = 0;

  for (; i < len; i++)
    {
      char c = _ce_json_lex_step (&state, text, len, &i, &line);

      if (c == '[' || c == '{')
        {
          if (depth == G_N_ELEMENTS (open))
            return 0;
          open[depth++] = c;
        }
      else if (c == ']' || c == '}')
        {
          if (depth == 0 || open[depth - 1] != (c == ']' ? '[' : '{'))
            return 0;
          if (--depth == 0)
            return i + 1;
        }
    }

  return 0;
}

static void
clear_member (gpointer data)
{
  CeJsonMember *member = data;

  g_free (member->key);
}

/**
 * _ce_json_scan_members:
 * @text: an object: text[0] is '{'
 * @end: (out): just past the object's closing brace
 *
 * The members of the object at @text, with where each value is, without
 * building a tree of them: a list of records inside is then read one
 * record at a time.  Only plain JSON is scanned: a key with escapes, a
 * comment or a 'string' between the members, or an object that does not
 * end give %NULL, and the file is parsed whole, for json-glib's rules and
 * messages.
 *
 * Returns: (transfer full) (nullable): the members, as #CeJsonMember
 */
GArray *
_ce_json_scan_members (const char *text,
                       gsize       len,
                       gsize      *end)
{
  g_autoptr(GArray) members = g_array_new (FALSE, TRUE, sizeof (CeJsonMember));
  gsize i;

  g_array_set_clear_func (members, clear_member);

  if (len == 0 || text[0] != '{')
    return NULL;

  i = skip_space (text, len, 1);
  if (i < len && text[i] == '}')
    {
      *end = i + 1;
      return g_steal_pointer (&members);
    }

  for (;;)
    {
      CeJsonMember member = { NULL, 0, 0 };
      gsize key_end;

      if (i >= len || text[i] != '"' || (key_end = skip_string (text, len, i)) == 0 ||
          memchr (text + i + 1, '\\', key_end - i - 2) != NULL)
        return NULL;
      member.key = g_strndup (text + i + 1, key_end - i - 2);

      i = skip_space (text, len, key_end);
      if (i >= len || text[i] != ':')
        {
          g_free (member.key);
          return NULL;
        }
      i = skip_space (text, len, i + 1);
      member.start = i;
      if (i >= len)
        i = 0;
      else if (text[i] == '[' || text[i] == '{')
        i = skip_nested (text, len, i);
      else if (text[i] == '"')
        i = skip_string (text, len, i);
      else
        {
          /* Numbers, true, false and null */
          while (i < len && (g_ascii_isalnum (text[i]) || text[i] == '+' || text[i] == '-' || text[i] == '.'))
            i++;
          if (i == member.start)
            i = 0;
        }
      member.end = i;
      g_array_append_val (members, member);
      if (i == 0)
        return NULL;

      i = skip_space (text, len, i);
      if (i < len && text[i] == '}')
        {
          *end = i + 1;
          return g_steal_pointer (&members);
        }
      if (i >= len || text[i] != ',')
        return NULL;
      i = skip_space (text, len, i + 1);
    }
}

/* How much text a reader hands json-glib at once: it builds a tree
 * several times that size (CeReadContext.parse_peak) */
void
_ce_json_note_parsed (CeReadContext *ctx,
                      gsize          len)
{
  ctx->parse_peak = MAX (ctx->parse_peak, len);
}
