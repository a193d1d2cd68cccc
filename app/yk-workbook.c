/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-workbook-private.h"
#include "yk-app-error.h"

#include <freexl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gsf/gsf.h>
#include <gsf/gsf-infile-impl.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <string.h>

/* libgsf 1.14.50 (Debian 12) declares no autoptr cleanup of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)

/* Excel's own limits, and ours on what a workbook may make us hold. */
static guint max_cells = YK_WORKBOOK_MAX_CELLS;
static gsize max_member_bytes = YK_WORKBOOK_MAX_MEMBER_BYTES;

/* What one sheet is being turned into, and how much the whole workbook
 * has cost so far. */
typedef struct
{
  const char *sheet;
  YkCsv *csv;
  GPtrArray *row;       /* char *, the row being read; NULL for gaps */
  guint row_number;     /* from 1 */
  guint64 *cells;       /* fields held, the whole workbook */
  guint64 *bytes;       /* text held, the whole workbook */
  guint error_row;
} SheetBuilder;

/* For messages: the limit in MiB, rounded up. */
static unsigned long
limit_mib (void)
{
  return (unsigned long) ((max_member_bytes + (1u << 20) - 1) >> 20);
}

void
_yk_workbook_set_limits (guint max_cells_, gsize max_member_bytes_)
{
  max_cells = max_cells_ ? max_cells_ : YK_WORKBOOK_MAX_CELLS;
  max_member_bytes = max_member_bytes_ ? max_member_bytes_ : YK_WORKBOOK_MAX_MEMBER_BYTES;
}

static void
sheet_free (YkWorkbookSheet *sheet)
{
  g_free (sheet->name);
  yk_csv_free (sheet->csv);
  g_clear_error (&sheet->error);
  g_free (sheet);
}

void
yk_workbook_free (YkWorkbook *workbook)
{
  if (workbook == NULL)
    return;
  g_clear_pointer (&workbook->sheets, g_ptr_array_unref);
  g_free (workbook);
}

gboolean
yk_workbook_is_workbook_path (const char *path)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  lower = g_ascii_strdown (path, -1);
  return g_str_has_suffix (lower, ".xlsx") || g_str_has_suffix (lower, ".xls");
}

static YkWorkbook *
workbook_new (void)
{
  YkWorkbook *workbook = g_new0 (YkWorkbook, 1);

  workbook->sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_free);
  return workbook;
}

/* "B3" for row 3, column 2 (both from 1). */
static char *
cell_name (guint row, guint column)
{
  char letters[8];
  int n = 0;

  for (guint c = column; c > 0 && n < 7; c = (c - 1) / 26)
    letters[n++] = (char) ('A' + (c - 1) % 26);
  {
    g_autoptr (GString) name = g_string_new (NULL);

    while (n > 0)
      g_string_append_c (name, letters[--n]);
    g_string_append_printf (name, "%u", row);
    return g_string_free (g_steal_pointer (&name), FALSE);
  }
}

/* ---- Building the YkCsv ------------------------------------------------ */

static void
csv_record_free (YkCsvRecord *record)
{
  g_strfreev (record->fields);
  g_free (record);
}

static void
builder_init (SheetBuilder *b, const char *sheet, guint64 *cells, guint64 *bytes)
{
  memset (b, 0, sizeof *b);
  b->sheet = sheet;
  b->csv = g_new0 (YkCsv, 1);
  b->csv->records = g_ptr_array_new_with_free_func ((GDestroyNotify) csv_record_free);
  b->csv->encoding = g_strdup ("UTF-8");
  b->row = g_ptr_array_new_with_free_func (g_free);
  b->cells = cells;
  b->bytes = bytes;
  b->error_row = 1;
}

static void
builder_clear (SheetBuilder *b)
{
  yk_csv_free (b->csv);
  g_clear_pointer (&b->row, g_ptr_array_unref);
}

/* The row read so far becomes a record, unless it holds nothing. */
static gboolean
builder_end_row (SheetBuilder *b, GError **error)
{
  YkCsvRecord *record;

  while (b->row->len > 0 && b->row->pdata[b->row->len - 1] == NULL)
    g_ptr_array_set_size (b->row, b->row->len - 1);
  if (b->row->len == 0)
    return TRUE;
  *b->cells += b->row->len;
  if (*b->cells > max_cells)
    {
      b->error_row = b->row_number;
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                   _("Sheet “%1$s” row %2$u: the workbook has more than %3$u cells, too many to import at once"),
                   b->sheet, b->row_number, max_cells);
      return FALSE;
    }
  record = g_new0 (YkCsvRecord, 1);
  record->line = b->row_number;
  record->fields = g_new0 (char *, b->row->len + 1);
  for (guint i = 0; i < b->row->len; i++)
    record->fields[i] = b->row->pdata[i] ? g_steal_pointer (&b->row->pdata[i]) : g_strdup ("");
  g_ptr_array_set_size (b->row, 0);
  g_ptr_array_add (b->csv->records, record);
  return TRUE;
}

/* Rows come in order; a cell that goes back to an earlier row, or to a
 * column already given, is a broken file. */
