/* test-segmenter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "ce-segmenter.h"

#define DUMP_NAME "000_d9bdcb0313118baf.txt"

/* The articles of the shared dump, as read by a person: the first line,
 * the place of the dateline, and the first words of the body. */
typedef struct
{
  guint       line;
  const char *place;
  const char *start;
} Expected;

static const Expected dump_articles[] = {
  {   1, "LONDON", "The U.K.’s data protection watchdog has opened" },
  {  42, NULL, "Millions of people are forming emotional bonds" },
  {  96, "SHANGHAI", "As Keir Starmer arrived for the first visit" },
  { 246, "LONDON", "It’s a far cry from the ice age" },
  { 343, "BEIJING", "Britain on Thursday opened the door" },
  { 394, NULL, "The U.K. and China have announced a new services partnership" },
  { 417, "BEIJING", "U.K. Prime Minister Keir Starmer has hailed" },
  { 461, "LONDON", "U.K. Prime Minister Keir Starmer is braced" },
  { 582, "ABOARD THE PRIME MINISTER’S PLANE TO BEIJING", "Keir Starmer rejected his" },
  { 623, "LONDON", "Keir Starmer is off to China" },
};

static char *dump_text;
static gsize dump_len;

static const char *
shared_dir (void)
{
  const char *dir = g_getenv ("CE_SHARED_DIR");

  return dir != NULL ? dir : CE_TEST_SOURCE_DIR "/../shared";
}

static gboolean
load_dump (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (dump_text != NULL)
    return TRUE;

  path = g_build_filename (shared_dir (), "corpora", DUMP_NAME, NULL);
  if (!g_file_get_contents (path, &dump_text, &dump_len, &error))
    {
      g_test_message ("%s", error->message);
      g_test_skip ("the shared corpus is missing");
      return FALSE;
    }

  return TRUE;
}

static GPtrArray *
split (const char  *text,
       gssize       len,
       CeSplitMode  mode,
       const char  *regex)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *drafts = ce_segmenter_split_text (text, len, mode, regex, &error);

  g_assert_no_error (error);
  g_assert_nonnull (drafts);
  return drafts;
}

static GPtrArray *
split_dump (CeSplitMode mode)
{
  return split (dump_text, dump_len, mode, NULL);
}

static CeDraft *
draft_at (GPtrArray *drafts,
          guint      i)
{
  g_assert_cmpuint (i, <, drafts->len);
  return g_ptr_array_index (drafts, i);
}

static GStrv
paragraphs_of (const char *body)
{
  return g_strsplit (body, "\n\n", -1);
}

static gboolean
has_paragraph (const char *body,
               const char *paragraph)
{
  g_auto(GStrv) paras = paragraphs_of (body);

  return g_strv_contains ((const char * const *) paras, paragraph);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = haystack; (p = strstr (p, needle)) != NULL; p += strlen (needle))
    n++;

  return n;
}

static const char *
meta_value (CeDraft    *draft,
            const char *key,
            guint       nth)
{
  if (draft->meta == NULL)
    return NULL;

  for (guint i = 0; i + 1 < draft->meta->len; i += 2)
    if (g_str_equal (g_ptr_array_index (draft->meta, i), key) && nth-- == 0)
      return g_ptr_array_index (draft->meta, i + 1);

  return NULL;
}

/* Byte offset of each line start, 1-based */
static GArray *
line_offsets (const char *text,
              gsize       len)
{
  GArray *offsets = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint64 zero = 0;

  g_array_append_val (offsets, zero);
  g_array_append_val (offsets, zero);
  for (gsize i = 0; i < len; i++)
    if (text[i] == '\n')
      {
        guint64 next = i + 1;

        g_array_append_val (offsets, next);
      }

  return offsets;
}

static void
test_dump_articles (void)
{
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GArray) offsets = NULL;

  if (!load_dump ())
    return;

  drafts = split_dump (CE_SPLIT_AUTO);
  offsets = line_offsets (dump_text, dump_len);

  g_assert_cmpuint (drafts->len, ==, G_N_ELEMENTS (dump_articles));
  for (guint i = 0; i < drafts->len; i++)
    {
      CeDraft *draft = draft_at (drafts, i);
      const Expected *e = &dump_articles[i];

      g_test_message ("article %u: line %u, place %s", i, draft->line, draft->place);
      g_assert_cmpuint (draft->line, ==, e->line);
      g_assert_cmpuint (draft->offset, ==, g_array_index (offsets, guint64, e->line));
      g_assert_cmpstr (draft->place, ==, e->place);
      g_assert_true (g_str_has_prefix (draft->body, e->start));
      g_assert_nonnull (draft->title);
    }
}

