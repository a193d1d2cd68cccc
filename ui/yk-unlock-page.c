/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-unlock-page.h"
#include "yk-district.h"
#include "yk-file-chooser.h"
#include "yk-forgot-password-dialog.h"
#include "yk-recent-databases.h"
#include "yk-sensitive.h"
#include "yk-unlocked-session.h"
#include "yk-wipe.h"

#include <glib/gi18n.h>
#include <string.h>

struct _YkUnlockPage
{
  GtkWidget parent_instance;

  GtkWidget *form;
  GtkDropDown *database_drop_down;
  GtkStringList *databases;
  GtkEditable *user_entry;
  GtkEditable *password_entry;
  GtkRevealer *error_revealer;
  GtkLabel *error_label;

  GSettings *settings;
  GtkWindow *forgot_dialog;
  gboolean busy;
};

G_DEFINE_FINAL_TYPE (YkUnlockPage, yk_unlock_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DATABASE,
  PROP_USER_NAME,
  PROP_BUSY,
  N_PROPS
};

enum
{
  UNLOCKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What the worker thread needs; the password copy is wiped when done. */
typedef struct
{
  char *path;
  char *account;
  char *password;
} UnlockRequest;

static void
unlock_request_free (UnlockRequest *request)
{
  g_free (request->path);
  g_free (request->account);
  yk_wipe_and_free (request->password);
  g_free (request);
}

static gboolean
can_unlock (YkUnlockPage *self)
{
  return !self->busy &&
         yk_unlock_page_get_database (self) != NULL &&
         *gtk_editable_get_text (self->user_entry) != '\0' &&
         *gtk_editable_get_text (self->password_entry) != '\0';
}

static void
update_actions (YkUnlockPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "unlock.unlock", can_unlock (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "unlock.open", !self->busy);
}

static void
set_busy (YkUnlockPage *self,
          gboolean      busy)
{
  self->busy = busy;
  yk_set_sensitive (self->form, !busy);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_message (YkUnlockPage *self,
              const char   *message,
              gboolean      is_error)
{
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
show_error (YkUnlockPage *self,
            const char   *message)
{
  show_message (self, message, TRUE);
}

static guint
find_database (YkUnlockPage *self,
               const char   *path)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->databases));

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->databases, i), path) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* The drop-down lists the recent databases, and before them the one
 * chosen by --db or "Open…" if it has not been unlocked yet. */
static void
load_recent_databases (YkUnlockPage *self)
{
  g_autofree char *current = g_strdup (yk_unlock_page_get_database (self));
  g_auto (GStrv) recent = g_settings_get_strv (self->settings, "recent-databases");
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->databases));

  gtk_string_list_splice (self->databases, 0, n, (const char * const *) recent);
  if (current != NULL)
    yk_unlock_page_set_database (self, current);
}

/* What an unlock gives: one file's session, or a district view. */
typedef struct
{
  YkSession *session;
  YkDistrict *district;
} UnlockResult;

static void
unlock_result_free (UnlockResult *result)
{
  g_clear_pointer (&result->session, yk_session_close);
  g_clear_pointer (&result->district, yk_district_free);
  g_free (result);
}

/* Several files chosen at once are one entry of the list of databases:
 * their paths, one per line (a path with a line break in it cannot be
 * one of them). NULL for a single file or a folder. */
static GStrv
chosen_files (const char *path)
{
  return strchr (path, '\n') != NULL ? g_strsplit (path, "\n", -1) : NULL;
}

/* A folder is a district view: every snapshot in it, one password; so
 * are several files chosen at once. */
static void
unlock_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  UnlockRequest *request = task_data;
  GError *error = NULL;
  UnlockResult *result = g_new0 (UnlockResult, 1);

  g_auto (GStrv) files = chosen_files (request->path);

  if (files != NULL)
    result->district = yk_district_open ((const char *const *) files, request->account, request->password, &error);
  else if (g_file_test (request->path, G_FILE_TEST_IS_DIR))
    {
      g_auto (GStrv) paths = yk_district_list_folder (request->path, &error);

      if (paths != NULL)
        result->district = yk_district_open ((const char *const *) paths, request->account, request->password, &error);
    }
  else
    result->session = yk_session_open (request->path, request->account, request->password, &error);
  if (result->session == NULL && result->district == NULL)
    {
      unlock_result_free (result);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, result, (GDestroyNotify) unlock_result_free);
}

