/* ce-corpus-mentions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The FTS5 auxiliary function that counts a topic's mentions in a row
 * (ce-corpus-count.h says what a mention is), and gives their byte
 * ranges.
 */

#define G_LOG_DOMAIN "ce-corpus-count"

#include "config.h"

#include <string.h>

#include "ce-corpus-count.h"
#include "ce-corpus-private.h"
#include "ce-corpus-count-private.h"

/* The auxiliary function */

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *sa = a;
  const Span *sb = b;

  if (sa->column != sb->column)
    return sa->column < sb->column ? -1 : 1;
  if (sa->start != sb->start)
    return sa->start < sb->start ? -1 : 1;
  if (sa->end != sb->end)
    return sa->end < sb->end ? -1 : 1;
  return 0;
}

static int
collect_token_cb (void       *user_data,
                  int         flags,
                  const char *token,
                  int         n_token,
                  int         start,
                  int         end)
{
  TokenCollector *collector = user_data;
  TokenOffset offset = { start, end };

  if (flags & FTS5_TOKEN_COLOCATED)
    return SQLITE_OK;

  g_array_append_val (collector->offsets, offset);

  /* Tokens after the last mention are not needed */
  if ((int)collector->offsets->len > collector->last)
    return SQLITE_DONE;

  return SQLITE_OK;
}

static gboolean
span_matches_case (const Plan  *plan,
                   const Span  *span,
                   const char  *text,
                   int          n_text)
{
  const PlanPhrase *phrase = &g_array_index (plan->phrases, PlanPhrase, span->phrase);

  for (int k = 0; span->start + k <= span->end; k++)
    {
      guint pos = span->start + k;
      const TokenOffset *offset;
      const char *expected;
      gsize expected_len;
      gsize actual_len;

      if (pos >= plan->offsets->len || (guint)k >= phrase->tokens->len)
        return FALSE;

      offset = &g_array_index (plan->offsets, TokenOffset, pos);
      if (offset->start < 0 || offset->end > n_text || offset->start > offset->end)
        return FALSE;

      expected = g_ptr_array_index (phrase->tokens, k);
      expected_len = strlen (expected);
      actual_len = offset->end - offset->start;

      if (phrase->prefix && span->start + k == span->end)
        {
          if (actual_len < expected_len || memcmp (text + offset->start, expected, expected_len) != 0)
            return FALSE;
        }
      else if (actual_len != expected_len || memcmp (text + offset->start, expected, expected_len) != 0)
        return FALSE;
    }

  return TRUE;
}

/* Reads the token offsets of @column's text into plan->offsets and
 * drops the case-sensitive spans of that column whose text differs */
static int
check_column (const Fts5ExtensionApi *api,
              Fts5Context            *fts,
              Plan                   *plan,
              int                     column,
              guint                   from,
              guint                   to,
              guint                  *kept)
{
  g_autofree char *owned = NULL;
  TokenCollector collector = { plan->offsets, -1 };
  const char *text = NULL;
  int n_text = 0;
  int rc;

  for (guint i = from; i < to; i++)
    collector.last = MAX (collector.last, g_array_index (plan->spans, Span, i).end);

  g_array_set_size (plan->offsets, 0);
  if ((rc = _ce_corpus_fts_column_text (api, fts, column, &text, &n_text, &owned)) != SQLITE_OK)
    return rc;

  if (text != NULL)
    {
      rc = api->xTokenize (fts, text, n_text, &collector, collect_token_cb);
      if (rc != SQLITE_OK && rc != SQLITE_DONE)
        return rc;
    }

  for (guint i = from; i < to; i++)
    {
      Span *span = &g_array_index (plan->spans, Span, i);

      if (g_array_index (plan->phrases, PlanPhrase, span->phrase).case_sensitive &&
          (text == NULL || !span_matches_case (plan, span, text, n_text)))
        continue;

      g_array_index (plan->spans, Span, (*kept)++) = *span;
    }

  return SQLITE_OK;
}

/* Counts the runs of overlapping spans in spans[from, to) (one column's,
 * sorted), with their byte ranges when plan->want_ranges */
