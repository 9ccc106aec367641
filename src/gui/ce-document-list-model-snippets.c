/* ce-document-list-model-snippets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-document-list-model"

#include "config.h"

#include <string.h>

#include "ce-document-list-model-private.h"

static void start_snippets (CeDocumentListModel *self,
                            guint                position);

/* Snippets are fetched for a window of rows around the one shown */
#define SNIPPET_BEFORE 8

#define SNIPPET_AFTER 40

/* A narrow title column shows only the start of a snippet: this many
 * characters at most come before the first match */
#define LEAD_BEFORE_MATCH 24

/* Snippets built from a document's text: bytes of context around the
 * first match, as FTS5's snippet() gives about two dozen words */
#define CONTEXT_BEFORE 60

#define CONTEXT_AFTER 160

/* A job goes to the worker and back to the callback; both hold it */
typedef struct
{
  CeDocumentListModel *self;
  CeQuery   *query;
  CeSort     sort;
  gboolean   descending;
  gboolean   use_page;    /* the rows are ce_search_ids() in this order */
  guint      offset;
  GArray    *ids;         /* the rows wanted, from offset on */
  guint      serial;

  GHashTable *snippets;   /* gint64 * -> markup */
} SnippetJob;

static void
snippet_job_clear (gpointer data)
{
  SnippetJob *job = data;

  g_clear_object (&job->self);
  g_clear_pointer (&job->query, ce_query_unref);
  g_clear_pointer (&job->ids, g_array_unref);
  g_clear_pointer (&job->snippets, g_hash_table_unref);
}

static void
snippet_job_unref (SnippetJob *job)
{
  g_rc_box_release_full (job, snippet_job_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SnippetJob, snippet_job_unref)

static gboolean
is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c < 0xa0);
}

/**
 * ce_document_list_model_snippet_to_markup:
 * @snippet: text with matches between %CE_SEARCH_MATCH_START and
 *   %CE_SEARCH_MATCH_END
 *
 * Returns: (transfer full): Pango markup with the matches in bold
 */
char *
ce_document_list_model_snippet_to_markup (const char *snippet)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  gboolean bold = FALSE;

  if (snippet == NULL)
    return g_strdup ("");

  for (const char *p = snippet; *p != 0; p = g_utf8_next_char (p))
    {
      gunichar c;

      if (*p == CE_SEARCH_MATCH_START[0])
        {
          if (!bold)
            g_string_append (markup, "<b>");
          bold = TRUE;
          continue;
        }
      if (*p == CE_SEARCH_MATCH_END[0])
        {
          if (bold)
            g_string_append (markup, "</b>");
          bold = FALSE;
          continue;
        }

      c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar)-1 || c == (gunichar)-2)
        break;

      /* Markup cannot hold control characters, even escaped */
      if (is_control (c))
        g_string_append_c (markup, ' ');
      else if (c == '<')
        g_string_append (markup, "&lt;");
      else if (c == '>')
        g_string_append (markup, "&gt;");
      else if (c == '&')
        g_string_append (markup, "&amp;");
      else
        g_string_append_unichar (markup, c);
    }

  if (bold)
    g_string_append (markup, "</b>");

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

/* Cuts the start of @snippet so the first match shows in a narrow row */
static char *
lead_to_match (const char *snippet)
{
  const char *match;
  const char *cut;
  glong before;

  if (snippet == NULL || (match = strchr (snippet, CE_SEARCH_MATCH_START[0])) == NULL)
    return g_strdup (snippet);

  before = g_utf8_strlen (snippet, match - snippet);
  if (before <= LEAD_BEFORE_MATCH)
    return g_strdup (snippet);

  /* Start at a word */
  cut = g_utf8_offset_to_pointer (snippet, before - LEAD_BEFORE_MATCH);
  while (cut < match && *cut != ' ')
    cut++;
  while (cut < match && *cut == ' ')
    cut++;

  return g_strconcat ("…", cut, NULL);
}

static const char *
utf8_back (const char *text,
           const char *p)
{
  while (p > text && ((guchar)*p & 0xc0) == 0x80)
    p--;
  return p;
}

/* Context around the first match in @body, for rows whose order has no
 * search equivalent; the matches are the ones highlighting uses. */
