/* ce-script.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Text in scripts written without spaces between words: Chinese,
 * Japanese and Korean (CJK).  The corpus tokenizer, the word counts and
 * the importer's choice of tokenizer share these rules. */

typedef enum
{
  CE_TOKENIZER_AUTO,     /* chosen from the first documents imported */
  CE_TOKENIZER_DEFAULT,  /* words between spaces and punctuation */
  CE_TOKENIZER_CJK,      /* and CJK text as overlapping pairs of characters */
} CeTokenizer;

gboolean     ce_unichar_is_cjk          (gunichar      c);
gboolean     ce_unichar_is_cjk_word     (gunichar      c);

const char  *ce_tokenizer_to_string     (CeTokenizer   tokenizer);
gboolean     ce_tokenizer_from_string   (const char   *name,
                                         CeTokenizer  *tokenizer);

/* Whether the index folds accents away, as FTS5's unicode61 option
 * remove_diacritics does; chosen with the tokenizer of a new corpus */
typedef enum
{
  CE_DIACRITICS_AUTO,    /* as the corpus has it; removed in a new corpus */
  CE_DIACRITICS_REMOVE,  /* café and cafe are one word */
  CE_DIACRITICS_KEEP,    /* café and cafe are two words */
} CeDiacritics;

const char  *ce_diacritics_to_string    (CeDiacritics  diacritics);
gboolean     ce_diacritics_from_string  (const char   *name,
                                         CeDiacritics *diacritics);

/* Counts what decides the tokenizer of a new corpus */
typedef struct
{
  guint64 letters;      /* letters of every script */
  guint64 cjk;          /* of which CJK */
  guint   documents;
  guint   cjk_documents;
  guint64 doc_counts[2]; /* letters and CJK characters of the current document */
} CeScriptSample;

void         ce_script_sample_add       (CeScriptSample *sample,
                                         const char     *text,
                                         gssize          len);
void         ce_script_sample_end_document (CeScriptSample *sample);
CeTokenizer  ce_script_sample_choose    (const CeScriptSample *sample);

G_END_DECLS
