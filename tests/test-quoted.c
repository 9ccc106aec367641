/* test-quoted.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Quoted mail text and signatures left out of search, counts and
 * highlights: quoting.mbox against quoting-new-text.mbox, the same six
 * messages with every quote and signature removed by hand.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "ce-corpus.h"
#include "ce-corrections.h"
#include "ce-counter.h"
#include "ce-entities.h"
#include "ce-mail-marks.h"
#include "ce-search.h"
#include "ce-test-util.h"

/* Topics whose words lie in new text, in quotes and in signatures */
static const char * const topics[][2] = {
  { "Ferry", "ferry, ferries" },
  { "Crew", "crew, \"second crew\"" },
  { "Lighthouse", "lighthouse, NEAR(lighthouse keeper, 2)" },
  { "Island", "island, sund*" },
  { "Council", "council, =Sunday" },
};

typedef struct
{
  char     *dir;
  char     *quoted_path;    /* quoting.mbox */
  char     *new_text_path;  /* quoting-new-text.mbox */
  CeCorpus *quoted;
  CeCorpus *new_text;
} Fixture;

static char *
fixture_file (const char *name)
{
  return g_build_filename (CE_TEST_SOURCE_DIR, "tests", "fixtures", "mail", name, NULL);
}

static void
set_up (Fixture       *fixture,
        gconstpointer  data)
{
  g_autofree char *quoting = fixture_file ("quoting.mbox");
  g_autofree char *new_text = fixture_file ("quoting-new-text.mbox");
  g_autoptr(GError) error = NULL;

  fixture->dir = ce_test_make_dir ("test-quoted");
  fixture->quoted_path = ce_test_import (fixture->dir, "quoted", quoting);
  fixture->new_text_path = ce_test_import (fixture->dir, "new-text", new_text);

  fixture->quoted = ce_corpus_open (fixture->quoted_path, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  fixture->new_text = ce_corpus_open (fixture->new_text_path, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);

  g_assert_cmpint (ce_corpus_count_documents (fixture->quoted), ==, 6);
  g_assert_cmpint (ce_corpus_count_documents (fixture->new_text), ==, 6);
}

static void
tear_down (Fixture       *fixture,
           gconstpointer  data)
{
  g_clear_object (&fixture->quoted);
  g_clear_object (&fixture->new_text);
  g_assert_true (ce_test_remove_tree (fixture->dir));
  g_free (fixture->dir);
  g_free (fixture->quoted_path);
  g_free (fixture->new_text_path);
}

/* The mentions of @topic per document, by the document's place in the
 * corpus (both corpora hold the messages in the same order) */
static GArray *
counts_by_position (CeCorpus *corpus,
                    CeTopic  *topic)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = ce_corpus_list_document_ids (corpus, &error);
  g_autoptr(GArray) counts = NULL;
  GArray *by_position = g_array_new (FALSE, TRUE, sizeof (guint));

  g_assert_no_error (error);
  counts = ce_counter_count_documents (corpus, topic, NULL, &error);
  g_assert_no_error (error);

  g_array_set_size (by_position, ids->len);
  for (guint i = 0; i < counts->len; i++)
    {
      CeDocCount *count = &g_array_index (counts, CeDocCount, i);

      for (guint j = 0; j < ids->len; j++)
        if (g_array_index (ids, gint64, j) == count->doc_id)
          g_array_index (by_position, guint, j) = count->count;
    }

  return by_position;
}

static guint
sum (GArray *counts)
{
  guint total = 0;

  for (guint i = 0; i < counts->len; i++)
    total += g_array_index (counts, guint, i);

  return total;
}

