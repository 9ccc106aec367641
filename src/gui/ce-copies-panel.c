/* ce-copies-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under the reader's header, for a document that has copies: how many
 * other copies of its story the corpus holds, a link to each, and what
 * this one adds to or leaves out of the group's representative (its
 * earliest copy), sentence by sentence.  Everything is read and
 * compared in a session worker; the panel stays hidden for a document
 * without copies.
 */

#define G_LOG_DOMAIN "ce-copies-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "ce-copies-panel.h"
#include "ce-corpus-duplicates.h"
#include "ce-sentence-diff.h"

/* Links shown at most; the rest are counted */
#define MAX_LINKS 12
/* Changed sentences shown at most */
#define MAX_CHANGES 200

struct _CeCopiesPanel
{
  GtkWidget parent_instance;

  GtkWidget    *box;
  GtkLabel     *header_label;
  GtkLabel     *note_label;
  GtkBox       *links_box;
  GtkExpander  *diff_expander;
  GtkBox       *diff_box;
  GtkWidget    *mark_button;

  /* Owned references */
  CeSession    *session;
  GCancellable *cancellable;
  GArray       *linked_ids;   /* gint64, the links shown, in order */
  gint64        id;
  guint         added;
  guint         removed;
  gboolean      loading;
};

G_DEFINE_FINAL_TYPE (CeCopiesPanel, ce_copies_panel, GTK_TYPE_WIDGET)

enum {
  OPEN_DOCUMENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_MARK_CHANGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* In a worker ------------------------------------------------------------------ */

typedef struct
{
  gint64     id;
  GPtrArray *copies;   /* CeCopy, representative first; empty without copies */
  GPtrArray *diff;     /* CeDiffSentence against the representative; NULL for it */
} CopiesResult;

static void
copies_result_free (CopiesResult *result)
{
  g_clear_pointer (&result->copies, g_ptr_array_unref);
  g_clear_pointer (&result->diff, g_ptr_array_unref);
  g_free (result);
}

static gpointer
load_copies_func (CeCorpus      *corpus,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  gint64 id = *(gint64 *)data;
  g_autoptr(GPtrArray) copies = ce_corpus_get_copies (corpus, id, error);
  CopiesResult *result;
  const CeCopy *representative;

  if (copies == NULL)
    return NULL;

  result = g_new0 (CopiesResult, 1);
  result->id = id;
  result->copies = g_steal_pointer (&copies);

  if (result->copies->len < 2)
    return result;

  representative = g_ptr_array_index (result->copies, 0);
  if (representative->id != id)
    {
      g_autoptr(CeDocument) first = ce_corpus_get_document (corpus, representative->id, error);
      g_autoptr(CeDocument) second = first != NULL ? ce_corpus_get_document (corpus, id, error) : NULL;

      if (second == NULL)
        {
          copies_result_free (result);
          return NULL;
        }

      result->diff = ce_sentence_diff (ce_document_get_body (first), ce_document_get_body (second));
    }

  return result;
}

/* Showing ---------------------------------------------------------------------- */

static void
remove_children (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static void
on_link_clicked_cb (CeCopiesPanel *self,
                    GtkButton     *button)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "document-id");

  if (id != NULL)
    g_signal_emit (self, signals[OPEN_DOCUMENT], 0, *id);
}

static GtkWidget *
new_link (CeCopiesPanel *self,
          const CeCopy  *copy,
          gboolean       representative)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *title = gtk_label_new (copy->title != NULL && copy->title[0] != 0
                                    ? copy->title : _("Untitled Document"));
  GtkWidget *detail;
  g_autofree char *text = NULL;

  if (representative)
    text = copy->date != NULL ? g_strdup_printf (_("%s · earliest"), copy->date) : g_strdup (_("earliest"));
  else
    {
      /* Translators: how much of the text a copy shares with the earliest copy */
      g_autofree char *alike = g_strdup_printf (_("%d %% alike"), (int)(copy->similarity * 100 + 0.5));

      text = copy->date != NULL ? g_strdup_printf ("%s · %s", copy->date, alike) : g_steal_pointer (&alike);
    }
  detail = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "copy-title");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "numeric");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), detail);

  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "copy-link");
  gtk_widget_set_tooltip_text (button, _("Open This Copy"));
  g_object_set_data_full (G_OBJECT (button), "document-id",
                          g_memdup2 (&copy->id, sizeof copy->id), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_link_clicked_cb), self,
                           G_CONNECT_SWAPPED);

  g_array_append_val (self->linked_ids, copy->id);
  return button;
}

