/* fuzz-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ce_read_json() on any input.
 */

#include "config.h"

#include "fuzz-reader.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const CeImportOptions options = { 0 };

  fuzz_read (ce_read_json, "records.json", &options, data, size);
  return 0;
}
