/* ce-read-email.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-read-email"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmime/gmime.h>
#include <string.h>

#include "ce-date.h"
#include "ce-decode.h"
#include "ce-fields.h"
#include "ce-mail-body.h"
#include "ce-reader.h"

typedef struct
{
  CeReadContext *ctx;
  const char    *data;        /* the whole file */
  gsize          len;
  gboolean       mbox;

  /* Line counting from one message start to the next */
  gsize          counted_to;
  guint          line_at;
} EmailRead;

static gpointer
init_gmime_once (gpointer data)
{
  g_mime_init ();
  return NULL;
}

static void
ensure_gmime (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_gmime_once, NULL);
}

/* The 1-based line of byte @offset; offsets only grow */
static guint
line_at_offset (EmailRead *read,
                gsize      offset)
{
  offset = MIN (offset, read->len);

  while (read->counted_to < offset)
    {
      const char *newline = memchr (read->data + read->counted_to, '\n', offset - read->counted_to);

      if (newline == NULL)
        {
          read->counted_to = offset;
          break;
        }
      read->line_at++;
      read->counted_to = newline - read->data + 1;
    }

  return read->line_at;
}

static char *
valid_line (const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  return ce_fields_clean_line (valid);
}

static GByteArray *
stream_contents (GMimeStream *stream)
{
  GMimeStream *mem = g_mime_stream_mem_new ();
  GByteArray *array;

  g_mime_stream_reset (stream);
  g_mime_stream_write_to_stream (stream, mem);
  g_mime_stream_reset (stream);

  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (mem), FALSE);
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (mem));
  g_object_unref (mem);

  return array;
}

/* GMime skips what is not base64 without a word: check first */
static gboolean
base64_is_valid (const guint8 *data,
                 gsize         len)
{
  gsize n = 0;
  gboolean padding = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      guint8 c = data[i];

      if (g_ascii_isspace (c))
        continue;
      if (c == '=')
        padding = TRUE;
      else if (padding || !(g_ascii_isalnum (c) || c == '+' || c == '/'))
        return FALSE;
      n++;
    }

  return n % 4 == 0;
}

/* mboxrd quoting: ">From " in a body was "From " */
static void
unquote_from_lines (char *text)
{
  char *p = text;

  while (p != NULL && *p != '\0')
    {
      char *q = p;

      while (*q == '>')
        q++;
      if (q > p && strncmp (q, "From ", 5) == 0)
        memmove (p, p + 1, strlen (p + 1) + 1);
      p = strchr (p, '\n');
      if (p != NULL)
        p++;
    }
}

/* The text part to read: the first plain text part that is not an
 * attachment, else the first such HTML part */
static void
find_text_parts (GMimeObject  *object,
                 GMimePart   **plain,
                 GMimePart   **html,
                 CeDraft      *draft,
                 guint         depth)
{
  if (depth > 32)
    return;

  if (GMIME_IS_MULTIPART (object))
    {
      GMimeMultipart *multipart = GMIME_MULTIPART (object);
      int n = g_mime_multipart_get_count (multipart);

      for (int i = 0; i < n; i++)
        find_text_parts (g_mime_multipart_get_part (multipart, i), plain, html, draft, depth + 1);
    }
  else if (GMIME_IS_PART (object))
    {
      GMimePart *part = GMIME_PART (object);
      GMimeContentType *type = g_mime_object_get_content_type (object);

      if (g_mime_part_is_attachment (part))
        {
          g_autofree char *name = valid_line (g_mime_part_get_filename (part));

          ce_draft_add_meta (draft, "attachment", name != NULL ? name : "(unnamed)");
        }
      else if (type != NULL && g_mime_content_type_is_type (type, "text", "plain"))
        {
          if (*plain == NULL)
            *plain = part;
        }
      else if (type != NULL && g_mime_content_type_is_type (type, "text", "html"))
        {
          if (*html == NULL)
            *html = part;
        }
      else if (type != NULL && g_mime_content_type_is_type (type, "text", "*") && *plain == NULL)
        *plain = part;
    }
}

