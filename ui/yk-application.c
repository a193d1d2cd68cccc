/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-application.h"
#include "yk-window.h"

#include <glib/gi18n.h>

struct _YkApplication
{
  GtkApplication parent_instance;

  char *database_path; /* from --db, preselected on the unlock page */
};

G_DEFINE_FINAL_TYPE (YkApplication, yk_application, GTK_TYPE_APPLICATION)

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  YkApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Yukang developers"), NULL };

  gtk_show_about_dialog (window,
                         "program-name", _("Yukang"),
                         "logo-icon-name", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Case files and follow-ups for community mental-health rehabilitation"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", developers,
                         /* TRANSLATORS: your names, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = about_action_cb },
  { .name = "quit", .activate = quit_action_cb },
};

static int
yk_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  YkApplication *self = YK_APPLICATION (app);
  const char *path = NULL;

  /* Absolute, so the recent-databases list never holds a relative path. */
  if (g_variant_dict_lookup (options, "db", "^&ay", &path))
    self->database_path = g_canonicalize_filename (path, NULL);
  return -1; /* go on and activate */
}

static void
yk_application_startup (GApplication *app)
{
  YkApplication *self = YK_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  g_autoptr (GtkCssProvider) css = NULL;

  G_APPLICATION_CLASS (yk_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_window_set_default_icon_name (APPLICATION_ID);

  /* GtkApplication (unlike libadwaita's) does not load style.css itself. */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
yk_application_activate (GApplication *app)
{
  YkApplication *self = YK_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (yk_window_new (self));
      if (self->database_path != NULL)
        yk_window_set_database (YK_WINDOW (window), self->database_path);
    }
  gtk_window_present (window);
}

static void
yk_application_finalize (GObject *object)
{
  YkApplication *self = YK_APPLICATION (object);

  g_clear_pointer (&self->database_path, g_free);
  G_OBJECT_CLASS (yk_application_parent_class)->finalize (object);
}

static void
yk_application_class_init (YkApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = yk_application_finalize;
  app_class->handle_local_options = yk_application_handle_local_options;
  app_class->startup = yk_application_startup;
  app_class->activate = yk_application_activate;
}

static void
yk_application_init (YkApplication *self)
{
  static const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Open this database"), N_("FILE") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

YkApplication *
yk_application_new (void)
{
  return g_object_new (YK_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
