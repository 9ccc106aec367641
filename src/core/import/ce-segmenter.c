/* ce-segmenter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-segmenter"

#include "config.h"

#include <math.h>
#include <string.h>

#include "ce-segmenter.h"
#include "ce-text.h"

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
 *     CE_SPLIT_AUTO) where the subject changes: see "Change of subject"
 *     below.  The article is then turned into a CeDraft.
 */

#define HIST_SIZE 1024
#define UNWRAPPED (G_MAXUINT / 4)
#define TITLE_MAX_CHARS 120

typedef enum
{
  PARA_TEXT,
  PARA_HEADING,
} ParaKind;

/* Paragraphs scored for a change of subject look this many paragraphs back */
#define SUBJECT_SPAN 8

enum
{
  PF_LEDE_SHAPE = 1 << 0,  /* starts as a lede can */
  PF_SAID       = 1 << 1,  /* "said", "says" or "told" */
  PF_LAST_SAID  = 1 << 2,  /* "said" or "says" in its last sentence */
  PF_QUOTE      = 1 << 3,
};

typedef struct
{
  gsize    sep;      /* start in body, including the "\n\n" before it */
  gsize    start;    /* first byte of its text (the heading mark included) */
  guint    line;
  guint64  offset;
  guint    n_lines;
  ParaKind kind;

  /* For the change of subject, set when it is closed: its word hashes
   * start at hashes in the article's pool, content words (sorted),
   * capitalised words, words of names, last words of names, "the x". */
  guint    hashes;
  guint16  n_content;
  guint16  n_caps;
  guint16  n_parts;
  guint16  n_names;
  guint16  n_anaphors;
  guint8   sentences;
  guint8   flags;
  gboolean scored;
  double   score;
  guint    words;
  guint    words_before;       /* in the article */
  double   dots[SUBJECT_SPAN]; /* with the content of the paragraphs before */
  guint8   dots_known;         /* which of them are computed */
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

typedef struct
{
  guint32 *slots;
  guint    size;
  guint    count;
} HashSet;

typedef struct
{
  guint32 *v;      /* SUBJECT_MAX_HASHES of them */
  guint    n;
} HashList;

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

  /* Change of subject: the word hashes of the article's paragraphs, the
   * capitalised words and the names of paragraphs [0, n_seen), and the
   * next paragraph that may start an article */
  GArray         *hashes;
  HashList        lists[5];
  HashSet         seen_words;
  HashSet         seen_bare;
  HashSet         seen_names;
  guint           n_seen;
  guint           next_candidate;

  /* Article lengths in the dump so far, as sums of ln (words), and the
   * words between boundaries that need no guessing (datelines, tag lines,
   * separators) */
  double          length_sum;
  double          length_sum2;
  guint           n_lengths;
  double          length_mu;
  double          length_sigma;
  double          length_prior;
  guint64         words_since_hard;
  gboolean        spacing_ends;
  double          hard_spacing;
  guint           n_hard;

  /* The open paragraph is the last of paras */
  gboolean        para_open;
  guint           last_chars;
  guint           last_indent;
  gboolean        para_is_item;   /* it starts with a list marker */
  int             quote_depth;
  gboolean        straight_open;
};

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

static void hash_set_clear  (HashSet     *set);
static void close_para      (CeSegmenter *self);
static void count_article   (CeSegmenter *self);
static void decide_subjects (CeSegmenter *self,
                             gboolean     at_end,
                             gboolean     hard);

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
ensure_ascii_class (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      init_ascii_class ();
      g_once_init_leave (&initialised, 1);
    }
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

static guint
count_sentences (const char *text,
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
  if (tail_len == 0 || !ce_text_starts_sentence (tail, tail_len) || count_words (tail, tail_len) > 6)
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
  if (!ce_text_starts_sentence (text, len) || has_substring (text, len, " | "))
    return FALSE;

  for (gsize i = 0; i < len && !lower; i++)
    lower = (text[i] >= 'a' && text[i] <= 'z');

  return lower && ce_text_next_sentence_end (text, len, 0) == len;
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
  para.hashes = self->hashes->len;
  g_array_append_val (self->paras, para);
}

static void
drop_last_para (CeSegmenter *self)
{
  Para *p = last_para (self);

  g_string_truncate (self->body, p->sep);
  /* A paragraph not analysed yet has no hashes in the pool */
  g_array_set_size (self->hashes, MIN (p->hashes, self->hashes->len));
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
  self->para_open = FALSE;
  g_array_set_size (self->hashes, 0);
  hash_set_clear (&self->seen_words);
  hash_set_clear (&self->seen_bare);
  hash_set_clear (&self->seen_names);
  self->n_seen = 0;
  self->next_candidate = 1;
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
            draft->title = ce_text_make_title (self->body->str + p->start, para_end (self, i) - p->start);
        }
      if (draft->title == NULL)
        draft->title = ce_text_make_title (self->body->str + first->start, para_end (self, 0) - first->start);
    }

  count_article (self);
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


/* @hard: a dateline, tag line or separator ends the article, not the
 * end of the text */
static void
end_article_at (CeSegmenter *self,
                gboolean     hard)
{
  close_para (self);
  decide_subjects (self, TRUE, hard);
  emit_article (self);
}

static void
end_article (CeSegmenter *self)
{
  end_article_at (self, TRUE);
}

