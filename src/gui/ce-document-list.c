/* ce-document-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-document-list"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ce-document-list.h"

/* Natural width of the list beside the reader */
#define NATURAL_WIDTH 580
/* As in ce-document-list.ui */
#define PLACE_WIDTH 120
#define SOURCE_WIDTH 120
/* Narrower than this (beside the reader and the filters), the list
 * keeps room for titles by leaving out place and source */
#define NARROW_WIDTH 620
/* Selected rows kept across a new result set, at most */
#define KEEP_SELECTED 1000

/* A topic column is wide enough for its name, within these bounds */
#define TOPIC_MIN_WIDTH 64
#define TOPIC_MAX_WIDTH 180
/* Room beside a topic's name: its colour, the sort arrow and padding */
#define TOPIC_EXTRA_WIDTH 48
#define SWATCH_SIZE 10
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

  const ColumnSort    *probed;
  guint                narrow_source;
  guint                probing : 1;
  guint                compact : 1;
  guint                refocus : 1;
  guint                narrow : 1;
  guint                syncing_header : 1;
};

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

/* The sorts of the sort menu; relevance only while searching for words */
static const struct {
  const char      *name;
  const char      *label;
  const char      *menu_label;
  CeDocumentOrder  order;
} sort_names[] = {
  { "relevance", N_("Relevance"), N_("_Relevance"), CE_DOCUMENT_ORDER_POSITION },
  { "order", N_("Corpus Order"), N_("_Corpus Order"), CE_DOCUMENT_ORDER_POSITION },
  { "date", N_("Date"), N_("_Date"), CE_DOCUMENT_ORDER_DATE },
  { "place", N_("Place"), N_("_Place"), CE_DOCUMENT_ORDER_PLACE },
  { "title", N_("Title"), N_("_Title"), CE_DOCUMENT_ORDER_TITLE },
  { "source", N_("Source"), N_("_Source"), CE_DOCUMENT_ORDER_SOURCE },
  { "words", N_("Length"), N_("_Length"), CE_DOCUMENT_ORDER_WORDS },
};

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
    page = ce_document_list_model_get_query (self->model) != NULL ? "no-results" : "no-documents";

  adw_status_page_set_description (self->no_results_page,
                                   ce_document_list_model_get_n_filters (self->model) > 0
                                   ? _("No document matches the search and the filters. Remove a filter or try other words.")
                                   : _("No document matches the search. Try other words."));

  gtk_stack_set_visible_child_name (self->stack, page);
}

