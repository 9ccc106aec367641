/* test-copies-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Copies of stories in the window: the list's badges and its "Copies"
 * facet, the reader's panel of copies with what differs, the chart's
 * "Each Story Once", the background grouping of a corpus made before
 * copies were grouped, and screenshots of them in light and dark.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

/* The layers above the store are built with SQLite's header guard
 * defined; this test writes a corpus of an older version by hand */
#undef SQLITE3_H
#include <sqlite3.h>

#include "ce-application.h"
#include "ce-chart-model.h"
#include "ce-chart-view.h"
#include "ce-copies-panel.h"
#include "ce-corpus.h"
#include "ce-corpus-duplicates.h"
#include "ce-counter.h"
#include "ce-document-list.h"
#include "ce-facets-pane.h"
#include "ce-grouping-bar.h"
#include "ce-reader-view.h"
#include "ce-topics.h"
#include "ce-window.h"
#include "ce-test-ui.h"

static CeApplication *app;
static char *tmp_dir;

#define STORY "Dock workers voted on Tuesday to end a two-week strike that closed the port " \
              "and left dozens of ships waiting at anchor outside the harbour wall. " \
              "The union said the new contract met its main demands on pay and on the length " \
              "of night shifts. Port officials expect the backlog of cargo to clear within ten days. " \
              "Shipping lines had diverted several vessels to other harbours during the dispute."
#define STORY_CUT "Dock workers voted on Tuesday to end a two-week strike that closed the port " \
                  "and left dozens of ships waiting at anchor outside the harbour wall. " \
                  "The union said the new contract met its main demands on pay and on the length " \
                  "of night shifts. Port officials expect the backlog of cargo to clear within ten days."
#define ADDED "Ships began to move again on Wednesday morning."
#define OTHER "The council approved a new budget for the city library, which will open on " \
              "Sundays from next spring and lend tools as well as books to its members. " \
              "Librarians said the tool shelf had been the most requested service in a survey " \
              "of residents last year, ahead of longer evening hours and a second reading room."
#define ALONE "A late frost damaged apple blossom across the valley, and growers fear the " \
              "smallest harvest in a decade after two dry summers in a row left the orchards weak."

/* Ids in corpus order: the story three times (1 represents it), a story
 * of its own, the library twice (5 represents it) */
static const struct
{
  const char *title;
  const char *date;
  const char *body;
} documents[] = {
  { "Strike ends at the port", "2024-05-01", STORY },
  { "Dockers back at work", "2024-05-02", STORY " " ADDED },
  { "Port strike over", "2024-05-03", STORY_CUT },
  { "Frost hits orchards", "2024-05-04", ALONE },
  { "Library opens on Sundays", "2024-06-01", OTHER },
  { "Sunday library", "2024-06-02", OTHER " Tools can be borrowed for a week." },
};

static char *
make_corpus (const char *name)
{
  CE_TEST_STORE_SCOPE;
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(CeCorpus) corpus = ce_corpus_open (path, CE_CORPUS_OPEN_CREATE, NULL);
  g_autoptr(CeTopic) topic = ce_test_topic_new ("Port", "port, harbour*, ships");
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (corpus);
  g_assert_true (ce_corpus_begin (corpus, &error));
  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(CeDraft) draft = ce_test_draft_new (documents[i].title, NULL, documents[i].date,
                                                    NULL, documents[i].body);

      ce_test_corpus_add (corpus, 0, draft);
    }
  g_assert_true (ce_corpus_commit (corpus, &error));
  g_assert_true (ce_topics_save (corpus, topic, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (ce_corpus_count_copy_groups (corpus), ==, 2);

  return g_steal_pointer (&path);
}

static CeWindow *
open_window (const char *path)
{
  return ce_test_ui_open_window (app, path, 1400, 860);
}

/* The texts of the visible badges under @widget, in widget order */
static void
collect_badges (GtkWidget *widget,
                GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "copies-badge"))
    g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_badges (child, out);
}

static char *
badges (CeWindow *window)
{
  GString *out = g_string_new (NULL);

  collect_badges (ce_test_ui_window_child (window, "document_list"), out);
  return g_string_free (out, FALSE);
}

typedef struct
{
  CeDocumentListModel *model;
  guint                n_items;
} Expected;

static gboolean
n_items_is (gpointer data)
{
  Expected *expected = data;

  return !ce_document_list_model_is_loading (expected->model) &&
         g_list_model_get_n_items (G_LIST_MODEL (expected->model)) == expected->n_items;
}

