/* ce-importer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-importer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-corpus.h"
#include "ce-corrections.h"
#include "ce-importer.h"
#include "ce-segmenter.h"
#include "ce-walk.h"

/* How much of a file is read to detect its format and to fingerprint it */
#define HEAD_SIZE (64 * 1024)

/* How much of a new corpus is read before its tokenizer is chosen */
#define SAMPLE_DOCUMENTS 32
#define SAMPLE_BYTES (256 * 1024)

/* Drafts parsed ahead of the inserting thread; bounds memory while the
 * reader and SQLite work side by side on two cores.  Long documents are
 * bounded by their size: 256 of 16 MB would be 4 GB. */
#define QUEUE_LENGTH 256
#define QUEUE_BYTES (32 * 1024 * 1024)

struct _CeImporter
{
  GObject parent_instance;

  char            *corpus_path;
  CeImportOptions  options;
  GPtrArray       *paths;

  GMutex           progress_lock;
  guint64          bytes_done;
  guint64          bytes_total;
  gboolean         waiting;      /* for another import to finish */
  guint            documents;

  /* Where notify::waiting is emitted: the thread-default main context of
   * the thread that made the importer */
  GMainContext    *context;
};

G_DEFINE_FINAL_TYPE (CeImporter, ce_importer, G_TYPE_OBJECT)

enum {
  WAITING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_WAITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* How often a waiting import tries again for the corpus */
#define WAIT_STEP_US (100 * 1000)

typedef enum
{
  ITEM_SOURCE,
  ITEM_DRAFT,
  ITEM_END,
} ItemKind;

typedef struct
{
  ItemKind  kind;
  CeDraft  *draft;
  char     *path;
  CeFormat  format;
  guint64   size;
  char     *checksum;
  gsize     bytes;     /* of a draft's text, for the queue's bound */
} Item;

/* A bounded producer/consumer queue */
typedef struct
{
  GMutex   lock;
  GCond    cond;
  GQueue   items;
  gsize    bytes;      /* of the drafts waiting */
  gboolean aborted;
} Queue;

typedef struct
{
  CeImporter     *self;
  GPtrArray      *files;
  Queue           queue;
  GCancellable   *cancellable;  /* the caller's, or ours */
  CeImportReport *report;       /* skipped and warnings: parse thread only */

  /* Per file, in the parse thread */
  GInputStream   *stream;
  guint64         file_base;
  guint           file_documents;
} Job;

static CeImportReport *
ce_import_report_new (void)
{
  CeImportReport *report = g_new0 (CeImportReport, 1);

  report->skipped = g_ptr_array_new_with_free_func (g_free);
  report->warnings = g_ptr_array_new_with_free_func (g_free);
  report->tokenizer = CE_TOKENIZER_DEFAULT;
  report->copies_of = g_ptr_array_new_with_free_func (g_free);

  return report;
}

static void
copy_options (CeImportOptions       *dest,
              const CeImportOptions *src)
{
  dest->format = src->format;
  dest->split = src->split;
  dest->split_regex = g_strdup (src->split_regex);
  dest->text_field = g_strdup (src->text_field);
  dest->title_field = g_strdup (src->title_field);
  dest->date_field = g_strdup (src->date_field);
  dest->tokenizer = src->tokenizer;
  dest->diacritics = src->diacritics;
  dest->keep_duplicates = src->keep_duplicates;
  dest->duplicate_threshold = src->duplicate_threshold;
  dest->no_near_copies = src->no_near_copies;
}

static void
item_free (Item *item)
{
  g_clear_pointer (&item->draft, ce_draft_free);
  g_free (item->path);
  g_free (item->checksum);
  g_free (item);
}

/* Returns FALSE when the consumer gave up: stop producing. */
static gboolean
queue_push (Queue *queue,
            Item  *item)
{
  gboolean ok;

  g_mutex_lock (&queue->lock);
  /* One item always gets in, however large */
  while (!queue->aborted && queue->items.length > 0 &&
         (queue->items.length >= QUEUE_LENGTH || queue->bytes + item->bytes > QUEUE_BYTES))
    g_cond_wait (&queue->cond, &queue->lock);
  /* The end always arrives, so the consumer stops waiting */
  ok = !queue->aborted || item->kind == ITEM_END;
  if (ok)
    {
      queue->bytes += item->bytes;
      g_queue_push_tail (&queue->items, item);
      g_cond_broadcast (&queue->cond);
    }
  g_mutex_unlock (&queue->lock);

  if (!ok)
    item_free (item);

  return ok;
}

static Item *
queue_pop (Queue *queue)
{
  Item *item;

  g_mutex_lock (&queue->lock);
  while (queue->items.length == 0)
    g_cond_wait (&queue->cond, &queue->lock);
  item = g_queue_pop_head (&queue->items);
  queue->bytes -= item->bytes;
  g_cond_broadcast (&queue->cond);
  g_mutex_unlock (&queue->lock);

  return item;
}

static void
queue_abort (Queue *queue)
{
  GList *l;

  g_mutex_lock (&queue->lock);
  queue->aborted = TRUE;
  /* Drop what waits, but not an end the producer already pushed: the
   * consumer still has to pop it */
  l = queue->items.head;
  while (l != NULL)
    {
      GList *next = l->next;
      Item *item = l->data;

      if (item->kind != ITEM_END)
        {
          queue->bytes -= item->bytes;
          item_free (item);
          g_queue_delete_link (&queue->items, l);
        }
      l = next;
    }
  g_cond_broadcast (&queue->cond);
  g_mutex_unlock (&queue->lock);
}

static gboolean
looks_binary (const char *data,
              gsize       len)
{
  guint control = 0;

  /* UTF-16 text has NUL bytes, but starts with a byte order mark */
  if (len >= 2 && (((guchar)data[0] == 0xff && (guchar)data[1] == 0xfe) ||
                   ((guchar)data[0] == 0xfe && (guchar)data[1] == 0xff)))
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      guchar c = data[i];

      if (c == 0)
        return TRUE;
      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
        control++;
    }

