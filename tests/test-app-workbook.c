/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The workbook reader (app/yk-workbook.c): workbooks the test writes
 * itself, with libxlsxwriter as Excel would, and by hand with libgsf for
 * what libxlsxwriter cannot write (error cells, the 1904 flag, broken
 * files). */
#include "app-test-util.h"
#include "yk-app-error.h"
#include "yk-workbook-private.h"

#include <glib/gstdio.h>
#include <gsf/gsf.h>
#include <string.h>
#include <xlsxwriter.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfOutput, g_object_unref)

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = app_test_make_dir ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  app_test_remove_tree (f->dir);
  g_free (f->dir);
}

static YkWorkbookSheet *
sheet (YkWorkbook *workbook, guint i)
{
  g_assert_cmpuint (i, <, workbook->sheets->len);
  return workbook->sheets->pdata[i];
}

static YkCsvRecord *
record (YkWorkbookSheet *s, guint i)
{
  g_assert_no_error (s->error);
  g_assert_nonnull (s->csv);
  g_assert_cmpuint (i, <, s->csv->records->len);
  return s->csv->records->pdata[i];
}

static void
assert_record (YkCsvRecord *r, guint line, const char *const *fields)
{
  g_assert_cmpuint (r->line, ==, line);
  g_assert_cmpstrv (r->fields, fields);
}

/* A zip of the given parts: name, contents, name, contents, …, NULL. */
static char *
write_zip (Fixture *f, const char *file, const char *const *parts)
{
  char *path = g_build_filename (f->dir, file, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GsfOutput) sink = gsf_output_stdio_new (path, &error);
  GsfOutfile *zip;

  g_assert_no_error (error);
  zip = gsf_outfile_zip_new (sink, &error);
  g_assert_no_error (error);
  /* A member named with its whole path, as most zip writers store it. */
  for (guint i = 0; parts[i]; i += 2)
    {
      GsfOutput *member = gsf_outfile_new_child (zip, parts[i], FALSE);

      gsf_output_write (member, strlen (parts[i + 1]), (const guint8 *) parts[i + 1]);
      gsf_output_close (member);
      g_object_unref (member);
    }
  gsf_output_close (GSF_OUTPUT (zip));
  g_object_unref (zip);
  return path;
}

#define WORKBOOK_XML(pr)                                                                                     \
  "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "    \
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" pr                        \
  "<sheets><sheet name=\"服务记录\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
#define RELS_XML                                                                                             \
  "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
  "<Relationship Id=\"rId1\" Type=\"worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"
#define STYLES_XML                                                                                           \
  "<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"  \
  "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>" \
  "<numFmt numFmtId=\"165\" formatCode=\"[h]:mm:ss\"/></numFmts>"                                            \
  "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/></cellXfs>" \
  "</styleSheet>"
#define SHEET_XML(data)                                                                                      \
  "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"   \
  "<sheetData>" data "</sheetData></worksheet>"

static YkWorkbook *
read_hand_made (Fixture *f, const char *workbook_xml, const char *sheet_xml, GError **error)
{
  const char *parts[] = { "xl/workbook.xml", workbook_xml, "xl/_rels/workbook.xml.rels", RELS_XML,
                          "xl/styles.xml", STYLES_XML, "xl/worksheets/sheet1.xml", sheet_xml, NULL };
  g_autofree char *path = write_zip (f, "hand.xlsx", parts);

  return yk_workbook_read_file (path, error);
}

/* What Excel users write: dates, phone numbers stored as numbers, shared
 * and rich strings, gaps, several sheets, Chinese names. */
