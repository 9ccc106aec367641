/* ce-facets-pane.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-facets-pane"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ce-facets-pane.h"

/* Counts of the place, source, section, author and year of the
 * documents listed; a click on a value keeps only those documents, a
 * second click lets them all back.  Everything goes through the list
 * model, which turns the picks into one query with what was typed.
 * "Copies: One per Story" is the filter copies:one. */

typedef struct
{
  const char *field;    /* as ce_search_facet() */
  const char *title;
} FacetInfo;

static const FacetInfo facet_info[] = {
  { "place", N_("Place") },
  { "source", N_("Source") },
  { "section", N_("Section") },
  { "author", N_("Author") },
  { "year", N_("Year") },
};

typedef struct
{
  GtkWidget  *box;       /* the whole section, hidden without values */
  GtkListBox *list;
  GtkButton  *more_button;
  gboolean    expanded;
} Section;

struct _CeFacetsPane
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkScrolledWindow *scroller;
  GtkBox            *sections_box;
  GtkWidget         *date_section;
  GtkEntry          *from_entry;
  GtkEntry          *to_entry;
  GtkButton         *date_apply_button;
  GtkLabel          *date_error_label;
  GtkWidget         *copies_section;
  GtkToggleButton   *all_copies_button;
  GtkToggleButton   *one_copy_button;

  /* Owned references */
  CeDocumentListModel *model;
  Section              sections[G_N_ELEMENTS (facet_info)];
  char                *shown_range;   /* the range the entries show */
};

G_DEFINE_FINAL_TYPE (CeFacetsPane, ce_facets_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
compare_years (gconstpointer a,
               gconstpointer b)
{
  const CeSearchFacet *fa = *(const CeSearchFacet * const *)a;
  const CeSearchFacet *fb = *(const CeSearchFacet * const *)b;

  /* Newest first */
  return -g_strcmp0 (fa->value, fb->value);
}

static GtkWidget *
new_row (const char *field,
         const char *value,
         gint64      count,
         gboolean    active)
{
  g_autofree char *count_text = g_strdup_printf ("%'" G_GINT64_FORMAT, count);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");
  GtkWidget *label = gtk_label_new (value);
  GtkWidget *count_label = gtk_label_new (count_text);

  gtk_widget_set_visible (check, active);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (count_label, "dim-label");
  gtk_widget_add_css_class (count_label, "numeric");
  gtk_widget_add_css_class (count_label, "facet-count");

  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), count_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  gtk_widget_set_tooltip_text (row, active ? _("Show documents with any value again")
                                           : value);
  if (active)
    gtk_widget_add_css_class (row, "facet-active");

  g_object_set_data_full (G_OBJECT (row), "facet-field", g_strdup (field), g_free);
  g_object_set_data_full (G_OBJECT (row), "facet-value", g_strdup (value), g_free);
  g_object_set_data_full (G_OBJECT (row), "facet-count-value",
                          g_memdup2 (&count, sizeof count), g_free);

  /* A value the query language cannot quote cannot be picked */
  if (g_utf8_strchr (value, -1, '"') != NULL || g_utf8_strchr (value, -1, 0x201C) != NULL ||
      g_utf8_strchr (value, -1, 0x201D) != NULL || g_utf8_strchr (value, -1, 0x201E) != NULL)
    gtk_widget_set_sensitive (row, FALSE);

  return row;
}

static void
fill_section (CeFacetsPane *self,
              guint         index)
{
  Section *section = &self->sections[index];
  const char *field = facet_info[index].field;
  g_autoptr(GPtrArray) values = NULL;
  GPtrArray *facet = NULL;
  GtkWidget *child;
  guint shown;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (section->list))) != NULL)
    gtk_list_box_remove (section->list, child);

  if (self->model != NULL)
    facet = ce_document_list_model_get_facet (self->model, field);

  values = g_ptr_array_new ();
  for (guint i = 0; facet != NULL && i < facet->len; i++)
    g_ptr_array_add (values, g_ptr_array_index (facet, i));
  if (g_str_equal (field, "year"))
    g_ptr_array_sort (values, compare_years);

  shown = section->expanded ? values->len : MIN (values->len, CE_FACETS_PANE_SHOWN);
  for (guint i = 0; i < shown; i++)
    {
      const CeSearchFacet *value = g_ptr_array_index (values, i);
      gboolean active = ce_document_list_model_has_filter (self->model, field, value->value);

      gtk_list_box_append (section->list, new_row (field, value->value, value->count, active));
    }

  gtk_widget_set_visible (section->box, values->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (section->more_button), values->len > CE_FACETS_PANE_SHOWN);
  gtk_button_set_label (section->more_button, section->expanded ? _("Show Fewer") : _("Show More"));
}

