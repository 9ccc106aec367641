/* ce-corpus-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "ce-corpus.h"
#include "ce-corpus-quoted.h"

G_BEGIN_DECLS

/* The one connection of this CeCorpus, for the other files of the store.
 * SQL stays inside src/core/store. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

sqlite3  *_ce_corpus_get_db        (CeCorpus     *self);
sqlite3_stmt *_ce_corpus_prepare   (CeCorpus     *self,
                                    const char   *sql,
                                    GError      **error);
gboolean  _ce_corpus_exec          (CeCorpus     *self,
                                    const char   *sql,
                                    GError      **error);
void      _ce_corpus_set_sql_error (CeCorpus     *self,
                                    GError      **error,
                                    const char   *what);
void      _ce_corpus_changed       (CeCorpus     *self);
/* Watches every statement of @db for ce_corpus_set_guarded_thread() */
void      _ce_corpus_install_guard (sqlite3      *db);

/* ce-corpus-tokenizer.c: every connection registers the tokenizers; an
 * opened corpus must name one of them */
int       _ce_corpus_register_tokenizers (sqlite3  *db);
gboolean  _ce_corpus_check_tokenizer     (CeCorpus *self,
                                          GError  **error);

/* An instance of the corpus's own tokenizer, for C code that tokenizes
 * text without a statement (ce-corpus-words.c); one per thread */
typedef struct
{
  fts5_tokenizer  api;
  Fts5Tokenizer  *tokenizer;
} CeCorpusTokenizer;

CeCorpusTokenizer *_ce_corpus_tokenizer_new  (CeCorpus          *self,
                                              GError           **error);
void               _ce_corpus_tokenizer_free (CeCorpusTokenizer *tokenizer);

/* ce-corpus-second.c: the second read-only connection kept with a
 * connection, for work split over two threads */
CeCorpus          *_ce_corpus_peek_second    (CeCorpus          *self);
CeCorpus          *_ce_corpus_open_second    (CeCorpus          *self);

/* ce-corpus-chunks.c: documents read in chunks by one thread or two,
 * handed on in order (ce-corpus-words.c, ce-corpus-matches.c) */

/* The start of every chunk: how its reading ended */
typedef struct
{
  GError   *error;
  gboolean  stopped;   /* cancelled, or the other worker stopped */
} CeChunkHead;

/* The start of every worker */
typedef struct
{
  CeCorpus    *corpus;       /* the connection it reads */
  GAsyncQueue *queue;        /* in a thread of its own; NULL alone */
  guint        first_chunk;  /* in a thread: chunks first_chunk, + step, … */
  guint        step;
  guint        n_chunks;
  gint        *stop;         /* set when either worker stops */
} CeChunkWorker;

typedef struct
{
  const char  *thread_name;
  gpointer   (*chunk_new)  (void);
  void       (*chunk_free) (gpointer       chunk);
  /* FALSE: failed (chunk's error) or stopped (chunk's stopped) */
  gboolean   (*read)       (CeChunkWorker *worker,
                            guint          index,
                            gpointer       chunk);
  /* FALSE: no more chunks are wanted */
  gboolean   (*deliver)    (gpointer       chunk,
                            guint          worker,
                            gpointer       user_data);
} CeChunkFuncs;

gboolean _ce_corpus_read_chunks (const CeChunkFuncs  *funcs,
                                 CeChunkWorker      **workers,
                                 guint                n_chunks,
                                 gpointer             user_data,
                                 GError             **error);

/* ce-corpus-words.c: that second connection, to read @n_ids documents on
 * two threads; NULL when they are too few, the machine has one core, or
 * the work cannot be split */
CeCorpus          *_ce_corpus_words_helper   (CeCorpus          *self,
                                              guint              n_ids);

/* ce-corpus-tokens.c: one read transaction for a whole pass; returns
 * whether it began one, which _ce_corpus_end_read() then ends */
gboolean  _ce_corpus_begin_read (CeCorpus *self);
void      _ce_corpus_end_read   (CeCorpus *self,
                                 gboolean  began);

/* Shared by ce-corpus.c (opening, transactions), ce-corpus-schema.c,
 * ce-corpus-write.c (adding documents) and ce-corpus-read.c */

typedef struct _CeBandFilter CeBandFilter;
typedef struct _CeBandDefer CeBandDefer;

struct _CeCorpus
{
  GObject parent_instance;

