/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-demo.h"
#include "yk-app-error.h"
#include "yk-casework.h"
#include "yk-db-staff.h"
#include "yk-record-rules.h"
#include "yk-validate.h"

#include <glib/gi18n.h>
#include <string.h>

/* Invented names: a common surname and one or two given-name characters. */
static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                        "徐", "孙", "马", "朱", "胡", "郭", "何", "罗", "高", "林" };
static const char *const given[] = { "明", "华", "芳", "军", "敏", "静", "丽", "强", "磊", "洋",
                                     "艳", "勇", "杰", "娟", "涛", "超", "秀", "霞", "平", "刚",
                                     "桂", "英", "建", "文", "兰", "红", "玉", "春", "德", "云" };
static const char *const diagnoses[] = { "精神分裂症", "精神分裂症", "精神分裂症", "双相情感障碍",
                                         "分裂情感性障碍", "偏执性精神病", "癫痫所致精神障碍",
                                         "精神发育迟滞伴发精神障碍", "其他" };
static const char *const relations[] = { "母亲", "父亲", "配偶", "子女", "兄弟姐妹" };
static const char *const categories[] = { "生活技能", "社交技能", "职业康复", "心理健康教育",
                                          "家属支持", "文体娱乐", "社区融入", "其他" };
static const char *const titles[] = { "厨艺小课堂", "手工编织小组", "情绪管理讲座", "家属互助沙龙", "康复健身操",
                                      "社区游园", "职业技能体验", "书法练习", "电影分享会", "理财小课堂" };
static const char *const communities[] = { "石坪桥社区", "黄桷坪社区", "九龙社区", "盘龙社区", "杨家坪社区" };

typedef struct
{
  YkSession *session;
  GRand *rand;
  GDate start;       /* first day of the demo's five quarters */
  GDate end;         /* its last day */
  gint64 sites[2];
  gint64 workers[2][3];
  char *worker_names[2][3]; /* their display names: the activities' 负责人 */
  GArray *clients;   /* DemoClient */
  GArray *families;  /* gint64 family ids, parallel: family_client */
  GArray *family_site;
  int scale_contacts;  /* contacts per person */
  int later_assessments; /* after the baseline, per person: 0-1 (pilot) or 9 (district, site) */
} Demo;

typedef struct
{
  gint64 id;
  int site;          /* 0 or 1 */
  GDate intake;
} DemoClient;

static char *
random_name (Demo *d)
{
  return g_strconcat (surnames[g_rand_int_range (d->rand, 0, G_N_ELEMENTS (surnames))],
                      given[g_rand_int_range (d->rand, 0, G_N_ELEMENTS (given))],
                      g_rand_boolean (d->rand) ? given[g_rand_int_range (d->rand, 0, G_N_ELEMENTS (given))] : "",
                      NULL);
}

static char *
iso (const GDate *date)
{
  return yk_date_format_iso (date);
}

/* A day between `from` and the demo's end, both inclusive. */
static void
random_day (Demo *d, const GDate *from, GDate *out)
{
  int span = g_date_days_between (from, &d->end);

  *out = *from;
  if (span > 0)
    g_date_add_days (out, (guint) g_rand_int_range (d->rand, 0, span + 1));
}

/* An invented resident ID number with a correct GB 11643 check digit. */
static char *
invented_id_number (Demo *d, const GDate *birth)
{
  static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  char digits[19];
  int sum = 0;

  g_snprintf (digits, sizeof digits, "500107%04u%02u%02u%03d", g_date_get_year (birth), g_date_get_month (birth),
              g_date_get_day (birth), g_rand_int_range (d->rand, 0, 1000));
  for (int i = 0; i < 17; i++)
    sum += (digits[i] - '0') * weights[i];
  digits[17] = "10X98765432"[sum % 11];
  digits[18] = '\0';
  return g_strdup (digits);
}

/* The intake check (yk_casework_find_duplicates()) may meet an invented
 * person twice at the larger sizes: an ID number drawn again, a name
 * and birth date made a namesake. Nothing is drawn when nothing meets,
 * so the data of a seed stay what they were. */