static void
test_dump_titles (void)
{
  g_autoptr(GPtrArray) drafts = NULL;
  CeDraft *first;

  if (!load_dump ())
    return;

  drafts = split_dump (CE_SPLIT_AUTO);

  for (guint i = 0; i < drafts->len; i++)
    {
      CeDraft *draft = draft_at (drafts, i);

      g_assert_cmpuint (g_utf8_strlen (draft->title, -1), <=, 120);
      g_assert_true (g_utf8_validate (draft->title, -1, NULL));
      /* Long first sentences are cut at a word, with an ellipsis */
      if (g_str_has_suffix (draft->title, "…"))
        {
          g_autofree char *cut = g_strndup (draft->title, strlen (draft->title) - strlen ("…"));

          g_assert_true (g_str_has_prefix (draft->body, cut));
        }
    }

  first = draft_at (drafts, 0);
  g_assert_cmpstr (first->title, ==,
                   "The U.K.’s data protection watchdog has opened a formal investigation into "
                   "Elon Musk’s companies X and xAI, over the…");
  g_assert_cmpstr (draft_at (drafts, 9)->title, ==,
                   "Keir Starmer is off to China to try to lock in some economic wins he can "
                   "shout about back home.");
  g_assert_cmpstr (draft_at (drafts, 5)->title, ==,
                   "The U.K. and China have announced a new services partnership to support "
                   "British businesses operating in China…");
}

static void
test_dump_tags (void)
{
  g_autoptr(GPtrArray) drafts = NULL;

  if (!load_dump ())
    return;

  drafts = split_dump (CE_SPLIT_AUTO);

  g_assert_cmpstr (meta_value (draft_at (drafts, 0), "tag", 0), ==, "Technology UK");
  g_assert_null (meta_value (draft_at (drafts, 0), "tag", 1));
  g_assert_true (g_str_has_suffix (draft_at (drafts, 0)->body,
                                   "X did not immediately respond when contacted for comment."));
  for (guint i = 0; i < drafts->len; i++)
    g_assert_null (strstr (draft_at (drafts, i)->body, "Tag - "));
}

static void
test_dump_clean_bodies (void)
{
  g_autoptr(GPtrArray) drafts = NULL;
  guint n_paragraphs = 0;

  if (!load_dump ())
    return;

  drafts = split_dump (CE_SPLIT_AUTO);

  for (guint i = 0; i < drafts->len; i++)
    {
      const char *body = draft_at (drafts, i)->body;
      g_auto(GStrv) paras = paragraphs_of (body);

      g_assert_true (g_utf8_validate (body, -1, NULL));
      for (guint k = 0; paras[k] != NULL; k++)
        {
          const char *p = paras[k];

          g_assert_cmpuint (strlen (p), >, 0);
          g_assert_null (strchr (p, '\n'));
          g_assert_false (g_ascii_isspace (p[0]));
          g_assert_false (g_ascii_isspace (p[strlen (p) - 1]));
          g_assert_null (strstr (p, "  "));
          n_paragraphs++;
        }

      /* The dateline is gone from the first paragraph */
      if (draft_at (drafts, i)->place != NULL)
        g_assert_false (g_str_has_prefix (body, draft_at (drafts, i)->place));
    }

  g_test_message ("%u paragraphs", n_paragraphs);
  g_assert_cmpuint (n_paragraphs, >, 200);
}

static void
test_dump_reflow (void)
{
  g_autoptr(GPtrArray) drafts = NULL;

  if (!load_dump ())
    return;

  drafts = split_dump (CE_SPLIT_AUTO);

  /* Lines 25-29: a sentence end in mid-line does not end the paragraph */
  g_assert_true (has_paragraph (draft_at (drafts, 0)->body,
    "Ofcom, the U.K.’s communications regulator, opened a formal investigation into X "
    "last month under the Online Safety Act. That investigation is ongoing, Ofcom "
    "said on Tuesday. It is progressing “as a matter of urgency” but could take "
    "“months,” Ofcom added, noting that it must follow a “fair process” and “it would "
    "not be appropriate to provide a running commentary.”"));

  /* Lines 18-21: a new quotation starts a paragraph even after a full line */
  g_assert_true (has_paragraph (draft_at (drafts, 0)->body,
    "“Losing control of personal data in this way can cause immediate and significant "
    "harm. This is particularly the case where children are involved,” Malcolm said."));
  g_assert_true (has_paragraph (draft_at (drafts, 0)->body,
    "“Where we find obligations have not been met, we will take action to protect the public.”"));

  /* Lines 22-24: "U.K." at a line end is not a sentence end */
  g_assert_true (has_paragraph (draft_at (drafts, 0)->body,
    "While the ICO’s investigation will focus on X and xAI’s compliance with U.K. "
    "data protection law, Malcolm said it would work closely with other regulators in "
    "the U.K. and abroad that are also investigating the issue."));

  /* Lines 88-90: a full line ending a sentence ends the paragraph */
  g_assert_true (has_paragraph (draft_at (drafts, 1)->body,
    "Tuesday’s report lists the full series of risks that policymakers will have to "
    "address, including AI-fueled cyberattacks, AI-generated sexually explicit "
    "deepfakes and AI systems that provide information on how to design bioweapons."));

  /* Lines 150-155: inside an open quotation a sentence end does not */
  g_assert_true (has_paragraph (draft_at (drafts, 2)->body,
    "And Luke de Pulford, of the Inter-Parliamentary Alliance on China campaign "
    "group, argued that despite Britain having a slight trade surplus in services "
    "“it’s tiny compared to the whole.” He added: “This trip to China seems to be "
    "based upon the notion that China is part of the solution to our economic woes. "
    "It’s not rooted in any evidence. China hasn’t done foreign direct investment in "
    "any serious way since 2017. It’s dropped off a cliff.”"));

  /* Lines 408-412: a quotation running over two paragraphs */
  g_assert_true (has_paragraph (draft_at (drafts, 5)->body,
    "Prime Minister Keir Starmer said: “As one of the world’s economic powerhouses, "
    "businesses have been crying out for ways to grow their footprints in China."));

  /* Line 457 has no full stop; the next word would have fitted */
  g_assert_true (has_paragraph (draft_at (drafts, 6)->body,
    "Starmer and Li will also sign a border security pact to enlist Beijing’s help in "
    "choking off the supply of small boat engines and equipment used by criminal "
    "gangs to facilitate Channel crossings"));
}

