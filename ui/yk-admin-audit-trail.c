/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-admin-audit-trail-private.h"
#include "yk-admin.h"
#include "yk-audit-entry-item.h"
#include "yk-reader-task.h"
#include "yk-spinner-delay.h"
#include "yk-date-entry.h"
#include "yk-label.h"
#include "yk-unlocked-session.h"

#include <glib/gi18n.h>
#include <string.h>

#define AUDIT_LIMIT 500

struct _YkAdminAuditTrail
{
  GtkWidget parent_instance;

  YkUnlockedSession *session;

  GtkImage *chain_icon;
  GtkLabel *chain_label;
  GtkSpinner *audit_spinner;
  GtkEditable *audit_account_entry, *audit_record_entry, *audit_from_entry, *audit_to_entry;
  GtkLabel *audit_error;
  GtkLabel *audit_count;
  GListStore *entries; /* YkAuditEntryItem */

  GCancellable *audit_cancellable;
  GTask *audit_task;
  guint audit_spinner_source;
  gboolean audit_loaded;
};

G_DEFINE_FINAL_TYPE (YkAdminAuditTrail, yk_admin_audit_trail, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static YkSession *
get_session (YkAdminAuditTrail *self)
{
  return self->session != NULL ? yk_unlocked_session_get_session (self->session) : NULL;
}

static void
cancel_audit (YkAdminAuditTrail *self)
{
  g_cancellable_cancel (self->audit_cancellable);
  g_clear_object (&self->audit_cancellable);
  if (self->audit_task != NULL)
    yk_reader_task_wait (self->audit_task);
  g_clear_object (&self->audit_task);
  yk_spinner_delay_stop (self->audit_spinner, &self->audit_spinner_source);
}

typedef struct
{
  YkAdminAuditFilter *filter;
} AuditJob;

static void
audit_job_free (gpointer data)
{
  AuditJob *job = data;

  yk_admin_audit_filter_free (job->filter);
  g_free (job);
}

static gpointer
audit_in_thread (YkReader *reader, gpointer data, GCancellable *cancellable, GError **error)
{
  AuditJob *job = data;

  return yk_admin_audit_read (reader, job->filter, error);
}

static void
show_entries (YkAdminAuditTrail *self, const YkAdminAudit *audit)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < audit->rows->len; i++)
    g_ptr_array_add (items, yk_audit_entry_item_new (audit->rows->pdata[i], audit->records->pdata[i]));
  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       items->pdata, items->len);
}

static void
audit_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  YkAdminAuditTrail *self = user_data;
  g_autoptr (GError) error = NULL;
  YkAdminAudit *audit = yk_reader_task_run_finish (result, &error);
  g_autofree char *chain = NULL;
  g_autofree char *count = NULL;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      yk_admin_audit_free (audit);
      return;
    }
  g_clear_object (&self->audit_task);
  yk_spinner_delay_stop (self->audit_spinner, &self->audit_spinner_source);
  if (audit == NULL)
    {
      yk_label_show_message (self->audit_error, error->message);
      return;
    }
  self->audit_loaded = TRUE;
  show_entries (self, audit);
  if (audit->check.first_bad_id == 0)
    chain = g_strdup_printf (_("%1$llu entries, chain intact"), (unsigned long long) audit->check.rows);
  else
    chain = g_strdup_printf (_("chain broken at entry %1$lld (after %2$llu intact entries): "
                               "the trail was edited, or entries were deleted or inserted"),
                             (long long) audit->check.first_bad_id, (unsigned long long) audit->check.rows);
  gtk_label_set_text (self->chain_label, chain);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->chain_label), chain);
  gtk_image_set_from_icon_name (self->chain_icon, audit->check.first_bad_id == 0 ? "emblem-ok-symbolic"
                                                                                 : "dialog-warning-symbolic");
  if (audit->rows->len >= AUDIT_LIMIT)
    count = g_strdup_printf (_("The latest %1$u matching entries are shown."), (guint) AUDIT_LIMIT);
  else
    count = g_strdup_printf (ngettext ("%1$u matching entry.", "%1$u matching entries.", audit->rows->len),
                             audit->rows->len);
  gtk_label_set_text (self->audit_count, count);
  yk_admin_audit_free (audit);
}

