/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-config.h"
#include "yk-unlocked-session.h"
#include "yk-district.h"
#include "yk-district-watch.h"
#include "yk-preferences.h"
#include "yk-reader-private.h"
#include "yk-text.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

struct _YkUnlockedSession
{
  GObject parent_instance;

  YkSession *session; /* owned; NULL once closed */
  /* YkReaders lent to worker threads (yk_unlocked_session_open_reader).
   * Closing waits for the last one to come back before the store goes:
   * `closing` holds the session until then. */
  GPtrArray *readers;
  YkSession *closing;
  /* Connections given back, kept open with their page caches warm for the
   * next read (a new connection reads and decrypts every page again:
   * 63 ms against 25 ms for the caseload at district scale). Closed
   * before a lock or an exclusive job. */
  GPtrArray *idle;
  /* An exclusive job (yk_unlocked_session_run_exclusive): the session is
   * lent to it, so get_session() reads NULL while `unlocked` stays TRUE;
   * it starts once the readers are back and gives the session back on
   * the main thread. `exclusive` is its task while pending or running. */
  YkSession *lent;
  GTask *exclusive;
  gboolean exclusive_started;
  YkDistrict *district; /* a district view: it owns `session` */
  YkDistrictWatch *watch; /* its folder; a replaced snapshot reloads it */
  char *reload_error;     /* the last reload's failure, else NULL */
  GCancellable *reload;   /* a reload reading the files in a worker thread */
  gboolean reload_again;  /* snapshots replaced while it read */
  /* Earlier openings of the district, kept until the readers lent from
   * them come back; the last one also maps ids during ::district-reloaded. */
  GPtrArray *retired;
  YkDistrict *replaced; /* while ::district-reloaded runs: the one before */
  gboolean read_only;
  char *path;
  char *account;
  char *display_name;
  gboolean coordinator;
  gboolean full_names_requested;
  gboolean full_names; /* shown: requested, coordinator, unlocked and audited */
};

G_DEFINE_FINAL_TYPE (YkUnlockedSession, yk_unlocked_session, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PATH,
  PROP_ACCOUNT,
  PROP_COORDINATOR,
  PROP_UNLOCKED,
  PROP_BUSY,
  PROP_FULL_NAMES_REQUESTED,
  PROP_FULL_NAMES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  RECORDS_CHANGED,
  RECORD_ADDED,
  DISTRICT_RELOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Brings `full-names` in line with what was asked. Starting and stopping
 * are audited while the database is open; if the audit row cannot be
 * written, names stay masked. A lock just masks them (the session, and
 * with it the audit trail, is gone). */
static void
update_full_names (YkUnlockedSession *self)
{
  gboolean full = self->full_names_requested && self->coordinator && self->session != NULL;

  /* An exclusive job has the session: settled when it gives it back. */
  if (self->lent != NULL || full == self->full_names)
    return;
  if (self->session != NULL)
    {
      g_autoptr (GError) error = NULL;

      if (!yk_preferences_audit_full_names (self->session, full, &error))
        {
          g_warning ("Could not audit showing full names: %s", error->message);
          if (full)
            return;
        }
    }
  self->full_names = full;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FULL_NAMES]);
}

/* A district view's session goes with the merged records it reads. */
static void
release_session (YkUnlockedSession *self,
                 YkSession         *session)
{
  if (session == NULL)
    return;
  if (self->district != NULL && session == yk_district_get_session (self->district))
    g_clear_pointer (&self->district, yk_district_free);
  else
    yk_session_close (session);
}

/* Frees the earlier openings no reader uses any more. */
static void
release_retired (YkUnlockedSession *self)
{
  for (guint i = self->retired->len; i > 0; i--)
    {
      YkStore *store = yk_session_get_store (yk_district_get_session (self->retired->pdata[i - 1]));
      gboolean in_use = FALSE;

      for (guint r = 0; r < self->readers->len && !in_use; r++)
        in_use = _yk_reader_get_store (self->readers->pdata[r]) == store;
      if (!in_use)
        g_ptr_array_remove_index (self->retired, i - 1);
    }
}

static void start_reload (YkUnlockedSession *self);
static void close_idle_readers (YkUnlockedSession *self,
                                YkSession         *owner);

