/* ce-read-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-read-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ce-decode.h"
#include "ce-fields.h"
#include "ce-line-reader.h"
#include "ce-reader.h"

/* Records without text are reported one by one up to this many, then
 * counted, so that a file of them does not drown the report */
#define MAX_NO_TEXT_WARNINGS 5

/* json-glib parses recursively, without a limit: deeper nesting than
 * this is refused before it can exhaust the stack */
#define MAX_DEPTH 200

/* Keys under which an object holds its list of records */
static const char * const container_keys[] = {
  "articles", "items", "documents", "docs", "records", "entries", "posts",
  "stories", "results", "data", "rows", "messages", "hits", "response",
};

typedef struct
{
  CeReadContext *ctx;
  guint          no_text;
  gboolean       stopped;
} JsonRead;

typedef struct
{
  GPtrArray *keys;
  GPtrArray *values;
} FieldList;

static void
add_field (FieldList  *fields,
           const char *key,
           char       *value)
{
  g_ptr_array_add (fields->keys, g_strdup (key));
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

static gboolean
emit_object (JsonRead   *read,
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

static void
warn_skipped_rest (JsonRead *read)
{
  if (read->no_text > MAX_NO_TEXT_WARNINGS)
    ce_read_context_warn (read->ctx, 0, _("%u more records without text skipped"),
                          read->no_text - MAX_NO_TEXT_WARNINGS);
}

/* "a list", "a string": for messages that name what was found */
static const char *
describe_node (JsonNode *node)
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

/* Where json-glib's scanner is between tokens.  Its rules are wider than
 * JSON's: besides "strings" it reads 'strings' (no escapes), and a slash
 * opens a comment that the next slash closes.  Brackets count only outside
 * all three, exactly as the scanner sees them, or a quote inside a comment
 * would hide any number of brackets from the depth guard. */
typedef enum
{
  JSON_LEX_CODE,
  JSON_LEX_STRING,
  JSON_LEX_SQ_STRING,
  JSON_LEX_COMMENT,
} JsonLexState;

/* Reads the character at *@i (and an escaped one after it); returns it when
 * it is a bracket outside strings and comments, else 0.  Counts newlines
 * into @line. */
static char
json_lex_step (JsonLexState *state,
               const char   *text,
               gsize         len,
               gsize        *i,
               guint        *line)
{
  char c = text[*i];

  if (c == '\n')
    (*line)++;

  switch (*state)
    {
    case JSON_LEX_CODE:
      if (c == '"')
        *state = JSON_LEX_STRING;
      else if (c == '\'')
        *state = JSON_LEX_SQ_STRING;
      else if (c == '/')
        *state = JSON_LEX_COMMENT;
      else if (c == '[' || c == '{' || c == ']' || c == '}')
        return c;
      break;

    case JSON_LEX_STRING:
      if (c == '\\' && *i + 1 < len)
        {
          (*i)++;
          if (text[*i] == '\n')
            (*line)++;
        }
      else if (c == '"')
        *state = JSON_LEX_CODE;
      break;

    case JSON_LEX_SQ_STRING:
      if (c == '\'')
        *state = JSON_LEX_CODE;
      break;

    case JSON_LEX_COMMENT:
      if (c == '/')
        *state = JSON_LEX_CODE;
      break;

    default:
      g_assert_not_reached ();
    }

  return 0;
}

/* The line where nesting first goes deeper than MAX_DEPTH, or 0 */
static guint
find_too_deep (const char *text,
               gsize       len)
{
  JsonLexState state = JSON_LEX_CODE;
  guint depth = 0;
  guint line = 1;

  for (gsize i = 0; i < len; i++)
    {
      char c = json_lex_step (&state, text, len, &i, &line);

      if (c == '[' || c == '{')
        {
          if (++depth > MAX_DEPTH)
            return line;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return 0;
}

/* The bytes of UTF-8 the JSON escape at @text (a backslash) stands for,
 * and in *@raw how many bytes of @text it takes */
static gsize
escape_bytes (const char *text,
              gsize       len,
              gsize      *raw)
{
  guint code = 0;

  if (len < 2 || text[1] != 'u')
    {
      *raw = MIN (len, 2);
      return 1;
    }

  for (guint k = 2; k < 6 && k < len && g_ascii_isxdigit (text[k]); k++)
    code = code * 16 + g_ascii_xdigit_value (text[k]);
  *raw = MIN (len, 6);

  /* A surrogate pair is four bytes in all, two for each half */
  return code < 0x80 ? 1 : code < 0x800 ? 2 : (code >= 0xD800 && code < 0xE000) ? 2 : 3;
}

/* Whether a string of @text, once its escapes are read, is longer than
 * one document may hold; then *@line is where it starts and *@bytes its
 * length.  json-glib would hold such a string several times over (50 MB
 * took 270 MB) only for the record to be refused. */
static gboolean
find_too_long_string (const char *text,
                      gsize       len,
                      guint      *line,
                      gsize      *bytes)
{
  JsonLexState state = JSON_LEX_CODE;
  guint current = 1;

  for (gsize i = 0; i < len; i++)
    {
      guint start_line = current;
      gsize n = 0;
      gsize j;

      if (state != JSON_LEX_CODE || text[i] != '"')
        {
          json_lex_step (&state, text, len, &i, &current);
          continue;
        }

      for (j = i + 1; j < len && text[j] != '"'; j++)
        {
          if (text[j] == '\\')
            {
              gsize raw;

              n += escape_bytes (text + j, len - j, &raw);
              for (gsize k = 1; k < raw; k++)
                current += text[j + k] == '\n';
              j += raw - 1;
            }
          else
            {
              current += text[j] == '\n';
              n++;
            }
        }

      if (n > CE_MAX_DOCUMENT_BYTES)
        {
          *line = start_line;
          *bytes = n;
          return TRUE;
        }
      i = j;
    }

  return FALSE;
}

/* After ctx->emit asked to stop: an error only if it was a cancel */
static gboolean
finish_stopped (CeReadContext  *ctx,
                GError        **error)
{
  return !g_cancellable_set_error_if_cancelled (ctx->cancellable, error);
}

/* json-glib says "<data>:LINE:COLUMN: Parse error: ..."; the line is ours
 * to give, the column worth keeping */
static char *
describe_json_error (const GError *parse_error,
                     guint        *line)
{
  const char *message = parse_error->message;
  guint64 parsed_line = 0, column = 0;
  const char *p;
  char *end;

  if (!g_str_has_prefix (message, "<data>:"))
    return g_strdup (message);

  p = message + strlen ("<data>:");
  parsed_line = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ':')
    return g_strdup (message);
  p = end + 1;
  column = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ':')
    return g_strdup (message);
  p = end + 1;
  while (*p == ' ')
    p++;

  if (line != NULL)
    *line = (guint)parsed_line;

  return g_strdup_printf ("%s (column %" G_GUINT64_FORMAT ")", p, column);
}

gboolean
ce_read_jsonl (CeReadContext  *ctx,
               GInputStream   *stream,
               GError        **error)
{
  g_autoptr(CeLineReader) reader = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonRead read = { ctx, 0, FALSE };
  const char *line;
  gsize len;

  g_return_val_if_fail (ctx != NULL, FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);

  reader = ce_line_reader_new (stream, ctx);
  parser = json_parser_new_immutable ();

  while ((line = ce_line_reader_next (reader, &len, &local_error)) != NULL)
    {
      guint line_number = ce_line_reader_get_line_number (reader);
      g_autoptr(GError) parse_error = NULL;
      JsonNode *root;
      gsize i;

      for (i = 0; i < len && g_ascii_isspace (line[i]); i++)
        ;
      if (i == len)
        continue;

      if (line_number % 256 == 0 && g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
        return FALSE;

      if (find_too_deep (line, len) > 0)
        {
          ce_read_context_warn (ctx, line_number, _("nested more than %d levels deep; skipped"),
                                MAX_DEPTH);
          continue;
        }

      if (!json_parser_load_from_data (parser, line, len, &parse_error))
        {
          g_autofree char *message = describe_json_error (parse_error, NULL);

          ce_read_context_warn (ctx, line_number, "%s", message);
          continue;
        }

      root = json_parser_get_root (parser);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        {
          ce_read_context_warn (ctx, line_number, _("expected a JSON object, found %s"),
                                describe_node (root));
          continue;
        }

      if (!emit_object (&read, json_node_get_object (root), line_number,
                        ce_line_reader_get_offset (reader)))
        return finish_stopped (ctx, error);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  warn_skipped_rest (&read);
  return TRUE;
}

/* Where each object starts, recorded while parsing: json-glib keeps no
 * positions in its nodes. */
typedef struct
{
  GArray     *open_lines;   /* stack of the lines of open objects */
  GHashTable *object_lines; /* JsonObject -> line */
} LineTracker;

static void
on_object_start_cb (JsonParser  *parser,
                    LineTracker *tracker)
{
  guint line = json_parser_get_current_line (parser);

  g_array_append_val (tracker->open_lines, line);
}

static void
on_object_end_cb (JsonParser  *parser,
                  JsonObject  *object,
                  LineTracker *tracker)
{
  guint line;

  if (tracker->open_lines->len == 0)
    return;

  line = g_array_index (tracker->open_lines, guint, tracker->open_lines->len - 1);
  g_array_set_size (tracker->open_lines, tracker->open_lines->len - 1);
  g_hash_table_insert (tracker->object_lines, object, GUINT_TO_POINTER (line));
}

static gboolean
object_has_text (JsonObject            *object,
                 const CeImportOptions *options)
{
  g_autoptr(GList) members = json_object_get_members (object);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();

  for (GList *l = members; l != NULL; l = l->next)
    g_ptr_array_add (keys, l->data);

  return ce_fields_find_text ((const char * const *)keys->pdata, keys->len, options) >= 0;
}

static gboolean
is_array_of_objects (JsonNode *node)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  array = json_node_get_array (node);
  return json_array_get_length (array) > 0 &&
         JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, 0));
}

/* The node holding the records: an array, or one object that is itself
 * the record.  An object without text of its own is searched for a list
 * under a usual key ({"articles": [...]}, {"response": {"docs": [...]}}),
 * else for its only list of objects. */
static JsonNode *
find_records (JsonNode              *node,
              const CeImportOptions *options,
              guint                  depth)
{
  JsonObject *object;
  JsonNode *only_list = NULL;
  guint n_lists = 0;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return node;

  object = json_node_get_object (node);
  if (object_has_text (object, options) || depth >= 3)
    return node;

  for (guint i = 0; i < G_N_ELEMENTS (container_keys); i++)
    {
      json_object_iter_init (&iter, object);
      while (json_object_iter_next (&iter, &name, &member))
        {
          if (g_ascii_strcasecmp (name, container_keys[i]) != 0)
            continue;
          if (is_array_of_objects (member))
            return member;
          if (JSON_NODE_HOLDS_OBJECT (member))
            {
              JsonNode *found = find_records (member, options, depth + 1);

              if (found != member)
                return found;
            }
        }
    }

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    {
      if (is_array_of_objects (member))
        {
          only_list = member;
          n_lists++;
        }
    }

  return n_lists == 1 ? only_list : node;
}

static guint
line_of (LineTracker *tracker,
         JsonObject  *object)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (tracker->object_lines, object));
}

