/* test-formats-detect.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Detecting the format of a file, stopping and cancelling a reader, and
 * garbage of every kind through every reader.
 */

#include "config.h"

#include <string.h>

#include "ce-date.h"
#include "ce-fields.h"
#include "ce-reader.h"
#include "ce-test-util.h"

static CeFormat
detect_data (const char *path,
             const char *data,
             gssize      len)
{
  return ce_reader_detect_format (path, data, len < 0 ? strlen (data) : (gsize)len);
}

static CeFormat
detect_fixture (const char *name)
{
  g_autofree char *path = ce_test_fixture_path ("formats", name);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return ce_reader_detect_format (path, contents, MIN (len, 64 * 1024));
}

static void
test_detect (void)
{
  const char binary[] = "\x01\x02\x03\x04\x05\x06 binary \x07\x08\x0e\x0f\x10\x11\x12";
  g_autoptr(GString) dump = g_string_new (NULL);
  g_autofree char *shared = NULL;
  g_autofree char *shared_path = NULL;
  const char *shared_dir = g_getenv ("CE_SHARED_DIR");
  gsize shared_len;

  g_assert_cmpint (detect_fixture ("articles.jsonl"), ==, CE_FORMAT_JSONL);
  g_assert_cmpint (detect_fixture ("articles.json"), ==, CE_FORMAT_JSON);
  g_assert_cmpint (detect_fixture ("wrapped.json"), ==, CE_FORMAT_JSON);
  g_assert_cmpint (detect_fixture ("articles.csv"), ==, CE_FORMAT_CSV);
  g_assert_cmpint (detect_fixture ("semicolon.csv"), ==, CE_FORMAT_CSV);
  g_assert_cmpint (detect_fixture ("tabs.tsv"), ==, CE_FORMAT_CSV);
  g_assert_cmpint (detect_fixture ("three.mbox"), ==, CE_FORMAT_EMAIL);
  g_assert_cmpint (detect_fixture ("bad-base64.eml"), ==, CE_FORMAT_EMAIL);
  g_assert_cmpint (detect_fixture ("page.html"), ==, CE_FORMAT_HTML);
  g_assert_cmpint (detect_fixture ("note.md"), ==, CE_FORMAT_TEXT);
  g_assert_cmpint (detect_fixture ("plain-title.txt"), ==, CE_FORMAT_TEXT);

  /* Content wins over the name */
  g_assert_cmpint (detect_data ("x.txt", "{\"a\": 1}\n{\"a\": 2}\n", -1), ==, CE_FORMAT_JSONL);
  g_assert_cmpint (detect_data ("x.txt", "{\"articles\": [{\"a\": 1}]}", -1), ==, CE_FORMAT_JSON);
  g_assert_cmpint (detect_data ("x.jsonl", "{\"a\": 1}", -1), ==, CE_FORMAT_JSONL);
  g_assert_cmpint (detect_data ("x.dat", "<!DOCTYPE html><p>x</p>", -1), ==, CE_FORMAT_HTML);
  g_assert_cmpint (detect_data ("x.dat", "\xEF\xBB\xBF<html><body>x", -1), ==, CE_FORMAT_HTML);
  g_assert_cmpint (detect_data ("x.dat", "Subject: Hi\nFrom: a@b.c\n\nBody", -1), ==, CE_FORMAT_EMAIL);
  g_assert_cmpint (detect_data ("x.dat", "Title: Hi\nDate: 2024\n\nBody", -1), ==, CE_FORMAT_TEXT);
  g_assert_cmpint (detect_data ("x.dat", "From the archives of the harbour\nit was cold\n", -1), ==,
                   CE_FORMAT_TEXT);
  g_assert_cmpint (detect_data ("x.dat", "a,b\n1,2\n3,4\n", -1), ==, CE_FORMAT_CSV);
  g_assert_cmpint (detect_data ("x.txt", "Hello, world\nand so, on\n", -1), ==, CE_FORMAT_TEXT);
  g_assert_cmpint (detect_data ("x.csv", "Hello, world\nand so, on\n", -1), ==, CE_FORMAT_CSV);
  g_assert_cmpint (detect_data ("x.dat", "\xFF\xFE" "a\x00,\x00" "b\x00\n\x00" "1\x00,\x00" "2\x00\n\x00"
                                "3\x00,\x00" "4\x00\n\x00", 26), ==, CE_FORMAT_CSV);

  /* Binary and empty */
  g_assert_cmpint (detect_data ("x.txt", binary, sizeof binary - 1), ==, CE_FORMAT_UNKNOWN);
  g_assert_cmpint (detect_data ("x.txt", "text\0with nul", 13), ==, CE_FORMAT_UNKNOWN);
  g_assert_cmpint (detect_data ("x.txt", "%PDF-1.4\n%stuff\n", -1), ==, CE_FORMAT_UNKNOWN);
  g_assert_cmpint (detect_data ("x.txt", "", 0), ==, CE_FORMAT_UNKNOWN);
  g_assert_cmpint (detect_data ("x.txt", " \n\n", -1), ==, CE_FORMAT_UNKNOWN);
  g_assert_cmpint (detect_data ("x.txt", NULL, 0), ==, CE_FORMAT_UNKNOWN);

  /* Extensions decide what content leaves open */
  g_assert_cmpint (detect_data ("x.eml", "Hello", -1), ==, CE_FORMAT_EMAIL);
  g_assert_cmpint (detect_data ("x.HTM", "Hello", -1), ==, CE_FORMAT_HTML);
  g_assert_cmpint (detect_data ("dir.json/x.md", "Hello", -1), ==, CE_FORMAT_TEXT);

  /* A dump: many hard-wrapped lines, no blank ones */
  for (guint i = 0; i < 60; i++)
    g_string_append_printf (dump, "%s\n", i % 7 == 6 ? "Short end of a paragraph."
                                                     : "Hard-wrapped prose fills this line up to "
                                                       "nearly the wrap width of the dump.");
  g_assert_cmpint (detect_data ("x.txt", dump->str, dump->len), ==, CE_FORMAT_DUMP);
  /* The same with blank lines between paragraphs is one text */
  g_string_replace (dump, "paragraph.\n", "paragraph.\n\n", 0);
  g_assert_cmpint (detect_data ("x.txt", dump->str, dump->len), ==, CE_FORMAT_TEXT);

  /* The shared real corpus is a dump */
  if (shared_dir == NULL)
    shared_dir = CE_TEST_SOURCE_DIR "/../shared";
  shared_path = g_build_filename (shared_dir, "corpora", "000_d9bdcb0313118baf.txt", NULL);
  if (g_file_get_contents (shared_path, &shared, &shared_len, NULL))
    g_assert_cmpint (ce_reader_detect_format (shared_path, shared, MIN (shared_len, 64 * 1024)), ==,
                     CE_FORMAT_DUMP);
  else
    g_test_message ("%s not found; not checked", shared_path);
}