  return len > 0 && control * 10 > len;
}

static gboolean
read_head (GInputStream  *stream,
           char          *buffer,
           gsize         *len,
           GError       **error)
{
  return g_input_stream_read_all (stream, buffer, HEAD_SIZE, len, NULL, error);
}

static char *
fingerprint (const char *head,
             gsize       len,
             guint64     size)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  /* The head and the size identify a source well enough to find its
   * manual corrections again, without reading a large file twice. */
  g_checksum_update (checksum, (const guchar *)head, len);
  g_checksum_update (checksum, (const guchar *)&size, sizeof size);

  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
run_reader (CeFormat         format,
            CeReadContext   *ctx,
            GInputStream    *stream,
            GError         **error)
{
  switch (format)
    {
    case CE_FORMAT_DUMP:
      return ce_read_dump (ctx, stream, error);

    case CE_FORMAT_TEXT:
      return ce_read_text (ctx, stream, error);

    case CE_FORMAT_JSONL:
      return ce_read_jsonl (ctx, stream, error);

    case CE_FORMAT_JSON:
      return ce_read_json (ctx, stream, error);

    case CE_FORMAT_CSV:
      return ce_read_csv (ctx, stream, error);

    case CE_FORMAT_EMAIL:
      return ce_read_email (ctx, stream, error);

    case CE_FORMAT_HTML:
      return ce_read_html (ctx, stream, error);

    case CE_FORMAT_AUTO:
    case CE_FORMAT_UNKNOWN:
    default:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("not a format Corpus Explorer can read"));
      return FALSE;
    }
}

static void
set_progress (CeImporter *self,
              guint64     bytes_done,
              int         new_documents)
{
  g_mutex_lock (&self->progress_lock);
  if (bytes_done != G_MAXUINT64)
    self->bytes_done = MIN (bytes_done, self->bytes_total);
  self->documents += new_documents;
  g_mutex_unlock (&self->progress_lock);
}