static gboolean
builder_set (SheetBuilder *b, guint row, guint column, char *text, GError **error)
{
  g_autofree char *owned = text;
  gsize length;

  if (row < b->row_number ||
      (row == b->row_number && column <= b->row->len && b->row->pdata[column - 1] != NULL))
    {
      g_autofree char *name = cell_name (row, column);

      b->error_row = row;
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                   _("Sheet “%1$s” cell %2$s: the cell is out of order or given twice"), b->sheet, name);
      return FALSE;
    }
  if (row > b->row_number)
    {
      if (!builder_end_row (b, error))
        return FALSE;
      b->row_number = row;
    }
  g_strstrip (owned);
  if (*owned == '\0')
    return TRUE;
  length = strlen (owned);
  *b->bytes += length;
  if (*b->bytes > max_member_bytes)
    {
      g_autofree char *name = cell_name (row, column);

      b->error_row = row;
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                   _("Sheet “%1$s” cell %2$s: the workbook holds more than %3$lu MiB of text, too much to import at once"),
                   b->sheet, name, limit_mib ());
      return FALSE;
    }
  /* Gaps count towards the limit: they become empty fields. */
  if (*b->cells + column > max_cells)
    {
      b->error_row = row;
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                   _("Sheet “%1$s” row %2$u: the workbook has more than %3$u cells, too many to import at once"),
                   b->sheet, row, max_cells);
      return FALSE;
    }
  if (b->row->len < column)
    g_ptr_array_set_size (b->row, column);
  b->row->pdata[column - 1] = g_steal_pointer (&owned);
  return TRUE;
}

static YkCsv *
builder_finish (SheetBuilder *b, GError **error)
{
  if (!builder_end_row (b, error))
    return NULL;
  return g_steal_pointer (&b->csv);
}

/* ---- Values ------------------------------------------------------------ */

/* Whole numbers as digits (a phone number stored as a number must come
 * out as 13800001234), others as the shortest text that reads back the
 * same. */
static char *
number_text (double x)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (x == floor (x) && fabs (x) < 9007199254740992.0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) x);
  for (int digits = 1; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buffer, sizeof buffer, format, x);
      if (g_ascii_strtod (buffer, NULL) == x)
        break;
    }
  return g_strdup (buffer);
}

/* A serial day number as 2021-03-05; the time of day is dropped. */
static char *
serial_date (double serial, gboolean date1904)
{
  GDate date;
  double day = floor (serial);

  /* 9999-12-31 is 2958465 in the 1900 system. */
  if (!(day >= 0 && day <= 2958465))
    return NULL;
  if (date1904)
    g_date_set_dmy (&date, 1, G_DATE_JANUARY, 1904);
  else if (day >= 61)
    g_date_set_dmy (&date, 30, G_DATE_DECEMBER, 1899);
  else
    {
      /* Before Excel's imaginary 1900-02-29 (day 60), day 1 is 1900-01-01. */
      if (day == 60 || day == 0)
        return NULL;
      g_date_set_dmy (&date, 31, G_DATE_DECEMBER, 1899);
    }
  g_date_add_days (&date, (guint) day);
  if (!g_date_valid (&date) || g_date_get_year (&date) > 9999)
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
}

/* "2021-03-05" from "2021-03-05T10:00:00" (or "2021-03-05 10:00:00"),
 * NULL unless the text starts with such a date: cutting at ten bytes
 * could split a UTF-8 character. */
static char *
iso_date_part (const char *text)
{
  for (int i = 0; i < 10; i++)
    if (i == 4 || i == 7 ? text[i] != '-' : !g_ascii_isdigit (text[i]))
      return NULL;
  return g_strndup (text, 10);
}

/* Is this custom number format a date? It shows a year, a day, or a month
 * without hours or seconds (then m is minutes). Quoted text, [colours]
 * and escaped characters are not codes. */
static gboolean
format_is_date (const char *code)
{
  gboolean y = FALSE, d = FALSE, m = FALSE, h = FALSE, s = FALSE;

  for (const char *p = code; *p; p++)
    {
      switch (*p)
        {
        case '"':
          while (p[1] && p[1] != '"')
            p++;
          if (p[1])
            p++;
          break;
        case '[':
          while (p[1] && p[1] != ']')
            p++;
          if (p[1])
            p++;
          break;
        case '\\':
        case '_':
        case '*':
          if (p[1])
            p++;
          break;
        case 'y': case 'Y': y = TRUE; break;
        case 'd': case 'D': d = TRUE; break;
        case 'm': case 'M': m = TRUE; break;
        case 'h': case 'H': h = TRUE; break;
        case 's': case 'S': s = TRUE; break;
        case 'e': case 'E': y = TRUE; break; /* e: the year, in Chinese formats */
        default: break;
        }
    }
  return y || d || (m && !h && !s);
}

