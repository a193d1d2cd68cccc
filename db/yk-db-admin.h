/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The Administration screen's writes to the settings table. Only an
 * existing key is changed; FALSE with error if there is none. */
gboolean yk_db_setting_set (sqlite3    *db,
                            const char *key,
                            const char *value,
                            GError    **error);

/* A site with everything the Settings section edits. */
typedef struct
{
  gint64 id;
  char *code;
  char *name;
  char *host_facility; /* NULL if not recorded */
  char *opening_date;  /* NULL if not recorded */
  int equipment_count;
} YkSiteDetails;

void yk_site_details_free (YkSiteDetails *site);
GPtrArray *yk_db_site_details_list (sqlite3 *db,
                                    GError **error);
/* The name and host facility (yk_db_site_set_details sets the rest). */
gboolean yk_db_site_set_names (sqlite3    *db,
                               gint64      id,
                               const char *name,
                               const char *host_facility,
                               GError    **error);

/* One entry of the audit trail, for reading. */
typedef struct
{
  gint64 id;
  char *at;           /* UTC, ISO 8601 */
  char *account;
  char *action;
  char *record_table; /* NULL if the entry is about no record */
  gint64 record_id;
  char *detail;
} YkAuditRow;

void yk_audit_row_free (YkAuditRow *row);

/* Entries newest first, at most `limit`. Each filter is optional (NULL,
 * or 0 for record_id); `from` and `to` are dates (YYYY-MM-DD), both
 * days included. */
GPtrArray *yk_db_audit_list (sqlite3    *db,
                             const char *account,
                             const char *record_table,
                             gint64      record_id,
                             const char *from,
                             const char *to,
                             guint       limit,
                             GError    **error);

G_END_DECLS
