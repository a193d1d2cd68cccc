/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-district-watch.h"

struct _YkDistrictWatch
{
  GObject parent_instance;

  GFileMonitor *monitor;
  guint settle_ms;
  guint settle_timer;
};

G_DEFINE_FINAL_TYPE (YkDistrictWatch, yk_district_watch, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

gboolean
yk_district_watch_is_snapshot_name (const char *name)
{
  return name != NULL && name[0] != '.' && g_str_has_suffix (name, ".ykdb");
}

static gboolean
settled_cb (gpointer user_data)
{
  YkDistrictWatch *self = user_data;

  self->settle_timer = 0;
  g_signal_emit (self, signals[CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static gboolean
concerns_snapshot (GFile *file)
{
  g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;

  return yk_district_watch_is_snapshot_name (name);
}

/* A snapshot arrives as a rename of a finished temporary file (ours and
 * Syncthing's), or, copied by hand, as writes that end in a
 * CHANGES_DONE_HINT; every event restarts the wait. */
static void
monitor_changed_cb (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other,
                    GFileMonitorEvent  event,
                    YkDistrictWatch   *self)
{
  if (!concerns_snapshot (file) && !concerns_snapshot (other))
    return;
  g_clear_handle_id (&self->settle_timer, g_source_remove);
  self->settle_timer = g_timeout_add (self->settle_ms, settled_cb, self);
}

static void
yk_district_watch_dispose (GObject *object)
{
  YkDistrictWatch *self = YK_DISTRICT_WATCH (object);

  g_clear_handle_id (&self->settle_timer, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
    }
  g_clear_object (&self->monitor);
  G_OBJECT_CLASS (yk_district_watch_parent_class)->dispose (object);
}

static void
yk_district_watch_class_init (YkDistrictWatchClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = yk_district_watch_dispose;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
yk_district_watch_init (YkDistrictWatch *self)
{
}

YkDistrictWatch *
yk_district_watch_new (const char *folder,
                       guint       settle_ms,
                       GError    **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (folder);
  g_autoptr (YkDistrictWatch) self = g_object_new (YK_TYPE_DISTRICT_WATCH, NULL);

  self->monitor = g_file_monitor_directory (file, G_FILE_MONITOR_WATCH_MOVES, NULL, error);
  if (self->monitor == NULL)
    return NULL;
  self->settle_ms = settle_ms;
  g_signal_connect (self->monitor, "changed", G_CALLBACK (monitor_changed_cb), self);
  return g_steal_pointer (&self);
}
