/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-site-choice.h"
#include "yk-activities-page.h"
#include "yk-spinner-delay.h"
#include "yk-activities.h"
#include "yk-activity-dialog.h"
#include "yk-activity-item.h"
#include "yk-reader-task.h"
#include "yk-statistics.h"
#include "yk-unlocked-session.h"
#include "yk-window.h"

#include <glib/gi18n.h>

struct _YkActivitiesPage
{
  GtkWidget parent_instance;

  GtkDropDown *site_dropdown;
  GtkStringList *site_names;
  GtkDropDown *month_dropdown;
  GtkStringList *months;
  GtkSpinner *spinner;
  GtkStack *stack;
  GtkColumnView *column_view;
  GtkLabel *message_label;

  YkUnlockedSession *session;
  GListStore *store;
  GArray *site_ids;
  GCancellable *cancellable;
  GPtrArray *tasks;
  guint spinner_source;
  gboolean loading;
  gboolean filling;
  YkFormDrafts *drafts;  /* outside a YkWindow only */
  GtkWindow *dialog;     /* weak */
};

G_DEFINE_FINAL_TYPE (YkActivitiesPage, yk_activities_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  COLUMN_DATE,
  COLUMN_TITLE,
  COLUMN_CATEGORY,
  COLUMN_FACILITATOR,
  COLUMN_ATTENDANCE,
  COLUMN_RESIDENTS,
};

typedef struct
{
  gint64 site_id;
  char *month;
} Request;

static void
request_free (Request *request)
{
  g_free (request->month);
  g_free (request);
}

static gint64
chosen_site (YkActivitiesPage *self)
{
  return yk_site_choice_selected (self->site_dropdown, self->site_ids);
}

static const char *
chosen_month (YkActivitiesPage *self)
{
  guint position = gtk_drop_down_get_selected (self->month_dropdown);

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->months)))
    return NULL;
  return gtk_string_list_get_string (self->months, position);
}

static void
set_loading (YkActivitiesPage *self, gboolean loading)
{
  if (!loading)
    yk_spinner_delay_stop (self->spinner, &self->spinner_source);
  if (self->loading != loading)
    {
      self->loading = loading;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
}

static void
cancel_load (YkActivitiesPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);
}

static void
show_message (YkActivitiesPage *self, const char *message)
{
  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_stack_set_visible_child_name (self->stack, message ? "message" : "list");
}

static gpointer
list_activities (YkReader *reader, gpointer data, GCancellable *cancellable, GError **error)
{
  Request *request = data;

  return yk_activities_list (reader, request->site_id, request->month, error);
}

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = yk_reader_task_run_finish (result, &error);
  YkActivitiesPage *self;
  g_autoptr (GPtrArray) items = NULL;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  self = YK_ACTIVITIES_PAGE (user_data);
  set_loading (self, FALSE);
  if (rows == NULL)
    {
      show_message (self, error->message);
      return;
    }
  items = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_set_free_func (rows, NULL);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (items, yk_activity_item_new (rows->pdata[i]));
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)), items->pdata,
                       items->len);
  show_message (self, rows->len == 0 ? _("No activities were recorded in this month.") : NULL);
}

static void
load (YkActivitiesPage *self)
{
  YkSession *session = self->session ? yk_unlocked_session_get_session (self->session) : NULL;
  const char *month = chosen_month (self);
  Request *request;

  if (self->filling || session == NULL)
    return;
  cancel_load (self);
  for (guint i = self->tasks->len; i > 0; i--)
    if (g_task_get_completed (self->tasks->pdata[i - 1]))
      g_ptr_array_remove_index_fast (self->tasks, i - 1);
  if (month == NULL)
    {
      g_list_store_remove_all (self->store);
      show_message (self, _("No activities were recorded yet."));
      return;
    }
  request = g_new0 (Request, 1);
  request->site_id = chosen_site (self);
  request->month = g_strdup (month);
  self->cancellable = g_cancellable_new ();
  g_ptr_array_add (self->tasks, yk_reader_task_run_async (self->session, list_activities, request,
                                                          (GDestroyNotify) request_free,
                                                          (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                                                          list_cb, self));
  set_loading (self, TRUE);
  yk_spinner_delay_start (self->spinner, &self->spinner_source);
}

/* The months with activities at the chosen site, latest first, keeping
 * the month chosen if it is still there; this month if there are none. */
static void
fill_months (YkActivitiesPage *self, const char *keep)
{
  YkSession *session = yk_unlocked_session_get_session (self->session);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) months = NULL;
  g_autofree char *kept = g_strdup (keep);
  guint selected = 0;

  if (session == NULL)
    return;
  months = yk_activities_months (session, chosen_site (self), &error);
  if (months == NULL)
    {
      show_message (self, error->message);
      return;
    }
  self->filling = TRUE;
  gtk_string_list_splice (self->months, 0, g_list_model_get_n_items (G_LIST_MODEL (self->months)),
                          (const char *const *) months);
  for (guint i = 0; kept != NULL && months[i] != NULL; i++)
    if (g_str_equal (months[i], kept))
      selected = i;
  gtk_drop_down_set_selected (self->month_dropdown, selected);
  self->filling = FALSE;
}

