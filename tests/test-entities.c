/* test-entities.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ce-entities.h"
#include "ce-stopwords.h"
#include "ce-test-util.h"

typedef CeTestCorpus Fixture;

static void
add_bodies (CeCorpus           *corpus,
            const char * const *bodies)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ce_corpus_begin (corpus, &error));
  for (guint i = 0; bodies[i] != NULL; i++)
    {
      g_autoptr(CeDraft) draft = ce_test_draft_new (NULL, NULL, NULL, NULL, bodies[i]);

      ce_test_corpus_add (corpus, 0, draft);
    }
  g_assert_true (ce_corpus_commit (corpus, &error));
  g_assert_no_error (error);
}

/* The dump, split by the segmenter */
static gboolean
import_dump (CeCorpus *corpus)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = ce_test_split_shared_dump ();

  if (drafts == NULL)
    return FALSE;

  g_assert_true (ce_corpus_begin (corpus, &error));
  for (guint i = 0; i < drafts->len; i++)
    ce_test_corpus_add (corpus, 0, g_ptr_array_index (drafts, i));
  g_assert_true (ce_corpus_commit (corpus, &error));
  g_assert_no_error (error);

  return TRUE;
}

static CeEntity *
find (GPtrArray  *entities,
      const char *name)
{
  for (guint i = 0; i < entities->len; i++)
    {
      CeEntity *entity = g_ptr_array_index (entities, i);

      if (g_str_equal (entity->name, name))
        return entity;
    }

  return NULL;
}

static void
test_dump (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  const char *common[] = { "The", "But", "In", "It", "As", "Starmer", "Trump", "Xi", "Prime Minister", NULL };
  CeEntity *starmer, *xi, *trump;

  if (!import_dump (fixture->corpus))
    {
      g_test_skip ("The shared corpus is not available");
      return;
    }

  entities = ce_entities_suggest (fixture->corpus, 40, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entities->len, <=, 40);
  g_assert_cmpuint (entities->len, >, 20);

  for (guint i = 0; i < entities->len; i++)
    {
      CeEntity *entity = g_ptr_array_index (entities, i);
      g_autofree char *terms = g_strjoinv (" | ", entity->terms);

      g_test_message ("%3u %s [%s]", entity->count, entity->name, terms);
      if (i > 0)
        g_assert_cmpuint (entity->count, <=, ((CeEntity *)g_ptr_array_index (entities, i - 1))->count);
    }

  starmer = find (entities, "Keir Starmer");
  g_assert_nonnull (starmer);
  g_assert_true (g_strv_contains ((const char * const *)starmer->terms, "Starmer"));
  g_assert_cmpstr (starmer->terms[0], ==, "Keir Starmer");
  /* 8 full names, at least 40 more as "Starmer" */
  g_assert_cmpuint (starmer->count, >=, 48);

  xi = find (entities, "Xi Jinping");
  g_assert_nonnull (xi);
  g_assert_true (g_strv_contains ((const char * const *)xi->terms, "Xi"));

  trump = find (entities, "Donald Trump");
  g_assert_nonnull (trump);
  g_assert_true (g_strv_contains ((const char * const *)trump->terms, "Trump"));

  for (guint i = 0; common[i] != NULL; i++)
    g_assert_null (find (entities, common[i]));

  g_assert_nonnull (find (entities, "China"));
  g_assert_true (find (entities, "U.K.") != NULL || find (entities, "UK") != NULL);
}

