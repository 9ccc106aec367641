/* ce-import-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-import-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ce-corpus.h"
#include "ce-import-dialog.h"
#include "ce-importer.h"

#define PREVIEW_DOCUMENTS 8
#define PREVIEW_DELAY_MS  250

struct _CeImportDialog
{
  AdwWindow parent_instance;

  /* Template widgets */
  GtkButton        *cancel_button;
  GtkButton        *import_button;
  GtkStack         *stack;
  AdwActionRow     *files_row;
  AdwComboRow      *format_row;
  AdwComboRow      *split_row;
  AdwEntryRow      *regex_row;
  AdwEntryRow      *text_field_row;
  AdwActionRow     *target_row;
  GtkButton        *target_button;
  AdwComboRow      *tokenizer_row;
  AdwComboRow      *diacritics_row;
  GtkSwitch        *keep_duplicates_switch;
  AdwPreferencesGroup *preview_group;
  GtkSpinner       *preview_spinner;
  GtkListBox       *preview_list;
  AdwStatusPage    *progress_page;
  GtkProgressBar   *progress_bar;
  GtkLabel         *progress_label;

  /* Owned references */
  GPtrArray        *paths;
  char             *corpus_path;
  gboolean          corpus_is_new;
  GCancellable     *preview_cancellable;
  GCancellable     *import_cancellable;
  CeImporter       *importer;
  CeSession        *session;         /* imports into its corpus go through it */
  GtkFileChooserNative *chooser;
  guint             preview_source;
  guint             progress_source;
  gboolean          shown_waiting;    /* the progress page says it waits */
};

G_DEFINE_FINAL_TYPE (CeImportDialog, ce_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Rows of the format combo, in order */
static const CeFormat formats[] = {
  CE_FORMAT_AUTO, CE_FORMAT_DUMP, CE_FORMAT_TEXT, CE_FORMAT_JSONL,
  CE_FORMAT_JSON, CE_FORMAT_CSV, CE_FORMAT_EMAIL, CE_FORMAT_HTML,
};

/* Rows of the split combo, in order */
/* The rows of the tokenizer and accents choices, for a new corpus */
static const CeTokenizer tokenizers[] = {
  CE_TOKENIZER_AUTO, CE_TOKENIZER_DEFAULT, CE_TOKENIZER_CJK,
};
static const CeDiacritics diacritics[] = {
  CE_DIACRITICS_REMOVE, CE_DIACRITICS_KEEP,
};

static const CeSplitMode split_modes[] = {
  CE_SPLIT_AUTO, CE_SPLIT_NONE, CE_SPLIT_DATELINE, CE_SPLIT_LINES,
  CE_SPLIT_BLANK, CE_SPLIT_REGEX,
};

typedef struct
{
  char            *path;
  CeImportOptions  options;
} PreviewRequest;

typedef struct
{
  GPtrArray *drafts;
  guint      total;
  CeFormat   format;
} PreviewResult;

static const char *
format_label (CeFormat format)
{
  switch (format)
    {
    case CE_FORMAT_DUMP:
      return _("Raw text dump");
    case CE_FORMAT_TEXT:
      return _("Text file");
    case CE_FORMAT_JSONL:
      return _("JSON Lines");
    case CE_FORMAT_JSON:
      return _("JSON");
    case CE_FORMAT_CSV:
      return _("CSV or TSV");
    case CE_FORMAT_EMAIL:
      return _("Email");
    case CE_FORMAT_HTML:
      return _("HTML");
    case CE_FORMAT_AUTO:
    case CE_FORMAT_UNKNOWN:
    default:
      return _("Unknown format");
    }
}

static void
preview_request_free (PreviewRequest *request)
{
  g_free (request->path);
  ce_import_options_clear (&request->options);
  g_free (request);
}

static void
preview_result_free (PreviewResult *result)
{
  g_clear_pointer (&result->drafts, g_ptr_array_unref);
  g_free (result);
}

static void
read_options (CeImportDialog  *self,
              CeImportOptions *options)
{
  guint format = adw_combo_row_get_selected (self->format_row);
  guint split = adw_combo_row_get_selected (self->split_row);
  const char *text_field = gtk_editable_get_text (GTK_EDITABLE (self->text_field_row));
  const char *regex = gtk_editable_get_text (GTK_EDITABLE (self->regex_row));

  options->format = format < G_N_ELEMENTS (formats) ? formats[format] : CE_FORMAT_AUTO;
  options->split = split < G_N_ELEMENTS (split_modes) ? split_modes[split] : CE_SPLIT_AUTO;
  options->split_regex = options->split == CE_SPLIT_REGEX ? g_strdup (regex) : NULL;
  options->text_field = text_field[0] != 0 ? g_strdup (text_field) : NULL;

  /* A corpus keeps the tokenizer it was created with: only a new one
   * gets a choice */
  if (self->corpus_is_new)
    {
      guint tokenizer = adw_combo_row_get_selected (self->tokenizer_row);
      guint accents = adw_combo_row_get_selected (self->diacritics_row);

      options->tokenizer = tokenizer < G_N_ELEMENTS (tokenizers) ? tokenizers[tokenizer] : CE_TOKENIZER_AUTO;
      options->diacritics = accents < G_N_ELEMENTS (diacritics) ? diacritics[accents] : CE_DIACRITICS_REMOVE;
    }
  options->keep_duplicates = gtk_switch_get_active (self->keep_duplicates_switch);
}

/* The first regular file among the paths, looking into folders */
static char *
first_file (GPtrArray *paths)
{
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_strdup (path);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_free);
          g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
          const char *name;

          while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
            {
              if (name[0] != '.')
                g_ptr_array_add (children, g_build_filename (path, name, NULL));
            }
          g_ptr_array_sort (children, (GCompareFunc)g_strcmp0);

          if (children->len > 0)
            {
              char *found = first_file (children);
              if (found != NULL)
                return found;
            }
        }
    }

  return NULL;
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PreviewRequest *request = task_data;
  PreviewResult *result = g_new0 (PreviewResult, 1);
  GError *error = NULL;

  result->drafts = ce_importer_preview (request->path, &request->options, PREVIEW_DOCUMENTS,
                                        &result->total, &result->format, cancellable, &error);
  if (result->drafts == NULL)
    {
      preview_result_free (result);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, result, (GDestroyNotify)preview_result_free);
}

