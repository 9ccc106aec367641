/* ce-document-list-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-document-list-model"

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "ce-counter.h"
#include "ce-document-list-model.h"

/* Rows are built on demand; this many stay cached, enough for a few
 * screens of scrolling back and forth. */
#define CACHE_SIZE 512
/* A miss loads this many neighbouring rows in one query */
#define BATCH_BEFORE 16
#define BATCH_AFTER 64
/* Snippets are fetched for a window of rows around the one shown */
#define SNIPPET_BEFORE 8
#define SNIPPET_AFTER 40
/* Values counted per facet; the sidebar shows the first few */
#define FACET_LIMIT 100
/* Idle read-only connections kept for the next search */
#define POOL_SIZE 2
/* A narrow title column shows only the start of a snippet: this many
 * characters at most come before the first match */
#define LEAD_BEFORE_MATCH 24
/* Snippets built from a document's text: bytes of context around the
 * first match, as FTS5's snippet() gives about two dozen words */
#define CONTEXT_BEFORE 60
#define CONTEXT_AFTER 160

typedef struct
{
  GList       link;
  gint64      id;
  CeDocument *document;
} CacheEntry;

typedef struct
{
  char *field;  /* place, source, section, author, year or date */
  char *value;
} Filter;

/* The mentions of one topic per document.  Never changed once built,
 * so a search worker may sort by it while the rows are shown; shared
 * by reference counting (g_atomic_rc_box). */
typedef struct
{
  GArray     *counts;   /* CeDocCount, documents with mentions only */
  GHashTable *index;    /* gint64 * (inside counts) -> CeDocCount * */
} CountTable;

/* An enabled topic and what is known of its counts */
typedef struct
{
  CeTopic    *topic;    /* a copy, safe to hand to a worker */
  char       *terms;    /* its terms as one string, to notice edits */
  CountTable *table;    /* NULL until counted */
  guint       stale : 1;
} TopicCounts;

struct _CeDocumentListModel
{
  GObject parent_instance;

  /* Owned references */
  CeCorpus        *corpus;
  GArray          *ids;
  GHashTable      *cache;   /* gint64 id -> CacheEntry (key inside the entry) */
  GQueue           lru;     /* most recently used first */

  char            *search;      /* the text of user_query */
  CeQuery         *user_query;  /* what was typed; NULL when nothing */
  GPtrArray       *filters;     /* Filter, in the order added */
  CeQuery         *query;       /* user_query and filters; NULL when neither */
  CeQuery         *rows_query;  /* the query the rows listed match */

  GHashTable      *facets;      /* field -> GPtrArray of CeSearchFacet */

  /* Snippets of the rows listed, by document id; "" when there is none */
  GHashTable      *snippets;
  GHashTable      *snippets_pending;
  GCancellable    *snippet_cancellable;
  guint            snippet_wanted;   /* a row asked for while a fetch runs */
  guint            rows_serial;      /* bumped whenever the rows change */

  GCancellable    *search_cancellable;
  guint            search_serial;

  /* Mentions of the enabled topics, by name */
  GHashTable      *topic_counts;    /* char * -> TopicCounts */
  GCancellable    *count_cancellable;
  guint            count_serial;
  char            *count_topic;     /* rows sorted by its mentions; NULL when not */
  GArray          *custom_source;   /* the rows set_ids() was given, in its order */

  /* Read-only connections for the workers, which run in other threads */
  GMutex           pool_lock;
  char            *pool_path;
  GPtrArray       *pool;

  CeDocumentOrder  order;
  guint            descending : 1;
  guint            relevance : 1;
  guint            custom_ids : 1;      /* rows set by ce_document_list_model_set_ids() */
  guint            ids_pending : 1;
  guint            facets_pending : 1;
  guint            snippet_running : 1;
  guint            count_descending : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CeDocumentListModel, ce_document_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_CORPUS,
  PROP_SEARCH,
  PROP_N_ITEMS,
  PROP_LOADING,
  PROP_RELEVANCE,
  N_PROPS
};

enum {
  ROWS_REPLACING,
  QUERY_CHANGED,
  FACETS_CHANGED,
  SNIPPETS_CHANGED,
  COUNTS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const facet_fields[] = CE_DOCUMENT_LIST_FACETS;

typedef struct
{
  char            *path;
  CeQuery         *query;       /* NULL: no rows, facets of the whole corpus */
  CeDocumentOrder  order;
  gboolean         descending;
  gboolean         ranked;
  gboolean         want_ids;
  gboolean         want_facets;
  guint            serial;
  CountTable      *counts;      /* sort the rows by these mentions, or NULL */
  gboolean         count_descending;

  GArray          *ids;
  GHashTable      *facets;
} SearchJob;

typedef struct
{
  char      *path;
  CeQuery   *query;
  CeSort     sort;
  gboolean   descending;
  gboolean   use_page;    /* the rows are ce_search_ids() in this order */
  guint      offset;
  GArray    *ids;         /* the rows wanted, from offset on */
  guint      serial;

  GHashTable *snippets;   /* gint64 * -> markup */
} SnippetJob;

typedef struct
{
  char      *path;
  GPtrArray *topics;    /* CeTopic copies */
  GPtrArray *terms;     /* char *, as in TopicCounts */
  GPtrArray *tables;    /* CountTable, one per topic */
  guint      serial;
} CountJob;

static void start_snippets (CeDocumentListModel *self,
                            guint                position);
static void count_table_unref (CountTable *table);

static void
filter_free (gpointer data)
{
  Filter *filter = data;

  g_free (filter->field);
  g_free (filter->value);
  g_free (filter);
}

static GHashTable *
new_facet_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
}

static void
search_job_free (gpointer data)
{
  SearchJob *job = data;

  g_free (job->path);
  g_clear_pointer (&job->query, ce_query_unref);
  g_clear_pointer (&job->counts, count_table_unref);
  g_clear_pointer (&job->ids, g_array_unref);
  g_clear_pointer (&job->facets, g_hash_table_unref);
  g_free (job);
}

static void
snippet_job_free (gpointer data)
{
  SnippetJob *job = data;

  g_free (job->path);
  g_clear_pointer (&job->query, ce_query_unref);
  g_clear_pointer (&job->ids, g_array_unref);
  g_clear_pointer (&job->snippets, g_hash_table_unref);
  g_free (job);
}

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_clear_object (&entry->document);
  g_free (entry);
}

static void
clear_cache (CeDocumentListModel *self)
{
  g_hash_table_remove_all (self->cache);
  g_queue_init (&self->lru);
}

static CeDocument *
cache_lookup (CeDocumentListModel *self,
              gint64               id)
{
  CacheEntry *entry = g_hash_table_lookup (self->cache, &id);

  if (entry == NULL)
    return NULL;

  g_queue_unlink (&self->lru, &entry->link);
  g_queue_push_head_link (&self->lru, &entry->link);

  return entry->document;
}

static void
cache_insert (CeDocumentListModel *self,
              CeDocument          *document)
{
  CacheEntry *entry;
  gint64 id = ce_document_get_id (document);

  if (cache_lookup (self, id) != NULL)
    return;

  entry = g_new0 (CacheEntry, 1);
  entry->id = id;
  entry->document = g_object_ref (document);
  entry->link.data = entry;
  g_queue_push_head_link (&self->lru, &entry->link);
  g_hash_table_insert (self->cache, &entry->id, entry);

  while (self->lru.length > CACHE_SIZE)
    {
      GList *oldest = g_queue_pop_tail_link (&self->lru);
      CacheEntry *old = oldest->data;

      g_hash_table_remove (self->cache, &old->id);
    }
}

