/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-report-private.h"
#include "yk-reader-private.h"
#include "yk-app-error.h"
#include "yk-audit.h"
#include "yk-casework.h"
#include "yk-db-figure-records.h"
#include "yk-db-records.h"
#include "yk-district.h"
#include "yk-session-private.h"
#include "yk-validate.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

/* The bureau's own wording (docs/design/indicators.md): the same in every language. */
static const char *const labels[YK_N_INDICATORS] = {
  "问卷调查（份）",
  "新建个案（人）",
  "个案建档（人）",
  "在册服务对象（人）",
  "开展服务活动（次）",
  "活动参与（人次）",
  "上门服务（人次）",
  "电话随访（人次）",
  "生活状态改善（人）",
  "总受益人数（人）",
};

const char *
yk_indicator_label (YkIndicator indicator)
{
  g_return_val_if_fail (indicator < YK_N_INDICATORS, NULL);
  return labels[indicator];
}

static void
report_site_free (YkReportSite *site)
{
  g_free (site->code);
  g_free (site->name);
  g_free (site);
}

static void
file_head_free (YkReportFileHead *head)
{
  g_free (head->file);
  g_free (head->head);
  g_free (head);
}

void
yk_report_free (YkReport *report)
{
  if (report == NULL)
    return;
  g_free (report->from);
  g_free (report->to);
  g_free (report->pilot_start);
  g_free (report->audit_head);
  g_strfreev (report->notes);
  g_clear_pointer (&report->file_heads, g_ptr_array_unref);
  g_clear_pointer (&report->sites, g_ptr_array_unref);
  g_free (report);
}

static gboolean
parse_iso (const char *text, GDate *date)
{
  /* Only the strict form inside a period: 2021-07-01. */
  return strlen (text) == 10 && text[4] == '-' && text[7] == '-' && yk_date_parse (text, date, NULL);
}

static void
set_range (GDate *from, GDate *to, guint year, guint first_month, guint months)
{
  guint last_month = first_month + months - 1;

  g_date_clear (from, 1);
  g_date_clear (to, 1);
  g_date_set_dmy (from, 1, (GDateMonth) first_month, (GDateYear) year);
  g_date_set_dmy (to, g_date_get_days_in_month ((GDateMonth) last_month, (GDateYear) year),
                  (GDateMonth) last_month, (GDateYear) year);
}

/* A quarter, a year or a month. */
static gboolean
parse_calendar_period (const char *text, GDate *from, GDate *to)
{
  g_autoptr (GRegex) quarter = g_regex_new ("^([0-9]{4})[Qq]([1-4])$", 0, 0, NULL);
  g_autoptr (GRegex) month = g_regex_new ("^([0-9]{4})-([0-9]{2})$", 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;

  if (g_regex_match (quarter, text, 0, &match))
    {
      g_autofree char *y = g_match_info_fetch (match, 1), *q = g_match_info_fetch (match, 2);
      set_range (from, to, (guint) atoi (y), ((guint) atoi (q) - 1) * 3 + 1, 3);
      return TRUE;
    }
  g_clear_pointer (&match, g_match_info_free);
  if (g_regex_match (month, text, 0, &match))
    {
      g_autofree char *y = g_match_info_fetch (match, 1), *m = g_match_info_fetch (match, 2);
      int n = atoi (m);
      if (n < 1 || n > 12)
        return FALSE;
      set_range (from, to, (guint) atoi (y), (guint) n, 1);
      return TRUE;
    }
  if (strlen (text) == 4 && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) &&
      g_ascii_isdigit (text[2]) && g_ascii_isdigit (text[3]))
    {
      set_range (from, to, (guint) atoi (text), 1, 12);
      return TRUE;
    }
  return FALSE;
}

