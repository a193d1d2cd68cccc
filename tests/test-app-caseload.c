/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The caseload list (app/yk-caseload.c): who each role sees, names
 * masked, and due dates that agree with the follow-up list. */
#include "app-test-util.h"
#include "yk-accounts.h"
#include "yk-text.h"
#include "yk-caseload.h"
#include "yk-reader-private.h"
#include "yk-casework.h"
#include "yk-db-staff.h"
#include "yk-demo.h"
#include "yk-followup.h"
#include "yk-validate.h"

#include <glib/gstdio.h>
#include <string.h>

#define PASSWORD "caseload test password"

typedef struct
{
  AppTestDb db;
  gint64 spq;
  GDate today;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  app_test_db_init (&f->db, "test.ykdb");
  app_test_db_create (&f->db, "wang", "王协调", PASSWORD);
  app_test_db_add_worker (&f->db, "li", PASSWORD, "SPQ", "李社工");
  g_assert_true (yk_demo_fill (f->db.coordinator, 1, YK_DEMO_PILOT, &error));
  g_assert_no_error (error);
  f->db.worker = app_test_db_open (&f->db, "li", PASSWORD);
  f->spq = yk_db_site_find (yk_store_get_connection (yk_session_get_store (f->db.coordinator)), "SPQ", &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->spq, >, 0);
  yk_date_today (&f->today);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  app_test_db_clear (&f->db);
}

