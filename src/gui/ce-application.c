/* ce-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-application"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "ce-corpus.h"
#include "ce-gui-private.h"
#include "ce-preferences-window.h"
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

/* A date of the list as the locale writes it ("05.03.2024" in German,
 * "03/05/2024" in American English); the C locale, which has no readers'
 * preference, keeps ISO 8601.  Years and months stay as they are. */
char *
_ce_date_for_display (const char *iso)
{
  const char *locale = setlocale (LC_TIME, NULL);
  g_autoptr(GDateTime) date = NULL;
  int year = 0, month = 0, day = 0;

  if (iso == NULL || strlen (iso) != 10 ||
      locale == NULL || g_str_equal (locale, "C") || g_str_has_prefix (locale, "C.") ||
      g_str_equal (locale, "POSIX") ||
      sscanf (iso, "%4d-%2d-%2d", &year, &month, &day) != 3 ||
      month < 1 || month > 12 || day < 1 || day > 31 ||
      (date = g_date_time_new_local (year, month, day, 0, 0, 0)) == NULL)
    return g_strdup (iso);

  return g_date_time_format (date, "%x");
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

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  CeApplication *self = user_data;
  GtkWidget *window = _ce_preferences_window_new (self->settings);

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
