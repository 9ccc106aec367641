/* ce-export-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exports the chart on screen as PNG, SVG, PDF or CSV, or copies it as an
 * image.  Files are drawn by the same layout code as the screen, always
 * with titles, legend and source line, in the light theme on white (or
 * transparent) whatever the desktop's style.
 */

#define G_LOG_DOMAIN "ce-export-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ce-chart-export.h"
#include "ce-export-dialog.h"

/* The preview is drawn at most this wide, scaled down from the export */
#define PREVIEW_WIDTH 960

static const char * const format_names[] = { "png", "svg", "pdf", "csv" };
static const char * const format_suffixes[] = { ".png", ".svg", ".pdf", ".csv" };

struct _CeExportDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  GtkPicture           *preview;
  AdwComboRow          *format_row;
  AdwPreferencesGroup  *size_group;
  AdwActionRow         *width_row;
  AdwActionRow         *height_row;
  GtkSpinButton        *width_spin;
  GtkSpinButton        *height_spin;
  AdwComboRow          *scale_row;
  AdwPreferencesGroup  *background_group;
  GtkSwitch            *transparent_switch;
  GtkButton            *copy_button;
  GtkButton            *save_button;
  AdwToastOverlay      *toast_overlay;

  /* Owned references */
  GSettings            *settings;
  CePlot               *plot;      /* a light-theme plot of the model shown */
  GtkFileChooserNative *chooser;
  guint                 preview_source;
  gboolean              loading;
};

G_DEFINE_FINAL_TYPE (CeExportDialog, ce_export_dialog, ADW_TYPE_WINDOW)

static int
get_width (CeExportDialog *self)
{
  return gtk_spin_button_get_value_as_int (self->width_spin);
}

static int
get_height (CeExportDialog *self)
{
  return gtk_spin_button_get_value_as_int (self->height_spin);
}

static double
get_scale (CeExportDialog *self)
{
  return MIN (adw_combo_row_get_selected (self->scale_row), 3) + 1;
}

static gboolean
get_transparent (CeExportDialog *self)
{
  return gtk_switch_get_active (self->transparent_switch);
}

static void
update_sensitivity (CeExportDialog *self)
{
  CeExportFormat format = ce_export_dialog_get_format (self);

  gtk_widget_set_visible (GTK_WIDGET (self->size_group), format != CE_EXPORT_CSV);
  gtk_widget_set_visible (GTK_WIDGET (self->background_group), format != CE_EXPORT_CSV);
  gtk_widget_set_visible (GTK_WIDGET (self->scale_row), format == CE_EXPORT_PNG);

  adw_preferences_group_set_description (self->size_group,
                                         format == CE_EXPORT_PNG ? _("In pixels, before scaling")
                                                                 : _("In points"));
}

static void
save_settings (CeExportDialog *self)
{
  if (self->loading)
    return;

  g_settings_set_string (self->settings, "export-format", format_names[ce_export_dialog_get_format (self)]);
  g_settings_set_int (self->settings, "export-width", get_width (self));
  g_settings_set_int (self->settings, "export-height", get_height (self));
  g_settings_set_int (self->settings, "export-scale", (int)get_scale (self));
  g_settings_set_boolean (self->settings, "export-transparent", get_transparent (self));
}

static void
load_settings (CeExportDialog *self)
{
  g_autofree char *format = g_settings_get_string (self->settings, "export-format");

  self->loading = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_str_equal (format, format_names[i]))
      adw_combo_row_set_selected (self->format_row, i);

  gtk_spin_button_set_value (self->width_spin, g_settings_get_int (self->settings, "export-width"));
  gtk_spin_button_set_value (self->height_spin, g_settings_get_int (self->settings, "export-height"));
  adw_combo_row_set_selected (self->scale_row, CLAMP (g_settings_get_int (self->settings, "export-scale"), 1, 4) - 1);
  gtk_switch_set_active (self->transparent_switch, g_settings_get_boolean (self->settings, "export-transparent"));

  self->loading = FALSE;
}

/* Draws the export layout at its size and scales the picture down: the
 * preview shows where every label lands in the file. */
