/* ce-stopwords.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-stopwords"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ce-match-resources.h"
#include "ce-stopwords.h"

#define SHIPPED_LIST "/io/github/corpusexplorer/CorpusExplorer/match/stopwords-en.txt"

/**
 * ce_stopwords_user_path:
 *
 * Returns: (transfer full): where the user's own list is read from
 */
char *
ce_stopwords_user_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "corpus-explorer", "stopwords.txt", NULL);
}

/**
 * ce_stopwords_parse:
 * @text: a list: one word a line, `#` starts a comment line
 *
 * Words are folded to lower case, as the index holds them.
 *
 * Returns: (transfer full): the set of words
 */
GHashTable *
ce_stopwords_parse (const char *text,
                    gsize       len)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *valid = g_utf8_make_valid (text, len);
  g_auto(GStrv) lines = g_strsplit (valid, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *word = g_strstrip (lines[i]);

      if (word[0] == 0 || word[0] == '#')
        continue;
      g_hash_table_add (set, g_utf8_strdown (word, -1));
    }

  return set;
}

/**
 * ce_stopwords_load:
 * @path: (nullable): a list to read; %NULL for the user's own list when
 *   there is one, else the English list that ships with the program
 *
 * Returns: (transfer full): the set of words, or %NULL with @error set
 *   naming the file
 */
GHashTable *
ce_stopwords_load (const char  *path,
                   GError     **error)
{
  g_autofree char *user_path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;
  gsize len;

  if (path == NULL)
    {
      user_path = ce_stopwords_user_path ();
      if (g_file_test (user_path, G_FILE_TEST_IS_REGULAR))
        path = user_path;
    }

  if (path != NULL)
    {
      if (!g_file_get_contents (path, &contents, &len, &local))
        {
          g_set_error (error, local->domain, local->code,
                       _("Could not read the stop words in %s: %s"), path, local->message);
          return NULL;
        }

      return ce_stopwords_parse (contents, len);
    }

  bytes = g_resource_lookup_data (ce_match_get_resource (), SHIPPED_LIST,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  return ce_stopwords_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/**
 * ce_stopwords_dup_text:
 * @is_user: (out) (optional): whether the text is the user's own list
 *
 * Returns: (transfer full): the list in use, as it is written, or %NULL
 *   with @error set naming the file
 */
char *
ce_stopwords_dup_text (gboolean  *is_user,
                       GError   **error)
{
  g_autofree char *user_path = ce_stopwords_user_path ();
  g_autoptr(GError) local = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *contents = NULL;
  gsize len;

  if (is_user != NULL)
    *is_user = FALSE;

  if (g_file_test (user_path, G_FILE_TEST_IS_REGULAR))
    {
      if (!g_file_get_contents (user_path, &contents, &len, &local))
        {
          g_set_error (error, local->domain, local->code,
                       _("Could not read the stop words in %s: %s"), user_path, local->message);
          return NULL;
        }
      if (is_user != NULL)
        *is_user = TRUE;
      if (!g_utf8_validate (contents, len, NULL))
        {
          char *valid = g_utf8_make_valid (contents, len);

          g_free (contents);
          return valid;
        }
      return contents;
    }

  bytes = g_resource_lookup_data (ce_match_get_resource (), SHIPPED_LIST,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Tells who uses the list when it was saved or reset */
#define CE_TYPE_STOPWORDS_NOTIFIER (ce_stopwords_notifier_get_type ())
G_DECLARE_FINAL_TYPE (CeStopwordsNotifier, ce_stopwords_notifier, CE, STOPWORDS_NOTIFIER, GObject)

struct _CeStopwordsNotifier
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (CeStopwordsNotifier, ce_stopwords_notifier, G_TYPE_OBJECT)

static guint changed_signal;

static void
ce_stopwords_notifier_class_init (CeStopwordsNotifierClass *klass)
{
  changed_signal = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ce_stopwords_notifier_init (CeStopwordsNotifier *self)
{
}

/**
 * ce_stopwords_get_notifier:
 *
 * An object whose signal "changed" (no arguments) is emitted when
 * ce_stopwords_save() or ce_stopwords_reset() changed the list, in the
 * thread that called them.
 *
 * Returns: (transfer none): the object, alive as long as the program
 */
GObject *
ce_stopwords_get_notifier (void)
{
  static GObject *notifier;
  static gsize made;

  if (g_once_init_enter (&made))
    {
      notifier = g_object_new (CE_TYPE_STOPWORDS_NOTIFIER, NULL);
      g_once_init_leave (&made, 1);
    }

  return notifier;
}

static void
notify_changed (void)
{
  /* Made first: its class holds the signal's id */
  GObject *notifier = ce_stopwords_get_notifier ();

  g_signal_emit (notifier, changed_signal, 0);
}

/**
 * ce_stopwords_save:
 * @text: the list, one word a line
 *
 * Writes @text as the user's list, which keywords, collocates, n-grams
 * and suggestions then read.
 */
gboolean
ce_stopwords_save (const char  *text,
                   GError     **error)
{
  g_autofree char *path = ce_stopwords_user_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not save the stop words in %s: %s"), path, g_strerror (saved));
      return FALSE;
    }

  if (!g_file_set_contents (path, text, -1, &local))
    {
      g_set_error (error, local->domain, local->code,
                   _("Could not save the stop words in %s: %s"), path, local->message);
      return FALSE;
    }

  notify_changed ();
  return TRUE;
}

/**
 * ce_stopwords_reset:
 *
 * Removes the user's list, so that the shipped one is used again.
 */
gboolean
ce_stopwords_reset (GError **error)
{
  g_autofree char *path = ce_stopwords_user_path ();

  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not remove the stop words in %s: %s"), path, g_strerror (saved));
      return FALSE;
    }

  notify_changed ();
  return TRUE;
}
