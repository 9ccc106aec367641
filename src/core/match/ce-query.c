/* ce-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-query"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-query-private.h"
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

Node *
_ce_query_node_new (NodeKind kind)
{
  Node *node = g_new0 (Node, 1);

  node->kind = kind;
  node->distance = -1;
  if (kind == NODE_AND || kind == NODE_OR || kind == NODE_NOT || kind == NODE_NEAR)
    node->children = g_ptr_array_new_with_free_func ((GDestroyNotify)_ce_query_node_free);

  return node;
}

void
_ce_query_node_free (Node *node)
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

G_GNUC_PRINTF (3, 4)
void
_ce_query_parser_fail (Parser     *parser,
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
                               _("%s at column %u"), message, column);
  ce_query_error_get_private (parser->error)->column = column;
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

/* Adds the cost of one term to the query's: a word, a phrase or a filter
 * counts 1, a prefix more the shorter it is, since FTS5 reads every word
 * it expands to (1,000 two-letter prefixes took 41 s and 700 MB) */
static gboolean
count_term_cost (Parser *parser,
                 guint   column,
                 guint   cost)
{
  parser->n_terms += cost;
  if (parser->n_terms > CE_QUERY_MAX_TERMS)
    {
      if (parser->error == NULL)
        {
          parser->error = g_error_new (CE_QUERY_ERROR, CE_QUERY_ERROR_TOO_COMPLEX,
                                       _("too many terms at column %u: a query holds at most %u, "
                                         "and a short prefix counts for several (a* for %u, "
                                         "ab* for %u, abc* for %u)"),
                                       column, CE_QUERY_MAX_TERMS, CE_QUERY_PREFIX_COST_1,
                                       CE_QUERY_PREFIX_COST_2, CE_QUERY_PREFIX_COST_3);
          ce_query_error_get_private (parser->error)->column = column;
        }
      return FALSE;
    }

  return TRUE;
}

static gboolean
count_term (Parser *parser,
            guint   column)
{
  return count_term_cost (parser, column, 1);
}

static guint
prefix_cost (const char *text)
{
  /* The star of a phrase applies to its last word */
  const char *last = text != NULL ? strrchr (text, ' ') : NULL;

  if (last != NULL)
    text = last + 1;

  switch (text != NULL ? g_utf8_strlen (text, -1) : 0)
    {
    case 0:
    case 1:
      return CE_QUERY_PREFIX_COST_1;
    case 2:
      return CE_QUERY_PREFIX_COST_2;
    case 3:
      return CE_QUERY_PREFIX_COST_3;
    default:
      return 1;
    }
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
                                       _("the query nests more than %u levels deep at column %u"),
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

  if (!count_term_cost (parser, token->column,
                        token->prefix ? prefix_cost (token->text) : 1))
    return NULL;

  node = _ce_query_node_new (NODE_TERM);
  node->text = g_steal_pointer (&token->text);
  node->phrase = token->kind == TOK_PHRASE;
  node->prefix = token->prefix;
  return node;
}

static Node *
parse_near (Parser *parser,
            guint   near_column)
{
  g_autoptr(Node) node = _ce_query_node_new (NODE_NEAR);

  for (;;)
    {
      Token token = { 0, };
      const char *start;
      gunichar c;

      _ce_query_skip_space (parser);
      c = _ce_query_current (parser);
      token.column = parser->column;

      if (c == 0)
        {
          _ce_query_parser_fail (parser, near_column, _("missing ) for NEAR("));
          return NULL;
        }

      if (c == ')')
        {
          _ce_query_advance (parser);
          break;
        }

      if (c == ',')
        {
          guint number_column;
          guint64 distance = 0;
          guint digits = 0;

          _ce_query_advance (parser);
          _ce_query_skip_space (parser);
          number_column = parser->column;
          while (g_ascii_isdigit (_ce_query_current (parser)))
            {
              if (++digits <= 6)
                distance = distance * 10 + (_ce_query_current (parser) - '0');
              _ce_query_advance (parser);
            }

          if (digits == 0)
            {
              _ce_query_parser_fail (parser, number_column, _("NEAR needs a number after the comma"));
              return NULL;
            }
          if (digits > 6)
            {
              _ce_query_parser_fail (parser, number_column, _("NEAR distance is too large"));
              return NULL;
            }

          _ce_query_skip_space (parser);
          if (_ce_query_current (parser) != ')')
            {
              _ce_query_parser_fail (parser, near_column, _("missing ) for NEAR("));
              return NULL;
            }
          _ce_query_advance (parser);
          node->distance = distance;
          break;
        }

      if (c == '(')
        {
          _ce_query_parser_fail (parser, token.column, _("NEAR() takes words and phrases only"));
          return NULL;
        }

      if (_ce_query_is_quote (c))
        {
          if (!_ce_query_lex_quoted (parser, &token.text))
            return NULL;
          token.prefix = _ce_query_lex_stars (parser);
          token.kind = _ce_query_has_token_chars (token.text) ? TOK_PHRASE : TOK_JUNK;
        }
      else
        {
          gsize len;
          gsize name_len;

          start = parser->p;
          while (!_ce_query_is_word_stop (_ce_query_current (parser)) && _ce_query_current (parser) != ',')
            _ce_query_advance (parser);
          len = parser->p - start;

          for (name_len = 0; name_len < len && g_ascii_isalpha (start[name_len]); name_len++)
            ;

          if ((len == 2 && memcmp (start, "OR", 2) == 0) ||
              (len == 3 && memcmp (start, "AND", 3) == 0) ||
              (len == 3 && memcmp (start, "NOT", 3) == 0) ||
              (name_len > 0 && name_len < len && start[name_len] == ':'))
            {
              _ce_query_parser_fail (parser, token.column, _("NEAR() takes words and phrases only"));
              return NULL;
            }

          _ce_query_lex_word (parser, start, len, &token);
        }

      if (token.kind == TOK_JUNK)
        {
          _ce_query_token_clear (&token);
          continue;
        }

      {
        Node *term = term_from_token (parser, &token);

        _ce_query_token_clear (&token);
        if (term == NULL)
          return NULL;
        g_ptr_array_add (node->children, term);
      }
    }

  if (node->children->len < 2)
    {
      _ce_query_parser_fail (parser, near_column, _("NEAR needs at least two terms"));
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
      _ce_query_parser_fail (parser, column, _("title: takes words, phrases and NEAR() only"));
      return FALSE;
    }
}

