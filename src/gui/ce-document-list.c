/* ce-document-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-document-list"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ce-document-list-private.h"
#include "ce-gui-private.h"

/* Natural width of the list beside the reader */
#define NATURAL_WIDTH 580
/* As in ce-document-list.ui */
#define PLACE_WIDTH 120
#define SOURCE_WIDTH 120
/* Narrower than this (beside the reader and the filters), the list
 * keeps room for titles by leaving out place and source */
#define NARROW_WIDTH 620

G_DEFINE_FINAL_TYPE (CeDocumentList, ce_document_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SORT,
  PROP_DESCENDING,
  N_PROPS
};

enum {
  DOCUMENT_SELECTED,
  DOCUMENT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Cells are built in code: a row window is set up anew for each
 * result set, and parsing a template per cell would cost more than the
 * search. */
static const struct {
  CeDocumentOrder  order;
  float            xalign;
  gboolean         ellipsize;
  const char      *css_class;
} columns[N_COLUMNS] = {
  { CE_DOCUMENT_ORDER_TITLE, 0, TRUE, NULL },
  { CE_DOCUMENT_ORDER_PLACE, 0, TRUE, NULL },
  { CE_DOCUMENT_ORDER_DATE, 0, FALSE, "numeric" },
  { CE_DOCUMENT_ORDER_SOURCE, 0, TRUE, NULL },
  { CE_DOCUMENT_ORDER_WORDS, 1, FALSE, "numeric" },
};

void
_ce_document_list_emit_document_selected (CeDocumentList *self,
                                          CeDocument     *document)
{
  g_signal_emit (self, signals[DOCUMENT_SELECTED], 0, document);
}

GtkListView *
_ce_document_list_find_list_view (CeDocumentList *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return GTK_LIST_VIEW (child);

  return NULL;
}

void
_ce_document_list_update_page (CeDocumentList *self)
{
  const char *page = "list";

  /* While the rows are listed, the list stays rather than saying there
   * are none */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0 &&
      ce_document_list_model_has_corpus (self->model) &&
      !ce_document_list_model_is_loading (self->model))
    page = ce_document_list_model_get_query (self->model) != NULL ? "no-results" : "no-documents";

  adw_status_page_set_description (self->no_results_page,
                                   ce_document_list_model_get_n_filters (self->model) > 0
                                   ? _("No document matches the search and the filters. Remove a filter or try other words.")
                                   : _("No document matches the search. Try other words."));

  gtk_stack_set_visible_child_name (self->stack, page);
}

TopicColumn *
_ce_document_list_find_topic_column (CeDocumentList *self,
                                     const char     *name)
{
  for (guint i = 0; name != NULL && i < self->topic_columns->len; i++)
    {
      TopicColumn *topic_column = g_ptr_array_index (self->topic_columns, i);

      if (g_str_equal (topic_column->name, name))
        return topic_column;
    }

  return NULL;
}

void
_ce_document_list_notify_sort (CeDocumentList *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCENDING]);
}

void
_ce_document_list_update_results (CeDocumentList *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *text = NULL;

  /* Translators: above the list while searching */
  text = g_strdup_printf (ngettext ("%'u document found", "%'u documents found", n_items), n_items);
  gtk_label_set_label (self->results_label, text);
}

static void
update_title_cell (CeDocumentList *self,
                   GtkListItem    *list_item)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *snippet_label = gtk_widget_get_last_child (box);
  guint position = gtk_list_item_get_position (list_item);
  const char *snippet = ce_document_list_model_get_snippet (self->model, position);

  /* The line stays while its snippet loads, so rows do not jump */
  if (ce_document_list_model_has_snippets (self->model))
    {
      gtk_label_set_markup (GTK_LABEL (snippet_label), snippet != NULL ? snippet : "");
      gtk_widget_set_visible (snippet_label, TRUE);
    }
  else
    {
      gtk_label_set_label (GTK_LABEL (snippet_label), "");
      gtk_widget_set_visible (snippet_label, FALSE);
    }
}

/* Cut text shows in full in a tooltip.  It is looked up on demand:
 * setting a tooltip on every cell of a new row window costs more than
 * binding the rows. */
