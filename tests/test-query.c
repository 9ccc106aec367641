/* test-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ce-query.h"

static CeQuery *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  CeQuery *query = ce_query_parse (text, &error);

  if (error != NULL)
    g_test_message ("query ‘%s’ failed: %s", text, error->message);
  g_assert_no_error (error);
  g_assert_nonnull (query);
  return query;
}

static void
assert_fts (const char *text,
            const char *fts)
{
  g_autoptr(CeQuery) query = parse_ok (text);

  g_assert_cmpstr (ce_query_get_fts (query), ==, fts);
}

static void
assert_normal (const char *text,
               const char *normal)
{
  g_autoptr(CeQuery) query = parse_ok (text);
  g_autofree char *string = ce_query_to_string (query);

  g_assert_cmpstr (string, ==, normal);
}

static void
test_empty (void)
{
  const char *texts[] = { NULL, "", "   ", "\t\n" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(CeQuery) query = parse_ok (texts[i]);
      g_autoptr(GString) where = g_string_new (NULL);
      g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *string = ce_query_to_string (query);

      g_assert_true (ce_query_is_empty (query));
      g_assert_null (ce_query_get_fts (query));
      g_assert_null (ce_query_get_highlight_fts (query));
      g_assert_false (ce_query_has_filters (query));
      ce_query_append_sql (query, where, params);
      g_assert_cmpuint (where->len, ==, 0);
      g_assert_cmpuint (params->len, ==, 0);
      g_assert_cmpstr (string, ==, "");
    }
}

static void
test_fts (void)
{
  assert_fts ("storm", "\"storm\"");
  assert_fts ("storm harbour", "(\"storm\" AND \"harbour\")");
  assert_fts ("storm AND harbour", "(\"storm\" AND \"harbour\")");
  assert_fts ("storm OR gale", "(\"storm\" OR \"gale\")");
  /* OR binds tighter than the implied AND */
  assert_fts ("harbour storm OR gale", "(\"harbour\" AND (\"storm\" OR \"gale\"))");
  assert_fts ("(harbour storm) OR gale", "((\"harbour\" AND \"storm\") OR \"gale\")");
  assert_fts ("storm -harbour", "(\"storm\" NOT \"harbour\")");
  assert_fts ("storm NOT harbour -ferry", "(\"storm\" NOT (\"harbour\" OR \"ferry\"))");
  assert_fts ("ferr*", "\"ferr\" *");
  assert_fts ("\"storm warning\"", "\"storm warning\"");
  assert_fts ("\"storm warn\"*", "\"storm warn\" *");
  assert_fts ("“storm warning”", "\"storm warning\"");
  assert_fts ("NEAR(storm \"gale force\" harb*, 5)",
              "NEAR(\"storm\" \"gale force\" \"harb\" *, 5)");
  assert_fts ("NEAR(storm gale)", "NEAR(\"storm\" \"gale\")");
  assert_fts ("title:storm", "title : \"storm\"");
  assert_fts ("Title:\"storm warning\"", "title : \"storm warning\"");
  assert_fts ("title:stor*", "title : \"stor\" *");
  assert_fts ("title:(storm OR gale -rain)",
              "((title : \"storm\" OR title : \"gale\") NOT title : \"rain\")");
  assert_fts ("title:NEAR(storm gale, 3)", "title : NEAR(\"storm\" \"gale\", 3)");
  assert_fts ("a (b (c OR d))", "(\"a\" AND \"b\" AND (\"c\" OR \"d\"))");
  /* Punctuation-only words are dropped, as the tokenizer would */
  assert_fts ("storm & harbour", "(\"storm\" AND \"harbour\")");
  /* Operators are capitals only; other text is a literal string */
  assert_fts ("storm or near", "(\"storm\" AND \"or\" AND \"near\")");
  assert_fts ("e-mail", "\"e-mail\"");
  assert_fts ("--storm", "\"--storm\"");
  assert_fts ("10:30", "\"10:30\"");
  assert_fts ("see: storm", "(\"see:\" AND \"storm\")");
  assert_fts ("https://example.org/a", "\"https://example.org/a\"");
  /* Typed FTS5 syntax stays inside strings */
  assert_fts ("a*b", "\"a*b\"");
  assert_fts ("{title}:x", "\"{title}:x\"");
  assert_fts ("^storm", "\"^storm\"");
  assert_fts ("storm+gale", "\"storm+gale\"");
}

