/* test-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ce-corpus.h"
#include "ce-search.h"
#include "ce-test-util.h"

typedef struct
{
  CeTestCorpus base;
  gint64       ids[13];  /* ids[n] is document n of the table below */
} Fixture;

static const struct
{
  const char *title;
  const char *place;
  const char *date;
  const char *source;
  const char *section;
  const char *author;
  const char *body;
} documents[] = {
  { NULL },
  /* 1 */ { "Harbour reopens", "PORT ELLEN", "2024-03-01", "Island Times", "News", "Ann Reid",
            "The harbour reopened on Monday after the storm.\n\nFerries resumed their crossings." },
  /* 2 */ { "Storm warning", "OBAN", "2024-03", "Oban Herald", "Weather", "Bob Gray",
            "A storm is expected tonight. The storm warning covers the whole coast." },
  /* 3 */ { "Café prices", "Zürich", "2023-11-20", "Island Times", "Business", "Ann Reid",
            "Prices at the café rose by 3%. The cafe owners blamed the harbour fees." },
  /* 4 */ { "Ferry timetable", "OBAN", "2024", "Oban Herald", "News", NULL,
            "The new ferry timetable starts in spring. Ferries will sail twice daily." },
  /* 5 */ { "Gale damage", "PORT ELLEN", "2023-05-17", "Island Times", "Weather", NULL,
            "A severe gale damaged the pier. Storm damage was assessed by the council." },
  /* 6 */ { "Council meeting", "Stornoway", "2023-05", "Gazette", "Politics", "Cara Hill",
            "The council met to discuss harbour dues and the ferry contract." },
  /* 7 */ { "Whisky exports", "Islay", "2022-12-01", "Gazette", "Business", NULL,
            "Whisky exports rose sharply. Distillers expect further growth." },
  /* 8 */ { "Fishing quotas", NULL, NULL, "Gazette", NULL, NULL,
            "Fishing quotas were cut. The fishermen protested at the harbour wall." },
  /* 9 */ { "Weather outlook", "Oban", "2024-06-30", "Oban Herald", "Weather", NULL,
            "Sunny spells and light winds. No storm is forecast." },
  /* 10 */ { "Storm clean-up", "Stornoway", "2024-01-15", "Gazette", "News", NULL,
             "Volunteers cleared debris from the beach." },
  /* 11 */ { "Election results", "SÃO PAULO", "2020-10", "Wire", "Politics", NULL,
             "Voters in São Paulo elected a new mayor. Turnout was high." },
  /* 12 */ { "Naïve résumé", NULL, "2021", "Wire", NULL, NULL,
             "A naïve approach to the résumé format was favoured. New York hosted the fair." },
};

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 source;

  ce_test_corpus_set_up (&fixture->base, data);

  g_assert_true (ce_corpus_begin (fixture->base.corpus, &error));
  source = ce_corpus_add_source (fixture->base.corpus, "fixture.txt", "text", 0, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 1; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(CeDraft) draft = ce_test_draft_new (documents[i].title, documents[i].place,
                                                    documents[i].date, documents[i].source,
                                                    documents[i].body);

      draft->section = g_strdup (documents[i].section);
      draft->author = g_strdup (documents[i].author);
      ce_test_corpus_add (fixture->base.corpus, source, draft);
    }

  g_assert_true (ce_corpus_commit (fixture->base.corpus, &error));

  {
    g_autoptr(GArray) all = ce_corpus_list_document_ids (fixture->base.corpus, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (all->len, ==, 12);
    for (guint i = 0; i < all->len; i++)
      fixture->ids[i + 1] = g_array_index (all, gint64, i);
  }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ce_test_corpus_tear_down (&fixture->base, data);
}

static guint
doc_number (Fixture *fixture,
            gint64   id)
{
  for (guint n = 1; n < G_N_ELEMENTS (fixture->ids); n++)
    {
      if (fixture->ids[n] == id)
        return n;
    }

  g_assert_not_reached ();
  return 0;
}

