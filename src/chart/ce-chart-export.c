/* ce-chart-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-chart-export"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <string.h>

#include "ce-chart-export.h"

/* Larger images are a mistake, and cairo refuses them anyway. */
#define MAX_PIXELS 16384

typedef enum
{
  TARGET_PNG,
  TARGET_SVG,
  TARGET_PDF,
} Target;

/* A private plot with the same settings: an export must not replace the
 * layout an on-screen plot answers hit tests from. */
static CePlot *
clone_plot (CePlot *plot)
{
  CePlot *clone = ce_plot_new (ce_plot_get_model (plot), ce_plot_get_kind (plot));

  ce_plot_set_theme (clone, ce_plot_get_theme (plot));
  ce_plot_set_font_family (clone, ce_plot_get_font_family (plot));
  ce_plot_set_heatmap_ramp (clone, ce_plot_get_heatmap_ramp (plot));

  return clone;
}

/* Fixed font options, so a file looks the same whatever the desktop's
 * hinting settings; metrics unhinted so every scale lays out alike. */
static void
set_export_font_options (CePlot *plot,
                         Target  target)
{
  cairo_font_options_t *options;

  if (ce_plot_get_font_options (plot) != NULL)
    return;

  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  if (target == TARGET_PNG)
    {
      cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_SLIGHT);
    }
  else
    cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);

  ce_plot_set_font_options (plot, options);
  cairo_font_options_destroy (options);
}

static void
paint_plot (CePlot   *plot,
            cairo_t  *cr,
            int       width,
            int       height,
            gboolean  transparent)
{
  CeColor fg;
  CeColor bg;

  ce_plot_get_theme_colors (plot, &fg, &bg);

  if (!transparent)
    {
      cairo_set_source_rgb (cr, bg.red, bg.green, bg.blue);
      cairo_paint (cr);
    }

  ce_plot_draw (plot, cr, width, height, NULL);
}

static gboolean
check_size (int      width,
            int      height,
            double   scale,
            GError **error)
{
  if (width <= 0 || height <= 0
      || width * scale > MAX_PIXELS || height * scale > MAX_PIXELS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Cannot draw a chart of %d × %d at scale %g: the size must be positive "
                   "and at most %d pixels a side",
                   width, height, scale, MAX_PIXELS);
      return FALSE;
    }

  return TRUE;
}

static cairo_status_t
append_bytes_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
write_file (const char  *path,
            GByteArray  *bytes,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_file_set_contents (path, (const char *)bytes->data, bytes->len, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "Could not write the chart: %s", local_error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * ce_chart_render_png_bytes:
 * @plot: a plot
 * @width: width in logical pixels
 * @height: height in logical pixels
 * @scale: 1 to 4; the image has @scale × @width by @scale × @height pixels
 * @transparent: leave the background transparent
 * @error: return location for an error
 *
 * Renders a PNG in memory, for the clipboard.
 *
 * Returns: (transfer full) (nullable): the PNG data
 */
GBytes *
ce_chart_render_png_bytes (CePlot    *plot,
                           int        width,
                           int        height,
                           double     scale,
                           gboolean   transparent,
                           GError   **error)
{
  g_autoptr(CePlot) clone = NULL;
  g_autoptr(GByteArray) bytes = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (CE_IS_PLOT (plot), NULL);
  g_return_val_if_fail (scale >= 1 && scale <= 4, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_size (width, height, scale, error))
    return NULL;

  clone = clone_plot (plot);
  set_export_font_options (clone, TARGET_PNG);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        (int)ceil (width * scale),
                                        (int)ceil (height * scale));
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  paint_plot (clone, cr, width, height, transparent);
  status = cairo_status (cr);
  cairo_destroy (cr);

  bytes = g_byte_array_new ();
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, append_bytes_cb, bytes);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Could not render the chart as PNG: %s", cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/**
 * ce_chart_export_png:
 * @plot: a plot
 * @path: the file to write (replaced atomically)
 * @width: width in logical pixels
 * @height: height in logical pixels
 * @scale: 1 to 4, for high-resolution images
 * @transparent: leave the background transparent
 * @error: return location for an error
 *
 * Returns: %TRUE when the file was written
 */
gboolean
ce_chart_export_png (CePlot      *plot,
                     const char  *path,
                     int          width,
                     int          height,
                     double       scale,
                     gboolean     transparent,
                     GError     **error)
{
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GByteArray) bytes = NULL;

  g_return_val_if_fail (CE_IS_PLOT (plot), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (scale >= 1 && scale <= 4, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  png = ce_chart_render_png_bytes (plot, width, height, scale, transparent, error);
  if (png == NULL)
    return FALSE;

  bytes = g_bytes_unref_to_array (g_steal_pointer (&png));
  return write_file (path, bytes, error);
}

static gboolean
export_vector (CePlot      *plot,
               Target       target,
               const char  *path,
               int          width,
               int          height,
               gboolean     transparent,
               GError     **error)
{
  g_autoptr(CePlot) clone = NULL;
  g_autoptr(GByteArray) bytes = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (!check_size (width, height, 1, error))
    return FALSE;

  clone = clone_plot (plot);
  set_export_font_options (clone, target);

  bytes = g_byte_array_new ();
  if (target == TARGET_SVG)
    {
      surface = cairo_svg_surface_create_for_stream (append_bytes_cb, bytes, width, height);
      cairo_svg_surface_restrict_to_version (surface, CAIRO_SVG_VERSION_1_1);
    }
  else
    {
      const char *title = ce_chart_model_get_title (ce_plot_get_model (plot));

      surface = cairo_pdf_surface_create_for_stream (append_bytes_cb, bytes, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME);
      if (title != NULL && title[0] != '\0')
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
    }

  cr = cairo_create (surface);
  paint_plot (clone, cr, width, height, transparent);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Could not render the chart for “%s”: %s",
                   path, cairo_status_to_string (status));
      return FALSE;
    }

  return write_file (path, bytes, error);
}

