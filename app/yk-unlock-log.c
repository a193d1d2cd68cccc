/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-unlock-log.h"

#include <string.h>

/* The one-letter escapes, as g_strescape() writes them. */
static const struct
{
  guint8 byte;
  char letter;
} letters[] = {
  { '\b', 'b' }, { '\t', 't' }, { '\n', 'n' }, { '\v', 'v' }, { '\f', 'f' }, { '\r', 'r' },
  { '\\', '\\' }, { '"', '"' },
};

static char
escape_letter (guint8 byte)
{
  for (guint i = 0; i < G_N_ELEMENTS (letters); i++)
    if (letters[i].byte == byte)
      return letters[i].letter;
  return 0;
}

static int
unescape_letter (char letter)
{
  for (guint i = 0; i < G_N_ELEMENTS (letters); i++)
    if (letters[i].letter == letter)
      return letters[i].byte;
  return -1;
}

/* A byte written as \ooo: neither printable ASCII nor a one-letter escape. */
static gboolean
needs_octal (guint8 byte)
{
  return (byte < 0x20 || byte >= 0x7f) && escape_letter (byte) == 0;
}

static void
escape_into (GString    *out,
             const char *text,
             gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      guint8 byte = (guint8) text[i];
      char letter = escape_letter (byte);

      if (letter != 0)
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, letter);
        }
      else if (needs_octal (byte))
        g_string_append_printf (out, "\\%03o", byte);
      else
        g_string_append_c (out, (char) byte);
    }
}

char *
yk_unlock_log_format_line (GDateTime  *at,
                           const char *account)
{
  GString *line = g_string_sized_new (YK_UNLOCK_LOG_LINE_MAX);
  g_autoptr (GDateTime) utc = g_date_time_to_utc (at);
  gsize len = account != NULL ? strlen (account) : 0;

  g_string_append_printf (line, "%04d-%02d-%02dT%02d:%02d:%02dZ\t", g_date_time_get_year (utc),
                          g_date_time_get_month (utc), g_date_time_get_day_of_month (utc),
                          g_date_time_get_hour (utc), g_date_time_get_minute (utc),
                          g_date_time_get_second (utc));
  escape_into (line, account, MIN (len, YK_UNLOCK_LOG_ACCOUNT_MAX));
  g_string_append_c (line, '\n');
  g_assert (line->len <= YK_UNLOCK_LOG_LINE_MAX);
  return g_string_free (line, FALSE);
}

char *
yk_unlock_log_entry_detail (const YkUnlockLogEntry *entry)
{
  return g_strdup_printf ("%s\t%s", entry->at, entry->account);
}

/* --- reading --- */

static gboolean
digits (const guint8 *p,
        gsize         n,
        int          *value)
{
  *value = 0;
  for (gsize i = 0; i < n; i++)
    {
      if (p[i] < '0' || p[i] > '9')
        return FALSE;
      *value = *value * 10 + (p[i] - '0');
    }
  return TRUE;
}

static int
days_in_month (int year,
               int month)
{
  static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

  return month == 2 && leap ? 29 : days[month - 1];
}

/* YYYY-MM-DDTHH:MM:SSZ, a time that exists (no leap second: GDateTime
 * never writes one). */
static gboolean
parse_time (const guint8 *p)
{
  int year, month, day, hour, minute, second;

  return digits (p, 4, &year) && p[4] == '-' && digits (p + 5, 2, &month) && p[7] == '-' &&
         digits (p + 8, 2, &day) && p[10] == 'T' && digits (p + 11, 2, &hour) && p[13] == ':' &&
         digits (p + 14, 2, &minute) && p[16] == ':' && digits (p + 17, 2, &second) &&
         p[19] == 'Z' && year >= 1 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month (year, month) && hour <= 23 && minute <= 59 && second <= 59;
}

/* The escaped name between the tab and the newline: only what
 * escape_into() writes, at most YK_UNLOCK_LOG_ACCOUNT_MAX bytes once
 * unescaped. */
static gboolean
parse_account (const guint8 *p,
               gsize         len)
{
  gsize bytes = 0;

  for (gsize i = 0; i < len; bytes++)
    {
      if (bytes >= YK_UNLOCK_LOG_ACCOUNT_MAX)
        return FALSE;
      if (p[i] != '\\')
        {
          if (p[i] < 0x20 || p[i] >= 0x7f || p[i] == '"')
            return FALSE;
          i++;
          continue;
        }
      if (i + 1 >= len)
        return FALSE;
      if (unescape_letter ((char) p[i + 1]) >= 0)
        {
          i += 2;
          continue;
        }
      if (i + 3 < len && p[i + 1] >= '0' && p[i + 1] <= '3' && p[i + 2] >= '0' && p[i + 2] <= '7' &&
          p[i + 3] >= '0' && p[i + 3] <= '7')
        {
          guint8 byte = (guint8) ((p[i + 1] - '0') * 64 + (p[i + 2] - '0') * 8 + (p[i + 3] - '0'));

          /* Never NUL: what is escaped is a C string. */
          if (byte == 0 || !needs_octal (byte))
            return FALSE;
          i += 4;
          continue;
        }
      return FALSE;
    }
  return TRUE;
}

static YkUnlockLogEntry *
parse_line (const guint8 *line,
            gsize         len)
{
  YkUnlockLogEntry *entry;

  if (len < YK_UNLOCK_LOG_TIME_SIZE + 1 || len > YK_UNLOCK_LOG_LINE_MAX - 1 ||
      !parse_time (line) || line[YK_UNLOCK_LOG_TIME_SIZE] != '\t' ||
      !parse_account (line + YK_UNLOCK_LOG_TIME_SIZE + 1, len - YK_UNLOCK_LOG_TIME_SIZE - 1))
    return NULL;
  entry = g_new0 (YkUnlockLogEntry, 1);
  memcpy (entry->at, line, YK_UNLOCK_LOG_TIME_SIZE);
  entry->account = g_strndup ((const char *) line + YK_UNLOCK_LOG_TIME_SIZE + 1,
                              len - YK_UNLOCK_LOG_TIME_SIZE - 1);
  return entry;
}

static void
entry_free (gpointer data)
{
  YkUnlockLogEntry *entry = data;

  g_free (entry->account);
  g_free (entry);
}

YkUnlockLog *
yk_unlock_log_parse (const guint8 *data,
                     gsize         size)
{
  YkUnlockLog *log = g_new0 (YkUnlockLog, 1);
  gsize start = 0;

  log->entries = g_ptr_array_new_with_free_func (entry_free);
  while (start < size)
    {
      const guint8 *newline = memchr (data + start, '\n', size - start);
      YkUnlockLogEntry *entry;

      if (newline == NULL)
        {
          /* Cut short: a line is written whole, newline and all. */
          log->malformed++;
          break;
        }
      entry = parse_line (data + start, (gsize) (newline - (data + start)));
      if (entry != NULL)
        g_ptr_array_add (log->entries, entry);
      else
        log->malformed++;
      start = (gsize) (newline - data) + 1;
    }
  return log;
}

void
yk_unlock_log_free (YkUnlockLog *log)
{
  if (log == NULL)
    return;
  g_ptr_array_unref (log->entries);
  g_free (log);
}
