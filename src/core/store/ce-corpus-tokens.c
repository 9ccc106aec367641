/* ce-corpus-tokens.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-tokens"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "ce-corpus-matches-private.h"
#include "ce-corpus-private.h"
#include "ce-corpus-search.h"
#include "ce-corpus-tokens.h"

/* Tokens come from the FTS5 auxiliary function ce_tokens(fts, column,
 * sink), which runs the table's own tokenizer over the column's text and
 * hands the tokens to a C sink bound with sqlite3_bind_pointer() (SQL
 * text cannot forge one).  The vocabulary comes from an fts5vocab table
 * created in the temp schema of the connection: the corpus file holds no
 * object its schema does not define, and temp objects live and die with
 * the connection.  What it gives is kept in count_cache
 * (ce-corpus-count-store.c) for the state of the corpus it was read at. */

#define INSTALLED_KEY "ce-tokens-installed"
#define SINK_TYPE "ce-token-sink"
/* What ce_tokens() reads for body and quoted text together */
#define PLAIN_BODY -1

typedef struct
{
  GArray *tokens;     /* CeCorpusToken */
  GString *folded;    /* the text of every token, one after another */
  GArray *offsets;    /* guint: where each token's text starts in @folded */
  /* ce_match_tokens() only: tokens are read until @after of them start
   * at or beyond byte @stop_from, or come at or after @stop_index */
  guint   stop_from;
  guint   stop_index;
  guint   after;
  guint   past;
} Sink;

static int
token_cb (void       *user_data,
          int         flags,
          const char *token,
          int         n_token,
          int         start,
          int         end)
{
  Sink *sink = user_data;
  CeCorpusToken t = { NULL, (guint)n_token, (guint)start, (guint)end };
  guint offset = sink->folded->len;

  /* A synonym at the same position is not another word */
  if (flags & FTS5_TOKEN_COLOCATED)
    return SQLITE_OK;

  if (((guint)start >= sink->stop_from || sink->tokens->len >= sink->stop_index) &&
      sink->past++ >= sink->after)
    return SQLITE_DONE;

  g_string_append_len (sink->folded, token, n_token);
  g_array_append_val (sink->offsets, offset);
  g_array_append_val (sink->tokens, t);
  return SQLITE_OK;
}

static void
sink_reset (Sink *sink)
{
  g_array_set_size (sink->tokens, 0);
  g_array_set_size (sink->offsets, 0);
  g_string_truncate (sink->folded, 0);
  sink->stop_from = G_MAXUINT;
  sink->stop_index = G_MAXUINT;
  sink->after = 0;
  sink->past = 0;
}

/* The text of @column (or of the body and its quoted text, PLAIN_BODY)
 * of the current row */
static int
column_text (const Fts5ExtensionApi  *api,
             Fts5Context             *fts,
             int                      column,
             const char             **text,
             int                     *text_len,
             char                   **owned)
{
  *owned = NULL;
  *text = NULL;
  *text_len = 0;

  if (column == PLAIN_BODY)
    return api->xColumnText (fts, CE_FTS_BODY, text, text_len);
  if (column >= 0 && column < CE_CORPUS_N_COLUMNS)
    return _ce_corpus_fts_column_text (api, fts, column, text, text_len, owned);
  return SQLITE_RANGE;
}

/* ce_tokens(fts, column, sink): fills the sink with the tokens of
 * @column of the current row and returns the column's text */
static void
tokens_func (const Fts5ExtensionApi  *api,
             Fts5Context             *fts,
             sqlite3_context         *context,
             int                      n_args,
             sqlite3_value          **args)
{
  g_autofree char *owned = NULL;
  const char *text = NULL;
  int text_len = 0;
  int column;
  Sink *sink;
  int rc;

  if (n_args != 2 || (sink = sqlite3_value_pointer (args[1], SINK_TYPE)) == NULL)
    {
      sqlite3_result_error (context, "ce_tokens() takes a column and a sink", -1);
      return;
    }

  sink_reset (sink);

  column = sqlite3_value_int (args[0]);
  rc = column_text (api, fts, column, &text, &text_len, &owned);
  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }
  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }

  rc = api->xTokenize (fts, text, text_len, sink, token_cb);
  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  sqlite3_result_text (context, text, text_len, SQLITE_TRANSIENT);
}

/* What ce_match_tokens() fills */
typedef struct
{
  Sink          sink;
  GArray       *ranges;   /* CeSearchRange */
  GArray       *wanted;   /* int pairs: first and last token of an instance */
  const gint64 *ids;      /* sorted: the rows wanted */
  guint         n_ids;
  int           column;
  guint         after;
} MatchSink;