static void
test_dump_headings (void)
{
  static const char *numbered[] = {
    "# 1) STATE-SPONSORED HACKING", "# 2) ACTIONS AGAINST BRITISH PARLIAMENTARIANS",
    "# 3) JIMMY LAI", "# 4) REPRESSION OF DISSIDENTS", "# 5) CHINESE SPY SCANDALS",
    "# 6) EMBASSY DING DONG", "# 7) SANCTIONS EVASION",
    "# 8) HUMAN RIGHTS ABUSES AND GREEN ENERGY", "# 9) THE FUTURE OF TAIWAN",
    "# 10) CHINA POOTLING AROUND THE ARCTIC",
  };
  g_autoptr(GPtrArray) drafts = NULL;
  guint n_headings = 0;

  if (!load_dump ())
    return;

  drafts = split_dump (CE_SPLIT_AUTO);

  for (guint i = 0; i < G_N_ELEMENTS (numbered); i++)
    g_assert_true (has_paragraph (draft_at (drafts, 7)->body, numbered[i]));
  g_assert_true (has_paragraph (draft_at (drafts, 2)->body, "# 1) THERE’S NO TURNING BACK NOW"));
  g_assert_true (has_paragraph (draft_at (drafts, 3)->body, "# STEP-BY-STEP"));
  g_assert_true (has_paragraph (draft_at (drafts, 3)->body, "# WHISKY TARIFF RELIEF"));
  g_assert_true (has_paragraph (draft_at (drafts, 9)->body, "# CHAMPIONING THE CITY OF LONDON"));

  /* "U.K.”" alone on line 451 ends a sentence; it is no heading */
  g_assert_nonnull (strstr (draft_at (drafts, 6)->body,
                            "implementing unilateral visa-free entry for the U.K.”"));

  for (guint i = 0; i < drafts->len; i++)
    n_headings += count_occurrences (draft_at (drafts, i)->body, "\n\n" CE_HEADING_MARK);
  g_assert_cmpuint (n_headings, ==, 24);
}

static void
test_dump_photo_credits (void)
{
  g_autoptr(GPtrArray) drafts = NULL;
  const char *body;

  if (!load_dump ())
    return;

  drafts = split_dump (CE_SPLIT_AUTO);

  for (guint i = 0; i < drafts->len; i++)
    {
      body = draft_at (drafts, i)->body;
      g_assert_null (strstr (body, " | "));
      g_assert_null (strstr (body, "Jessica"));
      g_assert_null (strstr (body, "Lee/EPA"));
      g_assert_null (strstr (body, "Yonhap"));
      g_assert_null (strstr (body, "Mabanglo"));
    }

  /* The caption sentences are gone, the sentences they repeat stay */
  body = draft_at (drafts, 9)->body;
  g_assert_cmpuint (count_occurrences (body, "the U.K. has resisted pressure to do so."), ==, 1);
  g_assert_cmpuint (count_occurrences (body, "Pharma executives, including AstraZeneca’s CEO"), ==, 1);
  g_assert_cmpuint (count_occurrences (body, "But in February 2025 China doubled"), ==, 1);
  g_assert_true (has_paragraph (body,
    "Vocational accreditation is a “long-standing issue” in the bilateral "
    "relationship, with “little movement” so far on persuading Beijing to recognize "
    "U.K. professional credentials as equivalent to its own, according to a senior "
    "industry representative familiar with the talks, who, like others in this "
    "report, was granted anonymity to speak freely."));
  g_assert_true (has_paragraph (body,
    "Several blockbuster drug patents are set to expire in the coming years, opening "
    "the door for cheaper generic competitors. To refill thinning pipelines, "
    "drugmakers are increasingly turning to biotech companies. British pharma giant "
    "GSK signed a licensing deal with Chinese biotech firm Hengrui Pharma last July."));
}