static gboolean
emit_to_queue (CeReadContext *ctx,
               CeDraft       *draft,
               gpointer       user_data)
{
  Job *job = user_data;
  Item *item;
  gsize bytes;

  if (g_cancellable_is_cancelled (job->cancellable))
    {
      ce_draft_free (draft);
      return FALSE;
    }

  if (draft->body == NULL || draft->body[0] == 0)
    {
      ce_draft_free (draft);
      return TRUE;
    }

  bytes = strlen (draft->body) + (draft->title != NULL ? strlen (draft->title) : 0);
  if (bytes > CE_MAX_DOCUMENT_BYTES)
    {
      g_autofree char *size = g_format_size (bytes);
      g_autofree char *limit = g_format_size (CE_MAX_DOCUMENT_BYTES);

      ce_read_context_warn (ctx, draft->line, _("a document of %s is longer than the %s one "
                                                "document may hold; skipped"), size, limit);
      ce_draft_free (draft);
      return TRUE;
    }

  ce_draft_take_dateline (draft);
  ce_draft_prepare (draft);
  /* The fingerprint is the costly part of finding copies: the reader
   * thread makes it, the storing thread only looks it up */
  draft->fingerprint = job->self->options.no_near_copies ? ce_fingerprint_new_exact (draft->body)
                                                          : ce_fingerprint_new (draft->body);
  job->file_documents++;

  if (G_IS_SEEKABLE (job->stream))
    set_progress (job->self, job->file_base + g_seekable_tell (G_SEEKABLE (job->stream)), 0);

  item = g_new0 (Item, 1);
  item->kind = ITEM_DRAFT;
  item->draft = draft;
  item->bytes = bytes;

  return queue_push (&job->queue, item);
}

/* Opens @path and reads its head; tells what format it is in. */
static GInputStream *
open_file (const char       *path,
           const CeImportOptions *options,
           CeFormat         *format,
           char            **checksum,
           guint64          *size,
           char            **skip_reason)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *head = g_malloc (HEAD_SIZE);
  gsize len = 0;

  stream = g_file_read (file, NULL, &error);
  if (stream == NULL)
    {
      /* Translators: why a file was not imported; %s is the reason the system gives */
      *skip_reason = g_strdup_printf (_("unreadable: %s"), error->message);
      return NULL;
    }

  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  *size = info ? g_file_info_get_size (info) : 0;

  if (!read_head (G_INPUT_STREAM (stream), head, &len, &error))
    {
      *skip_reason = g_strdup_printf (_("unreadable: %s"), error->message);
      return NULL;
    }

  if (len == 0)
    {
      *skip_reason = g_strdup (_("empty file"));
      return NULL;
    }

  if (looks_binary (head, len))
    {
      *skip_reason = g_strdup (_("binary data, not text"));
      return NULL;
    }

  *format = options->format != CE_FORMAT_AUTO
          ? options->format
          : ce_reader_detect_format (path, head, len);

  if (*format == CE_FORMAT_UNKNOWN || *format == CE_FORMAT_AUTO)
    {
      *skip_reason = g_strdup (_("not a format Corpus Explorer can read"));
      return NULL;
    }

  *checksum = fingerprint (head, len, *size);

  if (!g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, NULL, &error))
    {
      *skip_reason = g_strdup_printf (_("unreadable: %s"), error->message);
      return NULL;
    }

  return G_INPUT_STREAM (g_steal_pointer (&stream));
}

