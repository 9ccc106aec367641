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
#include "ce-corpus-count-private.h"

/* The fts table is (title, body, quoted); mentions are counted in the
 * body, and in the quoted text when it counts (ce-corpus-quoted.c) */
#define STATE_KEY "ce-counter-state"
#define DEFAULT_TOKENIZER "unicode61 remove_diacritics 2"
/* Enough for every topic of a chart and a few searches */
#define MAX_CACHED 64

G_DEFINE_QUARK (ce-counter-error-quark, ce_counter_error)

typedef struct
{
  fts5_api   *api;
  GHashTable *cache;         /* key -> GArray of CeDocCount */
  guint64     generation;
  guint       stored_hits;   /* counts read from the corpus's stored counts */
  gint64      data_version;
} CounterState;


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

  if (api->xCreateFunction (api, MENTIONS_FUNCTION, NULL, _ce_counter_mentions_func, NULL) != SQLITE_OK)
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

void
_ce_counter_set_query_error (CeCorpus    *corpus,
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

typedef enum
{
  ROWS_ALL,
  ROWS_AFTER,   /* rowid > arg */
  ROWS_ONE,     /* rowid = arg */
  ROWS_RANGE,   /* arg < rowid <= arg2 */
} RowsWanted;

/* Counts @match in the rows wanted, appended to @into (or a new array)
 * by ascending id */
static GArray *
count_rows (CeCorpus     *corpus,
            Plan         *plan,
            const char   *match,
            const char   *restrict_fts,
            RowsWanted    rows,
            gint64        arg,
            gint64        arg2,
            GError      **error)
{
  static const char * const sql[] = {
    "SELECT rowid, " MENTIONS_FUNCTION "(fts, ?1) FROM fts WHERE fts MATCH ?2",
    "SELECT rowid, " MENTIONS_FUNCTION "(fts, ?1) FROM fts WHERE fts MATCH ?2 AND rowid > ?3",
    "SELECT rowid, " MENTIONS_FUNCTION "(fts, ?1) FROM fts WHERE fts MATCH ?2 AND rowid = ?3",
    "SELECT rowid, " MENTIONS_FUNCTION "(fts, ?1) FROM fts WHERE fts MATCH ?2 AND rowid > ?3 AND rowid <= ?4",
  };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) counts = NULL;
  int rc;

  stmt = _ce_corpus_prepare (corpus, sql[rows], error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_pointer (stmt, 1, plan, PLAN_POINTER_TYPE, NULL);
  sqlite3_bind_text (stmt, 2, match, -1, SQLITE_STATIC);
  if (rows != ROWS_ALL)
    sqlite3_bind_int64 (stmt, 3, arg);
  if (rows == ROWS_RANGE)
    sqlite3_bind_int64 (stmt, 4, arg2);

  counts = g_array_new (FALSE, FALSE, sizeof (CeDocCount));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CeDocCount count = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1) };

      if (count.count > 0)
        g_array_append_val (counts, count);
    }

  if (rc != SQLITE_DONE)
    {
      _ce_counter_set_query_error (corpus, error, restrict_fts);
      return NULL;
    }

  return g_steal_pointer (&counts);
}

/* Counting every document on two threads: the ids up to @max_id split
 * in two ranges, the upper one counted on the second connection */

/* From this many ids on (at 1 GB, a four-term topic took 120 ms on one
 * thread; 20,000 documents take about 10); CE_COUNT_SPLIT_MIN in the
 * environment sets another (the tests: 1) */
#define SPLIT_MIN_IDS 20000

static gint64
split_min_ids (void)
{
  static gsize value = 0;

  if (g_once_init_enter (&value))
    {
      const char *env = g_getenv ("CE_COUNT_SPLIT_MIN");
      gsize min = SPLIT_MIN_IDS;

      if (env != NULL && *env != 0)
        min = MAX (g_ascii_strtoull (env, NULL, 10), 1);
      g_once_init_leave (&value, min);
    }

  return value;
}

typedef struct
{
  CeCorpus   *corpus;     /* the second connection */
  CeTopic    *topic;
  const char *match;
  gint64      low, high;
  GArray     *counts;
  GError     *error;
} UpperHalf;

static gpointer
count_upper_half (gpointer data)
{
  UpperHalf *half = data;
  g_autoptr(Plan) plan = NULL;
  CounterState *state;

  /* The plan holds each row's scratch: one for each thread */
  if ((state = get_state (half->corpus, &half->error)) != NULL &&
      (plan = compile_topic (half->corpus, state, half->topic, &half->error)) != NULL)
    half->counts = count_rows (half->corpus, plan, half->match, NULL, ROWS_RANGE,
                               half->low, half->high, &half->error);

  return NULL;
}

