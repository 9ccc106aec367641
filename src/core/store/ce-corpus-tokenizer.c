/* ce-corpus-tokenizer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-corpus-tokenizer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-corpus-private.h"
#include "ce-script.h"

/* The corpus tokenizers.  A corpus names its tokenizer twice: in the
 * tokenize option of its fts table, which FTS5 reads, and in the
 * properties row `tokenizer`, which counting reads to split topic terms
 * as the index split the text.
 *
 *   unicode61 remove_diacritics 2   the default: words between spaces
 *                                   and punctuation, case and accents
 *                                   ignored
 *   ce_cjk remove_diacritics 2      the same for every script but
 *                                   Chinese, Japanese and Korean, whose
 *                                   runs of characters become
 *                                   overlapping pairs (bigrams), as
 *                                   Lucene's CJK analyzer makes them
 *
 * Either may be created with `remove_diacritics 0` instead: accents are
 * then kept, and café and cafe are two words (case is still ignored).
 *
 * ce_cjk hands everything outside CJK runs to FTS5's own unicode61, so
 * such text is indexed exactly as in a default corpus.  A query is
 * tokenized the same way: a CJK word becomes the phrase of its pairs,
 * "北京" one pair, "上海市" the phrase "上海 海市", and it matches where
 * the word stands in a longer run.  A run of one character is indexed as
 * that character alone. */

#define CJK_NAME "ce_cjk"
#define BASE_NAME "unicode61"
#define REMOVE_OPTION "remove_diacritics 2"
#define KEEP_OPTION "remove_diacritics 0"
/* A run is split into pairs by these boundaries; longer runs go in parts */
#define MAX_RUN_CHARS 256

typedef struct
{
  fts5_api *api;
} CjkModule;

typedef struct
{
  fts5_tokenizer  base_api;
  Fts5Tokenizer  *base;
} CjkTokenizer;

typedef int (*TokenFunc) (void       *ctx,
                          int         flags,
                          const char *token,
                          int         n_token,
                          int         start,
                          int         end);

/* Passes the base tokenizer's tokens on, with offsets into the whole text */
typedef struct
{
  void      *ctx;
  TokenFunc  func;
  int        shift;
} Shifted;

static int
shifted_token_cb (void       *user_data,
                  int         flags,
                  const char *token,
                  int         n_token,
                  int         start,
                  int         end)
{
  Shifted *shifted = user_data;

  return shifted->func (shifted->ctx, flags, token, n_token,
                        start + shifted->shift, end + shifted->shift);
}

static int
cjk_create (void           *user_data,
            const char    **args,
            int             n_args,
            Fts5Tokenizer **out)
{
  CjkModule *module = user_data;
  CjkTokenizer *self;
  void *base_data = NULL;
  int rc;

  self = g_new0 (CjkTokenizer, 1);

  rc = module->api->xFindTokenizer (module->api, BASE_NAME, &base_data, &self->base_api);
  if (rc == SQLITE_OK)
    rc = self->base_api.xCreate (base_data, args, n_args, &self->base);

  if (rc != SQLITE_OK)
    {
      g_free (self);
      return rc;
    }

  *out = (Fts5Tokenizer *)self;
  return SQLITE_OK;
}

static void
cjk_delete (Fts5Tokenizer *tokenizer)
{
  CjkTokenizer *self = (CjkTokenizer *)tokenizer;

  if (self == NULL)
    return;

  if (self->base != NULL)
    self->base_api.xDelete (self->base);
  g_free (self);
}

/* The character at text[i], or 0 for anything that is not a CJK letter
 * (invalid bytes included); *next is where the next character starts */
static gboolean
cjk_char_at (const char *text,
             int         n_text,
             int         i,
             int        *next)
{
  gunichar c;

  /* Every CJK letter takes three or four bytes, led by 0xE1 or more */
  if ((guchar)text[i] < 0xe1)
    {
      *next = i + 1;
      return FALSE;
    }

  c = g_utf8_get_char_validated (text + i, n_text - i);
  if (c == (gunichar)-1 || c == (gunichar)-2)
    {
      *next = i + 1;
      return FALSE;
    }

  *next = g_utf8_next_char (text + i) - text;
  return ce_unichar_is_cjk (c);
}

/* Emits the pairs of the run whose characters start at bounds[0..n) and
 * whose last one ends at bounds[n] */