static char *
part_text (EmailRead  *read,
           GMimePart  *part,
           gboolean    is_html,
           guint       line)
{
  GMimeObject *object = GMIME_OBJECT (part);
  GMimeDataWrapper *content = g_mime_part_get_content (part);
  const char *charset = g_mime_object_get_content_type_parameter (object, "charset");
  GMimeStream *decoded;
  g_autofree char *text = NULL;
  GByteArray *array;
  const char *data;
  guint repairs = 0;

  if (content == NULL)
    return NULL;

  if (g_mime_part_get_content_encoding (part) == GMIME_CONTENT_ENCODING_BASE64)
    {
      GMimeStream *raw = g_mime_data_wrapper_get_stream (content);
      GByteArray *raw_bytes = raw != NULL ? stream_contents (raw) : NULL;

      if (raw_bytes != NULL && !base64_is_valid (raw_bytes->data, raw_bytes->len))
        ce_read_context_warn (read->ctx, line,
                              _("invalid base64 in the message text; kept what could be decoded"));
      if (raw_bytes != NULL)
        g_byte_array_unref (raw_bytes);
    }

  decoded = g_mime_stream_mem_new ();
  g_mime_data_wrapper_write_to_stream (content, decoded);
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (decoded));
  /* An empty part has no data at all: hand the decoders an empty string */
  data = array->len > 0 ? (const char *)array->data : "";

  if (is_html)
    {
      g_autoptr(CeDraft) html = ce_decode_html (data, array->len, charset, &repairs);

      text = g_steal_pointer (&html->body);
    }
  else
    {
      const char *format = g_mime_object_get_content_type_parameter (object, "format");
      const char *delsp = g_mime_object_get_content_type_parameter (object, "delsp");
      g_autofree char *raw_text = ce_decode_bytes (data, array->len,
                                                   charset, &repairs);

      if (read->mbox)
        unquote_from_lines (raw_text);
      /* Quotes, attributions and the signature kept apart (and the soft
       * line breaks of format=flowed joined) */
      text = ce_mail_body_structure (raw_text,
                                     format != NULL && g_ascii_strcasecmp (format, "flowed") == 0,
                                     delsp != NULL && g_ascii_strcasecmp (delsp, "yes") == 0);
    }

  g_object_unref (decoded);

  if (repairs > 0)
    {
      read->ctx->repairs += repairs;
      ce_read_context_warn (read->ctx, line,
                            _("%u bytes of the message text not valid in its charset (%s) replaced"),
                            repairs, charset != NULL ? charset : "none given");
    }

  return g_steal_pointer (&text);
}

static void
add_address_meta (CeDraft             *draft,
                  const char          *key,
                  InternetAddressList *list)
{
  g_autofree char *text = NULL;
  g_autofree char *clean = NULL;

  if (list == NULL || internet_address_list_length (list) == 0)
    return;

  text = internet_address_list_to_string (list, NULL, FALSE);
  clean = valid_line (text);
  ce_draft_add_meta (draft, key, clean);
}

static void
add_header_meta (CeDraft      *draft,
                 GMimeMessage *message,
                 const char   *key,
                 const char   *header)
{
  g_autofree char *value = valid_line (g_mime_object_get_header (GMIME_OBJECT (message), header));

  ce_draft_add_meta (draft, key, value);
}

/* The thread a message belongs to: the first message of its References
 * (the thread's root, RFC 5322 3.6.4), else the one it replies to, else
 * itself.  Replies that carry References share their root's id. */
static void
add_thread_meta (CeDraft      *draft,
                 GMimeMessage *message)
{
  static const char * const headers[] = { "References", "In-Reply-To" };
  g_autofree char *thread = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (headers) && thread == NULL; i++)
    {
      const char *value = g_mime_object_get_header (GMIME_OBJECT (message), headers[i]);
      GMimeReferences *refs = value != NULL ? g_mime_references_parse (NULL, value) : NULL;

      if (refs != NULL && g_mime_references_length (refs) > 0)
        thread = valid_line (g_mime_references_get_message_id (refs, 0));
      g_clear_pointer (&refs, g_mime_references_free);
    }

  if (thread == NULL)
    thread = valid_line (g_mime_message_get_message_id (message));
  if (thread != NULL && *thread != '\0')
    ce_draft_add_meta (draft, "thread", thread);
}

