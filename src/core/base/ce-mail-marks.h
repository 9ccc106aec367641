/* ce-mail-marks.h
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

/* The kind of one stored paragraph (@len bytes at @paragraph), its quote
 * depth (0 unless quoted) and where its words start after the mark. */
CeMailBlockKind  ce_mail_paragraph_kind (const char *paragraph,
                                         gsize       len,
                                         guint      *depth,
                                         gsize      *content_offset);

/* Whether @body has any quoted or signature paragraph */
gboolean         ce_mail_body_has_quotes (const char *body,
                                          gsize       len);

/* @body with the paragraphs of one side replaced by spaces, byte for
 * byte, so that every word left stands at its offset in @body: with
 * @quoted FALSE the new text (quotes and signature blanked), with %TRUE
 * the quotes and the signature (the new text blanked).  The index keeps
 * the two apart this way, and offsets in either are offsets in @body. */
char            *ce_mail_body_mask       (const char *body,
                                          gsize       len,
                                          gboolean    quoted);

G_END_DECLS
