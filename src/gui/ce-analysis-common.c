/* ce-analysis-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parts the views of the Analysis page share: rows and tables,
 * states, progress and tool bar widgets.
 */

#define G_LOG_DOMAIN "ce-analysis"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ce-analysis-private.h"
#include "ce-export-dialog.h"
#include "ce-gui-private.h"
#include "ce-stopwords.h"

/* Rows ------------------------------------------------------------------- */

struct _CeAnalysisRow
{
  GObject        parent_instance;
  char          *text[2];
  double         values[CE_ANALYSIS_MAX_VALUES];
  gpointer       data;
  GDestroyNotify data_destroy;
};

G_DEFINE_FINAL_TYPE (CeAnalysisRow, ce_analysis_row, G_TYPE_OBJECT)

static void
ce_analysis_row_finalize (GObject *object)
{
  CeAnalysisRow *self = (CeAnalysisRow *)object;

  g_free (self->text[0]);
  g_free (self->text[1]);
  if (self->data_destroy != NULL)
    self->data_destroy (self->data);

  G_OBJECT_CLASS (ce_analysis_row_parent_class)->finalize (object);
}

static void
ce_analysis_row_class_init (CeAnalysisRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ce_analysis_row_finalize;
}

static void
ce_analysis_row_init (CeAnalysisRow *self)
{
  for (guint i = 0; i < CE_ANALYSIS_MAX_VALUES; i++)
    self->values[i] = NAN;
}

CeAnalysisRow *
ce_analysis_row_new (const char *text,
                     const char *text2)
{
  CeAnalysisRow *self = g_object_new (CE_TYPE_ANALYSIS_ROW, NULL);

  self->text[0] = g_strdup (text);
  self->text[1] = g_strdup (text2);

  return self;
}

/**
 * ce_analysis_row_get_text:
 * @which: 0 for the first text column, 1 for the second
 */
const char *
ce_analysis_row_get_text (CeAnalysisRow *self,
                          guint          which)
{
  g_return_val_if_fail (CE_IS_ANALYSIS_ROW (self), NULL);
  g_return_val_if_fail (which < 2, NULL);

  return self->text[which];
}

double
ce_analysis_row_get_value (CeAnalysisRow *self,
                           guint          index)
{
  g_return_val_if_fail (CE_IS_ANALYSIS_ROW (self), NAN);
  g_return_val_if_fail (index < CE_ANALYSIS_MAX_VALUES, NAN);

  return self->values[index];
}

void
ce_analysis_row_set_value (CeAnalysisRow *self,
                           guint          index,
                           double         value)
{
  g_return_if_fail (CE_IS_ANALYSIS_ROW (self));
  g_return_if_fail (index < CE_ANALYSIS_MAX_VALUES);

  self->values[index] = value;
}

gpointer
ce_analysis_row_get_data (CeAnalysisRow *self)
{
  g_return_val_if_fail (CE_IS_ANALYSIS_ROW (self), NULL);

  return self->data;
}

void
ce_analysis_row_set_data (CeAnalysisRow  *self,
                          gpointer        data,
                          GDestroyNotify  destroy)
{
  g_return_if_fail (CE_IS_ANALYSIS_ROW (self));

  if (self->data_destroy != NULL)
    self->data_destroy (self->data);
  self->data = data;
  self->data_destroy = destroy;
}

/* Progress ---------------------------------------------------------------- */

CeAnalysisProgress *
_ce_analysis_progress_new (void)
{
  CeAnalysisProgress *progress = g_new0 (CeAnalysisProgress, 1);

  g_atomic_ref_count_init (&progress->ref);

  return progress;
}

CeAnalysisProgress *
_ce_analysis_progress_ref (CeAnalysisProgress *progress)
{
  g_atomic_ref_count_inc (&progress->ref);

  return progress;
}

void
_ce_analysis_progress_unref (CeAnalysisProgress *progress)
{
  if (progress != NULL && g_atomic_ref_count_dec (&progress->ref))
    g_free (progress);
}

