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
/* CE_MAIN_THREAD_GUARD=fatal makes the warning an error that ends the
 * process (the UI test suites run with it) */
static gboolean
guard_is_fatal (void)
{
  static gsize fatal = 0;

  if (g_once_init_enter (&fatal))
    g_once_init_leave (&fatal, g_strcmp0 (g_getenv ("CE_MAIN_THREAD_GUARD"), "fatal") == 0 ? 2 : 1);

  return fatal == 2;
}

static int
trace_cb (unsigned int  type,
          void         *user_data,
          void         *stmt,
          void         *sql)
{
  GThread *thread = g_atomic_pointer_get (&guarded_thread);

  if (type == SQLITE_TRACE_STMT && thread != NULL && thread == g_thread_self ())
    {
      if (guard_is_fatal ())
        g_error ("query on the main thread: %s", (const char *)sql);
      else
        g_warning ("query on the main thread: %s", (const char *)sql);
    }

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
 * corpus runs on @thread emits a warning that names it, or ends the
 * process when the environment has CE_MAIN_THREAD_GUARD=fatal.
 * Elsewhere this does nothing.
 */
void
ce_corpus_set_guarded_thread (GThread *thread)
{
  g_atomic_pointer_set (&guarded_thread, thread);
}

/**
 * ce_corpus_get_guarded_thread:
 *
 * Returns: (nullable): the thread given to ce_corpus_set_guarded_thread()
 */
GThread *
ce_corpus_get_guarded_thread (void)
{
  return g_atomic_pointer_get (&guarded_thread);
}