/* Greedy wrap, as fmt or textwrap do */
static void
wrap_paragraph (GString    *out,
                const char *text,
                guint       width)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  guint col = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      guint n = g_utf8_strlen (words[i], -1);

      if (col > 0 && col + 1 + n > width)
        {
          g_string_append_c (out, '\n');
          col = 0;
        }
      else if (col > 0)
        {
          g_string_append_c (out, ' ');
          col++;
        }
      g_string_append (out, words[i]);
      col += n;
    }
  g_string_append_c (out, '\n');
}

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
          wrap_paragraph (out, p, width);
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
      g_autofree char *start = first_words (draft_at (drafts, i)->body, 8);

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
  drafts = split (dump, len, CE_SPLIT_AUTO, NULL);

  g_assert_cmpuint (articles->len, ==, 52);
  g_assert_cmpuint (drafts->len, ==, articles->len);
  for (guint i = 0; i < drafts->len; i++)
    {
      SampleArticle *a = g_ptr_array_index (articles, i);
      CeDraft *draft = draft_at (drafts, i);
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
      g_autoptr(GPtrArray) drafts = split (dump, -1, CE_SPLIT_AUTO, NULL);
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

/* The articles written back as a dump without blank lines */
static char *
rewrap_dump (GPtrArray *drafts,
             guint      width)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < drafts->len; i++)
    {
      CeDraft *draft = draft_at (drafts, i);
      g_auto(GStrv) paras = paragraphs_of (draft->body);

      for (guint k = 0; paras[k] != NULL; k++)
        {
          const char *p = paras[k];
          g_autofree char *dated = NULL;

          if (g_str_has_prefix (p, CE_HEADING_MARK))
            p += strlen (CE_HEADING_MARK);
          if (k == 0 && draft->place != NULL)
            p = dated = g_strconcat (draft->place, " — ", p, NULL);
          wrap_paragraph (out, p, width);
        }
      if (meta_value (draft, "tag", 0) != NULL)
        g_string_append_printf (out, "Tag - %s\n", meta_value (draft, "tag", 0));
    }

  return g_string_free (out, FALSE);
}

static gboolean
ends_sentence (const char *text)
{
  gsize len = strlen (text);

  while (len >= 3 && (memcmp (text + len - 3, "”", 3) == 0 || memcmp (text + len - 3, "’", 3) == 0))
    len -= 3;
  return len > 0 && strchr (".!?", text[len - 1]) != NULL;
}

/* Re-wrapping at another width gives the same articles and paragraphs.
 * Where a sentence ends exactly at a full line the segmenter prefers a
 * paragraph break, as it cannot tell that from a paragraph's last line;
 * such extra breaks must sit at a sentence end and stay rare. */
static void
check_rewrap (guint width)
{
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *text = NULL;
  g_autoptr(CeSegmenter) probe = NULL;
  guint n_paragraphs = 0;
  guint n_extra = 0;

  if (!load_dump ())
    return;

  drafts = split_dump (CE_SPLIT_AUTO);
  text = rewrap_dump (drafts, width);
  again = split (text, -1, CE_SPLIT_AUTO, NULL);

  g_assert_cmpuint (again->len, ==, drafts->len);
  for (guint i = 0; i < drafts->len; i++)
    {
      CeDraft *a = draft_at (drafts, i);
      CeDraft *b = draft_at (again, i);
      g_auto(GStrv) pa = paragraphs_of (a->body);
      g_auto(GStrv) pb = paragraphs_of (b->body);
      guint k = 0;

      g_assert_cmpstr (a->place, ==, b->place);
      g_assert_cmpstr (a->title, ==, b->title);
      g_assert_cmpstr (meta_value (a, "tag", 0), ==, meta_value (b, "tag", 0));

      /* Every original paragraph is one or more consecutive new ones */
      for (guint j = 0; pa[j] != NULL; j++)
        {
          g_autoptr(GString) joined = g_string_new (NULL);

          n_paragraphs++;
          while (pb[k] != NULL && joined->len < strlen (pa[j]))
            {
              if (joined->len > 0)
                {
                  g_assert_true (ends_sentence (joined->str));
                  g_string_append_c (joined, ' ');
                  n_extra++;
                }
              g_string_append (joined, pb[k++]);
            }
          g_assert_cmpstr (joined->str, ==, pa[j]);
        }
      g_assert_null (pb[k]);
    }

  g_test_message ("width %u: %u paragraphs, %u split at a sentence end", width, n_paragraphs, n_extra);
  g_assert_cmpuint (n_extra * 20, <, n_paragraphs);

  probe = ce_segmenter_new (CE_SPLIT_AUTO, NULL, (CeSegmenterFunc) ce_draft_free, NULL, NULL);
  for (const char *p = text, *nl; (nl = strchr (p, '\n')) != NULL; p = nl + 1)
    ce_segmenter_add_line (probe, p, nl - p, 1, 0);
  g_assert_cmpuint (ce_segmenter_get_width (probe), ==, width);
  ce_segmenter_finish (probe);
}

static void
test_dump_rewrap_60 (void)
{
  check_rewrap (60);
}

static void
test_dump_rewrap_72 (void)
{
  check_rewrap (72);
}

static void
test_dump_rewrap_80 (void)
{
  check_rewrap (80);
}

static void
test_dump_width (void)
{
  g_autoptr(CeSegmenter) self = NULL;
  guint line = 1;

  if (!load_dump ())
    return;

  self = ce_segmenter_new (CE_SPLIT_AUTO, NULL, (CeSegmenterFunc) ce_draft_free, NULL, NULL);
  for (const char *p = dump_text, *nl; (nl = strchr (p, '\n')) != NULL; p = nl + 1)
    ce_segmenter_add_line (self, p, nl - p, line++, p - dump_text);
  /* Characters, not bytes: the dump is full of curly quotes */
  g_assert_cmpuint (ce_segmenter_get_width (self), ==, 80);
  ce_segmenter_finish (self);
}