/* Whether the body of the current row is indexed in one column only:
 * its token positions are then those of the stored body */
static gboolean
plain_row (const Fts5ExtensionApi *api,
           Fts5Context            *fts)
{
  const char *flag = NULL;
  int n_flag = 0;

  if (api->xColumnCount (fts) <= CE_FTS_QUOTED)
    return TRUE;

  return api->xColumnText (fts, CE_FTS_QUOTED, &flag, &n_flag) == SQLITE_OK && (flag == NULL || n_flag == 0);
}

/* What _ce_corpus_fts_ranges() finds in the body of a plain row, from
 * the tokens of one tokenization: the phrase instances as token
 * positions first (@wanted, pairs of first and last), then as byte
 * ranges, sorted, overlaps merged */
static int
plain_wanted (const Fts5ExtensionApi *api,
              Fts5Context            *fts,
              GArray                 *wanted,
              guint                  *needed)
{
  int n_inst = 0;
  int rc;

  g_array_set_size (wanted, 0);
  *needed = 0;

  if ((rc = api->xInstCount (fts, &n_inst)) != SQLITE_OK)
    return rc;

  for (int i = 0; i < n_inst; i++)
    {
      int phrase, column, offset;
      int pair[2];

      if ((rc = api->xInst (fts, i, &phrase, &column, &offset)) != SQLITE_OK)
        return rc;
      if (column != CE_FTS_BODY)
        continue;

      pair[0] = offset;
      pair[1] = offset + MAX (api->xPhraseSize (fts, phrase), 1) - 1;
      g_array_append_vals (wanted, pair, 2);
      *needed = MAX (*needed, (guint)pair[1] + 1);
    }

  return SQLITE_OK;
}

static void
plain_ranges (GArray *wanted,
              GArray *tokens,
              GArray *ranges)
{
  g_array_set_size (ranges, 0);

  for (guint i = 0; i + 1 < wanted->len; i += 2)
    {
      int first = g_array_index (wanted, int, i);
      int last = g_array_index (wanted, int, i + 1);
      CeSearchRange range;

      if (first < 0 || (guint)last >= tokens->len)
        continue;

      range.start = g_array_index (tokens, CeCorpusToken, first).start;
      range.end = g_array_index (tokens, CeCorpusToken, last).end;
      g_array_append_val (ranges, range);
    }

  _ce_search_ranges_merge (ranges);
}

/* For qsort() and bsearch() of ids, smallest first */
int
_ce_compare_ids (const void *a,
                 const void *b)
{
  gint64 ia = *(const gint64 *)a;
  gint64 ib = *(const gint64 *)b;

  return ia < ib ? -1 : ia > ib;
}

/* ce_match_tokens(fts, sink): for a row the sink wants, fills it with
 * what the query matched in the body (_ce_corpus_fts_ranges(), as
 * ce_search_instances() reports it) and the tokens of the sink's column
 * up to the sink's number of tokens after the last match.  Returns 1
 * when the row has a match the sink wants, else 0. */
static void
match_tokens_func (const Fts5ExtensionApi  *api,
                   Fts5Context             *fts,
                   sqlite3_context         *context,
                   int                      n_args,
                   sqlite3_value          **args)
{
  g_autofree char *owned = NULL;
  const char *text = NULL;
  int text_len = 0;
  MatchSink *match;
  gint64 rowid;
  int rc;

  if (n_args != 1 || (match = sqlite3_value_pointer (args[0], SINK_TYPE)) == NULL)
    {
      sqlite3_result_error (context, "ce_match_tokens() takes a sink", -1);
      return;
    }

  sink_reset (&match->sink);
  g_array_set_size (match->ranges, 0);

  rowid = api->xRowid (fts);
  if (bsearch (&rowid, match->ids, match->n_ids, sizeof (gint64), _ce_compare_ids) == NULL)
    {
      sqlite3_result_int (context, 0);
      return;
    }

  /* A body in one column: its instances are positions of its tokens,
   * read once.  Otherwise _ce_corpus_fts_ranges() maps those of both
   * columns into the body. */
  if (plain_row (api, fts))
    {
      guint needed;

      if ((rc = plain_wanted (api, fts, match->wanted, &needed)) != SQLITE_OK ||
          (needed > 0 && (rc = column_text (api, fts, match->column, &text, &text_len, &owned)) != SQLITE_OK))
        {
          sqlite3_result_error_code (context, rc);
          return;
        }
      if (needed == 0 || text == NULL)
        {
          sqlite3_result_int (context, 0);
          return;
        }

      match->sink.stop_index = needed;
      match->sink.after = match->after;
      rc = api->xTokenize (fts, text, text_len, &match->sink, token_cb);
      if (rc != SQLITE_OK && rc != SQLITE_DONE)
        {
          sqlite3_result_error_code (context, rc);
          return;
        }

      plain_ranges (match->wanted, match->sink.tokens, match->ranges);
      sqlite3_result_int (context, match->ranges->len > 0);
      return;
    }

  if ((rc = _ce_corpus_fts_ranges (api, fts, CE_FTS_BODY, match->ranges)) != SQLITE_OK ||
      (match->ranges->len > 0 && (rc = column_text (api, fts, match->column, &text, &text_len, &owned)) != SQLITE_OK))
    {
      sqlite3_result_error_code (context, rc);
      return;
    }
  if (match->ranges->len == 0 || text == NULL)
    {
      sqlite3_result_int (context, 0);
      return;
    }

  /* Nothing after the last match but its right-hand window */
  match->sink.stop_from = g_array_index (match->ranges, CeSearchRange, match->ranges->len - 1).end;
  match->sink.after = match->after;
  rc = api->xTokenize (fts, text, text_len, &match->sink, token_cb);
  if (rc != SQLITE_OK && rc != SQLITE_DONE)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  sqlite3_result_int (context, 1);
}