static void
fill_sites (YkActivitiesPage *self)
{
  YkSession *session = yk_unlocked_session_get_session (self->session);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sites = NULL;

  if (session == NULL)
    return;
  sites = yk_statistics_sites (session, &error);
  if (sites == NULL)
    {
      show_message (self, error->message);
      return;
    }
  self->filling = TRUE;
  yk_site_choice_fill (self->site_dropdown, self->site_names, self->site_ids, sites, NULL,
                       yk_unlocked_session_is_coordinator (self->session));
  self->filling = FALSE;
}

static void
site_changed_cb (YkActivitiesPage *self)
{
  if (self->filling)
    return;
  fill_months (self, NULL);
  load (self);
}

static void
month_changed_cb (YkActivitiesPage *self)
{
  if (!self->filling)
    load (self);
}

static void
records_changed_cb (YkActivitiesPage *self)
{
  g_autofree char *month = g_strdup (chosen_month (self));

  fill_months (self, month);
  load (self);
}

static void
unlocked_cb (YkActivitiesPage *self)
{
  if (self->session != NULL && !yk_unlocked_session_is_unlocked (self->session))
    cancel_load (self);
}

static YkFormDrafts *
drafts_for (YkActivitiesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (YK_IS_WINDOW (root))
    return yk_window_get_drafts (YK_WINDOW (root));
  if (self->drafts == NULL)
    self->drafts = yk_form_drafts_new ();
  return self->drafts;
}

static void
open_dialog (YkActivitiesPage *self, gint64 activity_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  YkActivityDialog *dialog;

  if (self->session == NULL || yk_unlocked_session_get_session (self->session) == NULL)
    return;
  dialog = yk_activity_dialog_new (self->session, drafts_for (self), chosen_site (self), activity_id);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  if (self->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  self->dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_dialog (YK_ACTIVITIES_PAGE (widget), 0);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  open_dialog (YK_ACTIVITIES_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
activate_cb (GtkColumnView    *view,
             guint             position,
             YkActivitiesPage *self)
{
  g_autoptr (YkActivityItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), position);

  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "activities.open", "x", yk_activity_item_get_row (item)->id);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  column)
{
  GtkWidget *label = gtk_label_new (NULL);
  int which = GPOINTER_TO_INT (column);

  gtk_label_set_xalign (GTK_LABEL (label), which == COLUMN_ATTENDANCE || which == COLUMN_RESIDENTS ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (which == COLUMN_ATTENDANCE || which == COLUMN_RESIDENTS)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static const char *
category_label (const char *code)
{
  static const struct
  {
    const char *code;
    const char *label;
  } labels[] = {
    { "生活技能", N_("Daily living skills") },       { "社交技能", N_("Social skills") },
    { "职业康复", N_("Vocational rehabilitation") }, { "心理健康教育", N_("Mental health education") },
    { "家属支持", N_("Family support") },            { "文体娱乐", N_("Recreation and sports") },
    { "社区融入", N_("Community integration") },     { "其他", N_("Other") },
  };

  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (code, labels[i].code))
      return _(labels[i].label);
  return code ? code : "";
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         gpointer                  column)
{
  const YkActivityRow *row = yk_activity_item_get_row (gtk_list_item_get_item (list_item));
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  g_autofree char *number = NULL;

  switch (GPOINTER_TO_INT (column))
    {
    case COLUMN_DATE:
      gtk_label_set_text (label, row->date);
      break;
    case COLUMN_TITLE:
      gtk_label_set_text (label, row->title);
      break;
    case COLUMN_CATEGORY:
      gtk_label_set_text (label, category_label (row->category));
      break;
    case COLUMN_FACILITATOR:
      gtk_label_set_text (label, row->facilitator ? row->facilitator : "");
      break;
    case COLUMN_ATTENDANCE:
      number = g_strdup_printf ("%d", row->attendance_count);
      gtk_label_set_text (label, number);
      break;
    case COLUMN_RESIDENTS:
      number = g_strdup_printf ("%d", row->resident_count);
      gtk_label_set_text (label, number);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
add_column (YkActivitiesPage *self, const char *title, int which, gboolean expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), GINT_TO_POINTER (which));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), GINT_TO_POINTER (which));
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (column);
}

