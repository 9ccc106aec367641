/* test-formats.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ce-date.h"
#include "ce-decode.h"
#include "ce-fields.h"
#include "ce-line-reader.h"
#include "ce-reader.h"
#include "ce-test-util.h"

static char *
fixture_path (const char *name)
{
  const char *source_dir = g_getenv ("CE_SOURCE_DIR");

  if (source_dir == NULL)
    source_dir = CE_TEST_SOURCE_DIR;
  return g_build_filename (source_dir, "tests", "fixtures", "formats", name, NULL);
}

static CeTestRead *
read_fixture (CeTestReadFunc         func,
              const char            *name,
              const CeImportOptions *options)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, &error);

  g_assert_no_error (error);
  /* Messages name the file by its base name, to keep expectations short */
  return ce_test_read_stream (func, name, G_INPUT_STREAM (stream), options, 0, NULL);
}

static const char *
meta_value (CeDraft    *draft,
            const char *key)
{
  if (draft->meta == NULL)
    return NULL;
  for (guint i = 0; i + 1 < draft->meta->len; i += 2)
    if (strcmp (draft->meta->pdata[i], key) == 0)
      return draft->meta->pdata[i + 1];
  return NULL;
}

static void
assert_warnings (CeTestRead         *result,
                 const char * const *expected)
{
  guint n = expected != NULL ? g_strv_length ((char **)expected) : 0;

  for (guint i = 0; i < result->warnings->len; i++)
    g_test_message ("warning: %s", (char *)result->warnings->pdata[i]);

  g_assert_cmpuint (result->warnings->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (result->warnings->pdata[i], ==, expected[i]);
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("ce-formats-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Line reader */

typedef struct
{
  char    *text;
  guint    line;
  guint64  offset;
} Line;

static GPtrArray *
read_lines (const char    *data,
            gsize          len,
            CeReadContext *ctx)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (g_memdup2 (data, len), len, g_free);
  g_autoptr(CeLineReader) reader = ce_line_reader_new (stream, ctx);
  g_autoptr(GError) error = NULL;
  GPtrArray *lines = g_ptr_array_new ();
  const char *text;
  gsize text_len;

  while ((text = ce_line_reader_next (reader, &text_len, &error)) != NULL)
    {
      Line *line = g_new0 (Line, 1);

      g_assert_cmpuint (strlen (text), ==, text_len);
      line->text = g_strdup (text);
      line->line = ce_line_reader_get_line_number (reader);
      line->offset = ce_line_reader_get_offset (reader);
      g_ptr_array_add (lines, line);
    }
  g_assert_no_error (error);

  /* The end stays the end */
  g_assert_null (ce_line_reader_next (reader, &text_len, &error));
  g_assert_no_error (error);

  return lines;
}

static void
free_lines (GPtrArray *lines)
{
  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = lines->pdata[i];

      g_free (line->text);
      g_free (line);
    }
  g_ptr_array_unref (lines);
}

static void
assert_line (GPtrArray  *lines,
             guint       i,
             const char *text,
             guint64     offset)
{
  Line *line;

  g_assert_cmpuint (i, <, lines->len);
  line = lines->pdata[i];
  g_assert_cmpstr (line->text, ==, text);
  g_assert_cmpuint (line->line, ==, i + 1);
  g_assert_cmpuint (line->offset, ==, offset);
}

static void
test_line_reader_endings (void)
{
  const char data[] = "one\r\ntwo\n\nthree\r\n\r\nlast without newline";
  CeReadContext ctx = { .path = "endings.txt" };
  GPtrArray *lines = read_lines (data, sizeof data - 1, &ctx);

  g_assert_cmpuint (lines->len, ==, 6);
  assert_line (lines, 0, "one", 0);
  assert_line (lines, 1, "two", 5);
  assert_line (lines, 2, "", 9);
  assert_line (lines, 3, "three", 10);
  assert_line (lines, 4, "", 17);
  assert_line (lines, 5, "last without newline", 19);
  g_assert_cmpuint (ctx.repairs, ==, 0);
  g_assert_null (ctx.warnings);
  free_lines (lines);

  lines = read_lines ("", 0, NULL);
  g_assert_cmpuint (lines->len, ==, 0);
  free_lines (lines);

  lines = read_lines ("\n", 1, NULL);
  g_assert_cmpuint (lines->len, ==, 1);
  assert_line (lines, 0, "", 0);
  free_lines (lines);
}

static void
test_line_reader_boms (void)
{
  /* "é\nb" in UTF-8 with BOM, UTF-16 LE and UTF-16 BE with BOM */
  const char utf8[] = "\xEF\xBB\xBF\xC3\xA9\nb";
  const char utf16le[] = "\xFF\xFE\xE9\x00\r\x00\n\x00" "b\x00=\xD8\x00\xDE";  /* é, CRLF, b, U+1F600 */
  const char utf16be[] = "\xFE\xFF\x00\xE9\x00\n\x00" "b";
  CeReadContext ctx = { .path = "bom.txt" };
  GPtrArray *lines;

  lines = read_lines (utf8, sizeof utf8 - 1, &ctx);
  g_assert_cmpuint (lines->len, ==, 2);
  assert_line (lines, 0, "é", 3);
  assert_line (lines, 1, "b", 6);
  free_lines (lines);

  lines = read_lines (utf16le, sizeof utf16le - 1, &ctx);
  g_assert_cmpuint (lines->len, ==, 2);
  assert_line (lines, 0, "é", 2);
  assert_line (lines, 1, "b\xF0\x9F\x98\x80", 8);
  free_lines (lines);

  lines = read_lines (utf16be, sizeof utf16be - 1, &ctx);
  g_assert_cmpuint (lines->len, ==, 2);
  assert_line (lines, 0, "é", 2);
  assert_line (lines, 1, "b", 6);
  free_lines (lines);

  g_assert_cmpuint (ctx.repairs, ==, 0);
  g_assert_null (ctx.warnings);

  /* A lone surrogate and an odd last byte are replaced and counted */
  lines = read_lines ("\xFF\xFE" "a\x00\x00\xDC" "b", 7, &ctx);
  g_assert_cmpuint (lines->len, ==, 1);
  assert_line (lines, 0, "a\xEF\xBF\xBD\xEF\xBF\xBD", 2);
  g_assert_cmpuint (ctx.repairs, ==, 2);
  free_lines (lines);
}

static void
test_line_reader_latin1 (void)
{
  /* "café" and "naïve €5" in Windows-1252, then valid UTF-8 "é" */
  const char data[] = "plain\ncaf\xE9\nna\xEFve \x80" "5\n\xC3\xA9\n";
  CeReadContext ctx = { .path = "latin1.txt" };
  GPtrArray *lines = read_lines (data, sizeof data - 1, &ctx);

  g_assert_cmpuint (lines->len, ==, 4);
  assert_line (lines, 0, "plain", 0);
  assert_line (lines, 1, "café", 6);
  assert_line (lines, 2, "naïve €5", 11);
  assert_line (lines, 3, "é", 20);
  g_assert_cmpuint (ctx.repairs, ==, 3);
  g_assert_nonnull (ctx.warnings);
  g_assert_cmpuint (ctx.warnings->len, ==, 1);
  g_assert_cmpstr (ctx.warnings->pdata[0], ==,
                   "latin1.txt:2: not valid UTF-8, read as Windows-1252 (Latin-1)");
  g_ptr_array_unref (ctx.warnings);
  free_lines (lines);
}

/* Lines of every length across many buffer refills */
static void
test_line_reader_boundaries (void)
{
  g_autoptr(GString) data = g_string_new (NULL);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (guint64));
  GPtrArray *lines;
  guint32 seed = 7;

  while (data->len < 3 * 1024 * 1024)
    {
      guint64 offset = data->len;
      gsize len;
      GString *line = g_string_new (NULL);

      seed = seed * 1103515245 + 12345;
      len = (seed >> 8) % 5 == 0 ? (seed >> 4) % 400000 : (seed >> 4) % 120;
      for (gsize i = 0; i < len; i++)
        g_string_append_c (line, 'a' + (i + len) % 26);

      g_array_append_val (offsets, offset);
      g_string_append_len (data, line->str, line->len);
      g_string_append (data, (seed & 1) ? "\r\n" : "\n");
      g_ptr_array_add (expected, g_string_free (line, FALSE));
    }

  lines = read_lines (data->str, data->len, NULL);
  g_assert_cmpuint (lines->len, ==, expected->len);
  for (guint i = 0; i < lines->len; i++)
    assert_line (lines, i, expected->pdata[i], g_array_index (offsets, guint64, i));
  free_lines (lines);
}

