/* ce-contexts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-contexts"

#include "config.h"

#include <string.h>

#include "ce-contexts.h"
#include "ce-counter.h"
#include "ce-csv.h"
#include "ce-draft.h"
#include "ce-script.h"
#include "ce-search.h"

/* Bytes read on each side of a match per character wanted: UTF-8 takes
 * up to four per character, and runs of white space shrink when they are
 * flattened, so read generously and cut afterwards. */
#define BYTES_PER_CHAR 4
#define EXTRA_BYTES 64

G_DEFINE_BOXED_TYPE (CeContext, ce_context, ce_context_copy, ce_context_free)

CeContext *
ce_context_copy (const CeContext *context)
{
  CeContext *copy;

  g_return_val_if_fail (context != NULL, NULL);

  copy = g_new0 (CeContext, 1);
  copy->doc_id = context->doc_id;
  copy->title = g_strdup (context->title);
  copy->date = g_strdup (context->date);
  copy->left = g_strdup (context->left);
  copy->match = g_strdup (context->match);
  copy->right = g_strdup (context->right);
  copy->body_start = context->body_start;
  copy->body_end = context->body_end;
  copy->index = context->index;

  return copy;
}

void
ce_context_free (CeContext *context)
{
  if (context == NULL)
    return;

  g_free (context->title);
  g_free (context->date);
  g_free (context->left);
  g_free (context->match);
  g_free (context->right);
  g_free (context);
}

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v';
}

/* Appends body[from, to) on one line: every run of white space becomes
 * one space, and the heading mark at the start of a paragraph goes. */
