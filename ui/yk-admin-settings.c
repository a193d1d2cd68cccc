/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-admin-settings-private.h"
#include "yk-admin.h"
#include "yk-followup.h"
#include "yk-label.h"
#include "yk-unlocked-session.h"

#include <glib/gi18n.h>

struct _YkAdminSettings
{
  GtkWidget parent_instance;

  YkUnlockedSession *session;

  GtkSpinButton *stable_amount, *basically_stable_amount, *unstable_amount;
  GtkDropDown *stable_unit, *basically_stable_unit, *unstable_unit; /* YkIntervalUnit */
  GtkEditable *threshold_entry;
  GtkLabel *stable_error, *basically_stable_error, *unstable_error, *threshold_error;
  GtkLabel *settings_status;
  GtkBox *sites_box; /* YkAdminSiteRow */
};

G_DEFINE_FINAL_TYPE (YkAdminSettings, yk_admin_settings, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static YkSession *
get_session (YkAdminSettings *self)
{
  return self->session != NULL ? yk_unlocked_session_get_session (self->session) : NULL;
}

/* A follow-up interval: a number and a unit, stored as "2 weeks". */
typedef struct
{
  const char *key;
  GtkSpinButton *amount;
  GtkDropDown *unit;
  GtkLabel *error;
} IntervalField;

static void
interval_fields (YkAdminSettings *self, IntervalField fields[3])
{
  fields[0] = (IntervalField) { "followup_stable", self->stable_amount, self->stable_unit, self->stable_error };
  fields[1] = (IntervalField) { "followup_basically_stable", self->basically_stable_amount, self->basically_stable_unit,
                                self->basically_stable_error };
  fields[2] = (IntervalField) { "followup_unstable", self->unstable_amount, self->unstable_unit, self->unstable_error };
}

static char *
interval_typed (const IntervalField *field)
{
  return yk_followup_interval_format (gtk_spin_button_get_value_as_int (field->amount),
                                      (YkIntervalUnit) gtk_drop_down_get_selected (field->unit));
}

static void
refresh_settings (YkAdminSettings *self)
{
  YkSession *session = get_session (self);
  IntervalField fields[3];
  g_autofree char *threshold = NULL;

  if (session == NULL)
    return;
  interval_fields (self, fields);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *value = yk_admin_setting_get (session, fields[i].key, NULL);
      g_autofree char *message = NULL;
      YkIntervalUnit unit;
      int amount;

      if (yk_followup_interval_split (value, &amount, &unit))
        {
          gtk_spin_button_set_value (fields[i].amount, amount);
          gtk_drop_down_set_selected (fields[i].unit, unit);
        }
      else
        /* Only a database written by hand gets here; say so rather than
         * show a made-up value as if it were the stored one. */
        message = g_strdup_printf (_("The follow-up interval “%1$s” is not understood; set it as a number of days, weeks or months"),
                                   value != NULL ? value : "");
      yk_label_show_message (fields[i].error, message);
    }
  threshold = yk_admin_setting_get (session, YK_ADMIN_SETTING_IMPROVEMENT_THRESHOLD, NULL);
  gtk_editable_set_text (self->threshold_entry, threshold != NULL ? threshold : "");
  yk_label_show_message (self->threshold_error, NULL);
}

/* Stores `value` for `key` unless it is already stored; FALSE with the
 * error under the field if the store refuses it. */
static gboolean
store_setting (YkSession *session, const char *key, const char *value, GtkLabel *error_label, gboolean *changed)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *old = yk_admin_setting_get (session, key, NULL);

  if (g_strcmp0 (old, value) == 0)
    return TRUE;
  if (!yk_admin_setting_set (session, key, value, &error))
    {
      yk_label_show_message (error_label, error->message);
      return FALSE;
    }
  *changed = TRUE;
  return TRUE;
}

static void
save_settings_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YkAdminSettings *self = YK_ADMIN_SETTINGS (widget);
  YkSession *session = get_session (self);
  IntervalField fields[3];
  g_autoptr (GError) error = NULL;
  g_autofree char *threshold = NULL;
  char *intervals[3] = { NULL, NULL, NULL };
  gboolean valid = TRUE, changed = FALSE;

  if (session == NULL)
    return;
  interval_fields (self, fields);
  gtk_label_set_text (self->settings_status, "");
  /* Every field checked first: nothing is saved while one is wrong, and
   * what was typed stays for correcting. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *typed = interval_typed (&fields[i]);
      g_autoptr (GError) interval_error = NULL;

      intervals[i] = yk_admin_setting_normalize (fields[i].key, typed, &interval_error);
      yk_label_show_message (fields[i].error, intervals[i] == NULL ? interval_error->message : NULL);
      valid = valid && intervals[i] != NULL;
    }
  threshold = yk_admin_setting_normalize (YK_ADMIN_SETTING_IMPROVEMENT_THRESHOLD,
                                          gtk_editable_get_text (self->threshold_entry), &error);
  yk_label_show_message (self->threshold_error, threshold == NULL ? error->message : NULL);
  valid = valid && threshold != NULL;
  for (guint i = 0; valid && i < 3; i++)
    valid = store_setting (session, fields[i].key, intervals[i], fields[i].error, &changed);
  if (valid)
    store_setting (session, YK_ADMIN_SETTING_IMPROVEMENT_THRESHOLD, threshold, self->threshold_error, &changed);
  for (guint i = 0; i < 3; i++)
    g_free (intervals[i]);
  if (!valid && !changed)
    return;
  refresh_settings (self);
  if (changed)
    {
      gtk_label_set_text (self->settings_status, _("Saved."));
      yk_unlocked_session_records_changed (self->session, 0);
    }
}

/* --- sites --- */

