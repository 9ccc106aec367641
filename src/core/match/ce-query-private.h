/* ce-query-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ce-corpus-where.h"
#include "ce-query.h"

G_BEGIN_DECLS

/* The search language in three files (see ce-query.c):
 *   ce-query-lexer.c    text into tokens
 *   ce-query.c          tokens into a tree, and the public API
 *   ce-query-date.c     date: values into ranges of days
 *   ce-query-compile.c  the tree into FTS5 and SQL conditions, and text */

typedef enum
{
  FIELD_NONE,
  FIELD_TITLE,
  FIELD_PLACE,
  FIELD_SOURCE,
  FIELD_SECTION,
  FIELD_AUTHOR,
  FIELD_DATE,
  FIELD_COPIES,
} Field;

/* The metadata filters name a field of the store; title:, date: and
 * copies: have their own code */
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
  [FIELD_COPIES] = { "copies", 0 },
};

/* The one value copies: takes */
#define COPIES_ONE "one"

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

#define CHILD(node, i) ((Node *)g_ptr_array_index ((node)->children, (i)))

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

/* ce-query.c */
Node *_ce_query_node_new (NodeKind kind);
void _ce_query_node_free (Node *node);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Node, _ce_query_node_free)
G_GNUC_PRINTF (3, 4)
void _ce_query_parser_fail (Parser     *parser,
                            guint       column,
                            const char *format,
                            ...);

/* ce-query-lexer.c */
void _ce_query_token_clear (Token *token);
gboolean _ce_query_is_quote (gunichar c);
gboolean _ce_query_is_word_stop (gunichar c);
gboolean _ce_query_has_token_chars (const char *text);
gunichar _ce_query_current (Parser *parser);
void _ce_query_advance (Parser *parser);
void _ce_query_skip_space (Parser *parser);
gboolean _ce_query_lex_quoted (Parser  *parser,
                               char   **text);
gboolean _ce_query_lex_stars (Parser *parser);
void _ce_query_lex_word (Parser     *parser,
                         const char *start,
                         gsize       len,
                         Token      *token);
Token *_ce_query_peek (Parser *parser);
Token *_ce_query_peek_raw (Parser *parser);
void _ce_query_take (Parser *parser,
                     Token  *token);
void _ce_query_drop (Parser *parser);

/* ce-query-date.c */
Node *_ce_query_parse_date_value (Parser *parser,
                                  Token  *token);

/* ce-query-compile.c */
void _ce_query_compile (CeQuery *self);

G_END_DECLS
