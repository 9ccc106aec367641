/* ce-csv.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* CSV as RFC 4180 writes it: fields with a comma, a quote or a line
 * break are quoted, quotes doubled; lines end in CRLF. */

void ce_csv_append_field  (GString    *out,
                           const char *text);
void ce_csv_append_number (GString    *out,
                           double      value);
void ce_csv_append_int    (GString    *out,
                           gint64      value);
void ce_csv_end_row       (GString    *out);

/* Pads @text with spaces to @width characters, on the left when
 * @right_align */
void ce_text_append_padded (GString    *out,
                            const char *text,
                            guint       width,
                            gboolean    right_align);

G_END_DECLS