static GtkWidget *
create_preview_row (const CeDraft *draft)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = gtk_label_new (draft->title && *draft->title ? draft->title : _("Untitled"));
  g_autoptr(GString) meta = g_string_new (NULL);
  g_autofree char *excerpt = NULL;
  GtkWidget *label;

  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);

  if (draft->place)
    g_string_append (meta, draft->place);
  if (draft->date)
    g_string_append_printf (meta, "%s%s", meta->len ? " · " : "", draft->date);
  if (draft->source)
    g_string_append_printf (meta, "%s%s", meta->len ? " · " : "", draft->source);
  g_string_append_printf (meta, "%s%u words", meta->len ? " · " : "",
                          ce_text_count_words (draft->body, -1));
  label = gtk_label_new (meta->str);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  excerpt = g_strndup (draft->body ? draft->body : "", 400);
  g_strdelimit (excerpt, "\n", ' ');
  label = gtk_label_new (excerpt);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_lines (GTK_LABEL (label), 3);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);

  return box;
}

static void
clear_preview (CeImportDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_list))) != NULL)
    gtk_list_box_remove (self->preview_list, child);
}

static void
show_preview_message (CeImportDialog *self,
                      const char     *message)
{
  GtkWidget *label = gtk_label_new (message);

  clear_preview (self);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_box_append (self->preview_list, label);
}

static void
preview_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CeImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  PreviewResult *preview;
  g_autofree char *subtitle = NULL;
  g_autofree char *description = NULL;

  preview = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->preview_spinner);

  if (preview == NULL)
    {
      adw_action_row_set_subtitle (self->files_row, error->message);
      show_preview_message (self, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), self->paths->len > 1);
      return;
    }

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u document", "%s · %u documents",
                                           preview->total),
                              format_label (preview->format), preview->total);
  if (self->paths->len > 1 || g_file_test (g_ptr_array_index (self->paths, 0), G_FILE_TEST_IS_DIR))
    {
      g_autofree char *first = g_strdup (subtitle);
      g_free (subtitle);
      subtitle = g_strdup_printf (_("First file: %s"), first);
    }
  adw_action_row_set_subtitle (self->files_row, subtitle);

  description = g_strdup_printf (_("The first %u documents as they will be imported"),
                                 preview->drafts->len);
  adw_preferences_group_set_description (self->preview_group, description);

  clear_preview (self);
  for (guint i = 0; i < preview->drafts->len; i++)
    gtk_list_box_append (self->preview_list,
                         create_preview_row (g_ptr_array_index (preview->drafts, i)));

  if (preview->drafts->len == 0)
    show_preview_message (self, _("No documents found with these settings"));

  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button),
                            preview->total > 0 || self->paths->len > 1);
  preview_result_free (preview);
}

