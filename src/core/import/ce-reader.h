/* ce-reader.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ce-draft.h"
#include "ce-script.h"
#include "ce-import-enums.h"

G_BEGIN_DECLS

/* Formats a file can be read as.  CE_FORMAT_AUTO detects by content and
 * extension (ce_reader_detect_format()). */
typedef enum
{
  CE_FORMAT_AUTO,
  CE_FORMAT_DUMP,    /* raw text dump: many articles, hard-wrapped */
  CE_FORMAT_TEXT,    /* one document per file (.txt, .md) */
  CE_FORMAT_JSONL,
  CE_FORMAT_JSON,    /* an array of objects, or one object */
  CE_FORMAT_CSV,     /* CSV or TSV with a header row */
  CE_FORMAT_EMAIL,   /* one RFC 822 message, or an mbox */
  CE_FORMAT_HTML,
  CE_FORMAT_UNKNOWN, /* binary or otherwise unreadable */
} CeFormat;

typedef enum
{
  CE_SPLIT_AUTO,     /* every boundary signal the segmenter knows */
  CE_SPLIT_NONE,     /* the whole file is one document */
  CE_SPLIT_DATELINE, /* only at datelines */
  CE_SPLIT_LINES,    /* one document per line */
  CE_SPLIT_BLANK,    /* at blank lines */
  CE_SPLIT_REGEX,    /* at lines matching split_regex */
} CeSplitMode;

typedef struct
{
  CeFormat    format;
  CeSplitMode split;
  char       *split_regex;
  /* Field names for structured formats; NULL picks by common names */
  char       *text_field;
  char       *title_field;
  char       *date_field;
  /* For a corpus without documents; the others keep theirs */
  CeTokenizer tokenizer;
  CeDiacritics diacritics;
  /* Exact copies of a stored body are left out unless kept; kept ones
   * join the group of their copies */
  gboolean    keep_duplicates;
  /* The similarity for grouping near copies; 0 keeps the corpus's */
  double      duplicate_threshold;
  /* Exact copies only: no signatures, so what this import brings is
   * never compared as a near copy (quicker on very large imports) */
  gboolean    no_near_copies;
} CeImportOptions;

typedef struct _CeReadContext CeReadContext;

/* The longest text one document may hold (title and body).  A longer one
 * is skipped with a warning naming its file and line: storing and
 * indexing it would take several times its size in memory at once.  A
 * book is a few megabytes. */
#define CE_MAX_DOCUMENT_BYTES (16 * 1024 * 1024)

/* Called for every document a reader finds; takes ownership of @draft.
 * Returns FALSE to stop reading (cancelled, or the store failed). */
typedef gboolean (*CeDraftFunc) (CeReadContext *ctx,
                                 CeDraft       *draft,
                                 gpointer       user_data);

struct _CeReadContext
{
  const char            *path;      /* shown in messages */
  const CeImportOptions *options;
  GCancellable          *cancellable;

  CeDraftFunc            emit;
  gpointer               emit_data;

  /* Filled in by readers */
  GPtrArray             *warnings;  /* "PATH:LINE: message" strings */
  guint                  repairs;   /* invalid byte sequences replaced */
  /* The most text handed to a parser at once (the JSON reader's: the
   * tree json-glib builds is several times its size) */
  gsize                  parse_peak;
};

/* Appends "PATH:LINE: message" (or "PATH: message" when line is 0). */
void ce_read_context_warn (CeReadContext *ctx,
                           guint          line,
                           const char    *format,
                           ...) G_GNUC_PRINTF (3, 4);

const char *ce_format_to_string   (CeFormat     format);
CeFormat    ce_format_from_string (const char  *name);

G_END_DECLS

G_BEGIN_DECLS

/* Readers.  Each reads one file and calls ctx->emit for every document;
 * recoverable problems go to ce_read_context_warn() and reading goes on.
 * They return FALSE with @error only when nothing more can be read. */
CeFormat ce_reader_detect_format (const char     *path,
                                  const char     *head,
                                  gsize           head_len);
gboolean ce_read_dump            (CeReadContext  *ctx,
                                  GInputStream   *stream,
                                  GError        **error);
gboolean ce_read_text            (CeReadContext  *ctx,
                                  GInputStream   *stream,
                                  GError        **error);
gboolean ce_read_jsonl           (CeReadContext  *ctx,
                                  GInputStream   *stream,
                                  GError        **error);
gboolean ce_read_json            (CeReadContext  *ctx,
                                  GInputStream   *stream,
                                  GError        **error);
gboolean ce_read_csv             (CeReadContext  *ctx,
                                  GInputStream   *stream,
                                  GError        **error);
gboolean ce_read_email           (CeReadContext  *ctx,
                                  GInputStream   *stream,
                                  GError        **error);
gboolean ce_read_html            (CeReadContext  *ctx,
                                  GInputStream   *stream,
                                  GError        **error);

G_END_DECLS