/* Loads the rows around @position that are not cached yet */
static void
load_around (CeDocumentListModel *self,
             guint                position)
{
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  guint first = position > BATCH_BEFORE ? position - BATCH_BEFORE : 0;
  guint last = MIN (self->ids->len, position + BATCH_AFTER);

  for (guint i = first; i < last; i++)
    {
      gint64 id = g_array_index (self->ids, gint64, i);

      if (!g_hash_table_contains (self->cache, &id))
        g_array_append_val (wanted, id);
    }

  documents = ce_corpus_get_document_summaries (self->corpus,
                                                (const gint64 *)(gpointer)wanted->data,
                                                wanted->len, &error);
  if (documents == NULL)
    {
      g_warning ("Could not load documents: %s", error->message);
      return;
    }

  /* Oldest first, so the requested rows end up most recently used */
  for (guint i = documents->len; i > 0; i--)
    cache_insert (self, g_ptr_array_index (documents, i - 1));
}

/* Connections */

static CeCorpus *
pool_take (CeDocumentListModel  *self,
           const char           *path,
           GError              **error)
{
  CeCorpus *corpus = NULL;

  g_mutex_lock (&self->pool_lock);
  if (g_strcmp0 (self->pool_path, path) == 0 && self->pool->len > 0)
    corpus = g_ptr_array_steal_index_fast (self->pool, self->pool->len - 1);
  g_mutex_unlock (&self->pool_lock);

  if (corpus == NULL)
    corpus = ce_corpus_open (path, CE_CORPUS_OPEN_READ_ONLY, error);

  return corpus;
}

static void
pool_give (CeDocumentListModel *self,
           const char          *path,
           CeCorpus            *corpus)
{
  ce_corpus_set_cancellable (corpus, NULL);

  g_mutex_lock (&self->pool_lock);
  if (g_strcmp0 (self->pool_path, path) == 0 && self->pool->len < POOL_SIZE)
    {
      g_ptr_array_add (self->pool, corpus);
      corpus = NULL;
    }
  g_mutex_unlock (&self->pool_lock);

  g_clear_object (&corpus);
}

static void
pool_reset (CeDocumentListModel *self,
            const char          *path)
{
  g_autoptr(GPtrArray) old = NULL;

  g_mutex_lock (&self->pool_lock);
  g_free (self->pool_path);
  self->pool_path = g_strdup (path);
  old = g_steal_pointer (&self->pool);
  self->pool = g_ptr_array_new_with_free_func (g_object_unref);
  g_mutex_unlock (&self->pool_lock);
}

/* Snippets */

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

static void
snippet_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CeDocumentListModel *self = source_object;
  SnippetJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = NULL;
  CeCorpus *corpus;

  corpus = pool_take (self, job->path, &error);
  if (corpus == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  ce_corpus_set_cancellable (corpus, cancellable);

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

  pool_give (self, job->path, corpus);

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_boolean (task, TRUE);
}

static void
snippets_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CeDocumentListModel *self = CE_DOCUMENT_LIST_MODEL (object);
  SnippetJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint wanted;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
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

  g_signal_emit (self, signals[SNIPPETS_CHANGED], 0);

  wanted = self->snippet_wanted;
  self->snippet_wanted = GTK_INVALID_LIST_POSITION;
  if (wanted != GTK_INVALID_LIST_POSITION)
    start_snippets (self, wanted);
}

static gboolean
order_to_sort (CeDocumentOrder  order,
               CeSort          *sort)
{
  switch (order)
    {
    case CE_DOCUMENT_ORDER_POSITION:
      *sort = CE_SORT_ORDER;
      return TRUE;
    case CE_DOCUMENT_ORDER_TITLE:
      *sort = CE_SORT_TITLE;
      return TRUE;
    case CE_DOCUMENT_ORDER_PLACE:
      *sort = CE_SORT_PLACE;
      return TRUE;
    case CE_DOCUMENT_ORDER_DATE:
      *sort = CE_SORT_DATE;
      return TRUE;
    case CE_DOCUMENT_ORDER_WORDS:
      *sort = CE_SORT_LENGTH;
      return TRUE;
    case CE_DOCUMENT_ORDER_SOURCE:
    default:
      return FALSE;
    }
}

/* Snippets belong to the rows listed, which lag behind a new query
 * until its search is done */
static gboolean
wants_snippets (CeDocumentListModel *self)
{
  return self->rows_query != NULL && self->corpus != NULL &&
         ce_query_get_highlight_fts (self->rows_query) != NULL;
}

/* Fetches the snippets of the rows around @position in a worker; one
 * fetch runs at a time, and the last row asked for meanwhile is next. */
static void
start_snippets (CeDocumentListModel *self,
                guint                position)
{
  g_autoptr(GTask) task = NULL;
  SnippetJob *job;
  guint first, last;
  gint64 id;

  if (!wants_snippets (self) || self->ids == NULL || position >= self->ids->len)
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

  job = g_new0 (SnippetJob, 1);
  job->path = g_strdup (ce_corpus_get_path (self->corpus));
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
                      order_to_sort (self->order, &job->sort);
    }

  for (guint i = first; i < last; i++)
    {
      gint64 pending = g_array_index (self->ids, gint64, i);

      g_hash_table_add (self->snippets_pending, g_memdup2 (&pending, sizeof pending));
    }

  self->snippet_running = TRUE;
  self->snippet_cancellable = g_cancellable_new ();

  task = g_task_new (self, self->snippet_cancellable, snippets_done_cb, NULL);
  g_task_set_source_tag (task, start_snippets);
  g_task_set_task_data (task, job, snippet_job_free);
  g_task_run_in_thread (task, snippet_worker);
}

static void
reset_snippets (CeDocumentListModel *self)
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

/* Topic counts */

static void
count_table_clear (gpointer data)
{
  CountTable *table = data;

  g_clear_pointer (&table->index, g_hash_table_unref);
  g_clear_pointer (&table->counts, g_array_unref);
}

/* Takes @counts, as ce_counter_count_documents() gives them */
static CountTable *
count_table_new (GArray *counts)
{
  CountTable *table = g_atomic_rc_box_new0 (CountTable);

  table->counts = counts;
  table->index = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < counts->len; i++)
    {
      CeDocCount *count = &g_array_index (counts, CeDocCount, i);

      g_hash_table_insert (table->index, &count->doc_id, count);
    }

  return table;
}

static CountTable *
count_table_ref (CountTable *table)
{
  return g_atomic_rc_box_acquire (table);
}

static void
count_table_unref (CountTable *table)
{
  g_atomic_rc_box_release_full (table, count_table_clear);
}

static guint
count_table_lookup (CountTable *table,
                    gint64      doc_id)
{
  CeDocCount *count = g_hash_table_lookup (table->index, &doc_id);

  return count != NULL ? count->count : 0;
}