static void
append_flat (GString    *out,
             const char *body,
             gsize       body_len,
             gsize       from,
             gsize       to)
{
  const gsize mark_len = strlen (CE_HEADING_MARK);

  for (gsize i = from; i < to; i++)
    {
      char c = body[i];

      if ((i == 0 || body[i - 1] == '\n') &&
          i + mark_len <= body_len &&
          memcmp (body + i, CE_HEADING_MARK, mark_len) == 0)
        {
          i += mark_len - 1;
          continue;
        }

      if (is_space (c))
        {
          if (out->len == 0 || out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          continue;
        }

      g_string_append_c (out, c);
    }
}

static char *
left_context (const char *body,
              gsize       body_len,
              guint       start,
              guint       width)
{
  g_autoptr(GString) flat = g_string_new (NULL);
  gsize budget = (gsize)width * BYTES_PER_CHAR + EXTRA_BYTES;
  gsize from = start > budget ? start - budget : 0;
  gboolean cut;
  gboolean before_is_space;
  const char *p;
  glong n_chars;

  if (width == 0)
    return g_strdup ("");

  /* Start on a character, not inside one */
  while (from < start && ((guchar)body[from] & 0xc0) == 0x80)
    from++;

  append_flat (flat, body, body_len, from, start);

  cut = from > 0;
  p = flat->str;
  n_chars = g_utf8_strlen (flat->str, flat->len);
  if (n_chars > (glong)width)
    {
      p = g_utf8_offset_to_pointer (flat->str, n_chars - width);
      cut = TRUE;
    }

  if (p == flat->str)
    before_is_space = from == 0 || is_space (body[from - 1]);
  else
    before_is_space = p[-1] == ' ';

  /* A word cut in two is left out; CJK text may be cut at any character */
  if (cut && !before_is_space && *p != ' ' && !ce_unichar_is_cjk (g_utf8_get_char (p)))
    {
      const char *space = strchr (p, ' ');

      p = space != NULL ? space : flat->str + flat->len;
    }

  while (*p == ' ')
    p++;

  return g_strdup (p);
}

static char *
right_context (const char *body,
               gsize       body_len,
               guint       end,
               guint       width)
{
  g_autoptr(GString) flat = g_string_new (NULL);
  gsize budget = (gsize)width * BYTES_PER_CHAR + EXTRA_BYTES;
  gsize to = MIN (body_len, (gsize)end + budget);
  gboolean cut;
  gboolean after_is_space;
  glong n_chars;

  if (width == 0)
    return g_strdup ("");

  while (to > end && to < body_len && ((guchar)body[to] & 0xc0) == 0x80)
    to--;

  append_flat (flat, body, body_len, end, to);

  cut = to < body_len;
  after_is_space = !cut || is_space (body[to]);
  n_chars = g_utf8_strlen (flat->str, flat->len);
  if (n_chars > (glong)width)
    {
      const char *p = g_utf8_offset_to_pointer (flat->str, width);

      after_is_space = *p == ' ';
      g_string_truncate (flat, p - flat->str);
      cut = TRUE;
    }

  /* A word cut in two is left out; CJK text may be cut at any character */
  if (cut && !after_is_space && flat->len > 0 && flat->str[flat->len - 1] != ' ' &&
      !ce_unichar_is_cjk (g_utf8_get_char (g_utf8_find_prev_char (flat->str, flat->str + flat->len))))
    {
      const char *space = strrchr (flat->str, ' ');

      g_string_truncate (flat, space != NULL ? (gsize)(space - flat->str) : 0);
    }

  while (flat->len > 0 && flat->str[flat->len - 1] == ' ')
    g_string_truncate (flat, flat->len - 1);

  return g_string_free (g_steal_pointer (&flat), FALSE);
}

/**
 * ce_context_new_for_range:
 * @body: the body of document @doc_id
 * @start: where the match starts in @body, in bytes
 * @end: where it ends, exclusive
 * @width_chars: characters of context wanted on each side
 *
 * Returns: (transfer full): the line for the match
 */
CeContext *
ce_context_new_for_range (gint64      doc_id,
                          const char *title,
                          const char *date,
                          const char *body,
                          guint       start,
                          guint       end,
                          guint       width_chars)
{
  g_autoptr(GString) match = g_string_new (NULL);
  CeContext *context;
  gsize body_len;

  g_return_val_if_fail (body != NULL, NULL);

  body_len = strlen (body);
  end = MIN (end, body_len);
  start = MIN (start, end);

  append_flat (match, body, body_len, start, end);

  context = g_new0 (CeContext, 1);
  context->doc_id = doc_id;
  context->title = g_strdup (title != NULL ? title : "");
  context->date = g_strdup (date);
  context->left = left_context (body, body_len, start, width_chars);
  context->match = g_string_free (g_steal_pointer (&match), FALSE);
  context->right = right_context (body, body_len, end, width_chars);
  context->body_start = start;
  context->body_end = end;

  return context;
}

/* CeSearchRange and CeMention are both a start and an end in bytes */
G_STATIC_ASSERT (sizeof (CeSearchRange) == sizeof (CeMention));
G_STATIC_ASSERT (G_STRUCT_OFFSET (CeSearchRange, end) == G_STRUCT_OFFSET (CeMention, end));

static void
add_lines (GPtrArray  *lines,
           CeDocument *document,
           GArray     *ranges,
           guint       width_chars,
           guint       limit)
{
  const char *body = ce_document_get_body (document);

  if (body == NULL)
    return;

  for (guint i = 0; i < ranges->len && (limit == 0 || lines->len < limit); i++)
    {
      const CeSearchRange *range = &g_array_index (ranges, CeSearchRange, i);
      CeContext *line = ce_context_new_for_range (ce_document_get_id (document),
                                                  ce_document_get_title (document),
                                                  ce_document_get_date (document),
                                                  body, range->start, range->end,
                                                  width_chars);

      line->index = lines->len;
      g_ptr_array_add (lines, line);
    }
}

/* An interrupted statement reports an SQL error; the caller wants to
 * know it was cancelled. */
static gboolean
propagate (GError       **error,
           GError        *local,
           GCancellable  *cancellable)
{
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (&local);
      return !g_cancellable_set_error_if_cancelled (cancellable, error);
    }

  g_propagate_error (error, local);
  return FALSE;
}

/**
 * ce_contexts_for_query:
 * @width_chars: characters of context on each side of a match
 * @limit: the most lines to return; 0 for all
 * @total: (out) (optional): how many matches there are in all
 * @cancellable: (nullable): interrupts the work; set on @corpus while
 *   it runs
 *
 * Lists what @query matches in the bodies of the documents it finds, in
 * corpus order: the same matches as ce_search_instances() and the
 * highlighting in the reader.
 *
 * Returns: (transfer full) (element-type CeContext): up to @limit lines,
 *   or %NULL with an error
 */
