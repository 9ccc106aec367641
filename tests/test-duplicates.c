/* test-duplicates.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "ce-corpus.h"
#include "ce-corrections.h"
#include "ce-counter.h"
#include "ce-fingerprint.h"
#include "ce-search.h"
#include "ce-sentence-diff.h"
#include "ce-test-sqlite.h"
#include "ce-test-util.h"

typedef CeTestCorpus Fixture;

#define SPEECH_JSON \
  "{\"title\": \"Address to the nation\", \"date\": \"2024-01-10\", \"text\": " \
  "\"My fellow citizens, tonight I want to speak about the \\\"work\\\" ahead of us - the roads " \
  "we must build, the schools we must open and the promises we must keep.\\n\\nWe have come a " \
  "long way. But the road is long and the hills are steep, and nobody's going to climb them " \
  "for us.\"}\n"

#define SPEECH_TXT \
  "Address to the Nation\n\n" \
  "My fellow citizens, tonight I want to speak about the \xe2\x80\x9cwork\xe2\x80\x9d ahead of us \xe2\x80\x94 the\n" \
  "roads we must build, the schools we must open and the promises we must keep.\n\n" \
  "We have come a long way.  But the road is long and the hills are steep, and\n" \
  "nobody\xe2\x80\x99s going to climb them for us.\n"

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static CeImportReport *
import_with (const char *corpus_path,
             const char *path,
             gboolean    keep)
{
  CeImportOptions options = { 0 };
  g_autoptr(CeImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  CeImportReport *report;

  options.keep_duplicates = keep;
  importer = ce_importer_new (corpus_path, &options);
  ce_importer_add_path (importer, path);
  report = ce_importer_run (importer, NULL, &error);
  g_assert_no_error (error);
  return report;
}

/* The signature of a text is what corpora already store: computing it
 * another way must not change a bit of it (values from the build before
 * the one-pass shingles; native byte order, as stored) */
static void
test_signature_unchanged (void)
{
  static const char body[] =
    "\xc3\x9cn\xc3\xaf" "c\xc3\xb6" "d\xc3\xa9 w\xc3\xb6rds \xe2\x80\x94 \xe2\x80\x9cquoted\xe2\x80\x9d fa\xc3\xa7" "ade "
    "na\xc3\xafve caf\xc3\xa9 \xe6\x9d\xb1\xe4\xba\xac \xe3\x82\xbf\xe3\x83\xaf\xe3\x83\xbc 123 abc d\xc3\xa9j\xc3\xa0 vu, "
    "one two three four five six seven.";
  static const char expected[] =
    "8ba67ed0a637ae41d896e401aa73fc038f06b945ff63eb24c90109e15a4bb288"
    "1470ea894496a4f4429317c05081dd488dc36f7afadb3a280ddaf324050f3fed"
    "69d580d89a0876e70d625d3d5deb3e35225c1faee240fd08a1b2ae4c42f58089"
    "8fc9cdd94380993d24be56b340d9fbc4dd14f7ef11cab23ab79cddca7798d3d5"
    "65224fa349532a931c479e9e8fbd25434c3fb80644bfad38561c08bf714afecb"
    "c3fd63e1b809c2aa39d908fc5716375fea2c803d73a3630d115465d5c23578c4"
    "e46a4932e5a744dc4bda589571c191fba85626e3ab957fa062cad1237e3855fe"
    "a31aa0689d262113a72f22431f51afec73ced1b3bf70d5964da1f62b80a14172"
    "ba060c4c9e227303dc39778f09fd72e9e47c9cd16747d2cad245c254081c13f7"
    "1903d3421af70c495fbc8402362326e91f49bbc98a36150c1419a39189cd853e"
    "2371fc0969ebda29ed0a6b0297b84aac4656f2d04a94c0f5773bc71f11cc9cf4"
    "07ea5d377e86b39d30d467a894eb7e45554a64763a3553eafd8357d02eccc0de"
    "cd4e5d76b56aec432d3075a7168711352f0f55546a9003e45c15b5398c5d125e"
    "f7e722f9702c7a87007160bf1cc28d22dc231acf6a13f0697355af76d6bc07a0"
    "9a20ee3ab1e365fe5d0dd04261f712c5775c1db39cf98af562ea1245d44c37c5"
    "ac805f3ec7eaf0f0e81a3ff191be4755d2bd560f043c63e54f2f25c63d07b3d7";
  g_autoptr(CeFingerprint) fingerprint = ce_fingerprint_new (body);
  g_autoptr(CeFingerprint) short_one = ce_fingerprint_new ("One two three four five six seven.");
  g_autoptr(GString) hex = g_string_new (NULL);
  const guint8 *bytes = (const guint8 *)fingerprint->signature;

  if (G_BYTE_ORDER != G_LITTLE_ENDIAN)
    {
      g_test_skip ("the values are those of a little-endian build");
      return;
    }

  for (gsize i = 0; i < sizeof fingerprint->signature; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);

  g_assert_cmpuint (fingerprint->n_shingles, ==, 16);
  g_assert_cmpint (fingerprint->body_hash, ==, G_GINT64_CONSTANT (-1142858980651362504));
  g_assert_cmpstr (hex->str, ==, expected);

  /* Seven words: no signature */
  g_assert_false (ce_fingerprint_has_signature (short_one));
  for (guint i = 0; i < CE_FINGERPRINT_SIZE; i++)
    g_assert_cmpuint (short_one->signature[i], ==, 0);
}

static void
test_normalise (void)
{
  g_autoptr(CeFingerprint) a = ce_fingerprint_new ("The \xe2\x80\x9c" "first\xe2\x80\x9d  Line\n\nof the TEXT \xe2\x80\x94 here now");
  g_autoptr(CeFingerprint) b = ce_fingerprint_new ("# the \"first\" line of the text - here now");
  g_autoptr(CeFingerprint) c = ce_fingerprint_new ("The first line of another text here now");
  g_autofree char *normal = ce_fingerprint_normalise ("  A\xc2\xa0\xe2\x80\x98quoted\xe2\x80\x99\tword\xe2\x80\xa6 ");

  g_assert_cmpstr (normal, ==, "a 'quoted' word...");
  g_assert_cmpint (a->body_hash, ==, b->body_hash);
  g_assert_cmpint (a->body_hash, !=, c->body_hash);
  /* Eight words: enough for a signature, and equal texts agree on all of it */
  g_assert_true (ce_fingerprint_has_signature (a));
  g_assert_cmpfloat (ce_fingerprint_similarity (a->signature, b->signature), ==, 1.0);
  g_assert_cmpfloat (ce_fingerprint_similarity (a->signature, c->signature), <, 0.5);
}

