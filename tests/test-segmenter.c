/* test-segmenter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The segmenter on the real dump of the shared corpora: its articles,
 * titles, tags, bodies and paragraphs, re-wrapped at other widths,
 * streamed line by line, and its throughput.  test-segmenter-sample
 * measures it on the sample corpus, test-segmenter-modes checks the
 * split modes and odd input.
 */

#include "config.h"

#include <string.h>

#include "ce-segmenter.h"
#include "ce-test-segmenter.h"

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

static const char *dump_text;
static gsize dump_len;

static gboolean
load_dump (void)
{
  return ce_test_segmenter_load_dump (&dump_text, &dump_len);
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

  drafts = ce_test_segmenter_split_dump (CE_SPLIT_AUTO);
  offsets = line_offsets (dump_text, dump_len);

  g_assert_cmpuint (drafts->len, ==, G_N_ELEMENTS (dump_articles));
  for (guint i = 0; i < drafts->len; i++)
    {
      CeDraft *draft = ce_test_draft_at (drafts, i);
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

  drafts = ce_test_segmenter_split_dump (CE_SPLIT_AUTO);

  for (guint i = 0; i < drafts->len; i++)
    {
      CeDraft *draft = ce_test_draft_at (drafts, i);

      g_assert_cmpuint (g_utf8_strlen (draft->title, -1), <=, 120);
      g_assert_true (g_utf8_validate (draft->title, -1, NULL));
      /* Long first sentences are cut at a word, with an ellipsis */
      if (g_str_has_suffix (draft->title, "…"))
        {
          g_autofree char *cut = g_strndup (draft->title, strlen (draft->title) - strlen ("…"));

          g_assert_true (g_str_has_prefix (draft->body, cut));
        }
    }

  first = ce_test_draft_at (drafts, 0);
  g_assert_cmpstr (first->title, ==,
                   "The U.K.’s data protection watchdog has opened a formal investigation into "
                   "Elon Musk’s companies X and xAI, over the…");
  g_assert_cmpstr (ce_test_draft_at (drafts, 9)->title, ==,
                   "Keir Starmer is off to China to try to lock in some economic wins he can "
                   "shout about back home.");
  g_assert_cmpstr (ce_test_draft_at (drafts, 5)->title, ==,
                   "The U.K. and China have announced a new services partnership to support "
                   "British businesses operating in China…");
}

static void
test_dump_tags (void)
{
  g_autoptr(GPtrArray) drafts = NULL;

  if (!load_dump ())
    return;

  drafts = ce_test_segmenter_split_dump (CE_SPLIT_AUTO);

  g_assert_cmpstr (ce_test_draft_meta (ce_test_draft_at (drafts, 0), "tag", 0), ==, "Technology UK");
  g_assert_null (ce_test_draft_meta (ce_test_draft_at (drafts, 0), "tag", 1));
  g_assert_true (g_str_has_suffix (ce_test_draft_at (drafts, 0)->body,
                                   "X did not immediately respond when contacted for comment."));
  for (guint i = 0; i < drafts->len; i++)
    g_assert_null (strstr (ce_test_draft_at (drafts, i)->body, "Tag - "));
}

static void
test_dump_clean_bodies (void)
{
  g_autoptr(GPtrArray) drafts = NULL;
  guint n_paragraphs = 0;

  if (!load_dump ())
    return;

  drafts = ce_test_segmenter_split_dump (CE_SPLIT_AUTO);

  for (guint i = 0; i < drafts->len; i++)
    {
      const char *body = ce_test_draft_at (drafts, i)->body;
      g_auto(GStrv) paras = ce_test_paragraphs_of (body);

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
      if (ce_test_draft_at (drafts, i)->place != NULL)
        g_assert_false (g_str_has_prefix (body, ce_test_draft_at (drafts, i)->place));
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

  drafts = ce_test_segmenter_split_dump (CE_SPLIT_AUTO);

  /* Lines 25-29: a sentence end in mid-line does not end the paragraph */
  g_assert_true (ce_test_has_paragraph (ce_test_draft_at (drafts, 0)->body,
    "Ofcom, the U.K.’s communications regulator, opened a formal investigation into X "
    "last month under the Online Safety Act. That investigation is ongoing, Ofcom "
    "said on Tuesday. It is progressing “as a matter of urgency” but could take "
    "“months,” Ofcom added, noting that it must follow a “fair process” and “it would "
    "not be appropriate to provide a running commentary.”"));

  /* Lines 18-21: a new quotation starts a paragraph even after a full line */
  g_assert_true (ce_test_has_paragraph (ce_test_draft_at (drafts, 0)->body,
    "“Losing control of personal data in this way can cause immediate and significant "
    "harm. This is particularly the case where children are involved,” Malcolm said."));
  g_assert_true (ce_test_has_paragraph (ce_test_draft_at (drafts, 0)->body,
    "“Where we find obligations have not been met, we will take action to protect the public.”"));

  /* Lines 22-24: "U.K." at a line end is not a sentence end */
  g_assert_true (ce_test_has_paragraph (ce_test_draft_at (drafts, 0)->body,
    "While the ICO’s investigation will focus on X and xAI’s compliance with U.K. "
    "data protection law, Malcolm said it would work closely with other regulators in "
    "the U.K. and abroad that are also investigating the issue."));

  /* Lines 88-90: a full line ending a sentence ends the paragraph */
  g_assert_true (ce_test_has_paragraph (ce_test_draft_at (drafts, 1)->body,
    "Tuesday’s report lists the full series of risks that policymakers will have to "
    "address, including AI-fueled cyberattacks, AI-generated sexually explicit "
    "deepfakes and AI systems that provide information on how to design bioweapons."));

  /* Lines 150-155: inside an open quotation a sentence end does not */
  g_assert_true (ce_test_has_paragraph (ce_test_draft_at (drafts, 2)->body,
    "And Luke de Pulford, of the Inter-Parliamentary Alliance on China campaign "
    "group, argued that despite Britain having a slight trade surplus in services "
    "“it’s tiny compared to the whole.” He added: “This trip to China seems to be "
    "based upon the notion that China is part of the solution to our economic woes. "
    "It’s not rooted in any evidence. China hasn’t done foreign direct investment in "
    "any serious way since 2017. It’s dropped off a cliff.”"));

  /* Lines 408-412: a quotation running over two paragraphs */
  g_assert_true (ce_test_has_paragraph (ce_test_draft_at (drafts, 5)->body,
    "Prime Minister Keir Starmer said: “As one of the world’s economic powerhouses, "
    "businesses have been crying out for ways to grow their footprints in China."));

  /* Line 457 has no full stop; the next word would have fitted */
  g_assert_true (ce_test_has_paragraph (ce_test_draft_at (drafts, 6)->body,
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

  drafts = ce_test_segmenter_split_dump (CE_SPLIT_AUTO);

  for (guint i = 0; i < G_N_ELEMENTS (numbered); i++)
    g_assert_true (ce_test_has_paragraph (ce_test_draft_at (drafts, 7)->body, numbered[i]));
  g_assert_true (ce_test_has_paragraph (ce_test_draft_at (drafts, 2)->body, "# 1) THERE’S NO TURNING BACK NOW"));
  g_assert_true (ce_test_has_paragraph (ce_test_draft_at (drafts, 3)->body, "# STEP-BY-STEP"));
  g_assert_true (ce_test_has_paragraph (ce_test_draft_at (drafts, 3)->body, "# WHISKY TARIFF RELIEF"));
  g_assert_true (ce_test_has_paragraph (ce_test_draft_at (drafts, 9)->body, "# CHAMPIONING THE CITY OF LONDON"));

  /* "U.K.”" alone on line 451 ends a sentence; it is no heading */
  g_assert_nonnull (strstr (ce_test_draft_at (drafts, 6)->body,
                            "implementing unilateral visa-free entry for the U.K.”"));

  for (guint i = 0; i < drafts->len; i++)
    n_headings += count_occurrences (ce_test_draft_at (drafts, i)->body, "\n\n" CE_HEADING_MARK);
  g_assert_cmpuint (n_headings, ==, 24);
}

static void
test_dump_photo_credits (void)
{
  g_autoptr(GPtrArray) drafts = NULL;
  const char *body;

  if (!load_dump ())
    return;

  drafts = ce_test_segmenter_split_dump (CE_SPLIT_AUTO);

  for (guint i = 0; i < drafts->len; i++)
    {
      body = ce_test_draft_at (drafts, i)->body;
      g_assert_null (strstr (body, " | "));
      g_assert_null (strstr (body, "Jessica"));
      g_assert_null (strstr (body, "Lee/EPA"));
      g_assert_null (strstr (body, "Yonhap"));
      g_assert_null (strstr (body, "Mabanglo"));
    }

  /* The caption sentences are gone, the sentences they repeat stay */
  body = ce_test_draft_at (drafts, 9)->body;
  g_assert_cmpuint (count_occurrences (body, "the U.K. has resisted pressure to do so."), ==, 1);
  g_assert_cmpuint (count_occurrences (body, "Pharma executives, including AstraZeneca’s CEO"), ==, 1);
  g_assert_cmpuint (count_occurrences (body, "But in February 2025 China doubled"), ==, 1);
  g_assert_true (ce_test_has_paragraph (body,
    "Vocational accreditation is a “long-standing issue” in the bilateral "
    "relationship, with “little movement” so far on persuading Beijing to recognize "
    "U.K. professional credentials as equivalent to its own, according to a senior "
    "industry representative familiar with the talks, who, like others in this "
    "report, was granted anonymity to speak freely."));
  g_assert_true (ce_test_has_paragraph (body,
    "Several blockbuster drug patents are set to expire in the coming years, opening "
    "the door for cheaper generic competitors. To refill thinning pipelines, "
    "drugmakers are increasingly turning to biotech companies. British pharma giant "
    "GSK signed a licensing deal with Chinese biotech firm Hengrui Pharma last July."));
}

static char *
rewrap_dump (GPtrArray *drafts,
             guint      width)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < drafts->len; i++)
    {
      CeDraft *draft = ce_test_draft_at (drafts, i);
      g_auto(GStrv) paras = ce_test_paragraphs_of (draft->body);

      for (guint k = 0; paras[k] != NULL; k++)
        {
          const char *p = paras[k];
          g_autofree char *dated = NULL;

          if (g_str_has_prefix (p, CE_HEADING_MARK))
            p += strlen (CE_HEADING_MARK);
          if (k == 0 && draft->place != NULL)
            p = dated = g_strconcat (draft->place, " — ", p, NULL);
          ce_test_wrap_paragraph (out, p, width);
        }
      if (ce_test_draft_meta (draft, "tag", 0) != NULL)
        g_string_append_printf (out, "Tag - %s\n", ce_test_draft_meta (draft, "tag", 0));
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

  drafts = ce_test_segmenter_split_dump (CE_SPLIT_AUTO);
  text = rewrap_dump (drafts, width);
  again = ce_test_segmenter_split (text, -1, CE_SPLIT_AUTO, NULL);

  g_assert_cmpuint (again->len, ==, drafts->len);
  for (guint i = 0; i < drafts->len; i++)
    {
      CeDraft *a = ce_test_draft_at (drafts, i);
      CeDraft *b = ce_test_draft_at (again, i);
      g_auto(GStrv) pa = ce_test_paragraphs_of (a->body);
      g_auto(GStrv) pb = ce_test_paragraphs_of (b->body);
      guint k = 0;

      g_assert_cmpstr (a->place, ==, b->place);
      g_assert_cmpstr (a->title, ==, b->title);
      g_assert_cmpstr (ce_test_draft_meta (a, "tag", 0), ==, ce_test_draft_meta (b, "tag", 0));

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
      CeDraft *x = ce_test_draft_at (a, i);
      CeDraft *y = ce_test_draft_at (b, i);

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
      g_autoptr(GPtrArray) whole = ce_test_segmenter_split_dump (modes[m]);
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
      crlf = ce_test_segmenter_split (dos->str, dos->len, modes[m], NULL);
      g_assert_cmpuint (crlf->len, ==, whole->len);
      for (guint i = 0; i < crlf->len; i++)
        {
          g_assert_cmpstr (ce_test_draft_at (crlf, i)->body, ==, ce_test_draft_at (whole, i)->body);
          g_assert_cmpuint (ce_test_draft_at (crlf, i)->line, ==, ce_test_draft_at (whole, i)->line);
          g_assert_cmpuint (ce_test_draft_at (crlf, i)->offset, ==,
                            ce_test_draft_at (whole, i)->offset + ce_test_draft_at (whole, i)->line - 1);
        }
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
  g_test_add_func ("/corpus-explorer/segmenter/streaming", test_streaming);
  g_test_add_func ("/corpus-explorer/segmenter/speed", test_speed);

  return g_test_run ();
}