static gboolean
run_preview (gpointer user_data)
{
  CeImportDialog *self = user_data;
  g_autoptr(GTask) task = NULL;
  PreviewRequest *request;
  char *path;

  self->preview_source = 0;

  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);

  path = first_file (self->paths);
  if (path == NULL)
    {
      adw_action_row_set_subtitle (self->files_row, _("Nothing that can be read here"));
      show_preview_message (self, _("There are no files to import"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
      return G_SOURCE_REMOVE;
    }

  request = g_new0 (PreviewRequest, 1);
  request->path = path;
  read_options (self, &request->options);

  if (request->options.split == CE_SPLIT_REGEX)
    {
      g_autoptr(GRegex) regex = g_regex_new (request->options.split_regex, 0, 0, NULL);

      if (regex == NULL)
        {
          show_preview_message (self, _("The pattern is not a valid regular expression"));
          gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
          preview_request_free (request);
          return G_SOURCE_REMOVE;
        }
    }

  self->preview_cancellable = g_cancellable_new ();
  gtk_spinner_start (self->preview_spinner);

  task = g_task_new (self, self->preview_cancellable, preview_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, run_preview);
  g_task_set_task_data (task, request, (GDestroyNotify)preview_request_free);
  g_task_run_in_thread (task, preview_thread);

  return G_SOURCE_REMOVE;
}

static void
queue_preview (CeImportDialog *self)
{
  g_clear_handle_id (&self->preview_source, g_source_remove);
  self->preview_source = g_timeout_add (PREVIEW_DELAY_MS, run_preview, self);
}

static void
update_target_row (CeImportDialog *self)
{
  g_autofree char *name = g_path_get_basename (self->corpus_path);
  g_autofree char *dir = g_path_get_dirname (self->corpus_path);
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->target_row), name);
  gtk_widget_set_visible (GTK_WIDGET (self->tokenizer_row), self->corpus_is_new);
  gtk_widget_set_visible (GTK_WIDGET (self->diacritics_row), self->corpus_is_new);
  if (self->corpus_is_new)
    subtitle = g_strdup_printf (_("A new corpus in %s"), dir);
  else
    subtitle = g_strdup_printf (_("Added to the corpus in %s"), dir);
  adw_action_row_set_subtitle (self->target_row, subtitle);
}

/* Another import writes into the same corpus: this one waits for it,
 * says so, and can still be cancelled (nothing is written yet).  The
 * importer notifies the change in this thread's main context. */
static void
on_importer_waiting_cb (CeImportDialog *self,
                        GParamSpec     *pspec,
                        CeImporter     *importer)
{
  gboolean cancelled = self->import_cancellable == NULL ||
                       g_cancellable_is_cancelled (self->import_cancellable);

  if (ce_importer_is_waiting (importer))
    {
      if (self->shown_waiting || cancelled)
        return;

      self->shown_waiting = TRUE;
      adw_status_page_set_title (self->progress_page, _("Waiting for Another Import to Finish…"));
      adw_status_page_set_icon_name (self->progress_page, "preferences-system-time-symbolic");
      gtk_progress_bar_set_text (self->progress_bar, _("Waiting"));
      gtk_label_set_wrap (self->progress_label, TRUE);
      gtk_label_set_justify (self->progress_label, GTK_JUSTIFY_CENTER);
      gtk_label_set_text (self->progress_label,
                          _("Another import is adding to this corpus. This one starts when it "
                            "is done; Cancel leaves the corpus as it is."));
      gtk_progress_bar_pulse (self->progress_bar);
      return;
    }

  if (!self->shown_waiting)
    return;

  self->shown_waiting = FALSE;
  if (!cancelled)
    adw_status_page_set_title (self->progress_page, _("Importing…"));
  adw_status_page_set_icon_name (self->progress_page, "document-save-symbolic");
}

