/* test-search-filters.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Searches with filters and the bounded ranking of broad searches,
 * checked against a full evaluation (the rest of the search tests are
 * in test-search.c).
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ce-corpus.h"
#include "ce-search.h"
#include "ce-test-util.h"

/* Searches with filters read the documents the filters keep on their
 * own and then test each match against them: on the sample corpus,
 * every combination finds exactly the documents a reading of each
 * document's metadata keeps among the matches of the words alone, in
 * the same ranked order, with the same count, page after page */

typedef gboolean (*KeepFunc) (CeDocument *document);

static gboolean
place_is (CeDocument *document,
          const char *place)
{
  const char *value = ce_document_get_place (document);

  return value != NULL && g_ascii_strcasecmp (value, place) == 0;
}

static gboolean
keep_brussels (CeDocument *document)
{
  return place_is (document, "brussels");
}

static gboolean
keep_not_brussels (CeDocument *document)
{
  return !place_is (document, "brussels");
}

static gboolean
keep_2024 (CeDocument *document)
{
  const char *date = ce_document_get_date (document);

  return date != NULL && g_str_has_prefix (date, "2024");
}

static gboolean
keep_port_aren_2025 (CeDocument *document)
{
  const char *date = ce_document_get_date (document);

  return place_is (document, "port aren") && date != NULL && g_str_has_prefix (date, "2025");
}

static gboolean
keep_geneva_or_2025_01 (CeDocument *document)
{
  const char *date = ce_document_get_date (document);

  return place_is (document, "geneva") || (date != NULL && g_str_has_prefix (date, "2025-01"));
}

