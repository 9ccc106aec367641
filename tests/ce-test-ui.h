/* ce-test-ui.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the UI test programs (suite "ui", under Xvfb).
 */

#pragma once

#include <gtk/gtk.h>

#include "ce-application.h"
#include "ce-test-util.h"
#include "ce-window.h"

G_BEGIN_DECLS

/* Sets XDG_DATA_HOME to a fresh folder, so corpora created by the app
 * stay in it; call first thing in main(), before GLib caches it. */
char          *ce_test_ui_init_data_home  (void);
/* g_test_init (), then GTK and libadwaita with animations off, so that
 * screenshots show pages, not cross-fades between them.  Without a
 * display it marks the run skipped and returns FALSE: main() then
 * returns g_test_run (). */
gboolean       ce_test_ui_init            (int              *argc,
                                           char           ***argv);
/* The application, registered without D-Bus uniqueness so that windows
 * can be added */
CeApplication *ce_test_ui_new_application (void);
/* A new window of @app at that size, presented, drawn and mapped */
CeWindow      *ce_test_ui_new_window      (CeApplication    *app,
                                           int               width,
                                           int               height);
/* The template child @name of @widget's class @type, which must exist */
gpointer       ce_test_ui_child           (gpointer          widget,
                                           GType             type,
                                           const char       *name);
gpointer       ce_test_ui_window_child    (CeWindow         *window,
                                           const char       *name);
void           ce_test_ui_iterate         (void);
void           ce_test_ui_run_for         (guint             ms);
gboolean       ce_test_ui_wait_until      (gboolean        (*done) (gpointer),
                                           gpointer          data,
                                           guint             seconds);
/* Waits until the window reads nothing in its workers: the list's rows
 * and their summaries, the reader's document and highlights */
gboolean       ce_test_ui_wait_idle       (CeWindow         *window);
/* Waits until nothing of @window is read in a worker or waits in the
 * main context (the list, its counts, the reader, the chart, the
 * analysis view shown), and two frames are drawn */
gboolean       ce_test_ui_settle          (CeWindow         *window);
/* Waits until @model (a GListModel) has @n_items items */
gboolean       ce_test_ui_wait_n_items    (gpointer          model,
                                           guint             n_items);
/* Waits until the writes @window's session was asked for so far are
 * done and their callbacks ran, then until the window settled */
gboolean       ce_test_ui_wait_writes     (CeWindow         *window);
/* Waits until a window of @type, transient for @parent (unless %NULL),
 * is shown and drawn, and returns it (transfer none) */
gpointer       ce_test_ui_wait_toplevel   (GType             type,
                                           GtkWindow        *parent);
/* Types @text in @window's search entry, waits until the list searches
 * for it and the window has settled */
gboolean       ce_test_ui_search          (CeWindow         *window,
                                           const char       *text);
/* Waits until @widget's frame clock has drawn @n_frames frames: what
 * changed is laid out and painted */
gboolean       ce_test_ui_wait_frames     (GtkWidget        *widget,
                                           guint             n_frames);
/* A predicate for ce_test_ui_wait_until (): the document list model
 * @model has its ids */
gboolean       ce_test_ui_list_loaded     (gpointer          model);
/* Opens @file in @window through ce_window_open_corpus_async () and
 * waits for the result */
gboolean       ce_test_ui_open_file       (CeWindow         *window,
                                           GFile            *file,
                                           GError          **error);
/* A new window of @app at that size showing the corpus at @path, its
 * list loaded */
CeWindow      *ce_test_ui_open_window     (CeApplication    *app,
                                           const char       *path,
                                           int               width,
                                           int               height);
/* Waits until every window shown has drawn two frames: a change of
 * style or of settings is laid out and painted */
gboolean       ce_test_ui_wait_drawn      (void);
/* Forces the dark (or light) style and lets the window restyle */
void           ce_test_ui_set_dark        (gboolean          dark);
/* The first widget in @widget's tree, @widget included, whose name is
 * @name, or %NULL */
GtkWidget     *ce_test_ui_find_named      (GtkWidget        *widget,
                                           const char       *name);
/* The list's row at @position, its summary read */
CeDocument    *ce_test_ui_get_row         (CeWindow         *window,
                                           guint             position);
/* A read-only connection of the test's own to the corpus @window
 * shows; statements through it go between ce_test_store_begin () and
 * ce_test_store_end () */
CeCorpus      *ce_test_ui_open_corpus     (CeWindow         *window);
/* screenshots/@name in the current folder, which it creates */
char          *ce_test_ui_screenshot_path (const char       *name);
/* Renders the mapped @widget to ce_test_ui_screenshot_path (@name) and
 * checks the picture is not one flat colour. */
void           ce_test_ui_screenshot      (GtkWidget        *widget,
                                           const char       *name);
/* The same, returning the pixels: ARGB32 words, @width a row */
guchar        *ce_test_ui_screenshot_pixels (GtkWidget      *widget,
                                           const char       *name,
                                           int              *width,
                                           int              *height);

G_END_DECLS
