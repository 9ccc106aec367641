/* test-analysis.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keywords, collocates, n-grams and topic co-occurrence: each statistic
 * against values worked out by hand on a small corpus, and the words
 * counted against what searching finds.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "ce-association.h"
#include "ce-collocates.h"
#include "ce-cooccurrence.h"
#include "ce-ngrams.h"
#include "ce-corpus-count.h"
#include "ce-corpus-tokens.h"
#include "ce-keyness.h"
#include "ce-search.h"
#include "ce-stopwords.h"
#include "ce-test-sqlite.h"
#include "ce-test-util.h"
#include "ce-vocabulary.h"

typedef CeTestCorpus Fixture;

/* Tokens, title first:
 *   1 alpha | storm storm wind     (4)
 *   2 beta  | storm rain           (3)
 *   3 gamma | rain rain sun wind   (5)
 *   4 delta | sun sun sun rain     (5) */
static const struct
{
  const char *title;
  const char *body;
} small_docs[] = {
  { "Alpha", "Storm, STORM; wind." },
  { "Beta", "Stórm rain" },
  { "Gamma", "rain rain sun wind" },
  { "Delta", "sun sun sun rain" },
};

static void
small_set_up (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  ce_test_corpus_set_up (fixture, data);

  g_assert_true (ce_corpus_begin (fixture->corpus, &error));
  for (guint i = 0; i < G_N_ELEMENTS (small_docs); i++)
    {
      g_autoptr(CeDraft) draft = ce_test_draft_new (small_docs[i].title, NULL, NULL, NULL,
                                                    small_docs[i].body);

      ce_test_corpus_add (fixture->corpus, 0, draft);
    }
  g_assert_true (ce_corpus_commit (fixture->corpus, &error));
  g_assert_no_error (error);
}

static CeQuery *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  CeQuery *query = ce_query_parse (text, &error);

  g_assert_no_error (error);
  return query;
}

static void
test_measures (void)
{
  /* Known critical values of chi-square with one degree of freedom */
  g_assert_cmpfloat_with_epsilon (ce_chi2_critical (0.05), 3.841459, 1e-5);
  g_assert_cmpfloat_with_epsilon (ce_chi2_critical (0.01), 6.634897, 1e-5);
  g_assert_cmpfloat_with_epsilon (ce_chi2_critical (0.001), 10.827566, 1e-5);
  g_assert_cmpfloat_with_epsilon (ce_chi2_p_value (3.841459), 0.05, 1e-6);

  /* a = 3, b = 0, c = 7, d = 10: E1 = 21/17, G² = 2 · 3 ln (17/7) */
  g_assert_cmpfloat_with_epsilon (ce_log_likelihood_2 (3, 0, 7, 10), 6 * log (17.0 / 7), 1e-9);
  /* Zero frequencies count as 0.5: log2 ((3/7) / (0.5/10)) */
  g_assert_cmpfloat_with_epsilon (ce_log_ratio (3, 0, 7, 10), log2 (60.0 / 7), 1e-9);
  g_assert_cmpfloat_with_epsilon (ce_log_ratio (10, 20, 100, 200), 0, 1e-12);

  /* A 2×2 table: O = 10, 20 / 30, 940; E11 = 30 · 40 / 1000 = 1.2 … */
  {
    double expected = 2 * (10 * log (10 / 1.2) + 20 * log (20 / 28.8) +
                           30 * log (30 / 38.8) + 940 * log (940 / 931.2));

    g_assert_cmpfloat_with_epsilon (ce_log_likelihood_22 (10, 20, 30, 940), expected, 1e-9);
    /* As two sets (the word in 10 of 30 tokens and in 30 of 970),
     * Rayson's form keeps the terms of the word's cells only */
    g_assert_cmpfloat_with_epsilon (ce_log_likelihood_2 (10, 30, 30, 970),
                                    2 * (10 * log (10 / 1.2) + 30 * log (30 / 38.8)), 1e-9);
    g_assert_cmpfloat (ce_log_likelihood_2 (10, 30, 30, 970), <, expected);
  }
}

typedef struct
{
  guint64 tokens;
  guint   storms;
} TokenCount;

static gboolean
count_cb (gint64               doc_id,
          int                  column,
          const char          *text,
          gsize                text_len,
          const CeCorpusToken *tokens,
          guint                n_tokens,
          gpointer             user_data)
{
  TokenCount *count = user_data;

  count->tokens += n_tokens;
  for (guint i = 0; i < n_tokens; i++)
    {
      g_assert_cmpuint (tokens[i].end, <=, text_len);
      if (tokens[i].len == 5 && memcmp (tokens[i].text, "storm", 5) == 0)
        {
          count->storms++;
          /* The original word, with its case and accent */
          g_assert_cmpuint (g_utf8_strlen (text + tokens[i].start, tokens[i].end - tokens[i].start), ==, 5);
        }
    }

  return TRUE;
}