static gboolean
count_table_equal (CountTable *a,
                   CountTable *b)
{
  return a != NULL && b != NULL && a->counts->len == b->counts->len &&
         memcmp (a->counts->data, b->counts->data, (gsize)a->counts->len * sizeof (CeDocCount)) == 0;
}

static void
topic_counts_free (gpointer data)
{
  TopicCounts *counts = data;

  g_clear_object (&counts->topic);
  g_clear_pointer (&counts->terms, g_free);
  g_clear_pointer (&counts->table, count_table_unref);
  g_free (counts);
}

static void
count_job_free (gpointer data)
{
  CountJob *job = data;

  g_free (job->path);
  g_clear_pointer (&job->topics, g_ptr_array_unref);
  g_clear_pointer (&job->terms, g_ptr_array_unref);
  g_clear_pointer (&job->tables, g_ptr_array_unref);
  g_free (job);
}

/* The terms of @topic as one string; a change of terms means counting
 * again, a change of colour does not */
static char *
join_terms (CeTopic *topic)
{
  const char * const *terms = ce_topic_get_terms (topic);

  return terms != NULL ? g_strjoinv ("\x1f", (GStrv)terms) : g_strdup ("");
}

static CountTable *
lookup_count_table (CeDocumentListModel *self,
                    const char          *topic)
{
  TopicCounts *counts;

  if (topic == NULL)
    return NULL;

  counts = g_hash_table_lookup (self->topic_counts, topic);
  return counts != NULL ? counts->table : NULL;
}

typedef struct
{
  guint count;
  guint index;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const Ranked *ra = a;
  const Ranked *rb = b;
  gboolean descending = GPOINTER_TO_INT (user_data);

  if (ra->count != rb->count)
    return (ra->count < rb->count) == descending ? 1 : -1;

  /* Ties keep the order the rows came in: corpus order */
  return ra->index < rb->index ? -1 : ra->index > rb->index;
}

/* Sorts @ids by their mentions in @table, documents without mentions
 * last in either direction.  Only the documents with mentions are
 * sorted, usually a few of a large corpus; the rest keep their order. */
static void
sort_by_counts (GArray     *ids,
                CountTable *table,
                gboolean    descending)
{
  g_autoptr(GArray) ranked = NULL;
  g_autofree guint8 *mentioned = NULL;
  g_autoptr(GArray) sorted = NULL;

  if (table == NULL || ids == NULL || ids->len == 0)
    return;

  ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  mentioned = g_malloc0 (ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      Ranked entry = { count_table_lookup (table, g_array_index (ids, gint64, i)), i };

      if (entry.count > 0)
        {
          g_array_append_val (ranked, entry);
          mentioned[i] = TRUE;
        }
    }

  g_array_sort_with_data (ranked, compare_ranked, GINT_TO_POINTER (!!descending));

  sorted = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
  for (guint i = 0; i < ranked->len; i++)
    g_array_append_val (sorted, g_array_index (ids, gint64, g_array_index (ranked, Ranked, i).index));
  for (guint i = 0; i < ids->len; i++)
    {
      if (!mentioned[i])
        g_array_append_val (sorted, g_array_index (ids, gint64, i));
    }

  memcpy (ids->data, sorted->data, (gsize)ids->len * sizeof (gint64));
}

static void
count_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CeDocumentListModel *self = source_object;
  CountJob *job = task_data;
  g_autoptr(GError) error = NULL;
  CeCorpus *corpus;

  corpus = pool_take (self, job->path, &error);
  if (corpus == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  ce_corpus_set_cancellable (corpus, cancellable);

  job->tables = g_ptr_array_new_with_free_func ((GDestroyNotify)count_table_unref);
  for (guint i = 0; i < job->topics->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      CeTopic *topic = g_ptr_array_index (job->topics, i);
      g_autoptr(GError) count_error = NULL;
      GArray *counts = ce_counter_count_documents (corpus, topic, NULL, &count_error);

      /* A topic with a term the index cannot take mentions nothing,
       * as the chart shows it; it is not counted again and again */
      if (counts == NULL)
        {
          g_debug ("Could not count “%s”: %s", ce_topic_get_name (topic), count_error->message);
          counts = g_array_new (FALSE, FALSE, sizeof (CeDocCount));
        }

      g_ptr_array_add (job->tables, count_table_new (counts));
    }

  pool_give (self, job->path, corpus);

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_boolean (task, TRUE);
}

static gboolean reorder (CeDocumentListModel  *self,
                         GError              **error);

static void
counts_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CeDocumentListModel *self = CE_DOCUMENT_LIST_MODEL (object);
  CountJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gboolean resort = FALSE;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || job->serial != self->count_serial)
        return;
      g_warning ("Could not count the topics: %s", error->message);
    }

  /* A newer count took over */
  if (job->serial != self->count_serial)
    return;

  g_clear_object (&self->count_cancellable);

  for (guint i = 0; job->tables != NULL && i < job->tables->len; i++)
    {
      CeTopic *topic = g_ptr_array_index (job->topics, i);
      const char *name = ce_topic_get_name (topic);
      TopicCounts *counts = g_hash_table_lookup (self->topic_counts, name);

      if (counts == NULL || g_strcmp0 (counts->terms, g_ptr_array_index (job->terms, i)) != 0)
        continue;

      counts->stale = FALSE;
      if (count_table_equal (counts->table, g_ptr_array_index (job->tables, i)))
        continue;

      g_clear_pointer (&counts->table, count_table_unref);
      counts->table = count_table_ref (g_ptr_array_index (job->tables, i));
      g_ptr_array_add (changed, g_strdup (name));
      resort |= g_strcmp0 (name, self->count_topic) == 0;
    }

  if (resort && !reorder (self, &error))
    g_warning ("Could not sort the documents: %s", error->message);

  for (guint i = 0; i < changed->len; i++)
    g_signal_emit (self, signals[COUNTS_CHANGED], 0, g_ptr_array_index (changed, i));
}

/* Counts the topics not counted yet, or counted before the corpus or
 * their terms changed, in a worker; a count running is cancelled, and
 * its topics are counted again with the others. */
static void
start_counting (CeDocumentListModel *self)
{
  g_autoptr(GTask) task = NULL;
  GHashTableIter iter;
  gpointer value;
  CountJob *job;

  if (self->count_cancellable != NULL)
    g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  self->count_serial++;

  if (self->corpus == NULL)
    return;

  job = g_new0 (CountJob, 1);
  job->topics = g_ptr_array_new_with_free_func (g_object_unref);
  job->terms = g_ptr_array_new_with_free_func (g_free);

  g_hash_table_iter_init (&iter, self->topic_counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      TopicCounts *counts = value;

      if (!counts->stale)
        continue;
      g_ptr_array_add (job->topics, g_object_ref (counts->topic));
      g_ptr_array_add (job->terms, g_strdup (counts->terms));
    }

  if (job->topics->len == 0)
    {
      count_job_free (job);
      return;
    }

  job->path = g_strdup (ce_corpus_get_path (self->corpus));
  job->serial = self->count_serial;

  self->count_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->count_cancellable, counts_done_cb, NULL);
  g_task_set_source_tag (task, start_counting);
  g_task_set_task_data (task, job, count_job_free);
  g_task_run_in_thread (task, count_worker);
}

/* Every topic is counted again: the corpus changed.  The counts known
 * stay shown until the new ones arrive. */