static void
test_filters_sample (void)
{
  static const struct
  {
    const char *query;
    KeepFunc    keep;
  } filters[] = {
    { "place:brussels", keep_brussels },
    { "NOT place:brussels", keep_not_brussels },
    { "date:2024", keep_2024 },
    { "place:\"port aren\" date:2025", keep_port_aren_2025 },
    { "(place:geneva OR date:2025-01)", keep_geneva_or_2025_01 },
  };
  static const char * const texts[] = {
    "the", "trade OR talks OR storm", "\"trade talks\"", "union -trade", NULL,
  };
  g_autofree char *jsonl = ce_test_sample_path ("sample.jsonl");
  g_autofree char *dir = ce_test_make_dir ("ce-search-filters");
  g_autofree char *path = ce_test_import (dir, "sample", jsonl);
  g_autoptr(GError) error = NULL;
  g_autoptr(CeCorpus) corpus = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_autoptr(GArray) all = NULL;

  g_assert_no_error (error);
  all = ce_corpus_list_document_ids (corpus, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 52);

  for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
    {
      g_autoptr(GHashTable) kept = g_hash_table_new (g_int64_hash, g_int64_equal);
      guint n_kept = 0;

      for (guint i = 0; i < all->len; i++)
        {
          g_autoptr(CeDocument) document = ce_corpus_get_document (corpus, g_array_index (all, gint64, i), &error);

          g_assert_no_error (error);
          if (filters[f].keep (document))
            {
              g_hash_table_add (kept, &g_array_index (all, gint64, i));
              n_kept++;
            }
        }
      g_assert_cmpuint (n_kept, >, 0);
      g_assert_cmpuint (n_kept, <, all->len);

      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        {
          g_autofree char *text = texts[t] != NULL
                                  ? g_strdup_printf ("(%s) %s", texts[t], filters[f].query)
                                  : g_strdup (filters[f].query);
          g_autoptr(CeQuery) query = ce_query_parse (text, &error);
          g_autoptr(CeQuery) words = texts[t] != NULL ? ce_query_parse (texts[t], &error) : NULL;
          g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_autoptr(GArray) ranked = NULL;
          g_autoptr(GArray) ordered = NULL;
          g_autoptr(GArray) unfiltered = NULL;
          g_autoptr(GPtrArray) first = NULL;
          g_autoptr(GPtrArray) second = NULL;

          g_assert_no_error (error);
          unfiltered = words != NULL ? ce_search_ids (corpus, words, CE_SORT_RANK, FALSE, &error)
                                     : g_array_ref (all);
          g_assert_no_error (error);
          for (guint i = 0; i < unfiltered->len; i++)
            {
              if (g_hash_table_contains (kept, &g_array_index (unfiltered, gint64, i)))
                g_array_append_val (expected, g_array_index (unfiltered, gint64, i));
            }

          ranked = ce_search_ids (corpus, query, CE_SORT_RANK, FALSE, &error);
          g_assert_no_error (error);
          ordered = ce_search_ids (corpus, query, CE_SORT_ORDER, FALSE, &error);
          g_assert_no_error (error);
          if (ranked->len != expected->len)
            g_error ("‘%s’ found %u documents, expected %u", text, ranked->len, expected->len);
          g_assert_cmpuint (ordered->len, ==, expected->len);
          g_assert_cmpint (ce_search_count (corpus, query, &error), ==, expected->len);
          g_assert_no_error (error);

          /* The same order as ranking the words alone (bm25 does not
           * depend on the filters); in corpus order without words */
          for (guint i = 0; i < expected->len; i++)
            {
              g_assert_cmpint (g_array_index (ranked, gint64, i), ==, g_array_index (expected, gint64, i));
              g_assert_true (g_hash_table_contains (kept, &g_array_index (ordered, gint64, i)));
            }

          /* Two pages of three give the list's first six */
          first = ce_search_page (corpus, query, CE_SORT_RANK, FALSE, 0, 3, &error);
          g_assert_no_error (error);
          second = ce_search_page (corpus, query, CE_SORT_RANK, FALSE, 3, 3, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (first->len + second->len, ==, MIN (expected->len, 6));
          for (guint i = 0; i < first->len + second->len; i++)
            {
              CeSearchHit *hit = i < first->len ? g_ptr_array_index (first, i)
                                                : g_ptr_array_index (second, i - first->len);

              g_assert_cmpint (hit->id, ==, g_array_index (expected, gint64, i));
            }
        }
    }

  /* What the filters kept is read again once another connection added
   * a document they keep */
  {
    g_autoptr(CeQuery) query = ce_query_parse ("(the) place:brussels", &error);
    g_autofree char *more = g_build_filename (dir, "more.jsonl", NULL);
    g_autoptr(CeImportReport) report = NULL;
    gint64 before;

    g_assert_no_error (error);
    before = ce_search_count (corpus, query, &error);
    g_assert_no_error (error);
    g_assert_true (g_file_set_contents (more,
                                        "{\"title\": \"Harbour fees\", \"place\": \"Brussels\","
                                        " \"date\": \"2025-02-01\", \"text\": \"The fees rose.\"}\n",
                                        -1, &error));
    report = ce_test_import_file (path, more);
    g_assert_cmpint (ce_search_count (corpus, query, &error), ==, before + 1);
    g_assert_no_error (error);
  }

  g_clear_object (&corpus);
  ce_test_remove_tree (dir);
}

/* A search with more matches than the rank limit ranks a bounded set of
 * candidates: the first matches by id and those with the words in the
 * title, each with the score the full ranking gives it, then every other
 * match by id.  With the limit lowered to 5 on the sample corpus, the
 * list is exactly that, the count and the set of matches do not change,
 * and every page carries the full ranking's scores. */

static GArray *
ids_of (CeCorpus   *corpus,
        const char *text,
        CeSort      sort)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) query = ce_query_parse (text, &error);
  GArray *ids;

  g_assert_no_error (error);
  ids = ce_search_ids (corpus, query, sort, FALSE, &error);
  g_assert_no_error (error);
  return ids;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return (x > y) - (x < y);
}

typedef struct
{
  GHashTable *scores;   /* id -> double *, the full ranking's */
} ByScore;

static int
compare_by_score (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  ByScore *by = user_data;
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;
  double sx = *(double *)g_hash_table_lookup (by->scores, &x);
  double sy = *(double *)g_hash_table_lookup (by->scores, &y);

  if (sx != sy)
    return sx < sy ? -1 : 1;
  return (x > y) - (x < y);
}