static gboolean
builtin_format_is_date (guint id)
{
  return (id >= 14 && id <= 22) || (id >= 45 && id <= 47) ||
         /* The Chinese locale's built-in dates: 年月日 formats. */
         (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

/* ---- xlsx: the zip and its XML ----------------------------------------- */

typedef struct
{
  GsfInfile *zip;
  char *label;            /* for messages: the file's name */
  GPtrArray *strings;     /* shared strings */
  GArray *date_styles;    /* gboolean per cellXfs index */
  gboolean date1904;
  guint64 cells;
  guint64 bytes;
  guint64 inflated;       /* all members read so far, uncompressed */
} Xlsx;

static void
xlsx_clear (Xlsx *x)
{
  g_clear_object (&x->zip);
  g_clear_pointer (&x->strings, g_ptr_array_unref);
  g_clear_pointer (&x->date_styles, g_array_unref);
}

/* A zip member, read in pieces so that what it claims to hold costs
 * nothing until it is really there, up to the limit. NULL without error
 * when the member is absent. */
static GBytes *
xlsx_member (Xlsx *x, const char *path, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (path, "/", -1);
  g_autoptr (GsfInput) input = NULL;
  g_autoptr (GByteArray) data = g_byte_array_new ();
  guint8 chunk[65536];

  for (guint i = 0; parts[i]; i++)
    if (parts[i][0] == '\0' || g_str_equal (parts[i], "..") || g_str_equal (parts[i], "."))
      {
        g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                     _("The workbook names a part “%1$s” that cannot be inside it"), path);
        return NULL;
      }
  /* Through the class, not gsf_infile_child_by_name(): that one turns a
   * damaged member into a g_warning() instead of an error. */
  {
    GsfInfile *dir = g_object_ref (x->zip);

    for (guint i = 0; parts[i] && dir != NULL; i++)
      {
        GError *child_error = NULL;
        GsfInput *child = NULL;
        GsfInfileClass *klass = GSF_INFILE_CLASS (G_OBJECT_GET_CLASS (dir));

        if (klass->child_by_name != NULL)
          child = klass->child_by_name (dir, parts[i], &child_error);
        g_object_unref (dir);
        dir = NULL;
        if (child_error != NULL)
          {
            g_clear_object (&child);
            g_clear_error (&child_error);
            g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID, _("The workbook part “%1$s” is damaged"), path);
            return NULL;
          }
        if (child == NULL)
          return NULL;
        if (parts[i + 1] == NULL)
          input = child;
        else if (GSF_IS_INFILE (child))
          dir = GSF_INFILE (child);
        else
          g_object_unref (child);
      }
    g_clear_object (&dir);
  }
  if (input == NULL)
    return NULL;
  while (gsf_input_remaining (input) > 0)
    {
      gsf_off_t want = MIN (gsf_input_remaining (input), (gsf_off_t) sizeof chunk);

      if (data->len + (gsize) want > max_member_bytes)
        {
          g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                       _("The workbook part “%1$s” is larger than %2$lu MiB uncompressed"), path,
                       limit_mib ());
          return NULL;
        }
      /* Many sheets each under the limit must not add up to hours of
       * inflating: the whole workbook may hold twice one member's limit. */
      if (x->inflated + data->len + (guint64) want > 2 * (guint64) max_member_bytes)
        {
          g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                       _("The workbook is larger than %1$lu MiB uncompressed"), 2 * limit_mib ());
          return NULL;
        }
      if (gsf_input_read (input, (size_t) want, chunk) == NULL)
        {
          g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                       _("The workbook part “%1$s” is damaged"), path);
          return NULL;
        }
      g_byte_array_append (data, chunk, (guint) want);
    }
  x->inflated += data->len;
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static xmlTextReaderPtr
xml_reader (GBytes *bytes)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  if (size > G_MAXINT)
    return NULL;
  /* No network, no DTD loading, no entity substitution: only the data. */
  return xmlReaderForMemory (data, (int) size, NULL, NULL,
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

static gboolean
is_element (xmlTextReaderPtr reader, const char *name)
{
  const xmlChar *local = xmlTextReaderConstLocalName (reader);

  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT && local != NULL &&
         strcmp ((const char *) local, name) == 0;
}

static gboolean
is_end (xmlTextReaderPtr reader, const char *name)
{
  const xmlChar *local = xmlTextReaderConstLocalName (reader);

  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_END_ELEMENT && local != NULL &&
         strcmp ((const char *) local, name) == 0;
}

static char *
attribute (xmlTextReaderPtr reader, const char *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (reader, (const xmlChar *) name);
  char *copy = value ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

/* The text of the element the reader is on, its children included. */
static char *
element_text (xmlTextReaderPtr reader)
{
  xmlChar *value = xmlTextReaderReadString (reader);
  char *copy = g_strdup (value ? (const char *) value : "");

  xmlFree (value);
  return copy;
}

static gboolean
xml_failed (const char *part, GError **error)
{
  g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID, _("The workbook part “%1$s” is not well-formed XML"), part);
  return FALSE;
}

/* Strings are <si><t>…</t></si>, or rich text runs <si><r><t>…</t></r>…;
 * <rPh> holds phonetic guides, not part of the text. */
static gboolean
read_shared_strings (Xlsx *x, GError **error)
{
  const char *part = "xl/sharedStrings.xml";
  g_autoptr (GBytes) bytes = NULL;
  xmlTextReaderPtr reader;
  g_autoptr (GString) current = NULL;
  GError *member_error = NULL;
  guint64 total = 0;
  gboolean again = FALSE;
  int rc = 1;

  x->strings = g_ptr_array_new_with_free_func (g_free);
  bytes = xlsx_member (x, part, &member_error);
  if (bytes == NULL)
    {
      if (member_error == NULL)
        return TRUE; /* a workbook of numbers only has none */
      g_propagate_error (error, member_error);
      return FALSE;
    }
  reader = xml_reader (bytes);
  if (reader == NULL)
    return xml_failed (part, error);
  /* again: the reader already stands on the next node (after Next). */
  while (again || (rc = xmlTextReaderRead (reader)) == 1)
    {
      again = FALSE;
      if (is_element (reader, "si"))
        {
          if (current != NULL)
            g_string_free (g_steal_pointer (&current), TRUE);
          current = g_string_new (NULL);
          if (xmlTextReaderIsEmptyElement (reader))
            g_ptr_array_add (x->strings, g_string_free (g_steal_pointer (&current), FALSE));
        }
      else if (is_element (reader, "rPh"))
        {
          /* Next lands on the following sibling: look at it as read. */
          rc = xmlTextReaderNext (reader);
          if (rc != 1)
            break;
          again = TRUE;
        }
      else if (is_element (reader, "t") && current != NULL)
        {
          g_autofree char *text = element_text (reader);

          total += strlen (text);
          if (total > max_member_bytes)
            {
              xmlFreeTextReader (reader);
              g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                           _("The workbook part “%1$s” is larger than %2$lu MiB uncompressed"), part,
                           limit_mib ());
              return FALSE;
            }
          g_string_append (current, text);
        }
      else if (is_end (reader, "si") && current != NULL)
        g_ptr_array_add (x->strings, g_string_free (g_steal_pointer (&current), FALSE));
    }
  xmlFreeTextReader (reader);
  if (current != NULL)
    g_string_free (g_steal_pointer (&current), TRUE);
  return rc == 0 ? TRUE : xml_failed (part, error);
}

