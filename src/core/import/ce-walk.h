/* ce-walk.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A file found under the paths given to an import */
typedef struct
{
  char    *path;
  guint64  size;
} CeWalkFile;

void     ce_walk_file_free (CeWalkFile    *file);

/* Appends to @files (of CeWalkFile) the regular files at or under each of
 * the @n_paths @paths, in name order, skipping hidden names and corpus files.  Each folder and
 * each file is visited once, however many links lead to it, so a link back
 * to a folder above ends the walk instead of making it endless.  What
 * cannot be read is described in @skipped.  Returns FALSE with @error set
 * only when @cancellable was cancelled. */
gboolean ce_walk_collect   (const char   **paths,
                            guint          n_paths,
                            GPtrArray     *files,
                            GPtrArray     *skipped,
                            GCancellable  *cancellable,
                            GError       **error);

G_END_DECLS
