/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A transfer between sites (迁移, docs/design/transfer.md): the old case
 * referred out with 迁至<site>, a new linked case at the other site with
 * the person's data, consent and family, one audit row; every refusal
 * writing nothing; past quarters' figures unchanged and later ones moved;
 * the ledger's 迁自 column round trip; the link kept by yukang split and
 * no duplicate warning in the district view. */
#include "app-test-util.h"
#include "yk-app-error.h"
#include "yk-casework.h"
#include "yk-db-records.h"
#include "yk-db-staff.h"
#include "yk-db-transfer.h"
#include "yk-demo.h"
#include "yk-district.h"
#include "yk-dossier.h"
#include "yk-reader.h"
#include "yk-ledger.h"
#include "yk-report.h"
#include "yk-report-format.h"
#include "yk-schema.h"
#include "yk-split.h"
#include "yk-transfer.h"

#include <glib/gstdio.h>
#include <string.h>

#define ZHAO "zhao"
#define ZHAO_PASSWORD "zhao at jiulong 123"
#define ID_NUMBER "50010719850312123X"

typedef struct
{
  AppTestDb db; /* db.worker: li, of site SPQ; zhao at JL */
  gint64 spq, jl;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  app_test_db_make (&f->db);
  app_test_db_add_worker (&f->db, ZHAO, ZHAO_PASSWORD, "JL", "赵社工");
  app_test_db_open_worker (&f->db);
  f->spq = yk_db_site_find (app_test_connection (f->db.coordinator), "SPQ", NULL);
  f->jl = yk_db_site_find (app_test_connection (f->db.coordinator), "JL", NULL);
  g_assert_cmpint (f->spq, >, 0);
  g_assert_cmpint (f->jl, >, 0);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  app_test_db_clear (&f->db);
}