/* Change of subject (CE_SPLIT_AUTO)
 *
 * Many articles in a dump have no dateline, no tag line and no separator
 * before them: only the text tells where one article ends and the next
 * begins.  At every paragraph boundary of the current article the
 * segmenter weighs the evidence a reader uses:
 *
 *  - Lexical cohesion, as in TextTiling: the content words (lower case,
 *    stop words left out, plural "s" cut) of a window of paragraphs before
 *    the boundary against a window after it; and whether the paragraph
 *    after the boundary shares more words with the paragraphs that follow
 *    it than with those before it, as the first paragraph of an article
 *    does.
 *  - How news writing refers to people and bodies: an article introduces
 *    them by full name ("Rosa Ilunga", "the Digital Markets Authority") and
 *    then shortens ("Ilunga", "the authority").  A full name whose last
 *    word the article has already used starts a new article; a bare
 *    surname, or "the x" for a name introduced before, goes on with the
 *    same one.
 *  - The shape of a lede: one sentence that names things, starts with a
 *    capitalised word that is no pronoun or connective, quotes nobody and
 *    has no "said"; after a paragraph that attributes a statement or
 *    closes with a formula ("did not immediately respond").
 *
 * These make a score, a weighted sum whose weights were fitted by
 * logistic regression over the paragraphs of data/sample and rounded; the
 * tests measure it on dumps built differently from those articles.  No
 * boundary leaves an article of fewer than SUBJECT_MIN_WORDS words.
 *
 * Where to decide depends on the dump:
 *
 *  - Where datelines, tag lines or separators delimit most articles, the
 *    few without one are glued to the article before, which then looks
 *    too long.  The decision waits for the article to end (or to grow
 *    past SUBJECT_DEFER_FACTOR times the usual spacing of those hard
 *    boundaries) and is taken over the whole article: a boundary is made
 *    where its score, plus what it does to the surprise of the lengths
 *    (how unusually long the article is, measured against the lengths of
 *    the articles of this dump), beats SUBJECT_MIN_GAIN; the best such
 *    boundary first, then within the parts.
 *  - Without them, candidates are decided as the text goes: a boundary
 *    needs a score above SUBJECT_THRESHOLD, better than the next
 *    SUBJECT_RIVALS candidates (the paragraph after a lede often
 *    introduces a person too), and is decided once the SUBJECT_LOOK_AHEAD
 *    + SUBJECT_RIVALS paragraphs after it are read.
 *
 * Either way the segmenter holds the current article and a few paragraphs
 * more, and stays streaming.  Everything a paragraph contributes is
 * computed once, when it is closed, as word hashes; the dot products of
 * its content vector with those of the SUBJECT_SPAN - 1 paragraphs before
 * it are computed when first needed, and the cosine of two windows is a
 * sum of them.
 */

#define SUBJECT_LOOK_AHEAD    3
#define SUBJECT_RIVALS        2
#define SUBJECT_WINDOW_PARAS  4
#define SUBJECT_WINDOW_WORDS  150
#define SUBJECT_MIN_WORDS     80
#define SUBJECT_SHORT_WORDS   150
#define SUBJECT_MAX_HASHES    4096
#define SUBJECT_THRESHOLD     (-0.5)
#define SUBJECT_TYPICAL_WORDS 300
#define SUBJECT_MAX_PRIOR     1.5
#define SUBJECT_SHORT_PENALTY 1.0
#define SUBJECT_MIN_SIGMA     0.25
#define SUBJECT_PRIOR_SIGMA   0.5
#define SUBJECT_PRIOR_ARTICLES 4
#define SUBJECT_MIN_GAIN      0.25
#define SUBJECT_SECTION_PENALTY 0.5
#define SUBJECT_DEFER_FACTOR  4
#define NO_SUBJECT            (-1e9)

G_STATIC_ASSERT (SUBJECT_SPAN >= SUBJECT_WINDOW_PARAS + 1 + SUBJECT_LOOK_AHEAD);

/* Hash sets of 32-bit word hashes; 0 marks an empty slot */
static void
hash_set_clear (HashSet *set)
{
  if (set->count > 0)
    memset (set->slots, 0, set->size * sizeof (guint32));
  set->count = 0;
}

static gboolean
hash_set_contains (const HashSet *set,
                   guint32        h)
{
  guint mask = set->size - 1;

  if (set->size == 0)
    return FALSE;

  for (guint i = h & mask; set->slots[i] != 0; i = (i + 1) & mask)
    if (set->slots[i] == h)
      return TRUE;

  return FALSE;
}

static void
hash_set_add (HashSet *set,
              guint32  h)
{
  guint mask;
  guint i;

  if ((set->count + 1) * 2 > set->size)
    {
      guint32 *old = set->slots;
      guint old_size = set->size;

      set->size = MAX (64, old_size * 2);
      set->slots = g_new0 (guint32, set->size);
      set->count = 0;
      for (guint k = 0; k < old_size; k++)
        if (old[k] != 0)
          hash_set_add (set, old[k]);
      g_free (old);
    }

  mask = set->size - 1;
  for (i = h & mask; set->slots[i] != 0; i = (i + 1) & mask)
    if (set->slots[i] == h)
      return;

  set->slots[i] = h;
  set->count++;
}

static void
hash_set_free (HashSet *set)
{
  g_free (set->slots);
  set->slots = NULL;
  set->size = set->count = 0;
}

#define FNV_OFFSET 2166136261u
#define FNV_PRIME  16777619u

static guint32
word_hash (const char *word,
           gsize       len)
{
  guint32 h = FNV_OFFSET;

  for (gsize i = 0; i < len; i++)
    {
      h ^= (guchar) word[i];
      h *= FNV_PRIME;
    }

  return h != 0 ? h : 1;
}

/* Bytes of words, for the tokenizer's fast path */
enum
{
  WORD_NONE,
  WORD_ASCII,  /* lower-case letter, figure, apostrophe, hyphen */
  WORD_UPPER,
  WORD_OTHER,  /* not ASCII: is_word_byte () decides */
};

static guint8 word_table[256];
static char lower_table[256];

