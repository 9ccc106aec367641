/* ce-corpus-count.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-corpus-count"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-corpus-count.h"
#include "ce-corpus-private.h"

/* The fts table is (title, body, quoted); mentions are counted in the
 * body, and in the quoted text when it counts (ce-corpus-quoted.c) */
#define STATE_KEY "ce-counter-state"
#define PLAN_POINTER_TYPE "ce_counter_plan"
#define MENTIONS_FUNCTION "ce_mentions"
#define DEFAULT_TOKENIZER "unicode61 remove_diacritics 2"
/* Enough for every topic of a chart and a few searches */
#define MAX_CACHED 64

G_DEFINE_QUARK (ce-counter-error-quark, ce_counter_error)

typedef struct
{
  fts5_api   *api;
  GHashTable *cache;         /* key -> GArray of CeDocCount */
  guint64     generation;
  gint64      data_version;
} CounterState;

typedef struct
{
  gboolean   case_sensitive;
  gboolean   prefix;
  GPtrArray *tokens;         /* original text of each token, case-sensitive only */
} PlanPhrase;

typedef struct
{
  int   column;              /* CE_FTS_BODY or CE_FTS_QUOTED */
  int   start;               /* token positions in the column, inclusive */
  int   end;
  guint phrase;
} Span;

typedef struct
{
  int start;                 /* byte offsets */
  int end;
} TokenOffset;

/* What the auxiliary function needs for one query: the topic's phrases
 * in the order FTS5 numbers them, and scratch space reused per row. */
typedef struct
{
  GArray   *phrases;         /* of PlanPhrase */
  gboolean  any_case_sensitive;
  gboolean  want_ranges;
  char     *query;           /* the terms OR-ed, without column filter */
  char     *key;             /* identifies the terms, for the cache */
  GArray   *spans;
  GArray   *offsets;
  GArray   *ranges;          /* of CeMention, when want_ranges */
} Plan;

typedef struct
{
  GArray *offsets;
  int     last;
} TokenCollector;

typedef struct
{
  GPtrArray *tokens;
  const char *text;
  guint      n_tokens;
} PhraseTokens;

static void
plan_phrase_clear (gpointer data)
{
  PlanPhrase *phrase = data;

  g_clear_pointer (&phrase->tokens, g_ptr_array_unref);
}

static void
plan_free (Plan *plan)
{
  if (plan == NULL)
    return;

  g_clear_pointer (&plan->phrases, g_array_unref);
  g_clear_pointer (&plan->spans, g_array_unref);
  g_clear_pointer (&plan->offsets, g_array_unref);
  g_clear_pointer (&plan->ranges, g_array_unref);
  g_free (plan->query);
  g_free (plan->key);
  g_free (plan);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Plan, plan_free)

static void
counter_state_free (gpointer data)
{
  CounterState *state = data;

  g_clear_pointer (&state->cache, g_hash_table_unref);
  g_free (state);
}

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
static void
mentions_func (const Fts5ExtensionApi  *api,
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

/* Per-connection state */

static fts5_api *
find_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;

  sqlite3_bind_pointer (stmt, 1, (void *)&api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  return api;
}

static CounterState *
get_state (CeCorpus  *corpus,
           GError   **error)
{
  CounterState *state = g_object_get_data (G_OBJECT (corpus), STATE_KEY);
  fts5_api *api;

  if (state != NULL)
    return state;

  api = find_fts5_api (_ce_corpus_get_db (corpus));
  if (api == NULL || api->iVersion < 2)
    {
      g_set_error_literal (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_FAILED,
                           _("This SQLite has no usable FTS5"));
      return NULL;
    }

  if (api->xCreateFunction (api, MENTIONS_FUNCTION, NULL, mentions_func, NULL) != SQLITE_OK)
    {
      g_set_error_literal (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_FAILED,
                           _("Could not register the mention counter with FTS5"));
      return NULL;
    }

  state = g_new0 (CounterState, 1);
  state->api = api;
  state->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify)g_array_unref);
  g_object_set_data_full (G_OBJECT (corpus), STATE_KEY, state, counter_state_free);

  return state;
}