/* What ce_match_positions() fills: for each row of @ids with a phrase
 * instance in the body or quoted column, those in the body column as
 * pairs of token positions (first and last), as plain_wanted() finds
 * them; read from the index alone */
typedef struct
{
  const gint64 *ids;      /* sorted */
  guint         n_ids;
  GArray       *docs;     /* CeMatchPositions */
  GArray       *pairs;    /* int */
} PositionSink;

/* ce_match_positions(fts, sink) */
static void
match_positions_func (const Fts5ExtensionApi  *api,
                      Fts5Context             *fts,
                      sqlite3_context         *context,
                      int                      n_args,
                      sqlite3_value          **args)
{
  CeMatchPositions doc;
  PositionSink *sink;
  gboolean in_quoted = FALSE;
  int n_inst = 0;
  int rc;

  if (n_args != 1 || (sink = sqlite3_value_pointer (args[0], SINK_TYPE)) == NULL)
    {
      sqlite3_result_error (context, "ce_match_positions() takes a sink", -1);
      return;
    }

  doc.doc_id = api->xRowid (fts);
  if (bsearch (&doc.doc_id, sink->ids, sink->n_ids, sizeof (gint64), _ce_compare_ids) == NULL)
    return;

  doc.first = sink->pairs->len / 2;
  if ((rc = api->xInstCount (fts, &n_inst)) != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }
  for (int i = 0; i < n_inst; i++)
    {
      int phrase, column, offset;
      int pair[2];

      if ((rc = api->xInst (fts, i, &phrase, &column, &offset)) != SQLITE_OK)
        {
          sqlite3_result_error_code (context, rc);
          return;
        }
      if (column == CE_FTS_QUOTED)
        in_quoted = TRUE;
      if (column != CE_FTS_BODY)
        continue;

      pair[0] = offset;
      pair[1] = offset + MAX (api->xPhraseSize (fts, phrase), 1) - 1;
      g_array_append_vals (sink->pairs, pair, 2);
    }
  doc.n = sink->pairs->len / 2 - doc.first;
  if (doc.n > 0 || in_quoted)
    g_array_append_val (sink->docs, doc);
}

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  fts5_api *api = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_pointer (stmt, 1, (void *)&api, "fts5_api_ptr", NULL);
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  return api;
}

static gboolean
install (CeCorpus  *corpus,
         GError   **error)
{
  fts5_api *api;

  if (g_object_get_data (G_OBJECT (corpus), INSTALLED_KEY) != NULL)
    return TRUE;

  api = get_fts5_api (_ce_corpus_get_db (corpus));
  if (api == NULL || api->iVersion < 2 ||
      api->xCreateFunction (api, "ce_tokens", NULL, tokens_func, NULL) != SQLITE_OK ||
      api->xCreateFunction (api, "ce_match_tokens", NULL, match_tokens_func, NULL) != SQLITE_OK ||
      api->xCreateFunction (api, "ce_match_positions", NULL, match_positions_func, NULL) != SQLITE_OK)
    {
      g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_SQL,
                   _("Could not read the words of the corpus: this SQLite has no usable FTS5"));
      return FALSE;
    }

  g_object_set_data (G_OBJECT (corpus), INSTALLED_KEY, GINT_TO_POINTER (TRUE));
  return TRUE;
}

