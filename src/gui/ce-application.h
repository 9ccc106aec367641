/* ce-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CE_TYPE_APPLICATION (ce_application_get_type ())
G_DECLARE_FINAL_TYPE (CeApplication, ce_application, CE, APPLICATION, AdwApplication)

CeApplication *ce_application_new          (void);
GSettings     *ce_application_get_settings (CeApplication *self);

G_END_DECLS
