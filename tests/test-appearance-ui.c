/* test-appearance-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window looks like beyond the light style and Latin text:
 * Chinese found and highlighted in the reader with a font that has its
 * characters, and the chart and the list in the dark style and in high
 * contrast, with bars and text that stand out from the background by the
 * ratios WCAG asks (3:1 for graphics, 4.5:1 for text).
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "ce-application.h"
#include "ce-chart-view.h"
#include "ce-color.h"
#include "ce-corpus.h"
#include "ce-document-list.h"
#include "ce-reader-view.h"
#include "ce-search.h"
#include "ce-topic.h"
#include "ce-topics.h"
#include "ce-window.h"
#include "ce-test-ui.h"

static CeApplication *app;
static char *tmp_dir;

/* Chinese -------------------------------------------------------------------- */

static gboolean
reader_has_query (gpointer data)
{
  return ce_reader_view_get_query (data) != NULL && !ce_query_is_empty (ce_reader_view_get_query (data));
}

static guint
count_substrings (const char *text,
                  const char *word)
{
  guint n = 0;

  for (const char *p = strstr (text, word); p != NULL; p = strstr (p + strlen (word), word))
    n++;
  return n;
}

/* A two-character word is found in a corpus of Chinese news, and the
 * reader highlights exactly its occurrences, drawn with a font that has
 * the characters */
static void
test_cjk_reader (void)
{
  g_autofree char *fixture = g_build_filename (CE_TEST_SOURCE_DIR, "tests", "fixtures", "cjk",
                                               "zh-news.jsonl", NULL);
  g_autofree char *path = ce_test_import (tmp_dir, "zh", fixture);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  CeWindow *window;
  CeReaderView *reader;
  CeDocumentList *list;
  CeDocument *document;
  GtkTextBuffer *buffer;
  GtkTextTag *tag;
  GtkTextIter iter;
  const char *body;
  guint tagged = 0;

  window = ce_test_ui_new_window (app, 1200, 800);
  g_assert_true (ce_test_ui_open_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (ce_test_ui_wait_idle (window));
  {
    g_autoptr(CeCorpus) own = ce_test_ui_open_corpus (window);

    CE_TEST_STORE (g_assert_cmpint (ce_corpus_get_tokenizer (own), ==, CE_TOKENIZER_CJK));
  }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  gtk_editable_set_text (GTK_EDITABLE (ce_test_ui_window_child (window, "search_entry")), "北京");
  reader = ce_test_ui_window_child (window, "reader");
  g_assert_true (ce_test_ui_wait_until (reader_has_query, reader, 10));
  g_assert_true (ce_test_ui_settle (window));

  list = ce_test_ui_window_child (window, "document_list");
  g_assert_true (ce_test_ui_wait_idle (window));
  ce_document_list_select (list, 0);
  g_assert_true (ce_test_ui_wait_idle (window));
  document = ce_reader_view_get_document (reader);
  g_assert_nonnull (document);
  body = ce_document_get_body (document);

  /* Found where the text has it, no more, no less */
  {
    g_autoptr(CeCorpus) own = ce_test_ui_open_corpus (window);

    CE_TEST_STORE (ranges = ce_search_instances (own, ce_reader_view_get_query (reader),
                                                 ce_document_get_id (document), &error));
  }
  g_assert_no_error (error);
  g_assert_cmpuint (ranges->len, ==, count_substrings (body, "北京"));
  g_assert_cmpuint (ranges->len, >=, 2);
  g_assert_cmpuint (ce_reader_view_get_n_hits (reader), ==, ranges->len);

  /* Each highlight covers the two characters */
  buffer = ce_reader_view_get_buffer (reader);
  tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), CE_READER_HIT_TAG);
  g_assert_nonnull (tag);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  for (gboolean more = TRUE; more; more = gtk_text_iter_forward_to_tag_toggle (&iter, tag))
    if (gtk_text_iter_starts_tag (&iter, tag))
      {
        GtkTextIter end = iter;
        g_autofree char *text = NULL;

        gtk_text_iter_forward_to_tag_toggle (&end, tag);
        text = gtk_text_buffer_get_text (buffer, &iter, &end, FALSE);
        g_assert_cmpstr (text, ==, "北京");
        tagged++;
      }
  g_assert_cmpuint (tagged, ==, ranges->len);

  /* The reader's font draws the characters, not boxes */
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (reader), body);
  g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (reader), "reader.next-hit", NULL);
  g_assert_true (ce_test_ui_settle (window));
  ce_test_ui_screenshot (GTK_WIDGET (window), "cjk-reader.png");

  gtk_window_destroy (GTK_WINDOW (window));
  ce_test_ui_iterate ();
}

/* Dark and high contrast ----------------------------------------------------- */