/* A badge with the size of its group on each row that has copies; the
 * facet lists one document per story, and back */
static void
test_badges_and_facet (void)
{
  g_autofree char *path = make_corpus ("badges.corpus");
  CeWindow *window = open_window (path);
  CeDocumentList *list = ce_test_ui_window_child (window, "document_list");
  CeFacetsPane *facets = ce_test_ui_window_child (window, "facets_pane");
  GtkToggleButton *one = ce_test_ui_child (facets, CE_TYPE_FACETS_PANE, "one_copy_button");
  GtkToggleButton *all = ce_test_ui_child (facets, CE_TYPE_FACETS_PANE, "all_copies_button");
  GtkWidget *section = ce_test_ui_child (facets, CE_TYPE_FACETS_PANE, "copies_section");
  Expected expected = { ce_document_list_get_model (list), 3 };
  g_autofree char *shown = badges (window);

  g_assert_cmpstr (shown, ==, "3 3 3 2 2");
  g_assert_true (gtk_widget_get_visible (section));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (expected.model)), ==, 6);

  gtk_toggle_button_set_active (one, TRUE);
  g_assert_true (ce_test_ui_wait_until (n_items_is, &expected, 10));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CeDocument) document = g_list_model_get_item (G_LIST_MODEL (expected.model), i);
      const gint64 representatives[] = { 1, 4, 5 };

      g_assert_cmpint (ce_document_get_id (document), ==, representatives[i]);
    }
  g_assert_true (ce_document_list_model_has_filter (expected.model, "copies", "one"));
  g_assert_true (ce_test_ui_settle (window));
  g_clear_pointer (&shown, g_free);
  shown = badges (window);
  /* The representatives still say how many copies their story has */
  g_assert_cmpstr (shown, ==, "3 2");

  gtk_toggle_button_set_active (all, TRUE);
  expected.n_items = 6;
  g_assert_true (ce_test_ui_wait_until (n_items_is, &expected, 10));
  g_assert_false (ce_document_list_model_has_filter (expected.model, "copies", "one"));

  /* Removing the filter elsewhere (its chip) shows in the facet */
  ce_document_list_model_add_filter (expected.model, "copies", "one");
  g_assert_true (ce_test_ui_settle (window));
  g_assert_true (gtk_toggle_button_get_active (one));
  ce_document_list_model_clear_filters (expected.model);
  g_assert_true (ce_test_ui_settle (window));
  g_assert_true (gtk_toggle_button_get_active (all));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
panel_ready (gpointer data)
{
  return !ce_copies_panel_is_loading (data);
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

  return document != NULL && ce_document_get_id (document) == showing->id;
}

/* The reader's panel lists the other copies with links that open them,
 * and marks what a copy adds to the earliest and leaves out of it */