/**
 * ce_chart_export_svg:
 * @plot: a plot
 * @path: the file to write
 * @width: width in points
 * @height: height in points
 * @transparent: leave the background transparent
 * @error: return location for an error
 *
 * Returns: %TRUE when the file was written
 */
gboolean
ce_chart_export_svg (CePlot      *plot,
                     const char  *path,
                     int          width,
                     int          height,
                     gboolean     transparent,
                     GError     **error)
{
  g_return_val_if_fail (CE_IS_PLOT (plot), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_vector (plot, TARGET_SVG, path, width, height, transparent, error);
}

/**
 * ce_chart_export_pdf:
 * @plot: a plot
 * @path: the file to write
 * @width: page width in points
 * @height: page height in points
 * @transparent: leave the page without background; otherwise it is the
 *   theme's (white for the light theme)
 * @error: return location for an error
 *
 * Returns: %TRUE when the file was written
 */
gboolean
ce_chart_export_pdf (CePlot      *plot,
                     const char  *path,
                     int          width,
                     int          height,
                     gboolean     transparent,
                     GError     **error)
{
  g_return_val_if_fail (CE_IS_PLOT (plot), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_vector (plot, TARGET_PDF, path, width, height, transparent, error);
}

/* CSV ------------------------------------------------------------------- */

static void
append_field (GString    *out,
              const char *text)
{
  if (text == NULL)
    return;

  if (strpbrk (text, ",\"\r\n") == NULL
      && text[0] != ' ' && (text[0] == '\0' || text[strlen (text) - 1] != ' '))
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* The shortest text that reads back as the same double, with "." for the
 * decimal point whatever the locale. */
static void
append_number (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value) || isinf (value))
    return;

  for (int digits = 6; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  g_string_append (out, buffer);
}

/**
 * ce_chart_export_csv_to_string:
 * @model: a model
 *
 * The chart's data as CSV: a header "category,<series>…" naming the visible
 * series, then one row per category in chart order, with empty fields for
 * missing data.  A model with dispersion rows and no categories gives one
 * row per mention: "document,length,topic,position".
 *
 * Returns: (transfer full): the CSV text, lines ending in "\n"
 */
char *
ce_chart_export_csv_to_string (CeChartModel *model)
{
  GString *out;
  guint n_series;
  guint n_categories;

  g_return_val_if_fail (CE_IS_CHART_MODEL (model), NULL);

  out = g_string_new (NULL);
  n_series = ce_chart_model_get_n_series (model);
  n_categories = ce_chart_model_get_n_categories (model);

  if (n_categories == 0 && ce_chart_model_get_n_documents (model) > 0)
    {
      g_string_append (out, "document,length,topic,position\n");
      for (guint row = 0; row < ce_chart_model_get_n_documents (model); row++)
        for (guint s = 0; s < n_series; s++)
          {
            guint n;
            const double *positions;

            if (!ce_chart_model_get_series_visible (model, s))
              continue;

            positions = ce_chart_model_get_mentions (model, row, s, &n);
            for (guint i = 0; i < n; i++)
              {
                append_field (out, ce_chart_model_get_document_label (model, row));
                g_string_append_c (out, ',');
                append_number (out, ce_chart_model_get_document_length (model, row));
                g_string_append_c (out, ',');
                append_field (out, ce_chart_model_get_series_name (model, s));
                g_string_append_c (out, ',');
                append_number (out, positions[i]);
                g_string_append_c (out, '\n');
              }
          }

      return g_string_free (out, FALSE);
    }

  g_string_append (out, "category");
  for (guint s = 0; s < n_series; s++)
    {
      if (!ce_chart_model_get_series_visible (model, s))
        continue;
      g_string_append_c (out, ',');
      append_field (out, ce_chart_model_get_series_name (model, s));
    }
  g_string_append_c (out, '\n');

  for (guint c = 0; c < n_categories; c++)
    {
      append_field (out, ce_chart_model_get_category_label (model, c));
      for (guint s = 0; s < n_series; s++)
        {
          if (!ce_chart_model_get_series_visible (model, s))
            continue;
          g_string_append_c (out, ',');
          append_number (out, ce_chart_model_get_value (model, s, c));
        }
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

/**
 * ce_chart_export_csv_to_stream:
 * @model: a model
 * @stream: where to write
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Writes ce_chart_export_csv_to_string() to @stream, in UTF-8.
 *
 * Returns: %TRUE on success
 */
gboolean
ce_chart_export_csv_to_stream (CeChartModel   *model,
                               GOutputStream  *stream,
                               GCancellable   *cancellable,
                               GError        **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CE_IS_CHART_MODEL (model), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = ce_chart_export_csv_to_string (model);

  return g_output_stream_write_all (stream, text, strlen (text), NULL, cancellable, error);
}

/**
 * ce_chart_export_csv:
 * @model: a model
 * @path: the file to write (replaced atomically)
 * @error: return location for an error
 *
 * Returns: %TRUE when the file was written
 */
gboolean
ce_chart_export_csv (CeChartModel  *model,
                     const char    *path,
                     GError       **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CE_IS_CHART_MODEL (model), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = ce_chart_export_csv_to_string (model);
  if (!g_file_set_contents (path, text, -1, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "Could not write the chart data: %s", local_error->message);
      return FALSE;
    }

  return TRUE;
}
