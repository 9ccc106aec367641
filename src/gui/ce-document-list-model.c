/* ce-document-list-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-document-list-model"

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "ce-document-list-model-private.h"

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CeDocumentListModel, ce_document_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];


void
_ce_document_list_model_filter_free (gpointer data)
{
  Filter *filter = data;

  g_free (filter->field);
  g_free (filter->value);
  g_free (filter);
}


gboolean
_ce_document_list_model_order_to_sort (CeDocumentOrder  order,
                                       CeSort          *sort)
{
  switch (order)
    {
    case CE_DOCUMENT_ORDER_POSITION:
      *sort = CE_SORT_ORDER;
      return TRUE;
    case CE_DOCUMENT_ORDER_TITLE:
      *sort = CE_SORT_TITLE;
      return TRUE;
    case CE_DOCUMENT_ORDER_PLACE:
      *sort = CE_SORT_PLACE;
      return TRUE;
    case CE_DOCUMENT_ORDER_DATE:
      *sort = CE_SORT_DATE;
      return TRUE;
    case CE_DOCUMENT_ORDER_WORDS:
      *sort = CE_SORT_LENGTH;
      return TRUE;
    case CE_DOCUMENT_ORDER_SOURCE:
    default:
      return FALSE;
    }
}

/* GListModel */

static GType
ce_document_list_model_get_item_type (GListModel *model)
{
  return CE_TYPE_DOCUMENT;
}

static guint
ce_document_list_model_get_n_items (GListModel *model)
{
  CeDocumentListModel *self = (CeDocumentListModel *)model;

  return self->ids != NULL ? self->ids->len : 0;
}

static gpointer
ce_document_list_model_get_item (GListModel *model,
                                 guint       position)
{
  return _ce_document_list_model_get_row ((CeDocumentListModel *)model, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = ce_document_list_model_get_item_type;
  iface->get_n_items = ce_document_list_model_get_n_items;
  iface->get_item = ce_document_list_model_get_item;
}

/* Swaps in a new set of rows with a single items-changed; @id_index,
 * when given, is where each of them is (_ce_id_index_new()), and @rows
 * the summaries of the first of them */
void
_ce_document_list_model_replace_ids (CeDocumentListModel *self,
                                     GArray              *ids,
                                     IdIndex             *id_index,
                                     CeQuery             *query,
                                     GPtrArray           *rows)
{
  guint old_len = self->ids != NULL ? self->ids->len : 0;
  guint new_len = ids != NULL ? ids->len : 0;

  if (old_len != 0)
    g_signal_emit (self, signals[ROWS_REPLACING], 0);

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->id_index, _ce_id_index_free);
  self->ids = ids;
  self->id_index = ids != NULL ? id_index : NULL;
  if (ids == NULL)
    _ce_id_index_free (id_index);
  g_clear_pointer (&self->rows_query, ce_query_unref);
  self->rows_query = query != NULL ? ce_query_ref (query) : NULL;
  _ce_document_list_model_clear_cache (self);
  if (rows != NULL)
    _ce_document_list_model_cache_rows (self, rows);
  _ce_document_list_model_reset_snippets (self);

  if (old_len != 0 || new_len != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, new_len);

  if (old_len != new_len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* The same list, longer: @ids starts with the ids shown, which keep
 * their rows, selection and place.  Takes @ids and @id_index and returns
 * %TRUE; %FALSE (taking nothing) when @ids does not start with them. */
gboolean
_ce_document_list_model_extend_ids (CeDocumentListModel *self,
                                    GArray              *ids,
                                    IdIndex             *id_index)
{
  guint old_len = self->ids != NULL ? self->ids->len : 0;

  if (self->ids == NULL || ids->len < old_len ||
      memcmp (ids->data, self->ids->data, (gsize)old_len * sizeof (gint64)) != 0)
    return FALSE;

  g_array_unref (self->ids);
  g_clear_pointer (&self->id_index, _ce_id_index_free);
  self->ids = ids;
  self->id_index = id_index;

  if (ids->len > old_len)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), old_len, 0, ids->len - old_len);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }

  return TRUE;
}