static CeColor
pixel_at (const guchar *pixels,
          int           width,
          int           x,
          int           y)
{
  const guchar *p = pixels + ((gsize)y * width + x) * 4;

  /* Opaque window pixels: premultiplication changes nothing */
  return (CeColor) { p[2] / 255., p[1] / 255., p[0] / 255., 1 };
}

typedef struct
{
  gboolean dark;
  gboolean high_contrast;
} Style;

static gboolean
style_is (gpointer data)
{
  const Style *style = data;
  AdwStyleManager *manager = adw_style_manager_get_default ();

  return adw_style_manager_get_dark (manager) == style->dark &&
         adw_style_manager_get_high_contrast (manager) == style->high_contrast;
}

static void
set_style (gboolean dark,
           gboolean high_contrast)
{
  g_autoptr(GSettings) a11y = g_settings_new ("org.gnome.desktop.a11y.interface");
  Style style = { dark, high_contrast };

  /* The application's own setting, as Preferences sets it, and the
   * desktop's high contrast switch, which libadwaita follows */
  g_settings_set_string (ce_application_get_settings (app), "color-scheme", dark ? "dark" : "light");
  g_settings_set_boolean (a11y, "high-contrast", high_contrast);
  g_assert_true (ce_test_ui_wait_until (style_is, &style, 5));
  g_assert_true (ce_test_ui_wait_drawn ());
}

static gboolean
counted (gpointer data)
{
  return !ce_chart_view_is_counting (data) && ce_chart_view_get_table (data) != NULL;
}

static gboolean
same_color (const CeColor *a,
            const CeColor *b)
{
  return fabs (a->red - b->red) + fabs (a->green - b->green) + fabs (a->blue - b->blue) < 0.04;
}

/* Every bar of the chart stands out from the background by 3:1, by its
 * fill or by its edge, and the chart's text by 4.5:1.  The bars are found
 * in the picture: runs of a topic's colour along rows of the chart.
 * Returns how many bars stood out by their edge only. */
static guint
check_chart (CeWindow    *window,
             CeChartView *view,
             const char  *name)
{
  GtkWidget *chart = ce_chart_view_get_chart_widget (view);
  CeChartModel *model;
  g_autofree guchar *pixels = NULL;
  graphene_point_t origin;
  CeColor bg, fg;
  GdkRGBA rgba;
  guint n_runs[8] = { 0 };
  guint checked = 0;
  guint edged = 0;
  int width, height;
  int chart_w = gtk_widget_get_width (chart);
  int chart_h = gtk_widget_get_height (chart);

  g_assert_true (ce_test_ui_wait_until (counted, view, 30));
  pixels = ce_test_ui_screenshot_pixels (GTK_WIDGET (window), name, &width, &height);
  model = ce_chart_view_get_model (view);
  g_assert_cmpuint (ce_chart_model_get_n_series (model), ==, G_N_ELEMENTS (n_runs));
  g_assert_true (gtk_widget_compute_point (chart, GTK_WIDGET (window), &GRAPHENE_POINT_INIT (0, 0), &origin));

  /* The corner of the chart, inside its padding, is background */
  bg = pixel_at (pixels, width, origin.x + 3, origin.y + 3);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (chart), &rgba);
  G_GNUC_END_IGNORE_DEPRECATIONS
  fg = (CeColor) { rgba.red, rgba.green, rgba.blue, 1 };
  g_test_message ("%s: text %.2f:1", name, ce_color_contrast (&fg, &bg));
  g_assert_cmpfloat (ce_color_contrast (&fg, &bg), >=, 4.5);

  for (int y = origin.y + chart_h / 4; y < origin.y + chart_h * 3 / 4; y += 4)
    for (int x = origin.x + 2; x < origin.x + chart_w - 2; x++)
      for (guint s = 0; s < G_N_ELEMENTS (n_runs); s++)
        {
          CeColor topic, here = pixel_at (pixels, width, x, y);
          double fill, edge;
          int end = x;

          g_assert_true (ce_color_parse (&topic, ce_topic_palette_get (s)));
          if (!same_color (&here, &topic))
            continue;

          /* A run of the fill: the bar; its edge, if any, lies just
           * outside the run on either side */
          while (end + 1 < origin.x + chart_w)
            {
              CeColor next = pixel_at (pixels, width, end + 1, y);

              if (!same_color (&next, &topic))
                break;
              end++;
            }
          if (end - x < 1)
            break;

          fill = ce_color_contrast (&topic, &bg);
          edge = 1;
          for (int e = 1; e <= 2; e++)
            {
              CeColor left = pixel_at (pixels, width, x - e, y);
              CeColor right = pixel_at (pixels, width, end + e, y);

              edge = MAX (edge, MIN (ce_color_contrast (&left, &bg), ce_color_contrast (&right, &bg)));
            }

          if (fill < 3 && edge < 3)
            g_error ("%s: a bar of topic %u at %d,%d stands out by %.2f:1 (fill) and %.2f:1 (edge)",
                     name, s, x, y, fill, edge);
          if (fill < 3)
            edged++;
          n_runs[s]++;
          checked++;
          x = end;
          break;
        }

  /* Every topic's bars were seen */
  for (guint s = 0; s < G_N_ELEMENTS (n_runs); s++)
    g_assert_cmpuint (n_runs[s], >, 0);

  g_test_message ("%s: %u stretches of bars at 3:1 or more, %u of them by their edge",
                  name, checked, edged);
  return edged;
}

