/* ce-corpus-count-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Per-document topic counts kept in the corpus (schema version 4), so
 * that reopening the corpus or running a command does not count again.
 *
 * `count_cache` holds, per key (a hash of the tokenizer, the columns
 * counted and the topic's sorted terms), the counts of every document
 * with a mention, packed as pairs of varints (id step, count) by
 * ascending id, and the state of the corpus they were counted at: the
 * largest document id then (`max_id`) and the last row of
 * `count_changes` then (`change`).  Every change to the index of an
 * existing document (split, merge, undo, a correction made again on
 * import) goes through _ce_corpus_fts_change(), which adds the
 * document's id to `count_changes`; an import only adds documents with
 * larger ids.  So stored counts are brought up to date by counting the
 * documents added since (`rowid > max_id`) and those changed since, and
 * nothing else.
 *
 * A read-only connection (the session's readers, the command line)
 * writes what it counted through a second connection of its own, when
 * the file can be written and no other connection is writing; otherwise
 * the counts are simply not kept.  Nothing here is ever needed: a
 * missing or unreadable entry is counted again.
 *
 * Other values are kept the same way, valid only at the state they were
 * made at (_ce_count_store_read_value()): the index's vocabulary
 * (ce_corpus_foreach_term()).
 */

#define G_LOG_DOMAIN "ce-corpus-count"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "ce-corpus-count.h"
#include "ce-corpus-private.h"

#define WRITER_KEY "ce-count-store-writer"
/* Entries kept; the oldest written go first */
#define MAX_ENTRIES 64
/* More changed documents than this since an entry: counted again whole */
#define MAX_CHANGED 2000

typedef struct
{
  sqlite3  *db;
  gboolean  unavailable;
} Writer;

static void
writer_free (gpointer data)
{
  Writer *writer = data;

  g_clear_pointer (&writer->db, sqlite3_close_v2);
  g_free (writer);
}

gboolean
_ce_count_store_available (CeCorpus *self)
{
  return self->schema_version >= 4;
}

/**
 * _ce_count_store_stamp:
 *
 * Reads the state the counts are valid for: the largest document id and
 * the last change logged.
 */
gboolean
_ce_count_store_stamp (CeCorpus      *self,
                       CeCountStamp  *stamp,
                       GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _ce_corpus_prepare (self,
                             "SELECT (SELECT coalesce(max(id), 0) FROM documents),"
                             "       (SELECT coalesce(max(seq), 0) FROM count_changes)",
                             error);
  if (stmt == NULL)
    return FALSE;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not read the stored counts"));
      return FALSE;
    }

  stamp->max_id = sqlite3_column_int64 (stmt, 0);
  stamp->change = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

/* Varints, seven bits a byte, the lowest first; also for the vocabulary
 * kept beside the counts (ce-corpus-tokens.c) */
gboolean
_ce_count_store_read_varint (const guint8 **p,
                             const guint8  *end,
                             guint64       *value)
{
  guint64 v = 0;

  for (guint shift = 0; shift < 64 && *p < end; shift += 7)
    {
      guint8 byte = *(*p)++;

      v |= (guint64)(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0)
        {
          *value = v;
          return TRUE;
        }
    }

  return FALSE;
}

void
_ce_count_store_write_varint (GByteArray *out,
                              guint64     value)
{
  do
    {
      guint8 byte = value & 0x7f;

      value >>= 7;
      if (value != 0)
        byte |= 0x80;
      g_byte_array_append (out, &byte, 1);
    }
  while (value != 0);
}

/* The packed counts, or NULL when @blob is not what this file writes */
static GArray *
unpack (const guint8 *blob,
        gsize         size,
        gint64        max_id)
{
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (CeDocCount));
  const guint8 *p, *end;
  gint64 id = 0;

  /* A topic that matches nothing is stored as an empty value, which
   * SQLite hands back as NULL */
  if (size == 0)
    return g_steal_pointer (&counts);

  p = blob;
  end = blob + size;
  while (p < end)
    {
      guint64 step, count;
      CeDocCount row;

      if (!_ce_count_store_read_varint (&p, end, &step) || !_ce_count_store_read_varint (&p, end, &count) ||
          step == 0 || step > (guint64)(max_id - id) || count == 0 || count > G_MAXUINT)
        return NULL;

      id += step;
      row.doc_id = id;
      row.count = count;
      g_array_append_val (counts, row);
    }

  return g_steal_pointer (&counts);
}