/* The tokenizer's tokens are the index's: every count agrees */
static void
test_tokens (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = ce_corpus_list_document_ids (fixture->corpus, &error);
  g_autoptr(CeVocabulary) vocabulary = ce_vocabulary_get (fixture->corpus, &error);
  const CeVocabularyEntry *storm;
  TokenCount count = { 0, };
  guint all = (1 << CE_CORPUS_COLUMN_TITLE) | (1 << CE_CORPUS_COLUMN_BODY);

  g_assert_no_error (error);
  g_assert_true (ce_corpus_tokenize (fixture->corpus, (gint64 *)(void *)ids->data, ids->len,
                                     all, count_cb, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count.tokens, ==, 17);
  g_assert_cmpuint (count.storms, ==, 3);

  g_assert_cmpuint (ce_vocabulary_tokens (vocabulary, all), ==, 17);
  g_assert_cmpuint (ce_vocabulary_tokens (vocabulary, 1 << CE_CORPUS_COLUMN_BODY), ==, 13);
  g_assert_cmpuint (ce_vocabulary_size (vocabulary), ==, 8);
  storm = ce_vocabulary_lookup (vocabulary, "storm");
  g_assert_nonnull (storm);
  g_assert_cmpint (storm->count[CE_CORPUS_COLUMN_BODY], ==, 3);
  g_assert_cmpint (storm->docs[CE_CORPUS_COLUMN_BODY], ==, 2);
  g_assert_cmpint (storm->count[CE_CORPUS_COLUMN_TITLE], ==, 0);

  /* Kept for the corpus as it is, read again once it changes */
  {
    g_autoptr(CeVocabulary) again = ce_vocabulary_get (fixture->corpus, &error);

    g_assert_true (again == vocabulary);
  }
}

/* Quoted text in mail is indexed apart: the words counted follow what
 * searching sees, with quoted text left out or counted */
static void
test_quoted_tokens (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(CeDraft) draft = ce_test_draft_new ("Re: gale", NULL, NULL, NULL,
                                                "Thanks for the warning.\n\n"
                                                "> A gale is coming tonight.");

  g_assert_true (ce_corpus_begin (fixture->corpus, &error));
  ce_test_corpus_add (fixture->corpus, 0, draft);
  g_assert_true (ce_corpus_commit (fixture->corpus, &error));
  ids = ce_corpus_list_document_ids (fixture->corpus, &error);
  g_assert_no_error (error);
  g_assert_true (ce_corpus_has_quoted_text (fixture->corpus));

  for (guint mode = 0; mode < 2; mode++)
    {
      g_autoptr(CeVocabulary) vocabulary = NULL;
      g_autoptr(CeQuery) gale = parse ("gale");
      TokenCount count = { 0, };
      guint columns;

      ce_corpus_set_quoted_mode (fixture->corpus, mode == 0 ? CE_QUOTED_EXCLUDE : CE_QUOTED_INCLUDE);
      columns = ce_corpus_word_columns (fixture->corpus, TRUE);
      vocabulary = ce_vocabulary_get (fixture->corpus, &error);
      g_assert_no_error (error);
      g_assert_true (ce_corpus_tokenize (fixture->corpus, (gint64 *)(void *)ids->data, ids->len,
                                         columns, count_cb, &count, &error));
      g_assert_no_error (error);

      /* 17 words before; "re gale" and "thanks for the warning", and
       * "a gale is coming tonight" when quoted text counts */
      g_assert_cmpuint (count.tokens, ==, mode == 0 ? 23 : 28);
      g_assert_cmpuint (ce_vocabulary_tokens (vocabulary, columns), ==, count.tokens);
      g_assert_cmpint (ce_vocabulary_entry_count (ce_vocabulary_lookup (vocabulary, "gale"), columns),
                       ==, mode == 0 ? 1 : 2);
      g_assert_cmpint (ce_search_count (fixture->corpus, gale, NULL), ==, 1);
    }
}

static const CeKeyword *
find_keyword (const CeKeywordResult *result,
              const char            *word)
{
  for (guint i = 0; i < result->keywords->len; i++)
    {
      const CeKeyword *keyword = g_ptr_array_index (result->keywords, i);

      if (g_str_equal (keyword->word, word))
        return keyword;
    }

  return NULL;
}

static void
test_keywords (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) target = parse ("storm");
  g_autoptr(CeQuery) reference = parse ("gamma OR delta");
  g_autoptr(CeKeywordResult) result = NULL;
  g_autoptr(CeKeywordResult) against = NULL;
  g_autoptr(GHashTable) stop = ce_stopwords_parse ("# test\nStorm\n\n", -1);
  CeKeywordOptions options = { .min_count = 1, .alpha = 0.8 };
  const CeKeyword *keyword;

  /* Target: documents 1 and 2, 7 tokens (storm 3, rain 1, wind 1,
   * alpha 1, beta 1); the rest: 10 tokens (sun 4, rain 3, wind 1, gamma
   * 1, delta 1).  8 words tested: the cut-off is the critical value for
   * 0.8 / 8 = 0.1, 2.7055. */
  result = ce_keywords_compute (fixture->corpus, target, NULL, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->target_docs, ==, 2);
  g_assert_cmpuint (result->reference_docs, ==, 2);
  g_assert_cmpuint (result->target_tokens, ==, 7);
  g_assert_cmpuint (result->reference_tokens, ==, 10);
  g_assert_cmpuint (result->words_tested, ==, 8);
  g_assert_cmpfloat_with_epsilon (result->critical, 2.705543, 1e-5);

  /* storm: E1 = 7 · 3 / 17, G² = 2 · 3 ln (3 / E1) = 6 ln (17/7) = 5.3238;
   * sun:   E2 = 10 · 4 / 17, G² = 2 · 4 ln (4 / E2) = 8 ln (1.7) = 4.2450;
   * rain:  2 (ln (17/28) + 3 ln (51/40)) = 0.4597, not listed */
  g_assert_cmpuint (result->keywords->len, ==, 2);
  keyword = g_ptr_array_index (result->keywords, 0);
  g_assert_cmpstr (keyword->word, ==, "storm");
  g_assert_cmpint (keyword->target_count, ==, 3);
  g_assert_cmpint (keyword->reference_count, ==, 0);
  g_assert_cmpuint (keyword->target_docs, ==, 2);
  g_assert_cmpfloat_with_epsilon (keyword->ll, 6 * log (17.0 / 7), 1e-9);
  g_assert_cmpfloat_with_epsilon (keyword->log_ratio, log2 ((3.0 / 7) / (0.5 / 10)), 1e-9);

  keyword = g_ptr_array_index (result->keywords, 1);
  g_assert_cmpstr (keyword->word, ==, "sun");
  g_assert_cmpint (keyword->target_count, ==, 0);
  g_assert_cmpint (keyword->reference_count, ==, 4);
  g_assert_cmpfloat_with_epsilon (keyword->ll, 8 * log (1.7), 1e-9);
  /* log2 ((0.5 / 7) / (4 / 10)) */
  g_assert_cmpfloat_with_epsilon (keyword->log_ratio, log2 ((0.5 / 7) / (4.0 / 10)), 1e-9);
  g_assert_null (find_keyword (result, "rain"));
  g_clear_pointer (&result, ce_keyword_result_free);

  /* The same documents given by their ids (a chart's bar) */
  {
    g_autoptr(GArray) ids = ce_search_ids (fixture->corpus, target, CE_SORT_ORDER, FALSE, &error);
    g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (gint64));

    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 2);
    result = ce_keywords_compute_for_ids (fixture->corpus, ids, &options, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (result->target_docs, ==, 2);
    g_assert_cmpuint (result->reference_tokens, ==, 10);
    g_assert_cmpuint (result->keywords->len, ==, 2);
    keyword = g_ptr_array_index (result->keywords, 0);
    g_assert_cmpstr (keyword->word, ==, "storm");
    g_assert_cmpfloat_with_epsilon (keyword->ll, 6 * log (17.0 / 7), 1e-9);
    g_clear_pointer (&result, ce_keyword_result_free);

    g_assert_null (ce_keywords_compute_for_ids (fixture->corpus, none, &options, NULL, &error));
    g_assert_error (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_QUERY);
    g_clear_error (&error);
  }

  /* At the usual 0.05 / 8 nothing is significant in so little text */
  options.alpha = 0;
  result = ce_keywords_compute (fixture->corpus, target, NULL, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->keywords->len, ==, 0);
  g_assert_cmpfloat_with_epsilon (result->critical, ce_chi2_critical (0.05 / 8), 1e-9);
  g_clear_pointer (&result, ce_keyword_result_free);

  /* Minimum frequency: rain (4), sun (4) and storm (3) reach 3; so 3
   * words are tested, and the cut-off is for 0.8 / 3 */
  options.alpha = 0.8;
  options.min_count = 3;
  result = ce_keywords_compute (fixture->corpus, target, NULL, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->words_tested, ==, 3);
  g_assert_cmpfloat_with_epsilon (result->critical, ce_chi2_critical (0.8 / 3), 1e-9);
  g_clear_pointer (&result, ce_keyword_result_free);

  /* Stop words are not tested */
  options.min_count = 1;
  options.stopwords = stop;
  result = ce_keywords_compute (fixture->corpus, target, NULL, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->words_tested, ==, 7);
  g_assert_null (find_keyword (result, "storm"));
  g_clear_pointer (&result, ce_keyword_result_free);
  options.stopwords = NULL;

  /* A second search as the reference: the same documents 3 and 4 */
  against = ce_keywords_compute (fixture->corpus, target, reference, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (against->reference_docs, ==, 2);
  g_assert_cmpuint (against->reference_tokens, ==, 10);
  keyword = find_keyword (against, "storm");
  g_assert_nonnull (keyword);
  g_assert_cmpfloat_with_epsilon (keyword->ll, 6 * log (17.0 / 7), 1e-9);

  /* By log ratio: storm (+3.10) before sun (-2.49) */
  ce_keywords_sort (against->keywords, CE_KEYWORD_SORT_RATIO);
  g_assert_cmpstr (((CeKeyword *)g_ptr_array_index (against->keywords, 0))->word, ==, "storm");

  /* The whole corpus leaves nothing to compare with */
  {
    g_autoptr(CeQuery) everything = parse ("storm OR rain OR sun OR wind");

    g_assert_null (ce_keywords_compute (fixture->corpus, everything, NULL, &options, NULL, &error));
    g_assert_error (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_QUERY);
  }
}

