/* ce-corpus-words.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-corpus-words"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "ce-corpus-private.h"
#include "ce-corpus-tokens.h"
#include "ce-mail-marks.h"

/* The words of documents as numbers of a word table, for counting that
 * needs no offsets (keywords, n-grams).
 *
 * The text is read from the documents' rows, not through the index (one
 * statement per document for every column), and split by an instance of
 * the corpus's own tokenizer (_ce_corpus_tokenizer_new()).  A word of
 * ASCII letters and digits between ASCII separators is split and folded
 * here: every tokenizer a corpus may name (unicode61, and ce_cjk, which
 * hands all but CJK runs to unicode61) ends a token at an ASCII
 * character other than a letter or digit, keeps ASCII letters and digits
 * with their case folded, and starts afresh after a separator; so a text
 * is tokenized as the index tokenized it when each run containing other
 * bytes, from the last ASCII separator before it to the first after it,
 * goes to the tokenizer itself.  The ASCII words of a text are numbered
 * a few behind the splitting (PENDING), the table asked to read their
 * entries ahead, so that several words wait on memory at once.
 *
 * With many documents the work is split into chunks read by two threads,
 * each with its own connection (the caller's, and a second read-only one
 * kept with it), tokenizer and word table; the caller receives the
 * chunks in order, renumbers the words into its table and hands them on. */

#define CHUNK_DOCS 256
/* Fewer documents than this are read by the calling thread alone */
#define PARALLEL_MIN_DOCS 2048

/* The columns of one document in a chunk */
typedef struct
{
  gint64 doc_id;
  int    column;
  guint  start;   /* in the chunk's numbers */
  guint  n;
} Run;

typedef struct
{
  CeChunkHead head;
  GArray   *runs;        /* Run */
  GArray   *numbers;     /* guint32, numbers of the worker's table */
  GArray   *new_lengths; /* guint32: words first met in this chunk */
  GString  *new_words;   /* their texts, one after another */
} Chunk;

typedef struct
{
  CeChunkWorker      base;        /* the connection read, the thread */
  CeCorpusTokenizer *tokenizer;
  CeWordTable       *table;
  sqlite3_stmt      *stmt;
  char              *fold;
  gsize              fold_size;
  GArray            *numbers;     /* of the chunk being read */
  const gint64      *ids;
  guint              n_ids;
  guint              columns;
  gboolean           plain_body;
  GCancellable      *cancellable;
} Worker;

static void
chunk_free (gpointer data)
{
  Chunk *chunk = data;

  if (chunk == NULL)
    return;

  g_array_unref (chunk->runs);
  g_array_unref (chunk->numbers);
  g_array_unref (chunk->new_lengths);
  g_string_free (chunk->new_words, TRUE);
  g_clear_error (&chunk->head.error);
  g_free (chunk);
}

static gpointer
chunk_new (void)
{
  Chunk *chunk = g_new0 (Chunk, 1);

  chunk->runs = g_array_new (FALSE, FALSE, sizeof (Run));
  chunk->numbers = g_array_sized_new (FALSE, FALSE, sizeof (guint32), 65536);
  chunk->new_lengths = g_array_new (FALSE, FALSE, sizeof (guint32));
  chunk->new_words = g_string_new (NULL);

  return chunk;
}

/* An ASCII letter or digit (@c below 0x80) */
static inline gboolean
token_char (guchar c)
{
  return (guchar)(c - '0') < 10 || (guchar)((c | 0x20) - 'a') < 26;
}

static inline void
emit (Worker     *worker,
      const char *token,
      gsize       len)
{
  guint32 number = ce_word_table_add (worker->table, token, len);

  g_array_append_val (worker->numbers, number);
}

static int
token_cb (void       *user_data,
          int         flags,
          const char *token,
          int         n_token,
          int         start,
          int         end)
{
  /* A synonym at the same position is not another word */
  if (!(flags & FTS5_TOKEN_COLOCATED))
    emit (user_data, token, n_token);

  return SQLITE_OK;
}

static gboolean
tokenize_other (Worker     *worker,
                const char *text,
                gsize       len)
{
  CeCorpusTokenizer *tokenizer = worker->tokenizer;

  return tokenizer->api.xTokenize (tokenizer->tokenizer, worker, FTS5_TOKENIZE_AUX,
                                   text, (int)len, token_cb) == SQLITE_OK;
}