static void
init_word_tables (void)
{
  for (int c = 0; c < 256; c++)
    {
      lower_table[c] = (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
      if (c >= 0x80)
        word_table[c] = WORD_OTHER;
      else if (c >= 'A' && c <= 'Z')
        word_table[c] = WORD_UPPER;
      else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' || c == '-')
        word_table[c] = WORD_ASCII;
      else
        word_table[c] = WORD_NONE;
    }
}

/* Function words, and words every news article uses whatever its subject */
static const char *stop_words[] = {
  "a", "about", "above", "after", "again", "against", "all", "also", "am",
  "an", "and", "any", "are", "as", "at", "be", "because", "been", "before",
  "being", "below", "between", "both", "but", "by", "can", "could", "did",
  "do", "does", "doing", "down", "during", "each", "few", "first", "for",
  "from", "further", "had", "has", "have", "having", "he", "her", "here",
  "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into",
  "is", "it", "its", "itself", "just", "last", "may", "me", "might", "month",
  "more", "most", "my", "myself", "new", "no", "nor", "not", "now", "of",
  "off", "on", "once", "one", "only", "or", "other", "our", "ours",
  "ourselves", "out", "over", "own", "per", "cent", "same", "said", "say",
  "says", "she", "should", "so", "some", "such", "than", "that", "the",
  "their", "theirs", "them", "themselves", "then", "there", "these", "they",
  "this", "those", "three", "through", "to", "told", "too", "two", "under",
  "until", "up", "very", "was", "we", "week", "were", "what", "when",
  "where", "which", "while", "who", "whom", "why", "will", "with", "would",
  "year", "years", "you", "your", "yours", "yourself",
};

static HashSet stop_set;
static guint32 hash_said;
static guint32 hash_says;
static guint32 hash_told;
static guint32 hash_the;

static void
init_stop_words (void)
{
  init_word_tables ();
  for (gsize i = 0; i < G_N_ELEMENTS (stop_words); i++)
    hash_set_add (&stop_set, word_hash (stop_words[i], strlen (stop_words[i])));
  hash_said = word_hash ("said", 4);
  hash_says = word_hash ("says", 4);
  hash_told = word_hash ("told", 4);
  hash_the = word_hash ("the", 3);
}

/* Words a news lede does not start with: pronouns and connectives point
 * back to something said before. */
static const char *backward_words[] = {
  "also", "and", "besides", "but", "furthermore", "he", "hence", "her",
  "his", "however", "i", "instead", "it", "its", "likewise", "meanwhile",
  "moreover", "nevertheless", "or", "otherwise", "she", "so", "still",
  "such", "that", "their", "then", "therefore", "these", "they", "this",
  "those", "thus", "we", "yet", "you",
};

/* ... and phrases that do the same */
static const char *backward_phrases[] = {
  "As a result", "At the same time", "By contrast", "Even so", "For example",
  "For instance", "In addition", "In contrast", "In response", "In return",
  "In turn", "On the other hand",
};

static gboolean
has_lede_shape (const char *text,
                gsize       len)
{
  gsize e = 0;

  if (len == 0 || !g_unichar_isupper (g_utf8_get_char (text)))
    return FALSE;

  while (e < len && text[e] != ' ' && text[e] != ',')
    e++;
  if (ce_text_word_in_list (text, e, backward_words, G_N_ELEMENTS (backward_words), TRUE))
    return FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (backward_phrases); i++)
    {
      gsize n = strlen (backward_phrases[i]);

      if (len > n && memcmp (text, backward_phrases[i], n) == 0 && (text[n] == ',' || text[n] == ' '))
        return FALSE;
    }

  return TRUE;
}

/* Whether the character at p belongs to a word, and its length: letters,
 * figures, apostrophes and hyphens.  Of the non-ASCII characters, the
 * punctuation block U+2000-U+206F (dashes, quotes, ellipsis) is not part
 * of a word, except ’; everything else is taken for a letter, which is
 * right for the scripts news is written in and avoids decoding. */
static inline gboolean
is_word_byte (const char *p,
              const char *end,
              gsize      *n)
{
  guchar c = *p;

  if (c < 0x80)
    {
      *n = 1;
      return (ascii_class[c] & (C_LOWER | C_UPPER | C_DIGIT)) != 0 || c == '\'' || c == '-';
    }

  if (c >= 0xF0)
    *n = 4;
  else if (c >= 0xE0)
    *n = 3;
  else if (c >= 0xC0)
    *n = 2;
  else
    *n = 1;
  if ((gsize) (end - p) < *n)
    *n = end - p;

  if (c == 0xE2 && *n == 3 && ((guchar) p[1] == 0x80 || (guchar) p[1] == 0x81))
    return (guchar) p[1] == 0x80 && (guchar) p[2] == 0x99;

  return c >= 0xC0;
}

typedef struct
{
  HashList *content;
  HashList *caps;
  HashList *parts;
  HashList *names;
  HashList *anaphors;
  guint32  run[16];
  gboolean run_inside[16];  /* not the first word of a sentence */
  guint    run_len;
  gboolean run_first_stop;
} WordLists;

static inline void
push_hash (HashList *list,
           guint32   h)
{
  if (list->n < SUBJECT_MAX_HASHES)
    list->v[list->n++] = h;
}

/* A run of two or more capitalised words is a name ("Rosa Ilunga", "the
 * Digital Markets Authority"; a leading "The" or "In" is not part of it).
 * A capitalised word on its own inside a sentence is a short reference
 * ("Ilunga", "the Authority") or a one-word name. */
static void
flush_name (WordLists *w)
{
  guint first = w->run_first_stop ? 1 : 0;

  if (w->run_len >= first + 2)
    {
      for (guint i = first; i < w->run_len; i++)
        push_hash (w->parts, w->run[i]);
      push_hash (w->names, w->run[w->run_len - 1]);
    }
  else
    {
      for (guint i = 0; i < w->run_len; i++)
        if (w->run_inside[i])
          push_hash (w->caps, w->run[i]);
    }
  w->run_len = 0;
}

/* Fills the word lists of one paragraph, counts its sentences and its
 * words, and returns its PF_SAID, PF_LAST_SAID and PF_QUOTE flags. */
