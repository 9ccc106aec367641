/* ce-stopwords.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-stopwords"

#include "config.h"

#include <glib/gi18n-lib.h>
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
