/* ce-topic-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-topic-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "ce-contexts.h"
#include "ce-counter.h"
#include "ce-gui-private.h"
#include "ce-topic-editor.h"

/* Typing pauses this long before the preview counts again */
#define PREVIEW_DELAY_MS 300
#define PREVIEW_EXAMPLES 3
#define PREVIEW_WIDTH    48

struct _CeTopicEditor
{
  AdwWindow parent_instance;

  /* Template widgets */
  GtkButton      *save_button;
  AdwEntryRow    *name_row;
  GtkLabel       *name_error;
  GtkColorButton *color_button;
  GtkTextView    *terms_view;
  GtkSpinner     *preview_spinner;
  GtkImage       *preview_icon;
  GtkLabel       *preview_label;
  GtkListBox     *examples_list;

  /* Owned references */
  CeSession      *session;
  CeTopic        *topic;
  GPtrArray      *other_names;   /* case-folded names of the other topics */
  GCancellable   *cancellable;
  guint           preview_source;

  gboolean        name_ok;
  gboolean        terms_ok;
  gboolean        preview_ready;
  guint64         preview_mentions;
  guint           preview_documents;
};

G_DEFINE_FINAL_TYPE (CeTopicEditor, ce_topic_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  GStrv  terms;
} PreviewRequest;

typedef struct
{
  guint64    mentions;
  guint      documents;
  GPtrArray *examples;   /* of CeContext */
} PreviewResult;

static void
preview_request_free (gpointer data)
{
  PreviewRequest *request = data;

  g_strfreev (request->terms);
  g_free (request);
}

static void
preview_result_free (gpointer data)
{
  PreviewResult *result = data;

  g_clear_pointer (&result->examples, g_ptr_array_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PreviewResult, preview_result_free)

static char *
rgba_to_hex (const GdkRGBA *rgba)
{
  return g_strdup_printf ("#%02x%02x%02x",
                          (guint)CLAMP (rgba->red * 255.0 + 0.5, 0, 255),
                          (guint)CLAMP (rgba->green * 255.0 + 0.5, 0, 255),
                          (guint)CLAMP (rgba->blue * 255.0 + 0.5, 0, 255));
}

static char *
dup_terms_text (CeTopicEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->terms_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
dup_name (CeTopicEditor *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
}

static void
update_save (CeTopicEditor *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), self->name_ok && self->terms_ok);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", self->name_ok && self->terms_ok);
}

static void
show_name_error (CeTopicEditor *self,
                 const char    *message)
{
  gtk_label_set_text (self->name_error, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->name_error), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
}

static void
check_name (CeTopicEditor *self)
{
  g_autofree char *name = dup_name (self);
  g_autofree char *folded = g_utf8_casefold (name, -1);
  g_autoptr(CeTopic) probe = NULL;
  g_autoptr(GError) error = NULL;
  const char * const probe_terms[] = { "x", NULL };

  self->name_ok = FALSE;

  if (name[0] == 0)
    {
      /* Nothing typed yet is not an error worth a message */
      show_name_error (self, NULL);
      update_save (self);
      return;
    }

  for (guint i = 0; i < self->other_names->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (self->other_names, i), folded))
        {
          g_autofree char *message = g_strdup_printf (_("A topic named “%s” already exists"), name);

          show_name_error (self, message);
          update_save (self);
          return;
        }
    }

  /* The rest of the rules on names are the store's */
  probe = ce_topic_new (name, NULL, probe_terms);
  if (!ce_topic_validate (probe, &error))
    {
      show_name_error (self, error->message);
      update_save (self);
      return;
    }

  show_name_error (self, NULL);
  self->name_ok = TRUE;
  update_save (self);
}

static void
clear_examples (CeTopicEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->examples_list))) != NULL)
    gtk_list_box_remove (self->examples_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->examples_list), FALSE);
}

static void
show_preview_message (CeTopicEditor *self,
                      const char    *markup,
                      gboolean       is_error,
                      gboolean       busy)
{
  gtk_label_set_markup (self->preview_label, markup);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_icon), is_error);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_spinner), busy);
  gtk_spinner_set_spinning (self->preview_spinner, busy);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->preview_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->preview_label), "error");
}

static void
show_preview_error (CeTopicEditor *self,
                    const char    *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);

  show_preview_message (self, markup, TRUE, FALSE);
  clear_examples (self);
}

