/* ce-read-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ce-read-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ce-fields.h"
#include "ce-line-reader.h"
#include "ce-reader.h"

/* A quoted field longer than this many lines is taken for an unbalanced
 * quote: it bounds what one bad quote can hold in memory */
#define MAX_RECORD_LINES 10000

/* Problems of one kind are reported one by one up to this many */
#define MAX_WARNINGS_PER_KIND 5

typedef enum
{
  PARSE_DONE,        /* the record ends with this line */
  PARSE_NEED_MORE,   /* inside a quoted field at the end of the line */
  PARSE_BAD_QUOTE,   /* a quote inside a quoted field that is not doubled */
} ParseStatus;

typedef enum
{
  WARN_FIELD_COUNT,
  WARN_NO_TEXT,
  N_WARN_KINDS
} WarnKind;

/* A line kept for reading again after an unbalanced quote */
typedef struct
{
  char    *text;
  gsize    len;
  guint    line;
  guint64  offset;
} HeldLine;

typedef struct
{
  CeReadContext *ctx;
  CeLineReader  *reader;
  char           delimiter;

  GQueue         replay;      /* HeldLine, read before the line reader */
  HeldLine      *replayed;    /* the held line last returned */

  /* The record being parsed; GStrings reused from record to record */
  GPtrArray     *fields;
  guint          n_fields;
  gboolean       in_quotes;

  GPtrArray     *header;
  guint          warnings[N_WARN_KINDS];
} CsvRead;

static void
held_line_free (HeldLine *held)
{
  g_free (held->text);
  g_free (held);
}

static void
free_gstring (GString *string)
{
  g_string_free (string, TRUE);
}

static HeldLine *
held_line_new (const char *text,
               gsize       len,
               guint       line,
               guint64     offset)
{
  HeldLine *held = g_new (HeldLine, 1);

  held->text = g_strndup (text, len);
  held->len = len;
  held->line = line;
  held->offset = offset;

  return held;
}

static const char *
next_line (CsvRead  *read,
           gsize    *len,
           guint    *line,
           guint64  *offset,
           GError  **error)
{
  const char *text;

  g_clear_pointer (&read->replayed, held_line_free);

  if (!g_queue_is_empty (&read->replay))
    {
      read->replayed = g_queue_pop_head (&read->replay);
      *len = read->replayed->len;
      *line = read->replayed->line;
      *offset = read->replayed->offset;
      return read->replayed->text;
    }

  text = ce_line_reader_next (read->reader, len, error);
  *line = ce_line_reader_get_line_number (read->reader);
  *offset = ce_line_reader_get_offset (read->reader);

  return text;
}

static void
warn_limited (CsvRead    *read,
              WarnKind    kind,
              guint       line,
              const char *message)
{
  if (read->warnings[kind]++ < MAX_WARNINGS_PER_KIND)
    ce_read_context_warn (read->ctx, line, "%s", message);
}

static GString *
current_field (CsvRead *read)
{
  if (read->n_fields == read->fields->len)
    g_ptr_array_add (read->fields, g_string_new (NULL));
  return read->fields->pdata[read->n_fields];
}

static void
start_record (CsvRead *read)
{
  read->n_fields = 0;
  read->in_quotes = FALSE;
  g_string_truncate (current_field (read), 0);
}

static void
end_field (CsvRead *read)
{
  read->n_fields++;
  g_string_truncate (current_field (read), 0);
}

static gboolean
only_blanks (const GString *s)
{
  for (gsize i = 0; i < s->len; i++)
    if (s->str[i] != ' ' && s->str[i] != '\t')
      return FALSE;
  return TRUE;
}

/* Parses one physical line of a record, RFC 4180 style.  Strictly, a
 * quote inside a quoted field is either doubled or closes the field (then
 * only blanks may come before the delimiter); else PARSE_BAD_QUOTE.
 * Leniently, such a quote is kept as a character and a quoted field still
 * open at the end of the line ends there: the reading of a line that
 * cannot be trusted to hold a whole record. */
