/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-admin-check-row.h"

struct _YkAdminCheckRow
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkImage *icon;
  GtkLabel *what_label;
  GtkLabel *result_label;
};

G_DEFINE_FINAL_TYPE (YkAdminCheckRow, yk_admin_check_row, GTK_TYPE_WIDGET)

static void
yk_admin_check_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), YK_TYPE_ADMIN_CHECK_ROW);
  G_OBJECT_CLASS (yk_admin_check_row_parent_class)->dispose (object);
}

static void
yk_admin_check_row_class_init (YkAdminCheckRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = yk_admin_check_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-admin-check-row.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, YkAdminCheckRow, box);
  gtk_widget_class_bind_template_child (widget_class, YkAdminCheckRow, icon);
  gtk_widget_class_bind_template_child (widget_class, YkAdminCheckRow, what_label);
  gtk_widget_class_bind_template_child (widget_class, YkAdminCheckRow, result_label);
}

static void
yk_admin_check_row_init (YkAdminCheckRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

YkAdminCheckRow *
yk_admin_check_row_new (YkAdminCheckItem *item)
{
  YkAdminCheckRow *self;
  gboolean ok;

  g_return_val_if_fail (YK_IS_ADMIN_CHECK_ITEM (item), NULL);
  self = g_object_new (YK_TYPE_ADMIN_CHECK_ROW, NULL);
  ok = yk_admin_check_item_get_ok (item);
  gtk_image_set_from_icon_name (self->icon, ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (self->icon), ok ? "success" : "error");
  gtk_label_set_text (self->what_label, yk_admin_check_item_get_what (item));
  gtk_label_set_text (self->result_label, yk_admin_check_item_get_result (item));
  /* A problem reads as plainly as the check's name; a pass recedes. */
  if (ok)
    gtk_widget_add_css_class (GTK_WIDGET (self->result_label), "dim-label");
  return self;
}
