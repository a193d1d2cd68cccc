/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-admin-accounts.h"
#include "yk-admin-account-row.h"
#include "yk-admin-confirm-dialog.h"
#include "yk-admin-role-dialog.h"
#include "yk-accounts.h"
#include "yk-password-strength.h"
#include "yk-statistics.h"
#include "yk-label.h"
#include "yk-password-dialog.h"
#include "yk-recovery-key-dialog.h"
#include "yk-unlocked-session.h"
#include "yk-wipe.h"

#include <glib/gi18n.h>

typedef enum
{
  CONFIRM_REMOVE,
  CONFIRM_ROTATE,
} ConfirmKind;

struct _YkAdminAccounts
{
  GtkWidget parent_instance;

  YkUnlockedSession *session;

  GtkListBox *accounts_list;
  GtkLabel *accounts_error;
  GtkEditable *add_account_entry;
  GtkEditable *add_name_entry;
  GtkDropDown *add_role_drop_down;
  GtkWidget *add_site_label;
  GtkDropDown *add_site_drop_down;
  GtkEditable *add_password_entry;
  GtkEditable *add_confirm_entry;
  GtkLabel *add_strength_label;
  GtkLabel *add_error;
  GtkSpinner *busy_spinner;
  GtkLabel *key_status;

  GPtrArray *site_codes;      /* char *, parallel to add_site_drop_down */
  GtkWindow *confirm_dialog;
  ConfirmKind confirm_kind;
  char *confirm_account;      /* the account a remove dialog asks about */
  GtkWindow *password_dialog;
  GtkWindow *role_dialog;
  GtkWindow *recovery_key_dialog;
  gpointer pending_job;       /* KeyJob: a key change's result comes back in it */
  gboolean busy;
};

G_DEFINE_FINAL_TYPE (YkAdminAccounts, yk_admin_accounts, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static YkSession *
get_session (YkAdminAccounts *self)
{
  return self->session != NULL ? yk_unlocked_session_get_session (self->session) : NULL;
}

static void
refresh (YkAdminAccounts *self)
{
  YkSession *session = get_session (self);
  g_autoptr (GPtrArray) accounts = NULL;
  g_autoptr (GPtrArray) sites = NULL;
  g_autoptr (GtkStringList) site_names = gtk_string_list_new (NULL);
  g_autoptr (GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->accounts_list))) != NULL)
    gtk_list_box_remove (self->accounts_list, child);
  if (session == NULL)
    return;

  accounts = yk_accounts_list (session, &error);
  if (accounts == NULL)
    {
      yk_label_show_message (self->accounts_error, error->message);
      return;
    }
  for (guint i = 0; i < accounts->len; i++)
    {
      YkStaffRow *staff = accounts->pdata[i];

      gtk_list_box_append (self->accounts_list,
                           GTK_WIDGET (yk_admin_account_row_new (
                             staff, g_strcmp0 (staff->account, yk_session_get_account (session)) == 0)));
    }

  g_ptr_array_set_size (self->site_codes, 0);
  sites = yk_statistics_sites (session, NULL);
  for (guint i = 0; sites != NULL && i < sites->len; i++)
    {
      YkSiteRow *site = sites->pdata[i];
      g_autofree char *name = g_strdup_printf ("%s %s", site->code, site->name);

      gtk_string_list_append (site_names, name);
      g_ptr_array_add (self->site_codes, g_strdup (site->code));
    }
  gtk_drop_down_set_model (self->add_site_drop_down, G_LIST_MODEL (site_names));
}

/* A site renamed in Settings shows here too. */
static void
records_changed_cb (YkAdminAccounts *self)
{
  if (!self->busy)
    refresh (self);
}

/* --- slow work: Argon2id, a re-keyed copy --- */

static void
set_busy (YkAdminAccounts *self, gboolean busy)
{
  const char *actions[] = { "admin.add-account", "admin.remove-account", "admin.reset-password", "admin.edit-role",
                            "admin.rotate-key" };

  self->busy = busy;
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), busy);
  gtk_spinner_set_spinning (self->busy_spinner, busy);
}

/* What a worker thread needs; the password is wiped when it is done. */
typedef struct
{
  char *account;
  char *display_name;
  char *password;
  char *site_code;
  YkRole role;
} AccountJob;