static gboolean
add_demo_client (Demo *d, YkClientRecord *r, const GDate *birth, char **id_number, gint64 *id, GError **error)
{
  GError *local = NULL;

  while (!yk_casework_add_client (d->session, r, id, &local))
    {
      g_autoptr (GPtrArray) found = NULL;

      if (!g_error_matches (local, YK_APP_ERROR, YK_APP_ERROR_DUPLICATE))
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      g_clear_error (&local);
      found = yk_casework_find_duplicates (d->session, r, error);
      if (found == NULL)
        return FALSE;
      if (!yk_casework_duplicates_by_id (found))
        return yk_casework_add_client_namesake (d->session, r, "演示数据：同名同姓", id, error);
      g_free (*id_number);
      *id_number = invented_id_number (d, birth);
      r->id_number = *id_number;
    }
  return TRUE;
}

static gboolean
add_staff (Demo *d, GError **error)
{
  sqlite3 *db = yk_store_get_connection (yk_session_get_store (d->session));
  static const char *const opening[2] = { "2020-10-01", "2020-11-01" };
  static const int equipment[2] = { 112, 96 };

  for (int s = 0; s < 2; s++)
    {
      if (!yk_db_site_set_details (db, d->sites[s], opening[s], equipment[s], error))
        return FALSE;
      for (int w = 0; w < 3; w++)
        {
          g_autofree char *name = random_name (d);
          if (!yk_db_staff_insert (db, name, d->sites[s], "worker", NULL, &d->workers[s][w], error))
            return FALSE;
          d->worker_names[s][w] = g_steal_pointer (&name);
        }
    }
  return TRUE;
}

static gboolean
add_clients (Demo *d, int count, GError **error)
{
  for (int i = 0; i < count; i++)
    {
      YkClientRecord r = { 0 };
      DemoClient c = { 0 };
      GDate birth;
      g_autofree char *case_no = NULL, *name = NULL, *intake = NULL, *id_number = NULL, *birth_text = NULL;
      g_autofree char *phone = NULL;
      int span = g_date_days_between (&d->start, &d->end);

      c.site = i % 2;
      /* Most case files are opened in the first two quarters. */
      c.intake = d->start;
      g_date_add_days (&c.intake, (guint) (g_rand_int_range (d->rand, 0, 100) < 70
                                             ? g_rand_int_range (d->rand, 0, span / 3)
                                             : g_rand_int_range (d->rand, 0, span - 30)));
      g_date_clear (&birth, 1);
      g_date_set_dmy (&birth, (GDateDay) g_rand_int_range (d->rand, 1, 29), (GDateMonth) g_rand_int_range (d->rand, 1, 13),
                      (GDateYear) g_rand_int_range (d->rand, 1958, 2000));
      case_no = g_strdup_printf ("%s-%04d", c.site == 0 ? "SPQ" : "JL", i / 2 + 1);
      name = random_name (d);
      intake = iso (&c.intake);
      birth_text = iso (&birth);
      id_number = invented_id_number (d, &birth);
      phone = g_strdup_printf ("1%02d%08d", g_rand_int_range (d->rand, 30, 90), g_rand_int_range (d->rand, 0, 100000000));
      r.case_no = case_no;
      r.name = name;
      r.gender = (char *) (g_rand_boolean (d->rand) ? "男" : "女");
      r.birth_date = birth_text;
      r.id_number = id_number;
      r.phone = phone;
      r.community = (char *) communities[g_rand_int_range (d->rand, 0, G_N_ELEMENTS (communities))];
      r.diagnosis = (char *) diagnoses[g_rand_int_range (d->rand, 0, G_N_ELEMENTS (diagnoses))];
      r.site_id = d->sites[c.site];
      r.worker_id = d->workers[c.site][g_rand_int_range (d->rand, 0, 3)];
      r.intake_date = intake;
      r.consent_date = intake;
      /* A written consent to everything, signed by the person (no
       * random draw: the demo's other data stay as they were). */
      r.consent_signer = (char *) "self";
      r.consent_form = (char *) "written";
      r.consent_scope = YK_CONSENT_SCOPE_ALL;
      /* Every referral source in turn, and some not recorded (again no
       * random draw). */
      r.referral_source = (i / 2) % 8 < 6 ? (char *) yk_referral_source_codes ()[(i / 2) % 8] : NULL;
      r.stable_at_intake = TRUE;
      r.risk_level = g_rand_int_range (d->rand, 0, 100) < 85 ? g_rand_int_range (d->rand, 0, 2) : g_rand_int_range (d->rand, 2, 4);
      if (!add_demo_client (d, &r, &birth, &id_number, &c.id, error))
        return FALSE;
      g_array_append_val (d->clients, c);
    }
  return TRUE;
}

