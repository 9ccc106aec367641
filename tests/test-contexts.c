/* test-contexts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ce-contexts.h"
#include "ce-counter.h"
#include "ce-search.h"
#include "ce-test-util.h"

typedef CeTestCorpus Fixture;

static const struct
{
  const char *title;
  const char *date;
  const char *body;
} docs[] = {
  { "Harbour storms", "2024-01-05",
    "The storm closed the harbour on Monday. Fishermen said the storm was the worst "
    "in a decade.\n\n# Storm damage\n\nRepairs to the storm wall will take a year." },
  { "Ferry timetable", "2024-02-11",
    "The council approved a new ferry timetable. No storm was mentioned." },
  { "Quiet week", NULL,
    "Nothing happened in the village this week, apart from a café opening." },
  { "Storm warning", "2024-03-01",
    "Storms are expected. A storm\nwarning was issued for the islands; the storm "
    "warning covers Skye and Mull. Café owners on Skye closed early." },
};

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  ce_test_corpus_set_up (fixture, data);

  g_assert_true (ce_corpus_begin (fixture->corpus, &error));
  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autoptr(CeDraft) draft = ce_test_draft_new (docs[i].title, NULL, docs[i].date, NULL,
                                                    docs[i].body);

      ce_test_corpus_add (fixture->corpus, 0, draft);
    }
  g_assert_true (ce_corpus_commit (fixture->corpus, &error));
  g_assert_no_error (error);
}

/* The body on one line, as contexts show it */
static char *
flatten (const char *text,
         gssize      len)
{
  GString *out = g_string_new (NULL);

  if (len < 0)
    len = strlen (text);

  for (gssize i = 0; i < len; i++)
    {
      if ((i == 0 || text[i - 1] == '\n') && g_str_has_prefix (text + i, "# "))
        {
          i++;
          continue;
        }
      if (g_ascii_isspace (text[i]))
        {
          if (out->len == 0 || out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          continue;
        }
      g_string_append_c (out, text[i]);
    }

  return g_string_free (out, FALSE);
}

/* Checks what every line must hold, against the stored body */
static void
check_line (CeCorpus        *corpus,
            const CeContext *line,
            guint            width)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeDocument) document = ce_corpus_get_document (corpus, line->doc_id, &error);
  g_autofree char *slice = NULL;
  g_autofree char *flat_slice = NULL;
  g_autofree char *flat_body = NULL;
  g_autofree char *joined = NULL;
  const char *body;

  g_assert_no_error (error);
  body = ce_document_get_body (document);

  g_assert_cmpuint (line->body_start, <, line->body_end);
  g_assert_cmpuint (line->body_end, <=, strlen (body));
  slice = g_strndup (body + line->body_start, line->body_end - line->body_start);
  if (strchr (slice, '\n') == NULL)
    g_assert_cmpstr (line->match, ==, slice);
  flat_slice = flatten (slice, -1);
  g_assert_cmpstr (line->match, ==, flat_slice);

  g_assert_cmpstr (line->title, ==, ce_document_get_title (document));
  g_assert_cmpstr (line->date, ==, ce_document_get_date (document));

  g_assert_true (g_utf8_validate (line->left, -1, NULL));
  g_assert_true (g_utf8_validate (line->right, -1, NULL));
  g_assert_cmpint (g_utf8_strlen (line->left, -1), <=, width);
  g_assert_cmpint (g_utf8_strlen (line->right, -1), <=, width);
  g_assert_null (strchr (line->left, '\n'));
  g_assert_null (strchr (line->right, '\n'));
  g_assert_null (strstr (line->left, "# "));
  g_assert_null (strstr (line->right, "# "));

  /* The line reads as the text does */
  flat_body = flatten (body, -1);
  joined = g_strconcat (line->left, line->match, line->right, NULL);
  g_assert_nonnull (strstr (flat_body, joined));
}

