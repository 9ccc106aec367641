/* ce-color.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-color"

#include "config.h"

#include <math.h>
#include <string.h>

#include "ce-color.h"

/**
 * ce_color_parse:
 * @color: (out): the colour
 * @spec: "#rrggbb" or "#rrggbbaa"
 *
 * Returns: %TRUE when @spec was understood
 */
gboolean
ce_color_parse (CeColor    *color,
                const char *spec)
{
  guint values[4] = { 0, 0, 0, 255 };
  gsize len;

  g_return_val_if_fail (color != NULL, FALSE);

  if (spec == NULL || spec[0] != '#')
    return FALSE;

  len = strlen (spec + 1);
  if (len != 6 && len != 8)
    return FALSE;

  for (guint i = 0; i < len / 2; i++)
    {
      int hi = g_ascii_xdigit_value (spec[1 + 2 * i]);
      int lo = g_ascii_xdigit_value (spec[2 + 2 * i]);

      if (hi < 0 || lo < 0)
        return FALSE;
      values[i] = hi * 16 + lo;
    }

  color->red = values[0] / 255.;
  color->green = values[1] / 255.;
  color->blue = values[2] / 255.;
  color->alpha = values[3] / 255.;

  return TRUE;
}

char *
ce_color_to_string (const CeColor *color)
{
  g_return_val_if_fail (color != NULL, NULL);

  return g_strdup_printf ("#%02x%02x%02x",
                          (guint)CLAMP (color->red * 255. + .5, 0, 255),
                          (guint)CLAMP (color->green * 255. + .5, 0, 255),
                          (guint)CLAMP (color->blue * 255. + .5, 0, 255));
}

static double
linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
relative_luminance (const CeColor *color)
{
  return 0.2126 * linear (color->red) + 0.7152 * linear (color->green) + 0.0722 * linear (color->blue);
}

/**
 * ce_color_contrast:
 *
 * Returns: the contrast ratio of @a and @b as WCAG 2 defines it: 1 for
 *   the same luminance, 21 for black on white.  Graphics need 3, text 4.5.
 */
double
ce_color_contrast (const CeColor *a,
                   const CeColor *b)
{
  double la, lb;

  g_return_val_if_fail (a != NULL && b != NULL, 1);

  la = relative_luminance (a);
  lb = relative_luminance (b);
  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/**
 * ce_color_ensure_contrast:
 *
 * Mixes @color with @toward, a tenth at a time, until it stands out
 * from @background by @ratio: a bar's blue gets a lighter edge on a dark
 * background, a yellow one a darker edge on white.
 */
void
ce_color_ensure_contrast (CeColor       *color,
                          const CeColor *background,
                          const CeColor *toward,
                          double         ratio)
{
  CeColor start;

  g_return_if_fail (color != NULL && background != NULL && toward != NULL);

  start = *color;
  for (guint step = 1; step <= 10 && ce_color_contrast (color, background) < ratio; step++)
    {
      double t = step / 10.;

      color->red = start.red + (toward->red - start.red) * t;
      color->green = start.green + (toward->green - start.green) * t;
      color->blue = start.blue + (toward->blue - start.blue) * t;
    }
}