static void
recount (CeDocumentListModel *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->topic_counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    ((TopicCounts *)value)->stale = TRUE;

  start_counting (self);
}

static void
clear_count_order (CeDocumentListModel *self)
{
  g_clear_pointer (&self->count_topic, g_free);
  self->count_descending = FALSE;
}

/* GListModel */

static GType
ce_document_list_model_get_item_type (GListModel *model)
{
  return CE_TYPE_DOCUMENT;
}

static guint
ce_document_list_model_get_n_items (GListModel *model)
{
  CeDocumentListModel *self = (CeDocumentListModel *)model;

  return self->ids != NULL ? self->ids->len : 0;
}

static gpointer
ce_document_list_model_get_item (GListModel *model,
                                 guint       position)
{
  CeDocumentListModel *self = (CeDocumentListModel *)model;
  CeDocument *document;
  gint64 id;

  if (self->ids == NULL || position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  document = cache_lookup (self, id);

  if (document == NULL && self->corpus != NULL)
    {
      load_around (self, position);
      document = cache_lookup (self, id);
    }

  /* A row removed behind our back still needs an item until the next
   * reload; an empty one is the honest answer. */
  if (document == NULL)
    {
      CeDocumentFields fields = { .id = id, .title = "" };
      g_autoptr(CeDocument) missing = ce_document_new (&fields);

      cache_insert (self, missing);
      return g_steal_pointer (&missing);
    }

  return g_object_ref (document);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = ce_document_list_model_get_item_type;
  iface->get_n_items = ce_document_list_model_get_n_items;
  iface->get_item = ce_document_list_model_get_item;
}

/* Swaps in a new set of rows with a single items-changed */
static void
replace_ids (CeDocumentListModel *self,
             GArray              *ids,
             CeQuery             *query)
{
  guint old_len = self->ids != NULL ? self->ids->len : 0;
  guint new_len = ids != NULL ? ids->len : 0;

  if (old_len != 0)
    g_signal_emit (self, signals[ROWS_REPLACING], 0);

  g_clear_pointer (&self->ids, g_array_unref);
  self->ids = ids;
  g_clear_pointer (&self->rows_query, ce_query_unref);
  self->rows_query = query != NULL ? ce_query_ref (query) : NULL;
  clear_cache (self);
  reset_snippets (self);

  if (old_len != 0 || new_len != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, new_len);

  if (old_len != new_len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Searching */

/* The ids of the matches of @query in the order asked for */
static GArray *
search_ids (CeCorpus         *corpus,
            CeQuery          *query,
            CeDocumentOrder   order,
            gboolean          descending,
            gboolean          ranked,
            GError          **error)
{
  g_autoptr(GArray) matches = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GHashTable) set = NULL;
  GArray *ids;
  CeSort sort;

  if (ranked)
    return ce_search_ids (corpus, query, CE_SORT_RANK, FALSE, error);

  if (order_to_sort (order, &sort))
    return ce_search_ids (corpus, query, sort, descending, error);

  /* No search order for this column: the corpus in that order, keeping
   * the matches */
  matches = ce_search_ids (corpus, query, CE_SORT_ORDER, FALSE, error);
  if (matches == NULL)
    return NULL;
  all = ce_corpus_list_document_ids_sorted (corpus, order, descending, NULL, error);
  if (all == NULL)
    return NULL;

  set = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < matches->len; i++)
    g_hash_table_add (set, &g_array_index (matches, gint64, i));

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), matches->len);
  for (guint i = 0; i < all->len; i++)
    {
      if (g_hash_table_contains (set, &g_array_index (all, gint64, i)))
        g_array_append_val (ids, g_array_index (all, gint64, i));
    }

  return ids;
}

static void
search_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CeDocumentListModel *self = source_object;
  SearchJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CeQuery) facet_query = NULL;
  CeCorpus *corpus;
  gboolean ok = TRUE;

  corpus = pool_take (self, job->path, &error);
  if (corpus == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  ce_corpus_set_cancellable (corpus, cancellable);

  if (job->want_ids && job->query != NULL)
    {
      job->ids = search_ids (corpus, job->query, job->order, job->descending, job->ranked, &error);
      ok = job->ids != NULL;
      if (ok && job->counts != NULL)
        sort_by_counts (job->ids, job->counts, job->count_descending);
    }

  if (ok && job->want_facets)
    {
      facet_query = job->query != NULL ? ce_query_ref (job->query) : ce_query_parse ("", NULL);
      job->facets = new_facet_table ();

      for (guint i = 0; ok && facet_fields[i] != NULL; i++)
        {
          GPtrArray *values = ce_search_facet (corpus, facet_query, facet_fields[i], FACET_LIMIT, &error);

          ok = values != NULL;
          if (ok)
            g_hash_table_insert (job->facets, g_strdup (facet_fields[i]), values);
        }
    }

  pool_give (self, job->path, corpus);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CeDocumentListModel *self = CE_DOCUMENT_LIST_MODEL (object);
  SearchJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);

  /* A newer search took over */
  if (job->serial != self->search_serial ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->search_cancellable);

  if (!ok)
    {
      g_warning ("Could not search the corpus: %s", error->message);
      self->ids_pending = FALSE;
      self->facets_pending = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      return;
    }

  if (job->want_ids && job->ids != NULL)
    {
      self->ids_pending = FALSE;
      self->custom_ids = FALSE;
      g_clear_pointer (&self->custom_source, g_array_unref);
      replace_ids (self, g_steal_pointer (&job->ids), job->query);
    }

  if (job->want_facets && job->facets != NULL)
    {
      self->facets_pending = FALSE;
      g_clear_pointer (&self->facets, g_hash_table_unref);
      self->facets = g_steal_pointer (&job->facets);
      g_signal_emit (self, signals[FACETS_CHANGED], 0);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Lists the rows again (@ids) and counts the facets again (@facets).
 * Without a query the rows come at once from an index; a search runs in
 * a worker, and the rows listed stay until its result arrives. */
static gboolean
refresh (CeDocumentListModel  *self,
         gboolean              ids,
         gboolean              facets,
         GError              **error)
{
  gboolean was_loading = ce_document_list_model_is_loading (self);
  g_autoptr(GTask) task = NULL;
  SearchJob *job;

  if (self->corpus == NULL)
    return TRUE;

  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->search_serial++;

  self->ids_pending |= !!ids;
  self->facets_pending |= !!facets;

  if (self->query == NULL && self->ids_pending)
    {
      GArray *all;

      self->ids_pending = FALSE;
      all = ce_corpus_list_document_ids_sorted (self->corpus, self->order, self->descending,
                                                NULL, error);
      if (all == NULL)
        {
          if (was_loading != ce_document_list_model_is_loading (self))
            g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
          return FALSE;
        }

      sort_by_counts (all, lookup_count_table (self, self->count_topic), self->count_descending);
      self->custom_ids = FALSE;
      g_clear_pointer (&self->custom_source, g_array_unref);
      replace_ids (self, all, NULL);
    }

  if (self->ids_pending || self->facets_pending)
    {
      job = g_new0 (SearchJob, 1);
      job->path = g_strdup (ce_corpus_get_path (self->corpus));
      job->query = self->query != NULL ? ce_query_ref (self->query) : NULL;
      job->order = self->order;
      job->descending = self->descending;
      job->ranked = ce_document_list_model_get_ranked (self);
      job->want_ids = self->ids_pending;
      job->want_facets = self->facets_pending;
      job->serial = self->search_serial;
      if (lookup_count_table (self, self->count_topic) != NULL)
        {
          job->counts = count_table_ref (lookup_count_table (self, self->count_topic));
          job->count_descending = self->count_descending;
        }

      self->search_cancellable = g_cancellable_new ();
      task = g_task_new (self, self->search_cancellable, search_done_cb, NULL);
      g_task_set_source_tag (task, refresh);
      g_task_set_task_data (task, job, search_job_free);
      g_task_run_in_thread (task, search_worker);
    }

  if (was_loading != ce_document_list_model_is_loading (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  return TRUE;
}

/* Sorts the rows again by the mentions of the topic they are sorted by,
 * which were counted anew or are no longer the order */
static gboolean
reorder (CeDocumentListModel  *self,
         GError              **error)
{
  if (self->custom_ids && self->custom_source != NULL)
    {
      GArray *ids = g_array_copy (self->custom_source);

      sort_by_counts (ids, lookup_count_table (self, self->count_topic), self->count_descending);
      replace_ids (self, ids, self->query);
      return TRUE;
    }

  return refresh (self, TRUE, FALSE, error);
}

static gboolean
is_quote_char (gunichar c)
{
  /* As the query language: these end a quoted value */
  return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E;
}

static void
append_filter (GString      *text,
               const Filter *filter)
{
  if (text->len > 0)
    g_string_append_c (text, ' ');

  if (g_str_equal (filter->field, "year") || g_str_equal (filter->field, "date"))
    g_string_append_printf (text, "date:%s", filter->value);
  else
    g_string_append_printf (text, "%s:\"%s\"", filter->field, filter->value);
}

/* What is typed and what is picked in the sidebar become one query, so
 * the list, the counts and the highlighting share one definition. */
static CeQuery *
compose_query (const char  *search,
               GPtrArray   *filters,
               GError     **error)
{
  g_autoptr(GString) text = NULL;

  if (filters->len == 0)
    return search != NULL ? ce_query_parse (search, error) : NULL;

  text = g_string_new (NULL);
  if (search != NULL)
    g_string_append_printf (text, "(%s)", search);
  for (guint i = 0; i < filters->len; i++)
    append_filter (text, g_ptr_array_index (filters, i));

  return ce_query_parse (text->str, error);
}

static gboolean
has_words (CeQuery *query)
{
  return query != NULL && ce_query_get_fts (query) != NULL;
}

/* Takes @query as the effective query, and searches with it */
static void
set_query (CeDocumentListModel *self,
           CeQuery             *query)
{
  gboolean searching_before = has_words (self->query);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->query, ce_query_unref);
  self->query = query;

  /* A new search starts with the best matches first */
  if (!searching_before && has_words (query))
    {
      clear_count_order (self);
      self->order = CE_DOCUMENT_ORDER_POSITION;
      self->descending = FALSE;
      if (!self->relevance)
        {
          self->relevance = TRUE;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RELEVANCE]);
        }
    }

  g_signal_emit (self, signals[QUERY_CHANGED], 0);

  if (!refresh (self, TRUE, TRUE, &error))
    g_warning ("Could not list the documents: %s", error->message);
}

