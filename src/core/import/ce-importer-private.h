/* ce-importer-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ce-corpus.h"
#include "ce-importer.h"

G_BEGIN_DECLS

/* Shared by the parts of the importer:
 *   ce-importer.c            the object, its progress, the transaction
 *                            and the storing loop (ce_importer_run_into)
 *   ce-importer-read.c       opening and detecting files, the reader
 *                            thread, previews
 *   ce-importer-queue.c      the bounded queue between the two threads
 *   ce-importer-tokenizer.c  sampling a new corpus's text to choose its
 *                            tokenizer before anything is stored
 *   ce-importer-store.c      storing sources and drafts, copies and
 *                            corrections into the report
 *   ce-import-report.c       the report and options types */

struct _CeImporter
{
  GObject parent_instance;

  char            *corpus_path;
  CeImportOptions  options;
  GPtrArray       *paths;

  GMutex           progress_lock;
  guint64          bytes_done;
  guint64          bytes_total;
  gboolean         waiting;      /* for another import to finish */
  guint            documents;

  /* Where notify::waiting is emitted: the thread-default main context of
   * the thread that made the importer */
  GMainContext    *context;
};

typedef enum
{
  ITEM_SOURCE,
  ITEM_DRAFT,
  ITEM_END,
} CeImportItemKind;

typedef struct
{
  CeImportItemKind  kind;
  CeDraft          *draft;
  char             *path;
  CeFormat          format;
  guint64           size;
  char             *checksum;
  gsize             bytes;     /* of a draft's text, for the queue's bound */
} CeImportItem;

/* A bounded producer/consumer queue */
typedef struct
{
  GMutex   lock;
  GCond    cond;
  GQueue   items;
  gsize    bytes;      /* of the drafts waiting */
  gboolean aborted;
} CeImportQueue;

typedef struct
{
  CeImporter     *self;
  GPtrArray      *files;
  CeImportQueue   queue;
  GCancellable   *cancellable;  /* the caller's, or ours */
  CeImportReport *report;       /* skipped and warnings: parse thread only */

  /* Per file, in the parse thread */
  GInputStream   *stream;
  guint64         file_base;
  guint           file_documents;
} CeImportJob;

/* A new corpus gets its tokenizer before its first documents are stored:
 * the first items are held back while their text is sampled. */
typedef struct
{
  gboolean        deciding;
  CeTokenizer     wanted;     /* CE_TOKENIZER_AUTO: from the sample */
  CeDiacritics    diacritics;
  CeScriptSample  sample;
  gsize           sampled;    /* bytes of text */
  GQueue          held;
} CeImportChoice;

/* What the storing loop knows of the source being stored */
typedef struct
{
  gint64  source_id;
  char   *source_checksum;
  char   *source_path;
} CeImportStore;

/* ce-importer.c */
void            _ce_importer_set_progress       (CeImporter             *self,
                                                 guint64                 bytes_done,
                                                 int                     new_documents);

/* ce-importer-queue.c */
void            _ce_import_item_free            (CeImportItem           *item);
void            _ce_import_queue_init           (CeImportQueue          *queue);
void            _ce_import_queue_clear          (CeImportQueue          *queue);
gboolean        _ce_import_queue_push           (CeImportQueue          *queue,
                                                 CeImportItem           *item);
CeImportItem   *_ce_import_queue_pop            (CeImportQueue          *queue);
void            _ce_import_queue_abort          (CeImportQueue          *queue);

/* ce-importer-read.c */
gpointer        _ce_importer_read_thread        (gpointer                data);

/* ce-importer-tokenizer.c */
gboolean        _ce_import_choice_prepare       (CeCorpus               *corpus,
                                                 const CeImportOptions  *options,
                                                 CeImportChoice         *choice,
                                                 GError                **error);
CeImportItem   *_ce_import_choice_next_item     (CeImportJob            *job,
                                                 CeImportChoice         *choice,
                                                 CeCorpus               *corpus,
                                                 GError                **error);
void            _ce_import_choice_clear         (CeImportChoice         *choice);

/* ce-importer-store.c */
void            _ce_importer_store_item         (CeImporter             *self,
                                                 CeCorpus               *corpus,
                                                 CeImportStore          *store,
                                                 const CeImportItem     *item,
                                                 CeImportReport         *report,
                                                 GError                **error);
void            _ce_importer_store_finish       (CeCorpus               *corpus,
                                                 CeImportStore          *store,
                                                 CeImportReport         *report,
                                                 GError                **error);
void            _ce_import_store_clear          (CeImportStore          *store);

/* ce-import-report.c */
CeImportReport *_ce_import_report_new           (void);

G_END_DECLS
