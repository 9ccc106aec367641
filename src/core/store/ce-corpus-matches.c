/* ce-corpus-matches.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-corpus-matches"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "ce-corpus-matches-private.h"

/* What a search matched in the body of each document and the tokens
 * near it, for collocates (ce_corpus_tokenize_matches()).
 *
 * First one statement reads, from the index alone, where the search's
 * phrase instances are in the body column of each document wanted: token
 * positions (_ce_corpus_match_positions()).  Then the bodies are read
 * from the documents' rows, from their start and a few pages at a time
 * (sqlite3_blob_read()) only as far as the tokens wanted, and split as
 * ce-corpus-words.c splits them
 * (ASCII words here, any run with other bytes by the corpus's own
 * tokenizer), with byte offsets, up to the tokens wanted after the last
 * match; the positions become byte ranges as _ce_corpus_fts_ranges()
 * reports them (ce_search_instances()).  A message whose body holds
 * quoted text, indexed in two columns, is read through the index
 * instead, one statement each (_ce_match_reader_read()).  Of a
 * document's tokens only those of its matches and of the windows around
 * them are kept, so what is handed on is small.
 *
 * With many documents, chunks of them are read by two threads, with the
 * caller's connection and the read-only one kept with it
 * (_ce_corpus_words_helper()), whose read transaction begins before
 * the threads start and must see the state the positions were read at;
 * the caller receives the chunks in order. */

#define CHUNK_DOCS 256

/* A token of the document being read */
typedef struct
{
  guint start;
  guint end;
  guint len;
  guint text;     /* in Worker.side, or G_MAXUINT: the body's bytes, folded */
} Tok;

/* One document of a chunk */
typedef struct
{
  gint64 doc_id;
  guint  first_token;
  guint  n_tokens;
  guint  first_range;
  guint  n_ranges;
} Doc;

typedef struct
{
  CeChunkHead head;
  GArray   *docs;        /* Doc */
  GArray   *tokens;      /* CeCorpusToken, @text unset */
  GArray   *offsets;     /* guint: where each token's text is in @text */
  GString  *text;
  GArray   *ranges;      /* CeSearchRange */
} Chunk;

typedef struct
{
  CeChunkWorker      base;        /* the connection read, the thread */
  CeCorpusTokenizer *tokenizer;
  sqlite3_stmt      *quoted;      /* whether a document has quoted text */
  sqlite3_blob      *blob;        /* the body being read */
  sqlite3_stmt      *body;        /* or read whole, when not stored as UTF-8 */
  char              *buffer;      /* what was read of it */
  gsize              buffer_size;
  CeMatchReader     *reader;      /* for bodies with quoted text, made when met */
  const char        *scoped;
  int                column;      /* CE_CORPUS_COLUMN_BODY, or -1: with the quoted text */
  guint              before;
  guint              after;
  GCancellable      *cancellable;

  const gint64      *ids;         /* sorted */
  guint              n_ids;
  const guint       *first_pair;  /* by index in @ids; G_MAXUINT: no match */
  const guint       *n_pairs;
  const int         *pairs;

  /* The document being read */
  GArray            *toks;        /* Tok */
  guint              n_toks;      /* while splitting: written in place in @toks (make_room()) */
  GString           *side;        /* texts of the tokens the tokenizer made */
  GArray            *ranges;      /* CeSearchRange */
  GArray            *keep;        /* guint8 per token */
  const char        *text;        /* what was read of the body */
  guint              limit;
} Worker;

static void
chunk_free (gpointer data)
{
  Chunk *chunk = data;

  if (chunk == NULL)
    return;

  g_array_unref (chunk->docs);
  g_array_unref (chunk->tokens);
  g_array_unref (chunk->offsets);
  g_string_free (chunk->text, TRUE);
  g_array_unref (chunk->ranges);
  g_clear_error (&chunk->head.error);
  g_free (chunk);
}

static gpointer
chunk_new (void)
{
  Chunk *chunk = g_new0 (Chunk, 1);

  chunk->docs = g_array_new (FALSE, FALSE, sizeof (Doc));
  chunk->tokens = g_array_new (FALSE, FALSE, sizeof (CeCorpusToken));
  chunk->offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  chunk->text = g_string_new (NULL);
  chunk->ranges = g_array_new (FALSE, FALSE, sizeof (CeSearchRange));

  return chunk;
}