static gboolean
update_filters (CeDocumentListModel *self,
                GPtrArray           *filters)
{
  g_autoptr(GError) error = NULL;
  CeQuery *query = NULL;

  if (self->search != NULL || filters->len > 0)
    {
      query = compose_query (self->search, filters, &error);
      if (query == NULL)
        {
          g_debug ("Filter not applied: %s", error->message);
          return FALSE;
        }
    }

  g_ptr_array_unref (self->filters);
  self->filters = g_ptr_array_ref (filters);
  set_query (self, query);

  return TRUE;
}

static GPtrArray *
copy_filters (GPtrArray *filters)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (filter_free);

  for (guint i = 0; i < filters->len; i++)
    {
      const Filter *filter = g_ptr_array_index (filters, i);
      Filter *dup = g_new0 (Filter, 1);

      dup->field = g_strdup (filter->field);
      dup->value = g_strdup (filter->value);
      g_ptr_array_add (copy, dup);
    }

  return copy;
}

static int
find_filter_in (GPtrArray  *filters,
                const char *field,
                const char *value)
{
  for (guint i = 0; i < filters->len; i++)
    {
      const Filter *filter = g_ptr_array_index (filters, i);

      if (g_str_equal (filter->field, field) && (value == NULL || g_str_equal (filter->value, value)))
        return i;
    }

  return -1;
}

static int
find_filter (CeDocumentListModel *self,
             const char          *field,
             const char          *value)
{
  return find_filter_in (self->filters, field, value);
}

/* GObject */

static void
ce_document_list_model_dispose (GObject *object)
{
  CeDocumentListModel *self = (CeDocumentListModel *)object;

  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  if (self->snippet_cancellable != NULL)
    g_cancellable_cancel (self->snippet_cancellable);
  if (self->count_cancellable != NULL)
    g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->snippet_cancellable);
  g_clear_object (&self->count_cancellable);
  if (self->corpus != NULL)
    g_signal_handlers_disconnect_by_func (self->corpus, recount, self);

  G_OBJECT_CLASS (ce_document_list_model_parent_class)->dispose (object);
}

static void
ce_document_list_model_finalize (GObject *object)
{
  CeDocumentListModel *self = (CeDocumentListModel *)object;

  clear_cache (self);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_object (&self->corpus);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->user_query, ce_query_unref);
  g_clear_pointer (&self->query, ce_query_unref);
  g_clear_pointer (&self->rows_query, ce_query_unref);
  g_clear_pointer (&self->filters, g_ptr_array_unref);
  g_clear_pointer (&self->facets, g_hash_table_unref);
  g_clear_pointer (&self->snippets, g_hash_table_unref);
  g_clear_pointer (&self->snippets_pending, g_hash_table_unref);
  g_clear_pointer (&self->topic_counts, g_hash_table_unref);
  g_clear_pointer (&self->count_topic, g_free);
  g_clear_pointer (&self->custom_source, g_array_unref);
  g_clear_pointer (&self->pool, g_ptr_array_unref);
  g_clear_pointer (&self->pool_path, g_free);
  g_mutex_clear (&self->pool_lock);

  G_OBJECT_CLASS (ce_document_list_model_parent_class)->finalize (object);
}

