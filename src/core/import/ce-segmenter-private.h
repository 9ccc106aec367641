/* ce-segmenter-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ce-segmenter.h"

G_BEGIN_DECLS

/* Shared by the stages of the segmenter (see ce-segmenter.c):
 *   ce-segmenter-lines.c       lines, datelines, tag lines, headlines
 *   ce-segmenter-paragraphs.c  lines into paragraphs (reflow)
 *   ce-segmenter-words.c       word hashes of paragraphs
 *   ce-segmenter-subject.c     change of subject
 *   ce-segmenter.c             articles, feeding, the public API */

#define HIST_SIZE 1024
#define UNWRAPPED (G_MAXUINT / 4)
#define TITLE_MAX_CHARS 120

typedef enum
{
  PARA_TEXT,
  PARA_HEADING,
} ParaKind;

/* Paragraphs scored for a change of subject look this many paragraphs back */
#define SUBJECT_SPAN 8

enum
{
  PF_LEDE_SHAPE = 1 << 0,  /* starts as a lede can */
  PF_SAID       = 1 << 1,  /* "said", "says" or "told" */
  PF_LAST_SAID  = 1 << 2,  /* "said" or "says" in its last sentence */
  PF_QUOTE      = 1 << 3,
};

typedef struct
{
  gsize    sep;      /* start in body, including the "\n\n" before it */
  gsize    start;    /* first byte of its text (the heading mark included) */
  guint    line;
  guint64  offset;
  guint    n_lines;
  ParaKind kind;

  /* For the change of subject, set when it is closed: its word hashes
   * start at hashes in the article's pool, content words (sorted),
   * capitalised words, words of names, last words of names, "the x". */
  guint    hashes;
  guint16  n_content;
  guint16  n_caps;
  guint16  n_parts;
  guint16  n_names;
  guint16  n_anaphors;
  guint8   sentences;
  guint8   flags;
  gboolean scored;
  double   score;
  guint    words;
  guint    words_before;       /* in the article */
  double   dots[SUBJECT_SPAN]; /* with the content of the paragraphs before */
  guint8   dots_known;         /* which of them are computed */
} Para;

typedef struct
{
  gsize    start;
  gsize    len;
  guint    line;
  guint64  offset;
  gboolean form_feed;
} PendingLine;

typedef struct
{
  const char *text;        /* without leading and trailing white space */
  gsize       len;
  guint       indent;      /* leading white space, in characters */
  guint       chars;       /* characters as wrapped, indent included */
  guint       first_word;  /* characters of the first word */
  guint       n_upper;
  guint       n_lower;
  guint       n_alnum;
  int         quote_delta; /* “ minus ” */
  guint       n_straight;  /* '"' */
} LineInfo;

typedef struct
{
  guint32 *slots;
  guint    size;
  guint    count;
} HashSet;

typedef struct
{
  guint32 *v;      /* SUBJECT_MAX_HASHES of them */
  guint    n;
} HashList;

struct _CeSegmenter
{
  CeSplitMode     mode;
  gboolean        reflow_only;
  GRegex         *regex;
  CeSegmenterFunc func;
  gpointer        user_data;
  gboolean        finished;

  /* Wrap width */
  guint           hist[HIST_SIZE];
  guint           n_measured;
  guint           width;
  guint           width_measured;  /* n_measured when width was computed */
  gboolean        warm;
  GString        *pending_text;
  GArray         *pending;        /* PendingLine */
  guint           pending_lines;

  /* Current article */
  GString        *body;
  GArray         *paras;          /* Para */
  char           *place;
  char           *headline;
  GPtrArray      *tags;
  gboolean        started;
  guint           line;
  guint64         offset;

  /* Change of subject: the word hashes of the article's paragraphs, the
   * capitalised words and the names of paragraphs [0, n_seen), and the
   * next paragraph that may start an article */
  GArray         *hashes;
  HashList        lists[5];
  HashSet         seen_words;
  HashSet         seen_bare;
  HashSet         seen_names;
  guint           n_seen;
  guint           next_candidate;

  /* Article lengths in the dump so far, as sums of ln (words), and the
   * words between boundaries that need no guessing (datelines, tag lines,
   * separators) */
  double          length_sum;
  double          length_sum2;
  guint           n_lengths;
  double          length_mu;
  double          length_sigma;
  double          length_prior;
  guint64         words_since_hard;
  gboolean        spacing_ends;
  double          hard_spacing;
  guint           n_hard;

  /* The open paragraph is the last of paras */
  gboolean        para_open;
  guint           last_chars;
  guint           last_indent;
  gboolean        para_is_item;   /* it starts with a list marker */
  int             quote_depth;
  gboolean        straight_open;
};

