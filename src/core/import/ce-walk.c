/* ce-walk.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The files an import reads, found by walking folders.  Links are
 * followed, so each folder and file is remembered by its device and inode:
 * "d/up -> .." or "self -> ." must neither loop forever nor read a file
 * more than once.
 */

#define G_LOG_DOMAIN "ce-walk"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ce-corpus.h"
#include "ce-walk.h"

#define WALK_ATTRIBUTES \
  G_FILE_ATTRIBUTE_STANDARD_TYPE "," \
  G_FILE_ATTRIBUTE_STANDARD_SIZE "," \
  G_FILE_ATTRIBUTE_UNIX_DEVICE "," \
  G_FILE_ATTRIBUTE_UNIX_INODE

typedef struct
{
  GPtrArray    *files;
  GPtrArray    *skipped;
  GHashTable   *seen;  /* "device:inode" of folders and files visited */
  GCancellable *cancellable;
} Walk;

void
ce_walk_file_free (CeWalkFile *file)
{
  g_free (file->path);
  g_free (file);
}

static gboolean
is_skipped_name (const char *name)
{
  return name[0] == '.' ||
         g_str_has_suffix (name, CE_CORPUS_SUFFIX) ||
         g_str_has_suffix (name, CE_CORPUS_SUFFIX "-wal") ||
         g_str_has_suffix (name, CE_CORPUS_SUFFIX "-shm") ||
         g_str_has_suffix (name, CE_CORPUS_SUFFIX "-journal");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/* TRUE the first time the object @info describes is met */
static gboolean
first_visit (Walk      *walk,
             GFileInfo *info)
{
  char *key;

  /* Without inode numbers (some network file systems) nothing is known */
  if (!g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_UNIX_INODE))
    return TRUE;

  key = g_strdup_printf ("%u:%" G_GUINT64_FORMAT,
                         g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_DEVICE),
                         g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE));
  return g_hash_table_add (walk->seen, key);
}

static gboolean
walk_path (Walk        *walk,
           const char  *path,
           gboolean     top_level,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  GFileType type;

  if (g_cancellable_set_error_if_cancelled (walk->cancellable, error))
    return FALSE;

  info = g_file_query_info (file, WALK_ATTRIBUTES, G_FILE_QUERY_INFO_NONE,
                            walk->cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_ptr_array_add (walk->skipped, g_strdup_printf ("%s: %s", path, local_error->message));
      return TRUE;
    }

  type = g_file_info_get_file_type (info);
  if (type == G_FILE_TYPE_DIRECTORY)
    {
      g_autoptr(GFileEnumerator) children = NULL;
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      GFileInfo *child;

      if (!first_visit (walk, info))
        {
          if (top_level)
            g_ptr_array_add (walk->skipped,
                             g_strdup_printf (_("%s: a folder already read; skipped"), path));
          else
            /* Translators: a folder reached again through a link */
            g_ptr_array_add (walk->skipped,
                             g_strdup_printf (_("%s: a link to a folder already read; skipped"),
                                              path));
          return TRUE;
        }

      children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                            G_FILE_QUERY_INFO_NONE, walk->cancellable,
                                            &local_error);
      while (children != NULL &&
             (child = g_file_enumerator_next_file (children, walk->cancellable,
                                                   &local_error)) != NULL)
        {
          const char *name = g_file_info_get_name (child);

          if (!is_skipped_name (name))
            g_ptr_array_add (names, g_strdup (name));
          g_object_unref (child);
        }

      if (local_error != NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          g_ptr_array_add (walk->skipped,
                           g_strdup_printf ("%s: %s", path, local_error->message));
        }

      /* Files come in name order, so the corpus order is predictable */
      g_ptr_array_sort (names, compare_names);

      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *child_path = g_build_filename (path, g_ptr_array_index (names, i),
                                                          NULL);

          if (!walk_path (walk, child_path, FALSE, error))
            return FALSE;
        }
    }
  else if (type == G_FILE_TYPE_REGULAR)
    {
      CeWalkFile *entry;

      /* The same file by another name (a link, a hard link) is read once */
      if (!first_visit (walk, info))
        return TRUE;

      entry = g_new0 (CeWalkFile, 1);
      entry->path = g_strdup (path);
      entry->size = g_file_info_get_size (info);
      g_ptr_array_add (walk->files, entry);
    }
  else if (top_level)
    {
      g_ptr_array_add (walk->skipped,
                       g_strdup_printf (_("%s: not a regular file or folder"), path));
    }

  return TRUE;
}

gboolean
ce_walk_collect (const char   **paths,
                 guint          n_paths,
                 GPtrArray     *files,
                 GPtrArray     *skipped,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GHashTable) seen = NULL;
  Walk walk;

  g_return_val_if_fail (paths != NULL || n_paths == 0, FALSE);
  g_return_val_if_fail (files != NULL, FALSE);
  g_return_val_if_fail (skipped != NULL, FALSE);

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  walk.files = files;
  walk.skipped = skipped;
  walk.seen = seen;
  walk.cancellable = cancellable;

  for (guint i = 0; i < n_paths; i++)
    if (!walk_path (&walk, paths[i], TRUE, error))
      return FALSE;

  return TRUE;
}