/* Stopping */

static void
test_stop_and_cancel (void)
{
  g_autoptr(GString) data = g_string_new (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CeTestRead) stopped = NULL;
  g_autoptr(CeTestRead) cancelled = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GInputStream) stream2 = NULL;

  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (data, "{\"text\": \"Record %u.\"}\n", i);

  stream = g_memory_input_stream_new_from_data (g_memdup2 (data->str, data->len), data->len, g_free);
  stopped = ce_test_read_stream (ce_read_jsonl, "many.jsonl", stream, NULL, 3, NULL);
  g_assert_true (stopped->ok);
  g_assert_cmpuint (stopped->drafts->len, ==, 3);

  g_cancellable_cancel (cancellable);
  stream2 = g_memory_input_stream_new_from_data (g_memdup2 (data->str, data->len), data->len, g_free);
  cancelled = ce_test_read_stream (ce_read_jsonl, "many.jsonl", stream2, NULL, 0, cancellable);
  g_assert_false (cancelled->ok);
  g_assert_error (cancelled->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Garbage of every kind: no reader may crash or emit invalid UTF-8 */
static void
test_fuzz (void)
{
  CeTestReadFunc readers[] = { ce_read_text, ce_read_jsonl, ce_read_json, ce_read_csv,
                         ce_read_email, ce_read_html };
  const char *seeds[] = {
    "{\"text\": \"a\"}\n", "[{\"text\": \"a\"}]", "text,title\n\"a\",b\n",
    "From a@b\nSubject: x\n\nbody\n", "<html><p>x</p></html>", "---\ntitle: x\n---\n# h\n",
  };
  /* Characters that matter to some format; the last one is NUL */
  static const char alphabet[] = "\"{}[],;\n\r\t\\<>=:-#\xE9\xFF";
  guint32 seed = 1;

  for (guint round = 0; round < 500; round++)
    {
      g_autoptr(GString) data = g_string_new (seeds[round % G_N_ELEMENTS (seeds)]);

      for (guint i = 0; i < 40; i++)
        {
          seed = seed * 1664525 + 1013904223;
          if (seed % 3 == 0 && data->len > 0)
            data->str[(seed >> 8) % data->len] = (char)(seed >> 16);
          else
            g_string_insert_c (data, data->len > 0 ? (seed >> 8) % data->len : 0,
                               alphabet[(seed >> 16) % sizeof alphabet]);
        }

      for (guint r = 0; r < G_N_ELEMENTS (readers); r++)
        {
          g_autoptr(CeTestRead) result = ce_test_read_data (readers[r], "fuzz", data->str, data->len, NULL);

          (void)result;
        }
      (void)ce_reader_detect_format ("fuzz", data->str, data->len);

      {
        g_autofree char *head = g_strndup (data->str, 24);
        g_autofree char *date = ce_date_parse (head);
        g_autofree char *file_date = ce_date_from_filename (head);
        g_autofree char *normalized = NULL;

        g_assert_true (date == NULL || strlen (date) <= 10);
        g_assert_true (file_date == NULL || strlen (file_date) <= 10);
        normalized = ce_fields_normalize_text (data->str);
        g_assert_nonnull (normalized);
      }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus-explorer/formats/detect", test_detect);
  g_test_add_func ("/corpus-explorer/formats/stop-and-cancel", test_stop_and_cancel);
  g_test_add_func ("/corpus-explorer/formats/fuzz", test_fuzz);

  return g_test_run ();
}