static gboolean
add_families (Demo *d, GError **error)
{
  for (guint i = 0; i < d->clients->len; i++)
    {
      DemoClient *c = &g_array_index (d->clients, DemoClient, i);
      int n = g_rand_int_range (d->rand, 0, 100) < 80 ? 1 : 2;

      for (int k = 0; k < n; k++)
        {
          g_autofree char *name = random_name (d);
          g_autofree char *number = g_strdup_printf ("F%05u%d", i + 1, k + 1);
          YkFamilyRecord f = { .family_no = number, .client_id = c->id, .name = name,
                               .relation = (char *) relations[g_rand_int_range (d->rand, 0, G_N_ELEMENTS (relations))] };
          gint64 id;

          if (!yk_casework_add_family (d->session, &f, &id, error))
            return FALSE;
          g_array_append_val (d->families, id);
          g_array_append_val (d->family_site, c->site);
        }
    }
  return TRUE;
}

static gboolean
add_contacts (Demo *d, GError **error)
{
  static const char *const conditions[] = { "stable", "stable", "stable", "stable", "stable", "stable",
                                            "basically_stable", "basically_stable", "unstable" };
  static const char *const social[] = { "良好", "一般", "较差" };

  for (guint i = 0; i < d->clients->len; i++)
    {
      DemoClient *c = &g_array_index (d->clients, DemoClient, i);
      int n = g_rand_int_range (d->rand, d->scale_contacts / 2, d->scale_contacts * 3 / 2 + 1);

      for (int k = 0; k < n; k++)
        {
          GDate when;
          g_autofree char *date = NULL;
          gboolean home = g_rand_int_range (d->rand, 0, 100) < 24;
          YkContactRecord r = { 0 };
          gint64 id;

          random_day (d, &c->intake, &when);
          date = iso (&when);
          r.client_id = c->id;
          r.type = (char *) (home ? "home_visit" : "phone");
          r.date = date;
          r.worker_id = d->workers[c->site][g_rand_int_range (d->rand, 0, 3)];
          r.reached = g_rand_int_range (d->rand, 0, 100) >= 7;
          r.unreached_reason = r.reached ? NULL : (char *) (home ? "家中无人" : "电话无人接听");
          r.duration_min = home ? g_rand_int_range (d->rand, 30, 91) : g_rand_int_range (d->rand, 3, 21);
          r.risk_level = r.reached ? (g_rand_int_range (d->rand, 0, 100) < 92 ? g_rand_int_range (d->rand, 0, 2) : 3) : -1;
          r.condition = r.reached ? (char *) conditions[g_rand_int_range (d->rand, 0, G_N_ELEMENTS (conditions))] : NULL;
          r.medication = r.reached ? (char *) (g_rand_int_range (d->rand, 0, 100) < 85 ? "regular" : "intermittent") : NULL;
          for (int s = 0; s < 5 && r.reached && home; s++)
            r.social[s] = (char *) social[g_rand_int_range (d->rand, 0, 3)];
          r.notes = r.reached ? (char *) (home ? "情绪平稳，按时服药。" : "电话随访，近况良好。") : NULL;
          if (!yk_casework_add_contact (d->session, &r, &id, error))
            return FALSE;
          /* About one record in 150 turns out to be wrong and is voided. */
          if (g_rand_int_range (d->rand, 0, 150) == 0 &&
              !yk_casework_void (d->session, "contacts", id, "录入重复", error))
            return FALSE;
        }
    }
  return TRUE;
}

static gint64
random_client_of_site (Demo *d, int site, const GDate *by)
{
  for (int tries = 0; tries < 50; tries++)
    {
      DemoClient *c = &g_array_index (d->clients, DemoClient, g_rand_int_range (d->rand, 0, (gint32) d->clients->len));
      if (c->site == site && g_date_compare (&c->intake, by) <= 0)
        return c->id;
    }
  return 0;
}

