/* ce-fields.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-fields"

#include "config.h"

#include <string.h>

#include "ce-date.h"
#include "ce-decode.h"
#include "ce-fields.h"

typedef struct
{
  CeFieldRole         role;
  const char * const *names;  /* normalised, most likely first */
} RoleNames;

static const char * const text_names[] = {
  "text", "body", "content", "fulltext", "article", "articletext", "articlebody",
  "bodytext", "maintext", "textbody", "contenttext", "textcontent", "story",
  "storytext", "plaintext", "document", "message", "description", "summary",
  "abstract", "texte", "texto", "testo", "inhalt", NULL
};
static const char * const title_names[] = {
  "title", "headline", "heading", "subject", "articletitle", "storytitle",
  "hed", "titel", "titre", "titulo", "titolo", "name", NULL
};
static const char * const date_names[] = {
  "date", "published", "pubdate", "publishedat", "publishedon", "publisheddate",
  "publicationdate", "publishdate", "datepublished", "datetime", "timestamp",
  "created", "createdat", "datecreated", "time", "datum", "fecha", NULL
};
static const char * const year_names[] = { "year", NULL };
static const char * const author_names[] = {
  "author", "authors", "byline", "by", "writer", "creator", "authorname", NULL
};
static const char * const source_names[] = {
  "source", "publication", "publisher", "outlet", "feed", "site", "sitename",
  "newspaper", "journal", "sourcename", NULL
};
static const char * const section_names[] = {
  "section", "category", "categories", "desk", "rubric", NULL
};
static const char * const url_names[] = {
  "url", "link", "href", "permalink", "uri", "canonicalurl", "weburl", NULL
};
static const char * const place_names[] = {
  "place", "location", "dateline", "city", NULL
};

static const RoleNames roles[] = {
  { CE_FIELD_TEXT, text_names },
  { CE_FIELD_TITLE, title_names },
  { CE_FIELD_DATE, date_names },
  { CE_FIELD_YEAR, year_names },
  { CE_FIELD_AUTHOR, author_names },
  { CE_FIELD_SOURCE, source_names },
  { CE_FIELD_SECTION, section_names },
  { CE_FIELD_URL, url_names },
  { CE_FIELD_PLACE, place_names },
};

/* "Full Text", "full_text", "fullText" -> "fulltext" */
static char *
normalize_key (const char *key)
{
  GString *norm = g_string_new (NULL);

  for (const char *p = key; *p != '\0'; p++)
    {
      guchar c = (guchar)*p;

      if (c >= 0x80 || g_ascii_isalnum (c))
        g_string_append_c (norm, g_ascii_tolower (c));
    }

  return g_string_free (norm, FALSE);
}

static gboolean
key_matches (const char *key,
             const char *norm_key,
             const char *wanted)
{
  g_autofree char *norm_wanted = NULL;

  if (g_ascii_strcasecmp (key, wanted) == 0)
    return TRUE;

  norm_wanted = normalize_key (wanted);
  return *norm_wanted != '\0' && strcmp (norm_key, norm_wanted) == 0;
}

static const char *
override_for (const CeImportOptions *options,
              CeFieldRole            role)
{
  const char *name = NULL;

  if (options == NULL)
    return NULL;

  switch (role)
    {
    case CE_FIELD_TEXT:
      name = options->text_field;
      break;
    case CE_FIELD_TITLE:
      name = options->title_field;
      break;
    case CE_FIELD_DATE:
    case CE_FIELD_YEAR:
      name = options->date_field;
      break;
    case CE_FIELD_META:
    case CE_FIELD_AUTHOR:
    case CE_FIELD_SOURCE:
    case CE_FIELD_SECTION:
    case CE_FIELD_URL:
    case CE_FIELD_PLACE:
    default:
      break;
    }

  return name != NULL && *name != '\0' ? name : NULL;
}

CeFieldRole
ce_fields_role (const char            *key,
                const CeImportOptions *options,
                guint                 *rank)
{
  g_autofree char *norm = NULL;

  g_return_val_if_fail (key != NULL, CE_FIELD_META);

  if (rank != NULL)
    *rank = 0;

  norm = normalize_key (key);

  /* Named fields first: the user knows best */
  if (override_for (options, CE_FIELD_TEXT) && key_matches (key, norm, override_for (options, CE_FIELD_TEXT)))
    return CE_FIELD_TEXT;
  if (override_for (options, CE_FIELD_TITLE) && key_matches (key, norm, override_for (options, CE_FIELD_TITLE)))
    return CE_FIELD_TITLE;
  if (override_for (options, CE_FIELD_DATE) && key_matches (key, norm, override_for (options, CE_FIELD_DATE)))
    return CE_FIELD_DATE;

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      if (override_for (options, roles[i].role) != NULL)
        continue;

      for (guint j = 0; roles[i].names[j] != NULL; j++)
        {
          if (strcmp (norm, roles[i].names[j]) == 0)
            {
              if (rank != NULL)
                *rank = j;
              return roles[i].role;
            }
        }
    }

  return CE_FIELD_META;
}

