/* ce-color.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A colour without any GDK type, so the chart layer stays headless. */
typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} CeColor;

gboolean    ce_color_parse        (CeColor       *color,
                                   const char    *spec);
char       *ce_color_to_string    (const CeColor *color);

G_END_DECLS
