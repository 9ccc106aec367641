/* ce-counter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-counter"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "ce-corpus-private.h"
#include "ce-counter.h"
#include "ce-date.h"

/* The fts table is (title, body); mentions are counted in the body */
#define BODY_COLUMN 1
#define STATE_KEY "ce-counter-state"
#define PLAN_POINTER_TYPE "ce_counter_plan"
#define MENTIONS_FUNCTION "ce_mentions"
#define DEFAULT_TOKENIZER "unicode61 remove_diacritics 2"
/* Enough for every topic of a chart and a few searches */
#define MAX_CACHED 64
/* Gaps in a time axis are filled up to this many buckets */
#define MAX_FILLED_BUCKETS 5000

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
  int   start;               /* token positions, inclusive */
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

/* ce_mentions(fts, plan): the number of mentions in the row, or with
 * plan->want_ranges their byte ranges in plan->ranges. */
static void
mentions_func (const Fts5ExtensionApi  *api,
               Fts5Context             *fts,
               sqlite3_context         *context,
               int                      n_values,
               sqlite3_value          **values)
{
  Plan *plan = NULL;
  gboolean need_text;
  const char *text = NULL;
  int n_text = 0;
  int n_inst = 0;
  int last = -1;
  guint count = 0;
  guint kept = 0;
  int rc;

  if (n_values == 1)
    plan = sqlite3_value_pointer (values[0], PLAN_POINTER_TYPE);

  if (plan == NULL)
    {
      sqlite3_result_error (context, MENTIONS_FUNCTION ": wrong arguments", -1);
      return;
    }

  g_array_set_size (plan->spans, 0);

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
      if (phrase < 0 || (guint)phrase >= plan->phrases->len || column != BODY_COLUMN)
        continue;

      span.start = offset;
      span.end = offset + MAX (api->xPhraseSize (fts, phrase), 1) - 1;
      span.phrase = phrase;
      g_array_append_val (plan->spans, span);
      last = MAX (last, span.end);

      if (g_array_index (plan->phrases, PlanPhrase, phrase).case_sensitive)
        need_text = TRUE;
    }

  if (need_text && plan->spans->len > 0)
    {
      TokenCollector collector = { plan->offsets, last };

      g_array_set_size (plan->offsets, 0);
      if ((rc = api->xColumnText (fts, BODY_COLUMN, &text, &n_text)) != SQLITE_OK)
        {
          sqlite3_result_error_code (context, rc);
          return;
        }

      rc = api->xTokenize (fts, text, n_text, &collector, collect_token_cb);
      if (rc != SQLITE_OK && rc != SQLITE_DONE)
        {
          sqlite3_result_error_code (context, rc);
          return;
        }

      for (guint i = 0; i < plan->spans->len; i++)
        {
          Span *span = &g_array_index (plan->spans, Span, i);

          if (g_array_index (plan->phrases, PlanPhrase, span->phrase).case_sensitive &&
              !span_matches_case (plan, span, text, n_text))
            continue;

          g_array_index (plan->spans, Span, kept++) = *span;
        }
      g_array_set_size (plan->spans, kept);
    }

  g_array_sort (plan->spans, compare_spans);

  if (plan->want_ranges)
    g_array_set_size (plan->ranges, 0);

  for (guint i = 0; i < plan->spans->len; )
    {
      int start = g_array_index (plan->spans, Span, i).start;
      int end = g_array_index (plan->spans, Span, i).end;

      for (i++; i < plan->spans->len && g_array_index (plan->spans, Span, i).start <= end; i++)
        end = MAX (end, g_array_index (plan->spans, Span, i).end);

      count++;

      if (plan->want_ranges)
        {
          CeMention mention = { 0, 0 };

          if ((guint)end < plan->offsets->len)
            {
              mention.start = g_array_index (plan->offsets, TokenOffset, start).start;
              mention.end = g_array_index (plan->offsets, TokenOffset, end).end;
            }
          g_array_append_val (plan->ranges, mention);
        }
    }

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
                           "This SQLite has no usable FTS5");
      return NULL;
    }

  if (api->xCreateFunction (api, MENTIONS_FUNCTION, NULL, mentions_func, NULL) != SQLITE_OK)
    {
      g_set_error_literal (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_FAILED,
                           "Could not register the mention counter with FTS5");
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
  sqlite3_stmt *stmt = _ce_corpus_prepare (corpus, "PRAGMA data_version", NULL);
  gint64 version = -1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return version;
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
  sqlite3_stmt *stmt;
  char *spec = NULL;

  stmt = _ce_corpus_prepare (corpus, "SELECT value FROM properties WHERE key = 'tokenizer'", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    spec = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return spec != NULL ? spec : g_strdup (DEFAULT_TOKENIZER);
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
                   "The tokenizer “%s” of “%s” is not available",
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
                   "The topic “%s” has no terms", ce_topic_get_name (topic));
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
                           "The term “%s” has no word the index can look for", term->source);
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