/* The matching documents as "1 4 9", in corpus order */
static char *
matches (Fixture    *fixture,
         const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) query = ce_query_parse (text, &error);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gint64 count;

  g_assert_no_error (error);
  ids = ce_search_ids (fixture->base.corpus, query, CE_SORT_ORDER, FALSE, &error);
  g_assert_no_error (error);

  count = ce_search_count (fixture->base.corpus, query, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, ids->len);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (out, "%s%u", i > 0 ? " " : "",
                            doc_number (fixture, g_array_index (ids, gint64, i)));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define assert_matches(fixture, text, expected)                             \
  G_STMT_START {                                                            \
    g_autofree char *__got = matches ((fixture), (text));                   \
    if (g_strcmp0 (__got, (expected)) != 0)                                 \
      g_error ("‘%s’ matched “%s”, expected “%s”", (text), __got, (expected)); \
  } G_STMT_END

static void
test_words (Fixture       *fixture,
            gconstpointer  data)
{
  assert_matches (fixture, "", "1 2 3 4 5 6 7 8 9 10 11 12");
  assert_matches (fixture, "storm", "1 2 5 9 10");
  assert_matches (fixture, "STORM", "1 2 5 9 10");
  assert_matches (fixture, "storm harbour", "1");
  assert_matches (fixture, "storm AND harbour", "1");
  assert_matches (fixture, "harbour", "1 3 6 8");
  assert_matches (fixture, "nothing", "");
}

static void
test_operators (Fixture       *fixture,
                gconstpointer  data)
{
  assert_matches (fixture, "whisky OR fishing", "7 8");
  /* OR binds tighter than AND */
  assert_matches (fixture, "harbour storm OR gale", "1");
  assert_matches (fixture, "(harbour storm) OR gale", "1 5");
  assert_matches (fixture, "\"storm warning\"", "2");
  assert_matches (fixture, "\"warning storm\"", "");
  assert_matches (fixture, "storm -harbour", "2 5 9 10");
  assert_matches (fixture, "storm NOT harbour", "2 5 9 10");
  assert_matches (fixture, "storm -harbour -gale", "2 9 10");
  assert_matches (fixture, "storm -\"storm warning\"", "1 5 9 10");
  assert_matches (fixture, "ferr*", "1 4 6");
  assert_matches (fixture, "Ferr*", "1 4 6");
  assert_matches (fixture, "\"storm warn\"*", "2");
  assert_matches (fixture, "NEAR(storm expected, 1)", "2");
  assert_matches (fixture, "NEAR(storm expected, 0)", "");
  assert_matches (fixture, "NEAR(gale pier, 1)", "");
  assert_matches (fixture, "NEAR(gale pier, 2)", "5");
  assert_matches (fixture, "NEAR(gale pier)", "5");
  assert_matches (fixture, "NEAR(\"storm warning\" coast, 3)", "2");
  assert_matches (fixture, "(whisky OR fishing) -harbour", "7");
  assert_matches (fixture, "((storm OR gale) (harbour OR pier))", "1 5");
  assert_matches (fixture, "(storm (harbour OR (pier -council)))", "1");
  assert_matches (fixture, "-(storm OR harbour)", "4 7 11 12");
  assert_matches (fixture, "storm OR -harbour", "1 2 4 5 7 9 10 11 12");
}

static void
test_negation (Fixture       *fixture,
               gconstpointer  data)
{
  /* Pure negation: every document minus the matches */
  assert_matches (fixture, "-storm", "3 4 6 7 8 11 12");
  assert_matches (fixture, "NOT storm", "3 4 6 7 8 11 12");
  assert_matches (fixture, "-storm -harbour", "4 7 11 12");
  assert_matches (fixture, "-nothing", "1 2 3 4 5 6 7 8 9 10 11 12");
  assert_matches (fixture, "-place:oban", "1 3 5 6 7 8 10 11 12");
  assert_matches (fixture, "-(storm place:oban)", "1 3 4 5 6 7 8 10 11 12");
  assert_matches (fixture, "-title:storm -place:oban", "1 3 5 6 7 8 11 12");
}

static void
test_title (Fixture       *fixture,
            gconstpointer  data)
{
  assert_matches (fixture, "title:storm", "2 10");
  assert_matches (fixture, "title:\"storm warning\"", "2");
  assert_matches (fixture, "title:stor*", "2 10");
  assert_matches (fixture, "title:harbour", "1");
  assert_matches (fixture, "title:(storm OR gale)", "2 5 10");
  assert_matches (fixture, "title:(storm -warning)", "10");
  assert_matches (fixture, "title:NEAR(storm warning, 0)", "2");
  assert_matches (fixture, "title:storm -place:stornoway", "2");
  assert_matches (fixture, "title:cafe", "3");
}