void
_ce_analysis_progress_cb (guint    done,
                          guint    total,
                          gpointer user_data)
{
  CeAnalysisProgress *progress = user_data;

  g_atomic_int_set (&progress->total, (gint)MIN (total, G_MAXINT));
  g_atomic_int_set (&progress->done, (gint)MIN (done, G_MAXINT));
}

/* States ------------------------------------------------------------------ */

static GtkWidget *
status_page_new (const char *icon_name,
                 const char *title,
                 const char *description)
{
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), icon_name);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (page), description);

  return page;
}

/**
 * _ce_analysis_status_init:
 * @results: what is shown when there are results
 *
 * Returns: (transfer none): the stack to put below the tool bar
 */
GtkWidget *
_ce_analysis_status_init (CeAnalysisStatus *status,
                          GtkWidget        *results,
                          const char       *icon_name,
                          const char       *empty_title,
                          const char       *empty_description)
{
  GtkWidget *box;
  GtkWidget *spinner;
  GtkWidget *label;

  status->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (status->stack), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (status->stack), TRUE);

  status->empty_page = ADW_STATUS_PAGE (status_page_new (icon_name, empty_title, empty_description));
  gtk_stack_add_named (status->stack, GTK_WIDGET (status->empty_page), "empty");

  status->none_page = ADW_STATUS_PAGE (status_page_new (icon_name, NULL, NULL));
  gtk_stack_add_named (status->stack, GTK_WIDGET (status->none_page), "none");

  status->error_page = ADW_STATUS_PAGE (status_page_new ("dialog-warning-symbolic",
                                                         _("Could Not Compute This"), NULL));
  gtk_stack_add_named (status->stack, GTK_WIDGET (status->error_page), "error");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_box_append (GTK_BOX (box), spinner);
  label = gtk_label_new (_("Counting…"));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  status->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_size_request (GTK_WIDGET (status->progress_bar), 240, -1);
  gtk_widget_set_visible (GTK_WIDGET (status->progress_bar), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (status->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Progress"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (status->progress_bar));
  gtk_stack_add_named (status->stack, box, "loading");

  gtk_stack_add_named (status->stack, results, "results");
  gtk_stack_set_visible_child_name (status->stack, "empty");

  return GTK_WIDGET (status->stack);
}

static void
stop_progress (CeAnalysisStatus *status)
{
  g_clear_handle_id (&status->progress_source, g_source_remove);
  g_clear_pointer (&status->progress, _ce_analysis_progress_unref);
}

void
_ce_analysis_status_clear (CeAnalysisStatus *status)
{
  stop_progress (status);
}

void
_ce_analysis_status_empty (CeAnalysisStatus *status,
                           const char       *description)
{
  stop_progress (status);
  if (description != NULL)
    adw_status_page_set_description (status->empty_page, description);
  gtk_stack_set_visible_child_name (status->stack, "empty");
}

static gboolean
progress_tick_cb (gpointer user_data)
{
  CeAnalysisStatus *status = user_data;
  gint done = g_atomic_int_get (&status->progress->done);
  gint total = g_atomic_int_get (&status->progress->total);

  if (total > 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (status->progress_bar), TRUE);
      gtk_progress_bar_set_fraction (status->progress_bar, CLAMP ((double)done / total, 0, 1));
    }

  return G_SOURCE_CONTINUE;
}

/**
 * _ce_analysis_status_busy:
 * @progress: (nullable): what the worker reports
 *
 * Shows the work going on; results already shown stay until the new
 * ones come.
 */
void
_ce_analysis_status_busy (CeAnalysisStatus   *status,
                          CeAnalysisProgress *progress)
{
  stop_progress (status);
  gtk_widget_set_visible (GTK_WIDGET (status->progress_bar), FALSE);
  gtk_progress_bar_set_fraction (status->progress_bar, 0);

  if (progress != NULL)
    {
      status->progress = _ce_analysis_progress_ref (progress);
      status->progress_source = g_timeout_add (100, progress_tick_cb, status);
    }

  if (g_strcmp0 (gtk_stack_get_visible_child_name (status->stack), "results") != 0)
    gtk_stack_set_visible_child_name (status->stack, "loading");
}

