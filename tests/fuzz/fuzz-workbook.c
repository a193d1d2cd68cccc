/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the workbook reader (app/yk-workbook.c): any bytes
 * must be read or refused with an error, never crash, leak or hang; a
 * workbook read has, per sheet, either records (rows in order, fields in
 * UTF-8, none of them a blank row) or an error naming a row. Limits are
 * lowered so that a small input cannot make one run slow.
 *
 * .xls inputs (OLE2 signature) are skipped here: fuzz-xls.c fuzzes them,
 * with the suppressions libfreexl needs (it is not instrumented, not ours,
 * and breaks within seconds on mutated files; fuzz-xls.c says how and
 * what that run can and cannot see). */
#include "fuzz-common.h"
#include "yk-workbook-private.h"

#include <string.h>

/* Every warning or critical is a finding, but one: libgsf 1.14.50 unrefs
 * the NULL GDateTime it gets for a zip entry's impossible DOS time (a
 * critical inside gsf_infile_zip_new, not ours, harmless: the entry is
 * still read or refused). */
static void
log_handler (const char *domain, GLogLevelFlags level, const char *message, gpointer user_data)
{
  if (strstr (message, "g_date_time_unref: assertion 'datetime != NULL'") != NULL)
    return;
  g_log_default_handler (domain, level, message, user_data);
  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_ERROR))
    fuzz_fail (domain ? domain : "(no domain)", 0, message);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  g_log_set_always_fatal (G_LOG_FATAL_MASK);
  g_log_set_default_handler (log_handler, NULL);
  _yk_workbook_set_limits (200000, 4 * 1024 * 1024);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (YkWorkbook) workbook = NULL;

  if (size >= 4 && memcmp (data, "\xd0\xcf\x11\xe0", 4) == 0)
    return 0;
  bytes = g_bytes_new_static (data, size);
  workbook = yk_workbook_read_bytes (bytes, &error);
  FUZZ_CHECK ((workbook == NULL) == (error != NULL));
  if (workbook == NULL)
    return 0;
  for (guint s = 0; s < workbook->sheets->len; s++)
    {
      YkWorkbookSheet *sheet = workbook->sheets->pdata[s];
      guint previous_line = 0;

      FUZZ_CHECK (sheet->name != NULL && g_utf8_validate (sheet->name, -1, NULL));
      FUZZ_CHECK ((sheet->csv == NULL) == (sheet->error != NULL));
      if (sheet->csv == NULL)
        {
          FUZZ_CHECK (sheet->error_row >= 1 && sheet->error_row <= YK_WORKBOOK_MAX_ROWS);
          continue;
        }
      for (guint r = 0; r < sheet->csv->records->len; r++)
        {
          YkCsvRecord *record = sheet->csv->records->pdata[r];
          guint n = g_strv_length (record->fields);

          FUZZ_CHECK (record->line > previous_line && record->line <= YK_WORKBOOK_MAX_ROWS);
          previous_line = record->line;
          FUZZ_CHECK (n > 0 && n <= YK_WORKBOOK_MAX_COLUMNS);
          FUZZ_CHECK (record->fields[n - 1][0] != '\0');
          for (guint f = 0; f < n; f++)
            FUZZ_CHECK (g_utf8_validate (record->fields[f], -1, NULL));
        }
    }
  return 0;
}