/* ASCII words waiting to be numbered, their slots of the table being
 * read meanwhile */
#define PENDING 4

typedef struct
{
  gsize start;   /* in Worker.fold */
  gsize len;
} Pending;

static gboolean
tokenize_text (Worker     *worker,
               const char *text,
               gsize       len)
{
  const guchar *bytes = (const guchar *)text;
  Pending pending[PENDING];
  guint first = 0, n_pending = 0;
  gsize i = 0;

  if (len > worker->fold_size)
    {
      g_free (worker->fold);
      worker->fold_size = MAX (len, 2 * worker->fold_size);
      worker->fold = g_malloc (worker->fold_size);
    }

  while (i < len)
    {
      gsize start, j;

      /* ASCII separators */
      while (i < len && bytes[i] < 0x80 && !token_char (bytes[i]))
        i++;
      if (i == len)
        break;

      /* A word of ASCII letters and digits, folded in place */
      start = j = i;
      while (j < len && bytes[j] < 0x80 && token_char (bytes[j]))
        {
          guchar c = bytes[j];

          worker->fold[j] = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
          j++;
        }

      if (j == len || bytes[j] < 0x80)
        {
          Pending *next;

          if (n_pending == PENDING)
            {
              emit (worker, worker->fold + pending[first].start, pending[first].len);
              first = (first + 1) % PENDING;
              n_pending--;
            }
          next = &pending[(first + n_pending) % PENDING];
          next->start = start;
          next->len = j - start;
          n_pending++;
          ce_word_table_prefetch (worker->table, worker->fold + start, j - start);
          i = j;
          continue;
        }

      /* Other bytes up to the next ASCII separator: the tokenizer's,
       * after the words before them */
      for (; n_pending > 0; n_pending--, first = (first + 1) % PENDING)
        emit (worker, worker->fold + pending[first].start, pending[first].len);
      while (j < len && (bytes[j] >= 0x80 || token_char (bytes[j])))
        j++;
      if (!tokenize_other (worker, text + start, j - start))
        return FALSE;
      i = j;
    }

  for (; n_pending > 0; n_pending--, first = (first + 1) % PENDING)
    emit (worker, worker->fold + pending[first].start, pending[first].len);

  return TRUE;
}

/* What FTS5 indexed of @column for the row the statement is on: the
 * title, the body (its quoted paragraphs blanked when it has some), the
 * quoted text (NULL without), or body and quoted text together (the
 * stored body, asked for as PLAIN) */
#define PLAIN_BODY -1

static const char *
column_text (sqlite3_stmt  *stmt,
             int            column,
             gsize         *len,
             char         **owned)
{
  const char *body, *flag;
  gboolean quoted;

  *owned = NULL;
  *len = 0;

  if (column == CE_CORPUS_COLUMN_TITLE)
    {
      const char *title = (const char *)sqlite3_column_text (stmt, 0);

      *len = sqlite3_column_bytes (stmt, 0);
      return title;
    }

  body = (const char *)sqlite3_column_text (stmt, 1);
  *len = sqlite3_column_bytes (stmt, 1);
  flag = (const char *)sqlite3_column_text (stmt, 2);
  quoted = flag != NULL && sqlite3_column_bytes (stmt, 2) > 0;

  if (column == PLAIN_BODY || (column == CE_CORPUS_COLUMN_BODY && !quoted))
    return body;
  if (!quoted || body == NULL)
    {
      *len = 0;
      return NULL;
    }

  *owned = ce_mail_body_mask (body, *len, column == CE_CORPUS_COLUMN_QUOTED);
  return *owned;
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
  guint32 first_new = ce_word_table_size (worker->table);

  worker->numbers = chunk->numbers;

  for (guint i = from; i < to; i++)
    {
      int rc;

      if (g_cancellable_is_cancelled (worker->cancellable) ||
          (worker->base.stop != NULL && g_atomic_int_get (worker->base.stop)))
        {
          chunk->head.stopped = TRUE;
          return FALSE;
        }

      sqlite3_reset (worker->stmt);
      sqlite3_bind_int64 (worker->stmt, 1, worker->ids[i]);
      rc = sqlite3_step (worker->stmt);
      if (rc == SQLITE_DONE)
        continue;
      if (rc != SQLITE_ROW)
        {
          _ce_corpus_set_sql_error (worker->base.corpus, &chunk->head.error, _("Could not read the words of the corpus"));
          return FALSE;
        }

      for (int column = 0; column < CE_CORPUS_N_COLUMNS; column++)
        {
          g_autofree char *owned = NULL;
          const char *text;
          gsize len;
          Run run = { worker->ids[i], column, chunk->numbers->len, 0 };

          if (!(worker->columns & (1u << column)))
            continue;

          text = column_text (worker->stmt,
                              column == CE_CORPUS_COLUMN_BODY && worker->plain_body ? PLAIN_BODY : column,
                              &len, &owned);
          if (text != NULL && !tokenize_text (worker, text, len))
            {
              g_set_error (&chunk->head.error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_SQL,
                           _("Could not read the words of the corpus"));
              return FALSE;
            }
          run.n = chunk->numbers->len - run.start;
          g_array_append_val (chunk->runs, run);
        }
    }
  sqlite3_reset (worker->stmt);

  /* The words this chunk met first, for the caller's table */
  for (guint32 w = worker->base.queue != NULL ? first_new : G_MAXUINT32; w < ce_word_table_size (worker->table); w++)
    {
      const char *word = ce_word_table_get (worker->table, w);
      guint32 len = strlen (word);

      g_array_append_val (chunk->new_lengths, len);
      g_string_append_len (chunk->new_words, word, len);
    }

  return TRUE;
}

