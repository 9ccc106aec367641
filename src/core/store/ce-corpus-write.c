/* ce-corpus-write.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adding sources and documents to a corpus, inside the caller's
 * transaction (ce_corpus_begin(), ce_corpus_commit()).
 */

#define G_LOG_DOMAIN "ce-corpus"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-corpus-duplicates.h"
#include "ce-corpus-private.h"

gint64
ce_corpus_add_source (CeCorpus    *self,
                      const char  *path,
                      const char  *format,
                      guint64      size,
                      const char  *checksum,
                      GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *iso = g_date_time_format_iso8601 (now);
  sqlite3_stmt *stmt;
  gint64 id = -1;

  g_return_val_if_fail (CE_IS_CORPUS (self), -1);
  g_return_val_if_fail (path != NULL, -1);
  g_return_val_if_fail (format != NULL, -1);

  stmt = _ce_corpus_prepare (self,
                             "INSERT INTO sources (path, format, size, checksum, imported)"
                             " VALUES (?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, format, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, size);
  sqlite3_bind_text (stmt, 4, checksum, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, iso, -1, SQLITE_STATIC);

  if (sqlite3_step (stmt) == SQLITE_DONE)
    id = sqlite3_last_insert_rowid (self->db);
  else
    _ce_corpus_set_sql_error (self, error, _("Could not record the source"));

  sqlite3_finalize (stmt);
  return id;
}

/* 64 bits of SHA-256 over title and body: compact in the UNIQUE index,
 * and a collision among a million documents is vanishingly rare. */
static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text != NULL && *text != 0)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, column);
}

