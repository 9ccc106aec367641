/* fuzz-small-corpus.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small corpus made once per fuzzing process, for the targets that run
 * what they parse against real documents: words the seeds use, phrases,
 * accents, titles, places, dates, sources and a quoted mail paragraph.
 */

#pragma once

#include <glib/gstdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "ce-corpus.h"

typedef struct
{
  const char *title;
  const char *place;
  const char *date;
  const char *source;
  const char *body;
} FuzzDoc;

static const FuzzDoc fuzz_docs[] = {
  { "Storm over the harbour", "Oban", "2024-01-15", "Island Times",
    "A storm closed the harbour on Monday. The harbour master said the gale would pass." },
  { "Gale warning", "Oban", "2024-02-03", "Island Times",
    "A gale warning was issued for the west coast; ferries stayed in port." },
  { "Market day", "Mallaig", "2023-11-20", "West Highland Free Press",
    "The market opened early. Traders sold fish, wool and a few books." },
  { "Trade deal signed", "Geneva", "2022-06-30", "Meridian Wire",
    "China and the US signed a trade deal in Geneva. The deal cuts tariffs on steel." },
  { "US tariffs", "Washington", "2021-03-01", "Meridian Wire",
    "The US raised tariffs; us traders worried. Xi Jinping said China would answer." },
  { "Café society", "Paris", "2020-08-08", "Le Quotidien",
    "The café on the corner reopened. Cafe owners across Paris were relieved." },
  { "Harbour master retires", NULL, "2024", NULL,
    "After forty years the harbour master retired, the harbour quiet behind him." },
  { "Re: ferry times", "Oban", "2024-05", "ann@example.org",
    "Thanks, that helps.\n\n> When does the ferry leave?\n> The storm may delay it." },
  { "A B C", NULL, NULL, NULL,
    "a b c d a b o oa ob abc b* a-b \"a\" x y x-y title place" },
  { "Numbers", "Oban", "2019-12-31", "Island Times",
    "In 2019 there were 3 storms, 12 gales and 1,000 visitors; 50% came by ferry." },
  { "Empty-ish", NULL, NULL, NULL, "." },
  { "Steel and wool", "Mallaig", "2023-01-01", "West Highland Free Press",
    "Steel prices rose; wool prices fell. The market for steel and wool is small." },
};

static char *fuzz_small_corpus_path;

static void
fuzz_small_corpus_remove (void)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (fuzz_small_corpus_path, suffixes[i], NULL);

      g_unlink (name);
    }
}

/* Makes the corpus once, then opens it read-only: the fuzzed work only
 * reads.  Returns the same connection on every call. */
static CeCorpus *
fuzz_small_corpus (void)
{
  static CeCorpus *corpus;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CeCorpus) writer = NULL;
  g_autoptr(GError) error = NULL;

  if (corpus != NULL)
    return corpus;

  name = g_strdup_printf ("ce-fuzz-small-%d.corpus", (int)getpid ());
  path = g_build_filename (g_get_tmp_dir (), name, NULL);
  fuzz_small_corpus_path = g_strdup (path);
  fuzz_small_corpus_remove ();
  atexit (fuzz_small_corpus_remove);

  writer = ce_corpus_open (path, CE_CORPUS_OPEN_CREATE, &error);
  if (writer == NULL || !ce_corpus_begin (writer, &error))
    g_error ("fuzz corpus: %s", error->message);
  for (guint i = 0; i < G_N_ELEMENTS (fuzz_docs); i++)
    {
      g_autoptr(CeDraft) draft = ce_draft_new ();

      draft->title = g_strdup (fuzz_docs[i].title);
      draft->place = g_strdup (fuzz_docs[i].place);
      draft->date = g_strdup (fuzz_docs[i].date);
      draft->source = g_strdup (fuzz_docs[i].source);
      draft->body = g_strdup (fuzz_docs[i].body);
      ce_draft_add_meta (draft, "lang", i % 2 ? "en" : "gd");
      if (ce_corpus_add_draft (writer, 0, draft, &error) != CE_CORPUS_ADDED)
        g_error ("fuzz corpus: document %u not added", i);
    }
  if (!ce_corpus_commit (writer, &error) || !ce_corpus_checkpoint (writer, &error))
    g_error ("fuzz corpus: %s", error->message);
  g_clear_object (&writer);

  corpus = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, &error);
  if (corpus == NULL)
    g_error ("fuzz corpus: %s", error->message);

  return corpus;
}
