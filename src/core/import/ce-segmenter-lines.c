/* ce-segmenter-lines.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-segmenter"

#include "config.h"

#include <math.h>
#include <string.h>

#include "ce-segmenter-private.h"
#include "ce-text.h"

/* The segmenter, line by line: what a line is (its characters, words,
 * capitals and quotes), and the lines that end or start an article:
 * datelines, tag lines, separators, headlines, photo credits and closing
 * formulas. */

static const char *closing_formulas[] = {
  "story is being updated", "story has been updated", "story will be updated",
  "contributed reporting", "contributed to this report",
  "did not immediately respond", "didn't immediately respond",
  "didn’t immediately respond", "declined to comment",
  "could not be reached for comment",
};

static const char *photo_agencies[] = {
  "AFP", "Alamy", "AP", "Bloomberg", "EPA", "Getty Images", "PA", "Pool",
  "Reuters", "Shutterstock",
};

static gboolean
has_substring (const char *text,
               gsize       len,
               const char *needle)
{
  gsize n = strlen (needle);

  if (n == 0 || n > len)
    return n == 0;

  for (const char *p = text; (p = memchr (p, needle[0], len - (p - text) - n + 1)) != NULL; p++)
    {
      if (memcmp (p, needle, n) == 0)
        return TRUE;
      if ((gsize) (p - text) + n >= len)
        break;
    }

  return FALSE;
}

static guint
count_chars (const char *text,
             gsize       len)
{
  guint n = 0;

  for (gsize i = 0; i < len; i++)
    n += ((guchar) text[i] & 0xC0) != 0x80;

  return n;
}

guint
_ce_segmenter_count_words (const char *text,
                           gsize       len)
{
  guint n = 0;
  gboolean in_word = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      gboolean space = text[i] == ' ';

      if (!space && !in_word)
        n++;
      in_word = !space;
    }

  return n;
}

guint8 _ce_segmenter_ascii_class[128];

static void
init_ascii_class (void)
{
  for (int c = 0; c < 128; c++)
    _ce_segmenter_ascii_class[c] = (c >= 'a' && c <= 'z' ? C_LOWER : 0)
                     | (c >= 'A' && c <= 'Z' ? C_UPPER : 0)
                     | (c >= '0' && c <= '9' ? C_DIGIT : 0)
                     | (c == '"' ? C_DQUOTE : 0);
}

void
_ce_segmenter_ensure_ascii_class (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      init_ascii_class ();
      g_once_init_leave (&initialised, 1);
    }
}

void
_ce_segmenter_analyse_line (const char *line,
                            gsize       len,
                            LineInfo   *li)
{
  const char *p = line;
  const char *end = line + len;
  const char *space;
  guint n_digit = 0;

  memset (li, 0, sizeof *li);

  while (p < end && (*p == ' ' || *p == '\t'))
    {
      p++;
      li->indent++;
    }
  while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\v'))
    end--;

  li->text = p;
  li->len = end - p;
  li->chars = li->indent;

  space = memchr (p, ' ', end - p);
  li->first_word = count_chars (p, (space != NULL ? space : end) - p);

  while (p < end)
    {
      guchar c = *p;

      li->chars++;

      if (c < 0x80)
        {
          guint8 k = _ce_segmenter_ascii_class[c];

          /* Most bytes are lower-case letters or spaces */
          if (k & C_LOWER)
            li->n_lower++;
          else if (k & C_UPPER)
            li->n_upper++;
          else if (k & C_DIGIT)
            n_digit++;
          else if (k & C_DQUOTE)
            li->n_straight++;
          p++;
        }
      else
        {
          gunichar u = g_utf8_get_char (p);

          if (u == 0x201C)
            li->quote_delta++;
          else if (u == 0x201D)
            li->quote_delta--;
          else if (g_unichar_isupper (u))
            li->n_upper++;
          else if (g_unichar_islower (u))
            li->n_lower++;
          else if (g_unichar_isalnum (u))
            n_digit++;
          p = g_utf8_next_char (p);
        }
    }

  li->n_alnum = li->n_lower + li->n_upper + n_digit;
}