void
_ce_document_list_model_set_total (CeDocumentListModel *self,
                                   gint64               total)
{
  if (self->total == total)
    return;

  self->total = total;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
}

void
_ce_document_list_model_emit_rows_filling (CeDocumentListModel *self,
                                           guint                position,
                                           guint                n_rows)
{
  g_signal_emit (self, signals[ROWS_FILLING], 0, position, n_rows);
}

/* Sorts the rows again by the mentions of the topic they are sorted by,
 * which were counted anew or are no longer the order */
gboolean
_ce_document_list_model_reorder (CeDocumentListModel  *self,
                                 GError              **error)
{
  if (self->custom_ids && self->custom_source != NULL)
    {
      GArray *ids = g_array_copy (self->custom_source);

      _ce_sort_by_counts (ids, _ce_document_list_model_lookup_count_table (self, self->count_topic), self->count_descending);
      _ce_document_list_model_replace_ids (self, ids, NULL, self->query, NULL);
      return TRUE;
    }

  return _ce_document_list_model_refresh (self, TRUE, FALSE, error);
}

/* GObject */

static void
ce_document_list_model_dispose (GObject *object)
{
  CeDocumentListModel *self = (CeDocumentListModel *)object;

  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  if (self->snippet_cancellable != NULL)
    g_cancellable_cancel (self->snippet_cancellable);
  if (self->count_cancellable != NULL)
    g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->snippet_cancellable);
  g_clear_object (&self->count_cancellable);
  _ce_document_list_model_cancel_listing (self);
  _ce_document_list_model_clear_cache (self);

  G_OBJECT_CLASS (ce_document_list_model_parent_class)->dispose (object);
}

static void
ce_document_list_model_finalize (GObject *object)
{
  CeDocumentListModel *self = (CeDocumentListModel *)object;

  _ce_document_list_model_clear_cache (self);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->id_index, _ce_id_index_free);
  g_clear_pointer (&self->placeholders, g_hash_table_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->user_query, ce_query_unref);
  g_clear_pointer (&self->query, ce_query_unref);
  g_clear_pointer (&self->rows_query, ce_query_unref);
  g_clear_pointer (&self->filters, g_ptr_array_unref);
  g_clear_pointer (&self->facets, g_hash_table_unref);
  g_clear_pointer (&self->snippets, g_hash_table_unref);
  g_clear_pointer (&self->snippets_pending, g_hash_table_unref);
  g_clear_pointer (&self->topic_counts, g_hash_table_unref);
  g_clear_pointer (&self->count_topic, g_free);
  g_clear_pointer (&self->custom_source, g_array_unref);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ce_document_list_model_parent_class)->finalize (object);
}

