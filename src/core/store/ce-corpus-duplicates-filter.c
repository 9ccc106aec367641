/* ce-corpus-duplicates-filter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-corpus"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-corpus-duplicates-private.h"

/* The band keys stored, in memory: a blocked Bloom filter over the keys
 * of the bands table, so that a new document looks up only the keys it
 * may share with another (most documents share none) instead of all
 * CE_FINGERPRINT_BANDS of them.
 *
 * It says "maybe" for every key stored and "no" for most others; a key
 * removed from the table stays in it, which only costs a look-up.  It
 * lives for one write transaction of its connection (ce-corpus.c drops
 * it when a transaction begins or ends), so that what another
 * connection stored in between is never missed; the steps of grouping
 * an older corpus keep it from one to the next while the connection's
 * data_version shows that nobody else wrote
 * (ce_corpus_compute_fingerprints()).  Each key sets
 * FILTER_HASHES bits of one 64-bit word; at FILTER_BITS_PER_KEY bits a
 * key, about one key in 300 not stored says "maybe".  When more keys
 * than planned are added the filter is made again, twice as large, from
 * the table; it never grows past FILTER_MAX_BYTES (then it says "maybe"
 * more often, which costs time, never a copy).
 *
 * The filter also holds the band rows of the transaction's newest
 * documents before they are written (up to PENDING_MAX rows, looked up
 * by key in an open-addressed table of their indexes): band keys are
 * random, so a row written per document lands on a random page of an
 * index larger than the page cache, where a batch sorted by key walks
 * the index once, in order.  The batch is written when full, before the
 * transaction commits (_ce_copies_flush_bands()), before anything else
 * reads or changes the table, and before a savepoint that could be
 * rolled back; a rollback of the transaction drops it with the filter.
 * Only the import's additions wait here (the caller says so): a
 * correction inside a savepoint writes its rows at once. */

#define FILTER_BITS_PER_KEY 16
#define FILTER_HASHES 4
#define FILTER_MIN_KEYS (256 * 1024)
#define FILTER_MAX_BYTES (64 * 1024 * 1024)

/* A filter is worth its scan of the table once a transaction has looked
 * up this share of the documents stored */
#define FILTER_WORTH 16

/* Band rows kept before they are written: 4 MB of rows and 2 MB of
 * slots, 8,192 documents of 32 bands */
#define PENDING_MAX (256 * 1024)
#define PENDING_SLOT_BITS 19
#define PENDING_SLOTS (1u << PENDING_SLOT_BITS)

G_STATIC_ASSERT (PENDING_SLOTS >= 2 * PENDING_MAX);

struct _CeBandFilter
{
  guint64 *words;
  guint64  n_words;
  guint64  keys;       /* added */
  guint64  capacity;   /* keys it was sized for */

  BandRow *pending;    /* rows not yet in the table, in the order added */
  guint    n_pending;
  guint32 *slots;      /* PENDING_SLOTS: an index in pending + 1, 0 when free */
};

static inline guint64
word_of (const CeBandFilter *filter,
         guint64             key)
{
  /* The top half of the key picks the word, the bottom bits the bits
   * in it: the keys are already well mixed */
  return ((key >> 32) * filter->n_words) >> 32;
}

static inline guint64
bits_of (guint64 key)
{
  guint64 bits = 0;

  for (guint i = 0; i < FILTER_HASHES; i++)
    bits |= G_GUINT64_CONSTANT (1) << ((key >> (6 * i)) & 63);

  return bits;
}

static void
filter_free (CeBandFilter *filter)
{
  g_free (filter->words);
  g_free (filter->pending);
  g_free (filter->slots);
  g_free (filter);
}

void
_ce_corpus_drop_band_filter (CeCorpus *self)
{
  g_clear_pointer (&self->band_filter, filter_free);
  self->band_lookups = 0;
  g_clear_pointer (&self->band_defer, _ce_band_defer_free);
  self->band_mode_known = FALSE;
  self->band_settle_failed = FALSE;
}

