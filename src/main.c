/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ce-application.h"
#include "ce-cli.h"

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

  app = ce_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