static gboolean
on_cell_query_tooltip_cb (GtkWidget  *label,
                          int         x,
                          int         y,
                          gboolean    keyboard,
                          GtkTooltip *tooltip,
                          gpointer    user_data)
{
  const char *text = gtk_label_get_text (GTK_LABEL (label));

  if (text == NULL || *text == 0 || !pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))))
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), columns[column].xalign);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (columns[column].ellipsize)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect (label, "query-tooltip", G_CALLBACK (on_cell_query_tooltip_cb), NULL);
    }
  if (columns[column].css_class != NULL)
    gtk_widget_add_css_class (label, columns[column].css_class);
  if (column == COLUMN_WORDS)
    gtk_widget_add_css_class (label, "dim-label");

  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  CeDocument *document = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  g_autofree char *words = NULL;
  g_autofree char *date = NULL;
  const char *text = NULL;

  switch (column)
    {
    case COLUMN_PLACE:
      text = ce_document_get_place (document);
      break;

    case COLUMN_DATE:
      text = date = _ce_date_for_display (ce_document_get_date (document));
      break;

    case COLUMN_SOURCE:
      text = ce_document_get_source (document);
      break;

    case COLUMN_WORDS:
      /* %'u groups thousands the way the locale does */
      text = words = g_strdup_printf ("%'u", ce_document_get_words (document));
      break;

    default:
      break;
    }

  gtk_label_set_label (label, text);
}

static void
setup_title_cb (CeDocumentList           *self,
                GtkListItem              *list_item,
                GtkSignalListItemFactory *factory)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *badge = gtk_label_new (NULL);
  GtkWidget *snippet = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (title), TRUE);
  gtk_widget_set_has_tooltip (title, TRUE);
  g_signal_connect (title, "query-tooltip", G_CALLBACK (on_cell_query_tooltip_cb), NULL);

  gtk_label_set_xalign (GTK_LABEL (snippet), 0);
  gtk_label_set_ellipsize (GTK_LABEL (snippet), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (snippet), TRUE);
  gtk_widget_add_css_class (snippet, "snippet");
  gtk_widget_set_visible (snippet, FALSE);

  /* The size of the document's group of copies */
  gtk_widget_add_css_class (badge, "copies-badge");
  gtk_widget_add_css_class (badge, "numeric");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (badge, FALSE);

  gtk_box_append (GTK_BOX (line), title);
  gtk_box_append (GTK_BOX (line), badge);
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), snippet);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_title_cb (CeDocumentList           *self,
               GtkListItem              *list_item,
               GtkSignalListItemFactory *factory)
{
  CeDocument *document = gtk_list_item_get_item (list_item);
  GtkWidget *line = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));
  GtkWidget *title = gtk_widget_get_first_child (line);
  GtkWidget *badge = gtk_widget_get_last_child (line);
  guint copies = ce_document_get_copies (document);

  gtk_label_set_label (GTK_LABEL (title), ce_document_get_title (document));

  if (copies > 1)
    {
      g_autofree char *count = g_strdup_printf ("%'u", copies);
      g_autofree char *tooltip = NULL;

      /* Translators: the tooltip of the badge beside a title in the list */
      tooltip = g_strdup_printf (ngettext ("One of %'u copies of this story",
                                           "One of %'u copies of this story", copies),
                                 copies);
      gtk_label_set_label (GTK_LABEL (badge), count);
      gtk_widget_set_tooltip_text (badge, tooltip);
    }
  gtk_widget_set_visible (badge, copies > 1);

  g_hash_table_add (self->title_cells, list_item);
  update_title_cell (self, list_item);
}

static void
unbind_title_cb (CeDocumentList           *self,
                 GtkListItem              *list_item,
                 GtkSignalListItemFactory *factory)
{
  g_hash_table_remove (self->title_cells, list_item);
}

static void
on_snippets_changed_cb (CeDocumentList      *self,
                        CeDocumentListModel *model)
{
  GHashTableIter iter;
  gpointer list_item;

  g_hash_table_iter_init (&iter, self->title_cells);
  while (g_hash_table_iter_next (&iter, &list_item, NULL))
    update_title_cell (self, list_item);
}

static void
on_query_changed_cb (CeDocumentList      *self,
                     CeDocumentListModel *model)
{
  gboolean active = ce_document_list_model_get_query (model) != NULL;

  gtk_revealer_set_reveal_child (self->results_revealer, active);
  _ce_document_list_update_page (self);
  _ce_document_list_update_chips (self);
  _ce_document_list_update_sort (self);
}

static void
on_loading_cb (CeDocumentList      *self,
               GParamSpec          *pspec,
               CeDocumentListModel *model)
{
  gboolean loading = ce_document_list_model_is_loading (model);

  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  _ce_document_list_update_page (self);
}

