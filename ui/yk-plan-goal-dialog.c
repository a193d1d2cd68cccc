/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-plan-goal-dialog.h"
#include "yk-date-entry.h"
#include "yk-casework.h"
#include "yk-record-form.h"
#include "yk-record-rules.h"

#include <glib/gi18n.h>

struct _YkPlanGoalDialog
{
  GtkWindow parent_instance;

  GtkWidget *title_label;
  GtkWidget *subtitle_label;
  GtkWidget *error_label;
  GtkWidget *grid;
  GtkWidget *goal_entry;
  GtkWidget *goal_error;
  GtkWidget *target_date_entry;
  GtkWidget *target_date_error;
  GtkWidget *review_date_entry;
  GtkWidget *review_date_error;
  GtkWidget *progress_view;
  GtkWidget *progress_error;

  YkRecordForm *form;
  gint64 client_id;
  gint64 record_id;   /* correcting this goal; 0: a new one */
};

G_DEFINE_FINAL_TYPE (YkPlanGoalDialog, yk_plan_goal_dialog, GTK_TYPE_WINDOW)

static void
plan_goal_clear (YkPlanGoalRecord *r)
{
  g_free (r->goal);
  g_free (r->target_date);
  g_free (r->review_date);
  g_free (r->progress);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YkPlanGoalDialog *self = YK_PLAN_GOAL_DIALOG (widget);
  YkSession *session = yk_record_form_get_session (self->form);
  g_autoptr (GError) error = NULL;
  const char *field = NULL;
  YkPlanGoalRecord record = { 0 };
  gint64 id = 0;

  if (session == NULL)
    return;
  yk_record_form_clear_errors (self->form);
  record.id = self->record_id;
  record.client_id = self->client_id;
  record.goal = yk_record_form_text (self->goal_entry);
  record.progress = yk_record_form_text (self->progress_view);
  if (!yk_record_form_date (self->form, "target_date", self->target_date_entry, FALSE, &record.target_date) ||
      !yk_record_form_date (self->form, "review_date", self->review_date_entry, FALSE, &record.review_date))
    ;
  else if (!yk_plan_goal_validate (&record, &field, &error))
    yk_record_form_fail_error (self->form, field, error);
  else if (self->record_id > 0 ? !yk_casework_update_plan_goal (session, &record, &error)
                                : !yk_casework_add_plan_goal (session, &record, &id, &error))
    yk_record_form_fail_error (self->form, NULL, error);
  else
    {
      if (id > 0)
        yk_unlocked_session_record_added (yk_record_form_get_unlocked (self->form), "plan_goals", id);
      yk_record_form_saved (self->form, self->client_id);
    }
  plan_goal_clear (&record);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  yk_record_form_close (YK_PLAN_GOAL_DIALOG (widget)->form);
}

static void
yk_plan_goal_dialog_dispose (GObject *object)
{
  YkPlanGoalDialog *self = YK_PLAN_GOAL_DIALOG (object);

  yk_record_form_keep_draft (self->form);
  g_clear_pointer (&self->form, yk_record_form_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), YK_TYPE_PLAN_GOAL_DIALOG);
  G_OBJECT_CLASS (yk_plan_goal_dialog_parent_class)->dispose (object);
}