/* Reads the complete objects of a top-level array that failed to parse,
 * typically a file cut off in the middle.  Returns FALSE when asked to stop. */
static gboolean
salvage_array (JsonRead   *read,
               const char *text,
               gsize       len,
               guint      *n_salvaged)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonLexState state = JSON_LEX_CODE;
  int depth = 0;
  guint line = 1;
  guint start_line = 0;
  gsize start = 0;

  *n_salvaged = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = json_lex_step (&state, text, len, &i, &line);

      switch (c)
        {
        case '[':
        case '{':
          if (depth == 1 && c == '{')
            {
              start = i;
              start_line = line;
            }
          depth++;
          break;

        case ']':
        case '}':
          depth--;
          if (depth == 1 && c == '}' && start_line > 0)
            {
              JsonNode *root;

              if (json_parser_load_from_data (parser, text + start, i + 1 - start, NULL) &&
                  (root = json_parser_get_root (parser)) != NULL &&
                  JSON_NODE_HOLDS_OBJECT (root))
                {
                  (*n_salvaged)++;
                  if (!emit_object (read, json_node_get_object (root), start_line, 0))
                    return FALSE;
                }
              start_line = 0;
            }
          if (depth <= 0)
            return TRUE;
          break;

        default:
          break;
        }
    }

  return TRUE;
}