static TopicColumn *
find_topic_column (CeDocumentList *self,
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

/* The name of the order, as the list.sort action knows it */
static char *
current_sort (CeDocumentList *self)
{
  const char *topic = ce_document_list_model_get_count_order (self->model, NULL);
  CeDocumentOrder order;

  if (topic != NULL)
    return g_strconcat (TOPIC_SORT_PREFIX, topic, NULL);

  if (ce_document_list_model_get_ranked (self->model))
    return g_strdup ("relevance");

  ce_document_list_model_get_order (self->model, &order, NULL);
  for (guint i = 1; i < G_N_ELEMENTS (sort_names); i++)
    {
      if (sort_names[i].order == order)
        return g_strdup (sort_names[i].name);
    }

  return g_strdup ("order");
}

/* Shows the model's order in the column headers and the sort button */
static void
update_sort (CeDocumentList *self)
{
  g_autofree char *name = current_sort (self);
  GtkColumnViewColumn *column = NULL;
  TopicColumn *topic_column;
  CeDocumentOrder order;
  const char *topic;
  gboolean descending;
  gboolean ranked;

  ce_document_list_model_get_order (self->model, &order, &descending);
  ranked = ce_document_list_model_get_ranked (self->model);
  topic = ce_document_list_model_get_count_order (self->model, NULL);

  if (topic != NULL)
    {
      ce_document_list_model_get_count_order (self->model, &descending);
      topic_column = find_topic_column (self, topic);
      if (topic_column != NULL)
        column = topic_column->column;
    }
  else if (!ranked)
    {
      for (guint i = 0; i < N_COLUMNS; i++)
        if (columns[i].order == order)
          column = self->column_widgets[i];
    }

  self->syncing_header = TRUE;
  gtk_column_view_sort_by_column (self->column_view, column,
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  self->syncing_header = FALSE;

  if (topic != NULL)
    gtk_label_set_label (self->sort_label, topic);
  for (guint i = 0; topic == NULL && i < G_N_ELEMENTS (sort_names); i++)
    {
      if (g_str_equal (sort_names[i].name, name))
        gtk_label_set_label (self->sort_label, _(sort_names[i].label));
    }
  gtk_image_set_from_icon_name (self->sort_image,
                                descending && !ranked ? "view-sort-descending-symbolic"
                                                      : "view-sort-ascending-symbolic");

  gtk_menu_button_set_menu_model (self->sort_button,
                                  ce_document_list_model_get_query (self->model) != NULL &&
                                  ce_query_get_fts (ce_document_list_model_get_query (self->model)) != NULL
                                  ? G_MENU_MODEL (self->ranked_sort_menu)
                                  : G_MENU_MODEL (self->sort_menu));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.descending", !ranked);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCENDING]);
}

static void
set_sort (CeDocumentList *self,
          const char     *name)
{
  g_autoptr(GError) error = NULL;
  CeDocumentOrder order;
  gboolean descending;

  ce_document_list_model_get_order (self->model, &order, &descending);

  if (g_strcmp0 (name, "relevance") == 0)
    {
      ce_document_list_model_set_relevance (self->model, TRUE);
    }
  else if (name != NULL && g_str_has_prefix (name, TOPIC_SORT_PREFIX))
    {
      const char *topic = name + strlen (TOPIC_SORT_PREFIX);

      /* From another order, the most mentions come first */
      if (g_strcmp0 (ce_document_list_model_get_count_order (self->model, NULL), topic) != 0)
        descending = TRUE;
      else
        ce_document_list_model_get_count_order (self->model, &descending);

      if (!ce_document_list_model_set_count_order (self->model, topic, descending, &error))
        g_warning ("Could not sort the documents: %s", error->message);
    }
  else
    {
      for (guint i = 1; i < G_N_ELEMENTS (sort_names); i++)
        {
          if (g_strcmp0 (sort_names[i].name, name) == 0 &&
              !ce_document_list_model_set_order (self->model, sort_names[i].order,
                                                 descending && !ce_document_list_model_get_ranked (self->model),
                                                 &error))
            g_warning ("Could not sort the documents: %s", error->message);
        }
    }

  update_sort (self);
}

static void
set_descending (CeDocumentList *self,
                gboolean        descending)
{
  g_autoptr(GError) error = NULL;
  CeDocumentOrder order;
  const char *topic;

  if (ce_document_list_model_get_ranked (self->model))
    return;

  topic = ce_document_list_model_get_count_order (self->model, NULL);
  if (topic != NULL)
    {
      g_autofree char *name = g_strdup (topic);

      if (!ce_document_list_model_set_count_order (self->model, name, descending, &error))
        g_warning ("Could not sort the documents: %s", error->message);
      update_sort (self);
      return;
    }

  ce_document_list_model_get_order (self->model, &order, NULL);
  if (!ce_document_list_model_set_order (self->model, order, descending, &error))
    g_warning ("Could not sort the documents: %s", error->message);

  update_sort (self);
}

static char *
describe_filter (const char *field,
                 const char *value)
{
  if (g_str_equal (field, "date"))
    {
      g_auto(GStrv) ends = g_strsplit (value, "..", 2);

      if (ends[1] == NULL)
        return g_strdup_printf (_("Date: %s"), value);
      if (*ends[0] == 0)
        /* Translators: a date filter with only an end, "Date: until 2023-05" */
        return g_strdup_printf (_("Date: until %s"), ends[1]);
      if (*ends[1] == 0)
        /* Translators: a date filter with only a start, "Date: from 2020" */
        return g_strdup_printf (_("Date: from %s"), ends[0]);
      /* Translators: a date range filter, "Date: 2020 – 2023" */
      return g_strdup_printf (_("Date: %s – %s"), ends[0], ends[1]);
    }

  if (g_str_equal (field, "place"))
    return g_strdup_printf (_("Place: %s"), value);
  if (g_str_equal (field, "source"))
    return g_strdup_printf (_("Source: %s"), value);
  if (g_str_equal (field, "section"))
    return g_strdup_printf (_("Section: %s"), value);
  if (g_str_equal (field, "author"))
    return g_strdup_printf (_("Author: %s"), value);
  if (g_str_equal (field, "year"))
    return g_strdup_printf (_("Year: %s"), value);

  return g_strdup_printf ("%s: %s", field, value);
}

static void
on_chip_clicked_cb (CeDocumentList *self,
                    GtkButton      *chip)
{
  const char *field = g_object_get_data (G_OBJECT (chip), "filter-field");
  const char *value = g_object_get_data (G_OBJECT (chip), "filter-value");

  if (field == NULL)
    ce_document_list_model_clear_filters (self->model);
  else if (g_str_equal (field, "date"))
    ce_document_list_model_set_date_range (self->model, NULL);
  else
    ce_document_list_model_remove_filter (self->model, field, value);
}

static void
add_chip (CeDocumentList *self,
          const char     *field,
          const char     *value)
{
  g_autofree char *label = field != NULL ? describe_filter (field, value) : NULL;
  GtkWidget *chip = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *text = gtk_label_new (label != NULL ? label : _("Clear All"));

  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 28);
  gtk_box_append (GTK_BOX (box), text);

  if (field != NULL)
    {
      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("window-close-symbolic"));
      gtk_widget_set_tooltip_text (chip, _("Remove Filter"));
      gtk_widget_add_css_class (chip, "filter-chip");
      g_object_set_data_full (G_OBJECT (chip), "filter-field", g_strdup (field), g_free);
      g_object_set_data_full (G_OBJECT (chip), "filter-value", g_strdup (value), g_free);
    }
  else
    {
      gtk_widget_set_tooltip_text (chip, _("Remove All Filters"));
      gtk_widget_add_css_class (chip, "flat");
    }

  gtk_button_set_child (GTK_BUTTON (chip), box);
  g_signal_connect_object (chip, "clicked", G_CALLBACK (on_chip_clicked_cb), self, G_CONNECT_SWAPPED);

  gtk_flow_box_append (self->chips_box, chip);
  /* The buttons take the focus, not their flow box children */
  gtk_widget_set_focusable (gtk_widget_get_parent (chip), FALSE);
}

