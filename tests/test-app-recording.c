/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the recording dialogs ask of app/ beside yk-casework.h: the
 * person, the proposed next date, staff and sites, status changes. */
#include "app-test-util.h"
#include "yk-accounts.h"
#include "yk-text.h"
#include "yk-app-error.h"
#include "yk-casework.h"
#include "yk-db-records.h"
#include "yk-db-staff.h"
#include "yk-recording.h"
#include "yk-record-rules.h"
#include "yk-case-file.h"
#include "yk-caseload.h"
#include "yk-followup.h"

#include <glib/gstdio.h>

#define COORDINATOR_PW APP_TEST_COORDINATOR_PASSWORD
#define WORKER_PW APP_TEST_WORKER_PASSWORD

typedef struct
{
  AppTestDb db; /* db.worker: li, of site SPQ */
  gint64 spq_client;
  gint64 jl_client;
} Fixture;

static gint64
add_client (YkSession *session, const char *case_no, const char *site)
{
  g_autoptr (GError) error = NULL;
  YkClientRecord r = {
    .case_no = (char *) case_no, .name = (char *) "欧阳小明",
    .site_id = yk_db_site_find (yk_store_get_connection (yk_session_get_store (session)), site, NULL),
    .intake_date = (char *) "2021-01-10", .consent_date = (char *) "2021-01-10", .stable_at_intake = TRUE,
    .risk_level = -1, .status = (char *) "active",
  };
  gint64 id = 0;

  g_assert_true (yk_casework_add_client (session, &r, &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  app_test_db_make (&f->db);
  app_test_db_add_worker (&f->db, "zhao", WORKER_PW, "JL", "赵社工");
  f->spq_client = add_client (f->db.coordinator, "SPQ-001", "SPQ");
  f->jl_client = add_client (f->db.coordinator, "JL-001", "JL");
  app_test_db_open_worker (&f->db);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  app_test_db_clear (&f->db);
}

static void
test_mask_name (void)
{
  const char *cases[][2] = {
    { "王小明", "王**" }, { "欧阳小明", "欧***" }, { "李", "李" }, { "", "" }, { "Anna", "A***" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *masked = yk_text_mask_name (cases[i][0]);
      g_assert_cmpstr (masked, ==, cases[i][1]);
    }
}

/* Texts joined into one line: a part's full stop does not meet the
 * separator (no "按时服药。；马云"), the last part keeps its own. */
static void
test_join_parts (void)
{
  const char *notes[] = { "按时服药。", "马云", NULL };
  const char *english[] = { "Referred to hospital.", "", NULL, };
  const char *measures[] = { "转介就医", "  ", "已告知监护人。 ", " 复诊。", "\n", NULL };
  const char *none[] = { "", NULL };
  g_autofree char *joined = yk_text_join_parts ("；", notes);
  g_autofree char *one = yk_text_join_parts ("; ", english);
  g_autofree char *three = yk_text_join_parts ("；", measures);
  g_autofree char *empty = yk_text_join_parts ("；", none);
  g_autoptr (GString) summary = g_string_new (NULL);

  g_assert_cmpstr (joined, ==, "按时服药；马云");
  g_assert_cmpstr (one, ==, "Referred to hospital.");
  g_assert_cmpstr (three, ==, "转介就医；已告知监护人；复诊。");
  g_assert_null (empty);

  yk_text_append_part (summary, "; ", "Stable");
  yk_text_append_part (summary, "; ", NULL);
  yk_text_append_part (summary, "; ", "Took the pills.");
  yk_text_append_part (summary, "; ", "马云");
  g_assert_cmpstr (summary->str, ==, "Stable; Took the pills; 马云");
}

/* The rules of docs/design/followup.md through the database's settings: 稳定 three
 * months, 基本稳定 and 不稳定 two weeks, and a changed setting counts. */
static void
test_propose_next (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const struct
  {
    const char *date;
    const char *condition;
    const char *next;
  } cases[] = {
    { "2021-03-05", "stable", "2021-06-05" },
    { "2021-03-05", NULL, "2021-06-05" },
    { "2021-03-05", "basically_stable", "2021-03-19" },
    { "2021-03-05", "unstable", "2021-03-19" },
    { "2021-01-31", "stable", "2021-04-30" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *next = NULL;

      g_assert_true (yk_recording_propose_next (f->db.worker, cases[i].date, cases[i].condition, &next, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (next, ==, cases[i].next);
    }
  g_assert_false (yk_recording_propose_next (f->db.worker, "2021-02-30", "stable", NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  {
    sqlite3 *db = yk_store_get_connection (yk_session_get_store (f->db.coordinator));
    g_autofree char *next = NULL;

    g_assert_cmpint (sqlite3_exec (db, "UPDATE settings SET value = '7 days' WHERE key = 'followup_unstable'",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_true (yk_recording_propose_next (f->db.coordinator, "2021-03-05", "unstable", &next, &error));
    g_assert_cmpstr (next, ==, "2021-03-12");
  }
}

/* A social worker finds their own site's people and staff only. */
static void
test_scope (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkClientRecord) mine = yk_recording_client (f->db.worker, f->spq_client, &error);
  g_autoptr (YkClientRecord) theirs = NULL;
  g_autoptr (GPtrArray) sites = NULL;
  g_autoptr (GPtrArray) all_sites = NULL;
  g_autoptr (GPtrArray) staff = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (mine->case_no, ==, "SPQ-001");
  theirs = yk_recording_client (f->db.worker, f->jl_client, &error);
  g_assert_null (theirs);
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_clear_error (&error);

  sites = yk_recording_sites (f->db.worker, &error);
  g_assert_cmpuint (sites->len, ==, 1);
  g_assert_cmpstr (((YkSiteRow *) sites->pdata[0])->code, ==, "SPQ");
  all_sites = yk_recording_sites (f->db.coordinator, &error);
  g_assert_cmpuint (all_sites->len, ==, 2);

  /* At SPQ: 李社工, and the coordinator when they record. */
  staff = yk_recording_workers (f->db.coordinator, mine->site_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (staff->len, ==, 2);
  g_assert_cmpstr (((YkStaffRow *) staff->pdata[0])->display_name, ==, "王协调");
  g_assert_cmpstr (((YkStaffRow *) staff->pdata[1])->display_name, ==, "李社工");

  /* The header shows the name, not the login. */
  g_assert_cmpstr (yk_session_get_display_name (f->db.coordinator), ==, "王协调");
  g_assert_cmpstr (yk_session_get_account (f->db.coordinator), ==, "admin");
}

static void
test_set_status (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkClientRecord) client = NULL;
  const char *field = NULL;

  /* Closing needs its date, not before intake. */
  g_assert_false (yk_recording_set_status (f->db.worker, f->spq_client, "closed", NULL, "搬走", &field, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_assert_cmpstr (field, ==, "status_date");
  g_clear_error (&error);
  g_assert_false (yk_recording_set_status (f->db.worker, f->spq_client, "closed", "2020-12-31", "搬走", &field,
                                          &error));
  g_assert_cmpstr (field, ==, "status_date");
  g_clear_error (&error);

  g_assert_true (yk_recording_set_status (f->db.worker, f->spq_client, "closed", "2021-05-01", "搬走", &field,
                                         &error));
  g_assert_no_error (error);
  client = yk_recording_client (f->db.worker, f->spq_client, &error);
  g_assert_cmpstr (client->status, ==, "closed");
  g_assert_cmpstr (client->status_date, ==, "2021-05-01");
  g_assert_cmpstr (client->status_reason, ==, "搬走");

  /* Not for another site's person. */
  field = NULL;
  g_assert_false (yk_recording_set_status (f->db.worker, f->jl_client, "closed", "2021-05-01", "搬走", &field,
                                          &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_assert_null (field);
}

static void
add_phone_call (YkSession *session, gint64 client_id, const char *date, const char *condition, int risk_level)
{
  g_autoptr (GError) error = NULL;
  YkContactRecord r = {
    .client_id = client_id, .type = (char *) "phone", .date = (char *) date, .reached = TRUE,
    .duration_min = -1, .risk_level = risk_level, .condition = (char *) condition,
  };

  g_assert_true (yk_casework_add_contact (session, &r, NULL, &error));
  g_assert_no_error (error);
}

static YkFollowup *
followup_of (GPtrArray *list, gint64 client_id)
{
  for (guint i = 0; list != NULL && i < list->len; i++)
    if (((YkFollowup *) list->pdata[i])->client_id == client_id)
      return list->pdata[i];
  g_assert_not_reached ();
}

/* Finding 1 of the field test: a quick call saved without the form's
 * details erased an unstable person's state. The condition and risk level
 * stay those last recorded, wherever the state is read, so the next
 * follow-up stays two weeks away and the warning stays; the window's form
 * starts from them and will not save a reached call without them. */
static void
test_quick_call_keeps_state (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) followups = NULL;
  g_autoptr (GPtrArray) caseload = NULL;
  g_autoptr (YkCaseFile) file = NULL;
  g_autofree char *condition = NULL;
  YkFollowup *item;
  YkCaseloadEntry *entry = NULL;
  GDate today, horizon, expected;
  const char *field = NULL;
  int risk = -1;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 4, G_DATE_NOVEMBER, 2021);
  horizon = today;
  g_date_add_days (&horizon, 7);

  add_phone_call (f->db.worker, f->spq_client, "2021-11-01", "unstable", 3);
  add_phone_call (f->db.worker, f->spq_client, "2021-11-03", NULL, -1); /* the quick call */

  followups = yk_followup_list (f->db.worker, 0, 0, &today, &horizon, &error);
  g_assert_no_error (error);
  item = followup_of (followups, f->spq_client);
  g_date_clear (&expected, 1);
  g_date_set_dmy (&expected, 17, G_DATE_NOVEMBER, 2021); /* 14 days after the quick call, not 3 months */
  g_assert_cmpint (g_date_compare (&item->due, &expected), ==, 0);
  g_assert_true (item->at_risk);
  g_assert_cmpstr (item->condition, ==, "unstable");
  g_assert_cmpint (item->risk_level, ==, 3);

  caseload = yk_caseload_list (f->db.worker, &today, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < caseload->len; i++)
    if (((YkCaseloadEntry *) caseload->pdata[i])->client_id == f->spq_client)
      entry = caseload->pdata[i];
  g_assert_nonnull (entry);
  g_assert_true (entry->at_risk);
  g_assert_cmpstr (entry->condition, ==, "unstable");
  g_assert_cmpint (g_date_compare (&entry->due, &expected), ==, 0);

  file = yk_case_file_open (f->db.worker, f->spq_client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (file->condition, ==, "unstable");

  /* What the form starts from. */
  g_assert_true (yk_recording_last_state (f->db.worker, f->spq_client, &condition, &risk, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (condition, ==, "unstable");
  g_assert_cmpint (risk, ==, 3);
  g_clear_pointer (&condition, g_free);
  g_assert_false (yk_recording_last_state (f->db.worker, f->jl_client, &condition, &risk, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A typed call that reached the person says how they are. */
  {
    YkContactRecord typed = { .client_id = f->spq_client, .type = (char *) "phone", .date = (char *) "2021-11-04",
                              .reached = TRUE, .duration_min = -1, .risk_level = -1 };

    g_assert_false (yk_contact_validate_typed (&typed, &field, &error));
    g_assert_cmpstr (field, ==, "condition");
    g_clear_error (&error);
    typed.condition = (char *) "basically_stable";
    g_assert_false (yk_contact_validate_typed (&typed, &field, &error));
    g_assert_cmpstr (field, ==, "risk_level");
    g_clear_error (&error);
    typed.risk_level = 2;
    g_assert_true (yk_contact_validate_typed (&typed, &field, &error));
    g_assert_no_error (error);
    typed.condition = NULL;
    typed.risk_level = -1;
    typed.reached = FALSE;
    g_assert_true (yk_contact_validate_typed (&typed, &field, &error));
  }

  /* As of a day in the past: what was recorded until then. */
  {
    g_autoptr (GPtrArray) then = NULL;
    GDate day;

    g_date_clear (&day, 1);
    g_date_set_dmy (&day, 2, G_DATE_NOVEMBER, 2021);
    then = yk_followup_list (f->db.worker, 0, 0, &day, &horizon, &error);
    g_assert_no_error (error);
    item = followup_of (then, f->spq_client);
    g_assert_cmpstr (item->last_contact, ==, "2021-11-01");
    g_date_set_dmy (&expected, 15, G_DATE_NOVEMBER, 2021);
    g_assert_cmpint (g_date_compare (&item->due, &expected), ==, 0);
    g_clear_pointer (&then, g_ptr_array_unref);

    g_date_set_dmy (&day, 9, G_DATE_JANUARY, 2021); /* the day before intake */
    then = yk_followup_list (f->db.worker, 0, 0, &day, &horizon, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < then->len; i++)
      g_assert_cmpint (((YkFollowup *) then->pdata[i])->client_id, !=, f->spq_client);
  }

  /* A later contact that records another condition is what counts. */
  add_phone_call (f->db.worker, f->spq_client, "2021-11-04", "stable", 1);
  g_clear_pointer (&followups, g_ptr_array_unref);
  followups = yk_followup_list (f->db.worker, 0, 0, &today, &horizon, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < followups->len; i++)
    g_assert_cmpint (((YkFollowup *) followups->pdata[i])->client_id, !=, f->spq_client); /* due in 2022 */
}

static void
assert_same_error (GError *elsewhere, GError *nowhere)
{
  g_assert_nonnull (elsewhere);
  g_assert_nonnull (nowhere);
  g_assert_true (elsewhere->domain == nowhere->domain);
  g_assert_cmpint (elsewhere->code, ==, nowhere->code);
  g_assert_cmpstr (elsewhere->message, ==, nowhere->message);
}

/* A social worker's asks about another site answer exactly as for what
 * does not exist, whatever else is wrong with the ask: another site's
 * case as a case that is not there, another site's staff as a site that
 * is not there. */
static void
test_other_site_as_nonexistent (Fixture *f, gconstpointer data)
{
  const gint64 nobody = 999999;
  gint64 jl_site;
  g_autoptr (YkClientRecord) theirs = yk_recording_client (f->db.coordinator, f->jl_client, NULL);
  g_autoptr (GPtrArray) staff_elsewhere = NULL;
  g_autoptr (GPtrArray) staff_nowhere = NULL;

  g_assert_nonnull (theirs);
  jl_site = theirs->site_id;
  {
    g_autoptr (GError) elsewhere = NULL, nowhere = NULL;

    g_assert_null (yk_recording_open_client (f->db.worker, f->jl_client, &elsewhere));
    g_assert_null (yk_recording_open_client (f->db.worker, nobody, &nowhere));
    g_assert_error (elsewhere, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
    assert_same_error (elsewhere, nowhere);
  }
  {
    g_autoptr (GError) elsewhere = NULL, nowhere = NULL;
    char *condition = NULL;
    int risk = -1;

    g_assert_false (yk_recording_last_state (f->db.worker, f->jl_client, &condition, &risk, &elsewhere));
    g_assert_false (yk_recording_last_state (f->db.worker, nobody, &condition, &risk, &nowhere));
    assert_same_error (elsewhere, nowhere);
  }
  {
    /* A status change that breaks a rule too (结案 needs a date). */
    g_autoptr (GError) elsewhere = NULL, nowhere = NULL;
    const char *field_elsewhere = "unset", *field_nowhere = "unset";

    g_assert_false (yk_recording_set_status (f->db.worker, f->jl_client, "closed", NULL, NULL, &field_elsewhere,
                                             &elsewhere));
    g_assert_false (yk_recording_set_status (f->db.worker, nobody, "closed", NULL, NULL, &field_nowhere, &nowhere));
    g_assert_error (elsewhere, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
    assert_same_error (elsewhere, nowhere);
    g_assert_cmpstr (field_elsewhere, ==, field_nowhere);
  }
  {
    /* A contact dated before the other person's intake. */
    g_autoptr (GError) elsewhere = NULL, nowhere = NULL;
    YkContactRecord c = { .client_id = f->jl_client, .type = (char *) "phone", .date = (char *) "2020-01-01",
                          .reached = TRUE, .duration_min = -1, .risk_level = -1 };

    g_assert_false (yk_casework_add_contact (f->db.worker, &c, NULL, &elsewhere));
    c.client_id = nobody;
    g_assert_false (yk_casework_add_contact (f->db.worker, &c, NULL, &nowhere));
    assert_same_error (elsewhere, nowhere);
  }

  /* The staff a record may name: at another site only oneself, as at a
   * site that does not exist; never that site's people. */
  staff_elsewhere = yk_recording_workers (f->db.worker, jl_site, NULL);
  staff_nowhere = yk_recording_workers (f->db.worker, nobody, NULL);
  g_assert_nonnull (staff_elsewhere);
  g_assert_nonnull (staff_nowhere);
  g_assert_cmpuint (staff_elsewhere->len, ==, staff_nowhere->len);
  for (guint i = 0; i < staff_elsewhere->len; i++)
    g_assert_cmpint (((YkStaffRow *) staff_elsewhere->pdata[i])->id, ==,
                     ((YkStaffRow *) staff_nowhere->pdata[i])->id);
  for (guint i = 0; i < staff_elsewhere->len; i++)
    g_assert_cmpstr (((YkStaffRow *) staff_elsewhere->pdata[i])->display_name, !=, "赵社工");
  {
    /* A coordinator still sees JL's staff. */
    g_autoptr (GPtrArray) jl_staff = yk_recording_workers (f->db.coordinator, jl_site, NULL);
    gboolean zhao = FALSE;

    for (guint i = 0; i < jl_staff->len; i++)
      zhao |= g_strcmp0 (((YkStaffRow *) jl_staff->pdata[i])->display_name, "赵社工") == 0;
    g_assert_true (zhao);
  }
}

/* A social worker names as a record's worker only their own site's staff
 * (or themselves): another site's staff member answers as one that does
 * not exist, and nothing is written, so no case file or timeline can
 * show them that person's name. */
static void
test_worker_named_own_site (Fixture *f, gconstpointer data)
{
  sqlite3 *db = yk_store_get_connection (yk_session_get_store (f->db.coordinator));
  g_autoptr (YkStaffRow) zhao = yk_db_staff_find_account (db, "zhao", NULL);
  g_autoptr (YkStaffRow) li = yk_db_staff_find_account (db, "li", NULL);
  const gint64 nobody = 999999;
  g_autoptr (YkClientRecord) client = yk_recording_client (f->db.worker, f->spq_client, NULL);
  g_autoptr (YkClientRecord) after = NULL;

  g_assert_nonnull (zhao);
  {
    g_autoptr (GError) elsewhere = NULL, nowhere = NULL;
    const char *field_elsewhere = "unset", *field_nowhere = "unset";

    client->worker_id = zhao->id;
    g_assert_false (yk_case_file_save_profile (f->db.worker, client, &field_elsewhere, &elsewhere));
    client->worker_id = nobody;
    g_assert_false (yk_case_file_save_profile (f->db.worker, client, &field_nowhere, &nowhere));
    assert_same_error (elsewhere, nowhere);
    g_assert_cmpstr (field_elsewhere, ==, field_nowhere);
  }
  {
    g_autoptr (GError) elsewhere = NULL, nowhere = NULL;
    YkContactRecord c = { .client_id = f->spq_client, .type = (char *) "phone", .date = (char *) "2021-02-01",
                          .reached = FALSE, .duration_min = -1, .risk_level = -1, .worker_id = zhao->id };

    g_assert_false (yk_casework_add_contact (f->db.worker, &c, NULL, &elsewhere));
    c.worker_id = nobody;
    g_assert_false (yk_casework_add_contact (f->db.worker, &c, NULL, &nowhere));
    assert_same_error (elsewhere, nowhere);
  }
  after = yk_recording_client (f->db.worker, f->spq_client, NULL);
  g_assert_cmpint (after->worker_id, !=, zhao->id);

  /* Their own site's staff, and themselves, as before. */
  client->worker_id = li->id;
  {
    g_autoptr (GError) error = NULL;

    g_assert_true (yk_case_file_save_profile (f->db.worker, client, NULL, &error));
    g_assert_no_error (error);
  }
  /* A coordinator assigns anyone; the worker keeps that assignment when
   * saving something else. */
  client->worker_id = zhao->id;
  {
    g_autoptr (GError) error = NULL;

    g_assert_true (yk_case_file_save_profile (f->db.coordinator, client, NULL, &error));
    g_assert_no_error (error);
    g_free (client->phone);
    client->phone = g_strdup ("13912345678");
    g_assert_true (yk_case_file_save_profile (f->db.worker, client, NULL, &error));
    g_assert_no_error (error);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/recording/mask-name", test_mask_name);
  g_test_add_func ("/app/recording/join-parts", test_join_parts);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/app/recording/propose-next", test_propose_next);
  ADD ("/app/recording/scope", test_scope);
  ADD ("/app/recording/other-site-as-nonexistent", test_other_site_as_nonexistent);
  ADD ("/app/recording/worker-named-own-site", test_worker_named_own_site);
  ADD ("/app/recording/set-status", test_set_status);
  ADD ("/app/recording/quick-call-keeps-state", test_quick_call_keeps_state);
  return g_test_run ();
}