static int
emit_run (void       *ctx,
          TokenFunc   func,
          const char *text,
          const int  *bounds,
          int         n)
{
  int rc = SQLITE_OK;

  if (n == 1)
    return func (ctx, 0, text + bounds[0], bounds[1] - bounds[0], bounds[0], bounds[1]);

  for (int k = 0; rc == SQLITE_OK && k + 1 < n; k++)
    rc = func (ctx, 0, text + bounds[k], bounds[k + 2] - bounds[k], bounds[k], bounds[k + 2]);

  return rc;
}

static int
tokenize_other (CjkTokenizer *self,
                void         *ctx,
                int           flags,
                const char   *text,
                int           from,
                int           to,
                TokenFunc     func)
{
  Shifted shifted = { ctx, func, from };

  if (to <= from)
    return SQLITE_OK;

  return self->base_api.xTokenize (self->base, &shifted, flags, text + from, to - from,
                                   shifted_token_cb);
}

static int
cjk_tokenize (Fts5Tokenizer *tokenizer,
              void          *ctx,
              int            flags,
              const char    *text,
              int            n_text,
              TokenFunc      func)
{
  CjkTokenizer *self = (CjkTokenizer *)tokenizer;
  int bounds[MAX_RUN_CHARS + 2];
  int other = 0;   /* where the text before the current run starts */
  int i = 0;
  int rc = SQLITE_OK;

  while (rc == SQLITE_OK && i < n_text)
    {
      int next;
      int n = 0;
      int run_start = i;

      if (!cjk_char_at (text, n_text, i, &next))
        {
          i = next;
          continue;
        }

      rc = tokenize_other (self, ctx, flags, text, other, run_start, func);

      /* The run; a very long one goes in parts that overlap by one
       * character, so every pair is emitted once */
      bounds[n++] = i;
      i = next;
      while (rc == SQLITE_OK)
        {
          gboolean more = i < n_text && cjk_char_at (text, n_text, i, &next);

          bounds[n] = i;
          if (!more || n == MAX_RUN_CHARS + 1)
            {
              rc = emit_run (ctx, func, text, bounds, n);
              if (!more || rc != SQLITE_OK)
                break;
              bounds[0] = bounds[n - 1];
              bounds[1] = bounds[n];
              n = 1;
            }

          n++;
          i = next;
        }

      other = i;
    }

  if (rc == SQLITE_OK)
    rc = tokenize_other (self, ctx, flags, text, other, n_text, func);

  return rc;
}

static fts5_api *
find_fts5_api (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  fts5_api *api = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_pointer (stmt, 1, (void *)&api, "fts5_api_ptr", NULL);
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  return api;
}

/**
 * _ce_corpus_register_tokenizers:
 *
 * Makes the tokenizers a corpus may name known on @db.  Every connection
 * does this before it touches the fts table.
 *
 * Returns: an SQLite result code
 */
int
_ce_corpus_register_tokenizers (sqlite3 *db)
{
  static fts5_tokenizer cjk_api = { cjk_create, cjk_delete, cjk_tokenize };
  CjkModule *module;
  fts5_api *api;

  api = find_fts5_api (db);
  if (api == NULL || api->iVersion < 2)
    return SQLITE_ERROR;

  module = g_new0 (CjkModule, 1);
  module->api = api;

  return api->xCreateTokenizer (api, CJK_NAME, module, &cjk_api, g_free);
}

static char *
tokenizer_spec (CeTokenizer  tokenizer,
                CeDiacritics diacritics)
{
  return g_strdup_printf ("%s %s",
                          tokenizer == CE_TOKENIZER_CJK ? CJK_NAME : BASE_NAME,
                          diacritics == CE_DIACRITICS_KEEP ? KEEP_OPTION : REMOVE_OPTION);
}

static char *
read_spec (CeCorpus *self)
{
  g_autoptr(sqlite3_stmt) stmt =
    _ce_corpus_prepare (self, "SELECT value FROM properties WHERE key = 'tokenizer'", NULL);

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    return g_strdup ((const char *)sqlite3_column_text (stmt, 0));

  return NULL;
}

/**
 * _ce_corpus_tokenizer_new:
 *
 * Creates the tokenizer the corpus names, with its options, as FTS5
 * creates it for the index: its tokens are the index's.
 *
 * Returns: (transfer full): the tokenizer, or %NULL with @error set
 */