static const CeCollocate *
find_collocate (const CeCollocateResult *result,
                const char              *word)
{
  for (guint i = 0; i < result->collocates->len; i++)
    {
      const CeCollocate *collocate = g_ptr_array_index (result->collocates, i);

      if (g_str_equal (collocate->word, word))
        return collocate;
    }

  return NULL;
}

static void
test_collocates (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) wind = parse ("wind");
  g_autoptr(CeQuery) storm = parse ("storm");
  g_autoptr(CeCollocateResult) result = NULL;
  CeCollocateOptions options = { .left = 1, .right = 1, .min_count = 1 };
  const CeCollocate *collocate;
  const char * const terms[] = { "storm", NULL };
  g_autoptr(CeTopic) topic = ce_topic_new ("Storm", NULL, terms);

  /* Bodies: storm storm wind | storm rain | rain rain sun wind |
   * sun sun sun rain: 13 words.  One word each side of "wind": storm
   * (document 1) and sun (document 3); nothing follows either. */
  result = ce_collocates_for_query (fixture->corpus, wind, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->matches, ==, 2);
  g_assert_cmpuint (result->window_tokens, ==, 2);
  g_assert_cmpuint (result->corpus_tokens, ==, 13);
  g_assert_cmpuint (result->collocates->len, ==, 2);

  /* storm: O11 = 1, R1 = 2, C1 = 3, N = 13 */
  collocate = find_collocate (result, "storm");
  g_assert_nonnull (collocate);
  g_assert_cmpint (collocate->count, ==, 1);
  g_assert_cmpint (collocate->corpus_count, ==, 3);
  g_assert_cmpfloat_with_epsilon (collocate->mi, log2 (13.0 / 6), 1e-9);
  g_assert_cmpfloat_with_epsilon (collocate->log_dice, 14 + log2 (2.0 / 5), 1e-9);
  /* G² of ((1, 1), (2, 9)): E = 2·3/13, 2·10/13, 11·3/13, 11·10/13 */
  g_assert_cmpfloat_with_epsilon (collocate->ll,
                                  2 * (1 * log (1 / (6.0 / 13)) + 1 * log (1 / (20.0 / 13)) +
                                       2 * log (2 / (33.0 / 13)) + 9 * log (9 / (110.0 / 13))),
                                  1e-9);

  /* sun: C1 = 4 */
  collocate = find_collocate (result, "sun");
  g_assert_nonnull (collocate);
  g_assert_cmpfloat_with_epsilon (collocate->mi, log2 (13.0 / 8), 1e-9);
  g_assert_cmpfloat_with_epsilon (collocate->log_dice, 14 + log2 (2.0 / 6), 1e-9);
  /* By log-likelihood: storm's is higher */
  g_assert_cmpstr (((CeCollocate *)g_ptr_array_index (result->collocates, 0))->word, ==, "storm");
  g_clear_pointer (&result, ce_collocate_result_free);

  /* Five words each side of "storm": the other storm is a match, not a
   * collocate; wind follows both storms of document 1, rain the one of
   * document 2 */
  options.left = options.right = 5;
  result = ce_collocates_for_query (fixture->corpus, storm, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->matches, ==, 3);
  g_assert_cmpuint (result->window_tokens, ==, 3);
  g_assert_null (find_collocate (result, "storm"));
  collocate = find_collocate (result, "wind");
  g_assert_cmpint (collocate->count, ==, 2);
  g_assert_cmpuint (collocate->docs, ==, 1);
  collocate = find_collocate (result, "rain");
  g_assert_cmpint (collocate->count, ==, 1);
  g_clear_pointer (&result, ce_collocate_result_free);

  /* Left only */
  options.right = 0;
  result = ce_collocates_for_query (fixture->corpus, storm, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->collocates->len, ==, 0);
  g_clear_pointer (&result, ce_collocate_result_free);

  /* A topic's mentions are the same three; a minimum frequency of 2
   * keeps wind only */
  options.right = 5;
  options.min_count = 2;
  result = ce_collocates_for_topic (fixture->corpus, topic, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->matches, ==, 3);
  g_assert_cmpuint (result->collocates->len, ==, 1);
  g_assert_cmpstr (((CeCollocate *)g_ptr_array_index (result->collocates, 0))->word, ==, "wind");
}

/* A search's matches and tokens are read in one pass over what it
 * matches: only the documents it finds count (its filters and excluded
 * words apply), phrases and overlapping matches are one match, and a
 * window stops at the end of the body */