static void
on_relevance_cb (CeDocumentList      *self,
                 GParamSpec          *pspec,
                 CeDocumentListModel *model)
{
  _ce_document_list_update_sort (self);
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

  gtk_widget_measure (self->content, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);

  /* The columns can shrink to a phone's width, but beside the reader
   * the list asks for room to show titles. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, NATURAL_WIDTH);
}

static void
update_columns (CeDocumentList *self)
{
  gboolean hide = self->compact || self->narrow;

  /* GTK 4.8 still counts hidden columns when it shares out the width,
   * so a hidden column is also made zero wide. */
  gtk_column_view_column_set_fixed_width (self->place_column, hide ? 0 : PLACE_WIDTH);
  gtk_column_view_column_set_fixed_width (self->source_column, hide ? 0 : SOURCE_WIDTH);
  gtk_column_view_column_set_visible (self->place_column, !hide);
  gtk_column_view_column_set_visible (self->source_column, !hide);

  /* A phone's width keeps room for titles: the counts are a click
   * away in the chart */
  for (guint i = 0; i < self->topic_columns->len; i++)
    {
      TopicColumn *topic_column = g_ptr_array_index (self->topic_columns, i);

      if (gtk_column_view_column_get_visible (topic_column->column) == !self->compact)
        continue;

      gtk_column_view_column_set_fixed_width (topic_column->column,
                                              self->compact ? 0 : _ce_document_list_topic_column_width (self, topic_column->name));
      gtk_column_view_column_set_visible (topic_column->column, !self->compact);
      /* A column shown again has a new title */
      if (!self->compact)
        _ce_document_list_decorate_topic_header (self, topic_column);
    }
}

static gboolean
apply_narrow_cb (gpointer user_data)
{
  CeDocumentList *self = user_data;

  self->narrow_source = 0;
  self->narrow = gtk_widget_get_width (GTK_WIDGET (self)) < NARROW_WIDTH;
  update_columns (self);

  return G_SOURCE_REMOVE;
}

static void
ce_document_list_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  CeDocumentList *self = (CeDocumentList *)widget;

  gtk_widget_allocate (self->content, width, height, baseline, NULL);

  /* Columns change before the next frame, not in the middle of this one */
  if ((width < NARROW_WIDTH) != self->narrow && self->narrow_source == 0)
    self->narrow_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_narrow_cb, self, NULL);
}

static void
ce_document_list_dispose (GObject *object)
{
  CeDocumentList *self = (CeDocumentList *)object;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  /* Columns leaving the view change its sorter */
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_func (gtk_column_view_get_sorter (self->column_view),
                                          _ce_document_list_on_sorter_changed_cb, self);
  g_clear_handle_id (&self->narrow_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), CE_TYPE_DOCUMENT_LIST);

  g_clear_pointer (&self->topic_columns, g_ptr_array_unref);
  g_clear_pointer (&self->title_cells, g_hash_table_unref);
  g_clear_pointer (&self->kept_ids, g_array_unref);
  g_clear_pointer (&self->filled, gtk_bitset_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);
  g_clear_object (&self->sort_menu);
  g_clear_object (&self->ranked_sort_menu);
  g_clear_object (&self->topics_sort_menu);

  G_OBJECT_CLASS (ce_document_list_parent_class)->dispose (object);
}

