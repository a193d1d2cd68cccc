/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-unlocked-session.h"

struct _YkUnlockedSession
{
  GObject parent_instance;

  YkSession *session; /* owned; NULL once closed */
  char *path;
  char *account;
  gboolean coordinator;
};

G_DEFINE_FINAL_TYPE (YkUnlockedSession, yk_unlocked_session, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PATH,
  PROP_ACCOUNT,
  PROP_COORDINATOR,
  PROP_UNLOCKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  RECORDS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
yk_unlocked_session_finalize (GObject *object)
{
  YkUnlockedSession *self = YK_UNLOCKED_SESSION (object);

  g_clear_pointer (&self->session, yk_session_close);
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
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yk_unlocked_session_init (YkUnlockedSession *self)
{
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

/* Wipes the keys now; idempotent. */
void
yk_unlocked_session_close (YkUnlockedSession *self)
{
  g_return_if_fail (YK_IS_UNLOCKED_SESSION (self));

  if (self->session == NULL)
    return;
  g_clear_pointer (&self->session, yk_session_close);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNLOCKED]);
}

void
yk_unlocked_session_records_changed (YkUnlockedSession *self,
                                     gint64             client_id)
{
  g_return_if_fail (YK_IS_UNLOCKED_SESSION (self));
  g_signal_emit (self, signals[RECORDS_CHANGED], 0, client_id);
}
