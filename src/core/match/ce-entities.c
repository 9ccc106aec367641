/* ce-entities.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-entities"

#include "config.h"

#include <string.h>

#include "ce-corpus.h"
#include "ce-draft.h"
#include "ce-entities.h"

/* Names are computed on demand in one pass over the bodies: a few
 * milliseconds per megabyte of text, fast enough for corpora of tens of
 * thousands of articles, so no table has to be kept in step. */

#define MAX_RUN 6
#define MIN_COUNT 2

/* Capitalised at the start of a sentence, or as a run's first word */
static const char * const common_words[] = {
  "A", "About", "According", "After", "Again", "Against", "All", "Also", "Although", "An",
  "And", "Another", "Any", "Are", "As", "Asked", "At", "Be", "Because", "Before", "Both",
  "But", "By", "Can", "Could", "Despite", "Did", "Do", "Does", "Each", "Even", "Every",
  "Few", "First", "For", "From", "Had", "Has", "Have", "He", "Her", "Here", "His", "How",
  "However", "I", "If", "In", "Instead", "Is", "It", "Its", "Just", "Last", "Later",
  "Like", "Many", "May", "Meanwhile", "More", "Most", "Much", "My", "Neither", "Never",
  "New", "Next", "No", "Nor", "Not", "Now", "Of", "On", "One", "Only", "Or", "Other",
  "Our", "Over", "Perhaps", "Second", "She", "Should", "Since", "So", "Some", "Still",
  "Such", "That", "The", "Their", "Then", "There", "These", "They", "This", "Those",
  "Though", "Three", "To", "Two", "Under", "Until", "Was", "We", "Were", "What", "When",
  "Where", "Whether", "Which", "While", "Who", "Why", "Will", "With", "Without", "Would",
  "Yes", "Yet", "You", "Your",
  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
  "January", "February", "March", "April", "June", "July", "August", "September",
  "October", "November", "December",
  NULL
};

/* Offices before a name: "Prime Minister Keir Starmer" is Keir Starmer */
static const char * const title_words[] = {
  "Ambassador", "Chairman", "Chairwoman", "Chancellor", "Chief", "Commissioner",
  "Dame", "Deputy", "Dr", "Executive", "Foreign", "General", "Governor", "King",
  "Leader", "Lord", "Lady", "Mayor", "Minister", "Mr", "Mrs", "Ms", "Premier",
  "President", "Prime", "Prince", "Princess", "Professor", "Queen", "Secretary",
  "Senator", "Sir", "Spokesperson", "Spokesman", "Spokeswoman", "Vice",
  NULL
};

/* Lower-case words that may sit inside a name: "Bank of England" */
static const char * const connectors[] = {
  "of", "de", "del", "der", "van", "von", "da", "di", "la", "le", "du", "al", "bin",
  NULL
};

typedef enum
{
  TOKEN_LOWER,
  TOKEN_CAPITAL,   /* Starmer, McDonald */
  TOKEN_ACRONYM,   /* ICO, U.K., G7 */
} TokenKind;

typedef struct
{
  const char *start;
  const char *end;
  TokenKind   kind;
  guint       sentence_start : 1;
  guint       joined_next : 1;   /* only a space before the next token */
} Token;

typedef struct
{
  char  *name;
  guint  count;
  guint  initial;     /* how many of them at a sentence start */
  GPtrArray *aliases;
  gboolean acronym;
  gboolean merged;
} Candidate;

typedef struct
{
  GHashTable *candidates;   /* name -> Candidate */
  GHashTable *lower;        /* lower-case word -> count (GUINT_TO_POINTER) */
  GHashTable *capital;      /* capitalised word, not sentence-initial -> count */
  GHashTable *common;
  GHashTable *titles;
  GHashTable *connectors;
  GArray     *tokens;       /* scratch space for scan_body() */
} Scan;

