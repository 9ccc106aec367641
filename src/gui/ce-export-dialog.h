/* ce-export-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ce-plot.h"

G_BEGIN_DECLS

typedef enum
{
  CE_EXPORT_PNG,
  CE_EXPORT_SVG,
  CE_EXPORT_PDF,
  CE_EXPORT_CSV,
} CeExportFormat;

#define CE_TYPE_EXPORT_DIALOG (ce_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CeExportDialog, ce_export_dialog, CE, EXPORT_DIALOG, AdwWindow)

CeExportDialog *ce_export_dialog_new            (GtkWindow       *parent,
                                                 CePlot          *plot);
CeExportFormat  ce_export_dialog_get_format     (CeExportDialog  *self);
void            ce_export_dialog_set_format     (CeExportDialog  *self,
                                                 CeExportFormat   format);
char           *ce_export_dialog_suggest_name   (CeExportDialog  *self);
gboolean        ce_export_dialog_save_to        (CeExportDialog  *self,
                                                 GFile           *file,
                                                 GError         **error);
GdkTexture     *ce_export_dialog_render_texture (CeExportDialog  *self,
                                                 GError         **error);
gboolean        ce_export_dialog_copy_image     (CeExportDialog  *self,
                                                 GError         **error);

G_END_DECLS
