/* test-cjk.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Chinese, Japanese and Korean text: the CJK tokenizer, its choice at
 * import, and that search, counting, highlights and contexts find a word
 * exactly where the text holds it.
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "ce-contexts.h"
#include "ce-corpus-count.h"
#include "ce-script.h"
#include "ce-search.h"
#include "ce-test-util.h"
#include "ce-text.h"

/* Words of the fixture: two characters, three, four, Japanese Han and
 * Katakana (with its lengthening mark), Korean */
static const char * const fixture_words[] = {
  "北京", "上海市", "人工智能", "東京", "コンピューター", "서울", "京剧", "深圳",
};

typedef CeTestCorpus Fixture;

static char *
fixture_path (void)
{
  return g_build_filename (CE_TEST_SOURCE_DIR, "tests", "fixtures", "cjk", "zh-news.jsonl", NULL);
}

static CeImportReport *
import_with (const char  *corpus_path,
             const char  *file,
             CeTokenizer  tokenizer,
             GError     **error)
{
  g_autoptr(CeImporter) importer = NULL;
  CeImportOptions options = { 0 };

  options.tokenizer = tokenizer;
  importer = ce_importer_new (corpus_path, &options);
  ce_importer_add_path (importer, file);
  return ce_importer_run (importer, NULL, error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *source = fixture_path ();
  g_autoptr(GError) error = NULL;

  fixture->dir = ce_test_make_dir ("test-cjk");
  fixture->path = ce_test_import (fixture->dir, "zh", source);
  fixture->corpus = ce_corpus_open (fixture->path, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
}

static guint
count_substrings (const char *text,
                  const char *word)
{
  guint n = 0;

  for (const char *p = strstr (text, word); p != NULL; p = strstr (p + strlen (word), word))
    n++;

  return n;
}

static CeDocument *
get_document (CeCorpus *corpus,
              gint64    id)
{
  g_autoptr(GError) error = NULL;
  CeDocument *document = ce_corpus_get_document (corpus, id, &error);

  g_assert_no_error (error);
  return document;
}

/* Base: which characters are CJK, words, sentences */

static void
test_script_chars (void)
{
  const gunichar cjk[] = { 0x5317 /* 北 */, 0x3042 /* あ */, 0x30B3 /* コ */,
                           0x30FC /* ー */, 0xC11C /* 서 */, 0x3005 /* 々 */,
                           0xFF76 /* ｶ */ };
  const gunichar other[] = { 'a', '1', 0x00E9 /* é */, 0x3002 /* 。 */,
                             0xFF0C /* ， */, 0x0416 /* Ж */, 0x2E80 /* ⺀ radical */ };

  for (guint i = 0; i < G_N_ELEMENTS (cjk); i++)
    g_assert_true (ce_unichar_is_cjk (cjk[i]));
  for (guint i = 0; i < G_N_ELEMENTS (other); i++)
    g_assert_false (ce_unichar_is_cjk (other[i]));

  /* Korean counts by spaces, Chinese and Japanese by characters */
  g_assert_true (ce_unichar_is_cjk_word (0x5317));
  g_assert_false (ce_unichar_is_cjk_word (0xC11C));
}

static void
test_script_words (void)
{
  g_assert_cmpuint (ce_text_count_words ("北京今天下雨。", -1), ==, 6);
  g_assert_cmpuint (ce_text_count_words ("The Data Summit 在深圳举行", -1), ==, 3 + 5);
  g_assert_cmpuint (ce_text_count_words ("abc北京def", -1), ==, 4);
  g_assert_cmpuint (ce_text_count_words ("서울시는 오늘 지하철 노선을", -1), ==, 4);
  g_assert_cmpuint (ce_text_count_words ("コンピューターを紹介した", -1), ==, 12);
  /* Other scripts as before */
  g_assert_cmpuint (ce_text_count_words ("Zürich, 2024: don't stop", -1), ==, 5);
}

static void
test_script_sentences (void)
{
  g_autofree char *title = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *plain = NULL;

  title = ce_text_make_title ("北京今天下雨。明天转晴。", strlen ("北京今天下雨。明天转晴。"));
  g_assert_cmpstr (title, ==, "北京今天下雨。");

  quoted = ce_text_make_title ("他说：“我们会来。”然后走了。", strlen ("他说：“我们会来。”然后走了。"));
  g_assert_cmpstr (quoted, ==, "他说：“我们会来。”");

  plain = ce_text_make_title ("It rained. Then it stopped.", strlen ("It rained. Then it stopped."));
  g_assert_cmpstr (plain, ==, "It rained.");
}

static void
add_text (CeScriptSample *sample,
          const char     *text)
{
  ce_script_sample_add (sample, text, -1);
  ce_script_sample_end_document (sample);
}

static void
test_script_choose (void)
{
  CeScriptSample english = { 0 };
  CeScriptSample chinese = { 0 };
  CeScriptSample mixed = { 0 };

  /* An English corpus that names a place in Chinese stays default */
  for (guint i = 0; i < 10; i++)
    add_text (&english, "Officials in Beijing (北京) said the talks would go on next week "
                        "and that both delegations had agreed on an agenda.");
  g_assert_cmpint (ce_script_sample_choose (&english), ==, CE_TOKENIZER_DEFAULT);

  add_text (&chinese, "北京3月12日电 第十届春季科技博览会今天在北京开幕，来自全国各地的三百多家企业参加了展览。");
  g_assert_cmpint (ce_script_sample_choose (&chinese), ==, CE_TOKENIZER_CJK);

  /* One Chinese article in ten is enough */
  for (guint i = 0; i < 9; i++)
    add_text (&mixed, "The Data Summit opened in Shenzhen on Wednesday with delegates.");
  add_text (&mixed, "本届大会讨论了数据安全和跨境数据流动等议题，来自北京的代表介绍了新的隐私保护规则。");
  g_assert_cmpint (ce_script_sample_choose (&mixed), ==, CE_TOKENIZER_CJK);

  g_assert_cmpstr (ce_tokenizer_to_string (CE_TOKENIZER_CJK), ==, "cjk");
}

/* The importer's choice */

static void
test_detect (void)
{
  g_autofree char *dir = ce_test_make_dir ("test-cjk");
  g_autofree char *zh = fixture_path ();
  g_autofree char *sample = ce_test_sample_path ("sample.jsonl");
  g_autofree char *zh_path = g_build_filename (dir, "zh.corpus", NULL);
  g_autofree char *sample_path = g_build_filename (dir, "sample.corpus", NULL);
  g_autoptr(CeImportReport) zh_report = NULL;
  g_autoptr(CeImportReport) sample_report = NULL;
  g_autoptr(CeCorpus) zh_corpus = NULL;
  g_autoptr(CeCorpus) sample_corpus = NULL;
  g_autoptr(GError) error = NULL;

  zh_report = import_with (zh_path, zh, CE_TOKENIZER_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpint (zh_report->tokenizer, ==, CE_TOKENIZER_CJK);
  g_assert_cmpuint (zh_report->documents_added, ==, 8);

  sample_report = import_with (sample_path, sample, CE_TOKENIZER_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sample_report->tokenizer, ==, CE_TOKENIZER_DEFAULT);

  /* Stored with the corpus, read back when it is opened again */
  zh_corpus = ce_corpus_open (zh_path, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ce_corpus_get_tokenizer (zh_corpus), ==, CE_TOKENIZER_CJK);
  sample_corpus = ce_corpus_open (sample_path, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ce_corpus_get_tokenizer (sample_corpus), ==, CE_TOKENIZER_DEFAULT);

  g_clear_object (&zh_corpus);
  g_clear_object (&sample_corpus);
  g_assert_true (ce_test_remove_tree (dir));
}

/* A corpus keeps its tokenizer: asking for another one into a corpus
 * with documents fails and changes nothing; asking for it explicitly
 * into a new corpus works against the detection */
static void
test_explicit (void)
{
  g_autofree char *dir = ce_test_make_dir ("test-cjk");
  g_autofree char *zh = fixture_path ();
  g_autofree char *sample = ce_test_sample_path ("sample.jsonl");
  g_autofree char *path = g_build_filename (dir, "forced.corpus", NULL);
  g_autoptr(CeImportReport) report = NULL;
  g_autoptr(CeImportReport) refused = NULL;
  g_autoptr(CeCorpus) corpus = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  report = import_with (path, zh, CE_TOKENIZER_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->tokenizer, ==, CE_TOKENIZER_DEFAULT);

  refused = import_with (path, sample, CE_TOKENIZER_CJK, &error);
  g_assert_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_TOKENIZER_FIXED);
  g_assert_null (refused);
  g_assert_nonnull (strstr (error->message, "default"));
  g_clear_error (&error);

  corpus = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ce_corpus_get_tokenizer (corpus), ==, CE_TOKENIZER_DEFAULT);
  g_assert_cmpint (ce_corpus_count_documents (corpus), ==, 8);

  /* What the default tokenizer does to Chinese: a run of characters up
   * to the next punctuation is one token, so a word inside finds nothing */
  ids = ce_test_search_ids (corpus, "上海市");
  g_assert_cmpuint (ids->len, ==, 0);

  g_clear_object (&corpus);
  g_assert_true (ce_test_remove_tree (dir));
}

/* Search, counting, highlights and contexts of the same word agree with
 * the text */

static void
check_word (CeCorpus   *corpus,
            const char *word)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) query = ce_query_parse (word, &error);
  g_autofree char *terms = g_strdup_printf ("\"%s\"", word);
  g_autoptr(CeTopic) topic = ce_test_topic_new (word, terms);
  g_autoptr(GArray) all = ce_corpus_list_document_ids (corpus, &error);
  g_autoptr(GArray) found = NULL;
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GPtrArray) contexts = NULL;
  guint expected_total = 0;
  guint counted_total = 0;
  guint context_total = 0;

  g_assert_no_error (error);

  found = ce_search_ids (corpus, query, CE_SORT_ORDER, FALSE, &error);
  g_assert_no_error (error);
  counts = ce_counter_count_documents (corpus, topic, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < all->len; i++)
    {
      gint64 id = g_array_index (all, gint64, i);
      g_autoptr(CeDocument) document = get_document (corpus, id);
      const char *body = ce_document_get_body (document);
      const char *title = ce_document_get_title (document);
      guint expected = count_substrings (body, word);
      gboolean in_title = count_substrings (title, word) > 0;
      g_autoptr(GArray) mentions = NULL;
      g_autoptr(GArray) highlights = NULL;
      guint counted = 0;

      expected_total += expected;

      /* Search finds exactly the documents that hold the word */
      g_assert_cmpint (ce_test_ids_contain (found, id), ==, expected > 0 || in_title);

      for (guint j = 0; j < counts->len; j++)
        {
          if (g_array_index (counts, CeDocCount, j).doc_id == id)
            counted = g_array_index (counts, CeDocCount, j).count;
        }
      if (counted != expected)
        g_error ("“%s” in document %" G_GINT64_FORMAT ": counted %u, the text holds %u",
                 word, id, counted, expected);
      counted_total += counted;

      /* The mentions and the search highlights cover the word exactly */
      mentions = ce_counter_mentions (corpus, topic, id, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (mentions->len, ==, expected);
      for (guint j = 0; j < mentions->len; j++)
        {
          CeMention *m = &g_array_index (mentions, CeMention, j);
          g_autofree char *text = g_strndup (body + m->start, m->end - m->start);

          g_assert_cmpstr (text, ==, word);
        }

      highlights = ce_search_instances (corpus, query, id, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (highlights->len, ==, expected);
      for (guint j = 0; j < highlights->len; j++)
        {
          CeSearchRange *r = &g_array_index (highlights, CeSearchRange, j);
          g_autofree char *text = g_strndup (body + r->start, r->end - r->start);

          g_assert_cmpstr (text, ==, word);
        }
    }

  g_assert_cmpuint (expected_total, >, 0);
  g_assert_cmpuint (counted_total, ==, expected_total);

  /* Contexts: one line per mention, the word in the middle */
  contexts = ce_contexts_for_topic (corpus, topic, 20, 0, &context_total, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (context_total, ==, expected_total);
  g_assert_cmpuint (contexts->len, ==, expected_total);
  for (guint i = 0; i < contexts->len; i++)
    {
      CeContext *context = g_ptr_array_index (contexts, i);

      g_assert_cmpstr (context->match, ==, word);
      g_assert_true (context->left[0] != 0 || context->right[0] != 0);
    }
}

static void
test_words (Fixture       *fixture,
            gconstpointer  data)
{
  g_assert_cmpint (ce_corpus_get_tokenizer (fixture->corpus), ==, CE_TOKENIZER_CJK);

  for (guint i = 0; i < G_N_ELEMENTS (fixture_words); i++)
    check_word (fixture->corpus, fixture_words[i]);
}

static void
test_exact_counts (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeTopic) beijing = ce_test_topic_new ("Beijing", "北京");
  g_autoptr(CeTopic) shanghai = ce_test_topic_new ("Shanghai", "上海市");
  g_autoptr(GArray) b = ce_counter_count_documents (fixture->corpus, beijing, NULL, &error);
  g_autoptr(GArray) s = NULL;
  guint b_total = 0;
  guint s_total = 0;

  g_assert_no_error (error);
  s = ce_counter_count_documents (fixture->corpus, shanghai, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < b->len; i++)
    b_total += g_array_index (b, CeDocCount, i).count;
  for (guint i = 0; i < s->len; i++)
    s_total += g_array_index (s, CeDocCount, i).count;

  /* Counted by hand in tests/fixtures/cjk/zh-news.jsonl, bodies only */
  g_assert_cmpuint (b_total, ==, 11);
  g_assert_cmpuint (b->len, ==, 7);
  g_assert_cmpuint (s_total, ==, 2);
  g_assert_cmpuint (s->len, ==, 1);
}

static gint64
search_count (CeCorpus   *corpus,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) query = ce_query_parse (text, &error);
  gint64 n;

  g_assert_no_error (error);
  n = ce_search_count (corpus, query, &error);
  g_assert_no_error (error);
  return n;
}

