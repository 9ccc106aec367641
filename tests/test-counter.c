/* test-counter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ce-counter.h"
#include "ce-reader.h"
#include "ce-search.h"
#include "ce-test-util.h"
#include "ce-topic.h"

typedef CeTestCorpus Fixture;

typedef struct
{
  const char *title;
  const char *place;
  const char *date;
  const char *source;
  const char *tag;
  const char *body;
} Doc;

static void
add_docs (CeCorpus  *corpus,
          const Doc *docs,
          guint      n_docs)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ce_corpus_begin (corpus, &error));
  for (guint i = 0; i < n_docs; i++)
    {
      g_autoptr(CeDraft) draft = ce_test_draft_new (docs[i].title, docs[i].place, docs[i].date,
                                                    docs[i].source, docs[i].body);

      if (docs[i].tag != NULL)
        {
          g_auto(GStrv) tags = g_strsplit (docs[i].tag, ";", -1);

          for (guint j = 0; tags[j] != NULL; j++)
            ce_draft_add_meta (draft, "tag", tags[j]);
        }
      ce_test_corpus_add (corpus, 0, draft);
    }
  g_assert_true (ce_corpus_commit (corpus, &error));
  g_assert_no_error (error);
}

static guint
count_for (GArray *counts,
           gint64  doc_id)
{
  for (guint i = 0; i < counts->len; i++)
    {
      if (g_array_index (counts, CeDocCount, i).doc_id == doc_id)
        return g_array_index (counts, CeDocCount, i).count;
    }

  return 0;
}

/* Three documents and, per case, how often its terms occur in each */
typedef struct
{
  const char *terms;
  guint       counts[3];
} CountCase;

/* Each case's topic counts counts[d] mentions in document d, and lists
 * as many */
static void
check_count_cases (CeCorpus        *corpus,
                   const CountCase *cases,
                   guint            n_cases)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = ce_corpus_list_document_ids (corpus, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, G_N_ELEMENTS (cases[0].counts));

  for (guint c = 0; c < n_cases; c++)
    {
      g_autoptr(CeTopic) topic = ce_test_topic_new ("t", cases[c].terms);
      g_autoptr(GArray) counts = ce_counter_count_documents (corpus, topic, NULL, &error);

      g_assert_no_error (error);
      for (guint d = 0; d < ids->len; d++)
        {
          gint64 id = g_array_index (ids, gint64, d);
          g_autoptr(GArray) mentions = ce_counter_mentions (corpus, topic, id, &error);

          g_test_message ("%s in %u", cases[c].terms, d);
          g_assert_no_error (error);
          g_assert_cmpuint (count_for (counts, id), ==, cases[c].counts[d]);
          g_assert_cmpuint (mentions->len, ==, cases[c].counts[d]);
        }
    }
}

/* The dump, split by the segmenter, with made-up sources, sections,
 * authors and dates so that every grouping has something to group. */
static guint
import_dump (CeCorpus *corpus)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = ce_test_split_shared_dump ();

  if (drafts == NULL)
    return 0;

  g_assert_true (ce_corpus_begin (corpus, &error));
  for (guint n = 0; n < drafts->len; n++)
    {
      CeDraft *draft = g_ptr_array_index (drafts, n);

      draft->source = g_strdup (n % 2 ? "Politico" : "Wire");
      draft->section = n < 4 ? g_strdup ("World") : NULL;
      draft->author = g_strdup_printf ("Author %u", n % 3);
      /* The last one, 2026-01-39, is invalid and counts as no date */
      draft->date = g_strdup_printf ("2026-01-%02u", 3 + n * 4);
      ce_test_corpus_add (corpus, 0, draft);
    }
  g_assert_true (ce_corpus_commit (corpus, &error));
  g_assert_no_error (error);

  return drafts->len;
}

/* A reference tokenizer, written independently of SQLite: lower case,
 * diacritics removed, split at anything that is not a letter or digit. */
typedef struct
{
  char *text;
  gsize start;
  gsize end;
} RefToken;

static void
ref_token_clear (gpointer data)
{
  g_free (((RefToken *)data)->text);
}

static GArray *
ref_tokenize (const char *text)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (RefToken));
  GString *current = NULL;
  gsize start = 0;

  g_array_set_clear_func (tokens, ref_token_clear);

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (*p != 0 && g_unichar_isalnum (c))
        {
          gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];

          if (current == NULL)
            {
              current = g_string_new (NULL);
              start = p - text;
            }
          g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
          g_string_append_unichar (current, g_unichar_tolower (decomposed[0]));
        }
      else if (current != NULL)
        {
          RefToken token = { g_string_free (current, FALSE), start, p - text };

          g_array_append_val (tokens, token);
          current = NULL;
        }

      if (*p == 0)
        break;
    }

  return tokens;
}

typedef struct
{
  GArray   *tokens;
  gboolean  prefix;
} RefTerm;

