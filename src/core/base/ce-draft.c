/* ce-draft.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-draft"

#include "config.h"

#include <string.h>

#include "ce-draft.h"
#include "ce-text.h"

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
  g_clear_pointer (&draft->fingerprint, ce_fingerprint_free);
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
  draft->hash = ce_text_content_hash (draft->title, draft->body);
  draft->prepared = TRUE;
}
