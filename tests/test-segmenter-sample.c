/* test-segmenter-sample.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The segmenter on the sample corpus: data/sample/sample.jsonl is the
 * answer key of data/sample/sample-dump.txt, and dumps made from its
 * articles in another order or without datelines are held out.
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "ce-segmenter.h"
#include "ce-test-segmenter.h"

/* The sample corpus: data/sample/sample.jsonl is the answer key of
 * data/sample/sample-dump.txt */
#define SAMPLE_DIR CE_TEST_SOURCE_DIR "/data/sample/"
#define DATELINE_DASH " — "

typedef struct
{
  char  *place;
  GStrv  paras;   /* the first without its dateline */
} SampleArticle;

static void
sample_article_free (gpointer data)
{
  SampleArticle *a = data;

  g_free (a->place);
  g_strfreev (a->paras);
  g_free (a);
}

static GPtrArray *
load_sample (void)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *articles = g_ptr_array_new_with_free_func (sample_article_free);

  g_file_get_contents (SAMPLE_DIR "sample.jsonl", &text, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      SampleArticle *a;
      JsonObject *object;
      const char *body;

      if (lines[i][0] == '\0')
        continue;
      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      object = json_node_get_object (json_parser_get_root (parser));
      body = json_object_get_string_member (object, "text");

      a = g_new0 (SampleArticle, 1);
      a->place = g_strdup (json_object_get_string_member_with_default (object, "place", NULL));
      a->paras = g_strsplit (body, "\n\n", -1);
      if (a->place != NULL)
        {
          g_autofree char *dateline = g_strconcat (a->place, DATELINE_DASH, NULL);
          char *first = a->paras[0];

          g_assert_true (g_str_has_prefix (first, dateline));
          a->paras[0] = g_strdup (first + strlen (dateline));
          g_free (first);
        }
      g_ptr_array_add (articles, a);
    }

  return articles;
}

/* The first @n words of @text, a heading mark left out */
static char *
first_words (const char *text,
             guint       n)
{
  const char *p = text;

  if (g_str_has_prefix (p, CE_HEADING_MARK))
    p += strlen (CE_HEADING_MARK);
  text = p;
  for (guint i = 0; i < n && *p != '\0'; i++)
    {
      const char *space = strchr (p, ' ');

      p = space != NULL ? space + 1 : p + strlen (p);
    }

  return g_strstrip (g_strndup (text, p - text));
}

/* A dump of @articles in the given order, with or without datelines */
static char *
make_dump (GPtrArray *articles,
           gboolean   reverse,
           gboolean   datelines,
           guint      width)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < articles->len; i++)
    {
      SampleArticle *a = g_ptr_array_index (articles, reverse ? articles->len - 1 - i : i);

      for (guint k = 0; a->paras[k] != NULL; k++)
        {
          g_autofree char *dated = NULL;
          const char *p = a->paras[k];

          if (k == 0 && datelines && a->place != NULL)
            p = dated = g_strconcat (a->place, DATELINE_DASH, p, NULL);
          ce_test_wrap_paragraph (out, p, width);
        }
    }

  return g_string_free (out, FALSE);
}

/* Precision and recall of the article starts found in a dump made from
 * @articles, boundaries being the starts of all articles but the first */
static void
boundary_figures (GPtrArray *drafts,
                  GPtrArray *articles,
                  gboolean   reverse,
                  double    *precision,
                  double    *recall)
{
  g_autoptr(GHashTable) starts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint found = 0;

  for (guint i = 1; i < articles->len; i++)
    {
      SampleArticle *a = g_ptr_array_index (articles, reverse ? articles->len - 1 - i : i);

      g_hash_table_add (starts, first_words (a->paras[0], 8));
    }

  for (guint i = 1; i < drafts->len; i++)
    {
      g_autofree char *start = first_words (ce_test_draft_at (drafts, i)->body, 8);

      /* Each start counts once */
      if (g_hash_table_remove (starts, start))
        found++;
    }

  *precision = drafts->len > 1 ? (double) found / (drafts->len - 1) : 1;
  *recall = (double) found / (articles->len - 1);
}

static void
test_sample_articles (void)
{
  g_autoptr(GPtrArray) articles = load_sample ();
  g_autoptr(GPtrArray) drafts = NULL;
  g_autofree char *dump = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (SAMPLE_DIR "sample-dump.txt", &dump, &len, &error);
  g_assert_no_error (error);
  drafts = ce_test_segmenter_split (dump, len, CE_SPLIT_AUTO, NULL);

  g_assert_cmpuint (articles->len, ==, 52);
  g_assert_cmpuint (drafts->len, ==, articles->len);
  for (guint i = 0; i < drafts->len; i++)
    {
      SampleArticle *a = g_ptr_array_index (articles, i);
      CeDraft *draft = ce_test_draft_at (drafts, i);
      g_autofree char *want = first_words (a->paras[0], 8);
      g_autofree char *got = first_words (draft->body, 8);

      g_assert_cmpstr (got, ==, want);
      g_assert_cmpstr (draft->place, ==, a->place);
    }
}

/* The detector was tuned on the sample dump and the shared dump.  Dumps
 * made from the same articles in another order, at another width and
 * without the datelines, whose boundaries it then has to find from the
 * text alone, tell whether it learnt more than their order. */
static void
test_sample_held_out (void)
{
  static const struct
  {
    const char *name;
    gboolean    reverse;
    gboolean    datelines;
    double      min_precision;
    double      min_recall;
  } variants[] = {
    { "no datelines, 72 columns", FALSE, FALSE, 0.9, 0.8 },
    { "reversed, 72 columns", TRUE, TRUE, 0.9, 0.9 },
    { "reversed, no datelines, 72 columns", TRUE, FALSE, 0.85, 0.6 },
  };
  g_autoptr(GPtrArray) articles = load_sample ();

  for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
    {
      g_autofree char *dump = make_dump (articles, variants[v].reverse, variants[v].datelines, 72);
      g_autoptr(GPtrArray) drafts = ce_test_segmenter_split (dump, -1, CE_SPLIT_AUTO, NULL);
      double precision;
      double recall;

      boundary_figures (drafts, articles, variants[v].reverse, &precision, &recall);
      g_test_message ("%s: %u articles of %u, boundary precision %.3f, recall %.3f",
                      variants[v].name, drafts->len, articles->len, precision, recall);
      g_printerr ("# segmenter, %s: precision %.3f, recall %.3f\n", variants[v].name, precision, recall);
      g_assert_cmpfloat (precision, >=, variants[v].min_precision);
      g_assert_cmpfloat (recall, >=, variants[v].min_recall);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus-explorer/segmenter/sample/articles", test_sample_articles);
  g_test_add_func ("/corpus-explorer/segmenter/sample/held-out", test_sample_held_out);

  return g_test_run ();
}