static void
update_chips (CeDocumentList *self)
{
  guint n_filters = ce_document_list_model_get_n_filters (self->model);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips_box))) != NULL)
    gtk_flow_box_remove (self->chips_box, child);

  for (guint i = 0; i < n_filters; i++)
    {
      const char *field, *value;

      ce_document_list_model_get_filter (self->model, i, &field, &value);
      add_chip (self, field, value);
    }

  if (n_filters > 1)
    add_chip (self, NULL, NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->chips_box), n_filters > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->results_label), n_filters == 0);
}

static void
update_results (CeDocumentList *self)
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
  const char *text = NULL;

  switch (column)
    {
    case COLUMN_PLACE:
      text = ce_document_get_place (document);
      break;

    case COLUMN_DATE:
      text = ce_document_get_date (document);
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
  GtkWidget *title = gtk_label_new (NULL);
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

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), snippet);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_title_cb (CeDocumentList           *self,
               GtkListItem              *list_item,
               GtkSignalListItemFactory *factory)
{
  CeDocument *document = gtk_list_item_get_item (list_item);
  GtkWidget *title = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));

  gtk_label_set_label (GTK_LABEL (title), ce_document_get_title (document));

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
  update_page (self);
  update_chips (self);
  update_sort (self);
}

static void
on_loading_cb (CeDocumentList      *self,
               GParamSpec          *pspec,
               CeDocumentListModel *model)
{
  gboolean loading = ce_document_list_model_is_loading (model);

  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
}

