/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-site-choice.h"
#include "yk-statistics-page.h"
#include "yk-date-entry.h"
#include "yk-reader-task.h"
#include "yk-figure-records-dialog.h"
#include "yk-file-chooser.h"
#include "yk-monthly-chart.h"
#include "yk-report-export.h"
#include "yk-report-format.h"
#include "yk-statistics-print.h"
#include "yk-unlocked-session.h"
#include "yk-validate.h"
#include "yk-workload-view.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

/* How long a computation may take before the page says it is busy. */
#define SPINNER_DELAY_MS 200

enum
{
  PERIOD_QUARTER,
  PERIOD_MONTH,
  PERIOD_RANGE,
};

struct _YkStatisticsPage
{
  GtkWidget parent_instance;

  GtkDropDown *period_kind_dropdown;
  GtkStack *period_stack;
  GtkDropDown *quarter_dropdown;
  GtkDropDown *month_dropdown;
  GtkStringList *quarters;
  GtkStringList *months;
  GtkWidget *from_entry; /* YkDateEntry */
  GtkWidget *to_entry;
  GtkDropDown *site_dropdown;
  GtkStringList *site_names;
  GtkLabel *site_label;
  GtkSpinner *spinner;
  GtkLabel *message_label;
  GtkWidget *content;
  GtkLabel *heading_label;
  GtkGrid *table_grid;
  GtkLabel *notes_label;
  GtkLabel *summary_label;
  YkMonthlyChart *contacts_chart;
  YkMonthlyChart *activities_chart;
  GtkStack *view_stack;
  YkWorkloadView *workload_view;

  YkUnlockedSession *session;
  GArray *site_ids;          /* gint64 per position of site_dropdown; 0: every site */
  char *range_period;        /* "2021-07-01..2021-09-30" once a range is asked for */
  gboolean filling;          /* the choosers are being filled: nothing to load yet */
  gboolean stale;            /* to load when next shown */
  char *workload_period;     /* the period the 工作量 tab is still to compute (NULL: none) */
  YkStatistics *statistics;  /* shown */

  GCancellable *cancellable; /* of the current load */
  GPtrArray *tasks;          /* GTask: every load whose worker may still hold a connection */
  guint spinner_source;
  gboolean loading;
};

G_DEFINE_FINAL_TYPE (YkStatisticsPage, yk_statistics_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char *period;
  gint64 site_id; /* picked in the site filter (0: all); the app clamps it */
} Request;

static void
request_free (Request *request)
{
  g_free (request->period);
  g_free (request);
}

static gpointer
compute (YkReader *reader, gpointer data, GCancellable *cancellable, GError **error)
{
  Request *request = data;

  return yk_statistics_compute (reader, request->period, request->site_id, cancellable, error);
}

/* "2021Q4" → 2021年第4季度; "2021-07" → 2021年7月. */
static char *
period_label (GtkStringObject *item,
              gpointer         user_data)
{
  const char *code = item != NULL ? gtk_string_object_get_string (item) : "";

  if (strlen (code) == 6 && code[4] == 'Q')
    /* TRANSLATORS: a quarter of a year in the period chooser: %1$d is the year, %2$d the quarter (1-4) */
    return g_strdup_printf (_("Q%2$d %1$d"), atoi (code), atoi (code + 5));
  if (strlen (code) == 7 && code[4] == '-')
    /* TRANSLATORS: a month in the period chooser: %1$d is the year, %2$d the month (1-12) */
    return g_strdup_printf (_("%2$d/%1$d"), atoi (code), atoi (code + 5));
  return g_strdup (code);
}

static void
show_message (YkStatisticsPage *self, const char *text, gboolean error)
{
  gtk_label_set_text (self->message_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL);
  if (error)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "success");
    }
}

