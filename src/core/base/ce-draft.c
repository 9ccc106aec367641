/* ce-draft.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-draft"

#include "config.h"

#include <string.h>

#include "ce-corpus-private.h"
#include "ce-draft.h"
#include "ce-segmenter.h"

CeDraft *
ce_draft_new (void)
{
  return g_new0 (CeDraft, 1);
}

void
ce_draft_free (CeDraft *draft)
{
  if (draft == NULL)
    return;

  g_free (draft->title);
  g_free (draft->place);
  g_free (draft->date);
  g_free (draft->author);
  g_free (draft->source);
  g_free (draft->section);
  g_free (draft->url);
  g_free (draft->body);
  g_clear_pointer (&draft->meta, g_ptr_array_unref);
  g_free (draft);
}

void
ce_draft_add_meta (CeDraft    *draft,
                   const char *key,
                   const char *value)
{
  g_return_if_fail (draft != NULL);
  g_return_if_fail (key != NULL);

  if (value == NULL)
    return;

  if (draft->meta == NULL)
    draft->meta = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (draft->meta, g_strdup (key));
  g_ptr_array_add (draft->meta, g_strdup (value));
}

/**
 * ce_draft_take_dateline:
 *
 * A body that starts with a dateline ("GENEVA — The talks…") gives the
 * draft its place when it has none, and loses the dateline, so a JSON
 * or CSV record reads the same as the same article in a raw dump.
 */
void
ce_draft_take_dateline (CeDraft *draft)
{
  g_autofree char *place = NULL;
  gsize rest;

  g_return_if_fail (draft != NULL);

  if (draft->body == NULL)
    return;

  rest = ce_segmenter_parse_dateline (draft->body, -1, &place);
  if (rest == 0 || draft->body[rest] == 0)
    return;

  memmove (draft->body, draft->body + rest, strlen (draft->body + rest) + 1);
  if (draft->place == NULL || draft->place[0] == 0)
    {
      g_free (draft->place);
      draft->place = g_steal_pointer (&place);
    }
}

/**
 * ce_draft_prepare:
 *
 * Computes the word count and the content hash that storing the draft
 * needs.  Call it again after changing the title or the body.
 */
void
ce_draft_prepare (CeDraft *draft)
{
  g_return_if_fail (draft != NULL);
  g_return_if_fail (draft->body != NULL);

  draft->words = ce_text_count_words (draft->body, -1);
  draft->hash = _ce_corpus_content_hash (draft->title, draft->body);
  draft->prepared = TRUE;
}