static void
on_relevance_cb (CeDocumentList      *self,
                 GParamSpec          *pspec,
                 CeDocumentListModel *model)
{
  update_sort (self);
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

  if (self->probed == NULL)
    self->probed = sort;

  return a == (gconstpointer)self->probe_a ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
}

/* Topic columns */

static void
column_sort_free (gpointer data)
{
  ColumnSort *sort = data;

  g_free (sort->topic);
  g_free (sort);
}

static void
topic_column_free (gpointer data)
{
  TopicColumn *topic_column = data;

  /* Cells are unbound while the column leaves the view */
  if (gtk_column_view_column_get_column_view (topic_column->column) != NULL)
    gtk_column_view_remove_column (gtk_column_view_column_get_column_view (topic_column->column),
                                   topic_column->column);
  g_signal_handlers_disconnect_by_data (topic_column->factory, topic_column);

  g_clear_object (&topic_column->column);
  g_clear_object (&topic_column->factory);
  g_clear_pointer (&topic_column->cells, g_hash_table_unref);
  g_free (topic_column->name);
  g_free (topic_column);
}

static gboolean
on_count_query_tooltip_cb (GtkWidget  *label,
                           int         x,
                           int         y,
                           gboolean    keyboard,
                           GtkTooltip *tooltip,
                           gpointer    user_data)
{
  const char *text = gtk_label_get_text (GTK_LABEL (label));
  const char *topic = g_object_get_data (G_OBJECT (label), "ce-topic");
  guint count = g_object_get_data (G_OBJECT (label), "ce-count") != NULL
                ? GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (label), "ce-count")) : 0;
  g_autofree char *markup = NULL;

  if (text == NULL || *text == 0 || topic == NULL)
    return FALSE;

  /* Translators: tooltip of a count in the document list, "3 mentions of China" */
  markup = g_strdup_printf (ngettext ("%'u mention of %s", "%'u mentions of %s", count), count, topic);
  gtk_tooltip_set_text (tooltip, markup);
  return TRUE;
}

static void
setup_count_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                TopicColumn              *topic_column)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "topic-count");
  gtk_widget_set_has_tooltip (label, TRUE);
  g_object_set_data_full (G_OBJECT (label), "ce-topic", g_strdup (topic_column->name), g_free);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (on_count_query_tooltip_cb), NULL);

  gtk_list_item_set_child (list_item, label);
}

static void
update_count_cell (TopicColumn *topic_column,
                   GtkListItem *list_item)
{
  CeDocumentList *self = topic_column->self;
  CeDocument *document = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;
  guint count = 0;

  /* Documents without a mention leave the cell empty, so the counts
   * stand out; so does a topic not counted yet */
  if (document != NULL &&
      ce_document_list_model_get_topic_count (self->model, topic_column->name,
                                              ce_document_get_id (document), &count) &&
      count > 0)
    text = g_strdup_printf ("%'u", count);

  g_object_set_data (G_OBJECT (label), "ce-count", GUINT_TO_POINTER (count));
  gtk_label_set_label (GTK_LABEL (label), text != NULL ? text : "");
}

static void
bind_count_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               TopicColumn              *topic_column)
{
  g_hash_table_add (topic_column->cells, list_item);
  update_count_cell (topic_column, list_item);
}

static void
unbind_count_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 TopicColumn              *topic_column)
{
  g_hash_table_remove (topic_column->cells, list_item);
}

/* Only the cells bound, the rows in view and a few more, show counts:
 * updating them is cheap however many rows the list holds. */
static void
on_counts_changed_cb (CeDocumentList      *self,
                      const char          *topic,
                      CeDocumentListModel *model)
{
  TopicColumn *topic_column = find_topic_column (self, topic);
  GHashTableIter iter;
  gpointer list_item;

  if (topic_column == NULL)
    return;

  g_hash_table_iter_init (&iter, topic_column->cells);
  while (g_hash_table_iter_next (&iter, &list_item, NULL))
    update_count_cell (topic_column, list_item);
}