int
ce_fields_find_text (const char * const    *keys,
                     guint                  n_fields,
                     const CeImportOptions *options)
{
  int best = -1;
  guint best_rank = G_MAXUINT;

  g_return_val_if_fail (keys != NULL || n_fields == 0, -1);

  for (guint i = 0; i < n_fields; i++)
    {
      guint rank;

      if (keys[i] != NULL &&
          ce_fields_role (keys[i], options, &rank) == CE_FIELD_TEXT &&
          rank < best_rank)
        {
          best = i;
          best_rank = rank;
        }
    }

  return best;
}

char *
ce_fields_clean_line (const char *text)
{
  GString *out;
  gboolean space = FALSE;

  if (text == NULL)
    return NULL;

  out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || ((guchar)*p < 0x20) || *p == 0x7F)
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_blank_line (const char *start,
               const char *end)
{
  for (const char *p = start; p < end; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* Appends one line of text, trimmed, control characters made spaces */
static void
append_trimmed (GString    *out,
                const char *start,
                const char *end)
{
  while (start < end && g_ascii_isspace (*start))
    start++;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;

  for (const char *p = start; p < end; p++)
    {
      if ((guchar)*p < 0x20 || *p == 0x7F)
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
}

char *
ce_fields_normalize_text (const char *text)
{
  g_autoptr(GString) unix_text = NULL;
  GString *out;
  gboolean has_blank = FALSE;
  gboolean seen_text = FALSE;
  gboolean in_paragraph = FALSE;
  gboolean pending_break = FALSE;
  const char *p;

  if (text == NULL)
    return NULL;

  unix_text = g_string_sized_new (strlen (text));
  for (p = text; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          g_string_append_c (unix_text, '\n');
          if (p[1] == '\n')
            p++;
        }
      else
        g_string_append_c (unix_text, *p);
    }

  /* A blank line between two non-blank ones */
  p = unix_text->str;
  while (*p != '\0' && !has_blank)
    {
      const char *eol = strchr (p, '\n');
      const char *end = eol != NULL ? eol : p + strlen (p);

      if (!is_blank_line (p, end))
        {
          if (pending_break)
            has_blank = TRUE;
          seen_text = TRUE;
        }
      else if (seen_text)
        pending_break = TRUE;

      p = eol != NULL ? eol + 1 : end;
    }

  out = g_string_sized_new (unix_text->len);
  pending_break = FALSE;

  p = unix_text->str;
  while (*p != '\0')
    {
      const char *eol = strchr (p, '\n');
      const char *end = eol != NULL ? eol : p + strlen (p);

      if (is_blank_line (p, end))
        {
          if (in_paragraph)
            pending_break = TRUE;
          in_paragraph = FALSE;
        }
      else
        {
          if (out->len > 0 && (pending_break || !has_blank))
            g_string_append (out, "\n\n");
          else if (in_paragraph)
            g_string_append_c (out, ' ');
          append_trimmed (out, p, end);
          in_paragraph = TRUE;
          pending_break = FALSE;
        }

      p = eol != NULL ? eol + 1 : end;
    }

  return g_string_free (out, FALSE);
}

/* Unix times: 9 or 10 digits are seconds, 12 or 13 milliseconds */
static char *
parse_unix_time (const char *value)
{
  g_autoptr(GDateTime) dt = NULL;
  gsize len = strlen (value);
  gint64 seconds;

  if (len < 9 || len > 13 || len == 11)
    return NULL;
  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return NULL;

  seconds = g_ascii_strtoll (value, NULL, 10);
  if (len >= 12)
    seconds /= 1000;

  dt = g_date_time_new_from_unix_utc (seconds);
  if (dt == NULL)
    return NULL;

  return g_date_time_format (dt, "%Y-%m-%d");
}

static char *
parse_date_value (const char *value)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (value));
  char *date = parse_unix_time (trimmed);

  if (date != NULL)
    return date;

  return ce_date_parse (trimmed);
}

/* Scrapers often keep a page's markup in the text field */
static gboolean
looks_like_markup (const char *text)
{
  static const char * const tags[] = { "</p>", "<p>", "<br>", "<br/>", "<br />", "</div>" };
  g_autofree char *head = g_ascii_strdown (text, MIN (strlen (text), 65536));

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    if (strstr (head, tags[i]) != NULL)
      return TRUE;

  return FALSE;
}

