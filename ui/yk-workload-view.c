/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-workload-view.h"
#include "yk-figure-records-dialog.h"
#include "yk-reader-task.h"
#include "yk-report.h"
#include "yk-training.h"
#include "yk-workload-records.h"

#include <glib/gi18n.h>

/* How long a computation may take before the view says it is busy. */
#define SPINNER_DELAY_MS 200

/* The table's figure columns, in order, after the name and the site: the
 * one place a new column of YkWorkloadRow is added. */
static const YkWorkloadFigure columns[] = {
  YK_WORKLOAD_HOME_VISITS, YK_WORKLOAD_PHONE_FOLLOWUPS, YK_WORKLOAD_UNREACHED, YK_WORKLOAD_ASSESSMENTS,
  YK_WORKLOAD_ACTIVITIES,  YK_WORKLOAD_ATTENDANCES,     YK_WORKLOAD_MINUTES,   YK_WORKLOAD_PEOPLE,
};

/* Grid columns before the figures: the name, the site. */
#define FIRST_FIGURE_COLUMN 2
/* After the figures: the training hours of the period, and of the year. */
#define N_TRAINING_COLUMNS 2
#define N_TABLE_COLUMNS (FIRST_FIGURE_COLUMN + (int) G_N_ELEMENTS (columns) + N_TRAINING_COLUMNS)

struct _YkWorkloadView
{
  GtkWidget parent_instance;

  GtkLabel *heading_label;
  GtkSpinner *spinner;
  GtkLabel *message_label;
  GtkGrid *table_grid;
  GtkLabel *training_note;
  GtkWidget *bars_heading;
  GtkGrid *bars_grid;

  YkUnlockedSession *session; /* of the last load, for the drill-down */
  YkWorkload *workload;       /* shown */
  GCancellable *cancellable;  /* of the current load */
  GPtrArray *tasks;           /* GTask: every load whose worker may still hold a connection */
  guint spinner_source;
  gboolean loading;
};

G_DEFINE_FINAL_TYPE (YkWorkloadView, yk_workload_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char *period;
  gint64 site_id;
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

  return yk_workload_compute (reader, request->period, request->site_id, cancellable, error);
}

/* A drill-down's question: one cell of the table. */
typedef struct
{
  char *from;
  char *to;
  gint64 staff_id;
  gint64 site_id;
  YkWorkloadFigure figure;
  gboolean year; /* a training cell: the year's hours, else the period's */
} Cell;

static void
cell_free (Cell *cell)
{
  g_free (cell->from);
  g_free (cell->to);
  g_free (cell);
}

static gpointer
list_records (YkReader *reader, gpointer data, GCancellable *cancellable, GError **error)
{
  Cell *cell = data;

  return yk_workload_records_list (reader, cell->from, cell->to, cell->staff_id, cell->site_id, cell->figure,
                                   cancellable, error);
}

static gpointer
list_training (YkReader *reader, gpointer data, GCancellable *cancellable, GError **error)
{
  Cell *cell = data;

  return yk_workload_training_list (reader, cell->from, cell->to, cell->staff_id, cell->site_id, cell->year,
                                    cancellable, error);
}

static void
show_message (YkWorkloadView *self, const char *text, gboolean error)
{
  gtk_label_set_text (self->message_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL);
  if (error)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "dim-label");
    }
}

static void
set_loading (YkWorkloadView *self, gboolean loading)
{
  g_clear_handle_id (&self->spinner_source, g_source_remove);
  if (!loading)
    {
      gtk_spinner_stop (self->spinner);
      gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->table_grid), TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->bars_grid), TRUE);
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
  YkWorkloadView *self = user_data;

  self->spinner_source = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  /* The figures under it are the previous period's. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->table_grid), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->bars_grid), FALSE);
  return G_SOURCE_REMOVE;
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
table_label (const char *text, gboolean heading, float xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 6);
  gtk_label_set_justify (GTK_LABEL (label), xalign > 0.5 ? GTK_JUSTIFY_RIGHT : GTK_JUSTIFY_LEFT);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_valign (label, GTK_ALIGN_END);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

/* A flat button for a figure cell, right-aligned, opening `action`
 * with `target`: what a screen reader says is `description`. */