void
ce_entity_free (CeEntity *entity)
{
  if (entity == NULL)
    return;

  g_free (entity->name);
  g_strfreev (entity->terms);
  g_free (entity);
}

static void
candidate_free (gpointer data)
{
  Candidate *candidate = data;

  g_free (candidate->name);
  g_clear_pointer (&candidate->aliases, g_ptr_array_unref);
  g_free (candidate);
}

static GHashTable *
word_set (const char * const *words)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; words[i] != NULL; i++)
    g_hash_table_add (set, (gpointer)words[i]);

  return set;
}

static void
bump (GHashTable *table,
      const char *word,
      gsize       len)
{
  g_autofree char *key = g_strndup (word, len);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (table, key));

  g_hash_table_replace (table, g_steal_pointer (&key), GUINT_TO_POINTER (count + 1));
}

static gboolean
is_apostrophe (const char *p)
{
  return *p == '\'' || strncmp (p, "’", strlen ("’")) == 0;
}

static gboolean
is_open_quote (gunichar c)
{
  return c == '"' || c == 0x201C || c == 0x2018 || c == '(' || c == '[';
}

/* "U.K." and "U.S.": single capitals each followed by a period */
static const char *
match_dotted_acronym (const char *p)
{
  const char *s = p;
  guint letters = 0;

  while (g_unichar_isupper (g_utf8_get_char (s)) && s[1] == '.' && g_ascii_isalpha (*s))
    {
      s += 2;
      letters++;
    }

  if (letters < 2 || g_unichar_isalnum (g_utf8_get_char (s)))
    return NULL;

  return s;
}

static TokenKind
classify (const char *start,
          const char *end)
{
  guint upper = 0;
  guint lower = 0;
  gboolean first_upper = g_unichar_isupper (g_utf8_get_char (start));

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isupper (c))
        upper++;
      else if (g_unichar_islower (c))
        lower++;
    }

  if (!first_upper)
    return TOKEN_LOWER;
  if (lower == 0 && upper >= 2)
    return TOKEN_ACRONYM;
  if (lower > 0)
    return TOKEN_CAPITAL;
  return TOKEN_LOWER;
}

/* Splits a paragraph into words.  An apostrophe before a capital joins
 * (O’Brien); a possessive ’s or a contraction (I’m) ends the word, and a
 * possessive ends the name too; a hyphen joins two capitalised parts
 * (Jean-Luc). */
static void
tokenize_paragraph (const char *text,
                    const char *end,
                    GArray     *tokens)
{
  gboolean sentence_start = TRUE;
  const char *p = text;

  g_array_set_size (tokens, 0);

  while (p < end)
    {
      const char *gap = p;
      const char *start;
      const char *word_end = NULL;
      const char *dotted;
      gboolean only_space = TRUE;
      gboolean possessive = FALSE;
      Token token;

      /* The gap before the next word */
      while (p < end && !g_unichar_isalnum (g_utf8_get_char (p)))
        {
          gunichar c = g_utf8_get_char (p);

          if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';')
            sentence_start = TRUE;
          if (is_open_quote (c))
            sentence_start = TRUE;
          if (c != ' ')
            only_space = FALSE;
          p = g_utf8_next_char (p);
        }

      if (tokens->len > 0)
        {
          Token *last = &g_array_index (tokens, Token, tokens->len - 1);

          last->joined_next = last->joined_next && only_space && p - gap == 1;
        }

      if (p >= end)
        break;

      start = p;
      if ((dotted = match_dotted_acronym (p)) != NULL)
        p = dotted;
      else
        {
          while (p < end)
            {
              gunichar c = g_utf8_get_char (p);

              if (g_unichar_isalnum (c))
                p = g_utf8_next_char (p);
              else if (is_apostrophe (p))
                {
                  const char *after = *p == '\'' ? p + 1 : p + strlen ("’");
                  gunichar next = after < end ? g_utf8_get_char (after) : 0;

                  if ((next == 's' || next == 'S') &&
                      (after + 1 >= end || !g_unichar_isalnum (g_utf8_get_char (after + 1))))
                    {
                      possessive = TRUE;
                      word_end = p;
                      p = after + 1;
                      break;
                    }
                  /* O’Brien goes on; I’m and don’t end before the apostrophe */
                  if (!g_unichar_isupper (next))
                    {
                      word_end = p;
                      p = after;
                      while (p < end && g_unichar_isalpha (g_utf8_get_char (p)))
                        p = g_utf8_next_char (p);
                      break;
                    }
                  p = after;
                }
              else if (c == '-' && p + 1 < end &&
                       g_unichar_isupper (g_utf8_get_char (p + 1)) &&
                       classify (start, p) == TOKEN_CAPITAL)
                p++;
              else
                break;
            }
        }

      if (word_end == NULL)
        word_end = p;

      token.start = start;
      token.end = word_end;
      token.kind = dotted != NULL ? TOKEN_ACRONYM : classify (start, word_end);
      token.sentence_start = sentence_start;
      token.joined_next = !possessive;
      g_array_append_val (tokens, token);

      sentence_start = FALSE;
    }
}

