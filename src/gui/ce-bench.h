/* ce-bench.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ce-window.h"

G_BEGIN_DECLS

void _ce_bench_attach (CeWindow *window);

G_END_DECLS