gboolean
yk_period_parse (const char *text,
                 const char *pilot_start,
                 char      **from_out,
                 char      **to_out,
                 gboolean   *cumulative,
                 GError    **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  const char *dots = strstr (trimmed, "..");
  GDate from, to;

  *cumulative = FALSE;
  if (g_str_has_prefix (trimmed, "cumulative:"))
    {
      if (!parse_calendar_period (trimmed + strlen ("cumulative:"), &from, &to))
        goto bad;
      *cumulative = TRUE;
      *from_out = g_strdup (pilot_start ? pilot_start : "0001-01-01");
      *to_out = yk_date_format_iso (&to);
      return TRUE;
    }
  if (dots != NULL)
    {
      g_autofree char *first = g_strndup (trimmed, (gsize) (dots - trimmed));
      if (!parse_iso (first, &from) || !parse_iso (dots + 2, &to))
        goto bad;
      if (g_date_compare (&from, &to) > 0)
        {
          g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_USAGE,
                       _("The period “%1$s” ends before it starts"), trimmed);
          return FALSE;
        }
    }
  else if (!parse_calendar_period (trimmed, &from, &to))
    goto bad;
  *from_out = yk_date_format_iso (&from);
  *to_out = yk_date_format_iso (&to);
  return TRUE;

bad:
  g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_USAGE,
               _("“%1$s” is not a period; use 2021Q3, 2021, 2021-07, 2021-07-01..2021-09-30 or "
                 "cumulative:2021Q3"), trimmed);
  return FALSE;
}

/* Stock figures are the state at `to` whatever the period's start. */
static gboolean
is_stock (YkIndicator indicator)
{
  return indicator == YK_INDICATOR_CASE_FILES_TOTAL || indicator == YK_INDICATOR_CASELOAD_ACTIVE ||
         indicator == YK_INDICATOR_IMPROVED;
}

/* The pilot began with the earliest site opening (docs/design/indicators.md). A
 * database whose sites have no opening date yet (as `yukang init` leaves
 * it) starts with its first record instead, so that 累计 is every record
 * up to the period's end; NULL only in a database without records. */
static char *
pilot_start_of (sqlite3 *db, GPtrArray *sites)
{
  const char *earliest = NULL;

  for (guint i = 0; i < sites->len; i++)
    {
      const char *opening = ((YkSiteRow *) sites->pdata[i])->opening_date;

      if (opening != NULL && (earliest == NULL || strcmp (opening, earliest) < 0))
        earliest = opening;
    }
  return earliest != NULL ? g_strdup (earliest) : yk_db_figure_earliest_date (db, NULL);
}

char *
_yk_report_pilot_start (sqlite3 *db, GPtrArray *sites)
{
  return pilot_start_of (db, sites);
}

static gboolean
count_all (sqlite3 *db, const char *from, const char *to, int threshold, gboolean flow_only,
           GHashTable *values, GError **error)
{
  for (int i = 0; i < YK_N_INDICATORS; i++)
    if (!(flow_only && is_stock ((YkIndicator) i)) &&
        !yk_db_indicator_count (db, (YkIndicator) i, from, to, threshold, values, error))
      return FALSE;
  return TRUE;
}

/* What compute() counts: a report with its cumulative column, or a
 * month of the series for the charts (the flow figures alone). */
typedef enum
{
  COUNT_WITH_CUMULATIVE,
  COUNT_FLOWS,
} CountScope;

static YkReport *compute (sqlite3 *db, const char *from, const char *to, gint64 only_site, CountScope scope,
                          GError **error);

/* Runs on whatever connection it is given, so the window can call it
 * from a worker thread on a connection of its own. */
YkReport *
_yk_report_compute_on (sqlite3    *db,
                       const char *from,
                       const char *to,
                       gint64      only_site,
                       GError    **error)
{
  return compute (db, from, to, only_site, COUNT_WITH_CUMULATIVE, error);
}

/* The site `report` covers, 0 for all of them. */
static gint64
report_site (const YkReport *report)
{
  return report->sites->len == 1 ? ((YkReportSite *) report->sites->pdata[0])->site_id : 0;
}