static char *
query_text (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

/* What a transfer would change: the case files, consents, family
 * members and the audit trail. */
static char *
fingerprint (Fixture *f)
{
  return query_text (app_test_connection (f->db.coordinator),
                     "SELECT (SELECT count(*) FROM clients) || '|' || (SELECT count(*) FROM consents) || '|' || "
                     "(SELECT count(*) FROM family_members) || '|' || (SELECT count(*) FROM audit) || '|' || "
                     "(SELECT group_concat (case_no || status || coalesce (status_date, '') || "
                     "coalesce (status_reason, '') || coalesce (transferred_to_case_no, ''), ',') FROM clients)");
}

/* A person at SPQ, opened on 2021-01-05, with a family member, a signed
 * consent and a contact on 2021-03-01. */
static gint64
add_person_as (Fixture *f, const char *case_no, const char *name, const char *id_number)
{
  g_autoptr (GError) error = NULL;
  YkClientRecord r = { 0 };
  YkContactRecord c = { 0 };
  YkFamilyRecord fam = { 0 };
  g_autofree char *family_no = g_strconcat ("F", case_no, NULL);
  gint64 id = 0;

  r.case_no = (char *) case_no;
  r.name = (char *) name;
  r.gender = (char *) "男";
  r.birth_date = (char *) "1985-03-12";
  r.id_number = (char *) id_number;
  r.phone = (char *) "13800000000";
  r.site_id = f->spq;
  r.intake_date = (char *) "2021-01-05";
  r.consent_date = (char *) "2021-01-04";
  r.stable_at_intake = TRUE;
  r.risk_level = 1;
  r.consent_signer = (char *) "guardian";
  r.consent_guardian = (char *) "测试母";
  r.consent_form = (char *) "written";
  r.consent_scope = YK_CONSENT_SCOPE_ALL;
  r.referral_source = (char *) "hospital";
  g_assert_true (yk_casework_add_client (f->db.coordinator, &r, &id, &error));
  g_assert_no_error (error);
  fam.client_id = id;
  fam.family_no = family_no;
  fam.name = (char *) "测试母";
  fam.relation = (char *) "母亲";
  g_assert_true (yk_casework_add_family (f->db.coordinator, &fam, NULL, &error));
  g_assert_no_error (error);
  c.client_id = id;
  c.type = (char *) "home_visit";
  c.date = (char *) "2021-03-01";
  c.reached = TRUE;
  c.duration_min = -1;
  c.risk_level = -1;
  g_assert_true (yk_casework_add_contact (f->db.coordinator, &c, NULL, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
add_person (Fixture *f, const char *case_no)
{
  return add_person_as (f, case_no, "测试迁", ID_NUMBER);
}

static gint64
staff_id (Fixture *f, const char *account)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM staff WHERE account = '%s'", account);

  return app_test_query_int (f->db.coordinator, sql);
}

static void
test_happy_path (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkClientRecord) old = NULL, new = NULL;
  g_autofree char *case_no = NULL, *from_text = NULL, *to_text = NULL, *detail = NULL;
  gint64 id = add_person (f, "SPQ-0007"), new_id = 0;
  gint64 zhao = staff_id (f, ZHAO);
  sqlite3 *db = app_test_connection (f->db.coordinator);
  gint64 audit_before = app_test_query_int (f->db.coordinator, "SELECT count(*) FROM audit");

  if (!(yk_transfer_case (f->db.coordinator, id, f->jl, "2021-04-01", zhao, &new_id, &case_no, NULL, &error)))
    g_error ("%s", error->message);
  g_assert_cmpstr (case_no, ==, "JL-0001");
  g_assert_cmpint (new_id, >, id);

  old = yk_db_client_get (db, id, 0, &error);
  new = yk_db_client_get (db, new_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (old->status, ==, "referred");
  g_assert_cmpstr (old->status_date, ==, "2021-04-01");
  g_assert_true (g_str_has_prefix (old->status_reason, "迁至"));
  {
    g_autofree char *jl_name = query_text (db, "SELECT name FROM sites WHERE code = 'JL'");

    g_assert_nonnull (strstr (old->status_reason, jl_name));
  }
  g_assert_cmpstr (new->status, ==, "active");
  g_assert_cmpstr (new->case_no, ==, "JL-0001");
  g_assert_cmpint (new->site_id, ==, f->jl);
  g_assert_cmpint (new->worker_id, ==, zhao);
  g_assert_cmpstr (new->intake_date, ==, "2021-04-01");
  g_assert_cmpstr (new->name, ==, old->name);
  g_assert_cmpstr (new->id_number, ==, ID_NUMBER);
  g_assert_cmpstr (new->birth_date, ==, old->birth_date);
  g_assert_cmpstr (new->phone, ==, old->phone);
  g_assert_cmpstr (new->referral_source, ==, "hospital");
  g_assert_cmpint (new->risk_level, ==, 1);
  /* The consent carried: its row copied. */
  g_assert_cmpstr (new->consent_date, ==, "2021-01-04");
  g_assert_cmpstr (new->consent_signer, ==, "guardian");
  g_assert_cmpstr (new->consent_guardian, ==, "测试母");
  g_assert_cmpstr (new->consent_form, ==, "written");
  g_assert_cmpuint (new->consent_scope, ==, YK_CONSENT_SCOPE_ALL);
  /* The family follows the person. */
  g_assert_cmpint (app_test_query_int (f->db.coordinator, "SELECT count(*) FROM family_members WHERE client_id = "
                                       "(SELECT id FROM clients WHERE case_no = 'JL-0001') AND name = '测试母' "
                                       "AND family_no = 'FSPQ-0007-JL-0001'"), ==, 1);
  /* Linked both ways. */
  g_assert_cmpstr (old->transferred_to_case_no, ==, "JL-0001");
  g_assert_cmpstr (old->transferred_to_site, ==, "JL");
  g_assert_cmpint (old->transferred_to_id, ==, new_id);
  g_assert_cmpstr (new->transferred_from_case_no, ==, "SPQ-0007");
  g_assert_cmpstr (new->transferred_from_site, ==, "SPQ");
  g_assert_cmpint (new->transferred_from_id, ==, id);
  g_assert_cmpint (yk_transfer_partner (f->db.coordinator, old, TRUE), ==, new_id);
  g_assert_cmpint (yk_transfer_partner (f->db.coordinator, new, FALSE), ==, id);
  g_assert_cmpint (yk_transfer_partner (f->db.coordinator, new, TRUE), ==, 0);
  /* li (SPQ) sees the old case, not the new one at JL. */
  g_assert_cmpint (yk_transfer_partner (f->db.worker, new, FALSE), ==, id);
  g_assert_cmpint (yk_transfer_partner (f->db.worker, old, TRUE), ==, 0);
  to_text = yk_transfer_describe (old, TRUE);
  from_text = yk_transfer_describe (new, FALSE);
  g_assert_cmpstr (to_text, ==, "Transferred to JL-0001");
  g_assert_cmpstr (from_text, ==, "Transferred from SPQ-0007");
  g_assert_null (yk_transfer_describe (old, FALSE));
  /* One audit row, naming the cases, no one's name. */
  g_assert_cmpint (app_test_query_int (f->db.coordinator, "SELECT count(*) FROM audit"), ==, audit_before + 1);
  detail = query_text (db, "SELECT detail FROM audit WHERE action = 'transfer' AND record_table = 'clients'");
  g_assert_cmpstr (detail, ==, "from: SPQ-0007 (SPQ); to: JL-0001 (JL); date: 2021-04-01");
  /* A record of the new case from the transfer on. */
  {
    YkContactRecord c = { .client_id = new_id, .type = (char *) "phone", .date = (char *) "2021-04-02",
                          .reached = TRUE, .duration_min = -1, .risk_level = -1 };

    g_assert_true (yk_casework_add_contact (f->db.coordinator, &c, NULL, &error));
    g_assert_no_error (error);
  }
  /* The old case keeps what happened up to the transfer, nothing after:
   * it would count for the old site. */
  {
    YkContactRecord c = { .client_id = id, .type = (char *) "phone", .date = (char *) "2021-04-02",
                          .reached = TRUE, .duration_min = -1, .risk_level = -1 };
    YkAssessmentRecord a = { .client_id = id, .date = (char *) "2021-04-02" };
    g_autoptr (GError) refusal = NULL;

    g_assert_false (yk_casework_add_contact (f->db.coordinator, &c, NULL, &refusal));
    g_assert_error (refusal, YK_APP_ERROR, YK_APP_ERROR_INVALID);
    g_assert_nonnull (strstr (refusal->message, "JL-0001"));
    g_clear_error (&refusal);
    g_assert_false (yk_casework_add_assessment (f->db.coordinator, &a, NULL, &refusal));
    g_assert_error (refusal, YK_APP_ERROR, YK_APP_ERROR_INVALID);
    g_assert_nonnull (strstr (refusal->message, "JL-0001"));
    /* On the transfer date itself it is still the old site's. */
    c.date = (char *) "2021-04-01";
    g_assert_true (yk_casework_add_contact (f->db.coordinator, &c, NULL, &error));
    g_assert_no_error (error);
  }
  /* The next number at JL follows. */
  g_free (case_no);
  case_no = yk_db_transfer_next_case_no (db, "JL", &error);
  g_assert_cmpstr (case_no, ==, "JL-0002");
}

#define REFUSED(call, domain_code)                                    \
  G_STMT_START                                                        \
  {                                                                   \
    g_autoptr (GError) refusal = NULL;                                \
    g_autofree char *after = NULL;                                    \
    g_assert_false (call);                                            \
    g_assert_error (refusal, YK_APP_ERROR, domain_code);              \
    g_assert_cmpstr (refusal->message, !=, "");                       \
    g_test_message ("refused: %s", refusal->message);                 \
    after = fingerprint (f);                                          \
    g_assert_cmpstr (after, ==, before);                              \
  }                                                                   \
  G_STMT_END

static void
test_refusals (Fixture *f, gconstpointer data)
{
  gint64 id = add_person (f, "SPQ-0001");
  gint64 zhao = staff_id (f, ZHAO), li = staff_id (f, APP_TEST_WORKER);
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  gint64 closed, withdrawn;
  const char *field = NULL;

  {
    YkContactRecord c = { .client_id = id, .type = (char *) "phone", .date = (char *) "2021-05-10",
                          .reached = TRUE, .duration_min = -1, .risk_level = -1 };

    g_assert_true (yk_casework_add_contact (f->db.coordinator, &c, NULL, &error));
    g_assert_no_error (error);
  }
  /* A closed case and a withdrawn consent. */
  closed = add_person_as (f, "SPQ-0002", "测试闭", NULL);
  app_test_exec (f->db.coordinator, "UPDATE clients SET status = 'closed', status_date = '2021-04-01', "
                                    "status_reason = '康复' WHERE case_no = 'SPQ-0002'");
  withdrawn = add_person_as (f, "SPQ-0003", "测试撤", NULL);
  g_assert_true (yk_casework_withdraw_consent (f->db.coordinator, withdrawn, "2021-04-01", "不愿继续", NULL, &error));
  g_assert_no_error (error);
  before = fingerprint (f);

  /* A social worker. */
  REFUSED (yk_transfer_case (f->db.worker, id, f->jl, "2021-06-01", 0, NULL, NULL, NULL, &refusal),
           YK_APP_ERROR_FORBIDDEN);
  /* The same site. */
  REFUSED (yk_transfer_case (f->db.coordinator, id, f->spq, "2021-06-01", 0, NULL, NULL, &field, &refusal),
           YK_APP_ERROR_INVALID);
  g_assert_cmpstr (field, ==, "transfer_site");
  /* Not an active case. */
  REFUSED (yk_transfer_case (f->db.coordinator, closed, f->jl, "2021-06-01", 0, NULL, NULL, NULL, &refusal),
           YK_APP_ERROR_INVALID);
  REFUSED (yk_transfer_case (f->db.coordinator, withdrawn, f->jl, "2021-06-01", 0, NULL, NULL, NULL, &refusal),
           YK_APP_ERROR_CONSENT_WITHDRAWN);
  /* Before the last record, before the intake. */
  REFUSED (yk_transfer_case (f->db.coordinator, id, f->jl, "2021-05-09", 0, NULL, NULL, &field, &refusal),
           YK_APP_ERROR_INVALID);
  g_assert_cmpstr (field, ==, "transfer_date");
  REFUSED (yk_transfer_case (f->db.coordinator, id, f->jl, "2021-01-01", 0, NULL, NULL, &field, &refusal),
           YK_APP_ERROR_INVALID);
  /* An impossible date, a date in the future, none. */
  REFUSED (yk_transfer_case (f->db.coordinator, id, f->jl, "2021-02-30", 0, NULL, NULL, &field, &refusal),
           YK_APP_ERROR_INVALID);
  REFUSED (yk_transfer_case (f->db.coordinator, id, f->jl, "2999-01-01", 0, NULL, NULL, &field, &refusal),
           YK_APP_ERROR_INVALID);
  REFUSED (yk_transfer_case (f->db.coordinator, id, f->jl, "", 0, NULL, NULL, &field, &refusal),
           YK_APP_ERROR_INVALID);
  /* A worker of the old site, not the new one's. */
  REFUSED (yk_transfer_case (f->db.coordinator, id, f->jl, "2021-06-01", li, NULL, NULL, &field, &refusal),
           YK_APP_ERROR_INVALID);
  g_assert_cmpstr (field, ==, "transfer_worker");
  /* No such case, no such site. */
  REFUSED (yk_transfer_case (f->db.coordinator, 9999, f->jl, "2021-06-01", 0, NULL, NULL, NULL, &refusal),
           YK_APP_ERROR_NOT_FOUND);
  REFUSED (yk_transfer_case (f->db.coordinator, id, 9999, "2021-06-01", 0, NULL, NULL, NULL, &refusal),
           YK_APP_ERROR_INVALID);
  REFUSED (yk_transfer_case_named (f->db.coordinator, "SPQ-0001", "NOPE", "2021-06-01", NULL, NULL, &refusal),
           YK_APP_ERROR_NOT_FOUND);
  /* The date of the last record itself is the old site's last day. */
  if (!(yk_transfer_case (f->db.coordinator, id, f->jl, "2021-05-10", zhao, NULL, NULL, NULL, &error)))
    g_error ("%s", error->message);
  /* Transferred once: the old case is no longer active. */
  g_free (before);
  before = fingerprint (f);
  REFUSED (yk_transfer_case (f->db.coordinator, id, f->jl, "2021-06-01", 0, NULL, NULL, NULL, &refusal),
           YK_APP_ERROR_INVALID);
}

/* Per site, for every quarter of 2021, as the report's JSON. */
static char *
quarter_json (YkSession *session, const char *period)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkReport) r = yk_report_for_session (session, period, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  /* The figures, not the audit trail's head the report names. */
  g_clear_pointer (&r->audit_head, g_free);
  return yk_report_to_json (r);
}

static gint64
site_value (YkSession *session, const char *period, const char *code, YkIndicator k)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkReport) r = yk_report_for_session (session, period, code, &error);

  g_assert_no_error (error);
  return ((YkReportSite *) r->sites->pdata[0])->values[k];
}