/* An ASCII letter or digit (@c below 0x80) */
static inline gboolean
token_char (guchar c)
{
  return (guchar)(c - '0') < 10 || (guchar)((c | 0x20) - 'a') < 26;
}

typedef struct
{
  Worker *worker;
  guint   base;     /* of the run handed to the tokenizer */
} Run;

static int
token_cb (void       *user_data,
          int         flags,
          const char *token,
          int         n_token,
          int         start,
          int         end)
{
  Run *run = user_data;
  Worker *worker = run->worker;
  Tok tok = { run->base + (guint)start, run->base + (guint)end, (guint)n_token, worker->side->len };

  /* A synonym at the same position is not another word */
  if (flags & FTS5_TOKEN_COLOCATED)
    return SQLITE_OK;
  if (worker->n_toks >= worker->limit)
    return SQLITE_DONE;
  /* A tokenizer that makes more tokens than bytes */
  if (worker->n_toks >= worker->toks->len)
    g_array_set_size (worker->toks, MAX (2 * worker->toks->len, 64));

  g_string_append_len (worker->side, token, n_token);
  ((Tok *)(void *)worker->toks->data)[worker->n_toks++] = tok;
  return SQLITE_OK;
}

/* The first @worker->limit tokens of a body, with their offsets, from
 * byte *@pos of @text on; when @text holds only the start of the body
 * (@complete FALSE), a run of letters that reaches its end is left for
 * the next call, *@pos at its start */
static gboolean
split_body (Worker     *worker,
            const char *text,
            gsize       len,
            gboolean    complete,
            gsize      *pos)
{
  const guchar *bytes = (const guchar *)text;
  CeCorpusTokenizer *tokenizer = worker->tokenizer;
  gsize i = *pos;

  while (i < len && worker->n_toks < worker->limit)
    {
      gsize start, j;
      Run run;
      int rc;

      /* ASCII separators */
      while (i < len && bytes[i] < 0x80 && !token_char (bytes[i]))
        i++;
      if (i == len)
        break;

      /* A word of ASCII letters and digits */
      start = j = i;
      while (j < len && bytes[j] < 0x80 && token_char (bytes[j]))
        j++;
      if (j == len && !complete)
        break;
      if (j == len || bytes[j] < 0x80)
        {
          Tok tok = { (guint)start, (guint)j, (guint)(j - start), G_MAXUINT };

          ((Tok *)(void *)worker->toks->data)[worker->n_toks++] = tok;
          i = j;
          continue;
        }

      /* Other bytes up to the next ASCII separator: the tokenizer's */
      while (j < len && (bytes[j] >= 0x80 || token_char (bytes[j])))
        j++;
      if (j == len && !complete)
        break;
      run.worker = worker;
      run.base = (guint)start;
      rc = tokenizer->api.xTokenize (tokenizer->tokenizer, &run, FTS5_TOKENIZE_AUX,
                                     text + start, (int)(j - start), token_cb);
      if (rc != SQLITE_OK && rc != SQLITE_DONE)
        return FALSE;
      i = j;
    }

  *pos = i;

  return TRUE;
}

/* The byte ranges of the instances (pairs of token positions), as
 * plain_ranges() in ce-corpus-tokens.c makes them */
static void
pairs_to_ranges (Worker    *worker,
                 const int *pairs,
                 guint      n_pairs)
{
  const Tok *toks = (const Tok *)(void *)worker->toks->data;

  g_array_set_size (worker->ranges, 0);
  for (guint i = 0; i < n_pairs; i++)
    {
      int first = pairs[2 * i];
      int last = pairs[2 * i + 1];
      CeSearchRange range;

      if (first < 0 || (guint)last >= worker->toks->len)
        continue;

      range.start = toks[first].start;
      range.end = toks[last].end;
      g_array_append_val (worker->ranges, range);
    }

  _ce_search_ranges_merge (worker->ranges);
}

