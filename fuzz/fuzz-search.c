/* fuzz-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The search language run against a small corpus: a query that parses is
 * searched, and the answer is checked against a second evaluation:
 *
 *  - its normal form (ce_query_to_string()) parses and finds the same
 *    documents;
 *  - ranked and in corpus order, the same documents; the count is their
 *    number; each document's hits are ranges of its text;
 *  - a query of plain lower-case words, some negated with -, finds
 *    exactly the documents whose title or body (quoted mail left out, as
 *    search leaves it out) hold every word and none of the negated ones,
 *    matched in memory here without SQLite.
 *
 * A query that SQLite refuses is refused the same way in its normal form.
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "ce-query.h"
#include "ce-search.h"
#include "fuzz-small-corpus.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *)a;
  gint64 y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

static GArray *
sorted_copy (GArray *ids)
{
  GArray *copy = g_array_copy (ids);

  g_array_sort (copy, compare_ids);
  return copy;
}

static gboolean
same_ids (GArray *a,
          GArray *b)
{
  return a->len == b->len &&
         (a->len == 0 || memcmp (a->data, b->data, a->len * sizeof (gint64)) == 0);
}

/* The words of @text as the default tokenizer makes them: runs of letters
 * and digits, accents removed, lower case */
static GHashTable *
words_of (const char *title,
          const char *body)
{
  GHashTable *words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) kept = g_string_new (title);
  g_auto(GStrv) lines = g_strsplit (body, "\n", -1);
  g_autofree char *ascii = NULL;
  const char *p;

  /* Quoted mail is left out of search */
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '>')
      g_string_append_printf (kept, "\n%s", lines[i]);

  ascii = g_str_to_ascii (kept->str, "C");
  for (p = ascii; *p != 0;)
    {
      const char *start;

      while (*p != 0 && !g_ascii_isalnum (*p))
        p++;
      start = p;
      while (g_ascii_isalnum (*p))
        p++;
      if (p > start)
        g_hash_table_add (words, g_ascii_strdown (start, p - start));
    }

  return words;
}

/* The documents matching @text by the in-memory rule, or NULL when the
 * query is not of plain words */
static GArray *
match_in_memory (const char *text)
{
  g_auto(GStrv) parts = NULL;
  GArray *ids;
  guint positive = 0;

  for (const char *p = text; *p != 0; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == ' ' || *p == '-'))
      return NULL;

  parts = g_strsplit (text, " ", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *word = parts[i][0] == '-' ? parts[i] + 1 : parts[i];

      if (parts[i][0] == 0)
        continue;
      if (*word == 0 || strchr (word, '-') != NULL)
        return NULL;
      positive += parts[i][0] != '-';
    }
  if (positive == 0 || g_strv_length (parts) > 8)
    return NULL;

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint d = 0; d < G_N_ELEMENTS (fuzz_docs); d++)
    {
      g_autoptr(GHashTable) words = words_of (fuzz_docs[d].title, fuzz_docs[d].body);
      gboolean match = TRUE;

      for (guint i = 0; match && parts[i] != NULL; i++)
        {
          if (parts[i][0] == 0)
            continue;
          if (parts[i][0] == '-')
            match = !g_hash_table_contains (words, parts[i] + 1);
          else
            match = g_hash_table_contains (words, parts[i]);
        }

      if (match)
        {
          gint64 id = d + 1;
          g_array_append_val (ids, id);
        }
    }

  return ids;
}

static void
check_hits (CeCorpus *corpus,
            CeQuery  *query,
            gint64    id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) hits = ce_search_instances (corpus, query, id, &error);
  g_autoptr(CeDocument) document = ce_corpus_get_document (corpus, id, NULL);
  gsize len;

  if (hits == NULL || document == NULL)
    {
      g_printerr ("hits of document %" G_GINT64_FORMAT ": %s\n", id, error ? error->message : "");
      __builtin_trap ();
    }

  len = strlen (ce_document_get_body (document));
  for (guint i = 0; i < hits->len; i++)
    {
      CeSearchRange *hit = &g_array_index (hits, CeSearchRange, i);

      if (hit->start >= hit->end || hit->end > len)
        __builtin_trap ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *)data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again_error = NULL;
  g_autoptr(CeQuery) query = ce_query_parse (text, &error);
  g_autoptr(CeQuery) again = NULL;
  g_autoptr(GArray) ranked = NULL;
  g_autoptr(GArray) ordered = NULL;
  g_autoptr(GArray) ordered_again = NULL;
  g_autoptr(GArray) sorted = NULL;
  g_autoptr(GArray) expected = NULL;
  g_autofree char *normal = NULL;
  CeCorpus *corpus;
  gint64 count;

  if (query == NULL)
    {
      if (error == NULL || error->message == NULL)
        __builtin_trap ();
      return 0;
    }

  corpus = fuzz_small_corpus ();
  normal = ce_query_to_string (query);
  again = ce_query_parse (normal, &again_error);
  if (again == NULL)
    {
      g_printerr ("normal form does not parse: %s\n%s\n", normal, again_error->message);
      __builtin_trap ();
    }

  ordered = ce_search_ids (corpus, query, CE_SORT_ORDER, FALSE, &error);
  ordered_again = ce_search_ids (corpus, again, CE_SORT_ORDER, FALSE, &again_error);
  if ((ordered == NULL) != (ordered_again == NULL))
    {
      g_printerr ("“%s” and its normal form “%s”: one is searched, one fails: %s\n", text, normal,
                  error ? error->message : again_error->message);
      __builtin_trap ();
    }
  if (ordered == NULL)
    {
      if (error == NULL || !g_utf8_validate (error->message, -1, NULL))
        __builtin_trap ();
      return 0;
    }

  if (!same_ids (ordered, ordered_again))
    {
      g_printerr ("“%s” finds %u documents, its normal form “%s” %u\n", text, ordered->len,
                  normal, ordered_again->len);
      __builtin_trap ();
    }

  ranked = ce_search_ids (corpus, query, CE_SORT_RANK, FALSE, &error);
  count = ce_search_count (corpus, query, &error);
  if (ranked == NULL || count != ordered->len)
    {
      g_printerr ("“%s”: %u in order, %d ranked, %" G_GINT64_FORMAT " counted\n", text, ordered->len,
                  ranked ? (int)ranked->len : -1, count);
      __builtin_trap ();
    }
  sorted = sorted_copy (ranked);
  {
    g_autoptr(GArray) ordered_sorted = sorted_copy (ordered);

    if (!same_ids (sorted, ordered_sorted))
      __builtin_trap ();
  }

  for (guint i = 0; i < ordered->len && i < 4; i++)
    check_hits (corpus, query, g_array_index (ordered, gint64, i));

  expected = match_in_memory (text);
  if (expected != NULL && !same_ids (expected, sorted))
    {
      g_printerr ("“%s”: the search finds %u documents, matching the words in memory %u\n",
                  text, sorted->len, expected->len);
      __builtin_trap ();
    }

  return 0;
}
