/* ce-corpus.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ce-document.h"
#include "ce-draft.h"
#include "ce-script.h"
#include "ce-text.h"

G_BEGIN_DECLS

#define CE_CORPUS_SCHEMA_VERSION 4
#define CE_CORPUS_SUFFIX ".corpus"

#define CE_CORPUS_ERROR (ce_corpus_error_quark ())

typedef enum
{
  CE_CORPUS_ERROR_NOT_A_CORPUS,   /* not SQLite, or not one of ours */
  CE_CORPUS_ERROR_NEWER_VERSION,  /* written by a newer Corpus Explorer */
  CE_CORPUS_ERROR_DAMAGED,        /* ours, but the schema is not as expected */
  CE_CORPUS_ERROR_SQL,            /* SQLite failed */
  CE_CORPUS_ERROR_NOT_FOUND,      /* no such document */
  CE_CORPUS_ERROR_READ_ONLY,
  CE_CORPUS_ERROR_BUSY,           /* another connection is writing */
  CE_CORPUS_ERROR_UNKNOWN_TOKENIZER, /* names a tokenizer this version lacks */
  CE_CORPUS_ERROR_TOKENIZER_FIXED,   /* holds documents: the tokenizer stays */
} CeCorpusError;

typedef enum
{
  CE_CORPUS_OPEN_DEFAULT   = 0,
  CE_CORPUS_OPEN_CREATE    = 1 << 0,  /* create the file when missing */
  CE_CORPUS_OPEN_READ_ONLY = 1 << 1,
  /* For ce_corpus_create_staged(): a file no other connection opens,
   * journal in memory, nothing synced until it is published */
  CE_CORPUS_OPEN_STAGED    = 1 << 2,
} CeCorpusOpenFlags;

typedef enum
{
  CE_CORPUS_ADDED,
  CE_CORPUS_DUPLICATE,   /* the same title and body are stored */
  CE_CORPUS_FAILED,
  CE_CORPUS_COPY,        /* the same normalised body is stored; not added */
} CeCorpusAddResult;

typedef enum
{
  CE_CORPUS_ADD_DEFAULT     = 0,
  CE_CORPUS_ADD_SKIP_COPIES = 1 << 0,  /* an exact copy of a stored body is not added */
} CeCorpusAddFlags;

typedef struct
{
  gint64   documents;
  gint64   words;
  gint64   sources;
  char    *first_date;   /* NULL when no document has a date */
  char    *last_date;
  GPtrArray *top_places; /* alternating place (char *), count (GINT_TO_POINTER) */
} CeCorpusStats;

/* Orders for ce_corpus_list_document_ids_sorted(); ties keep corpus order
 * and documents lacking the value come last in either direction. */
typedef enum
{
  CE_DOCUMENT_ORDER_POSITION,
  CE_DOCUMENT_ORDER_TITLE,
  CE_DOCUMENT_ORDER_PLACE,
  CE_DOCUMENT_ORDER_DATE,
  CE_DOCUMENT_ORDER_SOURCE,
  CE_DOCUMENT_ORDER_WORDS,
} CeDocumentOrder;

void ce_corpus_stats_free (CeCorpusStats *stats);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CeCorpusStats, ce_corpus_stats_free)

#define CE_TYPE_CORPUS (ce_corpus_get_type ())
G_DECLARE_FINAL_TYPE (CeCorpus, ce_corpus, CE, CORPUS, GObject)

GQuark             ce_corpus_error_quark        (void);

CeCorpus          *ce_corpus_open               (const char        *path,
                                                 CeCorpusOpenFlags  flags,
                                                 GError           **error);
CeCorpus          *ce_corpus_create_staged      (const char        *path,
                                                 GError           **error);
gboolean           ce_corpus_publish            (CeCorpus          *self,
                                                 GError           **error);
gboolean           ce_corpus_merge_index        (CeCorpus          *self,
                                                 GError           **error);
const char        *ce_corpus_get_path           (CeCorpus          *self);
char              *ce_corpus_dup_name           (CeCorpus          *self);
guint64            ce_corpus_get_generation     (CeCorpus          *self);
gboolean           ce_corpus_is_read_only       (CeCorpus          *self);
gboolean           ce_corpus_check_integrity    (CeCorpus          *self,
                                                 GError           **error);
gboolean           ce_corpus_checkpoint         (CeCorpus          *self,
                                                 GError           **error);

