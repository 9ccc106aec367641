/* ce-corpus-quoted.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-corpus-quoted"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-corpus-private.h"
#include "ce-corpus-quoted.h"
#include "ce-corpus-search.h"
#include "ce-mail-marks.h"

/* How quoted text is kept apart (see ce-corpus-quoted.h).
 *
 * documents.quoted is 1 for a body with quoted or signature paragraphs
 * and NULL otherwise.  The index is external content over documents, so
 * FTS5 reads the stored body for both the body and the quoted column
 * and the flag for nothing useful: what it indexed is the body masked
 * by ce_mail_body_mask(), which the functions here compute again
 * whenever a column's text is needed.  Every write to the index goes
 * through _ce_corpus_fts_change() or _ce_indexed_text_init(), so the
 * values given to FTS5 are always the masked ones; FTS5's own
 * 'rebuild' would index the flag and must not be used once a corpus
 * holds quoted text. */

#define COUNT_QUOTED_KEY "count-quoted"
#define SNIPPET_FUNCTION "ce_snippet"

void
_ce_indexed_text_init (CeIndexedText *text,
                       const char    *body)
{
  gsize len = body != NULL ? strlen (body) : 0;

  text->has_quotes = ce_mail_body_has_quotes (body, len);
  text->body = text->has_quotes ? ce_mail_body_mask (body, len, FALSE) : NULL;
  text->quoted = text->has_quotes ? ce_mail_body_mask (body, len, TRUE) : NULL;
  text->plain = body;
}

void
_ce_indexed_text_clear (CeIndexedText *text)
{
  g_clear_pointer (&text->body, g_free);
  g_clear_pointer (&text->quoted, g_free);
}

/* Binds title, body and quoted to the parameters @first .. @first + 2 */
void
_ce_indexed_text_bind (const CeIndexedText *text,
                       sqlite3_stmt        *stmt,
                       int                  first,
                       const char          *title)
{
  sqlite3_bind_text (stmt, first, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 1, text->has_quotes ? text->body : text->plain, -1,
                     SQLITE_STATIC);
  if (text->has_quotes)
    sqlite3_bind_text (stmt, first + 2, text->quoted, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, first + 2);
}

/**
 * _ce_corpus_fts_change:
 * @delete: whether the index forgets the row (given the values it
 *   indexed, as external content needs) or learns it
 *
 * Indexes or unindexes one document whose stored body is @body; when
 * indexing, also sets documents.quoted to match.
 */
gboolean
_ce_corpus_fts_change (CeCorpus    *self,
                       gboolean     delete,
                       gint64       id,
                       const char  *title,
                       const char  *body,
                       GError     **error)
{
  g_auto(CeIndexedText) text = { 0, };
  g_autoptr(sqlite3_stmt) stmt = NULL;

  _ce_indexed_text_init (&text, body);

  stmt = _ce_corpus_prepare (self,
                             delete ? "INSERT INTO fts (fts, rowid, title, body, quoted)"
                                      " VALUES ('delete', ?, ?, ?, ?)"
                                    : "INSERT INTO fts (rowid, title, body, quoted)"
                                      " VALUES (?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  _ce_indexed_text_bind (&text, stmt, 2, title != NULL ? title : "");
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not update the search index"));
      return FALSE;
    }

  /* Counts kept for this document are stale from now on */
  if (!_ce_count_store_log_change (self, id, error))
    return FALSE;

  if (delete)
    return TRUE;

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = _ce_corpus_prepare (self, "UPDATE documents SET quoted = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  if (text.has_quotes)
    sqlite3_bind_int (stmt, 1, 1);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not update a document"));
      return FALSE;
    }

  return TRUE;
}

/* The migration to version 2 */

/* The tokenizer comes from the file, which is untrusted: it goes into
 * SQL text only when it is plain words */
static gboolean
tokenizer_is_plain (const char *spec)
{
  if (spec == NULL || *spec == 0)
    return FALSE;

  for (const char *p = spec; *p != 0; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != ' ')
      return FALSE;

  return TRUE;
}

