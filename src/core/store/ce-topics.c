/* ce-topics.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-topics"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ce-corpus-private.h"
#include "ce-topics.h"

/* Topics stored in a corpus: the topics table, terms as a JSON array of
 * strings. */

static char *
terms_to_json (const char * const *terms)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; terms[i] != NULL; i++)
    json_builder_add_string_value (builder, terms[i]);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* A corpus is untrusted input: anything but an array of strings gives
 * no terms, and the topic then fails validation with a clear message. */
static GStrv
terms_from_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *root;
  JsonArray *array;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return g_strv_builder_end (builder);

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return g_strv_builder_end (builder);

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (node));
    }

  return g_strv_builder_end (builder);
}

static CeTopic *
topic_from_row (sqlite3_stmt *stmt)
{
  return ce_topic_new_stored (sqlite3_column_int64 (stmt, 0),
                              (const char *)sqlite3_column_text (stmt, 1),
                              (const char *)sqlite3_column_text (stmt, 2),
                              terms_from_json ((const char *)sqlite3_column_text (stmt, 3)),
                              (guint)CLAMP (sqlite3_column_int64 (stmt, 4), 0, G_MAXUINT),
                              sqlite3_column_int (stmt, 5) != 0);
}

/**
 * ce_topics_list:
 *
 * Returns: (transfer full) (element-type CeTopic): the stored topics in
 *   their order
 */
GPtrArray *
ce_topics_list (CeCorpus  *corpus,
                GError   **error)
{
  g_autoptr(GPtrArray) topics = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);

  stmt = _ce_corpus_prepare (corpus,
                             "SELECT id, name, color, terms, position, enabled"
                             "  FROM topics ORDER BY position, id",
                             error);
  if (stmt == NULL)
    return NULL;

  topics = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (topics, topic_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (corpus, error, _("Could not read the topics"));
      sqlite3_finalize (stmt);
      return NULL;
    }

  sqlite3_finalize (stmt);
  return g_steal_pointer (&topics);
}

/**
 * ce_topics_find:
 *
 * Returns: (transfer full): the stored topic called @name (compared
 *   without regard to case), or %NULL with %CE_TOPIC_ERROR_NOT_FOUND
 */
CeTopic *
ce_topics_find (CeCorpus    *corpus,
                const char  *name,
                GError     **error)
{
  g_autoptr(GPtrArray) topics = NULL;
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  topics = ce_topics_list (corpus, error);
  if (topics == NULL)
    return NULL;

  wanted = g_utf8_casefold (name, -1);
  for (guint i = 0; i < topics->len; i++)
    {
      CeTopic *topic = g_ptr_array_index (topics, i);
      g_autofree char *folded = g_utf8_casefold (ce_topic_get_name (topic), -1);

      if (g_str_equal (folded, wanted))
        return g_object_ref (topic);
    }

  g_set_error (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_NOT_FOUND,
               _("No topic “%s” in “%s”"), name, ce_corpus_get_path (corpus));
  return NULL;
}

/**
 * ce_topics_save:
 *
 * Stores a new topic at the end of the list, or updates a stored one.
 * The topic is validated first; an invalid term gives an error naming it.
 */
gboolean
ce_topics_save (CeCorpus  *corpus,
                CeTopic   *topic,
                GError   **error)
{
  g_autoptr(CeTopic) existing = NULL;
  g_autofree char *terms = NULL;
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), FALSE);
  g_return_val_if_fail (CE_IS_TOPIC (topic), FALSE);

  if (!ce_topic_validate (topic, error))
    return FALSE;

  name = g_strstrip (g_strdup (ce_topic_get_name (topic)));
  terms = terms_to_json (ce_topic_get_terms (topic));

  /* Names are unique regardless of case, as ce_topics_find() looks them up */
  existing = ce_topics_find (corpus, name, NULL);
  if (existing != NULL && ce_topic_get_id (existing) != ce_topic_get_id (topic))
    {
      g_set_error (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_EXISTS,
                   _("A topic named “%s” already exists"), ce_topic_get_name (existing));
      return FALSE;
    }

  if (ce_topic_get_id (topic) == 0)
    stmt = _ce_corpus_prepare (corpus,
                               "INSERT INTO topics (name, color, terms, enabled, position)"
                               " VALUES (?1, ?2, ?3, ?4,"
                               "         (SELECT coalesce(max(position) + 1, 0) FROM topics))"
                               " RETURNING id, position",
                               error);
  else
    stmt = _ce_corpus_prepare (corpus,
                               "UPDATE topics SET name = ?1, color = ?2, terms = ?3, enabled = ?4"
                               " WHERE id = ?5 RETURNING id, position",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, ce_topic_get_color (topic), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, terms, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, ce_topic_get_enabled (topic));
  if (ce_topic_get_id (topic) != 0)
    sqlite3_bind_int64 (stmt, 5, ce_topic_get_id (topic));

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      ce_topic_set_id (topic, sqlite3_column_int64 (stmt, 0));
      ce_topic_set_position (topic, (guint)CLAMP (sqlite3_column_int64 (stmt, 1), 0, G_MAXUINT));
      sqlite3_step (stmt);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_NOT_FOUND,
                 _("The topic “%s” is no longer stored in “%s”"),
                 name, ce_corpus_get_path (corpus));
  else if (sqlite3_extended_errcode (_ce_corpus_get_db (corpus)) == SQLITE_CONSTRAINT_UNIQUE)
    g_set_error (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_EXISTS,
                 _("A topic named “%s” already exists"), name);
  else
    _ce_corpus_set_sql_error (corpus, error, _("Could not store the topic"));

  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW)
    return FALSE;

  ce_topic_set_name (topic, name);
  return TRUE;
}

