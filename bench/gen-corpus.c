/* gen-corpus.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates a deterministic, news-like corpus of a requested size for the
 * benchmarks: articles of 200 to 1,500 words over a Zipfian vocabulary
 * (English function words at the head, real news words next, then tens of
 * thousands of pronounceable pseudo-words), a few hundred named entities
 * with skewed popularity, datelines on most articles, all-capitals
 * subheadings, and dates spread over ten years.
 *
 *   gen-corpus --size 100M --seed 1 --form dump --out corpus.txt
 *   gen-corpus --size 100M --form folder --out corpus-dir
 *   gen-corpus --size 100M --form jsonl --out corpus.jsonl
 *   gen-corpus --seed 1 --queries        (the benchmark's query set)
 *
 * The same seed gives the same bytes on every machine: all randomness
 * comes from a SplitMix64 stream, never from libc or GLib.  Output is
 * streamed through a fixed buffer, so memory does not grow with the size.
 */

#define G_LOG_DOMAIN "gen-corpus"

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

static ZipfSlot *
alias_build (const double *weights,
             guint32       n)
{
  g_autofree double *p = g_new (double, n);
  g_autofree guint32 *small = g_new (guint32, n);
  g_autofree guint32 *large = g_new (guint32, n);
  ZipfSlot *slots = g_new (ZipfSlot, n);
  guint32 n_small = 0, n_large = 0;
  double sum = 0;

  for (guint32 i = 0; i < n; i++)
    sum += weights[i];

  for (guint32 i = 0; i < n; i++)
    {
      p[i] = weights[i] / sum * n;
      slots[i].alias = i;
      slots[i].threshold = G_MAXUINT32;
      if (p[i] < 1.0)
        small[n_small++] = i;
      else
        large[n_large++] = i;
    }

  while (n_small > 0 && n_large > 0)
    {
      guint32 s_i = small[--n_small];
      guint32 l_i = large[n_large - 1];

      slots[s_i].threshold = (guint32)(p[s_i] * 4294967295.0);
      slots[s_i].alias = l_i;
      p[l_i] -= 1.0 - p[s_i];
      if (p[l_i] < 1.0)
        {
          n_large--;
          small[n_small++] = l_i;
        }
    }

  return slots;
}

static void
zipf_init (Zipf    *zipf,
           guint32  n,
           double   s,
           double   q)
{
  static const guint32 ends[ZIPF_BANDS] = { 256, 2048, 16384, G_MAXUINT32 };
  g_autofree double *w = g_new (double, n);
  double total = 0, cumulative = 0;
  guint32 start = 0;

  for (guint32 i = 0; i < n; i++)
    total += w[i] = 1.0 / pow (i + 1 + q, s);

  for (guint b = 0; b < ZIPF_BANDS; b++)
    {
      guint32 end = MIN (n, ends[b]);

      zipf->start[b] = start;
      zipf->n[b] = end - start;
      zipf->slots[b] = zipf->n[b] > 0 ? alias_build (w + start, zipf->n[b]) : NULL;
      for (guint32 i = start; i < end; i++)
        cumulative += w[i];
      zipf->below[b] = end == n ? G_MAXUINT64 : (guint64)(cumulative / total * 18446744073709551615.0);
      start = end;
    }
}

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

static void
word_list_init (WordList *list)
{
  list->cells = g_array_new (FALSE, TRUE, sizeof (WordCell));
}

static void
word_list_add (WordList   *list,
               const char *text)
{
  WordCell cell = { 0 };

  cell.len = strlen (text);
  g_assert (cell.len <= WORD_MAX);
  memcpy (cell.text, text, cell.len);
  g_array_append_val (list->cells, cell);
}

static inline const char *
word_list_get (const WordList *list,
               guint           i,
               gsize          *len)
{
  const WordCell *cell = &g_array_index (list->cells, WordCell, i);

  *len = cell->len;
  return cell->text;
}

