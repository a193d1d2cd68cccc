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
 * or 0 for record_id); `from_at` and `to_at` are UTC instants in the
 * stored form (2021-12-03T16:00:00Z), `from_at` included and `to_at`
 * not: a day is a local calendar day, which only the caller knows. */
GPtrArray *yk_db_audit_list (sqlite3    *db,
                             const char *account,
                             const char *record_table,
                             gint64      record_id,
                             const char *from_at,
                             const char *to_at,
                             guint       limit,
                             GError    **error);

/* What the audit viewer may say about a record: identifiers and dates,
 * never a name or a note. */
typedef struct
{
  gint64 id;
  gint64 site_id; /* 0: the record belongs to no one site */
  char *person;   /* case number of the service user (or family number
                   * of the family member) the record is about */
  char *code;     /* its own number: activity, family member, site code,
                   * account */
  char *kind;     /* contacts: home_visit or phone */
  char *date;     /* its own date */
} YkAuditSubject;

void yk_audit_subject_free (YkAuditSubject *subject);

/* The subjects of `ids` (gint64) in `table`, in one query however many
 * ids there are, keyed by a gint64 * of the id. An id that does not
 * resolve is absent; so is every id of a table without subjects. */
GHashTable *yk_db_audit_subjects (sqlite3    *db,
                                  const char *table,
                                  GArray     *ids,
                                  GError    **error);

G_END_DECLS