static void
ce_document_list_model_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CeDocumentListModel *self = CE_DOCUMENT_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_TOTAL:
      g_value_set_int64 (value, self->total);
      break;

    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, g_list_model_get_n_items (G_LIST_MODEL (self)));
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, ce_document_list_model_is_loading (self));
      break;

    case PROP_RELEVANCE:
      g_value_set_boolean (value, self->relevance);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ce_document_list_model_class_init (CeDocumentListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ce_document_list_model_dispose;
  object_class->finalize = ce_document_list_model_finalize;
  object_class->get_property = ce_document_list_model_get_property;

  /**
   * CeDocumentListModel:total:
   *
   * How many documents the corpus has, counted with the rows; -1 while
   * not known.
   */
  properties[PROP_TOTAL] =
    g_param_spec_int64 ("total", NULL, NULL, -1, G_MAXINT64, -1,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * CeDocumentListModel:loading:
   *
   * Whether a search runs; the rows listed are those of the one before.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_RELEVANCE] =
    g_param_spec_boolean ("relevance", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CeDocumentListModel::rows-replacing:
   *
   * The rows are about to be replaced by a new set, with one
   * items-changed.  A selection is best put aside now and put back by
   * document id: a #GtkMultiSelection holding rows that go would look
   * at every new row to find them again.
   */
  signals[ROWS_REPLACING] =
    g_signal_new ("rows-replacing",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * CeDocumentListModel::rows-filling:
   * @position: the first row
   * @n_rows: how many rows
   *
   * Placeholder rows are about to be replaced by their summaries, with
   * one items-changed over the same rows.  The selection of these rows
   * is best put aside now and put back by document id.
   */
  signals[ROWS_FILLING] =
    g_signal_new ("rows-filling",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  /**
   * CeDocumentListModel::query-changed:
   *
   * The effective query changed: what was typed, or a filter picked.
   * ce_document_list_model_get_query() has it at once; the rows follow
   * when the search is done.
   */
  signals[QUERY_CHANGED] =
    g_signal_new ("query-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * CeDocumentListModel::facets-changed:
   *
   * New counts are in ce_document_list_model_get_facet().
   */
  signals[FACETS_CHANGED] =
    g_signal_new ("facets-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * CeDocumentListModel::snippets-changed:
   *
   * Snippets asked for with ce_document_list_model_get_snippet() arrived.
   */
  signals[SNIPPETS_CHANGED] =
    g_signal_new ("snippets-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * CeDocumentListModel::counts-changed:
   * @topic: the name of the topic counted
   *
   * The mentions of @topic per document are known, or changed: read
   * them with ce_document_list_model_get_topic_count().
   */
  signals[COUNTS_CHANGED] =
    g_signal_new ("counts-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
ce_document_list_model_init (CeDocumentListModel *self)
{
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, _ce_document_list_model_cache_entry_free);
  self->placeholders = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->rows_wanted = GTK_INVALID_LIST_POSITION;
  self->total = -1;
  g_queue_init (&self->lru);
  self->order = CE_DOCUMENT_ORDER_POSITION;
  self->relevance = TRUE;
  self->filters = g_ptr_array_new_with_free_func (_ce_document_list_model_filter_free);
  self->snippets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->snippets_pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->snippet_wanted = GTK_INVALID_LIST_POSITION;
  self->topic_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, _ce_topic_counts_free);
}

void
_ce_document_list_model_notify (CeDocumentListModel *self,
                                guint                prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
_ce_document_list_model_emit (CeDocumentListModel *self,
                              guint                signal_id)
{
  g_signal_emit (self, signals[signal_id], 0);
}

void
_ce_document_list_model_emit_counts_changed (CeDocumentListModel *self,
                                             const char          *topic)
{
  g_signal_emit (self, signals[COUNTS_CHANGED], 0, topic);
}

CeDocumentListModel *
ce_document_list_model_new (void)
{
  return g_object_new (CE_TYPE_DOCUMENT_LIST_MODEL, NULL);
}

/**
 * ce_document_list_model_set_session:
 * @session: (nullable): the session whose connections the searches,
 *   snippets and counts run on
 *
 * The model counts again when documents change through @session.
 */
void
ce_document_list_model_set_session (CeDocumentListModel *self,
                                    CeSession           *session)
{
  g_return_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self));
  g_return_if_fail (session == NULL || CE_IS_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, _ce_document_list_model_recount, self);
  if (!g_set_object (&self->session, session) || session == NULL)
    return;

  g_signal_connect_object (session, "corpus-changed", G_CALLBACK (_ce_document_list_model_recount),
                           self, G_CONNECT_SWAPPED);
}

/**
 * ce_document_list_model_has_corpus:
 *
 * Returns: whether the rows are those of the session's corpus (none
 *   before ce_document_list_model_reset() or without a corpus)
 */
gboolean
ce_document_list_model_has_corpus (CeDocumentListModel *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);
  return self->open;
}

/**
 * ce_document_list_model_get_total:
 *
 * Returns: how many documents the corpus has, or -1 while the rows
 *   are being listed
 */
gint64
ce_document_list_model_get_total (CeDocumentListModel *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), -1);
  return self->total;
}

/**
 * ce_document_list_model_reset:
 *
 * Lists every document of the session's corpus, another one or none,
 * in the current order; the search and the filters are cleared.  The
 * rows of the corpus before go at once, the new ones come from a
 * worker (#CeDocumentListModel:loading until then).
 */
void
ce_document_list_model_reset (CeDocumentListModel *self)
{
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer value;
  gboolean had_query;

  g_return_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self));

  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->search_serial++;
  _ce_document_list_model_cancel_listing (self);
  self->ids_pending = FALSE;
  self->facets_pending = FALSE;
  self->open = self->session != NULL && ce_session_is_open (self->session);

  /* Counts of another corpus mean nothing here */
  _ce_document_list_model_clear_count_order (self);
  g_hash_table_iter_init (&iter, self->topic_counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_clear_pointer (&((TopicCounts *)value)->table, _ce_count_table_unref);
  _ce_document_list_model_recount (self);

  if (self->search != NULL)
    {
      g_clear_pointer (&self->search, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
    }

  had_query = self->query != NULL;
  g_clear_pointer (&self->user_query, ce_query_unref);
  g_clear_pointer (&self->query, ce_query_unref);
  g_ptr_array_set_size (self->filters, 0);
  g_clear_pointer (&self->facets, g_hash_table_unref);
  g_signal_emit (self, signals[FACETS_CHANGED], 0);
  if (had_query)
    g_signal_emit (self, signals[QUERY_CHANGED], 0);

  _ce_document_list_model_set_total (self, -1);
  self->custom_ids = FALSE;
  g_clear_pointer (&self->custom_source, g_array_unref);
  _ce_document_list_model_replace_ids (self, NULL, NULL, NULL, NULL);

  if (!_ce_document_list_model_refresh (self, TRUE, TRUE, &error))
    g_warning ("Could not list the documents: %s", error->message);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
ce_document_list_model_get_order (CeDocumentListModel *self,
                                  CeDocumentOrder     *order,
                                  gboolean            *descending)
{
  g_return_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self));

  if (order != NULL)
    *order = self->order;
  if (descending != NULL)
    *descending = self->descending;
}

/**
 * ce_document_list_model_set_order:
 *
 * Sorts the rows in SQL, so a large corpus is never loaded as a whole;
 * a search is no longer ranked by relevance.
 */
gboolean
ce_document_list_model_set_order (CeDocumentListModel  *self,
                                  CeDocumentOrder       order,
                                  gboolean              descending,
                                  GError              **error)
{
  gboolean by_counts;
  gboolean same_rows;

  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);

  by_counts = self->count_topic != NULL;
  if (self->order == order && self->descending == !!descending && !self->relevance && !by_counts)
    return TRUE;

  /* Relevance without words to rank was corpus order already */
  same_rows = self->order == order && self->descending == !!descending &&
              !ce_document_list_model_get_ranked (self) && !by_counts;
  _ce_document_list_model_clear_count_order (self);
  self->order = order;
  self->descending = !!descending;
  if (self->relevance)
    {
      self->relevance = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RELEVANCE]);
    }

  if (same_rows)
    return TRUE;

  return _ce_document_list_model_refresh (self, TRUE, FALSE, error);
}

