/* test-formats-input.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every reader stands on: the line reader (line ends, byte order
 * marks, Latin-1, buffer boundaries, overlong lines), decoding bytes,
 * dates, and the mapping of fields.  test-formats checks the readers,
 * test-formats-detect detection, stopping and garbage.
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
  g_autofree char *dir = ce_test_make_dir ("ce-formats");
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
  g_assert_cmpstr (ce_test_draft_meta (draft, "ID", 0), ==, "17");
  g_assert_cmpstr (ce_test_draft_meta (draft, "pub_date", 0), ==, "not a date");
  g_assert_cmpstr (ce_test_draft_meta (draft, "Notes", 0), ==, "keep me");
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
  g_assert_cmpstr (ce_test_draft_meta (draft, "body", 0), ==, "Not this one.");
  g_assert_cmpstr (ce_test_draft_meta (draft, "date", 0), ==, "2024-05-17");
  g_assert_cmpstr (ce_test_draft_meta (draft, "year", 0), ==, "1999");

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

  return g_test_run ();
}
