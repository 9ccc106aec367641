/* ce-cli-recover.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `recover`: what can still be read of a damaged corpus, into a new one.
 */

#define G_LOG_DOMAIN "ce-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "ce-cli-private.h"
#include "ce-corpus-recover.h"

/* news.corpus -> news-recovered.corpus, beside it */
static char *
default_output (const char *path)
{
  g_autofree char *stem = g_strdup (path);

  if (g_str_has_suffix (stem, CE_CORPUS_SUFFIX) && strlen (stem) > strlen (CE_CORPUS_SUFFIX))
    stem[strlen (stem) - strlen (CE_CORPUS_SUFFIX)] = 0;

  return g_strconcat (stem, "-recovered", CE_CORPUS_SUFFIX, NULL);
}

/* 3, 4, 5, 9 -> "3–5, 9" */
static char *
format_ids (GArray *ids)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < ids->len;)
    {
      gint64 first = g_array_index (ids, gint64, i);
      guint j = i;

      while (j + 1 < ids->len && g_array_index (ids, gint64, j + 1) == g_array_index (ids, gint64, j) + 1)
        j++;

      if (text->len > 0)
        g_string_append (text, ", ");
      if (j > i)
        g_string_append_printf (text, "%" G_GINT64_FORMAT "–%" G_GINT64_FORMAT,
                                first, g_array_index (ids, gint64, j));
      else
        g_string_append_printf (text, "%" G_GINT64_FORMAT, first);
      i = j + 1;
    }

  return g_string_free (text, FALSE);
}

static void
print_gap (const CeRecoveryGap *gap)
{
  g_autofree char *after = g_strdup_printf ("%" G_GINT64_FORMAT, gap->after);
  g_autofree char *upto = g_strdup_printf ("%" G_GINT64_FORMAT, gap->upto);

  if (gap->after == G_MININT64 && gap->upto == G_MAXINT64)
    /* TRANSLATORS: %s is a table of the corpus file: documents, sources, meta, topics… */
    printf (_("  %s: could not be read at all\n"), gap->table);
  else if (gap->after == G_MININT64)
    printf (_("  %s: rows up to id %s\n"), gap->table, upto);
  else if (gap->upto == G_MAXINT64)
    printf (_("  %s: rows after id %s\n"), gap->table, after);
  else
    printf (_("  %s: rows after id %s up to id %s\n"), gap->table, after, upto);
}

int
_ce_cli_recover (int    argc,
                 char **argv)
{
  g_autoptr(CeRecovery) recovery = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *documents = NULL;
  g_autofree char *sources = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *topics = NULL;
  g_autofree char *corrections = NULL;
  int exit_code;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The new corpus (default: FILE-recovered.corpus beside FILE); must not exist"), "NEW.corpus" },
    { NULL }
  };

  if (!_ce_cli_parse ("recover", entries, &argc, &argv, 1, 1, &exit_code))
    return exit_code;

  if (output == NULL)
    output = default_output (argv[1]);

  recovery = ce_corpus_recover (argv[1], output, NULL, &error);
  if (recovery == NULL)
    {
      _ce_cli_error ("%s", error->message);
      return CE_CLI_FAILED;
    }

  printf (_("Recovered into “%s”:\n"), output);
  /* The counts are 64-bit: formatted apart, as the translated lines
   * cannot hold G_GINT64_FORMAT */
  documents = g_strdup_printf ("%" G_GINT64_FORMAT, recovery->documents);
  sources = g_strdup_printf ("%" G_GINT64_FORMAT, recovery->sources);
  meta = g_strdup_printf ("%" G_GINT64_FORMAT, recovery->meta);
  topics = g_strdup_printf ("%" G_GINT64_FORMAT, recovery->topics);
  corrections = g_strdup_printf ("%" G_GINT64_FORMAT, recovery->corrections);
  printf (ngettext ("  %s document\n", "  %s documents\n", recovery->documents), documents);
  printf (ngettext ("  %s source file\n", "  %s source files\n", recovery->sources), sources);
  printf (ngettext ("  %s metadata value\n", "  %s metadata values\n", recovery->meta), meta);
  printf (ngettext ("  %s topic\n", "  %s topics\n", recovery->topics), topics);
  printf (ngettext ("  %s correction\n", "  %s corrections\n", recovery->corrections),
          corrections);

  if (recovery->lost_documents->len == 0 && recovery->gaps->len == 0)
    {
      printf (_("Nothing was lost.\n"));
      return CE_CLI_OK;
    }

  if (recovery->lost_documents->len > 0)
    {
      g_autofree char *ids = format_ids (recovery->lost_documents);

      printf (ngettext ("Lost: %u document (id %s)\n", "Lost: %u documents (ids %s)\n",
                        recovery->lost_documents->len),
              recovery->lost_documents->len, ids);
    }

  if (recovery->gaps->len > 0)
    {
      printf (_("Damaged and skipped:\n"));
      for (guint i = 0; i < recovery->gaps->len; i++)
        print_gap (g_ptr_array_index (recovery->gaps, i));
    }

  if (recovery->lost_from->len > 0)
    {
      printf (_("The lost documents were imported from among these files; importing them "
                "again into “%s” brings them back (what it holds already is skipped):\n"), output);
      for (guint i = 0; i < recovery->lost_from->len; i++)
        printf ("  %s\n", (const char *)g_ptr_array_index (recovery->lost_from, i));
    }

  return CE_CLI_OK;
}