/**
 * ce_document_list_model_get_relevance:
 *
 * Returns: whether a search lists the best matches first
 */
gboolean
ce_document_list_model_get_relevance (CeDocumentListModel *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);
  return self->relevance;
}

/**
 * ce_document_list_model_set_relevance:
 * @relevance: %TRUE to list the best matches of a search first (bm25);
 *   without words to rank, the rows are in corpus order
 *
 * Setting it clears the order set by ce_document_list_model_set_order().
 */
void
ce_document_list_model_set_relevance (CeDocumentListModel *self,
                                      gboolean             relevance)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self));

  relevance = !!relevance;
  if (self->relevance == relevance)
    return;

  self->relevance = relevance;
  if (relevance)
    {
      _ce_document_list_model_clear_count_order (self);
      self->order = CE_DOCUMENT_ORDER_POSITION;
      self->descending = FALSE;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RELEVANCE]);

  if (!_ce_document_list_model_refresh (self, TRUE, FALSE, &error))
    g_warning ("Could not sort the documents: %s", error->message);
}

/**
 * ce_document_list_model_get_ranked:
 *
 * Returns: whether the rows are in relevance order: a search with words
 *   to rank, and ce_document_list_model_get_relevance()
 */
gboolean
ce_document_list_model_get_ranked (CeDocumentListModel *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);
  return self->relevance && _ce_document_list_model_has_words (self->query);
}