void
_ce_analysis_status_error (CeAnalysisStatus *status,
                           const char       *message)
{
  stop_progress (status);
  adw_status_page_set_description (status->error_page, message);
  gtk_stack_set_visible_child_name (status->stack, "error");
}

void
_ce_analysis_status_none (CeAnalysisStatus *status,
                          const char       *title,
                          const char       *description)
{
  stop_progress (status);
  adw_status_page_set_title (status->none_page, title);
  adw_status_page_set_description (status->none_page, description);
  gtk_stack_set_visible_child_name (status->stack, "none");
}

void
_ce_analysis_status_results (CeAnalysisStatus *status)
{
  stop_progress (status);
  gtk_stack_set_visible_child_name (status->stack, "results");
}

/* Tables ------------------------------------------------------------------ */

typedef struct
{
  guint which;
  guint digits;
} CellSpec;

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  gboolean number = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "number"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), number ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (number)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static char *
format_number (double value,
               guint  digits)
{
  if (isnan (value))
    return g_strdup ("–");
  if (isinf (value))
    return g_strdup (value > 0 ? "∞" : "−∞");
  if (digits == 0)
    return g_strdup_printf ("%'.0f", value);

  /* A sign on both sides of zero, so that log ratios line up */
  return g_strdup_printf (digits > 10 ? "%+'.*f" : "%'.*f", digits % 10, value);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  CellSpec *spec = user_data;
  gboolean number = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "number"));
  CeAnalysisRow *row = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));

  if (number)
    {
      g_autofree char *text = format_number (row->values[spec->which], spec->digits);

      gtk_label_set_text (label, text);
    }
  else
    {
      gtk_label_set_text (label, row->text[spec->which] != NULL ? row->text[spec->which] : "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), row->text[spec->which]);
    }
}

static int
compare_text_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const CeAnalysisRow *ra = a;
  const CeAnalysisRow *rb = b;
  guint which = GPOINTER_TO_UINT (user_data);
  int result = g_utf8_collate (ra->text[which] != NULL ? ra->text[which] : "",
                               rb->text[which] != NULL ? rb->text[which] : "");

  return result < 0 ? GTK_ORDERING_SMALLER : result > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static int
compare_number_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const CeAnalysisRow *ra = a;
  const CeAnalysisRow *rb = b;
  guint index = GPOINTER_TO_UINT (user_data);
  double va = ra->values[index];
  double vb = rb->values[index];

  /* No value sorts below every value */
  if (isnan (va) || isnan (vb))
    return isnan (va) == isnan (vb) ? GTK_ORDERING_EQUAL : isnan (va) ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;

  return va < vb ? GTK_ORDERING_SMALLER : va > vb ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/**
 * _ce_analysis_table_new:
 * @rows: a list of CeAnalysisRow
 * @label: the table's accessible name
 * @scrolled: (out): the scrolled window holding it, to put in the view
 *
 * Returns: (transfer none): the column view
 */
GtkColumnView *
_ce_analysis_table_new (GListStore  *rows,
                        const char  *label,
                        GtkWidget  **scrolled)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  GtkSortListModel *sorted;
  GtkSingleSelection *selection;

  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (rows)),
                                    g_object_ref (gtk_column_view_get_sorter (view)));
  selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  gtk_column_view_set_show_column_separators (view, FALSE);
  gtk_column_view_set_reorderable (view, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (view), "analysis-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  *scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (*scrolled), GTK_WIDGET (view));
  gtk_widget_set_vexpand (*scrolled, TRUE);
  gtk_widget_set_hexpand (*scrolled, TRUE);

  return view;
}

