/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-report-export.h"
#include "yk-app-error.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <xlsxwriter.h>

/* libxlsxwriter has no autofit: a Chinese character is about two units. */
static double
column_width (const char *text)
{
  double width = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2.1 : 1.1;
  return width + 2;
}

static void
write_table_sheet (lxw_workbook *workbook, const YkReport *r)
{
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, "统计表");
  lxw_format *title = workbook_add_format (workbook);
  lxw_format *header = workbook_add_format (workbook);
  lxw_format *number = workbook_add_format (workbook);
  lxw_format *wrap = workbook_add_format (workbook);
  g_autofree char *from = yk_date_chinese (r->from);
  g_autofree char *to = yk_date_chinese (r->to);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *generated = yk_date_chinese (today);
  g_autofree char *heading = g_strdup_printf ("渝康家园统计 %s—%s（%s生成）", from, to, generated);
  g_autofree char *notes = yk_report_notes (r);
  g_autofree char *summary = yk_report_summary (r);
  double label_width = column_width ("指标");
  lxw_col_t last_column = (lxw_col_t) r->sites->len + 2;
  lxw_row_t row;

  format_set_bold (title);
  format_set_font_size (title, 14);
  format_set_bold (header);
  format_set_bottom (header, LXW_BORDER_THIN);
  format_set_align (header, LXW_ALIGN_CENTER);
  format_set_num_format (number, "0");
  format_set_text_wrap (wrap);
  format_set_align (wrap, LXW_ALIGN_VERTICAL_TOP);

  worksheet_write_string (sheet, 0, 0, heading, title);
  worksheet_write_string (sheet, 2, 0, "指标", header);
  for (guint i = 0; i < r->sites->len; i++)
    {
      const char *name = ((YkReportSite *) r->sites->pdata[i])->name;
      worksheet_write_string (sheet, 2, (lxw_col_t) i + 1, name, header);
      worksheet_set_column (sheet, (lxw_col_t) i + 1, (lxw_col_t) i + 1, column_width (name), NULL);
    }
  worksheet_write_string (sheet, 2, last_column - 1, "合计", header);
  worksheet_write_string (sheet, 2, last_column, "累计", header);
  worksheet_set_column (sheet, last_column - 1, last_column, 10, NULL);

  for (int k = 0; k < YK_N_INDICATORS; k++)
    {
      row = (lxw_row_t) (3 + k);
      worksheet_write_string (sheet, row, 0, yk_indicator_label ((YkIndicator) k), NULL);
      label_width = MAX (label_width, column_width (yk_indicator_label ((YkIndicator) k)));
      for (guint i = 0; i < r->sites->len; i++)
        worksheet_write_number (sheet, row, (lxw_col_t) i + 1,
                                (double) ((YkReportSite *) r->sites->pdata[i])->values[k], number);
      worksheet_write_number (sheet, row, last_column - 1, (double) r->total[k], number);
      worksheet_write_number (sheet, row, last_column, (double) r->cumulative[k], number);
    }
  worksheet_set_column (sheet, 0, 0, label_width, NULL);

  /* The notes and the paragraph, each merged across the table's width. */
  row = 3 + YK_N_INDICATORS + 1;
  worksheet_merge_range (sheet, row, 0, row, last_column, notes, wrap);
  worksheet_set_row (sheet, row, 75, NULL);
  worksheet_merge_range (sheet, row + 1, 0, row + 1, last_column, summary, wrap);
  worksheet_set_row (sheet, row + 1, 90, NULL);
}

static void
write_monthly_sheet (lxw_workbook *workbook, const YkReport *r, GPtrArray *months)
{
  static const YkIndicator series[] = { YK_INDICATOR_HOME_VISITS, YK_INDICATOR_PHONE_FOLLOWUPS,
                                        YK_INDICATOR_ACTIVITIES, YK_INDICATOR_BENEFICIARIES };
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, "月度数据");
  lxw_format *header = workbook_add_format (workbook);
  lxw_col_t column = 1;

  format_set_bold (header);
  format_set_text_wrap (header);
  worksheet_write_string (sheet, 0, 0, "月份", header);
  worksheet_set_column (sheet, 0, 0, 10, NULL);
  for (guint s = 0; s < r->sites->len; s++)
    for (guint k = 0; k < G_N_ELEMENTS (series); k++, column++)
      {
        g_autofree char *title = g_strdup_printf ("%s %s", ((YkReportSite *) r->sites->pdata[s])->code,
                                                  yk_indicator_label (series[k]));
        worksheet_write_string (sheet, 0, column, title, header);
        worksheet_set_column (sheet, column, column, 14, NULL);
      }
  worksheet_set_row (sheet, 0, 45, NULL);
  for (guint m = 0; m < months->len; m++)
    {
      YkReport *month = months->pdata[m];
      g_autofree char *label = g_strndup (month->from, 7);

      column = 1;
      worksheet_write_string (sheet, (lxw_row_t) m + 1, 0, label, NULL);
      for (guint s = 0; s < month->sites->len; s++)
        for (guint k = 0; k < G_N_ELEMENTS (series); k++, column++)
          worksheet_write_number (sheet, (lxw_row_t) m + 1, column,
                                  (double) ((YkReportSite *) month->sites->pdata[s])->values[series[k]], NULL);
    }
}

/* Written beside the destination and renamed over it: a reader never
 * sees half a workbook. */
gboolean
yk_report_write_xlsx (const YkReport *report,
                      GPtrArray      *months,
                      const char     *path,
                      GError        **error)
{
  g_autofree char *temporary = g_strdup_printf ("%s.yk-tmp", path);
  lxw_workbook *workbook = workbook_new (temporary);
  lxw_error rc;

  if (workbook == NULL)
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_FAILED, _("Could not create “%1$s”"), path);
      return FALSE;
    }
  write_table_sheet (workbook, report);
  write_monthly_sheet (workbook, report, months);
  rc = workbook_close (workbook);
  if (rc != LXW_NO_ERROR || g_rename (temporary, path) != 0)
    {
      g_unlink (temporary);
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_FAILED, _("Could not write “%1$s”: %2$s"), path,
                   rc != LXW_NO_ERROR ? lxw_strerror (rc) : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}