static guint
scan_words (WordLists  *w,
            const char *text,
            gsize       len,
            guint      *sentences,
            guint      *words)
{
  const char *s = text;
  const char *end = text + len;
  gboolean first_word = TRUE;
  gboolean after_the = FALSE;
  gboolean said_in_sentence = FALSE;
  gboolean spaced = FALSE;
  guint flags = 0;

  w->run_len = 0;

  while (s < end)
    {
      const char *gap = s;
      const char *word;
      gboolean sentence_mark = FALSE;
      gboolean full_stop = FALSE;
      gboolean initial;
      gboolean upper;
      gboolean name_like;
      guint n_upper = 0;
      gsize n;
      gsize step;
      guint32 h;
      gboolean stop;

      /* The gap before the next word */
      while (s < end && !is_word_byte (s, end, &step))
        {
          if (*s == '.' || *s == '!' || *s == '?')
            sentence_mark = full_stop = TRUE;
          else if (*s == '"' || (step == 3 && memcmp (s, "”", 3) == 0))
            {
              sentence_mark = TRUE;
              flags |= PF_QUOTE;
            }
          else if (step == 3 && memcmp (s, "“", 3) == 0)
            flags |= PF_QUOTE;
          else if (*s == ' ')
            spaced = TRUE;
          s += step;
        }
      if (s >= end)
        break;
      if (first_word || spaced)
        (*words)++;
      spaced = FALSE;

      /* As ce_text_next_sentence_end() tells them: "U.K. and" goes on */
      if (full_stop)
        {
          const char *space = memchr (gap, ' ', s - gap);
          CeSentenceEnd kind = space != NULL ? ce_text_sentence_end_kind (text, space - text) : CE_SENTENCE_END_NO;
          gsize rest = end - space - 1;

          full_stop = (kind == CE_SENTENCE_END_YES && ce_text_starts_sentence (space + 1, rest))
                      || (kind == CE_SENTENCE_END_INITIALS && ce_text_starts_with_opener (space + 1, rest));
        }

      if (w->run_len > 0 && (s - gap != 1 || *gap != ' '))
        flush_name (w);
      if (full_stop)
        said_in_sentence = FALSE;
      if (first_word || full_stop)
        (*sentences)++;
      initial = first_word || sentence_mark;
      first_word = FALSE;

      /* The word, hashed in lower case as it is read */
      word = s;
      upper = ((guchar) *s < 0x80) ? g_ascii_isupper (*s) : g_unichar_isupper (g_utf8_get_char (s));
      h = FNV_OFFSET;
      while (s < end)
        {
          guchar c = *s;
          guint8 k = word_table[c];

          if (k == WORD_ASCII || k == WORD_UPPER)
            {
              n_upper += k == WORD_UPPER;
              h = (h ^ (guchar) lower_table[c]) * FNV_PRIME;
              s++;
            }
          else if (k == WORD_OTHER && is_word_byte (s, end, &step))
            {
              gunichar u = g_utf8_get_char_validated (s, step);

              if (u < 0x110000 && g_unichar_isupper (u))
                {
                  char buf[6];
                  gint m = g_unichar_to_utf8 (g_unichar_tolower (u), buf);

                  n_upper++;
                  for (gint i = 0; i < m; i++)
                    h = (h ^ (guchar) buf[i]) * FNV_PRIME;
                }
              else
                for (gsize i = 0; i < step; i++)
                  h = (h ^ (guchar) s[i]) * FNV_PRIME;
              s += step;
            }
          else
            break;
        }
      n = s - word;

      /* "Ilunga’s" is "ilunga"; apostrophes and hyphens at the edges go.
       * These words are hashed again without them. */
      if (n >= 2 && (word[n - 1] == 's' || word[n - 1] == 'S' || word[n - 1] == '\''
                     || word[n - 1] == '-' || (guchar) word[n - 1] == 0x99))
        {
          gsize m = n;

          if (m >= 4 && memcmp (word + m - 4, "’", 3) == 0 && (word[m - 1] | 0x20) == 's')
            m -= 4;
          else if (m >= 2 && word[m - 2] == '\'' && (word[m - 1] | 0x20) == 's')
            m -= 2;
          while (m > 0 && (word[m - 1] == '\'' || word[m - 1] == '-'))
            m--;
          while (m >= 3 && memcmp (word + m - 3, "’", 3) == 0)
            m -= 3;
          if (m != n)
            {
              n = m;
              h = FNV_OFFSET;
              for (gsize i = 0; i < n; i++)
                h = (h ^ (guchar) lower_table[(guchar) word[i]]) * FNV_PRIME;
            }
        }
      if (n == 0)
        {
          after_the = FALSE;
          continue;
        }
      if (h == 0)
        h = 1;

      stop = hash_set_contains (&stop_set, h);
      name_like = upper && n_upper == 1 && n >= 2 && !g_ascii_isupper (word[1]);

      if (h == hash_said || h == hash_says)
        {
          flags |= PF_SAID;
          said_in_sentence = TRUE;
        }
      else if (h == hash_told)
        flags |= PF_SAID;

      if (after_the && !upper)
        push_hash (w->anaphors, h);
      after_the = h == hash_the;

      if (name_like)
        {
          guint i = MIN (w->run_len, G_N_ELEMENTS (w->run) - 1);

          if (w->run_len == 0)
            w->run_first_stop = stop;
          w->run[i] = h;
          w->run_inside[i] = !initial;
          w->run_len = i + 1;
        }
      else
        {
          if (w->run_len > 0)
            flush_name (w);
          if (upper && !initial && n >= 2)
            push_hash (w->caps, h);
        }

      /* Content words, with the plural cut */
      if (n >= 3 && !stop && !g_ascii_isdigit (word[0]))
        {
          char last = word[n - 1] | 0x20;

          if (last == 's' && n > 3 && (word[n - 2] | 0x20) != 's')
            {
              gsize m = n - 1;

              /* "parties" is "party" */
              if (n > 4 && (word[n - 2] | 0x20) == 'e' && (word[n - 3] | 0x20) == 'i')
                m = n - 3;
              h = FNV_OFFSET;
              for (gsize i = 0; i < m; i++)
                h = (h ^ (guchar) lower_table[(guchar) word[i]]) * FNV_PRIME;
              if (m == n - 3)
                h = (h ^ 'y') * FNV_PRIME;
              if (h == 0)
                h = 1;
            }
          push_hash (w->content, h);
        }
    }

  if (w->run_len > 0)
    flush_name (w);
  if (said_in_sentence)
    flags |= PF_LAST_SAID;

  return flags;
}