static void
test_range (void)
{
  const char *body = "Alpha beta gamma delta.\n\n# Heading words\n\nepsilon zeta eta theta iota.";
  const char *match = strstr (body, "epsilon");
  guint start = match - body;
  g_autoptr(CeContext) line = ce_context_new_for_range (7, "T", NULL, body, start, start + 7, 20);
  g_autoptr(CeContext) copy = NULL;
  g_autoptr(CeContext) narrow = NULL;
  g_autoptr(CeContext) wide = NULL;
  g_autoptr(CeContext) first = NULL;

  g_assert_cmpint (line->doc_id, ==, 7);
  g_assert_cmpstr (line->match, ==, "epsilon");
  /* The last 20 characters before it start inside "delta."; the
   * heading mark and the blank lines are gone */
  g_assert_cmpstr (line->left, ==, "Heading words ");
  /* "iota." would be cut before its full stop */
  g_assert_cmpstr (line->right, ==, " zeta eta theta");
  g_assert_null (line->date);

  copy = ce_context_copy (line);
  g_assert_cmpstr (copy->left, ==, line->left);
  g_assert_cmpuint (copy->body_end, ==, line->body_end);

  /* A word cut in two is left out on either side */
  narrow = ce_context_new_for_range (1, "T", NULL, body, start, start + 7, 8);
  g_assert_cmpstr (narrow->left, ==, "words ");
  g_assert_cmpstr (narrow->right, ==, " zeta");

  /* Wide enough for everything: nothing is cut */
  wide = ce_context_new_for_range (1, "T", "2024", body, start, start + 7, 200);
  g_assert_cmpstr (wide->left, ==, "Alpha beta gamma delta. Heading words ");
  g_assert_cmpstr (wide->right, ==, " zeta eta theta iota.");
  g_assert_cmpstr (wide->date, ==, "2024");

  /* A match at the very start has nothing on its left */
  first = ce_context_new_for_range (1, "T", NULL, body, 0, 5, 10);
  g_assert_cmpstr (first->left, ==, "");
  g_assert_cmpstr (first->match, ==, "Alpha");
  g_assert_cmpstr (first->right, ==, " beta");
}

static void
test_multibyte (void)
{
  /* Each of these characters is 2 or 3 bytes long */
  const char *body = "Ærøskøbing — øøø ååå ééé café ñññ üüü ßßß";
  const char *match = strstr (body, "café");
  guint start = match - body;

  for (guint width = 0; width < 30; width++)
    {
      g_autoptr(CeContext) line = ce_context_new_for_range (1, "T", NULL, body, start,
                                                            start + strlen ("café"), width);

      g_assert_cmpstr (line->match, ==, "café");
      g_assert_true (g_utf8_validate (line->left, -1, NULL));
      g_assert_true (g_utf8_validate (line->right, -1, NULL));
      g_assert_cmpint (g_utf8_strlen (line->left, -1), <=, width);
      g_assert_cmpint (g_utf8_strlen (line->right, -1), <=, width);
      g_assert_nonnull (strstr (body, line->left));
      g_assert_nonnull (strstr (body, line->right));
      if (width == 12)
        g_assert_cmpstr (line->left, ==, "øøø ååå ééé ");
      if (width >= 25)
        g_assert_cmpstr (line->left, ==, "Ærøskøbing — øøø ååå ééé ");
      if (width == 10)
        g_assert_cmpstr (line->right, ==, " ñññ üüü");
    }
}

static void
test_query (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) query = ce_query_parse ("storm", &error);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) capped = NULL;
  guint64 expected;
  guint total = 0;
  guint capped_total = 0;

  g_assert_no_error (error);
  expected = ce_test_count_instances (fixture->corpus, query);
  /* storm ×4 in the first (one in a heading), ×1 in the second, ×2 in
   * the last; "Storms" is another word */
  g_assert_cmpuint (expected, ==, 7);

  lines = ce_contexts_for_query (fixture->corpus, query, 30, 0, &total, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, expected);
  g_assert_cmpuint (lines->len, ==, expected);

  for (guint i = 0; i < lines->len; i++)
    {
      const CeContext *line = g_ptr_array_index (lines, i);

      check_line (fixture->corpus, line, 30);
      g_assert_cmpint (g_ascii_strcasecmp (line->match, "storm"), ==, 0);
      /* Corpus order, then body order */
      if (i > 0)
        {
          const CeContext *before = g_ptr_array_index (lines, i - 1);

          g_assert_true (before->doc_id < line->doc_id ||
                         (before->doc_id == line->doc_id && before->body_end <= line->body_start));
        }
    }

  /* The heading is shown without its mark */
  {
    const CeContext *line = g_ptr_array_index (lines, 2);

    g_assert_cmpstr (line->match, ==, "Storm");
    g_assert_true (g_str_has_suffix (line->left, "decade. "));
    g_assert_true (g_str_has_prefix (line->right, " damage Repairs"));
  }

  /* A cap keeps the total */
  capped = ce_contexts_for_query (fixture->corpus, query, 30, 3, &capped_total, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (capped->len, ==, 3);
  g_assert_cmpuint (capped_total, ==, expected);
  for (guint i = 0; i < capped->len; i++)
    g_assert_cmpuint (((CeContext *)g_ptr_array_index (capped, i))->body_start, ==,
                      ((CeContext *)g_ptr_array_index (lines, i))->body_start);
}