static gboolean
token_is (GHashTable  *set,
          const Token *token)
{
  char word[64];
  gsize len = token->end - token->start;

  if (len >= sizeof word)
    return FALSE;

  memcpy (word, token->start, len);
  word[len] = 0;
  return g_hash_table_contains (set, word);
}

static void
add_candidate (Scan        *scan,
               const Token *tokens,
               guint        first,
               guint        last,
               gboolean     initial)
{
  g_autoptr(GString) name = g_string_new (NULL);
  Candidate *candidate;

  /* Lower-case connectors never start or end a name */
  while (first <= last && tokens[first].kind == TOKEN_LOWER)
    first++;
  while (last > first && tokens[last].kind == TOKEN_LOWER)
    last--;
  if (first > last || tokens[first].kind == TOKEN_LOWER || last - first + 1 > MAX_RUN)
    return;

  /* A lone capital letter or number is no name */
  if (first == last && g_utf8_strlen (tokens[first].start, tokens[first].end - tokens[first].start) < 2)
    return;

  for (guint i = first; i <= last; i++)
    {
      if (i > first)
        g_string_append_c (name, ' ');
      g_string_append_len (name, tokens[i].start, tokens[i].end - tokens[i].start);
    }

  candidate = g_hash_table_lookup (scan->candidates, name->str);
  if (candidate == NULL)
    {
      candidate = g_new0 (Candidate, 1);
      candidate->name = g_strdup (name->str);
      candidate->acronym = first == last && tokens[first].kind == TOKEN_ACRONYM;
      g_hash_table_insert (scan->candidates, candidate->name, candidate);
    }

  candidate->count++;
  if (initial)
    candidate->initial++;
}

/* One run of capitalised words: drops a common first word, cuts at the
 * last office title, and keeps what is left as a candidate. */
static void
add_run (Scan        *scan,
         const Token *tokens,
         guint        first,
         guint        last)
{
  gboolean initial = tokens[first].sentence_start;
  guint title = G_MAXUINT;
  guint shouting = 0;

  /* Three words or more in capitals are a headline, not a name */
  for (guint i = first; i <= last; i++)
    {
      if (tokens[i].kind == TOKEN_ACRONYM)
        shouting++;
    }
  if (shouting >= 3)
    return;

  while (first <= last && tokens[first].kind == TOKEN_CAPITAL && token_is (scan->common, &tokens[first]))
    {
      first++;
      initial = FALSE;
    }

  for (guint i = first; i <= last && first <= last; i++)
    {
      if (tokens[i].kind == TOKEN_CAPITAL && token_is (scan->titles, &tokens[i]))
        title = i;
    }

  if (first > last)
    return;

  if (title != G_MAXUINT)
    {
      guint before = title;

      /* What precedes the office is a name of its own ("U.K.", "Chinese") */
      while (before > first && token_is (scan->titles, &tokens[before - 1]))
        before--;
      if (before > first)
        add_candidate (scan, tokens, first, before - 1, initial);
      if (title < last)
        add_candidate (scan, tokens, title + 1, last, FALSE);
      return;
    }

  add_candidate (scan, tokens, first, last, initial);
}

