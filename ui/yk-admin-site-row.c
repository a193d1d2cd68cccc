/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-admin-site-row.h"
#include "yk-date-entry.h"
#include "yk-label.h"

struct _YkAdminSiteRow
{
  GtkWidget parent_instance;

  GtkFrame *frame;
  GtkEditable *name_entry;
  GtkEditable *host_entry;
  GtkEditable *opening_date_entry;
  GtkEditable *equipment_count_entry;
  GtkLabel *error_label;
  GtkWidget *save_button;

  gint64 site_id;
};

G_DEFINE_FINAL_TYPE (YkAdminSiteRow, yk_admin_site_row, GTK_TYPE_WIDGET)

/* The field yk_admin_site_update names as wrong. */
static GtkEditable *
field_entry (YkAdminSiteRow *self, const char *field)
{
  if (g_strcmp0 (field, "name") == 0)
    return self->name_entry;
  if (g_strcmp0 (field, "host") == 0)
    return self->host_entry;
  if (g_strcmp0 (field, "opening_date") == 0)
    return self->opening_date_entry;
  if (g_strcmp0 (field, "equipment_count") == 0)
    return self->equipment_count_entry;
  return NULL;
}

static void
yk_admin_site_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), YK_TYPE_ADMIN_SITE_ROW);
  G_OBJECT_CLASS (yk_admin_site_row_parent_class)->dispose (object);
}

static void
yk_admin_site_row_class_init (YkAdminSiteRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = yk_admin_site_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-admin-site-row.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, YkAdminSiteRow, frame);
  gtk_widget_class_bind_template_child (widget_class, YkAdminSiteRow, name_entry);
  gtk_widget_class_bind_template_child (widget_class, YkAdminSiteRow, host_entry);
  gtk_widget_class_bind_template_child (widget_class, YkAdminSiteRow, opening_date_entry);
  gtk_widget_class_bind_template_child (widget_class, YkAdminSiteRow, equipment_count_entry);
  gtk_widget_class_bind_template_child (widget_class, YkAdminSiteRow, error_label);
  gtk_widget_class_bind_template_child (widget_class, YkAdminSiteRow, save_button);
}

static void
yk_admin_site_row_init (YkAdminSiteRow *self)
{
  /* The opening date is typed like every other date, calendar and all. */
  g_type_ensure (YK_TYPE_DATE_ENTRY);
  gtk_widget_init_template (GTK_WIDGET (self));
}

YkAdminSiteRow *
yk_admin_site_row_new (const YkSiteDetails *site)
{
  YkAdminSiteRow *self;
  g_autofree char *count = NULL;

  g_return_val_if_fail (site != NULL, NULL);
  self = g_object_new (YK_TYPE_ADMIN_SITE_ROW, NULL);
  count = g_strdup_printf ("%d", site->equipment_count);
  self->site_id = site->id;
  gtk_frame_set_label (self->frame, site->code);
  gtk_editable_set_text (self->name_entry, site->name != NULL ? site->name : "");
  gtk_editable_set_text (self->host_entry, site->host_facility != NULL ? site->host_facility : "");
  gtk_editable_set_text (self->opening_date_entry, site->opening_date != NULL ? site->opening_date : "");
  gtk_editable_set_text (self->equipment_count_entry, count);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->save_button), "x", site->id);
  return self;
}

gint64
yk_admin_site_row_get_site_id (YkAdminSiteRow *self)
{
  g_return_val_if_fail (YK_IS_ADMIN_SITE_ROW (self), 0);
  return self->site_id;
}

gboolean
yk_admin_site_row_save (YkAdminSiteRow *self,
                        YkSession      *session)
{
  g_autoptr (GError) error = NULL;
  const char *field = NULL;
  GtkEditable *wrong;

  g_return_val_if_fail (YK_IS_ADMIN_SITE_ROW (self), FALSE);
  g_return_val_if_fail (session != NULL, FALSE);

  /* The site record takes ISO days; the field also takes 12.3 or 今天. */
  yk_date_entry_normalize (YK_DATE_ENTRY (self->opening_date_entry));
  if (!yk_admin_site_update (session, self->site_id, gtk_editable_get_text (self->name_entry),
                             gtk_editable_get_text (self->host_entry),
                             gtk_editable_get_text (self->opening_date_entry),
                             gtk_editable_get_text (self->equipment_count_entry), &field, &error))
    {
      yk_label_show_message (self->error_label, error->message);
      if ((wrong = field_entry (self, field)) != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (wrong));
      return FALSE;
    }
  yk_label_show_message (self->error_label, NULL);
  return TRUE;
}