static void
ce_document_list_model_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CeDocumentListModel *self = CE_DOCUMENT_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_CORPUS:
      g_value_set_object (value, self->corpus);
      break;

    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, g_list_model_get_n_items (G_LIST_MODEL (self)));
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, ce_document_list_model_is_loading (self));
      break;

    case PROP_RELEVANCE:
      g_value_set_boolean (value, self->relevance);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ce_document_list_model_class_init (CeDocumentListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ce_document_list_model_dispose;
  object_class->finalize = ce_document_list_model_finalize;
  object_class->get_property = ce_document_list_model_get_property;

  properties[PROP_CORPUS] =
    g_param_spec_object ("corpus", NULL, NULL, CE_TYPE_CORPUS,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * CeDocumentListModel:loading:
   *
   * Whether a search runs; the rows listed are those of the one before.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_RELEVANCE] =
    g_param_spec_boolean ("relevance", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CeDocumentListModel::rows-replacing:
   *
   * The rows are about to be replaced by a new set, with one
   * items-changed.  A selection is best put aside now and put back by
   * document id: a #GtkMultiSelection holding rows that go would look
   * at every new row to find them again.
   */
  signals[ROWS_REPLACING] =
    g_signal_new ("rows-replacing",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * CeDocumentListModel::query-changed:
   *
   * The effective query changed: what was typed, or a filter picked.
   * ce_document_list_model_get_query() has it at once; the rows follow
   * when the search is done.
   */
  signals[QUERY_CHANGED] =
    g_signal_new ("query-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * CeDocumentListModel::facets-changed:
   *
   * New counts are in ce_document_list_model_get_facet().
   */
  signals[FACETS_CHANGED] =
    g_signal_new ("facets-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * CeDocumentListModel::snippets-changed:
   *
   * Snippets asked for with ce_document_list_model_get_snippet() arrived.
   */
  signals[SNIPPETS_CHANGED] =
    g_signal_new ("snippets-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * CeDocumentListModel::counts-changed:
   * @topic: the name of the topic counted
   *
   * The mentions of @topic per document are known, or changed: read
   * them with ce_document_list_model_get_topic_count().
   */
  signals[COUNTS_CHANGED] =
    g_signal_new ("counts-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
ce_document_list_model_init (CeDocumentListModel *self)
{
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, cache_entry_free);
  g_queue_init (&self->lru);
  self->order = CE_DOCUMENT_ORDER_POSITION;
  self->relevance = TRUE;
  self->filters = g_ptr_array_new_with_free_func (filter_free);
  self->snippets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->snippets_pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->snippet_wanted = GTK_INVALID_LIST_POSITION;
  self->topic_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, topic_counts_free);
  g_mutex_init (&self->pool_lock);
  self->pool = g_ptr_array_new_with_free_func (g_object_unref);
}

CeDocumentListModel *
ce_document_list_model_new (void)
{
  return g_object_new (CE_TYPE_DOCUMENT_LIST_MODEL, NULL);
}

/**
 * ce_document_list_model_get_corpus:
 *
 * Returns: (transfer none) (nullable): the corpus listed
 */
CeCorpus *
ce_document_list_model_get_corpus (CeDocumentListModel *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), NULL);
  return self->corpus;
}

/**
 * ce_document_list_model_set_corpus:
 * @corpus: (nullable): the corpus to list, or %NULL for no rows
 *
 * Lists every document of @corpus in the current order; the search
 * and the filters are cleared.
 */
gboolean
ce_document_list_model_set_corpus (CeDocumentListModel  *self,
                                   CeCorpus             *corpus,
                                   GError              **error)
{
  gboolean had_query;

  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);
  g_return_val_if_fail (!corpus || CE_IS_CORPUS (corpus), FALSE);

  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->search_serial++;
  self->ids_pending = FALSE;
  self->facets_pending = FALSE;

  if (self->corpus != corpus)
    {
      GHashTableIter iter;
      gpointer value;

      if (self->corpus != NULL)
        g_signal_handlers_disconnect_by_func (self->corpus, recount, self);
      g_set_object (&self->corpus, corpus);
      pool_reset (self, corpus != NULL ? ce_corpus_get_path (corpus) : NULL);

      /* Counts of another corpus mean nothing here; an import through
       * this connection changes them */
      clear_count_order (self);
      g_hash_table_iter_init (&iter, self->topic_counts);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_clear_pointer (&((TopicCounts *)value)->table, count_table_unref);
      if (corpus != NULL)
        g_signal_connect_object (corpus, "changed", G_CALLBACK (recount), self, G_CONNECT_SWAPPED);
      recount (self);

      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CORPUS]);
    }

  if (self->search != NULL)
    {
      g_clear_pointer (&self->search, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
    }

  had_query = self->query != NULL;
  g_clear_pointer (&self->user_query, ce_query_unref);
  g_clear_pointer (&self->query, ce_query_unref);
  g_ptr_array_set_size (self->filters, 0);
  g_clear_pointer (&self->facets, g_hash_table_unref);
  g_signal_emit (self, signals[FACETS_CHANGED], 0);
  if (had_query)
    g_signal_emit (self, signals[QUERY_CHANGED], 0);

  if (corpus == NULL)
    {
      replace_ids (self, NULL, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      return TRUE;
    }

  return refresh (self, TRUE, TRUE, error);
}

void
ce_document_list_model_get_order (CeDocumentListModel *self,
                                  CeDocumentOrder     *order,
                                  gboolean            *descending)
{
  g_return_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self));

  if (order != NULL)
    *order = self->order;
  if (descending != NULL)
    *descending = self->descending;
}

/**
 * ce_document_list_model_set_order:
 *
 * Sorts the rows in SQL, so a large corpus is never loaded as a whole;
 * a search is no longer ranked by relevance.
 */
gboolean
ce_document_list_model_set_order (CeDocumentListModel  *self,
                                  CeDocumentOrder       order,
                                  gboolean              descending,
                                  GError              **error)
{
  gboolean by_counts;
  gboolean same_rows;

  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);

  by_counts = self->count_topic != NULL;
  if (self->order == order && self->descending == !!descending && !self->relevance && !by_counts)
    return TRUE;

  /* Relevance without words to rank was corpus order already */
  same_rows = self->order == order && self->descending == !!descending &&
              !ce_document_list_model_get_ranked (self) && !by_counts;
  clear_count_order (self);
  self->order = order;
  self->descending = !!descending;
  if (self->relevance)
    {
      self->relevance = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RELEVANCE]);
    }

  if (same_rows)
    return TRUE;

  return refresh (self, TRUE, FALSE, error);
}

/**
 * ce_document_list_model_get_relevance:
 *
 * Returns: whether a search lists the best matches first
 */
gboolean
ce_document_list_model_get_relevance (CeDocumentListModel *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);
  return self->relevance;
}

/**
 * ce_document_list_model_set_relevance:
 * @relevance: %TRUE to list the best matches of a search first (bm25);
 *   without words to rank, the rows are in corpus order
 *
 * Setting it clears the order set by ce_document_list_model_set_order().
 */
void
ce_document_list_model_set_relevance (CeDocumentListModel *self,
                                      gboolean             relevance)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self));

  relevance = !!relevance;
  if (self->relevance == relevance)
    return;

  self->relevance = relevance;
  if (relevance)
    {
      clear_count_order (self);
      self->order = CE_DOCUMENT_ORDER_POSITION;
      self->descending = FALSE;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RELEVANCE]);

  if (!refresh (self, TRUE, FALSE, &error))
    g_warning ("Could not sort the documents: %s", error->message);
}

/**
 * ce_document_list_model_get_ranked:
 *
 * Returns: whether the rows are in relevance order: a search with words
 *   to rank, and ce_document_list_model_get_relevance()
 */
gboolean
ce_document_list_model_get_ranked (CeDocumentListModel *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);
  return self->relevance && has_words (self->query);
}

/**
 * ce_document_list_model_get_search:
 *
 * Returns: (nullable): the text searched for, as last set without
 *   error; %NULL when none
 */