static void
test_collocates_search (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CeCollocateOptions options = { .left = 5, .right = 5, .min_count = 1 };
  const CeCollocate *collocate;
  CeCollocateResult *result;
  CeQuery *query;

  /* storm NOT wind: document 2 only ("storm rain"), though "storm" alone
   * is highlighted in document 1 too */
  query = parse ("storm NOT wind");
  result = ce_collocates_for_query (fixture->corpus, query, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->docs, ==, 1);
  g_assert_cmpuint (result->matches, ==, 1);
  g_assert_cmpuint (result->window_tokens, ==, 1);
  g_assert_cmpuint (result->collocates->len, ==, 1);
  g_assert_cmpstr (((CeCollocate *)g_ptr_array_index (result->collocates, 0))->word, ==, "rain");
  ce_collocate_result_free (result);
  ce_query_unref (query);

  /* A filter: the title of document 1 */
  query = parse ("storm title:alpha");
  result = ce_collocates_for_query (fixture->corpus, query, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->docs, ==, 1);
  g_assert_cmpuint (result->matches, ==, 2);
  collocate = find_collocate (result, "wind");
  g_assert_nonnull (collocate);
  g_assert_cmpint (collocate->count, ==, 2);
  g_assert_cmpuint (collocate->docs, ==, 1);
  g_assert_null (find_collocate (result, "rain"));
  ce_collocate_result_free (result);
  ce_query_unref (query);

  /* A phrase is one match of two words: "sun sun [sun rain]" */
  query = parse ("\"sun rain\"");
  result = ce_collocates_for_query (fixture->corpus, query, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->matches, ==, 1);
  g_assert_cmpuint (result->window_tokens, ==, 2);
  collocate = find_collocate (result, "sun");
  g_assert_cmpint (collocate->count, ==, 2);
  g_assert_null (find_collocate (result, "rain"));
  ce_collocate_result_free (result);
  ce_query_unref (query);

  /* Overlapping instances merge: "[sun sun sun] rain" is one match,
   * followed by rain; "sun wind" in document 3 has none */
  query = parse ("\"sun sun\"");
  options.right = 1;
  result = ce_collocates_for_query (fixture->corpus, query, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->docs, ==, 1);
  g_assert_cmpuint (result->matches, ==, 1);
  g_assert_cmpuint (result->window_tokens, ==, 1);
  collocate = find_collocate (result, "rain");
  g_assert_cmpint (collocate->count, ==, 1);
  ce_collocate_result_free (result);
  ce_query_unref (query);
}

/* The windows as the issue defines them, worked out here from every
 * token of each body (ce_corpus_tokenize()) and the ranges searching
 * highlights (ce_search_instances()): up to @left words before each
 * match and @right after it, words inside any match left out */
typedef struct
{
  GHashTable *counts;   /* word -> count */
  GArray     *ranges;
  guint       left;
  guint       right;
  guint64     matches;
} Reference;

static gboolean
reference_cb (gint64               doc_id,
              int                  column,
              const char          *text,
              gsize                text_len,
              const CeCorpusToken *tokens,
              guint                n_tokens,
              gpointer             user_data)
{
  Reference *reference = user_data;
  g_autofree gboolean *in_match = g_new0 (gboolean, n_tokens + 1);

  for (guint r = 0; r < reference->ranges->len; r++)
    {
      const CeSearchRange *range = &g_array_index (reference->ranges, CeSearchRange, r);

      for (guint k = 0; k < n_tokens; k++)
        if (tokens[k].start < range->end && tokens[k].end > range->start)
          in_match[k] = TRUE;
    }

  for (guint r = 0; r < reference->ranges->len; r++)
    {
      const CeSearchRange *range = &g_array_index (reference->ranges, CeSearchRange, r);
      gint first = -1, last = -1;
      guint seen;

      for (guint k = 0; k < n_tokens; k++)
        if (tokens[k].start < range->end && tokens[k].end > range->start)
          {
            if (first < 0)
              first = k;
            last = k;
          }
      if (first < 0)
        continue;
      reference->matches++;

      seen = 0;
      for (gint k = first - 1; k >= 0 && seen < reference->left; k--)
        if (!in_match[k])
          {
            char *word = g_strndup (tokens[k].text, tokens[k].len);

            g_hash_table_insert (reference->counts, word,
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (reference->counts, word)) + 1));
            seen++;
          }
      seen = 0;
      for (guint k = last + 1; k < n_tokens && seen < reference->right; k++)
        if (!in_match[k])
          {
            char *word = g_strndup (tokens[k].text, tokens[k].len);

            g_hash_table_insert (reference->counts, word,
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (reference->counts, word)) + 1));
            seen++;
          }
    }

  return TRUE;
}

/* Long bodies with many matches, words outside ASCII, phrases: only the
 * tokens of the windows are read, and they are those the whole body
 * gives (run by the test analysis-two-threads on two threads too) */
static void
test_collocates_windows (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char *bodies[] = {
    "The storm came at dawn. Storm after storm — “storm” warnings, a storm front, "
    "Größe und Stärke des Sturms; storm café naïve storm storm end.",
    "Nothing here but weather: rain, sun, wind; then l’été, déjà vu, storm front front storm.",
    "storm",
    "Front storm front storm front storm front. 東京 storm 北京 storm front, a-b-c storm x1 y2 z3 storm",
  };
  const char *queries[] = { "storm", "\"storm front\"", "storm OR front", "front" };
  g_autoptr(GError) error = NULL;

  g_assert_true (ce_corpus_begin (fixture->corpus, &error));
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(CeDraft) draft = ce_test_draft_new ("Weather", NULL, NULL, NULL, bodies[i]);

      ce_test_corpus_add (fixture->corpus, 0, draft);
    }
  g_assert_true (ce_corpus_commit (fixture->corpus, &error));
  g_assert_no_error (error);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    for (guint left = 0; left <= 4; left += 2)
      for (guint right = 0; right <= 3; right += 3)
        {
          g_autoptr(CeQuery) query = parse (queries[q]);
          g_autoptr(GArray) ids = ce_search_ids (fixture->corpus, query, CE_SORT_ORDER, FALSE, &error);
          g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          CeCollocateOptions options = { .left = left, .right = right, .min_count = 1 };
          Reference reference = { counts, NULL, left, right, 0 };
          guint columns = ce_corpus_word_columns (fixture->corpus, FALSE);
          CeCollocateResult *result;

          g_assert_no_error (error);
          for (guint i = 0; i < ids->len; i++)
            {
              gint64 id = g_array_index (ids, gint64, i);
              g_autoptr(GArray) ranges = ce_search_instances (fixture->corpus, query, id, &error);

              g_assert_no_error (error);
              reference.ranges = ranges;
              g_assert_true (ce_corpus_tokenize (fixture->corpus, &id, 1, columns, reference_cb, &reference, &error));
              g_assert_no_error (error);
            }

          result = ce_collocates_for_query (fixture->corpus, query, &options, NULL, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (result->matches, ==, reference.matches);
          g_assert_cmpuint (result->collocates->len, ==, g_hash_table_size (counts));
          g_assert_cmpuint (result->matches, >, 0);
          for (guint c = 0; c < result->collocates->len; c++)
            {
              const CeCollocate *collocate = g_ptr_array_index (result->collocates, c);

              g_assert_cmpint (collocate->count, ==, GPOINTER_TO_UINT (g_hash_table_lookup (counts, collocate->word)));
            }
          ce_collocate_result_free (result);
        }
}

