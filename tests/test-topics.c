/* test-topics.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "ce-test-util.h"
#include "ce-topic.h"

typedef CeTestCorpus Fixture;

static void
test_parse_terms (void)
{
  struct {
    const char *term;
    const char *query;
    guint       n_phrases;
    gboolean    case_sensitive;
    gboolean    prefix;
  } good[] = {
    { "china", "\"china\"", 1, FALSE, FALSE },
    { "  Xi Jinping ", "\"Xi Jinping\"", 1, FALSE, FALSE },
    { "\"xi jinping\"", "\"xi jinping\"", 1, FALSE, FALSE },
    { "visa*", "\"visa\" *", 1, FALSE, TRUE },
    { "\"new yor\"*", "\"new yor\" *", 1, FALSE, TRUE },
    { "=US", "\"US\"", 1, TRUE, FALSE },
    { "=\"Theresa May\"", "\"Theresa May\"", 1, TRUE, FALSE },
    { "say \"hi\" now", "\"say \"\"hi\"\" now\"", 1, FALSE, FALSE },
    { "\"a \"\"quoted\"\" word\"", "\"a \"\"quoted\"\" word\"", 1, FALSE, FALSE },
    { "OR", "\"OR\"", 1, FALSE, FALSE },
    { "NEAR(trade china, 5)", "NEAR(\"trade\" \"china\", 5)", 2, FALSE, FALSE },
    { "near(\"xi jinping\" =US tariff*)", "NEAR(\"xi jinping\" \"US\" \"tariff\" *, 10)", 3, FALSE, FALSE },
  };
  struct {
    const char *term;
    const char *message_part;
  } bad[] = {
    { "", "empty" },
    { "   ", "empty" },
    { "\"unclosed", "“\"unclosed”" },
    { "--", "“--”" },
    { "=", "“=”" },
    { "\"a\" b", "“\"a\" b”" },
    { "NEAR(a b, x)", "“NEAR(a b, x)”" },
    { "NEAR(a b, 99999)", "distance" },
    { "NEAR(a)", "at least two" },
    { "NEAR(a b", "“NEAR(a b”" },
    { "*", "“*”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CeTopicTerm) term = ce_topic_term_parse (good[i].term, &error);
      CeTopicPhrase *phrase;

      g_assert_no_error (error);
      g_assert_cmpstr (term->query, ==, good[i].query);
      g_assert_cmpuint (term->phrases->len, ==, good[i].n_phrases);
      phrase = g_ptr_array_index (term->phrases, 0);
      g_assert_cmpint (phrase->case_sensitive, ==, good[i].case_sensitive);
      g_assert_cmpint (phrase->prefix, ==, good[i].prefix);
      g_assert_cmpint (term->near >= 0, ==, good[i].n_phrases > 1);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CeTopicTerm) term = ce_topic_term_parse (bad[i].term, &error);

      g_test_message ("%s: %s", bad[i].term, error ? error->message : "(no error)");
      g_assert_null (term);
      g_assert_error (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_INVALID_TERM);
      g_assert_nonnull (strstr (error->message, bad[i].message_part));
    }
}

static void
test_split_terms (void)
{
  g_auto(GStrv) terms = ce_topic_split_terms ("china, chinese,,\"xi, jinping\" ,NEAR(a b, 5)\nbeijing ");
  g_autofree char *joined = NULL;
  const char *expected[] = { "china", "chinese", "\"xi, jinping\"", "NEAR(a b, 5)", "beijing", NULL };

  g_assert_true (g_strv_equal ((const char * const *)terms, expected));

  joined = ce_topic_join_terms ((const char * const *)terms);
  g_assert_cmpstr (joined, ==, "china, chinese, \"xi, jinping\", NEAR(a b, 5), beijing");
}

static void
test_topic_object (void)
{
  g_autoptr(GError) error = NULL;
  const char *terms[] = { "china", "\"xi jinping\"", NULL };
  g_autoptr(CeTopic) topic = ce_topic_new ("China", NULL, terms);
  g_autofree char *query = NULL;

  g_assert_cmpstr (ce_topic_get_color (topic), ==, ce_topic_palette_get (0));
  g_assert_cmpuint (ce_topic_palette_size (), ==, 8);
  g_assert_cmpstr (ce_topic_palette_get (9), ==, "#e69f00");
  g_assert_true (ce_topic_get_enabled (topic));
  g_assert_cmpint (ce_topic_get_id (topic), ==, 0);

  query = ce_topic_build_query (topic, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (query, ==, "\"china\" OR \"xi jinping\"");

  g_assert_true (ce_topic_validate (topic, &error));

  ce_topic_set_color (topic, "blue");
  g_assert_false (ce_topic_validate (topic, &error));
  g_assert_error (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_INVALID_COLOR);
  g_clear_error (&error);
  ce_topic_set_color (topic, "#D55E00");

  ce_topic_set_name (topic, "  ");
  g_assert_false (ce_topic_validate (topic, &error));
  g_assert_error (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_INVALID_NAME);
  g_clear_error (&error);
  ce_topic_set_name (topic, "China");

  ce_topic_set_terms (topic, NULL);
  g_assert_false (ce_topic_validate (topic, &error));
  g_assert_error (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_INVALID_TERM);
  g_clear_error (&error);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_notify (void)
{
  const char *terms[] = { "a", NULL };
  g_autoptr(CeTopic) topic = ce_topic_new ("A", NULL, terms);
  guint count = 0;

  g_signal_connect (topic, "notify", G_CALLBACK (count_notify_cb), &count);
  ce_topic_set_terms (topic, terms);
  ce_topic_set_name (topic, "A");
  g_assert_cmpuint (count, ==, 0);
  ce_topic_set_name (topic, "B");
  ce_topic_set_enabled (topic, FALSE);
  ce_topic_set_terms (topic, NULL);
  g_assert_cmpuint (count, ==, 3);
}

static char *
stored_terms (const char *path,
              const char *name)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *terms = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT terms FROM topics WHERE name = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    terms = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return terms;
}

static void
test_store (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeTopic) china = ce_test_topic_new ("China", "china, \"xi jinping\", =PRC");
  g_autoptr(CeTopic) trump = ce_test_topic_new ("Trump", "trump");
  g_autoptr(CeTopic) whisky = ce_test_topic_new ("Whisky", "whisky, scotch");
  g_autoptr(CeTopic) dup = ce_test_topic_new ("china", "x");
  g_autoptr(CeTopic) invalid = ce_test_topic_new ("Bad", "ok, \"broken");
  g_autoptr(CeTopic) found = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *json = NULL;

  list = ce_topics_list (fixture->corpus, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (ce_topics_save (fixture->corpus, china, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ce_topic_get_id (china), >, 0);
  g_assert_true (ce_topics_save (fixture->corpus, trump, &error));
  g_assert_true (ce_topics_save (fixture->corpus, whisky, &error));
  g_assert_cmpuint (ce_topic_get_position (china), ==, 0);
  g_assert_cmpuint (ce_topic_get_position (whisky), ==, 2);

  /* Names are unique, whatever their case */
  g_assert_false (ce_topics_save (fixture->corpus, dup, &error));
  g_assert_error (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_false (ce_topics_save (fixture->corpus, invalid, &error));
  g_assert_error (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_INVALID_TERM);
  g_assert_nonnull (strstr (error->message, "\"broken"));
  g_clear_error (&error);

  /* Terms are stored as a JSON array */
  json = stored_terms (fixture->path, "China");
  g_assert_cmpstr (json, ==, "[\"china\",\"\\\"xi jinping\\\"\",\"=PRC\"]");

  /* Update */
  ce_topic_set_enabled (trump, FALSE);
  ce_topic_set_color (trump, "#009e73");
  g_assert_true (ce_topics_save (fixture->corpus, trump, &error));
  g_assert_no_error (error);

  /* Reopen and read back */
  g_clear_object (&fixture->corpus);
  fixture->corpus = ce_corpus_open (fixture->path, CE_CORPUS_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  list = ce_topics_list (fixture->corpus, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (ce_topic_get_name (g_ptr_array_index (list, 0)), ==, "China");
  g_assert_cmpstr (ce_topic_get_terms (g_ptr_array_index (list, 0))[1], ==, "\"xi jinping\"");
  g_assert_false (ce_topic_get_enabled (g_ptr_array_index (list, 1)));
  g_assert_cmpstr (ce_topic_get_color (g_ptr_array_index (list, 1)), ==, "#009e73");
  g_clear_pointer (&list, g_ptr_array_unref);

  found = ce_topics_find (fixture->corpus, "WHISKY", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ce_topic_get_id (found), ==, ce_topic_get_id (whisky));
  g_assert_null (ce_topics_find (fixture->corpus, "Nothing", &error));
  g_assert_error (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Move Whisky to the front */
  g_assert_true (ce_topics_move (fixture->corpus, found, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ce_topic_get_position (found), ==, 0);
  list = ce_topics_list (fixture->corpus, &error);
  g_assert_cmpstr (ce_topic_get_name (g_ptr_array_index (list, 0)), ==, "Whisky");
  g_assert_cmpstr (ce_topic_get_name (g_ptr_array_index (list, 1)), ==, "China");
  g_assert_cmpstr (ce_topic_get_name (g_ptr_array_index (list, 2)), ==, "Trump");

  /* Remove the middle one; the order of the rest stays */
  g_assert_true (ce_topics_remove (fixture->corpus, g_ptr_array_index (list, 1), &error));
  g_assert_no_error (error);
  g_assert_cmpint (ce_topic_get_id (g_ptr_array_index (list, 1)), ==, 0);
  g_assert_false (ce_topics_remove (fixture->corpus, g_ptr_array_index (list, 1), &error));
  g_assert_error (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = ce_topics_list (fixture->corpus, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (ce_topic_get_name (g_ptr_array_index (list, 0)), ==, "Whisky");
  g_assert_cmpstr (ce_topic_get_name (g_ptr_array_index (list, 1)), ==, "Trump");

  /* Reorder all */
  g_ptr_array_add (list, g_ptr_array_steal_index (list, 0));
  g_assert_true (ce_topics_reorder (fixture->corpus, list, &error));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = ce_topics_list (fixture->corpus, &error);
  g_assert_cmpstr (ce_topic_get_name (g_ptr_array_index (list, 0)), ==, "Trump");
  g_assert_cmpuint (ce_topic_get_position (g_ptr_array_index (list, 1)), ==, 1);
}

static void
test_damaged_row (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  sqlite3 *db = NULL;

  g_clear_object (&fixture->corpus);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO topics (name, color, terms, position) VALUES"
                                 " ('Broken', 'red', '{not json', 0),"
                                 " ('Mixed', '#123456', '[\"ok\", 3, null]', 1)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  fixture->corpus = ce_corpus_open (fixture->path, CE_CORPUS_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  list = ce_topics_list (fixture->corpus, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);

  /* Bad values are replaced, and the topic does not validate */
  g_assert_cmpstr (ce_topic_get_color (g_ptr_array_index (list, 0)), ==, ce_topic_palette_get (0));
  g_assert_cmpuint (g_strv_length ((char **)ce_topic_get_terms (g_ptr_array_index (list, 0))), ==, 0);
  g_assert_false (ce_topic_validate (g_ptr_array_index (list, 0), &error));
  g_assert_error (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_INVALID_TERM);
  g_assert_cmpuint (g_strv_length ((char **)ce_topic_get_terms (g_ptr_array_index (list, 1))), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus-explorer/topics/parse-terms", test_parse_terms);
  g_test_add_func ("/corpus-explorer/topics/split-terms", test_split_terms);
  g_test_add_func ("/corpus-explorer/topics/object", test_topic_object);
  g_test_add_func ("/corpus-explorer/topics/notify", test_notify);
  g_test_add ("/corpus-explorer/topics/store", Fixture, NULL,
              ce_test_corpus_set_up, test_store, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/topics/damaged-row", Fixture, NULL,
              ce_test_corpus_set_up, test_damaged_row, ce_test_corpus_tear_down);

  return g_test_run ();
}