static gboolean
mostly_upper (const char *text,
              const char *end)
{
  guint upper = 0;
  guint letters = 0;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalpha (c))
        {
          letters++;
          if (g_unichar_isupper (c))
            upper++;
        }
    }

  return letters >= 8 && upper * 10 >= letters * 7;
}

static void
scan_body (Scan       *scan,
           const char *body,
           GArray     *tokens)
{
  const char *paragraph = body;

  while (*paragraph != 0)
    {
      const char *end = strchr (paragraph, '\n');
      const Token *t;
      guint run = G_MAXUINT;

      if (end == NULL)
        end = paragraph + strlen (paragraph);

      /* Headings are not sentences, and headings in capitals are not names */
      if (!g_str_has_prefix (paragraph, CE_HEADING_MARK) && !mostly_upper (paragraph, end))
        {
          tokenize_paragraph (paragraph, end, tokens);
          t = (const Token *)tokens->data;

          for (guint i = 0; i < tokens->len; i++)
            {
              gsize len = t[i].end - t[i].start;
              gboolean name_part = t[i].kind != TOKEN_LOWER;

              if (t[i].kind == TOKEN_LOWER)
                {
                  g_autofree char *lower = g_utf8_strdown (t[i].start, len);
                  bump (scan->lower, lower, strlen (lower));
                }
              else if (!t[i].sentence_start)
                bump (scan->capital, t[i].start, len);

              /* A connector continues a run that a capital follows */
              if (!name_part && run != G_MAXUINT && i + 1 < tokens->len &&
                  t[i].joined_next && t[i - 1].joined_next &&
                  t[i + 1].kind != TOKEN_LOWER && token_is (scan->connectors, &t[i]))
                name_part = TRUE;

              if (name_part && run == G_MAXUINT)
                run = i;

              if (run != G_MAXUINT && (!name_part || !t[i].joined_next || i + 1 == tokens->len))
                {
                  add_run (scan, t, run, name_part ? i : i - 1);
                  run = G_MAXUINT;
                }
            }
        }

      paragraph = *end == '\n' ? end + 1 : end;
    }
}

static void
scan_body_cb (const char *body,
              gpointer    user_data)
{
  Scan *scan = user_data;

  if (g_utf8_validate (body, -1, NULL))
    scan_body (scan, body, scan->tokens);
}

/* A sentence-initial word is a common word when it is mostly written in
 * lower case elsewhere ("Millions of people…"). */
static gboolean
is_common_initial (Scan      *scan,
                   Candidate *candidate)
{
  g_autofree char *lower = NULL;
  guint n_lower;
  guint n_capital;

  if (candidate->acronym || strchr (candidate->name, ' ') != NULL)
    return FALSE;

  lower = g_utf8_strdown (candidate->name, -1);
  n_lower = GPOINTER_TO_UINT (g_hash_table_lookup (scan->lower, lower));
  n_capital = GPOINTER_TO_UINT (g_hash_table_lookup (scan->capital, candidate->name));

  return n_lower > n_capital;
}

static char *
strip_dots (const char *name)
{
  GString *key = g_string_new (NULL);

  for (const char *p = name; *p != 0; p++)
    {
      if (*p != '.')
        g_string_append_c (key, *p);
    }

  return g_string_free (key, FALSE);
}

