/* ce-contexts-view-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lines of the Contexts page: a row of its column view, and the
 * columns that show it.
 */

#pragma once

#include <gtk/gtk.h>

#include "ce-contexts.h"

G_BEGIN_DECLS

/* The widest a match is shown, in characters */
#define _CE_CONTEXTS_MAX_MATCH_CHARS 28

/* A row of the column view: one line */
#define CE_TYPE_CONTEXT_ITEM (ce_context_item_get_type ())
G_DECLARE_FINAL_TYPE (CeContextItem, ce_context_item, CE, CONTEXT_ITEM, GObject)

struct _CeContextItem
{
  GObject    parent_instance;
  CeContext *line;
};

CeContextItem *_ce_context_item_new (CeContext *line);

/* Left context, match, right context, document and date.  Every match
 * gets the width of *@match_chars characters, which must outlive @view */
void _ce_contexts_add_columns (GtkColumnView *view,
                               const guint   *match_chars);

G_END_DECLS