static void
test_filters (void)
{
  struct
  {
    const char *text;
    const char *fts;
    const char *where;   /* a part the conditions must hold */
    guint       n_params;
    const char *param;   /* the last parameter */
  } cases[] = {
    { "place:oban", NULL, "(documents.place IS NOT NULL AND documents.place IN (WITH RECURSIVE", 1, "oban" },
    { "place:\"New York\"", NULL, "ce_casefold(v) IS ?", 1, "new york" },
    { "place:“SÃO PAULO”", NULL, "documents.place", 1, "são paulo" },
    { "storm Source:Herald", "\"storm\"", "(documents.source IS NOT NULL AND documents.source IN (WITH RECURSIVE", 1, "herald" },
    { "section:weather author:\"Ann Reid\"", NULL, "ce_casefold(documents.author) IS ?", 2, "ann reid" },
    { "-storm", NULL, "NOT (documents.id IN (SELECT rowid FROM fts WHERE fts MATCH ce_scope(?)))", 1, "\"storm\"" },
    { "-storm -gale", NULL, "NOT (documents.id IN", 2, "\"gale\"" },
    { "storm OR place:oban", NULL,
      "documents.id IN (SELECT rowid FROM fts WHERE fts MATCH ce_scope(?)) OR ((documents.place IS NOT NULL",
      2, "oban" },
    { "storm -place:oban", "\"storm\"", "NOT ((documents.place IS NOT NULL AND documents.place IN", 1, "oban" },
    { "date:2024", NULL, "documents.date IS NOT NULL", 4, "2024-12-31" },
    { "date:2024-03", NULL, "<= ?", 4, "2024-03-31" },
    { "date:2024-03-05", NULL, ">= ?", 4, "2024-03-05" },
    { "date:2024-01..2024-06", NULL, "documents.date < ?", 4, "2024-06-31" },
    { "date:2020..", NULL, ">= ?", 2, "2020-01-01" },
    { "date:..2023", NULL, "<= ?", 2, "2023-12-31" },
    { "date:>2020", NULL, "> ?", 2, "2020-12-31" },
    { "date:>=2020-05", NULL, ">= ?", 2, "2020-05-01" },
    { "date:<2021", NULL, "< ?", 2, "2021-01-01" },
    { "date:<=2023-05", NULL, "<= ?", 2, "2023-05-31" },
    { "date:\"2024\"", NULL, "documents.date", 4, "2024-12-31" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CeQuery) query = parse_ok (cases[i].text);
      g_autoptr(GString) where = g_string_new (NULL);
      g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
      guint marks = 0;

      g_test_message ("%s", cases[i].text);
      g_assert_cmpstr (ce_query_get_fts (query), ==, cases[i].fts);
      g_assert_true (ce_query_has_filters (query));
      g_assert_false (ce_query_is_empty (query));
      ce_query_append_sql (query, where, params);
      g_assert_nonnull (strstr (where->str, cases[i].where));
      g_assert_cmpuint (params->len, ==, cases[i].n_params);
      g_assert_cmpstr (g_ptr_array_index (params, params->len - 1), ==, cases[i].param);

      /* One ? per parameter, and no user text in the SQL */
      for (const char *p = where->str; *p != 0; p++)
        marks += *p == '?';
      g_assert_cmpuint (marks, ==, params->len);
      g_assert_null (strstr (where->str, "oban"));
      g_assert_null (strstr (where->str, "2024"));
    }

  /* Conditions are AND-ed to what the caller has */
  {
    g_autoptr(CeQuery) query = parse_ok ("place:oban");
    g_autoptr(GString) where = g_string_new ("documents.words > ?");
    g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);

    g_ptr_array_add (params, g_strdup ("10"));
    ce_query_append_sql (query, where, params);
    g_assert_true (g_str_has_prefix (where->str, "documents.words > ? AND "));
    g_assert_cmpuint (params->len, ==, 2);
    g_assert_cmpstr (g_ptr_array_index (params, 0), ==, "10");
    g_assert_cmpstr (g_ptr_array_index (params, 1), ==, "oban");
  }
}

static void
test_normalise (void)
{
  assert_normal ("harbour storm OR gale", "harbour AND (storm OR gale)");
  assert_normal ("a OR (b c)", "a OR (b AND c)");
  assert_normal ("-(a b)", "-(a AND b)");
  assert_normal ("NOT NOT a", "a");
  assert_normal ("NOT -a b", "a AND b");
  assert_normal ("a (b (c d))", "a AND b AND c AND d");
  assert_normal ("a OR (b OR c)", "a OR b OR c");
  assert_normal ("title:\"x y\" place:Oban", "title:\"x y\" AND place:\"Oban\"");
  assert_normal ("NEAR(a b*,  3)", "NEAR(a b*, 3)");
  assert_normal ("date:2024-01..2024-06 -date:>2020", "date:2024-01..2024-06 AND -date:>2020");
  assert_normal ("title:(a OR b)", "title:a OR title:b");
}

