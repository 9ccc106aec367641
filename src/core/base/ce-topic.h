/* ce-topic.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CE_TOPIC_ERROR (ce_topic_error_quark ())

typedef enum
{
  CE_TOPIC_ERROR_INVALID_TERM,   /* the message names the term */
  CE_TOPIC_ERROR_INVALID_NAME,
  CE_TOPIC_ERROR_INVALID_COLOR,
  CE_TOPIC_ERROR_EXISTS,         /* another topic has this name */
  CE_TOPIC_ERROR_NOT_FOUND,
} CeTopicError;

/* One phrase of a term, as written by the user.  @text has no quotes,
 * no leading "=" and no trailing "*". */
typedef struct
{
  char     *text;
  gboolean  prefix;          /* abc* : the last word is a prefix */
  gboolean  case_sensitive;  /* =US : the original text must match exactly */
} CeTopicPhrase;

/* A parsed term.  A plain term has one phrase; NEAR(a b, N) has one per
 * item and @near set to N (otherwise @near is -1).  @query is the term
 * as a safely quoted FTS5 expression. */
typedef struct
{
  char      *source;
  GPtrArray *phrases;   /* of CeTopicPhrase */
  int        near;
  char      *query;
} CeTopicTerm;

CeTopicTerm *ce_topic_term_parse     (const char  *term,
                                      GError     **error);
void         ce_topic_term_free      (CeTopicTerm *term);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CeTopicTerm, ce_topic_term_free)

/* "china, chinese, \"xi jinping\", NEAR(trade deal, 5)" -> terms.  Commas
 * inside quotes or parentheses do not split. */
GStrv        ce_topic_split_terms    (const char  *text);
char        *ce_topic_join_terms     (const char * const *terms);

/* The default colours of topics, in order: Okabe and Ito's palette,
 * which the chart layer's ce_color_palette_get() also serves. */
const char  *ce_topic_palette_get    (guint        index);
guint        ce_topic_palette_size   (void);
/* The colour of a new topic, given the colours the others have: the one
 * rule for every place that makes a topic */
const char  *ce_topic_palette_next   (const char * const *used,
                                      guint               n_used);

#define CE_TYPE_TOPIC (ce_topic_get_type ())
G_DECLARE_FINAL_TYPE (CeTopic, ce_topic, CE, TOPIC, GObject)

GQuark              ce_topic_error_quark  (void);

CeTopic            *ce_topic_new          (const char          *name,
                                           const char          *color,
                                           const char * const  *terms);
CeTopic            *ce_topic_copy         (CeTopic             *self);
gint64              ce_topic_get_id       (CeTopic             *self);
const char         *ce_topic_get_name     (CeTopic             *self);
void                ce_topic_set_name     (CeTopic             *self,
                                           const char          *name);
const char         *ce_topic_get_color    (CeTopic             *self);
void                ce_topic_set_color    (CeTopic             *self,
                                           const char          *color);
const char * const *ce_topic_get_terms    (CeTopic             *self);
void                ce_topic_set_terms    (CeTopic             *self,
                                           const char * const  *terms);
gboolean            ce_topic_get_enabled  (CeTopic             *self);
void                ce_topic_set_enabled  (CeTopic             *self,
                                           gboolean             enabled);
guint               ce_topic_get_position (CeTopic             *self);
gboolean            ce_topic_validate     (CeTopic             *self,
                                           GError             **error);
char               *ce_topic_build_query  (CeTopic             *self,
                                           GError             **error);

/* For the store */
gboolean            ce_topic_color_is_valid (const char      *color);
CeTopic            *ce_topic_new_stored   (gint64               id,
                                           const char          *name,
                                           const char          *color,
                                           GStrv                terms,
                                           guint                position,
                                           gboolean             enabled);
void                ce_topic_set_id       (CeTopic             *self,
                                           gint64               id);
void                ce_topic_set_position (CeTopic             *self,
                                           guint                position);

G_END_DECLS
