/* ce-grouping-bar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Grouping copies in the background, with progress and Cancel.
 *
 * A corpus made before copies were grouped has no fingerprints: when
 * such a corpus is opened, the bar groups it in steps, each a write of
 * its own in the session's writer, so the window stays responsive and
 * other writes go between the steps.  The first step takes
 * CE_GROUPING_BAR_BATCH documents; the next ones twice as many while a
 * step takes less than STEP_TARGET_US of the writer's time, up to
 * CE_CORPUS_FINGERPRINT_BATCH (the steps of `corpus-explorer
 * duplicates`), and half as many when one takes more than twice that.
 * Larger steps pay: each writes its band rows as one sorted batch into
 * an index of millions, whose pages a batch of 500 documents touches
 * nearly as much as one of 4,000 (at 1 GB a step of 500 took about
 * 0.4 s, one of 4,000 about 1 s).  Cancel does not wait for a step: the
 * step's statements are interrupted and it is rolled back.  Every step is kept (ce_corpus_compute_fingerprints()),
 * so a cancelled or interrupted job goes on where it stopped the next
 * time the corpus is opened.  A change of the similarity preference
 * (the `duplicate-threshold` setting) groups the open corpus again the
 * same way, in one write.
 */

#define G_LOG_DOMAIN "ce-grouping-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "ce-corpus-duplicates.h"
#include "ce-grouping-bar.h"

/* The bar pulses while a write whose progress is unknown runs */
#define PULSE_MS 150

/* A step's time in the writer that the steps grow towards: what
 * another write may wait behind one */
#define STEP_TARGET_US G_USEC_PER_SEC
#define MIN_BATCH 50

struct _CeGroupingBar
{
  GtkWidget parent_instance;

  GtkRevealer    *revealer;
  GtkLabel       *label;
  GtkProgressBar *progress;
  GtkButton      *cancel_button;

  /* Owned references */
  CeSession      *session;
  GSettings      *settings;
  GCancellable   *cancellable;
  gint64          total;
  gint64          remaining;
  guint           batch;         /* documents in the next step */
  gboolean        batch_fixed;   /* set by the caller: no growing */
  guint           pulse_source;
  gboolean        running;
};

G_DEFINE_FINAL_TYPE (CeGroupingBar, ce_grouping_bar, GTK_TYPE_WIDGET)

/* In the session's threads ---------------------------------------------------- */

static gpointer
count_func (CeCorpus      *corpus,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  gint64 *count = g_new (gint64, 1);

  *count = ce_corpus_count_unfingerprinted (corpus);
  return count;
}

typedef struct
{
  gint64 remaining;
  gint64 usec;        /* the step's time */
} StepResult;

static gpointer
step_func (CeCorpus      *corpus,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  guint batch = GPOINTER_TO_UINT (data);
  gint64 start = g_get_monotonic_time ();
  StepResult result = { 0, };

  if (!ce_corpus_compute_fingerprints (corpus, batch, &result.remaining, error))
    return NULL;

  result.usec = g_get_monotonic_time () - start;
  return g_memdup2 (&result, sizeof result);
}

static gpointer
threshold_func (CeCorpus      *corpus,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  double threshold = *(double *)data;

  if (!ce_corpus_set_duplicate_threshold (corpus, threshold, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

/* Showing --------------------------------------------------------------------- */

static gboolean
pulse_cb (gpointer user_data)
{
  CeGroupingBar *self = user_data;

  gtk_progress_bar_pulse (self->progress);
  return G_SOURCE_CONTINUE;
}

static void
show (CeGroupingBar *self,
      const char    *text,
      gboolean       pulse)
{
  gtk_label_set_label (self->label, text);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  if (pulse)
    self->pulse_source = g_timeout_add (PULSE_MS, pulse_cb, self);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

static void
finish (CeGroupingBar *self)
{
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  g_clear_object (&self->cancellable);
  self->running = FALSE;
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

static void
update_progress (CeGroupingBar *self)
{
  g_autofree char *done = g_strdup_printf ("%'" G_GINT64_FORMAT, MAX (self->total - self->remaining, 0));
  g_autofree char *total = g_strdup_printf ("%'" G_GINT64_FORMAT, self->total);
  g_autofree char *text = NULL;

  gtk_progress_bar_set_fraction (self->progress, ce_grouping_bar_get_fraction (self));
  /* Translators: while an older corpus gets its groups of copies */
  text = g_strdup_printf (_("Grouping copies of stories: %s of %s documents"), done, total);
  show (self, text, FALSE);
}

static void run_step (CeGroupingBar *self);

static void
step_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CeGroupingBar) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree StepResult *step = ce_session_write_finish (CE_SESSION (object), result, &error);

  /* A write that ran is reported even when it was cancelled meanwhile,
   * and a stopped job has let its cancellable go: ask the step's own */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))) ||
      (self->cancellable != NULL && g_cancellable_is_cancelled (self->cancellable)))
    return;

  if (step == NULL)
    {
      g_warning ("Could not group the copies: %s", error->message);
      finish (self);
      return;
    }

  self->remaining = step->remaining;
  if (!self->batch_fixed)
    self->batch = ce_grouping_bar_next_batch (self->batch, step->usec);
  update_progress (self);

  if (self->remaining > 0)
    run_step (self);
  else
    finish (self);
}