typedef struct
{
  char *folder; /* listed again: a new site's snapshot joins */
  GStrv paths;  /* else the files chosen */
  YkIdentity *identity;
} ReloadJob;

static void
reload_job_free (ReloadJob *job)
{
  g_free (job->folder);
  g_strfreev (job->paths);
  yk_identity_free (job->identity);
  g_free (job);
}

static void
reload_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ReloadJob *job = data;
  g_auto (GStrv) listed = NULL;
  GError *error = NULL;
  YkDistrict *district = NULL;

  if (job->folder != NULL)
    listed = yk_district_list_folder (job->folder, &error);
  if (job->folder == NULL || listed != NULL)
    district = yk_district_open_with_identity ((const char *const *) (listed != NULL ? listed : job->paths),
                                               job->identity, &error);
  if (district != NULL)
    g_task_return_pointer (task, district, (GDestroyNotify) yk_district_free);
  else
    g_task_return_error (task, error);
}

/* Main thread: the new opening takes the old one's place, unless the
 * view was locked meanwhile. The old one stays (retired) until its
 * readers are back; pages find their person again through
 * yk_unlocked_session_map_client_id() while ::district-reloaded runs. */
static void
reload_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  YkUnlockedSession *self = YK_UNLOCKED_SESSION (source);
  g_autoptr (GError) error = NULL;
  YkDistrict *district = g_task_propagate_pointer (G_TASK (result), &error);

  g_clear_object (&self->reload);
  if (self->district == NULL || self->session == NULL || self->lent != NULL)
    {
      g_clear_pointer (&district, yk_district_free);
      return;
    }
  g_clear_pointer (&self->reload_error, g_free);
  if (district == NULL)
    /* TRANSLATORS: the district view keeps what it showed; then why the new snapshots did not open. */
    self->reload_error = g_strdup_printf (_("Newer snapshots could not be opened, so the view still shows the earlier ones: %1$s"),
                                         error->message);
  else
    {
      close_idle_readers (self, self->session);
      self->replaced = g_steal_pointer (&self->district);
      g_ptr_array_add (self->retired, self->replaced);
      self->district = district;
      self->session = yk_district_get_session (district);
    }
  g_signal_emit (self, signals[DISTRICT_RELOADED], 0);
  self->replaced = NULL;
  if (district != NULL)
    g_signal_emit (self, signals[RECORDS_CHANGED], 0, (gint64) 0);
  release_retired (self);
  if (self->reload_again)
    {
      self->reload_again = FALSE;
      start_reload (self);
    }
}

/* A snapshot in the folder was replaced or added: the folder is read
 * again in a worker thread with the key pair already unlocked, while the
 * view goes on showing what it had. */
static void
start_reload (YkUnlockedSession *self)
{
  g_autoptr (GTask) task = NULL;
  ReloadJob *job;

  if (self->district == NULL || self->session == NULL)
    return;
  if (self->reload != NULL)
    {
      self->reload_again = TRUE;
      return;
    }
  job = g_new0 (ReloadJob, 1);
  if (self->watch != NULL)
    job->folder = g_strdup (self->path);
  else
    {
      GPtrArray *files = yk_district_get_files (self->district);

      job->paths = g_new0 (char *, files->len + 1);
      for (guint i = 0; i < files->len; i++)
        job->paths[i] = g_strdup (((YkDistrictFile *) files->pdata[i])->path);
    }
  job->identity = yk_district_dup_identity (self->district);
  self->reload = g_cancellable_new ();
  task = g_task_new (self, self->reload, reload_done_cb, NULL);
  g_task_set_source_tag (task, start_reload);
  g_task_set_task_data (task, job, (GDestroyNotify) reload_job_free);
  g_task_run_in_thread (task, reload_thread);
}

static void
folder_changed_cb (YkUnlockedSession *self)
{
  start_reload (self);
}