CeCorpusTokenizer *
_ce_corpus_tokenizer_new (CeCorpus  *self,
                          GError   **error)
{
  g_autofree char *spec = read_spec (self);
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  CeCorpusTokenizer *tokenizer;
  fts5_api *api;
  void *user_data = NULL;

  if (spec == NULL || (api = find_fts5_api (_ce_corpus_get_db (self))) == NULL)
    {
      g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_SQL,
                   _("Could not prepare the corpus tokenizers"));
      return NULL;
    }

  words = g_strsplit_set (spec, " \t", -1);
  for (guint i = 1; words[i] != NULL; i++)
    {
      if (words[i][0] != 0)
        g_ptr_array_add (args, words[i]);
    }

  tokenizer = g_new0 (CeCorpusTokenizer, 1);
  if (api->xFindTokenizer (api, words[0], &user_data, &tokenizer->api) != SQLITE_OK ||
      tokenizer->api.xCreate (user_data, (const char **)args->pdata, args->len,
                              &tokenizer->tokenizer) != SQLITE_OK)
    {
      g_free (tokenizer);
      g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_SQL,
                   _("Could not prepare the corpus tokenizers"));
      return NULL;
    }

  return tokenizer;
}

void
_ce_corpus_tokenizer_free (CeCorpusTokenizer *tokenizer)
{
  if (tokenizer == NULL)
    return;

  if (tokenizer->tokenizer != NULL)
    tokenizer->api.xDelete (tokenizer->tokenizer);
  g_free (tokenizer);
}

static char *
read_fts_sql (CeCorpus *self)
{
  g_autoptr(sqlite3_stmt) stmt =
    _ce_corpus_prepare (self, "SELECT sql FROM sqlite_schema WHERE name = 'fts'", NULL);

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    return g_strdup ((const char *)sqlite3_column_text (stmt, 0));

  return NULL;
}

/**
 * _ce_corpus_check_tokenizer:
 *
 * Checks, when a corpus is opened, that it names a tokenizer this
 * version knows, the same one in its properties and its index.
 */
gboolean
_ce_corpus_check_tokenizer (CeCorpus  *self,
                            GError   **error)
{
  g_autofree char *spec = read_spec (self);
  g_autofree char *sql = read_fts_sql (self);
  g_autofree char *option = NULL;
  g_autofree char *name = NULL;

  if (spec == NULL || sql == NULL)
    {
      g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_DAMAGED,
                   _("“%s” is damaged: it does not name its tokenizer"), ce_corpus_get_path (self));
      return FALSE;
    }

  name = g_strndup (spec, strcspn (spec, " \t"));
  if (!g_str_equal (name, BASE_NAME) && !g_str_equal (name, CJK_NAME))
    {
      g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_UNKNOWN_TOKENIZER,
                   _("“%s” uses the tokenizer “%s”, which this version of Corpus Explorer "
                     "does not know; it was not opened"),
                   ce_corpus_get_path (self), name);
      return FALSE;
    }

  /* The property is what counting splits terms with: it must be what the
   * index split the text with */
  option = g_strdup_printf ("tokenize='%s'", spec);
  if (strstr (sql, option) == NULL)
    {
      g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_DAMAGED,
                   _("“%s” is damaged: its index does not use the tokenizer it names (“%s”)"),
                   ce_corpus_get_path (self), spec);
      return FALSE;
    }

  return TRUE;
}

/**
 * ce_corpus_get_tokenizer:
 *
 * Returns: the tokenizer the corpus was created with:
 *   %CE_TOKENIZER_DEFAULT or %CE_TOKENIZER_CJK
 */
CeTokenizer
ce_corpus_get_tokenizer (CeCorpus *self)
{
  g_autofree char *spec = NULL;

  g_return_val_if_fail (CE_IS_CORPUS (self), CE_TOKENIZER_DEFAULT);

  spec = read_spec (self);
  if (spec != NULL && g_str_has_prefix (spec, CJK_NAME " "))
    return CE_TOKENIZER_CJK;

  return CE_TOKENIZER_DEFAULT;
}

/**
 * ce_corpus_get_diacritics:
 *
 * Returns: whether the index of the corpus removes accents
 *   (%CE_DIACRITICS_REMOVE, as every corpus did before the choice) or
 *   keeps them (%CE_DIACRITICS_KEEP)
 */