const char *
ce_document_list_model_get_search (CeDocumentListModel *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), NULL);
  return self->search;
}

/**
 * ce_document_list_model_set_search:
 * @text: (nullable): a query in the search language; empty for none
 * @error: a %CE_QUERY_ERROR when @text is not a valid query
 *
 * Searches for @text, together with the filters.  The search runs in a
 * worker; the rows change with one items-changed when it is done.  On a
 * syntax error nothing changes and the rows listed stay.
 */
gboolean
ce_document_list_model_set_search (CeDocumentListModel  *self,
                                   const char           *text,
                                   GError              **error)
{
  g_autofree char *stripped = NULL;
  g_autoptr(CeQuery) user_query = NULL;
  CeQuery *query = NULL;

  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);

  stripped = g_strstrip (g_strdup (text ? text : ""));
  if (*stripped == 0)
    g_clear_pointer (&stripped, g_free);

  if (g_strcmp0 (stripped, self->search) == 0)
    return TRUE;

  if (stripped != NULL)
    {
      user_query = ce_query_parse (stripped, error);
      if (user_query == NULL)
        return FALSE;

      /* Nothing but separators searches for nothing */
      if (ce_query_is_empty (user_query))
        {
          g_clear_pointer (&user_query, ce_query_unref);
          g_clear_pointer (&stripped, g_free);
          if (self->search == NULL)
            return TRUE;
        }
    }

  if (stripped != NULL || self->filters->len > 0)
    {
      query = compose_query (stripped, self->filters, error);
      if (query == NULL)
        return FALSE;
    }

  g_free (self->search);
  self->search = g_steal_pointer (&stripped);
  g_clear_pointer (&self->user_query, ce_query_unref);
  self->user_query = g_steal_pointer (&user_query);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);

  set_query (self, query);
  return TRUE;
}

/**
 * ce_document_list_model_add_filter:
 * @field: place, source, section or author (an exact value), year (a
 *   year of ce_search_facet()) or date (a range as in the query language)
 * @value: the value to keep
 *
 * Keeps only the documents with @value, besides what is searched for.
 *
 * Returns: %FALSE when @value cannot be searched for (it holds quotes)
 */
gboolean
ce_document_list_model_add_filter (CeDocumentListModel *self,
                                   const char          *field,
                                   const char          *value)
{
  g_autoptr(GPtrArray) filters = NULL;
  Filter *filter;

  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (*value == 0 || !g_utf8_validate (value, -1, NULL))
    return FALSE;

  for (const char *p = value; *p != 0; p = g_utf8_next_char (p))
    {
      if (is_quote_char (g_utf8_get_char (p)))
        return FALSE;
    }

  if (find_filter (self, field, value) >= 0)
    return TRUE;

  filters = copy_filters (self->filters);
  filter = g_new0 (Filter, 1);
  filter->field = g_strdup (field);
  filter->value = g_strdup (value);
  g_ptr_array_add (filters, filter);

  return update_filters (self, filters);
}

/**
 * ce_document_list_model_remove_filter:
 * @value: (nullable): the value, or %NULL for every filter on @field
 */
void
ce_document_list_model_remove_filter (CeDocumentListModel *self,
                                      const char          *field,
                                      const char          *value)
{
  g_autoptr(GPtrArray) filters = NULL;
  int index;

  g_return_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self));
  g_return_if_fail (field != NULL);

  filters = copy_filters (self->filters);
  while ((index = find_filter_in (filters, field, value)) >= 0)
    g_ptr_array_remove_index (filters, index);

  if (filters->len != self->filters->len)
    update_filters (self, filters);
}

/**
 * ce_document_list_model_set_date_range:
 * @range: (nullable): a date range of the query language (2020..2023,
 *   2024-01..2024-06, 2020.., ..2023, 2024), or %NULL for none
 *
 * Replaces the date range kept.
 */
void
ce_document_list_model_set_date_range (CeDocumentListModel *self,
                                       const char          *range)
{
  g_autoptr(GPtrArray) filters = NULL;
  int index;

  g_return_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self));

  if (g_strcmp0 (range, ce_document_list_model_get_date_range (self)) == 0)
    return;

  filters = copy_filters (self->filters);
  if ((index = find_filter_in (filters, "date", NULL)) >= 0)
    g_ptr_array_remove_index (filters, index);

  if (range != NULL && *range != 0)
    {
      Filter *filter = g_new0 (Filter, 1);

      filter->field = g_strdup ("date");
      filter->value = g_strdup (range);
      g_ptr_array_add (filters, filter);
    }

  update_filters (self, filters);
}

/**
 * ce_document_list_model_get_date_range:
 *
 * Returns: (nullable): the date range kept, or %NULL
 */
const char *
ce_document_list_model_get_date_range (CeDocumentListModel *self)
{
  int index;

  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), NULL);

  index = find_filter (self, "date", NULL);
  if (index < 0)
    return NULL;

  return ((Filter *)g_ptr_array_index (self->filters, index))->value;
}

gboolean
ce_document_list_model_has_filter (CeDocumentListModel *self,
                                   const char          *field,
                                   const char          *value)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  return find_filter (self, field, value) >= 0;
}

void
ce_document_list_model_clear_filters (CeDocumentListModel *self)
{
  g_autoptr(GPtrArray) none = NULL;

  g_return_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self));

  if (self->filters->len == 0)
    return;

  none = g_ptr_array_new_with_free_func (filter_free);
  update_filters (self, none);
}

guint
ce_document_list_model_get_n_filters (CeDocumentListModel *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), 0);
  return self->filters->len;
}

/**
 * ce_document_list_model_get_filter:
 * @field: (out) (optional): place, source, section, author, year or date
 * @value: (out) (optional): the value kept
 */
void
ce_document_list_model_get_filter (CeDocumentListModel  *self,
                                   guint                 index,
                                   const char          **field,
                                   const char          **value)
{
  const Filter *filter;

  g_return_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self));
  g_return_if_fail (index < self->filters->len);

  filter = g_ptr_array_index (self->filters, index);
  if (field != NULL)
    *field = filter->field;
  if (value != NULL)
    *value = filter->value;
}

/**
 * ce_document_list_model_get_query:
 *
 * The query the rows match: what was typed and the filters picked, as
 * one query.  Highlighting and counting use it to agree with the list.
 *
 * Returns: (transfer none) (nullable): the query, or %NULL when the
 *   whole corpus is listed
 */
CeQuery *
ce_document_list_model_get_query (CeDocumentListModel *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), NULL);
  return self->query;
}

gboolean
ce_document_list_model_is_loading (CeDocumentListModel *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);
  return self->search_cancellable != NULL;
}

/**
 * ce_document_list_model_get_facet:
 * @field: one of %CE_DOCUMENT_LIST_FACETS
 *
 * Returns: (transfer none) (nullable) (element-type CeSearchFacet): the
 *   values of @field among the rows and their counts, most frequent
 *   first; %NULL until they are counted
 */
GPtrArray *
ce_document_list_model_get_facet (CeDocumentListModel *self,
                                  const char          *field)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if (self->facets == NULL)
    return NULL;

  return g_hash_table_lookup (self->facets, field);
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

/**
 * ce_document_list_model_reload:
 *
 * Lists the documents again, after the corpus changed.  A search runs
 * again in a worker.
 */
