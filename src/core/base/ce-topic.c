/* ce-topic.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-topic"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-topic.h"

/* NEAR() without a distance uses FTS5's own default */
#define DEFAULT_NEAR 10
#define MAX_NEAR 10000
#define MAX_NAME 200

struct _CeTopic
{
  GObject parent_instance;

  gint64   id;         /* 0 until stored */
  char    *name;
  char    *color;
  GStrv    terms;
  guint    position;
  gboolean enabled;
};

G_DEFINE_FINAL_TYPE (CeTopic, ce_topic, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_COLOR,
  PROP_TERMS,
  PROP_ENABLED,
  PROP_POSITION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Okabe and Ito's palette: told apart with every common kind of colour
 * blindness, and readable on white and on dark backgrounds.  Charts use
 * it too (ce_color_palette_get()); it lives here because a topic needs
 * its colour before any chart exists. */
static const char * const palette[] = {
  "#0072b2", /* blue */
  "#e69f00", /* orange */
  "#009e73", /* bluish green */
  "#cc79a7", /* reddish purple */
  "#56b4e9", /* sky blue */
  "#d55e00", /* vermillion */
  "#f0e442", /* yellow */
  "#7f7f7f", /* grey */
};

G_DEFINE_QUARK (ce-topic-error-quark, ce_topic_error)

const char *
ce_topic_palette_get (guint index)
{
  return palette[index % G_N_ELEMENTS (palette)];
}

guint
ce_topic_palette_size (void)
{
  return G_N_ELEMENTS (palette);
}

/**
 * ce_topic_palette_next:
 * @used: (array length=n_used) (nullable): the colours the topics have
 * @n_used: how many
 *
 * The colour of a new topic: the first of the palette that no topic has
 * yet (compared without regard to case), or, when every one is taken,
 * the palette again from where the count of topics says.
 *
 * Returns: (transfer none): a colour of the palette
 */
const char *
ce_topic_palette_next (const char * const *used,
                       guint               n_used)
{
  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    {
      gboolean taken = FALSE;

      for (guint j = 0; j < n_used && !taken; j++)
        taken = used[j] != NULL && g_ascii_strcasecmp (used[j], palette[i]) == 0;

      if (!taken)
        return palette[i];
    }

  return ce_topic_palette_get (n_used);
}

/* Terms */

static void
phrase_free (gpointer data)
{
  CeTopicPhrase *phrase = data;

  g_free (phrase->text);
  g_free (phrase);
}

void
ce_topic_term_free (CeTopicTerm *term)
{
  if (term == NULL)
    return;

  g_free (term->source);
  g_clear_pointer (&term->phrases, g_ptr_array_unref);
  g_free (term->query);
  g_free (term);
}

static gboolean
has_word_char (const char *text)
{
  for (const char *p = text; *p != 0; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || g_unichar_type (c) == G_UNICODE_PRIVATE_USE)
        return TRUE;
    }

  return FALSE;
}

/* Reads one phrase at *p: [=] ( "quoted ""text""" | bare ) [*].  In a
 * NEAR group a bare phrase ends at white space; at the top level it runs
 * to the end, so "xi jinping" needs no quotes. */
