/* ce-date.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads a date written in one of the common ways and returns it as ISO
 * 8601, as precise as the text: "2024", "2024-05" or "2024-05-17".  A
 * time of day and a time zone are dropped.  Accepted: ISO 8601
 * ("2024-05-17", "2024-05-17T10:00:00Z", "2024-05", "20240517",
 * "2024/05/17"), RFC 2822 ("Tue, 5 Mar 2024 10:00:00 +0000"), English
 * month names ("January 5, 2024", "Jan. 5, 2024", "5 January 2024",
 * "5th of January 2024", "March 2024"), day-first numeric dates
 * ("17.05.2024", and "17/05/2024" or "05/17/2024" when the day cannot be
 * mistaken for the month; otherwise only the year is kept) and bare years
 * (1000 to 2999).  Returns NULL when @text is not a date. */
char *ce_date_parse         (const char *text);

/* The date a file name starts with: "2021-03-04-harbour.txt",
 * "2021_03_04", "20210304-harbour.txt", "2021-03_notes", "1830_letter.txt";
 * also a "YYYY-MM-DD" anywhere in the name.  NULL when there is none. */
char *ce_date_from_filename (const char *basename);

/* Date buckets: the periods a time axis groups documents by */
typedef enum
{
  CE_DATE_BUCKET_DAY,      /* "2024-05-17" */
  CE_DATE_BUCKET_WEEK,     /* ISO 8601 weeks, "2024-W05" */
  CE_DATE_BUCKET_MONTH,    /* "2024-05" */
  CE_DATE_BUCKET_QUARTER,  /* "2024-Q2" */
  CE_DATE_BUCKET_YEAR,     /* "2024" */
} CeDateBucket;

/* The key of the bucket holding a date (@month and @day 0 when unknown).
 * A date lacking the bucket's precision gets the key of what is known
 * ("2024-05" among days), so no document is dropped. */
char     *ce_date_bucket_key   (CeDateBucket  bucket,
                                int           year,
                                int           month,
                                int           day);
/* The period a key of @bucket names: its first day and the day after its
 * last.  FALSE when @key is not a key of @bucket at its full precision. */
gboolean  ce_date_bucket_range (CeDateBucket  bucket,
                                const char   *key,
                                GDate        *start,
                                GDate        *end);

G_END_DECLS