static char *
read_tokenizer (CeCorpus *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _ce_corpus_prepare (self, "SELECT value FROM properties WHERE key = 'tokenizer'", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    return g_strdup ((const char *)sqlite3_column_text (stmt, 0));

  return g_strdup ("unicode61 remove_diacritics 2");
}

/* Bodies with quotes were indexed whole by the rebuild: index them
 * again split in two */
static gboolean
split_quoted_bodies (CeCorpus  *self,
                     GError   **error)
{
  g_autoptr(sqlite3_stmt) read = NULL;
  int rc;

  read = _ce_corpus_prepare (self, "SELECT id, title, body FROM documents", error);
  if (read == NULL)
    return FALSE;

  while ((rc = sqlite3_step (read)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (read, 0);
      const char *title = (const char *)sqlite3_column_text (read, 1);
      const char *body = (const char *)sqlite3_column_text (read, 2);
      g_autoptr(sqlite3_stmt) forget = NULL;

      if (body == NULL || !ce_mail_body_has_quotes (body, strlen (body)))
        continue;

      forget = _ce_corpus_prepare (self,
                                   "INSERT INTO fts (fts, rowid, title, body, quoted)"
                                   " VALUES ('delete', ?, ?, ?, NULL)",
                                   error);
      if (forget == NULL)
        return FALSE;

      sqlite3_bind_int64 (forget, 1, id);
      sqlite3_bind_text (forget, 2, title != NULL ? title : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (forget, 3, body, -1, SQLITE_STATIC);
      if (sqlite3_step (forget) != SQLITE_DONE)
        {
          _ce_corpus_set_sql_error (self, error, _("Could not update the search index"));
          return FALSE;
        }

      if (!_ce_corpus_fts_change (self, FALSE, id, title, body, error))
        return FALSE;
    }

  if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not read the corpus"));
      return FALSE;
    }

  return TRUE;
}

/**
 * _ce_corpus_migrate_quoted:
 *
 * Version 1 to 2, in one transaction: documents get the `quoted` flag,
 * the index a third column, and bodies with quotes are indexed split.
 */
gboolean
_ce_corpus_migrate_quoted (CeCorpus  *self,
                           GError   **error)
{
  g_autofree char *tokenizer = read_tokenizer (self);
  g_autofree char *create = NULL;

  if (!tokenizer_is_plain (tokenizer))
    {
      g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_DAMAGED,
                   _("“%s” names an unknown tokenizer “%s”; it was not opened"),
                   self->path, tokenizer);
      return FALSE;
    }

  create = g_strdup_printf ("BEGIN IMMEDIATE;"
                            "ALTER TABLE documents ADD COLUMN quoted INTEGER;"
                            "CREATE INDEX documents_quoted ON documents (id)"
                            "  WHERE quoted IS NOT NULL;"
                            "DROP TABLE fts;"
                            "CREATE VIRTUAL TABLE fts USING fts5 ("
                            "  title, body, quoted,"
                            "  content='documents', content_rowid='id',"
                            "  tokenize='%s'"
                            ");"
                            "INSERT INTO fts (fts, rank) VALUES ('hashsize', 67108864);"
                            "INSERT INTO fts (fts) VALUES ('rebuild');",
                            tokenizer);

  if (!_ce_corpus_exec (self, create, error))
    {
      _ce_corpus_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }

  if (!split_quoted_bodies (self, error) ||
      !_ce_corpus_exec (self, "PRAGMA user_version = 2; COMMIT;", error))
    {
      _ce_corpus_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }

  self->schema_version = 2;
  return TRUE;
}

/* The setting and the mode */

gboolean
ce_corpus_has_quoted_text (CeCorpus *self)
{
  g_return_val_if_fail (CE_IS_CORPUS (self), FALSE);

  if (self->schema_version < 2)
    return FALSE;

  /* The partial index holds only the rows with quotes */
  return _ce_corpus_query_int (self,
                               "SELECT EXISTS (SELECT 1 FROM documents INDEXED BY documents_quoted"
                               "  WHERE quoted IS NOT NULL)", 0) != 0;
}

gboolean
ce_corpus_can_leave_out_quoted (CeCorpus *self)
{
  g_return_val_if_fail (CE_IS_CORPUS (self), FALSE);
  return self->schema_version >= 2;
}

gboolean
ce_corpus_get_count_quoted (CeCorpus *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CE_IS_CORPUS (self), FALSE);

  stmt = _ce_corpus_prepare (self, "SELECT value FROM properties WHERE key = '"
                                   COUNT_QUOTED_KEY "'", NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW &&
         g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "1") == 0;
}

