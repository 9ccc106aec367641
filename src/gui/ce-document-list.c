/* ce-document-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-document-list"

#include "config.h"

#include <glib/gi18n.h>

#include "ce-document-list.h"

/* Natural width of the list beside the reader */
#define NATURAL_WIDTH 580
/* As in ce-document-list.ui */
#define PLACE_WIDTH 120
#define SOURCE_WIDTH 120

/* GTK 4.8 cannot tell which column a GtkColumnView sorts by (that API
 * came in 4.10), and a GtkSortListModel would build every item of a
 * large corpus.  So each column gets a GtkCustomSorter that only ever
 * compares two private probe objects: comparing the probes with the
 * column view's sorter calls the primary column's sorter first, which
 * records itself, and the sign of the answer gives the direction.  The
 * model then sorts in SQL. */
typedef struct
{
  struct _CeDocumentList *self;
  CeDocumentOrder         order;
} ColumnSort;

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
  GtkStack            *stack;
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

  int                  probed_order;
  guint                probing : 1;
};

G_DEFINE_FINAL_TYPE (CeDocumentList, ce_document_list, GTK_TYPE_WIDGET)

enum {
  DOCUMENT_SELECTED,
  DOCUMENT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct {
  const char      *resource;
  CeDocumentOrder  order;
} columns[N_COLUMNS] = {
  { APPLICATION_PATH "/ce-document-cell-title.ui", CE_DOCUMENT_ORDER_TITLE },
  { APPLICATION_PATH "/ce-document-cell-place.ui", CE_DOCUMENT_ORDER_PLACE },
  { APPLICATION_PATH "/ce-document-cell-date.ui", CE_DOCUMENT_ORDER_DATE },
  { APPLICATION_PATH "/ce-document-cell-source.ui", CE_DOCUMENT_ORDER_SOURCE },
  { APPLICATION_PATH "/ce-document-cell-words.ui", CE_DOCUMENT_ORDER_WORDS },
};

static char *
ce_document_list_format_words (gpointer this_object,
                               guint    words)
{
  /* %'u groups thousands the way the locale does */
  return g_strdup_printf ("%'u", words);
}

static GtkListView *
find_list_view (CeDocumentList *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return GTK_LIST_VIEW (child);

  return NULL;
}

static void
update_page (CeDocumentList *self)
{
  const char *page = "list";

  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0 &&
      ce_document_list_model_get_corpus (self->model) != NULL)
    page = ce_document_list_model_get_search (self->model) != NULL ? "no-results" : "no-documents";

  gtk_stack_set_visible_child_name (self->stack, page);
}

static GtkOrdering
probe_sort_cb (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  ColumnSort *sort = user_data;
  CeDocumentList *self = sort->self;

  if (!self->probing || a == b)
    return GTK_ORDERING_EQUAL;

  if (self->probed_order < 0)
    self->probed_order = sort->order;

  return a == (gconstpointer)self->probe_a ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
}

static void
on_sorter_changed_cb (CeDocumentList *self,
                      GtkSorterChange change,
                      GtkSorter      *sorter)
{
  g_autoptr(GError) error = NULL;
  CeDocumentOrder order = CE_DOCUMENT_ORDER_POSITION;
  gboolean descending = FALSE;
  GtkOrdering result;
  gint64 selected_id = -1;
  guint selected;

  g_assert (CE_IS_DOCUMENT_LIST (self));

  self->probing = TRUE;
  self->probed_order = -1;
  result = gtk_sorter_compare (sorter, self->probe_a, self->probe_b);
  self->probing = FALSE;

  if (self->probed_order >= 0)
    {
      order = self->probed_order;
      descending = result == GTK_ORDERING_LARGER;
    }

  selected = ce_document_list_get_selected (self);
  if (selected != GTK_INVALID_LIST_POSITION)
    selected_id = ce_document_list_model_get_id (self->model, selected);

  if (!ce_document_list_model_set_order (self->model, order, descending, &error))
    {
      g_warning ("Could not sort the documents: %s", error->message);
      return;
    }

  /* The document being read stays selected and in view */
  if (selected_id >= 0)
    {
      guint position = ce_document_list_model_find (self->model, selected_id);

      if (position != GTK_INVALID_LIST_POSITION)
        ce_document_list_select (self, position);
    }
}