static guint
count_runs (Plan  *plan,
            guint  from,
            guint  to)
{
  guint count = 0;

  for (guint i = from; i < to; )
    {
      int start = g_array_index (plan->spans, Span, i).start;
      int end = g_array_index (plan->spans, Span, i).end;

      for (i++; i < to && g_array_index (plan->spans, Span, i).start <= end; i++)
        end = MAX (end, g_array_index (plan->spans, Span, i).end);

      count++;

      if (plan->want_ranges)
        {
          CeMention mention = { 0, 0 };

          if (start >= 0 && (guint)end < plan->offsets->len)
            {
              mention.start = g_array_index (plan->offsets, TokenOffset, start).start;
              mention.end = g_array_index (plan->offsets, TokenOffset, end).end;
            }
          g_array_append_val (plan->ranges, mention);
        }
    }

  return count;
}

static int
compare_mentions (gconstpointer a,
                  gconstpointer b)
{
  const CeMention *ma = a;
  const CeMention *mb = b;

  if (ma->start != mb->start)
    return ma->start < mb->start ? -1 : 1;
  return ma->end < mb->end ? -1 : ma->end > mb->end;
}

/* ce_mentions(fts, plan): the number of mentions in the row, or with
 * plan->want_ranges their byte ranges in plan->ranges.  The new text and
 * the quoted text are two columns: a mention lies in one of them, and
 * each column's token positions are its own. */
void
_ce_counter_mentions_func (const Fts5ExtensionApi  *api,
                           Fts5Context             *fts,
                           sqlite3_context         *context,
                           int                      n_values,
                           sqlite3_value          **values)
{
  Plan *plan = NULL;
  gboolean need_text;
  int n_inst = 0;
  guint count = 0;
  int rc;

  if (n_values == 1)
    plan = sqlite3_value_pointer (values[0], PLAN_POINTER_TYPE);

  if (plan == NULL)
    {
      sqlite3_result_error (context, MENTIONS_FUNCTION ": wrong arguments", -1);
      return;
    }

  g_array_set_size (plan->spans, 0);
  if (plan->want_ranges)
    g_array_set_size (plan->ranges, 0);

  if ((rc = api->xInstCount (fts, &n_inst)) != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  need_text = plan->want_ranges;

  for (int i = 0; i < n_inst; i++)
    {
      int phrase, column, offset;
      Span span;

      if ((rc = api->xInst (fts, i, &phrase, &column, &offset)) != SQLITE_OK)
        {
          sqlite3_result_error_code (context, rc);
          return;
        }

      /* Phrases of an added restriction come after the topic's */
      if (phrase < 0 || (guint)phrase >= plan->phrases->len ||
          (column != CE_FTS_BODY && column != CE_FTS_QUOTED))
        continue;

      span.column = column;
      span.start = offset;
      span.end = offset + MAX (api->xPhraseSize (fts, phrase), 1) - 1;
      span.phrase = phrase;
      g_array_append_val (plan->spans, span);

      if (g_array_index (plan->phrases, PlanPhrase, phrase).case_sensitive)
        need_text = TRUE;
    }

  g_array_sort (plan->spans, compare_spans);

  /* One column at a time: its spans are spans[from, to) */
  for (guint from = 0, kept = 0; from < plan->spans->len; )
    {
      int column = g_array_index (plan->spans, Span, from).column;
      guint to = from;
      guint first = kept;

      while (to < plan->spans->len && g_array_index (plan->spans, Span, to).column == column)
        to++;

      if (need_text)
        {
          if ((rc = check_column (api, fts, plan, column, from, to, &kept)) != SQLITE_OK)
            {
              sqlite3_result_error_code (context, rc);
              return;
            }
        }
      else
        {
          for (guint i = from; i < to; i++)
            g_array_index (plan->spans, Span, kept++) = g_array_index (plan->spans, Span, i);
        }

      count += count_runs (plan, first, kept);
      from = to;

      if (from >= plan->spans->len)
        g_array_set_size (plan->spans, kept);
    }

  if (plan->want_ranges)
    g_array_sort (plan->ranges, compare_mentions);

  sqlite3_result_int64 (context, count);
}