GPtrArray *
ce_contexts_for_query (CeCorpus      *corpus,
                       CeQuery       *query,
                       guint          width_chars,
                       guint          limit,
                       guint         *total,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GArray) ids = NULL;
  GError *local = NULL;
  guint64 n_matches = 0;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  lines = g_ptr_array_new_with_free_func ((GDestroyNotify)ce_context_free);
  if (total != NULL)
    *total = 0;

  /* A query of filters only matches documents, not words */
  if (ce_query_get_highlight_fts (query) == NULL)
    return g_steal_pointer (&lines);

  ce_corpus_set_cancellable (corpus, cancellable);

  ids = ce_search_ids (corpus, query, CE_SORT_ORDER, FALSE, &local);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(GArray) ranges = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      ranges = ce_search_instances (corpus, query, id, &local);
      if (ranges == NULL)
        break;
      if (ranges->len == 0)
        continue;

      if (limit == 0 || lines->len < limit)
        {
          g_autoptr(CeDocument) document = ce_corpus_get_document (corpus, id, &local);

          if (document == NULL)
            break;
          add_lines (lines, document, ranges, width_chars, limit);
        }

      n_matches += ranges->len;
    }

  ce_corpus_set_cancellable (corpus, NULL);

  if (local != NULL || g_cancellable_is_cancelled (cancellable))
    {
      propagate (error, local, cancellable);
      return NULL;
    }

  if (total != NULL)
    *total = (guint)MIN (n_matches, G_MAXUINT);

  return g_steal_pointer (&lines);
}

/**
 * ce_contexts_for_topic:
 * @width_chars: characters of context on each side of a mention
 * @limit: the most lines to return; 0 for all
 * @total: (out) (optional): how many mentions there are in all, as
 *   ce_counter_total() counts them
 * @cancellable: (nullable): interrupts the work; set on @corpus while
 *   it runs
 *
 * Lists the mentions of @topic, in corpus order: the same mentions as
 * ce_counter_mentions() and the charts count.
 *
 * Returns: (transfer full) (element-type CeContext): up to @limit lines,
 *   or %NULL with an error naming a bad term
 */
GPtrArray *
ce_contexts_for_topic (CeCorpus      *corpus,
                       CeTopic       *topic,
                       guint          width_chars,
                       guint          limit,
                       guint         *total,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GHashTable) counted = NULL;
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GArray) ids = NULL;
  GError *local = NULL;
  guint64 n_mentions = 0;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);
  g_return_val_if_fail (CE_IS_TOPIC (topic), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  lines = g_ptr_array_new_with_free_func ((GDestroyNotify)ce_context_free);
  if (total != NULL)
    *total = 0;

  ce_corpus_set_cancellable (corpus, cancellable);

  counts = ce_counter_count_documents (corpus, topic, NULL, &local);
  if (counts == NULL)
    goto out;

  n_mentions = ce_counter_total (counts);
  counted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < counts->len; i++)
    g_hash_table_add (counted, g_memdup2 (&g_array_index (counts, CeDocCount, i).doc_id,
                                          sizeof (gint64)));

  /* Counts come by id; lines follow the corpus order */
  if (counts->len == 0)
    goto out;
  if ((ids = ce_corpus_list_document_ids (corpus, &local)) == NULL)
    goto out;

  for (guint i = 0; i < ids->len && (limit == 0 || lines->len < limit); i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(CeDocument) document = NULL;
      g_autoptr(GArray) mentions = NULL;

      if (!g_hash_table_contains (counted, &id))
        continue;
      if (g_cancellable_is_cancelled (cancellable))
        break;

      if ((mentions = ce_counter_mentions (corpus, topic, id, &local)) == NULL)
        break;
      if ((document = ce_corpus_get_document (corpus, id, &local)) == NULL)
        break;
      add_lines (lines, document, mentions, width_chars, limit);
    }

out:
  if (local == NULL && counts != NULL && total != NULL)
    *total = (guint)MIN (n_mentions, G_MAXUINT);

  ce_corpus_set_cancellable (corpus, NULL);

  if (local != NULL || g_cancellable_is_cancelled (cancellable))
    {
      propagate (error, local, cancellable);
      return NULL;
    }

  return g_steal_pointer (&lines);
}

/* Sorting and filtering */

/**
 * ce_context_fold_word:
 * @word: a word as written
 * @len: its length in bytes, or -1 when nul-terminated
 *
 * Folds a word the way the corpus index does: case and accents go.
 *
 * Returns: (transfer full): the folded word
 */