static void
test_copies_panel (void)
{
  g_autofree char *path = make_corpus ("panel.corpus");
  CeWindow *window = open_window (path);
  CeDocumentList *list = ce_test_ui_window_child (window, "document_list");
  CeReaderView *reader = ce_test_ui_window_child (window, "reader");
  CeCopiesPanel *panel = ce_test_ui_child (reader, CE_TYPE_READER_VIEW, "copies_panel");
  Showing showing = { reader, 1 };
  g_autoptr(GArray) links = NULL;
  guint added, removed;

  /* A copy with a sentence added */
  ce_document_list_select (list, 1);
  g_assert_true (ce_test_ui_settle (window));
  g_assert_true (ce_test_ui_wait_until (panel_ready, panel, 10));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));
  links = ce_copies_panel_dup_linked_ids (panel);
  g_assert_cmpuint (links->len, ==, 2);
  g_assert_cmpint (g_array_index (links, gint64, 0), ==, 1);
  g_assert_cmpint (g_array_index (links, gint64, 1), ==, 3);
  ce_copies_panel_get_changes (panel, &added, &removed);
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpuint (removed, ==, 0);

  /* A copy with its last sentence cut */
  ce_document_list_select (list, 2);
  g_assert_true (ce_test_ui_settle (window));
  g_assert_true (ce_test_ui_wait_until (panel_ready, panel, 10));
  ce_copies_panel_get_changes (panel, &added, &removed);
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (removed, ==, 1);

  /* Its first link opens the earliest copy, which is compared with nothing */
  ce_copies_panel_activate_link (panel, 0);
  g_assert_true (ce_test_ui_wait_until (reader_shows, &showing, 10));
  g_assert_true (ce_test_ui_settle (window));
  g_assert_true (ce_test_ui_wait_until (panel_ready, panel, 10));
  g_clear_pointer (&links, g_array_unref);
  links = ce_copies_panel_dup_linked_ids (panel);
  g_assert_cmpuint (links->len, ==, 2);
  g_assert_cmpint (g_array_index (links, gint64, 0), ==, 2);
  g_assert_cmpint (g_array_index (links, gint64, 1), ==, 3);
  ce_copies_panel_get_changes (panel, &added, &removed);
  g_assert_cmpuint (added + removed, ==, 0);

  /* A story of its own has no panel */
  ce_document_list_select (list, 3);
  g_assert_true (ce_test_ui_settle (window));
  g_assert_true (ce_test_ui_wait_until (panel_ready, panel, 10));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (panel)));
  g_clear_pointer (&links, g_array_unref);
  links = ce_copies_panel_dup_linked_ids (panel);
  g_assert_cmpuint (links->len, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The text of every range of @buffer with the tag @name, "|" between */
static char *
tagged_text (GtkTextBuffer *buffer,
             const char    *name)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
  GString *out = g_string_new (NULL);
  GtkTextIter iter;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  if (!gtk_text_iter_starts_tag (&iter, tag))
    gtk_text_iter_forward_to_tag_toggle (&iter, tag);

  while (!gtk_text_iter_is_end (&iter))
    {
      GtkTextIter end = iter;
      g_autofree char *text = NULL;

      gtk_text_iter_forward_to_tag_toggle (&end, tag);
      text = gtk_text_iter_get_text (&iter, &end);
      g_string_append_printf (out, "%s%s", out->len > 0 ? "|" : "", text);
      iter = end;
      gtk_text_iter_forward_to_tag_toggle (&iter, tag);
    }

  return g_string_free (out, FALSE);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
text_is (gpointer data)
{
  GtkTextBuffer *buffer = ((gpointer *)data)[0];
  g_autofree char *text = buffer_text (buffer);

  return g_strcmp0 (text, ((gpointer *)data)[1]) == 0;
}

#define CUT_SENTENCE "Shipping lines had diverted several vessels to other harbours during the dispute."

/* What a copy changed is marked in the text itself: an added sentence
 * on a wash, a removed one set in where it stood and struck through (a
 * whole paragraph as a line of its own); body offsets still land on the
 * document's own text; the panel's switch shows the text as stored */
static void
test_changes_in_text (void)
{
  g_autofree char *path = make_corpus ("changes.corpus");
  CeWindow *window = open_window (path);
  CeDocumentList *list = ce_test_ui_window_child (window, "document_list");
  CeReaderView *reader = ce_test_ui_window_child (window, "reader");
  CeCopiesPanel *panel = ce_test_ui_child (reader, CE_TYPE_READER_VIEW, "copies_panel");
  GtkTextBuffer *buffer = ce_reader_view_get_buffer (reader);
  g_autofree char *added = NULL;
  g_autofree char *removed = NULL;
  g_autofree char *text = NULL;
  g_autofree char *with_cut = g_strconcat (STORY_CUT, " " CUT_SENTENCE, NULL);
  gpointer expect[2] = { buffer, NULL };
  Showing showing = { reader, 2 };
  GtkTextIter iter;

  g_assert_true (ce_reader_view_get_mark_changes (reader));

  /* A sentence added at the end */
  ce_document_list_select (list, 1);
  g_assert_true (ce_test_ui_wait_until (reader_shows, &showing, 10));
  g_assert_true (ce_test_ui_wait_until (panel_ready, panel, 10));
  added = tagged_text (buffer, CE_READER_ADDED_TAG);
  removed = tagged_text (buffer, CE_READER_REMOVED_TAG);
  g_assert_cmpstr (added, ==, ADDED);
  g_assert_cmpstr (removed, ==, "");
  text = buffer_text (buffer);
  g_assert_cmpstr (text, ==, STORY " " ADDED);
  for (guint dark = 0; dark < 2; dark++)
    {
      ce_test_ui_set_dark (dark);
      ce_test_ui_screenshot (GTK_WIDGET (window), dark ? "changes-added-dark.png" : "changes-added-light.png");
    }
  ce_test_ui_set_dark (FALSE);
  g_clear_pointer (&added, g_free);
  g_clear_pointer (&removed, g_free);
  g_clear_pointer (&text, g_free);

  /* The last sentence cut: set in after the text, struck through */
  ce_document_list_select (list, 2);
  showing.id = 3;
  g_assert_true (ce_test_ui_wait_until (reader_shows, &showing, 10));
  expect[1] = with_cut;
  g_assert_true (ce_test_ui_wait_until (text_is, expect, 10));
  added = tagged_text (buffer, CE_READER_ADDED_TAG);
  removed = tagged_text (buffer, CE_READER_REMOVED_TAG);
  g_assert_cmpstr (added, ==, "");
  g_assert_cmpstr (removed, ==, CUT_SENTENCE);

  /* The copy's own offsets map around it: the end of its body is where
   * the removed sentence starts, and the removed text maps to no body
   * offset of its own */
  g_assert_true (ce_reader_view_get_iter_at_body_offset (reader, strlen (STORY_CUT), &iter));
  g_assert_cmpint (gtk_text_iter_get_offset (&iter), ==, g_utf8_strlen (STORY_CUT, -1));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, g_utf8_strlen (with_cut, -1) - 3);
  g_assert_true (gtk_text_iter_has_tag (&iter, gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                                                           CE_READER_REMOVED_TAG)));
  g_assert_cmpuint (ce_reader_view_get_body_offset (reader, &iter), ==, strlen (STORY_CUT));

  /* Screenshots of the marks, light and dark */
  for (guint dark = 0; dark < 2; dark++)
    {
      ce_test_ui_set_dark (dark);
      ce_test_ui_screenshot (GTK_WIDGET (window), dark ? "changes-dark.png" : "changes-light.png");
    }
  ce_test_ui_set_dark (FALSE);

  /* Turned off: the text as stored, nothing marked; and on again */
  ce_reader_view_set_mark_changes (reader, FALSE);
  g_clear_pointer (&text, g_free);
  text = buffer_text (buffer);
  g_assert_cmpstr (text, ==, STORY_CUT);
  g_clear_pointer (&removed, g_free);
  removed = tagged_text (buffer, CE_READER_REMOVED_TAG);
  g_assert_cmpstr (removed, ==, "");
  ce_reader_view_set_mark_changes (reader, TRUE);
  g_clear_pointer (&text, g_free);
  text = buffer_text (buffer);
  g_assert_cmpstr (text, ==, with_cut);

  /* The earliest copy has nothing marked */
  ce_document_list_select (list, 0);
  showing.id = 1;
  g_assert_true (ce_test_ui_wait_until (reader_shows, &showing, 10));
  expect[1] = STORY;
  g_assert_true (ce_test_ui_wait_until (text_is, expect, 10));
  g_clear_pointer (&added, g_free);
  added = tagged_text (buffer, CE_READER_ADDED_TAG);
  g_assert_cmpstr (added, ==, "");

  gtk_window_destroy (GTK_WINDOW (window));
}

