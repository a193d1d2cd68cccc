/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-validate.h"
#include "yk-app-error.h"

#include <glib/gi18n.h>
#include <string.h>

static gboolean
parse_number (const char **p,
              guint        max_digits,
              guint       *value)
{
  guint digits = 0;

  *value = 0;
  while (g_ascii_isdigit (**p) && digits < max_digits)
    {
      *value = *value * 10 + (guint) (**p - '0');
      (*p)++;
      digits++;
    }
  return digits > 0;
}

gboolean
yk_date_parse (const char *text,
               GDate      *date,
               GError    **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  const char *p = trimmed;
  const char *separators[3] = { NULL, NULL, NULL };
  guint year, month, day;

  g_date_clear (date, 1);
  /* Which form: the first separator decides what the others must be. */
  if (parse_number (&p, 4, &year))
    {
      if (g_str_has_prefix (p, "-"))
        separators[0] = "-", separators[1] = "-";
      else if (g_str_has_prefix (p, "/"))
        separators[0] = "/", separators[1] = "/";
      else if (g_str_has_prefix (p, "年"))
        separators[0] = "年", separators[1] = "月", separators[2] = "日";
    }
  if (separators[0] == NULL || p - trimmed != 4)
    goto not_a_date;
  p += strlen (separators[0]);
  if (!parse_number (&p, 2, &month) || !g_str_has_prefix (p, separators[1]))
    goto not_a_date;
  p += strlen (separators[1]);
  if (!parse_number (&p, 2, &day))
    goto not_a_date;
  if (separators[2] != NULL)
    {
      if (!g_str_has_prefix (p, separators[2]))
        goto not_a_date;
      p += strlen (separators[2]);
    }
  if (*p != '\0')
    goto not_a_date;

  if (year < 1900 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                   _("“%1$s” is not a date that exists"), trimmed);
      return FALSE;
    }
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;

not_a_date:
  g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
               _("“%1$s” is not a date; write it as 2021-03-05, 2021/3/5 or 2021年3月5日"), trimmed);
  return FALSE;
}

static gboolean
set_existing_date (const char *text,
                   guint       year,
                   guint       month,
                   guint       day,
                   GDate      *date,
                   GError    **error)
{
  if (year < 1900 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID, _("“%1$s” is not a date that exists"), text);
      return FALSE;
    }
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/* Days back from today that a word names, or -1. */
static int
relative_day (const char *text)
{
  static const struct
  {
    const char *word;
    int days_back;
  } words[] = {
    { "今天", 0 }, { "today", 0 }, { "昨天", 1 }, { "yesterday", 1 }, { "前天", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_ascii_strcasecmp (text, words[i].word) == 0)
      return words[i].days_back;
  return -1;
}

gboolean
yk_date_parse_typed (const char  *text,
                     const GDate *today,
                     GDate       *date,
                     GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  const char *p = trimmed;
  int days_back;
  guint month, day;

  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  /* The ledger's forms first, so they keep their own messages. */
  if (yk_date_parse (trimmed, date, NULL))
    return TRUE;
  g_date_clear (date, 1);

  days_back = relative_day (trimmed);
  if (days_back >= 0)
    {
      *date = *today;
      g_date_subtract_days (date, (guint) days_back);
      return TRUE;
    }

  /* 20211203: what people type when the separators slow them down. */
  if (strlen (trimmed) == 8 && strspn (trimmed, "0123456789") == 8)
    {
      guint year;

      parse_number (&p, 4, &year);
      parse_number (&p, 2, &month);
      parse_number (&p, 2, &day);
      return set_existing_date (trimmed, year, month, day, date, error);
    }

  /* 12.3, 12-3, 12/3, 12月3日: a day of this year. */
  if (parse_number (&p, 2, &month))
    {
      const char *after_month = NULL;

      if (*p == '.' || *p == '-' || *p == '/')
        after_month = p + 1;
      else if (g_str_has_prefix (p, "月"))
        after_month = p + strlen ("月");
      if (after_month != NULL)
        {
          gboolean chinese = g_str_has_prefix (p, "月");

          p = after_month;
          if (parse_number (&p, 2, &day) && (!chinese || g_str_has_prefix (p, "日") || *p == '\0'))
            {
              if (chinese && *p != '\0')
                p += strlen ("日");
              if (*p == '\0')
                return set_existing_date (trimmed, g_date_get_year (today), month, day, date, error);
            }
        }
    }

  g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
               _("“%1$s” is not a date; write it as 2021-03-05, 12.3 or today"), trimmed);
  return FALSE;
}

char *
yk_date_format_iso (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

void
yk_date_today (GDate *date)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
}

gboolean
yk_id_number_check (const char *id_number,
                    GDate      *birth_date,
                    GError    **error)
{
  static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  static const char check_digits[] = "10X98765432";
  int sum = 0;
  guint year, month, day;

  if (id_number == NULL || strlen (id_number) != 18)
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                           _("A resident ID number has 18 characters"));
      return FALSE;
    }
  for (int i = 0; i < 17; i++)
    {
      if (!g_ascii_isdigit (id_number[i]))
        {
          g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                               _("The first 17 characters of a resident ID number are digits"));
          return FALSE;
        }
      sum += (id_number[i] - '0') * weights[i];
    }
  if (g_ascii_toupper (id_number[17]) != check_digits[sum % 11])
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                           _("The resident ID number’s last character does not match the others "
                             "(check digit); one of them is mistyped"));
      return FALSE;
    }
  {
    char part[5] = { 0 };

    memcpy (part, id_number + 6, 4);
    year = (guint) g_ascii_strtoull (part, NULL, 10);
    memset (part, 0, sizeof part);
    memcpy (part, id_number + 10, 2);
    month = (guint) g_ascii_strtoull (part, NULL, 10);
    memcpy (part, id_number + 12, 2);
    day = (guint) g_ascii_strtoull (part, NULL, 10);
  }
  if (year < 1900 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                           _("The birth date inside the resident ID number does not exist"));
      return FALSE;
    }
  if (birth_date != NULL)
    {
      g_date_clear (birth_date, 1);
      g_date_set_dmy (birth_date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
    }
  return TRUE;
}

gboolean
yk_id_number_facts (const char  *id_number,
                    GDate       *birth_date,
                    const char **gender)
{
  if (!yk_id_number_check (id_number, birth_date, NULL))
    return FALSE;
  *gender = (id_number[16] - '0') % 2 == 1 ? "男" : "女";
  return TRUE;
}

gboolean
yk_boolean_parse (const char *text,
                  gboolean   *value)
{
  static const char *const yes[] = { "是", "yes", "true", "1", NULL };
  static const char *const no[] = { "否", "no", "false", "0", NULL };
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));

  for (guint i = 0; yes[i]; i++)
    if (g_ascii_strcasecmp (trimmed, yes[i]) == 0)
      return *value = TRUE, TRUE;
  for (guint i = 0; no[i]; i++)
    if (g_ascii_strcasecmp (trimmed, no[i]) == 0)
      return *value = FALSE, TRUE;
  return FALSE;
}