static void
run_step (CeGroupingBar *self)
{
  ce_session_write_async (self->session, step_func, GUINT_TO_POINTER (self->batch), NULL,
                          g_free, self->cancellable, step_done_cb, g_object_ref (self));
}

static void
count_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CeGroupingBar) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *count = ce_session_run_finish (CE_SESSION (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      (self->cancellable != NULL && g_cancellable_is_cancelled (self->cancellable)))
    return;

  if (count == NULL || *count == 0)
    {
      if (count == NULL)
        g_warning ("Could not read the corpus: %s", error->message);
      finish (self);
      return;
    }

  self->total = self->remaining = *count;
  update_progress (self);
  run_step (self);
}

static void
threshold_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CeGroupingBar) self = user_data;
  g_autoptr(GError) error = NULL;

  if (ce_session_write_finish (CE_SESSION (object), result, &error) == NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not group the copies again: %s", error->message);

  if (self->cancellable == NULL || !g_cancellable_is_cancelled (self->cancellable))
    finish (self);
}

static void
stop (CeGroupingBar *self)
{
  g_cancellable_cancel (self->cancellable);
  finish (self);
}

/* Callbacks ------------------------------------------------------------------- */

/* A corpus that can only be read cannot keep its groups: it is read as
 * it is */
static gboolean
can_group (CeGroupingBar *self)
{
  return self->session != NULL && ce_session_is_open (self->session) &&
         !ce_session_is_read_only (self->session);
}

static void
on_path_changed_cb (CeGroupingBar *self)
{
  stop (self);
  if (can_group (self))
    ce_grouping_bar_start (self);
}

static void
on_threshold_changed_cb (CeGroupingBar *self)
{
  double threshold = g_settings_get_double (self->settings, "duplicate-threshold");
  g_autofree char *text = NULL;

  if (!can_group (self))
    return;

  /* A job under way is stopped; its steps done are kept, and it goes on
   * the next time the corpus is opened */
  stop (self);
  self->running = TRUE;
  self->cancellable = g_cancellable_new ();

  /* Translators: the similarity preference changed; %d is a percentage */
  text = g_strdup_printf (_("Grouping copies again at %d %% similarity"), (int)(threshold * 100 + 0.5));
  show (self, text, TRUE);
  ce_session_write_async (self->session, threshold_func,
                          g_memdup2 (&threshold, sizeof threshold), g_free, NULL,
                          self->cancellable, threshold_done_cb, g_object_ref (self));
}

static void
on_cancel_clicked_cb (CeGroupingBar *self)
{
  stop (self);
}

/* GObject --------------------------------------------------------------------- */

static void
ce_grouping_bar_dispose (GObject *object)
{
  CeGroupingBar *self = (CeGroupingBar *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  ce_session_unwatch (&self->session, self);
  g_clear_object (&self->settings);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ce_grouping_bar_parent_class)->dispose (object);
}

static void
ce_grouping_bar_class_init (CeGroupingBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ce_grouping_bar_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "groupingbar");
}