guint
_ce_segmenter_count_sentences (const char *text,
                               gsize       len)
{
  guint n = 0;
  gsize pos = 0;

  while (pos < len)
    {
      pos = ce_text_next_sentence_end (text, len, pos);
      n++;
      while (pos < len && text[pos] == ' ')
        pos++;
    }

  return n;
}

gboolean
_ce_segmenter_is_heading_line (const LineInfo *li)
{
  char last;

  if (li->n_lower > 0 || li->n_upper < 4 || li->chars > 100)
    return FALSE;

  last = li->text[li->len - 1];
  return last != ',' && last != ';';
}

gboolean
_ce_segmenter_is_separator_line (const LineInfo *li)
{
  const char *p = li->text;
  const char *end = li->text + li->len;
  guint n_marks = 0;

  if (li->n_alnum > 0)
    return FALSE;

  while (p < end)
    {
      if ((guchar) *p < 0x80)
        {
          if (strchr ("-=*_~#+", *p) != NULL && *p != '\0')
            n_marks++;
          else if (*p != ' ' && *p != '\t')
            return FALSE;
          p++;
        }
      else
        {
          gunichar u = g_utf8_get_char (p);

          /* dashes, bullets, asterisms, box drawing */
          if (u == 0x2013 || u == 0x2014 || u == 0x2015 || u == 0x2022 || u == 0x00B7
              || u == 0x2042 || u == 0x2043 || (u >= 0x2500 && u <= 0x257F))
            n_marks++;
          else
            return FALSE;
          p = g_utf8_next_char (p);
        }
    }

  return n_marks >= 3;
}

/* "Tag - Technology UK", "Tags: a, b" */
gboolean
_ce_segmenter_parse_tag_line (const LineInfo  *li,
                              const char     **value,
                              gsize           *value_len)
{
  static const char *prefixes[] = { "Tags", "Tag", "Topics", "Topic", "Keywords", "Filed under" };
  const char *s = li->text;
  const char *end = li->text + li->len;

  if (strchr ("TtKkFf", s[0]) == NULL || s[0] == '\0')
    return FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize n = strlen (prefixes[i]);
      const char *p;

      if (li->len <= n || g_ascii_strncasecmp (s, prefixes[i], n) != 0)
        continue;

      p = s + n;
      while (p < end && *p == ' ')
        p++;
      if (p < end && (*p == '-' || *p == ':'))
        p++;
      else if (end - p >= 3 && (memcmp (p, "–", 3) == 0 || memcmp (p, "—", 3) == 0))
        p += 3;
      else
        return FALSE;
      while (p < end && *p == ' ')
        p++;

      if (p == end || end - p > 120 || end[-1] == '.' || _ce_segmenter_count_words (p, end - p) > 12)
        return FALSE;

      *value = p;
      *value_len = end - p;
      return TRUE;
    }

  return FALSE;
}

/* Length of a dateline dash at p ("—", "–", "--" or "- "), or 0. */
static gsize
dash_at (const char *p,
         const char *end)
{
  if (end - p >= 3 && (memcmp (p, "—", 3) == 0 || memcmp (p, "–", 3) == 0))
    return 3;
  if (end - p >= 2 && p[0] == '-' && p[1] == '-')
    return 2;
  if (end - p >= 2 && p[0] == '-' && p[1] == ' ')
    return 1;
  return 0;
}

/* "LONDON — The …", "ABOARD THE PRIME MINISTER’S PLANE TO BEIJING — …",
 * "PARIS (Reuters) - …": an all-capitals place phrase at the start of the
 * line, then a dash.  The phrase needs a run of three capitals, which
 * keeps "U.K. — …" out. */
