/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the ledger's CSV reader (app/yk-csv.c): any bytes
 * must be read or refused with an error, never crash; what is read is
 * UTF-8, with line numbers in order; and writing the fields back out as
 * RFC 4180 and reading them again gives the same fields. */
#include "fuzz-common.h"
#include "yk-csv.h"

#include <string.h>

static char *
write_csv (YkCsv *csv)
{
  GString *out = g_string_new (NULL);

  for (guint r = 0; r < csv->records->len; r++)
    {
      YkCsvRecord *record = csv->records->pdata[r];

      for (guint f = 0; record->fields[f]; f++)
        {
          if (f > 0)
            g_string_append_c (out, ',');
          g_string_append_c (out, '"');
          for (const char *p = record->fields[f]; *p; p++)
            {
              if (*p == '"')
                g_string_append_c (out, '"');
              g_string_append_c (out, *p);
            }
          g_string_append_c (out, '"');
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

static gboolean
blank (YkCsvRecord *record)
{
  return g_strv_length (record->fields) == 1 && record->fields[0][0] == '\0';
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
  g_autoptr (GError) error = NULL;
  g_autoptr (YkCsv) csv = yk_csv_parse ((const char *) data, size, &error);
  g_autoptr (YkCsv) again = NULL;
  g_autofree char *written = NULL;
  guint previous_line = 0;

  FUZZ_CHECK ((csv == NULL) == (error != NULL));
  if (csv == NULL)
    return 0;
  FUZZ_CHECK (csv->encoding != NULL);
  for (guint r = 0; r < csv->records->len; r++)
    {
      YkCsvRecord *record = csv->records->pdata[r];

      FUZZ_CHECK (record->line > previous_line);
      previous_line = record->line;
      FUZZ_CHECK (!blank (record));
      for (guint f = 0; record->fields[f]; f++)
        FUZZ_CHECK (g_utf8_validate (record->fields[f], -1, NULL));
    }

  written = write_csv (csv);
  again = yk_csv_parse (written, strlen (written), &error);
  FUZZ_CHECK (again != NULL);
  FUZZ_CHECK (again->records->len == csv->records->len);
  for (guint r = 0; r < csv->records->len; r++)
    {
      YkCsvRecord *a = csv->records->pdata[r], *b = again->records->pdata[r];

      FUZZ_CHECK (g_strv_equal ((const char *const *) a->fields, (const char *const *) b->fields));
    }
  return 0;
}