static GArray *
ref_terms (const char * const *terms)
{
  GArray *parsed = g_array_new (FALSE, FALSE, sizeof (RefTerm));

  for (guint i = 0; terms[i] != NULL; i++)
    {
      g_autofree char *text = g_strdup (terms[i]);
      RefTerm term = { NULL, FALSE };
      gsize len = strlen (text);

      if (len > 0 && text[len - 1] == '*')
        {
          term.prefix = TRUE;
          text[len - 1] = 0;
        }
      term.tokens = ref_tokenize (text);
      g_array_append_val (parsed, term);
    }

  return parsed;
}

static void
ref_terms_free (GArray *terms)
{
  for (guint i = 0; i < terms->len; i++)
    g_array_unref (g_array_index (terms, RefTerm, i).tokens);
  g_array_unref (terms);
}

static gboolean
ref_term_matches (const RefTerm *term,
                  GArray        *tokens,
                  guint          at)
{
  for (guint k = 0; k < term->tokens->len; k++)
    {
      const char *want = g_array_index (term->tokens, RefToken, k).text;
      const char *have;

      if (at + k >= tokens->len)
        return FALSE;
      have = g_array_index (tokens, RefToken, at + k).text;

      if (term->prefix && k + 1 == term->tokens->len ? !g_str_has_prefix (have, want)
                                                     : !g_str_equal (have, want))
        return FALSE;
    }

  return TRUE;
}

/* Mentions by the documented rule: spans of term matches that overlap
 * are one mention. */
static guint
ref_count (const char *body,
           GArray     *terms)
{
  g_autoptr(GArray) tokens = ref_tokenize (body);
  guint count = 0;
  int covered_to = -1;

  for (guint at = 0; at < tokens->len; at++)
    {
      int end = -1;

      for (guint t = 0; t < terms->len; t++)
        {
          const RefTerm *term = &g_array_index (terms, RefTerm, t);

          if (ref_term_matches (term, tokens, at))
            end = MAX (end, (int)(at + term->tokens->len - 1));
        }

      if (end < 0)
        continue;
      if ((int)at > covered_to)
        count++;
      covered_to = MAX (covered_to, end);
    }

  return count;
}

static char *
dup_body (CeCorpus *corpus,
          gint64    id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeDocument) doc = ce_corpus_get_document (corpus, id, &error);

  g_assert_no_error (error);
  return g_strdup (ce_document_get_body (doc));
}

static void
check_sums (CeCorpus  *corpus,
            GPtrArray *topics,
            CeGroupBy  by,
            guint      top_n)
{
  g_autoptr(GError) error = NULL;
  CeGrouping grouping = { by, "tag" };
  const CeMeasure measures[] = { CE_MEASURE_MENTIONS, CE_MEASURE_DOCUMENTS };

  for (guint m = 0; m < G_N_ELEMENTS (measures); m++)
    {
      g_autoptr(CeCountTable) table = NULL;
      guint n_docs = 0;

      table = ce_counter_aggregate (corpus, topics, &grouping, measures[m], NULL, NULL,
                                    top_n, CE_CATEGORY_SORT_VALUE, &error);
      g_assert_no_error (error);
      g_assert_nonnull (table);
      g_assert_cmpuint (ce_count_table_get_n_topics (table), ==, topics->len);

      for (guint c = 0; c < ce_count_table_get_n_categories (table); c++)
        n_docs += ce_count_table_get_category_size (table, c);
      g_assert_cmpuint (n_docs, ==, ce_count_table_get_n_documents (table));

      for (guint t = 0; t < topics->len; t++)
        {
          g_autoptr(GArray) counts = NULL;
          double sum = 0;

          for (guint c = 0; c < ce_count_table_get_n_categories (table); c++)
            sum += ce_count_table_get_value (table, c, t);

          counts = ce_counter_count_documents (corpus, g_ptr_array_index (topics, t), NULL, &error);
          g_assert_no_error (error);

          g_assert_cmpfloat (sum, ==, ce_count_table_get_total (table, t));
          if (measures[m] == CE_MEASURE_MENTIONS)
            g_assert_cmpfloat (sum, ==, (double)ce_counter_total (counts));
          else
            g_assert_cmpfloat (sum, ==, (double)counts->len);
        }
    }
}