static void
draw_swatch_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  const GdkRGBA *color = g_object_get_data (G_OBJECT (area), "ce-color");
  double size = MIN (width, height);

  if (color == NULL)
    return;

  gdk_cairo_set_source_rgba (cr, color);
  cairo_arc (cr, width / 2.0, height / 2.0, size / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static GtkWidget *
find_header (CeDocumentList *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (gtk_widget_get_css_name (child), "header"))
      return child;

  return NULL;
}

static GtkLabel *
find_title_label (GtkWidget *box)
{
  for (GtkWidget *child = gtk_widget_get_first_child (box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child))
      return GTK_LABEL (child);

  return NULL;
}

/* A dot of the topic's colour before its name, as in the chart's
 * legend.  GTK 4.8 offers no header widget of one's own, so the dot
 * goes into the box of the column's title; where the title is built
 * otherwise, the header shows the name alone. */
static void
decorate_topic_header (CeDocumentList *self,
                       TopicColumn    *topic_column)
{
  GtkWidget *header = find_header (self);
  GtkWidget *title_box = NULL;
  GtkWidget *swatch;

  if (header == NULL)
    return;

  /* Topic columns follow the others: the last title of that name */
  for (GtkWidget *title = gtk_widget_get_first_child (header);
       title != NULL;
       title = gtk_widget_get_next_sibling (title))
    {
      GtkWidget *box = gtk_widget_get_first_child (title);
      GtkLabel *label;

      if (box == NULL || !GTK_IS_BOX (box) || (label = find_title_label (box)) == NULL)
        continue;
      if (g_strcmp0 (gtk_label_get_label (label), topic_column->name) == 0)
        title_box = box;
    }

  if (title_box == NULL)
    return;

  swatch = gtk_widget_get_first_child (title_box);
  if (!gtk_widget_has_css_class (swatch, "topic-swatch"))
    {
      swatch = gtk_drawing_area_new ();
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), SWATCH_SIZE);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), SWATCH_SIZE);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch_cb, NULL, NULL);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_widget_set_margin_end (swatch, 6);
      gtk_widget_add_css_class (swatch, "topic-swatch");
      gtk_box_prepend (GTK_BOX (title_box), swatch);
    }

  g_object_set_data_full (G_OBJECT (swatch), "ce-color",
                          gdk_rgba_copy (&topic_column->color), (GDestroyNotify)gdk_rgba_free);
  gtk_widget_queue_draw (swatch);
}

static int
topic_column_width (CeDocumentList *self,
                    const char     *name)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), name);
  PangoAttrList *attrs = pango_attr_list_new ();
  int width;

  /* Headers are bold */
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_get_pixel_size (layout, &width, NULL);
  pango_attr_list_unref (attrs);
  g_object_unref (layout);

  return CLAMP (width + TOPIC_EXTRA_WIDTH, TOPIC_MIN_WIDTH, TOPIC_MAX_WIDTH);
}

static TopicColumn *
topic_column_new (CeDocumentList *self,
                  const char     *name)
{
  TopicColumn *topic_column = g_new0 (TopicColumn, 1);
  g_autoptr(GtkSorter) sorter = NULL;
  ColumnSort *sort;

  topic_column->self = self;
  topic_column->name = g_strdup (name);
  topic_column->cells = g_hash_table_new (NULL, NULL);

  topic_column->factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (topic_column->factory, "setup", G_CALLBACK (setup_count_cb), topic_column);
  g_signal_connect (topic_column->factory, "bind", G_CALLBACK (bind_count_cb), topic_column);
  g_signal_connect (topic_column->factory, "unbind", G_CALLBACK (unbind_count_cb), topic_column);

  topic_column->column = gtk_column_view_column_new (name, g_object_ref (topic_column->factory));
  gtk_column_view_column_set_resizable (topic_column->column, TRUE);
  gtk_column_view_column_set_fixed_width (topic_column->column, topic_column_width (self, name));

  sort = g_new0 (ColumnSort, 1);
  sort->self = self;
  sort->order = CE_DOCUMENT_ORDER_POSITION;
  sort->topic = g_strdup (name);
  sorter = GTK_SORTER (gtk_custom_sorter_new (probe_sort_cb, sort, column_sort_free));
  gtk_column_view_column_set_sorter (topic_column->column, sorter);

  return topic_column;
}