static gint64
query_data_version (CeCorpus *corpus)
{
  g_autoptr(sqlite3_stmt) stmt = _ce_corpus_prepare (corpus, "PRAGMA data_version", NULL);

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);

  return -1;
}

/* Cached counts are valid while neither this connection (generation) nor
 * another one (data_version) changed the corpus. */
static void
check_cache (CeCorpus     *corpus,
             CounterState *state)
{
  guint64 generation = ce_corpus_get_generation (corpus);
  gint64 data_version = query_data_version (corpus);

  if (generation != state->generation || data_version != state->data_version ||
      g_hash_table_size (state->cache) >= MAX_CACHED)
    {
      g_hash_table_remove_all (state->cache);
      state->generation = generation;
      state->data_version = data_version;
    }
}

/* Term compilation, with the corpus's own tokenizer so that term words
 * split exactly as the index split the text. */

static int
phrase_token_cb (void       *user_data,
                 int         flags,
                 const char *token,
                 int         n_token,
                 int         start,
                 int         end)
{
  PhraseTokens *tokens = user_data;

  if (flags & FTS5_TOKEN_COLOCATED)
    return SQLITE_OK;

  tokens->n_tokens++;
  if (tokens->tokens != NULL)
    g_ptr_array_add (tokens->tokens, g_strndup (tokens->text + start, MAX (end - start, 0)));

  return SQLITE_OK;
}

static char *
read_tokenizer_spec (CeCorpus *corpus)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _ce_corpus_prepare (corpus, "SELECT value FROM properties WHERE key = 'tokenizer'", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    return g_strdup ((const char *)sqlite3_column_text (stmt, 0));

  return g_strdup (DEFAULT_TOKENIZER);
}

static Plan *
compile_topic (CeCorpus     *corpus,
               CounterState *state,
               CeTopic      *topic,
               GError      **error)
{
  g_autoptr(Plan) plan = g_new0 (Plan, 1);
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GString) key = g_string_new (NULL);
  g_autofree char *spec = read_tokenizer_spec (corpus);
  g_auto(GStrv) args = g_strsplit_set (spec, " \t", -1);
  g_autoptr(GPtrArray) nonempty = g_ptr_array_new ();
  const char * const *terms = ce_topic_get_terms (topic);
  fts5_tokenizer tokenizer_api;
  Fts5Tokenizer *tokenizer = NULL;
  void *tokenizer_data = NULL;
  gboolean ok = TRUE;

  for (guint i = 0; args[i] != NULL; i++)
    {
      if (args[i][0] != 0)
        g_ptr_array_add (nonempty, args[i]);
    }

  if (nonempty->len == 0 ||
      state->api->xFindTokenizer (state->api, g_ptr_array_index (nonempty, 0),
                                  &tokenizer_data, &tokenizer_api) != SQLITE_OK ||
      tokenizer_api.xCreate (tokenizer_data, (const char **)nonempty->pdata + 1,
                             nonempty->len - 1, &tokenizer) != SQLITE_OK)
    {
      g_set_error (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_FAILED,
                   _("The tokenizer “%s” of “%s” is not available"),
                   spec, ce_corpus_get_path (corpus));
      return NULL;
    }

  plan->phrases = g_array_new (FALSE, TRUE, sizeof (PlanPhrase));
  g_array_set_clear_func (plan->phrases, plan_phrase_clear);
  plan->spans = g_array_new (FALSE, FALSE, sizeof (Span));
  plan->offsets = g_array_new (FALSE, FALSE, sizeof (TokenOffset));
  plan->ranges = g_array_new (FALSE, FALSE, sizeof (CeMention));

  if (terms == NULL || terms[0] == NULL)
    {
      g_set_error (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_TERM,
                   _("The topic “%s” has no terms"), ce_topic_get_name (topic));
      ok = FALSE;
    }

  for (guint i = 0; ok && terms[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(CeTopicTerm) term = ce_topic_term_parse (terms[i], &local_error);

      if (term == NULL)
        {
          g_set_error_literal (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_TERM,
                               local_error->message);
          ok = FALSE;
          break;
        }

      for (guint j = 0; j < term->phrases->len; j++)
        {
          CeTopicPhrase *phrase = g_ptr_array_index (term->phrases, j);
          PlanPhrase compiled = { phrase->case_sensitive, phrase->prefix, NULL };
          PhraseTokens tokens = { NULL, phrase->text, 0 };

          if (phrase->case_sensitive)
            compiled.tokens = tokens.tokens = g_ptr_array_new_with_free_func (g_free);

          if (tokenizer_api.xTokenize (tokenizer, &tokens, FTS5_TOKENIZE_QUERY,
                                       phrase->text, strlen (phrase->text),
                                       phrase_token_cb) != SQLITE_OK ||
              tokens.n_tokens == 0)
            {
              g_set_error (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_TERM,
                           _("The term “%s” has no word the index can look for"), term->source);
              g_clear_pointer (&compiled.tokens, g_ptr_array_unref);
              ok = FALSE;
              break;
            }

          plan->any_case_sensitive |= phrase->case_sensitive;
          g_array_append_val (plan->phrases, compiled);
        }

      if (i > 0)
        g_string_append (query, " OR ");
      g_string_append (query, term->query);
      g_string_append (key, terms[i]);
      g_string_append_c (key, '\x1f');
    }

  tokenizer_api.xDelete (tokenizer);

  if (!ok)
    return NULL;

  plan->query = g_string_free (g_steal_pointer (&query), FALSE);
  plan->key = g_string_free (g_steal_pointer (&key), FALSE);

  return g_steal_pointer (&plan);
}