  char         *path;
  sqlite3      *db;
  GCancellable *cancellable;
  guint64       generation;
  gint64        schema_version;  /* lower than current when read-only */
  CeQuotedMode  quoted_mode;
  guint         read_only : 1;
  guint         immutable : 1;   /* opened as on read-only media */
  guint         staged : 1;      /* a hidden new file (ce-corpus-staged.c) */
  guint         staged_loading : 1; /* its index merges nothing until the commit */
  char         *staged_target;   /* where it goes when published */

  /* Owned references: statements kept prepared for bulk work */
  sqlite3_stmt *insert_doc;
  sqlite3_stmt *insert_fts;
  sqlite3_stmt *insert_meta;
  sqlite3_stmt *next_position;
  double        position;
  gint64        last_source_id;
  guint         ordinal;

  /* ce-corpus-duplicates.c */
#define CE_CORPUS_DUPLICATE_STMTS 11
  sqlite3_stmt *duplicate_stmts[CE_CORPUS_DUPLICATE_STMTS];
  sqlite3_stmt *find_hash;
  double        duplicate_threshold;  /* 0 until read */
  gboolean      unique_stories;       /* counting reads representatives only */
  CeBandFilter *band_filter;          /* for the transaction under way */
  guint         band_lookups;         /* in it, before the filter was made */
  gboolean      band_filter_wanted;   /* made at the first look-up (regrouping) */
  gint64        band_filter_version;  /* data_version when a regrouping step kept it */
  CeBandDefer  *band_defer;           /* a new corpus's band rows, grouped at the end */
  gboolean      band_mode_known;      /* whether this transaction defers was decided */
  gboolean      band_settle_failed;   /* the deferred rows could not be written */
  gint64        fingerprints_left;    /* documents a regrouping step left, 0 unknown */
  gint64        fingerprints_left_version;
};

/* ce-corpus.c */

void   _ce_corpus_close_connection (CeCorpus *self);

/* ce-corpus-staged.c: before a staged corpus's first document of a
 * transaction (the full-text index then merges nothing until
 * ce_corpus_merge_index()) */
gboolean _ce_corpus_staged_load_begin (CeCorpus  *self,
                                       GError   **error);

/* ce-corpus-duplicates-filter.c: when a write transaction begins or
 * ends (a rollback drops the band rows that wait to be written) */
void     _ce_corpus_drop_band_filter (CeCorpus  *self);
/* before the transaction commits or a savepoint begins */
gboolean _ce_copies_flush_bands      (CeCorpus  *self,
                                      GError   **error);

/* How long a statement waits for another connection's lock */
#define _CE_CORPUS_BUSY_TIMEOUT_MS 5000

gint64 _ce_corpus_query_int (CeCorpus   *self,
                             const char *sql,
                             gint64      fallback);

/* ce-corpus-schema.c: creating, checking and migrating the schema */

/* "CEXP": marks the file as a corpus, so a random SQLite file is refused */
#define CE_APPLICATION_ID 0x43455850

gboolean _ce_corpus_create_schema (CeCorpus  *self,
                                   GError   **error);
gboolean _ce_corpus_check_schema  (CeCorpus  *self,
                                   GError   **error);
/* Triggers and views run code on reads and writes: refused before
 * anything is written, whatever the version */
gboolean _ce_corpus_check_no_code (CeCorpus  *self,
                                   GError   **error);
gboolean _ce_corpus_migrate       (CeCorpus  *self,
                                   gint64     version,
                                   GError   **error);
/* ce-corpus-duplicates-read.c: a reader of a corpus older than groups
 * of copies sees an empty table of them */
gboolean _ce_corpus_prepare_older_copies (CeCorpus  *self,
                                          GError   **error);

/* ce-corpus-quoted.c: the index columns and what they hold */
#define CE_FTS_TITLE  0
#define CE_FTS_BODY   1   /* the body, quoted paragraphs blanked */
#define CE_FTS_QUOTED 2   /* the body, new text blanked; NULL without quotes */

typedef struct
{
  const char *plain;   /* the stored body */
  char       *body;    /* masked, when has_quotes */
  char       *quoted;
  gboolean    has_quotes;
} CeIndexedText;

void        _ce_indexed_text_init      (CeIndexedText          *text,
                                        const char             *body);
void        _ce_indexed_text_clear     (CeIndexedText          *text);
void        _ce_indexed_text_bind      (const CeIndexedText    *text,
                                        sqlite3_stmt           *stmt,
                                        int                     first,
                                        const char             *title);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CeIndexedText, _ce_indexed_text_clear)