static GPtrArray *
list (YkSession *session,
      Fixture   *f)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *entries = yk_caseload_list (session, &f->today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

static YkCaseloadEntry *
find (GPtrArray *entries,
      gint64     client_id)
{
  for (guint i = 0; i < entries->len; i++)
    if (((YkCaseloadEntry *) entries->pdata[i])->client_id == client_id)
      return entries->pdata[i];
  return NULL;
}

static void
test_mask_name (void)
{
  const struct
  {
    const char *name;
    const char *masked;
  } cases[] = {
    { "王小明", "王**" },
    { "李娜", "李*" },
    { "欧阳娜娜", "欧***" },
    { "张", "张" },
    { "Ann Lee", "A******" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *masked = yk_text_mask_name (cases[i].name);
      g_assert_cmpstr (masked, ==, cases[i].masked);
    }
  {
    g_autofree char *masked = yk_text_mask_name (NULL);
    g_assert_cmpstr (masked, ==, "");
  }
}

static void
test_search_fold (void)
{
  g_autofree char *wide = yk_caseload_search_fold ("ＳＰＱ－０００１");
  g_autofree char *upper = yk_caseload_search_fold ("Spq-0001");
  g_autofree char *name = yk_caseload_search_fold ("王小明");

  g_assert_cmpstr (wide, ==, "spq-0001");
  g_assert_cmpstr (upper, ==, "spq-0001");
  g_assert_cmpstr (name, ==, "王小明");
}

/* A coordinator sees both sites and every status; a social worker
 * exactly the SPQ part of that, nothing of JL. */
static void
test_role_scope (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (GPtrArray) all = list (f->db.coordinator, f);
  g_autoptr (GPtrArray) own = list (f->db.worker, f);
  guint spq = 0, other = 0, active = 0, referred = 0, closed = 0;

  g_assert_cmpuint (all->len, ==, 142);
  for (guint i = 0; i < all->len; i++)
    {
      YkCaseloadEntry *e = all->pdata[i];

      if (e->site_id == f->spq)
        {
          spq++;
          g_assert_cmpstr (e->site_code, ==, "SPQ");
          g_assert_cmpstr (e->site_name, ==, "石坪桥街道渝康家园");
          g_assert_nonnull (find (own, e->client_id));
        }
      else
        {
          other++;
          g_assert_cmpstr (e->site_code, ==, "JL");
          g_assert_null (find (own, e->client_id));
        }
      active += g_str_equal (e->status, "active");
      referred += g_str_equal (e->status, "referred");
      closed += g_str_equal (e->status, "closed");
      /* Demo people all have a worker, a phone and a case number. */
      g_assert_cmpint (e->worker_id, >, 0);
      g_assert_nonnull (e->worker_name);
      g_assert_nonnull (e->phone);
      if (i > 0)
        g_assert_cmpstr (((YkCaseloadEntry *) all->pdata[i - 1])->case_no, <, e->case_no);
    }
  g_assert_cmpuint (spq, >, 0);
  g_assert_cmpuint (other, >, 0);
  g_assert_cmpuint (own->len, ==, spq);
  g_assert_cmpuint (referred, >, 0);
  g_assert_cmpuint (closed, >, 0);
  g_assert_cmpuint (active + referred + closed, ==, all->len);
}

static void
test_masked_names (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GPtrArray) all = list (f->db.coordinator, f);

  for (guint i = 0; i < all->len; i++)
    {
      YkCaseloadEntry *e = all->pdata[i];
      glong length = g_utf8_strlen (e->name, -1);
      const char *rest = g_utf8_next_char (e->masked_name);

      g_assert_cmpint (length, >=, 2);
      g_assert_cmpint (g_utf8_strlen (e->masked_name, -1), ==, length);
      g_assert_true (strncmp (e->masked_name, e->name, rest - e->masked_name) == 0);
      g_assert_cmpuint (strspn (rest, "*"), ==, strlen (rest));
      /* Nothing but the first character of the name is in it. */
      g_assert_null (strstr (e->masked_name, g_utf8_next_char (e->name)));
    }
}

/* The same people, the same due dates, overdue flags, risk and
 * condition as the follow-up list, which Today shows. */
static void
test_due_agrees_with_followup (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (GPtrArray) all = list (f->db.coordinator, f);
  g_autoptr (GPtrArray) followups = NULL;
  g_autoptr (GError) error = NULL;
  GDate horizon;
  guint active = 0, overdue = 0, at_risk = 0;

  g_date_clear (&horizon, 1);
  g_date_set_dmy (&horizon, 31, 12, 2999);
  followups = yk_followup_list (f->db.coordinator, 0, 0, &f->today, &horizon, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < all->len; i++)
    {
      YkCaseloadEntry *e = all->pdata[i];

      if (!g_str_equal (e->status, "active"))
        {
          g_assert_false (g_date_valid (&e->due));
          g_assert_false (e->overdue);
          continue;
        }
      active++;
      overdue += e->overdue;
      at_risk += e->at_risk;
      g_assert_true (g_date_valid (&e->due));
      g_assert_cmpint (e->overdue, ==, g_date_compare (&e->due, &f->today) < 0);
    }
  g_assert_cmpuint (followups->len, ==, active);
  g_assert_cmpuint (overdue, >, 0);
  g_assert_cmpuint (at_risk, >, 0);

  for (guint i = 0; i < followups->len; i++)
    {
      YkFollowup *fu = followups->pdata[i];
      YkCaseloadEntry *e = find (all, fu->client_id);

      g_assert_nonnull (e);
      g_assert_cmpstr (e->case_no, ==, fu->case_no);
      g_assert_cmpint (g_date_compare (&e->due, &fu->due), ==, 0);
      g_assert_cmpint (e->overdue, ==, fu->overdue);
      g_assert_cmpint (e->at_risk, ==, fu->at_risk);
      g_assert_cmpint (e->risk_level, ==, fu->risk_level);
      g_assert_cmpstr (e->condition, ==, fu->condition);
      g_assert_cmpstr (e->last_contact, ==, fu->last_contact);
    }
}

/* What the last *reached* contact said is what counts; an unreached
 * call after it changes nothing; a voided person leaves the list. */
static void
test_last_reached_contact (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (GPtrArray) before = list (f->db.coordinator, f);
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GPtrArray) voided = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *today = yk_date_format_iso (&f->today);
  YkCaseloadEntry *person = NULL, *now;
  YkContactRecord reached = { 0 }, unreached = { 0 };
  gint64 id;
  GDate due = f->today;

  for (guint i = 0; i < before->len && person == NULL; i++)
    {
      YkCaseloadEntry *e = before->pdata[i];
      if (g_str_equal (e->status, "active") && !e->at_risk)
        person = e;
    }
  g_assert_nonnull (person);

  reached.client_id = person->client_id;
  reached.type = (char *) "phone";
  reached.date = today;
  reached.reached = TRUE;
  reached.duration_min = -1;
  reached.risk_level = -1;
  reached.condition = (char *) "unstable";
  g_assert_true (yk_casework_add_contact (f->db.coordinator, &reached, &id, &error));
  g_assert_no_error (error);
  unreached = reached;
  unreached.reached = FALSE;
  unreached.unreached_reason = (char *) "无人接听";
  unreached.condition = NULL;
  g_assert_true (yk_casework_add_contact (f->db.coordinator, &unreached, &id, &error));
  g_assert_no_error (error);

  after = list (f->db.coordinator, f);
  now = find (after, person->client_id);
  g_assert_cmpstr (now->condition, ==, "unstable");
  g_assert_cmpstr (now->last_contact, ==, today);
  g_assert_true (now->at_risk);
  g_assert_false (now->overdue);
  g_date_add_days (&due, 14);
  g_assert_cmpint (g_date_compare (&now->due, &due), ==, 0);

  g_assert_true (yk_casework_void (f->db.coordinator, "clients", person->client_id, "重复建档", &error));
  g_assert_no_error (error);
  voided = list (f->db.coordinator, f);
  g_assert_cmpuint (voided->len, ==, after->len - 1);
  g_assert_null (find (voided, person->client_id));
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  YkStore *store = yk_session_get_store (f->db.coordinator);
  sqlite3 *db = yk_store_open_connection (store, &error);
  YkReader *reader;
  GPtrArray *entries;

  g_assert_no_error (error);
  reader = _yk_reader_new (f->db.coordinator, db);
  entries = yk_caseload_load (reader, &f->today, cancellable, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 142);
  g_ptr_array_unref (entries);

  g_cancellable_cancel (cancellable);
  entries = yk_caseload_load (reader, &f->today, cancellable, &error);
  g_assert_null (entries);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  yk_reader_free (reader);
  yk_store_close_connection (store, db);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/caseload/mask-name", test_mask_name);
  g_test_add_func ("/caseload/search-fold", test_search_fold);
  g_test_add ("/caseload/role-scope", Fixture, NULL, fixture_set_up, test_role_scope, fixture_tear_down);
  g_test_add ("/caseload/masked-names", Fixture, NULL, fixture_set_up, test_masked_names, fixture_tear_down);
  g_test_add ("/caseload/due-agrees-with-followup", Fixture, NULL, fixture_set_up,
              test_due_agrees_with_followup, fixture_tear_down);
  g_test_add ("/caseload/last-reached-contact", Fixture, NULL, fixture_set_up, test_last_reached_contact,
              fixture_tear_down);
  g_test_add ("/caseload/cancelled", Fixture, NULL, fixture_set_up, test_cancelled, fixture_tear_down);
  return g_test_run ();
}
