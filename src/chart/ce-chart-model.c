/* ce-chart-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-chart-model"

#include "config.h"

#include <math.h>
#include <string.h>

#include "ce-chart-model.h"

typedef struct
{
  char    *name;
  CeColor  color;
  gboolean visible;
  GArray  *values; /* double, one per category */
} Series;

typedef struct
{
  char    *label;
  char    *sort_key;
  guint32  start;
  guint32  end;
  gboolean has_dates;
  gboolean is_other;
  double   weight;   /* NaN when unknown */
  guint    position; /* insertion order, for the natural sort */
} Category;

typedef struct
{
  char      *label;
  double     length;
  GPtrArray *mentions; /* GArray of double per series, NULL when none */
} Document;

struct _CeChartModel
{
  GObject parent_instance;

  char *title;
  char *subtitle;
  char *source;
  char *x_title;
  char *y_title;
  char *unit_label;
  CeChartMeasure measure;

  GPtrArray *series;     /* Series */
  GArray    *categories; /* Category */
  GPtrArray *documents;  /* Document */

  guint next_position;

  /* Bumped on every change, so a plot knows its layout is stale. */
  guint64 generation;
};

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
  g_clear_pointer (&category->sort_key, g_free);
}

static void
document_free (gpointer data)
{
  Document *document = data;

  g_free (document->label);
  g_ptr_array_unref (document->mentions);
  g_free (document);
}

static void
mentions_free (gpointer data)
{
  if (data != NULL)
    g_array_unref (data);
}

static Document *
document_new (const char *label,
              double      length)
{
  Document *document = g_new0 (Document, 1);

  document->label = g_strdup (label != NULL ? label : "");
  document->length = length;
  document->mentions = g_ptr_array_new_with_free_func (mentions_free);

  return document;
}