static void
account_job_free (gpointer data)
{
  AccountJob *job = data;

  g_free (job->account);
  g_free (job->display_name);
  yk_wipe_and_free (job->password);
  g_free (job->site_code);
  g_free (job);
}

/* Runs `func` with the session to itself; `done` gets the page back on
 * the main thread (a weak reference: the page may be gone by then). */
static void
run_exclusive (YkAdminAccounts    *self,
               YkExclusiveFunc     func,
               gpointer            job,
               GDestroyNotify      job_free,
               GAsyncReadyCallback done)
{
  GWeakRef *page = g_new0 (GWeakRef, 1);

  g_weak_ref_init (page, self);
  set_busy (self, TRUE);
  yk_unlocked_session_run_exclusive (self->session, func, job, job_free, done, page);
}

static YkAdminAccounts *
finish_exclusive (GObject *source, GAsyncResult *result, gpointer user_data, GError **error)
{
  GWeakRef *page = user_data;
  YkAdminAccounts *self = g_weak_ref_get (page);

  yk_unlocked_session_run_exclusive_finish (YK_UNLOCKED_SESSION (source), result, error);
  g_weak_ref_clear (page);
  g_free (page);
  if (self != NULL)
    set_busy (self, FALSE);
  return self;
}

/* --- add --- */

static gboolean
is_worker_role (YkAdminAccounts *self)
{
  return gtk_drop_down_get_selected (self->add_role_drop_down) == 0;
}

static void
role_changed_cb (YkAdminAccounts *self)
{
  gboolean worker = is_worker_role (self);

  gtk_widget_set_visible (self->add_site_label, worker);
  gtk_widget_set_visible (GTK_WIDGET (self->add_site_drop_down), worker);
}

static void
password_changed_cb (YkAdminAccounts *self)
{
  g_autofree char *hint = yk_password_strength_hint (gtk_editable_get_text (self->add_password_entry), NULL);

  gtk_label_set_text (self->add_strength_label, hint);
}

static gboolean
add_in_thread (YkSession *session, gpointer data, GError **error)
{
  AccountJob *job = data;

  return yk_accounts_add (session, job->account, job->password, job->role, job->site_code,
                          job->display_name, YK_KDF_MODERATE, error);
}

static void
add_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkAdminAccounts) self = finish_exclusive (source, result, user_data, &error);

  if (self == NULL)
    return;
  if (error != NULL)
    {
      yk_label_show_message (self->add_error, error->message);
      return;
    }
  yk_label_show_message (self->add_error, NULL);
  gtk_editable_set_text (self->add_account_entry, "");
  gtk_editable_set_text (self->add_name_entry, "");
  gtk_editable_set_text (self->add_password_entry, "");
  gtk_editable_set_text (self->add_confirm_entry, "");
  refresh (self);
  yk_unlocked_session_records_changed (self->session, 0);
}

static void
add_account_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YkAdminAccounts *self = YK_ADMIN_ACCOUNTS (widget);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (self->add_name_entry)));
  const char *password = gtk_editable_get_text (self->add_password_entry);
  guint selected = gtk_drop_down_get_selected (self->add_site_drop_down);
  AccountJob *job;

  if (get_session (self) == NULL)
    return;
  if (*name == '\0')
    {
      yk_label_show_message (self->add_error, _("Enter the name shown for this person."));
      return;
    }
  if (g_strcmp0 (password, gtk_editable_get_text (self->add_confirm_entry)) != 0)
    {
      yk_label_show_message (self->add_error, _("The two passwords differ."));
      return;
    }
  job = g_new0 (AccountJob, 1);
  job->account = g_strstrip (g_strdup (gtk_editable_get_text (self->add_account_entry)));
  job->display_name = g_steal_pointer (&name);
  job->password = g_strdup (password);
  job->role = is_worker_role (self) ? YK_ROLE_WORKER : YK_ROLE_COORDINATOR;
  if (job->role == YK_ROLE_WORKER && selected < self->site_codes->len)
    job->site_code = g_strdup (self->site_codes->pdata[selected]);
  yk_label_show_message (self->add_error, NULL);
  run_exclusive (self, add_in_thread, job, account_job_free, add_done_cb);
}

/* --- confirmations: remove an account, change the key --- */

static void
close_confirm (YkAdminAccounts *self)
{
  if (self->confirm_dialog != NULL)
    gtk_window_destroy (self->confirm_dialog);
  g_clear_pointer (&self->confirm_account, g_free);
}