gboolean
ce_document_list_model_is_loading (CeDocumentListModel *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);
  return self->search_cancellable != NULL || self->list_cancellable != NULL;
}

/**
 * ce_document_list_model_reload:
 *
 * Lists the documents again, after the corpus changed.  A search runs
 * again in a worker.
 */
gboolean
ce_document_list_model_reload (CeDocumentListModel  *self,
                               GError              **error)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);

  return _ce_document_list_model_refresh (self, TRUE, TRUE, error);
}

/**
 * ce_document_list_model_set_ids:
 * @ids: (transfer none): the documents to list, in this order
 *
 * Lists exactly these documents, for example those a chart bar counts.
 */
void
ce_document_list_model_set_ids (CeDocumentListModel *self,
                                GArray              *ids)
{
  GArray *copy;

  g_return_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self));
  g_return_if_fail (ids != NULL);
  g_return_if_fail (g_array_get_element_size (ids) == sizeof (gint64));

  /* A listing or a search still running would replace them */
  if (self->list_cancellable != NULL)
    {
      _ce_document_list_model_cancel_listing (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
  if (self->search_cancellable != NULL && self->ids_pending)
    {
      self->ids_pending = FALSE;
      if (!self->facets_pending)
        {
          g_cancellable_cancel (self->search_cancellable);
          g_clear_object (&self->search_cancellable);
          self->search_serial++;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
        }
    }

  _ce_document_list_model_count_waiting_facets (self);

  copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
  g_array_append_vals (copy, ids->data, ids->len);
  g_clear_pointer (&self->custom_source, g_array_unref);
  self->custom_source = g_array_copy (copy);
  _ce_sort_by_counts (copy, _ce_document_list_model_lookup_count_table (self, self->count_topic), self->count_descending);
  self->custom_ids = TRUE;
  _ce_document_list_model_replace_ids (self, copy, NULL, self->query, NULL);
}

/**
 * ce_document_list_model_get_id:
 *
 * Returns: the id of the document at @position, or -1
 */
gint64
ce_document_list_model_get_id (CeDocumentListModel *self,
                               guint                position)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), -1);

  if (self->ids == NULL || position >= self->ids->len)
    return -1;

  return g_array_index (self->ids, gint64, position);
}

/**
 * ce_document_list_model_find:
 *
 * A binary search: the rows of a search or a listing come with an index
 * of their ids, made in the worker that listed them; rows given with
 * ce_document_list_model_set_ids() get theirs at the first find.
 *
 * Returns: the first position of document @id, or
 *   %GTK_INVALID_LIST_POSITION
 */
guint
ce_document_list_model_find (CeDocumentListModel *self,
                             gint64               id)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), GTK_INVALID_LIST_POSITION);

  if (self->ids == NULL)
    return GTK_INVALID_LIST_POSITION;

  if (self->id_index == NULL)
    self->id_index = _ce_id_index_new (self->ids);

  return _ce_id_index_find (self->id_index, self->ids, id);
}
