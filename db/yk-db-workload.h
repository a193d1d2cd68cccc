/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The records behind the workload figures (docs/design/workload.md),
 * for the period [from, to] (ISO dates, inclusive), every site: the
 * engine (app/yk-workload.c) credits them to workers and settles who
 * may see what. A voided record, or one of a voided person, is never
 * returned. */

typedef struct
{
  gint64 id;
  char *name;          /* display name */
  char *role;          /* "worker" or "coordinator" */
  gint64 site_id;      /* 0: none (a coordinator) */
  char *site_code;     /* NULL when site_id is 0 */
  char *site_name;
  gboolean active;
} YkWorkloadStaff;

void yk_workload_staff_free (YkWorkloadStaff *row);

/* Every staff member, by site code (none last), then name. */
GPtrArray *yk_db_workload_staff (sqlite3 *db,
                                 GError **error);

/* One worker's contacts of the period (contacts.worker_id). */
typedef struct
{
  gint64 worker_id;
  gint64 home_visits;      /* reached */
  gint64 phone_followups;  /* reached */
  gint64 unreached;        /* either type */
  gint64 minutes;          /* durations of the reached ones */
} YkWorkloadContacts;

/* A GArray of YkWorkloadContacts, one per worker with a contact. */
GArray *yk_db_workload_contacts (sqlite3    *db,
                                 const char *from,
                                 const char *to,
                                 GError    **error);

/* A GArray of YkWorkloadPair: each (worker, service user) with at least one
 * reached contact in the period, once. */
typedef struct
{
  gint64 staff_id;
  gint64 other;            /* a client id here; a count in assessments */
} YkWorkloadPair;

GArray *yk_db_workload_reached_pairs (sqlite3    *db,
                                      const char *from,
                                      const char *to,
                                      GError    **error);

/* A GArray of YkWorkloadPair (staff_id = assessments.created_by, other =
 * how many SDSS assessments it recorded in the period). */
GArray *yk_db_workload_assessments (sqlite3    *db,
                                    const char *from,
                                    const char *to,
                                    GError    **error);

typedef struct
{
  gint64 id;
  gint64 site_id;
  char *facilitator;       /* as typed, NULL if not recorded */
  gint64 created_by;       /* 0: none */
  gint64 attendances;      /* live attendance rows + residents' head count */
} YkWorkloadActivity;

void yk_workload_activity_free (YkWorkloadActivity *row);

/* The period's live activities, by date then id. */
GPtrArray *yk_db_workload_activities (sqlite3    *db,
                                      const char *from,
                                      const char *to,
                                      GError    **error);

/* The drill-down (app/yk-workload-records.c): the records themselves,
 * for listing the ones behind a figure. */

/* One live contact of the period with a worker, of a live person. */
typedef struct
{
  gint64 id;
  gint64 worker_id;
  gint64 client_id;
  gboolean home_visit;     /* else a phone follow-up */
  gboolean reached;
  gint64 minutes;          /* duration_min, 0 when missing */
} YkWorkloadContact;

/* A GArray of YkWorkloadContact, by date then id. */
GArray *yk_db_workload_contact_list (sqlite3    *db,
                                     const char *from,
                                     const char *to,
                                     GError    **error);

/* A GArray of YkWorkloadPair (staff_id = assessments.created_by, other =
 * the assessment's id): the period's live SDSS assessments, by date. */
GArray *yk_db_workload_assessment_list (sqlite3    *db,
                                        const char *from,
                                        const char *to,
                                        GError    **error);

/* A GArray of YkWorkloadPair (staff_id = an attendee, other = the tenths
 * of an hour of the live training sessions of [from, to] they attended). */
GArray *yk_db_workload_training (sqlite3    *db,
                                 const char *from,
                                 const char *to,
                                 GError    **error);

G_END_DECLS