/* A key change's new recovery key comes back to the main thread in
 * this; the page holds a reference until the job is done. */
typedef struct
{
  char *account;      /* removed first, when not NULL */
  gboolean rotate;
  gboolean removed;
  char *recovery_key;
} KeyJob;

static void
key_job_clear (gpointer data)
{
  KeyJob *job = data;

  g_free (job->account);
  yk_wipe_and_free (job->recovery_key);
}

static void
key_job_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, key_job_clear);
}

static gboolean
rotate_in_thread (YkSession *session, gpointer data, GError **error)
{
  KeyJob *job = data;

  return yk_session_rotate_key (session, &job->recovery_key, error);
}

/* Removing someone who left, and then (by default) changing the key:
 * they may have kept it, and an old copy of the header still holds
 * their slot (docs/design/security.md, "Hardening"). */
static gboolean
remove_in_thread (YkSession *session, gpointer data, GError **error)
{
  KeyJob *job = data;

  if (!yk_accounts_remove (session, job->account, error))
    return FALSE;
  job->removed = TRUE;
  return !job->rotate || yk_session_rotate_key (session, &job->recovery_key, error);
}

static void
show_key_status (YkAdminAccounts *self, const char *message, gboolean failed)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->key_status), failed ? "success" : "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->key_status), failed ? "error" : "success");
  gtk_label_set_text (self->key_status, message);
}

/* The new recovery key, once, in the creation page's words. */
static void
show_recovery_key (YkAdminAccounts *self, const char *recovery_key)
{
  if (recovery_key == NULL)
    return;
  if (self->recovery_key_dialog != NULL)
    gtk_window_destroy (self->recovery_key_dialog);
  self->recovery_key_dialog = GTK_WINDOW (yk_recovery_key_dialog_new (
    GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), yk_unlocked_session_get_path (self->session), recovery_key));
  g_object_add_weak_pointer (G_OBJECT (self->recovery_key_dialog), (gpointer *) &self->recovery_key_dialog);
  gtk_window_present (self->recovery_key_dialog);
}

static void
key_job_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkAdminAccounts) self = finish_exclusive (source, result, user_data, &error);
  KeyJob *job;

  if (self == NULL || self->pending_job == NULL)
    return;
  job = g_steal_pointer (&self->pending_job);
  if (job->account != NULL)
    {
      yk_label_show_message (self->accounts_error, !job->removed && error != NULL ? error->message : NULL);
      refresh (self);
    }
  if (job->removed && error != NULL)
    {
      g_autofree char *message = g_strdup_printf (
        _("The account was removed, but the key was not changed: %1$s Change it below."), error->message);

      show_key_status (self, message, TRUE);
    }
  else if (job->account == NULL || job->removed)
    show_key_status (self, error != NULL ? error->message
                           : job->rotate ? _("The key was changed. Every remaining account works as before; "
                                             "the old recovery key no longer does.")
                           : "", error != NULL);
  show_recovery_key (self, job->recovery_key);
  key_job_release (job);
  yk_unlocked_session_records_changed (self->session, 0);
}

static void
run_key_job (YkAdminAccounts *self, YkExclusiveFunc func, const char *account, gboolean rotate)
{
  KeyJob *job = g_atomic_rc_box_new0 (KeyJob);

  job->account = g_strdup (account);
  job->rotate = rotate;
  gtk_widget_remove_css_class (GTK_WIDGET (self->key_status), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->key_status), "success");
  gtk_label_set_text (self->key_status, rotate ? _("Copying the database under a new key…") : "");
  /* The callback reads the job: one reference rides on the task. */
  self->pending_job = g_atomic_rc_box_acquire (job);
  run_exclusive (self, func, job, key_job_release, key_job_done_cb);
}