static GdkTexture *
render (CeExportDialog *self,
        int             width,
        int             height,
        double          scale)
{
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;
  CeColor bg;
  cairo_t *cr;
  int stride;
  int pixel_width = MAX (1, (int)(width * scale));
  int pixel_height = MAX (1, (int)(height * scale));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixel_width, pixel_height);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  if (!get_transparent (self))
    {
      ce_plot_get_theme_colors (self->plot, NULL, &bg);
      cairo_set_source_rgb (cr, bg.red, bg.green, bg.blue);
      cairo_paint (cr);
    }
  ce_plot_draw (self->plot, cr, width, height, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize)stride * pixel_height);
  cairo_surface_destroy (surface);

  return gdk_memory_texture_new (pixel_width, pixel_height, GDK_MEMORY_DEFAULT, bytes, stride);
}

static gboolean
update_preview_cb (gpointer user_data)
{
  CeExportDialog *self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  int width = get_width (self);
  int height = get_height (self);

  self->preview_source = 0;

  texture = render (self, width, height, MIN (1.0, (double)PREVIEW_WIDTH / MAX (width, height)));
  gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));

  return G_SOURCE_REMOVE;
}

static void
queue_preview (CeExportDialog *self)
{
  /* Typing a width redraws once, not per digit */
  if (self->preview_source == 0)
    self->preview_source = g_timeout_add (120, update_preview_cb, self);
}

