/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the workbook reader's .xls path (app/yk-workbook.c
 * and, under it, Debian's libfreexl 1.0.6): the same contract as
 * fuzz-workbook. Any bytes must be read or refused with an error naming
 * the workbook, never crash, leak or hang; a workbook read has, per sheet,
 * either records (rows in order, fields in UTF-8, none of them a blank
 * row) or an error naming the sheet and a row. Inputs that do not start
 * with the OLE2 signature are skipped: they never reach libfreexl, and
 * fuzz-workbook covers them.
 *
 * Built by the same fuzz build as the other targets (ASan and UBSan, see
 * tests/fuzz/meson.build), but run with two suppression files, because
 * libfreexl breaks within seconds on mutated files (see below) and each
 * break would stop the run:
 *
 *   ASAN_OPTIONS=suppressions=tests/fuzz/fuzz-xls.asan-supp \
 *   LSAN_OPTIONS=suppressions=tests/fuzz/fuzz-xls.lsan-supp:print_suppressions=0 \
 *   UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
 *   build-fuzz/tests/fuzz/fuzz-xls CORPUS -fork=1 -ignore_crashes=1 \
 *     -ignore_timeouts=1 -ignore_ooms=1 -timeout=10 -max_total_time=600 \
 *     -artifact_prefix=ARTIFACTS/
 *
 * (-fork=1: one fuzzing child at a time, restarted after each libfreexl
 * crash; crashes are written as artifacts all the same. A child's output
 * is thrown away unless it crashes, hence UBSan made fatal: a report that
 * only printed would be lost.)
 *
 * What it catches: in our code, glib and this harness (instrumented),
 * every ASan and UBSan error, leaks, the contract's checks, hangs (10 s)
 * and allocations over libFuzzer's malloc limit. In libfreexl (not
 * instrumented, stripped): crashes (SEGV, abort, glibc's free checks) and
 * hangs only. What it cannot: an out-of-bounds access inside libfreexl
 * that does not fault, since its loads and stores are not instrumented
 * and the errors ASan's interceptors see in its calls (memcpy, iconv ...)
 * are suppressed; memory libfreexl loses; and, through that suppression,
 * a libfreexl handle our code would forget to close. Coverage guides only
 * through our code: libfreexl's own branches are invisible to libFuzzer.
 *
 * Findings of the first runs (inputs and stacks in the commit messages):
 * 1. A directory entry whose name claims more than 64 bytes: libfreexl
 *    hands iconv up to 65535 bytes of a 4096-byte stack buffer
 *    (stack-buffer-underflow in __interceptor_iconv under freexl_open).
 *    This is what kept .xls out of fuzz-workbook; tests/data/ledger.xls
 *    itself does not trigger it, one mutated length field does. Now
 *    refused before libfreexl opens the file (xls_container_is_sane()).
 * 2. Sheets without a DIMENSION record: libfreexl allocates the active
 *    sheet's cells again for each of them and loses the first array.
 *    Leak inside libfreexl; suppressed (fuzz-xls.lsan-supp).
 * 3. A string record (FORMAT here) whose character count exceeds the
 *    record: libfreexl memcpy()s up to 128 KiB past its record buffer
 *    (heap-buffer-overflow; with the suppression, a SEGV at the end of
 *    ASan's heap region). Not refused: that needs a BIFF parser of ours.
 * 4. A short (2-byte) DIMENSION record in a worksheet that has one
 *    already: libfreexl frees an invalid pointer inside freexl_open
 *    (SEGV also without sanitizers). Not refused, for the same reason.
 * 5. A header claiming 16,777,215 DIFAT and miniFAT sectors, the DIFAT
 *    chain looping: libfreexl went over libFuzzer's 2 GB limit (and took
 *    over a minute without sanitizers) on 9.5 KB. Now refused before
 *    libfreexl opens the file (seed difat-loop).
 * 6. Ours: a sheet libfreexl gives 63,746 columns (it takes up to 65535;
 *    BIFF8 has 256) came out as records of more than 16384 fields, which
 *    the .xlsx path refuses. Now refused the same way, naming the sheet
 *    and row (test /workbook/xls/too-many-columns).
 * Also seen: 16 KB files whose sheets claim 65282 rows by 252 columns take
 *    about 7 s each here (16 million freexl_get_cell_value() calls under
 *    ASan; libfreexl itself allocates about 500 MB for them in 0.2 s). */
#include "fuzz-common.h"
#include "yk-workbook-private.h"

#include <string.h>

static void
log_handler (const char *domain, GLogLevelFlags level, const char *message, gpointer user_data)
{
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

  if (size < 8 || memcmp (data, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) != 0)
    return 0;
  bytes = g_bytes_new_static (data, size);
  workbook = yk_workbook_read_bytes (bytes, &error);
  FUZZ_CHECK ((workbook == NULL) == (error != NULL));
  if (workbook == NULL)
    {
      /* Refused: the message names the workbook. */
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL) && strstr (error->message, "the workbook") != NULL);
      return 0;
    }
  for (guint s = 0; s < workbook->sheets->len; s++)
    {
      YkWorkbookSheet *sheet = workbook->sheets->pdata[s];
      guint previous_line = 0;

      FUZZ_CHECK (sheet->name != NULL && g_utf8_validate (sheet->name, -1, NULL));
      FUZZ_CHECK ((sheet->csv == NULL) == (sheet->error != NULL));
      if (sheet->csv == NULL)
        {
          FUZZ_CHECK (sheet->error_row >= 1 && sheet->error_row <= YK_WORKBOOK_MAX_ROWS);
          FUZZ_CHECK (strstr (sheet->error->message, sheet->name) != NULL);
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