static void
test_xlsx_values (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "ledger.xlsx", NULL);
  lxw_workbook *wb = workbook_new (path);
  lxw_worksheet *clients = workbook_add_worksheet (wb, "服务对象");
  lxw_worksheet *notes = workbook_add_worksheet (wb, "说明");
  lxw_format *date = workbook_add_format (wb);
  lxw_format *chinese_date = workbook_add_format (wb);
  lxw_format *bold = workbook_add_format (wb);
  lxw_datetime day = { 2021, 3, 5, 0, 0, 0 };
  lxw_datetime leap = { 2024, 2, 29, 13, 30, 0 };
  lxw_rich_string_tuple run1 = { .format = bold, .string = (char *) "富" };
  lxw_rich_string_tuple run2 = { .format = NULL, .string = (char *) "文本" };
  lxw_rich_string_tuple *runs[] = { &run1, &run2, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (YkWorkbook) workbook = NULL;
  YkWorkbookSheet *s;

  format_set_num_format (date, "yyyy-mm-dd");
  format_set_num_format (chinese_date, "yyyy\"年\"m\"月\"d\"日\"");
  format_set_bold (bold);
  worksheet_write_string (clients, 0, 0, "个案编号", bold);
  worksheet_write_string (clients, 0, 1, "联系电话", bold);
  worksheet_write_string (clients, 0, 2, "建档日期", bold);
  worksheet_write_string (clients, 0, 3, "入组时病情稳定", bold);
  worksheet_write_string (clients, 0, 4, "数", NULL);
  worksheet_write_string (clients, 1, 0, "  SPQ-001 ", NULL);
  worksheet_write_number (clients, 1, 1, 13800001234.0, NULL);
  worksheet_write_datetime (clients, 1, 2, &day, date);
  worksheet_write_boolean (clients, 1, 3, 1, NULL);
  worksheet_write_number (clients, 1, 4, 0.1, NULL);
  /* Row 3 has a gap (B) and ends early; row 4 is empty; row 5 is last. */
  worksheet_write_rich_string (clients, 2, 0, runs, NULL);
  worksheet_write_datetime (clients, 2, 2, &leap, chinese_date);
  worksheet_write_boolean (clients, 2, 3, 0, NULL);
  worksheet_write_number (clients, 4, 0, -2.5, NULL);
  worksheet_write_number (clients, 4, 1, 1e20, NULL);
  worksheet_write_number (clients, 4, 4, 3.0, NULL);
  worksheet_write_blank (clients, 6, 8, bold); /* formatted but empty: not a row */
  worksheet_write_string (notes, 0, 0, "说明", NULL);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);

  workbook = yk_workbook_read_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (workbook->sheets->len, ==, 2);
  s = sheet (workbook, 0);
  g_assert_cmpstr (s->name, ==, "服务对象");
  g_assert_cmpuint (s->csv->records->len, ==, 4);
  assert_record (record (s, 0), 1, (const char *[]) { "个案编号", "联系电话", "建档日期", "入组时病情稳定", "数", NULL });
  assert_record (record (s, 1), 2, (const char *[]) { "SPQ-001", "13800001234", "2021-03-05", "TRUE", "0.1", NULL });
  assert_record (record (s, 2), 3, (const char *[]) { "富文本", "", "2024-02-29", "FALSE", NULL });
  assert_record (record (s, 3), 5, (const char *[]) { "-2.5", "1e+20", "", "", "3", NULL });
  s = sheet (workbook, 1);
  g_assert_cmpstr (s->name, ==, "说明");
  assert_record (record (s, 0), 1, (const char *[]) { "说明", NULL });
}

/* constant_memory makes libxlsxwriter write inline strings (<is><t>). */
static void
test_xlsx_inline_strings (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "inline.xlsx", NULL);
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = f->dir };
  lxw_workbook *wb = workbook_new_opt (path, &options);
  lxw_worksheet *ws = workbook_add_worksheet (wb, "家属");
  g_autoptr (GError) error = NULL;
  g_autoptr (YkWorkbook) workbook = NULL;

  worksheet_write_string (ws, 0, 0, "家属编号", NULL);
  worksheet_write_string (ws, 0, 2, "姓名", NULL);
  worksheet_write_string (ws, 1, 0, "F-1", NULL);
  worksheet_write_number (ws, 1, 1, 42, NULL);
  worksheet_write_string (ws, 1, 2, "王一", NULL);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);

  workbook = yk_workbook_read_file (path, &error);
  g_assert_no_error (error);
  assert_record (record (sheet (workbook, 0), 0), 1, (const char *[]) { "家属编号", "", "姓名", NULL });
  assert_record (record (sheet (workbook, 0), 1), 2, (const char *[]) { "F-1", "42", "王一", NULL });
}

/* What only a hand-made file has: str and inline cells with phonetic
 * guides, custom and built-in date formats, a time format, the 1904 date
 * system, cells without r=. */