static void
test_fields (Fixture       *fixture,
             gconstpointer  data)
{
  assert_matches (fixture, "place:oban", "2 4 9");
  assert_matches (fixture, "place:OBAN", "2 4 9");
  assert_matches (fixture, "place:\"port ellen\"", "1 5");
  assert_matches (fixture, "place:“Port Ellen”", "1 5");
  assert_matches (fixture, "place:port", "");
  assert_matches (fixture, "place:\"são paulo\"", "11");
  assert_matches (fixture, "place:\"SÃO PAULO\"", "11");
  assert_matches (fixture, "place:ZÜRICH", "3");
  assert_matches (fixture, "place:zurich", "");
  assert_matches (fixture, "source:\"island times\"", "1 3 5");
  assert_matches (fixture, "section:weather", "2 5 9");
  assert_matches (fixture, "author:\"ann reid\"", "1 3");
  assert_matches (fixture, "place:oban section:weather", "2 9");
  assert_matches (fixture, "storm place:oban", "2 9");
  assert_matches (fixture, "place:oban OR place:islay", "2 4 7 9");
  assert_matches (fixture, "fishing OR place:islay", "7 8");
  assert_matches (fixture, "whisky OR place:islay OR place:oban", "2 4 7 9");
  assert_matches (fixture, "(storm place:oban) OR (ferry place:stornoway)", "2 6 9");
}

static void
test_dates (Fixture       *fixture,
            gconstpointer  data)
{
  assert_matches (fixture, "date:2024", "1 2 4 9 10");
  assert_matches (fixture, "date:2024-03", "1 2");
  assert_matches (fixture, "date:2024-03-01", "1");
  assert_matches (fixture, "date:2024-01..2024-06", "1 2 9 10");
  assert_matches (fixture, "date:2023..2024", "1 2 3 4 5 6 9 10");
  assert_matches (fixture, "date:>2023", "1 2 4 9 10");
  assert_matches (fixture, "date:>2024-03", "9");
  assert_matches (fixture, "date:>=2023-11", "1 2 3 4 9 10");
  assert_matches (fixture, "date:<2023", "7 11 12");
  assert_matches (fixture, "date:<=2023-05", "5 6 7 11 12");
  assert_matches (fixture, "date:<2023-05-17", "7 11 12");
  assert_matches (fixture, "date:2023..", "1 2 3 4 5 6 9 10");
  assert_matches (fixture, "date:..2021", "11 12");
  assert_matches (fixture, "date:2023-05", "5 6");
  assert_matches (fixture, "-date:2024", "3 5 6 7 8 11 12");
  assert_matches (fixture, "storm date:2024", "1 2 9 10");
  assert_matches (fixture, "date:2019", "");
  /* Strict and inclusive bounds on the same day */
  assert_matches (fixture, "date:>2024-03-01", "9");
  assert_matches (fixture, "date:>=2024-03-01", "1 2 9");
  assert_matches (fixture, "date:<2024-03-01", "3 5 6 7 10 11 12");
  assert_matches (fixture, "date:<=2024-03-01", "1 3 5 6 7 10 11 12");
  assert_matches (fixture, "date:2024-03-01..2024-03-01", "1");
}

static void
test_diacritics (Fixture       *fixture,
                 gconstpointer  data)
{
  assert_matches (fixture, "cafe", "3");
  assert_matches (fixture, "café", "3");
  assert_matches (fixture, "CAFÉ", "3");
  assert_matches (fixture, "naive resume", "12");
  assert_matches (fixture, "\"NAÏVE APPROACH\"", "12");
  assert_matches (fixture, "sao paulo", "11");
  assert_matches (fixture, "résum*", "1 12");
  assert_matches (fixture, "résumé", "12");
}

