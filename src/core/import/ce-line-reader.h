/* ce-line-reader.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ce-reader.h"

G_BEGIN_DECLS

/* Reads a stream line by line, in big buffered reads, as UTF-8.
 *
 * A UTF-8 byte order mark is skipped; UTF-16 with a byte order mark is
 * converted.  Any other line that is not valid UTF-8 is decoded as
 * Windows-1252; each such byte is counted in ctx->repairs and the first
 * such line gets one warning.  A line longer than CE_MAX_DOCUMENT_BYTES
 * (ce-reader.h) is skipped with a warning that names it: it could only
 * become a document too long to store, and memory stays bounded however
 * long the lines of a file are. */
typedef struct _CeLineReader CeLineReader;

CeLineReader *ce_line_reader_new             (GInputStream   *stream,
                                              CeReadContext  *ctx);
/* The next line, NUL-terminated, without "\n" or "\r\n"; valid until the
 * next call.  NULL at the end of the stream (error unset) or on error. */
const char   *ce_line_reader_next            (CeLineReader   *self,
                                              gsize          *len,
                                              GError        **error);
/* 1-based number of the line last returned */
guint         ce_line_reader_get_line_number (CeLineReader   *self);
/* Byte offset in the file of the start of the line last returned */
guint64       ce_line_reader_get_offset      (CeLineReader   *self);
void          ce_line_reader_free            (CeLineReader   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CeLineReader, ce_line_reader_free)

G_END_DECLS
