/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-reader-private.h"

YkReader *
_yk_reader_new (YkSession *session,
                sqlite3   *db)
{
  YkReader *reader;

  g_return_val_if_fail (session != NULL, NULL);
  g_return_val_if_fail (db != NULL, NULL);

  reader = g_new0 (YkReader, 1);
  reader->db = db;
  reader->store = yk_session_get_store (session);
  reader->role = yk_session_get_role (session);
  reader->staff_id = yk_session_get_staff_id (session);
  reader->site_id = yk_session_get_site_id (session);
  reader->read_only = yk_session_is_read_only (session);
  return reader;
}

sqlite3 *
_yk_reader_get_db (const YkReader *reader)
{
  g_return_val_if_fail (reader != NULL, NULL);
  return reader->db;
}

YkStore *
_yk_reader_get_store (const YkReader *reader)
{
  g_return_val_if_fail (reader != NULL, NULL);
  return reader->store;
}

YkReader *
yk_reader_new_for_session (YkSession *session)
{
  g_return_val_if_fail (session != NULL, NULL);
  return _yk_reader_new (session, yk_store_get_connection (yk_session_get_store (session)));
}

void
yk_reader_free (YkReader *reader)
{
  g_free (reader);
}

YkRole
yk_reader_get_role (const YkReader *reader)
{
  g_return_val_if_fail (reader != NULL, YK_ROLE_WORKER);
  return reader->role;
}

gboolean
yk_reader_is_coordinator (const YkReader *reader)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  return reader->role == YK_ROLE_COORDINATOR;
}

gint64
yk_reader_get_staff_id (const YkReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);
  return reader->staff_id;
}

gint64
yk_reader_get_site_id (const YkReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);
  return reader->site_id;
}

gint64
yk_reader_site_scope (const YkReader *reader)
{
  g_return_val_if_fail (reader != NULL, -1);
  return reader->role == YK_ROLE_COORDINATOR ? 0 : reader->site_id;
}

gint64
yk_reader_clamp_site (const YkReader *reader,
                      gint64          chosen)
{
  g_return_val_if_fail (reader != NULL, -1);
  return reader->role == YK_ROLE_COORDINATOR ? chosen : reader->site_id;
}

gint64
yk_reader_clamp_worker (const YkReader *reader,
                        gint64          chosen)
{
  g_return_val_if_fail (reader != NULL, -1);
  return reader->role == YK_ROLE_COORDINATOR ? chosen : reader->staff_id;
}

gboolean
yk_reader_is_read_only (const YkReader *reader)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  return reader->read_only;
}