static gpointer
parse_thread (gpointer data)
{
  Job *job = data;
  CeImporter *self = job->self;
  Item *item;

  for (guint i = 0; i < job->files->len; i++)
    {
      CeWalkFile *entry = g_ptr_array_index (job->files, i);
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *skip_reason = NULL;
      g_autofree char *checksum = NULL;
      CeReadContext ctx = { 0 };
      CeFormat format = CE_FORMAT_UNKNOWN;
      guint64 size = entry->size;
      gboolean ok;

      if (g_cancellable_is_cancelled (job->cancellable))
        break;

      stream = open_file (entry->path, &self->options, &format, &checksum, &size, &skip_reason);
      if (stream == NULL)
        {
          g_ptr_array_add (job->report->skipped,
                           g_strdup_printf ("%s: %s", entry->path, skip_reason));
          job->file_base += entry->size;
          set_progress (self, job->file_base, 0);
          continue;
        }

      item = g_new0 (Item, 1);
      item->kind = ITEM_SOURCE;
      item->path = g_strdup (entry->path);
      item->format = format;
      item->size = size;
      item->checksum = g_steal_pointer (&checksum);
      if (!queue_push (&job->queue, item))
        break;

      ctx.path = entry->path;
      ctx.options = &self->options;
      ctx.cancellable = job->cancellable;
      ctx.emit = emit_to_queue;
      ctx.emit_data = job;

      job->stream = stream;
      job->file_documents = 0;

      ok = run_reader (format, &ctx, stream, &error);

      job->stream = NULL;
      job->report->repairs += ctx.repairs;
      if (ctx.warnings != NULL)
        {
          g_ptr_array_extend_and_steal (job->report->warnings, g_steal_pointer (&ctx.warnings));
        }

      if (g_cancellable_is_cancelled (job->cancellable))
        break;

      if (!ok && job->file_documents == 0)
        g_ptr_array_add (job->report->skipped,
                         g_strdup_printf ("%s: %s", entry->path,
                                          error ? error->message : _("could not be read")));
      else if (!ok)
        g_ptr_array_add (job->report->warnings,
                         g_strdup_printf ("%s: %s", entry->path,
                                          error ? error->message : _("reading stopped early")));
      else if (job->file_documents == 0)
        g_ptr_array_add (job->report->skipped,
                         g_strdup_printf (_("%s: no documents found"), entry->path));
      else
        job->report->files_read++;

      job->file_base += entry->size;
      set_progress (self, job->file_base, 0);
    }

  item = g_new0 (Item, 1);
  item->kind = ITEM_END;
  queue_push (&job->queue, item);

  return NULL;
}

static void
ce_importer_finalize (GObject *object)
{
  CeImporter *self = (CeImporter *)object;

  g_clear_pointer (&self->corpus_path, g_free);
  g_clear_pointer (&self->paths, g_ptr_array_unref);
  ce_import_options_clear (&self->options);
  g_mutex_clear (&self->progress_lock);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (ce_importer_parent_class)->finalize (object);
}