/* Which cell styles (cellXfs, by position) show a date. */
static gboolean
read_styles (Xlsx *x, GError **error)
{
  const char *part = "xl/styles.xml";
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GHashTable) custom_dates = g_hash_table_new (g_direct_hash, g_direct_equal);
  xmlTextReaderPtr reader;
  GError *member_error = NULL;
  gboolean in_cell_xfs = FALSE;
  int rc;

  x->date_styles = g_array_new (FALSE, TRUE, sizeof (gboolean));
  bytes = xlsx_member (x, part, &member_error);
  if (bytes == NULL)
    {
      if (member_error == NULL)
        return TRUE;
      g_propagate_error (error, member_error);
      return FALSE;
    }
  reader = xml_reader (bytes);
  if (reader == NULL)
    return xml_failed (part, error);
  while ((rc = xmlTextReaderRead (reader)) == 1)
    {
      if (is_element (reader, "numFmt"))
        {
          g_autofree char *id = attribute (reader, "numFmtId");
          g_autofree char *code = attribute (reader, "formatCode");

          if (id != NULL && code != NULL && format_is_date (code))
            g_hash_table_add (custom_dates, GUINT_TO_POINTER ((guint) g_ascii_strtoull (id, NULL, 10)));
        }
      else if (is_element (reader, "cellXfs") && !xmlTextReaderIsEmptyElement (reader))
        in_cell_xfs = TRUE;
      else if (is_end (reader, "cellXfs"))
        in_cell_xfs = FALSE;
      else if (in_cell_xfs && is_element (reader, "xf"))
        {
          g_autofree char *id_text = attribute (reader, "numFmtId");
          guint id = id_text ? (guint) g_ascii_strtoull (id_text, NULL, 10) : 0;
          gboolean date = builtin_format_is_date (id) || g_hash_table_contains (custom_dates, GUINT_TO_POINTER (id));

          if (x->date_styles->len >= 65536)
            break; /* more styles than Excel allows; the rest are not dates */
          g_array_append_val (x->date_styles, date);
        }
    }
  xmlFreeTextReader (reader);
  return rc >= 0 ? TRUE : xml_failed (part, error);
}

/* "B3" → row 3, column 2; FALSE unless within Excel's grid. */
static gboolean
parse_cell_ref (const char *ref, guint *row, guint *column)
{
  guint64 c = 0, r = 0;
  const char *p = ref;

  while (g_ascii_isalpha (*p) && c <= YK_WORKBOOK_MAX_COLUMNS)
    c = c * 26 + (guint64) (g_ascii_toupper (*p++) - 'A' + 1);
  if (p == ref || c > YK_WORKBOOK_MAX_COLUMNS)
    return FALSE;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p) && r <= YK_WORKBOOK_MAX_ROWS)
    r = r * 10 + (guint64) (*p++ - '0');
  if (*p != '\0' || r == 0 || r > YK_WORKBOOK_MAX_ROWS)
    return FALSE;
  *row = (guint) r;
  *column = (guint) c;
  return TRUE;
}

typedef struct
{
  guint row, column;
  char *type;
  guint style;
  char *value;        /* <v> */
  GString *inline_text; /* <is> */
} Cell;

static void
cell_clear (Cell *cell)
{
  g_clear_pointer (&cell->type, g_free);
  g_clear_pointer (&cell->value, g_free);
  if (cell->inline_text)
    g_string_free (g_steal_pointer (&cell->inline_text), TRUE);
}

/* One cell's text, by its type (t=) and style. */
static gboolean
cell_text (Xlsx *x, SheetBuilder *b, Cell *cell, char **out, GError **error)
{
  const char *type = cell->type ? cell->type : "n";
  g_autofree char *name = cell_name (cell->row, cell->column);

  *out = NULL;
  if (g_str_equal (type, "inlineStr"))
    {
      *out = g_strdup (cell->inline_text ? cell->inline_text->str : "");
      return TRUE;
    }
  if (cell->value == NULL)
    {
      *out = g_strdup ("");
      return TRUE;
    }
  if (g_str_equal (type, "s"))
    {
      char *end = NULL;
      guint64 index = g_ascii_strtoull (cell->value, &end, 10);

      if (end == cell->value || *end != '\0' || index >= x->strings->len)
        {
          g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                       _("Sheet “%1$s” cell %2$s: the cell refers to a text the workbook does not have"), b->sheet, name);
          return FALSE;
        }
      *out = g_strdup (x->strings->pdata[index]);
      return TRUE;
    }
  if (g_str_equal (type, "str"))
    {
      *out = g_strdup (cell->value);
      return TRUE;
    }
  if (g_str_equal (type, "b"))
    {
      *out = g_strdup (g_str_equal (g_strstrip (cell->value), "0") ? "FALSE" : "TRUE");
      return TRUE;
    }
  if (g_str_equal (type, "e"))
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                   _("Sheet “%1$s” cell %2$s: the cell shows a formula error instead of a value"), b->sheet, name);
      return FALSE;
    }
  if (g_str_equal (type, "n") || g_str_equal (type, "d"))
    {
      char *end = NULL;
      double number;
      gboolean date = g_str_equal (type, "d") ||
                      (cell->style < x->date_styles->len && g_array_index (x->date_styles, gboolean, cell->style));

      g_strstrip (cell->value);
      if (*cell->value == '\0')
        {
          *out = g_strdup ("");
          return TRUE;
        }
      if (g_str_equal (type, "d"))
        {
          /* ISO 8601 already: keep the date part. */
          *out = iso_date_part (cell->value);
          if (*out == NULL)
            {
              g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                           _("Sheet “%1$s” cell %2$s: the cell is formatted as a date but its value is not one"),
                           b->sheet, name);
              return FALSE;
            }
          return TRUE;
        }
      number = g_ascii_strtod (cell->value, &end);
      if (end == cell->value || *end != '\0' || !isfinite (number))
        {
          g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                       _("Sheet “%1$s” cell %2$s: the cell is marked as a number but does not hold one"), b->sheet, name);
          return FALSE;
        }
      if (date)
        {
          *out = serial_date (number, x->date1904);
          if (*out == NULL)
            {
              g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                           _("Sheet “%1$s” cell %2$s: the cell is formatted as a date but its value is not one"),
                           b->sheet, name);
              return FALSE;
            }
          return TRUE;
        }
      *out = number_text (number);
      return TRUE;
    }
  g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
               _("Sheet “%1$s” cell %2$s: the cell has a type this program does not know"), b->sheet, name);
  return FALSE;
}