static void
ce_document_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CeDocumentList *self = CE_DOCUMENT_LIST (object);
  gboolean descending = FALSE;

  switch (prop_id)
    {
    case PROP_SORT:
      g_value_take_string (value, self->model != NULL ? _ce_document_list_current_sort (self) : g_strdup ("order"));
      break;

    case PROP_DESCENDING:
      if (self->model != NULL && ce_document_list_model_get_count_order (self->model, NULL) != NULL)
        ce_document_list_model_get_count_order (self->model, &descending);
      else if (self->model != NULL && !ce_document_list_model_get_ranked (self->model))
        ce_document_list_model_get_order (self->model, NULL, &descending);
      g_value_set_boolean (value, descending);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ce_document_list_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CeDocumentList *self = CE_DOCUMENT_LIST (object);

  switch (prop_id)
    {
    case PROP_SORT:
      _ce_document_list_set_sort (self, g_value_get_string (value));
      break;

    case PROP_DESCENDING:
      _ce_document_list_set_descending (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ce_document_list_class_init (CeDocumentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ce_document_list_dispose;
  object_class->get_property = ce_document_list_get_property;
  object_class->set_property = ce_document_list_set_property;

  /**
   * CeDocumentList:sort:
   *
   * How the rows are sorted: relevance, order, date, place, title,
   * source or words.  Relevance applies while searching for words.
   */
  properties[PROP_SORT] =
    g_param_spec_string ("sort", NULL, NULL, "order",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DESCENDING] =
    g_param_spec_boolean ("descending", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

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
  gtk_widget_class_bind_template_child (widget_class, CeDocumentList, content);
  gtk_widget_class_bind_template_child (widget_class, CeDocumentList, results_revealer);
  gtk_widget_class_bind_template_child (widget_class, CeDocumentList, chips_box);
  gtk_widget_class_bind_template_child (widget_class, CeDocumentList, results_label);
  gtk_widget_class_bind_template_child (widget_class, CeDocumentList, spinner);
  gtk_widget_class_bind_template_child (widget_class, CeDocumentList, sort_button);
  gtk_widget_class_bind_template_child (widget_class, CeDocumentList, sort_image);
  gtk_widget_class_bind_template_child (widget_class, CeDocumentList, sort_label);
  gtk_widget_class_bind_template_child (widget_class, CeDocumentList, stack);
  gtk_widget_class_bind_template_child (widget_class, CeDocumentList, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, CeDocumentList, scroller);
  gtk_widget_class_bind_template_child (widget_class, CeDocumentList, column_view);
  gtk_widget_class_bind_template_child (widget_class, CeDocumentList, title_column);
  gtk_widget_class_bind_template_child (widget_class, CeDocumentList, place_column);
  gtk_widget_class_bind_template_child (widget_class, CeDocumentList, date_column);
  gtk_widget_class_bind_template_child (widget_class, CeDocumentList, source_column);
  gtk_widget_class_bind_template_child (widget_class, CeDocumentList, words_column);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_cb);

  gtk_widget_class_install_property_action (widget_class, "list.sort", "sort");
  gtk_widget_class_install_property_action (widget_class, "list.descending", "descending");

  widget_class->measure = ce_document_list_measure;
  widget_class->size_allocate = ce_document_list_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "documentlist");

  g_type_ensure (CE_TYPE_DOCUMENT);
}

static void
ce_document_list_init (CeDocumentList *self)
{
  GtkColumnViewColumn **column_widgets = self->column_widgets;

  gtk_widget_init_template (GTK_WIDGET (self));

  column_widgets[COLUMN_TITLE] = self->title_column;
  column_widgets[COLUMN_PLACE] = self->place_column;
  column_widgets[COLUMN_DATE] = self->date_column;
  column_widgets[COLUMN_SOURCE] = self->source_column;
  column_widgets[COLUMN_WORDS] = self->words_column;

  self->title_cells = g_hash_table_new (NULL, NULL);
  self->topic_columns = g_ptr_array_new_with_free_func (_ce_document_list_topic_column_free);
  _ce_document_list_build_sort_menus (self);

  self->model = ce_document_list_model_new ();
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->model, "items-changed",
                           G_CALLBACK (_ce_document_list_on_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "rows-replacing",
                           G_CALLBACK (_ce_document_list_on_rows_replacing_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "rows-replacing",
                           G_CALLBACK (_ce_document_list_detach_view_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "rows-filling",
                           G_CALLBACK (_ce_document_list_on_rows_filling_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "query-changed",
                           G_CALLBACK (on_query_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "snippets-changed",
                           G_CALLBACK (on_snippets_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "counts-changed",
                           G_CALLBACK (_ce_document_list_on_counts_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::loading",
                           G_CALLBACK (on_loading_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::relevance",
                           G_CALLBACK (on_relevance_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (_ce_document_list_on_selection_changed_cb), self, G_CONNECT_SWAPPED);

  self->probe_a = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_b = g_object_new (G_TYPE_OBJECT, NULL);

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = NULL;
      g_autoptr(GtkSorter) sorter = NULL;

      /* Titles carry a snippet while searching, which arrives later */
      factory = gtk_signal_list_item_factory_new ();
      if (i == COLUMN_TITLE)
        {
          g_signal_connect_object (factory, "setup", G_CALLBACK (setup_title_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (factory, "bind", G_CALLBACK (bind_title_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_title_cb), self, G_CONNECT_SWAPPED);
        }
      else
        {
          g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (i));
          g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (i));
        }
      gtk_column_view_column_set_factory (column_widgets[i], factory);

      self->sorts[i].self = self;
      self->sorts[i].order = columns[i].order;
      sorter = GTK_SORTER (gtk_custom_sorter_new (_ce_document_list_probe_sort_cb, &self->sorts[i], NULL));
      gtk_column_view_column_set_sorter (column_widgets[i], sorter);
    }

  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (_ce_document_list_on_sorter_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  _ce_document_list_update_page (self);
  _ce_document_list_update_chips (self);
  _ce_document_list_update_sort (self);
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

  self->compact = !!compact;
  update_columns (self);
  gtk_column_view_set_single_click_activate (self->column_view, compact);
}