static GArray *
find_instances (Fixture    *fixture,
                const char *text,
                guint       doc,
                gboolean    title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) query = ce_query_parse (text, &error);
  GArray *ranges;

  g_assert_no_error (error);
  if (title)
    ranges = ce_search_title_instances (fixture->base.corpus, query, fixture->ids[doc], &error);
  else
    ranges = ce_search_instances (fixture->base.corpus, query, fixture->ids[doc], &error);
  g_assert_no_error (error);

  return ranges;
}

/* The matched text, joined by "|" */
static char *
instances (Fixture    *fixture,
           const char *text,
           guint       doc)
{
  g_autoptr(GArray) ranges = find_instances (fixture, text, doc, FALSE);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *body = documents[doc].body;

  for (guint i = 0; i < ranges->len; i++)
    {
      CeSearchRange *range = &g_array_index (ranges, CeSearchRange, i);

      g_assert_cmpuint (range->start, <, range->end);
      g_assert_cmpuint (range->end, <=, strlen (body));
      if (i > 0)
        g_assert_cmpuint (range->start, >=, g_array_index (ranges, CeSearchRange, i - 1).end);
      g_string_append_printf (out, "%s%.*s", i > 0 ? "|" : "",
                              (int)(range->end - range->start), body + range->start);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define assert_instances(fixture, text, doc, expected)                      \
  G_STMT_START {                                                            \
    g_autofree char *__got = instances ((fixture), (text), (doc));          \
    if (g_strcmp0 (__got, (expected)) != 0)                                 \
      g_error ("‘%s’ in %u highlighted “%s”, expected “%s”",                \
               (text), (doc), __got, (expected));                           \
  } G_STMT_END

static void
test_instances (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GArray) ranges = NULL;

  assert_instances (fixture, "storm", 2, "storm|storm");
  assert_instances (fixture, "STORM", 2, "storm|storm");
  assert_instances (fixture, "\"storm warning\"", 2, "storm warning");
  /* Overlapping matches merge */
  assert_instances (fixture, "storm \"storm warning\"", 2, "storm|storm warning");
  /* NEAR highlights only the instances that are near each other */
  assert_instances (fixture, "NEAR(storm warning, 0)", 2, "storm|warning");
  assert_instances (fixture, "NEAR(storm coast, 4)", 2, "storm|coast");
  /* Diacritics and case, in multi-byte text */
  assert_instances (fixture, "cafe", 3, "café|cafe");
  assert_instances (fixture, "CAFÉ prices", 3, "Prices|café|cafe");
  assert_instances (fixture, "résumé naive", 12, "naïve|résumé");
  assert_instances (fixture, "ferr*", 4, "ferry|Ferries");
  assert_instances (fixture, "\"sao paulo\"", 11, "São Paulo");
  /* What the query excludes is not a match */
  assert_instances (fixture, "storm -ferries", 1, "storm");
  assert_instances (fixture, "storm OR ferries", 1, "storm|Ferries");
  assert_instances (fixture, "-storm", 1, "");
  assert_instances (fixture, "place:\"port ellen\"", 1, "");
  assert_instances (fixture, "harbour place:\"port ellen\"", 1, "harbour");
  /* title: matches in the title only */
  assert_instances (fixture, "title:storm", 2, "");
  assert_instances (fixture, "nothing", 2, "");

  ranges = find_instances (fixture, "title:storm", 2, TRUE);
  g_assert_cmpuint (ranges->len, ==, 1);
  g_assert_cmpuint (g_array_index (ranges, CeSearchRange, 0).start, ==, 0);
  g_assert_cmpuint (g_array_index (ranges, CeSearchRange, 0).end, ==, 5);
  g_clear_pointer (&ranges, g_array_unref);

  ranges = find_instances (fixture, "prices", 3, TRUE);
  g_assert_cmpuint (ranges->len, ==, 1);
  g_assert_cmpuint (g_array_index (ranges, CeSearchRange, 0).start, ==, strlen ("Café "));
  g_assert_cmpuint (g_array_index (ranges, CeSearchRange, 0).end, ==, strlen ("Café prices"));
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) query = ce_query_parse ("storm", &error);
  g_autoptr(CeQuery) undated = ce_query_parse ("fishing OR whisky OR election", &error);
  g_autoptr(CeQuery) filters = ce_query_parse ("place:oban", &error);
  struct
  {
    CeQuery    *query;
    CeSort      sort;
    gboolean    descending;
    const char *order;
  } cases[] = {
    { query, CE_SORT_ORDER, FALSE, "1 2 5 9 10" },
    { query, CE_SORT_ORDER, TRUE, "10 9 5 2 1" },
    { query, CE_SORT_DATE, FALSE, "5 10 2 1 9" },
    { query, CE_SORT_DATE, TRUE, "9 1 2 10 5" },
    { undated, CE_SORT_DATE, FALSE, "11 7 8" },
    { undated, CE_SORT_DATE, TRUE, "7 11 8" },
    { query, CE_SORT_PLACE, FALSE, "2 9 1 5 10" },
    { query, CE_SORT_TITLE, FALSE, "5 1 10 2 9" },
    { query, CE_SORT_TITLE, TRUE, "9 2 10 1 5" },
    { filters, CE_SORT_RANK, FALSE, "2 4 9" },
    { filters, CE_SORT_LENGTH, FALSE, "9 2 4" },
  };

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) ids = ce_search_ids (fixture->base.corpus, cases[i].query, cases[i].sort,
                                             cases[i].descending, &error);
      g_autoptr(GString) got = g_string_new (NULL);

      g_assert_no_error (error);
      for (guint j = 0; j < ids->len; j++)
        g_string_append_printf (got, "%s%u", j > 0 ? " " : "",
                                doc_number (fixture, g_array_index (ids, gint64, j)));
      if (!g_str_equal (got->str, cases[i].order))
        g_error ("sort %u: got “%s”, expected “%s”", i, got->str, cases[i].order);
    }

  {
    CeSort parsed = CE_SORT_RANK;

    g_assert_true (ce_search_parse_sort ("date", &parsed));
    g_assert_cmpint (parsed, ==, CE_SORT_DATE);
    g_assert_true (ce_search_parse_sort ("Title", &parsed));
    g_assert_cmpint (parsed, ==, CE_SORT_TITLE);
    g_assert_false (ce_search_parse_sort ("relevance", &parsed));
    g_assert_false (ce_search_parse_sort (NULL, &parsed));
    g_assert_cmpint (parsed, ==, CE_SORT_TITLE);
  }

  /* Rank: the title counts ten times the body, so the two documents
   * with "storm" in the title come first */
  {
    g_autoptr(GArray) ids = ce_search_ids (fixture->base.corpus, query, CE_SORT_RANK, FALSE, &error);
    g_autoptr(GArray) reversed = ce_search_ids (fixture->base.corpus, query, CE_SORT_RANK, TRUE, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 5);
    g_assert_cmpint (MIN (doc_number (fixture, g_array_index (ids, gint64, 0)),
                          doc_number (fixture, g_array_index (ids, gint64, 1))), ==, 2);
    g_assert_cmpint (MAX (doc_number (fixture, g_array_index (ids, gint64, 0)),
                          doc_number (fixture, g_array_index (ids, gint64, 1))), ==, 10);
    for (guint j = 0; j < ids->len; j++)
      g_assert_cmpint (g_array_index (ids, gint64, j), ==, g_array_index (reversed, gint64, ids->len - 1 - j));
  }
}