static void
test_counts_equal_new_text (Fixture       *fixture,
                            gconstpointer  data)
{
  guint more_with_quotes = 0;

  g_assert_true (ce_corpus_has_quoted_text (fixture->quoted));
  g_assert_false (ce_corpus_has_quoted_text (fixture->new_text));

  /* Off by default: a corpus with mail leaves quoted text out */
  g_assert_false (ce_corpus_get_count_quoted (fixture->quoted));
  g_assert_true (ce_corpus_excludes_quoted (fixture->quoted));
  g_assert_false (ce_corpus_excludes_quoted (fixture->new_text));

  for (guint t = 0; t < G_N_ELEMENTS (topics); t++)
    {
      g_autoptr(CeTopic) topic = ce_test_topic_new (topics[t][0], topics[t][1]);
      g_autoptr(GArray) expected = counts_by_position (fixture->new_text, topic);
      g_autoptr(GArray) excluded = NULL;
      g_autoptr(GArray) included = NULL;

      ce_corpus_set_quoted_mode (fixture->quoted, CE_QUOTED_EXCLUDE);
      excluded = counts_by_position (fixture->quoted, topic);
      ce_corpus_set_quoted_mode (fixture->quoted, CE_QUOTED_INCLUDE);
      included = counts_by_position (fixture->quoted, topic);

      g_assert_cmpuint (sum (expected), >, 0);
      for (guint i = 0; i < expected->len; i++)
        {
          g_test_message ("%s, message %u: %u new, %u with quotes", topics[t][0], i + 1,
                          g_array_index (excluded, guint, i), g_array_index (included, guint, i));
          g_assert_cmpuint (g_array_index (excluded, guint, i), ==,
                            g_array_index (expected, guint, i));
          g_assert_cmpuint (g_array_index (included, guint, i), >=,
                            g_array_index (expected, guint, i));
        }

      more_with_quotes += sum (included) - sum (expected);
    }

  /* The quotes repeat the topics, so counting them must make a difference */
  g_assert_cmpuint (more_with_quotes, >=, 10);
}

static gint
n_found (CeCorpus   *corpus,
         const char *text)
{
  g_autoptr(GArray) ids = ce_test_search_ids (corpus, text);

  return ids->len;
}

static GArray *
search_positions (CeCorpus   *corpus,
                  const char *text)
{
  g_autoptr(GArray) ids = ce_test_search_ids (corpus, text);
  g_autoptr(GArray) all = ce_corpus_list_document_ids (corpus, NULL);
  GArray *positions = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < all->len; i++)
    if (ce_test_ids_contain (ids, g_array_index (all, gint64, i)))
      g_array_append_val (positions, i);

  return positions;
}

static void
test_search_exclude (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char * const queries[] = {
    "budget", "ferry", "\"second crew\"", "lighthouse -budget", "sunday*",
    "island OR council", "NEAR(winter crew, 3)", "title:ferry budget", "ann",
    "-gazette", "gazette OR place:nowhere", "lighthouse -(budget OR gazette)",
  };
  g_autoptr(GArray) only_quoted = NULL;
  g_autoptr(GArray) with_quotes = NULL;

  /* "Ann Lee" signs the first message and is quoted in others: left out,
   * no message's own text has her name */
  ce_corpus_set_quoted_mode (fixture->quoted, CE_QUOTED_EXCLUDE);
  only_quoted = search_positions (fixture->quoted, "gazette");
  g_assert_cmpuint (only_quoted->len, ==, 0);
  g_assert_cmpint (n_found (fixture->quoted, "gazette"), ==, 0);

  ce_corpus_set_quoted_mode (fixture->quoted, CE_QUOTED_INCLUDE);
  with_quotes = search_positions (fixture->quoted, "gazette");
  g_assert_cmpuint (with_quotes->len, ==, 2);

  /* Every search leaves out exactly what the hand-made new text lacks */
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GArray) expected = search_positions (fixture->new_text, queries[q]);
      g_autoptr(GArray) found = NULL;
      g_autoptr(CeQuery) query = ce_query_parse (queries[q], NULL);
      gint64 count;

      ce_corpus_set_quoted_mode (fixture->quoted, CE_QUOTED_EXCLUDE);
      found = search_positions (fixture->quoted, queries[q]);
      count = ce_search_count (fixture->quoted, query, NULL);

      g_test_message ("%s: %u documents", queries[q], expected->len);
      g_assert_cmpuint (found->len, ==, expected->len);
      g_assert_cmpint (count, ==, expected->len);
      for (guint i = 0; i < found->len; i++)
        g_assert_cmpuint (g_array_index (found, guint, i), ==, g_array_index (expected, guint, i));
    }
}

/* The text of each range, in order */
static GPtrArray *
range_texts (CeCorpus *corpus,
             gint64    id,
             GArray   *ranges)
{
  g_autoptr(CeDocument) doc = ce_corpus_get_document (corpus, id, NULL);
  const char *body = ce_document_get_body (doc);
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < ranges->len; i++)
    {
      CeMention *range = &g_array_index (ranges, CeMention, i);

      g_assert_cmpuint (range->end, <=, strlen (body));
      g_ptr_array_add (texts, g_ascii_strdown (body + range->start, range->end - range->start));
    }

  return texts;
}

