/* ce-bench.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Measurements for `make bench`, switched on by CE_BENCH in the
 * environment of a window that opens a corpus:
 *
 *   CE_BENCH=first-frame  print "first-frame-ms N", the time from the start
 *                         of the process to the first frame that shows the
 *                         list, then quit
 *   CE_BENCH=scroll       the same, then scroll the list from top to bottom,
 *                         print "rss-kb N" and "peak-rss-kb N" (and the
 *                         anonymous, file and shared parts), wait until
 *                         the session has been idle long enough to give
 *                         memory back, print "idle-rss-kb N" and
 *                         "idle-rss-anon-kb N", then quit
 *   CE_BENCH=typing       after the first frame, type a search into the
 *                         search entry a key every 120 ms while frames are
 *                         drawn continuously, wait 3 s for the results,
 *                         print "typing-max-frame-gap-ms N" (the longest
 *                         time between two frames: 16.7 ms when nothing
 *                         blocks), "typing-frames N" and
 *                         "typing-frames-over-50-ms N", then quit
 */

#define G_LOG_DOMAIN "ce-bench"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ce-bench.h"
#include "ce-document-list.h"

#define SCROLL_STEPS 400

/* What CE_BENCH=typing types, and how fast: about eight keys a second */
#define TYPED_SEARCH "china OR tariffs"
#define KEY_INTERVAL_MS 120
#define RESULTS_WAIT_MS 3000

typedef struct
{
  CeWindow *window;
  guint     position;
  guint     n_items;
  guint     step;
  gboolean  scroll;
  gboolean  typing;
  gulong    paint_id;

  /* CE_BENCH=typing */
  guint     typed;
  guint     tick_id;
  gint64    last_tick;
  gint64    max_gap;
  guint     frames;
  guint     slow_frames;
} Bench;

static gint64
status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;

  line = strstr (status, field);
  if (line == NULL)
    return -1;

  return g_ascii_strtoll (line + strlen (field), NULL, 10);
}

/* Milliseconds since this process started, from the kernel's record of
 * its start (in clock ticks since boot) */
static gint64
process_age_ms (void)
{
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;
  struct timespec now;
  double start_s;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL))
    return -1;

  /* The command name may hold spaces: fields start after its ')' */
  after_name = strrchr (stat, ')');
  if (after_name == NULL)
    return -1;

  fields = g_strsplit (after_name + 2, " ", -1);
  if (g_strv_length (fields) < 20)
    return -1;

  /* Field 22 of the line is the 20th after the name */
  start_s = g_ascii_strtod (fields[19], NULL) / sysconf (_SC_CLK_TCK);
  clock_gettime (CLOCK_BOOTTIME, &now);

  return (gint64)((now.tv_sec + now.tv_nsec / 1e9 - start_s) * 1000.);
}

static gboolean
quit_when_idle_cb (gpointer user_data)
{
  Bench *bench = user_data;

  printf ("idle-rss-kb %" G_GINT64_FORMAT "\n", status_kb ("VmRSS:"));
  printf ("idle-rss-anon-kb %" G_GINT64_FORMAT "\n", status_kb ("RssAnon:"));
  fflush (stdout);

  g_free (bench);
  g_application_quit (g_application_get_default ());

  return G_SOURCE_REMOVE;
}

static void
finish (Bench *bench)
{
  printf ("rss-kb %" G_GINT64_FORMAT "\n", status_kb ("VmRSS:"));
  printf ("peak-rss-kb %" G_GINT64_FORMAT "\n", status_kb ("VmHWM:"));
  printf ("rss-anon-kb %" G_GINT64_FORMAT "\n", status_kb ("RssAnon:"));
  printf ("rss-file-kb %" G_GINT64_FORMAT "\n", status_kb ("RssFile:"));
  printf ("rss-shmem-kb %" G_GINT64_FORMAT "\n", status_kb ("RssShmem:"));
  fflush (stdout);

  /* What the session gives back once nothing reads (with a second to
   * spare for the writer's turn and the rows still being read) */
  g_timeout_add (CE_SESSION_RELEASE_DELAY_MS + 1000, quit_when_idle_cb, bench);
}

static gboolean
scroll_step_cb (gpointer user_data)
{
  Bench *bench = user_data;
  CeDocumentList *list;

  list = CE_DOCUMENT_LIST (gtk_widget_get_template_child (GTK_WIDGET (bench->window),
                                                          CE_TYPE_WINDOW, "document_list"));
  ce_document_list_select (list, MIN (bench->position, bench->n_items - 1));

  if (bench->position >= bench->n_items - 1)
    {
      finish (bench);
      return G_SOURCE_REMOVE;
    }

  bench->position += bench->step;
  return G_SOURCE_CONTINUE;
}

