/* ce-corpus-duplicates.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-corpus"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-corpus-duplicates.h"
#include "ce-corpus-private.h"

/* Fingerprints, band keys and groups of copies (see the header).
 *
 *   fingerprints (doc_id, shingles, signature)  signature NULL: too short
 *   bands (key, doc_id)                         one row per band, indexed by key
 *   copies (doc_id, group_id, similarity)       members of groups of two or more
 *   documents.body_hash                         the normalised body's hash, indexed
 *
 * A band key shared by very many documents (a common phrase that wins a
 * bin in texts that are otherwise different) would make every new
 * document compare itself with all of them: at most BUCKET_LIMIT
 * documents are taken per key, which keeps the cost of a document
 * constant however large the corpus grows. */

#define BUCKET_LIMIT 16

/* A read-only connection reads an older corpus as it is: no copies */
#define HAS_COPIES(self) ((self)->schema_version >= 3)
#define THRESHOLD_KEY "duplicate-threshold"
#define PENDING_KEY "fingerprints-pending"

typedef struct
{
  gint64   id;
  gint64   body_hash;
  double   position;
  char    *date;
  gboolean has_signature;
  guint32  signature[CE_FINGERPRINT_SIZE];
} Member;

static void
member_free (Member *member)
{
  g_free (member->date);
  g_free (member);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Member, member_free)

void
ce_copy_free (CeCopy *copy)
{
  if (copy == NULL)
    return;

  g_free (copy->title);
  g_free (copy->date);
  g_free (copy);
}

/* Statements kept prepared on the connection: the import runs them for
 * every document */
