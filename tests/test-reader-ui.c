/* test-reader-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ce-application.h"
#include "ce-corpus.h"
#include "ce-corrections.h"
#include "ce-counter.h"
#include "ce-dispersion-strip.h"
#include "ce-document-list.h"
#include "ce-reader-view.h"
#include "ce-search.h"
#include "ce-topic.h"
#include "ce-window.h"
#include "ce-test-ui.h"

static CeApplication *app;
static char *tmp_dir;

/* Imports the shared dump into a new corpus; NULL when it is absent */
static char *
import_dump (const char *name)
{
  g_autofree char *dump = ce_test_shared_dump_path ();
  g_autofree char *path = NULL;
  g_autoptr(CeImportReport) report = NULL;

  if (dump == NULL)
    return NULL;

  path = g_build_filename (tmp_dir, name, NULL);
  report = ce_test_import_file (path, dump);
  g_assert_cmpuint (report->documents_added, >=, 5);

  return g_steal_pointer (&path);
}

/* A window showing a fresh import of the dump, the document at @index
 * selected; NULL (test skipped) without the dump */
static CeWindow *
open_window (const char *name,
             guint       index)
{
  g_autofree char *path = import_dump (name);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  CeDocumentList *list;
  CeWindow *window;

  if (path == NULL)
    {
      g_test_skip ("the shared corpus is not here");
      return NULL;
    }

  window = ce_test_ui_new_window (app, 1400, 860);
  file = g_file_new_for_path (path);
  g_assert_true (ce_test_ui_open_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (ce_test_ui_wait_idle (window));

  list = ce_test_ui_window_child (window, "document_list");
  ce_document_list_select (list, index);
  g_assert_true (ce_test_ui_wait_idle (window));

  g_assert_nonnull (ce_reader_view_get_document (ce_test_ui_window_child (window, "reader")));
  return window;
}

/* How many separate stretches of the buffer carry the tag @name */
static guint
count_tag_ranges (GtkTextBuffer *buffer,
                  const char    *name)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
  GtkTextIter iter;
  guint n = 0;

  g_assert_nonnull (tag);

  gtk_text_buffer_get_start_iter (buffer, &iter);
  if (gtk_text_iter_starts_tag (&iter, tag))
    n++;
  while (gtk_text_iter_forward_to_tag_toggle (&iter, tag))
    if (gtk_text_iter_starts_tag (&iter, tag))
      n++;

  return n;
}

static char *
iter_text (GtkTextBuffer *buffer,
           int            start,
           int            end)
{
  GtkTextIter a, b;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
  return gtk_text_buffer_get_text (buffer, &a, &b, FALSE);
}

/* The buffer shows each body range as the same text */
static void
assert_ranges_map (CeReaderView *reader,
                   GArray       *ranges)
{
  GtkTextBuffer *buffer = ce_reader_view_get_buffer (reader);
  const char *body = ce_document_get_body (ce_reader_view_get_document (reader));

  for (guint i = 0; i < ranges->len; i++)
    {
      const CeSearchRange *range = &g_array_index (ranges, CeSearchRange, i);
      g_autofree char *expected = g_strndup (body + range->start, range->end - range->start);
      g_autofree char *shown = NULL;
      GtkTextIter start, end;

      g_assert_true (ce_reader_view_get_iter_at_body_offset (reader, range->start, &start));
      g_assert_true (ce_reader_view_get_iter_at_body_offset (reader, range->end, &end));
      shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_assert_cmpstr (shown, ==, expected);
      g_assert_cmpuint (ce_reader_view_get_body_offset (reader, &start), ==, range->start);
    }
}