static void
unlock_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  YkUnlockPage *self = YK_UNLOCK_PAGE (source_object);
  UnlockRequest *request = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autoptr (YkUnlockedSession) unlocked = NULL;
  UnlockResult *opened;

  opened = g_task_propagate_pointer (G_TASK (result), &error);
  if (self->settings == NULL) /* disposed meanwhile: the session just closes */
    {
      g_clear_pointer (&opened, unlock_result_free);
      return;
    }
  set_busy (self, FALSE);
  gtk_editable_set_text (self->password_entry, "");
  if (opened == NULL)
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
      return;
    }

  show_error (self, NULL);
  if (opened->district != NULL)
    unlocked = yk_unlocked_session_new_district (g_steal_pointer (&opened->district), request->path);
  else
    unlocked = yk_unlocked_session_new (g_steal_pointer (&opened->session), request->path);
  unlock_result_free (opened);
  yk_recent_databases_remember (self->settings, request->path);
  g_signal_emit (self, signals[UNLOCKED], 0, unlocked);
}

static void
unlock_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  YkUnlockPage *self = YK_UNLOCK_PAGE (widget);
  g_autoptr (GTask) task = NULL;
  UnlockRequest *request;

  if (!can_unlock (self))
    return;

  request = g_new0 (UnlockRequest, 1);
  request->path = g_strdup (yk_unlock_page_get_database (self));
  request->account = g_strdup (gtk_editable_get_text (self->user_entry));
  request->password = g_strdup (gtk_editable_get_text (self->password_entry));

  show_error (self, NULL);
  set_busy (self, TRUE);
  task = g_task_new (self, NULL, unlock_done_cb, NULL);
  g_task_set_source_tag (task, unlock_action);
  g_task_set_task_data (task, request, (GDestroyNotify) unlock_request_free);
  g_task_run_in_thread (task, unlock_thread);
}

static void
open_done_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (YkUnlockPage) self = user_data;
  g_autoptr (GListModel) files = yk_file_chooser_finish_files (result, NULL);
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  for (guint i = 0; files != NULL && i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr (GFile) file = g_list_model_get_item (files, i);
      char *path = g_file_get_path (file);

      if (path == NULL || strchr (path, '\n') != NULL)
        {
          g_free (path);
          /* TRANSLATORS: a file chosen that cannot be opened from here (not local, or a line break in its name). */
          show_error (self, _("This file cannot be opened from here; copy it to a folder of this computer first."));
          return;
        }
      g_ptr_array_add (paths, path);
    }
  if (paths->len == 0)
    return;
  g_ptr_array_add (paths, NULL);
  /* Several files: a district view of those (docs/design/district.md). */
  joined = g_strjoinv ("\n", (char **) paths->pdata);
  yk_unlock_page_set_database (self, joined);
  gtk_widget_grab_focus (GTK_WIDGET (self->user_entry));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  yk_file_chooser_open_databases (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                  open_done_cb, g_object_ref (widget));
}

static void
open_district_done_cb (GObject      *source_object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (YkUnlockPage) self = user_data;
  g_autoptr (GFile) folder = yk_file_chooser_finish (result, NULL);
  g_autofree char *path = folder ? g_file_get_path (folder) : NULL;

  if (path == NULL)
    return;
  yk_unlock_page_set_database (self, path);
  gtk_widget_grab_focus (GTK_WIDGET (self->user_entry));
}

/* 打开区县视图: the folder where the sites' snapshots arrive. */
static void
open_district_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  yk_file_chooser_select_folder (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Open District View"),
                                 open_district_done_cb, g_object_ref (widget));
}

/* 忘记密码: the recovery key sets a new password; the person then
 * unlocks as usual (docs/design/security.md, "Hardening"). */
