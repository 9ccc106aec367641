/* ce-read-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JSON Lines and JSON readers.  A list of objects, at the top or
 * wrapped in an object ({"articles": [...]}), is read one record at a
 * time; anything else is parsed whole.  The scanner's rules and the
 * guards are in ce-read-json-lex.c, a record's fields in
 * ce-read-json-record.c.
 */

#define G_LOG_DOMAIN "ce-read-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-decode.h"
#include "ce-fields.h"
#include "ce-line-reader.h"
#include "ce-read-json-private.h"

/* Keys under which an object holds its list of records */
static const char * const container_keys[] = {
  "articles", "items", "documents", "docs", "records", "entries", "posts",
  "stories", "results", "data", "rows", "messages", "hits", "response",
};

/* After ctx->emit asked to stop: an error only if it was a cancel */
static gboolean
finish_stopped (CeReadContext  *ctx,
                GError        **error)
{
  return !g_cancellable_set_error_if_cancelled (ctx->cancellable, error);
}

gboolean
ce_read_jsonl (CeReadContext  *ctx,
               GInputStream   *stream,
               GError        **error)
{
  g_autoptr(CeLineReader) reader = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  CeJsonRead read = { ctx, 0, FALSE };
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

      if (_ce_json_find_too_deep (line, len) > 0)
        {
          ce_read_context_warn (ctx, line_number, _("nested more than %d levels deep; skipped"),
                                CE_JSON_MAX_DEPTH);
          continue;
        }

      _ce_json_note_parsed (ctx, len);
      if (!json_parser_load_from_data (parser, line, len, &parse_error))
        {
          g_autofree char *message = _ce_json_describe_error (parse_error, NULL);

          ce_read_context_warn (ctx, line_number, "%s", message);
          continue;
        }

      root = json_parser_get_root (parser);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        {
          ce_read_context_warn (ctx, line_number, _("expected a JSON object, found %s"),
                                _ce_json_describe_node (root));
          continue;
        }

      if (!_ce_json_emit_object (&read, json_node_get_object (root), line_number,
                        ce_line_reader_get_offset (reader)))
        return finish_stopped (ctx, error);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  _ce_json_warn_skipped_rest (&read);
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

/* Whether the value at @text is a list whose first element is an object */
static gboolean
starts_list_of_objects (const char *text,
                        gsize       len)
{
  gsize i = 1;

  if (len == 0 || text[0] != '[')
    return FALSE;
  while (i < len && g_ascii_isspace (text[i]))
    i++;

  return i < len && text[i] == '{';
}

/* find_records () on the text of the object at @text, without a tree of
 * it: where its list of records is (*@start and *@end, offsets in
 * @text), chosen the same way.  FALSE when the object is a record
 * itself, holds no such list, or is not plain enough to scan
 * (_ce_json_scan_members ()); *@object_end is where the object ends. */
static gboolean
find_records_text (const char            *text,
                   gsize                  len,
                   const CeImportOptions *options,
                   guint                  depth,
                   gsize                 *start,
                   gsize                 *end,
                   gsize                 *object_end)
{
  g_autoptr(GArray) members = _ce_json_scan_members (text, len, object_end);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  const CeJsonMember *only_list = NULL;
  guint n_lists = 0;

  if (members == NULL)
    return FALSE;

  for (guint i = 0; i < members->len; i++)
    g_ptr_array_add (keys, g_array_index (members, CeJsonMember, i).key);
  if (ce_fields_find_text ((const char * const *)keys->pdata, keys->len, options) >= 0 || depth >= 3)
    return FALSE;

  for (guint k = 0; k < G_N_ELEMENTS (container_keys); k++)
    {
      for (guint i = 0; i < members->len; i++)
        {
          const CeJsonMember *member = &g_array_index (members, CeJsonMember, i);
          const char *value = text + member->start;
          gsize value_len = member->end - member->start;
          gsize inner_start, inner_end, inner_object_end;

          if (g_ascii_strcasecmp (member->key, container_keys[k]) != 0)
            continue;
          if (starts_list_of_objects (value, value_len))
            {
              *start = member->start;
              *end = member->end;
              return TRUE;
            }
          if (value[0] == '{' &&
              find_records_text (value, value_len, options, depth + 1,
                                 &inner_start, &inner_end, &inner_object_end))
            {
              *start = member->start + inner_start;
              *end = member->start + inner_end;
              return TRUE;
            }
        }
    }

  for (guint i = 0; i < members->len; i++)
    {
      const CeJsonMember *member = &g_array_index (members, CeJsonMember, i);

      if (starts_list_of_objects (text + member->start, member->end - member->start))
        {
          only_list = member;
          n_lists++;
        }
    }
  if (n_lists != 1)
    return FALSE;

  *start = only_list->start;
  *end = only_list->end;
  return TRUE;
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
salvage_array (CeJsonRead   *read,
               const char *text,
               gsize       len,
               guint      *n_salvaged)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  CeJsonLexState state = CE_JSON_LEX_CODE;
  int depth = 0;
  guint line = 1;
  guint start_line = 0;
  gsize start = 0;

  *n_salvaged = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = _ce_json_lex_step (&state, text, len, &i, &line);

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

              _ce_json_note_parsed (read->ctx, i + 1 - start);
              if (json_parser_load_from_data (parser, text + start, i + 1 - start, NULL) &&
                  (root = json_parser_get_root (parser)) != NULL &&
                  JSON_NODE_HOLDS_OBJECT (root))
                {
                  (*n_salvaged)++;
                  if (!_ce_json_emit_object (read, json_node_get_object (root), start_line, 0))
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

/* Reads a list of objects (_ce_json_is_list_of_objects()) one record at a time:
 * memory holds the text and the tree of one record, not a tree of the
 * whole list (a list of a million records took 1.3 GB for 107 MB of
 * text).  A record that does not parse is skipped, as the salvage of a
 * broken list skips it, and the first such error is reported. */
static gboolean
read_list (CeJsonRead     *read,
           const char   *text,
           gsize         len,
           guint         first_line,
           LineTracker  *tracker,
           GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *first_error = NULL;
  CeJsonLexState state = CE_JSON_LEX_CODE;
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
      char c = _ce_json_lex_step (&state, text, len, &i, &line);
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

      if (_ce_json_find_too_long_string (text + start, i + 1 - start, &long_line, &long_bytes))
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
      _ce_json_note_parsed (read->ctx, i + 1 - start);
      if (json_parser_load_from_data (parser, text + start, i + 1 - start, &parse_error) &&
          (root = json_parser_get_root (parser)) != NULL &&
          JSON_NODE_HOLDS_OBJECT (root))
        {
          JsonObject *object = json_node_get_object (root);
          guint object_line = line_of (tracker, object);

          n_read++;
          if (!_ce_json_emit_object (read, object, object_line > 0 ? start_line + object_line - 1 : start_line, 0))
            return finish_stopped (read->ctx, error);
        }
      else if (first_error == NULL && parse_error != NULL)
        {
          guint error_line = 0;

          first_error = _ce_json_describe_error (parse_error, &error_line);
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
  CeJsonRead read = { ctx, 0, FALSE };
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

  deep_line = _ce_json_find_too_deep (text, len);
  if (deep_line > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s:%u: nested more than %d levels deep"), ctx->path, deep_line, CE_JSON_MAX_DEPTH);
      ok = FALSE;
      goto out;
    }

  {
    const char *p = text;
    guint long_line;
    gsize long_bytes;

    gsize rest;
    gsize start = 0;
    gsize end = 0;
    gsize object_end = 0;

    while (g_ascii_isspace (*p))
      p++;
    rest = len - (p - text);

    /* A list of records at the top, or in an object around it
     * ({"articles": [...]}, {"data": {"items": [...]}}) with nothing
     * after the object: read one record at a time */
    if (*p == '[')
      end = rest;
    else if (*p == '{' &&
             find_records_text (p, rest, ctx->options, 0, &start, &end, &object_end))
      {
        for (gsize i = object_end; i < rest; i++)
          if (!g_ascii_isspace (p[i]))
            end = 0;
      }

    if (end > start && _ce_json_is_list_of_objects (p + start, end - start))
      {
        /* Lines count from the start of the file */
        guint first_line = 1;

        for (const char *q = text; q < p + start; q++)
          first_line += *q == '\n';
        ok = read_list (&read, p + start, end - start, first_line, &tracker, error);
        goto out;
      }

    /* Anything else is parsed whole: a string too long to store is
     * refused before json-glib copies it */
    if (_ce_json_find_too_long_string (text, len, &long_line, &long_bytes))
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

  _ce_json_note_parsed (ctx, len);
  if (!json_parser_load_from_data (parser, text, len, &parse_error))
    {
      guint error_line = 0;
      g_autofree char *message = _ce_json_describe_error (parse_error, &error_line);
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

      if (!_ce_json_emit_object (&read, object, line_of (&tracker, object), 0))
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
                                    i + 1, _ce_json_describe_node (element));
              continue;
            }

          if (!_ce_json_emit_object (&read, json_node_get_object (element),
                            line_of (&tracker, json_node_get_object (element)), 0))
            {
              ok = finish_stopped (ctx, error);
              break;
            }
        }
    }
  else
    ce_read_context_warn (ctx, 0, _("expected a JSON object or a list of objects, found %s"),
                          _ce_json_describe_node (records));

out:
  if (ok && !read.stopped)
    _ce_json_warn_skipped_rest (&read);
  g_array_unref (tracker.open_lines);
  g_hash_table_unref (tracker.object_lines);
  return ok;
}
