/* ce-fingerprint.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-fingerprint"

#include "config.h"

#include <string.h>

#include "ce-draft.h"
#include "ce-fingerprint.h"

/* The bin of a shingle is the top bits of its hash */
#define BIN_BITS 7
G_STATIC_ASSERT ((1 << BIN_BITS) == CE_FINGERPRINT_SIZE);
G_STATIC_ASSERT (CE_FINGERPRINT_BANDS * CE_FINGERPRINT_ROWS <= CE_FINGERPRINT_SIZE);

/* A shingle's hash: its words' hashes as the digits of a number in this
 * base, the first word the most significant */
#define SHINGLE_K G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)
/* SHINGLE_K to the power CE_FINGERPRINT_SHINGLE - 1: the oldest word's weight */
#define K_OLDEST (SHINGLE_K * SHINGLE_K * SHINGLE_K)
G_STATIC_ASSERT (CE_FINGERPRINT_SHINGLE == 4);

/* splitmix64's finaliser: every input bit reaches every output bit */
static inline guint64
mix64 (guint64 x)
{
  x ^= x >> 30;
  x *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x ^= x >> 27;
  x *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  x ^= x >> 31;
  return x;
}

static gunichar
fold_char (gunichar c)
{
  switch (c)
    {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x00B4: case 0x0060:
      return '\'';

    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB: case 0x00BB:
      return '"';

    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
      return '-';

    default:
      if (c < 0x80)
        return g_ascii_tolower (c);
      return g_unichar_tolower (c);
    }
}

/**
 * ce_fingerprint_normalise:
 * @body: a document's clean text
 *
 * The text as copies are compared: white space collapsed to one space
 * and trimmed, case folded, typographic quotes and dashes in their ASCII
 * forms, heading marks dropped.
 *
 * Returns: (transfer full): the normalised text
 */
char *
ce_fingerprint_normalise (const char *body)
{
  GString *out;
  gboolean space = FALSE;
  gboolean paragraph_start = TRUE;

  g_return_val_if_fail (body != NULL, NULL);

  out = g_string_sized_new (strlen (body));

  for (const char *p = body; *p != 0; )
    {
      gunichar c;

      /* A heading is marked in the stored text of some formats and not
       * of others: the mark is not part of the words */
      if (paragraph_start && strncmp (p, CE_HEADING_MARK, strlen (CE_HEADING_MARK)) == 0)
        {
          p += strlen (CE_HEADING_MARK);
          paragraph_start = FALSE;
          continue;
        }
      paragraph_start = FALSE;

      if ((guchar)*p < 0x80)
        {
          c = (guchar)*p;
          p++;
        }
      else
        {
          c = g_utf8_get_char_validated (p, -1);
          if (c == (gunichar)-1 || c == (gunichar)-2)
            {
              p++;
              continue;
            }
          p = g_utf8_next_char (p);
        }

      if (c == '\n' && *p == '\n')
        paragraph_start = TRUE;

      if (c < 0x80 ? g_ascii_isspace (c) : g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }

      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;

      if (c == 0x2026)
        g_string_append (out, "...");
      else
        {
          c = fold_char (c);
          if (c < 0x80)
            g_string_append_c (out, (char)c);
          else
            g_string_append_unichar (out, c);
        }
    }

  return g_string_free (out, FALSE);
}

static gint64
hash_text (const char *text)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  guint64 value = 0;

  g_checksum_update (checksum, (const guchar *)text, -1);
  g_checksum_get_digest (checksum, digest, &len);

  for (guint i = 0; i < 8; i++)
    value = (value << 8) | digest[i];

  return (gint64)value;
}

void
ce_fingerprint_free (CeFingerprint *fingerprint)
{
  g_free (fingerprint);
}

/**
 * ce_fingerprint_compute:
 * @fingerprint: where to write
 * @body: a document's clean text
 *
 * Computes the body hash and, for a text of at least
 * %CE_FINGERPRINT_MIN_WORDS words, the signature.
 */
