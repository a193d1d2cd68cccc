/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-window-private.h"
#include "yk-casework.h"
#include "yk-create-page.h"
#include "yk-idle-monitor.h"
#include "yk-main-view.h"
#include "yk-password-dialog.h"
#include "yk-preferences-dialog.h"
#include "yk-snapshot-scheduler.h"
#include "yk-unlock-page.h"

#include <glib/gi18n.h>

struct _YkWindow
{
  GtkApplicationWindow parent_instance;

  GtkMenuButton *primary_menu_button;
  GtkWidget *lock_button;
  GtkWidget *account_box;
  GtkLabel *account_label;
  GtkStack *shell; /* the window's child */
  char *undo_table;  /* the record the toast's Undo takes back */
  gint64 undo_id;
  YkUnlockPage *unlock_page;
  YkCreatePage *create_page;

  GSettings *settings;
  YkIdleMonitor *idle_monitor;
  YkUnlockedSession *session; /* NULL while locked */
  YkUnlockedSession *finishing; /* locked, but its exclusive job still runs */
  GtkWidget *main_view;       /* exists only while unlocked */
  YkFormDrafts *drafts;       /* unsaved forms, kept across a lock */
  YkSnapshotScheduler *snapshots; /* the site file's snapshots for the coordinator */
};

G_DEFINE_FINAL_TYPE (YkWindow, yk_window, GTK_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_IDLE_LOCK_SECONDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_actions (YkWindow *self)
{
  gboolean unlocked = self->session != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.change-password", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-screen", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-database", !unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-unlock",
                                 !unlocked && !yk_create_page_get_busy (self->create_page));
}

static void
update_header (YkWindow *self)
{
  gboolean unlocked = self->session != NULL;

  /* The name colleagues know (王协调), not the login. */
  gtk_label_set_text (self->account_label, unlocked ? yk_unlocked_session_get_display_name (self->session) : "");
  gtk_widget_set_visible (self->account_box, unlocked);
  gtk_widget_set_visible (self->lock_button, unlocked);
}

/* Dialogs and any other window of the app may show personal data; the
 * shortcuts window is only hidden, as the window keeps it for reuse. */
static void
close_other_windows (YkWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *help = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self)));
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr (GPtrArray) doomed = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (window == GTK_WINDOW (self) || YK_IS_WINDOW (window))
        continue;
      if (window == help)
        gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
      else if (gtk_window_get_transient_for (window) == GTK_WINDOW (self) ||
               (app != NULL && gtk_window_get_application (window) == app))
        g_ptr_array_add (doomed, g_object_ref (window));
    }
  for (guint i = 0; i < doomed->len; i++)
    gtk_window_destroy (g_ptr_array_index (doomed, i));
}

static void
forget_undo (YkWindow *self)
{
  g_clear_pointer (&self->undo_table, g_free);
  self->undo_id = 0;
}

/* A dialog saved a new record: for a while it can be taken back. */
static void
record_added_cb (YkWindow          *self,
                 const char        *table,
                 gint64             id,
                 YkUnlockedSession *session)
{
  g_free (self->undo_table);
  self->undo_table = g_strdup (table);
  self->undo_id = id;
  yk_toast_show (_yk_window_get_toast (self), _("Saved"), TRUE);
}

/* Nothing is deleted, not even a record saved a moment ago: Undo voids
 * it, with the reason 撤销, as its author could from the case file. */
static void
toast_undo_cb (YkWindow *self)
{
  YkSession *session = self->session != NULL ? yk_unlocked_session_get_session (self->session) : NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *table = g_steal_pointer (&self->undo_table);
  gint64 id = self->undo_id;

  self->undo_id = 0;
  if (session == NULL || table == NULL)
    return;
  if (!yk_casework_void (session, table, id, C_("void reason", "Undone"), &error))
    {
      _yk_window_show_message (self, error->message);
      return;
    }
  yk_unlocked_session_records_changed (self->session, 0);
}

