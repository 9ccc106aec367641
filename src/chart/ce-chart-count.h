/* ce-chart-count.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ce-chart-enums.h"
#include "ce-chart-model.h"
#include "ce-counter.h"

G_BEGIN_DECLS

/* The order of a chart's categories, as the CLI and the chart view offer
 * it; the values are the counter's CeCategorySort. */
typedef enum
{
  /* Dates in time, documents in corpus order, other values alphabetically */
  CE_CHART_SORT_NATURAL = CE_CATEGORY_SORT_NATURAL,
  /* Largest total over the topics first */
  CE_CHART_SORT_VALUE = CE_CATEGORY_SORT_VALUE,
} CeChartSort;

/* How a count becomes a chart; every field may be left zero. */
typedef struct
{
  const char *title;      /* NULL: the topics */
  const char *subtitle;   /* NULL: what is counted, how it is grouped, over how many documents */
  const char *source;     /* NULL: the corpus, counted with Corpus Explorer */
  const char *query;      /* the search the count is restricted to, for the default subtitle */
  gboolean    dispersion; /* add a row per document, with a tick per mention */
  guint       max_rows;   /* at most this many dispersion rows; 0 for no limit */
} CeChartCountOptions;

CeChartModel   *ce_chart_count_build_model          (CeCorpus                   *corpus,
                                                     GPtrArray                  *topics,
                                                     CeCountTable               *table,
                                                     const CeChartCountOptions  *options,
                                                     GArray                    **rows,
                                                     GError                    **error);
CeChartSort     ce_chart_count_default_sort         (CeGroupBy      by);

CeChartModel   *ce_chart_model_new_from_count_table (CeCountTable  *table,
                                                     const char    *title,
                                                     const char    *subtitle,
                                                     const char    *source_line);
GArray         *ce_chart_model_add_dispersion       (CeChartModel  *self,
                                                     CeCorpus      *corpus,
                                                     GPtrArray     *topics,
                                                     CeCountTable  *table,
                                                     guint          max_rows,
                                                     GError       **error);

char           *ce_chart_count_make_title           (CeCountTable  *table);
char           *ce_chart_count_make_subtitle        (CeCountTable  *table,
                                                     const char    *query);

CeChartMeasure  ce_chart_measure_from_count         (CeMeasure      measure);
const char     *ce_chart_group_by_title             (CeGroupBy      by);

G_END_DECLS
