/* ce-plot-ticks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-plot"

#include "config.h"

#include <langinfo.h>
#include <math.h>
#include <string.h>

#include "ce-plot-private.h"

/* Steps of 1, 2 and 5 times a power of ten, the ones a reader adds up in
 * their head. */
static double
nice_step_at_least (double rough)
{
  static const double mantissas[] = { 1, 2, 5, 10 };
  double magnitude;

  if (!(rough > 0) || isinf (rough))
    return 1;

  magnitude = pow (10, floor (log10 (rough)));
  for (guint i = 0; i < G_N_ELEMENTS (mantissas); i++)
    if (mantissas[i] * magnitude >= rough * (1 - 1e-9))
      return mantissas[i] * magnitude;

  return 10 * magnitude;
}

static double
next_nice_step (double step)
{
  return nice_step_at_least (step * 1.0001);
}

/**
 * ce_plot_nice_ticks:
 * @min: the smallest value to show
 * @max: the largest value to show
 * @max_ticks: the most ticks there is room for (at least 2)
 * @first: (out): the first tick, at or below @min
 * @step: (out): the distance between ticks, 1, 2 or 5 times a power of ten
 *
 * Finds the finest 1-2-5 step whose ticks cover [@min, @max] in at most
 * @max_ticks ticks.
 *
 * Returns: the number of ticks; the last one is @first + (n - 1) * @step,
 *   at or above @max
 */
guint
ce_plot_nice_ticks (double  min,
                    double  max,
                    guint   max_ticks,
                    double *first,
                    double *step)
{
  double s;
  double lo;
  double hi;
  guint n;

  g_return_val_if_fail (first != NULL, 0);
  g_return_val_if_fail (step != NULL, 0);

  if (isnan (min) || isnan (max) || isinf (min) || isinf (max))
    min = max = 0;
  if (min > max)
    {
      double tmp = min;
      min = max;
      max = tmp;
    }
  if (max == min)
    {
      /* A flat series still gets an axis around it. */
      if (max == 0)
        max = 1;
      else if (min > 0)
        min = 0;
      else
        max = 0;
    }

  max_ticks = MAX (max_ticks, 2);
  s = nice_step_at_least ((max - min) / (max_ticks - 1));

  for (;;)
    {
      lo = floor (min / s + 1e-9) * s;
      hi = ceil (max / s - 1e-9) * s;
      n = (guint)llround ((hi - lo) / s) + 1;
      if (n <= max_ticks)
        break;
      s = next_nice_step (s);
    }

  /* -0 prints as "-0". */
  *first = lo == 0 ? 0 : lo;
  *step = s;

  return n;
}

/**
 * _ce_plot_localize_number:
 * @ascii: a number as g_ascii_formatd() writes it ("-12345.5")
 *
 * Writes a number the way the user's locale does: the locale's decimal
 * point and its thousands separator every three digits.  A locale without
 * a thousands separator (C, POSIX) gets a comma, so labels stay readable.
 *
 * Returns: (transfer full): the text
 */
char *
_ce_plot_localize_number (const char *ascii)
{
  GString *out = g_string_new (NULL);
  const char *radix = nl_langinfo (RADIXCHAR);
  const char *thousands = nl_langinfo (THOUSEP);
  const char *p = ascii;
  const char *end;
  gsize int_len;

  if (radix == NULL || *radix == '\0')
    radix = ".";
  if (thousands == NULL || *thousands == '\0')
    thousands = ",";

  if (*p == '-')
    g_string_append_c (out, *p++);

  end = p;
  while (g_ascii_isdigit (*end))
    end++;
  int_len = end - p;

  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append (out, thousands);
      g_string_append_c (out, p[i]);
    }
  if (*end == '.')
    {
      g_string_append (out, radix);
      end++;
    }
  g_string_append (out, end);

  return g_string_free (out, FALSE);
}

static guint
decimals_for_step (double step)
{
  double digits = -floor (log10 (step) + 1e-9);

  return (guint)CLAMP (digits, 0, 10);
}

/**
 * ce_plot_format_tick:
 * @value: the tick's value
 * @step: the distance between ticks
 * @percent: whether values are fractions shown as percentages
 *
 * Formats a tick label with just the decimals the step needs, thousands
 * grouped and the decimal point as the locale writes them
 * (_ce_plot_localize_number()), and k/M suffixes for large numbers.
 *
 * Returns: (transfer full): the label
 */
char *
ce_plot_format_tick (double   value,
                     double   step,
                     gboolean percent)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[16];
  const char *suffix = "";

  if (isnan (value))
    return g_strdup ("");

  if (!(step > 0))
    step = 1;

  if (fabs (value) < step * 1e-6)
    value = 0;

  /* The suffix follows the step, so one axis never mixes "900k" and "1.2M". */
  if (percent)
    {
      value *= 100;
      step *= 100;
      suffix = "%";
    }
  else if (value == 0)
    return g_strdup ("0");
  else if (step >= 1e5)
    {
      value /= 1e6;
      step /= 1e6;
      suffix = "M";
    }
  else if (step >= 2e3)
    {
      value /= 1e3;
      step /= 1e3;
      suffix = "k";
    }

  g_snprintf (format, sizeof format, "%%.%uf", decimals_for_step (step));
  g_ascii_formatd (buffer, sizeof buffer, format, value);

  {
    g_autofree char *grouped = _ce_plot_localize_number (buffer);

    return g_strconcat (grouped, suffix, NULL);
  }
}
