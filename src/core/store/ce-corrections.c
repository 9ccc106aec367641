/* ce-corrections.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-corrections"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-corrections-private.h"
#include "ce-draft.h"

struct _CeCorrectionUndo
{
  const char *kind;
  gint64      correction_id;  /* 0 when none was recorded */
  gint64      kept_id;
  gint64      other_id;       /* split: the new document; merge: the one merged in */
  gsize       kept_length;    /* merge: length of the kept body before */
  Row        *removed;        /* merge: the document merged in, as it was */
  GPtrArray  *meta_added;     /* merge: key, value pairs the kept document gained */
};

static gboolean
has_text (const char *text,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (text[i]))
      return TRUE;

  return FALSE;
}

/* Cuts @body before the paragraph at @offset; both parts hold text */
static gboolean
split_body (const char  *body,
            gsize        offset,
            char       **first,
            char       **second)
{
  if (!ce_body_is_paragraph_start (body, offset) ||
      !has_text (body, offset - SEPARATOR_LEN))
    return FALSE;

  *first = g_strndup (body, offset - SEPARATOR_LEN);
  *second = g_strdup (body + offset);
  return TRUE;
}

static Row *
row_new_part (const Row  *row,
              double      position,
              char       *title,
              char       *body,
              gint64      offset)
{
  Row *part = g_new0 (Row, 1);

  part->source_id = row->source_id;
  part->ordinal = row->ordinal;
  part->position = position;
  part->title = title;
  part->place = g_strdup (row->place);
  part->date = g_strdup (row->date);
  part->author = g_strdup (row->author);
  part->source = g_strdup (row->source);
  part->section = g_strdup (row->section);
  part->url = g_strdup (row->url);
  part->line = row->line;
  part->offset = offset;
  part->body = body;
  part->meta = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; row->meta != NULL && i < row->meta->len; i++)
    g_ptr_array_add (part->meta, g_strdup (g_ptr_array_index (row->meta, i)));

  return part;
}

static void
not_a_paragraph (const Row  *row,
                 gsize       offset,
                 GError    **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("Byte %zu of “%s” does not start a paragraph after the first; "
                 "a document is split before one of its paragraphs"),
               offset, row->title);
}

/* Splits @row at @offset of its body; the new document starts at
 * @new_offset in the source.  Returns the new id, or 0. */
static gint64
split_row (CeCorpus  *corpus,
           Row       *row,
           gsize      offset,
           gint64     new_offset,
           GError   **error)
{
  g_autoptr(Row) part = NULL;
  g_autofree char *first = NULL;
  char *second = NULL;
  double position;

  if (!split_body (row->body, offset, &first, &second))
    {
      not_a_paragraph (row, offset, error);
      return 0;
    }

  if (!_ce_corrections_position_after (corpus, row->position, &position, error))
    {
      g_free (second);
      return 0;
    }

  part = row_new_part (row, position, ce_body_make_title (second), second, new_offset);

  if (!_ce_corrections_row_rewrite (corpus, row, row->title, first, row->offset, error) ||
      !_ce_corrections_row_insert (corpus, part, error))
    return 0;

  return part->id;
}

static gboolean
has_meta (GPtrArray  *meta,
          const char *key,
          const char *value)
{
  for (guint i = 0; meta != NULL && i + 1 < meta->len; i += 2)
    if (g_str_equal (g_ptr_array_index (meta, i), key) &&
        g_str_equal (g_ptr_array_index (meta, i + 1), value))
      return TRUE;

  return FALSE;
}

/* Appends @other to @kept and removes @other; @kept gains the metadata
 * of @other it lacked, listed in @meta_added. */
