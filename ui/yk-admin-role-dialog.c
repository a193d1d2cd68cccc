/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-admin-role-dialog.h"
#include "yk-accounts.h"
#include "yk-label.h"

#include <glib/gi18n.h>

struct _YkAdminRoleDialog
{
  GtkWindow parent_instance;

  GtkDropDown *role_drop_down; /* 0 social worker, 1 coordinator */
  GtkWidget *site_box;
  GtkDropDown *site_drop_down;
  GtkLabel *error_label;

  YkUnlockedSession *session;
  char *account;
  GPtrArray *site_codes;
};

G_DEFINE_FINAL_TYPE (YkAdminRoleDialog, yk_admin_role_dialog, GTK_TYPE_WINDOW)

static void
role_changed_cb (YkAdminRoleDialog *self)
{
  gtk_widget_set_visible (self->site_box, gtk_drop_down_get_selected (self->role_drop_down) == 0);
}

static void
save_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YkAdminRoleDialog *self = YK_ADMIN_ROLE_DIALOG (widget);
  YkSession *session = yk_unlocked_session_get_session (self->session);
  gboolean worker = gtk_drop_down_get_selected (self->role_drop_down) == 0;
  guint selected = gtk_drop_down_get_selected (self->site_drop_down);
  const char *code = worker && selected < self->site_codes->len ? self->site_codes->pdata[selected] : NULL;
  g_autoptr (GError) error = NULL;

  if (session == NULL)
    return;
  if (!yk_accounts_set_role (session, self->account, worker ? YK_ROLE_WORKER : YK_ROLE_COORDINATOR, code, &error))
    {
      yk_label_show_message (self->error_label, error->message);
      return;
    }
  yk_unlocked_session_records_changed (self->session, 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
yk_admin_role_dialog_dispose (GObject *object)
{
  YkAdminRoleDialog *self = YK_ADMIN_ROLE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), YK_TYPE_ADMIN_ROLE_DIALOG);
  g_clear_object (&self->session);
  g_clear_pointer (&self->site_codes, g_ptr_array_unref);
  G_OBJECT_CLASS (yk_admin_role_dialog_parent_class)->dispose (object);
}

static void
yk_admin_role_dialog_finalize (GObject *object)
{
  g_free (YK_ADMIN_ROLE_DIALOG (object)->account);
  G_OBJECT_CLASS (yk_admin_role_dialog_parent_class)->finalize (object);
}

static void
yk_admin_role_dialog_class_init (YkAdminRoleDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = yk_admin_role_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = yk_admin_role_dialog_finalize;

  /* What GtkDialog was. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-admin-role-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YkAdminRoleDialog, role_drop_down);
  gtk_widget_class_bind_template_child (widget_class, YkAdminRoleDialog, site_box);
  gtk_widget_class_bind_template_child (widget_class, YkAdminRoleDialog, site_drop_down);
  gtk_widget_class_bind_template_child (widget_class, YkAdminRoleDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, role_changed_cb);

  gtk_widget_class_install_action (widget_class, "role.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
yk_admin_role_dialog_init (YkAdminRoleDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

YkAdminRoleDialog *
yk_admin_role_dialog_new (GtkWindow         *parent,
                          YkUnlockedSession *session,
                          const YkStaffRow  *staff,
                          GListModel        *site_names,
                          GPtrArray         *site_codes)
{
  YkAdminRoleDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (YK_IS_UNLOCKED_SESSION (session), NULL);
  g_return_val_if_fail (staff != NULL && staff->account != NULL, NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (site_names) && site_codes != NULL, NULL);

  title = g_strdup_printf (_("Role and site of “%1$s”"), staff->account);
  self = g_object_new (YK_TYPE_ADMIN_ROLE_DIALOG, "transient-for", parent, "title", title, NULL);
  self->session = g_object_ref (session);
  self->account = g_strdup (staff->account);
  /* A copy: the Accounts section refills its own when a site changes. */
  self->site_codes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < site_codes->len; i++)
    g_ptr_array_add (self->site_codes, g_strdup (site_codes->pdata[i]));
  gtk_drop_down_set_model (self->site_drop_down, site_names);
  for (guint i = 0; i < site_codes->len; i++)
    if (g_strcmp0 (site_codes->pdata[i], staff->site_code) == 0)
      gtk_drop_down_set_selected (self->site_drop_down, i);
  gtk_drop_down_set_selected (self->role_drop_down, g_strcmp0 (staff->role, "coordinator") == 0 ? 1 : 0);
  role_changed_cb (self);
  return self;
}