char *
ce_context_fold_word (const char *word,
                      gssize      len)
{
  g_autofree char *valid = g_utf8_make_valid (word, len);
  g_autofree char *decomposed = g_utf8_normalize (valid, -1, G_NORMALIZE_NFKD);
  g_autoptr(GString) bare = g_string_new (NULL);

  for (const char *p = decomposed != NULL ? decomposed : valid; *p != 0; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
        continue;
      g_string_append_unichar (bare, c);
    }

  return g_utf8_casefold (bare->str, bare->len);
}

/* The words of @text, each a run of letters and digits, folded; as the
 * index splits text, an apostrophe or a hyphen ends a word */
static GPtrArray *
split_words (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *start = NULL;
  const char *p;

  for (p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = *p != 0 ? g_utf8_get_char (p) : 0;
      gboolean in_word = c != 0 && (g_unichar_isalnum (c) ||
                                    g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK);

      if (in_word && start == NULL)
        start = p;
      else if (!in_word && start != NULL)
        {
          g_ptr_array_add (words, ce_context_fold_word (start, p - start));
          start = NULL;
        }

      if (c == 0)
        break;
    }

  return words;
}

/**
 * ce_context_has_word:
 * @word: a word; compared as the index compares words
 *
 * Returns: whether @word is one of the words of the context left or right
 *   of the match
 */
gboolean
ce_context_has_word (const CeContext *context,
                     const char      *word)
{
  g_autofree char *wanted = NULL;
  const char *sides[2];

  g_return_val_if_fail (context != NULL, FALSE);
  g_return_val_if_fail (word != NULL, FALSE);

  wanted = ce_context_fold_word (word, -1);
  g_strstrip (wanted);
  if (wanted[0] == 0)
    return TRUE;

  sides[0] = context->left;
  sides[1] = context->right;
  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    {
      g_autoptr(GPtrArray) words = split_words (sides[s] != NULL ? sides[s] : "");

      for (guint i = 0; i < words->len; i++)
        {
          if (g_str_equal (g_ptr_array_index (words, i), wanted))
            return TRUE;
        }
    }

  return FALSE;
}

/**
 * ce_contexts_filter:
 * @lines: (element-type CeContext): lines
 * @word: (nullable): a word to look for around the match
 *
 * Returns: (transfer full) (element-type CeContext): copies of the lines
 *   of @lines that have @word left or right of the match, in their order
 */
GPtrArray *
ce_contexts_filter (GPtrArray  *lines,
                    const char *word)
{
  GPtrArray *kept = g_ptr_array_new_with_free_func ((GDestroyNotify)ce_context_free);

  g_return_val_if_fail (lines != NULL, kept);

  for (guint i = 0; i < lines->len; i++)
    {
      const CeContext *line = g_ptr_array_index (lines, i);

      if (word == NULL || ce_context_has_word (line, word))
        g_ptr_array_add (kept, ce_context_copy (line));
    }

  return kept;
}

#define SORT_DEPTH 3

typedef struct
{
  CeContext *line;
  char      *keys[SORT_DEPTH];  /* collation keys of the words compared, NULL past the text */
} SortItem;

static int
compare_keys (const char *a,
              const char *b)
{
  /* A missing word sorts first, as an empty one would */
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  return strcmp (a, b);
}

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const SortItem *ia = a;
  const SortItem *ib = b;
  CeContextSort sort = GPOINTER_TO_INT (user_data);
  int cmp;

  if (sort == CE_CONTEXT_SORT_DATE &&
      (ia->line->date == NULL) != (ib->line->date == NULL))
    return ia->line->date == NULL ? 1 : -1;

  for (guint k = 0; k < SORT_DEPTH; k++)
    {
      if ((cmp = compare_keys (ia->keys[k], ib->keys[k])) != 0)
        return cmp;
    }

  if (ia->line->index != ib->line->index)
    return ia->line->index < ib->line->index ? -1 : 1;
  if (ia->line->doc_id != ib->line->doc_id)
    return ia->line->doc_id < ib->line->doc_id ? -1 : 1;
  return ia->line->body_start < ib->line->body_start ? -1 :
         ia->line->body_start > ib->line->body_start;
}

