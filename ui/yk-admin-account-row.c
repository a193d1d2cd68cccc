/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-admin-account-row.h"

#include <glib/gi18n.h>

struct _YkAdminAccountRow
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkLabel *name_label;
  GtkLabel *detail_label;
  GtkWidget *role_button;
  GtkWidget *password_button;
  GtkWidget *remove_button;

  char *account;
};

G_DEFINE_FINAL_TYPE (YkAdminAccountRow, yk_admin_account_row, GTK_TYPE_WIDGET)

static void
yk_admin_account_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), YK_TYPE_ADMIN_ACCOUNT_ROW);
  G_OBJECT_CLASS (yk_admin_account_row_parent_class)->dispose (object);
}

static void
yk_admin_account_row_finalize (GObject *object)
{
  g_free (YK_ADMIN_ACCOUNT_ROW (object)->account);
  G_OBJECT_CLASS (yk_admin_account_row_parent_class)->finalize (object);
}

static void
yk_admin_account_row_class_init (YkAdminAccountRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = yk_admin_account_row_dispose;
  G_OBJECT_CLASS (klass)->finalize = yk_admin_account_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-admin-account-row.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAccountRow, box);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAccountRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAccountRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAccountRow, role_button);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAccountRow, password_button);
  gtk_widget_class_bind_template_child (widget_class, YkAdminAccountRow, remove_button);
}

static void
yk_admin_account_row_init (YkAdminAccountRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

YkAdminAccountRow *
yk_admin_account_row_new (const YkStaffRow *staff,
                          gboolean          is_self)
{
  YkAdminAccountRow *self;
  gboolean coordinator;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (staff != NULL && staff->account != NULL, NULL);

  self = g_object_new (YK_TYPE_ADMIN_ACCOUNT_ROW, NULL);
  self->account = g_strdup (staff->account);
  coordinator = g_strcmp0 (staff->role, "coordinator") == 0;
  detail = g_strdup_printf ("%s · %s%s%s", staff->account,
                            coordinator ? _("Coordinator") : _("Social worker"),
                            staff->site_code != NULL ? " · " : "",
                            staff->site_code != NULL ? staff->site_code : "");
  gtk_label_set_text (self->name_label, staff->display_name);
  gtk_label_set_text (self->detail_label, detail);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->role_button), "s", staff->account);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->password_button), "s", staff->account);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->remove_button), "s", staff->account);
  /* One's own role is not changed, nor one's own account removed, here. */
  gtk_widget_set_visible (self->role_button, !is_self);
  gtk_widget_set_visible (self->remove_button, !is_self);
  return self;
}

const char *
yk_admin_account_row_get_account (YkAdminAccountRow *self)
{
  g_return_val_if_fail (YK_IS_ADMIN_ACCOUNT_ROW (self), NULL);
  return self->account;
}
