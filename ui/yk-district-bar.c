/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-district-bar.h"
#include "yk-district.h"
#include "yk-text.h"

#include <glib/gi18n.h>

struct _YkDistrictBar
{
  GtkWidget parent_instance;

  YkUnlockedSession *session;
  GSettings *settings;
  GtkWidget *box;   /* the lines below the title, rebuilt by update() */
  guint ages_timer; /* "2 小时前" moves on */
};

G_DEFINE_FINAL_TYPE (YkDistrictBar, yk_district_bar, GTK_TYPE_WIDGET)

static GtkWidget *
line (const char *text,
      const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

static char *
file_line (const YkDistrictFile *file,
           gint64                now,
           guint                 stale_days,
           gboolean             *stale)
{
  g_autofree char *name = g_filename_display_basename (file->path);
  g_autofree char *age = NULL;

  *stale = FALSE;
  if (file->problem != NULL)
    /* TRANSLATORS: a file of the district view and why it did not open. */
    return g_strdup_printf (_("%1$s: not opened. %2$s"), name, file->problem);
  if (file->taken_at == 0)
    /* TRANSLATORS: a site's own file opened in a district view (not a snapshot). */
    return g_strdup_printf (_("%1$s · the site’s own file (%2$s)"), file->site_codes, name);
  age = yk_text_time_ago (file->taken_at, now);
  *stale = now - file->taken_at > (gint64) stale_days * 24 * 3600;
  if (*stale)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$s · %2$s: older than %3$u day", "%1$s · %2$s: older than %3$u days",
                                         stale_days),
                            file->site_codes, age, stale_days);
  /* TRANSLATORS: site codes, then when their snapshot was taken. */
  return g_strdup_printf (_("%1$s · %2$s"), file->site_codes, age);
}

void
yk_district_bar_update (YkDistrictBar *self)
{
  YkDistrict *district = yk_unlocked_session_get_district (self->session);
  GtkWidget *child;
  GPtrArray *files;
  const char *const *warnings;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint stale_days = g_settings_get_uint (self->settings, "district-stale-days");

  g_return_if_fail (YK_IS_DISTRICT_BAR (self));
  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);
  if (district == NULL)
    return;

  files = yk_district_get_files (district);
  for (guint i = 0; i < files->len; i++)
    {
      gboolean stale;
      g_autofree char *text = file_line (files->pdata[i], now, stale_days, &stale);
      const YkDistrictFile *file = files->pdata[i];

      gtk_box_append (GTK_BOX (self->box), line (text, file->problem != NULL || stale ? "warning" : "dim-label"));
    }
  if (yk_unlocked_session_get_reload_error (self->session) != NULL)
    {
      gtk_box_append (GTK_BOX (self->box), line (yk_unlocked_session_get_reload_error (self->session), "warning"));
    }
  warnings = yk_district_get_warnings (district);
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    gtk_box_append (GTK_BOX (self->box), line (warnings[i], "warning"));
  warnings = yk_district_get_people_warnings (district);
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    gtk_box_append (GTK_BOX (self->box), line (warnings[i], "warning"));
}

static gboolean
ages_cb (gpointer user_data)
{
  yk_district_bar_update (user_data);
  return G_SOURCE_CONTINUE;
}

static void
yk_district_bar_dispose (GObject *object)
{
  YkDistrictBar *self = YK_DISTRICT_BAR (object);
  GtkWidget *child;

  g_clear_handle_id (&self->ages_timer, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (yk_district_bar_parent_class)->dispose (object);
}

static void
yk_district_bar_class_init (YkDistrictBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yk_district_bar_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "yk-district-bar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
yk_district_bar_init (YkDistrictBar *self)
{
  GtkWidget *title;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_widget_add_css_class (GTK_WIDGET (self), "yk-district-bar");
  title = line (_("District view, read only: records are made at each site, in its own file."), "heading");
  gtk_widget_set_parent (title, GTK_WIDGET (self));
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  self->settings = g_settings_new (APPLICATION_ID);
}

GtkWidget *
yk_district_bar_new (YkUnlockedSession *session)
{
  YkDistrictBar *self = g_object_new (YK_TYPE_DISTRICT_BAR, NULL);

  self->session = g_object_ref (session);
  g_signal_connect_object (session, "district-reloaded", G_CALLBACK (yk_district_bar_update), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::district-stale-days", G_CALLBACK (yk_district_bar_update),
                           self, G_CONNECT_SWAPPED);
  yk_district_bar_update (self);
  self->ages_timer = g_timeout_add_seconds (60, ages_cb, self);
  return GTK_WIDGET (self);
}
