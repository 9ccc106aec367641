/* fuzz-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dates as the readers find them, in text and in file names: what is
 * recognised is an ISO date that reads back as itself.
 */

#include "config.h"

#include <stdint.h>

#include "ce-date.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *)data, size);
  g_autofree char *date = NULL;
  g_autofree char *from_name = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    return 0;

  date = ce_date_parse (text);
  from_name = ce_date_from_filename (text);

  if (date != NULL)
    {
      g_autofree char *again = ce_date_parse (date);

      if (again == NULL || !g_str_equal (again, date))
        __builtin_trap ();
    }

  return 0;
}