static void
ce_importer_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CeImporter *self = CE_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_WAITING:
      g_value_set_boolean (value, ce_importer_is_waiting (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ce_importer_class_init (CeImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ce_importer_finalize;
  object_class->get_property = ce_importer_get_property;

  /**
   * CeImporter:waiting:
   *
   * Whether the import waits for another import into the same corpus
   * to finish (ce_importer_is_waiting()).  It changes in the thread that
   * runs the import; its notification is emitted in the main context of
   * the thread that made the importer, so a window can follow it
   * without polling.
   */
  properties[PROP_WAITING] =
    g_param_spec_boolean ("waiting", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CeImporter::waiting:
   * @message: what the import waits for, to show
   *
   * Emitted, in the thread that runs the import, when another import is
   * writing into the same corpus: this one waits for it to finish, until
   * it is cancelled.
   */
  signals[WAITING] =
    g_signal_new ("waiting",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ce_importer_init (CeImporter *self)
{
  g_mutex_init (&self->progress_lock);
  self->paths = g_ptr_array_new_with_free_func (g_free);
  self->context = g_main_context_ref_thread_default ();
}

/**
 * ce_importer_new:
 * @corpus_path: the corpus to import into; created when missing
 * @options: (nullable): format and splitting options
 */
CeImporter *
ce_importer_new (const char            *corpus_path,
                 const CeImportOptions *options)
{
  CeImporter *self;

  g_return_val_if_fail (corpus_path != NULL, NULL);

  self = g_object_new (CE_TYPE_IMPORTER, NULL);
  self->corpus_path = g_strdup (corpus_path);
  if (options != NULL)
    copy_options (&self->options, options);

  return self;
}

/**
 * ce_importer_add_path:
 * @path: a file, or a folder read recursively
 */
void
ce_importer_add_path (CeImporter *self,
                      const char *path)
{
  g_return_if_fail (CE_IS_IMPORTER (self));
  g_return_if_fail (path != NULL);

  g_ptr_array_add (self->paths, g_strdup (path));
}

/**
 * ce_importer_get_progress:
 *
 * Safe to call from any thread while the import runs.
 */
void
ce_importer_get_progress (CeImporter *self,
                          guint64    *bytes_done,
                          guint64    *bytes_total,
                          guint      *documents)
{
  g_return_if_fail (CE_IS_IMPORTER (self));

  g_mutex_lock (&self->progress_lock);
  if (bytes_done)
    *bytes_done = self->bytes_done;
  if (bytes_total)
    *bytes_total = self->bytes_total;
  if (documents)
    *documents = self->documents;
  g_mutex_unlock (&self->progress_lock);
}

/**
 * ce_importer_is_waiting:
 *
 * Safe to call from any thread while the import runs.
 *
 * Returns: whether the import waits for another import into the same
 *   corpus to finish (#CeImporter::waiting said so); it has written
 *   nothing yet.  #CeImporter:waiting notifies changes.
 */
gboolean
ce_importer_is_waiting (CeImporter *self)
{
  gboolean waiting;

  g_return_val_if_fail (CE_IS_IMPORTER (self), FALSE);

  g_mutex_lock (&self->progress_lock);
  waiting = self->waiting;
  g_mutex_unlock (&self->progress_lock);

  return waiting;
}

static void
forward_cancel_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/* Once a file's documents are stored, the splits and merges made by
 * hand to an earlier import of the same file are made again. */
static void
apply_corrections (CeCorpus        *corpus,
                   gint64           source_id,
                   const char      *checksum,
                   CeImportReport  *report,
                   GError         **error)
{
  int delta = 0;

  if (source_id > 0 && ce_corrections_apply (corpus, source_id, checksum, &delta, error))
    report->documents_added = (guint)MAX (0, (int)report->documents_added + delta);
}

/* A new corpus gets its tokenizer before its first documents are stored:
 * the first items are held back while their text is sampled. */
typedef struct
{
  gboolean        deciding;
  CeTokenizer     wanted;     /* CE_TOKENIZER_AUTO: from the sample */
  CeDiacritics    diacritics;
  CeScriptSample  sample;
  gsize           sampled;    /* bytes of text */
  GQueue          held;
} Choice;

static gboolean
prepare_choice (CeCorpus               *corpus,
                const CeImportOptions  *options,
                Choice                 *choice,
                GError                **error)
{
  CeTokenizer current = ce_corpus_get_tokenizer (corpus);

  g_queue_init (&choice->held);
  choice->wanted = options->tokenizer;
  choice->diacritics = options->diacritics;
  choice->deciding = ce_corpus_count_documents (corpus) == 0;

  if (!choice->deciding && options->tokenizer != CE_TOKENIZER_AUTO &&
      options->tokenizer != current)
    {
      g_autofree char *name = ce_corpus_dup_name (corpus);

      g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_TOKENIZER_FIXED,
                   _("The corpus “%s” uses the “%s” tokenizer, not “%s”: a corpus keeps "
                     "the tokenizer it was created with; import into a new corpus instead"),
                   name, ce_tokenizer_to_string (current),
                   ce_tokenizer_to_string (options->tokenizer));
      return FALSE;
    }

  if (!choice->deciding && options->diacritics != CE_DIACRITICS_AUTO &&
      options->diacritics != ce_corpus_get_diacritics (corpus))
    {
      g_autofree char *name = ce_corpus_dup_name (corpus);

      g_set_error (error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_TOKENIZER_FIXED,
                   options->diacritics == CE_DIACRITICS_KEEP
                   ? _("The corpus “%s” removes accents from the words it indexes: a corpus "
                       "keeps the tokenizer it was created with; import into a new corpus instead")
                   : _("The corpus “%s” keeps the accents of the words it indexes: a corpus "
                       "keeps the tokenizer it was created with; import into a new corpus instead"),
                   name);
      return FALSE;
    }

  return TRUE;
}

/* The next item to store: the held ones first, once the tokenizer is
 * chosen */
static Item *
next_item (Job       *job,
           Choice    *choice,
           CeCorpus  *corpus,
           GError   **error)
{
  while (choice->deciding)
    {
      Item *item = queue_pop (&job->queue);
      gboolean end = item->kind == ITEM_END;

      if (item->kind == ITEM_DRAFT)
        {
          ce_script_sample_add (&choice->sample, item->draft->title, -1);
          ce_script_sample_add (&choice->sample, item->draft->body, -1);
          ce_script_sample_end_document (&choice->sample);
          choice->sampled += strlen (item->draft->body);
        }
      g_queue_push_tail (&choice->held, item);

      if (end || choice->sample.documents >= SAMPLE_DOCUMENTS || choice->sampled >= SAMPLE_BYTES)
        {
          CeTokenizer tokenizer = choice->wanted;

          choice->deciding = FALSE;
          if (tokenizer == CE_TOKENIZER_AUTO)
            tokenizer = ce_script_sample_choose (&choice->sample);

          if (*error == NULL &&
              !ce_corpus_set_tokenizer_full (corpus, tokenizer, choice->diacritics, error))
            {
              g_cancellable_cancel (job->cancellable);
              queue_abort (&job->queue);
            }
        }
    }

  if (!g_queue_is_empty (&choice->held))
    return g_queue_pop_head (&choice->held);

  return queue_pop (&job->queue);
}

/* "PATH:LINE: “TITLE” is a copy of #ID “TITLE”", for the report */
static void
report_copy (CeCorpus        *corpus,
             CeImportReport  *report,
             const char      *path,
             const CeDraft   *draft,
             gint64           copy_of)
{
  g_autoptr(CeDocument) kept = ce_corpus_get_document (corpus, copy_of, NULL);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, copy_of);
  g_autofree char *where = NULL;

  if (draft->line > 0)
    where = g_strdup_printf ("%s:%u", path, draft->line);
  else
    where = g_strdup (path);

  g_ptr_array_add (report->copies_of,
                   /* Translators: in the import report; the first %s is a
                    * file and line, then the title of the copy left out,
                    * the number and the title of the document kept */
                   g_strdup_printf (_("%s: “%s” is a copy of #%s “%s”"),
                                    where, draft->title != NULL ? draft->title : "", id,
                                    kept != NULL ? ce_document_get_title (kept) : ""));
}

static gboolean
notify_waiting_cb (gpointer data)
{
  g_autoptr(CeImporter) self = g_weak_ref_get (data);

  if (self != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING]);

  return G_SOURCE_REMOVE;
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
set_waiting (CeImporter *self,
             gboolean    waiting)
{
  g_autoptr(GSource) source = NULL;
  gboolean changed;
  GWeakRef *ref;

  g_mutex_lock (&self->progress_lock);
  changed = self->waiting != waiting;
  self->waiting = waiting;
  g_mutex_unlock (&self->progress_lock);

  if (!changed)
    return;

  /* Always through the importer's main context, never from this thread:
   * a handler may touch widgets.  A weak reference: a context that never
   * runs again (a command that imports and exits) keeps no importer. */
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, notify_waiting_cb, ref, weak_ref_free);
  g_source_set_static_name (source, "[ce] importer waiting");
  g_source_attach (source, self->context);
}

/* Starts the transaction of the import, waiting while another import
 * writes into the same corpus */
static gboolean
begin_waiting (CeImporter    *self,
               CeCorpus      *corpus,
               GCancellable  *cancellable,
               GError       **error)
{
  gboolean announced = FALSE;

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;

      if (ce_corpus_try_begin (corpus, &local_error))
        {
          set_waiting (self, FALSE);
          return TRUE;
        }

      if (!g_error_matches (local_error, CE_CORPUS_ERROR, CE_CORPUS_ERROR_BUSY))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (!announced)
        {
          g_autofree char *message =
            g_strdup_printf (_("Another import is running into “%s”; waiting for it to finish"),
                             self->corpus_path);

          g_signal_emit (self, signals[WAITING], 0, message);
          announced = TRUE;
        }

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          set_waiting (self, FALSE);
          return FALSE;
        }
      set_waiting (self, TRUE);
      g_usleep (WAIT_STEP_US);
    }
}