/**
 * ce_corpus_set_count_quoted:
 *
 * Stores the setting "Count quoted text" in the corpus.  Connections
 * read it whenever they build a search, so every open one follows.
 */
gboolean
ce_corpus_set_count_quoted (CeCorpus  *self,
                            gboolean   count,
                            GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CE_IS_CORPUS (self), FALSE);

  stmt = _ce_corpus_prepare (self, "INSERT OR REPLACE INTO properties (key, value)"
                                   " VALUES ('" COUNT_QUOTED_KEY "', ?)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, count ? "1" : "0", -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not store a setting"));
      return FALSE;
    }

  /* Counts cached by this connection are keyed by the scope already;
   * the signal tells views to count again */
  _ce_corpus_changed (self);
  return TRUE;
}

void
ce_corpus_set_quoted_mode (CeCorpus     *self,
                           CeQuotedMode  mode)
{
  g_return_if_fail (CE_IS_CORPUS (self));
  self->quoted_mode = mode;
}

CeQuotedMode
ce_corpus_get_quoted_mode (CeCorpus *self)
{
  g_return_val_if_fail (CE_IS_CORPUS (self), CE_QUOTED_STORED);
  return self->quoted_mode;
}

gboolean
ce_corpus_excludes_quoted (CeCorpus *self)
{
  g_return_val_if_fail (CE_IS_CORPUS (self), FALSE);

  switch (self->quoted_mode)
    {
    case CE_QUOTED_INCLUDE:
      return FALSE;
    case CE_QUOTED_EXCLUDE:
      return ce_corpus_has_quoted_text (self);
    case CE_QUOTED_STORED:
    default:
      return !ce_corpus_get_count_quoted (self) && ce_corpus_has_quoted_text (self);
    }
}

/**
 * _ce_corpus_scope_fts:
 * @fts: a user's FTS5 expression (a search, a restriction)
 *
 * Returns: (transfer full): @fts limited to the title and the new text
 *   when quoted text is left out, else a copy
 */
char *
_ce_corpus_scope_fts (CeCorpus   *self,
                      const char *fts)
{
  if (fts == NULL)
    return NULL;

  if (!ce_corpus_excludes_quoted (self))
    return g_strdup (fts);

  return g_strdup_printf ("{title body} : (%s)", fts);
}

/* The columns a topic's mentions are counted in */
const char *
_ce_corpus_mention_columns (CeCorpus *self)
{
  if (self->schema_version < 2 || ce_corpus_excludes_quoted (self))
    return "body";

  return "{body quoted}";
}

/* Column texts, as FTS5 indexed them */

/**
 * _ce_corpus_fts_column_text:
 * @column: CE_FTS_TITLE, CE_FTS_BODY or CE_FTS_QUOTED
 * @owned: (out): what to free once @text is no longer needed
 *
 * The text FTS5 indexed in @column of the current row: for a body with
 * quotes, the stored body with one side blanked.  Token positions
 * reported for @column are positions in this text, and byte offsets in
 * it are offsets in the stored body.
 */
