/* ce-segmenter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-segmenter"

#include "config.h"

#include <string.h>

#include "ce-segmenter.h"

/* How the segmenter reads a dump.
 *
 * Lines go through three stages as they arrive:
 *
 *  1. The wrap width is measured from a histogram of line lengths in
 *     characters.  Until CE_SEGMENTER_WARM_UP_LINES non-blank lines have
 *     been seen the lines are only stored, so that the first article is
 *     already read with a good estimate; afterwards the estimate is
 *     refreshed at every article boundary.
 *
 *  2. Each line either continues the open paragraph or starts a new one.
 *     A greedy wrapper only moves a word to the next line when it does not
 *     fit, so if the next line's first word would have fitted, the line
 *     ended its paragraph.  The converse does not hold: a paragraph whose
 *     last line is nearly full looks exactly like a sentence that goes on.
 *     Real dumps are full of those (most paragraphs of a news article are
 *     one or two sentences), so a line that ends a sentence, outside an
 *     open quotation, followed by a line that starts one, also ends its
 *     paragraph.  That may split a paragraph at a sentence boundary, but
 *     never glues two paragraphs together and never cuts a sentence.  Text
 *     wrapped by hand is not greedy, so a line that goes on in lower case
 *     or after a comma is joined even where the fit test says otherwise.
 *     Blank lines, indented first lines, list items and headings (lines
 *     in capitals, numbered or not) start paragraphs too.
 *
 *  3. Paragraphs are collected into the current article, which ends at a
 *     dateline, a trailing tag line, a separator line, or (in
 *     CE_SPLIT_AUTO) where a news lede follows what reads like the end of
 *     an article.  The article is then turned into a CeDraft.
 */

#define HIST_SIZE 1024
#define UNWRAPPED (G_MAXUINT / 4)
#define TITLE_MAX_CHARS 120

typedef enum
{
  PARA_TEXT,
  PARA_HEADING,
} ParaKind;

typedef struct
{
  gsize    sep;      /* start in body, including the "\n\n" before it */
  gsize    start;    /* first byte of its text (the heading mark included) */
  guint    line;
  guint64  offset;
  guint    n_lines;
  ParaKind kind;
} Para;

typedef struct
{
  gsize    start;
  gsize    len;
  guint    line;
  guint64  offset;
  gboolean form_feed;
} PendingLine;

typedef struct
{
  const char *text;        /* without leading and trailing white space */
  gsize       len;
  guint       indent;      /* leading white space, in characters */
  guint       chars;       /* characters as wrapped, indent included */
  guint       first_word;  /* characters of the first word */
  guint       n_upper;
  guint       n_lower;
  guint       n_alnum;
  int         quote_delta; /* “ minus ” */
  guint       n_straight;  /* '"' */
} LineInfo;

typedef enum
{
  SENT_NO,
  SENT_YES,
  SENT_INITIALS,  /* "U.K.", "p.m.": a sentence end only before a new sentence's usual first word */
} SentenceEnd;

struct _CeSegmenter
{
  CeSplitMode     mode;
  gboolean        reflow_only;
  GRegex         *regex;
  CeSegmenterFunc func;
  gpointer        user_data;
  gboolean        finished;

  /* Wrap width */
  guint           hist[HIST_SIZE];
  guint           n_measured;
  guint           width;
  guint           width_measured;  /* n_measured when width was computed */
  gboolean        warm;
  GString        *pending_text;
  GArray         *pending;        /* PendingLine */
  guint           pending_lines;

  /* Current article */
  GString        *body;
  GArray         *paras;          /* Para */
  char           *place;
  char           *headline;
  GPtrArray      *tags;
  gboolean        started;
  guint           line;
  guint64         offset;
  guint           n_text_paras;

  /* The open paragraph is the last of paras */
  gboolean        para_open;
  guint           last_chars;
  guint           last_indent;
  gboolean        para_is_item;   /* it starts with a list marker */
  int             quote_depth;
  gboolean        straight_open;
};

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

/* Words a news lede does not start with: connectives and pronouns point
 * back to something said before. */
static const char *continuation_words[] = {
  "after", "also", "although", "and", "as", "asked", "but", "even", "he",
  "her", "his", "however", "i", "instead", "it", "its", "likewise",
  "meanwhile", "or", "she", "so", "still", "that", "their", "then", "there",
  "these", "they", "this", "those", "though", "we", "while", "yet", "you",
};

static const char *closing_formulas[] = {
  "story is being updated", "story has been updated", "story will be updated",
  "contributed reporting", "contributed to this report",
  "did not immediately respond", "didn't immediately respond",
  "didn’t immediately respond", "declined to comment",
  "could not be reached for comment",
};

static const char *irregular_participles[] = {
  "become", "begun", "brought", "built", "come", "cut", "found", "held", "hit",
  "kept", "led", "left", "lost", "made", "met", "paid", "put", "run", "said",
  "sent", "set", "shut", "sold", "spent", "struck", "told", "won",
};

