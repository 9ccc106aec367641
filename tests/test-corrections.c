/* test-corrections.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ce-corpus-private.h"
#include "ce-corrections.h"
#include "ce-search.h"
#include "ce-test-util.h"

static char *tmp_dir;

#define BODY_1 "Residents gathered on Monday as the harbour plan was announced.\n\n" \
               "Officials said the work would take most of the year.\n\n"          \
               "# FERRY TIMETABLE\n\n"                                             \
               "The new lighthouse keeper arrives in spring. Nobody minds.\n\n"    \
               "Fishermen welcomed the news."

static char *
new_corpus_path (const char *name)
{
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_remove (path);
  return path;
}

/* Three documents from one source; the second has a heading and tags */
static CeCorpus *
build_corpus (const char *name)
{
  g_autofree char *path = new_corpus_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(CeCorpus) corpus = NULL;
  const char *bodies[] = {
    "Storm warnings were issued for the western isles.\n\nGales are expected tonight.",
    BODY_1,
    "The distillery is hiring forty people.\n\nApplications close in May.",
  };
  gint64 source;

  corpus = ce_corpus_open (path, CE_CORPUS_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (ce_corpus_begin (corpus, &error));
  source = ce_corpus_add_source (corpus, "/tmp/islands.txt", "dump", 900, "c0ffee", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autofree char *title = g_strdup_printf ("Article %u", i + 1);
      g_autofree char *date = g_strdup_printf ("2024-03-0%u", i + 1);
      g_autoptr(CeDraft) draft = ce_test_draft_new (title, "OBAN", date, "Island Herald", bodies[i]);

      draft->author = g_strdup ("A. Reporter");
      draft->offset = 300 * i;
      draft->line = 1 + 10 * i;
      ce_draft_add_meta (draft, "tag", i == 1 ? "Harbour" : "Weather");
      ce_test_corpus_add (corpus, source, draft);
    }

  g_assert_true (ce_corpus_commit (corpus, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&corpus);
}

/* The index agrees with the documents table, row for row */
static void
assert_index_consistent (CeCorpus *corpus)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_ce_corpus_exec (corpus, "INSERT INTO fts (fts, rank) VALUES ('integrity-check', 1)",
                                  &error));
  g_assert_no_error (error);
}

