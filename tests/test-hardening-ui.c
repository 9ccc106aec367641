/* test-hardening-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window on a corpus it cannot write, and an import into a corpus
 * another import is writing into:
 *
 *   - a corpus in a read-only folder opens read-only: a banner says so,
 *     every change to the corpus is switched off from the start (with
 *     the reason where it is offered; on for a corpus that can be
 *     written), an import goes to a new corpus, and the file is left
 *     exactly as it was;
 *   - an import into the corpus shown while another connection holds
 *     the writer's lock waits, says so, and can be cancelled; once the
 *     lock is given back, it goes through.
 *
 * As root the permissions do not apply, so the whole test runs as
 * nobody when started as root (with a copy of the display's key).
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "ce-application.h"
#include "ce-corpus.h"
#include "ce-document-list.h"
#include "ce-import-dialog.h"
#include "ce-read-only-banner.h"
#include "ce-reader-view.h"
#include "ce-topics.h"
#include "ce-topics-panel.h"
#include "ce-window.h"
#include "ce-test-ui.h"

#define NOBODY 65534

static CeApplication *app;
static char *tmp_dir;

#define FIRST "Ferry services to the islands resume on Monday after the storm. " \
              "The harbour master said the pier was safe again.\n\n" \
              "Timetables for the summer will be published next week, with two extra crossings."
#define SECOND "The council approved a budget for the library, which will open on Sundays."

static char *
make_corpus (const char *dir,
             const char *name)
{
  CE_TEST_STORE_SCOPE;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(CeCorpus) corpus = ce_corpus_open (path, CE_CORPUS_OPEN_CREATE, NULL);
  g_autoptr(CeTopic) topic = ce_test_topic_new ("Ferry", "ferry, harbour, pier");
  g_autoptr(CeTopic) library = ce_test_topic_new ("Library", "library, budget");
  g_autoptr(CeDraft) first = ce_test_draft_new ("Ferries run again", NULL, "2024-03-01", NULL, FIRST);
  g_autoptr(CeDraft) second = ce_test_draft_new ("Library budget", NULL, "2024-03-02", NULL, SECOND);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (corpus);
  g_assert_true (ce_corpus_begin (corpus, &error));
  ce_test_corpus_add (corpus, 0, first);
  ce_test_corpus_add (corpus, 0, second);
  g_assert_true (ce_corpus_commit (corpus, &error));
  g_assert_true (ce_topics_save (corpus, topic, &error));
  g_assert_true (ce_topics_save (corpus, library, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

static gint64
count_documents (const char *path)
{
  CE_TEST_STORE_SCOPE;
  g_autoptr(CeCorpus) corpus = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, NULL);

  g_assert_nonnull (corpus);
  return ce_corpus_count_documents (corpus);
}

static CeWindow *
open_window (const char *path)
{
  return ce_test_ui_open_window (app, path, 1200, 760);
}

typedef struct
{
  CeReaderView *reader;
  gint64        id;
} Showing;

static gboolean
reader_shows (gpointer data)
{
  Showing *showing = data;
  CeDocument *document = ce_reader_view_get_document (showing->reader);

  return document != NULL && ce_document_get_id (document) == showing->id &&
         !ce_reader_view_is_loading (showing->reader);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *)data == NULL;
}

/* The entry of a menu (a GtkModelButton, private to GTK) labelled
 * @label (as shown, without underscores) under @widget, popovers
 * included */
