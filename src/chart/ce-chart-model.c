/* ce-chart-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CeChartModel: texts, measure, series, categories and values.  The
 * dispersion rows are in ce-chart-model-rows.c.
 */

#define G_LOG_DOMAIN "ce-chart-model"

#include "config.h"

#include <math.h>
#include <string.h>

#include "ce-chart-model-private.h"
#include "ce-topic.h"

G_DEFINE_FINAL_TYPE (CeChartModel, ce_chart_model, G_TYPE_OBJECT)

static void
series_free (gpointer data)
{
  Series *series = data;

  g_free (series->name);
  g_array_unref (series->values);
  g_free (series);
}

static void
category_clear (gpointer data)
{
  Category *category = data;

  g_clear_pointer (&category->label, g_free);
}

void
_ce_chart_model_changed (CeChartModel *self)
{
  self->generation++;
}

static void
ce_chart_model_finalize (GObject *object)
{
  CeChartModel *self = (CeChartModel *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->x_title, g_free);
  g_clear_pointer (&self->y_title, g_free);
  g_clear_pointer (&self->unit_label, g_free);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->categories, g_array_unref);
  g_clear_pointer (&self->documents, g_ptr_array_unref);

  G_OBJECT_CLASS (ce_chart_model_parent_class)->finalize (object);
}

static void
ce_chart_model_class_init (CeChartModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ce_chart_model_finalize;
}

static void
ce_chart_model_init (CeChartModel *self)
{
  self->series = g_ptr_array_new_with_free_func (series_free);
  self->categories = g_array_new (FALSE, TRUE, sizeof (Category));
  g_array_set_clear_func (self->categories, category_clear);
  self->documents = g_ptr_array_new_with_free_func (_ce_chart_model_document_free);
  self->measure = CE_CHART_MEASURE_MENTIONS;
  self->generation = 1;
}

CeChartModel *
ce_chart_model_new (void)
{
  return g_object_new (CE_TYPE_CHART_MODEL, NULL);
}

/**
 * ce_chart_model_copy:
 * @self: a model
 *
 * Returns: (transfer full): a deep copy of @self
 */
CeChartModel *
ce_chart_model_copy (CeChartModel *self)
{
  CeChartModel *copy;

  g_return_val_if_fail (CE_IS_CHART_MODEL (self), NULL);

  copy = ce_chart_model_new ();
  copy->title = g_strdup (self->title);
  copy->subtitle = g_strdup (self->subtitle);
  copy->source = g_strdup (self->source);
  copy->x_title = g_strdup (self->x_title);
  copy->y_title = g_strdup (self->y_title);
  copy->unit_label = g_strdup (self->unit_label);
  copy->measure = self->measure;

  for (guint i = 0; i < self->series->len; i++)
    {
      const Series *series = g_ptr_array_index (self->series, i);
      Series *dup = g_new0 (Series, 1);

      dup->name = g_strdup (series->name);
      dup->color = series->color;
      dup->visible = series->visible;
      dup->values = g_array_copy (series->values);
      g_ptr_array_add (copy->series, dup);
    }

  for (guint i = 0; i < self->categories->len; i++)
    {
      Category category = g_array_index (self->categories, Category, i);

      category.label = g_strdup (category.label);
      g_array_append_val (copy->categories, category);
    }

  for (guint i = 0; i < self->documents->len; i++)
    {
      const Document *document = g_ptr_array_index (self->documents, i);
      Document *dup = _ce_chart_model_document_new (document->label, document->length);

      for (guint j = 0; j < document->mentions->len; j++)
        {
          GArray *positions = g_ptr_array_index (document->mentions, j);

          g_ptr_array_add (dup->mentions,
                           positions != NULL ? g_array_copy (positions) : NULL);
        }
      g_ptr_array_add (copy->documents, dup);
    }

  return copy;
}

/**
 * ce_chart_model_get_generation:
 * @self: a model
 *
 * Returns: a number that changes whenever anything in @self changes
 */
guint64
ce_chart_model_get_generation (CeChartModel *self)
{
  g_return_val_if_fail (CE_IS_CHART_MODEL (self), 0);

  return self->generation;
}