static char *
write_big_line (const char *dir,
                gsize       size)
{
  char *path = g_build_filename (dir, "big-line.txt", NULL);
  FILE *file = g_fopen (path, "wb");
  char block[4096];

  g_assert_nonnull (file);
  for (gsize i = 0; i < sizeof block; i++)
    block[i] = i % 8 == 7 ? ' ' : 'a' + i % 26;
  for (gsize written = 0; written < size; written += sizeof block)
    g_assert_cmpuint (fwrite (block, 1, sizeof block, file), ==, sizeof block);
  fputs ("\nA short line after it.\n", file);
  fclose (file);

  return path;
}

/* A 50 MB line is longer than a document may hold: it is skipped as it
 * is read (the buffer never holds it whole), with a warning that names
 * it, and the next line is read with its own number and offset */
static void
test_line_reader_big_line (void)
{
  const gsize size = 50 * 1024 * 1024;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = write_big_line (dir, size);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, &error);
    g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
    CeReadContext ctx = { .path = "big-line.txt", .warnings = warnings };
    g_autoptr(CeLineReader) reader = ce_line_reader_new (G_INPUT_STREAM (stream), &ctx);
    const char *line;
    gsize len;

    g_assert_no_error (error);
    line = ce_line_reader_next (reader, &len, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (line, ==, "A short line after it.");
    g_assert_cmpuint (ce_line_reader_get_line_number (reader), ==, 2);
    g_assert_cmpuint (ce_line_reader_get_offset (reader), ==, size + 1);
    g_assert_cmpuint (warnings->len, ==, 1);
    g_assert_cmpstr (warnings->pdata[0], ==,
                     "big-line.txt:1: the line is longer than 16.8\302\240MB, more than one document "
                     "may hold; skipped");
    g_assert_null (ce_line_reader_next (reader, &len, &error));
    g_assert_no_error (error);
  }

  /* The whole text reader too: the document is what is left */
  {
    g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, &error);
    g_autoptr(CeTestRead) result = ce_test_read_stream (ce_read_text, "big-line.txt", G_INPUT_STREAM (stream),
                                            NULL, 0, NULL);

    g_assert_true (result->ok);
    g_assert_cmpuint (result->drafts->len, ==, 1);
    g_assert_cmpstr (ce_test_read_draft_at (result, 0)->body, ==, "A short line after it.");
    g_assert_cmpuint (result->warnings->len, ==, 1);
  }

  g_remove (path);
  g_rmdir (dir);
}

/* Decoding */

static void
test_decode_bytes (void)
{
  guint repairs = 0;
  g_autofree char *latin1 = ce_decode_bytes ("caf\xE9 \x93quoted\x94", 13, NULL, &repairs);
  g_autofree char *utf8 = ce_decode_bytes ("caf\xC3\xA9", 5, "iso-8859-1", &repairs);
  g_autofree char *bom = ce_decode_bytes ("\xEF\xBB\xBF" "abc", 6, "koi8-r", &repairs);
  g_autofree char *utf16 = ce_decode_bytes ("\xFE\xFF\x00h\x00\xE9", 6, NULL, &repairs);
  g_autofree char *nul = NULL;
  g_autofree char *latin2 = NULL;
  g_autofree char *bad_sjis = NULL;
  g_autofree char *unknown = NULL;

  g_assert_cmpstr (latin1, ==, "café “quoted”");
  g_assert_cmpuint (repairs, ==, 3);
  g_assert_cmpstr (utf8, ==, "café");
  g_assert_cmpstr (bom, ==, "abc");
  g_assert_cmpstr (utf16, ==, "hé");
  g_assert_cmpuint (repairs, ==, 3);

  nul = ce_decode_bytes ("a\0b", 3, NULL, &repairs);
  g_assert_cmpstr (nul, ==, "a\xEF\xBF\xBD" "b");
  g_assert_cmpuint (repairs, ==, 4);

  /* A declared charset goes through iconv: ISO-8859-2 0xB9 is "š" */
  repairs = 0;
  latin2 = ce_decode_bytes ("\xB9la", 3, "ISO-8859-2", &repairs);
  g_assert_cmpstr (latin2, ==, "šla");
  g_assert_cmpuint (repairs, ==, 0);

  /* Invalid sequences in a declared charset become U+FFFD */
  bad_sjis = ce_decode_bytes ("a\x82\xA0z\x82", 5, "Shift_JIS", &repairs);
  g_assert_cmpstr (bad_sjis, ==, "aあz\xEF\xBF\xBD");
  g_assert_cmpuint (repairs, ==, 1);

  /* An unknown charset falls back to the forgiving reading */
  unknown = ce_decode_bytes ("caf\xE9", 4, "x-no-such-charset", &repairs);
  g_assert_cmpstr (unknown, ==, "café");
  g_assert_cmpuint (repairs, ==, 2);
}

/* Dates */