static gboolean
add_activities (Demo *d, int per_site, GError **error)
{
  for (int s = 0; s < 2; s++)
    for (int i = 0; i < per_site; i++)
      {
        GDate when;
        g_autofree char *date = NULL, *number = NULL;
        YkActivityRecord a = { 0 };
        gint64 id;
        int attending = g_rand_int_range (d->rand, 5, 12);

        random_day (d, &d->start, &when);
        date = iso (&when);
        number = g_strdup_printf ("%s-A%04d", s == 0 ? "SPQ" : "JL", i + 1);
        a.activity_no = number;
        a.site_id = d->sites[s];
        a.date = date;
        a.title = (char *) titles[g_rand_int_range (d->rand, 0, G_N_ELEMENTS (titles))];
        a.category = (char *) categories[g_rand_int_range (d->rand, 0, G_N_ELEMENTS (categories))];
        /* One of the site's workers in turn (no draw from the seed's
         * stream, so the rest of the data is as before): the workload
         * credits the activity to them (docs/design/workload.md). */
        a.facilitator = d->worker_names[s][i % 3] != NULL ? d->worker_names[s][i % 3] : (char *) "社工";
        a.resident_count = g_rand_int_range (d->rand, 2, 16);
        if (!yk_casework_add_activity (d->session, &a, &id, error))
          return FALSE;
        for (int k = 0; k < attending; k++)
          {
            gint64 person = random_client_of_site (d, s, &when);
            GError *duplicate = NULL;

            /* The same person ticked twice is refused; that is fine here. */
            if (person > 0 && !yk_casework_add_attendance (d->session, id, person, 0, NULL, &duplicate))
              g_clear_error (&duplicate);
          }
        for (int k = 0; k < 2 && d->families->len > 0; k++)
          {
            guint f = (guint) g_rand_int_range (d->rand, 0, (gint32) d->families->len);
            GError *duplicate = NULL;

            if (g_array_index (d->family_site, int, f) == s &&
                !yk_casework_add_attendance (d->session, id, 0, g_array_index (d->families, gint64, f), NULL, &duplicate))
              g_clear_error (&duplicate);
          }
        if (g_rand_int_range (d->rand, 0, 60) == 0 && !yk_casework_void (d->session, "activities", id, "活动取消", error))
          return FALSE;
      }
  return TRUE;
}

static gboolean
add_questionnaires (Demo *d, int count, GError **error)
{
  static const char *const kinds[] = { "需求评估", "满意度", "满意度", "筛查", "其他" };

  for (int i = 0; i < count; i++)
    {
      GDate when;
      g_autofree char *date = NULL;
      int s = i % 2, who = g_rand_int_range (d->rand, 0, 100);
      YkQuestionnaireRecord q = { 0 };
      gint64 id;

      random_day (d, &d->start, &when);
      date = iso (&when);
      q.site_id = d->sites[s];
      q.date = date;
      q.kind = (char *) kinds[g_rand_int_range (d->rand, 0, G_N_ELEMENTS (kinds))];
      if (who < 30)
        {
          q.respondent = (char *) "服务对象";
          q.client_id = random_client_of_site (d, s, &when);
        }
      else if (who < 40 && d->families->len > 0)
        {
          guint f = (guint) g_rand_int_range (d->rand, 0, (gint32) d->families->len);
          q.respondent = (char *) "家属";
          if (g_array_index (d->family_site, int, f) == s)
            q.family_id = g_array_index (d->families, gint64, f);
        }
      else
        q.respondent = (char *) "居民";
      if (!yk_casework_add_questionnaire (d->session, &q, &id, error))
        return FALSE;
      if (g_rand_int_range (d->rand, 0, 200) == 0 && !yk_casework_void (d->session, "questionnaires", id, "重复录入", error))
        return FALSE;
    }
  return TRUE;
}

static void
random_items (Demo *d, int target, int items[10])
{
  for (int i = 0; i < 10; i++)
    items[i] = 0;
  for (int points = 0; points < target; points++)
    {
      int i = g_rand_int_range (d->rand, 0, 10);
      if (items[i] < 2)
        items[i]++;
    }
  /* 婚姻职能 does not apply to someone unmarried. */
  if (g_rand_int_range (d->rand, 0, 3) == 0)
    items[1] = 9;
}