static sqlite3_stmt *
cached (CeCorpus    *self,
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

enum {
  STMT_CANDIDATES,
  STMT_INSERT_BANDS,
  STMT_INSERT_FINGERPRINT,
  STMT_LOAD_MEMBER,
  STMT_GROUP_OF,
  STMT_MEMBERS,
  STMT_SAME_BODY,
  STMT_SET_COPY,
};

G_STATIC_ASSERT (STMT_SET_COPY < CE_CORPUS_DUPLICATE_STMTS);

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

static char *
insert_bands_sql (void)
{
  GString *sql = g_string_new ("INSERT OR IGNORE INTO bands (key, doc_id) VALUES ");

  for (guint i = 0; i < CE_FINGERPRINT_BANDS; i++)
    g_string_append_printf (sql, "%s(?%u, ?%u)", i > 0 ? ", " : "",
                            i + 1, CE_FINGERPRINT_BANDS + 1);

  return g_string_free (sql, FALSE);
}

static gboolean
step_done (CeCorpus      *self,
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

static Member *
load_member (CeCorpus  *self,
             gint64     id,
             GError   **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(Member) member = NULL;
  int rc;

  stmt = cached (self, STMT_LOAD_MEMBER,
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

static double
member_similarity (const Member *a,
                   const Member *b)
{
  if (a->body_hash != 0 && a->body_hash == b->body_hash)
    return 1.0;
  if (!a->has_signature || !b->has_signature)
    return 0.0;
  return ce_fingerprint_similarity (a->signature, b->signature);
}

/* Dated before undated, earlier before later, then corpus order */
static gboolean
member_is_earlier (const Member *a,
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
  sqlite3_stmt *stmt = cached (self, STMT_GROUP_OF,
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
 * @ids, and resets @stmt */
static gboolean
step_ids (CeCorpus      *self,
          sqlite3_stmt  *stmt,
          gint64         except,
          GHashTable    *ids,
          GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

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
  sqlite3_stmt *stmt = cached (self, STMT_MEMBERS,
                               "SELECT doc_id FROM copies WHERE group_id = ?", error);

  if (stmt == NULL)
    return FALSE;

  g_hash_table_add (ids, g_memdup2 (&group, sizeof group));

  sqlite3_bind_int64 (stmt, 1, group);
  /* Rowids start at 1, so none is left out */
  return step_ids (self, stmt, 0, ids, error);
}

static gboolean
collect_candidates (CeCorpus      *self,
                    const Member  *member,
                    GHashTable    *candidates,
                    GError       **error)
{
  sqlite3_stmt *stmt;

  if (member->has_signature)
    {
      g_autofree char *sql = candidates_sql ();
      gint64 keys[CE_FINGERPRINT_BANDS];

      stmt = cached (self, STMT_CANDIDATES, sql, error);
      if (stmt == NULL)
        return FALSE;

      ce_fingerprint_band_keys (member->signature, keys);
      for (guint i = 0; i < CE_FINGERPRINT_BANDS; i++)
        sqlite3_bind_int64 (stmt, i + 1, keys[i]);

      if (!step_ids (self, stmt, member->id, candidates, error))
        return FALSE;
    }

  if (member->body_hash != 0)
    {
      stmt = cached (self, STMT_SAME_BODY,
                     "SELECT id FROM documents WHERE body_hash = ? AND id <> ? LIMIT "
                     G_STRINGIFY (BUCKET_LIMIT),
                     error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, member->body_hash);
      sqlite3_bind_int64 (stmt, 2, member->id);
      if (!step_ids (self, stmt, member->id, candidates, error))
        return FALSE;
    }

  return TRUE;
}

/* Puts @member into the groups of the documents it is a copy of,
 * joining them into one when it bridges several. */
static gboolean
group_member (CeCorpus      *self,
              const Member  *member,
              double         threshold,
              GError       **error)
{
  g_autoptr(GHashTable) candidates = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func ((GDestroyNotify)member_free);
  GHashTableIter iter;
  gpointer key;
  const Member *representative = NULL;
  gboolean matched = FALSE;
  sqlite3_stmt *stmt;

  if (!collect_candidates (self, member, candidates, error))
    return FALSE;

  g_hash_table_iter_init (&iter, candidates);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 id = *(gint64 *)key;
      g_autoptr(Member) other = load_member (self, id, NULL);
      gint64 group;

      if (other == NULL || member_similarity (member, other) < threshold)
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
      Member *m = id == member->id ? NULL : load_member (self, id, error);

      if (id == member->id)
        {
          m = g_memdup2 (member, sizeof *member);
          m->date = g_strdup (member->date);
        }
      else if (m == NULL)
        return FALSE;

      g_ptr_array_add (members, m);
      if (representative == NULL || member_is_earlier (m, representative))
        representative = m;
    }

  for (guint i = 0; i < members->len; i++)
    {
      const Member *m = g_ptr_array_index (members, i);

      stmt = cached (self, STMT_SET_COPY,
                     "INSERT OR REPLACE INTO copies (doc_id, group_id, similarity) VALUES (?, ?, ?)",
                     error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, m->id);
      sqlite3_bind_int64 (stmt, 2, representative->id);
      sqlite3_bind_double (stmt, 3, m == representative ? 1.0 : member_similarity (m, representative));
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* Stores @fingerprint for the stored document @doc_id and groups it */
gboolean
_ce_corpus_fingerprint_add (CeCorpus             *self,
                            gint64                doc_id,
                            const CeFingerprint  *fingerprint,
                            GError              **error)
{
  g_autoptr(Member) member = NULL;
  sqlite3_stmt *stmt;

  member = load_member (self, doc_id, error);
  if (member == NULL)
    return FALSE;

  member->body_hash = fingerprint->body_hash;
  member->has_signature = ce_fingerprint_has_signature (fingerprint);
  memcpy (member->signature, fingerprint->signature, sizeof member->signature);

  if (!group_member (self, member, ce_corpus_get_duplicate_threshold (self), error))
    return FALSE;

  stmt = cached (self, STMT_INSERT_FINGERPRINT,
                 "INSERT OR REPLACE INTO fingerprints (doc_id, shingles, signature) VALUES (?, ?, ?)",
                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, doc_id);
  sqlite3_bind_int (stmt, 2, fingerprint->n_shingles);
  if (member->has_signature)
    sqlite3_bind_blob (stmt, 3, fingerprint->signature, sizeof fingerprint->signature, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 3);
  if (!step_done (self, stmt, error))
    return FALSE;

  if (member->has_signature)
    {
      g_autofree char *sql = insert_bands_sql ();
      gint64 keys[CE_FINGERPRINT_BANDS];

      stmt = cached (self, STMT_INSERT_BANDS, sql, error);
      if (stmt == NULL)
        return FALSE;

      ce_fingerprint_band_keys (fingerprint->signature, keys);
      for (guint i = 0; i < CE_FINGERPRINT_BANDS; i++)
        sqlite3_bind_int64 (stmt, i + 1, keys[i]);
      sqlite3_bind_int64 (stmt, CE_FINGERPRINT_BANDS + 1, doc_id);
      if (!step_done (self, stmt, error))
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
  return step_done (self, stmt, error);
}

/* Forgets the fingerprint of @doc_id (about to be removed or rewritten)
 * and regroups the rest of its group without it */
gboolean
_ce_corpus_fingerprint_remove (CeCorpus  *self,
                               gint64     doc_id,
                               GError   **error)
{
  g_autoptr(Member) member = load_member (self, doc_id, error);
  g_autoptr(GHashTable) ids = NULL;
  GHashTableIter iter;
  gpointer key;
  gint64 group;
  double threshold = ce_corpus_get_duplicate_threshold (self);

  if (member == NULL)
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
          if (!step_done (self, stmt, error))
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

      other = load_member (self, id, error);
      if (other == NULL || !group_member (self, other, threshold, error))
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
  if (!step_done (self, stmt, error))
    return FALSE;

  return _ce_corpus_fingerprint_add (self, doc_id, fingerprint, error);
}

/**
 * ce_corpus_get_duplicate_threshold:
 *
 * Returns: the similarity from which two documents are copies of one
 *   story in this corpus
 */
double
ce_corpus_get_duplicate_threshold (CeCorpus *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  double threshold = CE_FINGERPRINT_DEFAULT_THRESHOLD;

  g_return_val_if_fail (CE_IS_CORPUS (self), threshold);

  if (self->duplicate_threshold > 0)
    return self->duplicate_threshold;

  stmt = _ce_corpus_prepare (self, "SELECT value FROM properties WHERE key = '" THRESHOLD_KEY "'", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *text = (const char *)sqlite3_column_text (stmt, 0);
      double value = text != NULL ? g_ascii_strtod (text, NULL) : 0;

      /* An untrusted file may hold anything here */
      if (value >= CE_FINGERPRINT_MIN_THRESHOLD && value <= 1.0)
        threshold = value;
    }

  self->duplicate_threshold = threshold;
  return threshold;
}

static gboolean
regroup_all (CeCorpus  *self,
             GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  double threshold = ce_corpus_get_duplicate_threshold (self);
  int rc;

  if (!_ce_corpus_exec (self, "DELETE FROM copies", error))
    return FALSE;

  stmt = _ce_corpus_prepare (self, "SELECT doc_id FROM fingerprints ORDER BY doc_id", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(Member) member = load_member (self, sqlite3_column_int64 (stmt, 0), error);

      if (member == NULL || !group_member (self, member, threshold, error))
        return FALSE;
    }

  if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not read copies"));
      return FALSE;
    }

  return TRUE;
}

/**
 * ce_corpus_set_duplicate_threshold:
 * @threshold: between %CE_FINGERPRINT_MIN_THRESHOLD and 1
 *
 * Keeps @threshold as the corpus setting and, when it changed, groups
 * the documents again (in the caller's transaction, or in one of its
 * own).
 */
gboolean
ce_corpus_set_duplicate_threshold (CeCorpus  *self,
                                   double     threshold,
                                   GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  gboolean own = FALSE;
  gboolean ok;

  g_return_val_if_fail (CE_IS_CORPUS (self), FALSE);

  if (!(threshold >= CE_FINGERPRINT_MIN_THRESHOLD && threshold <= 1.0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The similarity threshold must be between %.1f and 1"),
                   CE_FINGERPRINT_MIN_THRESHOLD);
      return FALSE;
    }

  if (threshold == ce_corpus_get_duplicate_threshold (self))
    return TRUE;

  if (!ce_corpus_in_transaction (self))
    {
      if (!_ce_corpus_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      own = TRUE;
    }

  stmt = _ce_corpus_prepare (self, "INSERT OR REPLACE INTO properties (key, value)"
                                   " VALUES ('" THRESHOLD_KEY "', ?)", error);
  ok = stmt != NULL;
  if (ok)
    {
      g_ascii_dtostr (text, sizeof text, threshold);
      sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
      ok = step_done (self, stmt, error);
    }

  if (ok)
    {
      self->duplicate_threshold = threshold;
      ok = regroup_all (self, error);
    }

  if (!ok)
    self->duplicate_threshold = 0;

  if (own)
    {
      if (ok)
        ok = _ce_corpus_exec (self, "COMMIT", error);
      if (!ok)
        _ce_corpus_exec (self, "ROLLBACK", NULL);
      if (ok)
        _ce_corpus_changed (self);
    }

  return ok;
}

void
ce_corpus_set_unique_stories (CeCorpus *self,
                              gboolean  unique)
{
  g_return_if_fail (CE_IS_CORPUS (self));
  self->unique_stories = !!unique;
}

gboolean
ce_corpus_get_unique_stories (CeCorpus *self)
{
  g_return_val_if_fail (CE_IS_CORPUS (self), FALSE);
  return self->unique_stories;
}

const char *
_ce_corpus_unique_condition (CeCorpus *self)
{
  if (!self->unique_stories || !HAS_COPIES (self))
    return "1";

  return "NOT EXISTS (SELECT 1 FROM copies c"
         "  WHERE c.doc_id = documents.id AND c.group_id <> documents.id)";
}

/**
 * ce_corpus_count_unfingerprinted:
 *
 * Returns: how many documents have no fingerprint yet: 0 unless the
 *   corpus was made before fingerprints existed and
 *   ce_corpus_compute_fingerprints() has not finished
 */
gint64
ce_corpus_count_unfingerprinted (CeCorpus *self)
{
  g_return_val_if_fail (CE_IS_CORPUS (self), 0);

  if (!HAS_COPIES (self) ||
      _ce_corpus_query_int (self, "SELECT count(*) FROM properties WHERE key = '" PENDING_KEY "'", 0) == 0)
    return 0;

  return _ce_corpus_query_int (self,
                               "SELECT count(*) FROM documents d"
                               " WHERE NOT EXISTS (SELECT 1 FROM fingerprints f WHERE f.doc_id = d.id)",
                               0);
}

/**
 * ce_corpus_compute_fingerprints:
 * @batch: how many documents to do in this step
 * @remaining: (out) (optional): documents left after this step
 *
 * Computes the fingerprints of up to @batch documents that lack one, in
 * corpus id order, and groups them; one transaction, so an interrupted
 * run keeps what it finished.  Cancellable through
 * ce_corpus_set_cancellable().
 */
gboolean
ce_corpus_compute_fingerprints (CeCorpus  *self,
                                guint      batch,
                                gint64    *remaining,
                                GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  gint64 cursor;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (self), FALSE);
  g_return_val_if_fail (!ce_corpus_in_transaction (self), FALSE);

  if (remaining != NULL)
    *remaining = 0;

  cursor = _ce_corpus_query_int (self,
                                 "SELECT CAST(value AS INTEGER) FROM properties"
                                 " WHERE key = '" PENDING_KEY "'",
                                 -1);
  if (cursor < 0)
    return TRUE;

  stmt = _ce_corpus_prepare (self,
                             "SELECT id, body FROM documents d WHERE id > ?"
                             "   AND NOT EXISTS (SELECT 1 FROM fingerprints f WHERE f.doc_id = d.id)"
                             " ORDER BY id LIMIT ?",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, cursor);
  sqlite3_bind_int (stmt, 2, MAX (batch, 1));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (bodies, g_strdup ((const char *)sqlite3_column_text (stmt, 1)));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not read the corpus"));
      return FALSE;
    }

  if (!_ce_corpus_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (guint i = 0; ok && i < ids->len; i++)
    {
      const char *body = g_ptr_array_index (bodies, i);

      ok = _ce_corpus_fingerprint_update (self, g_array_index (ids, gint64, i),
                                          body != NULL ? body : "", FALSE, error);
    }

  if (ok)
    {
      g_autofree char *sql = NULL;

      if (ids->len == 0)
        sql = g_strdup ("DELETE FROM properties WHERE key = '" PENDING_KEY "'");
      else
        sql = g_strdup_printf ("UPDATE properties SET value = '%" G_GINT64_FORMAT "'"
                               " WHERE key = '" PENDING_KEY "'",
                               g_array_index (ids, gint64, ids->len - 1));
      ok = _ce_corpus_exec (self, sql, error) && _ce_corpus_exec (self, "COMMIT", error);
    }

  if (!ok)
    {
      _ce_corpus_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }

  _ce_corpus_changed (self);

  if (remaining != NULL)
    *remaining = ce_corpus_count_unfingerprinted (self);

  return TRUE;
}

/**
 * ce_corpus_find_copy:
 * @body_hash: a normalised body hash (ce_fingerprint_compute())
 *
 * Returns: the first document with this body, or 0
 */
gint64
ce_corpus_find_copy (CeCorpus  *self,
                     gint64     body_hash,
                     GError   **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (self), 0);

  stmt = cached (self, STMT_SAME_BODY,
                 "SELECT id FROM documents WHERE body_hash = ? AND id <> ? LIMIT "
                 G_STRINGIFY (BUCKET_LIMIT),
                 error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, body_hash);
  sqlite3_bind_int64 (stmt, 2, 0);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    _ce_corpus_set_sql_error (self, error, _("Could not read copies"));
  sqlite3_reset (stmt);

  return id;
}

static CeCopy *
read_copy (sqlite3_stmt *stmt)
{
  CeCopy *copy = g_new0 (CeCopy, 1);

  copy->group_id = sqlite3_column_int64 (stmt, 0);
  copy->id = sqlite3_column_int64 (stmt, 1);
  copy->similarity = sqlite3_column_double (stmt, 2);
  copy->title = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  copy->date = g_strdup ((const char *)sqlite3_column_text (stmt, 4));

  return copy;
}

#define COPY_COLUMNS "c.group_id, c.doc_id, c.similarity, d.title, d.date"

/**
 * ce_corpus_get_copies:
 * @doc_id: a document
 *
 * Returns: (transfer full) (element-type CeCopy): its group,
 *   representative first, or an empty array
 */
GPtrArray *
ce_corpus_get_copies (CeCorpus  *self,
                      gint64     doc_id,
                      GError   **error)
{
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func ((GDestroyNotify)ce_copy_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (self), NULL);

  if (!HAS_COPIES (self))
    return g_steal_pointer (&copies);

  stmt = _ce_corpus_prepare (self,
                             "SELECT " COPY_COLUMNS
                             "  FROM copies c JOIN documents d ON d.id = c.doc_id"
                             " WHERE c.group_id = (SELECT group_id FROM copies WHERE doc_id = ?)"
                             " ORDER BY c.doc_id <> c.group_id, d.position",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, doc_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (copies, read_copy (stmt));

  if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not read copies"));
      return NULL;
    }

  return g_steal_pointer (&copies);
}

guint
ce_corpus_count_copy_groups (CeCorpus *self)
{
  g_return_val_if_fail (CE_IS_CORPUS (self), 0);

  if (!HAS_COPIES (self))
    return 0;
  return (guint)_ce_corpus_query_int (self, "SELECT count(DISTINCT group_id) FROM copies", 0);
}

guint
ce_corpus_count_grouped_after (CeCorpus *self,
                               gint64    after_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint count = 0;

  g_return_val_if_fail (CE_IS_CORPUS (self), 0);

  if (!HAS_COPIES (self))
    return 0;
  stmt = _ce_corpus_prepare (self, "SELECT count(*) FROM copies WHERE doc_id > ?", NULL);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, after_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);

  return count;
}

gint64
ce_corpus_get_last_document_id (CeCorpus *self)
{
  g_return_val_if_fail (CE_IS_CORPUS (self), 0);
  return _ce_corpus_query_int (self, "SELECT coalesce(max(id), 0) FROM documents", 0);
}

/**
 * ce_corpus_foreach_copy_group:
 * @func: called with each group; returns FALSE to stop
 *
 * Streams the groups, so memory stays flat whatever their number.
 */
gboolean
ce_corpus_foreach_copy_group (CeCorpus         *self,
                              CeCopyGroupFunc   func,
                              gpointer          user_data,
                              GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) members = NULL;
  gboolean go_on = TRUE;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!HAS_COPIES (self))
    return TRUE;

  stmt = _ce_corpus_prepare (self,
                             "SELECT " COPY_COLUMNS
                             "  FROM copies c JOIN documents d ON d.id = c.doc_id"
                             "  JOIN documents r ON r.id = c.group_id"
                             " ORDER BY r.position, c.group_id, c.doc_id <> c.group_id, d.position",
                             error);
  if (stmt == NULL)
    return FALSE;

  while (go_on && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CeCopy *copy = read_copy (stmt);

      if (members != NULL && members->len > 0 &&
          ((CeCopy *)g_ptr_array_index (members, 0))->group_id != copy->group_id)
        {
          go_on = func (members, user_data);
          g_clear_pointer (&members, g_ptr_array_unref);
        }

      if (members == NULL)
        members = g_ptr_array_new_with_free_func ((GDestroyNotify)ce_copy_free);
      g_ptr_array_add (members, copy);
    }

  if (go_on && rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not read copies"));
      return FALSE;
    }

  if (go_on && members != NULL && members->len > 0)
    func (members, user_data);

  return TRUE;
}
