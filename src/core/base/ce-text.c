/* ce-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-text"

#include "config.h"

#include <string.h>

#include "ce-draft.h"
#include "ce-script.h"
#include "ce-text.h"

/* The text rules every layer shares: what a word, a sentence end and a
 * title are, and the hash that tells two documents apart.  The segmenter
 * and the manual corrections both use them, so a title made when a dump
 * is split reads like one made when an article is split by hand. */

#define TITLE_MAX_CHARS 120
#define SEPARATOR "\n\n"
#define SEPARATOR_LEN 2

static const char *abbreviations[] = {
  "adm", "approx", "apr", "aug", "capt", "cmdr", "co", "col", "corp", "dec",
  "dept", "dr", "feb", "fig", "gen", "gov", "inc", "jan", "jr", "jul", "jun",
  "lt", "ltd", "mar", "mr", "mrs", "ms", "mt", "no", "nos", "nov", "oct",
  "prof", "rep", "rev", "sen", "sep", "sept", "sgt", "sr", "st", "vs",
};

/* Words that usually open a sentence: after "U.K." they tell a sentence
 * end from an abbreviation inside a sentence. */
static const char *sentence_openers[] = {
  "A", "An", "And", "But", "He", "Her", "His", "However", "I", "In", "It",
  "It’s", "Its", "Meanwhile", "She", "So", "That", "The", "Their", "There",
  "These", "They", "This", "Those", "We",
};

