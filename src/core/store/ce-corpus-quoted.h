/* ce-corpus-quoted.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ce-corpus.h"

G_BEGIN_DECLS

/* Quoted text and signatures (the paragraphs ce-mail-marks.h marks) are
 * indexed apart from the new text of a message: the index has the
 * columns (title, body, quoted), where `body` holds the body with its
 * quoted paragraphs blanked and `quoted` the body with its new text
 * blanked, so a word keeps its byte offset in the stored body in
 * either.  When quoted text is not counted, every search, count,
 * highlight and context is limited to the title and the new text. */

typedef enum
{
  CE_QUOTED_STORED,   /* as the corpus's own setting says */
  CE_QUOTED_INCLUDE,  /* quoted text counts, whatever the setting */
  CE_QUOTED_EXCLUDE,  /* quoted text is left out, whatever the setting */
} CeQuotedMode;

gboolean  ce_corpus_has_quoted_text       (CeCorpus      *self);
/* %FALSE for a corpus of an older format opened read-only: its index
 * holds quoted text with the rest until it is opened for writing */
gboolean  ce_corpus_can_leave_out_quoted  (CeCorpus      *self);

/* The corpus setting "Count quoted text"; off unless set */
gboolean  ce_corpus_get_count_quoted      (CeCorpus      *self);
gboolean  ce_corpus_set_count_quoted      (CeCorpus      *self,
                                           gboolean       count,
                                           GError       **error);

/* For this connection only (the command line's --quoted) */
void      ce_corpus_set_quoted_mode       (CeCorpus      *self,
                                           CeQuotedMode   mode);
CeQuotedMode ce_corpus_get_quoted_mode    (CeCorpus      *self);

/* Whether searches and counts on this connection leave quoted text
 * out: the mode, else the setting; %FALSE when the corpus has none */
gboolean  ce_corpus_excludes_quoted       (CeCorpus      *self);

/* Threads of mail: documents share the metadata value `thread` */
char     *ce_corpus_get_thread            (CeCorpus      *self,
                                           gint64         doc_id,
                                           GError       **error);
/* The messages of @doc_id's thread just before and after it (by date,
 * then corpus order); 0 where there is none */
gboolean  ce_corpus_get_thread_neighbours (CeCorpus      *self,
                                           gint64         doc_id,
                                           gint64        *previous,
                                           gint64        *next,
                                           GError       **error);

G_END_DECLS