gboolean
ce_topics_remove (CeCorpus  *corpus,
                  CeTopic   *topic,
                  GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), FALSE);
  g_return_val_if_fail (CE_IS_TOPIC (topic), FALSE);

  if (ce_topic_get_id (topic) == 0)
    {
      g_set_error (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_NOT_FOUND,
                   _("The topic “%s” is not stored"), ce_topic_get_name (topic));
      return FALSE;
    }

  stmt = _ce_corpus_prepare (corpus, "DELETE FROM topics WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, ce_topic_get_id (topic));
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _ce_corpus_set_sql_error (corpus, error, _("Could not remove the topic"));
      return FALSE;
    }

  ce_topic_set_id (topic, 0);
  return TRUE;
}

/**
 * ce_topics_reorder:
 * @topics: (element-type CeTopic): stored topics in their new order
 *
 * Gives each topic its index in @topics as position, in one transaction
 * (or inside the caller's).
 */
gboolean
ce_topics_reorder (CeCorpus   *corpus,
                   GPtrArray  *topics,
                   GError    **error)
{
  gboolean own_transaction;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), FALSE);
  g_return_val_if_fail (topics != NULL, FALSE);

  own_transaction = !ce_corpus_in_transaction (corpus);
  if (own_transaction && !_ce_corpus_exec (corpus, "BEGIN IMMEDIATE", error))
    return FALSE;

  stmt = _ce_corpus_prepare (corpus, "UPDATE topics SET position = ? WHERE id = ?", error);
  ok = stmt != NULL;

  for (guint i = 0; ok && i < topics->len; i++)
    {
      CeTopic *topic = g_ptr_array_index (topics, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, i);
      sqlite3_bind_int64 (stmt, 2, ce_topic_get_id (topic));
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          _ce_corpus_set_sql_error (corpus, error, _("Could not reorder the topics"));
          ok = FALSE;
        }
    }

  sqlite3_finalize (stmt);

  if (own_transaction)
    {
      if (ok)
        ok = _ce_corpus_exec (corpus, "COMMIT", error);
      if (!ok)
        _ce_corpus_exec (corpus, "ROLLBACK", NULL);
    }

  if (ok)
    {
      for (guint i = 0; i < topics->len; i++)
        ce_topic_set_position (g_ptr_array_index (topics, i), i);
    }

  return ok;
}

/**
 * ce_topics_move:
 * @position: the new index of @topic among the stored topics
 *
 * Moves one stored topic; the others keep their relative order.
 */
gboolean
ce_topics_move (CeCorpus  *corpus,
                CeTopic   *topic,
                guint      position,
                GError   **error)
{
  g_autoptr(GPtrArray) topics = NULL;
  CeTopic *found = NULL;

  g_return_val_if_fail (CE_IS_CORPUS (corpus), FALSE);
  g_return_val_if_fail (CE_IS_TOPIC (topic), FALSE);

  topics = ce_topics_list (corpus, error);
  if (topics == NULL)
    return FALSE;

  for (guint i = 0; i < topics->len; i++)
    {
      CeTopic *stored = g_ptr_array_index (topics, i);

      if (ce_topic_get_id (stored) == ce_topic_get_id (topic))
        {
          found = g_ptr_array_steal_index (topics, i);
          break;
        }
    }

  if (found == NULL)
    {
      g_set_error (error, CE_TOPIC_ERROR, CE_TOPIC_ERROR_NOT_FOUND,
                   _("The topic “%s” is not stored"), ce_topic_get_name (topic));
      return FALSE;
    }

  g_object_unref (found);
  g_ptr_array_insert (topics, MIN (position, topics->len), g_object_ref (topic));

  return ce_topics_reorder (corpus, topics, error);
}