gboolean
_ce_segmenter_parse_dateline (const LineInfo *li,
                              gsize          *place_len,
                              gsize          *rest_start)
{
  const char *s = li->text;
  const char *end = li->text + li->len;
  const char *p = s;
  const char *place_end;
  guint run = 0;
  guint best_run = 0;
  gsize dash;
  gboolean lower = FALSE;

  while (p < end)
    {
      guchar c = *p;

      if (c >= 'A' && c <= 'Z')
        {
          run++;
          best_run = MAX (best_run, run);
          p++;
          continue;
        }

      run = 0;

      if (c == ' ')
        {
          if (p + 1 < end && dash_at (p + 1, end) > 0)
            break;
          p++;
        }
      else if (c == '.' || c == '\'' || c == ',' || c == '&')
        p++;
      else if (c == '-')
        {
          if (p + 1 < end && p[1] == '-')
            break;
          p++;
        }
      else if (c == '(')
        break;
      else if (c >= 0x80)
        {
          gunichar u = g_utf8_get_char (p);

          if (u == 0x2014 || u == 0x2013)
            break;
          if (u == 0x2019 || u == 0x2018)
            {
              p = g_utf8_next_char (p);
              continue;
            }
          if (!g_unichar_isupper (u))
            return FALSE;
          run++;
          best_run = MAX (best_run, run);
          p = g_utf8_next_char (p);
        }
      else
        return FALSE;
    }

  place_end = p;
  while (place_end > s && (place_end[-1] == ' ' || place_end[-1] == ','))
    place_end--;

  if (best_run < 3 || place_end - s > 80 || _ce_segmenter_count_words (s, place_end - s) > 10)
    return FALSE;

  while (p < end && *p == ' ')
    p++;

  /* A news agency: "(Reuters)" */
  if (p < end && *p == '(')
    {
      const char *close = memchr (p, ')', MIN (end - p, 40));

      if (close == NULL)
        return FALSE;
      p = close + 1;
      while (p < end && *p == ' ')
        p++;
    }

  dash = dash_at (p, end);
  if (dash == 0)
    return FALSE;
  /* A hyphen only counts with a space on each side */
  if (dash == 1 && (p == s || p[-1] != ' '))
    return FALSE;
  p += dash;
  while (p < end && *p == ' ')
    p++;

  if (p < end)
    {
      if (!ce_text_starts_sentence (p, end - p))
        return FALSE;

      /* An all-capitals line with a dash is a heading, not a dateline */
      for (const char *q = p; q < end && !lower; q++)
        lower = (*q >= 'a' && *q <= 'z');
      if (!lower)
        return FALSE;
    }

  *place_len = place_end - s;
  *rest_start = p - s;
  return TRUE;
}

/* " | Jessica Lee/EPA" at the end of a paragraph: a photo credit. */
gboolean
_ce_segmenter_find_photo_credit (const char *text,
                                 gsize       len,
                                 gsize      *bar)
{
  const char *tail;
  gsize tail_len;
  gsize i;

  if (len < 4 || memchr (text + len - MIN (len, 64), '|', MIN (len, 64)) == NULL)
    return FALSE;

  for (i = len - 3; i > 0 && len - i <= 64; i--)
    if (memcmp (text + i, " | ", 3) == 0)
      break;
  if (i == 0 || len - i > 64)
    return FALSE;

  tail = text + i + 3;
  tail_len = len - i - 3;
  if (tail_len == 0 || !ce_text_starts_sentence (tail, tail_len) || _ce_segmenter_count_words (tail, tail_len) > 6)
    return FALSE;

  *bar = i;

  if (memchr (tail, '/', tail_len) != NULL)
    return TRUE;
  if (g_str_has_prefix (tail, "Photo") || g_str_has_prefix (tail, "Image")
      || g_str_has_prefix (tail, "Credit"))
    return TRUE;
  for (gsize k = 0; k < G_N_ELEMENTS (photo_agencies); k++)
    {
      gsize n = strlen (photo_agencies[k]);

      if (tail_len >= n && memcmp (tail + tail_len - n, photo_agencies[k], n) == 0
          && (tail_len == n || tail[tail_len - n - 1] == ' '))
        return TRUE;
    }

  return FALSE;
}