static CeTopicPhrase *
read_phrase (const char  *source,
             const char **p,
             gboolean     in_near,
             GError     **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  CeTopicPhrase *phrase;
  const char *s = *p;
  gboolean case_sensitive = FALSE;
  gboolean prefix = FALSE;

  if (*s == '=')
    {
      case_sensitive = TRUE;
      s++;
    }

  if (*s == '"')
    {
      s++;
      for (;;)
        {
          if (*s == 0)
            {
              g_set_error (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_INVALID_TERM,
                           _("The term “%s” has a quote that is not closed"), source);
              return NULL;
            }
          if (*s == '"' && s[1] == '"')
            {
              g_string_append_c (text, '"');
              s += 2;
            }
          else if (*s == '"')
            {
              s++;
              break;
            }
          else
            g_string_append_c (text, *s++);
        }

      if (*s == '*')
        {
          prefix = TRUE;
          s++;
        }
    }
  else
    {
      const char *start = s;

      while (*s != 0 && !(in_near && g_ascii_isspace (*s)))
        s++;
      g_string_append_len (text, start, s - start);
      g_strstrip (text->str);
      g_string_set_size (text, strlen (text->str));

      if (text->len > 0 && text->str[text->len - 1] == '*')
        {
          prefix = TRUE;
          g_string_truncate (text, text->len - 1);
        }
    }

  if (!has_word_char (text->str))
    {
      g_set_error (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_INVALID_TERM,
                   _("The term “%s” has no word to look for"), source);
      return NULL;
    }

  phrase = g_new0 (CeTopicPhrase, 1);
  phrase->text = g_string_free (g_steal_pointer (&text), FALSE);
  phrase->prefix = prefix;
  phrase->case_sensitive = case_sensitive;
  *p = s;

  return phrase;
}

static void
append_phrase_query (GString             *query,
                     const CeTopicPhrase *phrase)
{
  g_string_append_c (query, '"');
  for (const char *s = phrase->text; *s != 0; s++)
    {
      if (*s == '"')
        g_string_append (query, "\"\"");
      else
        g_string_append_c (query, *s);
    }
  g_string_append_c (query, '"');

  if (phrase->prefix)
    g_string_append (query, " *");
}

static gboolean
parse_near (CeTopicTerm  *term,
            const char   *inner,
            GError      **error)
{
  g_autofree char *items = g_strdup (inner);
  gboolean in_quotes = FALSE;
  const char *p;
  char *comma = NULL;

  /* The distance follows the last comma that is outside quotes */
  for (char *s = items; *s != 0; s++)
    {
      if (*s == '"')
        in_quotes = !in_quotes;
      else if (*s == ',' && !in_quotes)
        comma = s;
    }

  term->near = DEFAULT_NEAR;
  if (comma != NULL)
    {
      g_autofree char *number = g_strstrip (g_strdup (comma + 1));
      guint64 value = 0;

      if (!g_ascii_string_to_unsigned (number, 10, 0, MAX_NEAR, &value, NULL))
        {
          g_set_error (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_INVALID_TERM,
                       _("The term “%s” needs a distance from 0 to %d after the comma"),
                       term->source, MAX_NEAR);
          return FALSE;
        }
      term->near = value;
      *comma = 0;
    }

  p = items;
  for (;;)
    {
      CeTopicPhrase *phrase;

      while (g_ascii_isspace (*p))
        p++;
      if (*p == 0)
        break;

      phrase = read_phrase (term->source, &p, TRUE, error);
      if (phrase == NULL)
        return FALSE;
      g_ptr_array_add (term->phrases, phrase);
    }

  if (term->phrases->len < 2)
    {
      g_set_error (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_INVALID_TERM,
                   _("The term “%s” needs at least two words or phrases inside NEAR()"),
                   term->source);
      return FALSE;
    }

  return TRUE;
}

/**
 * ce_topic_term_parse:
 * @term: a term as the user wrote it: `word`, `two words`, `"a phrase"`,
 *   `prefix*`, `NEAR(a "b c", 5)`, or any of them after `=` to match
 *   case-sensitively (`=US`)
 *
 * Returns: (transfer full): the parsed term, or %NULL with an error that
 *   names the term
 */