static void
test_exact_across_formats (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "speech", NULL);
  g_autofree char *kept_path = g_build_filename (fixture->dir, "kept.corpus", NULL);
  g_autoptr(CeImportReport) report = NULL;
  g_autoptr(CeImportReport) again = NULL;
  g_autoptr(CeImportReport) kept = NULL;
  g_autoptr(CeCorpus) corpus = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  write_file (folder, "speech.json", SPEECH_JSON);
  write_file (folder, "speech.txt", SPEECH_TXT);

  /* The JSON record comes first (name order) and is kept */
  report = import_with (fixture->path, folder, FALSE);
  g_assert_cmpuint (report->documents_added, ==, 1);
  g_assert_cmpuint (report->copies, ==, 1);
  g_assert_cmpuint (report->copies_of->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (report->copies_of, 0), "speech.txt"));
  g_assert_nonnull (strstr (g_ptr_array_index (report->copies_of, 0),
                            "is a copy of #1 \xe2\x80\x9c" "Address to the nation"));

  /* Importing again adds nothing */
  again = import_with (fixture->path, folder, FALSE);
  g_assert_cmpuint (again->documents_added, ==, 0);
  corpus = ce_corpus_open (fixture->path, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ce_corpus_count_documents (corpus), ==, 1);
  g_clear_object (&corpus);

  /* Kept, the two are one group: the dated JSON record represents it */
  kept = import_with (kept_path, folder, TRUE);
  g_assert_cmpuint (kept->documents_added, ==, 2);
  g_assert_cmpuint (kept->copies, ==, 0);
  g_assert_cmpuint (kept->grouped, ==, 2);
  corpus = ce_corpus_open (kept_path, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  copies = ce_corpus_get_copies (corpus, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (copies->len, ==, 2);
  g_assert_cmpint (((CeCopy *)g_ptr_array_index (copies, 0))->id, ==, 1);
  g_assert_cmpint (((CeCopy *)g_ptr_array_index (copies, 1))->id, ==, 2);
  g_assert_cmpfloat (((CeCopy *)g_ptr_array_index (copies, 1))->similarity, ==, 1.0);
  g_assert_cmpuint (ce_corpus_count_copy_groups (corpus), ==, 1);
}

static void
test_same_text_two_titles (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *file = g_build_filename (fixture->dir, "two.jsonl", NULL);
  g_autoptr(CeImportReport) report = NULL;

  write_file (fixture->dir, "two.jsonl",
              "{\"title\": \"Port strike ends\", \"text\": \"Dock workers voted on Tuesday to end a two-week strike that closed the port.\"}\n"
              "{\"title\": \"Dockers go back to work\", \"text\": \"Dock workers voted on Tuesday to end a two-week strike that closed the port.\"}\n"
              "{\"title\": \"Strike over\", \"text\": \"DOCK WORKERS   voted on Tuesday to end a two-week strike that closed the port.\"}\n");

  report = import_with (fixture->path, file, FALSE);
  g_assert_cmpuint (report->documents_added, ==, 1);
  g_assert_cmpuint (report->copies, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (report->copies_of, 1), "Strike over"));
  g_assert_nonnull (strstr (g_ptr_array_index (report->copies_of, 1), "Port strike ends"));
}

/* Words that replace others in edited copies */
static const char *edits[] = {
  "reportedly", "officials", "tuesday", "substantial", "meanwhile", "however",
  "spokesperson", "several", "critics", "sources", "quickly", "formally",
};

static char *
edit_words (GRand      *rand,
            const char *body,
            double      share)
{
  g_auto(GStrv) words = g_strsplit (body, " ", -1);
  guint n = g_strv_length (words);
  guint changes = (guint)(n * share);

  for (guint i = 0; i < changes; i++)
    {
      guint at = g_rand_int_range (rand, 0, n);

      /* Keep paragraph breaks where they are */
      if (strchr (words[at], '\n') != NULL)
        continue;
      g_free (words[at]);
      words[at] = g_strdup (edits[g_rand_int_range (rand, 0, G_N_ELEMENTS (edits))]);
    }

  return g_strjoinv (" ", words);
}

/* Cuts the first (@last FALSE) or last paragraph */
static char *
cut_paragraph (const char *body,
               gboolean    last)
{
  const char *cut = last ? g_strrstr (body, "\n\n") : strstr (body, "\n\n");

  if (cut == NULL)
    return g_strdup (body);
  return last ? g_strndup (body, cut - body) : g_strdup (cut + 2);
}

typedef struct
{
  gint64 id;
  guint  story;
} Truth;

/* Copies of the real dump's articles, edited the ways wire copies are
 * edited, land in the groups of their originals; the dump's different
 * articles on one subject (eight on a prime minister's visit to China)
 * stay apart. */