static gboolean
merge_rows (CeCorpus   *corpus,
            Row        *kept,
            Row        *other,
            GPtrArray  *meta_added,
            GError    **error)
{
  g_autofree char *body = g_strconcat (kept->body, SEPARATOR, other->body, NULL);

  if (!_ce_corrections_row_delete (corpus, other, error) ||
      !_ce_corrections_row_rewrite (corpus, kept, kept->title, body, kept->offset, error))
    return FALSE;

  for (guint i = 0; other->meta != NULL && i + 1 < other->meta->len; i += 2)
    {
      const char *key = g_ptr_array_index (other->meta, i);
      const char *value = g_ptr_array_index (other->meta, i + 1);

      if (has_meta (kept->meta, key, value))
        continue;

      if (!_ce_corrections_meta_insert (corpus, kept->id, key, value, error))
        return FALSE;

      g_ptr_array_add (kept->meta, g_strdup (key));
      g_ptr_array_add (kept->meta, g_strdup (value));
      if (meta_added != NULL)
        {
          g_ptr_array_add (meta_added, g_strdup (key));
          g_ptr_array_add (meta_added, g_strdup (value));
        }
    }

  return TRUE;
}

/**
 * ce_corpus_split_document_full:
 * @doc_id: the document to split
 * @body_offset: byte offset in its body of the paragraph that starts the
 *   new document; not the first paragraph
 * @undo: (out) (optional): what reverses the split, for
 *   ce_corpus_undo_correction()
 *
 * Like ce_corpus_split_document(), and tells how to undo it.
 *
 * Returns: the id of the new document, or -1 with @error set
 */
gint64
ce_corpus_split_document_full (CeCorpus          *corpus,
                               gint64             doc_id,
                               gsize              body_offset,
                               CeCorrectionUndo **undo,
                               GError           **error)
{
  g_autoptr(Row) row = NULL;
  gint64 correction = 0;
  gint64 new_id = 0;
  gint64 new_offset;
  gboolean nested;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), -1);

  if (undo != NULL)
    *undo = NULL;

  if (!_ce_corrections_begin (corpus, &nested, error))
    return -1;

  row = _ce_corrections_row_load (corpus, doc_id, error);
  if (row != NULL)
    {
      new_offset = row->offset + (gint64)body_offset;
      new_id = split_row (corpus, row, body_offset, new_offset, error);
      if (new_id > 0)
        correction = _ce_corrections_record (corpus, row->source_id, CE_CORRECTION_SPLIT, new_offset, new_id, error);
    }

  if (!_ce_corrections_finish (corpus, nested, new_id > 0 && correction >= 0, error))
    return -1;

  if (undo != NULL)
    {
      *undo = g_new0 (CeCorrectionUndo, 1);
      (*undo)->kind = CE_CORRECTION_SPLIT;
      (*undo)->correction_id = correction;
      (*undo)->kept_id = doc_id;
      (*undo)->other_id = new_id;
    }

  return new_id;
}

/**
 * ce_corpus_split_document:
 * @doc_id: the document to split
 * @body_offset: byte offset in its body of the paragraph that starts the
 *   new document; not the first paragraph
 *
 * Splits a document in two before one of its paragraphs.  The new
 * document comes right after it in corpus order, with the same place,
 * date, source and metadata, and a title made from its first heading or
 * sentence.
 *
 * Returns: the id of the new document, or -1 with @error set
 */
gint64
ce_corpus_split_document (CeCorpus  *corpus,
                          gint64     doc_id,
                          gsize      body_offset,
                          GError   **error)
{
  return ce_corpus_split_document_full (corpus, doc_id, body_offset, NULL, error);
}

/**
 * ce_corpus_merge_document_full:
 * @undo: (out) (optional): what reverses the merge, for
 *   ce_corpus_undo_correction()
 *
 * Like ce_corpus_merge_document(), and tells how to undo it.
 */