static GBytes *
pack (GArray *counts)
{
  GByteArray *out = g_byte_array_sized_new (counts->len * 3);
  gint64 last = 0;

  for (guint i = 0; i < counts->len; i++)
    {
      const CeDocCount *row = &g_array_index (counts, CeDocCount, i);

      _ce_count_store_write_varint (out, row->doc_id - last);
      _ce_count_store_write_varint (out, row->count);
      last = row->doc_id;
    }

  return g_byte_array_free_to_bytes (out);
}

/**
 * _ce_count_store_read:
 * @stamp: (out): the state the stored counts were counted at
 * @changed: (out): the ids of the documents changed since, ascending
 *
 * Returns: (transfer full) (nullable): the stored counts of @key, by
 *   ascending id; %NULL when there are none (or too many documents
 *   changed since for them to be worth keeping)
 */
GArray *
_ce_count_store_read (CeCorpus      *self,
                      const char    *key,
                      CeCountStamp  *stamp,
                      GArray       **changed)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GArray) ids = NULL;
  int rc;

  *changed = NULL;

  stmt = _ce_corpus_prepare (self, "SELECT max_id, change, counts FROM count_cache WHERE key = ?",
                             NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  stamp->max_id = sqlite3_column_int64 (stmt, 0);
  stamp->change = sqlite3_column_int64 (stmt, 1);
  if (stamp->max_id < 0 || stamp->change < 0)
    return NULL;
  counts = unpack (sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2), stamp->max_id);
  if (counts == NULL)
    {
      g_debug ("stored counts for %s do not decode (max_id %" G_GINT64_FORMAT ", %d bytes)", key, stamp->max_id, sqlite3_column_bytes (stmt, 2));
      return NULL;
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = _ce_corpus_prepare (self,
                             "SELECT DISTINCT doc_id FROM count_changes WHERE seq > ?"
                             " ORDER BY doc_id",
                             NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, stamp->change);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (ids->len >= MAX_CHANGED)
        return NULL;
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    return NULL;

  *changed = g_steal_pointer (&ids);
  return g_steal_pointer (&counts);
}

/* A writable connection of its own for a read-only CeCorpus, opened
 * once; NULL when the file cannot be written */
static sqlite3 *
get_writer (CeCorpus *self)
{
  Writer *writer = g_object_get_data (G_OBJECT (self), WRITER_KEY);
  g_autofree char *dir = NULL;
  sqlite3 *db = NULL;

  if (writer != NULL)
    return writer->db;

  writer = g_new0 (Writer, 1);
  g_object_set_data_full (G_OBJECT (self), WRITER_KEY, writer, writer_free);

  dir = g_path_get_dirname (self->path);
  if (self->immutable || g_access (self->path, W_OK) != 0 || g_access (dir, W_OK) != 0)
    return NULL;

  if (sqlite3_open_v2 (self->path, &db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
                       NULL) != SQLITE_OK ||
      sqlite3_db_readonly (db, "main") != 0)
    {
      sqlite3_close_v2 (db);
      return NULL;
    }

  /* The file was checked when it was opened; this connection writes two
   * tables of it, with the same defences */
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_limit (db, SQLITE_LIMIT_ATTACHED, 0);
  /* Another connection writing: the counts are not kept this time */
  sqlite3_busy_timeout (db, 0);
  /* What is lost in a crash is only counted again: no waiting for the
   * disk (the same setting as the corpus's own writer) */
  sqlite3_exec (db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);

  writer->db = db;
  return db;
}