/* Marks the tokens a reader of the windows sees: those inside a match,
 * and walking out from each match, tokens up to @before (@after) of them
 * outside any match; the same walk over the kept tokens alone meets the
 * same tokens */
#define KEEP 1
#define IN_MATCH 2

static void
mark_windows (Worker *worker)
{
  const Tok *toks = (const Tok *)(void *)worker->toks->data;
  const CeSearchRange *ranges = (const CeSearchRange *)(void *)worker->ranges->data;
  guint n = worker->toks->len;
  guint8 *keep;
  guint t = 0;

  g_array_set_size (worker->keep, n);
  keep = (guint8 *)worker->keep->data;
  memset (keep, 0, n);

  for (guint r = 0; r < worker->ranges->len; r++)
    {
      while (t < n && toks[t].end <= ranges[r].start)
        t++;
      for (guint k = t; k < n && toks[k].start < ranges[r].end; k++)
        keep[k] = KEEP | IN_MATCH;
    }

  t = 0;
  for (guint r = 0; r < worker->ranges->len; r++)
    {
      guint first, last, seen;

      while (t < n && toks[t].end <= ranges[r].start)
        t++;
      if (t >= n || toks[t].start >= ranges[r].end)
        continue;

      first = last = t;
      while (last + 1 < n && toks[last + 1].start < ranges[r].end)
        last++;

      seen = 0;
      for (gint k = (gint)first - 1; k >= 0 && seen < worker->before; k--)
        {
          keep[k] |= KEEP;
          if (!(keep[k] & IN_MATCH))
            seen++;
        }
      seen = 0;
      for (guint j = last + 1; j < n && seen < worker->after; j++)
        {
          keep[j] |= KEEP;
          if (!(keep[j] & IN_MATCH))
            seen++;
        }
    }
}

/* Adds the document read to @chunk, its kept tokens only */
static void
add_document (Worker *worker,
              Chunk  *chunk,
              gint64  doc_id)
{
  const Tok *toks = (const Tok *)(void *)worker->toks->data;
  const guint8 *keep;
  Doc doc = { doc_id, chunk->tokens->len, 0, chunk->ranges->len, worker->ranges->len };

  mark_windows (worker);
  keep = (const guint8 *)worker->keep->data;

  for (guint k = 0; k < worker->toks->len; k++)
    {
      const Tok *tok = &toks[k];
      CeCorpusToken token = { NULL, tok->len, tok->start, tok->end };
      guint offset = chunk->text->len;

      if (!keep[k])
        continue;

      if (tok->text != G_MAXUINT)
        {
          g_string_append_len (chunk->text, worker->side->str + tok->text, tok->len);
        }
      else
        {
          char *folded;

          g_string_set_size (chunk->text, offset + tok->len);
          folded = chunk->text->str + offset;
          for (guint b = 0; b < tok->len; b++)
            {
              guchar c = worker->text[tok->start + b];

              folded[b] = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
            }
        }
      g_array_append_val (chunk->offsets, offset);
      g_array_append_val (chunk->tokens, token);
    }

  doc.n_tokens = chunk->tokens->len - doc.first_token;
  g_array_append_vals (chunk->ranges, worker->ranges->data, worker->ranges->len);
  g_array_append_val (chunk->docs, doc);
}

/* A body with quoted text, through the index */
static gboolean
read_through_index (Worker  *worker,
                    Chunk   *chunk,
                    gint64   doc_id)
{
  const CeCorpusToken *tokens;
  const CeSearchRange *ranges;
  guint n_tokens, n_ranges;
  int matched;

  if (worker->reader == NULL &&
      (worker->reader = _ce_match_reader_new (worker->base.corpus, worker->scoped, worker->column,
                                              worker->after, &chunk->head.error)) == NULL)
    return FALSE;

  matched = _ce_match_reader_read (worker->reader, doc_id, &tokens, &n_tokens, &ranges, &n_ranges,
                                   &chunk->head.error);
  if (matched < 0)
    return FALSE;
  if (matched == 0)
    return TRUE;

  g_array_set_size (worker->toks, 0);
  g_string_truncate (worker->side, 0);
  for (guint k = 0; k < n_tokens; k++)
    {
      Tok tok = { tokens[k].start, tokens[k].end, tokens[k].len, worker->side->len };

      g_string_append_len (worker->side, tokens[k].text, tokens[k].len);
      g_array_append_val (worker->toks, tok);
    }
  g_array_set_size (worker->ranges, 0);
  g_array_append_vals (worker->ranges, ranges, n_ranges);

  add_document (worker, chunk, doc_id);
  return TRUE;
}

