/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-family-dialog.h"
#include "yk-casework.h"
#include "yk-record-form.h"
#include "yk-record-rules.h"

#include <glib/gi18n.h>

struct _YkFamilyDialog
{
  GtkWindow parent_instance;

  GtkWidget *subtitle_label;
  GtkWidget *error_label;
  GtkWidget *grid;
  GtkWidget *name_entry;
  GtkWidget *name_error;
  GtkWidget *relation_entry;
  GtkWidget *relation_error;
  GtkWidget *phone_entry;
  GtkWidget *phone_error;

  YkRecordForm *form;
  gint64 client_id;
};

G_DEFINE_FINAL_TYPE (YkFamilyDialog, yk_family_dialog, GTK_TYPE_WINDOW)

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YkFamilyDialog *self = YK_FAMILY_DIALOG (widget);
  YkSession *session = yk_record_form_get_session (self->form);
  g_autoptr (GError) error = NULL;
  const char *field = NULL;
  YkFamilyRecord record = { 0 };
  gint64 id = 0;

  if (session == NULL)
    return;
  yk_record_form_clear_errors (self->form);
  record.client_id = self->client_id;
  record.name = yk_record_form_text (self->name_entry);
  record.relation = yk_record_form_text (self->relation_entry);
  record.phone = yk_record_form_text (self->phone_entry);
  if (!yk_family_validate (&record, &field, &error))
    yk_record_form_fail_error (self->form, field, error);
  else if (!yk_casework_add_family (session, &record, &id, &error))
    yk_record_form_fail_error (self->form, NULL, error);
  else
    {
      yk_unlocked_session_record_added (yk_record_form_get_unlocked (self->form), "family_members", id);
      yk_record_form_saved (self->form, self->client_id);
    }
  g_free (record.name);
  g_free (record.relation);
  g_free (record.phone);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  yk_record_form_close (YK_FAMILY_DIALOG (widget)->form);
}

static void
yk_family_dialog_dispose (GObject *object)
{
  YkFamilyDialog *self = YK_FAMILY_DIALOG (object);

  yk_record_form_keep_draft (self->form);
  g_clear_pointer (&self->form, yk_record_form_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), YK_TYPE_FAMILY_DIALOG);
  G_OBJECT_CLASS (yk_family_dialog_parent_class)->dispose (object);
}

static void
yk_family_dialog_class_init (YkFamilyDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = yk_family_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-family-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YkFamilyDialog, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, YkFamilyDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, YkFamilyDialog, grid);
  gtk_widget_class_bind_template_child (widget_class, YkFamilyDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, YkFamilyDialog, name_error);
  gtk_widget_class_bind_template_child (widget_class, YkFamilyDialog, relation_entry);
  gtk_widget_class_bind_template_child (widget_class, YkFamilyDialog, relation_error);
  gtk_widget_class_bind_template_child (widget_class, YkFamilyDialog, phone_entry);
  gtk_widget_class_bind_template_child (widget_class, YkFamilyDialog, phone_error);

  gtk_widget_class_install_action (widget_class, "form.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "form.cancel", NULL, cancel_action);
  yk_record_form_class_add_shortcuts (widget_class);
}

static void
yk_family_dialog_init (YkFamilyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

YkFamilyDialog *
yk_family_dialog_new (YkUnlockedSession *session,
                      YkFormDrafts      *drafts,
                      gint64             client_id)
{
  YkFamilyDialog *self = g_object_new (YK_TYPE_FAMILY_DIALOG, NULL);
  g_autoptr (YkClientRecord) client = NULL;

  self->client_id = client_id;
  self->form = yk_record_form_new (GTK_WINDOW (self), session, drafts, "family", client_id);
  yk_record_form_set_error_label (self->form, self->error_label);
  yk_record_form_add_field (self->form, "name", self->name_entry, self->name_error);
  yk_record_form_add_field (self->form, "relation", self->relation_entry, self->relation_error);
  yk_record_form_add_field (self->form, "phone", self->phone_entry, self->phone_error);

  client = yk_record_form_load_person (self->form, self->subtitle_label, client_id);
  gtk_widget_set_sensitive (self->grid, client != NULL);
  if (client != NULL)
    yk_record_form_restore_draft (self->form);
  gtk_widget_grab_focus (self->name_entry);
  return self;
}

const char *
yk_family_dialog_get_error (YkFamilyDialog *self,
                            const char     *field)
{
  g_return_val_if_fail (YK_IS_FAMILY_DIALOG (self), NULL);
  return yk_record_form_get_error (self->form, field);
}