static const char *photo_agencies[] = {
  "AFP", "Alamy", "AP", "Bloomberg", "EPA", "Getty Images", "PA", "Pool",
  "Reuters", "Shutterstock",
};

static gboolean
word_in_list (const char  *word,
              gsize        len,
              const char **list,
              gsize        n_list,
              gboolean     ignore_case)
{
  for (gsize i = 0; i < n_list; i++)
    {
      if (strlen (list[i]) != len)
        continue;
      if (ignore_case ? g_ascii_strncasecmp (word, list[i], len) == 0
                      : memcmp (word, list[i], len) == 0)
        return TRUE;
    }

  return FALSE;
}

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

static gboolean
has_quote_marks (const char *text,
                 gsize       len)
{
  return memchr (text, '"', len) != NULL
         || has_substring (text, len, "“")
         || has_substring (text, len, "”");
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

static guint
count_words (const char *text,
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

enum
{
  C_LOWER  = 1 << 0,
  C_UPPER  = 1 << 1,
  C_DIGIT  = 1 << 2,
  C_DQUOTE = 1 << 3,
};

static guint8 ascii_class[128];

static void
init_ascii_class (void)
{
  for (int c = 0; c < 128; c++)
    ascii_class[c] = (c >= 'a' && c <= 'z' ? C_LOWER : 0)
                     | (c >= 'A' && c <= 'Z' ? C_UPPER : 0)
                     | (c >= '0' && c <= '9' ? C_DIGIT : 0)
                     | (c == '"' ? C_DQUOTE : 0);
}

static void
analyse_line (const char *line,
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
          guint8 k = ascii_class[c];

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

/* Length of the closing quotes and brackets at the end of text[0..len). */
static gsize
closers_before (const char *text,
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
static SentenceEnd
sentence_end_kind (const char *text,
                   gsize       len)
{
  gsize i = len - closers_before (text, len);
  gsize j;
  gsize tok_len;
  gboolean initials;

  if (i == 0)
    return SENT_NO;
  if (text[i - 1] == '!' || text[i - 1] == '?')
    return SENT_YES;
  if (text[i - 1] != '.')
    return SENT_NO;

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
    return SENT_YES;
  if (text[i - 1] == '.')
    return SENT_NO;   /* an ellipsis */

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
    return SENT_INITIALS;

  if (word_in_list (text + j, tok_len, abbreviations, G_N_ELEMENTS (abbreviations), TRUE))
    return SENT_NO;

  return SENT_YES;
}

static gsize
opening_quote_len (const char *text,
                   gsize       len)
{
  if (len >= 1 && strchr ("\"'(", text[0]) != NULL && text[0] != '\0')
    return 1;
  if (len >= 3 && (memcmp (text, "“", 3) == 0 || memcmp (text, "‘", 3) == 0))
    return 3;
  return 0;
}

static gboolean
starts_sentence (const char *text,
                 gsize       len)
{
  gsize q = opening_quote_len (text, len);
  gunichar u;

  if (q >= len)
    return FALSE;
  if (g_ascii_isdigit (text[q]))
    return TRUE;
  u = g_utf8_get_char (text + q);
  return g_unichar_isupper (u) || g_unichar_istitle (u);
}

static gboolean
starts_with_opener (const char *text,
                    gsize       len)
{
  gsize q = opening_quote_len (text, len);
  gsize e = q;

  if (q > 0)
    return starts_sentence (text, len);
  while (e < len && text[e] != ' ' && text[e] != ',')
    e++;
  return word_in_list (text, e, sentence_openers, G_N_ELEMENTS (sentence_openers), FALSE);
}

/* Index just after the first sentence of text[from..len), or len. */
static gsize
next_sentence_end (const char *text,
                   gsize       len,
                   gsize       from)
{
  for (gsize i = from; i < len; i++)
    {
      gsize e;
      SentenceEnd kind;

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

      kind = sentence_end_kind (text, e);
      if (kind == SENT_YES && starts_sentence (text + e + 1, len - e - 1))
        return e;
      if (kind == SENT_INITIALS && starts_with_opener (text + e + 1, len - e - 1))
        return e;
    }

  return len;
}

static guint
count_sentences (const char *text,
                 gsize       len)
{
  guint n = 0;
  gsize pos = 0;

  while (pos < len)
    {
      pos = next_sentence_end (text, len, pos);
      n++;
      while (pos < len && text[pos] == ' ')
        pos++;
    }

  return n;
}

static gboolean
is_heading_line (const LineInfo *li)
{
  char last;

  if (li->n_lower > 0 || li->n_upper < 4 || li->chars > 100)
    return FALSE;

  last = li->text[li->len - 1];
  return last != ',' && last != ';';
}

static gboolean
is_separator_line (const LineInfo *li)
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
static gboolean
parse_tag_line (const LineInfo  *li,
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

      if (p == end || end - p > 120 || end[-1] == '.' || count_words (p, end - p) > 12)
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
static gboolean
parse_dateline (const LineInfo *li,
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

  if (best_run < 3 || place_end - s > 80 || count_words (s, place_end - s) > 10)
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
      if (!starts_sentence (p, end - p))
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
static gboolean
find_photo_credit (const char *text,
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
  if (tail_len == 0 || !starts_sentence (tail, tail_len) || count_words (tail, tail_len) > 6)
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

static gboolean
looks_like_headline (const char *text,
                     gsize       len,
                     guint       n_lines)
{
  guint words;
  char last;
  gboolean lower = FALSE;

  if (n_lines != 1 || len == 0 || count_chars (text, len) > 100)
    return FALSE;

  words = count_words (text, len);
  last = text[len - 1];
  if (words < 2 || words > 16 || strchr (".,;:", last) != NULL)
    return FALSE;
  if (len >= 3 && (memcmp (text + len - 3, "—", 3) == 0 || memcmp (text + len - 3, "–", 3) == 0))
    return FALSE;
  if (!starts_sentence (text, len) || has_substring (text, len, " | "))
    return FALSE;

  for (gsize i = 0; i < len && !lower; i++)
    lower = (text[i] >= 'a' && text[i] <= 'z');

  return lower && next_sentence_end (text, len, 0) == len;
}

static gboolean
looks_like_participle (const char *word,
                       gsize       len)
{
  static const char *endings[] = { "ed", "en", "wn", "ght" };

  for (gsize i = 0; i < G_N_ELEMENTS (endings); i++)
    {
      gsize n = strlen (endings[i]);

      if (len > n + 1 && memcmp (word + len - n, endings[i], n) == 0)
        return TRUE;
    }

  return word_in_list (word, len, irregular_participles, G_N_ELEMENTS (irregular_participles), FALSE);
}

/* "The U.K. and China have announced a new …": the main verb in the
 * present perfect early in the sentence, as news ledes put it. */
static gboolean
has_early_perfect (const char *text,
                   gsize       len)
{
  const char *p = text;
  const char *end = text + len;
  gboolean after_have = FALSE;

  for (guint n = 0; n < 12 && p < end; n++)
    {
      const char *w = p;
      gsize wl;

      while (p < end && *p != ' ')
        p++;
      wl = p - w;
      while (wl > 0 && strchr (",;:", w[wl - 1]) != NULL)
        wl--;

      if (after_have)
        return looks_like_participle (w, wl);
      after_have = (wl == 3 && memcmp (w, "has", 3) == 0) || (wl == 4 && memcmp (w, "have", 4) == 0);

      while (p < end && *p == ' ')
        p++;
    }

  return FALSE;
}

/* A one-sentence paragraph without quotes that does not lean on what came
 * before: the shape of the first paragraph of a news article. */
static gboolean
looks_like_lede (const char *text,
                 gsize       len)
{
  gsize e = 0;
  gunichar u;

  if (len == 0)
    return FALSE;

  u = g_utf8_get_char (text);
  if (!g_unichar_isupper (u))
    return FALSE;

  while (e < len && text[e] != ' ' && text[e] != ',')
    e++;
  if (word_in_list (text, e, continuation_words, G_N_ELEMENTS (continuation_words), TRUE))
    return FALSE;

  if (has_quote_marks (text, len) || count_words (text, len) < 15)
    return FALSE;

  return next_sentence_end (text, len, 0) == len;
}

static gboolean
is_closing_formula (const char *text,
                    gsize       len)
{
  g_autofree char *lower = NULL;

  /* Every formula has one of these words; most paragraphs have none */
  if (!has_substring (text, len, "comment") && !has_substring (text, len, "updated")
      && !has_substring (text, len, "report") && !has_substring (text, len, "respond"))
    return FALSE;

  if (count_words (text, len) > 30)
    return FALSE;

  lower = g_ascii_strdown (text, len);
  for (gsize i = 0; i < G_N_ELEMENTS (closing_formulas); i++)
    if (strstr (lower, closing_formulas[i]) != NULL)
      return TRUE;

  return FALSE;
}

static gboolean
ends_with_closing_quote (const char *text,
                         gsize       len)
{
  return (len >= 3 && memcmp (text + len - 3, "”", 3) == 0)
         || (len >= 1 && text[len - 1] == '"');
}

static char *
make_title (const char *text,
            gsize       len)
{
  gsize end = next_sentence_end (text, len, 0);
  const char *cut;
  GString *title;

  while (end > 0 && text[end - 1] == ' ')
    end--;

  if (count_chars (text, end) <= TITLE_MAX_CHARS)
    return g_strndup (text, end);

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

static void
compute_width (CeSegmenter *self)
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

static Para *
last_para (CeSegmenter *self)
{
  if (self->paras->len == 0)
    return NULL;
  return &g_array_index (self->paras, Para, self->paras->len - 1);
}

static gsize
para_end (CeSegmenter *self,
          guint        index)
{
  if (index + 1 < self->paras->len)
    return g_array_index (self->paras, Para, index + 1).sep;
  return self->body->len;
}

static void
add_para (CeSegmenter *self,
          ParaKind     kind,
          guint        line,
          guint64      offset)
{
  Para para = { 0, };

  if (!self->started)
    {
      self->started = TRUE;
      self->line = line;
      self->offset = offset;
    }

  para.sep = self->body->len;
  if (self->paras->len > 0)
    g_string_append (self->body, "\n\n");
  if (kind == PARA_HEADING)
    g_string_append (self->body, CE_HEADING_MARK);
  para.start = self->body->len;
  para.line = line;
  para.offset = offset;
  para.kind = kind;
  g_array_append_val (self->paras, para);
}

static void
drop_last_para (CeSegmenter *self)
{
  Para *p = last_para (self);

  g_string_truncate (self->body, p->sep);
  if (p->kind == PARA_TEXT)
    self->n_text_paras--;
  g_array_set_size (self->paras, self->paras->len - 1);
  if (self->paras->len == 0 && self->place == NULL && self->headline == NULL)
    self->started = FALSE;
}

static void
reset_article (CeSegmenter *self)
{
  g_string_truncate (self->body, 0);
  g_array_set_size (self->paras, 0);
  g_clear_pointer (&self->place, g_free);
  g_clear_pointer (&self->headline, g_free);
  g_ptr_array_set_size (self->tags, 0);
  self->started = FALSE;
  self->n_text_paras = 0;
  self->para_open = FALSE;
}

static void
emit_article (CeSegmenter *self)
{
  CeDraft *draft;
  Para *first;
  gsize body_start = 0;

  if (self->paras->len == 0)
    {
      reset_article (self);
      return;
    }

  draft = ce_draft_new ();
  first = &g_array_index (self->paras, Para, 0);

  if (self->headline != NULL)
    draft->title = g_steal_pointer (&self->headline);
  else if (!self->reflow_only && self->mode != CE_SPLIT_LINES && self->place == NULL
           && self->paras->len > 1 && first->kind == PARA_TEXT
           && looks_like_headline (self->body->str + first->start,
                                   para_end (self, 0) - first->start, first->n_lines))
    {
      draft->title = g_strndup (self->body->str + first->start, para_end (self, 0) - first->start);
      body_start = g_array_index (self->paras, Para, 1).start;
      if (g_array_index (self->paras, Para, 1).kind == PARA_HEADING)
        body_start -= strlen (CE_HEADING_MARK);
    }

  if (draft->title == NULL)
    {
      for (guint i = 0; i < self->paras->len && draft->title == NULL; i++)
        {
          Para *p = &g_array_index (self->paras, Para, i);

          if (p->kind == PARA_TEXT && para_end (self, i) > p->start)
            draft->title = make_title (self->body->str + p->start, para_end (self, i) - p->start);
        }
      if (draft->title == NULL)
        draft->title = make_title (self->body->str + first->start, para_end (self, 0) - first->start);
    }

  draft->place = g_steal_pointer (&self->place);
  draft->body = g_strndup (self->body->str + body_start, self->body->len - body_start);
  draft->line = self->line;
  draft->offset = self->offset;

  for (guint i = 0; i < self->tags->len; i++)
    ce_draft_add_meta (draft, "tag", g_ptr_array_index (self->tags, i));

  reset_article (self);
  /* Refresh the estimate between articles, but not for every one-line
   * document of CE_SPLIT_LINES */
  if (self->warm && self->n_measured - self->width_measured >= 256)
    compute_width (self);

  self->func (draft, self->user_data);
}

static void close_para (CeSegmenter *self);

static void
end_article (CeSegmenter *self)
{
  close_para (self);
  emit_article (self);
}

/* A new article starts with the paragraph just closed (CE_SPLIT_AUTO). */
static gboolean
lede_follows_ending (CeSegmenter *self)
{
  Para *p;
  Para *q;
  gsize p_len;
  gsize q_len;
  const char *p_text;
  const char *q_text;

  if (self->mode != CE_SPLIT_AUTO || self->reflow_only || self->paras->len < 2
      || self->n_text_paras < 5)
    return FALSE;

  p = last_para (self);
  q = p - 1;
  if (p->kind != PARA_TEXT || q->kind != PARA_TEXT)
    return FALSE;

  p_text = self->body->str + p->start;
  p_len = self->body->len - p->start;
  q_text = self->body->str + q->start;
  q_len = p->sep - q->start;

  /* Cheap tests first: this runs for every paragraph */
  if (!(ends_with_closing_quote (q_text, q_len) && has_early_perfect (p_text, p_len))
      && !(q_len < 300 && is_closing_formula (q_text, q_len)))
    return FALSE;

  return looks_like_lede (p_text, p_len);
}

static void
close_para (CeSegmenter *self)
{
  Para *p;
  gsize bar;

  if (!self->para_open)
    return;

  self->para_open = FALSE;
  p = last_para (self);

  if (p->start == self->body->len)
    {
      drop_last_para (self);
      return;
    }

  if (p->kind != PARA_TEXT || self->reflow_only)
    return;

  /* A photo caption repeats a sentence of the article and ends in the
   * credit: drop it, or only its last sentence when the paragraph is too
   * long to be a caption alone. */
  if (find_photo_credit (self->body->str + p->start, self->body->len - p->start, &bar))
    {
      const char *text = self->body->str + p->start;

      if (count_sentences (text, bar) <= 2)
        {
          drop_last_para (self);
          return;
        }
      else
        {
          gsize last = 0;
          gsize pos = 0;

          while (pos < bar)
            {
              gsize e = next_sentence_end (text, bar, pos);

              if (e >= bar)
                break;
              last = e;
              pos = e + 1;
            }
          g_string_truncate (self->body, p->start + last);
        }
    }

  if (lede_follows_ending (self))
    {
      g_autofree char *text = g_strdup (self->body->str + p->start);
      guint line = p->line;
      guint64 offset = p->offset;
      guint n_lines = p->n_lines;

      drop_last_para (self);
      emit_article (self);
      add_para (self, PARA_TEXT, line, offset);
      g_string_append (self->body, text);
      last_para (self)->n_lines = n_lines;
    }

  self->n_text_paras++;
}

static gboolean
quote_open (CeSegmenter *self)
{
  return self->quote_depth > 0 || self->straight_open;
}

static void
track_quotes (CeSegmenter    *self,
              const LineInfo *li)
{
  self->quote_depth = MAX (0, self->quote_depth + li->quote_delta);
  if (li->n_straight % 2 == 1)
    self->straight_open = !self->straight_open;
}

/* "• ", "* ", "- ", "1. ", "12) " at the start of a line: the length of
 * the marker, or 0.  *bullet tells the first two, which prose never
 * starts a line with, from the others. */
static gsize
list_marker_len (const LineInfo *li,
                 gboolean       *bullet)
{
  const char *t = li->text;
  gsize i = 0;

  *bullet = FALSE;
  if (li->len > 4 && memcmp (t, "• ", 4) == 0)
    {
      *bullet = TRUE;
      return 4;
    }
  if (li->len > 2 && t[0] == '*' && t[1] == ' ')
    {
      *bullet = TRUE;
      return 2;
    }
  if (li->len > 2 && t[0] == '-' && t[1] == ' ')
    return 2;

  while (i < li->len && i < 3 && g_ascii_isdigit (t[i]))
    i++;
  if (i > 0 && i + 1 < li->len && (t[i] == '.' || t[i] == ')') && t[i + 1] == ' ')
    return i + 2;

  return 0;
}

static gboolean
starts_lower (const char *text,
              gsize       len)
{
  return len > 0 && g_unichar_islower (g_utf8_get_char (text));
}

static gboolean
line_breaks_paragraph (CeSegmenter    *self,
                       const LineInfo *li)
{
  Para *p;
  const char *text;
  gsize len;
  SentenceEnd kind;
  gboolean bullet;
  char last;

  if (!self->para_open)
    return TRUE;

  p = last_para (self);
  if (p->kind == PARA_HEADING)
    return TRUE;
  if (p->start == self->body->len)
    return FALSE;

  text = self->body->str + p->start;
  len = self->body->len - p->start;
  kind = sentence_end_kind (text, len);
  last = text[len - 1 - closers_before (text, len)];

  /* A list item starts a paragraph; "2. " or "- " only where a sentence
   * could not go on ("rose to" + "30. The …") */
  if (list_marker_len (li, &bullet) > 0
      && (bullet || self->para_is_item || kind != SENT_NO || last == ':' || last == ';'))
    return TRUE;

  /* An indented first line starts a paragraph, unless it is the hanging
   * indent of a list item */
  if (li->indent > self->last_indent && !self->para_is_item)
    return TRUE;

  /* A photo credit closes its caption */
  if (!self->reflow_only)
    {
      gsize bar;

      if (find_photo_credit (text, len, &bar))
        return TRUE;
    }

  /* The first word would have fitted on the previous line.  Text wrapped
   * by hand is not always greedy, so a line that goes on mid-sentence, in
   * lower case or after a comma, is joined all the same. */
  if ((guint64) self->last_chars + 1 + li->first_word <= self->width
      && last != ','
      && (kind != SENT_NO || !starts_lower (li->text, li->len)))
    return TRUE;

  if (kind == SENT_YES)
    {
      if (quote_open (self) && opening_quote_len (li->text, li->len) == 0)
        return FALSE;
      return starts_sentence (li->text, li->len);
    }
  if (kind == SENT_INITIALS)
    return !quote_open (self) && starts_with_opener (li->text, li->len);

  return FALSE;
}

static void
start_para (CeSegmenter    *self,
            ParaKind        kind,
            const LineInfo *li,
            guint           line,
            guint64         offset)
{
  gboolean bullet;

  close_para (self);
  add_para (self, kind, line, offset);
  self->para_open = TRUE;
  self->quote_depth = 0;
  self->straight_open = FALSE;
  self->para_is_item = kind == PARA_TEXT && list_marker_len (li, &bullet) > 0;
  last_para (self)->n_lines = 0;
}

static void
append_line (CeSegmenter    *self,
             const LineInfo *li,
             const char     *text,
             gsize           len)
{
  Para *p = last_para (self);
  GString *body = self->body;

  if (body->len > p->start && len > 0)
    {
      /* "state-" + "sponsored": a wrapper broke after a hyphen */
      gboolean hyphen = body->len - p->start >= 2 && body->str[body->len - 1] == '-'
                        && g_ascii_isalpha (body->str[body->len - 2]) && g_ascii_isalpha (text[0]);

      if (!hyphen)
        g_string_append_c (body, ' ');
    }
  g_string_append_len (body, text, len);

  p->n_lines++;
  self->last_chars = li->chars;
  self->last_indent = li->indent;
  track_quotes (self, li);
}

/* Whether the open paragraph ends in the middle of a phrase, so that a
 * capitalised line after it cannot be a dateline. */
static gboolean
para_ends_mid_phrase (CeSegmenter *self)
{
  Para *p = last_para (self);
  char last;

  if (!self->para_open || p->kind != PARA_TEXT || self->body->len == p->start)
    return FALSE;

  last = self->body->str[self->body->len - 1];
  return strchr (",;:(-", last) != NULL || quote_open (self);
}

static void
start_dateline_article (CeSegmenter    *self,
                        const LineInfo *li,
                        gsize           place_len,
                        gsize           rest_start,
                        guint           line,
                        guint64         offset)
{
  char *headline = NULL;
  guint head_line = line;
  guint64 head_offset = offset;

  close_para (self);

  /* A short line just before the dateline is the headline */
  if (self->paras->len > 0)
    {
      Para *p = last_para (self);
      const char *text = self->body->str + p->start;
      gsize len = self->body->len - p->start;

      if (p->kind == PARA_TEXT && looks_like_headline (text, len, p->n_lines))
        {
          headline = g_strndup (text, len);
          head_line = p->line;
          head_offset = p->offset;
          drop_last_para (self);
        }
    }

  emit_article (self);

  self->headline = headline;
  self->place = g_strndup (li->text, place_len);
  self->started = TRUE;
  self->line = head_line;
  self->offset = head_offset;

  start_para (self, PARA_TEXT, li, line, offset);
  append_line (self, li, li->text + rest_start, li->len - rest_start);
}

static void
process_form_feed (CeSegmenter *self)
{
  if (self->mode == CE_SPLIT_AUTO && !self->reflow_only)
    end_article (self);
  else
    close_para (self);
}

static void
process_line (CeSegmenter    *self,
              const LineInfo *li,
              const char     *raw,
              gsize           raw_len,
              guint           line,
              guint64         offset)
{
  const char *tag;
  gsize tag_len;
  gsize place_len;
  gsize rest_start;
  gboolean special = !self->reflow_only;

  if (li->len == 0)
    {
      if (self->mode == CE_SPLIT_BLANK)
        end_article (self);
      else
        close_para (self);
      return;
    }

  if (self->mode == CE_SPLIT_LINES)
    {
      end_article (self);
      if (li->n_alnum == 0)
        return;
      if (parse_dateline (li, &place_len, &rest_start) && rest_start < li->len)
        {
          self->place = g_strndup (li->text, place_len);
          start_para (self, PARA_TEXT, li, line, offset);
          append_line (self, li, li->text + rest_start, li->len - rest_start);
        }
      else
        {
          start_para (self, PARA_TEXT, li, line, offset);
          append_line (self, li, li->text, li->len);
        }
      end_article (self);
      return;
    }

  if (self->mode == CE_SPLIT_REGEX)
    {
      g_autoptr(GMatchInfo) match = NULL;

      if (g_regex_match_full (self->regex, raw, raw_len, 0, 0, &match, NULL))
        {
          int start = 0;
          int stop = 0;

          end_article (self);

          /* A line that is nothing but the marker ("=== 12 ===", "* * *")
           * carries no text; "ARTICLE: The text…" does */
          g_match_info_fetch_pos (match, 0, &start, &stop);
          if (li->n_alnum == 0
              || ((gsize) start <= (gsize) (li->text - raw)
                  && (gsize) stop >= (gsize) (li->text - raw) + li->len))
            return;
        }
    }

  if (special && is_separator_line (li))
    {
      process_form_feed (self);
      return;
    }

  if (special && parse_tag_line (li, &tag, &tag_len))
    {
      g_auto(GStrv) parts = NULL;
      g_autofree char *value = g_strndup (tag, tag_len);

      close_para (self);
      parts = g_strsplit_set (value, ",;|", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_strstrip (parts[i]);
          if (parts[i][0] != '\0')
            g_ptr_array_add (self->tags, g_strdup (parts[i]));
        }
      if (self->mode == CE_SPLIT_AUTO)
        end_article (self);
      return;
    }

  if (special && (((guchar) li->text[0] & 0x80) != 0 || g_ascii_isupper (li->text[0]))
      && parse_dateline (li, &place_len, &rest_start))
    {
      gboolean splits = self->mode == CE_SPLIT_AUTO || self->mode == CE_SPLIT_DATELINE;

      if (self->paras->len == 0 && self->place == NULL)
        {
          start_dateline_article (self, li, place_len, rest_start, line, offset);
          return;
        }
      if (splits && !para_ends_mid_phrase (self))
        {
          start_dateline_article (self, li, place_len, rest_start, line, offset);
          return;
        }
    }

  if (is_heading_line (li) && line_breaks_paragraph (self, li))
    {
      start_para (self, PARA_HEADING, li, line, offset);
      append_line (self, li, li->text, li->len);
      close_para (self);
      return;
    }

  if (line_breaks_paragraph (self, li))
    start_para (self, PARA_TEXT, li, line, offset);
  append_line (self, li, li->text, li->len);
}

static void
replay_pending (CeSegmenter *self)
{
  compute_width (self);
  self->warm = TRUE;

  for (guint i = 0; i < self->pending->len; i++)
    {
      PendingLine *pl = &g_array_index (self->pending, PendingLine, i);
      LineInfo li;

      if (pl->form_feed)
        {
          process_form_feed (self);
          continue;
        }

      analyse_line (self->pending_text->str + pl->start, pl->len, &li);
      process_line (self, &li, self->pending_text->str + pl->start, pl->len, pl->line, pl->offset);
    }

  g_array_set_size (self->pending, 0);
  g_string_free (self->pending_text, TRUE);
  self->pending_text = NULL;
}

static void
feed_line (CeSegmenter *self,
           const char  *text,
           gsize        len,
           guint        line,
           guint64      offset)
{
  LineInfo li;

  analyse_line (text, len, &li);
  if (li.len > 0)
    {
      self->hist[MIN (li.chars, HIST_SIZE - 1)]++;
      self->n_measured++;
    }

  if (self->warm)
    {
      process_line (self, &li, text, len, line, offset);
      return;
    }

  {
    PendingLine pl = { self->pending_text->len, len, line, offset, FALSE };

    g_string_append_len (self->pending_text, text, len);
    g_array_append_val (self->pending, pl);
    if (li.len > 0)
      self->pending_lines++;
  }

  if (self->pending_lines >= CE_SEGMENTER_WARM_UP_LINES || self->pending_text->len >= 4 * 1024 * 1024)
    replay_pending (self);
}

static void
feed_form_feed (CeSegmenter *self)
{
  if (self->warm)
    process_form_feed (self);
  else
    {
      PendingLine pl = { 0, 0, 0, 0, TRUE };

      g_array_append_val (self->pending, pl);
    }
}

static CeSegmenter *
segmenter_new (CeSplitMode      mode,
               GRegex          *regex,
               CeSegmenterFunc  func,
               gpointer         user_data)
{
  static gsize initialised = 0;
  CeSegmenter *self = g_new0 (CeSegmenter, 1);

  if (g_once_init_enter (&initialised))
    {
      init_ascii_class ();
      g_once_init_leave (&initialised, 1);
    }

  self->mode = mode;
  self->regex = regex;
  self->func = func;
  self->user_data = user_data;
  self->width = UNWRAPPED;
  self->pending_text = g_string_new (NULL);
  self->pending = g_array_new (FALSE, FALSE, sizeof (PendingLine));
  self->body = g_string_sized_new (4096);
  self->paras = g_array_new (FALSE, FALSE, sizeof (Para));
  self->tags = g_ptr_array_new_with_free_func (g_free);

  return self;
}

/**
 * ce_segmenter_new:
 * @mode: how to find article boundaries
 * @regex: (nullable): for %CE_SPLIT_REGEX, a line matching it starts an article
 * @func: called with every article, which it then owns
 * @user_data: passed to @func
 * @error: set when @regex does not compile or is missing
 *
 * Returns: (transfer full) (nullable): a new segmenter
 */
CeSegmenter *
ce_segmenter_new (CeSplitMode       mode,
                  const char       *regex,
                  CeSegmenterFunc   func,
                  gpointer          user_data,
                  GError          **error)
{
  GRegex *compiled = NULL;

  g_return_val_if_fail (func != NULL, NULL);
  g_return_val_if_fail (mode <= CE_SPLIT_REGEX, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (mode == CE_SPLIT_REGEX)
    {
      if (regex == NULL || regex[0] == '\0')
        {
          g_set_error_literal (error, G_REGEX_ERROR, G_REGEX_ERROR_COMPILE,
                               "Splitting at a pattern needs a regular expression");
          return NULL;
        }

      compiled = g_regex_new (regex, G_REGEX_OPTIMIZE, 0, error);
      if (compiled == NULL)
        return NULL;
    }

  return segmenter_new (mode, compiled, func, user_data);
}

/**
 * ce_segmenter_add_line:
 * @self: a segmenter
 * @line: the line, without its newline; UTF-8
 * @len: its length in bytes
 * @line_number: 1-based
 * @offset: byte offset of the line start in the file
 *
 * Feeds one line.  Invalid UTF-8 is repaired and form feeds end an
 * article (in %CE_SPLIT_AUTO) or a paragraph.
 */
void
ce_segmenter_add_line (CeSegmenter *self,
                       const char  *line,
                       gsize        len,
                       guint        line_number,
                       guint64      offset)
{
  g_autofree char *repaired = NULL;
  const char *ff;

  g_return_if_fail (self != NULL);
  g_return_if_fail (line != NULL || len == 0);
  g_return_if_fail (!self->finished);

  if (len == 0)
    line = "";

  if (!g_utf8_validate_len (line, len, NULL))
    {
      repaired = g_utf8_make_valid (line, len);
      /* g_utf8_make_valid() keeps NUL bytes */
      for (gsize i = 0; i < len; i++)
        if (repaired[i] == '\0')
          repaired[i] = ' ';
      len = strlen (repaired);
      line = repaired;
    }

  while ((ff = memchr (line, '\f', len)) != NULL)
    {
      gsize before = ff - line;

      if (before > 0)
        feed_line (self, line, before, line_number, offset);
      feed_form_feed (self);
      line = ff + 1;
      len -= before + 1;
      offset += before + 1;
    }

  feed_line (self, line, len, line_number, offset);
}

/**
 * ce_segmenter_finish:
 * @self: a segmenter
 *
 * Emits the last article.  No line may be added afterwards.
 */
void
ce_segmenter_finish (CeSegmenter *self)
{
  g_return_if_fail (self != NULL);

  if (self->finished)
    return;

  if (!self->warm)
    replay_pending (self);
  end_article (self);
  self->finished = TRUE;
}

void
ce_segmenter_free (CeSegmenter *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->regex, g_regex_unref);
  if (self->pending_text != NULL)
    g_string_free (self->pending_text, TRUE);
  g_array_unref (self->pending);
  g_string_free (self->body, TRUE);
  g_array_unref (self->paras);
  g_free (self->place);
  g_free (self->headline);
  g_ptr_array_unref (self->tags);
  g_free (self);
}

guint
ce_segmenter_get_width (CeSegmenter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (!self->warm)
    compute_width (self);
  return self->width == UNWRAPPED ? 0 : self->width;
}

static void
feed_text (CeSegmenter *self,
           const char  *text,
           gsize        len)
{
  const char *p = text;
  const char *end = text + len;
  guint line_number = 1;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl != NULL ? nl : end;
      gsize line_len = line_end - p;

      if (line_len > 0 && p[line_len - 1] == '\r')
        line_len--;

      ce_segmenter_add_line (self, p, line_len, line_number++, p - text);

      if (nl == NULL)
        break;
      p = nl + 1;
    }

  ce_segmenter_finish (self);
}

static void
collect_draft_cb (CeDraft  *draft,
                  gpointer  user_data)
{
  g_ptr_array_add (user_data, draft);
}

/**
 * ce_segmenter_split_text:
 * @text: a whole dump
 * @len: its length, or -1 when NUL-terminated
 * @mode: how to find article boundaries
 * @regex: (nullable): for %CE_SPLIT_REGEX
 * @error: set when @regex is invalid
 *
 * Returns: (transfer full) (element-type CeDraft): the articles, in order
 */
GPtrArray *
ce_segmenter_split_text (const char   *text,
                         gssize        len,
                         CeSplitMode   mode,
                         const char   *regex,
                         GError      **error)
{
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(CeSegmenter) self = NULL;

  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) ce_draft_free);
  self = ce_segmenter_new (mode, regex, collect_draft_cb, drafts, error);
  if (self == NULL)
    return NULL;

  feed_text (self, text != NULL ? text : "", len < 0 ? strlen (text) : (gsize) len);

  return g_steal_pointer (&drafts);
}

static void
keep_body_cb (CeDraft  *draft,
              gpointer  user_data)
{
  GString *out = user_data;

  if (out->len > 0 && draft->body[0] != '\0')
    g_string_append (out, "\n\n");
  g_string_append (out, draft->body);
  ce_draft_free (draft);
}

/**
 * ce_segmenter_reflow:
 * @text: one document's text, possibly hard-wrapped
 * @len: its length, or -1 when NUL-terminated
 *
 * Joins wrapped lines into paragraphs and marks headings, without looking
 * for datelines, tags, captions or article boundaries.
 *
 * Returns: (transfer full): a body as ce-draft.h describes it
 */
char *
ce_segmenter_reflow (const char *text,
                     gssize      len)
{
  GString *out = g_string_new (NULL);
  g_autoptr(CeSegmenter) self = NULL;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  self = segmenter_new (CE_SPLIT_NONE, NULL, keep_body_cb, out);
  self->reflow_only = TRUE;
  feed_text (self, text != NULL ? text : "", len < 0 ? strlen (text) : (gsize) len);

  return g_string_free (out, FALSE);
}