static void
test_page (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) query = ce_query_parse ("storm", &error);
  g_autoptr(CeQuery) filters = ce_query_parse ("place:oban", &error);
  g_autoptr(CeQuery) mixed = ce_query_parse ("ferries OR place:islay", &error);
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GArray) ids = NULL;
  CeSearchHit *hit;

  g_assert_no_error (error);

  hits = ce_search_page (fixture->base.corpus, query, CE_SORT_RANK, FALSE, 0, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
  /* Storm clean-up: "storm" in a shorter document than Storm warning */
  g_assert_cmpint (((CeSearchHit *)g_ptr_array_index (hits, 0))->id, ==, fixture->ids[10]);
  hit = g_ptr_array_index (hits, 1);
  g_assert_cmpint (hit->id, ==, fixture->ids[2]);
  g_assert_cmpstr (hit->title, ==, "Storm warning");
  g_assert_cmpstr (hit->place, ==, "OBAN");
  g_assert_cmpstr (hit->date, ==, "2024-03");
  g_assert_cmpstr (hit->source, ==, "Oban Herald");
  g_assert_cmpuint (hit->words, ==, 12);
  g_assert_cmpfloat (hit->rank, <, 0.0);
  g_assert_nonnull (strstr (hit->snippet, CE_SEARCH_MATCH_START "storm" CE_SEARCH_MATCH_END));
  g_assert_cmpfloat (((CeSearchHit *)g_ptr_array_index (hits, 0))->rank, <=, hit->rank);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Pages put together give every id, in the same order */
  ids = ce_search_ids (fixture->base.corpus, query, CE_SORT_DATE, FALSE, &error);
  for (guint offset = 0; offset < ids->len + 2; offset += 2)
    {
      hits = ce_search_page (fixture->base.corpus, query, CE_SORT_DATE, FALSE, offset, 2, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (hits->len, ==, MIN (2, ids->len - MIN (offset, ids->len)));
      for (guint i = 0; i < hits->len; i++)
        g_assert_cmpint (((CeSearchHit *)g_ptr_array_index (hits, i))->id, ==,
                         g_array_index (ids, gint64, offset + i));
      g_clear_pointer (&hits, g_ptr_array_unref);
    }

  /* limit 0 is everything */
  hits = ce_search_page (fixture->base.corpus, query, CE_SORT_ORDER, FALSE, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 5);
  /* Paragraph breaks do not reach the snippet */
  hit = g_ptr_array_index (hits, 0);
  g_assert_null (strchr (hit->snippet, '\n'));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Without words: no rank, the start of the body */
  hits = ce_search_page (fixture->base.corpus, filters, CE_SORT_RANK, FALSE, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 3);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpfloat (hit->rank, ==, 0.0);
  g_assert_cmpstr (hit->snippet, ==, documents[2].body);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A hit that matched through a filter gets the start of its body */
  hits = ce_search_page (fixture->base.corpus, mixed, CE_SORT_ORDER, FALSE, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 3);
  g_assert_nonnull (strstr (((CeSearchHit *)g_ptr_array_index (hits, 0))->snippet,
                            CE_SEARCH_MATCH_START "Ferries" CE_SEARCH_MATCH_END));
  hit = g_ptr_array_index (hits, 2);
  g_assert_cmpint (hit->id, ==, fixture->ids[7]);
  g_assert_cmpstr (hit->snippet, ==, documents[7].body);
}

static void
test_facets (Fixture       *fixture,
             gconstpointer  data)
{
  struct
  {
    const char *query;
    const char *field;
    guint       limit;
    const char *expected;
  } cases[] = {
    { "storm", "place", 0, "PORT ELLEN=2 OBAN=1 Oban=1 Stornoway=1" },
    { "storm", "place", 2, "PORT ELLEN=2 OBAN=1" },
    { "", "year", 0, "2024=5 2023=3 2020=1 2021=1 2022=1" },
    { "", "month", 3, "2023-05=2 2024-03=2 2020-10=1" },
    { "", "source", 0, "Gazette=4 Island Times=3 Oban Herald=3 Wire=2" },
    { "harbour", "section", 0, "Business=1 News=1 Politics=1" },
    { "place:oban", "author", 0, "Bob Gray=1" },
    { "-storm", "source", 0, "Gazette=3 Wire=2 Island Times=1 Oban Herald=1" },
    { "nothing", "place", 0, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CeQuery) query = ce_query_parse (cases[i].query, &error);
      g_autoptr(GPtrArray) facets = NULL;
      g_autoptr(GString) got = g_string_new (NULL);
      gint64 total = 0;

      g_assert_no_error (error);
      facets = ce_search_facet (fixture->base.corpus, query, cases[i].field, cases[i].limit, &error);
      g_assert_no_error (error);

      for (guint j = 0; j < facets->len; j++)
        {
          CeSearchFacet *facet = g_ptr_array_index (facets, j);

          g_string_append_printf (got, "%s%s=%" G_GINT64_FORMAT, j > 0 ? " " : "",
                                  facet->value, facet->count);
          total += facet->count;
        }

      if (!g_str_equal (got->str, cases[i].expected))
        g_error ("facet %s of ‘%s’: got “%s”, expected “%s”",
                 cases[i].field, cases[i].query, got->str, cases[i].expected);
      g_assert_cmpint (total, <=, ce_search_count (fixture->base.corpus, query, NULL));
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CeQuery) query = ce_query_parse ("", &error);
    g_autoptr(GPtrArray) facets = ce_search_facet (fixture->base.corpus, query, "body", 0, &error);

    g_assert_null (facets);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  }
}