static void
changed (CeChartModel *self)
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
  self->documents = g_ptr_array_new_with_free_func (document_free);
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
  copy->next_position = self->next_position;

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
      category.sort_key = g_strdup (category.sort_key);
      g_array_append_val (copy->categories, category);
    }

  for (guint i = 0; i < self->documents->len; i++)
    {
      const Document *document = g_ptr_array_index (self->documents, i);
      Document *dup = document_new (document->label, document->length);

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
  changed (self);
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
      changed (self);
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
    ce_color_parse (&series->color, ce_color_palette_get (self->series->len));

  series->values = g_array_sized_new (FALSE, FALSE, sizeof (double),
                                      self->categories->len);
  for (guint i = 0; i < self->categories->len; i++)
    g_array_append_val (series->values, nan_value);

  g_ptr_array_add (self->series, series);
  changed (self);

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
  changed (self);
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
      changed (self);
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
 * @sort_key: (nullable): a key for the natural order
 *
 * Adds a category with no data (NaN) for every series.
 *
 * Returns: the index of the new category
 */
guint
ce_chart_model_add_category (CeChartModel *self,
                             const char   *label,
                             const char   *sort_key)
{
  Category category = { 0 };
  double nan_value = NAN;

  g_return_val_if_fail (CE_IS_CHART_MODEL (self), 0);

  category.label = g_strdup (label != NULL ? label : "");
  category.sort_key = g_strdup (sort_key);
  category.weight = NAN;
  category.position = self->next_position++;
  g_array_append_val (self->categories, category);

  for (guint i = 0; i < self->series->len; i++)
    g_array_append_val (get_series (self, i)->values, nan_value);

  changed (self);

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

const char *
ce_chart_model_get_category_sort_key (CeChartModel *self,
                                      guint         category)
{
  g_return_val_if_fail (CE_IS_CHART_MODEL (self), NULL);
  g_return_val_if_fail (category < self->categories->len, NULL);

  return get_category (self, category)->sort_key;
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
  changed (self);
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

/**
 * ce_chart_model_set_category_weight:
 * @self: a model
 * @category: a category index
 * @weight: what the category's values are relative to, e.g. its number of
 *   words for mentions per 10,000 words or its number of documents for a
 *   share of documents
 *
 * Lets ce_chart_model_fold_top_n() compute a correct "Other" value for
 * measures that cannot be summed.
 */
void
ce_chart_model_set_category_weight (CeChartModel *self,
                                    guint         category,
                                    double        weight)
{
  g_return_if_fail (CE_IS_CHART_MODEL (self));
  g_return_if_fail (category < self->categories->len);

  get_category (self, category)->weight = weight;
  changed (self);
}

double
ce_chart_model_get_category_weight (CeChartModel *self,
                                    guint         category)
{
  g_return_val_if_fail (CE_IS_CHART_MODEL (self), NAN);
  g_return_val_if_fail (category < self->categories->len, NAN);

  return get_category (self, category)->weight;
}

gboolean
ce_chart_model_get_category_is_other (CeChartModel *self,
                                      guint         category)
{
  g_return_val_if_fail (CE_IS_CHART_MODEL (self), FALSE);
  g_return_val_if_fail (category < self->categories->len, FALSE);

  return get_category (self, category)->is_other;
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
  changed (self);
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

guint
ce_chart_model_add_document (CeChartModel *self,
                             const char   *label,
                             double        length)
{
  g_return_val_if_fail (CE_IS_CHART_MODEL (self), 0);

  if (!(length > 0) || isinf (length))
    length = 0;

  g_ptr_array_add (self->documents, document_new (label, length));
  changed (self);

  return self->documents->len - 1;
}

guint
ce_chart_model_get_n_documents (CeChartModel *self)
{
  g_return_val_if_fail (CE_IS_CHART_MODEL (self), 0);
  return self->documents->len;
}

const char *
ce_chart_model_get_document_label (CeChartModel *self,
                                   guint         row)
{
  g_return_val_if_fail (CE_IS_CHART_MODEL (self), NULL);
  g_return_val_if_fail (row < self->documents->len, NULL);

  return ((Document *)g_ptr_array_index (self->documents, row))->label;
}

double
ce_chart_model_get_document_length (CeChartModel *self,
                                    guint         row)
{
  g_return_val_if_fail (CE_IS_CHART_MODEL (self), 0);
  g_return_val_if_fail (row < self->documents->len, 0);

  return ((Document *)g_ptr_array_index (self->documents, row))->length;
}

/**
 * ce_chart_model_add_mention:
 * @self: a model
 * @row: a document row
 * @series: the topic mentioned
 * @position: where, in the same unit as the document's length
 *
 * Positions outside [0, length] are clamped; the document's length grows
 * if it was unknown (0).
 */
void
ce_chart_model_add_mention (CeChartModel *self,
                            guint         row,
                            guint         series,
                            double        position)
{
  Document *document;
  GArray *positions;

  g_return_if_fail (CE_IS_CHART_MODEL (self));
  g_return_if_fail (row < self->documents->len);
  g_return_if_fail (series < self->series->len);

  if (isnan (position) || isinf (position))
    return;

  document = g_ptr_array_index (self->documents, row);
  if (document->mentions->len <= series)
    g_ptr_array_set_size (document->mentions, series + 1);

  positions = g_ptr_array_index (document->mentions, series);
  if (positions == NULL)
    {
      positions = g_array_new (FALSE, FALSE, sizeof (double));
      g_ptr_array_index (document->mentions, series) = positions;
    }

  position = MAX (position, 0);
  g_array_append_val (positions, position);
  changed (self);
}

/**
 * ce_chart_model_get_mentions:
 * @self: a model
 * @row: a document row
 * @series: a series index
 * @n_positions: (out): how many
 *
 * Returns: (array length=n_positions) (nullable): the positions, in the
 *   order they were added
 */
const double *
ce_chart_model_get_mentions (CeChartModel *self,
                             guint         row,
                             guint         series,
                             guint        *n_positions)
{
  Document *document;
  GArray *positions;

  g_return_val_if_fail (CE_IS_CHART_MODEL (self), NULL);
  g_return_val_if_fail (row < self->documents->len, NULL);
  g_return_val_if_fail (n_positions != NULL, NULL);

  *n_positions = 0;
  document = g_ptr_array_index (self->documents, row);
  if (series >= document->mentions->len)
    return NULL;

  positions = g_ptr_array_index (document->mentions, series);
  if (positions == NULL)
    return NULL;

  *n_positions = positions->len;
  return (const double *)(gpointer)positions->data;
}

typedef struct
{
  CeChartModel *model;
  CeChartSort   sort;
  gboolean      by_dates;
  gboolean      by_keys;
  char        **collate_keys; /* per category, or NULL */
  double       *totals;
} SortContext;

static int
compare_positions (const Category *a,
                   const Category *b)
{
  return (a->position > b->position) - (a->position < b->position);
}

static int
compare_categories (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const SortContext *ctx = user_data;
  guint ia = *(const guint *)a;
  guint ib = *(const guint *)b;
  const Category *ca = get_category (ctx->model, ia);
  const Category *cb = get_category (ctx->model, ib);
  int result = 0;

  /* "Other" always stays last, whatever the order. */
  if (ca->is_other != cb->is_other)
    return ca->is_other ? 1 : -1;

  switch (ctx->sort)
    {
    case CE_CHART_SORT_NATURAL:
      if (ctx->by_dates)
        result = (ca->start > cb->start) - (ca->start < cb->start);
      else if (ctx->by_keys)
        result = strcmp (ctx->collate_keys[ia], ctx->collate_keys[ib]);
      break;

    case CE_CHART_SORT_LABEL:
      result = strcmp (ctx->collate_keys[ia], ctx->collate_keys[ib]);
      break;

    case CE_CHART_SORT_VALUE_DESCENDING:
      result = (ctx->totals[ia] < ctx->totals[ib]) - (ctx->totals[ia] > ctx->totals[ib]);
      break;

    case CE_CHART_SORT_VALUE_ASCENDING:
      result = (ctx->totals[ia] > ctx->totals[ib]) - (ctx->totals[ia] < ctx->totals[ib]);
      break;

    default:
      break;
    }

  if (result == 0)
    result = compare_positions (ca, cb);

  return result;
}

static void
apply_permutation (CeChartModel *self,
                   const guint  *order)
{
  guint n = self->categories->len;
  GArray *categories = g_array_sized_new (FALSE, TRUE, sizeof (Category), n);

  for (guint i = 0; i < n; i++)
    g_array_append_val (categories, g_array_index (self->categories, Category, order[i]));

  /* The strings moved to the new array; only the shell goes. */
  g_array_set_clear_func (self->categories, NULL);
  g_array_unref (self->categories);
  self->categories = categories;
  g_array_set_clear_func (self->categories, category_clear);

  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = get_series (self, s);
      GArray *values = g_array_sized_new (FALSE, FALSE, sizeof (double), n);

      for (guint i = 0; i < n; i++)
        g_array_append_val (values, g_array_index (series->values, double, order[i]));

      g_array_unref (series->values);
      series->values = values;
    }
}

/**
 * ce_chart_model_sort:
 * @self: a model
 * @sort: the order wanted
 *
 * Reorders the categories (and their values).  An "Other" category made by
 * ce_chart_model_fold_top_n() stays last; ties keep insertion order.
 */
void
ce_chart_model_sort (CeChartModel *self,
                     CeChartSort   sort)
{
  SortContext ctx = { 0 };
  g_autofree guint *order = NULL;
  guint n;

  g_return_if_fail (CE_IS_CHART_MODEL (self));
  g_return_if_fail (sort <= CE_CHART_SORT_VALUE_ASCENDING);

  n = self->categories->len;
  if (n < 2)
    return;

  ctx.model = self;
  ctx.sort = sort;
  ctx.by_dates = ce_chart_model_has_dates (self);
  ctx.by_keys = TRUE;
  for (guint i = 0; i < n; i++)
    if (get_category (self, i)->sort_key == NULL)
      ctx.by_keys = FALSE;

  if (sort == CE_CHART_SORT_LABEL || (sort == CE_CHART_SORT_NATURAL && ctx.by_keys))
    {
      ctx.collate_keys = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        {
          const Category *cat = get_category (self, i);
          const char *text = sort == CE_CHART_SORT_LABEL ? cat->label : cat->sort_key;

          g_autofree char *folded = g_utf8_casefold (text, -1);

          /* Case-folded first: "page 1" and "Page 2" sort together in any locale. */
          ctx.collate_keys[i] = g_utf8_collate_key_for_filename (folded, -1);
        }
    }

  if (sort == CE_CHART_SORT_VALUE_DESCENDING || sort == CE_CHART_SORT_VALUE_ASCENDING)
    {
      ctx.totals = g_new (double, n);
      for (guint i = 0; i < n; i++)
        ctx.totals[i] = ce_chart_model_get_category_total (self, i);
    }

  order = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    order[i] = i;

  g_qsort_with_data (order, n, sizeof (guint), compare_categories, &ctx);
  apply_permutation (self, order);

  g_strfreev (ctx.collate_keys);
  g_free (ctx.totals);
  changed (self);
}

/**
 * ce_chart_model_fold_top_n:
 * @self: a model
 * @n: how many categories to keep
 * @additive: whether values of several categories add up (mentions,
 *   documents) or not (rates, shares)
 * @other_label: (nullable): label of the folded category, "Other" if %NULL
 *
 * Keeps the @n categories with the largest total over the visible series,
 * in their current order, and folds the rest into one last category.
 * Additive values are summed.  Others are averaged, weighted by the
 * categories' weights when every folded category has one, so "mentions per
 * 10,000 words" of Other is right when the weights are word counts.
 *
 * Returns: (transfer full): a new model; a plain copy when there are at
 *   most @n + 1 categories (folding one category into "Other" hides it for
 *   nothing)
 */
CeChartModel *
ce_chart_model_fold_top_n (CeChartModel *self,
                           guint         n,
                           gboolean      additive,
                           const char   *other_label)
{
  CeChartModel *folded;
  g_autofree guint *order = NULL;
  g_autofree double *totals = NULL;
  g_autofree gboolean *keep = NULL;
  guint n_categories;
  guint other;
  gboolean all_weighted = TRUE;
  double other_weight = 0;
  SortContext ctx = { 0 };

  g_return_val_if_fail (CE_IS_CHART_MODEL (self), NULL);

  n_categories = self->categories->len;
  if (n_categories <= n + 1)
    return ce_chart_model_copy (self);

  totals = g_new (double, n_categories);
  order = g_new (guint, n_categories);
  for (guint i = 0; i < n_categories; i++)
    {
      totals[i] = ce_chart_model_get_category_total (self, i);
      order[i] = i;
    }

  ctx.model = self;
  ctx.sort = CE_CHART_SORT_VALUE_DESCENDING;
  ctx.totals = totals;
  g_qsort_with_data (order, n_categories, sizeof (guint), compare_categories, &ctx);

  keep = g_new0 (gboolean, n_categories);
  for (guint i = 0; i < n; i++)
    keep[order[i]] = TRUE;

  folded = ce_chart_model_copy (self);

  /* Rebuild the categories of the copy: kept ones in order, then Other. */
  g_array_set_size (folded->categories, 0);
  for (guint s = 0; s < folded->series->len; s++)
    g_array_set_size (get_series (folded, s)->values, 0);

  for (guint i = 0; i < n_categories; i++)
    {
      const Category *cat = get_category (self, i);
      guint index;

      if (!keep[i])
        {
          if (isnan (cat->weight))
            all_weighted = FALSE;
          else
            other_weight += cat->weight;
          continue;
        }

      index = ce_chart_model_add_category (folded, cat->label, cat->sort_key);
      if (cat->has_dates)
        ce_chart_model_set_category_dates (folded, index, cat->start, cat->end);
      get_category (folded, index)->weight = cat->weight;
      get_category (folded, index)->position = cat->position;
      get_category (folded, index)->is_other = cat->is_other;
      for (guint s = 0; s < folded->series->len; s++)
        g_array_index (get_series (folded, s)->values, double, index) =
          ce_chart_model_get_value (self, s, i);
    }

  other = ce_chart_model_add_category (folded,
                                       other_label != NULL ? other_label : "Other",
                                       NULL);
  get_category (folded, other)->is_other = TRUE;
  get_category (folded, other)->weight = all_weighted ? other_weight : NAN;

  for (guint s = 0; s < folded->series->len; s++)
    {
      double sum = 0;
      double weighted = 0;
      double weights = 0;
      guint count = 0;
      double value;

      for (guint i = 0; i < n_categories; i++)
        {
          double v;

          if (keep[i])
            continue;

          v = ce_chart_model_get_value (self, s, i);
          if (isnan (v))
            continue;

          sum += v;
          count++;
          if (all_weighted)
            {
              weighted += v * get_category (self, i)->weight;
              weights += get_category (self, i)->weight;
            }
        }

      if (count == 0)
        value = NAN;
      else if (additive)
        value = sum;
      else if (all_weighted && weights > 0)
        value = weighted / weights;
      else
        value = sum / count;

      g_array_index (get_series (folded, s)->values, double, other) = value;
    }

  changed (folded);

  return folded;
}
