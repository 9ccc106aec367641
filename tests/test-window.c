/* test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ce-application.h"
#include "ce-corpus.h"
#include "ce-document-list.h"
#include "ce-reader-view.h"
#include "ce-window.h"
#include "ce-test-ui.h"
#include "ce-test-util.h"

#define N_DRAFTS 30

static CeApplication *app;
static char *tmp_dir;

static const char * const places[] = { "PORT ELLEN", "OBAN", "BOWMORE", "TOBERMORY", "STORNOWAY" };
static const char * const sources[] = { "Island Herald", "West Coast Times", "The Ferry Post" };
static const char * const subjects[] = {
  "Harbour reopens after winter storms",
  "Council approves new ferry timetable",
  "Distillery expansion creates forty jobs",
  "School roof repairs finished ahead of term",
  "Fishing quotas spark debate at public meeting",
  "Broadband rollout reaches the northern villages",
};

static char *
draft_title (guint i)
{
  return g_strdup_printf ("%s (%02u)", subjects[i % G_N_ELEMENTS (subjects)], i);
}

static char *
draft_body (guint i)
{
  return g_strdup_printf ("Residents gathered on Monday as the plan numbered %u was announced. "
                          "Officials said the work would take most of the year, and that "
                          "the budget had been agreed with the community trust.\n\n"
                          "# Background %u\n\n"
                          "The project was first proposed a decade ago. Earlier attempts "
                          "stalled over funding, but a national grant changed the picture "
                          "last spring.\n\n"
                          "Local businesses welcomed the news. \"It is the best thing to "
                          "happen here in years,\" one shop owner said.",
                          i, i);
}

static char *
build_corpus (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeCorpus) corpus = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);
  gint64 source;

  ce_test_store_begin ();
  corpus = ce_corpus_open (path, CE_CORPUS_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (ce_corpus_begin (corpus, &error));
  source = ce_corpus_add_source (corpus, "/tmp/islands.txt", "text", 1000, "abc", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_DRAFTS; i++)
    {
      g_autofree char *title = draft_title (i);
      g_autofree char *date = g_strdup_printf ("2024-%02u-%02u", 1 + i % 12, 1 + i % 28);
      g_autofree char *body = draft_body (i);
      g_autoptr(CeDraft) draft = ce_test_draft_new (title, places[i % G_N_ELEMENTS (places)], date,
                                                    sources[i % G_N_ELEMENTS (sources)], body);

      ce_test_corpus_add (corpus, source, draft);
    }

  g_assert_true (ce_corpus_commit (corpus, &error));
  ce_test_store_end ();
  g_assert_no_error (error);

  return path;
}

static GtkWindow *
find_message_dialog (CeWindow *window)
{
  /* transfer none */
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window))
        return toplevel;
    }

  return NULL;
}

static gboolean
has_message_dialog (gpointer window)
{
  return find_message_dialog (window) != NULL;
}

static void
close_other_windows (CeWindow *keep)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n_others = 0;

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i - 1);

      if (toplevel != GTK_WINDOW (keep) && gtk_window_get_transient_for (toplevel) != GTK_WINDOW (keep))
        {
          gtk_window_destroy (toplevel);
          n_others++;
        }
    }

  g_assert_cmpuint (n_others, >, 0);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
test_empty_state (void)
{
  CeWindow *window = ce_test_ui_new_window (app, 900, 640);
  GtkStack *main_stack = ce_test_ui_window_child (window, "main_stack");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "empty");
  g_assert_null (ce_session_get_path (ce_window_get_session (window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Corpus Explorer");

  ce_test_ui_screenshot (GTK_WIDGET (window), "window-empty.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_open_error (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "notes.corpus", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CeWindow *window = ce_test_ui_new_window (app, 900, 640);
  GtkStack *main_stack = ce_test_ui_window_child (window, "main_stack");
  GtkWindow *dialog;
  const char *body;

  g_assert_true (g_file_set_contents (path, "These are notes, not a corpus.\n", -1, NULL));

  g_assert_false (ce_test_ui_open_file (window, file, &error));
  g_assert_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_NOT_A_CORPUS);

  /* The interactive path tells the user, naming the file */
  ce_window_open (window, file);
  g_assert_true (ce_test_ui_wait_until (has_message_dialog, window, 10));

  dialog = find_message_dialog (window);
  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, "notes.corpus"));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "empty");
  g_assert_null (ce_session_get_path (ce_window_get_session (window)));

  gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return *(GAsyncResult **)data != NULL;
}