static char *
escape_mnemonic (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

static void
update_topics_sort_menu (CeDocumentList *self)
{
  g_menu_remove_all (self->topics_sort_menu);

  for (guint i = 0; i < self->topic_columns->len; i++)
    {
      TopicColumn *topic_column = g_ptr_array_index (self->topic_columns, i);
      g_autofree char *label = escape_mnemonic (topic_column->name);
      g_autofree char *target = g_strconcat (TOPIC_SORT_PREFIX, topic_column->name, NULL);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "list.sort", g_variant_new_string (target));
      g_menu_append_item (self->topics_sort_menu, item);
    }
}

static void
on_sorter_changed_cb (CeDocumentList *self,
                      GtkSorterChange change,
                      GtkSorter      *sorter)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *topic = NULL;
  CeDocumentOrder order = CE_DOCUMENT_ORDER_POSITION;
  gboolean descending = FALSE;
  GtkOrdering result;
  gint64 selected_id = -1;
  guint selected;
  gboolean ok;

  g_assert (CE_IS_DOCUMENT_LIST (self));

  if (self->syncing_header)
    return;

  self->probing = TRUE;
  self->probed = NULL;
  result = gtk_sorter_compare (sorter, self->probe_a, self->probe_b);
  self->probing = FALSE;

  if (self->probed != NULL)
    {
      order = self->probed->order;
      topic = g_strdup (self->probed->topic);
      descending = result == GTK_ORDERING_LARGER;
    }

  /* A first click on a topic's header lists the most mentions first;
   * the next one turns the order round, as in other columns */
  if (topic != NULL &&
      g_strcmp0 (ce_document_list_model_get_count_order (self->model, NULL), topic) != 0)
    descending = TRUE;

  selected = ce_document_list_get_selected (self);
  if (selected != GTK_INVALID_LIST_POSITION)
    selected_id = ce_document_list_model_get_id (self->model, selected);

  if (topic != NULL)
    ok = ce_document_list_model_set_count_order (self->model, topic, descending, &error);
  else
    ok = ce_document_list_model_set_order (self->model, order, descending, &error);

  if (!ok)
    {
      g_warning ("Could not sort the documents: %s", error->message);
      update_sort (self);
      return;
    }

  update_sort (self);

  /* The document being read stays selected and in view */
  if (selected_id >= 0)
    {
      guint position = ce_document_list_model_find (self->model, selected_id);

      if (position != GTK_INVALID_LIST_POSITION)
        ce_document_list_select (self, position);
    }
}

static void on_selection_changed_cb (CeDocumentList    *self,
                                     guint              position,
                                     guint              n_items,
                                     GtkSelectionModel *selection);

static void
on_rows_replacing_cb (CeDocumentList      *self,
                      CeDocumentListModel *model)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_clear_pointer (&self->kept_ids, g_array_unref);
  if (gtk_bitset_is_empty (selected))
    return;

  self->kept_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more && self->kept_ids->len < KEEP_SELECTED;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      gint64 id = ce_document_list_model_get_id (self->model, position);

      g_array_append_val (self->kept_ids, id);
    }

  g_signal_handlers_block_by_func (self->selection, on_selection_changed_cb, self);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  g_signal_handlers_unblock_by_func (self->selection, on_selection_changed_cb, self);
}

/* GTK 4.8 looks for the rows it shows among all the new rows, item by
 * item, when they are replaced under it; a list without rows adds the
 * new ones at no cost.  So the view lets go of the rows while they are
 * replaced, and the selection is put back by id. */
static void
detach_view_cb (CeDocumentList      *self,
                CeDocumentListModel *model)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  self->refocus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view));
  gtk_column_view_set_model (self->column_view, NULL);
}

