/* ce-fields.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ce-draft.h"
#include "ce-reader.h"

G_BEGIN_DECLS

/* What a field of a structured record (a JSON object, a CSV row) holds,
 * going by its name: "Full Text", "full_text" and "fullText" are one. */
typedef enum
{
  CE_FIELD_META,  /* anything else, kept as metadata */
  CE_FIELD_TEXT,
  CE_FIELD_TITLE,
  CE_FIELD_DATE,
  CE_FIELD_YEAR,
  CE_FIELD_AUTHOR,
  CE_FIELD_SOURCE,
  CE_FIELD_SECTION,
  CE_FIELD_URL,
  CE_FIELD_PLACE,
} CeFieldRole;

/* The role of the field @key.  A field named in @options (text_field,
 * title_field, date_field) takes that role, and the other names of that
 * role then count as metadata.  *rank, when given, is 0 for the most
 * likely name of the role and grows for less likely ones. */
CeFieldRole  ce_fields_role           (const char              *key,
                                       const CeImportOptions   *options,
                                       guint                   *rank);

/* The index of the field that holds the text, or -1 */
int          ce_fields_find_text      (const char * const      *keys,
                                       guint                    n_fields,
                                       const CeImportOptions   *options);

/* Builds a draft from a record's fields; @values may hold NULL for
 * missing values.  The best-ranked field of each role fills the draft,
 * the rest of the non-empty values go to its metadata.  A date is parsed
 * with ce_date_parse() (Unix times in seconds or milliseconds are
 * understood too); one that cannot be read stays in the metadata.
 * A text holding HTML markup (paragraph or line break tags) is reduced
 * to its text with ce_decode_html(), any other has its newlines
 * normalised with ce_fields_normalize_text().
 * Returns NULL when there is no text field or its text is empty. */
CeDraft     *ce_fields_to_draft       (const char * const      *keys,
                                       const char * const      *values,
                                       guint                    n_fields,
                                       const CeImportOptions   *options);

/* Normalises the newlines of a text field: "\r\n" and "\r" become "\n";
 * with blank lines in the text, paragraphs are the runs of non-blank
 * lines, each joined into one line; without any, every line is a
 * paragraph of its own.  Paragraphs are separated by one blank line,
 * control characters become spaces, lines are trimmed. */
char        *ce_fields_normalize_text (const char              *text);

/* Collapses all white space, newlines included, into single spaces and
 * trims: for titles, names and other one-line values.  NULL when nothing
 * is left. */
char        *ce_fields_clean_line     (const char              *text);

G_END_DECLS