int
_ce_corpus_fts_column_text (const Fts5ExtensionApi  *api,
                            Fts5Context             *fts,
                            int                      column,
                            const char             **text,
                            int                     *n_text,
                            char                   **owned)
{
  const char *flag = NULL;
  int n_flag = 0;
  int rc;

  *owned = NULL;
  *text = NULL;
  *n_text = 0;

  if (column == CE_FTS_TITLE)
    return api->xColumnText (fts, CE_FTS_TITLE, text, n_text);

  if (api->xColumnCount (fts) <= CE_FTS_QUOTED)
    return column == CE_FTS_BODY ? api->xColumnText (fts, CE_FTS_BODY, text, n_text) : SQLITE_OK;

  if ((rc = api->xColumnText (fts, CE_FTS_QUOTED, &flag, &n_flag)) != SQLITE_OK)
    return rc;

  if (flag == NULL || n_flag == 0)
    return column == CE_FTS_BODY ? api->xColumnText (fts, CE_FTS_BODY, text, n_text) : SQLITE_OK;

  if ((rc = api->xColumnText (fts, CE_FTS_BODY, text, n_text)) != SQLITE_OK)
    return rc;

  if (*text != NULL)
    {
      *owned = ce_mail_body_mask (*text, *n_text, column == CE_FTS_QUOTED);
      *text = *owned;
    }

  return SQLITE_OK;
}

typedef struct
{
  GArray *tokens;   /* CeSearchRange, one per token position */
  guint   needed;   /* positions to read before stopping; 0 for all */
} Tokens;

static int
token_cb (void       *user_data,
          int         flags,
          const char *token,
          int         n_token,
          int         start,
          int         end)
{
  Tokens *data = user_data;
  CeSearchRange range = { start, end };

  /* A synonym at the same position does not start a new token */
  if (flags & FTS5_TOKEN_COLOCATED)
    return SQLITE_OK;

  g_array_append_val (data->tokens, range);
  return data->needed > 0 && data->tokens->len >= data->needed ? SQLITE_DONE : SQLITE_OK;
}

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const CeSearchRange *ra = a;
  const CeSearchRange *rb = b;

  if (ra->start != rb->start)
    return ra->start < rb->start ? -1 : 1;
  if (ra->end != rb->end)
    return ra->end < rb->end ? -1 : 1;
  return 0;
}

/* Sorts @ranges (CeSearchRange) and merges those that overlap */
void
_ce_search_ranges_merge (GArray *ranges)
{
  g_array_sort (ranges, compare_ranges);
  if (ranges->len > 1)
    {
      guint kept = 0;

      for (guint i = 1; i < ranges->len; i++)
        {
          CeSearchRange *last = &g_array_index (ranges, CeSearchRange, kept);
          CeSearchRange *next = &g_array_index (ranges, CeSearchRange, i);

          if (next->start < last->end)
            last->end = MAX (last->end, next->end);
          else
            g_array_index (ranges, CeSearchRange, ++kept) = *next;
        }
      g_array_set_size (ranges, kept + 1);
    }
}

/* Adds the byte ranges of the phrase instances FTS5 reports in index
 * column @column */
static int
add_column_ranges (const Fts5ExtensionApi *api,
                   Fts5Context            *fts,
                   int                     column,
                   GArray                 *ranges)
{
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (int) * 2);
  g_autoptr(GArray) tokens = NULL;
  g_autofree char *owned = NULL;
  Tokens data = { NULL, 0 };
  const char *text;
  int n_text;
  int n_inst = 0;
  int rc;

  if ((rc = api->xInstCount (fts, &n_inst)) != SQLITE_OK)
    return rc;

  for (int i = 0; i < n_inst; i++)
    {
      int phrase, inst_column, offset;
      int pair[2];

      if ((rc = api->xInst (fts, i, &phrase, &inst_column, &offset)) != SQLITE_OK)
        return rc;

      if (inst_column != column)
        continue;

      pair[0] = offset;
      pair[1] = offset + MAX (api->xPhraseSize (fts, phrase), 1) - 1;
      g_array_append_val (wanted, pair);
      data.needed = MAX (data.needed, (guint)pair[1] + 1);
    }

  if (wanted->len == 0)
    return SQLITE_OK;

  if ((rc = _ce_corpus_fts_column_text (api, fts, column, &text, &n_text, &owned)) != SQLITE_OK)
    return rc;
  if (text == NULL)
    return SQLITE_OK;

  tokens = data.tokens = g_array_new (FALSE, FALSE, sizeof (CeSearchRange));
  rc = api->xTokenize (fts, text, n_text, &data, token_cb);
  if (rc != SQLITE_OK && rc != SQLITE_DONE)
    return rc;

  for (guint i = 0; i < wanted->len; i++)
    {
      const int *pair = &g_array_index (wanted, int, i * 2);
      CeSearchRange range;

      if (pair[0] < 0 || (guint)pair[1] >= tokens->len)
        continue;

      range.start = g_array_index (tokens, CeSearchRange, pair[0]).start;
      range.end = g_array_index (tokens, CeSearchRange, pair[1]).end;
      g_array_append_val (ranges, range);
    }

  return SQLITE_OK;
}