gboolean
ce_text_word_in_list (const char  *word,
                      gsize        len,
                      const char **list,
                      gsize        n_list,
                      gboolean     ignore_case)
{
  for (gsize i = 0; i < n_list; i++)
    {
      /* The first letter rules out most entries cheaply */
      if (len == 0 || (list[i][0] | 0x20) != (word[0] | 0x20) || strlen (list[i]) != len)
        continue;
      if (ignore_case ? g_ascii_strncasecmp (word, list[i], len) == 0
                      : memcmp (word, list[i], len) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Length of the closing quotes and brackets at the end of text[0..len). */
gsize
ce_text_closers_before (const char *text,
                        gsize       len)
{
  gsize i = len;

  for (;;)
    {
      if (i > 0 && strchr (")]\"'", text[i - 1]) != NULL && text[i - 1] != '\0')
        i--;
      else if (i >= 3 && (memcmp (text + i - 3, "”", 3) == 0 || memcmp (text + i - 3, "’", 3) == 0))
        i -= 3;
      else
        break;
    }

  return len - i;
}

/* Whether text[0..len) ends a sentence. */
CeSentenceEnd
ce_text_sentence_end_kind (const char *text,
                           gsize       len)
{
  gsize i = len - ce_text_closers_before (text, len);
  gsize j;
  gsize tok_len;
  gboolean initials;

  if (i == 0)
    return CE_SENTENCE_END_NO;
  if (text[i - 1] == '!' || text[i - 1] == '?')
    return CE_SENTENCE_END_YES;
  if (text[i - 1] != '.')
    return CE_SENTENCE_END_NO;

  /* The token before the full stop */
  i--;
  j = i;
  /* Longer tokens are no abbreviations; the bound keeps long runs without
   * spaces (encoded data, URLs) from being scanned line after line. */
  while (j > 0 && text[j - 1] != ' ' && i - j < 32)
    j--;
  while (j < i && strchr ("(\"'", text[j]) != NULL)
    j++;
  if (i - j >= 3 && (memcmp (text + j, "“", 3) == 0 || memcmp (text + j, "‘", 3) == 0))
    j += 3;
  tok_len = i - j;

  if (tok_len == 0)
    return CE_SENTENCE_END_YES;
  if (text[i - 1] == '.')
    return CE_SENTENCE_END_NO;   /* an ellipsis */

  /* "U.K", "p.m", "F": letters separated by full stops */
  initials = TRUE;
  for (gsize k = 0; k < tok_len; k++)
    {
      gboolean letter = g_ascii_isalpha (text[j + k]);

      if ((k % 2 == 0 && !letter) || (k % 2 == 1 && text[j + k] != '.'))
        {
          initials = FALSE;
          break;
        }
    }
  if (initials)
    return CE_SENTENCE_END_INITIALS;

  if (ce_text_word_in_list (text + j, tok_len, abbreviations, G_N_ELEMENTS (abbreviations), TRUE))
    return CE_SENTENCE_END_NO;

  return CE_SENTENCE_END_YES;
}

gsize
ce_text_opening_quote_len (const char *text,
                           gsize       len)
{
  if (len >= 1 && strchr ("\"'(", text[0]) != NULL && text[0] != '\0')
    return 1;
  if (len >= 3 && (memcmp (text, "“", 3) == 0 || memcmp (text, "‘", 3) == 0))
    return 3;
  return 0;
}

gboolean
ce_text_starts_sentence (const char *text,
                         gsize       len)
{
  gsize q = ce_text_opening_quote_len (text, len);
  gunichar u;

  if (q >= len)
    return FALSE;
  if (g_ascii_isdigit (text[q]))
    return TRUE;
  u = g_utf8_get_char (text + q);
  return g_unichar_isupper (u) || g_unichar_istitle (u);
}

gboolean
ce_text_starts_with_opener (const char *text,
                            gsize       len)
{
  gsize q = ce_text_opening_quote_len (text, len);
  gsize e = q;

  if (q > 0)
    return ce_text_starts_sentence (text, len);
  while (e < len && text[e] != ' ' && text[e] != ',')
    e++;
  return ce_text_word_in_list (text, e, sentence_openers, G_N_ELEMENTS (sentence_openers), FALSE);
}

/* The ideographic full stop and the full-width ! and ? */
static const char * const cjk_sentence_ends[] = { "。", "！", "？" };
/* Closing brackets and quotes that stay with the sentence before */
static const char * const cjk_closers[] = { "」", "』", "）", "】", "”", "’" };

/* Index just after the CJK sentence end at text[i] and its closers, or
 * 0 when there is none at i */
static gsize
cjk_sentence_end (const char *text,
                  gsize       len,
                  gsize       i)
{
  gsize e = 0;

  for (guint k = 0; k < G_N_ELEMENTS (cjk_sentence_ends); k++)
    {
      if (i + 3 <= len && memcmp (text + i, cjk_sentence_ends[k], 3) == 0)
        e = i + 3;
    }

  if (e == 0)
    return 0;

  for (guint k = 0; k < G_N_ELEMENTS (cjk_closers); k++)
    {
      if (e + 3 <= len && memcmp (text + e, cjk_closers[k], 3) == 0)
        {
          e += 3;
          k = (guint)-1;
        }
    }

  return e;
}

/* Index just after the first sentence of text[from..len), or len. */
gsize
ce_text_next_sentence_end (const char *text,
                           gsize       len,
                           gsize       from)
{
  for (gsize i = from; i < len; i++)
    {
      gsize e;
      CeSentenceEnd kind;

      /* Chinese and Japanese full stops end a sentence without a space */
      if ((guchar)text[i] >= 0xe3 && (e = cjk_sentence_end (text, len, i)) > 0)
        return e;

      if (text[i] != '.' && text[i] != '!' && text[i] != '?')
        continue;

      e = i + 1;
      while (e < len)
        {
          if (strchr (")]\"'", text[e]) != NULL && text[e] != '\0')
            e++;
          else if (e + 3 <= len && (memcmp (text + e, "”", 3) == 0 || memcmp (text + e, "’", 3) == 0))
            e += 3;
          else
            break;
        }
      if (e >= len)
        return len;
      if (text[e] != ' ')
        continue;

      kind = ce_text_sentence_end_kind (text, e);
      if (kind == CE_SENTENCE_END_YES && ce_text_starts_sentence (text + e + 1, len - e - 1))
        return e;
      if (kind == CE_SENTENCE_END_INITIALS && ce_text_starts_with_opener (text + e + 1, len - e - 1))
        return e;
    }

  return len;
}

/* Cuts @text[0..len) at a word to at most TITLE_MAX_CHARS characters,
 * with an ellipsis */
static char *
shorten (const char *text,
         gsize       len)
{
  const char *cut;
  GString *title;

  if (g_utf8_strlen (text, len) <= TITLE_MAX_CHARS)
    return g_strndup (text, len);

  /* Cut at a word boundary, leaving room for the ellipsis */
  cut = g_utf8_offset_to_pointer (text, TITLE_MAX_CHARS - 1);
  while (cut > text && *cut != ' ')
    cut--;
  if (cut == text)
    cut = g_utf8_offset_to_pointer (text, TITLE_MAX_CHARS - 1);
  while (cut > text && strchr (" ,;:-", cut[-1]) != NULL)
    cut--;
  while (cut - text >= 3 && (memcmp (cut - 3, "—", 3) == 0 || memcmp (cut - 3, "–", 3) == 0))
    {
      cut -= 3;
      while (cut > text && cut[-1] == ' ')
        cut--;
    }

  title = g_string_new_len (text, cut - text);
  g_string_append (title, "…");
  return g_string_free (title, FALSE);
}

/**
 * ce_text_make_title:
 * @text: one paragraph
 * @len: its length in bytes
 *
 * Returns: (transfer full): the first sentence of @text, shortened at a
 *   word to at most 120 characters
 */
char *
ce_text_make_title (const char *text,
                    gsize       len)
{
  gsize end = ce_text_next_sentence_end (text, len, 0);

  while (end > 0 && text[end - 1] == ' ')
    end--;

  return shorten (text, end);
}

/**
 * ce_body_is_paragraph_start:
 * @body: a document body, paragraphs separated by a blank line
 * @offset: a byte offset in @body
 *
 * Returns: whether a paragraph other than the first starts at @offset
 */
gboolean
ce_body_is_paragraph_start (const char *body,
                            gsize       offset)
{
  gsize len;

  g_return_val_if_fail (body != NULL, FALSE);

  len = strlen (body);
  if (offset <= SEPARATOR_LEN || offset >= len)
    return FALSE;

  return memcmp (body + offset - SEPARATOR_LEN, SEPARATOR, SEPARATOR_LEN) == 0 &&
         !g_ascii_isspace (body[offset]);
}

/**
 * ce_body_make_title:
 * @body: a document body
 *
 * Makes a title for a document split off by hand: its first heading
 * when it starts with one, otherwise its first sentence, shortened at a
 * word to at most 120 characters.
 *
 * Returns: (transfer full): the title, possibly empty
 */
char *
ce_body_make_title (const char *body)
{
  const char *text;
  const char *end;
  gsize len;

  g_return_val_if_fail (body != NULL, NULL);

  text = body;
  while (*text != 0 && g_ascii_isspace (*text))
    text++;

  end = strstr (text, SEPARATOR);
  len = end != NULL ? (gsize)(end - text) : strlen (text);
  while (len > 0 && g_ascii_isspace (text[len - 1]))
    len--;

  if (!g_str_has_prefix (text, CE_HEADING_MARK))
    return ce_text_make_title (text, len);

  text += strlen (CE_HEADING_MARK);
  len -= strlen (CE_HEADING_MARK);
  while (len > 0 && g_ascii_isspace (text[len - 1]))
    len--;

  return shorten (text, len);
}

/**
 * ce_text_count_words:
 *
 * Counts runs of letters and digits, the way the corpus tokenizer
 * splits text into tokens, except that each Chinese or Japanese
 * character counts as a word (see ce_unichar_is_cjk_word()): such text
 * has no spaces between its words.
 */
guint
ce_text_count_words (const char *text,
                     gssize      len)
{
  const char *p;
  const char *end;
  gboolean in_word = FALSE;
  guint n = 0;

  if (text == NULL)
    return 0;

  end = len < 0 ? text + strlen (text) : text + len;

  for (p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean word_char = c < 0x80 ? g_ascii_isalnum (c) : g_unichar_isalnum (c);

      if (c >= 0x1100 && ce_unichar_is_cjk_word (c))
        {
          n++;
          in_word = FALSE;
          continue;
        }

      if (word_char && !in_word)
        n++;
      in_word = word_char;
    }

  return n;
}

/**
 * ce_text_content_hash:
 *
 * Returns: 64 bits of SHA-256 over the title and the body: the
 *   documents.hash that imports and corrections compare
 */
gint64
ce_text_content_hash (const char *title,
                      const char *body)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  guint64 value = 0;

  if (title != NULL)
    g_checksum_update (checksum, (const guchar *)title, -1);
  g_checksum_update (checksum, (const guchar *)"", 1);
  g_checksum_update (checksum, (const guchar *)body, -1);
  g_checksum_get_digest (checksum, digest, &len);

  for (guint i = 0; i < 8; i++)
    value = (value << 8) | digest[i];

  return (gint64)value;
}

/**
 * ce_text_fold_value:
 * @value: a metadata value
 *
 * Folds case the way metadata values are compared (place:, source:,
 * section: and author: in the search language): Unicode normalisation
 * (NFKC), case folding, and no surrounding white space.  Accents are
 * kept: zurich is not Zürich.
 *
 * Returns: (transfer full): the folded text
 */
char *
ce_text_fold_value (const char *value)
{
  g_autofree char *valid = NULL;
  g_autofree char *normal = NULL;
  char *folded;

  g_return_val_if_fail (value != NULL, NULL);

  valid = g_utf8_make_valid (value, -1);
  normal = g_utf8_normalize (valid, -1, G_NORMALIZE_NFKC);
  folded = g_utf8_casefold (normal != NULL ? normal : valid, -1);

  return g_strstrip (folded);
}