static gboolean
update_progress (gpointer user_data)
{
  CeImportDialog *self = user_data;
  g_autofree char *done_text = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *documents_text = NULL;
  guint64 done = 0;
  guint64 total = 0;
  guint documents = 0;

  /* While it waits, the bar only shows that something is going on */
  if (self->shown_waiting)
    {
      gtk_progress_bar_pulse (self->progress_bar);
      return G_SOURCE_CONTINUE;
    }

  ce_importer_get_progress (self->importer, &done, &total, &documents);

  if (total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, (double)done / (double)total);

  done_text = g_format_size (done);
  total_text = g_format_size (total);
  text = g_strdup_printf (_("%s of %s"), done_text, total_text);
  gtk_progress_bar_set_text (self->progress_bar, text);

  documents_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u document", "%u documents",
                                                 documents),
                                    documents);
  gtk_label_set_text (self->progress_label, documents_text);

  return G_SOURCE_CONTINUE;
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CeImportDialog) self = user_data;
  g_autoptr(CeImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (CE_IS_SESSION (object))
    report = ce_session_import_finish (CE_SESSION (object), result, &error);
  else
    report = ce_importer_run_finish (CE_IMPORTER (object), result, &error);

  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_object (&self->import_cancellable);

  g_signal_emit (self, signals[IMPORTED], 0, self->corpus_path, report, error);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_import_clicked_cb (CeImportDialog *self,
                      GtkButton      *button)
{
  CeImportOptions options = { 0 };

  g_assert (CE_IS_IMPORT_DIALOG (self));

  g_cancellable_cancel (self->preview_cancellable);
  g_clear_handle_id (&self->preview_source, g_source_remove);

  read_options (self, &options);
  {
    g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

    /* The preference; a corpus grouped at another threshold is grouped again */
    options.duplicate_threshold = g_settings_get_double (settings, "duplicate-threshold");
  }
  self->importer = ce_importer_new (self->corpus_path, &options);
  g_signal_connect_object (self->importer, "notify::waiting",
                           G_CALLBACK (on_importer_waiting_cb), self, G_CONNECT_SWAPPED);
  ce_import_options_clear (&options);
  for (guint i = 0; i < self->paths->len; i++)
    ce_importer_add_path (self->importer, g_ptr_array_index (self->paths, i));

  self->import_cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->stack, "progress");
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
  gtk_window_set_deletable (GTK_WINDOW (self), FALSE);

  self->progress_source = g_timeout_add (100, update_progress, self);
  update_progress (self);

  /* Into the corpus open: through the session's writer, which tells
   * every view when the documents are in.  A new corpus is made by the
   * importer on its own. */
  if (self->session != NULL && g_strcmp0 (ce_session_get_path (self->session), self->corpus_path) == 0)
    ce_session_import_async (self->session, self->importer, self->import_cancellable,
                             import_done_cb, g_object_ref (self));
  else
    ce_importer_run_async (self->importer, self->import_cancellable,
                           import_done_cb, g_object_ref (self));
}

