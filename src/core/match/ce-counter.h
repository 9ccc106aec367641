/* ce-counter.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ce-corpus.h"
#include "ce-date.h"
#include "ce-corpus-count.h"
#include "ce-match-enums.h"
#include "ce-topic.h"

G_BEGIN_DECLS

guint64  ce_counter_total             (GArray      *counts);

/* Aggregation */

typedef enum
{
  CE_GROUP_DOCUMENT,          /* one category per document, corpus order */
  CE_GROUP_DOCUMENT_BY_DATE,  /*< nick=document-date >*/  /* one per document, by date */
  CE_GROUP_PLACE,
  CE_GROUP_SOURCE,
  CE_GROUP_SECTION,
  CE_GROUP_AUTHOR,
  CE_GROUP_META,              /* the values of one metadata key */
  CE_GROUP_DAY,
  CE_GROUP_WEEK,              /* ISO 8601 weeks, "2024-W05" */
  CE_GROUP_MONTH,
  CE_GROUP_QUARTER,
  CE_GROUP_YEAR,
  CE_GROUP_DATE_AUTO,         /*< nick=date >*/  /* a date bucket chosen from the date span */
} CeGroupBy;

typedef struct
{
  CeGroupBy   by;
  const char *meta_key;       /* for CE_GROUP_META */
} CeGrouping;

typedef enum
{
  CE_MEASURE_MENTIONS,
  CE_MEASURE_PER_10K,         /*< nick=per10k >*/  /* mentions per 10,000 words of the category */
  CE_MEASURE_DOCUMENTS,       /*< nick=docs >*/  /* documents mentioning */
  CE_MEASURE_SHARE,           /* share of the category's documents, 0 to 1 */
} CeMeasure;

typedef enum
{
  CE_CATEGORY_SORT_NATURAL,   /* dates in time, documents in corpus order,
                               * other values alphabetically */
  CE_CATEGORY_SORT_VALUE,     /* largest total over the topics first */
} CeCategorySort;

typedef enum
{
  CE_CATEGORY_VALUE,
  CE_CATEGORY_NONE,           /* documents without a value: "(none)" */
  CE_CATEGORY_OTHER,          /* categories beyond the top N, folded */
} CeCategoryKind;

#define CE_CATEGORY_NONE_LABEL "(none)"
#define CE_CATEGORY_OTHER_LABEL "Other"

/* The names of groupings and measures are the nicks of their enum types
 * (CE_TYPE_GROUP_BY, CE_TYPE_MEASURE): the names the command line
 * accepts and the settings store. */
gboolean    ce_grouping_parse      (const char  *text,
                                    CeGroupBy   *by,
                                    char       **meta_key,
                                    GError     **error);
const char *ce_group_by_to_string  (CeGroupBy    by);
gboolean    ce_group_by_date_bucket (CeGroupBy    by,
                                     CeDateBucket *bucket);
gboolean    ce_measure_parse       (const char  *text,
                                    CeMeasure   *measure,
                                    GError     **error);
const char *ce_measure_to_string   (CeMeasure    measure);
const char *ce_measure_get_units   (CeMeasure    measure);
const char *ce_measure_get_title   (CeMeasure    measure);

typedef struct _CeCountTable CeCountTable;

#define CE_TYPE_COUNT_TABLE (ce_count_table_get_type ())

GType           ce_count_table_get_type             (void) G_GNUC_CONST;
CeCountTable   *ce_count_table_ref                  (CeCountTable *self);
void            ce_count_table_unref                (CeCountTable *self);
CeMeasure       ce_count_table_get_measure          (CeCountTable *self);
const char     *ce_count_table_get_units            (CeCountTable *self);
CeGroupBy       ce_count_table_get_group_by         (CeCountTable *self);
guint           ce_count_table_get_n_topics         (CeCountTable *self);
const char     *ce_count_table_get_topic_name       (CeCountTable *self,
                                                     guint         topic);
const char     *ce_count_table_get_topic_color      (CeCountTable *self,
                                                     guint         topic);
guint           ce_count_table_get_n_categories     (CeCountTable *self);
const char     *ce_count_table_get_category_key     (CeCountTable *self,
                                                     guint         category);
const char     *ce_count_table_get_category_label   (CeCountTable *self,
                                                     guint         category);
CeCategoryKind  ce_count_table_get_category_kind    (CeCountTable *self,
                                                     guint         category);
guint           ce_count_table_get_category_size    (CeCountTable *self,
                                                     guint         category);
guint64         ce_count_table_get_category_words   (CeCountTable *self,
                                                     guint         category);
double          ce_count_table_get_value            (CeCountTable *self,
                                                     guint         category,
                                                     guint         topic);
double          ce_count_table_get_value_for        (CeCountTable *self,
                                                     guint         category,
                                                     guint         topic,
                                                     CeMeasure     measure);
double          ce_count_table_get_total            (CeCountTable *self,
                                                     guint         topic);
double          ce_count_table_get_total_for        (CeCountTable *self,
                                                     guint         topic,
                                                     CeMeasure     measure);
guint           ce_count_table_get_n_documents      (CeCountTable *self);
GArray         *ce_count_table_dup_documents        (CeCountTable *self,
                                                     guint         category,
                                                     int           topic);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CeCountTable, ce_count_table_unref)

CeCountTable *ce_counter_aggregate (CeCorpus          *corpus,
                                    GPtrArray         *topics,
                                    const CeGrouping  *grouping,
                                    CeMeasure          measure,
                                    const char        *filter_fts,
                                    GArray            *filter_ids,
                                    guint              top_n,
                                    CeCategorySort     sort,
                                    GError           **error);

G_END_DECLS
