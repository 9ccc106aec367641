/* ce-chart-model-rows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dispersion rows of a CeChartModel: a document each, with the
 * positions of its mentions per series.
 */

#define G_LOG_DOMAIN "ce-chart-model"

#include "config.h"

#include <math.h>

#include "ce-chart-model-private.h"

void
_ce_chart_model_document_free (gpointer data)
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

Document *
_ce_chart_model_document_new (const char *label,
                              double      length)
{
  Document *document = g_new0 (Document, 1);

  document->label = g_strdup (label != NULL ? label : "");
  document->length = length;
  document->mentions = g_ptr_array_new_with_free_func (mentions_free);

  return document;
}

guint
ce_chart_model_add_document (CeChartModel *self,
                             const char   *label,
                             double        length)
{
  g_return_val_if_fail (CE_IS_CHART_MODEL (self), 0);

  if (!(length > 0) || isinf (length))
    length = 0;

  g_ptr_array_add (self->documents, _ce_chart_model_document_new (label, length));
  _ce_chart_model_changed (self);

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
  _ce_chart_model_changed (self);
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