static void
filter_add (CeBandFilter *filter,
            guint64       key)
{
  filter->words[word_of (filter, key)] |= bits_of (key);
  filter->keys++;
}

gboolean
_ce_band_filter_may_hold (const CeBandFilter *filter,
                          gint64              key)
{
  guint64 bits = bits_of ((guint64)key);

  return (filter->words[word_of (filter, (guint64)key)] & bits) == bits;
}

/* Makes @filter's bits again for @capacity keys, from every key of the
 * bands table; the old bits go first, so that the two never take memory
 * at once.  On failure @filter holds no key and must be dropped. */
static gboolean
filter_fill (CeCorpus      *self,
             CeBandFilter  *filter,
             guint64        capacity,
             GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint64 bytes;
  int rc;

  g_clear_pointer (&filter->words, g_free);
  filter->keys = 0;

  stmt = _ce_corpus_prepare (self, "SELECT key FROM bands", error);
  if (stmt == NULL)
    return FALSE;

  capacity = MAX (capacity, FILTER_MIN_KEYS);
  bytes = MIN (capacity * FILTER_BITS_PER_KEY / 8, FILTER_MAX_BYTES);

  filter->n_words = MAX (bytes / sizeof (guint64), 1);
  filter->capacity = filter->n_words * 64 / FILTER_BITS_PER_KEY;
  filter->words = g_new0 (guint64, filter->n_words);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    filter_add (filter, (guint64)sqlite3_column_int64 (stmt, 0));

  if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not read copies"));
      return FALSE;
    }

  return TRUE;
}

/* The filter of this transaction, made when it is worth it: %NULL when
 * the keys are to be looked up in the table (@error set when the table
 * could not be read) */
CeBandFilter *
_ce_copies_band_filter (CeCorpus  *self,
                        GError   **error)
{
  gint64 stored;

  if (self->band_filter != NULL)
    return self->band_filter;

  /* Documents with a fingerprint, at most: one look-up in the index */
  stored = _ce_corpus_query_int (self, "SELECT max(doc_id) FROM fingerprints", 0);
  if (!self->band_filter_wanted && (gint64)++self->band_lookups * FILTER_WORTH < stored)
    return NULL;

  self->band_filter = g_new0 (CeBandFilter, 1);
  if (!filter_fill (self, self->band_filter, (guint64)stored * CE_FINGERPRINT_BANDS * 2, error))
    _ce_corpus_drop_band_filter (self);
  return self->band_filter;
}