#define PARAGRAPH_ONE "The harbour board met on Monday evening to discuss the new ferry timetable, " \
                      "which adds two crossings a day in summer and one in winter for the island."
#define PARAGRAPH_TWO "Residents of the island had asked for an earlier morning boat for years, " \
                      "so that children could reach the school on the mainland before the bell."
#define PARAGRAPH_THREE "The board also approved repairs to the north pier, where storms in March " \
                        "had torn away a section of the railing and cracked the concrete deck."

/* A whole paragraph cut from the middle comes back as a line of its own,
 * between the paragraphs it stood between; a split still means the
 * paragraph the cursor is in */
static void
test_removed_paragraph (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "paragraphs.corpus", NULL);
  CeWindow *window;
  CeDocumentList *list;
  CeReaderView *reader;
  GtkTextBuffer *buffer;
  g_autofree char *removed = NULL;
  g_autofree char *expected = g_strjoin ("\n", PARAGRAPH_ONE, PARAGRAPH_TWO, PARAGRAPH_THREE, NULL);
  gpointer expect[2] = { NULL, expected };
  Showing showing = { NULL, 2 };
  GtkTextIter iter;

  {
    CE_TEST_STORE_SCOPE;
    g_autoptr(CeCorpus) corpus = ce_corpus_open (path, CE_CORPUS_OPEN_CREATE, NULL);
    g_autoptr(CeDraft) full = ce_test_draft_new ("Ferry timetable", NULL, "2024-03-01", NULL,
                                                 PARAGRAPH_ONE "\n\n" PARAGRAPH_TWO "\n\n" PARAGRAPH_THREE);
    g_autoptr(CeDraft) cut = ce_test_draft_new ("New ferry timetable", NULL, "2024-03-02", NULL,
                                                PARAGRAPH_ONE "\n\n" PARAGRAPH_THREE);
    g_autoptr(GError) error = NULL;

    g_assert_true (ce_corpus_begin (corpus, &error));
    ce_test_corpus_add (corpus, 0, full);
    ce_test_corpus_add (corpus, 0, cut);
    g_assert_true (ce_corpus_commit (corpus, &error));
    g_assert_cmpuint (ce_corpus_count_copy_groups (corpus), ==, 1);
  }

  window = open_window (path);
  list = ce_test_ui_window_child (window, "document_list");
  reader = ce_test_ui_window_child (window, "reader");
  buffer = ce_reader_view_get_buffer (reader);
  expect[0] = buffer;
  showing.reader = reader;

  ce_document_list_select (list, 1);
  g_assert_true (ce_test_ui_wait_until (reader_shows, &showing, 10));
  g_assert_true (ce_test_ui_wait_until (text_is, expect, 10));
  removed = tagged_text (buffer, CE_READER_REMOVED_TAG);
  g_assert_cmpstr (removed, ==, PARAGRAPH_TWO);
  g_assert_true (ce_test_ui_settle (window));
  ce_test_ui_screenshot (GTK_WIDGET (window), "changes-paragraph.png");

  /* The third line is the copy's second paragraph: its body offset */
  gtk_text_buffer_get_iter_at_line (buffer, &iter, 2);
  g_assert_cmpuint (ce_reader_view_get_body_offset (reader, &iter), ==, strlen (PARAGRAPH_ONE "\n\n"));
  gtk_text_buffer_place_cursor (buffer, &iter);
  ce_test_ui_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (reader), "reader.split", NULL));
  {
    CE_TEST_STORE_SCOPE;
    g_autoptr(CeCorpus) corpus = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, NULL);
    g_autoptr(CeDocument) last = NULL;

    g_assert_cmpint (ce_corpus_count_documents (corpus), ==, 3);
    last = ce_corpus_get_document (corpus, ce_corpus_get_last_document_id (corpus), NULL);
    g_assert_cmpstr (ce_document_get_body (last), ==, PARAGRAPH_THREE);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