static void
test_rules (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  const char *bodies[] = {
    "Millions of people met in Oban. The US said us too. Theresa May spoke in May.",
    "Theresa May met the Bank of England. Millions came. The US and the U.S. agreed.",
    "But Theresa May’s plan failed. The Bank of England stayed. In Oban, millions waited.",
    "STARMER AND HIS TEAM WERE LOVING IT\n\nThe US team met Mr Smith. Smith smiled.",
    "Later, Smith left; we saw Smith and Jean-Luc Picard. Picard waved at Oban and at Jean-Luc Picard.",
    NULL
  };
  CeEntity *us, *may, *smith;

  add_bodies (fixture->corpus, bodies);
  entities = ce_entities_suggest (fixture->corpus, 20, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < entities->len; i++)
    {
      CeEntity *entity = g_ptr_array_index (entities, i);
      g_autofree char *terms = g_strjoinv (" | ", entity->terms);

      g_test_message ("%3u %s [%s]", entity->count, entity->name, terms);
      g_assert_cmpuint (entity->count, >=, 2);
    }

  /* Sentence-initial words written in lower case elsewhere are skipped */
  g_assert_null (find (entities, "Millions"));
  g_assert_null (find (entities, "But"));
  g_assert_null (find (entities, "In"));
  g_assert_null (find (entities, "STARMER"));

  g_assert_nonnull (find (entities, "Oban"));
  g_assert_cmpuint (find (entities, "Oban")->count, ==, 3);
  g_assert_nonnull (find (entities, "Bank of England"));
  g_assert_cmpuint (find (entities, "Bank of England")->count, ==, 2);

  /* "US" is also the word "us": a case-sensitive term, with U.S. merged */
  us = find (entities, "US");
  g_assert_nonnull (us);
  g_assert_cmpuint (us->count, ==, 4);
  g_assert_cmpstr (us->terms[0], ==, "=US");
  g_assert_true (g_strv_contains ((const char * const *)us->terms, "U.S."));

  may = find (entities, "Theresa May");
  g_assert_nonnull (may);
  g_assert_cmpuint (may->count, ==, 3);

  /* "Mr Smith" is Smith; Smith alone stays alone */
  smith = find (entities, "Smith");
  g_assert_nonnull (smith);
  g_assert_cmpuint (smith->count, ==, 4);
  g_assert_nonnull (find (entities, "Jean-Luc Picard"));
  g_assert_cmpuint (find (entities, "Jean-Luc Picard")->count, ==, 3);
  g_assert_true (g_strv_contains ((const char * const *)find (entities, "Jean-Luc Picard")->terms, "Picard"));
}

