/* ce-corrections-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ce-corrections.h"

G_BEGIN_DECLS

/* Called by the importer inside its transaction, once the documents of
 * one file are stored: makes again the corrections recorded for a file
 * with this checksum, in the order they were first made, on the
 * documents this import added from it (source_id).  A part that is
 * already in the corpus is not added twice, so importing a corrected
 * file again adds nothing.  @delta is the change in the number of
 * documents. */
gboolean _ce_corrections_apply (CeCorpus    *corpus,
                                gint64       source_id,
                                const char  *checksum,
                                int         *delta,
                                GError     **error);

G_END_DECLS
