/* ce-query-compile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-query"

#include "config.h"

#include <string.h>

#include "ce-query-private.h"

/* The parsed tree compiled into an FTS5 expression and SQL conditions
 * (written by the store, see ce-corpus-where.c), the highlights, and the
 * normalised text; the accessors of what the compilation made. */

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
      if (node->field == FIELD_COPIES)
        ce_corpus_where_one_per_story (sql);
      else
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

void
_ce_query_compile (CeQuery *self)
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
  /* After "title:", a word that starts with a slash would read back as a
   * URL (one word with the field name in it): quoted, it stays a term */
  if (term->phrase || (term->title && term->text[0] == '/'))
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
      if (node->field == FIELD_COPIES)
        g_string_append (out, "copies:" COPIES_ONE);
      else
        g_string_append_printf (out, "%s:\"%s\"", fields[node->field].name, node->text);
      break;

    case NODE_DATE:
      g_string_append_printf (out, "date:%s", node->text);
      break;

    case NODE_NOT:
      {
        g_autoptr(GString) child = g_string_new (NULL);
        gunichar first;

        /* "-" negates only what starts with a letter, a digit, a quote
         * or a parenthesis: NOT ?o must not come back as the word -?o */
        append_text (child, CHILD (node, 0), NODE_NOT);
        first = g_utf8_get_char (child->str);
        if (g_unichar_isalnum (first) || first == '(' || first == '"')
          g_string_append_c (out, '-');
        else
          g_string_append (out, "NOT ");
        g_string_append_len (out, child->str, child->len);
      }
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
