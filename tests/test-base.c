/* test-base.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ce-analysis-words.h"
#include "ce-date.h"
#include "ce-text.h"

static void
test_bucket_key (void)
{
  const struct { CeDateBucket bucket; int y, m, d; const char *key; } cases[] = {
    { CE_DATE_BUCKET_DAY, 2024, 5, 17, "2024-05-17" },
    { CE_DATE_BUCKET_DAY, 2024, 5, 0, "2024-05" },      /* what is known */
    { CE_DATE_BUCKET_DAY, 2024, 0, 0, "2024" },
    { CE_DATE_BUCKET_WEEK, 2024, 12, 30, "2025-W01" },  /* ISO week-numbering year */
    { CE_DATE_BUCKET_WEEK, 2021, 1, 3, "2020-W53" },
    { CE_DATE_BUCKET_MONTH, 2024, 5, 17, "2024-05" },
    { CE_DATE_BUCKET_QUARTER, 2024, 5, 17, "2024-Q2" },
    { CE_DATE_BUCKET_QUARTER, 2024, 0, 0, "2024" },
    { CE_DATE_BUCKET_YEAR, 2024, 5, 17, "2024" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = ce_date_bucket_key (cases[i].bucket, cases[i].y, cases[i].m, cases[i].d);
      g_assert_cmpstr (key, ==, cases[i].key);
    }
}

