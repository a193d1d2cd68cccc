/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Sites and staff: the queries behind accounts and roles. */
typedef struct
{
  gint64 id;
  char *display_name;
  gint64 site_id;      /* 0 for a coordinator without a site */
  char *site_code;     /* NULL when site_id is 0 */
  char *role;          /* "worker" or "coordinator" */
  char *account;       /* NULL for staff without a login */
  gboolean active;
} YkStaffRow;

void yk_staff_row_free (YkStaffRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkStaffRow, yk_staff_row_free)

gboolean yk_db_site_insert (sqlite3    *db,
                            const char *code,
                            const char *name,
                            const char *street,
                            const char *host_facility,
                            gint64     *id,
                            GError    **error);
gint64 yk_db_site_find (sqlite3    *db,
                        const char *code_or_name,
                        GError    **error);

gboolean yk_db_site_set_details (sqlite3    *db,
                                 gint64      id,
                                 const char *opening_date,
                                 int         equipment_count,
                                 GError    **error);

gboolean yk_db_staff_insert (sqlite3    *db,
                             const char *display_name,
                             gint64      site_id,
                             const char *role,
                             const char *account,
                             gint64     *id,
                             GError    **error);
YkStaffRow *yk_db_staff_find_account (sqlite3    *db,
                                      const char *account,
                                      GError    **error);
gboolean yk_db_staff_release_account (sqlite3    *db,
                                      const char *account,
                                      GError    **error);
/* `site_id` 0: none (a coordinator may have none). */
gboolean yk_db_staff_set_role (sqlite3    *db,
                               gint64      staff_id,
                               const char *role,
                               gint64      site_id,
                               GError    **error);
GPtrArray *yk_db_staff_list_accounts (sqlite3 *db,
                                      GError **error);

gboolean yk_db_begin (sqlite3 *db,
                      GError **error);
gboolean yk_db_commit (sqlite3 *db,
                       GError **error);
void yk_db_rollback (sqlite3 *db);
void yk_db_forget (sqlite3 *db);

G_END_DECLS
