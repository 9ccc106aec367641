/* gen-corpus-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Articles: a title, a dateline and paragraphs of sentences with names,
 * numbers, quotes and headings, laid out as they are drawn.
 */

#include "gen-corpus-private.h"

void
text_init (Text  *t,
           guint  wrap)
{
  t->cap = 1 << 15;
  t->data = g_malloc (t->cap);
  t->wrap = wrap;
  t->len = 0;
  t->col = 0;
  t->fresh = TRUE;
}

static void
text_clear (Text *t)
{
  t->len = 0;
  t->col = 0;
  t->fresh = TRUE;
}

/* A multi-word name: each word is a unit, so a name may wrap */
static void
text_name (Text       *t,
           const char *pre,
           const char *name,
           const char *suf)
{
  const char *p = name;

  for (;;)
    {
      const char *space = strchr (p, ' ');

      if (space == NULL)
        {
          text_unit (t, pre, p, strlen (p), FALSE, suf);
          return;
        }
      text_unit (t, pre, p, space - p, FALSE, "");
      pre = "";
      p = space + 1;
    }
}

static void
text_paragraph_break (Text *t)
{
  text_reserve (t, 1);
  t->data[t->len++] = '\n';
  t->col = 0;
  t->fresh = TRUE;
}

static const Entity *
draw_entity (Model    *model,
             gboolean  speaker)
{
  const Entity *entity;

  /* Places do not speak */
  do
    entity = g_ptr_array_index (model->entities, zipf_draw (&model->entity_zipf, &model->rng));
  while (speaker && entity->kind == ENTITY_PLACE);

  return entity;
}

static void
append_entity (Model      *model,
               Text       *t,
               const char *pre,
               gboolean    may_shorten,
               gboolean    speaker,
               const char *suf)
{
  const Entity *entity = draw_entity (model, speaker);

  if (may_shorten && entity->kind == ENTITY_PERSON && rng_chance (&model->rng, 0.35))
    text_name (t, pre, entity->short_name, suf);
  else
    text_name (t, pre, entity->name, suf);
}

static void
append_number (Model      *model,
               Text       *t,
               const char *suf)
{
  char number[32];

  switch (rng_below (&model->rng, 4))
    {
    case 0:
      g_snprintf (number, sizeof number, "%u", 2 + rng_below (&model->rng, 98));
      break;
    case 1:
      g_snprintf (number, sizeof number, "%u.%u", rng_below (&model->rng, 60), rng_below (&model->rng, 10));
      text_unit (t, "", number, strlen (number), FALSE, "");
      text_unit (t, "", "percent", 7, FALSE, suf);
      return;
    case 2:
      g_snprintf (number, sizeof number, "%u", FIRST_YEAR - 5 + rng_below (&model->rng, 15));
      break;
    default:
      g_snprintf (number, sizeof number, "%u,%03u", 1 + rng_below (&model->rng, 900), rng_below (&model->rng, 1000));
      break;
    }

  text_unit (t, "", number, strlen (number), FALSE, suf);
}

/* Appends one sentence of @n_words words (a name counts as one) and
 * returns the number of words it holds. */
static guint
append_sentence (Model *model,
                 Text  *t,
                 guint  n_words)
{
  gboolean quote = rng_chance (&model->rng, 0.12);
  const char *end = rng_chance (&model->rng, 0.03) ? "?" : ".";

  text_reserve (t, 2048);

  for (guint i = 0; i < n_words; i++)
    {
      guint64 r = rng_next (&model->rng);
      guint16 low = (guint16)r;
      const char *pre = (i == 0 && quote) ? "“" : "";
      const char *suf = "";
      const char *word;
      gsize len;

      /* Punctuation is known before the unit is placed, so the unit
       * wraps as a whole */
      if (i + 1 == n_words)
        suf = quote ? ",”" : end;
      else if (i + 2 < n_words && low < (guint16)(0.05 * 65536))
        suf = ",";
      else if (i + 3 < n_words && low > (guint16)(0.996 * 65536))
        suf = " —";

      if (r < P64 (0.015))
        append_entity (model, t, pre, i > 0, FALSE, suf);
      else if (r < P64 (0.023) && i > 0)
        append_number (model, t, suf);
      else if (r < P64 (0.52))
        {
          word = word_list_get (&model->function, zipf_draw (&model->function_zipf, &model->rng), &len);
          text_unit (t, pre, word, len, i == 0, suf);
        }
      else
        {
          word = draw_content_word (model, &len);
          text_unit (t, pre, word, len, i == 0, suf);
        }
    }

  if (quote)
    {
      append_entity (model, t, "", TRUE, TRUE, "");
      text_unit (t, "", "said", 4, FALSE, ".");
      return n_words + 2;
    }

  return n_words;
}