/* Whether @offset of @body lies in a quoted or signature paragraph */
static gboolean
in_quote (const char *body,
          guint       offset)
{
  const char *start = body + offset;

  while (start > body && !(start - body >= 2 && start[-1] == '\n' && start[-2] == '\n'))
    start--;

  return ce_mail_paragraph_kind (start, strlen (start), NULL, NULL) != CE_MAIL_BLOCK_TEXT;
}

static void
test_highlights_equal_counts (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GArray) ids = ce_corpus_list_document_ids (fixture->quoted, NULL);
  g_autoptr(GArray) new_ids = ce_corpus_list_document_ids (fixture->new_text, NULL);

  for (guint mode = CE_QUOTED_INCLUDE; mode <= CE_QUOTED_EXCLUDE; mode++)
    for (guint t = 0; t < G_N_ELEMENTS (topics); t++)
      {
        g_autoptr(CeTopic) topic = ce_test_topic_new (topics[t][0], topics[t][1]);
        g_autoptr(GArray) counts = NULL;

        ce_corpus_set_quoted_mode (fixture->quoted, mode);
        counts = counts_by_position (fixture->quoted, topic);

        for (guint i = 0; i < ids->len; i++)
          {
            gint64 id = g_array_index (ids, gint64, i);
            g_autoptr(CeDocument) doc = ce_corpus_get_document (fixture->quoted, id, NULL);
            g_autoptr(GArray) mentions = ce_counter_mentions (fixture->quoted, topic, id, NULL);
            g_autoptr(GPtrArray) texts = range_texts (fixture->quoted, id, mentions);

            /* The reader highlights exactly what is counted */
            g_assert_cmpuint (mentions->len, ==, g_array_index (counts, guint, i));

            for (guint m = 0; m < mentions->len; m++)
              {
                CeMention *mention = &g_array_index (mentions, CeMention, m);

                g_assert_cmpuint (mention->start, <, mention->end);
                if (m > 0)
                  g_assert_cmpuint (mention->start, >=, g_array_index (mentions, CeMention, m - 1).end);
                if (mode == CE_QUOTED_EXCLUDE)
                  g_assert_false (in_quote (ce_document_get_body (doc), mention->start));
              }

            /* Left out, the words highlighted are those of the new text */
            if (mode == CE_QUOTED_EXCLUDE)
              {
                gint64 new_id = g_array_index (new_ids, gint64, i);
                g_autoptr(GArray) new_mentions = ce_counter_mentions (fixture->new_text, topic,
                                                                      new_id, NULL);
                g_autoptr(GPtrArray) new_texts = range_texts (fixture->new_text, new_id,
                                                              new_mentions);

                g_assert_cmpuint (texts->len, ==, new_texts->len);
                for (guint m = 0; m < texts->len; m++)
                  g_assert_cmpstr (texts->pdata[m], ==, new_texts->pdata[m]);
              }
          }
      }
}

static void
test_search_highlights (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CeQuery) query = ce_query_parse ("budget OR gazette OR ferry", NULL);
  g_autoptr(GArray) ids = ce_corpus_list_document_ids (fixture->quoted, NULL);
  g_autoptr(GPtrArray) hits = NULL;
  guint quoted_ranges = 0;

  for (guint mode = CE_QUOTED_INCLUDE; mode <= CE_QUOTED_EXCLUDE; mode++)
    {
      ce_corpus_set_quoted_mode (fixture->quoted, mode);

      for (guint i = 0; i < ids->len; i++)
        {
          gint64 id = g_array_index (ids, gint64, i);
          g_autoptr(CeDocument) doc = ce_corpus_get_document (fixture->quoted, id, NULL);
          g_autoptr(GArray) ranges = ce_search_instances (fixture->quoted, query, id, NULL);

          for (guint r = 0; r < ranges->len; r++)
            {
              CeSearchRange *range = &g_array_index (ranges, CeSearchRange, r);
              g_autofree char *word = g_ascii_strdown (ce_document_get_body (doc) + range->start,
                                                       range->end - range->start);

              g_assert_true (g_str_equal (word, "budget") || g_str_equal (word, "gazette") ||
                             g_str_equal (word, "ferry"));
              if (in_quote (ce_document_get_body (doc), range->start))
                {
                  g_assert_cmpuint (mode, ==, CE_QUOTED_INCLUDE);
                  quoted_ranges++;
                }
            }
        }
    }
  g_assert_cmpuint (quoted_ranges, >=, 5);

  /* Snippets mark the matches where they are, quoted or not */
  ce_corpus_set_quoted_mode (fixture->quoted, CE_QUOTED_INCLUDE);
  g_clear_pointer (&query, ce_query_unref);
  query = ce_query_parse ("budget", NULL);
  hits = ce_search_page (fixture->quoted, query, CE_SORT_ORDER, FALSE, 0, 0, NULL);
  g_assert_cmpuint (hits->len, ==, 2);
  for (guint i = 0; i < hits->len; i++)
    {
      CeSearchHit *hit = g_ptr_array_index (hits, i);

      g_assert_nonnull (strstr (hit->snippet, CE_SEARCH_MATCH_START "budget" CE_SEARCH_MATCH_END));
      g_assert_nonnull (strstr (hit->snippet, "lighthouse"));
    }
}

