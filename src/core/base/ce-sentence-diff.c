/* ce-sentence-diff.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-sentence-diff"

#include "config.h"

#include <string.h>

#include "ce-fingerprint.h"
#include "ce-sentence-diff.h"
#include "ce-text.h"

void
ce_diff_sentence_free (CeDiffSentence *sentence)
{
  if (sentence == NULL)
    return;

  g_free (sentence->text);
  g_free (sentence);
}

/* A sentence as cut from a stored body */
typedef struct
{
  char     *text;             /* white space collapsed */
  gsize     start;            /* byte range in the body */
  gsize     end;
  gboolean  opens_paragraph;
} Located;

static void
located_clear (gpointer data)
{
  g_free (((Located *)data)->text);
}

/* Adds the sentences of the paragraph at @offset of the body, its white
 * space collapsed to single spaces (sentence ends are read before one
 * space); each keeps where it stands in the body */
static void
add_paragraph (GArray     *sentences,
               const char *text,
               gsize       len,
               gsize       offset)
{
  g_autofree char *flat = g_malloc (len + 1);
  g_autofree gsize *from = g_new (gsize, len + 1);   /* flat -> body offset */
  gboolean first = TRUE;
  gsize n = 0;
  gsize start = 0;

  for (gsize i = 0; i < len && text[i] != 0; i++)
    {
      gboolean space = text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r';

      if (!space || (n > 0 && flat[n - 1] != ' '))
        {
          from[n] = offset + i;
          flat[n++] = space ? ' ' : text[i];
        }
    }
  flat[n] = 0;

  while (start < n)
    {
      gsize end = ce_text_next_sentence_end (flat, n, start);
      gsize a = start;
      gsize b = end;

      while (a < b && flat[a] == ' ')
        a++;
      while (b > a && flat[b - 1] == ' ')
        b--;
      if (b > a)
        {
          Located sentence = {
            .text = g_strndup (flat + a, b - a),
            .start = from[a],
            .end = from[b - 1] + 1,
            .opens_paragraph = first,
          };

          g_array_append_val (sentences, sentence);
          first = FALSE;
        }

      start = end > start ? end : n;
    }
}

static GArray *
split_located (const char *body)
{
  GArray *sentences = g_array_new (FALSE, FALSE, sizeof (Located));
  const char *p = body;

  g_array_set_clear_func (sentences, located_clear);
  if (body == NULL)
    return sentences;

  while (*p != 0)
    {
      const char *end = strstr (p, "\n\n");

      if (end == NULL)
        end = p + strlen (p);
      add_paragraph (sentences, p, end - p, p - body);

      p = end;
      while (*p == '\n')
        p++;
    }

  return sentences;
}

/**
 * ce_text_split_sentences:
 * @body: (nullable): a stored body: paragraphs apart by blank lines
 *
 * Returns: (transfer full) (element-type utf8): its sentences, in order
 */
GPtrArray *
ce_text_split_sentences (const char *body)
{
  g_autoptr(GArray) located = split_located (body);
  GPtrArray *sentences = g_ptr_array_new_full (located->len, g_free);

  for (guint i = 0; i < located->len; i++)
    g_ptr_array_add (sentences, g_steal_pointer (&g_array_index (located, Located, i).text));

  return sentences;
}

static CeDiffSentence *
diff_sentence_new (CeDiffKind     kind,
                   const Located *from)
{
  CeDiffSentence *sentence = g_new0 (CeDiffSentence, 1);

  sentence->kind = kind;
  sentence->text = g_strdup (from->text);
  sentence->start = from->start;
  sentence->end = from->end;
  sentence->opens_paragraph = from->opens_paragraph;
  return sentence;
}

static GPtrArray *
normalise_all (GArray *sentences)
{
  GPtrArray *normal = g_ptr_array_new_full (sentences->len, g_free);

  for (guint i = 0; i < sentences->len; i++)
    g_ptr_array_add (normal, ce_fingerprint_normalise (g_array_index (sentences, Located, i).text));

  return normal;
}

#define AT(array, i) (&g_array_index ((array), Located, (i)))

/* Too many sentences for a table of the longest common run: what each
 * text has that the other lacks, in the order of each */
