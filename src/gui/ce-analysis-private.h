/* ce-analysis-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the views of the Analysis page share: the rows of their tables,
 * the tables, the states shown instead of results, progress from a
 * worker, and the widgets of their tool bars.
 */

#pragma once

#include <adwaita.h>

#include "ce-analysis-schedule.h"
#include "ce-analysis-view.h"
#include "ce-chart-widget.h"
#include "ce-plot.h"
#include "ce-session.h"
#include "ce-topic.h"

G_BEGIN_DECLS

/* Typing in a spin button settles before the work starts again */
#define _CE_ANALYSIS_DELAY_MS 250

/* Progress of a worker, read by the main thread now and then */
typedef struct
{
  gatomicrefcount ref;
  gint            done;
  gint            total;
} CeAnalysisProgress;

CeAnalysisProgress *_ce_analysis_progress_new   (void);
CeAnalysisProgress *_ce_analysis_progress_ref   (CeAnalysisProgress *progress);
void                _ce_analysis_progress_unref (CeAnalysisProgress *progress);
/* A CeProgressFunc; @user_data is the CeAnalysisProgress */
void                _ce_analysis_progress_cb    (guint               done,
                                                 guint               total,
                                                 gpointer            user_data);

/* What a view shows below its tool bar: a state or the results */
typedef struct
{
  GtkStack           *stack;
  AdwStatusPage      *empty_page;
  AdwStatusPage      *none_page;
  AdwStatusPage      *error_page;
  GtkProgressBar     *progress_bar;
  CeAnalysisProgress *progress;
  guint               progress_source;
} CeAnalysisStatus;

GtkWidget *_ce_analysis_status_init     (CeAnalysisStatus   *status,
                                         GtkWidget          *results,
                                         const char         *icon_name,
                                         const char         *empty_title,
                                         const char         *empty_description);
void       _ce_analysis_status_clear    (CeAnalysisStatus   *status);
void       _ce_analysis_status_empty    (CeAnalysisStatus   *status,
                                         const char         *description);
void       _ce_analysis_status_busy     (CeAnalysisStatus   *status,
                                         CeAnalysisProgress *progress);
void       _ce_analysis_status_error    (CeAnalysisStatus   *status,
                                         const char         *message);
void       _ce_analysis_status_none     (CeAnalysisStatus   *status,
                                         const char         *title,
                                         const char         *description);
void       _ce_analysis_status_results  (CeAnalysisStatus   *status);

/* What every view of the page holds: the session it follows and the
 * query it last took from it, its table and rows, its summary, the state
 * shown and the work scheduled */
typedef struct
{
  CeSession          *session;
  CeQuery            *query;
  GListStore         *rows;
  GtkColumnView      *table;
  GtkLabel           *summary_label;
  CeAnalysisStatus    status;
  CeAnalysisSchedule  schedule;
} CeAnalysisPart;

/* Follows @session with @watch and forgets the query taken before */
void       _ce_analysis_part_set_session (CeAnalysisPart       *part,
                                          GtkWidget            *view,
                                          CeSession            *session,
                                          const CeSessionWatch *watch);
/* Runs @func in a thread on @part's session, its progress shown, in
 * place of the work before; @done gets a reference to @view */
void       _ce_analysis_part_run         (CeAnalysisPart       *part,
                                          GtkWidget            *view,
                                          CeSessionFunc         func,
                                          gpointer              data,
                                          GDestroyNotify        data_destroy,
                                          GDestroyNotify        result_destroy,
                                          CeAnalysisProgress   *progress,
                                          GAsyncReadyCallback   done);
/* Stops the work, drops the children of @view and what @part holds */
void       _ce_analysis_part_dispose     (CeAnalysisPart       *part,
                                          GtkWidget            *view);

/* Tables: a column view over a GListStore of CeAnalysisRow, sorted by
 * the column headers */
GtkColumnView *_ce_analysis_table_new       (GListStore    *rows,
                                             const char    *label,
                                             GtkWidget    **scrolled);
void           _ce_analysis_table_add_text  (GtkColumnView *view,
                                             const char    *title,
                                             guint          which,
                                             gboolean       expand);
void           _ce_analysis_table_add_number (GtkColumnView *view,
                                              const char    *title,
                                              guint          index,
                                              guint          digits);
void           _ce_analysis_table_sort_by   (GtkColumnView *view,
                                             guint          column,
                                             GtkSortType    order);
CeAnalysisRow *_ce_analysis_table_get_selected (GtkColumnView *view);

/* The tool bars */
GtkWidget *_ce_analysis_toolbar_new (void);
GtkWidget *_ce_analysis_toolbar_wrap (GtkWidget *toolbar);
GtkWidget *_ce_analysis_add_labeled (GtkWidget  *box,
                                     const char *mnemonic,
                                     GtkWidget  *control);
GtkWidget *_ce_analysis_spin_new    (const char *name,
                                     int         min,
                                     int         max,
                                     int         value);
GtkWidget *_ce_analysis_drop_down_new (const char         *name,
                                       const char * const *items);