static gboolean
finish_cell (Xlsx *x, SheetBuilder *b, Cell *cell, GError **error)
{
  char *text = NULL;

  b->error_row = cell->row;
  if (!cell_text (x, b, cell, &text, error))
    return FALSE;
  return builder_set (b, cell->row, cell->column, text, error);
}

/* <sheetData><row r="3"><c r="B3" t="s" s="1"><v>0</v></c>…: rows and
 * cells may leave out r=, and then follow the previous one. */
static YkCsv *
read_sheet (Xlsx *x, const char *sheet_name, const char *part, guint *error_row, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  xmlTextReaderPtr reader;
  SheetBuilder b;
  Cell cell = { 0 };
  gboolean in_cell = FALSE, in_inline = FALSE, ok = TRUE;
  guint row = 0, column = 0;
  GError *member_error = NULL;
  YkCsv *csv;
  gboolean again = FALSE;
  int rc = 1;

  bytes = xlsx_member (x, part, &member_error);
  if (bytes == NULL)
    {
      if (member_error == NULL)
        g_set_error (&member_error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                     _("Sheet “%1$s”: the workbook does not have its part “%2$s”"), sheet_name, part);
      g_propagate_error (error, member_error);
      return NULL;
    }
  reader = xml_reader (bytes);
  if (reader == NULL)
    {
      xml_failed (part, error);
      return NULL;
    }
  builder_init (&b, sheet_name, &x->cells, &x->bytes);
  /* again: the reader already stands on the next node (after Next). */
  while (ok && (again || (rc = xmlTextReaderRead (reader)) == 1))
    {
      again = FALSE;
      if (is_element (reader, "row"))
        {
          g_autofree char *r = attribute (reader, "r");
          guint64 n = r ? g_ascii_strtoull (r, NULL, 10) : (guint64) row + 1;

          if (n == 0 || n > YK_WORKBOOK_MAX_ROWS || n <= row)
            {
              b.error_row = n >= 1 && n <= YK_WORKBOOK_MAX_ROWS ? (guint) n : row + 1;
              g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                           _("Sheet “%1$s” row %2$u: the row number is out of order or beyond %3$u"), sheet_name,
                           b.error_row, YK_WORKBOOK_MAX_ROWS);
              ok = FALSE;
              break;
            }
          row = (guint) n;
          column = 0;
        }
      else if (is_element (reader, "c"))
        {
          g_autofree char *ref = attribute (reader, "r");
          g_autofree char *style = attribute (reader, "s");

          /* A <c> inside an unfinished <is> (a broken file) starts afresh. */
          cell_clear (&cell);
          in_inline = FALSE;
          if (ref != NULL)
            {
              guint ref_row = 0;

              if (!parse_cell_ref (ref, &ref_row, &column) || (row != 0 && ref_row != row))
                {
                  b.error_row = MAX (row, 1);
                  g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                               _("Sheet “%1$s” row %2$u: a cell has a reference that is not in this row or "
                                 "beyond %3$u rows and %4$u columns"),
                               sheet_name, MAX (row, 1), YK_WORKBOOK_MAX_ROWS, YK_WORKBOOK_MAX_COLUMNS);
                  ok = FALSE;
                  break;
                }
              if (row == 0)
                row = ref_row;
            }
          else
            column++;
          if (row == 0 || column == 0 || column > YK_WORKBOOK_MAX_COLUMNS)
            {
              b.error_row = MAX (row, 1);
              g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                           _("Sheet “%1$s” row %2$u: a cell is outside a row or beyond %3$u columns"), sheet_name,
                           MAX (row, 1), YK_WORKBOOK_MAX_COLUMNS);
              ok = FALSE;
              break;
            }
          cell.row = row;
          cell.column = column;
          cell.type = attribute (reader, "t");
          cell.style = style ? (guint) MIN (g_ascii_strtoull (style, NULL, 10), G_MAXUINT) : 0;
          if (xmlTextReaderIsEmptyElement (reader))
            ok = finish_cell (x, &b, &cell, error);
          else
            in_cell = TRUE;
        }
      else if (in_cell && is_element (reader, "v"))
        {
          g_free (cell.value);
          cell.value = element_text (reader);
        }
      else if (in_cell && is_element (reader, "is"))
        {
          in_inline = !xmlTextReaderIsEmptyElement (reader);
          if (cell.inline_text == NULL)
            cell.inline_text = g_string_new (NULL);
        }
      else if (in_inline && is_element (reader, "rPh"))
        {
          /* Skip the phonetic guide; Next lands on its following
           * sibling, to be looked at as read. */
          rc = xmlTextReaderNext (reader);
          if (rc != 1)
            break;
          again = TRUE;
        }
      else if (in_inline && cell.inline_text != NULL && is_element (reader, "t"))
        {
          g_autofree char *text = element_text (reader);

          if (cell.inline_text->len + strlen (text) > max_member_bytes)
            {
              g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                           _("The workbook part “%1$s” is larger than %2$lu MiB uncompressed"), part,
                           limit_mib ());
              ok = FALSE;
              break;
            }
          g_string_append (cell.inline_text, text);
        }
      else if (is_end (reader, "is"))
        in_inline = FALSE;
      else if (in_cell && is_end (reader, "c"))
        {
          in_cell = in_inline = FALSE;
          ok = finish_cell (x, &b, &cell, error);
        }
    }
  if (ok && rc != 0)
    {
      b.error_row = MAX (row, 1);
      xml_failed (part, error);
      ok = FALSE;
    }
  xmlFreeTextReader (reader);
  cell_clear (&cell);
  csv = ok ? builder_finish (&b, error) : NULL;
  *error_row = b.error_row;
  builder_clear (&b);
  return csv;
}

