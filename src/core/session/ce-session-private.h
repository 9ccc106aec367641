/* ce-session-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ce-session.h"

G_BEGIN_DECLS

struct _CeSession
{
  GObject       parent_instance;

  /* Where the signals and the callbacks of the session run */
  GMainContext *context;

  /* Owned by the thread of @context */
  char         *path;
  CeQuery      *query;
  GListStore   *topics;          /* of CeTopic */
  guint         epoch;           /* one more each time a corpus is opened or closed */
  gboolean      read_only;       /* the writer could only open it for reading */
  guint         closes;          /* one more each time the corpus is closed */

  /* The writer: one thread and the one writable connection, which only
   * that thread touches */
  GThreadPool  *writer_pool;
  CeCorpus     *writer;

  /* Idle read-only connections, for any thread */
  GMutex        pool_lock;
  char         *pool_path;
  guint         pool_epoch;
  GPtrArray    *idle;
};

/* ce-session.c */
void _ce_session_emit_error          (CeSession    *self,
                                      const GError *error);
void _ce_session_set_not_open_error  (GError      **error);
void _ce_session_replace_topics      (CeSession    *self,
                                      GPtrArray    *topics);

/* ce-session-pool.c */
void _ce_session_pool_reset          (CeSession    *self,
                                      const char   *path);

/* ce-session-topics.c */
gpointer _ce_session_list_topics_func (CeCorpus      *corpus,
                                       gpointer       data,
                                       GCancellable  *cancellable,
                                       GError       **error);

G_END_DECLS
