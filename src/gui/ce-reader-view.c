/* ce-reader-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-reader-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ce-draft.h"
#include "ce-reader-view.h"

/* Headings stand out by size as well as weight */
#define HEADING_SCALE 1.3

struct _CeReaderView
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkStack          *stack;
  GtkScrolledWindow *scroller;
  GtkLabel          *title_label;
  GtkLabel          *meta_label;
  GtkTextView       *text_view;

  /* Owned references */
  CeDocument        *document;
  GtkTextTag        *body_tag;
  GtkTextTag        *heading_tag;
  double             zoom;
};

G_DEFINE_FINAL_TYPE (CeReaderView, ce_reader_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "2024-03-01" reads as "1 March 2024", "2024-03" as "March 2024";
 * anything else is shown as stored. */
static char *
format_date (const char *iso)
{
  g_autoptr(GDateTime) date = NULL;
  int year = 0, month = 0, day = 0;
  int n;

  if (iso == NULL || *iso == 0)
    return NULL;

  n = sscanf (iso, "%4d-%2d-%2d", &year, &month, &day);
  if (n >= 2 && month >= 1 && month <= 12)
    {
      if (n == 3 && day >= 1 && day <= 31)
        date = g_date_time_new_local (year, month, day, 0, 0, 0);
      if (date != NULL && strlen (iso) == 10)
        return g_date_time_format (date, "%-e %B %Y");

      g_clear_pointer (&date, g_date_time_unref);
      date = g_date_time_new_local (year, month, 1, 0, 0, 0);
      if (date != NULL && strlen (iso) == 7)
        return g_date_time_format (date, "%B %Y");
    }

  return g_strdup (iso);
}

static char *
build_metadata (CeDocument *document,
                guint       index,
                guint       n_documents)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *fields[] = {
    ce_document_get_place (document),
    NULL,
    ce_document_get_source (document),
    ce_document_get_author (document),
  };
  guint words = ce_document_get_words (document);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (i == 1)
        {
          char *date = format_date (ce_document_get_date (document));

          if (date != NULL)
            g_ptr_array_add (parts, date);
        }
      else if (fields[i] != NULL && *fields[i] != 0)
        g_ptr_array_add (parts, g_strdup (fields[i]));
    }

  g_ptr_array_add (parts, g_strdup_printf (ngettext ("%'u word", "%'u words", words), words));

  if (n_documents > 0 && index < n_documents)
    /* Translators: position of the document in the list, "3 of 120" */
    g_ptr_array_add (parts, g_strdup_printf (_("%'u of %'u"), index + 1, n_documents));

  /* Each part wraps as a whole: "6 of 30" never breaks after "6" */
  for (guint i = 0; i < parts->len; i++)
    {
      g_auto(GStrv) words_of_part = g_strsplit (g_ptr_array_index (parts, i), " ", -1);

      g_free (g_ptr_array_index (parts, i));
      g_ptr_array_index (parts, i) = g_strjoinv ("\u00a0", words_of_part);
    }

  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **)parts->pdata);
}

static void
fill_buffer (CeReaderView *self,
             const char   *body)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_auto(GStrv) paragraphs = NULL;
  GtkTextIter iter;
  gboolean first = TRUE;

  gtk_text_buffer_set_text (buffer, "", 0);
  gtk_text_buffer_get_start_iter (buffer, &iter);

  if (body == NULL)
    return;

  /* Paragraphs are separated by a blank line in the store; in the view
   * one line break each, spaced by pixels-below-lines. */
  paragraphs = g_strsplit (body, "\n\n", -1);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      const char *text = g_strstrip (paragraphs[i]);
      gboolean heading = FALSE;

      if (*text == 0)
        continue;

      if (g_str_has_prefix (text, CE_HEADING_MARK))
        {
          text += strlen (CE_HEADING_MARK);
          heading = TRUE;
        }

      if (!first)
        gtk_text_buffer_insert_with_tags (buffer, &iter, "\n", 1, self->body_tag, NULL);
      first = FALSE;

      gtk_text_buffer_insert_with_tags (buffer, &iter, text, -1,
                                        self->body_tag,
                                        heading ? self->heading_tag : NULL,
                                        NULL);
    }
}

static void
apply_zoom (CeReaderView *self)
{
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  g_object_set (self->body_tag, "scale", self->zoom, NULL);
  g_object_set (self->heading_tag, "scale", self->zoom * HEADING_SCALE, NULL);

  pango_attr_list_insert (attrs, pango_attr_scale_new (self->zoom));
  gtk_label_set_attributes (self->title_label, attrs);
}