gboolean
ce_corpus_merge_document_full (CeCorpus          *corpus,
                               gint64             doc_id,
                               CeCorrectionUndo **undo,
                               GError           **error)
{
  g_autoptr(Row) other = NULL;
  g_autoptr(Row) kept = NULL;
  g_autoptr(GPtrArray) meta_added = g_ptr_array_new_with_free_func (g_free);
  gint64 correction = -1;
  gsize kept_length = 0;
  gboolean nested;
  gboolean ok = FALSE;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), FALSE);

  if (undo != NULL)
    *undo = NULL;

  if (!_ce_corrections_begin (corpus, &nested, error))
    return FALSE;

  other = _ce_corrections_row_load (corpus, doc_id, error);
  if (other != NULL)
    {
      gint64 kept_id = _ce_corrections_previous_id (corpus, other->position, 0);

      if (kept_id == 0)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("“%s” is the first document; there is none before it to merge it with"),
                     other->title);
      else
        kept = _ce_corrections_row_load (corpus, kept_id, error);
    }

  if (kept != NULL)
    {
      kept_length = strlen (kept->body);
      ok = merge_rows (corpus, kept, other, meta_added, error);

      /* Merges across two files cannot be made again on import */
      if (ok && kept->source_id != other->source_id)
        correction = 0;
      else if (ok)
        correction = _ce_corrections_record (corpus, other->source_id, CE_CORRECTION_MERGE, other->offset, 0, error);
    }

  if (!_ce_corrections_finish (corpus, nested, ok && correction >= 0, error))
    return FALSE;

  if (undo != NULL)
    {
      *undo = g_new0 (CeCorrectionUndo, 1);
      (*undo)->kind = CE_CORRECTION_MERGE;
      (*undo)->correction_id = correction;
      (*undo)->kept_id = kept->id;
      (*undo)->other_id = other->id;
      (*undo)->kept_length = kept_length;
      (*undo)->removed = g_steal_pointer (&other);
      (*undo)->meta_added = g_steal_pointer (&meta_added);
    }

  return TRUE;
}

/**
 * ce_corpus_merge_document:
 * @doc_id: the document to append to the one before it in corpus order
 *
 * Merges a document into the previous one: its body follows after a
 * blank line, its metadata joins the other's, and it is removed.
 */
gboolean
ce_corpus_merge_document (CeCorpus  *corpus,
                          gint64     doc_id,
                          GError   **error)
{
  return ce_corpus_merge_document_full (corpus, doc_id, NULL, error);
}

static gboolean
undo_merge (CeCorpus          *corpus,
            CeCorrectionUndo  *undo,
            GError           **error)
{
  g_autoptr(Row) kept = _ce_corrections_row_load (corpus, undo->kept_id, error);
  g_autofree char *first = NULL;
  gsize len;

  if (kept == NULL)
    return FALSE;

  len = strlen (kept->body);
  if (len != undo->kept_length + SEPARATOR_LEN + strlen (undo->removed->body) ||
      memcmp (kept->body + undo->kept_length, SEPARATOR, SEPARATOR_LEN) != 0 ||
      strcmp (kept->body + undo->kept_length + SEPARATOR_LEN, undo->removed->body) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("“%s” changed after the merge; the merge can no longer be undone"),
                   kept->title);
      return FALSE;
    }

  first = g_strndup (kept->body, undo->kept_length);
  if (!_ce_corrections_row_rewrite (corpus, kept, kept->title, first, kept->offset, error))
    return FALSE;

  for (guint i = 0; i + 1 < undo->meta_added->len; i += 2)
    {
      sqlite3_stmt *stmt;

      stmt = _ce_corpus_prepare (corpus,
                                 "DELETE FROM meta WHERE rowid IN"
                                 " (SELECT rowid FROM meta WHERE doc_id = ? AND key = ? AND value = ?"
                                 "  LIMIT 1)",
                                 error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, kept->id);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (undo->meta_added, i), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, g_ptr_array_index (undo->meta_added, i + 1), -1, SQLITE_STATIC);
      if (!_ce_corrections_run (corpus, stmt, _("Could not update metadata"), error))
        return FALSE;
    }

  if (!_ce_corrections_row_insert (corpus, undo->removed, error))
    return FALSE;

  undo->other_id = undo->removed->id;
  return TRUE;
}

