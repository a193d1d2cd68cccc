/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The failed-unlock log, DB.failed-unlocks beside the database
 * (docs/design/security.md, "Unlock failures"): plain text, one line per
 * failed unlock,
 *
 *   YYYY-MM-DDTHH:MM:SSZ <TAB> ACCOUNT <LF>
 *
 * the UTC time and the user name typed, escaped as g_strescape() does:
 * printable ASCII as itself except \ and ", which are \\ and \"; \b \t
 * \n \v \f \r; every other byte (control characters, DEL, each byte of
 * UTF-8) as three octal digits \ooo. The name is at most
 * YK_UNLOCK_LOG_ACCOUNT_MAX bytes before escaping, no longer than any
 * account name can be (a longer one typed is cut there). Nothing else is
 * a line of the log.
 *
 * The file never grows past YK_UNLOCK_LOG_MAX_SIZE: a line that would
 * take it past is not written. 64 KiB holds over 2,700 lines of a
 * typical name (about 24 bytes each) and over 230 of the longest
 * (YK_UNLOCK_LOG_LINE_MAX), far more failures than come between two
 * successful unlocks of a site's database; each becomes a row of the
 * audit trail at the next unlock, which stays quick. */
#define YK_UNLOCK_LOG_MAX_SIZE (64 * 1024)
#define YK_UNLOCK_LOG_ACCOUNT_MAX 64
/* "YYYY-MM-DDTHH:MM:SSZ" */
#define YK_UNLOCK_LOG_TIME_SIZE 20
/* time, tab, every byte of the name as \ooo, newline */
#define YK_UNLOCK_LOG_LINE_MAX (YK_UNLOCK_LOG_TIME_SIZE + 1 + 4 * YK_UNLOCK_LOG_ACCOUNT_MAX + 1)

typedef struct
{
  char at[YK_UNLOCK_LOG_TIME_SIZE + 1]; /* as written: 2021-12-03T06:05:09Z */
  char *account;                        /* as written: escaped, printable ASCII */
} YkUnlockLogEntry;

typedef struct
{
  GPtrArray *entries; /* of YkUnlockLogEntry, in the file's order */
  guint malformed;    /* lines not in the format, skipped */
} YkUnlockLog;

/* Bytes in, entries out; no I/O. Every line in the format above is an
 * entry; every other line (a wrong time, a bad escape, a name too long,
 * a line with no newline at the end of the data, an empty line) is
 * counted in `malformed` and nothing of it is kept. Never fails. */
YkUnlockLog *yk_unlock_log_parse (const guint8 *data,
                                  gsize         size);
void yk_unlock_log_free (YkUnlockLog *log);

/* The line for a failed unlock at `at` (UTC) by `account` (NULL as ""),
 * newline included: the name cut to YK_UNLOCK_LOG_ACCOUNT_MAX bytes and
 * escaped. yk_unlock_log_parse() reads it back as one entry. */
char *yk_unlock_log_format_line (GDateTime  *at,
                                 const char *account);

/* The text of an entry as the audit trail keeps it in `detail`:
 * "TIME<TAB>ACCOUNT", the line without its newline. */
char *yk_unlock_log_entry_detail (const YkUnlockLogEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkUnlockLog, yk_unlock_log_free)

G_END_DECLS