static void
test_dump (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) topics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = NULL;
  const char *specs[][2] = {
    { "China", "china, chinese, beijing, \"xi jinping\"" },
    { "Trump", "trump" },
    { "whisky", "whisky" },
    { "visa", "visa*" },
  };
  const guint expected_totals[] = { 201, 11, 22, 26 };
  const CeGroupBy groupings[] = {
    CE_GROUP_DOCUMENT, CE_GROUP_DOCUMENT_BY_DATE, CE_GROUP_PLACE, CE_GROUP_SOURCE,
    CE_GROUP_SECTION, CE_GROUP_AUTHOR, CE_GROUP_DAY, CE_GROUP_WEEK, CE_GROUP_MONTH,
    CE_GROUP_QUARTER, CE_GROUP_YEAR, CE_GROUP_DATE_AUTO,
  };
  guint n;

  n = import_dump (fixture->corpus);
  if (n == 0)
    {
      g_test_skip ("The shared corpus is not available");
      return;
    }
  g_assert_cmpuint (n, ==, 10);

  ids = ce_corpus_list_document_ids (fixture->corpus, &error);
  g_assert_no_error (error);

  for (guint t = 0; t < G_N_ELEMENTS (specs); t++)
    {
      g_autoptr(CeTopic) topic = ce_test_topic_new (specs[t][0], specs[t][1]);
      g_autoptr(GArray) counts = NULL;
      GArray *terms = ref_terms (ce_topic_get_terms (topic));
      guint64 total = 0;

      counts = ce_counter_count_documents (fixture->corpus, topic, NULL, &error);
      g_assert_no_error (error);

      for (guint i = 0; i < ids->len; i++)
        {
          gint64 id = g_array_index (ids, gint64, i);
          g_autofree char *body = dup_body (fixture->corpus, id);
          g_autoptr(GArray) mentions = NULL;
          guint expected = ref_count (body, terms);

          g_test_message ("%s in document %u: %u", specs[t][0], i, expected);
          g_assert_cmpuint (count_for (counts, id), ==, expected);
          total += expected;

          mentions = ce_counter_mentions (fixture->corpus, topic, id, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (mentions->len, ==, expected);

          for (guint j = 0; j < mentions->len; j++)
            {
              CeMention *m = &g_array_index (mentions, CeMention, j);
              g_autofree char *text = g_strndup (body + m->start, m->end - m->start);
              g_autoptr(GArray) tokens = ref_tokenize (text);
              gboolean matched = FALSE;

              g_assert_cmpuint (m->end, <=, strlen (body));
              g_assert_cmpuint (m->start, <, m->end);
              if (j > 0)
                g_assert_cmpuint (m->start, >=, g_array_index (mentions, CeMention, j - 1).end);

              /* The range is exactly some term, case aside */
              for (guint k = 0; k < terms->len && !matched; k++)
                {
                  const RefTerm *term = &g_array_index (terms, RefTerm, k);

                  matched = tokens->len == term->tokens->len && ref_term_matches (term, tokens, 0);
                }
              g_assert_true (matched);
            }
        }

      if (expected_totals[t] > 0)
        g_assert_cmpuint (total, ==, expected_totals[t]);
      g_assert_cmpuint (ce_counter_total (counts), ==, total);
      g_assert_cmpuint (total, >, 0);

      ref_terms_free (terms);
      g_ptr_array_add (topics, g_steal_pointer (&topic));
    }

  for (guint g = 0; g < G_N_ELEMENTS (groupings); g++)
    {
      check_sums (fixture->corpus, topics, groupings[g], 0);
      check_sums (fixture->corpus, topics, groupings[g], 3);
    }
  check_sums (fixture->corpus, topics, CE_GROUP_META, 0);
}

static void
test_case_sensitive (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  const Doc docs[] = {
    { "a", NULL, NULL, NULL, NULL, "The US said us. Tell us about the U.S. and the US-led talks." },
    { "b", NULL, NULL, NULL, NULL, "In May we may go. MAY may not. Theresa May spoke in May." },
    { "c", NULL, NULL, NULL, NULL, "us and may, nothing else; but Mayhew and Mayfair are names." },
  };
  const CountCase cases[] = {
    { "=US", { 2, 0, 0 } },
    { "us", { 4, 0, 1 } },
    { "=May", { 0, 3, 0 } },
    { "may", { 0, 6, 1 } },
    { "=May*", { 0, 3, 2 } },
    { "=\"Theresa May\"", { 0, 1, 0 } },
    { "=\"theresa May\"", { 0, 0, 0 } },
    /* A case-sensitive phrase overlapping a plain one is one mention */
    { "=\"Theresa May\", theresa", { 0, 1, 0 } },
  };

  add_docs (fixture->corpus, docs, G_N_ELEMENTS (docs));
  check_count_cases (fixture->corpus, cases, G_N_ELEMENTS (cases));
  ids = ce_corpus_list_document_ids (fixture->corpus, &error);
  g_assert_no_error (error);

  /* "=US" finds the two letters in capitals only */
  {
    g_autoptr(CeTopic) topic = ce_test_topic_new ("t", "=US");

    for (guint d = 0; d < ids->len; d++)
      {
        g_autoptr(GArray) mentions = ce_counter_mentions (fixture->corpus, topic,
                                                          g_array_index (ids, gint64, d), &error);

        g_assert_no_error (error);
        for (guint m = 0; m < mentions->len; m++)
          {
            CeMention *mention = &g_array_index (mentions, CeMention, m);
            g_assert_cmpint (strncmp (docs[d].body + mention->start, "US", 2), ==, 0);
            g_assert_cmpuint (mention->end - mention->start, ==, 2);
          }
      }
  }
}

