/* test-mail-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ce-application.h"
#include "ce-document-list.h"
#include "ce-reader-view.h"
#include "ce-window.h"
#include "ce-test-ui.h"

static CeApplication *app;
static char *tmp_dir;

/* A window on the thread fixture with document @index shown */
static CeWindow *
open_thread (guint index)
{
  g_autofree char *mbox = g_build_filename (CE_TEST_SOURCE_DIR, "tests", "fixtures", "mail",
                                            "harbour-thread.mbox", NULL);
  g_autofree char *path = g_build_filename (tmp_dir, "thread.corpus", NULL);
  g_autoptr(CeImportReport) report = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  CeWindow *window;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      report = ce_test_import_file (path, mbox);
      g_assert_cmpuint (report->documents_added, ==, 3);
    }

  window = ce_test_ui_new_window (app, 1200, 760);
  file = g_file_new_for_path (path);
  g_assert_true (ce_test_ui_open_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (ce_test_ui_wait_idle (window));

  ce_document_list_select (ce_test_ui_window_child (window, "document_list"), index);
  g_assert_true (ce_test_ui_wait_idle (window));
  g_assert_nonnull (ce_reader_view_get_document (ce_test_ui_window_child (window, "reader")));

  return window;
}

/* The paragraphs of the buffer that carry the tag @name */
static GPtrArray *
tagged_texts (GtkTextBuffer *buffer,
              const char    *name)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  GtkTextIter iter, end;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  do
    {
      if (gtk_text_iter_starts_tag (&iter, tag))
        {
          g_autofree char *text = NULL;
          g_auto(GStrv) lines = NULL;

          end = iter;
          gtk_text_iter_forward_to_tag_toggle (&end, tag);
          text = gtk_text_buffer_get_text (buffer, &iter, &end, TRUE);
          lines = g_strsplit (text, "\n", -1);

          /* One paragraph a line */
          for (guint i = 0; lines[i] != NULL; i++)
            if (*lines[i] != '\0')
              g_ptr_array_add (texts, g_strdup (lines[i]));
        }
    }
  while (gtk_text_iter_forward_to_tag_toggle (&iter, tag));

  return texts;
}

/* A reply: new text as it is, the attribution and the quote indented
 * and dimmed by depth without their '>' marks, the signature apart; and
 * the quotes fold away and come back */