static void
add_alias (Candidate  *into,
           Candidate  *alias)
{
  if (into->aliases == NULL)
    into->aliases = g_ptr_array_new_with_free_func (g_free);

  into->count += alias->count;
  g_ptr_array_add (into->aliases, g_strdup (alias->name));
  for (guint i = 0; alias->aliases != NULL && i < alias->aliases->len; i++)
    g_ptr_array_add (into->aliases, g_strdup (g_ptr_array_index (alias->aliases, i)));
  alias->merged = TRUE;
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = *(Candidate * const *)a;
  const Candidate *cb = *(Candidate * const *)b;

  if (ca->count != cb->count)
    return ca->count > cb->count ? -1 : 1;

  return strcmp (ca->name, cb->name);
}

/* "Starmer" joins "Keir Starmer" when, of the longer names ending (or
 * failing that, starting) with it, that one makes up most occurrences;
 * "U.K." and "UK" are one acronym. */
static void
merge_aliases (Scan      *scan,
               GPtrArray *all)
{
  g_autoptr(GHashTable) acronyms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_ptr_array_sort (all, compare_candidates);

  for (guint i = 0; i < all->len; i++)
    {
      Candidate *c = g_ptr_array_index (all, i);
      g_autofree char *key = NULL;
      Candidate *main_form;

      if (!c->acronym)
        continue;

      key = strip_dots (c->name);
      main_form = g_hash_table_lookup (acronyms, key);
      if (main_form == NULL)
        g_hash_table_insert (acronyms, g_steal_pointer (&key), c);
      else
        add_alias (main_form, c);
    }

  for (guint i = 0; i < all->len; i++)
    {
      Candidate *single = g_ptr_array_index (all, i);
      Candidate *best = NULL;
      guint best_count = 0;
      guint total = 0;

      if (single->merged || single->acronym || strchr (single->name, ' ') != NULL)
        continue;

      for (guint side = 0; side < 2 && best == NULL; side++)
        {
          total = 0;
          for (guint j = 0; j < all->len; j++)
            {
              Candidate *full = g_ptr_array_index (all, j);
              const char *space;
              gboolean fits;

              if (full->merged || full == single || (space = strchr (full->name, ' ')) == NULL)
                continue;

              if (side == 0)
                fits = g_str_equal (strrchr (full->name, ' ') + 1, single->name);
              else
                fits = strncmp (full->name, single->name, space - full->name) == 0 &&
                       strlen (single->name) == (gsize)(space - full->name);
              if (!fits)
                continue;

              total += full->count;
              if (full->count > best_count)
                {
                  best = full;
                  best_count = full->count;
                }
            }

          if (best != NULL && (best_count < MIN_COUNT || best_count * 3 < total * 2))
            best = NULL;
        }

      if (best != NULL)
        add_alias (best, single);
    }
}

/**
 * ce_entities_suggest:
 * @limit: how many to return at most
 *
 * Finds the names most often written in the documents: runs of
 * capitalised words (people, places, organisations) and acronyms.
 * Common words that are capitalised only because they start a sentence
 * are skipped, office titles are cut off ("Prime Minister Keir Starmer"
 * counts for Keir Starmer), and a single name that mostly stands for one
 * longer name is merged into it.
 *
 * Returns: (transfer full) (element-type CeEntity): the names, most
 *   frequent first
 */
GPtrArray *
ce_entities_suggest (CeCorpus  *corpus,
                     guint      limit,
                     GError   **error)
{
  return ce_entities_suggest_full (corpus, limit, NULL, error);
}

static gboolean
is_stop_word (GHashTable *stopwords,
              const char *name)
{
  g_autofree char *lower = NULL;

  if (stopwords == NULL)
    return FALSE;

  lower = g_utf8_strdown (name, -1);
  return g_hash_table_contains (stopwords, lower);
}

/**
 * ce_entities_suggest_full:
 * @stopwords: (nullable): names to leave out, in lower case
 *
 * ce_entities_suggest() leaving out the names that are stop words (the
 * user's list: "Reuters", "Monday"; acronyms are kept), before aliases
 * are merged, so a stop word is never suggested as the alias of another
 * name either.
 */