static void
test_overlap_and_near (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  const Doc docs[] = {
    { "China Daily in the title", NULL, NULL, NULL, NULL,
      "China Daily reported that China china trade grew. Chinese firms agree." },
    { "Only the title says China", NULL, NULL, NULL, NULL, "Nothing here." },
    { "near", NULL, NULL, NULL, NULL,
      "Trade talks with China went well. Much later, far away, after many many words, trade." },
  };
  const CountCase cases[] = {
    { "china", { 3, 0, 1 } },
    { "china, \"china daily\"", { 3, 0, 1 } },
    { "\"china daily\", daily", { 1, 0, 0 } },
    { "china, chin*", { 4, 0, 1 } },
    { "NEAR(trade china, 3)", { 3, 0, 2 } },
    { "NEAR(trade china, 0)", { 2, 0, 0 } },
    { "\"china china\"", { 1, 0, 0 } },
  };

  add_docs (fixture->corpus, docs, G_N_ELEMENTS (docs));
  check_count_cases (fixture->corpus, cases, G_N_ELEMENTS (cases));
  ids = ce_corpus_list_document_ids (fixture->corpus, &error);
  g_assert_no_error (error);

  /* The merged mention covers the whole phrase */
  {
    g_autoptr(CeTopic) topic = ce_test_topic_new ("t", "china, \"china daily\"");
    g_autoptr(GArray) mentions = ce_counter_mentions (fixture->corpus, topic,
                                                      g_array_index (ids, gint64, 0), &error);
    CeMention *first = &g_array_index (mentions, CeMention, 0);

    g_assert_no_error (error);
    g_assert_cmpuint (first->start, ==, 0);
    g_assert_cmpuint (first->end, ==, strlen ("China Daily"));
  }
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeTopic) topic = ce_test_topic_new ("t", "china");
  g_autoptr(CeTopic) bad = ce_test_topic_new ("bad", "china, \"unclosed");
  g_autoptr(CeTopic) punctuation = ce_test_topic_new ("punct", "china, --");
  g_autoptr(GArray) counts = NULL;
  const Doc docs[] = {
    { "a", NULL, NULL, NULL, NULL, "China and trade." },
  };

  add_docs (fixture->corpus, docs, G_N_ELEMENTS (docs));

  counts = ce_counter_count_documents (fixture->corpus, bad, NULL, &error);
  g_assert_error (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_TERM);
  g_assert_nonnull (strstr (error->message, "\"unclosed"));
  g_assert_null (counts);
  g_clear_error (&error);

  g_assert_false (ce_counter_check_topic (fixture->corpus, punctuation, &error));
  g_assert_error (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_TERM);
  g_assert_nonnull (strstr (error->message, "--"));
  g_clear_error (&error);

  counts = ce_counter_count_documents (fixture->corpus, topic, "trade AND (", &error);
  g_assert_error (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_QUERY);
  g_assert_null (counts);
  g_clear_error (&error);

  counts = ce_counter_count_documents (fixture->corpus, topic, "trade", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts->len, ==, 1);
  g_assert_cmpuint (g_array_index (counts, CeDocCount, 0).count, ==, 1);
  g_clear_pointer (&counts, g_array_unref);

  counts = ce_counter_count_documents (fixture->corpus, topic, "elephant", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts->len, ==, 0);
}

static void
test_cache (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeTopic) topic = ce_test_topic_new ("t", "harbour");
  g_autoptr(GArray) counts = NULL;
  g_autoptr(CeCorpus) other = NULL;
  const Doc first[] = {
    { "a", NULL, NULL, NULL, NULL, "The harbour, the harbour." },
  };
  const Doc second[] = {
    { "b", NULL, NULL, NULL, NULL, "Another harbour and a ferry." },
  };
  const Doc third[] = {
    { "c", NULL, NULL, NULL, NULL, "A third harbour." },
  };
  const char *ferry[] = { "harbour", "ferry", NULL };

  add_docs (fixture->corpus, first, 1);
  counts = ce_counter_count_documents (fixture->corpus, topic, NULL, &error);
  g_assert_cmpuint (ce_counter_total (counts), ==, 2);
  g_clear_pointer (&counts, g_array_unref);

  /* Changes through this connection */
  add_docs (fixture->corpus, second, 1);
  counts = ce_counter_count_documents (fixture->corpus, topic, NULL, &error);
  g_assert_cmpuint (ce_counter_total (counts), ==, 3);
  g_clear_pointer (&counts, g_array_unref);

  /* Changes of the terms */
  ce_topic_set_terms (topic, ferry);
  counts = ce_counter_count_documents (fixture->corpus, topic, NULL, &error);
  g_assert_cmpuint (ce_counter_total (counts), ==, 4);
  g_clear_pointer (&counts, g_array_unref);

  /* Changes through another connection, e.g. an import in a worker */
  other = ce_corpus_open (fixture->path, CE_CORPUS_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  add_docs (other, third, 1);
  counts = ce_counter_count_documents (fixture->corpus, topic, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ce_counter_total (counts), ==, 5);
}

