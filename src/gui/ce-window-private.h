/* ce-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ce-analysis-view.h"
#include "ce-contexts-view.h"
#include "ce-chart-view.h"
#include "ce-document-list.h"
#include "ce-facets-pane.h"
#include "ce-grouping-bar.h"
#include "ce-read-only-banner.h"
#include "ce-import-dialog.h"
#include "ce-importer.h"
#include "ce-gui-private.h"
#include "ce-query.h"
#include "ce-reader-view.h"
#include "ce-session.h"
#include "ce-topics-panel.h"
#include "ce-topic.h"
#include "ce-window.h"

G_BEGIN_DECLS

struct _CeWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwHeaderBar         *header_bar;
  GtkButton            *back_button;
  GtkButton            *import_button;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkMenuButton        *menu_button;
  GtkToggleButton      *search_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *opening_page;
  GtkWidget            *recent_box;
  GtkListBox           *recent_list;
  AdwViewStack         *view_stack;
  AdwLeaflet           *leaflet;
  CeDocumentList       *document_list;
  CeReaderView         *reader;
  GMenu                *recent_menu;
  CeTopicsPanel        *topics_panel;
  CeContextsView       *contexts_view;
  CeAnalysisView       *analysis_view;
  CeChartView          *chart_view;
  GtkRevealer          *chart_filter_revealer;
  GtkLabel             *chart_filter_label;
  GtkToggleButton      *filters_button;
  AdwFlap              *facets_flap;
  CeFacetsPane         *facets_pane;
  GtkMenuButton        *query_help_button;
  GtkRevealer          *search_error_revealer;
  GtkLabel             *search_error_label;
  CeGroupingBar        *grouping_bar;
  CeReadOnlyBanner     *read_only_banner;

  /* Owned references */
  GSettings            *settings;
  CeSession            *session;
  GtkFileChooserNative *chooser;
  GCancellable         *quoted_cancellable;
  GCancellable         *open_cancellable;   /* the corpus being opened */
  GTask                *open_task;
  GArray               *shown_ids;    /* the documents a chart's bar or a pair of topics lists */
  char                 *shown_label;
  guint                 compact_source;
  guint                 switcher_source;
  guint                 has_quoted : 1;     /* the corpus has quoted mail text */
  guint                 count_quoted : 1;   /* and counts it */
  guint                 select_first : 1;   /* the first rows of a corpus just opened */
};

/* ce-window.c */
void _ce_window_show_error      (CeWindow     *self,
                                 const char   *heading,
                                 const GError *error);
void _ce_window_update_subtitle (CeWindow     *self);
gboolean _ce_window_has_corpus  (CeWindow     *self);
void _ce_window_show_corpus     (CeWindow     *self);

/* ce-window-open.c */
void _ce_window_cancel_open     (CeWindow     *self);

/* ce-window-actions.c */
void      _ce_window_class_actions_init (GtkWidgetClass  *widget_class);
void      _ce_window_update_actions     (CeWindow        *self);
CeWindow *_ce_window_for_corpus         (CeWindow        *self);
void      _ce_window_open_files         (CeWindow        *self,
                                         GFile          **files,
                                         guint            n_files);

/* ce-window-search.c */
void _ce_window_class_search_init (GtkWidgetClass *widget_class);
void _ce_window_setup_search      (CeWindow       *self);
void _ce_window_on_search_mode_cb (CeWindow       *self,
                                   GParamSpec     *pspec,
                                   GtkSearchBar   *search_bar);

/* ce-window-pages.c */
void _ce_window_bind_page_callbacks (GtkWidgetClass *widget_class);

G_END_DECLS
