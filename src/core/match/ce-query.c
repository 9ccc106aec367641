/* ce-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-query"

#include "config.h"

#include <string.h>

#include "ce-corpus-where.h"
#include "ce-query.h"
#include "ce-text.h"

/* A query is parsed into a small tree, then compiled once into:
 *
 *  - fts: an FTS5 expression for `fts MATCH ?` over the conjuncts that
 *    FTS5 can express (words, phrases, prefixes, NEAR, title:, OR among
 *    them, and NOT when something positive is beside it);
 *  - where: SQL conditions over `documents` with `?` parameters for the
 *    rest (metadata filters, dates, pure negation, and any OR or NOT that
 *    mixes words with filters, through `documents.id IN (SELECT rowid FROM
 *    fts WHERE fts MATCH ?)`).
 *
 * Every word the user typed reaches FTS5 as a quoted string, and every
 * value reaches SQL as a bound parameter, so no user text is ever read as
 * FTS5 or SQL syntax. */

typedef enum
{
  FIELD_NONE,
  FIELD_TITLE,
  FIELD_PLACE,
  FIELD_SOURCE,
  FIELD_SECTION,
  FIELD_AUTHOR,
  FIELD_DATE,
} Field;

/* The metadata filters name a field of the store; title: and date: have
 * their own code */
static const struct
{
  const char   *name;
  CeWhereField  where;
} fields[] = {
  [FIELD_NONE] = { NULL, 0 },
  [FIELD_TITLE] = { "title", 0 },
  [FIELD_PLACE] = { "place", CE_WHERE_PLACE },
  [FIELD_SOURCE] = { "source", CE_WHERE_SOURCE },
  [FIELD_SECTION] = { "section", CE_WHERE_SECTION },
  [FIELD_AUTHOR] = { "author", CE_WHERE_AUTHOR },
  [FIELD_DATE] = { "date", 0 },
};

typedef enum
{
  NODE_AND,
  NODE_OR,
  NODE_NOT,
  NODE_TERM,
  NODE_NEAR,
  NODE_FIELD,
  NODE_DATE,
} NodeKind;

typedef struct _Node Node;

struct _Node
{
  NodeKind   kind;
  GPtrArray *children;  /* AND, OR, NOT (one child), NEAR (its terms) */
  char      *text;      /* TERM: the words; FIELD: the value; DATE: as typed */
  char      *folded;    /* FIELD: the value as ce_query_fold_value() gives it */
  Field      field;     /* FIELD */
  char      *lo;        /* DATE: bound on the first day of the document's date */
  char      *hi;        /* DATE: bound on its last day */
  int        distance;  /* NEAR: -1 for FTS5's default */
  guint      lo_strict : 1;
  guint      hi_strict : 1;
  guint      phrase : 1;  /* TERM: written in quotes */
  guint      prefix : 1;  /* TERM */
  guint      title : 1;   /* TERM, NEAR: only in the title */
};

struct _CeQuery
{
  gatomicrefcount  ref_count;
  char            *text;
  Node            *root;

  /* Compiled once at parse time; the query is immutable afterwards, so
   * it may be shared between threads. */
  char            *fts;
  char            *highlight;
  char            *where;
  GPtrArray       *params;
};

G_DEFINE_BOXED_TYPE (CeQuery, ce_query, ce_query_ref, ce_query_unref)

typedef struct
{
  guint column;
} CeQueryErrorPrivate;

static void
ce_query_error_private_init (CeQueryErrorPrivate *priv)
{
  priv->column = 0;
}

static void
ce_query_error_private_copy (const CeQueryErrorPrivate *src,
                             CeQueryErrorPrivate       *dest)
{
  dest->column = src->column;
}

static void
ce_query_error_private_clear (CeQueryErrorPrivate *priv)
{
}

G_DEFINE_EXTENDED_ERROR (CeQueryError, ce_query_error)

/* Nodes */

static void node_free (Node *node);

static Node *
node_new (NodeKind kind)
{
  Node *node = g_new0 (Node, 1);

  node->kind = kind;
  node->distance = -1;
  if (kind == NODE_AND || kind == NODE_OR || kind == NODE_NOT || kind == NODE_NEAR)
    node->children = g_ptr_array_new_with_free_func ((GDestroyNotify)node_free);

  return node;
}

static void
node_free (Node *node)
{
  if (node == NULL)
    return;

  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node->text);
  g_free (node->folded);
  g_free (node->lo);
  g_free (node->hi);
  g_free (node);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Node, node_free)

#define CHILD(node, i) ((Node *)g_ptr_array_index ((node)->children, (i)))

/* Lexer */

typedef enum
{
  TOK_END,
  TOK_LPAREN,
  TOK_RPAREN,
  TOK_OR,
  TOK_AND,
  TOK_NOT,
  TOK_MINUS,
  TOK_WORD,
  TOK_PHRASE,
  TOK_JUNK,     /* a word or phrase without letters or digits */
  TOK_NEAR,     /* "NEAR(" */
  TOK_FIELD,    /* "name:"; the value follows (already read, except for title:) */
} TokenKind;

typedef struct
{
  TokenKind  kind;
  guint      column;
  char      *text;
  Field      field;
  guint      value_column;
  gboolean   prefix;
} Token;

typedef struct
{
  const char *text;
  const char *p;
  guint       column;      /* of p, 1-based, in characters */
  guint       depth;
  guint       n_terms;
  guint       junk_column;  /* first ignored word, for "nothing to search for" */
  Token       lookahead;
  gboolean    has_lookahead;
  GError     *error;
} Parser;

static void
token_clear (Token *token)
{
  g_clear_pointer (&token->text, g_free);
}