/* The user's stop words leave names out of the suggestions */
static void
test_stopwords (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plain = NULL;
  g_autoptr(GPtrArray) filtered = NULL;
  g_autoptr(GHashTable) stopwords = NULL;
  const char list[] = "# names nobody wants as a topic\noban\nSmith\n";
  const char *bodies[] = {
    "Ana met Smith in Oban. Later Smith went to Oban with Ana.",
    "In Oban, Smith and Ana waited. Ana left Oban.",
    NULL
  };

  add_bodies (fixture->corpus, bodies);
  plain = ce_entities_suggest (fixture->corpus, 10, &error);
  g_assert_no_error (error);
  g_assert_nonnull (find (plain, "Oban"));
  g_assert_nonnull (find (plain, "Smith"));
  g_assert_nonnull (find (plain, "Ana"));

  stopwords = ce_stopwords_parse (list, strlen (list));
  filtered = ce_entities_suggest_full (fixture->corpus, 10, stopwords, &error);
  g_assert_no_error (error);
  g_assert_null (find (filtered, "Oban"));
  g_assert_null (find (filtered, "Smith"));
  g_assert_nonnull (find (filtered, "Ana"));
  g_assert_cmpuint (find (filtered, "Ana")->count, ==, find (plain, "Ana")->count);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entities = ce_entities_suggest (fixture->corpus, 10, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (entities->len, ==, 0);
}

static void
collect_number_cb (const char *body,
                   gpointer    user_data)
{
  GArray *numbers = user_data;
  guint number = (guint)g_ascii_strtoull (body + strlen ("Report "), NULL, 10);

  g_array_append_val (numbers, number);
}

/* A sample of the documents stands for the whole corpus */
static void
test_sample (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) full = NULL;
  g_autoptr(GPtrArray) sampled = NULL;
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_read = 0;
  gint64 n_documents = 0;
  CeEntity *entity;

  for (guint i = 0; i < 100; i++)
    g_ptr_array_add (bodies, g_strdup_printf ("Report %u. Zanzibar Quell met the mayor of Oban "
                                              "on day %u, and Zanzibar Quell spoke.", i, i));
  g_ptr_array_add (bodies, NULL);
  add_bodies (fixture->corpus, (const char * const *)bodies->pdata);

  /* Ten bodies, evenly spread in corpus order, the first among them */
  g_assert_true (ce_corpus_foreach_body_sample (fixture->corpus, 10, collect_number_cb, numbers, &n_read, &n_documents, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_read, ==, 10);
  g_assert_cmpuint (numbers->len, ==, 10);
  g_assert_cmpint (n_documents, ==, 100);
  for (guint i = 0; i < numbers->len; i++)
    g_assert_cmpuint (g_array_index (numbers, guint, i), ==, i * 10);

  /* 30 of 100: 0, 4, 7, 10 …, never more than asked */
  g_array_set_size (numbers, 0);
  g_assert_true (ce_corpus_foreach_body_sample (fixture->corpus, 30, collect_number_cb, numbers, &n_read, &n_documents, &error));
  g_assert_cmpuint (n_read, ==, 30);
  g_assert_cmpuint (g_array_index (numbers, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (numbers, guint, 1), ==, 4);
  g_assert_cmpuint (g_array_index (numbers, guint, 2), ==, 7);
  g_assert_cmpuint (g_array_index (numbers, guint, 29), ==, 97);

  /* As many as the corpus holds, or none asked: all of them */
  for (guint max = 0; max <= 200; max += 100)
    {
      g_array_set_size (numbers, 0);
      g_assert_true (ce_corpus_foreach_body_sample (fixture->corpus, max, collect_number_cb, numbers, &n_read, &n_documents, &error));
      g_assert_cmpuint (n_read, ==, 100);
      g_assert_cmpint (n_documents, ==, 100);
      for (guint i = 0; i < numbers->len; i++)
        g_assert_cmpuint (g_array_index (numbers, guint, i), ==, i);
    }

  /* The counts of a sample are scaled to the corpus, and say so */
  full = ce_entities_suggest_full (fixture->corpus, 5, NULL, &error);
  g_assert_no_error (error);
  entity = find (full, "Zanzibar Quell");
  g_assert_nonnull (entity);
  g_assert_cmpuint (entity->count, ==, 200);
  g_assert_false (entity->estimated);

  sampled = ce_entities_suggest_sample (fixture->corpus, 5, NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sampled->len, ==, full->len);
  for (guint i = 0; i < full->len; i++)
    {
      CeEntity *a = g_ptr_array_index (full, i);
      CeEntity *b = g_ptr_array_index (sampled, i);

      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_cmpuint (a->count, ==, b->count);
      g_assert_true (b->estimated);
    }

  g_clear_pointer (&sampled, g_ptr_array_unref);
  sampled = ce_entities_suggest_sample (fixture->corpus, 5, NULL, 100, &error);
  entity = find (sampled, "Zanzibar Quell");
  g_assert_nonnull (entity);
  g_assert_false (entity->estimated);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/corpus-explorer/entities/dump", Fixture, NULL,
              ce_test_corpus_set_up, test_dump, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/entities/rules", Fixture, NULL,
              ce_test_corpus_set_up, test_rules, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/entities/stopwords", Fixture, NULL,
              ce_test_corpus_set_up, test_stopwords, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/entities/empty", Fixture, NULL,
              ce_test_corpus_set_up, test_empty, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/entities/sample", Fixture, NULL,
              ce_test_corpus_set_up, test_sample, ce_test_corpus_tear_down);

  return g_test_run ();
}