static void
set_string (CeChartModel  *self,
            char         **field,
            const char    *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  _ce_chart_model_changed (self);
}

void
ce_chart_model_set_title (CeChartModel *self,
                          const char   *title)
{
  g_return_if_fail (CE_IS_CHART_MODEL (self));
  set_string (self, &self->title, title);
}

const char *
ce_chart_model_get_title (CeChartModel *self)
{
  g_return_val_if_fail (CE_IS_CHART_MODEL (self), NULL);
  return self->title;
}

void
ce_chart_model_set_subtitle (CeChartModel *self,
                             const char   *subtitle)
{
  g_return_if_fail (CE_IS_CHART_MODEL (self));
  set_string (self, &self->subtitle, subtitle);
}

const char *
ce_chart_model_get_subtitle (CeChartModel *self)
{
  g_return_val_if_fail (CE_IS_CHART_MODEL (self), NULL);
  return self->subtitle;
}

void
ce_chart_model_set_source (CeChartModel *self,
                           const char   *source)
{
  g_return_if_fail (CE_IS_CHART_MODEL (self));
  set_string (self, &self->source, source);
}

const char *
ce_chart_model_get_source (CeChartModel *self)
{
  g_return_val_if_fail (CE_IS_CHART_MODEL (self), NULL);
  return self->source;
}

void
ce_chart_model_set_x_title (CeChartModel *self,
                            const char   *x_title)
{
  g_return_if_fail (CE_IS_CHART_MODEL (self));
  set_string (self, &self->x_title, x_title);
}

const char *
ce_chart_model_get_x_title (CeChartModel *self)
{
  g_return_val_if_fail (CE_IS_CHART_MODEL (self), NULL);
  return self->x_title;
}

void
ce_chart_model_set_y_title (CeChartModel *self,
                            const char   *y_title)
{
  g_return_if_fail (CE_IS_CHART_MODEL (self));
  set_string (self, &self->y_title, y_title);
}

/**
 * ce_chart_model_get_y_title:
 * @self: a model
 *
 * Returns: the y-axis title, or else the unit label, or else the name of
 *   the measure
 */
const char *
ce_chart_model_get_y_title (CeChartModel *self)
{
  g_return_val_if_fail (CE_IS_CHART_MODEL (self), NULL);

  if (self->y_title != NULL)
    return self->y_title;

  return ce_chart_model_get_unit_label (self);
}

void
ce_chart_model_set_measure (CeChartModel   *self,
                            CeChartMeasure  measure)
{
  g_return_if_fail (CE_IS_CHART_MODEL (self));
  g_return_if_fail (measure <= CE_CHART_MEASURE_SHARE);

  if (self->measure != measure)
    {
      self->measure = measure;
      _ce_chart_model_changed (self);
    }
}

CeChartMeasure
ce_chart_model_get_measure (CeChartModel *self)
{
  g_return_val_if_fail (CE_IS_CHART_MODEL (self), CE_CHART_MEASURE_MENTIONS);
  return self->measure;
}

void
ce_chart_model_set_unit_label (CeChartModel *self,
                               const char   *unit_label)
{
  g_return_if_fail (CE_IS_CHART_MODEL (self));
  set_string (self, &self->unit_label, unit_label);
}

/**
 * ce_chart_model_get_unit_label:
 * @self: a model
 *
 * Returns: the unit label set, or one that names the measure
 */
const char *
ce_chart_model_get_unit_label (CeChartModel *self)
{
  g_return_val_if_fail (CE_IS_CHART_MODEL (self), NULL);

  if (self->unit_label != NULL)
    return self->unit_label;

  switch (self->measure)
    {
    case CE_CHART_MEASURE_MENTIONS:
      return "Mentions";
    case CE_CHART_MEASURE_MENTIONS_PER_10K:
      return "Mentions per 10,000 words";
    case CE_CHART_MEASURE_DOCUMENTS:
      return "Documents";
    case CE_CHART_MEASURE_SHARE:
      return "Share of documents";
    default:
      return "";
    }
}

gboolean
ce_chart_model_is_percent (CeChartModel *self)
{
  g_return_val_if_fail (CE_IS_CHART_MODEL (self), FALSE);

  return self->measure == CE_CHART_MEASURE_SHARE;
}