static void
ce_reader_view_dispose (GObject *object)
{
  CeReaderView *self = (CeReaderView *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CE_TYPE_READER_VIEW);

  g_clear_object (&self->document);

  G_OBJECT_CLASS (ce_reader_view_parent_class)->dispose (object);
}

static void
ce_reader_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CeReaderView *self = CE_READER_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ce_reader_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CeReaderView *self = CE_READER_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      ce_reader_view_set_zoom (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ce_reader_view_class_init (CeReaderViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ce_reader_view_dispose;
  object_class->get_property = ce_reader_view_get_property;
  object_class->set_property = ce_reader_view_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CE_TYPE_DOCUMENT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, CE_READER_ZOOM_MIN, CE_READER_ZOOM_MAX, 1.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, APPLICATION_PATH "/ce-reader-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, stack);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, scroller);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, title_label);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, CeReaderView, text_view);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "readerview");
}

static void
ce_reader_view_init (CeReaderView *self)
{
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->zoom = 1.0;

  buffer = gtk_text_view_get_buffer (self->text_view);
  self->body_tag = gtk_text_buffer_create_tag (buffer, "body", NULL);
  self->heading_tag = gtk_text_buffer_create_tag (buffer, "heading",
                                                  "weight", PANGO_WEIGHT_BOLD,
                                                  "pixels-above-lines", 10,
                                                  NULL);
  apply_zoom (self);
}

GtkWidget *
ce_reader_view_new (void)
{
  return g_object_new (CE_TYPE_READER_VIEW, NULL);
}

/**
 * ce_reader_view_get_document:
 *
 * Returns: (transfer none) (nullable): the document shown
 */
CeDocument *
ce_reader_view_get_document (CeReaderView *self)
{
  g_return_val_if_fail (CE_IS_READER_VIEW (self), NULL);
  return self->document;
}

/**
 * ce_reader_view_set_document:
 * @document: (nullable): a document loaded with its body, or %NULL for
 *   the "Select a Document" state
 * @index: its position in the list
 * @n_documents: how many documents the list holds (0 to leave out
 *   "n of N")
 */
void
ce_reader_view_set_document (CeReaderView *self,
                             CeDocument   *document,
                             guint         index,
                             guint         n_documents)
{
  g_autofree char *meta = NULL;
  GtkAdjustment *vadjustment;
  const char *title;

  g_return_if_fail (CE_IS_READER_VIEW (self));
  g_return_if_fail (!document || CE_IS_DOCUMENT (document));

  g_set_object (&self->document, document);

  if (document == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->meta_label, "");
      fill_buffer (self, NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
      return;
    }

  title = ce_document_get_title (document);
  if (title == NULL || *title == 0)
    title = _("Untitled Document");

  meta = build_metadata (document, index, n_documents);

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->meta_label, meta);
  fill_buffer (self, ce_document_get_body (document));

  vadjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_lower (vadjustment));

  gtk_stack_set_visible_child_name (self->stack, "document");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

double
ce_reader_view_get_zoom (CeReaderView *self)
{
  g_return_val_if_fail (CE_IS_READER_VIEW (self), 1.0);
  return self->zoom;
}

/**
 * ce_reader_view_set_zoom:
 * @zoom: text scale, 1.0 for the normal size
 */
void
ce_reader_view_set_zoom (CeReaderView *self,
                         double        zoom)
{
  g_return_if_fail (CE_IS_READER_VIEW (self));

  zoom = CLAMP (zoom, CE_READER_ZOOM_MIN, CE_READER_ZOOM_MAX);
  if (G_APPROX_VALUE (zoom, self->zoom, 0.001))
    return;

  self->zoom = zoom;
  apply_zoom (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/**
 * ce_reader_view_get_buffer:
 *
 * Returns: (transfer none): the body text as shown
 */
GtkTextBuffer *
ce_reader_view_get_buffer (CeReaderView *self)
{
  g_return_val_if_fail (CE_IS_READER_VIEW (self), NULL);
  return gtk_text_view_get_buffer (self->text_view);
}

const char *
ce_reader_view_get_title (CeReaderView *self)
{
  g_return_val_if_fail (CE_IS_READER_VIEW (self), NULL);
  return gtk_label_get_text (self->title_label);
}

const char *
ce_reader_view_get_metadata (CeReaderView *self)
{
  g_return_val_if_fail (CE_IS_READER_VIEW (self), NULL);
  return gtk_label_get_text (self->meta_label);
}
