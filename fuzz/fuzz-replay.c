/* fuzz-replay.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main() of a fuzz target outside libFuzzer: runs the target once on
 * each file named, or on each file in each folder named.  The test suite
 * replays the seeds and the crashes found so far this way, with any
 * compiler; `make fuzz` links the same targets with libFuzzer instead.
 */

#include "config.h"

#include <glib.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static guint n_inputs;

static void
replay_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, &error))
    g_error ("%s", error->message);

  LLVMFuzzerTestOneInput ((const uint8_t *)contents, len);
  n_inputs++;
}

static void
replay_path (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      replay_file (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_build_filename (path, name, NULL));

  for (guint i = 0; i < names->len; i++)
    replay_path (names->pdata[i]);
}

int
main (int   argc,
      char *argv[])
{
  for (int i = 1; i < argc; i++)
    replay_path (argv[i]);

  /* TAP, for meson test */
  g_print ("1..1\nok 1 %s: %u inputs replayed\n", g_get_prgname () ? g_get_prgname () : argv[0],
           n_inputs);
  return n_inputs > 0 ? 0 : 1;
}