GPtrArray *
ce_entities_suggest_full (CeCorpus   *corpus,
                          guint       limit,
                          GHashTable *stopwords,
                          GError    **error)
{
  return ce_entities_suggest_sample (corpus, limit, stopwords, 0, error);
}

/**
 * ce_entities_suggest_sample:
 * @max_documents: how many documents to read at most, 0 for all
 *
 * ce_entities_suggest_full() from at most @max_documents documents taken
 * evenly across the corpus (ce_corpus_foreach_body_sample()), so that
 * suggesting names costs the same in a corpus of any size.  When fewer
 * documents than the corpus holds were read, each count is the sample's
 * scaled to the corpus and marked as an estimate.
 */
GPtrArray *
ce_entities_suggest_sample (CeCorpus   *corpus,
                            guint       limit,
                            GHashTable *stopwords,
                            guint       max_documents,
                            GError    **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GArray) tokens = NULL;
  Scan scan;
  GHashTableIter iter;
  gpointer value;
  gboolean read;
  guint n_read = 0;
  gint64 total = 0;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);

  scan.candidates = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, candidate_free);
  scan.lower = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  scan.capital = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  scan.common = word_set (common_words);
  scan.titles = word_set (title_words);
  scan.connectors = word_set (connectors);
  scan.tokens = tokens = g_array_new (FALSE, FALSE, sizeof (Token));

  read = ce_corpus_foreach_body_sample (corpus, max_documents, scan_body_cb, &scan, &n_read, &total, error);

  if (read)
    {
      all = g_ptr_array_new ();
      g_hash_table_iter_init (&iter, scan.candidates);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          Candidate *candidate = value;

          /* Only at sentence starts, and a lower-case word elsewhere */
          if (candidate->initial == candidate->count && is_common_initial (&scan, candidate))
            continue;
          /* An acronym is no word: "US" stays when "us" is a stop word */
          if (!candidate->acronym && is_stop_word (stopwords, candidate->name))
            continue;
          g_ptr_array_add (all, candidate);
        }

      merge_aliases (&scan, all);
      g_ptr_array_sort (all, compare_candidates);

      result = g_ptr_array_new_with_free_func ((GDestroyNotify)ce_entity_free);
      for (guint i = 0; i < all->len && result->len < limit; i++)
        {
          Candidate *candidate = g_ptr_array_index (all, i);
          g_autoptr(GStrvBuilder) terms = g_strv_builder_new ();
          CeEntity *entity;

          if (candidate->merged || candidate->count < MIN_COUNT)
            continue;

          entity = g_new0 (CeEntity, 1);
          entity->name = g_strdup (candidate->name);
          entity->count = candidate->count;
          if (n_read > 0 && total > n_read)
            {
              entity->count = (guint)MIN ((double)candidate->count * total / n_read + 0.5, G_MAXUINT);
              entity->estimated = TRUE;
            }
          entity->acronym = candidate->acronym;

          for (gint j = -1; j < (gint)(candidate->aliases ? candidate->aliases->len : 0); j++)
            {
              const char *term = j < 0 ? candidate->name : g_ptr_array_index (candidate->aliases, j);
              g_autofree char *lower = g_utf8_strdown (term, -1);

              /* "US" is also "us": the acronym must match case-sensitively */
              if (candidate->acronym && g_hash_table_contains (scan.lower, lower))
                {
                  g_autofree char *exact = g_strconcat ("=", term, NULL);
                  g_strv_builder_add (terms, exact);
                }
              else
                g_strv_builder_add (terms, term);
            }

          entity->terms = g_strv_builder_end (terms);
          g_ptr_array_add (result, entity);
        }
    }

  g_hash_table_unref (scan.candidates);
  g_hash_table_unref (scan.lower);
  g_hash_table_unref (scan.capital);
  g_hash_table_unref (scan.common);
  g_hash_table_unref (scan.titles);
  g_hash_table_unref (scan.connectors);

  return g_steal_pointer (&result);
}