/**
 * _ce_corpus_fts_ranges:
 * @column: CE_FTS_TITLE or CE_FTS_BODY
 * @ranges: (element-type CeSearchRange): where the ranges go
 *
 * The byte ranges in the stored title or body of every phrase instance
 * FTS5 reports for the current row (for the body, in its new text and
 * its quoted text), sorted, overlaps merged.  FTS5 reports instances of
 * NEAR groups only where the group matched, so this is exactly what the
 * query matched.
 */
int
_ce_corpus_fts_ranges (const Fts5ExtensionApi *api,
                       Fts5Context            *fts,
                       int                     column,
                       GArray                 *ranges)
{
  int rc;

  g_array_set_size (ranges, 0);

  if ((rc = add_column_ranges (api, fts, column, ranges)) != SQLITE_OK)
    return rc;

  if (column == CE_FTS_BODY && api->xColumnCount (fts) > CE_FTS_QUOTED &&
      (rc = add_column_ranges (api, fts, CE_FTS_QUOTED, ranges)) != SQLITE_OK)
    return rc;

  _ce_search_ranges_merge (ranges);

  return SQLITE_OK;
}

/* Snippets of bodies with quotes */

static guint
token_at (GArray *tokens,
          guint   offset)
{
  guint lo = 0, hi = tokens->len;

  /* The first token that ends after @offset */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (tokens, CeSearchRange, mid).end <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* ce_snippet(fts, size): like snippet(fts, 1, char(1), char(2), '…',
 * size), for a body whose new and quoted text are indexed in two
 * columns, so that the matches of both are marked where they are in
 * the stored body.  The window of @size tokens holds the most matches,
 * centred on them. */
static void
snippet_func (const Fts5ExtensionApi  *api,
              Fts5Context             *fts,
              sqlite3_context         *context,
              int                      n_args,
              sqlite3_value          **args)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (CeSearchRange));
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (CeSearchRange));
  g_autoptr(GString) out = NULL;
  Tokens data = { tokens, 0 };
  const char *body = NULL;
  int n_body = 0;
  guint size, best = 0, best_hits = 0, first, last, span;
  guint hit;
  int rc;

  if (n_args != 1)
    {
      sqlite3_result_error (context, SNIPPET_FUNCTION "() takes a size in tokens", -1);
      return;
    }
  size = CLAMP (sqlite3_value_int (args[0]), 1, 64);

  if ((rc = _ce_corpus_fts_ranges (api, fts, CE_FTS_BODY, ranges)) != SQLITE_OK ||
      (rc = api->xColumnText (fts, CE_FTS_BODY, &body, &n_body)) != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  if (body == NULL || n_body == 0)
    {
      sqlite3_result_text (context, "", 0, SQLITE_STATIC);
      return;
    }

  rc = api->xTokenize (fts, body, n_body, &data, token_cb);
  if (rc != SQLITE_OK && rc != SQLITE_DONE)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  if (tokens->len == 0)
    {
      sqlite3_result_text (context, "", 0, SQLITE_STATIC);
      return;
    }

  /* The window starting at a match's first token with the most matches */
  for (guint i = 0; i < ranges->len; i++)
    {
      guint start = token_at (tokens, g_array_index (ranges, CeSearchRange, i).start);
      guint hits = 0;

      for (guint j = i; j < ranges->len; j++)
        if (token_at (tokens, g_array_index (ranges, CeSearchRange, j).start) < start + size)
          hits++;

      if (hits > best_hits)
        {
          best_hits = hits;
          best = start;
        }
    }

  /* Centred on what it holds */
  span = 1;
  for (guint j = 0; j < ranges->len; j++)
    {
      guint at = token_at (tokens, g_array_index (ranges, CeSearchRange, j).end - 1);

      if (at >= best && at < best + size)
        span = MAX (span, at - best + 1);
    }
  first = best > (size - span) / 2 ? best - (size - span) / 2 : 0;
  if (first + size > tokens->len)
    first = tokens->len > size ? tokens->len - size : 0;
  last = MIN (first + size, tokens->len) - 1;

  out = g_string_new (first > 0 ? "…" : "");
  {
    guint from = g_array_index (tokens, CeSearchRange, first).start;
    guint to = g_array_index (tokens, CeSearchRange, last).end;
    guint at = from;

    for (hit = 0; hit < ranges->len; hit++)
      {
        CeSearchRange *range = &g_array_index (ranges, CeSearchRange, hit);

        if (range->end <= from || range->start >= to)
          continue;

        g_string_append_len (out, body + at, MAX (range->start, at) - at);
        g_string_append (out, CE_SEARCH_MATCH_START);
        g_string_append_len (out, body + MAX (range->start, at),
                             MIN (range->end, to) - MAX (range->start, at));
        g_string_append (out, CE_SEARCH_MATCH_END);
        at = MIN (range->end, to);
      }
    g_string_append_len (out, body + at, to - at);
  }
  if (last + 1 < tokens->len)
    g_string_append (out, "…");

  sqlite3_result_text (context, out->str, out->len, SQLITE_TRANSIENT);
}

