/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-admin-page.h"
#include "yk-admin-accounts.h"
#include "yk-admin-audit-trail.h"
#include "yk-admin-database.h"
#include "yk-admin-import.h"
#include "yk-admin-settings.h"
#include "yk-admin-training.h"
#include "yk-unlocked-session.h"

struct _YkAdminPage
{
  GtkWidget parent_instance;

  YkUnlockedSession *session;

  GtkStack *sections;
  YkAdminAccounts *accounts;
  YkAdminDatabase *database;
  YkAdminImport *import;
  YkAdminSettings *settings;
  YkAdminTraining *training;
  YkAdminAuditTrail *audit;
};

G_DEFINE_FINAL_TYPE (YkAdminPage, yk_admin_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
section_changed_cb (YkAdminPage *self)
{
  /* Nothing is read for a section nobody looks at. */
  if (self->sections == NULL)
    return;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->sections), "audit") == 0)
    yk_admin_audit_trail_load (self->audit);
  else if (g_strcmp0 (gtk_stack_get_visible_child_name (self->sections), "training") == 0)
    yk_admin_training_load (self->training);
}

static void
yk_admin_page_dispose (GObject *object)
{
  YkAdminPage *self = YK_ADMIN_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), YK_TYPE_ADMIN_PAGE);
  /* The template's unnamed top-level box too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (yk_admin_page_parent_class)->dispose (object);
}

static void
yk_admin_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  YkAdminPage *self = YK_ADMIN_PAGE (object);

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
yk_admin_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  YkAdminPage *self = YK_ADMIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      if (g_set_object (&self->session, g_value_get_object (value)))
        /* Every section follows: the bindings made in init. */
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_admin_page_class_init (YkAdminPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yk_admin_page_dispose;
  object_class->get_property = yk_admin_page_get_property;
  object_class->set_property = yk_admin_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, YK_TYPE_UNLOCKED_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-admin-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, sections);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, accounts);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, database);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, import);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, settings);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, training);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, audit);
  gtk_widget_class_bind_template_callback (widget_class, section_changed_cb);
}

static void
yk_admin_page_init (YkAdminPage *self)
{
  GObject *sections[6];

  g_type_ensure (YK_TYPE_ADMIN_ACCOUNTS);
  g_type_ensure (YK_TYPE_ADMIN_DATABASE);
  g_type_ensure (YK_TYPE_ADMIN_IMPORT);
  g_type_ensure (YK_TYPE_ADMIN_SETTINGS);
  g_type_ensure (YK_TYPE_ADMIN_TRAINING);
  g_type_ensure (YK_TYPE_ADMIN_AUDIT_TRAIL);
  gtk_widget_init_template (GTK_WIDGET (self));
  sections[0] = G_OBJECT (self->accounts);
  sections[1] = G_OBJECT (self->database);
  sections[2] = G_OBJECT (self->import);
  sections[3] = G_OBJECT (self->settings);
  sections[4] = G_OBJECT (self->audit);
  sections[5] = G_OBJECT (self->training);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    g_object_bind_property (self, "session", sections[i], "session", G_BINDING_DEFAULT);
}

void
yk_admin_page_show_section (YkAdminPage *self,
                            const char  *name)
{
  g_return_if_fail (YK_IS_ADMIN_PAGE (self));
  g_return_if_fail (gtk_stack_get_child_by_name (self->sections, name) != NULL);

  gtk_stack_set_visible_child_name (self->sections, name);
}
