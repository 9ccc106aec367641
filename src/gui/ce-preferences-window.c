/* ce-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-preferences-window"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "ce-counter.h"
#include "ce-gui-private.h"
#include "ce-plot.h"
#include "ce-preferences-window.h"
#include "ce-reader-view.h"
#include "ce-stopwords.h"

/* The Preferences window: appearance, the reader, the charts, how new
 * corpora are indexed and the stop words.  Every row is bound to the
 * application's settings, except the stop words, which live in a file of
 * their own that the command line reads too. */

static const char * const color_schemes[] = { "default", "light", "dark", NULL };
static const char * const tokenizers[] = { "auto", "default", "cjk", NULL };
static const char * const diacritics[] = { "remove", "keep", NULL };

/* A setting that holds one of @choices, shown as the index of a combo row */
static gboolean
choice_to_index (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  const char * const *choices = user_data;
  const char *choice = g_variant_get_string (variant, NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    if (g_str_equal (choice, choices[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
index_to_choice (const GValue       *value,
                 const GVariantType *type,
                 gpointer            user_data)
{
  const char * const *choices = user_data;
  guint index = g_value_get_uint (value);

  if (index >= g_strv_length ((char **)choices))
    index = 0;

  return g_variant_new_string (choices[index]);
}

static GtkWidget *
choice_setting_row (GSettings          *settings,
                    const char         *key,
                    const char * const *choices,
                    const char         *title,
                    const char         *subtitle,
                    const char * const *names)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new ((const char * const *)names);
  GtkWidget *row = adw_combo_row_new ();

  g_assert (g_list_model_get_n_items (G_LIST_MODEL (list)) == g_strv_length ((char **)choices));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  g_settings_bind_with_mapping (settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                choice_to_index, index_to_choice, (gpointer)choices, NULL);
  return row;
}

static gboolean
zoom_to_percent (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  g_value_set_double (value, round (g_variant_get_double (variant) * 100));
  return TRUE;
}

static GVariant *
percent_to_zoom (const GValue       *value,
                 const GVariantType *type,
                 gpointer            user_data)
{
  return g_variant_new_double (g_value_get_double (value) / 100);
}

static gboolean
zoom_is_changed (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  g_value_set_boolean (value, !G_APPROX_VALUE (g_variant_get_double (variant), 1.0, 0.001));
  return TRUE;
}

static void
reset_zoom_cb (GtkButton *button,
               GSettings *settings)
{
  g_settings_reset (settings, "reader-zoom");
}

/* A setting that holds an enum's nick, shown as the index of a combo row
 * whose items are in the enum's order */
static gboolean
nick_to_index (GValue   *value,
               GVariant *variant,
               gpointer  enum_type)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref ((GType)GPOINTER_TO_SIZE (enum_type));
  const GEnumValue *found = g_enum_get_value_by_nick (klass, g_variant_get_string (variant, NULL));

  g_value_set_uint (value, found != NULL ? (guint)found->value : 0);
  return TRUE;
}

static GVariant *
index_to_nick (const GValue       *value,
               const GVariantType *type,
               gpointer            enum_type)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref ((GType)GPOINTER_TO_SIZE (enum_type));
  const GEnumValue *found = g_enum_get_value (klass, (int)g_value_get_uint (value));

  return found != NULL ? g_variant_new_string (found->value_nick) : NULL;
}

static GtkWidget *
enum_setting_row (GSettings         *settings,
                  const char        *key,
                  GType              enum_type,
                  const char        *title,
                  const char        *subtitle,
                  const char * const *names)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new ((const char * const *)names);
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GtkWidget *row = adw_combo_row_new ();

  /* One name per value, in the enum's order */
  g_assert (g_list_model_get_n_items (G_LIST_MODEL (list)) == klass->n_values);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  g_settings_bind_with_mapping (settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                nick_to_index, index_to_nick,
                                GSIZE_TO_POINTER (enum_type), NULL);
  return row;
}

/* How new corpora are indexed: the tokenizer and the accents, the
 * defaults of the import sheet */
static GtkWidget *
new_corpus_group (GSettings *settings)
{
  const char *tokenizer_names[] = {
    _("Automatic"), _("Words"), _("Character Pairs"), NULL
  };
  const char *diacritics_names[] = { _("Ignored"), _("Kept"), NULL };
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("New Corpora"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("How the words of a new corpus are indexed; a corpus keeps what it was created with"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             choice_setting_row (settings, "new-corpus-tokenizer", tokenizers,
                                                 _("_Tokenizer"),
                                                 _("Character pairs find words in Chinese, Japanese and Korean text; automatic chooses them for such text"),
                                                 tokenizer_names));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             choice_setting_row (settings, "new-corpus-diacritics", diacritics,
                                                 _("_Accents"),
                                                 _("Ignored, café and cafe are one word; kept, they are two"),
                                                 diacritics_names));
  return group;
}

/* Stop words */

typedef struct
{
  GtkWidget *row;
  GtkWidget *reset;
} StopwordsRow;

static void
update_stopwords_row (StopwordsRow *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) words = ce_stopwords_load (NULL, &error);
  g_autofree char *path = ce_stopwords_user_path ();
  g_autofree char *display = _ce_path_for_display (path);
  g_autofree char *subtitle = NULL;
  gboolean is_user = g_file_test (path, G_FILE_TEST_IS_REGULAR);
  guint n = words != NULL ? g_hash_table_size (words) : 0;

  if (words == NULL)
    subtitle = g_strdup (error->message);
  else if (is_user)
    subtitle = g_strdup_printf (ngettext ("Your list of %u word, in %s",
                                          "Your list of %u words, in %s", n), n, display);
  else
    subtitle = g_strdup_printf (ngettext ("The English list of %u word",
                                          "The English list of %u words", n), n);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), subtitle);
  gtk_widget_set_sensitive (row->reset, is_user);
}

