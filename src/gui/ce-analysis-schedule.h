/* ce-analysis-schedule.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When a view that computes in a worker does its work again: after a
 * short delay, so that typing settles; only while it is shown, else it
 * is marked to be done when it is shown; and never twice at once, the
 * work started before being cancelled.
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Starts the work of @view (the widget given to init) */
typedef void (*CeAnalysisRefreshFunc) (gpointer view);

typedef struct
{
  GtkWidget             *widget;
  CeAnalysisRefreshFunc  refresh;
  guint                  delay_ms;
  GCancellable          *cancellable;
  guint                  source;
  gboolean               dirty;
} CeAnalysisSchedule;

void          _ce_analysis_schedule_init    (CeAnalysisSchedule    *schedule,
                                             GtkWidget             *widget,
                                             guint                  delay_ms,
                                             CeAnalysisRefreshFunc  refresh);
gboolean      _ce_analysis_schedule_start   (CeAnalysisSchedule    *schedule);
GCancellable *_ce_analysis_schedule_run     (CeAnalysisSchedule    *schedule);
gboolean      _ce_analysis_schedule_finish  (CeAnalysisSchedule    *schedule,
                                             const GError          *error);
void          _ce_analysis_schedule_queue   (CeAnalysisSchedule    *schedule);
void          _ce_analysis_schedule_mapped  (CeAnalysisSchedule    *schedule);
void          _ce_analysis_schedule_clear   (CeAnalysisSchedule    *schedule);
gboolean      _ce_analysis_schedule_is_busy (const CeAnalysisSchedule *schedule);

G_END_DECLS
