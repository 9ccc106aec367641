/* ce-query-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-query"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-query-private.h"

/* Date values.  A date names a range of days; a stored date is compared
 * through its first and last day, with the last day of a month written
 * as day 31 so that string comparison stays exact for every month. */

typedef struct
{
  char first[11];
  char last[11];
} DateRange;

static gboolean
parse_date_point (const char *text,
                  gsize       len,
                  DateRange  *range)
{
  guint year = 0, month = 0, day = 0;

  if (len != 4 && len != 7 && len != 10)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      gboolean dash = i == 4 || i == 7;

      if (dash ? text[i] != '-' : !g_ascii_isdigit (text[i]))
        return FALSE;
    }

  year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  if (len >= 7)
    month = (text[5] - '0') * 10 + (text[6] - '0');
  if (len == 10)
    day = (text[8] - '0') * 10 + (text[9] - '0');

  if (year == 0)
    return FALSE;
  if (len >= 7 && (month < 1 || month > 12))
    return FALSE;
  if (len == 10 && !g_date_valid_dmy (day, month, year))
    return FALSE;

  switch (len)
    {
    case 4:
      g_snprintf (range->first, sizeof range->first, "%04u-01-01", year);
      g_snprintf (range->last, sizeof range->last, "%04u-12-31", year);
      break;

    case 7:
      g_snprintf (range->first, sizeof range->first, "%04u-%02u-01", year, month);
      g_snprintf (range->last, sizeof range->last, "%04u-%02u-31", year, month);
      break;

    default:
      g_snprintf (range->first, sizeof range->first, "%04u-%02u-%02u", year, month, day);
      memcpy (range->last, range->first, sizeof range->last);
      break;
    }

  return TRUE;
}

Node *
_ce_query_parse_date_value (Parser *parser,
                            Token  *token)
{
  g_autoptr(Node) node = _ce_query_node_new (NODE_DATE);
  const char *value = token->text;
  guint column = token->value_column;
  const char *dots = strstr (value, "..");
  DateRange range;

  node->text = g_strdup (value);

  if (dots != NULL)
    {
      gsize first_len = dots - value;
      const char *second = dots + 2;
      DateRange from, to;

      if (first_len == 0 && *second == 0)
        {
          _ce_query_parser_fail (parser, column, _("date range expects YYYY[-MM[-DD]]"));
          return NULL;
        }

      if (first_len > 0 && !parse_date_point (value, first_len, &from))
        {
          _ce_query_parser_fail (parser, column, _("date range expects YYYY[-MM[-DD]]"));
          return NULL;
        }

      if (*second != 0 && !parse_date_point (second, strlen (second), &to))
        {
          _ce_query_parser_fail (parser, column + g_utf8_strlen (value, second - value),
                       _("date range expects YYYY[-MM[-DD]]"));
          return NULL;
        }

      if (first_len > 0 && *second != 0 && strcmp (to.last, from.first) < 0)
        {
          _ce_query_parser_fail (parser, column, _("date range ends before it starts"));
          return NULL;
        }

      if (first_len > 0)
        node->lo = g_strdup (from.first);
      if (*second != 0)
        node->hi = g_strdup (to.last);

      return g_steal_pointer (&node);
    }

  if (value[0] == '>' || value[0] == '<')
    {
      gboolean greater = value[0] == '>';
      gboolean or_equal = value[1] == '=';
      const char *point = value + (or_equal ? 2 : 1);

      if (!parse_date_point (point, strlen (point), &range))
        {
          _ce_query_parser_fail (parser, column + (point - value), _("date expects YYYY[-MM[-DD]]"));
          return NULL;
        }

      /* >D: starts after D ends; >=D: starts with D or later;
       * <D: ends before D starts; <=D: ends with D or earlier */
      if (greater)
        {
          node->lo = g_strdup (or_equal ? range.first : range.last);
          node->lo_strict = !or_equal;
        }
      else
        {
          node->hi = g_strdup (or_equal ? range.last : range.first);
          node->hi_strict = !or_equal;
        }

      return g_steal_pointer (&node);
    }

  if (!parse_date_point (value, strlen (value), &range))
    {
      _ce_query_parser_fail (parser, column, _("date expects YYYY[-MM[-DD]], a range "
                     "YYYY..YYYY or a comparison such as >YYYY"));
      return NULL;
    }

  node->lo = g_strdup (range.first);
  node->hi = g_strdup (range.last);
  return g_steal_pointer (&node);
}