static void
yk_plan_goal_dialog_class_init (YkPlanGoalDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (YK_TYPE_DATE_ENTRY);
  G_OBJECT_CLASS (klass)->dispose = yk_plan_goal_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-plan-goal-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YkPlanGoalDialog, title_label);
  gtk_widget_class_bind_template_child (widget_class, YkPlanGoalDialog, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, YkPlanGoalDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, YkPlanGoalDialog, grid);
  gtk_widget_class_bind_template_child (widget_class, YkPlanGoalDialog, goal_entry);
  gtk_widget_class_bind_template_child (widget_class, YkPlanGoalDialog, goal_error);
  gtk_widget_class_bind_template_child (widget_class, YkPlanGoalDialog, target_date_entry);
  gtk_widget_class_bind_template_child (widget_class, YkPlanGoalDialog, target_date_error);
  gtk_widget_class_bind_template_child (widget_class, YkPlanGoalDialog, review_date_entry);
  gtk_widget_class_bind_template_child (widget_class, YkPlanGoalDialog, review_date_error);
  gtk_widget_class_bind_template_child (widget_class, YkPlanGoalDialog, progress_view);
  gtk_widget_class_bind_template_child (widget_class, YkPlanGoalDialog, progress_error);

  gtk_widget_class_install_action (widget_class, "form.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "form.cancel", NULL, cancel_action);
  yk_record_form_class_add_shortcuts (widget_class);
}

static void
yk_plan_goal_dialog_init (YkPlanGoalDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
set_entry (GtkWidget *entry, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
}

/* A correction has a draft of its own, never mixed with a new goal's. */
static YkPlanGoalDialog *
dialog_new (YkUnlockedSession      *session,
            YkFormDrafts           *drafts,
            gint64                  client_id,
            const YkPlanGoalRecord *record)
{
  YkPlanGoalDialog *self = g_object_new (YK_TYPE_PLAN_GOAL_DIALOG, NULL);
  g_autoptr (YkClientRecord) client = NULL;

  self->client_id = client_id;
  self->record_id = record != NULL ? record->id : 0;
  if (record != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Correct Plan Goal"));
      gtk_label_set_text (GTK_LABEL (self->title_label), _("Correct Plan Goal"));
    }
  self->form = yk_record_form_new (GTK_WINDOW (self), session, drafts,
                                   record != NULL ? "correct:plan_goals" : "plan-goal",
                                   record != NULL ? record->id : client_id);
  yk_record_form_set_error_label (self->form, self->error_label);
  yk_record_form_add_field (self->form, "goal", self->goal_entry, self->goal_error);
  yk_record_form_add_field (self->form, "target_date", self->target_date_entry, self->target_date_error);
  yk_record_form_add_field (self->form, "review_date", self->review_date_entry, self->review_date_error);
  yk_record_form_add_field (self->form, "progress", self->progress_view, self->progress_error);

  client = yk_record_form_load_person (self->form, self->subtitle_label, client_id);
  gtk_widget_set_sensitive (self->grid, client != NULL);
  if (record != NULL)
    {
      set_entry (self->goal_entry, record->goal);
      set_entry (self->target_date_entry, record->target_date);
      set_entry (self->review_date_entry, record->review_date);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->progress_view)),
                                record->progress != NULL ? record->progress : "", -1);
    }
  if (client != NULL)
    yk_record_form_restore_draft (self->form);
  gtk_widget_grab_focus (self->goal_entry);
  return self;
}

YkPlanGoalDialog *
yk_plan_goal_dialog_new (YkUnlockedSession *session,
                         YkFormDrafts      *drafts,
                         gint64             client_id)
{
  return dialog_new (session, drafts, client_id, NULL);
}

YkPlanGoalDialog *
yk_plan_goal_dialog_new_edit (YkUnlockedSession *session,
                              YkFormDrafts      *drafts,
                              gint64             record_id,
                              GError           **error)
{
  YkSession *core = yk_unlocked_session_get_session (session);
  g_autoptr (YkPlanGoalRecord) record = NULL;

  g_return_val_if_fail (core != NULL, NULL);
  record = yk_casework_get_plan_goal (core, record_id, error);
  return record != NULL ? dialog_new (session, drafts, record->client_id, record) : NULL;
}

const char *
yk_plan_goal_dialog_get_error (YkPlanGoalDialog *self,
                               const char       *field)
{
  g_return_val_if_fail (YK_IS_PLAN_GOAL_DIALOG (self), NULL);
  return yk_record_form_get_error (self->form, field);
}