static void
test_query_phrase (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) query = ce_query_parse ("\"storm warning\" OR cafe", &error);
  g_autoptr(GPtrArray) lines = NULL;
  guint total = 0;
  gboolean across_lines = FALSE;

  g_assert_no_error (error);
  lines = ce_contexts_for_query (fixture->corpus, query, 25, 0, &total, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, ce_test_count_instances (fixture->corpus, query));
  g_assert_cmpuint (lines->len, ==, total);
  /* Two phrases in the last document, café in two documents */
  g_assert_cmpuint (total, ==, 4);

  for (guint i = 0; i < lines->len; i++)
    {
      const CeContext *line = g_ptr_array_index (lines, i);

      check_line (fixture->corpus, line, 25);
      if (g_str_equal (line->match, "storm warning"))
        {
          g_autoptr(CeDocument) document = ce_corpus_get_document (fixture->corpus, line->doc_id, NULL);

          /* The phrase written across a line break is on one line here */
          if (ce_document_get_body (document)[line->body_start + 5] == '\n')
            across_lines = TRUE;
        }
      else
        g_assert_cmpint (g_utf8_collate (line->match, "café") == 0 ||
                         g_utf8_collate (line->match, "Café") == 0, ==, TRUE);
    }
  g_assert_true (across_lines);
}

static void
test_query_without_words (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) query = ce_query_parse ("date:2024", &error);
  g_autoptr(GPtrArray) lines = NULL;
  guint total = 99;

  g_assert_no_error (error);
  lines = ce_contexts_for_query (fixture->corpus, query, 25, 0, &total, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 0);
  g_assert_cmpuint (total, ==, 0);
}

static void
test_topic (Fixture       *fixture,
            gconstpointer  data)
{
  const char * const terms[] = { "storm*", "=Skye", "ferry timetable", NULL };
  g_autoptr(CeTopic) topic = ce_topic_new ("Weather", NULL, terms);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) capped = NULL;
  guint64 expected;
  guint total = 0;
  guint capped_total = 0;

  counts = ce_counter_count_documents (fixture->corpus, topic, NULL, &error);
  g_assert_no_error (error);
  expected = ce_counter_total (counts);
  g_assert_cmpuint (expected, >, 8);

  lines = ce_contexts_for_topic (fixture->corpus, topic, 30, 0, &total, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, expected);
  g_assert_cmpuint (lines->len, ==, expected);

  /* Every line is one counted mention, in the order of the mentions */
  for (guint i = 0, next = 0; i < counts->len; i++)
    {
      const CeDocCount *count = &g_array_index (counts, CeDocCount, i);
      g_autoptr(GArray) mentions = ce_counter_mentions (fixture->corpus, topic, count->doc_id, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (mentions->len, ==, count->count);
      for (guint j = 0; j < mentions->len; j++, next++)
        {
          const CeContext *line = g_ptr_array_index (lines, next);

          g_assert_cmpint (line->doc_id, ==, count->doc_id);
          g_assert_cmpuint (line->body_start, ==, g_array_index (mentions, CeMention, j).start);
          g_assert_cmpuint (line->body_end, ==, g_array_index (mentions, CeMention, j).end);
          check_line (fixture->corpus, line, 30);
        }
    }

  /* =Skye is case-sensitive: both mentions are capitalised */
  {
    guint skye = 0;

    for (guint i = 0; i < lines->len; i++)
      skye += g_str_equal (((CeContext *)g_ptr_array_index (lines, i))->match, "Skye");
    g_assert_cmpuint (skye, ==, 2);
  }

  capped = ce_contexts_for_topic (fixture->corpus, topic, 30, 2, &capped_total, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (capped->len, ==, 2);
  g_assert_cmpuint (capped_total, ==, expected);
}

static void
test_topic_bad_term (Fixture       *fixture,
                     gconstpointer  data)
{
  const char * const terms[] = { "storm", "\"unclosed", NULL };
  g_autoptr(CeTopic) topic = ce_topic_new ("Bad", NULL, terms);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;

  lines = ce_contexts_for_topic (fixture->corpus, topic, 30, 0, NULL, NULL, &error);
  g_assert_null (lines);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "unclosed"));
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  const char * const terms[] = { "storm", NULL };
  g_autoptr(CeTopic) topic = ce_topic_new ("Storm", NULL, terms);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CeQuery) query = ce_query_parse ("storm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) after = NULL;

  g_cancellable_cancel (cancellable);

  lines = ce_contexts_for_query (fixture->corpus, query, 30, 0, NULL, cancellable, &error);
  g_assert_null (lines);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  lines = ce_contexts_for_topic (fixture->corpus, topic, 30, 0, NULL, cancellable, &error);
  g_assert_null (lines);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The connection is usable again afterwards */
  after = ce_contexts_for_query (fixture->corpus, query, 30, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 7);
}


