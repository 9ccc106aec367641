/* ce-document-list-chips.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-document-list"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ce-document-list-private.h"

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
  if (g_str_equal (field, "copies"))
    return g_strdup (_("Copies: One per Story"));

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

void
_ce_document_list_update_chips (CeDocumentList *self)
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
