/* ce-script.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-script"

#include "config.h"

#include <string.h>

#include "ce-script.h"

/* A document of the first ones imported counts as CJK when at least this
 * many of its letters, and this share of them, are CJK characters */
#define CJK_DOCUMENT_MIN_CHARS 20
#define CJK_DOCUMENT_MIN_SHARE 0.10
/* and the corpus is CJK when such documents are at least this share of
 * the first ones */
#define CJK_CORPUS_MIN_SHARE 0.10

static const char * const tokenizer_names[] = {
  [CE_TOKENIZER_AUTO] = "auto",
  [CE_TOKENIZER_DEFAULT] = "default",
  [CE_TOKENIZER_CJK] = "cjk",
};

/**
 * ce_unichar_is_cjk:
 *
 * Returns: whether @c is a letter of Chinese, Japanese or Korean text
 *   (Han, Hiragana, Katakana, Hangul, and the marks that lengthen a
 *   Katakana sound), which the CJK tokenizer pairs with its neighbours
 */
gboolean
ce_unichar_is_cjk (gunichar c)
{
  GUnicodeType type;

  /* Hangul Jamo (U+1100) is the first block of any of these scripts */
  if (c < 0x1100)
    return FALSE;

  /* The prolonged sound marks belong to no script, but to Katakana words */
  if (c == 0x30FC || c == 0xFF70)
    return TRUE;

  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_HANGUL:
      break;

    default:
      return FALSE;
    }

  /* Radicals and other symbols of these scripts are not part of words */
  type = g_unichar_type (c);
  return type == G_UNICODE_OTHER_LETTER || type == G_UNICODE_MODIFIER_LETTER ||
         type == G_UNICODE_LETTER_NUMBER;
}

/**
 * ce_unichar_is_cjk_word:
 *
 * Word counts take each Chinese or Japanese character (Han, Hiragana,
 * Katakana) as a word of its own: such text has no spaces to count
 * words by, and a character is close to what a word is in per-1,000-word
 * measures.  Korean separates its words with spaces and is counted as
 * other scripts are.
 *
 * Returns: whether @c counts as a word by itself
 */
gboolean
ce_unichar_is_cjk_word (gunichar c)
{
  return ce_unichar_is_cjk (c) && g_unichar_get_script (c) != G_UNICODE_SCRIPT_HANGUL;
}

/**
 * ce_tokenizer_to_string:
 *
 * Returns: the name of @tokenizer in the command line and the settings:
 *   `auto`, `default` or `cjk`
 */
const char *
ce_tokenizer_to_string (CeTokenizer tokenizer)
{
  if ((guint)tokenizer >= G_N_ELEMENTS (tokenizer_names))
    return tokenizer_names[CE_TOKENIZER_DEFAULT];

  return tokenizer_names[tokenizer];
}

gboolean
ce_tokenizer_from_string (const char  *name,
                          CeTokenizer *tokenizer)
{
  g_return_val_if_fail (tokenizer != NULL, FALSE);

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (tokenizer_names); i++)
    {
      if (g_ascii_strcasecmp (name, tokenizer_names[i]) == 0)
        {
          *tokenizer = i;
          return TRUE;
        }
    }

  return FALSE;
}

static const char * const diacritics_names[] = {
  [CE_DIACRITICS_AUTO] = "auto",
  [CE_DIACRITICS_REMOVE] = "remove",
  [CE_DIACRITICS_KEEP] = "keep",
};

/**
 * ce_diacritics_to_string:
 *
 * Returns: the name of @diacritics in the command line and the settings:
 *   `auto`, `remove` or `keep`
 */
const char *
ce_diacritics_to_string (CeDiacritics diacritics)
{
  if ((guint)diacritics >= G_N_ELEMENTS (diacritics_names))
    return diacritics_names[CE_DIACRITICS_REMOVE];

  return diacritics_names[diacritics];
}

gboolean
ce_diacritics_from_string (const char   *name,
                           CeDiacritics *diacritics)
{
  g_return_val_if_fail (diacritics != NULL, FALSE);

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (diacritics_names); i++)
    {
      if (g_ascii_strcasecmp (name, diacritics_names[i]) == 0)
        {
          *diacritics = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Letters and CJK characters of the document being sampled */
static guint64 *
document_counts (CeScriptSample *sample)
{
  return sample->doc_counts;
}

/**
 * ce_script_sample_add:
 * @text: part of a document (its title or body)
 *
 * Counts the letters of @text and how many are CJK characters.
 */
void
ce_script_sample_add (CeScriptSample *sample,
                      const char     *text,
                      gssize          len)
{
  guint64 *doc = document_counts (sample);
  const char *end;

  g_return_if_fail (sample != NULL);

  if (text == NULL)
    return;

  end = len < 0 ? text + strlen (text) : text + len;

  for (const char *p = text; p < end; )
    {
      gunichar c;

      if ((guchar)*p < 0x80)
        {
          doc[0] += g_ascii_isalpha (*p);
          p++;
          continue;
        }

      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar)-1 || c == (gunichar)-2)
        {
          p++;
          continue;
        }

      if (ce_unichar_is_cjk (c))
        {
          doc[0]++;
          doc[1]++;
        }
      else if (g_unichar_isalpha (c))
        {
          doc[0]++;
        }
      p = g_utf8_next_char (p);
    }
}

void
ce_script_sample_end_document (CeScriptSample *sample)
{
  guint64 *doc = document_counts (sample);

  g_return_if_fail (sample != NULL);

  sample->documents++;
  sample->letters += doc[0];
  sample->cjk += doc[1];
  if (doc[1] >= CJK_DOCUMENT_MIN_CHARS && doc[1] >= CJK_DOCUMENT_MIN_SHARE * doc[0])
    sample->cjk_documents++;

  doc[0] = doc[1] = 0;
}

/**
 * ce_script_sample_choose:
 *
 * A corpus gets the CJK tokenizer when at least a tenth of its first
 * documents are CJK documents: documents with at least 20 CJK
 * characters that make at least a tenth of their letters.
 *
 * Returns: %CE_TOKENIZER_CJK or %CE_TOKENIZER_DEFAULT
 */
CeTokenizer
ce_script_sample_choose (const CeScriptSample *sample)
{
  g_return_val_if_fail (sample != NULL, CE_TOKENIZER_DEFAULT);

  if (sample->cjk_documents > 0 &&
      sample->cjk_documents >= CJK_CORPUS_MIN_SHARE * sample->documents)
    return CE_TOKENIZER_CJK;

  return CE_TOKENIZER_DEFAULT;
}
