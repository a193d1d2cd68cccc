/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-void-dialog.h"
#include "yk-audit-words.h"
#include "yk-casework.h"
#include "yk-record-form.h"

#include <glib/gi18n.h>

struct _YkVoidDialog
{
  GtkWindow parent_instance;

  GtkWidget *subtitle_label;
  GtkWidget *error_label;
  GtkWidget *reason_entry;
  GtkWidget *reason_error;

  YkRecordForm *form;
  char *table;
  gint64 record_id;
};

G_DEFINE_FINAL_TYPE (YkVoidDialog, yk_void_dialog, GTK_TYPE_WINDOW)

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YkVoidDialog *self = YK_VOID_DIALOG (widget);
  YkSession *session = yk_record_form_get_session (self->form);
  g_autofree char *reason = NULL;
  g_autoptr (GError) error = NULL;

  if (session == NULL)
    return;
  yk_record_form_clear_errors (self->form);
  reason = yk_record_form_text (self->reason_entry);
  if (reason == NULL)
    {
      yk_record_form_fail (self->form, "void_reason", _("Say why the record is wrong"));
      return;
    }
  if (!yk_casework_void (session, self->table, self->record_id, reason, &error))
    {
      yk_record_form_fail_error (self->form, NULL, error);
      return;
    }
  /* A voided record may be anyone's; every screen reloads. */
  yk_record_form_saved (self->form, 0);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  yk_record_form_close (YK_VOID_DIALOG (widget)->form);
}

static void
yk_void_dialog_dispose (GObject *object)
{
  YkVoidDialog *self = YK_VOID_DIALOG (object);

  yk_record_form_keep_draft (self->form);
  g_clear_pointer (&self->form, yk_record_form_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), YK_TYPE_VOID_DIALOG);
  G_OBJECT_CLASS (yk_void_dialog_parent_class)->dispose (object);
}

static void
yk_void_dialog_finalize (GObject *object)
{
  g_free (YK_VOID_DIALOG (object)->table);
  G_OBJECT_CLASS (yk_void_dialog_parent_class)->finalize (object);
}

static void
yk_void_dialog_class_init (YkVoidDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = yk_void_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = yk_void_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-void-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YkVoidDialog, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, YkVoidDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, YkVoidDialog, reason_entry);
  gtk_widget_class_bind_template_child (widget_class, YkVoidDialog, reason_error);

  gtk_widget_class_install_action (widget_class, "form.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "form.cancel", NULL, cancel_action);
  yk_record_form_class_add_shortcuts (widget_class);
}

static void
yk_void_dialog_init (YkVoidDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

YkVoidDialog *
yk_void_dialog_new (YkUnlockedSession *session,
                    YkFormDrafts      *drafts,
                    const char        *table,
                    gint64             record_id)
{
  YkVoidDialog *self = g_object_new (YK_TYPE_VOID_DIALOG, NULL);
  g_autofree char *form_name = g_strconcat ("void:", table, NULL);
  g_autofree char *subtitle = NULL;

  self->table = g_strdup (table);
  self->record_id = record_id;
  self->form = yk_record_form_new (GTK_WINDOW (self), session, drafts, form_name, record_id);
  yk_record_form_set_error_label (self->form, self->error_label);
  yk_record_form_add_field (self->form, "void_reason", self->reason_entry, self->reason_error);

  /* Named as a person knows it (2021-12-03 电话随访 · SPQ-0007), not by its row number. */
  if (yk_unlocked_session_get_session (session) != NULL)
    subtitle = yk_casework_describe (yk_unlocked_session_get_session (session), table, record_id, NULL);
  if (subtitle == NULL)
    subtitle = g_strdup (yk_audit_table_label (table));
  gtk_label_set_text (GTK_LABEL (self->subtitle_label), subtitle);
  gtk_widget_set_visible (self->subtitle_label, TRUE);
  yk_record_form_restore_draft (self->form);
  gtk_widget_grab_focus (self->reason_entry);
  return self;
}

const char *
yk_void_dialog_get_error (YkVoidDialog *self,
                          const char   *field)
{
  g_return_val_if_fail (YK_IS_VOID_DIALOG (self), NULL);
  return yk_record_form_get_error (self->form, field);
}