static void
update_facets (CeFacetsPane *self)
{
  GtkWidget *focus = NULL;
  g_autofree char *focus_field = NULL;
  g_autofree char *focus_value = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *row;

  /* Rows are built anew; the one with the focus gets it back */
  if (root != NULL)
    focus = gtk_root_get_focus (root);
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    {
      row = GTK_IS_LIST_BOX_ROW (focus) ? focus : gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
      if (row != NULL)
        {
          focus_field = g_strdup (g_object_get_data (G_OBJECT (row), "facet-field"));
          focus_value = g_strdup (g_object_get_data (G_OBJECT (row), "facet-value"));
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (facet_info); i++)
    fill_section (self, i);

  if (focus_field != NULL && (row = ce_facets_pane_find_row (self, focus_field, focus_value)) != NULL)
    gtk_widget_grab_focus (row);
}

static void
show_date_error (CeFacetsPane *self,
                 GtkEntry     *entry,
                 const char   *message)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->from_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->to_entry), "error");

  if (message == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->date_error_label), FALSE);
      return;
    }

  if (entry != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  gtk_label_set_label (self->date_error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->date_error_label), TRUE);
}

/* Shows the date range of the model in the entries, when it changed
 * elsewhere (its chip was removed) */
static void
update_date (CeFacetsPane *self)
{
  const char *range = self->model ? ce_document_list_model_get_date_range (self->model) : NULL;
  g_auto(GStrv) ends = NULL;

  if (g_strcmp0 (range, self->shown_range) == 0)
    return;

  g_free (self->shown_range);
  self->shown_range = g_strdup (range);

  if (range != NULL)
    ends = g_strsplit (range, "..", 2);

  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), ends ? ends[0] : "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), ends ? (ends[1] ? ends[1] : ends[0]) : "");
  show_date_error (self, NULL, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->date_apply_button), FALSE);
}

static void
on_date_activate_cb (CeFacetsPane *self)
{
  g_autofree char *from = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->from_entry))));
  g_autofree char *to = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->to_entry))));
  g_autofree char *range = NULL;
  g_autofree char *text = NULL;
  g_autoptr(CeQuery) query = NULL;
  g_autoptr(GError) error = NULL;

  if (self->model == NULL)
    return;

  if (*from == 0 && *to == 0)
    range = NULL;
  else if (g_str_equal (from, to))
    range = g_strdup (from);
  else
    range = g_strdup_printf ("%s..%s", from, to);

  /* The query language checks the dates, as it would typed */
  if (range != NULL)
    {
      text = g_strconcat ("date:", range, NULL);
      query = ce_query_parse (text, &error);
      if (query == NULL || strchr (range, ' ') != NULL)
        {
          guint column = error != NULL ? ce_query_error_get_column (error) : 0;
          /* Columns count from "date:", then come the first date and ".." */
          GtkEntry *entry = column >= 6 + g_utf8_strlen (from, -1) + 2 || *from == 0
                            ? self->to_entry : self->from_entry;
          g_autofree char *message = NULL;

          if (*from != 0 && *to != 0 && error != NULL && strstr (error->message, "ends before") != NULL)
            message = g_strdup (_("The range ends before it starts"));
          else
            message = g_strdup (_("Write dates as 2024, 2024-05 or 2024-05-31"));
          show_date_error (self, entry, message);
          return;
        }
    }

  show_date_error (self, NULL, NULL);
  g_free (self->shown_range);
  self->shown_range = g_strdup (range);
  ce_document_list_model_set_date_range (self->model, range);
  gtk_widget_set_sensitive (GTK_WIDGET (self->date_apply_button), FALSE);
}

static void
on_date_changed_cb (CeFacetsPane *self)
{
  const char *from = gtk_editable_get_text (GTK_EDITABLE (self->from_entry));
  const char *to = gtk_editable_get_text (GTK_EDITABLE (self->to_entry));
  g_autofree char *shown = NULL;

  if (*from == 0 && *to == 0)
    shown = NULL;
  else if (g_str_equal (from, to))
    shown = g_strdup (from);
  else
    shown = g_strdup_printf ("%s..%s", from, to);

  show_date_error (self, NULL, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->date_apply_button),
                            g_strcmp0 (shown, self->shown_range) != 0);
}