static void
set_session (YkActivitiesPage *self, YkUnlockedSession *session)
{
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  cancel_load (self);
  g_set_object (&self->session, session);
  if (session == NULL)
    return;
  g_signal_connect_object (session, "records-changed", G_CALLBACK (records_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::unlocked", G_CALLBACK (unlocked_cb), self, G_CONNECT_SWAPPED);
  fill_sites (self);
  fill_months (self, NULL);
  load (self);
}

static void
yk_activities_page_dispose (GObject *object)
{
  YkActivitiesPage *self = YK_ACTIVITIES_PAGE (object);
  GtkWidget *child;

  /* No worker may hold a connection once the page is gone. */
  cancel_load (self);
  for (guint i = 0; i < self->tasks->len; i++)
    yk_reader_task_wait (self->tasks->pdata[i]);
  g_ptr_array_set_size (self->tasks, 0);
  if (self->dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
      self->dialog = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), YK_TYPE_ACTIVITIES_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->drafts);
  G_OBJECT_CLASS (yk_activities_page_parent_class)->dispose (object);
}

static void
yk_activities_page_finalize (GObject *object)
{
  YkActivitiesPage *self = YK_ACTIVITIES_PAGE (object);

  g_ptr_array_unref (self->tasks);
  g_array_unref (self->site_ids);
  g_object_unref (self->store);
  G_OBJECT_CLASS (yk_activities_page_parent_class)->finalize (object);
}

static void
yk_activities_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  YkActivitiesPage *self = YK_ACTIVITIES_PAGE (object);

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
yk_activities_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  YkActivitiesPage *self = YK_ACTIVITIES_PAGE (object);

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
yk_activities_page_class_init (YkActivitiesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yk_activities_page_dispose;
  object_class->finalize = yk_activities_page_finalize;
  object_class->get_property = yk_activities_page_get_property;
  object_class->set_property = yk_activities_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, YK_TYPE_UNLOCKED_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-activities-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, YkActivitiesPage, site_dropdown);
  gtk_widget_class_bind_template_child (widget_class, YkActivitiesPage, site_names);
  gtk_widget_class_bind_template_child (widget_class, YkActivitiesPage, month_dropdown);
  gtk_widget_class_bind_template_child (widget_class, YkActivitiesPage, months);
  gtk_widget_class_bind_template_child (widget_class, YkActivitiesPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, YkActivitiesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, YkActivitiesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, YkActivitiesPage, message_label);
  gtk_widget_class_bind_template_callback (widget_class, site_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, month_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);

  gtk_widget_class_install_action (widget_class, "activities.record", NULL, record_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "activities.record", NULL);
  gtk_widget_class_install_action (widget_class, "activities.open", "x", open_action);
}

static void
yk_activities_page_init (YkActivitiesPage *self)
{
  GtkNoSelection *selection;

  self->store = g_list_store_new (YK_TYPE_ACTIVITY_ITEM);
  self->site_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));

  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->store)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  add_column (self, _("Date"), COLUMN_DATE, FALSE);
  add_column (self, _("Title"), COLUMN_TITLE, TRUE);
  add_column (self, _("Category"), COLUMN_CATEGORY, FALSE);
  add_column (self, _("Facilitator"), COLUMN_FACILITATOR, FALSE);
  add_column (self, _("Attended"), COLUMN_ATTENDANCE, FALSE);
  add_column (self, _("Residents"), COLUMN_RESIDENTS, FALSE);
}

GListModel *
yk_activities_page_get_model (YkActivitiesPage *self)
{
  g_return_val_if_fail (YK_IS_ACTIVITIES_PAGE (self), NULL);
  return G_LIST_MODEL (self->store);
}

GtkWindow *
yk_activities_page_get_dialog (YkActivitiesPage *self)
{
  g_return_val_if_fail (YK_IS_ACTIVITIES_PAGE (self), NULL);
  return self->dialog;
}
