/* ce-test-ui.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the UI test programs (suite "ui", under Xvfb).
 */

#pragma once

#include <gtk/gtk.h>

#include "ce-test-util.h"

G_BEGIN_DECLS

/* Sets XDG_DATA_HOME to a fresh folder, so corpora created by the app
 * stay in it; call first thing in main(), before GLib caches it. */
char    *ce_test_ui_init_data_home (void);
void     ce_test_ui_iterate        (void);
void     ce_test_ui_run_for        (guint             ms);
gboolean ce_test_ui_wait_until     (gboolean        (*done) (gpointer),
                                    gpointer          data,
                                    guint             seconds);
/* Renders the mapped @widget to screenshots/@name in the current folder
 * and checks the picture is not one flat colour. */
void     ce_test_ui_screenshot     (GtkWidget        *widget,
                                    const char       *name);

G_END_DECLS