static double
value_of (CeCountTable *table,
          const char   *label,
          guint         topic)
{
  for (guint c = 0; c < ce_count_table_get_n_categories (table); c++)
    {
      if (g_str_equal (ce_count_table_get_category_label (table, c), label))
        return ce_count_table_get_value (table, c, topic);
    }

  g_error ("No category “%s”", label);
  return -1;
}

static CeCountTable *
aggregate (CeCorpus       *corpus,
           GPtrArray      *topics,
           const char     *grouping,
           CeMeasure       measure,
           guint           top_n,
           CeCategorySort  sort)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  CeGrouping g = { 0, NULL };
  CeCountTable *table;

  g_assert_true (ce_grouping_parse (grouping, &g.by, &key, &error));
  g.meta_key = key;
  table = ce_counter_aggregate (corpus, topics, &g, measure, NULL, NULL, top_n, sort, &error);
  g_assert_no_error (error);
  g_assert_nonnull (table);

  return table;
}

static const Doc news[] = {
  /* title, place, date, source, tag, body */
  { "One", "OBAN", "2024-01-03", "Herald", "ferries", "Ferry ferry harbour. One two three four five six." },
  { "Two", "OBAN", "2024-01-20", "Herald", "ferries;weather", "Storm and ferry." },
  { "Three", "PORT ELLEN", "2024-03-02", "Times", NULL, "Harbour only, then words words words." },
  { "Four", NULL, "2024-03", "Times", "weather", "A storm, a storm, a storm." },
  { "Five", "ISLAY", NULL, NULL, NULL, "Nothing at all about it." },
  { "Six", "ISLAY", "2024-06-30", "Herald", NULL, "Ferry." },
};

/* The rows the aggregation keeps with the connection follow the corpus:
 * a place regrouped after documents were added here or through another
 * connection counts them, under the places they bring */
static void
test_kept_rows (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) topics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CeCountTable) table = NULL;
  g_autoptr(CeCorpus) other = NULL;
  const Doc more[] = {
    { "Seven", "OBAN", "2024-07-01", "Herald", NULL, "Ferry ferry." },
  };
  const Doc elsewhere[] = {
    { "Eight", " TIREE ", "2024-08-01", "Herald", NULL, "Ferry." },
  };

  g_ptr_array_add (topics, ce_test_topic_new ("Ferry", "ferry"));
  add_docs (fixture->corpus, news, G_N_ELEMENTS (news));

  table = aggregate (fixture->corpus, topics, "place", CE_MEASURE_MENTIONS, 0, CE_CATEGORY_SORT_NATURAL);
  g_assert_cmpfloat (value_of (table, "OBAN", 0), ==, 3);
  g_assert_cmpuint (ce_count_table_get_n_documents (table), ==, 6);
  g_clear_pointer (&table, ce_count_table_unref);

  add_docs (fixture->corpus, more, 1);
  table = aggregate (fixture->corpus, topics, "place", CE_MEASURE_MENTIONS, 0, CE_CATEGORY_SORT_NATURAL);
  g_assert_cmpfloat (value_of (table, "OBAN", 0), ==, 5);
  g_assert_cmpuint (ce_count_table_get_n_documents (table), ==, 7);
  g_clear_pointer (&table, ce_count_table_unref);

  other = ce_corpus_open (fixture->path, CE_CORPUS_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  add_docs (other, elsewhere, 1);
  table = aggregate (fixture->corpus, topics, "place", CE_MEASURE_MENTIONS, 0, CE_CATEGORY_SORT_NATURAL);
  g_assert_cmpfloat (value_of (table, "TIREE", 0), ==, 1);
  g_assert_cmpuint (ce_count_table_get_n_documents (table), ==, 8);
  g_clear_pointer (&table, ce_count_table_unref);

  /* The months come from the same kept rows */
  table = aggregate (fixture->corpus, topics, "month", CE_MEASURE_MENTIONS, 0, CE_CATEGORY_SORT_NATURAL);
  g_assert_cmpfloat (value_of (table, "2024-07", 0), ==, 2);
  g_assert_cmpfloat (value_of (table, "2024-08", 0), ==, 1);
}

