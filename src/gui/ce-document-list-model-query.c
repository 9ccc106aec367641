/* ce-document-list-model-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-document-list-model"

#include "config.h"

#include "ce-document-list-model-private.h"

static gboolean
is_quote_char (gunichar c)
{
  /* As the query language: these end a quoted value */
  return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E;
}

static void
append_filter (GString      *text,
               const Filter *filter)
{
  if (text->len > 0)
    g_string_append_c (text, ' ');

  if (g_str_equal (filter->field, "year") || g_str_equal (filter->field, "date"))
    g_string_append_printf (text, "date:%s", filter->value);
  else
    g_string_append_printf (text, "%s:\"%s\"", filter->field, filter->value);
}

/* What is typed and what is picked in the sidebar become one query, so
 * the list, the counts and the highlighting share one definition. */
static CeQuery *
compose_query (const char  *search,
               GPtrArray   *filters,
               GError     **error)
{
  g_autoptr(GString) text = NULL;

  if (filters->len == 0)
    return search != NULL ? ce_query_parse (search, error) : NULL;

  text = g_string_new (NULL);
  if (search != NULL)
    g_string_append_printf (text, "(%s)", search);
  for (guint i = 0; i < filters->len; i++)
    append_filter (text, g_ptr_array_index (filters, i));

  return ce_query_parse (text->str, error);
}

gboolean
_ce_document_list_model_has_words (CeQuery *query)
{
  return query != NULL && ce_query_get_fts (query) != NULL;
}

/* Takes @query as the effective query, and searches with it */
static void
set_query (CeDocumentListModel *self,
           CeQuery             *query)
{
  gboolean searching_before = _ce_document_list_model_has_words (self->query);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->query, ce_query_unref);
  self->query = query;

  /* A new search starts with the best matches first */
  if (!searching_before && _ce_document_list_model_has_words (query))
    {
      _ce_document_list_model_clear_count_order (self);
      self->order = CE_DOCUMENT_ORDER_POSITION;
      self->descending = FALSE;
      if (!self->relevance)
        {
          self->relevance = TRUE;
          _ce_document_list_model_notify (self, PROP_RELEVANCE);
        }
    }

  _ce_document_list_model_emit (self, QUERY_CHANGED);

  if (!_ce_document_list_model_refresh (self, TRUE, TRUE, &error))
    g_warning ("Could not list the documents: %s", error->message);
}

static gboolean
update_filters (CeDocumentListModel *self,
                GPtrArray           *filters)
{
  g_autoptr(GError) error = NULL;
  CeQuery *query = NULL;

  if (self->search != NULL || filters->len > 0)
    {
      query = compose_query (self->search, filters, &error);
      if (query == NULL)
        {
          g_debug ("Filter not applied: %s", error->message);
          return FALSE;
        }
    }

  g_ptr_array_unref (self->filters);
  self->filters = g_ptr_array_ref (filters);
  set_query (self, query);

  return TRUE;
}

static GPtrArray *
copy_filters (GPtrArray *filters)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (_ce_document_list_model_filter_free);

  for (guint i = 0; i < filters->len; i++)
    {
      const Filter *filter = g_ptr_array_index (filters, i);
      Filter *dup = g_new0 (Filter, 1);

      dup->field = g_strdup (filter->field);
      dup->value = g_strdup (filter->value);
      g_ptr_array_add (copy, dup);
    }

  return copy;
}

static int
find_filter_in (GPtrArray  *filters,
                const char *field,
                const char *value)
{
  for (guint i = 0; i < filters->len; i++)
    {
      const Filter *filter = g_ptr_array_index (filters, i);

      if (g_str_equal (filter->field, field) && (value == NULL || g_str_equal (filter->value, value)))
        return i;
    }

  return -1;
}

static int
find_filter (CeDocumentListModel *self,
             const char          *field,
             const char          *value)
{
  return find_filter_in (self->filters, field, value);
}

/**
 * ce_document_list_model_get_search:
 *
 * Returns: (nullable): the text searched for, as last set without
 *   error; %NULL when none
 */
const char *
ce_document_list_model_get_search (CeDocumentListModel *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), NULL);
  return self->search;
}

/**
 * ce_document_list_model_set_search:
 * @text: (nullable): a query in the search language; empty for none
 * @error: a %CE_QUERY_ERROR when @text is not a valid query
 *
 * Searches for @text, together with the filters.  The search runs in a
 * worker; the rows change with one items-changed when it is done.  On a
 * syntax error nothing changes and the rows listed stay.
 */
gboolean
ce_document_list_model_set_search (CeDocumentListModel  *self,
                                   const char           *text,
                                   GError              **error)
{
  g_autofree char *stripped = NULL;
  g_autoptr(CeQuery) user_query = NULL;
  CeQuery *query = NULL;

  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);

  stripped = g_strstrip (g_strdup (text ? text : ""));
  if (*stripped == 0)
    g_clear_pointer (&stripped, g_free);

  if (g_strcmp0 (stripped, self->search) == 0)
    return TRUE;

  if (stripped != NULL)
    {
      user_query = ce_query_parse (stripped, error);
      if (user_query == NULL)
        return FALSE;

      /* Nothing but separators searches for nothing */
      if (ce_query_is_empty (user_query))
        {
          g_clear_pointer (&user_query, ce_query_unref);
          g_clear_pointer (&stripped, g_free);
          if (self->search == NULL)
            return TRUE;
        }
    }

  if (stripped != NULL || self->filters->len > 0)
    {
      query = compose_query (stripped, self->filters, error);
      if (query == NULL)
        return FALSE;
    }

  g_free (self->search);
  self->search = g_steal_pointer (&stripped);
  g_clear_pointer (&self->user_query, ce_query_unref);
  self->user_query = g_steal_pointer (&user_query);
  _ce_document_list_model_notify (self, PROP_SEARCH);

  set_query (self, query);
  return TRUE;
}

