/* ce-corpus-duplicates.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-corpus"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-corpus-duplicates-private.h"

/* A document's fingerprint and its place in a group of copies, kept in
 * step with the documents inside the caller's transaction: the import
 * adds, the corrections change and remove.  The tables are described in
 * ce-corpus-duplicates-private.h. */

void
_ce_copies_member_free (Member *member)
{
  g_free (member->date);
  g_free (member);
}

/* Statements kept prepared on the connection: the import runs them for
 * every document */
sqlite3_stmt *
_ce_copies_cached (CeCorpus    *self,
                   guint        which,
                   const char  *sql,
                   GError     **error)
{
  g_assert (which < G_N_ELEMENTS (self->duplicate_stmts));

  if (self->duplicate_stmts[which] == NULL)
    self->duplicate_stmts[which] = _ce_corpus_prepare (self, sql, error);
  else
    {
      sqlite3_reset (self->duplicate_stmts[which]);
      sqlite3_clear_bindings (self->duplicate_stmts[which]);
    }

  return self->duplicate_stmts[which];
}


static char *
candidates_sql (void)
{
  GString *sql = g_string_new (NULL);

  for (guint i = 0; i < CE_FINGERPRINT_BANDS; i++)
    g_string_append_printf (sql,
                            "%sSELECT * FROM (SELECT doc_id FROM bands WHERE key = ?%u LIMIT %d)",
                            i > 0 ? " UNION " : "", i + 1, BUCKET_LIMIT);

  return g_string_free (sql, FALSE);
}

gboolean
_ce_copies_step_done (CeCorpus      *self,
                      sqlite3_stmt  *stmt,
                      GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not store copies"));
      return FALSE;
    }

  return TRUE;
}

Member *
_ce_copies_load_member (CeCorpus  *self,
                        gint64     id,
                        GError   **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(Member) member = NULL;
  int rc;

  stmt = _ce_copies_cached (self, STMT_LOAD_MEMBER,
                            "SELECT d.body_hash, d.date, d.position, f.signature"
                            "  FROM documents d LEFT JOIN fingerprints f ON f.doc_id = d.id"
                            " WHERE d.id = ?",
                            error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        _ce_corpus_set_sql_error (self, error, _("Could not read copies"));
      else
        g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_NOT_FOUND,
                     _("No document %d in “%s”"), (int)id, ce_corpus_get_path (self));
      sqlite3_reset (stmt);
      return NULL;
    }

  member = g_new0 (Member, 1);
  member->id = id;
  member->body_hash = sqlite3_column_int64 (stmt, 0);
  member->date = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  member->position = sqlite3_column_double (stmt, 2);
  /* A signature of another size is not ours: the document is then
   * judged by its body hash alone */
  if (sqlite3_column_bytes (stmt, 3) == sizeof member->signature)
    {
      memcpy (member->signature, sqlite3_column_blob (stmt, 3), sizeof member->signature);
      member->has_signature = TRUE;
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&member);
}

double
_ce_copies_similarity (const Member *a,
                       const Member *b)
{
  if (a->body_hash != 0 && a->body_hash == b->body_hash)
    return 1.0;
  if (!a->has_signature || !b->has_signature)
    return 0.0;
  return ce_fingerprint_similarity (a->signature, b->signature);
}

/* Dated before undated, earlier before later, then corpus order */
gboolean
_ce_copies_is_earlier (const Member *a,
                       const Member *b)
{
  if ((a->date == NULL) != (b->date == NULL))
    return a->date != NULL;
  if (a->date != NULL)
    {
      int cmp = strcmp (a->date, b->date);
      if (cmp != 0)
        return cmp < 0;
    }
  return a->position < b->position;
}

static gint64
group_of (CeCorpus *self,
          gint64    id)
{
  sqlite3_stmt *stmt = _ce_copies_cached (self, STMT_GROUP_OF,
                                          "SELECT group_id FROM copies WHERE doc_id = ?", NULL);
  gint64 group = 0;

  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    group = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return group;
}

/* Adds the ids in the first column of @stmt's rows, except @except, to
 * @ids, and resets @stmt; @n_rows (optional) counts the rows */
