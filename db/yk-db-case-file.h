/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-records.h"

#include <sqlite3.h>

G_BEGIN_DECLS

/* The records of one service user's case file, for the case file screen
 * (app/yk-case-file.c). Each read takes `voided_of`: which voided rows to
 * return besides the live ones — YK_DB_VOIDED_ALL (a coordinator), or a
 * staff id (a social worker sees the voided records they wrote). The
 * caller has checked that the person is in its site scope.
 *
 * Live rows come from the per-person indexes. Voided rows have no index
 * of their own (the partial indexes leave them out), so finding them is
 * a scan of the table: in a worker thread, on a connection of its own. */
#define YK_DB_VOIDED_ALL (-1)

/* Who wrote a record and when, and whether and why it was voided. */
typedef struct
{
  gint64 created_by;
  char *created_at;  /* UTC, ISO 8601 */
  char *voided_at;   /* NULL: live */
  char *void_reason;
} YkDbVoid;

typedef struct
{
  YkContactRecord record;
  char *worker_name;
  YkDbVoid v;
} YkDbCaseContact;

/* An attendance of the person at an activity: voided when either the
 * attendance or the activity is. */
typedef struct
{
  gint64 id;                  /* the attendance */
  YkActivityRecord activity;
  YkDbVoid v;
} YkDbCaseAttendance;

typedef struct
{
  YkAssessmentRecord record;
  YkDbVoid v;
} YkDbCaseAssessment;

typedef struct
{
  YkFamilyRecord record;
  YkDbVoid v;
} YkDbCaseFamily;

typedef struct
{
  YkPlanGoalRecord record;
  char *created_on;           /* the day the goal was written down */
  YkDbVoid v;
} YkDbCasePlanGoal;

typedef struct
{
  YkReferralRecord record;
  YkDbVoid v;
} YkDbCaseReferral;

/* A site or a member of staff, for the profile's choices. */
typedef struct
{
  gint64 id;
  char *name;
  gint64 site_id;             /* staff: their site (0: none); sites: 0 */
  gboolean active;
} YkDbCaseChoice;

GPtrArray *yk_db_case_contacts (sqlite3 *db,
                                gint64   client_id,
                                gint64   voided_of,
                                GError **error);
GPtrArray *yk_db_case_attendances (sqlite3 *db,
                                   gint64   client_id,
                                   gint64   voided_of,
                                   GError **error);
GPtrArray *yk_db_case_assessments (sqlite3 *db,
                                   gint64   client_id,
                                   gint64   voided_of,
                                   GError **error);
GPtrArray *yk_db_case_family (sqlite3 *db,
                              gint64   client_id,
                              gint64   voided_of,
                              GError **error);
GPtrArray *yk_db_case_plan_goals (sqlite3 *db,
                                  gint64   client_id,
                                  gint64   voided_of,
                                  GError **error);
GPtrArray *yk_db_case_referrals (sqlite3 *db,
                                 gint64   client_id,
                                 gint64   voided_of,
                                 GError **error);
GPtrArray *yk_db_case_sites (sqlite3 *db,
                             GError **error);
GPtrArray *yk_db_case_staff (sqlite3 *db,
                             GError **error);

void yk_db_void_clear (YkDbVoid *v);
char *yk_db_case_last_condition (sqlite3 *db,
                                  gint64   client_id,
                                  GError **error);

G_END_DECLS
