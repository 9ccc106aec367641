/* ce-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "ce-importer.h"
#include "ce-test-util.h"

/**
 * ce_test_shared_dump_path:
 *
 * Returns: the path of the shared raw dump, or %NULL when this checkout
 *   has no ../shared beside it; under CI (where it is always there) a
 *   missing dump is an error, not a skip
 */
char *
ce_test_shared_dump_path (void)
{
  const char *shared = g_getenv ("CE_SHARED_DIR");
  g_autofree char *path = NULL;

  path = g_build_filename (shared ? shared : CE_TEST_SOURCE_DIR "/../shared",
                           "corpora", "000_d9bdcb0313118baf.txt", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (g_getenv ("CI") != NULL)
        g_error ("The shared corpus is missing: %s", path);
      return NULL;
    }

  return g_steal_pointer (&path);
}

char *
ce_test_sample_path (const char *name)
{
  return g_build_filename (CE_TEST_SOURCE_DIR, "data", "sample", name, NULL);
}

char *
ce_test_make_dir (const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpl = g_strconcat (prefix, "-XXXXXX", NULL);
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

void
ce_test_remove_tree (const char *path)
{
  if (path == NULL)
    return;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          ce_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_remove (path);
    }
}

char *
ce_test_import (const char *dir,
                const char *name,
                const char *source)
{
  g_autofree char *file = g_strconcat (name, ".corpus", NULL);
  char *corpus = g_build_filename (dir, file, NULL);
  g_autoptr(CeImporter) importer = ce_importer_new (corpus, NULL);
  g_autoptr(CeImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  ce_importer_add_path (importer, source);
  report = ce_importer_run (importer, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->documents_added + report->duplicates, >, 0);

  return corpus;
}
