/* ce-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-application"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ce-corpus.h"
#include "ce-counter.h"
#include "ce-gui-private.h"
#include "ce-plot.h"
#include "ce-reader-view.h"
#include "ce-application.h"
#include "ce-bench.h"
#include "ce-window.h"

#define WEBSITE "https://github.com/corpusexplorer/CorpusExplorer"

struct _CeApplication
{
  AdwApplication parent_instance;

  /* Owned references */
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (CeApplication, ce_application, ADW_TYPE_APPLICATION)

static const char * const color_schemes[] = { "default", "light", "dark", NULL };

gboolean
_ce_file_is_corpus (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *folded = NULL;

  if (base == NULL)
    return FALSE;

  folded = g_utf8_casefold (base, -1);
  return g_str_has_suffix (folded, CE_CORPUS_SUFFIX);
}

void
_ce_recent_add (GSettings  *settings,
                const char *path)
{
  g_auto(GStrv) old = g_settings_get_strv (settings, "recent-corpora");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;
  guint n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] != NULL && n < _CE_RECENT_MAX; i++)
    if (!g_str_equal (old[i], path))
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }

  paths = g_strv_builder_end (builder);
  if (!g_strv_equal ((const char * const *)paths, (const char * const *)old))
    g_settings_set_strv (settings, "recent-corpora", (const char * const *)paths);
}

void
_ce_recent_remove (GSettings  *settings,
                   const char *path)
{
  g_auto(GStrv) old = g_settings_get_strv (settings, "recent-corpora");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;

  for (guint i = 0; old[i] != NULL; i++)
    if (!g_str_equal (old[i], path))
      g_strv_builder_add (builder, old[i]);

  paths = g_strv_builder_end (builder);
  if (g_strv_length (paths) != g_strv_length (old))
    g_settings_set_strv (settings, "recent-corpora", (const char * const *)paths);
}

/* "/home/ana/Research" reads as "~/Research" */
char *
_ce_path_for_display (const char *path)
{
  const char *home = g_get_home_dir ();
  g_autofree char *display = g_filename_display_name (path);
  gsize len = strlen (home);

  if (len > 1 && g_str_has_prefix (path, home) && (path[len] == '/' || path[len] == 0))
    {
      g_autofree char *rest = g_filename_display_name (path + len);

      return g_strconcat ("~", rest, NULL);
    }

  return g_steal_pointer (&display);
}

static void
apply_color_scheme (CeApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme color_scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (scheme, "light"))
    color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (scheme, "dark"))
    color_scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), color_scheme);
}

