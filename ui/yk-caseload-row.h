/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "yk-caseload.h"

G_BEGIN_DECLS

typedef enum
{
  YK_CASELOAD_STATUS_ACTIVE,
  YK_CASELOAD_STATUS_REFERRED,
  YK_CASELOAD_STATUS_CLOSED,
} YkCaseloadStatus;

/* In order of concern, so sorting by condition puts 不稳定 last. */
typedef enum
{
  YK_CASELOAD_CONDITION_NONE,
  YK_CASELOAD_CONDITION_STABLE,
  YK_CASELOAD_CONDITION_BASICALLY_STABLE,
  YK_CASELOAD_CONDITION_UNSTABLE,
} YkCaseloadCondition;

/* Never due (referred or closed): after every date. */
#define YK_CASELOAD_ROW_NEVER_DUE G_MAXINT

/* One service user of the caseload list, immutable: a property for each
 * column. `name` is the name as shown, which the page chose
 * (yk_unlocked_session_list_name(): masked unless a coordinator asked
 * for full names); the full name is otherwise kept only folded inside
 * the search key, for yk_caseload_row_matches(), so search finds full
 * names either way. Dates are Julian day numbers, so they sort as dates. */
#define YK_TYPE_CASELOAD_ROW (yk_caseload_row_get_type ())
G_DECLARE_FINAL_TYPE (YkCaseloadRow, yk_caseload_row, YK, CASELOAD_ROW, GObject)

YkCaseloadRow *yk_caseload_row_new (const YkCaseloadEntry *entry,
                                    const char            *name);

gint64 yk_caseload_row_get_client_id (YkCaseloadRow *self);
const char *yk_caseload_row_get_case_no (YkCaseloadRow *self);
const char *yk_caseload_row_get_name (YkCaseloadRow *self);
gint64 yk_caseload_row_get_site_id (YkCaseloadRow *self);
gint64 yk_caseload_row_get_worker_id (YkCaseloadRow *self);
const char *yk_caseload_row_get_worker_name (YkCaseloadRow *self);
int yk_caseload_row_get_risk_level (YkCaseloadRow *self);
YkCaseloadCondition yk_caseload_row_get_condition (YkCaseloadRow *self);
YkCaseloadStatus yk_caseload_row_get_status (YkCaseloadRow *self);
int yk_caseload_row_get_due (YkCaseloadRow *self);
gboolean yk_caseload_row_get_overdue (YkCaseloadRow *self);
gboolean yk_caseload_row_get_at_risk (YkCaseloadRow *self);
const char *yk_caseload_row_get_referral_source (YkCaseloadRow *self); /* the code; NULL: not recorded */

/* For YkCaseloadFilterModel, whose rows stay at their positions and
 * show whoever is there now (so GTK 4.8's list view rebinds its widgets
 * instead of making new ones): a row showing nobody (no case number, no
 * name); then showing what `other` shows (NULL: nobody), TRUE if that
 * changed it. Rows are otherwise immutable. */
YkCaseloadRow *yk_caseload_row_new_empty (void);
gboolean yk_caseload_row_show (YkCaseloadRow *self,
                               YkCaseloadRow *other);
/* Whether `self` shows `other`'s very data (not only equal data). */
gboolean yk_caseload_row_shows (YkCaseloadRow *self,
                                YkCaseloadRow *other);

/* Whether two rows show the same thing (and match the same searches). */
gboolean yk_caseload_row_equal (YkCaseloadRow *a,
                                YkCaseloadRow *b);

/* `needle` folded with yk_caseload_search_fold(); "" matches everyone.
 * Matches inside the case number, the full name or the phone number. */
gboolean yk_caseload_row_matches (YkCaseloadRow *self,
                                  const char    *needle);

G_END_DECLS