static int
compare_hashes (gconstpointer a,
                gconstpointer b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/* Dot product of two sorted lists of hashes as word vectors, where a
 * word that is repeated in both counts min (n, m) times rather than n m:
 * the merge then needs no branches, which matters as it runs for every
 * pair of nearby paragraphs. */
static double
dot_hashes (const guint32 *a,
            guint          na,
            const guint32 *b,
            guint          nb)
{
  guint i = 0;
  guint j = 0;
  guint dot = 0;

  while (i < na && j < nb)
    {
      guint32 x = a[i];
      guint32 y = b[j];

      dot += x == y;
      i += x <= y;
      j += y <= x;
    }

  return dot;
}

static const guint32 *
para_hashes (CeSegmenter *self,
             const Para  *p)
{
  return &g_array_index (self->hashes, guint32, p->hashes);
}

static void
append_list (CeSegmenter *self,
             HashList    *list,
             guint16     *count)
{
  *count = list->n;
  g_array_append_vals (self->hashes, list->v, list->n);
  list->n = 0;
}

static void
sort_hashes (HashList *list)
{
  /* Paragraphs have a few dozen words: insertion sort beats qsort () */
  if (list->n > 64)
    {
      qsort (list->v, list->n, sizeof (guint32), compare_hashes);
      return;
    }

  for (guint i = 1; i < list->n; i++)
    {
      guint32 h = list->v[i];
      guint j = i;

      while (j > 0 && list->v[j - 1] > h)
        {
          list->v[j] = list->v[j - 1];
          j--;
        }
      list->v[j] = h;
    }
}

static gboolean
detects_subjects (CeSegmenter *self)
{
  return self->mode == CE_SPLIT_AUTO && !self->reflow_only;
}

/* Computes what the last paragraph contributes to the scores. */
static void
analyse_last_para (CeSegmenter *self)
{
  guint index = self->paras->len - 1;
  Para *p = &g_array_index (self->paras, Para, index);
  const char *text = self->body->str + p->start;
  gsize len = self->body->len - p->start;
  WordLists w = { &self->lists[0], &self->lists[1], &self->lists[2], &self->lists[3], &self->lists[4], };
  guint sentences = 0;

  p->hashes = self->hashes->len;
  p->n_content = p->n_caps = p->n_parts = p->n_names = p->n_anaphors = 0;
  p->flags = 0;
  p->scored = FALSE;
  p->words_before = 0;
  if (index > 0)
    p->words_before = p[-1].words_before + p[-1].words;
  p->dots_known = 0;
  p->words = 0;
  p->sentences = 0;

  if (p->kind != PARA_TEXT || len == 0)
    return;

  if (has_lede_shape (text, len))
    p->flags |= PF_LEDE_SHAPE;
  p->flags |= scan_words (&w, text, len, &sentences, &p->words);
  p->sentences = MIN (sentences, 255);

  sort_hashes (w.content);
  append_list (self, w.content, &p->n_content);
  append_list (self, w.caps, &p->n_caps);
  append_list (self, w.parts, &p->n_parts);
  append_list (self, w.names, &p->n_names);
  append_list (self, w.anaphors, &p->n_anaphors);
}

/* Dot product of the content vectors of paragraphs i and j, at most
 * SUBJECT_SPAN - 1 apart; computed when first needed */
static inline double
para_dot (CeSegmenter *self,
          guint        i,
          guint        j)
{
  Para *paras = (Para *) self->paras->data;
  Para *p;
  guint d;

  if (i < j)
    {
      guint t = i;

      i = j;
      j = t;
    }
  p = &paras[i];
  d = i - j;

  if (!(p->dots_known & (1u << d)))
    {
      p->dots[d] = dot_hashes (para_hashes (self, p), p->n_content,
                               para_hashes (self, &paras[j]), paras[j].n_content);
      p->dots_known |= 1u << d;
    }

  return p->dots[d];
}

/* The dot products among paragraphs [base, base + n), n at most
 * SUBJECT_SPAN, fetched once for the windows of one candidate */
typedef struct
{
  guint  base;
  double m[SUBJECT_SPAN][SUBJECT_SPAN];
} DotMatrix;

static void
fill_dots (CeSegmenter *self,
           DotMatrix   *dm,
           guint        base,
           guint        n)
{
  dm->base = base;
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j <= i; j++)
      dm->m[i][j] = dm->m[j][i] = para_dot (self, base + i, base + j);
}

/* Cosine of the content vectors of paragraphs [a0, a1) and [b0, b1) */
static double
window_cosine (const DotMatrix *dm,
               guint            a0,
               guint            a1,
               guint            b0,
               guint            b1)
{
  double dot = 0;
  double na = 0;
  double nb = 0;

  a0 -= dm->base;
  a1 -= dm->base;
  b0 -= dm->base;
  b1 -= dm->base;
  for (guint i = a0; i < a1; i++)
    {
      for (guint j = b0; j < b1; j++)
        dot += dm->m[i][j];
      for (guint j = a0; j < a1; j++)
        na += dm->m[i][j];
    }
  for (guint i = b0; i < b1; i++)
    for (guint j = b0; j < b1; j++)
      nb += dm->m[i][j];

  return na > 0 && nb > 0 ? dot / sqrt (na * nb) : 0;
}

/* The end of a window of paragraphs from @start forwards, or the start of
 * one that ends at @start, within [lo, hi): SUBJECT_WINDOW_WORDS content
 * words or a few paragraphs, whichever comes first. */
static guint
window_forward (const Para *paras,
                guint       start,
                guint       max_paras,
                guint       hi)
{
  guint words = 0;
  guint i = start;

  while (i < hi && i - start < max_paras && words < SUBJECT_WINDOW_WORDS)
    words += paras[i++].n_content;

  return i;
}

static guint
window_backward (const Para *paras,
                 guint       end,
                 guint       lo)
{
  guint words = 0;
  guint i = end;

  while (i > lo && end - i < SUBJECT_WINDOW_PARAS && words < SUBJECT_WINDOW_WORDS)
    words += paras[--i].n_content;

  return i;
}

typedef enum
{
  SEEN_WORDS,  /* capitalised words and words of names */
  SEEN_BARE,   /* capitalised words outside names */
  SEEN_NAMES,  /* last words of names */
} SeenKind;

static HashSet *
seen_set (CeSegmenter *self,
          SeenKind     kind)
{
  return kind == SEEN_NAMES ? &self->seen_names : kind == SEEN_BARE ? &self->seen_bare : &self->seen_words;
}