gboolean
_ce_segmenter_looks_like_headline (const char *text,
                                   gsize       len,
                                   guint       n_lines)
{
  guint words;
  char last;
  gboolean lower = FALSE;

  if (n_lines != 1 || len == 0 || count_chars (text, len) > 100)
    return FALSE;

  words = _ce_segmenter_count_words (text, len);
  last = text[len - 1];
  if (words < 2 || words > 16 || strchr (".,;:", last) != NULL)
    return FALSE;
  if (len >= 3 && (memcmp (text + len - 3, "—", 3) == 0 || memcmp (text + len - 3, "–", 3) == 0))
    return FALSE;
  if (!ce_text_starts_sentence (text, len) || has_substring (text, len, " | "))
    return FALSE;

  for (gsize i = 0; i < len && !lower; i++)
    lower = (text[i] >= 'a' && text[i] <= 'z');

  return lower && ce_text_next_sentence_end (text, len, 0) == len;
}

gboolean
_ce_segmenter_is_closing_formula (const char *text,
                                  gsize       len)
{
  g_autofree char *lower = NULL;

  /* Every formula has one of these words; most paragraphs have none */
  if (!has_substring (text, len, "comment") && !has_substring (text, len, "updated")
      && !has_substring (text, len, "report") && !has_substring (text, len, "respond"))
    return FALSE;

  if (_ce_segmenter_count_words (text, len) > 30)
    return FALSE;

  lower = g_ascii_strdown (text, len);
  for (gsize i = 0; i < G_N_ELEMENTS (closing_formulas); i++)
    if (strstr (lower, closing_formulas[i]) != NULL)
      return TRUE;

  return FALSE;
}

void
_ce_segmenter_compute_width (CeSegmenter *self)
{
  guint prefix[HIST_SIZE + 1];
  guint best = 0;
  gint64 best_score = 0;

  prefix[0] = 0;
  for (guint i = 0; i < HIST_SIZE; i++)
    prefix[i + 1] = prefix[i] + self->hist[i];

  /* A wrapped text piles its lines up just below the width and has
   * (almost) none above it. */
  for (guint w = 8; w + 9 < HIST_SIZE; w++)
    {
      guint below = prefix[w + 1] - prefix[w - 4];
      guint above = prefix[w + 9] - prefix[w + 1];
      gint64 score;

      /* One line does not make a width */
      if (self->hist[w] == 0 || below < 2 || (guint64) below * 10 < self->n_measured
          || above * 10 > below)
        continue;

      score = (gint64) below - 3 * (gint64) above;
      if (score > best_score)
        {
          best_score = score;
          best = w;
        }
    }

  self->width = best > 0 ? best : UNWRAPPED;
  self->width_measured = self->n_measured;
}

/**
 * ce_segmenter_parse_dateline:
 * @text: the start of an article's first paragraph
 * @len: its length in bytes, or -1
 * @place: (out) (optional): the place as written, e.g. "LONDON"
 *
 * Tells whether @text starts with a dateline ("LONDON — "), by the same
 * rule the segmenter splits dumps with, so that structured formats whose
 * text keeps its dateline get the same place and body as a dump.
 *
 * Returns: the offset of the text after the dateline, or 0 when there is
 *   no dateline
 */
gsize
ce_segmenter_parse_dateline (const char  *text,
                             gssize       len,
                             char       **place)
{
  const char *eol;
  gsize place_len = 0;
  gsize rest_start = 0;
  LineInfo li;

  g_return_val_if_fail (text != NULL, 0);

  if (len < 0)
    len = strlen (text);

  /* A dateline is on the first line */
  eol = memchr (text, '\n', len);
  if (eol != NULL)
    len = eol - text;

  _ce_segmenter_ensure_ascii_class ();
  _ce_segmenter_analyse_line (text, len, &li);
  if (!_ce_segmenter_parse_dateline (&li, &place_len, &rest_start))
    return 0;

  if (place != NULL)
    *place = g_strndup (li.text, place_len);

  return (li.text - text) + rest_start;
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
