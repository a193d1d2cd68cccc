/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define YK_DB_ERROR (yk_db_error_quark ())

typedef enum
{
  YK_DB_ERROR_FAILED,
  YK_DB_ERROR_DAMAGED,          /* a page failed authentication, or SQLite found corruption */
  YK_DB_ERROR_IO,               /* the file could not be read or written */
  YK_DB_ERROR_EXISTS,           /* refusing to overwrite a file */
  YK_DB_ERROR_BUSY,             /* another program holds the database */
  YK_DB_ERROR_REFUSED,          /* an operation the encrypted store forbids */
  YK_DB_ERROR_NO_SUCH_ACCOUNT,
  YK_DB_ERROR_LAST_ACCOUNT,     /* removing it would lock everyone out */
  YK_DB_ERROR_CONNECTIONS_OPEN, /* close the other connections first */
  YK_DB_ERROR_READ_ONLY,        /* a snapshot or a district view: records are made in the site's own file */
} YkDbError;

GQuark yk_db_error_quark (void);

void yk_db_set_sqlite_error (GError    **error,
                             sqlite3    *db,
                             int         rc,
                             const char *doing);

/* "“SPQ.ykdb” is a snapshot: it is read only. …" */
void yk_db_set_read_only_error (GError    **error,
                                const char *path);

typedef struct _YkDamage YkDamage;
void yk_db_set_damage_error (GError        **error,
                             const YkDamage *damage);

G_END_DECLS
