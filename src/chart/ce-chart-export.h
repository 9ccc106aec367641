/* ce-chart-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ce-chart-model.h"
#include "ce-plot.h"

G_BEGIN_DECLS

gboolean  ce_chart_export_png           (CePlot         *plot,
                                         const char     *path,
                                         int             width,
                                         int             height,
                                         double          scale,
                                         gboolean        transparent,
                                         GError        **error);
GBytes   *ce_chart_render_png_bytes     (CePlot         *plot,
                                         int             width,
                                         int             height,
                                         double          scale,
                                         gboolean        transparent,
                                         GError        **error);
gboolean  ce_chart_export_svg           (CePlot         *plot,
                                         const char     *path,
                                         int             width,
                                         int             height,
                                         gboolean        transparent,
                                         GError        **error);
gboolean  ce_chart_export_pdf           (CePlot         *plot,
                                         const char     *path,
                                         int             width,
                                         int             height,
                                         gboolean        transparent,
                                         GError        **error);
gboolean  ce_chart_export_csv           (CeChartModel   *model,
                                         const char     *path,
                                         GError        **error);
gboolean  ce_chart_export_csv_to_stream (CeChartModel   *model,
                                         GOutputStream  *stream,
                                         GCancellable   *cancellable,
                                         GError        **error);
char     *ce_chart_export_csv_to_string (CeChartModel   *model);

G_END_DECLS
