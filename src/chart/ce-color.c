/* ce-color.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-color"

#include "config.h"

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