static char *
build_snippet (const char *body,
               GArray     *ranges)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gsize len = strlen (body);
  gsize from = 0;
  gsize to;

  if (ranges->len > 0)
    {
      const CeSearchRange *first = &g_array_index (ranges, CeSearchRange, 0);

      from = first->start > CONTEXT_BEFORE ? first->start - CONTEXT_BEFORE : 0;
    }
  from = utf8_back (body, body + MIN (from, len)) - body;
  to = utf8_back (body, body + MIN (from + CONTEXT_BEFORE + CONTEXT_AFTER, len)) - body;

  /* Whole words only */
  if (from > 0)
    {
      const char *space = memchr (body + from, ' ', to - from);

      if (space != NULL && (gsize)(space - body) < from + CONTEXT_BEFORE / 2)
        from = space + 1 - body;
      g_string_append (text, "…");
    }
  if (to < len)
    {
      const char *p = body + to;

      while (p > body + from && *p != ' ' && *p != '\n')
        p--;
      if (p > body + from)
        to = p - body;
    }

  for (gsize i = from; i < to; i++)
    {
      for (guint r = 0; r < ranges->len; r++)
        {
          const CeSearchRange *range = &g_array_index (ranges, CeSearchRange, r);

          if (range->start == i)
            g_string_append (text, CE_SEARCH_MATCH_START);
          if (range->end == i && range->start < i && range->start >= from)
            g_string_append (text, CE_SEARCH_MATCH_END);
        }
      g_string_append_c (text, body[i] == '\n' ? ' ' : body[i]);
    }

  for (guint r = 0; r < ranges->len; r++)
    {
      const CeSearchRange *range = &g_array_index (ranges, CeSearchRange, r);

      if (range->start >= from && range->start < to && range->end >= to)
        g_string_append (text, CE_SEARCH_MATCH_END);
    }

  if (to < len)
    g_string_append (text, "…");

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gpointer
snippet_func (CeCorpus      *corpus,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  SnippetJob *job = data;
  g_autoptr(GPtrArray) page = NULL;

  job->snippets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  if (job->use_page)
    page = ce_search_page (corpus, job->query, job->sort, job->descending,
                           job->offset, job->ids->len, NULL);

  for (guint i = 0; page != NULL && i < page->len; i++)
    {
      CeSearchHit *hit = g_ptr_array_index (page, i);
      g_autofree char *lead = lead_to_match (hit->snippet);

      g_hash_table_insert (job->snippets, g_memdup2 (&hit->id, sizeof hit->id),
                           ce_document_list_model_snippet_to_markup (lead));
    }

  /* The rows the page did not cover, one by one */
  for (guint i = 0; i < job->ids->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      gint64 id = g_array_index (job->ids, gint64, i);
      g_autoptr(CeDocument) document = NULL;
      g_autoptr(GArray) ranges = NULL;
      g_autofree char *snippet = NULL;

      if (g_hash_table_contains (job->snippets, &id))
        continue;

      document = ce_corpus_get_document (corpus, id, NULL);
      if (document != NULL)
        ranges = ce_search_instances (corpus, job->query, id, NULL);
      if (ranges != NULL && ce_document_get_body (document) != NULL)
        {
          g_autofree char *context = build_snippet (ce_document_get_body (document), ranges);

          snippet = lead_to_match (context);
        }

      g_hash_table_insert (job->snippets, g_memdup2 (&id, sizeof id),
                           ce_document_list_model_snippet_to_markup (snippet));
    }

  return job;
}

static void
snippets_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SnippetJob) job = user_data;
  CeDocumentListModel *self = job->self;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint wanted;

  if (ce_session_run_finish (CE_SESSION (object), result, &error) == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not find snippets: %s", error->message);
    }

  if (job->serial != self->rows_serial)
    return;

  self->snippet_running = FALSE;
  g_clear_object (&self->snippet_cancellable);

  if (job->snippets != NULL)
    {
      g_hash_table_iter_init (&iter, job->snippets);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_hash_table_iter_steal (&iter);
          g_hash_table_remove (self->snippets_pending, key);
          g_hash_table_replace (self->snippets, key, value);
        }
    }

  /* Rows of the window that vanished get no snippet, and are not asked
   * for again */
  for (guint i = 0; i < job->ids->len; i++)
    {
      gint64 id = g_array_index (job->ids, gint64, i);

      if (!g_hash_table_contains (self->snippets, &id))
        g_hash_table_insert (self->snippets, g_memdup2 (&id, sizeof id), g_strdup (""));
      g_hash_table_remove (self->snippets_pending, &id);
    }

  _ce_document_list_model_emit (self, SNIPPETS_CHANGED);

  wanted = self->snippet_wanted;
  self->snippet_wanted = GTK_INVALID_LIST_POSITION;
  if (wanted != GTK_INVALID_LIST_POSITION)
    start_snippets (self, wanted);
}

