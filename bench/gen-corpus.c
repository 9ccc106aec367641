/* gen-corpus.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates a deterministic, news-like corpus of a requested size for the
 * benchmarks: articles of 200 to 1,500 words over a Zipfian vocabulary
 * (English function words at the head, real news words next, then tens of
 * thousands of pronounceable pseudo-words), a few hundred named entities
 * with skewed popularity, datelines on most articles, all-capitals
 * subheadings, and dates spread over ten years.
 *
 *   gen-corpus --size 100M --seed 1 --form dump --out corpus.txt
 *   gen-corpus --size 100M --form folder --out corpus-dir
 *   gen-corpus --size 100M --form jsonl --out corpus.jsonl
 *   gen-corpus --seed 1 --queries        (the benchmark's query set)
 *
 * The same seed gives the same bytes on every machine: all randomness
 * comes from a SplitMix64 stream, never from libc or GLib.  Output is
 * streamed through a fixed buffer, so memory does not grow with the size.
 */

#include "gen-corpus-private.h"

void
out_flush (Out *out)
{
  if (out->len > 0 && fwrite (out->buf, 1, out->len, out->file) != out->len)
    {
      g_printerr ("gen-corpus: %s: %s\n", out->path, g_strerror (errno));
      exit (1);
    }
  out->len = 0;
}

static gboolean
out_open (Out         *out,
          const char  *path)
{
  out->file = fopen (path, "wb");
  if (out->file == NULL)
    {
      g_printerr ("gen-corpus: cannot write %s: %s\n", path, g_strerror (errno));
      return FALSE;
    }

  g_free (out->path);
  out->path = g_strdup (path);
  if (out->buf == NULL)
    out->buf = g_malloc (OUT_BUFFER_SIZE);
  out->len = 0;
  return TRUE;
}

static void
out_close (Out *out)
{
  out_flush (out);
  if (fclose (out->file) != 0)
    {
      g_printerr ("gen-corpus: %s: %s\n", out->path, g_strerror (errno));
      exit (1);
    }
  out->file = NULL;
}

/* Our text holds no ASCII quote, backslash or control character other
 * than '\n', but escape them all anyway so the output is valid JSON. */
static void
write_json_string (Out        *out,
                   const char *p,
                   gsize       len,
                   gboolean    paragraphs)
{
  const char *run = p, *end = p + len;

  out_char (out, '"');
  for (; p < end; p++)
    {
      guchar c = *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      out_write (out, run, p - run);
      run = p + 1;
      if (c == '\n')
        out_write (out, paragraphs ? "\\n\\n" : "\\n", paragraphs ? 4 : 2);
      else if (c == '"' || c == '\\')
        {
          out_char (out, '\\');
          out_char (out, c);
        }
      else
        {
          char escape[8];
          g_snprintf (escape, sizeof escape, "\\u%04x", c);
          out_write (out, escape, 6);
        }
    }
  out_write (out, run, end - run);
  out_char (out, '"');
}

static void
write_jsonl (Out           *out,
             const Article *article)
{
  out_write (out, "{\"title\":", 9);
  write_json_string (out, article->title.data, article->title.len, FALSE);
  out_write (out, ",\"date\":\"", 9);
  out_write (out, article->date, 10);
  out_write (out, "\",\"place\":", 10);
  if (article->place != NULL)
    write_json_string (out, article->place->name, strlen (article->place->name), FALSE);
  else
    out_write (out, "null", 4);
  out_write (out, ",\"source\":", 10);
  write_json_string (out, article->source, strlen (article->source), FALSE);
  out_write (out, ",\"section\":", 11);
  write_json_string (out, article->section, strlen (article->section), FALSE);
  out_write (out, ",\"text\":", 8);
  /* Paragraphs end with '\n': drop the last one, double the others */
  write_json_string (out, article->text.data, article->text.len - 1, TRUE);
  out_write (out, "}\n", 2);
}

static char *
article_file_name (const Article *article,
                   guint64        index)
{
  GString *name = g_string_new (article->date);
  guint words = 0;

  g_string_append_c (name, '-');
  for (gsize i = 0; i < article->title.len && words < 6; i++)
    {
      const char *p = article->title.data + i;

      if (g_ascii_isalnum (*p))
        g_string_append_c (name, g_ascii_tolower (*p));
      else if (*p == ' ' && name->str[name->len - 1] != '-')
        {
          g_string_append_c (name, '-');
          words++;
        }
    }
  if (name->str[name->len - 1] != '-')
    g_string_append_c (name, '-');

  /* The article number keeps names unique without remembering them */
  g_string_append_printf (name, "%06" G_GINT64_MODIFIER "x.txt", index);
  return g_string_free (name, FALSE);
}

