/* fuzz-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The search language on any input: a query either parses or fails with
 * an error and a column; one that parses writes a normal form that parses
 * back to the same query (same text, same FTS5 expressions, same SQL).
 */

#include "config.h"

#include <stdint.h>

#include "ce-query.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
describe (CeQuery  *query,
          GString  *out)
{
  g_autoptr(GString) where = g_string_new (NULL);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = ce_query_to_string (query);

  ce_query_append_sql (query, where, params);
  g_string_append_printf (out, "%s\n%s\n%s\n%s\n", text,
                          ce_query_get_fts (query) ? ce_query_get_fts (query) : "-",
                          ce_query_get_highlight_fts (query) ? ce_query_get_highlight_fts (query) : "-",
                          where->str);
  for (guint i = 0; i < params->len; i++)
    g_string_append_printf (out, "%s\n", (char *)params->pdata[i]);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *)data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) query = ce_query_parse (text, &error);
  g_autoptr(CeQuery) again = NULL;
  g_autoptr(GString) first = g_string_new (NULL);
  g_autoptr(GString) second = g_string_new (NULL);
  g_autofree char *normal = NULL;

  if (query == NULL)
    {
      if (error == NULL || error->message == NULL)
        __builtin_trap ();
      return 0;
    }

  describe (query, first);
  normal = ce_query_to_string (query);
  again = ce_query_parse (normal, &error);
  if (again == NULL)
    {
      g_printerr ("normal form does not parse: %s\n%s\n", normal, error->message);
      __builtin_trap ();
    }
  describe (again, second);
  if (!g_str_equal (first->str, second->str))
    {
      g_printerr ("normal form reads back differently:\n%s---\n%s", first->str, second->str);
      __builtin_trap ();
    }

  return 0;
}