static void
test_mapping (void)
{
  const char *body = "Déjà vu in Zürich — “quoted” text.\n\n"
                     "# 1) STATE-SPONSORED HACKING\n\n"
                     "Second paragraph with ünïcödé and emoji 🚢 ferry.\n\n"
                     "# OUTLOOK\n\n"
                     "Last one.";
  CeDocumentFields fields = { .id = 7, .title = "Mapping", .body = body, .words = 20 };
  g_autoptr(CeDocument) document = ce_document_new (&fields);
  g_autofree char *shown = NULL;
  GtkWidget *window = gtk_window_new ();
  CeReaderView *reader = CE_READER_VIEW (ce_reader_view_new ());
  GtkTextBuffer *buffer = ce_reader_view_get_buffer (reader);
  GtkTextIter iter, start, end;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (reader));
  gtk_window_present (GTK_WINDOW (window));
  ce_reader_view_set_document (reader, document, 0, 1);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (shown, ==, "Déjà vu in Zürich — “quoted” text.\n"
                              "1) STATE-SPONSORED HACKING\n"
                              "Second paragraph with ünïcödé and emoji 🚢 ferry.\n"
                              "OUTLOOK\n"
                              "Last one.");

  /* Every word of the body maps to the same word in the buffer, and back */
  for (const char *p = body; *p; )
    {
      const char *word_end = p;
      g_autofree char *word = NULL;
      g_autofree char *at = NULL;
      GtkTextIter a, b;

      while (*word_end && *word_end != ' ' && *word_end != '\n')
        word_end++;

      if (word_end > p && !g_str_has_prefix (p, "#"))
        {
          word = g_strndup (p, word_end - p);
          g_assert_true (ce_reader_view_get_iter_at_body_offset (reader, p - body, &a));
          g_assert_true (ce_reader_view_get_iter_at_body_offset (reader, word_end - body, &b));
          at = gtk_text_buffer_get_text (buffer, &a, &b, FALSE);
          g_assert_cmpstr (at, ==, word);
          g_assert_cmpuint (ce_reader_view_get_body_offset (reader, &a), ==, p - body);
        }

      p = *word_end ? word_end + 1 : word_end;
    }

  /* A heading mark maps to the heading's text */
  g_assert_true (ce_reader_view_get_iter_at_body_offset (reader, strstr (body, "# OUTLOOK") - body, &iter));
  g_assert_cmpuint (ce_reader_view_get_body_offset (reader, &iter), ==, strstr (body, "OUTLOOK") - body);
  g_assert_false (ce_reader_view_get_iter_at_body_offset (reader, strlen (body) + 1, &iter));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
reader_has_query (gpointer data)
{
  return ce_reader_view_get_query (data) != NULL && !ce_query_is_empty (ce_reader_view_get_query (data));
}

static void
selection_offsets (GtkTextBuffer *buffer,
                   int           *start,
                   int           *end)
{
  GtkTextIter a, b;

  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &a, &b));
  *start = gtk_text_iter_get_offset (&a);
  *end = gtk_text_iter_get_offset (&b);
}

