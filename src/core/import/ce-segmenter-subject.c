/* ce-segmenter-subject.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-segmenter"

#include "config.h"

#include <math.h>
#include <string.h>

#include "ce-segmenter-private.h"
#include "ce-text.h"

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

  if (_ce_segmenter_has_lede_shape (text, len))
    p->flags |= PF_LEDE_SHAPE;
  p->flags |= _ce_segmenter_scan_words (&w, text, len, &sentences, &p->words);
  p->sentences = MIN (sentences, 255);

  _ce_segmenter_sort_hashes (w.content);
  _ce_segmenter_append_list (self, w.content, &p->n_content);
  _ce_segmenter_append_list (self, w.caps, &p->n_caps);
  _ce_segmenter_append_list (self, w.parts, &p->n_parts);
  _ce_segmenter_append_list (self, w.names, &p->n_names);
  _ce_segmenter_append_list (self, w.anaphors, &p->n_anaphors);
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
      p->dots[d] = _ce_segmenter_dot_hashes (_ce_segmenter_para_hashes (self, p), p->n_content,
                               _ce_segmenter_para_hashes (self, &paras[j]), paras[j].n_content);
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

  if (_ce_segmenter_hash_set_contains (seen_set (self, kind), h))
    return TRUE;

  for (guint i = self->n_seen; i < upto; i++)
    {
      const guint32 *hs = _ce_segmenter_para_hashes (self, &paras[i]) + paras[i].n_content;
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
      const guint32 *hs = _ce_segmenter_para_hashes (self, p) + p->n_content;

      for (guint k = 0; k < p->n_caps; k++)
        {
          _ce_segmenter_hash_set_add (&self->seen_words, hs[k]);
          _ce_segmenter_hash_set_add (&self->seen_bare, hs[k]);
        }
      hs += p->n_caps;
      for (guint k = 0; k < p->n_parts; k++)
        _ce_segmenter_hash_set_add (&self->seen_words, hs[k]);
      hs += p->n_parts;
      for (guint k = 0; k < p->n_names; k++)
        _ce_segmenter_hash_set_add (&self->seen_names, hs[k]);
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
  const guint32 *caps = _ce_segmenter_para_hashes (self, p) + p->n_content;
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
      const guint32 *ci = _ce_segmenter_para_hashes (self, &paras[i]) + paras[i].n_content;

      for (guint c = 0; c < paras[i].n_caps; c++)
        {
          gboolean named_again = FALSE;

          if (!seen_before (self, ci[c], SEEN_NAMES, k))
            continue;
          for (guint j = k; j < after && !named_again; j++)
            named_again = in_list (_ce_segmenter_para_hashes (self, &paras[j]) + paras[j].n_content
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
                    && !in_list (_ce_segmenter_para_hashes (self, prev) + prev->n_content,
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
             && _ce_segmenter_is_closing_formula (self->body->str + prev->start, p->sep - prev->start) ? 1.5 : 0)
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
  _ce_segmenter_emit_article (self);

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

void
_ce_segmenter_count_article (CeSegmenter *self)
{
  const Para *last;
  guint words;

  if (!_ce_segmenter_detects_subjects (self) || self->paras->len == 0)
    return;

  last = _ce_segmenter_last_para (self);
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
void
_ce_segmenter_estimate_length (CeSegmenter *self)
{
  guint words = 0;
  gboolean any_hard = FALSE;

  if (!_ce_segmenter_detects_subjects (self))
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
          _ce_segmenter_analyse_line (self->pending_text->str + pl->start, pl->len, &li);
          if (li.len == 0)
            continue;
          ends = _ce_segmenter_is_separator_line (&li) || _ce_segmenter_parse_tag_line (&li, &tag, &tag_len);
          starts = !ends && (((guchar) li.text[0] & 0x80) != 0 || g_ascii_isupper (li.text[0]))
                   && _ce_segmenter_parse_dateline (&li, &place_len, &rest_start);
          if (ends)
            words += _ce_segmenter_count_words (li.text, li.len);
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
        words += _ce_segmenter_count_words (li.text, li.len);
    }
}

/* Where datelines or tag lines delimit most articles, a boundary between
 * them is best decided when the article is complete, from its length;
 * without them (or when one is long overdue) it is decided as the text
 * goes. */
static gboolean
defers_subjects (CeSegmenter *self)
{
  const Para *last = _ce_segmenter_last_para (self);

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
void
_ce_segmenter_decide_subjects (CeSegmenter *self,
                               gboolean     at_end,
                               gboolean     hard)
{
  if (!_ce_segmenter_detects_subjects (self) || self->paras->len == 0)
    return;

  if (at_end)
    {
      const Para *last = _ce_segmenter_last_para (self);

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

void
_ce_segmenter_close_para (CeSegmenter *self)
{
  Para *p;
  gsize bar;

  if (!self->para_open)
    return;

  self->para_open = FALSE;
  p = _ce_segmenter_last_para (self);

  if (p->start == self->body->len)
    {
      _ce_segmenter_drop_last_para (self);
      return;
    }

  /* A photo caption repeats a sentence of the article and ends in the
   * credit: drop it, or only its last sentence when the paragraph is too
   * long to be a caption alone. */
  if (p->kind == PARA_TEXT && !self->reflow_only
      && _ce_segmenter_find_photo_credit (self->body->str + p->start, self->body->len - p->start, &bar))
    {
      const char *text = self->body->str + p->start;

      if (_ce_segmenter_count_sentences (text, bar) <= 2)
        {
          _ce_segmenter_drop_last_para (self);
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

  if (_ce_segmenter_detects_subjects (self))
    {
      analyse_last_para (self);
      _ce_segmenter_decide_subjects (self, FALSE, FALSE);
    }
}