static const char *
selected_code (GtkDropDown *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

/* The period the choosers ask for, NULL if a range is yet to be given. */
static const char *
chosen_period (YkStatisticsPage *self)
{
  switch (gtk_drop_down_get_selected (self->period_kind_dropdown))
    {
    case PERIOD_MONTH:
      return selected_code (self->month_dropdown);
    case PERIOD_RANGE:
      return self->range_period;
    case PERIOD_QUARTER:
    default:
      return selected_code (self->quarter_dropdown);
    }
}

static gint64
chosen_site (YkStatisticsPage *self)
{
  return yk_site_choice_selected (self->site_dropdown, self->site_ids);
}

static void
set_loading (YkStatisticsPage *self, gboolean loading)
{
  g_clear_handle_id (&self->spinner_source, g_source_remove);
  if (!loading)
    {
      gtk_spinner_stop (self->spinner);
      gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
      gtk_widget_set_sensitive (self->content, TRUE);
    }
  if (self->loading != loading)
    {
      self->loading = loading;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
}

static gboolean
spinner_cb (gpointer user_data)
{
  YkStatisticsPage *self = user_data;

  self->spinner_source = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  /* The figures under it are the previous period's. */
  gtk_widget_set_sensitive (self->content, FALSE);
  return G_SOURCE_REMOVE;
}

static void
cancel_load (YkStatisticsPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);
  if (self->workload_view != NULL)
    yk_workload_view_cancel (self->workload_view);
}

static gboolean
figures_visible (YkStatisticsPage *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "figures") == 0;
}

/* The 工作量 tab's figures, once computed for the page's period. */
static const YkWorkload *
shown_workload (YkStatisticsPage *self)
{
  if (self->statistics == NULL || figures_visible (self) || yk_workload_view_get_loading (self->workload_view))
    return NULL;
  return yk_workload_view_get_workload (self->workload_view);
}

/* Export writes what the tab shows; print and the rest are the figures'. */
static void
update_actions (YkStatisticsPage *self)
{
  gboolean shown = self->statistics != NULL && figures_visible (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "statistics.export", shown || shown_workload (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "statistics.print", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "statistics.copy-summary", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "statistics.show-records", shown);
}

static GtkWidget *
table_label (const char *text, gboolean heading, float xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_valign (label, GTK_ALIGN_END);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

static gboolean
is_stock (int indicator)
{
  return indicator == YK_INDICATOR_CASE_FILES_TOTAL || indicator == YK_INDICATOR_CASELOAD_ACTIVE ||
         indicator == YK_INDICATOR_IMPROVED;
}

/* The table: a header row, then a row per indicator (grid row k + 1):
 * its label, flow or stock, one column per site, 合计, 累计. Each figure
 * is a button opening the records it counts. */
static void
fill_table (YkStatisticsPage *self)
{
  const YkReport *r = self->statistics->report;
  guint n_sites = r->sites->len;
  /* A report of one site: its total is that site's. */
  gint64 total_site = n_sites == 1 ? ((YkReportSite *) r->sites->pdata[0])->site_id : 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table_grid))) != NULL)
    gtk_grid_remove (self->table_grid, child);

  gtk_grid_attach (self->table_grid, table_label (_("Indicator"), TRUE, 0), 0, 0, 1, 1);
  for (guint c = 0; c < n_sites + 2; c++)
    {
      const char *title = c < n_sites ? ((YkReportSite *) r->sites->pdata[c])->name
                                      : (c == n_sites ? _("Total") : _("Cumulative"));
      GtkWidget *label = table_label (title, TRUE, 1);

      /* Site names on one line: a name broken mid-word reads badly. */
      gtk_label_set_wrap (GTK_LABEL (label), FALSE);
      gtk_widget_set_margin_start (label, 12);
      if (c == n_sites + 1)
        gtk_widget_set_tooltip_text (label, _("From the pilot’s start to the end of the period"));
      gtk_grid_attach (self->table_grid, label, (int) c + 2, 0, 1, 1);
    }

  for (int k = 0; k < YK_N_INDICATORS; k++)
    {
      GtkWidget *label = table_label (yk_indicator_label ((YkIndicator) k), FALSE, 0);
      GtkWidget *kind = table_label (is_stock (k) ? _("at period end") : _("in period"), FALSE, 0);

      gtk_label_set_wrap (GTK_LABEL (label), FALSE);
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (kind, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (kind, "dim-label");
      gtk_widget_add_css_class (kind, "caption");
      gtk_widget_set_margin_end (kind, 12);
      gtk_widget_set_tooltip_text (kind, is_stock (k) ? _("The state at the end of the period (stock)")
                                                      : _("What happened within the period (flow)"));
      gtk_grid_attach (self->table_grid, label, 0, k + 1, 1, 1);
      gtk_grid_attach (self->table_grid, kind, 1, k + 1, 1, 1);

      for (guint c = 0; c < n_sites + 2; c++)
        {
          gboolean cumulative = c == n_sites + 1;
          gint64 site_id = c < n_sites ? ((YkReportSite *) r->sites->pdata[c])->site_id : total_site;
          gint64 value = c < n_sites ? ((YkReportSite *) r->sites->pdata[c])->values[k]
                                     : (cumulative ? r->cumulative[k] : r->total[k]);
          const char *column = c < n_sites ? ((YkReportSite *) r->sites->pdata[c])->name
                                           : (cumulative ? _("Cumulative") : _("Total"));
          g_autofree char *number = g_strdup_printf ("%lld", (long long) value);
          /* TRANSLATORS: what a screen reader says for a figure of the table: indicator, column, value */
          g_autofree char *description = g_strdup_printf (_("%1$s, %2$s: %3$s"), yk_indicator_label ((YkIndicator) k),
                                                          column, number);
          GtkWidget *button = gtk_button_new_with_label (number);
          GtkWidget *button_label = gtk_button_get_child (GTK_BUTTON (button));

          gtk_label_set_xalign (GTK_LABEL (button_label), 1);
          gtk_widget_add_css_class (button_label, "numeric");
          if (c == n_sites)
            gtk_widget_add_css_class (button_label, "heading");
          gtk_widget_add_css_class (button, "flat");
          gtk_widget_set_tooltip_text (button, _("List the records this figure counts"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "statistics.show-records");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ixb)", k, site_id, cumulative);
          gtk_grid_attach (self->table_grid, button, (int) c + 2, k + 1, 1, 1);
        }
    }
}