static void
test_search_highlights (void)
{
  CeWindow *window = open_window ("search.corpus", 2);
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  GtkSearchEntry *entry;
  CeReaderView *reader;
  CeDispersionStrip *strip;
  GtkTextBuffer *buffer;
  GtkLabel *hits_label;
  CeDocument *document;
  int start, end, first_start;
  guint n;

  if (window == NULL)
    return;

  reader = ce_test_ui_window_child (window, "reader");
  buffer = ce_reader_view_get_buffer (reader);
  hits_label = ce_test_ui_child (reader, CE_TYPE_READER_VIEW, "hits_label");
  strip = ce_test_ui_child (reader, CE_TYPE_READER_VIEW, "strip");

  /* The window's search reaches the reader */
  entry = ce_test_ui_window_child (window, "search_entry");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "china");
  g_assert_true (ce_test_ui_wait_until (reader_has_query, reader, 5));
  g_assert_true (ce_test_ui_wait_idle (window));
  g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (window), 2));
  document = ce_reader_view_get_document (reader);
  g_assert_nonnull (document);

  {
    g_autoptr(CeCorpus) own = ce_test_ui_open_corpus (window);

    ce_test_store_begin ();
    ranges = ce_search_instances (own, ce_reader_view_get_query (reader),
                                  ce_document_get_id (document), &error);
    ce_test_store_end ();
  }
  g_assert_no_error (error);
  n = ranges->len;
  g_assert_cmpuint (n, >=, 3);
  g_assert_cmpuint (count_tag_ranges (buffer, CE_READER_HIT_TAG), ==, n);
  g_assert_cmpuint (ce_reader_view_get_n_hits (reader), ==, n);
  assert_ranges_map (reader, ranges);
  label = g_strdup_printf ("%u matches", n);
  g_assert_cmpstr (gtk_label_get_text (hits_label), ==, label);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (strip)));
  g_assert_cmpuint (ce_dispersion_strip_get_n_marks (strip), ==, n);

  /* Next selects each hit in turn and says which it is */
  gtk_widget_activate_action (GTK_WIDGET (reader), "reader.next-hit", NULL);
  g_clear_pointer (&label, g_free);
  label = g_strdup_printf ("Hit 1 of %u", n);
  g_assert_cmpstr (gtk_label_get_text (hits_label), ==, label);
  selection_offsets (buffer, &start, &end);
  first_start = start;
  {
    GtkTextIter a;

    ce_reader_view_get_iter_at_body_offset (reader, g_array_index (ranges, CeSearchRange, 0).start, &a);
    g_assert_cmpint (start, ==, gtk_text_iter_get_offset (&a));
  }

  gtk_widget_activate_action (GTK_WIDGET (reader), "reader.next-hit", NULL);
  g_clear_pointer (&label, g_free);
  label = g_strdup_printf ("Hit 2 of %u", n);
  g_assert_cmpstr (gtk_label_get_text (hits_label), ==, label);
  selection_offsets (buffer, &start, &end);
  g_assert_cmpint (start, >, first_start);
  {
    g_autofree char *selected = iter_text (buffer, start, end);
    g_autofree char *folded = g_utf8_casefold (selected, -1);

    g_assert_true (g_str_has_prefix (folded, "chin"));
  }

  /* Previous goes back; from the first, it wraps to the last */
  gtk_widget_activate_action (GTK_WIDGET (reader), "reader.previous-hit", NULL);
  gtk_widget_activate_action (GTK_WIDGET (reader), "reader.previous-hit", NULL);
  g_clear_pointer (&label, g_free);
  label = g_strdup_printf ("Hit %u of %u", n, n);
  g_assert_cmpstr (gtk_label_get_text (hits_label), ==, label);

  /* A click on the strip goes to the hit under it */
  {
    const CeDispersionMark *mark = ce_dispersion_strip_get_mark (strip, 1);
    double y = 8 + mark->position * (gtk_widget_get_height (GTK_WIDGET (strip)) - 16);

    ce_dispersion_strip_activate_at (strip, y);
    g_assert_cmpint (ce_reader_view_get_current_hit (reader), ==, 1);
    g_assert_cmpint (ce_dispersion_strip_get_current (strip), ==, 1);
  }

  /* A query the document does not match leaves nothing highlighted */
  gtk_editable_set_text (GTK_EDITABLE (entry), "zzyzx");
  g_assert_true (ce_test_ui_wait_until (reader_has_query, reader, 5));
  g_assert_true (ce_test_ui_wait_idle (window));
  g_assert_cmpuint (ce_reader_view_get_n_hits (reader), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_topic_highlights (void)
{
  CeWindow *window = open_window ("topics.corpus", 2);
  const char *terms[] = { "china", "chinese", "beijing", "\"xi jinping\"", NULL };
  g_autoptr(CeTopic) topic = ce_topic_new ("China", "#D55E00", terms);
  g_autoptr(CeTopic) second = ce_topic_new ("Trade", "#0072B2", (const char *[]) { "trade", "tariff*", NULL });
  g_autoptr(GPtrArray) topics = g_ptr_array_new ();
  g_autoptr(GArray) mentions = NULL;
  g_autoptr(GArray) more = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tag_name = NULL;
  g_autoptr(CeQuery) query = NULL;
  CeReaderView *reader;
  g_autoptr(CeCorpus) corpus = NULL;
  GtkTextBuffer *buffer;
  CeDocument *document;
  AdwStyleManager *style = adw_style_manager_get_default ();

  if (window == NULL)
    return;

  reader = ce_test_ui_window_child (window, "reader");
  buffer = ce_reader_view_get_buffer (reader);
  corpus = ce_test_ui_open_corpus (window);
  document = ce_reader_view_get_document (reader);

  /* Stored through the window's session; from here on, its topics */
  {
    CeSession *session = ce_window_get_session (window);
    CeTopic *added = ce_session_add_topic (session, topic, G_MAXUINT, &error);

    g_assert_no_error (error);
    g_object_unref (topic);
    topic = added;
    added = ce_session_add_topic (session, second, G_MAXUINT, &error);
    g_assert_no_error (error);
    g_object_unref (second);
    second = added;
  }
  g_ptr_array_add (topics, topic);
  g_ptr_array_add (topics, second);
  ce_reader_view_set_topics (reader, topics);
  g_assert_true (ce_test_ui_wait_idle (window));

  /* Exactly the mentions counting counts are highlighted */
  CE_TEST_STORE (mentions = ce_counter_mentions (corpus, topic, ce_document_get_id (document), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mentions->len, >=, 3);
  tag_name = g_strdup_printf (CE_READER_TOPIC_TAG_PREFIX "%" G_GINT64_FORMAT, ce_topic_get_id (topic));
  g_assert_cmpuint (count_tag_ranges (buffer, tag_name), ==, mentions->len);
  g_assert_cmpuint (ce_reader_view_get_n_mentions (reader, 0), ==, mentions->len);
  assert_ranges_map (reader, mentions);

  /* Selecting a word and adding it to the topic saves the term and
   * highlights its mentions too */
  {
    const char *body = ce_document_get_body (document);
    const char *word = strstr (body, "Starmer");
    GtkTextIter a, b;
    g_autoptr(CeTopic) stored = NULL;

    g_assert_nonnull (word);
    ce_reader_view_get_iter_at_body_offset (reader, word - body, &a);
    ce_reader_view_get_iter_at_body_offset (reader, word - body + strlen ("Starmer"), &b);
    gtk_text_buffer_select_range (buffer, &a, &b);

    gtk_widget_activate_action (GTK_WIDGET (reader), "reader.add-to-topic", "x", ce_topic_get_id (topic));
    g_assert_true (ce_test_ui_wait_idle (window));
    CE_TEST_STORE (stored = ce_topics_find (corpus, "China", &error));
    g_assert_no_error (error);
    g_assert_true (g_strv_contains (ce_topic_get_terms (stored), "Starmer"));

    CE_TEST_STORE (more = ce_counter_mentions (corpus, topic, ce_document_get_id (document), &error));
    g_assert_no_error (error);
    g_assert_cmpuint (more->len, >, mentions->len);
    g_assert_cmpuint (count_tag_ranges (buffer, tag_name), ==, more->len);

    /* Ctrl+Shift+T offers the topics at the selection */
    gtk_widget_activate_action (GTK_WIDGET (reader), "reader.choose-topic", NULL);
    g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (reader), 2));
    {
      GtkWidget *text_view = GTK_WIDGET (ce_test_ui_child (reader, CE_TYPE_READER_VIEW, "text_view"));
      GtkWidget *popover = NULL;

      for (GtkWidget *child = gtk_widget_get_first_child (text_view); child; child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_POPOVER_MENU (child))
          popover = child;

      g_assert_nonnull (popover);
      g_assert_true (gtk_widget_get_visible (popover));
      gtk_popover_popdown (GTK_POPOVER (popover));
    }

    /* A new topic from the selection joins the highlighted topics */
    gtk_widget_activate_action (GTK_WIDGET (reader), "reader.new-topic-from-selection", NULL);
    g_assert_true (ce_test_ui_wait_idle (window));
    g_clear_object (&stored);
    CE_TEST_STORE (stored = ce_topics_find (corpus, "Starmer", &error));
    g_assert_no_error (error);
    g_assert_nonnull (stored);
    g_assert_cmpstr (ce_topic_get_terms (stored)[0], ==, "Starmer");
    g_clear_pointer (&tag_name, g_free);
    tag_name = g_strdup_printf (CE_READER_TOPIC_TAG_PREFIX "%" G_GINT64_FORMAT, ce_topic_get_id (stored));
    g_assert_nonnull (gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), tag_name));
  }

  /* The topics the window shows are the enabled ones: back to ours */
  ce_reader_view_set_topics (reader, topics);
  {
    GtkTextIter start;

    gtk_text_buffer_get_start_iter (buffer, &start);
    gtk_text_buffer_place_cursor (buffer, &start);
  }

  /* A search on top, then light and dark screenshots */
  query = ce_query_parse ("starmer OR minister", &error);
  g_assert_no_error (error);
  ce_reader_view_set_query (reader, query);
  g_assert_true (ce_test_ui_wait_idle (window));
  ce_reader_view_go_to_hit (reader, 1);
  g_assert_true (ce_test_ui_settle (window));
  g_assert_cmpint (ce_reader_view_get_current_hit (reader), ==, 1);
  ce_test_ui_screenshot (GTK_WIDGET (window), "reader-light.png");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (ce_test_ui_wait_drawn ());
  ce_test_ui_screenshot (GTK_WIDGET (window), "reader-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A word of the body from @from on that appears nowhere before it */
static char *
word_only_after (const char *body,
                 gsize       from)
{
  g_auto(GStrv) words = g_strsplit_set (body + from, " \n.,;:“”’‘\"()—", -1);
  g_autofree char *before = g_utf8_casefold (body, from);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *folded = g_utf8_casefold (words[i], -1);
      gboolean plain = strlen (folded) >= 6;

      for (const char *p = folded; *p && plain; p++)
        plain = g_ascii_isalpha (*p);

      if (plain && strstr (before, folded) == NULL)
        return g_steal_pointer (&folded);
    }

  return NULL;
}

