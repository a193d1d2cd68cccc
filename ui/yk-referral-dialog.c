/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-referral-dialog.h"
#include "yk-date-entry.h"
#include "yk-casework.h"
#include "yk-record-form.h"
#include "yk-record-rules.h"
#include "yk-validate.h"

#include <glib/gi18n.h>

struct _YkReferralDialog
{
  GtkWindow parent_instance;

  GtkWidget *title_label;
  GtkWidget *subtitle_label;
  GtkWidget *error_label;
  GtkWidget *grid;
  GtkWidget *date_entry;
  GtkWidget *date_error;
  GtkWidget *to_kind_dropdown;
  GtkWidget *to_kind_error;
  GtkWidget *to_whom_entry;
  GtkWidget *to_whom_error;
  GtkWidget *reason_entry;
  GtkWidget *reason_error;
  GtkWidget *outcome_entry;
  GtkWidget *outcome_error;

  YkRecordForm *form;
  gint64 client_id;
  gint64 record_id;   /* correcting this referral; 0: a new one */
  char *intake_date;
};

G_DEFINE_FINAL_TYPE (YkReferralDialog, yk_referral_dialog, GTK_TYPE_WINDOW)

static const char *const to_kind_codes[] = { NULL, "hospital", "employment", "other" };

static void
referral_clear (YkReferralRecord *r)
{
  g_free (r->date);
  g_free (r->to_kind);
  g_free (r->to_whom);
  g_free (r->reason);
  g_free (r->outcome);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YkReferralDialog *self = YK_REFERRAL_DIALOG (widget);
  YkSession *session = yk_record_form_get_session (self->form);
  g_autoptr (GError) error = NULL;
  const char *field = NULL;
  YkReferralRecord record = { 0 };
  gint64 id = 0;
  GDate today;

  if (session == NULL)
    return;
  yk_record_form_clear_errors (self->form);
  yk_date_today (&today);
  record.id = self->record_id;
  record.client_id = self->client_id;
  record.to_kind = g_strdup (yk_record_form_choice (self->to_kind_dropdown, to_kind_codes));
  record.to_whom = yk_record_form_text (self->to_whom_entry);
  record.reason = yk_record_form_text (self->reason_entry);
  record.outcome = yk_record_form_text (self->outcome_entry);
  if (!yk_record_form_date (self->form, "date", self->date_entry, TRUE, &record.date))
    ;
  else if (!yk_referral_validate (&record, self->intake_date, &today, &field, &error))
    yk_record_form_fail_error (self->form, field, error);
  else if (self->record_id > 0 ? !yk_casework_update_referral (session, &record, &error)
                                : !yk_casework_add_referral (session, &record, &id, &error))
    yk_record_form_fail_error (self->form, NULL, error);
  else
    {
      if (id > 0)
        yk_unlocked_session_record_added (yk_record_form_get_unlocked (self->form), "referrals", id);
      yk_record_form_saved (self->form, self->client_id);
    }
  referral_clear (&record);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  yk_record_form_close (YK_REFERRAL_DIALOG (widget)->form);
}

static void
yk_referral_dialog_dispose (GObject *object)
{
  YkReferralDialog *self = YK_REFERRAL_DIALOG (object);

  yk_record_form_keep_draft (self->form);
  g_clear_pointer (&self->form, yk_record_form_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), YK_TYPE_REFERRAL_DIALOG);
  G_OBJECT_CLASS (yk_referral_dialog_parent_class)->dispose (object);
}

static void
yk_referral_dialog_finalize (GObject *object)
{
  g_free (YK_REFERRAL_DIALOG (object)->intake_date);
  G_OBJECT_CLASS (yk_referral_dialog_parent_class)->finalize (object);
}