/**
 * ce_document_list_model_add_filter:
 * @field: place, source, section or author (an exact value), year (a
 *   year of ce_search_facet()), date (a range as in the query language)
 *   or copies ("one": one document per story)
 * @value: the value to keep
 *
 * Keeps only the documents with @value, besides what is searched for.
 *
 * Returns: %FALSE when @value cannot be searched for (it holds quotes)
 */
gboolean
ce_document_list_model_add_filter (CeDocumentListModel *self,
                                   const char          *field,
                                   const char          *value)
{
  g_autoptr(GPtrArray) filters = NULL;
  Filter *filter;

  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (*value == 0 || !g_utf8_validate (value, -1, NULL))
    return FALSE;

  for (const char *p = value; *p != 0; p = g_utf8_next_char (p))
    {
      if (is_quote_char (g_utf8_get_char (p)))
        return FALSE;
    }

  if (find_filter (self, field, value) >= 0)
    return TRUE;

  filters = copy_filters (self->filters);
  filter = g_new0 (Filter, 1);
  filter->field = g_strdup (field);
  filter->value = g_strdup (value);
  g_ptr_array_add (filters, filter);

  return update_filters (self, filters);
}

/**
 * ce_document_list_model_remove_filter:
 * @value: (nullable): the value, or %NULL for every filter on @field
 */
void
ce_document_list_model_remove_filter (CeDocumentListModel *self,
                                      const char          *field,
                                      const char          *value)
{
  g_autoptr(GPtrArray) filters = NULL;
  int index;

  g_return_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self));
  g_return_if_fail (field != NULL);

  filters = copy_filters (self->filters);
  while ((index = find_filter_in (filters, field, value)) >= 0)
    g_ptr_array_remove_index (filters, index);

  if (filters->len != self->filters->len)
    update_filters (self, filters);
}

/**
 * ce_document_list_model_set_date_range:
 * @range: (nullable): a date range of the query language (2020..2023,
 *   2024-01..2024-06, 2020.., ..2023, 2024), or %NULL for none
 *
 * Replaces the date range kept.
 */
void
ce_document_list_model_set_date_range (CeDocumentListModel *self,
                                       const char          *range)
{
  g_autoptr(GPtrArray) filters = NULL;
  int index;

  g_return_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self));

  if (g_strcmp0 (range, ce_document_list_model_get_date_range (self)) == 0)
    return;

  filters = copy_filters (self->filters);
  if ((index = find_filter_in (filters, "date", NULL)) >= 0)
    g_ptr_array_remove_index (filters, index);

  if (range != NULL && *range != 0)
    {
      Filter *filter = g_new0 (Filter, 1);

      filter->field = g_strdup ("date");
      filter->value = g_strdup (range);
      g_ptr_array_add (filters, filter);
    }

  update_filters (self, filters);
}

/**
 * ce_document_list_model_get_date_range:
 *
 * Returns: (nullable): the date range kept, or %NULL
 */
const char *
ce_document_list_model_get_date_range (CeDocumentListModel *self)
{
  int index;

  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), NULL);

  index = find_filter (self, "date", NULL);
  if (index < 0)
    return NULL;

  return ((Filter *)g_ptr_array_index (self->filters, index))->value;
}

gboolean
ce_document_list_model_has_filter (CeDocumentListModel *self,
                                   const char          *field,
                                   const char          *value)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  return find_filter (self, field, value) >= 0;
}

void
ce_document_list_model_clear_filters (CeDocumentListModel *self)
{
  g_autoptr(GPtrArray) none = NULL;

  g_return_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self));

  if (self->filters->len == 0)
    return;

  none = g_ptr_array_new_with_free_func (_ce_document_list_model_filter_free);
  update_filters (self, none);
}

guint
ce_document_list_model_get_n_filters (CeDocumentListModel *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), 0);
  return self->filters->len;
}

/**
 * ce_document_list_model_get_filter:
 * @field: (out) (optional): place, source, section, author, year or date
 * @value: (out) (optional): the value kept
 */
void
ce_document_list_model_get_filter (CeDocumentListModel  *self,
                                   guint                 index,
                                   const char          **field,
                                   const char          **value)
{
  const Filter *filter;

  g_return_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self));
  g_return_if_fail (index < self->filters->len);

  filter = g_ptr_array_index (self->filters, index);
  if (field != NULL)
    *field = filter->field;
  if (value != NULL)
    *value = filter->value;
}

/**
 * ce_document_list_model_get_query:
 *
 * The query the rows match: what was typed and the filters picked, as
 * one query.  Highlighting and counting use it to agree with the list.
 *
 * Returns: (transfer none) (nullable): the query, or %NULL when the
 *   whole corpus is listed
 */
CeQuery *
ce_document_list_model_get_query (CeDocumentListModel *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), NULL);
  return self->query;
}