/* The lines of "storm" in corpus order are, by their index:
 *   0 The [storm] closed              (doc 1)
 *   1 said the [storm] was the worst  (doc 1)
 *   2 a decade. [Storm] damage        (doc 1, a heading)
 *   3 Repairs to the [storm] wall     (doc 1)
 *   4 timetable. No [storm] was mentioned   (doc 2)
 *   5 expected. A [storm] warning was       (doc 4)
 *   6 islands; the [storm] warning covers   (doc 4) */
static void
check_order (GPtrArray           *lines,
             CeContextSort        sort,
             const guint         *expected,
             guint                n_expected)
{
  g_autoptr(GPtrArray) copy = g_ptr_array_new_with_free_func ((GDestroyNotify)ce_context_free);

  for (guint i = 0; i < lines->len; i++)
    g_ptr_array_add (copy, ce_context_copy (g_ptr_array_index (lines, i)));

  ce_contexts_sort (copy, sort);
  g_assert_cmpuint (copy->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      const CeContext *line = g_ptr_array_index (copy, i);

      if (line->index != expected[i])
        g_error ("sort %d: line %u is %u (%s[%s]%s), expected %u", sort, i, line->index,
                 line->left, line->match, line->right, expected[i]);
    }
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) query = ce_query_parse ("storm", &error);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) kept = NULL;

  lines = ce_contexts_for_query (fixture->corpus, query, 40, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 7);
  g_assert_cmpstr (((CeContext *)g_ptr_array_index (lines, 2))->match, ==, "Storm");

  /* 1L: a, decade, no, then "the" with nothing before it first, then
   * by the second word: islands, said, to */
  check_order (lines, CE_CONTEXT_SORT_1L, (const guint[]) { 5, 2, 4, 0, 6, 1, 3 }, 7);
  /* 1R: closed, damage, wall, warning (covers before was), was
   * (mentioned before the) */
  check_order (lines, CE_CONTEXT_SORT_1R, (const guint[]) { 0, 2, 3, 6, 5, 4, 1 }, 7);
  /* 2L: nothing, a (the "Storm" heading: "in a decade."), expected, said,
   * the, timetable, islands and to */
  check_order (lines, CE_CONTEXT_SORT_2L, (const guint[]) { 0, 2, 5, 6, 1, 4, 3 }, 7);
  check_order (lines, CE_CONTEXT_SORT_DOC, (const guint[]) { 4, 0, 1, 2, 3, 5, 6 }, 7);
  check_order (lines, CE_CONTEXT_SORT_DATE, (const guint[]) { 0, 1, 2, 3, 4, 5, 6 }, 7);
  check_order (lines, CE_CONTEXT_SORT_ORDER, (const guint[]) { 0, 1, 2, 3, 4, 5, 6 }, 7);

  /* Words compare as the index folds them: case and accents aside */
  kept = ce_contexts_filter (lines, "WARNING");
  g_assert_cmpuint (kept->len, ==, 2);
  g_assert_cmpuint (((CeContext *)g_ptr_array_index (kept, 0))->index, ==, 5);
  g_assert_cmpuint (((CeContext *)g_ptr_array_index (kept, 1))->index, ==, 6);
  g_clear_pointer (&kept, g_ptr_array_unref);

  kept = ce_contexts_filter (lines, "cafe");
  g_assert_cmpuint (kept->len, ==, 1);
  g_assert_cmpuint (((CeContext *)g_ptr_array_index (kept, 0))->index, ==, 6);
  g_clear_pointer (&kept, g_ptr_array_unref);

  /* A whole word, not part of one */
  kept = ce_contexts_filter (lines, "warn");
  g_assert_cmpuint (kept->len, ==, 0);
}