static gboolean
is_not_opening (gpointer window)
{
  return !ce_window_is_opening (window);
}

/* The window shows at once that it is opening a corpus, while the
 * session's threads open it; a second open gives the first up; a
 * failed open shows again the corpus shown before */
static void
test_open_async (void)
{
  g_autofree char *first_path = build_corpus ("harbours.corpus");
  g_autofree char *second_path = build_corpus ("ferries.corpus");
  g_autofree char *third_path = build_corpus ("lighthouses.corpus");
  g_autofree char *notes_path = g_build_filename (tmp_dir, "notes-again.corpus", NULL);
  g_autoptr(GFile) first = g_file_new_for_path (first_path);
  g_autoptr(GFile) second = g_file_new_for_path (second_path);
  g_autoptr(GFile) third = g_file_new_for_path (third_path);
  g_autoptr(GFile) notes = g_file_new_for_path (notes_path);
  g_autoptr(GAsyncResult) second_result = NULL;
  g_autoptr(GAsyncResult) third_result = NULL;
  g_autoptr(GAsyncResult) gate_result = NULL;
  g_autoptr(GError) error = NULL;
  CeWindow *window = ce_test_ui_new_window (app, 1180, 760);
  CeSession *session = ce_window_get_session (window);
  GtkStack *main_stack = ce_test_ui_window_child (window, "main_stack");
  CeDocumentList *list = ce_test_ui_window_child (window, "document_list");
  AdwStatusPage *opening_page = ce_test_ui_window_child (window, "opening_page");
  CeTestGate gate;
  GtkWindow *dialog;

  ce_test_gate_init (&gate);

  /* From the empty window: the opening page at once, then the corpus */
  ce_window_open (window, first);
  g_assert_true (ce_window_is_opening (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "opening");
  g_assert_cmpstr (adw_status_page_get_description (opening_page), ==, "harbours");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "harbours");
  g_assert_true (ce_test_ui_wait_until (is_not_opening, window, 10));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "corpus");
  g_assert_cmpstr (ce_session_get_path (session), ==, first_path);
  g_assert_true (ce_test_ui_wait_idle (window));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ce_document_list_get_model (list))), ==, N_DRAFTS);

  /* While the writer is busy, the page says what is being opened */
  ce_session_write_async (session, ce_test_gate_func, &gate, NULL, NULL, NULL, store_result_cb, &gate_result);
  ce_window_open_corpus_async (window, second, store_result_cb, &second_result);
  g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (window), 2));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "opening");
  g_assert_cmpstr (adw_status_page_get_description (opening_page), ==, "ferries");
  ce_test_ui_screenshot (GTK_WIDGET (window), "window-opening.png");
  ce_test_ui_set_dark (TRUE);
  g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (window), 2));
  ce_test_ui_screenshot (GTK_WIDGET (window), "window-opening-dark.png");
  ce_test_ui_set_dark (FALSE);

  /* Another open gives the first up */
  ce_window_open_corpus_async (window, third, store_result_cb, &third_result);
  g_assert_true (ce_test_ui_wait_until (has_result, &second_result, 10));
  g_assert_false (ce_window_open_corpus_finish (window, second_result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "opening");
  g_assert_cmpstr (adw_status_page_get_description (opening_page), ==, "lighthouses");

  ce_test_gate_release (&gate);
  g_assert_true (ce_test_ui_wait_until (has_result, &third_result, 10));
  g_assert_true (ce_window_open_corpus_finish (window, third_result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ce_session_get_path (session), ==, third_path);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "corpus");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "lighthouses");
  g_assert_true (ce_test_ui_wait_idle (window));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ce_document_list_get_model (list))), ==, N_DRAFTS);
  g_assert_null (find_message_dialog (window));
  g_assert_true (ce_test_ui_wait_until (has_result, &gate_result, 10));

  /* A file that is no corpus: the message names it, and the corpus
   * shown before comes back */
  g_assert_true (g_file_set_contents (notes_path, "These are notes, not a corpus.\n", -1, NULL));
  ce_window_open (window, notes);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "opening");
  g_assert_true (ce_test_ui_wait_until (has_message_dialog, window, 10));
  dialog = find_message_dialog (window);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "notes-again.corpus"));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Could Not Open the Corpus");
  g_assert_false (ce_window_is_opening (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "corpus");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "lighthouses");
  g_assert_cmpstr (ce_session_get_path (session), ==, third_path);
  gtk_window_destroy (dialog);

  ce_test_gate_clear (&gate);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every page a stack shows, and every subtitle, while a corpus opens */
