/* ce-query.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The search language, parsed into a safe FTS5 expression plus SQL
 * filters with bound parameters.
 *
 *   storm harbour          both words (AND is implied; AND may be written)
 *   "storm warning"        an exact phrase
 *   storm OR gale          either; OR binds tighter than AND, so
 *                          `ferry storm OR gale` is ferry AND (storm OR gale)
 *   -storm, NOT storm      without the word
 *   harb*                  a prefix
 *   NEAR(storm harbour, 5) both within 5 words of each other (default 10)
 *   ( … )                  grouping
 *   title:storm            the word in the title; also title:"a phrase",
 *                          title:harb*, title:NEAR(…), title:( … )
 *   place:oban             exact, case-insensitive metadata match; also
 *                          source:, section:, author:, with "quoted values"
 *   date:2024              the document's date lies within 2024 (partial
 *                          dates are ranges: 2024-03 and 2024-03-05 both
 *                          lie within 2024, but 2024 does not lie within
 *                          2024-03); date:2024-01..2024-06, date:2020..,
 *                          date:..2023, date:>2020, date:>=2020-05,
 *                          date:<2021, date:<=2023-05.  Undated documents
 *                          match no date filter (and so match its negation).
 *   copies:one             one document per story: a copy of another document
 *                          is left out unless it is its group's representative
 *                          (the earliest); -copies:one lists the copies left out
 *
 * Operators (OR, AND, NOT, NEAR) are recognised in capitals only; a word
 * made only of punctuation is ignored, as the tokenizer would.  Matching
 * ignores case and diacritics (café = cafe) the way the corpus index does.
 */

#define CE_QUERY_ERROR (ce_query_error_quark ())

typedef enum
{
  CE_QUERY_ERROR_SYNTAX,       /* the text is not a valid query */
  CE_QUERY_ERROR_TOO_COMPLEX,  /* too many terms or nested too deeply */
} CeQueryError;

/* Limits that keep a pasted or hostile query from exhausting SQLite:
 * the terms a query may hold (filters and negations count; a short prefix
 * counts as several, by its length in characters) */
#define CE_QUERY_MAX_TERMS 100
#define CE_QUERY_PREFIX_COST_1 32
#define CE_QUERY_PREFIX_COST_2 16
#define CE_QUERY_PREFIX_COST_3 4
#define CE_QUERY_MAX_DEPTH 32

typedef struct _CeQuery CeQuery;

#define CE_TYPE_QUERY (ce_query_get_type ())

GType       ce_query_get_type               (void) G_GNUC_CONST;
GQuark      ce_query_error_quark            (void);
guint       ce_query_error_get_column       (const GError  *error);

CeQuery    *ce_query_parse                  (const char    *text,
                                             GError       **error);
CeQuery    *ce_query_ref                    (CeQuery       *self);
void        ce_query_unref                  (CeQuery       *self);

const char *ce_query_get_text               (CeQuery       *self);
gboolean    ce_query_is_empty               (CeQuery       *self);
const char *ce_query_get_fts                (CeQuery       *self);
const char *ce_query_get_highlight_fts      (CeQuery       *self);
gboolean    ce_query_has_filters            (CeQuery       *self);
void        ce_query_append_sql             (CeQuery       *self,
                                             GString       *where,
                                             GPtrArray     *params);
char       *ce_query_to_string              (CeQuery       *self);
CeQuery    *ce_query_new_one_per_story      (CeQuery       *self,
                                             GError       **error);

char       *ce_query_fold_value             (const char    *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CeQuery, ce_query_unref)

G_END_DECLS