static char *
build_match (const Plan *plan,
             const char *restrict_fts)
{
  if (restrict_fts != NULL && restrict_fts[0] != 0)
    return g_strdup_printf ("(body : (%s)) AND (%s)", plan->query, restrict_fts);

  return g_strdup_printf ("body : (%s)", plan->query);
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
                 "The search “%s” is not valid: %s", restrict_fts, message);
  else
    _ce_corpus_set_sql_error (corpus, error, "Could not count mentions");
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
  sqlite3_stmt *stmt;
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
  key = g_strconcat (plan->key, "\x1e", restrict_fts ? restrict_fts : "", NULL);
  cached = g_hash_table_lookup (state->cache, key);
  if (cached != NULL)
    return g_array_copy (cached);

  stmt = _ce_corpus_prepare (corpus,
                             "SELECT rowid, " MENTIONS_FUNCTION "(fts, ?1)"
                             "  FROM fts WHERE fts MATCH ?2",
                             error);
  if (stmt == NULL)
    return NULL;

  match = build_match (plan, restrict_fts);
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
      sqlite3_finalize (stmt);
      return NULL;
    }

  sqlite3_finalize (stmt);

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
  sqlite3_stmt *stmt;
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

  match = build_match (plan, NULL);
  sqlite3_bind_pointer (stmt, 1, plan, PLAN_POINTER_TYPE, NULL);
  sqlite3_bind_text (stmt, 2, match, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, doc_id);

  mentions = g_array_new (FALSE, FALSE, sizeof (CeMention));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_array_append_vals (mentions, plan->ranges->data, plan->ranges->len);

  if (rc != SQLITE_DONE)
    {
      set_query_error (corpus, error, NULL);
      sqlite3_finalize (stmt);
      return NULL;
    }

  sqlite3_finalize (stmt);
  return g_steal_pointer (&mentions);
}

/**
 * ce_counter_total:
 * @counts: (element-type CeDocCount): from ce_counter_count_documents()
 *
 * Returns: the sum of the counts
 */
guint64
ce_counter_total (GArray *counts)
{
  guint64 total = 0;

  g_return_val_if_fail (counts != NULL, 0);

  for (guint i = 0; i < counts->len; i++)
    total += g_array_index (counts, CeDocCount, i).count;

  return total;
}

/* Groupings and measures */

static const struct {
  CeGroupBy   by;
  const char *name;
} group_names[] = {
  { CE_GROUP_DOCUMENT, "document" },
  { CE_GROUP_DOCUMENT_BY_DATE, "document-date" },
  { CE_GROUP_PLACE, "place" },
  { CE_GROUP_SOURCE, "source" },
  { CE_GROUP_SECTION, "section" },
  { CE_GROUP_AUTHOR, "author" },
  { CE_GROUP_META, "meta" },
  { CE_GROUP_DAY, "day" },
  { CE_GROUP_WEEK, "week" },
  { CE_GROUP_MONTH, "month" },
  { CE_GROUP_QUARTER, "quarter" },
  { CE_GROUP_YEAR, "year" },
  { CE_GROUP_DATE_AUTO, "date" },
};

typedef struct {
  CeMeasure   measure;
  const char *name;
  const char *units;
} MeasureName;

static const MeasureName measure_names[] = {
  { CE_MEASURE_MENTIONS, "mentions", "mentions" },
  { CE_MEASURE_PER_10K, "per10k", "mentions per 10,000 words" },
  { CE_MEASURE_DOCUMENTS, "docs", "documents mentioning" },
  { CE_MEASURE_SHARE, "share", "share of documents mentioning" },
};

/**
 * ce_grouping_parse:
 * @text: "document", "document-date", "place", "source", "section",
 *   "author", "meta:KEY", "day", "week", "month", "quarter", "year" or
 *   "date" (a bucket chosen from the span of dates)
 * @meta_key: (out) (transfer full): the key of "meta:KEY", else %NULL
 */
gboolean
ce_grouping_parse (const char  *text,
                   CeGroupBy   *by,
                   char       **meta_key,
                   GError     **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (by != NULL, FALSE);
  g_return_val_if_fail (meta_key != NULL, FALSE);

  *meta_key = NULL;

  if (g_str_has_prefix (text, "meta:"))
    {
      if (text[5] == 0)
        {
          g_set_error_literal (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_GROUPING,
                               "“meta:” needs a metadata key, e.g. meta:tag");
          return FALSE;
        }

      *by = CE_GROUP_META;
      *meta_key = g_strdup (text + 5);
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (group_names); i++)
    {
      if (group_names[i].by != CE_GROUP_META && g_str_equal (text, group_names[i].name))
        {
          *by = group_names[i].by;
          return TRUE;
        }
    }

  g_set_error (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_GROUPING,
               "Unknown grouping “%s”; use document, document-date, place, source, "
               "section, author, meta:KEY, day, week, month, quarter, year or date",
               text);
  return FALSE;
}

const char *
ce_group_by_to_string (CeGroupBy by)
{
  for (guint i = 0; i < G_N_ELEMENTS (group_names); i++)
    {
      if (group_names[i].by == by)
        return group_names[i].name;
    }

  return NULL;
}

gboolean
ce_measure_parse (const char  *text,
                  CeMeasure   *measure,
                  GError     **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (measure != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (measure_names); i++)
    {
      if (g_str_equal (text, measure_names[i].name))
        {
          *measure = measure_names[i].measure;
          return TRUE;
        }
    }

  g_set_error (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_MEASURE,
               "Unknown measure “%s”; use mentions, per10k, docs or share", text);
  return FALSE;
}