static void
on_editor_save_cb (GtkButton *button,
                   GtkWidget *editor)
{
  GtkTextView *view = g_object_get_data (G_OBJECT (editor), "ce-text-view");
  StopwordsRow *row = g_object_get_data (G_OBJECT (editor), "ce-stopwords-row");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  if (!ce_stopwords_save (text, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (editor), _("Stop Words Not Saved"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  update_stopwords_row (row);
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* A window to edit the list, one word a line: the list in use (the
 * user's, else the English one) saved as the user's */
static GtkWidget *
create_stopwords_editor (GtkWindow    *parent,
                         StopwordsRow *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = ce_stopwords_dup_text (NULL, &error);
  g_autofree char *path = ce_stopwords_user_path ();
  g_autofree char *display = _ce_path_for_display (path);
  g_autofree char *explanation = NULL;
  GtkWidget *editor = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
  GtkWidget *label;
  GtkWidget *scrolled;
  GtkWidget *view;

  gtk_window_set_title (GTK_WINDOW (editor), _("Stop Words"));
  gtk_window_set_transient_for (GTK_WINDOW (editor), parent);
  gtk_window_set_modal (GTK_WINDOW (editor), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (editor), 420, 560);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_widget_add_css_class (save, "suggested-action");
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), editor);
  g_signal_connect (save, "clicked", G_CALLBACK (on_editor_save_cb), editor);
  gtk_box_append (GTK_BOX (box), header);

  explanation = g_strdup_printf (_("One word a line; a line starting with # is a comment. "
                                   "Keywords, collocates, n-grams and topic suggestions leave these "
                                   "words out. Saved in %s, which the command line reads too."),
                                 display);
  label = gtk_label_new (explanation);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  view = gtk_text_view_new ();
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stop words, one a line"), -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                            text != NULL ? text : "", -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);

  g_object_set_data (G_OBJECT (editor), "ce-text-view", view);
  g_object_set_data (G_OBJECT (editor), "ce-stopwords-row", row);
  adw_window_set_content (ADW_WINDOW (editor), box);
  gtk_widget_grab_focus (view);

  /* The list that could not be read is not replaced by an empty one */
  gtk_widget_set_sensitive (save, text != NULL);

  return editor;
}

static void
on_edit_stopwords_cb (GtkWidget    *button,
                      StopwordsRow *row)
{
  GtkWidget *editor = create_stopwords_editor (GTK_WINDOW (gtk_widget_get_root (button)), row);

  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_reset_stopwords_cb (GtkButton    *button,
                       StopwordsRow *row)
{
  g_autoptr(GError) error = NULL;

  if (!ce_stopwords_reset (&error))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), error->message);
  else
    update_stopwords_row (row);
}

static GtkWidget *
stopwords_group (void)
{
  GtkWidget *group = adw_preferences_group_new ();
  StopwordsRow *row = g_new0 (StopwordsRow, 1);
  GtkWidget *edit;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Stop Words"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Common words that keywords, collocates, n-grams and topic suggestions leave out"));

  row->row = adw_action_row_new ();
  gtk_widget_set_name (row->row, "stopwords-row");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), _("_Word List"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row->row), TRUE);
  g_object_set_data_full (G_OBJECT (row->row), "ce-stopwords-row", row, g_free);

  row->reset = gtk_button_new_from_icon_name ("edit-undo-symbolic");
  gtk_widget_set_name (row->reset, "stopwords-reset");
  gtk_widget_set_tooltip_text (row->reset, _("Use the English List Again"));
  gtk_widget_set_valign (row->reset, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (row->reset, "flat");
  g_signal_connect (row->reset, "clicked", G_CALLBACK (on_reset_stopwords_cb), row);

  edit = gtk_button_new_with_mnemonic (_("_Edit…"));
  gtk_widget_set_name (edit, "stopwords-edit");
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  g_signal_connect (edit, "clicked", G_CALLBACK (on_edit_stopwords_cb), row);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), row->reset);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), edit);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row->row), edit);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row->row);
  update_stopwords_row (row);

  return group;
}

