/* test-kill.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kill -9 in the middle of an import: a child process (the command line)
 * imports a generated file into a corpus that already holds documents,
 * and is killed with SIGKILL at a random moment of its run, again and
 * again.  After each kill the corpus passes SQLite's integrity check and
 * FTS5's, and holds exactly what it held before or the whole import.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "ce-test-sqlite.h"
#include "ce-test-util.h"

#define N_KILLS 24
#define N_DOCUMENTS 400

typedef struct
{
  gint64 documents;
  gint64 length;
  gint64 max_id;
} State;

static void
write_input (const char *path)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *words[] = { "harbour", "storm", "tariff", "ferry", "council", "budget", "river",
                          "election", "market", "coast", "minister", "steel", "grain", "port" };
  GRand *rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < N_DOCUMENTS; i++)
    {
      g_string_append_printf (text, "{\"title\": \"Report %u on the %s\", \"date\": \"2024-%02u-%02u\", "
                                    "\"text\": \"", i, words[i % G_N_ELEMENTS (words)],
                              1 + i % 12, 1 + i % 28);
      for (guint w = 0; w < 120; w++)
        g_string_append_printf (text, "%s%s%u", w ? " " : "",
                                words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                                g_rand_int_range (rand, 0, 50));
      g_string_append (text, ".\"}\n");
    }
  g_rand_free (rand);

  g_assert_true (g_file_set_contents (path, text->str, text->len, &error));
  g_assert_no_error (error);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Opens the corpus as the program would after a crash (SQLite recovers
 * the write-ahead log), checks it whole and says what it holds */
static State
check_corpus (const char *path)
{
  sqlite3 *db = ce_test_sqlite_open_sound (path);
  State state;

  state.documents = query_int (db, "SELECT count(*) FROM documents");
  state.length = query_int (db, "SELECT total(length(title) + length(body)) FROM documents");
  state.max_id = query_int (db, "SELECT coalesce(max(id), 0) FROM documents");
  sqlite3_close (db);

  return state;
}

static gboolean
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize len;

  return g_file_get_contents (from, &contents, &len, NULL) &&
         g_file_set_contents (to, contents, len, NULL);
}

/* Starts `corpus-explorer import --into @corpus @input` */
static GPid
spawn_import (const char *dir,
              const char *corpus,
              const char *input)
{
  const char *argv[] = { g_getenv ("CE_BINARY"), "import", "--into", corpus, input, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_assert_true (g_spawn_async (dir, (char **)argv, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                                G_SPAWN_STDERR_TO_DEV_NULL,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  return pid;
}

static int
wait_for (GPid pid)
{
  int status = 0;

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  return status;
}

static void
test_kill (void)
{
  g_autofree char *dir = ce_test_make_dir ("test-kill");
  g_autofree char *input = g_build_filename (dir, "big.jsonl", NULL);
  g_autofree char *seed = g_build_filename (dir, "seed.jsonl", NULL);
  g_autofree char *base = g_build_filename (dir, "base.corpus", NULL);
  g_autofree char *full = g_build_filename (dir, "full.corpus", NULL);
  g_autofree char *corpus = g_build_filename (dir, "killed.corpus", NULL);
  g_autoptr(CeImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  State before, after;
  GRand *rand = g_rand_new_with_seed (g_test_rand_int ());
  gint64 started, duration;
  guint unchanged = 0, complete = 0;

  if (g_getenv ("CE_BINARY") == NULL)
    {
      g_test_skip ("CE_BINARY is not set");
      return;
    }

  write_input (input);
  g_assert_true (g_file_set_contents (seed,
                                      "{\"title\": \"Already here\", \"text\": \"The first article of the corpus.\"}\n"
                                      "{\"title\": \"Also here\", \"text\": \"The second article of the corpus.\"}\n",
                                      -1, &error));
  report = ce_test_import_file (base, seed);
  g_assert_cmpuint (report->documents_added, ==, 2);
  before = check_corpus (base);
  g_assert_cmpint (before.documents, ==, 2);

  /* One whole run: what a complete import holds, and how long it takes */
  g_assert_true (copy_file (base, full));
  started = g_get_monotonic_time ();
  g_assert_cmpint (wait_for (spawn_import (dir, full, input)), ==, 0);
  duration = g_get_monotonic_time () - started;
  after = check_corpus (full);
  g_assert_cmpint (after.documents, ==, before.documents + N_DOCUMENTS);
  g_test_message ("a whole import takes %.0f ms", duration / 1000.);

  for (guint i = 0; i < N_KILLS; i++)
    {
      /* Anywhere from the start of the process to the end of a whole run */
      gint64 delay = g_rand_int_range (rand, 0, (gint32)MIN (duration, G_MAXINT32));
      g_autofree char *wal = g_strconcat (corpus, "-wal", NULL);
      g_autofree char *shm = g_strconcat (corpus, "-shm", NULL);
      State state;
      GPid pid;
      int status;

      g_unlink (wal);
      g_unlink (shm);
      g_assert_true (copy_file (base, corpus));

      pid = spawn_import (dir, corpus, input);
      g_usleep (delay);
      kill (pid, SIGKILL);
      status = wait_for (pid);
      g_spawn_close_pid (pid);

      state = check_corpus (corpus);
      if (state.documents == before.documents)
        {
          g_assert_cmpint (state.length, ==, before.length);
          g_assert_cmpint (state.max_id, ==, before.max_id);
          unchanged++;
        }
      else
        {
          /* Not a document less than the whole import */
          g_assert_cmpint (state.documents, ==, after.documents);
          g_assert_cmpint (state.length, ==, after.length);
          g_assert_cmpint (state.max_id, ==, after.max_id);
          complete++;
        }
      g_test_message ("kill %u after %.0f ms (%s): %s", i, delay / 1000.,
                      WIFSIGNALED (status) ? "killed" : "had ended",
                      state.documents == before.documents ? "as before" : "fully imported");
    }

  g_test_message ("%u kills: %u left the corpus as before, %u after the whole import",
                  N_KILLS, unchanged, complete);
  /* Kills landed inside the import (how many depends on the machine's
   * load, which changes how long a run takes) */
  g_assert_cmpuint (unchanged, >=, 1);

  g_rand_free (rand);
  g_assert_true (ce_test_remove_tree (dir));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus-explorer/kill/import", test_kill);

  return g_test_run ();
}
