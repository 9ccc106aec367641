/* ce-contexts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-contexts"

#include "config.h"

#include <string.h>

#include "ce-contexts.h"
#include "ce-counter.h"
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

      g_ptr_array_add (lines, ce_context_new_for_range (ce_document_get_id (document),
                                                        ce_document_get_title (document),
                                                        ce_document_get_date (document),
                                                        body, range->start, range->end,
                                                        width_chars));
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