CeTopicTerm *
ce_topic_term_parse (const char  *term,
                     GError     **error)
{
  g_autoptr(CeTopicTerm) parsed = NULL;
  g_autofree char *stripped = NULL;
  g_autoptr(GString) query = NULL;
  gsize len;

  g_return_val_if_fail (term != NULL, NULL);

  if (!g_utf8_validate (term, -1, NULL))
    {
      g_set_error_literal (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_INVALID_TERM,
                           _("A term is not valid UTF-8"));
      return NULL;
    }

  stripped = g_strstrip (g_strdup (term));
  len = strlen (stripped);

  parsed = g_new0 (CeTopicTerm, 1);
  parsed->source = g_strdup (stripped);
  parsed->phrases = g_ptr_array_new_with_free_func (phrase_free);
  parsed->near = -1;

  if (len == 0)
    {
      g_set_error_literal (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_INVALID_TERM,
                           _("A term is empty"));
      return NULL;
    }

  if (len > 5 && g_ascii_strncasecmp (stripped, "NEAR(", 5) == 0)
    {
      if (stripped[len - 1] != ')')
        {
          g_set_error (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_INVALID_TERM,
                       _("The term “%s” does not end with “)”"), stripped);
          return NULL;
        }

      stripped[len - 1] = 0;
      if (!parse_near (parsed, stripped + 5, error))
        return NULL;
    }
  else
    {
      const char *p = stripped;
      CeTopicPhrase *phrase = read_phrase (parsed->source, &p, FALSE, error);

      if (phrase == NULL)
        return NULL;
      g_ptr_array_add (parsed->phrases, phrase);

      while (g_ascii_isspace (*p))
        p++;
      if (*p != 0)
        {
          g_set_error (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_INVALID_TERM,
                       _("The term “%s” has text after its closing quote"), parsed->source);
          return NULL;
        }
    }

  query = g_string_new (NULL);
  if (parsed->near >= 0)
    g_string_append (query, "NEAR(");
  for (guint i = 0; i < parsed->phrases->len; i++)
    {
      if (i > 0)
        g_string_append_c (query, ' ');
      append_phrase_query (query, g_ptr_array_index (parsed->phrases, i));
    }
  if (parsed->near >= 0)
    g_string_append_printf (query, ", %d)", parsed->near);
  parsed->query = g_string_free (g_steal_pointer (&query), FALSE);

  return g_steal_pointer (&parsed);
}

/**
 * ce_topic_split_terms:
 * @text: terms separated by commas or new lines
 *
 * Returns: (transfer full): the terms, stripped, without empty ones
 */
GStrv
ce_topic_split_terms (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GString) current = g_string_new (NULL);
  gboolean in_quotes = FALSE;
  int depth = 0;

  g_return_val_if_fail (text != NULL, NULL);

  for (const char *s = text; ; s++)
    {
      if (*s == 0 || ((*s == ',' || *s == '\n') && !in_quotes && depth == 0))
        {
          g_strstrip (current->str);
          if (current->str[0] != 0)
            g_strv_builder_add (builder, current->str);
          g_string_truncate (current, 0);
          if (*s == 0)
            break;
          continue;
        }

      if (*s == '"')
        in_quotes = !in_quotes;
      else if (*s == '(' && !in_quotes)
        depth++;
      else if (*s == ')' && !in_quotes && depth > 0)
        depth--;

      g_string_append_c (current, *s);
    }

  return g_strv_builder_end (builder);
}

char *
ce_topic_join_terms (const char * const *terms)
{
  if (terms == NULL)
    return g_strdup ("");

  return g_strjoinv (", ", (char **)terms);
}

/* CeTopic */

static void
ce_topic_finalize (GObject *object)
{
  CeTopic *self = (CeTopic *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->color, g_free);
  g_clear_pointer (&self->terms, g_strfreev);

  G_OBJECT_CLASS (ce_topic_parent_class)->finalize (object);
}