static void
test_highlight (void)
{
  struct
  {
    const char *text;
    const char *highlight;
  } cases[] = {
    { "storm", "\"storm\"" },
    { "storm harbour", "\"storm\" OR \"harbour\"" },
    { "storm -harbour", "\"storm\"" },
    { "-storm", NULL },
    { "-(storm -gale)", "\"gale\"" },
    { "storm OR place:oban", "\"storm\"" },
    { "storm storm", "\"storm\"" },
    { "title:storm NEAR(a b, 2)", "title : \"storm\" OR NEAR(\"a\" \"b\", 2)" },
    { "place:oban date:2024", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CeQuery) query = parse_ok (cases[i].text);

      g_assert_cmpstr (ce_query_get_highlight_fts (query), ==, cases[i].highlight);
    }
}

static void
test_errors (void)
{
  struct
  {
    const char *text;
    const char *message;
    guint       column;
  } cases[] = {
    { "storm \"harbour", "unclosed quote at column 7", 7 },
    { "café \"x", "unclosed quote at column 6", 6 },   /* characters, not bytes */
    { "a (b c", "missing ) for ( at column 3", 3 },
    { "(a (b) c", "missing ) for ( at column 1", 1 },
    { "storm )", "unmatched ) at column 7", 7 },
    { "NEAR(storm)", "NEAR needs at least two terms at column 1", 1 },
    { "x NEAR(storm *)", "NEAR needs at least two terms at column 3", 3 },
    { "NEAR(a b", "missing ) for NEAR( at column 1", 1 },
    { "NEAR(a b, x)", "NEAR needs a number after the comma at column 11", 11 },
    { "NEAR(a b, 5 c)", "missing ) for NEAR( at column 1", 1 },
    { "NEAR(a OR b)", "NEAR() takes words and phrases only at column 8", 8 },
    { "NEAR(a place:x)", "NEAR() takes words and phrases only at column 8", 8 },
    { "body:x", "unknown field “body:”", 1 },
    { "storm fts:x", "unknown field “fts:”", 7 },
    { "rowid:1", "unknown field “rowid:”", 1 },
    { "storm ()", "empty group at column 7", 7 },
    { "( * )", "empty group at column 1", 1 },
    { "OR storm", "OR needs a term on both sides at column 1", 1 },
    { "storm OR", "OR needs a term on both sides at column 7", 7 },
    { "a OR OR b", "OR needs a term on both sides at column 3", 3 },
    { "(a OR) b", "OR needs a term on both sides at column 4", 4 },
    { "a AND", "AND needs a term on both sides at column 3", 3 },
    { "AND a", "AND needs a term on both sides at column 1", 1 },
    { "storm NOT", "NOT needs a term after it at column 7", 7 },
    { "a -(", "missing ) for ( at column 4", 4 },
    { "place:", "missing value after “place:”", 1 },
    { "x title: storm", "missing value after “title:”", 3 },
    { "place:\"\"", "missing value after “place:”", 1 },
    { "title:*", "title: needs a word with letters or digits at column 7", 7 },
    { "title:(place:x)", "title: takes words, phrases and NEAR() only", 1 },
    { "date:2024-13", "date expects YYYY[-MM[-DD]]", 6 },
    { "date:2023-02-29", "date expects YYYY[-MM[-DD]]", 6 },
    { "date:yesterday", "date expects YYYY[-MM[-DD]]", 6 },
    { "date:2024-01..2024-1x", "date range expects YYYY[-MM[-DD]] at column 15", 15 },
    { "date:24..2024", "date range expects YYYY[-MM[-DD]] at column 6", 6 },
    { "date:..", "date range expects YYYY[-MM[-DD]] at column 6", 6 },
    { "date:>x", "date expects YYYY[-MM[-DD]] at column 7", 7 },
    { "date:2024..2023", "date range ends before it starts at column 6", 6 },
    { "*", "nothing to search for", 1 },
    { "  -- ** ", "nothing to search for", 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CeQuery) query = ce_query_parse (cases[i].text, &error);

      g_test_message ("%s", cases[i].text);
      g_assert_null (query);
      g_assert_error (error, CE_QUERY_ERROR, CE_QUERY_ERROR_SYNTAX);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("‘%s’ gave “%s”, expected “%s”", cases[i].text, error->message, cases[i].message);
      g_assert_cmpuint (ce_query_error_get_column (error), ==, cases[i].column);
    }

  /* A copied error keeps its column */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GError) copy = NULL;

    g_assert_null (ce_query_parse ("a (b", &error));
    copy = g_error_copy (error);
    g_assert_cmpuint (ce_query_error_get_column (copy), ==, 3);
    g_assert_cmpuint (ce_query_error_get_column (NULL), ==, 0);
  }
}