static void
test_xlsx_hand_made (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkWorkbook) workbook = NULL;
  g_autoptr (YkWorkbook) w1904 = NULL;
  const char *cells = SHEET_XML (
    "<row r=\"2\"><c r=\"A2\" t=\"str\"><f>A1</f><v>公式</v></c>"
    "<c r=\"C2\" t=\"inlineStr\"><is><r><t>甲</t></r><rPh sb=\"0\" eb=\"1\"><t>jia</t></rPh><r><t xml:space=\"preserve\">乙 </t></r></is></c>"
    "<c s=\"1\"><v>44260</v></c><c s=\"2\"><v>44260.75</v></c><c s=\"3\"><v>0.5</v></c><c t=\"b\"><v>0</v></c></row>");

  workbook = read_hand_made (f, WORKBOOK_XML (""), cells, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sheet (workbook, 0)->name, ==, "服务记录");
  assert_record (record (sheet (workbook, 0), 0), 2,
                 (const char *[]) { "公式", "", "甲乙", "2021-03-05", "2021-03-05", "0.5", "FALSE", NULL });

  /* Found by fuzz-workbook: a cell opened inside an unfinished inline
   * string (well-formed XML, broken spreadsheet) once read freed memory. */
  {
    g_autoptr (YkWorkbook) nested = read_hand_made (
      f, WORKBOOK_XML (""),
      SHEET_XML ("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><c r=\"B1\"/><t>x</t></is></c></row>"), &error);

    g_assert_no_error (error);
    g_assert_true ((sheet (nested, 0)->csv == NULL) != (sheet (nested, 0)->error == NULL));
  }

  w1904 = read_hand_made (f, WORKBOOK_XML ("<workbookPr date1904=\"1\"/>"), SHEET_XML ("<row><c s=\"1\"><v>0</v></c></row>"),
                          &error);
  g_assert_no_error (error);
  assert_record (record (sheet (w1904, 0), 0), 1, (const char *[]) { "1904-01-01", NULL });
}

/* A sheet that cannot be read says which sheet and cell, never what the
 * cell holds; the other sheets are still read. */
