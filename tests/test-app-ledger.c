/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Ledger import and export (docs/design/formats.md). */
#include "app-test-util.h"
#include "yk-accounts.h"
#include "yk-app-error.h"
#include "yk-casework.h"
#include "yk-csv.h"
#include "yk-demo.h"
#include "yk-ledger.h"
#include "yk-report-format.h"
#include "yk-workbook.h"

#include <glib/gstdio.h>
#include <string.h>
#include <xlsxwriter.h>

#define PW "coordinator pass 1"

typedef struct
{
  AppTestDb db;
  char *ledger; /* an empty folder in db.dir */
  YkSession *session; /* the coordinator's */
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  app_test_db_init (&f->db, "pilot.ykdb");
  f->ledger = g_build_filename (f->db.dir, "ledger", NULL);
  g_mkdir (f->ledger, 0700);
  app_test_db_create (&f->db, "admin", NULL, PW);
  f->session = g_steal_pointer (&f->db.coordinator);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->session, yk_session_close);
  app_test_db_clear (&f->db);
  g_free (f->ledger);
}

static void
write_file (Fixture *f, const char *name, const char *contents, gssize length)
{
  g_autofree char *path = g_build_filename (f->ledger, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

static char *
report_csv (YkSession *session)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkReport) report = yk_report_for_session (session, "cumulative:2025Q4", NULL, &error);

  g_assert_no_error (error);
  /* The figures only: the audit head moves with every entry. */
  g_clear_pointer (&report->audit_head, g_free);
  return yk_report_to_csv (report);
}

/* Imports a folder or workbook and returns the problems as
 * "FILE:LINE: column: reason" lines. */
static char *
import_path (Fixture *f, const char *path, gboolean expect_ok, YkLedgerResult *result_out)
{
  g_autoptr (GError) error = NULL;
  YkLedgerResult result;
  GString *lines = g_string_new (NULL);
  gboolean ok = yk_ledger_import (f->session, path, FALSE, NULL, NULL, &result, &error);

  for (guint i = 0; i < result.problems->len; i++)
    {
      YkLedgerProblem *p = result.problems->pdata[i];
      g_string_append_printf (lines, "%s:%u: %s: %s\n", p->file, p->line, p->column, p->reason);
    }
  if (ok != expect_ok)
    g_error ("import %s: %s\n%s", ok ? "succeeded" : "failed", error ? error->message : "", lines->str);
  if (result_out)
    *result_out = result;
  else
    yk_ledger_result_clear (&result);
  return g_string_free (lines, FALSE);
}

static char *
import (Fixture *f, gboolean expect_ok, YkLedgerResult *result_out)
{
  return import_path (f, f->ledger, expect_ok, result_out);
}

static void
assert_contains (const char *text, const char *fragment)
{
  if (strstr (text, fragment) == NULL)
    g_error ("expected “%s” in:\n%s", fragment, text);
}

#define CLIENTS_EN \
  "case_no,name,gender,birth_date,site,intake_date,consent_date,stable_at_intake,worker\n" \
  "SPQ-1,测试甲,男,1980-02-29,SPQ,2021-01-05,2021-01-05,是,张社工\n" \
  "JL-1,测试乙,女,,九龙街道渝康家园,2021/3/5,2021年3月5日,yes,\n"

static void
test_english_and_chinese_headers (Fixture *f, gconstpointer data)
{
  YkLedgerResult result;
  g_autofree char *problems = NULL;
  g_autofree char *csv = NULL;

  write_file (f, "clients.csv", CLIENTS_EN, -1);
  write_file (f, "contacts.csv",
              "个案编号,类型,日期,是否联系上,病情\n"
              "SPQ-1,上门服务,2021-04-01,是,稳定\n"
              "SPQ-1,phone,2021-04-02,0,\n"
              "JL-1,电话随访,2021/4/3,1,不稳定\n", -1);
  problems = import (f, TRUE, &result);
  g_assert_cmpuint (result.added[0], ==, 2);
  g_assert_cmpuint (result.added[2], ==, 3);
  g_assert_false (result.present[1]);
  yk_ledger_result_clear (&result);

  csv = report_csv (f->session);
  assert_contains (csv, "上门服务（人次）,1,0,1,1");
  assert_contains (csv, "电话随访（人次）,0,1,1,1"); /* the unreached call does not count */
}

/* A worker a contacts.csv names for the first time joins the person's
 * site as staff without a login, as clients.csv's 责任社工 does (it was
 * refused by the staff table, which wants a site for a social worker). */
static void
test_new_worker_in_contacts (Fixture *f, gconstpointer data)
{
  YkLedgerResult result;
  g_autofree char *problems = NULL;

  write_file (f, "clients.csv", CLIENTS_EN, -1);
  write_file (f, "contacts.csv",
              "个案编号,类型,日期,社工,病情\n"
              "JL-1,上门服务,2021-04-01,赵新社工,稳定\n"
              "JL-1,电话随访,2021-04-09,赵新社工,稳定\n", -1);
  problems = import (f, TRUE, &result);
  g_assert_cmpstr (problems, ==, "");
  g_assert_cmpuint (result.added[2], ==, 2);
  yk_ledger_result_clear (&result);

  /* One new staff row, no login, at JL-1's site, named on both contacts. */
  g_assert_cmpint (app_test_query_int (f->session, "SELECT count(*) FROM staff WHERE display_name = '赵新社工' "
                                                   "AND account IS NULL AND role = 'worker' AND site_id = "
                                                   "(SELECT site_id FROM clients WHERE case_no = 'JL-1')"), ==, 1);
  g_assert_cmpint (app_test_query_int (f->session, "SELECT count(*) FROM contacts WHERE worker_id = "
                                                   "(SELECT id FROM staff WHERE display_name = '赵新社工')"), ==, 2);
}

/* The interface says 风险等级 where the ledger header says 危险性评估
 * (docs/glossary.md): a file with the interface's word imports too. */