static const MeasureName *
find_measure (CeMeasure measure)
{
  for (guint i = 0; i < G_N_ELEMENTS (measure_names); i++)
    {
      if (measure_names[i].measure == measure)
        return &measure_names[i];
    }

  return NULL;
}

const char *
ce_measure_to_string (CeMeasure measure)
{
  const MeasureName *entry = find_measure (measure);

  return entry != NULL ? entry->name : NULL;
}

const char *
ce_measure_get_units (CeMeasure measure)
{
  const MeasureName *entry = find_measure (measure);

  return entry != NULL ? entry->units : NULL;
}

/* Count tables */

typedef struct
{
  char           *key;
  char           *label;
  char           *sort_key;   /* natural order */
  double          order;      /* natural order of documents */
  CeCategoryKind  kind;
  GArray         *docs;       /* of guint: indexes into the table's documents */
  guint64        *mentions;   /* per topic */
  guint          *mentioning; /* per topic */
  guint64         words;
  double          rank;       /* total value over topics, for sorting */
} Category;

struct _CeCountTable
{
  gatomicrefcount  ref_count;
  CeMeasure        measure;
  CeGroupBy        group_by;
  guint            n_topics;
  GPtrArray       *topic_names;
  GPtrArray       *topic_colors;
  GPtrArray       *categories;
  Category        *all;
  GArray          *doc_ids;   /* of gint64 */
  guint           *counts;    /* [document * n_topics + topic] */
};

G_DEFINE_BOXED_TYPE (CeCountTable, ce_count_table, ce_count_table_ref, ce_count_table_unref)

static void
category_free (gpointer data)
{
  Category *category = data;

  if (category == NULL)
    return;

  g_free (category->key);
  g_free (category->label);
  g_free (category->sort_key);
  g_clear_pointer (&category->docs, g_array_unref);
  g_free (category->mentions);
  g_free (category->mentioning);
  g_free (category);
}

static Category *
category_new (const char     *key,
              const char     *label,
              CeCategoryKind  kind)
{
  Category *category = g_new0 (Category, 1);

  category->key = g_strdup (key);
  category->label = g_strdup (label);
  category->kind = kind;
  category->docs = g_array_new (FALSE, FALSE, sizeof (guint));

  return category;
}

CeCountTable *
ce_count_table_ref (CeCountTable *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ce_count_table_unref (CeCountTable *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->topic_names, g_ptr_array_unref);
  g_clear_pointer (&self->topic_colors, g_ptr_array_unref);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->all, category_free);
  g_clear_pointer (&self->doc_ids, g_array_unref);
  g_free (self->counts);
  g_free (self);
}

static double
category_value (const CeCountTable *self,
                const Category     *category,
                guint               topic,
                CeMeasure           measure)
{
  switch (measure)
    {
    case CE_MEASURE_MENTIONS:
      return category->mentions[topic];

    case CE_MEASURE_PER_10K:
      return category->words > 0 ? category->mentions[topic] * 10000. / category->words : 0.;

    case CE_MEASURE_DOCUMENTS:
      return category->mentioning[topic];

    case CE_MEASURE_SHARE:
      return category->docs->len > 0 ? (double)category->mentioning[topic] / category->docs->len : 0.;

    default:
      g_return_val_if_reached (0.);
    }
}

CeMeasure
ce_count_table_get_measure (CeCountTable *self)
{
  g_return_val_if_fail (self != NULL, CE_MEASURE_MENTIONS);
  return self->measure;
}

const char *
ce_count_table_get_units (CeCountTable *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return ce_measure_get_units (self->measure);
}

/**
 * ce_count_table_get_group_by:
 *
 * Returns: the grouping used; for %CE_GROUP_DATE_AUTO the bucket chosen
 */
CeGroupBy
ce_count_table_get_group_by (CeCountTable *self)
{
  g_return_val_if_fail (self != NULL, CE_GROUP_DOCUMENT);
  return self->group_by;
}

guint
ce_count_table_get_n_topics (CeCountTable *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_topics;
}

const char *
ce_count_table_get_topic_name (CeCountTable *self,
                               guint         topic)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (topic < self->n_topics, NULL);
  return g_ptr_array_index (self->topic_names, topic);
}

const char *
ce_count_table_get_topic_color (CeCountTable *self,
                                guint         topic)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (topic < self->n_topics, NULL);
  return g_ptr_array_index (self->topic_colors, topic);
}

guint
ce_count_table_get_n_categories (CeCountTable *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->categories->len;
}

static Category *
get_category (CeCountTable *self,
              guint         category)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (category < self->categories->len, NULL);
  return g_ptr_array_index (self->categories, category);
}

const char *
ce_count_table_get_category_key (CeCountTable *self,
                                 guint         category)
{
  Category *c = get_category (self, category);
  return c != NULL ? c->key : NULL;
}

const char *
ce_count_table_get_category_label (CeCountTable *self,
                                   guint         category)
{
  Category *c = get_category (self, category);
  return c != NULL ? c->label : NULL;
}