static GPtrArray *
monthly (sqlite3        *db,
         const YkReport *report,
         gint64          only_site,
         GError        **error)
{
  g_autoptr (GPtrArray) months = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_report_free);
  GDate from, to, month_start, month_end;

  if (!yk_date_parse (report->from, &from, error) || !yk_date_parse (report->to, &to, error))
    return NULL;
  /* A cumulative period of a database without records (from the year 1)
   * has one month in its series: the last. */
  if (g_date_get_year (&from) < 2000)
    g_date_set_dmy (&from, 1, g_date_get_month (&to), g_date_get_year (&to));
  month_start = from;
  while (g_date_compare (&month_start, &to) <= 0)
    {
      g_autofree char *first = NULL, *last = NULL;
      YkReport *month;

      month_end = month_start;
      g_date_set_day (&month_end, g_date_get_days_in_month (g_date_get_month (&month_start), g_date_get_year (&month_start)));
      if (g_date_compare (&month_end, &to) > 0)
        month_end = to;
      first = yk_date_format_iso (&month_start);
      last = yk_date_format_iso (&month_end);
      month = compute (db, first, last, only_site, COUNT_FLOWS, error);
      if (month == NULL)
        return NULL;
      g_ptr_array_add (months, month);
      month_start = month_end;
      g_date_add_days (&month_start, 1);
    }
  return g_steal_pointer (&months);
}

GPtrArray *
_yk_report_monthly_on (sqlite3        *db,
                       const YkReport *report,
                       GError        **error)
{
  return monthly (db, report, report_site (report), error);
}

GPtrArray *
yk_report_monthly (YkReader       *reader,
                   const YkReport *report,
                   GError        **error)
{
  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (report != NULL, NULL);

  return monthly (_yk_reader_get_db (reader), report, yk_reader_clamp_site (reader, report_site (report)), error);
}

/* Every report states the audit head it was made at (docs/design/security.md,
 * "Audit trail"); a trail that cannot be read leaves it out rather than
 * the figures. */
static char *
audit_head_of (sqlite3 *db)
{
  YkAuditHead head;

  if (!yk_audit_read_head (db, &head, NULL) || head.id == 0)
    return NULL;
  return yk_audit_head_format (&head);
}

static YkReport *
compute (sqlite3    *db,
         const char *from,
         const char *to,
         gint64      only_site,
         CountScope  scope,
         GError    **error)
{
  gboolean with_cumulative = scope == COUNT_WITH_CUMULATIVE;
  g_autoptr (YkReport) report = g_new0 (YkReport, 1);
  g_autoptr (GPtrArray) site_rows = yk_db_sites_list (db, error);
  g_autoptr (GHashTable) values = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GHashTable) cumulative = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  g_autofree char *threshold_text = NULL;
  const char *pilot_from;

  if (site_rows == NULL)
    return NULL;
  threshold_text = yk_db_setting_get (db, "improvement_threshold", NULL);
  report->improvement_threshold = threshold_text ? atoi (threshold_text) : 2;
  report->from = g_strdup (from);
  report->to = g_strdup (to);
  report->sites = g_ptr_array_new_with_free_func ((GDestroyNotify) report_site_free);
  report->pilot_start = pilot_start_of (db, site_rows);
  report->audit_head = audit_head_of (db);

  for (guint i = 0; i < site_rows->len; i++)
    {
      YkSiteRow *row = site_rows->pdata[i];
      YkReportSite *site;

      if (only_site != 0 && row->id != only_site)
        continue;
      site = g_new0 (YkReportSite, 1);
      site->site_id = row->id;
      site->code = g_strdup (row->code);
      site->name = g_strdup (row->name);
      g_ptr_array_add (report->sites, site);
      g_hash_table_insert (values, &site->site_id, site->values);
      g_hash_table_insert (cumulative, &site->site_id, g_new0 (gint64, YK_N_INDICATORS));
    }

  pilot_from = report->pilot_start ? report->pilot_start : "0001-01-01";
  report->from_pilot_start = strcmp (from, pilot_from) <= 0;
  /* The cumulative column needs only the flow figures counted again, and
   * nothing at all when the period itself starts with the pilot. */
  if (report->from_pilot_start)
    with_cumulative = FALSE;
  report->flows_only = scope == COUNT_FLOWS;
  if (!count_all (db, from, to, report->improvement_threshold, report->flows_only, values, error) ||
      (with_cumulative && !count_all (db, pilot_from, to, report->improvement_threshold, TRUE, cumulative, error)))
    return NULL;

  /* "All sites" is the sum of the sites (docs/design/indicators.md). */
  for (guint i = 0; i < report->sites->len; i++)
    {
      YkReportSite *site = report->sites->pdata[i];
      gint64 *site_cumulative = g_hash_table_lookup (cumulative, &site->site_id);

      for (int k = 0; k < YK_N_INDICATORS; k++)
        {
          report->total[k] += site->values[k];
          report->cumulative[k] += is_stock ((YkIndicator) k) || report->from_pilot_start ? site->values[k]
                                                                                          : site_cumulative[k];
        }
    }
  return g_steal_pointer (&report);
}

