/* ce-reader-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ce-corpus.h"
#include "ce-document.h"
#include "ce-query.h"
#include "ce-session.h"

G_BEGIN_DECLS

#define CE_READER_ZOOM_MIN 0.5
#define CE_READER_ZOOM_MAX 3.0

/* Names of the text tags that mark matches in the buffer; a topic's tag
 * is CE_READER_TOPIC_TAG_PREFIX followed by the topic's id. */
#define CE_READER_HIT_TAG "search-hit"
/* Sentences a copy adds to the earliest copy of its story, and those it
 * leaves out, set in where they stood (while changes are marked) */
#define CE_READER_ADDED_TAG "diff-added"
#define CE_READER_REMOVED_TAG "diff-removed"
#define CE_READER_TOPIC_TAG_PREFIX "topic-"

#define CE_TYPE_READER_VIEW (ce_reader_view_get_type ())
G_DECLARE_FINAL_TYPE (CeReaderView, ce_reader_view, CE, READER_VIEW, GtkWidget)

GtkWidget     *ce_reader_view_new          (void);
CeDocument    *ce_reader_view_get_document (CeReaderView *self);
void           ce_reader_view_set_document (CeReaderView *self,
                                            CeDocument   *document,
                                            guint         index,
                                            guint         n_documents);
double         ce_reader_view_get_zoom     (CeReaderView *self);
void           ce_reader_view_set_show_quoted (CeReaderView *self,
                                               gboolean      show);
gboolean       ce_reader_view_get_show_quoted (CeReaderView *self);
void           ce_reader_view_set_mark_changes (CeReaderView *self,
                                                gboolean      mark);
gboolean       ce_reader_view_get_mark_changes (CeReaderView *self);
void           ce_reader_view_set_zoom     (CeReaderView *self,
                                            double        zoom);
GtkTextBuffer *ce_reader_view_get_buffer   (CeReaderView *self);
const char    *ce_reader_view_get_title    (CeReaderView *self);
const char    *ce_reader_view_get_metadata (CeReaderView *self);

void           ce_reader_view_set_session  (CeReaderView *self,
                                            CeSession    *session);
void           ce_reader_view_load         (CeReaderView *self,
                                            gint64        id,
                                            guint         index,
                                            guint         n_documents);
gboolean       ce_reader_view_is_loading   (CeReaderView *self);
void           ce_reader_view_clear        (CeReaderView *self);
void           ce_reader_view_show_range_of (CeReaderView *self,
                                            gint64        id,
                                            gsize         start,
                                            gsize         end);
CeQuery       *ce_reader_view_get_query    (CeReaderView *self);
void           ce_reader_view_set_query    (CeReaderView *self,
                                            CeQuery      *query);
void           ce_reader_view_set_topics   (CeReaderView *self,
                                            GPtrArray    *topics);

guint          ce_reader_view_get_n_hits   (CeReaderView *self);
int            ce_reader_view_get_current_hit (CeReaderView *self);
void           ce_reader_view_go_to_hit    (CeReaderView *self,
                                            guint         index);
guint          ce_reader_view_get_n_mentions (CeReaderView *self,
                                            guint         topic);

gboolean       ce_reader_view_get_iter_at_body_offset (CeReaderView *self,
                                            gsize         body_offset,
                                            GtkTextIter  *iter);
gsize          ce_reader_view_get_body_offset (CeReaderView      *self,
                                            const GtkTextIter *iter);
void           ce_reader_view_show_range   (CeReaderView *self,
                                            gsize         start,
                                            gsize         end);

G_END_DECLS
