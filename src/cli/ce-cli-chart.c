/* ce-cli-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "ce-chart-count.h"
#include "ce-chart-export.h"
#include "ce-cli-private.h"

#define DEFAULT_WIDTH  1600
#define DEFAULT_HEIGHT 1000

/* What the chart needs once the counts are made */
typedef struct
{
  CeChartCountOptions  count_options;
  CePlotKind           kind;
  const char          *png;
  const char          *svg;
  const char          *pdf;
  const char          *csv;
  int                  width;
  int                  height;
  double               scale;
  gboolean             transparent;
  gboolean             dark;
} ChartRun;

static int
write_chart (CeCorpus     *corpus,
             GPtrArray    *topics,
             CeCountTable *table,
             gpointer      data)
{
  ChartRun *run = data;
  g_autoptr(CeChartModel) model = NULL;
  g_autoptr(CePlot) plot = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  model = ce_chart_count_build_model (corpus, topics, table, &run->count_options, NULL, &error);
  if (model == NULL)
    {
      _ce_cli_error ("%s", error->message);
      return CE_CLI_FAILED;
    }

  if (run->csv != NULL)
    {
      if (g_str_equal (run->csv, "-"))
        {
          g_autofree char *text = ce_chart_export_csv_to_string (model);

          fputs (text, stdout);
          return fflush (stdout) == 0 ? CE_CLI_OK : CE_CLI_FAILED;
        }

      ok = ce_chart_export_csv (model, run->csv, &error);
    }
  else
    {
      plot = ce_plot_new (model, run->kind);
      ce_plot_set_theme (plot, run->dark ? CE_PLOT_THEME_DARK : CE_PLOT_THEME_LIGHT);

      if (run->png != NULL)
        ok = ce_chart_export_png (plot, run->png, run->width, run->height, run->scale, run->transparent, &error);
      else if (run->svg != NULL)
        ok = ce_chart_export_svg (plot, run->svg, run->width, run->height, run->transparent, &error);
      else
        ok = ce_chart_export_pdf (plot, run->pdf, run->width, run->height, run->transparent, &error);
    }

  if (!ok)
    {
      _ce_cli_error ("%s", error->message);
      return CE_CLI_FAILED;
    }

  return CE_CLI_OK;
}

/**
 * _ce_cli_chart:
 *
 * `corpus-explorer chart FILE.corpus --topic NAME[=TERMS]… --by G
 * --measure M --kind K [--query Q] [--top N] [--title T] [--width W
 * --height H --scale S] (--png|--svg|--pdf|--csv) OUT`
 */
int
_ce_cli_chart (int    argc,
               char **argv)
{
  g_auto(CeCliCountOptions) options = { 0 };
  ChartRun run = { { 0 } };
  g_autofree char *kind_name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *source = NULL;
  g_autofree char *png = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *csv = NULL;
  gboolean transparent = FALSE;
  gboolean dark = FALSE;
  int width = DEFAULT_WIDTH;
  int height = DEFAULT_HEIGHT;
  double scale = 1;
  CePlotKind kind = CE_PLOT_BARS;
  guint n_outputs;
  int exit_code;
  GOptionEntry entries[_CE_CLI_N_COUNT_ENTRIES + 15] = {
    [_CE_CLI_N_COUNT_ENTRIES] =
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_name,
      N_("bars, stacked, lines, heatmap or dispersion (default bars)"), N_("KIND") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title,
      N_("The chart’s title (default: the topics)"), N_("TITLE") },
    { "subtitle", 0, 0, G_OPTION_ARG_STRING, &subtitle,
      N_("The line under the title (default: measure, grouping and documents)"), N_("TEXT") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source,
      N_("The source note under the chart (default: the corpus)"), N_("TEXT") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width,
      N_("Width in pixels (PNG) or points (SVG, PDF); default 1600"), N_("W") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height,
      N_("Height in pixels (PNG) or points (SVG, PDF); default 1000"), N_("H") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale,
      N_("Multiply the PNG’s pixels by 1 to 4, for sharp prints"), N_("S") },
    { "transparent", 0, 0, G_OPTION_ARG_NONE, &transparent,
      N_("Leave the background transparent"), NULL },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark,
      N_("Light text on a dark background"), NULL },
    { "png", 0, 0, G_OPTION_ARG_FILENAME, &png, N_("Write a PNG image"), N_("OUT") },
    { "svg", 0, 0, G_OPTION_ARG_FILENAME, &svg, N_("Write an SVG image"), N_("OUT") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("Write a PDF page"), N_("OUT") },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv,
      N_("Write the chart’s numbers as CSV (“-” for standard output)"), N_("OUT") },
    { NULL }
  };

  _ce_cli_count_entries (&options, entries);

  if (!_ce_cli_parse ("chart", entries, &argc, &argv, 1, 1, &exit_code))
    return exit_code;

  n_outputs = (png != NULL) + (svg != NULL) + (pdf != NULL) + (csv != NULL);
  if (n_outputs != 1)
    {
      _ce_cli_error (_("Give exactly one of --png, --svg, --pdf or --csv with the file to write"));
      return CE_CLI_USAGE;
    }

  if (kind_name != NULL)
    {
      int value;

      if (!_ce_cli_parse_nick (CE_TYPE_PLOT_KIND, kind_name, &value))
        {
          _ce_cli_error (_("Unknown --kind “%s”: use bars, stacked, lines, heatmap or dispersion"),
                         kind_name);
          return CE_CLI_USAGE;
        }
      kind = value;
    }

  if (width < 1 || height < 1 || width > 20000 || height > 20000)
    {
      _ce_cli_error (_("--width and --height must be between 1 and 20000"));
      return CE_CLI_USAGE;
    }
  if (!(scale >= 1 && scale <= 4))
    {
      _ce_cli_error (_("--scale must be between 1 and 4"));
      return CE_CLI_USAGE;
    }

  /* Ticks of a dispersion strip are in documents */
  if (kind == CE_PLOT_DISPERSION && options.by == NULL)
    options.by = g_strdup ("document");

  run.count_options.title = title;
  run.count_options.subtitle = subtitle;
  run.count_options.source = source;
  run.count_options.query = options.query;
  run.count_options.dispersion = kind == CE_PLOT_DISPERSION;
  run.kind = kind;
  run.png = png;
  run.svg = svg;
  run.pdf = pdf;
  run.csv = csv;
  run.width = width;
  run.height = height;
  run.scale = scale;
  run.transparent = transparent;
  run.dark = dark;

  return _ce_cli_count (&options, argv[1], write_chart, &run);
}