static GtkWidget *
example_row_new (const CeContext *line)
{
  g_autofree char *markup = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  markup = g_markup_printf_escaped ("%s%s<b>%s</b>%s%s",
                                    line->left[0] ? "…" : "", line->left,
                                    line->match,
                                    line->right, line->right[0] ? "…" : "");
  if (line->date != NULL && line->date[0] != 0)
    /* Translators: a document's title and its date */
    subtitle = g_markup_printf_escaped (_("%s · %s"), line->title, line->date);
  else
    subtitle = g_markup_escape_text (line->title, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), markup);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);

  return row;
}

static gpointer
preview_func (CeCorpus      *corpus,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  PreviewRequest *request = data;
  g_autoptr(PreviewResult) result = NULL;
  g_autoptr(CeTopic) topic = NULL;
  g_autoptr(GArray) counts = NULL;

  topic = ce_topic_new (_("Preview"), NULL, (const char * const *)request->terms);

  counts = ce_counter_count_documents (corpus, topic, NULL, error);
  if (counts == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  result = g_new0 (PreviewResult, 1);
  result->mentions = ce_counter_total (counts);
  result->documents = counts->len;

  /* One example from each of the first documents shows more of what
   * the terms catch than several from the same paragraph. */
  result->examples = g_ptr_array_new_with_free_func ((GDestroyNotify)ce_context_free);
  for (guint i = 0; i < counts->len && result->examples->len < PREVIEW_EXAMPLES; i++)
    {
      gint64 id = g_array_index (counts, CeDocCount, i).doc_id;
      g_autoptr(CeDocument) document = NULL;
      g_autoptr(GArray) mentions = NULL;
      const CeMention *mention;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      mentions = ce_counter_mentions (corpus, topic, id, error);
      if (mentions == NULL || (document = ce_corpus_get_document (corpus, id, error)) == NULL)
        return NULL;
      if (mentions->len == 0 || ce_document_get_body (document) == NULL)
        continue;

      mention = &g_array_index (mentions, CeMention, 0);
      g_ptr_array_add (result->examples,
                       ce_context_new_for_range (id, ce_document_get_title (document),
                                                 ce_document_get_date (document),
                                                 ce_document_get_body (document),
                                                 mention->start, mention->end, PREVIEW_WIDTH));
    }

  return g_steal_pointer (&result);
}

static void
preview_done_cb (GObject      *object,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  g_autoptr(CeTopicEditor) self = user_data;
  g_autoptr(PreviewResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mentions = NULL;
  g_autofree char *number = NULL;
  g_autofree char *markup = NULL;

  result = ce_session_run_finish (CE_SESSION (object), res, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);

  if (result == NULL)
    {
      show_preview_error (self, error->message);
      return;
    }

  self->preview_ready = TRUE;
  self->preview_mentions = result->mentions;
  self->preview_documents = result->documents;

  if (result->mentions == 0)
    {
      show_preview_message (self, _("No mentions in this corpus"), FALSE, FALSE);
      clear_examples (self);
      return;
    }

  number = g_strdup_printf ("%'" G_GUINT64_FORMAT, result->mentions);
  /* Translators: %s is a number, written as the locale writes it */
  mentions = g_strdup_printf (ngettext ("%s mention", "%s mentions", (gulong)result->mentions),
                              number);
  markup = g_strdup_printf (ngettext ("<b>%s</b> in %'u document",
                                      "<b>%s</b> in %'u documents",
                                      result->documents),
                            mentions, result->documents);
  show_preview_message (self, markup, FALSE, FALSE);

  clear_examples (self);
  for (guint i = 0; i < result->examples->len; i++)
    gtk_list_box_append (self->examples_list, example_row_new (g_ptr_array_index (result->examples, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->examples_list), result->examples->len > 0);
}

static void
start_preview (CeTopicEditor *self)
{
  g_autofree char *text = dup_terms_text (self);
  PreviewRequest *request;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (!self->terms_ok || self->session == NULL)
    return;

  self->cancellable = g_cancellable_new ();

  request = g_new0 (PreviewRequest, 1);
  request->terms = ce_topic_split_terms (text);

  show_preview_message (self, _("Counting…"), FALSE, TRUE);

  ce_session_run_in_thread (self->session, preview_func, request, preview_request_free, preview_result_free,
                            self->cancellable, preview_done_cb, g_object_ref (self));
}

static gboolean
preview_timeout_cb (gpointer user_data)
{
  CeTopicEditor *self = user_data;

  self->preview_source = 0;
  start_preview (self);

  return G_SOURCE_REMOVE;
}

/* Parses the terms at once, so a bad one is named while typing; the
 * counting waits for a pause. */
static void
check_terms (CeTopicEditor *self)
{
  g_autofree char *text = dup_terms_text (self);
  g_auto(GStrv) terms = ce_topic_split_terms (text);

  self->terms_ok = FALSE;
  self->preview_ready = FALSE;
  g_clear_handle_id (&self->preview_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (terms[0] == NULL)
    {
      show_preview_message (self, _("Type the terms to see how often they are mentioned"), FALSE, FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (self->preview_label), "dim-label");
      clear_examples (self);
      update_save (self);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->preview_label), "dim-label");

  for (guint i = 0; terms[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CeTopicTerm) term = ce_topic_term_parse (terms[i], &error);

      if (term == NULL)
        {
          show_preview_error (self, error->message);
          update_save (self);
          return;
        }
    }

  self->terms_ok = TRUE;
  update_save (self);

  show_preview_message (self, _("Counting…"), FALSE, TRUE);
  self->preview_source = g_timeout_add (PREVIEW_DELAY_MS, preview_timeout_cb, self);
}

static void
on_name_changed_cb (CeTopicEditor *self,
                    AdwEntryRow   *row)
{
  check_name (self);
}

static void
on_name_activated_cb (CeTopicEditor *self,
                      AdwEntryRow   *row)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->terms_view));
}

