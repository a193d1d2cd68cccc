/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-create-page.h"
#include "yk-file-chooser.h"
#include "yk-password-strength.h"
#include "yk-recent-databases.h"
#include "yk-recovery-key-print.h"
#include "yk-sensitive.h"
#include "yk-unlocked-session.h"
#include "yk-text.h"
#include "yk-wipe.h"

#include <glib/gi18n.h>

/* The cost the command line uses by default (about half a second). */
#define NEW_ACCOUNT_KDF YK_KDF_MODERATE

struct _YkCreatePage
{
  GtkWidget parent_instance;

  GtkStack *steps;
  GtkWidget *form;
  GtkLabel *file_label;
  GtkEditable *account_entry;
  GtkEditable *display_name_entry;
  GtkEditable *password_entry;
  GtkEditable *confirm_entry;
  GtkLevelBar *strength_bar;
  GtkLabel *strength_label;
  GtkRevealer *error_revealer;
  GtkLabel *error_label;
  GtkLabel *key_label;
  GtkCheckButton *written_down_check;

  char *path;
  gboolean busy;
  GSettings *settings;

  /* Between creation and Continue: the new session, and the key shown. */
  YkUnlockedSession *created;
  char *recovery_key;
};

G_DEFINE_FINAL_TYPE (YkCreatePage, yk_create_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_PATH,
  PROP_BUSY,
  N_PROPS
};

enum
{
  CREATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  char *path;
  char *account;
  char *display_name;
  char *password;
} CreateRequest;

typedef struct
{
  YkSession *session;
  char *recovery_key;
} CreateResult;

static void
create_request_free (CreateRequest *request)
{
  g_free (request->path);
  g_free (request->account);
  g_free (request->display_name);
  yk_wipe_and_free (request->password);
  g_free (request);
}

static void
create_result_free (CreateResult *result)
{
  g_clear_pointer (&result->session, yk_session_close);
  yk_wipe_and_free (result->recovery_key);
  g_free (result);
}

static gboolean
passwords_match (YkCreatePage *self)
{
  return g_strcmp0 (gtk_editable_get_text (self->password_entry),
                    gtk_editable_get_text (self->confirm_entry)) == 0;
}

static gboolean
can_create (YkCreatePage *self)
{
  YkPasswordStrength strength;

  yk_password_strength_measure (gtk_editable_get_text (self->password_entry), &strength);
  return !self->busy && self->path != NULL &&
         *gtk_editable_get_text (self->account_entry) != '\0' &&
         strength.acceptable && passwords_match (self);
}

static void
update_actions (YkCreatePage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "create.create", can_create (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "create.choose", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "create.continue",
                                 self->created != NULL &&
                                 gtk_check_button_get_active (self->written_down_check));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "create.print", self->recovery_key != NULL);
}

/* The hint under the password: the length rule first, then advice. */
static void
update_strength (YkCreatePage *self)
{
  const char *password = gtk_editable_get_text (self->password_entry);
  guint level;
  g_autofree char *hint = yk_password_strength_hint (password, &level);

  /* Level 2 and up: long enough to be accepted. */
  if (level >= 2 && *gtk_editable_get_text (self->confirm_entry) != '\0' && !passwords_match (self))
    {
      g_free (hint);
      hint = g_strdup (_("The two passwords are not the same."));
    }

  gtk_level_bar_set_value (self->strength_bar, level);
  gtk_label_set_text (self->strength_label, hint);
}

