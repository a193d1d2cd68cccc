/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-withdraw-consent-dialog.h"
#include "yk-casework.h"
#include "yk-date-entry.h"
#include "yk-record-form.h"

#include <glib/gi18n.h>

struct _YkWithdrawConsentDialog
{
  GtkWindow parent_instance;

  GtkWidget *subtitle_label;
  GtkWidget *error_label;
  GtkWidget *grid;
  GtkWidget *consent_withdrawn_date_entry;
  GtkWidget *consent_withdrawn_date_error;
  GtkWidget *consent_withdrawal_reason_entry;
  GtkWidget *consent_withdrawal_reason_error;

  YkRecordForm *form;
  gint64 client_id;
};

G_DEFINE_FINAL_TYPE (YkWithdrawConsentDialog, yk_withdraw_consent_dialog, GTK_TYPE_WINDOW)

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YkWithdrawConsentDialog *self = YK_WITHDRAW_CONSENT_DIALOG (widget);
  YkSession *session = yk_record_form_get_session (self->form);
  g_autoptr (GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *reason = NULL;
  const char *field = NULL;

  if (session == NULL)
    return;
  yk_record_form_clear_errors (self->form);
  if (!yk_record_form_date (self->form, "consent_withdrawn_date", self->consent_withdrawn_date_entry, TRUE, &date))
    return;
  reason = yk_record_form_text (self->consent_withdrawal_reason_entry);
  if (!yk_casework_withdraw_consent (session, self->client_id, date, reason, &field, &error))
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
  yk_record_form_close (YK_WITHDRAW_CONSENT_DIALOG (widget)->form);
}

static void
yk_withdraw_consent_dialog_dispose (GObject *object)
{
  YkWithdrawConsentDialog *self = YK_WITHDRAW_CONSENT_DIALOG (object);

  yk_record_form_keep_draft (self->form);
  g_clear_pointer (&self->form, yk_record_form_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), YK_TYPE_WITHDRAW_CONSENT_DIALOG);
  G_OBJECT_CLASS (yk_withdraw_consent_dialog_parent_class)->dispose (object);
}

static void
yk_withdraw_consent_dialog_class_init (YkWithdrawConsentDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (YK_TYPE_DATE_ENTRY);
  G_OBJECT_CLASS (klass)->dispose = yk_withdraw_consent_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-withdraw-consent-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YkWithdrawConsentDialog, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, YkWithdrawConsentDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, YkWithdrawConsentDialog, grid);
  gtk_widget_class_bind_template_child (widget_class, YkWithdrawConsentDialog, consent_withdrawn_date_entry);
  gtk_widget_class_bind_template_child (widget_class, YkWithdrawConsentDialog, consent_withdrawn_date_error);
  gtk_widget_class_bind_template_child (widget_class, YkWithdrawConsentDialog, consent_withdrawal_reason_entry);
  gtk_widget_class_bind_template_child (widget_class, YkWithdrawConsentDialog, consent_withdrawal_reason_error);
  /* For tests: what the dialog warns of. */
  gtk_widget_class_bind_template_child_full (widget_class, "warning_label", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "form.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "form.cancel", NULL, cancel_action);
  yk_record_form_class_add_shortcuts (widget_class);
}

static void
yk_withdraw_consent_dialog_init (YkWithdrawConsentDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

YkWithdrawConsentDialog *
yk_withdraw_consent_dialog_new (YkUnlockedSession *session,
                                YkFormDrafts      *drafts,
                                gint64             client_id)
{
  YkWithdrawConsentDialog *self = g_object_new (YK_TYPE_WITHDRAW_CONSENT_DIALOG, NULL);
  g_autoptr (YkClientRecord) client = NULL;

  self->client_id = client_id;
  self->form = yk_record_form_new (GTK_WINDOW (self), session, drafts, "withdraw-consent", client_id);
  yk_record_form_set_error_label (self->form, self->error_label);
  yk_record_form_add_field (self->form, "consent_withdrawn_date", self->consent_withdrawn_date_entry,
                            self->consent_withdrawn_date_error);
  yk_record_form_add_field (self->form, "consent_withdrawal_reason", self->consent_withdrawal_reason_entry,
                            self->consent_withdrawal_reason_error);

  yk_record_form_set_today (self->consent_withdrawn_date_entry);
  client = yk_record_form_load_person (self->form, self->subtitle_label, client_id);
  gtk_widget_set_sensitive (self->grid, client != NULL);
  if (client != NULL)
    yk_record_form_restore_draft (self->form);
  gtk_widget_grab_focus (self->consent_withdrawn_date_entry);
  return self;
}

const char *
yk_withdraw_consent_dialog_get_error (YkWithdrawConsentDialog *self,
                                      const char              *field)
{
  g_return_val_if_fail (YK_IS_WITHDRAW_CONSENT_DIALOG (self), NULL);
  return yk_record_form_get_error (self->form, field);
}
