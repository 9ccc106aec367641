/* ce-corpus-guard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-corpus"

#include "config.h"

#include "ce-corpus-private.h"

/* The main-thread rule: the GUI never waits for SQLite.  SQLite calls the
 * trace hook of a connection for every statement it starts, whichever
 * function prepared or stepped it (sqlite3_exec() included), so this one
 * hook sees every statement of the store and cannot be bypassed. */

static GThread *guarded_thread;

#ifdef CE_MAIN_THREAD_GUARD
static int
trace_cb (unsigned int  type,
          void         *user_data,
          void         *stmt,
          void         *sql)
{
  GThread *thread = g_atomic_pointer_get (&guarded_thread);

  if (type == SQLITE_TRACE_STMT && thread != NULL && thread == g_thread_self ())
    g_warning ("query on the main thread: %s", (const char *)sql);

  return 0;
}
#endif

void
_ce_corpus_install_guard (sqlite3 *db)
{
#ifdef CE_MAIN_THREAD_GUARD
  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, trace_cb, NULL);
#endif
}

/**
 * ce_corpus_set_guarded_thread:
 * @thread: (nullable): the thread that must not run statements, usually
 *   the main thread, or %NULL
 *
 * In builds with the main-thread guard (debug and debugoptimized by
 * default, see the meson option main_thread_guard), every statement any
 * corpus runs on @thread emits a warning that names it.  Elsewhere this
 * does nothing.
 */
void
ce_corpus_set_guarded_thread (GThread *thread)
{
  g_atomic_pointer_set (&guarded_thread, thread);
}