/**
 * ce_importer_run:
 * @cancellable: (nullable): cancels the import; the corpus is then left
 *   exactly as it was
 *
 * Imports every path into the corpus in one transaction, reading in one
 * thread while this one stores.  Files that cannot be read are listed
 * in the report; the import fails only when the corpus cannot be
 * written, or when it is cancelled.
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
CeImportReport *
ce_importer_run (CeImporter    *self,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(CeCorpus) corpus = NULL;

  g_return_val_if_fail (CE_IS_IMPORTER (self), NULL);

  corpus = ce_corpus_open (self->corpus_path, CE_CORPUS_OPEN_CREATE, error);
  if (corpus == NULL)
    return NULL;

  return ce_importer_run_into (self, corpus, cancellable, error);
}

/**
 * ce_importer_run_into:
 * @corpus: a writable connection to the importer's corpus, used only by
 *   the calling thread while this runs
 * @cancellable: (nullable): cancels the import; the corpus is then left
 *   exactly as it was
 *
 * Like ce_importer_run(), through a connection the caller already has
 * (the session's writer).
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
CeImportReport *
ce_importer_run_into (CeImporter    *self,
                      CeCorpus      *corpus,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(CeImportReport) report = ce_import_report_new ();
  g_autoptr(GCancellable) own_cancellable = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *source_checksum = NULL;
  g_autofree char *source_path = NULL;
  GThread *thread;
  gint64 last_before = 0;
  gint64 source_id = 0;
  guint64 total = 0;
  gulong cancelled_id = 0;
  Job job = { 0 };
  Choice choice = { 0 };
  Item *item;

  g_return_val_if_fail (CE_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (CE_IS_CORPUS (corpus), NULL);

  files = g_ptr_array_new_with_free_func ((GDestroyNotify)ce_walk_file_free);
  if (!ce_walk_collect ((const char **)self->paths->pdata, self->paths->len, files,
                        report->skipped, cancellable, error))
    return NULL;

  for (guint i = 0; i < files->len; i++)
    total += ((CeWalkFile *)g_ptr_array_index (files, i))->size;

  g_mutex_lock (&self->progress_lock);
  self->bytes_total = total;
  self->bytes_done = 0;
  self->documents = 0;
  g_mutex_unlock (&self->progress_lock);

  if (!begin_waiting (self, corpus, cancellable, error))
    return NULL;

  /* Adding to a damaged file could only damage it further */
  if (!ce_corpus_check_integrity (corpus, error) ||
      !prepare_choice (corpus, &self->options, &choice, error))
    {
      ce_corpus_rollback (corpus);
      return NULL;
    }

  /* A new threshold groups what is stored again, in this transaction */
  if (self->options.duplicate_threshold > 0 &&
      !ce_corpus_set_duplicate_threshold (corpus, self->options.duplicate_threshold, error))
    {
      ce_corpus_rollback (corpus);
      return NULL;
    }
  last_before = ce_corpus_get_last_document_id (corpus);

  /* A cancellable of our own stops the reader when storing fails */
  own_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (forward_cancel_cb),
                                          g_object_ref (own_cancellable), g_object_unref);
  ce_corpus_set_cancellable (corpus, own_cancellable);

  job.self = self;
  job.files = files;
  job.cancellable = own_cancellable;
  job.report = report;
  g_mutex_init (&job.queue.lock);
  g_cond_init (&job.queue.cond);
  g_queue_init (&job.queue.items);

  thread = g_thread_new ("ce-import-reader", parse_thread, &job);

  while ((item = next_item (&job, &choice, corpus, &local_error))->kind != ITEM_END)
    {
      if (local_error != NULL)
        {
          item_free (item);
          continue;
        }

      if (item->kind == ITEM_SOURCE)
        {
          apply_corrections (corpus, source_id, source_checksum, report, &local_error);
          g_free (source_checksum);
          source_checksum = g_strdup (item->checksum);
          g_free (source_path);
          source_path = g_strdup (item->path);
          if (local_error == NULL)
            source_id = ce_corpus_add_source (corpus, item->path, ce_format_to_string (item->format),
                                              item->size, item->checksum, &local_error);
        }
      else
        {
          CeCorpusAddFlags flags = self->options.keep_duplicates ? CE_CORPUS_ADD_DEFAULT
                                                                 : CE_CORPUS_ADD_SKIP_COPIES;
          gint64 copy_of = 0;

          switch (ce_corpus_add_draft_full (corpus, source_id, item->draft, flags,
                                            &copy_of, &local_error))
            {
            case CE_CORPUS_ADDED:
              report->documents_added++;
              set_progress (self, G_MAXUINT64, 1);
              break;

            case CE_CORPUS_DUPLICATE:
              report->duplicates++;
              break;

            case CE_CORPUS_COPY:
              report->copies++;
              report_copy (corpus, report, source_path, item->draft, copy_of);
              break;

            case CE_CORPUS_FAILED:
            default:
              break;
            }
        }

      if (local_error != NULL)
        {
          g_cancellable_cancel (own_cancellable);
          queue_abort (&job.queue);
        }

      item_free (item);
    }
  item_free (item);

  if (local_error == NULL && !g_cancellable_is_cancelled (own_cancellable))
    apply_corrections (corpus, source_id, source_checksum, report, &local_error);

  g_thread_join (thread);
  g_cancellable_disconnect (cancellable, cancelled_id);
  g_queue_clear_full (&job.queue.items, (GDestroyNotify)item_free);
  g_queue_clear_full (&choice.held, (GDestroyNotify)item_free);
  g_mutex_clear (&job.queue.lock);
  g_cond_clear (&job.queue.cond);

  if (local_error == NULL && g_cancellable_is_cancelled (own_cancellable))
    g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                         _("The import was cancelled; the corpus was not changed"));

  if (local_error != NULL)
    {
      ce_corpus_rollback (corpus);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  report->grouped = ce_corpus_count_grouped_after (corpus, last_before);

  ce_corpus_set_cancellable (corpus, NULL);
  if (!ce_corpus_commit (corpus, error))
    return NULL;

  /* The .corpus file alone holds everything once the import says so */
  if (!ce_corpus_checkpoint (corpus, error))
    return NULL;

  set_progress (self, total, 0);
  report->tokenizer = ce_corpus_get_tokenizer (corpus);

  return g_steal_pointer (&report);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CeImporter *self = source_object;
  CeImportReport *report;
  GError *error = NULL;

  report = ce_importer_run (self, cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify)ce_import_report_free);
}