static void
fill_diff (CeCopiesPanel *self,
           GPtrArray     *diff)
{
  g_autofree char *label = NULL;
  g_autofree char *changes = NULL;
  guint shown = 0;

  remove_children (self->diff_box);
  ce_sentence_diff_count (diff, &self->added, &self->removed);

  if (self->added == 0 && self->removed == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->diff_expander), FALSE);
      gtk_widget_set_visible (self->mark_button, FALSE);
      return;
    }

  if (self->removed == 0)
    changes = g_strdup_printf (ngettext ("%u sentence added", "%u sentences added", self->added),
                               self->added);
  else if (self->added == 0)
    changes = g_strdup_printf (ngettext ("%u sentence removed", "%u sentences removed", self->removed),
                               self->removed);
  else
    /* Translators: sentences added and removed; both numbers are at least 1 */
    changes = g_strdup_printf (_("%u added, %u removed"), self->added, self->removed);
  /* Translators: "Differences from the earliest copy: 2 sentences added" */
  label = g_strdup_printf (_("Differences from the earliest copy: %s"), changes);
  gtk_expander_set_label (self->diff_expander, label);

  for (guint i = 0; i < diff->len && shown < MAX_CHANGES; i++)
    {
      const CeDiffSentence *sentence = g_ptr_array_index (diff, i);
      g_autofree char *escaped = NULL;
      g_autofree char *markup = NULL;
      GtkWidget *line;

      if (sentence->kind == CE_DIFF_SAME)
        continue;

      escaped = g_markup_escape_text (sentence->text, -1);
      if (sentence->kind == CE_DIFF_ADDED)
        markup = g_strdup_printf ("<b>+</b>  %s", escaped);
      else
        markup = g_strdup_printf ("<b>−</b>  <s>%s</s>", escaped);

      line = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (line), markup);
      gtk_label_set_xalign (GTK_LABEL (line), 0);
      gtk_label_set_wrap (GTK_LABEL (line), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (line), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (line), TRUE);
      gtk_widget_add_css_class (line, sentence->kind == CE_DIFF_ADDED ? "diff-added" : "diff-removed");
      gtk_accessible_update_property (GTK_ACCESSIBLE (line), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      sentence->kind == CE_DIFF_ADDED ? _("Added") : _("Removed"),
                                      -1);
      gtk_box_append (self->diff_box, line);
      shown++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->diff_expander), TRUE);
  gtk_widget_set_visible (self->mark_button, TRUE);
}