/* Whether @text (which starts with '[') is one closed list of objects and
 * nothing else: "[{…}, {…}]".  Only such a list is read record by record;
 * anything else is parsed whole, for json-glib's own messages. */
static gboolean
is_list_of_objects (const char *text,
                    gsize       len)
{
  JsonLexState state = JSON_LEX_CODE;
  guint line = 1;
  int depth = 0;
  gboolean after_object = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c;

      if (depth == 0 && i > 0)
        {
          if (!g_ascii_isspace (text[i]))
            return FALSE;
          continue;
        }

      if (depth == 1 && state == JSON_LEX_CODE)
        {
          if (g_ascii_isspace (text[i]))
            continue;
          if (text[i] == ',')
            {
              if (!after_object)
                return FALSE;
              after_object = FALSE;
              continue;
            }
          if (text[i] == ']')
            {
              if (!after_object)
                return FALSE;
              depth = 0;
              continue;
            }
          if (text[i] != '{' || after_object)
            return FALSE;
        }

      c = json_lex_step (&state, text, len, &i, &line);
      if (c == '[' || c == '{')
        depth++;
      else if (c == ']' || c == '}')
        {
          depth--;
          if (depth == 1)
            after_object = TRUE;
        }
    }

  return depth == 0;
}

/* Reads a list of objects (is_list_of_objects()) one record at a time:
 * memory holds the text and the tree of one record, not a tree of the
 * whole list (a list of a million records took 1.3 GB for 107 MB of
 * text).  A record that does not parse is skipped, as the salvage of a
 * broken list skips it, and the first such error is reported. */