static gboolean
scheme_to_index (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; color_schemes[i] != NULL; i++)
    if (g_str_equal (scheme, color_schemes[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
index_to_scheme (const GValue       *value,
                 const GVariantType *type,
                 gpointer            user_data)
{
  guint index = g_value_get_uint (value);

  if (index >= G_N_ELEMENTS (color_schemes) - 1)
    index = 0;

  return g_variant_new_string (color_schemes[index]);
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

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  CeWindow *window = ce_window_new (CE_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  CeApplication *self = user_data;
  const char *developers[] = { "Corpus Explorer developers", NULL };
  GtkWidget *about;

  about = adw_about_window_new ();
  gtk_window_set_transient_for (GTK_WINDOW (about),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  adw_about_window_set_application_name (ADW_ABOUT_WINDOW (about), PACKAGE_NAME);
  adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (about), APPLICATION_ID);
  adw_about_window_set_version (ADW_ABOUT_WINDOW (about), PACKAGE_VERSION);
  adw_about_window_set_developer_name (ADW_ABOUT_WINDOW (about), "Corpus Explorer developers");
  adw_about_window_set_developers (ADW_ABOUT_WINDOW (about), developers);
  adw_about_window_set_comments (ADW_ABOUT_WINDOW (about),
                                 _("Import, read and search a corpus of articles, and chart how often topics are mentioned."));
  adw_about_window_set_license_type (ADW_ABOUT_WINDOW (about), GTK_LICENSE_GPL_3_0);
  adw_about_window_set_website (ADW_ABOUT_WINDOW (about), WEBSITE);
  adw_about_window_set_issue_url (ADW_ABOUT_WINDOW (about), WEBSITE "/issues");
  /* Translators: replace with your names, one per line */
  adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), _("translator-credits"));
  gtk_window_present (GTK_WINDOW (about));
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

static GtkWidget *
create_preferences (CeApplication *self)
{
  const char *scheme_names[] = { _("Follow System"), _("Light"), _("Dark"), NULL };
  g_autoptr(GtkStringList) schemes = gtk_string_list_new (scheme_names);
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

  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Style"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Light or dark colours for every window"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (schemes));
  g_settings_bind_with_mapping (self->settings, "color-scheme", row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                scheme_to_index, index_to_scheme, NULL, NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Reader"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Text Size"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Percent of the normal size, also changed with Ctrl+plus and Ctrl+minus"));

  adjustment = gtk_adjustment_new (100, CE_READER_ZOOM_MIN * 100, CE_READER_ZOOM_MAX * 100, 10, 50, 0);
  spin = gtk_spin_button_new (adjustment, 10, 0);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  g_settings_bind_with_mapping (self->settings, "reader-zoom", adjustment, "value",
                                G_SETTINGS_BIND_DEFAULT,
                                zoom_to_percent, percent_to_zoom, NULL, NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);

  reset = gtk_button_new_from_icon_name ("edit-undo-symbolic");
  gtk_widget_set_tooltip_text (reset, _("Reset to the Normal Size"));
  gtk_widget_set_valign (reset, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (reset, "flat");
  g_settings_bind_with_mapping (self->settings, "reader-zoom", reset, "sensitive",
                                G_SETTINGS_BIND_GET,
                                zoom_is_changed, NULL, NULL, NULL);
  g_signal_connect_object (reset, "clicked", G_CALLBACK (reset_zoom_cb), self->settings, 0);
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
                               enum_setting_row (self->settings, "chart-kind", CE_TYPE_PLOT_KIND,
                                                 _("_Kind"), _("How topics are drawn"), kinds));
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               enum_setting_row (self->settings, "chart-measure", CE_TYPE_MEASURE,
                                                 _("_Measure"), _("What is counted for each topic"), measures));
  }

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("_Categories Shown"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("The largest categories; the rest are folded into “Other”"));
  adjustment = gtk_adjustment_new (20, 1, 500, 1, 10, 0);
  spin = gtk_spin_button_new (adjustment, 1, 0);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  g_settings_bind (self->settings, "chart-top-n", adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return window;
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  CeApplication *self = user_data;
  GtkWidget *window = create_preferences (self);

  gtk_window_set_transient_for (GTK_WINDOW (window),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "new-window", new_window_action },
  { "about", about_action },
  { "preferences", preferences_action },
};

static void
on_settings_changed_cb (CeApplication *self,
                        const char    *key,
                        GSettings     *settings)
{
  if (g_str_equal (key, "color-scheme"))
    apply_color_scheme (self);
}

static void
ce_application_startup (GApplication *app)
{
  CeApplication *self = (CeApplication *)app;
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *new_window_accels[] = { "<Control>n", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (ce_application_parent_class)->startup (app);

  /* The GUI never waits for SQLite: in builds with the guard, every
   * statement run on this thread says so */
  ce_corpus_set_guarded_thread (g_thread_self ());

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new-window", new_window_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);

  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);
}

static void
ce_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (ce_window_new (CE_APPLICATION (app)));

  gtk_window_present (window);
}

static void
ce_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  CeApplication *self = (CeApplication *)app;
  g_autoptr(GPtrArray) others = g_ptr_array_new ();

  /* Every corpus gets a window of its own, also when a second launch
   * hands its files to this instance. */
  for (int i = 0; i < n_files; i++)
    {
      if (_ce_file_is_corpus (files[i]))
        {
          CeWindow *window = ce_window_new (self);

          _ce_bench_attach (window);
          gtk_window_present (GTK_WINDOW (window));
          ce_window_open (window, files[i]);
        }
      else
        g_ptr_array_add (others, files[i]);
    }

  if (others->len > 0)
    {
      CeWindow *window = ce_window_new (self);

      gtk_window_present (GTK_WINDOW (window));
      ce_window_offer_import (window, (GFile **)others->pdata, others->len);
    }
}

static void
ce_application_dispose (GObject *object)
{
  CeApplication *self = (CeApplication *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ce_application_parent_class)->dispose (object);
}

static void
ce_application_class_init (CeApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ce_application_dispose;

  app_class->startup = ce_application_startup;
  app_class->activate = ce_application_activate;
  app_class->open = ce_application_open;
}

static void
ce_application_init (CeApplication *self)
{
}

CeApplication *
ce_application_new (void)
{
  return g_object_new (CE_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

/**
 * ce_application_get_settings:
 *
 * Returns: (transfer none) (nullable): the application settings, once
 *   the application started up
 */
GSettings *
ce_application_get_settings (CeApplication *self)
{
  g_return_val_if_fail (CE_IS_APPLICATION (self), NULL);
  return self->settings;
}

static gboolean
drop_down_mnemonic_cb (GtkWidget *dropdown,
                       gboolean   group_cycling,
                       gpointer   user_data)
{
  return gtk_widget_child_focus (dropdown, GTK_DIR_TAB_FORWARD);
}

void
_ce_drop_down_take_mnemonic (gpointer dropdown)
{
  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  g_signal_connect (dropdown, "mnemonic-activate", G_CALLBACK (drop_down_mnemonic_cb), NULL);
}