static void
test_near_copies_from_dump (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) drafts = ce_test_split_shared_dump ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (12);
  g_autoptr(GArray) truth = g_array_new (FALSE, FALSE, sizeof (Truth));
  g_autoptr(GError) error = NULL;
  guint true_pairs = 0, found_pairs = 0, right_pairs = 0;
  guint stories;

  if (drafts == NULL)
    {
      g_test_skip ("the shared dump is not there");
      return;
    }

  g_assert_cmpuint (drafts->len, >=, 8);
  stories = drafts->len;

  g_assert_true (ce_corpus_begin (fixture->corpus, &error));

  for (guint kind = 0; kind < 6; kind++)
    for (guint i = 0; i < stories; i++)
      {
        const CeDraft *original = g_ptr_array_index (drafts, i);
        g_autoptr(CeDraft) draft = NULL;
        g_autofree char *body = NULL;
        g_autofree char *title = NULL;
        Truth t = { 0, i };

        switch (kind)
          {
          case 0:   /* the original */
            body = g_strdup (original->body);
            title = g_strdup (original->title);
            break;

          case 1:   /* 5 % of the words changed */
            body = edit_words (rand, original->body, 0.05);
            title = g_strdup (original->title);
            break;

          case 2:   /* a new headline and dateline, 2 % edited */
            {
              g_autofree char *edited = edit_words (rand, original->body, 0.02);
              body = g_strconcat ("WASHINGTON \xe2\x80\x94 ", edited, NULL);
              title = g_strdup_printf ("Updated: story %u", i);
            }
            break;

          case 3:   /* the last paragraph cut, 3 % edited */
            {
              g_autofree char *cut = cut_paragraph (original->body, TRUE);
              body = edit_words (rand, cut, 0.03);
              title = g_strdup (original->title);
            }
            break;

          case 4:   /* the first paragraph cut, headline swapped */
            body = cut_paragraph (original->body, FALSE);
            title = g_strdup_printf ("Another headline %u", i);
            break;

          default:  /* a paragraph added at the end, 3 % edited */
            {
              g_autofree char *edited = edit_words (rand, original->body, 0.03);
              body = g_strconcat (edited, "\n\nThis story has been updated with comment from "
                                  "officials, who did not respond to earlier requests on "
                                  "Tuesday morning.", NULL);
              title = g_strdup (original->title);
            }
            break;
          }

        draft = ce_test_draft_new (title, original->place, NULL, NULL, body);
        g_assert_cmpint (ce_corpus_add_draft (fixture->corpus, 0, draft, &error), ==, CE_CORPUS_ADDED);
        g_assert_no_error (error);
        t.id = ce_corpus_get_last_document_id (fixture->corpus);
        g_array_append_val (truth, t);
      }

  g_assert_true (ce_corpus_commit (fixture->corpus, &error));

  /* Pairwise precision and recall of the grouping */
  for (guint a = 0; a < truth->len; a++)
    {
      Truth *ta = &g_array_index (truth, Truth, a);
      g_autoptr(GPtrArray) copies = ce_corpus_get_copies (fixture->corpus, ta->id, &error);

      g_assert_no_error (error);

      for (guint b = a + 1; b < truth->len; b++)
        {
          Truth *tb = &g_array_index (truth, Truth, b);
          gboolean together = FALSE;

          for (guint k = 0; k < copies->len; k++)
            together |= ((CeCopy *)g_ptr_array_index (copies, k))->id == tb->id;

          true_pairs += ta->story == tb->story;
          found_pairs += together;
          right_pairs += together && ta->story == tb->story;

          /* No two articles of the dump are taken for copies */
          if (a < stories && b < stories)
            g_assert_false (together);
        }
    }

  g_test_message ("pairs: %u true, %u found, %u right", true_pairs, found_pairs, right_pairs);
  g_assert_cmpfloat ((double)right_pairs / MAX (found_pairs, 1), >=, 0.95);
  g_assert_cmpfloat ((double)right_pairs / true_pairs, >=, 0.95);
  g_assert_cmpuint (ce_corpus_count_copy_groups (fixture->corpus), <=, stories);
  g_assert_cmpuint (ce_corpus_count_copy_groups (fixture->corpus), >=, stories - 1);

  /* A stricter threshold, kept with the corpus, lets lightly edited
   * copies go their own way */
  g_assert_true (ce_corpus_set_duplicate_threshold (fixture->corpus, 0.95, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ce_corpus_count_copy_groups (fixture->corpus), <, stories);
  g_clear_object (&fixture->corpus);
  fixture->corpus = ce_corpus_open (fixture->path, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (ce_corpus_get_duplicate_threshold (fixture->corpus), ==, 0.95);
}

#define STORY "Dock workers voted on Tuesday to end a two-week strike that closed the port " \
              "and left dozens of ships waiting at anchor outside the harbour wall."
#define OTHER "The council approved a new budget for the city library, which will open on " \
              "Sundays from next spring and lend tools as well as books to its members. " \
              "Librarians said the tool shelf had been the most requested service in a survey " \
              "of residents last year, ahead of longer evening hours and a second reading room."

static gint64
add (CeCorpus   *corpus,
     const char *title,
     const char *date,
     const char *body)
{
  g_autoptr(CeDraft) draft = ce_test_draft_new (title, NULL, date, NULL, body);
  g_autoptr(GError) error = NULL;

  g_assert_true (ce_corpus_begin (corpus, &error));
  g_assert_cmpint (ce_corpus_add_draft (corpus, 0, draft, &error), ==, CE_CORPUS_ADDED);
  g_assert_true (ce_corpus_commit (corpus, &error));
  return ce_corpus_get_last_document_id (corpus);
}

static guint
group_size (CeCorpus *corpus,
            gint64    id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) copies = ce_corpus_get_copies (corpus, id, &error);

  g_assert_no_error (error);
  return copies->len;
}

/* Splits and merges regroup what they change; the earliest date
 * represents a group whatever the order of import */
static void
test_corrections_regroup (Fixture       *fixture,
                          gconstpointer  data)
{
  CeCorpus *corpus = fixture->corpus;
  g_autoptr(CeCorrectionUndo) undo = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GError) error = NULL;
  gint64 a, b, c, part;

  a = add (corpus, "Strike ends", "2024-05-02", STORY);
  b = add (corpus, "Dockers back at work", "2024-05-01", STORY " Ships began to move on Wednesday.");
  c = add (corpus, "Two stories", NULL, STORY "\n\n" OTHER);

  copies = ce_corpus_get_copies (corpus, a, &error);
  g_assert_cmpuint (copies->len, ==, 2);
  /* b is earlier by date, though later in the corpus */
  g_assert_cmpint (((CeCopy *)g_ptr_array_index (copies, 0))->id, ==, b);
  g_assert_cmpuint (group_size (corpus, c), ==, 0);

  /* Splitting c leaves its first part a copy of the story */
  part = ce_corpus_split_document (corpus, c, strlen (STORY) + 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (part, >, 0);
  g_assert_cmpuint (group_size (corpus, a), ==, 3);
  g_assert_cmpuint (group_size (corpus, part), ==, 0);

  /* Merging the other story back makes c a story of its own again */
  g_assert_true (ce_corpus_merge_document_full (corpus, part, &undo, &error));
  g_assert_cmpuint (group_size (corpus, a), ==, 2);
  g_assert_cmpuint (group_size (corpus, c), ==, 0);

  g_assert_true (ce_corpus_undo_correction (corpus, undo, &error));
  g_assert_cmpuint (group_size (corpus, c), ==, 3);
}

