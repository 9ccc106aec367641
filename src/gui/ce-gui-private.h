/* ce-gui-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ce-corpus.h"

G_BEGIN_DECLS

/* How many corpora the recent list keeps */
#define _CE_RECENT_MAX 10

/* Makes a label's mnemonic (Alt+letter) focus @dropdown, which GTK 4.8's
 * drop-down cannot take by itself */
void     _ce_drop_down_take_mnemonic (gpointer dropdown);

gboolean _ce_file_is_corpus   (GFile      *file);
void     _ce_recent_add       (GSettings  *settings,
                               const char *path);
void     _ce_recent_remove    (GSettings  *settings,
                               const char *path);
char    *_ce_path_for_display (const char *path);
char    *_ce_date_for_display (const char *iso);

G_END_DECLS
