/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-ledger.h"
#include "yk-app-error.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <string.h>
#include <xlsxwriter.h>

/* The template is a Chinese document for Chinese ledgers, like the
 * report workbook: its words are data (docs/design/formats.md's labels and values),
 * not interface strings. What a column accepts, by file and key ("*"
 * for any file). */
static const struct
{
  const char *file;
  const char *key;
  const char *note;
} notes[] = {
  { "clients.csv", "case_no", "唯一，不可与数据库中已有的重复" },
  { "attendance.csv", "case_no", "个案编号与家属编号二者填且只填一个" },
  { "attendance.csv", "family_id", "个案编号与家属编号二者填且只填一个" },
  { "*", "case_no", "须是本台账或数据库中已有的个案编号" },
  { "family.csv", "family_id", "唯一，不可与数据库中已有的重复" },
  { "*", "family_id", "须是本台账或数据库中已有的家属编号" },
  { "activities.csv", "activity_id", "唯一，不可与数据库中已有的重复" },
  { "*", "activity_id", "须是本台账或数据库中已有的活动编号" },
  { "*", "gender", "男 / 女" },
  { "*", "id_number", "18 位，末位校验码须正确；本列为文本格式" },
  { "*", "phone", "本列为文本格式，号码不会变成科学计数" },
  { "*", "site", "站点代码或站点名称" },
  { "clients.csv", "worker", "社工姓名；系统中没有的姓名会新建无登录的工作人员" },
  { "*", "worker", "社工姓名" },
  { "*", "diagnosis", "六类严重精神障碍之一的名称，或 其他" },
  { "*", "stable_at_intake", "须为 是（是/否）" },
  { "*", "risk_level", "0–5 的整数" },
  { "*", "status", "在册（默认）/ 转介 / 结案" },
  { "*", "status_date", "状态为 转介 或 结案 时必填" },
  { "clients.csv", "consent_signer", "本人 / 监护人；空白为未记录" },
  { "clients.csv", "consent_guardian", "签署人为监护人时必填：监护人姓名" },
  { "clients.csv", "consent_form", "书面 / 口头并录音；空白为形式未记录" },
  { "clients.csv", "consent_scope", "建档、服务记录、统计上报中的一项或几项，须含 建档" },
  { "clients.csv", "consent_withdrawn_date", "日期；填写即结案（状态原因 撤回同意），此后不得再有该服务对象的记录" },
  { "clients.csv", "consent_withdrawal_reason", "填写撤回同意日期时必填" },
  { "clients.csv", "referral_source", "精防医生 / 医院 / 街道社区 / 家属 / 本人申请 / 转介平台；空白为未记录" },
  { "clients.csv", "transferred_from", "迁移：原站点的个案编号（在前面的行或数据库中，状态 转介）；空白为非迁入" },
  { "contacts.csv", "type", "上门服务 / 电话随访" },
  { "*", "reached", "是 / 否，默认 是" },
  { "*", "duration_min", "≥ 0 的整数" },
  { "*", "condition", "稳定 / 基本稳定 / 不稳定" },
  { "*", "medication", "规律 / 间断 / 不服药 / 医嘱无需服药" },
  { "*", "resident_count", "≥ 0 的整数，默认 0" },
  { "*", "kind", "需求评估 / 满意度 / 筛查 / 其他" },
  { "*", "respondent", "服务对象 / 家属 / 居民" },
  { "training.csv", "date", "日期，如 2021-03-05；不得晚于今天" },
  { "training.csv", "hours", "大于 0、不超过 24 的小时数，最多一位小数，如 2.5；同一人同一天合计不超过 24" },
  { "training.csv", "attendees", "系统中已有的工作人员姓名，多人用 、 或 ; 分隔" },
  { "training.csv", "provider", "授课或主办单位，可空白" },
};

static gboolean
is_date_column (const char *key)
{
  return g_str_equal (key, "date") || g_str_has_suffix (key, "_date");
}

/* Long digit strings Excel would turn into 1.38E+10 or round. */
static gboolean
is_text_column (const char *key)
{
  return g_str_equal (key, "id_number") || g_str_equal (key, "phone") || g_str_equal (key, "case_no") ||
         g_str_equal (key, "family_id") || g_str_equal (key, "activity_id");
}

static const char *
column_note (const char *file, const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    if (g_str_equal (notes[i].key, key) && (g_str_equal (notes[i].file, file) || g_str_equal (notes[i].file, "*")))
      return notes[i].note;
  if (is_date_column (key))
    return "日期，如 2021-03-05";
  if (g_str_has_prefix (key, "sdss_"))
    return "0、1、2，或 9（不适用）";
  return "";
}