/* The search language on CJK text */
static void
test_query_language (Fixture       *fixture,
                     gconstpointer  data)
{
  CeCorpus *corpus = fixture->corpus;

  g_assert_cmpint (search_count (corpus, "北京"), ==, 7);
  /* A word inside a longer run of characters, and one at its end */
  g_assert_cmpint (search_count (corpus, "企业"), ==, 2);
  g_assert_cmpint (search_count (corpus, "title:北京"), ==, 1);
  g_assert_cmpint (search_count (corpus, "北京 -上海"), ==, 4);
  g_assert_cmpint (search_count (corpus, "北京 OR 深圳"), ==, 7);
  g_assert_cmpint (search_count (corpus, "\"北京京剧院\""), ==, 1);
  g_assert_cmpint (search_count (corpus, "NEAR(北京 开幕, 3)"), ==, 1);
  /* A prefix: the pairs that start with the characters */
  g_assert_cmpint (search_count (corpus, "人工*"), ==, 2);
  g_assert_cmpint (search_count (corpus, "上海市*"), ==, 1);
  g_assert_cmpint (search_count (corpus, "place:北京"), ==, 2);
  /* Words that are not in the text */
  g_assert_cmpint (search_count (corpus, "北海"), ==, 0);
  g_assert_cmpint (search_count (corpus, "京北"), ==, 0);
}

