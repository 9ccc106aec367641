/* test-segmenter-modes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The split modes (dateline, lines, blank, regex, none), separators,
 * paragraph reflow and odd input.
 */

#include "config.h"

#include <string.h>

#include "ce-segmenter.h"
#include "ce-test-segmenter.h"

static void
test_mode_dateline (void)
{
  static const guint lines[] = { 1, 96, 246, 343, 417, 461, 582, 623 };
  g_autoptr(GPtrArray) drafts = NULL;

  if (!ce_test_segmenter_load_dump (NULL, NULL))
    return;

  drafts = ce_test_segmenter_split_dump (CE_SPLIT_DATELINE);

  g_assert_cmpuint (drafts->len, ==, G_N_ELEMENTS (lines));
  for (guint i = 0; i < drafts->len; i++)
    {
      g_assert_cmpuint (ce_test_draft_at (drafts, i)->line, ==, lines[i]);
      g_assert_nonnull (ce_test_draft_at (drafts, i)->place);
    }

  /* Without the other signals the article after the tag line stays */
  g_assert_nonnull (strstr (ce_test_draft_at (drafts, 0)->body,
                            "\n\nMillions of people are forming emotional bonds"));
  g_assert_cmpstr (ce_test_draft_meta (ce_test_draft_at (drafts, 0), "tag", 0), ==, "Technology UK");
  g_assert_nonnull (strstr (ce_test_draft_at (drafts, 3)->body,
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
  g_autoptr(GPtrArray) drafts = ce_test_segmenter_split (text, -1, CE_SPLIT_LINES, NULL);

  g_assert_cmpuint (drafts->len, ==, 3);
  g_assert_cmpstr (ce_test_draft_at (drafts, 0)->body, ==, "First document on one line.");
  g_assert_cmpuint (ce_test_draft_at (drafts, 0)->line, ==, 1);
  g_assert_cmpstr (ce_test_draft_at (drafts, 1)->body, ==, "Second document, with a dateline.");
  g_assert_cmpstr (ce_test_draft_at (drafts, 1)->place, ==, "LONDON");
  g_assert_cmpuint (ce_test_draft_at (drafts, 1)->line, ==, 3);
  g_assert_cmpuint (ce_test_draft_at (drafts, 1)->offset, ==, 29);
  g_assert_cmpstr (ce_test_draft_at (drafts, 2)->body, ==, "Third document, indented.");
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
  g_autoptr(GPtrArray) drafts = ce_test_segmenter_split (text, -1, CE_SPLIT_BLANK, NULL);

  g_assert_cmpuint (drafts->len, ==, 3);
  g_assert_cmpstr (ce_test_draft_at (drafts, 0)->body, ==,
                   "The first document is wrapped over two lines, and its text goes on here, where it ends.");
  g_assert_cmpstr (ce_test_draft_at (drafts, 1)->body, ==,
                   "The second document.\n\nIt has two paragraphs because its first line is short.");
  g_assert_cmpuint (ce_test_draft_at (drafts, 1)->line, ==, 5);
  g_assert_cmpstr (ce_test_draft_at (drafts, 2)->place, ==, "PARIS");
  g_assert_cmpstr (ce_test_draft_at (drafts, 2)->body, ==,
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
  g_autoptr(GPtrArray) drafts = ce_test_segmenter_split (text, -1, CE_SPLIT_REGEX, "^(=+ \\d+ =+|ARTICLE:)");
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (drafts->len, ==, 3);
  g_assert_cmpstr (ce_test_draft_at (drafts, 0)->body, ==,
                   "Alpha document text that is long enough to be wrapped by the writer of this file.");
  g_assert_cmpuint (ce_test_draft_at (drafts, 0)->line, ==, 2);
  g_assert_cmpstr (ce_test_draft_at (drafts, 1)->body, ==, "Beta document.");
  g_assert_cmpstr (ce_test_draft_at (drafts, 2)->body, ==,
                   "ARTICLE: Gamma starts here and its marker line is kept.\n\nMore gamma.");
  g_assert_cmpuint (ce_test_draft_at (drafts, 2)->line, ==, 6);

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

  if (!ce_test_segmenter_load_dump (NULL, NULL))
    return;

  drafts = ce_test_segmenter_split_dump (CE_SPLIT_NONE);
  articles = ce_test_segmenter_split_dump (CE_SPLIT_AUTO);

  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_cmpstr (ce_test_draft_at (drafts, 0)->place, ==, "LONDON");
  g_assert_cmpuint (ce_test_draft_at (drafts, 0)->line, ==, 1);
  g_assert_cmpstr (ce_test_draft_meta (ce_test_draft_at (drafts, 0), "tag", 0), ==, "Technology UK");
  g_assert_nonnull (strstr (ce_test_draft_at (drafts, 0)->body, "\n\n# 10) CHINA POOTLING AROUND THE ARCTIC\n\n"));

  /* The same paragraphs as the articles, datelines kept after the first */
  for (guint i = 0; i < articles->len; i++)
    {
      CeDraft *a = ce_test_draft_at (articles, i);

      if (joined->len > 0)
        g_string_append (joined, "\n\n");
      if (i > 0 && a->place != NULL)
        g_string_append_printf (joined, "%s — ", a->place);
      g_string_append (joined, a->body);
    }
  g_assert_cmpstr (ce_test_draft_at (drafts, 0)->body, ==, joined->str);
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

  drafts = ce_test_segmenter_split (text, -1, CE_SPLIT_AUTO, NULL);
  g_assert_cmpuint (drafts->len, ==, 5);

  /* A headline before the dateline becomes the title */
  draft = ce_test_draft_at (drafts, 0);
  g_assert_cmpstr (draft->title, ==, "Harbour reopens after a week of storms");
  g_assert_cmpstr (draft->place, ==, "PORT ELLEN");
  g_assert_cmpuint (draft->line, ==, 1);
  g_assert_cmpstr (draft->body, ==,
                   "The harbour reopened on Monday after a week of closures, the council said. "
                   "Ferries resumed their normal timetable at noon and the first crossing was full.\n\n"
                   "Officials said repairs to the north pier would take another month and cost about £40,000.");

  /* "* * *" */
  draft = ce_test_draft_at (drafts, 1);
  g_assert_null (draft->place);
  g_assert_cmpuint (draft->line, ==, 8);
  g_assert_true (g_str_has_prefix (draft->body, "The island’s distillery"));
  g_assert_true (g_str_has_suffix (draft->body, "stay open in winter."));

  /* "----", an en dash dateline, and "U.K. — " is no dateline */
  draft = ce_test_draft_at (drafts, 2);
  g_assert_cmpstr (draft->place, ==, "OBAN");
  g_assert_cmpstr (draft->title, ==, "A storm is expected on Friday.");
  g_assert_true (ce_test_has_paragraph (draft->body,
                                "U.K. — The warning was later extended to Northern Ireland and parts "
                                "of Wales, forecasters said on Thursday evening."));

  /* "====" and a form feed */
  draft = ce_test_draft_at (drafts, 3);
  g_assert_null (draft->place);
  g_assert_cmpuint (draft->line, ==, 21);
  g_assert_null (strchr (draft->body, '\f'));

  draft = ce_test_draft_at (drafts, 4);
  g_assert_cmpstr (draft->place, ==, "STORNOWAY");
  g_assert_cmpuint (draft->line, ==, 23);
  g_assert_cmpstr (draft->body, ==,
                   "Lewis councillors voted on Tuesday to keep the local swimming pool open for "
                   "another year after a campaign by parents.\n\nThe vote was unanimous.");
  g_assert_cmpstr (ce_test_draft_meta (draft, "tag", 0), ==, "Scotland");
  g_assert_cmpstr (ce_test_draft_meta (draft, "tag", 1), ==, "Local government");

  for (guint i = 0; i < drafts->len; i++)
    {
      g_assert_null (strstr (ce_test_draft_at (drafts, i)->body, "* *"));
      g_assert_null (strstr (ce_test_draft_at (drafts, i)->body, "---"));
      g_assert_null (strstr (ce_test_draft_at (drafts, i)->body, "==="));
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
      g_autoptr(GPtrArray) drafts = ce_test_segmenter_split (bad, sizeof bad - 1, modes[m], NULL);
      g_autoptr(GPtrArray) nothing = ce_test_segmenter_split ("", 0, modes[m], NULL);
      g_autoptr(GPtrArray) blank = ce_test_segmenter_split ("\n\n \n\t\n", -1, modes[m], NULL);
      g_autoptr(GPtrArray) seps = ce_test_segmenter_split ("----\n* * *\n\f\f\n", -1, modes[m], NULL);
      g_autoptr(GPtrArray) long_line = ce_test_segmenter_split (huge, -1, modes[m], NULL);

      g_assert_cmpuint (drafts->len, >=, 1);
      for (guint i = 0; i < drafts->len; i++)
        {
          g_assert_true (g_utf8_validate (ce_test_draft_at (drafts, i)->body, -1, NULL));
          g_assert_true (g_utf8_validate (ce_test_draft_at (drafts, i)->title, -1, NULL));
        }
      g_assert_cmpuint (nothing->len, ==, 0);
      g_assert_cmpuint (blank->len, ==, 0);
      g_assert_cmpuint (seps->len, ==, 0);
      g_assert_cmpuint (long_line->len, ==, 1);
      g_assert_cmpuint (strlen (ce_test_draft_at (long_line, 0)->body), ==, 3 * 1024 * 1024);
      g_assert_cmpuint (g_utf8_strlen (ce_test_draft_at (long_line, 0)->title, -1), <=, 120);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus-explorer/segmenter/mode/dateline", test_mode_dateline);
  g_test_add_func ("/corpus-explorer/segmenter/mode/lines", test_mode_lines);
  g_test_add_func ("/corpus-explorer/segmenter/mode/blank", test_mode_blank);
  g_test_add_func ("/corpus-explorer/segmenter/mode/regex", test_mode_regex);
  g_test_add_func ("/corpus-explorer/segmenter/mode/none", test_mode_none);
  g_test_add_func ("/corpus-explorer/segmenter/separators", test_separators);
  g_test_add_func ("/corpus-explorer/segmenter/reflow", test_reflow);
  g_test_add_func ("/corpus-explorer/segmenter/bad-input", test_bad_input);

  return g_test_run ();
}
