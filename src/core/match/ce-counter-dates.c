/* ce-counter-dates.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-counter"

#include "config.h"

#include <string.h>

#include "ce-counter-private.h"
#include "ce-date.h"

/* Gaps in a time axis are filled up to this many buckets */
#define MAX_FILLED_BUCKETS 5000

static gboolean
read_number (const char *s,
             guint       digits,
             int        *value)
{
  int n = 0;

  for (guint i = 0; i < digits; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      n = n * 10 + (s[i] - '0');
    }

  *value = n;
  return TRUE;
}

/* "2024", "2024-05", "2024-05-17" and "2024-05-17T…" */
static gboolean
parse_date (const char         *s,
            CeCounterDateParts *date)
{
  memset (date, 0, sizeof *date);

  if (s == NULL || !read_number (s, 4, &date->year) || date->year < 1)
    return FALSE;
  if (s[4] == 0)
    return TRUE;
  if (s[4] != '-' || !read_number (s + 5, 2, &date->month) || date->month < 1 || date->month > 12)
    return FALSE;
  if (s[7] == 0)
    return TRUE;
  if (s[7] != '-' || !read_number (s + 8, 2, &date->day) ||
      !g_date_valid_dmy (date->day, date->month, date->year))
    {
      date->day = 0;
      return FALSE;
    }

  return s[10] == 0 || s[10] == 'T' || s[10] == ' ';
}

guint32
_ce_counter_date_code (const char *date)
{
  CeCounterDateParts parts;

  if (!parse_date (date, &parts) || parts.year >= (1 << 22))
    return 0;

  return (guint32)parts.year << 9 | (guint32)parts.month << 5 | (guint32)parts.day;
}

CeCounterDateParts
_ce_counter_date_parts (guint32 code)
{
  CeCounterDateParts date = { (int)(code >> 9), (int)((code >> 5) & 15), (int)(code & 31) };

  return date;
}

/**
 * ce_group_by_date_bucket:
 * @bucket: (out): the date bucket of @by
 *
 * Returns: whether @by groups by a date bucket (day to year), whose keys
 *   ce_date_bucket_key() makes and ce_date_bucket_range() reads back
 */
gboolean
ce_group_by_date_bucket (CeGroupBy     by,
                         CeDateBucket *bucket)
{
  switch (by)
    {
    case CE_GROUP_DAY:     *bucket = CE_DATE_BUCKET_DAY;     return TRUE;
    case CE_GROUP_WEEK:    *bucket = CE_DATE_BUCKET_WEEK;    return TRUE;
    case CE_GROUP_MONTH:   *bucket = CE_DATE_BUCKET_MONTH;   return TRUE;
    case CE_GROUP_QUARTER: *bucket = CE_DATE_BUCKET_QUARTER; return TRUE;
    case CE_GROUP_YEAR:    *bucket = CE_DATE_BUCKET_YEAR;    return TRUE;
    case CE_GROUP_DOCUMENT:
    case CE_GROUP_DOCUMENT_BY_DATE:
    case CE_GROUP_PLACE:
    case CE_GROUP_SOURCE:
    case CE_GROUP_SECTION:
    case CE_GROUP_AUTHOR:
    case CE_GROUP_META:
    case CE_GROUP_DATE_AUTO:
    default:
      return FALSE;
    }
}

static CeDateBucket
date_bucket_of (CeGroupBy by)
{
  CeDateBucket bucket = CE_DATE_BUCKET_YEAR;

  if (!ce_group_by_date_bucket (by, &bucket))
    g_return_val_if_reached (CE_DATE_BUCKET_YEAR);
  return bucket;
}

/* A date lacking the bucket's precision gets a category of its own,
 * labelled with what is known ("2024-05" among days), so no document is
 * dropped; it sorts among them by its text. */
