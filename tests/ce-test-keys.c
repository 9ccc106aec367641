/* ce-test-keys.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk/x11/gdkx.h>
#include <X11/XKBlib.h>
#include <X11/extensions/XTest.h>

#include "ce-test-keys.h"
#include "ce-test-ui.h"

static Display *
x_display (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  if (display == NULL || !GDK_IS_X11_DISPLAY (display))
    return NULL;

  return gdk_x11_display_get_xdisplay (display);
}

gboolean
ce_test_keys_available (void)
{
  Display *dpy = x_display ();
  int event_base, error_base, major, minor;

  return dpy != NULL && XTestQueryExtension (dpy, &event_base, &error_base, &major, &minor);
}

static gboolean
window_active (gpointer window)
{
  return gtk_window_is_active (window);
}

void
ce_test_keys_focus (GtkWindow *window)
{
  Display *dpy = x_display ();
  GdkSurface *surface;

  g_assert_nonnull (dpy);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));

  surface = gtk_native_get_surface (GTK_NATIVE (window));
  XRaiseWindow (dpy, gdk_x11_surface_get_xid (surface));
  XSetInputFocus (dpy, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  XSync (dpy, False);
  g_assert_true (ce_test_ui_wait_until (window_active, window, 10));
}

static void
send_key (Display *dpy,
          KeySym   sym,
          gboolean down)
{
  KeyCode code = XKeysymToKeycode (dpy, sym);

  if (code == 0)
    g_error ("No key on the keyboard map gives the symbol %s", XKeysymToString (sym));

  XTestFakeKeyEvent (dpy, code, down, CurrentTime);
}

/* Whether the symbol is on the shifted level of its key ("A", "?", "_") */
static gboolean
needs_shift (Display *dpy,
             KeySym   sym)
{
  KeyCode code = XKeysymToKeycode (dpy, sym);

  return code != 0 && XkbKeycodeToKeysym (dpy, code, 0, 0) != sym &&
         XkbKeycodeToKeysym (dpy, code, 0, 1) == sym;
}

/* The presses of one key that reached a window */
typedef struct
{
  guint keyval;
  guint seen;
} KeyWait;

static gboolean
on_key_event (GtkEventControllerLegacy *legacy,
              GdkEvent                 *event,
              gpointer                  user_data)
{
  KeyWait *wait = user_data;

  if (gdk_event_get_event_type (event) == GDK_KEY_PRESS &&
      gdk_keyval_to_lower (gdk_key_event_get_keyval (event)) == gdk_keyval_to_lower (wait->keyval))
    wait->seen++;

  return GDK_EVENT_PROPAGATE;
}

static gboolean
key_seen (gpointer data)
{
  return ((KeyWait *)data)->seen > 0;
}

/* Whether GDK has read every event the X server sent so far */
static gboolean
x_events_read (gpointer data)
{
  Display *dpy = data;

  XSync (dpy, False);
  return XPending (dpy) == 0;
}

/* @widget and the popovers open below it: where key events may land;
 * @natives holds a reference to each while the key is pressed */
static void
collect_natives (GtkWidget *widget,
                 GPtrArray *natives)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_NATIVE (widget))
    g_ptr_array_add (natives, g_object_ref (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_natives (child, natives);
}

static void
press_keyval (GtkWindow       *window,
              guint            keyval,
              GdkModifierType  mods)
{
  Display *dpy = x_display ();
  KeyWait wait = { keyval, 0 };
  g_autoptr(GPtrArray) natives = NULL;
  g_autoptr(GPtrArray) controllers = NULL;  /* one on each native */

  g_assert_nonnull (dpy);

  if (window != NULL && !gtk_window_is_active (window))
    ce_test_keys_focus (window);

  /* Sees the press before the window, or a popover open in it, handles
   * it; the wait below ends once the handling is done, as it runs in the
   * same dispatch */
  if (window != NULL)
    {
      natives = g_ptr_array_new_with_free_func (g_object_unref);
      controllers = g_ptr_array_new_with_free_func (g_object_unref);
      collect_natives (GTK_WIDGET (window), natives);
      for (guint i = 0; i < natives->len; i++)
        {
          GtkEventController *legacy = gtk_event_controller_legacy_new ();

          gtk_event_controller_set_propagation_phase (legacy, GTK_PHASE_CAPTURE);
          g_signal_connect (legacy, "event", G_CALLBACK (on_key_event), &wait);
          gtk_widget_add_controller (natives->pdata[i], g_object_ref (legacy));
          g_ptr_array_add (controllers, legacy);
        }
    }

  if (needs_shift (dpy, keyval))
    mods |= GDK_SHIFT_MASK;

  if (mods & GDK_CONTROL_MASK)
    send_key (dpy, XK_Control_L, TRUE);
  if (mods & GDK_ALT_MASK)
    send_key (dpy, XK_Alt_L, TRUE);
  if (mods & GDK_SHIFT_MASK)
    send_key (dpy, XK_Shift_L, TRUE);

  send_key (dpy, keyval, TRUE);
  send_key (dpy, keyval, FALSE);

  if (mods & GDK_SHIFT_MASK)
    send_key (dpy, XK_Shift_L, FALSE);
  if (mods & GDK_ALT_MASK)
    send_key (dpy, XK_Alt_L, FALSE);
  if (mods & GDK_CONTROL_MASK)
    send_key (dpy, XK_Control_L, FALSE);

  XSync (dpy, False);
  if (natives != NULL)
    {
      if (!ce_test_ui_wait_until (key_seen, &wait, 10))
        g_error ("The key %s did not reach the window", gdk_keyval_name (keyval));
      for (guint i = 0; i < natives->len; i++)
        gtk_widget_remove_controller (natives->pdata[i], controllers->pdata[i]);
    }
  g_assert_true (ce_test_ui_wait_until (x_events_read, dpy, 10));
  ce_test_ui_iterate ();
}

void
ce_test_keys_press (GtkWindow  *window,
                    const char *accelerator)
{
  guint keyval = 0;
  GdkModifierType mods = 0;

  if (!gtk_accelerator_parse (accelerator, &keyval, &mods) || keyval == 0)
    g_error ("Not an accelerator: %s", accelerator);

  press_keyval (window, keyval, mods);
}

void
ce_test_keys_type (GtkWindow  *window,
                   const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      guint keyval;

      g_assert_true (g_ascii_isprint (*p) || *p == '\n');
      keyval = *p == '\n' ? GDK_KEY_Return : gdk_unicode_to_keyval ((guchar)*p);
      press_keyval (window, keyval, 0);
    }
}