static void
run_sql (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A corpus of schema version 1 (no fingerprints) is migrated when
 * opened, then gets its groups in resumable steps */
static void
test_migrate_and_compute (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CeCorpus) corpus = NULL;
  gint64 remaining = -1;
  guint steps = 0;

  add (fixture->corpus, "One", "2024-01-01", STORY);
  add (fixture->corpus, "Two", "2024-01-02", STORY);
  add (fixture->corpus, "Three", "2024-01-03", OTHER);
  add (fixture->corpus, "Four", "2024-01-04", OTHER " And more.");
  add (fixture->corpus, "Five", "2024-01-05", "Something else entirely, on another day, by another writer.");
  g_clear_object (&fixture->corpus);

  /* What version 2 wrote */
  run_sql (fixture->path,
           "DROP TABLE count_cache; DROP TABLE count_changes; DROP INDEX documents_rows;"
           "DROP TABLE fingerprints; DROP TABLE bands; DROP TABLE copies;"
           "DROP INDEX documents_body_hash; ALTER TABLE documents DROP COLUMN body_hash;"
           "PRAGMA user_version = 2;");

  /* A reader reads it as it is: no copies known, nothing changed */
  corpus = ce_corpus_open (fixture->path, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ce_corpus_count_copy_groups (corpus), ==, 0);
  g_assert_cmpuint (group_size (corpus, 1), ==, 0);
  g_clear_object (&corpus);

  /* A writer migrates it; the groups are then computed in steps */
  corpus = ce_corpus_open (fixture->path, CE_CORPUS_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ce_corpus_count_unfingerprinted (corpus), ==, 5);
  g_assert_cmpuint (ce_corpus_count_copy_groups (corpus), ==, 0);
  g_assert_true (ce_corpus_compute_fingerprints (corpus, 2, &remaining, &error));
  g_assert_cmpint (remaining, ==, 3);
  g_clear_object (&corpus);

  /* Resumed by another connection where the first stopped */
  corpus = ce_corpus_open (fixture->path, CE_CORPUS_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ce_corpus_count_unfingerprinted (corpus), ==, 3);
  while (remaining > 0 && steps++ < 10)
    g_assert_true (ce_corpus_compute_fingerprints (corpus, 2, &remaining, &error));
  g_assert_no_error (error);
  g_assert_cmpint (remaining, ==, 0);
  g_assert_cmpuint (ce_corpus_count_copy_groups (corpus), ==, 2);
  g_assert_cmpuint (group_size (corpus, 1), ==, 2);
  g_assert_cmpuint (group_size (corpus, 3), ==, 2);
  g_assert_cmpuint (group_size (corpus, 5), ==, 0);
}

/* Counting each story once equals counting the representatives only */
static void
test_unique_counts (Fixture       *fixture,
                    gconstpointer  data)
{
  CeCorpus *corpus = fixture->corpus;
  g_autoptr(CeTopic) topic = ce_test_topic_new ("Port", "port, harbour, library");
  g_autoptr(GPtrArray) topics = g_ptr_array_new ();
  g_autoptr(CeCountTable) all = NULL;
  g_autoptr(CeCountTable) unique = NULL;
  g_autoptr(GError) error = NULL;
  CeGrouping grouping = { CE_GROUP_DOCUMENT, NULL };
  gint64 a, b, c, d;

  a = add (corpus, "Strike ends", "2024-05-02", STORY);
  b = add (corpus, "Dockers back at work", "2024-05-01", STORY " The port reopened.");
  c = add (corpus, "Library", "2024-05-03", OTHER);
  d = add (corpus, "Library again", "2024-05-04", OTHER " And the harbour.");
  g_ptr_array_add (topics, topic);

  all = ce_counter_aggregate (corpus, topics, &grouping, CE_MEASURE_MENTIONS, NULL, NULL, 0,
                              CE_CATEGORY_SORT_NATURAL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ce_count_table_get_n_categories (all), ==, 4);

  ce_corpus_set_unique_stories (corpus, TRUE);
  unique = ce_counter_aggregate (corpus, topics, &grouping, CE_MEASURE_MENTIONS, NULL, NULL, 0,
                                 CE_CATEGORY_SORT_NATURAL, &error);
  g_assert_no_error (error);

  /* b represents the strike (earlier date), c the library */
  g_assert_cmpuint (ce_count_table_get_n_categories (unique), ==, 2);
  g_assert_cmpfloat (ce_count_table_get_total (unique, 0), ==,
                     ce_count_table_get_value (all, 1, 0) + ce_count_table_get_value (all, 2, 0));
  g_assert_cmpfloat (ce_count_table_get_total (unique, 0), <, ce_count_table_get_total (all, 0));
  g_assert_cmpuint (group_size (corpus, a), ==, 2);
  g_assert_cmpuint (group_size (corpus, d), ==, 2);
  {
    g_autoptr(GPtrArray) strike = ce_corpus_get_copies (corpus, a, &error);
    g_autoptr(GPtrArray) library = ce_corpus_get_copies (corpus, d, &error);

    g_assert_cmpint (((CeCopy *)g_ptr_array_index (strike, 0))->id, ==, b);
    g_assert_cmpint (((CeCopy *)g_ptr_array_index (library, 0))->id, ==, c);
  }
}

static GArray *
search_ids (CeCorpus   *corpus,
            const char *text,
            gboolean    one_per_story)
{
  g_autoptr(CeQuery) query = ce_query_parse (text, NULL);
  g_autoptr(GError) error = NULL;
  GArray *ids;

  g_assert_nonnull (query);
  if (one_per_story)
    {
      CeQuery *unique = ce_query_new_one_per_story (query, &error);

      g_assert_no_error (error);
      ce_query_unref (query);
      query = unique;
    }

  ids = ce_search_ids (corpus, query, CE_SORT_ORDER, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ce_search_count (corpus, query, &error), ==, ids->len);
  return ids;
}

#define ID(ids, i) g_array_index ((ids), gint64, (i))

/* Search results collapsed to one per story: the representative of a
 * group stands for it, copies that are not are left out */
