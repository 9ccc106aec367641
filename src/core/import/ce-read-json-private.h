/* ce-read-json-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the parts of the JSON readers share: ce-read-json.c (the readers,
 * record by record), ce-read-json-lex.c (json-glib's scanner rules, the
 * guards run before it parses) and ce-read-json-record.c (a record's
 * fields made a draft).
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ce-reader.h"

G_BEGIN_DECLS

/* json-glib parses recursively, without a limit: deeper nesting than
 * this is refused before it can exhaust the stack */
#define CE_JSON_MAX_DEPTH 200

typedef struct
{
  CeReadContext *ctx;
  guint          no_text;
  gboolean       stopped;
} CeJsonRead;

/* Where json-glib's scanner is between tokens.  Its rules are wider than
 * JSON's: besides "strings" it reads 'strings' (no escapes), and a slash
 * opens a comment that the next slash closes.  Brackets count only outside
 * all three, exactly as the scanner sees them, or a quote inside a comment
 * would hide any number of brackets from the depth guard. */
typedef enum
{
  CE_JSON_LEX_CODE,
  CE_JSON_LEX_STRING,
  CE_JSON_LEX_SQ_STRING,
  CE_JSON_LEX_COMMENT,
} CeJsonLexState;

/* A member of an object, found by _ce_json_scan_members () */
typedef struct
{
  char  *key;
  gsize  start;   /* of its value, in the object's text */
  gsize  end;     /* just past the value */
} CeJsonMember;

/* ce-read-json-lex.c */
char      _ce_json_lex_step              (CeJsonLexState *state,
                                          const char     *text,
                                          gsize           len,
                                          gsize          *i,
                                          guint          *line);
guint     _ce_json_find_too_deep         (const char     *text,
                                          gsize           len);
gboolean  _ce_json_find_too_long_string  (const char     *text,
                                          gsize           len,
                                          guint          *line,
                                          gsize          *bytes);
gboolean  _ce_json_is_list_of_objects    (const char     *text,
                                          gsize           len);
GArray   *_ce_json_scan_members          (const char     *text,
                                          gsize           len,
                                          gsize          *end);
char     *_ce_json_describe_error        (const GError   *parse_error,
                                          guint          *line);
void      _ce_json_note_parsed           (CeReadContext  *ctx,
                                          gsize           len);

/* ce-read-json-record.c */
gboolean     _ce_json_emit_object       (CeJsonRead *read,
                                         JsonObject *object,
                                         guint       line,
                                         guint64     offset);
void         _ce_json_warn_skipped_rest (CeJsonRead *read);
const char  *_ce_json_describe_node     (JsonNode   *node);

G_END_DECLS