void
ce_importer_run_async (CeImporter          *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CE_IS_IMPORTER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ce_importer_run_async);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, run_in_thread);
}

CeImportReport *
ce_importer_run_finish (CeImporter    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (CE_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  GPtrArray    *drafts;
  guint         max;
  guint         total;
  gboolean      count_all;
  GCancellable *cancellable;
} Preview;

static gboolean
collect_preview (CeReadContext *ctx,
                 CeDraft       *draft,
                 gpointer       user_data)
{
  Preview *preview = user_data;

  ce_draft_take_dateline (draft);
  preview->total++;
  if (preview->drafts->len < preview->max)
    g_ptr_array_add (preview->drafts, draft);
  else
    ce_draft_free (draft);

  if (g_cancellable_is_cancelled (preview->cancellable))
    return FALSE;

  return preview->count_all || preview->drafts->len < preview->max;
}

/**
 * ce_importer_preview:
 * @path: one file
 * @max_documents: how many documents to return
 * @total_documents: (out) (optional): when given, the whole file is read
 *   and this is set to the number of documents in it
 * @detected: (out) (optional): the format used
 *
 * Reads the first documents of a file as the import would, storing
 * nothing.
 *
 * Returns: (transfer full) (element-type CeDraft): the documents
 */
GPtrArray *
ce_importer_preview (const char             *path,
                     const CeImportOptions  *options,
                     guint                   max_documents,
                     guint                  *total_documents,
                     CeFormat               *detected,
                     GCancellable           *cancellable,
                     GError                **error)
{
  static const CeImportOptions defaults = { 0 };
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func ((GDestroyNotify)ce_draft_free);
  g_autofree char *skip_reason = NULL;
  g_autofree char *checksum = NULL;
  CeReadContext ctx = { 0 };
  CeFormat format = CE_FORMAT_UNKNOWN;
  Preview preview = { drafts, MAX (max_documents, 1), 0, total_documents != NULL, cancellable };
  guint64 size = 0;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);

  if (options == NULL)
    options = &defaults;

  stream = open_file (path, options, &format, &checksum, &size, &skip_reason);
  if (detected != NULL)
    *detected = format;
  if (stream == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", path, skip_reason);
      return NULL;
    }

  ctx.path = path;
  ctx.options = options;
  ctx.cancellable = cancellable;
  ctx.emit = collect_preview;
  ctx.emit_data = &preview;

  ok = run_reader (format, &ctx, stream, error);
  g_clear_pointer (&ctx.warnings, g_ptr_array_unref);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (total_documents != NULL)
    *total_documents = preview.total;

  if (!ok && drafts->len == 0)
    return NULL;

  g_clear_error (error);
  return g_steal_pointer (&drafts);
}