/* Where the chunks go */
typedef struct
{
  CeWordTable       *table;
  GArray            *remap[2];  /* the numbers of each worker's table in @table;
                                 * none when the one worker used @table */
  CeCorpusWordsFunc  func;
  gpointer           user_data;
} Delivery;

/* Renumbers the words of @chunk into the caller's table and hands them to
 * its function */
static gboolean
deliver (gpointer data,
         guint    worker,
         gpointer user_data)
{
  Chunk *chunk = data;
  Delivery *delivery = user_data;
  CeWordTable *table = delivery->table;
  GArray *remap = delivery->remap[worker];
  CeCorpusWordsFunc func = delivery->func;
  guint32 *numbers = (guint32 *)(void *)chunk->numbers->data;

  if (remap != NULL)
    {
      const char *word = chunk->new_words->str;
      const guint32 *map;

      for (guint k = 0; k < chunk->new_lengths->len; k++)
        {
          guint32 len = g_array_index (chunk->new_lengths, guint32, k);
          guint32 number = ce_word_table_add (table, word, len);

          g_array_append_val (remap, number);
          word += len;
        }

      map = (const guint32 *)(void *)remap->data;
      for (guint i = 0; i < chunk->numbers->len; i++)
        numbers[i] = map[numbers[i]];
    }

  for (guint r = 0; r < chunk->runs->len; r++)
    {
      const Run *run = &g_array_index (chunk->runs, Run, r);

      if (!func (run->doc_id, run->column, numbers + run->start, run->n, delivery->user_data))
        return FALSE;
    }

  return TRUE;
}

static gboolean
worker_init (Worker     *worker,
             CeCorpus   *corpus,
             GError    **error)
{
  worker->base.corpus = corpus;
  worker->tokenizer = _ce_corpus_tokenizer_new (corpus, error);
  if (worker->tokenizer == NULL)
    return FALSE;

  /* Older corpora have no quoted column */
  if (sqlite3_prepare_v2 (_ce_corpus_get_db (corpus),
                          corpus->schema_version >= 2
                            ? "SELECT title, body, quoted FROM documents WHERE id = ?"
                            : "SELECT title, body, NULL FROM documents WHERE id = ?",
                          -1, &worker->stmt, NULL) != SQLITE_OK)
    {
      _ce_corpus_set_sql_error (corpus, error, _("Could not read the words of the corpus"));
      return FALSE;
    }

  return TRUE;
}

static void
worker_clear (Worker *worker)
{
  g_clear_pointer (&worker->tokenizer, _ce_corpus_tokenizer_free);
  g_clear_pointer (&worker->stmt, sqlite3_finalize);
  g_clear_pointer (&worker->fold, g_free);
}

/* The documents at which the work is split in two */
static guint
parallel_min_docs (void)
{
  static gsize value = 0;

  if (g_once_init_enter (&value))
    {
      const char *env = g_getenv ("CE_WORDS_PARALLEL_MIN");
      gsize min = PARALLEL_MIN_DOCS;

      if (env != NULL && *env != 0)
        min = MAX (g_ascii_strtoull (env, NULL, 10), 1);
      g_once_init_leave (&value, min);
    }

  return value;
}