static void
show_statistics (YkStatisticsPage *self)
{
  const YkReport *r = self->statistics->report;
  g_autofree char *from = yk_date_chinese (r->from);
  g_autofree char *to = yk_date_chinese (r->to);
  g_autofree char *heading = NULL, *notes = yk_report_notes (r), *summary = yk_report_summary (r);
  GtkStringObject *item = gtk_string_object_new (self->statistics->period);
  g_autofree char *label = period_label (item, NULL);

  g_object_unref (item);
  if (strstr (self->statistics->period, "..") != NULL)
    /* TRANSLATORS: the heading of the statistics for a range of dates */
    heading = g_strdup_printf (_("%1$s to %2$s"), from, to);
  else
    /* TRANSLATORS: the heading of the statistics: the quarter or month, then its dates */
    heading = g_strdup_printf (_("%1$s (%2$s to %3$s)"), label, from, to);
  gtk_label_set_text (self->heading_label, heading);
  fill_table (self);
  gtk_label_set_text (self->notes_label, notes);
  gtk_label_set_text (self->summary_label, summary);
  yk_monthly_chart_set_months (self->contacts_chart, r, self->statistics->months);
  yk_monthly_chart_set_months (self->activities_chart, r, self->statistics->months);
  update_actions (self);
}

static void
statistics_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkStatistics) statistics = yk_reader_task_run_finish (result, &error);
  YkStatisticsPage *self;

  /* A newer load, a lock or the page's end cancelled it; the page may be gone. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  self = YK_STATISTICS_PAGE (user_data);
  if (statistics == NULL)
    show_message (self, error->message, TRUE);
  else
    {
      show_message (self, NULL, FALSE);
      g_clear_pointer (&self->statistics, yk_statistics_unref);
      self->statistics = g_steal_pointer (&statistics);
      show_statistics (self);
    }
  /* Last, so that whoever watches `loading` finds the new figures. */
  set_loading (self, FALSE);
}

static void
load_workload_if_shown (YkStatisticsPage *self)
{
  g_autofree char *period = NULL;

  if (self->workload_period == NULL || self->session == NULL || figures_visible (self))
    return;
  period = g_steal_pointer (&self->workload_period);
  yk_workload_view_load (self->workload_view, self->session, period, chosen_site (self));
}