gboolean
ce_document_list_model_reload (CeDocumentListModel  *self,
                               GError              **error)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);

  return refresh (self, TRUE, TRUE, error);
}

/**
 * ce_document_list_model_set_ids:
 * @ids: (transfer none): the documents to list, in this order
 *
 * Lists exactly these documents, for example those a chart bar counts.
 */
void
ce_document_list_model_set_ids (CeDocumentListModel *self,
                                GArray              *ids)
{
  GArray *copy;

  g_return_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self));
  g_return_if_fail (ids != NULL);
  g_return_if_fail (g_array_get_element_size (ids) == sizeof (gint64));

  /* A search still running would replace them */
  if (self->search_cancellable != NULL && self->ids_pending)
    {
      self->ids_pending = FALSE;
      if (!self->facets_pending)
        {
          g_cancellable_cancel (self->search_cancellable);
          g_clear_object (&self->search_cancellable);
          self->search_serial++;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
        }
    }

  copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
  g_array_append_vals (copy, ids->data, ids->len);
  g_clear_pointer (&self->custom_source, g_array_unref);
  self->custom_source = g_array_copy (copy);
  sort_by_counts (copy, lookup_count_table (self, self->count_topic), self->count_descending);
  self->custom_ids = TRUE;
  replace_ids (self, copy, self->query);
}

/**
 * ce_document_list_model_get_id:
 *
 * Returns: the id of the document at @position, or -1
 */
gint64
ce_document_list_model_get_id (CeDocumentListModel *self,
                               guint                position)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), -1);

  if (self->ids == NULL || position >= self->ids->len)
    return -1;

  return g_array_index (self->ids, gint64, position);
}

/**
 * ce_document_list_model_find:
 *
 * Returns: the position of document @id, or %GTK_INVALID_LIST_POSITION
 */
guint
ce_document_list_model_find (CeDocumentListModel *self,
                             gint64               id)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), GTK_INVALID_LIST_POSITION);

  for (guint i = 0; self->ids != NULL && i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

/**
 * ce_document_list_model_set_topics:
 * @topics: (element-type CeTopic) (nullable): the topics whose mentions
 *   per document are wanted
 *
 * Counts the mentions of @topics in every document, in a worker, with
 * ce_counter_count_documents(); ::counts-changed tells when each topic
 * is counted.  Topics already counted with the same terms keep their
 * counts; they are counted again when the corpus changes.
 */
void
ce_document_list_model_set_topics (CeDocumentListModel *self,
                                   GPtrArray           *topics)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gboolean unsorted = FALSE;
  gboolean stale = FALSE;
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self));

  for (guint i = 0; topics != NULL && i < topics->len; i++)
    {
      CeTopic *topic = g_ptr_array_index (topics, i);
      const char *name = ce_topic_get_name (topic);
      g_autofree char *terms = join_terms (topic);
      TopicCounts *counts = g_hash_table_lookup (self->topic_counts, name);

      g_hash_table_add (wanted, (gpointer)name);
      if (counts != NULL && g_str_equal (counts->terms, terms))
        continue;

      if (counts == NULL)
        {
          counts = g_new0 (TopicCounts, 1);
          g_hash_table_insert (self->topic_counts, g_strdup (name), counts);
        }
      else
        {
          /* Mentions of other terms are not this topic's */
          g_clear_pointer (&counts->table, count_table_unref);
          g_ptr_array_add (changed, g_strdup (name));
        }

      g_clear_object (&counts->topic);
      counts->topic = ce_topic_new (name, ce_topic_get_color (topic), ce_topic_get_terms (topic));
      g_free (counts->terms);
      counts->terms = g_steal_pointer (&terms);
      counts->stale = TRUE;
      stale = TRUE;
    }

  g_hash_table_iter_init (&iter, self->topic_counts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (g_hash_table_contains (wanted, key))
        continue;

      /* Rows sorted by a topic gone go back to corpus order */
      if (g_strcmp0 (key, self->count_topic) == 0)
        {
          clear_count_order (self);
          unsorted = TRUE;
        }
      g_hash_table_iter_remove (&iter);
    }

  if (unsorted && !reorder (self, &error))
    g_warning ("Could not sort the documents: %s", error->message);

  if (stale)
    start_counting (self);

  for (guint i = 0; i < changed->len; i++)
    g_signal_emit (self, signals[COUNTS_CHANGED], 0, g_ptr_array_index (changed, i));
}

/**
 * ce_document_list_model_get_topic_count:
 * @topic: the name of a topic given to ce_document_list_model_set_topics()
 * @count: (out) (optional): the mentions of @topic in document @doc_id
 *
 * Returns: whether @topic is counted; %FALSE until its counts arrive
 */
gboolean
ce_document_list_model_get_topic_count (CeDocumentListModel *self,
                                        const char          *topic,
                                        gint64               doc_id,
                                        guint               *count)
{
  CountTable *table;

  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);
  g_return_val_if_fail (topic != NULL, FALSE);

  table = lookup_count_table (self, topic);
  if (count != NULL)
    *count = table != NULL ? count_table_lookup (table, doc_id) : 0;

  return table != NULL;
}

/**
 * ce_document_list_model_is_counting:
 *
 * Returns: whether topics are being counted
 */
gboolean
ce_document_list_model_is_counting (CeDocumentListModel *self)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);
  return self->count_cancellable != NULL;
}

/**
 * ce_document_list_model_get_count_order:
 * @descending: (out) (optional): whether the most mentions come first
 *
 * Returns: (nullable): the topic whose mentions the rows are sorted by,
 *   or %NULL when they are in another order
 */
const char *
ce_document_list_model_get_count_order (CeDocumentListModel *self,
                                        gboolean            *descending)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), NULL);

  if (descending != NULL)
    *descending = self->count_topic != NULL && self->count_descending;

  return self->count_topic;
}

/**
 * ce_document_list_model_set_count_order:
 * @topic: the name of a topic given to ce_document_list_model_set_topics()
 * @descending: %TRUE for the most mentions first
 *
 * Sorts the rows by their mentions of @topic; documents without one
 * come last in either direction, and ties keep corpus order.  Rows
 * listed before @topic is counted are sorted when its counts arrive.
 * ce_document_list_model_set_order() and relevance end this order.
 *
 * Returns: %FALSE when @topic is not one of the topics counted
 */
gboolean
ce_document_list_model_set_count_order (CeDocumentListModel  *self,
                                        const char           *topic,
                                        gboolean              descending,
                                        GError              **error)
{
  g_return_val_if_fail (CE_IS_DOCUMENT_LIST_MODEL (self), FALSE);
  g_return_val_if_fail (topic != NULL, FALSE);

  if (!g_hash_table_contains (self->topic_counts, topic))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "No topic “%s” to sort by", topic);
      return FALSE;
    }

  if (g_strcmp0 (self->count_topic, topic) == 0 && self->count_descending == !!descending)
    return TRUE;

  g_free (self->count_topic);
  self->count_topic = g_strdup (topic);
  self->count_descending = !!descending;

  /* The counts break ties in corpus order: the rows come in it */
  self->order = CE_DOCUMENT_ORDER_POSITION;
  self->descending = FALSE;
  if (self->relevance)
    {
      self->relevance = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RELEVANCE]);
    }

  return reorder (self, error);
}