static GtkWidget *
find_menu_entry (GtkWidget  *widget,
                 const char *label)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkModelButton"))
    {
      g_autofree char *text = NULL;

      /* The text is shown without its mnemonic's underscore */
      g_object_get (widget, "text", &text, NULL);
      if (g_strcmp0 (text, label) == 0)
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_entry (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_of_type (GtkWidget *widget,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_of_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Every way the topics panel and the reader change topics or articles is
 * on for a corpus that can be written and off from the start, before
 * anyone tries, for one that can only be read: the add button, each
 * row's switch (with the reason as its tooltip), its handle, its being
 * activated (the editor), the entries of its menu that change the topic,
 * and split and merge in the reader's menu */
static void
assert_changes_offered (CeWindow *window,
                        gboolean  writable)
{
  CeTopicsPanel *panel = ce_test_ui_window_child (window, "topics_panel");
  CeReaderView *reader = ce_test_ui_window_child (window, "reader");
  GtkWidget *add_button = ce_test_ui_child (panel, CE_TYPE_TOPICS_PANEL, "add_button");
  GtkListBox *rows = ce_test_ui_child (panel, CE_TYPE_TOPICS_PANEL, "topics_list");
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (rows, 0);
  GtkWidget *toggle;
  GtkWidget *menu_button;
  const char *changes[] = { "Edit…", "Move Down", "Delete" };

  g_assert_cmpint (gtk_widget_is_sensitive (add_button), ==, writable);
  g_assert_cmpint (strstr (gtk_widget_get_tooltip_text (add_button), "Read-Only") != NULL, ==, !writable);

  g_assert_nonnull (row);
  g_assert_cmpint (gtk_list_box_row_get_activatable (row), ==, writable);
  toggle = find_of_type (GTK_WIDGET (row), GTK_TYPE_SWITCH);
  g_assert_nonnull (toggle);
  g_assert_cmpint (gtk_widget_is_sensitive (toggle), ==, writable);
  g_assert_cmpint (strstr (gtk_widget_get_tooltip_text (toggle), "Read-Only") != NULL, ==, !writable);

  /* The row's menu, as it opens */
  menu_button = find_of_type (GTK_WIDGET (row), GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (menu_button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  ce_test_ui_wait_frames (GTK_WIDGET (window), 2);
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      GtkWidget *entry = find_menu_entry (menu_button, changes[i]);

      g_assert_nonnull (entry);
      g_assert_cmpint (gtk_widget_is_sensitive (entry), ==, writable);
    }
  /* Reading a topic's contexts changes nothing */
  g_assert_true (gtk_widget_is_sensitive (find_menu_entry (menu_button, "Show Contexts")));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));

  /* The reader shows the second article, which can be merged with the
   * first, with the cursor on its first line, where it cannot be split:
   * merge is what a writable corpus offers */
  {
    GtkWidget *merge = find_menu_entry (GTK_WIDGET (reader), "Merge with Previous Article");
    GtkWidget *split = find_menu_entry (GTK_WIDGET (reader), "Split Article Here");

    g_assert_nonnull (merge);
    g_assert_nonnull (split);
    g_assert_cmpint (gtk_widget_is_sensitive (merge), ==, writable);
    if (!writable)
      g_assert_false (gtk_widget_is_sensitive (split));
  }
}

/* The same window on a corpus it can write: everything above is on */
static void
test_writable (void)
{
  g_autofree char *path = make_corpus (tmp_dir, "open.corpus");
  CeWindow *window = open_window (path);
  CeReaderView *reader = ce_test_ui_window_child (window, "reader");
  CeDocumentList *list = ce_test_ui_window_child (window, "document_list");
  Showing showing = { reader, 2 };

  g_assert_false (ce_session_is_read_only (ce_window_get_session (window)));
  ce_document_list_select (list, 1);
  g_assert_true (ce_test_ui_wait_until (reader_shows, &showing, 10));
  ce_test_ui_wait_idle (window);

  assert_changes_offered (window, TRUE);

  gtk_window_destroy (GTK_WINDOW (window));
  ce_test_ui_iterate ();
}

/* A corpus in a read-only folder: read, searched and charted as usual,
 * never changed */
static void
test_read_only (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "locked", NULL);
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GFile) import_file = NULL;
  g_autofree char *import_path = g_build_filename (tmp_dir, "more.txt", NULL);
  gsize before_len, after_len;
  CeWindow *window;
  CeReadOnlyBanner *banner;
  CeTopicsPanel *panel;
  CeReaderView *reader;
  CeDocumentList *list;
  CeSession *session;
  CeImportDialog *dialog;
  GtkWidget *add_button;
  GtkWidget *ngrams_button;
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  CeTopic *topic;
  Showing showing = { NULL, 1 };

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  path = make_corpus (dir, "locked.corpus");
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  g_assert_cmpint (access (dir, W_OK), !=, 0);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  window = open_window (path);
  session = ce_window_get_session (window);
  banner = ce_test_ui_window_child (window, "read_only_banner");
  panel = ce_test_ui_window_child (window, "topics_panel");
  reader = ce_test_ui_window_child (window, "reader");
  list = ce_test_ui_window_child (window, "document_list");
  buffer = ce_reader_view_get_buffer (reader);
  add_button = ce_test_ui_child (panel, CE_TYPE_TOPICS_PANEL, "add_button");
  ngrams_button = ce_test_ui_find_named (GTK_WIDGET (window), "ngrams-topic");
  showing.reader = reader;

  /* It is read, and says it cannot be written */
  g_assert_true (ce_session_is_read_only (session));
  g_assert_true (ce_read_only_banner_is_shown (banner));
  g_assert_nonnull (strstr (ce_read_only_banner_get_text (banner), "Read-only"));
  g_assert_nonnull (strstr (ce_read_only_banner_get_text (banner), "locked"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ce_document_list_get_model (list))), ==, 2);

  /* Topics cannot be added, edited or deleted, and the button says why */
  g_assert_false (gtk_widget_is_sensitive (add_button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (add_button), "Read-Only"));
  g_assert_nonnull (ngrams_button);
  g_assert_false (gtk_widget_is_sensitive (ngrams_button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (ngrams_button), "Read-Only"));
  topic = g_list_model_get_item (ce_session_get_topics (session), 0);
  g_assert_null (ce_topics_panel_edit_topic (panel, topic));

  g_clear_object (&topic);

  /* Nothing that would change the corpus is offered, before anyone
   * tries; the second article is shown, as in test_writable () */
  showing.id = 2;
  ce_document_list_select (list, 1);
  g_assert_true (ce_test_ui_wait_until (reader_shows, &showing, 10));
  ce_test_ui_wait_idle (window);
  assert_changes_offered (window, FALSE);
  showing.id = 1;

  /* A split in the reader does nothing */
  ce_document_list_select (list, 0);
  g_assert_true (ce_test_ui_wait_until (reader_shows, &showing, 10));
  gtk_text_buffer_get_iter_at_line (buffer, &iter, 1);
  gtk_text_buffer_place_cursor (buffer, &iter);
  ce_test_ui_iterate ();
  gtk_widget_activate_action (GTK_WIDGET (reader), "reader.split", NULL);
  gtk_widget_activate_action (GTK_WIDGET (reader), "reader.merge", NULL);
  g_assert_true (ce_test_ui_wait_writes (window));
  g_assert_cmpint (count_documents (path), ==, 2);

  for (guint dark = 0; dark < 2; dark++)
    {
      ce_test_ui_set_dark (dark);
      ce_test_ui_screenshot (GTK_WIDGET (window), dark ? "read-only-dark.png" : "read-only-light.png");
    }
  ce_test_ui_set_dark (FALSE);

  /* The topics beside the chart, the first one's menu open */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "chart"));
  ce_test_ui_wait_idle (window);
  for (guint dark = 0; dark < 2; dark++)
    {
      GtkListBox *rows = ce_test_ui_child (panel, CE_TYPE_TOPICS_PANEL, "topics_list");
      GtkWidget *menu_button = find_of_type (GTK_WIDGET (gtk_list_box_get_row_at_index (rows, 0)),
                                             GTK_TYPE_MENU_BUTTON);

      ce_test_ui_set_dark (dark);
      gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
      ce_test_ui_wait_frames (GTK_WIDGET (window), 3);
      ce_test_ui_screenshot (GTK_WIDGET (window), dark ? "read-only-topics-dark.png" : "read-only-topics-light.png");
      gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
    }
  ce_test_ui_set_dark (FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "documents"));
  ce_test_ui_wait_idle (window);

  /* An import goes to a new corpus, elsewhere */
  g_assert_true (g_file_set_contents (import_path, "Ferries\n\nA ferry left the harbour at dawn.\n", -1, NULL));
  import_file = g_file_new_for_path (import_path);
  dialog = ce_window_import_files (window, &import_file, 1);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (ce_import_dialog_get_corpus_path (dialog), !=, path);
  g_assert_false (g_str_has_prefix (ce_import_dialog_get_corpus_path (dialog), dir));
  gtk_window_destroy (GTK_WINDOW (dialog));
  ce_test_ui_iterate ();

  /* The session closes its connections when the window lets it go */
  g_object_add_weak_pointer (G_OBJECT (session), (gpointer *)&session);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (ce_test_ui_wait_until (is_null, &session, 10));

  /* Not a byte changed, and nothing was made beside it */
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpuint (before_len, ==, after_len);
  g_assert_true (memcmp (before, after, before_len) == 0);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }

  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
}