static gboolean
step_ids (CeCorpus      *self,
          sqlite3_stmt  *stmt,
          gint64         except,
          GHashTable    *ids,
          guint         *n_rows,
          GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (n_rows != NULL)
        (*n_rows)++;
      if (id != except)
        g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not read copies"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
add_members (CeCorpus    *self,
             gint64       group,
             GHashTable  *ids,
             GError     **error)
{
  sqlite3_stmt *stmt = _ce_copies_cached (self, STMT_MEMBERS,
                                          "SELECT doc_id FROM copies WHERE group_id = ?", error);

  if (stmt == NULL)
    return FALSE;

  g_hash_table_add (ids, g_memdup2 (&group, sizeof group));

  sqlite3_bind_int64 (stmt, 1, group);
  /* Rowids start at 1, so none is left out */
  return step_ids (self, stmt, 0, ids, NULL, error);
}

static gboolean
collect_band_candidates (CeCorpus      *self,
                         const Member  *member,
                         GHashTable    *candidates,
                         GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  CeBandFilter *filter = _ce_copies_band_filter (self, &local_error);
  gint64 keys[CE_FINGERPRINT_BANDS];
  sqlite3_stmt *stmt;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  ce_fingerprint_band_keys (member->signature, keys);

  if (filter == NULL)
    {
      g_autofree char *sql = candidates_sql ();

      stmt = _ce_copies_cached (self, STMT_CANDIDATES, sql, error);
      if (stmt == NULL)
        return FALSE;

      for (guint i = 0; i < CE_FINGERPRINT_BANDS; i++)
        sqlite3_bind_int64 (stmt, i + 1, keys[i]);

      return step_ids (self, stmt, member->id, candidates, NULL, error);
    }

  /* Only the keys another document may have: in the table, then among
   * the rows that wait to be written (later documents), BUCKET_LIMIT in
   * all as if they were written */
  for (guint i = 0; i < CE_FINGERPRINT_BANDS; i++)
    {
      guint n_rows = 0;

      if (!_ce_band_filter_may_hold (filter, keys[i]))
        continue;

      stmt = _ce_copies_cached (self, STMT_BAND,
                                "SELECT doc_id FROM bands WHERE key = ? LIMIT "
                                G_STRINGIFY (BUCKET_LIMIT),
                                error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, keys[i]);
      if (!step_ids (self, stmt, member->id, candidates, &n_rows, error))
        return FALSE;
      if (n_rows < BUCKET_LIMIT)
        _ce_band_filter_find_pending (filter, keys[i], member->id,
                                      BUCKET_LIMIT - n_rows, candidates);
    }

  return TRUE;
}

static gboolean
collect_candidates (CeCorpus      *self,
                    const Member  *member,
                    GHashTable    *candidates,
                    GError       **error)
{
  sqlite3_stmt *stmt;

  if (member->has_signature &&
      !collect_band_candidates (self, member, candidates, error))
    return FALSE;

  if (member->body_hash != 0)
    {
      stmt = _ce_copies_cached (self, STMT_SAME_BODY,
                                "SELECT id FROM documents WHERE body_hash = ? AND id <> ? LIMIT "
                                G_STRINGIFY (BUCKET_LIMIT),
                                error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, member->body_hash);
      sqlite3_bind_int64 (stmt, 2, member->id);
      if (!step_ids (self, stmt, member->id, candidates, NULL, error))
        return FALSE;
    }

  return TRUE;
}

/* Puts @member into the groups of the documents it is a copy of,
 * joining them into one when it bridges several. */
gboolean
_ce_copies_group_member (CeCorpus      *self,
                         const Member  *member,
                         double         threshold,
                         GError       **error)
{
  g_autoptr(GHashTable) candidates = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func ((GDestroyNotify)_ce_copies_member_free);
  GHashTableIter iter;
  gpointer key;
  const Member *representative = NULL;
  gboolean matched = FALSE;

  if (!collect_candidates (self, member, candidates, error))
    return FALSE;

  g_hash_table_iter_init (&iter, candidates);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 id = *(gint64 *)key;
      g_autoptr(Member) other = _ce_copies_load_member (self, id, NULL);
      gint64 group;

      if (other == NULL || _ce_copies_similarity (member, other) < threshold)
        continue;

      matched = TRUE;
      group = group_of (self, id);
      if (!add_members (self, group != 0 ? group : id, ids, error))
        return FALSE;
    }

  if (!matched)
    return TRUE;

  g_hash_table_add (ids, g_memdup2 (&member->id, sizeof member->id));

  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 id = *(gint64 *)key;
      Member *m = id == member->id ? NULL : _ce_copies_load_member (self, id, error);

      if (id == member->id)
        {
          m = g_memdup2 (member, sizeof *member);
          m->date = g_strdup (member->date);
        }
      else if (m == NULL)
        return FALSE;

      g_ptr_array_add (members, m);
      if (representative == NULL || _ce_copies_is_earlier (m, representative))
        representative = m;
    }

  return _ce_copies_store_group (self, members, representative, error);
}

/* Writes @members as one group under @representative (one of them),
 * each with its similarity to it */
