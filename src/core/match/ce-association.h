/* ce-association.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The measures that keywords, collocates and topic co-occurrence report,
 * each from plain counts so that a test can work them out by hand.
 * Logarithms of zero count as zero (x ln x -> 0). */

/* Called now and then by long computations: @done of @total steps */
typedef void (*CeProgressFunc) (guint    done,
                                guint    total,
                                gpointer user_data);

double ce_log_likelihood_2  (double a,
                             double b,
                             double c,
                             double d);
double ce_log_likelihood_22 (double o11,
                             double o12,
                             double o21,
                             double o22);
double ce_log_ratio         (double a,
                             double b,
                             double c,
                             double d);
double ce_chi2_critical     (double alpha);
double ce_chi2_p_value      (double x);

G_END_DECLS