/* A social worker's report covers their own site; a coordinator's, the
 * site asked for or all of them. */
YkReport *
yk_report_for_session (YkSession  *session,
                       const char *period,
                       const char *site_code,
                       GError    **error)
{
  sqlite3 *db = yk_store_get_connection (yk_session_get_store (session));
  g_autoptr (GPtrArray) sites = yk_db_sites_list (db, error);
  g_autofree char *pilot_start = NULL;
  g_autofree char *from = NULL, *to = NULL;
  YkReport *report;
  gint64 scope = yk_casework_site_scope (session);
  gint64 only_site = scope;
  gboolean cumulative;

  if (sites == NULL)
    return NULL;
  pilot_start = pilot_start_of (db, sites);
  for (guint i = 0; i < sites->len; i++)
    {
      YkSiteRow *row = sites->pdata[i];

      if (site_code != NULL && (g_ascii_strcasecmp (row->code, site_code) == 0 || g_strcmp0 (row->name, site_code) == 0))
        only_site = row->id;
    }
  if (site_code != NULL && (only_site == 0 || (scope != 0 && only_site != scope)))
    {
      if (only_site == 0)
        g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no site “%1$s”"), site_code);
      else
        g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN,
                             _("A social worker sees the figures of their own site only"));
      return NULL;
    }
  if (!yk_period_parse (period, pilot_start, &from, &to, &cumulative, error))
    return NULL;
  report = _yk_report_compute_on (db, from, to, only_site, error);
  if (report != NULL)
    yk_report_annotate (report, session);
  return report;
}

/* A district's figures come from several files: the report names each
 * file's audit head (its merged rows have no trail of their own), the
 * settings that differ, and the files it could not include. */
void
yk_report_annotate (YkReport  *report,
                    YkSession *session)
{
  YkDistrict *district = _yk_session_get_district (session);
  g_autoptr (GStrvBuilder) notes = NULL;
  GPtrArray *files;
  const char *const *warnings;
  guint n_notes = 0;

  g_return_if_fail (report != NULL && session != NULL);
  if (district == NULL)
    return;
  notes = g_strv_builder_new ();
  warnings = yk_district_get_warnings (district);
  for (guint i = 0; warnings[i] != NULL; i++, n_notes++)
    g_strv_builder_add (notes, warnings[i]);
  files = yk_district_get_files (district);
  g_clear_pointer (&report->audit_head, g_free);
  g_clear_pointer (&report->file_heads, g_ptr_array_unref);
  report->file_heads = g_ptr_array_new_with_free_func ((GDestroyNotify) file_head_free);
  for (guint i = 0; i < files->len; i++)
    {
      YkDistrictFile *file = files->pdata[i];
      YkReportFileHead *head;

      if (file->problem != NULL)
        {
          /* TRANSLATORS: %1$s is a file, %2$s why it could not be opened */
          g_autofree char *note = g_strdup_printf (_("“%1$s” is not in these figures: %2$s."), file->name,
                                                   file->problem);
          g_strv_builder_add (notes, note);
          n_notes++;
          continue;
        }
      head = g_new0 (YkReportFileHead, 1);
      head->file = g_strdup (file->name);
      head->head = g_strdup (file->audit_head);
      g_ptr_array_add (report->file_heads, head);
    }
  g_clear_pointer (&report->notes, g_strfreev);
  if (n_notes > 0)
    report->notes = g_strv_builder_end (notes);
}