typedef struct
{
  char *name;
  char *rid;
} SheetEntry;

static void
sheet_entry_free (SheetEntry *entry)
{
  g_free (entry->name);
  g_free (entry->rid);
  g_free (entry);
}

/* xl/workbook.xml: the sheets' names in tab order, their relationship
 * ids, and whether dates count from 1904. */
static GPtrArray *
read_workbook_part (Xlsx *x, GError **error)
{
  const char *part = "xl/workbook.xml";
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_entry_free);
  xmlTextReaderPtr reader;
  GError *member_error = NULL;
  int rc;

  bytes = xlsx_member (x, part, &member_error);
  if (bytes == NULL)
    {
      if (member_error == NULL)
        g_set_error (&member_error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                     _("“%1$s” is not an Excel workbook: it has no list of sheets"), x->label);
      g_propagate_error (error, member_error);
      return NULL;
    }
  reader = xml_reader (bytes);
  if (reader == NULL)
    {
      xml_failed (part, error);
      return NULL;
    }
  while ((rc = xmlTextReaderRead (reader)) == 1)
    {
      if (is_element (reader, "workbookPr"))
        {
          g_autofree char *flag = attribute (reader, "date1904");

          x->date1904 = flag != NULL && (g_str_equal (flag, "1") || g_ascii_strcasecmp (flag, "true") == 0);
        }
      else if (is_element (reader, "sheet"))
        {
          SheetEntry *entry = g_new0 (SheetEntry, 1);

          entry->name = attribute (reader, "name");
          /* r:id, whatever the prefix the producer chose. */
          while (xmlTextReaderMoveToNextAttribute (reader) == 1)
            if (g_strcmp0 ((const char *) xmlTextReaderConstLocalName (reader), "id") == 0 &&
                xmlTextReaderConstPrefix (reader) != NULL)
              {
                g_free (entry->rid);
                entry->rid = g_strdup ((const char *) xmlTextReaderConstValue (reader));
              }
          xmlTextReaderMoveToElement (reader);
          if (entry->name == NULL || entry->rid == NULL || !g_utf8_validate (entry->name, -1, NULL) ||
              entries->len >= 4096)
            {
              sheet_entry_free (entry);
              xmlFreeTextReader (reader);
              g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                           _("The workbook part “%1$s” lists a sheet without a name or a part"), part);
              return NULL;
            }
          g_ptr_array_add (entries, entry);
        }
    }
  xmlFreeTextReader (reader);
  if (rc != 0)
    {
      xml_failed (part, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* xl/_rels/workbook.xml.rels: relationship id → part path in the zip. */
static GHashTable *
read_relationships (Xlsx *x, GError **error)
{
  const char *part = "xl/_rels/workbook.xml.rels";
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  xmlTextReaderPtr reader;
  GError *member_error = NULL;
  int rc;

  bytes = xlsx_member (x, part, &member_error);
  if (bytes == NULL)
    {
      if (member_error == NULL)
        g_set_error (&member_error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                     _("The workbook does not have its part “%1$s”"), part);
      g_propagate_error (error, member_error);
      return NULL;
    }
  reader = xml_reader (bytes);
  if (reader == NULL)
    {
      xml_failed (part, error);
      return NULL;
    }
  while ((rc = xmlTextReaderRead (reader)) == 1)
    if (is_element (reader, "Relationship"))
      {
        g_autofree char *id = attribute (reader, "Id");
        g_autofree char *target = attribute (reader, "Target");

        if (id == NULL || target == NULL || g_hash_table_size (targets) >= 65536)
          continue;
        /* Relative to xl/, or from the zip's root with a leading slash. */
        g_hash_table_replace (targets, g_steal_pointer (&id),
                              target[0] == '/' ? g_strdup (target + 1) : g_strconcat ("xl/", target, NULL));
      }
  xmlFreeTextReader (reader);
  if (rc != 0)
    {
      xml_failed (part, error);
      return NULL;
    }
  return g_steal_pointer (&targets);
}

static YkWorkbook *
read_xlsx (GsfInput *input, const char *label, GError **error)
{
  g_autoptr (GError) zip_error = NULL;
  Xlsx x = { .label = (char *) label };
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GHashTable) targets = NULL;
  g_autoptr (YkWorkbook) workbook = NULL;

  x.zip = gsf_infile_zip_new (input, &zip_error);
  if (x.zip == NULL)
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                   _("“%1$s” is not an Excel workbook, or it is damaged or incomplete"), label);
      return NULL;
    }
  if ((entries = read_workbook_part (&x, error)) == NULL || (targets = read_relationships (&x, error)) == NULL ||
      !read_shared_strings (&x, error) || !read_styles (&x, error))
    {
      xlsx_clear (&x);
      return NULL;
    }
  workbook = workbook_new ();
  for (guint i = 0; i < entries->len; i++)
    {
      SheetEntry *entry = entries->pdata[i];
      const char *part = g_hash_table_lookup (targets, entry->rid);
      YkWorkbookSheet *sheet = g_new0 (YkWorkbookSheet, 1);

      sheet->name = g_strdup (entry->name);
      sheet->error_row = 1;
      g_ptr_array_add (workbook->sheets, sheet);
      if (part == NULL)
        g_set_error (&sheet->error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                     _("Sheet “%1$s”: the workbook does not say where its cells are"), entry->name);
      else
        sheet->csv = read_sheet (&x, entry->name, part, &sheet->error_row, &sheet->error);
    }
  xlsx_clear (&x);
  return g_steal_pointer (&workbook);
}