static void
refresh_sites (YkAdminSettings *self)
{
  YkSession *session = get_session (self);
  g_autoptr (GPtrArray) sites = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sites_box))) != NULL)
    gtk_box_remove (self->sites_box, child);
  if (session == NULL || (sites = yk_admin_sites_list (session, NULL)) == NULL)
    return;
  for (guint i = 0; i < sites->len; i++)
    gtk_box_append (self->sites_box, GTK_WIDGET (yk_admin_site_row_new (sites->pdata[i])));
}

static void
save_site_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YkAdminSettings *self = YK_ADMIN_SETTINGS (widget);
  YkSession *session = get_session (self);
  YkAdminSiteRow *row = _yk_admin_settings_get_site_row (self, g_variant_get_int64 (parameter));

  if (session == NULL || row == NULL || !yk_admin_site_row_save (row, session))
    return;
  refresh_sites (self);
  gtk_label_set_text (self->settings_status, _("Saved."));
  yk_unlocked_session_records_changed (self->session, 0);
}

static void
yk_admin_settings_dispose (GObject *object)
{
  YkAdminSettings *self = YK_ADMIN_SETTINGS (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), YK_TYPE_ADMIN_SETTINGS);
  /* The template's unnamed scrolled window too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (yk_admin_settings_parent_class)->dispose (object);
}

static void
yk_admin_settings_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  YkAdminSettings *self = YK_ADMIN_SETTINGS (object);

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
yk_admin_settings_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  YkAdminSettings *self = YK_ADMIN_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      if (g_set_object (&self->session, g_value_get_object (value)))
        {
          refresh_settings (self);
          refresh_sites (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_admin_settings_class_init (YkAdminSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yk_admin_settings_dispose;
  object_class->get_property = yk_admin_settings_get_property;
  object_class->set_property = yk_admin_settings_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, YK_TYPE_UNLOCKED_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-admin-settings.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, YkAdminSettings, stable_amount);
  gtk_widget_class_bind_template_child (widget_class, YkAdminSettings, basically_stable_amount);
  gtk_widget_class_bind_template_child (widget_class, YkAdminSettings, unstable_amount);
  gtk_widget_class_bind_template_child (widget_class, YkAdminSettings, stable_unit);
  gtk_widget_class_bind_template_child (widget_class, YkAdminSettings, basically_stable_unit);
  gtk_widget_class_bind_template_child (widget_class, YkAdminSettings, unstable_unit);
  gtk_widget_class_bind_template_child (widget_class, YkAdminSettings, threshold_entry);
  gtk_widget_class_bind_template_child (widget_class, YkAdminSettings, stable_error);
  gtk_widget_class_bind_template_child (widget_class, YkAdminSettings, basically_stable_error);
  gtk_widget_class_bind_template_child (widget_class, YkAdminSettings, unstable_error);
  gtk_widget_class_bind_template_child (widget_class, YkAdminSettings, threshold_error);
  gtk_widget_class_bind_template_child (widget_class, YkAdminSettings, settings_status);
  gtk_widget_class_bind_template_child (widget_class, YkAdminSettings, sites_box);

  gtk_widget_class_install_action (widget_class, "admin.save-settings", NULL, save_settings_activated);
  gtk_widget_class_install_action (widget_class, "admin.save-site", "x", save_site_activated);
}

static void
yk_admin_settings_init (YkAdminSettings *self)
{
  g_type_ensure (YK_TYPE_ADMIN_SITE_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
}

YkAdminSiteRow *
_yk_admin_settings_get_site_row (YkAdminSettings *self,
                                 gint64           site_id)
{
  g_return_val_if_fail (YK_IS_ADMIN_SETTINGS (self), NULL);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sites_box)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (yk_admin_site_row_get_site_id (YK_ADMIN_SITE_ROW (row)) == site_id)
      return YK_ADMIN_SITE_ROW (row);
  return NULL;
}
