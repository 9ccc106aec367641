/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>
#include <locale.h>
#include <stdio.h>

#include "ce-cli.h"

typedef int (*CeGuiMain) (int argc, char *argv[]);

/* The window's module: beside the program in the build folder, in the
 * package's library folder once installed (found from the program's
 * own place first, as the window finds its data) */
static GModule *
open_gui_module (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *beside = NULL;
  g_autofree char *name = g_module_build_path (NULL, CE_GUI_MODULE);
  GModule *module;

  if (exe != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (exe);
      g_autofree char *prefix = g_path_get_dirname (dir);
      g_autofree char *relocated = g_build_filename (prefix, CE_GUI_MODULE_SUBDIR, name, NULL);

      beside = g_build_filename (dir, name, NULL);
      if (g_file_test (beside, G_FILE_TEST_EXISTS) &&
          (module = g_module_open (beside, G_MODULE_BIND_LOCAL)) != NULL)
        return module;

      /* Installed in a prefix other than the one it was built for (a
       * package being built, a copied tree) */
      if (g_file_test (relocated, G_FILE_TEST_EXISTS) &&
          (module = g_module_open (relocated, G_MODULE_BIND_LOCAL)) != NULL)
        return module;
    }

  {
    g_autofree char *installed = g_build_filename (CE_GUI_MODULE_DIR, name, NULL);

    module = g_module_open (installed, G_MODULE_BIND_LOCAL);
  }

  return module;
}

int
main (int   argc,
      char *argv[])
{
  GModule *module;
  CeGuiMain gui_main = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Subcommands, --help and --version never need a display: they are
   * handled without loading GTK at all */
  if (ce_cli_handles (argc, argv))
    return ce_cli_run (argc, argv);

  module = open_gui_module ();
  if (module == NULL || !g_module_symbol (module, "ce_gui_main", (gpointer *)&gui_main))
    {
      /* TRANSLATORS: %s says why the window's module could not be loaded */
      fprintf (stderr, _("Could not load the window of Corpus Explorer: %s\n"),
               g_module_error ());
      return 1;
    }

  /* The module stays loaded until the process ends */
  return gui_main (argc, argv);
}
