/* ce-document-list-model-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ce-counter.h"
#include "ce-document-list-model.h"
#include "ce-session.h"

G_BEGIN_DECLS

typedef struct
{
  char *field;  /* place, source, section, author, year or date */
  char *value;
} Filter;

/* The mentions of one topic per document.  Never changed once built,
 * so a search worker may sort by it while the rows are shown; shared
 * by reference counting (g_atomic_rc_box). */
typedef struct
{
  GArray     *counts;   /* CeDocCount, documents with mentions only */
  GHashTable *index;    /* gint64 * (inside counts) -> CeDocCount * */
} CountTable;

/* Where each id is among the rows (ce-document-list-model-index.c):
 * ids that never descend are searched as they are, otherwise @order
 * holds the positions sorted by id, then by position */
typedef struct
{
  guint32 *order;   /* NULL when the ids never descend */
} IdIndex;

/* An enabled topic and what is known of its counts */
typedef struct
{
  CeTopic    *topic;    /* a copy, safe to hand to a worker */
  char       *terms;    /* its terms as one string, to notice edits */
  CountTable *table;    /* NULL until counted */
  guint       stale : 1;
} TopicCounts;

struct _CeDocumentListModel
{
  GObject parent_instance;

  /* Owned references */
  CeSession       *session;         /* runs the workers on its connections */
  GArray          *ids;
  IdIndex         *id_index; /* of ids; NULL until built (by the worker that
                              * listed them, else at the first find) */
  gint64           total;   /* documents in the corpus; -1 until counted */
  GHashTable      *cache;   /* gint64 id -> CacheEntry (key inside the entry) */
  GQueue           lru;     /* most recently used first */

  /* Summaries of rows, read in a worker (ce-document-list-model-rows.c) */
  GHashTable      *placeholders;     /* gint64 ids handed out without a summary */
  GCancellable    *rows_cancellable;
  guint            rows_wanted;      /* a row asked for while a fetch runs */
  guint            rows_cache_serial;

  /* Listing every document, without a search */
  GCancellable    *list_cancellable;
  guint            list_serial;

  char            *search;      /* the text of user_query */
  CeQuery         *user_query;  /* what was typed; NULL when nothing */
  GPtrArray       *filters;     /* Filter, in the order added */
  CeQuery         *query;       /* user_query and filters; NULL when neither */
  CeQuery         *rows_query;  /* the query the rows listed match */

  GHashTable      *facets;      /* field -> GPtrArray of CeSearchFacet */
  gboolean         has_copies;  /* the corpus knows groups of copies, as the facets were counted */

  /* Snippets of the rows listed, by document id; "" when there is none */
  GHashTable      *snippets;
  GHashTable      *snippets_pending;
  GCancellable    *snippet_cancellable;
  guint            snippet_wanted;   /* a row asked for while a fetch runs */
  guint            rows_serial;      /* bumped whenever the rows change */

  GCancellable    *search_cancellable;
  guint            search_serial;

  /* Mentions of the enabled topics, by name */
  GHashTable      *topic_counts;    /* char * -> TopicCounts */
  GCancellable    *count_cancellable;
  guint            count_serial;
  char            *count_topic;     /* rows sorted by its mentions; NULL when not */
  GArray          *custom_source;   /* the rows set_ids() was given, in its order */

  CeDocumentOrder  order;
  guint            descending : 1;
  guint            open : 1;            /* the session's corpus is listed */
  guint            relevance : 1;
  guint            custom_ids : 1;      /* rows set by ce_document_list_model_set_ids() */
  guint            ids_pending : 1;
  guint            facets_pending : 1;
  guint            snippet_running : 1;
  guint            count_descending : 1;
};

enum {
  PROP_0,
  PROP_TOTAL,
  PROP_SEARCH,
  PROP_N_ITEMS,
  PROP_LOADING,
  PROP_RELEVANCE,
  N_PROPS
};

