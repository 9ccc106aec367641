/* test-formats.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The readers of every format on the fixtures in tests/fixtures/formats:
 * JSON Lines, JSON, CSV, mail, HTML and text, with the warnings they
 * give.
 */

#include "config.h"

#include <string.h>

#include "ce-reader.h"
#include "ce-test-util.h"

static CeTestRead *
read_fixture (CeTestReadFunc         func,
              const char            *name,
              const CeImportOptions *options)
{
  g_autofree char *path = ce_test_fixture_path ("formats", name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, &error);

  g_assert_no_error (error);
  /* Messages name the file by its base name, to keep expectations short */
  return ce_test_read_stream (func, name, G_INPUT_STREAM (stream), options, 0, NULL);
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
  g_assert_cmpstr (ce_test_draft_meta (draft, "id", 0), ==, "17");
  g_assert_cmpstr (ce_test_draft_meta (draft, "tags", 0), ==, "harbour, ferries");
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
  g_assert_cmpstr (ce_test_draft_meta (ce_test_read_draft_at (result, 0), "text", 0), ==, "ignored");
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
  g_assert_cmpstr (ce_test_draft_meta (ce_test_read_draft_at (nested, 0), "lead_paragraph", 0), ==, "x");
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
  g_assert_cmpstr (ce_test_draft_meta (ce_test_read_draft_at (jsonl, 0), "n", 0), ==, NULL);
}

/* json-glib 1.6 reads escapes that JSON does not have (\351, \2) as raw
 * bytes: what reaches a draft is still valid UTF-8 (found by fuzz-json) */
static void
test_json_octal_escapes (void)
{
  const char *record = "{\"title\": \"Caf\\351\", \"text\": \"One.\\2024 and \\377\", \"k\\351y\": \"v\"}";
  g_autofree char *list = g_strdup_printf ("[%s]\n", record);
  g_autofree char *lines = g_strdup_printf ("%s\n", record);
  g_autoptr(CeTestRead) json = ce_test_read_data (ce_read_json, "octal.json", list, -1, NULL);
  g_autoptr(CeTestRead) jsonl = ce_test_read_data (ce_read_jsonl, "octal.jsonl", lines, -1, NULL);
  CeTestRead *results[] = { json, jsonl };

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      CeDraft *draft;

      g_assert_true (results[i]->ok);
      g_assert_cmpuint (results[i]->drafts->len, ==, 1);
      draft = ce_test_read_draft_at (results[i], 0);
      g_assert_cmpstr (draft->body, ==, "One.\xef\xbf\xbd" "4 and \xef\xbf\xbd");
      g_assert_cmpstr (draft->title, ==, "Caf\xef\xbf\xbd");
      g_assert_cmpstr (ce_test_draft_meta (draft, "k\xef\xbf\xbdy", 0), ==, "v");
    }
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
  g_assert_cmpstr (ce_test_draft_meta (draft, "id", 0), ==, "1");
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
  g_assert_cmpstr (ce_test_draft_meta (ce_test_read_draft_at (tabs, 0), "extra", 0), ==, "x");
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
  g_assert_cmpstr (ce_test_draft_meta (ce_test_read_draft_at (stray, 0), "n", 0), ==, "1");

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
  g_assert_cmpstr (ce_test_draft_meta (draft, "message-id", 0), ==, "<bad64@example.org>");
  g_assert_cmpstr (ce_test_draft_meta (draft, "to", 0), ==, "desk@example.org");
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
  g_assert_cmpstr (ce_test_draft_meta (draft, "attachment", 0), ==, "report.pdf");
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
  g_assert_cmpstr (ce_test_draft_meta (draft, "description", 0), ==, "The harbour is open again.");
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
  g_assert_cmpstr (ce_test_draft_meta (draft, "tags", 0), ==, "harbour, ferries");
  g_assert_cmpstr (ce_test_draft_meta (draft, "mood", 0), ==, "calm");
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus-explorer/formats/jsonl/records", test_jsonl);
  g_test_add_func ("/corpus-explorer/formats/jsonl/text-field", test_jsonl_text_field);
  g_test_add_func ("/corpus-explorer/formats/json/array", test_json_array);
  g_test_add_func ("/corpus-explorer/formats/json/wrapped", test_json_wrapped);
  g_test_add_func ("/corpus-explorer/formats/json/broken", test_json_broken);
  g_test_add_func ("/corpus-explorer/formats/json/deep", test_json_deep);
  g_test_add_func ("/corpus-explorer/formats/json/octal-escapes", test_json_octal_escapes);
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

  return g_test_run ();
}
