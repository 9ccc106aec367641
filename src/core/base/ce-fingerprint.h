/* ce-fingerprint.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What tells copies of one text apart from different texts.
 *
 * The body hash is 64 bits of SHA-256 over the body normalised: white
 * space collapsed to single spaces, case folded, typographic quotes,
 * apostrophes and dashes written as their ASCII forms.  Two documents
 * with the same body hash are exact copies whatever their titles.
 *
 * The signature estimates how much two texts share: the Jaccard
 * similarity of their sets of shingles (every run of
 * CE_FINGERPRINT_SHINGLE consecutive normalised words).  It is a
 * one-permutation MinHash (each shingle's hash falls into one of
 * CE_FINGERPRINT_SIZE bins, a bin keeps its smallest value, empty bins
 * borrow from the next full one to the right), so computing it costs
 * one hash per word.  The share of equal bins of two signatures
 * estimates their similarity.
 *
 * Locality-sensitive banding: the first CE_FINGERPRINT_BANDS ×
 * CE_FINGERPRINT_ROWS bins are cut into bands; two documents whose
 * signatures agree on a whole band are candidates, which the full
 * signature then confirms or rejects.  With 32 bands of three rows, a
 * pair of similarity s is a candidate with probability 1 - (1 - s³)^32:
 * 0.99 at 0.5, 0.87 at 0.4, 0.03 at 0.1 (different stories on one
 * subject share a few percent of their 4-word shingles). */

#define CE_FINGERPRINT_SHINGLE 4
#define CE_FINGERPRINT_SIZE    128
#define CE_FINGERPRINT_BANDS   32
#define CE_FINGERPRINT_ROWS    3
/* Texts with fewer words get no signature: too short to judge */
#define CE_FINGERPRINT_MIN_WORDS 8

/* The default similarity at which two documents are copies of one
 * story.  Trimmed, retitled or lightly edited copies stay well above it:
 * 5 % of the words changed keep about 80 % of the 4-word shingles
 * (a similarity of 0.69), a quarter of the text cut on top of that
 * still 0.54. */
#define CE_FINGERPRINT_DEFAULT_THRESHOLD 0.5
#define CE_FINGERPRINT_MIN_THRESHOLD     0.3

typedef struct
{
  gint64   body_hash;
  guint    n_shingles;   /* 0: no signature */
  guint32  signature[CE_FINGERPRINT_SIZE];
} CeFingerprint;

char          *ce_fingerprint_normalise     (const char          *body);
CeFingerprint *ce_fingerprint_new           (const char          *body);
CeFingerprint *ce_fingerprint_new_exact     (const char          *body);
void           ce_fingerprint_free          (CeFingerprint       *fingerprint);
void           ce_fingerprint_compute       (CeFingerprint       *fingerprint,
                                             const char          *body);
gboolean       ce_fingerprint_has_signature (const CeFingerprint *fingerprint);
double         ce_fingerprint_similarity    (const guint32       *a,
                                             const guint32       *b);
void           ce_fingerprint_band_keys     (const guint32       *signature,
                                             gint64               keys[CE_FINGERPRINT_BANDS]);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CeFingerprint, ce_fingerprint_free)

G_END_DECLS
