/* ce-test-chart.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Models, plots and reference images shared by the chart test programs
 * (test-chart, test-chart-render, test-chart-export).
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "ce-chart-model.h"
#include "ce-plot.h"

G_BEGIN_DECLS

/* The size every reference image and hit test draws at */
#define CE_TEST_CHART_WIDTH 640
#define CE_TEST_CHART_HEIGHT 400

/* Where the programs write what they draw (created on first use) */
const char      *ce_test_chart_output_dir        (void);
/* A reproducible number in [0, 1) from the stream @state */
double           ce_test_chart_random            (guint32      *state);
guint32          ce_test_chart_julian            (int           year,
                                                  int           month,
                                                  int           day);

/* Three topics over seven datelines */
CeChartModel    *ce_test_chart_places_model      (void);
/* Monthly buckets 2022-01 .. 2023-12, March 2023 missing and China
 * without data in August and September 2022 */
CeChartModel    *ce_test_chart_months_model      (void);
/* Eight articles and where the topics come up in them */
CeChartModel    *ce_test_chart_dispersion_model  (void);

/* A plot in the test font */
CePlot          *ce_test_chart_plot              (CeChartModel *model,
                                                  CePlotKind    kind,
                                                  CePlotTheme   theme);
/* Draws @plot on its theme's background at the test size */
cairo_surface_t *ce_test_chart_draw              (CePlot       *plot);
cairo_surface_t *ce_test_chart_load_png_bytes    (GBytes       *bytes);
/* Exports @plot as PNG and fails the test unless it looks like
 * tests/reference/chart-@name.png (CE_UPDATE_REFERENCES=1 records it) */
void             ce_test_chart_compare_reference (CePlot       *plot,
                                                  const char   *name);

G_END_DECLS