/* The head of the distribution, most frequent first */
static const char * const function_words[] = {
  "the", "of", "and", "to", "a", "in", "that", "is", "for", "on", "it", "with",
  "was", "as", "he", "be", "by", "at", "have", "has", "are", "from", "this",
  "but", "not", "an", "his", "they", "will", "who", "which", "their", "its",
  "had", "were", "been", "or", "would", "we", "more", "there", "about", "after",
  "also", "than", "one", "i", "up", "she", "her", "can", "all", "out", "other",
  "into", "when", "over", "could", "some", "what", "if", "them", "no", "so",
  "last", "two", "because", "do", "our", "those", "these", "you", "any", "him",
  "only", "such", "most", "against", "under", "while", "before", "between",
  "where", "since", "during", "through", "both", "then", "now", "may", "should",
  "many", "three", "being", "how", "very", "each", "much", "still", "did",
  "just", "even", "already", "until", "without", "another", "there", "however",
  "several", "among", "whether", "including", "across", "around", "does", "me",
  "my", "your", "us", "here", "why", "again", "off", "down", "well", "too",
  "ever", "never", "might", "must", "shall", "upon", "within", "toward",
  "towards", "though", "although", "unless", "whose", "whom", "yet", "either",
  "neither", "nor", "per", "via", "amid", "despite", "beyond", "behind",
  "below", "above", "along", "beside", "besides", "near", "onto", "past",
  "throughout", "unlike", "versus", "whereas", "wherever", "whenever",
  "whatever", "whichever", "whoever", "herself", "himself", "itself",
  "themselves", "ourselves", "myself", "yourself", "someone", "something",
  "anyone", "anything", "everyone", "everything", "nobody", "nothing",
  "somebody", "everybody", "few", "fewer", "less", "least", "little", "lot",
  "lots", "own", "same", "enough", "every", "first", "second", "third", "four",
  "five", "six", "seven", "eight", "nine", "ten", "hundred", "thousand",
  "million", "billion", "once", "twice", "often", "always", "sometimes",
  "rather", "quite", "almost", "nearly", "perhaps", "indeed", "instead",
  "otherwise", "therefore", "thus", "hence", "meanwhile", "moreover",
  "furthermore", "nevertheless", "nonetheless", "likewise", "accordingly",
  "anyway", "besides", "else", "ago", "away", "back", "forward", "later",
  "soon", "today", "tomorrow", "yesterday", "tonight", "together", "apart",
  "alone", "ahead", "aside", "below", "inside", "outside", "nowhere",
  "somewhere", "anywhere", "everywhere", "thereby", "therein", "whereby",
  "am", "being", "having", "doing", "done", "got", "get", "let", "lets",
  "ought", "cannot", "mine", "yours", "hers", "ours", "theirs", "thee",
  "hither", "thither", "whither", "albeit", "till", "whilst", "amongst",
  "beneath", "underneath", "alongside", "concerning", "regarding",
  "following", "plus", "minus", "save", "except", "excluding", "given",
  "considering", "pending", "barring", "notwithstanding", "round", "lest",
};

/* Real news words at the head of the content distribution */
static const char * const news_words[] = {
  "said", "year", "people", "government", "new", "minister", "president",
  "country", "percent", "told", "state", "time", "years", "police", "officials",
  "week", "month", "world", "group", "former", "public", "party", "national",
  "city", "report", "security", "law", "court", "company", "market", "trade",
  "economy", "election", "military", "foreign", "health", "police", "war",
  "prime", "leader", "support", "deal", "plan", "policy", "business", "money",
  "billion", "tax", "budget", "bank", "workers", "union", "energy", "climate",
  "China", "Chinese", "Beijing", "Europe", "European", "Russia", "Russian",
  "Ukraine", "American", "British", "French", "German", "tariffs", "prices",
  "inflation", "growth", "investment", "talks", "agreement", "sanctions",
  "parliament", "vote", "voters", "campaign", "candidate", "opposition",
  "coalition", "reform", "crisis", "conflict", "ceasefire", "troops", "border",
  "migration", "refugees", "asylum", "hospital", "doctors", "patients",
  "vaccine", "pandemic", "schools", "students", "teachers", "housing", "rents",
  "families", "children", "women", "men", "spokesperson", "statement",
  "announced", "according", "added", "expected", "called", "warned", "asked",
  "including", "despite", "recent", "major", "international", "local",
  "regional", "federal", "council", "committee", "commission", "agency",
  "ministry", "department", "office", "authorities", "investigation", "probe",
  "allegations", "charges", "trial", "judge", "ruling", "appeal", "rights",
  "protest", "protesters", "strike", "industry", "companies", "technology",
  "data", "online", "platform", "social", "media", "artificial", "intelligence",
  "digital", "internet", "privacy", "exports", "imports", "steel", "oil", "gas",
  "wind", "solar", "nuclear", "emissions", "carbon", "water", "food", "farmers",
  "drought", "flood", "storm", "fire", "disaster", "aid", "debt", "loan",
  "interest", "rates", "jobs", "unemployment", "wages", "pension", "spending",
  "cuts", "deficit", "summit", "visit", "diplomats", "ambassador", "embassy",
  "allies", "alliance", "defence", "weapons", "missile", "attack", "killed",
  "injured", "victims", "suspect", "arrested", "prison", "sentence",
};