static void
add_column (GtkColumnView *view,
            const char    *title,
            gboolean       number,
            guint          which,
            guint          digits,
            gboolean       expand,
            GtkSorter     *sorter)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;
  CellSpec *spec = g_new0 (CellSpec, 1);

  spec->which = which;
  spec->digits = digits;
  g_object_set_data (G_OBJECT (factory), "number", GINT_TO_POINTER (number));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
  g_signal_connect_data (factory, "bind", G_CALLBACK (bind_cell_cb), spec,
                         (GClosureNotify)(void (*) (void))g_free, 0);

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_sorter (column, sorter);
  if (!expand)
    gtk_column_view_column_set_fixed_width (column, number ? 96 : 160);
  gtk_column_view_append_column (view, column);

  g_object_unref (column);
  g_object_unref (sorter);
}

void
_ce_analysis_table_add_text (GtkColumnView *view,
                             const char    *title,
                             guint          which,
                             gboolean       expand)
{
  add_column (view, title, FALSE, which, 0, expand,
              GTK_SORTER (gtk_custom_sorter_new (compare_text_cb, GUINT_TO_POINTER (which), NULL)));
}

/**
 * _ce_analysis_table_add_number:
 * @digits: decimals shown; add 10 to show a sign on positive numbers
 */
void
_ce_analysis_table_add_number (GtkColumnView *view,
                               const char    *title,
                               guint          index,
                               guint          digits)
{
  add_column (view, title, TRUE, index, digits, FALSE,
              GTK_SORTER (gtk_custom_sorter_new (compare_number_cb, GUINT_TO_POINTER (index), NULL)));
}

void
_ce_analysis_table_sort_by (GtkColumnView *view,
                            guint          column,
                            GtkSortType    order)
{
  g_autoptr(GtkColumnViewColumn) item = g_list_model_get_item (gtk_column_view_get_columns (view), column);

  /* The column sorted by before is forgotten, not kept as a second key
   * whose arrow stays in its header */
  gtk_column_view_sort_by_column (view, NULL, order);
  gtk_column_view_sort_by_column (view, item, order);
}

/**
 * _ce_analysis_table_get_selected:
 *
 * Returns: (transfer none) (nullable): the row selected
 */
CeAnalysisRow *
_ce_analysis_table_get_selected (GtkColumnView *view)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (view));

  return gtk_single_selection_get_selected_item (selection);
}

/* Tool bars --------------------------------------------------------------- */

/**
 * _ce_analysis_toolbar_wrap:
 * @toolbar: a tool bar made by _ce_analysis_toolbar_new()
 *
 * A narrow window scrolls the tool bar sideways rather than growing to
 * its width.
 *
 * Returns: (transfer none): what to put in the view
 */
GtkWidget *
_ce_analysis_toolbar_wrap (GtkWidget *toolbar)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), toolbar);

  return scrolled;
}

GtkWidget *
_ce_analysis_toolbar_new (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_add_css_class (box, "analysis-toolbar");

  return box;
}

/**
 * _ce_analysis_add_labeled:
 * @mnemonic: the label, with an underline before its mnemonic
 *
 * Appends a label and @control to @box; the label's mnemonic focuses
 * @control and names it for screen readers.
 *
 * Returns: (transfer none): @control
 */
GtkWidget *
_ce_analysis_add_labeled (GtkWidget  *box,
                          const char *mnemonic,
                          GtkWidget  *control)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), control);
  gtk_widget_set_margin_start (label, gtk_widget_get_first_child (box) != NULL ? 12 : 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), control);

  if (GTK_IS_DROP_DOWN (control))
    _ce_drop_down_take_mnemonic (control);

  return control;
}

GtkWidget *
_ce_analysis_spin_new (const char *name,
                       int         min,
                       int         max,
                       int         value)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_name (spin, name);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);

  return spin;
}

GtkWidget *
_ce_analysis_drop_down_new (const char         *name,
                            const char * const *items)
{
  GtkWidget *dropdown = gtk_drop_down_new_from_strings (items);

  gtk_widget_set_name (dropdown, name);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);

  return dropdown;
}

/**
 * _ce_analysis_topic_drop_down_new:
 * @first: the row before the topics ("Search Results")
 */
