/* ce-window-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ce-window-private.h"

/**
 * ce_window_offer_import:
 *
 * Opens the import dialog for @files: the user sees how they will be
 * split, and confirms there.
 */
void
ce_window_offer_import (CeWindow  *self,
                        GFile    **files,
                        guint      n_files)
{
  ce_window_import_files (self, files, n_files);
}

static void
show_report_details (CeWindow       *self,
                     CeImportReport *report)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *summary = ce_import_report_summary (report);
  GtkWidget *dialog;
  const guint max_lines = 40;
  guint shown = 0;

  g_string_append_printf (body, "%s.", summary);

  if (report->skipped->len > 0)
    {
      g_string_append_printf (body, "\n\n%s", _("Skipped:"));
      for (guint i = 0; i < report->skipped->len && shown < max_lines; i++, shown++)
        g_string_append_printf (body, "\n• %s", (const char *)g_ptr_array_index (report->skipped, i));
    }

  if (report->warnings->len > 0)
    {
      g_string_append_printf (body, "\n\n%s", _("Problems found while reading:"));
      for (guint i = 0; i < report->warnings->len && shown < max_lines; i++, shown++)
        g_string_append_printf (body, "\n• %s", (const char *)g_ptr_array_index (report->warnings, i));
    }

  if (report->skipped->len + report->warnings->len > shown)
    g_string_append_printf (body, "\n\n%s",
                            _("The full list is printed by “corpus-explorer import” on the command line."));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Import Report"), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_report_details_cb (CeWindow *self,
                      AdwToast *toast)
{
  CeImportReport *report = g_object_get_data (G_OBJECT (toast), "report");

  if (report != NULL)
    show_report_details (self, report);
}

static void
show_report (CeWindow       *self,
             CeImportReport *report)
{
  g_autofree char *summary = ce_import_report_summary (report);
  AdwToast *toast;

  toast = adw_toast_new (summary);
  adw_toast_set_timeout (toast, 8);
  if (report->skipped->len > 0 || report->warnings->len > 0 || report->repairs > 0)
    {
      /* The toast keeps what its Details button shows */
      g_object_set_data_full (G_OBJECT (toast), "report", ce_import_report_copy (report),
                              (GDestroyNotify)ce_import_report_free);
      adw_toast_set_button_label (toast, _("_Details"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_report_details_cb),
                               self, G_CONNECT_SWAPPED);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The new corpus an import made is open: its report follows */
static void
open_imported_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CeWindow *self = CE_WINDOW (object);
  CeImportReport *report = user_data;
  g_autoptr(GError) error = NULL;

  if (ce_window_open_corpus_finish (self, result, &error))
    show_report (self, report);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _ce_window_show_error (self, _("Could Not Open the Corpus"), error);

  ce_import_report_free (report);
}

static void
on_imported_cb (CeWindow       *self,
                const char     *corpus_path,
                CeImportReport *report,
                const GError   *error,
                CeImportDialog *dialog)
{
  g_assert (CE_IS_WINDOW (self));

  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay,
                                     adw_toast_new (_("Import cancelled; nothing was changed")));
      else
        _ce_window_show_error (self, _("Could Not Import"), error);
      return;
    }

  /* An import into the corpus shown went through the session, whose
   * corpus-changed listed the documents again; a new corpus is opened,
   * in the session's threads, and its report shown once it is */
  if (g_strcmp0 (ce_session_get_path (self->session), corpus_path) != 0)
    {
      g_autoptr(GFile) file = g_file_new_for_path (corpus_path);

      ce_window_open_corpus_async (self, file, open_imported_cb, ce_import_report_copy (report));
      return;
    }

  show_report (self, report);
}

/**
 * ce_window_import_files:
 *
 * Opens the import dialog for @files, into the corpus shown or, when
 * there is none, into a new corpus.  The window shows the result.
 *
 * Returns: (transfer none) (nullable): the dialog
 */
CeImportDialog *
ce_window_import_files (CeWindow  *self,
                        GFile    **files,
                        guint      n_files)
{
  CeImportDialog *dialog;

  g_return_val_if_fail (CE_IS_WINDOW (self), NULL);
  g_return_val_if_fail (files != NULL || n_files == 0, NULL);

  if (n_files == 0)
    return NULL;

  /* A corpus that can only be read gets nothing added: the files go to
   * a new corpus (the banner says so) */
  dialog = ce_import_dialog_new (GTK_WINDOW (self), files, n_files,
                                 ce_session_is_read_only (self->session)
                                 ? NULL : ce_session_get_path (self->session));
  ce_import_dialog_set_session (dialog, self->session);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}