/* Returns FALSE when asked to stop */
static gboolean
read_message (EmailRead    *read,
              GMimeMessage *message,
              guint         line,
              gint64        offset)
{
  CeReadContext *ctx = read->ctx;
  g_autoptr(CeDraft) draft = ce_draft_new ();
  InternetAddressList *from;
  GDateTime *date;
  GMimeObject *body;
  GMimePart *plain = NULL;
  GMimePart *html = NULL;

  draft->line = line;
  draft->offset = offset > 0 ? (guint64)offset : 0;
  draft->title = valid_line (g_mime_message_get_subject (message));

  from = g_mime_message_get_from (message);
  if (from != NULL && internet_address_list_length (from) > 0)
    {
      InternetAddress *address = internet_address_list_get_address (from, 0);

      draft->author = valid_line (internet_address_get_name (address));
      if (draft->author == NULL && INTERNET_ADDRESS_IS_MAILBOX (address))
        draft->author = valid_line (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address)));
      add_address_meta (draft, "from", from);
    }

  date = g_mime_message_get_date (message);
  if (date != NULL)
    draft->date = g_date_time_format (date, "%Y-%m-%d");
  else
    draft->date = ce_date_parse (g_mime_object_get_header (GMIME_OBJECT (message), "Date"));

  add_address_meta (draft, "to", g_mime_message_get_addresses (message, GMIME_ADDRESS_TYPE_TO));
  add_address_meta (draft, "cc", g_mime_message_get_addresses (message, GMIME_ADDRESS_TYPE_CC));
  add_header_meta (draft, message, "message-id", "Message-ID");
  add_header_meta (draft, message, "in-reply-to", "In-Reply-To");
  add_thread_meta (draft, message);
  add_header_meta (draft, message, "list-id", "List-Id");
  add_header_meta (draft, message, "newsgroups", "Newsgroups");
  add_header_meta (draft, message, "keywords", "Keywords");

  body = g_mime_message_get_mime_part (message);
  if (body != NULL)
    find_text_parts (body, &plain, &html, draft, 0);

  if (plain != NULL)
    draft->body = part_text (read, plain, FALSE, line);
  if ((draft->body == NULL || *draft->body == '\0') && html != NULL)
    {
      g_free (draft->body);
      draft->body = part_text (read, html, TRUE, line);
    }

  if (draft->body == NULL || *draft->body == '\0')
    {
      ce_read_context_warn (ctx, line, _("message \"%s\" has no text; skipped"),
                            draft->title != NULL ? draft->title : "(no subject)");
      return TRUE;
    }

  return ctx->emit (ctx, g_steal_pointer (&draft), ctx->emit_data);
}

gboolean
ce_read_email (CeReadContext  *ctx,
               GInputStream   *stream,
               GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  GMimeStream *mime_stream;
  GMimeParser *parser;
  GMimeParserOptions *options;
  EmailRead read = { 0 };
  const char *fallback_charsets[] = { "UTF-8", "windows-1252", NULL };
  const char *p;
  guint n_messages = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (ctx != NULL, FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);

  ensure_gmime ();

  bytes = ce_decode_read_all (stream, ctx->cancellable, error);
  if (bytes == NULL)
    return FALSE;

  read.ctx = ctx;
  read.data = g_bytes_get_data (bytes, &read.len);
  read.line_at = 1;

  for (p = read.data; p < read.data + read.len && (*p == '\n' || *p == '\r'); p++)
    ;
  read.mbox = (gsize)(read.data + read.len - p) >= 5 && strncmp (p, "From ", 5) == 0;

  mime_stream = g_mime_stream_mem_new_with_buffer (read.data, read.len);
  parser = g_mime_parser_new_with_stream (mime_stream);
  g_mime_parser_set_format (parser, read.mbox ? GMIME_FORMAT_MBOX : GMIME_FORMAT_MESSAGE);

  options = g_mime_parser_options_new ();
  g_mime_parser_options_set_fallback_charsets (options, fallback_charsets);

  while (!g_mime_parser_eos (parser))
    {
      GMimeMessage *message;
      gboolean go_on;
      gint64 offset;
      guint line;

      if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
        {
          ok = FALSE;
          break;
        }

      message = g_mime_parser_construct_message (parser, options);
      if (message == NULL)
        {
          if (n_messages == 0)
            ce_read_context_warn (ctx, 0, _("no mail message in the file"));
          break;
        }
      n_messages++;

      offset = read.mbox ? g_mime_parser_get_mbox_marker_offset (parser) : 0;
      line = offset >= 0 ? line_at_offset (&read, offset) : 0;

      go_on = read_message (&read, message, line, offset);
      g_object_unref (message);
      if (!go_on)
        {
          ok = !g_cancellable_set_error_if_cancelled (ctx->cancellable, error);
          break;
        }

      if (!read.mbox)
        break;
    }

  g_mime_parser_options_free (options);
  g_object_unref (parser);
  g_object_unref (mime_stream);
  return ok;
}