static void
password_set_cb (YkUnlockPage *self,
                 const char   *account)
{
  g_autofree char *note = g_strdup_printf (_("A new password was set for “%1$s”. Unlock with it now."), account);

  gtk_editable_set_text (self->user_entry, account);
  gtk_editable_set_text (self->password_entry, "");
  show_message (self, note, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
}

static void
forgot_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  YkUnlockPage *self = YK_UNLOCK_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *path = yk_unlock_page_get_database (self);

  if (path == NULL)
    {
      show_error (self, _("Choose the database first."));
      return;
    }
  /* A recovery key is one file's: a district view has no single one. */
  if (strchr (path, '\n') != NULL || g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      show_error (self, _("A district view opens with your password. A forgotten password is reset in one file at a time: choose that file."));
      return;
    }
  if (self->forgot_dialog != NULL)
    gtk_window_destroy (self->forgot_dialog);
  self->forgot_dialog = GTK_WINDOW (yk_forgot_password_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                   path, gtk_editable_get_text (self->user_entry)));
  g_object_add_weak_pointer (G_OBJECT (self->forgot_dialog), (gpointer *) &self->forgot_dialog);
  g_signal_connect_object (self->forgot_dialog, "password-set", G_CALLBACK (password_set_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (self->forgot_dialog);
}

/* For the drop-down's item templates. */
static char *
database_file_name_cb (GtkListItem *item,
                       const char  *path)
{
  g_autofree char *name = path ? g_filename_display_basename (path) : NULL;
  g_auto (GStrv) files = path ? chosen_files (path) : NULL;

  if (files != NULL)
    {
      g_autoptr (GString) names = g_string_new (NULL);

      for (guint i = 0; files[i] != NULL; i++)
        {
          g_autofree char *base = g_filename_display_basename (files[i]);
          /* TRANSLATORS: between the names of files listed together. */
          g_string_append_printf (names, "%s%s", i > 0 ? _(", ") : "", base);
        }
      return g_strdup_printf (_("District view: %1$s"), names->str);
    }
  if (path != NULL && g_file_test (path, G_FILE_TEST_IS_DIR))
    /* TRANSLATORS: a folder of site snapshots in the list of databases. */
    return g_strdup_printf (_("District view: %1$s"), name);
  return g_steal_pointer (&name);
}

static char *
database_folder_cb (GtkListItem *item,
                    const char  *path)
{
  g_auto (GStrv) files = path ? chosen_files (path) : NULL;
  /* Several files: the folder of the first. */
  g_autofree char *dir = path ? g_path_get_dirname (files != NULL ? files[0] : path) : NULL;
  const char *home = g_get_home_dir ();

  if (dir == NULL)
    return NULL;
  if (g_str_has_prefix (dir, home) && (dir[strlen (home)] == '/' || dir[strlen (home)] == '\0'))
    {
      g_autofree char *rest = g_filename_display_name (dir + strlen (home));
      return g_strconcat ("~", rest, NULL);
    }
  return g_filename_display_name (dir);
}

static void
database_selected_cb (YkUnlockPage *self)
{
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

static void
user_changed_cb (YkUnlockPage *self)
{
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_NAME]);
}

static void
password_changed_cb (YkUnlockPage *self)
{
  update_actions (self);
}

static void
user_activate_cb (YkUnlockPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
}

static void
password_activate_cb (YkUnlockPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "unlock.unlock", NULL);
}

static void
recent_databases_changed_cb (YkUnlockPage *self)
{
  load_recent_databases (self);
}

static gboolean
yk_unlock_page_grab_focus (GtkWidget *widget)
{
  YkUnlockPage *self = YK_UNLOCK_PAGE (widget);

  if (*gtk_editable_get_text (self->user_entry) == '\0')
    return gtk_widget_grab_focus (GTK_WIDGET (self->user_entry));
  return gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
}