/* One read transaction for a whole pass rather than one per statement:
 * the lock and the check of the file are taken once.  Returns whether it
 * began one, which _ce_corpus_end_read() then ends. */
gboolean
_ce_corpus_begin_read (CeCorpus *corpus)
{
  if (!sqlite3_get_autocommit (_ce_corpus_get_db (corpus)))
    return FALSE;

  return _ce_corpus_exec (corpus, "BEGIN", NULL);
}

void
_ce_corpus_end_read (CeCorpus *corpus,
                     gboolean  began)
{
  /* An interrupted statement may have rolled it back already */
  if (began && !sqlite3_get_autocommit (_ce_corpus_get_db (corpus)))
    _ce_corpus_exec (corpus, "COMMIT", NULL);
}

/* The phrase instances in the body of the documents of @ids (sorted)
 * that @scoped (an FTS5 expression scoped with _ce_corpus_scope_fts())
 * matches, from the index alone: appends a CeMatchPositions to @docs for
 * each document with one in the body or the quoted text, in the order of
 * ids, and the pairs of token
 * positions (first and last of an instance, int) to @pairs */
gboolean
_ce_corpus_match_positions (CeCorpus      *corpus,
                            const char    *scoped,
                            const gint64  *ids,
                            guint          n_ids,
                            GArray        *docs,
                            GArray        *pairs,
                            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  PositionSink sink = { ids, n_ids, docs, pairs };
  int rc;

  if (n_ids == 0)
    return TRUE;
  if (!install (corpus, error))
    return FALSE;

  stmt = _ce_corpus_prepare (corpus,
                             "SELECT ce_match_positions(fts, ?) FROM fts"
                             " WHERE fts MATCH ? AND rowid BETWEEN ? AND ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_pointer (stmt, 1, &sink, SINK_TYPE, NULL);
  sqlite3_bind_text (stmt, 2, scoped, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, ids[0]);
  sqlite3_bind_int64 (stmt, 4, ids[n_ids - 1]);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (corpus, error, _("Could not read the words of the corpus"));
      return FALSE;
    }

  return TRUE;
}

/* ce_match_tokens() for one document at a time */
struct _CeMatchReader
{
  CeCorpus     *corpus;
  sqlite3_stmt *stmt;
  MatchSink     match;
  gint64        id;
};

/* @column: CE_CORPUS_COLUMN_BODY, or -1 for the body with its quoted
 * text; @after: tokens wanted after the last match */
CeMatchReader *
_ce_match_reader_new (CeCorpus    *corpus,
                      const char  *scoped,
                      int          column,
                      guint        after,
                      GError     **error)
{
  CeMatchReader *reader;
  sqlite3_stmt *stmt;

  if (!install (corpus, error))
    return NULL;
  stmt = _ce_corpus_prepare (corpus, "SELECT ce_match_tokens(fts, ?) FROM fts WHERE fts MATCH ? AND rowid = ?",
                             error);
  if (stmt == NULL)
    return NULL;

  reader = g_new0 (CeMatchReader, 1);
  reader->corpus = corpus;
  reader->stmt = stmt;
  reader->match.sink.tokens = g_array_new (FALSE, FALSE, sizeof (CeCorpusToken));
  reader->match.sink.folded = g_string_new (NULL);
  reader->match.sink.offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  reader->match.ranges = g_array_new (FALSE, FALSE, sizeof (CeSearchRange));
  reader->match.wanted = g_array_new (FALSE, FALSE, sizeof (int));
  reader->match.ids = &reader->id;
  reader->match.n_ids = 1;
  reader->match.column = column < 0 ? PLAIN_BODY : column;
  reader->match.after = after;
  sqlite3_bind_pointer (stmt, 1, &reader->match, SINK_TYPE, NULL);
  sqlite3_bind_text (stmt, 2, scoped, -1, SQLITE_TRANSIENT);

  return reader;
}

void
_ce_match_reader_free (CeMatchReader *reader)
{
  if (reader == NULL)
    return;

  sqlite3_finalize (reader->stmt);
  g_array_unref (reader->match.sink.tokens);
  g_string_free (reader->match.sink.folded, TRUE);
  g_array_unref (reader->match.sink.offsets);
  g_array_unref (reader->match.ranges);
  g_array_unref (reader->match.wanted);
  g_free (reader);
}

/* What ce_corpus_tokenize_matches() reads of one document: returns 1
 * with its tokens (valid until the next call) and the byte ranges of its
 * matches, 0 when nothing in its body matches, -1 with @error set */