static void
diff_as_sets (GPtrArray *diff,
              GArray    *a,
              GPtrArray *a_norm,
              GArray    *b,
              GPtrArray *b_norm)
{
  g_autoptr(GHashTable) in_a = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) in_b = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < a_norm->len; i++)
    g_hash_table_add (in_a, g_ptr_array_index (a_norm, i));
  for (guint j = 0; j < b_norm->len; j++)
    g_hash_table_add (in_b, g_ptr_array_index (b_norm, j));

  for (guint i = 0; i < a->len; i++)
    if (!g_hash_table_contains (in_b, g_ptr_array_index (a_norm, i)))
      g_ptr_array_add (diff, diff_sentence_new (CE_DIFF_REMOVED, AT (a, i)));
  for (guint j = 0; j < b->len; j++)
    g_ptr_array_add (diff, diff_sentence_new (g_hash_table_contains (in_a, g_ptr_array_index (b_norm, j))
                                              ? CE_DIFF_SAME : CE_DIFF_ADDED,
                                              AT (b, j)));
}

/**
 * ce_sentence_diff:
 * @first: (nullable): the text compared with (a group's representative)
 * @second: (nullable): the text compared
 *
 * Returns: (transfer full) (element-type CeDiffSentence): the sentences
 *   of both, in order: those they share (%CE_DIFF_SAME), those only
 *   @second has (%CE_DIFF_ADDED) and those only @first has
 *   (%CE_DIFF_REMOVED), each where it stands
 */
GPtrArray *
ce_sentence_diff (const char *first,
                  const char *second)
{
  g_autoptr(GArray) a = split_located (first);
  g_autoptr(GArray) b = split_located (second);
  g_autoptr(GPtrArray) a_norm = normalise_all (a);
  g_autoptr(GPtrArray) b_norm = normalise_all (b);
  GPtrArray *diff = g_ptr_array_new_with_free_func ((GDestroyNotify)ce_diff_sentence_free);
  guint n = a->len;
  guint m = b->len;
  g_autofree guint32 *table = NULL;
  guint i = 0;
  guint j = 0;

  if ((guint64)(n + 1) * (m + 1) > CE_SENTENCE_DIFF_MAX_CELLS)
    {
      diff_as_sets (diff, a, a_norm, b, b_norm);
      return diff;
    }

  /* table[i][j]: the longest common run of a[i..] and b[j..] */
#define CELL(i, j) table[(gsize)(i) * (m + 1) + (j)]
  table = g_new0 (guint32, (gsize)(n + 1) * (m + 1));
  for (guint x = n; x-- > 0;)
    for (guint y = m; y-- > 0;)
      {
        if (g_str_equal (g_ptr_array_index (a_norm, x), g_ptr_array_index (b_norm, y)))
          CELL (x, y) = CELL (x + 1, y + 1) + 1;
        else
          CELL (x, y) = MAX (CELL (x + 1, y), CELL (x, y + 1));
      }

  while (i < n && j < m)
    {
      if (g_str_equal (g_ptr_array_index (a_norm, i), g_ptr_array_index (b_norm, j)))
        {
          g_ptr_array_add (diff, diff_sentence_new (CE_DIFF_SAME, AT (b, j)));
          i++;
          j++;
        }
      else if (CELL (i + 1, j) >= CELL (i, j + 1))
        g_ptr_array_add (diff, diff_sentence_new (CE_DIFF_REMOVED, AT (a, i++)));
      else
        g_ptr_array_add (diff, diff_sentence_new (CE_DIFF_ADDED, AT (b, j++)));
    }
#undef CELL

  for (; i < n; i++)
    g_ptr_array_add (diff, diff_sentence_new (CE_DIFF_REMOVED, AT (a, i)));
  for (; j < m; j++)
    g_ptr_array_add (diff, diff_sentence_new (CE_DIFF_ADDED, AT (b, j)));

  return diff;
}

/**
 * ce_sentence_diff_count:
 * @diff: (element-type CeDiffSentence): from ce_sentence_diff()
 * @added: (out) (optional): sentences added
 * @removed: (out) (optional): sentences removed
 */
void
ce_sentence_diff_count (GPtrArray *diff,
                        guint     *added,
                        guint     *removed)
{
  guint n_added = 0;
  guint n_removed = 0;

  g_return_if_fail (diff != NULL);

  for (guint k = 0; k < diff->len; k++)
    {
      const CeDiffSentence *sentence = g_ptr_array_index (diff, k);

      n_added += sentence->kind == CE_DIFF_ADDED;
      n_removed += sentence->kind == CE_DIFF_REMOVED;
    }

  if (added != NULL)
    *added = n_added;
  if (removed != NULL)
    *removed = n_removed;
}
