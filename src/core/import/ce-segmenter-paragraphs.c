/* ce-segmenter-paragraphs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-segmenter"

#include "config.h"

#include <math.h>
#include <string.h>

#include "ce-segmenter-private.h"
#include "ce-text.h"

/* Lines into paragraphs: stage 2 of the segmenter (see ce-segmenter.c),
 * which joins hard-wrapped lines and tells where a paragraph ends. */

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
  gsize closers;
  char last;

  if (!self->para_open)
    return TRUE;

  p = _ce_segmenter_last_para (self);
  if (p->kind == PARA_HEADING)
    return TRUE;
  if (p->start == self->body->len)
    return FALSE;

  text = self->body->str + p->start;
  len = self->body->len - p->start;
  kind = ce_text_sentence_end_kind (text, len);
  closers = ce_text_closers_before (text, len);
  /* A paragraph of nothing but closing quotes and brackets has no last
   * character before them */
  last = closers < len ? text[len - 1 - closers] : 0;

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

      if (_ce_segmenter_find_photo_credit (text, len, &bar))
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

  _ce_segmenter_close_para (self);
  _ce_segmenter_add_para (self, kind, line, offset);
  self->para_open = TRUE;
  self->quote_depth = 0;
  self->straight_open = FALSE;
  self->para_is_item = kind == PARA_TEXT && list_marker_len (li, &bullet) > 0;
  _ce_segmenter_last_para (self)->n_lines = 0;
}

static void
append_line (CeSegmenter    *self,
             const LineInfo *li,
             const char     *text,
             gsize           len)
{
  Para *p = _ce_segmenter_last_para (self);
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
  Para *p = _ce_segmenter_last_para (self);
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

  _ce_segmenter_close_para (self);
  _ce_segmenter_decide_subjects (self, TRUE, TRUE);

  /* A short line just before the dateline is the headline */
  if (self->paras->len > 0)
    {
      Para *p = _ce_segmenter_last_para (self);
      const char *text = self->body->str + p->start;
      gsize len = self->body->len - p->start;

      if (p->kind == PARA_TEXT && _ce_segmenter_looks_like_headline (text, len, p->n_lines))
        {
          headline = g_strndup (text, len);
          head_line = p->line;
          head_offset = p->offset;
          _ce_segmenter_drop_last_para (self);
        }
    }

  _ce_segmenter_emit_article (self);

  self->headline = headline;
  self->place = g_strndup (li->text, place_len);
  self->started = TRUE;
  self->line = head_line;
  self->offset = head_offset;

  start_para (self, PARA_TEXT, li, line, offset);
  append_line (self, li, li->text + rest_start, li->len - rest_start);
}

void
_ce_segmenter_process_form_feed (CeSegmenter *self)
{
  if (self->mode == CE_SPLIT_AUTO && !self->reflow_only)
    _ce_segmenter_end_article (self);
  else
    _ce_segmenter_close_para (self);
}

void
_ce_segmenter_process_line (CeSegmenter    *self,
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
        _ce_segmenter_end_article (self);
      else
        _ce_segmenter_close_para (self);
      return;
    }

  if (self->mode == CE_SPLIT_LINES)
    {
      _ce_segmenter_end_article (self);
      if (li->n_alnum == 0)
        return;
      if (_ce_segmenter_parse_dateline (li, &place_len, &rest_start) && rest_start < li->len)
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
      _ce_segmenter_end_article (self);
      return;
    }

  if (self->mode == CE_SPLIT_REGEX)
    {
      g_autoptr(GMatchInfo) match = NULL;

      if (g_regex_match_full (self->regex, raw, raw_len, 0, 0, &match, NULL))
        {
          int start = 0;
          int stop = 0;

          _ce_segmenter_end_article (self);

          /* A line that is nothing but the marker ("=== 12 ===", "* * *")
           * carries no text; "ARTICLE: The text…" does */
          g_match_info_fetch_pos (match, 0, &start, &stop);
          if (li->n_alnum == 0
              || ((gsize) start <= (gsize) (li->text - raw)
                  && (gsize) stop >= (gsize) (li->text - raw) + li->len))
            return;
        }
    }

  if (special && _ce_segmenter_is_separator_line (li))
    {
      _ce_segmenter_process_form_feed (self);
      return;
    }

  if (special && _ce_segmenter_parse_tag_line (li, &tag, &tag_len))
    {
      g_auto(GStrv) parts = NULL;
      g_autofree char *value = g_strndup (tag, tag_len);

      _ce_segmenter_close_para (self);
      parts = g_strsplit_set (value, ",;|", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_strstrip (parts[i]);
          if (parts[i][0] != '\0')
            g_ptr_array_add (self->tags, g_strdup (parts[i]));
        }
      if (self->mode == CE_SPLIT_AUTO)
        _ce_segmenter_end_article (self);
      return;
    }

  if (special && (((guchar) li->text[0] & 0x80) != 0 || g_ascii_isupper (li->text[0]))
      && _ce_segmenter_parse_dateline (li, &place_len, &rest_start))
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

  if (_ce_segmenter_is_heading_line (li) && line_breaks_paragraph (self, li))
    {
      start_para (self, PARA_HEADING, li, line, offset);
      append_line (self, li, li->text, li->len);
      _ce_segmenter_close_para (self);
      return;
    }

  if (line_breaks_paragraph (self, li))
    start_para (self, PARA_TEXT, li, line, offset);
  append_line (self, li, li->text, li->len);
}

void
_ce_segmenter_replay_pending (CeSegmenter *self)
{
  _ce_segmenter_compute_width (self);
  self->warm = TRUE;
  _ce_segmenter_estimate_length (self);

  for (guint i = 0; i < self->pending->len; i++)
    {
      PendingLine *pl = &g_array_index (self->pending, PendingLine, i);
      LineInfo li;

      if (pl->form_feed)
        {
          _ce_segmenter_process_form_feed (self);
          continue;
        }

      _ce_segmenter_analyse_line (self->pending_text->str + pl->start, pl->len, &li);
      _ce_segmenter_process_line (self, &li, self->pending_text->str + pl->start, pl->len, pl->line, pl->offset);
    }

  g_array_set_size (self->pending, 0);
  g_string_free (self->pending_text, TRUE);
  self->pending_text = NULL;
}