/* 2021-12-31 → 2021年12月31日 */
char *
yk_date_chinese (const char *iso)
{
  GDate date;

  if (!yk_date_parse (iso, &date, NULL))
    return g_strdup (iso);
  return g_strdup_printf ("%u年%u月%u日", g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
}

/* The bureau's paragraph (docs/design/indicators.md), filled from the period's figures. */
char *
yk_report_summary (const YkReport *r)
{
  g_autofree char *from = yk_date_chinese (r->from);
  g_autofree char *to = yk_date_chinese (r->to);
  g_autofree char *opening = r->from_pilot_start ? g_strdup ("开展精神障碍社区康复服务试点工作以来，")
                                                 : g_strdup_printf ("%s至%s，", from, to);
  g_autofree char *case_files = r->from_pilot_start
    ? g_strdup_printf ("共为%" G_GINT64_FORMAT "名病情稳定且愿意接受社区康复服务的服务对象进行了个案建档",
                       r->total[YK_INDICATOR_CASE_FILES_TOTAL])
    : g_strdup_printf ("共为%" G_GINT64_FORMAT "名病情稳定且愿意接受社区康复服务的服务对象新建了个案档案",
                       r->total[YK_INDICATOR_CASE_FILES_NEW]);

  return g_strdup_printf ("%s服务机构开展问卷调查%" G_GINT64_FORMAT "份，%s，开展各类服务活动%" G_GINT64_FORMAT
                          "次，上门服务%" G_GINT64_FORMAT "人次，电话随访%" G_GINT64_FORMAT "人次。截至%s，"
                          "通过康复服务生活状态得到改善的%" G_GINT64_FORMAT "人，总受益人数%" G_GINT64_FORMAT
                          "人（含患者家属和其他居民）。",
                          opening, r->total[YK_INDICATOR_QUESTIONNAIRES], case_files,
                          r->total[YK_INDICATOR_ACTIVITIES], r->total[YK_INDICATOR_HOME_VISITS],
                          r->total[YK_INDICATOR_PHONE_FOLLOWUPS], to, r->total[YK_INDICATOR_IMPROVED],
                          r->total[YK_INDICATOR_BENEFICIARIES]);
}

/* The line that states the audit head (docs/design/formats.md), in the
 * text, CSV, XLSX and PDF alike; NULL without a head. A district's: one
 * line per file, 审计记录链头（SPQ.ykdb）：ID:HEX. */
char *
yk_report_audit_head_line (const YkReport *report)
{
  g_autoptr (GString) lines = NULL;

  if (report->file_heads == NULL)
    return report->audit_head != NULL ? g_strdup_printf ("审计记录链头：%s", report->audit_head) : NULL;
  lines = g_string_new (NULL);
  for (guint i = 0; i < report->file_heads->len; i++)
    {
      YkReportFileHead *head = report->file_heads->pdata[i];

      g_string_append_printf (lines, "%s审计记录链头（%s）：%s", i ? "\n" : "", head->file,
                              head->head != NULL ? head->head : "—");
    }
  return lines->len > 0 ? g_string_free (g_steal_pointer (&lines), FALSE) : NULL;
}

/* Stated under the table of every exported report (docs/design/indicators.md),
 * a district's notes, and the audit head after them. */
char *
yk_report_notes (const YkReport *report)
{
  g_autofree char *head = yk_report_audit_head_line (report);
  g_autofree char *district_notes = report->notes != NULL ? g_strjoinv ("\n", report->notes) : NULL;
  g_autofree char *notes = g_strdup_printf ("注：1. 作废的记录不计入任何数字。2. 上门服务、电话随访只计已联系上的记录。"
         "3. 个案建档、在册服务对象、生活状态改善为截至期末的存量，其余为期间内的流量。"
         "4. 其他居民和匿名问卷填写人无法区分，按人次计入总受益人数。"
         "5. 生活状态改善：至少两次社会功能缺陷筛选量表（SDSS）评估，最近一次总分比首次至少低%d分"
         "（标为9的项目不计分）。", report->improvement_threshold);

  if (district_notes != NULL)
    {
      char *with = g_strconcat (notes, "\n", district_notes, NULL);
      g_free (notes);
      notes = with;
    }
  return head != NULL ? g_strconcat (notes, "\n", head, NULL) : g_steal_pointer (&notes);
}
