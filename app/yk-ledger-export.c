/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-ledger.h"
#include "yk-app-error.h"
#include "yk-db-export.h"
#include "yk-text.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#define COLUMN(n) (1u << (n))

/* The header row of each file, in Chinese as people keep their ledgers;
 * the import reads these or the English keys. `numbers` marks the
 * columns of numbers Yukang writes (risk levels, minutes, counts, SDSS
 * scores): they are written as they are. Every other cell is text people
 * typed (case numbers, names, phones, addresses, notes…) or a date or
 * fixed word Yukang writes, and goes through yk_text_append_csv_text(),
 * which leaves dates and words alone and puts a ' before a cell a
 * spreadsheet would run as a formula (docs/design/formats.md; the import
 * removes it again). */
static const struct
{
  const char *file;
  const char *header;
  guint32 numbers;
  gboolean optional; /* written only when it has rows */
} files[] = {
  { "clients.csv", "个案编号,姓名,性别,出生日期,身份证号,联系电话,住址,站点,责任社工,诊断,建档日期,知情同意日期,"
                   "入组时病情稳定,危险性评估,状态,状态日期,状态原因,知情同意签署人,签署监护人,知情同意形式,知情同意范围,"
                   "撤回同意日期,撤回同意原因,转介来源,迁自",
    COLUMN (13) },
  { "family.csv", "家属编号,个案编号,姓名,关系,联系电话" },
  { "contacts.csv", "个案编号,类型,日期,社工,是否联系上,时长（分钟）,病情,服药,危险性评估,记录,下次随访日期",
    COLUMN (5) | COLUMN (8) },
  { "activities.csv", "活动编号,站点,日期,活动名称,类别,负责人,其他居民人数", COLUMN (6) },
  { "attendance.csv", "活动编号,个案编号,家属编号" },
  { "questionnaires.csv", "日期,站点,类型,填写人类型,个案编号,家属编号" },
  { "assessments.csv", "个案编号,日期,职业和工作,婚姻职能,父母职能,社会性退缩,家庭外的社会活动,家庭内活动过少,"
                       "家庭职能,个人生活自理,对外界的兴趣和关心,责任心和计划性",
    COLUMN (2) | COLUMN (3) | COLUMN (4) | COLUMN (5) | COLUMN (6) | COLUMN (7) | COLUMN (8) | COLUMN (9) |
      COLUMN (10) | COLUMN (11) },
  /* Optional (docs/design/training.md): written when there are sessions. */
  { "training.csv", "日期,培训主题,学时,提供方,参加人员", COLUMN (2), TRUE },
};

gboolean
yk_ledger_export (YkSession  *session,
                  const char *directory,
                  GError    **error)
{
  sqlite3 *db = yk_store_get_connection (yk_session_get_store (session));

  if (!yk_session_require_coordinator (session, error))
    return FALSE;
  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_FAILED, _("Could not create “%1$s”: %2$s"), directory,
                   g_strerror (saved));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr (GPtrArray) rows = yk_db_export_ledger (db, files[i].file, error);
      g_autoptr (GString) out = NULL;
      g_autofree char *path = NULL;

      if (rows == NULL)
        return FALSE;
      if (files[i].optional && rows->len == 0)
        continue;
      /* A BOM, so Chinese Excel opens the file as UTF-8. */
      out = g_string_new ("\xef\xbb\xbf");
      g_string_append_printf (out, "%s\r\n", files[i].header);
      for (guint r = 0; r < rows->len; r++)
        {
          char **row = rows->pdata[r];

          for (guint c = 0; row[c]; c++)
            {
              if (c > 0)
                g_string_append_c (out, ',');
              if (c < 32 && (files[i].numbers & COLUMN (c)) != 0)
                yk_text_append_csv_field (out, row[c]);
              else
                yk_text_append_csv_text (out, row[c]);
            }
          g_string_append (out, "\r\n");
        }
      path = g_build_filename (directory, files[i].file, NULL);
      if (!g_file_set_contents_full (path, out->str, (gssize) out->len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
        return FALSE;
    }
  return yk_session_audit (session, "export", NULL, 0, "ledger", error);
}
