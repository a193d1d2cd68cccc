/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-training-dialog.h"
#include "yk-date-entry.h"
#include "yk-db-workload.h"
#include "yk-record-form.h"
#include "yk-training.h"

#include <glib/gi18n.h>
#include <math.h>

struct _YkTrainingDialog
{
  GtkWindow parent_instance;

  GtkWidget *error_label;
  GtkWidget *date_entry;
  GtkWidget *title_entry;
  GtkWidget *hours_spin;
  GtkWidget *provider_entry;
  GtkWidget *attendees_list;

  YkUnlockedSession *session;
  GArray *staff_ids; /* gint64, one per row of attendees_list, in its order */
};

G_DEFINE_FINAL_TYPE (YkTrainingDialog, yk_training_dialog, GTK_TYPE_WINDOW)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkCheckButton *
check_at (YkTrainingDialog *self, guint index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->attendees_list), (int) index);

  return row != NULL ? GTK_CHECK_BUTTON (gtk_list_box_row_get_child (row)) : NULL;
}

static void
fail (YkTrainingDialog *self, const char *message)
{
  gtk_label_set_text (GTK_LABEL (self->error_label), message);
  gtk_widget_set_visible (self->error_label, TRUE);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YkTrainingDialog *self = YK_TRAINING_DIALOG (widget);
  YkSession *session = yk_unlocked_session_get_session (self->session);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL, *provider = NULL;
  YkTrainingRecord record;

  if (session == NULL)
    return;
  gtk_widget_set_visible (self->error_label, FALSE);
  yk_date_entry_normalize (YK_DATE_ENTRY (self->date_entry));
  for (guint i = 0; i < self->staff_ids->len; i++)
    if (gtk_check_button_get_active (check_at (self, i)))
      g_array_append_val (ids, g_array_index (self->staff_ids, gint64, i));
  title = yk_record_form_text (self->title_entry);
  provider = yk_record_form_text (self->provider_entry);
  record = (YkTrainingRecord) {
    .date = gtk_editable_get_text (GTK_EDITABLE (self->date_entry)),
    .title = title,
    /* The spin button shows one decimal: its value in tenths, exactly. */
    .hours_tenths = (int) lround (gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->hours_spin)) * 10),
    .provider = provider,
    .staff_ids = (const gint64 *) ids->data,
    .n_staff = ids->len,
  };
  if (!yk_training_record (session, &record, NULL, &error))
    {
      fail (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
fill_staff (YkTrainingDialog *self)
{
  YkSession *session = yk_unlocked_session_get_session (self->session);
  g_autoptr (GPtrArray) staff = session != NULL ? yk_training_staff (session, NULL) : NULL;

  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      YkWorkloadStaff *member = staff->pdata[i];
      g_autofree char *label = NULL;
      GtkWidget *check;

      /* TRANSLATORS: %1$s is a staff member's name, %2$s their site's */
      label = member->site_name != NULL ? g_strdup_printf (_("%1$s · %2$s"), member->name, member->site_name)
                                        : g_strdup_printf (_("%1$s · Coordinator"), member->name);
      check = gtk_check_button_new_with_label (label);
      gtk_widget_set_margin_start (check, 6);
      gtk_widget_set_margin_end (check, 6);
      gtk_widget_set_margin_top (check, 3);
      gtk_widget_set_margin_bottom (check, 3);
      gtk_list_box_append (GTK_LIST_BOX (self->attendees_list), check);
      g_array_append_val (self->staff_ids, member->id);
    }
}

static void
yk_training_dialog_dispose (GObject *object)
{
  YkTrainingDialog *self = YK_TRAINING_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), YK_TYPE_TRAINING_DIALOG);
  g_clear_object (&self->session);
  g_clear_pointer (&self->staff_ids, g_array_unref);
  G_OBJECT_CLASS (yk_training_dialog_parent_class)->dispose (object);
}

static void
yk_training_dialog_class_init (YkTrainingDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = yk_training_dialog_dispose;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-training-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YkTrainingDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, YkTrainingDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, YkTrainingDialog, title_entry);
  gtk_widget_class_bind_template_child (widget_class, YkTrainingDialog, hours_spin);
  gtk_widget_class_bind_template_child (widget_class, YkTrainingDialog, provider_entry);
  gtk_widget_class_bind_template_child (widget_class, YkTrainingDialog, attendees_list);

  gtk_widget_class_install_action (widget_class, "form.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "form.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "form.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "form.save", NULL);
}

static void
yk_training_dialog_init (YkTrainingDialog *self)
{
  g_type_ensure (YK_TYPE_DATE_ENTRY);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->staff_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

YkTrainingDialog *
yk_training_dialog_new (YkUnlockedSession *session)
{
  YkTrainingDialog *self = g_object_new (YK_TYPE_TRAINING_DIALOG, NULL);

  self->session = g_object_ref (session);
  fill_staff (self);
  yk_record_form_set_today (self->date_entry);
  gtk_widget_grab_focus (self->title_entry);
  return self;
}

void
yk_training_dialog_set_attendee (YkTrainingDialog *self,
                                 gint64            staff_id,
                                 gboolean          attends)
{
  g_return_if_fail (YK_IS_TRAINING_DIALOG (self));
  for (guint i = 0; i < self->staff_ids->len; i++)
    if (g_array_index (self->staff_ids, gint64, i) == staff_id)
      gtk_check_button_set_active (check_at (self, i), attends);
}

const char *
yk_training_dialog_get_error (YkTrainingDialog *self)
{
  g_return_val_if_fail (YK_IS_TRAINING_DIALOG (self), NULL);
  return gtk_widget_get_visible (self->error_label) ? gtk_label_get_text (GTK_LABEL (self->error_label)) : NULL;
}
