/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-status-dialog.h"
#include "yk-date-entry.h"
#include "yk-record-form.h"
#include "yk-recording.h"

#include <glib/gi18n.h>

struct _YkStatusDialog
{
  GtkWindow parent_instance;

  GtkWidget *subtitle_label;
  GtkWidget *error_label;
  GtkWidget *grid;
  GtkWidget *current_label;
  GtkWidget *status_dropdown;
  GtkWidget *status_error;
  GtkWidget *status_date_entry;
  GtkWidget *status_date_error;
  GtkWidget *status_reason_entry;
  GtkWidget *status_reason_error;

  YkRecordForm *form;
  gint64 client_id;
};

G_DEFINE_FINAL_TYPE (YkStatusDialog, yk_status_dialog, GTK_TYPE_WINDOW)

static const char *const status_codes[] = { "active", "referred", "closed" };

static const char *
status_label (const char *status)
{
  if (g_strcmp0 (status, "referred") == 0)
    return _("Referred out");
  if (g_strcmp0 (status, "closed") == 0)
    return _("Closed");
  return _("Active");
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YkStatusDialog *self = YK_STATUS_DIALOG (widget);
  YkSession *session = yk_record_form_get_session (self->form);
  g_autoptr (GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *reason = NULL;
  const char *field = NULL;

  if (session == NULL)
    return;
  yk_record_form_clear_errors (self->form);
  if (!yk_record_form_date (self->form, "status_date", self->status_date_entry, TRUE, &date))
    return;
  reason = yk_record_form_text (self->status_reason_entry);
  if (!yk_recording_set_status (session, self->client_id, yk_record_form_choice (self->status_dropdown, status_codes),
                                date, reason, &field, &error))
    {
      yk_record_form_fail_error (self->form, field, error);
      return;
    }
  yk_record_form_saved (self->form, self->client_id);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  yk_record_form_close (YK_STATUS_DIALOG (widget)->form);
}

static void
yk_status_dialog_dispose (GObject *object)
{
  YkStatusDialog *self = YK_STATUS_DIALOG (object);

  yk_record_form_keep_draft (self->form);
  g_clear_pointer (&self->form, yk_record_form_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), YK_TYPE_STATUS_DIALOG);
  G_OBJECT_CLASS (yk_status_dialog_parent_class)->dispose (object);
}

static void
yk_status_dialog_class_init (YkStatusDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (YK_TYPE_DATE_ENTRY);
  G_OBJECT_CLASS (klass)->dispose = yk_status_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-status-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YkStatusDialog, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, YkStatusDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, YkStatusDialog, grid);
  gtk_widget_class_bind_template_child (widget_class, YkStatusDialog, current_label);
  gtk_widget_class_bind_template_child (widget_class, YkStatusDialog, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, YkStatusDialog, status_error);
  gtk_widget_class_bind_template_child (widget_class, YkStatusDialog, status_date_entry);
  gtk_widget_class_bind_template_child (widget_class, YkStatusDialog, status_date_error);
  gtk_widget_class_bind_template_child (widget_class, YkStatusDialog, status_reason_entry);
  gtk_widget_class_bind_template_child (widget_class, YkStatusDialog, status_reason_error);

  gtk_widget_class_install_action (widget_class, "form.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "form.cancel", NULL, cancel_action);
  yk_record_form_class_add_shortcuts (widget_class);
}

static void
yk_status_dialog_init (YkStatusDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

YkStatusDialog *
yk_status_dialog_new (YkUnlockedSession *session,
                      YkFormDrafts      *drafts,
                      gint64             client_id)
{
  YkStatusDialog *self = g_object_new (YK_TYPE_STATUS_DIALOG, NULL);
  g_autoptr (YkClientRecord) client = NULL;

  self->client_id = client_id;
  self->form = yk_record_form_new (GTK_WINDOW (self), session, drafts, "status", client_id);
  yk_record_form_set_error_label (self->form, self->error_label);
  yk_record_form_add_field (self->form, "status", self->status_dropdown, self->status_error);
  yk_record_form_add_field (self->form, "status_date", self->status_date_entry, self->status_date_error);
  yk_record_form_add_field (self->form, "status_reason", self->status_reason_entry, self->status_reason_error);

  yk_record_form_set_today (self->status_date_entry);
  client = yk_record_form_load_person (self->form, self->subtitle_label, client_id);
  gtk_widget_set_sensitive (self->grid, client != NULL);
  if (client != NULL)
    {
      g_autofree char *current = NULL;

      if (client->status_date != NULL && g_strcmp0 (client->status, "active") != 0)
        /* TRANSLATORS: %1$s is a status (在册, 转介, 结案), %2$s the date it took effect */
        current = g_strdup_printf (_("Now: %1$s since %2$s"), status_label (client->status), client->status_date);
      else
        /* TRANSLATORS: %1$s is a status (在册, 转介, 结案), %2$s the intake date */
        current = g_strdup_printf (_("Now: %1$s since intake on %2$s"), status_label (client->status),
                                   client->intake_date);
      gtk_label_set_text (GTK_LABEL (self->current_label), current);
      yk_record_form_choose (self->status_dropdown, status_codes, client->status);
      yk_record_form_restore_draft (self->form);
    }
  gtk_widget_grab_focus (self->status_dropdown);
  return self;
}

const char *
yk_status_dialog_get_error (YkStatusDialog *self,
                            const char     *field)
{
  g_return_val_if_fail (YK_IS_STATUS_DIALOG (self), NULL);
  return yk_record_form_get_error (self->form, field);
}
