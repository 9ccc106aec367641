/* ce-cli.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean ce_cli_handles (int    argc,
                         char **argv);
int      ce_cli_run     (int    argc,
                         char **argv);

G_END_DECLS
