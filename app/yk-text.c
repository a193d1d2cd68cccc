/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-config.h"
#include "yk-text.h"

#include <glib/gi18n.h>
#include <string.h>

int
yk_text_width (const char *text)
{
  int width = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return width;
}

/* printf's %-20s pads bytes; this pads to what a terminal shows. */
void
yk_text_append_padded (GString    *out,
                       const char *text,
                       int         columns,
                       gboolean    right)
{
  int pad = MAX (columns - yk_text_width (text), 0);

  if (right)
    for (int i = 0; i < pad; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, text);
  if (!right)
    for (int i = 0; i < pad; i++)
      g_string_append_c (out, ' ');
}

void
yk_text_append_csv_field (GString    *out,
                          const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* A formula character, after any number of ': the cells the export
 * guards with one more ' and the import takes one ' off again. Counting
 * the ' makes the two exact inverses: '=1 typed is written ''=1 and read
 * back as '=1. */
static gboolean
starts_formula (const char *text)
{
  while (*text == '\'')
    text++;
  return *text != '\0' && strchr ("=+-@\t\r", *text) != NULL;
}

void
yk_text_append_csv_text (GString    *out,
                         const char *text)
{
  g_autofree char *guarded = NULL;

  if (starts_formula (text))
    text = guarded = g_strconcat ("'", text, NULL);
  yk_text_append_csv_field (out, text);
}

const char *
yk_text_csv_unguard (const char *text)
{
  return text[0] == '\'' && starts_formula (text) ? text + 1 : text;
}

void
yk_text_append_json_string (GString    *out,
                            const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

char *
yk_text_mask_name (const char *name)
{
  GString *masked;

  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL))
    return g_strdup ("");
  masked = g_string_new_len (name, g_utf8_next_char (name) - name);
  for (const char *p = g_utf8_next_char (name); *p != '\0'; p = g_utf8_next_char (p))
    g_string_append_c (masked, '*');
  return g_string_free (masked, FALSE);
}

/* Sentence ends, and separators a typed text may already end with. */
static gboolean
is_part_end (gunichar c)
{
  return c == '.' || c == ';' || c == ',' || c == 0x3002 /* 。 */ || c == 0xFF1B /* ； */ ||
         c == 0xFF0C /* ， */ || c == 0xFF0E /* ． */ || g_unichar_isspace (c);
}

static void
strip_part_end (GString *out)
{
  while (out->len > 0)
    {
      const char *last = g_utf8_find_prev_char (out->str, out->str + out->len);

      if (last == NULL || !is_part_end (g_utf8_get_char (last)))
        break;
      g_string_truncate (out, last - out->str);
    }
}

void
yk_text_append_part (GString    *out,
                     const char *separator,
                     const char *part)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (separator != NULL);

  if (part == NULL || !g_utf8_validate (part, -1, NULL))
    return;
  while (*part != '\0' && g_unichar_isspace (g_utf8_get_char (part)))
    part = g_utf8_next_char (part);
  if (*part == '\0')
    return;
  if (out->len > 0)
    {
      strip_part_end (out);
      if (out->len > 0)
        g_string_append (out, separator);
    }
  g_string_append (out, part);
}

char *
yk_text_join_parts (const char        *separator,
                    const char *const *parts)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
    yk_text_append_part (out, separator, parts[i]);
  return g_string_free (out, out->len == 0);
}

/* A recovery key in three lines of three groups, for the screen and for
 * paper: one line is too wide for either at a size that is easy to copy. */
char *
yk_text_recovery_key_lines (const char *key)
{
  GString *lines = g_string_new (NULL);
  guint dashes = 0;

  for (const char *p = key; *p != '\0'; p++)
    {
      g_string_append_c (lines, *p);
      if (*p == '-' && ++dashes % 3 == 0)
        g_string_append_c (lines, '\n');
    }
  return g_string_free (lines, FALSE);
}

/* When a snapshot was taken, as the district view's header says it:
 * "12月30日 17:04，2 小时前" in local time. `now` and `then` are Unix
 * seconds; a time in the future (a PC's clock ahead) says only the date. */
char *
yk_text_time_ago (gint64 then,
                  gint64 now)
{
  g_autoptr (GDateTime) when = g_date_time_new_from_unix_local (then);
  g_autofree char *date = NULL;
  gint64 minutes = (now - then) / 60;
  g_autofree char *ago = NULL;

  if (when == NULL)
    return g_strdup ("?");
  /* TRANSLATORS: a snapshot's date and time, g_date_time_format() syntax. */
  date = g_date_time_format (when, _("%b %-d %H:%M"));
  if (now < then)
    return g_steal_pointer (&date);
  if (minutes < 1)
    ago = g_strdup (_("just now"));
  else if (minutes < 60)
    ago = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$d minute ago", "%1$d minutes ago", minutes),
                           (int) minutes);
  else if (minutes < 48 * 60)
    ago = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$d hour ago", "%1$d hours ago", minutes / 60),
                           (int) (minutes / 60));
  else
    ago = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$d day ago", "%1$d days ago", minutes / (24 * 60)),
                           (int) (minutes / (24 * 60)));
  /* TRANSLATORS: date and time, then how long ago: "Dec 30 17:04, 2 hours ago". */
  return g_strdup_printf (_("%1$s, %2$s"), date, ago);
}