static GtkWidget *
cell_button (const char *text, gboolean total, const char *description, const char *action, GVariant *target)
{
  GtkWidget *button = gtk_button_new_with_label (text);
  GtkWidget *button_label = gtk_button_get_child (GTK_BUTTON (button));

  gtk_label_set_xalign (GTK_LABEL (button_label), 1);
  gtk_widget_add_css_class (button_label, "yk-numeric");
  if (total)
    gtk_widget_add_css_class (button_label, "heading");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("List the records this figure counts"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

/* A row's training hours: the period's, then the year's, each opening
 * the sessions it counts; a social worker below the year's 20 hours is
 * marked in words and colour alike. */
static void
add_training_cells (YkWorkloadView *self, int y, const YkWorkloadRow *row, const char *row_name, gboolean total)
{
  for (int k = 0; k < N_TRAINING_COLUMNS; k++)
    {
      gboolean year = k == 1;
      g_autofree char *hours = yk_training_hours_format (year ? row->training_year_tenths : row->training_tenths);
      gboolean below = year && row->training_below_goal;
      g_autofree char *text = below ? g_strdup_printf ("%s %s", hours, yk_workload_below_goal_mark ()) : NULL;
      /* TRANSLATORS: what a screen reader says for a figure of the table: indicator, column, value */
      g_autofree char *description = g_strdup_printf (_("%1$s, %2$s: %3$s"), yk_workload_training_label (year),
                                                      row_name, below ? text : hours);
      GtkWidget *button = cell_button (below ? text : hours, total, description, "workload.show-training",
                                       g_variant_new ("(bxxs)", year, row->staff_id, row->site_id, row_name));

      gtk_widget_set_margin_start (button, 6);
      if (below)
        gtk_widget_add_css_class (gtk_button_get_child (GTK_BUTTON (button)), "yk-overdue");
      gtk_grid_attach (self->table_grid, button, FIRST_FIGURE_COLUMN + (int) G_N_ELEMENTS (columns) + k, y, 1, 1);
    }
}

/* One row of the table: its name and site, then a button per figure
 * opening the records it counts (a worker's own, or a site's or the
 * total's: staff_id 0). */
static void
add_row (YkWorkloadView *self, int y, const YkWorkloadRow *row, const char *name, const char *site, gboolean total)
{
  GtkWidget *name_label = table_label (name, total, 0);
  GtkWidget *site_label = table_label (site != NULL ? site : "", FALSE, 0);
  /* TRANSLATORS: a site's total row of the workload table, as a screen reader and the records list name it: %1$s is the site */
  g_autofree char *row_name = site != NULL && total ? g_strdup_printf (_("%1$s, site total"), site) : g_strdup (name);

  gtk_label_set_wrap (GTK_LABEL (name_label), FALSE);
  gtk_label_set_wrap (GTK_LABEL (site_label), FALSE);
  gtk_widget_set_valign (name_label, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (site_label, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_end (site_label, 12);
  gtk_widget_add_css_class (site_label, "dim-label");
  gtk_grid_attach (self->table_grid, name_label, 0, y, 1, 1);
  gtk_grid_attach (self->table_grid, site_label, 1, y, 1, 1);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      YkWorkloadFigure figure = columns[c];
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, row->values[figure]);
      /* TRANSLATORS: what a screen reader says for a figure of the table: indicator, column, value */
      g_autofree char *description = g_strdup_printf (_("%1$s, %2$s: %3$s"), yk_workload_label (figure), row_name,
                                                      number);

      gtk_grid_attach (self->table_grid,
                       cell_button (number, total, description, "workload.show-records",
                                    g_variant_new ("(ixxs)", (int) figure, row->staff_id, row->site_id, row_name)),
                       FIRST_FIGURE_COLUMN + (int) c, y, 1, 1);
    }
  add_training_cells (self, y, row, row_name, total);
}

/* The header, a row per worker, each site's total (站点合计), the total (合计). */
static void
fill_table (YkWorkloadView *self)
{
  const YkWorkload *w = self->workload;
  int y = 0;

  clear_grid (self->table_grid);
  gtk_grid_attach (self->table_grid, table_label (_("Worker"), TRUE, 0), 0, y, 1, 1);
  gtk_grid_attach (self->table_grid, table_label (_("Site"), TRUE, 0), 1, y, 1, 1);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      GtkWidget *label = table_label (yk_workload_label (columns[c]), TRUE, 1);
      g_autoptr (GString) text = g_string_new (yk_workload_label (columns[c]));

      /* The unit on a line of its own: 未联系上 broken mid-word reads badly. */
      g_string_replace (text, "（", "\n（", 1);
      gtk_label_set_text (GTK_LABEL (label), text->str);
      gtk_label_set_wrap (GTK_LABEL (label), FALSE);
      gtk_widget_set_margin_start (label, 6);
      gtk_grid_attach (self->table_grid, label, FIRST_FIGURE_COLUMN + (int) c, y, 1, 1);
    }
  for (int k = 0; k < N_TRAINING_COLUMNS; k++)
    {
      g_autoptr (GString) text = g_string_new (yk_workload_training_label (k == 1));
      GtkWidget *label = table_label (NULL, TRUE, 1);

      g_string_replace (text, "（", "\n（", 1);
      gtk_label_set_text (GTK_LABEL (label), text->str);
      gtk_label_set_wrap (GTK_LABEL (label), FALSE);
      gtk_widget_set_margin_start (label, 12);
      gtk_grid_attach (self->table_grid, label, FIRST_FIGURE_COLUMN + (int) G_N_ELEMENTS (columns) + k, y, 1, 1);
    }
  y++;
  for (guint i = 0; i < w->workers->len; i++)
    {
      const YkWorkloadRow *row = w->workers->pdata[i];

      add_row (self, y++, row, row->name, row->site_name, FALSE);
    }
  /* A rule between the workers and the totals. */
  gtk_grid_attach (self->table_grid, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), 0, y++, N_TABLE_COLUMNS, 1);
  for (guint i = 0; i < w->sites->len; i++)
    {
      const YkWorkloadRow *row = w->sites->pdata[i];

      add_row (self, y++, row, _("Site total"), row->site_name, TRUE);
    }
  /* One site shown: its total is the total, said once. */
  if (w->sites->len != 1)
    add_row (self, y++, w->total, _("Total"), NULL, TRUE);
}