static void
test_search_one_per_story (Fixture       *fixture,
                           gconstpointer  data)
{
  CeCorpus *corpus = fixture->corpus;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) unique = NULL;
  g_autoptr(GArray) left_out = NULL;
  g_autoptr(GArray) strike = NULL;
  g_autoptr(CeQuery) query = NULL;
  g_autoptr(GError) error = NULL;
  gint64 a, b, c, d, e;

  a = add (corpus, "Strike ends", "2024-05-02", STORY);
  b = add (corpus, "Dockers back at work", "2024-05-01", STORY " The port reopened.");
  c = add (corpus, "Library", "2024-05-03", OTHER);
  d = add (corpus, "Library again", "2024-05-04", OTHER " And the harbour.");
  e = add (corpus, "Elsewhere", NULL, "Something else entirely, on another day, by another writer.");

  /* Without words: every story once, in corpus order */
  all = search_ids (corpus, "", TRUE);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpint (ID (all, 0), ==, b);
  g_assert_cmpint (ID (all, 1), ==, c);
  g_assert_cmpint (ID (all, 2), ==, e);

  /* The same through the search language, and its negation lists the
   * copies left out */
  unique = search_ids (corpus, "copies:one", FALSE);
  g_assert_cmpuint (unique->len, ==, 3);
  left_out = search_ids (corpus, "-copies:one", FALSE);
  g_assert_cmpuint (left_out->len, ==, 2);
  g_assert_cmpint (ID (left_out, 0), ==, a);
  g_assert_cmpint (ID (left_out, 1), ==, d);

  /* With words: a story found in several copies is listed once */
  strike = search_ids (corpus, "dockers OR strike OR library", TRUE);
  g_assert_cmpuint (strike->len, ==, 2);
  g_assert_cmpint (ID (strike, 0), ==, b);
  g_assert_cmpint (ID (strike, 1), ==, c);
  g_clear_pointer (&strike, g_array_unref);
  strike = search_ids (corpus, "dockers OR strike OR library", FALSE);
  g_assert_cmpuint (strike->len, ==, 4);

  /* Other values are refused with their column */
  query = ce_query_parse ("strike copies:all", &error);
  g_assert_null (query);
  g_assert_error (error, CE_QUERY_ERROR, CE_QUERY_ERROR_SYNTAX);
  g_assert_cmpuint (ce_query_error_get_column (error), ==, 15);
}

/* Two yearly addresses of one speaker: the same greeting, closing and
 * themes, different speeches */
#define ADDRESS_2023 \
  "My fellow citizens, thank you. It is an honour to stand before you again to report on the " \
  "state of our nation.\n\n" \
  "A year ago our factories were idle and our ports were quiet. Tonight I can tell you that " \
  "we have added four hundred thousand jobs, that the new bridge over the river carries its " \
  "first trains, and that the price of bread has fallen for the first time in six years.\n\n" \
  "But our work is not done. Our schools still close too early, our nurses still work double " \
  "shifts, and too many young people leave the valleys to find work abroad. This year we will " \
  "open forty new schools, train ten thousand nurses and give every village a fast line.\n\n" \
  "Thank you, and may our country stay free and strong."
#define ADDRESS_2024 \
  "My fellow citizens, thank you. It is an honour to stand before you again to report on the " \
  "state of our nation.\n\n" \
  "This was a hard year. The floods in the spring took homes from twelve thousand families, " \
  "and the drought that followed cost our farmers half of the harvest. I have seen the mud in " \
  "the kitchens of the south and the empty granaries of the plain.\n\n" \
  "So tonight I ask this chamber for three things: a fund to rebuild every house the water " \
  "took, dams on the two rivers that flooded, and insurance for every farm against the next " \
  "dry summer. Our schools and our nurses will get what we promised last year.\n\n" \
  "Thank you, and may our country stay free and strong."

/* Two outlets report one event: the same facts, names and one quote */
#define REPORT_WIRE \
  "A fire broke out on Monday night in a warehouse near the old harbour, sending a column of " \
  "black smoke over the city centre. About sixty firefighters fought the blaze for five hours. " \
  "Nobody was hurt, the fire service said. \"The building was empty when the fire started, and " \
  "the wind kept the smoke away from the houses,\" said fire chief Anna Berg. The cause is not " \
  "yet known; the warehouse stored paper and old furniture."
#define REPORT_LOCAL \
  "Residents of the harbour district woke to the smell of smoke on Tuesday after a warehouse " \
  "burned through the night. Fire chief Anna Berg told reporters at the scene: \"The building " \
  "was empty when the fire started, and the wind kept the smoke away from the houses.\" " \
  "Neighbours said the flames were visible from the bridge, and several cafés stayed closed in " \
  "the morning. Police have opened an inquiry; the owner could not be reached for comment."

/* Different stories on one subject stay apart at the default threshold,
 * while an edited copy of each joins it */
static void
test_same_subject_apart (Fixture       *fixture,
                         gconstpointer  data)
{
  CeCorpus *corpus = fixture->corpus;
  gint64 address_2023, address_2024, wire, local, wire_copy;

  address_2023 = add (corpus, "State of the nation 2023", "2023-02-01", ADDRESS_2023);
  address_2024 = add (corpus, "State of the nation 2024", "2024-02-01", ADDRESS_2024);
  wire = add (corpus, "Warehouse fire near harbour", "2024-03-04", REPORT_WIRE);
  local = add (corpus, "Harbour district wakes to smoke", "2024-03-05", REPORT_LOCAL);

  g_assert_cmpuint (group_size (corpus, address_2023), ==, 0);
  g_assert_cmpuint (group_size (corpus, address_2024), ==, 0);
  g_assert_cmpuint (group_size (corpus, wire), ==, 0);
  g_assert_cmpuint (group_size (corpus, local), ==, 0);
  g_assert_cmpuint (ce_corpus_count_copy_groups (corpus), ==, 0);

  /* The same report re-run under another headline with its last
   * sentence cut is grouped with it, and only with it */
  wire_copy = add (corpus, "Blaze at harbour warehouse", "2024-03-05",
                   "A fire broke out on Monday night in a warehouse near the old harbour, sending a "
                   "column of black smoke over the city centre. About sixty firefighters fought the "
                   "blaze for five hours. Nobody was hurt, the fire service said. \"The building was "
                   "empty when the fire started, and the wind kept the smoke away from the houses,\" "
                   "said fire chief Anna Berg.");
  g_assert_cmpuint (group_size (corpus, wire_copy), ==, 2);
  g_assert_cmpuint (group_size (corpus, local), ==, 0);
}