static void
show_result (CeCopiesPanel *self,
             CopiesResult  *result)
{
  guint others = result->copies->len - 1;
  const CeCopy *representative = g_ptr_array_index (result->copies, 0);
  g_autofree char *header = NULL;
  guint links = 0;

  remove_children (self->links_box);
  g_array_set_size (self->linked_ids, 0);
  self->added = self->removed = 0;

  /* Translators: above the links to the other copies of a document */
  header = g_strdup_printf (ngettext ("%u other copy of this story", "%u other copies of this story", others),
                            others);
  gtk_label_set_label (self->header_label, header);

  if (representative->id == result->id)
    gtk_label_set_label (self->note_label, _("This is the earliest copy; the others are compared with it."));
  else
    {
      const CeCopy *self_copy = NULL;
      g_autofree char *note = NULL;

      for (guint i = 0; i < result->copies->len; i++)
        if (((CeCopy *)g_ptr_array_index (result->copies, i))->id == result->id)
          self_copy = g_ptr_array_index (result->copies, i);

      note = g_strdup_printf (_("This copy shares %d %% of its text with the earliest."),
                              self_copy != NULL ? (int)(self_copy->similarity * 100 + 0.5) : 0);
      gtk_label_set_label (self->note_label, note);
    }

  for (guint i = 0; i < result->copies->len; i++)
    {
      const CeCopy *copy = g_ptr_array_index (result->copies, i);

      if (copy->id == result->id)
        continue;
      if (links == MAX_LINKS)
        {
          g_autofree char *more = NULL;
          GtkWidget *label;

          more = g_strdup_printf (ngettext ("and %u more", "and %u more", others - links), others - links);
          label = gtk_label_new (more);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_widget_add_css_class (label, "dim-label");
          gtk_widget_set_margin_start (label, 12);
          gtk_box_append (self->links_box, label);
          break;
        }

      gtk_box_append (self->links_box, new_link (self, copy, i == 0));
      links++;
    }

  if (result->diff != NULL)
    fill_diff (self, result->diff);
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->diff_expander), FALSE);
      gtk_widget_set_visible (self->mark_button, FALSE);
    }

  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *async_result,
              gpointer      user_data)
{
  g_autoptr(CeCopiesPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  CopiesResult *result;

  result = ce_session_run_finish (CE_SESSION (object), async_result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  g_clear_object (&self->cancellable);

  if (result == NULL)
    g_warning ("Could not read the copies of document %d: %s", (int)self->id, error->message);

  if (result == NULL || result->id != self->id || result->copies->len < 2)
    gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  else
    show_result (self, result);

  g_clear_pointer (&result, copies_result_free);
}

static void
reload (CeCopiesPanel *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->loading = FALSE;

  if (self->id <= 0 || self->session == NULL || !ce_session_is_open (self->session))
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }

  self->loading = TRUE;
  self->cancellable = g_cancellable_new ();
  ce_session_run_in_thread (self->session, load_copies_func,
                            g_memdup2 (&self->id, sizeof self->id), g_free,
                            (GDestroyNotify)copies_result_free, self->cancellable,
                            load_done_cb, g_object_ref (self));
}

/* GObject ---------------------------------------------------------------------- */

static void
ce_copies_panel_dispose (GObject *object)
{
  CeCopiesPanel *self = (CeCopiesPanel *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  ce_session_unwatch (&self->session, self);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (ce_copies_panel_parent_class)->dispose (object);
}

static void
ce_copies_panel_finalize (GObject *object)
{
  CeCopiesPanel *self = (CeCopiesPanel *)object;

  g_array_unref (self->linked_ids);

  G_OBJECT_CLASS (ce_copies_panel_parent_class)->finalize (object);
}

static void
ce_copies_panel_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CeCopiesPanel *self = CE_COPIES_PANEL (object);

  switch (prop_id)
    {
    case PROP_MARK_CHANGES:
      g_value_set_boolean (value, gtk_check_button_get_active (GTK_CHECK_BUTTON (self->mark_button)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ce_copies_panel_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CeCopiesPanel *self = CE_COPIES_PANEL (object);

  switch (prop_id)
    {
    case PROP_MARK_CHANGES:
      gtk_check_button_set_active (GTK_CHECK_BUTTON (self->mark_button), g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_mark_toggled_cb (CeCopiesPanel *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARK_CHANGES]);
}

static void
ce_copies_panel_class_init (CeCopiesPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ce_copies_panel_dispose;
  object_class->finalize = ce_copies_panel_finalize;
  object_class->get_property = ce_copies_panel_get_property;
  object_class->set_property = ce_copies_panel_set_property;

  /* Whether the reader marks the differences in the text (the switch
   * under them) */
  properties[PROP_MARK_CHANGES] =
    g_param_spec_boolean ("mark-changes", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CeCopiesPanel::open-document:
   * @id: the copy whose link was clicked
   */
  signals[OPEN_DOCUMENT] =
    g_signal_new ("open-document", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "copiespanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ce_copies_panel_init (CeCopiesPanel *self)
{
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name ("edit-copy-symbolic");

  self->linked_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (self->box, "card");
  gtk_widget_add_css_class (self->box, "copies-card");
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->header_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->header_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->header_label), "heading");
  gtk_box_append (GTK_BOX (heading), icon);
  gtk_box_append (GTK_BOX (heading), GTK_WIDGET (self->header_label));
  gtk_widget_set_margin_start (heading, 12);
  gtk_widget_set_margin_end (heading, 12);
  gtk_widget_set_margin_top (heading, 10);
  gtk_box_append (GTK_BOX (self->box), heading);

  self->note_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->note_label, 0);
  gtk_label_set_wrap (self->note_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->note_label), "dim-label");
  gtk_widget_set_margin_start (GTK_WIDGET (self->note_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->note_label), 12);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->note_label));

  self->links_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  gtk_widget_set_margin_start (GTK_WIDGET (self->links_box), 4);
  gtk_widget_set_margin_end (GTK_WIDGET (self->links_box), 4);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->links_box));

  self->diff_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_widget_set_margin_top (GTK_WIDGET (self->diff_box), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self->diff_box), 4);

  self->diff_expander = GTK_EXPANDER (gtk_expander_new (NULL));
  gtk_expander_set_child (self->diff_expander, GTK_WIDGET (self->diff_box));
  gtk_widget_set_margin_start (GTK_WIDGET (self->diff_expander), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->diff_expander), 12);
  gtk_widget_set_visible (GTK_WIDGET (self->diff_expander), FALSE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->diff_expander));

  /* Added sentences are marked in the text, removed ones set in where
   * they stood; this turns it off when it gets in the way of reading */
  self->mark_button = gtk_check_button_new_with_mnemonic (_("Mark Differences in the _Text"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->mark_button), TRUE);
  gtk_widget_set_tooltip_text (self->mark_button,
                               _("Added sentences highlighted, removed ones struck through where they stood"));
  gtk_widget_set_margin_start (self->mark_button, 8);
  gtk_widget_set_margin_end (self->mark_button, 12);
  gtk_widget_set_margin_bottom (self->mark_button, 8);
  gtk_widget_set_visible (self->mark_button, FALSE);
  g_signal_connect_object (self->mark_button, "toggled", G_CALLBACK (on_mark_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->box), self->mark_button);

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* Public API ------------------------------------------------------------------- */