CeCategoryKind
ce_count_table_get_category_kind (CeCountTable *self,
                                  guint         category)
{
  Category *c = get_category (self, category);
  return c != NULL ? c->kind : CE_CATEGORY_VALUE;
}

/**
 * ce_count_table_get_category_size:
 *
 * Returns: the number of documents in the category, mentioning or not
 */
guint
ce_count_table_get_category_size (CeCountTable *self,
                                  guint         category)
{
  Category *c = get_category (self, category);
  return c != NULL ? c->docs->len : 0;
}

guint64
ce_count_table_get_category_words (CeCountTable *self,
                                   guint         category)
{
  Category *c = get_category (self, category);
  return c != NULL ? c->words : 0;
}

double
ce_count_table_get_value (CeCountTable *self,
                          guint         category,
                          guint         topic)
{
  g_return_val_if_fail (self != NULL, 0.);
  return ce_count_table_get_value_for (self, category, topic, self->measure);
}

double
ce_count_table_get_value_for (CeCountTable *self,
                              guint         category,
                              guint         topic,
                              CeMeasure     measure)
{
  Category *c = get_category (self, category);

  g_return_val_if_fail (c != NULL, 0.);
  g_return_val_if_fail (topic < self->n_topics, 0.);

  return category_value (self, c, topic, measure);
}

/**
 * ce_count_table_get_total:
 *
 * Returns: the value of the measure over every document counted, as if
 *   they formed one category
 */
double
ce_count_table_get_total (CeCountTable *self,
                          guint         topic)
{
  g_return_val_if_fail (self != NULL, 0.);
  return ce_count_table_get_total_for (self, topic, self->measure);
}

double
ce_count_table_get_total_for (CeCountTable *self,
                              guint         topic,
                              CeMeasure     measure)
{
  g_return_val_if_fail (self != NULL, 0.);
  g_return_val_if_fail (topic < self->n_topics, 0.);

  return category_value (self, self->all, topic, measure);
}

/**
 * ce_count_table_get_n_documents:
 *
 * Returns: the number of documents the table counts over
 */
guint
ce_count_table_get_n_documents (CeCountTable *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->doc_ids->len;
}

/**
 * ce_count_table_dup_documents:
 * @topic: a topic index, or -1 for any topic
 *
 * Returns: (transfer full) (element-type gint64): the ids of the documents
 *   of @category that mention @topic (any topic for -1), in the order of
 *   the category: exactly those a bar counts
 */
GArray *
ce_count_table_dup_documents (CeCountTable *self,
                              guint         category,
                              int           topic)
{
  Category *c = get_category (self, category);
  GArray *ids;

  g_return_val_if_fail (c != NULL, NULL);
  g_return_val_if_fail (topic < (int)self->n_topics, NULL);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < c->docs->len; i++)
    {
      guint doc = g_array_index (c->docs, guint, i);
      gboolean mentions = FALSE;

      if (topic >= 0)
        mentions = self->counts[doc * self->n_topics + topic] > 0;
      else
        {
          for (guint t = 0; t < self->n_topics && !mentions; t++)
            mentions = self->counts[doc * self->n_topics + t] > 0;
        }

      if (mentions)
        g_array_append_val (ids, g_array_index (self->doc_ids, gint64, doc));
    }

  return ids;
}

/* Aggregation */

typedef struct
{
  gint64  id;
  double  position;
  char   *date;
  guint   words;
  char   *label;  /* document groupings */
  char   *value;  /* place, source, section or author */
} DocRow;

typedef struct
{
  int year;
  int month;  /* 0 when the date is only a year */
  int day;    /* 0 when the date has no day */
} DateParts;

static void
doc_row_clear (gpointer data)
{
  DocRow *row = data;

  g_free (row->date);
  g_free (row->label);
  g_free (row->value);
}

static gboolean
read_number (const char *s,
             guint       digits,
             int        *value)
{
  int n = 0;

  for (guint i = 0; i < digits; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      n = n * 10 + (s[i] - '0');
    }

  *value = n;
  return TRUE;
}

/* "2024", "2024-05", "2024-05-17" and "2024-05-17T…" */
static gboolean
parse_date (const char *s,
            DateParts  *date)
{
  memset (date, 0, sizeof *date);

  if (s == NULL || !read_number (s, 4, &date->year) || date->year < 1)
    return FALSE;
  if (s[4] == 0)
    return TRUE;
  if (s[4] != '-' || !read_number (s + 5, 2, &date->month) || date->month < 1 || date->month > 12)
    return FALSE;
  if (s[7] == 0)
    return TRUE;
  if (s[7] != '-' || !read_number (s + 8, 2, &date->day) ||
      !g_date_valid_dmy (date->day, date->month, date->year))
    {
      date->day = 0;
      return FALSE;
    }

  return s[10] == 0 || s[10] == 'T' || s[10] == ' ';
}