static gint64
reached_services (const YkWorkloadRow *row)
{
  return row->values[YK_WORKLOAD_HOME_VISITS] + row->values[YK_WORKLOAD_PHONE_FOLLOWUPS];
}

/* A bar per worker of their reached services, scaled to the largest. */
static void
fill_bars (YkWorkloadView *self)
{
  const YkWorkload *w = self->workload;
  gint64 largest = 1;

  clear_grid (self->bars_grid);
  for (guint i = 0; i < w->workers->len; i++)
    largest = MAX (largest, reached_services (w->workers->pdata[i]));
  for (guint i = 0; i < w->workers->len; i++)
    {
      const YkWorkloadRow *row = w->workers->pdata[i];
      gint64 value = reached_services (row);
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, value);
      /* TRANSLATORS: what a screen reader says for a worker's bar: their name and reached services */
      g_autofree char *description = g_strdup_printf (_("%1$s: %2$s reached services"), row->name, number);
      GtkWidget *name = gtk_label_new (row->name);
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, (double) largest);
      GtkWidget *figure = gtk_label_new (number);

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      /* One colour whatever the value: a bigger load is not "better". */
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), (double) value);
      gtk_widget_set_size_request (bar, 360, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
      gtk_label_set_xalign (GTK_LABEL (figure), 1);
      gtk_widget_add_css_class (figure, "yk-numeric");
      gtk_label_set_width_chars (GTK_LABEL (figure), 4);
      gtk_grid_attach (self->bars_grid, name, 0, (int) i, 1, 1);
      gtk_grid_attach (self->bars_grid, bar, 1, (int) i, 1, 1);
      gtk_grid_attach (self->bars_grid, figure, 2, (int) i, 1, 1);
    }
}

