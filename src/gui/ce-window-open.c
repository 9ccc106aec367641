/* ce-window-open.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ce-window-private.h"

/* Opening a corpus: the session opens the file in its writer thread
 * while the window shows the "opening" page; the page shown before comes
 * back when it fails, and a second open gives the first up. */

/* The page under the header while nothing is being opened */
static void
show_settled_page (CeWindow *self)
{
  g_autofree char *name = ce_session_dup_name (self->session);

  gtk_stack_set_visible_child_name (self->main_stack, name != NULL ? "corpus" : "empty");
  gtk_window_set_title (GTK_WINDOW (self), name != NULL ? name : _("Corpus Explorer"));
  gtk_search_bar_set_key_capture_widget (self->search_bar, name != NULL ? GTK_WIDGET (self) : NULL);
  _ce_window_update_actions (self);
}

static void
open_corpus_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CeWindow *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  gboolean opened;

  opened = ce_session_open_finish (CE_SESSION (object), result, &error);

  /* Given up for another corpus, whose open now shows its page and
   * which told the caller already */
  if (self->open_task != task)
    return;

  g_clear_object (&self->open_task);
  g_clear_object (&self->open_cancellable);

  if (!opened)
    {
      show_settled_page (self);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _ce_window_show_corpus (self);
  _ce_recent_add (self->settings, ce_session_get_path (self->session));
  g_task_return_boolean (task, TRUE);
}

/* Gives up the open under way, if any: the session closes what it
 * opened, and the caller hears at once */
void
_ce_window_cancel_open (CeWindow *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->open_task);

  if (self->open_cancellable != NULL)
    g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);

  if (task != NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("Opening the corpus was cancelled"));
}

/**
 * ce_window_open_corpus_async:
 * @file: a `.corpus` file
 * @callback: (nullable): called when the corpus is shown, or not
 *
 * Opens @file in the session's threads and shows its documents in this
 * window, replacing the corpus shown before.  Meanwhile the window says
 * it is opening @file; an open asked for before is given up.  On
 * failure the window shows again what it showed before.  Finish with
 * ce_window_open_corpus_finish().
 */
void
ce_window_open_corpus_async (CeWindow            *self,
                             GFile               *file,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (CE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, ce_window_open_corpus_async);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("“%s” is not a local file; copy it to this computer to open it"), uri);
      return;
    }

  /* One open at a time: the one asked for last */
  _ce_window_cancel_open (self);
  self->open_cancellable = g_cancellable_new ();
  self->open_task = g_object_ref (task);

  name = g_path_get_basename (path);
  if (g_str_has_suffix (name, CE_CORPUS_SUFFIX) && strlen (name) > strlen (CE_CORPUS_SUFFIX))
    name[strlen (name) - strlen (CE_CORPUS_SUFFIX)] = 0;
  adw_status_page_set_description (self->opening_page, name);
  gtk_window_set_title (GTK_WINDOW (self), name);
  gtk_search_bar_set_key_capture_widget (self->search_bar, NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "opening");
  _ce_window_update_actions (self);

  /* The session's writer opens (and if need be upgrades) the file; the
   * pages read it through the session's workers */
  ce_session_open_async (self->session, path, CE_CORPUS_OPEN_DEFAULT, self->open_cancellable,
                         open_corpus_cb, g_steal_pointer (&task));
}

/**
 * ce_window_open_corpus_finish:
 * @error: why the corpus is not shown; the message names the file.
 *   %G_IO_ERROR_CANCELLED when another open replaced this one.
 *
 * Returns: whether the corpus is shown
 */
gboolean
ce_window_open_corpus_finish (CeWindow      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (CE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ce_window_is_opening:
 *
 * Returns: whether the window is opening a corpus
 */
gboolean
ce_window_is_opening (CeWindow *self)
{
  g_return_val_if_fail (CE_IS_WINDOW (self), FALSE);
  return self->open_task != NULL;
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  CeWindow *self = CE_WINDOW (object);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;

  if (ce_window_open_corpus_finish (self, result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        _ce_recent_remove (self->settings, path);
    }

  _ce_window_show_error (self, _("Could Not Open the Corpus"), error);
}

/**
 * ce_window_open:
 * @file: a `.corpus` file
 *
 * Like ce_window_open_corpus_async(), but tells the user when @file
 * cannot be opened, and forgets a recent corpus that no longer exists.
 */
void
ce_window_open (CeWindow *self,
                GFile    *file)
{
  g_return_if_fail (CE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  ce_window_open_corpus_async (self, file, open_cb, g_object_ref (file));
}