static void
yk_unlock_page_dispose (GObject *object)
{
  YkUnlockPage *self = YK_UNLOCK_PAGE (object);
  GtkWidget *child;

  if (self->forgot_dialog != NULL)
    gtk_window_destroy (self->forgot_dialog);
  gtk_widget_dispose_template (GTK_WIDGET (self), YK_TYPE_UNLOCK_PAGE);
  /* The template's unnamed top-level children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (yk_unlock_page_parent_class)->dispose (object);
}

static void
yk_unlock_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  YkUnlockPage *self = YK_UNLOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_string (value, yk_unlock_page_get_database (self));
      break;
    case PROP_USER_NAME:
      g_value_set_string (value, yk_unlock_page_get_user_name (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_unlock_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  YkUnlockPage *self = YK_UNLOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      yk_unlock_page_set_database (self, g_value_get_string (value));
      break;
    case PROP_USER_NAME:
      yk_unlock_page_set_user_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_unlock_page_class_init (YkUnlockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yk_unlock_page_dispose;
  object_class->get_property = yk_unlock_page_get_property;
  object_class->set_property = yk_unlock_page_set_property;
  widget_class->grab_focus = yk_unlock_page_grab_focus;

  properties[PROP_DATABASE] =
    g_param_spec_string ("database", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER_NAME] =
    g_param_spec_string ("user-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[UNLOCKED] = g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, YK_TYPE_UNLOCKED_SESSION);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-unlock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YkUnlockPage, form);
  gtk_widget_class_bind_template_child (widget_class, YkUnlockPage, database_drop_down);
  gtk_widget_class_bind_template_child (widget_class, YkUnlockPage, databases);
  gtk_widget_class_bind_template_child (widget_class, YkUnlockPage, user_entry);
  gtk_widget_class_bind_template_child (widget_class, YkUnlockPage, password_entry);
  gtk_widget_class_bind_template_child (widget_class, YkUnlockPage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, YkUnlockPage, error_label);
  gtk_widget_class_bind_template_callback (widget_class, database_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, user_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, user_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_activate_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "yk_database_file_name",
                                                G_CALLBACK (database_file_name_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "yk_database_folder",
                                                G_CALLBACK (database_folder_cb));

  gtk_widget_class_install_action (widget_class, "unlock.unlock", NULL, unlock_action);
  gtk_widget_class_install_action (widget_class, "unlock.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "unlock.open-district", NULL, open_district_action);
  gtk_widget_class_install_action (widget_class, "unlock.forgot", NULL, forgot_action);
}

static void
yk_unlock_page_init (YkUnlockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed::recent-databases",
                           G_CALLBACK (recent_databases_changed_cb), self, G_CONNECT_SWAPPED);
  load_recent_databases (self);
  update_actions (self);
}

const char *
yk_unlock_page_get_database (YkUnlockPage *self)
{
  GtkStringObject *item;

  g_return_val_if_fail (YK_IS_UNLOCK_PAGE (self), NULL);

  item = gtk_drop_down_get_selected_item (self->database_drop_down);
  return item ? gtk_string_object_get_string (item) : NULL;
}

void
yk_unlock_page_set_database (YkUnlockPage *self,
                             const char   *path)
{
  guint position;

  g_return_if_fail (YK_IS_UNLOCK_PAGE (self));

  if (path == NULL)
    return;
  position = find_database (self, path);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      const char *paths[] = { path, NULL };

      gtk_string_list_splice (self->databases, 0, 0, paths);
      position = 0;
    }
  gtk_drop_down_set_selected (self->database_drop_down, position);
}

const char *
yk_unlock_page_get_user_name (YkUnlockPage *self)
{
  g_return_val_if_fail (YK_IS_UNLOCK_PAGE (self), NULL);
  return gtk_editable_get_text (self->user_entry);
}

void
yk_unlock_page_set_user_name (YkUnlockPage *self,
                              const char   *user_name)
{
  g_return_if_fail (YK_IS_UNLOCK_PAGE (self));

  if (g_strcmp0 (user_name, yk_unlock_page_get_user_name (self)) == 0)
    return;
  gtk_editable_set_text (self->user_entry, user_name ? user_name : ""); /* notifies */
}

gboolean
yk_unlock_page_get_busy (YkUnlockPage *self)
{
  g_return_val_if_fail (YK_IS_UNLOCK_PAGE (self), FALSE);
  return self->busy;
}

/* Back to an empty password field with the focus in it, as after a lock. */
void
yk_unlock_page_ask_password (YkUnlockPage *self)
{
  g_return_if_fail (YK_IS_UNLOCK_PAGE (self));

  gtk_editable_set_text (self->password_entry, "");
  show_error (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
}

/* The 忘记密码 dialog while it is open (for tests). */
GtkWindow *
yk_unlock_page_get_forgot_dialog (YkUnlockPage *self)
{
  g_return_val_if_fail (YK_IS_UNLOCK_PAGE (self), NULL);
  return self->forgot_dialog;
}
