/* ce-test-segmenter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the segmenter's test programs share.
 */

#include "config.h"

#include "ce-test-segmenter.h"

#define DUMP_NAME "000_d9bdcb0313118baf.txt"

static char *dump_text;
static gsize dump_len;

static const char *
shared_dir (void)
{
  const char *dir = g_getenv ("CE_SHARED_DIR");

  return dir != NULL ? dir : CE_TEST_SOURCE_DIR "/../shared";
}

gboolean
ce_test_segmenter_load_dump (const char **text,
                             gsize       *len)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (dump_text == NULL)
    {
      path = g_build_filename (shared_dir (), "corpora", DUMP_NAME, NULL);
      if (!g_file_get_contents (path, &dump_text, &dump_len, &error))
        {
          g_test_message ("%s", error->message);
          g_test_skip ("the shared corpus is missing");
          return FALSE;
        }
    }

  if (text != NULL)
    *text = dump_text;
  if (len != NULL)
    *len = dump_len;

  return TRUE;
}

GPtrArray *
ce_test_segmenter_split (const char  *text,
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

GPtrArray *
ce_test_segmenter_split_dump (CeSplitMode mode)
{
  g_assert_true (ce_test_segmenter_load_dump (NULL, NULL));

  return ce_test_segmenter_split (dump_text, dump_len, mode, NULL);
}

CeDraft *
ce_test_draft_at (GPtrArray *drafts,
                  guint      i)
{
  g_assert_cmpuint (i, <, drafts->len);
  return g_ptr_array_index (drafts, i);
}

GStrv
ce_test_paragraphs_of (const char *body)
{
  return g_strsplit (body, "\n\n", -1);
}

gboolean
ce_test_has_paragraph (const char *body,
                       const char *paragraph)
{
  g_auto(GStrv) paras = ce_test_paragraphs_of (body);

  return g_strv_contains ((const char * const *) paras, paragraph);
}

void
ce_test_wrap_paragraph (GString    *out,
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
