/* ce-topics-panel-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ce-counter.h"
#include "ce-entities.h"
#include "ce-session.h"
#include "ce-gui-private.h"
#include "ce-topics-panel.h"

G_BEGIN_DECLS

struct _CeTopicsPanel
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget           *scroller;
  GtkListBox          *topics_list;
  GtkWidget           *empty_label;
  GtkWidget           *add_button;
  AdwPreferencesGroup *suggestions_group;
  GtkSpinner          *suggestions_spinner;
  GtkListBox          *suggestions_list;

  /* Owned references */
  CeSession           *session;
  GPtrArray           *topics;        /* the session's topics, in their order */
  GHashTable          *totals;        /* terms key -> Total */
  GPtrArray           *suggestions;   /* of CeEntity */
  GCancellable        *count_cancellable;
  GCancellable        *suggest_cancellable;
  gboolean             suggest_on_map;  /* asked for while not shown */
};

/* Mentions of one set of terms: topics with the same terms share it, so
 * a topic keeps its count when it is renamed, recoloured or restored. */
typedef struct
{
  char    *key;
  guint64  mentions;
  guint    documents;
  char    *error;
} Total;

typedef struct
{
  char  *key;
  GStrv  terms;
} CountRequest;

/* ce-topics-panel.c */
gboolean    _ce_topics_panel_is_writable      (CeTopicsPanel *self);
char       *_ce_topics_panel_topic_key        (CeTopic       *topic);
CeTopic    *_ce_topics_panel_find_topic       (CeTopicsPanel *self,
                                               gint64         id,
                                               guint         *index);
void        _ce_topics_panel_show_error_toast (CeTopicsPanel *self,
                                               const GError  *error);
void        _ce_topics_panel_emit_changed     (CeTopicsPanel *self);
void        _ce_topics_panel_reload_topics    (CeTopicsPanel *self,
                                               gint64         focus_id);
void        _ce_topics_panel_move_topic       (CeTopicsPanel *self,
                                               gint64         id,
                                               guint          position);

/* ce-topics-panel-rows.c */
void       _ce_topics_panel_update_totals (CeTopicsPanel *self);
GtkWidget *_ce_topics_panel_topic_row_new (CeTopicsPanel *self,
                                           CeTopic       *topic,
                                           guint          index);
gboolean   _ce_topics_panel_sync_row      (CeTopicsPanel *self,
                                           guint          index);

/* ce-topics-panel-suggestions.c */
void _ce_topics_panel_start_suggestions       (CeTopicsPanel *self);
void _ce_topics_panel_map_suggestions         (CeTopicsPanel *self);
void _ce_topics_panel_clear_suggestions       (CeTopicsPanel *self);
void _ce_topics_panel_add_suggestion_action   (GtkWidget     *widget,
                                               const char    *action_name,
                                               GVariant      *param);
void _ce_topics_panel_hide_suggestions_action (GtkWidget     *widget,
                                               const char    *action_name,
                                               GVariant      *param);

G_END_DECLS
