/* ce-chart-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ce-color.h"

G_BEGIN_DECLS

/* What the numbers count.  It decides how values are formatted (share of
 * documents is stored as a fraction 0..1 and shown as a percentage) and the
 * default y-axis title. */
typedef enum
{
  CE_CHART_MEASURE_MENTIONS,
  CE_CHART_MEASURE_MENTIONS_PER_10K,
  CE_CHART_MEASURE_DOCUMENTS,
  CE_CHART_MEASURE_SHARE,
} CeChartMeasure;

#define CE_TYPE_CHART_MODEL (ce_chart_model_get_type ())

G_DECLARE_FINAL_TYPE (CeChartModel, ce_chart_model, CE, CHART_MODEL, GObject)

CeChartModel   *ce_chart_model_new                    (void);
CeChartModel   *ce_chart_model_copy                   (CeChartModel    *self);
guint64         ce_chart_model_get_generation         (CeChartModel    *self);

/* Texts */
void            ce_chart_model_set_title              (CeChartModel    *self,
                                                       const char      *title);
const char     *ce_chart_model_get_title              (CeChartModel    *self);
void            ce_chart_model_set_subtitle           (CeChartModel    *self,
                                                       const char      *subtitle);
const char     *ce_chart_model_get_subtitle           (CeChartModel    *self);
void            ce_chart_model_set_source             (CeChartModel    *self,
                                                       const char      *source);
const char     *ce_chart_model_get_source             (CeChartModel    *self);
void            ce_chart_model_set_x_title            (CeChartModel    *self,
                                                       const char      *x_title);
const char     *ce_chart_model_get_x_title            (CeChartModel    *self);
void            ce_chart_model_set_y_title            (CeChartModel    *self,
                                                       const char      *y_title);
const char     *ce_chart_model_get_y_title            (CeChartModel    *self);

/* Measure */
void            ce_chart_model_set_measure            (CeChartModel    *self,
                                                       CeChartMeasure   measure);
CeChartMeasure  ce_chart_model_get_measure            (CeChartModel    *self);
void            ce_chart_model_set_unit_label         (CeChartModel    *self,
                                                       const char      *unit_label);
const char     *ce_chart_model_get_unit_label         (CeChartModel    *self);
gboolean        ce_chart_model_is_percent             (CeChartModel    *self);

/* Series (topics) */
guint           ce_chart_model_add_series             (CeChartModel    *self,
                                                       const char      *name,
                                                       const CeColor   *color);
guint           ce_chart_model_get_n_series           (CeChartModel    *self);
const char     *ce_chart_model_get_series_name        (CeChartModel    *self,
                                                       guint            series);
void            ce_chart_model_get_series_color       (CeChartModel    *self,
                                                       guint            series,
                                                       CeColor         *color);
void            ce_chart_model_set_series_color       (CeChartModel    *self,
                                                       guint            series,
                                                       const CeColor   *color);
gboolean        ce_chart_model_get_series_visible     (CeChartModel    *self,
                                                       guint            series);
void            ce_chart_model_set_series_visible     (CeChartModel    *self,
                                                       guint            series,
                                                       gboolean         visible);
guint           ce_chart_model_get_n_visible_series   (CeChartModel    *self);

/* Categories */
guint           ce_chart_model_add_category           (CeChartModel    *self,
                                                       const char      *label);
guint           ce_chart_model_get_n_categories       (CeChartModel    *self);
const char     *ce_chart_model_get_category_label     (CeChartModel    *self,
                                                       guint            category);
void            ce_chart_model_set_category_dates     (CeChartModel    *self,
                                                       guint            category,
                                                       guint32          start_julian,
                                                       guint32          end_julian);
gboolean        ce_chart_model_get_category_dates     (CeChartModel    *self,
                                                       guint            category,
                                                       guint32         *start_julian,
                                                       guint32         *end_julian);
gboolean        ce_chart_model_has_dates              (CeChartModel    *self);

/* Values; NaN means no data */
void            ce_chart_model_set_value              (CeChartModel    *self,
                                                       guint            series,
                                                       guint            category,
                                                       double           value);
double          ce_chart_model_get_value              (CeChartModel    *self,
                                                       guint            series,
                                                       guint            category);
double          ce_chart_model_get_category_total     (CeChartModel    *self,
                                                       guint            category);

/* Dispersion rows (documents) */
guint           ce_chart_model_add_document           (CeChartModel    *self,
                                                       const char      *label,
                                                       double           length);
guint           ce_chart_model_get_n_documents        (CeChartModel    *self);
const char     *ce_chart_model_get_document_label     (CeChartModel    *self,
                                                       guint            row);
double          ce_chart_model_get_document_length    (CeChartModel    *self,
                                                       guint            row);
void            ce_chart_model_add_mention            (CeChartModel    *self,
                                                       guint            row,
                                                       guint            series,
                                                       double           position);
const double   *ce_chart_model_get_mentions           (CeChartModel    *self,
                                                       guint            row,
                                                       guint            series,
                                                       guint           *n_positions);

G_END_DECLS