/* Reads the body of @doc_id from its start, a few pages at a time,
 * until @worker->limit tokens are split or it ends: 1 when read, 0 when
 * the document does not exist, -1 when reading failed (the error is the
 * connection's), -2 when the tokenizer failed */
#define FIRST_READ 4096

/* Room in @worker->toks for the tokens wanted of a body of @size bytes,
 * written in place: no more than it has bytes */
static void
make_room (Worker *worker,
           gsize   size)
{
  g_array_set_size (worker->toks, MIN ((gsize)worker->limit, size + 1));
}

static int
read_body (Worker *worker,
           gint64  doc_id)
{
  gsize have = 0, pos = 0, want, size;
  int rc;

  if (worker->body != NULL)
    {
      sqlite3_reset (worker->body);
      sqlite3_bind_int64 (worker->body, 1, doc_id);
      rc = sqlite3_step (worker->body);
      if (rc != SQLITE_ROW)
        {
          sqlite3_reset (worker->body);
          return rc == SQLITE_DONE ? 0 : -1;
        }
      size = sqlite3_column_bytes (worker->body, 0);
      make_room (worker, size);
      if (size > worker->buffer_size)
        {
          worker->buffer_size = MAX (size, 2 * worker->buffer_size);
          worker->buffer = g_realloc (worker->buffer, worker->buffer_size);
        }
      if (size > 0)
        memcpy (worker->buffer, sqlite3_column_text (worker->body, 0), size);
      sqlite3_reset (worker->body);
      if (!split_body (worker, worker->buffer, size, TRUE, &pos))
        return -2;
      worker->text = worker->buffer;
      return 1;
    }

  rc = worker->blob != NULL
         ? sqlite3_blob_reopen (worker->blob, doc_id)
         : sqlite3_blob_open (_ce_corpus_get_db (worker->base.corpus), "main", "documents", "body",
                              doc_id, 0, &worker->blob);
  if (rc != SQLITE_OK)
    {
      /* A handle that failed to move is of no further use */
      g_clear_pointer (&worker->blob, sqlite3_blob_close);
      return rc == SQLITE_ERROR ? 0 : -1;
    }

  size = sqlite3_blob_bytes (worker->blob);
  make_room (worker, size);
  want = MIN (size, FIRST_READ);
  for (;;)
    {
      if (want > worker->buffer_size)
        {
          worker->buffer_size = MAX (want, 2 * worker->buffer_size);
          worker->buffer = g_realloc (worker->buffer, worker->buffer_size);
        }
      if (want > have &&
          sqlite3_blob_read (worker->blob, worker->buffer + have, (int)(want - have), (int)have) != SQLITE_OK)
        return -1;
      have = want;

      if (!split_body (worker, worker->buffer, have, have == size, &pos))
        return -2;
      if (worker->n_toks >= worker->limit || have == size)
        break;
      want = MIN (size, 2 * want);
    }

  worker->text = worker->buffer;
  return 1;
}