/* libxlsxwriter has no autofit: a Chinese character is about two units. */
static double
text_width (const char *text)
{
  double width = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2.1 : 1.1;
  return width + 2;
}

static void
write_notes_sheet (lxw_workbook *workbook, lxw_format *bold)
{
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, "说明");
  lxw_row_t row = 4;

  worksheet_write_string (sheet, 0, 0, "渝康台账模板：每张工作表是台账的一部分，第一行是列名，请勿改动工作表名称和列名。", bold);
  worksheet_write_string (sheet, 1, 0, "从第二行起每行一条记录；日期列请填写日期；必填的列名为粗体。本“说明”工作表不会导入。", NULL);
  worksheet_write_string (sheet, 3, 0, "工作表", bold);
  worksheet_write_string (sheet, 3, 1, "列", bold);
  worksheet_write_string (sheet, 3, 2, "必填", bold);
  worksheet_write_string (sheet, 3, 3, "可填写的内容", bold);
  worksheet_set_column (sheet, 0, 0, 12, NULL);
  worksheet_set_column (sheet, 1, 1, 22, NULL);
  worksheet_set_column (sheet, 2, 2, 8, NULL);
  worksheet_set_column (sheet, 3, 3, 60, NULL);
  for (guint i = 0; i < YK_LEDGER_FILES; i++)
    {
      const YkLedgerColumn *columns = yk_ledger_file_columns (i);
      const char *file = yk_ledger_file_name (i);

      for (guint c = 0; columns[c].key; c++, row++)
        {
          gboolean attendance_person = g_str_equal (file, "attendance.csv") && !g_str_equal (columns[c].key, "activity_id");

          worksheet_write_string (sheet, row, 0, yk_ledger_file_chinese_name (i), NULL);
          worksheet_write_string (sheet, row, 1, columns[c].label, columns[c].required ? bold : NULL);
          worksheet_write_string (sheet, row, 2, columns[c].required ? "是" : attendance_person ? "二选一" : "否", NULL);
          worksheet_write_string (sheet, row, 3, column_note (file, columns[c].key), NULL);
        }
    }
}

static void
write_file_sheet (lxw_workbook *workbook, guint i, lxw_format *bold, lxw_format *date, lxw_format *text)
{
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, yk_ledger_file_chinese_name (i));
  const YkLedgerColumn *columns = yk_ledger_file_columns (i);

  for (lxw_col_t c = 0; columns[c].key; c++)
    {
      const char *key = columns[c].key;
      lxw_format *format = is_date_column (key) ? date : is_text_column (key) ? text : NULL;

      worksheet_write_string (sheet, 0, c, columns[c].label, columns[c].required ? bold : NULL);
      worksheet_set_column (sheet, c, c, MAX (text_width (columns[c].label), is_date_column (key) ? 12 : 8), format);
      if (columns[c].required)
        worksheet_write_comment (sheet, 0, c, "必填");
    }
  worksheet_freeze_panes (sheet, 1, 0);
}

/* Written beside the destination and renamed over it: a reader never
 * sees half a workbook. */
gboolean
yk_ledger_write_template (const char *path, GError **error)
{
  g_autofree char *temporary = NULL;
  lxw_workbook *workbook;
  lxw_format *bold, *date, *text;
  lxw_error rc;

  g_return_val_if_fail (path != NULL, FALSE);
  temporary = g_strdup_printf ("%s.yk-tmp", path);
  workbook = workbook_new (temporary);
  if (workbook == NULL)
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_FAILED, _("Could not create “%1$s”"), path);
      return FALSE;
    }
  bold = workbook_add_format (workbook);
  format_set_bold (bold);
  date = workbook_add_format (workbook);
  format_set_num_format (date, "yyyy-mm-dd");
  text = workbook_add_format (workbook);
  format_set_num_format (text, "@");
  write_notes_sheet (workbook, bold);
  for (guint i = 0; i < YK_LEDGER_FILES; i++)
    write_file_sheet (workbook, i, bold, date, text);
  rc = workbook_close (workbook);
  if (rc != LXW_NO_ERROR || g_rename (temporary, path) != 0)
    {
      int saved = errno;

      g_unlink (temporary);
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_FAILED, _("Could not write “%1$s”: %2$s"), path,
                   rc != LXW_NO_ERROR ? lxw_strerror (rc) : g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
