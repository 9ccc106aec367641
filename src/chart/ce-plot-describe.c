/* ce-plot-describe.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A chart in words, for screen readers: what is plotted and its largest
 * values.  The chart widget gives it to assistive technologies as its
 * accessible description.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ce-plot-private.h"

/* How many of the largest values the description names */
#define N_LARGEST 3

typedef struct
{
  guint series;
  guint category;
  double value;
} Cell;

static int
compare_cells (gconstpointer a,
               gconstpointer b)
{
  const Cell *ca = a;
  const Cell *cb = b;

  if (ca->value != cb->value)
    return ca->value > cb->value ? -1 : 1;
  if (ca->category != cb->category)
    return ca->category < cb->category ? -1 : 1;
  return ca->series < cb->series ? -1 : ca->series > cb->series;
}

static const char *
kind_name (CePlotKind kind)
{
  switch (kind)
    {
    case CE_PLOT_STACKED:
      return _("Stacked bar chart");
    case CE_PLOT_LINES:
      return _("Line chart");
    case CE_PLOT_HEATMAP:
      return _("Heat map");
    case CE_PLOT_DISPERSION:
      return _("Dispersion plot");
    case CE_PLOT_BARS:
    default:
      return _("Bar chart");
    }
}

/**
 * ce_plot_describe:
 * @self: a plot
 *
 * Describes the chart in plain text: its kind and title, the value and
 * category axes, the topics shown, and the largest values with their
 * topic and category (numbers as the chart writes them).
 *
 * Returns: (transfer full): the description
 */
char *
ce_plot_describe (CePlot *self)
{
  CeChartModel *model;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) cells = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint n_series;
  guint n_categories;
  const char *title;

  g_return_val_if_fail (CE_IS_PLOT (self), NULL);

  model = ce_plot_get_model (self);
  if (model == NULL)
    return g_strdup (_("No chart"));

  title = ce_chart_model_get_title (model);
  g_string_append (text, kind_name (ce_plot_get_kind (self)));
  if (title != NULL && *title != '\0')
    g_string_append_printf (text, ": %s", title);
  g_string_append (text, ". ");

  n_series = ce_chart_model_get_n_series (model);
  for (guint s = 0; s < n_series; s++)
    if (ce_chart_model_get_series_visible (model, s))
      g_ptr_array_add (names, (gpointer)ce_chart_model_get_series_name (model, s));

  if (ce_plot_get_kind (self) == CE_PLOT_DISPERSION)
    {
      guint n_documents = ce_chart_model_get_n_documents (model);

      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "Where the topics are mentioned in %u document.",
                                           "Where the topics are mentioned in %u documents.",
                                           n_documents),
                              n_documents);
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  n_categories = ce_chart_model_get_n_categories (model);
  if (names->len == 0 || n_categories == 0)
    {
      g_string_append (text, _("No data."));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  {
    const char *y = ce_chart_model_get_y_title (model);
    const char *x = ce_chart_model_get_x_title (model);
    g_autofree char *topics = NULL;

    g_ptr_array_add (names, NULL);
    topics = g_strjoinv (", ", (char **)names->pdata);
    /* Translators: "Mentions by place in 12 categories, for China, Russia." */
    g_string_append_printf (text,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "%s by %s in %u category, for %s.",
                                         "%s by %s in %u categories, for %s.",
                                         n_categories),
                            y != NULL ? y : _("Values"), x != NULL ? x : _("category"),
                            n_categories, topics);
  }

  cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  for (guint s = 0; s < n_series; s++)
    {
      if (!ce_chart_model_get_series_visible (model, s))
        continue;
      for (guint c = 0; c < n_categories; c++)
        {
          Cell cell = { s, c, ce_chart_model_get_value (model, s, c) };

          if (!isnan (cell.value) && cell.value > 0)
            g_array_append_val (cells, cell);
        }
    }
  g_array_sort (cells, compare_cells);

  if (cells->len == 0)
    {
      g_string_append_c (text, ' ');
      g_string_append (text, _("Every value is zero."));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  g_string_append_c (text, ' ');
  g_string_append (text, _("Largest:"));
  for (guint i = 0; i < MIN (cells->len, N_LARGEST); i++)
    {
      const Cell *cell = &g_array_index (cells, Cell, i);
      g_autofree char *value = ce_plot_format_value (self, cell->value);

      /* Translators: a topic, a category and a value: "China in Beijing, 412" */
      g_string_append_printf (text, i == 0 ? _(" %s in %s, %s") : _("; %s in %s, %s"),
                              ce_chart_model_get_series_name (model, cell->series),
                              ce_chart_model_get_category_label (model, cell->category),
                              value);
    }
  g_string_append_c (text, '.');

  return g_string_free (g_steal_pointer (&text), FALSE);
}