int
_ce_match_reader_read (CeMatchReader        *reader,
                       gint64                id,
                       const CeCorpusToken **tokens,
                       guint                *n_tokens,
                       const CeSearchRange **ranges,
                       guint                *n_ranges,
                       GError              **error)
{
  Sink *sink = &reader->match.sink;
  int matched = 0;
  int rc;

  reader->id = id;
  sqlite3_reset (reader->stmt);
  sqlite3_bind_int64 (reader->stmt, 3, id);
  rc = sqlite3_step (reader->stmt);
  if (rc == SQLITE_ROW)
    matched = sqlite3_column_int (reader->stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (reader->corpus, error, _("Could not read the words of the corpus"));
      sqlite3_reset (reader->stmt);
      return -1;
    }
  sqlite3_reset (reader->stmt);
  if (!matched)
    return 0;

  for (guint k = 0; k < sink->tokens->len; k++)
    g_array_index (sink->tokens, CeCorpusToken, k).text =
      sink->folded->str + g_array_index (sink->offsets, guint, k);

  *tokens = (const CeCorpusToken *)(void *)sink->tokens->data;
  *n_tokens = sink->tokens->len;
  *ranges = (const CeSearchRange *)(void *)reader->match.ranges->data;
  *n_ranges = reader->match.ranges->len;

  return 1;
}

static gboolean
tokenize_ids (CeCorpus            *corpus,
              sqlite3_stmt        *stmt,
              Sink                *sink,
              const gint64        *ids,
              guint                n_ids,
              guint                columns,
              gboolean             plain_body,
              CeCorpusTokensFunc   func,
              gpointer             user_data,
              GError             **error)
{
  GArray *tokens = sink->tokens;
  GArray *offsets = sink->offsets;
  GString *folded = sink->folded;

  for (guint i = 0; i < n_ids; i++)
    {
      for (int column = 0; column < CE_CORPUS_N_COLUMNS; column++)
        {
          const char *text;
          gsize text_len;
          int rc;

          if (!(columns & (1u << column)))
            continue;

          sqlite3_reset (stmt);
          sqlite3_bind_int (stmt, 1, column == CE_CORPUS_COLUMN_BODY && plain_body ? PLAIN_BODY : column);
          sqlite3_bind_pointer (stmt, 2, sink, SINK_TYPE, NULL);
          sqlite3_bind_int64 (stmt, 3, ids[i]);

          rc = sqlite3_step (stmt);
          if (rc == SQLITE_DONE)
            break;
          if (rc != SQLITE_ROW)
            {
              _ce_corpus_set_sql_error (corpus, error, _("Could not read the words of the corpus"));
              return FALSE;
            }

          text = (const char *)sqlite3_column_text (stmt, 0);
          text_len = sqlite3_column_bytes (stmt, 0);

          /* The texts of the tokens are in place only now that the
           * string no longer grows */
          for (guint k = 0; k < tokens->len; k++)
            g_array_index (tokens, CeCorpusToken, k).text =
              folded->str + g_array_index (offsets, guint, k);

          if (!func (ids[i], column, text != NULL ? text : "", text != NULL ? text_len : 0,
                     (const CeCorpusToken *)(void *)tokens->data, tokens->len, user_data))
            return TRUE;
        }
    }

  return TRUE;
}

/**
 * ce_corpus_tokenize:
 * @ids: (array length=n_ids): the documents, in the order wanted
 * @columns: a mask of `1 << CE_CORPUS_COLUMN_*`
 * @func: called for each document and column asked for
 *
 * Runs the corpus tokenizer over the title and/or body of each document
 * and hands @func its tokens as the index holds them.  Documents that do
 * not exist are left out.  The cancellable set with
 * ce_corpus_set_cancellable() interrupts it.
 *
 * Returns: %FALSE with @error set when reading failed; %TRUE otherwise,
 *   also when @func stopped it
 */
gboolean
ce_corpus_tokenize (CeCorpus            *corpus,
                    const gint64        *ids,
                    guint                n_ids,
                    guint                columns,
                    CeCorpusTokensFunc   func,
                    gpointer             user_data,
                    GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (CeCorpusToken));
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GString) folded = g_string_new (NULL);
  Sink sink = { tokens, folded, offsets, G_MAXUINT, G_MAXUINT, 0, 0 };
  guint both = (1u << CE_CORPUS_COLUMN_BODY) | (1u << CE_CORPUS_COLUMN_QUOTED);
  gboolean began, ok;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!install (corpus, error))
    return FALSE;

  stmt = _ce_corpus_prepare (corpus, "SELECT ce_tokens(fts, ?, ?) FROM fts WHERE rowid = ?",
                             error);
  if (stmt == NULL)
    return FALSE;

  /* The body and its quoted text together are the body as stored */
  if ((columns & both) == both)
    columns &= ~(1u << CE_CORPUS_COLUMN_QUOTED);
  else
    both = 0;

  began = _ce_corpus_begin_read (corpus);
  ok = tokenize_ids (corpus, stmt, &sink, ids, n_ids, columns, both != 0, func, user_data, error);
  sqlite3_reset (stmt);
  _ce_corpus_end_read (corpus, began);

  return ok;
}

