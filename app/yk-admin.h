/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-app-types.h"
#include "yk-session.h"
#include "yk-verify.h"
#include "yk-db-admin.h"

G_BEGIN_DECLS

/* A backup, coordinator only and audited: the Administration screen's
 * and `yukang backup`'s. (Changing the key is yk_session_rotate_key(),
 * beside the audit key it replaces.) */
gboolean yk_admin_backup (YkSession  *session,
                          const char *destination,
                          GError    **error);
/* The same, giving the audit head the copy holds (yk_session_audit_head),
 * for the person to note down outside the file. */
gboolean yk_admin_backup_with_head (YkSession  *session,
                                    const char *destination,
                                    char      **head,
                                    GError    **error);

/* yk_verify() split for the window: the file's header and pages on the
 * main connection (yk_verify_store), then SQLite's checks, the running
 * totals and the audit chain on `reader`, which a worker thread may use.
 * `report` must come from yk_admin_verify_store. Coordinator only. */
gboolean yk_admin_verify_store (YkSession      *session,
                                YkVerifyReport *report,
                                GError        **error);
gboolean yk_admin_verify_reader (YkReader       *reader,
                                 YkVerifyReport *report,
                                 GError        **error);

/* Settings (the keys of the settings table): the follow-up intervals
 * "followup_stable", "followup_basically_stable", "followup_unstable",
 * as "N days" or "N months" (1 to 1000; "N 天" and "N 个月" are read too
 * and stored as the former), and "improvement_threshold", a positive
 * whole number. Set: coordinator only, validated, audited. */
#define YK_ADMIN_SETTING_IMPROVEMENT_THRESHOLD "improvement_threshold"

char *yk_admin_setting_get (YkSession  *session,
                            const char *key,
                            GError    **error);
/* The value as it would be stored, or NULL with YK_APP_ERROR_INVALID. */
char *yk_admin_setting_normalize (const char *key,
                                  const char *value,
                                  GError    **error);
gboolean yk_admin_setting_set (YkSession  *session,
                               const char *key,
                               const char *value,
                               GError    **error);

/* Sites (YkSiteDetails), and a change to one: the name is required,
 * the opening date is YYYY-MM-DD or empty, the equipment count a whole
 * number, 0 or more (as typed: "3"). Coordinator only, audited; FALSE
 * with YK_APP_ERROR_INVALID and `field` ("name", "opening_date",
 * "equipment_count") set to the one at fault. */
GPtrArray *yk_admin_sites_list (YkSession *session,
                                GError   **error);
gboolean yk_admin_site_update (YkSession   *session,
                               gint64       site_id,
                               const char  *name,
                               const char  *host_facility,
                               const char  *opening_date,
                               const char  *equipment_count,
                               const char **field,
                               GError     **error);

/* The audit trail as the viewer shows it: the entries matching a filter
 * (see yk_db_audit_list), newest first, each record in words
 * (yk_admin_audit_describe, all sites: only a coordinator reads the
 * trail), and the whole chain verified. `from` and `to` are local
 * calendar days, both included. On a YkReader, so a worker thread may
 * run it; a coordinator's only. */
typedef struct
{
  char *account;
  char *record_table;
  gint64 record_id;
  char *from;
  char *to;
  guint limit;
} YkAdminAuditFilter;

typedef struct
{
  GPtrArray *rows;    /* YkAuditRow */
  GPtrArray *records; /* char *, rows[i]'s record in words, "" for none */
  YkAuditCheck check;
} YkAdminAudit;

void yk_admin_audit_filter_free (YkAdminAuditFilter *filter);
void yk_admin_audit_free (YkAdminAudit *audit);
/* Dates are checked here (YYYY-MM-DD); FALSE with YK_APP_ERROR_INVALID. */
gboolean yk_admin_audit_filter_check (const YkAdminAuditFilter *filter,
                                      GError                  **error);
YkAdminAudit *yk_admin_audit_read (YkReader                 *reader,
                                   const YkAdminAuditFilter *filter,
                                   GError                  **error);
/* The record of each of `rows` (YkAuditRow) in words, such as
 * "Service user SPQ-0007" or "Contact (Phone call 2021-12-03 ·
 * SPQ-0007)": case and record numbers and dates, never a name. A record
 * that no longer resolves, or lies outside the sites the reader may see,
 * is its table's name and id ("Contact #139"). One query per table
 * named, however many rows. */
GPtrArray *yk_admin_audit_describe (YkReader  *reader,
                                    GPtrArray *rows,
                                    GError   **error);

G_END_DECLS