static void
test_mode_dateline (void)
{
  static const guint lines[] = { 1, 96, 246, 343, 417, 461, 582, 623 };
  g_autoptr(GPtrArray) drafts = NULL;

  if (!load_dump ())
    return;

  drafts = split_dump (CE_SPLIT_DATELINE);

  g_assert_cmpuint (drafts->len, ==, G_N_ELEMENTS (lines));
  for (guint i = 0; i < drafts->len; i++)
    {
      g_assert_cmpuint (draft_at (drafts, i)->line, ==, lines[i]);
      g_assert_nonnull (draft_at (drafts, i)->place);
    }

  /* Without the other signals the article after the tag line stays */
  g_assert_nonnull (strstr (draft_at (drafts, 0)->body,
                            "\n\nMillions of people are forming emotional bonds"));
  g_assert_cmpstr (meta_value (draft_at (drafts, 0), "tag", 0), ==, "Technology UK");
  g_assert_nonnull (strstr (draft_at (drafts, 3)->body,
                            "\n\nThe U.K. and China have announced a new services partnership"));
}

static void
test_mode_lines (void)
{
  const char *text =
    "First document on one line.\n"
    "\n"
    "LONDON — Second document, with a dateline.\n"
    "  Third document, indented.  \n"
    "* * *\n";
  g_autoptr(GPtrArray) drafts = split (text, -1, CE_SPLIT_LINES, NULL);

  g_assert_cmpuint (drafts->len, ==, 3);
  g_assert_cmpstr (draft_at (drafts, 0)->body, ==, "First document on one line.");
  g_assert_cmpuint (draft_at (drafts, 0)->line, ==, 1);
  g_assert_cmpstr (draft_at (drafts, 1)->body, ==, "Second document, with a dateline.");
  g_assert_cmpstr (draft_at (drafts, 1)->place, ==, "LONDON");
  g_assert_cmpuint (draft_at (drafts, 1)->line, ==, 3);
  g_assert_cmpuint (draft_at (drafts, 1)->offset, ==, 29);
  g_assert_cmpstr (draft_at (drafts, 2)->body, ==, "Third document, indented.");
}

static void
test_mode_blank (void)
{
  const char *text =
    "The first document is wrapped over two lines, and its text goes on\n"
    "here, where it ends.\n"
    "\n"
    "\n"
    "The second document.\n"
    "It has two paragraphs because its first line is short.\n"
    "\n"
    "PARIS — The third one has a dateline and ends the text without any\n"
    "newline";
  g_autoptr(GPtrArray) drafts = split (text, -1, CE_SPLIT_BLANK, NULL);

  g_assert_cmpuint (drafts->len, ==, 3);
  g_assert_cmpstr (draft_at (drafts, 0)->body, ==,
                   "The first document is wrapped over two lines, and its text goes on here, where it ends.");
  g_assert_cmpstr (draft_at (drafts, 1)->body, ==,
                   "The second document.\n\nIt has two paragraphs because its first line is short.");
  g_assert_cmpuint (draft_at (drafts, 1)->line, ==, 5);
  g_assert_cmpstr (draft_at (drafts, 2)->place, ==, "PARIS");
  g_assert_cmpstr (draft_at (drafts, 2)->body, ==,
                   "The third one has a dateline and ends the text without any newline");
}

static void
test_mode_regex (void)
{
  const char *text =
    "=== 1 ===\n"
    "Alpha document text that is long enough to be wrapped by the writer of\n"
    "this file.\n"
    "=== 2 ===\n"
    "Beta document.\n"
    "ARTICLE: Gamma starts here and its marker line is kept.\n"
    "More gamma.\n";
  g_autoptr(GPtrArray) drafts = split (text, -1, CE_SPLIT_REGEX, "^(=+ \\d+ =+|ARTICLE:)");
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (drafts->len, ==, 3);
  g_assert_cmpstr (draft_at (drafts, 0)->body, ==,
                   "Alpha document text that is long enough to be wrapped by the writer of this file.");
  g_assert_cmpuint (draft_at (drafts, 0)->line, ==, 2);
  g_assert_cmpstr (draft_at (drafts, 1)->body, ==, "Beta document.");
  g_assert_cmpstr (draft_at (drafts, 2)->body, ==,
                   "ARTICLE: Gamma starts here and its marker line is kept.\n\nMore gamma.");
  g_assert_cmpuint (draft_at (drafts, 2)->line, ==, 6);

  none = ce_segmenter_split_text (text, -1, CE_SPLIT_REGEX, "([unclosed", &error);
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_REGEX_ERROR);
  g_assert_null (none);
  g_clear_error (&error);

  none = ce_segmenter_split_text (text, -1, CE_SPLIT_REGEX, NULL, &error);
  g_assert_error (error, G_REGEX_ERROR, G_REGEX_ERROR_COMPILE);
  g_assert_null (none);
}

static void
test_mode_none (void)
{
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  GString *joined = g_string_new (NULL);

  if (!load_dump ())
    return;

  drafts = split_dump (CE_SPLIT_NONE);
  articles = split_dump (CE_SPLIT_AUTO);

  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_cmpstr (draft_at (drafts, 0)->place, ==, "LONDON");
  g_assert_cmpuint (draft_at (drafts, 0)->line, ==, 1);
  g_assert_cmpstr (meta_value (draft_at (drafts, 0), "tag", 0), ==, "Technology UK");
  g_assert_nonnull (strstr (draft_at (drafts, 0)->body, "\n\n# 10) CHINA POOTLING AROUND THE ARCTIC\n\n"));

  /* The same paragraphs as the articles, datelines kept after the first */
  for (guint i = 0; i < articles->len; i++)
    {
      CeDraft *a = draft_at (articles, i);

      if (joined->len > 0)
        g_string_append (joined, "\n\n");
      if (i > 0 && a->place != NULL)
        g_string_append_printf (joined, "%s — ", a->place);
      g_string_append (joined, a->body);
    }
  g_assert_cmpstr (draft_at (drafts, 0)->body, ==, joined->str);
  g_string_free (joined, TRUE);
}