/* How alike articles are to be grouped as copies of one story */
static GtkWidget *
copies_group (GSettings *settings)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkAdjustment *adjustment;
  GtkWidget *row;
  GtkWidget *spin;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Copies"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Articles that share most of their text are grouped as copies of one story"));

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("_Similarity of Copies"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Percent of their 4-word phrases two articles share; imports use it, and the open corpus is grouped again when it changes"));
  adjustment = gtk_adjustment_new (50, 30, 100, 5, 10, 0);
  spin = gtk_spin_button_new (adjustment, 5, 0);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  /* The setting is a share, the row shows percent, as the text size does */
  g_settings_bind_with_mapping (settings, "duplicate-threshold", adjustment, "value",
                                G_SETTINGS_BIND_DEFAULT,
                                zoom_to_percent, percent_to_zoom, NULL, NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return group;
}

/**
 * _ce_preferences_window_new:
 * @settings: the application's settings
 *
 * Returns: (transfer floating): the Preferences window, every row bound
 *   to @settings
 */
GtkWidget *
_ce_preferences_window_new (GSettings *settings)
{
  const char *scheme_names[] = { _("Follow System"), _("Light"), _("Dark"), NULL };
  GtkAdjustment *adjustment;
  GtkWidget *window;
  GtkWidget *page;
  GtkWidget *group;
  GtkWidget *row;
  GtkWidget *spin;
  GtkWidget *reset;

  window = adw_preferences_window_new ();
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 700);

  page = adw_preferences_page_new ();
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("General"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "preferences-system-symbolic");
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Appearance"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             choice_setting_row (settings, "color-scheme", color_schemes,
                                                 _("Style"), _("Light or dark colours for every window"),
                                                 scheme_names));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Reader"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Text Size"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Percent of the normal size, also changed with Ctrl+plus and Ctrl+minus"));

  adjustment = gtk_adjustment_new (100, CE_READER_ZOOM_MIN * 100, CE_READER_ZOOM_MAX * 100, 10, 50, 0);
  spin = gtk_spin_button_new (adjustment, 10, 0);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  g_settings_bind_with_mapping (settings, "reader-zoom", adjustment, "value",
                                G_SETTINGS_BIND_DEFAULT,
                                zoom_to_percent, percent_to_zoom, NULL, NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);

  reset = gtk_button_new_from_icon_name ("edit-undo-symbolic");
  gtk_widget_set_tooltip_text (reset, _("Reset to the Normal Size"));
  gtk_widget_set_valign (reset, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (reset, "flat");
  g_settings_bind_with_mapping (settings, "reader-zoom", reset, "sensitive",
                                G_SETTINGS_BIND_GET,
                                zoom_is_changed, NULL, NULL, NULL);
  g_signal_connect_object (reset, "clicked", G_CALLBACK (reset_zoom_cb), settings, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), reset);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Charts"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("What the chart page shows when a corpus is opened; it remembers the last choice made there"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  {
    const char *kinds[] = { _("Bars"), _("Stacked Bars"), _("Lines"), _("Heat Map"), _("Dispersion"), NULL };
    const char *measures[] = { _("Mentions"), _("Per 10,000 Words"), _("Documents"), _("Share of Documents"), NULL };

    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               enum_setting_row (settings, "chart-kind", CE_TYPE_PLOT_KIND,
                                                 _("_Kind"), _("How topics are drawn"), kinds));
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               enum_setting_row (settings, "chart-measure", CE_TYPE_MEASURE,
                                                 _("_Measure"), _("What is counted for each topic"), measures));
  }

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("_Categories Shown"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("The largest categories; the rest are folded into “Other”"));
  adjustment = gtk_adjustment_new (20, 1, 500, 1, 10, 0);
  spin = gtk_spin_button_new (adjustment, 1, 0);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  g_settings_bind (settings, "chart-top-n", adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (new_corpus_group (settings)));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (copies_group (settings)));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (stopwords_group ()));

  return window;
}