gboolean    _ce_corpus_fts_change      (CeCorpus               *self,
                                        gboolean                delete,
                                        gint64                  id,
                                        const char             *title,
                                        const char             *body,
                                        GError                **error);
gboolean    _ce_corpus_migrate_quoted  (CeCorpus               *self,
                                        GError                **error);
char       *_ce_corpus_scope_fts       (CeCorpus               *self,
                                        const char             *fts);
const char *_ce_corpus_mention_columns (CeCorpus               *self);
const char *_ce_corpus_snippet_sql     (CeCorpus               *self);
int         _ce_corpus_fts_column_text (const Fts5ExtensionApi *api,
                                        Fts5Context            *fts,
                                        int                     column,
                                        const char            **text,
                                        int                    *n_text,
                                        char                  **owned);
int         _ce_corpus_fts_ranges      (const Fts5ExtensionApi *api,
                                        Fts5Context            *fts,
                                        int                     column,
                                        GArray                 *ranges);
gboolean    _ce_corpus_quoted_install  (fts5_api               *api);
/* Sorts byte ranges (CeSearchRange) and merges those that overlap */
void        _ce_search_ranges_merge    (GArray                 *ranges);

/* ce-corpus-duplicates.c: keeping fingerprints and groups of copies in
 * step with the documents, inside the caller's transaction */
gboolean _ce_corpus_fingerprint_add    (CeCorpus             *self,
                                        gint64                doc_id,
                                        const CeFingerprint  *fingerprint,
                                        gboolean              batched,
                                        GError              **error);
gboolean _ce_corpus_fingerprint_remove (CeCorpus             *self,
                                        gint64                doc_id,
                                        GError              **error);
/* The SQL condition on `documents` that keeps one document per story,
 * or "1" when this connection counts every copy */
const char *_ce_corpus_unique_condition (CeCorpus *self);
/* The SQL expression of the size of the group of `documents.id` (0
 * when in none) */
const char *_ce_corpus_group_size_sql (CeCorpus *self);
gboolean _ce_corpus_fingerprint_update (CeCorpus             *self,
                                        gint64                doc_id,
                                        const char           *body,
                                        gboolean              existed,
                                        gboolean              batched,
                                        GError              **error);

/* ce-corpus-count.c: the error of a counting query; a bad @restrict_fts
 * is the user's (CE_COUNTER_ERROR_INVALID_QUERY) */
void _ce_counter_set_query_error (CeCorpus    *corpus,
                                  GError     **error,
                                  const char  *restrict_fts);

/* ce-corpus-count-store.c: per-document counts kept in the corpus */
typedef struct
{
  gint64 max_id;   /* the largest document id */
  gint64 change;   /* the last row of count_changes */
} CeCountStamp;

gboolean _ce_count_store_available  (CeCorpus            *self);
gboolean _ce_count_store_stamp      (CeCorpus            *self,
                                     CeCountStamp        *stamp,
                                     GError             **error);
GArray  *_ce_count_store_read       (CeCorpus            *self,
                                     const char          *key,
                                     CeCountStamp        *stamp,
                                     GArray             **changed);
void     _ce_count_store_write      (CeCorpus            *self,
                                     const char          *key,
                                     const CeCountStamp  *stamp,
                                     GArray              *counts);
gboolean _ce_count_store_read_varint  (const guint8      **p,
                                      const guint8       *end,
                                      guint64            *value);
void     _ce_count_store_write_varint (GByteArray         *out,
                                      guint64             value);
/* Any other value kept with the counts, valid at one state only */
GBytes  *_ce_count_store_read_value  (CeCorpus           *self,
                                      const char         *key,
                                      const CeCountStamp *stamp);
void     _ce_count_store_write_value (CeCorpus           *self,
                                      const char         *key,
                                      const CeCountStamp *stamp,
                                      GBytes             *value);
gboolean _ce_count_store_log_change (CeCorpus            *self,
                                     gint64               id,
                                     GError             **error);

/* What a connection keeps between statements while the corpus does not
 * change, by kind (@name) and key (ce-corpus-kept.c) */
gpointer  _ce_corpus_kept_lookup (CeCorpus       *self,
                                  const char     *name,
                                  const char     *key);
gpointer  _ce_corpus_kept_insert (CeCorpus       *self,
                                  const char     *name,
                                  guint           max,
                                  const char     *key,
                                  gpointer        value,
                                  GDestroyNotify  destroy);

G_END_DECLS