static void
test_limits (void)
{
  g_autoptr(GString) many = g_string_new (NULL);
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) long_word = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) query = NULL;

  for (guint i = 0; many->len < 10000; i++)
    g_string_append_printf (many, "w%u ", i);
  query = ce_query_parse (many->str, &error);
  g_assert_null (query);
  g_assert_error (error, CE_QUERY_ERROR, CE_QUERY_ERROR_TOO_COMPLEX);
  g_assert_cmpuint (ce_query_error_get_column (error), >, 1);
  g_clear_error (&error);

  for (guint i = 0; i < 5000; i++)
    g_string_append (deep, "(");
  g_string_append (deep, "x");
  query = ce_query_parse (deep->str, &error);
  g_assert_null (query);
  g_assert_error (error, CE_QUERY_ERROR, CE_QUERY_ERROR_TOO_COMPLEX);
  g_clear_error (&error);

  g_string_truncate (deep, 0);
  for (guint i = 0; i < 5000; i++)
    g_string_append (deep, "NOT ");
  g_string_append (deep, "x");
  query = ce_query_parse (deep->str, &error);
  g_assert_null (query);
  g_assert_error (error, CE_QUERY_ERROR, CE_QUERY_ERROR_TOO_COMPLEX);
  g_clear_error (&error);

  /* Within the limits: a long literal word, and as many terms as allowed */
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (long_word, 'a' + i % 26);
  query = parse_ok (long_word->str);
  g_assert_cmpuint (strlen (ce_query_get_fts (query)), ==, 10002);
  g_clear_pointer (&query, ce_query_unref);

  g_string_truncate (many, 0);
  for (guint i = 0; i < CE_QUERY_MAX_TERMS; i++)
    g_string_append_printf (many, "%sw%u", i > 0 ? " OR " : "", i);
  query = parse_ok (many->str);
  g_assert_nonnull (ce_query_get_fts (query));
  g_clear_pointer (&query, ce_query_unref);
  g_string_append (many, " OR end");
  query = ce_query_parse (many->str, &error);
  g_assert_error (error, CE_QUERY_ERROR, CE_QUERY_ERROR_TOO_COMPLEX);
  g_assert_cmpuint (ce_query_error_get_column (error), ==, many->len - 2);
  g_assert_nonnull (strstr (error->message, "at most 100"));
  g_clear_error (&error);
}

/* A short prefix counts for several terms: a thousand two-letter prefixes
 * took 41 s and 700 MB; filters and negations count too (998 of them
 * failed inside SQLite, with its message instead of a column) */
static void
test_limits_cost (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) query = NULL;

  for (guint i = 0; i < CE_QUERY_MAX_TERMS / CE_QUERY_PREFIX_COST_2; i++)
    g_string_append_printf (text, "%s%c%c*", i > 0 ? " OR " : "", 'a' + i, 'b' + i);
  query = parse_ok (text->str);
  g_clear_pointer (&query, ce_query_unref);
  g_string_append (text, " OR zz*");
  query = ce_query_parse (text->str, &error);
  g_assert_error (error, CE_QUERY_ERROR, CE_QUERY_ERROR_TOO_COMPLEX);
  g_assert_cmpuint (ce_query_error_get_column (error), ==, text->len - 2);
  g_clear_error (&error);

  for (guint kind = 0; kind < 3; kind++)
    {
      g_string_assign (text, "harbour");
      for (guint i = 0; i < 998; i++)
        g_string_append_printf (text, kind == 0 ? " place:p%u" : kind == 1 ? " -w%u" : " NOT w%u", i);
      query = ce_query_parse (text->str, &error);
      g_assert_null (query);
      g_assert_error (error, CE_QUERY_ERROR, CE_QUERY_ERROR_TOO_COMPLEX);
      g_assert_cmpuint (ce_query_error_get_column (error), >, 1);
      g_clear_error (&error);
    }
}

/* The normal form reads back as the same query: NOT ?o used to come out
 * as -?o, a positive word */