static void
test_xlsx_bad_cells (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *sheet;
    guint row;
    const char *message;
  } cases[] = {
    { SHEET_XML ("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"3\"><c r=\"B3\" t=\"e\"><v>#N/A</v></c></row>"), 3,
      "cell B3: the cell shows a formula error" },
    { SHEET_XML ("<row r=\"4\"><c r=\"A4\"><v>13800001234x</v></c></row>"), 4, "cell A4: the cell is marked as a number" },
    { SHEET_XML ("<row r=\"2\"><c r=\"A2\" t=\"s\"><v>7</v></c></row>"), 2, "cell A2: the cell refers to a text" },
    { SHEET_XML ("<row r=\"2\"><c r=\"A2\" s=\"1\"><v>-3</v></c></row>"), 2, "cell A2: the cell is formatted as a date" },
    /* Found by fuzz-workbook: a t="d" value cut at ten bytes split a character. */
    { SHEET_XML ("<row r=\"2\"><c r=\"A2\" t=\"d\"><v>2021-03-0甲</v></c></row>"), 2, "cell A2: the cell is formatted as a date" },
    { SHEET_XML ("<row r=\"2\"><c r=\"XFE2\"><v>1</v></c></row>"), 2, "beyond 1048576 rows and 16384 columns" },
    { SHEET_XML ("<row r=\"1048577\"><c><v>1</v></c></row>"), 1, "row number is out of order or beyond" },
    { SHEET_XML ("<row r=\"5\"><c><v>1</v></c></row><row r=\"2\"><c><v>1</v></c></row>"), 2, "out of order" },
    { SHEET_XML ("<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"A2\"><v>2</v></c></row>"), 2, "cell A2: the cell is out of order or given twice" },
    { SHEET_XML ("<row r=\"2\"><c r=\"A2\"><v>1</v></c>"), 1, "not well-formed XML" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (YkWorkbook) workbook = read_hand_made (f, WORKBOOK_XML (""), cases[i].sheet, &error);
      YkWorkbookSheet *s;

      g_test_message ("case %u", i);
      g_assert_no_error (error);
      s = sheet (workbook, 0);
      g_assert_null (s->csv);
      g_assert_error (s->error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
      g_assert_nonnull (strstr (s->error->message, cases[i].message));
      g_assert_cmpuint (s->error_row, ==, cases[i].row);
      /* Personal data stays out of messages. */
      g_assert_null (strstr (s->error->message, "13800001234"));
    }
}

/* Limits: too many cells (gaps included) and a member too large. */
static void
test_xlsx_limits (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkWorkbook) workbook = NULL;
  g_autoptr (YkWorkbook) big = NULL;
  g_autoptr (GString) sheet_xml = g_string_new (SHEET_XML (""));

  _yk_workbook_set_limits (1000, 0);
  workbook = read_hand_made (f, WORKBOOK_XML (""), SHEET_XML ("<row r=\"1\"><c r=\"AMK1\"><v>1</v></c></row>"), &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (sheet (workbook, 0)->error->message, "more than 1000 cells"));

  _yk_workbook_set_limits (0, 4096);
  for (guint i = 0; i < 500; i++)
    g_string_insert (sheet_xml, sheet_xml->len - strlen ("</sheetData></worksheet>"), "<row><c><v>1</v></c></row>");
  big = read_hand_made (f, WORKBOOK_XML (""), sheet_xml->str, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (sheet (big, 0)->error->message, "larger than 1 MiB"));
  {
    /* Each sheet under the member limit, all of them over the
     * workbook's: 2 × 1 MiB. */
    g_autoptr (GString) rels = g_string_new ("<?xml version=\"1.0\"?><Relationships>");
    g_autoptr (GString) book = g_string_new ("<?xml version=\"1.0\"?><workbook xmlns:r=\"r\"><sheets>");
    g_autoptr (GString) filler = g_string_new ("<?xml version=\"1.0\"?><!--");
    g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
    g_autoptr (YkWorkbook) many = NULL;
    g_autofree char *path = NULL;

    _yk_workbook_set_limits (0, 600 * 1024);
    while (filler->len < 500 * 1024)
      g_string_append (filler, "0123456789abcdef");
    g_string_append (filler, "--><worksheet><sheetData><row><c><v>1</v></c></row></sheetData></worksheet>");
    for (guint i = 0; i < 6; i++)
      {
        g_string_append_printf (book, "<sheet name=\"s%u\" r:id=\"r%u\"/>", i, i);
        g_string_append_printf (rels, "<Relationship Id=\"r%u\" Target=\"s%u.xml\"/>", i, i);
      }
    g_string_append (book, "</sheets></workbook>");
    g_string_append (rels, "</Relationships>");
    g_ptr_array_add (parts, g_strdup ("xl/workbook.xml"));
    g_ptr_array_add (parts, g_strdup (book->str));
    g_ptr_array_add (parts, g_strdup ("xl/_rels/workbook.xml.rels"));
    g_ptr_array_add (parts, g_strdup (rels->str));
    for (guint i = 0; i < 6; i++)
      {
        g_ptr_array_add (parts, g_strdup_printf ("xl/s%u.xml", i));
        g_ptr_array_add (parts, g_strdup (filler->str));
      }
    g_ptr_array_add (parts, NULL);
    path = write_zip (f, "many.xlsx", (const char *const *) parts->pdata);
    many = yk_workbook_read_file (path, &error);
    g_assert_no_error (error);
    g_assert_nonnull (sheet (many, 0)->csv);
    g_assert_nonnull (sheet (many, 5)->error);
    g_assert_nonnull (strstr (sheet (many, 5)->error->message, "The workbook is larger than 2 MiB uncompressed"));
  }
  _yk_workbook_set_limits (0, 0);
}

/* Not a workbook, a truncated one, one without its parts, and bytes. */
static void
test_broken_files (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "ledger.xlsx", NULL);
  g_autofree char *garbage = g_build_filename (f->dir, "garbage.xls", NULL);
  g_autofree char *fake_xls = g_build_filename (f->dir, "fake.xls", NULL);
  g_autofree char *contents = NULL;
  const char *no_workbook[] = { "hello.txt", "hi", NULL };
  g_autofree char *zip_path = write_zip (f, "plain.xlsx", no_workbook);
  lxw_workbook *wb = workbook_new (path);
  gsize length = 0;

  worksheet_write_string (workbook_add_worksheet (wb, "服务对象"), 0, 0, "个案编号", NULL);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  /* Truncated at a third, at the end of the central directory, and one
   * byte short: each an error, never a crash. */
  for (gsize cut = length / 3; cut < length; cut += MAX (length / 3, 1))
    {
      g_autoptr (GBytes) bytes = g_bytes_new (contents, cut);
      g_autoptr (GError) error = NULL;
      g_autoptr (YkWorkbook) workbook = yk_workbook_read_bytes (bytes, &error);

      g_assert_null (workbook);
      g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
    }
  {
    g_autoptr (GBytes) bytes = g_bytes_new (contents, length - 1);
    g_autoptr (GError) error = NULL;
    g_autoptr (YkWorkbook) workbook = yk_workbook_read_bytes (bytes, &error);

    g_assert_null (workbook);
    g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (YkWorkbook) workbook = NULL;

    g_assert_true (g_file_set_contents (garbage, "个案编号,姓名\n1,2\n", -1, NULL));
    workbook = yk_workbook_read_file (garbage, &error);
    g_assert_null (workbook);
    g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "garbage.xls"));
  }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (YkWorkbook) workbook = NULL;

    /* OLE2's signature and nothing else. */
    static const char ole2_only[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 and then nothing";

    g_assert_true (g_file_set_contents (fake_xls, ole2_only, sizeof ole2_only - 1, NULL));
    workbook = yk_workbook_read_file (fake_xls, &error);
    g_assert_null (workbook);
    g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, ".xls"));
  }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (YkWorkbook) workbook = yk_workbook_read_file (zip_path, &error);

    g_assert_null (workbook);
    g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "has no list of sheets"));
  }
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *missing = g_build_filename (f->dir, "missing.xlsx", NULL);
    g_autoptr (YkWorkbook) workbook = yk_workbook_read_file (missing, &error);

    g_assert_null (workbook);
    g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  }
  g_assert_true (yk_workbook_is_workbook_path ("台账.XLSX"));
  g_assert_true (yk_workbook_is_workbook_path ("a.xls"));
  g_assert_false (yk_workbook_is_workbook_path ("ledger"));
}

