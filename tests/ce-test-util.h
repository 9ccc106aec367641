/* ce-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the test programs that need no display.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The real dump in ../shared/corpora; NULL when absent (CI aborts) */
char *ce_test_shared_dump_path (void);
char *ce_test_sample_path      (const char *name);
char *ce_test_make_dir         (const char *prefix);
void  ce_test_remove_tree      (const char *path);
/* Imports @source into @dir/@name.corpus with CeImporter */
char *ce_test_import           (const char *dir,
                                const char *name,
                                const char *source);

G_END_DECLS