/* The topic's terms in the columns counted, AND the restriction as the
 * connection scopes every user expression */
static char *
build_match (CeCorpus   *corpus,
             const Plan *plan,
             const char *restrict_fts)
{
  const char *columns = _ce_corpus_mention_columns (corpus);

  if (restrict_fts != NULL && restrict_fts[0] != 0)
    {
      g_autofree char *scoped = _ce_corpus_scope_fts (corpus, restrict_fts);

      return g_strdup_printf ("(%s : (%s)) AND (%s)", columns, plan->query, scoped);
    }

  return g_strdup_printf ("%s : (%s)", columns, plan->query);
}

static void
set_query_error (CeCorpus    *corpus,
                 GError     **error,
                 const char  *restrict_fts)
{
  const char *message = sqlite3_errmsg (_ce_corpus_get_db (corpus));
  int code = sqlite3_extended_errcode (_ce_corpus_get_db (corpus));

  /* FTS5 reports a bad expression as a plain SQLITE_ERROR; the topic's
   * own part is quoted safely, so the restriction is the culprit. */
  if (code == SQLITE_ERROR && restrict_fts != NULL)
    g_set_error (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_QUERY,
                 _("The search “%s” is not valid: %s"), restrict_fts, message);
  else
    _ce_corpus_set_sql_error (corpus, error, _("Could not count mentions"));
}

/**
 * ce_counter_check_topic:
 *
 * Checks that every term of @topic can be counted in @corpus.
 *
 * Returns: %TRUE when it can, or %FALSE with an error naming the term
 */
gboolean
ce_counter_check_topic (CeCorpus  *corpus,
                        CeTopic   *topic,
                        GError   **error)
{
  g_autoptr(Plan) plan = NULL;
  CounterState *state;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), FALSE);
  g_return_val_if_fail (CE_IS_TOPIC (topic), FALSE);

  if ((state = get_state (corpus, error)) == NULL)
    return FALSE;

  plan = compile_topic (corpus, state, topic, error);
  return plan != NULL;
}

/**
 * ce_counter_count_documents:
 * @restrict_fts: (nullable): an FTS5 expression the documents must also
 *   match, e.g. the current search
 *
 * Counts the mentions of @topic in every document, from the full-text
 * index: one query, with the counting done per row by an FTS5 auxiliary
 * function.  Results are cached until the corpus or the terms change.
 *
 * Returns: (transfer full) (element-type CeDocCount): the documents with
 *   at least one mention, by ascending id
 */
