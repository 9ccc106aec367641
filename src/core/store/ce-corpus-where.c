/* ce-corpus-where.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-corpus-where"

#include "config.h"

#include "ce-corpus-where.h"

/* The first and last day of a stored date, as partial dates are ranges
 * (see DateRange in ce-query.c) */
#define DATE_FIRST_SQL \
  "(CASE length(documents.date) WHEN 4 THEN documents.date || '-01-01'" \
  " WHEN 7 THEN documents.date || '-01' ELSE substr(documents.date, 1, 10) END)"
#define DATE_LAST_SQL \
  "(CASE length(documents.date) WHEN 4 THEN documents.date || '-12-31'" \
  " WHEN 7 THEN documents.date || '-31' ELSE substr(documents.date, 1, 10) END)"

void
ce_corpus_where_op (GString   *where,
                    CeWhereOp  op)
{
  static const char * const text[] = {
    [CE_WHERE_AND] = " AND ",
    [CE_WHERE_OR] = " OR ",
    [CE_WHERE_NOT] = "NOT (",
    [CE_WHERE_OPEN] = "(",
    [CE_WHERE_CLOSE] = ")",
  };

  g_return_if_fail (where != NULL);
  g_return_if_fail (op < G_N_ELEMENTS (text));

  g_string_append (where, text[op]);
}

/**
 * ce_corpus_where_match:
 * @fts: (transfer full): an FTS5 expression
 *
 * The document matches @fts.
 */
void
ce_corpus_where_match (GString   *where,
                       GPtrArray *params,
                       char      *fts)
{
  g_return_if_fail (where != NULL);
  g_return_if_fail (params != NULL);
  g_return_if_fail (fts != NULL);

  /* ce_scope() limits it to what the connection counts (the search
   * functions register it) */
  g_string_append (where, "documents.id IN (SELECT rowid FROM fts WHERE fts MATCH ce_scope(?))");
  g_ptr_array_add (params, fts);
}

/**
 * ce_corpus_where_field:
 * @folded: the value folded by ce_query_fold_value()
 *
 * The field has this value, compared without regard to case.
 */
void
ce_corpus_where_field (GString      *where,
                       GPtrArray    *params,
                       CeWhereField  field,
                       const char   *folded)
{
  static const char * const columns[] = {
    [CE_WHERE_PLACE] = "documents.place",
    [CE_WHERE_SOURCE] = "documents.source",
    [CE_WHERE_SECTION] = "documents.section",
    [CE_WHERE_AUTHOR] = "documents.author",
  };

  g_return_if_fail (where != NULL);
  g_return_if_fail (params != NULL);
  g_return_if_fail (field < G_N_ELEMENTS (columns));

  /* Place and source are indexed (ce-corpus-schema.c; a corpus without
   * the index is refused as damaged): rather than fold the value of
   * every document (19 ms at 200,000 documents), the index is walked
   * from one distinct value to the next (one seek each: a few hundred
   * places, at most as many seeks as documents), the values that fold
   * to @folded kept, and the documents with those read from the index
   * (1.5 ms).  The same documents: every stored value is looked at. */
  if (field == CE_WHERE_PLACE || field == CE_WHERE_SOURCE)
    {
      const char *name = field == CE_WHERE_PLACE ? "place" : "source";

      /* Not NULL first: a missing value is false, never NULL, so NOT
       * works */
      g_string_append_printf (where,
                              "(%s IS NOT NULL AND %s IN"
                              " (WITH RECURSIVE ce_values(v) AS"
                              " (SELECT min(%s) FROM documents"
                              " UNION ALL SELECT (SELECT min(ce_next.%s) FROM documents AS ce_next"
                              " WHERE ce_next.%s > ce_values.v)"
                              " FROM ce_values WHERE ce_values.v IS NOT NULL)"
                              " SELECT v FROM ce_values WHERE ce_casefold(v) IS ?))",
                              columns[field], columns[field], name, name, name);
      g_ptr_array_add (params, g_strdup (folded));
      return;
    }

  /* IS, not =: a missing value is false, never NULL, so NOT works */
  g_string_append_printf (where, "ce_casefold(%s) IS ?", columns[field]);
  g_ptr_array_add (params, g_strdup (folded));
}

/**
 * ce_corpus_where_date:
 * @lo: (nullable): the first day, month or year of the range
 * @lo_strict: whether the range starts after @lo
 * @hi: (nullable): the last day, month or year of the range
 * @hi_strict: whether the range ends before @hi
 *
 * The document has a date, and the date lies within the range.
 */
void
ce_corpus_where_date (GString    *where,
                      GPtrArray  *params,
                      const char *lo,
                      gboolean    lo_strict,
                      const char *hi,
                      gboolean    hi_strict)
{
  g_return_if_fail (where != NULL);
  g_return_if_fail (params != NULL);

  g_string_append (where, "documents.date IS NOT NULL");

  if (lo != NULL)
    {
      /* A plain comparison on the column lets SQLite use its index */
      g_string_append (where, " AND documents.date >= ?");
      g_ptr_array_add (params, g_strndup (lo, 4));
      g_string_append_printf (where, " AND " DATE_FIRST_SQL " %s ?", lo_strict ? ">" : ">=");
      g_ptr_array_add (params, g_strdup (lo));
    }

  if (hi != NULL)
    {
      guint year = g_ascii_strtoull (hi, NULL, 10);

      if (year < 9999)
        {
          g_string_append (where, " AND documents.date < ?");
          g_ptr_array_add (params, g_strdup_printf ("%04u", year + 1));
        }
      g_string_append_printf (where, " AND " DATE_LAST_SQL " %s ?", hi_strict ? "<" : "<=");
      g_ptr_array_add (params, g_strdup (hi));
    }
}

/**
 * ce_corpus_where_one_per_story:
 *
 * The document is not a copy of another: it is in no group of copies,
 * or it is its group's representative (ce-corpus-duplicates.h).
 */
void
ce_corpus_where_one_per_story (GString *where)
{
  g_return_if_fail (where != NULL);

  g_string_append (where, "NOT EXISTS (SELECT 1 FROM copies"
                          " WHERE copies.doc_id = documents.id AND copies.group_id <> documents.id)");
}