/* "( … )", at its opening parenthesis: the list inside, or NULL with
 * the parser's error set */
static Node *
parse_group (Parser *parser)
{
  Token *next = _ce_query_peek (parser);
  guint open_column = next->column;
  Node *node;

  _ce_query_drop (parser);
  if (!enter (parser, open_column))
    return NULL;
  node = parse_and_list (parser);
  parser->depth--;

  if (parser->error != NULL)
    {
      g_clear_pointer (&node, _ce_query_node_free);
      return NULL;
    }

  next = _ce_query_peek (parser);
  if (next == NULL || next->kind != TOK_RPAREN)
    {
      g_clear_pointer (&node, _ce_query_node_free);
      _ce_query_parser_fail (parser, open_column, _("missing ) for ("));
      return NULL;
    }
  _ce_query_drop (parser);

  if (node == NULL)
    _ce_query_parser_fail (parser, open_column, _("empty group"));

  return node;
}

static Node *
parse_title_value (Parser *parser,
                   guint   field_column)
{
  Token token;
  Token *next = _ce_query_peek_raw (parser);
  Node *node = NULL;

  if (next == NULL)
    return NULL;

  switch (next->kind)
    {
    case TOK_WORD:
    case TOK_PHRASE:
      _ce_query_take (parser, &token);
      node = term_from_token (parser, &token);
      _ce_query_token_clear (&token);
      break;

    case TOK_NEAR:
      _ce_query_take (parser, &token);
      _ce_query_token_clear (&token);
      node = parse_near (parser, token.column);
      break;

    case TOK_LPAREN:
      node = parse_group (parser);
      if (node == NULL)
        return NULL;
      break;

    case TOK_JUNK:
      _ce_query_parser_fail (parser, next->column, _("title: needs a word with letters or digits"));
      return NULL;

    case TOK_END:
    case TOK_RPAREN:
    case TOK_OR:
    case TOK_AND:
      _ce_query_parser_fail (parser, field_column, _("missing value after “title:”"));
      return NULL;

    case TOK_NOT:
    case TOK_MINUS:
    case TOK_FIELD:
    default:
      _ce_query_parser_fail (parser, next->column, _("title: takes words, phrases and NEAR() only"));
      return NULL;
    }

  if (node != NULL && !mark_title (parser, node, field_column))
    g_clear_pointer (&node, _ce_query_node_free);

  return node;
}