static ParseStatus
parse_line (CsvRead    *read,
            const char *line,
            gsize       len,
            gboolean    lenient)
{
  char delimiter = read->delimiter;
  GString *field = current_field (read);
  gsize i = 0;

  while (i < len)
    {
      char c = line[i];

      if (read->in_quotes)
        {
          gsize j;

          if (c != '"')
            {
              /* Copy up to the next quote in one go */
              const char *quote = memchr (line + i, '"', len - i);
              gsize stop = quote != NULL ? (gsize)(quote - line) : len;

              g_string_append_len (field, line + i, stop - i);
              i = stop;
              continue;
            }

          if (i + 1 < len && line[i + 1] == '"')
            {
              g_string_append_c (field, '"');
              i += 2;
              continue;
            }

          for (j = i + 1; j < len && (line[j] == ' ' || line[j] == '\t') && line[j] != delimiter; j++)
            ;
          if (j == len)
            {
              read->in_quotes = FALSE;
              i = len;
            }
          else if (line[j] == delimiter)
            {
              read->in_quotes = FALSE;
              end_field (read);
              field = current_field (read);
              i = j + 1;
            }
          else if (lenient)
            {
              g_string_append_c (field, '"');
              i++;
            }
          else
            return PARSE_BAD_QUOTE;
        }
      else if (c == delimiter)
        {
          end_field (read);
          field = current_field (read);
          i++;
        }
      else if (c == '"' && only_blanks (field))
        {
          g_string_truncate (field, 0);
          read->in_quotes = TRUE;
          i++;
        }
      else
        {
          g_string_append_c (field, c);
          i++;
        }
    }

  if (read->in_quotes && !lenient)
    {
      g_string_append_c (field, '\n');
      return PARSE_NEED_MORE;
    }

  read->in_quotes = FALSE;
  end_field (read);
  return PARSE_DONE;
}

static gboolean
is_blank (const char *line,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (line[i]))
      return FALSE;
  return TRUE;
}

/* The delimiter the header line uses most, outside quotes */
static char
sniff_delimiter (const char *line,
                 gsize       len,
                 const char *path)
{
  guint commas = 0, tabs = 0, semicolons = 0;
  gboolean in_quotes = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (line[i] == '"')
        in_quotes = !in_quotes;
      else if (in_quotes)
        continue;
      else if (line[i] == ',')
        commas++;
      else if (line[i] == '\t')
        tabs++;
      else if (line[i] == ';')
        semicolons++;
    }

  if (tabs > commas && tabs >= semicolons)
    return '\t';
  if (semicolons > commas && semicolons > tabs)
    return ';';
  if (commas == 0 && tabs == 0 && path != NULL && g_str_has_suffix (path, ".tsv"))
    return '\t';
  return ',';
}

/* Reads one record starting with @line into read->fields.  After an
 * unbalanced quote, the record is this line alone, read leniently, and
 * the lines read past it wait in read->replay.  FALSE on a read error. */
static gboolean
read_record (CsvRead     *read,
             const char  *line,
             gsize        len,
             guint        line_number,
             GError     **error)
{
  g_autoptr(GString) first = NULL;
  g_autoptr(GPtrArray) held = NULL;
  ParseStatus status;
  guint last_line = line_number;
  gboolean hit_end = FALSE;

  start_record (read);
  status = parse_line (read, line, len, FALSE);

  if (status == PARSE_NEED_MORE)
    {
      /* The line reader reuses its buffer: keep the lines of a record
       * that spans several, in case it must be read again */
      first = g_string_new_len (line, len);
      held = g_ptr_array_new_with_free_func ((GDestroyNotify)held_line_free);

      while (status == PARSE_NEED_MORE)
        {
          g_autoptr(GError) local_error = NULL;
          const char *more;
          gsize more_len;
          guint more_line;
          guint64 more_offset;

          if (held->len >= MAX_RECORD_LINES)
            {
              status = PARSE_BAD_QUOTE;
              break;
            }

          more = next_line (read, &more_len, &more_line, &more_offset, &local_error);
          if (more == NULL)
            {
              if (local_error != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
              hit_end = TRUE;
              status = PARSE_BAD_QUOTE;
              break;
            }

          g_ptr_array_add (held, held_line_new (more, more_len, more_line, more_offset));
          last_line = more_line;
          status = parse_line (read, more, more_len, FALSE);
        }
    }

  if (status != PARSE_BAD_QUOTE)
    return TRUE;

  /* @line may have been a replayed line, freed by next_line () since:
   * from here on only the copy in @first is read */
  if (first != NULL)
    {
      if (hit_end)
        ce_read_context_warn (read->ctx, line_number,
                              _("unbalanced quote: the quoted field opened on this line is "
                                "not closed before the end of the file; read this line as a "
                                "record of its own and went on with the next"));
      else
        ce_read_context_warn (read->ctx, line_number,
                              _("unbalanced quote: the quoted field opened on this line runs "
                                "into line %u without closing properly; read this line as a "
                                "record of its own and went on with the next"), last_line);

      for (guint i = held->len; i > 0; i--)
        g_queue_push_head (&read->replay, g_ptr_array_steal_index (held, i - 1));
      line = first->str;
      len = first->len;
    }

  start_record (read);
  parse_line (read, line, len, TRUE);
  return TRUE;
}

static void
read_header (CsvRead *read)
{
  read->header = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < read->n_fields; i++)
    {
      GString *field = read->fields->pdata[i];
      g_autofree char *name = g_strstrip (g_strndup (field->str, field->len));

      if (*name == '\0')
        g_ptr_array_add (read->header, g_strdup_printf ("column %u", i + 1));
      else
        g_ptr_array_add (read->header, g_steal_pointer (&name));
    }
}

