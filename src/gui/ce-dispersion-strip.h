/* ce-dispersion-strip.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One tick: where in the document (0 at the start, 1 at the end), in
 * which lane (0 for search hits, then one per topic) and colour. */
typedef struct
{
  double  position;
  guint   lane;
  GdkRGBA color;
} CeDispersionMark;

#define CE_TYPE_DISPERSION_STRIP (ce_dispersion_strip_get_type ())
G_DECLARE_FINAL_TYPE (CeDispersionStrip, ce_dispersion_strip, CE, DISPERSION_STRIP, GtkWidget)

GtkWidget *ce_dispersion_strip_new          (void);
void       ce_dispersion_strip_set_marks    (CeDispersionStrip      *self,
                                             const CeDispersionMark *marks,
                                             guint                   n_marks,
                                             guint                   n_lanes);
guint      ce_dispersion_strip_get_n_marks  (CeDispersionStrip      *self);
const CeDispersionMark *
           ce_dispersion_strip_get_mark     (CeDispersionStrip      *self,
                                             guint                   index);
void       ce_dispersion_strip_set_current  (CeDispersionStrip      *self,
                                             int                     index);
int        ce_dispersion_strip_get_current  (CeDispersionStrip      *self);
int        ce_dispersion_strip_mark_at      (CeDispersionStrip      *self,
                                             double                  y);
void       ce_dispersion_strip_activate_at  (CeDispersionStrip      *self,
                                             double                  y);

G_END_DECLS
