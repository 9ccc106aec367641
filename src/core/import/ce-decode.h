/* ce-decode.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ce-draft.h"

G_BEGIN_DECLS

/* Text of unknown origin to UTF-8.
 *
 * A byte order mark wins: UTF-8 (stripped), UTF-16 LE or BE (converted).
 * Otherwise a declared charset other than UTF-8, ASCII, Latin-1 or
 * Windows-1252 is converted with iconv, each invalid sequence becoming
 * U+FFFD.  Everything else is read the forgiving way: valid UTF-8 is kept
 * as is and every other byte is read as Windows-1252, the usual culprit.
 * NUL bytes become U+FFFD.  Every replaced byte, and every byte read as
 * Windows-1252 when that was not the declared charset, adds one to
 * *repairs.  The result is valid UTF-8 and never NULL. */
char    *ce_decode_bytes           (const char    *data,
                                    gsize          len,
                                    const char    *declared_charset,
                                    guint         *repairs);

/* Appends @data to @out, valid UTF-8 kept as is and every other byte read
 * as Windows-1252 (NUL and the five unassigned bytes as U+FFFD).  Returns
 * the number of bytes so read. */
guint    ce_decode_append_fallback (GString       *out,
                                    const char    *data,
                                    gsize          len);

/* Appends the UTF-16 text in @data (no BOM) to @out as UTF-8.  Unpaired
 * surrogates and NUL become U+FFFD and are counted in *repairs.  Unless
 * @at_end, a trailing odd byte or high surrogate is left unconsumed for the
 * next call.  Returns the number of bytes consumed. */
gsize    ce_decode_append_utf16    (GString       *out,
                                    const guchar  *data,
                                    gsize          len,
                                    gboolean       big_endian,
                                    gboolean       at_end,
                                    guint         *repairs);

/* Reduces an HTML page or fragment to a draft: title, date, author and
 * other metadata from its head, and the text of its article (or body) as
 * paragraphs, scripts, styles, navigation, headers, footers and asides
 * left out.  @charset is the one declared outside the document (HTTP,
 * MIME), or NULL to look inside it.  Never NULL; the body may be empty.
 * Implemented in ce-read-html.c. */
CeDraft *ce_decode_html            (const char    *html,
                                    gsize          len,
                                    const char    *charset,
                                    guint         *repairs);

/* Reads @stream to its end, for the readers that need a whole file. */
GBytes  *ce_decode_read_all        (GInputStream  *stream,
                                    GCancellable  *cancellable,
                                    GError       **error);

G_END_DECLS