enum {
  ROWS_REPLACING,
  ROWS_FILLING,
  QUERY_CHANGED,
  FACETS_CHANGED,
  SNIPPETS_CHANGED,
  COUNTS_CHANGED,
  N_SIGNALS
};

/* ce-document-list-model.c */
void     _ce_document_list_model_notify              (CeDocumentListModel  *self,
                                                      guint                 prop_id);
void     _ce_document_list_model_emit                (CeDocumentListModel  *self,
                                                      guint                 signal_id);
void     _ce_document_list_model_emit_counts_changed (CeDocumentListModel  *self,
                                                      const char           *topic);
void     _ce_document_list_model_filter_free         (gpointer              data);
gboolean _ce_document_list_model_order_to_sort       (CeDocumentOrder       order,
                                                      CeSort               *sort);
gboolean _ce_document_list_model_reorder             (CeDocumentListModel  *self,
                                                      GError              **error);
void     _ce_document_list_model_replace_ids         (CeDocumentListModel  *self,
                                                      GArray               *ids,
                                                      IdIndex              *id_index,
                                                      CeQuery              *query,
                                                      GPtrArray            *rows);
void     _ce_document_list_model_set_total           (CeDocumentListModel  *self,
                                                      gint64                total);
void     _ce_document_list_model_emit_rows_filling   (CeDocumentListModel  *self,
                                                      guint                 position,
                                                      guint                 n_rows);

/* ce-document-list-model-rows.c */
void        _ce_document_list_model_cache_entry_free (gpointer             data);
void        _ce_document_list_model_clear_cache      (CeDocumentListModel *self);
CeDocument *_ce_document_list_model_get_row          (CeDocumentListModel *self,
                                                      guint                position);
void        _ce_document_list_model_cache_rows       (CeDocumentListModel *self,
                                                      GPtrArray           *documents);

/* ce-document-list-model-search.c */

/* Rows whose summaries come with the ids of a new result set */
#define CE_DOCUMENT_LIST_MODEL_FIRST_ROWS 80

void     _ce_document_list_model_cancel_listing (CeDocumentListModel  *self);
void     _ce_document_list_model_count_waiting_facets (CeDocumentListModel *self);
gboolean _ce_document_list_model_extend_ids (CeDocumentListModel  *self,
                                             GArray               *ids,
                                             IdIndex              *id_index);
gboolean _ce_document_list_model_refresh (CeDocumentListModel  *self,
                                          gboolean              ids,
                                          gboolean              facets,
                                          GError              **error);

/* ce-document-list-model-snippets.c */
void _ce_document_list_model_reset_snippets (CeDocumentListModel *self);

/* ce-document-list-model-counts.c */
CountTable *_ce_count_table_ref                        (CountTable          *table);
void        _ce_count_table_unref                      (CountTable          *table);
void        _ce_topic_counts_free                      (gpointer             data);
void        _ce_sort_by_counts                         (GArray              *ids,
                                                        CountTable          *table,
                                                        gboolean             descending);
CountTable *_ce_document_list_model_lookup_count_table (CeDocumentListModel *self,
                                                        const char          *topic);
void        _ce_document_list_model_recount            (CeDocumentListModel *self);
void        _ce_document_list_model_clear_count_order  (CeDocumentListModel *self);

/* ce-document-list-model-index.c */
IdIndex *_ce_id_index_new  (GArray        *ids);
void     _ce_id_index_free (IdIndex       *index);
guint    _ce_id_index_find (const IdIndex *index,
                            GArray        *ids,
                            gint64         id);

/* ce-document-list-model-facets.c */
GHashTable *_ce_document_list_model_count_facets (CeCorpus  *corpus,
                                                  CeQuery   *query,
                                                  gboolean  *has_copies,
                                                  GError   **error);

/* ce-document-list-model-query.c */
gboolean _ce_document_list_model_has_words (CeQuery *query);

G_END_DECLS
