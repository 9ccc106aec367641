/* ce-document-list-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ce-document-list.h"

G_BEGIN_DECLS

/* Sort names of the topics in the sort menu: this and the topic name */
#define TOPIC_SORT_PREFIX "topic:"

/* GTK 4.8 cannot tell which column a GtkColumnView sorts by (that API
 * came in 4.10), and a GtkSortListModel would build every item of a
 * large corpus.  So each column gets a GtkCustomSorter that only ever
 * compares two private probe objects: comparing the probes with the
 * column view's sorter calls the primary column's sorter first, which
 * records itself, and the sign of the answer gives the direction.  The
 * model then sorts in SQL, or by the mentions of a topic. */
typedef struct
{
  struct _CeDocumentList *self;
  CeDocumentOrder         order;
  char                   *topic;   /* the topic of a mentions column */
} ColumnSort;

/* A column with the mentions of an enabled topic in each document */
typedef struct
{
  struct _CeDocumentList *self;
  char                   *name;
  GdkRGBA                 color;
  GtkColumnViewColumn    *column;
  GtkListItemFactory     *factory;
  GHashTable             *cells;   /* GtkListItem bound */
} TopicColumn;

enum {
  COLUMN_TITLE,
  COLUMN_PLACE,
  COLUMN_DATE,
  COLUMN_SOURCE,
  COLUMN_WORDS,
  N_COLUMNS
};

struct _CeDocumentList
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget           *content;
  GtkRevealer         *results_revealer;
  GtkFlowBox          *chips_box;
  GtkLabel            *results_label;
  GtkSpinner          *spinner;
  GtkMenuButton       *sort_button;
  GtkImage            *sort_image;
  GtkLabel            *sort_label;
  GtkStack            *stack;
  AdwStatusPage       *no_results_page;
  GtkScrolledWindow   *scroller;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *title_column;
  GtkColumnViewColumn *place_column;
  GtkColumnViewColumn *date_column;
  GtkColumnViewColumn *source_column;
  GtkColumnViewColumn *words_column;

  /* Owned references */
  CeDocumentListModel *model;
  GtkMultiSelection   *selection;
  GObject             *probe_a;
  GObject             *probe_b;
  GtkColumnViewColumn *column_widgets[N_COLUMNS];
  ColumnSort           sorts[N_COLUMNS];
  GHashTable          *title_cells;   /* GtkListItem bound in the title column */
  GPtrArray           *topic_columns; /* TopicColumn, in the topics' order */
  GMenu               *sort_menu;
  GMenu               *ranked_sort_menu;
  GMenu               *topics_sort_menu;
  GArray              *kept_ids;      /* selected while the rows are replaced */
  GtkBitset           *filled;        /* selected while placeholders fill in */

  const ColumnSort    *probed;
  guint                narrow_source;
  guint                probing : 1;
  guint                compact : 1;
  guint                refocus : 1;
  guint                narrow : 1;
  guint                syncing_header : 1;
};

/* ce-document-list.c */
void         _ce_document_list_emit_document_selected (CeDocumentList *self,
                                                       CeDocument     *document);
GtkListView *_ce_document_list_find_list_view         (CeDocumentList *self);
void         _ce_document_list_update_page            (CeDocumentList *self);
TopicColumn *_ce_document_list_find_topic_column      (CeDocumentList *self,
                                                       const char     *name);
void         _ce_document_list_notify_sort            (CeDocumentList *self);
void         _ce_document_list_update_results         (CeDocumentList *self);

/* ce-document-list-sort.c */
char        *_ce_document_list_current_sort           (CeDocumentList  *self);
void         _ce_document_list_update_sort            (CeDocumentList  *self);
void         _ce_document_list_set_sort               (CeDocumentList  *self,
                                                       const char      *name);
void         _ce_document_list_set_descending         (CeDocumentList  *self,
                                                       gboolean         descending);
GtkOrdering  _ce_document_list_probe_sort_cb          (gconstpointer    a,
                                                       gconstpointer    b,
                                                       gpointer         user_data);
void         _ce_document_list_on_sorter_changed_cb   (CeDocumentList  *self,
                                                       GtkSorterChange  change,
                                                       GtkSorter       *sorter);
void         _ce_document_list_build_sort_menus       (CeDocumentList  *self);

/* ce-document-list-topics.c */
void _ce_document_list_topic_column_free     (gpointer             data);
void _ce_document_list_on_counts_changed_cb  (CeDocumentList      *self,
                                              const char          *topic,
                                              CeDocumentListModel *model);
void _ce_document_list_decorate_topic_header (CeDocumentList      *self,
                                              TopicColumn         *topic_column);
int  _ce_document_list_topic_column_width    (CeDocumentList      *self,
                                              const char          *name);

/* ce-document-list-selection.c */
void _ce_document_list_on_rows_replacing_cb    (CeDocumentList      *self,
                                                CeDocumentListModel *model);
void _ce_document_list_on_rows_filling_cb (CeDocumentList      *self,
                                           guint                position,
                                           guint                n_rows,
                                           CeDocumentListModel *model);
void _ce_document_list_detach_view_cb          (CeDocumentList      *self,
                                                CeDocumentListModel *model);
void _ce_document_list_on_items_changed_cb     (CeDocumentList      *self,
                                                guint                position,
                                                guint                removed,
                                                guint                added,
                                                GListModel          *model);
void _ce_document_list_on_selection_changed_cb (CeDocumentList      *self,
                                                guint                position,
                                                guint                n_items,
                                                GtkSelectionModel   *selection);

/* ce-document-list-chips.c */
void _ce_document_list_update_chips (CeDocumentList *self);

G_END_DECLS