static void
adopt_session (YkWindow          *self,
               YkUnlockedSession *session)
{
  g_return_if_fail (self->session == NULL);

  self->session = g_object_ref (session);
  /* Before any screen lists a name. Bound, so turning the preference on
   * or off in the Preferences dialog applies to every list at once. */
  g_settings_bind (self->settings, "show-full-names", session, "full-names-requested", G_SETTINGS_BIND_GET);
  g_signal_connect_object (session, "record-added", G_CALLBACK (record_added_cb), self, G_CONNECT_SWAPPED);
  self->main_view = yk_main_view_new (session);
  g_signal_connect_object (_yk_window_get_toast (self), "undo", G_CALLBACK (toast_undo_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->shell, self->main_view, "main");
  gtk_stack_set_visible_child (self->shell, self->main_view);

  /* What the unlock page shows when this session locks. */
  yk_unlock_page_set_database (self->unlock_page, yk_unlocked_session_get_path (session));
  yk_unlock_page_set_user_name (self->unlock_page, yk_unlocked_session_get_account (session));

  update_header (self);
  update_actions (self);
  yk_idle_monitor_start (self->idle_monitor);
  yk_snapshot_scheduler_set_session (self->snapshots, session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
unlocked_cb (YkWindow          *self,
             YkUnlockedSession *session)
{
  adopt_session (self, session);
}

static void
create_busy_cb (YkWindow *self)
{
  update_actions (self);
}

static void
idle_cb (YkWindow *self)
{
  yk_window_lock (self);
}

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  yk_window_lock (YK_WINDOW (widget));
}

/* Ctrl+F and Alt+1…6 wherever the focus is in the window, not only on
 * the screen that has the list. */
static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YkWindow *self = YK_WINDOW (widget);

  if (self->main_view != NULL)
    yk_main_view_find (YK_MAIN_VIEW (self->main_view));
}

static void
show_screen_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  YkWindow *self = YK_WINDOW (widget);
  int position = g_variant_get_int32 (parameter);

  if (self->main_view != NULL && position > 0)
    yk_main_view_show_screen (YK_MAIN_VIEW (self->main_view), (guint) position);
}

static void
new_database_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  YkWindow *self = YK_WINDOW (widget);

  yk_create_page_reset (self->create_page);
  gtk_stack_set_visible_child (self->shell, GTK_WIDGET (self->create_page));
  gtk_widget_child_focus (GTK_WIDGET (self->create_page), GTK_DIR_TAB_FORWARD);
}

static void
show_unlock_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  YkWindow *self = YK_WINDOW (widget);

  gtk_stack_set_visible_child (self->shell, GTK_WIDGET (self->unlock_page));
  gtk_widget_grab_focus (GTK_WIDGET (self->unlock_page));
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  YkWindow *self = YK_WINDOW (widget);
  GtkWidget *dialog = yk_preferences_dialog_new (GTK_WINDOW (self), self->session);

  yk_preferences_dialog_set_snapshot_scheduler (YK_PREFERENCES_DIALOG (dialog), self->snapshots);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Anyone's own password, social workers' too (they have no 管理). */
static void
change_password_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  YkWindow *self = YK_WINDOW (widget);

  if (self->session != NULL)
    gtk_window_present (GTK_WINDOW (yk_password_dialog_new (GTK_WINDOW (self), self->session, NULL)));
}

/* Without a help viewer (yelp is the desktop's, not ours to require)
 * there is nothing to open: F1 then does nothing rather than alarm
 * anyone, and the reason goes to the log. gtk_show_uri() would say it
 * with g_warning(), fatal under G_DEBUG=fatal-warnings. */
static void
help_shown_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    g_message ("The user guide (help:yukang) did not open: %s", error->message);
}

/* The guide installed from help/ (share/help/C/yukang), locked or not. */
static void
help_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gtk_show_uri_full (GTK_WINDOW (widget), "help:yukang", GDK_CURRENT_TIME, NULL, help_shown_cb, NULL);
}

