/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-app-types.h"
#include "yk-db-indicators.h"
#include "yk-session.h"

G_BEGIN_DECLS

/* The pilot's figures for a period (docs/design/indicators.md), per site, in total,
 * and cumulative from the pilot's start to the period's end. The one
 * engine behind the command line, the window and every export. */
typedef struct
{
  gint64 site_id;
  char *code;
  char *name;
  gint64 values[YK_N_INDICATORS];
} YkReportSite;

/* A district report's audit head of one file (docs/design/formats.md). */
typedef struct
{
  char *file;            /* “SPQ.ykdb” */
  char *head;            /* "ID:HEX", NULL for an empty trail */
} YkReportFileHead;

typedef struct
{
  char *from;            /* ISO dates, both inclusive */
  char *to;
  char *pilot_start;     /* earliest site opening date, NULL if none is recorded */
  gboolean from_pilot_start;
  /* A month of yk_report_monthly(): only the flow figures are counted;
   * the stock ones (case_files_total, caseload_active, improved) are 0. */
  gboolean flows_only;
  int improvement_threshold;
  GPtrArray *sites;      /* YkReportSite, one per site reported */
  gint64 total[YK_N_INDICATORS];
  gint64 cumulative[YK_N_INDICATORS];
  char *audit_head;      /* "ID:HEX" when the report was made (docs/design/formats.md), NULL if none */
  /* A district view's report (yk-district.h): sentences stated under the
   * figures (settings that differ, files left out), NULL when none; the
   * files' audit heads in place of audit_head, NULL for one file. */
  char **notes;
  GPtrArray *file_heads; /* YkReportFileHead */
} YkReport;

/* "2021Q3", "2021", "2021-07", "2021-07-01..2021-09-30", "cumulative:2021Q3". */
gboolean yk_period_parse (const char *text,
                          const char *pilot_start,
                          char      **from,
                          char      **to,
                          gboolean   *cumulative,
                          GError    **error);

/* One report per calendar month of `report`'s period (the first and last
 * may be partial), without the cumulative column: the series for
 * charts, over the same sites, as far as the reader may see them. Each
 * month holds the flow figures (services, activities, beneficiaries…)
 * alone, flows_only set: no chart or sheet shows a month's stock, and
 * counting it (improvement above all) was half the series' time. */
GPtrArray *yk_report_monthly (YkReader       *reader,
                              const YkReport *report,
                              GError        **error);
/* The report the command line prints: see the .c. */
YkReport *yk_report_for_session (YkSession  *session,
                                 const char *period,
                                 const char *site_code,
                                 GError    **error);
void yk_report_free (YkReport *report);
/* What a report made on `session` states beyond its figures: for a
 * district view, its notes and each file's audit head. The report of
 * yk_report_for_session() has them; the window calls this on the
 * reports it computes on a reader. */
void yk_report_annotate (YkReport  *report,
                         YkSession *session);

const char *yk_indicator_label (YkIndicator indicator);
char *yk_date_chinese (const char *iso);
char *yk_report_summary (const YkReport *report);
char *yk_report_notes (const YkReport *report);
char *yk_report_audit_head_line (const YkReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkReport, yk_report_free)

G_END_DECLS