/* In mail, the body's matches are mapped from the index's two columns
 * (new and quoted text) into the stored body */
static void
test_collocates_quoted (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeDraft) draft = ce_test_draft_new ("Re: gale", NULL, NULL, NULL,
                                                "Thanks for the warning.\n\n"
                                                "> A gale is coming tonight.");
  g_autoptr(CeQuery) gale = parse ("gale");
  CeCollocateOptions options = { .left = 2, .right = 1, .min_count = 1 };
  CeCollocateResult *result;

  g_assert_true (ce_corpus_begin (fixture->corpus, &error));
  ce_test_corpus_add (fixture->corpus, 0, draft);
  g_assert_true (ce_corpus_commit (fixture->corpus, &error));
  g_assert_no_error (error);

  /* Quoted text counted: "the warning a [gale] is" */
  ce_corpus_set_quoted_mode (fixture->corpus, CE_QUOTED_INCLUDE);
  result = ce_collocates_for_query (fixture->corpus, gale, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->docs, ==, 1);
  g_assert_cmpuint (result->matches, ==, 1);
  g_assert_cmpuint (result->window_tokens, ==, 3);
  g_assert_nonnull (find_collocate (result, "warning"));
  g_assert_nonnull (find_collocate (result, "a"));
  g_assert_nonnull (find_collocate (result, "is"));
  g_assert_null (find_collocate (result, "the"));
  ce_collocate_result_free (result);

  /* Left out: the title still finds the message, its body has no match */
  ce_corpus_set_quoted_mode (fixture->corpus, CE_QUOTED_EXCLUDE);
  result = ce_collocates_for_query (fixture->corpus, gale, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->matches, ==, 0);
  g_assert_cmpuint (result->collocates->len, ==, 0);
  ce_collocate_result_free (result);
}

