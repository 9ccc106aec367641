/* ce-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the test programs that need no display.
 */

#pragma once

#include <glib.h>

#include "ce-corpus.h"
#include "ce-importer.h"
#include "ce-query.h"
#include "ce-reader.h"
#include "ce-topic.h"

G_BEGIN_DECLS

/* A fixture for g_test_add (): a fresh temporary folder, the path of a
 * corpus in it, and that corpus opened (created empty), or %NULL with
 * ce_test_corpus_set_up_path () */
typedef struct
{
  char     *dir;
  char     *path;
  CeCorpus *corpus;
} CeTestCorpus;

/* What one run of the corpus-explorer binary printed and returned */
typedef struct
{
  char *out;
  char *err;
  int   status;  /* the exit status; -1 when it did not exit */
} CeTestRun;

/* The test's own statements, run on the main thread, between these two:
 * the main-thread guard (armed by the application in UI tests) watches
 * the application's statements, not the test's.  They nest. */
void       ce_test_store_begin        (void);
void       ce_test_store_end          (void);
/* The rest of the enclosing block is the test's own: put it first */
typedef struct _CeTestStoreScope CeTestStoreScope;
CeTestStoreScope *ce_test_store_scope     (void);
void              ce_test_store_scope_end (CeTestStoreScope *scope);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CeTestStoreScope, ce_test_store_scope_end)
#define CE_TEST_STORE_SCOPE \
  g_autoptr(CeTestStoreScope) ce_test_store_scope_ G_GNUC_UNUSED = ce_test_store_scope ()
#define CE_TEST_STORE(statement) \
  G_STMT_START { ce_test_store_begin (); statement; ce_test_store_end (); } G_STMT_END

/* The real dump in ../shared/corpora; NULL when absent (CI aborts) */
char      *ce_test_shared_dump_path   (void);
/* The real dump split into drafts by the segmenter; NULL when absent */
GPtrArray *ce_test_split_shared_dump  (void);
char      *ce_test_sample_path        (const char    *name);
/* tests/fixtures/@folder/@name in the source tree (CE_SOURCE_DIR) */
char      *ce_test_fixture_path       (const char    *folder,
                                       const char    *name);
char      *ce_test_make_dir           (const char    *prefix);
/* Returns whether @path is gone afterwards */
gboolean   ce_test_remove_tree        (const char    *path);
/* The SHA-256 of the file at @path, in hex; fails the test when unreadable */
char      *ce_test_file_checksum      (const char    *path);
/* Fails the test unless the file at @path has the checksum @expected */
void       ce_test_assert_file_checksum (const char  *path,
                                         const char  *expected);
/* Imports @source into @dir/@name.corpus with CeImporter */
char      *ce_test_import             (const char    *dir,
                                       const char    *name,
                                       const char    *source);
/* Imports @file into the corpus at @corpus_path with CeImporter and its
 * default options, as the application does, and checks it ran */
CeImportReport *ce_test_import_file   (const char    *corpus_path,
                                       const char    *file);

void       ce_test_corpus_set_up      (CeTestCorpus  *fixture,
                                       gconstpointer  data);
void       ce_test_corpus_set_up_path (CeTestCorpus  *fixture,
                                       gconstpointer  data);
void       ce_test_corpus_tear_down   (CeTestCorpus  *fixture,
                                       gconstpointer  data);

/* A draft with these fields, any of which may be %NULL */
CeDraft   *ce_test_draft_new          (const char    *title,
                                       const char    *place,
                                       const char    *date,
                                       const char    *source,
                                       const char    *body);
/* The @nth value of @key in the draft's metadata, or NULL */
const char *ce_test_draft_meta        (CeDraft       *draft,
                                       const char    *key,
                                       guint          nth);
/* Stores @draft, read from @source_id (0 for none), inside the caller's
 * transaction, and checks it was new */
void       ce_test_corpus_add         (CeCorpus      *corpus,
                                       gint64         source_id,
                                       CeDraft       *draft);

/* A topic with the default colour and @terms as a person types them:
 * "china, \"xi jinping\", NEAR(trade deal, 5)" */
CeTopic   *ce_test_topic_new          (const char    *name,
                                       const char    *terms);

/* The ids of the documents that match the query @text, in corpus order */
GArray    *ce_test_search_ids         (CeCorpus      *corpus,
                                       const char    *text);
gboolean   ce_test_ids_contain        (GArray        *ids,
                                       gint64         id);
/* How many instances (ranges) of @query all its documents hold */
guint64    ce_test_count_instances    (CeCorpus      *corpus,
                                       CeQuery       *query);

/* Runs $CE_BINARY in @dir with the arguments that follow, up to a %NULL,
 * and without a display, as a script would */
void       ce_test_run_cli            (CeTestRun     *run,
                                       const char    *dir,
                                       ...) G_GNUC_NULL_TERMINATED;
void       ce_test_run_clear          (CeTestRun     *run);

/* Holds a thread (the session's writer, say) until the test lets it go:
 * pass ce_test_gate_func() and the gate as a CeSessionFunc and its data */
typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean started;
  gboolean released;
} CeTestGate;

void        ce_test_gate_init         (CeTestGate    *gate);
void        ce_test_gate_clear        (CeTestGate    *gate);
gpointer    ce_test_gate_func         (CeCorpus      *corpus,
                                       gpointer       gate,
                                       GCancellable  *cancellable,
                                       GError       **error);
/* Blocks until the gate's function runs */
void        ce_test_gate_wait_started (CeTestGate    *gate);
void        ce_test_gate_release      (CeTestGate    *gate);

/* What a reader produced from one input */
typedef struct
{
  GPtrArray *drafts;
  GPtrArray *warnings;
  guint      repairs;
  gboolean   ok;
  GError    *error;
  guint      stop_after;  /* emit returns FALSE after this many, if set */
} CeTestRead;

typedef gboolean (*CeTestReadFunc) (CeReadContext  *ctx,
                                    GInputStream   *stream,
                                    GError        **error);

void        ce_test_read_free     (CeTestRead            *read);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CeTestRead, ce_test_read_free)
/* Runs the reader @func over @stream, named @path in its messages;
 * @options may be %NULL for the defaults, @stop_after 0 for all */
CeTestRead *ce_test_read_stream   (CeTestReadFunc         func,
                                   const char            *path,
                                   GInputStream          *stream,
                                   const CeImportOptions *options,
                                   guint                  stop_after,
                                   GCancellable          *cancellable);
/* The same over @len bytes of @data (-1: up to its NUL) */
CeTestRead *ce_test_read_data     (CeTestReadFunc         func,
                                   const char            *path,
                                   const char            *data,
                                   gssize                 len,
                                   const CeImportOptions *options);
CeDraft    *ce_test_read_draft_at (CeTestRead            *read,
                                   guint                  i);

G_END_DECLS
