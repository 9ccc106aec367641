/* ce-facets-pane.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ce-document-list-model.h"

G_BEGIN_DECLS

/* Values of a facet shown before "Show More" */
#define CE_FACETS_PANE_SHOWN 10

#define CE_TYPE_FACETS_PANE (ce_facets_pane_get_type ())
G_DECLARE_FINAL_TYPE (CeFacetsPane, ce_facets_pane, CE, FACETS_PANE, GtkWidget)

GtkWidget           *ce_facets_pane_new       (void);
CeDocumentListModel *ce_facets_pane_get_model (CeFacetsPane        *self);
void                 ce_facets_pane_set_model (CeFacetsPane        *self,
                                               CeDocumentListModel *model);
GtkWidget           *ce_facets_pane_find_row  (CeFacetsPane        *self,
                                               const char          *field,
                                               const char          *value);
gint64               ce_facets_pane_get_count (CeFacetsPane        *self,
                                               const char          *field,
                                               const char          *value);

G_END_DECLS
