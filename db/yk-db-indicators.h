/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The figures of docs/design/indicators.md, in its order. */
typedef enum
{
  YK_INDICATOR_QUESTIONNAIRES,
  YK_INDICATOR_CASE_FILES_NEW,
  YK_INDICATOR_CASE_FILES_TOTAL,
  YK_INDICATOR_CASELOAD_ACTIVE,
  YK_INDICATOR_ACTIVITIES,
  YK_INDICATOR_ACTIVITY_ATTENDANCES,
  YK_INDICATOR_HOME_VISITS,
  YK_INDICATOR_PHONE_FOLLOWUPS,
  YK_INDICATOR_IMPROVED,
  YK_INDICATOR_BENEFICIARIES,
  YK_N_INDICATORS,
} YkIndicator;

/* One record a figure counts, with the weight it adds (1, or an
 * activity's head count of other residents). */
typedef struct
{
  gint64 site_id;
  const char *record_table; /* static string */
  gint64 record_id;
  gint64 weight;
} YkCountedRecord;

const char *yk_indicator_key (YkIndicator indicator);

/* Adds each site's figure to values[site_id] (the hash table maps site id
 * to a gint64 array of YK_N_INDICATORS). from and to are ISO dates,
 * both inclusive; stock figures ignore from. */
gboolean yk_db_indicator_count (sqlite3     *db,
                                YkIndicator  indicator,
                                const char  *from,
                                const char  *to,
                                int          improvement_threshold,
                                GHashTable  *values,
                                GError     **error);
/* The records behind one site's figure (site_id 0: every site). */
GArray *yk_db_indicator_records (sqlite3     *db,
                                 YkIndicator  indicator,
                                 gint64       site_id,
                                 const char  *from,
                                 const char  *to,
                                 int          improvement_threshold,
                                 GError     **error);

typedef struct
{
  gint64 id;
  char *code;
  char *name;
  char *opening_date; /* NULL if not recorded */
} YkSiteRow;

void yk_site_row_free (YkSiteRow *row);
GPtrArray *yk_db_sites_list (sqlite3 *db,
                             GError **error);

G_END_DECLS
