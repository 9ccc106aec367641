/* ce-read-json-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A JSON record made a draft: its members, nested ones under dotted
 * names ("author.name"), lists joined, become the fields that
 * ce-fields.c maps to title, text, date and the rest.
 */

#define G_LOG_DOMAIN "ce-read-json"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ce-fields.h"
#include "ce-read-json-private.h"

/* Records without text are reported one by one up to this many, then
 * counted, so that a file of them does not drown the report */
#define MAX_NO_TEXT_WARNINGS 5

typedef struct
{
  GPtrArray *keys;
  GPtrArray *values;
} FieldList;

/* json-glib 1.6 reads escapes JSON does not have, such as \351 for the
 * byte 0xe9, into its strings without checking them, so a key or value
 * can be invalid UTF-8 in a file that is valid UTF-8 itself: such bytes
 * become U+FFFD here, the one place every field passes through. */
static void
add_field (FieldList  *fields,
           const char *key,
           char       *value)
{
  if (!g_utf8_validate (value, -1, NULL))
    {
      char *valid = g_utf8_make_valid (value, -1);

      g_free (value);
      value = valid;
    }
  g_ptr_array_add (fields->keys, g_utf8_make_valid (key, -1));
  g_ptr_array_add (fields->values, value);
}

static char *
scalar_to_string (JsonNode *node)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    default:
      return NULL;
    }
}

/* The name of a person or outlet given as an object */
static char *
object_label (JsonObject *object)
{
  /* "rendered" is WordPress's: {"content": {"rendered": "<p>…</p>"}} */
  static const char * const label_keys[] = { "name", "title", "text", "value", "label", "rendered" };

  for (guint i = 0; i < G_N_ELEMENTS (label_keys); i++)
    {
      JsonNode *node = json_object_get_member (object, label_keys[i]);

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
    }

  return NULL;
}

static void collect_object (FieldList             *fields,
                            JsonObject            *object,
                            const char            *prefix,
                            guint                  depth,
                            const CeImportOptions *options);

/* Lists become one value: paragraphs for the text, a comma-separated
 * list for anything else ("tags": ["a", "b"] -> "a, b") */
static char *
array_to_string (JsonArray  *array,
                 CeFieldRole role)
{
  GString *joined = g_string_new (NULL);
  const char *separator = role == CE_FIELD_TEXT ? "\n\n" : ", ";
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *text = NULL;

      if (JSON_NODE_HOLDS_VALUE (element))
        text = scalar_to_string (element);
      else if (JSON_NODE_HOLDS_OBJECT (element))
        text = object_label (json_node_get_object (element));

      if (text == NULL || *text == '\0')
        continue;
      if (joined->len > 0)
        g_string_append (joined, separator);
      g_string_append (joined, text);
    }

  if (joined->len == 0)
    {
      g_string_free (joined, TRUE);
      return NULL;
    }

  return g_string_free (joined, FALSE);
}

static void
collect_member (FieldList             *fields,
                const char            *key,
                JsonNode              *node,
                guint                  depth,
                const CeImportOptions *options)
{
  CeFieldRole role = ce_fields_role (key, options, NULL);
  char *value = NULL;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_VALUE:
      value = scalar_to_string (node);
      break;

    case JSON_NODE_ARRAY:
      value = array_to_string (json_node_get_array (node), role);
      break;

    case JSON_NODE_OBJECT:
      if (role != CE_FIELD_META)
        value = object_label (json_node_get_object (node));
      if (value == NULL && depth < 3)
        collect_object (fields, json_node_get_object (node), key, depth + 1, options);
      break;

    case JSON_NODE_NULL:
    default:
      break;
    }

  if (value != NULL)
    add_field (fields, key, value);
}

static void
collect_object (FieldList             *fields,
                JsonObject            *object,
                const char            *prefix,
                guint                  depth,
                const CeImportOptions *options)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      g_autofree char *key = prefix != NULL ? g_strconcat (prefix, ".", name, NULL) : g_strdup (name);

      collect_member (fields, key, node, depth, options);
    }
}

gboolean
_ce_json_emit_object (CeJsonRead   *read,
                      JsonObject *object,
                      guint       line,
                      guint64     offset)
{
  CeReadContext *ctx = read->ctx;
  FieldList fields;
  CeDraft *draft;

  fields.keys = g_ptr_array_new_with_free_func (g_free);
  fields.values = g_ptr_array_new_with_free_func (g_free);
  collect_object (&fields, object, NULL, 0, ctx->options);

  draft = ce_fields_to_draft ((const char * const *)fields.keys->pdata,
                              (const char * const *)fields.values->pdata,
                              fields.keys->len, ctx->options);

  if (draft == NULL)
    {
      if (read->no_text < MAX_NO_TEXT_WARNINGS)
        {
          int text = ce_fields_find_text ((const char * const *)fields.keys->pdata,
                                          fields.keys->len, ctx->options);

          if (text >= 0)
            ce_read_context_warn (ctx, line, _("the text field \"%s\" is empty; record skipped"),
                                  (const char *)fields.keys->pdata[text]);
          else if (ctx->options != NULL && ctx->options->text_field != NULL)
            ce_read_context_warn (ctx, line, _("no field \"%s\"; record skipped"),
                                  ctx->options->text_field);
          else
            ce_read_context_warn (ctx, line,
                                  _("no text field (text, body, content, article, …); "
                                    "record skipped (name the field with --text-field)"));
        }
      read->no_text++;
    }
  else
    {
      draft->line = line;
      draft->offset = offset;
      if (!ctx->emit (ctx, draft, ctx->emit_data))
        read->stopped = TRUE;
    }

  g_ptr_array_unref (fields.keys);
  g_ptr_array_unref (fields.values);

  return !read->stopped;
}

void
_ce_json_warn_skipped_rest (CeJsonRead *read)
{
  if (read->no_text > MAX_NO_TEXT_WARNINGS)
    ce_read_context_warn (read->ctx, 0, _("%u more records without text skipped"),
                          read->no_text - MAX_NO_TEXT_WARNINGS);
}

/* "a list", "a string": for messages that name what was found */
const char *
_ce_json_describe_node (JsonNode *node)
{
  if (node == NULL)
    return "nothing";

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return "an object";
    case JSON_NODE_ARRAY:
      return "a list";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return "a string";
        case G_TYPE_BOOLEAN:
          return "true or false";
        default:
          return "a number";
        }
    }
}