static void
test_round_trip (void)
{
  const char * const texts[] = {
    "NOT ?o", "-?o", "x NOT ?o", "a -(?x OR y)", "NOT \"a b\"", "title:x -title:y",
    "NOT date:2020", "-NEAR(a b)", "NOT NEAR(a b, 2)", "a OR NOT b", "10:30 -note: x",
    "NOT é*", "NOT _x", "NOT 'quoted'", "-(a OR NOT ?b) c", "NOT title:(a OR ?b)",
    "place:\"Oban Bay\" NOT source:x", "NOT -a", "a NOT (NOT b OR c)",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CeQuery) first = ce_query_parse (texts[i], &error);
      g_autoptr(CeQuery) second = NULL;
      g_autofree char *first_text = NULL;
      g_autofree char *second_text = NULL;
      g_autoptr(GString) first_where = g_string_new (NULL);
      g_autoptr(GString) second_where = g_string_new (NULL);
      g_autoptr(GPtrArray) first_params = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) second_params = g_ptr_array_new_with_free_func (g_free);

      g_assert_no_error (error);
      first_text = ce_query_to_string (first);
      second = ce_query_parse (first_text, &error);
      g_test_message ("%s -> %s", texts[i], first_text);
      g_assert_no_error (error);
      second_text = ce_query_to_string (second);

      g_assert_cmpstr (first_text, ==, second_text);
      g_assert_cmpstr (ce_query_get_fts (first), ==, ce_query_get_fts (second));
      g_assert_cmpstr (ce_query_get_highlight_fts (first), ==, ce_query_get_highlight_fts (second));
      ce_query_append_sql (first, first_where, first_params);
      ce_query_append_sql (second, second_where, second_params);
      g_assert_cmpstr (first_where->str, ==, second_where->str);
      g_assert_cmpuint (first_params->len, ==, second_params->len);
      for (guint j = 0; j < first_params->len; j++)
        g_assert_cmpstr (first_params->pdata[j], ==, second_params->pdata[j]);
    }

  assert_normal ("NOT ?o", "NOT ?o");
  assert_normal ("x -(a b)", "x AND -(a AND b)");
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) query = ce_query_parse ("ab\xff\xfe", &error);

  g_assert_null (query);
  g_assert_error (error, CE_QUERY_ERROR, CE_QUERY_ERROR_SYNTAX);
  g_assert_cmpuint (ce_query_error_get_column (error), ==, 3);
}

static void
test_control_characters (void)
{
  g_autoptr(CeQuery) query = parse_ok ("\x01storm\x1b[0m\x7f harbour\x02");

  /* Control characters separate words like spaces */
  g_assert_cmpstr (ce_query_get_fts (query), ==, "(\"storm\" AND \"[0m\" AND \"harbour\")");
}

static void
test_fold (void)
{
  g_autofree char *a = ce_query_fold_value ("  SÃO PAULO ");
  g_autofree char *b = ce_query_fold_value ("São Paulo");
  g_autofree char *c = ce_query_fold_value ("Zürich");
  g_autofree char *d = ce_query_fold_value ("bad \xff utf8");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (c, ==, "zürich");
  g_assert_true (g_utf8_validate (d, -1, NULL));
}

static void
test_ref (void)
{
  CeQuery *query = parse_ok ("storm");
  CeQuery *copy = g_boxed_copy (CE_TYPE_QUERY, query);

  g_assert_true (copy == query);
  g_boxed_free (CE_TYPE_QUERY, copy);
  g_assert_cmpstr (ce_query_get_text (query), ==, "storm");
  ce_query_unref (query);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus-explorer/query/empty", test_empty);
  g_test_add_func ("/corpus-explorer/query/fts", test_fts);
  g_test_add_func ("/corpus-explorer/query/filters", test_filters);
  g_test_add_func ("/corpus-explorer/query/normalise", test_normalise);
  g_test_add_func ("/corpus-explorer/query/highlight", test_highlight);
  g_test_add_func ("/corpus-explorer/query/errors", test_errors);
  g_test_add_func ("/corpus-explorer/query/limits", test_limits);
  g_test_add_func ("/corpus-explorer/query/limits-cost", test_limits_cost);
  g_test_add_func ("/corpus-explorer/query/round-trip", test_round_trip);
  g_test_add_func ("/corpus-explorer/query/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/corpus-explorer/query/control-characters", test_control_characters);
  g_test_add_func ("/corpus-explorer/query/fold", test_fold);
  g_test_add_func ("/corpus-explorer/query/ref", test_ref);

  return g_test_run ();
}