static CeDateBucket
date_bucket_of (CeGroupBy by)
{
  switch (by)
    {
    case CE_GROUP_DAY:     return CE_DATE_BUCKET_DAY;
    case CE_GROUP_WEEK:    return CE_DATE_BUCKET_WEEK;
    case CE_GROUP_MONTH:   return CE_DATE_BUCKET_MONTH;
    case CE_GROUP_QUARTER: return CE_DATE_BUCKET_QUARTER;
    case CE_GROUP_YEAR:    return CE_DATE_BUCKET_YEAR;
    case CE_GROUP_DOCUMENT:
    case CE_GROUP_DOCUMENT_BY_DATE:
    case CE_GROUP_PLACE:
    case CE_GROUP_SOURCE:
    case CE_GROUP_SECTION:
    case CE_GROUP_AUTHOR:
    case CE_GROUP_META:
    case CE_GROUP_DATE_AUTO:
    default:
      g_return_val_if_reached (CE_DATE_BUCKET_YEAR);
    }
}

/* A date lacking the bucket's precision gets a category of its own,
 * labelled with what is known ("2024-05" among days), so no document is
 * dropped; it sorts among them by its text. */
static char *
date_bucket (CeGroupBy        by,
             const DateParts *date)
{
  return ce_date_bucket_key (date_bucket_of (by), date->year, date->month, date->day);
}

static gboolean
is_date_grouping (CeGroupBy by)
{
  return by == CE_GROUP_DAY || by == CE_GROUP_WEEK || by == CE_GROUP_MONTH ||
         by == CE_GROUP_QUARTER || by == CE_GROUP_YEAR;
}

/* About 10 to 60 buckets whatever the span; days and weeks only when
 * most dated documents have a day. */
static CeGroupBy
choose_date_bucket (GArray *docs)
{
  GDate first, last;
  guint dated = 0;
  guint with_day = 0;
  gint span;

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);

  for (guint i = 0; i < docs->len; i++)
    {
      DocRow *row = &g_array_index (docs, DocRow, i);
      DateParts date;
      GDate day;

      if (!parse_date (row->date, &date))
        continue;

      dated++;
      if (date.day > 0)
        with_day++;

      g_date_clear (&day, 1);
      g_date_set_dmy (&day, MAX (date.day, 1), MAX (date.month, 1), date.year);
      if (!g_date_valid (&first) || g_date_compare (&day, &first) < 0)
        first = day;
      if (!g_date_valid (&last) || g_date_compare (&day, &last) > 0)
        last = day;
    }

  if (dated == 0)
    return CE_GROUP_YEAR;

  span = g_date_days_between (&first, &last);

  if (with_day * 2 >= dated && span <= 62)
    return CE_GROUP_DAY;
  if (with_day * 2 >= dated && span <= 366)
    return CE_GROUP_WEEK;
  if (span <= 5 * 366)
    return CE_GROUP_MONTH;
  if (span <= 15 * 366)
    return CE_GROUP_QUARTER;
  return CE_GROUP_YEAR;
}

static gboolean
load_documents (CeCorpus    *corpus,
                CeGroupBy    by,
                const char  *filter_fts,
                GArray      *filter_ids,
                GArray      *docs,
                GError     **error)
{
  g_autoptr(GHashTable) wanted = NULL;
  g_autofree char *sql = NULL;
  const char *value_column;
  gboolean labels;
  sqlite3_stmt *stmt;
  int rc;

  switch (by)
    {
    case CE_GROUP_PLACE:   value_column = "place"; break;
    case CE_GROUP_SOURCE:  value_column = "source"; break;
    case CE_GROUP_SECTION: value_column = "section"; break;
    case CE_GROUP_AUTHOR:  value_column = "author"; break;
    case CE_GROUP_DOCUMENT:
    case CE_GROUP_DOCUMENT_BY_DATE:
    case CE_GROUP_META:
    case CE_GROUP_DAY:
    case CE_GROUP_WEEK:
    case CE_GROUP_MONTH:
    case CE_GROUP_QUARTER:
    case CE_GROUP_YEAR:
    case CE_GROUP_DATE_AUTO:
    default:
      value_column = "NULL";
      break;
    }

  labels = by == CE_GROUP_DOCUMENT || by == CE_GROUP_DOCUMENT_BY_DATE;

  sql = g_strdup_printf ("SELECT id, position, date, words, %s, %s FROM documents%s"
                         " ORDER BY position, id",
                         labels ? "CASE WHEN title != '' THEN title ELSE substr(body, 1, 200) END"
                                : "NULL",
                         value_column,
                         filter_fts != NULL
                           ? " WHERE id IN (SELECT rowid FROM fts WHERE fts MATCH ?1)"
                           : "");

  stmt = _ce_corpus_prepare (corpus, sql, error);
  if (stmt == NULL)
    return FALSE;

  if (filter_fts != NULL)
    sqlite3_bind_text (stmt, 1, filter_fts, -1, SQLITE_STATIC);

  if (filter_ids != NULL)
    {
      wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < filter_ids->len; i++)
        g_hash_table_add (wanted, &g_array_index (filter_ids, gint64, i));
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DocRow row = { 0, };

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
      sqlite3_finalize (stmt);
      return FALSE;
    }

  sqlite3_finalize (stmt);
  return TRUE;
}