static void
test_separators (void)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  CeDraft *draft;

  path = g_build_filename (CE_TEST_SOURCE_DIR, "tests", "fixtures", "segmenter", "separators.txt", NULL);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  drafts = split (text, -1, CE_SPLIT_AUTO, NULL);
  g_assert_cmpuint (drafts->len, ==, 5);

  /* A headline before the dateline becomes the title */
  draft = draft_at (drafts, 0);
  g_assert_cmpstr (draft->title, ==, "Harbour reopens after a week of storms");
  g_assert_cmpstr (draft->place, ==, "PORT ELLEN");
  g_assert_cmpuint (draft->line, ==, 1);
  g_assert_cmpstr (draft->body, ==,
                   "The harbour reopened on Monday after a week of closures, the council said. "
                   "Ferries resumed their normal timetable at noon and the first crossing was full.\n\n"
                   "Officials said repairs to the north pier would take another month and cost about £40,000.");

  /* "* * *" */
  draft = draft_at (drafts, 1);
  g_assert_null (draft->place);
  g_assert_cmpuint (draft->line, ==, 8);
  g_assert_true (g_str_has_prefix (draft->body, "The island’s distillery"));
  g_assert_true (g_str_has_suffix (draft->body, "stay open in winter."));

  /* "----", an en dash dateline, and "U.K. — " is no dateline */
  draft = draft_at (drafts, 2);
  g_assert_cmpstr (draft->place, ==, "OBAN");
  g_assert_cmpstr (draft->title, ==, "A storm is expected on Friday.");
  g_assert_true (has_paragraph (draft->body,
                                "U.K. — The warning was later extended to Northern Ireland and parts "
                                "of Wales, forecasters said on Thursday evening."));

  /* "====" and a form feed */
  draft = draft_at (drafts, 3);
  g_assert_null (draft->place);
  g_assert_cmpuint (draft->line, ==, 21);
  g_assert_null (strchr (draft->body, '\f'));

  draft = draft_at (drafts, 4);
  g_assert_cmpstr (draft->place, ==, "STORNOWAY");
  g_assert_cmpuint (draft->line, ==, 23);
  g_assert_cmpstr (draft->body, ==,
                   "Lewis councillors voted on Tuesday to keep the local swimming pool open for "
                   "another year after a campaign by parents.\n\nThe vote was unanimous.");
  g_assert_cmpstr (meta_value (draft, "tag", 0), ==, "Scotland");
  g_assert_cmpstr (meta_value (draft, "tag", 1), ==, "Local government");

  for (guint i = 0; i < drafts->len; i++)
    {
      g_assert_null (strstr (draft_at (drafts, i)->body, "* *"));
      g_assert_null (strstr (draft_at (drafts, i)->body, "---"));
      g_assert_null (strstr (draft_at (drafts, i)->body, "==="));
    }
}

static void
collect_cb (CeDraft  *draft,
            gpointer  user_data)
{
  g_ptr_array_add (user_data, draft);
}

static void
assert_drafts_equal (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      CeDraft *x = draft_at (a, i);
      CeDraft *y = draft_at (b, i);

      g_assert_cmpstr (x->title, ==, y->title);
      g_assert_cmpstr (x->place, ==, y->place);
      g_assert_cmpstr (x->body, ==, y->body);
      g_assert_cmpuint (x->line, ==, y->line);
      g_assert_cmpuint (x->offset, ==, y->offset);
      g_assert_cmpuint (x->meta != NULL ? x->meta->len : 0, ==, y->meta != NULL ? y->meta->len : 0);
      for (guint k = 0; x->meta != NULL && k < x->meta->len; k++)
        g_assert_cmpstr (g_ptr_array_index (x->meta, k), ==, g_ptr_array_index (y->meta, k));
    }
}

