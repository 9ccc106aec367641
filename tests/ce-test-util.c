/* ce-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "ce-importer.h"
#include "ce-search.h"
#include "ce-segmenter.h"
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

GPtrArray *
ce_test_split_shared_dump (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ce_test_shared_dump_path ();
  g_autofree char *text = NULL;
  GPtrArray *drafts;
  gsize len;

  if (path == NULL || !g_file_get_contents (path, &text, &len, NULL))
    return NULL;

  drafts = ce_segmenter_split_text (text, len, CE_SPLIT_AUTO, NULL, &error);
  g_assert_no_error (error);
  return drafts;
}

char *
ce_test_sample_path (const char *name)
{
  return g_build_filename (CE_TEST_SOURCE_DIR, "data", "sample", name, NULL);
}

char *
ce_test_fixture_path (const char *folder,
                      const char *name)
{
  const char *source_dir = g_getenv ("CE_SOURCE_DIR");

  if (source_dir == NULL)
    source_dir = CE_TEST_SOURCE_DIR;
  return g_build_filename (source_dir, "tests", "fixtures", folder, name, NULL);
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

char *
ce_test_file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, len);
}

void
ce_test_assert_file_checksum (const char *path,
                              const char *expected)
{
  g_autofree char *checksum = ce_test_file_checksum (path);

  g_assert_cmpstr (checksum, ==, expected);
}

gboolean
ce_test_remove_tree (const char *path)
{
  if (path == NULL)
    return TRUE;

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

  return !g_file_test (path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK);
}

static GThread *store_guarded;
static guint store_depth;

void
ce_test_store_begin (void)
{
  if (store_depth++ == 0)
    {
      store_guarded = ce_corpus_get_guarded_thread ();
      ce_corpus_set_guarded_thread (NULL);
    }
}

void
ce_test_store_end (void)
{
  g_assert_cmpuint (store_depth, >, 0);
  if (--store_depth == 0)
    ce_corpus_set_guarded_thread (g_steal_pointer (&store_guarded));
}

CeTestStoreScope *
ce_test_store_scope (void)
{
  ce_test_store_begin ();
  /* Any pointer but NULL, for the cleanup to run */
  return (CeTestStoreScope *)&store_depth;
}

void
ce_test_store_scope_end (CeTestStoreScope *scope)
{
  ce_test_store_end ();
}

