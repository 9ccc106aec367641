/* ce-test-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ce-analysis-view.h"
#include "ce-chart-view.h"
#include "ce-contexts-view.h"
#include "ce-document-list.h"
#include "ce-reader-view.h"
#include "ce-test-ui.h"

char *
ce_test_ui_init_data_home (void)
{
  char *dir = ce_test_make_dir ("ce-ui");
  g_autofree char *data_home = g_build_filename (dir, "data", NULL);

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  return dir;
}

gboolean
ce_test_ui_init (int    *argc,
                 char ***argv)
{
  g_test_init (argc, argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return FALSE;
    }
  adw_init ();

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  return TRUE;
}

CeApplication *
ce_test_ui_new_application (void)
{
  g_autoptr(GError) error = NULL;
  CeApplication *app = ce_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  return app;
}

CeWindow *
ce_test_ui_new_window (CeApplication *app,
                       int            width,
                       int            height)
{
  CeWindow *window = ce_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  ce_test_ui_iterate ();

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  return window;
}

gpointer
ce_test_ui_child (gpointer    widget,
                           GType       type,
                           const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

gpointer
ce_test_ui_window_child (CeWindow   *window,
                         const char *name)
{
  return ce_test_ui_child (window, CE_TYPE_WINDOW, name);
}

void
ce_test_ui_iterate (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Runs the main loop for @ms milliseconds, so frames get drawn */
void
ce_test_ui_run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  ce_test_ui_iterate ();
}

/* Waits up to @seconds for @done to hold, drawing frames meanwhile */
gboolean
ce_test_ui_wait_until (gboolean (*done) (gpointer),
                       gpointer   data,
                       guint      seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }

  return TRUE;
}

static gboolean
window_is_idle (gpointer data)
{
  CeWindow *window = data;
  CeDocumentList *list = ce_test_ui_window_child (window, "document_list");
  CeDocumentListModel *model = ce_document_list_get_model (list);
  CeReaderView *reader = ce_test_ui_window_child (window, "reader");

  return !ce_document_list_model_is_loading (model) &&
         !ce_document_list_model_is_filling (model) &&
         !ce_reader_view_is_loading (reader);
}

gboolean
ce_test_ui_wait_idle (CeWindow *window)
{
  return ce_test_ui_wait_until (window_is_idle, window, 30);
}

/* Nothing of the window is read in a worker or waits in the main
 * context: the list and its counts, the reader, the chart, the contexts
 * and the analysis view shown */
static gboolean
window_is_settled (gpointer data)
{
  CeWindow *window = data;
  CeDocumentList *list = ce_test_ui_window_child (window, "document_list");
  CeChartView *chart = ce_test_ui_window_child (window, "chart_view");
  CeAnalysisView *analysis = ce_test_ui_window_child (window, "analysis_view");
  AdwViewStack *pages = ce_test_ui_window_child (window, "view_stack");
  /* A view that is not shown waits to be shown before it reads */
  const char *shown = g_strcmp0 (adw_view_stack_get_visible_child_name (pages), "analysis") == 0
                      ? ce_analysis_view_get_shown (analysis) : NULL;

  return !g_main_context_pending (NULL) &&
         !ce_window_is_opening (window) &&
         window_is_idle (window) &&
         !ce_document_list_model_is_counting (ce_document_list_get_model (list)) &&
         !ce_chart_view_is_counting (chart) &&
         (shown == NULL || !ce_analysis_view_is_busy (analysis, shown));
}

gboolean
ce_test_ui_settle (CeWindow *window)
{
  /* What a frame lays out may start more work: wait again after it */
  return ce_test_ui_wait_until (window_is_settled, window, 30) &&
         ce_test_ui_wait_frames (GTK_WIDGET (window), 2) &&
         ce_test_ui_wait_until (window_is_settled, window, 30);
}

static gboolean
has_n_items (gpointer data)
{
  gpointer *wait = data;

  return g_list_model_get_n_items (wait[0]) == GPOINTER_TO_UINT (wait[1]);
}

