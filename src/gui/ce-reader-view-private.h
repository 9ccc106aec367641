/* ce-reader-view-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ce-copies-panel.h"
#include "ce-corrections.h"
#include "ce-counter.h"
#include "ce-dispersion-strip.h"
#include "ce-draft.h"
#include "ce-reader-view.h"
#include "ce-session.h"
#include "ce-search.h"
#include "ce-topic.h"

G_BEGIN_DECLS

/* One paragraph as shown: the buffer holds its text without the heading
 * mark, paragraphs one line break apart instead of a blank line.  A
 * paragraph into which sentences removed from the earliest copy are set
 * (ce-reader-view-text.c) is shown as several segments: the ones after
 * the first continue it, and start (para_start) where their text does. */
typedef struct
{
  gsize    para_start;  /* body offset where the paragraph starts, mark included */
  gsize    text_start;  /* body offset of the text shown */
  gsize    text_len;    /* bytes shown */
  int      buf_start;   /* character offset in the buffer */
  int      buf_len;     /* characters shown */
  gboolean continued;   /* the rest of the paragraph of the segment before */
} Segment;

/* Sentences of the earliest copy that this one leaves out, set into
 * the text where they stood (ce-reader-view-changes.c) */
typedef struct
{
  gsize     offset;    /* body offset of the document shown where they go */
  char     *text;
  gboolean  own_line;  /* whole paragraphs: shown as lines of their own */
} Insertion;

/* A match in the buffer, in characters */
typedef struct
{
  int start;
  int end;
} Span;

/* Quotes deeper than this are indented as this deep */
#define CE_READER_QUOTE_DEPTHS 4

struct _CeReaderView
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkStack          *stack;
  GtkWidget         *history_back_button;
  GtkWidget         *history_forward_button;
  GtkWidget         *previous_document_button;
  GtkWidget         *next_document_button;
  GtkWidget         *hits_box;
  GtkWidget         *thread_box;
  GtkLabel          *hits_label;
  GtkScrolledWindow *scroller;
  GtkWidget         *clamp;
  GtkLabel          *title_label;
  GtkLabel          *meta_label;
  CeCopiesPanel     *copies_panel;
  GtkTextView       *text_view;
  CeDispersionStrip *strip;

  /* Owned references */
  CeSession         *session;
  CeDocument        *document;
  CeQuery           *query;
  GPtrArray         *topics;        /* CeTopic shown */
  GPtrArray         *topic_tags;    /* GtkTextTag, one per topic */
  GArray            *segments;      /* Segment */
  GArray            *hits;          /* Span */
  GPtrArray         *mentions;      /* GArray of Span, one per topic */
  GArray            *found_ranges;  /* CeSearchRange of the search, as read */
  GPtrArray         *found_mentions; /* GArray of CeMention per topic, as read */
  GCancellable      *load_cancellable;
  GArray            *history;       /* gint64 document ids */
  GMenu             *extra_menu;
  GMenu             *topics_menu;
  GtkWidget         *topics_popover;
  CeCorrectionUndo  *undo;
  AdwToast          *undo_toast;
  GtkTextTag        *body_tag;
  GtkTextTag        *heading_tag;
  GtkTextTag        *hit_tag;
  GtkTextTag        *current_tag;
  GtkTextTag        *quote_tags[CE_READER_QUOTE_DEPTHS]; /* by depth - 1 */
  GtkTextTag        *signature_tag;
  GtkTextTag        *signature_start_tag;
  GtkTextTag        *diff_added_tag;
  GtkTextTag        *diff_removed_tag;
  GPtrArray         *diff;          /* CeDiffSentence against the earliest copy, or NULL */
  gint64             diff_id;       /* the document @diff was read for */
  double             zoom;
  int                current_hit;
  guint              history_index;
  guint              index;
  guint              n_documents;
  guint              refresh_source;
  guint              scroll_tick;
  int                scroll_offset;    /* buffer offset to keep in view */
  guint              scroll_frames;
  guint              scroll_stable;
  double             scroll_value;
  gint64             thread_previous;  /* 0 at the start of the thread */
  gint64             thread_next;
  gint64             load_id;          /* the document being read */
  guint              load_index;
  guint              load_n;
  gint64             range_id;         /* a range to show once it is read */
  gsize              range_start;
  gsize              range_end;
  guint              load_document : 1;
  guint              load_push : 1;
  guint              show_quoted : 1;
  guint              navigating : 1;
  guint              has_previous : 1;
  guint              mark_changes : 1;
};

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_ZOOM,
  PROP_SHOW_QUOTED,
  PROP_LOADING,
  PROP_MARK_CHANGES,
  N_PROPS
};

enum {
  DOCUMENT_REQUESTED,
  MOVE_REQUESTED,
  SEARCH_REQUESTED,
  TOPICS_CHANGED,
  N_SIGNALS
};

/* ce-reader-view.c */
void _ce_reader_view_emit_search_requested (CeReaderView *self,
                                            const char   *text);
void _ce_reader_view_emit_topics_changed   (CeReaderView *self);
void _ce_reader_view_show_toast            (CeReaderView *self,
                                            AdwToast     *toast);
void _ce_reader_view_show_message          (CeReaderView *self,
                                            const char   *message);
void _ce_reader_view_update_actions        (CeReaderView *self);
void _ce_reader_view_request_document      (CeReaderView *self,
                                            gint64        id);
