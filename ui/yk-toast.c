/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-toast-private.h"

struct _YkToast
{
  GtkWidget parent_instance;

  GtkRevealer *revealer;
  GtkLabel *label;
  GtkWidget *undo_button;

  guint timeout_id;
};

G_DEFINE_FINAL_TYPE (YkToast, yk_toast, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SHOWN,
  N_PROPS
};

enum
{
  UNDO,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_shown (YkToast  *self,
           gboolean  shown)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (gtk_revealer_get_reveal_child (self->revealer) == shown)
    return;
  gtk_revealer_set_reveal_child (self->revealer, shown);
  /* Hidden, it is not a target: clicks reach the page under it. */
  gtk_widget_set_can_target (GTK_WIDGET (self), shown);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWN]);
}

static gboolean
timeout_cb (gpointer data)
{
  YkToast *self = data;

  self->timeout_id = 0;
  set_shown (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YkToast *self = YK_TOAST (widget);

  if (!yk_toast_get_shown (self) || !gtk_widget_get_visible (self->undo_button))
    return;
  set_shown (self, FALSE);
  g_signal_emit (self, signals[UNDO], 0);
}

static void
yk_toast_dispose (GObject *object)
{
  YkToast *self = YK_TOAST (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), YK_TYPE_TOAST);
  G_OBJECT_CLASS (yk_toast_parent_class)->dispose (object);
}

static void
yk_toast_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SHOWN:
      g_value_set_boolean (value, yk_toast_get_shown (YK_TOAST (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_toast_class_init (YkToastClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yk_toast_dispose;
  object_class->get_property = yk_toast_get_property;

  properties[PROP_SHOWN] =
    g_param_spec_boolean ("shown", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * YkToast::undo:
   *
   * Undo was clicked (or `toast.undo` activated) while shown.
   */
  signals[UNDO] = g_signal_new ("undo", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-toast.ui");
  gtk_widget_class_bind_template_child (widget_class, YkToast, revealer);
  gtk_widget_class_bind_template_child (widget_class, YkToast, label);
  gtk_widget_class_bind_template_child (widget_class, YkToast, undo_button);
  gtk_widget_class_install_action (widget_class, "toast.undo", NULL, undo_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
yk_toast_init (YkToast *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

void
yk_toast_show (YkToast    *self,
               const char *text,
               gboolean    undo)
{
  g_return_if_fail (YK_IS_TOAST (self));

  gtk_label_set_text (self->label, text);
  gtk_widget_set_visible (self->undo_button, undo);
  set_shown (self, TRUE);
  self->timeout_id = g_timeout_add_seconds (YK_TOAST_SECONDS, timeout_cb, self);
}

void
yk_toast_hide (YkToast *self)
{
  g_return_if_fail (YK_IS_TOAST (self));
  set_shown (self, FALSE);
}

gboolean
yk_toast_get_shown (YkToast *self)
{
  g_return_val_if_fail (YK_IS_TOAST (self), FALSE);
  return gtk_revealer_get_reveal_child (self->revealer);
}

gboolean
_yk_toast_expire (YkToast *self)
{
  g_return_val_if_fail (YK_IS_TOAST (self), FALSE);
  if (self->timeout_id == 0)
    return FALSE;
  g_source_remove (self->timeout_id);
  timeout_cb (self);
  return TRUE;
}