GArray *
ce_counter_count_documents (CeCorpus    *corpus,
                            CeTopic     *topic,
                            const char  *restrict_fts,
                            GError     **error)
{
  g_autoptr(Plan) plan = NULL;
  g_autoptr(GArray) counts = NULL;
  g_autofree char *match = NULL;
  g_autofree char *key = NULL;
  CounterState *state;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GArray *cached;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);
  g_return_val_if_fail (CE_IS_TOPIC (topic), NULL);

  if ((state = get_state (corpus, error)) == NULL)
    return NULL;

  if ((plan = compile_topic (corpus, state, topic, error)) == NULL)
    return NULL;

  if (restrict_fts != NULL && restrict_fts[0] == 0)
    restrict_fts = NULL;

  check_cache (corpus, state);
  match = build_match (corpus, plan, restrict_fts);
  key = g_strconcat (plan->key, "\x1e", match, NULL);
  cached = g_hash_table_lookup (state->cache, key);
  if (cached != NULL)
    return g_array_copy (cached);

  stmt = _ce_corpus_prepare (corpus,
                             "SELECT rowid, " MENTIONS_FUNCTION "(fts, ?1)"
                             "  FROM fts WHERE fts MATCH ?2",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_pointer (stmt, 1, plan, PLAN_POINTER_TYPE, NULL);
  sqlite3_bind_text (stmt, 2, match, -1, SQLITE_STATIC);

  counts = g_array_new (FALSE, FALSE, sizeof (CeDocCount));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CeDocCount count = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1) };

      if (count.count > 0)
        g_array_append_val (counts, count);
    }

  if (rc != SQLITE_DONE)
    {
      set_query_error (corpus, error, restrict_fts);
      return NULL;
    }


  g_hash_table_insert (state->cache, g_steal_pointer (&key), g_array_copy (counts));
  return g_steal_pointer (&counts);
}

/**
 * ce_counter_mentions:
 *
 * Returns: (transfer full) (element-type CeMention): the byte ranges in
 *   the body of document @doc_id of every mention of @topic, in order;
 *   as many as ce_counter_count_documents() counts for it
 */
GArray *
ce_counter_mentions (CeCorpus  *corpus,
                     CeTopic   *topic,
                     gint64     doc_id,
                     GError   **error)
{
  g_autoptr(Plan) plan = NULL;
  g_autoptr(GArray) mentions = NULL;
  g_autofree char *match = NULL;
  CounterState *state;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);
  g_return_val_if_fail (CE_IS_TOPIC (topic), NULL);

  if ((state = get_state (corpus, error)) == NULL)
    return NULL;

  if ((plan = compile_topic (corpus, state, topic, error)) == NULL)
    return NULL;

  plan->want_ranges = TRUE;

  stmt = _ce_corpus_prepare (corpus,
                             "SELECT " MENTIONS_FUNCTION "(fts, ?1)"
                             "  FROM fts WHERE fts MATCH ?2 AND rowid = ?3",
                             error);
  if (stmt == NULL)
    return NULL;

  match = build_match (corpus, plan, NULL);
  sqlite3_bind_pointer (stmt, 1, plan, PLAN_POINTER_TYPE, NULL);
  sqlite3_bind_text (stmt, 2, match, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, doc_id);

  mentions = g_array_new (FALSE, FALSE, sizeof (CeMention));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_array_append_vals (mentions, plan->ranges->data, plan->ranges->len);

  if (rc != SQLITE_DONE)
    {
      set_query_error (corpus, error, NULL);
      return NULL;
    }

  return g_steal_pointer (&mentions);
}

/* Rows for the aggregation (ce-counter.c) */

void
ce_corpus_doc_row_clear (gpointer data)
{
  CeCorpusDocRow *row = data;

  g_free (row->date);
  g_free (row->label);
  g_free (row->value);
}

/**
 * ce_corpus_load_doc_rows:
 * @value: the field read into the rows' value
 * @labels: whether to read the rows' label (the title, or the start of
 *   the body)
 * @filter_fts: (nullable): an FTS5 expression the documents must match
 * @filter_ids: (nullable) (element-type gint64): the documents to read
 * @docs: (element-type CeCorpusDocRow): where the rows are added, in
 *   corpus order
 *
 * Returns: %FALSE with @error set when the documents could not be read
 */