/* Runs every search function; none may fail on a query that parsed.
 * Returns whether it parsed. */
static gboolean
run_everything (Fixture    *fixture,
                const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) query = ce_query_parse (text, &error);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(GPtrArray) facets = NULL;
  gint64 count;

  if (query == NULL)
    {
      g_assert_error (error, CE_QUERY_ERROR, error->code);
      g_assert_cmpuint (ce_query_error_get_column (error), >=, 1);
      g_assert_cmpuint (ce_query_error_get_column (error), <=, g_utf8_strlen (text, -1) + 1);
      return FALSE;
    }

  count = ce_search_count (fixture->base.corpus, query, &error);
  g_assert_no_error (error);
  ids = ce_search_ids (fixture->base.corpus, query, CE_SORT_RANK, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, ids->len);
  hits = ce_search_page (fixture->base.corpus, query, CE_SORT_RANK, FALSE, 0, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, MIN (5, ids->len));
  ranges = ce_search_instances (fixture->base.corpus, query, fixture->ids[1], &error);
  g_assert_no_error (error);
  facets = ce_search_facet (fixture->base.corpus, query, "year", 0, &error);
  g_assert_no_error (error);

  return TRUE;
}

static void
test_hostile (Fixture       *fixture,
              gconstpointer  data)
{
  const char *texts[] = {
    "\"", "*", "**", "NEAR(", "NEAR()", "NEAR(,)", "' OR 1=1 --", "\" OR 1=1 --", ")", "(",
    "body:x", "fts:x", "rowid:1", "title:", "title:title:x", "rank:1", "fts:\"x\"",
    "\x01\x02\x03storm\x1f", "\x7f", "storm\x1b[31m",
    "'; DROP TABLE documents; --", "\"; DROP TABLE documents; --\"",
    "place:'; DROP TABLE documents; --", "place:\"x' OR '1'='1\"", "date:2024'--",
    "date:2024-01-01..2024-12-31'", "x\\", "%", "_", "%storm%", "storm;", "?", "?1", ":x",
    "@x", "$x", "NEAR(a b, 999999)", "NEAR(a b, 9999999)", "NEAR(a b, -1)",
    "{title body}:x", "- -", "--", "-", "NOT", "AND", "OR", "NEAR", "near(a b)",
    "title:(a OR (b NEAR(c d)))", "*:*", "a:", ":", "\"\"", "“", "„storm“", "storm*\"",
    "title:\"", "place:\"", "(((((storm)))))", "x OR (y", "^", "storm^2",
    "\"a\"\"b\"", "\"a\" \"b\"", "a\"b\"c", "AND AND", "title:-x", "-title:x",
    "NEAR(\"a\" \"\")", "NEAR(title:x y)", "date:", "date:>", "date:<=", "date:...",
    "date:2024..2024..2025", "date:0000", "date:9999", "date:9999-12-31", "date:<0001",
    "place:)", "section:(", "author:\"Ann Reid", "x\xc2\xa0y", "\xe2\x80\x8b",
    "\xef\xbb\xbfstorm", "ǅ", "𝔰𝔱𝔬𝔯𝔪", "\xf0\x9f\x98\x80", "storm\xcc\x81",
  };
  GRand *rand = g_rand_new_with_seed (20240517);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    run_everything (fixture, texts[i]);

  /* A 10,000-character literal word, and 10,000 characters of words */
  g_string_truncate (text, 0);
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (text, 'a' + i % 26);
  run_everything (fixture, text->str);
  g_string_truncate (text, 0);
  for (guint i = 0; text->len < 10000; i++)
    g_string_append (text, i % 7 == 0 ? "storm OR " : "harbour ");
  run_everything (fixture, text->str);

  /* NUL-free binary junk, as it is (mostly invalid UTF-8) and made valid */
  for (guint round = 0; round < 200; round++)
    {
      g_autofree char *valid = NULL;
      guint len = g_rand_int_range (rand, 1, 300);

      g_string_truncate (text, 0);
      for (guint i = 0; i < len; i++)
        g_string_append_c (text, (char)g_rand_int_range (rand, 1, 256));
      run_everything (fixture, text->str);
      valid = g_utf8_make_valid (text->str, -1);
      run_everything (fixture, valid);
    }

  /* Random sentences of query syntax */
  {
    const char *pieces[] = {
      "(", ")", "\"", "OR", "AND", "NOT", "-", "*", "NEAR(", ",", "5", "title:", "place:",
      "date:", "2024", "..", ">", "<=", "storm", "harbour", "café", ":", "body:", "'", "“",
      "”", "x", "oban", "\x01", "(storm", "gale)", "-(", "\"storm", "warning\"",
    };

    guint parsed = 0;

    for (guint round = 0; round < 3000; round++)
      {
        guint n = g_rand_int_range (rand, 1, 12);

        g_string_truncate (text, 0);
        for (guint i = 0; i < n; i++)
          {
            g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
            if (g_rand_boolean (rand))
              g_string_append_c (text, ' ');
          }
        parsed += run_everything (fixture, text->str);
      }

    /* Both valid and invalid queries were exercised */
    g_assert_cmpuint (parsed, >, 300);
    g_assert_cmpuint (parsed, <, 2700);
  }

  g_rand_free (rand);

  /* Nothing was harmed */
  g_assert_cmpint (ce_corpus_count_documents (fixture->base.corpus), ==, 12);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) words = ce_query_parse ("storm OR harbour OR fishing", &error);
  g_autoptr(CeQuery) filters = ce_query_parse ("-place:nowhere date:1000..9000", &error);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  gint64 source;

  g_assert_no_error (error);

  /* Enough rows that every statement passes SQLite's progress handler */
  g_assert_true (ce_corpus_begin (fixture->base.corpus, &error));
  source = ce_corpus_add_source (fixture->base.corpus, "bulk.txt", "text", 0, NULL, &error);
  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr(CeDraft) draft = ce_draft_new ();

      draft->title = g_strdup_printf ("Bulk %u", i);
      draft->date = g_strdup_printf ("%04u-%02u", 2000 + i % 20, 1 + i % 12);
      draft->place = g_strdup (i % 2 ? "Oban" : "Islay");
      draft->body = g_strdup_printf ("Report %u on the storm and the harbour, number %u.", i, i * 7);
      ce_test_corpus_add (fixture->base.corpus, source, draft);
    }
  g_assert_true (ce_corpus_commit (fixture->base.corpus, &error));
  g_assert_no_error (error);

  ce_corpus_set_cancellable (fixture->base.corpus, cancellable);
  g_assert_cmpint (ce_search_count (fixture->base.corpus, words, &error), ==, 3008);
  g_assert_no_error (error);

  g_cancellable_cancel (cancellable);

  g_assert_cmpint (ce_search_count (fixture->base.corpus, words, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_cmpint (ce_search_count (fixture->base.corpus, filters, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  ids = ce_search_ids (fixture->base.corpus, words, CE_SORT_RANK, FALSE, &error);
  g_assert_null (ids);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  hits = ce_search_page (fixture->base.corpus, words, CE_SORT_RANK, FALSE, 0, 20, &error);
  g_assert_null (hits);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_null (ce_search_facet (fixture->base.corpus, filters, "place", 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* A fresh cancellable, and the corpus works again */
  ce_corpus_set_cancellable (fixture->base.corpus, NULL);
  g_assert_cmpint (ce_search_count (fixture->base.corpus, filters, &error), ==, 3011);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/corpus-explorer/search/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("words", test_words);
  ADD ("operators", test_operators);
  ADD ("negation", test_negation);
  ADD ("title", test_title);
  ADD ("fields", test_fields);
  ADD ("dates", test_dates);
  ADD ("diacritics", test_diacritics);
  ADD ("instances", test_instances);
  ADD ("sort", test_sort);
  ADD ("page", test_page);
  ADD ("facets", test_facets);
  ADD ("hostile", test_hostile);
  ADD ("cancel", test_cancel);

#undef ADD

  return g_test_run ();
}
