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

/* WCAG 2's contrast ratio of two opaque colours, from 1 to 21 */
double      ce_color_contrast     (const CeColor *a,
                                   const CeColor *b);
/* @color moved toward @toward until its contrast with @background
 * reaches @ratio (or it is @toward) */
void        ce_color_ensure_contrast (CeColor       *color,
                                      const CeColor *background,
                                      const CeColor *toward,
                                      double         ratio);

G_END_DECLS