static void
test_bucket_range (void)
{
  const struct { CeDateBucket bucket; const char *key; const char *start; int days; } cases[] = {
    { CE_DATE_BUCKET_DAY, "2024-02-29", "2024-02-29", 1 },
    { CE_DATE_BUCKET_WEEK, "2025-W01", "2024-12-30", 7 },
    { CE_DATE_BUCKET_MONTH, "2024-02", "2024-02-01", 29 },
    { CE_DATE_BUCKET_QUARTER, "2024-Q2", "2024-04-01", 91 },
    { CE_DATE_BUCKET_YEAR, "2023", "2023-01-01", 365 },
  };
  const struct { CeDateBucket bucket; const char *key; } invalid[] = {
    { CE_DATE_BUCKET_DAY, "2024-05" },     /* less precise than the bucket */
    { CE_DATE_BUCKET_DAY, "2023-02-29" },
    { CE_DATE_BUCKET_WEEK, "2024-W54" },
    { CE_DATE_BUCKET_MONTH, "2024" },
    { CE_DATE_BUCKET_QUARTER, "2024-Q5" },
    { CE_DATE_BUCKET_YEAR, "2024-05" },
    { CE_DATE_BUCKET_YEAR, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate start, end;
      char text[16];

      g_assert_true (ce_date_bucket_range (cases[i].bucket, cases[i].key, &start, &end));
      g_date_strftime (text, sizeof text, "%Y-%m-%d", &start);
      g_assert_cmpstr (text, ==, cases[i].start);
      g_assert_cmpint (g_date_days_between (&start, &end), ==, cases[i].days);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      GDate start;

      g_assert_false (ce_date_bucket_range (invalid[i].bucket, invalid[i].key, &start, NULL));
    }

  /* Every key made is read back as the period holding the date */
  for (CeDateBucket b = CE_DATE_BUCKET_DAY; b <= CE_DATE_BUCKET_YEAR; b++)
    {
      g_autofree char *key = ce_date_bucket_key (b, 2024, 8, 14);
      GDate start, end, day;

      g_date_clear (&day, 1);
      g_date_set_dmy (&day, 14, 8, 2024);
      g_assert_true (ce_date_bucket_range (b, key, &start, &end));
      g_assert_cmpint (g_date_compare (&start, &day), <=, 0);
      g_assert_cmpint (g_date_compare (&day, &end), <, 0);
    }
}

static void
test_sentences (void)
{
  const char *text = "The U.K. and China met. Talks went on. Mr. Smith left.";
  gsize len = strlen (text);
  gsize end = ce_text_next_sentence_end (text, len, 0);

  g_assert_cmpstr (text + end, ==, " Talks went on. Mr. Smith left.");
  end = ce_text_next_sentence_end (text, len, end + 1);
  g_assert_cmpstr (text + end, ==, " Mr. Smith left.");
  g_assert_cmpuint (ce_text_next_sentence_end (text, len, end + 1), ==, len);

  g_assert_cmpint (ce_text_sentence_end_kind ("He left.", 8), ==, CE_SENTENCE_END_YES);
  g_assert_cmpint (ce_text_sentence_end_kind ("at 5 p.m.", 9), ==, CE_SENTENCE_END_INITIALS);
  g_assert_cmpint (ce_text_sentence_end_kind ("said Dr.", 8), ==, CE_SENTENCE_END_NO);
  g_assert_cmpint (ce_text_sentence_end_kind ("“Go!”", strlen ("“Go!”")), ==, CE_SENTENCE_END_YES);
  g_assert_true (ce_text_starts_sentence ("“Then", strlen ("“Then")));
  g_assert_false (ce_text_starts_sentence ("then", 4));
}

static void
test_titles (void)
{
  g_autofree char *dash = NULL;
  g_autofree char *long_text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;
  GString *words = g_string_new (NULL);

  /* The same rule whether the segmenter or a manual split makes it */
  dash = ce_text_make_title ("Prices rose. Then fell.", strlen ("Prices rose. Then fell."));
  g_assert_cmpstr (dash, ==, "Prices rose.");

  for (guint i = 0; i < 30; i++)
    g_string_append (words, i == 23 ? "— " : "word ");
  long_text = g_string_free (words, FALSE);
  title = ce_body_make_title (long_text);
  g_assert_cmpuint (g_utf8_strlen (title, -1), <=, 120);
  g_assert_true (g_str_has_suffix (title, "word…"));

  heading = ce_body_make_title ("  # MARKETS  \n\nShares fell.");
  g_assert_cmpstr (heading, ==, "MARKETS");
}

static void
test_content_hash (void)
{
  g_assert_cmpint (ce_text_content_hash ("T", "body"), ==, ce_text_content_hash ("T", "body"));
  g_assert_cmpint (ce_text_content_hash ("T", "body"), !=, ce_text_content_hash (NULL, "body"));
  g_assert_cmpint (ce_text_content_hash ("Tb", "ody"), !=, ce_text_content_hash ("T", "body"));
}

/* The word of number @i: lengths 1 to 40, so that words of up to 8, of 9
 * to 16 and of more bytes are all met, many alike but for a byte */
static char *
table_word (guint i)
{
  guint len = 1 + (i * 7 + i / 40) % 40;
  GString *word = g_string_new (NULL);

  for (guint k = 0; k < len; k++)
    g_string_append_c (word, 'a' + (i / 40 + k) % 26);
  g_string_append_printf (word, "%u", i);

  return g_string_free (word, FALSE);
}

/* Numbers in the order words first come, the same number each time a
 * word comes again (through the cache of words met lately or the table,
 * across the table's growing), the text back by number */
static void
test_word_table (void)
{
  const guint n_words = 100000;
  g_autoptr(CeWordTable) table = ce_word_table_new ();
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (ce_word_table_lookup (table, "nothing", 7), ==, -1);
  for (guint i = 0; i < n_words; i++)
    {
      char *word = table_word (i);
      guint again = g_random_int_range (0, (gint32)i + 1);
      const char *old;

      g_ptr_array_add (words, word);
      /* A hint only */
      ce_word_table_prefetch (table, word, strlen (word));
      g_assert_cmpuint (ce_word_table_add (table, word, strlen (word)), ==, i);
      g_assert_cmpuint (ce_word_table_size (table), ==, i + 1);
      g_assert_cmpuint (ce_word_table_add (table, word, strlen (word)), ==, i);
      /* A word met before */
      old = g_ptr_array_index (words, again);
      g_assert_cmpuint (ce_word_table_add (table, old, strlen (old)), ==, again);
    }

  /* Not nul-terminated; a prefix is another word */
  {
    const char *word = g_ptr_array_index (words, 12345);
    g_autofree char *longer = g_strconcat (word, "x", NULL);

    g_assert_cmpint (ce_word_table_lookup (table, longer, strlen (word)), ==, 12345);
    g_assert_cmpint (ce_word_table_lookup (table, longer, strlen (longer)), ==, -1);
    g_assert_cmpint (ce_word_table_lookup (table, word, strlen (word) - 1), ==, -1);
  }

  for (guint i = 0; i < n_words; i++)
    {
      const char *word = g_ptr_array_index (words, i);

      g_assert_cmpstr (ce_word_table_get (table, i), ==, word);
      g_assert_cmpint (ce_word_table_lookup (table, word, strlen (word)), ==, i);
      g_assert_cmpuint (ce_word_table_add (table, word, strlen (word)), ==, i);
    }
  g_assert_cmpuint (ce_word_table_size (table), ==, n_words);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus-explorer/base/bucket-key", test_bucket_key);
  g_test_add_func ("/corpus-explorer/base/bucket-range", test_bucket_range);
  g_test_add_func ("/corpus-explorer/base/sentences", test_sentences);
  g_test_add_func ("/corpus-explorer/base/titles", test_titles);
  g_test_add_func ("/corpus-explorer/base/content-hash", test_content_hash);
  g_test_add_func ("/corpus-explorer/base/word-table", test_word_table);

  return g_test_run ();
}