/* Whether @h is among the @kind words of the paragraphs before @upto */
static gboolean
seen_before (CeSegmenter *self,
             guint32      h,
             SeenKind     kind,
             guint        upto)
{
  const Para *paras = (const Para *) self->paras->data;

  if (hash_set_contains (seen_set (self, kind), h))
    return TRUE;

  for (guint i = self->n_seen; i < upto; i++)
    {
      const guint32 *hs = para_hashes (self, &paras[i]) + paras[i].n_content;
      guint n = paras[i].n_caps;

      if (kind == SEEN_WORDS)
        n += paras[i].n_parts;
      else if (kind == SEEN_NAMES)
        {
          hs += paras[i].n_caps + paras[i].n_parts;
          n = paras[i].n_names;
        }
      for (guint k = 0; k < n; k++)
        if (hs[k] == h)
          return TRUE;
    }

  return FALSE;
}

static void
remember_paras (CeSegmenter *self,
                guint        upto)
{
  const Para *paras = (const Para *) self->paras->data;

  for (; self->n_seen < upto; self->n_seen++)
    {
      const Para *p = &paras[self->n_seen];
      const guint32 *hs = para_hashes (self, p) + p->n_content;

      for (guint k = 0; k < p->n_caps; k++)
        {
          hash_set_add (&self->seen_words, hs[k]);
          hash_set_add (&self->seen_bare, hs[k]);
        }
      hs += p->n_caps;
      for (guint k = 0; k < p->n_parts; k++)
        hash_set_add (&self->seen_words, hs[k]);
      hs += p->n_parts;
      for (guint k = 0; k < p->n_names; k++)
        hash_set_add (&self->seen_names, hs[k]);
    }
}

static gboolean
in_list (const guint32 *list,
         guint          n,
         guint32        h)
{
  for (guint i = 0; i < n; i++)
    if (list[i] == h)
      return TRUE;
  return FALSE;
}

static double
clip (double x,
      double max)
{
  return MIN (x, max);
}

/* How strongly paragraph @k reads as the start of a new article, the
 * article so far being paragraphs [0, k), or NO_SUBJECT. */
static double
subject_score (CeSegmenter *self,
               guint        k)
{
  const Para *paras = (const Para *) self->paras->data;
  guint n = self->paras->len;
  const Para *p = &paras[k];
  const Para *prev = &paras[k - 1];
  const guint32 *caps = para_hashes (self, p) + p->n_content;
  const guint32 *names = caps + p->n_caps + p->n_parts;
  const guint32 *anaphors = names + p->n_names;
  guint before = window_backward (paras, k, 0);
  guint after = window_forward (paras, k, SUBJECT_LOOK_AHEAD, n);
  guint next = window_forward (paras, k + 1, SUBJECT_LOOK_AHEAD, n);
  guint back = 0;
  guint back_after = 0;
  guint reintroduced = 0;
  guint anaphors_seen = 0;
  DotMatrix dm;
  double score;

  if (!(p->flags & PF_LEDE_SHAPE) || prev->kind == PARA_HEADING
      || p->words_before < SUBJECT_MIN_WORDS)
    return NO_SUBJECT;

  fill_dots (self, &dm, before, MAX (after, next) - before);

  /* Bare surnames of names introduced before, here and in the next
   * paragraphs, unless the name is given in full again */
  for (guint i = k; i < after; i++)
    {
      const guint32 *ci = para_hashes (self, &paras[i]) + paras[i].n_content;

      for (guint c = 0; c < paras[i].n_caps; c++)
        {
          gboolean named_again = FALSE;

          if (!seen_before (self, ci[c], SEEN_NAMES, k))
            continue;
          for (guint j = k; j < after && !named_again; j++)
            named_again = in_list (para_hashes (self, &paras[j]) + paras[j].n_content
                                   + paras[j].n_caps + paras[j].n_parts,
                                   paras[j].n_names, ci[c]);
          if (named_again)
            continue;
          back_after++;
          if (i == k && !in_list (names, p->n_names, ci[c]))
            back++;
        }
    }

  /* A name the paragraph before gave too is no reintroduction */
  for (guint c = 0; c < p->n_names; c++)
    reintroduced += seen_before (self, names[c], SEEN_BARE, k)
                    && !in_list (para_hashes (self, prev) + prev->n_content,
                                 prev->n_caps + prev->n_parts, names[c]);
  for (guint c = 0; c < p->n_anaphors; c++)
    anaphors_seen += seen_before (self, anaphors[c], SEEN_WORDS, k);

  score = -0.6
          - 6.0 * clip (window_cosine (&dm, before, k, k, after), 0.4)
          + 8.8 * clip (window_cosine (&dm, k, k + 1, k + 1, next), 0.4)
          - 3.1 * clip (window_cosine (&dm, k, k + 1, before, k), 0.4)
          - 0.5 * MIN (back, 2)
          - 0.35 * MIN (back_after, 3)
          + 0.8 * MIN (reintroduced, 2)
          + 0.6 * MIN (p->n_names, 3)
          - 0.35 * MIN (anaphors_seen, 2)
          - 0.7 * MIN (p->sentences, 4)
          - (p->flags & PF_SAID ? 0.75 : 0)
          - (p->flags & PF_QUOTE ? 0.4 : 0)
          + (prev->flags & PF_LAST_SAID ? 0.4 : 0)
          + (prev->kind == PARA_TEXT && prev->words <= 30 && p->sep - prev->start < 300
             && is_closing_formula (self->body->str + prev->start, p->sep - prev->start) ? 1.5 : 0)
          - (p->words_before < SUBJECT_SHORT_WORDS ? SUBJECT_SHORT_PENALTY : 0)
          + self->length_prior;

  return score;
}

static double
cached_score (CeSegmenter *self,
              guint        k)
{
  Para *p = &g_array_index (self->paras, Para, k);

  if (!p->scored)
    {
      p->score = subject_score (self, k);
      p->scored = TRUE;
    }

  return p->score;
}

static gboolean
starts_new_subject (CeSegmenter *self,
                    guint        k)
{
  guint n = self->paras->len;
  double score = cached_score (self, k);

  if (score <= SUBJECT_THRESHOLD)
    return FALSE;

  for (guint j = k + 1; j <= k + SUBJECT_RIVALS && j < n; j++)
    if (cached_score (self, j) > score)
      return FALSE;

  return TRUE;
}

