/* ce-importer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ce-corpus.h"
#include "ce-reader.h"

G_BEGIN_DECLS

typedef struct
{
  guint      files_read;
  guint      documents_added;
  guint      duplicates;   /* already stored: same title and body */
  guint      copies;       /* exact copies of a stored body, left out */
  guint      grouped;      /* added documents that joined a group of copies */
  guint      repairs;      /* invalid byte sequences replaced */
  GPtrArray *copies_of;    /* "PATH:LINE: “TITLE” is a copy of #ID “TITLE”" */
  GPtrArray *skipped;      /* "PATH: reason", files that gave nothing */
  GPtrArray *warnings;     /* "PATH:LINE: message", the import went on */
  CeTokenizer tokenizer;   /* the corpus's, chosen by the first import */
} CeImportReport;

#define CE_TYPE_IMPORT_REPORT (ce_import_report_get_type ())

GType            ce_import_report_get_type (void) G_GNUC_CONST;
CeImportReport  *ce_import_report_copy     (const CeImportReport *report);
void   ce_import_report_free      (CeImportReport *report);
char  *ce_import_report_summary   (const CeImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CeImportReport, ce_import_report_free)

void   ce_import_options_clear    (CeImportOptions *options);

#define CE_TYPE_IMPORTER (ce_importer_get_type ())
G_DECLARE_FINAL_TYPE (CeImporter, ce_importer, CE, IMPORTER, GObject)

CeImporter     *ce_importer_new          (const char             *corpus_path,
                                          const CeImportOptions  *options);
void            ce_importer_add_path     (CeImporter             *self,
                                          const char             *path);
void            ce_importer_get_progress (CeImporter             *self,
                                          guint64                *bytes_done,
                                          guint64                *bytes_total,
                                          guint                  *documents);
gboolean        ce_importer_is_waiting   (CeImporter             *self);
CeImportReport *ce_importer_run          (CeImporter             *self,
                                          GCancellable           *cancellable,
                                          GError                **error);
CeImportReport *ce_importer_run_into     (CeImporter             *self,
                                          CeCorpus               *corpus,
                                          GCancellable           *cancellable,
                                          GError                **error);
void            ce_importer_run_async    (CeImporter             *self,
                                          GCancellable           *cancellable,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data);
CeImportReport *ce_importer_run_finish   (CeImporter             *self,
                                          GAsyncResult           *result,
                                          GError                **error);

/* Reads one file (or text) without storing anything: for previews. */
GPtrArray      *ce_importer_preview      (const char             *path,
                                          const CeImportOptions  *options,
                                          guint                   max_documents,
                                          guint                  *total_documents,
                                          CeFormat               *detected,
                                          GCancellable           *cancellable,
                                          GError                **error);

G_END_DECLS