static char *
describe_header (GPtrArray *header)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < header->len; i++)
    g_string_append_printf (names, "%s\"%s\"", i > 0 ? ", " : "", (char *)header->pdata[i]);

  return g_string_free (names, FALSE);
}

/* Turns the record in read->fields into a draft and hands it on.
 * Returns FALSE when asked to stop. */
static gboolean
emit_record (CsvRead *read,
             guint    line,
             guint64  offset)
{
  CeReadContext *ctx = read->ctx;
  guint n_header = read->header->len;
  g_autofree const char **values = g_new0 (const char *, n_header + 1);
  CeDraft *draft;

  if (read->n_fields != n_header)
    {
      g_autofree char *message = NULL;

      if (read->n_fields > n_header)
        /* Translators: a CSV record has more fields than the header */
        message = g_strdup_printf (_("%u fields where the header has %u; the last %u dropped"),
                                   read->n_fields, n_header, read->n_fields - n_header);
      else
        /* Translators: a CSV record has fewer fields than the header */
        message = g_strdup_printf (_("%u fields where the header has %u; the rest left empty"),
                                   read->n_fields, n_header);
      warn_limited (read, WARN_FIELD_COUNT, line, message);
    }

  for (guint i = 0; i < n_header && i < read->n_fields; i++)
    values[i] = ((GString *)read->fields->pdata[i])->str;

  draft = ce_fields_to_draft ((const char * const *)read->header->pdata, values,
                              n_header, ctx->options);
  if (draft == NULL)
    {
      warn_limited (read, WARN_NO_TEXT, line, "empty text; record skipped");
      return TRUE;
    }

  draft->line = line;
  draft->offset = offset;
  return ctx->emit (ctx, draft, ctx->emit_data);
}

static void
summarize_warnings (CsvRead *read)
{
  static const char * const what[N_WARN_KINDS] = {
    "more records with a wrong number of fields",
    "more records with empty text skipped",
  };

  for (guint kind = 0; kind < N_WARN_KINDS; kind++)
    if (read->warnings[kind] > MAX_WARNINGS_PER_KIND)
      ce_read_context_warn (read->ctx, 0, _("%u %s"),
                            read->warnings[kind] - MAX_WARNINGS_PER_KIND, what[kind]);
}

static gboolean
read_csv (CsvRead  *read,
          GError  **error)
{
  CeReadContext *ctx = read->ctx;
  g_autoptr(GError) local_error = NULL;
  guint n_records = 0;
  const char *line;
  gsize len;
  guint line_number;
  guint64 offset;

  /* The header: the first line that is not blank */
  do
    line = next_line (read, &len, &line_number, &offset, &local_error);
  while (line != NULL && is_blank (line, len));

  if (line == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      ce_read_context_warn (ctx, 0, _("no header line"));
      return TRUE;
    }

  read->delimiter = sniff_delimiter (line, len, ctx->path);
  if (!read_record (read, line, len, line_number, error))
    return FALSE;
  read_header (read);

  if (ce_fields_find_text ((const char * const *)read->header->pdata,
                           read->header->len, ctx->options) < 0)
    {
      g_autofree char *names = describe_header (read->header);

      if (ctx->options != NULL && ctx->options->text_field != NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("%s:%u: no column \"%s\" (the columns are %s)"),
                     ctx->path, line_number, ctx->options->text_field, names);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("%s:%u: no text column (the columns are %s); name it with --text-field"),
                     ctx->path, line_number, names);
      return FALSE;
    }

  while ((line = next_line (read, &len, &line_number, &offset, &local_error)) != NULL)
    {
      if (is_blank (line, len))
        continue;

      if (++n_records % 256 == 0 &&
          g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
        return FALSE;

      if (!read_record (read, line, len, line_number, error))
        return FALSE;

      if (!emit_record (read, line_number, offset))
        return !g_cancellable_set_error_if_cancelled (ctx->cancellable, error);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  summarize_warnings (read);
  return TRUE;
}

gboolean
ce_read_csv (CeReadContext  *ctx,
             GInputStream   *stream,
             GError        **error)
{
  CsvRead read = { 0 };
  gboolean ok;

  g_return_val_if_fail (ctx != NULL, FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);

  read.ctx = ctx;
  read.reader = ce_line_reader_new (stream, ctx);
  read.fields = g_ptr_array_new_with_free_func ((GDestroyNotify)free_gstring);
  g_queue_init (&read.replay);

  ok = read_csv (&read, error);

  ce_line_reader_free (read.reader);
  g_ptr_array_unref (read.fields);
  g_clear_pointer (&read.header, g_ptr_array_unref);
  g_clear_pointer (&read.replayed, held_line_free);
  g_queue_clear_full (&read.replay, (GDestroyNotify)held_line_free);

  return ok;
}
