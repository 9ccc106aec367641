/* ce-chart-view-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of the chart page share: the instance struct and the
 * _ce_chart_view_* functions.
 *
 *   ce-chart-view.c          callbacks, GObject glue, public API
 *   ce-chart-view-options.c  kind, grouping, measure, top N and order; their settings
 *   ce-chart-view-count.c    counting in a session worker, progress
 *   ce-chart-view-table.c    the table of numbers and copying it as CSV
 */

#pragma once

#include <adwaita.h>

#include "ce-chart-view.h"
#include "ce-chart-widget.h"

G_BEGIN_DECLS

struct _CeChartView
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkStack         *stack;
  AdwStatusPage    *empty_page;
  GtkDropDown      *kind_dropdown;
  GtkLabel         *grouping_label;
  GtkDropDown      *grouping_dropdown;
  GtkDropDown      *measure_dropdown;
  GtkLabel         *top_label;
  GtkSpinButton    *top_spin;
  GtkDropDown      *sort_dropdown;
  GtkToggleButton  *unique_button;
  GtkToggleButton  *table_button;
  GtkPaned         *paned;
  GtkStack         *chart_stack;
  CeChartWidget    *chart;
  AdwStatusPage    *error_page;
  GtkWidget        *table_box;
  GtkLabel         *table_title;
  GtkButton        *copy_button;
  AdwButtonContent *copy_content;
  GtkColumnView    *table;
  GtkWidget        *progress_box;
  GtkSpinner       *spinner;

  /* Owned references */
  GSettings        *settings;
  CeSession        *session;
  GPtrArray        *topics;          /* CeTopic, enabled, in order */
  char             *query_text;
  CePlot           *plot;
  CeCountTable     *count_table;     /* what the chart shows */
  GPtrArray        *counted_topics;  /* the topics of count_table */
  GPtrArray        *counting_topics; /* the topics of the count running */
  GArray           *rows;            /* document id of each dispersion row */
  GHashTable       *hidden;          /* names of topics hidden in the legend */
  GtkStringList    *table_rows;
  GCancellable     *cancellable;

  guint             recount_source;
  guint             progress_source;
  guint             copied_source;
  gboolean          loading;
  gboolean          counting;
};

/* ce-chart-view.c */
void       _ce_chart_view_emit_counted       (CeChartView *self);

/* ce-chart-view-options.c */
CePlotKind     _ce_chart_view_get_kind          (CeChartView *self);
CeGroupBy      _ce_chart_view_get_group_by      (CeChartView *self);
CeMeasure      _ce_chart_view_get_measure       (CeChartView *self);
CeCategorySort _ce_chart_view_get_sort          (CeChartView *self);
gboolean       _ce_chart_view_is_date_grouping  (CeGroupBy    by);
void           _ce_chart_view_update_sensitivity (CeChartView *self);
void           _ce_chart_view_save_settings     (CeChartView *self);
void           _ce_chart_view_set_natural_sort  (CeChartView *self);
void           _ce_chart_view_load_settings     (CeChartView *self);

/* ce-chart-view-count.c */
void       _ce_chart_view_stop_counting      (CeChartView *self);
void       _ce_chart_view_queue_recount      (CeChartView *self);

/* ce-chart-view-table.c */
void       _ce_chart_view_init_table         (CeChartView *self);
void       _ce_chart_view_update_table       (CeChartView *self);
void       _ce_chart_view_copy_csv           (CeChartView *self,
                                              GtkBitset   *only);

G_END_DECLS