static void
show_workload (YkWorkloadView *self)
{
  const YkWorkload *w = self->workload;
  g_autofree char *from = yk_date_chinese (w->from), *to = yk_date_chinese (w->to);
  /* TRANSLATORS: the heading of the statistics for a range of dates */
  g_autofree char *heading = g_strdup_printf (_("%1$s to %2$s"), from, to);
  gboolean any = w->workers->len > 0;

  gtk_label_set_text (self->heading_label, heading);
  gtk_label_set_text (self->training_note, yk_workload_training_note ());
  gtk_widget_set_visible (GTK_WIDGET (self->training_note), any);
  fill_table (self);
  fill_bars (self);
  gtk_widget_set_visible (self->bars_heading, any);
  show_message (self, any ? NULL : _("No social worker has an account at the sites shown, and nobody recorded any work in the period."), FALSE);
}

static void
workload_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkWorkload) workload = yk_reader_task_run_finish (result, &error);
  YkWorkloadView *self;

  /* A newer load, a lock or the view's end cancelled it; the view may be gone. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  self = YK_WORKLOAD_VIEW (user_data);
  if (workload == NULL)
    {
      set_loading (self, FALSE);
      show_message (self, error->message, TRUE);
      return;
    }
  g_clear_pointer (&self->workload, yk_workload_free);
  self->workload = g_steal_pointer (&workload);
  show_workload (self);
  /* Last: whoever watches "loading" finds the new workload in place. */
  set_loading (self, FALSE);
}

static void
show_records_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  YkWorkloadView *self = YK_WORKLOAD_VIEW (widget);
  g_autofree char *from = NULL, *to = NULL, *subtitle = NULL;
  const char *row_name;
  GtkWidget *dialog;
  gint64 staff_id, site_id;
  Cell *cell;
  int figure;

  if (self->workload == NULL || self->session == NULL)
    return;
  g_variant_get (parameter, "(ixx&s)", &figure, &staff_id, &site_id, &row_name);
  if (figure < 0 || figure >= YK_N_WORKLOAD)
    return;
  cell = g_new0 (Cell, 1);
  cell->from = g_strdup (self->workload->from);
  cell->to = g_strdup (self->workload->to);
  cell->staff_id = staff_id;
  cell->site_id = site_id;
  cell->figure = (YkWorkloadFigure) figure;
  from = yk_date_chinese (self->workload->from);
  to = yk_date_chinese (self->workload->to);
  /* TRANSLATORS: a column of the statistics (a site, 合计 or 累计) and its period */
  subtitle = g_strdup_printf (_("%1$s · %2$s to %3$s"), row_name, from, to);
  dialog = yk_figure_records_dialog_new_for_list (widget, self->session, yk_workload_label (cell->figure), subtitle,
                                                  list_records, cell, (GDestroyNotify) cell_free);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The sessions behind a training cell, in the period or in the year of
 * its end, whose dates the subtitle gives. */
static void
show_training_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  YkWorkloadView *self = YK_WORKLOAD_VIEW (widget);
  g_autofree char *year_from = NULL, *year_to = NULL, *from = NULL, *to = NULL, *subtitle = NULL;
  const char *row_name;
  GtkWidget *dialog;
  gint64 staff_id, site_id;
  gboolean year;
  Cell *cell;

  if (self->workload == NULL || self->session == NULL)
    return;
  g_variant_get (parameter, "(bxx&s)", &year, &staff_id, &site_id, &row_name);
  cell = g_new0 (Cell, 1);
  cell->from = g_strdup (self->workload->from);
  cell->to = g_strdup (self->workload->to);
  cell->staff_id = staff_id;
  cell->site_id = site_id;
  cell->year = year;
  yk_workload_training_year (self->workload->to, &year_from, &year_to);
  from = yk_date_chinese (year ? year_from : self->workload->from);
  to = yk_date_chinese (year ? year_to : self->workload->to);
  /* TRANSLATORS: a column of the statistics (a site, 合计 or 累计) and its period */
  subtitle = g_strdup_printf (_("%1$s · %2$s to %3$s"), row_name, from, to);
  dialog = yk_figure_records_dialog_new_for_hours (widget, self->session, yk_workload_training_label (year), subtitle,
                                                   list_training, cell, (GDestroyNotify) cell_free);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