static const char * const real_places[] = {
  "London", "Beijing", "Washington", "Paris", "Brussels", "Berlin", "Tokyo",
  "New Delhi", "Moscow", "Kyiv", "Rome", "Madrid", "Lisbon", "Warsaw",
  "Vienna", "Geneva", "Stockholm", "Oslo", "Helsinki", "Copenhagen", "Dublin",
  "Edinburgh", "Ottawa", "Mexico City", "Brasilia", "Buenos Aires", "Nairobi",
  "Lagos", "Cairo", "Johannesburg", "Ankara", "Tehran", "Riyadh", "Dubai",
  "Jerusalem", "Seoul", "Shanghai", "Hong Kong", "Singapore", "Jakarta",
  "Canberra", "Sydney", "New York", "San Francisco", "Los Angeles",
};

static const char * const sources[] = {
  "The Daily Ledger", "Northern Courier", "Capital Wire", "Harbour Times",
  "The Evening Standard-Post", "Continental Review",
};

static const char * const sections[] = {
  "Politics", "Business", "World", "Technology", "Health", "Climate",
  "Culture", "Opinion",
};

static const char * const onsets[] = {
  "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t",
  "v", "w", "z", "br", "cr", "dr", "fr", "gr", "pr", "tr", "bl", "cl", "fl",
  "gl", "pl", "sl", "st", "sp", "sh", "ch", "th", "sk", "sn", "sm", "qu", "",
};

static const char * const vowels[] = {
  "a", "e", "i", "o", "u", "a", "e", "i", "o", "ai", "ea", "ou", "io", "ee",
  "oo", "ia", "y",
};

static const char * const codas[] = {
  "", "", "", "", "n", "r", "l", "s", "t", "m", "nd", "st", "nt", "rk", "sh",
  "ck", "ng", "x", "ld", "rn",
};

static const char * const suffixes[] = {
  "tion", "ism", "er", "ing", "ed", "ly", "ment", "ity", "ous", "al", "ness",
  "ist", "ive", "ance", "ure",
};

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

static char *
make_pseudo_word (Rng   *rng,
                  guint  n_syllables)
{
  GString *word = g_string_new (NULL);

  for (guint i = 0; i < n_syllables; i++)
    {
      g_string_append (word, onsets[rng_below (rng, G_N_ELEMENTS (onsets))]);
      g_string_append (word, vowels[rng_below (rng, G_N_ELEMENTS (vowels))]);
      if (i + 1 == n_syllables ? rng_chance (rng, 0.6) : rng_chance (rng, 0.15))
        g_string_append (word, codas[rng_below (rng, G_N_ELEMENTS (codas))]);
    }

  if (n_syllables > 1 && rng_chance (rng, 0.25))
    g_string_append (word, suffixes[rng_below (rng, G_N_ELEMENTS (suffixes))]);

  return g_string_free (word, FALSE);
}

static char *
capitalise (const char *word)
{
  char *copy = g_strdup (word);

  copy[0] = g_ascii_toupper (copy[0]);
  return copy;
}