/* Emits paragraphs [0, k) as an article and keeps the others as the
 * current one. */
static void
split_article (CeSegmenter *self,
               guint        k)
{
  Para *paras = (Para *) self->paras->data;
  guint n = self->paras->len;
  gsize cut = paras[k].sep;
  gsize delta = cut + 2;   /* the "\n\n" before paragraph k */
  guint hash_base = paras[k].hashes;
  guint word_base = paras[k].words_before;
  g_autoptr(GString) tail_text = g_string_new_len (self->body->str + delta, self->body->len - delta);
  g_autoptr(GArray) tail = g_array_sized_new (FALSE, FALSE, sizeof (Para), n - k);
  g_autoptr(GArray) tail_hashes = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GPtrArray) tags = g_steal_pointer (&self->tags);

  g_array_append_vals (tail, paras + k, n - k);
  g_array_append_vals (tail_hashes, &g_array_index (self->hashes, guint32, hash_base),
                       self->hashes->len - hash_base);

  /* Tags come from a trailing line: they belong to the last article */
  self->tags = g_ptr_array_new_with_free_func (g_free);
  g_string_truncate (self->body, cut);
  g_array_set_size (self->paras, k);
  g_array_set_size (self->hashes, hash_base);
  emit_article (self);

  g_ptr_array_unref (self->tags);
  self->tags = g_steal_pointer (&tags);
  g_string_append_len (self->body, tail_text->str, tail_text->len);
  g_array_append_vals (self->hashes, tail_hashes->data, tail_hashes->len);
  for (guint i = 0; i < tail->len; i++)
    {
      Para *t = &g_array_index (tail, Para, i);

      t->sep = i == 0 ? 0 : t->sep - delta;
      t->start -= delta;
      t->hashes -= hash_base;
      t->words_before -= word_base;
      t->scored = FALSE;
    }
  g_array_append_vals (self->paras, tail->data, tail->len);

  self->started = TRUE;
  self->line = g_array_index (tail, Para, 0).line;
  self->offset = g_array_index (tail, Para, 0).offset;
}

/* The lengths of the articles of a dump cluster around a typical one,
 * roughly log-normally: μ and σ of ln (words), from running sums. */
static void
add_length (CeSegmenter *self,
            double       words)
{
  double x;
  double n;
  double variance;

  if (words < 1)
    return;

  x = log (words);
  self->n_lengths++;
  self->length_sum += x;
  self->length_sum2 += x * x;

  n = self->n_lengths;
  self->length_mu = self->length_sum / n;
  variance = MAX (0, self->length_sum2 / n - self->length_mu * self->length_mu);
  /* Few articles tell little about the spread: start from a broad one */
  variance += SUBJECT_PRIOR_ARTICLES * SUBJECT_PRIOR_SIGMA * SUBJECT_PRIOR_SIGMA / n;
  self->length_sigma = MAX (SUBJECT_MIN_SIGMA, sqrt (variance));

  /* The weights suit articles of about SUBJECT_TYPICAL_WORDS words, where
   * one paragraph boundary in seven or eight starts an article.  In a dump
   * of longer articles a boundary is rarer, and the evidence for one must
   * be stronger.  Shorter articles never make the detector bolder. */
  if (self->n_lengths >= 2)
    self->length_prior = -CLAMP (self->length_mu - log (SUBJECT_TYPICAL_WORDS), 0, SUBJECT_MAX_PRIOR);
}

static void
add_hard_spacing (CeSegmenter *self,
                  double       words)
{
  self->hard_spacing = (self->hard_spacing * self->n_hard + words) / (self->n_hard + 1);
  self->n_hard++;
}

/* How unusual an article of @words words is in this dump */
static double
length_surprise (CeSegmenter *self,
                 double       words)
{
  double z;

  if (self->n_lengths < 3)
    return 0;

  /* Only length is surprising: short articles are common enough */
  z = (log (MAX (words, 1)) - self->length_mu) / self->length_sigma;
  return z > 0 ? z * z / 2 : 0;
}

static guint
words_between (const Para *paras,
               guint       a,
               guint       b)
{
  return paras[b - 1].words_before + paras[b - 1].words - paras[a].words_before;
}

static void
count_article (CeSegmenter *self)
{
  const Para *last;
  guint words;

  if (!detects_subjects (self) || self->paras->len == 0)
    return;

  last = last_para (self);
  words = last->words_before + last->words;
  add_length (self, words);
  self->words_since_hard += words;
  if (self->spacing_ends)
    {
      self->words_since_hard = 0;
      self->spacing_ends = FALSE;
    }
}

/* Before the first article is read: the lengths of the articles the
 * warm-up lines delimit with datelines, tag lines and separators. */
static void
estimate_length (CeSegmenter *self)
{
  guint words = 0;
  gboolean any_hard = FALSE;

  if (!detects_subjects (self))
    return;

  for (guint i = 0; i < self->pending->len; i++)
    {
      PendingLine *pl = &g_array_index (self->pending, PendingLine, i);
      LineInfo li;
      gsize place_len;
      gsize rest_start;
      const char *tag;
      gsize tag_len;
      gboolean starts = FALSE;
      gboolean ends = pl->form_feed;

      if (!pl->form_feed)
        {
          analyse_line (self->pending_text->str + pl->start, pl->len, &li);
          if (li.len == 0)
            continue;
          ends = is_separator_line (&li) || parse_tag_line (&li, &tag, &tag_len);
          starts = !ends && (((guchar) li.text[0] & 0x80) != 0 || g_ascii_isupper (li.text[0]))
                   && parse_dateline (&li, &place_len, &rest_start);
          if (ends)
            words += count_words (li.text, li.len);
        }

      if ((starts || ends) && words >= SUBJECT_MIN_WORDS)
        {
          /* The text before the first boundary may be an article's tail */
          if (any_hard || i > 0)
            {
              add_length (self, words);
              if (any_hard)
                add_hard_spacing (self, words);
            }
          any_hard = TRUE;
          words = 0;
        }
      if (!pl->form_feed && !ends)
        words += count_words (li.text, li.len);
    }
}