/* Cancelled, each gives up with G_IO_ERROR_CANCELLED and no result */
static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = ce_corpus_list_document_ids (fixture->corpus, &error);
  g_autoptr(CeQuery) storm = parse ("storm");
  CeNgramOptions ngram_options = { .min_n = 2, .max_n = 5, .min_count = 1 };
  CeCollocateOptions collocate_options = { .left = 5, .right = 5, .min_count = 1 };
  CeKeywordOptions keyword_options = { .min_count = 1 };
  g_autoptr(GArray) target = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_no_error (error);
  g_array_append_vals (target, ids->data, 2);
  g_cancellable_cancel (cancellable);

  g_assert_null (ce_ngrams_compute (fixture->corpus, NULL, &ngram_options, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_null (ce_collocates_for_query (fixture->corpus, storm, &collocate_options, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_null (ce_keywords_compute_for_ids (fixture->corpus, target, &keyword_options, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The connection is left as it was: no read transaction open */
  {
    g_autoptr(GPtrArray) ngrams = ce_ngrams_compute (fixture->corpus, NULL, &ngram_options, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (ngrams);
    g_assert_true (ce_corpus_begin (fixture->corpus, &error));
    g_assert_true (ce_corpus_commit (fixture->corpus, &error));
    g_assert_no_error (error);
  }
}

static void
test_ngrams (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ngrams = NULL;
  g_autoptr(GHashTable) stop = ce_stopwords_parse ("sun\n", -1);
  CeNgramOptions options = { .min_n = 2, .max_n = 2, .min_count = 1 };
  const char * const expected[] = { "sun sun", "rain rain", "rain sun", "storm rain",
                                    "storm storm", "storm wind", "sun rain", "sun wind" };
  guint n_docs = 0;

  /* Titles are one word each; the bodies' pairs: storm storm, storm
   * wind | storm rain | rain rain, rain sun, sun wind | sun sun (twice),
   * sun rain */
  ngrams = ce_ngrams_compute (fixture->corpus, NULL, &options, &n_docs, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_docs, ==, 4);
  g_assert_cmpuint (ngrams->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < ngrams->len; i++)
    {
      const CeNgram *ngram = g_ptr_array_index (ngrams, i);
      g_autofree char *phrase = g_strdup_printf ("\"%s\"", ngram->text);
      g_autoptr(CeQuery) query = parse (phrase);

      g_assert_cmpstr (ngram->text, ==, expected[i]);
      g_assert_cmpint (ngram->count, ==, i == 0 ? 2 : 1);
      g_assert_cmpuint (ngram->docs, ==, 1);
      /* Searched as a phrase, it finds the documents counted */
      g_assert_cmpint (ce_search_count (fixture->corpus, query, NULL), ==, ngram->docs);
    }
  g_clear_pointer (&ngrams, g_ptr_array_unref);

  /* Of stop words only: "sun sun" goes, "sun rain" stays; the top 2 */
  options.stopwords = stop;
  options.top = 2;
  ngrams = ce_ngrams_compute (fixture->corpus, NULL, &options, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ngrams->len, ==, 2);
  g_assert_cmpstr (((CeNgram *)g_ptr_array_index (ngrams, 0))->text, ==, "rain rain");
  g_assert_cmpstr (((CeNgram *)g_ptr_array_index (ngrams, 1))->text, ==, "rain sun");
  g_clear_pointer (&ngrams, g_ptr_array_unref);

  /* Within a search: documents 1 and 2; trigrams and a minimum */
  {
    g_autoptr(CeQuery) storm = parse ("storm");

    options.stopwords = NULL;
    options.top = 0;
    options.max_n = 3;
    options.min_count = 1;
    ngrams = ce_ngrams_compute (fixture->corpus, storm, &options, &n_docs, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (n_docs, ==, 2);
    /* storm storm, storm wind, storm rain, storm storm wind */
    g_assert_cmpuint (ngrams->len, ==, 4);
    g_assert_cmpstr (((CeNgram *)g_ptr_array_index (ngrams, 0))->text, ==, "storm storm wind");
  }
}

/* Every n-gram counted here from the tokens of each title and body */
typedef struct
{
  GHashTable *counts;   /* text -> RefNgram */
  GHashTable *stop;
  guint       min_n;
  guint       max_n;
} RefNgrams;

typedef struct
{
  char   *text;
  guint   n;
  gint64  count;
  guint   docs;
  gint64  last_doc;
} RefNgram;

static gboolean
ref_ngrams_cb (gint64               doc_id,
               int                  column,
               const char          *text,
               gsize                text_len,
               const CeCorpusToken *tokens,
               guint                n_tokens,
               gpointer             user_data)
{
  RefNgrams *ref = user_data;

  for (guint n = ref->min_n; n <= ref->max_n; n++)
    for (guint i = 0; i + n <= n_tokens; i++)
      {
        GString *key = g_string_new (NULL);
        gboolean all_stop = TRUE;
        RefNgram *ngram;

        for (guint k = 0; k < n; k++)
          {
            g_autofree char *word = g_strndup (tokens[i + k].text, tokens[i + k].len);

            if (k > 0)
              g_string_append_c (key, ' ');
            g_string_append (key, word);
            all_stop = all_stop && ref->stop != NULL && g_hash_table_contains (ref->stop, word);
          }
        if (all_stop)
          {
            g_string_free (key, TRUE);
            continue;
          }
        ngram = g_hash_table_lookup (ref->counts, key->str);
        if (ngram == NULL)
          {
            ngram = g_new0 (RefNgram, 1);
            ngram->text = g_strdup (key->str);
            ngram->n = n;
            ngram->last_doc = -1;
            g_hash_table_insert (ref->counts, ngram->text, ngram);
          }
        g_string_free (key, TRUE);
        ngram->count++;
        if (ngram->last_doc != doc_id)
          {
            ngram->docs++;
            ngram->last_doc = doc_id;
          }
      }

  return TRUE;
}

static void
ref_ngram_free (RefNgram *ngram)
{
  g_free (ngram->text);
  g_free (ngram);
}

static int
compare_ref_ngrams (gconstpointer a,
                    gconstpointer b)
{
  const RefNgram *na = *(RefNgram **)a;
  const RefNgram *nb = *(RefNgram **)b;

  if (na->count != nb->count)
    return na->count > nb->count ? -1 : 1;
  if (na->docs != nb->docs)
    return na->docs > nb->docs ? -1 : 1;
  if (na->n != nb->n)
    return na->n > nb->n ? -1 : 1;
  return strcmp (na->text, nb->text);
}

/* 2- to 5-grams with a top N and a minimum, with and without stop words,
 * equal counting every n-gram of every document: from n = 3 on, only
 * places whose (n - 1)-grams reach the threshold are counted */
static void
test_ngrams_reference (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char *bodies[] = {
    "the storm came and the storm went and the storm came back to the coast",
    "a storm came and the storm went; the storm came back to the coast again",
    "the storm came and the rain came and the storm went to the sea",
    "rain and sun, rain and sun, rain and wind: the storm came back to the coast",
    "the coast the coast the coast the sea the sea",
  };
  g_autoptr(GHashTable) stop = ce_stopwords_parse ("the\nand\nto\na\n", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  g_assert_true (ce_corpus_begin (fixture->corpus, &error));
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(CeDraft) draft = ce_test_draft_new ("Storm and coast", NULL, NULL, NULL, bodies[i]);

      ce_test_corpus_add (fixture->corpus, 0, draft);
    }
  g_assert_true (ce_corpus_commit (fixture->corpus, &error));
  g_assert_no_error (error);
  ids = ce_corpus_list_document_ids (fixture->corpus, &error);
  g_assert_no_error (error);

  for (guint with_stop = 0; with_stop < 2; with_stop++)
    for (guint top = 0; top <= 12; top += 3)
      for (guint min_count = 1; min_count <= 3; min_count++)
        for (guint min_n = 2; min_n <= 3; min_n++)
          {
            g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                                  (GDestroyNotify)ref_ngram_free);
            RefNgrams ref = { counts, with_stop ? stop : NULL, min_n, 5 };
            CeNgramOptions options = { .min_n = min_n, .max_n = 5, .min_count = min_count, .top = top,
                                       .stopwords = with_stop ? stop : NULL };
            g_autoptr(GPtrArray) expected = g_ptr_array_new ();
            g_autoptr(GPtrArray) ngrams = NULL;
            GHashTableIter iter;
            gpointer value;

            g_assert_true (ce_corpus_tokenize (fixture->corpus, (const gint64 *)(void *)ids->data, ids->len,
                                               ce_corpus_word_columns (fixture->corpus, TRUE),
                                               ref_ngrams_cb, &ref, &error));
            g_assert_no_error (error);
            g_hash_table_iter_init (&iter, counts);
            while (g_hash_table_iter_next (&iter, NULL, &value))
              if (((RefNgram *)value)->count >= min_count)
                g_ptr_array_add (expected, value);
            g_ptr_array_sort (expected, compare_ref_ngrams);
            if (top > 0 && expected->len > top)
              g_ptr_array_set_size (expected, top);

            ngrams = ce_ngrams_compute (fixture->corpus, NULL, &options, NULL, NULL, &error);
            g_assert_no_error (error);
            g_assert_cmpuint (ngrams->len, ==, expected->len);
            g_assert_cmpuint (ngrams->len, >, 0);
            for (guint i = 0; i < ngrams->len; i++)
              {
                const CeNgram *ngram = g_ptr_array_index (ngrams, i);
                const RefNgram *want = g_ptr_array_index (expected, i);

                g_assert_cmpstr (ngram->text, ==, want->text);
                g_assert_cmpint (ngram->count, ==, want->count);
                g_assert_cmpuint (ngram->docs, ==, want->docs);
              }
          }
}

static void
test_cooccurrence (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) topics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) pairs = NULL;
  g_autofree char *csv = NULL;
  const CeCooccurrence *pair;
  guint n_docs = 0;

  /* storm: 1, 2; rain: 2, 3, 4; sun: 3, 4; wind: 1, 3 */
  g_ptr_array_add (topics, ce_test_topic_new ("Storm", "storm"));
  g_ptr_array_add (topics, ce_test_topic_new ("Rain", "rain"));
  g_ptr_array_add (topics, ce_test_topic_new ("Sun", "sun"));

  pairs = ce_cooccurrence_compute (fixture->corpus, topics, &n_docs, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_docs, ==, 4);
  g_assert_cmpuint (pairs->len, ==, 3);

  /* Storm and rain: both in document 2; Jaccard 1 / (2 + 3 - 1),
   * PMI log2 (4 · 1 / (2 · 3)) */
  pair = g_ptr_array_index (pairs, 0);
  g_assert_cmpuint (pair->a, ==, 0);
  g_assert_cmpuint (pair->b, ==, 1);
  g_assert_cmpuint (pair->docs_a, ==, 2);
  g_assert_cmpuint (pair->docs_b, ==, 3);
  g_assert_cmpuint (pair->docs_both, ==, 1);
  g_assert_cmpint (g_array_index (pair->both, gint64, 0), ==, 2);
  g_assert_cmpfloat_with_epsilon (pair->jaccard, 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (pair->pmi, log2 (4.0 / 6), 1e-12);

  /* Storm and sun: never together */
  pair = g_ptr_array_index (pairs, 1);
  g_assert_cmpuint (pair->docs_both, ==, 0);
  g_assert_cmpfloat (pair->jaccard, ==, 0);
  g_assert_true (isnan (pair->pmi));

  /* Rain and sun: documents 3 and 4; 2 / 3, log2 (4 · 2 / (3 · 2)) */
  pair = g_ptr_array_index (pairs, 2);
  g_assert_cmpuint (pair->docs_both, ==, 2);
  g_assert_cmpfloat_with_epsilon (pair->jaccard, 2.0 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (pair->pmi, log2 (8.0 / 6), 1e-12);

  csv = ce_cooccurrence_to_csv (pairs, topics);
  g_assert_nonnull (strstr (csv, "\r\nStorm,Sun,2,2,0,0,\r\n"));
}

static void
test_stopwords (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) shipped = ce_stopwords_load (NULL, &error);
  g_autofree char *dir = ce_test_make_dir ("ce-stopwords");
  g_autofree char *path = g_build_filename (dir, "stopwords.txt", NULL);
  g_autoptr(GHashTable) own = NULL;

  /* The user has no list of their own in the test's home */
  g_assert_no_error (error);
  g_assert_true (g_hash_table_contains (shipped, "the"));
  g_assert_true (g_hash_table_contains (shipped, "of"));
  g_assert_false (g_hash_table_contains (shipped, "storm"));
  g_assert_false (g_hash_table_contains (shipped, "#"));

  g_assert_true (g_file_set_contents (path, "Storm\n  rain \n# the\n", -1, &error));
  own = ce_stopwords_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (own), ==, 2);
  g_assert_true (g_hash_table_contains (own, "storm"));
  g_assert_true (g_hash_table_contains (own, "rain"));

  g_assert_null (ce_stopwords_load ("/nonexistent/stopwords.txt", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/nonexistent/stopwords.txt"));

  ce_test_remove_tree (dir);
}

/* The sample corpus: each keyword, searched within the target, finds
 * the documents it was counted in */
static void
test_sample_keywords (void)
{
  g_autofree char *jsonl = ce_test_sample_path ("sample.jsonl");
  g_autofree char *dir = ce_test_make_dir ("ce-analysis-sample");
  g_autofree char *path = ce_test_import (dir, "sample", jsonl);
  g_autoptr(GError) error = NULL;
  g_autoptr(CeCorpus) corpus = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_autoptr(CeQuery) target = parse ("cyclone OR typhoon");
  g_autoptr(CeKeywordResult) result = NULL;
  CeKeywordOptions options = { .min_count = 3 };

  g_assert_no_error (error);
  result = ce_keywords_compute (corpus, target, NULL, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->keywords->len, >=, 5);
  g_assert_cmpuint (result->target_docs, ==, ce_search_count (corpus, target, NULL));

  for (guint i = 0; i < result->keywords->len; i++)
    {
      const CeKeyword *keyword = g_ptr_array_index (result->keywords, i);
      g_autofree char *text = g_strdup_printf ("(cyclone OR typhoon) \"%s\"", keyword->word);
      g_autoptr(CeQuery) within = parse (text);

      g_assert_cmpint (ce_search_count (corpus, within, NULL), ==, keyword->target_docs);
      g_assert_cmpfloat (keyword->ll, >=, result->critical);
    }

  g_clear_object (&corpus);
  ce_test_remove_tree (dir);
}

/* The analyses of one corpus as text, to compare two copies of it */
static char *
analyses_text (CeCorpus   *corpus,
               const char *node,
               const char *target)
{
  g_autoptr(GHashTable) stopwords = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) node_query = parse (node);
  g_autoptr(CeQuery) target_query = parse (target);
  GString *out = g_string_new (NULL);
  guint rows = 0;

  stopwords = ce_stopwords_load (NULL, &error);
  g_assert_no_error (error);

  for (guint pass = 0; pass < 2; pass++)
    {
      CeKeywordOptions keyword_options = { .min_count = 1, .alpha = 1,
                                           .stopwords = pass == 1 ? stopwords : NULL };
      CeCollocateOptions collocate_options = { .left = 5, .right = 5 - 3 * pass, .min_count = 1,
                                               .stopwords = pass == 1 ? stopwords : NULL };
      CeNgramOptions ngram_options = { .min_n = 2, .max_n = 5, .min_count = 2 + pass,
                                       .stopwords = pass == 1 ? stopwords : NULL };
      g_autoptr(CeKeywordResult) keywords = NULL;
      g_autoptr(CeCollocateResult) collocates = NULL;
      g_autoptr(GPtrArray) ngrams = NULL;
      g_autoptr(GPtrArray) selected = NULL;
      g_autofree char *keywords_csv = NULL;
      g_autofree char *collocates_csv = NULL;
      g_autofree char *ngrams_csv = NULL;
      g_autofree char *selected_csv = NULL;

      keywords = ce_keywords_compute (corpus, target_query, NULL, &keyword_options, NULL, &error);
      g_assert_no_error (error);
      collocates = ce_collocates_for_query (corpus, node_query, &collocate_options, NULL, &error);
      g_assert_no_error (error);
      ngrams = ce_ngrams_compute (corpus, NULL, &ngram_options, NULL, NULL, &error);
      g_assert_no_error (error);
      selected = ce_ngrams_compute (corpus, node_query, &ngram_options, NULL, NULL, &error);
      g_assert_no_error (error);

      keywords_csv = ce_keywords_to_csv (keywords);
      collocates_csv = ce_collocates_to_csv (collocates);
      ngrams_csv = ce_ngrams_to_csv (ngrams);
      selected_csv = ce_ngrams_to_csv (selected);
      g_string_append_printf (out, "keywords %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %u %u %u\n%s",
                              keywords->target_tokens, keywords->reference_tokens,
                              keywords->target_docs, keywords->reference_docs,
                              keywords->words_tested, keywords_csv);
      g_string_append_printf (out, "collocates %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %u\n%s",
                              collocates->matches, collocates->window_tokens,
                              collocates->corpus_tokens, collocates->docs, collocates_csv);
      g_string_append_printf (out, "ngrams\n%s\nselected\n%s", ngrams_csv, selected_csv);
      rows += keywords->keywords->len + collocates->collocates->len + ngrams->len + selected->len;

      /* Something to compare, read from the bodies */
      g_assert_cmpuint (keywords->keywords->len, >, 0);
      g_assert_cmpuint (collocates->collocates->len, >, 0);
      g_assert_cmpuint (ngrams->len, >, 0);
      g_assert_cmpuint (selected->len, >, 0);
    }
  g_assert_cmpuint (rows, >=, 20);

  return g_string_free (out, FALSE);
}

/* Fails at the first line where @found and @expected differ.  Lines are
 * found with memchr(): g_strsplit() calls strstr() on the rest of the
 * text for every line, which AddressSanitizer's string checks make
 * quadratic (minutes for the megabytes of n-grams compared here). */
static void
assert_same_lines (const char *found,
                   const char *expected)
{
  const char *found_end = found + strlen (found);
  const char *expected_end = expected + strlen (expected);

  while (found < found_end || expected < expected_end)
    {
      const char *found_nl = memchr (found, '\n', found_end - found);
      const char *expected_nl = memchr (expected, '\n', expected_end - expected);
      g_autofree char *found_line = g_strndup (found, (found_nl != NULL ? found_nl : found_end) - found);
      g_autofree char *expected_line = g_strndup (expected, (expected_nl != NULL ? expected_nl : expected_end) - expected);

      g_assert_cmpstr (found_line, ==, expected_line);
      g_assert_true ((found_nl == NULL) == (expected_nl == NULL));
      if (found_nl == NULL)
        break;
      found = found_nl + 1;
      expected = expected_nl + 1;
    }
}

/* A corpus whose file stores text as UTF-16 (SQLite's PRAGMA encoding;
 * one can be made and opened) gives the same keywords, collocates and
 * n-grams as the same documents stored as UTF-8: the bodies are read
 * as text there, not as the bytes of the file */
static void
test_utf16 (void)
{
  const struct
  {
    const char *name;
    char       *source;
    const char *node;
    const char *target;
  } corpora[] = {
    { "sample", ce_test_sample_path ("sample.jsonl"), "the", "cyclone OR typhoon" },
    /* Messages with quoted text: their bodies are read through the index */
    { "mail", ce_test_fixture_path ("mail", NULL), "ferry OR harbour", "lighthouse" },
  };
  g_autofree char *dir = ce_test_make_dir ("ce-analysis-utf16");

  for (guint c = 0; c < G_N_ELEMENTS (corpora); c++)
    for (guint e = 0; e < 2; e++)
      {
        const char *encoding = e == 0 ? "UTF-16le" : "UTF-16be";
        g_autofree char *utf8_path = ce_test_import (dir, corpora[c].name, corpora[c].source);
        g_autofree char *name = g_strdup_printf ("%s-%s.corpus", corpora[c].name, encoding);
        g_autofree char *utf16_path = g_build_filename (dir, name, NULL);
        g_autoptr(CeImportReport) report = NULL;
        g_autoptr(CeCorpus) utf8 = NULL;
        g_autoptr(CeCorpus) utf16 = NULL;
        g_autoptr(GError) error = NULL;
        g_autofree char *expected = NULL;
        g_autofree char *found = NULL;

        ce_test_sqlite_create_empty (utf16_path, encoding);
        report = ce_test_import_file (utf16_path, corpora[c].source);
        g_assert_cmpuint (report->documents_added, >, 0);
        g_assert_cmpint (ce_test_sqlite_query_int (utf16_path, "SELECT encoding = 'UTF-8' FROM pragma_encoding"), ==, 0);
        g_assert_cmpint (ce_test_sqlite_query_int (utf16_path, "SELECT count(*) FROM documents"), ==,
                         ce_test_sqlite_query_int (utf8_path, "SELECT count(*) FROM documents"));

        utf8 = ce_corpus_open (utf8_path, CE_CORPUS_OPEN_READ_ONLY, &error);
        g_assert_no_error (error);
        utf16 = ce_corpus_open (utf16_path, CE_CORPUS_OPEN_READ_ONLY, &error);
        g_assert_no_error (error);

        expected = analyses_text (utf8, corpora[c].node, corpora[c].target);
        found = analyses_text (utf16, corpora[c].node, corpora[c].target);
        assert_same_lines (found, expected);

        g_clear_object (&utf8);
        g_clear_object (&utf16);
        g_assert_true (g_remove (utf8_path) == 0);
      }

  for (guint c = 0; c < G_N_ELEMENTS (corpora); c++)
    g_free (corpora[c].source);
  ce_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config = ce_test_make_dir ("ce-analysis-config");
  int ret;

  /* No list of the user's own replaces the shipped one */
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus-explorer/analysis/measures", test_measures);
  g_test_add_func ("/corpus-explorer/analysis/stopwords", test_stopwords);
  g_test_add ("/corpus-explorer/analysis/tokens", Fixture, NULL,
              small_set_up, test_tokens, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/analysis/quoted-tokens", Fixture, NULL,
              small_set_up, test_quoted_tokens, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/analysis/keywords", Fixture, NULL,
              small_set_up, test_keywords, ce_test_corpus_tear_down);
  g_test_add_func ("/corpus-explorer/analysis/sample-keywords", test_sample_keywords);
  g_test_add_func ("/corpus-explorer/analysis/utf16", test_utf16);
  g_test_add ("/corpus-explorer/analysis/ngrams", Fixture, NULL,
              small_set_up, test_ngrams, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/analysis/cooccurrence", Fixture, NULL,
              small_set_up, test_cooccurrence, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/analysis/collocates", Fixture, NULL,
              small_set_up, test_collocates, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/analysis/collocates-search", Fixture, NULL,
              small_set_up, test_collocates_search, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/analysis/ngrams-reference", Fixture, NULL,
              ce_test_corpus_set_up, test_ngrams_reference, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/analysis/collocates-windows", Fixture, NULL,
              ce_test_corpus_set_up, test_collocates_windows, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/analysis/collocates-quoted", Fixture, NULL,
              small_set_up, test_collocates_quoted, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/analysis/cancelled", Fixture, NULL,
              small_set_up, test_cancelled, ce_test_corpus_tear_down);

  ret = g_test_run ();
  ce_test_remove_tree (config);

  return ret;
}