static void
test_risk_level_alias_header (Fixture *f, gconstpointer data)
{
  YkLedgerResult result;
  g_autofree char *wrong = NULL;
  g_autofree char *problems = NULL;

  write_file (f, "clients.csv",
              "个案编号,姓名,站点,建档日期,知情同意日期,入组时病情稳定,风险等级\n"
              "SPQ-1,测试甲,SPQ,2021-01-05,2021-01-05,是,1\n", -1);
  write_file (f, "contacts.csv",
              "个案编号,类型,日期,风险等级\n"
              "SPQ-1,上门服务,2021-04-01,九\n", -1);
  /* The column is read as the risk level, not dropped: a bad value is named. */
  wrong = import (f, FALSE, NULL);
  assert_contains (wrong, "contacts.csv:2: 风险等级: ");

  write_file (f, "contacts.csv",
              "个案编号,类型,日期,风险等级\n"
              "SPQ-1,上门服务,2021-04-01,2\n"
              "SPQ-1,电话随访,2021-04-02,\n", -1);
  problems = import (f, TRUE, &result);
  g_assert_cmpstr (problems, ==, "");
  g_assert_cmpuint (result.added[0], ==, 1);
  g_assert_cmpuint (result.added[2], ==, 2);
  yk_ledger_result_clear (&result);
}

static void
test_quoted_fields_bom_and_gb18030 (Fixture *f, gconstpointer data)
{
  g_autofree char *gb = NULL;
  g_autofree char *problems = NULL;
  gsize gb_length = 0;
  const char *activities = "活动编号,站点,日期,活动名称,其他居民人数\r\n"
                           "A1,SPQ,2021-05-01,\"手工, 编织\",3\r\n"
                           "A2,SPQ,2021-05-02,\"第一行\r\n第二行 \"\"引号\"\"\",0\r\n";

  write_file (f, "clients.csv", "\xef\xbb\xbf" CLIENTS_EN, -1);
  gb = g_convert (activities, -1, "GB18030", "UTF-8", NULL, &gb_length, NULL);
  g_assert_nonnull (gb);
  write_file (f, "activities.csv", gb, (gssize) gb_length);
  problems = import (f, TRUE, NULL);
  {
    g_autofree char *csv = report_csv (f->session);
    assert_contains (csv, "开展服务活动（次）,2,0,2,2");
  }
  {
    /* The reader itself: a line break and doubled quotes inside a field,
     * and the record's line is where it starts. */
    g_autoptr (YkCsv) parsed = yk_csv_parse (activities, strlen (activities), NULL);
    YkCsvRecord *second = parsed->records->pdata[2];

    g_assert_cmpstr (((YkCsvRecord *) parsed->records->pdata[1])->fields[3], ==, "手工, 编织");
    g_assert_cmpstr (second->fields[3], ==, "第一行\n第二行 \"引号\"");
    g_assert_cmpuint (second->line, ==, 3);
  }
}

static void
test_every_problem_listed_nothing_written (Fixture *f, gconstpointer data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *problems = NULL;

  /* A good ledger first, so there is something to leave unchanged. */
  write_file (f, "clients.csv", CLIENTS_EN, -1);
  g_free (import (f, TRUE, NULL));
  before = report_csv (f->session);

  write_file (f, "clients.csv",
              "case_no,name,site,intake_date,consent_date,stable_at_intake,id_number,risk_level\n"
              "SPQ-2,测试丙,SPQ,2021-02-30,2021-01-01,是,,\n"     /* line 2: impossible date */
              "SPQ-3,测试丁,SPQ,2021-01-01,2021-01-01,否,,\n"     /* line 3: not stable */
              "SPQ-4,测试戊,XX,2021-01-01,2021-01-01,是,,\n"      /* line 4: no such site */
              "SPQ-5,测试己,SPQ,2021-01-01,2021-01-01,是,11010519491231002Y,\n" /* line 5: check digit */
              "SPQ-6,测试庚,SPQ,2021-01-01,2021-01-01,是,,七\n"    /* line 6: not a number */
              "SPQ-1,测试辛,SPQ,2021-01-01,2021-01-01,是,,\n"     /* line 7: case number taken */
              "SPQ-8,,SPQ,2021-01-01,2021-01-01,是,,\n",          /* line 8: name required */
              -1);
  write_file (f, "contacts.csv",
              "case_no,type,date,duration_min,condition\n"
              "SPQ-99,phone,2021-04-01,,\n"                       /* line 2: unknown person */
              "SPQ-1,email,2021-04-01,,\n"                        /* line 3: bad type */
              "SPQ-1,phone,2020-12-31,,\n"                        /* line 4: before intake */
              "SPQ-1,phone,2021-04-01,-5,\n"                      /* line 5: negative duration */
              "SPQ-1,phone,2021-04-01,,很好\n",                   /* line 6: bad condition */
              -1);
  write_file (f, "attendance.csv", "activity_id,case_no,family_id\nA9,SPQ-1,\nA9,,\n", -1);
  write_file (f, "questionnaires.csv", "date,site,colour\n2021-04-01,SPQ,red\n", -1);
  problems = import (f, FALSE, NULL);

  assert_contains (problems, "clients.csv:2: intake_date: ");
  assert_contains (problems, "clients.csv:3: stable_at_intake: ");
  assert_contains (problems, "clients.csv:4: site: ");
  assert_contains (problems, "clients.csv:5: id_number: ");
  assert_contains (problems, "clients.csv:6: risk_level: ");
  assert_contains (problems, "clients.csv:7: case_no: ");
  assert_contains (problems, "clients.csv:8: name: ");
  assert_contains (problems, "contacts.csv:2: case_no: ");
  assert_contains (problems, "contacts.csv:3: type: ");
  assert_contains (problems, "contacts.csv:4: date: ");
  assert_contains (problems, "contacts.csv:5: duration_min: ");
  assert_contains (problems, "contacts.csv:6: condition: ");
  assert_contains (problems, "attendance.csv:2: activity_id: ");
  assert_contains (problems, "attendance.csv:3: case_no: ");
  assert_contains (problems, "questionnaires.csv:1: colour: unknown column");

  after = report_csv (f->session);
  g_assert_cmpstr (after, ==, before);
}

/* The intake check: two rows of one person in the ledger, or a row of a
 * person with a case file already, are refused naming the other line or
 * the case; nothing is written. */