static Node *
parse_primary (Parser *parser)
{
  Token token;
  Token *next = _ce_query_peek (parser);
  Node *node = NULL;

  if (next == NULL)
    return NULL;

  switch (next->kind)
    {
    case TOK_LPAREN:
      return parse_group (parser);

    case TOK_WORD:
    case TOK_PHRASE:
      _ce_query_take (parser, &token);
      node = term_from_token (parser, &token);
      _ce_query_token_clear (&token);
      return node;

    case TOK_NEAR:
      _ce_query_take (parser, &token);
      _ce_query_token_clear (&token);
      return parse_near (parser, token.column);

    case TOK_FIELD:
      _ce_query_take (parser, &token);
      if (token.field == FIELD_TITLE)
        {
          node = parse_title_value (parser, token.column);
        }
      else if (count_term (parser, token.column))
        {
          if (token.field == FIELD_DATE)
            {
              node = _ce_query_parse_date_value (parser, &token);
            }
          else if (token.field == FIELD_COPIES &&
                   g_ascii_strcasecmp (token.text, COPIES_ONE) != 0)
            {
              _ce_query_parser_fail (parser, token.value_column,
                                     _("copies: takes “one” (one document per story)"));
            }
          else
            {
              node = _ce_query_node_new (NODE_FIELD);
              node->field = token.field;
              node->folded = ce_query_fold_value (token.text);
              node->text = g_steal_pointer (&token.text);
            }
        }
      _ce_query_token_clear (&token);
      return node;

    case TOK_RPAREN:
      _ce_query_parser_fail (parser, next->column, _("unmatched )"));
      return NULL;

    case TOK_OR:
      _ce_query_parser_fail (parser, next->column, _("OR needs a term on both sides"));
      return NULL;

    case TOK_AND:
      _ce_query_parser_fail (parser, next->column, _("AND needs a term on both sides"));
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
  Token *next = _ce_query_peek (parser);
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
  _ce_query_drop (parser);

  next = _ce_query_peek (parser);
  if (next == NULL)
    return NULL;

  if (ends_operand (next))
    {
      _ce_query_parser_fail (parser, column, minus ? "- needs a term after it" : "NOT needs a term after it");
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

  node = _ce_query_node_new (NODE_NOT);
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
      _ce_query_node_free (child);
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

  while ((next = _ce_query_peek (parser)) != NULL && next->kind == TOK_OR)
    {
      guint column = next->column;
      Node *operand;

      _ce_query_drop (parser);
      next = _ce_query_peek (parser);
      if (next == NULL)
        break;

      if (ends_operand (next))
        {
          _ce_query_parser_fail (parser, column, _("OR needs a term on both sides"));
          break;
        }

      operand = parse_unary (parser);
      if (operand == NULL)
        break;

      if (node == NULL)
        {
          node = _ce_query_node_new (NODE_OR);
          add_child (node, g_steal_pointer (&first));
        }
      add_child (node, operand);
    }

  if (parser->error != NULL)
    {
      g_clear_pointer (&first, _ce_query_node_free);
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

  while ((next = _ce_query_peek (parser)) != NULL)
    {
      Node *operand;

      if (next->kind == TOK_END || next->kind == TOK_RPAREN)
        break;

      if (next->kind == TOK_OR)
        {
          _ce_query_parser_fail (parser, next->column, _("OR needs a term on both sides"));
          break;
        }

      if (next->kind == TOK_AND)
        {
          guint column = next->column;

          _ce_query_drop (parser);
          next = _ce_query_peek (parser);
          if (next == NULL)
            break;
          if (first == NULL || ends_operand (next))
            {
              _ce_query_parser_fail (parser, column, _("AND needs a term on both sides"));
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
              node = _ce_query_node_new (NODE_AND);
              add_child (node, first);
            }
          add_child (node, operand);
        }
    }

  if (parser->error != NULL)
    {
      if (node == NULL)
        _ce_query_node_free (first);
      return NULL;
    }

  return node != NULL ? g_steal_pointer (&node) : first;
}

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
                                   _("the query is not valid UTF-8 at column %u"), column);

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

  if (parser.error == NULL && (next = _ce_query_peek (&parser)) != NULL && next->kind == TOK_RPAREN)
    _ce_query_parser_fail (&parser, next->column, _("unmatched )"));

  if (parser.error == NULL && self->root == NULL && parser.junk_column > 0)
    _ce_query_parser_fail (&parser, parser.junk_column, _("nothing to search for: no letters or digits"));

  if (parser.has_lookahead)
    _ce_query_token_clear (&parser.lookahead);

  if (parser.error != NULL)
    {
      g_propagate_error (error, parser.error);
      return NULL;
    }

  _ce_query_compile (self);
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

  _ce_query_node_free (self->root);
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
 * ce_query_new_one_per_story:
 *
 * The same query with `copies:one` added: what it matches, one document
 * per story (copies that are not their group's representative left out).
 *
 * Returns: (transfer full): the new query, or %NULL when the one more
 *   term makes the query too complex (%CE_QUERY_ERROR_TOO_COMPLEX)
 */
CeQuery *
ce_query_new_one_per_story (CeQuery  *self,
                            GError  **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->root == NULL)
    text = g_strdup ("copies:" COPIES_ONE);
  else
    text = g_strdup_printf ("(%s) copies:" COPIES_ONE, self->text);

  return ce_query_parse (text, error);
}