GtkWidget *
_ce_analysis_topic_drop_down_new (const char *name,
                                  const char *first)
{
  const char *items[] = { first, NULL };

  return _ce_analysis_drop_down_new (name, items);
}

/**
 * _ce_analysis_list_topics:
 * @topics: filled with the session's topics, the rows after the first
 *
 * Lists the session's topics after the first row, keeping the topic
 * chosen while it exists.
 */
void
_ce_analysis_list_topics (GtkDropDown *dropdown,
                          CeSession   *session,
                          GPtrArray   *topics)
{
  GtkStringList *names = GTK_STRING_LIST (gtk_drop_down_get_model (dropdown));
  CeTopic *was = _ce_analysis_selected_topic (dropdown, topics);
  gint64 was_id = was != NULL ? ce_topic_get_id (was) : 0;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;
  guint selected = 0;

  g_ptr_array_set_size (topics, 0);
  if (session != NULL)
    {
      GListModel *model = ce_session_get_topics (session);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          CeTopic *topic = g_list_model_get_item (model, i);

          g_ptr_array_add (topics, topic);
          g_strv_builder_add (builder, ce_topic_get_name (topic));
          if (was_id != 0 && ce_topic_get_id (topic) == was_id)
            selected = i + 1;
        }
    }
  strv = g_strv_builder_end (builder);

  gtk_string_list_splice (names, 1, g_list_model_get_n_items (G_LIST_MODEL (names)) - 1,
                          (const char * const *)strv);
  gtk_drop_down_set_selected (dropdown, selected);
}

/**
 * _ce_analysis_selected_topic:
 *
 * Returns: (transfer none) (nullable): the topic chosen, or %NULL for
 *   the first row
 */
CeTopic *
_ce_analysis_selected_topic (GtkDropDown *dropdown,
                             GPtrArray   *topics)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > topics->len)
    return NULL;

  return g_ptr_array_index (topics, selected - 1);
}

GHashTable *
_ce_analysis_load_stopwords (GError **error)
{
  return ce_stopwords_load (NULL, error);
}

/* Tool bar parts ------------------------------------------------------------ */

/* Translates @items (marked with N_()) for a drop down */
GtkWidget *
_ce_analysis_drop_down_new_translated (const char         *name,
                                       const char * const *items)
{
  g_autoptr(GPtrArray) translated = g_ptr_array_new ();

  for (guint i = 0; items[i] != NULL; i++)
    g_ptr_array_add (translated, (gpointer)_(items[i]));
  g_ptr_array_add (translated, NULL);

  return _ce_analysis_drop_down_new (name, (const char * const *)translated->pdata);
}

/* A check button at the end of @toolbar */
GtkWidget *
_ce_analysis_add_check (GtkWidget  *toolbar,
                        const char *mnemonic,
                        const char *name,
                        const char *tooltip)
{
  GtkWidget *check = gtk_check_button_new_with_mnemonic (mnemonic);

  gtk_widget_set_name (check, name);
  gtk_widget_set_margin_start (check, 12);
  gtk_widget_set_tooltip_text (check, tooltip);
  gtk_box_append (GTK_BOX (toolbar), check);

  return check;
}

/* The summary of the results, at the end of @toolbar and pushing what
 * follows it to the right */
GtkLabel *
_ce_analysis_add_summary (GtkWidget *toolbar)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_START);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (toolbar), label);

  return GTK_LABEL (label);
}

/* A button, insensitive until there is something to export */
GtkWidget *
_ce_analysis_add_export_button (GtkWidget  *toolbar,
                                const char *mnemonic,
                                const char *name,
                                GCallback   clicked,
                                gpointer    view)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  gtk_widget_set_name (button, name);
  gtk_widget_set_sensitive (button, FALSE);
  g_signal_connect_object (button, "clicked", clicked, view, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (toolbar), button);

  return button;
}

/* Puts @toolbar and a separator below it at the top of @view, whose
 * layout is a vertical box */
