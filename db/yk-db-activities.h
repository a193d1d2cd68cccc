/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-records.h"

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* What the Activities and Questionnaires screens read. */

typedef struct
{
  gint64 id;
  gint64 site_id;
  char *date;
  char *title;
  char *category;    /* NULL if not recorded */
  char *facilitator; /* NULL if not recorded */
  int resident_count;
  int attendance_count; /* live attendances */
} YkActivityRow;

void yk_activity_row_free (YkActivityRow *row);

/* The live activities of a site (0: every site) in `month` (YYYY-MM),
 * by date then id. */
GPtrArray *yk_db_activities_list (sqlite3      *db,
                                  gint64        site_id,
                                  const char   *month,
                                  GError      **error);
/* One live activity, NULL (no error) if there is none in `site_scope`. */
YkActivityRow *yk_db_activity_get (sqlite3 *db,
                                   gint64   id,
                                   gint64   site_scope,
                                   GError **error);
/* Writes a live activity's date, title, category, facilitator and head
 * count of other residents over record->id's; its site is never changed.
 * The running totals follow by trigger (yk-schema-v2.sql). */
gboolean yk_db_activity_update (sqlite3                *db,
                                const YkActivityRecord *record,
                                GError                **error);
/* The months (YYYY-MM) with live activities at the site (0: every site),
 * latest first, as a NULL-terminated vector. */
char **yk_db_activity_months (sqlite3 *db,
                              gint64   site_id,
                              GError **error);

/* A person who may attend: a service user (family_id 0) or a family
 * member (client_id is whose family they are). */
typedef struct
{
  gint64 client_id;
  gint64 family_id;
  char *name;
  char *case_no;      /* the service user's */
  char *client_name;  /* for a family member: their service user's name */
  gint64 attendance_id; /* in yk_db_activity_attendees: the attendance */
} YkActivityPerson;

void yk_activity_person_free (YkActivityPerson *person);

/* The live service users (在册, not voided) of a site and their live
 * family members, each family member after their service user. */
GPtrArray *yk_db_activity_people (sqlite3 *db,
                                  gint64   site_id,
                                  GError **error);
/* Who attended a live activity (live attendances), with attendance_id:
 * only the people of `site_scope` (a site id; 0 for every site), a family
 * member by their service user's site. An activity's attendees need not
 * all be of its site: a coordinator may record anyone, people move. */
GPtrArray *yk_db_activity_attendees (sqlite3 *db,
                                     gint64   activity_id,
                                     gint64   site_scope,
                                     GError **error);

typedef struct
{
  gint64 id;
  char *kind;
  char *respondent;
  gint64 client_id;
  gint64 family_id;
  char *name; /* the linked person's, NULL if none */
} YkQuestionnaireRow;

void yk_questionnaire_row_free (YkQuestionnaireRow *row);

/* The live questionnaires of a site on one day, in the order entered.
 * The person one links (ids and name) only when of `site_scope` (0: every
 * site); otherwise it reads as a questionnaire linking no one. */
GPtrArray *yk_db_questionnaires_of_day (sqlite3    *db,
                                        gint64      site_id,
                                        gint64      site_scope,
                                        const char *date,
                                        GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkActivityRow, yk_activity_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkActivityPerson, yk_activity_person_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkQuestionnaireRow, yk_questionnaire_row_free)

G_END_DECLS