static char **
slot_for (CeDraft     *draft,
          CeFieldRole  role)
{
  switch (role)
    {
    case CE_FIELD_TITLE:
      return &draft->title;
    case CE_FIELD_AUTHOR:
      return &draft->author;
    case CE_FIELD_SOURCE:
      return &draft->source;
    case CE_FIELD_SECTION:
      return &draft->section;
    case CE_FIELD_URL:
      return &draft->url;
    case CE_FIELD_PLACE:
      return &draft->place;
    case CE_FIELD_META:
    case CE_FIELD_TEXT:
    case CE_FIELD_DATE:
    case CE_FIELD_YEAR:
    default:
      return NULL;
    }
}

CeDraft *
ce_fields_to_draft (const char * const    *keys,
                    const char * const    *values,
                    guint                  n_fields,
                    const CeImportOptions *options)
{
  g_autoptr(CeDraft) draft = NULL;
  g_autofree CeFieldRole *field_roles = NULL;
  g_autofree guint *ranks = NULL;
  g_autofree gboolean *used = NULL;
  int best[CE_FIELD_PLACE + 1];
  int text_index;

  g_return_val_if_fail (keys != NULL || n_fields == 0, NULL);
  g_return_val_if_fail (values != NULL || n_fields == 0, NULL);

  text_index = ce_fields_find_text (keys, n_fields, options);
  if (text_index < 0 || values[text_index] == NULL)
    return NULL;

  draft = ce_draft_new ();
  if (looks_like_markup (values[text_index]))
    {
      g_autoptr(CeDraft) html = ce_decode_html (values[text_index], strlen (values[text_index]),
                                                "UTF-8", NULL);

      draft->body = g_steal_pointer (&html->body);
    }
  else
    draft->body = ce_fields_normalize_text (values[text_index]);
  if (draft->body == NULL || *draft->body == '\0')
    return NULL;

  field_roles = g_new0 (CeFieldRole, n_fields);
  ranks = g_new0 (guint, n_fields);
  used = g_new0 (gboolean, n_fields);
  used[text_index] = TRUE;

  for (guint r = 0; r < G_N_ELEMENTS (best); r++)
    best[r] = -1;

  for (guint i = 0; i < n_fields; i++)
    {
      const char *value = values[i];
      g_autofree char *clean = NULL;

      if (keys[i] == NULL || value == NULL || i == (guint)text_index)
        continue;

      field_roles[i] = ce_fields_role (keys[i], options, &ranks[i]);
      if (field_roles[i] == CE_FIELD_META || field_roles[i] == CE_FIELD_TEXT ||
          field_roles[i] == CE_FIELD_DATE || field_roles[i] == CE_FIELD_YEAR)
        continue;

      clean = ce_fields_clean_line (value);
      if (clean == NULL)
        {
          used[i] = TRUE;  /* empty: nothing to keep */
          continue;
        }
      if (best[field_roles[i]] < 0 || ranks[i] < ranks[best[field_roles[i]]])
        best[field_roles[i]] = i;
    }

  for (guint r = 0; r < G_N_ELEMENTS (best); r++)
    {
      char **slot;

      if (best[r] < 0)
        continue;
      slot = slot_for (draft, r);
      if (slot == NULL)
        continue;
      *slot = ce_fields_clean_line (values[best[r]]);
      used[best[r]] = TRUE;
    }

  /* The best-ranked date that can be read, else a year */
  for (guint role = CE_FIELD_DATE; role <= CE_FIELD_YEAR && draft->date == NULL; role++)
    {
      int chosen = -1;

      for (guint i = 0; i < n_fields; i++)
        {
          g_autofree char *date = NULL;

          if (field_roles[i] != (CeFieldRole)role || values[i] == NULL || used[i])
            continue;
          if (chosen >= 0 && ranks[i] >= ranks[chosen])
            continue;

          date = parse_date_value (values[i]);
          if (date != NULL)
            {
              g_free (draft->date);
              draft->date = g_steal_pointer (&date);
              chosen = i;
            }
        }

      if (chosen >= 0)
        used[chosen] = TRUE;
    }

  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *clean = NULL;

      if (used[i] || keys[i] == NULL || values[i] == NULL)
        continue;

      clean = g_strstrip (g_strdup (values[i]));
      if (*clean != '\0')
        ce_draft_add_meta (draft, keys[i], clean);
    }

  return g_steal_pointer (&draft);
}