static void
fill_keys (SortItem      *item,
           CeContextSort  sort)
{
  g_autoptr(GPtrArray) words = NULL;
  gboolean left;
  guint first;

  switch (sort)
    {
    case CE_CONTEXT_SORT_DOC:
      {
        g_autofree char *folded = g_utf8_casefold (item->line->title != NULL ? item->line->title : "", -1);

        item->keys[0] = g_utf8_collate_key (folded, -1);
      }
      return;

    case CE_CONTEXT_SORT_DATE:
      item->keys[0] = g_strdup (item->line->date);
      return;

    case CE_CONTEXT_SORT_1L:
    case CE_CONTEXT_SORT_2L:
    case CE_CONTEXT_SORT_3L:
      left = TRUE;
      first = sort - CE_CONTEXT_SORT_1L;
      break;

    case CE_CONTEXT_SORT_1R:
    case CE_CONTEXT_SORT_2R:
    case CE_CONTEXT_SORT_3R:
      left = FALSE;
      first = sort - CE_CONTEXT_SORT_1R;
      break;

    case CE_CONTEXT_SORT_ORDER:
    default:
      return;
    }

  words = split_words (left ? item->line->left : item->line->right);
  for (guint k = 0; k < SORT_DEPTH; k++)
    {
      guint n = first + k;
      const char *word;

      if (n >= words->len)
        break;
      word = g_ptr_array_index (words, left ? words->len - 1 - n : n);
      item->keys[k] = g_utf8_collate_key (word, -1);
    }
}

/**
 * ce_contexts_sort:
 * @lines: (element-type CeContext): lines made by ce_contexts_for_query()
 *   or ce_contexts_for_topic()
 *
 * Sorts @lines in place.  Words compare as the index folds them (case
 * and accents aside), in the collation of the locale; a line with fewer
 * words on the side sorted by comes first.
 */
void
ce_contexts_sort (GPtrArray     *lines,
                  CeContextSort  sort)
{
  g_autofree SortItem *items = NULL;

  g_return_if_fail (lines != NULL);

  items = g_new0 (SortItem, MAX (lines->len, 1));
  for (guint i = 0; i < lines->len; i++)
    {
      items[i].line = g_ptr_array_index (lines, i);
      fill_keys (&items[i], sort);
    }

  g_qsort_with_data (items, lines->len, sizeof (SortItem), compare_items, GINT_TO_POINTER (sort));

  for (guint i = 0; i < lines->len; i++)
    {
      lines->pdata[i] = items[i].line;
      for (guint k = 0; k < SORT_DEPTH; k++)
        g_free (items[i].keys[k]);
    }
}

/**
 * ce_contexts_to_csv:
 * @lines: (element-type CeContext): lines
 *
 * Returns: (transfer full): the lines as CSV with a header: doc_id,
 *   date, title, left, match, right, start, end (byte offsets in the body)
 */
char *
ce_contexts_to_csv (GPtrArray *lines)
{
  GString *out = g_string_new ("doc_id,date,title,left,match,right,start,end\r\n");

  g_return_val_if_fail (lines != NULL, NULL);

  for (guint i = 0; i < lines->len; i++)
    {
      const CeContext *line = g_ptr_array_index (lines, i);

      ce_csv_append_int (out, line->doc_id);
      ce_csv_append_field (out, line->date);
      ce_csv_append_field (out, line->title);
      ce_csv_append_field (out, line->left);
      ce_csv_append_field (out, line->match);
      ce_csv_append_field (out, line->right);
      ce_csv_append_int (out, line->body_start);
      ce_csv_append_int (out, line->body_end);
      ce_csv_end_row (out);
    }

  return g_string_free (out, FALSE);
}

/**
 * ce_contexts_to_text:
 * @width_chars: the width the left contexts are aligned to
 *
 * Returns: (transfer full): the lines as a plain-text concordance, the
 *   matches one above the other: "LEFT  MATCH  RIGHT  [ID]"
 */
char *
ce_contexts_to_text (GPtrArray *lines,
                     guint      width_chars)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (lines != NULL, NULL);

  for (guint i = 0; i < lines->len; i++)
    {
      const CeContext *line = g_ptr_array_index (lines, i);

      ce_text_append_padded (out, line->left, width_chars, TRUE);
      g_string_append_printf (out, "  %s  ", line->match);
      ce_text_append_padded (out, line->right, width_chars, FALSE);
      g_string_append_printf (out, "  [%" G_GINT64_FORMAT "]\n", line->doc_id);
    }

  return g_string_free (out, FALSE);
}
