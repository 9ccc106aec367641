/* ce-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ce-application.h"
#include "ce-corpus.h"
#include "ce-import-dialog.h"
#include "ce-session.h"

G_BEGIN_DECLS

#define CE_TYPE_WINDOW (ce_window_get_type ())
G_DECLARE_FINAL_TYPE (CeWindow, ce_window, CE, WINDOW, AdwApplicationWindow)

CeWindow       *ce_window_new          (CeApplication  *app);
void            ce_window_open_corpus_async  (CeWindow            *self,
                                              GFile               *file,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean        ce_window_open_corpus_finish (CeWindow            *self,
                                              GAsyncResult        *result,
                                              GError             **error);
gboolean        ce_window_is_opening   (CeWindow       *self);
void            ce_window_open         (CeWindow       *self,
                                        GFile          *file);
void            ce_window_offer_import (CeWindow       *self,
                                        GFile         **files,
                                        guint           n_files);
CeImportDialog *ce_window_import_files (CeWindow       *self,
                                        GFile         **files,
                                        guint           n_files);
CeSession      *ce_window_get_session  (CeWindow       *self);
void            ce_window_reload       (CeWindow       *self);
void            ce_window_show_document (CeWindow      *self,
                                         gint64         id);

G_END_DECLS