static void
test_figures (Fixture *f, gconstpointer data)
{
  static const char *const before_quarters[] = { "2021Q1", "2021Q2", "2021Q3", "cumulative:2021Q3" };
  static const YkIndicator moved[] = { YK_INDICATOR_CASE_FILES_NEW, YK_INDICATOR_CASE_FILES_TOTAL,
                                       YK_INDICATOR_CASELOAD_ACTIVE, YK_INDICATOR_HOME_VISITS,
                                       YK_INDICATOR_PHONE_FOLLOWUPS, YK_INDICATOR_BENEFICIARIES };
  g_autoptr (GError) error = NULL;
  sqlite3 *db = app_test_connection (f->db.coordinator);
  char *jsons[G_N_ELEMENTS (before_quarters)];
  gint64 old_q4[YK_N_INDICATORS], new_q4[YK_N_INDICATORS];
  g_autofree char *from_code = NULL, *to_code = NULL, *date = NULL, *new_case_no = NULL, *later = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0, new_id;

  g_assert_true (yk_demo_fill (f->db.coordinator, 1, YK_DEMO_PILOT, &error));
  g_assert_no_error (error);
  /* An active person served in 2021Q3 whose last record is in October
   * or November: transferred on that day, served at the new site in
   * December. */
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                     "SELECT c.id FROM clients c WHERE c.voided_at IS NULL AND c.status = 'active' AND EXISTS "
                     "(SELECT 1 FROM contacts k WHERE k.client_id = c.id AND k.voided_at IS NULL AND k.reached = 1 "
                     "AND k.contact_date BETWEEN '2021-07-01' AND '2021-09-30') ORDER BY c.id", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 candidate = sqlite3_column_int64 (stmt, 0);
      g_autofree char *latest = yk_db_transfer_latest_date (db, candidate, NULL);

      if (latest != NULL && strcmp (latest, "2021-10-01") >= 0 && strcmp (latest, "2021-11-30") <= 0)
        {
          id = candidate;
          date = g_steal_pointer (&latest);
          break;
        }
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (id, >, 0);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT s.code FROM clients c JOIN sites s ON s.id = c.site_id "
                                            "WHERE c.id = %" G_GINT64_FORMAT, id);
    from_code = query_text (db, sql);
  }
  to_code = g_strdup (g_str_equal (from_code, "SPQ") ? "JL" : "SPQ");
  for (guint i = 0; i < G_N_ELEMENTS (before_quarters); i++)
    jsons[i] = quarter_json (f->db.coordinator, before_quarters[i]);
  for (int k = 0; k < YK_N_INDICATORS; k++)
    {
      old_q4[k] = site_value (f->db.coordinator, "2021Q4", from_code, k);
      new_q4[k] = site_value (f->db.coordinator, "2021Q4", to_code, k);
    }

  if (!(yk_transfer_case (f->db.coordinator, id, g_str_equal (to_code, "JL") ? f->jl : f->spq, date, 0,
                                   &new_id, &new_case_no, NULL, &error)))
    g_error ("%s", error->message);
  {
    YkContactRecord c = { .client_id = new_id, .type = (char *) "home_visit", .date = (char *) "2021-12-15",
                          .reached = TRUE, .duration_min = -1, .risk_level = -1 };
    YkContactRecord p = { .client_id = new_id, .type = (char *) "phone", .date = (char *) "2021-12-20",
                          .reached = TRUE, .duration_min = -1, .risk_level = -1 };

    g_assert_true (yk_casework_add_contact (f->db.coordinator, &c, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (yk_casework_add_contact (f->db.coordinator, &p, NULL, &error));
    g_assert_no_error (error);
  }
  /* Nothing of the quarters before the transfer moves, to the byte. */
  for (guint i = 0; i < G_N_ELEMENTS (before_quarters); i++)
    {
      g_autofree char *after = quarter_json (f->db.coordinator, before_quarters[i]);

      g_assert_cmpstr (after, ==, jsons[i]);
      g_free (jsons[i]);
    }
  /* The quarter of the transfer: the old site keeps what happened before
   * the date and no longer has the person on its caseload; the new site
   * has a new case file on its caseload, and its contacts. */
  for (int k = 0; k < YK_N_INDICATORS; k++)
    {
      gint64 old_after = site_value (f->db.coordinator, "2021Q4", from_code, k);
      gint64 new_after = site_value (f->db.coordinator, "2021Q4", to_code, k);
      gint64 expect_old = old_q4[k], expect_new = new_q4[k];

      if (k == YK_INDICATOR_CASELOAD_ACTIVE)
        expect_old--;
      for (guint m = 0; m < G_N_ELEMENTS (moved); m++)
        if (moved[m] == (YkIndicator) k)
          expect_new++;
      g_test_message ("%s: %s %" G_GINT64_FORMAT " → %" G_GINT64_FORMAT ", %s %" G_GINT64_FORMAT " → %" G_GINT64_FORMAT,
                      yk_indicator_label (k), from_code, old_q4[k], old_after, to_code, new_q4[k], new_after);
      g_assert_cmpint (old_after, ==, expect_old);
      g_assert_cmpint (new_after, ==, expect_new);
    }
  later = quarter_json (f->db.coordinator, "2021Q4");
  g_assert_nonnull (later);
}

/* Export → import into a new file: the 迁自 column brings the link back
 * and the intake check lets the linked pair in. */
static void
test_ledger_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_build_filename (f->db.dir, "ledger", NULL);
  g_autofree char *csv = NULL, *path = NULL, *linked = NULL;
  gint64 id = add_person (f, "SPQ-0001");
  AppTestDb second = { 0 };
  YkLedgerResult result = { 0 };

  if (!(yk_transfer_case (f->db.coordinator, id, f->jl, "2021-04-01", 0, NULL, NULL, NULL, &error)))
    g_error ("%s", error->message);
  g_assert_true (yk_ledger_export (f->db.coordinator, folder, &error));
  g_assert_no_error (error);
  path = g_build_filename (folder, "clients.csv", NULL);
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  g_assert_nonnull (strstr (csv, ",迁自\r\n"));
  g_assert_nonnull (strstr (csv, ",SPQ-0001\r\n"));

  app_test_db_make (&second);
  g_assert_true (yk_ledger_import (second.coordinator, folder, FALSE, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  yk_ledger_result_clear (&result);
  linked = query_text (app_test_connection (second.coordinator),
                       "SELECT group_concat (case_no || ':' || coalesce (transferred_from_case_no, '') || ':' || "
                       "coalesce (transferred_to_case_no, '') || ':' || status, ' ') FROM clients ORDER BY id");
  g_assert_cmpstr (linked, ==, "SPQ-0001::JL-0001:referred JL-0001:SPQ-0001::active");
  g_assert_cmpint (app_test_query_int (second.coordinator, "SELECT count(*) FROM family_members"), ==, 2);
  app_test_db_clear (&second);
}

/* The column's problems, as FILE:LINE: column: reason, nothing written. */
static void
write_clients (const char *folder, const char *rows)
{
  g_autofree char *path = g_build_filename (folder, "clients.csv", NULL);
  g_autofree char *text = g_strconcat ("个案编号,姓名,身份证号,出生日期,站点,建档日期,知情同意日期,入组时病情稳定,状态,状态日期,迁自\n",
                                       rows, NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static void
expect_problem (Fixture *f, const char *folder, const char *problem)
{
  g_autoptr (GError) error = NULL;
  YkLedgerResult result = { 0 };
  gint64 clients = app_test_query_int (f->db.coordinator, "SELECT count(*) FROM clients");
  gboolean found = FALSE;

  g_assert_false (yk_ledger_import (f->db.coordinator, folder, FALSE, NULL, NULL, &result, &error));
  for (guint i = 0; result.problems != NULL && i < result.problems->len; i++)
    {
      YkLedgerProblem *p = result.problems->pdata[i];
      g_autofree char *line = g_strdup_printf ("%s:%u: %s: %s", p->file, p->line, p->column, p->reason);

      g_test_message ("%s", line);
      found |= strstr (line, problem) != NULL;
    }
  g_assert_true (found);
  g_assert_cmpint (app_test_query_int (f->db.coordinator, "SELECT count(*) FROM clients"), ==, clients);
  yk_ledger_result_clear (&result);
}

static void
test_ledger_problems (Fixture *f, gconstpointer data)
{
  g_autofree char *a = g_build_filename (f->db.dir, "a", NULL);
  g_autofree char *b = g_build_filename (f->db.dir, "b", NULL);
  g_autofree char *c = g_build_filename (f->db.dir, "c", NULL);
  g_autofree char *d = g_build_filename (f->db.dir, "d", NULL);

  /* No such case. */
  write_clients (a, "JL-0001,测试乙,,,JL,2021-04-01,2021-01-04,是,,,SPQ-0099\n");
  expect_problem (f, a, "clients.csv:2: 迁自: ");
  /* The same site. */
  write_clients (b, "SPQ-0001,测试乙,,1980-01-01,SPQ,2021-01-05,2021-01-04,是,转介,2021-04-01,\n"
                    "SPQ-0002,测试乙,,1980-01-01,SPQ,2021-04-01,2021-01-04,是,,,SPQ-0001\n");
  expect_problem (f, b, "clients.csv:3: 迁自: ");
  /* Not referred out. */
  write_clients (c, "SPQ-0001,测试乙,,1980-01-01,SPQ,2021-01-05,2021-01-04,是,,,\n"
                    "JL-0001,测试乙,,1980-01-01,JL,2021-04-01,2021-01-04,是,,,SPQ-0001\n");
  expect_problem (f, c, "clients.csv:3: 迁自: ");
  /* Without the column, the same person twice is the intake check's. */
  write_clients (d, "SPQ-0001,测试乙,,1980-01-01,SPQ,2021-01-05,2021-01-04,是,转介,2021-04-01,\n"
                    "JL-0001,测试乙,,1980-01-01,JL,2021-04-01,2021-01-04,是,,,\n");
  expect_problem (f, d, "clients.csv:3: 姓名: ");
}

/* yukang split: each site file keeps the link's text; the district
 * view of the two files warns of no duplicate for the linked pair. */
static void
test_split_and_district (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *output = g_build_filename (f->db.dir, "sites", NULL);
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (YkDistrict) district = NULL;
  g_autoptr (GPtrArray) paths = g_ptr_array_new ();
  gint64 id = add_person (f, "SPQ-0001");
  const char *const *warnings;

  if (!(yk_transfer_case (f->db.coordinator, id, f->jl, "2021-04-01", 0, NULL, NULL, NULL, &error)))
    g_error ("%s", error->message);
  g_assert_cmpint (g_mkdir (output, 0700), ==, 0);
  g_assert_true (yk_session_split (f->db.coordinator, output, &files, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < files->len; i++)
    {
      YkSplitFile *file = files->pdata[i];
      g_autoptr (YkSession) site = yk_session_open (file->path, APP_TEST_COORDINATOR,
                                                    APP_TEST_COORDINATOR_PASSWORD, &error);
      g_autoptr (YkClientRecord) record = NULL;
      g_autofree char *text = NULL;
      gint64 here;

      g_assert_no_error (error);
      here = app_test_query_int (site, "SELECT id FROM clients");
      record = yk_db_client_get (app_test_connection (site), here, 0, &error);
      g_assert_no_error (error);
      if (g_str_equal (file->site_code, "SPQ"))
        {
          text = yk_transfer_describe (record, TRUE);
          g_assert_cmpstr (text, ==, "Transferred to JL-0001");
          g_assert_cmpstr (record->transferred_to_site, ==, "JL");
          g_assert_cmpint (yk_transfer_partner (site, record, TRUE), ==, 0);
        }
      else
        {
          text = yk_transfer_describe (record, FALSE);
          g_assert_cmpstr (text, ==, "Transferred from SPQ-0001");
          g_assert_cmpstr (record->transferred_from_site, ==, "SPQ");
          g_assert_cmpint (yk_transfer_partner (site, record, FALSE), ==, 0);
        }
      g_ptr_array_add (paths, file->path);
      yk_session_close (g_steal_pointer (&site));
    }
  g_ptr_array_add (paths, NULL);
  district = yk_district_open ((const char *const *) paths->pdata, APP_TEST_COORDINATOR,
                               APP_TEST_COORDINATOR_PASSWORD, &error);
  g_assert_no_error (error);
  warnings = yk_district_get_people_warnings (district);
  g_assert_cmpuint (g_strv_length ((char **) warnings), ==, 0);
  /* In the district view both are in one merged file: the link resolves. */
  {
    YkSession *view = yk_district_get_session (district);
    sqlite3 *db = app_test_connection (view);
    gint64 old_id = yk_db_client_find_case_no (db, "SPQ-0001", NULL);
    g_autoptr (YkClientRecord) old = yk_db_client_get (db, old_id, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpint (yk_transfer_partner (view, old, TRUE), ==, yk_db_client_find_case_no (db, "JL-0001", NULL));
    g_assert_cmpint (old->transferred_to_id, ==, 0);
  }
}

/* The dossier's status history names the other case of a transfer. */
static void
test_dossier (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkReader) reader = yk_reader_new_for_session (f->db.coordinator);
  g_autoptr (GPtrArray) people = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_dossier_person_free);
  g_autofree char *path = g_build_filename (f->db.dir, "dossier.pdf", NULL);
  g_autofree char *out = NULL;
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  gint64 id = add_person (f, "SPQ-0001"), new_id = 0;
  int status = 0;

  if (!yk_transfer_case (f->db.coordinator, id, f->jl, "2021-04-01", 0, &new_id, NULL, NULL, &error))
    g_error ("%s", error->message);
  g_ptr_array_add (people, yk_dossier_person_load (reader, id, &error));
  g_assert_no_error (error);
  g_ptr_array_add (people, yk_dossier_person_load (reader, new_id, &error));
  g_assert_no_error (error);
  g_assert_true (yk_dossier_write_pdf (f->db.coordinator, people, path, NULL, NULL, &error));
  g_assert_no_error (error);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out, "Transferred to JL-0001"));
  g_assert_nonnull (strstr (out, "Transferred from SPQ-0001"));
  g_assert_nonnull (strstr (out, "迁至"));
}

/* A file of schema 7 opens as 8: every case file unlinked. */
static void
test_migration (Fixture *f, gconstpointer data)
{
  gint64 id = add_person (f, "SPQ-0001");
  g_autoptr (YkClientRecord) read = NULL;
  g_autoptr (GError) error = NULL;
  YkSession *session;

  app_test_exec (f->db.coordinator, "DROP TABLE training_attendees; DROP TABLE training_sessions; "
                 "ALTER TABLE clients DROP COLUMN transferred_from_id; ALTER TABLE clients DROP COLUMN transferred_from_case_no; "
                 "ALTER TABLE clients DROP COLUMN transferred_from_site; ALTER TABLE clients DROP COLUMN transferred_to_id; "
                 "ALTER TABLE clients DROP COLUMN transferred_to_case_no; ALTER TABLE clients DROP COLUMN transferred_to_site; "
                 "PRAGMA user_version = 7");
  g_clear_pointer (&f->db.worker, yk_session_close);
  g_clear_pointer (&f->db.coordinator, yk_session_close);
  session = app_test_db_open (&f->db, APP_TEST_COORDINATOR, APP_TEST_COORDINATOR_PASSWORD);
  f->db.coordinator = session;
  g_assert_cmpint (app_test_query_int (session, "PRAGMA user_version"), ==, YK_SCHEMA_VERSION);
  g_assert_cmpint (app_test_query_int (session, "SELECT count (*) FROM clients WHERE transferred_from_case_no IS NULL "
                                                "AND transferred_to_case_no IS NULL"), ==, 1);
  read = yk_db_client_get (app_test_connection (session), id, 0, &error);
  g_assert_no_error (error);
  g_assert_null (yk_transfer_describe (read, TRUE));
  g_assert_null (yk_transfer_describe (read, FALSE));
  if (!yk_transfer_case (session, id, f->jl, "2021-04-01", 0, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/app/transfer/happy-path", test_happy_path);
  ADD ("/app/transfer/refusals", test_refusals);
  ADD ("/app/transfer/figures", test_figures);
  ADD ("/app/transfer/ledger-round-trip", test_ledger_round_trip);
  ADD ("/app/transfer/ledger-problems", test_ledger_problems);
  ADD ("/app/transfer/split-and-district", test_split_and_district);
  ADD ("/app/transfer/dossier", test_dossier);
  ADD ("/app/transfer/migration", test_migration);
  return g_test_run ();
}
