/* ce-read-only-banner.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ce-session.h"

G_BEGIN_DECLS

#define CE_TYPE_READ_ONLY_BANNER (ce_read_only_banner_get_type ())
G_DECLARE_FINAL_TYPE (CeReadOnlyBanner, ce_read_only_banner, CE, READ_ONLY_BANNER, GtkWidget)

GtkWidget  *ce_read_only_banner_new         (void);
void        ce_read_only_banner_set_session (CeReadOnlyBanner *self,
                                             CeSession        *session);
gboolean    ce_read_only_banner_is_shown    (CeReadOnlyBanner *self);
const char *ce_read_only_banner_get_text    (CeReadOnlyBanner *self);

G_END_DECLS