/* Reads chunk @index into @chunk; FALSE when it failed or was stopped */
static gboolean
read_chunk (CeChunkWorker *base,
            guint          index,
            gpointer       data)
{
  Worker *worker = (Worker *)base;
  Chunk *chunk = data;
  guint from = index * CHUNK_DOCS;
  guint to = MIN (from + CHUNK_DOCS, worker->n_ids);

  for (guint i = from; i < to; i++)
    {
      guint needed = 0;
      const int *pairs;
      int rc;

      if (g_cancellable_is_cancelled (worker->cancellable) ||
          (worker->base.stop != NULL && g_atomic_int_get (worker->base.stop)))
        {
          chunk->head.stopped = TRUE;
          return FALSE;
        }
      if (worker->first_pair[i] == G_MAXUINT)
        continue;

      /* A body with quoted text: its instances are in two columns */
      if (worker->quoted != NULL)
        {
          sqlite3_reset (worker->quoted);
          sqlite3_bind_int64 (worker->quoted, 1, worker->ids[i]);
          rc = sqlite3_step (worker->quoted);
          sqlite3_reset (worker->quoted);
          if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            {
              _ce_corpus_set_sql_error (worker->base.corpus, &chunk->head.error, _("Could not read the words of the corpus"));
              return FALSE;
            }
          if (rc == SQLITE_ROW)
            {
              if (!read_through_index (worker, chunk, worker->ids[i]))
                return FALSE;
              continue;
            }
        }
      if (worker->n_pairs[i] == 0)
        continue;

      pairs = worker->pairs + 2 * worker->first_pair[i];
      for (guint p = 0; p < worker->n_pairs[i]; p++)
        needed = MAX (needed, (guint)pairs[2 * p + 1] + 1);

      worker->limit = worker->after > G_MAXUINT - needed ? G_MAXUINT : needed + worker->after;
      worker->n_toks = 0;
      g_string_truncate (worker->side, 0);
      rc = read_body (worker, worker->ids[i]);
      g_array_set_size (worker->toks, worker->n_toks);
      switch (rc)
        {
        case 0:
          continue;
        case -1:
          _ce_corpus_set_sql_error (worker->base.corpus, &chunk->head.error, _("Could not read the words of the corpus"));
          return FALSE;
        case -2:
          g_set_error (&chunk->head.error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_SQL,
                       _("Could not read the words of the corpus"));
          return FALSE;
        default:
          break;
        }

      pairs_to_ranges (worker, pairs, worker->n_pairs[i]);
      if (worker->ranges->len > 0)
        add_document (worker, chunk, worker->ids[i]);
    }

  return TRUE;
}

/* Where the chunks go */
typedef struct
{
  CeCorpusMatchTokensFunc  func;
  gpointer                 user_data;
} Delivery;

/* Hands the documents of @chunk to the caller's function */
static gboolean
deliver (gpointer data,
         guint    worker,
         gpointer user_data)
{
  Chunk *chunk = data;
  CeCorpusMatchTokensFunc func = ((Delivery *)user_data)->func;
  CeCorpusToken *tokens = (CeCorpusToken *)(void *)chunk->tokens->data;
  const CeSearchRange *ranges = (const CeSearchRange *)(void *)chunk->ranges->data;

  for (guint k = 0; k < chunk->tokens->len; k++)
    tokens[k].text = chunk->text->str + g_array_index (chunk->offsets, guint, k);

  for (guint d = 0; d < chunk->docs->len; d++)
    {
      const Doc *doc = &g_array_index (chunk->docs, Doc, d);

      if (!func (doc->doc_id, tokens + doc->first_token, doc->n_tokens,
                 ranges + doc->first_range, doc->n_ranges, ((Delivery *)user_data)->user_data))
        return FALSE;
    }

  return TRUE;
}