/* ---- xls: FreeXL ------------------------------------------------------- */

static char *
xls_cell_text (FreeXL_CellValue *value)
{
  switch (value->type)
    {
    case FREEXL_CELL_INT:
      return g_strdup_printf ("%d", value->value.int_value);
    case FREEXL_CELL_DOUBLE:
      return isfinite (value->value.double_value) ? number_text (value->value.double_value) : g_strdup ("");
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_TIME:
      /* FreeXL converts to UTF-8; a damaged file must not get past it. */
      if (value->value.text_value == NULL || !g_utf8_validate (value->value.text_value, -1, NULL))
        return g_strdup ("");
      return g_strdup (value->value.text_value);
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
      {
        /* YYYY-MM-DD, and the time after it dropped. */
        char *date = iso_date_part (value->value.text_value ? value->value.text_value : "");

        return date != NULL ? date : g_strdup ("");
      }
    default:
      return g_strdup ("");
    }
}

static YkCsv *
read_xls_sheet (const void *handle, const char *name, guint64 *cells, guint64 *bytes, guint *error_row,
                GError **error)
{
  unsigned int rows = 0;
  unsigned short columns = 0;
  SheetBuilder b;
  YkCsv *csv = NULL;
  gboolean ok = TRUE;

  if (freexl_worksheet_dimensions (handle, &rows, &columns) != FREEXL_OK)
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID, _("Sheet “%1$s”: its size cannot be read"), name);
      return NULL;
    }
  builder_init (&b, name, cells, bytes);
  for (unsigned int r = 0; ok && r < rows && r < YK_WORKBOOK_MAX_ROWS; r++)
    for (unsigned short c = 0; ok && c < columns; c++)
      {
        FreeXL_CellValue value;
        char *text;

        if (freexl_get_cell_value (handle, r, c, &value) != FREEXL_OK)
          continue;
        text = xls_cell_text (&value);
        if (*text == '\0')
          {
            g_free (text);
            continue;
          }
        /* libfreexl takes up to 65535 columns where Excel has 256. */
        if ((guint) c + 1 > YK_WORKBOOK_MAX_COLUMNS)
          {
            g_free (text);
            b.error_row = r + 1;
            g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                         _("Sheet “%1$s” row %2$u: a cell is outside a row or beyond %3$u columns"), name, r + 1,
                         YK_WORKBOOK_MAX_COLUMNS);
            ok = FALSE;
            continue;
          }
        ok = builder_set (&b, r + 1, (guint) c + 1, text, error);
      }
  if (ok)
    csv = builder_finish (&b, error);
  *error_row = b.error_row;
  builder_clear (&b);
  return csv;
}

/* Refuses, before libfreexl 1.0.6 sees them, compound files that make it
 * misbehave (found by tests/fuzz/fuzz-xls):
 *
 * - It reads one sector of the directory into a 4096-byte buffer on its
 *   stack and converts each entry's name from UTF-16 with the length the
 *   entry gives, up to 65535 bytes: past that buffer. The format allows
 *   64 bytes, the terminator included. So: the sector libfreexl reads
 *   (the first directory sector, at the offset it computes), every entry.
 * - It reads as many DIFAT and miniFAT sectors as the header says, keeping
 *   a list node for each of the sector's entries, following a DIFAT chain
 *   round and round if it loops: 9.5 KB claiming 16,777,215 of each took
 *   over 2 GB and a minute. A file of S sectors of E entries needs at most
 *   S / (E (E - 1)) + 1 DIFAT sectors, and S / 16 + 1 miniFAT sectors
 *   (64-byte mini sectors, E = size / 4).
 *
 * A file too short for the header, or with another sector size, is left
 * to libfreexl, which then reads no directory nor FAT. Every entry of that
 * sector is checked, also those after the Workbook stream's, where
 * libfreexl 1.0.5 stops: a file whose unused entries break the format's
 * limit (real writers zero them) is refused rather than relying on where
 * this library stops reading. */
static gboolean
xls_container_is_sane (const char *path)
{
  g_autofree guint8 *sector = NULL;
  guint8 header[512];
  guint32 sector_size, entries, directory, offset, minifat_sectors, difat_sectors;
  long file_size;
  guint64 sectors;
  FILE *file = g_fopen (path, "rb");
  gboolean sane = TRUE;

  if (file == NULL)
    return TRUE;
  if (fread (header, 1, sizeof header, file) == sizeof header &&
      (header[0x1e] == 9 || header[0x1e] == 12) && header[0x1f] == 0 &&
      fseek (file, 0, SEEK_END) == 0 && (file_size = ftell (file)) >= 0)
    {
      sector_size = 1u << header[0x1e];
      entries = sector_size / 4;
      sectors = (guint64) file_size / sector_size;
      memcpy (&minifat_sectors, header + 0x40, sizeof minifat_sectors);
      memcpy (&difat_sectors, header + 0x48, sizeof difat_sectors);
      if (GUINT32_FROM_LE (difat_sectors) > sectors / ((guint64) entries * (entries - 1)) + 1 ||
          GUINT32_FROM_LE (minifat_sectors) > sectors / 16 + 1)
        sane = FALSE;
      /* As libfreexl computes it, in 32 bits. */
      memcpy (&directory, header + 0x30, sizeof directory);
      offset = (GUINT32_FROM_LE (directory) + 1u) * sector_size;
      sector = g_malloc (sector_size);
      if (sane && fseek (file, (long) offset, SEEK_SET) == 0 && fread (sector, 1, sector_size, file) == sector_size)
        for (guint32 entry = 0; entry + 128 <= sector_size; entry += 128)
          if (sector[entry + 0x40] + 256u * sector[entry + 0x41] > 64)
            sane = FALSE;
    }
  fclose (file);
  return sane;
}