/* tests/data/ledger.xls: written by gnumeric's ssconvert from invented
 * data, since Debian has no .xls writer library. */
static void
test_xls_fixture (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "ledger.xls", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (YkWorkbook) workbook = NULL;

  workbook = yk_workbook_read_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (workbook->sheets->len, ==, 2);
  g_assert_cmpstr (sheet (workbook, 0)->name, ==, "服务对象");
  assert_record (record (sheet (workbook, 0), 0), 1, (const char *[]) { "个案编号", "联系电话", "建档日期", "数", NULL });
  assert_record (record (sheet (workbook, 0), 1), 2, (const char *[]) { "X-001", "13800001234", "2021-03-05", "2.5", NULL });
  assert_record (record (sheet (workbook, 0), 2), 4, (const char *[]) { "X-002", "", "1904-01-01", NULL });
  g_assert_cmpstr (sheet (workbook, 1)->name, ==, "说明");
}

/* A directory entry whose name claims more than the 64 bytes the format
 * allows: libfreexl would convert that many bytes out of its 4096-byte
 * stack buffer (found by tests/fuzz/fuzz-xls), so the file is refused
 * before libfreexl opens it. ledger.xls has 512-byte sectors and its
 * directory in sector 8, the Root Entry first. */
static void
test_xls_long_entry_name (Fixture *f, gconstpointer data)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "ledger.xls", NULL);
  g_autofree char *path = g_build_filename (f->dir, "long-name.xls", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  const gsize name_length = (8 + 1) * 512 + 0x40;
  static const guint claims[] = { 65, 128, 4096, 0xffff };

  g_assert_true (g_file_get_contents (fixture, &contents, &length, NULL));
  g_assert_cmpuint (length, >, name_length + 1);
  g_assert_cmpuint ((guint8) contents[name_length], ==, 22); /* "Root Entry" and its terminator */
  for (guint i = 0; i < G_N_ELEMENTS (claims); i++)
    {
      guint claimed = claims[i];
      g_autoptr (GError) error = NULL;
      g_autoptr (GError) bytes_error = NULL;
      g_autoptr (YkWorkbook) workbook = NULL;
      g_autoptr (YkWorkbook) from_bytes = NULL;
      g_autoptr (GBytes) bytes = NULL;

      contents[name_length] = (char) (claimed & 0xff);
      contents[name_length + 1] = (char) (claimed >> 8);
      g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
      workbook = yk_workbook_read_file (path, &error);
      g_assert_null (workbook);
      g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "long-name.xls"));
      g_assert_nonnull (strstr (error->message, "its file structure is damaged"));
      bytes = g_bytes_new (contents, length);
      from_bytes = yk_workbook_read_bytes (bytes, &bytes_error);
      g_assert_null (from_bytes);
      g_assert_error (bytes_error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
      g_assert_nonnull (strstr (bytes_error->message, "its file structure is damaged"));
    }
  /* 64 bytes, the most there is room for, is still a workbook. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (YkWorkbook) workbook = NULL;

    contents[name_length] = 64;
    contents[name_length + 1] = 0;
    g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
    workbook = yk_workbook_read_file (path, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (workbook->sheets->len, ==, 2);
  }
}

/* A header claiming far more DIFAT or miniFAT sectors than the file has
 * room for: libfreexl reads them all, keeping a list node per entry, and
 * round and round when the DIFAT chain loops (a 9.5 KB file found by
 * tests/fuzz/fuzz-xls took it over 2 GB and a minute; that file is the
 * fuzz seed difat-loop). So the file is refused before libfreexl opens it.
 * Here the sectors claimed start past the end of the file, so that
 * libfreexl, without that check, fails at once with its own refusal
 * instead of looping. ledger.xls: header fields at 0x3c (miniFAT start),
 * 0x40 (miniFAT count), 0x44 (DIFAT start) and 0x48 (DIFAT count). */