/* Selects again what was selected before the rows were replaced */
static void
restore_selection (CeDocumentList *self)
{
  g_autoptr(GArray) kept = g_steal_pointer (&self->kept_ids);
  g_autoptr(GHashTable) wanted = NULL;
  g_autoptr(GtkBitset) positions = gtk_bitset_new_empty ();
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  GtkListView *list_view;

  if (kept == NULL)
    return;

  wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < kept->len; i++)
    g_hash_table_add (wanted, &g_array_index (kept, gint64, i));

  for (guint i = 0; i < n_items && gtk_bitset_get_size (positions) < kept->len; i++)
    {
      gint64 id = ce_document_list_model_get_id (self->model, i);

      if (g_hash_table_contains (wanted, &id))
        gtk_bitset_add (positions, i);
    }

  if (gtk_bitset_is_empty (positions))
    {
      /* The rows read are gone */
      g_signal_emit (self, signals[DOCUMENT_SELECTED], 0, NULL);
      return;
    }

  g_signal_handlers_block_by_func (self->selection, on_selection_changed_cb, self);
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), positions, positions);
  g_signal_handlers_unblock_by_func (self->selection, on_selection_changed_cb, self);

  if (kept->len == 1)
    {
      guint position = gtk_bitset_get_minimum (positions);
      g_autoptr(CeDocument) document = g_list_model_get_item (G_LIST_MODEL (self->model), position);

      list_view = find_list_view (self);
      if (list_view != NULL)
        gtk_widget_activate_action (GTK_WIDGET (list_view), "list.scroll-to-item", "u", position);

      /* The reader shows where the document now is among the rows */
      g_signal_emit (self, signals[DOCUMENT_SELECTED], 0, document);
    }
}