static YkWorkbook *
read_xls (const char *path, const char *label, GError **error)
{
  const void *handle = NULL;
  unsigned int count = 0, password = 0;
  g_autoptr (YkWorkbook) workbook = NULL;
  guint64 cells = 0, bytes = 0;

  if (!xls_container_is_sane (path))
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                   _("“%1$s” is not an Excel 97–2003 workbook (.xls): its file structure is damaged"), label);
      return NULL;
    }
  if (freexl_open (path, &handle) != FREEXL_OK)
    {
      if (handle != NULL)
        freexl_close (handle);
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                   _("“%1$s” is not an Excel 97–2003 workbook (.xls), or it is damaged"), label);
      return NULL;
    }
  if (freexl_get_info (handle, FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK && password == FREEXL_BIFF_OBFUSCATED)
    {
      freexl_close (handle);
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                   _("“%1$s” is protected by a password: save it without one and import it again"), label);
      return NULL;
    }
  if (freexl_get_info (handle, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK)
    count = 0;
  workbook = workbook_new ();
  for (unsigned int i = 0; i < count && i < 4096; i++)
    {
      const char *name = NULL;
      YkWorkbookSheet *sheet = g_new0 (YkWorkbookSheet, 1);

      sheet->error_row = 1;
      g_ptr_array_add (workbook->sheets, sheet);
      if (freexl_get_worksheet_name (handle, (unsigned short) i, &name) != FREEXL_OK || name == NULL ||
          !g_utf8_validate (name, -1, NULL))
        sheet->name = g_strdup_printf ("%u", i + 1);
      else
        sheet->name = g_strdup (name);
      if (freexl_select_active_worksheet (handle, (unsigned short) i) != FREEXL_OK)
        g_set_error (&sheet->error, YK_APP_ERROR, YK_APP_ERROR_INVALID, _("Sheet “%1$s”: it cannot be read"),
                     sheet->name);
      else
        sheet->csv = read_xls_sheet (handle, sheet->name, &cells, &bytes, &sheet->error_row, &sheet->error);
    }
  freexl_close (handle);
  return g_steal_pointer (&workbook);
}

/* ---- Entry points ------------------------------------------------------ */

static gboolean
is_zip (const guint8 *data, gsize size)
{
  return size >= 4 && memcmp (data, "PK\003\004", 4) == 0;
}

static gboolean
is_ole2 (const guint8 *data, gsize size)
{
  return size >= 8 && memcmp (data, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0;
}

static void
ensure_libraries (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      gsf_init ();
      xmlInitParser ();
      g_once_init_leave (&once, 1);
    }
}

static void
ignore_xml_error (void *context, const char *message, ...)
{
}

/* libxml2 prints encoding and I/O errors through its generic handler,
 * which XML_PARSE_NOERROR does not cover; it is per thread, and the
 * window reads workbooks in a worker thread. Every failure reaches the
 * caller as a GError instead. */
static void
quiet_libxml (void)
{
  xmlSetGenericErrorFunc (NULL, ignore_xml_error);
}

YkWorkbook *
yk_workbook_read_file (const char *path, GError **error)
{
  g_autofree char *label = NULL;
  g_autoptr (GsfInput) input = NULL;
  g_autoptr (GError) open_error = NULL;
  guint8 magic[8] = { 0 };
  gsize size;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  ensure_libraries ();
  quiet_libxml ();
  label = g_filename_display_basename (path);
  input = gsf_input_stdio_new (path, &open_error);
  if (input == NULL)
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("Could not open “%1$s”: %2$s"), label,
                   open_error->message);
      return NULL;
    }
  size = (gsize) MIN (gsf_input_size (input), (gsf_off_t) sizeof magic);
  if (size > 0 && gsf_input_read (input, size, magic) == NULL)
    size = 0;
  gsf_input_seek (input, 0, G_SEEK_SET);
  if (is_zip (magic, size))
    return read_xlsx (input, label, error);
  if (is_ole2 (magic, size))
    return read_xls (path, label, error);
  g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
               _("“%1$s” is not an Excel workbook (.xlsx or .xls), or it is damaged"), label);
  return NULL;
}

YkWorkbook *
yk_workbook_read_bytes (GBytes *bytes, GError **error)
{
  gsize size = 0;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  ensure_libraries ();
  quiet_libxml ();
  data = g_bytes_get_data (bytes, &size);
  if (is_zip (data, size))
    {
      g_autoptr (GsfInput) input = gsf_input_memory_new (data, (gsf_off_t) size, FALSE);

      return read_xlsx (input, _("the workbook"), error);
    }
  if (is_ole2 (data, size))
    {
      /* FreeXL reads files only. */
      g_autofree char *path = NULL;
      int fd = g_file_open_tmp ("yukang-XXXXXX.xls", &path, error);
      YkWorkbook *workbook = NULL;

      if (fd < 0)
        return NULL;
      g_close (fd, NULL);
      if (g_file_set_contents (path, (const char *) data, (gssize) size, error))
        workbook = read_xls (path, _("the workbook"), error);
      g_unlink (path);
      return workbook;
    }
  g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID, _("This is not an Excel workbook (.xlsx or .xls)"));
  return NULL;
}
