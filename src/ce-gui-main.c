/* ce-gui-main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window, as a module of its own: main() loads it only when no
 * subcommand is given, so that the command line never loads GTK and
 * libadwaita (they take longer to load than a search takes).
 */

#include "config.h"

#include "ce-application.h"

int ce_gui_main (int   argc,
                 char *argv[]);

/* An installed copy finds its schema, icons and MIME type through
 * XDG_DATA_DIRS.  When it is installed in a prefix the desktop does not
 * search (~/.local, /opt/…, a package being built), the share folder
 * beside its bin folder goes first, so it runs from wherever it is. */
static void
add_own_data_dir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *bindir = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *datadir = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *dirs = NULL;
  const char *current;

  if (exe == NULL)
    return;

  bindir = g_path_get_dirname (exe);
  prefix = g_path_get_dirname (bindir);
  datadir = g_build_filename (prefix, "share", NULL);
  schema = g_build_filename (datadir, "glib-2.0", "schemas", "gschemas.compiled", NULL);
  if (!g_file_test (schema, G_FILE_TEST_EXISTS))
    return;

  current = g_getenv ("XDG_DATA_DIRS");
  if (current == NULL || *current == '\0')
    current = "/usr/local/share:/usr/share";
  dirs = g_strconcat (datadir, ":", current, NULL);
  g_setenv ("XDG_DATA_DIRS", dirs, TRUE);
}

/**
 * ce_gui_main:
 *
 * Runs the application's window; what main() calls when the command
 * line names no subcommand.
 *
 * Returns: the exit status
 */
int
ce_gui_main (int   argc,
             char *argv[])
{
  g_autoptr(CeApplication) app = NULL;

  add_own_data_dir ();
  app = ce_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
