/* fuzz-topic.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Topic terms on any input, as a person types them into the topic editor
 * ("china, \"xi jinping\", NEAR(trade deal, 5), =US, tariff*"):
 *
 *  - splitting the text into terms and joining them again gives the same
 *    terms back;
 *  - each term parses, or fails with an error that says why;
 *  - a topic that validates builds its FTS5 expression and is counted
 *    over a small corpus without an error, and for every document the
 *    count is the number of mentions the reader highlights, each a range
 *    of the body on character boundaries.
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "ce-corpus-count.h"
#include "ce-topic.h"
#include "fuzz-small-corpus.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_mentions (CeCorpus   *corpus,
                CeTopic    *topic,
                CeDocCount *count)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) mentions = ce_counter_mentions (corpus, topic, count->doc_id, &error);
  g_autoptr(CeDocument) document = ce_corpus_get_document (corpus, count->doc_id, NULL);
  const char *body;
  gsize len;

  if (mentions == NULL || document == NULL)
    {
      g_printerr ("mentions of document %" G_GINT64_FORMAT ": %s\n", count->doc_id,
                  error ? error->message : "no document");
      __builtin_trap ();
    }

  if (mentions->len != count->count)
    {
      g_printerr ("document %" G_GINT64_FORMAT ": counted %u, highlighted %u\n",
                  count->doc_id, count->count, mentions->len);
      __builtin_trap ();
    }

  body = ce_document_get_body (document);
  len = strlen (body);
  for (guint i = 0; i < mentions->len; i++)
    {
      CeMention *m = &g_array_index (mentions, CeMention, i);

      if (m->start >= m->end || m->end > len ||
          (i > 0 && m->start < g_array_index (mentions, CeMention, i - 1).start) ||
          !g_utf8_validate (body + m->start, m->end - m->start, NULL))
        {
          g_printerr ("document %" G_GINT64_FORMAT ": bad mention %u..%u\n",
                      count->doc_id, m->start, m->end);
          __builtin_trap ();
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_utf8_make_valid ((const char *)data, size);
  g_auto(GStrv) terms = ce_topic_split_terms (text);
  g_auto(GStrv) again = NULL;
  g_autofree char *joined = NULL;
  g_autoptr(CeTopic) topic = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;
  g_autoptr(GArray) counts = NULL;
  CeCorpus *corpus;

  if (terms == NULL)
    __builtin_trap ();

  joined = ce_topic_join_terms ((const char * const *)terms);
  again = ce_topic_split_terms (joined);
  if (!g_strv_equal ((const char * const *)terms, (const char * const *)again))
    {
      g_printerr ("terms joined as “%s” split differently\n", joined);
      __builtin_trap ();
    }

  for (guint i = 0; terms[i] != NULL; i++)
    {
      g_autoptr(GError) term_error = NULL;
      g_autoptr(CeTopicTerm) term = ce_topic_term_parse (terms[i], &term_error);

      if ((term == NULL) == (term_error == NULL))
        __builtin_trap ();
      if (term != NULL && (term->query == NULL || !g_utf8_validate (term->query, -1, NULL)))
        __builtin_trap ();
    }

  topic = ce_topic_new ("Fuzz", "#3584e4", (const char * const *)terms);
  if (!ce_topic_validate (topic, &error))
    {
      if (error == NULL)
        __builtin_trap ();
      return 0;
    }

  query = ce_topic_build_query (topic, &error);
  if (query == NULL)
    {
      g_printerr ("a valid topic builds no query: %s\n", error ? error->message : "");
      __builtin_trap ();
    }

  corpus = fuzz_small_corpus ();
  counts = ce_counter_count_documents (corpus, topic, NULL, &error);
  if (counts == NULL)
    {
      g_printerr ("a valid topic is not counted: %s\n", error ? error->message : "");
      __builtin_trap ();
    }

  for (guint i = 0; i < counts->len; i++)
    check_mentions (corpus, topic, &g_array_index (counts, CeDocCount, i));

  return 0;
}