/* --no-near-copies: exact copies are still recognised, near ones are not
 * looked for */
static void
test_no_near_copies (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "wire", NULL);
  g_autofree char *near_path = g_build_filename (fixture->dir, "near.corpus", NULL);
  const char *endings[] = { "\n", " Ships began to move on Wednesday.\n", "\n" };
  CeImportOptions options = { 0 };
  g_autoptr(CeImporter) importer = NULL;
  g_autoptr(CeImportReport) exact = NULL;
  g_autoptr(CeImportReport) near = NULL;
  g_autoptr(CeCorpus) corpus = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (endings); i++)
    {
      g_autofree char *name = g_strdup_printf ("%u.txt", i);
      g_autofree char *text = g_strconcat (STORY " " OTHER, endings[i], NULL);

      write_file (folder, name, text);
    }

  options.no_near_copies = TRUE;
  importer = ce_importer_new (fixture->path, &options);
  ce_importer_add_path (importer, folder);
  exact = ce_importer_run (importer, NULL, &error);
  g_assert_no_error (error);
  /* The third file is an exact copy of the first: left out */
  g_assert_cmpuint (exact->documents_added, ==, 2);
  g_assert_cmpuint (exact->copies, ==, 1);
  corpus = ce_corpus_open (fixture->path, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ce_corpus_count_copy_groups (corpus), ==, 0);
  g_clear_object (&corpus);

  /* The same files, near copies looked for: the edited one is grouped */
  near = import_with (near_path, folder, FALSE);
  g_assert_cmpuint (near->documents_added, ==, 2);
  corpus = ce_corpus_open (near_path, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ce_corpus_count_copy_groups (corpus), ==, 1);
}

static gint64
add_in_transaction (CeCorpus   *corpus,
                    const char *title,
                    const char *body)
{
  g_autoptr(CeDraft) draft = ce_test_draft_new (title, NULL, NULL, NULL, body);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (ce_corpus_add_draft (corpus, 0, draft, &error), ==, CE_CORPUS_ADDED);
  g_assert_no_error (error);
  return ce_corpus_get_last_document_id (corpus);
}

/* More documents in one transaction than the band rows kept back for
 * a sorted write (8,192 documents): copies are found whether the rows
 * of their story were written or still wait, every row is written when
 * the transaction commits, and none of a rolled-back one is */
#define FILLERS 8400

