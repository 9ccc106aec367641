/* ce-corpus-duplicates-defer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-corpus"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "ce-corpus-duplicates-private.h"

/* The copies of a new corpus, found once at the end of its first
 * transaction.
 *
 * A document imported into an empty corpus can only be a copy of one
 * imported before it in the same transaction.  Looking each up as it
 * comes (ce-corpus-duplicates.c) keeps the bands table in step, and its
 * rows, with random keys, land all over an index far larger than the
 * page cache: at 1 GB every batch of rows written rewrote most of the
 * index.  Here the band rows wait instead, in runs of RUN_ROWS sorted
 * by key and written to a file beside the corpus, so that memory stays the
 * same however large the import.  When the transaction needs the table
 * (it commits, counts its groups, opens a savepoint, or a document is
 * changed or removed: _ce_copies_flush_bands()), the runs are merged:
 * the rows go into the table in key order, filling its pages once from
 * left to right, and the documents that share a key are compared as
 * the look-ups would have compared them: each with the BUCKET_LIMIT
 * earliest documents before it that share the key, and with those of
 * the same body.  A pair at or above the threshold joins the two
 * groups.  Joined that way, the groups are the connected sets of the
 * same pairs as document by document, with the same representatives
 * (the earliest) and similarities (to the representative).  The rest of
 * the transaction then goes document by document.
 *
 * When no temporary file can be made, the rows waiting are settled at
 * once and the import goes on document by document. */

/* Rows of a run: 2 MB, and as much again to sort them */
#define RUN_ROWS (128 * 1024)
/* Rows read at a time from each run while merging */
#define READ_ROWS 1024
/* Rows given to one call of _ce_copies_insert_rows() */
#define WRITE_ROWS 1024

struct _CeBandDefer
{
  BandRow *rows;     /* the run being filled */
  BandRow *spare;    /* RUN_ROWS more, for sorting it */
  guint    n_rows;
  gint64   last_doc; /* the run's rows come in document order while
                      * its documents' ids grow */
  gboolean in_order;
  int      fd;       /* the runs written, -1 before the first */
  GArray  *starts;   /* guint64: the first row of each run in the file */
  guint64  n_written;
};

void
_ce_band_defer_free (CeBandDefer *defer)
{
  if (defer->fd >= 0)
    close (defer->fd);
  g_free (defer->rows);
  g_free (defer->spare);
  g_array_unref (defer->starts);
  g_free (defer);
}

/**
 * _ce_copies_deferring:
 * @doc_id: the document about to get its fingerprint, stored already
 * @batched: whether its band rows may wait (see _ce_corpus_fingerprint_add())
 * @defer: (out): whether its copies are to be found at the end
 *
 * The first document of a transaction decides: when the corpus holds
 * nothing but it, the transaction's copies are found at the end.  A
 * document that may not wait ends that first.
 */
gboolean
_ce_copies_deferring (CeCorpus  *self,
                      gint64     doc_id,
                      gboolean   batched,
                      gboolean  *defer,
                      GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *defer = FALSE;

  if (self->band_defer != NULL)
    {
      if (batched)
        {
          *defer = TRUE;
          return TRUE;
        }
      return _ce_copies_settle (self, error);
    }

  if (self->band_mode_known || !batched)
    return TRUE;
  self->band_mode_known = TRUE;

  stmt = _ce_corpus_prepare (self,
                             "SELECT NOT EXISTS (SELECT 1 FROM documents WHERE id <> ?)"
                             "   AND NOT EXISTS (SELECT 1 FROM fingerprints)"
                             "   AND NOT EXISTS (SELECT 1 FROM bands)"
                             "   AND NOT EXISTS (SELECT 1 FROM copies)",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, doc_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not read copies"));
      return FALSE;
    }

  if (sqlite3_column_int (stmt, 0) != 0)
    {
      self->band_defer = g_new0 (CeBandDefer, 1);
      self->band_defer->fd = -1;
      self->band_defer->in_order = TRUE;
      self->band_defer->starts = g_array_new (FALSE, FALSE, sizeof (guint64));
      *defer = TRUE;
    }

  return TRUE;
}