/* The second connection, read-only, kept with @corpus; NULL when the
 * work cannot be split: a corpus being built or inside a transaction of
 * its own (whose changes another connection would not see), or one core */
CeCorpus *
_ce_corpus_words_helper (CeCorpus *corpus,
                         guint     n_ids)
{
  if (n_ids < parallel_min_docs () || !sqlite3_get_autocommit (corpus->db))
    return NULL;

  return _ce_corpus_open_second (corpus);
}

static const CeChunkFuncs chunk_funcs = {
  .thread_name = "ce-words",
  .chunk_new = chunk_new,
  .chunk_free = chunk_free,
  .read = read_chunk,
  .deliver = deliver,
};

/**
 * ce_corpus_tokenize_words:
 * @ids: (array length=n_ids): the documents, in the order wanted
 * @columns: a mask of `1 << CE_CORPUS_COLUMN_*`
 * @table: where the words are numbered
 * @func: called for each document and column asked for, in order, on the
 *   calling thread; it must not use @corpus
 *
 * Like ce_corpus_tokenize(), with each token as the number of its text in
 * @table rather than the text and its place.  Documents that do not exist
 * are left out.  Many documents are read by two threads, the second with
 * a read-only connection of its own, each in one read transaction.  The
 * cancellable set with ce_corpus_set_cancellable() interrupts it.
 *
 * Returns: %FALSE with @error set when reading failed; %TRUE otherwise,
 *   also when @func stopped it or the cancellable was cancelled
 */
gboolean
ce_corpus_tokenize_words (CeCorpus           *corpus,
                          const gint64       *ids,
                          guint               n_ids,
                          guint               columns,
                          CeWordTable        *table,
                          CeCorpusWordsFunc   func,
                          gpointer            user_data,
                          GError            **error)
{
  Worker workers[2] = { { { 0, }, }, { { 0, }, } };
  Delivery delivery = { 0, };
  guint both = (1u << CE_CORPUS_COLUMN_BODY) | (1u << CE_CORPUS_COLUMN_QUOTED);
  guint n_chunks = (n_ids + CHUNK_DOCS - 1) / CHUNK_DOCS;
  CeCorpus *helper;
  gboolean ok;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (n_ids == 0)
    return TRUE;

  /* The body and its quoted text together are the body as stored */
  if ((columns & both) == both)
    columns &= ~(1u << CE_CORPUS_COLUMN_QUOTED);
  else
    both = 0;

  helper = _ce_corpus_words_helper (corpus, n_ids);

  for (guint w = 0; w < (helper != NULL ? 2 : 1); w++)
    {
      workers[w].ids = ids;
      workers[w].n_ids = n_ids;
      workers[w].columns = columns;
      workers[w].plain_body = both != 0;
      workers[w].cancellable = corpus->cancellable;
      if (!worker_init (&workers[w], w == 0 ? corpus : helper, error))
        {
          worker_clear (&workers[0]);
          worker_clear (&workers[1]);
          return FALSE;
        }
    }

  delivery.table = table;
  delivery.func = func;
  delivery.user_data = user_data;
  if (helper == NULL)
    {
      /* The one worker numbers words in the caller's table */
      workers[0].table = table;
      ok = _ce_corpus_read_chunks (&chunk_funcs, (CeChunkWorker *[]) { &workers[0].base, NULL },
                                   n_chunks, &delivery, error);
    }
  else
    {
      /* Each worker numbers words in a table of its own, renumbered as
       * its chunks are delivered */
      for (guint w = 0; w < 2; w++)
        {
          workers[w].table = ce_word_table_new ();
          delivery.remap[w] = g_array_new (FALSE, FALSE, sizeof (guint32));
        }
      ce_corpus_set_cancellable (helper, corpus->cancellable);
      ok = _ce_corpus_read_chunks (&chunk_funcs, (CeChunkWorker *[]) { &workers[0].base, &workers[1].base },
                                   n_chunks, &delivery, error);
      ce_corpus_set_cancellable (helper, NULL);
      for (guint w = 0; w < 2; w++)
        {
          g_clear_pointer (&workers[w].table, ce_word_table_free);
          g_array_unref (delivery.remap[w]);
        }
    }

  worker_clear (&workers[0]);
  worker_clear (&workers[1]);

  return ok;
}