static inline guint32
slot_of (gint64 key)
{
  return (guint32)(((guint64)key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> (64 - PENDING_SLOT_BITS));
}

static inline gboolean
band_row_less (const BandRow *x,
               const BandRow *y)
{
  return x->key < y->key || (x->key == y->key && x->doc_id < y->doc_id);
}

static inline void
band_row_swap (BandRow *x,
               BandRow *y)
{
  BandRow t = *x;

  *x = *y;
  *y = t;
}

/* Sorts @rows by key, then document, in place (qsort() would take a
 * copy of the batch): a quicksort on the median of three, the smaller
 * side first so that the stack stays shallow, insertion for short runs */
void
_ce_band_rows_sort (BandRow *rows,
                    gsize    n)
{
  while (n > 16)
    {
      gsize mid = n / 2, i = 0, j = n - 1;
      BandRow pivot;

      if (band_row_less (&rows[mid], &rows[0]))
        band_row_swap (&rows[mid], &rows[0]);
      if (band_row_less (&rows[n - 1], &rows[0]))
        band_row_swap (&rows[n - 1], &rows[0]);
      if (band_row_less (&rows[n - 1], &rows[mid]))
        band_row_swap (&rows[n - 1], &rows[mid]);
      pivot = rows[mid];

      for (;;)
        {
          while (band_row_less (&rows[i], &pivot))
            i++;
          while (band_row_less (&pivot, &rows[j]))
            j--;
          if (i >= j)
            break;
          band_row_swap (&rows[i++], &rows[j--]);
        }

      /* rows[0..j] and rows[j + 1..n - 1] */
      if (j + 1 < n - j - 1)
        {
          _ce_band_rows_sort (rows, j + 1);
          rows += j + 1;
          n -= j + 1;
        }
      else
        {
          _ce_band_rows_sort (rows + j + 1, n - j - 1);
          n = j + 1;
        }
    }

  for (gsize i = 1; i < n; i++)
    for (gsize k = i; k > 0 && band_row_less (&rows[k], &rows[k - 1]); k--)
      band_row_swap (&rows[k], &rows[k - 1]);
}

/* Rows written by one step of the flushing statement */
#define FLUSH_ROWS 32

static char *
insert_rows_sql (guint n_rows)
{
  GString *sql = g_string_new ("INSERT OR IGNORE INTO bands (key, doc_id) VALUES ");

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (sql, "%s(?, ?)", i > 0 ? ", " : "");

  return g_string_free (sql, FALSE);
}

/* Writes @n_rows band rows, FLUSH_ROWS a statement */
gboolean
_ce_copies_insert_rows (CeCorpus       *self,
                        const BandRow  *rows,
                        guint           n_rows,
                        GError        **error)
{
  g_autofree char *many_sql = insert_rows_sql (FLUSH_ROWS);
  g_autofree char *one_sql = insert_rows_sql (1);
  sqlite3_stmt *stmt;
  guint i = 0;

  while (i < n_rows)
    {
      guint n = n_rows - i >= FLUSH_ROWS ? FLUSH_ROWS : 1;

      stmt = _ce_copies_cached (self, n > 1 ? STMT_FLUSH_BANDS : STMT_FLUSH_BAND,
                                n > 1 ? many_sql : one_sql, error);
      if (stmt == NULL)
        return FALSE;

      for (guint j = 0; j < n; j++)
        {
          sqlite3_bind_int64 (stmt, 2 * j + 1, rows[i + j].key);
          sqlite3_bind_int64 (stmt, 2 * j + 2, rows[i + j].doc_id);
        }
      if (!_ce_copies_step_done (self, stmt, error))
        return FALSE;
      i += n;
    }

  return TRUE;
}

/**
 * _ce_copies_flush_bands:
 *
 * Writes the band rows that wait in this transaction's filter, sorted
 * by key, or those of a new corpus with its groups
 * (ce-corpus-duplicates-defer.c).  Called before the transaction
 * commits, before a savepoint and before anything reads the whole
 * table, the groups, or deletes from them.
 */
gboolean
_ce_copies_flush_bands (CeCorpus  *self,
                        GError   **error)
{
  CeBandFilter *filter = self->band_filter;

  if (self->band_settle_failed)
    {
      g_set_error_literal (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_SQL,
                           _("Could not store copies"));
      return FALSE;
    }

  if (self->band_defer != NULL)
    return _ce_copies_settle (self, error);

  if (filter == NULL || filter->n_pending == 0)
    return TRUE;

  _ce_band_rows_sort (filter->pending, filter->n_pending);
  if (!_ce_copies_insert_rows (self, filter->pending, filter->n_pending, error))
    return FALSE;

  filter->n_pending = 0;
  memset (filter->slots, 0, PENDING_SLOTS * sizeof (guint32));
  return TRUE;
}

/* Keeps @doc_id's band rows to be written with the others */
static gboolean
filter_keep (CeCorpus      *self,
             CeBandFilter  *filter,
             gint64         doc_id,
             const gint64  *keys,
             guint          n_keys,
             GError       **error)
{
  if (filter->n_pending + n_keys > PENDING_MAX &&
      !_ce_copies_flush_bands (self, error))
    return FALSE;

  if (filter->pending == NULL)
    {
      filter->pending = g_new (BandRow, PENDING_MAX);
      filter->slots = g_new0 (guint32, PENDING_SLOTS);
    }

  for (guint i = 0; i < n_keys; i++)
    {
      guint32 slot = slot_of (keys[i]);

      while (filter->slots[slot] != 0)
        slot = (slot + 1) & (PENDING_SLOTS - 1);
      filter->pending[filter->n_pending].key = keys[i];
      filter->pending[filter->n_pending].doc_id = doc_id;
      filter->slots[slot] = ++filter->n_pending;
    }

  return TRUE;
}

/**
 * _ce_band_filter_find_pending:
 * @limit: how many more documents to take for @key
 *
 * Adds to @ids the documents other than @except whose band rows with
 * @key wait to be written, the earliest first.
 */
void
_ce_band_filter_find_pending (const CeBandFilter *filter,
                              gint64              key,
                              gint64              except,
                              guint               limit,
                              GHashTable         *ids)
{
  guint32 slot;

  if (filter->n_pending == 0)
    return;

  /* Probing meets a key's rows in the order they were added */
  for (slot = slot_of (key); limit > 0 && filter->slots[slot] != 0;
       slot = (slot + 1) & (PENDING_SLOTS - 1))
    {
      const BandRow *row = &filter->pending[filter->slots[slot] - 1];

      if (row->key == key && row->doc_id != except)
        {
          g_hash_table_add (ids, g_memdup2 (&row->doc_id, sizeof row->doc_id));
          limit--;
        }
    }
}

static char *
insert_bands_sql (void)
{
  GString *sql = g_string_new ("INSERT OR IGNORE INTO bands (key, doc_id) VALUES ");

  for (guint i = 0; i < CE_FINGERPRINT_BANDS; i++)
    g_string_append_printf (sql, "%s(?%u, ?%u)", i > 0 ? ", " : "",
                            i + 1, CE_FINGERPRINT_BANDS + 1);

  return g_string_free (sql, FALSE);
}

/**
 * _ce_copies_store_bands:
 * @keys: (array fixed-size=CE_FINGERPRINT_BANDS): the document's band keys
 * @batched: whether the rows may wait to be written with others (only
 *   outside a savepoint: a rollback to it would not take them back)
 *
 * Stores the band rows of @doc_id and adds its keys to the filter.
 */
gboolean
_ce_copies_store_bands (CeCorpus      *self,
                        gint64         doc_id,
                        const gint64  *keys,
                        gboolean       batched,
                        GError       **error)
{
  CeBandFilter *filter = self->band_filter;

  if (filter != NULL && batched)
    {
      if (!filter_keep (self, filter, doc_id, keys, CE_FINGERPRINT_BANDS, error))
        return FALSE;
    }
  else
    {
      g_autofree char *sql = insert_bands_sql ();
      sqlite3_stmt *stmt = _ce_copies_cached (self, STMT_INSERT_BANDS, sql, error);

      if (stmt == NULL)
        return FALSE;

      for (guint i = 0; i < CE_FINGERPRINT_BANDS; i++)
        sqlite3_bind_int64 (stmt, i + 1, keys[i]);
      sqlite3_bind_int64 (stmt, CE_FINGERPRINT_BANDS + 1, doc_id);
      if (!_ce_copies_step_done (self, stmt, error))
        return FALSE;
    }

  if (filter == NULL)
    return TRUE;

  for (guint i = 0; i < CE_FINGERPRINT_BANDS; i++)
    filter_add (filter, (guint64)keys[i]);

  /* Made again from the table, twice as large, with what waits written
   * first */
  if (filter->keys > filter->capacity &&
      filter->n_words * sizeof (guint64) < FILTER_MAX_BYTES &&
      (!_ce_copies_flush_bands (self, error) ||
       !filter_fill (self, filter, filter->keys * 2, error)))
    {
      _ce_corpus_drop_band_filter (self);
      return FALSE;
    }

  return TRUE;
}