static void
test_date_parse (void)
{
  static const struct
  {
    const char *text;
    const char *date;
  } cases[] = {
    { "2024", "2024" },
    { "2024-05", "2024-05" },
    { "2024-05-17", "2024-05-17" },
    { "  2024-05-17  ", "2024-05-17" },
    { "2024-05-17T10:00:00Z", "2024-05-17" },
    { "2024-05-17T23:30:00+02:00", "2024-05-17" },
    { "2024-05-17 10:00", "2024-05-17" },
    { "2024/5/7", "2024-05-07" },
    { "20240517", "2024-05-17" },
    { "20240517T101500Z", "2024-05-17" },
    { "Tue, 5 Mar 2024 10:00:00 +0000", "2024-03-05" },
    { "5 Mar 2024 10:00:00 GMT", "2024-03-05" },
    { "Tue, 05 Mar 24 10:00:00 -0500", "2024-03-05" },
    { "January 5, 2024", "2024-01-05" },
    { "Jan. 5, 2024", "2024-01-05" },
    { "jan 5 2024", "2024-01-05" },
    { "Sept. 30, 1999", "1999-09-30" },
    { "5 January 2024", "2024-01-05" },
    { "5th of January, 2024", "2024-01-05" },
    { "January 22nd, 2024", "2024-01-22" },
    { "Friday, May 17, 2024 at 10am", "2024-05-17" },
    { "March 2024", "2024-03" },
    { "Mar 2024", "2024-03" },
    { "17.05.2024", "2024-05-17" },
    { "17/05/2024", "2024-05-17" },
    { "05/17/2024", "2024-05-17" },
    { "03/04/2021", "2021" },
    { "1830", "1830" },
    { "2999", "2999" },
    { "999", NULL },
    { "3000", NULL },
    { "0999", NULL },
    { "", NULL },
    { "   ", NULL },
    { "yesterday", NULL },
    { "not a date 2024", NULL },
    { "2024 was a good year", NULL },
    { "2024-13-01", NULL },
    { "2024-02-30", NULL },
    { "2023-02-29", NULL },
    { "2024-02-29", "2024-02-29" },
    { "January 32, 2024", NULL },
    { "March", NULL },
    { "March 5", NULL },
    { "May 2024 May", NULL },
    { "12345", NULL },
    { "2024-05-17-18", NULL },
    { "1 2 3 January", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *date = ce_date_parse (cases[i].text);

      g_test_message ("\"%s\" -> %s", cases[i].text, date != NULL ? date : "NULL");
      g_assert_cmpstr (date, ==, cases[i].date);
    }

  g_assert_null (ce_date_parse (NULL));
}

static void
test_date_from_filename (void)
{
  static const struct
  {
    const char *name;
    const char *date;
  } cases[] = {
    { "2021-03-04-harbour.txt", "2021-03-04" },
    { "2021_03_04 harbour.md", "2021-03-04" },
    { "2021.03.04.txt", "2021-03-04" },
    { "20210304-harbour.txt", "2021-03-04" },
    { "20210304.txt", "2021-03-04" },
    { "2021-03_notes.txt", "2021-03" },
    { "1830_letter.txt", "1830" },
    { "1830.txt", "1830" },
    { "report-2021-03-04.txt", "2021-03-04" },
    { "harbour.txt", NULL },
    { "12345.txt", NULL },
    { "2021-13-04.txt", NULL },
    { "0999_old.txt", NULL },
    { "report-2021.txt", NULL },
    { "v120210304.txt", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *date = ce_date_from_filename (cases[i].name);

      g_test_message ("\"%s\" -> %s", cases[i].name, date != NULL ? date : "NULL");
      g_assert_cmpstr (date, ==, cases[i].date);
    }
}

/* Fields */

static void
test_fields_mapping (void)
{
  const char *keys[] = { "ID", "Headline", "Article-Text", "pub_date", "Byline", "Outlet",
                         "Category", "Permalink", "Dateline", "Created", "Notes", "Empty" };
  const char *values[] = { "17", "  Harbour\nreopens ", "Line one.\nLine two.", "not a date",
                           "Ann Reed", "Island Times", "Local", "https://example.org/1",
                           "PORT ELLEN", "1710000000", "keep me", "   " };
  g_autoptr(CeDraft) draft = ce_fields_to_draft (keys, values, G_N_ELEMENTS (keys), NULL);

  g_assert_nonnull (draft);
  g_assert_cmpstr (draft->title, ==, "Harbour reopens");
  g_assert_cmpstr (draft->body, ==, "Line one.\n\nLine two.");
  /* "pub_date" ranks before "created" but cannot be read */
  g_assert_cmpstr (draft->date, ==, "2024-03-09");
  g_assert_cmpstr (draft->author, ==, "Ann Reed");
  g_assert_cmpstr (draft->source, ==, "Island Times");
  g_assert_cmpstr (draft->section, ==, "Local");
  g_assert_cmpstr (draft->url, ==, "https://example.org/1");
  g_assert_cmpstr (draft->place, ==, "PORT ELLEN");
  g_assert_nonnull (draft->meta);
  g_assert_cmpuint (draft->meta->len, ==, 6);
  g_assert_cmpstr (meta_value (draft, "ID"), ==, "17");
  g_assert_cmpstr (meta_value (draft, "pub_date"), ==, "not a date");
  g_assert_cmpstr (meta_value (draft, "Notes"), ==, "keep me");
}

static void
test_fields_overrides (void)
{
  const char *keys[] = { "contenu", "titre", "body", "quand", "date", "year" };
  const char *values[] = { "Le texte.", "Le titre", "Not this one.", "2020-01-02", "2024-05-17", "1999" };
  CeImportOptions options = { .text_field = "Contenu", .title_field = "titre", .date_field = "quand" };
  g_autoptr(CeDraft) draft = ce_fields_to_draft (keys, values, G_N_ELEMENTS (keys), &options);
  g_autoptr(CeDraft) year_only = NULL;
  g_autoptr(CeDraft) missing = NULL;
  g_autoptr(CeDraft) no_text = NULL;
  const char *year_keys[] = { "text", "year" };
  const char *year_values[] = { "Old text.", "1830" };
  CeImportOptions wrong = { .text_field = "nope" };

  g_assert_nonnull (draft);
  g_assert_cmpstr (draft->body, ==, "Le texte.");
  g_assert_cmpstr (draft->title, ==, "Le titre");
  g_assert_cmpstr (draft->date, ==, "2020-01-02");
  /* The usual names of an overridden role are plain metadata */
  g_assert_cmpstr (meta_value (draft, "body"), ==, "Not this one.");
  g_assert_cmpstr (meta_value (draft, "date"), ==, "2024-05-17");
  g_assert_cmpstr (meta_value (draft, "year"), ==, "1999");

  year_only = ce_fields_to_draft (year_keys, year_values, 2, NULL);
  g_assert_cmpstr (year_only->date, ==, "1830");
  g_assert_null (year_only->meta);

  missing = ce_fields_to_draft (year_keys, year_values, 2, &wrong);
  g_assert_null (missing);
  g_assert_cmpint (ce_fields_find_text (year_keys, 2, &wrong), ==, -1);

  {
    const char *keys2[] = { "title", "text" };
    const char *values2[] = { "Title", " \n \n" };

    no_text = ce_fields_to_draft (keys2, values2, 2, NULL);
    g_assert_null (no_text);
  }

  g_assert_cmpint (ce_fields_role ("Full Text", NULL, NULL), ==, CE_FIELD_TEXT);
  g_assert_cmpint (ce_fields_role ("fullText", NULL, NULL), ==, CE_FIELD_TEXT);
  g_assert_cmpint (ce_fields_role ("published_at", NULL, NULL), ==, CE_FIELD_DATE);
  g_assert_cmpint (ce_fields_role ("YEAR", NULL, NULL), ==, CE_FIELD_YEAR);
  g_assert_cmpint (ce_fields_role ("href", NULL, NULL), ==, CE_FIELD_URL);
  g_assert_cmpint (ce_fields_role ("city", NULL, NULL), ==, CE_FIELD_PLACE);
  g_assert_cmpint (ce_fields_role ("by", NULL, NULL), ==, CE_FIELD_AUTHOR);
  g_assert_cmpint (ce_fields_role ("feed", NULL, NULL), ==, CE_FIELD_SOURCE);
  g_assert_cmpint (ce_fields_role ("desk", NULL, NULL), ==, CE_FIELD_SECTION);
  g_assert_cmpint (ce_fields_role ("texture", NULL, NULL), ==, CE_FIELD_META);
}

static void
test_fields_normalize (void)
{
  static const struct
  {
    const char *text;
    const char *normalized;
  } cases[] = {
    { "One.\nTwo.", "One.\n\nTwo." },
    { "One.\r\nTwo.\rThree.", "One.\n\nTwo.\n\nThree." },
    { "Hard\nwrapped.\n\n\n\nNext\r\n  paragraph.  ", "Hard wrapped.\n\nNext paragraph." },
    { "\n\n  Lead.\n \t\nEnd.\n\n", "Lead.\n\nEnd." },
    { "Tab\there\x01!", "Tab here !" },
    { "", "" },
    { "\n \n", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *normalized = ce_fields_normalize_text (cases[i].text);

      g_assert_cmpstr (normalized, ==, cases[i].normalized);
    }
}

/* JSON */

static void
test_jsonl (void)
{
  g_autoptr(CeTestRead) result = read_fixture (ce_read_jsonl, "articles.jsonl", NULL);
  const char * const warnings[] = {
    "articles.jsonl:4: Parse error: scanner: unterminated string constant (column 50)",
    "articles.jsonl:5: the text field \"summary\" is empty; record skipped",
    "articles.jsonl:6: expected a JSON object, found a list",
    NULL
  };
  CeDraft *draft;

  g_assert_true (result->ok);
  assert_warnings (result, warnings);
  g_assert_cmpuint (result->drafts->len, ==, 3);

  draft = ce_test_read_draft_at (result, 0);
  g_assert_cmpstr (draft->title, ==, "Harbour reopens");
  g_assert_cmpstr (draft->body, ==, "The harbour reopened on Monday.\n\nFerries resumed.");
  g_assert_cmpstr (draft->date, ==, "2024-03-01");
  g_assert_cmpstr (draft->author, ==, "Ann Reed");
  g_assert_cmpstr (draft->source, ==, "Island Times");
  g_assert_cmpstr (draft->section, ==, "Local");
  g_assert_cmpstr (draft->url, ==, "https://example.org/1");
  g_assert_cmpstr (draft->place, ==, "PORT ELLEN");
  g_assert_cmpstr (meta_value (draft, "id"), ==, "17");
  g_assert_cmpstr (meta_value (draft, "tags"), ==, "harbour, ferries");
  g_assert_cmpuint (draft->line, ==, 1);
  g_assert_cmpuint (draft->offset, ==, 0);

  draft = ce_test_read_draft_at (result, 1);
  g_assert_cmpstr (draft->title, ==, "Storm warning");
  g_assert_cmpstr (draft->body, ==, "A storm is expected.\n\nStay inside.");
  g_assert_cmpstr (draft->date, ==, "2024-03");
  g_assert_cmpuint (draft->line, ==, 3);

  draft = ce_test_read_draft_at (result, 2);
  g_assert_cmpstr (draft->title, ==, "Café prices");
  g_assert_cmpstr (draft->date, ==, "2023");
  g_assert_cmpstr (draft->author, ==, "Bea Ortiz");
  g_assert_cmpuint (draft->line, ==, 7);
}

static void
test_jsonl_text_field (void)
{
  CeImportOptions options = { .text_field = "story", .title_field = "hed" };
  const char data[] =
    "{\"hed\": \"A\", \"story\": \"Story A.\", \"text\": \"ignored\"}\n"
    "{\"hed\": \"B\", \"body\": \"no story\"}\n"
    "{\"hed\": \"C\", \"story\": [\"Para one.\", \"Para two.\"]}\n";
  g_autoptr(CeTestRead) result = ce_test_read_data (ce_read_jsonl, "stories.jsonl", data, -1, &options);
  const char * const warnings[] = { "stories.jsonl:2: no field \"story\"; record skipped", NULL };

  g_assert_true (result->ok);
  assert_warnings (result, warnings);
  g_assert_cmpuint (result->drafts->len, ==, 2);
  g_assert_cmpstr (ce_test_read_draft_at (result, 0)->title, ==, "A");
  g_assert_cmpstr (ce_test_read_draft_at (result, 0)->body, ==, "Story A.");
  g_assert_cmpstr (meta_value (ce_test_read_draft_at (result, 0), "text"), ==, "ignored");
  g_assert_cmpstr (ce_test_read_draft_at (result, 1)->body, ==, "Para one.\n\nPara two.");
  g_assert_cmpuint (ce_test_read_draft_at (result, 1)->line, ==, 3);
}

static void
test_json_array (void)
{
  g_autoptr(CeTestRead) result = read_fixture (ce_read_json, "articles.json", NULL);
  const char * const warnings[] = {
    "articles.json: element 2 of the list is a string, not an object; skipped", NULL
  };

  g_assert_true (result->ok);
  assert_warnings (result, warnings);
  g_assert_cmpuint (result->drafts->len, ==, 2);
  g_assert_cmpstr (ce_test_read_draft_at (result, 0)->title, ==, "First");
  g_assert_cmpstr (ce_test_read_draft_at (result, 0)->body, ==, "One.\n\nTwo.");
  g_assert_cmpstr (ce_test_read_draft_at (result, 0)->date, ==, "2024-01-05");
  g_assert_cmpuint (ce_test_read_draft_at (result, 0)->line, ==, 2);
  g_assert_cmpstr (ce_test_read_draft_at (result, 1)->date, ==, "2024-03-09");
  g_assert_cmpuint (ce_test_read_draft_at (result, 1)->line, ==, 8);
}

static void
test_json_wrapped (void)
{
  g_autoptr(CeTestRead) result = read_fixture (ce_read_json, "wrapped.json", NULL);
  g_autoptr(CeTestRead) single = ce_test_read_data (ce_read_json, "one.json",
                                        "{\"title\": \"Only\", \"body\": \"Just one.\"}", -1, NULL);
  g_autoptr(CeTestRead) wordpress = ce_test_read_data (ce_read_json, "posts.json",
                                           "[{\"title\": {\"rendered\": \"Harbour news\"}, "
                                           "\"content\": {\"rendered\": \"<p>First paragraph.</p>\\n"
                                           "<p>Second &amp; last.</p>\"}}]", -1, NULL);
  g_autoptr(CeTestRead) nested = ce_test_read_data (ce_read_json, "nested.json",
                                        "{\"response\": {\"docs\": [{\"lead_paragraph\": \"x\", "
                                        "\"abstract\": \"Nested.\"}]}}", -1, NULL);

  g_assert_true (result->ok);
  assert_warnings (result, NULL);
  g_assert_cmpuint (result->drafts->len, ==, 2);
  g_assert_cmpstr (ce_test_read_draft_at (result, 0)->title, ==, "A");
  g_assert_cmpstr (ce_test_read_draft_at (result, 0)->body, ==, "Alpha text.");
  g_assert_cmpstr (ce_test_read_draft_at (result, 0)->source, ==, "Daily Planet");
  g_assert_cmpuint (ce_test_read_draft_at (result, 0)->line, ==, 5);
  g_assert_cmpuint (ce_test_read_draft_at (result, 1)->line, ==, 6);

  g_assert_cmpuint (single->drafts->len, ==, 1);
  g_assert_cmpstr (ce_test_read_draft_at (single, 0)->body, ==, "Just one.");
  g_assert_cmpuint (ce_test_read_draft_at (single, 0)->line, ==, 1);

  g_assert_cmpuint (wordpress->drafts->len, ==, 1);
  g_assert_cmpstr (ce_test_read_draft_at (wordpress, 0)->title, ==, "Harbour news");
  g_assert_cmpstr (ce_test_read_draft_at (wordpress, 0)->body, ==, "First paragraph.\n\nSecond & last.");

  g_assert_cmpuint (nested->drafts->len, ==, 1);
  g_assert_cmpstr (ce_test_read_draft_at (nested, 0)->body, ==, "Nested.");
  g_assert_cmpstr (meta_value (ce_test_read_draft_at (nested, 0), "lead_paragraph"), ==, "x");
}

static void
test_json_broken (void)
{
  g_autoptr(CeTestRead) truncated = read_fixture (ce_read_json, "truncated.json", NULL);
  g_autoptr(CeTestRead) garbage = ce_test_read_data (ce_read_json, "garbage.json", "{\"a\": }", -1, NULL);
  g_autoptr(CeTestRead) scalar = ce_test_read_data (ce_read_json, "scalar.json", "42", -1, NULL);
  g_autoptr(CeTestRead) empty = ce_test_read_data (ce_read_json, "empty.json", "  \n", -1, NULL);
  const char * const truncated_warnings[] = {
    "truncated.json:5: Parse error: scanner: unterminated string constant (column 1); "
    "read the 2 complete records before it",
    NULL
  };
  const char * const scalar_warnings[] = {
    "scalar.json: expected a JSON object or a list of objects, found a number", NULL
  };
  const char * const empty_warnings[] = { "empty.json: no JSON in the file", NULL };

  g_assert_true (truncated->ok);
  assert_warnings (truncated, truncated_warnings);
  g_assert_cmpuint (truncated->drafts->len, ==, 2);
  g_assert_cmpstr (ce_test_read_draft_at (truncated, 1)->body, ==,
                   "Complete record two, with a } brace and a \" quote.");
  g_assert_cmpuint (ce_test_read_draft_at (truncated, 1)->line, ==, 3);

  g_assert_false (garbage->ok);
  g_assert_error (garbage->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_true (g_str_has_prefix (garbage->error->message, "garbage.json:1: "));
  g_assert_cmpuint (garbage->drafts->len, ==, 0);

  g_assert_true (scalar->ok);
  assert_warnings (scalar, scalar_warnings);

  g_assert_true (empty->ok);
  assert_warnings (empty, empty_warnings);
}

/* json-glib recurses without a limit: deep nesting must not reach it */
static void
test_json_deep (void)
{
  g_autoptr(GString) deep = g_string_new ("{\"text\": \"x\", \"n\": ");
  g_autoptr(CeTestRead) json = NULL;
  g_autoptr(CeTestRead) jsonl = NULL;
  const char * const warnings[] = { "deep.jsonl:1: nested more than 200 levels deep; skipped", NULL };

  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "[");
  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "]");
  g_string_append (deep, "}\n{\"text\": \"Shallow.\", \"n\": [[[[\"]]]]]\"]]]]}\n");

  json = ce_test_read_data (ce_read_json, "deep.json", deep->str, deep->len, NULL);
  g_assert_false (json->ok);
  g_assert_error (json->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (json->error->message, ==, "deep.json:1: nested more than 200 levels deep");

  jsonl = ce_test_read_data (ce_read_jsonl, "deep.jsonl", deep->str, deep->len, NULL);
  g_assert_true (jsonl->ok);
  assert_warnings (jsonl, warnings);
  g_assert_cmpuint (jsonl->drafts->len, ==, 1);
  g_assert_cmpstr (ce_test_read_draft_at (jsonl, 0)->body, ==, "Shallow.");
  g_assert_cmpstr (meta_value (ce_test_read_draft_at (jsonl, 0), "n"), ==, NULL);
}

/* CSV */

static void
test_csv (void)
{
  g_autoptr(CeTestRead) result = read_fixture (ce_read_csv, "articles.csv", NULL);
  CeDraft *draft;

  g_assert_true (result->ok);
  assert_warnings (result, NULL);
  g_assert_cmpuint (result->drafts->len, ==, 2);

  draft = ce_test_read_draft_at (result, 0);
  g_assert_cmpstr (draft->title, ==, "Quotes \"inside\"");
  g_assert_cmpstr (draft->body, ==,
                   "First line second line of the same paragraph\n\nNew paragraph, with a comma");
  g_assert_cmpstr (draft->date, ==, "2024-05-17");
  g_assert_cmpstr (meta_value (draft, "id"), ==, "1");
  g_assert_cmpuint (draft->line, ==, 2);
  g_assert_cmpuint (draft->offset, ==, 20);

  draft = ce_test_read_draft_at (result, 1);
  g_assert_cmpstr (draft->title, ==, "Plain");
  g_assert_cmpstr (draft->body, ==, "Just text");
  g_assert_cmpstr (draft->date, ==, "2024-05-17");
  g_assert_cmpuint (draft->line, ==, 7);
}

static void
test_csv_delimiters (void)
{
  g_autoptr(CeTestRead) semicolon = read_fixture (ce_read_csv, "semicolon.csv",
                                              &(CeImportOptions) { .text_field = "Inhalt", .title_field = "Titel" });
  g_autoptr(CeTestRead) tabs = read_fixture (ce_read_csv, "tabs.tsv", NULL);
  const char * const tab_warnings[] = {
    "tabs.tsv:3: 2 fields where the header has 3; the rest left empty", NULL
  };

  g_assert_true (semicolon->ok);
  assert_warnings (semicolon, NULL);
  g_assert_cmpuint (semicolon->drafts->len, ==, 2);
  g_assert_cmpstr (ce_test_read_draft_at (semicolon, 0)->title, ==, "Eins");
  g_assert_cmpstr (ce_test_read_draft_at (semicolon, 0)->body, ==, "Erster; Text");
  g_assert_cmpstr (ce_test_read_draft_at (semicolon, 0)->date, ==, "2024-01-02");

  g_assert_true (tabs->ok);
  assert_warnings (tabs, tab_warnings);
  g_assert_cmpuint (tabs->drafts->len, ==, 2);
  g_assert_cmpstr (ce_test_read_draft_at (tabs, 0)->title, ==, "One");
  g_assert_cmpstr (ce_test_read_draft_at (tabs, 0)->body, ==, "First story");
  g_assert_cmpstr (meta_value (ce_test_read_draft_at (tabs, 0), "extra"), ==, "x");
  g_assert_cmpstr (ce_test_read_draft_at (tabs, 1)->body, ==, "Second story");
}

static void
test_csv_unbalanced (void)
{
  g_autoptr(CeTestRead) result = read_fixture (ce_read_csv, "unbalanced.csv", NULL);
  g_autoptr(CeTestRead) unclosed = read_fixture (ce_read_csv, "unclosed.csv", NULL);
  const char * const warnings[] = {
    "unbalanced.csv:3: unbalanced quote: the quoted field opened on this line runs into "
    "line 4 without closing properly; read this line as a record of its own and went on "
    "with the next",
    NULL
  };
  const char * const unclosed_warnings[] = {
    "unclosed.csv:3: unbalanced quote: the quoted field opened on this line is not closed "
    "before the end of the file; read this line as a record of its own and went on with "
    "the next",
    NULL
  };

  g_assert_true (result->ok);
  assert_warnings (result, warnings);
  g_assert_cmpuint (result->drafts->len, ==, 4);
  g_assert_cmpstr (ce_test_read_draft_at (result, 0)->body, ==, "Hello, world");
  g_assert_cmpstr (ce_test_read_draft_at (result, 1)->title, ==, "Second");
  g_assert_cmpstr (ce_test_read_draft_at (result, 1)->body, ==, "Broken text with no closing quote");
  g_assert_cmpuint (ce_test_read_draft_at (result, 1)->line, ==, 3);
  g_assert_cmpstr (ce_test_read_draft_at (result, 2)->title, ==, "Third");
  g_assert_cmpstr (ce_test_read_draft_at (result, 2)->body, ==, "Fine again");
  g_assert_cmpuint (ce_test_read_draft_at (result, 2)->line, ==, 4);
  g_assert_cmpstr (ce_test_read_draft_at (result, 3)->body, ==, "Also fine");
  g_assert_cmpuint (ce_test_read_draft_at (result, 3)->line, ==, 5);

  g_assert_true (unclosed->ok);
  assert_warnings (unclosed, unclosed_warnings);
  g_assert_cmpuint (unclosed->drafts->len, ==, 3);
  g_assert_cmpstr (ce_test_read_draft_at (unclosed, 1)->body, ==, "never closed");
  g_assert_cmpstr (ce_test_read_draft_at (unclosed, 2)->body, ==, "plain");
  g_assert_cmpuint (ce_test_read_draft_at (unclosed, 2)->line, ==, 4);
}

static void
test_csv_problems (void)
{
  g_autoptr(CeTestRead) no_text = ce_test_read_data (ce_read_csv, "no-text.csv", "a,b\n1,2\n", -1, NULL);
  g_autoptr(CeTestRead) stray = ce_test_read_data (ce_read_csv, "stray.csv",
                                       "text,n\n\"He said \"hi\" to me\",1\nplain,2,extra\n", -1, NULL);
  g_autoptr(CeTestRead) empty = ce_test_read_data (ce_read_csv, "empty.csv", "", 0, NULL);
  const char * const stray_warnings[] = {
    "stray.csv:3: 3 fields where the header has 2; the last 1 dropped", NULL
  };
  const char * const empty_warnings[] = { "empty.csv: no header line", NULL };

  g_assert_false (no_text->ok);
  g_assert_error (no_text->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (no_text->error->message, ==,
                   "no-text.csv:1: no text column (the columns are \"a\", \"b\"); "
                   "name it with --text-field");

  /* A quote that is not doubled, on one line, is read as a character */
  g_assert_true (stray->ok);
  assert_warnings (stray, stray_warnings);
  g_assert_cmpuint (stray->drafts->len, ==, 2);
  g_assert_cmpstr (ce_test_read_draft_at (stray, 0)->body, ==, "He said \"hi\" to me");
  g_assert_cmpstr (meta_value (ce_test_read_draft_at (stray, 0), "n"), ==, "1");

  g_assert_true (empty->ok);
  assert_warnings (empty, empty_warnings);
}

/* Mail */

static void
test_email_bad_base64 (void)
{
  g_autoptr(CeTestRead) result = read_fixture (ce_read_email, "bad-base64.eml", NULL);
  const char * const warnings[] = {
    "bad-base64.eml:1: invalid base64 in the message text; kept what could be decoded", NULL
  };
  CeDraft *draft;

  g_assert_true (result->ok);
  assert_warnings (result, warnings);
  g_assert_cmpuint (result->drafts->len, ==, 1);
  draft = ce_test_read_draft_at (result, 0);
  g_assert_cmpstr (draft->title, ==, "Broken attachment");
  g_assert_cmpstr (draft->author, ==, "Ann Reed");
  g_assert_cmpstr (draft->date, ==, "2024-03-05");
  g_assert_true (g_str_has_prefix (draft->body, "Hello world."));
  g_assert_cmpstr (meta_value (draft, "message-id"), ==, "<bad64@example.org>");
  g_assert_cmpstr (meta_value (draft, "to"), ==, "desk@example.org");
}

static void
test_email_mbox (void)
{
  g_autoptr(CeTestRead) result = read_fixture (ce_read_email, "three.mbox", NULL);
  CeDraft *draft;

  g_assert_true (result->ok);
  assert_warnings (result, NULL);
  g_assert_cmpuint (result->drafts->len, ==, 3);

  draft = ce_test_read_draft_at (result, 0);
  g_assert_cmpstr (draft->title, ==, "Café prices rise");
  g_assert_cmpstr (draft->author, ==, "Ann Réed");
  g_assert_cmpstr (draft->date, ==, "2024-03-05");
  g_assert_cmpstr (draft->body, ==,
                   "Prices at the café rose by 3%. This line is long enough to be wrapped "
                   "softly by the encoder.\n\nSecond paragraph. From the archives: nothing.");
  g_assert_cmpuint (draft->line, ==, 1);
  g_assert_cmpuint (draft->offset, ==, 0);

  draft = ce_test_read_draft_at (result, 1);
  g_assert_cmpstr (draft->title, ==, "Alternatives");
  g_assert_cmpstr (draft->author, ==, "bob@example.org");
  g_assert_cmpstr (draft->date, ==, "2024-03-06");
  g_assert_cmpstr (draft->body, ==, "Plain version.");
  g_assert_cmpuint (draft->line, ==, 17);

  draft = ce_test_read_draft_at (result, 2);
  g_assert_cmpstr (draft->title, ==, "HTML only");
  g_assert_cmpstr (draft->author, ==, "Cleo");
  g_assert_cmpstr (draft->date, ==, "2024-03-07");
  g_assert_cmpstr (draft->body, ==, "Café au lait.\n\nSecond.");
  g_assert_cmpstr (meta_value (draft, "attachment"), ==, "report.pdf");
  g_assert_cmpuint (draft->line, ==, 34);
}

static void
test_email_crlf (void)
{
  const char data[] =
    "Received: from x by y; Tue, 5 Mar 2024 10:00:00 +0000\r\n"
    "From: ann@example.org (Ann Reed)\r\n"
    "Subject: =?iso-8859-1?Q?Caf=E9?= and =?UTF-8?Q?cr=C3=A8me?=\r\n"
    "Content-Type: text/plain; charset=\"iso-8859-15\"; format=flowed\r\n"
    "Content-Transfer-Encoding: 8bit\r\n"
    "\r\n"
    "Flowed text goes \r\non here.\r\n"
    "\r\n"
    "Price: 5 \xA4.\r\n";
  g_autoptr(CeTestRead) result = ce_test_read_data (ce_read_email, "crlf.eml", data, sizeof data - 1, NULL);
  CeDraft *draft;

  g_assert_true (result->ok);
  assert_warnings (result, NULL);
  g_assert_cmpuint (result->drafts->len, ==, 1);
  draft = ce_test_read_draft_at (result, 0);
  g_assert_cmpstr (draft->title, ==, "Café and crème");
  g_assert_cmpstr (draft->author, ==, "Ann Reed");
  g_assert_null (draft->date);
  g_assert_cmpstr (draft->body, ==, "Flowed text goes on here.\n\nPrice: 5 €.");
  g_assert_cmpuint (draft->line, ==, 1);
}

/* HTML */

static void
test_html (void)
{
  g_autoptr(CeTestRead) result = read_fixture (ce_read_html, "page.html", NULL);
  CeDraft *draft;

  g_assert_true (result->ok);
  assert_warnings (result, NULL);
  g_assert_cmpuint (result->drafts->len, ==, 1);

  draft = ce_test_read_draft_at (result, 0);
  g_assert_cmpstr (draft->title, ==, "Harbour reopens after storm");
  g_assert_cmpstr (draft->date, ==, "2024-03-01");
  g_assert_cmpstr (draft->author, ==, "Ann Reed");
  g_assert_cmpstr (draft->source, ==, "Island Times");
  g_assert_cmpstr (meta_value (draft, "description"), ==, "The harbour is open again.");
  g_assert_cmpstr (draft->body, ==,
                   "The harbour reopened on Monday morning.\n\n"
                   "# Ferries\n\n"
                   "Ferries resumed.\n\n"
                   "Timetables are normal.\n\n"
                   "Item one\n\n"
                   "Item two");
  g_assert_null (strstr (draft->body, "secret"));
}

static void
test_html_charsets (void)
{
  const char latin1[] =
    "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
    "<title>Caf\xE9</title></head><body><p>Cr\xE8me br\xFBl\xE9" "e</p>"
    "<time datetime=\"2022-11-03\">3 Nov</time></body></html>";
  const char koi8[] =
    "<html><head><meta charset=\"koi8-r\"></head><body><h1>\xF0\xD2\xC9\xD7\xC5\xD4</h1>"
    "<p>\xED\xC9\xD2</p></body></html>";
  g_autoptr(CeTestRead) result = ce_test_read_data (ce_read_html, "latin1.html", latin1, -1, NULL);
  g_autoptr(CeTestRead) russian = ce_test_read_data (ce_read_html, "koi8.html", koi8, -1, NULL);
  g_autoptr(CeTestRead) empty = ce_test_read_data (ce_read_html, "empty.html",
                                       "<html><script>x()</script></html>", -1, NULL);
  const char * const empty_warnings[] = { "empty.html: no text in the page", NULL };

  g_assert_cmpuint (result->drafts->len, ==, 1);
  g_assert_cmpstr (ce_test_read_draft_at (result, 0)->title, ==, "Café");
  g_assert_cmpstr (ce_test_read_draft_at (result, 0)->body, ==, "Crème brûlée\n\n3 Nov");
  g_assert_cmpstr (ce_test_read_draft_at (result, 0)->date, ==, "2022-11-03");

  g_assert_cmpuint (russian->drafts->len, ==, 1);
  g_assert_cmpstr (ce_test_read_draft_at (russian, 0)->title, ==, "Привет");
  g_assert_cmpstr (ce_test_read_draft_at (russian, 0)->body, ==, "Мир");

  g_assert_true (empty->ok);
  g_assert_cmpuint (empty->drafts->len, ==, 0);
  assert_warnings (empty, empty_warnings);
}

/* Text */

static void
test_text_markdown (void)
{
  g_autoptr(CeTestRead) result = read_fixture (ce_read_text, "note.md", NULL);
  CeDraft *draft;

  g_assert_true (result->ok);
  assert_warnings (result, NULL);
  g_assert_cmpuint (result->drafts->len, ==, 1);

  draft = ce_test_read_draft_at (result, 0);
  g_assert_cmpstr (draft->title, ==, "Harbour notes");
  g_assert_cmpstr (draft->date, ==, "2024-05-17");
  g_assert_cmpstr (draft->author, ==, "Ann Reed");
  g_assert_cmpstr (draft->place, ==, "Port Ellen");
  g_assert_cmpstr (meta_value (draft, "tags"), ==, "harbour, ferries");
  g_assert_cmpstr (meta_value (draft, "mood"), ==, "calm");
  g_assert_cmpstr (draft->body, ==,
                   "The harbour reopened on Monday.\n\n"
                   "# Ferries\n\n"
                   "Ferries resumed and timetables are normal.\n\n"
                   "- first item\n\n"
                   "- second item");
  g_assert_cmpuint (draft->line, ==, 1);
}

static void
test_text_plain (void)
{
  g_autoptr(CeTestRead) dated = read_fixture (ce_read_text, "2021-03-04-harbour_reopens.txt", NULL);
  g_autoptr(CeTestRead) titled = read_fixture (ce_read_text, "plain-title.txt", NULL);
  g_autoptr(GString) unwrapped = g_string_new (NULL);
  g_autoptr(CeTestRead) lines = NULL;
  g_auto(GStrv) paragraphs = NULL;
  g_autoptr(CeTestRead) setext = ce_test_read_data (ce_read_text, "setext.md",
                                        "Big title\n=========\n\nSome text.\n\nPart two\n--------\nMore.\n",
                                        -1, NULL);
  g_autoptr(CeTestRead) empty = ce_test_read_data (ce_read_text, "empty.txt", "\n\n  \n", -1, NULL);
  const char * const empty_warnings[] = { "empty.txt: no text", NULL };

  g_assert_cmpuint (dated->drafts->len, ==, 1);
  g_assert_cmpstr (ce_test_read_draft_at (dated, 0)->title, ==, "harbour reopens");
  g_assert_cmpstr (ce_test_read_draft_at (dated, 0)->date, ==, "2021-03-04");
  g_assert_cmpstr (ce_test_read_draft_at (dated, 0)->body, ==,
                   "The harbour reopened on Monday after a storm that closed it for three days, "
                   "and the ferries resumed their timetables in the afternoon.\n\n"
                   "The council said repairs would take weeks.");

  g_assert_cmpuint (titled->drafts->len, ==, 1);
  g_assert_cmpstr (ce_test_read_draft_at (titled, 0)->title, ==, "Storm warning for the islands");
  g_assert_null (ce_test_read_draft_at (titled, 0)->date);
  g_assert_cmpstr (ce_test_read_draft_at (titled, 0)->body, ==, "A storm is expected on Friday. Stay inside.");

  /* No blank lines and long lines: every line is a paragraph */
  g_string_append (unwrapped, "Short title\n");
  for (guint i = 0; i < 3; i++)
    {
      for (guint j = 0; j < 40; j++)
        g_string_append_printf (unwrapped, "word%u ", i);
      g_string_append (unwrapped, "end.\n");
    }
  lines = ce_test_read_data (ce_read_text, "unwrapped.txt", unwrapped->str, unwrapped->len, NULL);
  g_assert_cmpuint (lines->drafts->len, ==, 1);
  g_assert_cmpstr (ce_test_read_draft_at (lines, 0)->title, ==, "Short title");
  paragraphs = g_strsplit (ce_test_read_draft_at (lines, 0)->body, "\n\n", -1);
  g_assert_cmpuint (g_strv_length (paragraphs), ==, 3);

  g_assert_cmpuint (setext->drafts->len, ==, 1);
  g_assert_cmpstr (ce_test_read_draft_at (setext, 0)->title, ==, "Big title");
  g_assert_cmpstr (ce_test_read_draft_at (setext, 0)->body, ==, "Some text.\n\n# Part two\n\nMore.");

  g_assert_true (empty->ok);
  g_assert_cmpuint (empty->drafts->len, ==, 0);
  assert_warnings (empty, empty_warnings);
}

static void
test_text_encodings (void)
{
  const char latin1[] = "Caf\xE9 prices\n\nPrices at the caf\xE9 rose.\n";
  const char utf16[] = "\xFF\xFE" "H\x00i\x00\n\x00\n\x00\xE9\x00t\x00\xE9\x00\n\x00";
  const char utf8_bom[] = "\xEF\xBB\xBF# Titre\n\nL'\xC3\xA9t\xC3\xA9.\n";
  g_autoptr(CeTestRead) l1 = ce_test_read_data (ce_read_text, "latin1.txt", latin1, sizeof latin1 - 1, NULL);
  g_autoptr(CeTestRead) u16 = ce_test_read_data (ce_read_text, "utf16.txt", utf16, sizeof utf16 - 1, NULL);
  g_autoptr(CeTestRead) bom = ce_test_read_data (ce_read_text, "bom.md", utf8_bom, sizeof utf8_bom - 1, NULL);
  const char * const latin1_warnings[] = {
    "latin1.txt:1: not valid UTF-8, read as Windows-1252 (Latin-1)", NULL
  };

  assert_warnings (l1, latin1_warnings);
  g_assert_cmpuint (l1->repairs, ==, 2);
  g_assert_cmpstr (ce_test_read_draft_at (l1, 0)->title, ==, "Café prices");
  g_assert_cmpstr (ce_test_read_draft_at (l1, 0)->body, ==, "Prices at the café rose.");

  assert_warnings (u16, NULL);
  g_assert_cmpuint (u16->repairs, ==, 0);
  g_assert_cmpstr (ce_test_read_draft_at (u16, 0)->title, ==, "Hi");
  g_assert_cmpstr (ce_test_read_draft_at (u16, 0)->body, ==, "été");

  assert_warnings (bom, NULL);
  g_assert_cmpstr (ce_test_read_draft_at (bom, 0)->title, ==, "Titre");
  g_assert_cmpstr (ce_test_read_draft_at (bom, 0)->body, ==, "L'été.");
}

/* Detection */

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
  g_autofree char *path = fixture_path (name);
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

  g_test_add_func ("/corpus-explorer/formats/line-reader/endings", test_line_reader_endings);
  g_test_add_func ("/corpus-explorer/formats/line-reader/boms", test_line_reader_boms);
  g_test_add_func ("/corpus-explorer/formats/line-reader/latin1", test_line_reader_latin1);
  g_test_add_func ("/corpus-explorer/formats/line-reader/boundaries", test_line_reader_boundaries);
  g_test_add_func ("/corpus-explorer/formats/line-reader/big-line", test_line_reader_big_line);
  g_test_add_func ("/corpus-explorer/formats/decode/bytes", test_decode_bytes);
  g_test_add_func ("/corpus-explorer/formats/date/parse", test_date_parse);
  g_test_add_func ("/corpus-explorer/formats/date/filename", test_date_from_filename);
  g_test_add_func ("/corpus-explorer/formats/fields/mapping", test_fields_mapping);
  g_test_add_func ("/corpus-explorer/formats/fields/overrides", test_fields_overrides);
  g_test_add_func ("/corpus-explorer/formats/fields/normalize", test_fields_normalize);
  g_test_add_func ("/corpus-explorer/formats/jsonl/records", test_jsonl);
  g_test_add_func ("/corpus-explorer/formats/jsonl/text-field", test_jsonl_text_field);
  g_test_add_func ("/corpus-explorer/formats/json/array", test_json_array);
  g_test_add_func ("/corpus-explorer/formats/json/wrapped", test_json_wrapped);
  g_test_add_func ("/corpus-explorer/formats/json/broken", test_json_broken);
  g_test_add_func ("/corpus-explorer/formats/json/deep", test_json_deep);
  g_test_add_func ("/corpus-explorer/formats/csv/records", test_csv);
  g_test_add_func ("/corpus-explorer/formats/csv/delimiters", test_csv_delimiters);
  g_test_add_func ("/corpus-explorer/formats/csv/unbalanced", test_csv_unbalanced);
  g_test_add_func ("/corpus-explorer/formats/csv/problems", test_csv_problems);
  g_test_add_func ("/corpus-explorer/formats/email/bad-base64", test_email_bad_base64);
  g_test_add_func ("/corpus-explorer/formats/email/mbox", test_email_mbox);
  g_test_add_func ("/corpus-explorer/formats/email/crlf", test_email_crlf);
  g_test_add_func ("/corpus-explorer/formats/html/page", test_html);
  g_test_add_func ("/corpus-explorer/formats/html/charsets", test_html_charsets);
  g_test_add_func ("/corpus-explorer/formats/text/markdown", test_text_markdown);
  g_test_add_func ("/corpus-explorer/formats/text/plain", test_text_plain);
  g_test_add_func ("/corpus-explorer/formats/text/encodings", test_text_encodings);
  g_test_add_func ("/corpus-explorer/formats/detect", test_detect);
  g_test_add_func ("/corpus-explorer/formats/stop-and-cancel", test_stop_and_cancel);
  g_test_add_func ("/corpus-explorer/formats/fuzz", test_fuzz);

  return g_test_run ();
}
