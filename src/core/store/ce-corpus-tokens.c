/* ce-corpus-tokens.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-tokens"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-corpus-private.h"
#include "ce-corpus-search.h"
#include "ce-corpus-tokens.h"

/* Tokens come from the FTS5 auxiliary function ce_tokens(fts, column,
 * sink), which runs the table's own tokenizer over the column's text and
 * hands the tokens to a C sink bound with sqlite3_bind_pointer() (SQL
 * text cannot forge one).  The vocabulary comes from an fts5vocab table
 * created in the temp schema of the connection: the corpus file holds no
 * object its schema does not define, and temp objects live and die with
 * the connection. */

#define INSTALLED_KEY "ce-tokens-installed"
#define SINK_TYPE "ce-token-sink"
/* What ce_tokens() reads for body and quoted text together */
#define PLAIN_BODY -1

typedef struct
{
  GArray *tokens;     /* CeCorpusToken */
  GString *folded;    /* the text of every token, one after another */
  GArray *offsets;    /* guint: where each token's text starts in @folded */
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

  g_string_append_len (sink->folded, token, n_token);
  g_array_append_val (sink->offsets, offset);
  g_array_append_val (sink->tokens, t);
  return SQLITE_OK;
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

  g_array_set_size (sink->tokens, 0);
  g_array_set_size (sink->offsets, 0);
  g_string_truncate (sink->folded, 0);

  column = sqlite3_value_int (args[0]);
  if (column == PLAIN_BODY)
    rc = api->xColumnText (fts, CE_FTS_BODY, &text, &text_len);
  else if (column >= 0 && column < CE_CORPUS_N_COLUMNS)
    rc = _ce_corpus_fts_column_text (api, fts, column, &text, &text_len, &owned);
  else
    rc = SQLITE_RANGE;
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
      api->xCreateFunction (api, "ce_tokens", NULL, tokens_func, NULL) != SQLITE_OK)
    {
      g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_SQL,
                   _("Could not read the words of the corpus: this SQLite has no usable FTS5"));
      return FALSE;
    }

  g_object_set_data (G_OBJECT (corpus), INSTALLED_KEY, GINT_TO_POINTER (TRUE));
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
  Sink sink = { tokens, folded, offsets };
  guint both = (1u << CE_CORPUS_COLUMN_BODY) | (1u << CE_CORPUS_COLUMN_QUOTED);

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
          sqlite3_bind_int (stmt, 1, column == CE_CORPUS_COLUMN_BODY && both != 0 ? PLAIN_BODY : column);
          sqlite3_bind_pointer (stmt, 2, &sink, SINK_TYPE, NULL);
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

/**
 * ce_corpus_foreach_term:
 * @func: called once per word of the index
 *
 * Reads the vocabulary of the full-text index: every token, with the
 * number of documents whose title and body hold it and how often.
 *
 * Returns: %FALSE with @error set when reading failed
 */
gboolean
ce_corpus_foreach_term (CeCorpus          *corpus,
                        CeCorpusTermFunc   func,
                        gpointer           user_data,
                        GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *term = NULL;
  gint64 docs[CE_CORPUS_N_COLUMNS] = { 0, };
  gint64 counts[CE_CORPUS_N_COLUMNS] = { 0, };
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

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
      if (g_str_equal (col, "title"))
        column = CE_CORPUS_COLUMN_TITLE;
      else if (g_str_equal (col, "body"))
        column = CE_CORPUS_COLUMN_BODY;
      else if (g_str_equal (col, "quoted"))
        column = CE_CORPUS_COLUMN_QUOTED;
      else
        continue;

      if (term != NULL && strcmp (term, row_term) != 0)
        {
          if (!func (term, docs, counts, user_data))
            return TRUE;
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
    func (term, docs, counts, user_data);

  return TRUE;
}
