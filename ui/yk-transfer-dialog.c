/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-transfer-dialog.h"
#include "yk-date-entry.h"
#include "yk-record-form.h"
#include "yk-recording.h"
#include "yk-transfer.h"

#include <glib/gi18n.h>

struct _YkTransferDialog
{
  GtkWindow parent_instance;

  GtkWidget *subtitle_label;
  GtkWidget *error_label;
  GtkWidget *grid;
  GtkWidget *current_label;
  GtkWidget *site_dropdown;
  GtkWidget *site_error;
  GtkWidget *date_entry;
  GtkWidget *date_error;
  GtkWidget *worker_dropdown;
  GtkWidget *worker_error;

  YkRecordForm *form;
  gint64 client_id;
  GArray *site_ids;   /* gint64, the drop-down's order */
  GArray *worker_ids; /* gint64, 0 first: no one yet */
};

G_DEFINE_FINAL_TYPE (YkTransferDialog, yk_transfer_dialog, GTK_TYPE_WINDOW)

static gint64
selected_id (GtkWidget *dropdown, GArray *ids)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));

  return ids != NULL && selected < ids->len ? g_array_index (ids, gint64, selected) : 0;
}

/* The social workers of the chosen site, after "no one yet". */
static void
fill_workers (YkTransferDialog *self)
{
  YkSession *session = yk_record_form_get_session (self->form);
  gint64 site_id = selected_id (self->site_dropdown, self->site_ids);
  g_autoptr (GPtrArray) staff = NULL;
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  gint64 none = 0;

  g_array_set_size (self->worker_ids, 0);
  gtk_string_list_append (names, _("No one yet"));
  g_array_append_val (self->worker_ids, none);
  if (session != NULL && site_id > 0)
    staff = yk_recording_workers (session, site_id, NULL);
  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      YkStaffRow *row = staff->pdata[i];

      if (row->site_id != site_id || !row->active)
        continue;
      gtk_string_list_append (names, row->display_name);
      g_array_append_val (self->worker_ids, row->id);
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->worker_dropdown), G_LIST_MODEL (names));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->worker_dropdown), 0);
}

static void
site_changed_cb (YkTransferDialog *self)
{
  fill_workers (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YkTransferDialog *self = YK_TRANSFER_DIALOG (widget);
  YkSession *session = yk_record_form_get_session (self->form);
  g_autoptr (GError) error = NULL;
  g_autofree char *date = NULL;
  GtkWindow *parent;
  const char *field = NULL;
  gint64 new_id = 0;

  if (session == NULL)
    return;
  yk_record_form_clear_errors (self->form);
  if (!yk_record_form_date (self->form, "transfer_date", self->date_entry, TRUE, &date))
    return;
  if (!yk_transfer_case (session, self->client_id, selected_id (self->site_dropdown, self->site_ids), date,
                         selected_id (self->worker_dropdown, self->worker_ids), &new_id, NULL, &field, &error))
    {
      yk_record_form_fail_error (self->form, field, error);
      return;
    }
  /* The new case file is where the person's work goes on: open it. */
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL)
    g_object_ref (parent);
  yk_record_form_saved (self->form, self->client_id);
  if (parent != NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (parent), "record.open-case", "x", new_id);
      g_object_unref (parent);
    }
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  yk_record_form_close (YK_TRANSFER_DIALOG (widget)->form);
}

static void
yk_transfer_dialog_dispose (GObject *object)
{
  YkTransferDialog *self = YK_TRANSFER_DIALOG (object);

  yk_record_form_keep_draft (self->form);
  g_clear_pointer (&self->form, yk_record_form_free);
  g_clear_pointer (&self->site_ids, g_array_unref);
  g_clear_pointer (&self->worker_ids, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), YK_TYPE_TRANSFER_DIALOG);
  G_OBJECT_CLASS (yk_transfer_dialog_parent_class)->dispose (object);
}

