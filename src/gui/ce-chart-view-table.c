/* ce-chart-view-table.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table of the numbers charted, beside the chart, and copying it
 * (or its selected rows) as CSV.
 */

#define G_LOG_DOMAIN "ce-chart-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ce-chart-export.h"
#include "ce-chart-view-private.h"

static char *
format_exact (CeChartModel *model,
              double        value)
{
  if (isnan (value))
    return g_strdup ("–");

  switch (ce_chart_model_get_measure (model))
    {
    case CE_CHART_MEASURE_MENTIONS_PER_10K:
      return g_strdup_printf ("%'.2f", value);
    case CE_CHART_MEASURE_SHARE:
      return g_strdup_printf ("%'.1f%%", value * 100);
    case CE_CHART_MEASURE_MENTIONS:
    case CE_CHART_MEASURE_DOCUMENTS:
    default:
      return g_strdup_printf ("%'.0f", value);
    }
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  int series = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "series"));
  GtkWidget *label = gtk_label_new (NULL);

  if (series >= 0)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
    }

  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CeChartView              *self)
{
  int series = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "series"));
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  CeChartModel *model = ce_plot_get_model (self->plot);
  guint position = gtk_list_item_get_position (item);

  if (model == NULL || position >= ce_chart_model_get_n_categories (model))
    {
      gtk_label_set_text (label, "");
      return;
    }

  if (series < 0)
    {
      const char *text = ce_chart_model_get_category_label (model, position);

      gtk_label_set_text (label, text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), text);
    }
  else
    {
      g_autofree char *text = format_exact (model, ce_chart_model_get_value (model, series, position));

      gtk_label_set_text (label, text);
    }
}

static void
add_column (CeChartView *self,
            const char  *title,
            int          series)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_object_set_data (G_OBJECT (factory), "series", GINT_TO_POINTER (series));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cell_cb), self, 0);

  column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, series < 0);
  if (series >= 0)
    gtk_column_view_column_set_fixed_width (column, 140);
  gtk_column_view_append_column (self->table, column);
}

void
_ce_chart_view_update_table (CeChartView *self)
{
  CeChartModel *model = ce_plot_get_model (self->plot);
  GListModel *columns = gtk_column_view_get_columns (self->table);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  const char *x_title;
  guint n_old;

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->table, column);
    }

  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->table_rows));
  if (model == NULL)
    {
      gtk_string_list_splice (self->table_rows, 0, n_old, NULL);
      return;
    }

  x_title = ce_chart_model_get_x_title (model);
  add_column (self, x_title != NULL && x_title[0] != 0 ? x_title : _("Document"), -1);
  for (guint s = 0; s < ce_chart_model_get_n_series (model); s++)
    add_column (self, ce_chart_model_get_series_name (model, s), s);

  for (guint c = 0; c < ce_chart_model_get_n_categories (model); c++)
    g_ptr_array_add (labels, (gpointer)ce_chart_model_get_category_label (model, c));
  g_ptr_array_add (labels, NULL);

  gtk_string_list_splice (self->table_rows, 0, n_old, (const char * const *)labels->pdata);
  gtk_label_set_text (self->table_title, ce_chart_model_get_subtitle (model));
}

static char *
model_to_csv (CeChartModel *model,
              GtkBitset    *only)
{
  g_autoptr(CeChartModel) subset = NULL;

  if (only == NULL)
    return ce_chart_export_csv_to_string (model);

  /* The selected rows, in a model of their own, so quoting and number
   * formats stay those of the export */
  subset = ce_chart_model_new ();
  ce_chart_model_set_measure (subset, ce_chart_model_get_measure (model));
  for (guint s = 0; s < ce_chart_model_get_n_series (model); s++)
    {
      CeColor color;

      ce_chart_model_get_series_color (model, s, &color);
      ce_chart_model_add_series (subset, ce_chart_model_get_series_name (model, s), &color);
      ce_chart_model_set_series_visible (subset, s, ce_chart_model_get_series_visible (model, s));
    }

  for (guint c = 0; c < ce_chart_model_get_n_categories (model); c++)
    {
      guint index;

      if (!gtk_bitset_contains (only, c))
        continue;

      index = ce_chart_model_add_category (subset, ce_chart_model_get_category_label (model, c));
      for (guint s = 0; s < ce_chart_model_get_n_series (model); s++)
        ce_chart_model_set_value (subset, s, index, ce_chart_model_get_value (model, s, c));
    }

  return ce_chart_export_csv_to_string (subset);
}

static gboolean
restore_copy_label_cb (gpointer user_data)
{
  CeChartView *self = user_data;

  self->copied_source = 0;
  adw_button_content_set_label (self->copy_content, _("_Copy as CSV"));
  adw_button_content_set_icon_name (self->copy_content, "edit-copy-symbolic");

  return G_SOURCE_REMOVE;
}

void
_ce_chart_view_copy_csv (CeChartView *self,
          GtkBitset   *only)
{
  CeChartModel *model = ce_plot_get_model (self->plot);
  g_autofree char *csv = NULL;

  if (model == NULL)
    return;

  csv = model_to_csv (model, only);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), csv);

  /* Say it worked where the user looks */
  adw_button_content_set_label (self->copy_content, _("Copied"));
  adw_button_content_set_icon_name (self->copy_content, "object-select-symbolic");
  g_clear_handle_id (&self->copied_source, g_source_remove);
  self->copied_source = g_timeout_add_seconds (2, restore_copy_label_cb, self);
}

static gboolean
on_table_copy_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  CeChartView *self = user_data;
  GtkSelectionModel *selection = gtk_column_view_get_model (self->table);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);

  _ce_chart_view_copy_csv (self, gtk_bitset_is_empty (selected) ? NULL : selected);
  return TRUE;
}


void
_ce_chart_view_init_table (CeChartView *self)
{
  g_autoptr(GtkSelectionModel) selection = NULL;
  GtkEventController *shortcuts;
  GtkShortcut *shortcut;

  self->table_rows = gtk_string_list_new (NULL);
  selection = GTK_SELECTION_MODEL (gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->table_rows))));
  gtk_column_view_set_model (self->table, selection);

  /* Ctrl+C copies the selected rows */
  shortcuts = gtk_shortcut_controller_new ();
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_c, GDK_CONTROL_MASK),
                               gtk_callback_action_new (on_table_copy_cb, self, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self->table), shortcuts);
}
