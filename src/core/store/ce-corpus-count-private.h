/* ce-corpus-count-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What ce-corpus-count.c (the counting queries) and ce-corpus-mentions.c
 * (the auxiliary function they call) share.
 */

#pragma once

#include "ce-corpus-private.h"

G_BEGIN_DECLS

/* The type of the pointer bound for the auxiliary function */
#define PLAN_POINTER_TYPE "ce_counter_plan"
#define MENTIONS_FUNCTION "ce_mentions"

typedef struct
{
  gboolean   case_sensitive;
  gboolean   prefix;
  GPtrArray *tokens;         /* original text of each token, case-sensitive only */
} PlanPhrase;

typedef struct
{
  int   column;              /* CE_FTS_BODY or CE_FTS_QUOTED */
  int   start;               /* token positions in the column, inclusive */
  int   end;
  guint phrase;
} Span;

typedef struct
{
  int start;                 /* byte offsets */
  int end;
} TokenOffset;

/* What the auxiliary function needs for one query: the topic's phrases
 * in the order FTS5 numbers them, and scratch space reused per row. */
typedef struct
{
  GArray   *phrases;         /* of PlanPhrase */
  gboolean  any_case_sensitive;
  gboolean  want_ranges;
  char     *query;           /* the terms OR-ed, without column filter */
  char     *key;             /* identifies the terms, for the cache */
  GArray   *spans;
  GArray   *offsets;
  GArray   *ranges;          /* of CeMention, when want_ranges */
} Plan;

typedef struct
{
  GArray *offsets;
  int     last;
} TokenCollector;

/* ce_mentions(fts, plan) */
void _ce_counter_mentions_func (const Fts5ExtensionApi  *api,
                                Fts5Context             *fts,
                                sqlite3_context         *context,
                                int                      n_values,
                                sqlite3_value          **values);

G_END_DECLS
