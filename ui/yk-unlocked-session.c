/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-unlocked-session.h"
#include "yk-preferences.h"
#include "yk-text.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

struct _YkUnlockedSession
{
  GObject parent_instance;

  YkSession *session; /* owned; NULL once closed */
  /* Connections lent to worker threads (yk_unlocked_session_open_reader).
   * Closing waits for the last one to come back before the store goes:
   * `closing` holds the session until then. */
  GPtrArray *readers;
  YkSession *closing;
  char *path;
  char *account;
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
  PROP_FULL_NAMES_REQUESTED,
  PROP_FULL_NAMES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  RECORDS_CHANGED,
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

  if (full == self->full_names)
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

static void
yk_unlocked_session_finalize (GObject *object)
{
  YkUnlockedSession *self = YK_UNLOCKED_SESSION (object);

  if (self->readers->len > 0)
    g_critical ("%u database connections were never given back", self->readers->len);
  g_clear_pointer (&self->session, yk_session_close);
  g_clear_pointer (&self->closing, yk_session_close);
  g_clear_pointer (&self->readers, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->account, g_free);
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
      g_value_set_boolean (value, self->session != NULL);
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
  self->coordinator = yk_session_get_role (session) == YK_ROLE_COORDINATOR;
  return self;
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
  return self->session != NULL;
}

/* Wipes the keys now, or as soon as the worker threads' queries, which
 * are interrupted here, have given their connections back (a few
 * milliseconds). Either way the session reads as locked from here on.
 * Idempotent. */
void
yk_unlocked_session_close (YkUnlockedSession *self)
{
  g_return_if_fail (YK_IS_UNLOCKED_SESSION (self));

  if (self->session == NULL)
    return;
  for (guint i = 0; i < self->readers->len; i++)
    yk_store_interrupt_connection (self->readers->pdata[i]);
  if (self->readers->len == 0)
    g_clear_pointer (&self->session, yk_session_close);
  else
    self->closing = g_steal_pointer (&self->session);
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNLOCKED]);
  update_full_names (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Main thread. A connection of its own for a read in a worker thread;
 * NULL (with error) once locked. Give it back with
 * yk_unlocked_session_close_reader(), on the main thread, also after a
 * lock. */
sqlite3 *
yk_unlocked_session_open_reader (YkUnlockedSession *self,
                                 GError           **error)
{
  sqlite3 *db;

  g_return_val_if_fail (YK_IS_UNLOCKED_SESSION (self), NULL);
  if (self->session == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED, _("The database is locked"));
      return NULL;
    }
  db = yk_store_open_connection (yk_session_get_store (self->session), error);
  if (db != NULL)
    g_ptr_array_add (self->readers, db);
  return db;
}

void
yk_unlocked_session_close_reader (YkUnlockedSession *self,
                                  sqlite3           *db)
{
  YkSession *owner;

  g_return_if_fail (YK_IS_UNLOCKED_SESSION (self));
  if (db == NULL)
    return;
  if (!g_ptr_array_remove_fast (self->readers, db))
    {
      g_critical ("A database connection was given back twice or to the wrong session");
      return;
    }
  owner = self->session != NULL ? self->session : self->closing;
  yk_store_close_connection (yk_session_get_store (owner), db);
  if (self->closing != NULL && self->readers->len == 0)
    g_clear_pointer (&self->closing, yk_session_close);
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
