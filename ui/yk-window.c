/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-window.h"

#include <glib/gi18n.h>

struct _YkWindow
{
  GtkApplicationWindow parent_instance;

  GtkMenuButton *primary_menu_button;
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (YkWindow, yk_window, GTK_TYPE_APPLICATION_WINDOW)

static void
yk_window_dispose (GObject *object)
{
  YkWindow *self = YK_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), YK_TYPE_WINDOW);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (yk_window_parent_class)->dispose (object);
}

static void
yk_window_class_init (YkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yk_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, YkWindow, primary_menu_button);
}

static void
yk_window_init (YkWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* GNOME convention: the window comes back at the size it was left. */
  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

YkWindow *
yk_window_new (YkApplication *application)
{
  return g_object_new (YK_TYPE_WINDOW, "application", application, NULL);
}