static gboolean
minutes_to_seconds (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  g_value_set_uint (value, g_variant_get_uint32 (variant) * 60);
  return TRUE;
}

static void
yk_window_dispose (GObject *object)
{
  YkWindow *self = YK_WINDOW (object);

  /* The screens first, as yk_window_lock() does: one still reading in a
   * worker thread gives its connection back before the store closes. */
  if (self->main_view != NULL && self->shell != NULL)
    gtk_stack_remove (self->shell, self->main_view);
  self->main_view = NULL;
  if (self->session != NULL)
    {
      /* Closing the window is a quit: the last snapshot goes first. */
      yk_snapshot_scheduler_take_now (self->snapshots, NULL);
      g_settings_unbind (self->session, "full-names-requested");
      yk_unlocked_session_close (self->session);
    }
  g_clear_object (&self->snapshots);
  g_clear_object (&self->session);
  g_clear_object (&self->finishing);
  gtk_widget_dispose_template (GTK_WIDGET (object), YK_TYPE_WINDOW);
  g_clear_object (&self->idle_monitor);
  g_clear_object (&self->settings);
  g_clear_object (&self->drafts);
  forget_undo (self);
  G_OBJECT_CLASS (yk_window_parent_class)->dispose (object);
}

static void
yk_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  YkWindow *self = YK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_IDLE_LOCK_SECONDS:
      g_value_set_uint (value, yk_idle_monitor_get_timeout_seconds (self->idle_monitor));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  YkWindow *self = YK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_IDLE_LOCK_SECONDS:
      if (g_value_get_uint (value) != yk_idle_monitor_get_timeout_seconds (self->idle_monitor))
        {
          yk_idle_monitor_set_timeout_seconds (self->idle_monitor, g_value_get_uint (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_window_class_init (YkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yk_window_dispose;
  object_class->get_property = yk_window_get_property;
  object_class->set_property = yk_window_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, YK_TYPE_UNLOCKED_SESSION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IDLE_LOCK_SECONDS] =
    g_param_spec_uint ("idle-lock-seconds", NULL, NULL, 0, 240 * 60, 10 * 60,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (YK_TYPE_UNLOCK_PAGE);
  g_type_ensure (YK_TYPE_CREATE_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, YkWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, YkWindow, lock_button);
  gtk_widget_class_bind_template_child (widget_class, YkWindow, account_box);
  gtk_widget_class_bind_template_child (widget_class, YkWindow, account_label);
  gtk_widget_class_bind_template_child (widget_class, YkWindow, unlock_page);
  gtk_widget_class_bind_template_child (widget_class, YkWindow, create_page);
  gtk_widget_class_bind_template_callback (widget_class, unlocked_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_busy_cb);

  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.lock", NULL);
  gtk_widget_class_install_action (widget_class, "win.new-database", NULL, new_database_action);
  gtk_widget_class_install_action (widget_class, "win.show-unlock", NULL, show_unlock_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.change-password", NULL, change_password_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_install_action (widget_class, "win.help", NULL, help_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "win.help", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-screen", "i", show_screen_action);
  for (int i = 1; i <= 6; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + i, GDK_ALT_MASK, "win.show-screen", "i", i);
  _yk_window_class_add_record_actions (widget_class);
}

static void
yk_window_init (YkWindow *self)
{
  self->idle_monitor = yk_idle_monitor_new (GTK_WIDGET (self));
  self->drafts = yk_form_drafts_new ();
  g_signal_connect_object (self->idle_monitor, "idle", G_CALLBACK (idle_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a template child: gtk_widget_dispose_template() would unparent
   * it behind GtkWindow's back, and GtkWindow unparents its child itself. */
  self->shell = GTK_STACK (gtk_window_get_child (GTK_WINDOW (self)));

  /* GNOME convention: the window comes back at the size it was left. */
  self->settings = g_settings_new (APPLICATION_ID);
  self->snapshots = yk_snapshot_scheduler_new (self->settings);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "idle-lock-minutes", self, "idle-lock-seconds",
                                G_SETTINGS_BIND_GET, minutes_to_seconds, NULL, NULL, NULL);

  update_header (self);
  update_actions (self);
  _yk_window_init_record_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->unlock_page));
}

YkWindow *
yk_window_new (YkApplication *application)
{
  return g_object_new (YK_TYPE_WINDOW, "application", application, NULL);
}

/* Preselects a database on the unlock page (from --db). */
void
yk_window_set_database (YkWindow   *self,
                        const char *path)
{
  g_return_if_fail (YK_IS_WINDOW (self));
  yk_unlock_page_set_database (self->unlock_page, path);
}

YkUnlockedSession *
yk_window_get_session (YkWindow *self)
{
  g_return_val_if_fail (YK_IS_WINDOW (self), NULL);
  return self->session;
}

YkFormDrafts *
yk_window_get_drafts (YkWindow *self)
{
  g_return_val_if_fail (YK_IS_WINDOW (self), NULL);
  return self->drafts;
}

/* Wipes the keys, destroys every screen that showed personal data, and
 * asks for the same person's password again. */
static void
finishing_busy_cb (YkWindow *self)
{
  if (self->finishing == NULL || yk_unlocked_session_get_busy (self->finishing))
    return;
  g_signal_handlers_disconnect_by_data (self->finishing, self);
  g_clear_object (&self->finishing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_page), TRUE);
  yk_unlock_page_ask_password (self->unlock_page);
}

void
yk_window_lock (YkWindow *self)
{
  g_autoptr (YkUnlockedSession) session = NULL;

  g_return_if_fail (YK_IS_WINDOW (self));

  if (self->session == NULL)
    return;
  /* The coordinator sees what the site had when it locked. A failure
   * stays with the scheduler for Preferences; the lock goes on. */
  yk_snapshot_scheduler_take_now (self->snapshots, NULL);
  yk_snapshot_scheduler_set_session (self->snapshots, NULL);
  session = g_steal_pointer (&self->session);
  g_settings_unbind (session, "full-names-requested");
  g_signal_handlers_disconnect_by_func (session, record_added_cb, self);
  forget_undo (self);
  yk_idle_monitor_stop (self->idle_monitor);
  close_other_windows (self);

  gtk_stack_set_visible_child (self->shell, GTK_WIDGET (self->unlock_page));
  gtk_stack_remove (self->shell, self->main_view);
  self->main_view = NULL;
  yk_unlocked_session_close (session);
  /* A key change or a new password runs to its end (it cannot stop
   * halfway), and the keys go after it. Unlocking again meanwhile could
   * open the very file a key change is about to replace. */
  if (yk_unlocked_session_get_busy (session))
    {
      self->finishing = g_object_ref (session);
      g_signal_connect_object (session, "notify::busy", G_CALLBACK (finishing_busy_cb), self, G_CONNECT_SWAPPED);
      gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_page), FALSE);
    }

  update_header (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  yk_unlock_page_ask_password (self->unlock_page);
}

/* A short note at the bottom of the window, without Undo. */
void
_yk_window_show_message (YkWindow   *self,
                         const char *text)
{
  g_return_if_fail (YK_IS_WINDOW (self));
  if (self->main_view == NULL)
    return;
  forget_undo (self);
  yk_toast_show (_yk_window_get_toast (self), text, FALSE);
}

/* NULL while locked: the toast lives in the unlocked screens. */
YkToast *
_yk_window_get_toast (YkWindow *self)
{
  g_return_val_if_fail (YK_IS_WINDOW (self), NULL);
  return self->main_view != NULL ? yk_main_view_get_toast (YK_MAIN_VIEW (self->main_view)) : NULL;
}

/* A case file, opened in the main view (case.open); nothing while locked. */
void
_yk_window_open_case (YkWindow *self,
                      gint64    client_id)
{
  g_return_if_fail (YK_IS_WINDOW (self));
  if (self->main_view != NULL && client_id > 0)
    gtk_widget_activate_action (self->main_view, "case.open", "x", client_id);
}