gboolean
ce_corpus_load_doc_rows (CeCorpus    *corpus,
                         CeDocValue   value,
                         gboolean     labels,
                         const char  *filter_fts,
                         GArray      *filter_ids,
                         GArray      *docs,
                         GError     **error)
{
  g_autoptr(GHashTable) wanted = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *scoped = NULL;
  const char *value_column;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), FALSE);
  g_return_val_if_fail (docs != NULL, FALSE);

  switch (value)
    {
    case CE_DOC_VALUE_PLACE:   value_column = "place"; break;
    case CE_DOC_VALUE_SOURCE:  value_column = "source"; break;
    case CE_DOC_VALUE_SECTION: value_column = "section"; break;
    case CE_DOC_VALUE_AUTHOR:  value_column = "author"; break;
    case CE_DOC_VALUE_NONE:
    default:
      value_column = "NULL";
      break;
    }

  sql = g_strdup_printf ("SELECT id, position, date, words, %s, %s FROM documents"
                         " WHERE %s%s"
                         " ORDER BY position, id",
                         labels ? "CASE WHEN title != '' THEN title ELSE substr(body, 1, 200) END"
                                : "NULL",
                         value_column,
                         _ce_corpus_unique_condition (corpus),
                         filter_fts != NULL
                           ? " AND id IN (SELECT rowid FROM fts WHERE fts MATCH ?1)"
                           : "");

  stmt = _ce_corpus_prepare (corpus, sql, error);
  if (stmt == NULL)
    return FALSE;

  scoped = _ce_corpus_scope_fts (corpus, filter_fts);
  if (scoped != NULL)
    sqlite3_bind_text (stmt, 1, scoped, -1, SQLITE_STATIC);

  if (filter_ids != NULL)
    {
      wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < filter_ids->len; i++)
        g_hash_table_add (wanted, &g_array_index (filter_ids, gint64, i));
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CeCorpusDocRow row = { 0, };

      row.id = sqlite3_column_int64 (stmt, 0);
      if (wanted != NULL && !g_hash_table_contains (wanted, &row.id))
        continue;

      row.position = sqlite3_column_double (stmt, 1);
      row.date = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      row.words = MAX (sqlite3_column_int (stmt, 3), 0);
      row.label = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
      row.value = g_strdup ((const char *)sqlite3_column_text (stmt, 5));
      g_array_append_val (docs, row);
    }

  if (rc != SQLITE_DONE)
    {
      set_query_error (corpus, error, filter_fts);
      return FALSE;
    }

  return TRUE;
}

/**
 * ce_corpus_load_meta_values:
 * @key: a metadata key
 *
 * Returns: (transfer full): a table from document id (gint64 *) to the
 *   GPtrArray of its values for @key, stripped, each once, in the order
 *   stored; %NULL with @error set when the metadata could not be read
 */
GHashTable *
ce_corpus_load_meta_values (CeCorpus    *corpus,
                            const char  *key,
                            GError     **error)
{
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = _ce_corpus_prepare (corpus,
                             "SELECT doc_id, value FROM meta WHERE key = ?1 ORDER BY rowid",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);

  values = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                  (GDestroyNotify)g_ptr_array_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *text = (const char *)sqlite3_column_text (stmt, 1);
      g_autofree char *value = text != NULL ? g_strstrip (g_strdup (text)) : NULL;
      GPtrArray *list;

      if (value == NULL || value[0] == 0)
        continue;

      list = g_hash_table_lookup (values, &id);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (values, g_memdup2 (&id, sizeof id), list);
        }

      /* A value given twice still puts the document in it once */
      if (!g_ptr_array_find_with_equal_func (list, value, g_str_equal, NULL))
        g_ptr_array_add (list, g_steal_pointer (&value));
    }

  if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (corpus, error, _("Could not read metadata"));
      return NULL;
    }

  return g_steal_pointer (&values);
}
