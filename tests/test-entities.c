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

  return g_test_run ();
}
