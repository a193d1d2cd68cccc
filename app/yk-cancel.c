/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-cancel.h"
#include "yk-store.h"

static int
cancelled_cb (void *data)
{
  return g_cancellable_is_cancelled (data);
}

void
yk_cancel_watch (sqlite3      *db,
                 GCancellable *cancellable)
{
  if (cancellable != NULL)
    yk_store_interrupt_when (db, cancelled_cb, cancellable);
}

gboolean
yk_cancel_unwatch (sqlite3      *db,
                   GCancellable *cancellable,
                   gboolean      ok,
                   GError      **error)
{
  if (cancellable == NULL)
    return ok;
  yk_store_interrupt_when (db, NULL, NULL);
  if (g_cancellable_is_cancelled (cancellable))
    {
      if (!ok && error != NULL)
        g_clear_error (error);
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return FALSE;
    }
  return ok;
}
