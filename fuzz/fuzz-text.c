/* fuzz-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ce_read_text() and ce_read_dump() (the segmenter) on any input: the
 * first byte picks the reader and the split mode, the rest is the file.
 */

#include "config.h"

#include "fuzz-reader.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const CeSplitMode modes[] = {
    CE_SPLIT_AUTO, CE_SPLIT_NONE, CE_SPLIT_DATELINE, CE_SPLIT_LINES, CE_SPLIT_BLANK, CE_SPLIT_REGEX,
  };
  CeImportOptions options = { 0 };
  guint choice;

  if (size < 1)
    return 0;

  choice = data[0];
  options.split = modes[choice % G_N_ELEMENTS (modes)];
  if (options.split == CE_SPLIT_REGEX)
    options.split_regex = (char *)"^(=+|[0-9]+ of [0-9]+ DOCUMENTS)$";

  if (choice & 0x80)
    fuzz_read (ce_read_text, "document.md", &options, data + 1, size - 1);
  else
    fuzz_read (ce_read_dump, "dump.txt", &options, data + 1, size - 1);

  return 0;
}