static void
show_toast (CeExportDialog *self,
            const char     *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
show_error (CeExportDialog *self,
            const char     *heading,
            const GError   *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_format_changed_cb (CeExportDialog *self)
{
  update_sensitivity (self);
  save_settings (self);
}

static void
on_option_changed_cb (CeExportDialog *self)
{
  save_settings (self);
  queue_preview (self);
}

static void
save_response_cb (CeExportDialog       *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  if (!ce_export_dialog_save_to (self, file, &error))
    {
      show_error (self, _("Could Not Export the Chart"), error);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
on_save_clicked_cb (CeExportDialog *self)
{
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  CeExportFormat format = ce_export_dialog_get_format (self);
  g_autofree char *pattern = g_strconcat ("*", format_suffixes[format], NULL);

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export Chart"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  name = ce_export_dialog_suggest_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  gtk_file_filter_set_name (filter, adw_combo_row_get_selected_item (self->format_row)
                                    ? gtk_string_object_get_string (adw_combo_row_get_selected_item (self->format_row))
                                    : pattern);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (save_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_copy_clicked_cb (CeExportDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!ce_export_dialog_copy_image (self, &error))
    {
      show_error (self, _("Could Not Copy the Chart"), error);
      return;
    }

  show_toast (self, _("Chart copied as an image"));
}

static void
ce_export_dialog_dispose (GObject *object)
{
  CeExportDialog *self = (CeExportDialog *)object;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_clear_handle_id (&self->preview_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), CE_TYPE_EXPORT_DIALOG);

  g_clear_object (&self->plot);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ce_export_dialog_parent_class)->dispose (object);
}

static void
ce_export_dialog_class_init (CeExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ce_export_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, APPLICATION_PATH "/ce-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CeExportDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, CeExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, CeExportDialog, size_group);
  gtk_widget_class_bind_template_child (widget_class, CeExportDialog, width_row);
  gtk_widget_class_bind_template_child (widget_class, CeExportDialog, height_row);
  gtk_widget_class_bind_template_child (widget_class, CeExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, CeExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, CeExportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, CeExportDialog, background_group);
  gtk_widget_class_bind_template_child (widget_class, CeExportDialog, transparent_switch);
  gtk_widget_class_bind_template_child (widget_class, CeExportDialog, copy_button);
  gtk_widget_class_bind_template_child (widget_class, CeExportDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, CeExportDialog, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, on_format_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_option_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ce_export_dialog_init (CeExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  load_settings (self);
  update_sensitivity (self);
}

/**
 * ce_export_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @plot: the plot on screen: its model and kind are exported
 *
 * Returns: (transfer none): a new dialog; present it
 */
CeExportDialog *
ce_export_dialog_new (GtkWindow *parent,
                      CePlot    *plot)
{
  CeExportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CE_IS_PLOT (plot), NULL);
  g_return_val_if_fail (ce_plot_get_model (plot) != NULL, NULL);

  self = g_object_new (CE_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);

  /* A report wants the light theme whatever the desktop uses */
  self->plot = ce_plot_new (ce_plot_get_model (plot), ce_plot_get_kind (plot));
  ce_plot_set_heatmap_ramp (self->plot, ce_plot_get_heatmap_ramp (plot));
  ce_plot_set_font_family (self->plot, ce_plot_get_font_family (plot));
  ce_plot_set_theme (self->plot, CE_PLOT_THEME_LIGHT);

  update_preview_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->save_button));

  return self;
}

CeExportFormat
ce_export_dialog_get_format (CeExportDialog *self)
{
  g_return_val_if_fail (CE_IS_EXPORT_DIALOG (self), CE_EXPORT_PNG);
  return MIN (adw_combo_row_get_selected (self->format_row), CE_EXPORT_CSV);
}

void
ce_export_dialog_set_format (CeExportDialog *self,
                             CeExportFormat  format)
{
  g_return_if_fail (CE_IS_EXPORT_DIALOG (self));
  g_return_if_fail (format <= CE_EXPORT_CSV);

  adw_combo_row_set_selected (self->format_row, format);
}

/**
 * ce_export_dialog_suggest_name:
 *
 * Returns: (transfer full): a file name made from the chart's title, with
 *   the suffix of the format: "Trade and Climate.png"
 */
char *
ce_export_dialog_suggest_name (CeExportDialog *self)
{
  CeChartModel *model;
  const char *title;
  g_autoptr(GString) name = NULL;

  g_return_val_if_fail (CE_IS_EXPORT_DIALOG (self), NULL);

  model = ce_plot_get_model (self->plot);
  title = model != NULL ? ce_chart_model_get_title (model) : NULL;
  if (title == NULL || title[0] == 0)
    title = _("Chart");

  /* Characters that file systems or shells dislike become spaces */
  name = g_string_new (NULL);
  for (const char *p = title; *p != 0 && name->len < 120; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || strchr ("/\\:*?\"<>|", (int)c) != NULL)
        c = ' ';
      if (c == ' ' && (name->len == 0 || name->str[name->len - 1] == ' '))
        continue;
      g_string_append_unichar (name, c);
    }
  while (name->len > 0 && (name->str[name->len - 1] == ' ' || name->str[name->len - 1] == '.'))
    g_string_truncate (name, name->len - 1);
  if (name->len == 0)
    g_string_append (name, _("Chart"));

  g_string_append (name, format_suffixes[ce_export_dialog_get_format (self)]);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

/**
 * ce_export_dialog_save_to:
 * @file: a local file to write, replaced
 *
 * Writes the chart in the format, size, scale and background chosen.
 *
 * Returns: %TRUE when the file was written
 */
gboolean
ce_export_dialog_save_to (CeExportDialog  *self,
                          GFile           *file,
                          GError         **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (CE_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Charts can only be saved to a folder on this computer"));
      return FALSE;
    }

  switch (ce_export_dialog_get_format (self))
    {
    case CE_EXPORT_PNG:
      return ce_chart_export_png (self->plot, path, get_width (self), get_height (self),
                                  get_scale (self), get_transparent (self), error);
    case CE_EXPORT_SVG:
      return ce_chart_export_svg (self->plot, path, get_width (self), get_height (self),
                                  get_transparent (self), error);
    case CE_EXPORT_PDF:
      return ce_chart_export_pdf (self->plot, path, get_width (self), get_height (self),
                                  get_transparent (self), error);
    case CE_EXPORT_CSV:
    default:
      return ce_chart_export_csv (ce_plot_get_model (self->plot), path, error);
    }
}

/**
 * ce_export_dialog_render_texture:
 *
 * Returns: (transfer full) (nullable): the chart as the PNG export draws
 *   it, at the size and scale chosen
 */
GdkTexture *
ce_export_dialog_render_texture (CeExportDialog  *self,
                                 GError         **error)
{
  g_autoptr(GBytes) png = NULL;

  g_return_val_if_fail (CE_IS_EXPORT_DIALOG (self), NULL);

  png = ce_chart_render_png_bytes (self->plot, get_width (self), get_height (self),
                                   get_scale (self), get_transparent (self), error);
  if (png == NULL)
    return NULL;

  return gdk_texture_new_from_bytes (png, error);
}

/**
 * ce_export_dialog_copy_image:
 *
 * Puts the chart on the clipboard as an image, as the PNG export draws it.
 *
 * Returns: %TRUE on success
 */
gboolean
ce_export_dialog_copy_image (CeExportDialog  *self,
                             GError         **error)
{
  g_autoptr(GdkTexture) texture = NULL;

  g_return_val_if_fail (CE_IS_EXPORT_DIALOG (self), FALSE);

  texture = ce_export_dialog_render_texture (self, error);
  if (texture == NULL)
    return FALSE;

  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  return TRUE;
}
