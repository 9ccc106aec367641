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
  ce_test_ui_run_for (30);
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

static void
press_keyval (GtkWindow       *window,
              guint            keyval,
              GdkModifierType  mods)
{
  Display *dpy = x_display ();

  g_assert_nonnull (dpy);

  if (window != NULL && !gtk_window_is_active (window))
    ce_test_keys_focus (window);

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
  ce_test_ui_run_for (20);
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
  ce_test_ui_run_for (50);
}