static GHashTable *
load_meta (CeCorpus    *corpus,
           const char  *key,
           GError     **error)
{
  g_autoptr(GHashTable) values = NULL;
  sqlite3_stmt *stmt;
  int rc;

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
      _ce_corpus_set_sql_error (corpus, error, "Could not read metadata");
      sqlite3_finalize (stmt);
      return NULL;
    }

  sqlite3_finalize (stmt);
  return g_steal_pointer (&values);
}

static char *
document_label (const DocRow *row,
                guint         index)
{
  g_autoptr(GString) label = NULL;
  const char *text = row->label;
  const char *end;
  guint chars = 0;

  if (text == NULL || text[0] == 0)
    return g_strdup_printf ("Document %u", index + 1);

  /* A title, or the opening words of the body cut at a word */
  label = g_string_new (NULL);
  for (end = text; *end != 0 && *end != '\n' && chars < 60; end = g_utf8_next_char (end))
    chars++;
  g_string_append_len (label, text, end - text);

  if (*end != 0 && *end != '\n')
    {
      char *space = strrchr (label->str, ' ');

      if (space != NULL && space - label->str > 20)
        g_string_truncate (label, space - label->str);
      g_string_append (label, "…");
    }

  return g_string_free (g_steal_pointer (&label), FALSE);
}

static Category *
lookup_category (GHashTable     *categories,
                 const char     *key,
                 const char     *label,
                 CeCategoryKind  kind)
{
  Category *category = g_hash_table_lookup (categories, key);

  if (category == NULL)
    {
      category = category_new (key, label, kind);
      g_hash_table_insert (categories, category->key, category);
    }

  return category;
}

static void
add_doc (Category *category,
         guint     doc)
{
  /* Documents are added in order, so a repeat is always the last one */
  if (category->docs->len > 0 &&
      g_array_index (category->docs, guint, category->docs->len - 1) == doc)
    return;

  g_array_append_val (category->docs, doc);
}

/* A time axis shows empty buckets too, so lines over time are honest */
static void
fill_date_gaps (GHashTable *categories,
                CeGroupBy   by)
{
  GHashTableIter iter;
  Category *category;
  GDate first, last, day;
  guint added = 0;

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);

  g_hash_table_iter_init (&iter, categories);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&category))
    {
      if (category->kind != CE_CATEGORY_VALUE || !ce_date_bucket_range (date_bucket_of (by), category->key, &day, NULL))
        continue;

      if (!g_date_valid (&first) || g_date_compare (&day, &first) < 0)
        first = day;
      if (!g_date_valid (&last) || g_date_compare (&day, &last) > 0)
        last = day;
    }

  if (!g_date_valid (&first))
    return;

  for (day = first; g_date_compare (&day, &last) <= 0 && added < MAX_FILLED_BUCKETS; )
    {
      DateParts date = { g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day) };
      g_autofree char *key = date_bucket (by, &date);

      if (!g_hash_table_contains (categories, key))
        {
          category = category_new (key, key, CE_CATEGORY_VALUE);
          category->sort_key = g_strdup (key);
          g_hash_table_insert (categories, category->key, category);
          added++;
        }

      switch (by)
        {
        case CE_GROUP_DAY:     g_date_add_days (&day, 1); break;
        case CE_GROUP_WEEK:    g_date_add_days (&day, 7); break;
        case CE_GROUP_MONTH:   g_date_add_months (&day, 1); break;
        case CE_GROUP_QUARTER: g_date_add_months (&day, 3); break;
        case CE_GROUP_YEAR:    g_date_add_years (&day, 1); break;
        case CE_GROUP_DOCUMENT:
        case CE_GROUP_DOCUMENT_BY_DATE:
        case CE_GROUP_PLACE:
        case CE_GROUP_SOURCE:
        case CE_GROUP_SECTION:
        case CE_GROUP_AUTHOR:
        case CE_GROUP_META:
        case CE_GROUP_DATE_AUTO:
        default:
          g_return_if_reached ();
        }
    }
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint ua = *(const guint *)a;
  guint ub = *(const guint *)b;

  return ua < ub ? -1 : ua > ub;
}

static void
compute_category (CeCountTable *table,
                  Category     *category,
                  GArray       *docs)
{
  guint n = table->n_topics;

  category->mentions = g_new0 (guint64, n);
  category->mentioning = g_new0 (guint, n);
  category->words = 0;

  for (guint i = 0; i < category->docs->len; i++)
    {
      guint doc = g_array_index (category->docs, guint, i);

      category->words += g_array_index (docs, DocRow, doc).words;
      for (guint t = 0; t < n; t++)
        {
          guint count = table->counts[doc * n + t];

          category->mentions[t] += count;
          if (count > 0)
            category->mentioning[t]++;
        }
    }

  category->rank = 0;
  for (guint t = 0; t < n; t++)
    category->rank += category_value (table, category, t, table->measure);
}

static int
compare_natural (gconstpointer a,
                 gconstpointer b)
{
  const Category *ca = *(Category * const *)a;
  const Category *cb = *(Category * const *)b;
  int cmp;

  if (ca->sort_key != NULL && cb->sort_key != NULL)
    {
      if ((cmp = strcmp (ca->sort_key, cb->sort_key)) != 0)
        return cmp;
    }
  else if (ca->sort_key != NULL || cb->sort_key != NULL)
    return ca->sort_key == NULL ? 1 : -1;

  if (ca->order != cb->order)
    return ca->order < cb->order ? -1 : 1;

  return strcmp (ca->key, cb->key);
}