/**
 * ce_corpus_undo_correction:
 * @undo: from ce_corpus_split_document_full() or
 *   ce_corpus_merge_document_full()
 *
 * Reverses a split (the two parts become one again) or a merge (the
 * document merged in comes back as it was, under its old id when that
 * is free), and forgets the recorded correction, so a later import no
 * longer makes it.  Fails when the documents changed in between.
 */
gboolean
ce_corpus_undo_correction (CeCorpus          *corpus,
                           CeCorrectionUndo  *undo,
                           GError           **error)
{
  gboolean nested;
  gboolean ok;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), FALSE);
  g_return_val_if_fail (undo != NULL, FALSE);

  if (!_ce_corrections_begin (corpus, &nested, error))
    return FALSE;

  if (g_str_equal (undo->kind, CE_CORRECTION_SPLIT))
    {
      g_autoptr(Row) kept = _ce_corrections_row_load (corpus, undo->kept_id, error);
      g_autoptr(Row) other = kept ? _ce_corrections_row_load (corpus, undo->other_id, error) : NULL;

      ok = other != NULL && merge_rows (corpus, kept, other, NULL, error);
    }
  else
    {
      ok = undo_merge (corpus, undo, error);
    }

  if (ok && undo->correction_id > 0)
    ok = _ce_corrections_forget_correction (corpus, undo->correction_id, error);

  return _ce_corrections_finish (corpus, nested, ok, error);
}

/**
 * ce_corpus_get_previous_document:
 *
 * Returns: the id of the document before @doc_id in corpus order, or 0
 */
gint64
ce_corpus_get_previous_document (CeCorpus *corpus,
                                 gint64    doc_id)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), 0);

  stmt = _ce_corpus_prepare (corpus,
                             "SELECT id FROM documents"
                             " WHERE position < (SELECT position FROM documents WHERE id = ?)"
                             " ORDER BY position DESC LIMIT 1",
                             NULL);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, doc_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return id;
}

/**
 * ce_corpus_count_corrections:
 *
 * Returns: how many splits and merges are recorded for imported files
 */
guint
ce_corpus_count_corrections (CeCorpus *corpus)
{
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), 0);

  stmt = _ce_corpus_prepare (corpus, "SELECT count(*) FROM corrections", NULL);
  if (stmt == NULL)
    return 0;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

const char *
ce_correction_undo_get_kind (CeCorrectionUndo *undo)
{
  g_return_val_if_fail (undo != NULL, NULL);
  return undo->kind;
}

/**
 * ce_correction_undo_get_document:
 *
 * Returns: the document that stays: the first part of a split, or the
 *   document another was merged into
 */
gint64
ce_correction_undo_get_document (CeCorrectionUndo *undo)
{
  g_return_val_if_fail (undo != NULL, 0);
  return undo->kept_id;
}

void
ce_correction_undo_free (CeCorrectionUndo *undo)
{
  if (undo == NULL)
    return;

  g_clear_pointer (&undo->removed, _ce_corrections_row_free);
  g_clear_pointer (&undo->meta_added, g_ptr_array_unref);
  g_free (undo);
}

/* Finds again the document a split was made in: the last of this
 * import's documents starting at or before @offset in which a paragraph
 * starts exactly there. */
static Row *
find_split_target (CeCorpus  *corpus,
                   gint64     source_id,
                   gint64     offset,
                   GError   **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  stmt = _ce_corpus_prepare (corpus,
                             "SELECT id FROM documents WHERE source_id = ? AND offset < ?"
                             " ORDER BY offset DESC, position DESC",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, offset);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(Row) row = _ce_corrections_row_load (corpus, g_array_index (ids, gint64, i), error);

      if (row == NULL)
        return NULL;

      if (ce_body_is_paragraph_start (row->body, offset - row->offset))
        return g_steal_pointer (&row);
    }

  return NULL;
}

