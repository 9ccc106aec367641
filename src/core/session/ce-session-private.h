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
  guint         busy;            /* connections taken from the pool now */
  GSource      *release_source;  /* ready once the pool has been idle a while */
  guint         release_delay_ms;
  gint64        released;        /* bytes the pool's connections gave back */
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
void _ce_session_pool_init           (CeSession    *self);
void _ce_session_pool_clear          (CeSession    *self);
void _ce_session_release_writer      (CeSession    *self);
void _ce_session_trim_heap           (void);

/* Tests: how long the pool waits, idle, before it gives memory back */
void _ce_session_set_release_delay   (CeSession    *self,
                                      guint         delay_ms);
gint64 _ce_session_get_released      (CeSession    *self);

/* ce-session-topics.c */
gpointer _ce_session_list_topics_func (CeCorpus      *corpus,
                                       gpointer       data,
                                       GCancellable  *cancellable,
                                       GError       **error);

G_END_DECLS
