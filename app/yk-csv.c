/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-csv.h"
#include "yk-app-error.h"

#include <glib/gi18n.h>
#include <string.h>

static void
record_free (YkCsvRecord *record)
{
  g_strfreev (record->fields);
  g_free (record);
}

void
yk_csv_free (YkCsv *csv)
{
  if (csv == NULL)
    return;
  g_clear_pointer (&csv->records, g_ptr_array_unref);
  g_free (csv->encoding);
  g_free (csv);
}

/* The whole buffer is converted first: quoted fields hold line breaks, so
 * lines cannot be converted one by one. */
static char *
to_utf8 (const char *data,
         gsize       length,
         char      **encoding,
         GError    **error)
{
  g_autoptr (GError) convert_error = NULL;
  gsize read = 0;
  char *text;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      const char *end = NULL;

      /* A BOM says UTF-8: a byte that is not is an error, not GB18030. */
      if (!g_utf8_validate_len (data + 3, length - 3, &end))
        {
          g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                       _("the file says it is %1$s but byte %2$lu is not"), "UTF-8",
                       (unsigned long) (end - data));
          return NULL;
        }
      *encoding = g_strdup ("UTF-8 (BOM)");
      return g_strndup (data + 3, length - 3);
    }
  if (length >= 2 && (memcmp (data, "\xff\xfe", 2) == 0 || memcmp (data, "\xfe\xff", 2) == 0))
    {
      const char *from = data[0] == '\xff' ? "UTF-16LE" : "UTF-16BE";
      *encoding = g_strdup (from);
      text = g_convert (data + 2, (gssize) length - 2, "UTF-8", from, &read, NULL, &convert_error);
      if (text == NULL)
        {
          g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                       _("the file says it is %1$s but byte %2$lu is not"), from, (unsigned long) (read + 2));
          return NULL;
        }
      return text;
    }
  if (g_utf8_validate_len (data, length, NULL))
    {
      *encoding = g_strdup ("UTF-8");
      return g_strndup (data, length);
    }
  *encoding = g_strdup ("GB18030");
  text = g_convert (data, (gssize) length, "UTF-8", "GB18030", &read, NULL, &convert_error);
  if (text == NULL)
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                   _("the file is neither UTF-8 nor GB18030 (byte %1$lu cannot be read)"), (unsigned long) read);
      return NULL;
    }
  return text;
}

static void
end_field (GPtrArray *fields, GString *field)
{
  g_ptr_array_add (fields, g_strstrip (g_strdup (field->str)));
  g_string_truncate (field, 0);
}

static void
end_record (YkCsv *csv, GPtrArray *fields, guint line)
{
  YkCsvRecord *record = g_new0 (YkCsvRecord, 1);

  g_ptr_array_add (fields, NULL);
  record->line = line;
  record->fields = (GStrv) g_ptr_array_steal (fields, NULL);
  g_ptr_array_unref (fields);
  g_ptr_array_add (csv->records, record);
}

static GPtrArray *
new_fields (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

static gboolean
only_spaces (const GString *text)
{
  for (gsize i = 0; i < text->len; i++)
    if (!g_ascii_isspace (text->str[i]))
      return FALSE;
  return TRUE;
}

static gboolean
blank_record (GPtrArray *fields)
{
  return fields->len == 1 && *(const char *) fields->pdata[0] == '\0';
}

YkCsv *
yk_csv_parse (const char *data,
              gsize       length,
              GError    **error)
{
  g_autoptr (YkCsv) csv = g_new0 (YkCsv, 1);
  g_autoptr (GString) field = g_string_new (NULL);
  g_autofree char *text = NULL;
  GPtrArray *fields = new_fields ();
  gboolean quoted = FALSE, was_quoted = FALSE;
  guint line = 1, record_line = 1;
  const char *p;

  csv->records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  text = to_utf8 (data, length, &csv->encoding, error);
  if (text == NULL)
    {
      g_ptr_array_unref (fields);
      return NULL;
    }

  for (p = text; *p; p++)
    {
      char c = *p;

      if (quoted)
        {
          if (c == '"' && p[1] == '"')
            g_string_append_c (field, '"'), p++;
          else if (c == '"')
            quoted = FALSE;
          else if (c == '\r' || c == '\n')
            {
              /* Line breaks inside a field, CRLF (Excel), CR or LF, become LF. */
              if (c == '\r' && p[1] == '\n')
                p++;
              g_string_append_c (field, '\n');
              line++;
            }
          else
            g_string_append_c (field, c);
          continue;
        }
      if (c == '"' && only_spaces (field) && !was_quoted)
        {
          g_string_truncate (field, 0);
          quoted = was_quoted = TRUE;
        }
      else if (c == '"')
        {
          g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                       _("line %1$u: a double quote in the middle of a field; quote the whole field and "
                         "double the quotes inside it"), line);
          g_ptr_array_unref (fields);
          return NULL;
        }
      else if (c == ',')
        {
          end_field (fields, field);
          was_quoted = FALSE;
        }
      else if (c == '\n' || c == '\r')
        {
          end_field (fields, field);
          was_quoted = FALSE;
          if (blank_record (fields))
            g_ptr_array_unref (fields);
          else
            end_record (csv, fields, record_line);
          fields = new_fields ();
          if (c == '\r' && p[1] == '\n')
            p++;
          line++;
          record_line = line;
        }
      else
        g_string_append_c (field, c);
    }
  if (quoted)
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                   _("line %1$u: a quoted field is never closed"), record_line);
      g_ptr_array_unref (fields);
      return NULL;
    }
  end_field (fields, field);
  if (blank_record (fields))
    g_ptr_array_unref (fields);
  else
    end_record (csv, fields, record_line);
  return g_steal_pointer (&csv);
}

YkCsv *
yk_csv_read_file (const char *path,
                  GError    **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  return yk_csv_parse (data, length, error);
}
