/* ce-corpus-snippet.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-corpus-snippet"

#include "config.h"

#include <string.h>

#include "ce-corpus-private.h"

/* ce_snippet(fts, column, tokens): the words of a search result shown
 * under its title, for corpora with the CJK tokenizer.  FTS5's own
 * snippet() assumes that tokens never share bytes; the pairs of that
 * tokenizer do ("北京" and "京剧" share 京), and two matches side by side
 * made it repeat text.  This one marks the byte ranges of the matches,
 * overlaps merged, as ce_instances() finds them: \x01 before a match,
 * \x02 after, "…" where text was left out. */

typedef struct
{
  int start;   /* token positions, inclusive */
  int end;
} PositionSpan;

typedef struct
{
  int start;   /* bytes */
  int end;
} ByteRange;

typedef struct
{
  GArray *offsets;   /* ByteRange of each token */
  guint   needed;
} Collector;

static int
collect_cb (void       *user_data,
            int         flags,
            const char *token,
            int         n_token,
            int         start,
            int         end)
{
  Collector *collector = user_data;
  ByteRange range = { start, end };

  if (flags & FTS5_TOKEN_COLOCATED)
    return SQLITE_OK;

  g_array_append_val (collector->offsets, range);
  return collector->offsets->len >= collector->needed ? SQLITE_DONE : SQLITE_OK;
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const PositionSpan *sa = a;
  const PositionSpan *sb = b;

  if (sa->start != sb->start)
    return sa->start < sb->start ? -1 : 1;
  return sa->end < sb->end ? -1 : sa->end > sb->end;
}

/* The first token of the window of @n tokens that holds the most
 * matches, with them in its middle */
static int
choose_window (GArray *spans,
               int     n)
{
  int best_start = 0;
  guint best_count = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      const PositionSpan *first = &g_array_index (spans, PositionSpan, i);
      int last_end = first->end;
      guint count = 0;
      int start;

      for (guint j = i; j < spans->len; j++)
        {
          const PositionSpan *span = &g_array_index (spans, PositionSpan, j);

          if (span->end >= first->start + n)
            break;
          last_end = MAX (last_end, span->end);
          count++;
        }

      start = MAX (0, first->start - (n - (last_end - first->start + 1)) / 2);
      if (count > best_count)
        {
          best_count = count;
          best_start = start;
        }
    }

  return best_start;
}

static void
append_marked (GString    *out,
               const char *text,
               int         from,
               int         to,
               GArray     *ranges)
{
  int at = from;

  for (guint i = 0; i < ranges->len; i++)
    {
      const ByteRange *range = &g_array_index (ranges, ByteRange, i);
      int start = CLAMP (range->start, at, to);
      int end = CLAMP (range->end, start, to);

      if (end <= start)
        continue;

      g_string_append_len (out, text + at, start - at);
      g_string_append_c (out, '\x01');
      g_string_append_len (out, text + start, end - start);
      g_string_append_c (out, '\x02');
      at = end;
    }

  g_string_append_len (out, text + at, to - at);
}

void
_ce_corpus_snippet_func (const Fts5ExtensionApi  *api,
                         Fts5Context             *fts,
                         sqlite3_context         *context,
                         int                      n_args,
                         sqlite3_value          **args)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (PositionSpan));
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (ByteRange));
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (ByteRange));
  g_autoptr(GString) out = NULL;
  Collector collector = { offsets, 0 };
  const char *text = NULL;
  int n_text = 0;
  int n_inst = 0;
  int column;
  int n;
  int first;
  int last;
  int rc;

  if (n_args != 2)
    {
      sqlite3_result_error (context, "ce_snippet() takes a column and a number of tokens", -1);
      return;
    }

  column = sqlite3_value_int (args[0]);
  n = CLAMP (sqlite3_value_int (args[1]), 1, 64);

  if ((rc = api->xInstCount (fts, &n_inst)) != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  for (int i = 0; i < n_inst; i++)
    {
      int phrase, inst_column, offset;
      PositionSpan span;

      if ((rc = api->xInst (fts, i, &phrase, &inst_column, &offset)) != SQLITE_OK)
        {
          sqlite3_result_error_code (context, rc);
          return;
        }

      if (inst_column != column || offset < 0)
        continue;

      span.start = offset;
      span.end = offset + MAX (api->xPhraseSize (fts, phrase), 1) - 1;
      g_array_append_val (spans, span);
    }
  g_array_sort (spans, compare_spans);

  if ((rc = api->xColumnText (fts, column, &text, &n_text)) != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  if (text == NULL || n_text <= 0)
    {
      sqlite3_result_text (context, "", 0, SQLITE_STATIC);
      return;
    }

  first = choose_window (spans, n);
  /* One token more than the window tells whether text follows it */
  collector.needed = first + n + 1;
  rc = api->xTokenize (fts, text, n_text, &collector, collect_cb);
  if (rc != SQLITE_OK && rc != SQLITE_DONE)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  if (offsets->len == 0)
    {
      sqlite3_result_text (context, "", 0, SQLITE_STATIC);
      return;
    }

  if ((guint)first >= offsets->len)
    first = 0;
  last = MIN ((guint)(first + n), offsets->len) - 1;

  for (guint i = 0; i < spans->len; i++)
    {
      const PositionSpan *span = &g_array_index (spans, PositionSpan, i);
      ByteRange range;

      if (span->start < first || span->start > last)
        continue;

      range.start = g_array_index (offsets, ByteRange, span->start).start;
      range.end = g_array_index (offsets, ByteRange, MIN (span->end, last)).end;

      if (ranges->len > 0 && range.start < g_array_index (ranges, ByteRange, ranges->len - 1).end)
        {
          ByteRange *prev = &g_array_index (ranges, ByteRange, ranges->len - 1);

          prev->end = MAX (prev->end, range.end);
        }
      else
        {
          g_array_append_val (ranges, range);
        }
    }

  out = g_string_new (NULL);
  if (first > 0)
    g_string_append (out, "…");
  append_marked (out, text,
                 g_array_index (offsets, ByteRange, first).start,
                 g_array_index (offsets, ByteRange, last).end,
                 ranges);
  if ((guint)last + 1 < offsets->len)
    g_string_append (out, "…");

  sqlite3_result_text (context, g_string_free (g_steal_pointer (&out), FALSE), -1, g_free);
}