/* Latin text in a CJK corpus: words, case and accents as before */
static void
test_mixed (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) query = ce_query_parse ("summit", &error);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(CeDocument) document = NULL;
  g_autoptr(GPtrArray) page = NULL;
  CeSearchHit *hit;
  gint64 id;

  g_assert_no_error (error);
  ids = ce_search_ids (fixture->corpus, query, CE_SORT_ORDER, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  id = g_array_index (ids, gint64, 0);

  document = get_document (fixture->corpus, id);
  ranges = ce_search_instances (fixture->corpus, query, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ranges->len, ==, 2);
  for (guint i = 0; i < ranges->len; i++)
    {
      CeSearchRange *r = &g_array_index (ranges, CeSearchRange, i);
      g_autofree char *text = g_strndup (ce_document_get_body (document) + r->start, r->end - r->start);

      g_assert_cmpstr (text, ==, i == 0 ? "Summit" : "summit");
    }

  g_assert_cmpint (search_count (fixture->corpus, "shenzhen"), ==, 1);
  g_assert_cmpint (search_count (fixture->corpus, "\"data summit\""), ==, 1);
  g_assert_cmpint (search_count (fixture->corpus, "deleg*"), ==, 1);

  /* The snippet under the title marks the word once, text not repeated */
  page = ce_search_page (fixture->corpus, query, CE_SORT_RANK, FALSE, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 1);
  hit = g_ptr_array_index (page, 0);
  g_assert_nonnull (strstr (hit->snippet, "\001Summit\002 opened"));
}