static gboolean
replay_split (CeCorpus  *corpus,
              gint64     source_id,
              gint64     offset,
              int       *delta,
              GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(Row) row = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *title = NULL;
  gboolean first_known, second_known;
  gsize at;

  row = find_split_target (corpus, source_id, offset, &local_error);
  if (row == NULL)
    {
      /* The document is not among those this import added */
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  at = (gsize)(offset - row->offset);
  if (!split_body (row->body, at, &first, &second))
    return TRUE;

  title = ce_body_make_title (second);
  first_known = _ce_corrections_hash_exists (corpus, ce_text_content_hash (row->title, first), row->id, 0);
  second_known = _ce_corrections_hash_exists (corpus, ce_text_content_hash (title, second), row->id, 0);

  /* Parts already in the corpus (made by this split before) are not
   * stored twice */
  if (!first_known && !second_known)
    {
      if (split_row (corpus, row, at, offset, error) == 0)
        return FALSE;
      *delta += 1;
      return TRUE;
    }

  if (first_known && second_known)
    {
      *delta -= 1;
      return _ce_corrections_row_delete (corpus, row, error);
    }

  if (first_known)
    return _ce_corrections_row_rewrite (corpus, row, title, second, offset, error);

  return _ce_corrections_row_rewrite (corpus, row, row->title, first, row->offset, error);
}

static gboolean
replay_merge (CeCorpus  *corpus,
              gint64     source_id,
              gint64     offset,
              int       *delta,
              GError   **error)
{
  g_autoptr(Row) other = NULL;
  g_autoptr(Row) kept = NULL;
  g_autofree char *body = NULL;
  sqlite3_stmt *stmt;
  gint64 other_id = 0;
  gint64 kept_id;

  stmt = _ce_corpus_prepare (corpus,
                             "SELECT id FROM documents WHERE source_id = ? AND offset = ?"
                             " ORDER BY position LIMIT 1",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, offset);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    other_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  if (other_id == 0)
    return TRUE;

  other = _ce_corrections_row_load (corpus, other_id, error);
  if (other == NULL)
    return FALSE;

  kept_id = _ce_corrections_previous_id (corpus, other->position, source_id);
  if (kept_id == 0)
    return TRUE;

  kept = _ce_corrections_row_load (corpus, kept_id, error);
  if (kept == NULL)
    return FALSE;

  body = g_strconcat (kept->body, SEPARATOR, other->body, NULL);
  if (_ce_corrections_hash_exists (corpus, ce_text_content_hash (kept->title, body), kept->id, other->id))
    {
      *delta -= 2;
      return _ce_corrections_row_delete (corpus, other, error) && _ce_corrections_row_delete (corpus, kept, error);
    }

  *delta -= 1;
  return merge_rows (corpus, kept, other, NULL, error);
}

gboolean
ce_corrections_apply (CeCorpus    *corpus,
                      gint64       source_id,
                      const char  *checksum,
                      int         *delta,
                      GError     **error)
{
  g_autoptr(GArray) recorded = g_array_new (FALSE, FALSE, sizeof (Recorded));
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), FALSE);
  g_return_val_if_fail (delta != NULL, FALSE);

  *delta = 0;

  if (checksum == NULL || source_id <= 0)
    return TRUE;

  stmt = _ce_corpus_prepare (corpus,
                             "SELECT kind, offset FROM corrections WHERE source_checksum = ?"
                             " ORDER BY id",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, checksum, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Recorded r = { _ce_corrections_dup_column (stmt, 0), sqlite3_column_int64 (stmt, 1) };
      g_array_append_val (recorded, r);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (corpus, error, _("Could not read the corrections"));
      ok = FALSE;
    }

  /* In the order they were made, each finds the documents as they were */
  for (guint i = 0; i < recorded->len; i++)
    {
      Recorded *r = &g_array_index (recorded, Recorded, i);

      if (ok && g_strcmp0 (r->kind, CE_CORRECTION_SPLIT) == 0)
        ok = replay_split (corpus, source_id, r->offset, delta, error);
      else if (ok && g_strcmp0 (r->kind, CE_CORRECTION_MERGE) == 0)
        ok = replay_merge (corpus, source_id, r->offset, delta, error);

      g_free (r->kind);
    }

  return ok;
}