static gboolean
encoding_is_utf8 (CeCorpus *corpus)
{
  sqlite3_stmt *stmt = NULL;
  gboolean utf8 = FALSE;

  if (sqlite3_prepare_v2 (_ce_corpus_get_db (corpus), "PRAGMA encoding", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    utf8 = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "UTF-8") == 0;
  sqlite3_finalize (stmt);

  return utf8;
}

static gboolean
worker_init (Worker    *worker,
             CeCorpus  *corpus,
             GError   **error)
{
  worker->base.corpus = corpus;
  worker->tokenizer = _ce_corpus_tokenizer_new (corpus, error);
  if (worker->tokenizer == NULL)
    return FALSE;

  /* The bytes of the body are read as stored, in part */
  if (!encoding_is_utf8 (corpus) &&
      sqlite3_prepare_v2 (_ce_corpus_get_db (corpus), "SELECT body FROM documents WHERE id = ?",
                          -1, &worker->body, NULL) != SQLITE_OK)
    {
      _ce_corpus_set_sql_error (corpus, error, _("Could not read the words of the corpus"));
      return FALSE;
    }

  /* Older corpora have no quoted column; the index of the documents
   * with quoted text answers without reading their rows */
  if (corpus->schema_version >= 2 &&
      sqlite3_prepare_v2 (_ce_corpus_get_db (corpus),
                          "SELECT 1 FROM documents INDEXED BY documents_quoted"
                          " WHERE quoted IS NOT NULL AND id = ?",
                          -1, &worker->quoted, NULL) != SQLITE_OK)
    {
      _ce_corpus_set_sql_error (corpus, error, _("Could not read the words of the corpus"));
      return FALSE;
    }

  worker->toks = g_array_new (FALSE, FALSE, sizeof (Tok));
  worker->side = g_string_new (NULL);
  worker->ranges = g_array_new (FALSE, FALSE, sizeof (CeSearchRange));
  worker->keep = g_array_new (FALSE, FALSE, sizeof (guint8));

  return TRUE;
}

static void
worker_clear (Worker *worker)
{
  g_clear_pointer (&worker->tokenizer, _ce_corpus_tokenizer_free);
  g_clear_pointer (&worker->quoted, sqlite3_finalize);
  g_clear_pointer (&worker->blob, sqlite3_blob_close);
  g_clear_pointer (&worker->body, sqlite3_finalize);
  g_clear_pointer (&worker->buffer, g_free);
  g_clear_pointer (&worker->reader, _ce_match_reader_free);
  g_clear_pointer (&worker->toks, g_array_unref);
  if (worker->side != NULL)
    g_string_free (g_steal_pointer (&worker->side), TRUE);
  g_clear_pointer (&worker->ranges, g_array_unref);
  g_clear_pointer (&worker->keep, g_array_unref);
}

static const CeChunkFuncs chunk_funcs = {
  .thread_name = "ce-matches",
  .chunk_new = chunk_new,
  .chunk_free = chunk_free,
  .read = read_chunk,
  .deliver = deliver,
};

/* Whether two connections, each in a read transaction, see the same
 * documents: the same largest id and last change logged (a corpus older
 * than the log is taken at its word) */
static gboolean
same_state (CeCorpus *corpus,
            CeCorpus *helper)
{
  CeCountStamp a, b;

  if (!_ce_count_store_available (corpus))
    return TRUE;

  return _ce_count_store_stamp (corpus, &a, NULL) && _ce_count_store_stamp (helper, &b, NULL) &&
         a.max_id == b.max_id && a.change == b.change;
}

/**
 * ce_corpus_tokenize_matches:
 * @highlight: the FTS5 expression of what is highlighted
 *   (ce_query_get_highlight_fts())
 * @ids: (array length=n_ids): the documents wanted
 * @columns: a mask of `1 << CE_CORPUS_COLUMN_*` holding the body, with
 *   or without the quoted text
 * @before: tokens wanted before each match
 * @after: tokens wanted after each match
 * @func: called on the calling thread for each document of @ids in which
 *   @highlight matches something in the body; it must not use @corpus
 *
 * Reads what ce_search_instances() reports for each document of @ids
 * (the byte ranges of the matches in the body) and the tokens of its
 * body near them: those inside a match, and from each match outwards,
 * the tokens up to the @before-th before it and the @after-th after it,
 * counting only tokens outside any match.  Tokens farther from every
 * match are left out; a window cut by the end of the body is shorter.
 * Documents come in the order of their ids.  Many documents are read by
 * two threads, the second with a read-only connection of its own.  The
 * cancellable set with ce_corpus_set_cancellable() interrupts it.
 *
 * Returns: %FALSE with @error set when reading failed; %TRUE otherwise,
 *   also when @func stopped it or the cancellable was cancelled
 */
gboolean
ce_corpus_tokenize_matches (CeCorpus                *corpus,
                            const char              *highlight,
                            const gint64            *ids,
                            guint                    n_ids,
                            guint                    columns,
                            guint                    before,
                            guint                    after,
                            CeCorpusMatchTokensFunc  func,
                            gpointer                 user_data,
                            GError                 **error)
{
  Worker workers[2] = { { { 0, }, }, { { 0, }, } };
  Delivery delivery = { func, user_data };
  guint n_chunks = (n_ids + CHUNK_DOCS - 1) / CHUNK_DOCS;
  g_autoptr(GArray) docs = g_array_new (FALSE, FALSE, sizeof (CeMatchPositions));
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree gint64 *sorted = NULL;
  g_autofree guint *first_pair = NULL;
  g_autofree guint *n_pairs = NULL;
  g_autofree char *scoped = NULL;
  guint both = (1u << CE_CORPUS_COLUMN_BODY) | (1u << CE_CORPUS_COLUMN_QUOTED);
  CeCorpus *helper;
  gboolean began, helper_began = FALSE;
  gboolean ok;
  guint d = 0;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), FALSE);
  g_return_val_if_fail (highlight != NULL, FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);
  g_return_val_if_fail (columns & (1u << CE_CORPUS_COLUMN_BODY), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (n_ids == 0)
    return TRUE;

  sorted = g_memdup2 (ids, n_ids * sizeof (gint64));
  qsort (sorted, n_ids, sizeof (gint64), _ce_compare_ids);
  scoped = _ce_corpus_scope_fts (corpus, highlight);

  /* The second connection is taken before this one reads */
  helper = _ce_corpus_words_helper (corpus, n_ids);

  /* Where the matches are, and the bodies, in one read transaction of
   * this connection */

  began = _ce_corpus_begin_read (corpus);
  if (!_ce_corpus_match_positions (corpus, scoped, sorted, n_ids, docs, pairs, error))
    {
      _ce_corpus_end_read (corpus, began);
      return FALSE;
    }

  /* The second connection reads the bodies of the state the positions
   * come from, or does not read */
  if (helper != NULL)
    {
      helper_began = _ce_corpus_begin_read (helper);
      if (!same_state (corpus, helper))
        {
          _ce_corpus_end_read (helper, helper_began);
          helper = NULL;
        }
    }

  first_pair = g_new (guint, n_ids);
  n_pairs = g_new0 (guint, n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      const CeMatchPositions *doc;

      while (d < docs->len && g_array_index (docs, CeMatchPositions, d).doc_id < sorted[i])
        d++;
      doc = d < docs->len ? &g_array_index (docs, CeMatchPositions, d) : NULL;
      /* An id given twice is read once */
      if (doc != NULL && doc->doc_id == sorted[i] && (i == 0 || sorted[i - 1] != sorted[i]))
        {
          first_pair[i] = doc->first;
          n_pairs[i] = doc->n;
        }
      else
        {
          first_pair[i] = G_MAXUINT;
        }
    }

  for (guint w = 0; w < (helper != NULL ? 2 : 1); w++)
    {
      workers[w].scoped = scoped;
      workers[w].column = (columns & both) == both ? -1 : CE_CORPUS_COLUMN_BODY;
      workers[w].before = before;
      workers[w].after = after;
      workers[w].cancellable = corpus->cancellable;
      workers[w].ids = sorted;
      workers[w].n_ids = n_ids;
      workers[w].first_pair = first_pair;
      workers[w].n_pairs = n_pairs;
      workers[w].pairs = (const int *)(void *)pairs->data;
      if (!worker_init (&workers[w], w == 0 ? corpus : helper, error))
        {
          worker_clear (&workers[0]);
          worker_clear (&workers[1]);
          if (helper != NULL)
            _ce_corpus_end_read (helper, helper_began);
          _ce_corpus_end_read (corpus, began);
          return FALSE;
        }
    }

  if (helper == NULL)
    {
      ok = _ce_corpus_read_chunks (&chunk_funcs, (CeChunkWorker *[]) { &workers[0].base, NULL },
                                   n_chunks, &delivery, error);
    }
  else
    {
      ce_corpus_set_cancellable (helper, corpus->cancellable);
      ok = _ce_corpus_read_chunks (&chunk_funcs, (CeChunkWorker *[]) { &workers[0].base, &workers[1].base },
                                   n_chunks, &delivery, error);
      ce_corpus_set_cancellable (helper, NULL);
    }

  /* The blob handles go before the transactions end */
  worker_clear (&workers[0]);
  worker_clear (&workers[1]);
  if (helper != NULL)
    _ce_corpus_end_read (helper, helper_began);
  _ce_corpus_end_read (corpus, began);

  return ok;
}
