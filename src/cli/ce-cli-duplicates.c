/* ce-cli-duplicates.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "ce-cli-private.h"

/* `corpus-explorer duplicates`: the groups of copies of one story */

typedef struct
{
  JsonBuilder *builder;  /* NULL: text */
  guint        groups;
} Listing;

static gboolean
print_group_cb (GPtrArray *members,
                gpointer   user_data)
{
  Listing *listing = user_data;

  listing->groups++;

  if (listing->builder != NULL)
    {
      JsonBuilder *builder = listing->builder;
      CeCopy *first = g_ptr_array_index (members, 0);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "representative");
      json_builder_add_int_value (builder, first->group_id);
      json_builder_set_member_name (builder, "members");
      json_builder_begin_array (builder);
      for (guint i = 0; i < members->len; i++)
        {
          CeCopy *copy = g_ptr_array_index (members, i);
          char text[G_ASCII_DTOSTR_BUF_SIZE];

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, copy->id);
          _ce_cli_json_add_string (builder, "title", copy->title);
          _ce_cli_json_add_string (builder, "date", copy->date);
          json_builder_set_member_name (builder, "similarity");
          /* Two decimals, as the text listing shows */
          g_ascii_formatd (text, sizeof text, "%.2f", copy->similarity);
          json_builder_add_double_value (builder, g_ascii_strtod (text, NULL));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      return TRUE;
    }

  if (listing->groups > 1)
    printf ("\n");
  for (guint i = 0; i < members->len; i++)
    {
      CeCopy *copy = g_ptr_array_index (members, i);
      char text[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (text, sizeof text, "%.2f", copy->similarity);
      printf ("%s%" G_GINT64_FORMAT "\t%s\t%s\t%s\n",
              i == 0 ? "" : "  ", copy->id, text,
              copy->date != NULL ? copy->date : "", copy->title != NULL ? copy->title : "");
    }

  return TRUE;
}

/* Gives a corpus from before fingerprints its groups, in steps that
 * are each kept, with progress on stderr */
static gboolean
compute_missing (CeCorpus  *corpus,
                 GError   **error)
{
  gint64 total = ce_corpus_count_unfingerprinted (corpus);
  gint64 remaining = total;

  while (remaining > 0)
    {
      if (!ce_corpus_compute_fingerprints (corpus, CE_CORPUS_FINGERPRINT_BATCH, &remaining, error))
        return FALSE;

      fprintf (stderr, _("Finding copies: %d%%\r"),
               (int)(100 * (total - remaining) / MAX (total, 1)));
      fflush (stderr);
    }

  if (total > 0)
    fprintf (stderr, "\n");

  return TRUE;
}

static gpointer
prepare_func (CeCorpus      *corpus,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  double threshold = *(double *)data;

  if (!compute_missing (corpus, error) ||
      (threshold != 0 && !ce_corpus_set_duplicate_threshold (corpus, threshold, error)))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static int
list_on_corpus (CeCorpus *corpus,
                gpointer  data)
{
  gboolean json = *(gboolean *)data;
  g_autoptr(GError) error = NULL;
  Listing listing = { NULL, 0 };

  if (json)
    {
      listing.builder = json_builder_new ();
      json_builder_begin_object (listing.builder);
      json_builder_set_member_name (listing.builder, "threshold");
      json_builder_add_double_value (listing.builder, ce_corpus_get_duplicate_threshold (corpus));
      json_builder_set_member_name (listing.builder, "groups");
      json_builder_begin_array (listing.builder);
    }

  if (!ce_corpus_foreach_copy_group (corpus, print_group_cb, &listing, &error))
    {
      g_clear_object (&listing.builder);
      _ce_cli_error ("%s", error->message);
      return CE_CLI_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonNode) root = NULL;

      json_builder_end_array (listing.builder);
      json_builder_end_object (listing.builder);
      root = json_builder_get_root (listing.builder);
      _ce_cli_print_json (root);
      g_clear_object (&listing.builder);
    }

  return CE_CLI_OK;
}

int
_ce_cli_duplicates (int    argc,
                    char **argv)
{
  g_autoptr(CeSession) session = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  double threshold = 0;
  int exit_code;
  const GOptionEntry entries[] = {
    { "threshold", 't', 0, G_OPTION_ARG_DOUBLE, &threshold, N_("Group at this similarity (0.3 to 1) and keep it as the corpus setting"), "T" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!_ce_cli_parse ("duplicates", entries, &argc, &argv, 1, 1, &exit_code))
    return exit_code;

  if (threshold != 0 && !(threshold >= CE_FINGERPRINT_MIN_THRESHOLD && threshold <= 1))
    {
      _ce_cli_error (_("--threshold must be between 0.3 and 1"));
      return CE_CLI_USAGE;
    }

  /* Groups missing from an older corpus, or a new threshold, are
   * written through the session's writer before they are listed */
  if (!(session = _ce_cli_open_session (argv[1], CE_CORPUS_OPEN_DEFAULT)))
    return CE_CLI_FAILED;

  if (ce_session_write (session, prepare_func, &threshold, NULL, &error) == NULL)
    {
      _ce_cli_error ("%s", error->message);
      return CE_CLI_FAILED;
    }

  return _ce_cli_run (session, list_on_corpus, &json);
}