static int
compare_rank (gconstpointer a,
              gconstpointer b)
{
  const Category *ca = *(Category * const *)a;
  const Category *cb = *(Category * const *)b;

  if (ca->rank != cb->rank)
    return ca->rank > cb->rank ? -1 : 1;

  return compare_natural (a, b);
}

/* Folds the categories beyond the @top_n largest into "Other", whose
 * documents are the union of theirs, so its per-10k and share values
 * are recomputed from those documents rather than summed. */
static Category *
fold_tail (CeCountTable *table,
           GPtrArray    *values,
           guint         top_n,
           GArray       *docs)
{
  g_autofree gboolean *seen = NULL;
  Category *other;

  if (top_n == 0 || values->len <= top_n)
    return NULL;

  g_ptr_array_sort (values, compare_rank);

  other = category_new ("\x1fother", CE_CATEGORY_OTHER_LABEL, CE_CATEGORY_OTHER);
  seen = g_new0 (gboolean, docs->len);

  while (values->len > top_n)
    {
      Category *folded = g_ptr_array_steal_index (values, values->len - 1);

      for (guint i = 0; i < folded->docs->len; i++)
        {
          guint doc = g_array_index (folded->docs, guint, i);

          if (!seen[doc])
            {
              seen[doc] = TRUE;
              g_array_append_val (other->docs, doc);
            }
        }

      category_free (folded);
    }

  g_array_sort (other->docs, compare_uint);
  compute_category (table, other, docs);

  return other;
}

/**
 * ce_counter_aggregate:
 * @topics: (element-type CeTopic): the series, in order
 * @grouping: the categories
 * @measure: what each value is
 * @filter_fts: (nullable): only documents matching this FTS5 expression
 * @filter_ids: (nullable) (element-type gint64): only these documents
 * @top_n: keep the @top_n largest categories and fold the rest into
 *   "Other"; 0 keeps all
 * @sort: the order of the categories; "(none)" and "Other" come last
 *
 * Counts every topic and groups the counts into a categories × topics
 * table.  Each document belongs to one category, so the mentions and
 * documents of the categories add up to the totals; only with
 * %CE_GROUP_META does a document with several values for the key (tags)
 * count under each of them.  Documents without a value go to "(none)".
 *
 * Returns: (transfer full): the table, or %NULL
 */