/**
 * ce_corpus_word_columns:
 * @titles: whether titles count
 *
 * Returns: a mask of `1 << CE_CORPUS_COLUMN_*`
 */
guint
ce_corpus_word_columns (CeCorpus *corpus,
                        gboolean  titles)
{
  guint columns = 1u << CE_CORPUS_COLUMN_BODY;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), columns);

  if (titles)
    columns |= 1u << CE_CORPUS_COLUMN_TITLE;
  if (!ce_corpus_excludes_quoted (corpus))
    columns |= 1u << CE_CORPUS_COLUMN_QUOTED;

  return columns;
}

/* The vocabulary kept in the corpus (count_cache) under this key, valid
 * for the state of the corpus it was read at: term length, term, then
 * documents and count per column, all varints but the term */
#define VOCABULARY_KEY "ce-vocabulary-1"

/* A column of fts5vocab's "col" table: CE_CORPUS_COLUMN_*, -1 another */
static int
column_of_name (const char *col)
{
  if (g_str_equal (col, "title"))
    return CE_CORPUS_COLUMN_TITLE;
  if (g_str_equal (col, "body"))
    return CE_CORPUS_COLUMN_BODY;
  if (g_str_equal (col, "quoted"))
    return CE_CORPUS_COLUMN_QUOTED;

  return -1;
}

static void
pack_term (GByteArray   *out,
           const char   *term,
           const gint64 *docs,
           const gint64 *counts)
{
  gsize len = strlen (term);

  _ce_count_store_write_varint (out, len);
  g_byte_array_append (out, (const guint8 *)term, len);
  for (guint c = 0; c < CE_CORPUS_N_COLUMNS; c++)
    {
      _ce_count_store_write_varint (out, docs[c]);
      _ce_count_store_write_varint (out, counts[c]);
    }
}

/* Walks the kept vocabulary; with @func NULL only checks that it reads
 * to its end */
static gboolean
foreach_kept_term (GBytes           *kept,
                   CeCorpusTermFunc  func,
                   gpointer          user_data)
{
  gsize size;
  const guint8 *p = g_bytes_get_data (kept, &size);
  const guint8 *end = p + size;
  g_autofree char *term = NULL;
  gsize term_size = 0;

  if (p == NULL)
    return size == 0;

  while (p < end)
    {
      gint64 docs[CE_CORPUS_N_COLUMNS];
      gint64 counts[CE_CORPUS_N_COLUMNS];
      guint64 len, value;

      if (!_ce_count_store_read_varint (&p, end, &len) || len == 0 || len > (guint64)(end - p))
        return FALSE;
      if (len + 1 > term_size)
        {
          g_free (term);
          term_size = MAX (len + 1, 64);
          term = g_malloc (term_size);
        }
      memcpy (term, p, len);
      term[len] = 0;
      p += len;
      for (guint c = 0; c < CE_CORPUS_N_COLUMNS; c++)
        {
          if (!_ce_count_store_read_varint (&p, end, &value) || value > G_MAXINT64)
            return FALSE;
          docs[c] = value;
          if (!_ce_count_store_read_varint (&p, end, &value) || value > G_MAXINT64)
            return FALSE;
          counts[c] = value;
        }
      if (func != NULL && !func (term, docs, counts, user_data))
        return TRUE;
    }

  return TRUE;
}

/* Reads the index's vocabulary (fts5vocab decodes every position list
 * of the index: seconds at 1 GB), packing it into @packed when not NULL;
 * *@stopped tells whether @func stopped it */