static void
test_aggregate (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) topics = g_ptr_array_new_with_free_func (g_object_unref);
  CeCountTable *table;
  guint n;

  add_docs (fixture->corpus, news, G_N_ELEMENTS (news));
  g_ptr_array_add (topics, ce_test_topic_new ("Ferries", "ferry"));
  g_ptr_array_add (topics, ce_test_topic_new ("Storms", "storm"));

  /* Places: alphabetical, "(none)" last */
  table = aggregate (fixture->corpus, topics, "place", CE_MEASURE_MENTIONS, 0, CE_CATEGORY_SORT_NATURAL);
  g_assert_cmpstr (ce_count_table_get_units (table), ==, "mentions");
  n = ce_count_table_get_n_categories (table);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpstr (ce_count_table_get_category_label (table, 0), ==, "ISLAY");
  g_assert_cmpstr (ce_count_table_get_category_label (table, 1), ==, "OBAN");
  g_assert_cmpstr (ce_count_table_get_category_label (table, 2), ==, "PORT ELLEN");
  g_assert_cmpstr (ce_count_table_get_category_label (table, 3), ==, CE_CATEGORY_NONE_LABEL);
  g_assert_cmpint (ce_count_table_get_category_kind (table, 3), ==, CE_CATEGORY_NONE);
  g_assert_cmpfloat (value_of (table, "OBAN", 0), ==, 3);
  g_assert_cmpfloat (value_of (table, "OBAN", 1), ==, 1);
  g_assert_cmpfloat (value_of (table, "(none)", 1), ==, 3);
  g_assert_cmpfloat (ce_count_table_get_total (table, 0), ==, 4);
  {
    g_autoptr(GArray) docs = ce_count_table_dup_documents (table, 1, 0);
    g_autoptr(GArray) any = ce_count_table_dup_documents (table, 0, -1);

    g_assert_cmpuint (docs->len, ==, 2);
    g_assert_cmpuint (any->len, ==, 1);
  }
  ce_count_table_unref (table);

  /* Sorted by value */
  table = aggregate (fixture->corpus, topics, "place", CE_MEASURE_MENTIONS, 0, CE_CATEGORY_SORT_VALUE);
  g_assert_cmpstr (ce_count_table_get_category_label (table, 0), ==, "OBAN");
  g_assert_cmpstr (ce_count_table_get_category_label (table, 1), ==, "ISLAY");
  ce_count_table_unref (table);

  /* Top 1 folds ISLAY and PORT ELLEN; per 10,000 words is recomputed */
  table = aggregate (fixture->corpus, topics, "place", CE_MEASURE_PER_10K, 1, CE_CATEGORY_SORT_VALUE);
  n = ce_count_table_get_n_categories (table);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (ce_count_table_get_category_label (table, 0), ==, "OBAN");
  g_assert_cmpint (ce_count_table_get_category_kind (table, 2), ==, CE_CATEGORY_OTHER);
  g_assert_cmpuint (ce_count_table_get_category_size (table, 2), ==, 3);
  /* ISLAY: 1 ferry in 5 + 1 words; PORT ELLEN: 0 in 6 words */
  g_assert_cmpuint (ce_count_table_get_category_words (table, 2), ==, 12);
  g_assert_cmpfloat_with_epsilon (ce_count_table_get_value (table, 2, 0), 10000. / 12, 1e-9);
  g_assert_cmpfloat_with_epsilon (ce_count_table_get_value (table, 0, 0), 3 * 10000. / 12, 1e-9);
  g_assert_cmpfloat_with_epsilon (ce_count_table_get_total (table, 0), 4 * 10000. / 30, 1e-9);
  ce_count_table_unref (table);

  /* Share of documents */
  table = aggregate (fixture->corpus, topics, "place", CE_MEASURE_SHARE, 1, CE_CATEGORY_SORT_VALUE);
  g_assert_cmpfloat_with_epsilon (value_of (table, "OBAN", 0), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (value_of (table, "Other", 0), 1. / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (ce_count_table_get_total (table, 1), 2. / 6, 1e-9);
  ce_count_table_unref (table);

  /* Months: the gap of February is filled; a date without a day still
   * falls in its month */
  table = aggregate (fixture->corpus, topics, "month", CE_MEASURE_DOCUMENTS, 0, CE_CATEGORY_SORT_NATURAL);
  g_assert_cmpuint (ce_count_table_get_n_categories (table), ==, 7);
  g_assert_cmpstr (ce_count_table_get_category_label (table, 0), ==, "2024-01");
  g_assert_cmpstr (ce_count_table_get_category_label (table, 1), ==, "2024-02");
  g_assert_cmpstr (ce_count_table_get_category_label (table, 5), ==, "2024-06");
  g_assert_cmpstr (ce_count_table_get_category_label (table, 6), ==, "(none)");
  g_assert_cmpfloat (value_of (table, "2024-01", 0), ==, 2);
  g_assert_cmpfloat (value_of (table, "2024-02", 0), ==, 0);
  g_assert_cmpfloat (value_of (table, "2024-03", 1), ==, 1);
  ce_count_table_unref (table);

  /* Days: a month-only date stays visible among the days */
  table = aggregate (fixture->corpus, topics, "day", CE_MEASURE_MENTIONS, 0, CE_CATEGORY_SORT_NATURAL);
  g_assert_cmpfloat (value_of (table, "2024-03", 1), ==, 3);
  g_assert_cmpfloat (value_of (table, "2024-01-03", 0), ==, 2);
  g_assert_cmpfloat (value_of (table, "2024-01-04", 0), ==, 0);
  ce_count_table_unref (table);

  table = aggregate (fixture->corpus, topics, "week", CE_MEASURE_MENTIONS, 0, CE_CATEGORY_SORT_NATURAL);
  g_assert_cmpfloat (value_of (table, "2024-W01", 0), ==, 2);
  g_assert_cmpfloat (value_of (table, "2024-W02", 0), ==, 0);
  g_assert_cmpfloat (value_of (table, "2024-W03", 0), ==, 1);
  g_assert_cmpfloat (value_of (table, "2024-W26", 0), ==, 1);
  ce_count_table_unref (table);

  table = aggregate (fixture->corpus, topics, "quarter", CE_MEASURE_MENTIONS, 0, CE_CATEGORY_SORT_NATURAL);
  g_assert_cmpuint (ce_count_table_get_n_categories (table), ==, 3);
  g_assert_cmpfloat (value_of (table, "2024-Q1", 0), ==, 3);
  g_assert_cmpfloat (value_of (table, "2024-Q2", 0), ==, 1);
  ce_count_table_unref (table);

  /* Six months of dates with days: weeks */
  table = aggregate (fixture->corpus, topics, "date", CE_MEASURE_MENTIONS, 0, CE_CATEGORY_SORT_NATURAL);
  g_assert_cmpint (ce_count_table_get_group_by (table), ==, CE_GROUP_WEEK);
  ce_count_table_unref (table);

  /* Tags: a document with two tags counts under both */
  table = aggregate (fixture->corpus, topics, "meta:tag", CE_MEASURE_MENTIONS, 0, CE_CATEGORY_SORT_NATURAL);
  g_assert_cmpfloat (value_of (table, "ferries", 0), ==, 3);
  g_assert_cmpfloat (value_of (table, "weather", 1), ==, 4);
  g_assert_cmpfloat (value_of (table, "(none)", 0), ==, 1);
  ce_count_table_unref (table);

  /* Documents in corpus order, labelled by title */
  table = aggregate (fixture->corpus, topics, "document", CE_MEASURE_MENTIONS, 0, CE_CATEGORY_SORT_NATURAL);
  g_assert_cmpuint (ce_count_table_get_n_categories (table), ==, 6);
  g_assert_cmpstr (ce_count_table_get_category_label (table, 0), ==, "One");
  g_assert_cmpstr (ce_count_table_get_category_label (table, 5), ==, "Six");
  ce_count_table_unref (table);

  table = aggregate (fixture->corpus, topics, "document-date", CE_MEASURE_MENTIONS, 0, CE_CATEGORY_SORT_NATURAL);
  g_assert_cmpstr (ce_count_table_get_category_label (table, 3), ==, "Three");
  g_assert_cmpstr (ce_count_table_get_category_label (table, 2), ==, "Four");
  g_assert_cmpstr (ce_count_table_get_category_label (table, 5), ==, "Five");
  ce_count_table_unref (table);

  for (CeGroupBy by = CE_GROUP_DOCUMENT; by <= CE_GROUP_DATE_AUTO; by++)
    {
      if (by != CE_GROUP_META)
        {
          check_sums (fixture->corpus, topics, by, 0);
          check_sums (fixture->corpus, topics, by, 2);
        }
    }
}

static void
test_restrict (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) topics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CeCountTable) table = NULL;
  g_autoptr(CeCountTable) by_ids = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) some = g_array_new (FALSE, FALSE, sizeof (gint64));
  CeGrouping grouping = { CE_GROUP_SOURCE, NULL };

  add_docs (fixture->corpus, news, G_N_ELEMENTS (news));
  g_ptr_array_add (topics, ce_test_topic_new ("Ferries", "ferry"));

  /* Only documents that also mention a harbour */
  table = ce_counter_aggregate (fixture->corpus, topics, &grouping, CE_MEASURE_MENTIONS,
                                "harbour", NULL, 0, CE_CATEGORY_SORT_NATURAL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ce_count_table_get_n_documents (table), ==, 2);
  g_assert_cmpfloat (ce_count_table_get_total (table, 0), ==, 2);
  g_assert_cmpfloat (value_of (table, "Herald", 0), ==, 2);
  g_assert_cmpfloat (value_of (table, "Times", 0), ==, 0);

  ids = ce_corpus_list_document_ids (fixture->corpus, &error);
  g_array_append_val (some, g_array_index (ids, gint64, 1));
  g_array_append_val (some, g_array_index (ids, gint64, 5));
  by_ids = ce_counter_aggregate (fixture->corpus, topics, &grouping, CE_MEASURE_SHARE,
                                 NULL, some, 0, CE_CATEGORY_SORT_NATURAL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ce_count_table_get_n_documents (by_ids), ==, 2);
  g_assert_cmpuint (ce_count_table_get_n_categories (by_ids), ==, 1);
  g_assert_cmpfloat (value_of (by_ids, "Herald", 0), ==, 1.0);

  g_clear_pointer (&table, ce_count_table_unref);
  table = ce_counter_aggregate (fixture->corpus, topics, &grouping, CE_MEASURE_SHARE,
                                "\"unclosed", NULL, 0, CE_CATEGORY_SORT_NATURAL, &error);
  g_assert_error (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_QUERY);
  g_assert_null (table);
}