static void
yk_unlocked_session_finalize (GObject *object)
{
  YkUnlockedSession *self = YK_UNLOCKED_SESSION (object);

  if (self->readers->len > 0)
    g_critical ("%u database connections were never given back", self->readers->len);
  g_assert (self->exclusive == NULL); /* the task holds a reference */
  release_session (self, g_steal_pointer (&self->lent));
  release_session (self, g_steal_pointer (&self->session));
  release_session (self, g_steal_pointer (&self->closing));
  g_clear_pointer (&self->district, yk_district_free);
  g_clear_pointer (&self->retired, g_ptr_array_unref);
  g_clear_object (&self->watch);
  g_free (self->reload_error);
  g_clear_pointer (&self->readers, g_ptr_array_unref);
  g_assert (self->idle->len == 0); /* closed with the session */
  g_clear_pointer (&self->idle, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->account, g_free);
  g_clear_pointer (&self->display_name, g_free);
  G_OBJECT_CLASS (yk_unlocked_session_parent_class)->finalize (object);
}

static void
yk_unlocked_session_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  YkUnlockedSession *self = YK_UNLOCKED_SESSION (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_ACCOUNT:
      g_value_set_string (value, self->account);
      break;
    case PROP_COORDINATOR:
      g_value_set_boolean (value, self->coordinator);
      break;
    case PROP_UNLOCKED:
      g_value_set_boolean (value, yk_unlocked_session_is_unlocked (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, yk_unlocked_session_get_busy (self));
      break;
    case PROP_FULL_NAMES_REQUESTED:
      g_value_set_boolean (value, self->full_names_requested);
      break;
    case PROP_FULL_NAMES:
      g_value_set_boolean (value, self->full_names);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_unlocked_session_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  YkUnlockedSession *self = YK_UNLOCKED_SESSION (object);

  switch (prop_id)
    {
    case PROP_FULL_NAMES_REQUESTED:
      yk_unlocked_session_set_full_names_requested (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_unlocked_session_class_init (YkUnlockedSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yk_unlocked_session_finalize;
  object_class->get_property = yk_unlocked_session_get_property;
  object_class->set_property = yk_unlocked_session_set_property;

  /**
   * YkUnlockedSession::records-changed:
   * @client_id: the service user whose records changed, or 0 when the
   *   change is not about one person (an activity, a questionnaire)
   *
   * Emitted on the main thread after a record was saved or voided, so
   * every screen showing it (Today, the caseload, a case file, the
   * figures) can refresh.
   */
  signals[RECORDS_CHANGED] =
    g_signal_new ("records-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * YkUnlockedSession::record-added:
   * @table: the new record's table ("contacts")
   * @id: its id
   *
   * Emitted by a recording dialog that saved a new record, before
   * ::records-changed: the window offers to take it back (void it).
   */
  signals[RECORD_ADDED] =
    g_signal_new ("record-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);
  /**
   * YkUnlockedSession::district-reloaded:
   *
   * A snapshot in a district view's folder was replaced or added;
   * yk_unlocked_session_get_reload_error() says what the view shows
   * about it.
   */
  signals[DISTRICT_RELOADED] =
    g_signal_new ("district-reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT] =
    g_param_spec_string ("account", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COORDINATOR] =
    g_param_spec_boolean ("coordinator", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNLOCKED] =
    g_param_spec_boolean ("unlocked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* TRUE while an exclusive job waits or runs: the window shows it
   * and takes no input but locking. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FULL_NAMES_REQUESTED] =
    g_param_spec_boolean ("full-names-requested", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FULL_NAMES] =
    g_param_spec_boolean ("full-names", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yk_unlocked_session_init (YkUnlockedSession *self)
{
  self->readers = g_ptr_array_new ();
  self->idle = g_ptr_array_new ();
  self->retired = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_district_free);
}

/* Takes ownership of `session`. */
YkUnlockedSession *
yk_unlocked_session_new (YkSession  *session,
                         const char *path)
{
  YkUnlockedSession *self;

  g_return_val_if_fail (session != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (YK_TYPE_UNLOCKED_SESSION, NULL);
  self->session = session;
  self->path = g_strdup (path);
  self->account = g_strdup (yk_session_get_account (session));
  self->display_name = g_strdup (yk_session_get_display_name (session));
  self->coordinator = yk_session_get_role (session) == YK_ROLE_COORDINATOR;
  self->read_only = yk_session_is_read_only (session);
  return self;
}

/* A district view (docs/design/district.md): read only, across sites. */
YkUnlockedSession *
yk_unlocked_session_new_district (YkDistrict *district,
                                  const char *folder)
{
  YkUnlockedSession *self;

  g_return_val_if_fail (district != NULL, NULL);
  self = yk_unlocked_session_new (yk_district_get_session (district), folder);
  self->district = district;
  self->read_only = TRUE;
  /* A list of files rather than a folder is not watched. */
  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr (GError) error = NULL;

      self->watch = yk_district_watch_new (folder, 2000, &error);
      if (self->watch == NULL)
        g_warning ("The district folder is not watched for new snapshots: %s", error->message);
      else
        g_signal_connect_object (self->watch, "changed", G_CALLBACK (folder_changed_cb), self, G_CONNECT_SWAPPED);
    }
  return self;
}

const char *
yk_unlocked_session_get_reload_error (YkUnlockedSession *self)
{
  g_return_val_if_fail (YK_IS_UNLOCKED_SESSION (self), NULL);
  return self->reload_error;
}

/* During ::district-reloaded: where service user `id` of the opening
 * just replaced is now (0 when their site went). Any other time, `id`. */
gint64
yk_unlocked_session_map_client_id (YkUnlockedSession *self,
                                   gint64             id)
{
  g_return_val_if_fail (YK_IS_UNLOCKED_SESSION (self), 0);
  if (self->district == NULL || self->replaced == NULL)
    return id;
  return yk_district_map_client_id (self->replaced, self->district, id);
}

YkDistrict *
yk_unlocked_session_get_district (YkUnlockedSession *self)
{
  g_return_val_if_fail (YK_IS_UNLOCKED_SESSION (self), NULL);
  return self->district;
}

/* Nothing can be recorded: a district view, or a snapshot opened alone. */
gboolean
yk_unlocked_session_is_read_only (YkUnlockedSession *self)
{
  g_return_val_if_fail (YK_IS_UNLOCKED_SESSION (self), TRUE);
  return self->read_only;
}

YkSession *
yk_unlocked_session_get_session (YkUnlockedSession *self)
{
  g_return_val_if_fail (YK_IS_UNLOCKED_SESSION (self), NULL);
  return self->session;
}

const char *
yk_unlocked_session_get_path (YkUnlockedSession *self)
{
  g_return_val_if_fail (YK_IS_UNLOCKED_SESSION (self), NULL);
  return self->path;
}

const char *
yk_unlocked_session_get_account (YkUnlockedSession *self)
{
  g_return_val_if_fail (YK_IS_UNLOCKED_SESSION (self), NULL);
  return self->account;
}

/* The staff list's name for the person (王协调), for the header. */
const char *
yk_unlocked_session_get_display_name (YkUnlockedSession *self)
{
  g_return_val_if_fail (YK_IS_UNLOCKED_SESSION (self), NULL);
  return self->display_name;
}

gboolean
yk_unlocked_session_is_coordinator (YkUnlockedSession *self)
{
  g_return_val_if_fail (YK_IS_UNLOCKED_SESSION (self), FALSE);
  return self->coordinator;
}

gboolean
yk_unlocked_session_is_unlocked (YkUnlockedSession *self)
{
  g_return_val_if_fail (YK_IS_UNLOCKED_SESSION (self), FALSE);
  return self->session != NULL || self->lent != NULL;
}

/* A few idle readers are enough: the pages read one or two at a time. */
#define MAX_IDLE_READERS 3

static void
close_idle_readers (YkUnlockedSession *self,
                    YkSession         *owner)
{
  for (guint i = 0; i < self->idle->len; i++)
    yk_store_close_connection (yk_session_get_store (owner), self->idle->pdata[i]);
  g_ptr_array_set_size (self->idle, 0);
}

/* The session goes once nothing uses it: no reader, no exclusive job. */
static void
finish_closing (YkUnlockedSession *self)
{
  if (self->closing != NULL && self->readers->len == 0 && self->exclusive == NULL)
    release_session (self, g_steal_pointer (&self->closing));
}

/* Wipes the keys now, or as soon as the worker threads' queries, which
 * are interrupted here, have given their connections back (a few
 * milliseconds). Either way the session reads as locked from here on.
 * Idempotent. */
void
yk_unlocked_session_close (YkUnlockedSession *self)
{
  g_return_if_fail (YK_IS_UNLOCKED_SESSION (self));

  if (self->session == NULL && self->lent == NULL)
    return;
  g_clear_object (&self->watch);
  for (guint i = 0; i < self->readers->len; i++)
    yk_store_interrupt_connection (_yk_reader_get_db (self->readers->pdata[i]));
  if (self->session != NULL)
    close_idle_readers (self, self->session);
  self->closing = self->session != NULL ? g_steal_pointer (&self->session) : g_steal_pointer (&self->lent);
  finish_closing (self);
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNLOCKED]);
  update_full_names (self);
  g_object_thaw_notify (G_OBJECT (self));
}

typedef struct
{
  YkExclusiveFunc func;
  gpointer data;
  GDestroyNotify data_free;
  YkSession *session;
} ExclusiveJob;

static void
exclusive_job_free (gpointer data)
{
  ExclusiveJob *job = data;

  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

static void
exclusive_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ExclusiveJob *job = data;
  GError *error = NULL;

  if (job->func (job->session, job->data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Main thread, when the job is over: the session comes back, or goes if
 * it was locked meanwhile. Then the caller's callback. */
static void
exclusive_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  YkUnlockedSession *self = YK_UNLOCKED_SESSION (source);
  g_autoptr (GTask) outer = user_data;
  GError *error = NULL;

  g_clear_object (&self->exclusive);
  self->exclusive_started = FALSE;
  if (self->lent != NULL)
    self->session = g_steal_pointer (&self->lent);
  finish_closing (self);
  update_full_names (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_boolean (outer, TRUE);
  else
    g_task_return_error (outer, error);
}

static void
start_exclusive (YkUnlockedSession *self)
{
  g_autoptr (GTask) inner = NULL;
  ExclusiveJob *job;

  if (self->exclusive == NULL || self->exclusive_started || self->readers->len > 0)
    return;
  job = g_task_get_task_data (self->exclusive);
  if (self->lent == NULL)
    {
      /* Locked while waiting for the readers: it never runs. */
      g_autoptr (GTask) outer = g_steal_pointer (&self->exclusive);

      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_CLOSED, _("The database is locked"));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
      return;
    }
  self->exclusive_started = TRUE;
  job->session = self->lent;
  inner = g_task_new (self, NULL, exclusive_done_cb, g_object_ref (self->exclusive));
  g_task_set_task_data (inner, job, NULL);
  g_task_run_in_thread (inner, exclusive_thread);
}

/* Main thread. `func` runs in a worker thread with the session to
 * itself, on its main connection: something slow that writes, such as
 * Argon2id for a new key slot or copying the file under a new key.
 * Until it is over, get_session() reads NULL (the pages leave the
 * database alone), new readers are refused and lent ones waited for; a
 * lock meanwhile waits for the job, then wipes the keys. One job at a
 * time: another fails with G_IO_ERROR_BUSY. */
void
yk_unlocked_session_run_exclusive (YkUnlockedSession  *self,
                                   YkExclusiveFunc     func,
                                   gpointer            data,
                                   GDestroyNotify      data_free,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  ExclusiveJob *job;

  g_return_if_fail (YK_IS_UNLOCKED_SESSION (self));
  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, yk_unlocked_session_run_exclusive);
  job = g_new0 (ExclusiveJob, 1);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  g_task_set_task_data (task, job, exclusive_job_free);
  if (self->exclusive != NULL || self->session == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, self->session == NULL ? G_IO_ERROR_CLOSED : G_IO_ERROR_BUSY,
                               "%s", self->session == NULL ? _("The database is locked")
                                                           : _("The database is busy changing its keys; try again in a moment"));
      return;
    }
  close_idle_readers (self, self->session);
  self->lent = g_steal_pointer (&self->session);
  self->exclusive = g_steal_pointer (&task);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  start_exclusive (self);
}

gboolean
yk_unlocked_session_get_busy (YkUnlockedSession *self)
{
  g_return_val_if_fail (YK_IS_UNLOCKED_SESSION (self), FALSE);
  return self->exclusive != NULL;
}

gboolean
yk_unlocked_session_run_exclusive_finish (YkUnlockedSession *self,
                                          GAsyncResult      *result,
                                          GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Main thread. A connection of its own for a read in a worker thread,
 * with the scope of this session's person; NULL (with error) once
 * locked. Give it back with yk_unlocked_session_close_reader(), on the
 * main thread, also after a lock. */
YkReader *
yk_unlocked_session_open_reader (YkUnlockedSession *self,
                                 GError           **error)
{
  YkReader *reader;
  sqlite3 *db;

  g_return_val_if_fail (YK_IS_UNLOCKED_SESSION (self), NULL);
  if (self->lent != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _("The database is busy changing its keys; try again in a moment"));
      return NULL;
    }
  if (self->session == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED, _("The database is locked"));
      return NULL;
    }
  if (self->idle->len > 0)
    db = g_ptr_array_steal_index_fast (self->idle, self->idle->len - 1);
  else
    db = yk_store_open_connection (yk_session_get_store (self->session), error);
  if (db == NULL)
    return NULL;
  reader = _yk_reader_new (self->session, db);
  g_ptr_array_add (self->readers, reader);
  return reader;
}

void
yk_unlocked_session_close_reader (YkUnlockedSession *self,
                                  YkReader          *reader)
{
  YkStore *store;
  sqlite3 *db;

  g_return_if_fail (YK_IS_UNLOCKED_SESSION (self));
  if (reader == NULL)
    return;
  if (!g_ptr_array_remove_fast (self->readers, reader))
    {
      g_critical ("A database connection was given back twice or to the wrong session");
      return;
    }
  db = _yk_reader_get_db (reader);
  store = _yk_reader_get_store (reader);
  yk_reader_free (reader);
  /* Whatever the worker asked SQLite to check goes with it. */
  yk_store_interrupt_when (db, NULL, NULL);
  if (self->session != NULL && store == yk_session_get_store (self->session) && self->idle->len < MAX_IDLE_READERS)
    {
      g_ptr_array_add (self->idle, db);
      return;
    }
  /* Its own store: a district view read again since has another. */
  yk_store_close_connection (store, db);
  release_retired (self);
  if (self->readers->len == 0)
    start_exclusive (self);
  finish_closing (self);
}

void
yk_unlocked_session_records_changed (YkUnlockedSession *self,
                                     gint64             client_id)
{
  g_return_if_fail (YK_IS_UNLOCKED_SESSION (self));
  g_signal_emit (self, signals[RECORDS_CHANGED], 0, client_id);
}

void
yk_unlocked_session_set_full_names_requested (YkUnlockedSession *self,
                                              gboolean           requested)
{
  g_return_if_fail (YK_IS_UNLOCKED_SESSION (self));

  requested = !!requested;
  if (requested == self->full_names_requested)
    return;
  self->full_names_requested = requested;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FULL_NAMES_REQUESTED]);
  update_full_names (self);
}

gboolean
yk_unlocked_session_get_full_names (YkUnlockedSession *self)
{
  g_return_val_if_fail (YK_IS_UNLOCKED_SESSION (self), FALSE);
  return self->full_names;
}

char *
yk_unlocked_session_list_name (YkUnlockedSession *self,
                               const char        *name)
{
  g_return_val_if_fail (self == NULL || YK_IS_UNLOCKED_SESSION (self), NULL);

  if (self != NULL && self->full_names && name != NULL && g_utf8_validate (name, -1, NULL))
    return g_strdup (name);
  return yk_text_mask_name (name);
}

char *
yk_unlocked_session_own_name (YkUnlockedSession *self,
                              const char        *name,
                              gint64             worker_id)
{
  YkSession *session;

  g_return_val_if_fail (self == NULL || YK_IS_UNLOCKED_SESSION (self), NULL);

  session = self != NULL ? yk_unlocked_session_get_session (self) : NULL;
  if (session != NULL && worker_id != 0 && worker_id == yk_session_get_staff_id (session) && name != NULL &&
      g_utf8_validate (name, -1, NULL))
    return g_strdup (name);
  return yk_unlocked_session_list_name (self, name);
}

void
yk_unlocked_session_record_added (YkUnlockedSession *self,
                                  const char        *table,
                                  gint64             id)
{
  g_return_if_fail (YK_IS_UNLOCKED_SESSION (self));
  g_signal_emit (self, signals[RECORD_ADDED], 0, table, id);
}
