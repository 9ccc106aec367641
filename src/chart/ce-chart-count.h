/* ce-chart-count.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ce-chart-model.h"
#include "ce-counter.h"

G_BEGIN_DECLS

CeChartModel   *ce_chart_model_new_from_count_table (CeCountTable  *table,
                                                     const char    *title,
                                                     const char    *subtitle,
                                                     const char    *source_line);
GArray         *ce_chart_model_add_dispersion       (CeChartModel  *self,
                                                     CeCorpus      *corpus,
                                                     GPtrArray     *topics,
                                                     CeCountTable  *table,
                                                     guint          max_rows,
                                                     GError       **error);

char           *ce_chart_count_make_title           (CeCountTable  *table);
char           *ce_chart_count_make_subtitle        (CeCountTable  *table,
                                                     const char    *query);

CeChartMeasure  ce_chart_measure_from_count         (CeMeasure      measure);
const char     *ce_chart_group_by_title             (CeGroupBy      by);
gboolean        ce_chart_category_dates             (CeGroupBy      by,
                                                     const char    *key,
                                                     guint32       *start_julian,
                                                     guint32       *end_julian);

G_END_DECLS