static void
test_parse_names (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  CeGroupBy by;
  CeMeasure measure;

  g_assert_true (ce_grouping_parse ("meta:tag", &by, &key, &error));
  g_assert_cmpint (by, ==, CE_GROUP_META);
  g_assert_cmpstr (key, ==, "tag");
  g_clear_pointer (&key, g_free);

  g_assert_true (ce_grouping_parse ("quarter", &by, &key, &error));
  g_assert_cmpint (by, ==, CE_GROUP_QUARTER);
  g_assert_null (key);

  g_assert_false (ce_grouping_parse ("meta:", &by, &key, &error));
  g_assert_error (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_GROUPING);
  g_clear_error (&error);
  g_assert_false (ce_grouping_parse ("decade", &by, &key, &error));
  g_assert_error (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_GROUPING);
  g_clear_error (&error);

  g_assert_true (ce_measure_parse ("per10k", &measure, &error));
  g_assert_cmpint (measure, ==, CE_MEASURE_PER_10K);
  g_assert_cmpstr (ce_measure_to_string (CE_MEASURE_SHARE), ==, "share");
  g_assert_false (ce_measure_parse ("percent", &measure, &error));
  g_assert_error (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_MEASURE);
}

/* One table of names: the nicks of the enum types are what the parsers
 * accept and what the printers give */
