/* ce-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-date"

#include "config.h"

#include <string.h>

#include "ce-date.h"

#define MIN_YEAR 1000
#define MAX_YEAR 2999

static const char * const month_names[12] = {
  "january", "february", "march", "april", "may", "june",
  "july", "august", "september", "october", "november", "december",
};

/* Words a date may carry besides month names: weekdays, time zones and
 * glue.  Anything else means the text is not just a date. */
static const char * const filler_words[] = {
  "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  "of", "at", "am", "pm", "a.m", "p.m", "t", "z",
  "gmt", "utc", "ut", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt",
  "bst", "cet", "cest", "eet", "eest", "wet", "west", "ist", "jst", "aest",
  "aedt", "published", "updated", "posted", "on",
};

static gboolean
valid_date (int year,
            int month,
            int day)
{
  if (year < MIN_YEAR || year > MAX_YEAR)
    return FALSE;
  if (month == 0)
    return day == 0;
  if (month < 1 || month > 12)
    return FALSE;
  if (day == 0)
    return TRUE;
  return g_date_valid_dmy (day, month, year);
}

static char *
format_date (int year,
             int month,
             int day)
{
  if (!valid_date (year, month, day))
    return NULL;
  if (month == 0)
    return g_strdup_printf ("%04d", year);
  if (day == 0)
    return g_strdup_printf ("%04d-%02d", year, month);
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

/* Reads up to @max digits, at least @min; -1 when there are fewer */
static int
read_number (const char **p,
             int          min,
             int          max)
{
  int value = 0;
  int n = 0;

  while (n < max && g_ascii_isdigit ((*p)[n]))
    {
      value = value * 10 + ((*p)[n] - '0');
      n++;
    }
  if (n < min)
    return -1;

  *p += n;
  return value;
}

/* What may follow a date: nothing, a time, or a time zone */
static gboolean
is_date_end (const char *p)
{
  if (*p == '\0')
    return TRUE;
  if ((*p == 'T' || *p == 't' || *p == ' ' || *p == '_') && g_ascii_isdigit (p[1]))
    return TRUE;
  if ((*p == 'Z' || *p == 'z') && p[1] == '\0')
    return TRUE;
  /* "2024-05-17 (Friday)" and the like are not worth refusing */
  return g_ascii_isspace (*p);
}

/* "2024", "2024-05", "2024-05-17", "2024/5/17", "2024.05.17", "20240517",
 * each possibly followed by a time.  *matched tells whether the text had
 * that shape at all, valid or not. */
static char *
parse_iso (const char *text,
           gboolean   *matched)
{
  const char *p = text;
  int year, month = 0, day = 0;
  char sep;

  *matched = FALSE;

  year = read_number (&p, 4, 4);
  if (year < 0)
    return NULL;

  if (g_ascii_isdigit (*p))
    {
      /* Only the compact full form: exactly eight digits */
      month = read_number (&p, 2, 2);
      day = read_number (&p, 2, 2);
      if (month < 0 || day < 0 || g_ascii_isdigit (*p) || !is_date_end (p))
        return NULL;
      *matched = TRUE;
      return format_date (year, month, day);
    }

  sep = *p;
  if (sep == '-' || sep == '/' || sep == '.')
    {
      p++;
      month = read_number (&p, 1, 2);
      if (month < 0)
        return NULL;
      if (*p == sep)
        {
          p++;
          day = read_number (&p, 1, 2);
          if (day < 0)
            return NULL;
        }
      if (g_ascii_isdigit (*p))
        return NULL;
    }

  if (!is_date_end (p))
    return NULL;

  /* A lone year is only a date when nothing follows it */
  if (month == 0 && *p != '\0')
    return NULL;

  *matched = TRUE;
  return format_date (year, month, day);
}

/* "17.05.2024", "17/05/2024", "5-3-2024", each possibly with a time */
static char *
parse_numeric_dmy (const char *text)
{
  const char *p = text;
  int a, b, year;
  char sep;

  a = read_number (&p, 1, 2);
  if (a < 0)
    return NULL;
  sep = *p;
  if (sep != '.' && sep != '/' && sep != '-')
    return NULL;
  p++;
  b = read_number (&p, 1, 2);
  if (b < 0 || *p != sep)
    return NULL;
  p++;
  year = read_number (&p, 4, 4);
  if (year < 0 || g_ascii_isdigit (*p) || !is_date_end (p))
    return NULL;

  /* Dots are European and day first; with slashes or dashes either order
   * is in use, so only an unambiguous date keeps its month and day */
  if (sep == '.' || (a > 12 && b <= 12))
    return format_date (year, b, a);
  if (b > 12 && a <= 12)
    return format_date (year, a, b);
  if (a == b)
    return format_date (year, a, b);
  if (a > 12 || b > 12 || a == 0 || b == 0)
    return NULL;

  return format_date (year, 0, 0);
}

static int
lookup_month (const char *word)
{
  gsize len = strlen (word);

  if (len < 3)
    return 0;

  for (int i = 0; i < 12; i++)
    {
      if (strcmp (word, month_names[i]) == 0)
        return i + 1;
      /* "jan", "sept" */
      if (len <= 4 && strncmp (word, month_names[i], len) == 0)
        return i + 1;
    }

  return 0;
}

static gboolean
is_filler (const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (filler_words); i++)
    if (strcmp (word, filler_words[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Dates written with words: "Tue, 5 Mar 2024 10:00:00 +0000",
 * "January 5, 2024", "5th of January 2024", "March 2024" */
static char *
parse_words (const char *text)
{
  const char *p = text;
  int month = 0;
  int numbers[3];
  int digits[3];
  int n_numbers = 0;
  int year = -1, day = 0;

  while (*p != '\0')
    {
      if (g_ascii_isspace (*p) || *p == ',' || *p == '(' || *p == ')' || *p == '.')
        {
          p++;
        }
      else if (g_ascii_isalpha (*p))
        {
          char word[16];
          gsize len = 0;
          int m;

          while (g_ascii_isalpha (*p) || (*p == '.' && len > 0 && g_ascii_isalpha (p[1])))
            {
              if (len + 1 >= sizeof word)
                return NULL;
              word[len++] = g_ascii_tolower (*p);
              p++;
            }
          word[len] = '\0';

          m = lookup_month (word);
          if (m != 0)
            {
              if (month != 0)
                return NULL;
              month = m;
            }
          else if (!is_filler (word))
            return NULL;
        }
      else if (g_ascii_isdigit (*p))
        {
          const char *start = p;
          int value = read_number (&p, 1, 4);
          int n_digits = p - start;

          if (g_ascii_isdigit (*p))
            return NULL;

          if ((g_ascii_strncasecmp (p, "am", 2) == 0 || g_ascii_strncasecmp (p, "pm", 2) == 0) &&
              !g_ascii_isalpha (p[2]))
            {
              /* "10am" */
              p += 2;
              continue;
            }

          if (*p == ':')
            {
              /* A time of day: skip "10:00:00" */
              while (g_ascii_isdigit (*p) || *p == ':' || *p == '.')
                p++;
              continue;
            }

          /* Ordinal suffixes: "5th", "1st", "22nd", "3rd" */
          if (g_ascii_strncasecmp (p, "st", 2) == 0 || g_ascii_strncasecmp (p, "nd", 2) == 0 ||
              g_ascii_strncasecmp (p, "rd", 2) == 0 || g_ascii_strncasecmp (p, "th", 2) == 0)
            {
              if (g_ascii_isalpha (p[2]))
                return NULL;
              p += 2;
            }
          else if (g_ascii_isalpha (*p))
            return NULL;

          if (n_numbers == G_N_ELEMENTS (numbers))
            return NULL;
          numbers[n_numbers] = value;
          digits[n_numbers] = n_digits;
          n_numbers++;
        }
      else if ((*p == '+' || *p == '-') && g_ascii_isdigit (p[1]))
        {
          /* A time zone offset: "+0000", "-05:00" */
          p++;
          while (g_ascii_isdigit (*p) || *p == ':')
            p++;
        }
      else
        return NULL;
    }

  if (month == 0)
    return NULL;

  for (int i = 0; i < n_numbers; i++)
    {
      gboolean is_year = digits[i] >= 3 || numbers[i] > 31;

      /* RFC 2822's two-digit year, the last number after a day */
      if (!is_year && digits[i] == 2 && i == n_numbers - 1 && n_numbers == 2 && year < 0)
        {
          is_year = TRUE;
          numbers[i] += numbers[i] < 50 ? 2000 : 1900;
        }

      if (is_year)
        {
          if (year >= 0)
            return NULL;
          year = numbers[i];
        }
      else
        {
          if (day != 0)
            return NULL;
          day = numbers[i];
          if (day < 1)
            return NULL;
        }
    }

  if (year < 0)
    return NULL;

  return format_date (year, month, day);
}

char *
ce_date_parse (const char *text)
{
  g_autofree char *copy = NULL;
  gboolean matched;
  char *result;

  if (text == NULL)
    return NULL;

  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0' || strlen (copy) > 80)
    return NULL;

  result = parse_iso (copy, &matched);
  if (matched)
    return result;

  result = parse_numeric_dmy (copy);
  if (result != NULL)
    return result;

  return parse_words (copy);
}

/* A date at the start of @p: "2021-03-04", "2021_03_04", "20210304",
 * "2021-03", "1830"; the digits may not run on */
static char *
filename_date_at (const char *p,
                  gboolean    year_alone)
{
  int year, month, day;
  char sep;
  const char *q = p;

  year = read_number (&q, 4, 4);
  if (year < 0)
    return NULL;

  if (g_ascii_isdigit (*q))
    {
      month = read_number (&q, 2, 2);
      day = read_number (&q, 2, 2);
      if (month < 0 || day < 0 || g_ascii_isdigit (*q))
        return NULL;
      return format_date (year, month, day);
    }

  sep = *q;
  if (sep == '-' || sep == '_' || sep == '.')
    {
      const char *r = q + 1;

      month = read_number (&r, 2, 2);
      if (month >= 0 && !g_ascii_isdigit (*r))
        {
          if (*r == sep)
            {
              const char *s = r + 1;

              day = read_number (&s, 2, 2);
              if (day >= 0 && !g_ascii_isdigit (*s))
                return format_date (year, month, day);
            }
          if (month >= 1 && month <= 12)
            return format_date (year, month, 0);
        }
    }

  if (!year_alone)
    return NULL;

  return format_date (year, 0, 0);
}

char *
ce_date_from_filename (const char *basename)
{
  char *date;

  /* The loop below starts at the second character */
  if (basename == NULL || *basename == '\0')
    return NULL;

  date = filename_date_at (basename, TRUE);
  if (date != NULL)
    return date;

  /* "report-2021-03-04.txt": a full date further on, between non-digits */
  for (const char *p = basename + 1; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p) || g_ascii_isdigit (p[-1]))
        continue;

      date = filename_date_at (p, FALSE);
      if (date != NULL && strlen (date) == 10)
        return date;
      g_free (date);
    }

  return NULL;
}

/**
 * ce_date_bucket_key:
 * @bucket: the bucket
 * @year: the year, 1 to 9999
 * @month: the month, or 0 when unknown
 * @day: the day, or 0 when unknown
 *
 * Returns: (transfer full): the key of the bucket that holds the date
 */
char *
ce_date_bucket_key (CeDateBucket bucket,
                    int          year,
                    int          month,
                    int          day)
{
  switch (bucket)
    {
    case CE_DATE_BUCKET_DAY:
      if (day > 0)
        return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
      break;

    case CE_DATE_BUCKET_WEEK:
      if (day > 0)
        {
          g_autoptr(GDateTime) time = g_date_time_new_utc (year, month, day, 0, 0, 0);

          return g_strdup_printf ("%04d-W%02d",
                                  g_date_time_get_week_numbering_year (time),
                                  g_date_time_get_week_of_year (time));
        }
      break;

    case CE_DATE_BUCKET_MONTH:
      if (month > 0)
        return g_strdup_printf ("%04d-%02d", year, month);
      break;

    case CE_DATE_BUCKET_QUARTER:
      if (month > 0)
        return g_strdup_printf ("%04d-Q%d", year, (month - 1) / 3 + 1);
      break;

    case CE_DATE_BUCKET_YEAR:
      return g_strdup_printf ("%04d", year);

    default:
      g_return_val_if_reached (NULL);
    }

  if (month > 0)
    return g_strdup_printf ("%04d-%02d", year, month);
  return g_strdup_printf ("%04d", year);
}

static gboolean
read_digits (const char **text,
             guint        n_digits,
             guint       *value)
{
  guint result = 0;

  for (guint i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit ((*text)[i]))
        return FALSE;
      result = result * 10 + ((*text)[i] - '0');
    }

  *text += n_digits;
  *value = result;
  return TRUE;
}

/**
 * ce_date_bucket_range:
 * @bucket: the bucket of the key
 * @key: a key made by ce_date_bucket_key(): "2024-05-17", "2024-W05",
 *   "2024-05", "2024-Q2" or "2024"
 * @start: (out caller-allocates): the first day of the period
 * @end: (out caller-allocates) (optional): the day after its last day
 *
 * Returns: %TRUE when @key names a period of @bucket at the bucket's full
 *   precision
 */
gboolean
ce_date_bucket_range (CeDateBucket  bucket,
                      const char   *key,
                      GDate        *start,
                      GDate        *end)
{
  const char *p = key;
  guint year, month = 1, day = 1, number;
  GDate last;

  g_return_val_if_fail (start != NULL, FALSE);

  g_date_clear (start, 1);
  g_date_clear (&last, 1);

  if (key == NULL || !read_digits (&p, 4, &year) || year == 0)
    return FALSE;

  switch (bucket)
    {
    case CE_DATE_BUCKET_DAY:
      if (*p++ != '-' || !read_digits (&p, 2, &month) || *p++ != '-' ||
          !read_digits (&p, 2, &day) || *p != 0 || !g_date_valid_dmy (day, month, year))
        return FALSE;
      g_date_set_dmy (start, day, month, year);
      last = *start;
      g_date_add_days (&last, 1);
      break;

    case CE_DATE_BUCKET_WEEK:
      if (*p++ != '-' || *p++ != 'W' || !read_digits (&p, 2, &number) || *p != 0 ||
          number < 1 || number > 53)
        return FALSE;
      /* ISO 8601: week 1 is the week with 4 January; weeks start on Monday */
      g_date_set_dmy (start, 4, G_DATE_JANUARY, year);
      g_date_subtract_days (start, g_date_get_weekday (start) - G_DATE_MONDAY);
      g_date_add_days (start, (number - 1) * 7);
      last = *start;
      g_date_add_days (&last, 7);
      break;

    case CE_DATE_BUCKET_MONTH:
      if (*p++ != '-' || !read_digits (&p, 2, &month) || *p != 0 || month < 1 || month > 12)
        return FALSE;
      g_date_set_dmy (start, 1, month, year);
      last = *start;
      g_date_add_months (&last, 1);
      break;

    case CE_DATE_BUCKET_QUARTER:
      if (*p++ != '-' || *p++ != 'Q' || !read_digits (&p, 1, &number) || *p != 0 ||
          number < 1 || number > 4)
        return FALSE;
      g_date_set_dmy (start, 1, (number - 1) * 3 + 1, year);
      last = *start;
      g_date_add_months (&last, 3);
      break;

    case CE_DATE_BUCKET_YEAR:
      if (*p != 0)
        return FALSE;
      g_date_set_dmy (start, 1, G_DATE_JANUARY, year);
      last = *start;
      g_date_add_years (&last, 1);
      break;

    default:
      return FALSE;
    }

  if (!g_date_valid (start) || !g_date_valid (&last))
    return FALSE;

  if (end != NULL)
    *end = last;
  return TRUE;
}
