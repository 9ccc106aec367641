/* ce-stopwords.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Stop words: a set of words (as the index holds them) that keywords,
 * collocates and n-grams can leave out.  The English list ships with the
 * program; a file `stopwords.txt` in the user's configuration folder
 * (~/.config/corpus-explorer/) replaces it. */

char       *ce_stopwords_user_path (void);
GHashTable *ce_stopwords_load      (const char   *path,
                                    GError      **error);
GHashTable *ce_stopwords_parse     (const char   *text,
                                    gsize         len);

/* The list in use as text (the user's, else the shipped one), for
 * editing; whether it is the user's goes to @is_user */
char       *ce_stopwords_dup_text  (gboolean     *is_user,
                                    GError      **error);
/* Writes the user's list (making its folder), or removes it so that the
 * shipped list is used again */
gboolean    ce_stopwords_save      (const char   *text,
                                    GError      **error);
gboolean    ce_stopwords_reset     (GError      **error);
GObject    *ce_stopwords_get_notifier (void);

G_END_DECLS