/* Counts @match in every document with an id up to @max_id; by
 * ascending id.  Split over two connections only when @corpus is in a
 * read transaction of its own (count_with_store()): within a caller's
 * transaction the second connection would not see its changes.  The
 * second connection's snapshot may be newer than @corpus's: a document
 * changed in between is counted as it is now, and logged as changed
 * since the stamp, so it is counted again next time. */
static GArray *
count_all_rows (CeCorpus    *corpus,
                CeTopic     *topic,
                Plan        *plan,
                const char  *match,
                gint64       max_id,
                gboolean     may_split,
                GError     **error)
{
  g_autoptr(GArray) lower = NULL;
  UpperHalf half = { 0, };
  CeCorpus *second = NULL;
  GThread *thread;

  if (may_split && max_id >= split_min_ids ())
    second = _ce_corpus_open_second (corpus);
  if (second == NULL)
    return count_rows (corpus, plan, match, NULL, ROWS_ALL, 0, 0, error);

  half.corpus = second;
  half.topic = topic;
  half.match = match;
  half.low = max_id / 2;
  half.high = max_id;

  g_debug ("Counting ids up to %" G_GINT64_FORMAT " on two connections, split at %" G_GINT64_FORMAT,
           max_id, half.low);
  ce_corpus_set_cancellable (second, corpus->cancellable);
  thread = g_thread_new ("ce-count", count_upper_half, &half);
  lower = count_rows (corpus, plan, match, NULL, ROWS_RANGE, G_MININT64, half.low, error);
  g_thread_join (thread);
  ce_corpus_set_cancellable (second, NULL);

  if (lower == NULL || half.counts == NULL)
    {
      if (lower != NULL)
        g_propagate_error (error, g_steal_pointer (&half.error));
      g_clear_error (&half.error);
      g_clear_pointer (&half.counts, g_array_unref);
      return NULL;
    }

  g_array_append_vals (lower, half.counts->data, half.counts->len);
  g_array_unref (half.counts);

  return g_steal_pointer (&lower);
}

static int
compare_doc_counts (gconstpointer a,
                    gconstpointer b)
{
  gint64 x = ((const CeDocCount *)a)->doc_id, y = ((const CeDocCount *)b)->doc_id;

  return (x > y) - (x < y);
}

static gboolean
contains_id (GArray *sorted_ids,
             gint64  id)
{
  guint lo = 0, hi = sorted_ids->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 v = g_array_index (sorted_ids, gint64, mid);

      if (v == id)
        return TRUE;
      if (v < id)
        lo = mid + 1;
      else
        hi = mid;
    }

  return FALSE;
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char * const *)a, *(char * const *)b);
}

/* What identifies the counts kept in the corpus: the tokenizer, the
 * columns counted and the terms, in an order of their own (the order of
 * a topic's terms changes nothing of its counts) */
static char *
stored_key (CeCorpus   *corpus,
            const Plan *plan)
{
  g_autofree char *spec = read_tokenizer_spec (corpus);
  g_auto(GStrv) terms = g_strsplit (plan->key, "\x1f", -1);
  g_autoptr(GString) text = g_string_new ("counts 1\x1e");
  guint n = g_strv_length (terms);

  for (guint i = 0; i < n; i++)
    g_strstrip (terms[i]);
  qsort (terms, n, sizeof (char *), compare_strings);
  g_string_append_printf (text, "%s\x1e%s\x1e", spec, _ce_corpus_mention_columns (corpus));
  for (guint i = 0; i < n; i++)
    {
      if (terms[i][0] == 0 || (i > 0 && g_str_equal (terms[i], terms[i - 1])))
        continue;
      g_string_append (text, terms[i]);
      g_string_append_c (text, '\x1f');
    }

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text->str, text->len);
}

/* Whole-corpus counts through the counts kept in the corpus: the stored
 * counts with the documents added and changed since counted again, or
 * every document when none are stored; what was counted is stored. */
