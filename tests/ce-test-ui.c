/* ce-test-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ce-test-ui.h"

char *
ce_test_ui_init_data_home (void)
{
  char *dir = ce_test_make_dir ("ce-ui");
  g_autofree char *data_home = g_build_filename (dir, "data", NULL);

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  return dir;
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

void
ce_test_ui_screenshot (GtkWidget  *widget,
                       const char *name)
{
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  g_autofree char *dir = NULL;
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
    {
      gtk_widget_queue_draw (widget);
      ce_test_ui_run_for (20);
    }
  g_assert_nonnull (node);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  dir = g_build_filename (g_get_current_dir (), "screenshots", NULL);
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);

  pixels = g_malloc ((gsize)width * height * 4);
  gdk_texture_download (texture, pixels, width * 4);
  first = ((guint32 *)(gpointer)pixels)[0];
  for (gsize i = 1; i < (gsize)width * height && uniform; i++)
    uniform = ((guint32 *)(gpointer)pixels)[i] == first;
  g_assert_false (uniform);
}