static void
record_page_cb (GObject    *object,
                GParamSpec *pspec,
                GPtrArray  *seen)
{
  g_ptr_array_add (seen, g_strdup (gtk_stack_get_visible_child_name (GTK_STACK (object))));
}

static void
record_subtitle_cb (GObject    *object,
                    GParamSpec *pspec,
                    GPtrArray  *seen)
{
  const char *subtitle = adw_view_switcher_title_get_subtitle (ADW_VIEW_SWITCHER_TITLE (object));

  g_ptr_array_add (seen, g_strdup (subtitle != NULL ? subtitle : ""));
}

static void
test_open_corpus (void)
{
  g_autofree char *path = build_corpus ("islands.corpus");
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CeWindow *window = ce_test_ui_new_window (app, 1180, 760);
  GtkStack *main_stack = ce_test_ui_window_child (window, "main_stack");
  CeDocumentList *list = ce_test_ui_window_child (window, "document_list");
  CeReaderView *reader = ce_test_ui_window_child (window, "reader");
  CeDocumentListModel *model = ce_document_list_get_model (list);
  GtkTextBuffer *buffer = ce_reader_view_get_buffer (reader);
  GtkStack *list_stack = ce_test_ui_child (list, CE_TYPE_DOCUMENT_LIST, "stack");
  GtkStack *reader_stack = ce_test_ui_child (reader, CE_TYPE_READER_VIEW, "stack");
  AdwViewSwitcherTitle *switcher_title = ce_test_ui_window_child (window, "switcher_title");
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) subtitles = g_ptr_array_new_with_free_func (g_free);
  GtkTextTag *heading_tag;
  GtkTextIter iter;
  const char *found;

  /* While the rows and the first document are read in workers, nothing
   * says there are none: the list, the reader and the count in the
   * subtitle go straight to what the corpus has */
  g_signal_connect (list_stack, "notify::visible-child-name", G_CALLBACK (record_page_cb), pages);
  g_signal_connect (reader_stack, "notify::visible-child-name", G_CALLBACK (record_page_cb), pages);
  g_signal_connect (switcher_title, "notify::subtitle", G_CALLBACK (record_subtitle_cb), subtitles);

  g_assert_true (ce_test_ui_open_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (ce_test_ui_wait_idle (window));
  g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (window), 2));

  g_signal_handlers_disconnect_by_data (list_stack, pages);
  g_signal_handlers_disconnect_by_data (reader_stack, pages);
  g_signal_handlers_disconnect_by_data (switcher_title, subtitles);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (reader_stack), ==, "document");
  for (guint i = 0; i < pages->len; i++)
    {
      g_assert_cmpstr (pages->pdata[i], !=, "no-documents");
      g_assert_cmpstr (pages->pdata[i], !=, "empty");
    }
  g_assert_cmpuint (subtitles->len, >, 0);
  for (guint i = 0; i < subtitles->len; i++)
    g_assert_true (*(char *)subtitles->pdata[i] == 0 || g_str_equal (subtitles->pdata[i], "30 documents"));
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (switcher_title), ==, "30 documents");

  g_assert_nonnull (ce_session_get_path (ce_window_get_session (window)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "corpus");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "islands");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_DRAFTS);

  /* Focus lands in the list */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (list)));

  ce_document_list_select (list, 3);
  g_assert_true (ce_test_ui_wait_idle (window));

  title = draft_title (3);
  g_assert_cmpuint (ce_document_list_get_selected (list), ==, 3);
  g_assert_cmpstr (ce_reader_view_get_title (reader), ==, title);
  g_assert_nonnull (strstr (ce_reader_view_get_metadata (reader), "4\u00a0of\u00a030"));
  g_assert_nonnull (strstr (ce_reader_view_get_metadata (reader), "TOBERMORY"));

  text = buffer_text (buffer);
  g_assert_nonnull (strstr (text, "plan numbered 3 was announced"));
  g_assert_nonnull (strstr (text, "best thing to happen here"));
  g_assert_null (strstr (text, "# "));
  g_assert_null (strstr (text, "\n\n"));

  /* The heading is shown without its marker, in the heading style */
  heading = g_strdup ("Background 3");
  found = strstr (text, heading);
  g_assert_nonnull (found);
  g_assert_true (found == text || found[-1] == '\n');
  heading_tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "heading");
  g_assert_nonnull (heading_tag);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, g_utf8_pointer_to_offset (text, found));
  g_assert_true (gtk_text_iter_has_tag (&iter, heading_tag));
  gtk_text_buffer_get_start_iter (buffer, &iter);
  g_assert_false (gtk_text_iter_has_tag (&iter, heading_tag));

  ce_test_ui_screenshot (GTK_WIDGET (window), "window-light-wide.png");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (ce_test_ui_wait_drawn ());
  ce_test_ui_screenshot (GTK_WIDGET (window), "window-dark-wide.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
record_items_changed_cb (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         GArray     *changes)
{
  guint change[3] = { position, removed, added };

  /* Rows whose summaries arrived are changed in place: not counted */
  if (removed != added)
    g_array_append_vals (changes, change, 3);
}

/* A large corpus shows the head of its list first, then the rest is
 * appended: the rows shown stay where they are */
static void
test_list_head (void)
{
  g_autofree char *path = build_corpus ("head.corpus");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) expected = NULL;
  g_autoptr(CeCorpus) corpus = NULL;
  g_autoptr(GError) error = NULL;
  CeWindow *window = ce_test_ui_new_window (app, 1180, 760);
  CeDocumentList *list = ce_test_ui_window_child (window, "document_list");
  CeDocumentListModel *model = ce_document_list_get_model (list);

  g_setenv ("CE_LIST_HEAD", "10", TRUE);
  g_signal_connect (model, "items-changed", G_CALLBACK (record_items_changed_cb), changes);
  g_assert_true (ce_test_ui_open_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (ce_test_ui_wait_idle (window));
  g_signal_handlers_disconnect_by_data (model, changes);
  g_unsetenv ("CE_LIST_HEAD");

  /* The ten first rows, then twenty more after them */
  g_assert_cmpuint (changes->len, ==, 6);
  g_assert_cmpuint (g_array_index (changes, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (changes, guint, 2), ==, 10);
  g_assert_cmpuint (g_array_index (changes, guint, 3), ==, 10);
  g_assert_cmpuint (g_array_index (changes, guint, 4), ==, 0);
  g_assert_cmpuint (g_array_index (changes, guint, 5), ==, N_DRAFTS - 10);
  g_assert_cmpint (ce_document_list_model_get_total (model), ==, N_DRAFTS);

  /* In corpus order, as a listing in one go gives them */
  CE_TEST_STORE (corpus = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, &error));
  CE_TEST_STORE (expected = ce_corpus_list_document_ids (corpus, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (ce_document_list_model_get_id (model, i), ==, g_array_index (expected, gint64, i));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_sort_and_search (void)
{
  g_autofree char *path = build_corpus ("sorting.corpus");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CeDocument) first = NULL;
  g_autoptr(CeDocument) last = NULL;
  CeWindow *window = ce_test_ui_new_window (app, 1180, 760);
  CeDocumentList *list = ce_test_ui_window_child (window, "document_list");
  CeDocumentListModel *model = ce_document_list_get_model (list);
  CeDocumentOrder order;
  gboolean descending;

  g_assert_true (ce_test_ui_open_file (window, file, &error));
  g_assert_true (ce_test_ui_wait_idle (window));

  /* Sorting by a column header is turned into SQL order */
  ce_document_list_sort_by (list, CE_DOCUMENT_ORDER_WORDS, FALSE);
  ce_document_list_model_get_order (model, &order, &descending);
  g_assert_cmpint (order, ==, CE_DOCUMENT_ORDER_WORDS);
  g_assert_false (descending);

  ce_document_list_sort_by (list, CE_DOCUMENT_ORDER_TITLE, TRUE);
  ce_document_list_model_get_order (model, &order, &descending);
  g_assert_cmpint (order, ==, CE_DOCUMENT_ORDER_TITLE);
  g_assert_true (descending);
  g_assert_true (ce_test_ui_wait_idle (window));

  first = ce_test_ui_get_row (window, 0);
  last = ce_test_ui_get_row (window, N_DRAFTS - 1);
  g_assert_cmpint (g_ascii_strcasecmp (ce_document_get_title (first), ce_document_get_title (last)), >, 0);
  g_assert_true (g_str_has_prefix (ce_document_get_title (first), "School roof"));

  ce_document_list_sort_by (list, CE_DOCUMENT_ORDER_POSITION, FALSE);
  ce_document_list_model_get_order (model, &order, &descending);
  g_assert_cmpint (order, ==, CE_DOCUMENT_ORDER_POSITION);

  /* Searching through the entry keeps the matching documents */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  g_assert_true (ce_test_ui_search (window, "ferry timetable"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_DRAFTS / G_N_ELEMENTS (subjects));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(CeDocument) document = ce_test_ui_get_row (window, i);

      g_assert_true (g_str_has_prefix (ce_document_get_title (document), "Council approves"));
    }

  g_assert_true (ce_test_ui_search (window, "nosuchword"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_true (ce_test_ui_settle (window));
  /* The reader lets go of a document the search left out */
  g_assert_null (ce_reader_view_get_document (ce_test_ui_window_child (window, "reader")));
  ce_test_ui_screenshot (GTK_WIDGET (window), "window-no-results.png");

  g_assert_true (ce_test_ui_search (window, ""));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_DRAFTS);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_narrow (void)
{
  g_autofree char *path = build_corpus ("narrow.corpus");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CeWindow *window = ce_test_ui_new_window (app, 420, 720);
  AdwLeaflet *leaflet = ce_test_ui_window_child (window, "leaflet");
  GtkWidget *back_button = ce_test_ui_window_child (window, "back_button");
  CeDocumentList *list = ce_test_ui_window_child (window, "document_list");
  CeReaderView *reader = ce_test_ui_window_child (window, "reader");

  g_assert_true (ce_test_ui_open_file (window, file, &error));
  g_assert_true (ce_test_ui_settle (window));

  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == GTK_WIDGET (list));
  g_assert_false (gtk_widget_get_visible (back_button));
  ce_test_ui_screenshot (GTK_WIDGET (window), "window-light-narrow-list.png");

  /* Activating a row opens the reader, with a way back */
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (list), CE_TYPE_DOCUMENT_LIST,
                                                        "column_view"),
                         "activate", 5);
  g_assert_true (ce_test_ui_settle (window));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == GTK_WIDGET (reader));
  g_assert_true (gtk_widget_get_visible (back_button));
  g_assert_nonnull (ce_reader_view_get_document (reader));
  ce_test_ui_screenshot (GTK_WIDGET (window), "window-light-narrow-reader.png");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (ce_test_ui_wait_drawn ());
  ce_test_ui_screenshot (GTK_WIDGET (window), "window-dark-narrow-reader.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  g_assert_true (ce_test_ui_settle (window));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == GTK_WIDGET (list));
  g_assert_false (gtk_widget_get_visible (back_button));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
recent_has_two (gpointer settings)
{
  g_auto(GStrv) now = g_settings_get_strv (settings, "recent-corpora");

  return g_strv_length (now) == 2;
}

static void
test_recent (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *oldest = build_corpus ("recent-oldest.corpus");
  g_autofree char *middle = build_corpus ("recent-middle.corpus");
  g_autofree char *newest = build_corpus ("recent-newest.corpus");
  const char *paths[] = { newest, middle, oldest, NULL };
  g_auto(GStrv) recent = NULL;
  CeWindow *window;
  GtkWidget *recent_box;
  GtkListBox *recent_list;
  GMenuModel *recent_menu;
  GtkListBoxRow *row;

  /* Three corpora opened before, the last one first */
  g_assert_true (g_settings_set_strv (settings, "recent-corpora", paths));
  recent = g_settings_get_strv (settings, "recent-corpora");
  window = ce_test_ui_new_window (app, 900, 700);
  recent_box = ce_test_ui_window_child (window, "recent_box");
  recent_list = ce_test_ui_window_child (window, "recent_list");
  recent_menu = ce_test_ui_window_child (window, "recent_menu");

  g_assert_cmpuint (g_strv_length (recent), ==, 3);
  g_assert_true (g_str_has_suffix (recent[0], "recent-newest.corpus"));
  g_assert_true (gtk_widget_get_visible (recent_box));
  g_assert_cmpint (g_menu_model_get_n_items (recent_menu), ==, 2);
  g_assert_cmpint (g_menu_model_get_n_items (g_menu_model_get_item_link (recent_menu, 0, G_MENU_LINK_SECTION)), ==, 3);

  g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (window), 2));
  ce_test_ui_screenshot (GTK_WIDGET (window), "window-empty-recent.png");

  row = gtk_list_box_get_row_at_index (recent_list, 1);
  g_assert_nonnull (row);
  g_signal_emit_by_name (recent_list, "row-activated", row);
  g_assert_true (ce_test_ui_wait_until (is_not_opening, window, 10));
  g_assert_cmpstr (ce_session_get_path (ce_window_get_session (window)), ==, middle);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "recent-middle");

  /* A corpus that disappeared is dropped from the list when opened; it
   * opens in a window of its own, which reports the error. */
  g_assert_cmpint (g_unlink (recent[2]), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", recent[2]));
  g_assert_true (ce_test_ui_wait_until (recent_has_two, settings, 10));
  {
    g_auto(GStrv) now = g_settings_get_strv (settings, "recent-corpora");

    g_assert_cmpuint (g_strv_length (now), ==, 2);
    g_assert_false (g_strv_contains ((const char * const *)now, recent[2]));
  }
  close_other_windows (window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-recent", NULL));
  {
    g_auto(GStrv) now = g_settings_get_strv (settings, "recent-corpora");

    g_assert_cmpuint (g_strv_length (now), ==, 0);
  }
  g_assert_cmpint (g_menu_model_get_n_items (recent_menu), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        return toplevel;
    }

  return NULL;
}

/* The preferences row titled @title under @widget */
static AdwPreferencesRow *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_PREFERENCES_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwPreferencesRow *found = find_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_app_actions (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  CeWindow *window = ce_test_ui_new_window (app, 900, 640);
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWindow *about;
  GtkWindow *preferences;

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "show-help-overlay"));

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  ce_test_ui_iterate ();
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_developer_name (ADW_ABOUT_WINDOW (about)), ==,
                   "Corpus Explorer developers");
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  gtk_window_destroy (about);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  ce_test_ui_iterate ();
  preferences = find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (preferences), 2));
  ce_test_ui_screenshot (GTK_WIDGET (preferences), "preferences.png");

  /* The colour scheme setting drives the style manager */
  g_settings_set_string (settings, "color-scheme", "dark");
  ce_test_ui_iterate ();
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_settings_set_string (settings, "color-scheme", "light");
  ce_test_ui_iterate ();
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_settings_reset (settings, "color-scheme");
  ce_test_ui_iterate ();
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);

  /* The chart's kind and measure, by their names in the settings */
  {
    AdwComboRow *kind = ADW_COMBO_ROW (find_row (GTK_WIDGET (preferences), "_Kind"));
    AdwComboRow *measure = ADW_COMBO_ROW (find_row (GTK_WIDGET (preferences), "_Measure"));
    g_autofree char *kind_name = NULL;
    g_autofree char *measure_name = NULL;

    g_assert_nonnull (kind);
    g_assert_nonnull (measure);
    g_assert_cmpuint (adw_combo_row_get_selected (kind), ==, 0);
    adw_combo_row_set_selected (kind, 2);
    adw_combo_row_set_selected (measure, 1);
    kind_name = g_settings_get_string (settings, "chart-kind");
    measure_name = g_settings_get_string (settings, "chart-measure");
    g_assert_cmpstr (kind_name, ==, "lines");
    g_assert_cmpstr (measure_name, ==, "per10k");
    g_settings_set_string (settings, "chart-kind", "heatmap");
    g_assert_cmpuint (adw_combo_row_get_selected (kind), ==, 3);
    g_settings_reset (settings, "chart-kind");
    g_settings_reset (settings, "chart-measure");
    g_assert_cmpuint (adw_combo_row_get_selected (measure), ==, 0);
  }
  gtk_window_destroy (preferences);

  g_action_group_activate_action (G_ACTION_GROUP (app), "new-window", NULL);
  ce_test_ui_iterate ();
  close_other_windows (window);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_zoom (void)
{
  CeWindow *window = ce_test_ui_new_window (app, 900, 640);
  CeReaderView *reader = ce_test_ui_window_child (window, "reader");
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  g_assert_cmpfloat_with_epsilon (ce_reader_view_get_zoom (reader), 1.0, 0.001);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL));
  g_assert_cmpfloat (ce_reader_view_get_zoom (reader), >, 1.05);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "reader-zoom"),
                                  ce_reader_view_get_zoom (reader), 0.001);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-reset", NULL));
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "reader-zoom"), 1.0, 0.001);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
preview_ready (gpointer data)
{
  GObject *button = gtk_widget_get_template_child (data, CE_TYPE_IMPORT_DIALOG, "import_button");

  return gtk_widget_get_sensitive (GTK_WIDGET (button));
}

