/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "yk-reader.h"

G_BEGIN_DECLS

/* Inside app/ only (and tests that check storage): the connection
 * itself. ui/ never includes this. */
struct _YkReader
{
  sqlite3 *db;      /* not owned: lent by YkUnlockedSession, or the session's own */
  YkStore *store;   /* not owned: the session's, for checks that need its keys */
  YkRole role;
  gint64 staff_id;
  gint64 site_id;
  gboolean read_only; /* a district view's: nothing may be changed */
};

/* Main thread: captures who `session` is; `db` must outlive the reader. */
YkReader *_yk_reader_new (YkSession *session,
                          sqlite3   *db);
sqlite3 *_yk_reader_get_db (const YkReader *reader);
YkStore *_yk_reader_get_store (const YkReader *reader);

G_END_DECLS