/* Two matches side by side share a character: the snippet marks both
 * and repeats nothing */
static void
test_snippet_overlap (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) query = ce_query_parse ("京剧 OR 剧院", &error);
  g_autoptr(GPtrArray) page = NULL;
  CeSearchHit *hit;

  g_assert_no_error (error);
  page = ce_search_page (fixture->corpus, query, CE_SORT_ORDER, FALSE, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 1);

  hit = g_ptr_array_index (page, 0);
  g_assert_true (g_str_has_prefix (hit->snippet, "北京\001京剧院\002本周推出"));
  g_assert_cmpuint (count_substrings (hit->snippet, "本周推出"), ==, 1);
}

/* Word counts are stored per document as ce_text_count_words() counts */
static void
test_word_counts (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = ce_corpus_list_document_ids (fixture->corpus, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CeDocument) document = get_document (fixture->corpus, g_array_index (ids, gint64, i));
      const char *body = ce_document_get_body (document);
      guint han = 0;

      for (const char *p = body; *p != 0; p = g_utf8_next_char (p))
        han += ce_unichar_is_cjk_word (g_utf8_get_char (p));

      g_assert_cmpuint (ce_document_get_words (document), ==, ce_text_count_words (body, -1));
      /* Chinese and Japanese documents: at least one word per character */
      g_assert_cmpuint (ce_document_get_words (document), >=, han);
    }
}