static gboolean
read_list (JsonRead     *read,
           const char   *text,
           gsize         len,
           guint         first_line,
           LineTracker  *tracker,
           GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *first_error = NULL;
  JsonLexState state = JSON_LEX_CODE;
  guint first_error_line = 0;
  guint line = first_line;
  guint start_line = 0;
  guint n_read = 0;
  guint n_objects = 0;
  gsize start = 0;
  int depth = 0;

  g_signal_connect (parser, "object-start", G_CALLBACK (on_object_start_cb), tracker);
  g_signal_connect (parser, "object-end", G_CALLBACK (on_object_end_cb), tracker);

  for (gsize i = 0; i < len; i++)
    {
      guint line_before = line;
      char c = json_lex_step (&state, text, len, &i, &line);
      g_autoptr(GError) parse_error = NULL;
      JsonNode *root;
      guint long_line;
      gsize long_bytes;

      if (c == '[' || c == '{')
        {
          if (++depth == 2)
            {
              start = i;
              start_line = line_before;
            }
          continue;
        }
      if (c != ']' && c != '}')
        continue;
      if (--depth != 1)
        continue;

      if (++n_objects % 256 == 0 &&
          g_cancellable_set_error_if_cancelled (read->ctx->cancellable, error))
        return FALSE;

      if (find_too_long_string (text + start, i + 1 - start, &long_line, &long_bytes))
        {
          g_autofree char *size = g_format_size (long_bytes);
          g_autofree char *limit = g_format_size (CE_MAX_DOCUMENT_BYTES);

          ce_read_context_warn (read->ctx, start_line + long_line - 1,
                                _("a text of %s is longer than the %s one document may hold; "
                                  "record skipped"), size, limit);
          continue;
        }

      g_array_set_size (tracker->open_lines, 0);
      g_hash_table_remove_all (tracker->object_lines);
      if (json_parser_load_from_data (parser, text + start, i + 1 - start, &parse_error) &&
          (root = json_parser_get_root (parser)) != NULL &&
          JSON_NODE_HOLDS_OBJECT (root))
        {
          JsonObject *object = json_node_get_object (root);
          guint object_line = line_of (tracker, object);

          n_read++;
          if (!emit_object (read, object, object_line > 0 ? start_line + object_line - 1 : start_line, 0))
            return finish_stopped (read->ctx, error);
        }
      else if (first_error == NULL && parse_error != NULL)
        {
          guint error_line = 0;

          first_error = describe_json_error (parse_error, &error_line);
          first_error_line = error_line > 0 ? start_line + error_line - 1 : start_line;
        }
    }

  if (first_error != NULL)
    ce_read_context_warn (read->ctx, first_error_line, _("%s; read the %u complete records before it"),
                          first_error, n_read);

  return TRUE;
}

