/* ce-counter-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ce-counter.h"

G_BEGIN_DECLS

/* Shared by ce-counter.c (aggregation) and ce-count-table.c (the table
 * it fills) */

typedef struct
{
  char           *key;
  char           *label;
  char           *sort_key;   /* natural order */
  double          order;      /* natural order of documents */
  CeCategoryKind  kind;
  GArray         *docs;       /* of guint: indexes into the table's documents */
  guint64        *mentions;   /* per topic */
  guint          *mentioning; /* per topic */
  guint64         words;
  double          rank;       /* total value over topics, for sorting */
} Category;

struct _CeCountTable
{
  gatomicrefcount  ref_count;
  CeMeasure        measure;
  CeGroupBy        group_by;
  guint            n_topics;
  GPtrArray       *topic_names;
  GPtrArray       *topic_colors;
  GPtrArray       *categories;
  Category        *all;
  GArray          *doc_ids;   /* of gint64 */
  guint           *counts;    /* [document * n_topics + topic] */
};

/* ce-counter-rows.c: what the aggregation reads of every document,
 * kept with the connection */
typedef struct
{
  guint       n;              /* documents, in corpus order */
  gint64      max_id;
  gint64     *ids;
  guint32    *words;
  guint32    *date_index;     /* into dates */
  GArray     *dates;          /* of guint32: _ce_counter_date_code(); index 0 is 0 */
  guint32    *values[4];      /* by CeDocValue - 1, once read: indexes into value_names */
  GPtrArray  *value_names[4]; /* stripped values; index 0 is NULL (no value) */
} CeCounterRows;

const CeCounterRows *_ce_counter_rows_get (CeCorpus    *corpus,
                                           CeDocValue   value,
                                           GError     **error);
void _ce_counter_rows_drop (CeCorpus *corpus);

/* ce-counter.c: a date as the aggregation reads it, year << 9 | month << 5
 * | day (month and day 0 when not given); 0 when it cannot be read */
guint32 _ce_counter_date_code (const char *date);

/* ce-count-table.c */
void _ce_counter_category_free (gpointer data);
Category *_ce_counter_category_new (const char     *key,
                                    const char     *label,
                                    CeCategoryKind  kind);
double _ce_counter_category_value (const CeCountTable *self,
                                   const Category     *category,
                                   guint               topic,
                                   CeMeasure           measure);

G_END_DECLS