static void
ce_grouping_bar_init (CeGroupingBar *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->batch = CE_GROUPING_BAR_BATCH;
  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed::duplicate-threshold",
                           G_CALLBACK (on_threshold_changed_cb), self, G_CONNECT_SWAPPED);

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->label, 0);
  gtk_label_set_ellipsize (self->label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);

  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->progress), GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (GTK_WIDGET (self->progress), 160, -1);

  self->cancel_button = GTK_BUTTON (gtk_button_new_with_label (_("Cancel")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->cancel_button),
                               _("Stop Grouping; It Goes On When the Corpus Is Opened Again"));
  g_signal_connect_object (self->cancel_button, "clicked", G_CALLBACK (on_cancel_clicked_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->cancel_button));
  gtk_widget_add_css_class (box, "grouping-bar");

  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->revealer, box);
  gtk_widget_set_parent (GTK_WIDGET (self->revealer), GTK_WIDGET (self));

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* Public API ------------------------------------------------------------------ */

GtkWidget *
ce_grouping_bar_new (void)
{
  return g_object_new (CE_TYPE_GROUPING_BAR, NULL);
}

/**
 * ce_grouping_bar_set_session:
 * @session: (nullable): whose corpora to group when they are opened
 */
void
ce_grouping_bar_set_session (CeGroupingBar *self,
                             CeSession     *session)
{
  static const CeSessionWatch watch = { .path_changed = G_CALLBACK (on_path_changed_cb) };

  g_return_if_fail (CE_IS_GROUPING_BAR (self));
  g_return_if_fail (session == NULL || CE_IS_SESSION (session));

  if (self->session == session)
    return;

  stop (self);
  ce_session_watch (&self->session, session, self, &watch);

  on_path_changed_cb (self);
}

/**
 * ce_grouping_bar_set_batch:
 * @batch: documents per step, every step (tests use small steps)
 */
void
ce_grouping_bar_set_batch (CeGroupingBar *self,
                           guint          batch)
{
  g_return_if_fail (CE_IS_GROUPING_BAR (self));
  self->batch = MAX (batch, 1);
  self->batch_fixed = TRUE;
}

/**
 * ce_grouping_bar_next_batch:
 * @batch: the documents of the step just done
 * @usec: the time it took in the writer
 *
 * Returns: the documents of the next step: twice as many after a step
 *   shorter than the target (a second), up to
 *   %CE_CORPUS_FINGERPRINT_BATCH, half as many after one longer than
 *   twice the target
 */
guint
ce_grouping_bar_next_batch (guint  batch,
                            gint64 usec)
{
  if (usec < STEP_TARGET_US)
    return MIN ((guint64)batch * 2, CE_CORPUS_FINGERPRINT_BATCH);
  if (usec > 2 * STEP_TARGET_US)
    return MAX (batch / 2, MIN (MIN_BATCH, batch));
  return batch;
}

/**
 * ce_grouping_bar_start:
 *
 * Groups what the open corpus has not grouped yet, if anything; the
 * bar shows only when there is something to do.
 */
void
ce_grouping_bar_start (CeGroupingBar *self)
{
  g_return_if_fail (CE_IS_GROUPING_BAR (self));

  if (self->running || self->session == NULL || !ce_session_is_open (self->session))
    return;

  self->running = TRUE;
  self->total = self->remaining = 0;
  if (!self->batch_fixed)
    self->batch = CE_GROUPING_BAR_BATCH;
  self->cancellable = g_cancellable_new ();
  ce_session_run_in_thread (self->session, count_func, NULL, NULL, g_free, self->cancellable,
                            count_done_cb, g_object_ref (self));
}

/**
 * ce_grouping_bar_cancel:
 *
 * Stops the job; what its steps did is kept.
 */
void
ce_grouping_bar_cancel (CeGroupingBar *self)
{
  g_return_if_fail (CE_IS_GROUPING_BAR (self));
  stop (self);
}

/**
 * ce_grouping_bar_is_running:
 *
 * Returns: %TRUE while a job runs
 */
gboolean
ce_grouping_bar_is_running (CeGroupingBar *self)
{
  g_return_val_if_fail (CE_IS_GROUPING_BAR (self), FALSE);
  return self->running;
}

/**
 * ce_grouping_bar_get_fraction:
 *
 * Returns: the share of the documents grouped so far, 0 to 1
 */
double
ce_grouping_bar_get_fraction (CeGroupingBar *self)
{
  g_return_val_if_fail (CE_IS_GROUPING_BAR (self), 0);

  if (self->total <= 0)
    return 0;
  return CLAMP ((double)(self->total - self->remaining) / self->total, 0, 1);
}