static void
on_row_activated_cb (CeFacetsPane  *self,
                     GtkListBoxRow *row,
                     GtkListBox    *list)
{
  const char *field = g_object_get_data (G_OBJECT (row), "facet-field");
  const char *value = g_object_get_data (G_OBJECT (row), "facet-value");

  if (self->model == NULL || field == NULL || value == NULL)
    return;

  if (ce_document_list_model_has_filter (self->model, field, value))
    ce_document_list_model_remove_filter (self->model, field, value);
  else
    ce_document_list_model_add_filter (self->model, field, value);
}

#define COPIES_FIELD "copies"
#define COPIES_ONE "one"

/* Shows whether the model lists one document per story, when it
 * changed elsewhere (its chip was removed).  A corpus without any group
 * of copies has nothing to choose, so the section is hidden; it stays
 * while one per story is asked for, so that it can be undone here. */
static void
update_copies (CeFacetsPane *self)
{
  gboolean one = self->model != NULL &&
                 ce_document_list_model_has_filter (self->model, COPIES_FIELD, COPIES_ONE);
  gboolean has_copies = self->model != NULL && ce_document_list_model_has_copies (self->model);

  if (gtk_toggle_button_get_active (self->one_copy_button) != one)
    gtk_toggle_button_set_active (one ? self->one_copy_button : self->all_copies_button, TRUE);
  gtk_widget_set_visible (self->copies_section, has_copies || one);
}

static void
on_one_copy_toggled_cb (CeFacetsPane    *self,
                        GParamSpec      *pspec,
                        GtkToggleButton *button)
{
  gboolean one = gtk_toggle_button_get_active (button);

  if (self->model == NULL ||
      one == ce_document_list_model_has_filter (self->model, COPIES_FIELD, COPIES_ONE))
    return;

  if (one)
    ce_document_list_model_add_filter (self->model, COPIES_FIELD, COPIES_ONE);
  else
    ce_document_list_model_remove_filter (self->model, COPIES_FIELD, COPIES_ONE);
}

static void
on_more_clicked_cb (CeFacetsPane *self,
                    GtkButton    *button)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "section"));

  self->sections[index].expanded = !self->sections[index].expanded;
  fill_section (self, index);
}

static void
on_facets_changed_cb (CeFacetsPane        *self,
                      CeDocumentListModel *model)
{
  update_facets (self);
  update_copies (self);
}

static void
on_query_changed_cb (CeFacetsPane        *self,
                     CeDocumentListModel *model)
{
  update_date (self);
  update_copies (self);
}