void
ce_fingerprint_compute (CeFingerprint *fingerprint,
                        const char    *body)
{
  g_autofree char *normal = NULL;
  guint32 mins[CE_FINGERPRINT_SIZE];
  guint64 full[CE_FINGERPRINT_SIZE / 64] = { 0 };
  guint64 window[CE_FINGERPRINT_SHINGLE];
  guint64 shingle = 0;
  guint n_words = 0;
  const guchar *p;

  g_return_if_fail (fingerprint != NULL);
  g_return_if_fail (body != NULL);

  memset (fingerprint, 0, sizeof *fingerprint);
  memset (mins, 0xff, sizeof mins);

  normal = ce_fingerprint_normalise (body);
  fingerprint->body_hash = hash_text (normal);

  /* Each word (a run of letters and digits) hashed as it is read, each
   * shingle (the last CE_FINGERPRINT_SHINGLE words) when its last word
   * ends: one pass, nothing kept but the window of words.  A shingle's
   * hash is the polynomial w0·K³ + w1·K² + w2·K + w3 of its words (mod
   * 2⁶⁴), kept rolling: the oldest word's term goes, the newest comes */
  p = (const guchar *)normal;
  for (;;)
    {
      guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);
      guint64 word;

      /* To the first byte of a word */
      while (*p != 0)
        {
          if (*p < 0x80)
            {
              if (g_ascii_isalnum (*p))
                break;
              p++;
            }
          else if (g_unichar_isalnum (g_utf8_get_char ((const char *)p)))
            break;
          else
            p = (const guchar *)g_utf8_next_char (p);
        }
      if (*p == 0)
        break;

      /* Its bytes, FNV-1a */
      for (;;)
        {
          if (*p < 0x80)
            {
              if (!g_ascii_isalnum (*p))
                break;
              h = (h ^ *p++) * G_GUINT64_CONSTANT (0x100000001b3);
            }
          else
            {
              const guchar *next = (const guchar *)g_utf8_next_char (p);

              if (!g_unichar_isalnum (g_utf8_get_char ((const char *)p)))
                break;
              for (; p < next; p++)
                h = (h ^ *p) * G_GUINT64_CONSTANT (0x100000001b3);
            }
        }

      word = mix64 (h);
      if (n_words >= CE_FINGERPRINT_SHINGLE)
        shingle -= window[n_words % CE_FINGERPRINT_SHINGLE] * K_OLDEST;
      shingle = shingle * SHINGLE_K + word;
      window[n_words++ % CE_FINGERPRINT_SHINGLE] = word;

      if (n_words >= CE_FINGERPRINT_SHINGLE)
        {
          guint64 x = mix64 (shingle);
          guint bin = (guint)(x >> (64 - BIN_BITS));

          full[bin / 64] |= G_GUINT64_CONSTANT (1) << (bin % 64);
          mins[bin] = MIN (mins[bin], (guint32)x);
        }
    }

  if (n_words < CE_FINGERPRINT_MIN_WORDS)
    return;

  fingerprint->n_shingles = n_words - CE_FINGERPRINT_SHINGLE + 1;

  /* Densification by rotation: an empty bin takes the value of the next
   * full bin to its right, marked with the distance, so two texts agree
   * on it only when they agree on that bin and on the empty ones between */
  for (guint b = 0; b < CE_FINGERPRINT_SIZE; b++)
    {
      guint t = 0;

#define IS_FULL(i) ((full[(i) / 64] >> ((i) % 64)) & 1)
      if (IS_FULL (b))
        {
          fingerprint->signature[b] = mins[b];
          continue;
        }

      while (!IS_FULL ((b + t) % CE_FINGERPRINT_SIZE))
        t++;
#undef IS_FULL

      fingerprint->signature[b] =
        (guint32)mix64 (((guint64)t << 32) | mins[(b + t) % CE_FINGERPRINT_SIZE]);
    }
}

/**
 * ce_fingerprint_new:
 *
 * Returns: (transfer full): the fingerprint of @body
 */
CeFingerprint *
ce_fingerprint_new (const char *body)
{
  CeFingerprint *fingerprint = g_new (CeFingerprint, 1);

  ce_fingerprint_compute (fingerprint, body);
  return fingerprint;
}

/**
 * ce_fingerprint_new_exact:
 * @body: a document's clean text
 *
 * The body hash alone, without a signature: the document is recognised
 * as an exact copy, never compared as a near copy.
 *
 * Returns: (transfer full): the fingerprint
 */
CeFingerprint *
ce_fingerprint_new_exact (const char *body)
{
  g_autofree char *normal = NULL;
  CeFingerprint *fingerprint;

  g_return_val_if_fail (body != NULL, NULL);

  normal = ce_fingerprint_normalise (body);
  fingerprint = g_new0 (CeFingerprint, 1);
  fingerprint->body_hash = hash_text (normal);
  return fingerprint;
}

gboolean
ce_fingerprint_has_signature (const CeFingerprint *fingerprint)
{
  g_return_val_if_fail (fingerprint != NULL, FALSE);
  return fingerprint->n_shingles > 0;
}

/**
 * ce_fingerprint_similarity:
 * @a: a signature of %CE_FINGERPRINT_SIZE values
 * @b: another
 *
 * Returns: the estimated Jaccard similarity of the two texts' shingles,
 *   between 0 and 1
 */
double
ce_fingerprint_similarity (const guint32 *a,
                           const guint32 *b)
{
  guint equal = 0;

  g_return_val_if_fail (a != NULL && b != NULL, 0);

  for (guint i = 0; i < CE_FINGERPRINT_SIZE; i++)
    equal += a[i] == b[i];

  return (double)equal / CE_FINGERPRINT_SIZE;
}

/**
 * ce_fingerprint_band_keys:
 * @signature: a signature
 * @keys: (out): one key per band
 *
 * Two signatures that agree on a band have the same key for it; keys of
 * different bands never meet.
 */
void
ce_fingerprint_band_keys (const guint32 *signature,
                          gint64         keys[CE_FINGERPRINT_BANDS])
{
  g_return_if_fail (signature != NULL);

  for (guint band = 0; band < CE_FINGERPRINT_BANDS; band++)
    {
      guint64 h = mix64 (band + 1);

      for (guint r = 0; r < CE_FINGERPRINT_ROWS; r++)
        h = mix64 (h ^ signature[band * CE_FINGERPRINT_ROWS + r]);

      keys[band] = (gint64)h;
    }
}
