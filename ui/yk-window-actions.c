/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-window-private.h"
#include "yk-assessment-dialog.h"
#include "yk-client-dialog.h"
#include "yk-contact-dialog.h"
#include "yk-family-dialog.h"
#include "yk-plan-goal-dialog.h"
#include "yk-referral-dialog.h"
#include "yk-status-dialog.h"
#include "yk-transfer-dialog.h"
#include "yk-void-dialog.h"
#include "yk-withdraw-consent-dialog.h"

/* The actions any screen inside the window activates, with
 *   gtk_widget_activate_action (widget, "record.phone", "x", (gint64) client_id);
 * each opens its dialog over the window. */
static const char *const record_actions[] = {
  "record.phone", "record.visit", "record.new-client", "record.assessment", "record.family",
  "record.plan-goal", "record.referral", "record.status", "record.void", "record.correct",
  "record.withdraw-consent", "record.transfer",
};

static void
update_record_actions (YkWindow *self)
{
  YkUnlockedSession *session = yk_window_get_session (self);
  /* A district view records nothing: its buttons go with the actions. */
  gboolean can_record = session != NULL && !yk_unlocked_session_is_read_only (session);

  for (guint i = 0; i < G_N_ELEMENTS (record_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), record_actions[i], can_record);
}

static void
present (YkWindow *self,
         gpointer  dialog)
{
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  YkWindow *self = YK_WINDOW (widget);
  YkUnlockedSession *session = yk_window_get_session (self);
  YkFormDrafts *drafts = yk_window_get_drafts (self);
  gint64 id = parameter != NULL && g_variant_is_of_type (parameter, G_VARIANT_TYPE_INT64)
                ? g_variant_get_int64 (parameter)
                : 0;

  if (session == NULL)
    return;
  if (g_str_equal (action_name, "record.phone"))
    present (self, yk_contact_dialog_new (session, drafts, "phone", id));
  else if (g_str_equal (action_name, "record.visit"))
    present (self, yk_contact_dialog_new (session, drafts, "home_visit", id));
  else if (g_str_equal (action_name, "record.new-client"))
    present (self, yk_client_dialog_new (session, drafts));
  else if (g_str_equal (action_name, "record.assessment"))
    present (self, yk_assessment_dialog_new (session, drafts, id));
  else if (g_str_equal (action_name, "record.family"))
    present (self, yk_family_dialog_new (session, drafts, id));
  else if (g_str_equal (action_name, "record.plan-goal"))
    present (self, yk_plan_goal_dialog_new (session, drafts, id));
  else if (g_str_equal (action_name, "record.referral"))
    present (self, yk_referral_dialog_new (session, drafts, id));
  else if (g_str_equal (action_name, "record.status"))
    present (self, yk_status_dialog_new (session, drafts, id));
  else if (g_str_equal (action_name, "record.withdraw-consent"))
    present (self, yk_withdraw_consent_dialog_new (session, drafts, id));
  else if (g_str_equal (action_name, "record.transfer"))
    present (self, yk_transfer_dialog_new (session, drafts, id));
}

static void
void_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YkWindow *self = YK_WINDOW (widget);
  YkUnlockedSession *session = yk_window_get_session (self);
  const char *table = NULL;
  gint64 id = 0;

  if (session == NULL)
    return;
  g_variant_get (parameter, "(&sx)", &table, &id);
  present (self, yk_void_dialog_new (session, yk_window_get_drafts (self), table, id));
}

/* Opens a recorded contact, assessment, plan goal or referral in its own dialog to
 * correct it. app/ decides who may (the menu offers it only then); if
 * that changed meanwhile — a week passed, someone voided it — the
 * window says why instead. */
static void
correct_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  YkWindow *self = YK_WINDOW (widget);
  YkUnlockedSession *session = yk_window_get_session (self);
  YkFormDrafts *drafts = yk_window_get_drafts (self);
  g_autoptr (GError) error = NULL;
  const char *table = NULL;
  gpointer dialog = NULL;
  gint64 id = 0;

  if (session == NULL)
    return;
  g_variant_get (parameter, "(&sx)", &table, &id);
  if (g_str_equal (table, "contacts"))
    dialog = yk_contact_dialog_new_edit (session, drafts, id, &error);
  else if (g_str_equal (table, "assessments"))
    dialog = yk_assessment_dialog_new_edit (session, drafts, id, &error);
  else if (g_str_equal (table, "plan_goals"))
    dialog = yk_plan_goal_dialog_new_edit (session, drafts, id, &error);
  else if (g_str_equal (table, "referrals"))
    dialog = yk_referral_dialog_new_edit (session, drafts, id, &error);
  if (dialog != NULL)
    present (self, dialog);
  else if (error != NULL)
    _yk_window_show_message (self, error->message);
}

/* Called from yk_window_class_init. The keyboard shortcuts for recording
 * (Ctrl+Shift+P, Ctrl+Shift+V) belong to the screens where a person is
 * selected, which know whom they are for; the shortcuts window lists them. */
/* record.open-case (x): the case file a dialog over the window names. */
static void
open_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _yk_window_open_case (YK_WINDOW (widget), g_variant_get_int64 (parameter));
}

void
_yk_window_class_add_record_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "record.open-case", "x", open_case_action);
  gtk_widget_class_install_action (widget_class, "record.phone", "x", record_action);
  gtk_widget_class_install_action (widget_class, "record.visit", "x", record_action);
  gtk_widget_class_install_action (widget_class, "record.new-client", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "record.assessment", "x", record_action);
  gtk_widget_class_install_action (widget_class, "record.family", "x", record_action);
  gtk_widget_class_install_action (widget_class, "record.plan-goal", "x", record_action);
  gtk_widget_class_install_action (widget_class, "record.referral", "x", record_action);
  gtk_widget_class_install_action (widget_class, "record.status", "x", record_action);
  gtk_widget_class_install_action (widget_class, "record.withdraw-consent", "x", record_action);
  gtk_widget_class_install_action (widget_class, "record.transfer", "x", record_action);
  gtk_widget_class_install_action (widget_class, "record.void", "(sx)", void_action);
  gtk_widget_class_install_action (widget_class, "record.correct", "(sx)", correct_action);
}

/* Called from yk_window_init. The drafts live as long as the window, in
 * memory only: a lock keeps them, quitting wipes them. */
void
_yk_window_init_record_actions (YkWindow *self)
{
  g_signal_connect (self, "notify::session", G_CALLBACK (update_record_actions), NULL);
  update_record_actions (self);
}