gboolean
ce_read_json (CeReadContext  *ctx,
              GInputStream   *stream,
              GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *text = NULL;
  JsonRead read = { ctx, 0, FALSE };
  LineTracker tracker;
  JsonNode *records;
  guint deep_line;
  gboolean ok = TRUE;
  const char *data;
  gsize len;

  g_return_val_if_fail (ctx != NULL, FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);

  bytes = ce_decode_read_all (stream, ctx->cancellable, error);
  if (bytes == NULL)
    return FALSE;

  data = g_bytes_get_data (bytes, &len);
  {
    guint repairs = 0;

    text = ce_decode_bytes (data, len, NULL, &repairs);
    if (repairs > 0)
      {
        ce_read_context_warn (ctx, 0, _("not valid UTF-8; %u bytes read as Windows-1252 (Latin-1)"),
                              repairs);
        ctx->repairs += repairs;
      }
  }
  g_clear_pointer (&bytes, g_bytes_unref);
  len = strlen (text);

  tracker.open_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  tracker.object_lines = g_hash_table_new (NULL, NULL);

  parser = json_parser_new_immutable ();
  g_signal_connect (parser, "object-start", G_CALLBACK (on_object_start_cb), &tracker);
  g_signal_connect (parser, "object-end", G_CALLBACK (on_object_end_cb), &tracker);

  deep_line = find_too_deep (text, len);
  if (deep_line > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s:%u: nested more than %d levels deep"), ctx->path, deep_line, MAX_DEPTH);
      ok = FALSE;
      goto out;
    }

  {
    const char *p = text;
    guint long_line;
    gsize long_bytes;

    while (g_ascii_isspace (*p))
      p++;
    if (*p == '[' && is_list_of_objects (p, len - (p - text)))
      {
        /* Lines count from the start of the file */
        guint first_line = 1;

        for (const char *q = text; q < p; q++)
          first_line += *q == '\n';
        ok = read_list (&read, p, len - (p - text), first_line, &tracker, error);
        goto out;
      }

    /* Anything else is parsed whole: a string too long to store is
     * refused before json-glib copies it */
    if (find_too_long_string (text, len, &long_line, &long_bytes))
      {
        g_autofree char *size = g_format_size (long_bytes);
        g_autofree char *limit = g_format_size (CE_MAX_DOCUMENT_BYTES);

        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("%s:%u: a text of %s is longer than the %s one document may hold"),
                     ctx->path, long_line, size, limit);
        ok = FALSE;
        goto out;
      }
  }

  if (!json_parser_load_from_data (parser, text, len, &parse_error))
    {
      guint error_line = 0;
      g_autofree char *message = describe_json_error (parse_error, &error_line);
      const char *p = text;
      guint n_salvaged = 0;

      while (g_ascii_isspace (*p))
        p++;

      if (*p == '[')
        {
          if (!salvage_array (&read, p, len - (p - text), &n_salvaged))
            ok = finish_stopped (ctx, error);
          else
            ce_read_context_warn (ctx, error_line, _("%s; read the %u complete records before it"),
                                  message, n_salvaged);
        }
      else if (*p == '\0')
        ce_read_context_warn (ctx, 0, _("no JSON in the file"));
      else
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("%s:%u: %s"), ctx->path, error_line, message);
          ok = FALSE;
        }
      goto out;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      ce_read_context_warn (ctx, 0, _("no JSON in the file"));
      goto out;
    }

  records = find_records (json_parser_get_root (parser), ctx->options, 0);

  if (JSON_NODE_HOLDS_OBJECT (records))
    {
      JsonObject *object = json_node_get_object (records);

      if (!emit_object (&read, object, line_of (&tracker, object), 0))
        ok = finish_stopped (ctx, error);
    }
  else if (JSON_NODE_HOLDS_ARRAY (records))
    {
      JsonArray *array = json_node_get_array (records);
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (i % 256 == 255 && g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
            {
              ok = FALSE;
              break;
            }

          if (!JSON_NODE_HOLDS_OBJECT (element))
            {
              ce_read_context_warn (ctx, 0, _("element %u of the list is %s, not an object; skipped"),
                                    i + 1, describe_node (element));
              continue;
            }

          if (!emit_object (&read, json_node_get_object (element),
                            line_of (&tracker, json_node_get_object (element)), 0))
            {
              ok = finish_stopped (ctx, error);
              break;
            }
        }
    }
  else
    ce_read_context_warn (ctx, 0, _("expected a JSON object or a list of objects, found %s"),
                          describe_node (records));

out:
  if (ok && !read.stopped)
    warn_skipped_rest (&read);
  g_array_unref (tracker.open_lines);
  g_hash_table_unref (tracker.object_lines);
  return ok;
}