static void
test_enum_names (void)
{
  g_autoptr(GEnumClass) groups = g_type_class_ref (CE_TYPE_GROUP_BY);
  g_autoptr(GEnumClass) measures = g_type_class_ref (CE_TYPE_MEASURE);
  g_autoptr(GError) error = NULL;
  CeGroupBy by;
  CeMeasure measure;
  CeSort sort;

  for (guint i = 0; i < groups->n_values; i++)
    {
      const GEnumValue *value = &groups->values[i];
      g_autofree char *key = NULL;

      g_assert_cmpstr (ce_group_by_to_string (value->value), ==, value->value_nick);
      if (value->value == CE_GROUP_META)
        continue;
      g_assert_true (ce_grouping_parse (value->value_nick, &by, &key, &error));
      g_assert_no_error (error);
      g_assert_cmpint (by, ==, value->value);
    }

  /* The automatic date grouping is "date"; "auto" is still read */
  g_assert_cmpstr (ce_group_by_to_string (CE_GROUP_DATE_AUTO), ==, "date");
  {
    g_autofree char *key = NULL;

    g_assert_true (ce_grouping_parse ("auto", &by, &key, &error));
    g_assert_cmpint (by, ==, CE_GROUP_DATE_AUTO);
  }

  for (guint i = 0; i < measures->n_values; i++)
    {
      const GEnumValue *value = &measures->values[i];

      g_assert_cmpstr (ce_measure_to_string (value->value), ==, value->value_nick);
      g_assert_true (ce_measure_parse (value->value_nick, &measure, &error));
      g_assert_cmpint (measure, ==, value->value);
      g_assert_nonnull (ce_measure_get_units (value->value));
    }

  g_assert_true (ce_search_parse_sort ("Length", &sort));
  g_assert_cmpint (sort, ==, CE_SORT_LENGTH);
  g_assert_false (ce_search_parse_sort ("size", &sort));
  g_assert_cmpstr (ce_format_to_string (CE_FORMAT_JSONL), ==, "jsonl");
  g_assert_cmpint (ce_format_from_string ("CSV"), ==, CE_FORMAT_CSV);
  g_assert_cmpint (ce_format_from_string ("doc"), ==, CE_FORMAT_UNKNOWN);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/corpus-explorer/counter/dump", Fixture, NULL,
              ce_test_corpus_set_up, test_dump, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/counter/case-sensitive", Fixture, NULL,
              ce_test_corpus_set_up, test_case_sensitive, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/counter/overlap-and-near", Fixture, NULL,
              ce_test_corpus_set_up, test_overlap_and_near, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/counter/errors", Fixture, NULL,
              ce_test_corpus_set_up, test_errors, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/counter/cache", Fixture, NULL,
              ce_test_corpus_set_up, test_cache, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/counter/kept-rows", Fixture, NULL,
              ce_test_corpus_set_up, test_kept_rows, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/counter/aggregate", Fixture, NULL,
              ce_test_corpus_set_up, test_aggregate, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/counter/restrict", Fixture, NULL,
              ce_test_corpus_set_up, test_restrict, ce_test_corpus_tear_down);
  g_test_add_func ("/corpus-explorer/counter/parse-names", test_parse_names);
  g_test_add_func ("/corpus-explorer/counter/enum-names", test_enum_names);

  return g_test_run ();
}
