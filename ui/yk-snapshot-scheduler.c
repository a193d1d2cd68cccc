/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-snapshot-scheduler.h"
#include "yk-snapshot.h"

#include <glib/gi18n.h>

struct _YkSnapshotScheduler
{
  GObject parent_instance;

  GSettings *settings;
  YkUnlockedSession *session;
  guint timer;
  gboolean changed;  /* records changed since the last snapshot */
  gboolean running;  /* a timed snapshot is out in a worker */
  char *last_error;
};

G_DEFINE_FINAL_TYPE (YkSnapshotScheduler, yk_snapshot_scheduler, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_LAST_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_last_error (YkSnapshotScheduler *self,
                const char          *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;
  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

static char *
folder (YkSnapshotScheduler *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "snapshot-folder");

  return path[0] != '\0' ? g_steal_pointer (&path) : NULL;
}

static gboolean
wanted (YkSnapshotScheduler *self)
{
  return self->session != NULL && yk_unlocked_session_is_unlocked (self->session) &&
         !yk_unlocked_session_is_read_only (self->session);
}

static gboolean
snapshot_job (YkSession *session,
              gpointer   data,
              GError   **error)
{
  return yk_session_snapshot (session, data, NULL, error);
}

static void
snapshot_job_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (YkSnapshotScheduler) self = user_data;
  g_autoptr (GError) error = NULL;

  self->running = FALSE;
  if (!yk_unlocked_session_run_exclusive_finish (YK_UNLOCKED_SESSION (source), result, &error))
    {
      self->changed = TRUE; /* try again at the next tick */
      set_last_error (self, error->message);
      return;
    }
  set_last_error (self, NULL);
}

/* Every 10 minutes: a snapshot if records changed since the last one.
 * It runs in a worker with the session lent to it, like a backup. */
static gboolean
tick_cb (gpointer user_data)
{
  YkSnapshotScheduler *self = user_data;
  char *directory;

  if (!self->changed || self->running || !wanted (self) || yk_unlocked_session_get_busy (self->session))
    return G_SOURCE_CONTINUE;
  directory = folder (self);
  if (directory == NULL)
    return G_SOURCE_CONTINUE;
  self->changed = FALSE;
  self->running = TRUE;
  yk_unlocked_session_run_exclusive (self->session, snapshot_job, directory, g_free,
                                     snapshot_job_done_cb, g_object_ref (self));
  return G_SOURCE_CONTINUE;
}

static void
records_changed_cb (YkSnapshotScheduler *self)
{
  self->changed = TRUE;
}

void
yk_snapshot_scheduler_set_session (YkSnapshotScheduler *self,
                                   YkUnlockedSession   *session)
{
  g_return_if_fail (YK_IS_SNAPSHOT_SCHEDULER (self));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_handle_id (&self->timer, g_source_remove);
  g_set_object (&self->session, session);
  self->changed = FALSE;
  if (session == NULL || yk_unlocked_session_is_read_only (session))
    return;
  g_signal_connect_object (session, "records-changed", G_CALLBACK (records_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "record-added", G_CALLBACK (records_changed_cb), self, G_CONNECT_SWAPPED);
  self->timer = g_timeout_add_seconds (YK_SNAPSHOT_INTERVAL_SECONDS, tick_cb, self);
}

gboolean
yk_snapshot_scheduler_take_now (YkSnapshotScheduler *self,
                                GError             **error)
{
  g_autofree char *directory = NULL;
  YkSession *session;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (YK_IS_SNAPSHOT_SCHEDULER (self), FALSE);

  directory = folder (self);
  if (directory == NULL || !wanted (self))
    return TRUE;
  /* Lent to a job (a key change, the timed snapshot): that job's own
   * end is the last word; the next lock or quit takes the snapshot. */
  session = yk_unlocked_session_get_session (self->session);
  if (session == NULL)
    return TRUE;
  if (!yk_session_snapshot (session, directory, NULL, &local_error))
    {
      set_last_error (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  self->changed = FALSE;
  set_last_error (self, NULL);
  return TRUE;
}

const char *
yk_snapshot_scheduler_get_last_error (YkSnapshotScheduler *self)
{
  g_return_val_if_fail (YK_IS_SNAPSHOT_SCHEDULER (self), NULL);
  return self->last_error;
}

static void
yk_snapshot_scheduler_dispose (GObject *object)
{
  YkSnapshotScheduler *self = YK_SNAPSHOT_SCHEDULER (object);

  yk_snapshot_scheduler_set_session (self, NULL);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (yk_snapshot_scheduler_parent_class)->dispose (object);
}

static void
yk_snapshot_scheduler_finalize (GObject *object)
{
  YkSnapshotScheduler *self = YK_SNAPSHOT_SCHEDULER (object);

  g_free (self->last_error);
  G_OBJECT_CLASS (yk_snapshot_scheduler_parent_class)->finalize (object);
}

static void
yk_snapshot_scheduler_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  YkSnapshotScheduler *self = YK_SNAPSHOT_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_snapshot_scheduler_class_init (YkSnapshotSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = yk_snapshot_scheduler_dispose;
  object_class->finalize = yk_snapshot_scheduler_finalize;
  object_class->get_property = yk_snapshot_scheduler_get_property;

  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yk_snapshot_scheduler_init (YkSnapshotScheduler *self)
{
}

YkSnapshotScheduler *
yk_snapshot_scheduler_new (GSettings *settings)
{
  YkSnapshotScheduler *self = g_object_new (YK_TYPE_SNAPSHOT_SCHEDULER, NULL);

  self->settings = g_object_ref (settings);
  return self;
}