static gboolean
write_all (int          fd,
           const void  *data,
           gsize        size)
{
  const char *p = data;

  while (size > 0)
    {
      gssize n = write (fd, p, size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      size -= n;
    }

  return TRUE;
}

/* Sorts @n rows by key, then document, when they come in document
 * order: a stable radix sort on the key's eight bytes (the sign bit
 * turned over, keys being signed), through @spare and back */
static void
radix_sort (BandRow *rows,
            BandRow *spare,
            gsize    n)
{
  g_autofree gsize *counts = g_new0 (gsize, 8 * 256);
  BandRow *from = rows, *to = spare, *t;

  for (gsize i = 0; i < n; i++)
    {
      guint64 key = (guint64)rows[i].key ^ G_GUINT64_CONSTANT (0x8000000000000000);

      for (guint d = 0; d < 8; d++)
        counts[d * 256 + ((key >> (8 * d)) & 0xff)]++;
    }

  for (guint d = 0; d < 8; d++)
    {
      gsize *count = counts + d * 256;
      gsize at = 0;

      for (guint b = 0; b < 256; b++)
        {
          gsize c = count[b];

          count[b] = at;
          at += c;
        }

      for (gsize i = 0; i < n; i++)
        {
          guint64 key = (guint64)from[i].key ^ G_GUINT64_CONSTANT (0x8000000000000000);

          to[count[(key >> (8 * d)) & 0xff]++] = from[i];
        }

      t = from;
      from = to;
      to = t;
    }

  /* Eight passes: back in @rows */
  g_assert (from == rows);
}

static void
sort_run (CeBandDefer *defer)
{
  if (defer->in_order && defer->spare != NULL)
    radix_sort (defer->rows, defer->spare, defer->n_rows);
  else
    _ce_band_rows_sort (defer->rows, defer->n_rows);
}

/* A file for the runs beside the corpus (on its disk, where a large
 * import has room, rather than in a temporary folder that may live in
 * memory), else in the temporary folder; gone once closed */
static int
open_runs_file (const char *corpus_path)
{
  g_autofree char *dir = corpus_path != NULL ? g_path_get_dirname (corpus_path) : NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;
  int fd = -1;

  if (dir != NULL)
    {
      name = g_build_filename (dir, ".corpus-explorer-bands-XXXXXX", NULL);
      fd = g_mkstemp (name);
    }

  if (fd < 0)
    {
      g_clear_pointer (&name, g_free);
      fd = g_file_open_tmp ("corpus-explorer-bands-XXXXXX", &name, &local_error);
    }
  if (fd < 0)
    {
      g_debug ("no file for the band rows (%s): grouping now", local_error->message);
      return -1;
    }

  g_unlink (name);
  return fd;
}

/* Sorts the run being filled and writes it to the file; %FALSE when
 * there is no file to write it to (the run is then still in memory,
 * sorted) */
static gboolean
spill_run (CeCorpus    *self,
           CeBandDefer *defer)
{
  sort_run (defer);

  if (defer->fd < 0 && (defer->fd = open_runs_file (ce_corpus_get_path (self))) < 0)
    return FALSE;

  if (!write_all (defer->fd, defer->rows, (gsize)defer->n_rows * sizeof (BandRow)))
    {
      g_debug ("could not write the band rows (%s): grouping now", g_strerror (errno));
      return FALSE;
    }

  g_array_append_val (defer->starts, defer->n_written);
  defer->n_written += defer->n_rows;
  defer->n_rows = 0;
  defer->in_order = TRUE;
  return TRUE;
}

/* Keeps @doc_id's band rows for the end of the transaction */
gboolean
_ce_copies_defer_bands (CeCorpus      *self,
                        gint64         doc_id,
                        const gint64  *keys,
                        GError       **error)
{
  CeBandDefer *defer = self->band_defer;

  g_assert (defer != NULL);

  if (defer->n_rows + CE_FINGERPRINT_BANDS > RUN_ROWS && !spill_run (self, defer))
    {
      g_autoptr(Member) member = NULL;

      /* The rows that fit nowhere are grouped now, then this document
       * as the ones after it will be */
      if (!_ce_copies_settle (self, error))
        return FALSE;
      member = _ce_copies_load_member (self, doc_id, error);
      return member != NULL &&
             _ce_copies_group_member (self, member, ce_corpus_get_duplicate_threshold (self), error) &&
             _ce_copies_store_bands (self, doc_id, keys, TRUE, error);
    }

  if (defer->rows == NULL)
    {
      defer->rows = g_new (BandRow, RUN_ROWS);
      defer->spare = g_new (BandRow, RUN_ROWS);
    }

  if (defer->n_rows > 0 && doc_id <= defer->last_doc)
    defer->in_order = FALSE;
  defer->last_doc = doc_id;

  for (guint i = 0; i < CE_FINGERPRINT_BANDS; i++)
    {
      defer->rows[defer->n_rows].key = keys[i];
      defer->rows[defer->n_rows].doc_id = doc_id;
      defer->n_rows++;
    }

  return TRUE;
}

/* One sorted run while merging: a window of its rows in memory */
typedef struct
{
  BandRow *rows;
  guint    n;       /* rows in the window */
  guint    at;      /* the next row of the window */
  guint64  next;    /* the next row of the file to read */
  guint64  end;     /* the end of the run in the file */
} Run;

static gboolean
run_fill (int   fd,
          Run  *run)
{
  guint want = (guint)MIN ((guint64)READ_ROWS, run->end - run->next);
  gsize size = (gsize)want * sizeof (BandRow);
  gsize done = 0;

  while (done < size)
    {
      gssize n = pread (fd, (char *)run->rows + done, size - done,
                        (off_t)(run->next * sizeof (BandRow) + done));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      done += n;
    }

  run->next += want;
  run->n = want;
  run->at = 0;
  return TRUE;
}

static inline gboolean
row_less (const BandRow *x,
          const BandRow *y)
{
  return x->key < y->key || (x->key == y->key && x->doc_id < y->doc_id);
}

/* The documents joined into groups, as a forest of parents */
typedef struct
{
  CeCorpus    *self;
  double       threshold;
  GHashTable  *parents;   /* gint64 * → gint64 *: a document's parent */

  /* The documents of the key being read: the first BUCKET_LIMIT of them */
  gint64       key;
  gint64       last;
  guint        n_same;
  gint64       first[BUCKET_LIMIT];
} Grouping;

static gint64
find_root (Grouping *g,
           gint64    id)
{
  gint64 *parent;

  while ((parent = g_hash_table_lookup (g->parents, &id)) != NULL && *parent != id)
    {
      gint64 *grand = g_hash_table_lookup (g->parents, parent);

      /* Halving the path as it is walked */
      if (grand != NULL)
        *parent = *grand;
      id = *parent;
    }

  return id;
}

static void
join (Grouping *g,
      gint64    a,
      gint64    b)
{
  gint64 root_a = find_root (g, a);
  gint64 root_b = find_root (g, b);
  gint64 *parent;

  if (root_a == root_b)
    return;

  if (!g_hash_table_contains (g->parents, &root_a))
    g_hash_table_insert (g->parents, g_memdup2 (&root_a, sizeof root_a), g_memdup2 (&root_a, sizeof root_a));
  parent = g_hash_table_lookup (g->parents, &root_b);
  if (parent == NULL)
    g_hash_table_insert (g->parents, g_memdup2 (&root_b, sizeof root_b), g_memdup2 (&root_a, sizeof root_a));
  else
    *parent = root_a;
}

/* Compares @later with @earlier, which shares a band key with it */
static gboolean
compare_pair (Grouping  *g,
              gint64     earlier,
              gint64     later,
              GError   **error)
{
  g_autoptr(Member) a = NULL;
  g_autoptr(Member) b = NULL;

  if (find_root (g, earlier) == find_root (g, later))
    return TRUE;

  a = _ce_copies_load_member (g->self, earlier, error);
  if (a == NULL)
    return FALSE;
  b = _ce_copies_load_member (g->self, later, error);
  if (b == NULL)
    return FALSE;

  if (_ce_copies_similarity (a, b) >= g->threshold)
    join (g, earlier, later);
  return TRUE;
}

/* The next row of the merge, in key order: @doc_id is compared with the
 * first documents of @key before it */
static gboolean
group_row (Grouping      *g,
           const BandRow *row,
           GError       **error)
{
  if (g->n_same == 0 || row->key != g->key)
    {
      g->key = row->key;
      g->n_same = 0;
    }
  else if (row->doc_id == g->last)
    return TRUE;

  for (guint i = 0; i < g->n_same; i++)
    if (!compare_pair (g, g->first[i], row->doc_id, error))
      return FALSE;

  if (g->n_same < BUCKET_LIMIT)
    g->first[g->n_same++] = row->doc_id;
  g->last = row->doc_id;
  return TRUE;
}

/* Restores the heap of runs below @i, by their current rows */
static void
sift_down (Run  **heap,
           guint  n,
           guint  i)
{
  for (;;)
    {
      guint least = i, l = 2 * i + 1, r = 2 * i + 2;
      Run *t;

      if (l < n && row_less (&heap[l]->rows[heap[l]->at], &heap[least]->rows[heap[least]->at]))
        least = l;
      if (r < n && row_less (&heap[r]->rows[heap[r]->at], &heap[least]->rows[heap[least]->at]))
        least = r;
      if (least == i)
        return;
      t = heap[i];
      heap[i] = heap[least];
      heap[least] = t;
      i = least;
    }
}

/* Merges the runs (those in the file and the one in memory), writes
 * their rows into the table and compares the documents that share keys */
static gboolean
merge_runs (CeCorpus     *self,
            CeBandDefer  *defer,
            Grouping     *g,
            GError      **error)
{
  guint n_runs = defer->starts->len + (defer->n_rows > 0 ? 1 : 0);
  g_autofree Run *runs = g_new0 (Run, n_runs);
  g_autofree Run **heap = g_new (Run *, n_runs);
  g_autofree BandRow *windows = g_new (BandRow, (gsize)READ_ROWS * defer->starts->len);
  g_autofree BandRow *out = g_new (BandRow, WRITE_ROWS);
  guint n_heap = 0, n_out = 0;

  for (guint i = 0; i < defer->starts->len; i++)
    {
      runs[i].rows = windows + (gsize)READ_ROWS * i;
      runs[i].next = g_array_index (defer->starts, guint64, i);
      runs[i].end = i + 1 < defer->starts->len ? g_array_index (defer->starts, guint64, i + 1)
                                               : defer->n_written;
      if (!run_fill (defer->fd, &runs[i]))
        goto read_failed;
      heap[n_heap++] = &runs[i];
    }

  /* The last run, sorted, still in memory */
  if (defer->n_rows > 0)
    {
      Run *run = &runs[n_runs - 1];

      run->rows = defer->rows;
      run->n = defer->n_rows;
      heap[n_heap++] = run;
    }

  for (guint i = n_heap; i-- > 0; )
    sift_down (heap, n_heap, i);

  while (n_heap > 0)
    {
      Run *run = heap[0];
      const BandRow *row = &run->rows[run->at];

      out[n_out++] = *row;
      if (!group_row (g, row, error))
        return FALSE;

      if (n_out == WRITE_ROWS)
        {
          if (!_ce_copies_insert_rows (self, out, n_out, error))
            return FALSE;
          n_out = 0;
        }

      if (++run->at == run->n)
        {
          if (run->next < run->end)
            {
              if (!run_fill (defer->fd, run))
                goto read_failed;
            }
          else
            heap[0] = heap[--n_heap];
        }
      sift_down (heap, n_heap, 0);
    }

  return _ce_copies_insert_rows (self, out, n_out, error);

read_failed:
  g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_SQL,
               _("Could not store copies (%s)"), g_strerror (errno));
  return FALSE;
}

