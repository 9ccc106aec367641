/* ce-import-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ce-session.h"

G_BEGIN_DECLS

#define CE_TYPE_IMPORT_DIALOG (ce_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CeImportDialog, ce_import_dialog, CE, IMPORT_DIALOG, AdwWindow)

CeImportDialog *ce_import_dialog_new             (GtkWindow       *parent,
                                                  GFile          **files,
                                                  guint            n_files,
                                                  const char      *corpus_path);
void            ce_import_dialog_set_session     (CeImportDialog  *self,
                                                  CeSession       *session);
const char     *ce_import_dialog_get_corpus_path (CeImportDialog  *self);
gboolean        ce_import_dialog_is_waiting      (CeImportDialog  *self);
void            ce_import_dialog_start           (CeImportDialog  *self);

G_END_DECLS
