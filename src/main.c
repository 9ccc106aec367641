/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ce-application.h"
#include "ce-cli.h"

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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CeApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Subcommands, --help and --version never need a display, so they are
   * handled before GTK is initialised. */
  if (ce_cli_handles (argc, argv))
    return ce_cli_run (argc, argv);

  add_own_data_dir ();
  app = ce_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