static void
confirm_accepted_cb (YkAdminAccounts *self)
{
  YkSession *session = get_session (self);
  g_autofree char *account = g_steal_pointer (&self->confirm_account);
  g_autoptr (GError) error = NULL;
  GtkCheckButton *rotate_check;

  if (session == NULL)
    return;
  if (self->confirm_kind == CONFIRM_ROTATE)
    {
      run_key_job (self, rotate_in_thread, NULL, TRUE);
      return;
    }
  if (account == NULL)
    return;
  rotate_check = yk_admin_confirm_dialog_get_option (YK_ADMIN_CONFIRM_DIALOG (self->confirm_dialog));
  if (gtk_check_button_get_active (rotate_check))
    {
      run_key_job (self, remove_in_thread, account, TRUE);
      return;
    }
  /* Removing a slot alone is quick: no key derivation. */
  yk_label_show_message (self->accounts_error, !yk_accounts_remove (session, account, &error) ? error->message : NULL);
  refresh (self);
  yk_unlocked_session_records_changed (self->session, 0);
}

static void
confirm (YkAdminAccounts *self, ConfirmKind kind, const char *title, const char *body, const char *accept)
{
  YkAdminConfirmDialog *dialog;

  close_confirm (self);
  dialog = yk_admin_confirm_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), title, body, accept);
  g_signal_connect_object (dialog, "accepted", G_CALLBACK (confirm_accepted_cb), self, G_CONNECT_SWAPPED);
  self->confirm_kind = kind;
  self->confirm_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->confirm_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_account_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YkAdminAccounts *self = YK_ADMIN_ACCOUNTS (widget);
  const char *account = g_variant_get_string (parameter, NULL);
  g_autofree char *title = g_strdup_printf (_("Remove the account “%1$s”?"), account);

  if (get_session (self) == NULL)
    return;
  confirm (self, CONFIRM_REMOVE, title,
           _("Its password will no longer unlock this file. The records this person made stay, and the "
             "audit trail keeps their name. Unless the key is changed too, their password still opens "
             "older copies of the file, and a key they may have kept still decrypts it."),
           _("_Remove"));
  /* On by default: docs/design/security.md, "Hardening". */
  yk_admin_confirm_dialog_add_option (YK_ADMIN_CONFIRM_DIALOG (self->confirm_dialog),
                                      _("Also change the database _key and make a new recovery key"), TRUE);
  self->confirm_account = g_strdup (account);
}

static void
rotate_key_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YkAdminAccounts *self = YK_ADMIN_ACCOUNTS (widget);

  if (get_session (self) == NULL)
    return;
  confirm (self, CONFIRM_ROTATE, _("Change the database key?"),
           _("The whole database is copied under a new key, sealed to every remaining account, and the "
             "audit trail is signed with it. A new recovery key is made and shown once; the old one stops "
             "working. A large database takes a minute or so, and Yukang cannot be used meanwhile. "
             "Passwords stay the same."),
           _("_Change Key"));
}

/* --- reset a password --- */

static void
reset_password_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YkAdminAccounts *self = YK_ADMIN_ACCOUNTS (widget);

  if (get_session (self) == NULL)
    return;
  if (self->password_dialog != NULL)
    gtk_window_destroy (self->password_dialog);
  self->password_dialog = GTK_WINDOW (yk_password_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->session,
                                                              g_variant_get_string (parameter, NULL)));
  g_object_add_weak_pointer (G_OBJECT (self->password_dialog), (gpointer *) &self->password_dialog);
  gtk_window_present (self->password_dialog);
}

/* --- role and site --- */

static void
edit_role_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YkAdminAccounts *self = YK_ADMIN_ACCOUNTS (widget);
  const char *account = g_variant_get_string (parameter, NULL);
  YkSession *session = get_session (self);
  g_autoptr (GPtrArray) accounts = NULL;
  YkStaffRow *staff = NULL;

  if (session == NULL)
    return;
  accounts = yk_accounts_list (session, NULL);
  for (guint i = 0; accounts != NULL && i < accounts->len && staff == NULL; i++)
    if (g_strcmp0 (((YkStaffRow *) accounts->pdata[i])->account, account) == 0)
      staff = accounts->pdata[i];
  if (staff == NULL)
    return;
  if (self->role_dialog != NULL)
    gtk_window_destroy (self->role_dialog);
  self->role_dialog = GTK_WINDOW (yk_admin_role_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->session,
                                                            staff, gtk_drop_down_get_model (self->add_site_drop_down),
                                                            self->site_codes));
  g_object_add_weak_pointer (G_OBJECT (self->role_dialog), (gpointer *) &self->role_dialog);
  gtk_window_present (self->role_dialog);
}

/* --- the object --- */