static void
test_same_person (Fixture *f, gconstpointer data)
{
  g_autofree char *problems = NULL;
  g_autofree char *again = NULL;

  write_file (f, "clients.csv",
              "case_no,name,birth_date,id_number,site,intake_date,consent_date,stable_at_intake\n"
              "SPQ-1,张三,1980-02-03,110101198002030013,SPQ,2021-01-05,2021-01-05,是\n"
              "JL-1,张叁,1980-02-03,110101198002030013,JL,2021-01-05,2021-01-05,是\n"  /* line 3: line 2's number */
              "SPQ-2,测试甲,1980-02-29,,SPQ,2021-01-05,2021-01-05,是\n"
              "SPQ-3, 测试甲,1980-02-29,,SPQ,2021-01-05,2021-01-05,是\n",              /* line 5: line 4's name */
              -1);
  problems = import (f, FALSE, NULL);
  assert_contains (problems, "clients.csv:3: id_number: the same resident ID number as line 2\n");
  assert_contains (problems, "clients.csv:5: name: the same name and birth date as line 4\n");
  g_assert_cmpint (app_test_query_int (f->session, "SELECT count(*) FROM clients"), ==, 0);

  /* Against the case files on file. */
  write_file (f, "clients.csv", CLIENTS_EN, -1);
  g_free (import (f, TRUE, NULL));
  write_file (f, "clients.csv",
              "case_no,name,birth_date,id_number,site,intake_date,consent_date,stable_at_intake\n"
              "SPQ-2,新人,1990-01-01,,SPQ,2021-01-05,2021-01-05,是\n"
              "JL-2,测试甲,1980-02-29,,JL,2021-01-05,2021-01-05,是\n",  /* line 3: SPQ-1's name and birth */
              -1);
  again = import (f, FALSE, NULL);
  assert_contains (again, "clients.csv:3: name: the same name and birth date as the case SPQ-1\n");
  g_assert_null (strstr (again, "clients.csv:2:"));
  g_assert_cmpint (app_test_query_int (f->session, "SELECT count(*) FROM clients"), ==, 2);
}

static void
test_missing_required_column_and_repeated_attendance (Fixture *f, gconstpointer data)
{
  g_autofree char *problems = NULL;

  write_file (f, "clients.csv", "case_no,name,site,intake_date,stable_at_intake\nX,测试,SPQ,2021-01-01,是\n", -1);
  write_file (f, "activities.csv", "activity_id,site,date,title\nA1,SPQ,2021-05-01,小组\n", -1);
  write_file (f, "attendance.csv", "activity_id,case_no\nA1,SPQ-1\nA1,SPQ-1\n", -1);
  problems = import (f, FALSE, NULL);
  assert_contains (problems, "clients.csv:1: consent_date: this column is required");
}

static void
test_dry_run_writes_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = report_csv (f->session);
  g_autofree char *after = NULL;
  YkLedgerResult result;

  write_file (f, "clients.csv", CLIENTS_EN, -1);
  g_assert_true (yk_ledger_import (f->session, f->ledger, TRUE, NULL, NULL, &result, &error));
  g_assert_cmpuint (result.added[0], ==, 2);
  yk_ledger_result_clear (&result);
  after = report_csv (f->session);
  g_assert_cmpstr (after, ==, before);
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *second_path = g_build_filename (f->db.dir, "second.ykdb", NULL);
  g_autofree char *recovery = NULL;
  g_autofree char *original = NULL, *copied = NULL;
  YkSession *second;
  YkLedgerResult result;

  g_assert_true (yk_demo_fill (f->session, 3, YK_DEMO_PILOT, &error));
  g_assert_true (yk_ledger_export (f->session, f->ledger, &error));
  g_assert_no_error (error);
  original = report_csv (f->session);

  second = yk_session_create (second_path, "admin", NULL, PW, YK_KDF_INTERACTIVE, &recovery, &error);
  g_assert_true (yk_ledger_import (second, f->ledger, FALSE, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.problems->len, ==, 0);
  yk_ledger_result_clear (&result);
  copied = report_csv (second);
  g_assert_cmpstr (copied, ==, original);
  yk_session_close (second);
}

/* Notes a spreadsheet would run as formulas (docs/design/security.md,
 * "Exports that a spreadsheet opens"). */
static const char *const formula_notes[] = {
  "=HYPERLINK(\"http://x\",\"点击\")", "+1", "-2+3", "@SUM(A1)", "\t上门时不在家", "'=1+1", "''-1", "'plain", "'",
};

/* Adds a service user at SPQ with one contact per note of formula_notes,
 * on 2021-04-01, 30 minutes, risk level 2. */
static void
add_formula_contacts (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  YkClientRecord client = { .case_no = (char *) "SPQ-F1", .name = (char *) "陈建华", .intake_date = (char *) "2021-01-04",
                            .consent_date = (char *) "2021-01-04", .stable_at_intake = TRUE, .risk_level = 1,
                            .status = (char *) "active" };
  gint64 client_id = 0;

  client.site_id = app_test_query_int (f->session, "SELECT id FROM sites WHERE code = 'SPQ'");
  g_assert_true (yk_casework_add_client (f->session, &client, &client_id, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (formula_notes); i++)
    {
      YkContactRecord c = { .client_id = client_id, .type = (char *) "phone", .date = (char *) "2021-04-01",
                            .reached = TRUE, .duration_min = 30, .risk_level = 2, .condition = (char *) "stable",
                            .notes = (char *) formula_notes[i] };

      g_assert_true (yk_casework_add_contact (f->session, &c, NULL, &error));
      g_assert_no_error (error);
    }
}

/* contacts.csv: each formula-like note starts with one ', a note that
 * already starts with ' and a formula character gets one more, and
 * 'plain, a lone ' and the date and numbers of the row are as they are. */
static void
test_export_formula_cells (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->ledger, "contacts.csv", NULL);
  g_autofree char *raw = NULL;
  g_autoptr (YkCsv) csv = NULL;

  add_formula_contacts (f);
  g_assert_true (yk_ledger_export (f->session, f->ledger, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &raw, NULL, NULL));
  assert_contains (raw, ",\"'=HYPERLINK(\"\"http://x\"\",\"\"点击\"\")\",");
  assert_contains (raw, ",'+1,");
  assert_contains (raw, ",'-2+3,");
  assert_contains (raw, ",'@SUM(A1),");
  assert_contains (raw, ",'\t上门时不在家,");
  csv = yk_csv_read_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (csv->records->len, ==, 1 + G_N_ELEMENTS (formula_notes));
  for (guint i = 0; i < G_N_ELEMENTS (formula_notes); i++)
    {
      GStrv fields = ((YkCsvRecord *) csv->records->pdata[i + 1])->fields;
      gboolean plain = g_str_equal (formula_notes[i], "'plain") || g_str_equal (formula_notes[i], "'");
      g_autofree char *expected = plain ? g_strdup (formula_notes[i]) : g_strconcat ("'", formula_notes[i], NULL);

      g_assert_cmpstr (fields[9], ==, expected);
      g_assert_cmpstr (fields[2], ==, "2021-04-01");
      g_assert_cmpstr (fields[5], ==, "30");
      g_assert_cmpstr (fields[8], ==, "2");
    }
}