static void
build_sections (CeFacetsPane *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (facet_info); i++)
    {
      Section *section = &self->sections[i];
      GtkWidget *title = gtk_label_new (_(facet_info[i].title));
      GtkWidget *more = gtk_button_new_with_label (_("Show More"));

      section->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      gtk_widget_set_visible (section->box, FALSE);

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_set_margin_start (title, 6);
      gtk_widget_add_css_class (title, "heading");
      gtk_box_append (GTK_BOX (section->box), title);

      section->list = GTK_LIST_BOX (gtk_list_box_new ());
      gtk_list_box_set_selection_mode (section->list, GTK_SELECTION_NONE);
      gtk_widget_add_css_class (GTK_WIDGET (section->list), "navigation-sidebar");
      gtk_widget_add_css_class (GTK_WIDGET (section->list), "facet-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (section->list),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(facet_info[i].title), -1);
      g_signal_connect_object (section->list, "row-activated",
                               G_CALLBACK (on_row_activated_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (section->box), GTK_WIDGET (section->list));

      section->more_button = GTK_BUTTON (more);
      gtk_widget_set_halign (more, GTK_ALIGN_START);
      gtk_widget_set_margin_start (more, 6);
      gtk_widget_add_css_class (more, "flat");
      gtk_widget_add_css_class (more, "facet-more");
      g_object_set_data (G_OBJECT (more), "section", GUINT_TO_POINTER (i));
      g_signal_connect_object (more, "clicked", G_CALLBACK (on_more_clicked_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (section->box), more);

      gtk_box_append (self->sections_box, section->box);
    }
}

static void
ce_facets_pane_dispose (GObject *object)
{
  CeFacetsPane *self = (CeFacetsPane *)object;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  gtk_widget_dispose_template (GTK_WIDGET (self), CE_TYPE_FACETS_PANE);

  G_OBJECT_CLASS (ce_facets_pane_parent_class)->dispose (object);
}

static void
ce_facets_pane_finalize (GObject *object)
{
  CeFacetsPane *self = (CeFacetsPane *)object;

  g_clear_pointer (&self->shown_range, g_free);

  G_OBJECT_CLASS (ce_facets_pane_parent_class)->finalize (object);
}

static void
ce_facets_pane_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CeFacetsPane *self = CE_FACETS_PANE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ce_facets_pane_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CeFacetsPane *self = CE_FACETS_PANE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      ce_facets_pane_set_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ce_facets_pane_class_init (CeFacetsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ce_facets_pane_dispose;
  object_class->finalize = ce_facets_pane_finalize;
  object_class->get_property = ce_facets_pane_get_property;
  object_class->set_property = ce_facets_pane_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, CE_TYPE_DOCUMENT_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, APPLICATION_PATH "/ce-facets-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, CeFacetsPane, scroller);
  gtk_widget_class_bind_template_child (widget_class, CeFacetsPane, sections_box);
  gtk_widget_class_bind_template_child (widget_class, CeFacetsPane, date_section);
  gtk_widget_class_bind_template_child (widget_class, CeFacetsPane, from_entry);
  gtk_widget_class_bind_template_child (widget_class, CeFacetsPane, to_entry);
  gtk_widget_class_bind_template_child (widget_class, CeFacetsPane, date_apply_button);
  gtk_widget_class_bind_template_child (widget_class, CeFacetsPane, date_error_label);
  gtk_widget_class_bind_template_child (widget_class, CeFacetsPane, copies_section);
  gtk_widget_class_bind_template_child (widget_class, CeFacetsPane, all_copies_button);
  gtk_widget_class_bind_template_child (widget_class, CeFacetsPane, one_copy_button);
  gtk_widget_class_bind_template_callback (widget_class, on_date_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_one_copy_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "facetspane");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ce_facets_pane_init (CeFacetsPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  build_sections (self);
}

GtkWidget *
ce_facets_pane_new (void)
{
  return g_object_new (CE_TYPE_FACETS_PANE, NULL);
}

/**
 * ce_facets_pane_get_model:
 *
 * Returns: (transfer none) (nullable): the list the pane filters
 */
CeDocumentListModel *
ce_facets_pane_get_model (CeFacetsPane *self)
{
  g_return_val_if_fail (CE_IS_FACETS_PANE (self), NULL);
  return self->model;
}

/**
 * ce_facets_pane_set_model:
 * @model: (nullable): the list to count and filter
 */
void
ce_facets_pane_set_model (CeFacetsPane        *self,
                          CeDocumentListModel *model)
{
  g_return_if_fail (CE_IS_FACETS_PANE (self));
  g_return_if_fail (!model || CE_IS_DOCUMENT_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);

  if (model != NULL)
    {
      g_signal_connect_object (model, "facets-changed",
                               G_CALLBACK (on_facets_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (model, "query-changed",
                               G_CALLBACK (on_query_changed_cb), self, G_CONNECT_SWAPPED);
    }

  update_facets (self);
  update_date (self);
  update_copies (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * ce_facets_pane_find_row:
 *
 * Returns: (transfer none) (nullable): the row shown for @value of
 *   @field, a #GtkListBoxRow, or %NULL when it is not shown
 */
GtkWidget *
ce_facets_pane_find_row (CeFacetsPane *self,
                         const char   *field,
                         const char   *value)
{
  g_return_val_if_fail (CE_IS_FACETS_PANE (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (facet_info); i++)
    {
      if (!g_str_equal (facet_info[i].field, field))
        continue;

      for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sections[i].list));
           row != NULL;
           row = gtk_widget_get_next_sibling (row))
        {
          if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "facet-value"), value) == 0)
            return row;
        }
    }

  return NULL;
}

/**
 * ce_facets_pane_get_count:
 *
 * Returns: the count shown for @value of @field, or -1 when it is not
 *   shown
 */
gint64
ce_facets_pane_get_count (CeFacetsPane *self,
                          const char   *field,
                          const char   *value)
{
  GtkWidget *row;
  gint64 *count;

  g_return_val_if_fail (CE_IS_FACETS_PANE (self), -1);

  row = ce_facets_pane_find_row (self, field, value);
  if (row == NULL)
    return -1;

  count = g_object_get_data (G_OBJECT (row), "facet-count-value");
  return count != NULL ? *count : -1;
}