static gboolean
ensure_insert_statements (CeCorpus  *self,
                          GError   **error)
{
  if (self->insert_doc != NULL)
    return TRUE;

  self->insert_doc =
    _ce_corpus_prepare (self,
                        "INSERT OR IGNORE INTO documents"
                        " (source_id, ordinal, position, title, place, date, author,"
                        "  source, section, url, words, line, offset, hash, body, quoted, body_hash)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        error);
  if (self->insert_doc == NULL)
    return FALSE;

  self->insert_fts =
    _ce_corpus_prepare (self, "INSERT INTO fts (rowid, title, body, quoted) VALUES (?, ?, ?, ?)",
                        error);
  self->insert_meta = self->insert_fts == NULL ? NULL :
    _ce_corpus_prepare (self, "INSERT INTO meta (doc_id, key, value) VALUES (?, ?, ?)", error);
  self->next_position = self->insert_meta == NULL ? NULL :
    _ce_corpus_prepare (self, "SELECT coalesce(max(position), 0) FROM documents", error);

  if (self->next_position == NULL)
    {
      g_clear_pointer (&self->insert_doc, sqlite3_finalize);
      g_clear_pointer (&self->insert_fts, sqlite3_finalize);
      g_clear_pointer (&self->insert_meta, sqlite3_finalize);
      return FALSE;
    }

  return TRUE;
}

static gboolean
hash_is_stored (CeCorpus  *self,
                gint64     hash)
{
  gboolean found;

  if (self->find_hash == NULL)
    self->find_hash = _ce_corpus_prepare (self, "SELECT 1 FROM documents WHERE hash = ?", NULL);
  if (self->find_hash == NULL)
    return FALSE;

  sqlite3_reset (self->find_hash);
  sqlite3_bind_int64 (self->find_hash, 1, hash);
  found = sqlite3_step (self->find_hash) == SQLITE_ROW;
  sqlite3_reset (self->find_hash);

  return found;
}

/**
 * ce_corpus_add_draft:
 * @source_id: from ce_corpus_add_source()
 * @draft: the document
 *
 * Stores one document and indexes it.  Must be called inside
 * ce_corpus_begin() and ce_corpus_commit().  A document whose title and
 * body are already stored is skipped as a duplicate; a copy of a stored
 * body under another title is stored, in the group of its copies.
 */
CeCorpusAddResult
ce_corpus_add_draft (CeCorpus       *self,
                     gint64          source_id,
                     const CeDraft  *draft,
                     GError        **error)
{
  return ce_corpus_add_draft_full (self, source_id, draft, CE_CORPUS_ADD_DEFAULT, NULL, error);
}

/**
 * ce_corpus_add_draft_full:
 * @flags: %CE_CORPUS_ADD_SKIP_COPIES to leave out exact copies
 * @copy_of: (out) (optional): for %CE_CORPUS_COPY, the stored document
 *   with the same body
 *
 * Like ce_corpus_add_draft().  The document's fingerprint (the draft's,
 * or computed here) is stored and the document joins the group of its
 * copies.
 *
 * Returns: %CE_CORPUS_COPY when @flags skip copies and the normalised
 *   body is already stored under another title
 */
CeCorpusAddResult
ce_corpus_add_draft_full (CeCorpus          *self,
                          gint64             source_id,
                          const CeDraft     *draft,
                          CeCorpusAddFlags   flags,
                          gint64            *copy_of,
                          GError           **error)
{
  g_auto(CeIndexedText) indexed = { 0, };
  g_autoptr(CeFingerprint) own_fingerprint = NULL;
  const CeFingerprint *fingerprint;
  const char *title;
  gint64 hash;
  gint64 id;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (self), CE_CORPUS_FAILED);
  g_return_val_if_fail (draft != NULL, CE_CORPUS_FAILED);
  g_return_val_if_fail (draft->body != NULL, CE_CORPUS_FAILED);
  g_return_val_if_fail (ce_corpus_in_transaction (self), CE_CORPUS_FAILED);

  if (copy_of != NULL)
    *copy_of = 0;

  if (!ensure_insert_statements (self, error) ||
      !_ce_corpus_staged_load_begin (self, error))
    return CE_CORPUS_FAILED;

  fingerprint = draft->fingerprint;
  if (fingerprint == NULL)
    fingerprint = own_fingerprint = ce_fingerprint_new (draft->body);

  hash = draft->prepared ? draft->hash : ce_text_content_hash (draft->title, draft->body);

  if (flags & CE_CORPUS_ADD_SKIP_COPIES)
    {
      g_autoptr(GError) local_error = NULL;
      gint64 kept = ce_corpus_find_copy (self, fingerprint->body_hash, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return CE_CORPUS_FAILED;
        }

      if (kept > 0)
        {
          /* The very same document is a re-import, not a copy */
          if (hash_is_stored (self, hash))
            return CE_CORPUS_DUPLICATE;
          if (copy_of != NULL)
            *copy_of = kept;
          return CE_CORPUS_COPY;
        }
    }

  if (self->position == 0)
    {
      sqlite3_reset (self->next_position);
      if (sqlite3_step (self->next_position) == SQLITE_ROW)
        self->position = sqlite3_column_double (self->next_position, 0);
      sqlite3_reset (self->next_position);
    }

  title = draft->title != NULL ? draft->title : "";

  if (source_id != self->last_source_id)
    {
      self->last_source_id = source_id;
      self->ordinal = 0;
    }

  sqlite3_reset (self->insert_doc);
  sqlite3_clear_bindings (self->insert_doc);
  if (source_id > 0)
    sqlite3_bind_int64 (self->insert_doc, 1, source_id);
  sqlite3_bind_int (self->insert_doc, 2, self->ordinal++);
  sqlite3_bind_double (self->insert_doc, 3, self->position + 1);
  sqlite3_bind_text (self->insert_doc, 4, title, -1, SQLITE_STATIC);
  bind_text_or_null (self->insert_doc, 5, draft->place);
  bind_text_or_null (self->insert_doc, 6, draft->date);
  bind_text_or_null (self->insert_doc, 7, draft->author);
  bind_text_or_null (self->insert_doc, 8, draft->source);
  bind_text_or_null (self->insert_doc, 9, draft->section);
  bind_text_or_null (self->insert_doc, 10, draft->url);
  sqlite3_bind_int (self->insert_doc, 11,
                    draft->prepared ? draft->words : ce_text_count_words (draft->body, -1));
  sqlite3_bind_int (self->insert_doc, 12, draft->line);
  sqlite3_bind_int64 (self->insert_doc, 13, draft->offset);
  sqlite3_bind_int64 (self->insert_doc, 14, hash);
  sqlite3_bind_text (self->insert_doc, 15, draft->body, -1, SQLITE_STATIC);
  _ce_indexed_text_init (&indexed, draft->body);
  if (indexed.has_quotes)
    sqlite3_bind_int (self->insert_doc, 16, 1);
  sqlite3_bind_int64 (self->insert_doc, 17, fingerprint->body_hash);

  rc = sqlite3_step (self->insert_doc);
  sqlite3_reset (self->insert_doc);
  if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not store a document"));
      return CE_CORPUS_FAILED;
    }

  if (sqlite3_changes (self->db) == 0)
    return CE_CORPUS_DUPLICATE;

  id = sqlite3_last_insert_rowid (self->db);
  self->position += 1;

  sqlite3_reset (self->insert_fts);
  sqlite3_bind_int64 (self->insert_fts, 1, id);
  _ce_indexed_text_bind (&indexed, self->insert_fts, 2, title);
  rc = sqlite3_step (self->insert_fts);
  sqlite3_reset (self->insert_fts);
  if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not index a document"));
      return CE_CORPUS_FAILED;
    }

  for (guint i = 0; draft->meta != NULL && i + 1 < draft->meta->len; i += 2)
    {
      sqlite3_reset (self->insert_meta);
      sqlite3_bind_int64 (self->insert_meta, 1, id);
      sqlite3_bind_text (self->insert_meta, 2, g_ptr_array_index (draft->meta, i), -1, SQLITE_STATIC);
      sqlite3_bind_text (self->insert_meta, 3, g_ptr_array_index (draft->meta, i + 1), -1, SQLITE_STATIC);
      rc = sqlite3_step (self->insert_meta);
      sqlite3_reset (self->insert_meta);
      if (rc != SQLITE_DONE)
        {
          _ce_corpus_set_sql_error (self, error, _("Could not store metadata"));
          return CE_CORPUS_FAILED;
        }
    }

  if (!_ce_corpus_fingerprint_add (self, id, fingerprint, TRUE, error))
    return CE_CORPUS_FAILED;

  return CE_CORPUS_ADDED;
}