static void
on_items_changed_cb (CeDocumentList *self,
                     guint           position,
                     guint           removed,
                     guint           added,
                     GListModel     *model)
{
  update_page (self);
}

static void
on_selection_changed_cb (CeDocumentList    *self,
                         guint              position,
                         guint              n_items,
                         GtkSelectionModel *selection)
{
  g_autoptr(CeDocument) document = NULL;
  guint selected;


  /* With several rows selected the reader keeps what it shows */
  selected = ce_document_list_get_selected (self);
  if (selected != GTK_INVALID_LIST_POSITION)
    document = g_list_model_get_item (G_LIST_MODEL (self->model), selected);
  else if (!gtk_bitset_is_empty (gtk_selection_model_get_selection (selection)))
    return;

  g_signal_emit (self, signals[DOCUMENT_SELECTED], 0, document);
}

static void
on_activate_cb (CeDocumentList *self,
                guint           position,
                GtkColumnView  *column_view)
{
  g_autoptr(CeDocument) document = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (document != NULL)
    g_signal_emit (self, signals[DOCUMENT_ACTIVATED], 0, document);
}

static void
ce_document_list_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  CeDocumentList *self = (CeDocumentList *)widget;

  gtk_widget_measure (GTK_WIDGET (self->stack), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);

  /* The columns can shrink to a phone's width, but beside the reader
   * the list asks for room to show titles. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, NATURAL_WIDTH);
}

static void
ce_document_list_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  CeDocumentList *self = (CeDocumentList *)widget;

  gtk_widget_allocate (GTK_WIDGET (self->stack), width, height, baseline, NULL);
}

static void
ce_document_list_dispose (GObject *object)
{
  CeDocumentList *self = (CeDocumentList *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CE_TYPE_DOCUMENT_LIST);

  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);

  G_OBJECT_CLASS (ce_document_list_parent_class)->dispose (object);
}

static void
ce_document_list_class_init (CeDocumentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ce_document_list_dispose;

  /**
   * CeDocumentList::document-selected:
   * @document: (nullable): the one selected document, without its body
   *
   * Emitted when exactly one row or none is selected.
   */
  signals[DOCUMENT_SELECTED] =
    g_signal_new ("document-selected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CE_TYPE_DOCUMENT);

  /**
   * CeDocumentList::document-activated:
   * @document: the row activated (double click or Enter)
   */
  signals[DOCUMENT_ACTIVATED] =
    g_signal_new ("document-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CE_TYPE_DOCUMENT);

  gtk_widget_class_set_template_from_resource (widget_class, APPLICATION_PATH "/ce-document-list.ui");
  gtk_widget_class_bind_template_child (widget_class, CeDocumentList, stack);
  gtk_widget_class_bind_template_child (widget_class, CeDocumentList, scroller);
  gtk_widget_class_bind_template_child (widget_class, CeDocumentList, column_view);
  gtk_widget_class_bind_template_child (widget_class, CeDocumentList, title_column);
  gtk_widget_class_bind_template_child (widget_class, CeDocumentList, place_column);
  gtk_widget_class_bind_template_child (widget_class, CeDocumentList, date_column);
  gtk_widget_class_bind_template_child (widget_class, CeDocumentList, source_column);
  gtk_widget_class_bind_template_child (widget_class, CeDocumentList, words_column);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_cb);

  widget_class->measure = ce_document_list_measure;
  widget_class->size_allocate = ce_document_list_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "documentlist");

  g_type_ensure (CE_TYPE_DOCUMENT);
}

static void
ce_document_list_init (CeDocumentList *self)
{
  g_autoptr(GtkBuilderScope) scope = NULL;
  GtkColumnViewColumn **column_widgets = self->column_widgets;

  gtk_widget_init_template (GTK_WIDGET (self));

  column_widgets[COLUMN_TITLE] = self->title_column;
  column_widgets[COLUMN_PLACE] = self->place_column;
  column_widgets[COLUMN_DATE] = self->date_column;
  column_widgets[COLUMN_SOURCE] = self->source_column;
  column_widgets[COLUMN_WORDS] = self->words_column;

  self->model = ce_document_list_model_new ();
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->model, "items-changed",
                           G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);

  scope = gtk_builder_cscope_new ();
  gtk_builder_cscope_add_callback_symbol (GTK_BUILDER_CSCOPE (scope),
                                          "ce_document_list_format_words",
                                          G_CALLBACK (ce_document_list_format_words));

  self->probe_a = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_b = g_object_new (G_TYPE_OBJECT, NULL);

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = NULL;
      g_autoptr(GtkSorter) sorter = NULL;

      factory = gtk_builder_list_item_factory_new_from_resource (scope, columns[i].resource);
      gtk_column_view_column_set_factory (column_widgets[i], factory);

      self->sorts[i].self = self;
      self->sorts[i].order = columns[i].order;
      sorter = GTK_SORTER (gtk_custom_sorter_new (probe_sort_cb, &self->sorts[i], NULL));
      gtk_column_view_column_set_sorter (column_widgets[i], sorter);
    }

  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed_cb), self, G_CONNECT_SWAPPED);

  update_page (self);
}