/* Exported and imported into a new database, every note is what was typed,
 * byte for byte. */
static void
test_formula_cells_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *second_path = g_build_filename (f->db.dir, "second.ykdb", NULL);
  g_autofree char *recovery = NULL;
  YkSession *second;
  YkLedgerResult result;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  add_formula_contacts (f);
  g_assert_true (yk_ledger_export (f->session, f->ledger, &error));
  g_assert_no_error (error);
  second = yk_session_create (second_path, "admin", NULL, PW, YK_KDF_INTERACTIVE, &recovery, &error);
  g_assert_no_error (error);
  g_assert_true (yk_ledger_import (second, f->ledger, FALSE, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.problems->len, ==, 0);
  yk_ledger_result_clear (&result);
  g_assert_cmpint (sqlite3_prepare_v2 (app_test_connection (second),
                                       "SELECT notes, contact_date, duration_min, risk_level FROM contacts ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpuint (n, <, G_N_ELEMENTS (formula_notes));
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, formula_notes[n]);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "2021-04-01");
      g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 30);
      g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 2);
      n++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (formula_notes));
  yk_session_close (second);
}

static void
write_strings (lxw_worksheet *sheet, lxw_row_t row, const char *const *cells)
{
  for (lxw_col_t c = 0; cells[c]; c++)
    if (*cells[c])
      worksheet_write_string (sheet, row, c, cells[c], NULL);
}

/* A workbook as a social worker keeps it: sheets named in Chinese or by
 * the English stem in any case, dates as dates, a phone number and the
 * stability flag as typed values, an explanation sheet and a misspelt
 * sheet that are ignored, sheets in any order. */
static void
test_workbook (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->db.dir, "台账.xlsx", NULL);
  lxw_workbook *wb = workbook_new (path);
  lxw_worksheet *notes = workbook_add_worksheet (wb, "说明");
  lxw_worksheet *contacts = workbook_add_worksheet (wb, "Contacts");
  lxw_worksheet *clients = workbook_add_worksheet (wb, "服务对象");
  lxw_worksheet *typo = workbook_add_worksheet (wb, "服务对像");
  lxw_format *date = workbook_add_format (wb);
  lxw_datetime intake = { 2021, 1, 5, 0, 0, 0 }, visit = { 2021, 4, 1, 0, 0, 0 };
  YkLedgerResult result;
  g_autofree char *problems = NULL;
  g_autofree char *csv = NULL;

  format_set_num_format (date, "yyyy-mm-dd");
  write_strings (notes, 0, (const char *[]) { "这张工作表不导入", NULL });
  write_strings (clients, 0, (const char *[]) { "个案编号", "姓名", "站点", "联系电话", "建档日期", "知情同意日期",
                                                "入组时病情稳定", NULL });
  write_strings (clients, 1, (const char *[]) { "SPQ-1", "测试甲", "SPQ", NULL });
  worksheet_write_number (clients, 1, 3, 13800001234.0, NULL);
  worksheet_write_datetime (clients, 1, 4, &intake, date);
  worksheet_write_datetime (clients, 1, 5, &intake, date);
  worksheet_write_boolean (clients, 1, 6, 1, NULL);
  write_strings (contacts, 0, (const char *[]) { "case_no", "type", "date", "reached", NULL });
  /* A blank row 2: the row numbers still count it. */
  write_strings (contacts, 2, (const char *[]) { "SPQ-1", "上门服务", NULL });
  worksheet_write_datetime (contacts, 2, 2, &visit, date);
  worksheet_write_boolean (contacts, 2, 3, 1, NULL);
  write_strings (typo, 0, (const char *[]) { "无关", NULL });
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);

  problems = import_path (f, path, TRUE, &result);
  g_assert_cmpstr (problems, ==, "");
  g_assert_cmpuint (result.added[0], ==, 1);
  g_assert_cmpuint (result.added[2], ==, 1);
  g_assert_cmpstr (result.files[0], ==, "服务对象");
  g_assert_cmpstr (result.files[2], ==, "Contacts");
  g_assert_false (result.present[1]);
  yk_ledger_result_clear (&result);
  csv = report_csv (f->session);
  assert_contains (csv, "上门服务（人次）,1,0,1,1");
}

/* Problems name the sheet and the spreadsheet row; a second sheet for
 * the same part of the ledger is one too. */
static void
test_workbook_problems (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->db.dir, "ledger.xlsx", NULL);
  lxw_workbook *wb = workbook_new (path);
  lxw_worksheet *clients = workbook_add_worksheet (wb, "clients.csv");
  lxw_worksheet *family = workbook_add_worksheet (wb, "家属");
  lxw_worksheet *again = workbook_add_worksheet (wb, "Family");
  lxw_format *date = workbook_add_format (wb);
  lxw_datetime intake = { 2021, 1, 5, 0, 0, 0 };
  g_autofree char *problems = NULL;

  format_set_num_format (date, "yyyy-mm-dd");
  write_strings (clients, 0, (const char *[]) { "case_no", "name", "site", "intake_date", "consent_date",
                                                "stable_at_intake", NULL });
  write_strings (clients, 3, (const char *[]) { "SPQ-1", "测试甲", "XX", NULL });
  worksheet_write_datetime (clients, 3, 3, &intake, date);
  worksheet_write_datetime (clients, 3, 4, &intake, date);
  worksheet_write_string (clients, 3, 5, "是", NULL);
  write_strings (family, 0, (const char *[]) { "家属编号", "个案编号", "姓名", NULL });
  write_strings (family, 1, (const char *[]) { "F-1", "SPQ-1", NULL });
  write_strings (again, 0, (const char *[]) { "家属编号", NULL });
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);

  problems = import_path (f, path, FALSE, NULL);
  assert_contains (problems, "clients.csv:4: site: ");
  assert_contains (problems, "家属:2: 姓名: ");
  assert_contains (problems, "Family:1: -: the workbook has two sheets");
}