static guint64
parse_size (const char *text)
{
  char *end = NULL;
  double value;

  errno = 0;
  value = g_ascii_strtod (text, &end);
  if (errno != 0 || end == text || value <= 0)
    return 0;

  switch (g_ascii_toupper (*end))
    {
    case 0: break;
    case 'K': value *= 1e3; end++; break;
    case 'M': value *= 1e6; end++; break;
    case 'G': value *= 1e9; end++; break;
    default: return 0;
    }

  if (*end == 'B' || *end == 'b')
    end++;

  return *end == 0 ? (guint64)value : 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *form_text = NULL;
  g_autofree char *out_path = NULL;
  gint64 seed = 1;
  gboolean queries = FALSE;
  guint64 size, expected, index = 0, bytes = 0;
  gint64 start;
  clock_t cpu_start;
  double seconds, cpu_seconds;
  Form form;
  Model model = { 0 };
  Article article = { 0 };
  Out out = { 0 };
  const GOptionEntry entries[] = {
    { "size", 0, 0, G_OPTION_ARG_STRING, &size_text, "Bytes to write (suffixes K, M, G)", "SIZE" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Random seed (default 1)", "N" },
    { "form", 0, 0, G_OPTION_ARG_STRING, &form_text, "dump, folder or jsonl", "FORM" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_path, "Output file or folder", "PATH" },
    { "queries", 0, 0, G_OPTION_ARG_NONE, &queries, "Print the benchmark queries for this seed", NULL },
    { NULL }
  };

  context = g_option_context_new ("- generate a news-like benchmark corpus");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("gen-corpus: %s\n", error->message);
      return 2;
    }

  model_init (&model, (guint64)seed);

  if (queries)
    {
      print_queries (&model);
      return 0;
    }

  if (size_text == NULL || (size = parse_size (size_text)) == 0)
    {
      g_printerr ("gen-corpus: --size is required, e.g. --size 100M\n");
      return 2;
    }

  if (form_text == NULL || g_str_equal (form_text, "dump"))
    form = FORM_DUMP;
  else if (g_str_equal (form_text, "folder"))
    form = FORM_FOLDER;
  else if (g_str_equal (form_text, "jsonl"))
    form = FORM_JSONL;
  else
    {
      g_printerr ("gen-corpus: unknown --form “%s”: use dump, folder or jsonl\n", form_text);
      return 2;
    }

  if (out_path == NULL)
    {
      g_printerr ("gen-corpus: --out is required\n");
      return 2;
    }

  if (form == FORM_FOLDER)
    {
      if (g_mkdir_with_parents (out_path, 0755) != 0)
        {
          g_printerr ("gen-corpus: cannot create %s: %s\n", out_path, g_strerror (errno));
          return 1;
        }
    }
  else if (!out_open (&out, out_path))
    return 1;

  text_init (&article.title, 0);
  text_init (&article.text, form == FORM_JSONL ? 0 : WRAP_COLUMNS);
  expected = MAX (size / AVERAGE_ARTICLE_BYTES, 1);
  start = g_get_monotonic_time ();
  cpu_start = clock ();

  while (bytes < size)
    {
      generate_article (&model, &article, index, expected);

      switch (form)
        {
        case FORM_DUMP:
          out_write (&out, article.text.data, article.text.len);
          bytes = out.total;
          break;

        case FORM_JSONL:
          write_jsonl (&out, &article);
          bytes = out.total;
          break;

        case FORM_FOLDER:
          {
            g_autofree char *year_dir = g_build_filename (out_path, (char[]) { article.date[0], article.date[1], article.date[2], article.date[3], 0 }, NULL);
            g_autofree char *name = article_file_name (&article, index);
            g_autofree char *path = g_build_filename (year_dir, name, NULL);

            if (g_mkdir_with_parents (year_dir, 0755) != 0)
              {
                g_printerr ("gen-corpus: cannot create %s: %s\n", year_dir, g_strerror (errno));
                return 1;
              }
            if (!out_open (&out, path))
              return 1;
            out.total = bytes;
            out_write (&out, article.title.data, article.title.len);
            out_char (&out, '\n');
            out_write (&out, article.text.data, article.text.len);
            bytes = out.total;
            out_close (&out);
          }
          break;

        default:
          g_assert_not_reached ();
        }

      index++;
    }

  if (form != FORM_FOLDER)
    out_close (&out);

  /* CPU time too: on a busy machine the wall clock says little */
  seconds = (g_get_monotonic_time () - start) / 1e6;
  cpu_seconds = (double)(clock () - cpu_start) / CLOCKS_PER_SEC;
  g_printerr ("gen-corpus: %" G_GUINT64_FORMAT " articles, %" G_GUINT64_FORMAT " bytes in %.2f s"
              " (%.0f MB/s; %.2f s of CPU, %.0f MB/s)\n",
              index, bytes, seconds, bytes / 1e6 / MAX (seconds, 1e-6),
              cpu_seconds, bytes / 1e6 / MAX (cpu_seconds, 1e-6));
  return 0;
}