static void
test_streaming (void)
{
  static const CeSplitMode modes[] = { CE_SPLIT_AUTO, CE_SPLIT_DATELINE, CE_SPLIT_BLANK, CE_SPLIT_NONE };

  if (!load_dump ())
    return;

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_autoptr(GPtrArray) whole = split_dump (modes[m]);
      g_autoptr(GPtrArray) streamed = g_ptr_array_new_with_free_func ((GDestroyNotify) ce_draft_free);
      g_autoptr(GPtrArray) crlf = NULL;
      g_autoptr(CeSegmenter) self = NULL;
      g_autoptr(GString) dos = g_string_new (NULL);
      const char *p = dump_text;
      const char *end = dump_text + dump_len;
      guint line = 1;

      self = ce_segmenter_new (modes[m], NULL, collect_cb, streamed, NULL);
      while (p < end)
        {
          const char *nl = memchr (p, '\n', end - p);
          gsize len = nl != NULL ? (gsize) (nl - p) : (gsize) (end - p);
          g_autofree char *copy = g_strndup (p, len);

          /* A copy, so that nothing may keep pointing into the caller's buffer */
          ce_segmenter_add_line (self, copy, len, line++, p - dump_text);
          p += len + 1;
        }
      ce_segmenter_finish (self);
      assert_drafts_equal (whole, streamed);

      /* CRLF line ends give the same articles, at their own offsets */
      for (const char *q = dump_text; q < end; q++)
        {
          if (*q == '\n')
            g_string_append_c (dos, '\r');
          g_string_append_c (dos, *q);
        }
      crlf = split (dos->str, dos->len, modes[m], NULL);
      g_assert_cmpuint (crlf->len, ==, whole->len);
      for (guint i = 0; i < crlf->len; i++)
        {
          g_assert_cmpstr (draft_at (crlf, i)->body, ==, draft_at (whole, i)->body);
          g_assert_cmpuint (draft_at (crlf, i)->line, ==, draft_at (whole, i)->line);
          g_assert_cmpuint (draft_at (crlf, i)->offset, ==,
                            draft_at (whole, i)->offset + draft_at (whole, i)->line - 1);
        }
    }
}

static void
test_reflow (void)
{
  g_autofree char *wrapped = NULL;
  g_autofree char *unwrapped = NULL;
  g_autofree char *by_hand = NULL;
  g_autofree char *empty = NULL;

  wrapped = ce_segmenter_reflow (
    "LONDON — This text is one document. Its lines were wrapped at a width\n"
    "of seventy characters, and the reflow joins them back together.\n"
    "A short line ends a paragraph.\n"
    "SECTION TWO\n"
    "The heading above is a paragraph of its own, marked as such, and a\n"
    "hyphen at the end of a line stays put where a wrapper broke it: state-\n"
    "sponsored, in this case.\n", -1);
  g_assert_cmpstr (wrapped, ==,
                   "LONDON — This text is one document. Its lines were wrapped at a width "
                   "of seventy characters, and the reflow joins them back together.\n\n"
                   "A short line ends a paragraph.\n\n"
                   "# SECTION TWO\n\n"
                   "The heading above is a paragraph of its own, marked as such, and a "
                   "hyphen at the end of a line stays put where a wrapper broke it: "
                   "state-sponsored, in this case.");

  /* Not hard-wrapped: every line is a paragraph */
  unwrapped = ce_segmenter_reflow (
    "A first paragraph written on a single line by an editor that wraps softly, so it runs long\n"
    "Second one, short\n"
    "The third paragraph is also long, much longer than the second one, and has no full stop at the end either\n"
    "Fourth\n", -1);
  g_assert_cmpstr (unwrapped, ==,
                   "A first paragraph written on a single line by an editor that wraps softly, so it runs long\n\n"
                   "Second one, short\n\n"
                   "The third paragraph is also long, much longer than the second one, and has no full stop at the end either\n\n"
                   "Fourth");

  /* Wrapped by hand, not greedily: a line going on in lower case joins;
   * list items start paragraphs and keep their hanging indent */
  by_hand = ce_segmenter_reflow (
    "They want to do three things with the articles they have collected\n"
    "over the years:\n"
    "1. get them in with one action, split into articles with clean\n"
    "   paragraphs and metadata;\n"
    "2. browse and read them;\n"
    "3. count how often topics are mentioned, and see the counts side by side\n"
    "   in a chart.\n"
    "Every number on screen must be checkable by a click: the documents\n"
    "listed for a bar are exactly those it counts.\n", -1);
  g_assert_cmpstr (by_hand, ==,
                   "They want to do three things with the articles they have collected over the years:\n\n"
                   "1. get them in with one action, split into articles with clean paragraphs and metadata;\n\n"
                   "2. browse and read them;\n\n"
                   "3. count how often topics are mentioned, and see the counts side by side in a chart.\n\n"
                   "Every number on screen must be checkable by a click: the documents "
                   "listed for a bar are exactly those it counts.");

  empty = ce_segmenter_reflow ("\n\n  \n", -1);
  g_assert_cmpstr (empty, ==, "");
}

static void
test_bad_input (void)
{
  static const char bad[] = "PARIS \xff\xfe— Bro\xc3ken\0 bytes and a NUL.\n\n\n\xe2\x80\n";
  static const CeSplitMode modes[] = {
    CE_SPLIT_AUTO, CE_SPLIT_NONE, CE_SPLIT_DATELINE, CE_SPLIT_LINES, CE_SPLIT_BLANK,
  };
  g_autofree char *huge = g_strnfill (3 * 1024 * 1024, 'x');

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_autoptr(GPtrArray) drafts = split (bad, sizeof bad - 1, modes[m], NULL);
      g_autoptr(GPtrArray) nothing = split ("", 0, modes[m], NULL);
      g_autoptr(GPtrArray) blank = split ("\n\n \n\t\n", -1, modes[m], NULL);
      g_autoptr(GPtrArray) seps = split ("----\n* * *\n\f\f\n", -1, modes[m], NULL);
      g_autoptr(GPtrArray) long_line = split (huge, -1, modes[m], NULL);

      g_assert_cmpuint (drafts->len, >=, 1);
      for (guint i = 0; i < drafts->len; i++)
        {
          g_assert_true (g_utf8_validate (draft_at (drafts, i)->body, -1, NULL));
          g_assert_true (g_utf8_validate (draft_at (drafts, i)->title, -1, NULL));
        }
      g_assert_cmpuint (nothing->len, ==, 0);
      g_assert_cmpuint (blank->len, ==, 0);
      g_assert_cmpuint (seps->len, ==, 0);
      g_assert_cmpuint (long_line->len, ==, 1);
      g_assert_cmpuint (strlen (draft_at (long_line, 0)->body), ==, 3 * 1024 * 1024);
      g_assert_cmpuint (g_utf8_strlen (draft_at (long_line, 0)->title, -1), <=, 120);
    }
}