static void
test_sort_dates (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) query = ce_query_parse ("cafe OR timetable OR storms", &error);
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *csv = NULL;

  /* timetable (doc 2, 2024-02-11), café (doc 3, undated), storms and
   * café (doc 4, 2024-03-01): the undated line goes last */
  lines = ce_contexts_for_query (fixture->corpus, query, 20, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 4);
  check_order (lines, CE_CONTEXT_SORT_DATE, (const guint[]) { 0, 2, 3, 1 }, 4);

  csv = ce_contexts_to_csv (lines);
  g_assert_true (g_str_has_prefix (csv, "doc_id,date,title,left,match,right,start,end\r\n"));
  g_assert_nonnull (strstr (csv, "\r\n2,2024-02-11,Ferry timetable,a new ferry ,timetable,. No storm was,33,42\r\n"));
  /* A field with a comma is quoted */
  g_assert_nonnull (strstr (csv, "\r\n3,,Quiet week,\"week, apart from a \","));
}

/* The sample corpus, imported as the application does */
static void
test_sample (void)
{
  g_autofree char *jsonl = ce_test_sample_path ("sample.jsonl");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = ce_test_make_dir ("ce-contexts-sample");
  g_autofree char *path = ce_test_import (dir, "sample", jsonl);
  g_autoptr(CeCorpus) corpus = NULL;
  const char * const queries[] = { "tariffs", "\"storm surge\"", "NEAR(fishing quotas, 5)", "cyclone OR typhoon", "lisbon accord" };
  const char * const terms[] = { "tariff*", "steel", "\"Lisbon accord\"", NULL };
  g_autoptr(CeTopic) topic = ce_topic_new ("Trade", NULL, terms);

  corpus = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(CeQuery) query = ce_query_parse (queries[q], &error);
      g_autoptr(GPtrArray) lines = NULL;
      guint total = 0;

      g_assert_no_error (error);
      lines = ce_contexts_for_query (corpus, query, 40, 0, &total, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (total, >, 0);
      g_assert_cmpuint (total, ==, ce_test_count_instances (corpus, query));
      g_assert_cmpuint (lines->len, ==, total);
      for (guint i = 0; i < lines->len; i++)
        check_line (corpus, g_ptr_array_index (lines, i), 40);
    }

  {
    g_autoptr(GArray) counts = ce_counter_count_documents (corpus, topic, NULL, &error);
    g_autoptr(GPtrArray) lines = NULL;
    guint total = 0;

    g_assert_no_error (error);
    lines = ce_contexts_for_topic (corpus, topic, 40, 0, &total, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (total, ==, ce_counter_total (counts));
    g_assert_cmpuint (lines->len, ==, total);
    for (guint i = 0; i < lines->len; i++)
      check_line (corpus, g_ptr_array_index (lines, i), 40);
  }

  g_clear_object (&corpus);
  ce_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus-explorer/contexts/range", test_range);
  g_test_add_func ("/corpus-explorer/contexts/multibyte", test_multibyte);
  g_test_add ("/corpus-explorer/contexts/query", Fixture, NULL,
              fixture_set_up, test_query, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/contexts/query-phrase", Fixture, NULL,
              fixture_set_up, test_query_phrase, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/contexts/query-without-words", Fixture, NULL,
              fixture_set_up, test_query_without_words, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/contexts/topic", Fixture, NULL,
              fixture_set_up, test_topic, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/contexts/topic-bad-term", Fixture, NULL,
              fixture_set_up, test_topic_bad_term, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/contexts/cancelled", Fixture, NULL,
              fixture_set_up, test_cancelled, ce_test_corpus_tear_down);
  g_test_add_func ("/corpus-explorer/contexts/sample", test_sample);
  g_test_add ("/corpus-explorer/contexts/sort", Fixture, NULL,
              fixture_set_up, test_sort, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/contexts/sort-dates", Fixture, NULL,
              fixture_set_up, test_sort_dates, ce_test_corpus_tear_down);

  return g_test_run ();
}