static void
on_cancel_clicked_cb (CeImportDialog *self,
                      GtkButton      *button)
{
  g_assert (CE_IS_IMPORT_DIALOG (self));

  if (self->import_cancellable != NULL)
    {
      /* The import stops and rolls back; import_done_cb closes us */
      g_cancellable_cancel (self->import_cancellable);
      gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
      adw_status_page_set_title (self->progress_page, _("Cancelling…"));
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_option_changed_cb (CeImportDialog *self)
{
  g_assert (CE_IS_IMPORT_DIALOG (self));

  gtk_widget_set_visible (GTK_WIDGET (self->regex_row),
                          adw_combo_row_get_selected (self->split_row) == G_N_ELEMENTS (split_modes) - 1);
  queue_preview (self);
}

static void
chooser_response_cb (CeImportDialog       *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        {
          g_free (self->corpus_path);
          self->corpus_path = g_str_has_suffix (path, CE_CORPUS_SUFFIX)
                            ? g_steal_pointer (&path)
                            : g_strconcat (path, CE_CORPUS_SUFFIX, NULL);
          self->corpus_is_new = !g_file_test (self->corpus_path, G_FILE_TEST_EXISTS);
          update_target_row (self);
        }
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);
}

static void
on_target_clicked_cb (CeImportDialog *self,
                      GtkButton      *button)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;

  g_assert (CE_IS_IMPORT_DIALOG (self));

  self->chooser = gtk_file_chooser_native_new (_("Import Into"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Select"), _("_Cancel"));
  dir = g_path_get_dirname (self->corpus_path);
  name = g_path_get_basename (self->corpus_path);
  folder = g_file_new_for_path (dir);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
ce_import_dialog_close_request (GtkWindow *window)
{
  CeImportDialog *self = (CeImportDialog *)window;

  g_assert (CE_IS_IMPORT_DIALOG (self));

  /* Closing while importing cancels; the window goes when the worker
   * has rolled back. */
  if (self->import_cancellable != NULL)
    {
      on_cancel_clicked_cb (self, NULL);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (ce_import_dialog_parent_class)->close_request (window);
}

static void
ce_import_dialog_dispose (GObject *object)
{
  CeImportDialog *self = (CeImportDialog *)object;

  g_cancellable_cancel (self->preview_cancellable);
  g_clear_handle_id (&self->preview_source, g_source_remove);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), CE_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (ce_import_dialog_parent_class)->dispose (object);
}

static void
ce_import_dialog_finalize (GObject *object)
{
  CeImportDialog *self = (CeImportDialog *)object;

  g_clear_object (&self->preview_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->importer);
  g_clear_object (&self->session);
  g_clear_pointer (&self->paths, g_ptr_array_unref);
  g_clear_pointer (&self->corpus_path, g_free);

  G_OBJECT_CLASS (ce_import_dialog_parent_class)->finalize (object);
}

static void
ce_import_dialog_class_init (CeImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ce_import_dialog_dispose;
  object_class->finalize = ce_import_dialog_finalize;
  window_class->close_request = ce_import_dialog_close_request;

  /**
   * CeImportDialog::imported:
   * @corpus_path: the corpus imported into
   * @report: (nullable): the report (%CE_TYPE_IMPORT_REPORT), or %NULL
   *   when the import failed
   * @error: (nullable): why it failed (%G_TYPE_ERROR; G_IO_ERROR_CANCELLED
   *   when cancelled)
   *
   * The report and the error are the dialog's, valid during the emission.
   */
  signals[IMPORTED] =
    g_signal_new ("imported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  G_TYPE_STRING,
                  CE_TYPE_IMPORT_REPORT | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class, APPLICATION_PATH "/ce-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CeImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CeImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, CeImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CeImportDialog, files_row);
  gtk_widget_class_bind_template_child (widget_class, CeImportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, CeImportDialog, split_row);
  gtk_widget_class_bind_template_child (widget_class, CeImportDialog, regex_row);
  gtk_widget_class_bind_template_child (widget_class, CeImportDialog, text_field_row);
  gtk_widget_class_bind_template_child (widget_class, CeImportDialog, target_row);
  gtk_widget_class_bind_template_child (widget_class, CeImportDialog, target_button);
  gtk_widget_class_bind_template_child (widget_class, CeImportDialog, tokenizer_row);
  gtk_widget_class_bind_template_child (widget_class, CeImportDialog, diacritics_row);
  gtk_widget_class_bind_template_child (widget_class, CeImportDialog, keep_duplicates_switch);
  gtk_widget_class_bind_template_child (widget_class, CeImportDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, CeImportDialog, preview_spinner);
  gtk_widget_class_bind_template_child (widget_class, CeImportDialog, preview_list);
  gtk_widget_class_bind_template_child (widget_class, CeImportDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, CeImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CeImportDialog, progress_label);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_option_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_target_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ce_import_dialog_init (CeImportDialog *self)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *tokenizer = g_settings_get_string (settings, "new-corpus-tokenizer");
  g_autofree char *accents = g_settings_get_string (settings, "new-corpus-diacritics");
  CeTokenizer default_tokenizer = CE_TOKENIZER_AUTO;
  CeDiacritics default_diacritics = CE_DIACRITICS_REMOVE;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->paths = g_ptr_array_new_with_free_func (g_free);

  /* The choices for a new corpus start from the preferences */
  ce_tokenizer_from_string (tokenizer, &default_tokenizer);
  ce_diacritics_from_string (accents, &default_diacritics);
  for (guint i = 0; i < G_N_ELEMENTS (tokenizers); i++)
    if (tokenizers[i] == default_tokenizer)
      adw_combo_row_set_selected (self->tokenizer_row, i);
  for (guint i = 0; i < G_N_ELEMENTS (diacritics); i++)
    if (diacritics[i] == default_diacritics)
      adw_combo_row_set_selected (self->diacritics_row, i);
}

static char *
default_corpus_path (const char *first)
{
  g_autofree char *base = g_path_get_basename (first);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "corpus-explorer", NULL);
  g_autofree char *name = NULL;
  char *dot = strrchr (base, '.');
  char *path;

  if (dot != NULL && dot != base)
    *dot = 0;

  g_mkdir_with_parents (dir, 0700);

  /* Never import into an existing corpus by accident */
  name = g_strconcat (base, CE_CORPUS_SUFFIX, NULL);
  path = g_build_filename (dir, name, NULL);
  for (guint i = 2; g_file_test (path, G_FILE_TEST_EXISTS); i++)
    {
      g_free (name);
      g_free (path);
      name = g_strdup_printf ("%s %u%s", base, i, CE_CORPUS_SUFFIX);
      path = g_build_filename (dir, name, NULL);
    }

  return path;
}

/**
 * ce_import_dialog_set_session:
 * @session: (nullable): the session of the window; an import into its
 *   corpus runs through it
 */
void
ce_import_dialog_set_session (CeImportDialog *self,
                              CeSession      *session)
{
  g_return_if_fail (CE_IS_IMPORT_DIALOG (self));
  g_return_if_fail (session == NULL || CE_IS_SESSION (session));

  g_set_object (&self->session, session);
}

/**
 * ce_import_dialog_new:
 * @parent: the window it belongs to
 * @files: (array length=n_files): files and folders to import
 * @corpus_path: (nullable): the open corpus to add to, or %NULL to
 *   create a new corpus named after the first file
 */
CeImportDialog *
ce_import_dialog_new (GtkWindow   *parent,
                      GFile      **files,
                      guint        n_files,
                      const char  *corpus_path)
{
  CeImportDialog *self;
  g_autoptr(GString) names = g_string_new (NULL);

  g_return_val_if_fail (n_files > 0, NULL);

  self = g_object_new (CE_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       NULL);

  for (guint i = 0; i < n_files; i++)
    {
      char *path = g_file_get_path (files[i]);
      g_autofree char *name = g_file_get_basename (files[i]);

      if (path == NULL)
        continue;

      g_ptr_array_add (self->paths, path);
      if (i < 3)
        g_string_append_printf (names, "%s%s", names->len ? ", " : "", name);
    }

  if (n_files > 3)
    g_string_append_printf (names, _(" and %u more"), n_files - 3);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->files_row), names->str);
  adw_action_row_set_subtitle (self->files_row, _("Reading…"));

  if (corpus_path != NULL)
    {
      self->corpus_path = g_strdup (corpus_path);
      self->corpus_is_new = FALSE;
    }
  else
    {
      self->corpus_path = default_corpus_path (self->paths->len > 0
                                               ? g_ptr_array_index (self->paths, 0)
                                               : "corpus");
      self->corpus_is_new = TRUE;
    }

  update_target_row (self);
  run_preview (self);

  return self;
}

const char *
ce_import_dialog_get_corpus_path (CeImportDialog *self)
{
  g_return_val_if_fail (CE_IS_IMPORT_DIALOG (self), NULL);
  return self->corpus_path;
}

/**
 * ce_import_dialog_is_waiting:
 *
 * Returns: whether the dialog says that the import waits for another
 *   import into the same corpus to finish
 */
gboolean
ce_import_dialog_is_waiting (CeImportDialog *self)
{
  g_return_val_if_fail (CE_IS_IMPORT_DIALOG (self), FALSE);
  return self->shown_waiting;
}

/**
 * ce_import_dialog_start:
 *
 * Starts the import as if Import had been clicked (for keyboard users
 * pressing Enter in the preview, and for tests).
 */
void
ce_import_dialog_start (CeImportDialog *self)
{
  g_return_if_fail (CE_IS_IMPORT_DIALOG (self));

  if (self->import_cancellable == NULL)
    on_import_clicked_cb (self, NULL);
}