static void
ce_topic_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CeTopic *self = CE_TOPIC (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    case PROP_TERMS:
      g_value_set_boxed (value, self->terms);
      break;

    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;

    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ce_topic_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  CeTopic *self = CE_TOPIC (object);

  switch (prop_id)
    {
    case PROP_NAME:
      ce_topic_set_name (self, g_value_get_string (value));
      break;

    case PROP_COLOR:
      ce_topic_set_color (self, g_value_get_string (value));
      break;

    case PROP_TERMS:
      ce_topic_set_terms (self, g_value_get_boxed (value));
      break;

    case PROP_ENABLED:
      ce_topic_set_enabled (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ce_topic_class_init (CeTopicClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ce_topic_finalize;
  object_class->get_property = ce_topic_get_property;
  object_class->set_property = ce_topic_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TERMS] =
    g_param_spec_boxed ("terms", NULL, NULL, G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ce_topic_init (CeTopic *self)
{
  self->name = g_strdup ("");
  self->color = g_strdup (palette[0]);
  self->terms = g_new0 (char *, 1);
  self->enabled = TRUE;
}

/**
 * ce_topic_new:
 * @color: (nullable): "#rrggbb", or %NULL for the first palette colour
 *
 * Returns: (transfer full): a topic that is not stored yet
 */
CeTopic *
ce_topic_new (const char         *name,
              const char         *color,
              const char * const *terms)
{
  CeTopic *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (CE_TYPE_TOPIC, NULL);
  ce_topic_set_name (self, name);
  if (color != NULL)
    ce_topic_set_color (self, color);
  if (terms != NULL)
    ce_topic_set_terms (self, terms);

  return self;
}

gint64
ce_topic_get_id (CeTopic *self)
{
  g_return_val_if_fail (CE_IS_TOPIC (self), 0);
  return self->id;
}

const char *
ce_topic_get_name (CeTopic *self)
{
  g_return_val_if_fail (CE_IS_TOPIC (self), NULL);
  return self->name;
}

void
ce_topic_set_name (CeTopic    *self,
                   const char *name)
{
  g_return_if_fail (CE_IS_TOPIC (self));

  if (name == NULL)
    name = "";
  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
ce_topic_get_color (CeTopic *self)
{
  g_return_val_if_fail (CE_IS_TOPIC (self), NULL);
  return self->color;
}

void
ce_topic_set_color (CeTopic    *self,
                    const char *color)
{
  g_return_if_fail (CE_IS_TOPIC (self));

  if (color == NULL)
    color = palette[0];
  if (g_strcmp0 (self->color, color) == 0)
    return;

  g_free (self->color);
  self->color = g_strdup (color);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

const char * const *
ce_topic_get_terms (CeTopic *self)
{
  g_return_val_if_fail (CE_IS_TOPIC (self), NULL);
  return (const char * const *)self->terms;
}

void
ce_topic_set_terms (CeTopic            *self,
                    const char * const *terms)
{
  static const char * const no_terms[] = { NULL };

  g_return_if_fail (CE_IS_TOPIC (self));

  if (terms == NULL)
    terms = no_terms;
  if (g_strv_equal ((const char * const *)self->terms, terms))
    return;

  g_strfreev (self->terms);
  self->terms = g_strdupv ((char **)terms);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TERMS]);
}

gboolean
ce_topic_get_enabled (CeTopic *self)
{
  g_return_val_if_fail (CE_IS_TOPIC (self), FALSE);
  return self->enabled;
}

void
ce_topic_set_enabled (CeTopic  *self,
                      gboolean  enabled)
{
  g_return_if_fail (CE_IS_TOPIC (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;

  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

guint
ce_topic_get_position (CeTopic *self)
{
  g_return_val_if_fail (CE_IS_TOPIC (self), 0);
  return self->position;
}

/**
 * ce_topic_set_position:
 *
 * For the store: the place a stored topic has among the others.
 */
void
ce_topic_set_position (CeTopic *self,
                       guint    position)
{
  g_return_if_fail (CE_IS_TOPIC (self));

  if (self->position == position)
    return;

  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

/**
 * ce_topic_color_is_valid:
 *
 * Returns: whether @color is of the form #rrggbb
 */
gboolean
ce_topic_color_is_valid (const char *color)
{
  if (color == NULL || color[0] != '#' || strlen (color) != 7)
    return FALSE;

  for (guint i = 1; i < 7; i++)
    {
      if (!g_ascii_isxdigit (color[i]))
        return FALSE;
    }

  return TRUE;
}

/**
 * ce_topic_validate:
 *
 * Checks the name, the colour and every term.
 *
 * Returns: %TRUE when the topic can be stored and counted
 */
gboolean
ce_topic_validate (CeTopic  *self,
                   GError  **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (CE_IS_TOPIC (self), FALSE);

  name = g_strstrip (g_strdup (self->name));
  if (name[0] == 0 || !g_utf8_validate (name, -1, NULL) || g_utf8_strlen (name, -1) > MAX_NAME)
    {
      g_set_error (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_INVALID_NAME,
                   _("A topic needs a name of 1 to %d characters"), MAX_NAME);
      return FALSE;
    }

  for (const char *s = name; *s != 0; s++)
    {
      if (g_ascii_iscntrl (*s))
        {
          g_set_error (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_INVALID_NAME,
                       _("The topic name “%s” holds a control character"), name);
          return FALSE;
        }
    }

  if (!ce_topic_color_is_valid (self->color))
    {
      g_set_error (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_INVALID_COLOR,
                   _("The colour “%s” of topic “%s” is not of the form #rrggbb"),
                   self->color, name);
      return FALSE;
    }

  if (self->terms[0] == NULL)
    {
      g_set_error (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_INVALID_TERM,
                   _("The topic “%s” has no terms"), name);
      return FALSE;
    }

  for (guint i = 0; self->terms[i] != NULL; i++)
    {
      g_autoptr(CeTopicTerm) term = ce_topic_term_parse (self->terms[i], error);

      if (term == NULL)
        return FALSE;
    }

  return TRUE;
}

/**
 * ce_topic_build_query:
 *
 * Returns: (transfer full): the FTS5 expression matching any term of the
 *   topic, e.g. `"china" OR "xi jinping" OR "visa" *`
 */
char *
ce_topic_build_query (CeTopic  *self,
                      GError  **error)
{
  g_autoptr(GString) query = g_string_new (NULL);

  g_return_val_if_fail (CE_IS_TOPIC (self), NULL);

  if (self->terms[0] == NULL)
    {
      g_set_error (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_INVALID_TERM,
                   _("The topic “%s” has no terms"), self->name);
      return NULL;
    }

  for (guint i = 0; self->terms[i] != NULL; i++)
    {
      g_autoptr(CeTopicTerm) term = ce_topic_term_parse (self->terms[i], error);

      if (term == NULL)
        return NULL;
      if (i > 0)
        g_string_append (query, " OR ");
      g_string_append (query, term->query);
    }

  return g_string_free (g_steal_pointer (&query), FALSE);
}

/**
 * ce_topic_set_id:
 *
 * For the store: the row a topic is stored in, 0 when it is not stored.
 */
void
ce_topic_set_id (CeTopic *self,
                 gint64   id)
{
  g_return_if_fail (CE_IS_TOPIC (self));
  self->id = id;
}

/**
 * ce_topic_copy:
 *
 * A topic of its own with everything @self has, the id and position
 * included: what a worker thread reads while the original may change.
 *
 * Returns: (transfer full): the copy
 */
CeTopic *
ce_topic_copy (CeTopic *self)
{
  g_return_val_if_fail (CE_IS_TOPIC (self), NULL);

  return ce_topic_new_stored (self->id, self->name, self->color,
                              g_strdupv (self->terms), self->position, self->enabled);
}

/**
 * ce_topic_new_stored:
 *
 * For the store: a topic as read from a corpus.  A corpus is untrusted
 * input: a name that is not UTF-8 becomes empty and a colour that is not
 * #rrggbb the first of the palette; validation then tells what is wrong.
 *
 * Returns: (transfer full): the topic
 */
CeTopic *
ce_topic_new_stored (gint64      id,
                     const char *name,
                     const char *color,
                     GStrv       terms,
                     guint       position,
                     gboolean    enabled)
{
  CeTopic *topic = g_object_new (CE_TYPE_TOPIC, NULL);

  topic->id = id;
  g_free (topic->name);
  topic->name = g_strdup (name != NULL && g_utf8_validate (name, -1, NULL) ? name : "");
  g_free (topic->color);
  topic->color = g_strdup (ce_topic_color_is_valid (color) ? color : palette[0]);
  g_strfreev (topic->terms);
  topic->terms = terms;
  topic->position = position;
  topic->enabled = enabled;

  return topic;
}
