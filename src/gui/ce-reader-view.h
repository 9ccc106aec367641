/* ce-reader-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ce-document.h"

G_BEGIN_DECLS

#define CE_READER_ZOOM_MIN 0.5
#define CE_READER_ZOOM_MAX 3.0

#define CE_TYPE_READER_VIEW (ce_reader_view_get_type ())
G_DECLARE_FINAL_TYPE (CeReaderView, ce_reader_view, CE, READER_VIEW, GtkWidget)

GtkWidget     *ce_reader_view_new          (void);
CeDocument    *ce_reader_view_get_document (CeReaderView *self);
void           ce_reader_view_set_document (CeReaderView *self,
                                            CeDocument   *document,
                                            guint         index,
                                            guint         n_documents);
double         ce_reader_view_get_zoom     (CeReaderView *self);
void           ce_reader_view_set_zoom     (CeReaderView *self,
                                            double        zoom);
GtkTextBuffer *ce_reader_view_get_buffer   (CeReaderView *self);
const char    *ce_reader_view_get_title    (CeReaderView *self);
const char    *ce_reader_view_get_metadata (CeReaderView *self);

G_END_DECLS