/* Snippets belong to the rows listed, which lag behind a new query
 * until its search is done */
static gboolean
wants_snippets (CeDocumentListModel *self)
{
  return self->rows_query != NULL && self->open &&
         ce_query_get_highlight_fts (self->rows_query) != NULL;
}

/* Fetches the snippets of the rows around @position in a worker; one
 * fetch runs at a time, and the last row asked for meanwhile is next. */
static void
start_snippets (CeDocumentListModel *self,
                guint                position)
{
  SnippetJob *job;
  guint first, last;
  gint64 id;

  if (!wants_snippets (self) || self->ids == NULL || position >= self->ids->len || self->session == NULL)
    return;

  id = g_array_index (self->ids, gint64, position);
  if (g_hash_table_contains (self->snippets, &id))
    return;

  if (self->snippet_running)
    {
      self->snippet_wanted = position;
      return;
    }

  first = position > SNIPPET_BEFORE ? position - SNIPPET_BEFORE : 0;
  last = MIN (self->ids->len, position + SNIPPET_AFTER);

  job = g_rc_box_new0 (SnippetJob);
  job->self = g_object_ref (self);
  job->query = ce_query_ref (self->rows_query);
  job->serial = self->rows_serial;
  job->offset = first;
  job->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), last - first);
  g_array_append_vals (job->ids, &g_array_index (self->ids, gint64, first), last - first);

  if (self->relevance && ce_query_get_fts (self->rows_query) != NULL)
    {
      job->sort = CE_SORT_RANK;
      job->use_page = !self->custom_ids;
    }
  else
    {
      job->descending = self->descending;
      job->use_page = !self->custom_ids && self->count_topic == NULL &&
                      _ce_document_list_model_order_to_sort (self->order, &job->sort);
    }

  for (guint i = first; i < last; i++)
    {
      gint64 pending = g_array_index (self->ids, gint64, i);

      g_hash_table_add (self->snippets_pending, g_memdup2 (&pending, sizeof pending));
    }

  self->snippet_running = TRUE;
  self->snippet_cancellable = g_cancellable_new ();

  ce_session_run_in_thread (self->session, snippet_func, g_rc_box_acquire (job),
                            (GDestroyNotify)snippet_job_unref, NULL,
                            self->snippet_cancellable, snippets_done_cb, job);
}

void
_ce_document_list_model_reset_snippets (CeDocumentListModel *self)
{
  if (self->snippet_cancellable != NULL)
    g_cancellable_cancel (self->snippet_cancellable);
  g_clear_object (&self->snippet_cancellable);

  self->snippet_running = FALSE;
  self->snippet_wanted = GTK_INVALID_LIST_POSITION;
  self->rows_serial++;
  g_hash_table_remove_all (self->snippets);
  g_hash_table_remove_all (self->snippets_pending);
}

/**
 * ce_document_list_model_get_snippet:
 *
 * The text around the matches in the document at @position, as Pango
 * markup with the matches in bold.  Snippets are found in a worker for
 * the rows around the one asked for; ::snippets-changed tells when they
 * arrive.
 *
 * Returns: (nullable): the markup, "" when the document has none, or
 *   %NULL when it is not known yet or nothing is searched for
 */
const char *
ce_document_list_model_get_snippet (CeDocumentListModel *self,
                                    guint                position)
{
  const char *snippet;
  gint64 id;

  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), NULL);

  if (!wants_snippets (self) || self->ids == NULL || position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  snippet = g_hash_table_lookup (self->snippets, &id);
  if (snippet == NULL && !g_hash_table_contains (self->snippets_pending, &id))
    start_snippets (self, position);

  return snippet;
}

/**
 * ce_document_list_model_has_snippets:
 *
 * Returns: whether the rows listed have snippets: they are the result of
 *   a search for words
 */
gboolean
ce_document_list_model_has_snippets (CeDocumentListModel *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);
  return wants_snippets (self);
}