/* What the test's own connection reads */
static gint64
own_count (CeCorpus *corpus)
{
  gint64 count;

  CE_TEST_STORE (count = ce_corpus_count_documents (corpus));
  return count;
}

static guint
own_corrections (CeCorpus *corpus)
{
  guint count;

  CE_TEST_STORE (count = ce_corpus_count_corrections (corpus));
  return count;
}

static void
test_split_and_merge (void)
{
  CeWindow *window = open_window ("split.corpus", 2);
  g_autoptr(GArray) found = NULL;
  g_autofree char *word = NULL;
  g_autofree char *original_body = NULL;
  CeDocumentList *list;
  CeReaderView *reader;
  g_autoptr(CeCorpus) corpus = NULL;
  GtkTextBuffer *buffer;
  CeDocument *document;
  GListModel *model;
  GtkTextIter iter;
  gint64 id, new_id, count;
  guint n_listed;
  gsize at;

  if (window == NULL)
    return;

  reader = ce_test_ui_window_child (window, "reader");
  list = ce_test_ui_window_child (window, "document_list");
  model = G_LIST_MODEL (ce_document_list_get_model (list));
  buffer = ce_reader_view_get_buffer (reader);
  corpus = ce_test_ui_open_corpus (window);
  document = ce_reader_view_get_document (reader);
  id = ce_document_get_id (document);
  count = own_count (corpus);
  n_listed = g_list_model_get_n_items (model);
  original_body = g_strdup (ce_document_get_body (document));

  /* Nothing to split at in the first paragraph */
  gtk_text_buffer_get_start_iter (buffer, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_widget_activate_action (GTK_WIDGET (reader), "reader.split", NULL);
  g_assert_cmpint (own_count (corpus), ==, count);

  /* The cursor in the fifth paragraph: split there */
  at = 0;
  for (guint i = 0; i < 4; i++)
    at = strstr (original_body + at, "\n\n") - original_body + 2;
  ce_reader_view_get_iter_at_body_offset (reader, at + 3, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  word = word_only_after (original_body, at);
  g_assert_nonnull (word);

  gtk_widget_activate_action (GTK_WIDGET (reader), "reader.split", NULL);
  g_assert_true (ce_test_ui_wait_idle (window));

  g_assert_cmpint (own_count (corpus), ==, count + 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_listed + 1);

  /* The reader shows the first part; the second follows in the list */
  document = ce_reader_view_get_document (reader);
  g_assert_cmpint (ce_document_get_id (document), ==, id);
  g_assert_cmpuint (strlen (ce_document_get_body (document)), ==, at - 2);
  new_id = ce_document_list_model_get_id (CE_DOCUMENT_LIST_MODEL (model), 3);
  g_assert_cmpint (new_id, !=, id);
  {
    g_autofree char *position = g_strdup_printf ("3\u00a0of\u00a0%u", n_listed + 1);
    g_assert_nonnull (strstr (ce_reader_view_get_metadata (reader), position));
  }

  found = ce_test_search_ids (corpus, word);
  g_assert_true (ce_test_ids_contain (found, new_id));
  g_assert_false (ce_test_ids_contain (found, id));
  g_clear_pointer (&found, g_array_unref);

  /* Undo makes it one article again */
  gtk_widget_activate_action (GTK_WIDGET (reader), "reader.undo-correction", NULL);
  g_assert_true (ce_test_ui_wait_idle (window));
  g_assert_cmpint (own_count (corpus), ==, count);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_listed);
  g_assert_cmpstr (ce_document_get_body (ce_reader_view_get_document (reader)), ==, original_body);
  found = ce_test_search_ids (corpus, word);
  g_assert_true (ce_test_ids_contain (found, id));
  g_assert_false (ce_test_ids_contain (found, new_id));
  g_clear_pointer (&found, g_array_unref);
  g_assert_cmpuint (own_corrections (corpus), ==, 0);

  /* Merging with the previous article, and undoing that */
  gtk_widget_activate_action (GTK_WIDGET (reader), "reader.merge", NULL);
  g_assert_true (ce_test_ui_wait_idle (window));
  g_assert_cmpint (own_count (corpus), ==, count - 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_listed - 1);
  g_assert_cmpint (ce_document_get_id (ce_reader_view_get_document (reader)), !=, id);
  found = ce_test_search_ids (corpus, word);
  g_assert_false (ce_test_ids_contain (found, id));
  g_clear_pointer (&found, g_array_unref);

  gtk_widget_activate_action (GTK_WIDGET (reader), "reader.undo-correction", NULL);
  g_assert_true (ce_test_ui_wait_idle (window));
  g_assert_cmpint (own_count (corpus), ==, count);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_listed);
  found = ce_test_search_ids (corpus, word);
  g_assert_true (ce_test_ids_contain (found, id));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* An action's buttons follow whether it is enabled */
static gboolean
button_sensitive (CeReaderView *reader,
                  const char   *button)
{
  return gtk_widget_get_sensitive (ce_test_ui_child (reader, CE_TYPE_READER_VIEW, button));
}

static gint64
shown_id (CeReaderView *reader)
{
  return ce_document_get_id (ce_reader_view_get_document (reader));
}

static void
test_navigation (void)
{
  CeWindow *window = open_window ("navigation.corpus", 0);
  CeDocumentList *list;
  CeDocumentListModel *model;
  CeReaderView *reader;
  GtkTextBuffer *buffer;
  GtkSearchEntry *entry;
  GtkTextIter start, end;
  gint64 first, second, third;

  if (window == NULL)
    return;

  reader = ce_test_ui_window_child (window, "reader");
  list = ce_test_ui_window_child (window, "document_list");
  model = ce_document_list_get_model (list);
  buffer = ce_reader_view_get_buffer (reader);
  first = ce_document_list_model_get_id (model, 0);
  second = ce_document_list_model_get_id (model, 1);
  third = ce_document_list_model_get_id (model, 2);

  /* Next and previous follow the list, and the list follows along */
  g_assert_false (button_sensitive (reader, "previous_document_button"));
  g_assert_true (button_sensitive (reader, "next_document_button"));
  gtk_widget_activate_action (GTK_WIDGET (reader), "reader.next-document", NULL);
  g_assert_true (ce_test_ui_wait_idle (window));
  g_assert_cmpint (shown_id (reader), ==, second);
  g_assert_cmpuint (ce_document_list_get_selected (list), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (reader), "reader.next-document", NULL);
  g_assert_true (ce_test_ui_wait_idle (window));
  g_assert_cmpint (shown_id (reader), ==, third);
  g_assert_nonnull (strstr (ce_reader_view_get_metadata (reader), "3\u00a0of\u00a0"));
  gtk_widget_activate_action (GTK_WIDGET (reader), "reader.previous-document", NULL);
  g_assert_true (ce_test_ui_wait_idle (window));
  g_assert_cmpint (shown_id (reader), ==, second);

  /* The keys are there wherever the focus is */
  {
    const char *expected[] = { "F3", "<Shift>F3", "<Alt>Down", "<Alt>Up", "<Alt>Left", "<Alt>Right",
                               "<Shift><Control>f", "<Shift><Control>t", "<Shift><Control>c" };
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (reader));
    g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
          continue;
        g_assert_cmpint (gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller)), ==,
                         GTK_SHORTCUT_SCOPE_GLOBAL);
        for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
          {
            g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

            g_ptr_array_add (found, gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut)));
          }
      }

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      g_assert_true (g_ptr_array_find_with_equal_func (found, expected[i], g_str_equal, NULL));
  }

  /* Back and forward retrace what was read */
  gtk_widget_activate_action (GTK_WIDGET (reader), "reader.history-back", NULL);
  g_assert_true (ce_test_ui_wait_idle (window));
  g_assert_cmpint (shown_id (reader), ==, third);
  gtk_widget_activate_action (GTK_WIDGET (reader), "reader.history-back", NULL);
  g_assert_true (ce_test_ui_wait_idle (window));
  g_assert_cmpint (shown_id (reader), ==, second);
  gtk_widget_activate_action (GTK_WIDGET (reader), "reader.history-back", NULL);
  g_assert_true (ce_test_ui_wait_idle (window));
  g_assert_cmpint (shown_id (reader), ==, first);
  g_assert_false (button_sensitive (reader, "history_back_button"));
  gtk_widget_activate_action (GTK_WIDGET (reader), "reader.history-forward", NULL);
  g_assert_true (ce_test_ui_wait_idle (window));
  g_assert_cmpint (shown_id (reader), ==, second);
  g_assert_true (button_sensitive (reader, "history_forward_button"));

  /* Search for Selection puts the quoted words in the search entry */
  gtk_text_buffer_get_iter_at_offset (buffer, &start, 0);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, 0);
  gtk_text_iter_forward_word_ends (&end, 2);
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_widget_activate_action (GTK_WIDGET (reader), "reader.search-selection", NULL);
  entry = ce_test_ui_window_child (window, "search_entry");
  {
    g_autofree char *words = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_autofree char *expected = g_strdup_printf ("\"%s\"", words);

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, expected);
    g_assert_true (gtk_search_bar_get_search_mode (ce_test_ui_window_child (window, "search_bar")));
  }

  /* Copy with Citation: the text, then title, place, date and source */
  gtk_widget_activate_action (GTK_WIDGET (reader), "reader.copy-citation", NULL);
  {
    GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (reader));
    GdkContentProvider *content = gdk_clipboard_get_content (clipboard);
    g_auto(GValue) value = G_VALUE_INIT;
    g_autofree char *words = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_autofree char *expected = NULL;
    CeDocument *document = ce_reader_view_get_document (reader);

    g_assert_nonnull (content);
    g_value_init (&value, G_TYPE_STRING);
    g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
    expected = g_strdup_printf ("%s\n\n“%s”", words, ce_document_get_title (document));
    g_assert_true (g_str_has_prefix (g_value_get_string (&value), expected));
    if (ce_document_get_place (document) != NULL)
      g_assert_nonnull (strstr (g_value_get_string (&value), ce_document_get_place (document)));
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

  g_test_add_func ("/corpus-explorer/reader-ui/mapping", test_mapping);
  g_test_add_func ("/corpus-explorer/reader-ui/search-highlights", test_search_highlights);
  g_test_add_func ("/corpus-explorer/reader-ui/topic-highlights", test_topic_highlights);
  g_test_add_func ("/corpus-explorer/reader-ui/split-and-merge", test_split_and_merge);
  g_test_add_func ("/corpus-explorer/reader-ui/navigation", test_navigation);

  ret = g_test_run ();

  g_clear_object (&app);
  ce_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