/* The template read back has the 说明 sheet then one sheet per ledger
 * file with docs/design/formats.md's Chinese labels; imported unchanged it adds
 * nothing and reports nothing. */
static void
test_template (Fixture *f, gconstpointer data)
{
  static const char *const sheets[] = { "说明", "服务对象", "家属", "服务记录", "服务活动", "活动签到", "问卷", "功能评估", "培训" };
  g_autofree char *path = g_build_filename (f->db.dir, "模板.xlsx", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (YkWorkbook) workbook = NULL;
  g_autofree char *problems = NULL;
  YkLedgerResult result;

  g_assert_true (yk_ledger_write_template (path, &error));
  g_assert_no_error (error);
  workbook = yk_workbook_read_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (workbook->sheets->len, ==, G_N_ELEMENTS (sheets));
  for (guint i = 0; i < G_N_ELEMENTS (sheets); i++)
    g_assert_cmpstr (((YkWorkbookSheet *) workbook->sheets->pdata[i])->name, ==, sheets[i]);
  for (guint i = 0; i < YK_LEDGER_FILES; i++)
    {
      YkWorkbookSheet *sheet = workbook->sheets->pdata[i + 1];
      const YkLedgerColumn *columns = yk_ledger_file_columns (i);
      YkCsvRecord *header;
      guint n = 0;

      g_assert_no_error (sheet->error);
      g_assert_cmpuint (sheet->csv->records->len, ==, 1);
      header = sheet->csv->records->pdata[0];
      g_assert_cmpuint (header->line, ==, 1);
      for (; columns[n].key; n++)
        g_assert_cmpstr (header->fields[n], ==, columns[n].label);
      g_assert_cmpuint (g_strv_length (header->fields), ==, n);
    }

  problems = import_path (f, path, TRUE, &result);
  g_assert_cmpstr (problems, ==, "");
  for (guint i = 0; i < YK_LEDGER_FILES; i++)
    {
      g_assert_true (result.present[i]);
      g_assert_cmpuint (result.added[i], ==, 0);
    }
  yk_ledger_result_clear (&result);

  g_assert_false (yk_ledger_write_template ("/nonexistent/dir/模板.xlsx", &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_FAILED);
}

static void
test_bad_folder (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->db.dir, "nope", NULL);
  YkLedgerResult result;

  g_assert_false (yk_ledger_import (f->session, missing, FALSE, NULL, NULL, &result, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  yk_ledger_result_clear (&result);
  g_clear_error (&error);
  g_assert_false (yk_ledger_import (f->session, f->ledger, FALSE, NULL, NULL, &result, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID); /* an empty folder */
  yk_ledger_result_clear (&result);
}

/* Worker import of `contacts`: the error, and the problems as lines. */
static char *
worker_import (Fixture *f, YkSession *worker, const char *contacts, gboolean dry_run, GError **error)
{
  YkLedgerResult result;
  GString *lines = g_string_new (NULL);

  write_file (f, "contacts.csv", contacts, -1);
  g_assert_false (yk_ledger_import (worker, f->ledger, dry_run, NULL, NULL, &result, error));
  for (guint i = 0; result.problems != NULL && i < result.problems->len; i++)
    {
      YkLedgerProblem *p = result.problems->pdata[i];
      g_string_append_printf (lines, "%s:%u: %s: %s\n", p->file, p->line, p->column, p->reason);
    }
  yk_ledger_result_clear (&result);
  return g_string_free (lines, FALSE);
}

/* Import is a coordinator's (docs/design/security.md, "Roles: who may
 * see and do what"), refused in the core before any row is read: a
 * social worker's ledger naming another site's case answers exactly as
 * one naming a case that does not exist, and nothing is written. */
static void
test_worker_refused_before_rows (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) elsewhere = NULL;
  g_autoptr (GError) nowhere = NULL;
  g_autoptr (GError) missing = NULL;
  g_autofree char *missing_path = g_build_filename (f->db.dir, "nope", NULL);
  g_autofree char *clients = g_build_filename (f->ledger, "clients.csv", NULL);
  g_autofree char *problems_elsewhere = NULL, *problems_nowhere = NULL, *problems = NULL;
  g_autofree char *before = NULL, *after = NULL;
  YkSession *worker;
  YkLedgerResult result;

  g_assert_true (yk_accounts_add (f->session, "li", "worker password 1", YK_ROLE_WORKER, "SPQ", "李社工",
                                  YK_KDF_INTERACTIVE, &error));
  g_assert_no_error (error);
  /* JL-1's intake is 2021-03-05: a contact before it breaks a rule. */
  write_file (f, "clients.csv", CLIENTS_EN, -1);
  problems = import (f, TRUE, NULL);
  g_assert_cmpstr (problems, ==, "");
  g_assert_cmpint (g_unlink (clients), ==, 0);
  worker = yk_session_open (f->db.path, "li", "worker password 1", &error);
  g_assert_no_error (error);
  before = report_csv (f->session);

  problems_elsewhere = worker_import (f, worker, "case_no,type,date\nJL-1,phone,2021-01-01\n", FALSE, &elsewhere);
  problems_nowhere = worker_import (f, worker, "case_no,type,date\nNOPE-9,phone,2021-01-01\n", FALSE, &nowhere);
  g_assert_error (elsewhere, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
  g_assert_error (nowhere, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
  g_assert_cmpstr (elsewhere->message, ==, nowhere->message);
  g_assert_cmpstr (problems_elsewhere, ==, problems_nowhere);
  g_assert_cmpstr (problems_elsewhere, ==, "");

  /* A clean ledger of the worker's own site, or a dry run: refused too. */
  g_clear_pointer (&problems, g_free);
  problems = worker_import (f, worker, "case_no,type,date\nSPQ-1,phone,2021-04-01\n", FALSE, &error);
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_clear_pointer (&problems, g_free);
  problems = worker_import (f, worker, "case_no,type,date\nSPQ-1,phone,2021-04-01\n", TRUE, &error);
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
  g_clear_error (&error);
  /* Before the path is looked at. */
  g_assert_false (yk_ledger_import (worker, missing_path, FALSE, NULL, NULL, &result, &missing));
  g_assert_error (missing, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
  yk_ledger_result_clear (&result);

  after = report_csv (f->session);
  g_assert_cmpstr (after, ==, before);
  yk_session_close (worker);
}

/* The consent's columns (docs/design/formats.md, added with schema
 * version 5): read, written back by the export, and read again the same;
 * a withdrawal closes the case once the person's records are in. */
#define CLIENTS_CONSENT \
  "个案编号,姓名,站点,建档日期,知情同意日期,入组时病情稳定,知情同意签署人,签署监护人,知情同意形式,知情同意范围," \
  "撤回同意日期,撤回同意原因,状态,状态日期,状态原因\n" \
  "SPQ-1,测试甲,SPQ,2021-01-05,2021-01-04,是,本人,,书面,建档、服务记录、统计上报,,,,,\n" \
  "SPQ-2,测试乙,SPQ,2021-01-05,2021-01-05,是,监护人,测试父,口头并录音,\"建档, 服务记录\",2021-04-01,搬离本市,,,\n" \
  "SPQ-3,测试丙,SPQ,2021-01-05,2021-01-05,是,,,,,2021/5/1,不愿继续,结案,2021-05-01,撤回同意\n" \
  "SPQ-4,测试丁,SPQ,2021-01-05,2021-01-05,是,,,,,,,,,\n"

static char *
read_ledger_file (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static void
test_consent_columns (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *exported = g_build_filename (f->db.dir, "exported", NULL);
  g_autofree char *again = g_build_filename (f->db.dir, "again", NULL);
  g_autofree char *second_path = g_build_filename (f->db.dir, "second.ykdb", NULL);
  g_autofree char *recovery = NULL, *problems = NULL;
  g_autofree char *clients = NULL, *clients_again = NULL, *original = NULL, *copied = NULL;
  YkLedgerResult result;
  YkSession *second;

  write_file (f, "clients.csv", CLIENTS_CONSENT, -1);
  write_file (f, "contacts.csv", "case_no,type,date\nSPQ-2,phone,2021-03-01\nSPQ-2,phone,2021-04-01\n"
                                 "SPQ-3,home_visit,2021-04-20\n", -1);
  problems = import (f, TRUE, NULL);
  g_assert_cmpint (app_test_query_int (f->session, "SELECT count (*) FROM consents"), ==, 4);
  g_assert_cmpint (app_test_query_int (f->session, "SELECT count (*) FROM consents WHERE signer = 'guardian' AND "
                                                   "guardian_name = '测试父' AND form = 'oral_recorded' AND scope = 3 "
                                                   "AND withdrawn_date = '2021-04-01' AND withdrawal_reason = '搬离本市'"),
                   ==, 1);
  g_assert_cmpint (app_test_query_int (f->session, "SELECT count (*) FROM consents WHERE signer = 'self' AND "
                                                   "form = 'written' AND scope = 7"), ==, 1);
  g_assert_cmpint (app_test_query_int (f->session, "SELECT count (*) FROM consents WHERE signer IS NULL AND "
                                                   "form = 'unknown' AND scope IS NULL"), ==, 2);
  g_assert_cmpint (app_test_query_int (f->session, "SELECT count (*) FROM clients WHERE status = 'closed' AND "
                                                   "status_reason = '撤回同意' AND status_date IN ('2021-04-01', "
                                                   "'2021-05-01')"), ==, 2);
  g_assert_cmpint (app_test_query_int (f->session, "SELECT count (*) FROM contacts"), ==, 3);

  g_assert_true (yk_ledger_export (f->session, exported, &error));
  g_assert_no_error (error);
  clients = read_ledger_file (exported, "clients.csv");
  assert_contains (clients, ",状态,状态日期,状态原因,知情同意签署人,签署监护人,知情同意形式,知情同意范围,撤回同意日期,"
                            "撤回同意原因,转介来源,迁自\r\n");
  assert_contains (clients, ",结案,2021-04-01,撤回同意,监护人,测试父,口头并录音,建档、服务记录,2021-04-01,搬离本市,,\r\n");
  assert_contains (clients, ",在册,,,本人,,书面,建档、服务记录、统计上报,,,,\r\n");
  assert_contains (clients, ",在册,,,,,,,,,,\r\n");
  original = report_csv (f->session);

  second = yk_session_create (second_path, "admin", NULL, PW, YK_KDF_INTERACTIVE, &recovery, &error);
  g_assert_no_error (error);
  g_assert_true (yk_ledger_import (second, exported, FALSE, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  yk_ledger_result_clear (&result);
  copied = report_csv (second);
  g_assert_cmpstr (copied, ==, original);
  g_assert_true (yk_ledger_export (second, again, &error));
  clients_again = read_ledger_file (again, "clients.csv");
  g_assert_cmpstr (clients_again, ==, clients);
  yk_session_close (second);
}

static void
test_consent_problems (Fixture *f, gconstpointer data)
{
  g_autofree char *problems = NULL;

  write_file (f, "clients.csv",
              "case_no,name,site,intake_date,consent_date,stable_at_intake,consent_signer,consent_guardian,consent_form,"
              "consent_scope,consent_withdrawn_date,consent_withdrawal_reason,status,status_date\n"
              "SPQ-2,测试,SPQ,2021-01-05,2021-01-05,是,邻居,,,,,,,\n"                     /* 2: signer */
              "SPQ-3,测试,SPQ,2021-01-05,2021-01-05,是,,,传真,,,,,\n"                     /* 3: form */
              "SPQ-4,测试,SPQ,2021-01-05,2021-01-05,是,,,,建档、吃饭,,,,\n"               /* 4: scope word */
              "SPQ-5,测试,SPQ,2021-01-05,2021-01-05,是,监护人,,,,,,,\n"                   /* 5: guardian's name */
              "SPQ-6,测试,SPQ,2021-01-05,2021-01-05,是,,,,服务记录,,,,\n"                 /* 6: no 建档 */
              "SPQ-7,测试,SPQ,2021-01-05,2021-01-05,是,,,,,2021-04-01,,,\n"               /* 7: reason */
              "SPQ-8,测试,SPQ,2021-01-05,2021-01-05,是,,,,,2021-04-01,搬走,在册,\n"       /* 8: status */
              "SPQ-9,测试,SPQ,2021-01-05,2021-01-05,是,,,,,2021-04-01,搬走,结案,2021-04-02\n" /* 9: status date */
              "SPQ-10,测试,SPQ,2021-01-05,2021-01-05,是,,,,,2021-04-31,搬走,,\n"          /* 10: date */
              "SPQ-11,测试,SPQ,2021-01-05,2021-01-05,是,,,,,2021-04-01,搬走,,\n",         /* 11: contact after */
              -1);
  write_file (f, "contacts.csv", "case_no,type,date\nSPQ-11,phone,2021-04-02\n", -1);
  problems = import (f, FALSE, NULL);
  assert_contains (problems, "clients.csv:2: consent_signer: ");
  assert_contains (problems, "clients.csv:3: consent_form: ");
  assert_contains (problems, "clients.csv:4: consent_scope: “吃饭”");
  assert_contains (problems, "clients.csv:5: consent_guardian: ");
  assert_contains (problems, "clients.csv:6: consent_scope: ");
  assert_contains (problems, "clients.csv:7: consent_withdrawal_reason: ");
  assert_contains (problems, "clients.csv:8: status: ");
  assert_contains (problems, "clients.csv:9: status_date: ");
  assert_contains (problems, "clients.csv:10: consent_withdrawn_date: ");
  assert_contains (problems, "clients.csv:11: consent_withdrawn_date: ");
  assert_contains (problems, "2021-04-02");
  g_assert_cmpint (app_test_query_int (f->session, "SELECT count (*) FROM clients"), ==, 0);
  g_assert_cmpint (app_test_query_int (f->session, "SELECT count (*) FROM consents"), ==, 0);
}

/* The referral source (转介来源, schema version 7): read in words or
 * codes, written back in words, read again the same; empty is not
 * recorded; a word that is none of the six is a problem of its row. */
static void
test_referral_source_column (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *exported = g_build_filename (f->db.dir, "exported", NULL);
  g_autofree char *again = g_build_filename (f->db.dir, "again", NULL);
  g_autofree char *second_path = g_build_filename (f->db.dir, "second.ykdb", NULL);
  g_autofree char *recovery = NULL, *problems = NULL, *clients = NULL, *clients_again = NULL;
  YkLedgerResult result;
  YkSession *second;

  write_file (f, "clients.csv",
              "个案编号,姓名,站点,建档日期,知情同意日期,入组时病情稳定,转介来源\n"
              "SPQ-1,测试甲,SPQ,2021-01-05,2021-01-04,是,精防医生\n"
              "SPQ-2,测试乙,SPQ,2021-01-05,2021-01-05,是,platform\n"
              "SPQ-3,测试丙,SPQ,2021-01-05,2021-01-05,是,\n", -1);
  problems = import (f, TRUE, NULL);
  g_assert_cmpint (app_test_query_int (f->session, "SELECT count (*) FROM clients WHERE case_no = 'SPQ-1' AND "
                                                   "referral_source = 'psychiatric_doctor'"), ==, 1);
  g_assert_cmpint (app_test_query_int (f->session, "SELECT count (*) FROM clients WHERE case_no = 'SPQ-2' AND "
                                                   "referral_source = 'platform'"), ==, 1);
  g_assert_cmpint (app_test_query_int (f->session, "SELECT count (*) FROM clients WHERE case_no = 'SPQ-3' AND "
                                                   "referral_source IS NULL"), ==, 1);

  g_assert_true (yk_ledger_export (f->session, exported, &error));
  g_assert_no_error (error);
  clients = read_ledger_file (exported, "clients.csv");
  assert_contains (clients, ",撤回同意原因,转介来源,迁自\r\n");
  assert_contains (clients, "SPQ-1,");
  assert_contains (clients, ",,精防医生,\r\n");
  assert_contains (clients, ",,转介平台,\r\n");

  second = yk_session_create (second_path, "admin", NULL, PW, YK_KDF_INTERACTIVE, &recovery, &error);
  g_assert_no_error (error);
  g_assert_true (yk_ledger_import (second, exported, FALSE, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  yk_ledger_result_clear (&result);
  g_assert_cmpint (app_test_query_int (second, "SELECT count (*) FROM clients WHERE referral_source IS NULL"), ==, 1);
  g_assert_cmpint (app_test_query_int (second, "SELECT count (*) FROM clients WHERE referral_source = 'platform'"),
                   ==, 1);
  g_assert_true (yk_ledger_export (second, again, &error));
  clients_again = read_ledger_file (again, "clients.csv");
  g_assert_cmpstr (clients_again, ==, clients);
  yk_session_close (second);
}

static void
test_referral_source_problem (Fixture *f, gconstpointer data)
{
  g_autofree char *problems = NULL;

  write_file (f, "clients.csv",
              "case_no,name,site,intake_date,consent_date,stable_at_intake,referral_source\n"
              "SPQ-1,测试,SPQ,2021-01-05,2021-01-05,是,医院\n"
              "SPQ-2,测试,SPQ,2021-01-05,2021-01-05,是,邻居\n", -1);
  problems = import (f, FALSE, NULL);
  assert_contains (problems, "clients.csv:3: referral_source: “邻居” is not one of: "
                             "精防医生、医院、街道社区、家属、本人申请、转介平台");
  g_assert_cmpint (app_test_query_int (f->session, "SELECT count (*) FROM clients"), ==, 0);
}

/* training.csv (培训, schema version 8): sessions by the staff's display
 * names, separated by 、 or ;, written back joined by 、 with one decimal
 * of hours, read again the same. */
static void
test_training_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *exported = g_build_filename (f->db.dir, "exported", NULL);
  g_autofree char *again = g_build_filename (f->db.dir, "again", NULL);
  g_autofree char *second_path = g_build_filename (f->db.dir, "second.ykdb", NULL);
  g_autofree char *recovery = NULL, *problems = NULL, *training = NULL, *training_again = NULL;
  YkLedgerResult result;
  YkSession *second;

  write_file (f, "clients.csv",
              "case_no,name,site,intake_date,consent_date,stable_at_intake,worker\n"
              "SPQ-1,测试甲,SPQ,2021-01-05,2021-01-05,是,李社工\n"
              "JL-1,测试乙,JL,2021-01-05,2021-01-05,是,赵社工\n", -1);
  write_file (f, "training.csv",
              "日期,培训主题,学时,提供方,参加人员\n"
              "2021-10-12,危机干预,2.5,区精卫中心,李社工、赵社工\n"
              "2021/11/3,督导,3,,赵社工; 李社工\n", -1);
  problems = import (f, TRUE, &result);
  g_assert_cmpstr (problems, ==, "");
  g_assert_true (result.present[7]);
  g_assert_cmpuint (result.added[7], ==, 2);
  yk_ledger_result_clear (&result);
  g_assert_cmpint (app_test_query_int (f->session, "SELECT sum (hours_tenths) FROM training_sessions"), ==, 55);
  g_assert_cmpint (app_test_query_int (f->session, "SELECT count (*) FROM training_attendees"), ==, 4);

  g_assert_true (yk_ledger_export (f->session, exported, &error));
  g_assert_no_error (error);
  training = read_ledger_file (exported, "training.csv");
  assert_contains (training, "日期,培训主题,学时,提供方,参加人员\r\n"
                             "2021-10-12,危机干预,2.5,区精卫中心,李社工、赵社工\r\n"
                             "2021-11-03,督导,3.0,,李社工、赵社工\r\n");

  second = yk_session_create (second_path, "admin", NULL, PW, YK_KDF_INTERACTIVE, &recovery, &error);
  g_assert_no_error (error);
  g_assert_true (yk_ledger_import (second, exported, FALSE, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  yk_ledger_result_clear (&result);
  g_assert_true (yk_ledger_export (second, again, &error));
  training_again = read_ledger_file (again, "training.csv");
  g_assert_cmpstr (training_again, ==, training);
  yk_session_close (second);
}

/* No session, no training.csv: the export writes none, and a ledger
 * without one imports as before. */
static void
test_training_optional (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *exported = g_build_filename (f->db.dir, "exported", NULL);
  g_autofree char *path = g_build_filename (exported, "training.csv", NULL);
  g_autofree char *clients = g_build_filename (exported, "clients.csv", NULL);

  g_assert_true (yk_ledger_export (f->session, exported, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (clients, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Every column checked, each problem as FILE:LINE: column: reason, and
 * nothing written (not the clients either). */
static void
test_training_problems (Fixture *f, gconstpointer data)
{
  g_autofree char *problems = NULL;

  write_file (f, "clients.csv",
              "case_no,name,site,intake_date,consent_date,stable_at_intake,worker\n"
              "SPQ-1,测试甲,SPQ,2021-01-05,2021-01-05,是,李社工\n", -1);
  write_file (f, "training.csv",
              "date,title,hours,provider,attendees\n"
              "2021-10-12,危机干预,2.55,,李社工\n"
              "2021-10-12,,2,,李社工\n"
              "2021-10-12,督导,2,,无此人\n"
              "2099-01-01,督导,2,,李社工\n"
              "2021-02-30,督导,2,,李社工\n"
              "2021-10-13,督导,25,,李社工\n"
              "2021-10-14,督导,20,,李社工\n"
              "2021-10-14,督导,5,,李社工\n"
              "2021-10-15,督导,1,,\n", -1);
  problems = import (f, FALSE, NULL);
  assert_contains (problems, "training.csv:2: hours: “2.55” is not a number of hours with at most one decimal");
  assert_contains (problems, "training.csv:3: title: This is required");
  assert_contains (problems, "training.csv:4: attendees: No staff member is called “无此人”");
  assert_contains (problems, "training.csv:5: date: Date: 2099-01-01 is in the future");
  assert_contains (problems, "training.csv:6: date: ");
  assert_contains (problems, "training.csv:7: hours: Hours: a session lasts more than 0 and at most 24 hours");
  assert_contains (problems, "training.csv:9: attendees: 李社工 already has 20.0 hours of training on 2021-10-14");
  assert_contains (problems, "training.csv:10: attendees: This is required");
  g_assert_null (strstr (problems, "training.csv:8:"));
  g_assert_cmpint (app_test_query_int (f->session, "SELECT count (*) FROM training_sessions"), ==, 0);
  g_assert_cmpint (app_test_query_int (f->session, "SELECT count (*) FROM clients"), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/app/ledger/headers", test_english_and_chinese_headers);
  ADD ("/app/ledger/risk-level-alias", test_risk_level_alias_header);
  ADD ("/app/ledger/new-worker-in-contacts", test_new_worker_in_contacts);
  ADD ("/app/ledger/encodings-and-quotes", test_quoted_fields_bom_and_gb18030);
  ADD ("/app/ledger/problems", test_every_problem_listed_nothing_written);
  ADD ("/app/ledger/same-person", test_same_person);
  ADD ("/app/ledger/required-column", test_missing_required_column_and_repeated_attendance);
  ADD ("/app/ledger/dry-run", test_dry_run_writes_nothing);
  ADD ("/app/ledger/round-trip", test_round_trip);
  ADD ("/app/ledger/export-formula-cells", test_export_formula_cells);
  ADD ("/app/ledger/formula-cells-round-trip", test_formula_cells_round_trip);
  ADD ("/app/ledger/bad-folder", test_bad_folder);
  ADD ("/app/ledger/worker-refused-before-rows", test_worker_refused_before_rows);
  ADD ("/app/ledger/workbook", test_workbook);
  ADD ("/app/ledger/template", test_template);
  ADD ("/app/ledger/workbook-problems", test_workbook_problems);
  ADD ("/app/ledger/consent-columns", test_consent_columns);
  ADD ("/app/ledger/consent-problems", test_consent_problems);
  ADD ("/app/ledger/referral-source-column", test_referral_source_column);
  ADD ("/app/ledger/referral-source-problem", test_referral_source_problem);
  ADD ("/app/ledger/training-round-trip", test_training_round_trip);
  ADD ("/app/ledger/training-optional", test_training_optional);
  ADD ("/app/ledger/training-problems", test_training_problems);
#undef ADD
  return g_test_run ();
}
