/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-figure-records-dialog.h"
#include "yk-reader-task.h"
#include "yk-figure-record-item.h"
#include "yk-figure-records.h"
#include "yk-training.h"

#include <glib/gi18n.h>

struct _YkFigureRecordsDialog
{
  GtkWindow parent_instance;

  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkLabel *summary_label;
  GtkStack *stack;
  GtkSpinner *spinner;
  GtkLabel *error_label;
  GtkColumnView *column_view;
  GtkColumnViewColumn *kind_column;
  GtkColumnViewColumn *case_no_column;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *detail_column;
  GtkColumnViewColumn *weight_column;
  GtkColumnViewColumn *baseline_column;
  GtkColumnViewColumn *latest_column;
  GListStore *records;

  GWeakRef source;
  YkUnlockedSession *session;
  GPtrArray *loaded; /* YkFigureRecord: the list again when names change */
  YkIndicator indicator;
  gboolean hours; /* training sessions: weights are tenths of an hour */
  GCancellable *cancellable;
  GTask *task;
  gboolean loading;
};

G_DEFINE_FINAL_TYPE (YkFigureRecordsDialog, yk_figure_records_dialog, GTK_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the worker needs: the period of the report, nothing of its figures. */
typedef struct
{
  YkReport *period;
  YkIndicator indicator;
  gint64 site_id;
  gboolean cumulative;
} Request;

static void
request_free (Request *request)
{
  yk_report_free (request->period);
  g_free (request);
}

static gpointer
list_records (YkReader *reader, gpointer data, GCancellable *cancellable, GError **error)
{
  Request *request = data;

  return yk_figure_records_list (reader, request->period, request->indicator, request->site_id, request->cumulative,
                                 cancellable, error);
}

static void
set_loading (YkFigureRecordsDialog *self, gboolean loading)
{
  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* The names as the session shows them now: masked, or in full for a
 * coordinator who asked (this window is not modal, so that can change
 * while it is open). */
static void
fill_records (YkFigureRecordsDialog *self)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; self->loaded != NULL && i < self->loaded->len; i++)
    {
      YkFigureRecord *record = self->loaded->pdata[i];
      /* A name without a full one beside (a staff member's) is shown as is. */
      g_autofree char *name = record->full_name != NULL
                                ? yk_unlocked_session_list_name (self->session, record->full_name)
                                : g_strdup (record->name);

      g_ptr_array_add (items, yk_figure_record_item_new (record, name));
    }
  g_list_store_splice (self->records, 0, g_list_model_get_n_items (G_LIST_MODEL (self->records)), items->pdata,
                       items->len);
}

