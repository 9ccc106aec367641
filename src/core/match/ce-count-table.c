/* ce-count-table.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-counter"

#include "config.h"

#include <string.h>

#include "ce-counter-private.h"

/* Count tables */

G_DEFINE_BOXED_TYPE (CeCountTable, ce_count_table, ce_count_table_ref, ce_count_table_unref)

void
_ce_counter_category_free (gpointer data)
{
  Category *category = data;

  if (category == NULL)
    return;

  g_free (category->key);
  g_free (category->label);
  g_free (category->sort_key);
  g_clear_pointer (&category->docs, g_array_unref);
  g_free (category->mentions);
  g_free (category->mentioning);
  g_free (category);
}

Category *
_ce_counter_category_new (const char     *key,
                          const char     *label,
                          CeCategoryKind  kind)
{
  Category *category = g_new0 (Category, 1);

  category->key = g_strdup (key);
  category->label = g_strdup (label);
  category->kind = kind;
  category->docs = g_array_new (FALSE, FALSE, sizeof (guint));

  return category;
}

CeCountTable *
ce_count_table_ref (CeCountTable *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ce_count_table_unref (CeCountTable *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->topic_names, g_ptr_array_unref);
  g_clear_pointer (&self->topic_colors, g_ptr_array_unref);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->all, _ce_counter_category_free);
  g_clear_pointer (&self->doc_ids, g_array_unref);
  g_free (self->counts);
  g_free (self);
}

double
_ce_counter_category_value (const CeCountTable *self,
                            const Category     *category,
                            guint               topic,
                            CeMeasure           measure)
{
  switch (measure)
    {
    case CE_MEASURE_MENTIONS:
      return category->mentions[topic];

    case CE_MEASURE_PER_10K:
      return category->words > 0 ? category->mentions[topic] * 10000. / category->words : 0.;

    case CE_MEASURE_DOCUMENTS:
      return category->mentioning[topic];

    case CE_MEASURE_SHARE:
      return category->docs->len > 0 ? (double)category->mentioning[topic] / category->docs->len : 0.;

    default:
      g_return_val_if_reached (0.);
    }
}

CeMeasure
ce_count_table_get_measure (CeCountTable *self)
{
  g_return_val_if_fail (self != NULL, CE_MEASURE_MENTIONS);
  return self->measure;
}

const char *
ce_count_table_get_units (CeCountTable *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return ce_measure_get_units (self->measure);
}

/**
 * ce_count_table_get_group_by:
 *
 * Returns: the grouping used; for %CE_GROUP_DATE_AUTO the bucket chosen
 */
CeGroupBy
ce_count_table_get_group_by (CeCountTable *self)
{
  g_return_val_if_fail (self != NULL, CE_GROUP_DOCUMENT);
  return self->group_by;
}

guint
ce_count_table_get_n_topics (CeCountTable *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_topics;
}

const char *
ce_count_table_get_topic_name (CeCountTable *self,
                               guint         topic)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (topic < self->n_topics, NULL);
  return g_ptr_array_index (self->topic_names, topic);
}

const char *
ce_count_table_get_topic_color (CeCountTable *self,
                                guint         topic)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (topic < self->n_topics, NULL);
  return g_ptr_array_index (self->topic_colors, topic);
}

guint
ce_count_table_get_n_categories (CeCountTable *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->categories->len;
}

static Category *
get_category (CeCountTable *self,
              guint         category)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (category < self->categories->len, NULL);
  return g_ptr_array_index (self->categories, category);
}

const char *
ce_count_table_get_category_key (CeCountTable *self,
                                 guint         category)
{
  Category *c = get_category (self, category);
  return c != NULL ? c->key : NULL;
}

const char *
ce_count_table_get_category_label (CeCountTable *self,
                                   guint         category)
{
  Category *c = get_category (self, category);
  return c != NULL ? c->label : NULL;
}

CeCategoryKind
ce_count_table_get_category_kind (CeCountTable *self,
                                  guint         category)
{
  Category *c = get_category (self, category);
  return c != NULL ? c->kind : CE_CATEGORY_VALUE;
}

/**
 * ce_count_table_get_category_size:
 *
 * Returns: the number of documents in the category, mentioning or not
 */
guint
ce_count_table_get_category_size (CeCountTable *self,
                                  guint         category)
{
  Category *c = get_category (self, category);
  return c != NULL ? c->docs->len : 0;
}

guint64
ce_count_table_get_category_words (CeCountTable *self,
                                   guint         category)
{
  Category *c = get_category (self, category);
  return c != NULL ? c->words : 0;
}

double
ce_count_table_get_value (CeCountTable *self,
                          guint         category,
                          guint         topic)
{
  g_return_val_if_fail (self != NULL, 0.);
  return ce_count_table_get_value_for (self, category, topic, self->measure);
}

double
ce_count_table_get_value_for (CeCountTable *self,
                              guint         category,
                              guint         topic,
                              CeMeasure     measure)
{
  Category *c = get_category (self, category);

  g_return_val_if_fail (c != NULL, 0.);
  g_return_val_if_fail (topic < self->n_topics, 0.);

  return _ce_counter_category_value (self, c, topic, measure);
}

/**
 * ce_count_table_get_total:
 *
 * Returns: the value of the measure over every document counted, as if
 *   they formed one category
 */
double
ce_count_table_get_total (CeCountTable *self,
                          guint         topic)
{
  g_return_val_if_fail (self != NULL, 0.);
  return ce_count_table_get_total_for (self, topic, self->measure);
}

double
ce_count_table_get_total_for (CeCountTable *self,
                              guint         topic,
                              CeMeasure     measure)
{
  g_return_val_if_fail (self != NULL, 0.);
  g_return_val_if_fail (topic < self->n_topics, 0.);

  return _ce_counter_category_value (self, self->all, topic, measure);
}

/**
 * ce_count_table_get_n_documents:
 *
 * Returns: the number of documents the table counts over
 */
guint
ce_count_table_get_n_documents (CeCountTable *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->doc_ids->len;
}

/**
 * ce_count_table_dup_documents:
 * @topic: a topic index, or -1 for any topic
 *
 * Returns: (transfer full) (element-type gint64): the ids of the documents
 *   of @category that mention @topic (any topic for -1), in the order of
 *   the category: exactly those a bar counts
 */
GArray *
ce_count_table_dup_documents (CeCountTable *self,
                              guint         category,
                              int           topic)
{
  Category *c = get_category (self, category);
  GArray *ids;

  g_return_val_if_fail (c != NULL, NULL);
  g_return_val_if_fail (topic < (int)self->n_topics, NULL);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < c->docs->len; i++)
    {
      guint doc = g_array_index (c->docs, guint, i);
      gboolean mentions = FALSE;

      if (topic >= 0)
        mentions = self->counts[doc * self->n_topics + topic] > 0;
      else
        {
          for (guint t = 0; t < self->n_topics && !mentions; t++)
            mentions = self->counts[doc * self->n_topics + t] > 0;
        }

      if (mentions)
        g_array_append_val (ids, g_array_index (self->doc_ids, gint64, doc));
    }

  return ids;
}
