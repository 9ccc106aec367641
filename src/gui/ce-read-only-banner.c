/* ce-read-only-banner.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under the header bar while the corpus open can only be read: its
 * file, its folder or the medium it is on cannot be written, so the
 * session's writer opened it read-only (ce_session_is_read_only()).
 * Reading, searching, charts and exports work as usual; what would
 * change the corpus is switched off where it is offered, and the banner
 * says why.  libadwaita 1.2 has no AdwBanner: a revealer with a label,
 * styled alike (style.css, .read-only-banner).
 */

#define G_LOG_DOMAIN "ce-read-only-banner"

#include "config.h"

#include <glib/gi18n.h>

#include "ce-read-only-banner.h"

struct _CeReadOnlyBanner
{
  GtkWidget parent_instance;

  GtkRevealer *revealer;
  GtkLabel    *label;

  /* Owned references */
  CeSession   *session;
};

G_DEFINE_FINAL_TYPE (CeReadOnlyBanner, ce_read_only_banner, GTK_TYPE_WIDGET)

static void
update (CeReadOnlyBanner *self)
{
  gboolean read_only = self->session != NULL && ce_session_is_read_only (self->session);
  g_autofree char *name = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *tooltip = NULL;

  if (read_only)
    {
      name = ce_session_dup_name (self->session);
      escaped = g_markup_escape_text (name, -1);
      /* Translators: a banner under the header bar; %s is the corpus's name */
      markup = g_strdup_printf (_("<b>Read-only:</b> changes to “%s” cannot be saved; "
                                  "imports go to a new corpus"),
                                escaped);
      gtk_label_set_markup (self->label, markup);
      tooltip = g_strdup_printf (_("“%s” cannot be written: the file, its folder or its disk is "
                                   "write-protected. Reading, searching and charts work as usual."),
                                 ce_session_get_path (self->session));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
    }

  gtk_widget_set_visible (GTK_WIDGET (self), read_only);
  gtk_revealer_set_reveal_child (self->revealer, read_only);
}

static void
ce_read_only_banner_dispose (GObject *object)
{
  CeReadOnlyBanner *self = (CeReadOnlyBanner *)object;

  ce_session_unwatch (&self->session, self);
  if (self->revealer != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->revealer));
      self->revealer = NULL;
    }

  G_OBJECT_CLASS (ce_read_only_banner_parent_class)->dispose (object);
}

static void
ce_read_only_banner_class_init (CeReadOnlyBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ce_read_only_banner_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "readonlybanner");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
ce_read_only_banner_init (CeReadOnlyBanner *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *icon = gtk_image_new_from_icon_name ("changes-prevent-symbolic");

  self->label = GTK_LABEL (gtk_label_new (NULL));
  /* One line, as a banner is; the tooltip has all of it (a wrapping
   * label in a bar misreports its height in GTK 4.8) */
  gtk_label_set_ellipsize (self->label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), FALSE);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));

  gtk_widget_add_css_class (GTK_WIDGET (self), "read-only-banner");
  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->revealer, box);
  gtk_widget_set_parent (GTK_WIDGET (self->revealer), GTK_WIDGET (self));

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
ce_read_only_banner_new (void)
{
  return g_object_new (CE_TYPE_READ_ONLY_BANNER, NULL);
}

/**
 * ce_read_only_banner_set_session:
 * @session: (nullable): whose corpus to watch
 */
void
ce_read_only_banner_set_session (CeReadOnlyBanner *self,
                                 CeSession        *session)
{
  static const CeSessionWatch watch = { .path_changed = G_CALLBACK (update) };

  g_return_if_fail (CE_IS_READ_ONLY_BANNER (self));
  g_return_if_fail (session == NULL || CE_IS_SESSION (session));

  if (!ce_session_watch (&self->session, session, self, &watch))
    return;

  update (self);
}

gboolean
ce_read_only_banner_is_shown (CeReadOnlyBanner *self)
{
  g_return_val_if_fail (CE_IS_READ_ONLY_BANNER (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self)) && gtk_revealer_get_reveal_child (self->revealer);
}

/**
 * ce_read_only_banner_get_text:
 *
 * Returns: what the banner says, without markup
 */
const char *
ce_read_only_banner_get_text (CeReadOnlyBanner *self)
{
  g_return_val_if_fail (CE_IS_READ_ONLY_BANNER (self), NULL);
  return gtk_label_get_text (self->label);
}
