/* ce-analysis-words.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The words met while counting, numbered 0, 1, 2… in the order they
 * come: keywords, collocates and n-grams count by number, so that a token
 * is looked up once, without copying it, in a table that stays small
 * enough for the cache. */

typedef struct _CeWordTable CeWordTable;

CeWordTable *ce_word_table_new    (void);
void         ce_word_table_free   (CeWordTable *self);
guint32      ce_word_table_add    (CeWordTable *self,
                                   const char  *text,
                                   gsize        len);
void         ce_word_table_prefetch (CeWordTable *self,
                                     const char  *text,
                                     gsize        len);
gint64       ce_word_table_lookup (CeWordTable *self,
                                   const char  *text,
                                   gsize        len);
guint32      ce_word_table_size   (CeWordTable *self);
const char  *ce_word_table_get    (CeWordTable *self,
                                   guint32      number);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CeWordTable, ce_word_table_free)

G_END_DECLS
