/* ce-chart-model-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ce-chart-model.h"

G_BEGIN_DECLS

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
  guint32  start;
  guint32  end;
  gboolean has_dates;
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

  /* Bumped on every change, so a plot knows its layout is stale. */
  guint64 generation;
};

void      _ce_chart_model_changed       (CeChartModel *self);
Document *_ce_chart_model_document_new  (const char   *label,
                                         double        length);
void      _ce_chart_model_document_free (gpointer      data);

G_END_DECLS