static void
yk_referral_dialog_class_init (YkReferralDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (YK_TYPE_DATE_ENTRY);
  G_OBJECT_CLASS (klass)->dispose = yk_referral_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = yk_referral_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-referral-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YkReferralDialog, title_label);
  gtk_widget_class_bind_template_child (widget_class, YkReferralDialog, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, YkReferralDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, YkReferralDialog, grid);
  gtk_widget_class_bind_template_child (widget_class, YkReferralDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, YkReferralDialog, date_error);
  gtk_widget_class_bind_template_child (widget_class, YkReferralDialog, to_kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, YkReferralDialog, to_kind_error);
  gtk_widget_class_bind_template_child (widget_class, YkReferralDialog, to_whom_entry);
  gtk_widget_class_bind_template_child (widget_class, YkReferralDialog, to_whom_error);
  gtk_widget_class_bind_template_child (widget_class, YkReferralDialog, reason_entry);
  gtk_widget_class_bind_template_child (widget_class, YkReferralDialog, reason_error);
  gtk_widget_class_bind_template_child (widget_class, YkReferralDialog, outcome_entry);
  gtk_widget_class_bind_template_child (widget_class, YkReferralDialog, outcome_error);

  gtk_widget_class_install_action (widget_class, "form.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "form.cancel", NULL, cancel_action);
  yk_record_form_class_add_shortcuts (widget_class);
}

static void
yk_referral_dialog_init (YkReferralDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
set_entry (GtkWidget *entry, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
}

/* A correction has a draft of its own, never mixed with a new referral's. */
static YkReferralDialog *
dialog_new (YkUnlockedSession      *session,
            YkFormDrafts           *drafts,
            gint64                  client_id,
            const YkReferralRecord *record)
{
  YkReferralDialog *self = g_object_new (YK_TYPE_REFERRAL_DIALOG, NULL);
  g_autoptr (YkClientRecord) client = NULL;

  self->client_id = client_id;
  self->record_id = record != NULL ? record->id : 0;
  if (record != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Correct Referral"));
      gtk_label_set_text (GTK_LABEL (self->title_label), _("Correct Referral"));
    }
  self->form = yk_record_form_new (GTK_WINDOW (self), session, drafts,
                                   record != NULL ? "correct:referrals" : "referral",
                                   record != NULL ? record->id : client_id);
  yk_record_form_set_error_label (self->form, self->error_label);
  yk_record_form_add_field (self->form, "date", self->date_entry, self->date_error);
  yk_record_form_add_field (self->form, "to_kind", self->to_kind_dropdown, self->to_kind_error);
  yk_record_form_add_field (self->form, "to_whom", self->to_whom_entry, self->to_whom_error);
  yk_record_form_add_field (self->form, "reason", self->reason_entry, self->reason_error);
  yk_record_form_add_field (self->form, "outcome", self->outcome_entry, self->outcome_error);

  if (record != NULL)
    {
      set_entry (self->date_entry, record->date);
      yk_record_form_choose (self->to_kind_dropdown, to_kind_codes, record->to_kind);
      set_entry (self->to_whom_entry, record->to_whom);
      set_entry (self->reason_entry, record->reason);
      set_entry (self->outcome_entry, record->outcome);
    }
  else
    yk_record_form_set_today (self->date_entry);
  client = yk_record_form_load_person (self->form, self->subtitle_label, client_id);
  gtk_widget_set_sensitive (self->grid, client != NULL);
  if (client != NULL)
    {
      self->intake_date = g_strdup (client->intake_date);
      yk_record_form_restore_draft (self->form);
    }
  gtk_widget_grab_focus (self->to_kind_dropdown);
  return self;
}

YkReferralDialog *
yk_referral_dialog_new (YkUnlockedSession *session,
                        YkFormDrafts      *drafts,
                        gint64             client_id)
{
  return dialog_new (session, drafts, client_id, NULL);
}

YkReferralDialog *
yk_referral_dialog_new_edit (YkUnlockedSession *session,
                             YkFormDrafts      *drafts,
                             gint64             record_id,
                             GError           **error)
{
  YkSession *core = yk_unlocked_session_get_session (session);
  g_autoptr (YkReferralRecord) record = NULL;

  g_return_val_if_fail (core != NULL, NULL);
  record = yk_casework_get_referral (core, record_id, error);
  return record != NULL ? dialog_new (session, drafts, record->client_id, record) : NULL;
}

const char *
yk_referral_dialog_get_error (YkReferralDialog *self,
                              const char       *field)
{
  g_return_val_if_fail (YK_IS_REFERRAL_DIALOG (self), NULL);
  return yk_record_form_get_error (self->form, field);
}
