/* ce-analysis-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ce-session.h"

G_BEGIN_DECLS

/* A row of the Analysis page's tables: a word, an n-gram or a pair of
 * topics, and its numbers */
#define CE_ANALYSIS_MAX_VALUES 8

#define CE_TYPE_ANALYSIS_ROW (ce_analysis_row_get_type ())
G_DECLARE_FINAL_TYPE (CeAnalysisRow, ce_analysis_row, CE, ANALYSIS_ROW, GObject)

CeAnalysisRow *ce_analysis_row_new       (const char     *text,
                                          const char     *text2);
const char    *ce_analysis_row_get_text  (CeAnalysisRow  *self,
                                          guint           which);
double         ce_analysis_row_get_value (CeAnalysisRow  *self,
                                          guint           index);
void           ce_analysis_row_set_value (CeAnalysisRow  *self,
                                          guint           index,
                                          double          value);
gpointer       ce_analysis_row_get_data  (CeAnalysisRow  *self);
void           ce_analysis_row_set_data  (CeAnalysisRow  *self,
                                          gpointer        data,
                                          GDestroyNotify  destroy);

#define CE_TYPE_ANALYSIS_VIEW (ce_analysis_view_get_type ())
G_DECLARE_FINAL_TYPE (CeAnalysisView, ce_analysis_view, CE, ANALYSIS_VIEW, GtkWidget)

GtkWidget     *ce_analysis_view_new          (void);
void           ce_analysis_view_set_session  (CeAnalysisView *self,
                                              CeSession      *session);
/* "keywords", "collocates", "ngrams" or "cooccurrence" */
void           ce_analysis_view_show         (CeAnalysisView *self,
                                              const char     *name);
void           ce_analysis_view_show_keywords_for (CeAnalysisView *self,
                                                   GArray         *ids,
                                                   const char     *label);
const char    *ce_analysis_view_get_shown    (CeAnalysisView *self);
gboolean       ce_analysis_view_is_busy      (CeAnalysisView *self,
                                              const char     *name);
GtkColumnView *ce_analysis_view_get_table    (CeAnalysisView *self,
                                              const char     *name);
GtkWidget     *ce_analysis_view_get_chart    (CeAnalysisView *self,
                                              const char     *name);

G_END_DECLS
