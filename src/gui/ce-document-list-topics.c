/* ce-document-list-topics.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-document-list"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ce-document-list-private.h"

/* Topic columns */

/* A topic column is wide enough for its name, within these bounds */
#define TOPIC_MIN_WIDTH 64

#define TOPIC_MAX_WIDTH 180

/* Room beside a topic's name: its colour, the sort arrow and padding */
#define TOPIC_EXTRA_WIDTH 48

#define SWATCH_SIZE 10

static void
column_sort_free (gpointer data)
{
  ColumnSort *sort = data;

  g_free (sort->topic);
  g_free (sort);
}

void
_ce_document_list_topic_column_free (gpointer data)
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
void
_ce_document_list_on_counts_changed_cb (CeDocumentList      *self,
                                        const char          *topic,
                                        CeDocumentListModel *model)
{
  TopicColumn *topic_column = _ce_document_list_find_topic_column (self, topic);
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
void
_ce_document_list_decorate_topic_header (CeDocumentList *self,
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

int
_ce_document_list_topic_column_width (CeDocumentList *self,
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
  gtk_column_view_column_set_fixed_width (topic_column->column, _ce_document_list_topic_column_width (self, name));

  sort = g_new0 (ColumnSort, 1);
  sort->self = self;
  sort->order = CE_DOCUMENT_ORDER_POSITION;
  sort->topic = g_strdup (name);
  sorter = GTK_SORTER (gtk_custom_sorter_new (_ce_document_list_probe_sort_cb, sort, column_sort_free));
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

  kept = g_ptr_array_new_with_free_func (_ce_document_list_topic_column_free);
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
    _ce_document_list_decorate_topic_header (self, g_ptr_array_index (self->topic_columns, i));

  ce_document_list_model_set_topics (self->model, topics);
  update_topics_sort_menu (self);
  _ce_document_list_update_sort (self);
}