static void
set_busy (YkCreatePage *self,
          gboolean      busy)
{
  self->busy = busy;
  yk_set_sensitive (self->form, !busy);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_error (YkCreatePage *self,
            const char   *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

/* The key is wiped from our memory; GTK's copy in the label goes with
 * the label's text. */
static void
forget_recovery_key (YkCreatePage *self)
{
  gtk_label_set_text (self->key_label, "");
  g_clear_pointer (&self->recovery_key, yk_wipe_and_free);
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CreateRequest *request = task_data;
  CreateResult *result = g_new0 (CreateResult, 1);
  GError *error = NULL;

  result->session = yk_session_create (request->path, request->account, request->display_name,
                                       request->password, NEW_ACCOUNT_KDF, &result->recovery_key, &error);
  if (result->session == NULL)
    {
      create_result_free (result);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, result, (GDestroyNotify) create_result_free);
}

static void
create_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  YkCreatePage *self = YK_CREATE_PAGE (source_object);
  CreateRequest *request = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  CreateResult *created;
  char *shown;

  created = g_task_propagate_pointer (G_TASK (result), &error);
  if (self->settings == NULL) /* disposed meanwhile: the session just closes */
    {
      g_clear_pointer (&created, create_result_free);
      return;
    }
  set_busy (self, FALSE);
  if (created == NULL)
    {
      show_error (self, error->message);
      return;
    }

  gtk_editable_set_text (self->password_entry, "");
  gtk_editable_set_text (self->confirm_entry, "");
  show_error (self, NULL);
  yk_recent_databases_remember (self->settings, request->path);

  self->created = yk_unlocked_session_new (g_steal_pointer (&created->session), request->path);
  self->recovery_key = g_steal_pointer (&created->recovery_key);
  create_result_free (created);

  shown = yk_text_recovery_key_lines (self->recovery_key);
  gtk_label_set_text (self->key_label, shown);
  g_clear_pointer (&shown, yk_wipe_and_free);
  gtk_check_button_set_active (self->written_down_check, FALSE);
  gtk_stack_set_visible_child_name (self->steps, "recovery-key");
  gtk_widget_grab_focus (GTK_WIDGET (self->written_down_check));
  update_actions (self);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  YkCreatePage *self = YK_CREATE_PAGE (widget);
  g_autoptr (GTask) task = NULL;
  CreateRequest *request;
  const char *display_name;

  if (!can_create (self))
    return;

  display_name = gtk_editable_get_text (self->display_name_entry);
  request = g_new0 (CreateRequest, 1);
  request->path = g_strdup (self->path);
  request->account = g_strdup (gtk_editable_get_text (self->account_entry));
  request->display_name = *display_name ? g_strdup (display_name) : NULL;
  request->password = g_strdup (gtk_editable_get_text (self->password_entry));

  show_error (self, NULL);
  set_busy (self, TRUE);
  task = g_task_new (self, NULL, create_done_cb, NULL);
  g_task_set_source_tag (task, create_action);
  g_task_set_task_data (task, request, (GDestroyNotify) create_request_free);
  g_task_run_in_thread (task, create_thread);
}

static void
choose_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (YkCreatePage) self = user_data;
  g_autoptr (GFile) file = yk_file_chooser_finish (result, NULL);
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  if (path != NULL && self->settings != NULL)
    yk_create_page_set_path (self, path);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  yk_file_chooser_save_database (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 choose_done_cb, g_object_ref (widget));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  YkCreatePage *self = YK_CREATE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  char *lines;

  if (self->recovery_key == NULL)
    return;
  lines = yk_text_recovery_key_lines (self->recovery_key);
  yk_recovery_key_print (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                         yk_unlocked_session_get_path (self->created), lines);
  yk_wipe_and_free (lines);
}

static void
continue_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  YkCreatePage *self = YK_CREATE_PAGE (widget);
  g_autoptr (YkUnlockedSession) created = NULL;

  if (self->created == NULL || !gtk_check_button_get_active (self->written_down_check))
    return;

  created = g_steal_pointer (&self->created);
  yk_create_page_reset (self);
  g_signal_emit (self, signals[CREATED], 0, created);
}

static void
field_changed_cb (YkCreatePage *self)
{
  update_strength (self);
  update_actions (self);
}

static void
confirm_activate_cb (YkCreatePage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "create.create", NULL);
}

static void
written_down_toggled_cb (YkCreatePage *self)
{
  update_actions (self);
}