/* Computes the chosen period in a worker, replacing any load under way. */
static void
load (YkStatisticsPage *self)
{
  YkSession *session = self->session ? yk_unlocked_session_get_session (self->session) : NULL;
  const char *period = chosen_period (self);
  Request *request;

  if (self->filling || session == NULL || period == NULL)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  cancel_load (self);
  /* Forget the loads whose workers are done. */
  for (guint i = self->tasks->len; i > 0; i--)
    if (g_task_get_completed (self->tasks->pdata[i - 1]))
      g_ptr_array_remove_index_fast (self->tasks, i - 1);

  request = g_new0 (Request, 1);
  request->period = g_strdup (period);
  request->site_id = chosen_site (self);
  self->cancellable = g_cancellable_new ();
  g_ptr_array_add (self->tasks,
                   yk_reader_task_run_async (self->session, compute, request,
                                             (GDestroyNotify) request_free, (GDestroyNotify) yk_statistics_unref,
                                             self->cancellable, statistics_cb, self));
  set_loading (self, TRUE);
  self->spinner_source = g_timeout_add (SPINNER_DELAY_MS, spinner_cb, self);
  /* The 工作量 tab shares the period and the site; it is computed when
   * shown, not for every choice made on the figures. */
  g_free (self->workload_period);
  self->workload_period = g_strdup (period);
  load_workload_if_shown (self);
}

static void
select_code (GtkDropDown *dropdown, GtkStringList *list, const char *code)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (list, i), code) == 0)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }
}

/* The periods from the pilot's start to today, the sites the person may
 * see, the latest quarter with records chosen. */
static void
fill_choosers (YkStatisticsPage *self)
{
  YkSession *session = yk_unlocked_session_get_session (self->session);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sites = NULL;
  g_autofree char *pilot_start = NULL, *latest = NULL;
  g_auto (GStrv) quarters = NULL;
  g_auto (GStrv) months = NULL;
  GDate today;

  if (session == NULL)
    return;
  sites = yk_statistics_sites (session, &error);
  if (sites == NULL)
    {
      show_message (self, error->message, TRUE);
      return;
    }
  self->filling = TRUE;
  yk_date_today (&today);
  pilot_start = yk_statistics_pilot_start (sites);
  quarters = yk_statistics_quarters (pilot_start, &today);
  months = yk_statistics_months (pilot_start, &today);
  gtk_string_list_splice (self->quarters, 0, g_list_model_get_n_items (G_LIST_MODEL (self->quarters)),
                          (const char *const *) quarters);
  gtk_string_list_splice (self->months, 0, g_list_model_get_n_items (G_LIST_MODEL (self->months)),
                          (const char *const *) months);
  latest = yk_statistics_default_quarter (session, &today, NULL);
  select_code (self->quarter_dropdown, self->quarters, latest);
  gtk_drop_down_set_selected (self->month_dropdown, 0);

  /* A social worker's figures are their own site's: no choice to make. */
  yk_site_choice_fill (self->site_dropdown, self->site_names, self->site_ids, sites,
                       yk_unlocked_session_is_coordinator (self->session) ? _("All sites") : NULL,
                       yk_unlocked_session_is_coordinator (self->session));
  gtk_widget_set_visible (GTK_WIDGET (self->site_label), !yk_unlocked_session_is_coordinator (self->session));
  if (sites->len > 0)
    gtk_label_set_text (self->site_label, ((YkSiteRow *) sites->pdata[0])->name);
  self->filling = FALSE;
  self->stale = TRUE;
}

static void
records_changed_cb (YkStatisticsPage *self,
                    gint64            client_id)
{
  load (self);
}

static void
unlocked_cb (YkStatisticsPage *self)
{
  if (!yk_unlocked_session_is_unlocked (self->session))
    cancel_load (self);
}

static void
period_kind_changed_cb (YkStatisticsPage *self)
{
  static const char *const pages[] = { "quarter", "month", "range" };
  guint kind = gtk_drop_down_get_selected (self->period_kind_dropdown);

  gtk_stack_set_visible_child_name (self->period_stack, pages[MIN (kind, PERIOD_RANGE)]);
  if (kind == PERIOD_RANGE && self->range_period == NULL)
    {
      /* Start from the period shown. */
      if (self->statistics != NULL)
        {
          gtk_editable_set_text (GTK_EDITABLE (self->from_entry), self->statistics->report->from);
          gtk_editable_set_text (GTK_EDITABLE (self->to_entry), self->statistics->report->to);
        }
      gtk_widget_grab_focus (GTK_WIDGET (self->from_entry));
      return;
    }
  load (self);
}

static void
view_changed_cb (YkStatisticsPage *self)
{
  load_workload_if_shown (self);
  update_actions (self);
}

