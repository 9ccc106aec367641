/* ce-session-watch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-session"

#include "config.h"

#include "ce-session.h"

/* Every view of a window follows the one session the same way: it keeps
 * a reference in @slot and hears of a new corpus, query or topic list
 * through the callbacks it names. */

static void
connect_swapped (gpointer    instance,
                 const char *signal,
                 GCallback   callback,
                 gpointer    view)
{
  if (callback != NULL)
    g_signal_connect_object (instance, signal, callback, view, G_CONNECT_SWAPPED);
}

/**
 * ce_session_watch:
 * @slot: where @view keeps its session
 * @session: (nullable): the session to follow from now on
 * @view: the object the callbacks are called on
 * @watch: which callbacks to call
 *
 * Stops following the session in @slot, if any, and follows @session
 * instead.  No callback is called from here: @view brings itself up to
 * date after a change.
 *
 * Returns: whether @session is another session than the one in @slot
 */
gboolean
ce_session_watch (CeSession           **slot,
                  CeSession            *session,
                  gpointer              view,
                  const CeSessionWatch *watch)
{
  g_return_val_if_fail (slot != NULL, FALSE);
  g_return_val_if_fail (session == NULL || CE_IS_SESSION (session), FALSE);
  g_return_val_if_fail (G_IS_OBJECT (view), FALSE);
  g_return_val_if_fail (watch != NULL, FALSE);

  if (*slot == session)
    return FALSE;

  ce_session_unwatch (slot, view);
  if (session == NULL)
    return TRUE;

  *slot = g_object_ref (session);
  connect_swapped (session, "notify::path", watch->path_changed, view);
  connect_swapped (session, "notify::query", watch->query_changed, view);
  connect_swapped (session, "corpus-changed", watch->corpus_changed, view);
  connect_swapped (ce_session_get_topics (session), "items-changed", watch->topics_changed, view);

  return TRUE;
}

/**
 * ce_session_unwatch:
 * @slot: where @view keeps its session
 * @view: the object the callbacks were called on
 *
 * Disconnects every handler @view has on the session in @slot and its
 * topics, and clears @slot.  For a view's dispose.
 */
void
ce_session_unwatch (CeSession **slot,
                    gpointer    view)
{
  g_return_if_fail (slot != NULL);

  if (*slot == NULL)
    return;

  g_signal_handlers_disconnect_by_data (*slot, view);
  g_signal_handlers_disconnect_by_data (ce_session_get_topics (*slot), view);
  g_clear_object (slot);
}