GtkWidget *
ce_document_list_new (void)
{
  return g_object_new (CE_TYPE_DOCUMENT_LIST, NULL);
}

/**
 * ce_document_list_get_model:
 *
 * Returns: (transfer none): the rows shown
 */
CeDocumentListModel *
ce_document_list_get_model (CeDocumentList *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST (self), NULL);
  return self->model;
}

/**
 * ce_document_list_get_selection:
 *
 * Returns: (transfer none): the selection over the model
 */
GtkSelectionModel *
ce_document_list_get_selection (CeDocumentList *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST (self), NULL);
  return GTK_SELECTION_MODEL (self->selection);
}

/**
 * ce_document_list_get_selected:
 *
 * Returns: the position of the only selected row, or
 *   %GTK_INVALID_LIST_POSITION when none or several are selected
 */
guint
ce_document_list_get_selected (CeDocumentList *self)
{
  g_autoptr(GtkBitset) selected = NULL;

  g_return_val_if_fail (CE_IS_DOCUMENT_LIST (self), GTK_INVALID_LIST_POSITION);

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_get_size (selected) != 1)
    return GTK_INVALID_LIST_POSITION;

  return gtk_bitset_get_nth (selected, 0);
}

/**
 * ce_document_list_select:
 *
 * Selects only the row at @position and scrolls it into view.
 */
void
ce_document_list_select (CeDocumentList *self,
                         guint           position)
{
  GtkListView *list_view;

  g_return_if_fail (CE_IS_DOCUMENT_LIST (self));

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->model)))
    return;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);

  /* GTK 4.8 has no gtk_column_view_scroll_to(); its inner list view
   * has the action. */
  list_view = find_list_view (self);
  if (list_view != NULL)
    gtk_widget_activate_action (GTK_WIDGET (list_view), "list.scroll-to-item", "u", position);
}

/**
 * ce_document_list_focus:
 *
 * Puts the keyboard focus in the list, so arrows move through it.
 */
void
ce_document_list_focus (CeDocumentList *self)
{
  g_return_if_fail (CE_IS_DOCUMENT_LIST (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/**
 * ce_document_list_sort_by:
 *
 * Sorts as a click on a column header does, and shows it in the header.
 */
void
ce_document_list_sort_by (CeDocumentList  *self,
                          CeDocumentOrder  order,
                          gboolean         descending)
{
  GtkColumnViewColumn *column = NULL;

  g_return_if_fail (CE_IS_DOCUMENT_LIST (self));

  for (guint i = 0; i < N_COLUMNS; i++)
    if (columns[i].order == order)
      column = self->column_widgets[i];

  /* NULL clears the sort indicator and falls back to corpus order */
  gtk_column_view_sort_by_column (self->column_view, column,
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

/**
 * ce_document_list_set_compact:
 *
 * In a narrow window the list keeps the title, date and word columns,
 * and a tap on a row opens it.
 */
void
ce_document_list_set_compact (CeDocumentList *self,
                              gboolean        compact)
{
  g_return_if_fail (CE_IS_DOCUMENT_LIST (self));

  /* GTK 4.8 still counts hidden columns when it shares out the width,
   * so a hidden column is also made zero wide. */
  gtk_column_view_column_set_fixed_width (self->place_column, compact ? 0 : PLACE_WIDTH);
  gtk_column_view_column_set_fixed_width (self->source_column, compact ? 0 : SOURCE_WIDTH);
  gtk_column_view_column_set_visible (self->place_column, !compact);
  gtk_column_view_column_set_visible (self->source_column, !compact);
  gtk_column_view_set_single_click_activate (self->column_view, compact);
}