static void
yk_create_page_dispose (GObject *object)
{
  YkCreatePage *self = YK_CREATE_PAGE (object);
  GtkWidget *child;

  g_clear_pointer (&self->recovery_key, yk_wipe_and_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), YK_TYPE_CREATE_PAGE);
  /* The template's unnamed top-level children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->created);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (yk_create_page_parent_class)->dispose (object);
}

static void
yk_create_page_finalize (GObject *object)
{
  YkCreatePage *self = YK_CREATE_PAGE (object);

  g_free (self->path);
  G_OBJECT_CLASS (yk_create_page_parent_class)->finalize (object);
}

static void
yk_create_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  YkCreatePage *self = YK_CREATE_PAGE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_create_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  YkCreatePage *self = YK_CREATE_PAGE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      yk_create_page_set_path (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_create_page_class_init (YkCreatePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yk_create_page_dispose;
  object_class->finalize = yk_create_page_finalize;
  object_class->get_property = yk_create_page_get_property;
  object_class->set_property = yk_create_page_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, YK_TYPE_UNLOCKED_SESSION);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-create-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YkCreatePage, steps);
  gtk_widget_class_bind_template_child (widget_class, YkCreatePage, form);
  gtk_widget_class_bind_template_child (widget_class, YkCreatePage, file_label);
  gtk_widget_class_bind_template_child (widget_class, YkCreatePage, account_entry);
  gtk_widget_class_bind_template_child (widget_class, YkCreatePage, display_name_entry);
  gtk_widget_class_bind_template_child (widget_class, YkCreatePage, password_entry);
  gtk_widget_class_bind_template_child (widget_class, YkCreatePage, confirm_entry);
  gtk_widget_class_bind_template_child (widget_class, YkCreatePage, strength_bar);
  gtk_widget_class_bind_template_child (widget_class, YkCreatePage, strength_label);
  gtk_widget_class_bind_template_child (widget_class, YkCreatePage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, YkCreatePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, YkCreatePage, key_label);
  gtk_widget_class_bind_template_child (widget_class, YkCreatePage, written_down_check);
  /* Named only so tests can see whether their actions are enabled. */
  gtk_widget_class_bind_template_child_full (widget_class, "create_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "print_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "continue_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, written_down_toggled_cb);

  gtk_widget_class_install_action (widget_class, "create.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "create.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "create.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "create.continue", NULL, continue_action);
}

static void
yk_create_page_init (YkCreatePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  update_strength (self);
  update_actions (self);
}

const char *
yk_create_page_get_path (YkCreatePage *self)
{
  g_return_val_if_fail (YK_IS_CREATE_PAGE (self), NULL);
  return self->path;
}

void
yk_create_page_set_path (YkCreatePage *self,
                         const char   *path)
{
  g_return_if_fail (YK_IS_CREATE_PAGE (self));

  if (g_strcmp0 (self->path, path) == 0)
    return;
  g_free (self->path);
  self->path = g_strdup (path);
  if (path != NULL)
    {
      g_autofree char *shown = g_filename_display_name (path);

      gtk_label_set_text (self->file_label, shown);
      gtk_widget_remove_css_class (GTK_WIDGET (self->file_label), "dim-label");
    }
  else
    {
      gtk_label_set_text (self->file_label, _("No file chosen"));
      gtk_widget_add_css_class (GTK_WIDGET (self->file_label), "dim-label");
    }
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

gboolean
yk_create_page_get_busy (YkCreatePage *self)
{
  g_return_val_if_fail (YK_IS_CREATE_PAGE (self), FALSE);
  return self->busy;
}

gboolean
yk_create_page_is_showing_recovery_key (YkCreatePage *self)
{
  g_return_val_if_fail (YK_IS_CREATE_PAGE (self), FALSE);
  return self->recovery_key != NULL;
}

/* An empty form again. A database created but not yet confirmed stays
 * on screen: its recovery key would otherwise be lost. */
void
yk_create_page_reset (YkCreatePage *self)
{
  g_return_if_fail (YK_IS_CREATE_PAGE (self));

  if (self->created != NULL || self->busy)
    return;
  forget_recovery_key (self);
  gtk_check_button_set_active (self->written_down_check, FALSE);
  yk_create_page_set_path (self, NULL);
  gtk_editable_set_text (self->account_entry, "");
  gtk_editable_set_text (self->display_name_entry, "");
  gtk_editable_set_text (self->password_entry, "");
  gtk_editable_set_text (self->confirm_entry, "");
  show_error (self, NULL);
  gtk_stack_set_visible_child_name (self->steps, "form");
  update_actions (self);
}