static void
records_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) records = yk_reader_task_run_finish (result, &error);
  YkFigureRecordsDialog *self;
  gboolean weighted = FALSE, detailed = FALSE, personal = FALSE, named = FALSE;

  /* A closed dialog cancelled its task first: `user_data` may be gone. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  self = YK_FIGURE_RECORDS_DIALOG (user_data);
  g_clear_object (&self->task);
  if (records == NULL)
    {
      g_warning ("Listing the records of a figure failed: %s", error->message);
      gtk_label_set_text (self->error_label, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      set_loading (self, FALSE);
      return;
    }
  for (guint i = 0; i < records->len; i++)
    {
      YkFigureRecord *record = records->pdata[i];

      weighted |= record->weight != 1;
      detailed |= record->detail != NULL && *record->detail != '\0';
      personal |= record->case_no != NULL;
      named |= record->name != NULL;
    }
  self->loaded = g_ptr_array_ref (records);
  fill_records (self);
  gtk_column_view_column_set_visible (self->weight_column, weighted || self->hours);
  gtk_column_view_column_set_visible (self->detail_column, detailed);
  /* A list of activities concerns no one person: no empty columns for one.
   * Training sessions concern staff: the attendee, in a total's list. */
  gtk_column_view_column_set_visible (self->case_no_column, !self->hours && (personal || records->len == 0));
  gtk_column_view_column_set_visible (self->name_column, self->hours ? named : personal || records->len == 0);
  /* The last column shown takes the room left. */
  gtk_column_view_column_set_expand (self->latest_column, !detailed && self->indicator == YK_INDICATOR_IMPROVED);
  gtk_column_view_column_set_expand (self->name_column, !detailed && self->indicator != YK_INDICATOR_IMPROVED);
  {
    gint64 sum = yk_figure_records_sum (records);
    g_autofree char *summary = NULL;

    /* The sum is said only when it differs from the number of records
     * (some count more than once): "15 records, counting 15" says it twice. */
    if (self->hours)
      {
        g_autofree char *hours = yk_training_hours_format (sum);

        /* TRANSLATORS: %1$u training sessions (one line per session and attendee) are listed; their hours add up to %2$s, the figure in the table */
        summary = g_strdup_printf (ngettext ("%1$u record, adding up to %2$s hours",
                                             "%1$u records, adding up to %2$s hours", records->len),
                                   records->len, hours);
      }
    else if (sum == (gint64) records->len)
      /* TRANSLATORS: the number of records listed, each counting once in the figure */
      summary = g_strdup_printf (ngettext ("%1$u record", "%1$u records", records->len), records->len);
    else
      /* TRANSLATORS: %1$u records are listed; their counts add up to %2$lld, the figure in the table */
      summary = g_strdup_printf (ngettext ("%1$u record, adding up to %2$lld", "%1$u records, adding up to %2$lld",
                                           records->len),
                                 records->len, (long long) sum);
    gtk_label_set_text (self->summary_label, summary);
  }
  gtk_stack_set_visible_child_name (self->stack, "list");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "records.copy", records->len > 0);
  set_loading (self, FALSE);
}

static void
row_activated_cb (YkFigureRecordsDialog *self,
                  guint                  position)
{
  g_autoptr (YkFigureRecordItem) item = g_list_model_get_item (G_LIST_MODEL (self->records), position);
  g_autoptr (GtkWidget) source = g_weak_ref_get (&self->source);
  const YkFigureRecord *record;

  if (item == NULL || source == NULL)
    return;
  record = yk_figure_record_item_get_record (item);
  if (record->client_id > 0)
    gtk_widget_activate_action (source, "case.open", "x", (gint64) record->client_id);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YkFigureRecordsDialog *self = YK_FIGURE_RECORDS_DIALOG (widget);
  g_autoptr (GString) text = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->records));

  g_string_append_printf (text, "%s\n%s\n", gtk_label_get_text (self->title_label),
                          gtk_label_get_text (self->subtitle_label));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (YkFigureRecordItem) item = g_list_model_get_item (G_LIST_MODEL (self->records), i);
      g_autofree char *line = yk_figure_record_line (yk_figure_record_item_get_record (item));

      g_string_append_printf (text, "%s\n", line);
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text->str);
}

static void
yk_figure_records_dialog_dispose (GObject *object)
{
  YkFigureRecordsDialog *self = YK_FIGURE_RECORDS_DIALOG (object);

  /* The worker's connection must be closed before the session can be
   * (a lock destroys this window first). */
  g_cancellable_cancel (self->cancellable);
  if (self->task != NULL)
    yk_reader_task_wait (self->task);
  g_clear_object (&self->task);
  g_clear_object (&self->cancellable);
  g_weak_ref_set (&self->source, NULL);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->loaded, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), YK_TYPE_FIGURE_RECORDS_DIALOG);
  G_OBJECT_CLASS (yk_figure_records_dialog_parent_class)->dispose (object);
}

static void
yk_figure_records_dialog_finalize (GObject *object)
{
  YkFigureRecordsDialog *self = YK_FIGURE_RECORDS_DIALOG (object);

  g_weak_ref_clear (&self->source);
  G_OBJECT_CLASS (yk_figure_records_dialog_parent_class)->finalize (object);
}