static gboolean
read_index_terms (CeCorpus          *corpus,
                  CeCorpusTermFunc   func,
                  gpointer           user_data,
                  GByteArray        *packed,
                  gboolean          *stopped,
                  GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *term = NULL;
  gint64 docs[CE_CORPUS_N_COLUMNS] = { 0, };
  gint64 counts[CE_CORPUS_N_COLUMNS] = { 0, };
  int rc;

  *stopped = FALSE;

  if (!_ce_corpus_exec (corpus,
                        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.ce_vocab"
                        " USING fts5vocab(main, fts, col)", error))
    return FALSE;

  stmt = _ce_corpus_prepare (corpus, "SELECT term, col, doc, cnt FROM temp.ce_vocab", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *row_term = (const char *)sqlite3_column_text (stmt, 0);
      const char *col = (const char *)sqlite3_column_text (stmt, 1);
      int column;

      if (row_term == NULL || col == NULL)
        continue;
      if ((column = column_of_name (col)) < 0)
        continue;

      if (term != NULL && strcmp (term, row_term) != 0)
        {
          if (packed != NULL)
            pack_term (packed, term, docs, counts);
          if (!func (term, docs, counts, user_data))
            {
              *stopped = TRUE;
              return TRUE;
            }
          memset (docs, 0, sizeof docs);
          memset (counts, 0, sizeof counts);
          g_clear_pointer (&term, g_free);
        }

      if (term == NULL)
        term = g_strdup (row_term);
      docs[column] += sqlite3_column_int64 (stmt, 2);
      counts[column] += sqlite3_column_int64 (stmt, 3);
    }

  if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (corpus, error, _("Could not read the words of the corpus"));
      return FALSE;
    }

  if (term != NULL)
    {
      if (packed != NULL)
        pack_term (packed, term, docs, counts);
      if (!func (term, docs, counts, user_data))
        *stopped = TRUE;
    }

  return TRUE;
}

/* Documents from which the vocabulary is read on two connections;
 * CE_WORDS_PARALLEL_MIN lowers it for the tests, as for words */
static guint64
vocabulary_parallel_min (void)
{
  const char *env = g_getenv ("CE_WORDS_PARALLEL_MIN");

  return env != NULL && *env != 0 ? g_ascii_strtoull (env, NULL, 10) : 20000;
}

/* A large index is read on two connections, the caller's and the
 * read-only one kept with it (_ce_corpus_words_helper()), each taking
 * the next range of terms by their first byte; the ranges, packed as
 * they are kept, are put back in order */
static const char * const range_starts[] = {
  "", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
  "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m",
  "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z",
  "\xc0", "\xe0", "\xe4", "\xe8", "\xec", "\xf0",
};
#define N_RANGES G_N_ELEMENTS (range_starts)
/* Above every byte of UTF-8 */
#define PAST_LAST "\xf8"

typedef struct
{
  CeCorpus    *corpus;
  GByteArray **ranges;     /* N_RANGES, packed */
  gint        *next;
  gint        *failed;
  CeCountStamp stamp;
} TermReader;