static void
test_rank_bounded (void)
{
  static const struct
  {
    const char *text;
    const char *title;
  } cases[] = {
    { "the", "title:the" },
    { "trade OR talks OR storm OR the", "title:(trade OR talks OR storm OR the)" },
    { "(the) date:2025", "title:the date:2025" },
    { "\"coastal compact\"", "title:\"coastal compact\"" },
  };
  g_autofree char *jsonl = ce_test_sample_path ("sample.jsonl");
  g_autofree char *dir = ce_test_make_dir ("ce-search-rank");
  g_autofree char *path = ce_test_import (dir, "sample", jsonl);
  g_autoptr(GError) error = NULL;
  g_autoptr(CeCorpus) corpus = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, &error);
  const guint limit = 5;

  g_assert_no_error (error);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(CeQuery) query = ce_query_parse (cases[c].text, &error);
      g_autoptr(GHashTable) scores = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_autoptr(GPtrArray) full_page = NULL;
      g_autoptr(GPtrArray) bounded_page = NULL;
      g_autoptr(GArray) full = NULL;
      g_autoptr(GArray) bounded = NULL;
      g_autoptr(GArray) sorted = NULL;
      g_autoptr(GArray) in_title = NULL;
      g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GHashTable) candidates = g_hash_table_new (g_int64_hash, g_int64_equal);
      ByScore by = { scores };

      g_assert_no_error (error);

      /* The full ranking (the sample has far fewer matches than the
       * default limit) */
      ce_corpus_search_set_rank_limit (corpus, 0);
      full = ce_search_ids (corpus, query, CE_SORT_RANK, FALSE, &error);
      g_assert_no_error (error);
      full_page = ce_search_page (corpus, query, CE_SORT_RANK, FALSE, 0, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (full->len, >, 2 * limit);
      g_assert_cmpuint (full_page->len, ==, full->len);
      for (guint i = 0; i < full_page->len; i++)
        {
          CeSearchHit *hit = g_ptr_array_index (full_page, i);

          g_assert_cmpint (hit->id, ==, g_array_index (full, gint64, i));
          g_hash_table_insert (scores, &hit->id, &hit->rank);
        }

      /* What the bounded ranking must give */
      sorted = g_array_copy (full);
      g_array_sort (sorted, compare_ids);
      in_title = ids_of (corpus, cases[c].title, CE_SORT_ORDER);
      g_array_sort (in_title, compare_ids);
      g_assert_cmpuint (in_title->len, >, 0);
      for (guint i = 0; i < limit; i++)
        g_hash_table_add (candidates, &g_array_index (sorted, gint64, i));
      /* The first matches with the words in the title, whether or not
       * they are among the first matches already */
      for (guint i = 0; i < in_title->len && i < limit; i++)
        {
          gint64 *id = &g_array_index (in_title, gint64, i);

          g_assert_true (g_hash_table_contains (scores, id));
          g_hash_table_add (candidates, id);
        }
      for (guint i = 0; i < sorted->len; i++)
        if (g_hash_table_contains (candidates, &g_array_index (sorted, gint64, i)))
          g_array_append_val (expected, g_array_index (sorted, gint64, i));
      g_array_sort_with_data (expected, compare_by_score, &by);
      for (guint i = 0; i < sorted->len; i++)
        if (!g_hash_table_contains (candidates, &g_array_index (sorted, gint64, i)))
          g_array_append_val (expected, g_array_index (sorted, gint64, i));

      ce_corpus_search_set_rank_limit (corpus, limit);
      bounded = ce_search_ids (corpus, query, CE_SORT_RANK, FALSE, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (bounded->len, ==, expected->len);
      for (guint i = 0; i < bounded->len; i++)
        if (g_array_index (bounded, gint64, i) != g_array_index (expected, gint64, i))
          g_error ("‘%s’: match %u is %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
                   cases[c].text, i, g_array_index (bounded, gint64, i),
                   g_array_index (expected, gint64, i));
      g_assert_cmpint (ce_search_count (corpus, query, &error), ==, full->len);
      g_assert_no_error (error);

      /* Pages: the same list, with the full ranking's scores, within the
       * candidates and beyond them */
      for (guint offset = 0; offset < bounded->len; offset += 3)
        {
          bounded_page = ce_search_page (corpus, query, CE_SORT_RANK, FALSE, offset, 3, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (bounded_page->len, ==, MIN (3, bounded->len - offset));
          for (guint i = 0; i < bounded_page->len; i++)
            {
              CeSearchHit *hit = g_ptr_array_index (bounded_page, i);

              g_assert_cmpint (hit->id, ==, g_array_index (bounded, gint64, offset + i));
              g_assert_cmpfloat (hit->rank, ==, *(double *)g_hash_table_lookup (scores, &hit->id));
              g_assert_nonnull (hit->snippet);
            }
          g_clear_pointer (&bounded_page, g_ptr_array_unref);
        }
    }

  g_clear_object (&corpus);
  ce_test_remove_tree (dir);
}

/* A place or source filter is read from the index, walking its distinct
 * values (ce-corpus-where.c): it keeps exactly the documents whose value
 * folds to the filter's, in any case or script, never one without a
 * value, and its negation keeps those too */
static void
test_filters_folded (void)
{
  static const char * const places[] = {
    "London", "LONDON", "london", "London ", "Londres", NULL, "Straße", "STRASSE",
    "São Paulo", "SÃO PAULO", "Ω", "ω", "42", NULL, "Zürich", "ZÜRICH", "zurich",
  };
  static const char * const filters[] = {
    "london", "\"london \"", "strasse", "straße", "\"são paulo\"", "ω", "42", "zürich", "zurich",
    "nowhere",
  };
  g_autofree char *dir = ce_test_make_dir ("ce-search-filters-folded");
  g_autofree char *jsonl = g_build_filename (dir, "folded.jsonl", NULL);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr(CeCorpus) corpus = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      g_autofree char *place = places[i] != NULL ? g_strdup_printf ("\"place\": \"%s\", ", places[i]) : NULL;
      g_autofree char *source = places[i] != NULL ? g_strdup_printf ("\"source\": \"%s\", ", places[i]) : NULL;

      g_string_append_printf (lines, "{\"title\": \"Report %u\", %s%s\"text\": \"Storm report number %u.\"}\n",
                              i, place != NULL ? place : "", source != NULL ? source : "", i);
    }
  g_assert_true (g_file_set_contents (jsonl, lines->str, -1, &error));
  path = ce_test_import (dir, "folded", jsonl);
  corpus = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  all = ids_of (corpus, "storm", CE_SORT_ORDER);
  g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (places));

  for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
    for (guint field = 0; field < 2; field++)
      for (guint negated = 0; negated < 2; negated++)
        {
          const char *name = field == 0 ? "place" : "source";
          g_autofree char *value = g_strdup (filters[f]);
          g_autofree char *folded = NULL;
          g_autofree char *text = g_strdup_printf ("storm %s%s:%s", negated ? "-" : "", name, filters[f]);
          g_autoptr(GArray) found = ids_of (corpus, text, CE_SORT_ORDER);
          g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));

          g_strdelimit (value, "\"", ' ');
          g_strstrip (value);
          folded = ce_query_fold_value (value);
          for (guint i = 0; i < all->len; i++)
            {
              gint64 id = g_array_index (all, gint64, i);
              g_autoptr(CeDocument) document = ce_corpus_get_document (corpus, id, &error);
              const char *stored = field == 0 ? ce_document_get_place (document) : ce_document_get_source (document);
              g_autofree char *stored_folded = stored != NULL ? ce_query_fold_value (stored) : NULL;
              gboolean keep = stored_folded != NULL && g_str_equal (stored_folded, folded);

              g_assert_no_error (error);
              if (keep != (gboolean)negated)
                g_array_append_val (expected, id);
            }

          g_test_message ("%s: %u documents", text, expected->len);
          g_assert_cmpuint (found->len, ==, expected->len);
          for (guint i = 0; i < found->len; i++)
            g_assert_cmpint (g_array_index (found, gint64, i), ==, g_array_index (expected, gint64, i));
          {
            g_autoptr(CeQuery) query = ce_query_parse (text, &error);

            g_assert_no_error (error);
            g_assert_cmpint (ce_search_count (corpus, query, &error), ==, expected->len);
            g_assert_no_error (error);
          }
        }

  g_clear_object (&corpus);
  ce_test_remove_tree (dir);
}