static void
yk_transfer_dialog_class_init (YkTransferDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (YK_TYPE_DATE_ENTRY);
  G_OBJECT_CLASS (klass)->dispose = yk_transfer_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-transfer-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YkTransferDialog, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, YkTransferDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, YkTransferDialog, grid);
  gtk_widget_class_bind_template_child (widget_class, YkTransferDialog, current_label);
  gtk_widget_class_bind_template_child (widget_class, YkTransferDialog, site_dropdown);
  gtk_widget_class_bind_template_child (widget_class, YkTransferDialog, site_error);
  gtk_widget_class_bind_template_child (widget_class, YkTransferDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, YkTransferDialog, date_error);
  gtk_widget_class_bind_template_child (widget_class, YkTransferDialog, worker_dropdown);
  gtk_widget_class_bind_template_child (widget_class, YkTransferDialog, worker_error);
  gtk_widget_class_bind_template_callback (widget_class, site_changed_cb);

  gtk_widget_class_install_action (widget_class, "form.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "form.cancel", NULL, cancel_action);
  yk_record_form_class_add_shortcuts (widget_class);
}

static void
yk_transfer_dialog_init (YkTransferDialog *self)
{
  self->site_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->worker_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
}

YkTransferDialog *
yk_transfer_dialog_new (YkUnlockedSession *session,
                        YkFormDrafts      *drafts,
                        gint64             client_id)
{
  YkTransferDialog *self = g_object_new (YK_TYPE_TRANSFER_DIALOG, NULL);
  g_autoptr (YkClientRecord) client = NULL;
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);

  self->client_id = client_id;
  self->form = yk_record_form_new (GTK_WINDOW (self), session, drafts, "transfer", client_id);
  yk_record_form_set_error_label (self->form, self->error_label);
  yk_record_form_add_field (self->form, "transfer_site", self->site_dropdown, self->site_error);
  yk_record_form_add_field (self->form, "transfer_date", self->date_entry, self->date_error);
  yk_record_form_add_field (self->form, "transfer_worker", self->worker_dropdown, self->worker_error);

  yk_record_form_set_today (self->date_entry);
  client = yk_record_form_load_person (self->form, self->subtitle_label, client_id);
  gtk_widget_set_sensitive (self->grid, client != NULL);
  if (client != NULL)
    {
      g_autoptr (GPtrArray) sites = yk_recording_sites (yk_record_form_get_session (self->form), NULL);
      g_autofree char *current = NULL;

      for (guint i = 0; sites != NULL && i < sites->len; i++)
        {
          YkSiteRow *site = sites->pdata[i];

          if (site->id == client->site_id)
            {
              /* TRANSLATORS: %1$s is a case number, %2$s the site it is at */
              current = g_strdup_printf (_("%1$s is at %2$s. Its case is referred out on the date, and a "
                                           "new case is opened at the site chosen, with the person’s data, consent "
                                           "and family."),
                                         client->case_no, site->name);
              continue;
            }
          gtk_string_list_append (names, site->name);
          g_array_append_val (self->site_ids, site->id);
        }
      gtk_label_set_text (GTK_LABEL (self->current_label), current != NULL ? current : "");
    }
  g_signal_handlers_block_by_func (self->site_dropdown, site_changed_cb, self);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->site_dropdown), G_LIST_MODEL (names));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->site_dropdown), 0);
  g_signal_handlers_unblock_by_func (self->site_dropdown, site_changed_cb, self);
  fill_workers (self);
  if (client != NULL)
    yk_record_form_restore_draft (self->form);
  gtk_widget_grab_focus (self->site_dropdown);
  return self;
}

const char *
yk_transfer_dialog_get_error (YkTransferDialog *self,
                              const char       *field)
{
  g_return_val_if_fail (YK_IS_TRANSFER_DIALOG (self), NULL);
  return yk_record_form_get_error (self->form, field);
}
