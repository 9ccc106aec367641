/* ce-segmenter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-segmenter"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ce-segmenter-private.h"
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

Para *
_ce_segmenter_last_para (CeSegmenter *self)
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

void
_ce_segmenter_add_para (CeSegmenter *self,
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

void
_ce_segmenter_drop_last_para (CeSegmenter *self)
{
  Para *p = _ce_segmenter_last_para (self);

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
  _ce_segmenter_hash_set_clear (&self->seen_words);
  _ce_segmenter_hash_set_clear (&self->seen_bare);
  _ce_segmenter_hash_set_clear (&self->seen_names);
  self->n_seen = 0;
  self->next_candidate = 1;
}

void
_ce_segmenter_emit_article (CeSegmenter *self)
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
           && _ce_segmenter_looks_like_headline (self->body->str + first->start,
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

  _ce_segmenter_count_article (self);
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
    _ce_segmenter_compute_width (self);

  self->func (draft, self->user_data);
}

/* @hard: a dateline, tag line or separator ends the article, not the
 * end of the text */
static void
end_article_at (CeSegmenter *self,
                gboolean     hard)
{
  _ce_segmenter_close_para (self);
  _ce_segmenter_decide_subjects (self, TRUE, hard);
  _ce_segmenter_emit_article (self);
}

void
_ce_segmenter_end_article (CeSegmenter *self)
{
  end_article_at (self, TRUE);
}

static void
feed_line (CeSegmenter *self,
           const char  *text,
           gsize        len,
           guint        line,
           guint64      offset)
{
  LineInfo li;

  _ce_segmenter_analyse_line (text, len, &li);
  if (li.len > 0)
    {
      self->hist[MIN (li.chars, HIST_SIZE - 1)]++;
      self->n_measured++;
    }

  if (self->warm)
    {
      _ce_segmenter_process_line (self, &li, text, len, line, offset);
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
    _ce_segmenter_replay_pending (self);
}

static void
feed_form_feed (CeSegmenter *self)
{
  if (self->warm)
    _ce_segmenter_process_form_feed (self);
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

  _ce_segmenter_ensure_ascii_class ();
  if (g_once_init_enter (&words_ready))
    {
      _ce_segmenter_init_stop_words ();
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
                               _("Splitting at a pattern needs a regular expression"));
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
    _ce_segmenter_replay_pending (self);
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
  _ce_segmenter_hash_set_free (&self->seen_words);
  _ce_segmenter_hash_set_free (&self->seen_bare);
  _ce_segmenter_hash_set_free (&self->seen_names);
  g_free (self);
}

guint
ce_segmenter_get_width (CeSegmenter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (!self->warm)
    _ce_segmenter_compute_width (self);
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