/* Packs the terms of range @k, from its start up to the next range's */
static gboolean
pack_range (CeCorpus     *corpus,
            sqlite3_stmt *stmt,
            guint         k,
            GByteArray   *packed)
{
  const char *upper = k + 1 < N_RANGES ? range_starts[k + 1] : PAST_LAST;
  g_autofree char *term = NULL;
  gint64 docs[CE_CORPUS_N_COLUMNS] = { 0, };
  gint64 counts[CE_CORPUS_N_COLUMNS] = { 0, };
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, range_starts[k], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, upper, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *row_term = (const char *)sqlite3_column_text (stmt, 0);
      const char *col = (const char *)sqlite3_column_text (stmt, 1);
      int column;

      /* The bounds are checked here too, whatever the table makes of
       * them */
      if (row_term == NULL || col == NULL ||
          strcmp (row_term, range_starts[k]) < 0 || strcmp (row_term, upper) >= 0)
        continue;
      if ((column = column_of_name (col)) < 0)
        continue;

      if (term != NULL && strcmp (term, row_term) != 0)
        {
          pack_term (packed, term, docs, counts);
          memset (docs, 0, sizeof docs);
          memset (counts, 0, sizeof counts);
          g_clear_pointer (&term, g_free);
        }
      if (term == NULL)
        term = g_strdup (row_term);
      docs[column] += sqlite3_column_int64 (stmt, 2);
      counts[column] += sqlite3_column_int64 (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;

  if (term != NULL)
    pack_term (packed, term, docs, counts);

  return TRUE;
}

static gpointer
read_ranges (gpointer user_data)
{
  TermReader *reader = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean began = _ce_corpus_begin_read (reader->corpus);
  CeCountStamp stamp;

  /* Both connections must see the same state */
  if (!_ce_count_store_stamp (reader->corpus, &stamp, NULL) ||
      stamp.max_id != reader->stamp.max_id || stamp.change != reader->stamp.change ||
      !_ce_corpus_exec (reader->corpus,
                        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.ce_vocab"
                        " USING fts5vocab(main, fts, col)", NULL) ||
      (stmt = _ce_corpus_prepare (reader->corpus,
                                  "SELECT term, col, doc, cnt FROM temp.ce_vocab"
                                  " WHERE term >= ?1 AND term < ?2", NULL)) == NULL)
    g_atomic_int_set (reader->failed, 1);

  while (!g_atomic_int_get (reader->failed))
    {
      guint k = (guint)g_atomic_int_add (reader->next, 1);

      if (k >= N_RANGES)
        break;
      if (!pack_range (reader->corpus, stmt, k, reader->ranges[k]))
        g_atomic_int_set (reader->failed, 1);
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  _ce_corpus_end_read (reader->corpus, began);
  return NULL;
}

/* The whole vocabulary packed, read on two connections; NULL when that
 * could not be done (the caller reads it alone) */
static GByteArray *
read_terms_in_two (CeCorpus           *corpus,
                   CeCorpus           *helper,
                   const CeCountStamp *stamp)
{
  GByteArray *ranges[N_RANGES];
  TermReader readers[2];
  GByteArray *packed = NULL;
  GThread *thread;
  gint next = 0, failed = 0;

  for (guint k = 0; k < N_RANGES; k++)
    ranges[k] = g_byte_array_new ();
  for (guint w = 0; w < 2; w++)
    {
      readers[w].corpus = w == 0 ? corpus : helper;
      readers[w].ranges = ranges;
      readers[w].next = &next;
      readers[w].failed = &failed;
      readers[w].stamp = *stamp;
    }

  ce_corpus_set_cancellable (helper, corpus->cancellable);
  thread = g_thread_new ("ce-vocabulary", read_ranges, &readers[1]);
  read_ranges (&readers[0]);
  g_thread_join (thread);
  ce_corpus_set_cancellable (helper, NULL);

  if (!failed)
    {
      packed = g_byte_array_new ();
      for (guint k = 0; k < N_RANGES; k++)
        g_byte_array_append (packed, ranges[k]->data, ranges[k]->len);
    }
  for (guint k = 0; k < N_RANGES; k++)
    g_byte_array_unref (ranges[k]);

  return packed;
}

/**
 * ce_corpus_foreach_term:
 * @func: called once per word of the index
 *
 * Reads the vocabulary of the full-text index: every token, with the
 * number of documents whose title and body hold it and how often.  What
 * is read is kept in the corpus, when it can be written, and read from
 * there while no document is added or changed.
 *
 * Returns: %FALSE with @error set when reading failed
 */
gboolean
ce_corpus_foreach_term (CeCorpus          *corpus,
                        CeCorpusTermFunc   func,
                        gpointer           user_data,
                        GError           **error)
{
  g_autoptr(GByteArray) packed = NULL;
  g_autoptr(GBytes) kept = NULL;
  CeCountStamp stamp;
  CeCorpus *helper = NULL;
  gboolean began, stopped, ok;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  /* What is kept for the state of the corpus now (its stamp and the
   * value kept for it are read apart: a value kept for a stamp is right
   * for it) */
  if (_ce_count_store_available (corpus) && _ce_count_store_stamp (corpus, &stamp, NULL))
    {
      kept = _ce_count_store_read_value (corpus, VOCABULARY_KEY, &stamp);
      if (kept != NULL && foreach_kept_term (kept, NULL, NULL))
        return foreach_kept_term (kept, func, user_data);
      g_clear_pointer (&kept, g_bytes_unref);

      /* The second connection is taken before this one reads */
      if ((guint64)stamp.max_id >= vocabulary_parallel_min ())
        helper = _ce_corpus_words_helper (corpus, G_MAXUINT);
    }

  /* The state of the corpus and its vocabulary, read together */
  began = _ce_corpus_begin_read (corpus);
  if (_ce_count_store_available (corpus) && _ce_count_store_stamp (corpus, &stamp, NULL))
    {
      /* A large index on two connections */
      if (helper != NULL)
        {
          GByteArray *in_two = read_terms_in_two (corpus, helper, &stamp);

          if (in_two != NULL)
            {
              kept = g_byte_array_free_to_bytes (in_two);
              _ce_corpus_end_read (corpus, began);
              _ce_count_store_write_value (corpus, VOCABULARY_KEY, &stamp, kept);
              return foreach_kept_term (kept, func, user_data);
            }
        }
      packed = g_byte_array_new ();
    }

  ok = read_index_terms (corpus, func, user_data, packed, &stopped, error);
  _ce_corpus_end_read (corpus, began);

  if (ok && !stopped && packed != NULL)
    {
      g_autoptr(GBytes) value = g_byte_array_free_to_bytes (g_steal_pointer (&packed));

      _ce_count_store_write_value (corpus, VOCABULARY_KEY, &stamp, value);
    }

  return ok;
}