gboolean
_ce_copies_store_group (CeCorpus      *self,
                        GPtrArray     *members,
                        const Member  *representative,
                        GError       **error)
{
  for (guint i = 0; i < members->len; i++)
    {
      const Member *m = g_ptr_array_index (members, i);
      sqlite3_stmt *stmt;

      stmt = _ce_copies_cached (self, STMT_SET_COPY,
                                "INSERT OR REPLACE INTO copies (doc_id, group_id, similarity) VALUES (?, ?, ?)",
                                error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, m->id);
      sqlite3_bind_int64 (stmt, 2, representative->id);
      sqlite3_bind_double (stmt, 3, m == representative ? 1.0 : _ce_copies_similarity (m, representative));
      if (!_ce_copies_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* Stores @fingerprint for the stored document @doc_id and groups it;
 * @batched: its band rows may wait to be written with others
 * (ce-corpus-duplicates-filter.c), which only a caller outside a
 * savepoint may allow */
gboolean
_ce_corpus_fingerprint_add (CeCorpus             *self,
                            gint64                doc_id,
                            const CeFingerprint  *fingerprint,
                            gboolean              batched,
                            GError              **error)
{
  gboolean has_signature = ce_fingerprint_has_signature (fingerprint);
  gboolean defer = FALSE;
  sqlite3_stmt *stmt;

  /* Into an empty corpus, grouped once at the end of the transaction */
  if (!_ce_copies_deferring (self, doc_id, batched, &defer, error))
    return FALSE;

  if (!defer)
    {
      g_autoptr(Member) member = _ce_copies_load_member (self, doc_id, error);

      if (member == NULL)
        return FALSE;

      member->body_hash = fingerprint->body_hash;
      member->has_signature = has_signature;
      memcpy (member->signature, fingerprint->signature, sizeof member->signature);

      if (!_ce_copies_group_member (self, member, ce_corpus_get_duplicate_threshold (self), error))
        return FALSE;
    }

  stmt = _ce_copies_cached (self, STMT_INSERT_FINGERPRINT,
                            "INSERT OR REPLACE INTO fingerprints (doc_id, shingles, signature) VALUES (?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, doc_id);
  sqlite3_bind_int (stmt, 2, fingerprint->n_shingles);
  if (has_signature)
    sqlite3_bind_blob (stmt, 3, fingerprint->signature, sizeof fingerprint->signature, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 3);
  if (!_ce_copies_step_done (self, stmt, error))
    return FALSE;

  if (has_signature)
    {
      gint64 keys[CE_FINGERPRINT_BANDS];

      ce_fingerprint_band_keys (fingerprint->signature, keys);
      if (defer ? !_ce_copies_defer_bands (self, doc_id, keys, error)
                : !_ce_copies_store_bands (self, doc_id, keys, batched, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
exec_with_id (CeCorpus    *self,
              const char  *sql,
              gint64       id,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _ce_corpus_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  return _ce_copies_step_done (self, stmt, error);
}

/* Forgets the fingerprint of @doc_id (about to be removed or rewritten)
 * and regroups the rest of its group without it */
gboolean
_ce_corpus_fingerprint_remove (CeCorpus  *self,
                               gint64     doc_id,
                               GError   **error)
{
  g_autoptr(Member) member = _ce_copies_load_member (self, doc_id, error);
  g_autoptr(GHashTable) ids = NULL;
  GHashTableIter iter;
  gpointer key;
  gint64 group;
  double threshold = ce_corpus_get_duplicate_threshold (self);

  /* Its rows may still wait to be written */
  if (member == NULL || !_ce_copies_flush_bands (self, error))
    return FALSE;

  if (member->has_signature)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      gint64 keys[CE_FINGERPRINT_BANDS];

      stmt = _ce_corpus_prepare (self, "DELETE FROM bands WHERE key = ? AND doc_id = ?", error);
      if (stmt == NULL)
        return FALSE;

      ce_fingerprint_band_keys (member->signature, keys);
      for (guint i = 0; i < CE_FINGERPRINT_BANDS; i++)
        {
          sqlite3_bind_int64 (stmt, 1, keys[i]);
          sqlite3_bind_int64 (stmt, 2, doc_id);
          if (!_ce_copies_step_done (self, stmt, error))
            return FALSE;
        }
    }

  if (!exec_with_id (self, "DELETE FROM fingerprints WHERE doc_id = ?", doc_id, error) ||
      !exec_with_id (self, "UPDATE documents SET body_hash = NULL WHERE id = ?", doc_id, error))
    return FALSE;

  group = group_of (self, doc_id);
  if (group == 0)
    return TRUE;

  ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (!add_members (self, group, ids, error) ||
      !exec_with_id (self, "DELETE FROM copies WHERE group_id = ?", group, error))
    return FALSE;

  /* The others find each other again through their band keys */
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 id = *(gint64 *)key;
      g_autoptr(Member) other = NULL;

      if (id == doc_id)
        continue;

      other = _ce_copies_load_member (self, id, error);
      if (other == NULL || !_ce_copies_group_member (self, other, threshold, error))
        return FALSE;
    }

  return TRUE;
}

/* After a correction changed the body of @doc_id (or made it) */
gboolean
_ce_corpus_fingerprint_update (CeCorpus    *self,
                               gint64       doc_id,
                               const char  *body,
                               gboolean     existed,
                               gboolean     batched,
                               GError     **error)
{
  g_autoptr(CeFingerprint) fingerprint = ce_fingerprint_new (body);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (existed && !_ce_corpus_fingerprint_remove (self, doc_id, error))
    return FALSE;

  stmt = _ce_corpus_prepare (self, "UPDATE documents SET body_hash = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, fingerprint->body_hash);
  sqlite3_bind_int64 (stmt, 2, doc_id);
  if (!_ce_copies_step_done (self, stmt, error))
    return FALSE;

  return _ce_corpus_fingerprint_add (self, doc_id, fingerprint, batched, error);
}
