/* ce-importer-read.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-importer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-importer-private.h"
#include "ce-segmenter.h"
#include "ce-walk.h"

/* Opening files, telling their format, and the thread that reads them
 * into drafts for the storing thread; previews read the same way. */

/* How much of a file is read to detect its format and to fingerprint it */
#define HEAD_SIZE (64 * 1024)

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

static gboolean
emit_to_queue (CeReadContext *ctx,
               CeDraft       *draft,
               gpointer       user_data)
{
  CeImportJob *job = user_data;
  CeImportItem *item;
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
    _ce_importer_set_progress (job->self, job->file_base + g_seekable_tell (G_SEEKABLE (job->stream)), 0);

  item = g_new0 (CeImportItem, 1);
  item->kind = ITEM_DRAFT;
  item->draft = draft;
  item->bytes = bytes;

  return _ce_import_queue_push (&job->queue, item);
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

gpointer
_ce_importer_read_thread (gpointer data)
{
  CeImportJob *job = data;
  CeImporter *self = job->self;
  CeImportItem *item;

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
          _ce_importer_set_progress (self, job->file_base, 0);
          continue;
        }

      item = g_new0 (CeImportItem, 1);
      item->kind = ITEM_SOURCE;
      item->path = g_strdup (entry->path);
      item->format = format;
      item->size = size;
      item->checksum = g_steal_pointer (&checksum);
      if (!_ce_import_queue_push (&job->queue, item))
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
      _ce_importer_set_progress (self, job->file_base, 0);
    }

  item = g_new0 (CeImportItem, 1);
  item->kind = ITEM_END;
  _ce_import_queue_push (&job->queue, item);

  return NULL;
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