static void
period_changed_cb (YkStatisticsPage *self)
{
  load (self);
}

static void
range_activate_cb (YkStatisticsPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "statistics.apply-range", NULL);
}

static void
apply_range_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  YkStatisticsPage *self = YK_STATISTICS_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *from_iso = NULL, *to_iso = NULL;
  GDate from, to, today;

  yk_date_today (&today);
  if (!yk_date_parse_typed (gtk_editable_get_text (GTK_EDITABLE (self->from_entry)), &today, &from, &error) ||
      !yk_date_parse_typed (gtk_editable_get_text (GTK_EDITABLE (self->to_entry)), &today, &to, &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  if (g_date_compare (&from, &to) > 0)
    {
      show_message (self, _("The range ends before it starts."), TRUE);
      return;
    }
  from_iso = yk_date_format_iso (&from);
  to_iso = yk_date_format_iso (&to);
  g_free (self->range_period);
  self->range_period = g_strdup_printf ("%s..%s", from_iso, to_iso);
  show_message (self, NULL, FALSE);
  load (self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  load (YK_STATISTICS_PAGE (widget));
}

static void
show_records_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  YkStatisticsPage *self = YK_STATISTICS_PAGE (widget);
  const YkReport *r;
  const char *column;
  GtkWidget *dialog;
  gint64 site_id;
  gboolean cumulative;
  int indicator;

  if (self->statistics == NULL || self->session == NULL)
    return;
  r = self->statistics->report;
  g_variant_get (parameter, "(ixb)", &indicator, &site_id, &cumulative);
  if (indicator < 0 || indicator >= YK_N_INDICATORS)
    return;
  column = cumulative ? _("Cumulative") : _("Total");
  if (r->sites->len > 1 || !cumulative)
    for (guint i = 0; i < r->sites->len && !cumulative; i++)
      if (((YkReportSite *) r->sites->pdata[i])->site_id == site_id)
        column = ((YkReportSite *) r->sites->pdata[i])->name;
  dialog = yk_figure_records_dialog_new (widget, self->session, r, (YkIndicator) indicator, site_id, cumulative, column);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
copy_summary_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  YkStatisticsPage *self = YK_STATISTICS_PAGE (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), gtk_label_get_text (self->summary_label));
  show_message (self, _("The summary is on the clipboard."), FALSE);
}

typedef struct
{
  YkStatisticsPage *self;
  char *format;
} Export;

static void
export_free (Export *export)
{
  g_object_unref (export->self);
  g_free (export->format);
  g_free (export);
}

static void
export_chosen_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Export *export = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = yk_file_chooser_finish (result, &error);

  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (export->self, error->message, TRUE);
    }
  else if (gtk_widget_get_root (GTK_WIDGET (export->self)) != NULL)
    {
      if (yk_statistics_page_save (export->self, export->format, file, &error))
        {
          g_autofree char *name = g_file_get_basename (file);
          /* TRANSLATORS: %1$s is a file name */
          g_autofree char *saved = g_strdup_printf (_("Saved “%1$s”."), name);

          show_message (export->self, saved, FALSE);
        }
      else
        show_message (export->self, error->message, TRUE);
    }
  export_free (export);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  YkStatisticsPage *self = YK_STATISTICS_PAGE (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  g_autofree char *name = NULL, *pattern = NULL;
  const char *filter;
  Export *export;

  if (self->statistics == NULL)
    return;
  if (!figures_visible (self) && shown_workload (self) == NULL)
    return;
  if (g_str_equal (format, "xlsx"))
    filter = _("Excel workbooks");
  else if (g_str_equal (format, "pdf"))
    filter = _("PDF documents");
  else if (g_str_equal (format, "csv"))
    filter = _("CSV files");
  else
    return;
  name = yk_statistics_page_suggest_file_name (self, format);
  pattern = g_strdup_printf ("*.%s", format);
  export = g_new0 (Export, 1);
  export->self = g_object_ref (self);
  export->format = g_strdup (format);
  yk_file_chooser_save_file (GTK_WINDOW (gtk_widget_get_root (widget)),
                             figures_visible (self) ? _("Export Statistics") : _("Export Workload"), name, filter,
                             pattern, export_chosen_cb, export);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  YkStatisticsPage *self = YK_STATISTICS_PAGE (widget);
  g_autoptr (GError) error = NULL;

  if (self->statistics == NULL)
    return;
  if (!yk_statistics_print (GTK_WINDOW (gtk_widget_get_root (widget)), self->statistics, NULL, &error))
    show_message (self, error->message, TRUE);
}