static void
on_items_changed_cb (CeDocumentList *self,
                     guint           position,
                     guint           removed,
                     guint           added,
                     GListModel     *model)
{
  if (gtk_column_view_get_model (self->column_view) == NULL)
    gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  restore_selection (self);
  if (self->refocus)
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  self->refocus = FALSE;
  update_page (self);
  update_results (self);
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
                                              self->compact ? 0 : topic_column_width (self, topic_column->name));
      gtk_column_view_column_set_visible (topic_column->column, !self->compact);
      /* A column shown again has a new title */
      if (!self->compact)
        decorate_topic_header (self, topic_column);
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
                                          on_sorter_changed_cb, self);
  g_clear_handle_id (&self->narrow_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), CE_TYPE_DOCUMENT_LIST);

  g_clear_pointer (&self->topic_columns, g_ptr_array_unref);
  g_clear_pointer (&self->title_cells, g_hash_table_unref);
  g_clear_pointer (&self->kept_ids, g_array_unref);
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
      g_value_take_string (value, self->model != NULL ? current_sort (self) : g_strdup ("order"));
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
      set_sort (self, g_value_get_string (value));
      break;

    case PROP_DESCENDING:
      set_descending (self, g_value_get_boolean (value));
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
build_sort_menus (CeDocumentList *self)
{
  g_autoptr(GMenu) orders = g_menu_new ();
  g_autoptr(GMenu) ranked_orders = g_menu_new ();
  g_autoptr(GMenu) direction = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (sort_names); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(sort_names[i].menu_label), NULL);

      g_menu_item_set_action_and_target_value (item, "list.sort",
                                               g_variant_new_string (sort_names[i].name));
      g_menu_append_item (ranked_orders, item);
      if (i > 0)
        g_menu_append_item (orders, item);
    }

  g_menu_append (direction, _("_Descending"), "list.descending");

  /* Filled with the enabled topics; an empty section shows nothing */
  self->topics_sort_menu = g_menu_new ();

  self->sort_menu = g_menu_new ();
  g_menu_append_section (self->sort_menu, NULL, G_MENU_MODEL (orders));
  g_menu_append_section (self->sort_menu, _("Mentions"), G_MENU_MODEL (self->topics_sort_menu));
  g_menu_append_section (self->sort_menu, NULL, G_MENU_MODEL (direction));

  self->ranked_sort_menu = g_menu_new ();
  g_menu_append_section (self->ranked_sort_menu, NULL, G_MENU_MODEL (ranked_orders));
  g_menu_append_section (self->ranked_sort_menu, _("Mentions"), G_MENU_MODEL (self->topics_sort_menu));
  g_menu_append_section (self->ranked_sort_menu, NULL, G_MENU_MODEL (direction));
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
  self->topic_columns = g_ptr_array_new_with_free_func (topic_column_free);
  build_sort_menus (self);

  self->model = ce_document_list_model_new ();
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->model, "items-changed",
                           G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "rows-replacing",
                           G_CALLBACK (on_rows_replacing_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "rows-replacing",
                           G_CALLBACK (detach_view_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "query-changed",
                           G_CALLBACK (on_query_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "snippets-changed",
                           G_CALLBACK (on_snippets_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "counts-changed",
                           G_CALLBACK (on_counts_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::loading",
                           G_CALLBACK (on_loading_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::relevance",
                           G_CALLBACK (on_relevance_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);

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
      sorter = GTK_SORTER (gtk_custom_sorter_new (probe_sort_cb, &self->sorts[i], NULL));
      gtk_column_view_column_set_sorter (column_widgets[i], sorter);
    }

  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  update_page (self);
  update_chips (self);
  update_sort (self);
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
 * ce_document_list_sort_by_relevance:
 *
 * Lists the best matches of a search first, as the sort menu does.
 */
void
ce_document_list_sort_by_relevance (CeDocumentList *self)
{
  g_return_if_fail (CE_IS_DOCUMENT_LIST (self));

  set_sort (self, "relevance");
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

/**
 * ce_document_list_set_topics:
 * @topics: (element-type CeTopic) (nullable): the enabled topics, in order
 *
 * Shows a column per topic with its mentions in each document, after
 * the other columns and in the order of @topics; columns of topics left
 * out go.  The counts arrive from a worker, and a click on a column's
 * header sorts the rows by them.
 */
void
ce_document_list_set_topics (CeDocumentList *self,
                             GPtrArray      *topics)
{
  g_autoptr(GPtrArray) kept = NULL;

  g_return_if_fail (CE_IS_DOCUMENT_LIST (self));

  kept = g_ptr_array_new_with_free_func (topic_column_free);
  for (guint i = 0; topics != NULL && i < topics->len; i++)
    {
      CeTopic *topic = g_ptr_array_index (topics, i);
      const char *name = ce_topic_get_name (topic);
      TopicColumn *topic_column = NULL;
      guint index;

      for (index = 0; index < self->topic_columns->len; index++)
        {
          if (g_str_equal (((TopicColumn *)g_ptr_array_index (self->topic_columns, index))->name, name))
            {
              topic_column = g_ptr_array_steal_index (self->topic_columns, index);
              break;
            }
        }

      if (topic_column == NULL)
        {
          topic_column = topic_column_new (self, name);
          gtk_column_view_column_set_visible (topic_column->column, !self->compact);
          if (self->compact)
            gtk_column_view_column_set_fixed_width (topic_column->column, 0);
        }

      if (!gdk_rgba_parse (&topic_column->color, ce_topic_get_color (topic)))
        gdk_rgba_parse (&topic_column->color, ce_topic_palette_get (i));

      /* Inserting a column already shown moves it */
      gtk_column_view_insert_column (self->column_view, N_COLUMNS + i, topic_column->column);
      g_ptr_array_add (kept, topic_column);
    }

  /* What is left are the columns of topics no longer enabled.  The
   * model leaves the order by a topic gone itself. */
  self->syncing_header = TRUE;
  g_ptr_array_set_size (self->topic_columns, 0);
  self->syncing_header = FALSE;
  g_ptr_array_extend_and_steal (self->topic_columns, g_steal_pointer (&kept));

  for (guint i = 0; i < self->topic_columns->len; i++)
    decorate_topic_header (self, g_ptr_array_index (self->topic_columns, i));

  ce_document_list_model_set_topics (self->model, topics);
  update_topics_sort_menu (self);
  update_sort (self);
}