/* The list's titles stand out from its background by 4.5:1 */
static void
check_list (CeWindow   *window,
            const char *name)
{
  GtkWidget *list = ce_test_ui_window_child (window, "document_list");
  g_autofree guchar *pixels = NULL;
  graphene_point_t corner;
  CeColor bg, fg;
  GdkRGBA rgba;
  int width, height;

  pixels = ce_test_ui_screenshot_pixels (GTK_WIDGET (window), name, &width, &height);
  g_assert_true (gtk_widget_compute_point (list, GTK_WIDGET (window),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (list) - 24,
                                                                 gtk_widget_get_height (list) - 4),
                                           &corner));
  bg = pixel_at (pixels, width, corner.x, corner.y);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (list), &rgba);
  G_GNUC_END_IGNORE_DEPRECATIONS
  fg = (CeColor) { rgba.red, rgba.green, rgba.blue, 1 };
  g_test_message ("%s: text %.2f:1", name, ce_color_contrast (&fg, &bg));
  g_assert_cmpfloat (ce_color_contrast (&fg, &bg), >=, 4.5);
}

static void
add_topics (const char *path)
{
  CE_TEST_STORE_SCOPE;
  g_autoptr(CeCorpus) corpus = ce_corpus_open (path, CE_CORPUS_OPEN_DEFAULT, NULL);
  const char * const words[] = { "tariff*", "storm*", "election*", "fishing", "minister*",
                                 "budget", "farmers", "vehicles" };
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (corpus);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      const char *terms[] = { words[i], NULL };
      g_autofree char *name = g_strndup (words[i], strcspn (words[i], "*"));
      g_autoptr(CeTopic) topic = ce_topic_new (name, ce_topic_palette_get (i), terms);

      g_assert_true (ce_topics_save (corpus, topic, &error));
      g_assert_no_error (error);
    }
}

static void
test_contrast (void)
{
  g_autofree char *jsonl = ce_test_sample_path ("sample.jsonl");
  g_autofree char *path = g_build_filename (tmp_dir, "sample.corpus", NULL);
  g_autoptr(CeImportReport) report = ce_test_import_file (path, jsonl);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CeChartView *view;
  CeWindow *window;

  add_topics (path);
  window = ce_test_ui_new_window (app, 1400, 900);
  g_assert_true (ce_test_ui_open_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (ce_test_ui_settle (window));

  /* The list */
  set_style (TRUE, FALSE);
  check_list (window, "list-dark.png");
  set_style (FALSE, TRUE);
  check_list (window, "list-high-contrast.png");
  set_style (TRUE, TRUE);
  check_list (window, "list-high-contrast-dark.png");

  /* The chart: eight topics in every colour of the palette, by place */
  view = ce_test_ui_window_child (window, "chart_view");
  adw_view_stack_set_visible_child_name (ce_test_ui_window_child (window, "view_stack"), "chart");
  g_assert_true (ce_test_ui_wait_until (counted, view, 30));
  gtk_drop_down_set_selected (ce_test_ui_child (view, CE_TYPE_CHART_VIEW, "kind_dropdown"), CE_PLOT_BARS);
  /* By place: wide bars */
  gtk_drop_down_set_selected (ce_test_ui_child (view, CE_TYPE_CHART_VIEW, "grouping_dropdown"), 7);
  g_assert_true (ce_test_ui_settle (window));
  g_assert_true (ce_test_ui_wait_until (counted, view, 30));
  g_assert_cmpint (ce_count_table_get_group_by (ce_chart_view_get_table (view)), ==, CE_GROUP_PLACE);
  g_assert_cmpuint (ce_chart_model_get_n_series (ce_chart_view_get_model (view)), ==, 8);

  set_style (TRUE, FALSE);
  check_chart (window, view, "chart-dark.png");
  set_style (TRUE, TRUE);
  check_chart (window, view, "chart-high-contrast-dark.png");
  /* On white, yellow, orange and sky blue are too faint to stand out
   * without their edge */
  set_style (FALSE, TRUE);
  g_assert_cmpuint (check_chart (window, view, "chart-high-contrast.png"), >, 0);

  set_style (FALSE, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  ce_test_ui_iterate ();
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

  g_test_add_func ("/corpus-explorer/appearance/cjk-reader", test_cjk_reader);
  g_test_add_func ("/corpus-explorer/appearance/contrast", test_contrast);

  ret = g_test_run ();
  g_clear_object (&app);
  ce_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
