/* ce-analysis-schedule.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When the views of the Analysis page, and the Contexts page, compute
 * again: see ce-analysis-schedule.h.
 */

#define G_LOG_DOMAIN "ce-analysis"

#include "config.h"

#include "ce-analysis-schedule.h"

static void
schedule_map_cb (CeAnalysisSchedule *schedule)
{
  _ce_analysis_schedule_mapped (schedule);
}

/**
 * _ce_analysis_schedule_init:
 * @widget: the view; @schedule lives in its instance
 * @delay_ms: how long _ce_analysis_schedule_queue() waits
 * @refresh: what starts the work; it begins with _ce_analysis_schedule_start()
 *
 * The work is done again whenever @widget is mapped while marked dirty.
 */
void
_ce_analysis_schedule_init (CeAnalysisSchedule    *schedule,
                            GtkWidget             *widget,
                            guint                  delay_ms,
                            CeAnalysisRefreshFunc  refresh)
{
  schedule->widget = widget;
  schedule->refresh = refresh;
  schedule->delay_ms = delay_ms;
  schedule->cancellable = NULL;
  schedule->source = 0;
  schedule->dirty = FALSE;

  /* After the class handler, so the widget is mapped by then */
  g_signal_connect_swapped (widget, "map", G_CALLBACK (schedule_map_cb), schedule);
}

/**
 * _ce_analysis_schedule_start:
 *
 * The opening of a refresh: drops a pending refresh and cancels the
 * work under way.
 *
 * Returns: %FALSE when the view is not shown: the work is then marked
 *   to be done when it is, and the refresh must stop here
 */
gboolean
_ce_analysis_schedule_start (CeAnalysisSchedule *schedule)
{
  g_clear_handle_id (&schedule->source, g_source_remove);
  g_cancellable_cancel (schedule->cancellable);
  g_clear_object (&schedule->cancellable);

  if (!gtk_widget_get_mapped (schedule->widget))
    {
      schedule->dirty = TRUE;
      return FALSE;
    }
  schedule->dirty = FALSE;

  return TRUE;
}

/* The cancellable of the work about to start; @schedule keeps it */
GCancellable *
_ce_analysis_schedule_run (CeAnalysisSchedule *schedule)
{
  g_cancellable_cancel (schedule->cancellable);
  g_clear_object (&schedule->cancellable);
  schedule->cancellable = g_cancellable_new ();

  return schedule->cancellable;
}

/**
 * _ce_analysis_schedule_finish:
 * @error: the error the work ended with, or %NULL
 *
 * Called when the work ends, with or without results.  The view must
 * not touch what it shows when this returns %FALSE (the work was
 * cancelled, and @schedule may belong to a view being disposed).
 */
gboolean
_ce_analysis_schedule_finish (CeAnalysisSchedule *schedule,
                              const GError       *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;

  g_clear_object (&schedule->cancellable);

  return TRUE;
}

static void
schedule_timeout_cb (gpointer data)
{
  CeAnalysisSchedule *schedule = data;

  schedule->source = 0;
  schedule->refresh (schedule->widget);
}

/* Refreshes after a short delay if the view is shown, else when it is */
void
_ce_analysis_schedule_queue (CeAnalysisSchedule *schedule)
{
  g_clear_handle_id (&schedule->source, g_source_remove);
  g_cancellable_cancel (schedule->cancellable);
  g_clear_object (&schedule->cancellable);

  if (!gtk_widget_get_mapped (schedule->widget))
    {
      schedule->dirty = TRUE;
      return;
    }

  schedule->source = g_timeout_add_once (schedule->delay_ms, schedule_timeout_cb, schedule);
}

/* Refreshes now if the work was asked for while the view was hidden */
void
_ce_analysis_schedule_mapped (CeAnalysisSchedule *schedule)
{
  if (schedule->dirty && gtk_widget_get_mapped (schedule->widget))
    schedule->refresh (schedule->widget);
}

/* For dispose: stops everything */
void
_ce_analysis_schedule_clear (CeAnalysisSchedule *schedule)
{
  g_clear_handle_id (&schedule->source, g_source_remove);
  g_cancellable_cancel (schedule->cancellable);
  g_clear_object (&schedule->cancellable);
}

/* Whether work is under way, waiting, or waiting for the view to be shown */
gboolean
_ce_analysis_schedule_is_busy (const CeAnalysisSchedule *schedule)
{
  return schedule->cancellable != NULL || schedule->source != 0 || schedule->dirty;
}