/* Ranking keeps each expression's document frequencies, and each
 * search's ranked candidates, per connection while the corpus does not
 * change: searching again gives the scores a new connection gives, and
 * so does searching after another connection added documents, which
 * changes every score.  With a rank limit of 3 the searches have more
 * matches than it: the candidates are kept, the rest is read again. */

static guint rank_kept_limit;

static GPtrArray *
ranked_page (CeCorpus   *corpus,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) query = ce_query_parse (text, &error);
  GPtrArray *page;

  g_assert_no_error (error);
  ce_corpus_search_set_rank_limit (corpus, rank_kept_limit);
  page = ce_search_page (corpus, query, CE_SORT_RANK, FALSE, 0, 0, &error);
  g_assert_no_error (error);
  return page;
}

static void
assert_same_ranking (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      CeSearchHit *x = g_ptr_array_index (a, i), *y = g_ptr_array_index (b, i);

      g_assert_cmpint (x->id, ==, y->id);
      g_assert_true (x->rank == y->rank || (isnan (x->rank) && isnan (y->rank)));
      g_assert_cmpstr (x->snippet, ==, y->snippet);
    }
}

static void
test_rank_kept (gconstpointer data)
{
  static const char * const texts[] = { "the", "trade OR talks OR \"coastal compact\"", NULL };
  g_autofree char *jsonl = ce_test_sample_path ("sample.jsonl");
  g_autofree char *dir = ce_test_make_dir ("ce-search-rank-kept");
  g_autofree char *path = ce_test_import (dir, "sample", jsonl);
  g_autofree char *more = g_build_filename (dir, "more.jsonl", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CeCorpus) corpus = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_autoptr(CeImportReport) report = NULL;
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);

  rank_kept_limit = GPOINTER_TO_UINT (data);
  g_assert_no_error (error);
  for (guint i = 0; texts[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) again = NULL;
      g_autoptr(GPtrArray) fresh = NULL;
      g_autoptr(CeCorpus) other = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, &error);
      g_autoptr(CeQuery) query = ce_query_parse (texts[i], &error);

      g_assert_no_error (error);
      g_ptr_array_add (before, ranked_page (corpus, texts[i]));
      again = ranked_page (corpus, texts[i]);
      fresh = ranked_page (other, texts[i]);
      assert_same_ranking (g_ptr_array_index (before, i), again);
      assert_same_ranking (again, fresh);
      if (rank_kept_limit > 0)
        g_assert_cmpuint (fresh->len, >, rank_kept_limit);

      /* Pages of two, as the window reads them, from the kept ranking */
      for (guint offset = 0; offset < fresh->len; offset += 2)
        {
          g_autoptr(GPtrArray) page = ce_search_page (corpus, query, CE_SORT_RANK, FALSE, offset, 2, &error);

          g_assert_no_error (error);
          g_assert_cmpuint (page->len, ==, MIN (2, fresh->len - offset));
          for (guint j = 0; j < page->len; j++)
            {
              CeSearchHit *x = g_ptr_array_index (page, j), *y = g_ptr_array_index (fresh, offset + j);

              g_assert_cmpint (x->id, ==, y->id);
              g_assert_true (x->rank == y->rank || (isnan (x->rank) && isnan (y->rank)));
              g_assert_cmpstr (x->snippet, ==, y->snippet);
            }
        }
    }

  g_assert_true (g_file_set_contents (more,
                                      "{\"title\": \"Trade talks\", \"place\": \"Brussels\","
                                      " \"date\": \"2025-02-01\", \"text\": \"The trade talks"
                                      " on the coastal compact went on.\"}\n",
                                      -1, &error));
  report = ce_test_import_file (path, more);

  for (guint i = 0; texts[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) after = ranked_page (corpus, texts[i]);
      g_autoptr(CeCorpus) other = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, &error);
      g_autoptr(GPtrArray) fresh = NULL;
      GPtrArray *old = g_ptr_array_index (before, i);
      CeSearchHit *first = g_ptr_array_index (old, 0);
      gboolean changed = FALSE;

      g_assert_no_error (error);
      fresh = ranked_page (other, texts[i]);
      assert_same_ranking (after, fresh);
      g_assert_cmpuint (after->len, ==, old->len + 1);
      for (guint j = 0; j < after->len; j++)
        {
          CeSearchHit *hit = g_ptr_array_index (after, j);

          if (hit->id == first->id)
            changed = hit->rank != first->rank;
        }
      g_assert_true (changed);
    }

  g_clear_object (&corpus);
  ce_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus-explorer/search/filters-sample", test_filters_sample);
  g_test_add_func ("/corpus-explorer/search/filters-folded", test_filters_folded);
  g_test_add_func ("/corpus-explorer/search/rank-bounded", test_rank_bounded);
  g_test_add_data_func ("/corpus-explorer/search/rank-kept", GUINT_TO_POINTER (0), test_rank_kept);
  g_test_add_data_func ("/corpus-explorer/search/rank-kept-bounded", GUINT_TO_POINTER (3), test_rank_kept);

  return g_test_run ();
}