gboolean
ce_test_ui_wait_n_items (gpointer model,
                         guint    n_items)
{
  gpointer wait[2] = { model, GUINT_TO_POINTER (n_items) };

  return ce_test_ui_wait_until (has_n_items, wait, 10);
}

static gpointer
noop_func (CeCorpus      *corpus,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  return GINT_TO_POINTER (1);
}

static void
noop_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;

  ce_session_write_finish (CE_SESSION (object), result, NULL);
  *done = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *)data;
}

gboolean
ce_test_ui_wait_writes (CeWindow *window)
{
  gboolean done = FALSE;

  /* The writer runs one write at a time in order, and their callbacks
   * run in order: a write asked for now is done after all the others */
  ce_session_write_async (ce_window_get_session (window), noop_func, NULL, NULL, NULL, NULL,
                          noop_done_cb, &done);
  return ce_test_ui_wait_until (is_true, &done, 30) && ce_test_ui_settle (window);
}

typedef struct
{
  GType      type;
  GtkWindow *parent;
  GtkWindow *found;
} ToplevelWait;

static gboolean
toplevel_shown (gpointer data)
{
  ToplevelWait *wait = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && wait->found == NULL; i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, wait->type) &&
          (wait->parent == NULL || gtk_window_get_transient_for (toplevel) == wait->parent) &&
          gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
        wait->found = toplevel;
    }

  return wait->found != NULL;
}

gpointer
ce_test_ui_wait_toplevel (GType      type,
                          GtkWindow *parent)
{
  ToplevelWait wait = { type, parent, NULL };

  g_assert_true (ce_test_ui_wait_until (toplevel_shown, &wait, 10));
  g_assert_true (ce_test_ui_wait_frames (GTK_WIDGET (wait.found), 2));
  return wait.found;
}

typedef struct
{
  CeDocumentListModel *model;
  char                *text;
} SearchWait;

static gboolean
search_applied (gpointer data)
{
  SearchWait *wait = data;

  return g_strcmp0 (ce_document_list_model_get_search (wait->model), wait->text) == 0;
}

gboolean
ce_test_ui_search (CeWindow   *window,
                   const char *text)
{
  CeDocumentList *list = ce_test_ui_window_child (window, "document_list");
  GtkEditable *entry = ce_test_ui_window_child (window, "search_entry");
  SearchWait wait = { ce_document_list_get_model (list), g_strstrip (g_strdup (text)) };
  gboolean done;

  if (*wait.text == 0)
    g_clear_pointer (&wait.text, g_free);

  if (*text != 0)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  gtk_editable_set_text (entry, text);
  /* The entry reports the change after a short pause of its own */
  done = ce_test_ui_wait_until (search_applied, &wait, 10) && ce_test_ui_settle (window);
  g_free (wait.text);

  return done;
}

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  guint *frames = user_data;

  (*frames)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
frames_done (gpointer data)
{
  guint *frames = data;

  return frames[0] >= frames[1];
}

gboolean
ce_test_ui_wait_frames (GtkWidget *widget,
                        guint      n_frames)
{
  guint frames[2] = { 0, n_frames };
  guint id = gtk_widget_add_tick_callback (widget, count_frame_cb, frames, NULL);
  gboolean done;

  gtk_widget_queue_draw (widget);
  done = ce_test_ui_wait_until (frames_done, frames, 10);
  gtk_widget_remove_tick_callback (widget, id);

  return done;
}

gboolean
ce_test_ui_list_loaded (gpointer model)
{
  return !ce_document_list_model_is_loading (model);
}

typedef struct
{
  GAsyncResult *result;
} OpenWait;

static void
open_file_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  OpenWait *wait = user_data;

  wait->result = g_object_ref (result);
}

static gboolean
open_file_done (gpointer data)
{
  OpenWait *wait = data;

  return wait->result != NULL;
}

gboolean
ce_test_ui_open_file (CeWindow  *window,
                      GFile     *file,
                      GError   **error)
{
  OpenWait wait = { NULL };
  gboolean opened;

  ce_window_open_corpus_async (window, file, open_file_cb, &wait);
  g_assert_true (ce_test_ui_wait_until (open_file_done, &wait, 30));
  opened = ce_window_open_corpus_finish (window, wait.result, error);
  g_object_unref (wait.result);

  return opened;
}