static gboolean
write_entry (sqlite3            *db,
             const char         *key,
             const CeCountStamp *stamp,
             GBytes             *packed)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gsize size;
  gconstpointer data = g_bytes_get_data (packed, &size);

  if (sqlite3_prepare_v2 (db,
                          "INSERT OR REPLACE INTO count_cache (key, max_id, change, counts)"
                          " VALUES (?, ?, ?, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, stamp->max_id);
  sqlite3_bind_int64 (stmt, 3, stamp->change);
  sqlite3_bind_blob (stmt, 4, size > 0 ? data : "", size, SQLITE_STATIC);

  return sqlite3_step (stmt) == SQLITE_DONE &&
         sqlite3_exec (db,
                       "DELETE FROM count_cache WHERE rowid NOT IN"
                       " (SELECT rowid FROM count_cache ORDER BY rowid DESC LIMIT "
                       G_STRINGIFY (MAX_ENTRIES) ");"
                       /* The changes every entry has seen; the last row
                        * stays, so that the sequence never goes back */
                       "DELETE FROM count_changes WHERE seq <"
                       " coalesce((SELECT min(change) FROM count_cache),"
                       "          (SELECT max(seq) FROM count_changes));",
                       NULL, NULL, NULL) == SQLITE_OK;
}

/* Writes @packed under @key through this connection or the writer */
static void
store_packed (CeCorpus           *self,
              const char         *key,
              const CeCountStamp *stamp,
              GBytes             *packed)
{
  sqlite3 *db;
  int rc;

  if (!self->read_only)
    {
      /* Inside the caller's transaction a failed write could cost it
       * more than the counts are worth */
      if (sqlite3_get_autocommit (self->db) == 0)
        return;
      db = self->db;
    }
  else if ((db = get_writer (self)) == NULL)
    return;

  /* Never wait for another writer: the counts are kept another time */
  if (db == self->db)
    sqlite3_busy_timeout (db, 0);
  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (db == self->db)
    sqlite3_busy_timeout (db, _CE_CORPUS_BUSY_TIMEOUT_MS);
  if (rc != SQLITE_OK)
    return;

  if (write_entry (db, key, stamp, packed))
    {
      if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
        return;
    }

  g_debug ("counts of %s not kept: %s", self->path, sqlite3_errmsg (db));
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

/**
 * _ce_count_store_write:
 * @stamp: the state @counts were counted at
 * @counts: (element-type CeDocCount): by ascending id
 *
 * Keeps @counts in the corpus when it can; a failure only means that
 * they will be counted again.
 */
void
_ce_count_store_write (CeCorpus           *self,
                       const char         *key,
                       const CeCountStamp *stamp,
                       GArray             *counts)
{
  g_autoptr(GBytes) packed = pack (counts);

  store_packed (self, key, stamp, packed);
}

/**
 * _ce_count_store_read_value:
 * @stamp: the state of the corpus now
 *
 * Returns: (transfer full) (nullable): the value kept under @key when it
 *   was kept at @stamp, that is when no document was added or changed
 *   since; %NULL otherwise
 */
GBytes *
_ce_count_store_read_value (CeCorpus           *self,
                            const char         *key,
                            const CeCountStamp *stamp)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_ce_count_store_available (self))
    return NULL;

  stmt = _ce_corpus_prepare (self, "SELECT counts FROM count_cache WHERE key = ? AND max_id = ? AND change = ?",
                             NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, stamp->max_id);
  sqlite3_bind_int64 (stmt, 3, stamp->change);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
}

/**
 * _ce_count_store_write_value:
 * @stamp: the state of the corpus @value was made at
 *
 * Keeps @value under @key when it can, like _ce_count_store_write().
 */
void
_ce_count_store_write_value (CeCorpus           *self,
                             const char         *key,
                             const CeCountStamp *stamp,
                             GBytes             *value)
{
  if (_ce_count_store_available (self))
    store_packed (self, key, stamp, value);
}

/* Called for every change to the index of an existing document */
gboolean
_ce_count_store_log_change (CeCorpus  *self,
                            gint64     id,
                            GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_ce_count_store_available (self))
    return TRUE;

  stmt = _ce_corpus_prepare (self, "INSERT INTO count_changes (doc_id) VALUES (?)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not update the stored counts"));
      return FALSE;
    }

  return TRUE;
}

/**
 * ce_counter_clear_stored:
 *
 * Forgets every count kept in the corpus (each topic is counted again
 * the next time), e.g. to time counting from scratch.
 */
gboolean
ce_counter_clear_stored (CeCorpus  *corpus,
                         GError   **error)
{
  g_return_val_if_fail (CE_IS_CORPUS (corpus), FALSE);

  if (!_ce_count_store_available (corpus))
    return TRUE;

  return _ce_corpus_exec (corpus, "DELETE FROM count_cache", error);
}