CeDiacritics
ce_corpus_get_diacritics (CeCorpus *self)
{
  g_autofree char *spec = NULL;

  g_return_val_if_fail (CE_IS_CORPUS (self), CE_DIACRITICS_REMOVE);

  spec = read_spec (self);
  if (spec != NULL && strstr (spec, " " KEEP_OPTION) != NULL)
    return CE_DIACRITICS_KEEP;

  return CE_DIACRITICS_REMOVE;
}

/**
 * ce_corpus_set_tokenizer:
 * @tokenizer: %CE_TOKENIZER_DEFAULT or %CE_TOKENIZER_CJK
 *
 * ce_corpus_set_tokenizer_full() keeping the corpus's handling of
 * diacritics.
 */
gboolean
ce_corpus_set_tokenizer (CeCorpus     *self,
                         CeTokenizer   tokenizer,
                         GError      **error)
{
  return ce_corpus_set_tokenizer_full (self, tokenizer, CE_DIACRITICS_AUTO, error);
}

/**
 * ce_corpus_set_tokenizer_full:
 * @tokenizer: %CE_TOKENIZER_DEFAULT or %CE_TOKENIZER_CJK
 * @diacritics: %CE_DIACRITICS_REMOVE, %CE_DIACRITICS_KEEP, or
 *   %CE_DIACRITICS_AUTO to keep the corpus's
 *
 * Chooses the tokenizer of a corpus that holds no documents yet: the
 * importer calls it before it stores the first ones.  Inside or outside
 * a transaction; rolling the transaction back restores the previous one.
 *
 * Returns: %FALSE with @error set when the corpus already holds
 *   documents indexed otherwise, or could not be changed
 */
gboolean
ce_corpus_set_tokenizer_full (CeCorpus      *self,
                              CeTokenizer    tokenizer,
                              CeDiacritics   diacritics,
                              GError       **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *spec = NULL;
  CeTokenizer current;
  CeDiacritics current_diacritics;

  g_return_val_if_fail (CE_IS_CORPUS (self), FALSE);
  g_return_val_if_fail (!self->read_only, FALSE);
  g_return_val_if_fail (tokenizer == CE_TOKENIZER_DEFAULT || tokenizer == CE_TOKENIZER_CJK, FALSE);

  current = ce_corpus_get_tokenizer (self);
  current_diacritics = ce_corpus_get_diacritics (self);
  if (diacritics == CE_DIACRITICS_AUTO)
    diacritics = current_diacritics;
  if (current == tokenizer && current_diacritics == diacritics)
    return TRUE;

  if (ce_corpus_count_documents (self) > 0)
    {
      if (current != tokenizer)
        g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_TOKENIZER_FIXED,
                     _("“%s” already holds documents indexed with the “%s” tokenizer; "
                       "a corpus keeps the tokenizer it was created with"),
                     ce_corpus_get_path (self), ce_tokenizer_to_string (current));
      else if (current_diacritics == CE_DIACRITICS_KEEP)
        g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_TOKENIZER_FIXED,
                     _("“%s” already holds documents indexed with their accents kept; "
                       "a corpus keeps the tokenizer it was created with"),
                     ce_corpus_get_path (self));
      else
        g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_TOKENIZER_FIXED,
                     _("“%s” already holds documents indexed with their accents removed; "
                       "a corpus keeps the tokenizer it was created with"),
                     ce_corpus_get_path (self));
      return FALSE;
    }

  spec = tokenizer_spec (tokenizer, diacritics);
  /* The fts table as the corpus's schema version defines it (version 2
   * added the quoted text), with the other tokenizer, and the same term
   * buffer for bulk loads */
  sql = g_strdup_printf ("SAVEPOINT ce_tokenizer;"
                         "DROP TABLE fts;"
                         "CREATE VIRTUAL TABLE fts USING fts5 ("
                         "  %s,"
                         "  content='documents', content_rowid='id',"
                         "  tokenize='%s'"
                         ");"
                         "INSERT INTO fts (fts, rank) VALUES ('hashsize', 67108864);"
                         "INSERT OR REPLACE INTO properties VALUES ('tokenizer', '%s');"
                         "RELEASE ce_tokenizer;",
                         self->schema_version >= 2 ? "title, body, quoted" : "title, body",
                         spec, spec);

  if (sqlite3_exec (_ce_corpus_get_db (self), sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      _ce_corpus_set_sql_error (self, error, _("Could not change the tokenizer"));
      sqlite3_exec (_ce_corpus_get_db (self),
                    "ROLLBACK TO ce_tokenizer; RELEASE ce_tokenizer;", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}
