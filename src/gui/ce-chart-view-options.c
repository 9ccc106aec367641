/* ce-chart-view-options.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chart's options: kind, grouping, measure, top N and order, what
 * each makes sensible, and how they are kept in the settings.
 */

#define G_LOG_DOMAIN "ce-chart-view"

#include "config.h"

#include <glib/gi18n.h>

#include "ce-chart-count.h"
#include "ce-chart-view-private.h"

static const struct {
  const char *name;
  CeGroupBy   by;
} groupings[] = {
  { "auto", CE_GROUP_DATE_AUTO },
  { "day", CE_GROUP_DAY },
  { "week", CE_GROUP_WEEK },
  { "month", CE_GROUP_MONTH },
  { "quarter", CE_GROUP_QUARTER },
  { "year", CE_GROUP_YEAR },
  { "document", CE_GROUP_DOCUMENT },
  { "place", CE_GROUP_PLACE },
  { "source", CE_GROUP_SOURCE },
  { "section", CE_GROUP_SECTION },
  { "author", CE_GROUP_AUTHOR },
};

static const CeMeasure measures[] = {
  CE_MEASURE_MENTIONS, CE_MEASURE_PER_10K, CE_MEASURE_DOCUMENTS, CE_MEASURE_SHARE,
};

/* Positions in sort_dropdown */
enum { SORT_VALUE, SORT_NATURAL };

CePlotKind
_ce_chart_view_get_kind (CeChartView *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);

  /* The menu lists the kinds in the order of CePlotKind */
  return selected <= CE_PLOT_DISPERSION ? (CePlotKind)selected : CE_PLOT_BARS;
}

CeGroupBy
_ce_chart_view_get_group_by (CeChartView *self)
{
  guint selected = gtk_drop_down_get_selected (self->grouping_dropdown);

  return selected < G_N_ELEMENTS (groupings) ? groupings[selected].by : CE_GROUP_DATE_AUTO;
}

CeMeasure
_ce_chart_view_get_measure (CeChartView *self)
{
  guint selected = gtk_drop_down_get_selected (self->measure_dropdown);

  return measures[MIN (selected, G_N_ELEMENTS (measures) - 1)];
}

CeCategorySort
_ce_chart_view_get_sort (CeChartView *self)
{
  return gtk_drop_down_get_selected (self->sort_dropdown) == SORT_NATURAL
         ? CE_CATEGORY_SORT_NATURAL : CE_CATEGORY_SORT_VALUE;
}

gboolean
_ce_chart_view_is_date_grouping (CeGroupBy by)
{
  return by == CE_GROUP_DATE_AUTO || by == CE_GROUP_DAY || by == CE_GROUP_WEEK ||
         by == CE_GROUP_MONTH || by == CE_GROUP_QUARTER || by == CE_GROUP_YEAR;
}

void
_ce_chart_view_update_sensitivity (CeChartView *self)
{
  gboolean dispersion = _ce_chart_view_get_kind (self) == CE_PLOT_DISPERSION;
  gboolean dates = !dispersion && _ce_chart_view_is_date_grouping (_ce_chart_view_get_group_by (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->grouping_dropdown), !dispersion);
  gtk_widget_set_sensitive (GTK_WIDGET (self->grouping_label), !dispersion);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->grouping_dropdown),
                               dispersion ? _("A Dispersion Chart Has a Row for Each Document")
                                          : _("What the Categories Are"));

  gtk_widget_set_sensitive (GTK_WIDGET (self->top_spin), !dates);
  gtk_widget_set_sensitive (GTK_WIDGET (self->top_label), !dates);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->top_spin),
                               dates ? _("Every Period Is Shown")
                                     : dispersion ? _("Documents Shown, Those with the Most Mentions")
                                                  : _("Largest Categories Shown; the Rest Are Folded into “Other”"));
}

void
_ce_chart_view_save_settings (CeChartView *self)
{
  guint grouping = gtk_drop_down_get_selected (self->grouping_dropdown);
  guint measure = gtk_drop_down_get_selected (self->measure_dropdown);
  g_autoptr(GEnumClass) kinds = g_type_class_ref (CE_TYPE_PLOT_KIND);

  if (self->loading)
    return;

  g_settings_set_string (self->settings, "chart-kind", g_enum_get_value (kinds, _ce_chart_view_get_kind (self))->value_nick);
  if (grouping < G_N_ELEMENTS (groupings))
    g_settings_set_string (self->settings, "chart-grouping", groupings[grouping].name);
  if (measure < G_N_ELEMENTS (measures))
    g_settings_set_string (self->settings, "chart-measure", ce_measure_to_string (measures[measure]));
  g_settings_set_int (self->settings, "chart-top-n", gtk_spin_button_get_value_as_int (self->top_spin));
  g_settings_set_boolean (self->settings, "chart-unique", gtk_toggle_button_get_active (self->unique_button));
}

void
_ce_chart_view_set_natural_sort (CeChartView *self)
{
  CeGroupBy by = _ce_chart_view_get_group_by (self);

  /* Dates read best in time order; places and sources by size */
  gtk_drop_down_set_selected (self->sort_dropdown,
                              ce_chart_count_default_sort (by) == CE_CHART_SORT_NATURAL
                              ? SORT_NATURAL : SORT_VALUE);
}

void
_ce_chart_view_load_settings (CeChartView *self)
{
  g_autofree char *kind = g_settings_get_string (self->settings, "chart-kind");
  g_autofree char *grouping = g_settings_get_string (self->settings, "chart-grouping");
  g_autofree char *measure = g_settings_get_string (self->settings, "chart-measure");
  g_autoptr(GEnumClass) kinds = g_type_class_ref (CE_TYPE_PLOT_KIND);
  const GEnumValue *kind_value;
  CeMeasure parsed;

  self->loading = TRUE;

  kind_value = g_enum_get_value_by_nick (kinds, kind);
  if (kind_value != NULL)
    gtk_drop_down_set_selected (self->kind_dropdown, kind_value->value);

  for (guint i = 0; i < G_N_ELEMENTS (groupings); i++)
    if (g_str_equal (grouping, groupings[i].name))
      gtk_drop_down_set_selected (self->grouping_dropdown, i);

  if (ce_measure_parse (measure, &parsed, NULL))
    for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
      if (measures[i] == parsed)
        gtk_drop_down_set_selected (self->measure_dropdown, i);

  gtk_spin_button_set_value (self->top_spin, g_settings_get_int (self->settings, "chart-top-n"));
  gtk_toggle_button_set_active (self->unique_button, g_settings_get_boolean (self->settings, "chart-unique"));
  _ce_chart_view_set_natural_sort (self);

  self->loading = FALSE;
  _ce_chart_view_update_sensitivity (self);
}