static GArray *
count_with_store (CeCorpus      *corpus,
                  CounterState  *state,
                  CeTopic       *topic,
                  Plan          *plan,
                  const char    *match,
                  GError       **error)
{
  g_autofree char *key = stored_key (corpus, plan);
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GArray) changed = NULL;
  CeCountStamp now, then;
  gboolean own_transaction = !ce_corpus_in_transaction (corpus);
  gboolean store = TRUE;

  /* One snapshot for the stamp, the stored counts and the counting */
  if (own_transaction && !_ce_corpus_exec (corpus, "BEGIN", error))
    return NULL;

  if (!_ce_count_store_stamp (corpus, &now, error))
    goto out;

  counts = _ce_count_store_read (corpus, key, &then, &changed);
  if (counts != NULL)
    {
      g_autoptr(GArray) added = NULL;
      guint kept = 0;

      state->stored_hits++;
      store = now.max_id != then.max_id || now.change != then.change;

      /* Documents changed since: their counts go, and come again below */
      for (guint i = 0; i < counts->len; i++)
        {
          CeDocCount row = g_array_index (counts, CeDocCount, i);

          if (!contains_id (changed, row.doc_id))
            g_array_index (counts, CeDocCount, kept++) = row;
        }
      g_array_set_size (counts, kept);

      for (guint i = 0; i < changed->len; i++)
        {
          gint64 id = g_array_index (changed, gint64, i);
          g_autoptr(GArray) one = NULL;

          /* A document added since is counted with the others below */
          if (id > then.max_id)
            continue;

          one = count_rows (corpus, plan, match, NULL, ROWS_ONE, id, 0, error);
          if (one == NULL)
            {
              g_clear_pointer (&counts, g_array_unref);
              goto out;
            }
          g_array_append_vals (counts, one->data, one->len);
        }

      /* Documents added since */
      if (now.max_id > then.max_id)
        {
          added = count_rows (corpus, plan, match, NULL, ROWS_AFTER, then.max_id, 0, error);
          if (added == NULL)
            {
              g_clear_pointer (&counts, g_array_unref);
              goto out;
            }
          g_array_append_vals (counts, added->data, added->len);
        }

      if (changed->len > 0 || (added != NULL && added->len > 0))
        g_array_sort (counts, compare_doc_counts);
    }
  else
    {
      counts = count_all_rows (corpus, topic, plan, match, now.max_id, own_transaction, error);
    }

out:
  if (own_transaction)
    _ce_corpus_exec (corpus, counts != NULL ? "COMMIT" : "ROLLBACK", NULL);

  if (counts != NULL && store)
    _ce_count_store_write (corpus, key, &now, counts);

  return g_steal_pointer (&counts);
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
  g_autoptr(GArray) shared = ce_counter_count_documents_shared (corpus, topic, restrict_fts, error);

  return shared != NULL ? g_array_copy (shared) : NULL;
}

/**
 * ce_counter_count_documents_shared:
 *
 * ce_counter_count_documents() without a copy: the array returned is the
 * one this connection keeps, which the caller must read only.  For the
 * aggregation, which reads every topic's counts for each chart (at 1 GB,
 * copies of 2.8 MB a topic).
 *
 * Returns: (transfer full) (element-type CeDocCount): a reference to the
 *   counts, not to be changed
 */
GArray *
ce_counter_count_documents_shared (CeCorpus    *corpus,
                                   CeTopic     *topic,
                                   const char  *restrict_fts,
                                   GError     **error)
{
  g_autoptr(Plan) plan = NULL;
  g_autoptr(GArray) counts = NULL;
  g_autofree char *match = NULL;
  g_autofree char *key = NULL;
  CounterState *state;
  GArray *cached;

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
    return g_array_ref (cached);

  if (restrict_fts == NULL && _ce_count_store_available (corpus))
    counts = count_with_store (corpus, state, topic, plan, match, error);
  else
    counts = count_rows (corpus, plan, match, restrict_fts, ROWS_ALL, 0, 0, error);

  if (counts == NULL)
    return NULL;

  g_hash_table_insert (state->cache, g_steal_pointer (&key), g_array_ref (counts));
  return g_steal_pointer (&counts);
}

/**
 * ce_counter_get_stored_hits:
 *
 * Returns: how many counts this connection read from the counts kept in
 *   the corpus (counting at most the documents added or changed since)
 *   instead of counting every document
 */
guint
ce_counter_get_stored_hits (CeCorpus *corpus)
{
  CounterState *state;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), 0);

  state = g_object_get_data (G_OBJECT (corpus), STATE_KEY);
  return state != NULL ? state->stored_hits : 0;
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
      _ce_counter_set_query_error (corpus, error, NULL);
      return NULL;
    }

  return g_steal_pointer (&mentions);
}