static void
test_xls_sector_counts (Fixture *f, gconstpointer data)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "ledger.xls", NULL);
  g_autofree char *path = g_build_filename (f->dir, "counts.xls", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  static const guint fields[][2] = { { 0x44, 0x48 }, { 0x3c, 0x40 } };

  g_assert_true (g_file_get_contents (fixture, &contents, &length, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *copy = g_memdup2 (contents, length);
      g_autoptr (GError) error = NULL;
      g_autoptr (YkWorkbook) workbook = NULL;
      guint32 start = GUINT32_TO_LE (1000), count = GUINT32_TO_LE (0xffffff);

      memcpy (copy + fields[i][0], &start, sizeof start);
      memcpy (copy + fields[i][1], &count, sizeof count);
      g_assert_true (g_file_set_contents (path, copy, (gssize) length, NULL));
      workbook = yk_workbook_read_file (path, &error);
      g_assert_null (workbook);
      g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "its file structure is damaged"));
    }
}

/* A cell beyond Excel's 16384 columns (BIFF8 has 256, but libfreexl
 * takes up to 65535): refused with the sheet and row, as in an .xlsx,
 * not a record of 20,000 fields (found by tests/fuzz/fuzz-xls). In
 * ledger.xls, the first sheet's DIMENSION record (0x0200) is the first
 * and its first NUMBER record (0x0203) is 13800001234 in B2: the sheet is
 * made 20,001 columns wide and that number moved to column 20,001. */
static void
test_xls_too_many_columns (Fixture *f, gconstpointer data)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "ledger.xls", NULL);
  g_autofree char *path = g_build_filename (f->dir, "wide.xls", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (YkWorkbook) workbook = NULL;
  gsize length = 0;
  char *dimension, *number;

  g_assert_true (g_file_get_contents (fixture, &contents, &length, NULL));
  dimension = memmem (contents, length, "\x00\x02\x0e\x00", 4);
  number = memmem (contents, length, "\x03\x02\x0e\x00", 4);
  g_assert_nonnull (dimension);
  g_assert_nonnull (number);
  g_assert_cmpint (number[4], ==, 1); /* row 2 */
  g_assert_cmpint (number[6], ==, 1); /* column B */
  dimension[4 + 10] = (char) (20001 & 0xff);
  dimension[4 + 11] = (char) (20001 >> 8);
  number[6] = (char) (20000 & 0xff);
  number[7] = (char) (20000 >> 8);
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
  workbook = yk_workbook_read_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (workbook->sheets->len, ==, 2);
  g_assert_null (sheet (workbook, 0)->csv);
  g_assert_error (sheet (workbook, 0)->error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_assert_cmpstr (sheet (workbook, 0)->error->message, ==,
                   "Sheet “服务对象” row 2: a cell is outside a row or beyond 16384 columns");
  g_assert_cmpuint (sheet (workbook, 0)->error_row, ==, 2);
  assert_record (record (sheet (workbook, 1), 0), 1, (const char *[]) { "说明", NULL });
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/workbook/xlsx/values", test_xlsx_values);
  ADD ("/workbook/xlsx/inline-strings", test_xlsx_inline_strings);
  ADD ("/workbook/xlsx/hand-made", test_xlsx_hand_made);
  ADD ("/workbook/xlsx/bad-cells", test_xlsx_bad_cells);
  ADD ("/workbook/xlsx/limits", test_xlsx_limits);
  ADD ("/workbook/broken-files", test_broken_files);
  ADD ("/workbook/xls/fixture", test_xls_fixture);
  ADD ("/workbook/xls/long-entry-name", test_xls_long_entry_name);
  ADD ("/workbook/xls/sector-counts", test_xls_sector_counts);
  ADD ("/workbook/xls/too-many-columns", test_xls_too_many_columns);
  return g_test_run ();
}
