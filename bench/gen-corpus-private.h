/* gen-corpus-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the parts of the benchmark's corpus generator share:
 * gen-corpus-words.c (the vocabulary, names and their popularity),
 * gen-corpus-text.c (articles laid out as they are drawn) and
 * gen-corpus.c (the writers and main).  The hot draws stay inline here.
 */

#pragma once

#ifndef G_LOG_DOMAIN
#define G_LOG_DOMAIN "gen-corpus"
#endif

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define WRAP_COLUMNS 80
#define N_PSEUDO_WORDS 60000
#define N_PEOPLE 160
#define N_GENERATED_PLACES 40
#define N_ORGANISATIONS 100
#define FIRST_YEAR 2015
#define N_DAYS 3653 /* 2015-01-01 .. 2024-12-31 */
#define AVERAGE_ARTICLE_BYTES 4650

typedef enum
{
  FORM_DUMP,
  FORM_FOLDER,
  FORM_JSONL,
} Form;

/* SplitMix64: tiny, fast and the same everywhere */
typedef struct
{
  guint64 state;
} Rng;

static inline guint64
rng_next (Rng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline guint32
rng_below (Rng     *rng,
           guint32  n)
{
  return (guint32)(((rng_next (rng) >> 32) * n) >> 32);
}

static inline double
rng_unit (Rng *rng)
{
  return (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

static inline gboolean
rng_chance (Rng    *rng,
            double  p)
{
  return rng_unit (rng) < p;
}

/* Walker's alias method: O(1) draws from a Zipf–Mandelbrot distribution.
 * An alias table is read at a uniformly random slot, which misses the
 * cache on a big vocabulary, so the ranks are cut into bands of growing
 * width (most of the mass sits in the small first band) and a first
 * draw picks the band: the big tables are touched only for rare words. */
typedef struct
{
  guint32 threshold;
  guint32 alias;
} ZipfSlot;

#define ZIPF_BANDS 4

typedef struct
{
  guint32   start[ZIPF_BANDS];
  guint32   n[ZIPF_BANDS];
  guint64   below[ZIPF_BANDS]; /* P(band <= b), scaled to 2^64 */
  ZipfSlot *slots[ZIPF_BANDS];
} Zipf;

typedef struct
{
  guint32 band;
  guint32 slot;
  guint32 coin;
} ZipfRaw;

static inline ZipfRaw
zipf_draw_raw (const Zipf *zipf,
               Rng        *rng)
{
  guint64 r = rng_next (rng);
  ZipfRaw raw = { 0 };

  while (r > zipf->below[raw.band])
    raw.band++;

  r = rng_next (rng);
  raw.slot = (guint32)(((r >> 32) * zipf->n[raw.band]) >> 32);
  raw.coin = (guint32)r;
  return raw;
}

static inline guint32
zipf_resolve (const Zipf *zipf,
              ZipfRaw     raw)
{
  const ZipfSlot *slot = &zipf->slots[raw.band][raw.slot];

  return zipf->start[raw.band] + (raw.coin <= slot->threshold ? raw.slot : slot->alias);
}

static inline guint32
zipf_draw (const Zipf *zipf,
           Rng        *rng)
{
  return zipf_resolve (zipf, zipf_draw_raw (zipf, rng));
}

/* Words are cells of 16 bytes holding their own text, so drawing a word
 * touches one cache line */
#define WORD_MAX 15

typedef struct
{
  guint8 len;
  char   text[WORD_MAX];
} WordCell;

typedef struct
{
  GArray *cells;
} WordList;

static inline const char *
word_list_get (const WordList *list,
               guint           i,
               gsize          *len)
{
  const WordCell *cell = &g_array_index (list->cells, WordCell, i);

  *len = cell->len;
  return cell->text;
}

#define LOOKAHEAD 8

typedef enum
{
  ENTITY_PERSON,
  ENTITY_PLACE,
  ENTITY_ORGANISATION,
} EntityKind;

typedef struct
{
  char       *name;      /* "Marta Velando" */
  char       *short_name; /* "Velando", for later mentions */
  char       *dateline;  /* "NEW VELANDO", for places */
  EntityKind  kind;
} Entity;

typedef struct
{
  Rng       rng;
  WordList  function;
  WordList  content;
  GPtrArray *entities;  /* Entity*, in popularity order */
  GPtrArray *places;    /* Entity*, borrowed, in popularity order */
  Zipf      function_zipf;
  Zipf      content_zipf;
  Zipf      entity_zipf;
  Zipf      place_zipf;
  Zipf      source_zipf;

  /* Content words are drawn LOOKAHEAD draws ahead, in two stages, so the
   * cache misses on the big tables overlap with other work */
  ZipfRaw   raw[LOOKAHEAD];
  guint32   ready[LOOKAHEAD];
  guint     next;
} Model;

static inline const char *
draw_content_word (Model *model,
                   gsize *len)
{
  guint k = model->next;
  guint32 word = model->ready[k];
  const Zipf *zipf = &model->content_zipf;

  model->ready[k] = zipf_resolve (zipf, model->raw[k]);
  __builtin_prefetch (&g_array_index (model->content.cells, WordCell, model->ready[k]));
  model->raw[k] = zipf_draw_raw (zipf, &model->rng);
  __builtin_prefetch (&zipf->slots[model->raw[k].band][model->raw[k].slot]);
  model->next = (k + 1) % LOOKAHEAD;

  return word_list_get (&model->content, word, len);
}

/* Buffered output to one file descriptor */
typedef struct
{
  FILE    *file;
  char    *path;
  char    *buf;
  gsize    len;
  guint64  total;
} Out;

#define OUT_BUFFER_SIZE (1 << 20)

/* gen-corpus.c: writes out what the buffer holds */
void out_flush (Out *out);

static inline void
out_write (Out        *out,
           const char *text,
           gsize       len)
{
  if (out->len + len > OUT_BUFFER_SIZE)
    {
      out_flush (out);
      /* Larger than the buffer: write it straight through */
      if (len > OUT_BUFFER_SIZE)
        {
          if (fwrite (text, 1, len, out->file) != len)
            {
              g_printerr ("gen-corpus: %s: %s\n", out->path, g_strerror (errno));
              exit (1);
            }
          out->total += len;
          return;
        }
    }

  memcpy (out->buf + out->len, text, len);
  out->len += len;
  out->total += len;
}

static inline void
out_char (Out  *out,
          char  c)
{
  if (out->len == OUT_BUFFER_SIZE)
    out_flush (out);
  out->buf[out->len++] = c;
  out->total++;
}

/* Text under construction: tokens are laid out as they are appended, so
 * the dump form comes out wrapped at 80 columns without a second pass.
 * A unit (a word with its attached punctuation) never splits; columns
 * count characters, not bytes (the dash and curly quotes are 3 bytes). */
typedef struct
{
  char     *data;
  gsize     len;
  gsize     cap;
  guint     col;
  guint     wrap;   /* 0: one line per paragraph */
  gboolean  fresh;  /* at the start of a paragraph */
} Text;

/* Every append below stays within 1 KB, so one reservation per sentence
 * covers it. */
static inline void
text_reserve (Text  *t,
              gsize  n)
{
  if (t->len + n > t->cap)
    {
      t->cap = MAX (t->cap * 2, t->len + n);
      t->data = g_realloc (t->data, t->cap);
    }
}

static inline guint
utf8_columns (const char *s,
              gsize       len)
{
  guint cols = 0;

  for (gsize i = 0; i < len; i++)
    cols += ((guchar)s[i] & 0xc0) != 0x80;
  return cols;
}

static inline void
text_put (Text       *t,
          const char *s,
          gsize       len)
{
  memcpy (t->data + t->len, s, len);
  t->len += len;
}

/* Appends PRE WORD SUF as one unit; PRE and SUF are short and may be "" */
static inline void
text_unit (Text       *t,
           const char *pre,
           const char *word,
           gsize       len,
           gboolean    capital,
           const char *suf)
{
  gsize pre_len = 0, suf_len = 0;
  /* Vocabulary and names are ASCII; only the dateline dash is not */
  guint cols = ((guchar)word[0] & 0x80) ? utf8_columns (word, len) : len;

  if (pre[0] != 0)
    {
      pre_len = strlen (pre);
      cols += utf8_columns (pre, pre_len);
    }
  if (suf[0] != 0)
    {
      suf_len = strlen (suf);
      cols += utf8_columns (suf, suf_len);
    }

  if (!t->fresh)
    {
      if (t->wrap > 0 && t->col + 1 + cols > t->wrap)
        {
          t->data[t->len++] = '\n';
          t->col = 0;
        }
      else
        {
          t->data[t->len++] = ' ';
          t->col++;
        }
    }

  t->fresh = FALSE;
  text_put (t, pre, pre_len);
  if (capital)
    {
      t->data[t->len] = g_ascii_toupper (word[0]);
      memcpy (t->data + t->len + 1, word + 1, len - 1);
      t->len += len;
    }
  else
    text_put (t, word, len);
  text_put (t, suf, suf_len);
  t->col += cols;
}

/* One article, built in memory (a few kilobytes) and then written */
typedef struct
{
  Text          title;
  Text          text;  /* paragraphs end with '\n' */
  const Entity *place;
  const char   *source;
  const char   *section;
  char          date[11];
  guint         words;
} Article;

/* Probabilities as thresholds on a 64-bit draw */
#define P64(p) ((guint64)((p) * 18446744073709551615.0))

/* gen-corpus-words.c */
extern const char * const sources[];
extern const char * const sections[];
extern const guint n_sections;

void model_init    (Model   *model,
                    guint64  seed);
void print_queries (Model   *model);

/* gen-corpus-text.c */
void text_init        (Text    *t,
                       guint    wrap);
void generate_article (Model   *model,
                       Article *article,
                       guint64  index,
                       guint64  expected);