/* Typing ----------------------------------------------------------------- */

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();

  if (bench->last_tick > 0)
    bench->max_gap = MAX (bench->max_gap, now - bench->last_tick);
  if (bench->last_tick > 0 && now - bench->last_tick > 50000)
    bench->slow_frames++;
  bench->last_tick = now;
  bench->frames++;

  return G_SOURCE_CONTINUE;
}

static gboolean
typing_done_cb (gpointer user_data)
{
  Bench *bench = user_data;

  gtk_widget_remove_tick_callback (GTK_WIDGET (bench->window), bench->tick_id);
  printf ("typing-max-frame-gap-ms %.1f\n", bench->max_gap / 1000.);
  printf ("typing-frames %u\n", bench->frames);
  printf ("typing-frames-over-50-ms %u\n", bench->slow_frames);
  fflush (stdout);

  g_free (bench);
  g_application_quit (g_application_get_default ());

  return G_SOURCE_REMOVE;
}

/* One key, as the entry gets it from the keyboard: inserted at the end */
static gboolean
type_key_cb (gpointer user_data)
{
  Bench *bench = user_data;
  GtkEditable *entry = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (bench->window),
                                                                     CE_TYPE_WINDOW, "search_entry"));
  int position = bench->typed;

  gtk_editable_insert_text (entry, &TYPED_SEARCH[bench->typed], 1, &position);
  gtk_editable_set_position (entry, position);

  if (++bench->typed < strlen (TYPED_SEARCH))
    return G_SOURCE_CONTINUE;

  g_timeout_add (RESULTS_WAIT_MS, typing_done_cb, bench);
  return G_SOURCE_REMOVE;
}

static void
start_typing (Bench *bench)
{
  GtkWidget *entry = (GtkWidget *)gtk_widget_get_template_child (GTK_WIDGET (bench->window), CE_TYPE_WINDOW, "search_entry");

  gtk_widget_grab_focus (entry);
  bench->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (bench->window), tick_cb, bench, NULL);
  g_timeout_add (KEY_INTERVAL_MS, type_key_cb, bench);
}

/* The list shows its first rows before the rest of a large corpus is
 * listed: scrolling waits for all of them */
static gboolean
start_scrolling_cb (gpointer user_data)
{
  Bench *bench = user_data;
  CeDocumentList *list;
  CeDocumentListModel *model;

  list = CE_DOCUMENT_LIST (gtk_widget_get_template_child (GTK_WIDGET (bench->window),
                                                          CE_TYPE_WINDOW, "document_list"));
  model = ce_document_list_get_model (list);
  if (ce_document_list_model_is_loading (model))
    return G_SOURCE_CONTINUE;

  bench->n_items = g_list_model_get_n_items (G_LIST_MODEL (model));
  if (bench->n_items == 0)
    {
      finish (bench);
      return G_SOURCE_REMOVE;
    }

  bench->step = MAX (1, bench->n_items / SCROLL_STEPS);
  g_timeout_add (1, scroll_step_cb, bench);

  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  CeDocumentList *list;

  CeSession *session = ce_window_get_session (bench->window);

  list = CE_DOCUMENT_LIST (gtk_widget_get_template_child (GTK_WIDGET (bench->window),
                                                          CE_TYPE_WINDOW, "document_list"));

  /* The first frame that shows the corpus's rows, listed in a worker */
  if (!ce_session_is_open (session) || ce_document_list_model_get_total (ce_document_list_get_model (list)) < 0)
    return;

  g_signal_handler_disconnect (clock, bench->paint_id);

  printf ("first-frame-ms %" G_GINT64_FORMAT "\n", process_age_ms ());
  fflush (stdout);

  if (bench->typing)
    {
      start_typing (bench);
      return;
    }

  if (!bench->scroll)
    {
      g_free (bench);
      g_application_quit (g_application_get_default ());
      return;
    }

  g_timeout_add (10, start_scrolling_cb, bench);
}

static void
realize_cb (GtkWidget *widget,
            Bench     *bench)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  bench->paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), bench);
}

/**
 * _ce_bench_attach:
 *
 * Measures @window as the CE_BENCH environment variable asks; does
 * nothing without it.
 */
void
_ce_bench_attach (CeWindow *window)
{
  const char *mode = g_getenv ("CE_BENCH");
  Bench *bench;

  if (mode == NULL)
    return;

  bench = g_new0 (Bench, 1);
  bench->window = window;
  bench->scroll = g_str_equal (mode, "scroll");
  bench->typing = g_str_equal (mode, "typing");

  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    realize_cb (GTK_WIDGET (window), bench);
  else
    g_signal_connect (window, "realize", G_CALLBACK (realize_cb), bench);
}