static void
yk_statistics_page_map (GtkWidget *widget)
{
  YkStatisticsPage *self = YK_STATISTICS_PAGE (widget);

  GTK_WIDGET_CLASS (yk_statistics_page_parent_class)->map (widget);
  if (self->stale)
    load (self);
}

static void
yk_statistics_page_dispose (GObject *object)
{
  YkStatisticsPage *self = YK_STATISTICS_PAGE (object);
  GtkWidget *child;

  /* No worker may hold a connection once the page is gone: a lock
   * closes the session right after. */
  cancel_load (self);
  for (guint i = 0; i < self->tasks->len; i++)
    yk_reader_task_wait (self->tasks->pdata[i]);
  g_ptr_array_set_size (self->tasks, 0);

  gtk_widget_dispose_template (GTK_WIDGET (self), YK_TYPE_STATISTICS_PAGE);
  /* The template's unnamed top-level children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  g_clear_pointer (&self->statistics, yk_statistics_unref);
  G_OBJECT_CLASS (yk_statistics_page_parent_class)->dispose (object);
}

static void
yk_statistics_page_finalize (GObject *object)
{
  YkStatisticsPage *self = YK_STATISTICS_PAGE (object);

  g_ptr_array_unref (self->tasks);
  g_array_unref (self->site_ids);
  g_free (self->range_period);
  g_free (self->workload_period);
  G_OBJECT_CLASS (yk_statistics_page_parent_class)->finalize (object);
}

static void
yk_statistics_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  YkStatisticsPage *self = YK_STATISTICS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_session (YkStatisticsPage *self, YkUnlockedSession *session)
{
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  cancel_load (self);
  g_set_object (&self->session, session);
  if (session == NULL)
    return;
  g_signal_connect_object (session, "records-changed", G_CALLBACK (records_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::unlocked", G_CALLBACK (unlocked_cb), self, G_CONNECT_SWAPPED);
  fill_choosers (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
}

static void
yk_statistics_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  YkStatisticsPage *self = YK_STATISTICS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      if (self->session != g_value_get_object (value))
        {
          set_session (self, g_value_get_object (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_statistics_page_class_init (YkStatisticsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (YK_TYPE_DATE_ENTRY);
  object_class->dispose = yk_statistics_page_dispose;
  object_class->finalize = yk_statistics_page_finalize;
  object_class->get_property = yk_statistics_page_get_property;
  object_class->set_property = yk_statistics_page_set_property;
  widget_class->map = yk_statistics_page_map;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, YK_TYPE_UNLOCKED_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (YK_TYPE_MONTHLY_CHART);
  g_type_ensure (YK_TYPE_WORKLOAD_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-statistics-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, YkStatisticsPage, period_kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, YkStatisticsPage, period_stack);
  gtk_widget_class_bind_template_child (widget_class, YkStatisticsPage, quarter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, YkStatisticsPage, month_dropdown);
  gtk_widget_class_bind_template_child (widget_class, YkStatisticsPage, quarters);
  gtk_widget_class_bind_template_child (widget_class, YkStatisticsPage, months);
  gtk_widget_class_bind_template_child (widget_class, YkStatisticsPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, YkStatisticsPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, YkStatisticsPage, site_dropdown);
  gtk_widget_class_bind_template_child (widget_class, YkStatisticsPage, site_names);
  gtk_widget_class_bind_template_child (widget_class, YkStatisticsPage, site_label);
  gtk_widget_class_bind_template_child (widget_class, YkStatisticsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, YkStatisticsPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, YkStatisticsPage, content);
  gtk_widget_class_bind_template_child (widget_class, YkStatisticsPage, heading_label);
  gtk_widget_class_bind_template_child (widget_class, YkStatisticsPage, table_grid);
  gtk_widget_class_bind_template_child (widget_class, YkStatisticsPage, notes_label);
  gtk_widget_class_bind_template_child (widget_class, YkStatisticsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, YkStatisticsPage, contacts_chart);
  gtk_widget_class_bind_template_child (widget_class, YkStatisticsPage, activities_chart);
  gtk_widget_class_bind_template_child (widget_class, YkStatisticsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, YkStatisticsPage, workload_view);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, period_kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, range_activate_cb);

  gtk_widget_class_install_action (widget_class, "statistics.show-records", "(ixb)", show_records_action);
  gtk_widget_class_install_action (widget_class, "statistics.apply-range", NULL, apply_range_action);
  gtk_widget_class_install_action (widget_class, "statistics.refresh", NULL, refresh_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "statistics.refresh", NULL);
  gtk_widget_class_install_action (widget_class, "statistics.copy-summary", NULL, copy_summary_action);
  gtk_widget_class_install_action (widget_class, "statistics.export", "s", export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "statistics.export", "s", "xlsx");
  gtk_widget_class_install_action (widget_class, "statistics.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "statistics.print", NULL);
}

static void
yk_statistics_page_init (YkStatisticsPage *self)
{
  GtkExpression *label = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL, G_CALLBACK (period_label),
                                                       NULL, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* No visible label names these two (a mnemonic label would name the
   * entry inside too): the entry a screen reader lands on says which. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (yk_date_entry_get_entry (YK_DATE_ENTRY (self->from_entry))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("From"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (yk_date_entry_get_entry (YK_DATE_ENTRY (self->to_entry))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("To"), -1);
  self->site_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_drop_down_set_expression (self->quarter_dropdown, label);
  gtk_drop_down_set_expression (self->month_dropdown, label);
  gtk_expression_unref (label);
  update_actions (self);
}

gboolean
yk_statistics_page_get_loading (YkStatisticsPage *self)
{
  g_return_val_if_fail (YK_IS_STATISTICS_PAGE (self), FALSE);
  return self->loading;
}

YkStatistics *
yk_statistics_page_get_statistics (YkStatisticsPage *self)
{
  g_return_val_if_fail (YK_IS_STATISTICS_PAGE (self), NULL);
  return self->statistics;
}

char *
yk_statistics_page_suggest_file_name (YkStatisticsPage *self,
                                      const char       *format)
{
  g_return_val_if_fail (YK_IS_STATISTICS_PAGE (self), NULL);
  g_return_val_if_fail (self->statistics != NULL, NULL);
  if (!figures_visible (self))
    return yk_statistics_workload_file_name (self->statistics, format);
  return yk_statistics_file_name (self->statistics, format);
}

/* The 工作量 tab's export: the formats of `yukang report --by worker`. */
static gboolean
save_workload (YkStatisticsPage *self,
               const char       *format,
               GFile            *file,
               GError          **error)
{
  const YkWorkload *workload = shown_workload (self);
  g_autofree char *path = NULL;

  if (workload == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING, _("The workload is still being computed."));
      return FALSE;
    }
  if (g_str_equal (format, "csv"))
    {
      g_autofree char *csv = yk_workload_to_csv (workload);

      return g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                      NULL, error);
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Choose a file on this computer."));
      return FALSE;
    }
  if (g_str_equal (format, "xlsx"))
    return yk_workload_write_xlsx (workload, path, error);
  return yk_workload_write_pdf (workload, path, error);
}

gboolean
yk_statistics_page_save (YkStatisticsPage *self,
                         const char       *format,
                         GFile            *file,
                         GError          **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (YK_IS_STATISTICS_PAGE (self), FALSE);
  g_return_val_if_fail (self->statistics != NULL, FALSE);

  if (!figures_visible (self))
    return save_workload (self, format, file, error);
  if (g_str_equal (format, "csv"))
    {
      g_autofree char *csv = yk_report_to_csv (self->statistics->report);

      return g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                      NULL, error);
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Choose a file on this computer."));
      return FALSE;
    }
  if (g_str_equal (format, "xlsx"))
    return yk_report_write_xlsx (self->statistics->report, self->statistics->months, path, error);
  return yk_report_write_pdf (self->statistics->report, self->statistics->months, path, error);
}

gboolean
yk_statistics_page_print_to_file (YkStatisticsPage *self,
                                  const char       *path,
                                  GError          **error)
{
  GtkRoot *root;

  g_return_val_if_fail (YK_IS_STATISTICS_PAGE (self), FALSE);
  g_return_val_if_fail (self->statistics != NULL, FALSE);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  return yk_statistics_print (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->statistics, path, error);
}
