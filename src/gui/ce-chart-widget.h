/* ce-chart-widget.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ce-plot.h"

G_BEGIN_DECLS

#define CE_TYPE_CHART_WIDGET (ce_chart_widget_get_type ())
G_DECLARE_FINAL_TYPE (CeChartWidget, ce_chart_widget, CE, CHART_WIDGET, GtkWidget)

/* Pango markup for the tooltip of a value, or %NULL for none */
typedef char *(*CeChartDescribeFunc) (CeChartWidget   *widget,
                                      const CePlotHit *hit,
                                      gpointer         user_data);

GtkWidget *ce_chart_widget_new       (void);
void       ce_chart_widget_set_plot  (CeChartWidget *self,
                                      CePlot        *plot);
const char *ce_chart_widget_get_description (CeChartWidget *self);
char      *ce_chart_widget_describe  (CeChartWidget *self,
                                      const CePlotHit *hit);
void       ce_chart_widget_set_describe_func (CeChartWidget       *self,
                                              CeChartDescribeFunc  func,
                                              gpointer             user_data,
                                              GDestroyNotify       destroy);
gboolean   ce_chart_widget_click     (CeChartWidget *self,
                                      double         x,
                                      double         y);

G_END_DECLS