G_GNUC_PRINTF (3, 4)
static void
parser_fail (Parser     *parser,
             guint       column,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (parser->error != NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  parser->error = g_error_new (CE_QUERY_ERROR, CE_QUERY_ERROR_SYNTAX,
                               "%s at column %u", message, column);
  ce_query_error_get_private (parser->error)->column = column;
}

static gboolean
is_quote (gunichar c)
{
  /* Typographic quotes too: „…“ and “…” are what many keyboards type */
  return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E;
}

static gboolean
is_space (gunichar c)
{
  return c != 0 && (g_unichar_isspace (c) || g_unichar_iscntrl (c));
}

static gboolean
is_word_stop (gunichar c)
{
  return c == 0 || is_space (c) || is_quote (c) || c == '(' || c == ')';
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

static gboolean
has_token_chars (const char *text)
{
  for (const char *p = text; *p != 0; p = g_utf8_next_char (p))
    {
      if (is_token_char (g_utf8_get_char (p)))
        return TRUE;
    }

  return FALSE;
}

static gunichar
current (Parser *parser)
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

static void
advance (Parser *parser)
{
  if (*parser->p == 0)
    return;

  parser->p = g_utf8_next_char (parser->p);
  parser->column++;
}

static void
skip_space (Parser *parser)
{
  while (is_space (current (parser)))
    advance (parser);
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
static gboolean
lex_quoted (Parser  *parser,
            char   **text)
{
  guint open_column = parser->column;
  const char *start;

  advance (parser);
  start = parser->p;
  while (current (parser) != 0 && !is_quote (current (parser)))
    advance (parser);

  if (current (parser) == 0)
    {
      parser_fail (parser, open_column, "unclosed quote");
      return FALSE;
    }

  *text = g_strndup (start, parser->p - start);
  advance (parser);
  return TRUE;
}

static gboolean
lex_stars (Parser *parser)
{
  gboolean prefix = FALSE;

  while (current (parser) == '*')
    {
      advance (parser);
      prefix = TRUE;
    }

  return prefix;
}

/* A run of word characters, with trailing stars taken as a prefix mark */
static void
lex_word (Parser     *parser,
          const char *start,
          gsize       len,
          Token      *token)
{
  gsize end = len;

  while (end > 0 && start[end - 1] == '*')
    end--;

  token->prefix = end < len;
  token->text = g_strndup (start, end);
  token->kind = has_token_chars (token->text) ? TOK_WORD : TOK_JUNK;
}

static gboolean
lex_field_value (Parser *parser,
                 Token  *token)
{
  g_autofree char *value = NULL;
  const char *start;

  token->value_column = parser->column;

  if (is_quote (current (parser)))
    {
      if (!lex_quoted (parser, &value))
        return FALSE;
    }
  else
    {
      start = parser->p;
      while (!is_word_stop (current (parser)))
        advance (parser);
      value = g_strndup (start, parser->p - start);
    }

  g_strstrip (value);
  if (*value == 0)
    {
      parser_fail (parser, token->column, "missing value after “%s:”",
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

  skip_space (parser);
  token->column = parser->column;
  c = current (parser);

  if (c == 0)
    {
      token->kind = TOK_END;
      return TRUE;
    }

  if (c == '(' || c == ')')
    {
      token->kind = c == '(' ? TOK_LPAREN : TOK_RPAREN;
      advance (parser);
      return TRUE;
    }

  if (is_quote (c))
    {
      if (!lex_quoted (parser, &token->text))
        return FALSE;
      token->prefix = lex_stars (parser);
      token->kind = has_token_chars (token->text) ? TOK_PHRASE : TOK_JUNK;
      return TRUE;
    }

  if (c == '-')
    {
      gunichar next = following (parser);

      if (next == '(' || is_quote (next) || is_token_char (next))
        {
          token->kind = TOK_MINUS;
          advance (parser);
          return TRUE;
        }
    }

  start = parser->p;
  while (!is_word_stop (current (parser)))
    advance (parser);
  len = parser->p - start;

  if ((len == 2 && memcmp (start, "OR", 2) == 0) ||
      (len == 3 && memcmp (start, "AND", 3) == 0) ||
      (len == 3 && memcmp (start, "NOT", 3) == 0))
    {
      token->kind = start[0] == 'O' ? TOK_OR : start[0] == 'A' ? TOK_AND : TOK_NOT;
      return TRUE;
    }

  if (len == 4 && memcmp (start, "NEAR", 4) == 0 && current (parser) == '(')
    {
      token->kind = TOK_NEAR;
      advance (parser);
      return TRUE;
    }

  /* name:value, where name is letters only (so 10:30 stays a word) */
  for (name_len = 0; name_len < len && g_ascii_isalpha (start[name_len]); name_len++)
    ;

  if (name_len > 0 && name_len < len && start[name_len] == ':')
    {
      const char *rest = start + name_len + 1;
      gsize rest_len = len - name_len - 1;
      gboolean value_follows = rest_len > 0 || is_quote (current (parser)) || current (parser) == '(';
      Field field = lookup_field (start, name_len);

      /* "Note:" before a space is a word, and so is a URL */
      if (value_follows && !(rest_len > 0 && rest[0] == '/'))
        {
          if (field == FIELD_NONE)
            {
              g_autofree char *name = g_strndup (start, name_len);

              parser_fail (parser, token->column,
                           "unknown field “%s:”; the fields are title:, place:, "
                           "source:, section:, author: and date:", name);
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
          parser_fail (parser, token->column, "missing value after “%s:”", fields[field].name);
          return FALSE;
        }
    }

  lex_word (parser, start, len, token);
  return TRUE;
}

/* The next token, ignoring words without letters or digits, which the
 * tokenizer would drop anyway.  Returns NULL after a lexing error. */
static Token *
peek (Parser *parser)
{
  while (!parser->has_lookahead || parser->lookahead.kind == TOK_JUNK)
    {
      if (parser->has_lookahead)
        {
          if (parser->junk_column == 0)
            parser->junk_column = parser->lookahead.column;
          token_clear (&parser->lookahead);
          parser->has_lookahead = FALSE;
        }

      if (!lex (parser, &parser->lookahead))
        {
          token_clear (&parser->lookahead);
          return NULL;
        }
      parser->has_lookahead = TRUE;
    }

  return &parser->lookahead;
}

/* The next token as it is, junk included: for the value of title: */
static Token *
peek_raw (Parser *parser)
{
  if (!parser->has_lookahead)
    {
      if (!lex (parser, &parser->lookahead))
        {
          token_clear (&parser->lookahead);
          return NULL;
        }
      parser->has_lookahead = TRUE;
    }

  return &parser->lookahead;
}

/* Takes the lookahead token; the caller clears it */
static void
take (Parser *parser,
      Token  *token)
{
  g_assert (parser->has_lookahead);

  *token = parser->lookahead;
  memset (&parser->lookahead, 0, sizeof parser->lookahead);
  parser->has_lookahead = FALSE;
}

static void
drop (Parser *parser)
{
  Token token;

  take (parser, &token);
  token_clear (&token);
}

/* Parser
 *
 *   query   := and_list END
 *   and_list:= or_expr ( [AND] or_expr )*
 *   or_expr := unary ( OR unary )*
 *   unary   := ( NOT | - ) unary | primary
 *   primary := ( and_list ) | NEAR( … ) | field:value | "phrase"[*] | word[*]
 */

static Node *parse_and_list (Parser *parser);

static gboolean
count_term (Parser *parser,
            guint   column)
{
  if (++parser->n_terms > CE_QUERY_MAX_TERMS)
    {
      if (parser->error == NULL)
        {
          parser->error = g_error_new (CE_QUERY_ERROR, CE_QUERY_ERROR_TOO_COMPLEX,
                                       "the query has more than %u terms at column %u",
                                       CE_QUERY_MAX_TERMS, column);
          ce_query_error_get_private (parser->error)->column = column;
        }
      return FALSE;
    }

  return TRUE;
}

static gboolean
enter (Parser *parser,
       guint   column)
{
  if (++parser->depth > CE_QUERY_MAX_DEPTH)
    {
      if (parser->error == NULL)
        {
          parser->error = g_error_new (CE_QUERY_ERROR, CE_QUERY_ERROR_TOO_COMPLEX,
                                       "the query nests more than %u levels deep at column %u",
                                       CE_QUERY_MAX_DEPTH, column);
          ce_query_error_get_private (parser->error)->column = column;
        }
      return FALSE;
    }

  return TRUE;
}

static gboolean
ends_operand (Token *token)
{
  return token->kind == TOK_END || token->kind == TOK_RPAREN ||
         token->kind == TOK_OR || token->kind == TOK_AND;
}

static Node *
term_from_token (Parser *parser,
                 Token  *token)
{
  Node *node;

  if (!count_term (parser, token->column))
    return NULL;

  node = node_new (NODE_TERM);
  node->text = g_steal_pointer (&token->text);
  node->phrase = token->kind == TOK_PHRASE;
  node->prefix = token->prefix;
  return node;
}

static Node *
parse_near (Parser *parser,
            guint   near_column)
{
  g_autoptr(Node) node = node_new (NODE_NEAR);

  for (;;)
    {
      Token token = { 0, };
      const char *start;
      gunichar c;

      skip_space (parser);
      c = current (parser);
      token.column = parser->column;

      if (c == 0)
        {
          parser_fail (parser, near_column, "missing ) for NEAR(");
          return NULL;
        }

      if (c == ')')
        {
          advance (parser);
          break;
        }

      if (c == ',')
        {
          guint number_column;
          guint64 distance = 0;
          guint digits = 0;

          advance (parser);
          skip_space (parser);
          number_column = parser->column;
          while (g_ascii_isdigit (current (parser)))
            {
              if (++digits <= 6)
                distance = distance * 10 + (current (parser) - '0');
              advance (parser);
            }

          if (digits == 0)
            {
              parser_fail (parser, number_column, "NEAR needs a number after the comma");
              return NULL;
            }
          if (digits > 6)
            {
              parser_fail (parser, number_column, "NEAR distance is too large");
              return NULL;
            }

          skip_space (parser);
          if (current (parser) != ')')
            {
              parser_fail (parser, near_column, "missing ) for NEAR(");
              return NULL;
            }
          advance (parser);
          node->distance = distance;
          break;
        }

      if (c == '(')
        {
          parser_fail (parser, token.column, "NEAR() takes words and phrases only");
          return NULL;
        }

      if (is_quote (c))
        {
          if (!lex_quoted (parser, &token.text))
            return NULL;
          token.prefix = lex_stars (parser);
          token.kind = has_token_chars (token.text) ? TOK_PHRASE : TOK_JUNK;
        }
      else
        {
          gsize len;
          gsize name_len;

          start = parser->p;
          while (!is_word_stop (current (parser)) && current (parser) != ',')
            advance (parser);
          len = parser->p - start;

          for (name_len = 0; name_len < len && g_ascii_isalpha (start[name_len]); name_len++)
            ;

          if ((len == 2 && memcmp (start, "OR", 2) == 0) ||
              (len == 3 && memcmp (start, "AND", 3) == 0) ||
              (len == 3 && memcmp (start, "NOT", 3) == 0) ||
              (name_len > 0 && name_len < len && start[name_len] == ':'))
            {
              parser_fail (parser, token.column, "NEAR() takes words and phrases only");
              return NULL;
            }

          lex_word (parser, start, len, &token);
        }

      if (token.kind == TOK_JUNK)
        {
          token_clear (&token);
          continue;
        }

      {
        Node *term = term_from_token (parser, &token);

        token_clear (&token);
        if (term == NULL)
          return NULL;
        g_ptr_array_add (node->children, term);
      }
    }

  if (node->children->len < 2)
    {
      parser_fail (parser, near_column, "NEAR needs at least two terms");
      return NULL;
    }

  return g_steal_pointer (&node);
}

/* title:( … ) holds words, phrases and NEAR only, each restricted to
 * the title; FTS5 gets the column filter on every phrase. */
static gboolean
mark_title (Parser *parser,
            Node   *node,
            guint   column)
{
  switch (node->kind)
    {
    case NODE_TERM:
    case NODE_NEAR:
      node->title = TRUE;
      return TRUE;

    case NODE_AND:
    case NODE_OR:
    case NODE_NOT:
      for (guint i = 0; i < node->children->len; i++)
        {
          if (!mark_title (parser, CHILD (node, i), column))
            return FALSE;
        }
      return TRUE;

    case NODE_FIELD:
    case NODE_DATE:
    default:
      parser_fail (parser, column, "title: takes words, phrases and NEAR() only");
      return FALSE;
    }
}

/* "( … )", at its opening parenthesis: the list inside, or NULL with
 * the parser's error set */
static Node *
parse_group (Parser *parser)
{
  Token *next = peek (parser);
  guint open_column = next->column;
  Node *node;

  drop (parser);
  if (!enter (parser, open_column))
    return NULL;
  node = parse_and_list (parser);
  parser->depth--;

  if (parser->error != NULL)
    {
      g_clear_pointer (&node, node_free);
      return NULL;
    }

  next = peek (parser);
  if (next == NULL || next->kind != TOK_RPAREN)
    {
      g_clear_pointer (&node, node_free);
      parser_fail (parser, open_column, "missing ) for (");
      return NULL;
    }
  drop (parser);

  if (node == NULL)
    parser_fail (parser, open_column, "empty group");

  return node;
}

static Node *
parse_title_value (Parser *parser,
                   guint   field_column)
{
  Token token;
  Token *next = peek_raw (parser);
  Node *node = NULL;

  if (next == NULL)
    return NULL;

  switch (next->kind)
    {
    case TOK_WORD:
    case TOK_PHRASE:
      take (parser, &token);
      node = term_from_token (parser, &token);
      token_clear (&token);
      break;

    case TOK_NEAR:
      take (parser, &token);
      token_clear (&token);
      node = parse_near (parser, token.column);
      break;

    case TOK_LPAREN:
      node = parse_group (parser);
      if (node == NULL)
        return NULL;
      break;

    case TOK_JUNK:
      parser_fail (parser, next->column, "title: needs a word with letters or digits");
      return NULL;

    case TOK_END:
    case TOK_RPAREN:
    case TOK_OR:
    case TOK_AND:
      parser_fail (parser, field_column, "missing value after “title:”");
      return NULL;

    case TOK_NOT:
    case TOK_MINUS:
    case TOK_FIELD:
    default:
      parser_fail (parser, next->column, "title: takes words, phrases and NEAR() only");
      return NULL;
    }

  if (node != NULL && !mark_title (parser, node, field_column))
    g_clear_pointer (&node, node_free);

  return node;
}

/* Date values.  A date names a range of days; a stored date is compared
 * through its first and last day, with the last day of a month written
 * as day 31 so that string comparison stays exact for every month. */

typedef struct
{
  char first[11];
  char last[11];
} DateRange;

static gboolean
parse_date_point (const char *text,
                  gsize       len,
                  DateRange  *range)
{
  guint year = 0, month = 0, day = 0;

  if (len != 4 && len != 7 && len != 10)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      gboolean dash = i == 4 || i == 7;

      if (dash ? text[i] != '-' : !g_ascii_isdigit (text[i]))
        return FALSE;
    }

  year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  if (len >= 7)
    month = (text[5] - '0') * 10 + (text[6] - '0');
  if (len == 10)
    day = (text[8] - '0') * 10 + (text[9] - '0');

  if (year == 0)
    return FALSE;
  if (len >= 7 && (month < 1 || month > 12))
    return FALSE;
  if (len == 10 && !g_date_valid_dmy (day, month, year))
    return FALSE;

  switch (len)
    {
    case 4:
      g_snprintf (range->first, sizeof range->first, "%04u-01-01", year);
      g_snprintf (range->last, sizeof range->last, "%04u-12-31", year);
      break;

    case 7:
      g_snprintf (range->first, sizeof range->first, "%04u-%02u-01", year, month);
      g_snprintf (range->last, sizeof range->last, "%04u-%02u-31", year, month);
      break;

    default:
      g_snprintf (range->first, sizeof range->first, "%04u-%02u-%02u", year, month, day);
      memcpy (range->last, range->first, sizeof range->last);
      break;
    }

  return TRUE;
}

static Node *
parse_date_value (Parser *parser,
                  Token  *token)
{
  g_autoptr(Node) node = node_new (NODE_DATE);
  const char *value = token->text;
  guint column = token->value_column;
  const char *dots = strstr (value, "..");
  DateRange range;

  node->text = g_strdup (value);

  if (dots != NULL)
    {
      gsize first_len = dots - value;
      const char *second = dots + 2;
      DateRange from, to;

      if (first_len == 0 && *second == 0)
        {
          parser_fail (parser, column, "date range expects YYYY[-MM[-DD]]");
          return NULL;
        }

      if (first_len > 0 && !parse_date_point (value, first_len, &from))
        {
          parser_fail (parser, column, "date range expects YYYY[-MM[-DD]]");
          return NULL;
        }

      if (*second != 0 && !parse_date_point (second, strlen (second), &to))
        {
          parser_fail (parser, column + g_utf8_strlen (value, second - value),
                       "date range expects YYYY[-MM[-DD]]");
          return NULL;
        }

      if (first_len > 0 && *second != 0 && strcmp (to.last, from.first) < 0)
        {
          parser_fail (parser, column, "date range ends before it starts");
          return NULL;
        }

      if (first_len > 0)
        node->lo = g_strdup (from.first);
      if (*second != 0)
        node->hi = g_strdup (to.last);

      return g_steal_pointer (&node);
    }

  if (value[0] == '>' || value[0] == '<')
    {
      gboolean greater = value[0] == '>';
      gboolean or_equal = value[1] == '=';
      const char *point = value + (or_equal ? 2 : 1);

      if (!parse_date_point (point, strlen (point), &range))
        {
          parser_fail (parser, column + (point - value), "date expects YYYY[-MM[-DD]]");
          return NULL;
        }

      /* >D: starts after D ends; >=D: starts with D or later;
       * <D: ends before D starts; <=D: ends with D or earlier */
      if (greater)
        {
          node->lo = g_strdup (or_equal ? range.first : range.last);
          node->lo_strict = !or_equal;
        }
      else
        {
          node->hi = g_strdup (or_equal ? range.last : range.first);
          node->hi_strict = !or_equal;
        }

      return g_steal_pointer (&node);
    }

  if (!parse_date_point (value, strlen (value), &range))
    {
      parser_fail (parser, column, "date expects YYYY[-MM[-DD]], a range "
                   "YYYY..YYYY or a comparison such as >YYYY");
      return NULL;
    }

  node->lo = g_strdup (range.first);
  node->hi = g_strdup (range.last);
  return g_steal_pointer (&node);
}

static Node *
parse_primary (Parser *parser)
{
  Token token;
  Token *next = peek (parser);
  Node *node = NULL;

  if (next == NULL)
    return NULL;

  switch (next->kind)
    {
    case TOK_LPAREN:
      return parse_group (parser);

    case TOK_WORD:
    case TOK_PHRASE:
      take (parser, &token);
      node = term_from_token (parser, &token);
      token_clear (&token);
      return node;

    case TOK_NEAR:
      take (parser, &token);
      token_clear (&token);
      return parse_near (parser, token.column);

    case TOK_FIELD:
      take (parser, &token);
      if (token.field == FIELD_TITLE)
        {
          node = parse_title_value (parser, token.column);
        }
      else if (count_term (parser, token.column))
        {
          if (token.field == FIELD_DATE)
            {
              node = parse_date_value (parser, &token);
            }
          else
            {
              node = node_new (NODE_FIELD);
              node->field = token.field;
              node->folded = ce_query_fold_value (token.text);
              node->text = g_steal_pointer (&token.text);
            }
        }
      token_clear (&token);
      return node;

    case TOK_RPAREN:
      parser_fail (parser, next->column, "unmatched )");
      return NULL;

    case TOK_OR:
      parser_fail (parser, next->column, "OR needs a term on both sides");
      return NULL;

    case TOK_AND:
      parser_fail (parser, next->column, "AND needs a term on both sides");
      return NULL;

    case TOK_END:
    case TOK_NOT:
    case TOK_MINUS:
    case TOK_JUNK:
    default:
      g_assert_not_reached ();
      return NULL;
    }
}

static Node *
parse_unary (Parser *parser)
{
  Token *next = peek (parser);
  g_autoptr(Node) child = NULL;
  Node *node;
  gboolean minus;
  guint column;

  if (next == NULL)
    return NULL;

  if (next->kind != TOK_NOT && next->kind != TOK_MINUS)
    return parse_primary (parser);

  minus = next->kind == TOK_MINUS;
  column = next->column;
  drop (parser);

  next = peek (parser);
  if (next == NULL)
    return NULL;

  if (ends_operand (next))
    {
      parser_fail (parser, column, minus ? "- needs a term after it" : "NOT needs a term after it");
      return NULL;
    }

  if (!enter (parser, column))
    return NULL;
  child = parse_unary (parser);
  parser->depth--;

  if (child == NULL)
    return NULL;

  /* NOT NOT x is x */
  if (child->kind == NODE_NOT)
    return g_ptr_array_steal_index (child->children, 0);

  node = node_new (NODE_NOT);
  g_ptr_array_add (node->children, g_steal_pointer (&child));
  return node;
}

/* Adds @child to @parent, merging it when it is the same operator:
 * (a OR (b OR c)) is one OR of three, which keeps FTS5's tree shallow. */
static void
add_child (Node *parent,
           Node *child)
{
  if (child->kind == parent->kind)
    {
      while (child->children->len > 0)
        g_ptr_array_add (parent->children, g_ptr_array_steal_index (child->children, 0));
      node_free (child);
    }
  else
    {
      g_ptr_array_add (parent->children, child);
    }
}

static Node *
parse_or (Parser *parser)
{
  g_autoptr(Node) node = NULL;
  Node *first = parse_unary (parser);
  Token *next;

  if (first == NULL)
    return NULL;

  while ((next = peek (parser)) != NULL && next->kind == TOK_OR)
    {
      guint column = next->column;
      Node *operand;

      drop (parser);
      next = peek (parser);
      if (next == NULL)
        break;

      if (ends_operand (next))
        {
          parser_fail (parser, column, "OR needs a term on both sides");
          break;
        }

      operand = parse_unary (parser);
      if (operand == NULL)
        break;

      if (node == NULL)
        {
          node = node_new (NODE_OR);
          add_child (node, g_steal_pointer (&first));
        }
      add_child (node, operand);
    }

  if (parser->error != NULL)
    {
      g_clear_pointer (&first, node_free);
      return NULL;
    }

  return node != NULL ? g_steal_pointer (&node) : first;
}

/* Returns NULL without an error for an empty list */
static Node *
parse_and_list (Parser *parser)
{
  g_autoptr(Node) node = NULL;
  Node *first = NULL;
  Token *next;

  while ((next = peek (parser)) != NULL)
    {
      Node *operand;

      if (next->kind == TOK_END || next->kind == TOK_RPAREN)
        break;

      if (next->kind == TOK_OR)
        {
          parser_fail (parser, next->column, "OR needs a term on both sides");
          break;
        }

      if (next->kind == TOK_AND)
        {
          guint column = next->column;

          drop (parser);
          next = peek (parser);
          if (next == NULL)
            break;
          if (first == NULL || ends_operand (next))
            {
              parser_fail (parser, column, "AND needs a term on both sides");
              break;
            }
        }

      operand = parse_or (parser);
      if (operand == NULL)
        break;

      if (first == NULL)
        {
          first = operand;
        }
      else
        {
          if (node == NULL)
            {
              node = node_new (NODE_AND);
              add_child (node, first);
            }
          add_child (node, operand);
        }
    }

  if (parser->error != NULL)
    {
      if (node == NULL)
        node_free (first);
      return NULL;
    }

  return node != NULL ? g_steal_pointer (&node) : first;
}

/* Compilation */

static void
append_fts_string (GString    *out,
                   const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != 0; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_fts_phrase (GString *out,
                   Node    *term)
{
  append_fts_string (out, term->text);
  if (term->prefix)
    g_string_append (out, " *");
}

static gboolean
fts_ok (Node *node)
{
  gboolean positive = FALSE;

  switch (node->kind)
    {
    case NODE_TERM:
    case NODE_NEAR:
      return TRUE;

    case NODE_OR:
      for (guint i = 0; i < node->children->len; i++)
        {
          if (!fts_ok (CHILD (node, i)))
            return FALSE;
        }
      return TRUE;

    case NODE_AND:
      for (guint i = 0; i < node->children->len; i++)
        {
          Node *child = CHILD (node, i);

          if (child->kind == NODE_NOT)
            {
              if (!fts_ok (CHILD (child, 0)))
                return FALSE;
            }
          else if (fts_ok (child))
            positive = TRUE;
          else
            return FALSE;
        }
      return positive;

    case NODE_NOT:
    case NODE_FIELD:
    case NODE_DATE:
    default:
      return FALSE;
    }
}

static void append_fts (GString *out, Node *node);

static void
append_fts_join (GString    *out,
                 GPtrArray  *nodes,
                 const char *op)
{
  if (nodes->len == 1)
    {
      append_fts (out, g_ptr_array_index (nodes, 0));
      return;
    }

  g_string_append_c (out, '(');
  for (guint i = 0; i < nodes->len; i++)
    {
      if (i > 0)
        g_string_append (out, op);
      append_fts (out, g_ptr_array_index (nodes, i));
    }
  g_string_append_c (out, ')');
}

/* positive AND …, NOT (negative OR …); FTS5's NOT is binary */
static void
append_fts_conjunction (GString   *out,
                        GPtrArray *positive,
                        GPtrArray *negative)
{
  g_assert (positive->len > 0);

  if (negative->len == 0)
    {
      append_fts_join (out, positive, " AND ");
      return;
    }

  g_string_append_c (out, '(');
  append_fts_join (out, positive, " AND ");
  g_string_append (out, " NOT ");
  append_fts_join (out, negative, " OR ");
  g_string_append_c (out, ')');
}

static void
append_fts (GString *out,
            Node    *node)
{
  switch (node->kind)
    {
    case NODE_TERM:
      if (node->title)
        g_string_append (out, "title : ");
      append_fts_phrase (out, node);
      break;

    case NODE_NEAR:
      if (node->title)
        g_string_append (out, "title : ");
      g_string_append (out, "NEAR(");
      for (guint i = 0; i < node->children->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ' ');
          append_fts_phrase (out, CHILD (node, i));
        }
      if (node->distance >= 0)
        g_string_append_printf (out, ", %d", node->distance);
      g_string_append_c (out, ')');
      break;

    case NODE_OR:
      append_fts_join (out, node->children, " OR ");
      break;

    case NODE_AND:
      {
        g_autoptr(GPtrArray) positive = g_ptr_array_new ();
        g_autoptr(GPtrArray) negative = g_ptr_array_new ();

        for (guint i = 0; i < node->children->len; i++)
          {
            Node *child = CHILD (node, i);

            if (child->kind == NODE_NOT)
              g_ptr_array_add (negative, CHILD (child, 0));
            else
              g_ptr_array_add (positive, child);
          }

        append_fts_conjunction (out, positive, negative);
      }
      break;

    case NODE_NOT:
    case NODE_FIELD:
    case NODE_DATE:
    default:
      g_assert_not_reached ();
    }
}

static char *
dup_fts (Node *node)
{
  GString *out = g_string_new (NULL);

  append_fts (out, node);
  return g_string_free (out, FALSE);
}

/* Splits the operands of an AND into one FTS5 expression (NULL when
 * none of them has anything positive for FTS5) and the rest. */
static char *
split_conjunction (GPtrArray *children,
                   GPtrArray *rest)
{
  g_autoptr(GPtrArray) positive = g_ptr_array_new ();
  g_autoptr(GPtrArray) negative = g_ptr_array_new ();
  GString *out;

  for (guint i = 0; i < children->len; i++)
    {
      Node *child = g_ptr_array_index (children, i);

      if (child->kind == NODE_NOT && fts_ok (CHILD (child, 0)))
        g_ptr_array_add (negative, CHILD (child, 0));
      else if (child->kind != NODE_NOT && fts_ok (child))
        g_ptr_array_add (positive, child);
      else
        g_ptr_array_add (rest, child);
    }

  if (positive->len == 0)
    {
      /* Pure negation: documents.id NOT IN (…) in SQL */
      for (guint i = 0; i < children->len; i++)
        {
          Node *child = g_ptr_array_index (children, i);

          if (child->kind == NODE_NOT && fts_ok (CHILD (child, 0)))
            g_ptr_array_add (rest, child);
        }
      return NULL;
    }

  out = g_string_new (NULL);
  append_fts_conjunction (out, positive, negative);
  return g_string_free (out, FALSE);
}

static void append_sql (GString *sql, GPtrArray *params, Node *node);

static void
append_sql_list (GString   *sql,
                 GPtrArray *params,
                 GPtrArray *nodes,
                 CeWhereOp  op,
                 gboolean   first)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      if (!first || i > 0)
        ce_corpus_where_op (sql, op);
      ce_corpus_where_op (sql, CE_WHERE_OPEN);
      append_sql (sql, params, g_ptr_array_index (nodes, i));
      ce_corpus_where_op (sql, CE_WHERE_CLOSE);
    }
}

static void
append_sql (GString   *sql,
            GPtrArray *params,
            Node      *node)
{
  if (fts_ok (node))
    {
      ce_corpus_where_match (sql, params, dup_fts (node));
      return;
    }

  switch (node->kind)
    {
    case NODE_NOT:
      ce_corpus_where_op (sql, CE_WHERE_NOT);
      append_sql (sql, params, CHILD (node, 0));
      ce_corpus_where_op (sql, CE_WHERE_CLOSE);
      break;

    case NODE_AND:
      {
        g_autoptr(GPtrArray) rest = g_ptr_array_new ();
        char *fts = split_conjunction (node->children, rest);

        if (fts != NULL)
          ce_corpus_where_match (sql, params, fts);
        append_sql_list (sql, params, rest, CE_WHERE_AND, fts != NULL ? FALSE : TRUE);
      }
      break;

    case NODE_OR:
      {
        g_autoptr(GPtrArray) words = g_ptr_array_new ();
        g_autoptr(GPtrArray) rest = g_ptr_array_new ();

        /* The alternatives FTS5 can express share one subquery */
        for (guint i = 0; i < node->children->len; i++)
          {
            Node *child = CHILD (node, i);

            g_ptr_array_add (fts_ok (child) ? words : rest, child);
          }

        if (words->len > 0)
          {
            GString *fts = g_string_new (NULL);

            append_fts_join (fts, words, " OR ");
            ce_corpus_where_match (sql, params, g_string_free (fts, FALSE));
          }
        append_sql_list (sql, params, rest, CE_WHERE_OR, words->len == 0);
      }
      break;

    case NODE_FIELD:
      ce_corpus_where_field (sql, params, fields[node->field].where, node->folded);
      break;

    case NODE_DATE:
      ce_corpus_where_date (sql, params, node->lo, node->lo_strict, node->hi, node->hi_strict);
      break;

    case NODE_TERM:
    case NODE_NEAR:
    default:
      g_assert_not_reached ();
    }
}

static void
collect_highlights (Node       *node,
                    gboolean    negated,
                    GPtrArray  *out)
{
  switch (node->kind)
    {
    case NODE_TERM:
    case NODE_NEAR:
      if (!negated)
        {
          char *fts = dup_fts (node);

          if (g_ptr_array_find_with_equal_func (out, fts, g_str_equal, NULL))
            g_free (fts);
          else
            g_ptr_array_add (out, fts);
        }
      break;

    case NODE_NOT:
      collect_highlights (CHILD (node, 0), !negated, out);
      break;

    case NODE_AND:
    case NODE_OR:
      for (guint i = 0; i < node->children->len; i++)
        collect_highlights (CHILD (node, i), negated, out);
      break;

    case NODE_FIELD:
    case NODE_DATE:
    default:
      break;
    }
}

static void
compile (CeQuery *self)
{
  g_autoptr(GPtrArray) highlights = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  GString *where = g_string_new (NULL);

  self->params = g_ptr_array_new_with_free_func (g_free);

  if (self->root == NULL)
    ;
  else if (self->root->kind == NODE_AND)
    self->fts = split_conjunction (self->root->children, rest);
  else if (fts_ok (self->root))
    self->fts = dup_fts (self->root);
  else
    g_ptr_array_add (rest, self->root);

  append_sql_list (where, self->params, rest, CE_WHERE_AND, TRUE);
  self->where = g_string_free (where, FALSE);

  if (self->root != NULL)
    collect_highlights (self->root, FALSE, highlights);

  if (highlights->len == 1)
    {
      self->highlight = g_strdup (g_ptr_array_index (highlights, 0));
    }
  else if (highlights->len > 1)
    {
      g_ptr_array_add (highlights, NULL);
      self->highlight = g_strjoinv (" OR ", (char **)highlights->pdata);
    }
}

/* Normalised text */

static void
append_words (GString *out,
              Node    *term)
{
  if (term->phrase)
    g_string_append_printf (out, "\"%s\"", term->text);
  else
    g_string_append (out, term->text);
  if (term->prefix)
    g_string_append_c (out, '*');
}

static void
append_text (GString  *out,
             Node     *node,
             NodeKind  parent)
{
  switch (node->kind)
    {
    case NODE_TERM:
      if (node->title)
        g_string_append (out, "title:");
      append_words (out, node);
      break;

    case NODE_NEAR:
      if (node->title)
        g_string_append (out, "title:");
      g_string_append (out, "NEAR(");
      for (guint i = 0; i < node->children->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ' ');
          append_words (out, CHILD (node, i));
        }
      if (node->distance >= 0)
        g_string_append_printf (out, ", %d", node->distance);
      g_string_append_c (out, ')');
      break;

    case NODE_FIELD:
      g_string_append_printf (out, "%s:\"%s\"", fields[node->field].name, node->text);
      break;

    case NODE_DATE:
      g_string_append_printf (out, "date:%s", node->text);
      break;

    case NODE_NOT:
      g_string_append_c (out, '-');
      append_text (out, CHILD (node, 0), NODE_NOT);
      break;

    case NODE_AND:
    case NODE_OR:
      {
        gboolean parens = parent == NODE_NOT || (parent != node->kind && (parent == NODE_AND || parent == NODE_OR));

        if (parens)
          g_string_append_c (out, '(');
        for (guint i = 0; i < node->children->len; i++)
          {
            if (i > 0)
              g_string_append (out, node->kind == NODE_AND ? " AND " : " OR ");
            append_text (out, CHILD (node, i), node->kind);
          }
        if (parens)
          g_string_append_c (out, ')');
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Public API */

/**
 * ce_query_error_get_column:
 * @error: an error from ce_query_parse()
 *
 * Returns: the 1-based column, in characters, that a syntax error points
 *   at, or 0 when @error is not a %CE_QUERY_ERROR
 */
guint
ce_query_error_get_column (const GError *error)
{
  if (error == NULL || error->domain != CE_QUERY_ERROR)
    return 0;

  return ce_query_error_get_private (error)->column;
}

/**
 * ce_query_fold_value:
 * @value: a metadata value
 *
 * Folds case the way place:, source:, section: and author: compare
 * values: Unicode normalisation (NFKC), case folding, and no surrounding
 * white space.  Accents are kept: place:zurich does not match Zürich.
 *
 * Returns: (transfer full): the folded text
 */
char *
ce_query_fold_value (const char *value)
{
  g_return_val_if_fail (value != NULL, NULL);

  return ce_text_fold_value (value);
}

/**
 * ce_query_parse:
 * @text: (nullable): what the user typed
 * @error: a %CE_QUERY_ERROR with a column (see ce_query_error_get_column())
 *
 * Parses a query.  %NULL, empty or blank text gives the query that
 * matches every document.
 *
 * Returns: (transfer full): the query, or %NULL on a syntax error
 */
CeQuery *
ce_query_parse (const char  *text,
                GError     **error)
{
  g_autoptr(CeQuery) self = NULL;
  const char *invalid = NULL;
  Parser parser = { 0, };
  Token *next;

  if (text == NULL)
    text = "";

  if (!g_utf8_validate (text, -1, &invalid))
    {
      guint column = g_utf8_strlen (text, invalid - text) + 1;
      GError *local = g_error_new (CE_QUERY_ERROR, CE_QUERY_ERROR_SYNTAX,
                                   "the query is not valid UTF-8 at column %u", column);

      ce_query_error_get_private (local)->column = column;
      g_propagate_error (error, local);
      return NULL;
    }

  self = g_new0 (CeQuery, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->text = g_strdup (text);

  parser.text = self->text;
  parser.p = self->text;
  parser.column = 1;

  self->root = parse_and_list (&parser);

  if (parser.error == NULL && (next = peek (&parser)) != NULL && next->kind == TOK_RPAREN)
    parser_fail (&parser, next->column, "unmatched )");

  if (parser.error == NULL && self->root == NULL && parser.junk_column > 0)
    parser_fail (&parser, parser.junk_column, "nothing to search for: no letters or digits");

  if (parser.has_lookahead)
    token_clear (&parser.lookahead);

  if (parser.error != NULL)
    {
      g_propagate_error (error, parser.error);
      return NULL;
    }

  compile (self);
  return g_steal_pointer (&self);
}

CeQuery *
ce_query_ref (CeQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ce_query_unref (CeQuery *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  node_free (self->root);
  g_clear_pointer (&self->params, g_ptr_array_unref);
  g_free (self->fts);
  g_free (self->highlight);
  g_free (self->where);
  g_free (self->text);
  g_free (self);
}

/**
 * ce_query_get_text:
 *
 * Returns: the text the query was parsed from
 */
const char *
ce_query_get_text (CeQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->text;
}

/**
 * ce_query_is_empty:
 *
 * Returns: %TRUE when the query matches every document
 */
gboolean
ce_query_is_empty (CeQuery *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->root == NULL;
}

/**
 * ce_query_get_fts:
 *
 * Returns: (nullable): the FTS5 expression for `fts MATCH ?` that every
 *   matching document satisfies, or %NULL when the query has no
 *   full-text part that can drive the search on its own
 */
const char *
ce_query_get_fts (CeQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->fts;
}

/**
 * ce_query_get_highlight_fts:
 *
 * Returns: (nullable): an FTS5 expression that matches every word,
 *   phrase and NEAR group the query looks for (not those it excludes):
 *   the matches to highlight and count in a matching document
 */
const char *
ce_query_get_highlight_fts (CeQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->highlight;
}

/**
 * ce_query_has_filters:
 *
 * Returns: %TRUE when ce_query_append_sql() adds conditions
 */
gboolean
ce_query_has_filters (CeQuery *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->where[0] != 0;
}

/**
 * ce_query_append_sql:
 * @where: SQL conditions so far, AND-ed with what is added
 * @params: (element-type utf8): the parameters so far; create it with
 *   g_ptr_array_new_with_free_func (g_free)
 *
 * Adds the conditions of the query that are not in ce_query_get_fts(),
 * with one `?` per string added to @params, in order.  They refer to the
 * table `documents` by that name, to the FTS5 table `fts`, and to the
 * function ce_casefold() that ce_search_install() registers.
 */
void
ce_query_append_sql (CeQuery   *self,
                     GString   *where,
                     GPtrArray *params)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (where != NULL);
  g_return_if_fail (params != NULL);

  if (self->where[0] == 0)
    return;

  if (where->len > 0)
    ce_corpus_where_op (where, CE_WHERE_AND);
  g_string_append (where, self->where);

  for (guint i = 0; i < self->params->len; i++)
    g_ptr_array_add (params, g_strdup (g_ptr_array_index (self->params, i)));
}

/**
 * ce_query_to_string:
 *
 * Returns: (transfer full): the query in a normalised form, with every
 *   operator written out and parentheses where precedence needs them
 */
char *
ce_query_to_string (CeQuery *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  if (self->root != NULL)
    append_text (out, self->root, NODE_TERM);

  return g_string_free (out, FALSE);
}