void
_ce_analysis_toolbar_attach (GtkWidget *view,
                             GtkWidget *toolbar)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (view)),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_widget_set_parent (_ce_analysis_toolbar_wrap (toolbar), view);
  gtk_widget_set_parent (gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), view);
}

/* A chart and a table side by side */
GtkWidget *
_ce_analysis_paned_new (GtkWidget *start,
                        GtkWidget *end)
{
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);

  gtk_paned_set_start_child (GTK_PANED (paned), start);
  gtk_paned_set_end_child (GTK_PANED (paned), end);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_position (GTK_PANED (paned), 560);

  return paned;
}

/* Opens the export dialog for the chart of @view */
void
_ce_analysis_export_plot (GtkWidget *view,
                          CePlot    *plot)
{
  GtkRoot *root = gtk_widget_get_root (view);
  CeExportDialog *dialog;

  if (ce_plot_get_model (plot) == NULL)
    return;

  dialog = ce_export_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, plot);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
stopwords_changed_cb (GtkCheckButton *check)
{
  CeAnalysisSchedule *schedule = g_object_get_data (G_OBJECT (check), "ce-analysis-schedule");

  /* Results that kept the stop words do not change */
  if (gtk_check_button_get_active (check))
    _ce_analysis_schedule_queue (schedule);
}

/**
 * _ce_analysis_follow_stopwords:
 * @check: the view's check button that leaves stop words out
 * @schedule: the view's
 *
 * When the stop words are edited in Preferences, the view computes
 * again if it leaves them out: at once if it is shown, else when it is.
 */
void
_ce_analysis_follow_stopwords (GtkWidget          *check,
                               CeAnalysisSchedule *schedule)
{
  g_object_set_data (G_OBJECT (check), "ce-analysis-schedule", schedule);
  g_signal_connect_object (ce_stopwords_get_notifier (), "changed",
                           G_CALLBACK (stopwords_changed_cb), check, G_CONNECT_SWAPPED);
}

/**
 * _ce_analysis_take_query:
 * @query: (inout): the search a view last saw
 *
 * Keeps the search of @session in @query.
 *
 * Returns: whether it is another search than before
 */
gboolean
_ce_analysis_take_query (CeQuery   **query,
                         CeSession  *session)
{
  CeQuery *now = session != NULL ? ce_session_get_query (session) : NULL;

  if (*query != NULL && now != NULL &&
      g_strcmp0 (ce_query_get_text (*query), ce_query_get_text (now)) == 0)
    return FALSE;

  g_clear_pointer (query, ce_query_unref);
  if (now != NULL)
    *query = ce_query_ref (now);

  return TRUE;
}

void
_ce_analysis_part_set_session (CeAnalysisPart       *part,
                               GtkWidget            *view,
                               CeSession            *session,
                               const CeSessionWatch *watch)
{
  ce_session_watch (&part->session, session, view, watch);
  g_clear_pointer (&part->query, ce_query_unref);
}

void
_ce_analysis_part_run (CeAnalysisPart      *part,
                       GtkWidget           *view,
                       CeSessionFunc        func,
                       gpointer             data,
                       GDestroyNotify       data_destroy,
                       GDestroyNotify       result_destroy,
                       CeAnalysisProgress  *progress,
                       GAsyncReadyCallback  done)
{
  _ce_analysis_status_busy (&part->status, progress);
  ce_session_run_in_thread (part->session, func, data, data_destroy, result_destroy,
                            _ce_analysis_schedule_run (&part->schedule),
                            done, g_object_ref (view));
}

void
_ce_analysis_part_dispose (CeAnalysisPart *part,
                           GtkWidget      *view)
{
  GtkWidget *child;

  _ce_analysis_schedule_clear (&part->schedule);
  _ce_analysis_status_clear (&part->status);

  while ((child = gtk_widget_get_first_child (view)) != NULL)
    gtk_widget_unparent (child);

  ce_session_unwatch (&part->session, view);
  g_clear_pointer (&part->query, ce_query_unref);
  g_clear_object (&part->rows);
}