/* Where datelines or tag lines delimit most articles, a boundary between
 * them is best decided when the article is complete, from its length;
 * without them (or when one is long overdue) it is decided as the text
 * goes. */
static gboolean
defers_subjects (CeSegmenter *self)
{
  const Para *last = last_para (self);

  return self->n_hard >= 2
         && self->words_since_hard + last->words_before + last->words < SUBJECT_DEFER_FACTOR * self->hard_spacing;
}

/* Best boundaries in paragraphs [a, b) when the article ends at b: those
 * whose score, plus what they gain in making the lengths usual, is above
 * the threshold.  The best one first, then the parts on either side. */
static void
find_boundaries (CeSegmenter *self,
                 guint        a,
                 guint        b,
                 GArray      *found)
{
  const Para *paras = (const Para *) self->paras->data;
  double whole = length_surprise (self, words_between (paras, a, b));
  double best_gain = 0;
  guint best = 0;

  for (guint k = a + 1; k < b; k++)
    {
      guint before = words_between (paras, a, k);
      guint after = words_between (paras, k, b);
      double gain;

      if (paras[k].score <= NO_SUBJECT || before < SUBJECT_MIN_WORDS || after < SUBJECT_MIN_WORDS)
        continue;

      /* The score, what the boundary does to how unusual the lengths
       * are, and two weaker signs: a short article after it, and a
       * section that would end with the paragraph after its heading */
      gain = paras[k].score - SUBJECT_THRESHOLD - SUBJECT_MIN_GAIN
             + whole - length_surprise (self, before) - length_surprise (self, after)
             - (after < SUBJECT_SHORT_WORDS ? SUBJECT_SHORT_PENALTY : 0)
             - (k >= 2 && paras[k - 2].kind == PARA_HEADING ? SUBJECT_SECTION_PENALTY : 0);
      if (gain > best_gain)
        {
          best_gain = gain;
          best = k;
        }
    }

  if (best == 0)
    return;

  find_boundaries (self, a, best, found);
  g_array_append_val (found, best);
  find_boundaries (self, best, b, found);
}

static void
split_complete_article (CeSegmenter *self)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = self->paras->len;
  guint done = 0;

  for (guint k = self->next_candidate; k < n; k++)
    {
      remember_paras (self, k);
      cached_score (self, k);
    }
  self->next_candidate = MAX (self->next_candidate, n);

  find_boundaries (self, 0, n, found);
  for (guint i = 0; i < found->len; i++)
    {
      split_article (self, g_array_index (found, guint, i) - done);
      done = g_array_index (found, guint, i);
    }
}

/* Decides the candidate boundaries whose look-ahead is complete, or all
 * of them when the article ends here: @hard tells whether a dateline, a
 * tag line or a separator ends it. */
static void
decide_subjects (CeSegmenter *self,
                 gboolean     at_end,
                 gboolean     hard)
{
  if (!detects_subjects (self) || self->paras->len == 0)
    return;

  if (at_end)
    {
      const Para *last = last_para (self);

      if (hard)
        add_hard_spacing (self, self->words_since_hard + last->words_before + last->words);
      split_complete_article (self);
      /* The spacing starts again once the article is out */
      self->spacing_ends = hard;
      return;
    }

  for (;;)
    {
      guint n = self->paras->len;
      guint k = self->next_candidate;

      if (k >= n || k + SUBJECT_LOOK_AHEAD + SUBJECT_RIVALS >= n || defers_subjects (self))
        break;

      remember_paras (self, k);
      if (starts_new_subject (self, k))
        split_article (self, k);
      else
        self->next_candidate++;
    }
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

  /* A photo caption repeats a sentence of the article and ends in the
   * credit: drop it, or only its last sentence when the paragraph is too
   * long to be a caption alone. */
  if (p->kind == PARA_TEXT && !self->reflow_only
      && find_photo_credit (self->body->str + p->start, self->body->len - p->start, &bar))
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
              gsize e = ce_text_next_sentence_end (text, bar, pos);

              if (e >= bar)
                break;
              last = e;
              pos = e + 1;
            }
          g_string_truncate (self->body, p->start + last);
        }
    }

  if (detects_subjects (self))
    {
      analyse_last_para (self);
      decide_subjects (self, FALSE, FALSE);
    }
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
  CeSentenceEnd kind;
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
  kind = ce_text_sentence_end_kind (text, len);
  last = text[len - 1 - ce_text_closers_before (text, len)];

  /* A list item starts a paragraph; "2. " or "- " only where a sentence
   * could not go on ("rose to" + "30. The …") */
  if (list_marker_len (li, &bullet) > 0
      && (bullet || self->para_is_item || kind != CE_SENTENCE_END_NO || last == ':' || last == ';'))
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
      && (kind != CE_SENTENCE_END_NO || !starts_lower (li->text, li->len)))
    return TRUE;

  if (kind == CE_SENTENCE_END_YES)
    {
      if (quote_open (self) && ce_text_opening_quote_len (li->text, li->len) == 0)
        return FALSE;
      return ce_text_starts_sentence (li->text, li->len);
    }
  if (kind == CE_SENTENCE_END_INITIALS)
    return !quote_open (self) && ce_text_starts_with_opener (li->text, li->len);

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
  decide_subjects (self, TRUE, TRUE);

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
  estimate_length (self);

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
  static gsize words_ready = 0;
  CeSegmenter *self = g_new0 (CeSegmenter, 1);

  ensure_ascii_class ();
  if (g_once_init_enter (&words_ready))
    {
      init_stop_words ();
      g_once_init_leave (&words_ready, 1);
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
  self->hashes = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint i = 0; i < G_N_ELEMENTS (self->lists); i++)
    self->lists[i].v = g_new (guint32, SUBJECT_MAX_HASHES);
  self->next_candidate = 1;

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
  end_article_at (self, FALSE);
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
  g_array_unref (self->hashes);
  for (guint i = 0; i < G_N_ELEMENTS (self->lists); i++)
    g_free (self->lists[i].v);
  hash_set_free (&self->seen_words);
  hash_set_free (&self->seen_bare);
  hash_set_free (&self->seen_names);
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

  ensure_ascii_class ();
  analyse_line (text, len, &li);
  if (!parse_dateline (&li, &place_len, &rest_start))
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