GtkWidget *_ce_analysis_drop_down_new_translated (const char         *name,
                                                  const char * const *items);
GtkWidget *_ce_analysis_add_check   (GtkWidget  *toolbar,
                                     const char *mnemonic,
                                     const char *name,
                                     const char *tooltip);
GtkLabel  *_ce_analysis_add_summary (GtkWidget  *toolbar);
GtkWidget *_ce_analysis_add_export_button (GtkWidget  *toolbar,
                                           const char *mnemonic,
                                           const char *name,
                                           GCallback   clicked,
                                           gpointer    view);
void       _ce_analysis_toolbar_attach (GtkWidget *view,
                                        GtkWidget *toolbar);
GtkWidget *_ce_analysis_paned_new   (GtkWidget  *start,
                                     GtkWidget  *end);
void       _ce_analysis_export_plot (GtkWidget  *view,
                                     CePlot     *plot);
void       _ce_analysis_follow_stopwords (GtkWidget          *check,
                                          CeAnalysisSchedule *schedule);
gboolean   _ce_analysis_take_query  (CeQuery   **query,
                                     CeSession  *session);
GtkWidget *_ce_analysis_topic_drop_down_new (const char *name,
                                             const char *first);
void       _ce_analysis_list_topics (GtkDropDown *dropdown,
                                     CeSession   *session,
                                     GPtrArray   *topics);
CeTopic   *_ce_analysis_selected_topic (GtkDropDown *dropdown,
                                        GPtrArray   *topics);

/* Loads the stop words in a worker: the user's list, else the shipped one */
GHashTable *_ce_analysis_load_stopwords (GError **error);

/* The views of the page */
#define CE_TYPE_ANALYSIS_KEYWORDS (ce_analysis_keywords_get_type ())
G_DECLARE_FINAL_TYPE (CeAnalysisKeywords, ce_analysis_keywords, CE, ANALYSIS_KEYWORDS, GtkWidget)
#define CE_TYPE_ANALYSIS_COLLOCATES (ce_analysis_collocates_get_type ())
G_DECLARE_FINAL_TYPE (CeAnalysisCollocates, ce_analysis_collocates, CE, ANALYSIS_COLLOCATES, GtkWidget)
#define CE_TYPE_ANALYSIS_NGRAMS (ce_analysis_ngrams_get_type ())
G_DECLARE_FINAL_TYPE (CeAnalysisNgrams, ce_analysis_ngrams, CE, ANALYSIS_NGRAMS, GtkWidget)
#define CE_TYPE_ANALYSIS_COOCCURRENCE (ce_analysis_cooccurrence_get_type ())
G_DECLARE_FINAL_TYPE (CeAnalysisCooccurrence, ce_analysis_cooccurrence, CE, ANALYSIS_COOCCURRENCE, GtkWidget)

void           _ce_analysis_keywords_set_session     (CeAnalysisKeywords     *self,
                                                      CeSession              *session);
void           _ce_analysis_keywords_set_target      (CeAnalysisKeywords     *self,
                                                      GArray                 *ids,
                                                      const char             *label);
gboolean       _ce_analysis_keywords_is_busy         (CeAnalysisKeywords     *self);
GtkColumnView *_ce_analysis_keywords_get_table       (CeAnalysisKeywords     *self);
CeChartWidget *_ce_analysis_keywords_get_chart       (CeAnalysisKeywords     *self);

void           _ce_analysis_collocates_set_session   (CeAnalysisCollocates   *self,
                                                      CeSession              *session);
gboolean       _ce_analysis_collocates_is_busy       (CeAnalysisCollocates   *self);
GtkColumnView *_ce_analysis_collocates_get_table     (CeAnalysisCollocates   *self);

void           _ce_analysis_ngrams_set_session       (CeAnalysisNgrams       *self,
                                                      CeSession              *session);
gboolean       _ce_analysis_ngrams_is_busy           (CeAnalysisNgrams       *self);
GtkColumnView *_ce_analysis_ngrams_get_table         (CeAnalysisNgrams       *self);

void           _ce_analysis_cooccurrence_set_session (CeAnalysisCooccurrence *self,
                                                      CeSession              *session);
gboolean       _ce_analysis_cooccurrence_is_busy     (CeAnalysisCooccurrence *self);
GtkColumnView *_ce_analysis_cooccurrence_get_table   (CeAnalysisCooccurrence *self);
CeChartWidget *_ce_analysis_cooccurrence_get_chart   (CeAnalysisCooccurrence *self);

G_END_DECLS

G_BEGIN_DECLS

/* What a view asks of the window, through the page it is on */
void _ce_analysis_view_request_search    (GtkWidget  *child,
                                          const char *text,
                                          gboolean    within);
void _ce_analysis_view_request_contexts  (GtkWidget  *child,
                                          CeTopic    *topic,
                                          const char *word);
void _ce_analysis_view_request_documents (GtkWidget  *child,
                                          GArray     *ids,
                                          const char *label);
void _ce_analysis_view_message           (GtkWidget  *child,
                                          const char *message);

G_END_DECLS