GtkWindow *
yk_admin_accounts_get_confirm_dialog (YkAdminAccounts *self)
{
  g_return_val_if_fail (YK_IS_ADMIN_ACCOUNTS (self), NULL);
  return self->confirm_dialog;
}

GtkWindow *
yk_admin_accounts_get_recovery_key_dialog (YkAdminAccounts *self)
{
  g_return_val_if_fail (YK_IS_ADMIN_ACCOUNTS (self), NULL);
  return self->recovery_key_dialog;
}

GtkWindow *
yk_admin_accounts_get_password_dialog (YkAdminAccounts *self)
{
  g_return_val_if_fail (YK_IS_ADMIN_ACCOUNTS (self), NULL);
  return self->password_dialog;
}

GtkWindow *
yk_admin_accounts_get_role_dialog (YkAdminAccounts *self)
{
  g_return_val_if_fail (YK_IS_ADMIN_ACCOUNTS (self), NULL);
  return self->role_dialog;
}

gboolean
yk_admin_accounts_get_busy (YkAdminAccounts *self)
{
  g_return_val_if_fail (YK_IS_ADMIN_ACCOUNTS (self), FALSE);
  return self->busy;
}

static void
yk_admin_accounts_dispose (GObject *object)
{
  YkAdminAccounts *self = YK_ADMIN_ACCOUNTS (object);
  GtkWidget *child;

  close_confirm (self);
  g_clear_pointer (&self->pending_job, key_job_release);
  if (self->recovery_key_dialog != NULL)
    gtk_window_destroy (self->recovery_key_dialog);
  if (self->password_dialog != NULL)
    gtk_window_destroy (self->password_dialog);
  if (self->role_dialog != NULL)
    gtk_window_destroy (self->role_dialog);
  gtk_widget_dispose_template (GTK_WIDGET (self), YK_TYPE_ADMIN_ACCOUNTS);
  /* The template's unnamed top-level box too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (yk_admin_accounts_parent_class)->dispose (object);
}

static void
yk_admin_accounts_finalize (GObject *object)
{
  YkAdminAccounts *self = YK_ADMIN_ACCOUNTS (object);

  g_ptr_array_unref (self->site_codes);
  G_OBJECT_CLASS (yk_admin_accounts_parent_class)->finalize (object);
}

static void
yk_admin_accounts_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  YkAdminAccounts *self = YK_ADMIN_ACCOUNTS (object);

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
yk_admin_accounts_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  YkAdminAccounts *self = YK_ADMIN_ACCOUNTS (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      if (self->session != NULL)
        g_signal_handlers_disconnect_by_data (self->session, self);
      if (g_set_object (&self->session, g_value_get_object (value)))
        {
          if (self->session != NULL)
            g_signal_connect_object (self->session, "records-changed", G_CALLBACK (records_changed_cb), self,
                                     G_CONNECT_SWAPPED);
          gtk_label_set_text (self->key_status, "");
          refresh (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_admin_accounts_class_init (YkAdminAccountsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yk_admin_accounts_dispose;
  object_class->finalize = yk_admin_accounts_finalize;
  object_class->get_property = yk_admin_accounts_get_property;
  object_class->set_property = yk_admin_accounts_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, YK_TYPE_UNLOCKED_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-admin-accounts.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAccounts, accounts_list);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAccounts, accounts_error);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAccounts, add_account_entry);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAccounts, add_name_entry);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAccounts, add_role_drop_down);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAccounts, add_site_label);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAccounts, add_site_drop_down);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAccounts, add_password_entry);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAccounts, add_confirm_entry);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAccounts, add_strength_label);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAccounts, add_error);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAccounts, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAccounts, key_status);
  gtk_widget_class_bind_template_callback (widget_class, role_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_changed_cb);

  gtk_widget_class_install_action (widget_class, "admin.add-account", NULL, add_account_activated);
  gtk_widget_class_install_action (widget_class, "admin.remove-account", "s", remove_account_activated);
  gtk_widget_class_install_action (widget_class, "admin.reset-password", "s", reset_password_activated);
  gtk_widget_class_install_action (widget_class, "admin.edit-role", "s", edit_role_activated);
  gtk_widget_class_install_action (widget_class, "admin.rotate-key", NULL, rotate_key_activated);
}

static void
yk_admin_accounts_init (YkAdminAccounts *self)
{
  self->site_codes = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  password_changed_cb (self);
}