/* A fresh capitalised pseudo-word not yet used anywhere */
static char *
make_unique_name (Rng        *rng,
                  GHashTable *seen,
                  guint       min_syllables)
{
  for (;;)
    {
      g_autofree char *word = make_pseudo_word (rng, min_syllables + rng_below (rng, 2));

      if (strlen (word) >= 4 && !g_hash_table_contains (seen, word))
        {
          g_hash_table_add (seen, g_strdup (word));
          return capitalise (word);
        }
    }
}

static Entity *
entity_new (EntityKind  kind,
            char       *name,
            const char *short_name)
{
  Entity *entity = g_new0 (Entity, 1);

  entity->kind = kind;
  entity->name = name;
  entity->short_name = g_strdup (short_name ? short_name : name);
  if (kind == ENTITY_PLACE)
    {
      g_autofree char *upper = g_utf8_strup (name, -1);
      entity->dateline = g_steal_pointer (&upper);
    }

  return entity;
}

static void
model_init (Model   *model,
            guint64  seed)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) people = g_ptr_array_new ();
  g_autoptr(GPtrArray) orgs = g_ptr_array_new ();
  g_autoptr(GPtrArray) generated_places = g_ptr_array_new ();
  Rng rng = { seed * G_GUINT64_CONSTANT (0x2545f4914f6cdd1d) + 1 };
  static const char * const org_patterns[] = {
    "%s Bank", "Ministry of %s", "%s Group", "National %s Council",
    "%s University", "%s Party", "%s Institute", "%s Holdings", "%s Energy",
    "%s Foundation",
  };
  static const char * const place_patterns[] = {
    "%s", "%s", "%s", "Port %s", "New %s", "San %s", "%s City",
  };

  model->rng.state = seed;
  word_list_init (&model->function);
  word_list_init (&model->content);

  for (guint i = 0; i < G_N_ELEMENTS (function_words); i++)
    if (g_hash_table_add (seen, g_strdup (function_words[i])))
      word_list_add (&model->function, function_words[i]);

  for (guint i = 0; i < G_N_ELEMENTS (news_words); i++)
    if (g_hash_table_add (seen, g_strdup (news_words[i])))
      word_list_add (&model->content, news_words[i]);

  /* Rarer words are longer, as in real text */
  while (model->content.cells->len < G_N_ELEMENTS (news_words) + N_PSEUDO_WORDS)
    {
      guint rank = model->content.cells->len;
      guint syllables = 1 + (rank > 2000) + rng_below (&rng, 2);
      char *word = make_pseudo_word (&rng, syllables);

      if (strlen (word) < 3 || strlen (word) > WORD_MAX - 1 || g_hash_table_contains (seen, word))
        {
          g_free (word);
          continue;
        }

      g_hash_table_add (seen, word);
      word_list_add (&model->content, word);
    }

  for (guint i = 0; i < N_PEOPLE; i++)
    {
      g_autofree char *first = make_unique_name (&rng, seen, 1);
      g_autofree char *last = make_unique_name (&rng, seen, 2);

      g_ptr_array_add (people, entity_new (ENTITY_PERSON, g_strconcat (first, " ", last, NULL), last));
    }

  for (guint i = 0; i < N_GENERATED_PLACES; i++)
    {
      g_autofree char *stem = make_unique_name (&rng, seen, 2);
      const char *pattern = place_patterns[rng_below (&rng, G_N_ELEMENTS (place_patterns))];

      g_ptr_array_add (generated_places, entity_new (ENTITY_PLACE, g_strdup_printf (pattern, stem), NULL));
    }

  for (guint i = 0; i < N_ORGANISATIONS; i++)
    {
      g_autofree char *stem = make_unique_name (&rng, seen, 2);
      const char *pattern = org_patterns[rng_below (&rng, G_N_ELEMENTS (org_patterns))];

      g_ptr_array_add (orgs, entity_new (ENTITY_ORGANISATION, g_strdup_printf (pattern, stem), NULL));
    }

  /* Interleave the kinds so every kind has popular and rare members; real
   * places lead the place list, so datelines favour LONDON and BEIJING. */
  model->entities = g_ptr_array_new ();
  model->places = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (real_places); i++)
    g_ptr_array_add (model->places, entity_new (ENTITY_PLACE, g_strdup (real_places[i]), NULL));
  for (guint i = 0; i < generated_places->len; i++)
    g_ptr_array_add (model->places, g_ptr_array_index (generated_places, i));

  for (guint i = 0; i < MAX (people->len, MAX (orgs->len, model->places->len)); i++)
    {
      if (i < people->len)
        g_ptr_array_add (model->entities, g_ptr_array_index (people, i));
      if (i < model->places->len)
        g_ptr_array_add (model->entities, g_ptr_array_index (model->places, i));
      if (i < orgs->len)
        g_ptr_array_add (model->entities, g_ptr_array_index (orgs, i));
    }

  zipf_init (&model->function_zipf, model->function.cells->len, 1.0, 1.0);
  zipf_init (&model->content_zipf, model->content.cells->len, 1.0, 2.7);
  zipf_init (&model->entity_zipf, model->entities->len, 1.0, 3.0);
  zipf_init (&model->place_zipf, model->places->len, 1.1, 0.5);
  zipf_init (&model->source_zipf, G_N_ELEMENTS (sources), 1.0, 1.0);

  for (guint i = 0; i < LOOKAHEAD; i++)
    model->raw[i] = zipf_draw_raw (&model->content_zipf, &model->rng);
  for (guint i = 0; i < LOOKAHEAD; i++)
    {
      model->ready[i] = zipf_resolve (&model->content_zipf, model->raw[i]);
      model->raw[i] = zipf_draw_raw (&model->content_zipf, &model->rng);
    }
}

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