static void
on_terms_changed_cb (CeTopicEditor *self,
                     GtkTextBuffer *buffer)
{
  check_terms (self);
}

static void
on_save_clicked_cb (CeTopicEditor *self,
                    GtkButton     *button)
{
  g_autoptr(GError) error = NULL;

  if (!ce_topic_editor_save (self, &error))
    {
      if (g_error_matches (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_EXISTS) ||
          g_error_matches (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_INVALID_NAME))
        show_name_error (self, error->message);
      else
        show_preview_error (self, error->message);
    }
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CeTopicEditor *self = (CeTopicEditor *)widget;

  if (gtk_widget_get_sensitive (GTK_WIDGET (self->save_button)))
    on_save_clicked_cb (self, self->save_button);
}

static void
ce_topic_editor_dispose (GObject *object)
{
  CeTopicEditor *self = (CeTopicEditor *)object;

  g_clear_handle_id (&self->preview_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), CE_TYPE_TOPIC_EDITOR);

  g_clear_object (&self->session);
  g_clear_object (&self->topic);
  g_clear_pointer (&self->other_names, g_ptr_array_unref);

  G_OBJECT_CLASS (ce_topic_editor_parent_class)->dispose (object);
}

static void
ce_topic_editor_class_init (CeTopicEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ce_topic_editor_dispose;

  /**
   * CeTopicEditor::saved:
   * @topic: the topic, now stored
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CE_TYPE_TOPIC);

  gtk_widget_class_set_template_from_resource (widget_class, APPLICATION_PATH "/ce-topic-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CeTopicEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CeTopicEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CeTopicEditor, name_error);
  gtk_widget_class_bind_template_child (widget_class, CeTopicEditor, color_button);
  gtk_widget_class_bind_template_child (widget_class, CeTopicEditor, terms_view);
  gtk_widget_class_bind_template_child (widget_class, CeTopicEditor, preview_spinner);
  gtk_widget_class_bind_template_child (widget_class, CeTopicEditor, preview_icon);
  gtk_widget_class_bind_template_child (widget_class, CeTopicEditor, preview_label);
  gtk_widget_class_bind_template_child (widget_class, CeTopicEditor, examples_list);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
ce_topic_editor_init (CeTopicEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->other_names = g_ptr_array_new_with_free_func (g_free);
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (self->color_button), FALSE);

  g_signal_connect_object (gtk_text_view_get_buffer (self->terms_view), "changed",
                           G_CALLBACK (on_terms_changed_cb), self, G_CONNECT_SWAPPED);

  /* Ctrl+Enter saves from anywhere, the terms box included: the text view
   * would take it as a line break before a key binding sees it. */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();
    GtkShortcutAction *save = gtk_named_action_new ("editor.save");

    gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                                                            save));
    gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  }
}

/**
 * ce_topic_editor_new:
 * @parent: (nullable): the window it belongs to
 * @session: the session whose corpus stores and counts the topic
 * @topic: the topic to edit; one not stored yet (made with
 *   ce_topic_new()) to add it
 *
 * Returns: (transfer none): a modal window editing @topic; it stores
 *   the topic, emits #CeTopicEditor::saved and closes on Save
 */