/* Documents of the same body are copies whatever their signatures: each
 * joins the first of them */
static gboolean
group_same_bodies (CeCorpus  *self,
                   Grouping  *g,
                   GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 hash = 0, first = 0;
  int rc;

  stmt = _ce_corpus_prepare (self,
                             "SELECT id, body_hash FROM documents"
                             " WHERE body_hash IS NOT NULL AND body_hash <> 0"
                             " ORDER BY body_hash, id",
                             error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 row_hash = sqlite3_column_int64 (stmt, 1);

      if (first != 0 && row_hash == hash)
        join (g, first, id);
      else
        {
          first = id;
          hash = row_hash;
        }
    }

  if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not read copies"));
      return FALSE;
    }

  return TRUE;
}

/* Writes each group: its members with their similarity to the
 * earliest, the representative */
static gboolean
write_groups (CeCorpus  *self,
              Grouping  *g,
              GError   **error)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        (GDestroyNotify)g_array_unref);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, g->parents);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 root = find_root (g, *(gint64 *)key);
      GArray *ids = g_hash_table_lookup (groups, &root);

      if (ids == NULL)
        {
          ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (groups, g_memdup2 (&root, sizeof root), ids);
        }
      g_array_append_val (ids, *(gint64 *)key);
    }

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GArray *ids = value;
      g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func ((GDestroyNotify)_ce_copies_member_free);
      const Member *representative = NULL;

      for (guint i = 0; i < ids->len; i++)
        {
          Member *m = _ce_copies_load_member (self, g_array_index (ids, gint64, i), error);

          if (m == NULL)
            return FALSE;
          g_ptr_array_add (members, m);
          if (representative == NULL || _ce_copies_is_earlier (m, representative))
            representative = m;
        }

      if (!_ce_copies_store_group (self, members, representative, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * _ce_copies_settle:
 *
 * Writes the band rows that waited for the end of the transaction and
 * groups their documents; the transaction then goes on document by
 * document.  On failure the transaction must be rolled back: until then
 * _ce_copies_flush_bands() fails.
 */
gboolean
_ce_copies_settle (CeCorpus  *self,
                   GError   **error)
{
  CeBandDefer *defer = g_steal_pointer (&self->band_defer);
  Grouping g = { 0, };
  gint64 start = g_get_monotonic_time ();
  guint64 n_rows;
  gboolean ok;

  if (defer == NULL)
    return TRUE;

  g.self = self;
  g.threshold = ce_corpus_get_duplicate_threshold (self);
  g.parents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  /* The last run stays in memory */
  sort_run (defer);

  ok = merge_runs (self, defer, &g, error) &&
       group_same_bodies (self, &g, error) &&
       write_groups (self, &g, error);

  n_rows = defer->n_written + defer->n_rows;
  g_debug ("%" G_GUINT64_FORMAT " band rows in %u runs written and %u documents grouped in %.2f s",
           n_rows, defer->starts->len + (defer->n_rows > 0), g_hash_table_size (g.parents),
           (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC);
  g_hash_table_unref (g.parents);
  _ce_band_defer_free (defer);

  if (!ok)
    self->band_settle_failed = TRUE;
  return ok;
}