gboolean
_ce_corpus_quoted_install (fts5_api *api)
{
  return api->xCreateFunction (api, SNIPPET_FUNCTION, NULL, snippet_func, NULL) == SQLITE_OK;
}

/* The snippet of the body, in SQL over the fts table */
const char *
_ce_corpus_snippet_sql (CeCorpus *self)
{
#define BUILTIN "snippet(fts, 1, char(1), char(2), '…', 24)"
  /* The pairs of the CJK tokenizer overlap ("北京" and "京剧" share 京),
   * which snippet() cannot mark: it repeats text between matches that
   * stand side by side */
  if (ce_corpus_get_tokenizer (self) == CE_TOKENIZER_CJK)
    return SNIPPET_FUNCTION "(fts, 24)";

  if (self->schema_version < 2)
    return BUILTIN;

  return "CASE WHEN fts.quoted IS NULL THEN " BUILTIN
         " ELSE " SNIPPET_FUNCTION "(fts, 24) END";
#undef BUILTIN
}

/* Threads */

char *
ce_corpus_get_thread (CeCorpus  *self,
                      gint64     doc_id,
                      GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (self), NULL);

  stmt = _ce_corpus_prepare (self, "SELECT value FROM meta WHERE doc_id = ? AND key = 'thread'"
                                   " ORDER BY rowid LIMIT 1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, doc_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    _ce_corpus_set_sql_error (self, error, _("Could not read metadata"));

  return NULL;
}

gboolean
ce_corpus_get_thread_neighbours (CeCorpus  *self,
                                 gint64     doc_id,
                                 gint64    *previous,
                                 gint64    *next,
                                 GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *thread = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 before = 0;
  gboolean found = FALSE;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (self), FALSE);

  if (previous != NULL)
    *previous = 0;
  if (next != NULL)
    *next = 0;

  thread = ce_corpus_get_thread (self, doc_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (thread == NULL)
    return TRUE;

  /* A thread is a handful of messages: read them all in order */
  stmt = _ce_corpus_prepare (self,
                             "SELECT documents.id FROM meta"
                             "  JOIN documents ON documents.id = meta.doc_id"
                             " WHERE meta.key = 'thread' AND meta.value = ?"
                             " GROUP BY documents.id"
                             " ORDER BY documents.date IS NULL, documents.date,"
                             "          documents.position, documents.id",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, thread, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (found)
        {
          if (next != NULL)
            *next = id;
          break;
        }

      if (id == doc_id)
        {
          found = TRUE;
          if (previous != NULL)
            *previous = before;
        }
      before = id;
    }

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not read metadata"));
      return FALSE;
    }

  return TRUE;
}