static gboolean
add_assessments_and_plans (Demo *d, GError **error)
{
  for (guint i = 0; i < d->clients->len; i++)
    {
      DemoClient *c = &g_array_index (d->clients, DemoClient, i);
      YkAssessmentRecord a = { .client_id = c->id };
      g_autofree char *baseline_date = iso (&c->intake);
      int baseline = g_rand_int_range (d->rand, 3, 12);
      GDate later;

      a.date = baseline_date;
      random_items (d, baseline, a.items);
      if (!yk_casework_add_assessment (d->session, &a, NULL, error))
        return FALSE;
      for (int n = d->later_assessments > 0 ? d->later_assessments : g_rand_int_range (d->rand, 0, 100) < 60; n > 0; n--)
        {
          g_autofree char *later_date = NULL;
          /* One in eight improves by two points or more. */
          int change = g_rand_int_range (d->rand, 0, 8) == 0 ? -g_rand_int_range (d->rand, 2, 4) : g_rand_int_range (d->rand, -1, 2);

          random_day (d, &c->intake, &later);
          later_date = iso (&later);
          a.date = later_date;
          random_items (d, MAX (0, baseline + change), a.items);
          if (!yk_casework_add_assessment (d->session, &a, NULL, error))
            return FALSE;
        }
      if (g_rand_int_range (d->rand, 0, 100) < 50)
        {
          YkPlanGoalRecord g = { .client_id = c->id, .goal = (char *) "每周参加一次小组活动，按时服药" };
          if (!yk_casework_add_plan_goal (d->session, &g, NULL, error))
            return FALSE;
        }
      if (g_rand_int_range (d->rand, 0, 100) < 4)
        {
          g_autofree char *when = NULL;
          GDate date;
          YkReferralRecord r = { .client_id = c->id, .to_kind = (char *) "hospital", .to_whom = (char *) "区精神卫生中心",
                                 .reason = (char *) "病情波动" };

          random_day (d, &c->intake, &date);
          when = iso (&date);
          r.date = when;
          if (!yk_casework_add_referral (d->session, &r, NULL, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* A few people leave the programme: closed, or referred out. */
static gboolean
close_some (Demo *d, GError **error)
{
  for (guint i = 0; i < d->clients->len; i += 23)
    {
      DemoClient *c = &g_array_index (d->clients, DemoClient, i);
      YkClientRecord *r = yk_casework_open_client (d->session, c->id, error);
      GDate when;
      gboolean ok;

      if (r == NULL)
        return FALSE;
      random_day (d, &c->intake, &when);
      g_free (r->status);
      r->status = g_strdup (i % 2 ? "referred" : "closed");
      r->status_date = iso (&when);
      r->status_reason = g_strdup (i % 2 ? "转介至区精神卫生中心" : "本人撤回知情同意");
      ok = yk_casework_update_client (d->session, r, error);
      yk_client_record_clear (r);
      g_free (r);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

gboolean
yk_demo_fill (YkSession  *session,
              guint32     seed,
              YkDemoSize  size,
              GError    **error)
{
  sqlite3 *db = yk_store_get_connection (yk_session_get_store (session));
  gboolean district = size == YK_DEMO_DISTRICT;
  gboolean big = size != YK_DEMO_PILOT;
  /* A site file is a fifth of the district, the same kinds of records. */
  int people = district ? 5000 : big ? 1000 : 142;
  Demo d = { .session = session };
  gboolean ok;

  if (!yk_session_require_coordinator (session, error))
    return FALSE;
  d.rand = g_rand_new_with_seed (seed);
  g_date_clear (&d.start, 1);
  g_date_clear (&d.end, 1);
  g_date_set_dmy (&d.start, 1, 10, 2020);
  g_date_set_dmy (&d.end, 31, 12, 2021);
  d.sites[0] = yk_db_site_find (db, "SPQ", NULL);
  d.sites[1] = yk_db_site_find (db, "JL", NULL);
  d.clients = g_array_new (FALSE, TRUE, sizeof (DemoClient));
  d.families = g_array_new (FALSE, TRUE, sizeof (gint64));
  d.family_site = g_array_new (FALSE, TRUE, sizeof (int));
  d.scale_contacts = big ? 200 : 11;
  d.later_assessments = big ? 9 : 0;

  ok = d.sites[0] > 0 && d.sites[1] > 0;
  if (!ok)
    g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("The demo needs the pilot’s sites SPQ and JL"));
  ok = ok && yk_db_begin (db, error);
  if (ok)
    {
      ok = add_staff (&d, error) &&
           add_clients (&d, people, error) &&
           add_families (&d, error) &&
           add_contacts (&d, error) &&
           add_activities (&d, big ? people * 2 : 56, error) &&
           add_questionnaires (&d, big ? people * 20 : 2050, error) &&
           add_assessments_and_plans (&d, error) &&
           close_some (&d, error) &&
           yk_session_audit (session, "demo", NULL, 0, district ? "district" : big ? "site" : "pilot", error);
      if (ok)
        ok = yk_db_commit (db, error);
      else
        yk_db_rollback (db);
    }
  g_array_unref (d.clients);
  g_array_unref (d.families);
  g_array_unref (d.family_site);
  g_rand_free (d.rand);
  for (int s = 0; s < 2; s++)
    for (int w = 0; w < 3; w++)
      g_free (d.worker_names[s][w]);
  return ok;
}
