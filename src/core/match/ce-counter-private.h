/* ce-counter-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ce-counter.h"

G_BEGIN_DECLS

/* Shared by the counter's files: ce-counter.c (aggregation),
 * ce-counter-names.c (groupings and measures by name), ce-counter-dates.c
 * (dates and date buckets), ce-counter-docs.c (the documents a table
 * reads), ce-counter-rows.c (what is kept of them) and ce-count-table.c
 * (the table it fills) */

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

/* ce-counter-dates.c: a date as the aggregation reads it, year << 9 |
 * month << 5 | day (month and day 0 when not given); 0 when it cannot be
 * read */
typedef struct
{
  int year;
  int month;  /* 0 when the date is only a year */
  int day;    /* 0 when the date has no day */
} CeCounterDateParts;

guint32 _ce_counter_date_code (const char *date);
CeCounterDateParts _ce_counter_date_parts (guint32 code);
char *_ce_counter_date_bucket_key (CeGroupBy                 by,
                                   const CeCounterDateParts *date);
gboolean _ce_counter_is_date_grouping (CeGroupBy by);
CeGroupBy _ce_counter_choose_date_bucket (const guint32 *dates,
                                          guint          n);
void _ce_counter_fill_date_gaps (GHashTable *categories,
                                 CeGroupBy   by);

/* ce-counter-docs.c: the documents of a table, in corpus order: arrays
 * of the kept rows (ce-counter-rows.c), or rows read with their labels
 * for the document groupings */
typedef struct
{
  guint      n;
  gint64     max_id;
  gint64    *ids;
  guint32   *words;
  guint32   *dates;        /* _ce_counter_date_code() */
  guint32   *values;       /* value groupings: indexes into value_names */
  GPtrArray *value_names;  /* borrowed from the kept rows */
  GArray    *rows;         /* of CeCorpusDocRow, document groupings only */
} CeCounterDocs;

void _ce_counter_docs_clear (CeCounterDocs *docs);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CeCounterDocs, _ce_counter_docs_clear)

/* Document groupings: every row with its label */
gboolean _ce_counter_docs_read_labelled (CeCorpus       *corpus,
                                         const char     *filter_fts,
                                         GArray         *filter_ids,
                                         CeCounterDocs  *docs,
                                         GError        **error);
/* Every other grouping: the kept rows, restricted by the filters */
gboolean _ce_counter_docs_select (CeCorpus       *corpus,
                                  CeDocValue      value,
                                  const char     *filter_fts,
                                  GArray         *filter_ids,
                                  CeCounterDocs  *docs,
                                  GError        **error);

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
