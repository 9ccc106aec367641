/* ce-chart-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ce-chart-model.h"
#include "ce-corpus.h"
#include "ce-counter.h"
#include "ce-plot.h"
#include "ce-query.h"
#include "ce-session.h"

G_BEGIN_DECLS

#define CE_TYPE_CHART_VIEW (ce_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (CeChartView, ce_chart_view, CE, CHART_VIEW, GtkWidget)

GtkWidget     *ce_chart_view_new              (void);
void           ce_chart_view_set_session      (CeChartView *self,
                                               CeSession   *session);
void           ce_chart_view_set_topics       (CeChartView *self,
                                               GPtrArray   *topics);
void           ce_chart_view_set_query        (CeChartView *self,
                                               CeQuery     *query);
gboolean       ce_chart_view_is_counting      (CeChartView *self);
CeChartModel  *ce_chart_view_get_model        (CeChartView *self);
CePlot        *ce_chart_view_get_plot         (CeChartView *self);
CeCountTable  *ce_chart_view_get_table        (CeChartView *self);
GtkWidget     *ce_chart_view_get_chart_widget (CeChartView *self);
void           ce_chart_view_export           (CeChartView *self);

G_END_DECLS