CeCountTable *
ce_counter_aggregate (CeCorpus          *corpus,
                      GPtrArray         *topics,
                      const CeGrouping  *grouping,
                      CeMeasure          measure,
                      const char        *filter_fts,
                      GArray            *filter_ids,
                      guint              top_n,
                      CeCategorySort     sort,
                      GError           **error)
{
  g_autoptr(CeCountTable) table = NULL;
  g_autoptr(GArray) docs = NULL;
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GHashTable) meta = NULL;
  g_autoptr(GHashTable) categories = NULL;
  g_autoptr(GPtrArray) values = NULL;
  Category *none = NULL;
  Category *other;
  GHashTableIter iter;
  gpointer item;
  CeGroupBy by;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);
  g_return_val_if_fail (topics != NULL, NULL);
  g_return_val_if_fail (grouping != NULL, NULL);

  if (filter_fts != NULL && filter_fts[0] == 0)
    filter_fts = NULL;

  by = grouping->by;
  if (by == CE_GROUP_META && (grouping->meta_key == NULL || grouping->meta_key[0] == 0))
    {
      g_set_error_literal (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_GROUPING,
                           "Grouping by metadata needs a key");
      return NULL;
    }
  if (ce_group_by_to_string (by) == NULL)
    {
      g_set_error (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_GROUPING,
                   "Unknown grouping %d", by);
      return NULL;
    }
  if (ce_measure_to_string (measure) == NULL)
    {
      g_set_error (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_MEASURE,
                   "Unknown measure %d", measure);
      return NULL;
    }

  table = g_new0 (CeCountTable, 1);
  g_atomic_ref_count_init (&table->ref_count);
  table->measure = measure;
  table->n_topics = topics->len;
  table->topic_names = g_ptr_array_new_with_free_func (g_free);
  table->topic_colors = g_ptr_array_new_with_free_func (g_free);
  table->categories = g_ptr_array_new_with_free_func (category_free);
  table->doc_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint t = 0; t < topics->len; t++)
    {
      CeTopic *topic = g_ptr_array_index (topics, t);

      g_return_val_if_fail (CE_IS_TOPIC (topic), NULL);
      g_ptr_array_add (table->topic_names, g_strdup (ce_topic_get_name (topic)));
      g_ptr_array_add (table->topic_colors, g_strdup (ce_topic_get_color (topic)));
    }

  docs = g_array_new (FALSE, TRUE, sizeof (DocRow));
  g_array_set_clear_func (docs, doc_row_clear);
  if (!load_documents (corpus, by, filter_fts, filter_ids, docs, error))
    return NULL;

  index = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < docs->len; i++)
    {
      DocRow *row = &g_array_index (docs, DocRow, i);

      g_array_append_val (table->doc_ids, row->id);
      g_hash_table_insert (index, &row->id, GUINT_TO_POINTER (i + 1));
    }

  table->counts = g_new0 (guint, MAX (docs->len * topics->len, 1));
  for (guint t = 0; t < topics->len; t++)
    {
      g_autoptr(GArray) counts = NULL;

      counts = ce_counter_count_documents (corpus, g_ptr_array_index (topics, t), filter_fts, error);
      if (counts == NULL)
        return NULL;

      for (guint i = 0; i < counts->len; i++)
        {
          CeDocCount *count = &g_array_index (counts, CeDocCount, i);
          guint doc = GPOINTER_TO_UINT (g_hash_table_lookup (index, &count->doc_id));

          if (doc > 0)
            table->counts[(doc - 1) * topics->len + t] = count->count;
        }
    }

  if (by == CE_GROUP_DATE_AUTO)
    by = choose_date_bucket (docs);
  table->group_by = by;

  if (by == CE_GROUP_META && (meta = load_meta (corpus, grouping->meta_key, error)) == NULL)
    return NULL;

  categories = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < docs->len; i++)
    {
      DocRow *row = &g_array_index (docs, DocRow, i);
      Category *category = NULL;

      switch (by)
        {
        case CE_GROUP_DOCUMENT:
        case CE_GROUP_DOCUMENT_BY_DATE:
          {
            g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, row->id);
            g_autofree char *label = document_label (row, i);

            category = lookup_category (categories, key, label, CE_CATEGORY_VALUE);
            category->order = i;
            if (by == CE_GROUP_DOCUMENT_BY_DATE && row->date != NULL)
              category->sort_key = g_strdup (row->date);
            else if (by == CE_GROUP_DOCUMENT)
              category->sort_key = g_strdup ("");
          }
          break;

        case CE_GROUP_PLACE:
        case CE_GROUP_SOURCE:
        case CE_GROUP_SECTION:
        case CE_GROUP_AUTHOR:
          {
            g_autofree char *value = row->value != NULL ? g_strstrip (g_strdup (row->value)) : NULL;

            if (value != NULL && value[0] != 0)
              {
                category = lookup_category (categories, value, value, CE_CATEGORY_VALUE);
                if (category->sort_key == NULL)
                  {
                    g_autofree char *folded = g_utf8_casefold (value, -1);
                    category->sort_key = g_utf8_collate_key (folded, -1);
                  }
              }
          }
          break;

        case CE_GROUP_META:
          {
            GPtrArray *list = g_hash_table_lookup (meta, &row->id);

            for (guint j = 0; list != NULL && j < list->len; j++)
              {
                const char *value = g_ptr_array_index (list, j);

                category = lookup_category (categories, value, value, CE_CATEGORY_VALUE);
                if (category->sort_key == NULL)
                  {
                    g_autofree char *folded = g_utf8_casefold (value, -1);
                    category->sort_key = g_utf8_collate_key (folded, -1);
                  }
                add_doc (category, i);
              }
            if (list != NULL && list->len > 0)
              continue;
            category = NULL;
          }
          break;

        case CE_GROUP_DAY:
        case CE_GROUP_WEEK:
        case CE_GROUP_MONTH:
        case CE_GROUP_QUARTER:
        case CE_GROUP_YEAR:
          {
            DateParts date;

            if (parse_date (row->date, &date))
              {
                g_autofree char *key = date_bucket (by, &date);

                category = lookup_category (categories, key, key, CE_CATEGORY_VALUE);
                if (category->sort_key == NULL)
                  category->sort_key = g_strdup (key);
              }
          }
          break;

        case CE_GROUP_DATE_AUTO:
        default:
          g_assert_not_reached ();
        }

      if (category == NULL)
        {
          if (none == NULL)
            none = category_new ("\x1fnone", CE_CATEGORY_NONE_LABEL, CE_CATEGORY_NONE);
          category = none;
        }

      add_doc (category, i);
    }

  if (is_date_grouping (by))
    fill_date_gaps (categories, by);

  values = g_ptr_array_new_full (g_hash_table_size (categories), category_free);
  g_hash_table_iter_init (&iter, categories);
  while (g_hash_table_iter_next (&iter, NULL, &item))
    g_ptr_array_add (values, item);

  for (guint i = 0; i < values->len; i++)
    compute_category (table, g_ptr_array_index (values, i), docs);
  if (none != NULL)
    compute_category (table, none, docs);

  other = fold_tail (table, values, top_n, docs);

  g_ptr_array_sort (values, sort == CE_CATEGORY_SORT_VALUE ? compare_rank : compare_natural);

  g_ptr_array_set_free_func (values, NULL);
  g_ptr_array_extend_and_steal (table->categories, g_steal_pointer (&values));
  if (none != NULL)
    g_ptr_array_add (table->categories, none);
  if (other != NULL)
    g_ptr_array_add (table->categories, other);

  table->all = category_new ("\x1f" "all", "All", CE_CATEGORY_VALUE);
  for (guint i = 0; i < docs->len; i++)
    g_array_append_val (table->all->docs, i);
  compute_category (table, table->all, docs);

  return g_steal_pointer (&table);
}
