/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-idle-monitor.h"

struct _YkIdleMonitor
{
  GObject parent_instance;

  guint timeout_seconds;
  gboolean running;
  gint64 last_input;  /* monotonic µs */
  guint source_id;
};

G_DEFINE_FINAL_TYPE (YkIdleMonitor, yk_idle_monitor, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TIMEOUT_SECONDS,
  N_PROPS
};

enum
{
  IDLE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean timeout_cb (gpointer user_data);

/* One timer for the whole timeout rather than one per input event:
 * input only moves last_input, and the timer, when it fires early,
 * sleeps again for what is left. */
static void
arm (YkIdleMonitor *self)
{
  gint64 deadline, remaining_ms;

  g_clear_handle_id (&self->source_id, g_source_remove);
  if (!self->running || self->timeout_seconds == 0)
    return;

  deadline = self->last_input + (gint64) self->timeout_seconds * G_USEC_PER_SEC;
  remaining_ms = MAX (0, (deadline - g_get_monotonic_time ()) / 1000) + 1;
  self->source_id = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) remaining_ms, timeout_cb, self, NULL);
  g_source_set_name_by_id (self->source_id, "[yukang] idle lock");
}

static void
note_input (YkIdleMonitor *self)
{
  self->last_input = g_get_monotonic_time ();
}

static gboolean
timeout_cb (gpointer user_data)
{
  YkIdleMonitor *self = user_data;
  gint64 idle = g_get_monotonic_time () - self->last_input;

  self->source_id = 0;
  if (idle < (gint64) self->timeout_seconds * G_USEC_PER_SEC)
    {
      arm (self);
      return G_SOURCE_REMOVE;
    }
  self->running = FALSE;
  g_signal_emit (self, signals[IDLE], 0);
  return G_SOURCE_REMOVE;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                gpointer               user_data)
{
  note_input (user_data);
  return GDK_EVENT_PROPAGATE;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           gpointer                  user_data)
{
  note_input (user_data);
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            gpointer         user_data)
{
  note_input (user_data);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           gpointer                  user_data)
{
  note_input (user_data);
  return GDK_EVENT_PROPAGATE;
}

/* Capture phase, so input counts before any child widget handles it. */
static void
watch (YkIdleMonitor      *self,
       GtkWidget          *widget,
       GtkEventController *controller,
       const char         *signal,
       GCallback           callback)
{
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, signal, callback, self, 0);
  gtk_widget_add_controller (widget, controller);
}

static void
yk_idle_monitor_dispose (GObject *object)
{
  YkIdleMonitor *self = YK_IDLE_MONITOR (object);

  g_clear_handle_id (&self->source_id, g_source_remove);
  G_OBJECT_CLASS (yk_idle_monitor_parent_class)->dispose (object);
}

static void
yk_idle_monitor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  YkIdleMonitor *self = YK_IDLE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT_SECONDS:
      g_value_set_uint (value, self->timeout_seconds);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_idle_monitor_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  YkIdleMonitor *self = YK_IDLE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT_SECONDS:
      yk_idle_monitor_set_timeout_seconds (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_idle_monitor_class_init (YkIdleMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = yk_idle_monitor_dispose;
  object_class->get_property = yk_idle_monitor_get_property;
  object_class->set_property = yk_idle_monitor_set_property;

  properties[PROP_TIMEOUT_SECONDS] =
    g_param_spec_uint ("timeout-seconds", NULL, NULL, 0, G_MAXUINT / G_USEC_PER_SEC, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[IDLE] = g_signal_new ("idle", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
yk_idle_monitor_init (YkIdleMonitor *self)
{
}

/* The controllers belong to `widget`; they stop calling back once the
 * monitor is finalized. */
YkIdleMonitor *
yk_idle_monitor_new (GtkWidget *widget)
{
  YkIdleMonitor *self = g_object_new (YK_TYPE_IDLE_MONITOR, NULL);

  watch (self, widget, gtk_event_controller_key_new (), "key-pressed", G_CALLBACK (key_pressed_cb));
  watch (self, widget, gtk_event_controller_motion_new (), "motion", G_CALLBACK (motion_cb));
  watch (self, widget, GTK_EVENT_CONTROLLER (gtk_gesture_click_new ()), "pressed", G_CALLBACK (pressed_cb));
  watch (self, widget, gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES),
         "scroll", G_CALLBACK (scroll_cb));
  return self;
}

void
yk_idle_monitor_start (YkIdleMonitor *self)
{
  g_return_if_fail (YK_IS_IDLE_MONITOR (self));

  self->running = TRUE;
  note_input (self);
  arm (self);
}

void
yk_idle_monitor_stop (YkIdleMonitor *self)
{
  g_return_if_fail (YK_IS_IDLE_MONITOR (self));

  self->running = FALSE;
  g_clear_handle_id (&self->source_id, g_source_remove);
}

gboolean
yk_idle_monitor_is_running (YkIdleMonitor *self)
{
  g_return_val_if_fail (YK_IS_IDLE_MONITOR (self), FALSE);
  return self->running;
}

guint
yk_idle_monitor_get_timeout_seconds (YkIdleMonitor *self)
{
  g_return_val_if_fail (YK_IS_IDLE_MONITOR (self), 0);
  return self->timeout_seconds;
}

void
yk_idle_monitor_set_timeout_seconds (YkIdleMonitor *self,
                                     guint          seconds)
{
  g_return_if_fail (YK_IS_IDLE_MONITOR (self));

  if (self->timeout_seconds == seconds)
    return;
  self->timeout_seconds = seconds;
  arm (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT_SECONDS]);
}