/* The tokenizer is chosen before the first documents are stored
 * (ce-corpus-tokenizer.c) */
CeTokenizer        ce_corpus_get_tokenizer      (CeCorpus          *self);
gboolean           ce_corpus_set_tokenizer      (CeCorpus          *self,
                                                 CeTokenizer        tokenizer,
                                                 GError           **error);
CeDiacritics       ce_corpus_get_diacritics     (CeCorpus          *self);
gboolean           ce_corpus_set_tokenizer_full (CeCorpus          *self,
                                                 CeTokenizer        tokenizer,
                                                 CeDiacritics       diacritics,
                                                 GError           **error);

/* In debug builds (meson option main_thread_guard), every statement any
 * corpus runs on @thread warns "query on the main thread: SQL".  The GUI
 * passes its main thread; %NULL turns the check off.  Process-wide. */
void               ce_corpus_set_guarded_thread (GThread           *thread);
GThread           *ce_corpus_get_guarded_thread (void);

/* Interrupts long statements on this connection while @cancellable is
 * cancelled.  Each thread opens its own CeCorpus. */
void               ce_corpus_set_cancellable    (CeCorpus          *self,
                                                 GCancellable      *cancellable);
gint64             ce_corpus_release_memory     (CeCorpus          *self);
void               ce_corpus_forget_kept        (CeCorpus          *self);

gint64             ce_corpus_count_documents    (CeCorpus          *self);
CeDocument        *ce_corpus_get_document       (CeCorpus          *self,
                                                 gint64             id,
                                                 GError           **error);
GArray            *ce_corpus_list_document_ids  (CeCorpus          *self,
                                                 GError           **error);
GArray            *ce_corpus_list_document_ids_sorted (CeCorpus     *self,
                                                 CeDocumentOrder    order,
                                                 gboolean           descending,
                                                 const char        *words,
                                                 GError           **error);
GArray            *ce_corpus_list_document_ids_head (CeCorpus       *self,
                                                     gboolean        descending,
                                                     guint           limit,
                                                     GError        **error);
GPtrArray         *ce_corpus_get_document_summaries (CeCorpus       *self,
                                                 const gint64      *ids,
                                                 guint              n_ids,
                                                 GError           **error);
/* Calls @func with the body of every document, in corpus order */
typedef void (*CeCorpusBodyFunc) (const char *body,
                                  gpointer    user_data);
gboolean           ce_corpus_foreach_body       (CeCorpus          *self,
                                                 CeCorpusBodyFunc   func,
                                                 gpointer           user_data,
                                                 GError           **error);
gboolean           ce_corpus_foreach_body_sample (CeCorpus         *self,
                                                 guint              max_documents,
                                                 CeCorpusBodyFunc   func,
                                                 gpointer           user_data,
                                                 guint             *n_read,
                                                 gint64            *n_documents,
                                                 GError           **error);
CeCorpusStats     *ce_corpus_get_stats          (CeCorpus          *self,
                                                 guint              top_n,
                                                 GError           **error);

/* Writing.  An import is one transaction: begin, add sources and drafts,
 * then commit or roll back; a crash in between leaves the corpus as it was. */
gboolean           ce_corpus_try_begin          (CeCorpus          *self,
                                                 GError           **error);
gboolean           ce_corpus_begin              (CeCorpus          *self,
                                                 GError           **error);
gboolean           ce_corpus_commit             (CeCorpus          *self,
                                                 GError           **error);
void               ce_corpus_rollback           (CeCorpus          *self);
gboolean           ce_corpus_in_transaction     (CeCorpus          *self);
gint64             ce_corpus_add_source         (CeCorpus          *self,
                                                 const char        *path,
                                                 const char        *format,
                                                 guint64            size,
                                                 const char        *checksum,
                                                 GError           **error);
CeCorpusAddResult  ce_corpus_add_draft          (CeCorpus          *self,
                                                 gint64             source_id,
                                                 const CeDraft     *draft,
                                                 GError           **error);
CeCorpusAddResult  ce_corpus_add_draft_full     (CeCorpus          *self,
                                                 gint64             source_id,
                                                 const CeDraft     *draft,
                                                 CeCorpusAddFlags   flags,
                                                 gint64            *copy_of,
                                                 GError           **error);

G_END_DECLS

/* Stored topics, quoted text and copies, for every file that includes this one */
#include "ce-corpus-duplicates.h"
#include "ce-corpus-quoted.h"
#include "ce-topics.h"
