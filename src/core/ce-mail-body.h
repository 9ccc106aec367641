/* ce-mail-body.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The structure of a message body, kept in the stored text with two marks
 * so that every later reader (the reader view, `show`, counting) finds it
 * in the text alone:
 *
 *   - a quoted paragraph begins with one '>' per level of quoting and a
 *     space: "> On Tuesday Ben wrote:", ">> the text Ben quoted";
 *   - the signature is one paragraph whose first line is "-- " and whose
 *     other lines are kept as the sender wrote them.
 *
 * Every other paragraph is the sender's new text.  Paragraphs are
 * separated by one blank line, as in every stored body. */
#define CE_MAIL_SIGNATURE_MARK "-- \n"

typedef enum
{
  CE_MAIL_BLOCK_TEXT,
  CE_MAIL_BLOCK_QUOTE,
  CE_MAIL_BLOCK_SIGNATURE,
} CeMailBlockKind;

/* Turns the decoded text of a text/plain part into a stored body: new
 * text reflowed as ce_fields_normalize_text() does; quoted text (by '>'
 * depth, with the "On … wrote:" line that introduces it, and everything
 * after an "-----Original Message-----", "Begin forwarded message:" or
 * Outlook's From/Sent/To/Subject block one level deeper) as quoted
 * paragraphs; the signature after a "-- " line as a signature paragraph.
 * @flowed and @delete_space are the format=flowed and DelSp=yes
 * parameters of RFC 3676.  NULL when nothing is left. */
char            *ce_mail_body_structure (const char *text,
                                         gboolean    flowed,
                                         gboolean    delete_space);

/* The kind of one stored paragraph (@len bytes at @paragraph), its quote
 * depth (0 unless quoted) and where its words start after the mark. */
CeMailBlockKind  ce_mail_paragraph_kind (const char *paragraph,
                                         gsize       len,
                                         guint      *depth,
                                         gsize      *content_offset);

G_END_DECLS
