/* ce-corpus-duplicates-filter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-corpus"

#include "config.h"

#include <glib/gi18n-lib.h>

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
 * connection stored in between is never missed.  Each key sets
 * FILTER_HASHES bits of one 64-bit word; at FILTER_BITS_PER_KEY bits a
 * key, about one key in 300 not stored says "maybe".  When more keys
 * than planned are added the filter is made again, twice as large, from
 * the table; it never grows past FILTER_MAX_BYTES (then it says "maybe"
 * more often, which costs time, never a copy). */

#define FILTER_BITS_PER_KEY 16
#define FILTER_HASHES 4
#define FILTER_MIN_KEYS (256 * 1024)
#define FILTER_MAX_BYTES (64 * 1024 * 1024)

/* A filter is worth its scan of the table once a transaction has looked
 * up this share of the documents stored */
#define FILTER_WORTH 16

struct _CeBandFilter
{
  guint64 *words;
  guint64  n_words;
  guint64  keys;       /* added */
  guint64  capacity;   /* keys it was sized for */
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
  g_free (filter);
}

void
_ce_corpus_drop_band_filter (CeCorpus *self)
{
  g_clear_pointer (&self->band_filter, filter_free);
  self->band_lookups = 0;
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

/* A filter for @capacity keys, holding every key of the bands table */
static CeBandFilter *
filter_build (CeCorpus  *self,
              guint64    capacity,
              GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  CeBandFilter *filter;
  guint64 bytes;
  int rc;

  stmt = _ce_corpus_prepare (self, "SELECT key FROM bands", error);
  if (stmt == NULL)
    return NULL;

  capacity = MAX (capacity, FILTER_MIN_KEYS);
  bytes = MIN (capacity * FILTER_BITS_PER_KEY / 8, FILTER_MAX_BYTES);

  filter = g_new0 (CeBandFilter, 1);
  filter->n_words = MAX (bytes / sizeof (guint64), 1);
  filter->capacity = filter->n_words * 64 / FILTER_BITS_PER_KEY;
  filter->words = g_new0 (guint64, filter->n_words);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    filter_add (filter, (guint64)sqlite3_column_int64 (stmt, 0));

  if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not read copies"));
      filter_free (filter);
      return NULL;
    }

  return filter;
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
  if ((gint64)++self->band_lookups * FILTER_WORTH < stored)
    return NULL;

  self->band_filter = filter_build (self, (guint64)stored * CE_FINGERPRINT_BANDS * 2, error);
  return self->band_filter;
}

/* After @keys were stored in the bands table */
gboolean
_ce_copies_band_filter_add (CeCorpus      *self,
                            const gint64  *keys,
                            guint          n_keys,
                            GError       **error)
{
  CeBandFilter *filter = self->band_filter;

  if (filter == NULL)
    return TRUE;

  for (guint i = 0; i < n_keys; i++)
    filter_add (filter, (guint64)keys[i]);

  if (filter->keys > filter->capacity &&
      filter->n_words * sizeof (guint64) < FILTER_MAX_BYTES)
    {
      CeBandFilter *larger = filter_build (self, filter->keys * 2, error);

      if (larger == NULL)
        return FALSE;
      filter_free (filter);
      self->band_filter = larger;
    }

  return TRUE;
}