yk_workload_view_dispose (GObject *object)
{
  YkWorkloadView *self = YK_WORKLOAD_VIEW (object);
  GtkWidget *child;

  /* No worker may hold a connection once the view is gone: a lock
   * closes the session right after. */
  yk_workload_view_cancel (self);
  for (guint i = 0; i < self->tasks->len; i++)
    yk_reader_task_wait (self->tasks->pdata[i]);
  g_ptr_array_set_size (self->tasks, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), YK_TYPE_WORKLOAD_VIEW);
  /* The template's unbound top-level child too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  g_clear_pointer (&self->workload, yk_workload_free);
  G_OBJECT_CLASS (yk_workload_view_parent_class)->dispose (object);
}

static void
yk_workload_view_finalize (GObject *object)
{
  YkWorkloadView *self = YK_WORKLOAD_VIEW (object);

  g_ptr_array_unref (self->tasks);
  G_OBJECT_CLASS (yk_workload_view_parent_class)->finalize (object);
}

static void
yk_workload_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  YkWorkloadView *self = YK_WORKLOAD_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_workload_view_class_init (YkWorkloadViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yk_workload_view_dispose;
  object_class->finalize = yk_workload_view_finalize;
  object_class->get_property = yk_workload_view_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-workload-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, YkWorkloadView, heading_label);
  gtk_widget_class_bind_template_child (widget_class, YkWorkloadView, spinner);
  gtk_widget_class_bind_template_child (widget_class, YkWorkloadView, message_label);
  gtk_widget_class_bind_template_child (widget_class, YkWorkloadView, table_grid);
  gtk_widget_class_bind_template_child (widget_class, YkWorkloadView, training_note);
  gtk_widget_class_bind_template_child (widget_class, YkWorkloadView, bars_heading);
  gtk_widget_class_bind_template_child (widget_class, YkWorkloadView, bars_grid);

  gtk_widget_class_install_action (widget_class, "workload.show-records", "(ixxs)", show_records_action);
  gtk_widget_class_install_action (widget_class, "workload.show-training", "(bxxs)", show_training_action);
}

static void
yk_workload_view_init (YkWorkloadView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_set_visible (self->bars_heading, FALSE);
}

void
yk_workload_view_load (YkWorkloadView    *self,
                       YkUnlockedSession *session,
                       const char        *period,
                       gint64             site_id)
{
  Request *request;

  g_return_if_fail (YK_IS_WORKLOAD_VIEW (self));
  g_return_if_fail (YK_IS_UNLOCKED_SESSION (session));
  g_return_if_fail (period != NULL);

  yk_workload_view_cancel (self);
  g_set_object (&self->session, session);
  /* Forget the loads whose workers are done. */
  for (guint i = self->tasks->len; i > 0; i--)
    if (g_task_get_completed (self->tasks->pdata[i - 1]))
      g_ptr_array_remove_index_fast (self->tasks, i - 1);
  request = g_new0 (Request, 1);
  request->period = g_strdup (period);
  request->site_id = site_id;
  self->cancellable = g_cancellable_new ();
  g_ptr_array_add (self->tasks, yk_reader_task_run_async (session, compute, request, (GDestroyNotify) request_free,
                                                          (GDestroyNotify) yk_workload_free, self->cancellable,
                                                          workload_cb, self));
  set_loading (self, TRUE);
  self->spinner_source = g_timeout_add (SPINNER_DELAY_MS, spinner_cb, self);
}

void
yk_workload_view_cancel (YkWorkloadView *self)
{
  g_return_if_fail (YK_IS_WORKLOAD_VIEW (self));
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);
}

gboolean
yk_workload_view_get_loading (YkWorkloadView *self)
{
  g_return_val_if_fail (YK_IS_WORKLOAD_VIEW (self), FALSE);
  return self->loading;
}

const YkWorkload *
yk_workload_view_get_workload (YkWorkloadView *self)
{
  g_return_val_if_fail (YK_IS_WORKLOAD_VIEW (self), NULL);
  return self->workload;
}
