/* ce-corpus-where.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Conditions on documents, written by the store for the search language
 * (ce-query.c), so that no SQL is written outside the store.  Each
 * function appends to @where and adds one string to @params per `?`.
 * The text refers to the tables `documents` and `fts` and to the SQL
 * function ce_casefold() that ce_search_install() registers. */

typedef enum
{
  CE_WHERE_AND,    /* " AND " */
  CE_WHERE_OR,     /* " OR " */
  CE_WHERE_NOT,    /* "NOT (", closed by CE_WHERE_CLOSE */
  CE_WHERE_OPEN,
  CE_WHERE_CLOSE,
} CeWhereOp;

typedef enum
{
  CE_WHERE_PLACE,
  CE_WHERE_SOURCE,
  CE_WHERE_SECTION,
  CE_WHERE_AUTHOR,
} CeWhereField;

void ce_corpus_where_op    (GString       *where,
                            CeWhereOp      op);
void ce_corpus_where_match (GString       *where,
                            GPtrArray     *params,
                            char          *fts);
void ce_corpus_where_field (GString       *where,
                            GPtrArray     *params,
                            CeWhereField   field,
                            const char    *folded);
void ce_corpus_where_one_per_story (GString *where);
void ce_corpus_where_date  (GString       *where,
                            GPtrArray     *params,
                            const char    *lo,
                            gboolean       lo_strict,
                            const char    *hi,
                            gboolean       hi_strict);

G_END_DECLS