static gint64
id_at (CeCorpus *corpus,
       guint     index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = ce_corpus_list_document_ids (corpus, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (index, <, ids->len);
  return g_array_index (ids, gint64, index);
}

static char *
query_text (CeCorpus   *corpus,
            const char *sql)
{
  sqlite3_stmt *stmt = _ce_corpus_prepare (corpus, sql, NULL);
  char *text = NULL;

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return text;
}

/* Every document as "title|body|words|hash", in corpus order */
static char *
dump_documents (CeCorpus *corpus)
{
  return query_text (corpus,
                     "SELECT group_concat(title || '|' || body || '|' || words || '|' || hash, '\n')"
                     "  FROM (SELECT * FROM documents ORDER BY position)");
}

static void
count_changed (guint *changed)
{
  (*changed)++;
}

static void
test_split (void)
{
  g_autoptr(CeCorpus) corpus = build_corpus ("split.corpus");
  g_autoptr(GError) error = NULL;
  g_autoptr(CeDocument) first = NULL;
  g_autoptr(CeDocument) second = NULL;
  g_autoptr(GArray) heading = NULL;
  g_autoptr(GArray) harbour = NULL;
  g_autofree char *tags = NULL;
  gint64 id = id_at (corpus, 1);
  const char *at = strstr (BODY_1, "# FERRY");
  guint64 generation = ce_corpus_get_generation (corpus);
  guint changed = 0;
  gint64 new_id;

  g_signal_connect_swapped (corpus, "changed", G_CALLBACK (count_changed), &changed);

  new_id = ce_corpus_split_document (corpus, id, at - BODY_1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (new_id, >, 0);
  g_assert_cmpint (ce_corpus_count_documents (corpus), ==, 4);
  g_assert_cmpuint (ce_corpus_get_generation (corpus), >, generation);
  g_assert_cmpuint (changed, ==, 1);

  first = ce_corpus_get_document (corpus, id, &error);
  g_assert_no_error (error);
  second = ce_corpus_get_document (corpus, new_id, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (ce_document_get_title (first), ==, "Article 2");
  g_assert_cmpstr (ce_document_get_body (first), ==,
                   "Residents gathered on Monday as the harbour plan was announced.\n\n"
                   "Officials said the work would take most of the year.");
  g_assert_cmpuint (ce_document_get_words (first), ==,
                    ce_text_count_words (ce_document_get_body (first), -1));

  /* The new document comes right after, titled after its heading, with
   * the same metadata */
  g_assert_cmpstr (ce_document_get_title (second), ==, "FERRY TIMETABLE");
  g_assert_cmpstr (ce_document_get_body (second), ==, at);
  g_assert_cmpuint (ce_document_get_words (second), ==, ce_text_count_words (at, -1));
  g_assert_cmpstr (ce_document_get_place (second), ==, "OBAN");
  g_assert_cmpstr (ce_document_get_date (second), ==, "2024-03-02");
  g_assert_cmpstr (ce_document_get_source (second), ==, "Island Herald");
  g_assert_cmpstr (ce_document_get_author (second), ==, "A. Reporter");
  g_assert_cmpint (id_at (corpus, 2), ==, new_id);
  g_assert_cmpfloat (ce_document_get_position (second), >, ce_document_get_position (first));
  g_assert_cmpint (ce_corpus_get_previous_document (corpus, new_id), ==, id);
  tags = query_text (corpus, "SELECT group_concat(value) FROM meta WHERE doc_id = (SELECT max(id) FROM documents)");
  g_assert_cmpstr (tags, ==, "Harbour");

  /* The index follows: words of the second half find the new document only */
  assert_index_consistent (corpus);
  heading = ce_test_search_ids (corpus, "lighthouse");
  g_assert_cmpuint (heading->len, ==, 1);
  g_assert_true (ce_test_ids_contain (heading, new_id));
  harbour = ce_test_search_ids (corpus, "harbour");
  g_assert_cmpuint (harbour->len, ==, 1);
  g_assert_true (ce_test_ids_contain (harbour, id));

  /* Recorded against the source, at the source offset of the paragraph */
  g_assert_cmpuint (ce_corpus_count_corrections (corpus), ==, 1);
  {
    g_autofree char *row = query_text (corpus, "SELECT source_checksum || ' ' || kind || ' ' || offset FROM corrections");
    g_autofree char *expected = g_strdup_printf ("c0ffee split %u", (guint)(300 + (at - BODY_1)));

    g_assert_cmpstr (row, ==, expected);
  }

  /* Hashes are those of the new contents: the same text is a duplicate */
  {
    g_autoptr(CeDraft) draft = ce_draft_new ();

    draft->title = g_strdup ("FERRY TIMETABLE");
    draft->body = g_strdup (at);
    g_assert_true (ce_corpus_begin (corpus, &error));
    g_assert_cmpint (ce_corpus_add_draft (corpus, 0, draft, &error), ==, CE_CORPUS_DUPLICATE);
    ce_corpus_rollback (corpus);
  }
}

static void
test_split_refused (void)
{
  g_autoptr(CeCorpus) corpus = build_corpus ("refused.corpus");
  g_autofree char *before = dump_documents (corpus);
  g_autofree char *after = NULL;
  gint64 id = id_at (corpus, 1);
  const gsize bad[] = {
    0,                                      /* the first paragraph */
    5,                                      /* inside a paragraph */
    strstr (BODY_1, "\n\n# FERRY") - BODY_1, /* on the blank line */
    strlen (BODY_1),                        /* the end */
    strlen (BODY_1) + 100,                  /* beyond it */
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (ce_corpus_split_document (corpus, id, bad[i], &error), ==, -1);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (ce_corpus_split_document (corpus, 999, 10, &error), ==, -1);
    g_assert_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_NOT_FOUND);
  }

  /* Nothing changed, and no transaction was left open */
  after = dump_documents (corpus);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (ce_corpus_in_transaction (corpus));
  g_assert_cmpuint (ce_corpus_count_corrections (corpus), ==, 0);
  assert_index_consistent (corpus);
}

static void
test_merge (void)
{
  g_autoptr(CeCorpus) corpus = build_corpus ("merge.corpus");
  g_autoptr(GError) error = NULL;
  g_autoptr(CeDocument) merged = NULL;
  g_autoptr(GArray) hits = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *expected = NULL;
  gint64 first = id_at (corpus, 0);
  gint64 second = id_at (corpus, 1);

  g_assert_true (ce_corpus_merge_document (corpus, second, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ce_corpus_count_documents (corpus), ==, 2);

  merged = ce_corpus_get_document (corpus, first, &error);
  g_assert_no_error (error);
  expected = g_strconcat ("Storm warnings were issued for the western isles.\n\nGales are expected tonight.\n\n",
                          BODY_1, NULL);
  g_assert_cmpstr (ce_document_get_title (merged), ==, "Article 1");
  g_assert_cmpstr (ce_document_get_body (merged), ==, expected);
  g_assert_cmpuint (ce_document_get_words (merged), ==, ce_text_count_words (expected, -1));

  /* The merged document has the metadata of both */
  tags = query_text (corpus, "SELECT group_concat(value, ',') FROM (SELECT value FROM meta WHERE doc_id = 1 ORDER BY value)");
  g_assert_cmpstr (tags, ==, "Harbour,Weather");

  assert_index_consistent (corpus);
  hits = ce_test_search_ids (corpus, "lighthouse");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_true (ce_test_ids_contain (hits, first));
  g_assert_cmpuint (ce_corpus_count_corrections (corpus), ==, 1);

  /* The first document has nothing before it */
  g_assert_false (ce_corpus_merge_document (corpus, first, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpint (ce_corpus_count_documents (corpus), ==, 2);
  g_assert_false (ce_corpus_in_transaction (corpus));
}

static void
test_undo (void)
{
  g_autoptr(CeCorpus) corpus = build_corpus ("undo.corpus");
  g_autofree char *original = dump_documents (corpus);
  g_autofree char *meta = query_text (corpus, "SELECT group_concat(doc_id || key || value) FROM meta");
  g_autoptr(GError) error = NULL;
  g_autoptr(CeCorrectionUndo) split = NULL;
  g_autoptr(CeCorrectionUndo) merge = NULL;
  gint64 id = id_at (corpus, 1);
  gint64 third = id_at (corpus, 2);
  gint64 new_id;

  new_id = ce_corpus_split_document_full (corpus, id, strstr (BODY_1, "The new") - BODY_1, &split, &error);
  g_assert_no_error (error);
  g_assert_cmpint (new_id, >, 0);
  g_assert_cmpstr (ce_correction_undo_get_kind (split), ==, CE_CORRECTION_SPLIT);
  g_assert_cmpint (ce_correction_undo_get_document (split), ==, id);

  /* The title of a part without a heading is its first sentence */
  {
    g_autoptr(CeDocument) part = ce_corpus_get_document (corpus, new_id, &error);

    g_assert_cmpstr (ce_document_get_title (part), ==, "The new lighthouse keeper arrives in spring.");
  }

  g_assert_true (ce_corpus_undo_correction (corpus, split, &error));
  g_assert_no_error (error);
  {
    g_autofree char *now = dump_documents (corpus);
    g_assert_cmpstr (now, ==, original);
  }
  g_assert_cmpuint (ce_corpus_count_corrections (corpus), ==, 0);
  assert_index_consistent (corpus);

  /* A merge comes undone with the same id, metadata and index entries */
  g_assert_true (ce_corpus_merge_document_full (corpus, third, &merge, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ce_correction_undo_get_kind (merge), ==, CE_CORRECTION_MERGE);
  g_assert_cmpint (ce_correction_undo_get_document (merge), ==, id);
  g_assert_cmpint (ce_corpus_count_documents (corpus), ==, 2);
  g_assert_true (ce_corpus_undo_correction (corpus, merge, &error));
  g_assert_no_error (error);
  {
    g_autofree char *now = dump_documents (corpus);
    g_autofree char *now_meta = query_text (corpus, "SELECT group_concat(doc_id || key || value) FROM meta");
    g_autoptr(GArray) hits = ce_test_search_ids (corpus, "distillery");

    g_assert_cmpstr (now, ==, original);
    g_assert_cmpstr (now_meta, ==, meta);
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_true (ce_test_ids_contain (hits, third));
  }
  g_assert_cmpuint (ce_corpus_count_corrections (corpus), ==, 0);
  assert_index_consistent (corpus);

  /* Undoing twice finds the documents changed */
  g_assert_false (ce_corpus_undo_correction (corpus, merge, &error));
  g_assert_nonnull (error);
  {
    g_autofree char *now = dump_documents (corpus);
    g_assert_cmpstr (now, ==, original);
  }
}

/* The byte offset of the @n-th paragraph of a body */
static gsize
paragraph_offset (const char *body,
                  guint       n)
{
  const char *p = body;

  for (guint i = 0; i < n; i++)
    {
      p = strstr (p, "\n\n");
      g_assert_nonnull (p);
      p += 2;
    }

  return p - body;
}

static void
copy_corrections (CeCorpus *from,
                  CeCorpus *to)
{
  sqlite3_stmt *stmt = _ce_corpus_prepare (from, "SELECT source_checksum, kind, offset FROM corrections ORDER BY id", NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO corrections (source_checksum, kind, offset, created)"
                                              " VALUES ('%s', '%s', %" G_GINT64_FORMAT ", 'now')",
                                              sqlite3_column_text (stmt, 0),
                                              sqlite3_column_text (stmt, 1),
                                              (gint64)sqlite3_column_int64 (stmt, 2));
      g_assert_true (_ce_corpus_exec (to, sql, NULL));
    }
  sqlite3_finalize (stmt);
}

static char *
dump_hashes (CeCorpus *corpus)
{
  return query_text (corpus, "SELECT group_concat(hash, ' ') FROM (SELECT hash FROM documents ORDER BY position)");
}

static void
test_reimport (void)
{
  g_autofree char *dump = ce_test_shared_dump_path ();
  g_autofree char *path = NULL;
  g_autofree char *rebuilt_path = NULL;
  g_autofree char *hashes = NULL;
  g_autoptr(CeCorpus) corpus = NULL;
  g_autoptr(CeCorpus) rebuilt = NULL;
  g_autoptr(CeImportReport) first = NULL;
  g_autoptr(CeImportReport) again = NULL;
  g_autoptr(CeImportReport) after_undo = NULL;
  g_autoptr(CeImportReport) fresh = NULL;
  g_autoptr(CeCorrectionUndo) undo = NULL;
  g_autoptr(CeDocument) third = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n, split_id, new_id;

  if (dump == NULL)
    {
      g_test_skip ("the shared corpus is not here");
      return;
    }

  path = new_corpus_path ("reimport.corpus");
  first = ce_test_import_file (path, dump);
  g_assert_cmpuint (first->documents_added, >=, 5);

  corpus = ce_corpus_open (path, CE_CORPUS_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  n = ce_corpus_count_documents (corpus);

  /* Split the third article at its third paragraph, merge the fifth
   * into the fourth, then split the merged one again inside its second
   * half: each correction builds on the ones before */
  split_id = id_at (corpus, 2);
  third = ce_corpus_get_document (corpus, split_id, &error);
  g_assert_no_error (error);
  new_id = ce_corpus_split_document (corpus, split_id, paragraph_offset (ce_document_get_body (third), 3), &error);
  g_assert_no_error (error);
  g_assert_true (ce_corpus_merge_document (corpus, id_at (corpus, 5), &error));
  g_assert_no_error (error);
  {
    gint64 merged_id = id_at (corpus, 4);
    g_autoptr(CeDocument) merged = ce_corpus_get_document (corpus, merged_id, &error);
    const char *body = ce_document_get_body (merged);
    guint n_paragraphs = 1;

    for (const char *p = body; (p = strstr (p, "\n\n")) != NULL; p += 2)
      n_paragraphs++;
    g_assert_cmpint (ce_corpus_split_document (corpus, merged_id,
                                               paragraph_offset (body, n_paragraphs - 2), &error), >, 0);
    g_assert_no_error (error);
  }
  g_assert_cmpint (ce_corpus_count_documents (corpus), ==, n + 1);
  g_assert_cmpuint (ce_corpus_count_corrections (corpus), ==, 3);
  hashes = dump_hashes (corpus);

  /* Importing the same file again makes the corrections again, so its
   * documents are all known and nothing is added */
  again = ce_test_import_file (path, dump);
  g_assert_cmpuint (again->documents_added, ==, 0);
  g_assert_cmpint (ce_corpus_count_documents (corpus), ==, n + 1);
  {
    g_autofree char *now = dump_hashes (corpus);
    g_assert_cmpstr (now, ==, hashes);
  }
  assert_index_consistent (corpus);

  /* A corpus rebuilt from the file with the same corrections ends up
   * with the same documents in the same order */
  rebuilt_path = new_corpus_path ("rebuilt.corpus");
  rebuilt = ce_corpus_open (rebuilt_path, CE_CORPUS_OPEN_CREATE, &error);
  g_assert_no_error (error);
  copy_corrections (corpus, rebuilt);
  fresh = ce_test_import_file (rebuilt_path, dump);
  g_assert_cmpuint (fresh->documents_added, ==, n + 1);
  {
    g_autofree char *now = dump_hashes (rebuilt);
    g_assert_cmpstr (now, ==, hashes);
  }
  assert_index_consistent (rebuilt);

  /* Without the hook the original third article would come back: a
   * split undone is forgotten, and a new import adds nothing either */
  g_assert_cmpint (ce_corpus_merge_document_full (corpus, new_id, &undo, &error), ==, TRUE);
  g_assert_no_error (error);
  g_assert_cmpint (ce_corpus_count_documents (corpus), ==, n);
  g_assert_true (ce_corpus_undo_correction (corpus, undo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ce_corpus_count_documents (corpus), ==, n + 1);
  after_undo = ce_test_import_file (path, dump);
  g_assert_cmpuint (after_undo->documents_added, ==, 0);
  g_assert_cmpint (ce_corpus_count_documents (corpus), ==, n + 1);
}

static void
test_make_title (void)
{
  const struct { const char *body; const char *title; } cases[] = {
    { "# MARKETS\n\nShares fell.", "MARKETS" },
    { "The U.K. and China met. Talks went on.", "The U.K. and China met." },
    { "Mr. Smith left early! Nobody knew why.", "Mr. Smith left early!" },
    { "“It is over,” she said. Then silence.", "“It is over,” she said." },
    { "No full stop here\n\nSecond paragraph.", "No full stop here" },
  };
  g_autofree char *long_body = NULL;
  g_autofree char *title = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *made = ce_body_make_title (cases[i].body);
      g_assert_cmpstr (made, ==, cases[i].title);
    }

  long_body = g_strjoinv (" ", (char *[]) { "word", "word", "word", "word", "word", "word", "word",
                                             "word", "word", "word", "word", "word", "word", "word",
                                             "word", "word", "word", "word", "word", "word", "word",
                                             "word", "word", "word", "word", "word", "word", "word", NULL });
  title = ce_body_make_title (long_body);
  g_assert_cmpuint (g_utf8_strlen (title, -1), <=, 120);
  g_assert_true (g_str_has_suffix (title, "word…"));

  g_assert_true (ce_body_is_paragraph_start ("a\n\nb", 3));
  g_assert_false (ce_body_is_paragraph_start ("a\n\nb", 2));
  g_assert_false (ce_body_is_paragraph_start ("a\n\nb", 0));
  g_assert_false (ce_body_is_paragraph_start ("a\n\nb", 4));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = ce_test_make_dir ("ce-corrections");

  g_test_add_func ("/corpus-explorer/corrections/split", test_split);
  g_test_add_func ("/corpus-explorer/corrections/split-refused", test_split_refused);
  g_test_add_func ("/corpus-explorer/corrections/merge", test_merge);
  g_test_add_func ("/corpus-explorer/corrections/undo", test_undo);
  g_test_add_func ("/corpus-explorer/corrections/reimport", test_reimport);
  g_test_add_func ("/corpus-explorer/corrections/make-title", test_make_title);

  ret = g_test_run ();

  ce_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
