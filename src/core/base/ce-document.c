/* ce-document.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-document"

#include "config.h"

#include "ce-document.h"

struct _CeDocument
{
  GObject parent_instance;

  gint64  id;
  double  position;
  char   *title;
  char   *place;
  char   *date;
  char   *author;
  char   *source;
  char   *section;
  char   *url;
  guint   words;
  guint   copies;
  char   *body;
};

G_DEFINE_FINAL_TYPE (CeDocument, ce_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_POSITION,
  PROP_TITLE,
  PROP_PLACE,
  PROP_DATE,
  PROP_AUTHOR,
  PROP_SOURCE,
  PROP_SECTION,
  PROP_WORDS,
  PROP_COPIES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ce_document_finalize (GObject *object)
{
  CeDocument *self = (CeDocument *)object;

  g_free (self->title);
  g_free (self->place);
  g_free (self->date);
  g_free (self->author);
  g_free (self->source);
  g_free (self->section);
  g_free (self->url);
  g_free (self->body);

  G_OBJECT_CLASS (ce_document_parent_class)->finalize (object);
}

static void
ce_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CeDocument *self = CE_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_POSITION:
      g_value_set_double (value, self->position);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_PLACE:
      g_value_set_string (value, self->place);
      break;

    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;

    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;

    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;

    case PROP_SECTION:
      g_value_set_string (value, self->section);
      break;

    case PROP_WORDS:
      g_value_set_uint (value, self->words);
      break;

    case PROP_COPIES:
      g_value_set_uint (value, self->copies);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ce_document_class_init (CeDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ce_document_finalize;
  object_class->get_property = ce_document_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_POSITION] =
    g_param_spec_double ("position", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_PLACE] =
    g_param_spec_string ("place", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_SECTION] =
    g_param_spec_string ("section", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_WORDS] =
    g_param_spec_uint ("words", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /**
   * CeDocument:copies:
   *
   * The documents in its group of copies, itself included; 0 when it
   * has none (or when it was loaded without them)
   */
  properties[PROP_COPIES] =
    g_param_spec_uint ("copies", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ce_document_init (CeDocument *self)
{
}

CeDocument *
ce_document_new (const CeDocumentFields *fields)
{
  CeDocument *self;

  g_return_val_if_fail (fields != NULL, NULL);

  self = g_object_new (CE_TYPE_DOCUMENT, NULL);
  self->id = fields->id;
  self->position = fields->position;
  self->title = g_strdup (fields->title ? fields->title : "");
  self->place = g_strdup (fields->place);
  self->date = g_strdup (fields->date);
  self->author = g_strdup (fields->author);
  self->source = g_strdup (fields->source);
  self->section = g_strdup (fields->section);
  self->url = g_strdup (fields->url);
  self->words = fields->words;
  self->copies = fields->copies;
  self->body = g_strdup (fields->body);

  return self;
}

gint64
ce_document_get_id (CeDocument *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT (self), 0);
  return self->id;
}

double
ce_document_get_position (CeDocument *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT (self), 0);
  return self->position;
}

const char *
ce_document_get_title (CeDocument *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT (self), NULL);
  return self->title;
}

const char *
ce_document_get_place (CeDocument *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT (self), NULL);
  return self->place;
}

const char *
ce_document_get_date (CeDocument *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT (self), NULL);
  return self->date;
}

const char *
ce_document_get_author (CeDocument *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT (self), NULL);
  return self->author;
}

const char *
ce_document_get_source (CeDocument *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT (self), NULL);
  return self->source;
}

const char *
ce_document_get_section (CeDocument *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT (self), NULL);
  return self->section;
}

const char *
ce_document_get_url (CeDocument *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT (self), NULL);
  return self->url;
}

guint
ce_document_get_words (CeDocument *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT (self), 0);
  return self->words;
}

guint
ce_document_get_copies (CeDocument *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT (self), 0);
  return self->copies;
}

const char *
ce_document_get_body (CeDocument *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT (self), NULL);
  return self->body;
}