counted (gpointer data)
{
  return !ce_chart_view_is_counting (data) && ce_chart_view_get_table (data) != NULL;
}

static double
total_mentions (const char *path,
                gboolean    unique)
{
  CE_TEST_STORE_SCOPE;
  g_autoptr(CeCorpus) corpus = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, NULL);
  g_autoptr(CeTopic) topic = ce_test_topic_new ("Port", "port, harbour*, ships");
  g_autoptr(GPtrArray) topics = g_ptr_array_new ();
  g_autoptr(CeCountTable) table = NULL;
  g_autoptr(GError) error = NULL;
  CeGrouping grouping = { CE_GROUP_DOCUMENT, NULL };

  g_ptr_array_add (topics, topic);
  ce_corpus_set_unique_stories (corpus, unique);
  table = ce_counter_aggregate (corpus, topics, &grouping, CE_MEASURE_MENTIONS, NULL, NULL, 0,
                                CE_CATEGORY_SORT_NATURAL, &error);
  g_assert_no_error (error);
  return ce_count_table_get_total (table, 0);
}

/* "Count each story once" counts what `counts --unique` counts, and is kept
 * with the chart's other settings */
static void
test_chart_option (void)
{
  g_autofree char *path = make_corpus ("chart.corpus");
  CeWindow *window = open_window (path);
  CeChartView *view = ce_test_ui_window_child (window, "chart_view");
  GtkToggleButton *unique = ce_test_ui_child (view, CE_TYPE_CHART_VIEW, "unique_button");
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  double all = total_mentions (path, FALSE);
  double once = total_mentions (path, TRUE);

  g_assert_cmpfloat (once, <, all);

  gtk_toggle_button_set_active (unique, FALSE);
  g_assert_true (ce_test_ui_wait_until (counted, view, 20));
  g_assert_cmpfloat (ce_count_table_get_total (ce_chart_view_get_table (view), 0), ==, all);

  gtk_toggle_button_set_active (unique, TRUE);
  ce_test_ui_iterate ();
  g_assert_true (ce_test_ui_wait_until (counted, view, 20));
  g_assert_cmpfloat (ce_count_table_get_total (ce_chart_view_get_table (view), 0), ==, once);
  g_assert_true (g_settings_get_boolean (settings, "chart-unique"));
  /* The chart says so, on screen and in what it exports */
  g_assert_nonnull (strstr (ce_chart_model_get_subtitle (ce_chart_view_get_model (view)), "each story once"));

  gtk_toggle_button_set_active (unique, FALSE);
  ce_test_ui_iterate ();
  g_assert_true (ce_test_ui_wait_until (counted, view, 20));
  g_assert_cmpfloat (ce_count_table_get_total (ce_chart_view_get_table (view), 0), ==, all);
  g_assert_false (g_settings_get_boolean (settings, "chart-unique"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A corpus as version 2 wrote it: no fingerprints, no groups */
static char *
make_old_corpus (const char *name,
                 guint       copies)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  sqlite3 *db = NULL;

  {
    CE_TEST_STORE_SCOPE;
    g_autoptr(CeCorpus) corpus = ce_corpus_open (path, CE_CORPUS_OPEN_CREATE, NULL);
    g_autoptr(GError) error = NULL;

    g_assert_true (ce_corpus_begin (corpus, &error));
    for (guint i = 0; i < copies; i++)
      {
        g_autofree char *title = g_strdup_printf ("Edition %u", i);
        g_autofree char *body = g_strdup_printf ("%s Edition %u of the wire story.", STORY, i);
        g_autoptr(CeDraft) draft = ce_test_draft_new (title, NULL, NULL, NULL, i % 2 ? body : OTHER);

        ce_test_corpus_add (corpus, 0, draft);
      }
    g_assert_true (ce_corpus_commit (corpus, &error));
  }

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "DROP TABLE count_cache; DROP TABLE count_changes; DROP INDEX documents_rows;"
                                 "DROP TABLE fingerprints; DROP TABLE bands; DROP TABLE copies;"
                                 "DROP INDEX documents_body_hash; ALTER TABLE documents DROP COLUMN body_hash;"
                                 "PRAGMA user_version = 2;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  return g_steal_pointer (&path);
}

static gboolean
not_running (gpointer data)
{
  return !ce_grouping_bar_is_running (data);
}

static gboolean
has_progress (gpointer data)
{
  return ce_grouping_bar_get_fraction (data) > 0;
}

static gint64
left_to_group (const char *path)
{
  CE_TEST_STORE_SCOPE;
  g_autoptr(CeCorpus) corpus = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, NULL);

  return ce_corpus_count_unfingerprinted (corpus);
}

/* Opening an older corpus groups it in the background, with progress;
 * Cancel keeps the steps done, and the next opening goes on */
static void
test_background_grouping (void)
{
  g_autofree char *path = make_old_corpus ("old.corpus", 240);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CeWindow *window = ce_test_ui_new_window (app, 1200, 800);
  CeGroupingBar *bar = ce_test_ui_window_child (window, "grouping_bar");
  gint64 left;

  ce_grouping_bar_set_batch (bar, 2);
  g_assert_true (ce_test_ui_open_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (ce_grouping_bar_is_running (bar));
  g_assert_true (ce_test_ui_wait_until (has_progress, bar, 20));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (bar)));
  ce_grouping_bar_cancel (bar);
  g_assert_false (ce_grouping_bar_is_running (bar));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_true (ce_test_ui_settle (window));

  left = left_to_group (path);
  g_assert_cmpint (left, >, 0);
  g_assert_cmpint (left, <, 240);

  /* Opened again: it goes on from there to the end, and the window's
   * views read the groups then */
  g_assert_true (ce_test_ui_open_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (ce_test_ui_wait_until (not_running, bar, 60));
  g_assert_cmpint (left_to_group (path), ==, 0);
  {
    CE_TEST_STORE_SCOPE;
    g_autoptr(CeCorpus) corpus = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, NULL);
    g_autoptr(GPtrArray) copies = ce_corpus_get_copies (corpus, 2, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (ce_corpus_count_copy_groups (corpus), ==, 2);
    g_assert_cmpuint (copies->len, ==, 120);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The window's steps grow while they are short, up to the command
 * line's, and shrink when they are long */
static void
test_step_sizes (void)
{
  guint batch = CE_GROUPING_BAR_BATCH;
  guint steps = 0;

  /* At 1 GB a step of 500 documents took about 0.4 s, one of 4,000
   * about 1 s: from the first step to the largest in three */
  while (batch < CE_CORPUS_FINGERPRINT_BATCH && steps++ < 10)
    batch = ce_grouping_bar_next_batch (batch, batch * G_USEC_PER_SEC / 4000 - 1);
  g_assert_cmpuint (batch, ==, CE_CORPUS_FINGERPRINT_BATCH);
  g_assert_cmpuint (steps, ==, 3);

  g_assert_cmpuint (ce_grouping_bar_next_batch (CE_CORPUS_FINGERPRINT_BATCH, 1000), ==,
                    CE_CORPUS_FINGERPRINT_BATCH);
  g_assert_cmpuint (ce_grouping_bar_next_batch (4000, 3 * G_USEC_PER_SEC / 2), ==, 4000);
  g_assert_cmpuint (ce_grouping_bar_next_batch (4000, 3 * G_USEC_PER_SEC), ==, 2000);
  g_assert_cmpuint (ce_grouping_bar_next_batch (60, 3 * G_USEC_PER_SEC), ==, 50);
  g_assert_cmpuint (ce_grouping_bar_next_batch (50, 3 * G_USEC_PER_SEC), ==, 50);
  g_assert_cmpuint (ce_grouping_bar_next_batch (2, 3 * G_USEC_PER_SEC), ==, 2);
}

static guint
count_groups (const char *path)
{
  CE_TEST_STORE_SCOPE;
  g_autoptr(CeCorpus) corpus = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, NULL);

  return ce_corpus_count_copy_groups (corpus);
}

/* The similarity preference groups the open corpus again, in the
 * background, and the list's badges follow */
static void
test_threshold_preference (void)
{
  g_autofree char *path = make_corpus ("threshold.corpus");
  CeWindow *window = open_window (path);
  CeGroupingBar *bar = ce_test_ui_window_child (window, "grouping_bar");
  CeDocumentList *list = ce_test_ui_window_child (window, "document_list");
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *shown = NULL;

  g_assert_cmpuint (count_groups (path), ==, 2);

  /* The edited copies share less than 95 % of their phrases */
  g_settings_set_double (settings, "duplicate-threshold", 0.95);
  g_assert_true (ce_grouping_bar_is_running (bar));
  g_assert_true (ce_test_ui_wait_until (not_running, bar, 30));
  g_assert_true (ce_test_ui_wait_until (ce_test_ui_list_loaded, ce_document_list_get_model (list), 10));
  g_assert_true (ce_test_ui_settle (window));
  g_assert_cmpuint (count_groups (path), ==, 0);
  shown = badges (window);
  g_assert_cmpstr (shown, ==, "");

  g_settings_set_double (settings, "duplicate-threshold", 0.5);
  g_assert_true (ce_test_ui_wait_until (not_running, bar, 30));
  g_assert_cmpuint (count_groups (path), ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
facet_shown (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static gboolean
facet_hidden (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

/* Adds a copy of the library story, through the session's writer as
 * an import does */
static gpointer
add_copy_func (CeCorpus      *corpus,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(CeDraft) draft = ce_test_draft_new ("Library news", NULL, "2024-06-03", NULL,
                                                OTHER " Members may also borrow a bicycle.");

  ce_test_store_begin ();
  g_assert_true (ce_corpus_begin (corpus, error));
  ce_test_corpus_add (corpus, 0, draft);
  g_assert_true (ce_corpus_commit (corpus, error));
  ce_test_store_end ();

  return data;
}

/* A corpus without any copies has no "Copies" facet: nothing to choose.
 * It shows once a write brings the first group, and goes again when a
 * stricter similarity leaves no group */
static void
test_facet_follows_groups (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "no-copies.corpus", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  CeWindow *window;
  CeFacetsPane *facets;
  CeGroupingBar *bar;
  GtkWidget *section;
  GtkToggleButton *filters;
  int dummy = 0;

  {
    CE_TEST_STORE_SCOPE;
    g_autoptr(CeCorpus) corpus = ce_corpus_open (path, CE_CORPUS_OPEN_CREATE, NULL);
    g_autoptr(CeDraft) alone = ce_test_draft_new ("Frost hits orchards", NULL, "2024-05-04", NULL, ALONE);
    g_autoptr(CeDraft) other = ce_test_draft_new ("Library opens on Sundays", NULL, "2024-06-01", NULL, OTHER);

    g_assert_true (ce_corpus_begin (corpus, &error));
    ce_test_corpus_add (corpus, 0, alone);
    ce_test_corpus_add (corpus, 0, other);
    g_assert_true (ce_corpus_commit (corpus, &error));
    g_assert_cmpuint (ce_corpus_count_copy_groups (corpus), ==, 0);
  }

  window = open_window (path);
  facets = ce_test_ui_window_child (window, "facets_pane");
  bar = ce_test_ui_window_child (window, "grouping_bar");
  section = ce_test_ui_child (facets, CE_TYPE_FACETS_PANE, "copies_section");
  filters = ce_test_ui_window_child (window, "filters_button");
  gtk_toggle_button_set_active (filters, TRUE);
  g_assert_true (ce_test_ui_settle (window));
  g_assert_false (gtk_widget_get_visible (section));
  ce_test_ui_screenshot (GTK_WIDGET (window), "copies-facet-none.png");

  g_assert_nonnull (ce_session_write (ce_window_get_session (window), add_copy_func, &dummy, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ce_test_ui_wait_until (facet_shown, section, 10));

  g_settings_set_double (settings, "duplicate-threshold", 0.95);
  g_assert_true (ce_test_ui_wait_until (not_running, bar, 30));
  g_assert_true (ce_test_ui_wait_until (facet_hidden, section, 10));

  g_settings_set_double (settings, "duplicate-threshold", 0.5);
  g_assert_true (ce_test_ui_wait_until (not_running, bar, 30));
  g_assert_true (ce_test_ui_wait_until (facet_shown, section, 10));

  gtk_window_destroy (GTK_WINDOW (window));
}


/* The list with its badges, the facet and the reader's panel */
static void
test_screenshots (void)
{
  g_autofree char *path = make_corpus ("shots.corpus");
  CeWindow *window = open_window (path);
  CeDocumentList *list = ce_test_ui_window_child (window, "document_list");
  CeReaderView *reader = ce_test_ui_window_child (window, "reader");
  CeCopiesPanel *panel = ce_test_ui_child (reader, CE_TYPE_READER_VIEW, "copies_panel");
  GtkToggleButton *filters = ce_test_ui_window_child (window, "filters_button");
  GtkWidget *expander;

  gtk_toggle_button_set_active (filters, TRUE);
  ce_document_list_select (list, 1);
  g_assert_true (ce_test_ui_settle (window));
  g_assert_true (ce_test_ui_wait_until (panel_ready, panel, 10));

  /* The differences shown open */
  for (expander = gtk_widget_get_first_child (gtk_widget_get_first_child (GTK_WIDGET (panel)));
       expander != NULL && !GTK_IS_EXPANDER (expander);
       expander = gtk_widget_get_next_sibling (expander))
    ;
  g_assert_true (GTK_IS_EXPANDER (expander));
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);

  for (guint dark = 0; dark < 2; dark++)
    {
      ce_test_ui_set_dark (dark);
      ce_test_ui_screenshot (GTK_WIDGET (window), dark ? "copies-dark.png" : "copies-light.png");
    }

  ce_test_ui_set_dark (FALSE);
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

  g_test_add_func ("/corpus-explorer/copies-ui/badges-and-facet", test_badges_and_facet);
  g_test_add_func ("/corpus-explorer/copies-ui/copies-panel", test_copies_panel);
  g_test_add_func ("/corpus-explorer/copies-ui/changes-in-text", test_changes_in_text);
  g_test_add_func ("/corpus-explorer/copies-ui/removed-paragraph", test_removed_paragraph);
  g_test_add_func ("/corpus-explorer/copies-ui/chart-option", test_chart_option);
  g_test_add_func ("/corpus-explorer/copies-ui/background-grouping", test_background_grouping);
  g_test_add_func ("/corpus-explorer/copies-ui/step-sizes", test_step_sizes);
  g_test_add_func ("/corpus-explorer/copies-ui/threshold-preference", test_threshold_preference);
  g_test_add_func ("/corpus-explorer/copies-ui/facet-follows-groups", test_facet_follows_groups);
  g_test_add_func ("/corpus-explorer/copies-ui/screenshots", test_screenshots);

  ret = g_test_run ();

  g_clear_object (&app);
  ce_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
