/* ce-association.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-association"

#include "config.h"

#include <math.h>

#include "ce-association.h"

static inline double
x_ln_x_over (double o,
             double e)
{
  return o > 0 && e > 0 ? o * log (o / e) : 0;
}

/**
 * ce_log_likelihood_2:
 * @a: occurrences of a word in the first set
 * @b: occurrences in the second set
 * @c: tokens in the first set
 * @d: tokens in the second set
 *
 * Log-likelihood G² of a word's frequency in two sets of text, as
 * Rayson and Garside (2000) compute it after Dunning (1993):
 * E1 = c (a + b) / (c + d), E2 = d (a + b) / (c + d),
 * G² = 2 (a ln (a / E1) + b ln (b / E2)).
 *
 * Returns: G², 0 or more
 */
double
ce_log_likelihood_2 (double a,
                     double b,
                     double c,
                     double d)
{
  double e1, e2;

  if (c + d <= 0)
    return 0;

  e1 = c * (a + b) / (c + d);
  e2 = d * (a + b) / (c + d);

  return 2 * (x_ln_x_over (a, e1) + x_ln_x_over (b, e2));
}

/**
 * ce_log_likelihood_22:
 *
 * Log-likelihood G² of a 2×2 table of observed counts (Dunning 1993):
 * 2 Σ O ln (O / E), each E from the row and column totals.  Negative
 * counts are taken as 0.
 *
 * Returns: G², 0 or more
 */
double
ce_log_likelihood_22 (double o11,
                      double o12,
                      double o21,
                      double o22)
{
  double r1, r2, c1, c2, n;

  o11 = MAX (o11, 0);
  o12 = MAX (o12, 0);
  o21 = MAX (o21, 0);
  o22 = MAX (o22, 0);

  r1 = o11 + o12;
  r2 = o21 + o22;
  c1 = o11 + o21;
  c2 = o12 + o22;
  n = r1 + r2;
  if (n <= 0)
    return 0;

  return 2 * (x_ln_x_over (o11, r1 * c1 / n) + x_ln_x_over (o12, r1 * c2 / n) +
              x_ln_x_over (o21, r2 * c1 / n) + x_ln_x_over (o22, r2 * c2 / n));
}

/**
 * ce_log_ratio:
 *
 * The effect size of a word's difference between two sets (Hardie
 * 2014): log2 ((a / c) / (b / d)), where a frequency of 0 counts as 0.5
 * so that a word missing from one side still gets a finite value.  One
 * unit is a doubling.
 *
 * Returns: the log ratio; positive when the first set uses it more
 */
double
ce_log_ratio (double a,
              double b,
              double c,
              double d)
{
  if (c <= 0 || d <= 0)
    return 0;

  return log2 ((MAX (a, 0.5) / c) / (MAX (b, 0.5) / d));
}

/**
 * ce_chi2_p_value:
 * @x: a value of a chi-square statistic with one degree of freedom
 *
 * Returns: the probability of @x or more by chance
 */
double
ce_chi2_p_value (double x)
{
  if (x <= 0)
    return 1;

  /* With one degree of freedom, chi-square is a squared normal */
  return erfc (sqrt (x / 2));
}

/**
 * ce_chi2_critical:
 * @alpha: a significance level, such as 0.05 divided by the number of
 *   words tested (Bonferroni)
 *
 * Returns: the value that a chi-square statistic with one degree of
 *   freedom (and so G²) exceeds with probability @alpha: 3.84 for 0.05,
 *   6.63 for 0.01, 10.83 for 0.001
 */
double
ce_chi2_critical (double alpha)
{
  double low = 0, high = 1;

  g_return_val_if_fail (alpha > 0 && alpha < 1, 0);

  while (ce_chi2_p_value (high) > alpha)
    high *= 2;

  /* p falls as x grows: halve the interval until it is tight */
  for (int i = 0; i < 200 && high - low > 1e-9 * high; i++)
    {
      double mid = (low + high) / 2;

      if (ce_chi2_p_value (mid) > alpha)
        low = mid;
      else
        high = mid;
    }

  return (low + high) / 2;
}
