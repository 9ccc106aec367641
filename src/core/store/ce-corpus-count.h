/* ce-corpus-count.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ce-corpus.h"
#include "ce-topic.h"

G_BEGIN_DECLS

/* What a mention is.
 *
 * Topic terms are FTS5 phrases OR-ed together and matched in the body
 * column only: the title is not counted (a headline mostly repeats the
 * body, and counting both would double such mentions), so searching and
 * highlighting in the body agree with the numbers.
 *
 * Every phrase instance the index reports covers the token positions
 * from its first to its last token.  Instances whose spans overlap, of
 * the same or of different terms ("china" and "china daily"), are one
 * mention; each maximal run of overlapping spans counts once.  In
 * NEAR(a b, N) every reported phrase is a mention of its own.  A
 * case-sensitive phrase (=US) only counts where the original text of
 * each of its tokens is byte for byte the text of the term (for a prefix,
 * starts with it).
 *
 * A mention's byte range runs from the start of its first token to the
 * end of its last token in the body, so the reader highlights exactly
 * what is counted. */

typedef struct
{
  guint start;   /* byte offset in the body */
  guint end;     /* exclusive */
} CeMention;

typedef struct
{
  gint64 doc_id;
  guint  count;
} CeDocCount;

#define CE_COUNTER_ERROR (ce_counter_error_quark ())

typedef enum
{
  CE_COUNTER_ERROR_INVALID_TERM,     /* names the term */
  CE_COUNTER_ERROR_INVALID_QUERY,    /* the restriction is not valid FTS5 */
  CE_COUNTER_ERROR_INVALID_GROUPING,
  CE_COUNTER_ERROR_INVALID_MEASURE,
  CE_COUNTER_ERROR_FAILED,
} CeCounterError;

GQuark  ce_counter_error_quark       (void);

gboolean ce_counter_check_topic      (CeCorpus    *corpus,
                                      CeTopic     *topic,
                                      GError     **error);
GArray  *ce_counter_count_documents  (CeCorpus    *corpus,
                                      CeTopic     *topic,
                                      const char  *restrict_fts,
                                      GError     **error);
GArray  *ce_counter_count_documents_shared (CeCorpus    *corpus,
                                            CeTopic     *topic,
                                            const char  *restrict_fts,
                                            GError     **error);
guint    ce_counter_get_stored_hits  (CeCorpus    *corpus);
gboolean ce_counter_clear_stored     (CeCorpus    *corpus,
                                      GError     **error);
GArray  *ce_counter_mentions         (CeCorpus    *corpus,
                                      CeTopic     *topic,
                                      gint64       doc_id,
                                      GError     **error);

/* What the aggregation in ce-counter.c reads of each document */
typedef enum
{
  CE_DOC_VALUE_NONE,
  CE_DOC_VALUE_PLACE,
  CE_DOC_VALUE_SOURCE,
  CE_DOC_VALUE_SECTION,
  CE_DOC_VALUE_AUTHOR,
} CeDocValue;

typedef struct
{
  gint64  id;
  double  position;
  char   *date;
  guint   words;
  char   *label;  /* document groupings */
  char   *value;  /* place, source, section or author */
} CeCorpusDocRow;

void        ce_corpus_doc_row_clear    (gpointer      data);
gboolean    ce_corpus_load_doc_rows    (CeCorpus     *corpus,
                                        CeDocValue    value,
                                        gboolean      labels,
                                        const char   *filter_fts,
                                        GArray       *filter_ids,
                                        GArray       *docs,
                                        GError      **error);
/* One document as ce_corpus_scan_doc_rows() reads it: @date and @value
 * (place, source, section or author) are valid during the call only */
typedef void (*CeCorpusDocRowFunc) (gint64      id,
                                    const char *date,
                                    guint       words,
                                    const char *value,
                                    gpointer    user_data);

gboolean    ce_corpus_scan_doc_rows    (CeCorpus           *corpus,
                                        CeDocValue          value,
                                        CeCorpusDocRowFunc  func,
                                        gpointer            user_data,
                                        GError            **error);
gboolean    ce_corpus_match_doc_ids    (CeCorpus     *corpus,
                                        const char   *fts,
                                        GArray       *ids,
                                        GError      **error);
gint64      ce_corpus_get_data_version (CeCorpus     *corpus);
GHashTable *ce_corpus_load_meta_values (CeCorpus     *corpus,
                                        const char   *key,
                                        GError      **error);

G_END_DECLS