static void
append_heading (Model *model,
                Text  *t)
{
  guint n = 2 + rng_below (&model->rng, 3);

  text_reserve (t, 1024);
  for (guint i = 0; i < n; i++)
    {
      char upper[64];
      gsize len;
      const char *word = word_list_get (&model->content, zipf_draw (&model->content_zipf, &model->rng) % 3000, &len);

      len = MIN (len, sizeof upper);
      for (gsize j = 0; j < len; j++)
        upper[j] = g_ascii_toupper (word[j]);
      text_unit (t, "", upper, len, FALSE, "");
    }
  text_paragraph_break (t);
}

static void
civil_from_days (guint  day,
                 char  *out)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, FIRST_YEAR);
  g_date_add_days (&date, day);
  g_snprintf (out, 11, "%04u-%02u-%02u",
              g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
}

static void
generate_title (Model   *model,
                Article *article)
{
  guint n = 5 + rng_below (&model->rng, 6);

  text_clear (&article->title);
  text_reserve (&article->title, 1024);
  for (guint i = 0; i < n; i++)
    {
      const char *word;
      gsize len;

      if (i > 0 && rng_chance (&model->rng, 0.12))
        {
          append_entity (model, &article->title, "", FALSE, FALSE, "");
          continue;
        }

      if (rng_chance (&model->rng, 0.35))
        word = word_list_get (&model->function, zipf_draw (&model->function_zipf, &model->rng), &len);
      else
        word = draw_content_word (model, &len);
      text_unit (&article->title, "", word, len, i == 0, "");
    }
}

void
generate_article (Model   *model,
                  Article *article,
                  guint64  index,
                  guint64  expected)
{
  double u = rng_unit (&model->rng);
  guint target = 200 + (guint)(1300 * pow (u, 1.8));
  gboolean headings = target >= 500 && rng_chance (&model->rng, 0.3);
  guint next_heading = 4 + rng_below (&model->rng, 4);
  guint paragraphs = 0;
  guint day;

  text_clear (&article->text);
  article->words = 0;

  /* Dates advance with the article number, with a little jitter */
  day = (guint)(MIN (index, expected) * (N_DAYS - 1) / MAX (expected, 1)) + rng_below (&model->rng, 3);
  civil_from_days (MIN (day, N_DAYS - 1), article->date);

  article->source = sources[zipf_draw (&model->source_zipf, &model->rng)];
  article->section = sections[rng_below (&model->rng, n_sections)];
  article->place = NULL;
  if (rng_chance (&model->rng, 0.85))
    article->place = g_ptr_array_index (model->places, zipf_draw (&model->place_zipf, &model->rng));

  generate_title (model, article);

  if (article->place != NULL)
    {
      text_reserve (&article->text, 1024);
      text_name (&article->text, "", article->place->dateline, "");
      text_unit (&article->text, "", "—", strlen ("—"), FALSE, "");
    }

  while (article->words < target)
    {
      guint sentences = 1 + rng_below (&model->rng, 3);

      if (headings && paragraphs == next_heading && target - article->words > 150)
        {
          append_heading (model, &article->text);
          next_heading += 4 + rng_below (&model->rng, 5);
        }

      for (guint s = 0; s < sentences && article->words < target; s++)
        {
          guint n = 6 + rng_below (&model->rng, 14) + rng_below (&model->rng, 14);

          article->words += append_sentence (model, &article->text, n);
        }

      text_paragraph_break (&article->text);
      paragraphs++;
    }
}