static void
test_bands_written_in_batches (Fixture       *fixture,
                               gconstpointer  data)
{
  static const char * const words[] = {
    "harbour", "council", "minister", "river", "budget", "school", "winter", "market",
    "station", "bridge", "theatre", "railway", "village", "museum", "factory", "garden",
    "teacher", "doctor", "farmer", "island", "forest", "mountain", "election", "weather",
    "report", "meeting", "festival", "company", "hospital", "library", "airport", "prison",
  };
  CeCorpus *corpus = fixture->corpus;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;
  gint64 first, first_copy, late, late_copy, dropped;

  g_assert_true (ce_corpus_begin (corpus, &error));
  first = add_in_transaction (corpus, "Library", OTHER);
  for (guint i = 0; i < FILLERS; i++)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      g_autofree char *title = g_strdup_printf ("Filler %u", i);

      for (guint w = 0; w < 16; w++)
        g_string_append_printf (body, "%s%s", w > 0 ? " " : "",
                                words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      add_in_transaction (corpus, title, body->str);
    }
  /* The first story's rows are in the table by now, the late story's
   * wait in memory */
  first_copy = add_in_transaction (corpus, "Library again", OTHER " And more.");
  late = add_in_transaction (corpus, "Strike", STORY);
  late_copy = add_in_transaction (corpus, "Strike again", STORY " Ships began to move on Wednesday.");
  g_assert_true (ce_corpus_commit (corpus, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (group_size (corpus, first), ==, 2);
  g_assert_cmpuint (group_size (corpus, first_copy), ==, 2);
  g_assert_cmpuint (group_size (corpus, late), ==, 2);
  g_assert_cmpuint (group_size (corpus, late_copy), ==, 2);
  g_assert_cmpuint (ce_corpus_count_copy_groups (corpus), ==, 2);

  /* A rolled-back document leaves no band rows */
  g_assert_true (ce_corpus_begin (corpus, &error));
  dropped = add_in_transaction (corpus, "Dropped", ADDRESS_2023);
  ce_corpus_rollback (corpus);
  g_assert_cmpint (ce_corpus_get_last_document_id (corpus), <, dropped);

  g_assert_cmpint (ce_test_sqlite_query_int (fixture->path, "SELECT count(*) FROM bands"), ==,
                   CE_FINGERPRINT_BANDS *
                   ce_test_sqlite_query_int (fixture->path, "SELECT count(*) FROM fingerprints WHERE signature IS NOT NULL"));
  g_assert_cmpint (ce_test_sqlite_query_int (fixture->path, "SELECT count(DISTINCT doc_id) FROM bands"), ==,
                   FILLERS + 4);
  g_assert_cmpint (ce_test_sqlite_query_int (fixture->path, "SELECT max(doc_id) FROM bands"), ==, late_copy);
}

/* Adds, in one transaction, fillers with copies of three stories among
 * them (across runs of 4,096 documents' band rows, later copies dated
 * earlier), and short notes of one text, too short for a signature */
static void
add_mixed (CeCorpus *corpus)
{
  static const char * const words[] = {
    "harbour", "council", "minister", "river", "budget", "school", "winter", "market",
    "station", "bridge", "theatre", "railway", "village", "museum", "factory", "garden",
  };
  static const char * const stories[] = { STORY, OTHER, ADDRESS_2023 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (21);
  g_autoptr(GError) error = NULL;

  g_assert_true (ce_corpus_begin (corpus, &error));
  for (guint i = 0; i < FILLERS; i++)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      g_autofree char *title = g_strdup_printf ("Filler %u", i);
      g_autoptr(CeDraft) draft = NULL;

      for (guint w = 0; w < 12; w++)
        g_string_append_printf (body, "%s%s", w > 0 ? " " : "",
                                words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      add_in_transaction (corpus, title, body->str);

      /* 24 copies of each story, a few hundred documents apart */
      if (i % 350 == 17)
        for (guint k = 0; k < G_N_ELEMENTS (stories); k++)
          {
            g_autofree char *copy_title = g_strdup_printf ("Story %u, copy %u", k, i / 350);
            g_autofree char *copy_body = g_strdup_printf ("%s Update %u of %u.", stories[k],
                                                          i / 350, k);
            g_autofree char *date = g_strdup_printf ("2024-03-%02u", 28 - i / 350);

            g_clear_pointer (&draft, ce_draft_free);
            draft = ce_test_draft_new (copy_title, NULL, date, NULL, copy_body);
            g_assert_cmpint (ce_corpus_add_draft (corpus, 0, draft, &error), ==, CE_CORPUS_ADDED);
            g_assert_no_error (error);
          }

      if (i % 2000 == 5)
        {
          g_autofree char *note = g_strdup_printf ("Note %u", i);
          add_in_transaction (corpus, note, "Ships wait.");
        }
    }
  g_assert_true (ce_corpus_commit (corpus, &error));
  g_assert_no_error (error);
}

/* Each document's group, by titles: member, representative, similarity */
static char *
groups_by_title (const char *path)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT d.title, r.title, c.similarity FROM copies c"
                                       "  JOIN documents d ON d.id = c.doc_id"
                                       "  JOIN documents r ON r.id = c.group_id"
                                       " ORDER BY d.title", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s\t%s\t%.6f\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_double (stmt, 2));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A new corpus finds its copies at the end of the import, from band
 * rows merged out of sorted runs; they are the groups that looking each
 * document up as it comes finds in a corpus that held a document before */
static void
test_new_corpus_groups_at_end (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *each_path = g_build_filename (fixture->dir, "each.corpus", NULL);
  g_autoptr(CeCorpus) each = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *at_end = NULL;
  g_autofree char *one_by_one = NULL;

  add_mixed (fixture->corpus);

  each = ce_corpus_open (each_path, CE_CORPUS_OPEN_CREATE, &error);
  g_assert_no_error (error);
  add (each, "Seed", NULL, "A single seed document about nothing else at all, long enough to "
                           "have a signature of its own among the others.");
  add_mixed (each);
  g_clear_object (&each);
  g_clear_object (&fixture->corpus);

  at_end = groups_by_title (fixture->path);
  one_by_one = groups_by_title (each_path);
  /* 3 stories of 24 copies and 5 notes at least */
  g_assert_cmpuint (strlen (at_end), >, 0);
  g_assert_cmpint (ce_test_sqlite_query_int (fixture->path, "SELECT count(*) FROM copies"), >=, 3 * 24 + 5);
  g_assert_cmpint (ce_test_sqlite_query_int (fixture->path, "SELECT count(DISTINCT group_id) FROM copies"), >=, 4);
  g_assert_cmpstr (at_end, ==, one_by_one);

  /* Every band row written, once */
  g_assert_cmpint (ce_test_sqlite_query_int (fixture->path, "SELECT count(*) FROM bands"), ==,
                   CE_FINGERPRINT_BANDS *
                   ce_test_sqlite_query_int (fixture->path, "SELECT count(*) FROM fingerprints WHERE signature IS NOT NULL"));
  g_assert_cmpint (ce_test_sqlite_query_int (fixture->path, "SELECT count(*) FROM bands"), ==,
                   ce_test_sqlite_query_int (each_path, "SELECT count(*) FROM bands") - CE_FINGERPRINT_BANDS);
}

/* What a copy adds to its story and leaves out of it, sentence by
 * sentence, whatever the spacing, case and quotes */
static void
test_sentence_diff (void)
{
  const char *first = "The strike is over. Ships are moving again.\n\n"
                      "The union \u201cwelcomed\u201d the deal. Talks took ten days.";
  const char *second = "The strike is over.  Ships are moving\nagain.\n\n"
                       "A new paragraph starts here. The union \"welcomed\" the deal.";
  g_autoptr(GPtrArray) diff = ce_sentence_diff (first, second);
  g_autoptr(GPtrArray) same = ce_sentence_diff (first, first);
  guint added, removed;

  ce_sentence_diff_count (diff, &added, &removed);
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpuint (removed, ==, 1);
  g_assert_cmpuint (diff->len, ==, 5);
  g_assert_cmpint (((CeDiffSentence *)g_ptr_array_index (diff, 2))->kind, ==, CE_DIFF_ADDED);
  g_assert_cmpstr (((CeDiffSentence *)g_ptr_array_index (diff, 2))->text, ==, "A new paragraph starts here.");
  g_assert_cmpint (((CeDiffSentence *)g_ptr_array_index (diff, 4))->kind, ==, CE_DIFF_REMOVED);
  g_assert_cmpstr (((CeDiffSentence *)g_ptr_array_index (diff, 4))->text, ==, "Talks took ten days.");

  /* Each sentence knows where it stands in its own text */
  {
    const CeDiffSentence *moving = g_ptr_array_index (diff, 1);
    const CeDiffSentence *added_one = g_ptr_array_index (diff, 2);
    const CeDiffSentence *cut = g_ptr_array_index (diff, 4);

    g_assert_cmpint (moving->kind, ==, CE_DIFF_SAME);
    g_assert_cmpuint (moving->start, ==, strstr (second, "Ships") - second);
    g_assert_cmpuint (moving->end, ==, strstr (second, "again.") + 6 - second);
    g_assert_false (moving->opens_paragraph);
    g_assert_cmpuint (added_one->start, ==, strstr (second, "A new") - second);
    g_assert_cmpuint (added_one->end, ==, strstr (second, " The union") - second);
    g_assert_true (added_one->opens_paragraph);
    g_assert_cmpuint (cut->start, ==, strstr (first, "Talks") - first);
    g_assert_cmpuint (cut->end, ==, strlen (first));
    g_assert_false (cut->opens_paragraph);
  }

  ce_sentence_diff_count (same, &added, &removed);
  g_assert_cmpuint (added + removed, ==, 0);
  g_assert_cmpuint (same->len, ==, 4);
}

/* A corpus from before groups of copies, read as it is (read-only, so
 * not migrated): one document per story and counting each story once
 * work, every document its own story, and the command line says the
 * copies are not grouped yet */
static void
test_older_read_only (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CeCorpus) corpus = NULL;
  g_autoptr(CeTopic) topic = ce_test_topic_new ("Port", "port, harbour, library");
  g_autoptr(GPtrArray) topics = g_ptr_array_new ();
  g_autoptr(CeCountTable) all = NULL;
  g_autoptr(CeCountTable) unique = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  CeGrouping grouping = { CE_GROUP_DOCUMENT, NULL };
  CeTestRun run = { 0 };
  gsize len;

  add (fixture->corpus, "Strike ends", "2024-05-02", STORY);
  add (fixture->corpus, "Dockers back at work", "2024-05-01", STORY " The port reopened.");
  add (fixture->corpus, "Library", "2024-05-03", OTHER);
  add (fixture->corpus, "Library again", "2024-05-04", OTHER " And the harbour.");
  g_assert_true (ce_corpus_knows_copies (fixture->corpus));
  g_clear_object (&fixture->corpus);

  run_sql (fixture->path,
           "DROP TABLE count_cache; DROP TABLE count_changes; DROP INDEX documents_rows;"
           "DROP TABLE fingerprints; DROP TABLE bands; DROP TABLE copies;"
           "DROP INDEX documents_body_hash; ALTER TABLE documents DROP COLUMN body_hash;"
           "PRAGMA user_version = 2;");
  g_assert_true (g_file_get_contents (fixture->path, &before, &len, NULL));

  corpus = ce_corpus_open (fixture->path, CE_CORPUS_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (ce_corpus_knows_copies (corpus));
  g_assert_false (ce_corpus_has_copy_groups (corpus));

  /* Was: "no such table: copies" */
  ids = search_ids (corpus, "copies:one", FALSE);
  g_assert_cmpuint (ids->len, ==, 4);
  g_clear_pointer (&ids, g_array_unref);
  ids = search_ids (corpus, "harbour", TRUE);
  {
    g_autoptr(GArray) every = search_ids (corpus, "harbour", FALSE);

    g_assert_cmpuint (every->len, >, 1);
    g_assert_cmpuint (ids->len, ==, every->len);
  }
  g_clear_pointer (&ids, g_array_unref);
  ids = search_ids (corpus, "-copies:one", FALSE);
  g_assert_cmpuint (ids->len, ==, 0);

  g_ptr_array_add (topics, topic);
  all = ce_counter_aggregate (corpus, topics, &grouping, CE_MEASURE_MENTIONS, NULL, NULL, 0,
                              CE_CATEGORY_SORT_NATURAL, &error);
  g_assert_no_error (error);
  ce_corpus_set_unique_stories (corpus, TRUE);
  unique = ce_counter_aggregate (corpus, topics, &grouping, CE_MEASURE_MENTIONS, NULL, NULL, 0,
                                 CE_CATEGORY_SORT_NATURAL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ce_count_table_get_n_categories (unique), ==, 4);
  g_assert_cmpfloat (ce_count_table_get_total (unique, 0), ==, ce_count_table_get_total (all, 0));
  g_clear_object (&corpus);

  /* The command line reads it read-only too, and says why each story
   * may count more than once */
  ce_test_run_cli (&run, "/", "search", "--unique", fixture->path, "harbour OR port", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Strike ends"));
  g_assert_nonnull (strstr (run.out, "Dockers back at work"));
  g_assert_nonnull (strstr (run.err, "not grouped yet"));
  g_assert_null (strstr (run.err, "no such table"));
  ce_test_run_clear (&run);

  ce_test_run_cli (&run, "/", "counts", "--unique", "--topic", "Port=port,harbour", fixture->path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "not grouped yet"));
  g_assert_nonnull (strstr (run.out, "Library again"));
  ce_test_run_clear (&run);

  /* Nothing of it was written */
  g_assert_true (g_file_get_contents (fixture->path, &after, &len, NULL));
  g_assert_true (memcmp (before, after, len) == 0);

  /* Once grouped, the warning goes */
  corpus = ce_corpus_open (fixture->path, CE_CORPUS_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (ce_corpus_knows_copies (corpus));
  g_assert_true (ce_corpus_compute_fingerprints (corpus, 100, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ce_corpus_knows_copies (corpus));
  g_clear_object (&corpus);
  ce_test_run_cli (&run, "/", "search", "--unique", fixture->path, "harbour OR port", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_null (strstr (run.out, "Strike ends"));
  g_assert_nonnull (strstr (run.out, "Dockers back at work"));
  ce_test_run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus-explorer/duplicates/normalise", test_normalise);
  g_test_add_func ("/corpus-explorer/duplicates/sentence-diff", test_sentence_diff);
  g_test_add_func ("/corpus-explorer/duplicates/signature-unchanged", test_signature_unchanged);
  g_test_add ("/corpus-explorer/duplicates/exact-across-formats", Fixture, NULL,
              ce_test_corpus_set_up_path, test_exact_across_formats, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/duplicates/same-text-two-titles", Fixture, NULL,
              ce_test_corpus_set_up_path, test_same_text_two_titles, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/duplicates/near-copies-from-dump", Fixture, NULL,
              ce_test_corpus_set_up, test_near_copies_from_dump, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/duplicates/corrections-regroup", Fixture, NULL,
              ce_test_corpus_set_up, test_corrections_regroup, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/duplicates/migrate-and-compute", Fixture, NULL,
              ce_test_corpus_set_up, test_migrate_and_compute, ce_test_corpus_tear_down);

  g_test_add ("/corpus-explorer/duplicates/unique-counts", Fixture, NULL,
              ce_test_corpus_set_up, test_unique_counts, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/duplicates/no-near-copies", Fixture, NULL,
              ce_test_corpus_set_up_path, test_no_near_copies, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/duplicates/same-subject-apart", Fixture, NULL,
              ce_test_corpus_set_up, test_same_subject_apart, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/duplicates/search-one-per-story", Fixture, NULL,
              ce_test_corpus_set_up, test_search_one_per_story, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/duplicates/bands-written-in-batches", Fixture, NULL,
              ce_test_corpus_set_up, test_bands_written_in_batches, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/duplicates/new-corpus-groups-at-end", Fixture, NULL,
              ce_test_corpus_set_up, test_new_corpus_groups_at_end, ce_test_corpus_tear_down);
  g_test_add ("/corpus-explorer/duplicates/older-read-only", Fixture, NULL,
              ce_test_corpus_set_up, test_older_read_only, ce_test_corpus_tear_down);

  return g_test_run ();
}