CeImportReport *
ce_test_import_file (const char *corpus_path,
                     const char *file)
{
  g_autoptr(CeImporter) importer = ce_importer_new (corpus_path, NULL);
  g_autoptr(GError) error = NULL;
  CeImportReport *report;

  ce_importer_add_path (importer, file);
  ce_test_store_begin ();
  report = ce_importer_run (importer, NULL, &error);
  ce_test_store_end ();
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

char *
ce_test_import (const char *dir,
                const char *name,
                const char *source)
{
  g_autofree char *file = g_strconcat (name, ".corpus", NULL);
  char *corpus = g_build_filename (dir, file, NULL);
  g_autoptr(CeImportReport) report = ce_test_import_file (corpus, source);

  g_assert_cmpuint (report->documents_added + report->duplicates, >, 0);

  return corpus;
}

/* The folder is named after the test program, so a left-over one says
 * where it came from */
void
ce_test_corpus_set_up_path (CeTestCorpus  *fixture,
                            gconstpointer  data)
{
  g_autofree char *prefix = g_path_get_basename (g_get_prgname ());

  fixture->dir = ce_test_make_dir (prefix);
  fixture->path = g_build_filename (fixture->dir, "test.corpus", NULL);
  fixture->corpus = NULL;
}

void
ce_test_corpus_set_up (CeTestCorpus  *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  ce_test_corpus_set_up_path (fixture, data);
  fixture->corpus = ce_corpus_open (fixture->path, CE_CORPUS_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

void
ce_test_corpus_tear_down (CeTestCorpus  *fixture,
                          gconstpointer  data)
{
  g_clear_object (&fixture->corpus);
  ce_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

CeDraft *
ce_test_draft_new (const char *title,
                   const char *place,
                   const char *date,
                   const char *source,
                   const char *body)
{
  CeDraft *draft = ce_draft_new ();

  draft->title = g_strdup (title);
  draft->place = g_strdup (place);
  draft->date = g_strdup (date);
  draft->source = g_strdup (source);
  draft->body = g_strdup (body);

  return draft;
}

const char *
ce_test_draft_meta (CeDraft    *draft,
                    const char *key,
                    guint       nth)
{
  if (draft->meta == NULL)
    return NULL;

  for (guint i = 0; i + 1 < draft->meta->len; i += 2)
    if (g_str_equal (g_ptr_array_index (draft->meta, i), key) && nth-- == 0)
      return g_ptr_array_index (draft->meta, i + 1);

  return NULL;
}

void
ce_test_corpus_add (CeCorpus *corpus,
                    gint64    source_id,
                    CeDraft  *draft)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (ce_corpus_add_draft (corpus, source_id, draft, &error), ==, CE_CORPUS_ADDED);
  g_assert_no_error (error);
}

GArray *
ce_test_search_ids (CeCorpus   *corpus,
                    const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) query = ce_query_parse (text, &error);
  GArray *ids;

  g_assert_no_error (error);
  ce_test_store_begin ();
  ids = ce_search_ids (corpus, query, CE_SORT_ORDER, FALSE, &error);
  ce_test_store_end ();
  g_assert_no_error (error);
  return ids;
}

gboolean
ce_test_ids_contain (GArray *ids,
                     gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;

  return FALSE;
}

void
ce_test_run_cli (CeTestRun  *run,
                 const char *dir,
                 ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *arg;
  va_list args;
  int wait_status = 0;

  g_ptr_array_add (argv, (char *)g_getenv ("CE_BINARY"));
  va_start (args, dir);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");

  g_spawn_sync (dir, (char **)argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

void
ce_test_run_clear (CeTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

guint64
ce_test_count_instances (CeCorpus *corpus,
                         CeQuery  *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  guint64 sum = 0;

  ce_test_store_begin ();
  ids = ce_search_ids (corpus, query, CE_SORT_ORDER, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GArray) ranges = ce_search_instances (corpus, query, g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      sum += ranges->len;
    }
  ce_test_store_end ();

  return sum;
}

CeTopic *
ce_test_topic_new (const char *name,
                   const char *terms)
{
  g_auto(GStrv) list = ce_topic_split_terms (terms);

  return ce_topic_new (name, NULL, (const char * const *)list);
}

void
ce_test_read_free (CeTestRead *read)
{
  g_ptr_array_unref (read->drafts);
  g_clear_pointer (&read->warnings, g_ptr_array_unref);
  g_clear_error (&read->error);
  g_free (read);
}

static gboolean
collect_cb (CeReadContext *ctx,
            CeDraft       *draft,
            gpointer       user_data)
{
  CeTestRead *read = user_data;

  g_assert_nonnull (draft->body);
  g_assert_true (g_utf8_validate (draft->body, -1, NULL));
  g_ptr_array_add (read->drafts, draft);

  return read->stop_after == 0 || read->drafts->len < read->stop_after;
}

CeTestRead *
ce_test_read_stream (CeTestReadFunc         func,
                     const char            *path,
                     GInputStream          *stream,
                     const CeImportOptions *options,
                     guint                  stop_after,
                     GCancellable          *cancellable)
{
  static const CeImportOptions default_options = { 0 };
  CeTestRead *read = g_new0 (CeTestRead, 1);
  CeReadContext ctx = { 0 };

  read->drafts = g_ptr_array_new_with_free_func ((GDestroyNotify)ce_draft_free);
  read->stop_after = stop_after;

  ctx.path = path;
  ctx.options = options != NULL ? options : &default_options;
  ctx.cancellable = cancellable;
  ctx.emit = collect_cb;
  ctx.emit_data = read;
  ctx.warnings = g_ptr_array_new_with_free_func (g_free);

  read->ok = func (&ctx, stream, &read->error);
  read->warnings = ctx.warnings;
  read->repairs = ctx.repairs;
  for (guint i = 0; i < read->warnings->len; i++)
    g_test_message ("warning: %s", (char *)read->warnings->pdata[i]);

  g_assert_true (read->ok == (read->error == NULL));

  return read;
}

CeTestRead *
ce_test_read_data (CeTestReadFunc         func,
                   const char            *path,
                   const char            *data,
                   gssize                 len,
                   const CeImportOptions *options)
{
  g_autoptr(GInputStream) stream = NULL;

  if (len < 0)
    len = strlen (data);
  stream = g_memory_input_stream_new_from_data (g_memdup2 (data, len), len, g_free);

  return ce_test_read_stream (func, path, stream, options, 0, NULL);
}

CeDraft *
ce_test_read_draft_at (CeTestRead *read,
                       guint       i)
{
  g_assert_cmpuint (i, <, read->drafts->len);
  return read->drafts->pdata[i];
}

void
ce_test_gate_init (CeTestGate *gate)
{
  memset (gate, 0, sizeof *gate);
  g_mutex_init (&gate->lock);
  g_cond_init (&gate->cond);
}

void
ce_test_gate_clear (CeTestGate *gate)
{
  g_mutex_clear (&gate->lock);
  g_cond_clear (&gate->cond);
}

gpointer
ce_test_gate_func (CeCorpus      *corpus,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  CeTestGate *gate = data;

  g_mutex_lock (&gate->lock);
  gate->started = TRUE;
  g_cond_broadcast (&gate->cond);
  while (!gate->released)
    g_cond_wait (&gate->cond, &gate->lock);
  g_mutex_unlock (&gate->lock);

  return GINT_TO_POINTER (1);
}

void
ce_test_gate_wait_started (CeTestGate *gate)
{
  g_mutex_lock (&gate->lock);
  while (!gate->started)
    g_cond_wait (&gate->cond, &gate->lock);
  g_mutex_unlock (&gate->lock);
}

void
ce_test_gate_release (CeTestGate *gate)
{
  g_mutex_lock (&gate->lock);
  gate->released = TRUE;
  g_cond_broadcast (&gate->cond);
  g_mutex_unlock (&gate->lock);
}
