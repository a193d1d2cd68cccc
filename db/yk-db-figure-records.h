/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* What the statistics page shows of one record a figure counts
 * (yk_db_indicator_records): enough to recognise it, never the whole
 * record. Strings are NULL when the record has no such thing. */
typedef struct
{
  char *date;        /* the record's own date; a person's intake date */
  char *subtype;     /* contacts.type, activities.category, questionnaires.kind, family relation */
  char *title;       /* an activity's title (an attendance's activity), a questionnaire's respondent */
  gint64 client_id;  /* the service user concerned, 0 if none */
  char *case_no;
  char *client_name;
  char *family_name; /* the family member concerned, if any */
  gint64 count;      /* an activity's head count of other residents */
} YkDbFigureDetail;

void yk_db_figure_detail_clear (YkDbFigureDetail *detail);

/* `table` is one of clients, family_members, contacts, activities,
 * attendances, questionnaires, assessments. FALSE with YK_DB_ERROR_FAILED
 * if there is no such row. */
gboolean yk_db_figure_detail (sqlite3          *db,
                              const char       *table,
                              gint64            id,
                              YkDbFigureDetail *detail,
                              GError          **error);

/* A person's first SDSS assessment and their last on or before `to`, as
 * the improvement figure ranks them (date, then the later recorded), with
 * totals leaving out items marked 9. FALSE without an error when the
 * person has no assessment. */
typedef struct
{
  char *baseline_date;
  int baseline_total;
  char *latest_date;
  int latest_total;
  int count;         /* assessments on or before `to` */
} YkDbSdssPair;

void yk_db_sdss_pair_clear (YkDbSdssPair *pair);
gboolean yk_db_figure_sdss_pair (sqlite3      *db,
                                 gint64        client_id,
                                 const char   *to,
                                 YkDbSdssPair *pair,
                                 GError      **error);

/* The newest date of any live record (contact, activity, questionnaire,
 * assessment, intake), or NULL in an empty database. */
char *yk_db_figure_latest_date (sqlite3 *db,
                                    GError **error);
/* The oldest such date, or NULL in an empty database. */
char *yk_db_figure_earliest_date (sqlite3 *db,
                                  GError **error);

G_END_DECLS