static void
test_setting (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CeCorpus) writer = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (ce_corpus_get_quoted_mode (fixture->quoted), ==, CE_QUOTED_STORED);
  g_assert_cmpint (n_found (fixture->quoted, "gazette"), ==, 0);

  /* Stored in the corpus, and read by every connection */
  writer = ce_corpus_open (fixture->quoted_path, CE_CORPUS_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (ce_corpus_set_count_quoted (writer, TRUE, &error));
  g_assert_no_error (error);

  g_assert_true (ce_corpus_get_count_quoted (fixture->quoted));
  g_assert_false (ce_corpus_excludes_quoted (fixture->quoted));
  g_assert_cmpint (n_found (fixture->quoted, "gazette"), ==, 2);

  /* A connection's own mode wins */
  ce_corpus_set_quoted_mode (fixture->quoted, CE_QUOTED_EXCLUDE);
  g_assert_cmpint (n_found (fixture->quoted, "gazette"), ==, 0);

  g_assert_true (ce_corpus_set_count_quoted (writer, FALSE, &error));
  ce_corpus_set_quoted_mode (fixture->quoted, CE_QUOTED_STORED);
  g_assert_cmpint (n_found (fixture->quoted, "gazette"), ==, 0);
}

static void
test_threads (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GArray) ids = ce_corpus_list_document_ids (fixture->quoted, NULL);
  gint64 previous = -1, next = -1;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (ids->len, ==, 6);

  /* Five messages of one thread, in order, and one on its own */
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *thread = ce_corpus_get_thread (fixture->quoted, g_array_index (ids, gint64, i), NULL);

      g_assert_cmpstr (thread, ==, "crew-root@example.org");
      g_assert_true (ce_corpus_get_thread_neighbours (fixture->quoted, g_array_index (ids, gint64, i),
                                                      &previous, &next, &error));
      g_assert_no_error (error);
      g_assert_cmpint (previous, ==, i > 0 ? g_array_index (ids, gint64, i - 1) : 0);
      g_assert_cmpint (next, ==, i < 4 ? g_array_index (ids, gint64, i + 1) : 0);
    }

  g_assert_true (ce_corpus_get_thread_neighbours (fixture->quoted, g_array_index (ids, gint64, 5),
                                                  &previous, &next, &error));
  g_assert_cmpint (previous, ==, 0);
  g_assert_cmpint (next, ==, 0);

  /* A document that is not mail has no thread */
  {
    g_autoptr(GArray) new_ids = ce_corpus_list_document_ids (fixture->new_text, NULL);
    g_autofree char *thread = NULL;

    /* The hand-made copy keeps Message-IDs but no References: each
     * message is a thread of its own */
    thread = ce_corpus_get_thread (fixture->new_text, g_array_index (new_ids, gint64, 1), NULL);
    g_assert_cmpstr (thread, ==, "crew-top@example.org");
  }
}