static void
test_reply (void)
{
  CeWindow *window = open_thread (1);
  CeReaderView *reader = ce_test_ui_window_child (window, "reader");
  GtkTextBuffer *buffer = ce_reader_view_get_buffer (reader);
  g_autoptr(GPtrArray) depth1 = tagged_texts (buffer, "quote-1");
  g_autoptr(GPtrArray) depth2 = tagged_texts (buffer, "quote-2");
  g_autoptr(GPtrArray) signature = tagged_texts (buffer, "signature");
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  AdwStyleManager *style = adw_style_manager_get_default ();

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  g_assert_true (g_str_has_prefix (text, "Only in summer, I think."));
  g_assert_null (strchr (text, '>'));

  g_assert_cmpuint (depth1->len, ==, 2);
  g_assert_cmpstr (depth1->pdata[0], ==, "On Mon, 4 Mar 2024, Ann Lee wrote:");
  g_assert_cmpstr (depth1->pdata[1], ==,
                   "Should the ferry run on Sundays? The harbour master asked for an answer by Friday.");
  g_assert_cmpuint (depth2->len, ==, 1);
  g_assert_cmpstr (depth2->pdata[0], ==, "An older quote about the harbour, two levels deep.");
  g_assert_cmpuint (signature->len, ==, 1);
  g_assert_cmpstr (signature->pdata[0], ==, "Ben Mord");

  ce_test_ui_screenshot (GTK_WIDGET (window), "mail-reply.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (ce_test_ui_wait_drawn ());
  ce_test_ui_screenshot (GTK_WIDGET (window), "mail-reply-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* Folded through the reader's action, as the context menu does it:
   * the quotes leave the text, the signature stays */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (reader), "reader.show-quoted", NULL));
  g_assert_false (ce_reader_view_get_show_quoted (reader));
  g_clear_pointer (&depth1, g_ptr_array_unref);
  depth1 = tagged_texts (buffer, "quote-1");
  g_assert_cmpuint (depth1->len, ==, 0);
  g_clear_pointer (&signature, g_ptr_array_unref);
  signature = tagged_texts (buffer, "signature");
  g_assert_cmpuint (signature->len, ==, 1);
  g_clear_pointer (&text, g_free);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  g_assert_cmpstr (text, ==, "Only in summer, I think. The harbour has no crew in winter.\nBen Mord");
  g_assert_true (ce_test_ui_settle (window));
  ce_test_ui_screenshot (GTK_WIDGET (window), "mail-reply-folded.png");

  ce_reader_view_set_show_quoted (reader, TRUE);
  g_clear_pointer (&depth1, g_ptr_array_unref);
  depth1 = tagged_texts (buffer, "quote-1");
  g_assert_cmpuint (depth1->len, ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A forwarded Outlook message: its header block and text are quoted */
static void
test_forward (void)
{
  CeWindow *window = open_thread (2);
  GtkTextBuffer *buffer = ce_reader_view_get_buffer (ce_test_ui_window_child (window, "reader"));
  g_autoptr(GPtrArray) depth1 = tagged_texts (buffer, "quote-1");

  g_assert_cmpuint (depth1->len, ==, 2);
  g_assert_true (g_str_has_prefix (depth1->pdata[0], "-----Original Message----- From: Ben Mord"));
  g_assert_cmpstr (depth1->pdata[1], ==, "Only in summer, I think. The harbour has no crew in winter.");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A window on quoting.mbox: a thread of five messages and one alone */
static CeWindow *
open_quoting (const char *name)
{
  g_autofree char *mbox = g_build_filename (CE_TEST_SOURCE_DIR, "tests", "fixtures", "mail",
                                            "quoting.mbox", NULL);
  g_autofree char *file_name = g_strconcat (name, ".corpus", NULL);
  g_autofree char *path = g_build_filename (tmp_dir, file_name, NULL);
  g_autoptr(CeImportReport) report = ce_test_import_file (path, mbox);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CeWindow *window;

  g_assert_cmpuint (report->documents_added, ==, 6);
  window = ce_test_ui_new_window (app, 1200, 760);
  g_assert_true (ce_test_ui_open_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (ce_test_ui_wait_idle (window));

  return window;
}

static gboolean
shows_document (gpointer data)
{
  gpointer *args = data;
  CeDocument *document = ce_reader_view_get_document (args[0]);

  return document != NULL && ce_document_get_id (document) == GPOINTER_TO_INT (args[1]);
}

/* Whether the reader's button @name can be pressed: its action is
 * enabled */
static gboolean
action_enabled (CeReaderView *reader,
                const char   *name)
{
  GtkWidget *box = ce_test_ui_child (reader, CE_TYPE_READER_VIEW, "thread_box");
  GtkWidget *button = g_str_equal (name, "previous_in_thread_button")
                        ? gtk_widget_get_first_child (box) : gtk_widget_get_last_child (box);

  g_assert_cmpstr (gtk_buildable_get_buildable_id (GTK_BUILDABLE (button)), ==, name);
  return gtk_widget_is_sensitive (button);
}

/* The reader steps through a thread; its ends make the buttons
 * insensitive, and a message alone has none */
static void
test_thread (void)
{
  CeWindow *window = open_quoting ("thread-steps");
  CeReaderView *reader = ce_test_ui_window_child (window, "reader");
  GtkWidget *thread_box = ce_test_ui_child (reader, CE_TYPE_READER_VIEW, "thread_box");
  CeDocumentList *list = ce_test_ui_window_child (window, "document_list");

  ce_document_list_select (list, 0);
  g_assert_true (ce_test_ui_wait_idle (window));
  g_assert_cmpint (ce_document_get_id (ce_reader_view_get_document (reader)), ==, 1);
  g_assert_true (gtk_widget_get_visible (thread_box));
  g_assert_false (action_enabled (reader, "previous_in_thread_button"));
  g_assert_true (action_enabled (reader, "next_in_thread_button"));
  ce_test_ui_screenshot (GTK_WIDGET (window), "mail-thread-first.png");

  for (int id = 2; id <= 5; id++)
    {
      gpointer args[2] = { reader, GINT_TO_POINTER (id) };

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (reader), "reader.next-in-thread", NULL));
      g_assert_true (ce_test_ui_wait_until (shows_document, args, 5));
      g_assert_true (action_enabled (reader, "previous_in_thread_button"));
      g_assert_cmpint (action_enabled (reader, "next_in_thread_button"), ==, id < 5);

      /* The interleaved reply: new text between quotes of two depths */
      if (id == 3)
        {
          AdwStyleManager *style = adw_style_manager_get_default ();

          g_assert_true (ce_test_ui_settle (window));
          ce_test_ui_screenshot (GTK_WIDGET (window), "mail-interleaved.png");
          adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
          g_assert_true (ce_test_ui_wait_drawn ());
          ce_test_ui_screenshot (GTK_WIDGET (window), "mail-interleaved-dark.png");
          adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
        }
    }

  /* And back */
  {
    gpointer args[2] = { reader, GINT_TO_POINTER (4) };

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (reader), "reader.previous-in-thread", NULL));
    g_assert_true (ce_test_ui_wait_until (shows_document, args, 5));
  }

  ce_document_list_select (list, 5);
  g_assert_true (ce_test_ui_wait_idle (window));
  g_assert_cmpint (ce_document_get_id (ce_reader_view_get_document (reader)), ==, 6);
  g_assert_false (gtk_widget_get_visible (thread_box));
  g_assert_false (action_enabled (reader, "previous_in_thread_button"));
  g_assert_false (action_enabled (reader, "next_in_thread_button"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_hits (gpointer data)
{
  gpointer *args = data;

  return ce_reader_view_get_n_hits (args[0]) == GPOINTER_TO_UINT (args[1]);
}

/* Count Quoted Text: off by default, in the primary menu only for a
 * corpus with quotes, stored in the corpus, and the search, its count
 * and the reader's highlights follow it */
static void
test_count_quoted (void)
{
  CeWindow *window = open_quoting ("count-quoted");
  CeReaderView *reader = ce_test_ui_window_child (window, "reader");
  CeDocumentList *list = ce_test_ui_window_child (window, "document_list");
  CeDocumentListModel *model = ce_document_list_get_model (list);
  g_autoptr(CeCorpus) other = NULL;
  gpointer one_hit[2] = { reader, GUINT_TO_POINTER (1) };
  gpointer two_hits[2] = { reader, GUINT_TO_POINTER (2) };
  gboolean count = TRUE;

  g_object_get (window, "count-quoted", &count, NULL);
  g_assert_false (count);

  /* "Sunday" in the new text of the top-posted reply and in its quote */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  gtk_editable_set_text (GTK_EDITABLE (ce_test_ui_window_child (window, "search_entry")), "sunday");
  g_assert_true (ce_test_ui_search (window, "sunday"));
  g_assert_false (ce_document_list_model_is_loading (model));
  ce_window_show_document (window, 2);
  g_assert_true (ce_test_ui_wait_until (has_hits, one_hit, 5));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.count-quoted", NULL));
  g_object_get (window, "count-quoted", &count, NULL);
  g_assert_true (count);
  g_assert_true (ce_test_ui_wait_until (has_hits, two_hits, 5));
  g_assert_true (ce_test_ui_settle (window));
  ce_test_ui_screenshot (GTK_WIDGET (window), "mail-count-quoted.png");

  /* Kept with the corpus */
  other = ce_test_ui_open_corpus (window);
  ce_test_store_begin ();
  g_assert_true (ce_corpus_get_count_quoted (other));
  ce_test_store_end ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.count-quoted", NULL));
  g_assert_true (ce_test_ui_wait_until (has_hits, one_hit, 5));
  ce_test_store_begin ();
  g_assert_false (ce_corpus_get_count_quoted (other));
  ce_test_store_end ();

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Without quoted text the setting is not offered */
static void
test_count_quoted_hidden (void)
{
  g_autofree char *jsonl = ce_test_sample_path ("sample.jsonl");
  g_autofree char *path = g_build_filename (tmp_dir, "plain.corpus", NULL);
  g_autoptr(CeImportReport) report = ce_test_import_file (path, jsonl);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CeCorpus) other = NULL;
  CeWindow *window = ce_test_ui_new_window (app, 900, 600);

  g_assert_true (ce_test_ui_open_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (ce_test_ui_wait_idle (window));

  /* A disabled action is hidden from the menu and does nothing */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.count-quoted", NULL);
  other = ce_test_ui_open_corpus (window);
  ce_test_store_begin ();
  g_assert_false (ce_corpus_has_quoted_text (other));
  g_assert_false (ce_corpus_get_count_quoted (other));
  ce_test_store_end ();

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  tmp_dir = ce_test_ui_init_data_home ();
  if (!ce_test_ui_init (&argc, &argv))
    return g_test_run ();
  app = ce_test_ui_new_application ();

  g_test_add_func ("/corpus-explorer/mail-ui/reply", test_reply);
  g_test_add_func ("/corpus-explorer/mail-ui/forward", test_forward);
  g_test_add_func ("/corpus-explorer/mail-ui/thread", test_thread);
  g_test_add_func ("/corpus-explorer/mail-ui/count-quoted", test_count_quoted);
  g_test_add_func ("/corpus-explorer/mail-ui/count-quoted-hidden", test_count_quoted_hidden);

  ret = g_test_run ();

  g_clear_object (&app);
  ce_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