char *
_ce_counter_date_bucket_key (CeGroupBy                 by,
                             const CeCounterDateParts *date)
{
  return ce_date_bucket_key (date_bucket_of (by), date->year, date->month, date->day);
}

gboolean
_ce_counter_is_date_grouping (CeGroupBy by)
{
  return by == CE_GROUP_DAY || by == CE_GROUP_WEEK || by == CE_GROUP_MONTH ||
         by == CE_GROUP_QUARTER || by == CE_GROUP_YEAR;
}

/* About 10 to 60 buckets whatever the span; days and weeks only when
 * most dated documents have a day. */
CeGroupBy
_ce_counter_choose_date_bucket (const guint32 *dates,
                                guint          n)
{
  GDate first, last;
  guint dated = 0;
  guint with_day = 0;
  guint32 lowest = G_MAXUINT32, highest = 0;
  gint span;

  /* Codes sort as their dates do */
  for (guint i = 0; i < n; i++)
    {
      if (dates[i] == 0)
        continue;

      dated++;
      if ((dates[i] & 31) > 0)
        with_day++;
      lowest = MIN (lowest, dates[i]);
      highest = MAX (highest, dates[i]);
    }

  if (dated == 0)
    return CE_GROUP_YEAR;

  {
    CeCounterDateParts a = _ce_counter_date_parts (lowest), b = _ce_counter_date_parts (highest);

    g_date_clear (&first, 1);
    g_date_clear (&last, 1);
    g_date_set_dmy (&first, MAX (a.day, 1), MAX (a.month, 1), a.year);
    g_date_set_dmy (&last, MAX (b.day, 1), MAX (b.month, 1), b.year);
  }

  span = g_date_days_between (&first, &last);

  if (with_day * 2 >= dated && span <= 62)
    return CE_GROUP_DAY;
  if (with_day * 2 >= dated && span <= 366)
    return CE_GROUP_WEEK;
  if (span <= 5 * 366)
    return CE_GROUP_MONTH;
  if (span <= 15 * 366)
    return CE_GROUP_QUARTER;
  return CE_GROUP_YEAR;
}

/* A time axis shows empty buckets too, so lines over time are honest */
void
_ce_counter_fill_date_gaps (GHashTable *categories,
                            CeGroupBy   by)
{
  CeDateBucket bucket = date_bucket_of (by);
  GHashTableIter iter;
  Category *category;
  GDate first, last, day;
  guint added = 0;

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);

  g_hash_table_iter_init (&iter, categories);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&category))
    {
      if (category->kind != CE_CATEGORY_VALUE || !ce_date_bucket_range (bucket, category->key, &day, NULL))
        continue;

      if (!g_date_valid (&first) || g_date_compare (&day, &first) < 0)
        first = day;
      if (!g_date_valid (&last) || g_date_compare (&day, &last) > 0)
        last = day;
    }

  if (!g_date_valid (&first))
    return;

  for (day = first; g_date_compare (&day, &last) <= 0 && added < MAX_FILLED_BUCKETS; )
    {
      CeCounterDateParts date = { g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day) };
      g_autofree char *key = _ce_counter_date_bucket_key (by, &date);

      if (!g_hash_table_contains (categories, key))
        {
          category = _ce_counter_category_new (key, key, CE_CATEGORY_VALUE);
          category->sort_key = g_strdup (key);
          g_hash_table_insert (categories, category->key, category);
          added++;
        }

      switch (bucket)
        {
        case CE_DATE_BUCKET_DAY:     g_date_add_days (&day, 1); break;
        case CE_DATE_BUCKET_WEEK:    g_date_add_days (&day, 7); break;
        case CE_DATE_BUCKET_MONTH:   g_date_add_months (&day, 1); break;
        case CE_DATE_BUCKET_QUARTER: g_date_add_months (&day, 3); break;
        case CE_DATE_BUCKET_YEAR:    g_date_add_years (&day, 1); break;
        default:
          g_return_if_reached ();
        }
    }
}
