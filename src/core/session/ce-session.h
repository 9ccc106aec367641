/* ce-session.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ce-corpus.h"
#include "ce-importer.h"
#include "ce-query.h"
#include "ce-topic.h"

G_BEGIN_DECLS

/* Work for a connection of the session, in a thread of its own.  It
 * returns a result (any non-%NULL pointer; the caller says how it is
 * freed) or %NULL with @error set.  @corpus belongs to the session: keep
 * no reference to it after returning. */
typedef gpointer (*CeSessionFunc) (CeCorpus      *corpus,
                                   gpointer       data,
                                   GCancellable  *cancellable,
                                   GError       **error);

#define CE_TYPE_SESSION (ce_session_get_type ())
G_DECLARE_FINAL_TYPE (CeSession, ce_session, CE, SESSION, GObject)

/**
 * CE_SESSION_RELEASE_DELAY_MS:
 *
 * After this long without reading work, a session's connections give
 * back their unused cache and the heap is trimmed.
 */
#define CE_SESSION_RELEASE_DELAY_MS 3000

CeSession  *ce_session_new                (void);

/* The open corpus */
gboolean    ce_session_open               (CeSession            *self,
                                           const char           *path,
                                           CeCorpusOpenFlags     flags,
                                           GError              **error);
void        ce_session_open_async         (CeSession            *self,
                                           const char           *path,
                                           CeCorpusOpenFlags     flags,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean    ce_session_open_finish        (CeSession            *self,
                                           GAsyncResult         *result,
                                           GError              **error);
void        ce_session_close              (CeSession            *self);
gboolean    ce_session_is_open            (CeSession            *self);
gboolean    ce_session_is_read_only       (CeSession            *self);
const char *ce_session_get_path           (CeSession            *self);
char       *ce_session_dup_name           (CeSession            *self);

/* Reading: @func gets a read-only connection from the session's pool */
void        ce_session_run_in_thread      (CeSession            *self,
                                           CeSessionFunc         func,
                                           gpointer              data,
                                           GDestroyNotify        data_destroy,
                                           GDestroyNotify        result_destroy,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gpointer    ce_session_run_finish         (CeSession            *self,
                                           GAsyncResult         *result,
                                           GError              **error);
gpointer    ce_session_run                (CeSession            *self,
                                           CeSessionFunc         func,
                                           gpointer              data,
                                           GCancellable         *cancellable,
                                           GError              **error);

/* Writing: @func gets the one writable connection, in the writer thread */
void        ce_session_write_async        (CeSession            *self,
                                           CeSessionFunc         func,
                                           gpointer              data,
                                           GDestroyNotify        data_destroy,
                                           GDestroyNotify        result_destroy,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gpointer    ce_session_write_finish       (CeSession            *self,
                                           GAsyncResult         *result,
                                           GError              **error);
gpointer    ce_session_write              (CeSession            *self,
                                           CeSessionFunc         func,
                                           gpointer              data,
                                           GCancellable         *cancellable,
                                           GError              **error);

void            ce_session_import_async   (CeSession            *self,
                                           CeImporter           *importer,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
CeImportReport *ce_session_import_finish  (CeSession            *self,
                                           GAsyncResult         *result,
                                           GError              **error);

/* The effective query: the search text with its filters */
CeQuery    *ce_session_get_query          (CeSession            *self);
void        ce_session_set_query          (CeSession            *self,
                                           CeQuery              *query);

/* Topics: a list model of CeTopic, in their order, changed only through
 * the functions below; each change is written to the corpus */
GListModel *ce_session_get_topics         (CeSession            *self);
CeTopic    *ce_session_find_topic         (CeSession            *self,
                                           gint64                id,
                                           guint                *position);
GPtrArray  *ce_session_dup_enabled_topics (CeSession            *self);
const char *ce_session_next_topic_color   (CeSession            *self);
void        ce_session_add_topic_async    (CeSession            *self,
                                           CeTopic              *topic,
                                           guint                 position,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
CeTopic    *ce_session_add_topic_finish   (CeSession            *self,
                                           GAsyncResult         *result,
                                           GError              **error);
void        ce_session_save_topic_async   (CeSession            *self,
                                           CeTopic              *topic,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
CeTopic    *ce_session_save_topic_finish  (CeSession            *self,
                                           GAsyncResult         *result,
                                           GError              **error);
CeTopic    *ce_session_add_topic          (CeSession            *self,
                                           CeTopic              *topic,
                                           guint                 position,
                                           GError              **error);
CeTopic    *ce_session_save_topic         (CeSession            *self,
                                           CeTopic              *topic,
                                           GError              **error);
gboolean    ce_session_remove_topic       (CeSession            *self,
                                           CeTopic              *topic,
                                           GError              **error);
gboolean    ce_session_move_topic         (CeSession            *self,
                                           CeTopic              *topic,
                                           guint                 position,
                                           GError              **error);
gboolean    ce_session_set_topic_enabled  (CeSession            *self,
                                           CeTopic              *topic,
                                           gboolean              enabled,
                                           GError              **error);
gboolean    ce_session_set_topic_color    (CeSession            *self,
                                           CeTopic              *topic,
                                           const char           *color,
                                           GError              **error);
void        ce_session_reload_topics      (CeSession            *self);

/* What a view hears from the session it shows.  Each callback is
 * connected swapped, the view first, and lives no longer than the view;
 * any may be %NULL. */
typedef struct
{
  GCallback path_changed;    /* notify::path: another corpus, or none */
  GCallback query_changed;   /* notify::query */
  GCallback corpus_changed;  /* corpus-changed */
  GCallback topics_changed;  /* items-changed of the topics */
} CeSessionWatch;

gboolean    ce_session_watch            (CeSession           **slot,
                                         CeSession            *session,
                                         gpointer              view,
                                         const CeSessionWatch *watch);
void        ce_session_unwatch          (CeSession           **slot,
                                         gpointer              view);

G_END_DECLS