static gboolean
dialog_waits (gpointer data)
{
  return ce_import_dialog_is_waiting (data);
}

typedef struct
{
  gboolean  done;
  gboolean  has_report;
  guint     added;
  GError   *error;
} Imported;

static void
on_imported_cb (CeImportDialog *dialog,
                const char     *corpus_path,
                CeImportReport *report,
                const GError   *error,
                gpointer        user_data)
{
  Imported *imported = user_data;

  imported->done = TRUE;
  imported->has_report = report != NULL;
  imported->added = report != NULL ? report->documents_added : 0;
  imported->error = error != NULL ? g_error_copy (error) : NULL;
}

static gboolean
is_done (gpointer data)
{
  return ((Imported *)data)->done;
}

static CeImportDialog *
start_import (CeWindow   *window,
              const char *file_path,
              Imported   *imported)
{
  g_autoptr(GFile) file = g_file_new_for_path (file_path);
  CeImportDialog *dialog = ce_window_import_files (window, &file, 1);

  g_assert_nonnull (dialog);
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported_cb), imported);
  g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (dialog), 2));
  ce_import_dialog_start (dialog);

  return dialog;
}

/* Another connection holds the writer's lock (as a second import
 * does): the import waits and says so; Cancel leaves the corpus as it
 * was; once the lock is given back, an import goes through */