typedef struct
{
  guint   n_drafts;
  guint64 n_bytes;
} Counter;

static void
count_cb (CeDraft  *draft,
          gpointer  user_data)
{
  Counter *counter = user_data;

  counter->n_drafts++;
  counter->n_bytes += strlen (draft->body);
  ce_draft_free (draft);
}

/* 50 MB of dump, fed line by line: articles come out while lines go in,
 * and the throughput is reported. */
static void
test_speed (void)
{
  Counter counter = { 0, };
  g_autoptr(CeSegmenter) self = NULL;
  g_autoptr(GTimer) timer = NULL;
  guint copies;
  guint line = 1;
  guint64 offset = 0;
  double seconds;
  double mb;

  if (!load_dump ())
    return;

  copies = (50 * 1000 * 1000) / dump_len + 1;
  self = ce_segmenter_new (CE_SPLIT_AUTO, NULL, count_cb, &counter, NULL);
  timer = g_timer_new ();

  for (guint c = 0; c < copies; c++)
    {
      const char *p = dump_text;
      const char *end = dump_text + dump_len;

      while (p < end)
        {
          const char *nl = memchr (p, '\n', end - p);
          gsize len = nl != NULL ? (gsize) (nl - p) : (gsize) (end - p);

          ce_segmenter_add_line (self, p, len, line++, offset);
          offset += len + 1;
          p += len + 1;
        }

      /* Streaming: all but the open article are out already */
      if (c == 1)
        g_assert_cmpuint (counter.n_drafts, ==, 2 * G_N_ELEMENTS (dump_articles) - 1);
    }
  ce_segmenter_finish (self);

  seconds = g_timer_elapsed (timer, NULL);
  mb = offset / 1e6;
  g_test_message ("%.1f MB in %.2f s: %.1f MB/s, %u articles", mb, seconds, mb / seconds, counter.n_drafts);
  g_printerr ("# segmenter: %.1f MB in %.2f s: %.1f MB/s\n", mb, seconds, mb / seconds);

  /* Speed is measured in make bench, not asserted here: a loaded
   * machine makes any bound flaky */
  g_assert_cmpuint (counter.n_drafts, ==, copies * G_N_ELEMENTS (dump_articles));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus-explorer/segmenter/dump/articles", test_dump_articles);
  g_test_add_func ("/corpus-explorer/segmenter/dump/titles", test_dump_titles);
  g_test_add_func ("/corpus-explorer/segmenter/dump/tags", test_dump_tags);
  g_test_add_func ("/corpus-explorer/segmenter/dump/clean-bodies", test_dump_clean_bodies);
  g_test_add_func ("/corpus-explorer/segmenter/dump/reflow", test_dump_reflow);
  g_test_add_func ("/corpus-explorer/segmenter/dump/headings", test_dump_headings);
  g_test_add_func ("/corpus-explorer/segmenter/dump/photo-credits", test_dump_photo_credits);
  g_test_add_func ("/corpus-explorer/segmenter/dump/width", test_dump_width);
  g_test_add_func ("/corpus-explorer/segmenter/dump/rewrap-60", test_dump_rewrap_60);
  g_test_add_func ("/corpus-explorer/segmenter/dump/rewrap-72", test_dump_rewrap_72);
  g_test_add_func ("/corpus-explorer/segmenter/dump/rewrap-80", test_dump_rewrap_80);
  g_test_add_func ("/corpus-explorer/segmenter/sample/articles", test_sample_articles);
  g_test_add_func ("/corpus-explorer/segmenter/sample/held-out", test_sample_held_out);
  g_test_add_func ("/corpus-explorer/segmenter/mode/dateline", test_mode_dateline);
  g_test_add_func ("/corpus-explorer/segmenter/mode/lines", test_mode_lines);
  g_test_add_func ("/corpus-explorer/segmenter/mode/blank", test_mode_blank);
  g_test_add_func ("/corpus-explorer/segmenter/mode/regex", test_mode_regex);
  g_test_add_func ("/corpus-explorer/segmenter/mode/none", test_mode_none);
  g_test_add_func ("/corpus-explorer/segmenter/separators", test_separators);
  g_test_add_func ("/corpus-explorer/segmenter/streaming", test_streaming);
  g_test_add_func ("/corpus-explorer/segmenter/reflow", test_reflow);
  g_test_add_func ("/corpus-explorer/segmenter/bad-input", test_bad_input);
  g_test_add_func ("/corpus-explorer/segmenter/speed", test_speed);

  ret = g_test_run ();
  g_free (dump_text);
  return ret;
}
