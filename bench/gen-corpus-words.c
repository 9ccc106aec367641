/* gen-corpus-words.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The generator's vocabulary: English function words, news words and
 * pseudo-words, people, places and organisations, and the Zipfian
 * tables their popularity is drawn from; the benchmark's queries.
 */

#include "gen-corpus-private.h"

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

const char * const sources[] = {
  "The Daily Ledger", "Northern Courier", "Capital Wire", "Harbour Times",
  "The Evening Standard-Post", "Continental Review",
};

const char * const sections[] = {
  "Politics", "Business", "World", "Technology", "Health", "Climate",
  "Culture", "Opinion",
};
const guint n_sections = G_N_ELEMENTS (sections);

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

void
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

void
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