#define SUBJECT_LOOK_AHEAD    3
#define SUBJECT_RIVALS        2
#define SUBJECT_WINDOW_PARAS  4
#define SUBJECT_WINDOW_WORDS  150
#define SUBJECT_MIN_WORDS     80
#define SUBJECT_SHORT_WORDS   150
#define SUBJECT_MAX_HASHES    4096
#define SUBJECT_THRESHOLD     (-0.5)
#define SUBJECT_TYPICAL_WORDS 300
#define SUBJECT_MAX_PRIOR     1.5
#define SUBJECT_SHORT_PENALTY 1.0
#define SUBJECT_MIN_SIGMA     0.25
#define SUBJECT_PRIOR_SIGMA   0.5
#define SUBJECT_PRIOR_ARTICLES 4
#define SUBJECT_MIN_GAIN      0.25
#define SUBJECT_SECTION_PENALTY 0.5
#define SUBJECT_DEFER_FACTOR  4
#define NO_SUBJECT            (-1e9)

G_STATIC_ASSERT (SUBJECT_SPAN >= SUBJECT_WINDOW_PARAS + 1 + SUBJECT_LOOK_AHEAD);

/* ce-segmenter.c */
Para *_ce_segmenter_last_para (CeSegmenter *self);
void _ce_segmenter_add_para (CeSegmenter *self,
                             ParaKind     kind,
                             guint        line,
                             guint64      offset);
void _ce_segmenter_drop_last_para (CeSegmenter *self);
void _ce_segmenter_emit_article (CeSegmenter *self);
void _ce_segmenter_end_article (CeSegmenter *self);

typedef struct
{
  HashList *content;
  HashList *caps;
  HashList *parts;
  HashList *names;
  HashList *anaphors;
  guint32  run[16];
  gboolean run_inside[16];  /* not the first word of a sentence */
  guint    run_len;
  gboolean run_first_stop;
} WordLists;

/* Classes of ASCII characters, for the fast paths */
enum
{
  C_LOWER  = 1 << 0,
  C_UPPER  = 1 << 1,
  C_DIGIT  = 1 << 2,
  C_DQUOTE = 1 << 3,
};

extern guint8 _ce_segmenter_ascii_class[128];

/* ce-segmenter-lines.c */
guint _ce_segmenter_count_words (const char *text,
                                 gsize       len);
void _ce_segmenter_ensure_ascii_class (void);
void _ce_segmenter_analyse_line (const char *line,
                                 gsize       len,
                                 LineInfo   *li);
guint _ce_segmenter_count_sentences (const char *text,
                                     gsize       len);
gboolean _ce_segmenter_is_heading_line (const LineInfo *li);
gboolean _ce_segmenter_is_separator_line (const LineInfo *li);
gboolean _ce_segmenter_parse_tag_line (const LineInfo  *li,
                                       const char     **value,
                                       gsize           *value_len);
gboolean _ce_segmenter_parse_dateline (const LineInfo *li,
                                       gsize          *place_len,
                                       gsize          *rest_start);
gboolean _ce_segmenter_find_photo_credit (const char *text,
                                          gsize       len,
                                          gsize      *bar);
gboolean _ce_segmenter_looks_like_headline (const char *text,
                                            gsize       len,
                                            guint       n_lines);
gboolean _ce_segmenter_is_closing_formula (const char *text,
                                           gsize       len);
void _ce_segmenter_compute_width (CeSegmenter *self);

/* ce-segmenter-paragraphs.c */
void _ce_segmenter_process_form_feed (CeSegmenter *self);
void _ce_segmenter_process_line (CeSegmenter    *self,
                                 const LineInfo *li,
                                 const char     *raw,
                                 gsize           raw_len,
                                 guint           line,
                                 guint64         offset);
void _ce_segmenter_replay_pending (CeSegmenter *self);

/* ce-segmenter-words.c */
void _ce_segmenter_hash_set_clear (HashSet *set);
gboolean _ce_segmenter_hash_set_contains (const HashSet *set,
                                          guint32        h);
void _ce_segmenter_hash_set_add (HashSet *set,
                                 guint32  h);
void _ce_segmenter_hash_set_free (HashSet *set);
void _ce_segmenter_init_stop_words (void);
gboolean _ce_segmenter_has_lede_shape (const char *text,
                                       gsize       len);
guint _ce_segmenter_scan_words (WordLists  *w,
                                const char *text,
                                gsize       len,
                                guint      *sentences,
                                guint      *words);
double _ce_segmenter_dot_hashes (const guint32 *a,
                                 guint          na,
                                 const guint32 *b,
                                 guint          nb);
const guint32 *_ce_segmenter_para_hashes (CeSegmenter *self,
                                          const Para  *p);
void _ce_segmenter_append_list (CeSegmenter *self,
                                HashList    *list,
                                guint16     *count);
void _ce_segmenter_sort_hashes (HashList *list);
gboolean _ce_segmenter_detects_subjects (CeSegmenter *self);

/* ce-segmenter-subject.c */
void _ce_segmenter_count_article (CeSegmenter *self);
void _ce_segmenter_estimate_length (CeSegmenter *self);
void _ce_segmenter_decide_subjects (CeSegmenter *self,
                                    gboolean     at_end,
                                    gboolean     hard);
void _ce_segmenter_close_para (CeSegmenter *self);

G_END_DECLS