static void
yk_figure_records_dialog_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  YkFigureRecordsDialog *self = YK_FIGURE_RECORDS_DIALOG (object);

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
yk_figure_records_dialog_class_init (YkFigureRecordsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yk_figure_records_dialog_dispose;
  object_class->finalize = yk_figure_records_dialog_finalize;
  object_class->get_property = yk_figure_records_dialog_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (YK_TYPE_FIGURE_RECORD_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-figure-records-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YkFigureRecordsDialog, title_label);
  gtk_widget_class_bind_template_child (widget_class, YkFigureRecordsDialog, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, YkFigureRecordsDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, YkFigureRecordsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, YkFigureRecordsDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, YkFigureRecordsDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, YkFigureRecordsDialog, column_view);
  gtk_widget_class_bind_template_child (widget_class, YkFigureRecordsDialog, kind_column);
  gtk_widget_class_bind_template_child (widget_class, YkFigureRecordsDialog, case_no_column);
  gtk_widget_class_bind_template_child (widget_class, YkFigureRecordsDialog, name_column);
  gtk_widget_class_bind_template_child (widget_class, YkFigureRecordsDialog, detail_column);
  gtk_widget_class_bind_template_child (widget_class, YkFigureRecordsDialog, weight_column);
  gtk_widget_class_bind_template_child (widget_class, YkFigureRecordsDialog, baseline_column);
  gtk_widget_class_bind_template_child (widget_class, YkFigureRecordsDialog, latest_column);
  gtk_widget_class_bind_template_child (widget_class, YkFigureRecordsDialog, records);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "records.copy", NULL, copy_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "records.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
yk_figure_records_dialog_init (YkFigureRecordsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_weak_ref_init (&self->source, NULL);
  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "records.copy", FALSE);
}

/* The window, over `source`'s, showing it is loading. */
static YkFigureRecordsDialog *
dialog_new (GtkWidget         *source,
            YkUnlockedSession *session,
            const char        *title,
            const char        *subtitle,
            YkIndicator        indicator)
{
  YkFigureRecordsDialog *self = g_object_new (YK_TYPE_FIGURE_RECORDS_DIALOG, NULL);
  GtkRoot *root;

  g_weak_ref_set (&self->source, source);
  self->session = g_object_ref (session);
  g_signal_connect_object (session, "notify::full-names", G_CALLBACK (fill_records), self, G_CONNECT_SWAPPED);
  self->indicator = indicator;
  root = gtk_widget_get_root (source);
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
      gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (GTK_WINDOW (root)));
    }
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_column_view_column_set_visible (self->baseline_column, indicator == YK_INDICATOR_IMPROVED);
  gtk_column_view_column_set_visible (self->latest_column, indicator == YK_INDICATOR_IMPROVED);
  gtk_column_view_column_set_visible (self->weight_column, FALSE);
  return self;
}