static void
test_import_waits (void)
{
  g_autofree char *path = make_corpus (tmp_dir, "busy.corpus");
  g_autofree char *file_path = g_build_filename (tmp_dir, "arrivals.txt", NULL);
  g_autoptr(CeCorpus) holder = NULL;
  g_autoptr(GError) error = NULL;
  Imported imported = { 0 };
  CeImportDialog *dialog;
  CeWindow *window;

  g_assert_true (g_file_set_contents (file_path,
                                      "Arrivals\n\nThree ferries arrived at the new pier before noon, "
                                      "carrying supplies for the island shop.\n", -1, NULL));
  window = open_window (path);

  ce_test_store_begin ();
  holder = ce_corpus_open (path, CE_CORPUS_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (ce_corpus_begin (holder, &error));
  g_assert_no_error (error);
  ce_test_store_end ();

  /* Waits, says so, and is cancelled */
  dialog = start_import (window, file_path, &imported);
  g_assert_true (ce_test_ui_wait_until (dialog_waits, dialog, 20));
  g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (dialog), 2));
  ce_test_ui_screenshot (GTK_WIDGET (dialog), "import-waiting.png");
  g_assert_false (imported.done);
  {
    GtkWidget *cancel = ce_test_ui_child (dialog, CE_TYPE_IMPORT_DIALOG, "cancel_button");

    g_assert_true (gtk_widget_is_sensitive (cancel));
    g_signal_emit_by_name (cancel, "clicked");
  }
  g_assert_true (ce_test_ui_wait_until (is_done, &imported, 20));
  g_assert_false (imported.has_report);
  g_assert_error (imported.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&imported.error);
  g_assert_cmpint (count_documents (path), ==, 2);

  /* Waits until the other writer is done, then goes through */
  memset (&imported, 0, sizeof imported);
  dialog = start_import (window, file_path, &imported);
  g_assert_true (ce_test_ui_wait_until (dialog_waits, dialog, 20));
  ce_test_store_begin ();
  g_assert_true (ce_corpus_commit (holder, &error));
  g_assert_no_error (error);
  g_clear_object (&holder);
  ce_test_store_end ();
  g_assert_true (ce_test_ui_wait_until (is_done, &imported, 30));
  g_assert_no_error (imported.error);
  g_assert_true (imported.has_report);
  g_assert_cmpuint (imported.added, ==, 1);
  g_assert_cmpint (count_documents (path), ==, 3);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Root is not held back by permissions: the test runs as nobody, with
 * a key to the display of its own */
static void
drop_root (void)
{
  const char *xauthority = g_getenv ("XAUTHORITY");
  g_autofree char *shots = g_build_filename (g_get_current_dir (), "screenshots", NULL);
  g_autofree char *home = g_build_filename (tmp_dir, "home", NULL);
  const char *dirs[] = { tmp_dir, NULL, NULL, NULL };
  g_autofree char *data = g_build_filename (tmp_dir, "data", NULL);

  if (geteuid () != 0)
    return;

  g_mkdir_with_parents (home, 0700);
  g_mkdir_with_parents (data, 0700);
  g_mkdir_with_parents (shots, 0755);
  dirs[1] = home;
  dirs[2] = data;
  for (guint i = 0; dirs[i] != NULL; i++)
    g_assert_cmpint (chown (dirs[i], NOBODY, NOBODY), ==, 0);
  g_assert_cmpint (chown (shots, NOBODY, NOBODY), ==, 0);

  if (xauthority != NULL)
    {
      g_autofree char *key = g_build_filename (tmp_dir, "Xauthority", NULL);
      g_autofree char *contents = NULL;
      gsize len;

      if (g_file_get_contents (xauthority, &contents, &len, NULL))
        {
          g_assert_true (g_file_set_contents (key, contents, len, NULL));
          g_assert_cmpint (chown (key, NOBODY, NOBODY), ==, 0);
          g_setenv ("XAUTHORITY", key, TRUE);
        }
    }

  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", home, TRUE);

  g_assert_cmpint (setgid (NOBODY), ==, 0);
  g_assert_cmpint (setuid (NOBODY), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  tmp_dir = ce_test_ui_init_data_home ();
  drop_root ();
  if (!ce_test_ui_init (&argc, &argv))
    return g_test_run ();
  app = ce_test_ui_new_application ();

  g_test_add_func ("/corpus-explorer/hardening-ui/writable", test_writable);
  g_test_add_func ("/corpus-explorer/hardening-ui/read-only", test_read_only);
  g_test_add_func ("/corpus-explorer/hardening-ui/import-waits", test_import_waits);

  ret = g_test_run ();

  g_object_unref (app);
  ce_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
