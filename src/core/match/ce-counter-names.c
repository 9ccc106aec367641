/* ce-counter-names.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-counter"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ce-counter-private.h"

/* Groupings and measures: their names are the nicks of CE_TYPE_GROUP_BY
 * and CE_TYPE_MEASURE (see ce-counter.h) */

static const char *
enum_nick (GType type,
           int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *entry = g_enum_get_value (klass, value);

  /* Nicks live as long as the type, which is static */
  return entry != NULL ? entry->value_nick : NULL;
}

static gboolean
enum_from_nick (GType       type,
                const char *nick,
                int        *value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *entry = g_enum_get_value_by_nick (klass, nick);

  if (entry == NULL)
    return FALSE;

  *value = entry->value;
  return TRUE;
}

/**
 * ce_grouping_parse:
 * @text: "document", "document-date", "place", "source", "section",
 *   "author", "meta:KEY", "day", "week", "month", "quarter", "year" or
 *   "date" (a bucket chosen from the span of dates)
 * @meta_key: (out) (transfer full): the key of "meta:KEY", else %NULL
 */
gboolean
ce_grouping_parse (const char  *text,
                   CeGroupBy   *by,
                   char       **meta_key,
                   GError     **error)
{
  int value;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (by != NULL, FALSE);
  g_return_val_if_fail (meta_key != NULL, FALSE);

  *meta_key = NULL;

  if (g_str_has_prefix (text, "meta:"))
    {
      if (text[5] == 0)
        {
          g_set_error_literal (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_GROUPING,
                               _("“meta:” needs a metadata key, e.g. meta:tag"));
          return FALSE;
        }

      *by = CE_GROUP_META;
      *meta_key = g_strdup (text + 5);
      return TRUE;
    }

  /* "auto" is what older settings stored for "date" */
  if (g_str_equal (text, "auto"))
    {
      *by = CE_GROUP_DATE_AUTO;
      return TRUE;
    }

  if (enum_from_nick (CE_TYPE_GROUP_BY, text, &value) && value != CE_GROUP_META)
    {
      *by = value;
      return TRUE;
    }

  g_set_error (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_GROUPING,
               _("Unknown grouping “%s”; use document, document-date, place, source, "
                 "section, author, meta:KEY, day, week, month, quarter, year or date"),
               text);
  return FALSE;
}

const char *
ce_group_by_to_string (CeGroupBy by)
{
  return enum_nick (CE_TYPE_GROUP_BY, by);
}

gboolean
ce_measure_parse (const char  *text,
                  CeMeasure   *measure,
                  GError     **error)
{
  int value;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (measure != NULL, FALSE);

  if (enum_from_nick (CE_TYPE_MEASURE, text, &value))
    {
      *measure = value;
      return TRUE;
    }

  g_set_error (error, CE_COUNTER_ERROR, CE_COUNTER_ERROR_INVALID_MEASURE,
               _("Unknown measure “%s”; use mentions, per10k, docs or share"), text);
  return FALSE;
}

const char *
ce_measure_to_string (CeMeasure measure)
{
  return enum_nick (CE_TYPE_MEASURE, measure);
}

const char *
ce_measure_get_units (CeMeasure measure)
{
  switch (measure)
    {
    case CE_MEASURE_MENTIONS:
      return "mentions";
    case CE_MEASURE_PER_10K:
      return "mentions per 10,000 words";
    case CE_MEASURE_DOCUMENTS:
      return "documents mentioning";
    case CE_MEASURE_SHARE:
      return "share of documents mentioning";
    default:
      return NULL;
    }
}

/**
 * ce_measure_get_title:
 * @measure: a measure
 *
 * The measure's name for a reader, translated and capitalised, as a chart's
 * value axis shows it.  ce_measure_get_units() is the untranslated name the
 * CLI's tables and JSON keep, so scripts do not depend on the locale.
 *
 * Returns: the title
 */
const char *
ce_measure_get_title (CeMeasure measure)
{
  switch (measure)
    {
    case CE_MEASURE_MENTIONS:
      /* Translators: the value axis of a chart */
      return _("Mentions");
    case CE_MEASURE_PER_10K:
      /* Translators: the value axis of a chart */
      return _("Mentions per 10,000 words");
    case CE_MEASURE_DOCUMENTS:
      /* Translators: the value axis of a chart */
      return _("Documents mentioning");
    case CE_MEASURE_SHARE:
      /* Translators: the value axis of a chart */
      return _("Share of documents mentioning");
    default:
      return NULL;
    }
}