static Series *
get_series (CeChartModel *self,
            guint         series)
{
  return g_ptr_array_index (self->series, series);
}

/**
 * ce_chart_model_add_series:
 * @self: a model
 * @name: the topic's name
 * @color: (nullable): its colour; %NULL takes the next palette colour
 *
 * Returns: the index of the new series
 */
guint
ce_chart_model_add_series (CeChartModel  *self,
                           const char    *name,
                           const CeColor *color)
{
  Series *series;
  double nan_value = NAN;

  g_return_val_if_fail (CE_IS_CHART_MODEL (self), 0);

  series = g_new0 (Series, 1);
  series->name = g_strdup (name != NULL ? name : "");
  series->visible = TRUE;
  if (color != NULL)
    series->color = *color;
  else
    ce_color_parse (&series->color, ce_topic_palette_get (self->series->len));

  series->values = g_array_sized_new (FALSE, FALSE, sizeof (double),
                                      self->categories->len);
  for (guint i = 0; i < self->categories->len; i++)
    g_array_append_val (series->values, nan_value);

  g_ptr_array_add (self->series, series);
  _ce_chart_model_changed (self);

  return self->series->len - 1;
}

guint
ce_chart_model_get_n_series (CeChartModel *self)
{
  g_return_val_if_fail (CE_IS_CHART_MODEL (self), 0);
  return self->series->len;
}