/* Latin text tokenizes exactly as in a default corpus: the sample corpus
 * imported with either tokenizer counts the same */
static void
test_same_for_latin (void)
{
  g_autofree char *dir = ce_test_make_dir ("test-cjk");
  g_autofree char *sample = ce_test_sample_path ("sample.jsonl");
  g_autofree char *plain_path = g_build_filename (dir, "plain.corpus", NULL);
  g_autofree char *cjk_path = g_build_filename (dir, "cjk.corpus", NULL);
  g_autoptr(CeImportReport) plain_report = NULL;
  g_autoptr(CeImportReport) cjk_report = NULL;
  g_autoptr(CeCorpus) plain = NULL;
  g_autoptr(CeCorpus) cjk = NULL;
  g_autoptr(GError) error = NULL;
  const char * const topics[] = {
    "china, chinese, beijing, \"xi jinping\"", "trade, tariff*", "=US, america*",
    "data, \"personal data\", NEAR(data protection, 3)", "zurich, cafe, naive",
  };
  const char * const queries[] = { "trade", "regulat*", "\"harbour master\"", "storm -gale",
                                   "title:trade", "NEAR(tariff quota, 5)" };

  plain_report = import_with (plain_path, sample, CE_TOKENIZER_DEFAULT, &error);
  g_assert_no_error (error);
  cjk_report = import_with (cjk_path, sample, CE_TOKENIZER_CJK, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cjk_report->tokenizer, ==, CE_TOKENIZER_CJK);

  plain = ce_corpus_open (plain_path, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  cjk = ce_corpus_open (cjk_path, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (topics); i++)
    {
      g_autoptr(CeTopic) topic = ce_test_topic_new ("t", topics[i]);
      g_autoptr(GArray) a = ce_counter_count_documents (plain, topic, NULL, &error);
      g_autoptr(GArray) b = NULL;

      g_assert_no_error (error);
      b = ce_counter_count_documents (cjk, topic, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (a->len, ==, b->len);
      g_assert_cmpmem (a->data, a->len * sizeof (CeDocCount), b->data, b->len * sizeof (CeDocCount));
    }

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    g_assert_cmpint (search_count (plain, queries[i]), ==, search_count (cjk, queries[i]));
  g_assert_cmpint (search_count (plain, "trade"), >, 0);

  g_clear_object (&plain);
  g_clear_object (&cjk);
  g_assert_true (ce_test_remove_tree (dir));
}

/* A corpus naming a tokenizer this version does not know is refused */
static void
test_unknown_tokenizer (void)
{
  g_autofree char *dir = ce_test_make_dir ("test-cjk");
  g_autofree char *path = g_build_filename (dir, "odd.corpus", NULL);
  g_autoptr(CeCorpus) corpus = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  corpus = ce_corpus_open (path, CE_CORPUS_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&corpus);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE properties SET value = 'ce_thai remove_diacritics 2'"
                                     " WHERE key = 'tokenizer'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  corpus = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_assert_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_UNKNOWN_TOKENIZER);
  g_assert_null (corpus);
  g_assert_nonnull (strstr (error->message, "ce_thai"));
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  /* A property that is not what the index uses */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE properties SET value = 'ce_cjk remove_diacritics 2'"
                                     " WHERE key = 'tokenizer'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  corpus = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_assert_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_DAMAGED);
  g_assert_null (corpus);

  g_assert_true (ce_test_remove_tree (dir));
}

/* Diacritics kept or removed, as FTS5's remove_diacritics option makes
 * them: with them kept, café and cafe are two words for search, counting,
 * highlights and contexts alike; with them removed (the default), one */

static const char accents_jsonl[] =
  "{\"title\": \"the café\", \"text\": \"we met at the café. the café was full, and so was 北京.\"}\n"
  "{\"title\": \"a plain cafe\", \"text\": \"the cafe by the station serves tea.\"}\n"
  "{\"title\": \"the naïve plan\", \"text\": \"a naïve plan, not a naive one, and a résumé.\"}\n";

static CeImportReport *
import_accents (const char    *path,
                const char    *file,
                CeTokenizer    tokenizer,
                CeDiacritics   diacritics,
                GError       **error)
{
  g_autoptr(CeImporter) importer = NULL;
  CeImportOptions options = { 0 };

  options.tokenizer = tokenizer;
  options.diacritics = diacritics;
  importer = ce_importer_new (path, &options);
  ce_importer_add_path (importer, file);
  return ce_importer_run (importer, NULL, error);
}

static void
test_diacritics (void)
{
  g_autofree char *dir = ce_test_make_dir ("test-cjk");
  g_autofree char *file = g_build_filename (dir, "accents.jsonl", NULL);
  const CeTokenizer tokenizers[] = { CE_TOKENIZER_DEFAULT, CE_TOKENIZER_CJK };
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (file, accents_jsonl, -1, &error));

  for (guint t = 0; t < G_N_ELEMENTS (tokenizers); t++)
    {
      g_autofree char *kept = g_strdup_printf ("%s/kept-%u.corpus", dir, t);
      g_autofree char *removed = g_strdup_printf ("%s/removed-%u.corpus", dir, t);
      g_autoptr(CeImportReport) report = NULL;
      g_autoptr(CeImportReport) refused = NULL;
      g_autoptr(CeCorpus) corpus = NULL;

      report = import_accents (kept, file, tokenizers[t], CE_DIACRITICS_KEEP, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (report->documents_added, ==, 3);
      g_clear_pointer (&report, ce_import_report_free);

      corpus = ce_corpus_open (kept, CE_CORPUS_OPEN_READ_ONLY, &error);
      g_assert_no_error (error);
      g_assert_cmpint (ce_corpus_get_diacritics (corpus), ==, CE_DIACRITICS_KEEP);
      g_assert_cmpint (ce_corpus_get_tokenizer (corpus), ==, tokenizers[t]);

      /* Every word found, counted and highlighted exactly where the text
       * holds it, accents and all */
      check_word (corpus, "café");
      check_word (corpus, "cafe");
      check_word (corpus, "naïve");
      check_word (corpus, "naive");
      g_assert_cmpint (search_count (corpus, "résumé"), ==, 1);
      g_assert_cmpint (search_count (corpus, "resume"), ==, 0);
      /* Case is still ignored */
      g_assert_cmpint (search_count (corpus, "CAFÉ"), ==, 1);
      if (tokenizers[t] == CE_TOKENIZER_CJK)
        check_word (corpus, "北京");
      g_clear_object (&corpus);

      /* Another import that asks for them removed is refused, and one that
       * does not ask keeps the corpus's choice */
      refused = import_accents (kept, file, CE_TOKENIZER_AUTO, CE_DIACRITICS_REMOVE, &error);
      g_assert_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_TOKENIZER_FIXED);
      g_assert_null (refused);
      g_clear_error (&error);
      report = import_accents (kept, file, CE_TOKENIZER_AUTO, CE_DIACRITICS_AUTO, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (report->documents_added, ==, 0);
      g_clear_pointer (&report, ce_import_report_free);

      /* Removed: one word each */
      report = import_accents (removed, file, tokenizers[t], CE_DIACRITICS_AUTO, &error);
      g_assert_no_error (error);
      g_clear_pointer (&report, ce_import_report_free);
      corpus = ce_corpus_open (removed, CE_CORPUS_OPEN_READ_ONLY, &error);
      g_assert_no_error (error);
      g_assert_cmpint (ce_corpus_get_diacritics (corpus), ==, CE_DIACRITICS_REMOVE);
      g_assert_cmpint (search_count (corpus, "café"), ==, 2);
      g_assert_cmpint (search_count (corpus, "cafe"), ==, 2);
      g_assert_cmpint (search_count (corpus, "resume"), ==, 1);
      g_clear_object (&corpus);
    }

  g_assert_true (ce_test_remove_tree (dir));
}

static void
test_diacritics_cli (void)
{
  g_autofree char *dir = ce_test_make_dir ("test-cjk");
  g_autofree char *file = g_build_filename (dir, "accents.jsonl", NULL);
  g_autoptr(GError) error = NULL;
  CeTestRun run = { 0 };

  g_assert_true (g_file_set_contents (file, accents_jsonl, -1, &error));

  ce_test_run_cli (&run, dir, "import", "--diacritics", "keep", "--into", "kept.corpus", file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  ce_test_run_clear (&run);

  ce_test_run_cli (&run, dir, "search", "kept.corpus", "cafe", "--count", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "1\n");
  ce_test_run_clear (&run);

  ce_test_run_cli (&run, dir, "stats", "kept.corpus", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "accents kept"));
  ce_test_run_clear (&run);

  ce_test_run_cli (&run, dir, "stats", "kept.corpus", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"diacritics\" : \"keep\""));
  ce_test_run_clear (&run);

  ce_test_run_cli (&run, dir, "import", "--diacritics", "auto", "--into", "x.corpus", file, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--diacritics"));
  ce_test_run_clear (&run);

  /* Into the corpus that keeps them: asking to remove them is refused */
  ce_test_run_cli (&run, dir, "import", "--diacritics", "remove", "--into", "kept.corpus", file, NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "accents"));
  ce_test_run_clear (&run);

  g_assert_true (ce_test_remove_tree (dir));
}

/* The command line: --tokenizer, and the report names the choice */
static void
test_cli (void)
{
  g_autofree char *dir = ce_test_make_dir ("test-cjk");
  g_autofree char *zh = fixture_path ();
  CeTestRun run = { 0 };

  ce_test_run_cli (&run, dir, "import", "--into", "zh.corpus", zh, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "tokenizer cjk"));
  ce_test_run_clear (&run);

  ce_test_run_cli (&run, dir, "search", "zh.corpus", "上海市", "--count", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "1\n");
  ce_test_run_clear (&run);

  ce_test_run_cli (&run, dir, "stats", "zh.corpus", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "cjk"));
  ce_test_run_clear (&run);

  ce_test_run_cli (&run, dir, "import", "--tokenizer", "default", "--json",
                   "--into", "plain.corpus", zh, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"tokenizer\" : \"default\""));
  ce_test_run_clear (&run);

  ce_test_run_cli (&run, dir, "import", "--tokenizer", "thai", "--into", "x.corpus", zh, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--tokenizer"));
  ce_test_run_clear (&run);

  /* Into a corpus that has its documents: refused, nothing changed */
  ce_test_run_cli (&run, dir, "import", "--tokenizer", "cjk", "--into", "plain.corpus", zh, NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "tokenizer"));
  ce_test_run_clear (&run);

  g_assert_true (ce_test_remove_tree (dir));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus-explorer/cjk/script/chars", test_script_chars);
  g_test_add_func ("/corpus-explorer/cjk/script/words", test_script_words);
  g_test_add_func ("/corpus-explorer/cjk/script/sentences", test_script_sentences);
  g_test_add_func ("/corpus-explorer/cjk/script/choose", test_script_choose);
  g_test_add_func ("/corpus-explorer/cjk/detect", test_detect);
  g_test_add_func ("/corpus-explorer/cjk/explicit", test_explicit);
  g_test_add ("/corpus-explorer/cjk/words", Fixture, NULL,
              fixture_set_up, test_words, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/cjk/exact-counts", Fixture, NULL,
              fixture_set_up, test_exact_counts, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/cjk/query-language", Fixture, NULL,
              fixture_set_up, test_query_language, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/cjk/mixed", Fixture, NULL,
              fixture_set_up, test_mixed, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/cjk/snippet-overlap", Fixture, NULL,
              fixture_set_up, test_snippet_overlap, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/cjk/word-counts", Fixture, NULL,
              fixture_set_up, test_word_counts, ce_test_corpus_tear_down);
  g_test_add_func ("/corpus-explorer/cjk/same-for-latin", test_same_for_latin);
  g_test_add_func ("/corpus-explorer/cjk/unknown-tokenizer", test_unknown_tokenizer);
  g_test_add_func ("/corpus-explorer/cjk/cli", test_cli);
  g_test_add_func ("/corpus-explorer/cjk/diacritics", test_diacritics);
  g_test_add_func ("/corpus-explorer/cjk/diacritics-cli", test_diacritics_cli);

  return g_test_run ();
}
