/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the failed-unlock log's parser (app/yk-unlock-log.c),
 * which reads DB.failed-unlocks, a file anyone who can write the
 * database's directory can replace: any bytes must parse without a crash
 * into entries and a count of malformed lines, one or the other per line;
 * an entry is a time and a name of printable ASCII; and each entry is
 * exactly the line yk_unlock_log_format_line() writes for that time and
 * that name, so nothing but a line the writer could have written is ever
 * accepted. */
#include "fuzz-common.h"
#include "yk-unlock-log.h"

#include <string.h>

static guint
count_lines (const uint8_t *data,
             size_t         size)
{
  guint lines = 0;

  for (size_t i = 0; i < size; i++)
    if (data[i] == '\n')
      lines++;
  if (size > 0 && data[size - 1] != '\n')
    lines++;
  return lines;
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (YkUnlockLog) log = yk_unlock_log_parse (data, size);

  FUZZ_CHECK (log != NULL && log->entries != NULL);
  FUZZ_CHECK (log->entries->len + log->malformed == count_lines (data, size));
  for (guint i = 0; i < log->entries->len; i++)
    {
      const YkUnlockLogEntry *entry = log->entries->pdata[i];
      g_autofree char *detail = yk_unlock_log_entry_detail (entry);
      g_autofree char *line = g_strconcat (detail, "\n", NULL);
      g_autofree char *name = NULL;
      g_autofree char *again = NULL;
      g_autoptr (GDateTime) at = NULL;
      g_autoptr (YkUnlockLog) reread = NULL;

      FUZZ_CHECK (strlen (entry->at) == YK_UNLOCK_LOG_TIME_SIZE);
      for (const char *p = entry->account; *p; p++)
        FUZZ_CHECK (*p >= 0x20 && *p < 0x7f);
      FUZZ_CHECK (strlen (line) <= YK_UNLOCK_LOG_LINE_MAX);
      /* The line itself is in the input. */
      FUZZ_CHECK (memmem (data, size, line, strlen (line)) != NULL);

      at = g_date_time_new_from_iso8601 (entry->at, NULL);
      FUZZ_CHECK (at != NULL);
      name = g_strcompress (entry->account);
      FUZZ_CHECK (strlen (name) <= YK_UNLOCK_LOG_ACCOUNT_MAX);
      again = yk_unlock_log_format_line (at, name);
      FUZZ_CHECK (strcmp (again, line) == 0);

      reread = yk_unlock_log_parse ((const guint8 *) line, strlen (line));
      FUZZ_CHECK (reread->entries->len == 1 && reread->malformed == 0);
    }
  return 0;
}