const char *
ce_chart_model_get_series_name (CeChartModel *self,
                                guint         series)
{
  g_return_val_if_fail (CE_IS_CHART_MODEL (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);

  return get_series (self, series)->name;
}

void
ce_chart_model_get_series_color (CeChartModel *self,
                                 guint         series,
                                 CeColor      *color)
{
  g_return_if_fail (CE_IS_CHART_MODEL (self));
  g_return_if_fail (series < self->series->len);
  g_return_if_fail (color != NULL);

  *color = get_series (self, series)->color;
}

void
ce_chart_model_set_series_color (CeChartModel  *self,
                                 guint          series,
                                 const CeColor *color)
{
  g_return_if_fail (CE_IS_CHART_MODEL (self));
  g_return_if_fail (series < self->series->len);
  g_return_if_fail (color != NULL);

  get_series (self, series)->color = *color;
  _ce_chart_model_changed (self);
}

gboolean
ce_chart_model_get_series_visible (CeChartModel *self,
                                   guint         series)
{
  g_return_val_if_fail (CE_IS_CHART_MODEL (self), FALSE);
  g_return_val_if_fail (series < self->series->len, FALSE);

  return get_series (self, series)->visible;
}

void
ce_chart_model_set_series_visible (CeChartModel *self,
                                   guint         series,
                                   gboolean      visible)
{
  g_return_if_fail (CE_IS_CHART_MODEL (self));
  g_return_if_fail (series < self->series->len);

  visible = !!visible;
  if (get_series (self, series)->visible != visible)
    {
      get_series (self, series)->visible = visible;
      _ce_chart_model_changed (self);
    }
}

guint
ce_chart_model_get_n_visible_series (CeChartModel *self)
{
  guint n = 0;

  g_return_val_if_fail (CE_IS_CHART_MODEL (self), 0);

  for (guint i = 0; i < self->series->len; i++)
    n += get_series (self, i)->visible;

  return n;
}

static Category *
get_category (CeChartModel *self,
              guint         category)
{
  return &g_array_index (self->categories, Category, category);
}

/**
 * ce_chart_model_add_category:
 * @self: a model
 * @label: what the axis shows
 *
 * Adds a category with no data (NaN) for every series.
 *
 * Returns: the index of the new category
 */
guint
ce_chart_model_add_category (CeChartModel *self,
                             const char   *label)
{
  Category category = { 0 };
  double nan_value = NAN;

  g_return_val_if_fail (CE_IS_CHART_MODEL (self), 0);

  category.label = g_strdup (label != NULL ? label : "");
  g_array_append_val (self->categories, category);

  for (guint i = 0; i < self->series->len; i++)
    g_array_append_val (get_series (self, i)->values, nan_value);

  _ce_chart_model_changed (self);

  return self->categories->len - 1;
}

guint
ce_chart_model_get_n_categories (CeChartModel *self)
{
  g_return_val_if_fail (CE_IS_CHART_MODEL (self), 0);
  return self->categories->len;
}

const char *
ce_chart_model_get_category_label (CeChartModel *self,
                                   guint         category)
{
  g_return_val_if_fail (CE_IS_CHART_MODEL (self), NULL);
  g_return_val_if_fail (category < self->categories->len, NULL);

  return get_category (self, category)->label;
}

/**
 * ce_chart_model_set_category_dates:
 * @self: a model
 * @category: a category index
 * @start_julian: the first day of the period (a #GDate julian day)
 * @end_julian: the day after the last day of the period
 *
 * Gives a category the period [@start_julian, @end_julian) it counts, so
 * line charts can place it on a real time axis.
 */
void
ce_chart_model_set_category_dates (CeChartModel *self,
                                   guint         category,
                                   guint32       start_julian,
                                   guint32       end_julian)
{
  Category *cat;

  g_return_if_fail (CE_IS_CHART_MODEL (self));
  g_return_if_fail (category < self->categories->len);
  g_return_if_fail (g_date_valid_julian (start_julian));
  g_return_if_fail (end_julian > start_julian);

  cat = get_category (self, category);
  cat->start = start_julian;
  cat->end = end_julian;
  cat->has_dates = TRUE;
  _ce_chart_model_changed (self);
}

gboolean
ce_chart_model_get_category_dates (CeChartModel *self,
                                   guint         category,
                                   guint32      *start_julian,
                                   guint32      *end_julian)
{
  const Category *cat;

  g_return_val_if_fail (CE_IS_CHART_MODEL (self), FALSE);
  g_return_val_if_fail (category < self->categories->len, FALSE);

  cat = get_category (self, category);
  if (start_julian != NULL)
    *start_julian = cat->start;
  if (end_julian != NULL)
    *end_julian = cat->end;

  return cat->has_dates;
}

/**
 * ce_chart_model_has_dates:
 * @self: a model
 *
 * Returns: %TRUE when there are categories and every one has dates
 */
gboolean
ce_chart_model_has_dates (CeChartModel *self)
{
  g_return_val_if_fail (CE_IS_CHART_MODEL (self), FALSE);

  if (self->categories->len == 0)
    return FALSE;

  for (guint i = 0; i < self->categories->len; i++)
    if (!get_category (self, i)->has_dates)
      return FALSE;

  return TRUE;
}

void
ce_chart_model_set_value (CeChartModel *self,
                          guint         series,
                          guint         category,
                          double        value)
{
  g_return_if_fail (CE_IS_CHART_MODEL (self));
  g_return_if_fail (series < self->series->len);
  g_return_if_fail (category < self->categories->len);

  /* Infinities would wreck every scale; they mean "no usable data". */
  if (isinf (value))
    value = NAN;

  g_array_index (get_series (self, series)->values, double, category) = value;
  _ce_chart_model_changed (self);
}

/**
 * ce_chart_model_get_value:
 * @self: a model
 * @series: a series index
 * @category: a category index
 *
 * Returns: the value, NaN when there is no data
 */
double
ce_chart_model_get_value (CeChartModel *self,
                          guint         series,
                          guint         category)
{
  g_return_val_if_fail (CE_IS_CHART_MODEL (self), NAN);
  g_return_val_if_fail (series < self->series->len, NAN);
  g_return_val_if_fail (category < self->categories->len, NAN);

  return g_array_index (get_series (self, series)->values, double, category);
}

/**
 * ce_chart_model_get_category_total:
 * @self: a model
 * @category: a category index
 *
 * Returns: the sum of the category's values over the visible series,
 *   ignoring missing data (0 when there is none)
 */
double
ce_chart_model_get_category_total (CeChartModel *self,
                                   guint         category)
{
  double total = 0;

  g_return_val_if_fail (CE_IS_CHART_MODEL (self), 0);
  g_return_val_if_fail (category < self->categories->len, 0);

  for (guint i = 0; i < self->series->len; i++)
    {
      const Series *series = get_series (self, i);
      double value = g_array_index (series->values, double, category);

      if (series->visible && !isnan (value))
        total += value;
    }

  return total;
}