CeWindow *
ce_test_ui_open_window (CeApplication *app,
                        const char    *path,
                        int            width,
                        int            height)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CeWindow *window = ce_test_ui_new_window (app, width, height);
  CeDocumentList *list = ce_test_ui_window_child (window, "document_list");

  g_assert_true (ce_test_ui_open_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (ce_test_ui_wait_until (ce_test_ui_list_loaded, ce_document_list_get_model (list), 10));
  g_assert_true (ce_test_ui_settle (window));

  return window;
}

gboolean
ce_test_ui_wait_drawn (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  ce_test_ui_iterate ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_mapped (toplevel) && !ce_test_ui_wait_frames (toplevel, 2))
        return FALSE;
    }

  return TRUE;
}

void
ce_test_ui_set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  /* Every window shown draws in the new colours */
  g_assert_true (ce_test_ui_wait_drawn ());
}

GtkWidget *
ce_test_ui_find_named (GtkWidget  *widget,
                       const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ce_test_ui_find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

CeDocument *
ce_test_ui_get_row (CeWindow *window,
                    guint     position)
{
  CeDocumentList *list = ce_test_ui_window_child (window, "document_list");
  GListModel *model = G_LIST_MODEL (ce_document_list_get_model (list));
  g_autoptr(CeDocument) first = g_list_model_get_item (model, position);

  /* A row not read yet is a placeholder until its summary arrives */
  g_assert_true (ce_test_ui_wait_idle (window));
  return g_list_model_get_item (model, position);
}

CeCorpus *
ce_test_ui_open_corpus (CeWindow *window)
{
  g_autoptr(GError) error = NULL;
  CeCorpus *corpus;

  ce_test_store_begin ();
  corpus = ce_corpus_open (ce_session_get_path (ce_window_get_session (window)),
                           CE_CORPUS_OPEN_READ_ONLY, &error);
  ce_test_store_end ();
  g_assert_no_error (error);

  return corpus;
}

char *
ce_test_ui_screenshot_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_current_dir (), "screenshots", NULL);

  g_mkdir_with_parents (dir, 0755);
  return g_build_filename (dir, name, NULL);
}

static GskRenderNode *
snapshot_widget (GtkWidget *widget,
                 int        width,
                 int        height)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  return gtk_snapshot_free_to_node (snapshot);
}

/* Renders @widget as last drawn, saves it as screenshots/@name and
 * returns its pixels (CAIRO_FORMAT_ARGB32: B, G, R, A bytes on this
 * machine, @width * 4 bytes a row) */
guchar *
ce_test_ui_screenshot_pixels (GtkWidget  *widget,
                              const char *name,
                              int        *out_width,
                              int        *out_height)
{
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  g_autofree char *path = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gboolean uniform = TRUE;
  guint32 first;

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  /* The paintable shows what was last drawn: nothing until a frame has
   * been painted since the widget was mapped */
  while ((node = snapshot_widget (widget, width, height)) == NULL &&
         g_get_monotonic_time () < end)
    g_assert_true (ce_test_ui_wait_frames (widget, 1));
  g_assert_nonnull (node);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  path = ce_test_ui_screenshot_path (name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);

  pixels = g_malloc ((gsize)width * height * 4);
  gdk_texture_download (texture, pixels, width * 4);
  first = ((guint32 *)(gpointer)pixels)[0];
  for (gsize i = 1; i < (gsize)width * height && uniform; i++)
    uniform = ((guint32 *)(gpointer)pixels)[i] == first;
  g_assert_false (uniform);

  if (out_width != NULL)
    *out_width = width;
  if (out_height != NULL)
    *out_height = height;
  return g_steal_pointer (&pixels);
}

void
ce_test_ui_screenshot (GtkWidget  *widget,
                       const char *name)
{
  g_free (ce_test_ui_screenshot_pixels (widget, name, NULL, NULL));
}