/* Lists in a worker, or says the database is locked. */
static void
start_listing (YkFigureRecordsDialog *self,
               YkReaderFunc           list,
               gpointer               data,
               GDestroyNotify         data_free)
{
  if (yk_unlocked_session_get_session (self->session) == NULL)
    {
      if (data_free != NULL)
        data_free (data);
      gtk_label_set_text (self->error_label, _("The database is locked."));
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  gtk_label_set_text (self->summary_label, _("Listing the records…"));
  gtk_stack_set_visible_child_name (self->stack, "loading");
  set_loading (self, TRUE);
  self->task = yk_reader_task_run_async (self->session, list, data, data_free, (GDestroyNotify) g_ptr_array_unref,
                                         self->cancellable, records_cb, self);
}

GtkWidget *
yk_figure_records_dialog_new (GtkWidget         *source,
                              YkUnlockedSession *session,
                              const YkReport    *report,
                              YkIndicator        indicator,
                              gint64             site_id,
                              gboolean           cumulative,
                              const char        *column)
{
  YkFigureRecordsDialog *self;
  Request *request;
  g_autofree char *from = NULL, *to = NULL, *subtitle = NULL;
  const char *pilot_from;

  g_return_val_if_fail (GTK_IS_WIDGET (source), NULL);
  g_return_val_if_fail (YK_IS_UNLOCKED_SESSION (session), NULL);
  g_return_val_if_fail (indicator < YK_N_INDICATORS, NULL);

  pilot_from = report->pilot_start != NULL && g_strcmp0 (report->pilot_start, report->from) < 0 ? report->pilot_start
                                                                                                : report->from;
  from = yk_date_chinese (cumulative ? pilot_from : report->from);
  to = yk_date_chinese (report->to);
  /* TRANSLATORS: a column of the statistics (a site, 合计 or 累计) and its period */
  subtitle = g_strdup_printf (_("%1$s · %2$s to %3$s"), column, from, to);
  self = dialog_new (source, session, yk_indicator_label (indicator), subtitle, indicator);

  request = g_new0 (Request, 1);
  request->period = g_new0 (YkReport, 1);
  request->period->from = g_strdup (report->from);
  request->period->to = g_strdup (report->to);
  request->period->pilot_start = g_strdup (report->pilot_start);
  request->period->from_pilot_start = report->from_pilot_start;
  request->period->improvement_threshold = report->improvement_threshold;
  request->period->sites = g_ptr_array_new ();
  request->indicator = indicator;
  request->site_id = site_id;
  request->cumulative = cumulative;
  start_listing (self, list_records, request, (GDestroyNotify) request_free);
  return GTK_WIDGET (self);
}

GtkWidget *
yk_figure_records_dialog_new_for_list (GtkWidget         *source,
                                       YkUnlockedSession *session,
                                       const char        *title,
                                       const char        *subtitle,
                                       YkReaderFunc       list,
                                       gpointer           data,
                                       GDestroyNotify     data_free)
{
  YkFigureRecordsDialog *self;

  g_return_val_if_fail (GTK_IS_WIDGET (source), NULL);
  g_return_val_if_fail (YK_IS_UNLOCKED_SESSION (session), NULL);
  g_return_val_if_fail (list != NULL, NULL);

  self = dialog_new (source, session, title, subtitle, YK_N_INDICATORS);
  start_listing (self, list, data, data_free);
  return GTK_WIDGET (self);
}

/* The columns as the training page names them: a session's title (in
 * `kind`), the attendee, its provider (in `detail`), its hours. */
GtkWidget *
yk_figure_records_dialog_new_for_hours (GtkWidget         *source,
                                        YkUnlockedSession *session,
                                        const char        *title,
                                        const char        *subtitle,
                                        YkReaderFunc       list,
                                        gpointer           data,
                                        GDestroyNotify     data_free)
{
  GtkWidget *widget = yk_figure_records_dialog_new_for_list (source, session, title, subtitle, list, data, data_free);
  YkFigureRecordsDialog *self = YK_FIGURE_RECORDS_DIALOG (widget);

  /* The records arrive later, in records_cb (), which reads `hours`. */
  self->hours = TRUE;
  gtk_column_view_column_set_title (self->kind_column, C_("training column", "Title"));
  gtk_column_view_column_set_title (self->name_column, C_("training column", "Attendees"));
  gtk_column_view_column_set_title (self->detail_column, C_("training column", "Provider"));
  gtk_column_view_column_set_title (self->weight_column, C_("training column", "Hours"));
  return widget;
}

YkIndicator
yk_figure_records_dialog_get_indicator (YkFigureRecordsDialog *self)
{
  g_return_val_if_fail (YK_IS_FIGURE_RECORDS_DIALOG (self), YK_N_INDICATORS);
  return self->indicator;
}

gboolean
yk_figure_records_dialog_get_loading (YkFigureRecordsDialog *self)
{
  g_return_val_if_fail (YK_IS_FIGURE_RECORDS_DIALOG (self), FALSE);
  return self->loading;
}

GListModel *
yk_figure_records_dialog_get_records (YkFigureRecordsDialog *self)
{
  g_return_val_if_fail (YK_IS_FIGURE_RECORDS_DIALOG (self), NULL);
  return G_LIST_MODEL (self->records);
}