static void
out_flush (Out *out)
{
  if (out->len > 0 && fwrite (out->buf, 1, out->len, out->file) != out->len)
    {
      g_printerr ("gen-corpus: %s: %s\n", out->path, g_strerror (errno));
      exit (1);
    }
  out->len = 0;
}

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

static gboolean
out_open (Out         *out,
          const char  *path)
{
  out->file = fopen (path, "wb");
  if (out->file == NULL)
    {
      g_printerr ("gen-corpus: cannot write %s: %s\n", path, g_strerror (errno));
      return FALSE;
    }

  g_free (out->path);
  out->path = g_strdup (path);
  if (out->buf == NULL)
    out->buf = g_malloc (OUT_BUFFER_SIZE);
  out->len = 0;
  return TRUE;
}

static void
out_close (Out *out)
{
  out_flush (out);
  if (fclose (out->file) != 0)
    {
      g_printerr ("gen-corpus: %s: %s\n", out->path, g_strerror (errno));
      exit (1);
    }
  out->file = NULL;
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

static void
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

static void
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
  article->section = sections[rng_below (&model->rng, G_N_ELEMENTS (sections))];
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

/* Our text holds no ASCII quote, backslash or control character other
 * than '\n', but escape them all anyway so the output is valid JSON. */
static void
write_json_string (Out        *out,
                   const char *p,
                   gsize       len,
                   gboolean    paragraphs)
{
  const char *run = p, *end = p + len;

  out_char (out, '"');
  for (; p < end; p++)
    {
      guchar c = *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      out_write (out, run, p - run);
      run = p + 1;
      if (c == '\n')
        out_write (out, paragraphs ? "\\n\\n" : "\\n", paragraphs ? 4 : 2);
      else if (c == '"' || c == '\\')
        {
          out_char (out, '\\');
          out_char (out, c);
        }
      else
        {
          char escape[8];
          g_snprintf (escape, sizeof escape, "\\u%04x", c);
          out_write (out, escape, 6);
        }
    }
  out_write (out, run, end - run);
  out_char (out, '"');
}

static void
write_jsonl (Out           *out,
             const Article *article)
{
  out_write (out, "{\"title\":", 9);
  write_json_string (out, article->title.data, article->title.len, FALSE);
  out_write (out, ",\"date\":\"", 9);
  out_write (out, article->date, 10);
  out_write (out, "\",\"place\":", 10);
  if (article->place != NULL)
    write_json_string (out, article->place->name, strlen (article->place->name), FALSE);
  else
    out_write (out, "null", 4);
  out_write (out, ",\"source\":", 10);
  write_json_string (out, article->source, strlen (article->source), FALSE);
  out_write (out, ",\"section\":", 11);
  write_json_string (out, article->section, strlen (article->section), FALSE);
  out_write (out, ",\"text\":", 8);
  /* Paragraphs end with '\n': drop the last one, double the others */
  write_json_string (out, article->text.data, article->text.len - 1, TRUE);
  out_write (out, "}\n", 2);
}

static char *
article_file_name (const Article *article,
                   guint64        index)
{
  GString *name = g_string_new (article->date);
  guint words = 0;

  g_string_append_c (name, '-');
  for (gsize i = 0; i < article->title.len && words < 6; i++)
    {
      const char *p = article->title.data + i;

      if (g_ascii_isalnum (*p))
        g_string_append_c (name, g_ascii_tolower (*p));
      else if (*p == ' ' && name->str[name->len - 1] != '-')
        {
          g_string_append_c (name, '-');
          words++;
        }
    }
  if (name->str[name->len - 1] != '-')
    g_string_append_c (name, '-');

  /* The article number keeps names unique without remembering them */
  g_string_append_printf (name, "%06" G_GINT64_MODIFIER "x.txt", index);
  return g_string_free (name, FALSE);
}

static guint64
parse_size (const char *text)
{
  char *end = NULL;
  double value;

  errno = 0;
  value = g_ascii_strtod (text, &end);
  if (errno != 0 || end == text || value <= 0)
    return 0;

  switch (g_ascii_toupper (*end))
    {
    case 0: break;
    case 'K': value *= 1e3; end++; break;
    case 'M': value *= 1e6; end++; break;
    case 'G': value *= 1e9; end++; break;
    default: return 0;
    }

  if (*end == 'B' || *end == 'b')
    end++;

  return *end == 0 ? (guint64)value : 0;
}

static void
print_queries (Model *model)
{
  gsize len;
  const char *w;
  const Entity *person = NULL, *org = NULL;
  guint n_news = G_N_ELEMENTS (news_words) - 1;

  for (guint i = 0; i < model->entities->len && (person == NULL || org == NULL); i++)
    {
      const Entity *e = g_ptr_array_index (model->entities, i);

      if (e->kind == ENTITY_PERSON && person == NULL)
        person = e;
      if (e->kind == ENTITY_ORGANISATION && org == NULL)
        org = e;
    }

  /* Lines of NAME<TAB>FTS5 QUERY; rare is a pseudo-word far down the tail */
  w = word_list_get (&model->content, n_news + 40000, &len);
  g_print ("rare\t%.*s\n", (int)len, w);
  g_print ("common\tgovernment\n");
  g_print ("phrase\t\"%s\"\n", person->name);
  w = word_list_get (&model->content, n_news + 2000, &len);
  g_print ("or4\tchina OR tariffs OR \"%s\" OR %.*s\n", org->name, (int)len, w);

  /* Topics of four terms each, for counting */
  g_print ("topic:China\tchina OR chinese OR beijing OR \"%s\"\n", person->name);
  g_print ("topic:Climate\tclimate OR emissions OR carbon OR drought\n");
  g_print ("topic:Economy\tinflation OR prices OR wages OR unemployment\n");
  g_print ("topic:Health\thospital OR doctors OR patients OR vaccine\n");
  w = word_list_get (&model->content, n_news + 500, &len);
  g_print ("topic:Tech\ttechnology OR data OR \"artificial intelligence\" OR %.*s\n", (int)len, w);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *form_text = NULL;
  g_autofree char *out_path = NULL;
  gint64 seed = 1;
  gboolean queries = FALSE;
  guint64 size, expected, index = 0, bytes = 0;
  gint64 start;
  clock_t cpu_start;
  double seconds, cpu_seconds;
  Form form;
  Model model = { 0 };
  Article article = { 0 };
  Out out = { 0 };
  const GOptionEntry entries[] = {
    { "size", 0, 0, G_OPTION_ARG_STRING, &size_text, "Bytes to write (suffixes K, M, G)", "SIZE" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Random seed (default 1)", "N" },
    { "form", 0, 0, G_OPTION_ARG_STRING, &form_text, "dump, folder or jsonl", "FORM" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_path, "Output file or folder", "PATH" },
    { "queries", 0, 0, G_OPTION_ARG_NONE, &queries, "Print the benchmark queries for this seed", NULL },
    { NULL }
  };

  context = g_option_context_new ("- generate a news-like benchmark corpus");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("gen-corpus: %s\n", error->message);
      return 2;
    }

  model_init (&model, (guint64)seed);

  if (queries)
    {
      print_queries (&model);
      return 0;
    }

  if (size_text == NULL || (size = parse_size (size_text)) == 0)
    {
      g_printerr ("gen-corpus: --size is required, e.g. --size 100M\n");
      return 2;
    }

  if (form_text == NULL || g_str_equal (form_text, "dump"))
    form = FORM_DUMP;
  else if (g_str_equal (form_text, "folder"))
    form = FORM_FOLDER;
  else if (g_str_equal (form_text, "jsonl"))
    form = FORM_JSONL;
  else
    {
      g_printerr ("gen-corpus: unknown --form “%s”: use dump, folder or jsonl\n", form_text);
      return 2;
    }

  if (out_path == NULL)
    {
      g_printerr ("gen-corpus: --out is required\n");
      return 2;
    }

  if (form == FORM_FOLDER)
    {
      if (g_mkdir_with_parents (out_path, 0755) != 0)
        {
          g_printerr ("gen-corpus: cannot create %s: %s\n", out_path, g_strerror (errno));
          return 1;
        }
    }
  else if (!out_open (&out, out_path))
    return 1;

  text_init (&article.title, 0);
  text_init (&article.text, form == FORM_JSONL ? 0 : WRAP_COLUMNS);
  expected = MAX (size / AVERAGE_ARTICLE_BYTES, 1);
  start = g_get_monotonic_time ();
  cpu_start = clock ();

  while (bytes < size)
    {
      generate_article (&model, &article, index, expected);

      switch (form)
        {
        case FORM_DUMP:
          out_write (&out, article.text.data, article.text.len);
          bytes = out.total;
          break;

        case FORM_JSONL:
          write_jsonl (&out, &article);
          bytes = out.total;
          break;

        case FORM_FOLDER:
          {
            g_autofree char *year_dir = g_build_filename (out_path, (char[]) { article.date[0], article.date[1], article.date[2], article.date[3], 0 }, NULL);
            g_autofree char *name = article_file_name (&article, index);
            g_autofree char *path = g_build_filename (year_dir, name, NULL);

            if (g_mkdir_with_parents (year_dir, 0755) != 0)
              {
                g_printerr ("gen-corpus: cannot create %s: %s\n", year_dir, g_strerror (errno));
                return 1;
              }
            if (!out_open (&out, path))
              return 1;
            out.total = bytes;
            out_write (&out, article.title.data, article.title.len);
            out_char (&out, '\n');
            out_write (&out, article.text.data, article.text.len);
            bytes = out.total;
            out_close (&out);
          }
          break;

        default:
          g_assert_not_reached ();
        }

      index++;
    }

  if (form != FORM_FOLDER)
    out_close (&out);

  /* CPU time too: on a busy machine the wall clock says little */
  seconds = (g_get_monotonic_time () - start) / 1e6;
  cpu_seconds = (double)(clock () - cpu_start) / CLOCKS_PER_SEC;
  g_printerr ("gen-corpus: %" G_GUINT64_FORMAT " articles, %" G_GUINT64_FORMAT " bytes in %.2f s"
              " (%.0f MB/s; %.2f s of CPU, %.0f MB/s)\n",
              index, bytes, seconds, bytes / 1e6 / MAX (seconds, 1e-6),
              cpu_seconds, bytes / 1e6 / MAX (cpu_seconds, 1e-6));
  return 0;
}
