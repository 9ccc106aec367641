/* ce-mail-body.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ce-mail-marks.h"

G_BEGIN_DECLS

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

G_END_DECLS