static char *
entry_text (GtkEditable *entry)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
audit_filter_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YkAdminAuditTrail *self = YK_ADMIN_AUDIT_TRAIL (widget);
  YkSession *session = get_session (self);
  g_autoptr (GError) error = NULL;
  g_autofree char *record = NULL;
  YkAdminAuditFilter *filter;
  AuditJob *job;

  if (session == NULL || !yk_session_require_coordinator (session, NULL))
    return;
  cancel_audit (self);
  /* The filter takes ISO days; the fields also take 12.3 or 今天. */
  yk_date_entry_normalize (YK_DATE_ENTRY (self->audit_from_entry));
  yk_date_entry_normalize (YK_DATE_ENTRY (self->audit_to_entry));
  filter = g_new0 (YkAdminAuditFilter, 1);
  filter->limit = AUDIT_LIMIT;
  filter->account = entry_text (self->audit_account_entry);
  filter->from = entry_text (self->audit_from_entry);
  filter->to = entry_text (self->audit_to_entry);
  /* "clients", or "clients#12" for one record. */
  record = entry_text (self->audit_record_entry);
  if (record != NULL)
    {
      char *hash = strchr (record, '#');

      if (hash != NULL)
        {
          filter->record_id = g_ascii_strtoll (hash + 1, NULL, 10);
          *hash = '\0';
        }
      filter->record_table = *record != '\0' ? g_strdup (record) : NULL;
    }
  if (!yk_admin_audit_filter_check (filter, &error))
    {
      yk_admin_audit_filter_free (filter);
      yk_label_show_message (self->audit_error, error->message);
      return;
    }
  yk_label_show_message (self->audit_error, NULL);
  job = g_new0 (AuditJob, 1);
  job->filter = filter;
  self->audit_cancellable = g_cancellable_new ();
  self->audit_task = yk_reader_task_run_async (self->session, audit_in_thread, job, audit_job_free,
                                               (GDestroyNotify) yk_admin_audit_free, self->audit_cancellable,
                                               audit_cb, self);
  yk_spinner_delay_start (self->audit_spinner, &self->audit_spinner_source);
}

static void
audit_entry_activate_cb (YkAdminAuditTrail *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "admin.audit-filter", NULL);
}

static void
yk_admin_audit_trail_dispose (GObject *object)
{
  YkAdminAuditTrail *self = YK_ADMIN_AUDIT_TRAIL (object);
  GtkWidget *child;

  cancel_audit (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), YK_TYPE_ADMIN_AUDIT_TRAIL);
  /* The template's unnamed top-level box too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (yk_admin_audit_trail_parent_class)->dispose (object);
}

static void
yk_admin_audit_trail_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  YkAdminAuditTrail *self = YK_ADMIN_AUDIT_TRAIL (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_admin_audit_trail_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  YkAdminAuditTrail *self = YK_ADMIN_AUDIT_TRAIL (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      if (g_set_object (&self->session, g_value_get_object (value)))
        {
          cancel_audit (self);
          self->audit_loaded = FALSE;
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_admin_audit_trail_class_init (YkAdminAuditTrailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yk_admin_audit_trail_dispose;
  object_class->get_property = yk_admin_audit_trail_get_property;
  object_class->set_property = yk_admin_audit_trail_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, YK_TYPE_UNLOCKED_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-admin-audit-trail.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAuditTrail, chain_icon);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAuditTrail, chain_label);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAuditTrail, audit_spinner);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAuditTrail, audit_account_entry);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAuditTrail, audit_record_entry);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAuditTrail, audit_from_entry);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAuditTrail, audit_to_entry);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAuditTrail, audit_error);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAuditTrail, audit_count);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAuditTrail, entries);
  /* Reachable by name only, for the tests: everything it shows is bound. */
  gtk_widget_class_bind_template_child_full (widget_class, "entries_view", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, audit_entry_activate_cb);

  gtk_widget_class_install_action (widget_class, "admin.audit-filter", NULL, audit_filter_activated);
}

static void
yk_admin_audit_trail_init (YkAdminAuditTrail *self)
{
  g_type_ensure (YK_TYPE_DATE_ENTRY);
  g_type_ensure (YK_TYPE_AUDIT_ENTRY_ITEM);
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
yk_admin_audit_trail_load (YkAdminAuditTrail *self)
{
  g_return_if_fail (YK_IS_ADMIN_AUDIT_TRAIL (self));

  /* Nothing is read for a section nobody looks at. */
  if (!self->audit_loaded && self->audit_task == NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "admin.audit-filter", NULL);
}

gboolean
yk_admin_audit_trail_get_loading (YkAdminAuditTrail *self)
{
  g_return_val_if_fail (YK_IS_ADMIN_AUDIT_TRAIL (self), FALSE);
  return self->audit_task != NULL;
}

GListModel *
_yk_admin_audit_trail_get_entries (YkAdminAuditTrail *self)
{
  g_return_val_if_fail (YK_IS_ADMIN_AUDIT_TRAIL (self), NULL);
  return G_LIST_MODEL (self->entries);
}