static void
run_sql (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* A corpus as version 1 wrote it: the body indexed whole, no flag */
static char *
make_version_1 (Fixture *fixture)
{
  g_autofree char *source = fixture_file ("quoting.mbox");
  char *path = ce_test_import (fixture->dir, "old", source);

  run_sql (path,
           "BEGIN;"
           "DROP TABLE count_cache; DROP TABLE count_changes; DROP INDEX documents_rows;"
           "DROP TABLE fingerprints; DROP TABLE bands; DROP TABLE copies;"
           "DROP INDEX documents_body_hash; ALTER TABLE documents DROP COLUMN body_hash;"
           "DROP INDEX documents_quoted;"
           "ALTER TABLE documents DROP COLUMN quoted;"
           "DROP TABLE fts;"
           "CREATE VIRTUAL TABLE fts USING fts5 ("
           "  title, body,"
           "  content='documents', content_rowid='id',"
           "  tokenize='unicode61 remove_diacritics 2'"
           ");"
           "INSERT INTO fts (fts) VALUES ('rebuild');"
           "PRAGMA user_version = 1;"
           "COMMIT;");

  return path;
}

static void
test_migrate (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *old = make_version_1 (fixture);
  g_autoptr(CeCorpus) reader = NULL;
  g_autoptr(CeCorpus) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CeTopic) topic = ce_test_topic_new ("Ferry", "ferry, gazette");
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(GArray) expected = NULL;

  /* Read-only, it is read as it is: quotes counted, nothing changed */
  reader = ce_corpus_open (old, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (ce_corpus_has_quoted_text (reader));
  g_assert_false (ce_corpus_excludes_quoted (reader));
  g_assert_false (ce_corpus_can_leave_out_quoted (reader));
  g_assert_cmpint (n_found (reader, "gazette"), ==, 2);
  before = counts_by_position (reader, topic);
  ce_corpus_set_quoted_mode (fixture->quoted, CE_QUOTED_INCLUDE);
  expected = counts_by_position (fixture->quoted, topic);
  for (guint i = 0; i < before->len; i++)
    g_assert_cmpuint (g_array_index (before, guint, i), ==, g_array_index (expected, guint, i));
  {
    g_autoptr(CeQuery) query = ce_query_parse ("budget", NULL);
    g_autoptr(GPtrArray) hits = ce_search_page (reader, query, CE_SORT_ORDER, FALSE, 0, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 2);
  }
  g_clear_object (&reader);

  /* Opened for writing, it is migrated in place */
  writer = ce_corpus_open (old, CE_CORPUS_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (ce_corpus_has_quoted_text (writer));
  g_assert_true (ce_corpus_excludes_quoted (writer));
  g_assert_true (ce_corpus_can_leave_out_quoted (writer));
  g_assert_cmpint (n_found (writer, "gazette"), ==, 0);
  g_clear_object (&writer);

  /* And now reads as a new import does, in either mode */
  reader = ce_corpus_open (old, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  for (guint mode = CE_QUOTED_INCLUDE; mode <= CE_QUOTED_EXCLUDE; mode++)
    {
      g_clear_pointer (&after, g_array_unref);
      g_clear_pointer (&expected, g_array_unref);
      ce_corpus_set_quoted_mode (reader, mode);
      ce_corpus_set_quoted_mode (fixture->quoted, mode);
      after = counts_by_position (reader, topic);
      expected = counts_by_position (fixture->quoted, topic);
      for (guint i = 0; i < after->len; i++)
        g_assert_cmpuint (g_array_index (after, guint, i), ==, g_array_index (expected, guint, i));
    }
  g_clear_object (&reader);

  run_sql (old, "INSERT INTO fts (fts, rank) VALUES ('integrity-check', 0);");
}

static guint
total_mentions (CeCorpus *corpus,
                CeTopic  *topic)
{
  g_autoptr(GArray) counts = ce_counter_count_documents (corpus, topic, NULL, NULL);
  guint total = 0;

  for (guint i = 0; i < counts->len; i++)
    total += g_array_index (counts, CeDocCount, i).count;

  return total;
}

/* Splitting and merging a message keep its quotes apart in the index */
static void
test_corrections (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CeCorpus) writer = NULL;
  g_autoptr(CeDocument) doc = NULL;
  g_autoptr(CeTopic) topic = ce_test_topic_new ("Crew", "crew, island, sund*, gazette");
  g_autoptr(GError) error = NULL;
  guint before[2], after[2];
  const char *body, *cut;
  gint64 part;

  writer = ce_corpus_open (fixture->quoted_path, CE_CORPUS_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  for (guint mode = 0; mode < 2; mode++)
    {
      ce_corpus_set_quoted_mode (writer, mode == 0 ? CE_QUOTED_INCLUDE : CE_QUOTED_EXCLUDE);
      before[mode] = total_mentions (writer, topic);
    }
  g_assert_cmpuint (before[0], >, before[1]);

  /* The interleaved reply, cut before its first paragraph of new text */
  doc = ce_corpus_get_document (writer, 3, &error);
  g_assert_no_error (error);
  body = ce_document_get_body (doc);
  cut = strstr (body, "A second crew");
  g_assert_nonnull (cut);
  part = ce_corpus_split_document (writer, 3, cut - body, &error);
  g_assert_no_error (error);
  g_assert_cmpint (part, >, 0);

  for (guint mode = 0; mode < 2; mode++)
    {
      ce_corpus_set_quoted_mode (writer, mode == 0 ? CE_QUOTED_INCLUDE : CE_QUOTED_EXCLUDE);
      after[mode] = total_mentions (writer, topic);
      g_assert_cmpuint (after[mode], ==, before[mode]);
    }
  ce_corpus_set_quoted_mode (writer, CE_QUOTED_EXCLUDE);
  g_assert_cmpint (n_found (writer, "gazette"), ==, 0);
  {
    g_autoptr(GArray) ids = ce_corpus_list_document_ids (writer, NULL);

    /* Both parts highlight their own new text only */
    g_assert_cmpuint (ids->len, ==, 7);
    for (guint i = 0; i < ids->len; i++)
      {
        gint64 id = g_array_index (ids, gint64, i);
        g_autoptr(CeDocument) shown = ce_corpus_get_document (writer, id, NULL);
        g_autoptr(GArray) mentions = ce_counter_mentions (writer, topic, id, NULL);

        for (guint m = 0; m < mentions->len; m++)
          g_assert_false (in_quote (ce_document_get_body (shown),
                                    g_array_index (mentions, CeMention, m).start));
      }
  }
  g_assert_cmpint (n_found (writer, "\"ann lee\""), ==, 0);
  ce_corpus_set_quoted_mode (writer, CE_QUOTED_INCLUDE);
  g_assert_cmpint (n_found (writer, "\"ann lee\""), ==, 5);

  /* And merged back */
  g_assert_true (ce_corpus_merge_document (writer, part, &error));
  g_assert_no_error (error);
  for (guint mode = 0; mode < 2; mode++)
    {
      ce_corpus_set_quoted_mode (writer, mode == 0 ? CE_QUOTED_INCLUDE : CE_QUOTED_EXCLUDE);
      g_assert_cmpuint (total_mentions (writer, topic), ==, before[mode]);
    }
  g_clear_object (&writer);

  run_sql (fixture->quoted_path, "INSERT INTO fts (fts, rank) VALUES ('integrity-check', 0);");
}

static guint
entity_count (CeCorpus   *corpus,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entities = ce_entities_suggest (corpus, 50, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < entities->len; i++)
    {
      CeEntity *entity = g_ptr_array_index (entities, i);

      if (g_str_equal (entity->name, name))
        return entity->count;
    }

  return 0;
}

/* Suggested topics come from the text that counts: a name repeated only
 * in quotes and signatures is not suggested when they are left out */
static void
test_entities (Fixture       *fixture,
               gconstpointer  data)
{
  ce_corpus_set_quoted_mode (fixture->quoted, CE_QUOTED_INCLUDE);
  g_assert_cmpuint (entity_count (fixture->quoted, "Ann Lee"), >=, 3);
  ce_corpus_set_quoted_mode (fixture->quoted, CE_QUOTED_EXCLUDE);
  g_assert_cmpuint (entity_count (fixture->quoted, "Ann Lee"), ==, 0);
  g_assert_cmpuint (entity_count (fixture->new_text, "Ann Lee"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/corpus-explorer/quoted/" path, Fixture, NULL, set_up, func, tear_down)
  ADD ("counts-equal-new-text", test_counts_equal_new_text);
  ADD ("search-exclude", test_search_exclude);
  ADD ("highlights-equal-counts", test_highlights_equal_counts);
  ADD ("search-highlights", test_search_highlights);
  ADD ("setting", test_setting);
  ADD ("threads", test_threads);
  ADD ("migrate", test_migrate);
  ADD ("corrections", test_corrections);
  ADD ("entities", test_entities);
#undef ADD

  return g_test_run ();
}