GtkWidget *
ce_copies_panel_new (void)
{
  return g_object_new (CE_TYPE_COPIES_PANEL, NULL);
}

static void
on_corpus_changed_cb (CeCopiesPanel *self)
{
  reload (self);
}

/**
 * ce_copies_panel_set_session:
 * @session: (nullable): where the copies are read
 */
void
ce_copies_panel_set_session (CeCopiesPanel *self,
                             CeSession     *session)
{
  static const CeSessionWatch watch = { .corpus_changed = G_CALLBACK (on_corpus_changed_cb) };

  g_return_if_fail (CE_IS_COPIES_PANEL (self));
  g_return_if_fail (session == NULL || CE_IS_SESSION (session));

  if (!ce_session_watch (&self->session, session, self, &watch))
    return;

  self->id = 0;
  reload (self);
}

/**
 * ce_copies_panel_set_document_id:
 * @id: the document shown, or 0 for none
 *
 * Shows the copies of @id once they are read, or hides the panel when
 * it has none.
 */
void
ce_copies_panel_set_document_id (CeCopiesPanel *self,
                                 gint64         id)
{
  g_return_if_fail (CE_IS_COPIES_PANEL (self));

  if (self->id == id && (self->loading || gtk_widget_get_visible (GTK_WIDGET (self))))
    return;

  self->id = id;
  reload (self);
}

/**
 * ce_copies_panel_is_loading:
 *
 * Returns: %TRUE while the copies of the document are being read
 */
gboolean
ce_copies_panel_is_loading (CeCopiesPanel *self)
{
  g_return_val_if_fail (CE_IS_COPIES_PANEL (self), FALSE);
  return self->loading;
}

/**
 * ce_copies_panel_dup_linked_ids:
 *
 * Returns: (transfer full) (element-type gint64): the documents the
 *   links open, in the order shown
 */
GArray *
ce_copies_panel_dup_linked_ids (CeCopiesPanel *self)
{
  GArray *ids;

  g_return_val_if_fail (CE_IS_COPIES_PANEL (self), NULL);

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), self->linked_ids->len);
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    g_array_append_vals (ids, self->linked_ids->data, self->linked_ids->len);
  return ids;
}

/**
 * ce_copies_panel_get_changes:
 * @added: (out) (optional): sentences this copy adds to the earliest
 * @removed: (out) (optional): sentences of the earliest it leaves out
 */
void
ce_copies_panel_get_changes (CeCopiesPanel *self,
                             guint         *added,
                             guint         *removed)
{
  g_return_if_fail (CE_IS_COPIES_PANEL (self));

  if (added != NULL)
    *added = self->added;
  if (removed != NULL)
    *removed = self->removed;
}

/**
 * ce_copies_panel_activate_link:
 * @index: a link, in the order of ce_copies_panel_dup_linked_ids()
 *
 * Clicks the link, as the user would.
 */
void
ce_copies_panel_activate_link (CeCopiesPanel *self,
                               guint          index)
{
  GtkWidget *child;
  guint i = 0;

  g_return_if_fail (CE_IS_COPIES_PANEL (self));

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->links_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && i++ == index)
        {
          g_signal_emit_by_name (child, "clicked");
          return;
        }
    }
}
