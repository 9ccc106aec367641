/* ce-document.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CE_TYPE_DOCUMENT (ce_document_get_type ())
G_DECLARE_FINAL_TYPE (CeDocument, ce_document, CE, DOCUMENT, GObject)

/* One stored document.  Fields are immutable once built; body may be
 * NULL when the document was loaded for a list row only. */
typedef struct
{
  gint64      id;
  double      position;
  const char *title;
  const char *place;
  const char *date;
  const char *author;
  const char *source;
  const char *section;
  const char *url;
  guint       words;
  const char *body;
  guint       copies;   /* documents in its group of copies, 0 without */
} CeDocumentFields;

CeDocument *ce_document_new         (const CeDocumentFields *fields);
gint64      ce_document_get_id      (CeDocument *self);
double      ce_document_get_position (CeDocument *self);
const char *ce_document_get_title   (CeDocument *self);
const char *ce_document_get_place   (CeDocument *self);
const char *ce_document_get_date    (CeDocument *self);
const char *ce_document_get_author  (CeDocument *self);
const char *ce_document_get_source  (CeDocument *self);
const char *ce_document_get_section (CeDocument *self);
const char *ce_document_get_url     (CeDocument *self);
guint       ce_document_get_words   (CeDocument *self);
guint       ce_document_get_copies  (CeDocument *self);
const char *ce_document_get_body    (CeDocument *self);

G_END_DECLS
