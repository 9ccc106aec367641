/* ce-query-lexer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-query"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-query-private.h"

/* The lexer of the search language: text into tokens, for the parser in
 * ce-query.c. */

/* Lexer */

void
_ce_query_token_clear (Token *token)
{
  g_clear_pointer (&token->text, g_free);
}

gboolean
_ce_query_is_quote (gunichar c)
{
  /* Typographic quotes too: „…“ and “…” are what many keyboards type */
  return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E;
}

static gboolean
is_space (gunichar c)
{
  return c != 0 && (g_unichar_isspace (c) || g_unichar_iscntrl (c));
}

gboolean
_ce_query_is_word_stop (gunichar c)
{
  return c == 0 || is_space (c) || _ce_query_is_quote (c) || c == '(' || c == ')';
}

/* The characters FTS5's unicode61 tokenizer keeps in tokens: letters,
 * numbers and private-use characters; everything else separates them. */
static gboolean
is_token_char (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
    case G_UNICODE_PRIVATE_USE:
      return TRUE;

    default:
      return FALSE;
    }
}

gboolean
_ce_query_has_token_chars (const char *text)
{
  for (const char *p = text; *p != 0; p = g_utf8_next_char (p))
    {
      if (is_token_char (g_utf8_get_char (p)))
        return TRUE;
    }

  return FALSE;
}

gunichar
_ce_query_current (Parser *parser)
{
  return *parser->p == 0 ? 0 : g_utf8_get_char (parser->p);
}

static gunichar
following (Parser *parser)
{
  const char *next;

  if (*parser->p == 0)
    return 0;

  next = g_utf8_next_char (parser->p);
  return *next == 0 ? 0 : g_utf8_get_char (next);
}

void
_ce_query_advance (Parser *parser)
{
  if (*parser->p == 0)
    return;

  parser->p = g_utf8_next_char (parser->p);
  parser->column++;
}

void
_ce_query_skip_space (Parser *parser)
{
  while (is_space (_ce_query_current (parser)))
    _ce_query_advance (parser);
}

static Field
lookup_field (const char *name,
              gsize       len)
{
  for (guint i = FIELD_TITLE; i < G_N_ELEMENTS (fields); i++)
    {
      if (strlen (fields[i].name) == len && g_ascii_strncasecmp (fields[i].name, name, len) == 0)
        return i;
    }

  return FIELD_NONE;
}

/* Reads "…" from an opening quote; the text is everything up to the next
 * quote character of any kind. */
gboolean
_ce_query_lex_quoted (Parser  *parser,
                      char   **text)
{
  guint open_column = parser->column;
  const char *start;

  _ce_query_advance (parser);
  start = parser->p;
  while (_ce_query_current (parser) != 0 && !_ce_query_is_quote (_ce_query_current (parser)))
    _ce_query_advance (parser);

  if (_ce_query_current (parser) == 0)
    {
      _ce_query_parser_fail (parser, open_column, _("unclosed quote"));
      return FALSE;
    }

  *text = g_strndup (start, parser->p - start);
  _ce_query_advance (parser);
  return TRUE;
}

gboolean
_ce_query_lex_stars (Parser *parser)
{
  gboolean prefix = FALSE;

  while (_ce_query_current (parser) == '*')
    {
      _ce_query_advance (parser);
      prefix = TRUE;
    }

  return prefix;
}

/* A run of word characters, with trailing stars taken as a prefix mark */
void
_ce_query_lex_word (Parser     *parser,
                    const char *start,
                    gsize       len,
                    Token      *token)
{
  gsize end = len;

  while (end > 0 && start[end - 1] == '*')
    end--;

  token->prefix = end < len;
  token->text = g_strndup (start, end);
  token->kind = _ce_query_has_token_chars (token->text) ? TOK_WORD : TOK_JUNK;
}

static gboolean
lex_field_value (Parser *parser,
                 Token  *token)
{
  g_autofree char *value = NULL;
  const char *start;

  token->value_column = parser->column;

  if (_ce_query_is_quote (_ce_query_current (parser)))
    {
      if (!_ce_query_lex_quoted (parser, &value))
        return FALSE;
    }
  else
    {
      start = parser->p;
      while (!_ce_query_is_word_stop (_ce_query_current (parser)))
        _ce_query_advance (parser);
      value = g_strndup (start, parser->p - start);
    }

  g_strstrip (value);
  if (*value == 0)
    {
      _ce_query_parser_fail (parser, token->column, _("missing value after “%s:”"),
                   fields[token->field].name);
      return FALSE;
    }

  token->text = g_steal_pointer (&value);
  return TRUE;
}