CeTopicEditor *
ce_topic_editor_new (GtkWindow *parent,
                     CeSession *session,
                     CeTopic   *topic)
{
  GListModel *topics;
  g_autofree char *terms = NULL;
  CeTopicEditor *self;
  GdkRGBA rgba;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CE_IS_SESSION (session), NULL);
  g_return_val_if_fail (CE_IS_TOPIC (topic), NULL);

  self = g_object_new (CE_TYPE_TOPIC_EDITOR,
                       "transient-for", parent,
                       "title", ce_topic_get_id (topic) == 0 ? _("New Topic") : _("Edit Topic"),
                       NULL);
  self->session = g_object_ref (session);
  self->topic = g_object_ref (topic);

  /* Names of the others, for the check while typing; the store checks
   * again on Save. */
  topics = ce_session_get_topics (session);
  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(CeTopic) other = g_list_model_get_item (topics, i);

      if (ce_topic_get_id (topic) != 0 && ce_topic_get_id (other) == ce_topic_get_id (topic))
        continue;
      g_ptr_array_add (self->other_names, g_utf8_casefold (ce_topic_get_name (other), -1));
    }

  if (gdk_rgba_parse (&rgba, ce_topic_get_color (topic)))
    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->color_button), &rgba);

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), ce_topic_get_name (topic));
  terms = g_strjoinv ("\n", (char **)ce_topic_get_terms (topic));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->terms_view), terms, -1);

  check_name (self);
  check_terms (self);

  gtk_widget_grab_focus (ce_topic_get_name (topic)[0] == 0 ? GTK_WIDGET (self->name_row)
                                                           : GTK_WIDGET (self->terms_view));

  return self;
}

/**
 * ce_topic_editor_get_topic:
 *
 * Returns: (transfer none): the topic edited
 */
CeTopic *
ce_topic_editor_get_topic (CeTopicEditor *self)
{
  g_return_val_if_fail (CE_IS_TOPIC_EDITOR (self), NULL);
  return self->topic;
}

/**
 * ce_topic_editor_set_terms:
 * @text: terms, one per line or separated by commas
 *
 * Replaces the terms typed, as if the user had typed @text.
 */
void
ce_topic_editor_set_terms (CeTopicEditor *self,
                           const char    *text)
{
  g_return_if_fail (CE_IS_TOPIC_EDITOR (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->terms_view), text ? text : "", -1);
}

/**
 * ce_topic_editor_get_preview:
 * @mentions: (out) (optional): mentions of the terms typed
 * @documents: (out) (optional): documents mentioning them
 *
 * Returns: %TRUE when the preview shows the counts for the terms typed
 */
gboolean
ce_topic_editor_get_preview (CeTopicEditor *self,
                             guint64       *mentions,
                             guint         *documents)
{
  g_return_val_if_fail (CE_IS_TOPIC_EDITOR (self), FALSE);

  if (mentions != NULL)
    *mentions = self->preview_ready ? self->preview_mentions : 0;
  if (documents != NULL)
    *documents = self->preview_ready ? self->preview_documents : 0;

  return self->preview_ready;
}

/**
 * ce_topic_editor_save:
 *
 * Stores the topic as edited, emits #CeTopicEditor::saved and closes
 * the window.  On failure the topic is left as it was and the window
 * stays open.
 */
gboolean
ce_topic_editor_save (CeTopicEditor  *self,
                      GError        **error)
{
  g_autoptr(CeTopic) edited = NULL;
  g_autoptr(CeTopic) saved = NULL;
  g_autofree char *name = NULL;
  g_autofree char *color = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) terms = NULL;
  GdkRGBA rgba;

  g_return_val_if_fail (CE_IS_TOPIC_EDITOR (self), FALSE);

  name = dup_name (self);
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->color_button), &rgba);
  color = rgba_to_hex (&rgba);
  text = dup_terms_text (self);
  terms = ce_topic_split_terms (text);

  /* A copy goes to the session; the topic edited changes only once it
   * is stored, to what the session's model then holds */
  edited = ce_topic_copy (self->topic);
  ce_topic_set_name (edited, name);
  ce_topic_set_color (edited, color);
  ce_topic_set_terms (edited, (const char * const *)terms);

  if (ce_topic_get_id (edited) == 0)
    saved = ce_session_add_topic (self->session, edited, G_MAXUINT, error);
  else
    saved = ce_session_save_topic (self->session, edited, error);
  if (saved == NULL)
    return FALSE;

  g_set_object (&self->topic, saved);

  g_signal_emit (self, signals[SAVED], 0, self->topic);
  gtk_window_close (GTK_WINDOW (self));

  return TRUE;
}
