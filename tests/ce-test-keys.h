/* ce-test-keys.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real key presses for UI tests: the X server's XTEST extension sends them,
 * so they travel the same way a keyboard's do (focus, shortcuts,
 * mnemonics, key bindings).  Only on an X11 display (Xvfb).
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Whether key presses can be sent: an X11 display with XTEST */
gboolean ce_test_keys_available (void);
/* Gives @window the keyboard focus of the X server */
void     ce_test_keys_focus     (GtkWindow  *window);
/* Presses and releases @accelerator ("<Control>f", "F3", "Return") in
 * @window, with Shift added where the key's symbol needs it */
void     ce_test_keys_press     (GtkWindow  *window,
                                 const char *accelerator);
/* Types @text (ASCII) into @window, key by key */
void     ce_test_keys_type      (GtkWindow  *window,
                                 const char *text);

G_END_DECLS