static gboolean
lex (Parser *parser,
     Token  *token)
{
  const char *start;
  gsize len;
  gsize name_len;
  gunichar c;

  memset (token, 0, sizeof *token);

  _ce_query_skip_space (parser);
  token->column = parser->column;
  c = _ce_query_current (parser);

  if (c == 0)
    {
      token->kind = TOK_END;
      return TRUE;
    }

  if (c == '(' || c == ')')
    {
      token->kind = c == '(' ? TOK_LPAREN : TOK_RPAREN;
      _ce_query_advance (parser);
      return TRUE;
    }

  if (_ce_query_is_quote (c))
    {
      if (!_ce_query_lex_quoted (parser, &token->text))
        return FALSE;
      token->prefix = _ce_query_lex_stars (parser);
      token->kind = _ce_query_has_token_chars (token->text) ? TOK_PHRASE : TOK_JUNK;
      return TRUE;
    }

  if (c == '-')
    {
      gunichar next = following (parser);

      if (next == '(' || _ce_query_is_quote (next) || is_token_char (next))
        {
          token->kind = TOK_MINUS;
          _ce_query_advance (parser);
          return TRUE;
        }
    }

  start = parser->p;
  while (!_ce_query_is_word_stop (_ce_query_current (parser)))
    _ce_query_advance (parser);
  len = parser->p - start;

  if ((len == 2 && memcmp (start, "OR", 2) == 0) ||
      (len == 3 && memcmp (start, "AND", 3) == 0) ||
      (len == 3 && memcmp (start, "NOT", 3) == 0))
    {
      token->kind = start[0] == 'O' ? TOK_OR : start[0] == 'A' ? TOK_AND : TOK_NOT;
      return TRUE;
    }

  if (len == 4 && memcmp (start, "NEAR", 4) == 0 && _ce_query_current (parser) == '(')
    {
      token->kind = TOK_NEAR;
      _ce_query_advance (parser);
      return TRUE;
    }

  /* name:value, where name is letters only (so 10:30 stays a word) */
  for (name_len = 0; name_len < len && g_ascii_isalpha (start[name_len]); name_len++)
    ;

  if (name_len > 0 && name_len < len && start[name_len] == ':')
    {
      const char *rest = start + name_len + 1;
      gsize rest_len = len - name_len - 1;
      gboolean value_follows = rest_len > 0 || _ce_query_is_quote (_ce_query_current (parser)) || _ce_query_current (parser) == '(';
      Field field = lookup_field (start, name_len);

      /* "Note:" before a space is a word, and so is a URL */
      if (value_follows && !(rest_len > 0 && rest[0] == '/'))
        {
          if (field == FIELD_NONE)
            {
              g_autofree char *name = g_strndup (start, name_len);

              _ce_query_parser_fail (parser, token->column,
                           _("unknown field “%s:”; the fields are title:, place:, "
                             "source:, section:, author:, date: and copies:"), name);
              return FALSE;
            }

          /* Back to just after the colon: the value is read from there */
          parser->p = rest;
          parser->column = token->column + name_len + 1;
          token->kind = TOK_FIELD;
          token->field = field;
          token->value_column = parser->column;

          if (field == FIELD_TITLE)
            return TRUE;

          return lex_field_value (parser, token);
        }

      if (field != FIELD_NONE && !value_follows)
        {
          _ce_query_parser_fail (parser, token->column, _("missing value after “%s:”"), fields[field].name);
          return FALSE;
        }
    }

  _ce_query_lex_word (parser, start, len, token);
  return TRUE;
}

/* The next token, ignoring words without letters or digits, which the
 * tokenizer would drop anyway.  Returns NULL after a lexing error. */
Token *
_ce_query_peek (Parser *parser)
{
  while (!parser->has_lookahead || parser->lookahead.kind == TOK_JUNK)
    {
      if (parser->has_lookahead)
        {
          if (parser->junk_column == 0)
            parser->junk_column = parser->lookahead.column;
          _ce_query_token_clear (&parser->lookahead);
          parser->has_lookahead = FALSE;
        }

      if (!lex (parser, &parser->lookahead))
        {
          _ce_query_token_clear (&parser->lookahead);
          return NULL;
        }
      parser->has_lookahead = TRUE;
    }

  return &parser->lookahead;
}

/* The next token as it is, junk included: for the value of title: */
Token *
_ce_query_peek_raw (Parser *parser)
{
  if (!parser->has_lookahead)
    {
      if (!lex (parser, &parser->lookahead))
        {
          _ce_query_token_clear (&parser->lookahead);
          return NULL;
        }
      parser->has_lookahead = TRUE;
    }

  return &parser->lookahead;
}

/* Takes the lookahead token; the caller clears it */
void
_ce_query_take (Parser *parser,
                Token  *token)
{
  g_assert (parser->has_lookahead);

  *token = parser->lookahead;
  memset (&parser->lookahead, 0, sizeof parser->lookahead);
  parser->has_lookahead = FALSE;
}

void
_ce_query_drop (Parser *parser)
{
  Token token;

  _ce_query_take (parser, &token);
  _ce_query_token_clear (&token);
}