static gboolean
window_has_documents (gpointer data)
{
  CeWindow *window = data;
  CeDocumentList *list = ce_test_ui_window_child (window, "document_list");

  return ce_session_get_path (ce_window_get_session (window)) != NULL &&
         g_list_model_get_n_items (G_LIST_MODEL (ce_document_list_get_model (list))) > 0;
}

typedef struct
{
  GListModel *model;
  guint       before;
} ListGrew;

static gboolean
list_grew (gpointer data)
{
  ListGrew *grew = data;

  return g_list_model_get_n_items (grew->model) > grew->before;
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_import_dialog (void)
{
  g_autofree char *jsonl = g_build_filename (CE_TEST_SOURCE_DIR, "data", "sample", "sample.jsonl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (jsonl);
  g_autofree char *title = NULL;
  g_autofree char *corpus_path = NULL;
  CeWindow *window = ce_test_ui_new_window (app, 1100, 720);
  CeImportDialog *dialog;
  GtkListBox *preview;
  CeDocumentList *list;
  guint n_rows = 0;

  dialog = ce_window_import_files (window, &file, 1);
  g_assert_nonnull (dialog);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));

  /* The preview reads the file in a worker and lists the first articles */
  g_assert_true (ce_test_ui_wait_until (preview_ready, dialog, 20));
  preview = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (dialog), CE_TYPE_IMPORT_DIALOG,
                                                         "preview_list"));
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (preview)); row; row = gtk_widget_get_next_sibling (row))
    n_rows++;
  g_assert_cmpuint (n_rows, ==, 8);
  title = g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (
    gtk_widget_get_template_child (GTK_WIDGET (dialog), CE_TYPE_IMPORT_DIALOG, "files_row"))));
  g_assert_cmpstr (title, ==, "JSON Lines · 52 documents");
  g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (dialog), 2));
  ce_test_ui_screenshot (GTK_WIDGET (dialog), "import-preview.png");

  /* The new corpus goes to the user's data folder, named after the file */
  corpus_path = g_strdup (ce_import_dialog_get_corpus_path (dialog));
  g_assert_true (g_str_has_suffix (corpus_path, "corpus-explorer/sample.corpus"));

  /* The dialog closes itself when the import is done */
  ce_import_dialog_start (dialog);
  g_assert_true (ce_test_ui_wait_until (window_has_documents, window, 30));

  list = ce_test_ui_window_child (window, "document_list");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ce_document_list_get_model (list))), ==, 52);
  g_assert_cmpstr (ce_session_get_path (ce_window_get_session (window)), ==, corpus_path);
  g_assert_true (ce_test_ui_settle (window));
  ce_test_ui_screenshot (GTK_WIDGET (window), "window-after-import.png");

  /* More files into the corpus shown go through the window's session:
   * its corpus-changed lists them at once */
  {
    g_autofree char *csv = g_build_filename (CE_TEST_SOURCE_DIR, "tests", "fixtures", "formats",
                                             "articles.csv", NULL);
    g_autoptr(GFile) more = g_file_new_for_path (csv);
    ListGrew grew = { G_LIST_MODEL (ce_document_list_get_model (list)), 52 };
    guint changed = 0;

    g_signal_connect_swapped (ce_window_get_session (window), "corpus-changed",
                              G_CALLBACK (count_cb), &changed);
    dialog = ce_window_import_files (window, &more, 1);
    g_assert_cmpstr (ce_import_dialog_get_corpus_path (dialog), ==, corpus_path);
    g_assert_cmpstr (ce_session_get_path (ce_window_get_session (window)), ==, corpus_path);
    g_assert_true (ce_test_ui_wait_until (preview_ready, dialog, 20));
    ce_import_dialog_start (dialog);
    g_assert_true (ce_test_ui_wait_until (list_grew, &grew, 30));
    g_assert_cmpuint (changed, ==, 1);
    g_signal_handlers_disconnect_by_func (ce_window_get_session (window), count_cb, &changed);
  }

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

  g_test_add_func ("/corpus-explorer/window/empty-state", test_empty_state);
  g_test_add_func ("/corpus-explorer/window/open-error", test_open_error);
  g_test_add_func ("/corpus-explorer/window/open-corpus", test_open_corpus);
  g_test_add_func ("/corpus-explorer/window/open-async", test_open_async);
  g_test_add_func ("/corpus-explorer/window/sort-and-search", test_sort_and_search);
  g_test_add_func ("/corpus-explorer/window/list-head", test_list_head);
  g_test_add_func ("/corpus-explorer/window/narrow", test_narrow);
  g_test_add_func ("/corpus-explorer/window/recent", test_recent);
  g_test_add_func ("/corpus-explorer/window/zoom", test_zoom);
  g_test_add_func ("/corpus-explorer/window/app-actions", test_app_actions);
  g_test_add_func ("/corpus-explorer/window/import-dialog", test_import_dialog);

  ret = g_test_run ();

  g_clear_object (&app);
  ce_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