void _ce_reader_view_notify_loading        (CeReaderView *self);
void _ce_reader_view_show                  (CeReaderView *self,
                                            CeDocument   *document,
                                            guint         index,
                                            guint         n_documents,
                                            gboolean      push_history);

/* ce-reader-view-load.c */
void _ce_reader_view_refresh     (CeReaderView *self);
void _ce_reader_view_cancel_load (CeReaderView *self);

/* ce-reader-view-scroll.c */
void _ce_reader_view_scroll_to_offset (CeReaderView *self,
                                       int           offset);
void _ce_reader_view_select_span      (CeReaderView *self,
                                       const Span   *span);
void _ce_reader_view_cancel_scroll    (CeReaderView *self);

/* ce-reader-view-history.c */
void _ce_reader_view_update_history_actions (CeReaderView *self);
void _ce_reader_view_push_history           (CeReaderView *self,
                                             gint64        id);
void _ce_reader_view_history_action         (GtkWidget    *widget,
                                             const char   *action_name,
                                             GVariant     *param);

/* ce-reader-view-text.c */
char  *_ce_reader_view_format_date                     (const char   *iso);
char  *_ce_reader_view_build_metadata                  (CeDocument   *document,
                                                        guint         index,
                                                        guint         n_documents);
void   _ce_reader_view_fill_buffer                     (CeReaderView *self,
                                                        const char   *body);
guint  _ce_reader_view_segment_index_for_buffer_offset (CeReaderView *self,
                                                        int           offset);
int    _ce_reader_view_body_to_buffer                  (CeReaderView *self,
                                                        gsize         offset);
void   _ce_reader_view_apply_zoom                      (CeReaderView *self);

/* ce-reader-view-highlights.c */
void _ce_reader_view_update_tag_colors              (CeReaderView      *self);
void _ce_reader_view_update_hits_ui                 (CeReaderView      *self);
void _ce_reader_view_update_strip                   (CeReaderView      *self);
void _ce_reader_view_apply_span                     (CeReaderView      *self,
                                                     GtkTextTag        *tag,
                                                     const Span        *span);
void _ce_reader_view_set_highlights                (CeReaderView      *self,
                                                     GArray            *ranges,
                                                     GPtrArray         *mentions);
void _ce_reader_view_paint_highlights              (CeReaderView      *self);
void _ce_reader_view_go_to_hit                      (CeReaderView      *self,
                                                     guint              index);
void _ce_reader_view_next_hit_action                (GtkWidget         *widget,
                                                     const char        *action_name,
                                                     GVariant          *param);
void _ce_reader_view_previous_hit_action            (GtkWidget         *widget,
                                                     const char        *action_name,
                                                     GVariant          *param);
void _ce_reader_view_on_strip_mark_activated_cb     (CeReaderView      *self,
                                                     guint              index,
                                                     CeDispersionStrip *strip);
void _ce_reader_view_on_strip_position_activated_cb (CeReaderView      *self,
                                                     double             position,
                                                     CeDispersionStrip *strip);

/* ce-reader-view-selection.c */
void _ce_reader_view_rebuild_topics_menu     (CeReaderView *self);
void _ce_reader_view_search_selection_action (GtkWidget    *widget,
                                              const char   *action_name,
                                              GVariant     *param);
void _ce_reader_view_add_to_topic_action     (GtkWidget    *widget,
                                              const char   *action_name,
                                              GVariant     *param);
void _ce_reader_view_new_topic_action        (GtkWidget    *widget,
                                              const char   *action_name,
                                              GVariant     *param);
void _ce_reader_view_choose_topic_action     (GtkWidget    *widget,
                                              const char   *action_name,
                                              GVariant     *param);
void _ce_reader_view_copy_citation_action    (GtkWidget    *widget,
                                              const char   *action_name,
                                              GVariant     *param);

/* ce-reader-view-thread.c */
void _ce_reader_view_set_thread    (CeReaderView *self,
                                    gint64        previous,
                                    gint64        next);
void _ce_reader_view_thread_action (GtkWidget    *widget,
                                    const char   *action_name,
                                    GVariant     *param);

/* ce-reader-view-corrections.c */
guint _ce_reader_view_cursor_paragraph       (CeReaderView *self);
void  _ce_reader_view_dismiss_undo_toast     (CeReaderView *self);
void  _ce_reader_view_split_action           (GtkWidget    *widget,
                                              const char   *action_name,
                                              GVariant     *param);
void  _ce_reader_view_merge_action           (GtkWidget    *widget,
                                              const char   *action_name,
                                              GVariant     *param);
void  _ce_reader_view_undo_correction_action (GtkWidget    *widget,
                                              const char   *action_name,
                                              GVariant     *param);

/* ce-reader-view-text.c */
void _ce_reader_view_create_mail_tags       (CeReaderView *self);
void _ce_reader_view_update_mail_tag_colors (CeReaderView *self);

/* ce-reader-view-changes.c */
void     _ce_reader_view_create_diff_tags     (CeReaderView *self);
void     _ce_reader_view_update_diff_colors   (CeReaderView *self);
gboolean _ce_reader_view_set_diff             (CeReaderView *self,
                                               gint64        id,
                                               GPtrArray    *diff);
GArray  *_ce_reader_view_diff_insertions      (CeReaderView *self);
void     _ce_reader_view_mark_added           (CeReaderView *self);
GPtrArray *_ce_reader_view_read_diff          (CeCorpus     *corpus,
                                               CeDocument   *document,
                                               GError      **error);

G_END_DECLS
