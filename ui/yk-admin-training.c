/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-admin-training.h"
#include "yk-form-drafts.h"
#include "yk-training.h"
#include "yk-training-dialog.h"
#include "yk-training-item.h"
#include "yk-unlocked-session.h"
#include "yk-void-dialog.h"

#include <glib/gi18n.h>

struct _YkAdminTraining
{
  GtkWidget parent_instance;

  YkUnlockedSession *session;
  GListStore *sessions;   /* YkTrainingItem, newest first */
  YkFormDrafts *drafts;   /* the void dialog's, for this section only */
  GtkWindow *dialog;      /* weak: the open record or void dialog */

  GtkSingleSelection *selection;
  GtkWidget *empty_label;
  GtkWidget *error_label;
};

G_DEFINE_FINAL_TYPE (YkAdminTraining, yk_admin_training, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_actions (YkAdminTraining *self)
{
  gboolean writable = self->session != NULL && !yk_unlocked_session_is_read_only (self->session);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.record", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.void",
                                 writable && gtk_single_selection_get_selected_item (self->selection) != NULL);
}

void
yk_admin_training_load (YkAdminTraining *self)
{
  YkSession *session;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (YK_IS_ADMIN_TRAINING (self));
  g_list_store_remove_all (self->sessions);
  gtk_widget_set_visible (self->error_label, FALSE);
  session = self->session != NULL ? yk_unlocked_session_get_session (self->session) : NULL;
  if (session != NULL)
    rows = yk_training_list (session, NULL, &error);
  if (error != NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->error_label), error->message);
      gtk_widget_set_visible (self->error_label, TRUE);
    }
  /* Newest first: the last recorded is the one looked for. */
  for (guint i = rows != NULL ? rows->len : 0; i > 0; i--)
    {
      g_autoptr (YkTrainingItem) item = yk_training_item_new (rows->pdata[i - 1]);

      g_list_store_append (self->sessions, item);
    }
  gtk_widget_set_visible (self->empty_label, g_list_model_get_n_items (G_LIST_MODEL (self->sessions)) == 0);
  update_actions (self);
}

static void
set_dialog (YkAdminTraining *self, GtkWindow *dialog)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_set_weak_pointer (&self->dialog, dialog);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (dialog, GTK_WINDOW (root));
  gtk_window_present (dialog);
}

static void
saved_cb (YkAdminTraining *self)
{
  yk_admin_training_load (self);
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  YkAdminTraining *self = YK_ADMIN_TRAINING (widget);
  YkTrainingDialog *dialog;

  if (self->session == NULL)
    return;
  dialog = yk_training_dialog_new (self->session);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (saved_cb), self, G_CONNECT_SWAPPED);
  set_dialog (self, GTK_WINDOW (dialog));
}

static void
void_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YkAdminTraining *self = YK_ADMIN_TRAINING (widget);
  YkTrainingItem *item = gtk_single_selection_get_selected_item (self->selection);
  YkVoidDialog *dialog;

  if (self->session == NULL || item == NULL)
    return;
  dialog = yk_void_dialog_new (self->session, self->drafts, "training_sessions", yk_training_item_get_id (item));
  /* The void dialog closes itself once saved: read again when it goes. */
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (saved_cb), self, G_CONNECT_SWAPPED);
  set_dialog (self, GTK_WINDOW (dialog));
}

static void
selection_changed_cb (YkAdminTraining *self)
{
  update_actions (self);
}

static void
yk_admin_training_dispose (GObject *object)
{
  YkAdminTraining *self = YK_ADMIN_TRAINING (object);
  GtkWidget *child;

  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  g_clear_weak_pointer (&self->dialog);
  gtk_widget_dispose_template (GTK_WIDGET (self), YK_TYPE_ADMIN_TRAINING);
  /* The template's unnamed top-level box too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  g_clear_object (&self->sessions);
  g_clear_object (&self->drafts);
  G_OBJECT_CLASS (yk_admin_training_parent_class)->dispose (object);
}

static void
yk_admin_training_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  YkAdminTraining *self = YK_ADMIN_TRAINING (object);

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
yk_admin_training_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  YkAdminTraining *self = YK_ADMIN_TRAINING (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      if (g_set_object (&self->session, g_value_get_object (value)))
        {
          yk_admin_training_load (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_admin_training_class_init (YkAdminTrainingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yk_admin_training_dispose;
  object_class->get_property = yk_admin_training_get_property;
  object_class->set_property = yk_admin_training_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, YK_TYPE_UNLOCKED_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-admin-training.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, YkAdminTraining, selection);
  gtk_widget_class_bind_template_child (widget_class, YkAdminTraining, empty_label);
  gtk_widget_class_bind_template_child (widget_class, YkAdminTraining, error_label);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);

  gtk_widget_class_install_action (widget_class, "training.record", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "training.void", NULL, void_action);
}

static void
yk_admin_training_init (YkAdminTraining *self)
{
  g_type_ensure (YK_TYPE_TRAINING_ITEM);
  self->sessions = g_list_store_new (YK_TYPE_TRAINING_ITEM);
  self->drafts = yk_form_drafts_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->sessions));
  update_actions (self);
}

GListModel *
yk_admin_training_get_model (YkAdminTraining *self)
{
  g_return_val_if_fail (YK_IS_ADMIN_TRAINING (self), NULL);
  return G_LIST_MODEL (self->sessions);
}

GtkWindow *
yk_admin_training_get_dialog (YkAdminTraining *self)
{
  g_return_val_if_fail (YK_IS_ADMIN_TRAINING (self), NULL);
  return self->dialog;
}
